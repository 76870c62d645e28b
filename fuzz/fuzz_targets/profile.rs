//! A profile file (JSON), then matched against the seed catalogue: banned places, curfew,
//! dates and codes all come from the bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rd = common::refdata();
    if let Ok(p) = relais_core::model::Profile::from_json(text) {
        // Each problem said in French too (it looks places up for its hints).
        for problem in p.problems(rd) {
            let _ = problem.fr(rd);
        }
        let seed = relais_core::catalogue::load(
            relais_core::refdata::SEED_CATALOGUE.as_bytes(),
            "data/catalogue.csv",
            rd,
        );
        let today = time::macros::date!(2026 - 11 - 30);
        let result = relais_core::matching::match_profile(&p, &seed.offers, rd, today);
        let _ = p.to_json();
        // Ranking builds no sentence: say every finding, in both languages and both styles.
        for lang in relais_core::lang::Lang::ALL {
            let _ = relais_core::explain::Explain::new(rd, lang).result(&result);
            let _ = relais_core::explain::Explain::plain(rd, lang).result(&result);
        }
    }
});
