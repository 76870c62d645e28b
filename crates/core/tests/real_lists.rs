//! The national lists of les emplois de l'inclusion (`../shared/data/external`, SOURCES.md §3
//! there) read through the mappings shipped in `data/mappings/`: how many rows load, why the
//! others do not, and a few facts checked by hand against the files.

use relais_core::catalogue::load_mapped;
use relais_core::{
    catalogue::Loaded, catalogue::Severity, mapping, model::Offer, model::OfferType,
    refdata::RefData,
};
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

/// The list read through its mapping, or `None` (printed) when ../shared is absent.
fn load_list(file: &str, mapping_file: &str) -> Option<Loaded> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let path = root.join("../shared/data/external").join(file);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "SKIPPED: {} ({e}); CI has ../shared beside the clone",
                path.display()
            );
            return None;
        }
    };
    let text = std::fs::read_to_string(root.join("data/mappings").join(mapping_file))
        .unwrap_or_else(|e| panic!("{mapping_file}: {e}"));
    let (m, problems) = mapping::parse(&text, mapping_file);
    assert!(problems.is_empty(), "{mapping_file}: {problems:?}");
    let loaded = load_mapped(&bytes, file, rd(), Some(&m));
    let errors = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    println!(
        "{file} through {mapping_file}: {} offers, {errors} errors, {} warnings",
        loaded.offers.len(),
        loaded.problems.len() - errors
    );
    for p in loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
    {
        println!("  {p}");
    }
    Some(loaded)
}

fn find<'a>(l: &'a Loaded, organisation: &str) -> &'a Offer {
    l.offers
        .iter()
        .find(|o| o.organisation == organisation)
        .unwrap_or_else(|| panic!("{organisation} not loaded"))
}

#[test]
fn the_geiq_list_loads_in_its_communes() {
    let Some(l) = load_list("geiq_liste_2019_11_les_emplois.csv", "emplois-geiq.json") else {
        return;
    };
    // 171 rows; the one not loaded is « ROISSY CDG Cedex » (95725), a mail office.
    assert!(l.offers.len() >= 170, "{}", l.offers.len());
    let g = find(&l, "GEIQ 22 MULTI SECTEURS");
    assert_eq!(g.communes(), vec!["22278".to_string()], "Saint-Brieuc");
    assert_eq!(g.departements(), vec!["22".to_string()]);
    assert_eq!(g.kind, OfferType::Emploi);
    assert_eq!(
        g.extra.get("SIRET").map(String::as_str),
        Some("79914163500018")
    );
    // A CEDEX address is placed in its town: « BLOIS CEDEX » 41018.
    assert!(l.offers.iter().any(|o| o.communes() == ["41018"]));
}

#[test]
fn the_bas_rhin_list_loads_with_its_free_text() {
    let Some(l) = load_list("siae_bas_rhin_67_les_emplois.csv", "emplois-siae-67.json") else {
        return;
    };
    // 65 rows (62 quoted cells hold line breaks); one row repeats a structure.
    assert!(l.offers.len() >= 64, "{}", l.offers.len());
    let g = find(&l, "GERMA ETTI 67");
    assert_eq!(g.kind, OfferType::Etti);
    assert_eq!(g.departements(), vec!["67".to_string()]);
    assert!(
        g.description().contains("espaces verts"),
        "{}",
        g.description()
    );
    assert!(g.contact().contains("STRASBOURG"), "{}", g.contact());
    // Two workshops of one association (same SIRET) are two offers.
    assert!(
        l.offers
            .iter()
            .filter(|o| o.organisation.starts_with("SAVA"))
            .count()
            >= 2
    );
}

#[test]
fn the_france_travail_agencies_load_in_their_communes() {
    let Some(l) = load_list(
        "pole_emploi_agences_2019_les_emplois.csv",
        "france-travail-agences.json",
    ) else {
        return;
    };
    // 959 rows; not loaded: Saint-Pierre-et-Miquelon and Saint-Martin (outside the
    // communes of the reference geography) and « ROMANS » (26105, a CEDEX code, short for
    // Romans-sur-Isère).
    assert!(l.offers.len() >= 955, "{}", l.offers.len());
    let t = find(&l, "France Travail (Pôle emploi) TREVOUX");
    assert_eq!(t.communes(), vec!["01427".to_string()]);
    assert_eq!(t.kind, OfferType::Accompagnement);
    // Two sites of one SAFIR code (Caen) are two offers.
    assert!(l
        .offers
        .iter()
        .any(|o| o.organisation.ends_with("CAEN FRESNEL")));
    assert!(l
        .offers
        .iter()
        .any(|o| o.organisation.ends_with("DR BNO SIEGE")));
}

#[test]
fn the_siae_list_with_jobs_gives_sectors() {
    let Some(l) = load_list(
        "siae_metiers_rome_2019_les_emplois.csv",
        "emplois-siae-metiers.json",
    ) else {
        return;
    };
    assert!(l.offers.len() >= 228, "{}", l.offers.len());
    let r = find(&l, "ASSOC RELAIS VERMELLOIS");
    assert_eq!(r.sectors(), vec!["A1203".to_string()]);
    assert_eq!(r.kind, OfferType::Accompagnement, "an AI");
    assert!(r.title.contains("espaces verts"), "{}", r.title);
}

#[test]
fn a_directory_naming_communes_only_places_offers_in_their_departements() {
    let csv = "id,organisation,titre,type,milieu,communes\n\
               a,Asso,Atelier cuisine,atelier,dehors,69387\n\
               b,Asso,Atelier bois,atelier,dehors,\n";
    let l = relais_core::catalogue::load(csv.as_bytes(), "annuaire.csv", rd());
    let a = l.offers.iter().find(|o| o.id == "a").expect("a loads");
    assert_eq!(a.departements(), vec!["69".to_string()]);
    // Nothing written, nothing to warn about; a row with no place at all is still refused.
    assert!(!l.problems.iter().any(|p| p.line == 2), "{:?}", l.problems);
    assert!(l.offers.iter().all(|o| o.id != "b"));
    assert!(l
        .problems
        .iter()
        .any(|p| p.line == 3 && p.severity == Severity::Error));
}
