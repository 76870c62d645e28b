//! Spreadsheet workbooks: the first sheet becomes the CSV text the core reads, so that every
//! check and every message is the same as for a CSV export. Shared by the command line
//! (`relais check`, `--catalogue`: XLSX, ODS, and with the `legacy` feature XLS and XLSB) and
//! the page's catalogue reader (`crates/reader`, in its Web Worker: XLSX and ODS). The page's
//! own wasm never links it: calamine weighs on the reader's module only.
//!
//! A workbook is a zip of XML parts, and calamine sizes some allocations from what the file
//! declares (`uniqueCount`, the sheet's dimension, repeated ODS rows and columns). Before
//! calamine sees the file, [`guard`] inflates every part within a budget and checks those
//! declarations against `relais_core::limits`; XLSX cells are then read one by one, keeping
//! only those within the limits, rather than as one rectangle sized by the farthest cell.
//! Every refusal is a French sentence naming the limit and what to do.

// No input makes it panic: no unchecked indexing or byte slicing of text.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

use calamine::{Data, Ods, Range, Reader, Xlsx};
use relais_core::limits::{
    mb, MAX_COLUMNS, MAX_FILE_BYTES, MAX_INFLATED_BYTES, MAX_SHARED_STRINGS, MAX_SHEET_CELLS,
    MAX_SHEET_ROWS, MAX_ZIP_ENTRIES,
};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Is this file a spreadsheet workbook? By its first bytes, a zip (XLSX, ODS, XLSB) or an OLE
/// file (XLS), whatever its name says: no CSV or JSON starts so. Not by its name: the page's
/// reader gets a workbook's sheet back as CSV under the workbook's name (« Appliquer » of the
/// mapping step, a catalogue kept in the browser), which is read as the CSV it is.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The kinds of workbook, told by their first bytes and their parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Ods,
    /// Excel's binary workbook (zip of `.bin` parts).
    Xlsb,
    /// Excel 97–2003 (OLE).
    Xls,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "XLSX",
            Format::Ods => "ODS",
            Format::Xlsb => "XLSB",
            Format::Xls => "XLS",
        }
    }
}

/// The first sheet as CSV text, which sheet it was, and what was left out of it (cells past
/// the limits), each as (line of the sheet, French sentence).
#[derive(Debug)]
pub struct Sheet {
    pub csv: String,
    pub format: Format,
    /// The sheet read: the workbook's first, as the command line has always read it.
    pub name: String,
    /// Sheets in the workbook.
    pub sheets: usize,
    pub left_out: Vec<(usize, String)>,
}

impl Sheet {
    /// How the file was read, for the report: « classeur XLSX, première feuille « Offres »
    /// (sur 3) ».
    pub fn how(&self) -> String {
        let name = if self.name.is_empty() {
            String::new()
        } else {
            format!(" « {} »", self.name)
        };
        let of = if self.sheets > 1 {
            format!(" (sur {} ; les autres ne sont pas lues)", self.sheets)
        } else {
            String::new()
        };
        format!(
            "classeur {}, première feuille{name}{of}",
            self.format.name()
        )
    }
}

/// The first sheet of a workbook as `;`-separated CSV text. Cells keep their place: the line
/// and column of a problem are those of the spreadsheet (row 1 is line 1, column A is 1).
pub fn first_sheet_as_csv(bytes: &[u8]) -> Result<String, String> {
    first_sheet(bytes).map(|s| s.csv)
}

fn unreadable(e: impl std::fmt::Display) -> String {
    format!("classeur illisible ({e}) : l'enregistrer au format CSV")
}

fn sheet_unreadable(e: impl std::fmt::Display) -> String {
    format!("première feuille illisible ({e})")
}

fn legacy_refused(format: Format) -> String {
    format!(
        "classeur {} (ancien format binaire d'Excel), non lu ici : l'enregistrer au format XLSX, ODS ou CSV",
        format.name()
    )
}

/// [`first_sheet`] of an XLSX or ODS workbook only, whether or not `legacy` is on: the
/// browser's reader says the same of an XLS file in every build (a workspace build turns
/// `legacy` on for everyone, as the command line asks for it).
/// The workbook is guarded once (every part inflated within the budget), as by [`first_sheet`].
pub fn first_sheet_modern(bytes: &[u8]) -> Result<Sheet, String> {
    first_sheet_of(bytes, false)
}

/// [`first_sheet_as_csv`], with which sheet and what was left out.
pub fn first_sheet(bytes: &[u8]) -> Result<Sheet, String> {
    first_sheet_of(bytes, cfg!(feature = "legacy"))
}

fn first_sheet_of(bytes: &[u8], legacy: bool) -> Result<Sheet, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "classeur de {}, au-delà de la limite de {} : l'enregistrer en plusieurs fichiers",
            mb(bytes.len() as u64),
            mb(MAX_FILE_BYTES as u64)
        ));
    }
    let format = guard(bytes)?;
    if !legacy && matches!(format, Format::Xls | Format::Xlsb) {
        return Err(legacy_refused(format));
    }
    let mut cells: BTreeMap<(u32, u32), String> = BTreeMap::new();
    let mut left_out = Vec::new();
    let (name, sheets) = match format {
        Format::Xlsx => {
            let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
            let names = x.sheet_names();
            let name = names
                .first()
                .cloned()
                .ok_or("le classeur n'a aucune feuille")?;
            xlsx_cells(&mut x, &name, &mut cells, &mut left_out)?;
            (name, names.len())
        }
        Format::Ods => {
            let mut o: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(unreadable)?;
            let names = o.sheet_names();
            let range = o.worksheet_range_at(0).map(|r| r.map_err(sheet_unreadable));
            range_cells(range, &mut cells, &mut left_out)?;
            (names.first().cloned().unwrap_or_default(), names.len())
        }
        #[cfg(feature = "legacy")]
        Format::Xlsb => {
            let mut b: calamine::Xlsb<_> =
                calamine::Xlsb::new(Cursor::new(bytes)).map_err(unreadable)?;
            let names = b.sheet_names();
            let range = b.worksheet_range_at(0).map(|r| r.map_err(sheet_unreadable));
            range_cells(range, &mut cells, &mut left_out)?;
            (names.first().cloned().unwrap_or_default(), names.len())
        }
        #[cfg(feature = "legacy")]
        Format::Xls => {
            let mut b: calamine::Xls<_> =
                calamine::Xls::new(Cursor::new(bytes)).map_err(unreadable)?;
            let names = b.sheet_names();
            let range = b.worksheet_range_at(0).map(|r| r.map_err(sheet_unreadable));
            range_cells(range, &mut cells, &mut left_out)?;
            (names.first().cloned().unwrap_or_default(), names.len())
        }
        #[cfg(not(feature = "legacy"))]
        Format::Xlsb | Format::Xls => return Err(legacy_refused(format)),
    };
    Ok(Sheet {
        csv: to_csv(&cells)?,
        format,
        name,
        sheets,
        left_out,
    })
}

/// An XLSX sheet's cells, one by one: only those within the limits are kept.
fn xlsx_cells(
    x: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    cells: &mut BTreeMap<(u32, u32), String>,
    left_out: &mut Vec<(usize, String)>,
) -> Result<(), String> {
    let mut reader = x.worksheet_cells_reader(name).map_err(sheet_unreadable)?;
    let (mut past_rows, mut past_cols, mut first_past) = (0usize, 0usize, None);
    while let Some(cell) = reader.next_cell().map_err(sheet_unreadable)? {
        let (r, c) = cell.get_position();
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        if r >= MAX_SHEET_ROWS {
            past_rows = past_rows.saturating_add(1);
            first_past = first_past.or(Some(r));
        } else if c as usize >= MAX_COLUMNS {
            past_cols = past_cols.saturating_add(1);
        } else if cells.len() >= MAX_SHEET_CELLS {
            return Err(too_many_cells());
        } else {
            cells.insert((r, c), text);
        }
    }
    if past_rows > 0 {
        let line = first_past.map_or(0, |r| r as usize + 1);
        left_out.push((line, format!(
            "{past_rows} cellule(s) au-delà de la ligne {MAX_SHEET_ROWS} (limite de {} offres par fichier) : non lues ; découper le catalogue en plusieurs fichiers",
            MAX_SHEET_ROWS - 1
        )));
    }
    if past_cols > 0 {
        left_out.push((
            1,
            format!(
                "{past_cols} cellule(s) au-delà de la colonne {MAX_COLUMNS} (limite) : non lues"
            ),
        ));
    }
    Ok(())
}

/// The cells of a sheet calamine laid out as one range (ODS, XLS, XLSB; sized within the
/// limits by [`guard`]): those within the limits are kept.
fn range_cells(
    range: Option<Result<Range<Data>, String>>,
    cells: &mut BTreeMap<(u32, u32), String>,
    left_out: &mut Vec<(usize, String)>,
) -> Result<(), String> {
    let range = match range {
        Some(r) => r?,
        None => return Err("le classeur n'a aucune feuille".into()),
    };
    for (r, c, v) in range.used_cells() {
        let (r, c) = (
            u32::try_from(r).unwrap_or(u32::MAX),
            u32::try_from(c).unwrap_or(u32::MAX),
        );
        let (r, c) = (
            r.saturating_add(range.start().map_or(0, |s| s.0)),
            c.saturating_add(range.start().map_or(0, |s| s.1)),
        );
        let text = cell_text(v);
        if text.is_empty() {
            continue;
        }
        if r >= MAX_SHEET_ROWS || c as usize >= MAX_COLUMNS {
            continue;
        }
        if cells.len() >= MAX_SHEET_CELLS {
            return Err(too_many_cells());
        }
        cells.insert((r, c), text);
    }
    let (rows, cols) = range.get_size();
    if rows > MAX_SHEET_ROWS as usize || cols > MAX_COLUMNS {
        left_out.push((MAX_SHEET_ROWS as usize + 1, format!(
            "feuille de {rows} lignes × {cols} colonnes : seules les {MAX_SHEET_ROWS} premières lignes et {MAX_COLUMNS} premières colonnes sont lues (limites) ; découper le catalogue"
        )));
    }
    Ok(())
}

fn too_many_cells() -> String {
    format!(
        "plus de {MAX_SHEET_CELLS} cellules remplies dans la première feuille (limite) : découper le catalogue en plusieurs fichiers"
    )
}

/// The cells (row, column) → text as CSV, with the empty rows and cells that keep each value
/// at its line and column.
fn to_csv(cells: &BTreeMap<(u32, u32), String>) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    let mut next_row = 0u32;
    let mut record: Vec<&str> = Vec::new();
    let mut current: Option<u32> = None;
    let flush = |w: &mut csv::Writer<Vec<u8>>, record: &mut Vec<&str>| {
        let r = if record.is_empty() {
            w.write_record([""])
        } else {
            w.write_record(record.iter())
        };
        record.clear();
        r.map_err(|e| e.to_string())
    };
    // A line break inside a cell (Alt+Entrée) is written as U+2028 (line separator): the CSV
    // reader counts `\r` and `\n` as lines, and each row must keep the sheet's row number in
    // every message; the core reads U+2028 in a cell as the line break it was.
    let folded: BTreeMap<(u32, u32), std::borrow::Cow<'_, str>> = cells
        .iter()
        .map(|(&at, text)| {
            let t = if text.contains(['\n', '\r']) {
                std::borrow::Cow::Owned(
                    text.replace("\r\n", "\u{2028}")
                        .replace(['\n', '\r'], "\u{2028}"),
                )
            } else {
                std::borrow::Cow::Borrowed(text.as_str())
            };
            (at, t)
        })
        .collect();
    for (&(r, c), text) in &folded {
        if current != Some(r) {
            if current.is_some() {
                flush(&mut w, &mut record)?;
                next_row = next_row.saturating_add(1);
            }
            // Empty rows above keep the line numbers of the sheet (the reader skips them).
            while next_row < r {
                flush(&mut w, &mut record)?;
                next_row = next_row.saturating_add(1);
            }
            current = Some(r);
        }
        while record.len() < c as usize {
            record.push("");
        }
        record.push(text.as_ref());
    }
    if current.is_some() {
        flush(&mut w, &mut record)?;
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

/// Check a workbook's declarations before calamine allocates from them.
///
/// - zip (XLSX, ODS): at most [`MAX_ZIP_ENTRIES`] parts; every part is inflated (and thrown
///   away) within [`MAX_INFLATED_BYTES`] in all, whatever sizes the zip declares; the shared
///   strings declared by `uniqueCount` within [`MAX_SHARED_STRINGS`]; the ODS tables, with
///   their repeated rows and columns, within [`MAX_SHEET_CELLS`].
/// - OLE (XLS): the dimensions records within [`MAX_SHEET_CELLS`].
///
/// Gives the workbook's format: ODS when it has a `content.xml`, XLSB a `xl/workbook.bin`,
/// XLSX otherwise; XLS by its OLE header.
pub fn guard(bytes: &[u8]) -> Result<Format, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return guard_xls(bytes).map(|()| Format::Xls);
    }
    if !bytes.starts_with(b"PK") {
        return Err(unreadable("ni XLSX, ni ODS, ni XLS"));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let format = if zip.index_for_name("content.xml").is_some() {
        Format::Ods
    } else if zip.index_for_name("xl/workbook.bin").is_some() {
        Format::Xlsb
    } else {
        Format::Xlsx
    };
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "classeur de {} parties, au-delà de la limite de {MAX_ZIP_ENTRIES} : ce n'est pas un catalogue ; l'enregistrer au format CSV",
            zip.len()
        ));
    }
    let inflated_limit = || {
        format!(
            "classeur qui se décompresse en plus de {} (limite ; fichier compressé de {}) : ce n'est pas un catalogue ordinaire (bombe de décompression ?) ; l'enregistrer au format CSV",
            mb(MAX_INFLATED_BYTES),
            mb(bytes.len() as u64)
        )
    };
    let declared = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if declared > MAX_INFLATED_BYTES {
        return Err(inflated_limit());
    }
    let mut budget = MAX_INFLATED_BYTES;
    for i in 0..zip.len() {
        let mut part = match zip.by_index(i) {
            Ok(p) => p,
            // Left for calamine to name (encrypted, unsupported method…).
            Err(_) => continue,
        };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut limited = (&mut part).take(budget.saturating_add(1));
        let used = if name == "content.xml" {
            let mut xml = Vec::new();
            limited
                .read_to_end(&mut xml)
                .map_err(|e| format!("classeur illisible ({e})"))?;
            if xml.len() as u64 > budget {
                return Err(inflated_limit());
            }
            check_ods_tables(&xml)?;
            xml.len() as u64
        } else if name.ends_with("sharedStrings.xml") {
            let mut head = vec![0u8; 4096];
            let n = read_up_to(&mut limited, &mut head)?;
            check_unique_count(head.get(..n).unwrap_or_default())?;
            let rest = std::io::copy(&mut limited, &mut std::io::sink())
                .map_err(|e| format!("classeur illisible ({e})"))?;
            (n as u64).saturating_add(rest)
        } else {
            std::io::copy(&mut limited, &mut std::io::sink())
                .map_err(|e| format!("classeur illisible ({e})"))?
        };
        if used > budget {
            return Err(inflated_limit());
        }
        budget = budget.saturating_sub(used);
    }
    Ok(format)
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> Result<usize, String> {
    let mut n = 0;
    while let Some(rest) = buf.get_mut(n..).filter(|b| !b.is_empty()) {
        match r.read(rest) {
            Ok(0) => break,
            Ok(k) => n = n.saturating_add(k),
            Err(e) => return Err(format!("classeur illisible ({e})")),
        }
    }
    Ok(n)
}

/// The value of attribute `name` in an XML tag's text, if written.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))?;
    let rest = tag.get(at.saturating_add(name.len()).saturating_add(3)..)?;
    rest.split('"').next()
}

fn check_unique_count(head: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(head);
    let Some(count) = attr(&text, "uniqueCount") else {
        return Ok(());
    };
    let n = count.trim().parse::<u64>().unwrap_or(u64::MAX);
    if n > MAX_SHARED_STRINGS {
        return Err(format!(
            "le classeur annonce {count} textes différents (uniqueCount), au-delà de la limite de {MAX_SHARED_STRINGS} : fichier abîmé ou fabriqué ; l'enregistrer au format CSV"
        ));
    }
    Ok(())
}

/// The cells calamine would lay out for each ODS table: from the first to the last row holding
/// a value, rows repeated as written, times the widest such row (columns repeated as written).
fn check_ods_tables(xml: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(xml);
    let repeat = |tag: &str, name: &str| {
        attr(tag, name)
            .map(|v| v.parse::<u64>().unwrap_or(u64::MAX))
            .unwrap_or(1)
    };
    // Per table: rows seen since the first row with a value, up to the last one.
    let (mut span_to_last, mut span_open, mut width) = (0u64, 0u64, 0u64);
    let mut started = false;
    // Per row.
    let (mut row_repeat, mut row_width, mut row_cols) = (1u64, 0u64, 0u64);
    let check = |span: u64, width: u64| {
        let cells = span.saturating_mul(width);
        if cells > MAX_SHEET_CELLS as u64 {
            Err(format!(
                "feuille ODS de {span} lignes × {width} colonnes une fois ses lignes et colonnes répétées dépliées ({cells} cellules), au-delà de la limite de {MAX_SHEET_CELLS} cellules : fichier abîmé ou fabriqué ; l'enregistrer au format CSV"
            ))
        } else {
            Ok(())
        }
    };
    for piece in text.split('<').skip(1) {
        let tag = piece.split('>').next().unwrap_or("");
        let name = tag
            .split(char::is_whitespace)
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        match name {
            "table:table" => {
                (span_to_last, span_open, width, started) = (0, 0, 0, false);
            }
            "table:table-row" => {
                row_repeat = repeat(tag, "table:number-rows-repeated");
                (row_width, row_cols) = (0, 0);
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let cols = repeat(tag, "table:number-columns-repeated");
                row_cols = row_cols.saturating_add(cols);
                let has_value = !tag.ends_with('/') || tag.contains("office:value-type");
                if has_value {
                    row_width = row_cols;
                }
            }
            "/table:table-row" => {
                if started || row_width > 0 {
                    span_open = span_open.saturating_add(row_repeat);
                }
                if row_width > 0 {
                    started = true;
                    span_to_last = span_open;
                    width = width.max(row_width);
                }
                check(span_to_last, width)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// XLS (BIFF8): each DIMENSIONS record (type 0x0200, 14 bytes) gives the rows and columns a
/// sheet declares, from which calamine reserves its cells. Looked for in the raw file, which
/// holds the records as written.
fn guard_xls(bytes: &[u8]) -> Result<(), String> {
    const HEADER: [u8; 4] = [0x00, 0x02, 0x0E, 0x00];
    for (i, w) in bytes.windows(18).enumerate() {
        if w.get(..4) != Some(&HEADER[..]) {
            continue;
        }
        let u32_at = |k: usize| {
            w.get(k..k.saturating_add(4))
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, u32::from_le_bytes)
        };
        let u16_at = |k: usize| {
            w.get(k..k.saturating_add(2))
                .and_then(|b| <[u8; 2]>::try_from(b).ok())
                .map_or(0, u16::from_le_bytes)
        };
        let (r0, r1, c0, c1) = (u32_at(4), u32_at(8), u16_at(12), u16_at(14));
        let rows = u64::from(r1.saturating_sub(r0)).saturating_add(1);
        let cols = u64::from(c1.saturating_sub(c0)).saturating_add(1);
        if r1 < r0 || c1 < c0 || rows.saturating_mul(cols) > MAX_SHEET_CELLS as u64 {
            return Err(format!(
                "classeur XLS dont une feuille annonce {rows} lignes × {cols} colonnes (octet {i}), au-delà de la limite de {MAX_SHEET_CELLS} cellules : fichier abîmé ou fabriqué ; l'enregistrer au format CSV"
            ));
        }
    }
    Ok(())
}
