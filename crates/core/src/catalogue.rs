//! Loading a catalogue. Loading never fails as a whole: it returns the valid offers and every
//! problem, each with file, line, column and a French sentence saying what to change.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use crate::limits::{mb, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS};
use crate::model::{Measure, Milieu, Offer, OfferType, RecordRequirement};
use crate::refdata::RefData;
use crate::schedule::Schedule;
use crate::text::key;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row, or a value in it, was not used.
    Error,
    /// Used, but worth a look.
    Warning,
}

/// One thing to change in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    /// 1-based line of the CSV (the header is line 1), or entry number in a JSON list.
    pub line: usize,
    /// 1-based column, when the problem is in one cell.
    pub column: Option<usize>,
    /// The column's name as the contract spells it.
    pub field: Option<String>,
    pub severity: Severity,
    pub message: String,
}

/// What the reader found in the file itself (encoding, quotes, keys) together with what a
/// data·inclusion conversion of its entries found: every problem in file order, its offers.
fn with_converted(mut loaded: Loaded, mut converted: Loaded) -> Loaded {
    loaded.problems.append(&mut converted.problems);
    loaded
        .problems
        .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
    loaded.offers = converted.offers;
    loaded
}

impl Problem {
    /// An error on a whole line (no one cell): what most problems outside a row's cells are.
    pub fn line_error(file: &str, line: usize, message: String) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            column: None,
            field: None,
            severity: Severity::Error,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: ",
            self.file,
            self.line,
            self.column.unwrap_or(0)
        )?;
        if self.severity == Severity::Warning {
            write!(f, "attention : ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// A catalogue in use and what loading it reported.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub offers: Vec<Offer>,
    pub problems: Vec<Problem>,
    /// How the file was read, for the report ("UTF-8, séparateur ;").
    pub encoding: &'static str,
    pub delimiter: Option<u8>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.problems.len().saturating_sub(self.errors())
    }
}

/// The columns of FORMATS.md §1, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    Organisation,
    Title,
    Type,
    Milieu,
    Establishments,
    Departements,
    Communes,
    Sectors,
    Skills,
    Measures,
    Schedule,
    Regulated,
    Record,
    Prerequisites,
    Start,
    End,
    Seats,
    Checked,
    ContinuesAs,
    Contact,
    Description,
}

impl Column {
    pub const ALL: [Column; 22] = [
        Column::Id,
        Column::Organisation,
        Column::Title,
        Column::Type,
        Column::Milieu,
        Column::Establishments,
        Column::Departements,
        Column::Communes,
        Column::Sectors,
        Column::Skills,
        Column::Measures,
        Column::Schedule,
        Column::Regulated,
        Column::Record,
        Column::Prerequisites,
        Column::Start,
        Column::End,
        Column::Seats,
        Column::Checked,
        Column::ContinuesAs,
        Column::Contact,
        Column::Description,
    ];

    /// The French name of FORMATS.md.
    pub fn name(self) -> &'static str {
        self.names().first().copied().unwrap_or("")
    }

    /// The French name first, then accepted aliases (English).
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Id => &["id", "identifiant"],
            Column::Organisation => &["organisation", "organization", "structure"],
            Column::Title => &["titre", "title", "nom"],
            Column::Type => &["type"],
            Column::Milieu => &["milieu"],
            Column::Establishments => &["etablissements", "establishments", "etablissement"],
            Column::Departements => &["departements", "departments", "departement"],
            Column::Communes => &["communes", "commune"],
            Column::Sectors => &["secteurs", "sectors", "rome"],
            Column::Skills => &["competences", "skills"],
            Column::Measures => &["mesures", "measures"],
            Column::Schedule => &["horaires", "schedule", "hours"],
            Column::Regulated => &["activites_reglementees", "regulated"],
            Column::Record => &["casier", "record"],
            Column::Prerequisites => &["prerequis", "prerequisites"],
            Column::Start => &["debut", "start"],
            Column::End => &["fin", "end"],
            Column::Seats => &["places", "seats"],
            Column::Checked => &["date_maj", "checked"],
            Column::ContinuesAs => &["suite", "continues_as"],
            Column::Contact => &["contact"],
            Column::Description => &["description"],
        }
    }

    fn from_header(h: &str) -> Option<Column> {
        let k = key(h);
        Column::ALL
            .iter()
            .copied()
            .find(|c| c.names().iter().any(|n| key(n) == k))
    }

    /// Free text that no rule reads: cut at the length limit, the row still loads.
    fn free_text(self) -> bool {
        matches!(
            self,
            Column::Organisation
                | Column::Title
                | Column::Skills
                | Column::Contact
                | Column::Description
        )
    }

    fn required(self) -> bool {
        matches!(
            self,
            Column::Id | Column::Organisation | Column::Title | Column::Type | Column::Milieu
        )
    }
}

/// Decode bytes as UTF-8 (BOM or not), UTF-16 with a BOM, or Windows-1252 (French Excel's
/// default) when the file as a whole is not UTF-8. See [`decode_reporting`] for the rule.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let d = decode_reporting(bytes, "");
    (d.text, d.encoding)
}

/// A file's text and what decoding it found.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Bytes that are not UTF-8 in a UTF-8 file, by line (each replaced by U+FFFD), or why the
    /// file is refused.
    pub problems: Vec<Problem>,
    /// Not text (NUL bytes, UTF-16 without BOM): nothing is read from it.
    pub refused: bool,
}

/// Bad bytes reported one by one, then counted: the report stays readable and bounded.
const MAX_BYTE_REPORTS: usize = 50;

/// Decode a file's bytes, saying what was wrong.
///
/// - UTF-16 LE or BE with its BOM is decoded (a lone surrogate becomes U+FFFD, reported).
/// - NUL bytes (a binary file, or UTF-16 without BOM) are refused with a sentence saying so.
/// - UTF-8 (BOM or not) is the rule. A file with some invalid bytes is still read as UTF-8
///   when it holds more valid multi-byte UTF-8 characters (accents) than invalid sequences:
///   each invalid sequence is reported on its line. Otherwise (a Windows-1252 file has accents
///   but no valid multi-byte sequence) it is read as Windows-1252.
pub fn decode_reporting(bytes: &[u8], file: &str) -> Decoded {
    let problem = |line: usize, message: String| Problem::line_error(file, line, message);
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes, "UTF-16 LE", file);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes, "UTF-16 BE", file);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = line_of(bytes, at);
        let nuls = bytes.iter().filter(|&&b| b == 0).count();
        let utf16 = nuls.saturating_mul(3) >= bytes.len();
        let message = if utf16 {
            format!("le fichier semble encodé en UTF-16 sans marque d'ordre des octets (BOM) ({nuls} octets nuls) : l'enregistrer en « CSV UTF-8 » (Fichier > Enregistrer sous) puis le réimporter ; rien n'est chargé")
        } else {
            format!("le fichier contient {nuls} octet(s) nul(s), le premier ligne {line} : ce n'est pas un fichier texte CSV ou JSON (classeur, image, fichier abîmé ?) ; rien n'est chargé")
        };
        return Decoded {
            text: String::new(),
            encoding: "refusé",
            problems: vec![problem(line, message)],
            refused: true,
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            problems: Vec::new(),
            refused: false,
        };
    }
    // Mostly UTF-8 with a few bad bytes, or Windows-1252?
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte = valid_multibyte.saturating_add(non_ascii(s));
                rest = &[];
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                let good = std::str::from_utf8(good).map_or(0, non_ascii);
                valid_multibyte = valid_multibyte.saturating_add(good);
                invalid = invalid.saturating_add(1);
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = bad.get(skip..).unwrap_or(&[]);
            }
        }
    }
    if valid_multibyte <= invalid {
        return Decoded {
            text: decode_windows_1252(bytes),
            encoding: "Windows-1252",
            problems: Vec::new(),
            refused: false,
        };
    }
    let mut text = String::with_capacity(bytes.len());
    let mut problems = Vec::new();
    let mut rest = bytes;
    let mut offset = 0usize;
    let mut reported = 0usize;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                rest = &[];
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(good).unwrap_or_default());
                text.push('\u{fffd}');
                let at = offset.saturating_add(good.len());
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                if reported < MAX_BYTE_REPORTS {
                    let shown: Vec<String> = bad
                        .iter()
                        .take(skip.min(4))
                        .map(|b| format!("0x{b:02X}"))
                        .collect();
                    problems.push(problem(line_of(bytes, at), format!(
                        "octet(s) {} invalide(s) en UTF-8, remplacé(s) par « \u{fffd} » : corriger ce caractère, ou réenregistrer le fichier en « CSV UTF-8 »",
                        shown.join(" ")
                    )));
                }
                reported = reported.saturating_add(1);
                offset = at.saturating_add(skip);
                rest = bad.get(skip..).unwrap_or(&[]);
            }
        }
    }
    if reported > MAX_BYTE_REPORTS {
        problems.push(problem(
            1,
            format!(
                "et {} autre(s) octet(s) invalide(s) en UTF-8, non détaillé(s)",
                reported.saturating_sub(MAX_BYTE_REPORTS)
            ),
        ));
    }
    Decoded {
        text,
        encoding: "UTF-8 (octets invalides remplacés)",
        problems,
        refused: false,
    }
}

/// The 1-based line of a byte offset (lines end with LF, CRLF or CR alone).
fn line_of(bytes: &[u8], at: usize) -> usize {
    let before = bytes.get(..at).unwrap_or(bytes);
    let mut ends = 0usize;
    let mut prev_cr = false;
    for &b in before {
        if b == b'\n' && !prev_cr || b == b'\r' {
            ends = ends.saturating_add(1);
        }
        prev_cr = b == b'\r';
    }
    ends.saturating_add(1)
}

fn decode_utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    encoding: &'static str,
    file: &str,
) -> Decoded {
    let problem = |message: String| Problem {
        file: file.to_string(),
        line: 1,
        column: None,
        field: None,
        severity: Severity::Error,
        message,
    };
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        // An odd last byte is not a character: a lone surrogate stands for it.
        _ => 0xDC00,
    });
    let mut text = String::with_capacity(bytes.len());
    let mut bad = 0usize;
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or_else(|_| {
            bad = bad.saturating_add(1);
            '\u{fffd}'
        }));
    }
    let mut problems = Vec::new();
    if bad > 0 {
        problems.push(problem(format!(
            "{bad} caractère(s) UTF-16 invalide(s), remplacé(s) par « \u{fffd} »"
        )));
    }
    if text.contains('\0') {
        problems.push(problem("le fichier contient des caractères nuls : ce n'est pas un fichier texte CSV ou JSON ; rien n'est chargé".into()));
        return Decoded {
            text: String::new(),
            encoding,
            problems,
            refused: true,
        };
    }
    Decoded {
        text,
        encoding,
        problems,
        refused: false,
    }
}

/// Windows-1252: Latin-1 but for 0x80–0x9F, which hold €, œ, Œ, typographic quotes and
/// dashes. Written out because encoding_rs links every encoding's tables (160 KB in the browser
/// bundle) for this one use; a test checks all 256 bytes against encoding_rs.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH
                .get(usize::from(b).saturating_sub(0x80))
                .copied()
                .unwrap_or('\u{fffd}'),
            _ => b as char,
        })
        .collect()
}

/// `;` or `,`: whichever appears more in the header line, outside quotes.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut semi, mut comma, mut quoted) = (0u32, 0u32, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi = semi.saturating_add(1),
            ',' if !quoted => comma = comma.saturating_add(1),
            _ => {}
        }
    }
    if semi > comma {
        b';'
    } else {
        b','
    }
}

/// Load a catalogue from a file's bytes: CSV, or JSON when it starts with `[` or `{`.
pub fn load(bytes: &[u8], file: &str, refdata: &RefData) -> Loaded {
    let mut first = Vec::new();
    let bytes = if bytes.len() > MAX_FILE_BYTES {
        // Keep the whole lines before the limit: the rows there still load.
        let head = bytes.get(..MAX_FILE_BYTES).unwrap_or(bytes);
        let cut = head
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i.saturating_add(1));
        let kept = head.get(..cut).unwrap_or_default();
        let lines = line_of(bytes, cut).saturating_sub(1);
        first.push(Problem {
            file: file.to_string(),
            line: lines.saturating_add(1),
            column: None,
            field: None,
            severity: Severity::Error,
            message: format!(
                "fichier de plus de {} (limite de taille d'un catalogue) : seules ses {lines} premières lignes sont lues, la suite n'est pas chargée ; découper le catalogue en plusieurs fichiers",
                mb(MAX_FILE_BYTES as u64)
            ),
        });
        kept
    } else {
        bytes
    };
    let decoded = decode_reporting(bytes, file);
    first.extend(decoded.problems);
    let encoding = decoded.encoding;
    let mut loaded = if decoded.refused {
        Loaded {
            encoding,
            ..Loaded::default()
        }
    } else {
        let text = decoded.text;
        let trimmed = text.trim_start();
        if crate::lheo::looks_like(trimmed) {
            crate::lheo::load(&text, file, refdata)
        } else if trimmed.starts_with('[') || trimmed.starts_with('{') {
            let mut l = load_json(trimmed, file, refdata);
            l.encoding = encoding;
            l
        } else if text.contains('\r') {
            // Excel on Windows ends lines with CRLF (and old Mac exports with CR alone): the csv
            // crate then counts one line less per record, so every problem would name the line
            // above. Plain LF keeps the lines of the file as a spreadsheet numbers them.
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            load_csv_text(&text, encoding, file, refdata)
        } else {
            load_csv_text(&text, encoding, file, refdata)
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
fn cut_cell(cell: &str) -> Option<&str> {
    let (at, _) = cell.char_indices().nth(MAX_CELL_CHARS)?;
    cell.get(..at)
}

fn cell_too_long(len: usize) -> String {
    format!(
        "cellule de {len} octets, au-delà de la limite de {MAX_CELL_CHARS} caractères : coupée à cette limite ; raccourcir le texte"
    )
}

/// The line where a quoted cell opens and never closes before the end of `text` (LF lines),
/// following the csv crate: a `"` opens a quoted cell only at the start of a cell, `""` inside
/// is a quote.
fn unclosed_quote(text: &str, delimiter: char) -> Option<usize> {
    let (mut line, mut open, mut quoted, mut cell_start) = (1usize, 0usize, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => quoted = false,
                '\n' => line = line.saturating_add(1),
                _ => {}
            }
        } else {
            match c {
                '"' if cell_start => {
                    quoted = true;
                    open = line;
                    cell_start = false;
                }
                '\n' => {
                    line = line.saturating_add(1);
                    cell_start = true;
                }
                c if c == delimiter => cell_start = true,
                _ => cell_start = false,
            }
        }
    }
    quoted.then_some(open)
}

/// How many unclosed quotes are mended by dropping their line before the rest is dropped: each
/// mend reads the file again.
const MAX_QUOTE_MENDS: usize = 20;

/// An unclosed quote would swallow every following row into one cell, silently. Its line is
/// reported and emptied (the row is not loaded), and the rows after it are read without it.
fn mend_unclosed_quotes(text: &str, delimiter: u8, file: &str) -> (String, Vec<Problem>) {
    let mut text = text.to_string();
    let mut problems = Vec::new();
    let last = text.lines().count();
    for mend in 0..=MAX_QUOTE_MENDS {
        let Some(open) = unclosed_quote(&text, char::from(delimiter)) else {
            break;
        };
        let swallowed = if open < last {
            format!(
                "il avalerait les lignes {} à {last} dans une seule cellule",
                open.saturating_add(1)
            )
        } else {
            "il avalerait la fin du fichier".to_string()
        };
        let lines: Vec<&str> = text.split('\n').collect();
        let (message, keep) = if mend < MAX_QUOTE_MENDS {
            (format!("guillemet ouvert ligne {open} et jamais refermé : {swallowed} ; cette ligne n'est pas chargée (refermer le guillemet ou le doubler \"\"), les lignes suivantes sont lues sans elle"), lines.len())
        } else {
            (format!("guillemet ouvert ligne {open} et jamais refermé : {swallowed} ; trop de guillemets non refermés, les lignes {open} à {last} ne sont pas chargées"), open.saturating_sub(1))
        };
        problems.push(Problem {
            file: file.to_string(),
            line: open,
            column: None,
            field: None,
            severity: Severity::Error,
            message,
        });
        // An emptied line keeps the numbering of the lines after it; empty lines are skipped.
        text = lines
            .iter()
            .take(keep)
            .enumerate()
            .map(|(i, l)| if i.saturating_add(1) == open { "" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
    }
    (text, problems)
}

fn load_csv_text(text: &str, encoding: &'static str, file: &str, refdata: &RefData) -> Loaded {
    let delimiter = detect_delimiter(text);
    let mut loaded = Loaded {
        encoding,
        delimiter: Some(delimiter),
        ..Loaded::default()
    };
    let (text, mut mended) = mend_unclosed_quotes(text, delimiter, file);
    loaded.problems.append(&mut mended);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let problem =
        |line: usize, column: Option<usize>, field: Option<&str>, severity, message: String| {
            Problem {
                file: file.to_string(),
                line,
                column,
                field: field.map(str::to_string),
                severity,
                message,
            }
        };
    let header = loop {
        match records.next() {
            None => {
                loaded.problems.push(problem(1, None, None, Severity::Error, "le fichier est vide : la première ligne doit donner les noms des colonnes (id, organisation, titre, type, milieu…)".into()));
                return loaded;
            }
            Some(Err(e)) => {
                loaded.problems.push(problem(
                    1,
                    None,
                    None,
                    Severity::Error,
                    format!("ligne d'en-tête illisible ({e})"),
                ));
                return loaded;
            }
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let header_line = header.position().map_or(1, |p| p.line() as usize);
    if header.len() > MAX_COLUMNS {
        loaded.problems.push(problem(
            header_line,
            Some(MAX_COLUMNS.saturating_add(1)),
            None,
            Severity::Error,
            format!(
                "{} colonnes, au-delà de la limite de {MAX_COLUMNS} : les colonnes après la {MAX_COLUMNS}e ne sont pas lues",
                header.len()
            ),
        ));
    }
    let header: Vec<String> = header
        .iter()
        .take(MAX_COLUMNS)
        .map(|h| {
            let h = unneutralise(h);
            cut_cell(h).unwrap_or(h).trim().to_string()
        })
        .collect();
    // The data rows, each as (line, cells), within the limits; what is past them is reported.
    let mut rows_read = 0usize;
    let mut past_limit: Option<(usize, usize, usize)> = None;
    // (line, cells, indexes of the cells cut at the length limit)
    let mut data: Vec<(usize, Vec<String>, Vec<usize>)> = Vec::new();
    for rec in records {
        match rec {
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                loaded.problems.push(problem(
                    line,
                    None,
                    None,
                    Severity::Error,
                    format!("ligne illisible ({e}) : vérifier les guillemets"),
                ));
            }
            Ok(r) => {
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = r.position().map_or(0, |p| p.line() as usize);
                if rows_read >= MAX_ROWS {
                    // Counted, not kept: memory stays bounded by the limit.
                    let (first, last, n) = past_limit.get_or_insert((line, line, 0));
                    *n = n.saturating_add(1);
                    *last = line.max(*first);
                    continue;
                }
                rows_read = rows_read.saturating_add(1);
                if r.len() > MAX_COLUMNS && r.iter().skip(MAX_COLUMNS).any(|c| !c.trim().is_empty())
                {
                    loaded.problems.push(problem(
                        line,
                        Some(MAX_COLUMNS.saturating_add(1)),
                        None,
                        Severity::Warning,
                        format!("valeurs au-delà de la {MAX_COLUMNS}e colonne (limite) : ignorées"),
                    ));
                }
                let mut cells = Vec::new();
                let mut cut = Vec::new();
                for (i, c) in r.iter().take(MAX_COLUMNS).enumerate() {
                    let c = unneutralise(c);
                    match cut_cell(c) {
                        Some(short) => {
                            cut.push(i);
                            loaded.problems.push(problem(
                                line,
                                Some(i.saturating_add(1)),
                                header.get(i).map(String::as_str),
                                Severity::Error,
                                cell_too_long(c.len()),
                            ));
                            cells.push(short.to_string());
                        }
                        None => cells.push(c.to_string()),
                    }
                }
                data.push((line, cells, cut));
            }
        }
    }
    if let Some((first, last, n)) = past_limit {
        loaded.problems.push(problem(first, None, None, Severity::Error, format!(
            "{n} ligne(s) de plus que la limite de {MAX_ROWS} offres par fichier : les lignes {first} à {last} ne sont pas chargées ; découper le catalogue en plusieurs fichiers"
        )));
    }
    let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    if crate::datainclusion::header_looks_like(&keys) {
        // A data·inclusion services export as CSV: rows become service objects.
        let list: Vec<serde_json::Value> = data
            .iter()
            .map(|(_, r, _)| {
                let mut o = serde_json::Map::new();
                for (n, v) in header.iter().zip(r.iter()) {
                    let v = v.trim();
                    let value = if [
                        "zone_eligibilite",
                        "thematiques",
                        "publics",
                        "modes_accueil",
                    ]
                    .contains(&n.as_str())
                    {
                        serde_json::Value::Array(
                            split_list(v)
                                .into_iter()
                                .map(serde_json::Value::String)
                                .collect(),
                        )
                    } else {
                        serde_json::Value::String(v.to_string())
                    };
                    o.insert(n.clone(), value);
                }
                serde_json::Value::Object(o)
            })
            .collect();
        let mut l = crate::datainclusion::load_services(&list, file, refdata);
        // Entry numbers become the CSV lines of their rows.
        let line_of_entry = |n: usize| {
            n.checked_sub(1)
                .and_then(|i| data.get(i))
                .map_or(n, |d| d.0)
        };
        for p in &mut l.problems {
            let summary = p.line == 1
                && matches!(
                    p.field.as_deref(),
                    Some("milieu" | crate::datainclusion::REPORT_FIELD)
                );
            if p.line > 0 && !summary {
                p.line = line_of_entry(p.line);
            }
        }
        for o in &mut l.offers {
            o.line = line_of_entry(o.line);
        }
        return with_converted(loaded, l);
    }
    // Map each header cell to a contract column, or keep it as an extra column.
    let mut columns: Vec<Option<Column>> = Vec::new();
    let mut seen: HashSet<Column> = HashSet::new();
    for (i, h) in header.iter().enumerate() {
        let col = Some(i.saturating_add(1));
        match Column::from_header(h) {
            Some(c) if seen.insert(c) => columns.push(Some(c)),
            Some(c) => {
                loaded.problems.push(problem(
                    header_line,
                    col,
                    Some(c.name()),
                    Severity::Warning,
                    format!("la colonne « {h} » apparaît deux fois : seule la première est lue"),
                ));
                columns.push(None);
            }
            None => {
                if !h.is_empty() && !crate::details::is_known(h) {
                    loaded.problems.push(problem(header_line, col, Some(h), Severity::Warning, format!("colonne inconnue « {h} » : elle est gardée telle quelle mais n'est pas utilisée pour le classement")));
                }
                columns.push(None);
            }
        }
    }
    let missing: Vec<&str> = Column::ALL
        .iter()
        .filter(|c| c.required() && !seen.contains(c))
        .map(|c| c.name())
        .collect();
    if !missing.is_empty() {
        loaded.problems.push(problem(header_line, None, None, Severity::Error, format!(
            "colonne(s) obligatoire(s) absente(s) : {} ; la première ligne doit nommer les colonnes (séparateur détecté : « {} »)",
            missing.join(", "),
            delimiter as char
        )));
        loaded
            .problems
            .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
        return loaded;
    }
    let mut rows = Vec::new();
    for (line, r, cut) in data {
        let mut cells = Vec::new();
        let mut extra = BTreeMap::new();
        let mut rejects = Vec::new();
        for (i, value) in r.into_iter().enumerate() {
            let col = i.saturating_add(1);
            match columns.get(i).copied().flatten() {
                Some(c) => {
                    // A cut value of a contract column could read as something else: the
                    // row is not loaded (the cut was reported above).
                    if cut.contains(&i) && !c.free_text() {
                        rejects.push((col, c));
                    }
                    cells.push((c, col, value));
                }
                None => {
                    if let Some(n) = header.get(i).filter(|n| !n.is_empty()) {
                        if !value.trim().is_empty() {
                            extra.insert(n.clone(), value);
                        }
                    } else if !value.trim().is_empty() {
                        loaded.problems.push(problem(
                            line,
                            Some(col),
                            None,
                            Severity::Warning,
                            format!(
                                "valeur « {} » hors des colonnes nommées : ignorée",
                                value.trim()
                            ),
                        ));
                    }
                }
            }
        }
        rows.push(RawRow {
            line,
            cells,
            extra,
            rejects,
        });
    }
    finish(rows, file, refdata, &mut loaded);
    loaded
}

fn load_json(text: &str, file: &str, refdata: &RefData) -> Loaded {
    let mut loaded = Loaded {
        encoding: "UTF-8",
        ..Loaded::default()
    };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            loaded.problems.push(Problem {
                file: file.into(),
                line: e.line(),
                column: Some(e.column()),
                field: None,
                severity: Severity::Error,
                message: format!("JSON illisible : {e}"),
            });
            return loaded;
        }
    };
    // data·inclusion services in several lists of one object (`{"lille": […], "auteuil": […]}`).
    let services: Option<Vec<serde_json::Value>> = match &value {
        serde_json::Value::Object(o)
            if !["offres", "offers", "catalogue"]
                .iter()
                .any(|k| o.contains_key(*k)) =>
        {
            crate::datainclusion::lists_in_object(o)
        }
        _ => None,
    };
    let list = match &value {
        _ if services.is_some() => services.as_deref().unwrap_or_default(),
        serde_json::Value::Array(a) => a.as_slice(),
        serde_json::Value::Object(o) => match ["offres", "offers", "catalogue"]
            .iter()
            .find_map(|k| o.get(*k))
        {
            Some(serde_json::Value::Array(a)) => a.as_slice(),
            _ => {
                loaded.problems.push(Problem { file: file.into(), line: 1, column: None, field: None, severity: Severity::Error, message: "le JSON doit être une liste d'offres, ou un objet avec une liste « offres »".into() });
                return loaded;
            }
        },
        _ => &[],
    };
    // Duplicate keys: serde_json kept the last value in silence. The entry is not loaded: which
    // of the two values was meant cannot be known, and one may be a restriction.
    let mut skip = HashSet::new();
    for d in crate::jsonkeys::duplicate_keys(text) {
        let (line, tail) = match d.entry {
            Some(n) => {
                skip.insert(n);
                (n, " ; cette entrée n'est pas chargée")
            }
            None => (1, ""),
        };
        loaded.problems.push(Problem {
            file: file.into(),
            line,
            column: None,
            field: Some(d.key.clone()),
            severity: Severity::Error,
            message: format!("{}{tail}", crate::jsonkeys::describe(&d)),
        });
    }
    if list.len() > MAX_ROWS {
        loaded.problems.push(Problem {
            file: file.into(),
            line: MAX_ROWS.saturating_add(1),
            column: None,
            field: None,
            severity: Severity::Error,
            message: format!(
                "{} entrées, au-delà de la limite de {MAX_ROWS} offres par fichier : les entrées {} à {} ne sont pas chargées ; découper le catalogue en plusieurs fichiers",
                list.len(),
                MAX_ROWS.saturating_add(1),
                list.len()
            ),
        });
    }
    let list = list.get(..MAX_ROWS).unwrap_or(list);
    if crate::distructures::looks_like(list) {
        loaded.problems.push(Problem::line_error(file, 1, format!(
            "fichier de structures data·inclusion ({} structures) et non de services : aucune offre ; le donner avec le fichier de services (relais … --catalogue SERVICES --structures {file}) pour nommer leurs organisations",
            list.len()
        )));
        return loaded;
    }
    if crate::datainclusion::looks_like(list) {
        let l = crate::datainclusion::load_services_skipping(list, &skip, file, refdata);
        return with_converted(loaded, l);
    }
    if crate::soliguide::looks_like(list) {
        let mut c = crate::soliguide::records(list, &skip, file, refdata);
        let mut l = load_records(c.records, file, refdata);
        l.problems.append(&mut c.problems);
        for o in &mut l.offers {
            if let Some(code) = c.communes.remove(&o.line) {
                o.communes = vec![code];
            }
        }
        return with_converted(loaded, l);
    }
    let mut records = Vec::new();
    for (n, item) in list.iter().enumerate() {
        let line = n.saturating_add(1);
        if skip.contains(&line) {
            continue;
        }
        let Some(obj) = item.as_object() else {
            loaded.problems.push(Problem {
                file: file.into(),
                line,
                column: None,
                field: None,
                severity: Severity::Error,
                message: format!("l'entrée n°{line} n'est pas un objet"),
            });
            continue;
        };
        records.push((
            line,
            obj.iter().map(|(k, v)| (k.clone(), json_cell(v))).collect(),
        ));
    }
    let mut rest = load_records(records, file, refdata);
    loaded.problems.append(&mut rest.problems);
    loaded
        .problems
        .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
    loaded.offers = rest.offers;
    loaded
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

/// Load offers given as (entry number, [(column name, cell)]): the path shared by JSON and
/// data·inclusion imports, with the same checks as the CSV.
pub(crate) fn load_records(
    records: Vec<(usize, Vec<(String, String)>)>,
    file: &str,
    refdata: &RefData,
) -> Loaded {
    let mut loaded = Loaded {
        encoding: "UTF-8",
        ..Loaded::default()
    };
    let mut rows = Vec::new();
    // Keys repeat from entry to entry: each is matched against the column names once.
    let mut columns: HashMap<String, Option<Column>> = HashMap::new();
    for (line, fields) in records {
        let mut cells = Vec::new();
        let mut extra = BTreeMap::new();
        let mut rejects = Vec::new();
        for (k, mut text) in fields {
            let column = match columns.get(&k) {
                Some(c) => *c,
                None => {
                    let c = Column::from_header(&k);
                    columns.insert(k.clone(), c);
                    c
                }
            };
            if let Some(short) = cut_cell(&text) {
                let short = short.to_string();
                loaded.problems.push(Problem {
                    file: file.into(),
                    line,
                    column: None,
                    field: Some(k.clone()),
                    severity: Severity::Error,
                    message: cell_too_long(text.len()),
                });
                if let Some(c) = column.filter(|c| !c.free_text()) {
                    rejects.push((0, c));
                }
                text = short;
            }
            match column {
                Some(c) => cells.push((c, 0, text)),
                None => {
                    extra.insert(k, text);
                }
            }
        }
        rows.push(RawRow {
            line,
            cells,
            extra,
            rejects,
        });
    }
    finish(rows, file, refdata, &mut loaded);
    loaded
}

struct RawRow {
    line: usize,
    /// Column, 1-based position in the file (0 in JSON), raw value.
    cells: Vec<(Column, usize, String)>,
    extra: BTreeMap<String, String>,
    /// Cells of contract columns cut at the length limit (position, column): the row is not
    /// loaded, its values could read as something else.
    rejects: Vec<(usize, Column)>,
}

/// Parse each row, then check what spans rows (duplicate ids, `suite` links).
/// Commune names (folded) → code, `None` when several communes share the name.
type CommuneNames = HashMap<String, Option<String>>;

/// A commune written as a code or a name. `RefData::resolve_commune` compares a name with every
/// commune (35,000): a file of a few thousand unknown names took minutes (found by the
/// fuzzer). Codes go to RefData; names to an index built once per load, at the first name.
// TODO(issue 10): move the index into RefData with the places branch.
fn resolve_commune(
    refdata: &RefData,
    names: &mut Option<CommuneNames>,
    written: &str,
) -> Option<String> {
    let w = written.trim();
    if refdata.communes.is_empty() {
        return refdata.resolve_commune(w);
    }
    let upper = w.to_uppercase();
    let padded = if upper.len() == 4 && upper.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{upper}")
    } else {
        upper
    };
    if refdata.commune(&padded).is_some() {
        return Some(padded);
    }
    let index = names.get_or_insert_with(|| {
        let mut index = CommuneNames::new();
        for c in &refdata.communes {
            index
                .entry(crate::text::fold(&c.nom))
                .and_modify(|e| *e = None)
                .or_insert_with(|| Some(c.code.clone()));
        }
        index
    });
    index.get(&crate::text::fold(w)).cloned().flatten()
}

fn finish(rows: Vec<RawRow>, file: &str, refdata: &RefData, loaded: &mut Loaded) {
    let mut commune_names = None;
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut suite_cols: Vec<usize> = Vec::new();
    for row in rows {
        let mut p = RowParser {
            commune_names: &mut commune_names,
            file,
            line: row.line,
            refdata,
            problems: Vec::new(),
            rejected: false,
        };
        for &(col, c) in &row.rejects {
            p.reject(
                col,
                c,
                format!("valeur de « {} » trop longue (coupée)", c.name()),
            );
        }
        let offer = p.offer(&row);
        loaded.problems.append(&mut p.problems);
        if let Some(o) = offer {
            if let Some(first) = ids.get(&o.id) {
                let col = row.cells.iter().find(|c| c.0 == Column::Id).map(|c| c.1);
                loaded.problems.push(Problem {
                    file: file.into(),
                    line: row.line,
                    column: col.filter(|&c| c > 0),
                    field: Some("id".into()),
                    severity: Severity::Error,
                    message: format!("identifiant « {} » déjà utilisé ligne {first} : chaque offre doit avoir un id unique ; cette ligne n'est pas chargée", o.id),
                });
                continue;
            }
            ids.insert(o.id.clone(), row.line);
            suite_cols.push(
                row.cells
                    .iter()
                    .find(|c| c.0 == Column::ContinuesAs)
                    .map_or(0, |c| c.1),
            );
            loaded.offers.push(o);
        }
    }
    for (o, col) in loaded.offers.iter_mut().zip(suite_cols) {
        let mut kept = Vec::new();
        for s in std::mem::take(&mut o.continues_as) {
            if ids.contains_key(&s) && s != o.id {
                kept.push(s);
            } else {
                loaded.problems.push(Problem {
                    file: file.into(),
                    line: o.line,
                    column: (col > 0).then_some(col),
                    field: Some("suite".into()),
                    severity: Severity::Error,
                    message: if s == o.id {
                        format!("la suite « {s} » est l'offre elle-même : indiquer l'id de l'offre qui la continue dehors")
                    } else {
                        format!("la suite « {s} » ne correspond à aucune offre du fichier : corriger l'id ou ajouter cette offre")
                    },
                });
            }
        }
        o.continues_as = kept;
    }
    loaded
        .problems
        .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
}

struct RowParser<'a> {
    file: &'a str,
    line: usize,
    refdata: &'a RefData,
    commune_names: &'a mut Option<CommuneNames>,
    problems: Vec<Problem>,
    /// A value the rules depend on is wrong: using the row could let an offer fit wrongly.
    rejected: bool,
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', '|', '\n'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

impl RowParser<'_> {
    fn report(&mut self, col: usize, c: Column, severity: Severity, message: String) {
        self.problems.push(Problem {
            file: self.file.into(),
            line: self.line,
            column: (col > 0).then_some(col),
            field: Some(c.name().into()),
            severity,
            message,
        });
    }

    /// An error that makes the whole row unusable.
    fn reject(&mut self, col: usize, c: Column, message: String) {
        self.rejected = true;
        self.report(
            col,
            c,
            Severity::Error,
            format!("{message} ; cette ligne n'est pas chargée"),
        );
    }

    fn offer(&mut self, row: &RawRow) -> Option<Offer> {
        let get = |c: Column| {
            row.cells
                .iter()
                .find(|x| x.0 == c)
                .map(|x| (x.1, x.2.trim().to_string()))
        };
        let required = |p: &mut Self, c: Column| -> (usize, String) {
            match get(c) {
                Some((col, v)) if !v.is_empty() => (col, v),
                other => {
                    let col = other.map_or(0, |o| o.0);
                    p.reject(
                        col,
                        c,
                        format!("la colonne « {} » est obligatoire et vide", c.name()),
                    );
                    (col, String::new())
                }
            }
        };
        let (_, id) = required(self, Column::Id);
        let (_, organisation) = required(self, Column::Organisation);
        let (_, title) = required(self, Column::Title);
        let (type_col, type_text) = required(self, Column::Type);
        let (milieu_col, milieu_text) = required(self, Column::Milieu);
        if id.chars().any(char::is_whitespace) {
            self.report(
                0,
                Column::Id,
                Severity::Warning,
                format!(
                    "l'id « {id} » contient des espaces : préférer des tirets (cafe-fleury-aci)"
                ),
            );
        }
        let kind = if type_text.is_empty() {
            None
        } else {
            let k = OfferType::from_code(&type_text);
            if k.is_none() {
                self.reject(
                    type_col,
                    Column::Type,
                    format!(
                        "type inconnu « {type_text} » : écrire l'un de {}",
                        OfferType::codes()
                    ),
                );
            }
            k
        };
        let milieu = if milieu_text.is_empty() {
            None
        } else {
            let m = Milieu::from_code(&milieu_text).or_else(|| {
                match crate::text::key(&milieu_text).as_str() {
                    "milieuferme" | "detention" | "interieur" => Some(Milieu::Dedans),
                    "milieuouvert" | "exterieur" => Some(Milieu::Dehors),
                    "lesdeux" | "dedansetdehors" => Some(Milieu::DedansDehors),
                    _ => None,
                }
            });
            if m.is_none() {
                self.reject(
                    milieu_col,
                    Column::Milieu,
                    format!(
                        "milieu inconnu « {milieu_text} » : écrire dedans, dehors ou dedans_dehors"
                    ),
                );
            }
            m
        };

        let mut establishments = Vec::new();
        if let Some((col, v)) = get(Column::Establishments) {
            for e in split_list(&v) {
                match self.refdata.resolve_establishment(&e) {
                    Some(est) => establishments.push(est.id.clone()),
                    None => self.report(col, Column::Establishments, Severity::Error, format!("établissement inconnu « {e} » : utiliser l'id de data/etablissements.csv (par exemple fleury-merogis)")),
                }
            }
        }
        let mut departements = Vec::new();
        let mut anywhere = false;
        if let Some((col, v)) = get(Column::Departements) {
            for d in split_list(&v) {
                if d == "*" {
                    anywhere = true;
                    continue;
                }
                match self.refdata.resolve_departement(&d) {
                    Some(code) => departements.push(code),
                    None => self.report(col, Column::Departements, Severity::Error, format!("département inconnu « {d} » : écrire son code INSEE (44, 2A, 974) ou * pour partout / à distance")),
                }
            }
        }
        let mut communes = Vec::new();
        if let Some((col, v)) = get(Column::Communes) {
            for c in split_list(&v) {
                match resolve_commune(self.refdata, self.commune_names, &c) {
                    Some(code) => {
                        if let Some(note) = self.refdata.commune_code_note(&code) {
                            self.report(col, Column::Communes, Severity::Warning, note);
                        }
                        let d = self.refdata.departement_code_of(&code);
                        if !anywhere && !departements.is_empty() && !departements.contains(&d) {
                            self.report(col, Column::Communes, Severity::Warning, format!("la commune {code} est dans le département {d}, absent de la colonne departements : il y est ajouté"));
                            departements.push(d);
                        }
                        communes.push(code);
                    }
                    None => self.report(col, Column::Communes, Severity::Error, format!("commune inconnue « {c} » : écrire son code INSEE à 5 caractères (93008 pour Bobigny), pas le code postal{}", self.refdata.commune_hint(&c))),
                }
            }
        }
        if let Some(m) = milieu {
            if m.inside() && establishments.is_empty() {
                let col = get(Column::Establishments).map_or(0, |x| x.0);
                self.reject(col, Column::Establishments, format!("une offre « {} » doit nommer au moins un établissement reconnu (colonne etablissements)", m.code()));
            }
            if m.outside() && departements.is_empty() && !anywhere {
                let col = get(Column::Departements).map_or(0, |x| x.0);
                self.reject(col, Column::Departements, format!("une offre « {} » doit nommer au moins un département reconnu, ou * (colonne departements)", m.code()));
            }
        }
        let mut sectors = Vec::new();
        if let Some((col, v)) = get(Column::Sectors) {
            for s in split_list(&v) {
                let code = s.to_uppercase().replace(' ', "");
                if self.refdata.rome_known(&code) {
                    sectors.push(code);
                } else {
                    self.report(col, Column::Sectors, Severity::Error, format!("code ROME inconnu « {s} » : écrire un code (G1803) ou son début (G18, N)"));
                }
            }
        }
        let skills = get(Column::Skills)
            .map(|(_, v)| split_list(&v))
            .unwrap_or_default();
        let mut measures = Vec::new();
        if let Some((col, v)) = get(Column::Measures) {
            for m in split_list(&v) {
                match Measure::from_code(&m) {
                    Some(x) => measures.push(x),
                    None => self.reject(
                        col,
                        Column::Measures,
                        format!(
                            "mesure inconnue « {m} » : écrire l'une de {}",
                            Measure::codes()
                        ),
                    ),
                }
            }
        }
        let (schedule_text, schedule) = match get(Column::Schedule) {
            Some((col, v)) if !v.is_empty() => {
                let s = Schedule::read(&v);
                for (severity, message) in s.problems(&v) {
                    self.report(col, Column::Schedule, severity, message);
                }
                (v, Some(s))
            }
            _ => (String::new(), None),
        };
        let mut regulated = Vec::new();
        if let Some((col, v)) = get(Column::Regulated) {
            for a in split_list(&v) {
                let code = crate::text::fold(&a).replace([' ', '-'], "_");
                if self.refdata.term("activite", &code).is_none() {
                    self.report(col, Column::Regulated, Severity::Warning, format!("activité réglementée « {a} » absente du vocabulaire : elle est gardée et comparée telle quelle aux interdictions d'exercer"));
                }
                regulated.push(code);
            }
        }
        let record = match get(Column::Record) {
            Some((col, v)) if !v.is_empty() => {
                let r = RecordRequirement::from_code(&v);
                if r.is_none() {
                    self.reject(
                        col,
                        Column::Record,
                        format!("casier inconnu « {v} » : écrire aucun, b3, b2 ou b2_vierge"),
                    );
                }
                r
            }
            _ => None,
        };
        let prerequisites = get(Column::Prerequisites)
            .map(|(_, v)| {
                split_list(&v)
                    .iter()
                    .map(|p| crate::text::fold(p).replace([' ', '-'], "_"))
                    .collect()
            })
            .unwrap_or_default();
        let date = |p: &mut Self, c: Column, reject: bool| match get(c) {
            Some((col, v)) if !v.is_empty() => match crate::date::parse(&v) {
                Some(d) => Some(d),
                None => {
                    let msg = format!(
                        "date impossible « {v} » : {}",
                        crate::date::why_impossible(&v)
                    );
                    if reject {
                        p.reject(col, c, msg)
                    } else {
                        p.report(col, c, Severity::Error, msg)
                    }
                    None
                }
            },
            _ => None,
        };
        let start = date(self, Column::Start, true);
        let end = date(self, Column::End, true);
        let checked = date(self, Column::Checked, false);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                let col = get(Column::End).map_or(0, |x| x.0);
                self.reject(
                    col,
                    Column::End,
                    format!(
                        "la fin ({}) est avant le début ({})",
                        crate::date::fr(e),
                        crate::date::fr(s)
                    ),
                );
            }
        }
        let seats = match get(Column::Seats) {
            Some((col, v)) if !v.is_empty() => match v.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    self.report(col, Column::Seats, Severity::Error, format!("nombre de places illisible « {v} » : écrire un nombre entier (12) ou laisser vide"));
                    None
                }
            },
            _ => None,
        };
        let continues_as = get(Column::ContinuesAs)
            .map(|(_, v)| split_list(&v))
            .unwrap_or_default();
        if self.rejected {
            return None;
        }
        Some(Offer {
            id,
            organisation,
            title,
            kind: kind?,
            milieu: milieu?,
            establishments,
            departements,
            anywhere,
            communes,
            sectors,
            skill_keys: skills.iter().map(|s| crate::text::fold(s)).collect(),
            skills,
            measures,
            schedule_text,
            schedule,
            regulated,
            record,
            prerequisites,
            start,
            end,
            seats,
            checked,
            continues_as,
            contact: get(Column::Contact).map(|x| x.1).unwrap_or_default(),
            description: get(Column::Description).map(|x| x.1).unwrap_or_default(),
            zone_eligibilite: Vec::new(),
            extra: row.extra.clone(),
            line: self.line,
        })
    }
}

/// One offer as (column name, cell) pairs, in the order of FORMATS.md, extra columns last.
pub fn to_cells(o: &Offer) -> Vec<(String, String)> {
    let list = |v: &[String]| v.join(",");
    let mut deps = o.departements.clone();
    if o.anywhere {
        deps.insert(0, "*".into());
    }
    let values = [
        o.id.clone(),
        o.organisation.clone(),
        o.title.clone(),
        o.kind.code().into(),
        o.milieu.code().into(),
        list(&o.establishments),
        list(&deps),
        list(&o.communes),
        list(&o.sectors),
        list(&o.skills),
        o.measures
            .iter()
            .map(|m| m.code())
            .collect::<Vec<_>>()
            .join(","),
        o.schedule_text.clone(),
        list(&o.regulated),
        o.record.map(|r| r.code().to_string()).unwrap_or_default(),
        list(&o.prerequisites),
        o.start.map(crate::date::iso).unwrap_or_default(),
        o.end.map(crate::date::iso).unwrap_or_default(),
        o.seats.map(|s| s.to_string()).unwrap_or_default(),
        o.checked.map(crate::date::iso).unwrap_or_default(),
        list(&o.continues_as),
        o.contact.clone(),
        o.description.clone(),
    ];
    let mut cells: Vec<(String, String)> = Column::ALL
        .iter()
        .map(|c| c.name().to_string())
        .zip(values)
        .collect();
    cells.extend(o.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    cells
}

/// Write offers back as a FORMATS.md CSV (`;`-separated, UTF-8), extra columns last. A cell a
/// spreadsheet would run as a formula gets a `'` first ([`neutralise`]); [`load`] takes it away.
pub fn to_csv(offers: &[Offer]) -> String {
    let mut extra_names: Vec<String> = offers
        .iter()
        .flat_map(|o| o.extra.keys().cloned())
        .collect();
    extra_names.sort();
    extra_names.dedup();
    let mut out = String::new();
    let mut header: Vec<String> = Column::ALL.iter().map(|c| c.name().to_string()).collect();
    header.extend(extra_names.iter().map(|n| neutralise(n).into_owned()));
    write_record(&mut out, &header);
    for o in offers {
        let cells = to_cells(o);
        let mut rec: Vec<String> = cells
            .into_iter()
            .take(Column::ALL.len())
            .map(|c| neutralise(&c.1).into_owned())
            .collect();
        rec.extend(extra_names.iter().map(|n| {
            o.extra
                .get(n)
                .map(|v| neutralise(v).into_owned())
                .unwrap_or_default()
        }));
        write_record(&mut out, &rec);
    }
    out
}

/// One `;`-separated record and its line end, quoted as the csv crate's writer quotes
/// (`QuoteStyle::Necessary`: a cell holding `;`, `"` or a line end; `"` doubled). Written out
/// because the csv writer costs about 15 KB (brotli) of the browser bundle for this alone; a
/// test checks the output against it.
fn write_record(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        if c.contains([';', '"', '\n', '\r']) || (cells.len() == 1 && c.is_empty()) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push('\n');
}
