//! The browser benchmark's operations, timed natively with the repetition scheme of
//! `scripts/bench-browser.mjs` (which runs this and divides), printed as JSON.
//!
//! `native [--warmup-ms MS] [--sample-ms MS] CASE...` where CASE is `rank:N:SAMPLES` (on the
//! catalogue prepared once, every finding read), `rank_compact:N:SAMPLES` (no finding built),
//! `rank_page:N:SAMPLES` (no finding built, then the first 20 fits' findings), `prepare_ranking:N:SAMPLES` (the preparation alone),
//! `load_csv:N:SAMPLES`, `load_di:N:SAMPLES` (N data·inclusion services read as JSON) or
//! `merge:N:SAMPLES` (the seed and N offers merged); `native --csv N` prints the generated N-offer catalogue instead.
//!
//! Scheme (the same in JavaScript): run the operation for at least `warmup-ms` (and at least
//! twice); from the mean time of those runs pick a batch of `ceil(sample-ms / mean)` runs (at
//! least 1); time SAMPLES batches; each sample is a batch's time divided by its size. Reports
//! the median, the quartiles, the minimum and the maximum of the samples, in milliseconds.

use relais_bench_wasm::{
    catalogue_csv, load_csv, load_json, merge, prepare, prepare_csv, prepare_di, prepare_merge,
    prepare_ranking, rank, rank_compact, rank_page,
};
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    // Linear interpolation between closest ranks, as numpy's default (and the JS side).
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

fn measure(op: fn() -> usize, warmup_ms: f64, sample_ms: f64, samples: usize) -> String {
    let t = Instant::now();
    let mut runs = 0u32;
    let mut check = op();
    runs += 1;
    while ms(t) < warmup_ms || runs < 2 {
        check = op();
        runs += 1;
    }
    let mean = ms(t) / f64::from(runs);
    let batch = ((sample_ms / mean).ceil() as usize).max(1);
    let mut times = Vec::with_capacity(samples);
    for _ in 0..samples {
        let t = Instant::now();
        for _ in 0..batch {
            assert_eq!(
                op(),
                check,
                "the operation must give the same count every time"
            );
        }
        times.push(ms(t) / batch as f64);
    }
    times.sort_by(f64::total_cmp);
    format!(
        "\"median_ms\":{:.6},\"q1_ms\":{:.6},\"q3_ms\":{:.6},\"min_ms\":{:.6},\"max_ms\":{:.6},\"batch\":{batch},\"samples\":{samples},\"warmup_runs\":{runs},\"check\":{check}",
        quantile(&times, 0.5),
        quantile(&times, 0.25),
        quantile(&times, 0.75),
        times[0],
        times[times.len() - 1],
    )
}

fn usage(msg: &str) -> ! {
    eprintln!("native: {msg}\nusage: native [--warmup-ms MS] [--sample-ms MS] rank:N:SAMPLES|rank_compact:N:SAMPLES|rank_page:N:SAMPLES|prepare_ranking:N:SAMPLES|load_csv:N:SAMPLES|load_di:N:SAMPLES|merge:N:SAMPLES ...\n       native --csv N");
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut warmup_ms, mut sample_ms) = (500.0, 20.0);
    let mut cases = Vec::new();
    while let Some(a) = args.next() {
        let mut value = |name: &str| -> f64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage(&format!("{name} needs a number")))
        };
        match a.as_str() {
            "--warmup-ms" => warmup_ms = value("--warmup-ms"),
            "--sample-ms" => sample_ms = value("--sample-ms"),
            "--csv" => {
                let n = value("--csv") as usize;
                print!("{}", catalogue_csv(n));
                return;
            }
            _ => cases.push(a),
        }
    }
    if cases.is_empty() {
        usage("no case given");
    }
    let mut out = Vec::new();
    for case in &cases {
        let parts: Vec<&str> = case.split(':').collect();
        let [kind, n, samples] = parts[..] else {
            usage(&format!("bad case {case:?}"))
        };
        let n: usize = n
            .parse()
            .unwrap_or_else(|_| usage(&format!("bad N in {case:?}")));
        let samples: usize = samples
            .parse()
            .ok()
            .filter(|&s| s > 0)
            .unwrap_or_else(|| usage(&format!("bad SAMPLES in {case:?}")));
        let op: fn() -> usize = match kind {
            "rank" => {
                prepare(n);
                rank
            }
            "rank_compact" => {
                prepare(n);
                rank_compact
            }
            "rank_page" => {
                prepare(n);
                rank_page
            }
            "prepare_ranking" => {
                prepare(n);
                prepare_ranking
            }
            "load_csv" => {
                prepare_csv(n);
                load_csv
            }
            "merge" => {
                prepare_merge(n);
                merge
            }
            "load_di" => {
                prepare_di(n);
                load_json
            }
            _ => usage(&format!("unknown case kind {kind:?}")),
        };
        let m = measure(op, warmup_ms, sample_ms, samples);
        out.push(format!(
            "{{\"case\":\"{case}\",\"kind\":\"{kind}\",\"n\":{n},{m}}}"
        ));
    }
    println!(
        "{{\"warmup_ms\":{warmup_ms},\"sample_ms\":{sample_ms},\"cases\":[{}]}}",
        out.join(",")
    );
}
