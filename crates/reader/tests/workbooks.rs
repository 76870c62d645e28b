//! Workbooks in the page's catalogue reader, from the association's side: an XLSX or ODS
//! workbook is read like the CSV saved from it (its first sheet, said in the report), goes to
//! the mapping step when its columns are not Relais's, and a workbook built to exhaust memory
//! (issue 10) is refused with the limit's sentence — the reading of `relais-workbook`, shared
//! with the command line, with the same limits.
//!
//! The workbooks are written here, as small as the formats allow; one is made from a real
//! file of `../shared/data/external` (read in place, skipped when absent).

use relais_core::catalogue::{Column, Severity};
use relais_core::limits::{MAX_INFLATED_BYTES, MAX_SHARED_STRINGS, MAX_SHEET_CELLS};
use relais_core::refdata::RefData;
use relais_reader::{open, read, Job, Outcome};
use std::io::Write;
use zip::write::SimpleFileOptions;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn rd() -> RefData {
    RefData::bundled().expect("bundled reference data")
}

fn job(name: &str) -> Job {
    Job {
        name: name.into(),
        step: true,
        ..Job::default()
    }
}

fn zip_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in files {
        let opts = if *name == "mimetype" {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
        } else {
            SimpleFileOptions::default().compression_level(Some(1))
        };
        z.start_file(*name, opts).expect("start file");
        z.write_all(content).expect("write");
    }
    z.finish().expect("finish").into_inner()
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

/// A sheet's XML: text cells inline, cells that parse as whole numbers as numbers (as a
/// spreadsheet holds a typed département or a count of seats).
fn sheet_xml(dimension: &str, rows: &[Vec<String>], more: &str) -> String {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>"#
    );
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, text) in row.iter().enumerate() {
            let at = format!("{}{}", col_letter(c), r + 1);
            if text.is_empty() {
                continue;
            }
            if r > 0 && text.parse::<u32>().is_ok() && !text.starts_with('0') {
                xml.push_str(&format!(r#"<c r="{at}"><v>{text}</v></c>"#));
            } else {
                xml.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    esc(text)
                ));
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str(more);
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// An XLSX workbook: these sheets (name, XML) in order, and these shared strings.
fn xlsx(sheets: &[(&str, String)], shared: &str) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#,
    );
    let mut book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>"#
    );
    let mut book_rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            esc(name)
        ));
        book_rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            xml.clone().into_bytes(),
        ));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    book_rels.push_str(&format!(r#"<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#));
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let mut files: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
    ];
    for (name, bytes) in &parts {
        files.push((name.as_str(), bytes.as_slice()));
    }
    zip_bytes(&files)
}

fn shared(unique: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1" uniqueCount="{unique}"><si><t>x</t></si></sst>"#
    )
}

fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// An association's own catalogue, typed in a spreadsheet: a département typed as a number,
/// one bad type on row 3.
fn catalogue_rows() -> Vec<Vec<String>> {
    rows(&[
        &[
            "id",
            "organisation",
            "titre",
            "type",
            "milieu",
            "departements",
            "date_maj",
        ],
        &[
            "asso-permis",
            "Auto-école solidaire",
            "Aide au permis",
            "accompagnement",
            "dehors",
            "44",
            "2026-10-01",
        ],
        &[
            "asso-tri",
            "Entreprise Éclair",
            "Agent·e de tri",
            "nimporte",
            "dehors",
            "44",
            "2026-10-01",
        ],
        &[
            "asso-cv",
            "Maison de l'emploi",
            "Atelier CV",
            "atelier",
            "dehors",
            "44",
            "2026-10-01",
        ],
    ])
}

fn ods(table_rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Offres">{table_rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_bytes(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#),
        ("content.xml", content.as_bytes()),
    ])
}

fn ods_rows(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| {
            let cells: String = r
                .iter()
                .map(|t| {
                    format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        esc(t)
                    )
                })
                .collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect()
}

fn loaded(outcome: Outcome) -> (String, relais_core::catalogue::Loaded) {
    match outcome {
        Outcome::Loaded { how, loaded } => (how, loaded),
        other => panic!("not loaded: {other:?}"),
    }
}

fn failed(outcome: Outcome) -> String {
    match outcome {
        Outcome::Failed(e) => e,
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn an_xlsx_catalogue_is_read_from_its_first_sheet_and_the_report_says_which() {
    let book = xlsx(
        &[
            ("Offres", sheet_xml("A1:G4", &catalogue_rows(), "")),
            ("Notes", sheet_xml("A1:A1", &rows(&[&["à relire"]]), "")),
        ],
        &shared("1"),
    );
    let (how, l) = loaded(read(&book, &job("partenaires.xlsx"), &rd()));
    assert_eq!(
        how,
        "classeur XLSX, première feuille « Offres » (sur 2 ; les autres ne sont pas lues)"
    );
    let ids: Vec<&str> = l.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["asso-permis", "asso-cv"]);
    // The département typed as a number is the département.
    assert_eq!(l.offers[0].departements(), ["44"]);
    // The bad row is named at the sheet's own line and column (D3), as for its CSV.
    let bad = l
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("an error");
    assert_eq!(
        (bad.file.as_str(), bad.line, bad.column),
        ("partenaires.xlsx", 3, Some(4))
    );
}

#[test]
fn an_ods_catalogue_reads_the_same() {
    let book = ods(&ods_rows(&catalogue_rows()));
    let (how, l) = loaded(read(&book, &job("partenaires.ods"), &rd()));
    assert_eq!(how, "classeur ODS, première feuille « Offres »");
    assert_eq!(l.offers.len(), 2, "{:?}", l.problems);
}

#[test]
fn a_real_list_as_a_workbook_opens_the_mapping_step_then_applies() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/external/siae_bas_rhin_67_les_emplois.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{} absent: skipped", path.display());
        return;
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let table: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.expect("CSV").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(table.len(), 66, "the header and 65 SIAE");
    let book = xlsx(
        &[("SIAE 67", sheet_xml("A1:G200", &table, ""))],
        &shared("1"),
    );
    let rd = rd();
    let Outcome::Table {
        table: step,
        proposed,
        sheet: which,
        ..
    } = read(&book, &job("siae-67.xlsx"), &rd)
    else {
        panic!("the mapping step");
    };
    // The step says which sheet it shows.
    assert_eq!(
        which.as_deref(),
        Some("classeur XLSX, première feuille « SIAE 67 »")
    );
    assert_eq!(step.header, table[0]);
    assert_eq!(
        proposed
            .rule(Column::Type)
            .and_then(|r| r.column.as_deref()),
        Some("type")
    );
    // « Appliquer »: the page sends back what the reader gave it (the sheet as CSV).
    let (csv, sheet) = open(book).expect("opened");
    // The volunteer gives « nom » to the organisation and says where they all are.
    let mut mapping = proposed;
    let mut org = mapping
        .rule(Column::Organisation)
        .cloned()
        .unwrap_or_default();
    org.column = Some("nom".into());
    mapping.set_rule(Column::Organisation, Some(org));
    let mut milieu = mapping.rule(Column::Milieu).cloned().unwrap_or_default();
    milieu.default = Some("dehors".into());
    mapping.set_rule(Column::Milieu, Some(milieu));
    let mut dep = mapping
        .rule(Column::Departements)
        .cloned()
        .unwrap_or_default();
    dep.default = Some("67".into());
    mapping.set_rule(Column::Departements, Some(dep));
    let apply = Job {
        mapping: Some(mapping.clone()),
        sheet,
        ..job("siae-67.xlsx")
    };
    let (how, l) = loaded(read(&csv, &apply, &rd));
    assert_eq!(how, "classeur XLSX, première feuille « SIAE 67 »");
    assert!(l.offers.iter().any(|o| o.organisation == "GERMA ETTI 67"));
    // The same offers as the CSV the list came as, through the same mapping.
    let from_csv = Job {
        mapping: Some(mapping),
        ..job("siae-67.csv")
    };
    let (_, c) = loaded(read(text.as_bytes(), &from_csv, &rd));
    let ids = |l: &relais_core::catalogue::Loaded| -> Vec<String> {
        l.offers.iter().map(|o| o.id.to_string()).collect()
    };
    assert!(c.offers.len() >= 55, "{}", c.offers.len());
    assert_eq!(ids(&l), ids(&c));
    // Its addresses hold line breaks: every problem is still named within the sheet's 66 rows
    // (« ligne 123 » was said of a 66-row sheet).
    assert!(l.problems.iter().any(|p| p.line > 1));
    for p in &l.problems {
        assert!(p.line <= 66, "{p:?}");
    }
    for o in &l.offers {
        assert!(o.line <= 66, "{}: {}", o.id.as_str(), o.line);
    }
}

#[test]
fn a_declared_billion_billion_shared_strings_is_refused_with_the_limit() {
    let book = xlsx(
        &[("Offres", sheet_xml("A1:G4", &catalogue_rows(), ""))],
        &shared("1000000000000000000"),
    );
    let e = failed(read(&book, &job("unique.xlsx"), &rd()));
    assert!(
        e.contains("uniqueCount") && e.contains(&MAX_SHARED_STRINGS.to_string()),
        "{e}"
    );
}

#[test]
fn a_whole_sheet_dimension_and_a_far_cell_load_the_rows_and_report_the_cell() {
    let far = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>loin</t></is></c></row>"#;
    let book = xlsx(
        &[("Offres", sheet_xml("A1:XFD1048576", &catalogue_rows(), far))],
        &shared("1"),
    );
    let (_, l) = loaded(read(&book, &job("dimension.xlsx"), &rd()));
    assert_eq!(l.offers.len(), 2);
    assert!(
        l.problems
            .iter()
            .any(|p| p.line == 1_048_576 && p.message.contains("au-delà de la ligne")),
        "{:?}",
        l.problems
    );
}

#[test]
fn a_zip_bomb_is_refused_with_the_inflated_limit() {
    let mut xml = sheet_xml("A1:G4", &catalogue_rows(), "").into_bytes();
    let at = xml.len() - "</sheetData></worksheet>".len();
    xml.splice(
        at..at,
        std::iter::repeat_n(b' ', MAX_INFLATED_BYTES as usize + 1),
    );
    let book = xlsx(
        &[("Offres", String::from_utf8(xml).expect("UTF-8"))],
        &shared("1"),
    );
    assert!(book.len() < 1024 * 1024, "{}", book.len());
    let e = failed(read(&book, &job("bombe.xlsx"), &rd()));
    assert!(e.contains("se décompresse en plus de 100 Mo"), "{e}");
}

#[test]
fn an_ods_of_repeated_cells_is_refused_with_the_cell_limit() {
    let book = ods(
        r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    let e = failed(read(&book, &job("bombe.ods"), &rd()));
    assert!(
        e.contains(&format!("limite de {MAX_SHEET_CELLS} cellules")),
        "{e}"
    );
}

#[test]
fn an_old_binary_workbook_is_refused_with_what_to_do() {
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(512, 0);
    let e = failed(read(&xls, &job("ancien.xls"), &rd()));
    assert!(e.contains("XLS") && e.contains("XLSX, ODS ou CSV"), "{e}");
    // A file named .xlsx that is not a workbook at all.
    let e = failed(read(b"PK\x03\x04rest", &job("faux.xlsx"), &rd()));
    assert!(e.contains("classeur illisible"), "{e}");
}

/// A cell with line breaks (Alt+Entrée in a spreadsheet: an address on two lines) does not
/// push the rows below it down: the bad row is still named at the sheet's row 3, and the cell
/// keeps its line breaks. Before, every row after it was named one line too far per break.
#[test]
fn a_cell_on_several_lines_keeps_the_sheets_row_numbers() {
    let mut table = catalogue_rows();
    table[1][1] = "Auto-école solidaire\n12 rue des Lilas\r\n44000 Nantes".to_string();
    let book = xlsx(&[("Offres", sheet_xml("A1:G4", &table, ""))], &shared("1"));
    let (_, l) = loaded(read(&book, &job("partenaires.xlsx"), &rd()));
    let ids: Vec<&str> = l.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["asso-permis", "asso-cv"]);
    assert_eq!(
        l.offers[0].organisation.as_str(),
        "Auto-école solidaire\n12 rue des Lilas\n44000 Nantes"
    );
    let bad = l
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("an error");
    assert_eq!((bad.line, bad.column), (3, Some(4)), "{bad:?}");
    let last = l
        .offers
        .iter()
        .find(|o| o.id.as_str() == "asso-cv")
        .expect("row 4");
    assert_eq!(last.line, 4);
}
