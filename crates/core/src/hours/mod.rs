//! Weekly hours beyond the `Schedule` type: reading them as people write them (`read`) and
//! saying them in words (`words`). `crate::schedule` holds the type, overlap and the
//! OpenStreetMap form.

pub(crate) mod read;
pub mod words;

pub use words::Lang;
