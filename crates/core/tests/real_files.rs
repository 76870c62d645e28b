//! The real catalogues of `../shared/data/external` (data·inclusion services and structures,
//! LHEO training offers), read where they are: what a counsellor gets from each. Counts and
//! facts come from the files themselves (SOURCES.md there). Skipped, with a message, when
//! `../shared` is not beside the repository.

use relais_core::catalogue::{load, Severity};
use relais_core::distructures::{self, Structures};
use relais_core::{catalogue::Loaded, details, model::Offer, refdata::RefData};

/// The matching's `public` warning for an offer, in French.
fn public_warning(o: &Offer) -> Option<String> {
    let rd = RefData::bundled().expect("bundled");
    details::publics_not_fitting(o).map(|p| {
        relais_core::explain::Explain::new(&rd, relais_core::lang::Lang::Fr)
            .warning(&relais_core::matching::Warning::Public(p))
    })
}
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
    let id_only = |l: &Loaded| {
        l.problems
            .iter()
            .filter(|p| {
                p.message
                    .contains("n'est que l'identifiant de sa structure")
            })
            .count()
    };
    assert_eq!(id_only(&l), 1);
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
    assert_eq!(o.communes(), ["57537"]);
    assert_eq!(o.departements(), ["57"]);
    assert_eq!(
        details::get(o, details::ADDRESS),
        Some("1 Place du Mineur, 57540 Petite-Rosselle")
    );
    // …which stays eligibility.
    assert_eq!(o.zone_eligibilite().len(), 10);
    assert!(o.zone_eligibilite().iter().any(|z| z == "08"));
    assert_eq!(details::list(o, details::PUBLICS), ["personnes-exilees"]);
    assert_eq!(
        public_warning(o).as_deref(),
        Some("Public visé : personnes exilées — vérifier que la personne y a accès.")
    );
    assert!(details::has_theme(o, "lecture-ecriture-calcul"));
    assert!(details::get(o, details::REFERRAL)
        .is_some_and(|m| m.contains("par les professionnels") && m.contains("téléphoner")));
    assert!(o.description().starts_with("### Objectif de la formation"));
    assert!(l.problems.iter().any(|p| p
        .message
        .starts_with("6 service(s) reliés à leur structure : nom de l'organisation 6 fois")));
    // Joined, the organisations are known: the line that said they were missing is gone.
    assert_eq!(id_only(&l), 0, "{:?}", l.problems);
    assert!(!l
        .problems
        .iter()
        .any(|p| p.message.contains("manquent : nom")));
    // The one service for job seekers.
    assert_eq!(
        public_warning(offer(&l, "07_776575S")).as_deref(),
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
    assert_eq!(l.offers.len(), 2705);
    assert_eq!(errors(&l), 0);
    // « Saint-Pierre » (a name of 30 communes) with a postal code no commune has (97451): the
    // Saint-Pierre of La Réunion, the postal code's département. It was left with no place.
    let saint_pierre = l
        .offers
        .iter()
        .find(|o| o.title == "Activités et ateliers" && o.line == 30926)
        .expect("the service of line 30926");
    assert_eq!(saint_pierre.communes(), ["97416"]);
    let visale = l
        .offers
        .iter()
        .find(|o| o.title == "Garantie Visale" && o.communes() == ["97411"])
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
        .find(|o| o.title == "Garantie Visale" && o.communes() == ["97411"])
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
    assert_eq!(cpam.communes(), ["59350"]);
    assert!(cpam.contact().starts_with("Accueil CPAM · 3646"));
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

/// A problem names the line where its service starts in the file, not the service's number
/// (« :365: » sent the association to a service with a name; the one without is at line 5 970),
/// and the lists are read in the order of the file (`lille_metro`, then `auteuil`).
#[test]
fn a_problem_in_the_lille_projection_names_the_line_of_its_service() {
    let Some(dir) = external() else { return };
    let rd = rd();
    let name = "di_services_projection_lille_fluo_proto.json";
    let text = std::fs::read_to_string(dir.join(name)).expect(name);
    let lines: Vec<&str> = text.lines().collect();
    let l = read(&dir, name, &rd);
    let unnamed: Vec<usize> = l
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .inspect(|p| {
            // In the file's own words: it has no « organisation » column.
            assert!(
                p.message
                    .contains("« Appui aux entrepreneurs » n'a pas de structure")
                    && p.field.as_deref() == Some("structure_name"),
                "{p:?}"
            )
        })
        .map(|p| p.line)
        .collect();
    assert_eq!(unnamed.len(), 2, "{:?}", l.problems);
    for line in unnamed {
        let entry: Vec<&str> = lines.iter().skip(line - 1).take(30).copied().collect();
        assert_eq!(entry.first().map(|x| x.trim()), Some("{"), "line {line}");
        let end = entry
            .iter()
            .position(|x| x.trim_start().starts_with('}'))
            .expect("end");
        let body = entry[..end].join("\n");
        assert!(
            body.contains("\"nom\": \"Appui aux entrepreneurs\""),
            "{body}"
        );
        assert!(body.contains("\"structure_name\": null"), "{body}");
    }
    // Every offer's line starts its own service, whose name is the offer's title.
    for o in &l.offers {
        let entry: String = lines.iter().skip(o.line).take(3).copied().collect();
        assert!(entry.contains("\"nom\""), "{}: {entry}", o.line);
    }
    // The file's order: the first service of `lille_metro` comes first.
    assert_eq!(
        l.offers.first().map(|o| o.title.as_str()),
        Some("Accompagnement Caisse de l'Assurance Maladie")
    );
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

#[test]
fn the_lheo_files_give_one_training_offer_per_action_or_session() {
    let Some(dir) = external() else { return };
    let rd = rd();
    for (name, offers) in [
        (
            "lheo/intercarif-rco_lheo23_grandest_1formation_refugies-info.xml",
            1,
        ),
        ("lheo/intercarif_lheo22_4formations_2018_trefle.xml", 5),
        ("lheo/onisep_lheo22_exemple-bts_lheo-schema.xml", 1),
        (
            "lheo/intercarif_lheo22_lheo-index_10-resumes-offres_bob-emploi.xml",
            10,
        ),
    ] {
        let l = read(&dir, name, &rd);
        assert_eq!(
            (l.offers.len(), errors(&l)),
            (offers, 0),
            "{name}: {:?}",
            l.problems
        );
        assert!(l
            .offers
            .iter()
            .all(|o| o.kind == relais_core::model::OfferType::Formation));
    }
}

#[test]
fn an_lheo_2_3_action_says_where_when_who_and_for_whom() {
    let Some(dir) = external() else { return };
    let rd = rd();
    let l = read(
        &dir,
        "lheo/intercarif-rco_lheo23_grandest_1formation_refugies-info.xml",
        &rd,
    );
    let o = offer(&l, "01_GE1716206");
    assert_eq!(o.title, "Cours de français langue d'intégration");
    assert_eq!(o.organisation, "Centre socio-culturel de Saint-Louis");
    assert_eq!(o.communes(), ["68297"]);
    assert_eq!(
        details::get(o, details::ADDRESS),
        Some("95 Rue de Mulhouse, 68300 Saint-Louis")
    );
    assert_eq!(
        o.start.map(relais_core::date::iso).as_deref(),
        Some("2024-01-01")
    );
    assert_eq!(
        o.end.map(relais_core::date::iso).as_deref(),
        Some("2026-12-18")
    );
    assert_eq!(
        o.checked.map(relais_core::date::iso).as_deref(),
        Some("2024-12-13")
    );
    assert_eq!(details::get(o, details::FORMACODE), Some("15235"));
    assert_eq!(details::get(o, details::SIRET), Some("77897285100068"));
    assert_eq!(
        details::get(o, details::PUBLICS_NOTE),
        Some("Public immigré, Primo-arrivant, Public réfugié")
    );
    assert_eq!(
        public_warning(o).as_deref(),
        Some("Public visé : personnes exilées — vérifier que la personne y a accès.")
    );
    // Escaped HTML became text: no tag left.
    assert!(o
        .description()
        .starts_with("### Objectif\n\nL'objectif du cours de Français Langue d'Intégration"));
    assert!(!o.description().contains("<p>") && !o.description().contains("&lt;"));
    assert_eq!(
        details::get(o, details::ACCESS),
        Some("Prérequis : Positionnement selon niveau par le CIDFF")
    );
    assert_eq!(
        details::get(o, details::FEES),
        Some("financé par : État (ministère de l'Intérieur)")
    );
}

#[test]
fn lheo_2_2_actions_keep_rome_codes_remote_delivery_and_unknown_days() {
    let Some(dir) = external() else { return };
    let rd = rd();
    let l = read(
        &dir,
        "lheo/intercarif_lheo22_4formations_2018_trefle.xml",
        &rd,
    );
    // The plaquiste formation has two actions with different publics.
    let a = offer(&l, "07_114782");
    let b = offer(&l, "07_123324");
    assert_eq!(
        (a.title.as_str(), b.title.as_str()),
        (
            "Titre professionnel plaquiste",
            "Titre professionnel plaquiste"
        )
    );
    assert_eq!(a.sectors(), ["F1604"]);
    assert_eq!(a.communes(), ["37266"]);
    assert_eq!(details::list(a, details::PUBLICS), ["tous-publics"]);
    assert_eq!(details::list(b, details::PUBLICS), ["demandeurs-emploi"]);
    // OpenClassrooms: entirely at a distance (modalites-enseignement 2).
    let poec = offer(&l, "24_1390142");
    assert!(poec.anywhere && poec.communes().is_empty());
    assert!(details::remote(poec));
    // lheo-index: « 20170900 », day unknown, starts on the first of the month.
    let idx = read(
        &dir,
        "lheo/intercarif_lheo22_lheo-index_10-resumes-offres_bob-emploi.xml",
        &rd,
    );
    let t = offer(&idx, "14_AF_0000028218_SE_0000118670");
    assert_eq!(
        t.start.map(relais_core::date::iso).as_deref(),
        Some("2017-09-01")
    );
    assert_eq!(t.communes(), ["75114"]);
    assert_eq!(t.organisation, "AFCI");
}

#[test]
fn a_catalogue_exported_as_lheo_reads_back_the_same() {
    let rd = rd();
    let seed = load(
        relais_core::refdata::SEED_CATALOGUE.as_bytes(),
        "data/catalogue.csv",
        &rd,
    );
    let xml = relais_core::lheo::to_lheo(&seed.offers, &rd);
    let back = load(xml.as_bytes(), "export.xml", &rd);
    assert_eq!(errors(&back), 0, "{:?}", back.problems);
    assert_eq!(back.offers.len(), seed.offers.len());
    for (a, b) in seed.offers.iter().zip(&back.offers) {
        assert_eq!(
            relais_core::catalogue::to_cells(a),
            relais_core::catalogue::to_cells(b)
        );
    }
    if let Some(dir) = external() {
        // A real file through Relais and back keeps its derived fields too.
        let l = read(
            &dir,
            "lheo/intercarif_lheo22_4formations_2018_trefle.xml",
            &rd,
        );
        let again = load(
            relais_core::lheo::to_lheo(&l.offers, &rd).as_bytes(),
            "x.xml",
            &rd,
        );
        assert_eq!(again.offers.len(), 5);
        for (a, b) in l.offers.iter().zip(&again.offers) {
            assert_eq!(
                relais_core::catalogue::to_cells(a),
                relais_core::catalogue::to_cells(b)
            );
        }
    }
}
