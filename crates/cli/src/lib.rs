//! The parts of the command line that other crates call: the workbook reader, which the fuzz
//! targets (`fuzz/`) drive with hostile files; the streaming `match` of a large CSV.

// No input makes the command line panic: no unchecked indexing or byte slicing of text.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]
pub mod sheet;
pub mod stream;
