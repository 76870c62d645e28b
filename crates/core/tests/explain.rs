//! The renderer says every reason, warning and exclusion the core can find, in French and in
//! English, with and without codes. The examples are enumerated: an exhaustive `match` gives
//! each variant its number, and the test fails when a number has no example, so a new variant
//! cannot go unsaid.

mod common;
#[path = "common/french.rs"]
mod french;

use relais_core::explain::Explain;
use relais_core::lang::Lang;
use relais_core::matching::{
    Beyond, Exclusion, Factor, Home, MeasuredFrom, Obligation, PersonAt, Reach, Rule, Warning,
    WarningKind, Why,
};
use relais_core::model::Measure;
use relais_core::schedule::{Schedule, Span};
use relais_core::{date, refdata::RefData};
use std::sync::Arc;

fn s(x: &str) -> String {
    x.to_string()
}

fn curfew() -> Arc<Schedule> {
    Arc::new(Schedule::parse("lun-ven 20:00-06:00").expect("curfew"))
}

fn day() -> time::Date {
    date::parse("2027-01-15").expect("date")
}

fn exclusion_number(x: &Exclusion) -> usize {
    match x {
        Exclusion::BannedPlace { .. } => 0,
        Exclusion::BannedActivity(_) => 1,
        Exclusion::Curfew { .. } => 2,
        Exclusion::Measure { .. } => 3,
        Exclusion::RecordB2 => 4,
        Exclusion::Zone { .. } => 5,
        Exclusion::Ended(_) => 6,
        Exclusion::EndsBeforeRelease { .. } => 7,
        Exclusion::EstablishmentMissing => 8,
        Exclusion::OtherEstablishment { .. } => 9,
        Exclusion::OutsideDepartement(_) => 10,
        Exclusion::OpenMilieu => 11,
        Exclusion::InsideOnlyPersonOutside => 12,
        Exclusion::InsideOnlyAfterRelease => 13,
        Exclusion::BannedActivityJob { .. } => 14,
    }
}
const EXCLUSIONS: usize = 15;

fn exclusions() -> Vec<Exclusion> {
    vec![
        Exclusion::BannedPlace {
            ban: s("69123"),
            place: s("69387"),
        },
        Exclusion::BannedPlace {
            ban: s("69123"),
            place: s("69123"),
        },
        Exclusion::BannedPlace {
            ban: s("75"),
            place: s("75056"),
        },
        Exclusion::BannedActivity(s("mineurs")),
        Exclusion::BannedActivityJob {
            activity: s("mineurs"),
            job: s("G1203"),
        },
        Exclusion::Curfew {
            curfew: curfew(),
            hours: Schedule::read("lun-ven 18:00-23:00").into(),
            span: Span {
                start: 20 * 60,
                end: 23 * 60,
            },
            dedans: false,
        },
        Exclusion::Curfew {
            curfew: curfew(),
            hours: Schedule::read("lun-ven 18:00-23:00").into(),
            span: Span {
                start: 20 * 60,
                end: 23 * 60,
            },
            dedans: true,
        },
        Exclusion::Measure {
            accepted: vec![Measure::Ddse],
            person: vec![Measure::SansMesure],
            after_release: true,
        },
        Exclusion::Measure {
            accepted: vec![Measure::Ddse],
            person: vec![Measure::Tig],
            after_release: false,
        },
        Exclusion::RecordB2,
        Exclusion::Zone {
            zone: vec![s("13"), s("13055")],
            more: true,
            person: s("69266"),
            at: PersonAt::Residence,
        },
        Exclusion::Zone {
            zone: vec![s("13")],
            more: false,
            person: s("44109"),
            at: PersonAt::Establishment,
        },
        Exclusion::Zone {
            zone: vec![s("13")],
            more: false,
            person: s("44"),
            at: PersonAt::Release,
        },
        Exclusion::Ended(day()),
        Exclusion::EndsBeforeRelease {
            end: day(),
            release: day(),
        },
        Exclusion::EstablishmentMissing,
        Exclusion::OtherEstablishment {
            offer: vec![s("bedenac")],
            person: s("fleury-merogis"),
        },
        Exclusion::OutsideDepartement(Some(s("91"))),
        Exclusion::OpenMilieu,
        Exclusion::InsideOnlyPersonOutside,
        Exclusion::InsideOnlyAfterRelease,
    ]
}

fn warning_number(w: &Warning) -> usize {
    match w {
        Warning::BannedPlaceElsewhere { .. } => 0,
        Warning::BannedPlaceUnlisted { .. } => 1,
        Warning::BannedPlacePart { .. } => 2,
        Warning::BannedPlaceDepartement { .. } => 3,
        Warning::CurfewUnreadable { .. } => 4,
        Warning::CurfewHoursPartly { .. } => 5,
        Warning::CurfewHoursUnknown { .. } => 6,
        Warning::RecordB2CleanUnknown => 7,
        Warning::RecordB2Mention => 8,
        Warning::RecordB2Unknown => 9,
        Warning::RecordB3Mention => 10,
        Warning::RecordB3Unknown => 11,
        Warning::ZoneCommune { .. } => 12,
        Warning::ZonePerson { .. } => 13,
        Warning::Prerequisites(_) => 14,
        Warning::NoSeats => 15,
        Warning::SeatsUnknown => 16,
        Warning::ReleaseDateUnknown => 17,
        Warning::Stale(_) => 18,
        Warning::Public(_) => 19,
        Warning::BannedPlaceUnread { .. } => 20,
        Warning::BannedActivityJob { .. } => 21,
    }
}
const WARNINGS: usize = 22;

fn warnings() -> Vec<Warning> {
    vec![
        Warning::BannedPlaceElsewhere {
            ban: s("69123"),
            place: s("69387"),
        },
        Warning::BannedPlaceUnlisted {
            ban: s("74011"),
            place: s("74010"),
        },
        Warning::BannedPlacePart {
            ban: s("69383"),
            place: s("69123"),
        },
        Warning::BannedPlacePart {
            ban: s("74011"),
            place: s("74010"),
        },
        Warning::BannedPlaceDepartement {
            ban: s("69123"),
            departement: s("69"),
        },
        Warning::BannedPlaceUnread { ban: s("Lyyon") },
        Warning::BannedActivityJob {
            activity: s("securite_privee"),
            sector: s("K2503"),
            job: s("K2503"),
            whole: true,
        },
        Warning::BannedActivityJob {
            activity: s("mineurs"),
            sector: s("K13"),
            job: s("K1303"),
            whole: false,
        },
        Warning::CurfewUnreadable {
            written: s("le soir"),
            error: s("« le soir » non lu"),
        },
        Warning::CurfewHoursPartly {
            curfew: curfew(),
            hours: Schedule::read("lun-ven 9h-12h, sur rendez-vous").into(),
        },
        Warning::CurfewHoursUnknown { curfew: curfew() },
        Warning::RecordB2CleanUnknown,
        Warning::RecordB2Mention,
        Warning::RecordB2Unknown,
        Warning::RecordB3Mention,
        Warning::RecordB3Unknown,
        Warning::ZoneCommune {
            zone: vec![s("69266")],
            more: false,
        },
        Warning::ZonePerson {
            zone: vec![s("69")],
            more: false,
        },
        Warning::Prerequisites(vec![s("permis_b"), s("francais_a2")]),
        Warning::NoSeats,
        Warning::SeatsUnknown,
        Warning::ReleaseDateUnknown,
        Warning::Stale(day()),
        Warning::Public(vec![s("personnes-exilees"), s("jeunes")]),
    ]
}

fn why_number(w: &Why) -> usize {
    match w {
        Why::Skills(_) => 0,
        Why::Sector(_) => 1,
        Why::SectorDomain(_) => 2,
        Why::Inside(_) => 3,
        Why::Anywhere => 4,
        Why::PlaceNotCompared(_) => 5,
        Why::OfferPlaceUnknown => 6,
        Why::SameDepartement { .. } => 7,
        Why::Distance(_) => 8,
        Why::StartsSoon { .. } => 9,
        Why::StartsLate(_) => 10,
        Why::Open { .. } => 11,
        Why::ContinuesOutside { .. } => 12,
        Why::ContinuationOf { .. } => 13,
        Why::Obligation(_) => 14,
    }
}
const WHYS: usize = 15;

fn reach(from: MeasuredFrom, metres: u32, to: &str, to_estimate: bool) -> Reach {
    Reach {
        metres,
        from,
        to: s(to),
        to_estimate,
    }
}

fn whys() -> Vec<Why> {
    let mut v = vec![
        Why::Skills(vec![s("cuisine")]),
        Why::Sector(s("G1602")),
        Why::SectorDomain(s("G")),
        Why::Inside(s("fleury-merogis")),
        Why::Anywhere,
        Why::OfferPlaceUnknown,
        Why::SameDepartement {
            home: Home::Residence,
            departement: s("69"),
        },
        Why::SameDepartement {
            home: Home::Release,
            departement: s("91"),
        },
        Why::Distance(reach(
            MeasuredFrom::Commune(s("69266")),
            400,
            "69266",
            false,
        )),
        Why::Distance(reach(
            MeasuredFrom::Establishment(s("fleury-merogis")),
            12_400,
            "91228",
            false,
        )),
        Why::Distance(reach(
            MeasuredFrom::ChefLieu {
                departement: s("44"),
                home: Home::Release,
            },
            30_600,
            "49",
            true,
        )),
        Why::StartsLate(day()),
        Why::ContinuesOutside {
            title: s("Café"),
            organisation: s("Asso"),
        },
        Why::ContinuationOf {
            title: s("Café"),
            organisation: s("Asso"),
        },
        Why::Obligation(Obligation::Training),
        Why::Obligation(Obligation::Work),
    ];
    for home in [Home::Establishment, Home::Release, Home::Residence] {
        v.push(Why::PlaceNotCompared(home));
    }
    for after_release in [false, true] {
        v.push(Why::StartsSoon {
            start: day(),
            after_release,
        });
        for permanent in [false, true] {
            v.push(Why::Open {
                permanent,
                after_release,
            });
        }
    }
    v
}

/// Every name the examples use, which the English may carry as written.
fn names(rd: &RefData) -> Vec<String> {
    let mut n: Vec<String> = vec![s("cuisine"), s("Café"), s("Asso"), s("le soir")];
    n.extend(rd.departements.iter().map(|d| d.name.clone()));
    n.extend(rd.establishments.iter().map(|e| e.name.clone()));
    n.extend(rd.rome_jobs.iter().map(|j| j.label.clone()));
    n.extend(rd.rome_domains.iter().map(|(_, l)| l.clone()));
    n.extend(rd.vocabulary.iter().map(|t| t.en.clone()));
    n.extend(rd.communes.iter().map(|c| c.name.clone()).filter(|c| {
        [
            "Lyon",
            "Villeurbanne",
            "Marseille",
            "Annecy",
            "Nantes",
            "Évry",
            "Angers",
            "Paris",
        ]
        .iter()
        .any(|x| c.contains(x))
    }));
    n
}

fn five_digits(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 5)
}

#[test]
fn every_variant_is_said_in_french_and_in_english_without_french_or_codes() {
    let rd = common::refdata();
    let names = names(rd);
    let mut numbers = (
        vec![false; EXCLUSIONS],
        vec![false; WARNINGS],
        vec![false; WHYS],
    );
    let mut rules = std::collections::BTreeSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    let mut factors = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    let mut check = |what: &str, say: &dyn Fn(Explain) -> String| {
        for lang in Lang::ALL {
            for plain in [false, true] {
                let e = Explain {
                    refdata: rd,
                    lang,
                    plain,
                };
                let t = say(e);
                if t.trim().is_empty() {
                    problems.push(format!("{what} {lang:?} plain={plain}: empty"));
                }
                if lang == Lang::En {
                    let f = french::french_in(&t, &names);
                    if !f.is_empty() {
                        problems.push(format!("{what}: {t} ← {}", f.join(" ")));
                    }
                }
                if plain && (five_digits(&t) || t.contains("G1602")) {
                    problems.push(format!("{what} plain: a code in « {t} »"));
                }
            }
        }
    };
    for x in exclusions() {
        numbers.0[exclusion_number(&x)] = true;
        rules.insert(x.rule());
        check(&format!("{x:?}"), &|e: Explain| e.exclusion(&x));
    }
    for w in warnings() {
        numbers.1[warning_number(&w)] = true;
        kinds.insert(w.rule());
        check(&format!("{w:?}"), &|e: Explain| e.warning(&w));
    }
    for y in whys() {
        numbers.2[why_number(&y)] = true;
        factors.insert(y.factor());
        check(&format!("{y:?}"), &|e: Explain| e.why(&y));
    }
    let b = Beyond {
        id: s("far"),
        distance_km: 277,
        reach: reach(MeasuredFrom::Commune(s("69266")), 277_000, "13055", false),
        radius_km: 30,
        warnings: Vec::new(),
    };
    check("beyond", &|e: Explain| e.beyond(&b));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        numbers.0.iter().all(|x| *x),
        "exclusions without an example: {:?}",
        numbers.0
    );
    assert!(
        numbers.1.iter().all(|x| *x),
        "warnings without an example: {:?}",
        numbers.1
    );
    assert!(
        numbers.2.iter().all(|x| *x),
        "reasons without an example: {:?}",
        numbers.2
    );
    assert_eq!(rules.len(), Rule::ALL.len());
    assert_eq!(kinds.len(), WarningKind::ALL.len());
    assert_eq!(factors.len(), Factor::ALL.len());
}

#[test]
fn french_with_codes_is_todays_wording_and_plain_drops_the_codes() {
    let rd = common::refdata();
    let fr = Explain::new(rd, Lang::Fr);
    let plain = Explain::plain(rd, Lang::Fr);
    let en = Explain::plain(rd, Lang::En);
    let x = Exclusion::BannedPlace {
        ban: s("69123"),
        place: s("69387"),
    };
    assert_eq!(
        fr.exclusion(&x),
        "Interdiction de paraître : Lyon (69123) ; l'offre a lieu à Lyon 7e Arrondissement (69387)."
    );
    assert_eq!(
        plain.exclusion(&x),
        "Interdiction de paraître : Lyon ; l'offre a lieu à Lyon 7e Arrondissement."
    );
    assert_eq!(
        en.exclusion(&x),
        "Banned from Lyon; the offer takes place in Lyon 7e Arrondissement."
    );
    let d = Exclusion::Ended(date::parse("2026-01-01").expect("date"));
    assert_eq!(fr.exclusion(&d), "L'offre s'est terminée le 01/01/2026.");
    assert_eq!(
        plain.exclusion(&d),
        "L'offre s'est terminée le 1er janvier 2026."
    );
    assert_eq!(en.exclusion(&d), "The offer ended on 1 January 2026.");
    let r = Why::Distance(reach(
        MeasuredFrom::Commune(s("69266")),
        12_600,
        "69387",
        false,
    ));
    assert_eq!(
        fr.why(&r),
        "À 13 km de Villeurbanne (69266) : Lyon 7e Arrondissement (69387)"
    );
    assert_eq!(
        en.why(&r),
        "13 km from Villeurbanne: Lyon 7e Arrondissement"
    );
    assert_eq!(
        plain.why(&Why::Sector(s("G1602"))),
        "Secteur recherché : Personnel de cuisine"
    );
}

#[test]
fn without_the_commune_list_the_page_names_a_commune_by_its_departement() {
    let bare = RefData::bundled().expect("bundled");
    assert_eq!(Explain::plain(&bare, Lang::Fr).place("69387"), "Rhône");
    assert_eq!(
        Explain::new(&bare, Lang::Fr).place("69387"),
        "la commune 69387"
    );
}
