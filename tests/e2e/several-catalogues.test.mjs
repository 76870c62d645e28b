// Several catalogues at once in the page (issue #15): an association adds its partners' file to
// the example, then a data·inclusion services file with its structures file (chosen together,
// read where they are in ../shared/data/external); sees the list, each offer's source on its
// card and on the dossier sheet, the offer found in two catalogues reported once; removes the
// example alone; keeps the list on this computer, reloads and finds it. axe on each state,
// screenshots at 1366×900 and 390×844.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DIST, ROOT, axeCheck, launchBrowser, loadExample, newPage, openAppAt, screenshotAt, startServer, waitForApp } from './harness.mjs';

const WAIT = { timeout: 60_000 };
const EXTERNAL = path.join(ROOT, '..', 'shared', 'data', 'external');
const SERVICES = 'di_v1_services_carif_oref_refugies_info_seed.json';
const STRUCTURES = 'di_v1_structures_carif_oref_refugies_info_seed.json';
const present = fs.existsSync(path.join(EXTERNAL, SERVICES));
const PARTNERS = 'partenaires-essonne.csv';
const SEED = 'data/catalogue.csv';

const summary = (page) => page.getByTestId('catalogue-summary');
const entries = (page) =>
  page.locator('[data-testid=catalogue-entry]').evaluateAll((els) => els.map((e) => [e.dataset.file, e.dataset.origin, Number(e.dataset.count)]));

function file(name, dir) {
  const mimeType = name.endsWith('.json') ? 'application/json' : 'text/csv';
  return { name, mimeType, buffer: fs.readFileSync(path.join(dir, name)) };
}

/** What the counsellor sees with `locator` at the top, on a laptop and on a phone. */
async function shots(page, name, locator = page.getByTestId('catalogue')) {
  for (const [width, height] of [[1366, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await screenshotAt(page, `${name}-${width}`, locator);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('an association adds catalogues, sees their sources and duplicates, removes one, keeps the list', { timeout: 300_000, skip: !present && 'no ../shared/data/external' }, async (t) => {
  const { page } = await openAppAt(t);
  await loadExample(page);
  assert.equal(await summary(page).getAttribute('data-source'), 'seed');
  const seedCount = Number(await summary(page).getAttribute('data-count'));
  // With one catalogue, the cards say no source (the panel says which one is in use).
  assert.equal(await page.getByTestId('results-now').getByTestId('offer-source').count(), 0);

  // ---- « Ajouter un catalogue »: the partners' file joins the example.
  await page.getByTestId('catalogue-add').setInputFiles(file(PARTNERS, path.join(ROOT, 'tests', 'e2e', 'fixtures')));
  await page.getByTestId('import-report').filter({ hasText: PARTNERS }).waitFor(WAIT);
  assert.match(await page.getByTestId('import-report').innerText(), /« partenaires-essonne\.csv » est ajouté aux catalogues en service : 2 offre\(s\) valide\(s\)/);
  assert.deepEqual(await entries(page), [[SEED, 'seed', seedCount], [PARTNERS, 'imported', 2]]);
  assert.equal(await summary(page).getAttribute('data-source'), 'several');
  assert.equal(Number(await summary(page).getAttribute('data-count')), seedCount + 1, 'the offer found twice is kept once');
  // The duplicate, once: which offer, where it was found again, which one is kept and why.
  const dups = page.getByTestId('catalogue-duplicates');
  const dup = dups.locator('[data-testid=duplicate]');
  assert.equal(await dup.count(), 1);
  assert.equal(await dup.getAttribute('data-id'), 'cafe-fleury-aci');
  assert.equal(await dup.getAttribute('data-source'), PARTNERS);
  assert.equal(await dup.getAttribute('data-kept'), SEED);
  assert.match(await dup.innerText(), /Atelier chantier d'insertion café[\s\S]*partenaires-essonne\.csv \(ligne 3\)[\s\S]*exemple Relais \(cafe-fleury-aci\)[\s\S]*même identifiant et même intitulé/);
  assert.match(await page.locator('[data-file="partenaires-essonne.csv"]').innerText(), /1 déjà dans un autre catalogue/);
  // Each card says where its offer comes from.
  const now = page.getByTestId('results-now');
  const added = now.getByTestId('offer-asso-cuisine-fleury');
  await added.waitFor(WAIT);
  assert.equal(await added.getByTestId('offer-source').innerText(), 'Source : partenaires-essonne.csv');
  assert.equal(await now.getByTestId('offer-cafe-fleury-aci').getByTestId('offer-source').innerText(), 'Source : exemple Relais');
  await axeCheck(page, 'several-added');
  await shots(page, 'several-added');
  await shots(page, 'several-card', added);

  // ---- data·inclusion services and their structures, chosen together.
  await page.getByTestId('catalogue-add').setInputFiles([file(SERVICES, EXTERNAL), file(STRUCTURES, EXTERNAL)]);
  await page.locator('[data-testid=catalogue-structures]').waitFor(WAIT);
  await page.locator(`[data-testid=import-report][data-outcome=structures]`).waitFor(WAIT);
  assert.match(await page.getByTestId('import-report').innerText(), /13 structure\(s\) data·inclusion/);
  assert.deepEqual(await entries(page), [[SEED, 'seed', seedCount], [PARTNERS, 'imported', 2], [SERVICES, 'imported', 6]]);
  const services = page.locator(`[data-testid=catalogue-entry][data-file="${SERVICES}"]`);
  // The services' organisations come from the structures: no line says they are missing.
  await page.getByTestId('catalogue-problems').locator('summary').click();
  const problems = await page.getByTestId('catalogue-problems-table').innerText();
  assert.match(problems, /6 service\(s\) reliés à leur structure : nom de l'organisation 6 fois/);
  assert.doesNotMatch(problems, /n'est que l'identifiant de sa structure|manquent : nom de l'organisation/);
  assert.equal(await services.count(), 1);
  const exported = await Promise.all([page.waitForEvent('download'), page.getByTestId('catalogue-export-csv').click()]);
  const csv = fs.readFileSync(await exported[0].path(), 'utf8');
  assert.match(csv, /01_GE2021586;Collège Louis Armand;/, 'the organisation of the structure');
  await axeCheck(page, 'several-datainclusion');
  await shots(page, 'several-datainclusion');

  // ---- The dossier sheet says where each offer comes from; the person's sheet does not.
  await page.getByTestId('sheet-add-asso-cuisine-fleury').check();
  await page.getByTestId('sheet-kind-dossier').check();
  assert.match(await page.getByTestId('sheet-entry-asso-cuisine-fleury').innerText(), /Catalogue d'origine\s+partenaires-essonne\.csv/);
  await page.getByTestId('sheet-kind-personne').check();
  assert.doesNotMatch(await page.getByTestId('sheet-entry-asso-cuisine-fleury').innerText(), /Catalogue d'origine/);

  // ---- Kept on this computer; then the example removed alone, the others stay.
  await page.getByTestId('catalogue-keep').check();
  await page.locator(`[data-testid=catalogue-entry][data-file="${SEED}"] [data-testid=catalogue-remove]`).click();
  await page.locator(`[data-testid=catalogue-entry][data-file="${SEED}"]`).waitFor({ state: 'detached', ...WAIT });
  assert.deepEqual(await entries(page), [[PARTNERS, 'imported', 2], [SERVICES, 'imported', 6]]);
  assert.equal(Number(await summary(page).getAttribute('data-count')), 8);
  assert.equal(await page.getByTestId('catalogue-duplicates').count(), 0, 'nothing found twice any more');
  // The café workshop now comes from the partners' file, and the results follow.
  assert.equal(await now.getByTestId('offer-cafe-fleury-aci').getByTestId('offer-source').innerText(), 'Source : partenaires-essonne.csv');
  assert.equal(await now.getByTestId('offer-pdc-accompagnement-global').count(), 0, 'no offer of the example left');
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('relais.catalogue')));
  assert.equal(kept.defaut, false);
  assert.deepEqual(kept.catalogues.map((c) => c.fichier), [PARTNERS, SERVICES]);
  assert.deepEqual(kept.structures.map((c) => c.fichier), [STRUCTURES]);
  await axeCheck(page, 'several-removed');
  await shots(page, 'several-removed');

  // ---- The next visit: the same list, kept.
  await page.reload({ waitUntil: 'load' });
  await waitForApp(page);
  await page.locator('[data-testid=catalogue-summary][data-source=several]').waitFor(WAIT);
  assert.deepEqual(await entries(page), [[PARTNERS, 'kept', 2], [SERVICES, 'kept', 6]]);
  assert.equal(await page.locator('[data-testid=catalogue-structures]').count(), 1);
  assert.equal(Number(await summary(page).getAttribute('data-count')), 8);
  assert.ok(await page.getByTestId('catalogue-keep').isChecked());
  await loadExample(page);
  await page.getByTestId('results-now').getByTestId('offer-asso-cuisine-fleury').waitFor(WAIT);
  await axeCheck(page, 'several-reloaded');
  await shots(page, 'several-reloaded');

  // ---- « Remplacer » makes one file the only catalogue; « Revenir » brings the example back.
  await page.getByTestId('catalogue-import').setInputFiles(file(PARTNERS, path.join(ROOT, 'tests', 'e2e', 'fixtures')));
  await page.locator('[data-testid=catalogue-summary][data-source=imported]').waitFor(WAIT);
  assert.deepEqual(await entries(page), [[PARTNERS, 'imported', 2]]);
  assert.equal(await page.locator('[data-testid=catalogue-structures]').count(), 0);
  await page.getByTestId('catalogue-default').click();
  await page.locator('[data-testid=catalogue-summary][data-source=seed]').waitFor(WAIT);
  assert.equal(await page.evaluate(() => localStorage.getItem('relais.catalogue')), null);
});

test('a host lists several files in relais.config.json: used together, structures joined, « Revenir » brings them back', { timeout: 240_000, skip: !present && 'no ../shared/data/external' }, async (t) => {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'relais-hosts-'));
  t.after(() => fsp.rm(root, { recursive: true, force: true }));
  await fsp.cp(DIST, root, { recursive: true });
  await fsp.mkdir(path.join(root, 'donnees'));
  await fsp.copyFile(path.join(ROOT, 'tests', 'e2e', 'fixtures', PARTNERS), path.join(root, 'donnees', PARTNERS));
  // The real files, copied into this throw-away site only (the repository holds none).
  for (const f of [SERVICES, STRUCTURES]) await fsp.copyFile(path.join(EXTERNAL, f), path.join(root, 'donnees', f));
  await fsp.writeFile(
    path.join(root, 'relais.config.json'),
    JSON.stringify({ nom: 'Réseau Passerelle', catalogue: `donnees/${PARTNERS}`, catalogues: [`donnees/${SERVICES}`, `donnees/${STRUCTURES}`] }),
  );
  const server = await startServer({ root });
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await newPage(browser, t);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForApp(page);
  await page.locator('[data-testid=catalogue-structures]').waitFor(WAIT);
  await page.locator(`[data-testid=catalogue-entry][data-file="donnees/${SERVICES}"]`).waitFor(WAIT);
  // Each file is put in use as it comes (a large one in slices): both are listed once both are.
  await page.locator(`[data-testid=catalogue-entry][data-file="donnees/${PARTNERS}"]`).waitFor(WAIT);
  // In the order the configuration names them, the example gone; the structures joined.
  assert.deepEqual(await entries(page), [[`donnees/${PARTNERS}`, 'hosted', 2], [`donnees/${SERVICES}`, 'hosted', 6]]);
  assert.equal(Number(await summary(page).getAttribute('data-count')), 8);
  assert.match(await page.locator('[data-testid=catalogue-entry]').first().innerText(), /catalogue de l'association/);
  assert.ok(['GET /donnees/' + PARTNERS, 'GET /donnees/' + SERVICES, 'GET /donnees/' + STRUCTURES].every((r) => server.requests.includes(r)), server.requests.join(', '));
  await page.getByTestId('catalogue-problems').locator('summary').click();
  assert.match(await page.getByTestId('catalogue-problems-table').innerText(), /6 service\(s\) reliés à leur structure/);
  await loadExample(page);
  const card = page.getByTestId('results-now').getByTestId('offer-asso-cuisine-fleury');
  await card.waitFor(WAIT);
  assert.equal(await card.getByTestId('offer-source').innerText(), `Source : Réseau Passerelle (donnees/${PARTNERS})`);
  await axeCheck(page, 'several-hosted');
  await shots(page, 'several-hosted');
  // A visitor replaces them; « Revenir au catalogue par défaut » brings the association's files back.
  await page.getByTestId('catalogue-import').setInputFiles(file(PARTNERS, path.join(ROOT, 'tests', 'e2e', 'fixtures')));
  await page.locator('[data-testid=catalogue-summary][data-source=imported]').waitFor(WAIT);
  await page.getByTestId('catalogue-default').click();
  await page.locator('[data-testid=catalogue-summary][data-source=several]').waitFor(WAIT);
  assert.deepEqual((await entries(page)).map((e) => e[1]), ['hosted', 'hosted']);
});
