//! Opening hours and curfews, as typed in a catalogue cell or the curfew field.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(s) = relais_core::schedule::Schedule::parse(&text) {
        let _ = s.to_osm();
        let _ = s.overlap(&s);
    }
});
