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
use crate::catalogue::cells::{json_cell, split_list};
use crate::catalogue::loaded::Loaded;
use crate::catalogue::rows::load_records;
use crate::model::{departement_of_commune, Offer, OfferType};
use crate::problem::{Problem, Severity};
use crate::refdata::RefData;
use crate::text::slug;
use serde_json::{json, Map, Value};
use time::Date;

pub const PUBLIC: &str = "personnes-en-situation-juridique-specifique";

/// Does this JSON list look like data·inclusion services rather than Relais offers?
pub fn looks_like(list: &[Value]) -> bool {
    list.iter().filter_map(Value::as_object).take(5).any(|o| {
        o.contains_key("nom")
            && (o.contains_key("structure_id")
                || o.contains_key("zone_eligibilite")
                || o.contains_key("thematiques"))
            && !o.contains_key("titre")
    })
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
    let list: Vec<Value> = rows
        .iter()
        .map(|(_, cells)| {
            let mut o = Map::new();
            for (n, v) in header.iter().zip(cells.iter()) {
                let v = v.trim();
                let value = if LISTS.contains(&n.as_str()) {
                    Value::Array(split_list(v).into_iter().map(Value::String).collect())
                } else {
                    Value::String(v.to_string())
                };
                o.insert(n.clone(), value);
            }
            Value::Object(o)
        })
        .collect();
    let mut l = load_services(&list, file, refdata);
    // Entry numbers become the CSV lines of their rows.
    let line_of_entry = |n: usize| {
        n.checked_sub(1)
            .and_then(|i| rows.get(i))
            .map_or(n, |d| d.0)
    };
    for p in &mut l.problems {
        if p.line > 0 && !(p.line == 1 && p.field.as_deref() == Some("milieu")) {
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
            zone.extend(o.departements.iter().filter(|d| !o.communes.iter().any(|c| departement_of_commune(c) == d.as_str())).cloned());
            zone.extend(o.communes.iter().cloned());
            let description = if o.description.trim().is_empty() { o.title.clone() } else { o.description.clone() };
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
                "code_insee": o.communes.first(),
                "horaires_accueil": o.schedule.as_ref().map(|s| if s.is_known() { s.to_osm() } else { o.schedule_text.clone() }),
                "modes_accueil": if o.anywhere && o.departements.is_empty() { json!(["a-distance"]) } else { json!(["en-presentiel"]) },
                "relais": Value::Object(relais),
            })
        })
        .collect();
    Value::Array(list)
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
    let mut problems = Vec::new();
    let mut records = Vec::new();
    let mut derived = 0usize;
    let mut zones: std::collections::HashMap<usize, Vec<String>> = Default::default();
    for (n, item) in list.iter().enumerate() {
        let line = n.saturating_add(1);
        if skip.contains(&line) {
            continue;
        }
        let Some(s) = item.as_object() else {
            problems.push(Problem {
                file: file.into(),
                line,
                column: None,
                field: None,
                severity: Severity::Error,
                message: format!("l'entrée n°{line} n'est pas un objet"),
            });
            continue;
        };
        let get = |k: &str| s.get(k).map(json_cell).unwrap_or_default();
        let mut fields: Vec<(String, String)> = Vec::new();
        if let Some(Value::Object(r)) = s.get("relais") {
            fields.extend(r.iter().map(|(k, v)| (k.clone(), json_cell(v))));
        } else {
            derived = derived.saturating_add(1);
            let id = get("id");
            let source = get("source");
            let short = id
                .strip_prefix(&format!("{source}--"))
                .unwrap_or(&id)
                .to_string();
            fields.push(("id".into(), short));
            let org = match get("structure_nom") {
                o if !o.is_empty() => o,
                _ => get("structure_id"),
            };
            fields.push(("organisation".into(), org));
            fields.push(("titre".into(), get("nom")));
            let kind = match get("type").as_str() {
                "formation" => "formation",
                "atelier" => "atelier",
                _ => "accompagnement",
            };
            fields.push(("type".into(), kind.into()));
            fields.push(("milieu".into(), "dehors".into()));
            let mut depts = Vec::new();
            let mut communes = Vec::new();
            let zone: Vec<String> = match s.get("zone_eligibilite") {
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            };
            for z in &zone {
                // Codes are ASCII: « Sète » or « €12 » is no code, whatever its length in bytes.
                let code = z.bytes().all(|b| b.is_ascii_alphanumeric());
                match z.len() {
                    _ if z == "france" => depts.push("*".to_string()),
                    2 | 3 if code => depts.push(z.clone()),
                    5 if code && !z.starts_with("99") => {
                        depts.push(departement_of_commune(z).to_string());
                        communes.push(z.clone());
                    }
                    _ => problems.push(Problem {
                        file: file.into(),
                        line,
                        column: None,
                        field: Some("zone_eligibilite".into()),
                        severity: Severity::Warning,
                        message: format!("zone « {z} » non reprise (intercommunalité, étranger, ou texte qui n'est pas un code INSEE) : préciser les départements dans Relais"),
                    }),
                }
            }
            // Eligibility, kept apart from the place: read only when every entry is a code
            // (an unread EPCI would narrow it wrongly) and none is « france ».
            let codes: Option<Vec<String>> = zone
                .iter()
                .map(|z| match z.len() {
                    2 | 3 => refdata.resolve_departement(z),
                    5 => refdata.resolve_commune(z),
                    _ => None,
                })
                .collect();
            if let Some(codes) = codes.filter(|c| !c.is_empty()) {
                zones.insert(line, codes);
            }
            let code_insee = get("code_insee");
            if depts.is_empty()
                && code_insee.len() == 5
                && code_insee.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                depts.push(departement_of_commune(&code_insee).to_string());
                communes.push(code_insee.clone());
            }
            let remote_only = matches!(s.get("modes_accueil"), Some(Value::Array(a)) if a.iter().all(|m| m == "a-distance") && !a.is_empty());
            if remote_only && !depts.iter().any(|d| d == "*") {
                depts.push("*".into());
            }
            depts.dedup();
            fields.push(("departements".into(), depts.join(",")));
            fields.push(("communes".into(), communes.join(",")));
            fields.push(("horaires".into(), get("horaires_accueil")));
            fields.push(("date_maj".into(), get("date_maj")));
            fields.push(("description".into(), get("description")));
            let contact: Vec<String> = ["courriel", "telephone", "lien_mobilisation"]
                .iter()
                .map(|k| get(k))
                .filter(|v| !v.is_empty())
                .collect();
            fields.push(("contact".into(), contact.join(" · ")));
            // The rest is kept as extra columns, so that nothing the association wrote is lost.
            for k in [
                "thematiques",
                "publics",
                "frais",
                "conditions_acces",
                "publics_precisions",
                "modes_accueil",
                "adresse",
                "commune",
                "code_postal",
            ] {
                let v = get(k);
                if !v.is_empty() {
                    fields.push((format!("di_{k}"), v));
                }
            }
        }
        records.push((line, fields));
    }
    let mut loaded = load_records(records, file, refdata);
    for o in &mut loaded.offers {
        if let Some(z) = zones.remove(&o.line) {
            o.zone_eligibilite = z;
        }
    }
    if derived > 0 {
        problems.push(Problem {
            file: file.into(),
            line: 1,
            column: None,
            field: Some("milieu".into()),
            severity: Severity::Warning,
            message: format!("{derived} service(s) data·inclusion sans informations Relais : lus comme « dehors » (milieu ouvert), sans restriction de mesure ni d'activité ; les compléter si besoin"),
        });
    }
    loaded.problems.extend(problems);
    loaded
        .problems
        .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
    loaded
}
