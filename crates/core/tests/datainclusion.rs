//! data·inclusion both ways: an association publishes its catalogue to the national ecosystem,
//! or starts from an export of it.

use relais_core::catalogue::{load, Severity};
use relais_core::datainclusion::{to_services, PUBLIC};
use relais_core::date;
use relais_core::refdata::SEED_CATALOGUE;

mod common;
use common::refdata as rd;

fn today() -> time::Date {
    date::parse("2026-11-23").expect("date")
}

#[test]
fn exported_services_follow_the_schema_fields_relais_is_asked_for() {
    let rd = rd();
    let offers = load(SEED_CATALOGUE.as_bytes(), "data/catalogue.csv", rd).offers;
    let services = to_services(&offers, "asso-exemple", today());
    let list = services.as_array().expect("array");
    assert_eq!(list.len(), offers.len());
    let required = [
        "source",
        "structure_id",
        "id",
        "nom",
        "description",
        "date_maj",
    ];
    for s in list {
        for k in required {
            assert!(
                s[k].as_str().is_some_and(|v| !v.is_empty()),
                "{k} missing in {s}"
            );
        }
        assert_eq!(s["publics"][0], PUBLIC);
        assert!(
            ["formation", "atelier", "accompagnement"].contains(&s["type"].as_str().unwrap_or(""))
        );
        if let Some(z) = s["zone_eligibilite"].as_array() {
            for code in z {
                let c = code.as_str().unwrap_or("");
                assert!(
                    c == "france" || (2..=3).contains(&c.len()) || c.len() == 5,
                    "{c}"
                );
            }
        }
        assert!(date::parse(s["date_maj"].as_str().unwrap_or("")).is_some());
    }
    let nantes = list
        .iter()
        .find(|s| s["relais"]["departements"] == "44" && s["code_insee"] == "44109")
        .expect("an offer in Nantes");
    assert!(nantes["zone_eligibilite"]
        .as_array()
        .expect("zone")
        .iter()
        .any(|c| c == "44109"));
    let hours = list
        .iter()
        .find_map(|s| s["horaires_accueil"].as_str())
        .expect("some hours");
    assert!(
        relais_core::schedule::Schedule::parse(hours).is_ok(),
        "{hours}"
    );
}

#[test]
fn a_round_trip_keeps_every_field_relais_uses() {
    let rd = rd();
    let offers = load(SEED_CATALOGUE.as_bytes(), "data/catalogue.csv", rd).offers;
    let json = serde_json::to_string(&to_services(&offers, "asso", today())).expect("json");
    let back = load(json.as_bytes(), "services.json", rd);
    assert!(
        back.problems.iter().all(|p| p.severity != Severity::Error),
        "{:?}",
        back.problems
    );
    assert_eq!(back.offers.len(), offers.len());
    for (a, b) in offers.iter().zip(&back.offers) {
        let mut a = a.clone();
        a.line = b.line;
        assert_eq!(&a, b);
    }
}

#[test]
fn a_plain_data_inclusion_export_is_read_with_what_can_be_derived() {
    let json = r#"[
      {"source": "dora", "structure_id": "dora--42", "id": "dora--s1", "nom": "Accompagnement vers l'emploi",
       "description": "Un conseiller accompagne…", "date_maj": "2026-09-01", "type": "accompagnement",
       "publics": ["personnes-en-situation-juridique-specifique"], "zone_eligibilite": ["44", "85"],
       "horaires_accueil": "Mo-Fr 09:00-17:00; PH off", "courriel": "contact@example.org"},
      {"source": "dora", "structure_id": "dora--43", "id": "dora--s2", "nom": "Atelier numérique",
       "description": "…", "date_maj": "2026-09-01", "type": "atelier", "zone_eligibilite": ["200046977"], "code_insee": "69123"},
      {"source": "dora", "structure_id": "dora--44", "id": "dora--s3", "nom": "Formation à distance",
       "description": "…", "date_maj": "2026-09-01", "type": "formation", "modes_accueil": ["a-distance"], "zone_eligibilite": ["france"]}
    ]"#;
    let l = load(json.as_bytes(), "dora.json", rd());
    assert_eq!(l.offers.len(), 3, "{:?}", l.problems);
    let s1 = &l.offers[0];
    assert_eq!(s1.id, "s1");
    assert_eq!(s1.departements(), vec!["44", "85"]);
    assert!(s1.schedule.is_some());
    assert_eq!(s1.contact(), "contact@example.org");
    assert_eq!(l.offers[1].communes(), vec!["69123"]);
    assert!(l.offers[2].anywhere);
    assert!(
        l.problems.iter().any(|p| p.message.contains("200046977")),
        "EPCI zone reported"
    );
    assert!(
        l.problems.iter().any(|p| p.message.contains("dehors")),
        "the default milieu is said"
    );
}

#[test]
fn a_data_inclusion_csv_export_is_recognised() {
    let csv = "source;structure_id;id;nom;description;date_maj;type;zone_eligibilite;horaires_accueil\n\
               dora;dora--1;dora--a;Aide à la recherche d'emploi;…;2026-10-01;accompagnement;\"93,94\";Mo-Fr 09:00-12:00\n\
               dora;dora--1;dora--b;Sans date;…;pas une date;accompagnement;75;\n";
    let l = load(csv.as_bytes(), "dora.csv", rd());
    assert_eq!(l.offers.len(), 2);
    assert_eq!(l.offers[0].departements(), vec!["93", "94"]);
    let bad = l
        .problems
        .iter()
        .find(|p| p.field.as_deref() == Some("date_maj") && p.severity == Severity::Error)
        .expect("bad date reported");
    assert_eq!(bad.line, 3, "line of the CSV");
}

/// Every public of the data·inclusion schema (v1 `publics` and v0 `profils`, as published in
/// `../shared/data/data-inclusion/`) is said in words, never as its code: a counsellor read
/// « demandeurs demploi » on real Réunion services.
#[test]
fn every_public_of_the_schema_has_words() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/data-inclusion"
    );
    for file in ["publics.json", "v0-deprecated/profils.json"] {
        let text = std::fs::read_to_string(format!("{dir}/{file}"))
            .unwrap_or_else(|e| panic!("{dir}/{file}: {e} (CI has ../shared beside the clone)"));
        let list: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json");
        assert!(list.len() > 10, "{file}");
        for v in list {
            let code = v["value"].as_str().expect("value");
            assert!(
                relais_core::details::PUBLIC_LABELS
                    .iter()
                    .any(|(c, fr, en)| *c == code && !fr.is_empty() && !en.is_empty()),
                "{file}: « {code} » has no words in details::PUBLIC_LABELS"
            );
        }
    }
}

/// A service of the v0 schema for « sortants de détention » is for the person: no warning.
#[test]
fn a_service_for_people_leaving_prison_fits_without_a_public_warning() {
    let json = r#"[{"id":"s1","nom":"Accompagnement sortants","structure_id":"x","source":"test",
        "code_insee":"69387","profils":["sortants-de-detention","femmes"]},
        {"id":"s2","nom":"Accueil femmes","structure_id":"x","source":"test",
        "code_insee":"69387","profils":["femmes","demandeurs-demploi"]}]"#;
    let loaded = load(json.as_bytes(), "di.json", rd());
    assert_eq!(loaded.offers.len(), 2, "{:?}", loaded.problems);
    let p = common::profile(r#"{"situation":"dehors","residence_commune":"69387"}"#);
    let r = relais_core::matching::match_profile(
        &p,
        &loaded.offers,
        rd(),
        date::parse("2026-11-30").expect("date"),
    );
    let public = |id: &str| {
        r.now
            .fits
            .iter()
            .find(|f| f.id == id)
            .map(|f| {
                f.warnings
                    .iter()
                    .filter(|w| w.rule().code() == "public")
                    .count()
            })
            .unwrap_or_else(|| panic!("{id} fits: {r:?}"))
    };
    assert_eq!(public("s1"), 0);
    assert_eq!(public("s2"), 1);
    let w = relais_core::details::public_label("demandeurs-demploi", relais_core::lang::Lang::Fr);
    assert_eq!(w, "demandeurs d'emploi");
}

/// A list at the top is read as a stream, entry by entry; the same services wrapped in an
/// object are read whole. Both give the same offers and the same problems (real Réunion
/// export: 2,705 services, more than the entries looked at to tell the format).
#[test]
fn a_streamed_list_reads_as_the_same_list_read_whole() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/external/di_services_export_reunion_offre_inclusion.json"
    );
    let text = std::fs::read_to_string(path).expect("../shared beside the clone");
    let streamed = load(text.as_bytes(), "reunion.json", rd());
    let wrapped = format!("{{\"reunion\": {text}}}");
    let whole = load(wrapped.as_bytes(), "reunion.json", rd());
    assert!(streamed.offers.len() > 2_000, "{}", streamed.offers.len());
    assert_eq!(streamed.offers, whole.offers);
    let said = |l: &relais_core::catalogue::Loaded| {
        l.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(said(&streamed), said(&whole));
    // A plain Relais list longer than the sniffed entries, with a duplicate key in one entry.
    let mut entries: Vec<String> = (0..40)
        .map(|i| format!(r#"{{"id":"o{i}","organisation":"A","titre":"T","type":"formation","milieu":"dehors","departements":"44"}}"#))
        .collect();
    entries[20] = r#"{"id":"o20","organisation":"A","titre":"T","type":"formation","milieu":"dehors","departements":"44","departements":"75"}"#.into();
    let l = load(
        format!("[{}]", entries.join(",\n")).as_bytes(),
        "list.json",
        rd(),
    );
    assert_eq!(l.offers.len(), 39);
    assert!(l
        .problems
        .iter()
        .any(|p| p.line == 21 && p.severity == Severity::Error));
}

/// The schema's two ways of saying « eligible everywhere in France »: `france` and the code pays
/// `99100`. Neither is a zone that excludes anyone, and neither is reported as unread; a foreign
/// country's code is.
#[test]
fn the_code_pays_of_france_is_all_of_france() {
    let json = r#"[
      {"source": "dora", "structure_id": "dora--1", "structure_name": "Asso", "id": "dora--a", "nom": "Aide administrative",
       "date_maj": "2026-09-01", "type": "accompagnement", "zone_eligibilite": ["99100"], "code_insee": "93066"},
      {"source": "dora", "structure_id": "dora--1", "structure_name": "Asso", "id": "dora--b", "nom": "Permanence",
       "date_maj": "2026-09-01", "type": "accompagnement", "zone_eligibilite": ["France"], "code_insee": "93066"},
      {"source": "dora", "structure_id": "dora--1", "structure_name": "Asso", "id": "dora--c", "nom": "Ailleurs",
       "date_maj": "2026-09-01", "type": "accompagnement", "zone_eligibilite": ["99134"], "code_insee": "93066"}
    ]"#;
    let l = load(json.as_bytes(), "dora.json", rd());
    assert_eq!(l.offers.len(), 3, "{:?}", l.problems);
    for o in &l.offers[..2] {
        assert!(
            o.zone_eligibilite().is_empty(),
            "{}: {:?}",
            o.id,
            o.zone_eligibilite()
        );
        assert_eq!(o.communes(), vec!["93066"]);
    }
    assert!(!l.problems.iter().any(|p| p.message.contains("99100")));
    assert!(!l.problems.iter().any(|p| p.message.contains("« France »")));
    assert!(l.problems.iter().any(|p| p.message.contains("99134")));
    // A person living anywhere is not excluded by the zone.
    let p = relais_core::model::Profile::from_json(
        r#"{"situation":"dehors","residence_departement":"13"}"#,
    )
    .expect("profile");
    let r = relais_core::matching::match_profile(
        &p,
        &l.offers,
        rd(),
        relais_core::date::parse("2026-12-01").expect("date"),
    );
    for x in &r.now.excluded {
        assert!(
            !x.rules
                .iter()
                .any(|e| e.rule() == relais_core::matching::Rule::Zone),
            "{x:?}"
        );
    }
}
