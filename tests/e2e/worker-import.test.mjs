// A large catalogue is read in a Web Worker (src/worker.rs, worker.js), from the counsellor's
// side: the page keeps answering while the file is read, shows how far it got (an accessible
// <progress> and a live status line), « Annuler » stops the reading and leaves the catalogue in
// use as it was, a bad file still gets its report (file, line, field), and the worker file is
// in the service worker's offline list.
//
// The files are generated here into a temp dir: 20,000 rows for the full import (the long-task
// figures of the page are printed, not asserted: speed is for benchmarks), 100,000 rows (the
// core's row limit, 21 MB) for the probe and the cancel: reading it lasts long enough to act
// while it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, newPage, waitForApp, axeCheck, screenshotAt, DIST } from './harness.mjs';

const TIMEOUT = { timeout: 300_000 };

const iso = (d) => d.toISOString().slice(0, 10);
const FRESH = iso(new Date(Date.now() - 10 * 86_400_000));
// Checked long ago: « à vérifier » (over six months).
const STALE = '2020-01-15';
const HEADER = 'id;organisation;titre;type;milieu;etablissements;departements;secteurs;competences;horaires;places;date_maj;description';
const DEPS = ['44', '93', '69', '13', '59', '75', '33', '31'];
const TYPES = ['accompagnement', 'emploi', 'formation', 'ei', 'aci'];

/** A catalogue of `rows` valid offers (dehors), as an association's export would look. */
function bigCatalogue(rows) {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const d = DEPS[i % DEPS.length];
    const type = TYPES[i % TYPES.length];
    lines.push(
      `gen-${i};Association ${i % 97};Offre ${type} numéro ${i};${type};dehors;;${d};G1602;cuisine,service;lun-ven 09:00-12:00;${1 + (i % 9)};${i % 10 === 0 ? STALE : FRESH};` +
        `Accompagnement vers l'emploi, ${i % 7 === 0 ? 'permis B souhaité' : 'débutants acceptés'} — atelier collectif et suivi individuel`,
    );
  }
  return lines.join('\n') + '\n';
}

function writeTemp(t, name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-worker-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function openPage(t) {
  const server = await startServer({ root: DIST });
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await newPage(browser, t);
  // Long tasks of the page, from the start (PerformanceObserver 'longtask', Chromium).
  await page.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No long-task timing in this browser: nothing to report.
    }
  });
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForApp(page);
  return { server, page };
}

const summary = (page) => page.locator('[data-testid=catalogue-summary]');
const count = async (page) => Number(await summary(page).getAttribute('data-count'));
const source = (page) => summary(page).getAttribute('data-source');
/** The « Maintenant » results as the counsellor reads them (fits, and the count of the rest). */
const results = (page) => page.getByTestId('results-now').innerText();

test('20,000 rows are read in the worker: progress shown, every offer in use, the page\'s long tasks printed', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  // The reader's wasm module is not part of the start: the page asks for it only when an import
  // starts (the worker fetches it; the service worker may cache it meanwhile, out of the page).
  const reader = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /relais-reader|worker\.js/.test(n)));
  assert.deepEqual(await reader(), [], 'nothing of the reader is fetched at start');
  const file = writeTemp(t, 'catalogue-national.csv', bigCatalogue(20_000));
  const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(1);

  const since = await page.evaluate(() => performance.now());
  await page.getByTestId('catalogue-import').setInputFiles(file);
  // Progress is on screen while the worker reads (the phase shows which step).
  const progress = page.getByTestId('import-progress');
  await progress.waitFor();
  assert.match(await progress.innerText(), /catalogue-national\.csv/);
  assert.ok(['read', 'check', 'receive'].includes(await progress.getAttribute('data-phase')));
  assert.equal(await progress.locator('progress').count(), 1);
  assert.equal(await progress.getByRole('button', { name: 'Annuler' }).count(), 1);

  await page.locator('[data-testid=import-report][data-outcome=used]').waitFor({ timeout: 240_000 });
  const done = await page.evaluate(() => performance.now());
  assert.equal(await progress.count(), 0, 'the progress goes once the catalogue is in use');
  assert.equal(await source(page), 'imported');
  assert.equal(await count(page), 20_000);
  assert.match(await page.getByTestId('import-report').innerText(), /20000 offre/);
  // One row in ten was last checked in 2020: the report names the 50 oldest and counts the
  // rest (drawing 2,000 names took the page tens of MB at 60,000 rows).
  const stale = page.getByTestId('import-stale');
  assert.match(await stale.innerText(), /2000 offre\(s\) à vérifier/);
  assert.equal(await stale.locator('li').count(), 50);
  assert.match(await stale.getByTestId('stale-more').textContent(), /et 1950 autre\(s\) à vérifier/);
  await screenshotAt(page, 'worker-import-stale', stale.locator('li').nth(45));

  const tasks = await page.evaluate((s) => window.__longTasks.filter((e) => e.start >= s), since);
  const loading = tasks.filter((e) => e.start < done - 1);
  const max = (xs) => Math.round(Math.max(0, ...xs.map((e) => e.duration)));
  console.log(
    `worker import of ${mb} MB, 20,000 rows: ${Math.round(done - since)} ms from choice to report; ` +
      `page tasks over 50 ms: ${tasks.length} (longest ${max(tasks)} ms), ` +
      `of which before the last (the catalogue put in use, matched and drawn): ${loading.length - 1 > 0 ? loading.length - 1 : 0}; ` +
      `all: ${JSON.stringify(tasks.map((e) => Math.round(e.duration)))}`,
  );
});

test('a large catalogue is put in use a slice at a time: the page says so, shows no other results meanwhile, then all of its own', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  const before = await results(page);
  // What the results area showed while the catalogue was put in use, seen at every change.
  await page.evaluate(() => {
    window.__inUse = { preparing: [], mixed: 0 };
    new MutationObserver(() => {
      const preparing = document.querySelector('[data-testid=results-preparing]');
      if (!preparing) return;
      window.__inUse.preparing.push(preparing.textContent);
      // Never the status and results at once: no count, no card of a catalogue half prepared
      // or of the one it replaces.
      if (document.querySelector('#results [data-testid=results-now], #results [data-testid^=offer-], #results .badge')) window.__inUse.mixed++;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const file = writeTemp(t, 'catalogue-national.csv', bigCatalogue(20_000));
  await page.getByTestId('catalogue-import').setInputFiles(file);
  await page.locator('[data-testid=import-report][data-outcome=used]').waitFor({ timeout: 240_000 });
  await page.getByTestId('results-now').waitFor({ timeout: 60_000 });
  const seen = await page.evaluate(() => window.__inUse);
  assert.ok(seen.preparing.length > 0, 'the page said the catalogue was being put in use');
  assert.match(seen.preparing[0], /^Mise en service du catalogue : \d+ offres préparées sur 20000\./);
  assert.equal(seen.mixed, 0, 'no result shown while it was prepared');
  assert.equal(await page.getByTestId('results-preparing').count(), 0, 'gone once ready');
  // Its results, whole: every one of its 20,000 offers counted in « Maintenant ».
  const now = await results(page);
  assert.notEqual(now, before);
  const m = (await page.locator('#results .summary').innerText()).match(/Maintenant — possibles : (\d+), écartées : (\d+)(?:, plus loin : (\d+))?/);
  assert.ok(m, await page.locator('#results .summary').innerText());
  assert.equal(Number(m[1]) + Number(m[2]) + Number(m[3] ?? 0), 20_000);
  assert.equal(await count(page), 20_000);
});

test('the page answers while a large file is read; the progress state is accessible', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  const file = writeTemp(t, 'tres-gros.csv', bigCatalogue(100_000));

  await page.getByTestId('catalogue-import').setInputFiles(file);
  const progress = page.getByTestId('import-progress');
  await progress.waitFor();

  // A probe: the language switch takes effect while the file is being read, the progress
  // line included.
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await progress.count(), 1, 'still reading when the page answered');
  assert.match(await progress.innerText(), /tres-gros\.csv/);
  assert.equal(await progress.getByRole('button', { name: 'Cancel' }).count(), 1);
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');

  // The progress state: a <progress> named by the live status line; no serious axe finding.
  const bar = progress.locator('progress');
  assert.equal(await bar.getAttribute('aria-labelledby'), 'import-progress-label');
  assert.equal(await progress.getByRole('status').count(), 1);
  await page.getByTestId('catalogue').scrollIntoViewIfNeeded();
  assert.equal(await progress.count(), 1, 'still reading for the screenshot');
  await screenshotAt(page, 'worker-import-progress', page.getByTestId('catalogue'));
  assert.equal(await progress.count(), 1, 'still reading for the accessibility check');
  await axeCheck(page, 'worker-import-progress');
});

test('« Annuler » stops the reading and leaves the catalogue in use as it was', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  const before = { count: await count(page), now: await results(page) };
  assert.match(before.now, /Écartées : \d+|\d+ offre/);
  const file = writeTemp(t, 'tres-gros.csv', bigCatalogue(100_000));

  await page.getByTestId('catalogue-import').setInputFiles(file);
  const progress = page.getByTestId('import-progress');
  await progress.waitFor();
  await progress.getByRole('button', { name: 'Annuler' }).click();
  const report = page.locator('[data-testid=import-report][data-outcome=cancelled]');
  await report.waitFor();
  assert.match(await report.innerText(), /Import de « tres-gros\.csv » annulé/);
  assert.match(await report.innerText(), /Le catalogue en service n'a pas changé/);
  assert.equal(await progress.count(), 0);
  // Nothing from the cancelled file reaches the page, even later.
  await page.waitForTimeout(3000);
  assert.equal(await source(page), 'seed');
  assert.equal(await count(page), before.count);
  assert.equal(await results(page), before.now);
  await page.getByTestId('catalogue').scrollIntoViewIfNeeded();
  await axeCheck(page, 'worker-import-cancelled');
  await screenshotAt(page, 'worker-import-cancelled', page.getByTestId('catalogue'));
});

test('a bad file read in the worker still gets its report: file, line, field', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  const before = await count(page);
  // No valid row: rejected, every problem with its line and field.
  const bad = 'id;organisation;titre;type;milieu;departements\nx1;Asso;Stage;nimporte;dehors;44\nx2;Asso;Atelier;atelier;ailleurs;44\n';
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'tout-faux.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const report = page.locator('[data-testid=import-report][data-outcome=rejected]');
  await report.waitFor();
  assert.equal(await report.locator('tr[data-line="2"][data-field="type"]').count(), 1);
  assert.equal(await report.locator('tr[data-line="3"][data-field="milieu"]').count(), 1);
  assert.equal(await count(page), before);

  // Some valid rows, a suite to an offer further down, a bad one: used, the problem reported.
  const mixed =
    HEADER + ';suite\n' +
    `m1;Asso;Atelier cuisine;atelier;dedans;fleury-merogis;;;;;;${FRESH};;m3\n` +
    `m2;Asso;Stage;stage;dehors;;Loire-Atlantiqu;;;;;${FRESH};;\n` +
    `m3;Asso;Commis de cuisine;ei;dehors;;44;G1602;;;;${FRESH};;\n`;
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'melange.csv', mimeType: 'text/csv', buffer: Buffer.from(mixed) });
  const used = page.locator('[data-testid=import-report][data-outcome=used]');
  await used.waitFor();
  assert.equal(await count(page), 2);
  assert.ok(await used.locator('tr[data-line="3"][data-field="departements"]').count() >= 1);
  assert.equal(await used.locator('tr[data-field="suite"]').count(), 0, 'the suite m1 → m3 holds across the hand-over');

  // A workbook by its bytes, whatever its name says: read as one (this one is broken: said).
  await page
    .getByTestId('catalogue-import')
    .setInputFiles({ name: 'partenaires.csv', mimeType: 'text/csv', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]) });
  await page.locator('[data-testid=import-report][data-outcome=unreadable]').waitFor();
  assert.match(await page.getByTestId('import-report').innerText(), /classeur illisible/);

  // Other columns than Relais's (the SIAE list's): the worker hands the file to the page's
  // mapping step; the catalogue in use does not change yet.
  const siae = 'MESURE;SIRET;DENOMINATION_SOCIALE;CODE_DEPARTEMENT;COMMUNE\nACI;12345678900011;Chantier Vert;44;Nantes\n';
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'siae.csv', mimeType: 'text/csv', buffer: Buffer.from(siae) });
  await page.getByTestId('mapping-step').waitFor();
  assert.equal(await count(page), 2);
});

test('the worker script is in the offline list of the service worker', async () => {
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const files = JSON.parse(sw.match(/const FILES = (\[.*?\]);/)[1]);
  assert.ok(files.includes('worker.js'), files.join(', '));
  // The reader's own module (crates/reader), which the worker loads.
  assert.ok(files.includes('relais-reader.js') && files.includes('relais-reader_bg.wasm'), files.join(', '));
  // The workbooks module (crates/workbook), which the reader's worker loads for a workbook only.
  assert.ok(files.includes('relais-workbooks.js') && files.includes('relais-workbooks_bg.wasm'), files.join(', '));
});
