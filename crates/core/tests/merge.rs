//! Several catalogues at once: an association's own file and a regional one, with the offers
//! they share kept once and each offer's source.

use relais_core::catalogue::load;
use relais_core::merge::{load_catalogues, merge_catalogues};
use relais_core::{details, refdata::RefData};

fn rd() -> RefData {
    let mut rd = RefData::bundled().expect("bundled");
    rd.add_communes(include_str!("../../../data/communes.csv"))
        .expect("communes");
    rd
}

const HEAD: &str = "id;organisation;titre;type;milieu;departements;communes;siret\n";

#[test]
fn shared_offers_are_kept_once_and_each_offer_names_its_source() {
    let rd = rd();
    let asso = format!(
        "{HEAD}a1;Jardins du Rhône;Maraîchage ACI;aci;dehors;69;69123;12345678900011\n\
         a2;Cuisine solidaire;Commis de cuisine;ei;dehors;69;69123;\n\
         a3;Mission locale;Atelier CV;atelier;dehors;69;69123;\n"
    );
    let region = format!(
        // Same SIRET, written with spaces, another title: a list of structures, one row each.
        "{HEAD}r1;JARDINS DU RHONE;Chantier maraîcher;aci;dehors;69;69123;123 456 789 00011\n\
         r2;Cuisine Solidaire;Commis de cuisine;ei;dehors;69;69123;\n\
         a3;Autre structure;Permanence emploi;accompagnement;dehors;69;69123;\n\
         r4;Garage solidaire;Mécanique;aci;dehors;69;69123;\n"
    );
    let merged = merge_catalogues(vec![
        ("asso.csv".into(), load(asso.as_bytes(), "asso.csv", &rd)),
        (
            "region.csv".into(),
            load(region.as_bytes(), "region.csv", &rd),
        ),
    ]);
    let ids: Vec<&str> = merged.loaded.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2", "a3", "a3-region-csv", "r4"]);
    assert_eq!(merged.sources[1].duplicates, 2);
    assert_eq!(merged.sources[1].renamed, 1);
    let source = |id: &str| {
        merged
            .loaded
            .offers
            .iter()
            .find(|o| o.id == id)
            .and_then(|o| details::get(o, details::SOURCE))
            .map(str::to_string)
    };
    assert_eq!(source("a1").as_deref(), Some("asso.csv"));
    assert_eq!(source("r4").as_deref(), Some("region.csv"));
    let said: Vec<&str> = merged
        .loaded
        .problems
        .iter()
        .filter(|p| p.file == "region.csv")
        .map(|p| p.message.as_str())
        .collect();
    assert!(said.iter().any(|m| m.contains("« Chantier maraîcher » (r1) déjà présente dans asso.csv sous l'identifiant « a1 » (même SIRET)")), "{said:?}");
    assert!(said.iter().any(|m| m.contains("(r2) déjà présente dans asso.csv sous l'identifiant « a2 » (même organisation, même commune et même intitulé)")), "{said:?}");
    assert!(
        said.iter().any(|m| m.contains("devient « a3-region-csv »")),
        "{said:?}"
    );
}

#[test]
fn one_siret_with_several_offers_needs_the_same_title() {
    let rd = rd();
    let a = format!("{HEAD}x1;Asso;Atelier A;atelier;dehors;69;;12345678900011\nx2;Asso;Atelier B;atelier;dehors;69;;12345678900011\n");
    let b = format!("{HEAD}y1;Asso;Atelier C;atelier;dehors;69;;12345678900011\n");
    let merged = merge_catalogues(vec![
        ("a.csv".into(), load(a.as_bytes(), "a.csv", &rd)),
        ("b.csv".into(), load(b.as_bytes(), "b.csv", &rd)),
    ]);
    assert_eq!(merged.loaded.offers.len(), 3);
}

#[test]
fn the_two_refugies_info_files_share_four_services() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/external");
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let rd = rd();
    let read = |n: &str| std::fs::read(dir.join(n)).expect(n);
    let services = read("di_v1_services_carif_oref_refugies_info_seed.json");
    let structures = read("di_v1_structures_carif_oref_refugies_info_seed.json");
    let extra = read("lheo/di_v1_services_carif-oref_avec-extra-lheo_refugies-info_seed.json");
    let lheo = read("lheo/intercarif-rco_lheo23_grandest_1formation_refugies-info.xml");
    let merged = load_catalogues(
        &[
            ("services.json", &services),
            ("structures.json", &structures),
            ("extra.json", &extra),
            ("grandest.xml", &lheo),
        ],
        &rd,
    );
    // The structures file joined the services and is no catalogue of its own.
    assert_eq!(merged.sources.len(), 3);
    assert_eq!(
        merged
            .sources
            .iter()
            .map(|s| (s.offers, s.duplicates))
            .collect::<Vec<_>>(),
        [(6, 0), (8, 4), (1, 0)]
    );
    assert_eq!(merged.loaded.offers.len(), 11);
    let o = merged
        .loaded
        .offers
        .iter()
        .find(|o| o.id == "01_GE2021586")
        .expect("joined");
    assert_eq!(o.organisation, "Collège Louis Armand");
    assert_eq!(details::get(o, details::SOURCE), Some("services.json"));
}
