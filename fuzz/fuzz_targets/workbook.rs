//! A workbook (XLSX, ODS, XLS) as `relais check` receives it: guarded, then its first sheet
//! read and loaded as a catalogue.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(sheet) = relais_workbook::first_sheet(data) {
        let _ = relais_core::catalogue::load(sheet.csv.as_bytes(), "fuzz.xlsx", common::refdata());
    }
});
