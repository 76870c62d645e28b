//! data·inclusion structures: the organisations services belong to. A services file names its
//! structure by `structure_id` (`carif-oref--01_GE307361`); a structures file (JSON list or CSV,
//! schema v1, or the flattened exports with `ID`, `Nom`, `Code Insee`…) gives its name,
//! address, phone, e-mail, website and `lien_source`. [`join`] puts them into the offers.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use crate::catalogue::cells::json_cell;
use crate::catalogue::loaded::Loaded;
use crate::details;
use crate::model::Offer;
use crate::problem::{Problem, Severity};
use crate::refdata::RefData;
use crate::text::key;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One structure, the fields Relais shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub id: String,
    pub name: String,
    pub siret: String,
    pub address: String,
    pub postal_code: String,
    pub town: String,
    pub insee: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub source_link: String,
}

/// The structures of one or several files, by id.
#[derive(Clone, Debug, Default)]
pub struct Structures {
    by_id: HashMap<String, Structure>,
}

/// A field of a JSON object whatever its spelling (`code_insee`, `Code Insee`, `codeInsee`).
pub(crate) fn field(o: &Map<String, Value>, names: &[&str]) -> String {
    // The exact names first (a normalised service, a schema v1 file): no folding needed.
    for n in names {
        if let Some(v) = o.get(*n) {
            let s = json_cell(v).trim().to_string();
            if !s.is_empty() {
                return s;
            }
        }
    }
    if names.iter().all(|n| o.contains_key(*n)) {
        return String::new();
    }
    for n in names {
        let k = key(n);
        if let Some(v) = o.iter().find(|(name, _)| key(name) == k).map(|(_, v)| v) {
            let s = json_cell(v).trim().to_string();
            if !s.is_empty() {
                return s;
            }
        }
    }
    String::new()
}

/// « 1 place du Mineur, 57540 Petite-Rosselle » from the parts that are there.
pub(crate) fn address_line(street: &str, complement: &str, postal: &str, town: &str) -> String {
    let place = [postal, town]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    [street, complement, place.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

impl Structure {
    /// A structure from a JSON object (schema v1 or a flattened export).
    pub fn from_object(o: &Map<String, Value>) -> Structure {
        let f = |names: &[&str]| field(o, names);
        let street = f(&["adresse"]);
        let complement = f(&["complement_adresse"]);
        let postal_code = f(&["code_postal"]);
        let town = f(&["commune"]);
        Structure {
            id: f(&["id", "structure_id"]),
            name: f(&["nom", "structure_nom", "structure_name"]),
            siret: f(&["siret"]),
            address: if street.is_empty() {
                String::new()
            } else {
                address_line(&street, &complement, &postal_code, &town)
            },
            postal_code,
            town,
            insee: f(&["code_insee"]),
            phone: f(&["telephone"]),
            email: f(&["courriel"]),
            website: f(&["site_web"]),
            source_link: f(&["lien_source"]),
        }
    }

    /// The structure given inline in a service (`structure_nom`, `structure_name`, or a nested
    /// `structure` object as the data·inclusion API returns it), when there is one.
    pub fn inline(service: &Map<String, Value>) -> Option<Structure> {
        Structure::inline_with(service, field)
    }

    /// [`Structure::inline`] for a service whose keys are already the schema's names (the
    /// services reader normalises them): no key is folded again — folding every key of every
    /// service took a fifth of the time of a national export.
    pub(crate) fn inline_normalised(service: &Map<String, Value>) -> Option<Structure> {
        Structure::inline_with(service, |o, names| {
            names
                .iter()
                .filter_map(|n| o.get(*n))
                .map(|v| json_cell(v).trim().to_string())
                .find(|s| !s.is_empty())
                .unwrap_or_default()
        })
    }

    fn inline_with(
        service: &Map<String, Value>,
        field: impl Fn(&Map<String, Value>, &[&str]) -> String,
    ) -> Option<Structure> {
        if let Some(Value::Object(s)) = service.get("structure") {
            let st = Structure::from_object(s);
            return (!st.name.is_empty()).then_some(st);
        }
        let name = field(service, &["structure_nom", "structure_name"]);
        (!name.is_empty()).then(|| Structure {
            id: field(service, &["structure_id"]),
            name,
            ..Structure::default()
        })
    }
}

/// Does this JSON list look like data·inclusion structures (an id and a name, no service
/// fields, and a structure field: siret, site_web, typologie, lien_source…)?
pub fn looks_like(list: &[Value]) -> bool {
    let keys_of = |o: &Map<String, Value>| o.keys().map(|k| key(k)).collect::<Vec<_>>();
    let mut seen = 0usize;
    for o in list.iter().filter_map(Value::as_object).take(5) {
        let keys = keys_of(o);
        let has = |k: &str| keys.iter().any(|x| x == k);
        let structure = has("id")
            && has("nom")
            && !has("structureid")
            && !has("titre")
            && !has("thematiques")
            && [
                "siret",
                "siteweb",
                "typologie",
                "liensource",
                "reseauxporteurs",
                "accessibilitelieu",
                "codeinsee",
            ]
            .iter()
            .any(|k| has(k));
        if !structure {
            return false;
        }
        seen = seen.saturating_add(1);
    }
    seen > 0
}

impl Structures {
    pub fn len(&self) -> usize {
        self.by_id.len()
    }
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
    pub fn get(&self, id: &str) -> Option<&Structure> {
        self.by_id.get(id)
    }
    /// Every structure, in no particular order (the catalogue reader hands them to the page).
    pub fn iter(&self) -> impl Iterator<Item = &Structure> {
        self.by_id.values()
    }
    /// Add the structures of another file (the first of an id is kept).
    pub fn extend(&mut self, other: Structures) {
        for (_, s) in other.by_id {
            self.add(s);
        }
    }
    /// Add a structure; the first of an id is kept.
    pub fn add(&mut self, s: Structure) {
        if !s.id.is_empty() {
            self.by_id.entry(s.id.clone()).or_insert(s);
        }
    }

    /// Structures from a parsed JSON list.
    pub fn from_values(list: &[Value]) -> Structures {
        let mut out = Structures::default();
        for o in list
            .iter()
            .filter_map(Value::as_object)
            .take(crate::limits::MAX_ROWS)
        {
            out.add(Structure::from_object(o));
        }
        out
    }

    /// Structures from a file's bytes: a JSON list (or an object holding one) or a CSV. None
    /// when the file is not a structures file.
    pub fn read(bytes: &[u8], file: &str) -> Result<Structures, Problem> {
        let bytes = bytes.get(..crate::limits::MAX_FILE_BYTES).unwrap_or(bytes);
        let (text, _) = crate::catalogue::decode::decode(bytes);
        let trimmed = text.trim_start();
        let not_structures = |what: &str| {
            Problem::error(
                file,
                1,
                format!("{what} : ce n'est pas un fichier de structures data·inclusion (liste d'objets avec id, nom et siret, adresse ou site_web)"),
            )
        };
        if trimmed.starts_with('[') || trimmed.starts_with('{') {
            let value: Value = serde_json::from_str(trimmed).map_err(|e| Problem {
                file: file.into(),
                line: e.line(),
                column: Some(e.column()),
                field: None,
                severity: Severity::Error,
                message: format!("JSON illisible : {e}"),
            })?;
            let list = list_in(&value);
            if !looks_like(list) {
                return Err(not_structures("JSON"));
            }
            return Ok(Structures::from_values(list));
        }
        let delimiter = crate::catalogue::decode::detect_delimiter(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
            Err(_) => return Err(not_structures("CSV")),
        };
        let list: Vec<Value> = reader
            .records()
            .take(crate::limits::MAX_ROWS)
            .filter_map(Result::ok)
            .map(|r| {
                let mut o = Map::new();
                for (h, v) in header.iter().zip(r.iter()) {
                    o.insert(h.clone(), Value::String(v.to_string()));
                }
                Value::Object(o)
            })
            .collect();
        if !looks_like(&list) {
            return Err(not_structures("CSV"));
        }
        Ok(Structures::from_values(&list))
    }
}

/// The list of a JSON value: the value itself, or the first list among an object's values.
pub(crate) fn list_in(value: &Value) -> &[Value] {
    match value {
        Value::Array(a) => a.as_slice(),
        Value::Object(o) => o
            .values()
            .find_map(|v| v.as_array().map(Vec::as_slice))
            .unwrap_or_default(),
        _ => &[],
    }
}

/// What joining found, for the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Joined {
    pub joined: usize,
    pub names: usize,
    pub addresses: usize,
    pub places: usize,
    pub contacts: usize,
    pub not_found: usize,
}

/// Fill one offer from its structure: the organisation's name (when the offer has only the
/// structure's id), its address, phone, e-mail and website as contact, `lien_source`, SIRET,
/// and the place when the service has none. Returns what it filled.
pub fn apply(o: &mut Offer, st: &Structure, refdata: &RefData, j: &mut Joined) {
    j.joined = j.joined.saturating_add(1);
    let sid = details::get(o, details::STRUCTURE_ID)
        .unwrap_or_default()
        .to_string();
    if !st.name.is_empty()
        && (o.organisation.trim().is_empty() || o.organisation == sid || o.organisation == st.id)
    {
        o.organisation = st.name.as_str().into();
        j.names = j.names.saturating_add(1);
    }
    if details::get(o, details::ADDRESS).is_none() && !st.address.is_empty() {
        o.extra.insert(details::ADDRESS.into(), st.address.clone());
        j.addresses = j.addresses.saturating_add(1);
    }
    let mut contact = o.contact().to_string();
    for part in [&st.phone, &st.email, &st.website] {
        if !part.is_empty() && !contact.contains(part.as_str()) {
            if !contact.is_empty() {
                contact.push_str(" · ");
            }
            contact.push_str(part);
        }
    }
    if contact != o.contact() {
        o.edit_lists(|l| l.contact = contact);
        j.contacts = j.contacts.saturating_add(1);
    }
    for (name, value) in [
        (details::WEBSITE, &st.website),
        (details::SIRET, &st.siret),
        (details::SOURCE_LINK, &st.source_link),
    ] {
        if !value.is_empty() && details::get(o, name).is_none() {
            o.extra.insert(name.into(), value.clone());
        }
    }
    if o.communes().is_empty() && o.departements().is_empty() && !o.anywhere {
        if let Some(code) = commune_of(refdata, &st.insee, &st.postal_code, &st.town) {
            o.edit_lists(|l| {
                l.departements
                    .push(refdata.departement_code_of(&code).into());
                l.communes.push(code.into());
            });
            j.places = j.places.saturating_add(1);
        }
    }
}

/// The INSEE code of a place written as a code, or as a postal code and a town's name.
pub fn commune_of(refdata: &RefData, insee: &str, postal: &str, town: &str) -> Option<String> {
    if !insee.is_empty() {
        if let Some(c) = refdata.resolve_commune(insee) {
            if crate::model::is_commune_code(&c) {
                // « 75056 » with « 75003 »: the arrondissement the address is in.
                return Some(
                    refdata
                        .arrondissement_at(&c, postal)
                        .map_or(c, |a| a.code.clone()),
                );
            }
        }
    }
    let name = crate::text::name_key(town);
    let mut by_postal = refdata.by_postal_code(postal.trim());
    let first = by_postal.next();
    let candidates: Vec<&crate::refdata::Commune> = first.into_iter().chain(by_postal).collect();
    let named: Vec<&&crate::refdata::Commune> = candidates
        .iter()
        .filter(|c| crate::text::name_key(&c.name) == name)
        .collect();
    match (named.as_slice(), candidates.as_slice()) {
        ([one], _) => Some(one.code.clone()),
        (_, [one]) => Some(one.code.clone()),
        _ if !town.is_empty() => refdata
            .resolve_commune(town)
            .or_else(|| named_in_postal_departement(refdata, &name, postal.trim())),
        _ => None,
    }
}

/// A town name shared by several communes of France (« Saint-Pierre ») with a postal code no
/// commune has (a CEDEX or a box: « 97451 »): the one of that name in the postal code's
/// département, when there is only one.
fn named_in_postal_departement(refdata: &RefData, name: &str, postal: &str) -> Option<String> {
    if postal.len() != 5 || !postal.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let prefix = crate::refdata::code_prefix_departement(postal);
    // Corsica's postal codes start with 20 for both of its départements.
    let in_departement = |d: &str| {
        if prefix == "20" {
            d == "2A" || d == "2B"
        } else {
            d == prefix
        }
    };
    let mut found = refdata
        .by_name_key(name)
        .filter(|c| crate::model::is_commune_code(&c.code) && in_departement(&c.departement));
    match (found.next(), found.next()) {
        (Some(c), None) => Some(c.code.clone()),
        _ => None,
    }
}

/// The field of the lines that say how services and structures were joined.
pub const STRUCTURE_FIELD: &str = "structure_id";

/// What a services file read alone says of services whose organisation is only their
/// structure's id. [`join`] takes it away: its own summary says what is still missing.
pub fn id_only_warning(file: &str, n: usize) -> Problem {
    Problem::warning(
        file,
        1,
        format!("{n} service(s) dont l'organisation n'est que l'identifiant de sa structure : donner le fichier de structures data·inclusion avec celui des services"),
    )
    .field(STRUCTURE_FIELD)
}

/// Join the offers of a data·inclusion services file with structures: each offer whose
/// `structure_id` is known gets its structure's details. The report says how many were joined
/// and which ids were not found.
pub fn join(loaded: &mut Loaded, structures: &Structures, refdata: &RefData, file: &str) {
    let mut j = Joined::default();
    let mut missing: Vec<String> = Vec::new();
    for o in &mut loaded.offers {
        let Some(sid) = details::get(o, details::STRUCTURE_ID).map(str::to_string) else {
            continue;
        };
        match structures.get(&sid) {
            Some(st) => apply(o, st, refdata, &mut j),
            None => {
                j.not_found = j.not_found.saturating_add(1);
                if missing.len() < 5 {
                    missing.push(sid);
                }
            }
        }
    }
    if j.joined > 0 {
        // The services' « only the structure's id » line (and a join's earlier summary) no
        // longer holds: the summary below says what was filled and what was not found.
        loaded.problems.retain(|p| {
            !(p.line == 1
                && p.severity == Severity::Warning
                && p.field.as_deref() == Some(STRUCTURE_FIELD))
        });
    }
    if j.joined > 0 || j.not_found > 0 {
        let mut msg = format!(
            "{} service(s) reliés à leur structure : nom de l'organisation {} fois, adresse {}, contact {}, lieu {}",
            j.joined, j.names, j.addresses, j.contacts, j.places
        );
        if j.not_found > 0 {
            msg.push_str(&format!(
                " ; {} service(s) dont la structure est absente du fichier de structures ({}{}) : l'organisation reste son identifiant",
                j.not_found,
                missing.join(", "),
                if j.not_found > missing.len() { ", …" } else { "" }
            ));
        }
        loaded.problems.push(Problem {
            file: file.into(),
            line: 1,
            column: None,
            field: Some(STRUCTURE_FIELD.into()),
            severity: Severity::Warning,
            message: msg,
        });
    }
}
