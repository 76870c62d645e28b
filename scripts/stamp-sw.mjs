// Writes the build's version and file list into sw.js (Trunk post-build hook, see Trunk.toml;
// also runnable by hand: `node scripts/stamp-sw.mjs dist`).
//
// The version is the first 16 hex digits of a SHA-256 over every built file (name and
// bytes), so each build that changes anything gets a new service-worker cache. The list is
// every file of the build but sw.js itself and relais.html (the single-file copy, for USB
// sticks, which the served app does not use).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist');
const sw = path.join(dir, 'sw.js');
if (!fs.existsSync(sw)) {
  console.error(`stamp-sw: ${sw} does not exist (index.html must copy sw.js)`);
  process.exit(1);
}

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const files = walk(dir)
  .map((f) => path.relative(dir, f).split(path.sep).join('/'))
  // relais.config.json is the host's to edit after the build (docs/hosting.md): never
  // precached, so the worker fetches it network-first like the host's catalogue files.
  .filter((f) => f !== 'sw.js' && f !== 'relais.html' && f !== 'relais.config.json' && !f.startsWith('.'))
  .sort();
const hash = crypto.createHash('sha256');
for (const f of files) {
  hash.update(f);
  hash.update('\0');
  hash.update(fs.readFileSync(path.join(dir, f)));
}
const version = hash.digest('hex').slice(0, 16);

let text = fs.readFileSync(sw, 'utf8');
if (!text.includes('__RELAIS_BUILD_VERSION__')) {
  // Already stamped (a hook run twice on the same staging directory): nothing to do.
  console.log(`stamp-sw: ${sw} already stamped`);
  process.exit(0);
}
text = text
  .replace("'__RELAIS_BUILD_VERSION__'", JSON.stringify(version))
  .replace("['__RELAIS_BUILD_FILES__']", JSON.stringify(files));
fs.writeFileSync(sw, text);
console.log(`stamp-sw: version ${version}, ${files.length} files: ${files.join(', ')}`);
