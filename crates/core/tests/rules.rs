//! The rules and the score, one counsellor's case at a time.

use relais_core::explain::{Explain, HorizonText as HorizonResult, ResultText};
use relais_core::lang::Lang;
use relais_core::matching::{Factor, WarningKind};
use relais_core::validation::Issue;
use relais_core::{date, matching::match_profile, model::Offer, model::Profile};

mod common;
use common::{offers, refdata};

fn profile(json: &str) -> Profile {
    Profile::from_json(json).expect("profile")
}

/// The result in the words of FORMATS.md §3 (French, places with their code).
fn run(p: &Profile, o: &[Offer]) -> ResultText {
    let r = match_profile(p, o, refdata(), date::parse("2026-11-23").unwrap());
    Explain::new(refdata(), Lang::Fr).result(&r)
}

fn fits(h: &HorizonResult, id: &str) -> bool {
    h.fits.iter().any(|f| f.id == id)
}

fn rules_of<'a>(h: &'a HorizonResult, id: &str) -> Vec<(&'a str, &'a str)> {
    h.excluded
        .iter()
        .filter(|x| x.id == id)
        .flat_map(|x| x.rules.iter().map(|r| (r.rule.code(), r.text.as_str())))
        .collect()
}

/// The warnings of an offer that fits, within reach or beyond it.
fn warnings_of<'a>(h: &'a HorizonResult, id: &str) -> Vec<(&'a str, &'a str)> {
    let fits = h
        .fits
        .iter()
        .filter(|x| x.id == id)
        .flat_map(|x| &x.warnings);
    let beyond = h
        .beyond
        .iter()
        .filter(|x| x.id == id)
        .flat_map(|x| &x.warnings);
    fits.chain(beyond)
        .map(|r| (r.rule.code(), r.text.as_str()))
        .collect()
}

const CAFE: &str = "cafe;Université du café;Torréfaction;aci;dedans;fleury-merogis;;;G1803;torréfaction,service en salle;;lun-ven 08:30-16:30;;;;;;12;2026-10-01;cafe-dehors;;";
const CAFE_OUT: &str = "cafe-dehors;Université du café;Café dehors;aci;dehors;;91,75;;G1803;service en salle;;lun-ven 08:30-16:30;;;;;;8;2026-10-01;;;";
const NANTES: &str = "nantes;Permis de construire;Orientation emploi;accompagnement;dehors;;44;44109;;;;;;;;;;20;2026-09-01;;;";
const BOBIGNY: &str = "bobigny;Resto Exemple;Commis de cuisine;emploi;dehors;;93;93008;G1602;cuisine;;mar-sam 18:00-23:30;;b2;;;;3;2026-11-01;;;";
const SEINE_ST_DENIS: &str = "ssd;Atelier Exemple;Peinture;aci;dehors;;93;;F1606;peinture;;lun-ven 08:00-15:00;;;;;;6;2026-11-01;;;";
const CRECHE: &str = "creche;Crèche Exemple;Agent de crèche;emploi;dehors;;69;;K2104;animation;;lun-ven 08:00-17:00;mineurs;;;;;2;2026-11-01;;;";
const SECURITE: &str = "secu;Sécu Exemple;Agent de sécurité;formation;dehors;;69;;K2503;surveillance;;lun-ven 09:00-17:00;securite_privee;b2_vierge;;;;10;2026-11-01;;;";
const TIG: &str = "tig-lyon;Mairie Exemple;Accueil TIG espaces verts;tig;dehors;;69;;A1203;espaces verts;tig;lun-ven 08:00-12:00;;;;;;4;2026-11-01;;;";
const OLD: &str = "old;Asso Exemple;Session finie;formation;dehors;;69;;;;;;;;;2026-01-10;2026-06-30;10;2026-01-01;;;";
const LATE: &str = "late;Asso Exemple;Finit avant la sortie;formation;dehors;;44;;;;;;;;;2026-10-01;2027-01-31;10;2026-11-01;;;";
const REMOTE: &str = "remote;Webforce3;Code à distance;formation;dehors;;*;;M1805;informatique;;;;;permis_b;;;;2026-11-01;;;";

#[test]
fn dedans_at_fleury_sees_the_coffee_workshop_and_its_continuation() {
    let p = profile(
        r#"{"situation":"dedans","establishment":"fleury-merogis","release_date":"2027-03-15","release_departement":"91","skills":["torrefaction"]}"#,
    );
    let o = offers(&[CAFE, CAFE_OUT, NANTES]);
    let r = run(&p, &o);
    assert!(fits(&r.now, "cafe"));
    let cafe = &r.now.fits[0];
    assert!(
        cafe.reasons
            .iter()
            .any(|x| x.factor == Factor::Continuation && x.text.contains("Café dehors")),
        "{cafe:?}"
    );
    assert!(cafe
        .reasons
        .iter()
        .any(|x| x.factor == Factor::Place && x.text.contains("Fleury-Mérogis")));
    // Dehors offers are not for a detained person without semi-liberté.
    assert_eq!(rules_of(&r.now, "nantes")[0].0, "situation");
    let after = r.after_release.as_ref().unwrap();
    assert_eq!(rules_of(after, "cafe")[0].0, "situation");
    let cont = after.fits.iter().find(|f| f.id == "cafe-dehors").unwrap();
    assert!(cont
        .reasons
        .iter()
        .any(|x| x.factor == Factor::Continuation));
    assert_eq!(
        after.fits[0].id, "cafe-dehors",
        "the continuation near home ranks first"
    );
}

#[test]
fn an_inside_offer_in_another_prison_is_excluded_by_establishment() {
    let p = profile(r#"{"situation":"dedans","establishment":"fresnes"}"#);
    let r = run(&p, &offers(&[CAFE, CAFE_OUT]));
    let rules = rules_of(&r.now, "cafe");
    assert_eq!(rules[0].0, "establishment");
    assert!(
        rules[0].1.contains("Fleury-Mérogis") && rules[0].1.contains("Fresnes"),
        "{rules:?}"
    );
}

#[test]
fn semi_liberte_opens_outside_offers_of_the_establishment_departement_within_the_curfew() {
    let p = profile(
        r#"{"situation":"dedans","establishment":"fleury-merogis","measures":["semi_liberte"],"curfew":"lun-dim 19:00-07:00"}"#,
    );
    let r = run(&p, &offers(&[CAFE_OUT, NANTES]));
    assert!(
        fits(&r.now, "cafe-dehors"),
        "Essonne is the establishment's département"
    );
    assert_eq!(rules_of(&r.now, "nantes")[0].0, "situation");
}

#[test]
fn interdiction_de_paraitre_on_a_commune_excludes_an_offer_there_and_warns_on_vague_ones() {
    let p =
        profile(r#"{"situation":"dehors","residence_departement":"93","banned_places":["93008"]}"#);
    let r = run(&p, &offers(&[BOBIGNY, SEINE_ST_DENIS]));
    let rules = rules_of(&r.now, "bobigny");
    assert_eq!(
        rules,
        vec![(
            "banned_place",
            "Interdiction de paraître : Bobigny (93008) ; l'offre a lieu dans cette commune."
        )]
    );
    let w = warnings_of(&r.now, "ssd");
    assert!(
        w.iter()
            .any(|(rule, text)| *rule == "banned_place_unknown" && text.contains("Bobigny")),
        "{w:?}"
    );
}

#[test]
fn interdiction_de_paraitre_on_a_departement_holds_after_release_too() {
    let p = profile(
        r#"{"situation":"dedans","establishment":"fleury-merogis","release_date":"2027-03-15","release_departement":"93","banned_places":["93"]}"#,
    );
    let r = run(&p, &offers(&[BOBIGNY, SEINE_ST_DENIS, CAFE_OUT]));
    let after = r.after_release.unwrap();
    assert_eq!(rules_of(&after, "bobigny")[0].0, "banned_place");
    assert!(rules_of(&after, "ssd")[0]
        .1
        .contains("Seine-Saint-Denis (93)"));
    assert!(fits(&after, "cafe-dehors"));
}

#[test]
fn a_ddse_curfew_excludes_an_evening_job_and_says_when() {
    let p = profile(
        r#"{"situation":"dehors","measures":["ddse"],"residence_departement":"93","curfew":"lun-dim 20:00-07:00"}"#,
    );
    let r = run(&p, &offers(&[BOBIGNY, SEINE_ST_DENIS, NANTES]));
    let rules = rules_of(&r.now, "bobigny");
    assert_eq!(rules[0].0, "curfew");
    // In words, as a counsellor reads it aloud: never `Tu-Sa 18:00-23:30`.
    assert!(
        rules[0].1.contains("notamment le mardi de 20 h à 23 h 30")
            && rules[0].1.contains("(tous les jours, 20 h – 7 h)"),
        "{rules:?}"
    );
    assert!(fits(&r.now, "ssd"));
    // Hours unknown: it fits, but the counsellor is told to check.
    assert!(warnings_of(&r.now, "nantes")
        .iter()
        .any(|(rule, _)| *rule == "curfew_unknown"));
}

#[test]
fn interdiction_d_exercer_and_clean_record_requirement_are_hard_rules() {
    let p = profile(
        r#"{"situation":"dehors","residence_departement":"69","banned_activities":["mineurs"],"record":{"b2":true}}"#,
    );
    let r = run(&p, &offers(&[CRECHE, SECURITE]));
    assert_eq!(rules_of(&r.now, "creche")[0].0, "banned_activity");
    assert!(
        rules_of(&r.now, "creche")[0].1.contains("mineurs")
            || rules_of(&r.now, "creche")[0].1.contains("Mineurs")
    );
    assert_eq!(rules_of(&r.now, "secu")[0].0, "record_b2");
}

#[test]
fn a_b2_read_by_the_employer_is_a_warning_not_an_exclusion() {
    let p = profile(r#"{"situation":"dehors","residence_departement":"93","record":{"b2":true}}"#);
    let r = run(&p, &offers(&[BOBIGNY]));
    assert!(warnings_of(&r.now, "bobigny")
        .iter()
        .any(|(rule, _)| *rule == "record_b2"));
}

#[test]
fn a_tig_host_takes_only_people_sentenced_to_tig() {
    let p = profile(
        r#"{"situation":"dehors","residence_departement":"69","measures":["sursis_probatoire"]}"#,
    );
    let r = run(&p, &offers(&[TIG]));
    assert_eq!(rules_of(&r.now, "tig-lyon")[0].0, "measure");
    let p = profile(r#"{"situation":"dehors","residence_departement":"69","measures":["tig"]}"#);
    assert!(fits(&run(&p, &offers(&[TIG])).now, "tig-lyon"));
    let p = profile(r#"{"situation":"dehors","residence_departement":"69"}"#);
    let r = run(&p, &offers(&[TIG]));
    assert!(rules_of(&r.now, "tig-lyon")[0]
        .1
        .contains("aucune de ces mesures"));
}

#[test]
fn dates_that_cannot_be_met_exclude_in_each_horizon() {
    let p = profile(
        r#"{"situation":"dedans","establishment":"fleury-merogis","release_date":"2027-03-15","release_departement":"44"}"#,
    );
    let r = run(&p, &offers(&[OLD, LATE]));
    let after = r.after_release.unwrap();
    assert!(rules_of(&after, "old")[0].1.contains("30/06/2026"));
    let late = rules_of(&after, "late");
    assert_eq!(late[0].0, "dates");
    assert!(
        late[0].1.contains("31/01/2027") && late[0].1.contains("15/03/2027"),
        "{late:?}"
    );
}

#[test]
fn remote_offers_fit_anywhere_and_missing_prerequisites_are_warned() {
    let p = profile(
        r#"{"situation":"dehors","residence_departement":"974","skills":["informatique"]}"#,
    );
    let r = run(&p, &offers(&[REMOTE]));
    let f = &r.now.fits[0];
    assert!(f
        .reasons
        .iter()
        .any(|x| x.factor == Factor::Place && x.points > 0));
    assert!(
        f.warnings
            .iter()
            .any(|w| w.rule == WarningKind::Prerequisite && w.text.contains("ermis")),
        "{:?}",
        f.warnings
    );
    assert!(f
        .warnings
        .iter()
        .any(|w| w.rule == WarningKind::SeatsUnknown));
}

#[test]
fn scores_prefer_skills_sector_and_nearness_and_add_up() {
    let p = profile(
        r#"{"situation":"dehors","residence_departement":"93","skills":["peinture"],"sectors":["F16"],"obligations":["travail"]}"#,
    );
    let r = run(&p, &offers(&[SEINE_ST_DENIS, CRECHE, NANTES]));
    assert_eq!(r.now.fits[0].id, "ssd");
    for f in &r.now.fits {
        assert_eq!(f.score, f.reasons.iter().map(|x| x.points).sum::<u32>());
        assert!(!f.reasons.is_empty());
    }
    let ssd = &r.now.fits[0];
    for factor in [
        Factor::Skills,
        Factor::Sectors,
        Factor::Place,
        Factor::Timing,
        Factor::Obligations,
    ] {
        assert!(
            ssd.reasons.iter().any(|x| x.factor == factor),
            "missing {factor}: {ssd:?}"
        );
    }
}

#[test]
fn an_offer_not_checked_for_six_months_is_flagged() {
    let p = profile(r#"{"situation":"dehors","residence_departement":"69"}"#);
    let stale = OLD.replace("2026-06-30", "2027-06-30");
    let r = run(&p, &offers(&[&stale]));
    assert!(warnings_of(&r.now, "old")
        .iter()
        .any(|(rule, t)| *rule == "stale" && t.contains("01/01/2026")));
}

#[test]
fn a_detained_person_without_establishment_sees_why_nothing_inside_fits() {
    let p = profile(r#"{"situation":"dedans"}"#);
    let r = run(&p, &offers(&[CAFE, CAFE_OUT]));
    assert_eq!(rules_of(&r.now, "cafe")[0].0, "establishment");
    assert!(rules_of(&r.now, "cafe")[0].1.contains("pas renseigné"));
    let after = r.after_release.unwrap();
    assert!(
        fits(&after, "cafe-dehors"),
        "after release does not need the establishment"
    );
}

#[test]
fn profile_problems_name_the_field_to_fix() {
    let p = profile(
        r#"{"situation":"dedans","establishment":"nulle-part","banned_places":["99","93000"],"curfew":"le soir","sectors":["Z9"],"residence_departement":"20"}"#,
    );
    let problems = p.problems(refdata());
    let fields: Vec<&str> = problems.iter().map(|p| p.field.code()).collect();
    assert_eq!(
        fields,
        vec![
            "establishment",
            "release_date",
            "residence_departement",
            "banned_places",
            "banned_places",
            "curfew",
            "sectors"
        ],
        "{problems:?}"
    );
    assert_eq!(
        problems[0].issue,
        Issue::EstablishmentUnknown {
            written: "nulle-part".into()
        }
    );
    assert!(problems[0].fr(refdata()).contains("nulle-part"));
    let ok = profile(include_str!("../../../docs/examples/dehors-ddse.json"));
    assert!(ok.problems(refdata()).is_empty());
}

#[test]
fn an_offer_excluded_only_by_decisions_that_end_is_possible_from_their_end() {
    // Dehors in the 93, banned from Bobigny until 15 March 2027, curfew until 1 June 2027.
    let p = profile(
        r#"{"situation":"dehors","measures":["ddse"],"residence_departement":"93","banned_places":["93008"],"banned_places_until":"2027-03-15","curfew":"lun-dim 20:00-07:00","curfew_until":"2027-06-01"}"#,
    );
    let r = run(&p, &offers(&[BOBIGNY, SEINE_ST_DENIS, NANTES]));
    let x = r
        .now
        .excluded
        .iter()
        .find(|x| x.id == "bobigny")
        .expect("excluded now");
    let codes: Vec<&str> = x.rules.iter().map(|r| r.rule.code()).collect();
    assert_eq!(codes, vec!["banned_place", "curfew"]);
    // Both end: possible from the later end, the rules still listed until then.
    assert_eq!(x.possible_from, date::parse("2027-06-01"));
    // In JSON (relais match --json): the date, ISO; absent when unknown.
    let json = serde_json::to_value(&r.now).expect("json");
    let bob = json["excluded"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == "bobigny"))
        .expect("in the JSON");
    assert_eq!(bob["possible_from"], "2027-06-01");

    // The curfew's end not known: the offer stays excluded with no date.
    let mut q = p.clone();
    q.curfew_until = None;
    let r = run(&q, &offers(&[BOBIGNY]));
    assert_eq!(r.now.excluded[0].possible_from, None);
    let json = serde_json::to_value(&r.now).expect("json");
    assert!(json["excluded"][0].get("possible_from").is_none());

    // An offer that ends before the ban does: never possible.
    let short = BOBIGNY.replace(";;;3;2026-11-01;;;", ";;2027-01-31;3;2026-11-01;;;");
    let r = run(&p, &offers(&[short.as_str()]));
    let x = &r.now.excluded[0];
    assert_eq!(x.id, "bobigny");
    let codes: Vec<&str> = x.rules.iter().map(|r| r.rule.code()).collect();
    assert_eq!(codes, vec!["banned_place", "curfew"], "only rules that end");
    assert_eq!(x.possible_from, None, "{x:?}");

    // A rule that does not end (the offer is for another situation) leaves no date.
    let fleury = profile(
        r#"{"situation":"dedans","establishment":"fleury-merogis","release_date":"2027-03-15","release_departement":"93","banned_places":["93008"],"banned_places_until":"2028-01-01"}"#,
    );
    let r = run(&fleury, &offers(&[BOBIGNY]));
    assert_eq!(
        r.now.excluded[0].possible_from, None,
        "dehors offer, dedans now"
    );
    let after = r.after_release.expect("after release");
    assert_eq!(after.excluded[0].possible_from, date::parse("2028-01-01"));
}
