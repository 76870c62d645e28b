//! Any spreadsheet, mapped (issue 15): a mapping file turns someone else's table into a
//! catalogue, every check of the loader still applies, and problems name the source file's
//! columns. The shipped `data/mappings/emplois-siae.json` is tried on the real national list of
//! SIAE (`../shared/data/external`, SOURCES.md there), read in place.
use relais_core::catalogue::{load, load_mapped, Column, Severity};
use relais_core::mapping::{self, needs_mapping, parse, propose, Mapping};
use relais_core::{model::Milieu, model::OfferType, refdata::RefData};
use std::collections::BTreeMap;

fn refdata() -> RefData {
    let mut rd = RefData::bundled().expect("bundled data");
    rd.add_communes(include_str!("../../../data/communes.csv"))
        .expect("communes");
    rd
}

const SIAE_MAPPING: &str = include_str!("../../../data/mappings/emplois-siae.json");

fn siae_mapping() -> Mapping {
    let (m, problems) = parse(SIAE_MAPPING, "emplois-siae.json");
    assert!(
        problems.is_empty(),
        "the shipped mapping reads cleanly: {problems:?}"
    );
    m
}

/// The real list, or `None` with a message when `../shared` is not beside the repository.
fn external(name: &str) -> Option<Vec<u8>> {
    let path = format!(
        "{}/../../../shared/data/external/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) => {
            eprintln!("SKIPPED: {path} absent ({e}); the real SIAE list needs ../shared/data/external beside the repository");
            None
        }
    }
}

#[test]
fn the_real_siae_list_loads_through_the_shipped_mapping() {
    let Some(bytes) = external("siae_liste_2019_07_les_emplois.csv") else {
        return;
    };
    let rd = refdata();
    let file = "siae_liste_2019_07_les_emplois.csv";

    // Without a mapping the list is refused: no required column is found.
    let plain = load(&bytes, file, &rd);
    assert!(plain.offers.is_empty());
    assert!(
        needs_mapping(&bytes).is_some(),
        "the page must offer the mapping step"
    );

    let m = siae_mapping();
    let loaded = load_mapped(&bytes, file, &rd, Some(&m));
    let rows = bytes.iter().filter(|&&b| b == b'\n').count() - 1;
    assert_eq!(rows, 3932);
    let n = loaded.offers.len();
    println!(
        "SIAE list: {n} of {rows} rows load ({} errors, {} warnings)",
        loaded.errors(),
        loaded.warnings()
    );
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for p in &loaded.problems {
        let what = p
            .message
            .split([':', '«'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        *kinds
            .entry(format!(
                "{:?} [{}] {what}",
                p.severity,
                p.field.clone().unwrap_or_default()
            ))
            .or_default() += 1;
    }
    for (k, v) in &kinds {
        println!("  {v:5}  {k}");
    }
    assert!(n >= 3800, "only {n} of 3932 rows load");

    // Rows not loaded: each has an error naming its line, in the source file's words.
    let loaded_lines: std::collections::HashSet<usize> =
        loaded.offers.iter().map(|o| o.line).collect();
    let not_loaded: Vec<usize> = (2..=rows + 1)
        .filter(|l| !loaded_lines.contains(l))
        .collect();
    assert_eq!(not_loaded.len(), rows - n);
    for l in &not_loaded {
        assert!(
            loaded
                .problems
                .iter()
                .any(|p| p.line == *l && p.severity == Severity::Error),
            "line {l} not loaded without an error saying why"
        );
    }
    // The same structure listed twice under the same measure is loaded once.
    let dup = loaded
        .problems
        .iter()
        .find(|p| p.message.contains("déjà utilisé"))
        .expect("duplicates reported");
    assert_eq!(dup.field.as_deref(), Some("siae-{SIRET}-{MESURE}"));
    // Saint-Pierre-et-Miquelon (975) is not in the reference départements: said on CODE_DEPARTEMENT.
    let spm = loaded
        .problems
        .iter()
        .find(|p| p.message.contains("« 975 »"))
        .expect("975 reported");
    assert_eq!(spm.field.as_deref(), Some("CODE_DEPARTEMENT"));
    assert_eq!(spm.column, Some(2));

    // Real facts. Line 3: COTIERE AVENIR, an ACI in Saint-Maurice-de-Beynost (Ain).
    let by_line = |l: usize| {
        loaded
            .offers
            .iter()
            .find(|o| o.line == l)
            .expect("line loaded")
    };
    let cotiere = by_line(3);
    assert_eq!(cotiere.organisation, "COTIERE AVENIR");
    assert_eq!(cotiere.id, "siae-34356040500023-aci");
    assert_eq!(cotiere.kind, OfferType::Aci);
    assert_eq!(cotiere.milieu, Milieu::Dehors);
    assert_eq!(cotiere.departements(), vec!["01"]);
    assert_eq!(cotiere.communes(), vec!["01376"]);
    assert_eq!(
        cotiere.extra.get("SIRET").map(String::as_str),
        Some("34356040500023")
    );
    assert_eq!(
        cotiere.extra.get("CODE_NAF2").map(String::as_str),
        Some("9499Z")
    );
    assert!(
        !cotiere.extra.contains_key("MAIL_SIAE"),
        "not kept: not asked for"
    );
    // Line 4: ASSOC AIRE SERVICES, an association intermédiaire → accompagnement.
    let ai = by_line(4);
    assert_eq!(ai.organisation, "ASSOC AIRE SERVICES");
    assert_eq!(ai.kind, OfferType::Accompagnement);
    assert_eq!(ai.title, "Association intermédiaire (AI)");
    // Line 319: ASSOC ENVOL 13 MARSEILLE, « MARSEILLE 16 » 13016 → the 16th arrondissement.
    let envol = by_line(319);
    assert_eq!(envol.organisation, "ASSOC ENVOL 13 MARSEILLE");
    assert_eq!(envol.kind, OfferType::Ei);
    assert_eq!(envol.communes(), vec!["13216"]);
    assert_eq!(envol.departements(), vec!["13"]);
    // The Nord is split in two in the list (59L Lille, 59V Valenciennes): both are the 59.
    assert!(
        loaded
            .offers
            .iter()
            .filter(|o| o.departements() == vec!["59"])
            .count()
            >= 180
    );
    // Corsica: 02A → 2A.
    assert!(loaded.offers.iter().any(|o| o.departements() == vec!["2A"]));
}

const SHEET: &str = "\
Nom de la structure;Mesure;Dépt;Ville;Code postal;SIRET;Téléphone
Les Jardins du Cœur;ACI;069;LYON 03;69003;12345678900011;04 00 00 00 00
Bâti Neuf;EITI;44;Nantes;44000;12345678900029;
Atelier Vélo;XYZ;44;Nantes;44000;12345678900037;
Sans Lieu;EI;;;;12345678900045;
";

#[test]
fn a_proposed_mapping_reads_an_associations_own_sheet() {
    let rd = refdata();
    let table = needs_mapping(SHEET.as_bytes()).expect("required columns missing");
    assert_eq!(table.header.len(), 7);
    let p = propose(&table, &rd);
    let field_of = |h: &str| {
        p.columns
            .iter()
            .find(|c| c.header == h)
            .and_then(|c| c.field)
    };
    assert_eq!(field_of("Nom de la structure"), Some(Column::Organisation));
    assert_eq!(field_of("Mesure"), Some(Column::Type));
    assert_eq!(field_of("Dépt"), Some(Column::Departements));
    assert_eq!(field_of("Ville"), Some(Column::Communes));
    assert_eq!(field_of("Code postal"), Some(Column::Communes));
    assert_eq!(field_of("Téléphone"), Some(Column::Contact));
    let mesure = p
        .columns
        .iter()
        .find(|c| c.header == "Mesure")
        .expect("Mesure");
    assert_eq!(mesure.samples, vec!["ACI", "EITI", "XYZ", "EI"]);
    let type_rule = p.mapping.rule(Column::Type).expect("type mapped");
    assert!(type_rule.values.contains(&("EITI".into(), "ei".into())));
    assert_eq!(
        p.mapping
            .rule(Column::Milieu)
            .and_then(|r| r.default.clone())
            .as_deref(),
        Some("dehors")
    );
    assert_eq!(p.mapping.keep, vec!["SIRET"]);

    let loaded = load_mapped(SHEET.as_bytes(), "partenaires.csv", &rd, Some(&p.mapping));
    let ids: Vec<&str> = loaded.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, vec!["12345678900011-aci", "12345678900029-eiti"]);
    let jardins = &loaded.offers[0];
    assert_eq!(jardins.title, "Les Jardins du Cœur");
    assert_eq!(jardins.communes(), vec!["69383"]);
    assert_eq!(jardins.departements(), vec!["69"]);
    assert_eq!(jardins.contact(), "04 00 00 00 00");
    assert_eq!(loaded.offers[1].kind, OfferType::Ei);
    // An unknown measure: the row is refused, on its line, in the sheet's own words.
    let xyz = loaded
        .problems
        .iter()
        .find(|p| p.line == 4 && p.message.contains("type inconnu « XYZ »"))
        .expect("unknown type reported");
    assert_eq!(xyz.field.as_deref(), Some("Mesure"));
    assert_eq!(xyz.column, Some(2));
    assert_eq!(
        xyz.to_string().split(':').take(3).collect::<Vec<_>>(),
        vec!["partenaires.csv", "4", "2"]
    );
    // No place at all for an outside offer: refused, said on the département column.
    let no_place = loaded
        .problems
        .iter()
        .find(|p| p.line == 5 && p.severity == Severity::Error)
        .expect("row 5 refused");
    assert_eq!(no_place.field.as_deref(), Some("Dépt"));
}

#[test]
fn a_broken_mapping_file_says_what_is_wrong_and_keeps_the_rest() {
    let text = r#"{"format": "relais-correspondance", "version": 1,
        "champs": {
            "type": {"colonne": "Mesure", "valeurs": {"ACI": "aci", "EA": "entreprise adaptée"}},
            "milieu": {"defaut": "partout"},
            "couleur": {"colonne": "X"},
            "organisation": {"colonne": "Nom", "couleur": "bleu"}
        },
        "garder": "SIRET"}"#;
    let (m, problems) = parse(text, "m.json");
    let says = |field: &str, words: &str| {
        problems
            .iter()
            .any(|p| p.field.as_deref() == Some(field) && p.message.contains(words))
    };
    assert!(
        says("type", "« EA » → « entreprise adaptée », valeur inconnue"),
        "{problems:?}"
    );
    assert!(says("milieu", "valeur par défaut inconnue « partout »"));
    assert!(says("couleur", "champ Relais inconnu"));
    assert!(says("organisation", "clé inconnue « couleur »"));
    assert!(says("garder", "liste"));
    assert_eq!(
        m.rule(Column::Type).map(|r| r.values.clone()),
        Some(vec![("ACI".to_string(), "aci".to_string())])
    );
    assert!(m.rule(Column::Milieu).is_none());
    assert_eq!(
        m.rule(Column::Organisation)
            .and_then(|r| r.column.clone())
            .as_deref(),
        Some("Nom")
    );
    let (empty, problems) = parse("{ pas du json", "m.json");
    assert_eq!(empty, Mapping::default());
    assert!(problems[0].message.contains("correspondance illisible"));
}

#[test]
fn a_mapping_naming_columns_the_file_lacks_says_so_on_the_header() {
    let rd = refdata();
    let (m, _) = parse(SIAE_MAPPING, "emplois-siae.json");
    let loaded = load_mapped(SHEET.as_bytes(), "partenaires.csv", &rd, Some(&m));
    assert!(loaded.offers.is_empty());
    let header: Vec<_> = loaded.problems.iter().filter(|p| p.line == 1).collect();
    assert!(header.iter().any(|p| p
        .message
        .contains("colonne « DENOMINATION_SOCIALE » pour « organisation »")));
}

#[test]
fn a_file_with_relais_headers_needs_no_mapping() {
    let relais = "id;organisation;titre;type;milieu;departements\nx;A;B;aci;dehors;44\n";
    assert!(needs_mapping(relais.as_bytes()).is_none());
    assert!(needs_mapping(b"[]").is_none());
    let _ = mapping::MAPPING_VERSION;
}

#[test]
fn the_mapping_proposed_for_the_real_siae_list_loads_it_too() {
    let Some(bytes) = external("siae_liste_2019_07_les_emplois.csv") else {
        return;
    };
    let rd = refdata();
    let table = needs_mapping(&bytes).expect("the step opens");
    let p = propose(&table, &rd);
    let field_of = |h: &str| {
        p.columns
            .iter()
            .find(|c| c.header == h)
            .and_then(|c| c.field)
    };
    assert_eq!(field_of("MESURE"), Some(Column::Type));
    assert_eq!(field_of("DENOMINATION_SOCIALE"), Some(Column::Organisation));
    assert_eq!(field_of("CODE_DEPARTEMENT"), Some(Column::Departements));
    assert_eq!(field_of("COMMUNE"), Some(Column::Communes));
    assert_eq!(field_of("CODE_POSTAL"), Some(Column::Communes));
    assert_eq!(field_of("TELEPHONE"), Some(Column::Contact));
    assert_eq!(
        field_of("LIBELLE_DPT"),
        None,
        "a département's name is no title"
    );
    let type_rule = p.mapping.rule(Column::Type).expect("type");
    assert_eq!(
        type_rule.values,
        vec![("AI".to_string(), "accompagnement".to_string())]
    );
    let loaded = load_mapped(&bytes, "siae.csv", &rd, Some(&p.mapping));
    println!(
        "proposed mapping: {} of 3932 rows load",
        loaded.offers.len()
    );
    assert!(loaded.offers.len() >= 3800, "{}", loaded.offers.len());
    // « 59L » (Nord, Lille) is no département: the commune's is taken, and said.
    let lille = loaded
        .problems
        .iter()
        .find(|p| {
            p.message
                .starts_with("département inconnu « 59L » : celui de la commune")
        })
        .expect("59L reported");
    assert_eq!(lille.field.as_deref(), Some("CODE_DEPARTEMENT"));
    assert_eq!(lille.severity, Severity::Warning);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// No mapping text and no table make reading or applying a mapping panic; what loads
        /// is a subset of the rows.
        #[test]
        fn any_mapping_on_any_table_never_panics(
            mapping_text in prop_oneof![
                Just(SIAE_MAPPING.to_string()),
                "\\PC{0,200}",
                Just(r#"{"champs": {"id": {"modele": "{A}{B}{ligne}{"}, "type": {"colonne": "A", "valeurs": {"x": "aci"}}, "milieu": {"defaut": "dehors"}, "communes": {"commune": {"nom": "A", "code_postal": "B"}}, "departements": "B"}}"#.to_string()),
            ],
            table in proptest::collection::vec(proptest::collection::vec("[A-Za-z0-9 ;\"é\\n]{0,12}", 0..5), 0..6),
        ) {
            let rd = RefData::bundled().expect("bundled");
            let (m, _) = parse(&mapping_text, "m.json");
            let text = std::iter::once("A;B;C".to_string())
                .chain(table.iter().map(|r| r.join(";")))
                .collect::<Vec<_>>()
                .join("\n");
            let loaded = load_mapped(text.as_bytes(), "t.csv", &rd, Some(&m));
            prop_assert!(loaded.offers.len() <= table.len() + text.matches('\n').count());
            let _ = needs_mapping(text.as_bytes()).map(|t| propose(&t, &rd));
        }
    }
}
