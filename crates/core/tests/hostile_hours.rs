//! Hours typed with a stray character (issue 10): an error or a partial reading, never a panic,
//! through both readers (the strict one for curfews, the tolerant one for catalogues).

use relais_core::schedule::Schedule;

#[test]
fn hours_with_a_multibyte_character_are_an_error_not_a_panic() {
    for text in [
        "lun 1€-12:00",
        "lun-dim 1€-07:00",
        "€",
        "lun 9h€-12h",
        "1é:00-2:00",
    ] {
        let _ = Schedule::parse(text);
        let _ = Schedule::read(text);
    }
    // What the fuzzer found (scripts/fuzz.sh, target schedule).
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions/schedule");
    for input in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let bytes = std::fs::read(input.path()).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        let _ = Schedule::parse(&text);
        let _ = Schedule::read(&text);
    }
}
