//! The operations of `crates/core/benches/matching.rs`, callable from JavaScript so that
//! `scripts/bench-browser.mjs` can time them inside wasm in Chromium, and from
//! `src/bin/native.rs`, which times them natively with the same repetition scheme.
//!
//! The data lives in a thread-local between calls, so that a timed call does only the work
//! being measured: `prepare(n)` generates and loads `n` offers and prepares them for ranking
//! (`Prepared`, as the app keeps it beside its offers), `rank()` matches the example profile
//! against them and reads every offer's findings (`match_prepared`, what the CLI prints),
//! `rank_compact()` ranks without building any finding (`rank_prepared`), `rank_page()` does
//! that and reads the findings of the first 20 fits of each horizon (what the app draws),
//! `prepare_ranking()` times the preparation alone; `prepare_csv(n)` generates an `n`-row CSV, `load_csv()` loads it;
//! `prepare_merge(n)` loads the seed and an `n`-offer catalogue, `merge()` merges them as the
//! page does when a catalogue is added to the example (copies, sources, duplicates);
//! `prepare_di(n)` generates `n` data·inclusion services as JSON (or `prepare_json(text)`
//! keeps a given file), `load_json()` reads them as the catalogue reader's worker does.
//! Every timed function returns a count, so that nothing is optimised away.

use relais_core::{
    catalogue, date,
    matching::{match_prepared, rank_prepared, Horizon},
    model::Offer,
    model::Profile,
    prepared::Prepared,
    refdata::RefData,
    synthetic,
};
use std::cell::RefCell;
use std::hint::black_box;
use time::Date;
use wasm_bindgen::prelude::*;

// With the `talc` feature (scripts/bench-browser.mjs's `talc` variant), talc rather than
// Rust's default wasm allocator (dlmalloc), which the shipped modules keep: docs/performance.md,
// « A faster allocator? ».
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    feature = "talc"
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The profile of the criterion benchmark.
pub const PROFILE_JSON: &str = include_str!("../../../docs/examples/dedans-fleury.json");
/// The `today` of the criterion benchmark.
pub const TODAY: &str = "2026-11-23";

struct Bench {
    refdata: RefData,
    profile: Profile,
    today: Date,
    offers: Vec<Offer>,
    prepared: Prepared,
    csv: String,
    seed: Vec<Offer>,
    /// A JSON catalogue to load (`prepare_json`), read with the commune list as the worker
    /// reads it.
    json: String,
}

impl Bench {
    fn new() -> Bench {
        Bench {
            refdata: RefData::bundled().expect("bundled reference data"),
            profile: Profile::from_json(PROFILE_JSON).expect("example profile"),
            today: date::parse(TODAY).expect("date"),
            offers: Vec::new(),
            prepared: Prepared::default(),
            csv: String::new(),
            seed: Vec::new(),
            json: String::new(),
        }
    }
}

thread_local! {
    static BENCH: RefCell<Option<Bench>> = const { RefCell::new(None) };
}

fn with<R>(f: impl FnOnce(&mut Bench) -> R) -> R {
    BENCH.with(|b| f(b.borrow_mut().get_or_insert_with(Bench::new)))
}

/// Generates a catalogue of `n` offers, loads it and prepares it for ranking (not timed);
/// returns the offer count.
#[wasm_bindgen]
pub fn prepare(n: usize) -> usize {
    with(|b| {
        let csv = synthetic::catalogue_csv(n, &b.refdata);
        b.offers = catalogue::load(csv.as_bytes(), "gen.csv", &b.refdata).offers;
        b.prepared = Prepared::new(&b.offers, &b.refdata);
        b.offers.len()
    })
}

/// Prepares the loaded offers for ranking, as the app does when a catalogue is put in use;
/// returns the number of offers prepared.
#[wasm_bindgen]
pub fn prepare_ranking() -> usize {
    with(|b| Prepared::new(black_box(&b.offers), &b.refdata).len())
}

/// Ranks the prepared offers for the example profile; returns the number of fits (now and
/// after release).
#[wasm_bindgen]
pub fn rank() -> usize {
    with(|b| {
        let r = match_prepared(
            black_box(&b.profile),
            black_box(&b.offers),
            &b.prepared,
            &b.refdata,
            b.today,
        );
        r.now.fits.len() + r.after_release.map_or(0, |h| h.fits.len())
    })
}

/// Ranks the prepared offers for the example profile without building any finding; returns
/// the number of fits (now and after release), as `rank()`.
#[wasm_bindgen]
pub fn rank_compact() -> usize {
    with(|b| {
        let r = rank_prepared(
            black_box(&b.profile),
            black_box(&b.offers),
            &b.prepared,
            &b.refdata,
            b.today,
        );
        r.now.fits.len() + r.after_release.map_or(0, |h| h.fits.len())
    })
}

/// The fits of each horizon whose findings the app reads first (its first page of cards).
pub const PAGE: usize = 20;

/// Ranks without building any finding, then reads the findings of the first [`PAGE`] fits of
/// each horizon, as the app draws them; returns the number of fits, as `rank()`.
#[wasm_bindgen]
pub fn rank_page() -> usize {
    with(|b| {
        let r = rank_prepared(
            black_box(&b.profile),
            black_box(&b.offers),
            &b.prepared,
            &b.refdata,
            b.today,
        );
        let Some(details) = r.details(&b.profile, &b.offers, &b.prepared, &b.refdata) else {
            return 0;
        };
        let mut reasons = 0;
        for (h, c) in [
            (Horizon::Now, Some(&r.now)),
            (Horizon::AfterRelease, r.after_release.as_ref()),
        ] {
            for f in c.map_or(&[][..], |c| &c.fits[..]).iter().take(PAGE) {
                reasons += details.fit(f.offer, h).map_or(0, |f| f.reasons.len());
            }
        }
        black_box(reasons);
        r.now.fits.len() + r.after_release.as_ref().map_or(0, |h| h.fits.len())
    })
}

/// Generates an `n`-row catalogue CSV (not timed); returns its length in bytes.
#[wasm_bindgen]
pub fn prepare_csv(n: usize) -> usize {
    with(|b| {
        b.csv = synthetic::catalogue_csv(n, &b.refdata);
        b.csv.len()
    })
}

/// Loads the prepared CSV; returns the number of offers read.
#[wasm_bindgen]
pub fn load_csv() -> usize {
    with(|b| {
        catalogue::load(black_box(b.csv.as_bytes()), "gen.csv", &b.refdata)
            .offers
            .len()
    })
}

/// The commune list the catalogue reader's worker fetches (`communes.csv`).
const COMMUNES: &str = include_str!("../../../data/communes.csv");

#[path = "../../core/benches/di/services.rs"]
mod di;

/// Adds the commune list to the reference data, as the worker has it.
fn with_communes(b: &mut Bench) {
    if b.refdata.communes.is_empty() {
        b.refdata.add_communes(COMMUNES).expect("data/communes.csv");
    }
}

/// Keeps `text`, a JSON catalogue (a data·inclusion export), to be loaded by `load_json`, with
/// the commune list in the reference data (not timed); returns the text's length in bytes.
#[wasm_bindgen]
pub fn prepare_json(text: String) -> usize {
    with(|b| {
        with_communes(b);
        b.json = text;
        b.json.len()
    })
}

/// Generates `n` data·inclusion services as one JSON list, as `scripts/gen-di-services.py`
/// shapes them (the criterion benchmark's `load_di_json`), to be loaded by `load_json` (not
/// timed); returns the text's length in bytes.
#[wasm_bindgen]
pub fn prepare_di(n: usize) -> usize {
    with(|b| {
        with_communes(b);
        b.json = di::services_json(n, &b.refdata);
        b.json.len()
    })
}

/// Loads the kept JSON catalogue; returns the number of offers read.
#[wasm_bindgen]
pub fn load_json() -> usize {
    with(|b| {
        catalogue::load(black_box(b.json.as_bytes()), "services.json", &b.refdata)
            .offers
            .len()
    })
}

/// Loads the seed and a generated `n`-offer catalogue (not timed); returns the offer count.
#[wasm_bindgen]
pub fn prepare_merge(n: usize) -> usize {
    let seed = prepare(n);
    with(|b| {
        b.seed = catalogue::load(
            relais_core::refdata::SEED_CATALOGUE.as_bytes(),
            "data/catalogue.csv",
            &b.refdata,
        )
        .offers;
        seed + b.seed.len()
    })
}

/// Merges the seed and the prepared catalogue, from copies as the page does; returns the
/// number of offers kept.
#[wasm_bindgen]
pub fn merge() -> usize {
    with(|b| {
        let list = vec![
            (
                "data/catalogue.csv".to_string(),
                catalogue::Loaded {
                    offers: b.seed.clone(),
                    ..catalogue::Loaded::default()
                },
            ),
            (
                "gen.csv".to_string(),
                catalogue::Loaded {
                    offers: b.offers.clone(),
                    ..catalogue::Loaded::default()
                },
            ),
        ];
        relais_core::merge::merge_catalogues(black_box(list))
            .loaded
            .offers
            .len()
    })
}

/// The generated `n`-offer catalogue itself (to feed the app a bigger catalogue).
pub fn catalogue_csv(n: usize) -> String {
    with(|b| synthetic::catalogue_csv(n, &b.refdata))
}
