// Time-aware results: a ban, a measure or a curfew may carry the day it ends; an offer that only
// such decisions exclude is listed apart, « Possible à partir du … », with the rules that hold
// until then. Screenshot: tests/e2e/artifacts/later-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openAppAt, axeCheck, screenshotAt, openExcluded } from './harness.mjs';

const WAIT = { timeout: 30_000 };

test('banned from Bobigny until 15 March 2027: the Bobigny offer is possible from that day', { timeout: 180_000 }, async (t) => {
  const { page } = await openAppAt(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  await page.getByTestId('situation-dehors').check();
  await page.getByTestId('residence-departement').selectOption('93');
  // The date field appears once there is a ban.
  assert.equal(await page.getByTestId('banned-places-until').count(), 0);
  const ban = page.getByTestId('banned-place-input');
  await ban.fill('93008');
  await ban.press('Enter');
  // The « Écartées » list, opened (its items are drawn once it is).
  await openExcluded(page, 'now');
  const excluded = page.locator('[data-testid=excluded-now-ex-ei-logistique-bobigny]');
  await excluded.waitFor({ state: 'attached', ...WAIT });
  assert.equal(await page.getByTestId('later-now').count(), 0, 'no end known: excluded, no date');

  await page.getByTestId('banned-places-until').fill('2027-03-15');
  const later = page.getByTestId('later-now-ex-ei-logistique-bobigny');
  await later.waitFor(WAIT);
  assert.equal(await later.getAttribute('data-from'), '2027-03-15');
  assert.match(await later.innerText(), /Possible à partir du 15 mars 2027/);
  assert.match(await later.innerText(), /Interdiction de paraître : Bobigny/);
  assert.equal(await excluded.count(), 0, 'listed once: in its own group, not among the excluded');
  // The TIG offer at Bobigny also needs a TIG measure: a rule that does not end, no date.
  assert.equal(await page.getByTestId('later-now-ex-tig-espaces-verts-bobigny').count(), 0);
  await axeCheck(page, 'later');
  await screenshotAt(page, 'later-1366x900', page.getByTestId('later-now'));

  // The end erased: back among the excluded.
  await page.getByTestId('banned-places-until').fill('');
  await excluded.waitFor({ state: 'attached', ...WAIT });
  assert.equal(await page.getByTestId('later-now').count(), 0);
});
