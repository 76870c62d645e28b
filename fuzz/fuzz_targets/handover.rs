//! The hand-over from the reader's worker to the page (`relais_core::handover`): any bytes
//! decode to an error or to offers, never a panic, never an allocation past what they justify;
//! what decodes encodes again to the same offers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use relais_core::handover;

fuzz_target!(|data: &[u8]| {
    // Two chunks of one job from the same bytes: the second may refer to the first's hours.
    let mut decoder = handover::Decoder::new();
    let first = decoder.chunk(data);
    let _ = decoder.chunk(data);
    if let Ok(chunk) = first {
        let again = handover::encode(&chunk.problems, &chunk.offers);
        let back = handover::decode(&again).expect("what was decoded encodes and decodes");
        assert_eq!(back, chunk);
    }
});
