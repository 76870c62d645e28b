// The English switch: the results' reasons, warnings, exclusions and « Plus loin » are said in
// English by the core's renderer (not only the interface), hours and dates in words; and the
// interface never shows a code — no INSEE code « (91228) », no ROME code « G1602 » — on the
// cards, in the excluded lists, or on either sheet. Screenshots in tests/e2e/artifacts/english-*.
//
// Names are not sentences: the names of places, establishments, ROME jobs, the vocabulary's
// English labels and the seed catalogue's titles, organisations and skills are taken out of a
// sentence before it is searched for French letters and words (as the CLI's `--lang en` test
// does), and so are the parts the renderer quotes as written (“…”).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ROOT,
  axeCheck,
  loadExample,
  openAppAt,
  openExcluded,
  readBeyond,
  readExcluded,
  readOffers,
  screenshot,
  screenshotAt,
  seedCatalogue,
} from './harness.mjs';

const WAIT = { timeout: 30_000 };
const INSEE = /\(\d{5}\)/;
const ROME = /\b[A-N]\d{4}\b/;
const FRENCH_WORDS = new Set([
  'le', 'la', 'les', 'des', 'du', 'de', 'au', 'aux', 'et', 'est', 'un', 'une', 'dans', 'pour',
  'avec', 'sans', 'ou', 'l', 'd', 'qu', 'ne', 'pas', 'sur', 'offre', 'personne', 'lieu',
  'horaires', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'heures',
  'rayon', 'au-delà', 'interdiction', 'casier', 'vierge', 'vérifier', 'maintenant', 'sortie',
  'commence', 'permanente', 'secteur', 'compétences', 'prérequis', 'mesure', 'mesures',
  'détention', 'établissement', 'département',
]);
const FRENCH_LETTERS = /[àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»°]/g;

/** One CSV line's cells (`,` or `;`, double quotes). */
function cells(line, sep) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

async function column(file, name) {
  const lines = (await fs.readFile(path.join(ROOT, 'data', file), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const header = cells(lines[0], ',');
  const i = header.indexOf(name);
  assert.ok(i >= 0, `${file} has ${name}`);
  return lines.slice(1).map((l) => cells(l, ',')[i]).filter((x) => x && x.trim());
}

/** Every name the sentences may carry as written, longest first. */
async function names() {
  const seed = await seedCatalogue();
  const all = [
    ...(await column('communes.csv', 'nom')),
    ...(await column('departements.csv', 'nom')),
    ...(await column('etablissements.csv', 'nom')),
    ...(await column('rome_metiers.csv', 'libelle')),
    ...(await column('rome_domaines.csv', 'libelle')),
    ...(await column('vocabulaire.csv', 'en')),
    ...seed.flatMap((o) => [o.titre, o.organisation, ...(o.competences ?? '').split(',')]),
  ].map((s) => s.trim()).filter((s) => s.length > 1);
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

function frenchIn(text, nameList) {
  let t = text;
  for (const n of nameList) if (t.includes(n)) t = t.split(n).join(' NAME ');
  t = t.replace(/“[^”]*”/g, ' QUOTED ');
  const found = [...(t.match(FRENCH_LETTERS) ?? [])];
  for (const w of t.split(/[^\p{L}-]+/u)) {
    const k = w.replace(/^-+|-+$/g, '').toLowerCase();
    if (FRENCH_WORDS.has(k)) found.push(`« ${k} »`);
  }
  return found;
}

test('English: reasons, warnings, exclusions and distances in English; no code on screen or sheets', { timeout: 240_000 }, async (t) => {
  const { page } = await openAppAt(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  await loadExample(page);
  // A B2 mention and a curfew: warnings about the record and hours come in too.
  await page.getByTestId('record-b2-oui').check();
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, WAIT);
  await page.locator('[data-testid=results-now] li.offer').first().waitFor(WAIT);

  const nameList = await names();
  const sentences = [];
  for (const h of ['now', 'after']) {
    const fits = await readOffers(page, h);
    assert.ok(fits.length > 0, `${h}: offers fit`);
    for (const c of fits) {
      for (const r of c.reasons) sentences.push([`${h} ${c.id} reason`, r.text]);
      for (const w of c.warnings) sentences.push([`${h} ${c.id} warning`, w]);
    }
    for (const b of await readBeyond(page, h)) {
      sentences.push([`${h} ${b.id} beyond`, b.text]);
      for (const w of b.warnings) sentences.push([`${h} ${b.id} warning`, w]);
    }
    await openExcluded(page, h);
    const excluded = await readExcluded(page, h);
    assert.ok(excluded.length > 0, `${h}: offers are ruled out`);
    for (const x of excluded) for (const r of x.rules) sentences.push([`${h} ${x.id} ${r.rule}`, r.text]);
  }
  const kinds = new Set(sentences.map(([w]) => w.split(' ').slice(2).join(' ')));
  assert.ok(kinds.has('reason') && kinds.has('warning') && kinds.has('beyond'), [...kinds].join(', '));
  assert.ok(['situation', 'establishment', 'record_b2', 'dates', 'measure'].every((r) => kinds.has(r)), [...kinds].join(', '));
  const french = sentences
    .map(([where, text]) => [where, text, frenchIn(text, nameList)])
    .filter(([, , f]) => f.length > 0)
    .map(([where, text, f]) => `${where}: ${text} ← ${f.join(' ')}`);
  assert.deepEqual(french, [], `French left in English:\n${french.join('\n')}`);
  // Examples a counsellor would read.
  const all = sentences.map(([, s]) => s);
  assert.ok(all.some((s) => /^Takes place at the establishment where the person is detained/.test(s)), 'the inside reason');
  assert.ok(all.some((s) => /^The offer only runs in detention/.test(s)), 'the situation');
  assert.ok(all.some((s) => /km from .*beyond the 30 km radius$/.test(s)), 'the distances beyond the radius');

  // No code anywhere in the results as shown: the cards, « Plus loin », the excluded lists.
  for (const h of ['now', 'after']) {
    const shown = await page.getByTestId(`results-${h}`).innerText();
    assert.doesNotMatch(shown, INSEE, `${h}: no INSEE code on screen`);
    assert.doesNotMatch(shown, ROME, `${h}: no ROME code on screen`);
    assert.doesNotMatch(shown, /\b(lun|mar|mer|jeu|ven|sam|dim)-(lun|mar|mer|jeu|ven|sam|dim)\b|\bMo-Fr\b/, `${h}: hours in words`);
  }
  await axeCheck(page, 'english-results');
  await screenshotAt(page, 'english-results-now', page.getByTestId('results-now'));
  await screenshotAt(page, 'english-excluded-after', page.getByTestId('excluded-after'));

  // Both sheets, in English, without a code.
  const add = async (id, h) => {
    const card = page.locator(`[data-testid=results-${h}] [data-testid=offer-${id}]`);
    await card.waitFor(WAIT);
    await card.getByTestId(`sheet-add-${id}`).check();
  };
  await add('cafe-fleury-aci', 'now');
  const afterCard = page.locator('[data-testid=results-after] li.offer').first();
  const afterId = (await afterCard.getAttribute('data-testid')).slice('offer-'.length);
  await add(afterId, 'after');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sheet] ol.sheet-offers > li').length === 2, null, WAIT);
  for (const kind of ['personne', 'dossier']) {
    await page.getByTestId(`sheet-kind-${kind}`).check();
    await page.waitForFunction((k) => document.querySelector('[data-testid=sheet]')?.getAttribute('data-kind') === k, kind, WAIT);
    const text = await page.getByTestId('sheet-doc').innerText();
    assert.doesNotMatch(text, INSEE, `${kind}: no INSEE code`);
    assert.doesNotMatch(text, ROME, `${kind}: no ROME code`);
    await screenshotAt(page, `english-sheet-${kind}`, page.getByTestId('sheet'));
  }
  const dossier = await page.getByTestId('sheet-doc').innerText();
  assert.match(dossier, /Takes place at the establishment where the person is detained/, 'the file sheet says why, in English');
  await screenshot(page, 'english-page');
});

test('English: the profile form names places in words, its choices and an unreadable curfew in English', { timeout: 180_000 }, async (t) => {
  const { page } = await openAppAt(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, WAIT);
  // The commune list is fetched after start: a commune's suggestion proves it is there.
  const ban = page.getByTestId('banned-place-input');
  await ban.fill('Lyon 7');
  await page.locator('datalist#places option[data-code="69387"]').waitFor({ state: 'attached', ...WAIT });
  // A name shared by many communes: each choice says its département, and what it is, in English.
  await ban.fill('saint denis');
  await ban.press('Enter');
  const choices = page.getByTestId('banned-place-choices');
  await choices.waitFor(WAIT);
  const reunion = choices.locator('li', { has: page.getByTestId('place-choice-97411') });
  assert.equal((await reunion.innerText()).trim(), 'Saint-Denis (La Réunion) — commune');
  await page.getByTestId('place-choice-97411').click();
  await page.locator('.chip[data-code="97411"]').waitFor(WAIT);
  // A postal code that is also an INSEE code: how each choice was read, in English.
  await ban.fill('69003');
  await ban.press('Enter');
  await choices.waitFor(WAIT);
  assert.match(
    await choices.locator('li', { has: page.getByTestId('place-choice-69383') }).innerText(),
    /^Lyon 3e Arrondissement \(Rhône\) — arrondissement of Lyon, by its postal code$/,
  );
  // An unreadable curfew: what was not read, said in English.
  await page.getByTestId('curfew-input').fill('le soir');
  const error = page.locator('#curfew-error');
  await error.waitFor(WAIT);
  assert.match(await error.innerText(), /^Unreadable hours: “le soir” not read\./);
  assert.equal(await page.getByTestId('curfew-understood').count(), 0, 'nothing said back while unreadable');
  const form = await page.locator('section.profile').innerText();
  assert.doesNotMatch(form, INSEE, 'no INSEE code in the form');
  assert.doesNotMatch(form, /non lu|par son code/, 'no French left in the form');
  await axeCheck(page, 'english-profile-places');
  await screenshotAt(page, 'english-profile-places', page.locator('.field', { has: ban }));
  // Hours that read well are said back in words, in English, as the example shows them.
  const curfew = page.getByTestId('curfew-input');
  assert.equal(await curfew.getAttribute('placeholder'), 'Mo-Fr 20:00-07:00; Sa-Su 18:00-08:00');
  await curfew.fill('lun-ven 20:00-07:00; sam-dim 18:00-08:00');
  await page.getByTestId('curfew-understood').waitFor(WAIT);
  assert.equal(
    (await page.getByTestId('curfew-understood').innerText()).trim(),
    'Understood: Monday to Friday, 20:00–07:00; Saturday and Sunday, 18:00–08:00',
  );
  assert.equal(await page.locator('#curfew-error').count(), 0);
  await axeCheck(page, 'english-profile-curfew');
  await screenshotAt(page, 'english-profile-curfew', page.locator('.field', { has: curfew }));
});
