//! The parts of the command line that other crates call: the streaming `match` of a large
//! CSV. (Workbooks are read by `relais-workbook`, which the page's catalogue reader shares.)

// No input makes the command line panic: no unchecked indexing or byte slicing of text.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]
pub mod stream;
