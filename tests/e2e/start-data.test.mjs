// The reference tables and the seed catalogue are data files beside the wasm (issue 16,
// « Start »): start.js fetches them before the app starts. From the counsellor's side: the app
// opens with them as before; should one be missing on the server, it still opens, and says
// which file is missing instead of showing an empty screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, openApp, startServer, launchBrowser, newPage, waitForApp, loadExample } from './harness.mjs';

const DATA_FILES = ['regions.csv', 'departements.csv', 'etablissements.csv', 'rome_domaines.csv', 'rome_metiers.csv', 'vocabulaire.csv', 'catalogue.csv'];

test('the app starts with the reference tables and the example catalogue it fetched', { timeout: 120_000 }, async (t) => {
  for (const f of DATA_FILES) assert.ok(fs.existsSync(path.join(DIST, f)), `${f} is in dist/`);
  const { page, server } = await openApp(t);
  for (const f of DATA_FILES) assert.ok(server.requests.includes(`GET /${f}`), `GET /${f} in ${server.requests.join(', ')}`);
  // The establishments (etablissements.csv) and the seed catalogue (catalogue.csv) are there:
  // the example, held at Fleury-Mérogis, gets offers now.
  await loadExample(page);
  assert.match(await page.getByTestId('establishment-input').inputValue(), /Fleury/);
  const offers = await page.locator('[data-testid=results-now] [data-testid^=offer-]').count();
  assert.ok(offers >= 1, `offers for now: ${offers}`);
});

test('a data file missing on the server: the app opens and names it', { timeout: 120_000 }, async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await newPage(browser, t, { allowConsoleErrors: [/404/] });
  await page.route('**/catalogue.csv', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForApp(page);
  const text = await page.evaluate(() => document.body.textContent);
  assert.match(text, /catalogue\.csv : fichier de données non chargé/);
  // The reference tables did arrive: the establishment field, once entered, still proposes
  // every establishment of etablissements.csv (its list is drawn when the field has the focus).
  const lines = fs.readFileSync(path.join(DIST, 'etablissements.csv'), 'utf8').trim().split('\n').length - 1;
  assert.equal(await page.locator('datalist#establishments option').count(), 0, 'no list before the field is entered');
  await page.getByTestId('establishment-input').focus();
  await page.locator('datalist#establishments option').first().waitFor({ state: 'attached', timeout: 10_000 });
  assert.equal(await page.locator('datalist#establishments option').count(), lines);
  assert.ok(lines > 100, `${lines} establishments`);
});
