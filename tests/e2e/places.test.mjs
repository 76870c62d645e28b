// Places as the law and the person see them (issue #11), typed as a counsellor types them:
// « Lyon 3 », the postal code on the person's letters, « saint denis » without accent or
// hyphen; the readings offered when a value could mean several places; a ban on a city that
// covers its arrondissements; offers beyond the radius listed apart, « Plus loin ».
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openAppAt, axeCheck, screenshotAt, readOffers, loadExample, openExcluded } from './harness.mjs';

const WAIT = { timeout: 30_000 };
const TIMEOUT = { timeout: 180_000 };

async function chips(page) {
  return page
    .locator('.field', { has: page.getByTestId('banned-place-input') })
    .locator('.chip')
    .evaluateAll((els) => els.map((e) => e.innerText.replace(/\s*[×✕]\s*$/, '').trim()));
}

/** The chip of a place kept in the profile under this code. */
const chip = (page, code) => page.locator(`.chip[data-code="${code}"]`);

/** Five digits standing alone: a code. A postal code is only allowed at the start of an
 * address (« 97400 Saint-Denis (La Réunion) »), and these tests expect none. */
const CODE = /(^|[^\d])\d{5}([^\d]|$)/;

/** Every text the place field shows: its chips, its choices (with their notes) and the
 * options of its datalist. */
async function placeTexts(page, input = 'banned-place-input', list = 'places') {
  const field = page.locator('.field', { has: page.getByTestId(input) });
  const shown = await field.locator('.chip > span, .place-choices li').evaluateAll((els) => els.map((e) => e.innerText.trim()));
  const options = await page.locator(`datalist#${list} option`).evaluateAll((os) => os.map((o) => o.value));
  return [...shown, ...options];
}

/** Type a place in the ban field and press Enter, once the commune list is there. */
async function typeBan(page, text) {
  const input = page.getByTestId('banned-place-input');
  await input.fill(text);
  await input.press('Enter');
}

test('the ban field reads « Lyon 3 », asks about « 69003 » and « saint denis », names places without code', TIMEOUT, async (t) => {
  const { page } = await openAppAt(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  // The commune list is fetched after start: a commune's suggestion proves it is there.
  await page.getByTestId('banned-place-input').fill('Lyon 7');
  await page.locator('datalist#places option[value^="Lyon 7e Arrondissement"]').first().waitFor({ state: 'attached', ...WAIT });

  await typeBan(page, 'Lyon 3');
  await chip(page, '69383').waitFor(WAIT);
  assert.equal((await chip(page, '69383').innerText()).replace(/\s*×\s*$/, ''), 'Lyon 3e Arrondissement (Rhône)');
  assert.equal(await page.locator('#banned-place-error').count(), 0);

  // A postal code is never taken for an INSEE code in silence: 69003 is Albigny-sur-Saône's
  // INSEE code and Lyon 3e's postal code.
  await typeBan(page, '69003');
  await page.locator('#banned-place-error').waitFor(WAIT);
  assert.match(await page.locator('#banned-place-error').innerText(), /« 69003 » peut désigner plusieurs lieux/);
  const choices = page.getByTestId('banned-place-choices');
  assert.ok(await choices.getByTestId('place-choice-69383').isVisible(), 'Lyon 3e by postal code');
  assert.ok(await choices.getByTestId('place-choice-69003').isVisible(), 'Albigny-sur-Saône by INSEE code');
  assert.equal(await page.getByTestId('banned-place-input').inputValue(), '69003', 'what was typed stays');
  await axeCheck(page, 'places-ambiguous-postal-code');
  await screenshotAt(page, 'places-1-postal-code', page.locator('.field', { has: page.getByTestId('banned-place-input') }));
  // The choices say what each place is and how it was read, in words: no code.
  assert.match(await choices.locator('li', { has: page.getByTestId('place-choice-69383') }).innerText(), /Lyon 3e Arrondissement \(Rhône\) — arrondissement de Lyon, par son code postal/);
  assert.match(await choices.locator('li', { has: page.getByTestId('place-choice-69003') }).innerText(), /Albigny-sur-Saône \(Rhône\) — commune, par son code INSEE/);
  for (const x of await placeTexts(page)) assert.doesNotMatch(x, CODE, `no code in « ${x} »`);
  await choices.getByTestId('place-choice-69003').click();
  await chip(page, '69003').waitFor(WAIT);
  assert.equal(await page.getByTestId('banned-place-choices').count(), 0, 'the choices go once one is picked');

  // A name shared by several communes, typed without accent or hyphen.
  await typeBan(page, 'saint denis');
  await page.getByTestId('banned-place-choices').waitFor(WAIT);
  const offered = await page
    .getByTestId('banned-place-choices')
    .locator('button')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')));
  assert.ok(offered.includes('place-choice-93066'), `Saint-Denis (93): ${offered}`);
  assert.ok(offered.includes('place-choice-97411'), `Saint-Denis (La Réunion): ${offered}`);
  // Two Saint-Denis told apart by their département, in words.
  const names = await page.getByTestId('banned-place-choices').locator('button').evaluateAll((bs) => bs.map((b) => b.innerText.trim()));
  assert.ok(names.includes('Saint-Denis (Seine-Saint-Denis)'), `${names}`);
  assert.ok(names.includes('Saint-Denis (La Réunion)'), `${names}`);
  assert.equal(new Set(names).size, names.length, `every choice reads differently: ${names}`);
  // The datalist offers the same names, each the one place it reads back to.
  await page.locator('datalist#places option[data-code="97411"]').waitFor({ state: 'attached', ...WAIT });
  assert.equal(await page.locator('datalist#places option[data-code="97411"]').getAttribute('value'), 'Saint-Denis (La Réunion)');
  for (const x of await placeTexts(page)) assert.doesNotMatch(x, CODE, `no code in « ${x} »`);
  await axeCheck(page, 'places-saint-denis');
  await screenshotAt(page, 'places-2-saint-denis', page.locator('.field', { has: page.getByTestId('banned-place-input') }));
  await page.getByTestId('place-choice-93066').click();
  await chip(page, '93066').waitFor(WAIT);
  // The other Saint-Denis from its suggestion, as the datalist hands it to the field.
  await typeBan(page, 'Saint-Denis (La Réunion)');
  await chip(page, '97411').waitFor(WAIT);
  assert.equal(await page.getByTestId('banned-place-choices').count(), 0, 'a suggestion is one place');
  const all = await chips(page);
  assert.deepEqual(all, [
    'Lyon 3e Arrondissement (Rhône)',
    'Albigny-sur-Saône (Rhône)',
    'Saint-Denis (Seine-Saint-Denis)',
    'Saint-Denis (La Réunion)',
  ]);
  for (const x of await placeTexts(page)) assert.doesNotMatch(x, CODE, `no code in « ${x} »`);
  await screenshotAt(page, 'places-2b-saint-denis-chips', page.locator('.field', { has: page.getByTestId('banned-place-input') }));
  // On a phone: the choices and the chips wrap, every name whole.
  await page.setViewportSize({ width: 390, height: 844 });
  await typeBan(page, 'saint denis');
  await page.getByTestId('banned-place-choices').waitFor(WAIT);
  await axeCheck(page, 'places-saint-denis-phone');
  await screenshotAt(page, 'places-2c-saint-denis-phone', page.locator('.field', { has: page.getByTestId('banned-place-input') }));
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `no sideways scrolling on a phone: ${wide}px`);
});

test('a ban on Lyon covers Lyon 7e; offers far from the release place are listed apart', TIMEOUT, async (t) => {
  const { page } = await openAppAt(t);
  // The example: detained at Fleury-Mérogis; the counsellor sets the release to the Rhône.
  await loadExample(page);
  await page.getByTestId('release-departement').selectOption('69');
  await page.locator('[data-testid=results-after] [data-testid=offer-ex-aide-domicile-rhone]').waitFor(WAIT);
  await page.getByTestId('banned-place-input').fill('Lyon 7');
  await page.locator('datalist#places option[value^="Lyon 7e Arrondissement"]').first().waitFor({ state: 'attached', ...WAIT });
  await typeBan(page, 'Lyon');
  // « Lyon » may be asked about (the city or its arrondissements): pick the city when asked.
  const asked = await page.getByTestId('banned-place-choices').waitFor({ timeout: 3_000 }).then(() => true, () => false);
  if (asked) await page.getByTestId('place-choice-69123').click();
  await chip(page, '69123').waitFor(WAIT);

  // The caterer placed in Lyon 7e is excluded after release, the sentence names both places
  // (in « Écartées », opened: its items are drawn once it is).
  await openExcluded(page, 'after');
  const item = page.getByTestId('excluded-after-ex-lyon-traiteur-ei');
  await item.waitFor({ state: 'attached', ...WAIT });
  const text = await item.locator('ul.rules').textContent();
  assert.match(text, /Interdiction de paraître : Lyon ;/);
  assert.match(text, /Lyon 7e Arrondissement/);
  assert.doesNotMatch(text, /\(\d{5}\)/, 'no INSEE code in the sentence');
  const fitsAfter = (await readOffers(page, 'after')).map((c) => c.id);
  assert.ok(!fitsAfter.includes('ex-lyon-traiteur-ei'), 'never among the offers that fit');

  // « Plus loin »: offers that fit but lie beyond the radius, nearest first, with their distance.
  const beyond = page.getByTestId('beyond-after');
  await beyond.waitFor(WAIT);
  const kms = await beyond.locator('li[data-km]').evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-km'))));
  assert.ok(kms.length > 0);
  assert.ok(kms.every((k) => k > 30), `beyond the 30 km radius: ${kms}`);
  assert.deepEqual(kms, [...kms].sort((a, b) => a - b), 'nearest first');
  assert.match(await beyond.locator('li').first().innerText(), /km/);
  for (const id of fitsAfter) {
    assert.equal(await beyond.getByTestId(`beyond-after-${id}`).count(), 0, `${id} is in one list only`);
  }
  assert.match(await page.locator('.summary').innerText(), /plus loin : \d+/);
  await axeCheck(page, 'places-beyond');
  await screenshotAt(page, 'places-3-beyond', beyond);

});

test('the release commune, typed as written on a letter, measures the distances from it', TIMEOUT, async (t) => {
  const { page } = await openAppAt(t);
  const field = page.getByTestId('home-commune');
  await field.fill('Lyon 7');
  await page.locator('datalist#home-communes option[value^="Lyon 7e Arrondissement"]').first().waitFor({ state: 'attached', ...WAIT });
  // Without accent or capital, as typed in a hurry: one commune, its département follows.
  await field.fill('venissieux');
  await field.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=release-departement]')?.value === '69', null, WAIT);
  assert.equal(await field.inputValue(), 'Vénissieux (Rhône)');
  assert.equal(await page.locator('#home-commune-error').count(), 0);
  // The distances after release are measured from Vénissieux, not estimated.
  const after = await readOffers(page, 'after');
  const place = after.map((c) => c.reasons.find((r) => r.factor === 'Lieu')?.text ?? '').filter((x) => /km/.test(x));
  assert.ok(place.every((x) => x.includes('de Vénissieux :')), `distances from Vénissieux: ${place}`);
  // An offer placed in a commune gets a measured distance; one placed only by département is
  // said to be an estimate.
  assert.ok(place.some((x) => /^À \d+ km de Vénissieux/.test(x)), `a measured distance: ${place}`);
  for (const x of place.filter((x) => x.includes('commune non précisée'))) assert.match(x, /distance estimée/);
  // A postal code that is also an INSEE code is asked about, never guessed.
  await field.fill('69003');
  await field.press('Enter');
  await page.getByTestId('home-commune-choices').waitFor(WAIT);
  await page.getByTestId('home-commune-choices').getByTestId('place-choice-69383').click();
  assert.equal(await field.inputValue(), 'Lyon 3e Arrondissement (Rhône)');
  for (const x of await placeTexts(page, 'home-commune', 'home-communes')) assert.doesNotMatch(x, CODE, `no code in « ${x} »`);
  await axeCheck(page, 'places-home-commune');
});

test('a wider radius brings the nearer « Plus loin » offers back among those that fit', TIMEOUT, async (t) => {
  // The example: detained at Fleury-Mérogis, released to Loire-Atlantique (44).
  const { page } = await openAppAt(t);
  await loadExample(page);
  const beyondKms = () =>
    page.locator('[data-testid=beyond-after] li[data-km]').evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-km'))));
  await page.locator('[data-testid=beyond-after] li[data-km]').first().waitFor(WAIT);
  const before = await beyondKms();
  const fitsBefore = (await readOffers(page, 'after')).length;
  assert.ok(before.some((k) => k <= 200), `an offer within 200 km lies beyond 30 km: ${before}`);
  assert.equal(await page.getByTestId('radius').inputValue(), '30', 'the default radius');
  await page.getByTestId('radius').selectOption('200');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=beyond-after] li[data-km]').length < n,
    before.length,
    WAIT,
  );
  const after = await beyondKms();
  assert.ok(after.every((k) => k > 200), `beyond 200 km only: ${after}`);
  const fitsAfter = (await readOffers(page, 'after')).length;
  assert.equal(fitsAfter - fitsBefore, before.length - after.length, 'each offer moved from « Plus loin » to the offers that fit');
  await axeCheck(page, 'places-radius');
});
