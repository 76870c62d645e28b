//! A JSON catalogue (Relais offers, or data·inclusion services): the bytes always reach the
//! JSON reader.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut bytes = Vec::with_capacity(data.len() + 1);
    if !data.starts_with(b"[") && !data.starts_with(b"{") {
        bytes.push(b'[');
    }
    bytes.extend_from_slice(data);
    common::load_and_round_trip(&bytes, "fuzz.json");
});
