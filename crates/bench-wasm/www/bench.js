// The wasm side of scripts/bench-browser.mjs. `load(variant)` instantiates the wasm-bindgen
// output in ./VARIANT/; `run(...)` times one operation with the scheme of
// crates/bench-wasm/src/bin/native.rs, so that the two figures can be divided:
// at least `warmupMs` of runs (and at least two), a batch of ceil(sampleMs / mean) runs,
// SAMPLES batches timed with performance.now(), each sample = batch time / batch size.

let m = null;

async function load(variant) {
  const mod = await import(`./${variant}/relais_bench_wasm.js`);
  await mod.default({ module_or_path: new URL(`./${variant}/relais_bench_wasm_bg.wasm`, import.meta.url) });
  m = mod;
  return true;
}

function quantile(sorted, q) {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function measure(op, warmupMs, sampleMs, samples) {
  const t = performance.now();
  let runs = 0;
  let check = op();
  runs += 1;
  while (performance.now() - t < warmupMs || runs < 2) {
    check = op();
    runs += 1;
  }
  const mean = (performance.now() - t) / runs;
  const batch = Math.max(1, Math.ceil(sampleMs / mean));
  const times = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) {
      if (op() !== check) throw new Error('the operation must give the same count every time');
    }
    times.push((performance.now() - t0) / batch);
  }
  times.sort((a, b) => a - b);
  return {
    median_ms: quantile(times, 0.5),
    q1_ms: quantile(times, 0.25),
    q3_ms: quantile(times, 0.75),
    min_ms: times[0],
    max_ms: times[times.length - 1],
    batch,
    samples,
    warmup_runs: runs,
    check,
  };
}

function operation(kind, n) {
  if (kind === 'rank') {
    m.prepare(n);
    return () => m.rank();
  }
  if (kind === 'rank_compact') {
    m.prepare(n);
    return () => m.rank_compact();
  }
  if (kind === 'rank_page') {
    m.prepare(n);
    return () => m.rank_page();
  }
  if (kind === 'load_csv') {
    m.prepare_csv(n);
    return () => m.load_csv();
  }
  if (kind === 'load_di') {
    m.prepare_di(n);
    return () => m.load_json();
  }
  throw new Error(`unknown case kind ${kind}`);
}

function run(kind, n, samples, warmupMs, sampleMs) {
  return measure(operation(kind, n), warmupMs, sampleMs, samples);
}

let prepared = null;

/** Prepares an operation without timing it (before starting the profiler). */
function setup(kind, n) {
  prepared = operation(kind, n);
  return true;
}

/** Runs the prepared operation for about `ms` milliseconds (while profiling); returns the runs. */
function spin(ms) {
  const t = performance.now();
  let runs = 0;
  while (performance.now() - t < ms) {
    prepared();
    runs += 1;
  }
  return runs;
}

window.relaisBench = { load, run, setup, spin };
