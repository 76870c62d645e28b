//! The real catalogues of `../shared/data/external` (data·inclusion services and structures,
//! LHEO training offers), read where they are: what a counsellor gets from each. Counts and
//! facts come from the files themselves (SOURCES.md there). Skipped, with a message, when
//! `../shared` is not beside the repository.

use relais_core::catalogue::{load, Severity};
use relais_core::distructures::{self, Structures};
use relais_core::{details, Loaded, Offer, RefData};
use std::path::PathBuf;

fn external() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/external");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is absent", dir.display());
        None
    }
}

fn rd() -> RefData {
    let mut rd = RefData::bundled().expect("bundled");
    rd.add_communes(include_str!("../../../data/communes.csv"))
        .expect("communes");
    rd
}

fn read(dir: &std::path::Path, name: &str, rd: &RefData) -> Loaded {
    let bytes = std::fs::read(dir.join(name)).expect(name);
    load(&bytes, name, rd)
}

fn errors(l: &Loaded) -> usize {
    l.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count()
}

fn offer<'a>(l: &'a Loaded, id: &str) -> &'a Offer {
    l.offers
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no offer {id}"))
}

#[test]
fn refugies_info_services_join_their_structures() {
    let Some(dir) = external() else { return };
    let rd = rd();
    let mut l = read(
        &dir,
        "di_v1_services_carif_oref_refugies_info_seed.json",
        &rd,
    );
    assert_eq!((l.offers.len(), errors(&l)), (6, 0));
    // Alone, the organisation is only the structure's id, and the report says so.
    assert_eq!(
        offer(&l, "01_GE2021586").organisation,
        "carif-oref--01_GE307361"
    );
    assert!(l
        .problems
        .iter()
        .any(|p| p.message.contains("manquent : nom de l'organisation")));
    let bytes = std::fs::read(dir.join("di_v1_structures_carif_oref_refugies_info_seed.json"))
        .expect("structures");
    let structures = Structures::read(&bytes, "structures.json").expect("a structures file");
    assert_eq!(structures.len(), 13);
    distructures::join(&mut l, &structures, &rd, "services.json");
    let o = offer(&l, "01_GE2021586");
    assert_eq!(o.organisation, "Collège Louis Armand");
    assert_eq!(details::get(o, details::SIRET), Some("19572493500018"));
    assert!(
        details::get(o, details::SOURCE_LINK).is_some_and(|u| u.contains("organisme-01_GE307361"))
    );
    // The place is the address (Petite-Rosselle), not the ten départements of the zone…
    assert_eq!(o.communes, ["57537"]);
    assert_eq!(o.departements, ["57"]);
    assert_eq!(
        details::get(o, details::ADDRESS),
        Some("1 Place du Mineur, 57540 Petite-Rosselle")
    );
    // …which stays eligibility.
    assert_eq!(o.zone_eligibilite.len(), 10);
    assert!(o.zone_eligibilite.contains(&"08".to_string()));
    assert_eq!(details::list(o, details::PUBLICS), ["personnes-exilees"]);
    assert_eq!(
        details::publics_warning(o).as_deref(),
        Some("Public visé : personnes exilées — vérifier que la personne y a accès.")
    );
    assert!(details::has_theme(o, "lecture-ecriture-calcul"));
    assert!(details::get(o, details::REFERRAL)
        .is_some_and(|m| m.contains("par les professionnels") && m.contains("téléphoner")));
    assert!(o.description.starts_with("### Objectif de la formation"));
    assert!(l.problems.iter().any(|p| p
        .message
        .starts_with("6 service(s) reliés à leur structure : nom de l'organisation 6 fois")));
    // The one service for job seekers.
    assert_eq!(
        details::publics_warning(offer(&l, "07_776575S")).as_deref(),
        Some("Public visé : demandeurs d'emploi — vérifier que la personne y a accès.")
    );
}

#[test]
fn a_structures_file_alone_is_said_to_be_one() {
    let Some(dir) = external() else { return };
    let rd = rd();
    for (name, n) in [
        ("di_v1_structures_carif_oref_refugies_info_seed.json", 13),
        ("di_structures_export_reunion_offre_inclusion.json", 276),
    ] {
        let l = read(&dir, name, &rd);
        assert!(l.offers.is_empty());
        assert_eq!(l.problems.len(), 1, "{:?}", l.problems);
        assert!(l.problems[0].message.starts_with(&format!(
            "fichier de structures data·inclusion ({n} structures)"
        )));
    }
}

#[test]
fn the_reunion_export_loads_with_its_flattened_columns() {
    let Some(dir) = external() else { return };
    let rd = rd();
    let mut l = read(&dir, "di_services_export_reunion_offre_inclusion.json", &rd);
    assert_eq!(l.offers.len(), 2704);
    // One service has no place at all (no commune, no zone).
    assert_eq!(errors(&l), 1);
    let visale = l
        .offers
        .iter()
        .find(|o| o.title == "Garantie Visale" && o.communes == ["97411"])
        .expect("Visale in Saint-Denis");
    // `{en-presentiel,a-distance}`, a PostgreSQL array, read as a list.
    assert!(details::remote(visale));
    assert_eq!(
        details::list(visale, details::PUBLICS),
        ["salaries", "jeunes", "locataires"]
    );
    let bytes = std::fs::read(dir.join("di_structures_export_reunion_offre_inclusion.json"))
        .expect("structures");
    let structures = Structures::read(&bytes, "structures.json").expect("structures");
    distructures::join(&mut l, &structures, &rd, "services.json");
    let visale = l
        .offers
        .iter()
        .find(|o| o.title == "Garantie Visale" && o.communes == ["97411"])
        .expect("Visale");
    assert_eq!(visale.organisation, "AGENCE ACTION LOGEMENT");
    let named = l
        .offers
        .iter()
        .filter(|o| details::get(o, details::STRUCTURE_ID) != Some(o.organisation.as_str()))
        .count();
    assert_eq!(named, 777);
}

#[test]
fn the_lille_projection_loads_its_two_lists() {
    let Some(dir) = external() else { return };
    let rd = rd();
    let l = read(&dir, "di_services_projection_lille_fluo_proto.json", &rd);
    // 568 + 13 services; two have no structure name.
    assert_eq!((l.offers.len(), errors(&l)), (579, 2));
    let cpam = l
        .offers
        .iter()
        .find(|o| o.title == "Accompagnement Caisse de l'Assurance Maladie")
        .expect("CPAM");
    assert_eq!(
        cpam.organisation,
        "Caisse primaire d'assurance maladie (CPAM) de Lille-Douai - siège Lille"
    );
    assert_eq!(cpam.communes, ["59350"]);
    assert!(cpam.contact.starts_with("Accueil CPAM · 3646"));
    // Thematiques written as a JSON string are read as a list.
    assert!(details::has_theme(cpam, "sante"));
    assert_eq!(details::list(cpam, details::THEMES).len(), 3);
    // No id in a projection: numbered, and said.
    assert!(cpam.id.starts_with("di-"));
    assert!(l
        .problems
        .iter()
        .any(|p| p.message.contains("identifiant (numéroté di-N) 581")));
}

#[test]
fn services_with_their_lheo_extra_name_their_organisation_inline() {
    let Some(dir) = external() else { return };
    let rd = rd();
    let l = read(
        &dir,
        "lheo/di_v1_services_carif-oref_avec-extra-lheo_refugies-info_seed.json",
        &rd,
    );
    assert_eq!((l.offers.len(), errors(&l)), (8, 0));
    assert!(l
        .offers
        .iter()
        .all(|o| !o.organisation.starts_with("carif-oref--")));
}
