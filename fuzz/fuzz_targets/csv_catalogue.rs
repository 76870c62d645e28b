//! A catalogue file as the page and `relais check` receive it: any bytes (CSV, any encoding).
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::load_and_round_trip(data, "fuzz.csv");
});
