//! The data·inclusion services schema, both ways (schema v1, `../shared/data/data-inclusion/`).
//!
//! Export: each offer becomes a service for the public `personnes-en-situation-juridique-specifique`,
//! with `zone_eligibilite` as INSEE codes, hours as opening_hours and `date_maj`; the fields the
//! schema has no place for (milieu, establishments, measures, bans…) travel in an extra `relais`
//! object, which the schema allows, so that a round trip keeps everything Relais uses.
//! Import: a `relais` object is used as is; otherwise the Relais fields are derived from the
//! standard ones, and what cannot be derived is said in the report.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use crate::catalogue::cells::split_list;
use crate::catalogue::loaded::Loaded;
use crate::catalogue::rows::RowLoader;
use crate::details;
use crate::distructures::Structure;
use crate::jsonkeys::{Node, Object};
use crate::model::{departement_of_commune, Offer, OfferType};
use crate::problem::Problem;
use crate::refdata::RefData;
use crate::text::{key, slug};
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use time::Date;

pub const PUBLIC: &str = "personnes-en-situation-juridique-specifique";

/// Does this JSON list look like data·inclusion services rather than Relais offers? Keys are
/// compared loosely: flattened exports write `Nom`, `Structure ID`, `Thematiques`.
pub fn looks_like(list: &[Value]) -> bool {
    looks_like_keys(
        list.iter()
            .filter_map(Value::as_object)
            .map(|o| o.keys().map(|k| key(k)).collect()),
    )
}

/// [`looks_like`] for entries read as [`Node`]s.
pub(crate) fn nodes_look_like(list: &[Node]) -> bool {
    looks_like_keys(
        list.iter()
            .filter_map(Node::as_object)
            .map(|o| o.keys().map(key).collect()),
    )
}

/// The loose keys of each object of a list: those of the first five decide.
fn looks_like_keys(objects: impl Iterator<Item = Vec<String>>) -> bool {
    objects.take(5).any(|keys| {
        let has = |k: &str| keys.iter().any(|x| x == k);
        has("nom")
            && (has("structureid") || has("zoneeligibilite") || has("thematiques"))
            && !has("titre")
    })
}

/// A JSON object holding several lists of services (`{"lille_metro": […], "auteuil": […]}`):
/// the lists one after the other, when they are services.
pub(crate) fn lists_in_object<'t>(
    values: impl IntoIterator<Item = Node<'t>>,
) -> Option<Vec<Node<'t>>> {
    let mut all = Vec::new();
    let mut any = false;
    for v in values {
        let Node::List(list) = v else {
            return None;
        };
        any = true;
        let room = crate::limits::MAX_ROWS
            .saturating_add(1)
            .saturating_sub(all.len());
        all.extend(list.into_iter().take(room));
    }
    (any && nodes_look_like(&all)).then_some(all)
}

/// Does this CSV header look like a data·inclusion services export?
pub fn header_looks_like(keys: &[String]) -> bool {
    let has = |k: &str| keys.iter().any(|x| x == k);
    has("nom") && (has("structureid") || has("zoneeligibilite")) && !has("titre")
}

/// A data·inclusion services export read as CSV: each row (its line, its cells under `header`)
/// becomes a service object, list fields split on `,` or `|`; problems and offers name the
/// CSV line of their row.
pub(crate) fn load_csv_rows(
    header: &[String],
    rows: &[(usize, &[String])],
    file: &str,
    refdata: &RefData,
) -> Loaded {
    const LISTS: [&str; 4] = [
        "zone_eligibilite",
        "thematiques",
        "publics",
        "modes_accueil",
    ];
    let mut reader = ServiceReader::new(file, refdata);
    for (n, (_, cells)) in rows.iter().enumerate() {
        let pairs = header
            .iter()
            .zip(cells.iter())
            .map(|(n, v)| {
                let v = v.trim();
                let value = if LISTS.contains(&n.as_str()) {
                    Node::List(
                        split_list(v)
                            .into_iter()
                            .map(|x| Node::Str(x.into()))
                            .collect(),
                    )
                } else {
                    Node::Str(Cow::Borrowed(v))
                };
                (Cow::Borrowed(n.as_str()), value)
            })
            .collect();
        reader.push(
            n.saturating_add(1),
            &Node::Object(Object::from_pairs(pairs)),
        );
    }
    let mut l = reader.finish();
    // Entry numbers become the CSV lines of their rows.
    let line_of_entry = |n: usize| {
        n.checked_sub(1)
            .and_then(|i| rows.get(i))
            .map_or(n, |d| d.0)
    };
    for p in &mut l.problems {
        let summary = p.line == 1
            && matches!(
                p.field.as_deref(),
                Some("milieu" | REPORT_FIELD | crate::distructures::STRUCTURE_FIELD)
            );
        if p.line > 0 && !summary {
            p.line = line_of_entry(p.line);
        }
    }
    for o in &mut l.offers {
        o.line = line_of_entry(o.line);
    }
    l
}

fn thematiques(kind: OfferType) -> Vec<&'static str> {
    match kind {
        OfferType::Formation => vec!["se-former--trouver-sa-formation"],
        OfferType::Atelier => vec![
            "preparer-sa-candidature--valoriser-ses-competences",
            "remobilisation--bien-etre-confiance-en-soi",
        ],
        OfferType::Aci | OfferType::Ei | OfferType::Etti | OfferType::Emploi => {
            vec!["trouver-un-emploi--repondre-a-des-offres-demploi"]
        }
        OfferType::Tig => vec!["remobilisation--lien-social"],
        OfferType::Accompagnement => {
            vec!["preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi"]
        }
    }
}

fn service_type(kind: OfferType) -> &'static str {
    match kind {
        OfferType::Formation => "formation",
        OfferType::Atelier => "atelier",
        _ => "accompagnement",
    }
}

/// The offers as data·inclusion services (a JSON array).
pub fn to_services(offers: &[Offer], source: &str, today: Date) -> Value {
    let list: Vec<Value> = offers
        .iter()
        .map(|o| {
            let mut zone: Vec<String> = if o.anywhere { vec!["france".into()] } else { Vec::new() };
            zone.extend(o.departements().iter().filter(|d| !o.communes().iter().any(|c| departement_of_commune(c) == d.as_str())).map(|d| d.to_string()));
            zone.extend(o.communes().iter().map(|c| c.to_string()));
            let description = if o.description().trim().is_empty() { o.title.to_string() } else { o.description().to_string() };
            let mut relais = Map::new();
            let cells = crate::catalogue::export::to_cells(o);
            for (name, value) in cells {
                if !value.is_empty() {
                    relais.insert(name, Value::String(value));
                }
            }
            json!({
                "source": source,
                "structure_id": format!("{source}--{}", slug(&o.organisation)),
                "structure_nom": o.organisation,
                "id": format!("{source}--{}", o.id),
                "nom": o.title,
                "description": description,
                "date_maj": crate::date::iso(o.checked.unwrap_or(today)),
                "type": service_type(o.kind),
                "thematiques": thematiques(o.kind),
                "publics": [PUBLIC],
                "zone_eligibilite": if zone.is_empty() { Value::Null } else { json!(zone) },
                "code_insee": o.communes().first(),
                "horaires_accueil": o.schedule.as_ref().map(|s| if s.is_known() { s.to_osm() } else { o.schedule_text.to_string() }),
                "modes_accueil": if o.anywhere && o.departements().is_empty() { json!(["a-distance"]) } else { json!(["en-presentiel"]) },
                "relais": Value::Object(relais),
            })
        })
        .collect();
    Value::Array(list)
}

/// The field of problems that sum up a data·inclusion file (line 1, not a row).
pub const REPORT_FIELD: &str = "data·inclusion";

/// The service fields of schema v1 (and the inline structure fields), by their loose key; the
/// flattened exports' other names (`Service ID`, `Profils`, `Long`, `Lat`) as aliases.
const FIELDS: &[&str] = &[
    "adresse",
    "code_insee",
    "code_postal",
    "commune",
    "complement_adresse",
    "conditions_acces",
    "contact_nom_prenom",
    "courriel",
    "date_maj",
    "description",
    "frais",
    "frais_precisions",
    "horaires_accueil",
    "id",
    "latitude",
    "lien_mobilisation",
    "lien_source",
    "longitude",
    "mobilisable_par",
    "mobilisation_precisions",
    "modes_accueil",
    "modes_mobilisation",
    "nom",
    "nombre_semaines",
    "publics",
    "publics_precisions",
    "source",
    "structure_id",
    "telephone",
    "thematiques",
    "type",
    "volume_horaire_hebdomadaire",
    "zone_eligibilite",
    "structure_nom",
    "structure_name",
    "site_web",
    "structure",
    "relais",
];

const ALIASES: &[(&str, &str)] = &[
    ("serviceid", "id"),
    ("profils", "publics"),
    ("long", "longitude"),
    ("lat", "latitude"),
];
/// Fields holding a list of codes.
const LIST_FIELDS: &[&str] = &[
    "thematiques",
    "publics",
    "modes_accueil",
    "zone_eligibilite",
    "modes_mobilisation",
    "mobilisable_par",
    "frais",
];

/// A list written as a string: JSON (`"[\"a\",\"b\"]"`) or a PostgreSQL array literal
/// (`{a,"b c"}`), as some exports flatten them.
fn string_list(s: &str) -> Option<Vec<Node<'_>>> {
    let t = s.trim();
    if t.starts_with('[') && t.ends_with(']') {
        if let Ok(Node::List(a)) = serde_json::from_str::<Node>(t) {
            return Some(a);
        }
    }
    let inner = t.strip_prefix('{')?.strip_suffix('}')?;
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = inner.chars();
    let item = |s: &str| Node::Str(Cow::Owned(s.trim().to_string()));
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => cur.extend(chars.next()),
            ',' if !quoted => out.push(item(&std::mem::take(&mut cur))),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() || !out.is_empty() {
        out.push(item(&cur));
    }
    Some(out.into_iter().filter(|v| v.as_str() != Some("")).collect())
}

/// A service with its keys spelled as schema v1 spells them and its lists as lists: each
/// field of [`FIELDS`] at its index, the first written of the keys that name it (in the order
/// of the keys, as a `Map` holds them). The other keys are not used.
struct Service<'n> {
    fields: [Option<Cow<'n, Node<'n>>>; FIELDS.len()],
}

impl<'n> Service<'n> {
    fn new(s: &'n Object<'_>) -> Self {
        let mut fields: [Option<Cow<'n, Node<'n>>>; FIELDS.len()] = [const { None }; FIELDS.len()];
        for (k, v) in s.iter() {
            // Schema names are lowercase ASCII with `_`: the exact name needs no folding.
            let exact = FIELDS.iter().position(|f| *f == k);
            let at = exact.or_else(|| {
                let kk = key(k);
                FIELDS
                    .iter()
                    .position(|f| f.bytes().filter(|&b| b != b'_').eq(kk.bytes()))
                    .or_else(|| {
                        let name = ALIASES.iter().find(|(a, _)| *a == kk).map(|(_, f)| *f)?;
                        FIELDS.iter().position(|f| *f == name)
                    })
            });
            let Some(slot) = at.and_then(|i| fields.get_mut(i)) else {
                continue;
            };
            if slot.is_some() {
                continue;
            }
            let list_field = at
                .and_then(|i| FIELDS.get(i))
                .is_some_and(|name| LIST_FIELDS.contains(name));
            *slot = Some(match v {
                Node::Str(text) if list_field => {
                    string_list(text).map_or(Cow::Borrowed(v), |l| Cow::Owned(Node::List(l)))
                }
                _ => Cow::Borrowed(v),
            });
        }
        Service { fields }
    }

    fn node(&self, name: &str) -> Option<&Node<'n>> {
        let i = FIELDS.iter().position(|f| *f == name)?;
        self.fields.get(i)?.as_deref()
    }

    /// A field as a cell, trimmed; empty when absent.
    fn get(&self, name: &str) -> Cow<'_, str> {
        match self.node(name).map(Node::cell) {
            None => Cow::Borrowed(""),
            Some(Cow::Borrowed(s)) => Cow::Borrowed(s.trim()),
            Some(Cow::Owned(s)) if s.trim().len() == s.len() => Cow::Owned(s),
            Some(Cow::Owned(s)) => Cow::Owned(s.trim().to_string()),
        }
    }

    /// A field's list of strings (a list's other items and any other value left out).
    fn strings(&self, name: &str) -> Vec<&str> {
        match self.node(name) {
            Some(Node::List(a)) => a.iter().filter_map(Node::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The organisation written in the service, as `Structure::inline_normalised` reads it:
    /// a `structure` object (given to it as a value), else `structure_nom` or
    /// `structure_name` with `structure_id`.
    fn inline_structure(&self) -> Option<Structure> {
        if let Some(structure @ Node::Object(_)) = self.node("structure") {
            let map: Map<String, Value> =
                std::iter::once(("structure".to_string(), structure.to_value())).collect();
            return Structure::inline_normalised(&map);
        }
        let name = ["structure_nom", "structure_name"]
            .iter()
            .map(|k| self.get(k))
            .find(|s| !s.is_empty())?
            .into_owned();
        Some(Structure {
            id: self.get("structure_id").into_owned(),
            name,
            ..Structure::default()
        })
    }
}

fn labelled(codes: &str, table: &[(&str, &str)]) -> String {
    codes
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| {
            table
                .iter()
                .find(|(k, _)| *k == c)
                .map_or_else(|| c.replace('-', " "), |(_, l)| (*l).to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const MOBILISATION_MODES: &[(&str, &str)] = &[
    ("envoyer-un-courriel", "envoyer un courriel"),
    ("se-presenter", "se présenter"),
    ("telephoner", "téléphoner"),
    (
        "utiliser-lien-mobilisation",
        "utiliser le lien de mobilisation",
    ),
];
const MOBILISERS: &[(&str, &str)] = &[
    ("professionnels", "les professionnels"),
    ("usagers", "la personne elle-même"),
];

/// What deriving Relais fields from data·inclusion fields found, for the report.
#[derive(Default)]
struct Counts {
    derived: usize,
    no_id: usize,
    place_address: usize,
    place_zone: usize,
    remote: usize,
    no_place: usize,
    organisation_inline: usize,
    organisation_id_only: usize,
    hours: usize,
    no_contact: usize,
    other_publics: usize,
}

fn bump(n: &mut usize) {
    *n = n.saturating_add(1);
}

/// Load data·inclusion services (already parsed JSON objects) as offers.
pub fn load_services(list: &[Value], file: &str, refdata: &RefData) -> Loaded {
    load_services_skipping(list, &std::collections::HashSet::new(), file, refdata)
}

/// [`load_services`] but for the entries numbered in `skip` (already reported: duplicate keys).
pub(crate) fn load_services_skipping(
    list: &[Value],
    skip: &std::collections::HashSet<usize>,
    file: &str,
    refdata: &RefData,
) -> Loaded {
    let mut reader = ServiceReader::new(file, refdata);
    for (n, item) in list.iter().enumerate() {
        let line = n.saturating_add(1);
        if !skip.contains(&line) {
            reader.push(line, &Node::of_value(item));
        }
    }
    reader.finish()
}

/// Services read one at a time, so that a national export is read as a stream (the JSON
/// reader hands each entry over as it is parsed, and no tree of the whole file is built);
/// [`ServiceReader::finish`] checks them as the CSV's rows are checked.
pub(crate) struct ServiceReader<'a> {
    file: &'a str,
    refdata: &'a RefData,
    problems: Vec<Problem>,
    rows: RowLoader<'a>,
    c: Counts,
    inline: std::collections::HashMap<usize, Structure>,
}

impl<'a> ServiceReader<'a> {
    pub(crate) fn new(file: &'a str, refdata: &'a RefData) -> Self {
        ServiceReader {
            file,
            refdata,
            problems: Vec::new(),
            rows: RowLoader::new(file, refdata),
            c: Counts::default(),
            inline: Default::default(),
        }
    }

    /// One service, entry number `line`.
    pub(crate) fn push(&mut self, line: usize, item: &Node) {
        let (file, refdata) = (self.file, self.refdata);
        let ServiceReader {
            problems,
            rows,
            c,
            inline,
            ..
        } = self;
        let Some(raw) = item.as_object() else {
            problems.push(Problem::error(
                file,
                line,
                format!("l'entrée n°{line} n'est pas un objet"),
            ));
            return;
        };
        let s = Service::new(raw);
        let get = |k: &str| s.get(k);
        if let Some(Node::Object(r)) = s.node("relais") {
            let fields = r
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k), v.cell()))
                .collect();
            rows.push_record(line, fields);
            return;
        }
        // Named as the contract and `details` name them: no key is copied.
        let mut fields: Vec<(Cow<str>, Cow<str>)> = Vec::with_capacity(24);
        bump(&mut c.derived);
        let id = get("id");
        let source = get("source");
        let short = match id
            .strip_prefix(source.as_ref())
            .and_then(|rest| rest.strip_prefix("--"))
        {
            Some(rest) => rest.to_string(),
            None => id.to_string(),
        };
        let short = if short.is_empty() {
            bump(&mut c.no_id);
            format!("di-{line}")
        } else {
            short
        };
        fields.push(("id".into(), short.into()));
        let structure_id = get("structure_id");
        let org = match s.inline_structure() {
            Some(st) => {
                bump(&mut c.organisation_inline);
                let name = st.name.clone();
                inline.insert(line, st);
                name
            }
            None => {
                if !structure_id.is_empty() {
                    bump(&mut c.organisation_id_only);
                }
                structure_id.to_string()
            }
        };
        let named = fields
            .iter()
            .any(|(k, v)| k == "organisation" && !v.trim().is_empty());
        if org.is_empty() && !named {
            // Said in the file's own words: it has no « organisation » column to fill.
            let nom = get("nom");
            problems.push(
                Problem::error(
                    file,
                    line,
                    format!(
                        "le service « {nom} » n'a pas de structure (structure_name et structure_id vides) : sans le nom de l'organisation, personne ne saurait qui appeler ; compléter structure_name ; ce service n'est pas chargé"
                    ),
                )
                .field("structure_name"),
            );
            return;
        }
        fields.push(("organisation".into(), org.into()));
        fields.push(("titre".into(), get("nom")));
        let kind = match get("type").as_ref() {
            "formation" => "formation",
            "atelier" => "atelier",
            _ => "accompagnement",
        };
        fields.push(("type".into(), kind.into()));
        fields.push(("milieu".into(), "dehors".into()));
        // Eligibility (`zone_eligibilite`): who may come, kept apart from the place.
        let zone = s.strings("zone_eligibilite");
        let mut zone_depts = Vec::new();
        let mut zone_communes = Vec::new();
        for &z in &zone {
            // Codes are ASCII: « Sète » or « €12 » is no code, whatever its length in bytes.
            let code = z.bytes().all(|b| b.is_ascii_alphanumeric());
            match z.len() {
                // The schema's two ways of saying « all of France »: `france`, the code pays 99100.
                _ if z.eq_ignore_ascii_case("france") || z == "99100" => {
                    zone_depts.push("*".to_string())
                }
                2 | 3 if code => zone_depts.push(z.to_string()),
                5 if code && !z.starts_with("99") => {
                    zone_depts.push(departement_of_commune(z).to_string());
                    zone_communes.push(z.to_string());
                }
                _ => problems.push(Problem::warning(file, line, format!("zone « {z} » non reprise (intercommunalité, étranger, ou texte qui n'est pas un code INSEE) : préciser les départements dans Relais")).field("zone_eligibilite")),
            }
        }
        // Read only when every entry is a code (an unread EPCI would narrow it wrongly) and
        // none is « france ».
        let codes: Option<Vec<String>> = zone
            .iter()
            .map(|z| match z.len() {
                2 | 3 => refdata.resolve_departement(z),
                5 => refdata.resolve_commune(z),
                _ => None,
            })
            .collect();
        let zone_codes = codes.filter(|c| !c.is_empty()).unwrap_or_default();
        // The place: the service's address; at a distance, anywhere; else (no address) the
        // zone, as before, so that the offer is not placed nowhere.
        let modes = s.strings("modes_accueil");
        let remote_only = !modes.is_empty() && modes.iter().all(|m| *m == "a-distance");
        let mut depts = Vec::new();
        let mut communes = Vec::new();
        let (insee, postal, town) = (get("code_insee"), get("code_postal"), get("commune"));
        if let Some(code) = crate::distructures::commune_of(refdata, &insee, &postal, &town)
            .filter(|_| !insee.is_empty() || !postal.is_empty() || !town.is_empty())
        {
            bump(&mut c.place_address);
            depts.push(refdata.departement_code_of(&code));
            communes.push(code);
        } else if !remote_only && !zone_depts.is_empty() {
            bump(&mut c.place_zone);
            depts = zone_depts;
            communes = zone_communes;
        } else if !remote_only {
            bump(&mut c.no_place);
        }
        if remote_only {
            bump(&mut c.remote);
            depts.insert(0, "*".into());
        }
        depts.dedup();
        fields.push(("departements".into(), depts.join(",").into()));
        fields.push(("communes".into(), communes.join(",").into()));
        let hours = get("horaires_accueil");
        if !hours.is_empty() {
            bump(&mut c.hours);
        }
        fields.push(("horaires".into(), hours));
        fields.push(("date_maj".into(), get("date_maj")));
        let description = get("description");
        // Most descriptions hold no carriage return: copied, not searched for « \r\n ».
        let description = if description.as_bytes().contains(&b'\r') {
            Cow::Owned(description.replace("\r\n", "\n"))
        } else {
            description
        };
        fields.push(("description".into(), description));
        let contact: Vec<Cow<str>> = ["contact_nom_prenom", "telephone", "courriel", "site_web"]
            .iter()
            .map(|k| get(k))
            .filter(|v| !v.is_empty())
            .collect();
        if contact.is_empty() && get("lien_mobilisation").is_empty() {
            bump(&mut c.no_contact);
        }
        let contact = contact.join(" · ");
        fields.push(("contact".into(), contact.into()));
        let street = get("adresse");
        if !street.is_empty() {
            let address = crate::distructures::address_line(
                &street,
                &get("complement_adresse"),
                &postal,
                &town,
            );
            if !address.is_empty() {
                fields.push((details::ADDRESS.into(), address.into()));
            }
        }
        let fees = [get("frais"), get("frais_precisions")]
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" — ");
        if !fees.is_empty() {
            fields.push((details::FEES.into(), fees.into()));
        }
        let mut referral = Vec::new();
        let by = get("mobilisable_par");
        if !by.is_empty() {
            referral.push(format!("par {}", labelled(&by, MOBILISERS)));
        }
        let how = get("modes_mobilisation");
        if !how.is_empty() {
            referral.push(labelled(&how, MOBILISATION_MODES));
        }
        for k in ["lien_mobilisation", "mobilisation_precisions"] {
            let v = get(k);
            if !v.is_empty() {
                referral.push(v.into_owned());
            }
        }
        let referral = referral.join(" ; ");
        if !referral.is_empty() {
            fields.push((details::REFERRAL.into(), referral.into()));
        }
        let publics = get("publics");
        if !publics.is_empty()
            && !publics
                .split(',')
                .any(|p| details::FITTING_PUBLICS.contains(&p.trim()))
        {
            bump(&mut c.other_publics);
        }
        for (name, v) in [
            (details::THEMES, get("thematiques")),
            (details::PUBLICS, publics),
            (details::PUBLICS_NOTE, get("publics_precisions")),
            (details::ACCESS, get("conditions_acces")),
            (details::MODES, Cow::Owned(modes.join(","))),
            (details::STRUCTURE_ID, structure_id),
            (details::SOURCE_LINK, get("lien_source")),
        ] {
            if !v.is_empty() {
                fields.push((Cow::Borrowed(name), v));
            }
        }
        // The extra columns (`details`) keep only what was written: empty ones are not
        // pushed (`details_columns_are_known` checks the names).
        rows.push_record_in_zone(line, fields, zone_codes);
    }

    pub(crate) fn finish(self) -> Loaded {
        let ServiceReader {
            file,
            refdata,
            mut problems,
            rows,
            c,
            mut inline,
            ..
        } = self;
        let mut loaded = rows.finish();
        let mut joined = crate::distructures::Joined::default();
        for o in &mut loaded.offers {
            if let Some(st) = inline.remove(&o.line) {
                crate::distructures::apply(o, &st, refdata, &mut joined);
            }
        }
        if c.derived > 0 {
            problems.push(Problem::warning(file, 1, format!("{} service(s) data·inclusion sans informations Relais : lus comme « dehors » (milieu ouvert), sans restriction de mesure ni d'activité ; les compléter si besoin", c.derived)).field("milieu"));
            problems.push(Problem::warning(file, 1, report(&c)).field(REPORT_FIELD));
            // Its own line: joining the structures takes it away (`distructures::join`).
            if c.organisation_id_only > 0 {
                problems.push(crate::distructures::id_only_warning(
                    file,
                    c.organisation_id_only,
                ));
            }
        }
        loaded.problems.extend(problems);
        loaded
            .problems
            .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
        loaded
    }
}

/// The counts of the report, in words: what was derived, what is missing.
fn report(c: &Counts) -> String {
    let mut derived = Vec::new();
    let mut missing = Vec::new();
    let say = |list: &mut Vec<String>, n: usize, what: &str| {
        if n > 0 {
            list.push(format!("{what} {n}"));
        }
    };
    say(&mut derived, c.place_address, "lieu tiré de l'adresse");
    say(&mut derived, c.remote, "à distance (partout)");
    say(&mut derived, c.organisation_inline, "nom de l'organisation");
    say(&mut derived, c.hours, "horaires");
    say(
        &mut missing,
        c.place_zone,
        "adresse (lieu pris dans la zone d'éligibilité)",
    );
    say(&mut missing, c.no_place, "lieu");
    say(&mut missing, c.no_id, "identifiant (numéroté di-N)");
    say(&mut missing, c.derived.saturating_sub(c.hours), "horaires");
    say(&mut missing, c.no_contact, "contact");
    let mut msg = format!("{} service(s) lus", c.derived);
    if !derived.is_empty() {
        msg.push_str(&format!(" ; repris : {}", derived.join(", ")));
    }
    if !missing.is_empty() {
        msg.push_str(&format!(" ; manquent : {}", missing.join(", ")));
    }
    if c.other_publics > 0 {
        msg.push_str(&format!(
            " ; {} service(s) réservés à d'autres publics (signalé à chaque résultat)",
            c.other_publics
        ));
    }
    msg
}

#[cfg(test)]
mod tests {
    use crate::details;

    /// `ServiceReader::push` leaves out the empty extra columns it names (known to `details`,
    /// which keeps only what was written) and keeps the contract's, even empty: the line
    /// between the two must be `details::is_known`'s.
    #[test]
    fn details_columns_are_known() {
        for name in [
            details::ADDRESS,
            details::FEES,
            details::REFERRAL,
            details::THEMES,
            details::PUBLICS,
            details::PUBLICS_NOTE,
            details::ACCESS,
            details::MODES,
            details::STRUCTURE_ID,
            details::SOURCE_LINK,
        ] {
            assert!(details::is_known(name), "{name}");
        }
        for name in [
            "id",
            "organisation",
            "titre",
            "type",
            "milieu",
            "departements",
            "communes",
            "horaires",
            "date_maj",
            "description",
            "contact",
        ] {
            assert!(!details::is_known(name), "{name}");
        }
    }
}
