//! Dates as spreadsheets write them: ISO `2027-01-15` or French `15/01/2027`.

use time::{Date, Month};

/// Parse `YYYY-MM-DD`, `DD/MM/YYYY` (also with `-` or `.`) into a date; `None` if impossible.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let y: i32 = y.parse().ok()?;
    let m: u8 = m.parse().ok()?;
    let d: u8 = d.parse().ok()?;
    if !(1900..=2200).contains(&y) {
        return None;
    }
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// `15/01/2027`, the form a counsellor reads aloud.
pub fn fr(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
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
                    "date impossible « {t} » : écrire AAAA-MM-JJ (2027-03-15) ou JJ/MM/AAAA"
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
    fn impossible_dates_are_refused() {
        assert_eq!(parse("31/02/2027"), None);
        assert_eq!(parse("2027-13-01"), None);
        assert_eq!(parse("demain"), None);
        assert_eq!(parse("15/01/27"), None);
        assert_eq!(parse(""), None);
    }
}
