//! `relais check` and `relais match` on the real catalogues of `../shared/data/external`, read
//! in place (skipped, with a message, when `../shared` is absent): the summary line a
//! counsellor reads, and its exit code.

mod common;
use common::relais;

const EXTERNAL: &str = "../shared/data/external";

fn present() -> bool {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(EXTERNAL);
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
    }
    dir.is_dir()
}

fn summary(out: &str) -> &str {
    out.lines().last().unwrap_or("")
}

#[test]
fn check_reads_every_real_data_inclusion_file() {
    if !present() {
        return;
    }
    for (file, code, counts) in [
        (
            "di_v1_services_carif_oref_refugies_info_seed.json",
            0,
            "6 offre(s) valide(s), 0 erreur(s), 3 avertissement(s)",
        ),
        (
            "di_services_projection_lille_fluo_proto.json",
            1,
            "579 offre(s) valide(s), 2 erreur(s), 2 avertissement(s)",
        ),
        (
            "di_services_export_reunion_offre_inclusion.json",
            0,
            "2705 offre(s) valide(s), 0 erreur(s)",
        ),
        (
            "lheo/di_v1_services_carif-oref_avec-extra-lheo_refugies-info_seed.json",
            0,
            "8 offre(s) valide(s), 0 erreur(s)",
        ),
        (
            "di_v1_structures_carif_oref_refugies_info_seed.json",
            1,
            "0 offre(s) valide(s), 1 erreur(s), 0 avertissement(s)",
        ),
        (
            "di_structures_export_reunion_offre_inclusion.json",
            1,
            "0 offre(s) valide(s), 1 erreur(s), 0 avertissement(s)",
        ),
    ] {
        let path = format!("{EXTERNAL}/{file}");
        let (c, out, err) = relais(&["check", &path]);
        assert_eq!(c, code, "{file}: {err}");
        assert!(summary(&out).contains(counts), "{file}: {}", summary(&out));
    }
}

#[test]
fn services_and_their_structures_given_together_name_the_organisations() {
    if !present() {
        return;
    }
    let services = format!("{EXTERNAL}/di_v1_services_carif_oref_refugies_info_seed.json");
    let structures = format!("{EXTERNAL}/di_v1_structures_carif_oref_refugies_info_seed.json");
    let (code, out, _) = relais(&["check", &services, "--structures", &structures]);
    assert_eq!(code, 0);
    assert!(
        out.contains("6 service(s) reliés à leur structure : nom de l'organisation 6 fois"),
        "{out}"
    );
    // The structures file is recognised among the catalogues, too.
    let (code, csv, err) = relais(&[
        "export",
        "--format",
        "csv",
        "--catalogue",
        &services,
        "--catalogue",
        &structures,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        csv.contains("01_GE2021586;Collège Louis Armand;Ouvrir l'école aux parents"),
        "{csv}"
    );
}

#[test]
fn match_keeps_the_services_of_one_thematique() {
    if !present() {
        return;
    }
    let profile = std::env::temp_dir().join(format!("relais-real-{}.json", std::process::id()));
    std::fs::write(
        &profile,
        r#"{"situation":"dehors","residence_departement":"57","measures":["sursis_probatoire"]}"#,
    )
    .expect("profile");
    let services = format!("{EXTERNAL}/di_v1_services_carif_oref_refugies_info_seed.json");
    let (code, out, err) = relais(&[
        "match",
        "--profile",
        &profile.to_string_lossy(),
        "--catalogue",
        &services,
        "--thematique",
        "lecture-ecriture-calcul",
        "--today",
        "2026-02-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("offre(s) de thématique lecture-ecriture-calcul"),
        "{err}"
    );
    assert!(
        out.contains("Public visé : personnes exilées — vérifier que la personne y a accès."),
        "{out}"
    );
    // Petite-Rosselle's service takes people of Moselle (57): it fits.
    assert!(out.contains("01_GE2021586"), "{out}");
}

#[test]
fn check_reads_every_real_lheo_file() {
    if !present() {
        return;
    }
    for (file, counts) in [
        (
            "lheo/intercarif-rco_lheo23_grandest_1formation_refugies-info.xml",
            "1 offre(s) valide(s), 0 erreur(s), 2 avertissement(s)",
        ),
        (
            "lheo/intercarif_lheo22_4formations_2018_trefle.xml",
            "5 offre(s) valide(s), 0 erreur(s), 3 avertissement(s)",
        ),
        (
            "lheo/onisep_lheo22_exemple-bts_lheo-schema.xml",
            "1 offre(s) valide(s), 0 erreur(s), 2 avertissement(s)",
        ),
        (
            "lheo/intercarif_lheo22_lheo-index_10-resumes-offres_bob-emploi.xml",
            "10 offre(s) valide(s), 0 erreur(s), 2 avertissement(s)",
        ),
    ] {
        let path = format!("{EXTERNAL}/{file}");
        let (c, out, err) = relais(&["check", &path]);
        assert_eq!(c, 0, "{file}: {err}");
        assert!(summary(&out).contains(counts), "{file}: {}", summary(&out));
    }
}

#[test]
fn export_as_lheo_reads_back_through_check() {
    let (code, xml, err) = relais(&["export", "--format", "lheo"]);
    assert_eq!(code, 0, "{err}");
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lheo xmlns=\"http://lheo.gouv.fr/2.3\">"
    ));
    let path = std::env::temp_dir().join(format!("relais-lheo-{}.xml", std::process::id()));
    std::fs::write(&path, &xml).expect("write");
    let (code, out, _) = relais(&["check", &path.to_string_lossy()]);
    let (_, seed, _) = relais(&["check", "data/catalogue.csv"]);
    let offers = |s: &str| {
        summary(s)
            .split(" : ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .map(str::to_string)
    };
    assert_eq!(code, 0, "{out}");
    assert_eq!(offers(&out), offers(&seed), "{out}");
}

#[test]
fn several_catalogues_are_merged_and_each_result_names_its_source() {
    if !present() {
        return;
    }
    let profile = std::env::temp_dir().join(format!("relais-merge-{}.json", std::process::id()));
    std::fs::write(
        &profile,
        r#"{"situation":"dehors","residence_departement":"68","measures":["sursis_probatoire"]}"#,
    )
    .expect("profile");
    let services = format!("{EXTERNAL}/di_v1_services_carif_oref_refugies_info_seed.json");
    let extra = format!(
        "{EXTERNAL}/lheo/di_v1_services_carif-oref_avec-extra-lheo_refugies-info_seed.json"
    );
    let lheo =
        format!("{EXTERNAL}/lheo/intercarif-rco_lheo23_grandest_1formation_refugies-info.xml");
    let (code, out, err) = relais(&[
        "match",
        "--profile",
        &profile.to_string_lossy(),
        "--catalogue",
        &services,
        "--catalogue",
        &extra,
        "--catalogue",
        &lheo,
        "--today",
        "2026-02-01",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "{extra} : 8 offre(s), dont 4 déjà présente(s) dans un catalogue précédent"
        )),
        "{err}"
    );
    assert!(err.contains("3 catalogues réunis : 11 offre(s)"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let fits = v["now"]["fits"].as_array().expect("fits");
    // The Saint-Louis (68) French course, from the LHEO file.
    let course = fits
        .iter()
        .find(|f| f["id"] == "01_GE1716206")
        .expect("the LHEO course fits");
    assert_eq!(course["source"], lheo.as_str());
    assert!(fits
        .iter()
        .chain(v["now"]["excluded"].as_array().expect("excluded"))
        .all(|f| f["source"].is_string()));
}

/// A structures file named as the only catalogue: refused, saying where it goes — before, the
/// example catalogue was matched in its place and its offers shown as if they were the file's.
#[test]
fn a_structures_file_alone_is_not_matched_as_the_example_catalogue() {
    if !present() {
        return;
    }
    let path = format!("{EXTERNAL}/di_v1_structures_carif_oref_refugies_info_seed.json");
    let (code, out, err) = relais(&[
        "match",
        "--profile",
        "docs/examples/dedans-fleury.json",
        "--catalogue",
        &path,
    ]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("13 structure(s)") && err.contains("--structures"),
        "{err}"
    );
    // With its services, it names their organisations (as before).
    let services = format!("{EXTERNAL}/di_v1_services_carif_oref_refugies_info_seed.json");
    let (code, _, err) = relais(&[
        "match",
        "--profile",
        "docs/examples/dedans-fleury.json",
        "--catalogue",
        &services,
        "--catalogue",
        &path,
    ]);
    assert_eq!(code, 0, "{err}");
}

/// The national SIAE list as published, without a mapping: nothing loads, and the file's
/// problems say how to read it (its mapping), not only which columns are missing.
#[test]
fn a_table_with_its_own_columns_says_how_to_read_it() {
    if !present() {
        return;
    }
    let path = format!("{EXTERNAL}/siae_liste_2019_07_les_emplois.csv");
    let (code, out, _) = relais(&["check", &path]);
    assert_eq!(code, 1);
    assert!(
        out.contains("--mapping") && out.contains("data/mappings/emplois-siae.json"),
        "{out}"
    );
    // With the mapping, no such sentence.
    let (_, out, _) = relais(&[
        "check",
        "--mapping",
        "data/mappings/emplois-siae.json",
        &path,
    ]);
    assert!(!out.contains("n'a pas les colonnes de Relais"), "{out}");
}
