//! Places as the law and the person see them: bans on cities and their parts, former
//! communes, postal codes, overseas communes, typed places, and reach by distance. Real INSEE
//! codes throughout.

use relais_core::catalogue::load;
use relais_core::explain::{Explain, HorizonText as HorizonResult, ResultText};
use relais_core::lang::Lang;
use relais_core::matching::Factor;
use relais_core::places::Reading;
use relais_core::refdata::PlaceKind;
use relais_core::validation::ProfileField;
use relais_core::{
    date, matching::match_profile, model::Offer, model::Profile, places::resolve_place_input,
    places::suggest_places, places::PlaceMatch, refdata::RefData,
};
use std::sync::OnceLock;

const HEADER: &str = "id;organisation;titre;type;milieu;etablissements;departements;communes;secteurs;competences;mesures;horaires;activites_reglementees;casier;prerequis;debut;fin;places;date_maj;suite;contact;description";

fn rd() -> &'static RefData {
    static RD: OnceLock<RefData> = OnceLock::new();
    RD.get_or_init(|| {
        RefData::bundled()
            .and_then(|rd| rd.with_places(include_str!("../../../data/communes.csv")))
            .expect("reference data")
    })
}

/// An outside job at these places (`departements` may be empty when communes are given).
fn row(id: &str, departements: &str, communes: &str) -> String {
    format!(
        "{id};Exemple;Poste {id};emploi;dehors;;{departements};{communes};;;;;;;;;;5;2026-11-01;;;"
    )
}

fn offers(rows: &[String]) -> Vec<Offer> {
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    let loaded = load(csv.as_bytes(), "test.csv", rd());
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.problems);
    loaded.offers
}

fn dehors(extra: &str) -> Profile {
    Profile::from_json(&format!(r#"{{"situation":"dehors"{extra}}}"#)).expect("profile")
}

/// The result in the words of FORMATS.md §3 (French, places with their code).
fn run(p: &Profile, o: &[Offer]) -> ResultText {
    let r = match_profile(p, o, rd(), date::parse("2026-11-23").expect("date"));
    Explain::new(rd(), Lang::Fr).result(&r)
}

fn excluded<'a>(h: &'a HorizonResult, id: &str) -> Vec<&'a str> {
    h.excluded
        .iter()
        .filter(|x| x.id == id)
        .flat_map(|x| x.rules.iter().map(|r| r.text.as_str()))
        .collect()
}

fn warnings<'a>(h: &'a HorizonResult, id: &str) -> Vec<(&'a str, &'a str)> {
    h.fits
        .iter()
        .filter(|f| f.id == id)
        .flat_map(|f| f.warnings.iter().map(|w| (w.rule.code(), w.text.as_str())))
        .collect()
}

fn fits(h: &HorizonResult, id: &str) -> bool {
    h.fits.iter().any(|f| f.id == id)
}

fn place_reason<'a>(h: &'a HorizonResult, id: &str) -> &'a str {
    h.fits
        .iter()
        .find(|f| f.id == id)
        .and_then(|f| f.reasons.iter().find(|r| r.factor == Factor::Place))
        .map_or("", |r| r.text.as_str())
}

#[test]
fn a_ban_on_lyon_excludes_an_offer_in_its_7th_arrondissement_and_names_both() {
    let o = offers(&[
        row("traiteur", "69", "69387"),
        row("villeurbanne", "69", "69266"),
    ]);
    let r = run(
        &dehors(r#","residence_commune":"69259","banned_places":["69123"]"#),
        &o,
    );
    let why = excluded(&r.now, "traiteur");
    assert_eq!(
        why,
        ["Interdiction de paraître : Lyon (69123) ; l'offre a lieu à Lyon 7e Arrondissement (69387)."]
    );
    assert!(fits(&r.now, "villeurbanne"));
}

#[test]
fn bans_on_paris_and_marseille_cover_their_arrondissements() {
    let o = offers(&[
        row("paris15", "75", "75115"),
        row("marseille9", "13", "13209"),
    ]);
    let r = run(&dehors(r#","banned_places":["75056","13055"]"#), &o);
    assert!(excluded(&r.now, "paris15")[0].contains("Paris 15e Arrondissement (75115)"));
    assert!(excluded(&r.now, "marseille9")[0].contains("Marseille (13055)"));
    // Paris is a commune and a département: an offer « in Paris (75) » is in the banned city.
    let o = offers(&[row("paris", "75", "")]);
    let r = run(&dehors(r#","banned_places":["75056"]"#), &o);
    assert_eq!(
        excluded(&r.now, "paris"),
        ["Interdiction de paraître : Paris (75056) ; l'offre a lieu à Paris (75), département et commune à la fois."]
    );
}

#[test]
fn a_ban_on_one_arrondissement_warns_on_a_city_level_offer_and_spares_the_others() {
    let o = offers(&[
        row("lyon", "69", "69123"),
        row("lyon3", "69", "69383"),
        row("lyon7", "69", "69387"),
    ]);
    let r = run(
        &dehors(r#","residence_commune":"69123","banned_places":["69383"]"#),
        &o,
    );
    assert_eq!(
        excluded(&r.now, "lyon3"),
        ["Interdiction de paraître : Lyon 3e Arrondissement (69383), arrondissement de Lyon (69123) ; l'offre a lieu dans cet arrondissement."]
    );
    let w = warnings(&r.now, "lyon");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "banned_place_unknown");
    assert!(
        w[0].1.contains("sans préciser l'arrondissement")
            && w[0].1.contains("n'est pas à Lyon 3e Arrondissement"),
        "{w:?}"
    );
    assert!(fits(&r.now, "lyon7") && warnings(&r.now, "lyon7").is_empty());
    // Paris and Marseille the same way.
    let o = offers(&[row("paris", "75", "75056"), row("marseille", "13", "13055")]);
    let r = run(&dehors(r#","banned_places":["75115","13209"]"#), &o);
    assert_eq!(warnings(&r.now, "paris")[0].0, "banned_place_unknown");
    assert!(warnings(&r.now, "marseille")[0]
        .1
        .contains("Marseille 9e Arrondissement"));
}

#[test]
fn a_former_commune_resolves_to_its_commune_nouvelle_and_check_says_so() {
    let csv = format!("{HEADER}\n{}\n", row("alv", "74", "74011"));
    let loaded = load(csv.as_bytes(), "test.csv", rd());
    assert_eq!(loaded.errors(), 0);
    assert_eq!(loaded.offers[0].communes(), ["74011"]);
    let said: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        said.iter().any(
            |p| p.contains("74011 (Annecy-le-Vieux) est une commune déléguée d'Annecy (74010)")
        ),
        "{said:?}"
    );
    // A ban on Annecy covers it, and the sentence names the former commune.
    let r = run(&dehors(r#","banned_places":["74010"]"#), &loaded.offers);
    assert_eq!(
        excluded(&r.now, "alv"),
        ["Interdiction de paraître : Annecy (74010) ; l'offre a lieu à Annecy-le-Vieux (74011)."]
    );
    // A ban on Annecy-le-Vieux alone: an offer « à Annecy » is to be checked.
    let o = offers(&[row("annecy", "74", "74010")]);
    let r = run(&dehors(r#","banned_places":["74011"]"#), &o);
    let w = warnings(&r.now, "annecy");
    assert!(
        w.iter().any(|(rule, text)| *rule == "banned_place_unknown"
            && text.contains("sans préciser la commune déléguée")),
        "{w:?}"
    );
}

#[test]
fn a_catalogue_postal_code_is_named_for_what_it_is() {
    let csv = format!(
        "{HEADER}\n{}\n{}\n",
        row("a", "75", "75015"),
        row("b", "69", "69003")
    );
    let loaded = load(csv.as_bytes(), "test.csv", rd());
    let said: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    // 75015 is no INSEE code: refused, with what it could be.
    assert!(
        said.iter()
            .any(|p| p.contains("« 75015 »") && p.contains("Paris 15e Arrondissement (75115)")),
        "{said:?}"
    );
    // 69003 is Albigny-sur-Saône's INSEE code, and Lyon 3e's postal code: kept, with a warning.
    assert!(
        said.iter()
            .any(|p| p.contains("69003 est le code INSEE d'Albigny-sur-Saône")),
        "{said:?}"
    );
}

#[test]
fn a_ban_on_a_departement_covers_every_commune_and_former_commune_in_it() {
    let o = offers(&[
        row("bobigny", "93", "93008"),
        row("escaufourt", "59", "02285"),
        row("reunion", "974", "97415"),
    ]);
    // Escaufourt (02285) is a commune associée of Saint-Souplet, in the Nord (59).
    let r = run(&dehors(r#","banned_places":["93","59","974"]"#), &o);
    assert!(excluded(&r.now, "bobigny")[0].contains("Seine-Saint-Denis (93)"));
    assert!(!excluded(&r.now, "escaufourt").is_empty());
    assert!(excluded(&r.now, "reunion")[0].contains("La Réunion (974)"));
}

#[test]
fn every_part_of_a_commune_is_covered_by_a_ban_on_its_commune() {
    let rd = rd();
    let parts: Vec<_> = rd
        .communes
        .iter()
        .filter(|c| c.parent.as_deref().is_some_and(|p| p != c.code))
        .collect();
    let arrondissements = parts
        .iter()
        .filter(|c| c.kind == PlaceKind::Arrondissement)
        .count();
    assert_eq!(arrondissements, 45);
    // Communes déléguées keeping their commune nouvelle's code are that commune: not parts.
    assert!(parts.len() > 2000, "{}", parts.len());
    let rows: Vec<String> = parts
        .iter()
        .map(|c| row(&format!("o{}", c.code), &c.departement, &c.code))
        .collect();
    let o = offers(&rows);
    assert_eq!(o.len(), parts.len());
    for (c, offer) in parts.iter().zip(&o) {
        let parent = c.parent.as_deref().unwrap_or_default();
        let p = dehors(&format!(r#","banned_places":["{parent}"]"#));
        let r = run(&p, std::slice::from_ref(offer));
        assert!(
            r.now.fits.is_empty() && r.now.beyond.is_empty(),
            "{} ({}) not excluded by a ban on {parent}",
            c.name,
            c.code
        );
        let text = excluded(&r.now, &offer.id).join(" ");
        assert!(text.contains(&c.code) && text.contains(parent), "{text}");
    }
}

#[test]
fn a_ban_on_the_release_departement_is_a_conflict_the_counsellor_sees() {
    let p = Profile::from_json(
        r#"{"situation":"dedans","establishment":"lyon-corbas","release_date":"2027-03-15","release_departement":"69","banned_places":["69"]}"#,
    )
    .expect("profile");
    let problems = p.problems(rd());
    assert!(
        problems
            .iter()
            .any(|x| x.field == ProfileField::ReleaseDepartement
                && x.fr(rd())
                    .contains("sous interdiction de paraître (Rhône (69))")),
        "{problems:?}"
    );
    let o = offers(&[row("lyon7", "69", "69387")]);
    let r = run(&p, &o);
    let after = r.after_release.expect("after release");
    assert!(!excluded(&after, "lyon7").is_empty());
    // A release commune in a banned city is the same conflict.
    let p = Profile::from_json(
        r#"{"situation":"dedans","establishment":"lyon-corbas","release_commune":"69387","banned_places":["69123"]}"#,
    )
    .expect("profile");
    assert!(p
        .problems(rd())
        .iter()
        .any(|x| x.field == ProfileField::ReleaseDepartement));
}

#[test]
fn a_profile_value_that_is_no_code_is_reported_with_what_it_could_mean() {
    let p = dehors(r#","banned_places":["75015","Lyon 3"],"residence_commune":"69003x""#);
    let problems = p.problems(rd());
    let msgs: Vec<String> = problems.iter().map(|x| x.fr(rd())).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("« 75015 »") && m.contains("Paris 15e Arrondissement (75115)")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("« Lyon 3 »") && m.contains("Lyon 3e Arrondissement (69383)")),
        "{msgs:?}"
    );
    assert!(problems
        .iter()
        .any(|x| x.field == ProfileField::ResidenceCommune));
    let p = dehors(r#","residence_commune":"69259","residence_departement":"93""#);
    assert!(
        p.problems(rd())
            .iter()
            .any(|x| x.field == ProfileField::ResidenceCommune
                && x.fr(rd())
                    .contains("Vénissieux (69259) n'est pas dans le département indiqué")),
        "{:?}",
        p.problems(rd())
    );
}

fn unique(text: &str) -> String {
    match resolve_place_input(rd(), text) {
        PlaceMatch::Unique(c) => c.code,
        other => panic!("{text}: {other:?}"),
    }
}

fn ambiguous(text: &str) -> Vec<(String, Reading)> {
    match resolve_place_input(rd(), text) {
        PlaceMatch::Ambiguous(v) => v.into_iter().map(|c| (c.code, c.reading)).collect(),
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn typed_places_resolve_or_ask() {
    assert_eq!(unique("Lyon 3"), "69383");
    assert_eq!(unique("Lyon 3e"), "69383");
    assert_eq!(unique("lyon 3ème"), "69383");
    assert_eq!(unique("Paris 15e"), "75115");
    assert_eq!(unique("Marseille 9"), "13209");
    assert_eq!(unique("75015"), "75115");
    assert_eq!(unique("Bobigny"), "93008");
    assert_eq!(unique("bobigny (93008)"), "93008");
    assert_eq!(unique("annecy le vieux"), "74011");
    assert_eq!(unique("93"), "93");
    assert_eq!(unique("seine saint denis"), "93");
    assert_eq!(unique("Paris"), "75056");
    assert_eq!(unique("saint denis 93"), "93066");
    assert_eq!(unique("Saint-Denis (974)"), "97411");
    // 69003: Albigny-sur-Saône's INSEE code, Lyon 3e's postal code: both, never one in silence.
    assert_eq!(
        ambiguous("69003"),
        [
            ("69003".to_string(), Reading::Insee),
            ("69383".to_string(), Reading::PostalCode)
        ]
    );
    assert_eq!(
        ambiguous("13001"),
        [
            ("13001".to_string(), Reading::Insee),
            ("13201".to_string(), Reading::PostalCode)
        ]
    );
    // Overseas: 97411 is Saint-Denis (La Réunion) and a postal code of Saint-Paul.
    let reunion = ambiguous("97411");
    assert!(reunion.contains(&("97411".to_string(), Reading::Insee)));
    assert!(reunion.contains(&("97415".to_string(), Reading::PostalCode)));
    // Names shared by several communes.
    let sd: Vec<String> = ambiguous("saint denis").into_iter().map(|c| c.0).collect();
    assert!(
        sd.contains(&"93066".into()) && sd.contains(&"97411".into()),
        "{sd:?}"
    );
    // A postal code shared by several communes: every one of them.
    let shared: Vec<String> = ambiguous("01640").into_iter().map(|c| c.0).collect();
    assert_eq!(shared, ["01002", "01056", "01199", "01363"]);
    assert_eq!(resolve_place_input(rd(), "Atlantide"), PlaceMatch::Unknown);
}

#[test]
fn suggestions_hold_communes_and_departements_exact_first() {
    let s = suggest_places(rd(), "loire", 10);
    let codes: Vec<&str> = s.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes.first(), Some(&"42"), "{codes:?}");
    assert!(codes.contains(&"44"), "{codes:?}");
    assert!(s.len() <= 10);
    let s = suggest_places(rd(), "venisieux", 5);
    assert_eq!(s.first().map(|c| c.code.as_str()), Some("69259"), "{s:?}");
    // A code prefix: INSEE codes and postal codes, each said for what it is.
    let s = suggest_places(rd(), "6938", 12);
    assert!(
        s.iter()
            .any(|c| c.code == "69383" && c.reading == Reading::Insee),
        "{s:?}"
    );
    let s = suggest_places(rd(), "7501", 12);
    assert!(
        s.iter()
            .any(|c| c.code == "75115" && c.note.starts_with("code postal 75015")),
        "{s:?}"
    );
    let s = suggest_places(rd(), "saint den", 8);
    assert!(s.iter().any(|c| c.code == "93066"), "{s:?}");
    assert!(s.len() <= 8);
}

#[test]
fn after_release_to_the_rhone_lyon_comes_first_and_marseille_is_beyond() {
    let o = offers(&[
        row("lyon7", "69", "69387"),
        row("marseille9", "13", "13209"),
        row("partout", "*", ""),
        row("rhone", "69", ""),
    ]);
    let p = Profile::from_json(
        r#"{"situation":"dedans","establishment":"fleury-merogis","release_date":"2027-03-15","release_departement":"69"}"#,
    )
    .expect("profile");
    let after = run(&p, &o).after_release.expect("after");
    assert_eq!(after.fits.first().map(|f| f.id.as_str()), Some("lyon7"));
    assert!(fits(&after, "partout") && fits(&after, "rhone"));
    let b: Vec<(&str, u32)> = after
        .beyond
        .iter()
        .map(|b| (b.id.as_str(), b.distance_km))
        .collect();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].0, "marseille9");
    assert!((270..290).contains(&b[0].1), "{b:?}");
    assert!(
        after.beyond[0].text.contains("distance estimée"),
        "{:?}",
        after.beyond
    );
    // With the release commune known, the sentence gives the distance from it.
    let p = Profile {
        release_commune: Some("69259".into()),
        ..p
    };
    let after = run(&p, &o).after_release.expect("after");
    let text = place_reason(&after, "lyon7");
    assert!(
        text.starts_with("À 5 km de Vénissieux (69259) : Lyon 7e Arrondissement (69387)"),
        "{text}"
    );
    assert!(!text.contains("estim"), "{text}");
}

#[test]
fn a_paris_offer_for_someone_in_seine_saint_denis_gets_its_distance() {
    let o = offers(&[row("paris15", "75", "75115"), row("bobigny", "93", "93008")]);
    let r = run(&dehors(r#","residence_commune":"93066""#), &o);
    let text = place_reason(&r.now, "paris15");
    assert!(
        text.starts_with("À 12 km de Saint-Denis (93066) : Paris 15e Arrondissement (75115)"),
        "{text}"
    );
    // Nearer first.
    assert_eq!(r.now.fits.first().map(|f| f.id.as_str()), Some("bobigny"));
}

/// Both ends are commune centres: an offer in the person's own commune is « in the same
/// commune », never « less than 1 km » away — read aloud for Lille (35 km²) or Toulouse it
/// would be wrong by kilometres. A neighbouring commune still gets its distance.
#[test]
fn an_offer_in_the_person_s_own_commune_is_said_in_the_same_commune_not_under_1_km() {
    let o = offers(&[
        row("lille", "59", "59350"),
        row("roubaix", "59", "59512"),
        row("fleury", "91", "91235"),
        row("nantes", "44", "44109"),
    ]);
    let r = run(&dehors(r#","residence_commune":"59350""#), &o);
    assert_eq!(
        place_reason(&r.now, "lille"),
        "Dans la même commune : Lille (59350)"
    );
    assert!(
        place_reason(&r.now, "roubaix").starts_with("À 11 km de Lille (59350) : Roubaix (59512)"),
        "{}",
        place_reason(&r.now, "roubaix")
    );
    let english = Explain::new(rd(), Lang::En).result(&match_profile(
        &dehors(r#","residence_commune":"59350""#),
        &o,
        rd(),
        date::parse("2026-11-23").expect("date"),
    ));
    assert_eq!(
        place_reason(&english.now, "lille"),
        "In the same commune: Lille (59350)"
    );

    // Out by day under semi-liberté, measured from the establishment: its commune.
    let p = Profile::from_json(
        r#"{"situation":"dedans","establishment":"fleury-merogis","measures":["semi_liberte"],"release_date":"2027-03-01","release_departement":"44"}"#,
    )
    .expect("profile");
    let r = run(&p, &o);
    assert_eq!(
        place_reason(&r.now, "fleury"),
        "Dans la commune de l'établissement (Centre pénitentiaire de Fleury-Mérogis) : Fleury-Mérogis (91235)"
    );
    // After release, known by the département only: its chef-lieu, an estimate said as such.
    assert_eq!(
        place_reason(r.after_release.as_ref().expect("after release"), "nantes"),
        "Au chef-lieu du département de sortie : Nantes (44109) (distance estimée)"
    );
}

#[test]
fn the_radius_decides_and_a_banned_offer_is_never_beyond() {
    let o = offers(&[row("nantes", "44", "44109"), row("lyon7", "69", "69387")]);
    let p = dehors(r#","residence_commune":"93066","radius_km":400,"banned_places":["69"]"#);
    let r = run(&p, &o);
    assert!(fits(&r.now, "nantes"), "{r:?}");
    assert!(r.now.beyond.is_empty());
    assert!(!excluded(&r.now, "lyon7").is_empty());
    let p = dehors(r#","residence_commune":"93066","radius_km":100,"banned_places":["69"]"#);
    let r = run(&p, &o);
    assert_eq!(r.now.beyond.len(), 1);
    assert!(r.now.beyond[0].text.contains("au-delà du rayon de 100 km"));
    assert!(!excluded(&r.now, "lyon7").is_empty());
}

#[test]
fn an_overseas_person_reaches_overseas_offers() {
    let o = offers(&[
        row("st-paul", "974", "97415"),
        row("paris15", "75", "75115"),
    ]);
    let r = run(&dehors(r#","residence_commune":"97411""#), &o);
    assert!(fits(&r.now, "st-paul"), "{r:?}");
    assert!(place_reason(&r.now, "st-paul").contains("de Saint-Denis (97411)"));
    assert_eq!(r.now.beyond.first().map(|b| b.id.as_str()), Some("paris15"));
}

#[test]
fn a_data_inclusion_zone_is_eligibility_with_its_own_rule() {
    let json = r#"[{"id":"di--vx","source":"di","structure_id":"s1","nom":"Aide aux démarches","type":"accompagnement","zone_eligibilite":["69259","69266"],"code_insee":"69259"},
                   {"id":"di--fr","source":"di","structure_id":"s1","nom":"Ligne d'écoute","zone_eligibilite":["france"]}]"#;
    let loaded = load(json.as_bytes(), "di.json", rd());
    let vx = loaded.offers.iter().find(|o| o.id == "vx").expect("offer");
    assert_eq!(vx.zone_eligibilite(), ["69259", "69266"]);
    assert!(loaded
        .offers
        .iter()
        .find(|o| o.id == "fr")
        .is_some_and(|o| o.zone_eligibilite().is_empty()));
    // Living in Lyon 7e: not among the zone's communes.
    let r = run(&dehors(r#","residence_commune":"69387""#), &loaded.offers);
    assert_eq!(
        excluded(&r.now, "vx"),
        ["Réservée aux habitants de : Vénissieux (69259), Villeurbanne (69266) ; la personne habite Lyon 7e Arrondissement (69387)."]
    );
    // Living in Vénissieux: fits.
    let r = run(&dehors(r#","residence_commune":"69259""#), &loaded.offers);
    assert!(fits(&r.now, "vx"));
    // Only the département known: a warning, not a decision.
    let r = run(&dehors(r#","residence_departement":"69""#), &loaded.offers);
    assert_eq!(
        warnings(&r.now, "vx")
            .iter()
            .filter(|w| w.0 == "zone")
            .count(),
        1
    );
    // Another département: excluded.
    let r = run(&dehors(r#","residence_departement":"93""#), &loaded.offers);
    assert!(!excluded(&r.now, "vx").is_empty());
    // A person inside, released to another département: the sentence says it is the release
    // place, not where the person lives (in prison, today).
    let dedans = Profile::from_json(
        r#"{"situation":"dedans","establishment":"fleury-merogis","release_date":"2027-03-01","release_departement":"93"}"#,
    )
    .expect("profile");
    let r = run(&dedans, &loaded.offers);
    let after = r.after_release.as_ref().expect("after release");
    assert_eq!(
        excluded(after, "vx"),
        ["Réservée aux habitants de : Vénissieux (69259), Villeurbanne (69266) ; lieu de sortie de la personne : Seine-Saint-Denis (93)."]
    );
}

#[test]
fn without_the_commune_list_a_ban_on_a_city_still_covers_its_arrondissements() {
    let bare = RefData::bundled().expect("bundled");
    let csv = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        row("lyon7", "69", "69387"),
        row("annecy-le-vieux", "74", "74011"),
        row("bobigny", "93", "93008")
    );
    let o = load(csv.as_bytes(), "test.csv", &bare).offers;
    let p = dehors(r#","banned_places":["69123","74010"]"#);
    let r = Explain::new(&bare, Lang::Fr).result(&match_profile(
        &p,
        &o,
        &bare,
        date::parse("2026-11-23").expect("date"),
    ));
    assert!(!excluded(&r.now, "lyon7").is_empty(), "{r:?}");
    // A former commune cannot be told without the list: a warning, never silence.
    let w = warnings(&r.now, "annecy-le-vieux");
    assert!(
        w.iter().any(|(rule, text)| *rule == "banned_place_unknown"
            && text.contains("liste des communes n'est pas chargée")),
        "{w:?}"
    );
    assert!(warnings(&r.now, "bobigny")
        .iter()
        .all(|w| w.0 != "banned_place_unknown"));
    // A ban on Lyon 3e and an offer « à Lyon »: checked by hand, list or no list.
    let csv = format!("{HEADER}\n{}\n", row("lyon", "69", "69123"));
    let o = load(csv.as_bytes(), "test.csv", &bare).offers;
    let p = dehors(r#","banned_places":["69383"]"#);
    let r = Explain::new(&bare, Lang::Fr).result(&match_profile(
        &p,
        &o,
        &bare,
        date::parse("2026-11-23").expect("date"),
    ));
    let w = warnings(&r.now, "lyon");
    assert!(
        w.iter().any(|(rule, text)| *rule == "banned_place_unknown"
            && text.contains("sans préciser l'arrondissement")),
        "{w:?}"
    );
}

/// The place a name read back to, or why not.
fn read_back(text: &str) -> Result<String, String> {
    match resolve_place_input(rd(), text) {
        PlaceMatch::Unique(c) => Ok(c.code),
        PlaceMatch::Ambiguous(v) => Err(format!(
            "ambiguous: {:?}",
            v.iter().map(|c| c.code.as_str()).collect::<Vec<_>>()
        )),
        PlaceMatch::Unknown => Err("unknown".into()),
    }
}

/// Five digits standing alone in a name: a code (a postal code at the start, as on an
/// address, « 97400 Saint-Denis (La Réunion) », excepted).
fn shows_a_code(name: &str) -> bool {
    let rest = match name.split_once(' ') {
        Some((cp, rest)) if cp.len() == 5 && cp.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => name,
    };
    rest.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 5)
}

#[test]
fn every_place_sharing_its_name_is_named_apart_without_code_and_read_back() {
    let rd = rd();
    let mut by_key: std::collections::HashMap<String, Vec<&str>> = Default::default();
    for c in &rd.communes {
        by_key
            .entry(relais_core::text::name_key(&c.name))
            .or_default()
            .push(&c.code);
    }
    let mut checked = 0;
    for (key, codes) in &by_key {
        let mut codes = codes.clone();
        codes.sort_unstable();
        codes.dedup();
        if codes.len() < 2 {
            continue;
        }
        for lang in Lang::ALL {
            let names: Vec<String> = codes.iter().map(|c| rd.place_name_plain(c, lang)).collect();
            for (code, name) in codes.iter().zip(&names) {
                assert!(!shows_a_code(name), "{code}: « {name} » shows a code");
                assert_eq!(
                    read_back(name).as_deref(),
                    Ok(*code),
                    "{key}: « {name} » ({lang:?})"
                );
                checked += 1;
            }
            let mut distinct = names.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), names.len(), "{key}: {names:?}");
        }
    }
    // 1,700 names are shared by more than 4,000 places (the 2024 list).
    assert!(checked > 8_000, "{checked}");
    // Every other place too: what the datalist hands to the field is that place.
    for c in &rd.communes {
        let name = rd.place_name_plain(&c.code, Lang::Fr);
        assert_eq!(
            read_back(&name).as_deref(),
            Ok(c.code.as_str()),
            "« {name} »"
        );
    }
    // Every département too, and a name typed by hand is still read as before.
    for d in &rd.departements {
        for lang in Lang::ALL {
            let name = rd.place_name_plain(&d.code, lang);
            assert!(!name.chars().any(|c| c.is_ascii_digit()), "{name}");
            assert_eq!(
                read_back(&name).as_deref(),
                Ok(d.code.as_str()),
                "« {name} »"
            );
        }
    }
}

#[test]
fn places_are_named_by_their_departement_and_in_words_where_it_is_not_enough() {
    let rd = rd();
    let fr = |c: &str| rd.place_name_plain(c, Lang::Fr);
    assert_eq!(fr("93066"), "Saint-Denis (Seine-Saint-Denis)");
    assert_eq!(fr("97411"), "Saint-Denis (La Réunion)");
    assert_eq!(fr("69383"), "Lyon 3e Arrondissement (Rhône)");
    assert_eq!(fr("69123"), "Lyon (Rhône)");
    assert_eq!(fr("69"), "Rhône");
    assert_eq!(fr("93"), "Seine-Saint-Denis");
    // The commune of Paris and the département of the same name.
    assert_eq!(fr("75056"), "Paris (Paris)");
    assert_eq!(fr("75"), "Paris, département");
    // A former commune of the same name as its commune nouvelle, in the same département.
    assert_eq!(fr("68006"), "Bernwiller (Haut-Rhin)");
    assert_eq!(
        fr("68031"),
        "Bernwiller (Haut-Rhin), ancienne commune de Bernwiller"
    );
    assert_eq!(
        rd.place_name_plain("68031", Lang::En),
        "Bernwiller (Haut-Rhin), former commune, part of Bernwiller"
    );
    // Typed by hand, without accents or capitals, still one place.
    assert_eq!(
        read_back("saint-denis (la reunion)").as_deref(),
        Ok("97411")
    );
    assert_eq!(
        read_back("St Denis (Seine-Saint-Denis)").as_deref(),
        Ok("93066")
    );
    // A bare name keeps asking which.
    assert!(read_back("Saint-Denis").is_err());
    assert_eq!(read_back("Paris").as_deref(), Ok("75056"));
    // The notes of a list of choices: what the place is, how it was read, no code.
    assert_eq!(
        rd.place_note_plain("69383", Reading::PostalCode, Lang::Fr),
        "arrondissement de Lyon, par son code postal"
    );
    assert_eq!(
        rd.place_note_plain("74011", Reading::Name, Lang::En),
        "former commune, now part of Annecy"
    );
    assert_eq!(
        rd.place_note_plain("93", Reading::Name, Lang::Fr),
        "département"
    );
}

/// « Interdiction de paraître en Île-de-France »: a région is named, and it is a ban on each of
/// its départements. Typed in the page, its départements are offered (said as the région's);
/// written by hand in a profile, they are all banned.
#[test]
fn a_ban_on_a_region_is_a_ban_on_each_of_its_departements() {
    let codes = |m: &PlaceMatch| {
        m.candidates()
            .iter()
            .map(|c| c.code.clone())
            .collect::<Vec<_>>()
    };
    let idf = resolve_place_input(rd(), "Île-de-France");
    assert_eq!(
        codes(&idf),
        ["75", "77", "78", "91", "92", "93", "94", "95"].map(String::from)
    );
    assert!(idf
        .candidates()
        .iter()
        .all(|c| c.reading == Reading::Region));
    assert_eq!(
        rd().place_note_plain("93", Reading::Region, Lang::Fr),
        "département de la région Île-de-France"
    );
    assert_eq!(
        rd().place_note_plain("93", Reading::Region, Lang::En),
        "department of the Île-de-France region"
    );
    assert_eq!(
        codes(&resolve_place_input(rd(), "region ile de france")),
        codes(&idf)
    );
    assert_eq!(
        codes(&resolve_place_input(rd(), "Corse")),
        ["2A", "2B"].map(String::from)
    );
    // « Bretagne » is a région and two communes: every reading is offered.
    let b = codes(&resolve_place_input(rd(), "Bretagne"));
    for c in ["22", "29", "35", "56", "36024", "90019"] {
        assert!(b.iter().any(|x| x == c), "{c} in {b:?}");
    }
    // The suggestions of the page's field.
    let s = suggest_places(rd(), "ile-de-france", 12);
    assert!(s.iter().any(|c| c.code == "93"), "{s:?}");

    // A profile written by hand: every département of the région is banned.
    let mut p = dehors(r#","residence_departement":"60","banned_places":["Île-de-France"]"#);
    let readings = relais_core::validation::resolve_places(rd(), &mut p);
    assert_eq!(
        p.banned_places,
        ["75", "77", "78", "91", "92", "93", "94", "95"].map(String::from)
    );
    assert!(readings
        .iter()
        .any(|r| r.field == ProfileField::BannedPlaces && r.written == "Île-de-France"));
    let o = offers(&[
        row("bobigny", "93", "93008"),
        row("beauvais", "60", "60057"),
    ]);
    let r = run(&p, &o);
    assert!(!excluded(&r.now, "bobigny").is_empty());
    assert!(r.now.fits.iter().any(|f| f.id == "beauvais"));
}

/// Places as lists and court papers write them: a code with its name, a département
/// introduced by the word, a région by its usual short name, La Réunion without its article.
#[test]
fn places_written_with_their_code_or_a_usual_short_name() {
    for (text, code) in [
        ("93 - Seine-Saint-Denis", "93"),
        ("93 Seine-Saint-Denis", "93"),
        ("69 – Rhône", "69"),
        ("2A - Corse-du-Sud", "2A"),
        ("93008 - Bobigny", "93008"),
        ("69 Lyon", "69123"),
        ("93 Saint-Denis", "93066"),
        ("974 Saint-Denis", "97411"),
        ("département 93", "93"),
        ("Département du Rhône", "69"),
        ("dépt. 69", "69"),
        ("Réunion", "974"),
        // Arrondissements in Roman numerals, as French often writes them.
        ("Paris XVe", "75115"),
        ("Paris XVIIIe arrondissement", "75118"),
        ("Lyon VII", "69387"),
        ("Marseille Ier", "13201"),
        ("Lyon IVe", "69384"),
        ("Paris XIX", "75119"),
    ] {
        assert_eq!(read_back(text), Ok(code.to_string()), "{text}");
    }
    // A code and a name that disagree: both, to choose from (a ban bans both).
    assert_eq!(
        read_back("93008 Saint-Denis"),
        Err("ambiguous: [\"93008\", \"93066\"]".to_string())
    );
    // An address is not a place with its code.
    assert_eq!(read_back("13 rue de la Paix"), Err("unknown".to_string()));
    // A région by its short name: each of its départements.
    for (text, first, count) in [("PACA", "04", 6), ("IDF", "75", 8), ("Région Sud", "04", 6)] {
        match resolve_place_input(rd(), text) {
            PlaceMatch::Ambiguous(v) => {
                assert_eq!(v.first().map(|c| c.code.as_str()), Some(first), "{text}");
                assert_eq!(v.len(), count, "{text}");
            }
            _ => panic!("{text}: a région reads as its départements"),
        }
    }
    // In a profile written by hand, a ban on « PACA » bans the six départements.
    let mut p = dehors(r#","banned_places":["PACA"]"#);
    relais_core::validation::resolve_places(rd(), &mut p);
    assert_eq!(p.banned_places, ["04", "05", "06", "13", "83", "84"]);
}
