//! The limits that protect the page and the command line from a file too big, too wide or built
//! to exhaust memory. One place for all of them: docs/formats.md states them, and every message
//! that reports one names the limit, the value found and what to do.

/// Largest catalogue, profile or data·inclusion file read (bytes). A national data·inclusion
/// export (about 60,000 services, 1.5 KB each in the shape of the real records: about 90 MB)
/// must load; JSON lists are read as a stream (about 3× the file in memory). The browser tab
/// has its own lower limit (`src/components/catalogue.rs`).
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;

/// Rows (offers) read from one catalogue; the rows after it are reported, not loaded. Above a
/// national catalogue (about 60,000 services), below what would exhaust memory.
pub const MAX_ROWS: usize = 100_000;

/// Characters in one cell; a longer cell is cut there and reported.
pub const MAX_CELL_CHARS: usize = 10_000;

/// Columns in one row; the cells after it are ignored and reported.
pub const MAX_COLUMNS: usize = 200;

/// Workbooks (command line): rows of the first sheet read (the header and [`MAX_ROWS`] offers);
/// the cells below are reported, not read.
pub const MAX_SHEET_ROWS: u32 = MAX_ROWS as u32 + 1;

/// Workbooks: cells a sheet may lay out, repeated ODS rows and columns unfolded, or an XLS
/// sheet declare (about 128 MB in the workbook reader).
pub const MAX_SHEET_CELLS: usize = 4_000_000;

/// Workbooks: shared strings declared by `sharedStrings.xml` (`uniqueCount`).
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// Workbooks: the total size of the workbook's parts once inflated (bytes). A zip bomb of half
/// a megabyte inflated to 3.2 GB; a 20,000-offer sheet is about 30 MB of XML (larger catalogues: CSV).
pub const MAX_INFLATED_BYTES: u64 = 100 * 1024 * 1024;

/// Workbooks: parts in the zip (a workbook has a dozen or so).
pub const MAX_ZIP_ENTRIES: usize = 1_000;

/// Years a date may have: outside, the date is a typing mistake (`9999-12-31`).
pub const YEAR_MIN: i32 = 1900;
pub const YEAR_MAX: i32 = 2200;

/// A size for messages: `20 Mo`, or `512 Ko` below a megabyte.
pub fn mb(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} Mo", bytes / (1024 * 1024))
    } else {
        format!("{} Ko", bytes.div_ceil(1024))
    }
}
