// Any spreadsheet, mapped (issue 15): the national list of SIAE of les emplois de l'inclusion
// (`../shared/data/external/siae_liste_2019_07_les_emplois.csv`, 3,932 rows, read in place) is
// imported as a volunteer would: the page does not refuse it but opens the mapping step with a
// proposal; the volunteer checks it, applies it, and sees the structures among the results; the
// mapping downloads, and the shipped one (data/mappings/emplois-siae.json) opens again in the
// step. axe finds nothing serious; a screenshot at 1366×900 to judge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { openApp, axeCheck, ROOT, ARTIFACTS } from './harness.mjs';

const TIMEOUT = { timeout: 240_000 };
const WAIT = { timeout: 30_000 };
const SIAE = path.join(ROOT, '..', 'shared', 'data', 'external', 'siae_liste_2019_07_les_emplois.csv');
const SHIPPED = path.join(ROOT, 'data', 'mappings', 'emplois-siae.json');

const summary = (page) => page.locator('[data-testid=catalogue-summary]');
const count = async (page) => Number(await summary(page).getAttribute('data-count'));

/** The select of the source column named `header`. */
async function columnChoice(page, header) {
  const select = page.locator(`[data-testid=mapping-columns] select[data-header="${header}"]`);
  assert.equal(await select.count(), 1, `a select for ${header}`);
  return select.inputValue();
}

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), text: await fsp.readFile(await dl.path(), 'utf8') };
}

test('the real SIAE list: mapping step, proposal, apply, offers, download, reuse', TIMEOUT, async (t) => {
  if (!fs.existsSync(SIAE)) {
    t.skip(`${SIAE} absent: the real list needs ../shared/data/external beside the repository`);
    return;
  }
  const { page } = await openApp(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  const seed = await count(page);
  const bytes = await fsp.readFile(SIAE);
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'siae_liste_2019_07_les_emplois.csv', mimeType: 'text/csv', buffer: bytes });

  // Not refused: the mapping step, nothing replaced yet.
  const step = page.getByTestId('mapping-step');
  await step.waitFor(WAIT);
  assert.equal(await page.getByTestId('import-report').count(), 0, 'no rejection report');
  assert.equal(await count(page), seed);
  assert.match(await step.locator('h3').innerText(), /Correspondance des colonnes : siae_liste_2019_07_les_emplois\.csv/);
  // Each of the 15 columns with its first values, and the proposal preselected.
  assert.equal(await page.locator('[data-testid=mapping-columns] tbody tr').count(), 15);
  assert.match(await page.getByTestId('mapping-row-0').innerText(), /MESURE[\s\S]*ETTI[\s\S]*ACI[\s\S]*AI/);
  assert.equal(await columnChoice(page, 'MESURE'), 'type');
  assert.equal(await columnChoice(page, 'DENOMINATION_SOCIALE'), 'organisation');
  assert.equal(await columnChoice(page, 'CODE_DEPARTEMENT'), 'departements');
  assert.equal(await columnChoice(page, 'COMMUNE'), 'commune_nom');
  assert.equal(await columnChoice(page, 'CODE_POSTAL'), 'code_postal');
  assert.equal(await columnChoice(page, 'SIRET'), 'garder');
  assert.equal(await columnChoice(page, 'MAIL_SIAE'), '', 'staff e-mails are not taken');
  // The measures and what they become: AI (association intermédiaire) → accompagnement.
  const values = page.getByTestId('mapping-values-type');
  assert.match(await values.innerText(), /Valeurs de « MESURE » → Type d'offre/);
  assert.equal(await values.locator('select[data-value="AI"]').inputValue(), 'accompagnement');
  assert.equal(await values.locator('select[data-value="ACI"]').inputValue(), 'aci', 'ACI is already a Relais code');
  // Absent from the file: milieu, dehors by default (an SIAE employs outside).
  assert.equal(await page.getByTestId('mapping-default-milieu').inputValue(), 'dehors');
  assert.match(await page.getByTestId('mapping-template-id').inputValue(), /\{SIRET\}-\{MESURE\}/);

  // The volunteer also keeps the NAF code.
  await page.locator('[data-testid=mapping-columns] select[data-header="CODE_NAF2"]').selectOption('garder');
  assert.equal(await columnChoice(page, 'CODE_NAF2'), 'garder');

  // The communes are found by name and postal code once the commune list is there.
  await page.locator('[data-testid=mapping-step][data-communes=loaded]').waitFor(WAIT);
  await axeCheck(page, 'mapping-step');
  // What the volunteer sees at 1366×900: the step from its title.
  await step.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await fsp.mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'mapping-step.png') });
  // And its end: the measures, the defaults, the buttons.
  await page.getByTestId('mapping-values-type').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(ARTIFACTS, 'mapping-step-end.png') });

  await page.getByTestId('mapping-apply').click();
  await page.locator('[data-testid=catalogue-summary][data-source=imported]').waitFor(WAIT);
  const loaded = await count(page);
  console.log(`mapping e2e: ${loaded} of 3932 SIAE rows loaded through the proposed mapping`);
  assert.ok(loaded >= 3800, `${loaded} offers`);
  const report = page.getByTestId('import-report');
  assert.equal(await report.getAttribute('data-outcome'), 'used');
  // Problems are named in the file's own words: duplicates on the id made of SIRET and MESURE,
  // Saint-Pierre-et-Miquelon (975) on CODE_DEPARTEMENT, column B.
  assert.ok(await report.locator('tr[data-field="CODE_DEPARTEMENT"][data-column="2"][data-severity=error]').count() >= 3);
  assert.ok(await report.locator('tr[data-field="{SIRET}-{MESURE}"][data-severity=error]').count() >= 100);

  // The offers among the results: a person living in the Ain sees its insertion employers.
  await page.getByTestId('situation-dehors').check();
  await page.getByTestId('residence-departement').waitFor(WAIT);
  await page.getByTestId('residence-departement').selectOption('01');
  const card = page.locator('[data-testid=results-now] [data-testid="offer-34356040500023-aci"]');
  await card.waitFor(WAIT);
  assert.match(await card.innerText(), /COTIERE AVENIR/);

  // The mapping downloads, and reads back as the one applied.
  const dl = await download(page, 'mapping-download-used');
  assert.equal(dl.name, 'correspondance-siae-liste-2019-07-les-emplois.json');
  const m = JSON.parse(dl.text);
  assert.equal(m.format, 'relais-correspondance');
  assert.equal(m.version, 1);
  assert.equal(m.champs.type.colonne, 'MESURE');
  assert.equal(m.champs.type.valeurs.AI, 'accompagnement');
  assert.equal(m.champs.milieu.defaut, 'dehors');
  assert.deepEqual(m.champs.communes.commune, { nom: 'COMMUNE', code_postal: 'CODE_POSTAL' });
  assert.deepEqual(m.garder.sort(), ['CODE_NAF2', 'SIRET']);

  // A new version of the list: the step opens with the mapping applied before; the volunteer
  // opens the shipped one instead (readable titles), and applies it.
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'siae-2.csv', mimeType: 'text/csv', buffer: bytes });
  await step.waitFor(WAIT);
  assert.equal(await columnChoice(page, 'CODE_NAF2'), 'garder', 'the mapping applied before is proposed');
  await page.getByTestId('mapping-open').setInputFiles({ name: 'emplois-siae.json', mimeType: 'application/json', buffer: await fsp.readFile(SHIPPED) });
  await page.getByTestId('mapping-opened').waitFor(WAIT);
  assert.equal(await columnChoice(page, 'LIB_COM'), '');
  await page.getByTestId('mapping-apply').click();
  await page.locator('[data-testid=import-report][data-outcome=used]').waitFor(WAIT);
  assert.match(await summary(page).innerText(), /siae-2\.csv/);
  assert.ok((await count(page)) >= 3800);
  await page.locator('[data-testid=results-now] [data-testid="offer-siae-34356040500023-aci"]').waitFor(WAIT);
  assert.match(
    await page.locator('[data-testid=results-now] [data-testid="offer-siae-34356040500023-aci"]').innerText(),
    /Atelier et chantier d'insertion \(ACI\)/,
  );
});

test('a mapping that loads nothing says why and changes nothing', TIMEOUT, async (t) => {
  const { page } = await openApp(t);
  const seed = await count(page);
  const sheet = 'Structure;Action;Ville\nJardin partagé;Potager collectif;Nantes\n';
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
  await page.getByTestId('mapping-step').waitFor(WAIT);
  // No type, no département: the proposal cannot load it.
  await page.getByTestId('mapping-apply').click();
  const problems = page.locator('[data-testid=mapping-problems][data-rejected=true]');
  await problems.waitFor(WAIT);
  assert.match(await problems.innerText(), /« type », champ obligatoire/);
  assert.equal(await count(page), seed);
  // A type and a place for every row: it loads.
  await page.getByTestId('mapping-default-type').selectOption('accompagnement');
  await page.getByTestId('mapping-default-departements').fill('44');
  await page.getByTestId('mapping-default-departements').press('Tab');
  await page.getByTestId('mapping-apply').click();
  await page.locator('[data-testid=catalogue-summary][data-source=imported]').waitFor(WAIT);
  assert.equal(await count(page), 1);
  await axeCheck(page, 'mapping-applied');
});
