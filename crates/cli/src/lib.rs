//! The parts of the command line that other crates call: the workbook reader, which the fuzz
//! targets (`fuzz/`) drive with hostile files.

pub mod sheet;
