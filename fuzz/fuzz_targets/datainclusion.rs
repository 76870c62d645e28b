//! data·inclusion services: any JSON value given to the services reader, and a data·inclusion
//! CSV header before the bytes for the CSV path.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let rd = common::refdata();
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        let list = match v {
            serde_json::Value::Array(a) => a,
            other => vec![other],
        };
        let _ = relais_core::datainclusion::load_services(&list, "fuzz.json", rd);
    }
    let mut csv = b"id;nom;structure_id;zone_eligibilite;code_insee;horaires_accueil;date_maj;modes_accueil\n".to_vec();
    csv.extend_from_slice(data);
    common::load_and_round_trip(&csv, "fuzz.csv");
});
