//! One cell, whatever the format: the length limit, the spreadsheet formula guard, lists.

use crate::limits::MAX_CELL_CHARS;

/// The first character of a cell that makes a spreadsheet read it as a formula (OWASP, CSV
/// injection): `=`, `+`, `-`, `@`, a tab or a carriage return.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Would a spreadsheet run this cell, or is it a cell the export guarded (`'=…`, `''=…`)? The
/// second case keeps the round trip lossless: the reader takes one `'` away.
fn needs_guard(cell: &str) -> bool {
    let quotes = cell
        .len()
        .saturating_sub(cell.trim_start_matches('\'').len());
    cell.get(quotes..)
        .is_some_and(|rest| rest.starts_with(FORMULA_TRIGGERS))
}

/// A cell as the export writes it: `'` before a cell a spreadsheet would run as a formula.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell as it was before [`neutralise`]: one `'` before a formula character taken away.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// A cell within [`MAX_CELL_CHARS`]: `None` when it fits, the cut text otherwise.
pub(crate) fn cut_cell(cell: &str) -> Option<&str> {
    if cell.len() <= MAX_CELL_CHARS {
        // No more characters than bytes: it fits, without counting them.
        return None;
    }
    let (at, _) = cell.char_indices().nth(MAX_CELL_CHARS)?;
    cell.get(..at)
}

pub(crate) fn cell_too_long(len: usize) -> String {
    format!(
        "cellule de {len} octets, au-delà de la limite de {MAX_CELL_CHARS} caractères : coupée à cette limite ; raccourcir le texte"
    )
}

pub(crate) fn split_list(s: &str) -> Vec<String> {
    list_items(s).map(str::to_string).collect()
}

/// The items of a list cell (`,`, `|` or line breaks between them), trimmed, borrowed from it.
pub(crate) fn list_items(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', '|', '\n'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// A JSON value as a catalogue cell: lists joined with `,`.
pub(crate) fn json_cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| x.to_string())
            })
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    }
}
