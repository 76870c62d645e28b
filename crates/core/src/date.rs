//! Dates as spreadsheets write them: ISO `2027-01-15` or French `15/01/2027`.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use crate::lang::Lang;
use crate::limits::{YEAR_MAX, YEAR_MIN};
use time::{Date, Month};

/// Parse `YYYY-MM-DD`, `DD/MM/YYYY` (also with `-` or `.`) into a date; `None` if impossible.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim();
    let (y, m, d) = fields(s)?;
    let y: i32 = y.parse().ok()?;
    let m: u8 = m.parse().ok()?;
    let d: u8 = d.parse().ok()?;
    if !(YEAR_MIN..=YEAR_MAX).contains(&y) {
        return None;
    }
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
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
    match fields(s.trim()).and_then(|(y, _, _)| y.parse::<i32>().ok()) {
        Some(y) if !(YEAR_MIN..=YEAR_MAX).contains(&y) => {
            format!("l'année doit être entre {YEAR_MIN} et {YEAR_MAX} ; {forms}")
        }
        _ => forms.to_string(),
    }
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
        assert_eq!(parse("15/01/27"), None);
        assert_eq!(parse(""), None);
    }
}
