#!/usr/bin/env node
// Where the page's time goes (issue 16): CPU profile of importing a generated catalogue
// through the file input, then of typing in the curfew field with it in use. Prints the
// project's functions by inclusive time. Not a test.
//   node scripts/profile-app.mjs [rows]   (default 10000; dist/ as built)
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, waitForApp, DIST, ROOT } from '../tests/e2e/harness.mjs';

const ROWS = Number(process.argv[2] ?? 10_000);
function csv(rows) {
  const deps = ['44', '93', '69', '13', '59', '75', '33', '31'];
  const types = ['accompagnement', 'emploi', 'formation', 'ei', 'aci'];
  const lines = ['id;organisation;titre;type;milieu;etablissements;departements;secteurs;competences;horaires;places;date_maj;description'];
  for (let i = 1; i <= rows; i++) {
    const type = types[i % types.length];
    lines.push(`gen-${i};Association ${i % 97};Offre ${type} numéro ${i};${type};dehors;;${deps[i % deps.length]};G1602;cuisine,service;lun-ven 09:00-12:00;${1 + (i % 9)};2026-11-20;Accompagnement vers l'emploi — atelier collectif`);
  }
  return lines.join('\n') + '\n';
}
function demangle(name) {
  const m = name.match(/^_ZN(.*)E$/);
  if (!m) return name;
  const parts = [];
  let rest = m[1];
  while (rest.length) {
    const len = rest.match(/^\d+/);
    if (!len) break;
    const l = Number(len[0]);
    parts.push(rest.slice(len[0].length, len[0].length + l));
    rest = rest.slice(len[0].length + l);
  }
  return parts.filter((p) => !/^h[0-9a-f]{16}$/.test(p)).join('::');
}
async function profiled(cdp, what, act) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await act();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]) / 1000;
    const f0 = byId.get(id).callFrame.functionName;
    if (f0 === '(idle)') return;
    if (process.env.FOCUS) {
      let hit = false;
      for (let n = id; n !== undefined; n = parent.get(n)) if (demangle(byId.get(n).callFrame.functionName).includes(process.env.FOCUS)) hit = true;
      if (!hit) return;
    }
    total += dt;
    self.set(demangle(f0) || '(anon)', (self.get(demangle(f0) || '(anon)') ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const f = demangle(byId.get(n).callFrame.functionName);
      if (!seen.has(f) && f) { seen.add(f); incl.set(f, (incl.get(f) ?? 0) + dt); }
    }
  });
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, t]) => `${t.toFixed(0).padStart(6)} ms  ${f.slice(0, 150)}`).join('\n');
  console.log(`\n## ${what}: ${total.toFixed(0)} ms busy\n-- inclusive\n${top(incl, 45)}\n-- self\n${top(self, 15)}`);
}

const file = path.join('/tmp', `profile-import-${ROWS}.csv`);
fs.writeFileSync(file, csv(ROWS));
const server = await startServer({ root: DIST });
const browser = await launchBrowser();
try {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForApp(page);
  await page.waitForTimeout(1000);
  await page.evaluate(() => { window.__long = []; });
  await profiled(cdp, `import ${ROWS} rows`, async () => {
    await page.setInputFiles('[data-testid=catalogue-import]', file);
    await page.waitForSelector('[data-testid=import-report]', { timeout: 600_000 });
    await page.waitForTimeout(1000);
  });
  console.log('long tasks during import:', JSON.stringify(await page.evaluate(() => window.__long)));
  await page.evaluate(() => { window.__long = []; });
  const sel = '[data-testid=curfew-input]';
  await page.focus(sel);
  await profiled(cdp, 'typing « lun-ven 20:00-06:00 » then erasing it', async () => {
    for (const k of [...'lun-ven 20:00-06:00']) { await page.keyboard.press(k); await page.waitForTimeout(100); }
    for (let i = 0; i < 19; i++) { await page.keyboard.press('Backspace'); await page.waitForTimeout(100); }
  });
  console.log('long tasks while typing:', JSON.stringify(await page.evaluate(() => window.__long)));
  // Keystroke → results updated, as scripts/bench-browser.mjs times it (keydown to the later of
  // the input's message and the last DOM mutation), without the profiler.
  await page.evaluate(() => {
    const k = (window.__keys = { cur: null, all: [] });
    document.addEventListener('keydown', () => { k.cur = { t0: performance.now(), afterInput: null, lastMutation: null }; k.all.push(k.cur); }, true);
    document.addEventListener('input', () => { const cur = k.cur; const c = new MessageChannel(); c.port1.onmessage = () => { if (cur) cur.afterInput = performance.now(); }; c.port2.postMessage(0); }, true);
    new MutationObserver(() => { if (k.cur) k.cur.lastMutation = performance.now(); }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await page.fill(sel, '');
  for (let r = 0; r < 3; r++) {
    for (const k of [...'lun-ven 20:00-06:00', ...Array(19).fill('Backspace')]) { await page.keyboard.press(k); await page.waitForTimeout(150); }
  }
  const done = (await page.evaluate(() => window.__keys.all)).filter((s) => s.afterInput !== null).map((s) => Math.max(s.afterInput, s.lastMutation ?? 0) - s.t0).sort((a, b) => a - b);
  const q = (p) => done[Math.min(done.length - 1, Math.floor(p * done.length))].toFixed(1);
  console.log(`keystroke → results updated, ${ROWS} offers: median ${q(0.5)} ms, q1 ${q(0.25)}, q3 ${q(0.75)}, p90 ${q(0.9)} (n=${done.length})`);
} finally {
  await browser.close();
  await server.close();
}
