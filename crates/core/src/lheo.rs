//! LHEO (Langage Harmonisé d'Échange d'informations sur l'Offre de formation), versions 2.2 and
//! 2.3: the XML in which the Carif-Oref network publishes training offers (root `<lheo>`, or
//! `<lheo-index>` for search results). Schema, element list and code tables:
//! `../shared/data/external/lheo/`.
//!
//! Reading: each `<action>` of a `<formation>` becomes a `formation` offer, or one offer per
//! `<session>` when the action has several: title, organisation (the trainer, else the body
//! responsible), ROME codes as sectors (FORMACODE kept), place from `lieu-de-formation` (INSEE
//! code, or postal code and town), session dates (`AAAAMMJJ`, `00` for an unknown day or month),
//! remote or mixed delivery, public and prerequisites, contact. An action carrying an
//! `<extras info="relais">` block (what [`to_lheo`] writes) is read from it as is, so that a
//! round trip keeps every Relais field. Reading never fails: offers and problems with lines.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use crate::catalogue::loaded::Loaded;
use crate::catalogue::rows::load_records;
use crate::details;
use crate::markdown::from_html;
use crate::model::Offer;
use crate::problem::Problem;
use crate::refdata::RefData;
use crate::xml::{read_records, Element};
use time::{Date, Month};

/// The FORMACODE « public visé » codes (`data/formacode-publics.csv`).
const PUBLICS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/formacode-publics.csv"
));

/// The funders of LHEO's table `dict-financeurs` (schema 2.3, `lheo/lheo-schema`
/// `definition/lheo-gml.xml`; see `../shared/data/external/lheo/lheo-2.3_tables_derived.tsv`).
const FUNDERS: &[(&str, &str)] = &[
    ("0", "autre"),
    ("2", "conseil régional"),
    ("3", "FSE"),
    ("4", "France Travail (Pôle emploi)"),
    ("5", "entreprise"),
    ("6", "ACSÉ"),
    ("7", "AGEFIPH"),
    ("8", "conseil départemental"),
    ("9", "commune"),
    ("10", "la personne elle-même"),
    ("11", "État (emploi)"),
    ("12", "État (éducation nationale)"),
    ("13", "État (autre)"),
    ("14", "fonds européens (autre)"),
    ("15", "collectivité territoriale (autre)"),
    ("16", "OPCO"),
    ("17", "Transitions Pro"),
    ("18", "LADOM"),
    ("19", "État (ministère de l'Intérieur)"),
    ("20", "OFII"),
];

/// The LHEO namespace written by [`to_lheo`].
pub const NAMESPACE: &str = "http://lheo.gouv.fr/2.3";

/// Does this text look like an LHEO file (its root `<lheo` or `<lheo-index`)?
pub fn looks_like(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    // Skip the declaration, comments and processing instructions before the root.
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>").map_or("", |x| x.1).trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->").map_or("", |x| x.1).trim_start();
        } else {
            break;
        }
    }
    rest.starts_with("<lheo") && {
        let after = rest.get(5..).unwrap_or_default();
        after.starts_with([' ', '>', '\n', '\r', '\t', '-', '/'])
    }
}

/// The label of a FORMACODE public code, and the data·inclusion public it amounts to.
fn public(code: &str) -> Option<(&'static str, &'static str)> {
    PUBLICS.lines().skip(1).find_map(|l| {
        let mut f = l.split(';');
        (f.next() == Some(code))
            .then(|| (f.next().unwrap_or_default(), f.next().unwrap_or_default()))
    })
}

/// A text of LHEO as plain text: escaped HTML read, the placeholder `-` dropped.
fn clean(text: &str) -> String {
    let t = from_html(text);
    let t = t.trim();
    if t == "-" || t == "." {
        String::new()
    } else {
        t.to_string()
    }
}

/// A one-line text (titles, names): spaces and line breaks collapsed.
fn line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A date `AAAAMMJJ`; `00` for an unknown day or month is read as the first day (start) or the
/// last (end) of the month or year. `00000000` and `99999999` are no date.
pub fn date(text: &str, end: bool) -> Result<Option<Date>, String> {
    let t = text.trim();
    if t.is_empty() || t.bytes().all(|b| b == b'0') || t.bytes().all(|b| b == b'9') {
        return Ok(None);
    }
    let bad = || {
        format!("date « {t} » illisible : LHEO écrit AAAAMMJJ (20240901, 00 pour un jour ou un mois inconnu)")
    };
    if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let num = |a: usize, b: usize| t.get(a..b).and_then(|s| s.parse::<u16>().ok()).unwrap_or(0);
    let year = i32::from(num(0, 4));
    if !(crate::limits::YEAR_MIN..=crate::limits::YEAR_MAX).contains(&year) {
        return Err(bad());
    }
    let (month, day) = (num(4, 6), num(6, 8));
    let month = match month {
        0 if end => 12,
        0 => 1,
        m => m,
    };
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(bad)?;
    if day == 0 {
        let candidates: &[u8] = if end { &[31, 30, 29, 28] } else { &[1] };
        return candidates
            .iter()
            .find_map(|&d| Date::from_calendar_date(year, month, d).ok())
            .map(Some)
            .ok_or_else(bad);
    }
    let day = u8::try_from(day).map_err(|_| bad())?;
    Date::from_calendar_date(year, month, day)
        .map(Some)
        .map_err(|_| bad())
}

/// The contact of a `coordonnees`: named person (when not a placeholder), phones, e-mail, web.
fn contact_of(c: &Element) -> Vec<String> {
    let mut out = Vec::new();
    let name = [line(&c.text_of("prenom")), line(&c.text_of("nom"))]
        .into_iter()
        .filter(|s| !s.is_empty() && s != "X" && s != "non precise")
        .collect::<Vec<_>>()
        .join(" ");
    if !name.is_empty() {
        out.push(name);
    }
    for path in [
        "telfixe/numtel",
        "portable/numtel",
        "courriel",
        "web/urlweb",
    ] {
        for e in c.find_all(path) {
            let v = line(&e.text);
            if !v.is_empty() && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// The address of an `adresse`: lines, postal code and town.
fn address_of(a: &Element) -> String {
    let mut parts: Vec<String> = a
        .children("ligne")
        .map(|l| line(&l.text))
        .filter(|s| !s.is_empty())
        .collect();
    let town = [line(&a.text_of("codepostal")), line(&a.text_of("ville"))]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !town.is_empty() {
        parts.push(town);
    }
    parts.join(", ")
}

/// A place (INSEE code) of an `adresse`.
fn place_of(a: &Element, refdata: &RefData) -> Option<String> {
    crate::distructures::commune_of(
        refdata,
        &a.text_of("code-INSEE-commune"),
        &a.text_of("codepostal"),
        &line(&a.text_of("ville")),
    )
}

/// The principal element among several (`tag="principal"` first).
fn principal<'a>(list: impl Iterator<Item = &'a Element>) -> Option<&'a Element> {
    let all: Vec<&Element> = list.collect();
    all.iter()
        .find(|e| e.attr("tag") == Some("principal"))
        .or_else(|| all.first())
        .copied()
}

/// What is read once per formation and shared by its actions.
struct Formation {
    id: String,
    title: String,
    organisation: String,
    siret: String,
    sectors: Vec<String>,
    formacode: Vec<String>,
    description: String,
    contact: Vec<String>,
    link: String,
    checked: String,
    org_address: Option<(String, Option<String>)>,
}

fn formation_of(f: &Element, refdata: &RefData) -> Formation {
    let resp = f.child("organisme-formation-responsable");
    let org = resp
        .map(|r| {
            [
                line(&r.text_of("nom-organisme")),
                line(&r.text_of("raison-sociale")),
            ]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default()
        })
        .unwrap_or_else(|| line(&f.text_of("nom-organisme")));
    let siret = resp
        .map(|r| line(&r.text_of("SIRET-organisme-formation/SIRET")))
        .unwrap_or_else(|| line(&f.text_of("SIRET")));
    let domain = f.child("domaine-formation");
    let codes = |name: &str| -> Vec<String> {
        domain
            .map(|d| {
                d.children(name)
                    .map(|c| line(&c.text).to_uppercase())
                    .filter(|c| !c.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut description = Vec::new();
    for (path, heading) in [
        ("objectif-formation", "Objectif"),
        ("contenu-formation", "Contenu"),
        ("resultats-attendus", "Résultats attendus"),
    ] {
        let t = clean(&f.text_of(path));
        if !t.is_empty() {
            description.push(format!("### {heading}\n\n{t}"));
        }
    }
    let contact = f
        .find("contact-formation/coordonnees")
        .map(contact_of)
        .or_else(|| {
            resp.and_then(|r| r.find("contact-organisme/coordonnees"))
                .map(contact_of)
        })
        .unwrap_or_default();
    let link = [
        line(&f.text_of("url-formation/urlweb")),
        f.attr("href").map(line).unwrap_or_default(),
    ]
    .into_iter()
    .find(|s| !s.is_empty())
    .unwrap_or_default();
    let org_address = resp
        .and_then(|r| r.find("coordonnees-organisme/coordonnees/adresse"))
        .map(|a| (address_of(a), place_of(a, refdata)));
    Formation {
        id: f.attr("numero").map(line).unwrap_or_default(),
        title: line(&f.text_of("intitule-formation")),
        organisation: org,
        siret,
        sectors: codes("code-ROME"),
        formacode: codes("code-FORMACODE"),
        description: description.join("\n\n"),
        contact,
        link,
        checked: f.attr("datemaj").unwrap_or_default().to_string(),
        org_address,
    }
}

/// Counts for the report.
#[derive(Default)]
struct Counts {
    formations: usize,
    actions: usize,
    offers: usize,
    from_relais: usize,
    place_insee: usize,
    place_postal: usize,
    place_org: usize,
    remote: usize,
    no_place: usize,
    dated: usize,
    closed: usize,
}

fn bump(n: &mut usize) {
    *n = n.saturating_add(1);
}

/// The Relais cells of an `<extras info="relais">` block, when there is one.
fn relais_cells(action: &Element) -> Option<Vec<(String, String)>> {
    let extras = action
        .children("extras")
        .find(|e| e.attr("info") == Some("relais"))?;
    Some(
        extras
            .children("extra")
            .filter_map(|e| e.attr("info").map(|k| (k.to_string(), e.text.clone())))
            .collect(),
    )
}

/// Load an LHEO file's text as offers.
pub fn load(text: &str, file: &str, refdata: &RefData) -> Loaded {
    let read = read_records(text, &["formation", "resume-offre"]);
    let mut problems: Vec<Problem> = read
        .problems
        .iter()
        .map(|(l, m)| Problem::error(file, *l, m.clone()))
        .collect();
    let mut c = Counts::default();
    let mut records: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    let warn = |problems: &mut Vec<Problem>, line: usize, field: &str, message: String| {
        problems.push(Problem::warning(file, line, message).field(field));
    };
    for rec in &read.records {
        if records.len() >= crate::limits::MAX_ROWS {
            problems.push(Problem::error(file, rec.line, format!("au-delà de la limite de {} offres par fichier : la suite n'est pas chargée ; découper le fichier", crate::limits::MAX_ROWS)));
            break;
        }
        bump(&mut c.formations);
        let f = formation_of(rec, refdata);
        // A `resume-offre` (lheo-index) is its own action, flat.
        let actions: Vec<&Element> = if rec.name == "resume-offre" {
            vec![rec]
        } else {
            rec.children("action").collect()
        };
        if actions.is_empty() {
            problems.push(Problem::error(
                file,
                rec.line,
                format!("formation « {} » sans action : aucune offre", f.title),
            ));
        }
        for (n, action) in actions.iter().enumerate() {
            bump(&mut c.actions);
            if let Some(cells) = relais_cells(action) {
                bump(&mut c.from_relais);
                bump(&mut c.offers);
                records.push((action.line, cells));
                continue;
            }
            let action_id = action
                .attr("numero")
                .map(line)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| format!("{}-{}", f.id, n.saturating_add(1)));
            let mut base: Vec<(String, String)> = Vec::new();
            // The trainer, else the body responsible.
            let organisation = [
                line(&action.text_of("organisme-formateur/raison-sociale-formateur")),
                f.organisation.clone(),
            ]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default();
            base.push(("organisation".into(), organisation));
            base.push(("titre".into(), f.title.clone()));
            base.push(("type".into(), "formation".into()));
            base.push(("milieu".into(), "dehors".into()));
            base.push(("secteurs".into(), f.sectors.join(",")));
            base.push((details::FORMACODE.into(), f.formacode.join(",")));
            // Delivery: 0 on site, 1 mixed, 2 at a distance (dict-modalites-enseignement).
            let delivery = line(&action.text_of("modalites-enseignement"));
            let remote_only = delivery == "2";
            base.push((
                details::MODES.into(),
                match delivery.as_str() {
                    "1" => "en-presentiel,a-distance",
                    "2" => "a-distance",
                    _ => "en-presentiel",
                }
                .into(),
            ));
            // The place: the action's place of training (principal first), else (lheo-index)
            // the offer's own fields, else the body responsible's address.
            let lieu = principal(action.children("lieu-de-formation"))
                .and_then(|l| l.find("coordonnees/adresse"));
            let (address, place) = match lieu {
                Some(a) => {
                    let p = place_of(a, refdata);
                    if p.is_some() {
                        if a.text_of("code-INSEE-commune").is_empty() {
                            bump(&mut c.place_postal);
                        } else {
                            bump(&mut c.place_insee);
                        }
                    }
                    (address_of(a), p)
                }
                None if rec.name == "resume-offre" => {
                    let p = place_of(action, refdata);
                    if p.is_some() {
                        bump(&mut c.place_insee);
                    }
                    (address_of(action), p)
                }
                None => match &f.org_address {
                    Some((a, p)) => {
                        if p.is_some() {
                            bump(&mut c.place_org);
                        }
                        (a.clone(), p.clone())
                    }
                    None => (String::new(), None),
                },
            };
            let mut depts: Vec<String> = Vec::new();
            let mut communes: Vec<String> = Vec::new();
            if remote_only {
                bump(&mut c.remote);
                depts.push("*".into());
            } else if let Some(p) = &place {
                depts.push(refdata.departement_code_of(p));
                communes.push(p.clone());
            } else {
                bump(&mut c.no_place);
                // A département written in the address still places it.
                let d = lieu.map(|a| a.text_of("departement")).unwrap_or_default();
                if let Some(d) = refdata.resolve_departement(&d) {
                    depts.push(d);
                }
            }
            base.push(("departements".into(), depts.join(",")));
            base.push(("communes".into(), communes.join(",")));
            base.push((details::ADDRESS.into(), address));
            // Publics: FORMACODE codes; their labels, and the data·inclusion publics they are.
            let codes: Vec<String> = action
                .children("code-public-vise")
                .map(|e| line(&e.text))
                .filter(|s| !s.is_empty())
                .collect();
            let mut labels = Vec::new();
            let mut publics: Vec<&str> = Vec::new();
            for code in &codes {
                match public(code) {
                    Some((label, di)) => {
                        labels.push(label.to_string());
                        if !di.is_empty() && !publics.contains(&di) {
                            publics.push(di);
                        }
                    }
                    None => labels.push(format!("code {code}")),
                }
            }
            // The data·inclusion publics the codes amount to (83056 « Tout public » →
            // tous-publics, 81013 → personnes-en-situation-juridique-specifique…): the
            // matching warning `public` reads them; the labels say the rest.
            base.push((details::PUBLICS.into(), publics.join(",")));
            let mut note = Vec::new();
            if !labels.is_empty() {
                note.push(labels.join(", "));
            }
            let info = clean(&action.text_of("info-public-vise"));
            if !info.is_empty() {
                note.push(info);
            }
            base.push((details::PUBLICS_NOTE.into(), note.join(" — ")));
            let mut access = Vec::new();
            let prereq = clean(&action.text_of("conditions-specifiques"));
            if !prereq.is_empty() {
                access.push(format!("Prérequis : {prereq}"));
            }
            let recruit = clean(&action.text_of("modalites-recrutement"));
            if !recruit.is_empty() {
                access.push(format!("Recrutement : {recruit}"));
            }
            base.push((details::ACCESS.into(), access.join("\n")));
            let mut fees = Vec::new();
            let price = line(&action.text_of("prix-total-TTC"));
            if !price.is_empty() {
                fees.push(format!("{price} € TTC"));
            }
            if line(&action.text_of("prise-en-charge-frais-possible")) == "1" {
                fees.push("prise en charge des frais possible".into());
            }
            let rest = clean(&action.text_of("frais-restants"));
            if !rest.is_empty() {
                fees.push(format!("reste à charge : {rest}"));
            }
            let funders: Vec<String> = action
                .find_all("organisme-financeur/code-financeur")
                .iter()
                .map(|e| line(&e.text))
                .filter(|s| !s.is_empty())
                .collect();
            if !funders.is_empty() {
                let named: Vec<String> = funders
                    .iter()
                    .map(|c| {
                        FUNDERS
                            .iter()
                            .find(|(k, _)| k == c)
                            .map_or_else(|| format!("code {c}"), |(_, l)| (*l).to_string())
                    })
                    .collect();
                fees.push(format!("financé par : {}", named.join(", ")));
            }
            base.push((details::FEES.into(), fees.join(" ; ")));
            let siret = [
                line(&action.text_of("organisme-formateur/SIRET-formateur/SIRET")),
                f.siret.clone(),
            ]
            .into_iter()
            .find(|s| !s.is_empty() && s.bytes().any(|b| b != b'0'))
            .unwrap_or_default();
            base.push((details::SIRET.into(), siret));
            let link = [line(&action.text_of("url-action/urlweb")), f.link.clone()]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_default();
            base.push((details::SOURCE_LINK.into(), link));
            let mut description = Vec::new();
            if !f.description.is_empty() {
                description.push(f.description.clone());
            }
            let rhythm = clean(&action.text_of("rythme-formation"));
            if !rhythm.is_empty() {
                description.push(format!("### Rythme\n\n{rhythm}"));
            }
            let hours = line(&action.text_of("nombre-heures-total"));
            if !hours.is_empty() {
                description.push(format!("Durée : {hours} heures"));
            }
            base.push(("description".into(), description.join("\n\n")));
            let checked = action.attr("datemaj").unwrap_or(&f.checked).to_string();
            match date(&checked, false) {
                Ok(Some(d)) => base.push(("date_maj".into(), crate::date::iso(d))),
                Ok(None) => {}
                Err(m) => warn(&mut problems, action.line, "date_maj", m),
            }
            let action_contact = action
                .find("organisme-formateur/contact-formateur/coordonnees")
                .map(contact_of)
                .unwrap_or_default();
            // Sessions: one offer each when there are several.
            let sessions: Vec<&Element> = action.children("session").collect();
            let list: Vec<Option<&Element>> = if sessions.is_empty() {
                vec![None]
            } else {
                sessions.iter().copied().map(Some).collect()
            };
            let several = list.len() > 1;
            for (k, session) in list.iter().enumerate() {
                let mut fields = base.clone();
                let id = match session {
                    Some(s) if several => {
                        let sn = s
                            .attr("numero")
                            .map(line)
                            .filter(|x| !x.is_empty())
                            .unwrap_or_else(|| k.saturating_add(1).to_string());
                        format!("{action_id}-{sn}")
                    }
                    _ => action_id.clone(),
                };
                fields.push(("id".into(), id));
                let mut contact = f.contact.clone();
                let mut referral = Vec::new();
                if let Some(s) = session {
                    for (path, name, end) in [
                        ("periode/debut", "debut", false),
                        ("periode/fin", "fin", true),
                    ] {
                        let e = s.find(path);
                        match date(&e.map(|e| e.text.clone()).unwrap_or_default(), end) {
                            Ok(Some(d)) => {
                                if !end {
                                    bump(&mut c.dated);
                                }
                                fields.push((name.into(), crate::date::iso(d)));
                            }
                            Ok(None) => {}
                            Err(m) => warn(
                                &mut problems,
                                e.map_or(s.line, |e| e.line),
                                name,
                                format!("{m} ; la date n'est pas reprise"),
                            ),
                        }
                    }
                    // Recruitment closed (2) or suspended (3): no seat to offer now.
                    if matches!(line(&s.text_of("etat-recrutement")).as_str(), "2" | "3") {
                        bump(&mut c.closed);
                        fields.push(("places".into(), "0".into()));
                    }
                    if let Some(a) = s.find("adresse-inscription/adresse") {
                        let a = address_of(a);
                        if !a.is_empty() && a != "-" {
                            referral.push(format!("inscription : {a}"));
                        }
                    }
                    let how = clean(&s.text_of("modalites-inscription"));
                    if !how.is_empty() {
                        referral.push(how);
                    }
                    if let Some(cs) = s.find("contact-session/coordonnees") {
                        for v in contact_of(cs) {
                            if !contact.contains(&v) {
                                contact.push(v);
                            }
                        }
                    }
                }
                for v in &action_contact {
                    if !contact.contains(v) {
                        contact.push(v.clone());
                    }
                }
                fields.push(("contact".into(), contact.join(" · ")));
                fields.push((details::REFERRAL.into(), referral.join(" ; ")));
                fields.retain(|(k, v)| !v.is_empty() || !details::is_known(k));
                bump(&mut c.offers);
                records.push((session.map_or(action.line, |s| s.line), fields));
            }
        }
    }
    let mut loaded = load_records(records, file, refdata);
    loaded.encoding = "UTF-8";
    if c.formations == 0 && problems.is_empty() {
        problems.push(Problem::error(
            file,
            1,
            "fichier LHEO sans formation (<formation> ou <resume-offre>) : aucune offre",
        ));
    }
    if c.formations > 0 {
        let mut msg = format!(
            "LHEO {} : {} formation(s), {} action(s), {} offre(s) (une par session quand une action en a plusieurs)",
            read.root, c.formations, c.actions, c.offers
        );
        let derived: Vec<String> = [
            (c.from_relais, "lues de leurs champs Relais"),
            (c.place_insee, "lieu par code INSEE"),
            (c.place_postal, "lieu par code postal et ville"),
            (c.place_org, "lieu pris à l'adresse de l'organisme"),
            (c.remote, "entièrement à distance"),
            (c.dated, "datées"),
            (c.closed, "recrutement fermé ou suspendu (places : 0)"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{w} {n}"))
        .collect();
        if !derived.is_empty() {
            msg.push_str(&format!(" ; {}", derived.join(", ")));
        }
        if c.no_place > 0 {
            msg.push_str(&format!(" ; sans lieu reconnu : {}", c.no_place));
        }
        warn(&mut problems, 1, crate::datainclusion::REPORT_FIELD, msg);
        warn(&mut problems, 1, "milieu", "offres LHEO lues comme « dehors » (milieu ouvert), sans restriction de mesure ni d'activité ; les compléter si besoin".into());
    }
    loaded.problems.extend(problems);
    loaded
        .problems
        .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
    loaded
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn lheo_date(d: Option<Date>) -> String {
    d.map_or_else(
        || "00000000".into(),
        |d| format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day()),
    )
}

/// At most `max` characters (the XSD's `maxLength`), cut with « … ».
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Text as up to `n` `<ligne>` elements of 50 characters at most (the XSD's `ligne`), cut
/// between words; the whole text stays in the Relais extras.
fn lignes(text: &str, n: usize) -> String {
    let text = if text.trim().is_empty() {
        "-"
    } else {
        text.trim()
    };
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let len = current
            .chars()
            .count()
            .saturating_add(usize::from(!current.is_empty()))
            .saturating_add(word.chars().count());
        if len > 50 && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    let cut = lines.len() > n;
    lines.truncate(n);
    if cut {
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last} …"), 50);
        }
    }
    lines
        .iter()
        .map(|l| format!("<ligne>{}</ligne>", esc(&fit(l, 50))))
        .collect()
}

/// The XSD wants five digits; a commune's first postal code, or 00000 when none is known.
fn postal_code(refdata: &RefData, commune: Option<&crate::model::Code>) -> String {
    commune
        .and_then(|c| refdata.commune(c))
        .and_then(|c| c.postal_codes.first())
        .filter(|cp| cp.len() == 5 && cp.bytes().all(|b| b.is_ascii_digit()))
        .cloned()
        .unwrap_or_else(|| "00000".to_string())
}

/// The offers as an LHEO 2.3 document: one formation with one action (and one session) per
/// offer, the standard fields filled from the offer, and every Relais column in the action's
/// `<extras info="relais">` so that reading it back gives the same offers.
pub fn to_lheo(offers: &[Offer], refdata: &RefData) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!("<lheo xmlns=\"{NAMESPACE}\">\n<offres>\n"));
    for o in offers {
        let e = |s: &str| esc(s);
        let place = o.communes().first();
        let town = place.map(|c| refdata.place_name(c)).unwrap_or_default();
        // objectif-formation and contenu-formation: 3,000 characters at most (the XSD).
        let description = fit(
            if o.description().trim().is_empty() {
                &o.title
            } else {
                o.description()
            },
            3000,
        );
        x.push_str(&format!("<formation numero=\"{}\">\n", e(&o.id)));
        x.push_str("<domaine-formation>\n");
        for code in details::list(o, details::FORMACODE) {
            x.push_str(&format!("<code-FORMACODE>{}</code-FORMACODE>\n", e(code)));
        }
        // code-ROME is a whole code (five characters); a prefix (« M18 ») stays in the extras.
        for code in o.sectors().iter().filter(|c| c.chars().count() == 5) {
            x.push_str(&format!("<code-ROME>{}</code-ROME>\n", e(code)));
        }
        x.push_str("</domaine-formation>\n");
        x.push_str(&format!(
            "<intitule-formation>{}</intitule-formation>\n",
            e(&fit(&o.title, 255))
        ));
        x.push_str(&format!(
            "<objectif-formation>{}</objectif-formation>\n",
            e(&description)
        ));
        x.push_str("<resultats-attendus>-</resultats-attendus>\n");
        x.push_str(&format!(
            "<contenu-formation>{}</contenu-formation>\n",
            e(&description)
        ));
        x.push_str("<certifiante>0</certifiante>\n");
        x.push_str(&format!(
            "<contact-formation><coordonnees>{}</coordonnees></contact-formation>\n",
            lignes(o.contact(), 3)
        ));
        x.push_str("<parcours-de-formation>1</parcours-de-formation>\n<code-niveau-entree>0</code-niveau-entree>\n");
        x.push_str(&format!("<action numero=\"{}\">\n", e(&o.id)));
        x.push_str(&format!(
            "<rythme-formation>{}</rythme-formation>\n",
            e(&fit(
                if o.schedule_text.is_empty() {
                    "-"
                } else {
                    &o.schedule_text
                },
                3000
            ))
        ));
        x.push_str("<code-public-vise ref=\"V14\">81013</code-public-vise>\n");
        x.push_str("<niveau-entree-obligatoire>0</niveau-entree-obligatoire>\n<modalites-alternance>-</modalites-alternance>\n");
        let delivery = if o.anywhere && o.communes().is_empty() {
            2
        } else if details::remote(o) {
            1
        } else {
            0
        };
        x.push_str(&format!(
            "<modalites-enseignement>{delivery}</modalites-enseignement>\n"
        ));
        x.push_str("<conditions-specifiques>-</conditions-specifiques>\n<prise-en-charge-frais-possible>0</prise-en-charge-frais-possible>\n");
        if let Some(code) = place {
            x.push_str(&format!(
                "<lieu-de-formation><coordonnees><adresse>{}<codepostal>{}</codepostal><ville>{}</ville><code-INSEE-commune>{}</code-INSEE-commune></adresse></coordonnees></lieu-de-formation>\n",
                lignes(details::get(o, details::ADDRESS).unwrap_or("-"), 4),
                postal_code(refdata, place),
                e(&fit(if town.is_empty() { "-" } else { &town }, 50)),
                e(code)
            ));
        }
        x.push_str("<modalites-entrees-sorties>0</modalites-entrees-sorties>\n");
        x.push_str(&format!(
            "<session><periode><debut>{}</debut><fin>{}</fin></periode><adresse-inscription><adresse><ligne>-</ligne><codepostal>{}</codepostal><ville>-</ville></adresse></adresse-inscription></session>\n",
            lheo_date(o.start),
            lheo_date(o.end),
            postal_code(refdata, place)
        ));
        x.push_str("<extras info=\"relais\">\n");
        for (name, value) in crate::catalogue::export::to_cells(o) {
            if !value.is_empty() {
                x.push_str(&format!(
                    "<extra info=\"{}\">{}</extra>\n",
                    e(&name),
                    e(&value)
                ));
            }
        }
        x.push_str("</extras>\n</action>\n");
        x.push_str(&format!(
            "<organisme-formation-responsable><numero-activite>00000000000</numero-activite><SIRET-organisme-formation><SIRET>{}</SIRET></SIRET-organisme-formation><nom-organisme>{}</nom-organisme><raison-sociale>{}</raison-sociale><coordonnees-organisme><coordonnees><ligne>-</ligne></coordonnees></coordonnees-organisme><contact-organisme><coordonnees><ligne>-</ligne></coordonnees></contact-organisme></organisme-formation-responsable>\n",
            e(details::get(o, details::SIRET).unwrap_or("00000000000000")),
            e(&fit(&o.organisation, 250)),
            e(&fit(&o.organisation, 250))
        ));
        x.push_str("</formation>\n");
    }
    x.push_str("</offres>\n</lheo>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_unknown_days_and_months() {
        let d = |s, end| date(s, end).map(|d| d.map(crate::date::iso));
        assert_eq!(d("20240901", false), Ok(Some("2024-09-01".into())));
        assert_eq!(d("20170900", false), Ok(Some("2017-09-01".into())));
        assert_eq!(d("20170900", true), Ok(Some("2017-09-30".into())));
        assert_eq!(d("20240200", true), Ok(Some("2024-02-29".into())));
        assert_eq!(d("20240000", true), Ok(Some("2024-12-31".into())));
        assert_eq!(d("00000000", false), Ok(None));
        assert!(d("202560212", false).is_err());
        assert!(d("20241341", false).is_err());
    }

    #[test]
    fn the_root_is_sniffed_past_the_declaration() {
        assert!(looks_like(
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- x -->\n<lheo xmlns=\"a\">"
        ));
        assert!(looks_like("<lheo-index xmlns=\"a\">"));
        assert!(!looks_like("<lheox>"));
        assert!(!looks_like("id;organisation"));
    }
}
