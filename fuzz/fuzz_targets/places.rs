//! Places as typed: a département, a commune, an establishment, each resolved against the
//! reference data, and the département of a commune code.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let rd = common::refdata();
    let _ = rd.resolve_departement(&text);
    let _ = rd.resolve_commune(&text);
    let _ = rd.resolve_establishment(&text);
    let _ = relais_core::model::departement_of_commune(&text);
    let _ = relais_core::model::is_commune_code(&text);
});
