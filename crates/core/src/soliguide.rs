//! Soliguide places (the `lieux` of Soliguide's database and API) read as offers.
//!
//! Soliguide describes a place (`lieu`) with its services (`services_all`, one category each),
//! its address (`position`), its week (`newhours`, times as HHMM integers) and its publics.
//! One place becomes one offer: the organisation is the place's name, the title says what it
//! offers in words (its services' categories, `data/soliguide-categories.csv`), the type comes
//! from the most insertion-minded category, and what Relais has no column for (publics, the
//! services' categories, the status) is kept as `soliguide_*` extra columns. Places Soliguide
//! marks offline or closed for good are not loaded, and each is reported.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use crate::problem::Problem;
use crate::refdata::RefData;
use serde_json::{Map, Value};

const CATEGORIES: &str = include_str!("../../../data/soliguide-categories.csv");

/// Does this JSON list look like Soliguide places rather than Relais offers or data·inclusion?
pub fn looks_like(list: &[Value]) -> bool {
    list.iter().filter_map(Value::as_object).take(5).any(|o| {
        o.contains_key("lieu_id") && (o.contains_key("position") || o.contains_key("newhours"))
    })
}

struct Category {
    label: String,
    kind: String,
}

fn categories() -> std::collections::HashMap<String, Category> {
    CATEGORIES
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut parts = l.splitn(3, ',');
            let code = parts.next()?.trim();
            let label = parts.next()?.trim();
            let kind = parts.next()?.trim();
            Some((
                code.to_string(),
                Category {
                    label: label.to_string(),
                    kind: kind.to_string(),
                },
            ))
        })
        .collect()
}

/// The order in which a category decides the offer's type: an employer first, then training,
/// then a workshop, then support.
fn kind_rank(kind: &str) -> u8 {
    match kind {
        "aci" | "ei" | "etti" | "emploi" => 0,
        "formation" => 1,
        "atelier" => 2,
        _ => 3,
    }
}

fn text(o: &Map<String, Value>, key: &str) -> String {
    match o.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Soliguide writes descriptions in HTML: kept as plain text (tags dropped, the usual entities
/// decoded), never as markup.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let name = tag
                    .trim_start_matches('/')
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if matches!(
                    name.as_str(),
                    "p" | "br" | "li" | "div" | "h1" | "h2" | "h3" | "tr"
                ) && !out.ends_with('\n')
                    && !out.is_empty()
                {
                    out.push('\n');
                }
            }
            _ if in_tag => tag.push(c),
            _ => out.push(c),
        }
    }
    let decoded = decode_entities(&out);
    decoded
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = tail.get(1..e)?;
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = tail.get(e.saturating_add(1)..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

const DAYS: [(&str, &str); 7] = [
    ("monday", "Mo"),
    ("tuesday", "Tu"),
    ("wednesday", "We"),
    ("thursday", "Th"),
    ("friday", "Fr"),
    ("saturday", "Sa"),
    ("sunday", "Su"),
];

fn hhmm(v: &Value, end: bool) -> Option<String> {
    let n = v.as_u64()?;
    let (h, m) = (n / 100, n % 100);
    if h > 23 || m > 59 {
        return None;
    }
    // Soliguide writes a whole day as 0–2359.
    if end && h == 23 && m == 59 {
        return Some("24:00".into());
    }
    Some(format!("{h:02}:{m:02}"))
}

/// Soliguide's week (`newhours`) in the OpenStreetMap form Relais reads; `None` when no day is
/// said to be open (Soliguide's default for a place whose hours were never filled in).
pub fn hours_to_osm(week: &Map<String, Value>) -> Result<Option<String>, String> {
    let mut parts = Vec::new();
    for (key, osm) in DAYS {
        let Some(day) = week.get(key).and_then(Value::as_object) else {
            continue;
        };
        if day.get("open").and_then(Value::as_bool) != Some(true) {
            continue;
        }
        let slots: Vec<String> = match day.get("timeslot") {
            Some(Value::Array(a)) => a
                .iter()
                .map(|s| {
                    let start = s.get("start").and_then(|v| hhmm(v, false));
                    let end = s.get("end").and_then(|v| hhmm(v, true));
                    match (start, end) {
                        (Some(a), Some(b)) => Ok(format!("{a}-{b}")),
                        _ => Err(format!("créneau illisible le {key} : {s}")),
                    }
                })
                .collect::<Result<_, _>>()?,
            _ => Vec::new(),
        };
        if !slots.is_empty() {
            parts.push(format!("{osm} {}", slots.join(",")));
        }
    }
    if parts.is_empty() {
        return Ok(None);
    }
    if week.get("closedHolidays").and_then(Value::as_str) == Some("CLOSED") {
        parts.push("PH off".into());
    }
    Ok(Some(parts.join("; ")))
}

/// The INSEE code of the commune at this postal code and town, when the reference geography is
/// loaded and says it unambiguously.
fn commune_code(refdata: &RefData, postal: &str, town: &str, dept: &str) -> Option<String> {
    // « SAINTE CLOTILDE CEDEX », « Lyon Cedex 07 »: the town without its CEDEX mention.
    let folded = crate::text::fold(town);
    let town = match folded.find(" cedex") {
        Some(i) => folded.get(..i).unwrap_or(&folded),
        None => folded.as_str(),
    };
    let key = crate::text::name_key(town);
    let at: Vec<_> = refdata.by_postal_code(postal).collect();
    let named: Vec<_> = at
        .iter()
        .filter(|c| crate::text::name_key(&c.name) == key)
        .collect();
    match (named.as_slice(), at.as_slice()) {
        ([one], _) => Some(one.placement_code().to_string()),
        ([], [one]) => Some(one.placement_code().to_string()),
        // A CEDEX or mistyped postal code: the town's name, if it is in the same département.
        _ if town.is_empty() => None,
        _ => refdata
            .resolve_commune(town)
            .filter(|c| dept.is_empty() || refdata.departement_code_of(c) == dept),
    }
}

/// The commune of this postal code whose centre is nearest to the place's coordinates, when
/// it is near (under 5 km) and clearly nearer than the next one (half the distance or less): a
/// town written under a former name (« Capavenir Vosges », now Thaon-les-Vosges) is placed by
/// where it is.
fn nearest_at_postal_code(
    refdata: &RefData,
    postal: &str,
    at: crate::refdata::Point,
) -> Option<(String, String)> {
    if !(at.lat.is_finite() && at.lon.is_finite()) {
        return None;
    }
    let mut by_distance: Vec<(f64, &crate::refdata::Commune)> = refdata
        .by_postal_code(postal)
        .filter_map(|c| Some((c.point?.km_to(at), c)))
        .collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
    match by_distance.as_slice() {
        [(d, c)] if *d < 5.0 => Some((c.placement_code().to_string(), c.name.clone())),
        [(d, c), (next, _), ..] if *d < 5.0 && *d * 2.0 <= *next => {
            Some((c.placement_code().to_string(), c.name.clone()))
        }
        _ => None,
    }
}

/// A Soliguide export turned into catalogue records.
#[derive(Default)]
pub struct Converted {
    /// Line (entry number) and fields: they go through the same row checks as any catalogue.
    pub records: Vec<(usize, Vec<(String, String)>)>,
    /// What reading the places found.
    pub problems: Vec<Problem>,
    /// The commune found from the postal code and the town, by line: set on the offer after
    /// the row checks, which would otherwise question an INSEE code equal to a postal code
    /// (13001) that was never written as one.
    pub communes: std::collections::HashMap<usize, String>,
}

/// What a Soliguide export holds, as catalogue records and problems.
pub fn records(
    list: &[Value],
    skip: &std::collections::HashSet<usize>,
    file: &str,
    refdata: &RefData,
) -> Converted {
    let cats = categories();
    let mut problems = Vec::new();
    let mut records = Vec::new();
    let mut communes = std::collections::HashMap::new();
    let mut drafts = 0usize;
    let mut without_services = 0usize;
    let warn = |line: usize, field: &str, message: String| {
        Problem::warning(file, line, message).field(field)
    };
    for (n, item) in list.iter().enumerate() {
        let line = n.saturating_add(1);
        if skip.contains(&line) {
            continue;
        }
        let Some(place) = item.as_object() else {
            problems.push(Problem::error(
                file,
                line,
                format!("l'entrée n°{line} n'est pas un objet"),
            ));
            continue;
        };
        let name = text(place, "name");
        let status = text(place, "status");
        match status.as_str() {
            "OFFLINE" | "PERMANENTLY_CLOSED" => {
                let why = if status == "OFFLINE" {
                    "hors ligne dans Soliguide"
                } else {
                    "fermé définitivement selon Soliguide"
                };
                problems.push(warn(
                    line,
                    "status",
                    format!("« {name} » {why} : non chargé"),
                ));
                continue;
            }
            "DRAFT" => drafts = drafts.saturating_add(1),
            _ => {}
        }
        let mut fields: Vec<(String, String)> = Vec::new();
        let id = match text(place, "lieu_id") {
            i if !i.is_empty() => format!("soliguide-{i}"),
            _ => format!("soliguide-entree-{line}"),
        };
        fields.push(("id".into(), id));
        fields.push(("organisation".into(), name.clone()));

        // Services: their categories in words, and the type the most insertion-minded one gives.
        let mut labels: Vec<String> = Vec::new();
        let mut codes: Vec<String> = Vec::new();
        let mut kind = ("accompagnement".to_string(), u8::MAX);
        let mut jobs = Vec::new();
        if let Some(Value::Array(services)) = place.get("services_all") {
            for s in services.iter().filter_map(Value::as_object) {
                if s.get("close")
                    .and_then(|c| c.get("actif"))
                    .and_then(Value::as_bool)
                    == Some(true)
                {
                    continue;
                }
                let code = text(s, "category");
                if code.is_empty() || codes.contains(&code) {
                    continue;
                }
                let (label, k) = match cats.get(&code) {
                    Some(c) => (c.label.clone(), c.kind.clone()),
                    None => (code.replace('_', " "), "accompagnement".to_string()),
                };
                if kind_rank(&k) < kind.1 {
                    kind.1 = kind_rank(&k);
                    kind.0 = k;
                }
                let j = text(s, "jobsList");
                if !j.is_empty() {
                    jobs.push(j);
                }
                labels.push(label);
                codes.push(code);
            }
        }
        if codes.is_empty() {
            without_services = without_services.saturating_add(1);
        }
        let title = if labels.is_empty() {
            name.clone()
        } else {
            labels.join(", ")
        };
        fields.push(("titre".into(), title));
        fields.push(("type".into(), kind.0.clone()));
        if kind.0 == "aci" {
            problems.push(warn(
                line,
                "type",
                format!("« {name} » : Soliguide dit « insertion par l'activité économique » sans préciser la structure ; lue comme ACI, à vérifier (EI, ETTI…)"),
            ));
        }
        fields.push(("milieu".into(), "dehors".into()));

        // Place: the commune from the postal code and the town, else the département.
        let position = place.get("position").and_then(Value::as_object);
        let pos = |k: &str| position.map(|p| text(p, k)).unwrap_or_default();
        let postal = match pos("codePostal") {
            p if !p.is_empty() => p,
            _ => pos("postalCode"),
        };
        let town = match pos("ville") {
            t if !t.is_empty() => t,
            _ => pos("city"),
        };
        let dept = pos("departementCode");
        let point = position
            .and_then(|p| p.get("location"))
            .and_then(|l| l.get("coordinates"))
            .and_then(Value::as_array)
            .and_then(|c| match c.as_slice() {
                [lon, lat] => Some(crate::refdata::Point {
                    lat: lat.as_f64()?,
                    lon: lon.as_f64()?,
                }),
                _ => None,
            });
        let found = commune_code(refdata, &postal, &town, &dept).or_else(|| {
            let (code, name) = nearest_at_postal_code(refdata, &postal, point?)?;
            problems.push(warn(
                line,
                "position",
                format!("commune « {town} » ({postal}) non trouvée par son nom (ancien nom ?) : placée à {name} ({code}), la commune de ce code postal la plus proche de ses coordonnées"),
            ));
            Some(code)
        });
        match found {
            Some(code) => {
                fields.push(("departements".into(), refdata.departement_code_of(&code)));
                communes.insert(line, code);
            }
            None if !dept.is_empty() => {
                fields.push(("departements".into(), dept.clone()));
                if !town.is_empty() {
                    // The name may be a commune elsewhere (« REMIRE MONTJOLY » with a postal
                    // code and département of Mayotte): the address contradicts itself, and
                    // the association must be told which part to check, not « non trouvée ».
                    let elsewhere = refdata
                        .resolve_commune(&town)
                        .filter(|c| crate::model::is_commune_code(c))
                        .filter(|c| refdata.departement_code_of(c) != dept);
                    let message = match elsewhere {
                        Some(code) => format!(
                            "commune « {town} » ({postal}) : ce nom est celui de {} ({code}), dans le département {}, et non dans le département indiqué ({dept}) : le lieu est placé dans le département {dept} seulement ; vérifier son adresse dans Soliguide",
                            refdata.commune(&code).map_or(town.as_str(), |c| c.name.as_str()),
                            refdata.departement_code_of(&code)
                        ),
                        None => format!("commune « {town} » ({postal}) non trouvée : le lieu est placé dans le département {dept} seulement"),
                    };
                    problems.push(warn(line, "position", message));
                }
            }
            None => problems.push(warn(
                line,
                "position",
                format!("« {name} » n'a ni commune reconnue ni département : le lieu ne sera proposé à personne"),
            )),
        }

        // Hours.
        if let Some(week) = place.get("newhours").and_then(Value::as_object) {
            match hours_to_osm(week) {
                Ok(Some(h)) => fields.push(("horaires".into(), h)),
                Ok(None) => {}
                Err(e) => problems.push(warn(line, "newhours", e)),
            }
        }
        let updated = text(place, "updatedByUserAt");
        let updated = if updated.is_empty() {
            text(place, "updatedAt")
        } else {
            updated
        };
        if let Some(day) = updated.get(..10).filter(|d| d.is_ascii()) {
            fields.push(("date_maj".into(), day.to_string()));
        }

        // Contact as Soliguide publishes it, and a link to the place's page.
        let mut contact = Vec::new();
        if let Some(entity) = place.get("entity").and_then(Value::as_object) {
            if let Some(Value::Array(phones)) = entity.get("phones") {
                contact.extend(
                    phones
                        .iter()
                        .filter_map(|p| p.get("phoneNumber").and_then(Value::as_str))
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_string),
                );
            }
            for k in ["mail", "website"] {
                let v = text(entity, k);
                if !v.is_empty() {
                    contact.push(v);
                }
            }
        }
        let address = [pos("adresse"), pos("complementAdresse")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if !address.is_empty() {
            contact.push(address);
        }
        fields.push(("contact".into(), contact.join(" · ")));

        let mut description = html_to_text(&text(place, "description"));
        if !jobs.is_empty() {
            if !description.is_empty() {
                description.push('\n');
            }
            description.push_str(&format!("Métiers : {}", jobs.join(", ")));
        }
        fields.push(("description".into(), description));

        // Kept as written: the publics (Soliguide's `other` list says who is welcome, `prison`
        // among them), the categories, the status, the page.
        if let Some(publics) = place.get("publics").and_then(Value::as_object) {
            if let Some(Value::Array(other)) = publics.get("other") {
                let other: Vec<&str> = other.iter().filter_map(Value::as_str).collect();
                if !other.is_empty() {
                    fields.push(("soliguide_publics".into(), other.join(",")));
                }
            }
            let d = html_to_text(&text(publics, "description"));
            if !d.is_empty() {
                fields.push(("soliguide_publics_precisions".into(), d));
            }
        }
        if !codes.is_empty() {
            fields.push(("soliguide_categories".into(), codes.join(",")));
        }
        if !status.is_empty() {
            fields.push(("soliguide_statut".into(), status.clone()));
        }
        let seo = text(place, "seo_url");
        if !seo.is_empty() {
            fields.push((
                "soliguide_page".into(),
                format!("https://soliguide.fr/fr/fiche/{seo}"),
            ));
        }
        if let Some(closure) = place.get("tempInfos").and_then(|t| t.get("closure")) {
            if closure.get("actif").and_then(Value::as_bool) == Some(true) {
                let from = closure
                    .get("dateDebut")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let to = closure.get("dateFin").and_then(Value::as_str).unwrap_or("");
                problems.push(warn(
                    line,
                    "tempInfos",
                    format!(
                        "« {name} » annonce une fermeture temporaire{}{} : vérifier avant d'orienter",
                        if from.is_empty() { String::new() } else { format!(" du {}", from.get(..10).unwrap_or(from)) },
                        if to.is_empty() { String::new() } else { format!(" au {}", to.get(..10).unwrap_or(to)) },
                    ),
                ));
            }
        }
        records.push((line, fields));
    }
    if drafts > 0 {
        problems.push(warn(
            1,
            "status",
            format!("{drafts} lieu(x) encore en brouillon dans Soliguide (statut DRAFT) : chargés, à vérifier avant d'orienter"),
        ));
    }
    if without_services > 0 {
        problems.push(warn(
            1,
            "services_all",
            format!("{without_services} lieu(x) sans service décrit dans Soliguide : lus comme « accompagnement », le type est à préciser"),
        ));
    }
    Converted {
        records,
        problems,
        communes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text_without_markup() {
        assert_eq!(
            html_to_text("<p>Consultations sur rendez-vous &#224; l'IAP</p><p>Cr&#233;teil &amp; <b>Paris</b></p>"),
            "Consultations sur rendez-vous à l'IAP\nCréteil & Paris"
        );
        assert_eq!(html_to_text("<script>alert(1)</script>"), "alert(1)");
        assert_eq!(
            html_to_text("a & b &unknown; &#xZZ;"),
            "a & b &unknown; &#xZZ;"
        );
        assert_eq!(html_to_text("<p"), "");
    }

    #[test]
    fn a_soliguide_week_reads_as_opening_hours() {
        let week: Value = serde_json::json!({
            "monday": {"open": true, "timeslot": [{"start": 800, "end": 1200}, {"start": 1400, "end": 1730}]},
            "tuesday": {"open": false, "timeslot": []},
            "sunday": {"open": true, "timeslot": [{"start": 0, "end": 2359}]},
            "closedHolidays": "CLOSED"
        });
        let week = week.as_object().cloned().unwrap_or_default();
        assert_eq!(
            hours_to_osm(&week),
            Ok(Some(
                "Mo 08:00-12:00,14:00-17:30; Su 00:00-24:00; PH off".into()
            ))
        );
        let bad: Value =
            serde_json::json!({"monday": {"open": true, "timeslot": [{"start": 2500, "end": 9}]}});
        assert!(hours_to_osm(&bad.as_object().cloned().unwrap_or_default()).is_err());
        let closed: Value = serde_json::json!({"monday": {"open": false, "timeslot": []}});
        assert_eq!(
            hours_to_osm(&closed.as_object().cloned().unwrap_or_default()),
            Ok(None)
        );
    }

    #[test]
    fn every_category_row_has_a_known_type() {
        for (code, c) in categories() {
            assert!(
                ["formation", "atelier", "aci", "accompagnement"].contains(&c.kind.as_str()),
                "{code}: {}",
                c.kind
            );
            assert!(!c.label.is_empty());
        }
    }
}
