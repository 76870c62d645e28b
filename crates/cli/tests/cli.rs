//! The command line as scripts and an association's CI use it.

mod common;
use common::relais;

fn temp_file(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("relais-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write");
    p.to_string_lossy().into_owned()
}

#[test]
fn check_passes_on_the_seed_catalogue() {
    let (code, out, _) = relais(&["check", "data/catalogue.csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 erreur(s)"), "{out}");
}

#[test]
fn check_names_file_line_and_column_and_fails() {
    let f = temp_file("bad.csv", "id;organisation;titre;type;milieu;departements\na;A;B;stage;dehors;44\nb;A;B;aci;dehors;44\n");
    let (code, out, _) = relais(&["check", &f]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("{f}:2:4: type inconnu « stage »")),
        "{out}"
    );
    assert!(out.contains("1 offre(s) valide(s), 1 erreur(s)"), "{out}");
}

#[test]
fn match_json_has_the_shape_of_formats_md() {
    let (code, out, err) = relais(&[
        "match",
        "--profile",
        "docs/examples/dedans-fleury.json",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    for h in ["now", "after_release"] {
        let fits = v[h]["fits"].as_array().expect("fits");
        assert!(!fits.is_empty());
        for f in fits {
            let sum: u64 = f["reasons"]
                .as_array()
                .expect("reasons")
                .iter()
                .map(|r| r["points"].as_u64().unwrap_or(0))
                .sum();
            assert_eq!(f["score"].as_u64(), Some(sum));
            assert!(f["warnings"].is_array());
            assert!(f["id"].is_string());
        }
        for x in v[h]["excluded"].as_array().expect("excluded") {
            assert!(x["rules"][0]["rule"].is_string() && x["rules"][0]["text"].is_string());
        }
    }
}

#[test]
fn match_reports_bad_rows_on_stderr_and_still_matches_the_valid_ones() {
    let f = temp_file("cat.csv", "id;organisation;titre;type;milieu;departements\nok;A;B;aci;dehors;69\nko;A;B;aci;dehors;999\n");
    let p = temp_file(
        "p.json",
        r#"{"situation":"dehors","residence_departement":"69"}"#,
    );
    let (code, out, err) = relais(&["match", "--profile", &p, "--catalogue", &f, "--json"]);
    assert_eq!(code, 0);
    assert!(err.contains(":3:6: département inconnu « 999 »"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["now"]["fits"][0]["id"], "ok");
    assert!(
        v.get("after_release").is_none(),
        "a person dehors has no after-release horizon"
    );
}

#[test]
fn a_broken_profile_is_explained() {
    let p = temp_file("broken.json", "{\"situation\": \"ailleurs\"}");
    let (code, _, err) = relais(&["match", "--profile", &p]);
    assert_eq!(code, 2);
    assert!(
        err.contains("ailleurs") && err.contains("dedans, dehors"),
        "{err}"
    );
}

#[test]
fn match_lists_the_offers_beyond_reach_apart() {
    let p = temp_file(
        "rhone.json",
        r#"{"situation":"dedans","establishment":"lyon-corbas","release_date":"2027-03-15","release_departement":"69","release_commune":"69259","banned_places":["69"]}"#,
    );
    let (code, out, err) = relais(&["match", "--profile", &p, "--json"]);
    assert_eq!(code, 0, "{err}");
    // The ban on the release département is a conflict the counsellor is told about.
    assert!(
        err.contains("release_departement") && err.contains("interdiction de paraître"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let beyond = v["after_release"]["beyond"].as_array().expect("beyond");
    assert!(!beyond.is_empty());
    assert!(beyond
        .iter()
        .all(|b| b["distance_km"].as_u64().is_some_and(|d| d >= 30)));
    let (_, text, _) = relais(&["match", "--profile", &p]);
    assert!(text.contains("Plus loin ("), "{text}");
    assert!(text.contains("au-delà du rayon de 30 km"), "{text}");
}

#[test]
fn check_says_what_a_former_commune_code_means() {
    let f = temp_file(
        "annecy.csv",
        "id;organisation;titre;type;milieu;departements;communes\na;A;B;aci;dehors;74;74011\n",
    );
    let (code, out, _) = relais(&["check", &f]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("74011 (Annecy-le-Vieux) est une commune déléguée d'Annecy (74010)"),
        "{out}"
    );
}

#[test]
fn lieu_gives_the_code_or_asks() {
    let (code, out, _) = relais(&["lieu", "Lyon", "3e"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("69383\tLyon 3e Arrondissement (69383)"),
        "{out}"
    );
    let (code, out, _) = relais(&["lieu", "69003"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("plusieurs lieux") && out.contains("69003\t") && out.contains("69383\t"),
        "{out}"
    );
}

#[test]
fn everyday_job_words_in_a_profile_become_rome_codes() {
    let f = temp_file(
        "jobs.csv",
        "id;organisation;titre;type;milieu;departements;secteurs\nbread;A;Fournil;aci;dehors;69;D1102\nother;A;Autre;aci;dehors;69;M1607\n",
    );
    let p = temp_file(
        "jobs.json",
        r#"{"situation":"dehors","residence_departement":"69","sectors":["boulanger","chauffeur","Chauffeur / Chauffeuse de bus"]}"#,
    );
    let (code, out, err) = relais(&["match", "--profile", &p, "--catalogue", &f, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("« boulanger » compris comme D1102 Boulangerie - viennoiserie"),
        "{err}"
    );
    assert!(
        err.contains("« chauffeur » désigne plusieurs métiers") && err.contains("N4101"),
        "{err}"
    );
    assert!(
        err.contains("compris comme N4103")
            && err.contains("métier réglementé : agrément ou casier possible, à vérifier"),
        "{err}"
    );
    assert!(!err.contains("Code ROME inconnu"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["now"]["fits"][0]["id"], "bread");
    let reasons = v["now"]["fits"][0]["reasons"].as_array().expect("reasons");
    assert!(
        reasons
            .iter()
            .any(|r| r["factor"] == "sectors" && r["points"] == 15),
        "{reasons:?}"
    );
}
