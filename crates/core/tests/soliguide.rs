//! A real Soliguide export (`../shared/data/external/soliguide_lieux_test_dump.json`, the
//! `lieux` of Soliguide's test database; SOURCES.md §3 there) read as a catalogue: every
//! place accounted for, places in their commune, hours, contacts and publics kept.

use relais_core::{catalogue::load, catalogue::Severity, refdata::RefData};
use std::path::PathBuf;
use std::sync::OnceLock;

fn rd() -> &'static RefData {
    static RD: OnceLock<RefData> = OnceLock::new();
    RD.get_or_init(|| {
        RefData::bundled()
            .and_then(|rd| rd.with_places(include_str!("../../../data/communes.csv")))
            .unwrap_or_else(|e| panic!("reference data: {e}"))
    })
}

fn external(name: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/external"
    ))
    .join(name);
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) => {
            eprintln!(
                "skipped: {} not readable ({e}); CI has ../shared beside the clone",
                path.display()
            );
            None
        }
    }
}

#[test]
fn the_real_soliguide_dump_loads_place_by_place() {
    let Some(bytes) = external("soliguide_lieux_test_dump.json") else {
        return;
    };
    let loaded = load(&bytes, "soliguide.json", rd());
    let errors: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    let warnings = loaded.problems.len() - errors.len();
    println!(
        "soliguide: 142 entries, {} offers, {} errors, {warnings} warnings",
        loaded.offers.len(),
        errors.len()
    );
    for p in &loaded.problems {
        println!("  {p}");
    }
    // 3 places offline and 1 closed for good are reported, not loaded; the other 138 load.
    let not_loaded = loaded
        .problems
        .iter()
        .filter(|p| p.message.contains("non chargé"))
        .count();
    assert_eq!(not_loaded, 4);
    assert_eq!(
        loaded.offers.len() + not_loaded + errors.len(),
        142,
        "every place accounted for"
    );
    assert!(loaded.offers.len() >= 130, "{} offers", loaded.offers.len());

    // A Cocagne garden in Blois: in its commune, with its phone as published, as a support
    // structure (no service described) and the draft status kept.
    let blois = loaded
        .offers
        .iter()
        .find(|o| o.organisation.contains("JARDIN DE COCAGNE DE B"))
        .expect("the Blois garden");
    assert_eq!(blois.communes(), vec!["41018".to_string()]);
    assert_eq!(blois.departements(), vec!["41".to_string()]);
    assert!(
        blois.contact().contains("01 00 00 00 00"),
        "{}",
        blois.contact()
    );
    assert!(
        blois.contact().contains("rue de Bas Rivière"),
        "{}",
        blois.contact()
    );
    assert_eq!(
        blois.extra.get("soliguide_statut").map(String::as_str),
        Some("DRAFT")
    );

    // Places open every day, all day, read as such; none left unread.
    let open_all_week = loaded
        .offers
        .iter()
        .filter(|o| o.schedule_text.contains("Mo 00:00-24:00"))
        .count();
    assert!(open_all_week > 0);
    assert!(loaded
        .offers
        .iter()
        .all(|o| o.schedule_text.is_empty() || o.schedule.is_some()));

    // Publics: the places that welcome people leaving prison say so.
    let prison = loaded
        .offers
        .iter()
        .filter(|o| {
            o.extra
                .get("soliguide_publics")
                .is_some_and(|p| p.split(',').any(|x| x == "prison"))
        })
        .count();
    assert_eq!(prison, 29, "33 places list `prison`, 4 of them not loaded");

    // HTML descriptions kept as text: no tag reaches the offer.
    assert!(loaded
        .offers
        .iter()
        .all(|o| !o.description().contains("<p>")));
}

/// A town under a former name (« Capavenir Vosges », Thaon-les-Vosges again since 2024) whose
/// postal code holds six communes: placed by its coordinates in the nearest one, and said so.
#[test]
fn a_town_under_a_former_name_is_placed_by_its_coordinates() {
    let Some(bytes) = external("soliguide_lieux_test_dump.json") else {
        return;
    };
    let loaded = load(&bytes, "soliguide.json", rd());
    let said = loaded
        .problems
        .iter()
        .find(|p| p.message.contains("Capavenir Vosges"))
        .expect("the former name is reported");
    assert!(said.message.contains("Thaon-les-Vosges (88465)"), "{said}");
    let placed = loaded
        .offers
        .iter()
        .find(|o| o.line == said.line)
        .expect("the place is loaded");
    assert_eq!(placed.communes(), vec!["88465".to_string()]);
}

/// An address that contradicts itself: « REMIRE MONTJOLY » (a commune of Guyane) with the
/// postal code and département of Mayotte. The place stays in the département given, and the
/// warning names the commune the name belongs to, not « non trouvée ».
#[test]
fn a_town_named_in_another_departement_is_said_so() {
    let Some(bytes) = external("soliguide_lieux_test_dump.json") else {
        return;
    };
    let loaded = load(&bytes, "soliguide.json", rd());
    let said = loaded
        .problems
        .iter()
        .find(|p| p.message.contains("REMIRE MONTJOLY"))
        .expect("reported");
    assert!(
        said.message
            .contains("Remire-Montjoly (97309), dans le département 973")
            && said
                .message
                .contains("placé dans le département 976 seulement"),
        "{said}"
    );
    let placed = loaded
        .offers
        .iter()
        .find(|o| o.line == said.line)
        .expect("loaded");
    assert_eq!(placed.departements(), ["976"]);
}

/// Coordinates far from every commune of the postal code, or between two of them, place
/// nothing: the département only, as before.
#[test]
fn coordinates_that_do_not_tell_a_commune_apart_place_nothing() {
    let entry = |lon: f64, lat: f64| {
        format!(
            r#"[{{"lieu_id": 1, "name": "Accueil", "status": "ONLINE", "position": {{"codePostal": "88150", "ville": "Ailleurs", "departementCode": "88", "location": {{"type": "Point", "coordinates": [{lon}, {lat}]}}}}, "services_all": []}}]"#
        )
    };
    for (lon, lat) in [(2.35, 48.85), (6.425, 48.24)] {
        let loaded = load(entry(lon, lat).as_bytes(), "soliguide.json", rd());
        assert_eq!(loaded.offers.len(), 1, "{:#?}", loaded.problems);
        for o in &loaded.offers {
            assert!(o.communes().is_empty(), "{lon} {lat}: {:?}", o.communes());
            assert_eq!(o.departements(), vec!["88".to_string()]);
        }
    }
}
