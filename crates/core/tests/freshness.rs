//! Freshness (`date_maj`): the offers an association should check again, and the template it
//! starts its catalogue from.

use relais_core::catalogue::{load, Column};
use relais_core::freshness::{
    is_stale, oldest_stale, stale_offers, unchecked, unchecked_count, STALE_AFTER_DAYS,
};
use relais_core::matching::WarningKind;
use relais_core::model::{Profile, Situation};
use relais_core::refdata::SEED_CATALOGUE;
use relais_core::{
    date, matching::match_profile, model::Offer, model::OfferType, refdata::RefData,
};
use time::{Date, Duration};

mod common;
use common::refdata as rd;

fn today() -> Date {
    date::parse("2026-11-23").expect("date")
}

fn seed(rd: &RefData) -> Vec<Offer> {
    load(SEED_CATALOGUE.as_bytes(), "data/catalogue.csv", rd).offers
}

#[test]
fn six_months_is_the_line_day_for_day() {
    let rd = rd();
    let mut o = seed(rd).remove(0);
    o.checked = Some(today() - Duration::days(STALE_AFTER_DAYS));
    assert!(
        !is_stale(&o, today()),
        "exactly on the limit is still fresh"
    );
    o.checked = Some(today() - Duration::days(STALE_AFTER_DAYS + 1));
    assert!(is_stale(&o, today()));
    o.checked = None;
    assert!(
        !is_stale(&o, today()),
        "no date_maj is « unchecked », not stale"
    );
    // A date in the future (typo or not) is not stale either.
    o.checked = Some(today() + Duration::days(400));
    assert!(!is_stale(&o, today()));
}

#[test]
fn stale_offers_are_listed_oldest_first_whatever_the_row_order() {
    let rd = rd();
    let mut offers = seed(rd);
    for (i, o) in offers.iter_mut().enumerate() {
        o.checked = match i % 4 {
            0 => None,
            1 => Some(today() - Duration::days(30)),
            2 => Some(today() - Duration::days(200 + (i as i64 % 3) * 100)),
            _ => Some(today() - Duration::days(400)),
        };
    }
    let stale = stale_offers(&offers, today());
    let expected = offers.iter().filter(|o| is_stale(o, today())).count();
    assert_eq!(stale.len(), expected);
    assert!(expected > 0);
    for w in stale.windows(2) {
        assert!(
            (w[0].checked, &w[0].id) <= (w[1].checked, &w[1].id),
            "{w:?}"
        );
    }
    for s in &stale {
        assert!(s.days > STALE_AFTER_DAYS);
        assert_eq!(
            Some(s.checked),
            offers.iter().find(|o| o.id == s.id).and_then(|o| o.checked)
        );
    }
    let mut reversed = offers.clone();
    reversed.reverse();
    assert_eq!(stale_offers(&reversed, today()), stale);
    let never = unchecked(&offers);
    assert_eq!(
        never.len(),
        offers.iter().filter(|o| o.checked.is_none()).count()
    );
    assert!(never.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(unchecked_count(&offers), never.len());
    // The page lists the oldest few by name and counts the rest.
    let (first, count) = oldest_stale(&offers, today(), 2);
    assert_eq!(count, stale.len());
    assert_eq!(first.as_slice(), &stale[..2]);
    assert_eq!(oldest_stale(&offers, today(), 0), (Vec::new(), stale.len()));
}

/// The report's list and the « à vérifier » badge of a result come from the same rule.
#[test]
fn the_list_agrees_with_the_stale_warning_of_the_results() {
    let rd = rd();
    let mut offers = seed(rd);
    for (i, o) in offers.iter_mut().enumerate() {
        o.checked = Some(today() - Duration::days(150 + 7 * i as i64));
    }
    let stale: Vec<String> = stale_offers(&offers, today())
        .into_iter()
        .map(|s| s.id)
        .collect();
    // A person outside with no constraint: many offers fit.
    let profile = Profile {
        situation: Situation::Dehors,
        residence_departement: Some("93".into()),
        ..Profile::default()
    };
    let result = match_profile(&profile, &offers, rd, today());
    assert!(result.now.fits.len() > 5);
    for f in &result.now.fits {
        let warned = f.warnings.iter().any(|w| w.rule() == WarningKind::Stale);
        assert_eq!(warned, stale.contains(&f.id), "{}", f.id);
    }
}

#[test]
fn the_catalogue_template_is_valid_and_has_one_example_of_each_type() {
    let rd = rd();
    let bytes = include_bytes!("../../../data/modele-catalogue.csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM, for Excel"
    );
    let l = load(bytes, "data/modele-catalogue.csv", rd);
    assert!(l.problems.is_empty(), "{:#?}", l.problems);
    assert_eq!(l.delimiter, Some(b';'));
    assert_eq!(l.offers.len(), OfferType::ALL.len());
    for t in OfferType::ALL {
        assert_eq!(
            l.offers.iter().filter(|o| o.kind == *t).count(),
            1,
            "one example of type {t:?}"
        );
    }
    for o in &l.offers {
        assert!(
            o.description().starts_with("Exemple —"),
            "{}: {}",
            o.id,
            o.description()
        );
        assert!(o.checked.is_some(), "{} shows date_maj", o.id);
    }
    // Every column of the format appears in the template's header, in order.
    let text = String::from_utf8_lossy(&bytes[3..]);
    let header: Vec<&str> = text.lines().next().unwrap_or("").split(';').collect();
    let names: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(header, names);
}

#[test]
fn the_column_guide_explains_every_column_in_order() {
    let bytes = include_bytes!("../../../data/modele-catalogue-colonnes.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        ["colonne", "obligatoire", "ce_qu_il_faut_ecrire", "exemple"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("a row")).collect();
    let names: Vec<&str> = rows.iter().map(|x| &x[0]).collect();
    let expected: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(names, expected);
    for row in &rows {
        assert!(
            !row[2].trim().is_empty() && !row[3].trim().is_empty(),
            "{row:?}"
        );
    }
    let required: Vec<&str> = rows
        .iter()
        .filter(|x| &x[1] == "oui")
        .map(|x| &x[0])
        .collect();
    assert_eq!(required, ["id", "organisation", "titre", "type", "milieu"]);
}
