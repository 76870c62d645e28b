// Real catalogues in the page (issue #15): a Carif-Oref training file in LHEO 2.3 and
// data·inclusion v1 services, imported as a counsellor would, for a person living where they
// are held. The card shows the description formatted (headings, lists — never raw Markdown or
// HTML), the address, the public it is meant for and the warning that goes with it.
// Reads the files in ../shared/data/external where they are; skipped when it is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, ROOT, openAppAt, screenshot } from './harness.mjs';

const WAIT = { timeout: 30_000 };
const EXTERNAL = path.join(ROOT, '..', 'shared', 'data', 'external');
const present = fs.existsSync(EXTERNAL);

async function personLivingIn(page, dept) {
  await page.getByTestId('reset-profile').click();
  await page.getByText('Nouveau profil vide').waitFor(WAIT);
  await page.getByTestId('situation-dehors').check();
  await page.getByTestId('residence-departement').waitFor(WAIT);
  await page.getByTestId('residence-departement').selectOption(dept);
  await page.getByTestId('measure-sursis_probatoire').check();
}

async function importFile(page, file, mimeType) {
  const buffer = fs.readFileSync(path.join(EXTERNAL, file));
  await page.getByTestId('catalogue-import').setInputFiles({ name: path.basename(file), mimeType, buffer });
  try {
    await page.getByTestId('import-report').waitFor(WAIT);
  } catch (e) {
    await screenshot(page, 'real-import-failed');
    const body = await page.locator('body').innerText(); console.log(body.slice(body.lastIndexOf('Catalogue des offres'), body.lastIndexOf('Catalogue des offres') + 2500));
    throw e;
  }
}

test('an LHEO training file and data·inclusion services, read and shown', { timeout: 240_000, skip: !present && 'no ../shared/data/external' }, async (t) => {
  const { page } = await openAppAt(t, { now: '2026-02-01T10:00:00+01:00' });

  // ---- LHEO 2.3: the French course of Saint-Louis (68) ----
  await personLivingIn(page, '68');
  await importFile(page, 'lheo/intercarif-rco_lheo23_grandest_1formation_refugies-info.xml', 'text/xml');
  const now = page.getByTestId('results-now');
  const course = now.getByTestId('offer-01_GE1716206');
  await course.waitFor(WAIT);
  assert.match(await course.locator('h4').innerText(), /Cours de français langue d'intégration/);
  assert.match(await course.locator('.org').innerText(), /Centre socio-culturel de Saint-Louis/);
  assert.match(await course.locator('.warnings').innerText(), /Public visé : personnes exilées — vérifier que la personne y a accès\./);
  await course.locator('details.more summary').click();
  const details = course.getByTestId('details-01_GE1716206');
  const text = await details.innerText();
  assert.match(text, /95 Rue de Mulhouse, 68300 Saint-Louis/);
  assert.match(text, /Public immigré, Primo-arrivant, Public réfugié/);
  assert.match(text, /Prérequis : Positionnement selon niveau par le CIDFF/);
  const description = course.locator('.description');
  assert.equal(await description.locator('h5').first().innerText(), 'Objectif');
  const shown = await description.innerText();
  assert.doesNotMatch(shown, /<p>|&lt;|###/, 'escaped HTML and Markdown markers are not shown');
  await course.screenshot({ path: path.join(ARTIFACTS, 'real-lheo-card.png') });

  // ---- data·inclusion v1: the Petite-Rosselle service (57), Markdown description ----
  await personLivingIn(page, '57');
  await importFile(page, 'di_v1_services_carif_oref_refugies_info_seed.json', 'application/json');
  const service = now.getByTestId('offer-01_GE2021586');
  await service.waitFor(WAIT);
  await service.locator('details.more summary').click();
  const d = service.locator('.description');
  assert.equal(await d.locator('h5').first().innerText(), 'Objectif de la formation');
  assert.ok((await d.locator('ul > li').count()) >= 3, 'the « - » items are a list');
  assert.doesNotMatch(await d.innerText(), /###/);
  // Where it takes place: the address, not the ten départements of its zone.
  assert.match(await service.getByTestId('details-01_GE2021586').innerText(), /1 Place du Mineur, 57540 Petite-Rosselle/);
  assert.match(await service.locator('.facts').innerText(), /Petite-Rosselle/);
  await service.screenshot({ path: path.join(ARTIFACTS, 'real-datainclusion-card.png') });
});
