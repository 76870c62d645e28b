//! Relais matching core: the model, the reference data, catalogue loading, the rules and the
//! score. Pure Rust with no web dependency: the browser app and the `relais` command line both
//! call it, and it is tested natively.
//!
//! Every input is hostile until read: no byte-index slicing of text and no unchecked indexing
//! in the library (tests may index freely), so that no file can make the core panic.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]
// Without the `readers` feature (the browser page), what only they call is left unused: the
// linker drops it; no warning for it.
#![cfg_attr(
    not(feature = "readers"),
    allow(dead_code, unused_variables, unused_imports)
)]

pub mod appellations;
pub mod catalogue;
pub mod datainclusion;
pub mod date;
pub mod details;
pub mod distructures;
pub mod explain;
pub mod freshness;
pub mod handover;
pub mod hours;
pub mod jsonkeys;
pub mod lang;
#[cfg(feature = "readers")]
pub mod lheo;
pub mod limits;
pub mod mapping;
pub mod markdown;
pub mod matching;
pub mod merge;
pub mod model;
pub mod order;
pub mod places;
pub mod prepared;
mod problem;
pub mod refdata;
pub mod regulated_jobs;
pub mod schedule;
#[cfg(feature = "readers")]
pub mod soliguide;
pub mod synthetic;
pub mod text;
pub mod validation;
mod vocabulary;
#[cfg(feature = "readers")]
pub mod xml;
