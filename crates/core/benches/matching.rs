//! Ranking 1k, 10k and 100k generated offers for one profile (`rank`: on a catalogue prepared
//! once, as the app and the CLI keep it, every offer's findings read; `rank_compact`: the
//! ranking that builds no finding, as the app ranks on each keystroke; `prepare`: the preparation itself, done when a
//! catalogue is put in use), loading a 10k-row CSV, and reading 10,000 data·inclusion services
//! as JSON (`load_di_json`: the shape of `scripts/gen-di-services.py`, `benches/di/services.rs`).
//! Run: `cargo bench -p relais-core --bench matching`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use relais_core::{
    catalogue, date,
    matching::{match_prepared, rank_prepared},
    model::Profile,
    prepared::Prepared,
    refdata::RefData,
    synthetic,
};

fn profile() -> Profile {
    Profile::from_json(include_str!("../../../docs/examples/dedans-fleury.json"))
        .expect("example profile")
}

fn ranking(c: &mut Criterion) {
    let rd = RefData::bundled().expect("bundled");
    let p = profile();
    let today = date::parse("2026-11-23").expect("date");
    // One catalogue in memory at a time: the heap holds what the app's would.
    for n in [1_000usize, 10_000, 100_000] {
        let offers =
            catalogue::load(synthetic::catalogue_csv(n, &rd).as_bytes(), "gen.csv", &rd).offers;
        assert_eq!(offers.len(), n);
        let prepared = Prepared::new(&offers, &rd);
        for group in ["rank", "rank_compact", "prepare"] {
            let mut g = c.benchmark_group(group);
            g.throughput(Throughput::Elements(n as u64));
            if n == 100_000 {
                g.sample_size(10);
            }
            g.bench_with_input(BenchmarkId::from_parameter(n), &offers, |b, offers| {
                if group == "rank" {
                    b.iter(|| {
                        match_prepared(black_box(&p), black_box(offers), &prepared, &rd, today)
                    })
                } else if group == "rank_compact" {
                    b.iter(|| {
                        rank_prepared(black_box(&p), black_box(offers), &prepared, &rd, today)
                    })
                } else {
                    b.iter(|| Prepared::new(black_box(offers), &rd))
                }
            });
            g.finish();
        }
    }
}

fn loading(c: &mut Criterion) {
    let rd = RefData::bundled().expect("bundled");
    let csv = synthetic::catalogue_csv(10_000, &rd);
    let mut g = c.benchmark_group("load_csv");
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("10000", |b| {
        b.iter(|| catalogue::load(black_box(csv.as_bytes()), "gen.csv", &rd))
    });
    g.finish();
}

#[path = "di/services.rs"]
mod di;

fn loading_di_json(c: &mut Criterion) {
    let mut rd = RefData::bundled().expect("bundled");
    rd.add_communes(include_str!("../../../data/communes.csv"))
        .expect("data/communes.csv");
    let json = di::services_json(10_000, &rd);
    assert_eq!(
        catalogue::load(json.as_bytes(), "services.json", &rd)
            .offers
            .len(),
        10_000
    );
    let mut g = c.benchmark_group("load_di_json");
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.sample_size(20);
    g.bench_function("10000", |b| {
        b.iter(|| catalogue::load(black_box(json.as_bytes()), "services.json", &rd))
    });
    g.finish();
}

criterion_group!(benches, ranking, loading, loading_di_json);
criterion_main!(benches);
