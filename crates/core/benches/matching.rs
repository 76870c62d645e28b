//! Ranking 1k, 10k and 100k generated offers for one profile, and loading a 10k-row CSV.
//! Run: `cargo bench -p relais-core --bench matching`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use relais_core::{
    catalogue, date, matching::match_profile, model::Profile, refdata::RefData, synthetic,
};

fn profile() -> Profile {
    Profile::from_json(include_str!("../../../docs/examples/dedans-fleury.json"))
        .expect("example profile")
}

fn ranking(c: &mut Criterion) {
    let rd = RefData::bundled().expect("bundled");
    let p = profile();
    let today = date::parse("2026-11-23").expect("date");
    let mut g = c.benchmark_group("rank");
    for n in [1_000usize, 10_000, 100_000] {
        let offers =
            catalogue::load(synthetic::catalogue_csv(n, &rd).as_bytes(), "gen.csv", &rd).offers;
        assert_eq!(offers.len(), n);
        g.throughput(Throughput::Elements(n as u64));
        if n == 100_000 {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(n), &offers, |b, offers| {
            b.iter(|| match_profile(black_box(&p), black_box(offers), &rd, today))
        });
    }
    g.finish();
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

criterion_group!(benches, ranking, loading);
criterion_main!(benches);
