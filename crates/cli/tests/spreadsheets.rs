//! `relais check` and `--catalogue` read XLSX and ODS workbooks natively: the first sheet, with
//! the same checks, and problems at the sheet's own row and column.
//!
//! The workbooks are written here, as small as the formats allow, so that what they hold can be
//! read in this file.

mod common;
use common::relais;
use std::io::Write;
use zip::write::SimpleFileOptions;

fn temp_path(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("relais-sheets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name).to_string_lossy().into_owned()
}

/// A cell of the test sheets.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    /// A date, as AAAA-MM-JJ and as an Excel serial number.
    Date(&'a str, f64),
    Empty,
}
use Cell::*;

fn zip_file(path: &str, files: &[(&str, String)]) {
    let f = std::fs::File::create(path).expect("create");
    let mut z = zip::ZipWriter::new(f);
    for (name, content) in files {
        let opts = if *name == "mimetype" {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
        } else {
            SimpleFileOptions::default()
        };
        z.start_file(*name, opts).expect("start file");
        z.write_all(content.as_bytes()).expect("write");
    }
    z.finish().expect("finish");
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn col_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = String::new();
    while n > 0 {
        s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

fn write_xlsx(path: &str, rows: &[Vec<Cell>]) {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let mut sheet =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>"#);
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", col_letter(c), r + 1);
            match cell {
                Text(t) => sheet.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    esc(t)
                )),
                Number(n) => sheet.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#)),
                Date(_, serial) => {
                    sheet.push_str(&format!(r#"<c r="{at}" s="1"><v>{serial}</v></c>"#))
                }
                Empty => {}
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    zip_file(
        path,
        &[
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.into()),
            ("_rels/.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
            ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{rel}"><sheets><sheet name="catalogue" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
            ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>"#)),
            ("xl/styles.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#)),
            ("xl/worksheets/sheet1.xml", sheet),
        ],
    );
}

fn write_ods(path: &str, rows: &[Vec<Cell>]) {
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in row {
            match cell {
                Text(t) => table.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    esc(t)
                )),
                Number(n) => table.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                )),
                Date(iso, _) => table.push_str(&format!(
                    r#"<table:table-cell office:value-type="date" office:date-value="{iso}T00:00:00"><text:p>{iso}</text:p></table:table-cell>"#
                )),
                Empty => table.push_str("<table:table-cell/>"),
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="catalogue">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_file(
        path,
        &[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".into()),
            ("META-INF/manifest.xml", r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.into()),
            ("content.xml", content),
        ],
    );
}

/// A catalogue as a volunteer types it: numbers typed as numbers (a département, seats), a
/// date typed as a date, an accent, one bad type on row 3, a cell with a `;` in it.
fn rows() -> Vec<Vec<Cell<'static>>> {
    vec![
        vec![
            Text("id"),
            Text("organisation"),
            Text("titre"),
            Text("type"),
            Text("milieu"),
            Text("departements"),
            Text("places"),
            Text("date_maj"),
            Text("horaires"),
        ],
        vec![
            Text("tableur-ei"),
            Text("Entreprise Éclair"),
            Text("Agent·e de tri"),
            Text("ei"),
            Text("dehors"),
            Number(44.0),
            Number(6.0),
            Date("2026-11-02", 46328.0),
            Text("lun-ven 08:00-12:00; sam 09:00-12:00"),
        ],
        vec![
            Text("tableur-stage"),
            Text("Entreprise Éclair"),
            Text("Stage"),
            Text("stage"),
            Text("dehors"),
            Number(1.0),
            Empty,
            Empty,
            Empty,
        ],
        vec![
            Text("tableur-aci"),
            Text("Chantier"),
            Text("Espaces verts"),
            Text("aci"),
            Text("dehors"),
            Number(1.0),
            Number(3.0),
            Empty,
            Empty,
        ],
    ]
}

fn check_workbook(path: &str) {
    let (code, out, err) = relais(&["check", path]);
    assert_eq!(code, 1, "one error, so exit 1: {out}{err}");
    assert!(
        out.contains(&format!("{path}:3:4: type inconnu « stage »")),
        "row 3, column D, as in the sheet: {out}"
    );
    assert!(
        out.contains(
            "2 offre(s) valide(s), 1 erreur(s), 0 avertissement(s) (classeur, première feuille"
        ),
        "{out}"
    );
    // The valid rows are read with their values: export them back as CSV.
    let (code, csv, err) = relais(&["export", "--format", "csv", "--catalogue", path]);
    assert_eq!(code, 0, "{err}");
    let line = csv
        .lines()
        .find(|l| l.starts_with("tableur-ei;"))
        .expect("tableur-ei exported");
    assert!(line.contains(";Entreprise Éclair;"), "{line}");
    assert!(
        line.contains(";44;"),
        "a number typed 44 is the département 44: {line}"
    );
    assert!(
        line.contains(";6;2026-11-02;"),
        "seats and date_maj: {line}"
    );
    assert!(
        line.contains("\"lun-ven 08:00-12:00; sam 09:00-12:00\""),
        "{line}"
    );
    let aci = csv
        .lines()
        .find(|l| l.starts_with("tableur-aci;"))
        .expect("tableur-aci exported");
    assert!(
        aci.contains(";01;"),
        "1 typed as a number is the Ain, 01: {aci}"
    );
}

#[test]
fn check_reads_the_first_sheet_of_an_xlsx_workbook() {
    let path = temp_path("catalogue.xlsx");
    write_xlsx(&path, &rows());
    check_workbook(&path);
}

#[test]
fn check_reads_the_first_sheet_of_an_ods_workbook() {
    let path = temp_path("catalogue.ods");
    write_ods(&path, &rows());
    check_workbook(&path);
}

#[test]
fn match_takes_a_workbook_as_its_catalogue() {
    let path = temp_path("match.ods");
    write_ods(&path, &rows());
    let (code, out, err) = relais(&[
        "match",
        "--profile",
        "docs/examples/dehors-ddse.json",
        "--catalogue",
        &path,
        "--json",
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("type inconnu « stage »"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let ids: Vec<&str> = ["fits", "excluded", "beyond"]
        .iter()
        .flat_map(|k| v["now"][k].as_array().into_iter().flatten())
        .filter_map(|x| x["id"].as_str())
        .collect();
    let mut ids = ids;
    ids.sort_unstable();
    assert_eq!(ids, ["tableur-aci", "tableur-ei"]);
}

#[test]
fn a_broken_workbook_says_so_and_exits_2() {
    let path = temp_path("broken.xlsx");
    std::fs::write(&path, b"PK\x03\x04 not really a workbook").expect("write");
    let (code, _, err) = relais(&["check", &path]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("classeur illisible"), "{err}");
    assert!(err.contains("CSV"), "{err}");
}
