//! `relais match` reads one CSV catalogue as a stream, chunk by chunk (issue 16): the
//! counsellor gets the same result, the same problems, as when the file is read whole —
//! `suite` links and duplicate ids crossing chunks included.

mod common;
use common::relais;

fn temp_file(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("relais-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write");
    p.to_string_lossy().into_owned()
}

/// The seed catalogue, its rows reversed (a `suite` often named before its offer) with rows
/// that test what crosses chunks.
fn catalogue() -> String {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/catalogue.csv"
    ))
    .expect("seed catalogue");
    let mut lines = seed.lines();
    let header = lines.next().expect("header");
    let mut rows: Vec<&str> = lines.collect();
    rows.reverse();
    let mut out = format!("{header}\n");
    for (i, r) in rows.iter().enumerate() {
        out.push_str(r);
        out.push('\n');
        if i == 10 {
            // A duplicate id of an offer linked by `suite`, and of one that is not.
            out.push_str("cafe-fleury-aci;Autre;Doublon lié;aci;dedans;fleury-merogis;;;G1803;cuisine;;;;;;;;;2026-10-01;;;\n");
            out.push_str("dup-simple;Asso;Premier;atelier;dedans;fleury-merogis;;;G1803;cuisine;;;;;;;;;2026-10-01;;;\n");
            // A quoted description over three lines.
            out.push_str("multi;Asso;Sur plusieurs lignes;atelier;dedans;fleury-merogis;;;G1803;cuisine;;;;;;;;;2026-10-01;;;\"ligne un\nligne deux ; \"\"citée\"\"\nligne trois\"\n");
        }
    }
    out.push_str("dup-simple;Asso;Second;atelier;dedans;fleury-merogis;;;G1803;cuisine;;;;;;;;;2026-10-01;;;\n");
    out.push_str("soi-meme;Asso;Suite de soi;atelier;dedans;fleury-merogis;;;G1803;cuisine;;;;;;;;;2026-10-01;soi-meme;;\n");
    out.push_str("suite-inconnue;Asso;Suite perdue;atelier;dedans;fleury-merogis;;;G1803;cuisine;;;;;;;;;2026-10-01;nulle-part;;\n");
    out.push_str("ligne-fausse;Asso;Type faux;stage;dedans;fleury-merogis;;;;;;;;;;;;;;;;\n");
    out.push_str(
        "tardive;Asso;Continue cafe;aci;dehors;;91;;G1803;cuisine;;;;;;;;;2026-10-01;;;\n",
    );
    out.push_str("source-tardive;Asso;Vers tardive;atelier;dedans;fleury-merogis;;;G1803;cuisine;;;;;;;;;2026-10-01;tardive;;\n");
    out
}

/// stdout, and stderr's lines sorted (chunks say their problems chunk by chunk).
fn run(profile: &str, file: &str, rows: &str, json: bool) -> (String, Vec<String>) {
    let mut args = vec![
        "match",
        "--profile",
        profile,
        "--catalogue",
        file,
        "--rows-per-chunk",
        rows,
    ];
    if json {
        args.push("--json");
    }
    let (code, out, err) = relais(&args);
    assert_eq!(code, 0, "{err}");
    let mut err: Vec<String> = err.lines().map(str::to_string).collect();
    err.sort();
    (out, err)
}

#[test]
fn a_catalogue_read_in_chunks_gives_what_the_whole_file_gives() {
    let file = temp_file("streamed.csv", &catalogue());
    for profile in [
        "docs/examples/dedans-fleury.json",
        "docs/examples/dehors-ddse.json",
    ] {
        if !std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join(profile)
            .exists()
        {
            continue;
        }
        let (whole_json, whole_err) = run(profile, &file, "0", true);
        let whole: serde_json::Value = serde_json::from_str(&whole_json).expect("json");
        assert!(
            !whole["now"]["fits"].as_array().expect("fits").is_empty(),
            "{profile}: the test needs offers that fit"
        );
        for rows in ["1", "3", "7", "1000"] {
            let (json, err) = run(profile, &file, rows, true);
            let streamed: serde_json::Value = serde_json::from_str(&json).expect("json");
            assert_eq!(streamed, whole, "{profile}, {rows} rows per chunk: JSON");
            assert_eq!(err, whole_err, "{profile}, {rows} rows per chunk: problems");
            let (text, _) = run(profile, &file, rows, false);
            let (whole_text, _) = run(profile, &file, "0", false);
            assert_eq!(
                text, whole_text,
                "{profile}, {rows} rows per chunk: listing"
            );
        }
    }
    // What crosses chunks was there to be checked.
    let (_, err) = run("docs/examples/dedans-fleury.json", &file, "3", true);
    let err = err.join("\n");
    assert!(
        err.contains("identifiant « cafe-fleury-aci » déjà utilisé"),
        "{err}"
    );
    assert!(
        err.contains("identifiant « dup-simple » déjà utilisé"),
        "{err}"
    );
    assert!(
        err.contains("la suite « soi-meme » est l'offre elle-même"),
        "{err}"
    );
    assert!(
        err.contains("la suite « nulle-part » ne correspond à aucune offre"),
        "{err}"
    );
    assert!(err.contains("type inconnu « stage »"), "{err}");
    let (json, _) = run("docs/examples/dedans-fleury.json", &file, "3", true);
    assert!(
        json.contains("continuation"),
        "a `suite` link scored across chunks"
    );
}

#[test]
fn a_synthetic_catalogue_is_written_as_csv_and_read_back() {
    let (code, csv, err) = relais(&["synthetic", "500"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(csv.lines().count(), 501);
    let file = temp_file("synthetic.csv", &csv);
    let (code, out, _) = relais(&["check", &file]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("500 offre(s) valide(s)"), "{out}");
}
