//! The CSV reader: delimiter, unclosed quotes, limits, header to columns, rows to cells.

use super::cells::{cell_too_long, cut_cell, unneutralise};
use super::columns::Column;
use super::decode::detect_delimiter;
use super::loaded::{with_converted, Loaded};
use super::rows::{RawRow, RowLoader};
use crate::limits::{MAX_COLUMNS, MAX_ROWS};
use crate::problem::{Problem, Severity};
use crate::refdata::RefData;
use crate::text::key;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

/// The line where a quoted cell opens and never closes before the end of `text` (LF lines),
/// following the csv crate: a `"` opens a quoted cell only at the start of a cell, `""` inside
/// is a quote. Read byte by byte: `"`, the line break and the delimiter are ASCII (`;` or `,`),
/// and no byte of a multi-byte UTF-8 character is.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    if !text.as_bytes().contains(&b'"') {
        return None;
    }
    let (mut line, mut open, mut quoted, mut cell_start) = (1usize, 0usize, false, true);
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            match b {
                b'"' if bytes.peek() == Some(&b'"') => {
                    bytes.next();
                }
                b'"' => quoted = false,
                b'\n' => line = line.saturating_add(1),
                _ => {}
            }
        } else {
            match b {
                b'"' if cell_start => {
                    quoted = true;
                    open = line;
                    cell_start = false;
                }
                b'\n' => {
                    line = line.saturating_add(1);
                    cell_start = true;
                }
                b if b == delimiter => cell_start = true,
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
fn mend_unclosed_quotes<'t>(
    text: &'t str,
    delimiter: u8,
    file: &str,
) -> (Cow<'t, str>, Vec<Problem>) {
    // The common case, a file without an unclosed quote, is read in place (no copy).
    if unclosed_quote(text, delimiter).is_none() {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut text = text.to_string();
    let mut problems = Vec::new();
    let last = text.lines().count();
    for mend in 0..=MAX_QUOTE_MENDS {
        let Some(open) = unclosed_quote(&text, delimiter) else {
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
        problems.push(Problem::error(file, open, message));
        // An emptied line keeps the numbering of the lines after it; empty lines are skipped.
        text = lines
            .iter()
            .take(keep)
            .enumerate()
            .map(|(i, l)| if i.saturating_add(1) == open { "" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
    }
    (Cow::Owned(text), problems)
}

pub(super) fn load_csv_text(
    text: &str,
    encoding: &'static str,
    file: &str,
    refdata: &RefData,
    mapping: Option<&crate::mapping::Mapping>,
) -> Loaded {
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
            Problem::new(file, line, severity, message)
                .column(column)
                .field_opt(field)
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
    // Relais columns are read row by row into offers, so that a large file is never held as a
    // table of cells too; a mapping and data·inclusion services are applied to the whole table.
    // Without the readers (the browser page), neither: the contract's columns only.
    #[cfg(feature = "readers")]
    let whole = mapping.is_some()
        || crate::datainclusion::header_looks_like(
            &header.iter().map(|h| key(h)).collect::<Vec<_>>(),
        );
    #[cfg(not(feature = "readers"))]
    let whole = false;
    let mut sink = if whole {
        Sink::Table(Vec::new())
    } else {
        match relais_columns(&mut loaded, &header, header_line, file, delimiter) {
            Some(columns) => {
                let mut rows = RowLoader::new(file, refdata);
                // One offer per line at most: the list is allocated once, not doubled as it grows.
                let lines = text.bytes().filter(|&b| b == b'\n').count();
                rows.reserve(lines.min(MAX_ROWS));
                Sink::Offers { rows, columns }
            }
            None => Sink::Nothing,
        }
    };
    // The data rows, each as (line, cells), within the limits; what is past them is reported.
    // One record is read into again and again, and a row's cells are borrowed from it.
    drop(records);
    let mut record = csv::StringRecord::new();
    let mut rows_read = 0usize;
    let mut past_limit: Option<(usize, usize, usize)> = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
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
            Ok(true) => {
                let r = &record;
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
                let mut cells = Vec::with_capacity(r.len().min(MAX_COLUMNS));
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
                            cells.push(line_breaks(short));
                        }
                        None => cells.push(line_breaks(c)),
                    }
                }
                match &mut sink {
                    Sink::Table(data) => {
                        data.push((line, cells.into_iter().map(Cow::into_owned).collect(), cut))
                    }
                    Sink::Offers { rows, columns } => rows.push_row(raw_row(
                        &mut loaded.problems,
                        (line, cells, cut),
                        columns,
                        &header,
                        file,
                    )),
                    Sink::Nothing => {}
                }
            }
        }
    }
    if let Some((first, last, n)) = past_limit {
        loaded.problems.push(problem(first, None, None, Severity::Error, format!(
            "{n} ligne(s) de plus que la limite de {MAX_ROWS} offres par fichier : les lignes {first} à {last} ne sont pas chargées ; découper le catalogue en plusieurs fichiers"
        )));
    }
    let data = match sink {
        Sink::Table(data) => data,
        Sink::Offers { rows, .. } => return with_rows(loaded, rows),
        Sink::Nothing => {
            sort_problems(&mut loaded);
            return loaded;
        }
    };
    // A mapping turns the table into Relais columns; the rows are then read as any catalogue,
    // and each problem is named by the source file's column.
    #[cfg(feature = "readers")]
    if let Some(m) = mapping {
        let mut a = crate::mapping::apply(m, &header, data, header_line, file, refdata);
        let rows = std::mem::take(&mut a.rows);
        loaded.problems.append(&mut a.problems);
        let mut l = load_table(loaded, a.header.clone(), header_line, rows, file, refdata);
        a.rename(&mut l.problems);
        return l;
    }
    load_table(loaded, header, header_line, data, file, refdata)
}

/// A cell with its line breaks as `\n`: a workbook's sheet writes them as U+2028 (so that
/// each row keeps the sheet's line number), an old Mac or Windows file as `\r` or `\r\n`.
fn line_breaks(cell: &str) -> Cow<'_, str> {
    // One pass over the bytes for `\r` or the first byte of U+2028 (E2 80 A8), the exact
    // search only when one is there: searching a cell for a multi-byte character compares
    // bytes at each candidate, a tenth of a load's time when done for every cell.
    let maybe = cell.bytes().any(|b| b == b'\r' || b == 0xE2);
    if maybe && (cell.contains('\r') || cell.contains('\u{2028}')) {
        Cow::Owned(cell.replace("\r\n", "\n").replace(['\r', '\u{2028}'], "\n"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Where the rows of a CSV go as they are read (one value per file: its size does not matter).
#[allow(clippy::large_enum_variant)]
enum Sink<'a> {
    /// Kept whole, for a mapping or a data·inclusion reader.
    Table(Vec<(usize, Vec<String>, Vec<usize>)>),
    /// Relais columns: each row becomes an offer at once.
    Offers {
        rows: RowLoader<'a>,
        columns: Vec<Option<Column>>,
    },
    /// A required column is missing: the rows are checked (limits) but not loaded.
    Nothing,
}

fn sort_problems(loaded: &mut Loaded) {
    loaded
        .problems
        .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
}

/// The offers of a [`RowLoader`] put after what reading the file found.
fn with_rows(mut loaded: Loaded, rows: RowLoader<'_>) -> Loaded {
    let mut done = rows.finish();
    loaded.problems.append(&mut done.problems);
    sort_problems(&mut loaded);
    loaded.offers = done.offers;
    loaded
}

/// Each header cell as a contract column, or `None` for an extra column (reported when
/// unknown); `None` as a whole when a required column is missing (reported).
fn relais_columns(
    loaded: &mut Loaded,
    header: &[String],
    header_line: usize,
    file: &str,
    delimiter: u8,
) -> Option<Vec<Option<Column>>> {
    let mut columns: Vec<Option<Column>> = Vec::new();
    let mut seen: HashSet<Column> = HashSet::new();
    for (i, h) in header.iter().enumerate() {
        let col = Some(i.saturating_add(1));
        match Column::from_header(h) {
            Some(c) if seen.insert(c) => columns.push(Some(c)),
            Some(c) => {
                loaded.problems.push(
                    Problem::warning(
                        file,
                        header_line,
                        format!(
                            "la colonne « {h} » apparaît deux fois : seule la première est lue"
                        ),
                    )
                    .column(col)
                    .field(c.name()),
                );
                columns.push(None);
            }
            None => {
                if !h.is_empty() && !crate::details::is_known(h) {
                    loaded.problems.push(Problem::warning(file, header_line, format!("colonne inconnue « {h} » : elle est gardée telle quelle mais n'est pas utilisée pour le classement")).column(col).field(h));
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
    if missing.is_empty() {
        return Some(columns);
    }
    loaded.problems.push(Problem::error(file, header_line, format!(
        "colonne(s) obligatoire(s) absente(s) : {} ; la première ligne doit nommer les colonnes (séparateur détecté : « {} »)",
        missing.join(", "),
        delimiter as char
    )));
    None
}

/// One row's cells given to their columns: contract columns as cells, the others kept as
/// extra columns by their header's name.
fn raw_row<'r>(
    problems: &mut Vec<Problem>,
    (line, r, cut): (usize, Vec<Cow<'r, str>>, Vec<usize>),
    columns: &[Option<Column>],
    header: &[String],
    file: &str,
) -> RawRow<'r> {
    let mut cells = Vec::with_capacity(r.len());
    let mut extra = BTreeMap::new();
    let mut rejects = Vec::new();
    for (i, value) in r.into_iter().enumerate() {
        let col = i.saturating_add(1);
        match columns.get(i).copied().flatten() {
            Some(c) => {
                // A cut value of a contract column could read as something else: the row is
                // not loaded (the cut was reported when it was read).
                if cut.contains(&i) && !c.free_text() {
                    rejects.push((col, c));
                }
                cells.push((c, col, value));
            }
            None => {
                if let Some(n) = header.get(i).filter(|n| !n.is_empty()) {
                    if !value.trim().is_empty() {
                        extra.insert(n.clone(), value.into_owned());
                    }
                } else if !value.trim().is_empty() {
                    problems.push(
                        Problem::warning(
                            file,
                            line,
                            format!(
                                "valeur « {} » hors des colonnes nommées : ignorée",
                                value.trim()
                            ),
                        )
                        .column(Some(col)),
                    );
                }
            }
        }
    }
    RawRow {
        line,
        cells,
        extra,
        rejects,
    }
}

/// A table read (header, then (line, cells, indexes of cut cells)): data·inclusion services
/// or Relais offers (a mapped table).
fn load_table(
    mut loaded: Loaded,
    header: Vec<String>,
    header_line: usize,
    data: Vec<(usize, Vec<String>, Vec<usize>)>,
    file: &str,
    refdata: &RefData,
) -> Loaded {
    let delimiter = loaded.delimiter.unwrap_or(b';');
    #[cfg(feature = "readers")]
    if crate::datainclusion::header_looks_like(&header.iter().map(|h| key(h)).collect::<Vec<_>>()) {
        // A data·inclusion services export as CSV: rows become service objects.
        let rows: Vec<(usize, &[String])> =
            data.iter().map(|(l, r, _)| (*l, r.as_slice())).collect();
        let l = crate::datainclusion::load_csv_rows(&header, &rows, file, refdata);
        return with_converted(loaded, l);
    }
    let Some(columns) = relais_columns(&mut loaded, &header, header_line, file, delimiter) else {
        sort_problems(&mut loaded);
        return loaded;
    };
    let mut rows = RowLoader::new(file, refdata);
    rows.reserve(data.len());
    for (line, cells, cut) in data {
        let cells = cells.into_iter().map(Cow::Owned).collect();
        let raw = raw_row(
            &mut loaded.problems,
            (line, cells, cut),
            &columns,
            &header,
            file,
        );
        rows.push_row(raw);
    }
    with_rows(loaded, rows)
}
