// « Mode atelier »: a group, often inside a prison, on a projector (1280×720). No personal
// field at all; what exists by horizon, place, sector and type; slides moved by the keys a
// presenter clicker sends (PageDown/PageUp, arrows, space); a map of France by département
// and région whose numbers are text and accessible names, and whose places filter the list.
// Screenshots in tests/e2e/artifacts/workshop-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, axeCheck, screenshot } from './harness.mjs';

const WAIT = { timeout: 30_000 };
const PROJECTOR = { pageOptions: { viewport: { width: 1280, height: 720 } } };

async function openWorkshop(t) {
  const { page } = await openApp(t, PROJECTOR);
  await page.getByRole('button', { name: 'Mode atelier' }).click();
  await page.getByTestId('workshop').waitFor(WAIT);
  await page.locator('[data-testid=map] svg path').first().waitFor(WAIT);
  return page;
}

/** The ids of the offers listed on the overview, in order. */
async function listed(page) {
  return page
    .locator('[data-testid=ws-list] [data-testid^=ws-item-]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').slice('ws-item-'.length)));
}

test('the workshop shows no personal field at all', { timeout: 120_000 }, async (t) => {
  const page = await openWorkshop(t);
  for (const id of ['establishment-input', 'release-date', 'skill-input', 'sheet-note', 'device-save', 'profile-save', 'reset-profile']) {
    assert.equal(await page.getByTestId(id).count(), 0, `${id} is not on the workshop screen`);
  }
  // Only choices from lists: no text field, no date, no checkbox.
  assert.equal(await page.locator('input, textarea').count(), 0);
  assert.equal(await page.locator('main').count(), 1);
  // Back to the counsellor's screen: an empty profile, never the last person's (a projector
  // must not show it to the group).
  await page.getByRole('button', { name: 'Quitter le mode atelier' }).click();
  await page.getByTestId('results-now').waitFor(WAIT);
  assert.equal(await page.getByTestId('establishment-input').inputValue(), '');
});

test('dedans, à Fleury-Mérogis: slides moved by a presenter clicker', { timeout: 120_000 }, async (t) => {
  const page = await openWorkshop(t);
  await page.getByTestId('ws-place').selectOption('fleury-merogis');
  await page.locator('#ws-list-title', { hasText: 'Fleury-Mérogis' }).waitFor(WAIT);
  const ids = await listed(page);
  assert.ok(ids.includes('cafe-fleury-aci'), `Université du café at Fleury: ${ids}`);
  assert.ok(ids.includes('tmtp-ateliers-detention') && ids.includes('webforce3-numerique-detention'), `${ids}`);
  assert.ok(!ids.includes('ex-nantes-menuiserie-detention'), 'nothing of Nantes');
  assert.match(await page.locator('#ws-list-title').innerText(), new RegExp(`Dedans, maintenant — Centre pénitentiaire de Fleury-Mérogis : ${ids.length} offres`));
  await axeCheck(page, 'workshop-dedans');
  await screenshot(page, 'workshop-dedans-fleury');

  // The keys a clicker sends; focus on the page body, as after a click on the slide.
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  const shown = async () => page.getByTestId('ws-slide').getAttribute('data-offer');
  await page.keyboard.press('PageDown');
  assert.equal(await shown(), ids[0]);
  assert.equal(await page.getByTestId('ws-pos').innerText(), `1 / ${ids.length}`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await shown(), ids[1]);
  await page.keyboard.press('Space');
  assert.equal(await shown(), ids[2]);
  await page.keyboard.press('PageUp');
  assert.equal(await shown(), ids[1]);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await shown(), ids[0]);
  await page.keyboard.press('End');
  assert.equal(await shown(), ids[ids.length - 1]);
  await page.keyboard.press('PageDown');
  assert.equal(await shown(), ids[ids.length - 1], 'the last slide stays');
  // The on-screen buttons do the same.
  await page.getByTestId('ws-prev').click();
  assert.equal(await shown(), ids[ids.length - 2]);
  const cafe = ids.indexOf('cafe-fleury-aci') + 1;
  await page.keyboard.press('Home');
  await page.getByTestId('ws-item-cafe-fleury-aci').click();
  assert.equal(await shown(), 'cafe-fleury-aci');
  assert.equal(await page.getByTestId('ws-pos').innerText(), `${cafe} / ${ids.length}`);
  const slide = await page.getByTestId('ws-slide').innerText();
  assert.match(slide, /Université du café/);
  assert.match(slide, /Fleury-Mérogis/);
  // Large type for the back of the room.
  const size = await page.locator('#ws-slide-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 32, `slide title ${size}px`);
  await axeCheck(page, 'workshop-slide');
  await screenshot(page, 'workshop-slide');
  await page.keyboard.press('Home');
  await page.getByTestId('ws-list').waitFor(WAIT);
});

test('après la sortie, dans le Rhône; the map filters the list', { timeout: 120_000 }, async (t) => {
  const page = await openWorkshop(t);
  await page.getByTestId('ws-dehors').click();
  await page.getByTestId('ws-place').selectOption('d:69');
  await page.locator('#ws-list-title', { hasText: 'Rhône' }).waitFor(WAIT);
  // Places by their names: no département number in the list of places or the title.
  const places = await page.getByTestId('ws-place').locator('option').allInnerTexts();
  assert.ok(places.includes('Rhône') && places.includes('Auvergne-Rhône-Alpes'), `${places.slice(0, 5)}`);
  for (const p of places) assert.doesNotMatch(p, /\d/, `« ${p} » has no code`);
  assert.doesNotMatch(await page.locator('#ws-list-title').innerText(), /\(\d+\)/);
  const rhone = await listed(page);
  assert.ok(rhone.includes('ex-lyon-traiteur-ei'), `${rhone}`);
  assert.ok(rhone.includes('wake-up-cafe') && rhone.includes('acay'), 'anywhere offers are listed too');
  assert.ok(!rhone.includes('pdc-accompagnement-global'), 'Nantes is not in the Rhône');
  // The map: counts as text and as accessible names.
  const d69 = page.getByTestId('map-dept-69');
  assert.equal(await d69.getAttribute('aria-pressed'), 'true');
  const n69 = Number(await d69.getAttribute('data-count'));
  assert.ok(n69 >= 1);
  assert.equal(await d69.getAttribute('aria-label'), `Rhône : ${n69} offre${n69 > 1 ? 's' : ''}`);
  await axeCheck(page, 'workshop-dehors-rhone');
  await screenshot(page, 'workshop-dehors-rhone');

  // Click on Loire-Atlantique: Permis de construire (Nantes) appears; Lyon goes.
  await page.getByTestId('map-dept-44').click();
  await page.locator('#ws-list-title', { hasText: 'Loire-Atlantique' }).waitFor(WAIT);
  const nantes = await listed(page);
  assert.ok(nantes.includes('pdc-accompagnement-global') && nantes.includes('pdc-service-orientation-emploi'), `${nantes}`);
  assert.ok(!nantes.includes('ex-lyon-traiteur-ei'));
  assert.equal(await page.getByTestId('ws-place').inputValue(), 'd:44', 'the list of places follows the map');
  // Enter on a focused département does the same.
  await page.getByTestId('map-dept-13').focus();
  await page.keyboard.press('Enter');
  await page.locator('#ws-list-title', { hasText: 'Bouches-du-Rhône' }).waitFor(WAIT);
  // A département with no offer is not a button.
  const empty = page.getByTestId('map-dept-23');
  assert.equal(await empty.getAttribute('data-count'), '0');
  assert.equal(await empty.getAttribute('role'), null);

  // By région: Auvergne-Rhône-Alpes counts at least the Rhône's offers.
  await page.getByRole('button', { name: 'Régions' }).click();
  const ara = page.getByTestId('map-region-84');
  assert.ok(Number(await ara.getAttribute('data-count')) >= n69 - rhone.filter((id) => ['wake-up-cafe', 'acay'].includes(id)).length);
  await ara.click();
  await page.locator('#ws-list-title', { hasText: 'Auvergne-Rhône-Alpes' }).waitFor(WAIT);
  assert.ok((await listed(page)).includes('ex-lyon-traiteur-ei'));
  await axeCheck(page, 'workshop-regions');
  await screenshot(page, 'workshop-regions');
  await page.getByTestId('ws-area-clear').click();
  await page.locator('#ws-list-title', { hasText: 'Toute la France' }).waitFor(WAIT);
});

test('sector and type narrow the list; the organisations of the source articles are there', { timeout: 120_000 }, async (t) => {
  const page = await openWorkshop(t);
  const orgs = new Set();
  const collect = async () => {
    for (const o of await page.locator('[data-testid=ws-list] .ws-title .o').allInnerTexts()) orgs.add(o.trim());
  };
  await collect();
  await page.getByTestId('ws-type').selectOption('aci');
  const aci = await listed(page);
  assert.ok(aci.length >= 1 && aci.includes('cafe-fleury-aci'), `${aci}`);
  await page.getByTestId('ws-type').selectOption('');
  await page.getByTestId('ws-sector').selectOption('M');
  assert.ok((await listed(page)).includes('webforce3-numerique-detention'));
  await page.getByTestId('ws-sector').selectOption('');
  await page.getByTestId('ws-dehors').click();
  await page.locator('#ws-list-title', { hasText: 'Après la sortie' }).waitFor(WAIT);
  await collect();
  for (const o of ['Toi Même Tu Parles', 'Webforce3', 'Université du café', 'Permis de construire', 'Wake Up Café', 'ACAY']) {
    assert.ok(orgs.has(o), `${o} appears in the workshop`);
  }
  // English too.
  await page.getByTestId('lang-switch').click();
  await page.getByRole('button', { name: 'Leave workshop mode' }).waitFor(WAIT);
  assert.match(await page.locator('#ws-list-title').innerText(), /After release — All of France: \d+ offers/);
});

/** Every slide of the list in full screen: no scrolling, nothing cut, text ≥ 24 px. */
async function checkEverySlideFits(page, label) {
  const n = (await listed(page)).length;
  assert.ok(n > 0, `${label}: offers`);
  await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
  await page.keyboard.press('f');
  await page.locator('main.ws-present').waitFor(WAIT);
  assert.equal(await page.locator('.site-header').count(), 0, `${label}: the header hides`);
  assert.equal(await page.locator('.ws-controls').count(), 0, `${label}: the controls hide`);
  assert.equal(await page.getByTestId('ws-next').count(), 0, `${label}: the slide buttons hide`);
  let worst = { id: '', over: -Infinity };
  for (let k = 1; k <= n; k++) {
    await page.keyboard.press(k % 2 ? 'PageDown' : 'Space');
    const m = await page.getByTestId('ws-slide').evaluate((el) => {
      const doc = document.scrollingElement;
      const texts = [...el.querySelectorAll('dd, .ws-desc, .ws-org, .ws-count, dt')];
      const minFont = Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize)));
      const bottom = Math.max(...[...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().bottom));
      return {
        id: el.getAttribute('data-offer'),
        pageScroll: doc.scrollHeight - window.innerHeight,
        cut: el.scrollHeight - el.clientHeight,
        over: bottom - window.innerHeight,
        minFont,
      };
    });
    assert.ok(m.pageScroll <= 0, `${label}: slide ${k} (${m.id}) makes the page scroll by ${m.pageScroll}px`);
    assert.ok(m.cut <= 1 && m.over <= 0, `${label}: slide ${k} (${m.id}) is cut: ${JSON.stringify(m)}`);
    assert.ok(m.minFont >= 24, `${label}: slide ${k} (${m.id}) has text of ${m.minFont}px`);
    if (m.over > worst.over) worst = m;
  }
  return worst;
}

test('full screen on a projector: every slide fits 1280×720 and 1024×768, text ≥ 24 px; F, clicker keys, Escape; group examples', { timeout: 300_000 }, async (t) => {
  const page = await openWorkshop(t);
  // The overview list is read from the back of the room too.
  const listFont = await page.locator('[data-testid=ws-list] .ws-title .o, [data-testid=ws-list] .ws-title .t').evaluateAll((els) =>
    Math.min(...els.map((e) => parseFloat(getComputedStyle(e).fontSize))),
  );
  assert.ok(listFont >= 18, `overview list text ${listFont}px`);

  // A group example, as data (data/personas-atelier.csv).
  await page.getByTestId('ws-persona').selectOption('sortants-rhone-cuisine');
  await page.locator('#ws-list-title', { hasText: 'Rhône' }).waitFor(WAIT);
  assert.equal(await page.getByTestId('ws-dehors').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('ws-sector').inputValue(), 'G');
  const rhone = await listed(page);
  assert.ok(rhone.includes('ex-lyon-traiteur-ei'), `${rhone}`);
  await axeCheck(page, 'workshop-persona');
  await screenshot(page, 'workshop-persona-rhone-cuisine');

  // Every offer, inside then after release, on both projectors.
  for (const [width, height] of [[1280, 720], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    for (const h of ['ws-dedans', 'ws-dehors']) {
      await page.getByTestId(h).click();
      await page.getByTestId('ws-place').selectOption('');
      await page.getByTestId('ws-sector').selectOption('');
      await page.getByTestId('ws-type').selectOption('');
      const worst = await checkEverySlideFits(page, `${h} ${width}×${height}`);
      // The fullest slide of the list, for the eye.
      await page.keyboard.press('Home');
      await page.getByTestId(`ws-item-${worst.id}`).click();
      await page.getByTestId('ws-slide').waitFor(WAIT);
      if (h === 'ws-dehors') {
        await axeCheck(page, `workshop-present-${width}`);
        await screenshot(page, `workshop-present-${width}x${height}-fullest`);
      }
      // Escape leaves: the controls are back.
      await page.keyboard.press('Escape');
      await page.locator('.ws-controls').waitFor(WAIT);
      assert.equal(await page.locator('main.ws-present').count(), 0);
    }
  }
  // The button does the same as F; the overview in full screen: the list alone, large.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByTestId('ws-present').click();
  await page.keyboard.press('Home');
  await page.locator('main.ws-present [data-testid=ws-list]').waitFor(WAIT);
  const big = await page.locator('main.ws-present .ws-title .o').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(big >= 18, `full-screen overview ${big}px`);
  await axeCheck(page, 'workshop-present-overview');
  await screenshot(page, 'workshop-present-overview-1024x768');
  await page.getByTestId('ws-present-leave').click();
  await page.locator('.ws-controls').waitFor(WAIT);
});
