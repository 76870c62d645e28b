//! A profile written by hand names places (« Lyon », « Seine-Saint-Denis »): they are read as
//! the app's fields read them, and a court ban is never left unapplied for being a name.

mod common;

use common::{named_offers, profile, refdata};
use relais_core::date;
use relais_core::matching::{match_profile, Rule};
use relais_core::validation::{resolve_places, ProfileField};

fn offers() -> Vec<relais_core::model::Offer> {
    named_offers(&[
        "id=lyon7; organisation=Exemple; titre=Commis; type=emploi; milieu=dehors; departements=69; communes=69387",
        "id=villeurbanne; organisation=Exemple; titre=Commis; type=emploi; milieu=dehors; departements=69; communes=69266",
        "id=bobigny; organisation=Exemple; titre=Commis; type=emploi; milieu=dehors; departements=93; communes=93008",
        "id=saint-denis-reunion; organisation=Exemple; titre=Commis; type=emploi; milieu=dehors; departements=974; communes=97411",
    ])
}

fn banned_ids(json: &str) -> Vec<String> {
    let mut p = profile(json);
    resolve_places(refdata(), &mut p);
    excluded_by(&p, &offers(), Rule::BannedPlace)
}

/// The offers `rule` excludes now, for a profile already read, sorted.
fn excluded_by(
    p: &relais_core::model::Profile,
    offers: &[relais_core::model::Offer],
    rule: Rule,
) -> Vec<String> {
    let r = match_profile(
        p,
        offers,
        refdata(),
        date::parse("2026-11-30").expect("date"),
    );
    let mut ids: Vec<String> = r
        .now
        .excluded
        .iter()
        .filter(|x| x.rules.iter().any(|r| r.rule() == rule))
        .map(|x| x.id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_ban_written_lyon_excludes_lyon_7e_as_the_code_does() {
    let by_name = banned_ids(r#"{"situation":"dehors","banned_places":["Lyon"]}"#);
    let by_code = banned_ids(r#"{"situation":"dehors","banned_places":["69123"]}"#);
    assert_eq!(by_name, ["lyon7"]);
    assert_eq!(by_name, by_code);
    // Accents, case and hyphens as people type them.
    assert_eq!(
        banned_ids(r#"{"situation":"dehors","banned_places":["seine saint denis"]}"#),
        ["bobigny"]
    );
    assert_eq!(
        banned_ids(r#"{"situation":"dehors","banned_places":["Lyon 7e"]}"#),
        ["lyon7"]
    );
}

#[test]
fn a_name_that_means_several_places_bans_every_one_and_says_so() {
    // Saint-Denis is a commune of Seine-Saint-Denis and one of La Réunion.
    let mut p = profile(r#"{"situation":"dehors","banned_places":["Saint-Denis"]}"#);
    let readings = resolve_places(refdata(), &mut p);
    assert_eq!(readings.len(), 1);
    assert!(readings[0].is_ambiguous(), "{readings:?}");
    assert!(p.banned_places.contains(&"93066".to_string()), "{p:?}");
    assert!(p.banned_places.contains(&"97411".to_string()), "{p:?}");
    assert!(readings[0].fr().contains("tous sont tenus pour interdits"));
    assert_eq!(
        banned_ids(r#"{"situation":"dehors","banned_places":["Saint-Denis"]}"#),
        ["saint-denis-reunion"]
    );
}

#[test]
fn codes_are_kept_as_written_and_unknown_names_left_for_the_problems() {
    let mut p = profile(
        r#"{"situation":"dehors","banned_places":["93008","69","Nulle-Part-sur-Rien"],"residence_commune":"69387"}"#,
    );
    let readings = resolve_places(refdata(), &mut p);
    assert!(readings.is_empty(), "{readings:?}");
    assert_eq!(p.banned_places, ["93008", "69", "Nulle-Part-sur-Rien"]);
    assert!(p
        .problems(refdata())
        .iter()
        .any(|x| x.field == ProfileField::BannedPlaces));
}

#[test]
fn residence_and_release_places_by_name_become_codes() {
    let mut p = profile(
        r#"{"situation":"dehors","residence_commune":"Vénissieux","residence_departement":"Rhône"}"#,
    );
    let readings = resolve_places(refdata(), &mut p);
    assert_eq!(p.residence_commune.as_deref(), Some("69259"));
    assert_eq!(p.residence_departement.as_deref(), Some("69"));
    assert_eq!(readings.len(), 2);
    assert!(
        readings[0].fr().contains("Vénissieux (69259, Rhône)"),
        "{readings:?}"
    );
    // Resolving twice changes nothing.
    let again = resolve_places(refdata(), &mut p);
    assert!(again.is_empty());
}

#[test]
fn an_establishment_by_its_town_or_name_becomes_its_id_when_only_one_matches() {
    for written in [
        "Fleury-Mérogis",
        "fleury merogis",
        "Centre pénitentiaire de Fleury-Mérogis",
        "CP FLEURY MEROGIS",
    ] {
        let mut p = profile(&format!(
            r#"{{"situation":"dedans","establishment":"{written}"}}"#
        ));
        resolve_places(refdata(), &mut p);
        assert_eq!(
            p.establishment.as_deref(),
            Some("fleury-merogis"),
            "{written}"
        );
    }
    // A town with several establishments is not guessed.
    let towns: std::collections::HashMap<&str, usize> =
        refdata()
            .establishments
            .iter()
            .fold(Default::default(), |mut m, e| {
                *m.entry(e.commune_name.as_str()).or_default() += 1;
                m
            });
    if let Some((town, _)) = towns.iter().find(|(_, n)| **n > 1) {
        let mut p = profile(&format!(
            r#"{{"situation":"dedans","establishment":"{town}"}}"#
        ));
        resolve_places(refdata(), &mut p);
        assert_eq!(p.establishment.as_deref(), Some(*town));
    }
}

#[test]
fn a_ban_that_names_no_known_place_is_said_on_every_offer_held_somewhere() {
    let mut o = offers();
    o.extend(named_offers(&[
        "id=distance; organisation=Exemple; titre=Coaching; type=accompagnement; milieu=dehors; departements=*",
    ]));
    let mut p = profile(r#"{"situation":"dehors","banned_places":["Lyyon-sur-Rien"]}"#);
    resolve_places(refdata(), &mut p);
    let r = match_profile(&p, &o, refdata(), date::parse("2026-11-30").expect("date"));
    for f in &r.now.fits {
        let unread = f
            .warnings
            .iter()
            .any(|w| w.rule() == relais_core::matching::WarningKind::BannedPlaceUnknown);
        assert_eq!(unread, f.id != "distance", "{}: {:?}", f.id, f.warnings);
    }
    assert_eq!(r.now.fits.len(), 5);
}

/// An offer that gives only the person's département (the Bas-Rhin list of insertion
/// structures has no commune) is « in the département », never « less than 1 km » away because
/// the person lives in its chef-lieu; an offer at a known place nearby ranks above it.
#[test]
fn an_offer_known_by_its_departement_only_is_not_placed_at_its_chef_lieu() {
    let o = named_offers(&[
        "id=bas-rhin; organisation=Exemple; titre=ACI; type=aci; milieu=dehors; departements=67",
        "id=strasbourg; organisation=Exemple; titre=ACI; type=aci; milieu=dehors; departements=67; communes=67482",
    ]);
    for (commune, home) in [("67482", "Strasbourg"), ("67544", "Wissembourg")] {
        let p = profile(&format!(
            r#"{{"situation":"dehors","residence_commune":"{commune}"}}"#
        ));
        let r = match_profile(&p, &o, refdata(), date::parse("2026-11-30").expect("date"));
        let fit = r
            .now
            .fits
            .iter()
            .find(|f| f.id == "bas-rhin")
            .expect("fits");
        let place = fit
            .reasons
            .iter()
            .find(|x| x.factor() == relais_core::matching::Factor::Place)
            .expect("place reason");
        assert!(
            matches!(
                place.why,
                relais_core::matching::Why::SameDepartement { .. }
            ),
            "{home}: {place:?}"
        );
        assert_eq!(
            place.points,
            relais_core::matching::points::PLACE_DEPARTEMENT
        );
        if home == "Strasbourg" {
            assert_eq!(r.now.fits[0].id, "strasbourg");
        }
    }
}

/// « Le Port » is a commune of the Ariège and one of La Réunion: the profile's département
/// tells which; without it the commune is not guessed and the problem says it is ambiguous,
/// not unknown.
#[test]
fn a_commune_name_shared_by_two_departements_is_told_apart_by_the_profile_s_departement() {
    for dep in ["974", "La Réunion", "la reunion"] {
        let mut p = profile(&format!(
            r#"{{"situation": "dehors", "residence_commune": "Le Port", "residence_departement": "{dep}"}}"#
        ));
        resolve_places(refdata(), &mut p);
        assert_eq!(p.residence_commune.as_deref(), Some("97407"), "{dep}");
    }
    let mut p = profile(
        r#"{"situation": "dedans", "establishment": "fleury", "release_commune": "Le Port", "release_departement": "09"}"#,
    );
    resolve_places(refdata(), &mut p);
    assert_eq!(p.release_commune.as_deref(), Some("09231"));

    let mut p = profile(r#"{"situation": "dehors", "residence_commune": "Le Port"}"#);
    resolve_places(refdata(), &mut p);
    assert_eq!(
        p.residence_commune.as_deref(),
        Some("Le Port"),
        "not guessed"
    );
    let problems = p.problems(refdata());
    let said: Vec<String> = problems
        .iter()
        .filter(|x| x.field == ProfileField::ResidenceCommune)
        .map(|x| x.fr(refdata()))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("désigne plusieurs communes"), "{said:?}");
    assert!(!said[0].contains("inconnue"), "{said:?}");
}

/// An interdiction d'exercer written in the decision's words is read as the vocabulary's
/// activities (each one a text names), so that it excludes what its code excludes; a word of
/// no activity stays as written and is reported.
#[test]
fn a_ban_on_an_activity_in_words_holds_like_its_code() {
    let catalogue = named_offers(&[
        "id=creche; organisation=Exemple; titre=Crèche; type=emploi; milieu=dehors; departements=69; activites_reglementees=mineurs",
        "id=vigile; organisation=Exemple; titre=Vigile; type=emploi; milieu=dehors; departements=69; activites_reglementees=securite_privee",
        "id=taxi; organisation=Exemple; titre=Taxi; type=emploi; milieu=dehors; departements=69; activites_reglementees=transport_personnes",
        "id=bureau; organisation=Exemple; titre=Bureau; type=emploi; milieu=dehors; departements=69",
    ]);
    let excluded = |json: &str| {
        let mut p = profile(json);
        let readings = resolve_places(refdata(), &mut p);
        let ids = excluded_by(&p, &catalogue, Rule::BannedActivity);
        (ids, readings, p.banned_activities)
    };
    let (ids, readings, codes) =
        excluded(r#"{"situation":"dehors","banned_activities":["Enfants"]}"#);
    assert_eq!(ids, ["creche"]);
    assert_eq!(codes, ["mineurs"]);
    assert_eq!(
        readings.first().map(|r| r.fr()),
        Some(
            "« Enfants » compris comme Activité impliquant un contact habituel avec des mineurs"
                .to_string()
        )
    );
    // A sentence of the decision naming two activities bans both.
    let (ids, _, codes) = excluded(
        r#"{"situation":"dehors","banned_activities":["interdiction d'exercer une activité de gardiennage ou de chauffeur de taxi"]}"#,
    );
    assert_eq!(ids, ["taxi", "vigile"]);
    assert_eq!(codes, ["securite_privee", "transport_personnes"]);
    // Codes are kept as written; a word of no activity too (Profile::problems reports it).
    let (ids, readings, codes) =
        excluded(r#"{"situation":"dehors","banned_activities":["mineurs","jonglage"]}"#);
    assert_eq!(ids, ["creche"]);
    assert!(readings.is_empty());
    assert_eq!(codes, ["mineurs", "jonglage"]);
    // Whole words only: « barbecue » is not a bar.
    assert!(refdata().activities_in("barbecue").is_empty());
}
