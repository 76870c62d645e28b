//! Spreadsheets (XLSX, ODS, XLS) for the command line: the first sheet becomes the CSV text the
//! core reads, so that every check and every message is the same as for a CSV export.
//!
//! Only the command line reads them: calamine weighs about 250 KB (brotli) in the browser
//! bundle, more than the app's whole budget allows (see docs/hosting.md). The browser asks for a
//! CSV export instead.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use std::io::Cursor;

/// Is this file a spreadsheet workbook (by its first bytes, then by its name)?
pub fn is_workbook(bytes: &[u8], file: &str) -> bool {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let ext = file.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    (zip || ole) && ["xlsx", "xlsm", "xls", "ods", "xlsb"].contains(&ext.as_str())
        || (zip && !["csv", "json", "txt"].contains(&ext.as_str()))
}

/// The first sheet of a workbook as `;`-separated CSV text. Cells keep their place: the line
/// and column of a problem are those of the spreadsheet (row 1 is line 1, column A is 1).
pub fn first_sheet_as_csv(bytes: &[u8]) -> Result<String, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("classeur illisible ({e}) : l'enregistrer au format CSV"))?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(format!("première feuille illisible ({e})")),
        None => return Err("le classeur n'a aucune feuille".into()),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    // Empty rows above the data keep the line numbers of the sheet (the reader skips them).
    for _ in 0..first_row {
        w.write_record([""]).map_err(|e| e.to_string())?;
    }
    for row in range.rows() {
        let mut record: Vec<String> = vec![String::new(); first_col as usize];
        record.extend(row.iter().map(cell_text));
        while record.len() > 1 && record.last().is_some_and(|c| c.is_empty()) {
            record.pop();
        }
        w.write_record(&record).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// A cell as the text a CSV export would hold: whole numbers without `.0`, dates as
/// AAAA-MM-JJ, errors as written (`#N/A`) so that the report names them.
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "VRAI" } else { "FAUX" }.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        // ODS dates: `2026-11-01` or `2026-11-01T00:00:00`.
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
    }
}
