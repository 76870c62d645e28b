#!/usr/bin/env node
// Where the page's time goes (issue 16): CPU profile of importing a generated catalogue
// through the file input, then of typing in the curfew field with it in use. Prints the
// project's functions by inclusive time. Not a test.
//   [RELAIS_DIST=dir] [FOCUS=function] node scripts/profile-app.mjs [rows]
//   rows: 10000 by default; RELAIS_DIST: dist/ by default (build one with names for the
//   profile: docs/performance.md); FOCUS: only the samples under that function.
//   --no-profile: no CPU profile (the keystroke timings alone, without the profiler's cost).
//   --trace: a Chromium trace of the typing (devtools.timeline), its main-thread events summed
//   by kind, self time per keystroke (style, layout, paint, event dispatch, script).
//   --lists: the fields with a datalist entered before typing (their options are drawn only
//   then), as after a while of use.
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, waitForApp, DIST, ROOT } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const ROWS = Number(args.find((a) => !a.startsWith('--')) ?? 10_000);
const PROFILE = !args.includes('--no-profile');
const TRACE = args.includes('--trace');
/** `--lists`: every field with a datalist entered first (their options drawn, as after a while of use). */
const LISTS = args.includes('--lists');
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
  if (!PROFILE) return act();
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
  console.log(`\n## ${what}: ${total.toFixed(0)} ms busy\n-- inclusive\n${top(incl, Number(process.env.TOP ?? 45))}\n-- self\n${top(self, 15)}`);
}

/**
 * A Chromium trace (devtools.timeline) of typing the curfew and erasing it, twice: the
 * renderer main thread's events, self time summed by name, per keystroke.
 */
async function traced(browser, page, sel) {
  await page.fill(sel, '');
  await page.focus(sel);
  await page.waitForTimeout(500);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel', 'input', 'blink', 'v8', 'disabled-by-default-v8.gc'] });
  let keys = 0;
  for (let r = 0; r < 2; r++) {
    for (const k of [...'lun-ven 20:00-06:00', ...Array(19).fill('Backspace')]) { await page.keyboard.press(k); keys++; await page.waitForTimeout(150); }
  }
  const buf = await browser.stopTracing();
  const events = JSON.parse(buf.toString()).traceEvents ?? [];
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name);
  // The renderer's main thread: the CrRendererMain with the most complete events.
  const count = new Map();
  for (const e of events) if (e.ph === 'X' && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const xs = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: an event's duration minus its children's (nesting by time on one thread), in
  // wall time and in the thread's CPU time (`tdur`: what the load of a shared machine changes
  // least).
  const self = new Map();
  const selfCpu = new Map();
  const stack = [];
  const close = (upTo) => {
    while (stack.length && stack[stack.length - 1].end <= upTo) {
      const top = stack.pop();
      self.set(top.name, (self.get(top.name) ?? 0) + top.dur - top.children);
      selfCpu.set(top.name, (selfCpu.get(top.name) ?? 0) + top.tdur - top.childrenCpu);
    }
  };
  let top = 0;
  let topCpu = 0;
  for (const e of xs) {
    close(e.ts);
    const tdur = e.tdur ?? e.dur;
    if (stack.length) {
      stack[stack.length - 1].children += e.dur;
      stack[stack.length - 1].childrenCpu += tdur;
    } else {
      top += e.dur;
      topCpu += tdur;
    }
    const src = e.args?.src_func ?? e.args?.data?.type;
    stack.push({ name: src ? `${e.name} (${src})` : e.name, dur: e.dur, tdur, end: e.ts + e.dur, children: 0, childrenCpu: 0 });
  }
  close(Infinity);
  const rows = [...selfCpu].filter(([, us]) => us / keys >= 50).sort((a, b) => b[1] - a[1]);
  console.log(`\n## trace of ${keys} keystrokes: main thread busy ${(top / keys / 1000).toFixed(1)} ms a keystroke (wall), ${(topCpu / keys / 1000).toFixed(1)} ms (thread CPU time)`);
  console.log('self time by event, ms a keystroke: CPU (wall)');
  for (const [name, us] of rows) console.log(`${(us / keys / 1000).toFixed(2).padStart(8)} (${((self.get(name) ?? 0) / keys / 1000).toFixed(2)})  ${name}`);
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
  if (LISTS) {
    for (const id of ['establishment-input', 'banned-place-input', 'home-commune', 'skill-input', 'sector-input']) {
      if (await page.locator(`[data-testid=${id}]`).count()) await page.focus(`[data-testid=${id}]`);
    }
    await page.waitForTimeout(500);
  }
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
    new MutationObserver(() => {
      const cur = k.cur;
      if (!cur) return;
      cur.lastMutation = performance.now();
      requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => { cur.frame = performance.now(); }; c.port2.postMessage(0); });
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await page.fill(sel, '');
  for (let r = 0; r < 3; r++) {
    for (const k of [...'lun-ven 20:00-06:00', ...Array(19).fill('Backspace')]) { await page.keyboard.press(k); await page.waitForTimeout(150); }
  }
  const done = (await page.evaluate(() => window.__keys.all)).filter((s) => s.afterInput !== null).map((s) => Math.max(s.afterInput, s.lastMutation ?? 0) - s.t0).sort((a, b) => a - b);
  const q = (p) => done[Math.min(done.length - 1, Math.floor(p * done.length))].toFixed(1);
  console.log(`keystroke → results updated, ${ROWS} offers: median ${q(0.5)} ms, q1 ${q(0.25)}, q3 ${q(0.75)}, p90 ${q(0.9)} (n=${done.length})`);
  const framed = (await page.evaluate(() => window.__keys.all)).filter((s) => s.frame != null).map((s) => s.frame - s.t0).sort((a, b) => a - b);
  const f = (p) => framed[Math.min(framed.length - 1, Math.floor(p * framed.length))].toFixed(1);
  if (framed.length) console.log(`keystroke → the frame after (style, layout, paint done), ${ROWS} offers: median ${f(0.5)} ms, q1 ${f(0.25)}, q3 ${f(0.75)}, p90 ${f(0.9)} (n=${framed.length})`);
  console.log(`elements in the page: ${await page.evaluate(() => document.getElementsByTagName('*').length)}`);
  if (TRACE) await traced(browser, page, sel);
} finally {
  await browser.close();
  await server.close();
}
