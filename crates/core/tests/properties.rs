//! Properties that hold for any catalogue and any profile.

use proptest::prelude::*;
use relais_core::catalogue::load;
use relais_core::model::{departement_of_commune, Situation};
use relais_core::schedule::Schedule;
use relais_core::{
    date, matching::match_profile, model::Offer, model::Profile, model::RecordRequirement,
    refdata::RefData,
};
use std::sync::OnceLock;

fn rd() -> &'static RefData {
    static RD: OnceLock<RefData> = OnceLock::new();
    RD.get_or_init(|| {
        RefData::bundled()
            .and_then(|rd| rd.with_places(include_str!("../../../data/communes.csv")))
            .expect("bundled")
    })
}

const HEADER: &str = "id;organisation;titre;type;milieu;etablissements;departements;communes;secteurs;competences;mesures;horaires;activites_reglementees;casier;prerequis;debut;fin;places;date_maj;suite";
const ESTABS: &[&str] = &["fleury-merogis", "fresnes", "nantes", "lyon-corbas"];
const DEPTS: &[&str] = &["91", "93", "44", "69", "974", "*"];
const COMMUNES: &[&str] = &[
    "", "93008", "44109", "69123", "91235", "69387", "69383", "13209", "93066", "97411",
];
const SCHEDULES: &[&str] = &[
    "",
    "lun-ven 08:30-16:30",
    "mar-sam 18:00-23:30",
    "Mo-Fr 22:00-05:00",
    "sam 09:00-12:00",
];
const TYPES: &[&str] = &[
    "formation",
    "atelier",
    "aci",
    "ei",
    "etti",
    "tig",
    "emploi",
    "accompagnement",
];
const MILIEUX: &[&str] = &["dedans", "dehors", "dedans_dehors"];
const MEASURES: &[&str] = &[
    "",
    "tig",
    "semi_liberte,placement_exterieur",
    "ddse,sursis_probatoire",
    "sans_mesure",
];
const REGULATED: &[&str] = &[
    "",
    "mineurs",
    "securite_privee",
    "transport_personnes,mineurs",
];
const RECORDS: &[&str] = &["", "aucun", "b3", "b2", "b2_vierge"];
// 2026-12-01 is also a day of `wide_profile`'s today (an offer ending that day), and
// 2027-03-03 / 2027-03-04 lie 92 and 93 days after it (an offer starting soon, or later).
const DATES: &[&str] = &[
    "",
    "2026-01-01",
    "2026-12-01",
    "2027-02-01",
    "2027-03-03",
    "2027-03-04",
    "2027-06-30",
];
const SKILLS: &[&str] = &[
    "cuisine",
    "manutention",
    "informatique",
    "peinture",
    "vente",
];

fn pick(v: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(v)
}

prop_compose! {
    fn row()(t in pick(TYPES), m in pick(MILIEUX), e in pick(ESTABS), d in pick(DEPTS), c in pick(COMMUNES),
             s in pick(SCHEDULES), me in pick(MEASURES), re in pick(REGULATED), rec in pick(RECORDS),
             start in pick(DATES), end in pick(DATES), sk in pick(SKILLS), sec in pick(&["", "G18", "N1103", "M", "G1203", "K13", "K2503", "G1203,N1103", "K1303,G1203"]),
             suite in 0usize..40) -> String {
        // A commune must lie in the offer's département to make a consistent row.
        let c = if d != "*" && departement_of_commune(c) == d { c } else { "" };
        let (start, end) = if !start.is_empty() && !end.is_empty() && end < start { (end, start) } else { (start, end) };
        format!("{t};Org;Titre;{t};{m};{e};{d};{c};{sec};{sk};{me};{s};{re};{rec};;{start};{end};5;2026-10-01;{suite}")
    }
}

prop_compose! {
    fn catalogue()(rows in proptest::collection::vec(row(), 0..40)) -> Vec<Offer> {
        let n = rows.len();
        let body: Vec<String> = rows.iter().enumerate().map(|(i, r)| {
            // Ids are unique; `suite` points at an existing offer or is left empty.
            let mut cells: Vec<String> = r.split(';').map(str::to_string).collect();
            cells[0] = format!("o{i}");
            let target: usize = cells[19].parse().unwrap_or(0);
            cells[19] = if target < n && target != i { format!("o{target}") } else { String::new() };
            cells.join(";")
        }).collect();
        let csv = format!("{HEADER}\n{}\n", body.join("\n"));
        let l = load(csv.as_bytes(), "gen.csv", rd());
        assert_eq!(l.errors(), 0, "{:?}", l.problems);
        l.offers
    }
}

prop_compose! {
    fn profile()(dedans in any::<bool>(), e in pick(ESTABS), me in pick(MEASURES), home in pick(DEPTS),
                 bans in proptest::collection::vec(pick(&["93", "93008", "69", "44109", "974", "69123", "69383", "13055"]), 0..3),
                 commune in pick(&["", "69259", "93066", "44109", "97411"]), radius in proptest::option::of(5u32..200),
                 acts in proptest::collection::vec(pick(&["mineurs", "securite_privee"]), 0..2),
                 curfew in pick(&["", "lun-dim 20:00-07:00", "19:00-07:00", "n'importe quoi"]),
                 b2 in proptest::option::of(any::<bool>()), release in pick(DATES),
                 skills in proptest::collection::vec(pick(SKILLS), 0..3)) -> Profile {
        let home = (home != "*").then(|| home.to_string());
        Profile {
            situation: if dedans { Situation::Dedans } else { Situation::Dehors },
            establishment: dedans.then(|| e.to_string()),
            release_date: date::parse(release),
            release_departement: home.clone(),
            residence_departement: home,
            residence_commune: (!commune.is_empty()).then(|| commune.to_string()),
            release_commune: (!commune.is_empty()).then(|| commune.to_string()),
            radius_km: radius,
            measures: me.split(',').filter_map(relais_core::model::Measure::from_code).collect(),
            banned_places: bans.into_iter().map(str::to_string).collect(),
            banned_activities: acts.into_iter().map(str::to_string).collect(),
            curfew: (!curfew.is_empty()).then(|| curfew.to_string()),
            record: relais_core::model::Record { b2, b3: None },
            skills: skills.into_iter().map(str::to_string).collect(),
            ..Profile::default()
        }
    }
}

fn today() -> time::Date {
    date::parse("2026-11-23").expect("date")
}

/// An independent reading of the court bans: may this person go where this offer takes place?
fn all_places_banned(o: &Offer, p: &Profile) -> bool {
    if o.anywhere || p.banned_places.is_empty() {
        return false;
    }
    let places: &[relais_core::model::Code] = if o.communes().is_empty() {
        o.departements()
    } else {
        o.communes()
    };
    !places.is_empty()
        && places.iter().all(|pl| {
            p.banned_places.iter().any(|b| {
                let parent = rd().commune(pl).and_then(|c| c.parent.as_deref());
                b == pl
                    || (pl.len() == 5 && b.len() < 5 && departement_of_commune(pl) == b)
                    || parent == Some(b.as_str())
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_offer_lands_in_exactly_one_list_per_horizon(offers in catalogue(), p in profile()) {
        let r = match_profile(&p, &offers, rd(), today());
        let mut horizons = vec![&r.now];
        if let Some(a) = &r.after_release { horizons.push(a); }
        prop_assert_eq!(r.after_release.is_some(), p.situation == Situation::Dedans);
        for h in horizons {
            prop_assert_eq!(h.fits.len() + h.excluded.len() + h.beyond.len(), offers.len());
            for o in &offers {
                let n = h.fits.iter().filter(|f| f.id == o.id).count()
                    + h.excluded.iter().filter(|x| x.id == o.id).count()
                    + h.beyond.iter().filter(|x| x.id == o.id).count();
                prop_assert_eq!(n, 1);
            }
            let radius = p.radius_km.unwrap_or(relais_core::model::DEFAULT_RADIUS_KM);
            for b in &h.beyond {
                let o = offers.iter().find(|o| o.id == b.id).expect("offer");
                prop_assert!(!o.anywhere, "a remote offer is out of reach: {}", o.id);
                prop_assert!(b.distance_km + 1 > radius, "{} km within {radius}", b.distance_km);
                prop_assert!(!all_places_banned(o, &p), "a banned offer is beyond, not excluded: {}", o.id);
            }
            for w in h.beyond.windows(2) {
                prop_assert!(w[0].distance_km < w[1].distance_km || (w[0].distance_km == w[1].distance_km && w[0].id < w[1].id));
            }
            for f in &h.fits {
                prop_assert_eq!(f.score, f.reasons.iter().map(|x| x.points).sum::<u32>());
                let say = relais_core::explain::Explain::new(rd(), relais_core::lang::Lang::Fr);
                prop_assert!(f.reasons.iter().all(|x| !say.reason(x).is_empty()));
            }
            for w in h.fits.windows(2) {
                prop_assert!(w[0].score > w[1].score || (w[0].score == w[1].score && w[0].id < w[1].id));
            }
            for x in &h.excluded {
                prop_assert!(!x.rules.is_empty());
                let say = relais_core::explain::Explain::new(rd(), relais_core::lang::Lang::Fr);
                prop_assert!(x.rules.iter().all(|r| !say.exclusion(r).is_empty()));
            }
        }
    }

    #[test]
    fn an_offer_a_hard_rule_rules_out_never_fits(offers in catalogue(), p in profile()) {
        let r = match_profile(&p, &offers, rd(), today());
        let curfew = p.curfew.as_deref().and_then(|c| Schedule::parse(c).ok());
        for (h, horizon) in [(Some(&r.now), "now"), (r.after_release.as_ref(), "after")] {
            let Some(h) = h else { continue };
            for f in &h.fits {
                let o = offers.iter().find(|o| o.id == f.id).expect("offer");
                prop_assert!(!o.regulated().iter().any(|a| p.banned_activities.iter().any(|b| b == a)), "banned activity fits");
                // Every job of the offer is a banned activity's (data/activites-metiers.csv).
                let banned_job = |s: &relais_core::model::Code| p.banned_activities.iter()
                    .any(|b| relais_core::regulated_jobs::jobs_of(b).any(|j| j == s.as_str()));
                prop_assert!(o.sectors().is_empty() || !o.sectors().iter().all(banned_job), "an offer whose jobs are all banned fits");
                prop_assert!(!(o.record == Some(RecordRequirement::B2Vierge) && p.record.b2 == Some(true)), "b2 vierge fits");
                let inside = horizon == "now" && p.situation == Situation::Dedans && o.milieu.inside()
                    && p.establishment.as_ref().is_some_and(|e| o.establishments().iter().any(|x| x == e));
                if !inside {
                    prop_assert!(o.milieu.outside(), "an inside-only offer fits outside");
                    prop_assert!(!all_places_banned(o, &p), "an offer in a banned place fits: {}", o.id);
                    if horizon == "now" {
                        if let (Some(c), Some(s)) = (&curfew, &o.schedule) {
                            prop_assert!(c.overlap(s).is_none(), "an offer during the curfew fits: {}", o.id);
                        }
                    }
                }
                if horizon == "now" {
                    prop_assert!(o.end.is_none_or(|e| e >= today()));
                } else if let Some(rel) = p.release_date {
                    prop_assert!(o.end.is_none_or(|e| e >= rel));
                }
            }
        }
    }

    #[test]
    fn shuffling_the_catalogue_changes_nothing(offers in catalogue(), p in profile(), seed in any::<u64>()) {
        let a = match_profile(&p, &offers, rd(), today());
        let mut shuffled = offers.clone();
        // A deterministic shuffle from the seed (Fisher–Yates with an LCG).
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (x >> 33) as usize % (i + 1));
        }
        let b = match_profile(&p, &shuffled, rd(), today());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loaders(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = load(&bytes, "x.csv", rd());
        let _ = Profile::from_json(&String::from_utf8_lossy(&bytes));
        let _ = Schedule::parse(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn csv_like_text_never_panics_the_loader(lines in proptest::collection::vec("[a-z0-9;,\"\\-: é*]{0,80}", 0..12)) {
        let text = format!("{HEADER}\n{}", lines.join("\n"));
        let l = load(text.as_bytes(), "x.csv", rd());
        for p in &l.problems { prop_assert!(!p.message.is_empty()); }
    }
}

/// The bundled reference data without the commune list (the page before it loads): bans and
/// distances take other paths.
fn rd_without_communes() -> &'static RefData {
    static RD: OnceLock<RefData> = OnceLock::new();
    RD.get_or_init(|| RefData::bundled().expect("bundled"))
}

prop_compose! {
    /// A profile for the generated catalogues of the benchmarks: their establishments,
    /// départements and codes, with bans, measures, curfews, sectors, skills, obligations and
    /// prerequisites drawn among theirs.
    fn wide_profile()(base in profile(), e in pick(&["fleury-merogis", "fresnes", "nantes", "lyon-corbas", "inconnu", ""]),
                      sectors in proptest::collection::vec(pick(&["G18", "G1803", "N", "F1703", "A", "Z9"]), 0..3),
                      obligations in proptest::collection::vec(pick(&["formation", "travail", "soins"]), 0..2),
                      has in proptest::collection::vec(pick(&["francais_b1", "permis_b"]), 0..2),
                      more_bans in proptest::collection::vec(pick(&["91", "75", "13", "2A", "zz", "75056", "13209"]), 0..3),
                      more_measures in proptest::collection::vec(pick(&["semi_liberte", "ddse", "tig"]), 0..2),
                      today in pick(&["2026-06-01", "2026-11-23", "2026-12-01", "2027-03-01"]),
                      until in pick(DATES),
                      commune in pick(&["", "", "69383", "91235", " 44109 ", "13055"])) -> Profile {
        let mut p = base;
        // Communes the zones of eligibility name: an arrondissement, padded with spaces.
        if !commune.is_empty() {
            p.residence_commune = Some(commune.to_string());
            p.release_commune = Some(commune.to_string());
        }
        if p.situation == Situation::Dedans {
            p.establishment = (!e.is_empty()).then(|| e.to_string());
        }
        p.sectors = sectors.into_iter().map(str::to_string).collect();
        p.obligations = obligations.into_iter().map(str::to_string).collect();
        p.has = has.into_iter().map(str::to_string).collect();
        p.banned_places.extend(more_bans.into_iter().map(str::to_string));
        p.measures.extend(more_measures.into_iter().filter_map(relais_core::model::Measure::from_code));
        p.today = date::parse(today);
        p.banned_places_until = date::parse(until);
        p.curfew_until = date::parse(until);
        p.measures_until = date::parse(until);
        p
    }
}

/// Zones of eligibility (data·inclusion `zone_eligibilite`) given to the offers of a case:
/// communes, arrondissements, départements, some where the profiles live, and more than five.
const ZONES: &[&[&str]] = &[
    &[],
    &["93066"],
    &["93"],
    &["69123"],
    &["69383", "44109"],
    &["91", "94034"],
    &["69273", "974", "13055"],
    &["91235"],
    &["97411", "69259", "01", "02", "03", "04", "05"],
    &["44"],
];

/// How a case varies what the preparation copies of each offer beyond the catalogue's own
/// columns: a zone of eligibility per offer (indices into `ZONES`, cycled; `ZONES.len()`: a
/// zone of 603 places, longer than the prepared record holds, whose last three are where
/// profiles live), and hours read again for every other offer instead of shared (`unshared`).
#[derive(Clone, Debug)]
struct Vary {
    zones: Vec<usize>,
    unshared: bool,
}

prop_compose! {
    fn vary()(zones in proptest::collection::vec(0..=ZONES.len(), 0..6), unshared in any::<bool>()) -> Vary {
        Vary { zones, unshared }
    }
}

/// A case of the prepared-pass tests: the benchmarks' generated catalogue of `n` offers or the
/// small one, its titles told apart, and with `mild` a variant where most offers fit and
/// several continue as the same few offers (continuations and their tie-breaks).
fn ranking_case(
    n: usize,
    offers: Vec<Offer>,
    p: Profile,
    communes: bool,
    generated: bool,
    mild: bool,
    vary: &Vary,
) -> (Profile, Vec<Offer>, &'static RefData) {
    let rd = if communes {
        rd()
    } else {
        rd_without_communes()
    };
    let mut offers = if generated {
        load(
            relais_core::synthetic::catalogue_csv(n, rd).as_bytes(),
            "gen.csv",
            rd,
        )
        .offers
    } else {
        offers
    };
    // Titles tell continuations apart (the small catalogues give every offer the same).
    for (i, o) in offers.iter_mut().enumerate() {
        o.title = format!("{} {i}", o.title).into();
        if !vary.zones.is_empty() {
            let zone = match ZONES.get(vary.zones[i % vary.zones.len()]) {
                Some(zone) => zone.iter().map(|&z| z.into()).collect(),
                None => (0..600)
                    .map(|k| format!("{:05}", 10_000 + k).into())
                    .chain(["91235".into(), "44109".into(), "93".into()])
                    .collect(),
            };
            o.edit_lists(|l| l.zone_eligibilite = zone);
        }
        if vary.unshared && i % 2 == 1 {
            o.schedule = o
                .schedule
                .as_ref()
                .map(|s| std::sync::Arc::new((**s).clone()));
        }
    }
    // Most rules met, so that many offers fit in both horizons and several continue as the
    // same few offers: the continuations and their tie-breaks are compared too.
    let p = if mild {
        for (i, o) in offers.iter_mut().enumerate() {
            o.end = None;
            o.measures = Default::default();
            o.edit_lists(|l| l.regulated.clear());
            o.record = None;
            if i % 2 == 0 {
                o.edit_lists(|l| l.establishments = vec!["fleury-merogis".into()]);
                o.milieu = relais_core::model::Milieu::DedansDehors;
            }
            o.edit_lists(|l| {
                l.continues_as = vec![
                    format!("o{}", (i * 7) % 5).into(),
                    format!("o{}", i % 3).into(),
                ]
            });
            // Remote, and held in places too (`*,91`).
            if i % 7 == 3 && !o.departements().is_empty() {
                o.anywhere = true;
            }
        }
        Profile {
            situation: Situation::Dedans,
            establishment: Some("fleury-merogis".to_string()),
            release_date: p.release_date,
            release_departement: Some("91".to_string()),
            release_commune: p.release_commune,
            skills: p.skills,
            sectors: p.sectors,
            obligations: p.obligations,
            radius_km: Some(1000),
            banned_places: p.banned_places,
            ..Profile::default()
        }
    } else {
        p
    };
    (p, offers, rd)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// The prepared ranking pass gives exactly what reading every offer as written gives:
    /// same lists, same order, same findings, on the benchmarks' generated catalogues and on
    /// the small catalogues above, with and without the commune list.
    #[test]
    fn the_prepared_pass_gives_the_plain_reading(n in 0usize..400, offers in catalogue(), p in wide_profile(),
                                                 communes in any::<bool>(), generated in any::<bool>(),
                                                 mild in any::<bool>(), vary in vary()) {
        use relais_core::matching::{match_prepared, reference};
        use relais_core::prepared::Prepared;
        let (p, offers, rd) = ranking_case(n, offers, p, communes, generated, mild, &vary);
        let plain = reference::match_profile(&p, &offers, rd, today());
        prop_assert_eq!(&match_profile(&p, &offers, rd, today()), &plain);
        let prepared = Prepared::new(&offers, rd);
        prop_assert!(prepared.is_for(&offers, rd));
        prop_assert_eq!(&match_prepared(&p, &offers, &prepared, rd, today()), &plain);
        // A preparation of other offers is not used: the result is still the plain one.
        let other = Prepared::new(&offers[..offers.len() / 2], rd);
        prop_assert_eq!(&match_prepared(&p, &offers, &other, rd, today()), &plain);
    }

    /// The compact ranking lists the very offers of the plain reading, in its orders, with its
    /// scores, the rules of each exclusion (as a set), the day each becomes possible and the
    /// distances beyond the radius; the details of any offer read from it are the plain
    /// reading's item for that offer, continuation reasons included.
    #[test]
    fn the_compact_ranking_and_its_details_give_the_plain_reading(n in 0usize..400, offers in catalogue(),
                                                                 p in wide_profile(), communes in any::<bool>(),
                                                                 generated in any::<bool>(), mild in any::<bool>(),
                                                                 vary in vary()) {
        use relais_core::matching::{rank_prepared, reference, Horizon, HorizonResult, Item, Rules, Slot};
        use relais_core::prepared::Prepared;
        let (p, offers, rd) = ranking_case(n, offers, p, communes, generated, mild, &vary);
        let plain = reference::match_profile(&p, &offers, rd, today());
        let prepared = Prepared::new(&offers, rd);
        let ranking = rank_prepared(&p, &offers, &prepared, rd, today());
        // A preparation of other offers is not used for ranking.
        let other = Prepared::new(&offers[..offers.len() / 2], rd);
        prop_assert_eq!(&rank_prepared(&p, &offers, &other, rd, today()), &ranking);
        prop_assert!(ranking.details(&p, &offers, &other, rd).is_none() || offers.len() < 2);
        let details = ranking.details(&p, &offers, &prepared, rd).expect("its preparation");
        let index_of = |id: &str| offers.iter().position(|o| o.id == id).map(|i| i as u32);
        let horizons: Vec<(Horizon, Option<&HorizonResult>)> = vec![
            (Horizon::Now, Some(&plain.now)),
            (Horizon::AfterRelease, plain.after_release.as_ref()),
        ];
        for (h, expected) in horizons {
            let Some(expected) = expected else {
                prop_assert!(ranking.horizon(h).is_none());
                continue;
            };
            let c = ranking.horizon(h).expect("the horizon");
            let ids = |v: Vec<u32>| v.into_iter().map(|i| offers[i as usize].id.clone()).collect::<Vec<_>>();
            prop_assert_eq!(ids(c.fits.iter().map(|f| f.offer).collect()),
                            expected.fits.iter().map(|f| f.id.clone()).collect::<Vec<_>>());
            prop_assert_eq!(c.fits.iter().map(|f| f.score).collect::<Vec<_>>(),
                            expected.fits.iter().map(|f| f.score).collect::<Vec<_>>());
            prop_assert_eq!(ids(c.excluded.iter().map(|x| x.offer).collect()),
                            expected.excluded.iter().map(|x| x.id.clone()).collect::<Vec<_>>());
            for (x, e) in c.excluded.iter().zip(&expected.excluded) {
                prop_assert_eq!(x.rules, e.rules.iter().map(|r| r.rule()).collect::<Rules>());
                prop_assert_eq!(x.possible_from, e.possible_from);
            }
            prop_assert_eq!(ids(c.beyond.iter().map(|b| b.offer).collect()),
                            expected.beyond.iter().map(|b| b.id.clone()).collect::<Vec<_>>());
            prop_assert_eq!(c.beyond.iter().map(|b| b.distance_km).collect::<Vec<_>>(),
                            expected.beyond.iter().map(|b| b.distance_km).collect::<Vec<_>>());
            // Each offer's details, asked one at a time, in the catalogue's order.
            for (k, f) in expected.fits.iter().enumerate() {
                let i = index_of(&f.id).expect("listed");
                prop_assert_eq!(c.slot(i), Some(Slot::Fit(k as u32)));
                prop_assert_eq!(details.item(i, h), Some(Item::Fit(f.clone())));
            }
            for (k, x) in expected.excluded.iter().enumerate() {
                let i = index_of(&x.id).expect("listed");
                prop_assert_eq!(c.slot(i), Some(Slot::Excluded(k as u32)));
                prop_assert_eq!(details.item(i, h), Some(Item::Excluded(x.clone())));
            }
            for (k, b) in expected.beyond.iter().enumerate() {
                let i = index_of(&b.id).expect("listed");
                prop_assert_eq!(c.slot(i), Some(Slot::Beyond(k as u32)));
                prop_assert_eq!(details.item(i, h), Some(Item::Beyond(b.clone())));
            }
        }
        prop_assert_eq!(&details.all(), &plain);
    }
}
