//! Paris, Lyon and Marseille are one commune each, in arrondissements. An offer whose address
//! is in one is placed in it, whatever the file calls the town: a ban on « Paris 3e » must
//! exclude a place at 201 rue Saint-Martin, 75003 Paris, not merely warn that it may be there.

mod common;

use common::{profile, refdata};
use relais_core::catalogue::load;
use relais_core::date;
use relais_core::matching::{match_profile, Rule};
use relais_core::validation::resolve_places;

fn soliguide(postal: &str, town: &str, lon: f64, lat: f64, id: u32) -> String {
    format!(
        r#"{{"lieu_id": {id}, "name": "Accueil {id}", "status": "ONLINE", "position": {{"codePostal": "{postal}", "ville": "{town}", "departementCode": "{}", "location": {{"type": "Point", "coordinates": [{lon}, {lat}]}}}}, "services_all": []}}"#,
        postal.get(..2).unwrap_or_default()
    )
}

fn banned_ids(offers: &[relais_core::model::Offer], bans: &str) -> Vec<String> {
    let mut p = profile(&format!(
        r#"{{"situation":"dehors","residence_commune":"75118","banned_places":[{bans}]}}"#
    ));
    resolve_places(refdata(), &mut p);
    let r = match_profile(
        &p,
        offers,
        refdata(),
        date::parse("2026-12-01").expect("date"),
    );
    let mut ids: Vec<String> = r
        .now
        .excluded
        .iter()
        .filter(|x| x.rules.iter().any(|r| r.rule() == Rule::BannedPlace))
        .map(|x| x.id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_soliguide_place_in_an_arrondissement_is_placed_in_it() {
    let json = format!(
        "[{}, {}, {}]",
        soliguide("75003", "Paris", 2.3525585, 48.8634914, 1),
        soliguide("69007", "Lyon", 4.84, 45.745, 2),
        soliguide("13001", "MARSEILLE", 5.38, 43.30, 3),
    );
    let loaded = load(json.as_bytes(), "soliguide.json", refdata());
    assert_eq!(loaded.offers.len(), 3, "{:#?}", loaded.problems);
    let communes: Vec<Vec<String>> = loaded
        .offers
        .iter()
        .map(|o| o.communes().iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        communes,
        [
            &["75103".to_string()][..],
            &["69387".to_string()],
            &["13201".to_string()]
        ]
    );
    assert_eq!(
        banned_ids(&loaded.offers, r#""Paris 3e", "Lyon 7e", "Marseille 1er""#),
        ["soliguide-1", "soliguide-2", "soliguide-3"]
    );
    // A ban on the whole city still covers its arrondissements; one on another spares them.
    assert_eq!(banned_ids(&loaded.offers, r#""Paris""#), ["soliguide-1"]);
    assert!(banned_ids(&loaded.offers, r#""Paris 4e", "Lyon 3e""#).is_empty());
}

#[test]
fn a_data_inclusion_service_under_the_city_code_is_placed_by_its_postal_code() {
    let json = r#"[
      {"id":"s1","nom":"Accueil","structure_id":"x","source":"test","code_insee":"75056","code_postal":"75003","commune":"Paris"},
      {"id":"s2","nom":"Accueil","structure_id":"x","source":"test","code_insee":"69123","code_postal":"69007","commune":"Lyon"},
      {"id":"s3","nom":"Accueil","structure_id":"x","source":"test","code_insee":"69123","commune":"Lyon"},
      {"id":"s4","nom":"Accueil","structure_id":"x","source":"test","code_insee":"75056","code_postal":"75016","commune":"Paris"}
    ]"#;
    let loaded = load(json.as_bytes(), "di.json", refdata());
    assert_eq!(loaded.offers.len(), 4, "{:#?}", loaded.problems);
    let communes: Vec<Vec<String>> = loaded
        .offers
        .iter()
        .map(|o| o.communes().iter().map(|c| c.to_string()).collect())
        .collect();
    // 75016 serves Paris 16e only (INSEE 75116): placed there. With no
    // postal code, the city as a whole stays.
    assert_eq!(
        communes,
        [
            &["75103".to_string()][..],
            &["69387".to_string()],
            &["69123".to_string()],
            &["75116".to_string()]
        ]
    );
    assert_eq!(banned_ids(&loaded.offers, r#""Paris 3e""#), ["s1"]);
}
