// Size budget: what a browser downloads to show the first result, compressed as a static host
// would serve it. Fails when the app's wasm + js grow past the budget. Not a timing: sizes are
// deterministic for a given build. Needs dist/ (trunk build --release).
//
// Three groups, each printed (issue 16, « Start »):
//   - start: the app's wasm and JavaScript (start.js, the glue, the wasm): the budget;
//   - worker: what only the catalogue reader's Web Worker loads, when an import starts and
//     never at start (worker.js and the reader's own wasm module, crates/reader: every import
//     format, which the page's wasm no longer links): its own budget;
//   - workbooks: the workbooks module (crates/workbook), which that worker loads only for a
//     file that starts like a workbook: its own budget;
//   - after start: the service worker (registered once the app runs, for offline use);
// and, apart, the data files the page fetches as data (the reference tables and seed catalogue
// start.js fetches before the app starts, the commune list, the job list and the English
// interface fetched after).
// Any other .wasm or .js file in dist/ fails the test: nothing grows unclassified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from './harness.mjs';

// Issue 16's target is wasm + js at start ≤ 250 KB once brotli-compressed (Node's zlib,
// quality 11, the maximum), KB = 1000 bytes. History: 266 KB, 338 KB, 431 KB (2026-11-30,
// sessions 1 and 2), 458.5 KB on main when the size work of session 3 started; then the
// reference tables and the seed catalogue left the wasm (fetched as data, -25 KB); then the
// import-only readers left the page for the catalogue reader's own module (378.0 KB; 390.0
// with main merged on 2026-12-01 00:05 UTC, its prepared ranking index included); then
// (2026-12-01, 03:37 UTC, size work of session 4) English left the wasm (a data file fetched
// when it is chosen), one sort shared by the place suggestions and schedules: 382.5 KB with
// main merged, the budget's base (+2 %). Session 6 (2026-12-01, 11:35 UTC) crossed it with
// work that had to be in the page: an interdiction d'exercer met through the offer's jobs
// (data/activites-metiers.csv, its rule, sentences and warning), French dates in words, a
// profile file's errors naming their field, a large catalogue put in use in slices (no long
// task): 392.7 KB after cutting what could be cut (a profile's one-or-many lists, −1.8 KB; the
// catalogue's commune reading without the page's place resolver). The budget was raised by
// 3.5 KB to hold the line there, not moved toward 250 KB: see docs/performance.md.
// docs/performance.md says where the rest goes and what reaching 250 KB would take. The budget
// holds the line where we are, with ~3 % of room, so that nothing grows unnoticed; lower it
// as the plan lands.
const TARGET_BROTLI_BYTES = 250_000;
// Session 7 (2026-12-01, 13:45 UTC): 391.4 KB — std's float printer out of the page (numbers
// written through integers, view::decimal: −6.7 KB) paid for the file read again after the
// worker (+2.9) and the session's place and activity readings; the budget lowered to 393.0.
// Brotli moves by ±2 KB for a change of a few hundred bytes (a 20-entry table of Roman
// numerals cost 2.3 KB, the same reading as arithmetic 0.4 KB): measure before and after.
// A measured floor (Yew and the core's first-result path alone, 191.9 KB) is in
// docs/performance.md, « Start: the floor of one Yew app ».
const BUDGET_BROTLI_BYTES = 393_000;

const START = ['start.js', 'relais-app.js', 'relais-app_bg.wasm'];
const WORKER = ['worker.js', 'relais-reader.js', 'relais-reader_bg.wasm'];
// The catalogue reader (worker group: worker.js and the reader's module), 232.6 KB with main
// merged (2026-11-30 23:57 UTC), 238.0 KB on 2026-12-01 00:55 UTC (places read back from
// their names in words, hours read before their days, Soliguide places by coordinates); ~2 %
// of room. Fetched when an import starts; the core's reading code (places, hours, rows) lands
// in both modules. 460.8 KB on 2026-12-01 02:55 UTC: XLSX and ODS workbooks read in the
// worker (relais-workbook: calamine, zip and its inflater, and quick-xml's `encoding` feature,
// which calamine turns on and which links every encoding_rs decoder with its tables): +222 KB,
// paid by every import until workbooks got a module of their own (docs/performance.md):
// 245.7 KB on 2026-12-01 05:32 UTC, 249.6 KB with main merged at 06:16 UTC (the core's work of
// the session), the budget's base (+2 %). 254.0 KB with the data·inclusion reading of session 6
// (entries without a value tree), 258.1 KB with the sheets' own words (dates in words, a
// département with its name, communes as typed, near establishment names): raised to 259.1.
// Session 7 (2026-12-01): 261.0 KB with places read with their code (« 93 - Seine-Saint-Denis »,
// « 69 Lyon »), régions by their short names and one-letter day ranges in hours (« L-V »),
// which the reader shares with the page: raised to 262.5 (the start went down meanwhile);
// 263.8 KB with an association's words read in its sheet (a session's month, seats in words,
// casier « Non », regulated activities in words): raised to 265.5.
const WORKER_BUDGET_BROTLI_BYTES = 265_500;
// The workbooks module (crates/workbook's own wasm: calamine, zip and its inflater,
// encoding_rs), which the reader's worker fetches for a file that starts like a workbook only
// (since 2026-12-01 05:32 UTC; it was in the reader's module before): its own budget, 271.2 KB
// then + 2 %. Most of it is calamine, zip and encoding_rs's tables (quick-xml's `encoding`).
const WORKBOOKS = ['relais-workbooks.js', 'relais-workbooks_bg.wasm'];
const WORKBOOKS_BUDGET_BROTLI_BYTES = 276_700;
const AFTER_START = ['sw.js'];
const startJs = fs.existsSync(path.join(DIST, 'start.js')) ? fs.readFileSync(path.join(DIST, 'start.js'), 'utf8') : '';
const DATA = [
  ...[...(startJs.match(/const DATA_FILES = \[([^\]]*)\]/)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]),
  'communes.csv',
  'rome-appellations.csv',
  // The interface in English, fetched the first time English is chosen (src/i18n.rs).
  'i18n-en.tsv',
];

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

function measure(file) {
  const raw = fs.readFileSync(path.join(DIST, file));
  return {
    file,
    raw: raw.length,
    gzip: zlib.gzipSync(raw, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }).length,
  };
}

function group(title, files) {
  const rows = files.map(measure);
  const total = { file: `${title} total`, raw: 0, gzip: 0, brotli: 0 };
  for (const r of rows) for (const k of ['raw', 'gzip', 'brotli']) total[k] += r[k];
  return { rows, total };
}

test(`the app's wasm + js at start stay under ${kb(BUDGET_BROTLI_BYTES)} brotli`, () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), `${DIST}/index.html does not exist: build the app first (trunk build --release)`);
  const code = walk(DIST)
    .map((f) => path.relative(DIST, f).split(path.sep).join('/'))
    .filter((f) => /\.(wasm|js)$/.test(f));
  const unclassified = code.filter((f) => ![...START, ...WORKER, ...WORKBOOKS, ...AFTER_START].includes(f));
  assert.deepEqual(unclassified, [], 'code files the size test does not classify (start, worker, workbooks or after start)');
  for (const f of [...START, ...WORKER, ...WORKBOOKS, ...AFTER_START]) {
    assert.ok(code.includes(f), `${f} is missing from ${DIST}`);
  }
  assert.ok(DATA.length > 2, 'start.js names no DATA_FILES');
  const groups = [
    group('start', START),
    group('worker', WORKER),
    group('workbooks', WORKBOOKS),
    group('after start', AFTER_START),
    group('data (not counted)', DATA.filter((f) => fs.existsSync(path.join(DIST, f)))),
  ];
  const all = groups.flatMap((g) => [...g.rows, g.total]);
  const width = Math.max(...all.map((r) => r.file.length));
  const line = (r) => `${r.file.padEnd(width)}  ${kb(r.raw).padStart(9)} raw  ${kb(r.gzip).padStart(9)} gzip -9  ${kb(r.brotli).padStart(9)} brotli`;
  const start = groups[0].total.brotli;
  const worker = groups[1].total.brotli;
  const workbooks = groups[2].total.brotli;
  console.log(
    [
      ...groups.flatMap((g) => [...g.rows.map(line), line(g.total), '']),
      `start budget: ${kb(BUDGET_BROTLI_BYTES)} brotli, ${kb(BUDGET_BROTLI_BYTES - start)} left; target ${kb(TARGET_BROTLI_BYTES)}: ${start <= TARGET_BROTLI_BYTES ? 'met' : 'missed'}`,
      `worker budget: ${kb(WORKER_BUDGET_BROTLI_BYTES)} brotli, ${kb(WORKER_BUDGET_BROTLI_BYTES - worker)} left`,
      `workbooks budget: ${kb(WORKBOOKS_BUDGET_BROTLI_BYTES)} brotli, ${kb(WORKBOOKS_BUDGET_BROTLI_BYTES - workbooks)} left`,
    ].join('\n'),
  );

  assert.ok(
    start <= BUDGET_BROTLI_BYTES,
    `the app's wasm + js at start are ${kb(start)} brotli, over the budget of ${kb(BUDGET_BROTLI_BYTES)} by ${kb(start - BUDGET_BROTLI_BYTES)}:\n` +
      groups[0].rows.map(line).join('\n'),
  );
  assert.ok(
    worker <= WORKER_BUDGET_BROTLI_BYTES,
    `the catalogue reader (worker.js and its module) is ${kb(worker)} brotli, over its budget of ${kb(WORKER_BUDGET_BROTLI_BYTES)}:\n` +
      groups[1].rows.map(line).join('\n'),
  );
  assert.ok(
    workbooks <= WORKBOOKS_BUDGET_BROTLI_BYTES,
    `the workbooks module is ${kb(workbooks)} brotli, over its budget of ${kb(WORKBOOKS_BUDGET_BROTLI_BYTES)}:\n` +
      groups[2].rows.map(line).join('\n'),
  );
});
