// Privacy, proved (docs/privacy.md names each promise and the test here that proves it):
// - the page's Content-Security-Policy is strict and dist/ loads nothing from elsewhere;
// - a default session, in which a profile and a sheet were typed, stores nothing at all
//   (localStorage, sessionStorage, IndexedDB, cookies, Cache Storage but the app's own files)
//   and puts nothing personal in a URL or a request;
// - « Enregistrer sur cet ordinateur » stores the profile and the sheet encrypted: none of
//   their values can be read in the stored bytes;
// - a wrong passphrase gives a clear French message and changes nothing, stored or shown;
// - « Tout effacer » leaves every storage empty (and the screen too).
// Every page also fails its test if it requests anything outside 127.0.0.1 (harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, openApp, axeCheck, screenshot, cspFromHtml } from './harness.mjs';

const WAIT = { timeout: 30_000 };
const SKILL = 'soudure';
const NOTE = 'Rendez-vous mardi avec la mission locale';
const RELEASE = '2027-03-15';
// Values of the profile that must never be readable in what is stored.
const SECRETS = [SKILL, 'nantes', 'Nantes', RELEASE, '15/03/2027', 'mission locale', 'ex-nantes-soudure'];

/** Types a profile as a counsellor would: Nantes, release date, Loire-Atlantique, a skill, a note, an offer on the sheet. */
async function typeProfile(page) {
  await page.getByTestId('reset-profile').click();
  await page.getByTestId('establishment-input').fill('Centre pénitentiaire de Nantes (Loire-Atlantique)');
  await page.getByTestId('release-date').fill(RELEASE);
  await page.getByTestId('release-departement').selectOption('44');
  await page.getByTestId('skill-input').fill(SKILL);
  await page.getByTestId('skill-add').click();
  const card = page.locator('[data-testid=results-now] [data-testid=offer-ex-nantes-soudure]');
  await card.waitFor(WAIT);
  await card.getByTestId('sheet-add-ex-nantes-soudure').check();
  await page.getByTestId('sheet-note').fill(NOTE);
}

/** Everything this origin keeps in the browser, read from the page. */
async function storageSnapshot(page) {
  const inPage = await page.evaluate(async () => {
    const local = Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
    const session = Object.fromEntries(Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)]));
    const databases = (await indexedDB.databases()).map((d) => d.name);
    const caches_ = {};
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      caches_[name] = (await c.keys()).map((r) => r.url);
    }
    return { local, session, databases, caches: caches_, cookie: document.cookie };
  });
  inPage.cookies = await page.context().cookies();
  return inPage;
}

/** The files of the build, as sw.js lists them (written by scripts/stamp-sw.mjs). */
function swFiles() {
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
  const version = JSON.parse(sw.match(/const VERSION = ("[^"]*");/)[1]);
  return { files, version };
}

/** Only the app's own files are in Cache Storage, under the service worker's cache name. */
function assertOnlyAppFiles(snapshot, origin) {
  const { files, version } = swFiles();
  const allowed = new Set(['', ...files].map((f) => new URL(f, origin).href));
  for (const [name, urls] of Object.entries(snapshot.caches)) {
    assert.equal(name, `relais-app-${version}`, `unexpected cache ${name}`);
    for (const u of urls) {
      const bare = u.split('?')[0];
      assert.ok(allowed.has(bare) || fs.existsSync(path.join(DIST, new URL(bare).pathname)), `cached ${u} is not a file of the app`);
    }
  }
}

async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

test('the CSP is strict and dist/ loads nothing from elsewhere', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const csp = cspFromHtml(html);
  assert.ok(csp, 'index.html has a CSP meta tag');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['style-src'], ["'self'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes("'unsafe-eval'"), csp);
  // No inline script: every <script> of index.html has a src.
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) assert.match(tag, /\ssrc=/, `inline script in index.html: ${tag}`);
  assert.match(html, /<meta name="referrer" content="no-referrer"/);
  // Nothing in the served files points at another site: fonts, icons and styles are bundled.
  for (const f of fs.readdirSync(DIST).filter((f) => /\.(html|css|js)$/.test(f) && f !== 'relais.html')) {
    const text = fs.readFileSync(path.join(DIST, f), 'utf8');
    for (const m of text.matchAll(/(?:src|href)\s*=\s*["']?(https?:)?\/\/[^"'\s>]+|url\(\s*["']?(?:https?:)?\/\/[^)]+\)|@import\s+["']?(?:https?:)?\/\//g)) {
      assert.fail(`${f} refers to another site: ${m[0]}`);
    }
  }
});

test('a default session stores nothing and sends nothing personal', { timeout: 120_000 }, async (t) => {
  const { page, server } = await openApp(t);
  await waitForServiceWorker(page);
  // Every part of the app that could keep something has its chance: the workshop (leaving it
  // opens an empty profile), then a profile typed in full.
  await page.getByTestId('workshop-toggle').click();
  await page.getByTestId('workshop').waitFor(WAIT);
  await page.getByTestId('workshop-toggle').click();
  await page.getByTestId('results-now').waitFor(WAIT);
  await typeProfile(page);

  // The profile is on screen…
  assert.ok(await page.locator('.chip', { hasText: SKILL }).count() >= 1);
  const snap = await storageSnapshot(page);
  // …and nowhere else.
  assert.deepEqual(snap.local, {}, 'localStorage');
  assert.deepEqual(snap.session, {}, 'sessionStorage');
  assert.deepEqual(snap.databases, [], 'IndexedDB');
  assert.deepEqual(snap.cookies, [], 'cookies');
  assert.equal(snap.cookie, '');
  assert.equal(Object.keys(snap.caches).length, 1, `one cache, the app's files: ${Object.keys(snap.caches)}`);
  assertOnlyAppFiles(snap, server.url);
  // Nothing personal in the URL or in any request (all to 127.0.0.1: harness).
  const url = page.url();
  for (const s of SECRETS) assert.ok(!url.includes(s), `URL ${url} contains ${s}`);
  for (const r of page.relais.requests) {
    for (const s of [SKILL, RELEASE, 'mission']) assert.ok(!decodeURIComponent(r).includes(s), `request ${r} contains ${s}`);
  }
  assert.ok(server.requests.every((r) => r.startsWith('GET ')), `only GET requests: ${server.requests}`);
});

test('« Enregistrer sur cet ordinateur » stores the profile and the sheet encrypted; a wrong passphrase changes nothing', { timeout: 180_000 }, async (t) => {
  const { page } = await openApp(t);
  await typeProfile(page);

  // Save, with the passphrase typed twice.
  await page.getByRole('button', { name: 'Enregistrer sur cet ordinateur' }).click();
  await page.getByTestId('device-pass').fill('cheval correct pile agrafe');
  await page.getByTestId('device-confirm').fill('cheval correct pile agrafe');
  await axeCheck(page, 'device-save-form');
  await screenshot(page, 'device-save-form');
  await page.getByTestId('device-save-submit').click();
  await page.getByTestId('device-message').filter({ hasText: 'Dossier chiffré enregistré' }).waitFor(WAIT);
  assert.equal(await page.getByTestId('device-pass').count(), 0, 'the form is closed, the passphrase gone');

  const { local } = await storageSnapshot(page);
  assert.deepEqual(Object.keys(local), ['relais.dossier']);
  const stored = local['relais.dossier'];
  for (const s of SECRETS) assert.ok(!stored.includes(s), `the stored bytes contain « ${s} » in clear`);
  const env = JSON.parse(stored);
  assert.equal(env.format, 'relais-dossier-chiffre');
  assert.equal(env.version, 1);
  assert.equal(env.kdf, 'PBKDF2-SHA-256');
  assert.ok(env.iterations >= 600_000, `iterations ${env.iterations}`);
  assert.equal(env.cipher, 'AES-256-GCM');
  assert.equal(Buffer.from(env.salt, 'base64').length, 16);
  assert.equal(Buffer.from(env.iv, 'base64').length, 12);
  const data = Buffer.from(env.data, 'base64');
  for (const s of SECRETS) assert.ok(!data.includes(Buffer.from(s)), `the ciphertext contains « ${s} »`);

  // A new visit: an empty profile is on screen, the dossier is announced.
  await page.reload();
  await page.getByTestId('results-now').waitFor(WAIT);
  await page.getByTestId('device-state').filter({ hasText: 'Un dossier chiffré est enregistré' }).waitFor(WAIT);
  const shownBefore = await page.getByTestId('establishment-input').inputValue();
  assert.equal(shownBefore, '');

  // A wrong passphrase: a clear French message, nothing lost.
  await page.getByRole('button', { name: 'Ouvrir depuis cet ordinateur' }).click();
  await page.getByTestId('device-pass').fill('cheval correct pile agrafes');
  await page.getByTestId('device-open-submit').click();
  const msg = page.getByTestId('device-message');
  await msg.filter({ hasText: 'Phrase de passe incorrecte' }).waitFor(WAIT);
  assert.equal(await msg.getAttribute('role'), 'alert');
  assert.match(await msg.innerText(), /rien n'a été ouvert.*n'ont pas changé/);
  assert.equal(await page.getByTestId('establishment-input').inputValue(), shownBefore, 'the screen is unchanged');
  assert.equal(await page.locator('.chip', { hasText: SKILL }).count(), 0);
  assert.equal((await storageSnapshot(page)).local['relais.dossier'], stored, 'the stored dossier is unchanged');
  await axeCheck(page, 'device-wrong-passphrase');
  await screenshot(page, 'device-wrong-passphrase');

  // The right one: the profile and the sheet are back.
  await page.getByTestId('device-pass').fill('cheval correct pile agrafe');
  await page.getByTestId('device-open-submit').click();
  await page.getByTestId('device-message').filter({ hasText: 'Dossier ouvert' }).waitFor(WAIT);
  assert.equal(await page.getByTestId('establishment-input').inputValue(), 'Centre pénitentiaire de Nantes (Loire-Atlantique)');
  assert.equal(await page.getByTestId('release-date').inputValue(), RELEASE);
  assert.ok(await page.locator('.chip', { hasText: SKILL }).count() >= 1);
  assert.equal(await page.getByTestId('sheet-note').inputValue(), NOTE);
  assert.ok(await page.locator('[data-testid=results-now] [data-testid=sheet-add-ex-nantes-soudure]').isChecked());
});

test('a passphrase too short or typed differently saves nothing', { timeout: 120_000 }, async (t) => {
  const { page } = await openApp(t);
  await page.getByTestId('device-save').click();
  await page.getByTestId('device-pass').fill('court');
  await page.getByTestId('device-confirm').fill('court');
  await page.getByTestId('device-save-submit').click();
  await page.getByTestId('device-message').filter({ hasText: 'trop courte' }).waitFor(WAIT);
  await page.getByTestId('device-pass').fill('une phrase assez longue');
  await page.getByTestId('device-confirm').fill('une phrase assez longue!');
  await page.getByTestId('device-save-submit').click();
  await page.getByTestId('device-message').filter({ hasText: 'pas identiques' }).waitFor(WAIT);
  assert.deepEqual((await storageSnapshot(page)).local, {});
});

test('« Tout effacer » leaves every storage empty, and the screen too', { timeout: 180_000 }, async (t) => {
  const { page, server } = await openApp(t);
  await waitForServiceWorker(page);
  await typeProfile(page);
  await page.getByTestId('device-save').click();
  await page.getByTestId('device-pass').fill('une phrase assez longue');
  await page.getByTestId('device-confirm').fill('une phrase assez longue');
  await page.getByTestId('device-save-submit').click();
  await page.getByTestId('device-message').filter({ hasText: 'Dossier chiffré enregistré' }).waitFor(WAIT);
  // Whatever else could have been left here by anything: it goes too.
  await page.evaluate(async () => {
    sessionStorage.setItem('x', 'soudure');
    document.cookie = 'trace=soudure; path=/';
    await new Promise((resolve, reject) => {
      const r = indexedDB.open('trace', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('s');
      r.onsuccess = () => { r.result.close(); resolve(); };
      r.onerror = () => reject(r.error);
    });
    const c = await caches.open('donnees');
    await c.put('/trace', new Response('soudure'));
  });
  const before = await storageSnapshot(page);
  assert.ok(Object.keys(before.local).length && before.databases.includes('trace') && before.caches.donnees);

  await page.getByRole('button', { name: 'Tout effacer' }).click();
  await axeCheck(page, 'device-wipe-confirm');
  await page.getByTestId('device-wipe-confirm').click();
  await page.getByTestId('device-message').filter({ hasText: 'Tout a été effacé' }).waitFor(WAIT);
  await page.waitForFunction(async () => (await indexedDB.databases()).length === 0, null, WAIT);

  const after = await storageSnapshot(page);
  assert.deepEqual(after.local, {}, 'localStorage');
  assert.deepEqual(after.session, {}, 'sessionStorage');
  assert.deepEqual(after.databases, [], 'IndexedDB');
  assert.deepEqual(after.cookies, [], 'cookies');
  assert.deepEqual(Object.keys(after.caches).filter((n) => !n.startsWith('relais-app-')), [], 'caches of data');
  assertOnlyAppFiles(after, server.url);
  // The screen: an empty profile, an empty sheet.
  assert.equal(await page.getByTestId('establishment-input').inputValue(), '');
  assert.equal(await page.locator('.chip', { hasText: SKILL }).count(), 0);
  assert.equal(await page.getByTestId('sheet-note').inputValue(), '');
  assert.match(await page.getByTestId('device-state').innerText(), /Rien n'est enregistré/);
  await screenshot(page, 'device-wiped');
});
