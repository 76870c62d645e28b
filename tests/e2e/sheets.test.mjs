// The two orientation sheets, as a counsellor prepares them and as the person and the file
// receive them: « Pour la personne » (plain words, contacts, where and when in words, what to
// bring; no score, no code, nothing of the court unless ticked) and « Pour le dossier »
// (everything). Service and counsellor contacts typed on the sheet. The basket stays in view
// while the results scroll. Screenshots (1366×900, 1024×768, 390×844, print) and PDFs in
// tests/e2e/artifacts/sheet-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { openAppAt, loadExample, axeCheck, screenshot, screenshotAt, ARTIFACTS } from './harness.mjs';

const WAIT = { timeout: 30_000 };
/** A ROME code (G1602), an INSEE code in brackets ((93008)), points (+30). */
const CODES = [/\b[A-N]\d{4}\b/, /\(\d{5}\)/, /\+\d+\b/, /\b\d{2}\/\d{2}\/\d{4}\b/];

async function pickOffers(page) {
  // A B2 mention: some offers that still fit warn about the record — counsellor's words.
  await page.getByTestId('record-b2-oui').check();
  const cafe = page.locator('[data-testid=results-now] [data-testid=offer-cafe-fleury-aci]');
  const nantes = page.locator('[data-testid=results-after] [data-testid=offer-pdc-accompagnement-global]');
  await cafe.waitFor(WAIT);
  await cafe.getByTestId('sheet-add-cafe-fleury-aci').check();
  await nantes.getByTestId('sheet-add-pdc-accompagnement-global').check();
  const warned = page
    .locator('[data-testid=results-after] li.offer', { has: page.locator('.warnings li', { hasText: /bulletin/ }) })
    .first();
  await warned.waitFor(WAIT);
  const warnedId = (await warned.getAttribute('data-testid')).slice('offer-'.length);
  await warned.getByTestId(`sheet-add-${warnedId}`).check();
  const warning = (await warned.locator('.warnings li', { hasText: /bulletin/ }).first().innerText()).trim();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sheet] ol.sheet-offers > li').length === 3, null, WAIT);
  return { warnedId, warning };
}

test('the person’s sheet: plain words, contacts, what to bring; no score, no code, no court unless ticked', { timeout: 240_000 }, async (t) => {
  const { page } = await openAppAt(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  await loadExample(page);
  const { warnedId, warning } = await pickOffers(page);
  const sheet = page.getByTestId('sheet');
  const doc = page.getByTestId('sheet-doc');

  // The person's sheet is the one shown first.
  assert.equal(await sheet.getAttribute('data-kind'), 'personne');
  assert.ok(await page.getByTestId('sheet-kind-personne').isChecked());
  let text = await doc.innerText();
  for (const re of CODES) assert.doesNotMatch(text, re, `no code, score or short date on the person's sheet: ${re}`);
  assert.doesNotMatch(text, /bulletin|casier|interdiction|Pourquoi|Score/i, 'nothing of the court or the score');
  assert.doesNotMatch(text, new RegExp(warning.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // How to reach each structure: its published site, or who gives the contact.
  assert.match(await page.getByTestId('sheet-entry-pdc-accompagnement-global').innerText(), /www\.assopermisdeconstruire\.org/);
  for (const id of ['cafe-fleury-aci', 'pdc-accompagnement-global', warnedId]) {
    const entry = await page.getByTestId(`sheet-entry-${id}`).innerText();
    assert.match(entry, /Contact/, `${id}: a contact line`);
    assert.match(entry, /À apporter\s+Cette fiche, une pièce d'identité/, `${id}: what to bring`);
    assert.match(entry, /Où\s+(En détention|Dehors|Partout)/, `${id}: where, in words`);
  }
  assert.match(await page.getByTestId('sheet-entry-pdc-accompagnement-global').innerText(), /Pour après votre sortie\./);
  // The invented offers say so.
  if (warnedId.startsWith('ex-')) {
    assert.match(await page.getByTestId(`sheet-entry-${warnedId}`).innerText(), /Exemple fictif/);
  }
  // Dates in words.
  assert.match(text, /Établie le 23 novembre 2026/);

  // The service's and the counsellor's contact, typed on the sheet.
  await page.getByTestId('sheet-service').fill('SPIP de l’Essonne — antenne d’Évry, 01 60 00 00 00');
  await page.getByTestId('sheet-counsellor').fill('Mme Laurent, CPIP');
  const contacts = page.getByTestId('sheet-contacts');
  assert.match(await contacts.innerText(), /Service :\s+SPIP de l’Essonne — antenne d’Évry, 01 60 00 00 00/);
  assert.match(await contacts.innerText(), /Conseiller·ère :\s+Mme Laurent, CPIP/);
  await page.getByTestId('sheet-note').fill('Rendez-vous avec Mme Laurent le 2 décembre à 10 h.');

  await axeCheck(page, 'sheet-person');
  await screenshotAt(page, 'sheet-person-1366x900', sheet);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshotAt(page, 'sheet-person-1024x768', sheet);
  await page.setViewportSize({ width: 390, height: 844 });
  await axeCheck(page, 'sheet-person-390');
  await screenshotAt(page, 'sheet-person-390x844', sheet);
  await page.setViewportSize({ width: 1366, height: 900 });

  // ---- printed: only the person's sheet, on A4 ----
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.profile', '[data-testid=results-now]', '.site-header', '.sheet-controls', '[data-testid=basket]']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is hidden in print`);
  }
  const printed = await sheet.innerText();
  assert.match(printed, /Fiche d'orientation — pour vous/);
  assert.match(printed, /Rendez-vous avec Mme Laurent le 2 décembre à 10 h\./);
  assert.match(printed, /Mme Laurent, CPIP/);
  for (const re of CODES) assert.doesNotMatch(printed, re, `printed: ${re}`);
  await screenshot(page, 'sheet-person-print');
  await fs.mkdir(ARTIFACTS, { recursive: true });
  const pdf = await page.pdf({ path: path.join(ARTIFACTS, 'sheet-person.pdf'), format: 'A4', printBackground: true });
  assert.match(pdf.toString('latin1'), /\/MediaBox\s*\[\s*0 0 595(?:\.\d+)? 84[12](?:\.\d+)?\s*\]/, 'A4 pages');
  await page.emulateMedia({ media: 'screen' });

  // ---- saved: the same words, no code ----
  const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId('sheet-save').click()]);
  assert.equal(download.suggestedFilename(), 'fiche-personne-2026-11-23.html');
  const file = path.join(ARTIFACTS, 'sheet-person-saved.html');
  await download.saveAs(file);
  const html = await fs.readFile(file, 'utf8');
  assert.match(html, /Mme Laurent, CPIP/);
  assert.doesNotMatch(html, /bulletin|<script/i);
  assert.doesNotMatch(html, /\b[A-N]\d{4}\b/);

  // ---- ticked: the court's words come back, for this person ----
  await page.getByTestId('sheet-court').check();
  text = await doc.innerText();
  assert.match(text, /À savoir/);
  assert.match(text, /bulletin/);
  await axeCheck(page, 'sheet-person-court');
  await page.getByTestId('sheet-court').uncheck();
  assert.doesNotMatch(await doc.innerText(), /bulletin/);
});

test('the file’s sheet: everything, with points and codes; the contacts stay for the next person', { timeout: 240_000 }, async (t) => {
  const { page } = await openAppAt(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  await loadExample(page);
  const { warning } = await pickOffers(page);
  await page.getByTestId('sheet-counsellor').fill('Mme Laurent, CPIP');
  await page.getByTestId('sheet-kind-dossier').check();
  const sheet = page.getByTestId('sheet');
  assert.equal(await sheet.getAttribute('data-kind'), 'dossier');
  assert.equal(await page.getByTestId('sheet-court').count(), 0, 'the file has everything: no box to tick');
  const text = await page.getByTestId('sheet-doc').innerText();
  assert.match(text, /Fiche d'orientation — pour le dossier|Établie le 23\/11\/2026/);
  assert.match(text, /\+30 — /, 'the points');
  assert.match(text, /Métiers \(ROME\)\s+\p{Lu}/u, 'the jobs, by their names');
  // The interface never shows a code, the file's sheet neither: no ROME code, no INSEE code.
  assert.doesNotMatch(text, /\b[A-N]\d{4}\b/, 'no ROME code');
  assert.doesNotMatch(text, /\(\d{5}\)/, 'no INSEE code');
  assert.ok(text.includes(warning), 'the warnings about the record');
  await axeCheck(page, 'sheet-dossier');
  await screenshotAt(page, 'sheet-dossier-1366x900', sheet);
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'sheet-dossier-print');
  await page.pdf({ path: path.join(ARTIFACTS, 'sheet-dossier.pdf'), format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });

  // A new person: the offers and the note go, the counsellor's own contact stays.
  await page.getByTestId('reset-profile').click();
  await page.getByTestId('sheet').filter({ hasText: 'Cochez « Ajouter à la fiche »' }).waitFor(WAIT);
  assert.equal(await page.getByTestId('sheet-counsellor').inputValue(), 'Mme Laurent, CPIP');
});

test('the basket stays in view while the results scroll, at 1366×900 and 390×844', { timeout: 180_000 }, async (t) => {
  const { page } = await openAppAt(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  await loadExample(page);
  await page.locator('[data-testid=results-now] [data-testid=sheet-add-cafe-fleury-aci]').check();
  const basket = page.getByTestId('basket');
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    // Far down the results, at the after-release list.
    await page.locator('#results-after-title').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 600));
    const box = await basket.boundingBox();
    assert.ok(box && box.y >= -1 && box.y < 5, `the basket sticks to the top at ${viewport.width}: ${JSON.stringify(box)}`);
    assert.match(await page.getByTestId('basket-sheet').innerText(), /Fiche d'orientation \(1\)/);
    // What the counsellor sees: the viewport, scrolled down, with the basket at its top.
    await fs.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `sheet-basket-${viewport.width}.png`) });
  }
  // The basket's link takes the counsellor to the sheet.
  await page.getByTestId('basket-sheet').click();
  await page.waitForFunction(() => location.hash === '#sheet');
  await axeCheck(page, 'sheet-basket');
});
