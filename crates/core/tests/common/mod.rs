//! What the test binaries share: the reference data with the geography, parsed once per
//! binary, and catalogues written as rows or as named fields. `mod common;` in a test file.
#![allow(dead_code)] // each test binary uses its own part

use relais_core::catalogue::load;
use relais_core::{model::Offer, model::Profile, refdata::RefData};

/// The columns of FORMATS.md §1, in order.
pub const HEADER: &str = "id;organisation;titre;type;milieu;etablissements;departements;communes;secteurs;competences;mesures;horaires;activites_reglementees;casier;prerequis;debut;fin;places;date_maj;suite;contact;description";

/// The bundled reference data with `data/communes.csv` (37,000 rows): parsed once.
pub fn refdata() -> &'static RefData {
    static RD: std::sync::OnceLock<RefData> = std::sync::OnceLock::new();
    RD.get_or_init(|| {
        let mut rd = RefData::bundled().expect("bundled data");
        rd.add_communes(include_str!("../../../../data/communes.csv"))
            .expect("communes");
        rd
    })
}

/// Offers from `;`-separated rows under [`HEADER`]; any problem fails the test.
pub fn offers(rows: &[&str]) -> Vec<Offer> {
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    let loaded = load(csv.as_bytes(), "test.csv", refdata());
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.problems);
    loaded.offers
}

/// Offers each written as named fields (`id=cafe; type=aci; milieu=dedans`), the other
/// columns empty: a case says only what matters to it. Any problem fails the test.
pub fn named_offers(entries: &[&str]) -> Vec<Offer> {
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            let mut o = serde_json::Map::new();
            for pair in e.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let (k, v) = pair
                    .split_once('=')
                    .unwrap_or_else(|| panic!("« {pair} » is not name=value"));
                o.insert(k.trim().into(), serde_json::Value::String(v.trim().into()));
            }
            serde_json::Value::Object(o)
        })
        .collect();
    let json = serde_json::Value::Array(list).to_string();
    let loaded = load(json.as_bytes(), "case.json", refdata());
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.problems);
    loaded.offers
}

pub fn profile(json: &str) -> Profile {
    Profile::from_json(json).expect("profile")
}
