// The counsellor's flow for a person *dehors*: living in Seine-Saint-Denis (93) under DDSE
// (bracelet), curfew from the DDSE preset (lun-dim 20:00-07:00), banned from working with
// minors (interdiction d'exercer), who knows « manutention ».
//
// Expectations come from the core for the same profile on the same day:
//   relais match --profile P --today 2026-11-23
// and are checked on what the page shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeCheck,
  openAppAt,
  openExcluded,
  readExcluded,
  readBeyond,
  readOffers,
  screenshot,
  screenshotAt,
  seedCatalogue,
} from './harness.mjs';

const WAIT = { timeout: 30_000 };
const DDSE = 'lun-dim 20:00-07:00';
// The same hours as the sentences say them.
const DDSE_WORDS = 'tous les jours, 20 h – 7 h';
const CURFEW_UNKNOWN = `Horaires de l'offre inconnus : vérifier qu'ils respectent les horaires d'assignation (${DDSE_WORDS}).`;
const DDSE_LABEL = 'Détention à domicile sous surveillance électronique (DDSE)';

test('dehors under DDSE in the 93, curfew and interdiction d’exercer (mineurs)', { timeout: 180_000 }, async (t) => {
  const { page } = await openAppAt(t);
  const catalogue = await seedCatalogue();

  await page.getByTestId('reset-profile').click();
  await page.getByText('Nouveau profil vide').waitFor(WAIT);

  // ---- the profile ----
  await page.getByTestId('situation-dehors').check();
  await page.getByTestId('residence-departement').waitFor(WAIT);
  assert.equal(await page.getByTestId('results-after').count(), 0, 'dehors: no « Après la sortie »');
  await page.getByTestId('residence-departement').selectOption('93');
  await page.getByTestId('measure-ddse').check();

  const preset = page.getByTestId('curfew-preset-ddse');
  assert.equal(await preset.getAttribute('aria-pressed'), 'false');
  assert.match(await preset.innerText(), /DDSE 20:00-07:00/, 'the preset button shows the hours');
  await preset.click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=curfew-preset-ddse]').getAttribute('aria-pressed') === 'true',
    null,
    WAIT,
  );
  assert.equal(await page.getByTestId('curfew-input').inputValue(), DDSE, 'the field shows what the preset wrote');
  assert.equal(await page.locator('#curfew-error').count(), 0);
  // … and says it back in words.
  assert.equal((await page.getByTestId('curfew-understood').innerText()).trim(), `Compris : ${DDSE_WORDS}`);

  await page.getByTestId('banned-activity-mineurs').check();
  await page.getByTestId('skill-input').fill('manutention');
  await page.getByTestId('skill-add').click();
  await page.locator('.chip', { hasText: 'manutention' }).waitFor(WAIT);

  // ---- what fits now: reasons and warnings ----
  const fits = await readOffers(page, 'now');
  for (const c of fits) {
    assert.equal(c.reasons.reduce((s, r) => s + r.points, 0), c.score, `the points of ${c.id} add up to its score`);
    assert.equal(c.shownScore, c.score);
  }
  const top = fits[0];
  assert.equal(top.id, 'ex-etti-ile-de-france', `best first: ${fits.map((c) => `${c.id} ${c.score}`).join(', ')}`);
  assert.equal(top.score, 50);
  assert.deepEqual(
    top.reasons.map((r) => [r.points, r.factor, r.text]),
    [
      [10, 'Compétences', 'Compétences en commun : manutention'],
      [30, 'Lieu', 'Dans le département de résidence : Seine-Saint-Denis'],
      [10, 'Calendrier', 'Permanente : ouverte maintenant'],
    ],
  );
  assert.deepEqual(top.warnings, [
    CURFEW_UNKNOWN,
    "L'offre demande le bulletin n°3 du casier : vérifier ce qu'il porte.",
    'Nombre de places non précisé : le demander à la structure.',
  ]);
  const topCard = page.locator('[data-testid=results-now] [data-testid=offer-ex-etti-ile-de-france]');
  assert.ok(await topCard.getByText(CURFEW_UNKNOWN).isVisible(), 'the curfew warning is visible on the card');
  assert.ok(await topCard.getByText('À vérifier', { exact: true }).isVisible());

  // A daytime job inside the curfew's free hours fits, with no curfew warning.
  const driver = fits.find((c) => c.id === 'ex-chauffeur-pmr-93');
  assert.ok(driver, 'lun-ven 07:00-19:00 fits a 20:00-07:00 curfew');
  assert.ok(!driver.warnings.some((w) => w.includes("horaires d'assignation")), JSON.stringify(driver.warnings));
  assert.ok(driver.warnings.includes("L'employeur lit le bulletin n°2 du casier : vérifier ce qu'il porte."));

  // ---- what is excluded now, with every rule ----
  const excluded = await readExcluded(page, 'now');
  // Offers that fit far from Seine-Saint-Denis are listed apart, « Plus loin ».
  const beyond = await readBeyond(page, 'now');
  assert.ok(beyond.every((b) => b.km > 30), `beyond the radius: ${JSON.stringify(beyond)}`);
  assert.equal(fits.length + excluded.length + beyond.length, 80, 'every offer is in one list');
  const rulesOf = (id) => excluded.find((x) => x.id === id)?.rules ?? [];
  const fitIds = new Set(fits.map((c) => c.id));

  // Night and evening jobs: the curfew sentence names the hours.
  assert.deepEqual(rulesOf('ex-logistique-nuit-93'), [
    {
      rule: 'curfew',
      text: `Horaires d'assignation (${DDSE_WORDS}) : l'offre a lieu du lundi au vendredi, 22 h – 5 h, notamment le lundi de 22 h à 5 h, quand la personne doit être chez elle.`,
    },
  ]);
  assert.deepEqual(rulesOf('ex-restaurant-soir-saint-denis'), [
    {
      rule: 'curfew',
      text: `Horaires d'assignation (${DDSE_WORDS}) : l'offre a lieu du mardi au samedi, 18 h – 23 h 30, notamment le mardi de 20 h à 23 h 30, quand la personne doit être chez elle.`,
    },
  ]);
  const curfewed = excluded.filter((x) => x.rules.some((r) => r.rule === 'curfew')).map((x) => x.id).sort();
  assert.deepEqual(curfewed, [
    'ex-creche-entretien-bordeaux',
    'ex-ei-logistique-bobigny',
    'ex-ei-proprete-nanterre',
    'ex-logistique-nuit-93',
    'ex-marseille-restaurant-soir',
    'ex-restaurant-soir-saint-denis',
    'ex-reunion-maraichage-aci',
    'ex-securite-evenementiel-sud',
    'ex-toulouse-boulangerie-ei',
  ]);
  for (const id of curfewed) {
    for (const r of rulesOf(id).filter((r) => r.rule === 'curfew')) {
      assert.ok(r.text.startsWith(`Horaires d'assignation (${DDSE_WORDS})`), `${id}: ${r.text}`);
      assert.ok(!/Mo-Fr|Tu-Sa|\d\d:\d\d/.test(r.text), `hours in words, never codes: ${r.text}`);
    }
  }

  // Interdiction d'exercer: every offer with `mineurs` is excluded, with the sentence.
  const BANNED_MINORS =
    "Interdiction d'exercer : Activité impliquant un contact habituel avec des mineurs. Cette offre relève de cette activité.";
  const minors = catalogue.filter((o) => o.activites_reglementees.split(',').map((s) => s.trim()).includes('mineurs'));
  assert.ok(minors.length >= 2, 'the seed catalogue has offers with `mineurs`');
  for (const o of minors) {
    assert.ok(!fitIds.has(o.id), `${o.id} (mineurs) is not shown as fitting`);
    assert.ok(
      rulesOf(o.id).some((r) => r.rule === 'banned_activity' && r.text === BANNED_MINORS),
      `${o.id}: ${JSON.stringify(rulesOf(o.id))}`,
    );
  }
  assert.deepEqual(rulesOf('ex-animation-periscolaire-paris'), [{ rule: 'banned_activity', text: BANNED_MINORS }]);
  // Every rule, not just the first: the crèche job is early morning *and* with children.
  assert.deepEqual(rulesOf('ex-creche-entretien-bordeaux').map((r) => r.rule), ['curfew', 'banned_activity']);

  // TIG hosts take people sentenced to TIG only: excluded by `measure` under DDSE.
  const tigHosts = catalogue.filter((o) => o.type === 'tig');
  assert.ok(tigHosts.length >= 5);
  for (const o of tigHosts) {
    assert.ok(!fitIds.has(o.id), `${o.id} (TIG host) is not shown as fitting`);
    assert.ok(
      rulesOf(o.id).some(
        (r) =>
          r.rule === 'measure' &&
          r.text === `L'offre n'accepte que : Travail d'intérêt général (TIG) ; la personne est sous : ${DDSE_LABEL}.`,
      ),
      `${o.id}: ${JSON.stringify(rulesOf(o.id))}`,
    );
  }
  // Inside-only offers: the situation.
  assert.deepEqual(rulesOf('cafe-fleury-aci'), [
    { rule: 'situation', text: "L'offre n'a lieu qu'en détention (milieu fermé) ; la personne est dehors." },
  ]);

  // The counsellor opens « Écartées » and reads them.
  const details = await openExcluded(page, 'now');
  for (const id of ['ex-logistique-nuit-93', 'ex-animation-periscolaire-paris', 'ex-tig-espaces-verts-bobigny']) {
    assert.ok(await details.getByTestId(`excluded-now-${id}`).isVisible(), `excluded-now-${id} is visible`);
  }
  assert.ok(await details.getByText(`notamment le lundi de 22 h à 5 h, quand la personne doit être chez elle.`, { exact: false }).isVisible());
  // Grouped by cause in plain words, the court's decisions first; no code is shown or read out.
  assert.equal(await details.locator('code').count(), 0, 'no rule code on screen');
  const groups = await details.locator('.excl-group h4').evaluateAll((hs) => hs.map((h) => h.innerText.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(
    groups.map((g) => g.replace(/ \d+/, ' N')),
    [
      "Interdiction d'exercer N décision de justice",
      "Horaires d'assignation N décision de justice",
      'Mesure de la personne N décision de justice',
      'Dates N',
      'Pas pour cette situation N',
    ],
  );
  const summary = await details.locator(':scope > summary').innerText();
  const COURT = ['banned_place', 'banned_activity', 'curfew', 'measure', 'record_b2'];
  const court = excluded.filter((x) => x.rules.some((r) => COURT.includes(r.rule))).length;
  assert.equal(await details.locator('.excl-group.court .excl-list > li').count(), court, 'every court exclusion sits in a court group');
  assert.match(summary, new RegExp(`^Écartées : ${excluded.length} — dont ${court} par une décision de justice — pourquoi$`));
  // The mass of offers that are not for someone outside is folded into one line.
  const folded = details.getByTestId('excluded-now-group-situation').locator('details.folded');
  assert.equal(await folded.evaluate((d) => d.open), false);

  await axeCheck(page, 'dehors-ddse-93');
  await screenshot(page, 'dehors-ddse-93');
  await screenshotAt(page, 'dehors-ddse-93-1-top', page.locator('body'));
  await screenshotAt(page, 'dehors-ddse-93-2-justice', page.locator('.field', { has: page.getByTestId('curfew-input') }));
  await screenshotAt(page, 'dehors-ddse-93-3-excluded', details);

  // ---- the rules follow the profile: without the curfew the night job fits again ----
  await page.getByRole('button', { name: 'Effacer les horaires' }).click();
  await page.locator('[data-testid=results-now] [data-testid=offer-ex-logistique-nuit-93]').waitFor(WAIT);
  assert.equal(await page.getByTestId('curfew-input').inputValue(), '');
  const withoutCurfew = await readOffers(page, 'now');
  assert.ok(!withoutCurfew.some((c) => c.warnings.includes(CURFEW_UNKNOWN)), 'no curfew, no curfew warning');
  assert.ok(!withoutCurfew.some((c) => c.id === 'ex-animation-periscolaire-paris'), 'the ban on minors still holds');

  // An unreadable curfew says what to write, and outside offers say « à vérifier ».
  await page.getByTestId('curfew-input').fill('le soir');
  const curfewError = page.locator('#curfew-error');
  await curfewError.waitFor(WAIT);
  assert.match(await curfewError.innerText(), /^Horaires illisibles : /);
  assert.equal(await page.getByTestId('curfew-input').getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByTestId('curfew-input').getAttribute('aria-describedby'), /curfew-error/);
  await axeCheck(page, 'dehors-curfew-error');
  await screenshot(page, 'dehors-curfew-error');
  await screenshotAt(page, 'dehors-curfew-error-viewport', page.locator('.field', { has: page.getByTestId('curfew-input') }));
});
