//! What a load returns: the offers and every problem.

use crate::model::Offer;
use crate::problem::{Problem, Severity};

/// A catalogue in use and what loading it reported.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub offers: Vec<Offer>,
    pub problems: Vec<Problem>,
    /// How the file was read, for the report ("UTF-8, séparateur ;").
    pub encoding: &'static str,
    pub delimiter: Option<u8>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.problems.len().saturating_sub(self.errors())
    }
}

/// What the reader found in the file itself (encoding, quotes, keys) together with what a
/// data·inclusion conversion of its entries found: every problem in file order, its offers.
pub(crate) fn with_converted(mut loaded: Loaded, mut converted: Loaded) -> Loaded {
    loaded.problems.append(&mut converted.problems);
    loaded
        .problems
        .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
    loaded.offers = converted.offers;
    loaded
}
