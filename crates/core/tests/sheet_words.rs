//! What an association writes in its own spreadsheet, before it knows the codes: dates as a
//! French sheet shows them, départements with their names, types in the field's words. Each
//! row loads as the codes would, and what cannot be read is still refused with its line.

use relais_core::catalogue::{load, Severity};
use relais_core::model::OfferType;
use relais_core::refdata::RefData;
use std::sync::OnceLock;

mod common;

fn rd() -> &'static RefData {
    static RD: OnceLock<RefData> = OnceLock::new();
    RD.get_or_init(|| RefData::bundled().expect("reference data"))
}

#[test]
fn a_sheet_in_the_field_s_own_words_loads_as_codes_would() {
    let csv = "id;organisation;titre;type;milieu;departements;debut;fin\n\
        a;Passerelle;Chantier espaces verts;Atelier chantier d'insertion;dehors;69 - Rhône;15 janvier 2027;30/06/27\n\
        b;Passerelle;Agent de tri;Entreprise d'insertion;dehors;Rhône (69);1er mars 2027;\n\
        c;AFPA;CAP cuisine;Formation qualifiante;dehors;2A - Corse-du-Sud;lundi 4 janvier 2027;25-juin-27\n\
        d;Intérim;Missions;Entreprise de travail temporaire d'insertion;dehors;974;;\n\
        e;Asso;Atelier cuisine;Atelier;dehors;44;;\n\
        f;Asso;Suivi;Accompagnement socio-professionnel;dehors;44;;\n\
        g;Asso;Chantier;Chantier;dehors;44;;\n\
        h;Asso;Date;formation;dehors;44;46027;\n\
        i;Asso;Département;formation;dehors;69 - Isère;;\n";
    let l = load(csv.as_bytes(), "passerelle.csv", rd());
    let offer = |id: &str| l.offers.iter().find(|o| o.id == id);
    let a = offer("a").expect("a");
    assert_eq!(a.kind, OfferType::Aci);
    assert_eq!(a.departements(), vec!["69".to_string()]);
    assert_eq!(
        a.start.map(relais_core::date::iso).as_deref(),
        Some("2027-01-15")
    );
    assert_eq!(
        a.end.map(relais_core::date::iso).as_deref(),
        Some("2027-06-30")
    );
    assert_eq!(offer("b").expect("b").kind, OfferType::Ei);
    let c = offer("c").expect("c");
    assert_eq!(c.kind, OfferType::Formation);
    assert_eq!(c.departements(), vec!["2A".to_string()]);
    assert_eq!(
        c.end.map(relais_core::date::iso).as_deref(),
        Some("2027-06-25")
    );
    assert_eq!(offer("d").expect("d").kind, OfferType::Etti);
    assert_eq!(offer("e").expect("e").kind, OfferType::Atelier);
    assert_eq!(offer("f").expect("f").kind, OfferType::Accompagnement);
    // A word that could be several things is not guessed: the row is refused, with its line.
    let errors: Vec<_> = l
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    for (id, line, says) in [
        ("g", 8, "type inconnu « Chantier »"),
        ("h", 9, "numéro de jour de tableur (le 05/01/2026)"),
        ("i", 10, "département inconnu « 69 - Isère »"),
    ] {
        assert!(offer(id).is_none(), "{id} loads");
        assert!(
            errors
                .iter()
                .any(|p| p.line == line && p.message.contains(says)),
            "{id}: {errors:?}"
        );
    }
}

/// Communes by name, as people type them: « Lyon 7e », a name the row's département narrows,
/// a postal code that serves one commune. Each is read with a warning that names the code to
/// write; a name that still means several communes is refused.
#[test]
fn communes_typed_as_people_say_them_are_read_with_a_warning() {
    let rd = common::refdata();
    let csv = "id;organisation;titre;type;milieu;departements;communes\n\
        a;Asso;T;atelier;dehors;;Lyon 7e\n\
        b;Asso;T;atelier;dehors;93;Saint-Denis\n\
        c;Asso;T;atelier;dehors;;93000\n\
        d;Asso;T;atelier;dehors;;Saint-Denis\n\
        e;Asso;T;atelier;dehors;974;Saint-Denis\n";
    let l = load(csv.as_bytes(), "annuaire.csv", rd);
    let communes = |id: &str| {
        l.offers.iter().find(|o| o.id == id).map(|o| {
            o.communes()
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(communes("a"), Some(vec!["69387".to_string()]));
    assert_eq!(communes("b"), Some(vec!["93066".to_string()]));
    assert_eq!(communes("c"), Some(vec!["93008".to_string()]));
    assert_eq!(communes("e"), Some(vec!["97411".to_string()]));
    assert_eq!(communes("d"), None, "Saint-Denis alone is several communes");
    for line in [2, 3, 4, 6] {
        assert!(
            l.problems.iter().any(|p| p.line == line
                && p.severity == Severity::Warning
                && p.message.contains("écrire ce code INSEE")),
            "line {line}: {:?}",
            l.problems
        );
    }
    assert!(l
        .problems
        .iter()
        .any(|p| p.line == 5 && p.severity == Severity::Error));
}

/// An establishment written as people name it: an exact name, town or administration label
/// loads; a name close to one (« Maison d'arrêt de Nantes » for the Centre pénitentiaire de
/// Nantes, « Fleury ») is refused with the establishment it may mean, not guessed.
#[test]
fn an_establishment_by_a_near_name_is_refused_with_what_it_may_mean() {
    let csv = "id;organisation;titre;type;milieu;etablissements\n\
        a;Asso;T;atelier;dedans;CP FRESNES\n\
        b;Asso;T;atelier;dedans;Centre pénitentiaire de Fleury-Mérogis\n\
        c;Asso;T;atelier;dedans;Maison d'arrêt de Nantes\n\
        d;Asso;T;atelier;dedans;Fleury\n\
        e;Asso;T;atelier;dedans;Prison imaginaire\n";
    let l = load(csv.as_bytes(), "ateliers.csv", rd());
    let ids: Vec<&str> = l.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    let error = |line: usize| {
        l.problems
            .iter()
            .find(|p| p.line == line && p.severity == Severity::Error)
            .map(|p| p.message.clone())
            .unwrap_or_default()
    };
    assert!(
        error(4).contains("peut-être : Centre pénitentiaire de Nantes (nantes)"),
        "{}",
        error(4)
    );
    assert!(error(5).contains("(fleury-merogis)"), "{}", error(5));
    assert!(!error(6).contains("peut-être"), "{}", error(6));
}

mod never_a_panic {
    use super::rd;
    use proptest::prelude::*;
    use relais_core::model::Profile;

    proptest! {
        /// Any cell a sheet may hold, through the readers of this file: a value or `None`, never
        /// a panic (dates, départements, communes, establishments, types).
        #[test]
        fn any_text_in_a_date_or_place_cell(s in "[0-9a-zA-Zéèûô()\\-–.,:/' ]{0,30}") {
            let _ = relais_core::date::parse(&s);
            let _ = relais_core::date::why_impossible(&s);
            let _ = rd().resolve_departement(&s);
            let _ = rd().establishment_hints(&s);
            let csv = format!("id;organisation;titre;type;milieu;departements;communes;debut;etablissements\nx;A;B;{s};dehors;{s};{s};{s};{s}\n");
            let _ = relais_core::catalogue::load(csv.as_bytes(), "x.csv", rd());
        }

        /// Any text as a profile file: a profile or a message, never a panic.
        #[test]
        fn any_text_as_a_profile(s in "[{}\\[\\]\":, a-z0-9\n]{0,60}") {
            let _ = Profile::from_json(&s);
            let with_list = format!("{{\"situation\": \"dehors\", \"banned_places\": {s}}}");
            let _ = Profile::from_json(&with_list);
        }
    }
}

/// A person *dedans* whose expected release date has passed on the day of the matching: a typo
/// in the year, or a release that happened. Said, with the date; not said before that day.
#[test]
fn a_release_date_already_past_is_said() {
    use relais_core::validation::Issue;
    let p = relais_core::model::Profile::from_json(
        r#"{"situation":"dedans","establishment":"nantes","release_date":"2026-06-01"}"#,
    )
    .expect("profile");
    let day = |s: &str| relais_core::date::parse(s).expect("date");
    let past = p.problems_on(rd(), day("2026-12-01"));
    let said: Vec<String> = past
        .iter()
        .filter(|x| matches!(x.issue, Issue::ReleaseDatePast { .. }))
        .map(|x| x.fr(rd()))
        .collect();
    assert_eq!(said.len(), 1, "{past:?}");
    assert!(said[0].contains("déjà passée (01/06/2026)"), "{}", said[0]);
    assert!(!p
        .problems_on(rd(), day("2026-05-31"))
        .iter()
        .any(|x| matches!(x.issue, Issue::ReleaseDatePast { .. })));
    // The profile's own day wins over the machine's.
    let mut q = p.clone();
    q.today = Some(day("2026-01-01"));
    assert!(!q
        .problems_on(rd(), day("2026-12-01"))
        .iter()
        .any(|x| matches!(x.issue, Issue::ReleaseDatePast { .. })));
}

/// More of an association's words: a session announced by its month, seats counted in words,
/// « Non » for no record asked, a regulated activity in words. « Oui » for the record is
/// refused with what to write: it does not say which bulletin.
#[test]
fn months_seats_record_and_activities_in_words() {
    let csv = "id;organisation;titre;type;milieu;departements;debut;fin;places;casier;activites_reglementees\n\
        a;Jardins;Maraîchage;aci;dehors;69;janvier 2027;décembre 2027;10 places;Non;\n\
        b;Café;Service;ei;dehors;69;02/2027;2027-02;8 stagiaires;pas de casier;débit de boissons\n\
        c;Crèche;Accueil;emploi;dehors;69;;;;b2;Enfants et personnes âgées\n\
        d;Sécurité;Vigile;emploi;dehors;69;;;;Oui;gardiennage\n";
    let l = load(csv.as_bytes(), "jardins.csv", rd());
    let offer = |id: &str| l.offers.iter().find(|o| o.id == id);
    let a = offer("a").expect("a");
    let iso = |d: Option<time::Date>| d.map(relais_core::date::iso);
    assert_eq!(iso(a.start).as_deref(), Some("2027-01-01"));
    assert_eq!(iso(a.end).as_deref(), Some("2027-12-31"));
    assert_eq!(a.seats, Some(10));
    assert_eq!(a.record, Some(relais_core::model::RecordRequirement::Aucun));
    let b = offer("b").expect("b");
    assert_eq!(iso(b.start).as_deref(), Some("2027-02-01"));
    assert_eq!(iso(b.end).as_deref(), Some("2027-02-28"));
    assert_eq!(b.seats, Some(8));
    assert_eq!(b.regulated(), ["debits_boissons"]);
    let c = offer("c").expect("c");
    assert_eq!(c.regulated(), ["mineurs", "personnes_vulnerables"]);
    // Each reading is said, as a warning on its cell.
    assert!(l.problems.iter().any(|p| p.severity == Severity::Warning
        && p.message
            .contains("« janvier 2027 » lu comme le 01/01/2027")));
    assert!(l.problems.iter().any(
        |p| p.severity == Severity::Warning && p.message.contains("lue comme debits_boissons")
    ));
    assert!(offer("d").is_none());
    assert!(l
        .problems
        .iter()
        .any(|p| p.line == 5 && p.message.contains("dire quel bulletin")));
}
