//! A profile written by hand with place names: the ban on « Lyon » holds on the seed
//! catalogue's offer in Lyon 7e, as the ban on 69123 does, and stderr says how it was read.

mod common;
use common::relais;

fn profile_file(name: &str, json: &str) -> String {
    let dir = std::env::temp_dir().join(format!("relais-places-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, json).expect("write profile");
    path.to_string_lossy().into_owned()
}

fn excluded_by_ban(json_out: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json_out).expect("json");
    let mut ids: Vec<String> = v["now"]["excluded"]
        .as_array()
        .expect("excluded")
        .iter()
        .filter(|x| {
            x["rules"]
                .as_array()
                .is_some_and(|r| r.iter().any(|r| r["rule"] == "banned_place"))
        })
        .filter_map(|x| x["id"].as_str().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_ban_written_as_a_name_holds_like_its_code() {
    let base = r#"{"situation":"dehors","residence_departement":"69","residence_commune":"69266","#;
    let by_name = profile_file("name.json", &format!(r#"{base}"banned_places":["Lyon"]}}"#));
    let by_code = profile_file(
        "code.json",
        &format!(r#"{base}"banned_places":["69123"]}}"#),
    );
    let today = ["--today", "2026-11-30", "--json"];
    let (code, out_name, err) = relais(&[&["match", "--profile", &by_name][..], &today].concat());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("« Lyon » compris comme Lyon (69123, Rhône)"),
        "stderr says how the name was read: {err}"
    );
    assert!(!err.contains("Lieu inconnu"), "{err}");
    let (code, out_code, err) = relais(&[&["match", "--profile", &by_code][..], &today].concat());
    assert_eq!(code, 0, "{err}");
    let named = excluded_by_ban(&out_name);
    assert!(
        named.iter().any(|id| id == "ex-lyon-traiteur-ei"),
        "the seed's offer in Lyon 7e is excluded: {named:?}"
    );
    assert_eq!(named, excluded_by_ban(&out_code));
}
