// Size budget: the app's wasm and JavaScript in dist/ (what a browser downloads to run it),
// compressed as a static host would serve them. Fails when wasm + js grow past the budget.
// Not a timing: sizes are deterministic for a given build. Needs dist/ (trunk build --release).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from './harness.mjs';

// Issue #7's target is wasm + js under 250 KB once brotli-compressed (Node's zlib, quality 11,
// the maximum), KB = 1000 bytes. The data files (communes.csv, rome-appellations.csv, the map)
// and the CSS are not counted. The target is missed, and further since the session of
// 2026-11-30: 338 KB (266 KB before; the places resolver and reach, the hours reader, the
// everyday job index, the hostile-file checks and the grouped results added about 72 KB), then
// 431 KB after the second session of that day (column mappings, LHEO, Soliguide, data·inclusion
// structures, the catalogue worker, the two sheets: +93 KB; docs/performance.md says where it
// goes and the plan). The budget holds the line where we are, with a little room, so that
// nothing grows unnoticed; lower it as the plan lands.
const TARGET_BROTLI_BYTES = 250_000;
const BUDGET_BROTLI_BYTES = 440_000;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

test(`dist/ wasm + js stay under ${kb(BUDGET_BROTLI_BYTES)} brotli`, () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), `${DIST}/index.html does not exist: build the app first (trunk build --release)`);
  const files = walk(DIST)
    .filter((f) => /\.(wasm|js)$/.test(f))
    .sort();
  assert.ok(files.some((f) => f.endsWith('.wasm')), `no .wasm file in ${DIST}`);
  assert.ok(files.some((f) => f.endsWith('.js')), `no .js file in ${DIST}`);

  const rows = files.map((f) => {
    const raw = fs.readFileSync(f);
    return {
      file: path.relative(DIST, f),
      raw: raw.length,
      gzip: zlib.gzipSync(raw, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }).length,
    };
  });
  const total = { file: 'total', raw: 0, gzip: 0, brotli: 0 };
  for (const r of rows) for (const k of ['raw', 'gzip', 'brotli']) total[k] += r[k];

  const width = Math.max(...[...rows, total].map((r) => r.file.length));
  const line = (r) => `${r.file.padEnd(width)}  ${kb(r.raw).padStart(9)} raw  ${kb(r.gzip).padStart(9)} gzip -9  ${kb(r.brotli).padStart(9)} brotli`;
  console.log([...rows.map(line), line(total), `budget: ${kb(BUDGET_BROTLI_BYTES)} brotli, ${kb(BUDGET_BROTLI_BYTES - total.brotli)} left; target ${kb(TARGET_BROTLI_BYTES)}: ${total.brotli <= TARGET_BROTLI_BYTES ? 'met' : 'missed'}`].join('\n'));

  assert.ok(
    total.brotli <= BUDGET_BROTLI_BYTES,
    `wasm + js are ${kb(total.brotli)} brotli, over the budget of ${kb(BUDGET_BROTLI_BYTES)} by ${kb(total.brotli - BUDGET_BROTLI_BYTES)}:\n` +
      rows.map(line).join('\n'),
  );
});
