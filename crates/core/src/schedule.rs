//! Weekly hours: when an offer takes place, and when a curfew holds.
//!
//! Two spellings are read: the French one (`lun-ven 08:30-16:30; sam 9h-12h`) and the
//! OpenStreetMap *opening_hours* subset that data·inclusion uses (`Mo-Fr 08:30-16:30; Sa
//! 09:00-12:00`). A range whose end is before its start runs overnight (`20:00-07:00`), which
//! is how curfews are written. A rule with no days applies every day.

#![allow(clippy::indexing_slicing, clippy::string_slice)] // TODO(issue 10): rewrite without indexing (hours engineer)
use crate::text::fold;
use std::fmt;

const DAY: u32 = 24 * 60;
const WEEK: u32 = 7 * DAY;

/// Short French day names, Monday first.
pub const DAYS_FR: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
const DAYS_OSM: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];
const DAYS_FULL: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// One stretch of time: minutes from Monday 00:00, `start < end <= WEEK`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    fn overlaps(&self, o: &Span) -> bool {
        self.start < o.end && o.start < self.end
    }
}

/// A parsed weekly schedule: the spans it covers, merged and sorted.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Schedule {
    pub spans: Vec<Span>,
}

impl Schedule {
    /// Parse a schedule; the error is a French sentence saying what to write instead.
    pub fn parse(text: &str) -> Result<Schedule, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("horaires vides".into());
        }
        if t == "24/7" {
            return Ok(Schedule {
                spans: vec![Span {
                    start: 0,
                    end: WEEK,
                }],
            });
        }
        let mut spans = Vec::new();
        for rule in t.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            spans.extend(parse_rule(rule)?);
        }
        if spans.is_empty() {
            return Err(format!("aucun horaire lisible dans « {t} »"));
        }
        Ok(Schedule {
            spans: merge(spans),
        })
    }

    /// The first stretch both schedules share, if any.
    pub fn overlap(&self, other: &Schedule) -> Option<Span> {
        for a in &self.spans {
            for b in &other.spans {
                if a.overlaps(b) {
                    return Some(Span {
                        start: a.start.max(b.start),
                        end: a.end.min(b.end),
                    });
                }
            }
        }
        None
    }
}

impl Schedule {
    /// The OpenStreetMap *opening_hours* form data·inclusion expects (`Mo-Fr 08:30-16:30`),
    /// with consecutive days of identical hours folded into ranges.
    pub fn to_osm(&self) -> String {
        const OSM: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
        if self.spans
            == [Span {
                start: 0,
                end: WEEK,
            }]
        {
            return "24/7".into();
        }
        // A span wrapping from Sunday night to Monday morning was split in two: join it back.
        let mut spans = self.spans.clone();
        if spans.len() > 1 && spans[0].start == 0 && spans[spans.len() - 1].end == WEEK {
            let first = spans.remove(0);
            if let Some(last) = spans.last_mut() {
                last.end = WEEK + first.end;
            }
        }
        let hm = |m: u32| format!("{:02}:{:02}", (m % DAY) / 60, m % 60);
        let mut per_day: Vec<Vec<String>> = vec![Vec::new(); 7];
        for s in &spans {
            let day = (s.start / DAY) as usize % 7;
            let end = if s.end.is_multiple_of(DAY) || s.end - s.start >= DAY {
                "24:00".to_string()
            } else {
                hm(s.end)
            };
            per_day[day].push(format!("{}-{end}", hm(s.start)));
        }
        let mut rules: Vec<String> = Vec::new();
        let mut d = 0;
        while d < 7 {
            if per_day[d].is_empty() {
                d += 1;
                continue;
            }
            let mut e = d;
            while e + 1 < 7 && per_day[e + 1] == per_day[d] {
                e += 1;
            }
            let days = if e == d {
                OSM[d].to_string()
            } else if e == d + 1 {
                format!("{},{}", OSM[d], OSM[e])
            } else {
                format!("{}-{}", OSM[d], OSM[e])
            };
            rules.push(format!("{days} {}", per_day[d].join(",")));
            d = e + 1;
        }
        rules.join("; ")
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = (self.start / DAY).min(6) as usize;
        let hm = |m: u32| format!("{:02}:{:02}", (m % DAY) / 60, m % 60);
        let end = if self.end.is_multiple_of(DAY) {
            "24:00".to_string()
        } else {
            hm(self.end)
        };
        write!(f, "{} {}-{}", DAYS_FR[day], hm(self.start), end)
    }
}

fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

fn parse_rule(rule: &str) -> Result<Vec<Span>, String> {
    let folded = fold(rule);
    // "PH off", "fermé", "off": days without hours; they add nothing to the schedule.
    if folded.ends_with(" off") || folded == "off" || folded.contains("ferme") {
        return Ok(Vec::new());
    }
    let first_digit = folded.find(|c: char| c.is_ascii_digit());
    let (days_part, times_part) = match first_digit {
        Some(i) => folded.split_at(i),
        None => {
            return Err(format!(
                "pas d'heures dans « {rule} » : écrire par exemple lun-ven 08:30-16:30"
            ))
        }
    };
    let days = parse_days(days_part.trim(), rule)?;
    let mut spans = Vec::new();
    for range in times_part
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        let (a, b) = split_range(range)
            .ok_or_else(|| format!("plage horaire illisible « {range} » : écrire 08:30-16:30"))?;
        let start = parse_time(a)
            .ok_or_else(|| format!("heure illisible « {a} » : écrire 08:30 ou 8h30"))?;
        let end = parse_time(b)
            .ok_or_else(|| format!("heure illisible « {b} » : écrire 16:30 ou 16h30"))?;
        if start == end {
            return Err(format!(
                "plage vide « {range} » : le début et la fin sont égaux"
            ));
        }
        if start >= DAY {
            return Err(format!("heure de début impossible « {a} »"));
        }
        for &d in &days {
            let s = d as u32 * DAY + start;
            let e = if end > start {
                d as u32 * DAY + end
            } else {
                (d as u32 + 1) * DAY + end
            };
            if e > WEEK {
                // Sunday night runs into Monday morning of the same weekly pattern.
                spans.push(Span {
                    start: s,
                    end: WEEK,
                });
                spans.push(Span {
                    start: 0,
                    end: e - WEEK,
                });
            } else {
                spans.push(Span { start: s, end: e });
            }
        }
    }
    Ok(spans)
}

fn split_range(r: &str) -> Option<(&str, &str)> {
    for sep in ["-", " a ", "a"] {
        if let Some(i) = r.find(sep) {
            let (a, b) = (r[..i].trim(), r[i + sep.len()..].trim());
            if !a.is_empty() && !b.is_empty() {
                return Some((a, b));
            }
        }
    }
    None
}

/// `08:30`, `8h30`, `8h`, `0830`, `24:00` → minutes from midnight.
fn parse_time(t: &str) -> Option<u32> {
    let t = t.trim().trim_end_matches("min");
    let (h, m) = if let Some((h, m)) = t.split_once([':', 'h']) {
        (h, if m.is_empty() { "0" } else { m })
    } else if t.len() == 4 {
        t.split_at(2)
    } else {
        (t, "0")
    };
    let h: u32 = h.trim().parse().ok()?;
    let m: u32 = m.trim().parse().ok()?;
    if h > 24 || m > 59 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

fn day_index(word: &str) -> Option<usize> {
    let w = word.trim().trim_end_matches('.');
    let w = w.strip_prefix("le ").unwrap_or(w);
    DAYS_FR
        .iter()
        .position(|d| *d == w)
        .or_else(|| DAYS_OSM.iter().position(|d| *d == w))
        .or_else(|| DAYS_FULL.iter().position(|d| *d == w))
}

fn parse_days(part: &str, rule: &str) -> Result<Vec<usize>, String> {
    let part = part.trim_end_matches(':').trim();
    if part.is_empty() || part == "tous les jours" || part == "tlj" {
        return Ok((0..7).collect());
    }
    let part = part
        .strip_prefix("du ")
        .unwrap_or(part)
        .replace(" au ", "-");
    let mut days = Vec::new();
    for piece in part
        .split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "et")
    {
        let err = || {
            format!("jour illisible « {piece} » dans « {rule} » : écrire lun, mar, mer, jeu, ven, sam, dim (ou Mo, Tu, We, Th, Fr, Sa, Su)")
        };
        if let Some((a, b)) = piece.split_once('-') {
            let a = day_index(a).ok_or_else(err)?;
            let b = day_index(b).ok_or_else(err)?;
            let mut d = a;
            loop {
                days.push(d);
                if d == b {
                    break;
                }
                d = (d + 1) % 7;
            }
        } else {
            days.push(day_index(piece).ok_or_else(err)?);
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Schedule {
        Schedule::parse(t).unwrap()
    }

    #[test]
    fn french_and_osm_forms_agree() {
        assert_eq!(
            s("lun-ven 08:30-16:30; sam 09:00-12:00"),
            s("Mo-Fr 08:30-16:30; Sa 09:00-12:00")
        );
        assert_eq!(s("lun-ven 8h30-16h30"), s("Mo-Fr 08:30-16:30"));
        assert_eq!(s("du lundi au vendredi 8h30-16h30"), s("Mo-Fr 08:30-16:30"));
        assert_eq!(s("lun, mer 9h-12h"), s("Mo,We 09:00-12:00"));
    }

    #[test]
    fn an_evening_job_meets_a_ddse_curfew() {
        let curfew = s("lun-dim 20:00-07:00");
        let restaurant = s("mar-sam 18:00-23:30");
        let span = curfew.overlap(&restaurant).unwrap();
        assert_eq!(span.to_string(), "mar 20:00-23:30");
        let day_job = s("lun-ven 08:30-16:30");
        assert_eq!(curfew.overlap(&day_job), None);
    }

    #[test]
    fn a_curfew_without_days_holds_every_day_and_sunday_night_wraps() {
        let curfew = s("21:00-06:00");
        let monday_early = s("lun 05:00-05:30");
        assert!(
            curfew.overlap(&monday_early).is_some(),
            "Sunday 21:00 runs into Monday 06:00"
        );
        let night_logistics = s("Mo-Fr 22:00-05:00");
        assert!(curfew.overlap(&night_logistics).is_some());
        assert!(s("lun-ven 06:00-21:00").overlap(&curfew).is_none());
    }

    #[test]
    fn several_ranges_in_a_day_and_off_rules() {
        let sch = s("Mo-Fr 08:00-12:00,14:00-17:00; PH off");
        assert_eq!(sch.spans.len(), 10);
        assert_eq!(s("24/7").spans.len(), 1);
    }

    #[test]
    fn written_back_as_opening_hours() {
        for t in [
            "lun-ven 08:30-16:30; sam 09:00-12:00",
            "Mo-Fr 08:00-12:00,14:00-17:00",
            "lun-dim 20:00-07:00",
            "Mo-Fr 22:00-05:00",
            "24/7",
            "mar,jeu 09:00-12:00",
        ] {
            let osm = s(t).to_osm();
            assert_eq!(s(&osm), s(t), "{t} → {osm}");
        }
        assert_eq!(
            s("lun-ven 8h30-16h30; sam 9h-12h").to_osm(),
            "Mo-Fr 08:30-16:30; Sa 09:00-12:00"
        );
    }

    #[test]
    fn unreadable_hours_say_what_to_write() {
        let e = Schedule::parse("lux-ven 08:30-16:30").unwrap_err();
        assert!(e.contains("jour illisible"), "{e}");
        assert!(Schedule::parse("lun-ven 25:00-16:30")
            .unwrap_err()
            .contains("heure illisible"));
        assert!(Schedule::parse("le matin")
            .unwrap_err()
            .contains("pas d'heures"));
        assert!(Schedule::parse("lun 09:00-09:00").is_err());
    }
}
