// The counsellor's flow for a person *dedans*: detained at Fleury-Mérogis (91), released to the
// Rhône (69), banned from the Essonne and from Lyon 7e (interdiction de paraître), who knows
// « service en salle ». Typed with the keyboard only, as a CPIP would.
//
// Expectations come from the core for the same profile on the same day:
//   relais match --profile P --today 2026-11-23      (P: the profile below, as JSON)
// and are checked on what the page shows: cards, scores, reason sentences, warnings, the
// excluded lists with their rule sentences.
//
// Also here: the orientation sheet in print (A4 PDF in tests/e2e/artifacts/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ARTIFACTS,
  axeCheck,
  describeFocus,
  focusIndicator,
  openAppAt,
  loadExample,
  openExcluded,
  readExcluded,
  readBeyond,
  readOffers,
  screenshot,
  screenshotAt,
  seedCatalogue,
  tabTo,
} from './harness.mjs';

const WAIT = { timeout: 30_000 };
const FLEURY = 'Centre pénitentiaire de Fleury-Mérogis (Essonne)';

/** The text of the chips (added values) of the field that holds `testid`. */
async function chips(page, testid) {
  return page
    .locator('.field', { has: page.getByTestId(testid) })
    .locator('.chip > span')
    .allInnerTexts();
}

/** Every card: the points of its reasons add up to its score, and the score shown is that score. */
function assertScoresExplained(cards, horizon) {
  for (const c of cards) {
    const sum = c.reasons.reduce((s, r) => s + r.points, 0);
    assert.equal(sum, c.score, `${horizon}: the points of ${c.id} add up to ${sum}, its score is ${c.score}`);
    assert.equal(c.shownScore, c.score, `${horizon}: ${c.id} shows ${c.shownScore}, data-score ${c.score}`);
    assert.ok(c.reasons.every((r) => r.text.length > 0), `${horizon}: ${c.id} has a reason without a sentence`);
  }
  const scores = cards.map((c) => c.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), `${horizon}: cards sorted best first`);
}

test('dedans at Fleury-Mérogis, released to the Rhône, with bans: typed with the keyboard', { timeout: 180_000 }, async (t) => {
  const { page } = await openAppAt(t);
  // The app takes today from the browser's clock (js_sys::Date), fixed by openAppAt.
  assert.equal((await page.locator('#sheet .meta').first().innerText()).trim(), 'Établie le 23 novembre 2026');

  // ---- a new, empty profile: Tab to the header button, Enter ----
  await tabTo(page, '[data-testid=reset-profile]');
  await page.keyboard.press('Enter');
  await page.getByText('Nouveau profil vide').waitFor(WAIT);
  assert.equal(await page.getByTestId('establishment-input').inputValue(), '');
  assert.equal(await page.locator('[data-testid=results-now] li.offer').count(), 0, 'no establishment: nothing fits now');

  // ---- situation: Tab reaches the checked radio, arrows change it, focus is visible ----
  await tabTo(page, '[data-testid=situation-dedans]');
  assert.ok(await page.getByTestId('situation-dedans').isChecked());
  const radioFocus = await focusIndicator(page);
  assert.ok(radioFocus.visible, `the focused radio shows no focus: ${JSON.stringify(radioFocus)}`);

  await page.keyboard.press('ArrowRight');
  await page.getByTestId('residence-departement').waitFor(WAIT);
  assert.ok(await page.getByTestId('situation-dehors').isChecked(), 'ArrowRight chose « dehors »');
  assert.equal(await page.getByTestId('results-after').count(), 0, 'dehors: no « Après la sortie »');
  assert.equal(await page.getByTestId('establishment-input').count(), 0, 'dehors: no establishment field');

  await page.keyboard.press('ArrowLeft');
  await page.getByTestId('establishment-input').waitFor(WAIT);
  assert.ok(await page.getByTestId('situation-dedans').isChecked(), 'ArrowLeft chose « dedans » again');
  await page.getByTestId('results-after').waitFor(WAIT);

  // ---- establishment: the next Tab stop; type a piece of the name, then pick it ----
  const presses = await tabTo(page, '[data-testid=establishment-input]', { max: 3 });
  assert.equal(presses, 1, 'the establishment field is the next Tab stop after the situation');
  const fieldFocus = await focusIndicator(page);
  assert.ok(fieldFocus.visible, `the focused establishment field shows no focus: ${JSON.stringify(fieldFocus)}`);

  await page.keyboard.type('fleury');
  const understood = page.locator('.field', { has: page.getByTestId('establishment-input') }).locator('.understood');
  await understood.waitFor(WAIT);
  assert.equal((await understood.innerText()).trim(), `Compris : ${FLEURY}`);
  // The list offers the full name. Headless Chromium draws no datalist pop-up to press
  // ArrowDown/Enter in: picking an option replaces the text and fires `input`, as here.
  assert.equal(await page.locator(`datalist#establishments option[value="${FLEURY}"]`).count(), 1);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(FLEURY);
  await understood.waitFor({ state: 'detached', ...WAIT });
  assert.equal(await page.getByTestId('establishment-input').inputValue(), FLEURY);
  assert.equal(await page.locator('#establishment-error').count(), 0);
  await page.locator('[data-testid=results-now] [data-testid=offer-cafe-fleury-aci]').waitFor(WAIT);

  // ---- release date: typed, year first (see the dedicated test below) ----
  await tabTo(page, '[data-testid=release-date]', { max: 3 });
  await typeDateYearFirst(page, '2027', '03', '15');
  assert.equal(await page.getByTestId('release-date').inputValue(), '2027-03-15');
  assert.equal(await page.locator('#release-date-error').count(), 0, 'a future date has no error');

  // ---- release département: the next Tab stop, its name typed (the list shows names) ----
  await tabTo(page, '[data-testid=release-departement]', { max: 3 });
  await page.keyboard.type('Rhône');
  assert.equal(await page.getByTestId('release-departement').inputValue(), '69');
  await page.locator('[data-testid=results-after] [data-testid=offer-ex-aide-domicile-rhone]').waitFor(WAIT);

  // ---- interdiction de paraître: a département by name, a commune by code ----
  await tabTo(page, '[data-testid=banned-place-input]');
  await page.keyboard.type('Essonne');
  await page.keyboard.press('Enter');
  await page.locator('.chip[data-code="91"]').waitFor(WAIT);
  assert.equal(await page.getByTestId('banned-place-input').inputValue(), '', 'the field is emptied once added');
  await page.keyboard.type('69387');
  // The commune list is fetched after start: its suggestion proves it is there.
  await page.locator('datalist#places option[data-code="69387"][value="Lyon 7e Arrondissement (Rhône)"]').waitFor({ state: 'attached', ...WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.chip[data-code="69387"]').waitFor(WAIT);
  // Places in words, without their codes (kept in the profile and in `data-code`).
  assert.deepEqual(await chips(page, 'banned-place-input'), ['Essonne', 'Lyon 7e Arrondissement (Rhône)']);
  assert.equal(await page.locator('#banned-place-error').count(), 0);

  // ---- a skill ----
  await tabTo(page, '[data-testid=skill-input]');
  await page.keyboard.type('service en salle');
  await page.keyboard.press('Enter');
  await page.locator('.chip', { hasText: 'service en salle' }).waitFor(WAIT);
  assert.deepEqual(await chips(page, 'skill-input'), ['service en salle']);

  // ======== Maintenant ========
  const now = await readOffers(page, 'now');
  assertScoresExplained(now, 'now');
  assert.deepEqual(
    now.map((c) => c.id).sort(),
    [
      'cafe-fleury-aci',
      'ex-atelier-cv-fleury',
      'ex-cuisine-fleury',
      'ex-francais-fleury',
      'ex-passerelle-sortants-idf',
      'ex-sst-fleury',
      'tmtp-ateliers-detention',
      'webforce3-numerique-detention',
    ],
    'now: the offers run at Fleury-Mérogis',
  );
  // Webforce3 comes first: its course goes on after release at a distance, wherever the person
  // lives. The coffee ACI's continuation runs in Essonne, beyond reach of the Rhône: no
  // continuation points, and it comes second on its shared skill.
  assert.equal(now[0].id, 'webforce3-numerique-detention', `best first now: ${now.map((c) => `${c.id} ${c.score}`)}`);
  assert.equal(now[0].score, 55);
  assert.deepEqual(
    now[0].reasons.map((r) => [r.points, r.factor, r.text]),
    [
      [30, 'Lieu', `A lieu à l'établissement où la personne est détenue (Centre pénitentiaire de Fleury-Mérogis)`],
      [10, 'Calendrier', 'Permanente : ouverte maintenant'],
      [15, 'Continuité', 'Se poursuit dehors après la sortie : « Formation aux métiers du numérique (après la sortie) » (Webforce3)'],
    ],
  );
  const cafe = now[1];
  assert.equal(cafe.id, 'cafe-fleury-aci', 'the coffee ACI comes second now');
  assert.equal(cafe.score, 50);
  assert.equal(cafe.title, "Atelier chantier d'insertion café : torréfaction et service");
  assert.deepEqual(
    cafe.reasons.map((r) => [r.points, r.factor, r.text]),
    [
      [10, 'Compétences', 'Compétences en commun : service en salle'],
      [30, 'Lieu', `A lieu à l'établissement où la personne est détenue (Centre pénitentiaire de Fleury-Mérogis)`],
      [10, 'Calendrier', 'Permanente : ouverte maintenant'],
    ],
  );
  // Its *suite* outside, as the card shows it.
  assert.deepEqual(cafe.suite, [
    'Essaimage en milieu ouvert (en réflexion) (Université du café)',
    "Torréfaction et service de café en chantier d'insertion (Exemple Torréfaction Solidaire Essonne)",
  ]);
  const cafeCard = page.locator('[data-testid=results-now] [data-testid=offer-cafe-fleury-aci]');
  assert.ok(await cafeCard.getByText('Suite dehors', { exact: true }).isVisible(), 'the suite is shown on the card');

  const excludedNow = await readExcluded(page, 'now');
  const beyondNow = await readBeyond(page, 'now');
  assert.equal(now.length + excludedNow.length + beyondNow.length, 80, 'now: every offer of the catalogue is in one list');
  const restaurantNow = excludedNow.find((x) => x.id === 'ex-restaurant-evry-ei');
  assert.deepEqual(restaurantNow?.rules.map((r) => r.rule), ['situation'], 'a dehors offer is excluded now for the situation');

  // ======== Après la sortie ========
  const after = await readOffers(page, 'after');
  assertScoresExplained(after, 'after');
  const place = (c) => c.reasons.find((r) => r.factor === 'Lieu')?.text ?? '';
  const near = after.map((c, i) => [i, c]).filter(([, c]) => place(c).startsWith('Dans le département de sortie : Rhône'));
  assert.deepEqual(
    near.map(([, c]) => c.id).sort(),
    ['ex-aide-domicile-rhone', 'ex-villefranche-permis-emploi'],
    'after: the offers open in the Rhône at release',
  );
  // Offers far from the Rhône still fit, listed apart (« Plus loin »), nearest first.
  const far = await readBeyond(page, 'after');
  assert.ok(far.length > 10, `after: offers elsewhere are still listed, apart: ${far.length}`);
  assert.ok(far.every((b) => b.km > 30), 'beyond the 30 km radius');
  for (const c of after) assert.ok(!far.some((b) => b.id === c.id), `${c.id} is in one list only`);
  const firstWithoutContinuation = after.find((c) => !c.reasons.some((r) => r.factor === 'Continuité'));
  assert.match(place(firstWithoutContinuation), /^Dans le département de sortie/, 'after: the first offer that continues nothing is in the Rhône');

  // The continuation of the coffee ACI outside, with the ban it may run into as a warning.
  // It runs in Essonne and elsewhere, far from the Rhône: listed « Plus loin », with its distance.
  const essaimage = far.find((c) => c.id === 'cafe-essaimage-milieu-ouvert-projet');
  assert.ok(essaimage, `after: the suite of the coffee ACI is listed, further away: ${far.map((b) => b.id)}`);
  assert.match(essaimage.text, /km/);
  assert.ok(
    essaimage.warnings.some((w) => w.startsWith('Interdiction de paraître : Essonne ;')),
    `the Essonne ban is a warning on an offer that also runs elsewhere: ${JSON.stringify(essaimage.warnings)}`,
  );
  const rhone = after.find((c) => c.id === 'ex-aide-domicile-rhone');
  assert.ok(
    rhone.warnings.some((w) => w.startsWith('Interdiction de paraître : Lyon 7e Arrondissement, arrondissement de Lyon ;')),
    `a Rhône offer without a commune warns about the commune ban: ${JSON.stringify(rhone.warnings)}`,
  );

  const excludedAfter = await readExcluded(page, 'after');
  assert.equal(after.length + excludedAfter.length + far.length, 80, 'after: every offer is in one list');
  const rulesOf = (id) => excludedAfter.find((x) => x.id === id)?.rules ?? [];
  // Offers in a banned place.
  assert.deepEqual(rulesOf('ex-lyon-traiteur-ei'), [
    { rule: 'banned_place', text: "Interdiction de paraître : Lyon 7e Arrondissement, arrondissement de Lyon ; l'offre a lieu dans cet arrondissement." },
  ]);
  for (const id of ['ex-restaurant-evry-ei', 'ex-cafe-essonne-aci']) {
    assert.deepEqual(rulesOf(id), [
      { rule: 'banned_place', text: "Interdiction de paraître : Essonne ; l'offre a lieu à Évry-Courcouronnes." },
    ], id);
  }
  assert.ok(!after.some((c) => ['ex-lyon-traiteur-ei', 'ex-restaurant-evry-ei', 'ex-cafe-essonne-aci'].includes(c.id)));
  // Every inside-only offer is excluded after release for the situation.
  const inside = (await seedCatalogue()).filter((o) => o.milieu === 'dedans').map((o) => o.id);
  assert.ok(inside.length >= 10, `the seed catalogue has inside-only offers (${inside.length})`);
  for (const id of inside) {
    assert.ok(
      rulesOf(id).some(
        (r) => r.rule === 'situation' && r.text === "L'offre n'a lieu qu'en détention (milieu fermé) : elle ne peut pas se poursuivre après la sortie.",
      ),
      `${id} is excluded after release with the situation sentence: ${JSON.stringify(rulesOf(id))}`,
    );
  }

  // The sentences are visible once the counsellor opens « Écartées ».
  const details = await openExcluded(page, 'after');
  // The offers that are only for inside are folded in one line; the counsellor unfolds it.
  const folded = details.getByTestId('excluded-after-group-situation').locator('details.folded');
  assert.equal(await folded.evaluate((d) => d.open), false, 'folded at first');
  await folded.locator('summary').click();
  for (const id of ['ex-lyon-traiteur-ei', 'cafe-fleury-aci']) {
    assert.ok(await details.getByTestId(`excluded-after-${id}`).isVisible(), `excluded-after-${id} visible`);
  }
  assert.ok(await details.getByText('Interdiction de paraître : Lyon 7e Arrondissement, arrondissement de Lyon', { exact: false }).isVisible());
  const COURT = ['banned_place', 'banned_activity', 'curfew', 'measure', 'record_b2'];
  const courtAfter = excludedAfter.filter((x) => x.rules.some((r) => COURT.includes(r.rule))).length;
  assert.ok(courtAfter > 0, 'the bans exclude offers after release');
  assert.equal(
    await details.locator(':scope > summary').innerText(),
    `Écartées : ${excludedAfter.length} — dont ${courtAfter} par une décision de justice — pourquoi`,
  );
  // The court's exclusions come first, before the offer's own limits.
  const firstGroup = await details.locator('.excl-group').first().getAttribute('data-testid');
  assert.ok(/-group-(banned_place|banned_activity|curfew|measure|record_b2)$/.test(firstGroup), firstGroup);

  // The summary line says the same counts.
  assert.equal(
    (await page.locator('.results .summary').innerText()).trim(),
    `Maintenant — possibles : ${now.length}, écartées : ${excludedNow.length}${beyondNow.length ? `, plus loin : ${beyondNow.length}` : ''} · Après la sortie — possibles : ${after.length}, écartées : ${excludedAfter.length}, plus loin : ${far.length}`,
  );

  await axeCheck(page, 'dedans-fleury-rhone');
  await screenshot(page, 'dedans-fleury-rhone');
  await screenshotAt(page, 'dedans-fleury-rhone-1-top', page.locator('body'));
  await screenshotAt(page, 'dedans-fleury-rhone-2-bans', page.locator('.field', { has: page.getByTestId('banned-place-input') }));
  await screenshotAt(page, 'dedans-fleury-rhone-3-after', page.getByTestId('results-after'));
  await screenshotAt(page, 'dedans-fleury-rhone-4-excluded-after', details);
});

/**
 * Types a date into the focused `<input type=date>` (month/day/year layout, the one headless
 * Chromium uses whatever the page's locale): the year first, then month and day, so that no
 * intermediate value is a year the app refuses (see the dedicated test below).
 */
async function typeDateYearFirst(page, year, month, day) {
  const focused = await describeFocus(page);
  assert.match(focused, /^input/, `a date field has the focus (${focused})`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type(year);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(month + day);
}

test(
  'the release date can be typed in the order the field shows',
  {
    timeout: 120_000,
  },
  async (t) => {
    const { page } = await openAppAt(t);
    await page.getByTestId('reset-profile').click();
    await page.getByTestId('release-date').focus();
    await page.keyboard.type('03152027'); // mm dd yyyy, as headless Chromium lays the field out
    assert.equal(await page.getByTestId('release-date').inputValue(), '2027-03-15');
  },
);

test('the orientation sheet prints alone on A4, with the note and no name unless typed', { timeout: 180_000 }, async (t) => {
  const { page } = await openAppAt(t);
  // The example profile (dedans at Fleury-Mérogis, release to the 44), one click away.
  await loadExample(page);
  // This test reads the file's sheet (everything); tests/e2e/sheets.test.mjs the person's.
  await page.getByTestId('sheet-kind-dossier').check();
  const cafe = page.locator('[data-testid=results-now] [data-testid=offer-cafe-fleury-aci]');
  const nantes = page.locator('[data-testid=results-after] [data-testid=offer-pdc-accompagnement-global]');
  await cafe.waitFor(WAIT);
  await nantes.waitFor(WAIT);

  const sheet = page.getByTestId('sheet');
  assert.match(await sheet.innerText(), /Cochez « Ajouter à la fiche »/, 'the sheet starts empty');

  await cafe.getByTestId('sheet-add-cafe-fleury-aci').check();
  await nantes.getByTestId('sheet-add-pdc-accompagnement-global').check();
  const picked = sheet.locator('ol.sheet-offers > li h3');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sheet] ol.sheet-offers > li').length === 2, null, WAIT);
  assert.deepEqual(await picked.allInnerTexts(), [
    "Atelier chantier d'insertion café : torréfaction et service",
    'Accompagnement global à la réinsertion',
  ]);
  // Both cards of an offer in both horizons are ticked alike; the jump link counts them.
  assert.match(await page.locator('nav.jump').innerText(), /Fiche d'orientation \(2\)/);

  const note = 'Rendez-vous avec la CPIP le 2 décembre.\nApporter une pièce d\u2019identité.';
  await page.getByTestId('sheet-note').fill(note);

  await axeCheck(page, 'sheet-screen');
  await screenshot(page, 'sheet-screen');
  await screenshotAt(page, 'sheet-screen-viewport', sheet);

  // ---- print ----
  await page.emulateMedia({ media: 'print' });
  assert.ok(await sheet.isVisible(), 'the sheet is printed');
  for (const sel of ['.profile', '[data-testid=results-now]', '[data-testid=results-after]', '.site-header', '.site-footer']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is hidden in print`);
  }
  for (const tid of ['sheet-note', 'sheet-print', 'sheet-save', 'sheet-add-cafe-fleury-aci']) {
    assert.equal(await page.getByTestId(tid).first().isVisible(), false, `${tid} is hidden in print`);
  }
  const printedNote = sheet.locator('.note-print');
  assert.ok(await printedNote.isVisible(), 'the note is printed as text');
  assert.equal(await printedNote.innerText(), note);
  assert.ok(await picked.first().isVisible());
  const printed = await sheet.innerText();
  assert.match(printed, /Établie le 23\/11\/2026/);
  assert.match(printed, /\+30 — /, 'the file\'s sheet carries the points');
  assert.match(printed, /À envisager après la sortie\./, 'the after-release offer says so');
  assert.match(printed, /A lieu à l'établissement où la personne est détenue/, 'the reasons are printed');
  assert.doesNotMatch(printed, /Personne :/, 'no name on the sheet unless one was typed');
  assert.doesNotMatch(printed, /Nom de la personne/, 'the name field is not printed');

  await screenshot(page, 'sheet-print');
  await fs.mkdir(ARTIFACTS, { recursive: true });
  const pdfPath = path.join(ARTIFACTS, 'sheet-print.pdf');
  const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.toString('latin1'), /\/MediaBox\s*\[\s*0 0 595(?:\.\d+)? 84[12](?:\.\d+)?\s*\]/, 'A4 pages');

  // ---- the sheet saved as a file: same content, no name ----
  await page.emulateMedia({ media: 'screen' });
  const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId('sheet-save').click()]);
  assert.equal(download.suggestedFilename(), 'fiche-dossier-2026-11-23.html');
  const htmlPath = path.join(ARTIFACTS, 'sheet-saved.html');
  await download.saveAs(htmlPath);
  const html = await fs.readFile(htmlPath, 'utf8');
  assert.match(html, /Atelier chantier d'insertion café : torréfaction et service|Atelier chantier d&#39;insertion café/);
  assert.match(html, /Accompagnement global à la réinsertion/);
  assert.match(html, /Rendez-vous avec la CPIP le 2 décembre\./);
  assert.doesNotMatch(html, /Personne :/, 'the saved sheet names nobody');
  assert.doesNotMatch(html, /<script|https?:\/\//i, 'the saved sheet loads nothing');

  // ---- a name only when typed ----
  await page.locator('#sheet-name').fill('M. Exemple');
  await page.emulateMedia({ media: 'print' });
  assert.match(await sheet.innerText(), /Personne : M\. Exemple/);
  await page.emulateMedia({ media: 'screen' });
  await page.locator('#sheet-name').fill('');
  await page.emulateMedia({ media: 'print' });
  assert.doesNotMatch(await sheet.innerText(), /Personne :/, 'the name goes when it is erased');
  await page.emulateMedia({ media: 'screen' });
});
