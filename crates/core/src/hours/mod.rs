//! Weekly hours beyond the `Schedule` type: reading them as people write them (`read`) and
//! saying them in words (`words`). `crate::schedule` holds the type, overlap and the
//! OpenStreetMap form.

// User text is never sliced by byte index, and nothing is indexed without a check.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

pub(crate) mod read;
pub mod words;
