//! Workbooks the fuzzer (`scripts/fuzz.sh`, target `workbook`) found crashing or too slow, kept
//! in `tests/fuzz-regressions/workbook/`: each is read, or refused with a sentence, without a
//! panic.

#[test]
fn workbook_fuzz_regressions_do_not_panic() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions/workbook");
    for input in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let bytes = std::fs::read(input.path()).expect("read");
        match relais_workbook::first_sheet(&bytes) {
            Ok(sheet) => assert!(sheet.csv.len() <= bytes.len().saturating_mul(1000)),
            Err(e) => assert!(!e.is_empty(), "{:?}", input.path()),
        }
    }
}
