//! A row's cells to an [`Offer`]: one function per column kind (required text, codes, places,
//! lists, dates, numbers), each saying what is wrong in the cell; then what spans rows
//! (duplicate ids, `suite` links).

use super::cells::{cell_too_long, cut_cell, split_list};
use super::columns::Column;
use super::problems::{Loaded, Problem, Severity};
use crate::model::{Measure, Milieu, Offer, OfferType, RecordRequirement};
use crate::refdata::RefData;
use crate::schedule::Schedule;
use std::collections::{BTreeMap, HashMap};

/// A row as read, before its cells are checked.
pub(super) struct RawRow {
    pub(super) line: usize,
    /// Column, 1-based position in the file (0 in JSON), raw value.
    pub(super) cells: Vec<(Column, usize, String)>,
    pub(super) extra: BTreeMap<String, String>,
    /// Cells of contract columns cut at the length limit (position, column): the row is not
    /// loaded, its values could read as something else.
    pub(super) rejects: Vec<(usize, Column)>,
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

pub(super) fn finish(rows: Vec<RawRow>, file: &str, refdata: &RefData, loaded: &mut Loaded) {
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
