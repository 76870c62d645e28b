// No network at all:
// - the service worker (sw.js, its version and file list written by scripts/stamp-sw.mjs)
//   caches the app's own files on a first visit; with the network cut (Chromium's offline
//   emulation), a reload still starts the app, shows results, the communes and the map;
// - dist/relais.html (scripts/build-single-file.mjs) opens through file:// — as from a USB
//   stick — starts, shows results and the workshop map, makes no request at all and logs
//   nothing in red; its CSP allows exactly its inline script and style, by hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, openApp, launchBrowser, axeCheck, screenshot, cspFromHtml, loadExample } from './harness.mjs';

const WAIT = { timeout: 30_000 };

function stamped() {
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const version = JSON.parse(sw.match(/const VERSION = ("[^"]*");/)[1]);
  const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
  return { sw, version, files };
}

test('sw.js carries the version of this build and the list of its files', () => {
  const { sw, version, files } = stamped();
  assert.ok(!sw.includes('__RELAIS_BUILD'), 'sw.js was stamped');
  assert.match(version, /^[0-9a-f]{16}$/);
  for (const f of ['index.html', 'start.js', 'relais-app.js', 'relais-app_bg.wasm', 'worker.js', 'relais-reader.js', 'relais-reader_bg.wasm', 'relais-workbooks.js', 'relais-workbooks_bg.wasm', 'main.css', 'communes.csv', 'rome-appellations.csv', 'carte-departements.json', 'catalogue.csv', 'etablissements.csv', 'rome_metiers.csv']) {
    assert.ok(files.includes(f), `${f} is cached for offline use`);
  }
  for (const f of files) assert.ok(fs.existsSync(path.join(DIST, f)), `${f} is listed but not in dist/`);
  assert.ok(!files.includes('sw.js') && !files.includes('relais.html'));
});

test('a second visit works with the network cut', { timeout: 120_000 }, async (t) => {
  const { page, server } = await openApp(t);
  // First visit: the service worker installs, caches the app's files and takes control.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  const { version } = stamped();
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`relais-app-${version}`]);

  await page.context().setOffline(true);
  const served = server.requests.length;
  await page.reload({ waitUntil: 'load' });
  // The app opens on an empty profile; the example person shows offers.
  await loadExample(page);
  await page.getByTestId('results-now').waitFor(WAIT);
  const offers = await page.locator('[data-testid=results-now] [data-testid^=offer-]').count();
  assert.ok(offers >= 1, `results offline: ${offers}`);
  // The commune list came from the cache too (no « could not be loaded » notice).
  await page.waitForFunction(() => !document.body.innerText.includes("La liste des communes n'a pas pu"), null, { timeout: 5_000 }).catch(() => {});
  assert.ok(!(await page.locator('body').innerText()).includes("La liste des communes n'a pas pu être chargée"));
  // A catalogue imported offline: the reader's worker and its wasm module (fetched only when an
  // import starts, never at start) come from the cache. A data·inclusion JSON: a format only
  // the reader's module reads.
  const services = JSON.stringify([
    { id: 'hors-ligne-1', nom: 'Atelier hors ligne', structure_id: 'asso', source: 'test', code_insee: '91235', zone_eligibilite: ['91'], date_maj: '2026-10-01' },
  ]);
  await page.getByTestId('catalogue-add').setInputFiles({ name: 'services.json', mimeType: 'application/json', buffer: Buffer.from(services) });
  await page.locator('[data-testid=import-report][data-outcome=used]').filter({ hasText: 'services.json' }).waitFor(WAIT);
  // English, a data file fetched the first time it is chosen (not in the wasm): from the cache.
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, WAIT);
  assert.equal((await page.getByTestId('profile-save').innerText()).trim(), 'Save the profile');
  // The workshop and its map, offline.
  await page.getByTestId('workshop-toggle').click();
  await page.locator('[data-testid=map] svg').waitFor(WAIT);
  assert.ok((await page.locator('[data-testid=ws-list] li').count()) >= 1);
  assert.equal(server.requests.length, served, `nothing reached the server offline: ${server.requests.slice(served)}`);
  await screenshot(page, 'offline-workshop');
});

test('relais.html opens from file:// with no request at all', { timeout: 120_000 }, async (t) => {
  const file = path.join(DIST, 'relais.html');
  assert.ok(fs.existsSync(file), `${file} does not exist: node scripts/build-single-file.mjs (after trunk build --release)`);
  const html = fs.readFileSync(file, 'utf8');

  // Its own CSP: hashes, no 'unsafe-inline', no connection.
  const csp = cspFromHtml(html);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /default-src 'none'/);
  assert.ok(!csp.includes('unsafe-inline'));
  assert.ok(!/<script\b[^>]*\bsrc=/.test(html) && !/<link\b[^>]*stylesheet/.test(html), 'nothing to load');
  assert.ok(!/type="module"/.test(html));

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.stack || e}`));

  await page.goto(url, { waitUntil: 'load' });
  await loadExample(page);
  await page.getByTestId('results-now').waitFor(WAIT);
  assert.ok((await page.locator('[data-testid=results-now] [data-testid^=offer-]').count()) >= 1, 'results shown');
  // Communes: not in this file; codes still work, and the app says so without an error.
  await page.getByText('communes restent utilisables par leur code INSEE').first().waitFor(WAIT);
  await page.getByTestId('banned-place-input').fill('93008');
  await page.getByTestId('banned-place-add').click();
  // Without the list there is no name to show: the commune keeps its code, with its département.
  await page.locator('.chip[data-code="93008"]').waitFor(WAIT);
  assert.equal((await page.locator('.chip[data-code="93008"] > span').innerText()).trim(), 'commune 93008 (Seine-Saint-Denis)');
  await axeCheck(page, 'single-file');
  await screenshot(page, 'single-file');

  // A catalogue added from the stick: no worker from file://, the reader module it embeds reads
  // it on the page (a data·inclusion JSON: a format only that module reads).
  const services = JSON.stringify([
    { id: 'cle-usb-1', nom: 'Atelier de la clé', structure_id: 'asso', source: 'test', code_insee: '91235', zone_eligibilite: ['91'], date_maj: '2026-10-01' },
  ]);
  await page.getByTestId('catalogue-add').setInputFiles({ name: 'services.json', mimeType: 'application/json', buffer: Buffer.from(services) });
  await page.locator('[data-testid=import-report][data-outcome=used]').filter({ hasText: 'services.json' }).waitFor(WAIT);

  // English, read from the file itself (the served app fetches it when it is chosen).
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, WAIT);
  assert.equal((await page.getByTestId('profile-save').innerText()).trim(), 'Save the profile');
  // The workshop and its map, read from the file itself.
  await page.getByTestId('workshop-toggle').click();
  await page.locator('[data-testid=map] svg path').first().waitFor(WAIT);
  assert.ok((await page.locator('[data-testid=map] svg path').count()) >= 96);
  await page.keyboard.press('PageDown');
  await page.getByTestId('ws-slide').waitFor(WAIT);
  await screenshot(page, 'single-file-workshop');

  assert.deepEqual(requests, [url], `only the file itself: ${requests.join(', ')}`);
  assert.deepEqual(problems, []);
});
