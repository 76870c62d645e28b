//! The view model: plain values the screens show and the reducer keeps (a field's error, the
//! choices of an ambiguous place, the result filters). The bottom layer of the app: it uses
//! only the core, so that `present`, `state` and the components can all use it.

use relais_core::model::OfferType;
use relais_core::places::Reading;

/// A problem with what was typed in a field, shown next to it (rendered in the UI language).
#[derive(Clone, Debug, PartialEq)]
pub enum FieldError {
    UnknownPlace(String),
    /// Several places answer to what was typed (a name, a postal code): the ones to choose from.
    AmbiguousPlace(String, Vec<PlaceChoice>),
    UnknownSector(String),
    /// A département was typed where a commune is asked.
    NotACommune(String),
    /// Several jobs answer to this word: one title per ROME code, as suggestions.
    AmbiguousSector(String, Vec<String>),
}

/// One reading of an ambiguous place, offered as a choice: its code (kept in the profile and
/// in the button's `data-testid`) and how it was read; the page names it in words
/// (`present::place_choice_text`: « Lyon 3e Arrondissement (Rhône) — arrondissement de Lyon,
/// par son code postal »).
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceChoice {
    pub code: String,
    pub reading: Reading,
}

/// Filters on the displayed results (they never change the match itself).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub kind: Option<OfferType>,
    /// A ROME domain letter (`G`).
    pub domain: Option<String>,
}

/// `x` written with `places` decimals and a point (« 12.5 »), for attributes and for sizes
/// said in the page: through integers, so that std's float printer (about 12 KB of wasm) stays
/// out of the page. Not a number is 0.
pub fn decimal(x: f64, places: u32) -> String {
    let scale = 10u64.pow(places.min(9));
    // `as` saturates: NaN is 0, an infinity the largest integer.
    let n = (x.abs() * scale as f64).round() as u64;
    let mut s = String::new();
    if x < 0.0 && n != 0 {
        s.push('-');
    }
    s.push_str(&(n / scale).to_string());
    if scale > 1 {
        let frac = (n % scale).to_string();
        s.push('.');
        for _ in frac.len()..places.min(9) as usize {
            s.push('0');
        }
        s.push_str(&frac);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn decimals_written_with_a_point_and_rounded_half_away_from_zero() {
        for (x, places, written) in [
            (0.0, 1, "0.0"),
            (12.25, 1, "12.3"),
            (12.24, 1, "12.2"),
            (-3.04, 1, "-3.0"),
            (-0.01, 1, "0.0"),
            (100.0, 0, "100"),
            (99.5, 0, "100"),
            (1234.5678, 3, "1234.568"),
            (0.05, 2, "0.05"),
            (29.999, 1, "30.0"),
            (30.0 * 1024.0 * 1024.0 / 1024.0 / 1024.0, 1, "30.0"),
        ] {
            assert_eq!(decimal(x, places), written, "{x}");
        }
        assert_eq!(decimal(f64::NAN, 1), "0.0");
        // The map's coordinates, f32 as the map data gives them.
        assert_eq!(decimal(f64::from(123.45f32), 2), "123.45");
        assert_eq!(decimal(f64::from(437.3f32), 2), "437.30");
    }
}
