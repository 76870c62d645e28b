//! Shared by the targets: the reference data, read once (communes included, as the CLI does).
//! Each target uses part of it.
#![allow(dead_code)]

use relais_core::refdata::RefData;
use std::sync::OnceLock;

pub fn refdata() -> &'static RefData {
    static RD: OnceLock<RefData> = OnceLock::new();
    RD.get_or_init(|| {
        let mut rd = RefData::bundled().expect("bundled reference data");
        rd.add_communes(include_str!("../../data/communes.csv"))
            .expect("communes");
        rd
    })
}

/// Load, then export what loaded and load the export again: the export must read back.
pub fn load_and_round_trip(bytes: &[u8], file: &str) {
    let rd = refdata();
    let loaded = relais_core::catalogue::load(bytes, file, rd);
    let csv = relais_core::catalogue::to_csv(&loaded.offers);
    let again = relais_core::catalogue::load(csv.as_bytes(), "export.csv", rd);
    assert_eq!(
        again.offers.len(),
        loaded.offers.len(),
        "the export of the loaded offers does not read back: {:?}",
        again.problems
    );
    let today = time::macros::date!(2026 - 11 - 30);
    let _ = relais_core::datainclusion::to_services(&loaded.offers, "fuzz", today);
}
