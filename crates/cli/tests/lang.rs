//! `relais match --lang en`: no French sentence left. Three profiles against a catalogue made
//! so that every rule, warning and score factor of the core shows up (and « Plus loin » and
//! « possible à partir du »); the test fails if one is missing, so it cannot pass on an empty
//! result.
//!
//! Names are told apart from sentences by what the data carries: the names of places,
//! establishments and ROME jobs of the reference data, the vocabulary's English labels (some
//! keep a French legal term in brackets), the test offers' titles, organisations and skills,
//! and what the renderer quotes as written (“…”) are taken out before looking for French
//! letters and words (`crates/core/tests/common/french.rs`).

mod common;
use common::relais;
use relais_core::matching::{Factor, Rule, WarningKind};
use relais_core::refdata::RefData;
use serde_json::Value;
use std::collections::BTreeSet;

#[path = "../../core/tests/common/french.rs"]
mod french;

const HEADER: &str = "id;organisation;titre;type;milieu;etablissements;departements;communes;secteurs;competences;mesures;horaires;activites_reglementees;casier;prerequis;debut;fin;places;date_maj;suite;contact;description";

/// Each row triggers what its id says, for the profiles below.
const ROWS: &[&str] = &[
    "banned-place;Org A;Offer one;aci;dehors;;69;69387;;;;;;;;;;4;2026-11-01;;;",
    "elsewhere;Org A;Offer two;aci;dehors;;69;69387,69266;;;;;;;;;;4;2026-11-01;;;",
    "department-only;Org A;Offer three;aci;dehors;;69;;;;;lun-ven 09:00-12:00;;;;;;4;2026-11-01;;;",
    "activity;Org B;Offer four;emploi;dehors;;69;69266;;;;lun-ven 09:00-12:00;mineurs;;;;;4;2026-11-01;;;",
    "curfew;Org B;Offer five;emploi;dehors;;69;69266;;;;lun-ven 18:00-23:00;;;;;;4;2026-11-01;;;",
    "no-hours;Org B;Offer six;emploi;dehors;;69;69266;;;;;;;;;;4;2026-11-01;;;",
    "partly;Org B;Offer seven;emploi;dehors;;69;69266;;;;lun-ven 09:00-12:00, le soir;;;;;;4;2026-11-01;;;",
    "measure;Org C;Offer eight;tig;dehors;;69;69266;;;ddse;lun-ven 09:00-12:00;;;;;;4;2026-11-01;;;",
    "record;Org C;Offer nine;emploi;dehors;;69;69266;;;;lun-ven 09:00-12:00;;b2_vierge;;;;4;2026-11-01;;;",
    "bulletin-2;Org C;Offer ten;emploi;dehors;;69;69266;;;;lun-ven 09:00-12:00;;b2;;;;4;2026-11-01;;;",
    "bulletin-3;Org C;Offer eleven;emploi;dehors;;69;69266;;;;lun-ven 09:00-12:00;;b3;;;;4;2026-11-01;;;",
    "ended;Org D;Offer twelve;formation;dehors;;69;69266;;;;;;;;2025-09-01;2026-01-01;4;2026-11-01;;;",
    "inside;Org D;Offer thirteen;atelier;dedans;fleury-merogis;;;;;;;;;;;;4;2026-11-01;continued;;",
    "prerequisite;Org E;Offer fourteen;emploi;dehors;;69;69266;G1602;cuisine;;lun-ven 09:00-12:00;;;permis_b;;;;2026-11-01;;;",
    "full-and-old;Org E;Offer fifteen;emploi;dehors;;69;69266;G1603;;;lun-ven 09:00-12:00;;;;;;0;2025-01-01;;;",
    "far;Org F;Offer sixteen;emploi;dehors;;13;13055;;;;lun-ven 09:00-12:00;;;;;;4;2026-11-01;;;",
    "training;Org F;Offer seventeen;formation;dehors;;69;69266;;;;lun-ven 09:00-12:00;;;;2027-01-10;2027-06-30;4;2026-11-01;;;",
    "remote;Org F;Offer eighteen;formation;dehors;;*;;;;;;;;;;;4;2026-11-01;;;",
    "other-prison;Org G;Offer nineteen;atelier;dedans;bedenac;;;;;;;;;;;;4;2026-11-01;;;",
    "continued;Org G;Offer twenty;aci;dehors;;91;91228;;;;lun-ven 09:00-12:00;;;;;;4;2026-11-01;;;",
];

/// data·inclusion services: the eligibility zone and the publics are read from this format.
const SERVICES: &str = r#"[
 {"id":"zone-13","nom":"Service zone","structure_id":"x","source":"test","code_insee":"69266",
  "zone_eligibilite":["13"],"date_maj":"2026-11-01","description":"Service"},
 {"id":"zone-91","nom":"Service Essonne","structure_id":"x","source":"test","code_insee":"91228",
  "zone_eligibilite":["91228"],"date_maj":"2026-11-01","description":"Service"},
 {"id":"public","nom":"Service public","structure_id":"x","source":"test","code_insee":"69266",
  "publics":["personnes-exilees"],"date_maj":"2026-11-01","description":"Service"}
]"#;

const PROFILES: &[&str] = &[
    // Outside, in Villeurbanne, with every court decision.
    r#"{"situation":"dehors","residence_commune":"69266","residence_departement":"69","radius_km":30,
        "measures":["tig"],"banned_places":["69123","13201"],"banned_activities":["mineurs"],
        "banned_activities_until":"2027-06-01","curfew":"lun-ven 20:00-06:00",
        "record":{"b2":true},"obligations":["formation"],"skills":["cuisine"],"sectors":["G1602"]}"#,
    // Inside at Fleury-Mérogis, released to the Essonne on a day not known yet.
    r#"{"situation":"dedans","establishment":"fleury-merogis","release_departement":"91"}"#,
    // Outside, only the département known.
    r#"{"situation":"dehors","residence_departement":"69","sectors":["G16"]}"#,
];

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("relais-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Everything that is a name, not a sentence.
fn names(rd: &RefData) -> Vec<String> {
    let mut n: Vec<String> = Vec::new();
    n.extend(rd.departements.iter().map(|d| d.name.clone()));
    n.extend(rd.establishments.iter().map(|e| e.name.clone()));
    n.extend(rd.rome_jobs.iter().map(|j| j.label.clone()));
    n.extend(rd.rome_domains.iter().map(|(_, l)| l.clone()));
    n.extend(rd.vocabulary.iter().map(|t| t.en.clone()));
    for code in [
        "69387", "69266", "69123", "69383", "13055", "13201", "91228", "69388",
    ] {
        if let Some(c) = rd.commune(code) {
            n.push(c.name.clone());
        }
    }
    for d in &rd.departements {
        if let Some(c) = rd.commune(&d.cheflieu) {
            n.push(c.name.clone());
        }
    }
    for row in ROWS {
        let f: Vec<&str> = row.split(';').collect();
        n.push(f[1].to_string());
        n.push(f[2].to_string());
        n.extend(f[9].split(',').map(str::to_string));
    }
    n.extend(["Service zone", "Service Essonne", "Service public", "test"].map(String::from));
    n
}

fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("text", Value::String(s)) => out.push(s.clone()),
                    _ => texts(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        _ => {}
    }
}

/// The codes (`rule`, `factor`) of a result, and whether it has « Plus loin » and
/// `possible_from`.
fn codes(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("rule" | "factor", Value::String(s)) => {
                        out.insert(format!("{k}:{s}"));
                    }
                    ("beyond", Value::Array(a)) if !a.is_empty() => {
                        out.insert("beyond".into());
                    }
                    ("possible_from", Value::String(_)) => {
                        out.insert("possible_from".into());
                    }
                    _ => {}
                }
                codes(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| codes(x, out)),
        _ => {}
    }
}

#[test]
fn lang_en_leaves_no_french_sentence_and_every_rule_warning_and_factor_is_seen() {
    let dir = temp_dir();
    let csv = dir.join("catalogue.csv");
    std::fs::write(&csv, format!("{HEADER}\n{}\n", ROWS.join("\n"))).expect("write");
    let services = dir.join("services.json");
    std::fs::write(&services, SERVICES).expect("write");
    let rd = RefData::bundled()
        .expect("bundled")
        .with_places(include_str!("../../../data/communes.csv"))
        .expect("communes");
    let names = names(&rd);
    let mut seen = BTreeSet::new();
    let mut french = Vec::new();
    let mut count = 0;
    for (i, profile) in PROFILES.iter().enumerate() {
        let p = dir.join(format!("profile-{i}.json"));
        std::fs::write(&p, profile).expect("write");
        let base = [
            "match",
            "--profile",
            p.to_str().expect("path"),
            "--catalogue",
            csv.to_str().expect("path"),
            "--catalogue",
            services.to_str().expect("path"),
            "--today",
            "2026-11-23",
            "--lang",
            "en",
        ];
        let (code, out, err) = relais(&[&base[..], &["--json"]].concat());
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).expect("JSON");
        codes(&v, &mut seen);
        let mut all = Vec::new();
        texts(&v, &mut all);
        for t in &all {
            count += 1;
            let f = french::french_in(t, &names);
            if !f.is_empty() {
                french.push(format!("profile {i}: {t}  ← {}", f.join(" ")));
            }
        }
        // The human-readable output too: its headings and its lines.
        let (code, out, err) = relais(&base);
        assert_eq!(code, 0, "{err}");
        for line in out.lines() {
            let f = french::french_in(line, &names);
            if !f.is_empty() {
                french.push(format!("profile {i}, printed: {line}  ← {}", f.join(" ")));
            }
        }
    }
    assert!(count > 50, "{count} sentences");
    assert!(french.is_empty(), "French left:\n{}", french.join("\n"));
    let mut missing = Vec::new();
    for r in Rule::ALL {
        missing.push(format!("rule:{r}"));
    }
    for w in WarningKind::ALL {
        missing.push(format!("rule:{w}"));
    }
    for f in Factor::ALL {
        missing.push(format!("factor:{f}"));
    }
    missing.extend(["beyond".to_string(), "possible_from".to_string()]);
    missing.retain(|c| !seen.contains(c));
    assert!(
        missing.is_empty(),
        "not triggered: {missing:?} (seen {seen:?})"
    );
}

#[test]
fn lang_fr_is_the_default_and_an_unknown_language_is_refused() {
    let args = [
        "match",
        "--profile",
        "docs/examples/dehors-ddse.json",
        "--today",
        "2026-11-23",
        "--json",
    ];
    let (_, default, _) = relais(&args);
    let (_, fr, _) = relais(&[&args[..], &["--lang", "fr"]].concat());
    assert_eq!(default, fr);
    assert!(fr.contains("Interdiction de paraître"), "{fr}");
    let (code, _, err) = relais(&[&args[..], &["--lang", "de"]].concat());
    assert_ne!(code, 0);
    assert!(err.contains("--lang"), "{err}");
}

/// What `relais match --lang en` says about the profile itself on stderr (places and jobs
/// read from words, problems) is English too; the catalogue's own problems stay French (the
/// loader's report, documented in docs/formats.md).
#[test]
fn lang_en_says_what_was_read_in_the_profile_in_english() {
    let dir = temp_dir();
    let p = dir.join("by-hand.json");
    std::fs::write(
        &p,
        r#"{"situation":"dedans","establishment":"Maison de nulle part","banned_places":["Lyon","Saint-Denis","Lyyon-sur-Rien"],"release_departement":"Rhône","release_commune":"Villeurbanne","curfew":"tous les soirs","sectors":["cariste","boulanger","Q9999"],"banned_activities":["jonglage"]}"#,
    )
    .expect("write");
    let path = p.to_str().expect("path");
    let (code, _, err) = relais(&[
        "match",
        "--profile",
        path,
        "--today",
        "2026-11-23",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    let rd = RefData::bundled()
        .expect("bundled")
        .with_places(include_str!("../../../data/communes.csv"))
        .expect("communes");
    let mut names = names(&rd);
    names.extend(
        rd.communes
            .iter()
            .filter(|c| c.name.starts_with("Saint-Denis"))
            .map(|c| c.name.clone()),
    );
    // ROME codes (the CLI names the code it read) and the everyday job titles are names too.
    names.extend(rd.rome_jobs.iter().map(|j| j.code.clone()));
    names.extend(
        include_str!("../../../data/rome-appellations.csv")
            .lines()
            .filter_map(|l| l.split(';').next())
            .map(str::to_string),
    );
    let about_profile: Vec<&str> = err.lines().filter(|l| l.starts_with(path)).collect();
    assert!(about_profile.len() >= 8, "{err}");
    let french: Vec<String> = about_profile
        .iter()
        .filter_map(|l| {
            let f = french::french_in(l.trim_start_matches(path), &names);
            (!f.is_empty()).then(|| format!("{l}  ← {}", f.join(" ")))
        })
        .collect();
    assert!(french.is_empty(), "French left:\n{}", french.join("\n"));
}
