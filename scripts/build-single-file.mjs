// Builds dist/relais.html: the whole app in one self-contained file that opens from a USB
// stick through file://, with no server and no network (TOOLCHAIN.md, « file:// »).
//
//   trunk build --release && node scripts/build-single-file.mjs [dist]
//
// Trunk's dist/ does not run from file:// (Chromium blocks the module script and the wasm
// fetch from origin `null`). This file does, because:
//   - wasm-bindgen's JS glue is inlined as a classic script (its `export` and `import.meta`
//     removed) and the wasm is embedded in it as base64, started with
//     `initSync({ module: bytes })`: nothing is fetched; so is the catalogue reader's
//     (crates/reader), run on the page (no worker from file://), started at the first import,
//     and the workbooks module (crates/workbook), started at the first workbook;
//   - the CSS is inlined;
//   - the workshop map (data/carte-departements.json) is embedded as a JSON data block, which
//     the app reads instead of fetching it; so are the seed catalogue and the reference tables
//     (start.js's DATA_FILES, which the served app fetches). The commune list (0.8 MB) is not
//     included: the app knows it runs as this file (`<html data-relais-build="single-file">`),
//     fetches nothing and says that communes are to be typed by their INSEE code; nor is the
//     job list
//     (rome-appellations.csv, 0.7 MB): the sector field then takes ROME codes and titles;
//   - its own Content-Security-Policy allows exactly this inline script and this inline style
//     by their SHA-256 hashes (no 'unsafe-inline'), plus 'wasm-unsafe-eval' for WebAssembly,
//     and no connection at all (`connect-src 'none'`).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const read = (f) => fs.readFileSync(path.join(dist, f));
const must = (cond, msg) => {
  if (!cond) {
    console.error(`build-single-file: ${msg}`);
    process.exit(1);
  }
};
must(fs.existsSync(path.join(dist, 'index.html')), `${dist}/index.html does not exist: run trunk build --release first`);

let html = read('index.html').toString('utf8');

// 1. The CSS files, in page order, into one <style>.
const css = [];
html = html.replace(/<link\b[^>]*rel="stylesheet"[^>]*>\s*/g, (tag) => {
  const href = tag.match(/href="([^"]+)"/)[1];
  css.push(`/* ${path.basename(href)} */\n${read(href.replace(/^\.\//, '')).toString('utf8')}`);
  return '';
});
must(css.length > 0, 'no stylesheet found in index.html');
const style = css.join('\n');

// 2. What only the served app uses: the module script, Trunk's leftover rust link.
html = html.replace(/<script\b[^>]*type="module"[^>]*><\/script>\s*/g, '');
html = html.replace(/<link\b[^>]*data-trunk[^>]*>\s*/g, '');
// The served page's early requests (start.js's files): all inside this one.
html = html.replace(/<link\b[^>]*rel="(?:preload|modulepreload)"[^>]*>\s*/g, '');
html = html.replace(/<!--[\s\S]*?-->\s*/g, '');

// 3. The JS glue as a classic script, with the wasm inside.
const classic = (file) => {
  let glue = read(file).toString('utf8');
  must(!/^\s*import\s/m.test(glue), `${file} imports other modules (wasm-bindgen snippets): inline them first`);
  glue = glue
    .replace(/^export\s*\{[^}]*\};?\s*$/m, '')
    .replace(/^export\s+(?=(async\s+)?function|class|const|let)/gm, '')
    .replace(/import\.meta\.url/g, 'document.baseURI');
  must(!/\bexport\b\s*[{*]|import\.meta/.test(glue), `${file} still has an export or import.meta`);
  must(/function initSync\b/.test(glue), `${file} has no initSync (wasm-bindgen --target web expected)`);
  return glue;
};
const glue = classic('relais-app.js');
const wasm = read('relais-app_bg.wasm');
// The catalogue reader (crates/reader), which the served app runs in a Web Worker: no worker
// starts from file://, so here it runs on the page, in a scope of its own, started the first
// time a catalogue is read; the app talks to it through a MessagePort (src/worker.rs).
const reader =
  '(function () {\n"use strict";\n' +
  classic('relais-reader.js') +
  `\nconst b64 = "${read('relais-reader_bg.wasm').toString('base64')}";\n` +
  'let started = false;\n' +
  'globalThis.relaisReaderPort = function () {\n' +
  '  if (!started) {\n' +
  '    const bin = atob(b64);\n    const bytes = new Uint8Array(bin.length);\n' +
  '    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);\n' +
  '    initSync({ module: bytes });\n    started = true;\n  }\n' +
  '  const channel = new MessageChannel();\n  serve_port(channel.port2);\n  return channel.port1;\n};\n})();\n';
// The workbooks module (crates/workbook), which the reader's worker imports for a workbook
// only (worker.js): here embedded too, started the first time a workbook is read; the reader,
// on the page, calls the same `relaisWorkbook` (crates/reader/src/serve.rs).
const workbooks =
  '(function () {\n"use strict";\n' +
  classic('relais-workbooks.js') +
  `\nconst b64 = "${read('relais-workbooks_bg.wasm').toString('base64')}";\n` +
  'let started = false;\n' +
  'globalThis.relaisWorkbook = async function (file) {\n' +
  '  if (!started) {\n' +
  '    const bin = atob(b64);\n    const bytes = new Uint8Array(bin.length);\n' +
  '    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);\n' +
  '    initSync({ module: bytes });\n    started = true;\n  }\n' +
  '  return open_workbook(file);\n};\n})();\n';
// The reference tables and seed catalogue the served app fetches (start.js): here a JSON data
// block, set as `globalThis.relaisData` before the app starts (src/browser.rs, DATA_GLOBAL).
const startJs = read('start.js').toString('utf8');
const dataList = startJs.match(/const DATA_FILES = \[([^\]]*)\]/);
must(dataList, 'start.js has no DATA_FILES list');
const dataFiles = [...dataList[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
must(dataFiles.length > 0, 'start.js names no data file');
const data = JSON.stringify(Object.fromEntries(dataFiles.map((f) => [f, read(f).toString('utf8')]))).replace(/</g, '\\u003c');
const script =
  '(function () {\n"use strict";\n' +
  'globalThis.relaisData = JSON.parse(document.getElementById("relais-data").textContent);\n' +
  glue +
  `\nconst b64 = "${wasm.toString('base64')}";\n` +
  'const bin = atob(b64);\nconst bytes = new Uint8Array(bin.length);\n' +
  'for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);\n' +
  'initSync({ module: bytes });\n})();\n' +
  reader +
  workbooks;

// 4. The map, as a data block (not executed, not subject to script-src).
const map = read('carte-departements.json').toString('utf8').trim().replace(/</g, '\\u003c');
// The interface in English (src/i18n.rs EN_FILE), which the served app fetches when English is
// chosen: a text block (it has no `<`, checked).
const english = read('i18n-en.tsv').toString('utf8');
must(!english.includes('<'), 'i18n-en.tsv holds a < (it would end its data block)');

// 5. Its own CSP: exactly this script and this style.
const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha(style)}`,
  'img-src data:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const cspTag = /<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*>/;
must(cspTag.test(html), 'index.html has no CSP meta tag');
html = html.replace(cspTag, `<meta http-equiv="Content-Security-Policy" content="${csp}" />`);
html = html.replace(/<html\b([^>]*)>/, '<html$1 data-relais-build="single-file">');
// The data block sits in <head>: Yew empties <body> when it mounts there.
html = html.replace(
  '</head>',
  `<style>${style}</style>\n<script type="application/json" id="relais-carte">${map}</script>\n` +
    `<script type="application/json" id="relais-data">${data}</script>\n` +
    `<script type="text/tab-separated-values" id="relais-i18n-en">${english}</script>\n  </head>`,
);
// The script runs at the end of <body>, once <body> exists: Yew mounts on it.
html = html.replace('</body>', `<script>${script}</script>\n  </body>`);
must(!html.includes('<script type="module"'), 'a module script is left');

const out = path.join(dist, 'relais.html');
fs.writeFileSync(out, html);
const parts = ['relais-app.js', 'relais-app_bg.wasm', 'relais-reader.js', 'relais-reader_bg.wasm', 'relais-workbooks.js', 'relais-workbooks_bg.wasm', 'carte-departements.json', 'index.html', ...dataFiles];
const served = parts.reduce((n, f) => n + fs.statSync(path.join(dist, f)).size, 0) + Buffer.byteLength(style);
const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
const size = fs.statSync(out).size;
console.log(
  `build-single-file: wrote ${out}: ${kb(size)} (the files it holds: ${kb(served)}, +${Math.round((size / served - 1) * 100)} %)`,
);
