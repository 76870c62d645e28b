//! LHEO training catalogues: any bytes after an LHEO root (so that the XML reader is reached),
//! loaded, exported as CSV and as LHEO, and both exports read back with as many offers.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let rd = common::refdata();
    let mut xml = if data.starts_with(b"<lheo") {
        Vec::new()
    } else {
        b"<lheo xmlns=\"http://lheo.gouv.fr/2.3\"><offres>".to_vec()
    };
    xml.extend_from_slice(data);
    common::load_and_round_trip(&xml, "fuzz.xml");
    let loaded = relais_core::catalogue::load(&xml, "fuzz.xml", rd);
    let lheo = relais_core::lheo::to_lheo(&loaded.offers, rd);
    let again = relais_core::catalogue::load(lheo.as_bytes(), "export.xml", rd);
    assert_eq!(again.offers.len(), loaded.offers.len(), "{:?}", again.problems);
});
