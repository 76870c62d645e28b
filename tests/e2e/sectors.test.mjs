// Jobs and sectors in words (issues #13, #14): « boulanger » typed in the sector field becomes
// D1102 (the job titles, rome-appellations.csv, are fetched from the app's own origin on first
// use), a regulated job says so next to the field, an ambiguous word lists its candidates. The
// chips and the « compris comme » notice name the job, the domain (« tout le domaine ») or the
// group of jobs in words, in French and in English: the ROME code is only kept, in the chip's
// `data-code` (and in the profile). Codes stay typable, and the datalist's suggestions lead
// with words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, openAppAt, axeCheck, screenshot, screenshotAt } from './harness.mjs';

const WAIT = { timeout: 30_000 };
const TIMEOUT = { timeout: 180_000 };

/** A ROME code as the page must never show it: a letter, then two or four digits. */
const ROME = /\b[A-N]\d{2}(\d{2})?\b/;

async function addSector(page, text) {
  const input = page.getByTestId('sector-input');
  await input.fill(text);
  await input.press('Enter');
}

const sectorField = (page) => page.locator('.field', { has: page.getByTestId('sector-input') });

/** The chip of the sector kept in the profile under this code. */
const chip = (page, code) => sectorField(page).locator(`.chip[data-code="${code}"]`);

/** The words of the chip (its remove button aside). */
const chipWords = async (page, code) => (await chip(page, code).locator('span').innerText()).trim();

/** Every text the sector field shows besides the datalist: chips, remove buttons' names, notices. */
async function sectorTexts(page) {
  const field = sectorField(page);
  const shown = await field
    .locator('.chip > span, .sector-note, .field-error, .place-choices li')
    .evaluateAll((els) => els.map((e) => e.innerText.trim()));
  const names = await field.locator('.chip-remove').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  return [...shown, ...names];
}

async function assertNoCode(page, when) {
  const texts = await sectorTexts(page);
  assert.ok(texts.length > 0, `${when}: something to check`);
  for (const x of texts) assert.doesNotMatch(x, ROME, `${when}: no ROME code in « ${x} »`);
}

test('a job word in the sector field becomes its ROME code, shown in words', { timeout: 120_000 }, async (t) => {
  const { page } = await openApp(t);

  // Enter right after typing: the word waits for the list, then is read.
  await addSector(page, 'boulanger');
  await chip(page, 'D1102').waitFor(WAIT);
  assert.equal(await chipWords(page, 'D1102'), 'Boulangerie - viennoiserie');
  const understood = page.getByTestId('sector-understood');
  assert.equal(await understood.getAttribute('data-code'), 'D1102');
  assert.equal((await understood.innerText()).trim(), '« Boulanger / Boulangère » compris comme Boulangerie - viennoiserie.');
  assert.equal(await page.getByTestId('sector-regulated').count(), 0);

  // The datalist offers the titles for what is typed, words first: the code in brackets is
  // what reads the pick back to its own job.
  await page.getByTestId('sector-input').fill('carist');
  await page.locator('datalist#sectors option[value="Cariste (N1101)"]').waitFor({ state: 'attached', ...WAIT });
  const options = await page.locator('datalist#sectors option').evaluateAll((os) => os.map((o) => o.value));
  for (const o of options) assert.match(o, /^\p{L}.* \([A-N](\d{2}(\d{2})?)?\)$/u, `words, then the code: « ${o} »`);

  // A regulated job is flagged next to the field.
  await addSector(page, 'Chauffeur / Chauffeuse de bus (N4103)');
  await chip(page, 'N4103').waitFor(WAIT);
  assert.equal(await chipWords(page, 'N4103'), 'Conduite de transport en commun sur route');
  await page.getByTestId('sector-regulated').waitFor(WAIT);
  assert.match(await page.getByTestId('sector-regulated').innerText(), /réglementé/);
  await assertNoCode(page, 'two jobs');

  // An ambiguous word is not guessed: its candidates are listed.
  await addSector(page, 'chauffeur');
  const error = page.locator('#sector-error');
  await error.waitFor(WAIT);
  assert.match(await error.innerText(), /plusieurs métiers/);
  assert.equal(await page.getByTestId('sector-input').inputValue(), 'chauffeur', 'the word stays');
  // Its candidates are buttons, in words: the title and the ROME job it belongs to.
  const choices = page.getByTestId('sector-choices');
  assert.ok((await choices.locator('button').count()) > 2);
  await assertNoCode(page, 'an ambiguous word');
  for (const x of await choices.locator('li').evaluateAll((ls) => ls.map((l) => l.innerText.trim()))) {
    assert.doesNotMatch(x, ROME, `no ROME code in the choice « ${x} »`);
    assert.match(x, /^Chauffeu.* — \p{Lu}/u, `a title, then its job: « ${x} »`);
  }
  await axeCheck(page, 'sectors-ambiguous');
  await screenshotAt(page, 'sectors-ambiguous', sectorField(page));
  // A click keeps that job.
  const pick = choices.locator('button').first();
  const code = await pick.getAttribute('data-code');
  await pick.click();
  await chip(page, code).waitFor(WAIT);
  assert.equal(await page.locator('#sector-error').count(), 0);
  assert.equal(await page.getByTestId('sector-choices').count(), 0);

  await axeCheck(page, 'sectors-job-words');
  await screenshot(page, 'sectors-job-words');
});

test('codes stay typable; a domain and a group of jobs read apart from a job, in French and in English', TIMEOUT, async (t) => {
  const { page } = await openAppAt(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  // A group typed by its code: named by the jobs it holds.
  await addSector(page, 'g18');
  await chip(page, 'G18').waitFor(WAIT);
  assert.equal(
    await chipWords(page, 'G18'),
    'Café, bar brasserie ; Management du service en restauration ; Service en restauration ; Sommellerie (tout le groupe de métiers)',
  );
  // A domain picked from the datalist, as offered: it reads back to its letter.
  const domain = page.locator('datalist#sectors option[value="Transport et Logistique (N)"]');
  assert.equal(await domain.getAttribute('label'), 'tout le domaine');
  await addSector(page, await domain.getAttribute('value'));
  await chip(page, 'N').waitFor(WAIT);
  assert.equal(await chipWords(page, 'N'), 'Transport et Logistique (tout le domaine)');
  // A job of the ROME list, as offered, reads back to its own code.
  await addSector(page, 'Conduite d\'engins de déplacement des charges (N1101)');
  await chip(page, 'N1101').waitFor(WAIT);
  assert.equal(await chipWords(page, 'N1101'), 'Conduite d\'engins de déplacement des charges');
  assert.equal(await page.locator('#sector-error').count(), 0);
  await chip(page, 'N1101').locator('.chip-remove').click();
  await chip(page, 'N1101').waitFor({ state: 'detached', ...WAIT });
  await assertNoCode(page, 'fr');
  await axeCheck(page, 'sectors-words-fr');
  await screenshotAt(page, 'sectors-two-chips-1366', sectorField(page));

  // On a phone: the chips wrap, every word whole.
  await page.setViewportSize({ width: 390, height: 844 });
  const box = await chip(page, 'G18').boundingBox();
  assert.ok(box && box.width <= 390, `the group's chip fits the phone: ${JSON.stringify(box)}`);
  await screenshotAt(page, 'sectors-two-chips-390', sectorField(page));

  // In English: the same chips, named in English, still no code.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, WAIT);
  assert.equal(await chipWords(page, 'N'), 'Transport et Logistique (whole field)');
  assert.match(await chipWords(page, 'G18'), /^Café, bar brasserie ; .* \(whole group of jobs\)$/);
  await addSector(page, 'serveur');
  await chip(page, 'G1803').waitFor(WAIT);
  assert.match(await page.getByTestId('sector-understood').innerText(), /^« Serveur \/ Serveuse.* » read as Service en restauration\.$/);
  await assertNoCode(page, 'en');
  await axeCheck(page, 'sectors-words-en');
  await screenshotAt(page, 'sectors-chips-en-1366', sectorField(page));
});

test('a commune the app named is named again when the language changes', TIMEOUT, async (t) => {
  const { page } = await openAppAt(t);
  const field = page.getByTestId('home-commune');
  await field.fill('Bernwiller');
  await page.locator('datalist#home-communes option[value^="Bernwiller (Haut-Rhin), ancienne commune"]').first().waitFor({ state: 'attached', ...WAIT });
  const fr = 'Bernwiller (Haut-Rhin), ancienne commune de Bernwiller';
  await field.fill(fr);
  await field.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=release-departement]')?.value === '68', null, WAIT);
  assert.equal(await field.inputValue(), fr);
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, WAIT);
  assert.equal(await field.inputValue(), 'Bernwiller (Haut-Rhin), former commune, part of Bernwiller');
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr', null, WAIT);
  assert.equal(await field.inputValue(), fr);
});
