//! Controlled codes are read whatever their case, accents, `-`, `_` or spaces
//! (`from_code`); the quick comparison it makes holds only for codes of lower-case ASCII words
//! joined by `_`, which this checks for every vocabulary, and the loose reading with it.

use relais_core::matching::{Factor, Rule, WarningKind};
use relais_core::model::{Measure, Milieu, OfferType, RecordRequirement, Situation};
use relais_core::validation::ProfileField;

fn check<T: Copy + PartialEq + std::fmt::Debug>(
    all: &[T],
    code: fn(T) -> &'static str,
    from: fn(&str) -> Option<T>,
) {
    for &v in all {
        let c = code(v);
        assert!(
            c.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{c}"
        );
        let upper = c.to_uppercase();
        let spaced = c.replace('_', " ");
        let dashed = format!(" {} ", c.replace('_', "-").to_uppercase());
        for written in [c, upper.as_str(), spaced.as_str(), dashed.as_str()] {
            assert_eq!(from(written), Some(v), "« {written} »");
        }
        assert_eq!(from(&format!("{c}x")), None);
    }
    assert_eq!(from(""), None);
}

#[test]
fn every_code_is_read_as_written_and_loosely() {
    check(OfferType::ALL, OfferType::code, OfferType::from_code);
    check(Milieu::ALL, Milieu::code, Milieu::from_code);
    check(Measure::ALL, Measure::code, Measure::from_code);
    check(
        RecordRequirement::ALL,
        RecordRequirement::code,
        RecordRequirement::from_code,
    );
    check(Situation::ALL, Situation::code, Situation::from_code);
    check(Rule::ALL, Rule::code, Rule::from_code);
    check(WarningKind::ALL, WarningKind::code, WarningKind::from_code);
    check(Factor::ALL, Factor::code, Factor::from_code);
    check(
        ProfileField::ALL,
        ProfileField::code,
        ProfileField::from_code,
    );
    // Accents folded.
    assert_eq!(
        Measure::from_code("Semi-Liberté"),
        Some(Measure::SemiLiberte)
    );
}
