//! The mapping step: a file whose columns are not Relais's is not refused; the page shows each
//! column with its first values, proposes a Relais field for it (`relais_core::mapping::propose`),
//! lets the user change it, translate the values of closed fields and give defaults for what the
//! file lacks; « Appliquer » loads the catalogue through the mapping, which can be downloaded and
//! opened again. Reading the table, proposing and applying are the catalogue reader's
//! (`crates/reader`, in the worker: [`Opened`] is what it gives, `MappingAction::Applied` what
//! « Appliquer » read); this part only holds and edits the mapping. Also the host's mapping (`relais.config.json`, `"correspondance"`), applied to
//! the association's catalogue. Pure, its own part of the state: `state.rs` hands it its
//! [`MappingAction`]s, and gives the file it loads to the catalogue's list.

use crate::catalogue_state::{Bytes, Read};
use relais_core::catalogue::{Column, Problem};
use relais_core::mapping::{CommuneSource, FieldRule, Mapping, Table};
use std::rc::Rc;

/// A source column's values translated for a closed field: (header, field, [(from, to)]).
pub type ColumnValues = Vec<(String, Column, Vec<(String, String)>)>;

/// What the reader gives for a file whose columns are not Relais's: its table (header, first
/// rows, distinct values), the mapping it proposes, and for each column the value maps it
/// proposes should the user give that column to a closed field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opened {
    pub table: Table,
    pub proposed: Mapping,
    pub values: ColumnValues,
    /// A workbook's sheet: which one the reader read (« classeur XLSX, première feuille … »).
    pub sheet: Option<String>,
}

/// A mapping file as the reader read it (the page parses none): the mapping and what the
/// file said.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MappingRead {
    pub mapping: Mapping,
    pub problems: Vec<Problem>,
}

/// The select's value for « not used », « kept as is », a commune's name, its postal code.
pub const CHOICE_NONE: &str = "";
pub const CHOICE_KEEP: &str = "garder";
pub const CHOICE_COMMUNE_NAME: &str = "commune_nom";
pub const CHOICE_POSTAL_CODE: &str = "code_postal";

/// A file waiting for its mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct MappingStep {
    pub file: String,
    pub bytes: Bytes,
    pub table: Rc<Table>,
    /// The value maps proposed per column and closed field.
    pub values: Rc<ColumnValues>,
    pub mapping: Mapping,
    /// The file, once read through the mapping, replaces the list rather than joining it.
    pub replace: bool,
    /// What reading a mapping file said, or why « Appliquer » loaded nothing.
    pub problems: Rc<Vec<Problem>>,
    /// The last « Appliquer » loaded no offer.
    pub rejected: bool,
    /// The mapping file opened, if one was.
    pub mapping_file: Option<String>,
    /// A workbook's sheet (its CSV is `bytes`): which one, said in the step and the report.
    pub sheet: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MappingState {
    pub step: Option<MappingStep>,
    /// The mapping of the catalogue in use (file it was applied to, mapping): to download.
    pub used: Option<(String, Rc<Mapping>)>,
    /// The host's mapping (its file, the mapping), for the association's catalogue.
    pub host: Option<(String, Rc<Mapping>)>,
    /// Why the host's mapping is not used.
    pub host_problem: Option<String>,
}

pub enum MappingAction {
    /// The select of a source column: a Relais field name or one of the `CHOICE_*`.
    SetColumn {
        header: String,
        choice: String,
    },
    /// A source value of a closed field translated (`""` = passed as written).
    SetValue {
        field: Column,
        from: String,
        to: String,
    },
    /// A field's value when the file gives none (`""` = none).
    SetDefault {
        field: Column,
        value: String,
    },
    /// A field made of cells (`siae-{SIRET}`; `""` = none).
    SetTemplate {
        field: Column,
        value: String,
    },
    /// A mapping file opened in the step, read by the reader.
    OpenMapping {
        file: String,
        read: MappingRead,
    },
    OpenMappingFailed {
        file: String,
        error: String,
    },
    /// The reader gave a file whose columns are not Relais's: the step opens.
    Open {
        file: String,
        bytes: Bytes,
        opened: Opened,
        replace: bool,
    },
    /// « Appliquer »: what the reader read through the mapping.
    Applied(Read),
    /// « Appliquer »: the reader could not read it.
    ApplyFailed(String),
    Cancel,
    /// The host's mapping file as the reader read it, or why it could not be fetched or read.
    Host {
        file: String,
        result: Result<MappingRead, String>,
    },
}

/// The choice shown for a source column.
pub fn choice_of(m: &Mapping, header: &str) -> String {
    if let Some((c, _)) = m
        .fields
        .iter()
        .find(|(_, r)| r.column.as_deref() == Some(header))
    {
        return c.name().to_string();
    }
    if let Some(cs) = m.rule(Column::Communes).and_then(|r| r.commune.as_ref()) {
        if cs.name.as_deref() == Some(header) {
            return CHOICE_COMMUNE_NAME.into();
        }
        if cs.postal_code.as_deref() == Some(header) {
            return CHOICE_POSTAL_CODE.into();
        }
    }
    if m.keep.iter().any(|k| k == header) {
        return CHOICE_KEEP.into();
    }
    CHOICE_NONE.into()
}

/// Forget every use of a source column (before giving it another).
fn release(m: &mut Mapping, header: &str) {
    m.keep.retain(|k| k != header);
    let fields: Vec<Column> = m.fields.iter().map(|f| f.0).collect();
    for c in fields {
        let Some(mut r) = m.rule(c).cloned() else {
            continue;
        };
        if r.column.as_deref() == Some(header) {
            r.column = None;
            r.values.clear();
        }
        if let Some(cs) = &mut r.commune {
            if cs.name.as_deref() == Some(header) {
                cs.name = None;
            }
            if cs.postal_code.as_deref() == Some(header) {
                cs.postal_code = None;
            }
            if cs.name.is_none() && cs.postal_code.is_none() {
                r.commune = None;
            }
        }
        let empty = r == FieldRule::default();
        m.set_rule(c, (!empty).then_some(r));
    }
}

/// Give a source column to a field (or keep it, or to the commune's name or postal code).
pub fn set_choice(m: &mut Mapping, values: &ColumnValues, header: &str, choice: &str) {
    release(m, header);
    match choice {
        CHOICE_NONE => {}
        CHOICE_KEEP => m.keep.push(header.to_string()),
        CHOICE_COMMUNE_NAME | CHOICE_POSTAL_CODE => {
            let mut r = m.rule(Column::Communes).cloned().unwrap_or_default();
            if let Some(old) = r.column.take() {
                release(m, &old);
            }
            let cs = r.commune.get_or_insert_with(CommuneSource::default);
            if choice == CHOICE_COMMUNE_NAME {
                cs.name = Some(header.to_string());
            } else {
                cs.postal_code = Some(header.to_string());
            }
            m.set_rule(Column::Communes, Some(r));
        }
        name => {
            let Some(c) = Column::from_header(name) else {
                return;
            };
            let mut r = m.rule(c).cloned().unwrap_or_default();
            if let Some(old) = r.column.take() {
                release(m, &old);
                r = m.rule(c).cloned().unwrap_or_default();
            }
            if c == Column::Communes {
                r.commune = None;
            }
            r.column = Some(header.to_string());
            r.values = proposed_values(values, header, c);
            m.set_rule(c, Some(r));
        }
    }
}

/// The value map the reader proposed for a column given to a closed field.
fn proposed_values(values: &ColumnValues, header: &str, c: Column) -> Vec<(String, String)> {
    values
        .iter()
        .find(|(h, f, _)| h == header && *f == c)
        .map(|(_, _, v)| v.clone())
        .unwrap_or_default()
}

/// Does this mapping read every column it names from this table?
fn fits(m: &Mapping, table: &Table) -> bool {
    let has = |h: &str| {
        table
            .header
            .iter()
            .any(|x| relais_core::text::key(x) == relais_core::text::key(h))
    };
    !m.fields.is_empty()
        && m.fields.iter().all(|(_, r)| {
            r.column.as_deref().is_none_or(has)
                && r.commune.as_ref().is_none_or(|cs| {
                    cs.name.as_deref().is_none_or(has) && cs.postal_code.as_deref().is_none_or(has)
                })
        })
}

/// A file the user chose whose required columns are missing: the step that maps it. Starts
/// from the mapping last applied or the host's, when it reads this table, else the reader's
/// proposal.
pub fn step_for(
    m: &MappingState,
    file: &str,
    bytes: Bytes,
    opened: Opened,
    replace: bool,
) -> MappingStep {
    let known = [m.used.as_ref(), m.host.as_ref()]
        .into_iter()
        .flatten()
        .map(|(_, m)| m)
        .find(|m| fits(m, &opened.table))
        .map(|m| (**m).clone());
    MappingStep {
        file: file.to_string(),
        bytes,
        mapping: known.unwrap_or(opened.proposed),
        table: Rc::new(opened.table),
        values: Rc::new(opened.values),
        replace,
        problems: Rc::new(Vec::new()),
        rejected: false,
        mapping_file: None,
        sheet: opened.sheet,
    }
}

/// The name of the mapping file to download for a catalogue file.
pub fn download_name(file: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    format!("correspondance-{}.json", relais_core::text::slug(stem))
}

impl MappingState {
    /// Apply one mapping action; returns the file « Appliquer » read (name, what was read,
    /// whether it replaces the list), for the catalogue's list.
    pub fn apply(&mut self, action: MappingAction) -> Option<(String, Read, bool)> {
        let s = self;
        if let MappingAction::Open {
            file,
            bytes,
            opened,
            replace,
        } = action
        {
            s.step = Some(step_for(s, &file, bytes, opened, replace));
            return None;
        }
        if let MappingAction::Host { file, result } = action {
            match result {
                Ok(MappingRead {
                    mapping: m,
                    problems,
                }) => {
                    if m.fields.is_empty() {
                        let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
                        s.host_problem =
                            Some(format!("{file} : correspondance inutilisable ({first})"));
                    } else {
                        s.host = Some((file, Rc::new(m)));
                        s.host_problem = None;
                    }
                }
                Err(e) => s.host_problem = Some(e),
            }
            return None;
        }
        if let MappingAction::Cancel = action {
            s.step = None;
            return None;
        }
        let mut step = s.step.take()?;
        match action {
            MappingAction::SetColumn { header, choice } => {
                set_choice(&mut step.mapping, &step.values, &header, &choice);
            }
            MappingAction::SetValue { field, from, to } => {
                let mut r = step.mapping.rule(field).cloned().unwrap_or_default();
                r.values.retain(|(f, _)| *f != from);
                if !to.is_empty() {
                    r.values.push((from, to));
                }
                step.mapping.set_rule(field, Some(r));
            }
            MappingAction::SetDefault { field, value } => {
                let mut r = step.mapping.rule(field).cloned().unwrap_or_default();
                r.default = Some(value.trim().to_string()).filter(|v| !v.is_empty());
                let empty = r == FieldRule::default();
                step.mapping.set_rule(field, (!empty).then_some(r));
            }
            MappingAction::SetTemplate { field, value } => {
                let mut r = step.mapping.rule(field).cloned().unwrap_or_default();
                r.template = Some(value.trim().to_string()).filter(|v| !v.is_empty());
                let empty = r == FieldRule::default();
                step.mapping.set_rule(field, (!empty).then_some(r));
            }
            MappingAction::OpenMapping { file, read } => {
                if !read.mapping.fields.is_empty() {
                    step.mapping = read.mapping;
                }
                step.problems = Rc::new(read.problems);
                step.rejected = false;
                step.mapping_file = Some(file);
            }
            MappingAction::OpenMappingFailed { file, error } => {
                step.problems = Rc::new(vec![Problem::error(&file, 0, error)]);
            }
            MappingAction::Applied(read) => {
                if read.offers.is_empty() {
                    step.problems = Rc::new(read.problems);
                    step.rejected = true;
                } else {
                    s.used = Some((step.file.clone(), Rc::new(step.mapping.clone())));
                    return Some((step.file, read, step.replace));
                }
            }
            MappingAction::ApplyFailed(error) => {
                step.problems = Rc::new(vec![Problem::error(&step.file, 0, error)]);
                step.rejected = true;
            }
            MappingAction::Cancel | MappingAction::Host { .. } | MappingAction::Open { .. } => {}
        }
        s.step = Some(step);
        None
    }
}

#[cfg(test)]
mod tests {
    //! As in `catalogue_state`: wasm-bindgen tests on wasm32, plain tests natively.
    use super::*;
    use crate::catalogue_state::{Attempt, CatalogueAction};
    use crate::state::{Action, State};
    use relais_core::date;

    const SHEET: &str = "Structure;Mesure;Dpt;Ville;CP;SIRET\n\
        Jardins de Vaise;ACI;069;LYON 09;69009;12345678900011\n\
        Le Relais Bâtiment;EITI;069;VENISSIEUX;69200;12345678900029\n";

    fn state() -> Rc<State> {
        Rc::new(State::new(date::parse("2026-11-23").expect("a date")))
    }

    fn reader(s: &State, bytes: &[u8], job: relais_reader::Job) -> relais_reader::Outcome {
        relais_reader::read(bytes, &job, &s.refdata)
    }

    /// A mapping file as the reader reads it in its worker and the page receives it.
    fn read_mapping(text: &str, file: &str) -> MappingRead {
        let mut read = MappingRead::default();
        for m in relais_reader::mapping_messages(text, file) {
            let v: serde_json::Value = serde_json::from_str(&m).expect("JSON");
            match v["t"].as_str() {
                Some("mapping") => read.mapping = crate::worker::unpack_mapping(&v["mapping"]),
                Some("problems") => read.problems.extend(crate::worker::unpack_problems(&v)),
                other => panic!("{other:?}"),
            }
        }
        read
    }

    fn read_of(outcome: relais_reader::Outcome) -> Read {
        match outcome {
            relais_reader::Outcome::Loaded { how, loaded } => Read {
                how,
                with_communes: false,
                offers: loaded.offers,
                problems: loaded.problems,
                structures: None,
            },
            other => panic!("not read: {other:?}"),
        }
    }

    /// A file chosen by the user, as the panel hands what the reader gave: the mapping step
    /// opens for other columns than Relais's.
    fn import(s: Rc<State>, text: &str) -> Rc<State> {
        use yew::Reducible;
        let job = relais_reader::Job {
            name: "partenaires.csv".into(),
            step: true,
            ..relais_reader::Job::default()
        };
        match reader(&s, text.as_bytes(), job) {
            relais_reader::Outcome::Table {
                table,
                proposed,
                values,
                sheet,
            } => s.reduce(Action::Mapping(MappingAction::Open {
                file: "partenaires.csv".into(),
                bytes: Bytes::new(text.as_bytes()),
                opened: Opened {
                    table,
                    proposed,
                    values: values
                        .into_iter()
                        .map(|v| (v.header, v.field, v.values))
                        .collect(),
                    sheet,
                },
                replace: true,
            })),
            other => s.reduce(Action::Catalogue(CatalogueAction::Read {
                file: "partenaires.csv".into(),
                bytes: Bytes::new(text.as_bytes()),
                read: read_of(other),
                replace: true,
            })),
        }
    }

    /// « Appliquer »: the reader reads the step's file through its mapping.
    fn apply(s: Rc<State>) -> Rc<State> {
        let step = s.mapping.step.clone().expect("a step");
        let job = relais_reader::Job {
            name: step.file.clone(),
            mapping: Some(step.mapping.clone()),
            ..relais_reader::Job::default()
        };
        let read = read_of(reader(&s, &step.bytes.to_vec(), job));
        act(s, MappingAction::Applied(read))
    }

    fn act(s: Rc<State>, a: MappingAction) -> Rc<State> {
        use yew::Reducible;
        s.reduce(Action::Mapping(a))
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_sheet_with_its_own_headers_opens_the_mapping_step_then_loads() {
        let s = state();
        let seed = s.offers.clone();
        let s = import(s, SHEET);
        let step = s.mapping.step.as_ref().expect("the step opens");
        assert!(Rc::ptr_eq(&seed, &s.offers), "nothing replaced yet");
        assert_eq!(choice_of(&step.mapping, "Structure"), "organisation");
        assert_eq!(choice_of(&step.mapping, "Mesure"), "type");
        assert_eq!(choice_of(&step.mapping, "Ville"), CHOICE_COMMUNE_NAME);
        assert_eq!(choice_of(&step.mapping, "CP"), CHOICE_POSTAL_CODE);
        assert_eq!(choice_of(&step.mapping, "SIRET"), CHOICE_KEEP);
        // The user says EITI is an ETTI here (their choice), and keeps nothing else.
        let s = act(
            s,
            MappingAction::SetValue {
                field: Column::Type,
                from: "EITI".into(),
                to: "etti".into(),
            },
        );
        let s = apply(s);
        assert!(s.mapping.step.is_none());
        assert_eq!(s.catalogue.code(), "imported");
        assert!(s.catalogue.entry("partenaires.csv").is_some());
        assert!(matches!(s.catalogue.attempt, Some(Attempt::Used { .. })));
        let kinds: Vec<&str> = s.offers.iter().map(|o| o.kind.code()).collect();
        assert_eq!(kinds, ["aci", "etti"]);
        assert_eq!(s.offers[0].departements(), ["69"]);
        let (file, used) = s.mapping.used.clone().expect("kept for download");
        assert_eq!(file, "partenaires.csv");
        let MappingRead {
            mapping: back,
            problems,
        } = read_mapping(&used.to_json(), "m.json");
        assert!(problems.is_empty());
        assert_eq!(back, *used);
        // The same layout again: the mapping applied before is proposed at once.
        let s = import(s, &SHEET.replace("Vaise", "Gerland"));
        let step = s.mapping.step.as_ref().expect("step");
        assert_eq!(step.mapping, *used);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn nothing_loads_without_a_type_and_the_step_says_why() {
        let s = import(state(), SHEET);
        let s = act(
            s,
            MappingAction::SetColumn {
                header: "Mesure".into(),
                choice: CHOICE_NONE.into(),
            },
        );
        let s = apply(s);
        let step = s.mapping.step.as_ref().expect("still open");
        assert!(step.rejected);
        assert!(step
            .problems
            .iter()
            .any(|p| p.message.contains("« type », champ obligatoire")));
        // A default gives every row its type.
        let s = act(
            s,
            MappingAction::SetDefault {
                field: Column::Type,
                value: "accompagnement".into(),
            },
        );
        let s = apply(s);
        assert_eq!(s.offers.len(), 2);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_mapping_file_opened_in_the_step_replaces_the_proposal() {
        let s = import(state(), SHEET);
        let text = r#"{"format": "relais-correspondance", "version": 1, "champs": {
            "id": {"modele": "x-{SIRET}"}, "organisation": "Structure", "titre": "Structure",
            "type": {"defaut": "emploi"}, "milieu": {"defaut": "dehors"}, "departements": {"defaut": "*"}}}"#;
        let s = act(
            s,
            MappingAction::OpenMapping {
                file: "m.json".into(),
                read: read_mapping(text, "m.json"),
            },
        );
        let step = s.mapping.step.as_ref().expect("step");
        assert_eq!(step.mapping_file.as_deref(), Some("m.json"));
        assert_eq!(choice_of(&step.mapping, "Mesure"), CHOICE_NONE);
        let s = apply(s);
        assert_eq!(s.offers.len(), 2);
        assert!(s
            .offers
            .iter()
            .all(|o| o.anywhere && o.id.starts_with("x-")));
        assert_eq!(
            download_name("Liste SIAE.csv"),
            "correspondance-liste-siae.json"
        );
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_host_names_a_mapping_and_its_catalogue_is_read_through_it() {
        use yew::Reducible;
        let s = state().reduce(Action::Catalogue(CatalogueAction::Config(Ok(
            r#"{"nom": "Réseau IAE", "catalogue": "siae.csv", "correspondance": "siae.json"}"#
                .into(),
        ))));
        let c = s.catalogue.config.clone().expect("config");
        assert_eq!(c.correspondance, "siae.json");
        assert_eq!(c.catalogues, ["siae.csv"]);
        let m = r#"{"format": "relais-correspondance", "version": 1, "champs": {
            "id": {"modele": "{SIRET}"}, "organisation": "Structure", "titre": {"modele": "{Mesure} {Structure}"},
            "type": {"colonne": "Mesure", "valeurs": {"EITI": "ei"}}, "milieu": {"defaut": "dehors"},
            "departements": "Dpt"}}"#;
        let s = act(
            s,
            MappingAction::Host {
                file: "siae.json".into(),
                result: Ok(read_mapping(m, "siae.json")),
            },
        );
        // The panel hands the reader the host's mapping with the file.
        let job = relais_reader::Job {
            name: "siae.csv".into(),
            host_mapping: s.mapping.host.as_ref().map(|(_, m)| (**m).clone()),
            ..relais_reader::Job::default()
        };
        let read = read_of(reader(&s, SHEET.as_bytes(), job));
        let s = s.reduce(Action::Catalogue(CatalogueAction::HostedRead {
            file: "siae.csv".into(),
            bytes: Bytes::new(SHEET.as_bytes()),
            read,
        }));
        assert_eq!(s.catalogue.code(), "hosted");
        assert!(s.catalogue.entry("siae.csv").is_some());
        let ids: Vec<&str> = s.offers.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["12345678900011", "12345678900029"]);
        assert!(
            s.mapping.step.is_none(),
            "no step for the host's own catalogue"
        );
        // A broken mapping is said, and not used.
        let s = act(
            s,
            MappingAction::Host {
                file: "autre.json".into(),
                result: Ok(read_mapping("{", "autre.json")),
            },
        );
        assert!(s
            .mapping
            .host_problem
            .as_deref()
            .is_some_and(|p| p.contains("autre.json")));
    }
}
