//! Dates as spreadsheets write them: ISO `2027-01-15`, French `15/01/2027` or `15/01/27`, and in
//! words as a French sheet shows them (`15 janvier 2027`, `1er mars 2027`, `15-janv.-27`).

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use crate::lang::Lang;
use crate::limits::{YEAR_MAX, YEAR_MIN};
use time::{Date, Month};

/// Parse `YYYY-MM-DD`, `DD/MM/YYYY` (also with `-` or `.`), `DD/MM/YY`, or a French date in
/// words (`15 janvier 2027`, `lundi 1er mars 2027`, `15-janv.-27`) into a date; `None` if
/// impossible.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim();
    let (y, m, d) = match fields(s) {
        Some((y, m, d)) => (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        None => short_year(s).or_else(|| in_words(s))?,
    };
    if !(YEAR_MIN..=YEAR_MAX).contains(&y) {
        return None;
    }
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// A month without its day, as sessions are announced (« janvier 2027 », « janv. 27 »,
/// « 01/2027 », « 2027-01 »): its first and last days. `None` for anything else, a whole date
/// included.
pub fn month_span(s: &str) -> Option<(Date, Date)> {
    let folded = crate::text::fold(s.trim());
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '.' | ',' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    let digits = |w: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let (month, year) = match words.as_slice() {
        [m, y] if month_number(m).is_some() && (digits(y, 4..=4) || digits(y, 2..=2)) => {
            (month_number(m)?, *y)
        }
        [m, y] if digits(m, 1..=2) && digits(y, 4..=4) => (m.parse().ok()?, *y),
        [y, m] if digits(y, 4..=4) && digits(m, 1..=2) => (m.parse().ok()?, *y),
        _ => return None,
    };
    let year: i32 = match year.len() {
        4 => year.parse().ok()?,
        _ => year.parse::<i32>().ok()?.saturating_add(2000),
    };
    if !(YEAR_MIN..=YEAR_MAX).contains(&year) {
        return None;
    }
    let month = Month::try_from(month).ok()?;
    Some((
        Date::from_calendar_date(year, month, 1).ok()?,
        Date::from_calendar_date(year, month, month.length(year)).ok()?,
    ))
}

/// A two-digit year after the day and month, as French sheets shorten it: `01/11/26` is
/// 2026-11-01 (this century: the dates of this field are).
fn short_year(s: &str) -> Option<(i32, u8, u8)> {
    let mut parts = s.split(['/', '.']);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(d, 1..=2) || !digits(m, 1..=2) || !digits(y, 2..=2) {
        return None;
    }
    Some((
        y.parse::<i32>().ok()?.saturating_add(2000),
        m.parse().ok()?,
        d.parse().ok()?,
    ))
}

/// A French date in words: an optional weekday, the day (`1er`), the month (full or short,
/// accents or not) and the year (four digits, or two as `15-janv.-27`).
fn in_words(s: &str) -> Option<(i32, u8, u8)> {
    const WEEKDAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    let folded = crate::text::fold(s);
    let mut words = folded
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '.' | ',' | '/'))
        .filter(|w| !w.is_empty())
        .peekable();
    if words.peek().is_some_and(|w| WEEKDAYS.contains(w)) {
        words.next();
    }
    let day = words.next()?;
    let day = day.strip_suffix("er").unwrap_or(day);
    let month = month_number(words.next()?)?;
    let year = words.next()?;
    if words.next().is_some()
        || day.is_empty()
        || day.len() > 2
        || !day.bytes().all(|b| b.is_ascii_digit())
        || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let year: i32 = match year.len() {
        4 => year.parse().ok()?,
        2 => year.parse::<i32>().ok()?.saturating_add(2000),
        _ => return None,
    };
    Some((year, month, day.parse().ok()?))
}

/// A French month, folded, full or as spreadsheets shorten it (`janv`, `fevr`, `sept`).
fn month_number(w: &str) -> Option<u8> {
    const NAMES: [(&str, u8); 23] = [
        ("janvier", 1),
        ("janv", 1),
        ("fevrier", 2),
        ("fevr", 2),
        ("fev", 2),
        ("mars", 3),
        ("avril", 4),
        ("avr", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("juil", 7),
        ("aout", 8),
        ("septembre", 9),
        ("sept", 9),
        ("octobre", 10),
        ("oct", 10),
        ("novembre", 11),
        ("nov", 11),
        ("decembre", 12),
        ("dec", 12),
        ("jan", 1),
        ("sep", 9),
    ];
    NAMES.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

/// Year, month, day as written (digits only), in either order.
fn fields(s: &str) -> Option<(&str, &str, &str)> {
    let mut parts = s.split(['-', '/', '.']);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || [a, b, c]
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if a.len() == 4 {
        Some((a, b, c))
    } else if c.len() == 4 {
        Some((c, b, a))
    } else {
        None
    }
}

/// Why `s` is not a date, as the end of a French sentence: the accepted forms, and the accepted
/// years when the year is the problem (`9999-12-31`).
pub fn why_impossible(s: &str) -> String {
    let forms = "écrire AAAA-MM-JJ (2027-01-15) ou JJ/MM/AAAA (15/01/2027)";
    if let Some(d) = spreadsheet_serial(s.trim()) {
        return format!(
            "c'est sans doute un numéro de jour de tableur (le {}) : mettre la colonne au format \
             date dans le tableur, ou {forms}",
            fr(d)
        );
    }
    match fields(s.trim()).and_then(|(y, _, _)| y.parse::<i32>().ok()) {
        Some(y) if !(YEAR_MIN..=YEAR_MAX).contains(&y) => {
            format!("l'année doit être entre {YEAR_MIN} et {YEAR_MAX} ; {forms}")
        }
        _ => forms.to_string(),
    }
}

/// A whole number of days as a spreadsheet stores a date (day 1 = 1900-01-01, so day 0 is
/// 1899-12-30), when it falls in this century or the next: read only to say so, never as a date.
fn spreadsheet_serial(s: &str) -> Option<Date> {
    if s.len() != 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let d = Date::from_calendar_date(1899, Month::December, 30)
        .ok()?
        .checked_add(time::Duration::days(n))?;
    (2000..=2100).contains(&d.year()).then_some(d)
}

/// `15/01/2027`, the form a counsellor reads aloud.
pub fn fr(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// « 15 janvier 2027 », « 1er janvier 2027 », "15 January 2027": a date in words.
pub fn words(d: Date, lang: Lang) -> String {
    let months = match lang {
        Lang::Fr => &MONTHS_FR,
        Lang::En => &MONTHS_EN,
    };
    let m = months
        .get(usize::from(u8::from(d.month())).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    if lang == Lang::Fr && d.day() == 1 {
        format!("1er {m} {}", d.year())
    } else {
        format!("{} {m} {}", d.day(), d.year())
    }
}

/// `2027-01-15`, the form files carry.
pub fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Serde helpers: dates travel as ISO strings in the profile JSON.
pub mod serde_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&super::iso(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let v: Option<String> = Option::deserialize(d)?;
        match v.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) => super::parse(t).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "date impossible « {t} » : {}",
                    super::why_impossible(t)
                ))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_parse_to_the_same_day() {
        assert_eq!(parse("2027-01-15"), parse("15/01/2027"));
        assert_eq!(fr(parse("2027-01-15").unwrap()), "15/01/2027");
        assert_eq!(iso(parse("5/1/2027").unwrap()), "2027-01-05");
    }

    #[test]
    fn dates_in_words_in_both_languages() {
        let d = parse("2027-01-01").unwrap();
        assert_eq!(words(d, Lang::Fr), "1er janvier 2027");
        assert_eq!(words(d, Lang::En), "1 January 2027");
        assert_eq!(
            words(parse("15/08/2026").unwrap(), Lang::Fr),
            "15 août 2026"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(parse("31/02/2027"), None);
        assert_eq!(parse("2027-13-01"), None);
        assert_eq!(parse("demain"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("15 brumaire 2027"), None);
        assert_eq!(parse("31 février 2027"), None);
        assert_eq!(parse("15 janvier"), None);
        assert_eq!(parse("15/01/2027 10:00"), None);
        assert_eq!(parse("15/01/7"), None);
        assert_eq!(parse("2027-01-15-01"), None);
    }

    #[test]
    fn a_spreadsheet_day_number_is_named_not_read() {
        assert_eq!(parse("46027"), None);
        let why = why_impossible("46027");
        assert!(
            why.contains("numéro de jour de tableur (le 05/01/2026)"),
            "{why}"
        );
        assert!(!why_impossible("12345").contains("tableur"));
    }

    /// What a French spreadsheet shows: short years, months in words, a weekday.
    #[test]
    fn french_sheets_write_dates_in_words_and_short_years() {
        let jan15 = parse("2027-01-15");
        for written in [
            "15/01/27",
            "15.01.27",
            "15 janvier 2027",
            "15 Janvier 2027",
            "vendredi 15 janvier 2027",
            "15 janv. 2027",
            "15-janv.-27",
            "15-janv-2027",
            " 15  JANVIER 2027 ",
        ] {
            assert_eq!(parse(written), jan15, "{written}");
        }
        assert_eq!(parse("1er mars 2027"), parse("2027-03-01"));
        assert_eq!(parse("15 août 2026"), parse("2026-08-15"));
        assert_eq!(parse("15 aout 2026"), parse("2026-08-15"));
        assert_eq!(parse("3 févr. 2027"), parse("2027-02-03"));
        assert_eq!(parse("1 décembre 2026"), parse("2026-12-01"));
        // Every date said in words reads back as itself.
        let mut d = parse("2026-01-01").unwrap();
        while d.year() < 2028 {
            assert_eq!(parse(&words(d, Lang::Fr)), Some(d));
            d = d.next_day().unwrap();
        }
    }
}
