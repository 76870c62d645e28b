//! Workbooks and files that fight back (issue 10): each is made here, a few KB at most, and
//! must end in a sentence naming the limit — never a crash, never gigabytes of memory.

mod common;
use common::relais;
use relais_core::limits::{MAX_INFLATED_BYTES, MAX_SHARED_STRINGS, MAX_SHEET_CELLS};
use std::io::Write;
use zip::write::SimpleFileOptions;

fn temp_path(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("relais-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name).to_string_lossy().into_owned()
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

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An XLSX workbook with this first sheet and these shared strings.
fn xlsx(sheet: &[u8], shared: &str) -> Vec<u8> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="catalogue" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let book_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    zip_bytes(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

fn inline(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A valid catalogue of one offer on rows 1–2, then `more` (XML of further rows).
fn sheet_xml(dimension: &str, more: &str) -> String {
    let header = [
        "id",
        "organisation",
        "titre",
        "type",
        "milieu",
        "departements",
    ];
    let values = ["x1", "Asso", "Atelier", "atelier", "dehors", "44"];
    let cols = ["A", "B", "C", "D", "E", "F"];
    let row = |r: usize, cells: &[&str]| {
        let inner: String = cells
            .iter()
            .zip(cols)
            .map(|(t, c)| inline(&format!("{c}{r}"), t))
            .collect();
        format!(r#"<row r="{r}">{inner}</row>"#)
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{}{}{more}</sheetData></worksheet>"#,
        row(1, &header),
        row(2, &values)
    )
}

fn shared(unique: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1" uniqueCount="{unique}"><si><t>x</t></si></sst>"#
    )
}

fn check(name: &str, bytes: &[u8]) -> (i32, String, String) {
    let path = temp_path(name);
    std::fs::write(&path, bytes).expect("write");
    relais(&["check", &path])
}

#[test]
fn a_plain_workbook_still_reads() {
    let (code, out, err) = check(
        "ok.xlsx",
        &xlsx(sheet_xml("A1:F2", "").as_bytes(), &shared("1")),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 offre(s) valide(s)"), "{out}");
}

#[test]
fn an_absurd_shared_string_count_is_refused_with_the_limit() {
    let (code, out, err) = check(
        "unique.xlsx",
        &xlsx(
            sheet_xml("A1:F2", "").as_bytes(),
            &shared("1000000000000000000"),
        ),
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("uniqueCount") && err.contains(&MAX_SHARED_STRINGS.to_string()),
        "{err}"
    );
}

#[test]
fn a_whole_sheet_dimension_and_a_far_cell_do_not_allocate_the_sheet() {
    let far = format!(r#"<row r="1048576">{}</row>"#, inline("XFD1048576", "loin"));
    let (code, out, err) = check(
        "dimension.xlsx",
        &xlsx(sheet_xml("A1:XFD1048576", &far).as_bytes(), &shared("1")),
    );
    // The offer loads; the far cell is reported, not read.
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("1 offre(s) valide(s)"), "{out}");
    assert!(
        out.contains(":1048576:0: 1 cellule(s) au-delà de la ligne"),
        "{out}"
    );
}

#[test]
fn a_zip_bomb_is_refused_with_the_inflated_limit() {
    // One part that inflates past the limit: a sheet of spaces, about 100 KB compressed.
    let mut sheet = sheet_xml("A1:F2", "").into_bytes();
    let at = sheet.len() - "</sheetData></worksheet>".len();
    sheet.splice(
        at..at,
        std::iter::repeat_n(b' ', MAX_INFLATED_BYTES as usize + 1),
    );
    let bytes = xlsx(&sheet, &shared("1"));
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    let (code, out, err) = check("bomb.xlsx", &bytes);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("se décompresse en plus de 100 Mo") && err.contains("limite"),
        "{err}"
    );
}

#[test]
fn an_ods_bomb_of_repeated_cells_names_the_limit() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="c"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let bytes = zip_bytes(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#),
        ("content.xml", content.as_bytes()),
    ]);
    let (code, out, err) = check("bomb.ods", &bytes);
    assert_eq!(code, 2, "{out}{err}");
    assert!(!err.contains("classeur illisible"), "{err}");
    assert!(
        err.contains(&format!("limite de {MAX_SHEET_CELLS} cellules")),
        "{err}"
    );
}

#[test]
fn an_xls_with_an_absurd_dimension_is_refused() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend_from_slice(&[0x00, 0x02, 0x0E, 0x00]);
    bytes.extend_from_slice(&0u32.to_le_bytes());
    bytes.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    bytes.extend_from_slice(&0u16.to_le_bytes());
    bytes.extend_from_slice(&0xFFu16.to_le_bytes());
    bytes.extend_from_slice(&[0, 0]);
    let (code, out, err) = check("dim.xls", &bytes);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("cellules"), "{err}");
}

#[test]
fn a_banned_place_with_an_accent_matches_without_a_crash() {
    let path = temp_path("sete.json");
    std::fs::write(
        &path,
        r#"{"situation": "dehors", "banned_places": ["Sète", "€12", "97éa"], "today": "2026-11-30"}"#,
    )
    .expect("write");
    let (code, out, err) = relais(&["match", "--profile", &path, "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("\"now\""), "{out}");
}

#[test]
fn the_csv_export_writes_no_live_formula() {
    let path = temp_path("formulas.csv");
    std::fs::write(
        &path,
        "id;organisation;titre;type;milieu;departements;contact;description\n\
         f1;@Asso;\"=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\";formation;dehors;44;+33 1 23 45 67 89;+cmd|' /C calc'!A0\n",
    )
    .expect("write");
    let (code, out, err) = relais(&["export", "--format", "csv", "--catalogue", &path]);
    assert_eq!(code, 0, "{err}");
    let row = out.lines().nth(1).expect("one row");
    assert!(row.contains(";'@Asso;"), "{row}");
    assert!(row.contains("\"'=HYPERLINK("), "{row}");
    assert!(row.contains(";'+33 1 23 45 67 89;"), "{row}");
    assert!(row.contains(";'+cmd|"), "{row}");
    // And it reads back as it was.
    let back = temp_path("formulas-back.csv");
    std::fs::write(&back, &out).expect("write");
    let (code, again, err) = relais(&["export", "--format", "csv", "--catalogue", &back]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(again, out);
}
