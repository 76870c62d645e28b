//! The catalogue reader: a wasm module of its own that only the page's Web Worker loads
//! (`worker.js`, fetched when an import starts, never at start). It holds every import format
//! of the core (`relais-core` with its `readers` feature: CSV, the JSON catalogue,
//! data·inclusion services and structures, Soliguide, LHEO, a column mapping), so the page's
//! own wasm links none of them (issue 16: the page builds the core without `readers`). XLSX and
//! ODS workbooks are read by a third module, the workbooks module (`crates/workbook`'s binary:
//! calamine, zip, the first sheet within `relais_core::limits`), which the worker loads only
//! for a file that starts like a workbook ([`is_workbook`]) and whose sheet, as CSV, this
//! reader then reads: a CSV import never pays for it.
//!
//! One job per worker. The page → the reader: `{name, data, file | url | text | bytes, step,
//! mapping, host_mapping, communes}` (see [`Job`]). The reader → the page, in order: `read`
//! (bytes read, of the total), `check`, then either `head` (how it was read, counts) and the
//! binary chunks of [`chunks`] (problems, then offers); or `table` (the mapping step's columns, first values
//! and proposal); or `error`. Last, an object with the file's bytes (transferred, not copied;
//! for a workbook, its first sheet as CSV: what the page keeps and maps) and whether they wait
//! for the mapping step.
//!
//! Offers and problems cross as binary chunks (`relais_core::handover`: one buffer per
//! message, transferred, not copied; the page decodes it straight into offers, no JavaScript
//! string, no CSV read again), [`CHUNK_OFFERS`] offers or [`CHUNK_PROBLEMS`] problems each:
//! the page decodes one chunk per task. Hours cross once per job and are shared again on the
//! page. [`read`], [`messages`] and [`chunks`] are pure and tested natively; the page's
//! `src/worker.rs` unpacks.

use relais_core::catalogue::{self, Column, Loaded, Problem, Severity};
use relais_core::distructures::Structures;
use relais_core::handover;
use relais_core::mapping::{self, Mapping, Table};
use relais_core::model::Offer;
use relais_core::refdata::RefData;
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
mod serve;
#[cfg(target_arch = "wasm32")]
pub use serve::{serve_port, serve_worker};

/// Off wasm (native tests), nothing to serve.
#[cfg(not(target_arch = "wasm32"))]
pub fn serve_worker() {}

/// Offers per message: one chunk is decoded by the page in one task, well under 50 ms.
pub const CHUNK_OFFERS: usize = 1_000;
/// Problems per message.
pub const CHUNK_PROBLEMS: usize = 2_000;

/// What the page asks of one file.
#[derive(Clone, Debug, Default)]
pub struct Job {
    /// The file's name, in every problem.
    pub name: String,
    /// A file the user chose: when its columns are not Relais's, give the mapping step its
    /// table rather than a report of missing columns.
    pub step: bool,
    /// « Appliquer » of the mapping step: read the file through this mapping.
    pub mapping: Option<Mapping>,
    /// The association's mapping (`relais.config.json`, `"correspondance"`): applied when the
    /// file's columns are not Relais's.
    pub host_mapping: Option<Mapping>,
    /// The file was a workbook, read by [`open`]: its first sheet is the CSV being read.
    pub sheet: Option<SheetRead>,
}

/// What reading a workbook's first sheet gave besides its CSV: how it was read (« classeur
/// XLSX, première feuille « Offres » (sur 2 …) ») and the cells left out past the limits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetRead {
    pub how: String,
    pub left_out: Vec<(usize, String)>,
}

/// Is this file a workbook (a zip or an OLE file by its first bytes)? In the browser, such a
/// file goes to the workbooks module (`crates/workbook`'s own wasm, loaded for it alone), which
/// gives back its first sheet as CSV; any other file is read here at once.
pub fn is_workbook(bytes: &[u8]) -> bool {
    relais_workbook::is_workbook(bytes)
}

/// A file as the rest of the reader reads it: a workbook becomes its first sheet as CSV (the
/// command line's reading, `relais_workbook::first_sheet_modern`, with its limits); any other
/// file stays as it is. An error: the workbook is refused, with the limit it passes.
///
/// What the workbooks module does in the browser (`crates/workbook/src/main.rs`, the same
/// function; `serve.rs` asks it): here for the native tests and the app's, so that the
/// reader's own wasm, which never calls it, links no workbook reader.
pub fn open(bytes: Vec<u8>) -> Result<(Vec<u8>, Option<SheetRead>), String> {
    if !is_workbook(&bytes) {
        return Ok((bytes, None));
    }
    let sheet = relais_workbook::first_sheet_modern(&bytes)?;
    drop(bytes);
    let read = SheetRead {
        how: sheet.how(),
        left_out: sheet.left_out,
    };
    Ok((sheet.csv.into_bytes(), Some(read)))
}

/// What reading a file gave.
#[derive(Debug)]
pub enum Outcome {
    /// A workbook refused (a limit passed, an old binary format, a broken file): why.
    Failed(String),
    /// Other columns than Relais's: the mapping step's table, the mapping proposed for it,
    /// and for each column the value maps proposed if it were given to a closed field.
    Table {
        table: Table,
        proposed: Mapping,
        values: Vec<ColumnValues>,
        /// A workbook's sheet: which one (« classeur XLSX, première feuille « Offres » »).
        sheet: Option<String>,
    },
    /// Read: how, the valid offers and every problem.
    Loaded { how: String, loaded: Loaded },
    /// No offer, but a data·inclusion structures file: its structures, for the page to join
    /// with the services of its catalogues (the page does not read the file itself).
    Structures(Structures),
}

/// The values of a source column translated for a closed field (`type`, `milieu`…), as the
/// mapping step proposes them when the user gives the column to that field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnValues {
    pub header: String,
    pub field: Column,
    pub values: Vec<(String, String)>,
}

/// « UTF-8, séparateur ; » or « UTF-8, JSON ».
pub fn how(l: &Loaded) -> String {
    match l.delimiter {
        Some(d) => format!("{}, séparateur « {} »", l.encoding, d as char),
        None => format!("{}, JSON", l.encoding),
    }
}

/// The value maps `mapping::propose` gives each column of `table` for each closed field.
pub fn closed_values(table: &Table) -> Vec<ColumnValues> {
    let mut out = Vec::new();
    for (header, distinct) in table.header.iter().zip(&table.distinct) {
        for field in Column::ALL
            .iter()
            .copied()
            .filter(|c| mapping::is_closed(*c))
        {
            let only = Table {
                header: vec![field.name().to_string()],
                rows: Vec::new(),
                distinct: vec![distinct.clone()],
            };
            let values = mapping::propose(&only, &RefData::default())
                .mapping
                .rule(field)
                .map(|r| r.values.clone())
                .unwrap_or_default();
            if !values.is_empty() {
                out.push(ColumnValues {
                    header: header.clone(),
                    field,
                    values,
                });
            }
        }
    }
    out
}

/// Read one file as the page asked (a workbook through [`open`] first).
pub fn read(bytes: &[u8], job: &Job, refdata: &RefData) -> Outcome {
    let (bytes, sheet) = match open(bytes.to_vec()) {
        Ok(opened) => opened,
        Err(e) => return Outcome::Failed(e),
    };
    let job = &Job {
        sheet: sheet.or_else(|| job.sheet.clone()),
        ..job.clone()
    };
    match table_for_step(&bytes, job) {
        Some(table) => step(table, job, refdata),
        None => load(&bytes, job, refdata),
    }
}

/// The table of a file the user chose whose columns are not Relais's (nor a data·inclusion
/// structures file's, which is read and joined, not mapped): for the mapping step. `None`: the
/// file is to be read ([`load`]). Reads no commune: the worker reads the commune list only
/// for a file it loads (its fetch starts with the job, while the file is read). `bytes`: a
/// workbook already [`open`]ed (its sheet as CSV).
pub fn table_for_step(bytes: &[u8], job: &Job) -> Option<Table> {
    if !job.step || job.mapping.is_some() || job.host_mapping.is_some() {
        return None;
    }
    let table = mapping::needs_mapping(bytes)?;
    Structures::read(bytes, &job.name).is_err().then_some(table)
}

/// The mapping step's outcome for a table: the mapping proposed and the closed values (and
/// which sheet, for a workbook).
pub fn step(table: Table, job: &Job, refdata: &RefData) -> Outcome {
    Outcome::Table {
        proposed: mapping::propose(&table, refdata).mapping,
        values: closed_values(&table),
        table,
        sheet: job.sheet.as_ref().map(|s| s.how.clone()),
    }
}

/// Read a file that does not go to the mapping step: through the step's mapping
/// (« Appliquer »), through the association's when its columns are not Relais's, or as it is.
/// A workbook's sheet ([`open`]) says so in `how`, and its cells left out are problems.
pub fn load(bytes: &[u8], job: &Job, refdata: &RefData) -> Outcome {
    let loaded = |m: Option<&Mapping>| {
        let mut l = catalogue::load_mapped(bytes, &job.name, refdata, m);
        let how = match &job.sheet {
            Some(sheet) => {
                for (line, message) in &sheet.left_out {
                    l.problems
                        .push(Problem::error(&job.name, *line, message.clone()));
                }
                sheet.how.clone()
            }
            None => how(&l),
        };
        Outcome::Loaded { how, loaded: l }
    };
    if let Some(m) = &job.mapping {
        return loaded(Some(m));
    }
    let outcome = match &job.host_mapping {
        Some(m) if mapping::needs_mapping(bytes).is_some() => loaded(Some(m)),
        _ => loaded(None),
    };
    match outcome {
        Outcome::Loaded { how, loaded } if loaded.offers.is_empty() => {
            match Structures::read(bytes, &job.name) {
                Ok(st) => Outcome::Structures(st),
                Err(_) => Outcome::Loaded { how, loaded },
            }
        }
        other => other,
    }
}

/// A message: a JSON object of these keys.
pub fn message(t: &str, fields: Vec<(&str, Value)>) -> String {
    let mut m = serde_json::Map::new();
    m.insert("t".into(), Value::from(t));
    for (k, v) in fields {
        m.insert(k.into(), v);
    }
    Value::Object(m).to_string()
}

fn list(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::from(s.as_str())).collect())
}

/// Problems as one message.
pub fn pack_problems(problems: &[Problem]) -> String {
    let opt = |v: Option<Value>| v.unwrap_or(Value::Null);
    let problems = problems
        .iter()
        .map(|p| {
            let mut m = serde_json::Map::new();
            m.insert("file".into(), Value::from(p.file.as_str()));
            m.insert("line".into(), Value::from(p.line as u64));
            m.insert(
                "column".into(),
                opt(p.column.map(|c| Value::from(c as u64))),
            );
            m.insert("field".into(), opt(p.field.as_deref().map(Value::from)));
            let warning = p.severity == Severity::Warning;
            m.insert(
                "severity".into(),
                Value::from(if warning { "warning" } else { "error" }),
            );
            m.insert("message".into(), Value::from(p.message.as_str()));
            Value::Object(m)
        })
        .collect();
    message("problems", vec![("problems", problems)])
}

/// A mapping as the page holds it, field by field: `{name, keep, fields: [[field, column,
/// [[from, to]…], default, template, [commune name column, postal code column]], …]}` (`null`
/// where a rule has none). The page reads no mapping file: the reader parses it
/// (`mapping::parse`, with its problems) and hands it over in this form.
pub fn pack_mapping(m: &Mapping) -> Value {
    let opt = |v: &Option<String>| v.as_deref().map_or(Value::Null, Value::from);
    let fields = m
        .fields
        .iter()
        .map(|(c, r)| {
            let values = r
                .values
                .iter()
                .map(|(a, b)| Value::Array(vec![Value::from(a.as_str()), Value::from(b.as_str())]))
                .collect();
            let commune = r.commune.as_ref().map_or(Value::Null, |cs| {
                Value::Array(vec![opt(&cs.name), opt(&cs.postal_code)])
            });
            Value::Array(vec![
                Value::from(c.name()),
                opt(&r.column),
                values,
                opt(&r.default),
                opt(&r.template),
                commune,
            ])
        })
        .collect();
    let mut o = serde_json::Map::new();
    o.insert("name".into(), Value::from(m.name.as_str()));
    o.insert("keep".into(), list(&m.keep));
    o.insert("fields".into(), fields);
    Value::Object(o)
}

/// A mapping file the user opened (or the association's `correspondance`), read here: the
/// messages `mapping` (the mapping, [`pack_mapping`]) and `problems` (what it said).
pub fn mapping_messages(text: &str, file: &str) -> Vec<String> {
    let (m, problems) = mapping::parse(text, file);
    let mut out = vec![message("mapping", vec![("mapping", pack_mapping(&m))])];
    out.extend(problems.chunks(CHUNK_PROBLEMS).map(pack_problems));
    out
}

/// The mapping step's table as one message: header, first rows, distinct values, the
/// proposed mapping ([`pack_mapping`]), the closed values, and for a workbook which sheet it
/// is.
pub fn pack_table(
    table: &Table,
    proposed: &Mapping,
    values: &[ColumnValues],
    sheet: Option<&str>,
) -> String {
    let rows = |r: &[Vec<String>]| -> Value { r.iter().map(|x| list(x)).collect() };
    let values = values
        .iter()
        .map(|v| {
            let pairs: Value = v
                .values
                .iter()
                .map(|(a, b)| Value::Array(vec![Value::from(a.as_str()), Value::from(b.as_str())]))
                .collect();
            Value::Array(vec![
                Value::from(v.header.as_str()),
                Value::from(v.field.name()),
                pairs,
            ])
        })
        .collect();
    message(
        "table",
        vec![
            ("header", list(&table.header)),
            ("rows", rows(&table.rows)),
            ("distinct", rows(&table.distinct)),
            ("mapping", pack_mapping(proposed)),
            ("values", values),
            ("sheet", sheet.map_or(Value::Null, Value::from)),
        ],
    )
}

/// A structures file's structures as one message: each a list of its fields (id, name, siret,
/// address, postal code, town, INSEE code, phone, e-mail, website, source link).
pub fn pack_structures(st: &Structures) -> String {
    let list = st
        .iter()
        .map(|s| {
            list(&[
                s.id.clone(),
                s.name.clone(),
                s.siret.clone(),
                s.address.clone(),
                s.postal_code.clone(),
                s.town.clone(),
                s.insee.clone(),
                s.phone.clone(),
                s.email.clone(),
                s.website.clone(),
                s.source_link.clone(),
            ])
        })
        .collect();
    message("structures", vec![("structures", list)])
}

/// What a read gives the page, in text messages (then, for a file read, the binary chunks of
/// [`chunks`]; the last message, the bytes, is the caller's).
pub fn messages(outcome: &Outcome, with_communes: bool) -> Vec<String> {
    match outcome {
        Outcome::Structures(st) => vec![pack_structures(st)],
        Outcome::Failed(error) => vec![message(
            "error",
            vec![("error", Value::from(error.as_str()))],
        )],
        Outcome::Table {
            table,
            proposed,
            values,
            sheet,
        } => vec![pack_table(table, proposed, values, sheet.as_deref())],
        Outcome::Loaded { how, loaded } => vec![message(
            "head",
            vec![
                ("how", Value::from(how.as_str())),
                ("offers", Value::from(loaded.offers.len() as u64)),
                ("problems", Value::from(loaded.problems.len() as u64)),
                ("communes", Value::from(with_communes)),
            ],
        )],
    }
}

/// The binary chunks of a file read (`relais_core::handover`), made one at a time as the
/// caller sends them (the worker never holds them all): the problems first, then the offers.
/// Decoded in this order by one `handover::Decoder`.
pub fn chunks(outcome: &Outcome) -> impl Iterator<Item = Vec<u8>> + '_ {
    let (problems, offers): (&[Problem], &[Offer]) = match outcome {
        Outcome::Loaded { loaded, .. } => (&loaded.problems, &loaded.offers),
        _ => (&[], &[]),
    };
    let mut encoder = handover::Encoder::new();
    let problems = problems.chunks(CHUNK_PROBLEMS).map(|p| (p, &[][..]));
    let offers = offers.chunks(CHUNK_OFFERS).map(|o| (&[][..], o));
    problems
        .chain(offers)
        .map(move |(p, o)| encoder.chunk(p, o))
}

#[cfg(test)]
mod tests {
    //! What a job gives, from the page's side: the format read, the mapping step's table, a
    //! mapping applied.
    use super::*;

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

    const SHEET: &str = "Structure;Mesure;Dpt;Ville;CP;SIRET\n\
        Jardins de Vaise;ACI;069;LYON 09;69009;12345678900011\n\
        Le Relais Bâtiment;EITI;069;VENISSIEUX;69200;12345678900029\n";

    #[test]
    fn a_relais_csv_and_a_data_inclusion_json_are_read_with_their_report() {
        let rd = rd();
        let seed = relais_core::refdata::SEED_CATALOGUE.as_bytes();
        let Outcome::Loaded { how, loaded } = read(seed, &job("catalogue.csv"), &rd) else {
            panic!("read");
        };
        assert!(how.starts_with("UTF-8, séparateur"), "{how}");
        assert!(!loaded.offers.is_empty());
        let services = r#"[{"id": "s1", "nom": "Aide au permis", "structure_id": "asso",
            "source": "x", "zone_eligibilite": ["44"], "code_insee": "44109",
            "date_maj": "2026-10-01"}]"#;
        let Outcome::Loaded { how, loaded } = read(services.as_bytes(), &job("s.json"), &rd) else {
            panic!("read");
        };
        assert_eq!(how, "UTF-8, JSON");
        assert_eq!(loaded.offers.len(), 1, "{:?}", loaded.problems);
    }

    #[test]
    fn other_columns_give_the_mapping_step_its_table_and_proposal_then_the_mapping_reads_it() {
        let rd = rd();
        let Outcome::Table {
            table,
            proposed,
            values,
            ..
        } = read(SHEET.as_bytes(), &job("partenaires.csv"), &rd)
        else {
            panic!("a table");
        };
        assert_eq!(table.header[0], "Structure");
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            proposed
                .rule(Column::Organisation)
                .and_then(|r| r.column.as_deref()),
            Some("Structure")
        );
        // « Mesure » given to `type`: EITI is proposed as an EI.
        let mesure = values
            .iter()
            .find(|v| v.header == "Mesure" && v.field == Column::Type)
            .expect("values for Mesure as type");
        assert_eq!(mesure.values, [("EITI".to_string(), "ei".to_string())]);
        // Not for the user's file alone (the association's, a kept one): the loader's report.
        let plain = Job {
            step: false,
            ..job("partenaires.csv")
        };
        assert!(matches!(
            read(SHEET.as_bytes(), &plain, &rd),
            Outcome::Loaded { .. }
        ));
        // « Appliquer »: read through the mapping.
        let mut m = proposed.clone();
        let mut r = m.rule(Column::Type).cloned().unwrap_or_default();
        r.values.retain(|(from, _)| from != "EITI");
        r.values.push(("EITI".into(), "etti".into()));
        m.set_rule(Column::Type, Some(r));
        let apply = Job {
            mapping: Some(m),
            ..job("partenaires.csv")
        };
        let Outcome::Loaded { loaded, .. } = read(SHEET.as_bytes(), &apply, &rd) else {
            panic!("loaded");
        };
        let kinds: Vec<&str> = loaded.offers.iter().map(|o| o.kind.code()).collect();
        assert_eq!(kinds, ["aci", "etti"]);
        // The association's mapping, for its own file.
        let hosted = Job {
            host_mapping: Some(proposed),
            step: false,
            ..job("partenaires.csv")
        };
        let Outcome::Loaded { loaded, .. } = read(SHEET.as_bytes(), &hosted, &rd) else {
            panic!("loaded");
        };
        let kinds: Vec<&str> = loaded.offers.iter().map(|o| o.kind.code()).collect();
        assert_eq!(kinds, ["aci", "ei"]);
    }

    #[test]
    fn only_a_file_that_starts_like_a_workbook_goes_to_the_workbooks_module() {
        // XLSX, ODS (zip) and XLS (OLE, to refuse with what to do): by their first bytes.
        for bytes in [
            &b"PK\x03\x04rest"[..],
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1][..],
        ] {
            assert!(is_workbook(bytes), "{bytes:?}");
        }
        // Every other import is read at once, whatever its name says.
        let utf16 = [0xFF, 0xFE, b'i', 0, b'd', 0];
        for bytes in [
            SHEET.as_bytes(),
            "\u{FEFF}id;titre\n".as_bytes(),
            b"[{\"id\": \"s1\"}]",
            b"<?xml version=\"1.0\"?><lheo/>",
            &utf16[..],
            b"PK",
            b"",
        ] {
            assert!(!is_workbook(bytes), "{bytes:?}");
        }
        // A workbook refused natively says what the workbooks module says in the browser.
        let e = open(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).expect_err("XLS");
        assert!(
            e.contains("l'enregistrer au format XLSX, ODS ou CSV"),
            "{e}"
        );
    }

    #[test]
    fn a_structures_file_is_not_mapped() {
        let rd = rd();
        let structures = "id;nom;siret;commune\nst-1;Maison;12345678900011;Nantes\n";
        let outcome = read(structures.as_bytes(), &job("structures.csv"), &rd);
        let Outcome::Structures(st) = &outcome else {
            panic!("{outcome:?}");
        };
        assert_eq!(
            st.get("st-1").map(|s| s.siret.as_str()),
            Some("12345678900011")
        );
        // Handed to the page whole.
        let v: Value = serde_json::from_str(&messages(&outcome, false)[0]).expect("JSON");
        assert_eq!(v["t"], "structures");
        assert_eq!(v["structures"][0][0], "st-1");
        assert_eq!(v["structures"][0][5], "Nantes");
    }

    #[test]
    fn the_messages_carry_every_offer_and_problem_in_chunks() {
        let rd = rd();
        // 3,500 offers and some problems: several chunks, hours shared across them.
        let mut csv = relais_core::synthetic::catalogue_csv(3_500, &rd);
        csv.push_str("bad-1;Asso;Atelier;nimporte;dehors;;44\n");
        let outcome = read(csv.as_bytes(), &job("big.csv"), &rd);
        let Outcome::Loaded { loaded, .. } = &outcome else {
            panic!("read");
        };
        assert!(!loaded.problems.is_empty());
        let msgs = messages(&outcome, true);
        let v: Value = serde_json::from_str(&msgs[0]).expect("JSON");
        assert_eq!(v["t"], "head");
        assert_eq!(v["offers"], loaded.offers.len() as u64);
        assert_eq!(v["problems"], loaded.problems.len() as u64);
        let mut decoder = handover::Decoder::new();
        let (mut offers, mut problems, mut n) = (Vec::new(), Vec::new(), 0);
        for c in chunks(&outcome) {
            let c = decoder.chunk(&c).expect("a chunk");
            offers.extend(c.offers);
            problems.extend(c.problems);
            n += 1;
        }
        assert_eq!(n, 5, "one chunk of problems, four of offers");
        assert_eq!(problems, loaded.problems);
        assert_eq!(offers, loaded.offers);
        // The hours are shared on the page as in the reader: one `Schedule` for one text.
        let first = offers
            .first()
            .and_then(|o| o.schedule.clone())
            .expect("hours");
        let same = offers
            .iter()
            .filter(|o| o.schedule_text == offers[0].schedule_text)
            .filter_map(|o| o.schedule.as_ref());
        assert!(same.clone().count() > 1);
        assert!(same.into_iter().all(|s| std::sync::Arc::ptr_eq(s, &first)));
    }
}
