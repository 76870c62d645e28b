//! Full results for the two example profiles against the seed catalogue, reviewed once and
//! kept: any change in a rule, a score or a sentence shows up here as a diff to read.

use relais_core::catalogue::load;
use relais_core::refdata::SEED_CATALOGUE;
use relais_core::{date, matching::match_profile, model::Profile};

mod common;

/// The result in the words of FORMATS.md §3: French, places with their code.
fn result_for(profile: &str) -> relais_core::explain::ResultText {
    let rd = common::refdata();
    let offers = load(SEED_CATALOGUE.as_bytes(), "data/catalogue.csv", rd).offers;
    let p = Profile::from_json(profile).expect("profile");
    let r = match_profile(&p, &offers, rd, date::parse("2026-11-23").expect("date"));
    relais_core::explain::Explain::new(rd, relais_core::lang::Lang::Fr).result(&r)
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
