// Everyday job words as sectors: « boulanger » typed in the sector field becomes D1102 (the
// job titles, rome-appellations.csv, are fetched from the app's own origin on first use),
// a regulated job says so next to the field, and an ambiguous word lists its candidates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, axeCheck, screenshot } from './harness.mjs';

const WAIT = { timeout: 30_000 };

async function addSector(page, text) {
  const input = page.getByTestId('sector-input');
  await input.fill(text);
  await input.press('Enter');
}

test('a job word in the sector field becomes its ROME code', { timeout: 120_000 }, async (t) => {
  const { page } = await openApp(t);
  const field = page.locator('.field', { has: page.getByTestId('sector-input') });

  // Enter right after typing: the word waits for the list, then is read.
  await addSector(page, 'boulanger');
  await field.locator('.chip', { hasText: 'D1102' }).waitFor(WAIT);
  assert.match(await field.locator('.chip', { hasText: 'D1102' }).innerText(), /Boulangerie/);
  const understood = page.getByTestId('sector-understood');
  assert.match(await understood.innerText(), /Boulanger \/ Boulangère/);
  assert.equal(await page.getByTestId('sector-regulated').count(), 0);

  // The datalist offers the titles for what is typed.
  await page.getByTestId('sector-input').fill('carist');
  await page.locator('datalist#sectors option[value="Cariste (N1101)"]').waitFor({ state: 'attached', ...WAIT });

  // A regulated job is flagged next to the field.
  await addSector(page, 'Chauffeur / Chauffeuse de bus (N4103)');
  await field.locator('.chip', { hasText: 'N4103' }).waitFor(WAIT);
  await page.getByTestId('sector-regulated').waitFor(WAIT);
  assert.match(await page.getByTestId('sector-regulated').innerText(), /réglementé/);

  // An ambiguous word is not guessed: its candidates are listed.
  await addSector(page, 'chauffeur');
  const error = page.locator('#sector-error');
  await error.waitFor(WAIT);
  assert.match(await error.innerText(), /plusieurs métiers/);
  assert.equal(await page.getByTestId('sector-input').inputValue(), 'chauffeur', 'the word stays');

  await axeCheck(page, 'sectors-job-words');
  await screenshot(page, 'sectors-job-words');
});
