//! A row's cells to an [`Offer`]: one function per column kind (required text, codes, places,
//! lists, dates, numbers), each saying what is wrong in the cell; then what spans rows
//! (duplicate ids, `suite` links).

use super::cells::{cell_too_long, cut_cell, list_items};
use super::columns::Column;
use super::loaded::Loaded;
use crate::model::{codes, Code, Measure, Milieu, Offer, OfferLists, OfferType, RecordRequirement};
use crate::problem::{Problem, Severity};
use crate::refdata::RefData;
use crate::schedule::Schedule;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Keys of a record remembered by position: a record of more keys looks the others up.
const MAX_LAST_KEYS: usize = 64;

/// How many distinct hours texts a load keeps to share their reading.
const MAX_SHARED_SCHEDULES: usize = 4096;

/// A row as read, before its cells are checked. A CSV row's cells are borrowed from the csv
/// record (no copy per cell); JSON and the other formats give owned ones.
pub(super) struct RawRow<'r> {
    pub(super) line: usize,
    /// Column, 1-based position in the file (0 in JSON), raw value.
    pub(super) cells: Vec<(Column, usize, Cow<'r, str>)>,
    pub(super) extra: BTreeMap<String, String>,
    /// Cells of contract columns cut at the length limit (position, column): the row is not
    /// loaded, its values could read as something else.
    pub(super) rejects: Vec<(usize, Column)>,
}

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
    let upper = w.to_ascii_uppercase();
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
                .entry(crate::text::fold(&c.name))
                .and_modify(|e| *e = None)
                .or_insert_with(|| Some(c.code.clone()));
        }
        index
    });
    index.get(&crate::text::fold(w)).cloned().flatten()
}

/// Rows turned into offers one at a time, so that a large file is never held twice (as rows
/// and as offers); what spans rows (duplicate ids, `suite` links) is checked by
/// [`RowLoader::finish`].
pub(crate) struct RowLoader<'a> {
    file: &'a str,
    refdata: &'a RefData,
    commune_names: Option<CommuneNames>,
    /// Hours read once per distinct text and shared by the offers that write them alike.
    schedules: HashMap<String, Arc<Schedule>>,
    /// Each id with its line, reserved with the offers. (Keyed by `Code` it saved 1.6 MB of
    /// the 60,000-row CSV natively, but a second map type costs the reader's module 1 KB
    /// brotli, past its budget.)
    ids: HashMap<String, usize>,
    suite_cols: Vec<usize>,
    /// Keys of JSON records repeat from entry to entry: each is matched against the column
    /// names once.
    columns: HashMap<String, Option<Column>>,
    /// The last record's keys with their columns, by position ([`RowLoader::column_of`]).
    last_keys: Vec<(String, Option<Column>)>,
    /// The zone of eligibility of the next record, given by its reader (data·inclusion's
    /// `zone_eligibilite`), set as the offer is built rather than after: the offer's lists
    /// are packed once.
    zone: Vec<String>,
    loaded: Loaded,
}

impl<'a> RowLoader<'a> {
    pub(crate) fn new(file: &'a str, refdata: &'a RefData) -> Self {
        RowLoader {
            file,
            refdata,
            commune_names: None,
            schedules: HashMap::new(),
            ids: HashMap::new(),
            suite_cols: Vec::new(),
            columns: HashMap::new(),
            last_keys: Vec::new(),
            zone: Vec::new(),
            loaded: Loaded {
                encoding: "UTF-8",
                ..Loaded::default()
            },
        }
    }

    /// Room for `n` offers at once (a CSV knows its line count before reading its rows).
    pub(super) fn reserve(&mut self, n: usize) {
        self.loaded.offers.reserve(n);
        self.ids.reserve(n);
    }

    pub(super) fn push_row(&mut self, mut row: RawRow<'_>) {
        let (file, refdata) = (self.file, self.refdata);
        let extra = std::mem::take(&mut row.extra);
        let loaded = &mut self.loaded;
        // Where each column's cell is (the first one, as JSON may name a column twice): a row's
        // columns are looked up about 40 times.
        let mut slots = [usize::MAX; Column::ALL.len()];
        for (i, cell) in row.cells.iter().enumerate().rev() {
            if let Some(slot) = slots.get_mut(cell.0 as usize) {
                *slot = i;
            }
        }
        let mut p = RowParser {
            slots,
            commune_names: &mut self.commune_names,
            schedules: &mut self.schedules,
            file,
            row: &row,
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
        let offer = p.offer(extra, std::mem::take(&mut self.zone));
        loaded.problems.append(&mut p.problems);
        if let Some(o) = offer {
            if let Some(first) = self.ids.get(o.id.as_str()) {
                let col = row.cells.iter().find(|c| c.0 == Column::Id).map(|c| c.1);
                let message = format!("identifiant « {} » déjà utilisé ligne {first} : chaque offre doit avoir un id unique ; cette ligne n'est pas chargée", o.id);
                loaded.problems.push(
                    Problem::error(file, row.line, message)
                        .column(col)
                        .field("id"),
                );
                return;
            }
            self.ids.insert(o.id.to_string(), row.line);
            self.suite_cols.push(
                row.cells
                    .iter()
                    .find(|c| c.0 == Column::ContinuesAs)
                    .map_or(0, |c| c.1),
            );
            loaded.offers.push(o);
        }
    }

    /// [`RowLoader::push_record`], the offer's zone of eligibility given (codes).
    pub(crate) fn push_record_in_zone(
        &mut self,
        line: usize,
        fields: Vec<(Cow<'_, str>, Cow<'_, str>)>,
        zone: Vec<String>,
    ) {
        self.zone = zone;
        self.push_record(line, fields);
        self.zone = Vec::new();
    }

    /// The column a record's key names: the keys of the last record first, by position (a
    /// format's records name their fields in the same order), then every key seen.
    fn column_of(&mut self, at: usize, k: &str) -> Option<Column> {
        if let Some((_, c)) = self
            .last_keys
            .get(at)
            .filter(|(last, _)| last.as_str() == k)
        {
            return *c;
        }
        let column = match self.columns.get(k) {
            Some(c) => *c,
            None => {
                let c = Column::from_header(k);
                self.columns.insert(k.to_string(), c);
                c
            }
        };
        let known = self.last_keys.len();
        match self.last_keys.get_mut(at) {
            Some(slot) => *slot = (k.to_string(), column),
            None if known == at && at < MAX_LAST_KEYS => {
                self.last_keys.push((k.to_string(), column));
            }
            None => {}
        }
        column
    }

    /// One record (entry number, [(column name, cell)]), as JSON and the other formats give
    /// them, borrowed where they can be: a key is only copied when it names no column of the
    /// contract (an extra column), a cell when the offer keeps it.
    pub(crate) fn push_record(&mut self, line: usize, fields: Vec<(Cow<'_, str>, Cow<'_, str>)>) {
        let file = self.file;
        let mut cells = Vec::with_capacity(fields.len());
        let mut extra = BTreeMap::new();
        let mut rejects = Vec::new();
        for (at, (k, mut text)) in fields.into_iter().enumerate() {
            let column = self.column_of(at, &k);
            if let Some(short) = cut_cell(&text) {
                let short = short.to_string();
                self.loaded.problems.push(
                    Problem::error(file, line, cell_too_long(text.len())).field(k.to_string()),
                );
                if let Some(c) = column.filter(|c| !c.free_text()) {
                    rejects.push((0, c));
                }
                text = Cow::Owned(short);
            }
            match column {
                Some(c) => cells.push((c, 0, text)),
                None => {
                    extra.insert(k.into_owned(), text.into_owned());
                }
            }
        }
        self.push_row(RawRow {
            line,
            cells,
            extra,
            rejects,
        });
    }

    pub(crate) fn finish(self) -> Loaded {
        let RowLoader {
            file,
            ids,
            suite_cols,
            mut loaded,
            ..
        } = self;
        for (o, col) in loaded.offers.iter_mut().zip(suite_cols) {
            if o.continues_as().is_empty() {
                continue;
            }
            let mut kept = Vec::new();
            for s in o.continues_as() {
                if ids.contains_key(s.as_str()) && s != &o.id {
                    kept.push(s.clone());
                } else {
                    let message = if s == &o.id {
                        format!("la suite « {s} » est l'offre elle-même : indiquer l'id de l'offre qui la continue dehors")
                    } else {
                        format!("la suite « {s} » ne correspond à aucune offre du fichier : corriger l'id ou ajouter cette offre")
                    };
                    loaded.problems.push(
                        Problem::error(file, o.line, message)
                            .column(col)
                            .field("suite"),
                    );
                }
            }
            if kept.len() != o.continues_as().len() {
                o.edit_lists(|l| l.continues_as = kept);
            }
        }
        loaded
            .problems
            .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
        loaded
    }
}

/// One row being read: its cells, and what is wrong in them.
struct RowParser<'a> {
    file: &'a str,
    row: &'a RawRow<'a>,
    /// Each column's cell in `row.cells`, by `Column as usize` (`usize::MAX`: none).
    slots: [usize; Column::ALL.len()],
    refdata: &'a RefData,
    commune_names: &'a mut Option<CommuneNames>,
    schedules: &'a mut HashMap<String, Arc<Schedule>>,
    problems: Vec<Problem>,
    /// A value the rules depend on is wrong: using the row could let an offer fit wrongly.
    rejected: bool,
}

impl<'a> RowParser<'a> {
    fn report(&mut self, col: usize, c: Column, severity: Severity, message: String) {
        self.problems.push(
            Problem::new(self.file, self.row.line, severity, message)
                .column(col)
                .field(c.name()),
        );
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

    /// The cell of a column, trimmed, with its 1-based position (0 in JSON).
    fn cell(&self, c: Column) -> Option<(usize, &'a str)> {
        let row: &'a RawRow<'a> = self.row;
        let i = *self.slots.get(c as usize)?;
        row.cells.get(i).map(|x| (x.1, x.2.as_ref().trim()))
    }

    /// The position of a column's cell, 0 when absent or in JSON.
    fn position(&self, c: Column) -> usize {
        self.cell(c).map_or(0, |x| x.0)
    }

    /// A cell that is not empty, with its position.
    fn filled(&self, c: Column) -> Option<(usize, &'a str)> {
        self.cell(c).filter(|(_, v)| !v.is_empty())
    }

    /// Free text: the cell as written, empty when absent.
    fn text(&self, c: Column) -> &'a str {
        self.cell(c).map(|x| x.1).unwrap_or_default()
    }

    /// A free list (`,`, `|` or line breaks between items).
    fn items(&self, c: Column) -> Vec<&'a str> {
        self.cell(c)
            .map(|(_, v)| list_items(v).collect())
            .unwrap_or_default()
    }

    /// A required cell: empty or absent rejects the row.
    fn required(&mut self, c: Column) -> &'a str {
        match self.filled(c) {
            Some((_, v)) => v,
            None => {
                let col = self.position(c);
                let message = format!("la colonne « {} » est obligatoire et vide", c.name());
                self.reject(col, c, message);
                ""
            }
        }
    }

    /// A code from a closed list: an unknown code rejects the row, with `unknown` saying what
    /// to write instead.
    fn code<T>(
        &mut self,
        c: Column,
        written: &str,
        read: impl Fn(&str) -> Option<T>,
        unknown: impl Fn(&str) -> String,
    ) -> Option<T> {
        if written.is_empty() {
            return None;
        }
        let value = read(written);
        if value.is_none() {
            let col = self.position(c);
            self.reject(col, c, unknown(written));
        }
        value
    }

    /// Each item of a list cell through `read`, which reports what it refuses.
    fn list<T>(
        &mut self,
        c: Column,
        mut read: impl FnMut(&mut Self, usize, &str) -> Option<T>,
    ) -> Vec<T> {
        let Some((col, v)) = self.cell(c) else {
            return Vec::new();
        };
        list_items(v)
            .filter_map(|item| read(self, col, item))
            .collect()
    }

    fn kind(&mut self, written: &str) -> Option<OfferType> {
        self.code(Column::Type, written, read_kind, |t| {
            format!(
                "type inconnu « {t} » : écrire l'un de {}",
                OfferType::codes()
            )
        })
    }

    fn milieu(&mut self, written: &str) -> Option<Milieu> {
        let read = |m: &str| {
            Milieu::from_code(m).or_else(|| match crate::text::key(m).as_str() {
                "milieuferme" | "detention" | "interieur" => Some(Milieu::Dedans),
                "milieuouvert" | "exterieur" => Some(Milieu::Dehors),
                "lesdeux" | "dedansetdehors" => Some(Milieu::DedansDehors),
                _ => None,
            })
        };
        self.code(Column::Milieu, written, read, |m| {
            format!("milieu inconnu « {m} » : écrire dedans, dehors ou dedans_dehors")
        })
    }

    fn establishments(&mut self) -> Vec<String> {
        self.list(Column::Establishments, |p, col, e| {
            let found = p.refdata.resolve_establishment(e).map(|est| est.id.clone());
            if found.is_none() {
                let hints: Vec<String> = p
                    .refdata
                    .establishment_hints(e)
                    .iter()
                    .map(|x| format!("{} ({})", x.name, x.id))
                    .collect();
                let hint = if hints.is_empty() {
                    String::new()
                } else {
                    format!(" ; peut-être : {}", hints.join(", "))
                };
                p.report(col, Column::Establishments, Severity::Error, format!("établissement inconnu « {e} » : utiliser l'id de data/etablissements.csv (par exemple fleury-merogis){hint}"));
            }
            found
        })
    }

    /// The départements, and whether `*` (anywhere, or at a distance) is among them.
    fn departements(&mut self) -> (Vec<String>, bool) {
        let mut anywhere = false;
        let codes = self.list(Column::Departements, |p, col, d| {
            if d == "*" {
                anywhere = true;
                return None;
            }
            let found = p.refdata.resolve_departement(d);
            if found.is_none() {
                p.report(col, Column::Departements, Severity::Error, format!("département inconnu « {d} » : écrire son code INSEE (44, 2A, 974) ou * pour partout / à distance"));
            }
            found
        });
        (codes, anywhere)
    }

    /// The communes; the département of a commune missing from `departements` is added to it.
    fn communes(&mut self, departements: &mut Vec<String>, anywhere: bool) -> Vec<String> {
        let written_departements = departements.clone();
        self.list(Column::Communes, |p, col, c| {
            let code = resolve_commune(p.refdata, p.commune_names, c)
                .or_else(|| p.commune_as_typed(col, c, &written_departements));
            let Some(code) = code else {
                let message = format!("commune inconnue « {c} » : écrire son code INSEE à 5 caractères (93008 pour Bobigny), pas le code postal{}", p.refdata.commune_hint(c));
                p.report(col, Column::Communes, Severity::Error, message);
                return None;
            };
            if let Some(note) = p.refdata.commune_code_note(&code) {
                p.report(col, Column::Communes, Severity::Warning, note);
            }
            let d = p.refdata.departement_code_of(&code);
            if !anywhere && !departements.contains(&d) {
                // A table that names communes only (a directory, a mapped list) places the
                // offer in their départements; one that names others is told.
                if !written_departements.is_empty() {
                    p.report(col, Column::Communes, Severity::Warning, format!("la commune {code} est dans le département {d}, absent de la colonne departements : il y est ajouté"));
                }
                departements.push(d);
            }
            Some(code)
        })
    }

    /// A commune written as people type it (« Lyon 7e », « Saint-Denis » on a row of the 93, a
    /// postal code): the one commune it means, narrowed by the row's départements, said in a
    /// warning; `None` when it still means several or none. (Not the page's place resolver:
    /// the reader's module would carry it.)
    fn commune_as_typed(
        &mut self,
        col: usize,
        written: &str,
        departements: &[String],
    ) -> Option<String> {
        let rd = self.refdata;
        let w = written.trim();
        let postal = w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit());
        let mut found: Vec<&crate::refdata::Commune> = match crate::places::arrondissement_code(w) {
            Some(code) => rd.commune(&code).into_iter().collect(),
            None if postal => rd.by_postal_code(w).collect(),
            None => rd.by_name_key(&crate::text::name_key(w)).collect(),
        };
        if found.len() > 1 && !departements.is_empty() {
            found.retain(|c| departements.contains(&c.departement));
        }
        if postal && found.len() > 1 {
            // A city and its arrondissement behind one postal code: the arrondissement.
            let parents: Vec<String> = found.iter().filter_map(|c| c.parent.clone()).collect();
            found.retain(|c| !parents.contains(&c.code));
        }
        let [c] = found.as_slice() else {
            return None;
        };
        let how = if postal { ", par son code postal" } else { "" };
        let message = format!(
            "commune « {w} » lue comme {} ({}){how} : écrire ce code INSEE pour ne laisser aucun doute",
            c.name, c.code
        );
        let code = c.code.clone();
        self.report(col, Column::Communes, Severity::Warning, message);
        Some(code)
    }

    /// Dedans needs an establishment, dehors a département (or `*`).
    fn check_places(
        &mut self,
        m: Milieu,
        establishments: &[String],
        departements: &[String],
        anywhere: bool,
    ) {
        if m.inside() && establishments.is_empty() {
            let col = self.position(Column::Establishments);
            self.reject(col, Column::Establishments, format!("une offre « {} » doit nommer au moins un établissement reconnu (colonne etablissements)", m.code()));
        }
        if m.outside() && departements.is_empty() && !anywhere {
            let col = self.position(Column::Departements);
            self.reject(col, Column::Departements, format!("une offre « {} » doit nommer au moins un département reconnu, ou * (colonne departements)", m.code()));
        }
    }

    fn sectors(&mut self) -> Vec<String> {
        self.list(Column::Sectors, |p, col, s| {
            let code = s.to_ascii_uppercase().replace(' ', "");
            if p.refdata.rome_known(&code) {
                Some(code)
            } else {
                p.report(
                    col,
                    Column::Sectors,
                    Severity::Error,
                    format!(
                        "code ROME inconnu « {s} » : écrire un code (G1803) ou son début (G18, N)"
                    ),
                );
                None
            }
        })
    }

    fn measures(&mut self) -> Vec<Measure> {
        self.list(Column::Measures, |p, col, m| {
            let found = Measure::from_code(m);
            if found.is_none() {
                p.reject(
                    col,
                    Column::Measures,
                    format!(
                        "mesure inconnue « {m} » : écrire l'une de {}",
                        Measure::codes()
                    ),
                );
            }
            found
        })
    }

    /// The hours as written and as read.
    fn schedule(&mut self) -> (&'a str, Option<Arc<Schedule>>) {
        let Some((col, v)) = self.filled(Column::Schedule) else {
            return ("", None);
        };
        let s = match self.schedules.get(v) {
            Some(s) => Arc::clone(s),
            None => {
                let s = Arc::new(Schedule::read(v));
                // Bounded: a catalogue whose every row writes other hours shares nothing.
                if self.schedules.len() < MAX_SHARED_SCHEDULES {
                    self.schedules.insert(v.to_string(), Arc::clone(&s));
                }
                s
            }
        };
        for (severity, message) in s.problems(v) {
            self.report(col, Column::Schedule, severity, message);
        }
        (v, Some(s))
    }

    /// Regulated activities, kept even when the vocabulary does not know them; written in
    /// words (« débit de boissons »), read as the activities they name.
    fn regulated(&mut self) -> Vec<String> {
        let read: Vec<Vec<String>> = self.list(Column::Regulated, |p, col, a| {
            let code = crate::text::code_key(a);
            if p.refdata.term("activite", &code).is_some() {
                return Some(vec![code]);
            }
            let named: Vec<String> = p
                .refdata
                .activities_in(a)
                .iter()
                .map(|t| t.code.clone())
                .collect();
            if named.is_empty() {
                p.report(col, Column::Regulated, Severity::Warning, format!("activité réglementée « {a} » absente du vocabulaire : elle est gardée et comparée telle quelle aux interdictions d'exercer"));
                return Some(vec![code]);
            }
            p.report(col, Column::Regulated, Severity::Warning, format!("activité réglementée « {a} » lue comme {} : écrire ce code pour ne laisser aucun doute", named.join(", ")));
            Some(named)
        });
        let mut codes: Vec<String> = read.into_iter().flatten().collect();
        let mut seen = std::collections::HashSet::new();
        codes.retain(|c| seen.insert(c.clone()));
        codes
    }

    fn record(&mut self) -> Option<RecordRequirement> {
        let written = self.text(Column::Record);
        // « Non », « pas de casier »: no record asked. « Oui » says not which bulletin: refused.
        let read = |v: &str| {
            RecordRequirement::from_code(v).or_else(|| {
                matches!(
                    crate::text::key(v).as_str(),
                    "non"
                        | "sans"
                        | "pasdecasier"
                        | "aucune"
                        | "aucundemande"
                        | "aucunedemande"
                        | "nondemande"
                )
                .then_some(RecordRequirement::Aucun)
            })
        };
        self.code(Column::Record, written, read, |v| {
            if crate::text::key(v) == "oui" {
                format!("casier « {v} » : dire quel bulletin, b3 (demandé au candidat), b2 (consulté par l'employeur) ou b2_vierge (exigé vierge)")
            } else {
                format!("casier inconnu « {v} » : écrire aucun, b3, b2 ou b2_vierge")
            }
        })
    }

    /// A date; an impossible one rejects the row when `reject`, is an error otherwise.
    fn date(&mut self, c: Column, reject: bool) -> Option<time::Date> {
        let (col, v) = self.filled(c)?;
        let d = crate::date::parse(v);
        // A month without its day (« janvier 2027 »): its first day, or its last for an end
        // (the offer is not ended before its month is), said.
        if let (None, Some((first, last))) = (d, crate::date::month_span(v)) {
            let day = if c == Column::End { last } else { first };
            self.report(
                col,
                c,
                Severity::Warning,
                format!(
                    "« {v} » lu comme le {} (le mois seulement) : préciser le jour si on le connaît",
                    crate::date::fr(day)
                ),
            );
            return Some(day);
        }
        if d.is_none() {
            let msg = format!(
                "date impossible « {v} » : {}",
                crate::date::why_impossible(v)
            );
            if reject {
                self.reject(col, c, msg);
            } else {
                self.report(col, c, Severity::Error, msg);
            }
        }
        d
    }

    fn seats(&mut self) -> Option<u32> {
        let (col, v) = self.filled(Column::Seats)?;
        // « 10 places », « 8 stagiaires »: the number the words count.
        let counted = v
            .split_once(' ')
            .filter(|(_, w)| {
                [
                    "place",
                    "places",
                    "personne",
                    "personnes",
                    "stagiaire",
                    "stagiaires",
                    "poste",
                    "postes",
                ]
                .contains(&crate::text::fold(w.trim()).as_str())
            })
            .map_or(v, |(n, _)| n);
        let n = counted.trim().parse::<u32>().ok();
        if n.is_none() {
            self.report(col, Column::Seats, Severity::Error, format!("nombre de places illisible « {v} » : écrire un nombre entier (12) ou laisser vide"));
        }
        n
    }

    fn offer(&mut self, extra: BTreeMap<String, String>, zone: Vec<String>) -> Option<Offer> {
        let id = self.required(Column::Id);
        let organisation = self.required(Column::Organisation);
        let title = self.required(Column::Title);
        let type_text = self.required(Column::Type);
        let milieu_text = self.required(Column::Milieu);
        if id.chars().any(char::is_whitespace) {
            let message = format!(
                "l'id « {id} » contient des espaces : préférer des tirets (cafe-fleury-aci)"
            );
            self.report(0, Column::Id, Severity::Warning, message);
        }
        let kind = self.kind(type_text);
        let milieu = self.milieu(milieu_text);
        let establishments = self.establishments();
        let (mut departements, anywhere) = self.departements();
        let communes = self.communes(&mut departements, anywhere);
        if let Some(m) = milieu {
            self.check_places(m, &establishments, &departements, anywhere);
        }
        let sectors = self.sectors();
        let skills = self.items(Column::Skills);
        let mut measures = self.measures();
        measures.shrink_to_fit();
        let (schedule_text, schedule) = self.schedule();
        let regulated = self.regulated();
        let record = self.record();
        let prerequisites: Vec<Code> = self
            .items(Column::Prerequisites)
            .iter()
            .map(|p| Code::from(crate::text::code_key(p)))
            .collect();
        let start = self.date(Column::Start, true);
        let end = self.date(Column::End, true);
        let checked = self.date(Column::Checked, false);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                let col = self.position(Column::End);
                let message = format!(
                    "la fin ({}) est avant le début ({})",
                    crate::date::fr(e),
                    crate::date::fr(s)
                );
                self.reject(col, Column::End, message);
            }
        }
        let seats = self.seats();
        if self.rejected {
            return None;
        }
        let skills = codes(skills);
        Some(Offer {
            id: id.into(),
            organisation: organisation.into(),
            title: title.into(),
            kind: kind?,
            milieu: milieu?,
            anywhere,
            lists: OfferLists {
                establishments: codes(establishments),
                departements: codes(departements),
                communes: codes(communes),
                sectors: codes(sectors),
                skill_keys: Offer::fold_skills(&skills),
                skills,
                regulated: codes(regulated),
                prerequisites,
                continues_as: codes(self.items(Column::ContinuesAs)),
                zone_eligibilite: codes(zone),
                contact: self.text(Column::Contact).to_string(),
                description: self.text(Column::Description).to_string(),
            }
            .into(),
            measures: measures.into(),
            schedule_text: schedule_text.into(),
            schedule,
            record,
            start,
            end,
            seats,
            checked,
            extra,
            line: self.row.line,
        })
    }
}

/// Load offers given as (entry number, [(column name, cell)]): the path shared by JSON and
/// data·inclusion imports, with the same checks as the CSV.
pub(crate) fn load_records(
    records: Vec<(usize, Vec<(String, String)>)>,
    file: &str,
    refdata: &RefData,
) -> Loaded {
    let mut loader = RowLoader::new(file, refdata);
    for (line, fields) in records {
        let fields = fields
            .into_iter()
            .map(|(k, v)| (Cow::Owned(k), Cow::Owned(v)))
            .collect();
        loader.push_record(line, fields);
    }
    loader.finish()
}

/// A type as the field writes it: the code, or the words of the IAE and of training lists
/// (« Atelier chantier d'insertion », « Entreprise d'insertion », « Formation qualifiante »).
/// Nothing is guessed beyond those words: any other text is refused with the list of codes.
fn read_kind(written: &str) -> Option<OfferType> {
    if let Some(t) = OfferType::from_code(written) {
        return Some(t);
    }
    let k: String = crate::text::fold(written)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let insertion = k.contains("insertion");
    match k.as_str() {
        _ if k.contains("chantier") && insertion => Some(OfferType::Aci),
        _ if k.contains("travailtemporaire") && insertion => Some(OfferType::Etti),
        _ if k.starts_with("entreprisedinsertion") || k == "entrepriseinsertion" => {
            Some(OfferType::Ei)
        }
        "travaildinteretgeneral" | "travailinteretgeneral" => Some(OfferType::Tig),
        _ if k.starts_with("formation") => Some(OfferType::Formation),
        _ if k.starts_with("accompagnement") => Some(OfferType::Accompagnement),
        _ if k.starts_with("offredemploi") || k == "emplois" => Some(OfferType::Emploi),
        _ if k.starts_with("atelier") && !insertion => Some(OfferType::Atelier),
        _ => None,
    }
}
