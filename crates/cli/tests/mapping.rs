//! `--mapping FILE` for check, match and export: a table with its own headers read through a
//! mapping file (docs/formats.md, « Correspondance »), as an association's script would.

mod common;
use common::relais;

fn temp_file(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("relais-cli-mapping-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write");
    p.to_string_lossy().into_owned()
}

const SHEET: &str = "\
Structure;Dispositif;Dpt;Ville;CP;SIRET
Jardins de Vaise;Chantier d'insertion;69;LYON 09;69009;12345678900011
Le Relais Bâtiment;EI;069;VENISSIEUX;69200;12345678900029
Cuisine Solidaire;Restaurant;69;LYON 07;69007;12345678900037
";

const MAPPING: &str = r#"{"format": "relais-correspondance", "version": 1, "nom": "Partenaires",
 "champs": {
   "id": {"modele": "p-{SIRET}"},
   "organisation": "Structure",
   "titre": {"modele": "{Dispositif} — {Structure}"},
   "type": {"colonne": "Dispositif", "valeurs": {"Chantier d'insertion": "aci", "EI": "ei"}},
   "milieu": {"defaut": "dehors"},
   "departements": "Dpt",
   "communes": {"commune": {"nom": "Ville", "code_postal": "CP"}}
 },
 "garder": ["SIRET"]}"#;

#[test]
fn check_reads_a_sheet_through_a_mapping_and_names_its_columns() {
    let sheet = temp_file("partenaires.csv", SHEET);
    let mapping = temp_file("partenaires.json", MAPPING);
    // Without the mapping: refused.
    let (code, out, _) = relais(&["check", &sheet]);
    assert_eq!(code, 1);
    assert!(out.contains("0 offre(s) valide(s)"), "{out}");
    let (code, out, err) = relais(&["check", "--mapping", &mapping, &sheet]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("2 offre(s) valide(s), 1 erreur(s)"), "{out}");
    // « Restaurant » is not a type: said on line 4, column 2, the sheet's « Dispositif ».
    assert!(
        out.contains(&format!("{sheet}:4:2: type inconnu « Restaurant »")),
        "{out}"
    );
    // Option after the file works too.
    let (_, out2, _) = relais(&["check", &sheet, "--mapping", &mapping]);
    assert_eq!(out, out2);
}

#[test]
fn match_and_export_take_the_mapping() {
    let sheet = temp_file("partenaires2.csv", SHEET);
    let mapping = temp_file("partenaires2.json", MAPPING);
    let (code, out, err) = relais(&[
        "match",
        "--profile",
        "docs/examples/dehors-ddse.json",
        "--catalogue",
        &sheet,
        "--mapping",
        &mapping,
        "--json",
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let ids: Vec<&str> = ["fits", "excluded", "beyond"]
        .iter()
        .flat_map(|k| v["now"][k].as_array().cloned().unwrap_or_default())
        .filter_map(|x| x["id"].as_str().map(str::to_string))
        .map(|s| Box::leak(s.into_boxed_str()) as &str)
        .collect();
    assert!(ids.contains(&"p-12345678900011"), "{ids:?}");
    assert!(ids.contains(&"p-12345678900029"), "{ids:?}");
    // The profile bans Lyon (69123): the Lyon 9e chantier is excluded for it.
    let excluded: Vec<&str> = v["now"]["excluded"]
        .as_array()
        .expect("excluded")
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert!(excluded.contains(&"p-12345678900011"), "{out}");

    let (code, csv, _) = relais(&[
        "export",
        "--format",
        "csv",
        "--catalogue",
        &sheet,
        "--mapping",
        &mapping,
    ]);
    assert_eq!(code, 0);
    let mut lines = csv.lines();
    let header = lines.next().expect("header");
    assert!(
        header.starts_with("id;organisation;titre;type;milieu"),
        "{header}"
    );
    assert!(header.ends_with(";SIRET"), "{header}");
    let first = lines.next().expect("row");
    assert!(first.starts_with("p-12345678900011;Jardins de Vaise;Chantier d'insertion — Jardins de Vaise;aci;dehors;;69;69389;"), "{first}");
    // The export is a catalogue in its own right: it checks without a mapping.
    let exported = temp_file("export.csv", &csv);
    let (code, out, _) = relais(&["check", &exported]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 offre(s) valide(s), 0 erreur(s)"), "{out}");
}

#[test]
fn an_unreadable_mapping_is_refused_with_its_reason() {
    let sheet = temp_file("partenaires3.csv", SHEET);
    let bad = temp_file("bad.json", "{ \"champs\": ");
    let (code, _, err) = relais(&["check", "--mapping", &bad, &sheet]);
    assert_eq!(code, 2);
    assert!(err.contains("correspondance illisible"), "{err}");
    let (code, _, err) = relais(&["export", "--mapping", "data/mappings/emplois-siae.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--mapping s'applique au fichier de --catalogue"),
        "{err}"
    );
}

#[test]
fn the_shipped_siae_mapping_checks_the_real_list() {
    let path = "../shared/data/external/siae_liste_2019_07_les_emplois.csv";
    if !std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/external/siae_liste_2019_07_les_emplois.csv"
    ))
    .exists()
    {
        eprintln!("SKIPPED: {path} absent (needs ../shared beside the repository)");
        return;
    }
    let (code, out, _) = relais(&[
        "check",
        "--mapping",
        "data/mappings/emplois-siae.json",
        path,
    ]);
    assert_eq!(
        code, 1,
        "duplicates and Saint-Pierre-et-Miquelon are errors"
    );
    let summary = out.lines().last().expect("summary");
    println!("{summary}");
    let n: usize = summary
        .split(" : ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .expect("count");
    assert!(n >= 3800, "{summary}");
}
