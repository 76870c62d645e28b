//! Full results for the two example profiles against the seed catalogue, reviewed once and
//! kept: any change in a rule, a score or a sentence shows up here as a diff to read.

use relais_core::catalogue::load;
use relais_core::refdata::SEED_CATALOGUE;
use relais_core::{date, match_profile, Profile};

mod common;

fn result_for(profile: &str) -> relais_core::MatchResult {
    let rd = common::refdata();
    let offers = load(SEED_CATALOGUE.as_bytes(), "data/catalogue.csv", rd).offers;
    let p = Profile::from_json(profile).expect("profile");
    match_profile(&p, &offers, rd, date::parse("2026-11-23").expect("date"))
}

#[test]
fn dedans_at_fleury_released_to_loire_atlantique() {
    insta::assert_json_snapshot!(result_for(include_str!(
        "../../../docs/examples/dedans-fleury.json"
    )));
}

#[test]
fn dehors_under_ddse_in_the_rhone() {
    insta::assert_json_snapshot!(result_for(include_str!(
        "../../../docs/examples/dehors-ddse.json"
    )));
}
