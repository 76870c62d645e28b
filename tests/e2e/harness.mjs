// Shared helpers for Relais' end-to-end tests (Node's built-in `node:test`).
//
// The tests build nothing: they serve the `dist/` that `trunk build --release`
// made (scripts/test.sh builds it first) with a small static server written
// here, and drive Debian's Chromium (/usr/bin/chromium) with playwright-core.
//
// Typical test:
//
//   import { test } from 'node:test';
//   import { openApp, axeCheck, screenshot } from './harness.mjs';
//
//   test('something', async (t) => {
//     const { page } = await openApp(t);     // server + browser + guarded page + app ready
//     ...
//     await axeCheck(page, 'something');
//     await screenshot(page, 'something');
//   });
//
// Every page made by newPage() fails its test (in t.after) when it requested
// anything outside 127.0.0.1 (data: and blob: are fine), logged a console
// error, or threw an uncaught error.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.RELAIS_DIST ? path.resolve(process.env.RELAIS_DIST) : path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'tests', 'e2e', 'artifacts');
export const CHROMIUM = process.env.RELAIS_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** The content of `<meta http-equiv="Content-Security-Policy" content="...">`, or null. */
export function cspFromHtml(html) {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gis)) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) continue;
    const m = tag.match(/\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/is);
    if (m) return (m[1] ?? m[2]).replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&').trim();
  }
  return null;
}

function assertDist(root) {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`${index} does not exist: build the app first (trunk build --release, or bash scripts/test.sh)`);
  }
  return index;
}

/**
 * Static server for `root` (default dist/) on 127.0.0.1 and a free port.
 * Sends the CSP of index.html's meta tag as a header too, no caching.
 * Paths without an extension that match no file get index.html (single-page app).
 * Returns { url, port, root, requests, close() }; `requests` lists every path asked.
 */
export async function startServer({ root = DIST, port = 0 } = {}) {
  root = path.resolve(root);
  const index = assertDist(root);
  const csp = cspFromHtml(await fsp.readFile(index, 'utf8'));
  const requests = [];

  const server = http.createServer(async (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const headers = {
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (csp) headers['Content-Security-Policy'] = csp;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400, headers).end('bad request');
      return;
    }
    let file = path.resolve(root, '.' + pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    try {
      let stat = await fsp.stat(file).catch(() => null);
      if (stat && stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await fsp.stat(file).catch(() => null);
      }
      if (!stat && path.extname(pathname) === '') {
        file = index; // single-page app route
        stat = await fsp.stat(file).catch(() => null);
      }
      if (!stat || !stat.isFile()) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const body = await fsp.readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': mimeType(file), 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, headers).end(String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    root,
    csp,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Debian's Chromium, headless, through playwright-core (which downloads nothing). */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run bash scripts/setup.sh (apt-get install chromium chromium-driver)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** true for URLs the app may load: 127.0.0.1 over http(s)/ws(s), data:, blob:, about:blank. */
export function isAllowedUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (u.href === 'about:blank') return true;
  return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && u.hostname === '127.0.0.1';
}

/**
 * Problems recorded on a page by newPage(): requests outside 127.0.0.1,
 * console errors, uncaught page errors, failed local requests.
 */
export function pageProblems(page) {
  const r = page.relais;
  if (!r) throw new Error('pageProblems: this page was not made by newPage()');
  const lines = [];
  for (const u of r.foreignRequests) lines.push(`request outside 127.0.0.1: ${u}`);
  for (const e of r.consoleErrors) lines.push(`console error: ${e}`);
  for (const e of r.pageErrors) lines.push(`page error: ${e}`);
  for (const e of r.failedRequests) lines.push(`failed request: ${e}`);
  return lines;
}

/** Throws, with a readable list, if the page recorded any problem so far. */
export function assertPageClean(page) {
  const lines = pageProblems(page);
  if (lines.length) {
    throw new Error(`page had ${lines.length} problem(s):\n  - ${lines.join('\n  - ')}`);
  }
}

/**
 * A new page in its own browser context that records every request, console
 * error and page error (on page.relais). Requests outside 127.0.0.1 are
 * recorded and aborted. When a node:test context `t` is given, the page is
 * checked with assertPageClean and closed after the test.
 * Options: { allowConsoleErrors: [RegExp], viewport, ... other context options }.
 */
export async function newPage(browser, t, options = {}) {
  const { allowConsoleErrors = [], ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const rec = { requests: [], foreignRequests: [], consoleErrors: [], pageErrors: [], failedRequests: [] };
  page.relais = rec;

  await context.route(
    (url) => !isAllowedUrl(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  page.on('request', (req) => {
    const url = req.url();
    rec.requests.push(url);
    if (!isAllowedUrl(url)) rec.foreignRequests.push(url);
  });
  page.on('requestfailed', (req) => {
    if (isAllowedUrl(req.url())) rec.failedRequests.push(`${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const text = `${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`;
    if (!allowConsoleErrors.some((re) => re.test(text))) rec.consoleErrors.push(text);
  });
  page.on('pageerror', (err) => rec.pageErrors.push(err.stack || String(err)));
  // « Quitter la page ? » before closing or reloading a typed profile: recorded and accepted, so
  // that a test's own reload goes through (Playwright would otherwise dismiss it and stay).
  rec.dialogs = [];
  page.on('dialog', (d) => {
    rec.dialogs.push(d.type());
    d.accept().catch(() => {});
  });

  if (t) {
    t.after(async () => {
      try {
        assertPageClean(page);
      } finally {
        await context.close().catch(() => {});
      }
    });
  }
  return page;
}

/** Waits until the app has rendered its results area. */
export async function waitForApp(page, { timeout = 30_000 } = {}) {
  try {
    await page.waitForFunction(() => document.querySelector('[data-testid=results-now]') !== null, null, {
      timeout,
    });
    await settled(page, { timeout });
  } catch (err) {
    const problems = page.relais ? pageProblems(page) : [];
    throw new Error(
      `the app did not render [data-testid=results-now] within ${timeout} ms` +
        (problems.length ? `; page problems:\n  - ${problems.join('\n  - ')}` : '') +
        `\n${err.message}`,
    );
  }
}

/**
 * The page drawn whole: the app draws its first screen lean and the rest (the profile's court
 * and project groups, the sheet, the catalogue panel, the lists past the first cards) once the
 * page is idle, marking what is still to come `aria-busy`.
 */
export async function settled(page, { timeout = 30_000 } = {}) {
  await page.waitForFunction(
    () =>
      document.querySelector('.profile [aria-busy="true"], #results [aria-busy="true"], #sheet[aria-busy="true"], #catalogue[aria-busy="true"]') === null,
    null,
    { timeout },
  );
}

/**
 * The app opens on an empty profile: this clicks « Voir un exemple (personne fictive) » and waits
 * for the example (dedans at Fleury-Mérogis, released to the 44, cuisine, G18) and its label.
 */
export async function loadExample(page, { timeout = 30_000 } = {}) {
  await page.getByTestId('load-example').click();
  await page.getByTestId('example-banner').waitFor({ timeout });
  await page.locator('[data-testid=results-now] [data-testid^=offer-]').first().waitFor({ timeout });
}

let axeSource;
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/**
 * Runs axe-core on the whole document; fails on `serious` or `critical`
 * violations with a readable list. Returns axe's full result.
 * Options: { failOn: ['serious','critical'], axeOptions: {...} }.
 */
export async function axeCheck(page, name, { failOn = ['serious', 'critical'], axeOptions = {} } = {}) {
  const present = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!present) {
    const csp = await page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy" i]') !== null,
    );
    if (!csp) {
      await page.addScriptTag({ path: AXE_PATH });
    } else {
      // A CSP without 'unsafe-inline' blocks the inline <script> that addScriptTag
      // writes (and logs a console error); evaluating through the DevTools
      // protocol is not subject to the page's CSP.
      axeSource ??= await fsp.readFile(AXE_PATH, 'utf8');
      await page.evaluate(axeSource);
    }
  }
  const result = await page.evaluate((opts) => window.axe.run(document, opts), axeOptions);
  const bad = result.violations.filter((v) => failOn.includes(v.impact));
  if (bad.length) {
    const lines = bad.map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    });
    throw new Error(`axe (${name}): ${bad.length} serious/critical violation(s):\n${lines.join('\n')}`);
  }
  return result;
}

/** Saves a full-page PNG to tests/e2e/artifacts/NAME.png and returns its path. */
export async function screenshot(page, name) {
  await fsp.mkdir(ARTIFACTS, { recursive: true });
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_');
  const file = path.join(ARTIFACTS, `${safe}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * One call for the usual test: starts a server on dist/ and a browser (both
 * closed after the test), opens a guarded page at `pathname`, waits for the app.
 * Returns { server, browser, page }.
 */
export async function openApp(t, { pathname = '', wait = true, pageOptions = {} } = {}) {
  const server = await startServer();
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await newPage(browser, t, pageOptions);
  await page.goto(new URL(pathname, server.url).href, { waitUntil: 'load' });
  if (wait) await waitForApp(page);
  return { server, browser, page };
}

// ---------------------------------------------------------------------------
// Helpers for the counsellor's flows (counsellor-*.test.mjs, profile-file.test.mjs).

/** The day the counsellor-flow tests take as today (`relais match --today` of their expectations). */
export const TEST_NOW = '2026-11-23T10:00:00+01:00';

/**
 * Like openApp, but the browser's clock is fixed at `now` before the app starts (the app takes
 * "today" from js_sys::Date), in French and Paris time, so that results are deterministic.
 * Returns { server, browser, page }.
 */
export async function openAppAt(t, { now = TEST_NOW, pathname = '', pageOptions = {} } = {}) {
  const server = await startServer();
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await newPage(browser, t, { locale: 'fr-FR', timezoneId: 'Europe/Paris', ...pageOptions });
  await page.clock.setFixedTime(new Date(now));
  await page.goto(new URL(pathname, server.url).href, { waitUntil: 'load' });
  await waitForApp(page);
  return { server, browser, page };
}

/** A short description of the focused element, for messages: `input#establishment[data-testid=…]`. */
export async function describeFocus(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    const tid = e.getAttribute('data-testid');
    return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${tid ? `[data-testid=${tid}]` : ''}`;
  });
}

/**
 * Presses Tab (or Shift+Tab with { back: true }) until the focused element matches `selector`;
 * fails with the path taken when it is not reached within `max` presses. Returns the presses.
 */
export async function tabTo(page, selector, { max = 80, back = false } = {}) {
  const path = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
    path.push(await describeFocus(page));
  }
  throw new Error(`Tab did not reach ${selector} in ${max} presses; focus went through:\n  ${path.join('\n  ')}`);
}

/**
 * How the focused element shows its focus: its computed outline and box-shadow, and
 * `visible` = a non-zero outline or a box-shadow.
 */
export async function focusIndicator(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const cs = getComputedStyle(e);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    return {
      element: e.tagName.toLowerCase() + (e.id ? `#${e.id}` : ''),
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      boxShadow: cs.boxShadow,
      visible: outline || Boolean(shadow),
    };
  });
}

/**
 * Long lists are drawn a page at a time: presses every « Afficher N de plus » of a horizon
 * until the whole list is drawn, as a counsellor reading everything would.
 */
export async function showAll(page, horizon) {
  await settled(page);
  const more = page.locator(`[data-testid=results-${horizon}] .show-more button`);
  for (let i = 0; i < 1000 && (await more.count()) > 0; i++) {
    await more.first().evaluate((b) => b.click());
    await page.waitForTimeout(20);
  }
}

/**
 * The offer cards of a horizon (`now` or `after`) as the counsellor reads them, in page order:
 * [{ id, score, shownScore, title, reasons: [{ points, factor, text }], warnings: [text],
 *    suite: [text] }]. `score` is the card's data-score, `shownScore` the number printed on it.
 */
export async function readOffers(page, horizon) {
  await showAll(page, horizon);
  return page.locator(`[data-testid=results-${horizon}]`).evaluate((section) =>
    [...section.querySelectorAll('li.offer[data-testid^="offer-"]')].map((li) => {
      const text = (el) => (el ? el.innerText.trim() : '');
      const dts = [...li.querySelectorAll('dl.facts dt')];
      const suiteDt = dts.find((dt) => /suite|continues/i.test(dt.innerText));
      return {
        id: li.getAttribute('data-testid').slice('offer-'.length),
        score: Number(li.getAttribute('data-score')),
        shownScore: Number(text(li.querySelector('.score strong'))),
        title: text(li.querySelector('h4')),
        reasons: [...li.querySelectorAll('ul.reasons > li')].map((r) => ({
          points: Number(text(r.querySelector('.pts')).replace('+', '')),
          factor: text(r.querySelector('.factor')),
          text: text(r.querySelector('.text')),
        })),
        warnings: [...li.querySelectorAll('ul.warnings > li')].map(text),
        suite: suiteDt ? [...suiteDt.nextElementSibling.querySelectorAll('.line')].map(text) : [],
      };
    }),
  );
}

/**
 * The excluded offers of a horizon (`now` or `after`) in page order: [{ id, title,
 * rules: [{ rule, text }] }]; the <details> is opened first (its items are drawn once it is).
 */
export async function readExcluded(page, horizon) {
  // Its items are drawn once it is opened, as a counsellor opens it.
  await openExcluded(page, horizon);
  await showAll(page, horizon);
  return page.locator(`[data-testid=excluded-${horizon}]`).evaluate((details, h) =>
    [...details.querySelectorAll(`li[data-testid^="excluded-${h}-"]`)].map((li) => ({
      id: li.getAttribute('data-testid').slice(`excluded-${h}-`.length),
      title: li.querySelector('strong')?.textContent.trim() ?? '',
      // The rule's code is data for tests only (data-rule): the counsellor reads the sentence.
      rules: [...li.querySelectorAll('ul.rules > li')].map((r) => ({
        rule: r.dataset.rule ?? '',
        text: r.textContent.trim(),
      })),
    })),
  horizon);
}

/**
 * The « Plus loin » list of a horizon (offers that fit beyond the radius), in page order:
 * [{ id, km, text, warnings }]; empty when there is none.
 */
export async function readBeyond(page, horizon) {
  await showAll(page, horizon);
  const list = page.locator(`[data-testid=beyond-${horizon}]`);
  if ((await list.count()) === 0) return [];
  return list.evaluate((section, h) =>
    [...section.querySelectorAll(`li[data-testid^="beyond-${h}-"]`)].map((li) => ({
      id: li.getAttribute('data-testid').slice(`beyond-${h}-`.length),
      km: Number(li.getAttribute('data-km')),
      text: li.querySelector('.distance')?.textContent.trim() ?? '',
      warnings: [...li.querySelectorAll('ul.warnings > li')].map((w) => w.textContent.trim()),
    })),
  horizon);
}

/** Opens the « Écartées » <details> of a horizon with the keyboard if it is closed. */
export async function openExcluded(page, horizon) {
  const details = page.locator(`[data-testid=excluded-${horizon}]`);
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator(':scope > summary').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((h) => document.querySelector(`[data-testid=excluded-${h}]`).open, horizon, {
      timeout: 30_000,
    });
  }
  return details;
}

/**
 * The seed catalogue (data/catalogue.csv, `;` separated, quoted cells) as objects keyed by
 * its header: [{ id, organisation, titre, type, milieu, ... }]. For picking the offers a test
 * expects by their columns (`type === 'tig'`, `milieu === 'dedans'`…).
 */
export async function seedCatalogue(file = path.join(ROOT, 'data', 'catalogue.csv')) {
  const text = (await fsp.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x !== '')) rows.push(row);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

/**
 * A viewport-sized PNG (tests/e2e/artifacts/NAME.png) with `locator` scrolled to the top of
 * the view: what the counsellor sees at that point, easier to review than a full page.
 */
export async function screenshotAt(page, name, locator) {
  await fsp.mkdir(ARTIFACTS, { recursive: true });
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_');
  const file = path.join(ARTIFACTS, `${safe}.png`);
  await locator.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: file });
  return file;
}
