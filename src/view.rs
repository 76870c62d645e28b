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
