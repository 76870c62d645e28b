// Smoke test: the built app (dist/) loads in Chromium, shows results, touches
// nothing outside 127.0.0.1, logs no error, and has no serious accessibility issue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, axeCheck, screenshot, screenshotAt, loadExample } from './harness.mjs';

test('the app opens and shows offers for now', { timeout: 120_000 }, async (t) => {
  const { page } = await openApp(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  // An empty profile first; the example is one click away, and said to be fictitious.
  assert.equal(await page.getByTestId('establishment-input').inputValue(), '');
  assert.match(await page.getByTestId('load-example').innerText(), /exemple \(personne fictive\)/);
  await axeCheck(page, 'first-screen-empty');
  await screenshotAt(page, 'first-screen-empty-1366x900', page.locator('.site-header'));
  await loadExample(page);
  assert.match(await page.getByTestId('example-banner').innerText(), /exemple.*personne fictive/is);
  await screenshotAt(page, 'first-screen-example-1366x900', page.locator('.site-header'));
  // Emptied for a real person: nothing of the example stays.
  await page.getByTestId('example-clear').click();
  await page.getByTestId('load-example').waitFor();
  assert.equal(await page.getByTestId('establishment-input').inputValue(), '');
  assert.equal(await page.locator('.chip').count(), 0, 'no leftover skill or sector');
  await loadExample(page);

  assert.match(await page.title(), /Relais/);

  const offers = await page.locator('[data-testid=results-now] [data-testid^=offer-]').count();
  assert.ok(offers >= 1, `expected at least one [data-testid^=offer-] in [data-testid=results-now], found ${offers}`);

  await axeCheck(page, 'smoke');
  await screenshot(page, 'smoke');
});
