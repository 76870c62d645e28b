//! Hours read from real corpora (`../shared/data/external`, described in its SOURCES.md §2),
//! with the figures printed (`cargo test -p relais-core --test hours_corpus -- --nocapture`)
//! and kept as floors, a hand-checked sample, and properties (no panic, OSM round trip).

use proptest::prelude::*;
use relais_core::lang::Lang;
use relais_core::schedule::{HoursState, Schedule};
use std::path::PathBuf;

fn external(name: &str) -> String {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/external"
    ))
    .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "corpus {} missing ({e}): the hours figures need ../shared/data/external next to the repository",
            path.display()
        )
    })
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("corpus CSV row"))
        .collect()
}

/// Every time written in the value (`9h`, `09:00`, `14h30`) is either a bound of the hours
/// placed, or inside a part reported (unplaced, pending) or noted: nothing vanishes.
fn silently_dropped(value: &str, s: &Schedule) -> Vec<String> {
    let per_day = s.per_day();
    let said: String = s
        .unplaced
        .iter()
        .chain(&s.pending)
        .chain(&s.notes)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let chars: Vec<char> = value.chars().collect();
    let mut lost = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars.get(i).is_some_and(|c| c.is_ascii_digit())
            && !(i > 0 && chars.get(i - 1).is_some_and(|c| c.is_ascii_digit()));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut h = 0u32;
        while let Some(d) = chars.get(j).and_then(|c| c.to_digit(10)) {
            h = h * 10 + d;
            j += 1;
        }
        let sep = chars.get(j).copied();
        if j - i <= 2 && matches!(sep, Some('h') | Some('H') | Some(':')) {
            let mut k = j + 1;
            // `13h 30` (minutes after a space), but not `12h 14h` (two times).
            let spaced_minutes = chars.get(k) == Some(&' ')
                && chars.get(k + 1).is_some_and(|c| c.is_ascii_digit())
                && chars.get(k + 2).is_some_and(|c| c.is_ascii_digit())
                && !chars
                    .get(k + 3)
                    .is_some_and(|c| matches!(c, 'h' | 'H' | ':'));
            if spaced_minutes {
                k += 1;
            }
            let mut m = 0u32;
            while let Some(d) = chars.get(k).and_then(|c| c.to_digit(10)) {
                m = m * 10 + d;
                k += 1;
            }
            let t = (h * 60 + m) % 1440;
            let text: String = chars
                .get(i..j + 1)
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            let inside = per_day
                .iter()
                .flatten()
                .any(|&(a, e)| (a..=e).contains(&t) || (a..=e).contains(&(t + 1440)));
            if h <= 48 && m < 60 && !inside && !said.contains(&text) {
                lost.push(text);
            }
            i = k;
        } else {
            i = j;
        }
    }
    lost
}

fn names_days_or_times(v: &str) -> bool {
    let f = relais_core::text::fold(v);
    f.chars().any(|c| c.is_ascii_digit())
        || [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "midi",
        ]
        .iter()
        .any(|d| f.contains(d))
}

struct Tally {
    total: usize,
    known: usize,
    partial: usize,
    pending: usize,
    unreadable: usize,
    dropped: Vec<(String, Vec<String>)>,
    round_trip: Vec<String>,
}

fn tally<'a>(values: impl Iterator<Item = &'a str>) -> Tally {
    let mut t = Tally {
        total: 0,
        known: 0,
        partial: 0,
        pending: 0,
        unreadable: 0,
        dropped: Vec::new(),
        round_trip: Vec::new(),
    };
    for v in values {
        let s = Schedule::read(v);
        t.total += 1;
        match s.state {
            HoursState::Known => t.known += 1,
            HoursState::Partial => t.partial += 1,
            HoursState::ToConfirm => t.pending += 1,
            HoursState::Unreadable => t.unreadable += 1,
        }
        // Whatever was read, the OpenStreetMap form the core writes reads back the same.
        let again = Schedule::read(&s.to_osm());
        if again.spans != s.spans || (!s.spans.is_empty() && again.state != HoursState::Known) {
            t.round_trip.push(format!("{v:?} → {}", s.to_osm()));
        }
        let lost = silently_dropped(v, &s);
        if !lost.is_empty() {
            t.dropped.push((v.to_string(), lost));
        }
        if std::env::var("HOURS_DEBUG").is_ok() && s.state != HoursState::Known {
            println!(
                "  {:?} {v:?} → {} | unplaced {:?} pending {:?}",
                s.state,
                s.to_osm(),
                s.unplaced,
                s.pending
            );
        }
    }
    t
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

fn report(name: &str, t: &Tally) {
    println!(
        "{name}: {} values — fully known {} ({:.1} %), partly known {} ({:.1} %), à préciser {} ({:.1} %), unreadable {} ({:.1} %); read (fully or partly) {:.1} %; times dropped in silence: {}; OSM round trips lost: {}",
        t.total,
        t.known,
        pct(t.known, t.total),
        t.partial,
        pct(t.partial, t.total),
        t.pending,
        pct(t.pending, t.total),
        t.unreadable,
        pct(t.unreadable, t.total),
        pct(t.known + t.partial, t.total),
        t.dropped.len(),
        t.round_trip.len()
    );
    for v in t.round_trip.iter().take(10) {
        println!("    round trip lost: {v}");
    }
    for (v, lost) in t.dropped.iter().take(10) {
        println!("    dropped {lost:?} in {v:?}");
    }
}

#[test]
fn french_free_text() {
    let text = external("horaires_fr_texte_libre_mednum.csv");
    let rows = csv_rows(&text);
    let values: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get(2))
        .filter(|v| names_days_or_times(v))
        .collect();
    let t = tally(values.iter().copied());
    report("French free text naming days or times", &t);
    assert!(t.total >= 700, "corpus too small: {}", t.total);
    // Floors a little under the figures of docs/formats.md, so that a regression shows.
    assert!(pct(t.known + t.partial, t.total) >= 95.0);
    assert!(pct(t.known, t.total) >= 90.0);
    assert!(t.dropped.is_empty());
    assert!(t.round_trip.is_empty());
}

#[test]
fn osm_reference_test_cases() {
    let text = external("osm_opening_hours_js_testcases.csv");
    let rows = csv_rows(&text);
    let values: Vec<&str> = rows
        .iter()
        .filter(|r| r.get(2) == Some("accept"))
        .filter_map(|r| r.get(1))
        .collect();
    let t = tally(values.iter().copied());
    report("opening_hours.js test cases it accepts", &t);
    assert_eq!(t.total, 382);
    assert!(pct(t.known + t.partial, t.total) >= 95.0);
    assert!(pct(t.known, t.total) >= 97.0);
    assert!(t.dropped.is_empty());
    assert!(t.round_trip.is_empty());
    let warned: Vec<&str> = rows
        .iter()
        .filter(|r| r.get(2) == Some("accept_with_warning"))
        .filter_map(|r| r.get(1))
        .collect();
    report(
        "opening_hours.js test cases it accepts with a warning",
        &tally(warned.iter().copied()),
    );
}

#[test]
fn osm_french_real_values() {
    let text = external("osm_opening_hours_fr_mediation_numerique.tsv");
    let values: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    let t = tally(values.iter().copied());
    report("Real French OSM values (médiation numérique)", &t);
    assert!(pct(t.known, t.total) >= 99.0);
    assert!(t.dropped.is_empty());
    assert!(t.round_trip.is_empty());
}

/// Real OSM values (worldwide) that a strict parser rejects but that have one obvious reading:
/// reported, not a target (many are in German, Italian…).
#[test]
fn osm_invalid_but_unambiguous() {
    let text = external("osm_opening_hours_taginfo_invalid_unambiguous_top1000.tsv");
    let values: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(_, v)| v))
        .collect();
    let t = tally(values.iter().copied());
    report("taginfo values invalid but unambiguous (top 1000)", &t);
    assert!(t.dropped.is_empty());
}

#[test]
fn osm_rs_sample() {
    let text = external("osm_opening_hours_rs_sample.txt");
    let values: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    let t = tally(values.iter().copied());
    report("opening-hours-rs sample", &t);
    assert!(pct(t.known, t.total) >= 99.0);
    assert!(t.dropped.is_empty());
    assert!(t.round_trip.is_empty());
}

/// Words, symbols and (huge) numbers the reader gives a meaning to, in any order.
const TOKENS: &str = "((sunrise|sunset|dawn|dusk|Mo|Su|lun|dim|midi|minuit|fermé|sauf|matin|[0-9]{1,11}|[:h+()/,;.\n\\[\\]-]| |off|PH|SH|week|Jan|am|pm|de|à|au|et)){0,20}";

fn hm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_panic_on_any_string(s in ".{0,60}") {
        let h = Schedule::read(&s);
        let _ = h.in_words(Lang::Fr);
        let _ = h.in_words(Lang::En);
        let _ = h.to_osm();
        let _ = Schedule::parse(&s);
    }

    #[test]
    fn no_panic_on_hour_like_soup(s in "[0-9hH:;,\\-–—/ a-zéèû€()\"\n+\\[\\]|.]{0,50}") {
        let h = Schedule::read(&s);
        let _ = h.in_words(Lang::Fr);
        let _ = h.to_osm();
        // A value is never « known » while a part of it is reported.
        prop_assert!(h.state != HoursState::Known || (h.unplaced.is_empty() && h.pending.is_empty()));
    }

    #[test]
    fn no_panic_on_hour_like_tokens(s in TOKENS) {
        let h = Schedule::read(&s);
        let _ = h.in_words(Lang::Fr);
        let _ = h.in_words(Lang::En);
        let _ = h.to_osm();
        let _ = Schedule::parse(&s);
    }

    #[test]
    fn the_opening_hours_the_core_writes_read_back_the_same(
        rules in proptest::collection::vec(
            (proptest::collection::btree_set(0usize..7, 1..4),
             proptest::collection::vec((0u32..96, 1u32..96), 1..3)),
            1..4),
        french in any::<bool>(),
    ) {
        const OSM: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
        const FR: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
        let names = if french { FR } else { OSM };
        let text: Vec<String> = rules
            .iter()
            .map(|(days, ranges)| {
                let days: Vec<&str> = days.iter().filter_map(|d| names.get(*d).copied()).collect();
                let ranges: Vec<String> = ranges
                    .iter()
                    .map(|(start, len)| (start * 15, (start * 15 + len * 15) % 1440))
                    .map(|(a, e)| format!("{}-{}", hm(a), if e == 0 { "24:00".into() } else { hm(e) }))
                    .collect();
                format!("{} {}", days.join(","), ranges.join(","))
            })
            .collect();
        // French rules add up; OpenStreetMap `;` rules override: `,` between rules keeps both.
        let text = text.join(if french { "; " } else { ", " });
        let first = Schedule::read(&text);
        prop_assert_eq!(first.state, HoursState::Known, "{}", text);
        let osm = first.to_osm();
        let again = Schedule::read(&osm);
        prop_assert_eq!(again.state, HoursState::Known, "{} → {}", text, osm);
        prop_assert_eq!(&again.spans, &first.spans, "{} → {}", text, osm);
    }
}

/// 100 values of the French corpus (88 drawn from the free-text sources, 12 from the per-day
/// fields), each read by hand: `state` and `week` (the weekly hours in OpenStreetMap form, `off`
/// when none) are what a careful reader takes from the value, under the conservative
/// conventions of docs/formats.md (no day = every day; « la semaine » = Monday to Friday; an
/// « n-th weekday of the month » counts as that weekday; months widen, never narrow).
#[test]
fn hand_checked_sample_is_read_exactly() {
    let text = include_str!("hours_sample.csv");
    let rows = csv_rows(text);
    assert_eq!(rows.len(), 100);
    let mut wrong = Vec::new();
    for r in &rows {
        let (Some(value), Some(state), Some(week)) = (r.get(0), r.get(1), r.get(2)) else {
            panic!("sample row {r:?}")
        };
        let s = Schedule::read(value);
        let got = (format!("{:?}", s.state), s.to_osm());
        if got.0 != state || got.1 != week {
            wrong.push(format!(
                "{value:?}: expected {state} {week}, read {} {}",
                got.0, got.1
            ));
        }
    }
    println!(
        "hand-checked sample: {} values, {} read wrongly",
        rows.len(),
        wrong.len()
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// « mar » is mardi, as French catalogues abbreviate it, even with OSM-style times;
/// OpenStreetMap's month `Mar` beside OSM weekdays or another month still reads as a month.
#[test]
fn mar_in_lower_case_is_tuesday_and_osm_months_stay_months() {
    reads_known(&[
        ("mar 14:00-17:00", "Tu 14:00-17:00"),
        ("mar, jeu 09:00-12:00", "Tu,Th 09:00-12:00"),
        ("Mar 14:00-17:00", "Tu 14:00-17:00"),
        ("MAR 14:00-17:00", "Tu 14:00-17:00"),
        ("Mar-Oct Mo-Fr 10:00-12:00", "Mo-Fr 10:00-12:00"),
        ("Mar Sa 10:00-12:00", "Sa 10:00-12:00"),
    ]);
}

/// French two-letter days as agendas write them are read; the same letters as words are not
/// days (a day read where none was written would narrow the hours: a curfew could be missed).
#[test]
fn two_letter_french_days_and_the_same_letters_as_words() {
    for (text, state, week) in [
        ("Lu-Ve 9h-17h", "Known", "Mo-Fr 09:00-17:00"),
        ("Ma 14h-17h", "Known", "Tu 14:00-17:00"),
        ("Lu, Me, Ve 9h-12h", "Known", "Mo,We,Fr 09:00-12:00"),
        ("Lu au Ve de 9h à 12h", "Known", "Mo-Fr 09:00-12:00"),
        ("Di 10h-12h", "Known", "Su 10:00-12:00"),
        ("Je suis là le matin 9h-12h", "Partial", "Mo-Su 09:00-12:00"),
        ("ma permanence 9h-12h", "Partial", "Mo-Su 09:00-12:00"),
        // A colon after the days (before: read as hours on every day, the days left unread).
        (
            "Lu-Ve: 09h00-12h00 / 13h30-17h30",
            "Known",
            "Mo-Fr 09:00-12:00,13:30-17:30",
        ),
        ("Lu: 9h-17h", "Known", "Mo 09:00-17:00"),
        // One letter: a range from Monday only (« M » is Tuesday and Wednesday).
        ("L-V 9h-17h", "Known", "Mo-Fr 09:00-17:00"),
        ("L au S de 8h à 20h", "Known", "Mo-Sa 08:00-20:00"),
        ("L à V : 9h-12h", "Known", "Mo-Fr 09:00-12:00"),
        ("M-V 9h-17h", "Partial", "Mo-Su 09:00-17:00"),
        ("jours ouvrés 9h-17h", "Known", "Mo-Fr 09:00-17:00"),
        // A curfew as it is dictated: the whole day, said as the page says it back.
        (
            "du lundi au vendredi 21h-6h, samedi et dimanche toute la journée",
            "Known",
            "Mo-Th 21:00-06:00; Fr 21:00-24:00; Sa,Su 00:00-24:00",
        ),
        ("le dimanche jour et nuit", "Known", "Su 00:00-24:00"),
        (
            "Les jours ouvrables de 8h à 18h",
            "Known",
            "Mo-Sa 08:00-18:00",
        ),
    ] {
        let s = Schedule::read(text);
        assert_eq!(
            (format!("{:?}", s.state), s.to_osm()),
            (state.to_string(), week.to_string()),
            "{text}"
        );
    }
}

/// Hours written before their days, group after group, as curfews are often dictated: each
/// group keeps its own days (before, the first hours went to every day and the days to the
/// next hours — a Saturday could drop out of a curfew).
#[test]
fn hours_written_before_their_days_keep_their_own_days() {
    reads_known(&[
        (
            "de 9h à 12h le lundi et de 14h à 17h le mardi",
            "Mo 09:00-12:00; Tu 14:00-17:00",
        ),
        (
            "9h-12h lundi, 14h-17h mardi",
            "Mo 09:00-12:00; Tu 14:00-17:00",
        ),
        (
            "de 21h à 7h du lundi au vendredi, de 10h à 12h le samedi",
            "Mo-Fr 21:00-07:00; Sa 10:00-12:00",
        ),
        (
            "de 21h à 7h du lundi au vendredi, 24h/24 samedi et dimanche",
            "Mo-Th 21:00-07:00; Fr 21:00-24:00; Sa,Su 00:00-24:00",
        ),
        ("8h-12h lundi mardi jeudi", "Mo,Tu,Th 08:00-12:00"),
        (
            "9h-12h et 14h-17h du lundi au vendredi",
            "Mo-Fr 09:00-12:00,14:00-17:00",
        ),
        (
            "lundi 9h-12h mardi 14h-17h",
            "Mo 09:00-12:00; Tu 14:00-17:00",
        ),
    ]);
}

/// « le week-end » is Saturday and Sunday, alone or after weekday hours.
#[test]
fn the_week_end_is_saturday_and_sunday() {
    reads_known(&[
        (
            "de 21h à 7h du lundi au vendredi, 24h/24 le week-end",
            "Mo-Th 21:00-07:00; Fr 21:00-24:00; Sa,Su 00:00-24:00",
        ),
        ("Le weekend de 10h à 18h", "Sa,Su 10:00-18:00"),
        ("20h-6h sauf le week-end", "Mo-Fr 20:00-06:00"),
    ]);
    // Read aloud to the person: a whole day is « toute la journée », never « minuit – minuit ».
    let curfew = Schedule::read("de 21h à 7h du lundi au vendredi, 24h/24 le week-end");
    assert_eq!(
        curfew.in_words(Lang::Fr),
        "du lundi au jeudi, 21 h – 7 h ; le vendredi, 21 h – minuit ; \
         le samedi et le dimanche, toute la journée"
    );
    assert_eq!(
        curfew.in_words(Lang::En),
        "Monday to Thursday, 21:00–07:00; Friday, 21:00–24:00; Saturday and Sunday, all day"
    );
}

/// An exception in brackets belongs to the hours before it: « (sauf mercredi) » was its own part
/// and left Wednesday open (shown as open, and compared with a curfew as open).
#[test]
fn an_exception_in_brackets_applies_to_the_hours_before_it() {
    reads_known(&[
        ("lun-ven 9h-17h (sauf mercredi)", "Mo,Tu,Th,Fr 09:00-17:00"),
        (
            "Lundi au vendredi : 9h-12h30 / 13h30-17h (sauf mercredi après-midi)",
            "Mo,Tu,Th,Fr 09:00-12:30,13:30-17:00; We 09:00-12:30",
        ),
        (
            "lun-ven 9h-17h ( sauf le vendredi 9h-12h)",
            "Mo-Th 09:00-17:00; Fr 09:00-12:00",
        ),
    ]);
}

/// A curfew as a judgment words it is read; « sortie autorisée » (the hours out, the opposite)
/// stays partly unread, so that the whole curfew is checked by hand rather than inverted.
#[test]
fn a_curfew_as_a_judgment_words_it() {
    reads_known(&[
        (
            "présence obligatoire au domicile de 20h à 7h",
            "Mo-Su 20:00-07:00",
        ),
        ("assignation à domicile 21h-6h", "Mo-Su 21:00-06:00"),
    ]);
    let out = Schedule::read("sortie autorisée de 8h à 19h");
    assert_ne!(format!("{:?}", out.state), "Known");
}

/// Each text reads fully known, as this week in OpenStreetMap form.
fn reads_known(cases: &[(&str, &str)]) {
    for (text, week) in cases {
        let s = Schedule::read(text);
        assert_eq!(
            (format!("{:?}", s.state), s.to_osm()),
            ("Known".to_string(), week.to_string()),
            "{text}"
        );
    }
}

/// A day of the month (`Fr[3]`, `Su[-1]`) at either end of a range keeps the range: the days
/// between were dropped (`Fr[3]-Su[-1]` read Friday and Sunday, no Saturday), narrowing the
/// hours a curfew is compared with. Found in the taginfo sample of invalid values.
#[test]
fn a_range_between_days_of_the_month_keeps_its_days() {
    reads_known(&[
        ("Fr[3]-Su[-1] 10:00-12:00", "Fr-Su 10:00-12:00"),
        ("Sep: Fr[3]-Su[-1]", "Fr-Su 00:00-24:00"),
        ("Mo[1]-We[2] 10:00-12:00", "Mo-We 10:00-12:00"),
        ("Mo[1],Tu 09:00-12:00", "Mo,Tu 09:00-12:00"),
        ("We[1,3] 09:00-12:00", "We 09:00-12:00"),
    ]);
}
