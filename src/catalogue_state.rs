//! The catalogues in use, several at once: the seed bundled with the app (the example) or the
//! association's files (named by `relais.config.json` next to `index.html`), and each file the
//! user adds — kept in this browser only if they choose to. The list is merged by the core
//! (`merge::merge_catalogues`): each offer keeps its source, an offer found in two catalogues
//! is kept once and reported, data·inclusion services are joined with the structures files
//! given with them. Pure, and its own part of the state: `state.rs` hands it its
//! [`CatalogueAction`]s and takes the merged offers; `browser.rs` does the fetching and
//! storing, the catalogue reader (`worker.rs`, in its worker) the reading: every file comes
//! here read ([`Read`]), but the seed, which is the contract's CSV.
//!
//! A catalogue is not personal data; still nothing is stored without the user's choice.

use relais_core::catalogue::{self, Problem, Severity};
use relais_core::details;
use relais_core::distructures::Structures;
use relais_core::merge::{self, Duplicate, SourceCount};
use relais_core::model::Offer;
use relais_core::refdata::RefData;
use std::rc::Rc;

/// The hosting configuration, next to `index.html`. The app ships one that names nothing.
pub const CONFIG_URL: &str = "relais.config.json";
/// The bundled catalogue's name in reports.
pub const SEED_FILE: &str = "data/catalogue.csv";

/// What an association writes in `relais.config.json` (every key optional; `""` = not set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostConfig {
    /// The association's name, shown in the header.
    pub name: String,
    /// A logo file of the same site (relative path), shown next to the name.
    pub logo: String,
    /// How to reach the association, shown as written.
    pub contact: String,
    /// The association's catalogue files of the same site (relative paths), used together
    /// instead of the bundled one: `"catalogue"` (one file, or a list) then `"catalogues"`.
    pub catalogues: Vec<String>,
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
            name: get("nom"),
            contact: get("contact"),
            fiche_service: get("fiche_service"),
            fiche_conseiller: get("fiche_conseiller"),
            ..HostConfig::default()
        };
        for (key, slot) in [
            ("logo", &mut c.logo),
            ("correspondance", &mut c.correspondance),
        ] {
            match local_path(&get(key)) {
                Ok(v) => *slot = v,
                Err(e) => c.problems.push(format!("{key} : {e}")),
            }
        }
        // One file as before, or a list, under either key.
        for key in ["catalogue", "catalogues"] {
            let files: Vec<&str> = match obj.get(key) {
                Some(serde_json::Value::String(f)) => vec![f.as_str()],
                Some(serde_json::Value::Array(a)) => {
                    a.iter().filter_map(serde_json::Value::as_str).collect()
                }
                Some(serde_json::Value::Null) | None => Vec::new(),
                Some(_) => {
                    c.problems.push(format!(
                        "{key} : un nom de fichier ou une liste de noms attendus"
                    ));
                    Vec::new()
                }
            };
            for f in files.into_iter().map(str::trim).filter(|f| !f.is_empty()) {
                match local_path(f) {
                    Ok(v) if !c.catalogues.contains(&v) => c.catalogues.push(v),
                    Ok(_) => {}
                    Err(e) => c.problems.push(format!("{key} : {e}")),
                }
            }
        }
        Ok(c)
    }

    /// Nothing to show in the header.
    pub fn is_blank(&self) -> bool {
        self.name.is_empty() && self.logo.is_empty() && self.contact.is_empty()
    }

    /// The `source` of a data·inclusion export: the association's name as a slug.
    pub fn source(&self) -> String {
        let s = relais_core::text::slug(&self.name);
        if s.is_empty() {
            "relais".into()
        } else {
            s
        }
    }
}

/// Where a catalogue of the list comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Bundled with the app (`data/catalogue.csv`): the example.
    Seed,
    /// The association's, named by `relais.config.json`.
    Hosted,
    /// Chosen by the user in this visit.
    Imported,
    /// Chosen earlier and kept in this browser.
    Kept,
}

impl Origin {
    pub fn code(&self) -> &'static str {
        match self {
            Origin::Seed => "seed",
            Origin::Hosted => "hosted",
            Origin::Imported => "imported",
            Origin::Kept => "kept",
        }
    }

    /// The seed or the association's: what « back to the default » gives.
    pub fn is_default(&self) -> bool {
        matches!(self, Origin::Seed | Origin::Hosted)
    }
}

/// A file's bytes, shared without copying; equal when they are the same bytes in memory (Yew
/// compares states on every render). They stay a JavaScript `Uint8Array`, outside the app's
/// wasm memory (issue 10: the 9.4 MB of a 60,000-row CSV no longer sit beside its offers),
/// and are copied in only when read ([`Bytes::to_vec`]: « Garder », the mapping step).
#[derive(Clone, Debug)]
pub struct Bytes(Rc<js_sys::Uint8Array>);

impl Bytes {
    /// Bytes of the app's memory, copied out to JavaScript.
    pub fn new(bytes: &[u8]) -> Bytes {
        Bytes(Rc::new(js_sys::Uint8Array::from(bytes)))
    }

    /// Bytes already in JavaScript (the reader's worker hands the file back so): not copied.
    pub fn from_js(bytes: js_sys::Uint8Array) -> Bytes {
        Bytes(Rc::new(bytes))
    }

    /// The bytes, copied into the app's memory.
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }

    /// A copy that stays in JavaScript (to transfer to the worker, which detaches it).
    pub fn js_copy(&self) -> js_sys::Uint8Array {
        self.0.slice(0, self.0.length())
    }
}

impl PartialEq for Bytes {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// One catalogue of the list, as read: its offers and problems before the merge.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its name in the list, in reports and on cards: the file's name.
    pub file: String,
    pub origin: Origin,
    /// The file (for the seed: none): kept in the browser when asked.
    pub raw: Option<Bytes>,
    /// How it was read (« UTF-8, séparateur ; »).
    pub how: String,
    /// Read with the commune list (the reader fetches it; not in `relais.html`): without it,
    /// a commune written by name is reported on its row rather than found.
    pub with_communes: bool,
    pub offers: Rc<Vec<Offer>>,
    pub problems: Rc<Vec<Problem>>,
}

impl PartialEq for Entry {
    fn eq(&self, o: &Self) -> bool {
        self.file == o.file
            && self.origin == o.origin
            && self.raw == o.raw
            && self.how == o.how
            && self.with_communes == o.with_communes
            && Rc::ptr_eq(&self.offers, &o.offers)
            && Rc::ptr_eq(&self.problems, &o.problems)
    }
}

impl Entry {
    fn new(file: String, origin: Origin, raw: Option<Bytes>, read: Read) -> Entry {
        Entry {
            file,
            origin,
            raw,
            how: read.how,
            with_communes: read.with_communes,
            offers: Rc::new(read.offers),
            problems: Rc::new(read.problems),
        }
    }

    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// Offers that name their data·inclusion structure (joined with a structures file).
    pub fn structure_ids(&self) -> usize {
        self.offers
            .iter()
            .filter(|o| details::get(o, details::STRUCTURE_ID).is_some())
            .count()
    }
}

/// A data·inclusion structures file, joined with the services of every catalogue.
#[derive(Clone, Debug)]
pub struct StructuresFile {
    pub file: String,
    pub raw: Bytes,
    pub structures: Rc<Structures>,
    /// Named by the association's `relais.config.json` (part of the default, not stored).
    pub hosted: bool,
}

impl PartialEq for StructuresFile {
    fn eq(&self, o: &Self) -> bool {
        self.file == o.file && self.raw == o.raw
    }
}

/// What became of the last file the user chose.
#[derive(Clone, Debug, PartialEq)]
pub enum Attempt {
    /// Its valid rows are in the list (its report: the entry of that name).
    Used { file: String },
    /// A data·inclusion structures file: joined with the services of the list.
    Structures { file: String, count: usize },
    /// No valid offer: the list did not change.
    Rejected {
        file: String,
        how: String,
        problems: Rc<Vec<Problem>>,
    },
    /// The file could not be read (a workbook refused at a limit: the limit's sentence).
    Unreadable { file: String, error: String },
    /// The user stopped the reading: the list did not change.
    Cancelled { file: String },
}

/// The catalogues in use, merged, and everything about where they come from. Its own part of
/// the app's state with its own actions ([`CatalogueAction`]) and reducer
/// ([`CatalogueState::apply`]); `state.rs` delegates to it and takes the merged offers.
#[derive(Clone, Debug)]
pub struct CatalogueState {
    /// The list, in the order of the merge (an offer found in two is kept from the first).
    pub entries: Vec<Entry>,
    /// data·inclusion structures files, joined with the services of the list.
    pub structures: Vec<StructuresFile>,
    /// The merged offers (shared with `State::offers`).
    pub offers: Rc<Vec<Offer>>,
    /// Every problem of every file, the merge's duplicates and renamings included.
    pub problems: Rc<Vec<Problem>>,
    /// What each catalogue brought to the merge.
    pub sources: Rc<Vec<SourceCount>>,
    /// Offers found in two catalogues, kept once.
    pub duplicates: Rc<Vec<Duplicate>>,
    /// The last file the user chose, and what became of it.
    pub attempt: Option<Attempt>,
    /// `relais.config.json`, once read (`None`: absent, broken or not yet read).
    pub config: Option<HostConfig>,
    /// Why the configuration was not used (shown quietly in the panel).
    pub config_problem: Option<String>,
    /// The association's catalogue files, once fetched, read and usable: the default instead
    /// of the seed.
    pub hosted: Vec<Entry>,
    /// The association's data·inclusion structures files, once fetched: part of the default.
    pub hosted_structures: Vec<StructuresFile>,
    /// Why an association's catalogue is not in use (fetch failed, no valid offer).
    pub hosted_problem: Option<String>,
    /// The files of the list kept in this browser, if any (the default is not stored).
    pub stored: Option<Vec<String>>,
    /// The list in use is the one kept in this browser (and kept in step with it).
    pub kept: bool,
    /// The browser refused to keep or forget the list.
    pub storage_error: Option<String>,
}

/// Equal when the lists are the same in memory: the shared parts (offers, problems, sources,
/// duplicates: replaced, never mutated) by pointer, the rest by value. A derived comparison
/// compared the 10,000 offers one by one, and Yew compares the panel's state at every
/// keystroke (issue 16). Every field is named: a new one must be added here.
impl PartialEq for CatalogueState {
    fn eq(&self, o: &Self) -> bool {
        let CatalogueState {
            entries,
            structures,
            offers,
            problems,
            sources,
            duplicates,
            attempt,
            config,
            config_problem,
            hosted,
            hosted_structures,
            hosted_problem,
            stored,
            kept,
            storage_error,
        } = self;
        *entries == o.entries
            && *structures == o.structures
            && Rc::ptr_eq(offers, &o.offers)
            && Rc::ptr_eq(problems, &o.problems)
            && Rc::ptr_eq(sources, &o.sources)
            && Rc::ptr_eq(duplicates, &o.duplicates)
            && *attempt == o.attempt
            && *config == o.config
            && *config_problem == o.config_problem
            && *hosted == o.hosted
            && *hosted_structures == o.hosted_structures
            && *hosted_problem == o.hosted_problem
            && *stored == o.stored
            && *kept == o.kept
            && *storage_error == o.storage_error
    }
}

impl Default for CatalogueState {
    fn default() -> Self {
        CatalogueState::of_seed(Vec::new(), Vec::new())
    }
}

pub enum CatalogueAction {
    /// A file chosen or dropped by the user, read by the catalogue reader (`worker.rs`).
    /// `replace`: the list becomes this file alone, rather than gaining it.
    Read {
        file: String,
        bytes: Bytes,
        read: Read,
        replace: bool,
    },
    /// A file read through the mapping step (`mapping_state.rs`).
    Mapped {
        file: String,
        read: Read,
        replace: bool,
    },
    /// Take one catalogue (or structures file) of the list away; the others stay.
    Remove(String),
    /// The user stopped the reading of a file.
    Cancelled { file: String },
    /// The chosen file could not be read.
    ImportFailed { file: String, error: String },
    /// The text of `relais.config.json`, or why it could not be fetched.
    Config(Result<String, String>),
    /// One of the association's catalogue files could not be fetched or read.
    HostedFailed { file: String, error: String },
    /// One of the association's catalogue files, read by the reader.
    HostedRead {
        file: String,
        bytes: Bytes,
        read: Read,
    },
    /// The list kept in this browser, read at start: the text [`CatalogueState::kept_text`]
    /// wrote (or the single catalogue kept by earlier versions), and what the reader read of
    /// each of its catalogue files, then of each of its structures files, in their order
    /// (`None`: not read).
    Kept {
        text: String,
        reads: Vec<Option<Read>>,
    },
    /// The browser kept (`Some(files)`) or forgot (`None`) the list, or refused.
    Stored(Result<Option<Vec<String>>, String>),
    /// Back to the default catalogue alone: the association's, or the bundled one.
    Default,
    /// Close the report of the last file.
    DismissReport,
}

/// What the reducer needs from the rest of the state.
pub struct Context<'a> {
    pub refdata: &'a RefData,
}

/// A catalogue file as read: how, its valid offers and every problem; or, for a data·inclusion
/// structures file, its structures. Read by the catalogue reader (`worker.rs`): the page reads
/// no structures file itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    /// « UTF-8, séparateur ; ».
    pub how: String,
    /// Read with the commune list (communes written by name found).
    pub with_communes: bool,
    pub offers: Vec<Offer>,
    pub problems: Vec<Problem>,
    /// A structures file (no offer): its structures.
    pub structures: Option<StructuresRead>,
}

/// The structures the reader read from a file (equal when they are the same in memory).
#[derive(Clone, Debug)]
pub struct StructuresRead(pub Rc<Structures>);

impl PartialEq for StructuresRead {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// The text to keep in the browser: the file decoded (Windows-1252 becomes UTF-8), so that it
/// reloads with the same lines, columns and problems.
pub fn text_of(raw: &Bytes) -> String {
    catalogue::decode(&raw.to_vec()).0
}

/// The list kept in the browser, as [`CatalogueState::kept_text`] writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeptList {
    /// The default catalogue (the association's, or the example) is in the list, first.
    pub default: bool,
    /// Each catalogue file: name, text.
    pub files: Vec<(String, String)>,
    /// Each structures file: name, text.
    pub structures: Vec<(String, String)>,
}

impl KeptList {
    /// The stored text: this version's list, or the single catalogue earlier versions kept
    /// (`{"fichier", "texte"}`, which replaced the default). `None`: nothing usable.
    pub fn parse(text: &str) -> Option<KeptList> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let pairs = |k: &str| -> Vec<(String, String)> {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|f| {
                            Some((
                                f["fichier"].as_str().unwrap_or("catalogue.csv").to_string(),
                                f["texte"].as_str()?.to_string(),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        if let Some(t) = v["texte"].as_str() {
            let file = v["fichier"].as_str().unwrap_or("catalogue.csv").to_string();
            return Some(KeptList {
                default: false,
                files: vec![(file, t.to_string())],
                structures: Vec::new(),
            });
        }
        let list = KeptList {
            default: v["defaut"].as_bool().unwrap_or(false),
            files: pairs("catalogues"),
            structures: pairs("structures"),
        };
        (list.default || !list.files.is_empty()).then_some(list)
    }

    pub fn to_text(&self) -> String {
        let pairs = |l: &[(String, String)]| -> serde_json::Value {
            l.iter()
                .map(|(f, t)| serde_json::json!({ "fichier": f, "texte": t }))
                .collect()
        };
        serde_json::json!({
            "version": 2,
            "defaut": self.default,
            "catalogues": pairs(&self.files),
            "structures": pairs(&self.structures),
        })
        .to_string()
    }
}

impl CatalogueState {
    /// The list at start: the seed alone, as loaded.
    pub fn of_seed(offers: Vec<Offer>, problems: Vec<Problem>) -> CatalogueState {
        let seed = Entry::new(
            SEED_FILE.into(),
            Origin::Seed,
            None,
            Read {
                offers,
                problems,
                ..Read::default()
            },
        );
        let mut c = CatalogueState {
            entries: vec![seed],
            structures: Vec::new(),
            offers: Rc::default(),
            problems: Rc::default(),
            sources: Rc::default(),
            duplicates: Rc::default(),
            attempt: None,
            config: None,
            config_problem: None,
            hosted: Vec::new(),
            hosted_structures: Vec::new(),
            hosted_problem: None,
            stored: None,
            kept: false,
            storage_error: None,
        };
        c.merge(&RefData::default());
        c
    }

    /// `seed`, `hosted`, `imported`, `kept` for a list of one, `several` otherwise.
    pub fn code(&self) -> &'static str {
        match self.entries.as_slice() {
            [one] => one.origin.code(),
            _ => "several",
        }
    }

    pub fn entry(&self, file: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.file == file)
    }

    /// The default catalogue alone is in the list (nothing to go back to).
    pub fn is_default(&self) -> bool {
        let defaults = self.default_entries_names();
        self.structures == self.hosted_structures
            && self.entries.len() == defaults.len()
            && self
                .entries
                .iter()
                .zip(&defaults)
                .all(|(e, d)| e.file == *d)
    }

    fn default_entries_names(&self) -> Vec<String> {
        if self.hosted.is_empty() {
            vec![SEED_FILE.to_string()]
        } else {
            self.hosted.iter().map(|h| h.file.clone()).collect()
        }
    }

    /// Files the user chose (imported or kept): what can be kept in this browser.
    pub fn user_entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.origin.is_default())
    }

    /// The list as kept in this browser.
    pub fn kept_list(&self) -> KeptList {
        KeptList {
            default: self.entries.iter().any(|e| e.origin.is_default()),
            files: self
                .user_entries()
                .filter_map(|e| Some((e.file.clone(), text_of(e.raw.as_ref()?))))
                .collect(),
            structures: self
                .structures
                .iter()
                .filter(|s| !s.hosted)
                .map(|s| (s.file.clone(), text_of(&s.raw)))
                .collect(),
        }
    }

    /// The names of what [`kept_list`](Self::kept_list) keeps: the panel stores the list
    /// again when they change.
    pub fn kept_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .entries
            .iter()
            .map(|e| {
                if e.origin.is_default() {
                    "(défaut)".to_string()
                } else {
                    e.file.clone()
                }
            })
            .collect();
        names.extend(self.structures.iter().map(|s| s.file.clone()));
        names
    }

    /// The problems of one file of the list as merged: its own, the duplicates found in it and
    /// what joining its services with the structures said (not what the join made stale).
    pub fn problems_of(&self, file: &str) -> Vec<Problem> {
        self.problems
            .iter()
            .filter(|p| p.file == file)
            .cloned()
            .collect()
    }

    /// The catalogue an offer comes from, by name (when the list holds several, or the only
    /// one's name).
    pub fn source_of<'a>(&'a self, o: &'a Offer) -> Option<&'a str> {
        details::get(o, details::SOURCE).or_else(|| self.entries.first().map(|e| e.file.as_str()))
    }

    /// Merge the list again (`merge::merge_catalogues`, structures joined first): the offers
    /// in use, the problems, the duplicates. One catalogue with nothing to join is used as it
    /// is (no copy of a large file).
    fn merge(&mut self, refdata: &RefData) {
        let mut structures = Structures::default();
        for s in &self.structures {
            structures.extend((*s.structures).clone());
        }
        let needs_join =
            !structures.is_empty() && self.entries.iter().any(|e| e.structure_ids() > 0);
        if let ([one], false) = (self.entries.as_slice(), needs_join) {
            self.offers = one.offers.clone();
            self.problems = one.problems.clone();
            self.sources = Rc::new(vec![SourceCount {
                source: one.file.clone(),
                offers: one.offers.len(),
                ..SourceCount::default()
            }]);
            self.duplicates = Rc::default();
            return;
        }
        let mut list: Vec<(String, catalogue::Loaded)> = self
            .entries
            .iter()
            .map(|e| {
                (
                    e.file.clone(),
                    catalogue::Loaded {
                        offers: (*e.offers).clone(),
                        problems: (*e.problems).clone(),
                        ..catalogue::Loaded::default()
                    },
                )
            })
            .collect();
        merge::join_all(&mut list, &structures, refdata);
        let merged = merge::merge_catalogues(list);
        self.offers = Rc::new(merged.loaded.offers);
        self.problems = Rc::new(merged.loaded.problems);
        self.sources = Rc::new(merged.sources);
        self.duplicates = Rc::new(merged.duplicates);
    }

    /// Put a read file in the list: alone (`replace`), or in place of the one of the same name
    /// (the file chosen again once corrected), or last.
    fn add(&mut self, entry: Entry, replace: bool) {
        if replace {
            self.entries = vec![entry];
            self.structures.clear();
        } else if let Some(e) = self.entries.iter_mut().find(|e| e.file == entry.file) {
            *e = entry;
        } else {
            self.entries.push(entry);
        }
    }

    /// A file the user chose, read: its valid offers join the list (or replace it), or the
    /// report says why not. A structures file of data·inclusion is recognised here.
    fn use_import(
        &mut self,
        file: String,
        bytes: Bytes,
        loaded: Read,
        replace: bool,
        refdata: &RefData,
    ) -> bool {
        if loaded.offers.is_empty() {
            if let Some(st) = loaded.structures {
                return self.add_structures(file, bytes, st.0, replace, refdata);
            }
            // Nothing usable: the list stays as it is.
            self.attempt = Some(Attempt::Rejected {
                file,
                how: loaded.how,
                problems: Rc::new(loaded.problems),
            });
            return false;
        }
        self.attempt = Some(Attempt::Used { file: file.clone() });
        let entry = Entry::new(file, Origin::Imported, Some(bytes), loaded);
        self.add(entry, replace);
        self.merge(refdata);
        true
    }

    fn add_structures(
        &mut self,
        file: String,
        bytes: Bytes,
        structures: Rc<Structures>,
        replace: bool,
        refdata: &RefData,
    ) -> bool {
        self.attempt = Some(Attempt::Structures {
            file: file.clone(),
            count: structures.len(),
        });
        let s = StructuresFile {
            file,
            raw: bytes,
            structures,
            hosted: false,
        };
        if replace {
            // A structures file alone has no offer: it joins the list rather than empty it.
            self.structures.clear();
        }
        match self.structures.iter_mut().find(|x| x.file == s.file) {
            Some(x) => *x = s,
            None => self.structures.push(s),
        }
        self.merge(refdata);
        true
    }

    /// The default entries: the association's files when read, else the seed (the
    /// contract's CSV, read here).
    fn default_entries(&self, cx: &Context) -> Vec<Entry> {
        if !self.hosted.is_empty() {
            return self.hosted.clone();
        }
        let seed = crate::browser::seed_catalogue().unwrap_or_default();
        let l = catalogue::load(seed.as_bytes(), SEED_FILE, cx.refdata);
        let read = Read {
            with_communes: !cx.refdata.communes.is_empty(),
            offers: l.offers,
            problems: l.problems,
            ..Read::default()
        };
        vec![Entry::new(SEED_FILE.into(), Origin::Seed, None, read)]
    }

    /// One of the association's files, read: part of the default from now on, and in the
    /// list when the default is.
    fn use_hosted(&mut self, file: String, raw: Bytes, loaded: Read, cx: &Context) -> bool {
        if loaded.offers.is_empty() {
            // A data·inclusion structures file among the association's: joined with the
            // services of the default.
            if let Some(st) = loaded.structures {
                let s = StructuresFile {
                    file: file.clone(),
                    raw,
                    structures: st.0,
                    hosted: true,
                };
                self.hosted_structures.retain(|x| x.file != file);
                self.hosted_structures.push(s.clone());
                if !self.entries.iter().any(|e| e.origin.is_default()) {
                    return false;
                }
                self.structures.retain(|x| x.file != file);
                self.structures.push(s);
                self.merge(cx.refdata);
                return true;
            }
            let errors: Vec<String> = loaded
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .take(3)
                .map(|p| p.to_string())
                .collect();
            self.hosted_problem = Some(format!(
                "{file} : aucune offre valide ({})",
                errors.join(" ; ")
            ));
            return false;
        }
        let entry = Entry::new(file.clone(), Origin::Hosted, Some(raw), loaded);
        match self.hosted.iter_mut().find(|h| h.file == file) {
            Some(h) => *h = entry.clone(),
            None => self.hosted.push(entry.clone()),
        }
        // In the order the configuration names them.
        if let Some(c) = &self.config {
            let rank = |f: &str| {
                c.catalogues
                    .iter()
                    .position(|x| x == f)
                    .unwrap_or(usize::MAX)
            };
            relais_core::order::sort_by_key(&mut self.hosted, |h| rank(&h.file));
        }
        if !self.entries.iter().any(|e| e.origin.is_default()) {
            // The user's own list stays in use.
            return false;
        }
        // The association's files first, in the configuration's order, then the user's.
        let mut list: Vec<Entry> = Vec::new();
        for h in &self.hosted {
            if h.file == file {
                list.push(entry.clone());
            } else if let Some(e) = self
                .entries
                .iter()
                .find(|e| e.file == h.file && e.origin == Origin::Hosted)
            {
                list.push(e.clone());
            }
        }
        list.extend(self.entries.drain(..).filter(|e| !e.origin.is_default()));
        self.entries = list;
        self.merge(cx.refdata);
        true
    }

    /// Apply one catalogue action; returns whether the merged offers changed (the result must
    /// follow).
    pub fn apply(&mut self, action: CatalogueAction, cx: &Context) -> bool {
        match action {
            CatalogueAction::Read {
                file,
                bytes,
                read,
                replace,
            } => {
                self.storage_error = None;
                self.use_import(file, bytes, read, replace, cx.refdata)
            }
            CatalogueAction::Mapped {
                file,
                read,
                replace,
            } => {
                // What is kept is its Relais CSV, which needs no mapping.
                let relais_csv = Bytes::new(catalogue::to_csv(&read.offers).as_bytes());
                self.use_import(file, relais_csv, read, replace, cx.refdata)
            }
            CatalogueAction::Remove(file) => {
                let before = (self.entries.len(), self.structures.len());
                // The last catalogue stays: the list is never empty.
                if self.entries.len() > 1 {
                    self.entries.retain(|e| e.file != file);
                }
                self.structures.retain(|s| s.file != file);
                if (self.entries.len(), self.structures.len()) == before {
                    return false;
                }
                if matches!(&self.attempt, Some(Attempt::Used { file: f } | Attempt::Structures { file: f, .. }) if *f == file)
                {
                    self.attempt = None;
                }
                self.merge(cx.refdata);
                true
            }
            CatalogueAction::Cancelled { file } => {
                self.attempt = Some(Attempt::Cancelled { file });
                false
            }
            CatalogueAction::ImportFailed { file, error } => {
                self.attempt = Some(Attempt::Unreadable { file, error });
                false
            }
            CatalogueAction::Config(result) => {
                match result.and_then(|t| HostConfig::parse(&t)) {
                    Ok(c) => {
                        self.config_problem = None;
                        self.config = Some(c);
                    }
                    Err(e) => {
                        self.config_problem = Some(e);
                        self.config = None;
                    }
                }
                false
            }
            CatalogueAction::HostedFailed { file, error } => {
                self.hosted_problem = Some(if error.starts_with(&file) {
                    error
                } else {
                    format!("{file} : {error}")
                });
                false
            }
            CatalogueAction::HostedRead { file, bytes, read } => {
                self.use_hosted(file, bytes, read, cx)
            }
            CatalogueAction::Kept { text, reads } => {
                let Some(list) = KeptList::parse(&text) else {
                    return false;
                };
                let mut entries: Vec<Entry> = if list.default {
                    self.entries
                        .iter()
                        .filter(|e| e.origin.is_default())
                        .cloned()
                        .collect()
                } else {
                    Vec::new()
                };
                // What is stored, usable or not (« Revenir au catalogue par défaut » clears it).
                self.stored = Some(list.files.iter().map(|(f, _)| f.clone()).collect());
                // The reads of the catalogue files, then of the structures files.
                let mut reads = reads.into_iter();
                for ((file, text), read) in list.files.into_iter().zip(reads.by_ref()) {
                    // Kept, but unusable now: left out; « back to default » clears it.
                    let Some(read) = read.filter(|r| !r.offers.is_empty()) else {
                        continue;
                    };
                    let raw = Bytes::new(text.as_bytes());
                    entries.push(Entry::new(file, Origin::Kept, Some(raw), read));
                }
                if entries.is_empty() {
                    return false;
                }
                self.structures = list
                    .structures
                    .into_iter()
                    .zip(reads)
                    .filter_map(|((file, text), read)| {
                        let st = read?.structures?;
                        Some(StructuresFile {
                            file,
                            raw: Bytes::new(text.as_bytes()),
                            structures: st.0,
                            hosted: false,
                        })
                    })
                    .collect();
                self.entries = entries;
                self.kept = true;
                self.merge(cx.refdata);
                true
            }
            CatalogueAction::Stored(result) => {
                match result {
                    Ok(Some(files)) => {
                        self.stored = Some(files);
                        self.kept = true;
                        self.storage_error = None;
                    }
                    Ok(None) => {
                        self.stored = None;
                        self.kept = false;
                        self.storage_error = None;
                        for e in &mut self.entries {
                            if e.origin == Origin::Kept {
                                e.origin = Origin::Imported;
                            }
                        }
                    }
                    Err(e) => self.storage_error = Some(e),
                }
                false
            }
            CatalogueAction::Default => {
                self.attempt = None;
                self.kept = false;
                self.structures = self.hosted_structures.clone();
                self.entries = self.default_entries(cx);
                self.merge(cx.refdata);
                true
            }
            CatalogueAction::DismissReport => {
                self.attempt = None;
                false
            }
        }
    }

    /// The browser's storage was emptied (« Tout effacer »): nothing is kept any more. The
    /// list stays for this visit (it is not personal data).
    pub fn forgotten(&mut self) {
        self.stored = None;
        self.kept = false;
        for e in &mut self.entries {
            if e.origin == Origin::Kept {
                e.origin = Origin::Imported;
            }
        }
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
pub(crate) mod tests {
    //! Plain `#[test]` is not collected by wasm-bindgen-test-runner: on wasm32 (how
    //! `scripts/test.sh` runs the app's tests) these are wasm-bindgen tests, run in Node.
    //! The reducer is tested alone, over the bundled reference data, as the page uses it.
    use super::*;

    fn refdata() -> RefData {
        RefData::bundled().expect("bundled data")
    }

    fn seed(rd: &RefData) -> CatalogueState {
        let l = catalogue::load(
            relais_core::refdata::SEED_CATALOGUE.as_bytes(),
            SEED_FILE,
            rd,
        );
        CatalogueState::of_seed(l.offers, l.problems)
    }

    const GOOD: &str = "id;organisation;titre;type;milieu;etablissements;departements;date_maj\n\
        asso-atelier;Asso;Atelier;atelier;dedans;fleury-merogis;;2026-01-02\n\
        asso-stage;Asso;Stage;stage;dehors;;44;\n\
        asso-emploi;Asso;Emploi;emploi;dehors;;44;2026-11-01\n";

    /// Offers of the seed, written again in another file (and one of their own).
    const PARTNERS: &str = "id;organisation;titre;type;milieu;etablissements;departements\n\
        partenaire-1;Partenaire;Jardinage;atelier;dedans;fleury-merogis;\n\
        asso-atelier;Asso;Atelier;atelier;dedans;fleury-merogis;\n";

    fn act(c: &mut CatalogueState, rd: &RefData, a: CatalogueAction) -> bool {
        c.apply(a, &Context { refdata: rd })
    }

    /// A file as the catalogue reader reads it in its worker (its own pure function).
    pub(crate) fn read_by_reader(file: &str, bytes: &[u8], rd: &RefData) -> Option<Read> {
        read_or_refuse(file, bytes, rd).ok()
    }

    /// The same, or why the reader refused the file.
    fn read_or_refuse(file: &str, bytes: &[u8], rd: &RefData) -> Result<Read, String> {
        let job = relais_reader::Job {
            name: file.into(),
            ..relais_reader::Job::default()
        };
        match relais_reader::read(bytes, &job, rd) {
            relais_reader::Outcome::Loaded { how, loaded } => Ok(Read {
                how,
                with_communes: !rd.communes.is_empty(),
                offers: loaded.offers,
                problems: loaded.problems,
                structures: None,
            }),
            relais_reader::Outcome::Structures(st) => Ok(Read {
                structures: Some(StructuresRead(Rc::new(st))),
                ..Read::default()
            }),
            relais_reader::Outcome::Failed(error) => Err(error),
            relais_reader::Outcome::Table { .. } => Err("table".into()),
        }
    }

    /// A file chosen by the user, as the panel hands what the reader gave to the reducer.
    fn import(c: &mut CatalogueState, rd: &RefData, file: &str, text: &str, replace: bool) -> bool {
        let action = match read_or_refuse(file, text.as_bytes(), rd) {
            Ok(read) => CatalogueAction::Read {
                file: file.into(),
                bytes: Bytes::new(text.as_bytes()),
                read,
                replace,
            },
            Err(error) => CatalogueAction::ImportFailed {
                file: file.into(),
                error,
            },
        };
        act(c, rd, action)
    }

    /// The list kept in this browser, each file read by the reader.
    fn open_kept(c: &mut CatalogueState, rd: &RefData, text: String) -> bool {
        let reads = KeptList::parse(&text)
            .map(|l| {
                l.files
                    .iter()
                    .chain(&l.structures)
                    .map(|(f, t)| read_by_reader(f, t.as_bytes(), rd))
                    .collect()
            })
            .unwrap_or_default();
        act(c, rd, CatalogueAction::Kept { text, reads })
    }

    /// One of the association's files, read by the reader.
    fn hosted_read(c: &mut CatalogueState, rd: &RefData, file: &str, bytes: Vec<u8>) -> bool {
        let read = read_by_reader(file, &bytes, rd).expect("read");
        act(
            c,
            rd,
            CatalogueAction::HostedRead {
                file: file.into(),
                bytes: Bytes::new(&bytes),
                read,
            },
        )
    }

    fn ids(c: &CatalogueState) -> Vec<&str> {
        c.offers.iter().map(|o| o.id.as_str()).collect()
    }

    fn files(c: &CatalogueState) -> Vec<(&str, &str)> {
        c.entries
            .iter()
            .map(|e| (e.file.as_str(), e.origin.code()))
            .collect()
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn an_added_catalogue_joins_the_list_with_its_source_and_duplicates_are_kept_once() {
        let rd = refdata();
        let mut c = seed(&rd);
        let seed_count = c.offers.len();
        assert_eq!(c.code(), "seed");
        assert!(c.is_default());
        assert!(import(&mut c, &rd, "asso.csv", GOOD, false));
        assert_eq!(files(&c), [(SEED_FILE, "seed"), ("asso.csv", "imported")]);
        assert_eq!(c.code(), "several");
        assert_eq!(c.offers.len(), seed_count + 2);
        let o = c
            .offers
            .iter()
            .find(|o| o.id == "asso-emploi")
            .expect("added");
        assert_eq!(c.source_of(o), Some("asso.csv"));
        let first = c.offers.first().expect("the seed's");
        assert_eq!(c.source_of(first), Some(SEED_FILE));
        // The same offer in a third catalogue: reported once, kept from the first.
        assert!(import(&mut c, &rd, "partenaires.csv", PARTNERS, false));
        assert_eq!(c.offers.len(), seed_count + 3);
        assert_eq!(c.duplicates.len(), 1);
        let d = c.duplicates.first().expect("one");
        assert_eq!(
            (
                d.source.as_str(),
                d.id.as_str(),
                d.kept_source.as_str(),
                d.kept_id.as_str()
            ),
            (
                "partenaires.csv",
                "asso-atelier",
                "asso.csv",
                "asso-atelier"
            )
        );
        assert_eq!(d.why, merge::Same::IdAndTitle);
        let counts: Vec<(usize, usize)> =
            c.sources.iter().map(|s| (s.offers, s.duplicates)).collect();
        assert_eq!(counts, [(seed_count, 0), (2, 0), (2, 1)]);
        // Each file keeps its own report.
        let asso = c.entry("asso.csv").expect("in the list");
        assert_eq!((asso.offers.len(), asso.errors()), (2, 1));
        assert_eq!(
            c.attempt,
            Some(Attempt::Used {
                file: "partenaires.csv".into()
            })
        );
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn one_catalogue_is_removed_alone_and_the_duplicate_comes_back_from_the_other() {
        let rd = refdata();
        let mut c = seed(&rd);
        import(&mut c, &rd, "asso.csv", GOOD, false);
        import(&mut c, &rd, "partenaires.csv", PARTNERS, false);
        assert!(act(&mut c, &rd, CatalogueAction::Remove("asso.csv".into())));
        assert_eq!(
            files(&c),
            [(SEED_FILE, "seed"), ("partenaires.csv", "imported")]
        );
        assert!(c.duplicates.is_empty());
        assert!(
            ids(&c).contains(&"asso-atelier"),
            "now from partenaires.csv"
        );
        assert!(!ids(&c).contains(&"asso-emploi"));
        let o = c
            .offers
            .iter()
            .find(|o| o.id == "asso-atelier")
            .expect("kept");
        assert_eq!(c.source_of(o), Some("partenaires.csv"));
        // The example too: the association's file alone, used as it is.
        assert!(act(&mut c, &rd, CatalogueAction::Remove(SEED_FILE.into())));
        assert_eq!(ids(&c), ["partenaire-1", "asso-atelier"]);
        assert_eq!(c.code(), "imported");
        // The last one stays: the list is never empty.
        assert!(!act(
            &mut c,
            &rd,
            CatalogueAction::Remove("partenaires.csv".into())
        ));
        assert_eq!(c.entries.len(), 1);
        // Back to the default: the example alone.
        act(&mut c, &rd, CatalogueAction::Default);
        assert!(c.is_default());
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn replace_makes_the_file_the_only_catalogue_and_a_file_chosen_again_takes_its_place() {
        let rd = refdata();
        let mut c = seed(&rd);
        import(&mut c, &rd, "asso.csv", GOOD, false);
        import(
            &mut c,
            &rd,
            "asso.csv",
            &GOOD.replace(";stage;", ";atelier;"),
            false,
        );
        assert_eq!(files(&c).len(), 2, "the corrected file takes its own place");
        assert_eq!(c.entry("asso.csv").map(|e| e.offers.len()), Some(3));
        assert!(import(&mut c, &rd, "partenaires.csv", PARTNERS, true));
        assert_eq!(files(&c), [("partenaires.csv", "imported")]);
        assert_eq!(ids(&c), ["partenaire-1", "asso-atelier"]);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_file_with_no_valid_offer_changes_nothing() {
        let rd = refdata();
        let mut c = seed(&rd);
        let before = c.offers.clone();
        let bad = "id;organisation;titre;type;milieu\nx;A;B;stage;dehors\n";
        assert!(!import(&mut c, &rd, "vide.csv", bad, false));
        assert!(Rc::ptr_eq(&before, &c.offers));
        assert_eq!(c.code(), "seed");
        match &c.attempt {
            Some(Attempt::Rejected { problems, .. }) => assert!(!problems.is_empty()),
            other => panic!("{other:?}"),
        }
        assert!(!import(
            &mut c,
            &rd,
            "partenaires.xlsx",
            "PK\x03\x04rest",
            false
        ));
        // Not a workbook at all, though named as one: refused with the reason.
        match &c.attempt {
            Some(Attempt::Unreadable { file, error }) => {
                assert_eq!(file, "partenaires.xlsx");
                assert!(error.contains("classeur illisible"), "{error}");
            }
            other => panic!("{other:?}"),
        }
    }

    const SERVICES: &str = r#"[
        {"id": "svc-1", "source": "test", "structure_id": "st-1", "nom": "Atelier couture",
         "thematiques": ["numerique"], "modes_accueil": ["en-presentiel"], "code_insee": "44109",
         "zone_eligibilite": ["44"], "date_maj": "2026-10-01"}
    ]"#;
    const STRUCTURES: &str = r#"[
        {"id": "st-1", "nom": "Maison des Chaînes", "siret": "12345678900011",
         "adresse": "1 rue de la Paix", "code_postal": "44000", "commune": "Nantes", "telephone": "02 40 00 00 00"}
    ]"#;

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_structures_file_chosen_with_its_services_names_their_organisation() {
        let rd = refdata();
        let mut c = seed(&rd);
        assert!(import(&mut c, &rd, "services.json", SERVICES, false));
        let org = |c: &CatalogueState| {
            c.offers
                .iter()
                .find(|o| o.id == "svc-1")
                .map(|o| o.organisation.clone())
                .expect("the service")
        };
        assert_eq!(org(&c), "st-1");
        let said =
            |c: &CatalogueState, what: &str| c.problems.iter().any(|p| p.message.contains(what));
        assert!(said(&c, "n'est que l'identifiant de sa structure"));
        // The structures file, in either order: recognised and joined, not refused.
        assert!(import(&mut c, &rd, "structures.json", STRUCTURES, false));
        assert_eq!(
            c.attempt,
            Some(Attempt::Structures {
                file: "structures.json".into(),
                count: 1
            })
        );
        assert_eq!(c.entries.len(), 2, "not a catalogue of its own");
        assert_eq!(org(&c), "Maison des Chaînes");
        assert!(said(&c, "1 service(s) reliés à leur structure"));
        assert!(
            !said(&c, "n'est que l'identifiant de sa structure"),
            "the missing organisation is no longer said: {:?}",
            c.problems
        );
        // Nor in the file's own remarks, which say how it was joined.
        let own = c.problems_of("services.json");
        assert!(own
            .iter()
            .any(|p| p.message.contains("reliés à leur structure")));
        assert!(!own
            .iter()
            .any(|p| p.message.contains("n'est que l'identifiant")));
        // Removed, the services are as read alone again.
        act(
            &mut c,
            &rd,
            CatalogueAction::Remove("structures.json".into()),
        );
        assert_eq!(org(&c), "st-1");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_kept_list_comes_back_with_or_without_the_default() {
        let rd = refdata();
        let mut c = seed(&rd);
        import(&mut c, &rd, "asso.csv", GOOD, false);
        import(&mut c, &rd, "structures.json", STRUCTURES, false);
        let kept = c.kept_list();
        assert!(kept.default);
        assert_eq!(kept.files.len(), 1);
        assert_eq!(kept.structures.len(), 1);
        assert_eq!(KeptList::parse(&kept.to_text()), Some(kept.clone()));
        // At the next visit.
        let mut next = seed(&rd);
        assert!(open_kept(&mut next, &rd, kept.to_text()));
        assert_eq!(files(&next), [(SEED_FILE, "seed"), ("asso.csv", "kept")]);
        assert_eq!(next.structures.len(), 1);
        assert!(next.kept);
        assert_eq!(next.offers.len(), c.offers.len());
        // Without the example.
        act(&mut c, &rd, CatalogueAction::Remove(SEED_FILE.into()));
        let mut next = seed(&rd);
        open_kept(&mut next, &rd, c.kept_list().to_text());
        assert_eq!(files(&next), [("asso.csv", "kept")]);
        // What earlier versions kept: one catalogue, in place of the default.
        let old = serde_json::json!({"fichier": "vieux.csv", "texte": GOOD}).to_string();
        let mut next = seed(&rd);
        open_kept(&mut next, &rd, old);
        assert_eq!(files(&next), [("vieux.csv", "kept")]);
        assert_eq!(KeptList::parse("pas du JSON"), None);
        // Kept, but unusable now: the default stays, and the panel says what is stored.
        let bad = KeptList {
            default: false,
            files: vec![("abime.csv".into(), "pas;un;catalogue\n".into())],
            structures: Vec::new(),
        };
        let mut other = seed(&rd);
        assert!(!open_kept(&mut other, &rd, bad.to_text()));
        assert_eq!(files(&other), [(SEED_FILE, "seed")]);
        assert_eq!(other.stored, Some(vec!["abime.csv".to_string()]));
        assert!(!other.kept);
        // Forgotten (« Tout effacer »): still in use for this visit, no longer said kept.
        next.forgotten();
        assert!(!next.kept);
        assert_eq!(files(&next), [("vieux.csv", "imported")]);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_hosted_catalogues_are_the_default_unless_the_user_chose_a_list() {
        let rd = refdata();
        let mut c = seed(&rd);
        act(
            &mut c,
            &rd,
            CatalogueAction::Config(Ok(
                r#"{"catalogue": "a.csv", "catalogues": ["b.csv", "a.csv"]}"#.into(),
            )),
        );
        assert_eq!(
            c.config.as_ref().map(|h| h.catalogues.clone()),
            Some(vec!["a.csv".to_string(), "b.csv".to_string()])
        );
        // The second file arrives first: the order stays the configuration's.
        let hosted = |c: &mut CatalogueState, f: &str, prefix: &str| {
            hosted_read(c, &rd, f, GOOD.replace("asso-", prefix).into_bytes())
        };
        assert!(hosted(&mut c, "b.csv", "b-"));
        assert!(hosted(&mut c, "a.csv", "a-"));
        assert_eq!(files(&c), [("a.csv", "hosted"), ("b.csv", "hosted")]);
        assert!(c.is_default());
        // A structures file among them: joined, part of the default, not kept by the browser.
        assert!(hosted_read(
            &mut c,
            &rd,
            "s.json",
            STRUCTURES.as_bytes().to_vec()
        ));
        assert_eq!(c.structures.len(), 1);
        assert!(c.is_default());
        assert!(c.kept_list().structures.is_empty());
        import(&mut c, &rd, "asso.csv", GOOD, true);
        assert!(c.structures.is_empty());
        act(&mut c, &rd, CatalogueAction::Default);
        assert_eq!(files(&c), [("a.csv", "hosted"), ("b.csv", "hosted")]);
        assert_eq!(c.structures.len(), 1);
        // A list kept without the default: the association's files do not come into it.
        let mut c = seed(&rd);
        let kept = KeptList {
            default: false,
            files: vec![("asso.csv".into(), GOOD.into())],
            structures: Vec::new(),
        };
        open_kept(&mut c, &rd, kept.to_text());
        act(
            &mut c,
            &rd,
            CatalogueAction::Config(Ok(r#"{"catalogue": "a.csv"}"#.into())),
        );
        assert!(!hosted(&mut c, "a.csv", "a-"));
        assert_eq!(files(&c), [("asso.csv", "kept")]);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_configuration_names_only_files_of_this_site() {
        let c = HostConfig::parse(
            r#"{"nom": " Asso ", "logo": "logo.svg", "contact": "01 02", "catalogue": "https://ailleurs.example/c.csv", "fiche_service": "SPIP 44 — 02 40"}"#,
        )
        .expect("parses");
        assert_eq!(c.name, "Asso");
        assert_eq!(c.fiche_service, "SPIP 44 — 02 40");
        assert_eq!(c.fiche_conseiller, "");
        assert_eq!(c.logo, "logo.svg");
        assert!(c.catalogues.is_empty());
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.source(), "asso");
        let blank = HostConfig::parse(r#"{"catalogue": ""}"#).expect("parses");
        assert!(blank.is_blank());
        assert!(blank.catalogues.is_empty());
        assert_eq!(blank.source(), "relais");
        let list = HostConfig::parse(r#"{"catalogue": ["a.csv", "//x/b.csv"], "catalogues": 3}"#)
            .expect("parses");
        assert_eq!(list.catalogues, ["a.csv"]);
        assert_eq!(list.problems.len(), 2, "{:?}", list.problems);
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
