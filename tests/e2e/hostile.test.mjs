// Files and keystrokes that fight back (issue #10), as a counsellor or an association would
// meet them: a place with an accent in a profile, a curfew typed with a stray « € », a
// spreadsheet whose quote never closes, a formula in a cell, a file far too large. The page
// must never die: no crash notice, no page error, the profile and the catalogue kept, and a
// clear French message where something was refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, axeCheck, screenshot } from './harness.mjs';

const WAIT = { timeout: 30_000 };
const TIMEOUT = { timeout: 180_000 };

const summary = (page) => page.locator('[data-testid=catalogue-summary]');
const count = async (page) => Number(await summary(page).getAttribute('data-count'));

/** The page still answers: a skill typed now becomes a chip, and no crash notice shows. */
async function stillAnswers(page) {
  assert.equal(await page.getByTestId('crash-notice').count(), 0, 'no crash notice');
  const skill = `soudure ${Date.now() % 1000}`;
  await page.getByTestId('skill-input').fill(skill);
  await page.getByTestId('skill-input').press('Enter');
  await page.locator('.chip', { hasText: skill }).waitFor(WAIT);
  assert.equal(await page.getByTestId('crash-notice').count(), 0, 'no crash notice');
  assert.deepEqual(page.relais.pageErrors, []);
}

test('a curfew typed with a stray character leaves the page alive and says what is wrong', TIMEOUT, async (t) => {
  const { page } = await openApp(t);
  const curfew = page.getByTestId('curfew-input');
  for (const typed of ['lun-dim 1€-07:00', 'lun 1€-12:00', '€€€', 'lun-dim 20:00-07:00 ééé']) {
    await curfew.fill('');
    await curfew.pressSequentially(typed, { delay: 5 });
    assert.equal(await page.getByTestId('crash-notice').count(), 0, `typing « ${typed} »`);
  }
  await stillAnswers(page);
  assert.deepEqual(page.relais.pageErrors, []);
});

test('a profile whose ban is « Sète » by name opens without killing the page', TIMEOUT, async (t) => {
  const { page } = await openApp(t);
  const profile = JSON.stringify({ situation: 'dehors', banned_places: ['Sète', '€12', '97éa'], curfew: 'lun 1€-12:00' });
  await page.getByTestId('profile-open').setInputFiles({ name: 'profil.json', mimeType: 'application/json', buffer: Buffer.from(profile) });
  // Opened, or refused with a sentence; either way the page answers.
  await page.waitForFunction(
    () => document.querySelector('[data-testid=profile-error]') || document.querySelector('.notice.ok'),
    null,
    WAIT,
  );
  await stillAnswers(page);
  assert.deepEqual(page.relais.pageErrors, []);
});

test('a CSV whose quote never closes is reported at its line and the rows after it are not lost in silence', TIMEOUT, async (t) => {
  const { page } = await openApp(t);
  const seed = await count(page);
  const rows = ['id;organisation;titre;type;milieu;departements;description'];
  rows.push('a1;Asso;Premier;aci;dehors;44;"une description qui ne se ferme pas');
  for (let i = 2; i <= 40; i++) rows.push(`a${i};Asso;Offre ${i};aci;dehors;44;ok`);
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'guillemet.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
  const report = page.getByTestId('import-report');
  await report.waitFor(WAIT);
  const text = await report.innerText();
  assert.match(text, /guillemet/i, `the report names the quote: ${text.slice(0, 600)}`);
  assert.match(text, /\b2\b/, 'the line where the quote opens');
  // Either the rows after it were read again or the file was refused: never 1 offer silently.
  const n = await count(page);
  assert.ok(n === seed || n >= 39, `catalogue count ${n}`);
  await axeCheck(page, 'hostile-unclosed-quote');
  await screenshot(page, 'hostile-unclosed-quote');
  await stillAnswers(page);
});

test('a file far too large is refused at once with what to do; the catalogue stays', TIMEOUT, async (t) => {
  const { page } = await openApp(t);
  const seed = await count(page);
  const big = Buffer.alloc(31 * 1024 * 1024, 'a;');
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'national.csv', mimeType: 'text/csv', buffer: big });
  await page.getByText(/Ce fichier pèse 31\.0 Mo/).waitFor(WAIT);
  assert.ok(await page.getByText(/relais check/).first().isVisible());
  assert.equal(await count(page), seed, 'the catalogue in use is untouched');
  await stillAnswers(page);
});

test('an exported CSV never carries a live formula', TIMEOUT, async (t) => {
  const { page } = await openApp(t);
  const rows = [
    'id;organisation;titre;type;milieu;departements;description;contact',
    'f1;"=HYPERLINK(""http://x"";""clic"")";Titre;aci;dehors;44;+cmd|\' /C calc\'!A0;@SUM(1)',
  ];
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'formules.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
  await page.getByTestId('import-report').waitFor(WAIT);
  assert.equal(await count(page), 1, 'the file with formulas is the catalogue in use');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('catalogue-export-csv').click()]);
  const fs = await import('node:fs/promises');
  const out = (await fs.readFile(await dl.path(), 'utf8')).replace(/^\uFEFF/, '');
  for (const cell of out.split(/\r?\n/).flatMap((l) => l.split(';'))) {
    const bare = cell.replace(/^"/, '');
    assert.ok(!/^[=+\-@\t\r]/.test(bare), `a live cell: ${cell}`);
  }
  assert.match(out, /'=HYPERLINK/);
});
