// An association's catalogue, from the spreadsheet to the hosted page (issue #5):
// import a French-Excel CSV (Windows-1252, `;`) with mistakes, read the report, use the valid
// rows, export and re-import; a file with no valid row changes nothing; « Garder ce catalogue
// sur cet ordinateur » persists across a reload only when chosen; « Revenir au catalogue par
// défaut » restores the seed; a workbook is answered with a CSV request; a host's
// relais.config.json puts its name, logo, contact and catalogue on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, newPage, waitForApp, axeCheck, screenshot, DIST, loadExample } from './harness.mjs';

const TIMEOUT = { timeout: 180_000 };

// ---------- the fixture: what French Excel writes with « Enregistrer sous > CSV (séparateur : point-virgule) »

const CP1252 = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};
function windows1252(text) {
  return Buffer.from(
    [...text].map((c) => {
      if (CP1252[c]) return CP1252[c];
      const n = c.codePointAt(0);
      if (n < 0x100 && !(n >= 0x80 && n < 0xa0)) return n;
      throw new Error(`not in Windows-1252: ${c}`);
    }),
  );
}

const iso = (d) => d.toISOString().slice(0, 10);
const DAY = 86_400_000;
const FRESH = iso(new Date(Date.now() - 10 * DAY));
const STALE = iso(new Date(Date.now() - 400 * DAY));

// Headers as a volunteer types them (accents, capitals); CRLF like Excel. Line 1 is the header.
const SHEET = [
  'id;Organisation;Titre;Type;Milieu;Établissements;Départements;Secteurs;Compétences;Horaires;Places;Date MAJ;Description',
  `asso-cuisine-fleury;Association Côté Cœur;Atelier cuisine en détention;atelier;dedans;fleury-merogis;;G1602;cuisine;lun-ven 09:00-12:00;8;${FRESH};Atelier « pâtisserie » – œufs, crème brûlée`,
  `asso-ei-nantes;Association Côté Cœur;Commis de cuisine à Nantes;ei;dehors;;44;G1602;cuisine;Mo-Fr 09:00-15:00;4;${STALE};L’entreprise d’insertion du quartier`,
  'asso-stage;Association Côté Cœur;Stage découverte;stage;dehors;;44;;;;;;',
  `asso-aci-loire;Association Côté Cœur;Chantier espaces verts;aci;dehors;;Loire-Atlantiqu;;;;;${FRESH};`,
  `asso-formation-nantes;Association Côté Cœur;Formation cuisine à Nantes;formation;dehors;;44;G1602;cuisine;;douze;31/02/2026;`,
].join('\r\n') + '\r\n';
const VALID = ['asso-cuisine-fleury', 'asso-ei-nantes', 'asso-formation-nantes'];

// ---------- helpers

async function openPage(t, { root = DIST } = {}) {
  const server = await startServer({ root });
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await newPage(browser, t);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForApp(page);
  // The example person (Fleury-Mérogis, cuisine): imported offers show in its results.
  await loadExample(page);
  return { server, page };
}

const summary = (page) => page.locator('[data-testid=catalogue-summary]');
async function source(page) {
  return summary(page).getAttribute('data-source');
}
async function count(page) {
  return Number(await summary(page).getAttribute('data-count'));
}

/** Choose a file in the catalogue's file input, and wait for the report. */
async function importFile(page, name, buffer, mimeType = 'text/csv') {
  await page.getByTestId('catalogue-import').setInputFiles({ name, mimeType, buffer });
  // The file is read in a Web Worker: wait for the report of *this* file, not the last one.
  await page.getByTestId('import-report').filter({ hasText: name }).waitFor();
}

/** Click a download button; returns the downloaded file's bytes and suggested name. */
async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: await fsp.readFile(file) };
}

/** The ids of a Relais CSV (first column, header skipped). */
function csvIds(text) {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(';')[0])
    .sort();
}

async function resultIds(page, horizon) {
  return page
    .locator(`[data-testid=results-${horizon}] li.offer`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
}

// ---------- tests

test('a spreadsheet CSV with mistakes: report, valid rows in the results, export and re-import', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  assert.equal(await source(page), 'seed');
  const seedCount = await count(page);

  const bytes = windows1252(SHEET);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture really is Windows-1252');
  await importFile(page, 'partenaires.csv', bytes);

  const report = page.getByTestId('import-report');
  assert.equal(await report.getAttribute('data-outcome'), 'used');
  assert.match(await report.innerText(), /Windows-1252, séparateur « ; »/);
  assert.equal(await source(page), 'imported');
  assert.equal(await count(page), VALID.length, `${seedCount} seed offers replaced by the 3 valid rows`);

  // Every problem, with line, column, field and what to change (in French).
  const row = async (line, field) => {
    const r = report.locator(`[data-testid=import-problems] tr[data-line="${line}"][data-field="${field}"]`).first();
    assert.equal(await r.count(), 1, `a problem on line ${line}, field ${field}`);
    return { column: await r.getAttribute('data-column'), severity: await r.getAttribute('data-severity'), text: await r.innerText() };
  };
  let p = await row(4, 'type');
  assert.equal(p.column, '4');
  assert.equal(p.severity, 'error');
  assert.match(p.text, /4 \(D\)/);
  assert.match(p.text, /type inconnu « stage » : écrire l'un de formation, atelier/);
  p = await row(5, 'departements');
  assert.equal(p.column, '7');
  assert.match(p.text, /département inconnu « Loire-Atlantiqu »/);
  p = await row(6, 'places');
  assert.equal(p.column, '11');
  assert.match(p.text, /nombre de places illisible « douze » : écrire un nombre entier/);
  p = await row(6, 'date_maj');
  assert.equal(p.column, '12');
  assert.match(p.text, /date impossible « 31\/02\/2026 »/);

  // Freshness: the offer checked 400 days ago is listed, and flagged on its result card.
  const stale = report.getByTestId('import-stale');
  assert.match(await stale.innerText(), /1 offre\(s\) à vérifier/);
  assert.equal(await stale.getByTestId('stale-asso-ei-nantes').count(), 1);
  assert.equal(await stale.getByTestId('stale-asso-cuisine-fleury').count(), 0);

  // The valid rows are used at once, accents decoded.
  const now = page.getByTestId('results-now');
  const after = page.getByTestId('results-after');
  await now.getByTestId('offer-asso-cuisine-fleury').waitFor();
  assert.equal(await after.getByTestId('offer-asso-ei-nantes').count(), 1);
  assert.equal(await after.getByTestId('offer-asso-formation-nantes').count(), 1);
  assert.match(await after.getByTestId('offer-asso-ei-nantes').innerText(), /Commis de cuisine à Nantes/);
  assert.equal(await after.getByTestId('offer-asso-ei-nantes').getByTestId('stale-badge').count(), 1, 'stale offer badge');
  assert.equal(await now.getByTestId('offer-asso-cuisine-fleury').getByTestId('stale-badge').count(), 0);
  for (const id of ['asso-stage', 'asso-aci-loire']) {
    assert.equal(await page.getByTestId(`offer-${id}`).count(), 0, `${id} is not loaded`);
  }

  await axeCheck(page, 'catalogue-import-report');
  await page.getByTestId('catalogue').scrollIntoViewIfNeeded();
  await screenshot(page, 'catalogue-import-report');

  // Export as CSV: UTF-8 with BOM (for Excel), the valid offers only.
  const first = await download(page, 'catalogue-export-csv');
  assert.match(first.name, /^catalogue-relais-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...first.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const firstText = first.bytes.toString('utf8');
  assert.deepEqual(csvIds(firstText), VALID);
  assert.match(firstText, /Atelier « pâtisserie » – œufs, crème brûlée/);

  // Re-import it: the same catalogue, with no error this time.
  await importFile(page, first.name, first.bytes);
  assert.equal(await page.getByTestId('import-report').getAttribute('data-outcome'), 'used');
  assert.equal(await count(page), VALID.length);
  assert.equal(await page.locator('[data-testid=import-problems] tr[data-severity=error]').count(), 0);
  const second = await download(page, 'catalogue-export-csv');
  assert.deepEqual(csvIds(second.bytes.toString('utf8')), VALID);
  assert.equal(second.bytes.toString('utf8'), firstText, 'export → import → export gives the same file');
  assert.equal(await after.getByTestId('offer-asso-ei-nantes').count(), 1);

  // And as data·inclusion services, which re-import to the same offers.
  const di = await download(page, 'catalogue-export-di');
  assert.match(di.name, /^services-data-inclusion-\d{4}-\d{2}-\d{2}\.json$/);
  const services = JSON.parse(di.bytes.toString('utf8'));
  assert.equal(services.length, VALID.length);
  assert.ok(services.every((s) => s.publics.includes('personnes-en-situation-juridique-specifique')));
  await importFile(page, di.name, di.bytes, 'application/json');
  assert.equal(await page.getByTestId('import-report').getAttribute('data-outcome'), 'used');
  assert.equal(await count(page), VALID.length);
  const third = await download(page, 'catalogue-export-csv');
  assert.deepEqual(csvIds(third.bytes.toString('utf8')), VALID);
});

test('a file with no valid row leaves the catalogue in use untouched', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  const before = { count: await count(page), now: await resultIds(page, 'now'), after: await resultIds(page, 'after') };
  assert.ok(before.now.length > 0);
  const bad = windows1252('id;organisation;titre;type;milieu;départements\r\nx1;Asso;Stage;stage;dehors;44\r\nx2;Asso;Atelier;atelier;ailleurs;44\r\n');
  await importFile(page, 'tout-faux.csv', bad);
  const report = page.getByTestId('import-report');
  assert.equal(await report.getAttribute('data-outcome'), 'rejected');
  assert.match(await report.innerText(), /Aucune offre valide dans « tout-faux\.csv » : le catalogue en service n'a pas changé/);
  assert.equal(await report.locator('tr[data-line="2"][data-field="type"]').count(), 1);
  assert.equal(await report.locator('tr[data-line="3"][data-field="milieu"]').count(), 1);
  assert.equal(await source(page), 'seed');
  assert.equal(await count(page), before.count);
  assert.deepEqual(await resultIds(page, 'now'), before.now);
  assert.deepEqual(await resultIds(page, 'after'), before.after);
  await axeCheck(page, 'catalogue-import-rejected');
  await page.getByTestId('catalogue').scrollIntoViewIfNeeded();
  await screenshot(page, 'catalogue-import-rejected');

  // A broken workbook, dropped on the drop zone: the reader says it cannot read it and what to
  // do (a whole workbook is read: tests/e2e/workbook-import.test.mjs).
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])], 'partenaires.xlsx'));
    return d;
  });
  await page.dispatchEvent('[data-testid=catalogue-drop]', 'drop', { dataTransfer: dt });
  await page.locator('[data-testid=import-report][data-outcome=unreadable]').waitFor();
  const text = await page.getByTestId('import-report').innerText();
  assert.match(text, /Le fichier « partenaires\.xlsx » n'a pas pu être lu : classeur illisible .* l'enregistrer au format CSV/);
  assert.equal(await count(page), before.count);
  await axeCheck(page, 'catalogue-import-spreadsheet');
  await screenshot(page, 'catalogue-import-spreadsheet');
});

test('« Garder ce catalogue sur cet ordinateur » persists across a reload only when chosen', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  const seedCount = await count(page);
  const bytes = windows1252(SHEET);

  // Not chosen: a reload brings the seed back, and nothing was stored.
  await importFile(page, 'partenaires.csv', bytes);
  assert.equal(await page.getByTestId('catalogue-keep').isChecked(), false);
  assert.equal(await page.evaluate(() => localStorage.getItem('relais.catalogue')), null);
  await page.reload({ waitUntil: 'load' });
  await waitForApp(page);
  assert.equal(await source(page), 'seed');
  assert.equal(await count(page), seedCount);

  // Chosen: the catalogue comes back after a reload, with its report's problems.
  await importFile(page, 'partenaires.csv', bytes);
  await page.getByTestId('catalogue-keep').check();
  assert.ok(await page.evaluate(() => localStorage.getItem('relais.catalogue')));
  await page.reload({ waitUntil: 'load' });
  await waitForApp(page);
  await page.locator('[data-testid=catalogue-summary][data-source=kept]').waitFor();
  assert.equal(await count(page), VALID.length);
  assert.match(await summary(page).innerText(), /Catalogue gardé sur cet ordinateur : partenaires\.csv/);
  assert.equal(await page.getByTestId('catalogue-keep').isChecked(), true);
  // A reload opens an empty profile: the example again, to see the kept offers in its results.
  await loadExample(page);
  assert.equal(await page.getByTestId('results-now').getByTestId('offer-asso-cuisine-fleury').count(), 1);
  await page.getByTestId('catalogue-problems').locator('summary').click();
  assert.equal(await page.locator('[data-testid=catalogue-problems-table] tr[data-line="4"][data-field="type"]').count(), 1);
  await axeCheck(page, 'catalogue-kept');
  await page.getByTestId('catalogue').scrollIntoViewIfNeeded();
  await screenshot(page, 'catalogue-kept');

  // Back to the default: the seed, and nothing kept any more.
  await page.getByTestId('catalogue-default').click();
  await page.locator('[data-testid=catalogue-summary][data-source=seed]').waitFor();
  assert.equal(await count(page), seedCount);
  assert.equal(await page.evaluate(() => localStorage.getItem('relais.catalogue')), null);
  assert.equal(await page.getByTestId('catalogue-default').count(), 0);
  await page.reload({ waitUntil: 'load' });
  await waitForApp(page);
  assert.equal(await source(page), 'seed');
  assert.equal(await count(page), seedCount);
});

test('the template and its column guide are downloadable and valid', TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  const tpl = await download(page, 'catalogue-template');
  assert.equal(tpl.name, 'modele-catalogue.csv');
  assert.deepEqual([...tpl.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const cols = await download(page, 'catalogue-template-columns');
  assert.equal(cols.name, 'modele-catalogue-colonnes.csv');
  assert.match(cols.bytes.toString('utf8'), /^\uFEFFcolonne;obligatoire;ce_qu_il_faut_ecrire;exemple/);
  // Imported as it is, the template gives 8 example offers and no problem.
  await importFile(page, tpl.name, tpl.bytes);
  assert.equal(await page.getByTestId('import-report').getAttribute('data-outcome'), 'used');
  assert.equal(await count(page), 8);
  assert.equal(await page.locator('[data-testid=import-problems]').count(), 0);
});

test('a host\'s relais.config.json: name, logo and contact in the header, its catalogue in use', TIMEOUT, async (t) => {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'relais-host-'));
  t.after(() => fsp.rm(root, { recursive: true, force: true }));
  await fsp.cp(DIST, root, { recursive: true });
  await fsp.writeFile(
    path.join(root, 'relais.config.json'),
    JSON.stringify({ nom: 'Association Passerelle 44', logo: 'logo.svg', contact: 'contact@passerelle44.example · 02 40 00 00 00', catalogue: 'partenaires/catalogue.csv' }),
  );
  await fsp.writeFile(
    path.join(root, 'logo.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#16325c"/></svg>',
  );
  await fsp.mkdir(path.join(root, 'partenaires'));
  await fsp.writeFile(path.join(root, 'partenaires', 'catalogue.csv'), windows1252(SHEET));
  assert.ok(fs.existsSync(path.join(root, 'index.html')));

  const { server, page } = await openPage(t, { root });
  await page.locator('[data-testid=catalogue-summary][data-source=hosted]').waitFor();
  const host = page.getByTestId('host');
  assert.match(await host.innerText(), /Association Passerelle 44/);
  assert.match(await host.innerText(), /contact@passerelle44\.example/);
  assert.equal(await host.locator('img').getAttribute('src'), 'logo.svg');
  assert.ok(await host.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), 'the logo loads');
  assert.equal(await count(page), VALID.length);
  assert.match(await summary(page).innerText(), /Catalogue de Association Passerelle 44 \(partenaires\/catalogue\.csv\)/);
  // Its problems are reported, as for an import.
  assert.equal(await page.getByTestId('catalogue-notice').count(), 1);
  await page.getByTestId('catalogue-problems').locator('summary').click();
  assert.equal(await page.locator('[data-testid=catalogue-problems-table] tr[data-line="4"][data-field="type"]').count(), 1);
  await page.getByTestId('results-now').getByTestId('offer-asso-cuisine-fleury').waitFor();
  assert.ok(server.requests.includes('GET /partenaires/catalogue.csv'), server.requests.join(', '));
  await axeCheck(page, 'catalogue-hosted');
  await screenshot(page, 'catalogue-hosted');

  // An import replaces it; « Revenir au catalogue par défaut » comes back to the host's, not the seed.
  const tpl = await fsp.readFile(path.join(root, 'modele-catalogue.csv'));
  await importFile(page, 'modele.csv', tpl);
  assert.equal(await count(page), 8);
  await page.getByTestId('catalogue-default').click();
  await page.locator('[data-testid=catalogue-summary][data-source=hosted]').waitFor();
  assert.equal(await count(page), VALID.length);
});

test('the shipped relais.config.json names nothing: the seed, no host block', TIMEOUT, async (t) => {
  const shipped = JSON.parse(await fsp.readFile(path.join(DIST, 'relais.config.json'), 'utf8'));
  assert.equal(shipped.catalogue, '');
  const { server, page } = await openPage(t);
  // Wait for the configuration to have been read.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/relais.config.json')));
  assert.ok(server.requests.includes('GET /relais.config.json'));
  assert.equal(await page.getByTestId('host').count(), 0);
  assert.equal(await source(page), 'seed');
  assert.equal(await page.getByTestId('hosting-note').count(), 0);
});
