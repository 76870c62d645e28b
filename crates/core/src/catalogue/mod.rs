//! Loading a catalogue. Loading never fails as a whole: it returns the valid offers and every
//! problem, each with file, line, column and a French sentence saying what to change.

//!
//! One file per job: [`loaded`] (the offers and the problems, `Problem` itself being in `crate::problem`), [`columns`] (the contract's
//! columns and their names), [`decode`] (bytes to text), `cells` (one cell: length limit,
//! formula guard, lists), `csv` and `json` (each input format to rows), `rows` (a row's cells
//! to an [`Offer`], one function per column kind, then what spans rows) and [`export`] (offers
//! back to CSV). [`load`] picks the format; a new input format reads its file into
//! (entry, [(column name, cell)]) records and hands them to `rows::load_records`.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]

pub(crate) mod cells;
pub(crate) mod columns;
mod csv;
pub(crate) mod decode;
pub(crate) mod export;
#[cfg(feature = "readers")]
mod json;
pub(crate) mod loaded;
pub(crate) mod rows;

pub use crate::problem::{Problem, Severity};
pub use cells::{neutralise, unneutralise};
pub use columns::Column;
pub use decode::{decode, decode_reporting, decode_windows_1252, detect_delimiter, Decoded};
pub use export::{cell, to_cells, to_csv};
pub use loaded::Loaded;

use crate::limits::{mb, MAX_FILE_BYTES};
use crate::refdata::RefData;
use decode::line_of;

/// Load a catalogue from a file's bytes: CSV, JSON when it starts with `[` or `{`, LHEO when
/// its root is `<lheo`.
pub fn load(bytes: &[u8], file: &str, refdata: &RefData) -> Loaded {
    load_mapped(bytes, file, refdata, None)
}

/// [`load`], a CSV's columns first turned into Relais columns by a mapping
/// ([`crate::mapping`]); problems name the source file's columns.
pub fn load_mapped(
    bytes: &[u8],
    file: &str,
    refdata: &RefData,
    mapping: Option<&crate::mapping::Mapping>,
) -> Loaded {
    let mut first = Vec::new();
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if bytes.len() > MAX_FILE_BYTES && matches!(start, Some(b'[' | b'{' | b'<')) {
        // A JSON or XML file cut anywhere is no longer JSON or XML: nothing can be read.
        let what = if start == Some(&b'<') {
            "XML (LHEO)"
        } else {
            "JSON"
        };
        return Loaded {
            problems: vec![Problem::error(file, 1, format!(
                "fichier {what} de {}, au-delà de la limite de {} pour un catalogue : un fichier {what} ne se lit pas en partie, rien n'est chargé ; le découper en plusieurs fichiers (chacun sous la limite) et les donner ensemble",
                mb(bytes.len() as u64),
                mb(MAX_FILE_BYTES as u64)
            ))],
            ..Loaded::default()
        };
    }
    let bytes = if bytes.len() > MAX_FILE_BYTES {
        // Keep the whole lines before the limit: the rows there still load.
        let head = bytes.get(..MAX_FILE_BYTES).unwrap_or(bytes);
        let cut = head
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i.saturating_add(1));
        let kept = head.get(..cut).unwrap_or_default();
        let lines = line_of(bytes, cut).saturating_sub(1);
        let message = if lines == 0 {
            format!(
                "fichier de plus de {} (limite de taille d'un catalogue) dont la première ligne dépasse déjà la limite : rien n'est chargé ; ce n'est sans doute pas un catalogue CSV",
                mb(MAX_FILE_BYTES as u64)
            )
        } else {
            format!(
                "fichier de plus de {} (limite de taille d'un catalogue) : seules ses {lines} premières lignes sont lues, la suite n'est pas chargée ; découper le catalogue en plusieurs fichiers",
                mb(MAX_FILE_BYTES as u64)
            )
        };
        first.push(Problem::error(file, lines.saturating_add(1), message));
        kept
    } else {
        bytes
    };
    // A clean UTF-8 file (the usual case) is read in place: a copy would double the memory a
    // large catalogue takes while it loads.
    let plain = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let in_place =
        (!bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF") && !plain.contains(&0))
            .then(|| std::str::from_utf8(plain).ok())
            .flatten();
    let (text, encoding, refused) = match in_place {
        Some(t) => (std::borrow::Cow::Borrowed(t), "UTF-8", false),
        None => {
            let decoded = decode_reporting(bytes, file);
            first.extend(decoded.problems);
            (
                std::borrow::Cow::Owned(decoded.text),
                decoded.encoding,
                decoded.refused,
            )
        }
    };
    let mut loaded = if refused {
        Loaded {
            encoding,
            ..Loaded::default()
        }
    } else {
        let trimmed = text.trim_start();
        #[cfg(feature = "readers")]
        let structured = if crate::lheo::looks_like(trimmed) {
            Some(crate::lheo::load(&text, file, refdata))
        } else if trimmed.starts_with('[') || trimmed.starts_with('{') {
            let mut l = json::load_json(&text, file, refdata);
            l.encoding = encoding;
            Some(l)
        } else {
            None
        };
        // Built without the readers (the browser page, whose worker reads every format): the
        // contract's CSV alone is read here.
        #[cfg(not(feature = "readers"))]
        let structured = matches!(trimmed.chars().next(), Some('<' | '[' | '{')).then(|| Loaded {
            encoding,
            problems: vec![Problem::error(
                file,
                1,
                "fichier JSON ou XML : lu par le lecteur de catalogues seulement, ce programme ne lit que le CSV de Relais",
            )],
            ..Loaded::default()
        });
        if let Some(l) = structured {
            l
        } else if text.contains('\r') {
            // Excel on Windows ends lines with CRLF (and old Mac exports with CR alone): the csv
            // crate then counts one line less per record, so every problem would name the line
            // above. Plain LF keeps the lines of the file as a spreadsheet numbers them.
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            csv::load_csv_text(&text, encoding, file, refdata, mapping)
        } else {
            csv::load_csv_text(&text, encoding, file, refdata, mapping)
        }
    };
    if !first.is_empty() {
        first.append(&mut loaded.problems);
        loaded.problems = first;
        loaded
            .problems
            .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
    }
    loaded
}
