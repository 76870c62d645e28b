//! The catalogue in use and where it comes from: the seed bundled with the app, the
//! association's own (named by `relais.config.json` next to `index.html`), or a file the user
//! imported — kept in this browser only if they choose to. Pure: `state.rs` calls it on
//! [`CatalogueAction`]s, `browser.rs` does the fetching, reading and storing.
//!
//! A catalogue is not personal data; still nothing is stored without the user's choice.

use crate::state::State;
use relais_core::catalogue::{self, Problem, Severity};
use relais_core::refdata::SEED_CATALOGUE;
use std::rc::Rc;

/// The hosting configuration, next to `index.html`. The app ships one that names nothing.
pub const CONFIG_URL: &str = "relais.config.json";
/// The bundled catalogue's name in reports.
pub const SEED_FILE: &str = "data/catalogue.csv";

/// What an association writes in `relais.config.json` (every key optional; `""` = not set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostConfig {
    /// The association's name, shown in the header.
    pub nom: String,
    /// A logo file of the same site (relative path), shown next to the name.
    pub logo: String,
    /// How to reach the association, shown as written.
    pub contact: String,
    /// The association's catalogue file of the same site (relative path), used instead of the
    /// bundled one.
    pub catalogue: String,
    /// A mapping file of the same site (`"correspondance"`) through which that catalogue is
    /// read when its columns are not Relais's (docs/hosting.md).
    pub correspondance: String,
    /// The service printed on the orientation sheets (name, address, phone), as written;
    /// the counsellor can type another on the sheet.
    pub fiche_service: String,
    /// The counsellor printed on the sheets (name, phone, e-mail), as written.
    pub fiche_conseiller: String,
    /// What was wrong in the file (a key ignored), for the catalogue panel.
    pub problems: Vec<String>,
}

/// A path of the app's own site: relative (`catalogue.csv`, `donnees/partenaires.csv`) or from
/// the site's root (`/relais/logo.svg`). Anything that could name another site is refused: the
/// app requests nothing from elsewhere (and the Content-Security-Policy would block it).
pub fn local_path(p: &str) -> Result<String, String> {
    let p = p.trim();
    if p.starts_with("//") || p.contains(':') || p.contains('\\') {
        return Err(format!(
            "« {p} » n'est pas un fichier de ce site : indiquer un chemin relatif (catalogue.csv)"
        ));
    }
    Ok(p.to_string())
}

impl HostConfig {
    pub fn parse(text: &str) -> Result<HostConfig, String> {
        // Read as a JSON value (already in the bundle) rather than with a derived
        // deserializer: a few KB less to download.
        let v: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("{CONFIG_URL} illisible : {e}"))?;
        let obj = v
            .as_object()
            .ok_or_else(|| format!("{CONFIG_URL} doit être un objet JSON ({{\"nom\": …}})"))?;
        let get = |k: &str| {
            obj.get(k)
                .and_then(serde_json::Value::as_str)
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let mut c = HostConfig {
            nom: get("nom"),
            contact: get("contact"),
            fiche_service: get("fiche_service"),
            fiche_conseiller: get("fiche_conseiller"),
            ..HostConfig::default()
        };
        for (key, slot) in [
            ("logo", &mut c.logo),
            ("catalogue", &mut c.catalogue),
            ("correspondance", &mut c.correspondance),
        ] {
            match local_path(&get(key)) {
                Ok(v) => *slot = v,
                Err(e) => c.problems.push(format!("{key} : {e}")),
            }
        }
        Ok(c)
    }

    /// Nothing to show in the header.
    pub fn is_blank(&self) -> bool {
        self.nom.is_empty() && self.logo.is_empty() && self.contact.is_empty()
    }

    /// The `source` of a data·inclusion export: the association's name as a slug.
    pub fn source(&self) -> String {
        let s = relais_core::text::slug(&self.nom);
        if s.is_empty() {
            "relais".into()
        } else {
            s
        }
    }
}

/// Where the catalogue in use comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// Bundled with the app (`data/catalogue.csv`).
    #[default]
    Seed,
    /// The association's, named by `relais.config.json`.
    Hosted(String),
    /// Imported by the user from this file.
    Imported(String),
    /// Imported earlier and kept in this browser.
    Kept(String),
}

impl Source {
    pub fn code(&self) -> &'static str {
        match self {
            Source::Seed => "seed",
            Source::Hosted(_) => "hosted",
            Source::Imported(_) => "imported",
            Source::Kept(_) => "kept",
        }
    }

    pub fn file(&self) -> &str {
        match self {
            Source::Seed => SEED_FILE,
            Source::Hosted(f) | Source::Imported(f) | Source::Kept(f) => f,
        }
    }

    /// Imported by the user (now or earlier): can be kept, and replaced by the default.
    pub fn is_user_file(&self) -> bool {
        matches!(self, Source::Imported(_) | Source::Kept(_))
    }
}

/// Bytes shared without copying; equal when they are the same bytes in memory (Yew compares
/// states on every render).
#[derive(Clone, Debug)]
pub struct Bytes(pub Rc<Vec<u8>>);

impl PartialEq for Bytes {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// What became of the last file the user chose.
#[derive(Clone, Debug, PartialEq)]
pub enum Attempt {
    /// Its valid rows are in use (its problems are the catalogue's, see `State`).
    Used { file: String },
    /// No valid offer: the catalogue in use did not change.
    Rejected {
        file: String,
        how: String,
        problems: Rc<Vec<Problem>>,
    },
    /// An XLSX/ODS/XLS workbook: the browser asks for a CSV export.
    Spreadsheet { file: String },
    /// The browser could not read the file.
    Unreadable { file: String, error: String },
    /// The user stopped the reading: the catalogue in use did not change.
    Cancelled { file: String },
}

/// Everything about the catalogue that is not the offers themselves (`State::offers`) and
/// their problems (`State::catalogue_problems`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatalogueState {
    pub source: Source,
    /// How the catalogue in use was read (« UTF-8, séparateur ; »).
    pub how: String,
    /// The file of the catalogue in use, when it is not the seed: read again when the commune
    /// list arrives (communes by name), kept in the browser when asked.
    pub raw: Option<Bytes>,
    /// The catalogue in use was read with the commune list: no need to read it again.
    pub with_communes: bool,
    /// The last file the user chose, and what became of it.
    pub attempt: Option<Attempt>,
    /// `relais.config.json`, once read (`None`: absent, broken or not yet read).
    pub config: Option<HostConfig>,
    /// Why the configuration was not used (shown quietly in the panel).
    pub config_problem: Option<String>,
    /// The association's catalogue file, once fetched: the default instead of the seed.
    pub hosted: Option<(String, Bytes)>,
    /// Why the association's catalogue is not in use (fetch failed, no valid offer).
    pub hosted_problem: Option<String>,
    /// The file name of the catalogue kept in this browser, if any.
    pub stored: Option<String>,
    /// The catalogue in use is the one kept in this browser.
    pub kept: bool,
    /// The browser refused to keep or forget the catalogue.
    pub storage_error: Option<String>,
}

pub enum CatalogueAction {
    /// A file chosen or dropped by the user: its name and bytes, read here (`relais.html`
    /// opened from a file, where no worker can start).
    Import { file: String, bytes: Vec<u8> },
    /// A file chosen or dropped by the user, read by the worker (`worker.rs`).
    Read {
        file: String,
        bytes: Vec<u8>,
        read: Read,
    },
    /// The user stopped the reading of a file.
    Cancelled { file: String },
    /// The worker found a workbook (by its first bytes) rather than a CSV or JSON export.
    Spreadsheet { file: String },
    /// The chosen file could not be read.
    ImportFailed { file: String, error: String },
    /// The text of `relais.config.json`, or why it could not be fetched.
    Config(Result<String, String>),
    /// The association's catalogue file, or why it could not be fetched.
    Hosted {
        file: String,
        result: Result<Vec<u8>, String>,
    },
    /// The association's catalogue file, read by the worker.
    HostedRead {
        file: String,
        bytes: Vec<u8>,
        read: Read,
    },
    /// The catalogue kept in this browser, read at start.
    Kept { file: String, text: String },
    /// The browser kept (`Some(file)`) or forgot (`None`) the catalogue, or refused.
    Stored(Result<Option<String>, String>),
    /// Back to the default catalogue: the association's, or the bundled one.
    Default,
    /// Close the report of the last file.
    DismissReport,
}

/// Is this file an XLSX/ODS/XLS workbook rather than a CSV or JSON export?
pub fn is_spreadsheet(file: &str, bytes: &[u8]) -> bool {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    ["xlsx", "xlsm", "xls", "xlsb", "ods", "ots", "xltx"].contains(&ext.as_str())
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A catalogue file as read: how, its valid offers and every problem. Read by the worker
/// (`worker.rs`) or, where none can start, here ([`read_here`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    /// « UTF-8, séparateur ; ».
    pub how: String,
    /// Read with the commune list (communes written by name found).
    pub with_communes: bool,
    pub offers: Vec<relais_core::model::Offer>,
    pub problems: Vec<Problem>,
}

/// « UTF-8, séparateur ; » or « UTF-8, JSON ».
pub fn how(l: &catalogue::Loaded) -> String {
    match l.delimiter {
        Some(d) => format!("{}, séparateur « {} »", l.encoding, d as char),
        None => format!("{}, JSON", l.encoding),
    }
}

/// The text to keep in the browser: the file decoded (Windows-1252 becomes UTF-8), so that it
/// reloads with the same lines, columns and problems.
pub fn text_of(raw: &Bytes) -> String {
    catalogue::decode(&raw.0).0
}

fn put_in_use(s: &mut State, source: Source, raw: Option<Bytes>, loaded: Read) {
    s.catalogue.how = loaded.how;
    s.catalogue.with_communes = loaded.with_communes;
    s.catalogue.source = source;
    s.catalogue.raw = raw;
    s.skill_suggestions = Rc::new(crate::present::skill_suggestions(
        &loaded.offers,
        &s.refdata,
    ));
    s.set_offers(loaded.offers);
    s.catalogue_problems = Rc::new(loaded.problems);
}

fn load(s: &State, file: &str, bytes: &[u8]) -> Read {
    let mapping = crate::mapping_state::for_hosted(s, file);
    read_of(
        catalogue::load_mapped(bytes, file, &s.refdata, mapping),
        &s.refdata,
    )
}

/// What loading gave, as the catalogue panel keeps it.
pub fn read_of(l: catalogue::Loaded, refdata: &relais_core::refdata::RefData) -> Read {
    Read {
        how: how(&l),
        with_communes: !refdata.communes.is_empty(),
        offers: l.offers,
        problems: l.problems,
    }
}

/// A file read through the mapping step: in use as an import. What is kept (and read again
/// when the commune list arrives) is its Relais CSV, which needs no mapping.
pub fn use_mapped(s: &mut State, file: String, loaded: catalogue::Loaded) -> bool {
    let relais_csv = catalogue::to_csv(&loaded.offers).into_bytes();
    let loaded = read_of(loaded, &s.refdata);
    use_import(s, file, relais_csv, loaded)
}

/// A file the user chose, read: its valid offers in use, or the report of why not.
fn use_import(s: &mut State, file: String, bytes: Vec<u8>, loaded: Read) -> bool {
    if loaded.offers.is_empty() {
        // Nothing usable: the catalogue in use stays as it is.
        s.catalogue.attempt = Some(Attempt::Rejected {
            file,
            how: loaded.how,
            problems: Rc::new(loaded.problems),
        });
        return false;
    }
    s.catalogue.attempt = Some(Attempt::Used { file: file.clone() });
    s.catalogue.kept = false;
    put_in_use(
        s,
        Source::Imported(file),
        Some(Bytes(Rc::new(bytes))),
        loaded,
    );
    true
}

/// The association's catalogue, read: the default from now on, in use unless the user chose
/// one.
fn use_hosted(s: &mut State, file: String, raw: Bytes, loaded: Read) -> bool {
    if loaded.offers.is_empty() {
        let errors: Vec<String> = loaded
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .take(3)
            .map(|p| p.to_string())
            .collect();
        s.catalogue.hosted_problem = Some(format!(
            "{file} : aucune offre valide ({})",
            errors.join(" ; ")
        ));
        return false;
    }
    s.catalogue.hosted = Some((file.clone(), raw.clone()));
    s.catalogue.hosted_problem = None;
    // The user's own choice (imported or kept) stays in use.
    if s.catalogue.source == Source::Seed {
        put_in_use(s, Source::Hosted(file), Some(raw), loaded);
        return true;
    }
    false
}

/// The default catalogue: the association's when it was fetched and usable, else the seed.
fn use_default(s: &mut State) {
    if let Some((file, raw)) = s.catalogue.hosted.clone() {
        let loaded = load(s, &file, &raw.0);
        if !loaded.offers.is_empty() {
            put_in_use(s, Source::Hosted(file), Some(raw), loaded);
            return;
        }
    }
    let loaded = load(s, SEED_FILE, SEED_CATALOGUE.as_bytes());
    put_in_use(s, Source::Seed, None, loaded);
}

/// Apply one catalogue action; returns whether the offers changed (the result must follow).
pub fn apply(s: &mut State, action: CatalogueAction) -> bool {
    match action {
        CatalogueAction::Import { file, bytes } => {
            s.catalogue.storage_error = None;
            if is_spreadsheet(&file, &bytes) {
                s.catalogue.attempt = Some(Attempt::Spreadsheet { file });
                return false;
            }
            // Other columns than Relais's: the mapping step, before anything is replaced.
            if let Some(step) = crate::mapping_state::step_for(s, &file, &bytes) {
                s.catalogue.attempt = None;
                s.mapping.step = Some(step);
                return false;
            }
            let loaded = load(s, &file, &bytes);
            use_import(s, file, bytes, loaded)
        }
        CatalogueAction::Read { file, bytes, read } => {
            s.catalogue.storage_error = None;
            use_import(s, file, bytes, read)
        }
        CatalogueAction::Spreadsheet { file } => {
            s.catalogue.attempt = Some(Attempt::Spreadsheet { file });
            false
        }
        CatalogueAction::Cancelled { file } => {
            s.catalogue.attempt = Some(Attempt::Cancelled { file });
            false
        }
        CatalogueAction::ImportFailed { file, error } => {
            s.catalogue.attempt = Some(Attempt::Unreadable { file, error });
            false
        }
        CatalogueAction::Config(result) => {
            match result.and_then(|t| HostConfig::parse(&t)) {
                Ok(c) => {
                    s.catalogue.config_problem = None;
                    s.catalogue.config = Some(c);
                }
                Err(e) => {
                    s.catalogue.config_problem = Some(e);
                    s.catalogue.config = None;
                }
            }
            false
        }
        CatalogueAction::Hosted { file, result } => match result {
            Ok(bytes) => {
                let raw = Bytes(Rc::new(bytes));
                let loaded = load(s, &file, &raw.0);
                use_hosted(s, file, raw, loaded)
            }
            Err(e) => {
                s.catalogue.hosted_problem = Some(e);
                false
            }
        },
        CatalogueAction::HostedRead { file, bytes, read } => {
            use_hosted(s, file, Bytes(Rc::new(bytes)), read)
        }
        CatalogueAction::Kept { file, text } => {
            s.catalogue.stored = Some(file.clone());
            let raw = Bytes(Rc::new(text.into_bytes()));
            let loaded = load(s, &file, &raw.0);
            if loaded.offers.is_empty() {
                // Kept, but unusable now: the default stays; « back to default » clears it.
                return false;
            }
            s.catalogue.kept = true;
            put_in_use(s, Source::Kept(file), Some(raw), loaded);
            true
        }
        CatalogueAction::Stored(result) => {
            match result {
                Ok(Some(file)) => {
                    s.catalogue.stored = Some(file);
                    s.catalogue.kept = true;
                    s.catalogue.storage_error = None;
                }
                Ok(None) => {
                    s.catalogue.stored = None;
                    s.catalogue.kept = false;
                    s.catalogue.storage_error = None;
                }
                Err(e) => s.catalogue.storage_error = Some(e),
            }
            false
        }
        CatalogueAction::Default => {
            s.catalogue.attempt = None;
            s.catalogue.kept = false;
            use_default(s);
            true
        }
        CatalogueAction::DismissReport => {
            s.catalogue.attempt = None;
            false
        }
    }
}

/// The reference data changed (the commune list arrived): read the catalogue in use again, so
/// that communes written by name are found and the problems are up to date.
pub fn reload(s: &mut State) -> bool {
    let Some(raw) = s.catalogue.raw.clone() else {
        return false;
    };
    if s.catalogue.with_communes {
        // Read by the worker, which had the list: a large file is not read again here.
        return false;
    }
    let source = s.catalogue.source.clone();
    let loaded = load(s, source.file(), &raw.0);
    if loaded.offers.is_empty() {
        return false;
    }
    put_in_use(s, source, Some(raw), loaded);
    true
}

/// The browser's storage was emptied (« Tout effacer »): nothing is kept any more. The
/// catalogue in use stays for this visit (it is not personal data).
pub fn forgotten(s: &mut State) {
    s.catalogue.stored = None;
    s.catalogue.kept = false;
    if let Source::Kept(f) = &s.catalogue.source {
        s.catalogue.source = Source::Imported(f.clone());
    }
}

/// A spreadsheet's column letter for a 1-based column number (1 → A, 27 → AA).
pub fn column_letter(n: usize) -> String {
    let mut n = n;
    let mut s = String::new();
    while n > 0 {
        s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

#[cfg(test)]
mod tests {
    //! Plain `#[test]` is not collected by wasm-bindgen-test-runner: on wasm32 (how
    //! `scripts/test.sh` runs the app's tests) these are wasm-bindgen tests, run in Node.
    use super::*;
    use relais_core::date;

    fn state() -> State {
        State::new(date::parse("2026-11-23").expect("a date"))
    }

    const GOOD: &str = "id;organisation;titre;type;milieu;etablissements;departements;date_maj\n\
        asso-atelier;Asso;Atelier;atelier;dedans;fleury-merogis;;2026-01-02\n\
        asso-stage;Asso;Stage;stage;dehors;;44;\n\
        asso-emploi;Asso;Emploi;emploi;dehors;;44;2026-11-01\n";

    fn import(s: &mut State, file: &str, bytes: &[u8]) -> bool {
        apply(
            s,
            CatalogueAction::Import {
                file: file.into(),
                bytes: bytes.to_vec(),
            },
        )
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn an_import_uses_the_valid_rows_and_reports_the_rest() {
        let mut s = state();
        assert!(import(&mut s, "asso.csv", GOOD.as_bytes()));
        assert_eq!(s.catalogue.source, Source::Imported("asso.csv".into()));
        let ids: Vec<&str> = s.offers.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["asso-atelier", "asso-emploi"]);
        let p = s
            .catalogue_problems
            .iter()
            .find(|p| p.severity == Severity::Error)
            .expect("the bad type");
        assert_eq!(
            (p.line, p.column, p.field.as_deref()),
            (3, Some(4), Some("type"))
        );
        assert_eq!(s.catalogue.how, "UTF-8, séparateur « ; »");
        assert!(!s.catalogue.kept);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_file_with_no_valid_offer_changes_nothing() {
        let mut s = state();
        let before = s.offers.clone();
        let bad = "id;organisation;titre;type;milieu\nx;A;B;stage;dehors\n";
        assert!(!import(&mut s, "vide.csv", bad.as_bytes()));
        assert!(Rc::ptr_eq(&before, &s.offers));
        assert_eq!(s.catalogue.source, Source::Seed);
        match &s.catalogue.attempt {
            Some(Attempt::Rejected { problems, .. }) => assert!(!problems.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_workbook_is_answered_with_a_csv_request() {
        let mut s = state();
        assert!(!import(&mut s, "partenaires.xlsx", b"PK\x03\x04rest"));
        assert_eq!(
            s.catalogue.attempt,
            Some(Attempt::Spreadsheet {
                file: "partenaires.xlsx".into()
            })
        );
        assert!(is_spreadsheet("x.ODS", b""));
        assert!(!is_spreadsheet("x.csv", b"id;titre"));
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_hosted_catalogue_is_the_default_unless_the_user_chose_one() {
        let mut s = state();
        assert!(apply(
            &mut s,
            CatalogueAction::Hosted {
                file: "catalogue.csv".into(),
                result: Ok(GOOD.as_bytes().to_vec()),
            }
        ));
        assert_eq!(s.catalogue.source, Source::Hosted("catalogue.csv".into()));
        assert_eq!(s.offers.len(), 2);
        let other = GOOD.replace("asso-", "autre-");
        import(&mut s, "autre.csv", other.as_bytes());
        assert_eq!(s.offers[0].id, "autre-atelier");
        apply(&mut s, CatalogueAction::Default);
        assert_eq!(s.catalogue.source, Source::Hosted("catalogue.csv".into()));
        assert_eq!(s.offers[0].id, "asso-atelier");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_kept_catalogue_wins_over_the_hosted_one_and_default_goes_back_to_the_seed() {
        let mut s = state();
        let seed = s.offers.len();
        apply(
            &mut s,
            CatalogueAction::Kept {
                file: "asso.csv".into(),
                text: GOOD.into(),
            },
        );
        assert!(s.catalogue.kept);
        assert_eq!(s.catalogue.source, Source::Kept("asso.csv".into()));
        apply(
            &mut s,
            CatalogueAction::Hosted {
                file: "catalogue.csv".into(),
                result: Ok(GOOD.replace("asso-", "site-").into_bytes()),
            },
        );
        assert_eq!(s.offers[0].id, "asso-atelier", "the kept one stays in use");
        apply(&mut s, CatalogueAction::Stored(Ok(None)));
        assert_eq!(s.catalogue.stored, None);
        apply(&mut s, CatalogueAction::Default);
        assert_eq!(s.offers[0].id, "site-atelier");
        let mut s = state();
        import(&mut s, "asso.csv", GOOD.as_bytes());
        apply(&mut s, CatalogueAction::Default);
        assert_eq!(s.catalogue.source, Source::Seed);
        assert_eq!(s.offers.len(), seed);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn after_everything_is_wiped_nothing_is_said_to_be_kept() {
        let mut s = state();
        apply(
            &mut s,
            CatalogueAction::Kept {
                file: "asso.csv".into(),
                text: GOOD.into(),
            },
        );
        forgotten(&mut s);
        assert_eq!(s.catalogue.stored, None);
        assert!(!s.catalogue.kept);
        assert_eq!(s.catalogue.source, Source::Imported("asso.csv".into()));
        assert_eq!(s.offers.len(), 2, "still in use for this visit");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_configuration_names_only_files_of_this_site() {
        let c = HostConfig::parse(
            r#"{"nom": " Asso ", "logo": "logo.svg", "contact": "01 02", "catalogue": "https://ailleurs.example/c.csv", "fiche_service": "SPIP 44 — 02 40"}"#,
        )
        .expect("parses");
        assert_eq!(c.nom, "Asso");
        assert_eq!(c.fiche_service, "SPIP 44 — 02 40");
        assert_eq!(c.fiche_conseiller, "");
        assert_eq!(c.logo, "logo.svg");
        assert_eq!(c.catalogue, "");
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.source(), "asso");
        let blank = HostConfig::parse("{}").expect("parses");
        assert!(blank.is_blank());
        assert_eq!(blank.source(), "relais");
        assert!(HostConfig::parse("nope").is_err());
        assert!(local_path("//cdn.example/x").is_err());
        assert!(local_path("data:text/csv,x").is_err());
        assert_eq!(
            local_path("/relais/catalogue.csv").as_deref(),
            Ok("/relais/catalogue.csv")
        );
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn column_letters_are_those_of_a_spreadsheet() {
        assert_eq!(column_letter(1), "A");
        assert_eq!(column_letter(22), "V");
        assert_eq!(column_letter(27), "AA");
    }
}
