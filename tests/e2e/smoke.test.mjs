// Smoke test: the built app (dist/) loads in Chromium, shows results, touches
// nothing outside 127.0.0.1, logs no error, and has no serious accessibility issue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, axeCheck, screenshot, loadExample } from './harness.mjs';

test('the app opens and shows offers for now', { timeout: 120_000 }, async (t) => {
  const { page } = await openApp(t);
  // An empty profile first; the example is one click away.
  assert.equal(await page.getByTestId('establishment-input').inputValue(), '');
  await loadExample(page);

  assert.match(await page.title(), /Relais/);

  const offers = await page.locator('[data-testid=results-now] [data-testid^=offer-]').count();
  assert.ok(offers >= 1, `expected at least one [data-testid^=offer-] in [data-testid=results-now], found ${offers}`);

  await axeCheck(page, 'smoke');
  await screenshot(page, 'smoke');
});
