//! Weekly hours: when an offer takes place, and when a curfew holds.
//!
//! Two spellings are read (`crate::hours::read`): French as people write it (« du lundi au
//! vendredi de 9h à 12h et de 14h à 17h ») and OpenStreetMap *opening_hours* (`Mo-Fr
//! 08:30-16:30; Sa 09:00-12:00`). A range whose end is before its start runs overnight
//! (`20:00-07:00`), which is how curfews are written. A rule with no days applies every day.
//! What cannot be placed is never dropped: it is kept, quoted, and `state` says so.

// User text is never sliced by byte index, and nothing is indexed without a check.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

use std::fmt;

const DAY: u32 = 24 * 60;
const WEEK: u32 = 7 * DAY;

/// Short French day names, Monday first.
pub const DAYS_FR: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
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

/// How much of the written hours is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HoursState {
    /// Every part was placed in the week or is a no-op with a meaning.
    #[default]
    Known,
    /// Some hours are placed; other parts could not be (`unplaced`) or are sessions (`pending`).
    Partial,
    /// No hours, but the text says they are given case by case: sessions, appointments,
    /// « horaires variables », « nous consulter » (« à préciser »).
    ToConfirm,
    /// Nothing could be read.
    Unreadable,
}

/// A weekly schedule: the spans it covers (merged and sorted), and what could not be placed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Schedule {
    pub spans: Vec<Span>,
    pub state: HoursState,
    /// Parts that could not be placed, quoted as written.
    pub unplaced: Vec<String>,
    /// Parts that describe sessions or appointments (« à préciser »), quoted as written.
    pub pending: Vec<String>,
    /// Parts read as no-ops or read conservatively, each with what was done (French).
    pub notes: Vec<String>,
}

impl Schedule {
    /// Read hours as people write them (French or OpenStreetMap); never fails: what cannot be
    /// placed is kept, quoted, in `unplaced` or `pending`, and `state` says how much is known.
    pub fn read(text: &str) -> Schedule {
        let r = crate::hours::read::read(text);
        let mut spans = Vec::new();
        for (d, list) in r.week.iter().enumerate() {
            let base = d as u32 * DAY;
            for &(a, e) in list {
                push_wrapped(&mut spans, base + a, base + e);
            }
        }
        let spans = merge(spans);
        let state = if !r.placed && r.unplaced.is_empty() && r.pending.is_empty() {
            HoursState::Unreadable
        } else if !r.placed {
            if r.pending.is_empty() {
                HoursState::Unreadable
            } else {
                HoursState::ToConfirm
            }
        } else if r.unplaced.is_empty() && r.pending.is_empty() {
            HoursState::Known
        } else {
            HoursState::Partial
        };
        Schedule {
            spans,
            state,
            unplaced: r.unplaced,
            pending: r.pending,
            notes: r.notes,
        }
    }

    /// Parse hours that must be fully known (a curfew): the error quotes, in French, the parts
    /// that could not be read (« « le soir » non lu »); callers add an example to write. The
    /// same in either language: [`Schedule::unread_in_words`].
    pub fn parse(text: &str) -> Result<Schedule, String> {
        let t = text.trim();
        let s = Schedule::read(t);
        match s.unread(t, crate::lang::Lang::Fr) {
            Some(error) => Err(error),
            None => Ok(s),
        }
    }

    /// The loader's problems for hours written `written`: one warning quoting each part not
    /// placed; an error when nothing at all could be read (the offer is kept, hours unknown).
    pub fn problems(&self, written: &str) -> Vec<(crate::problem::Severity, String)> {
        use crate::problem::Severity;
        let one_line = |p: &str| p.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out = Vec::new();
        if self.state == HoursState::Unreadable {
            out.push((Severity::Error, format!(
                "horaires illisibles « {} » : écrire par exemple « lun-ven 08:30-16:30 » ou « du lundi au vendredi de 9h à 12h » ; l'offre est gardée, ses horaires sont traités comme inconnus",
                one_line(written)
            )));
            return out;
        }
        for p in &self.unplaced {
            out.push((Severity::Warning, format!(
                "partie des horaires non lue « {} » : le reste est lu, les horaires de l'offre sont « en partie connus »",
                one_line(p)
            )));
        }
        for p in &self.pending {
            out.push((Severity::Warning, format!(
                "horaires à préciser « {} » (séances, rendez-vous ou jours sans heures) : à demander à la structure",
                one_line(p)
            )));
        }
        out
    }

    /// What is not known, for a warning: « en partie inconnus (« … ») », « à préciser (« … ») ».
    pub fn unknown_part(&self) -> String {
        let quoted: Vec<String> = self
            .unplaced
            .iter()
            .chain(&self.pending)
            .map(|p| format!("« {} »", p.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect();
        let what = match self.state {
            HoursState::Known => return "connus".into(),
            HoursState::Partial => "en partie inconnus",
            HoursState::ToConfirm => "à préciser",
            HoursState::Unreadable => "illisibles",
        };
        format!("{what} ({})", quoted.join(", "))
    }

    /// True when every part of the text was placed (or is a no-op with a meaning).
    pub fn is_known(&self) -> bool {
        self.state == HoursState::Known
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

    /// Per weekday (Monday first): (start, end) minutes from that day's midnight, an end past
    /// 24:00 for hours running overnight (shorter than a day); longer spans are cut at midnight.
    pub fn per_day(&self) -> [Vec<(u32, u32)>; 7] {
        let mut out: [Vec<(u32, u32)>; 7] = Default::default();
        let mut spans = self.spans.clone();
        // A span wrapping from Sunday night to Monday morning was split in two: join it back.
        if spans.len() > 1 {
            let wraps = spans.first().is_some_and(|f| f.start == 0)
                && spans.last().is_some_and(|l| l.end == WEEK);
            if wraps {
                let first = spans.remove(0);
                if let Some(last) = spans.last_mut() {
                    last.end = WEEK + first.end;
                }
            }
        }
        for s in spans {
            let mut start = s.start;
            while start < s.end {
                let d = start / DAY;
                let from = start % DAY;
                let midnight = (d + 1) * DAY;
                // Overnight (`22:00-05:00`, `17:00-12:00`) when it starts after noon and ends
                // by the next noon; anything longer is cut at midnight.
                let overnight = from >= 12 * 60 && s.end <= midnight + 12 * 60;
                let end = if s.end <= midnight || overnight {
                    s.end
                } else {
                    midnight
                };
                if let Some(list) = out.get_mut((d % 7) as usize) {
                    list.push((from, end - d * DAY));
                }
                start = end;
            }
        }
        for list in &mut out {
            crate::order::sort(list);
        }
        out
    }
}

/// Add a span, cutting what runs past Sunday midnight back to Monday morning.
fn push_wrapped(spans: &mut Vec<Span>, start: u32, end: u32) {
    let start = start % WEEK;
    let end = start + (end - start.min(end)).min(WEEK);
    if end > WEEK {
        spans.push(Span { start, end: WEEK });
        spans.push(Span {
            start: 0,
            end: end - WEEK,
        });
    } else if end > start {
        spans.push(Span { start, end });
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
        let per_day: Vec<Vec<String>> = self
            .per_day()
            .iter()
            .map(|list| {
                list.iter()
                    .map(|&(a, e)| format!("{}-{}", hm(a), hm_end(e)))
                    .collect()
            })
            .collect();
        let mut rules: Vec<String> = Vec::new();
        for (days, hours) in group_days(&per_day) {
            let names: Vec<String> = days
                .iter()
                .map(|&(a, b)| {
                    let (x, y) = (OSM.get(a).unwrap_or(&"Mo"), OSM.get(b).unwrap_or(&"Su"));
                    match b - a {
                        0 => x.to_string(),
                        1 => format!("{x},{y}"),
                        _ => format!("{x}-{y}"),
                    }
                })
                .collect();
            rules.push(format!("{} {}", names.join(","), hours.join(",")));
        }
        if rules.is_empty() {
            return "off".into();
        }
        rules.join("; ")
    }
}

/// `08:30`.
pub(crate) fn hm(m: u32) -> String {
    format!("{:02}:{:02}", (m % DAY) / 60, m % 60)
}

/// An end time: `24:00` at midnight, the next day's clock time past it.
pub(crate) fn hm_end(m: u32) -> String {
    if m == DAY {
        "24:00".into()
    } else {
        hm(m)
    }
}

/// Days as runs of consecutive days `(first, last)`, with the hours they share.
pub(crate) type DayGroup<T> = (Vec<(usize, usize)>, Vec<T>);

/// Days sharing the same hours, in the order of their first day, each as runs of
/// consecutive days `(first, last)`.
pub(crate) fn group_days<T: PartialEq + Clone>(per_day: &[Vec<T>]) -> Vec<DayGroup<T>> {
    let mut groups: Vec<DayGroup<T>> = Vec::new();
    for (d, hours) in per_day.iter().enumerate() {
        if hours.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(_, h)| h == hours) {
            Some((runs, _)) => match runs.last_mut() {
                Some(last) if last.1 + 1 == d => last.1 = d,
                _ => runs.push((d, d)),
            },
            None => groups.push((vec![(d, d)], hours.clone())),
        }
    }
    groups
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
        write!(
            f,
            "{} {}-{}",
            DAYS_FR.get(day).unwrap_or(&"dim"),
            hm(self.start),
            end
        )
    }
}

fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    crate::order::sort(&mut spans);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
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
    fn unreadable_hours_are_said_in_either_language() {
        use crate::lang::Lang;
        let say = |t: &str, l| Schedule::unread_in_words(t, l);
        assert_eq!(say("lun-ven 20:00-07:00", Lang::En), None);
        assert_eq!(
            say("le soir", Lang::Fr).as_deref(),
            Some("« le soir » non lu")
        );
        assert_eq!(
            say("le soir", Lang::En).as_deref(),
            Some("“le soir” not read")
        );
        assert_eq!(say(" ", Lang::En).as_deref(), Some("no hours"));
        // The French one is what the profile check reports.
        assert_eq!(Schedule::parse("le soir").err(), say("le soir", Lang::Fr));
    }

    #[test]
    fn unreadable_hours_say_what_to_write() {
        let e = Schedule::parse("lux-ven 08:30-16:30").unwrap_err();
        assert!(e.contains("« lux-ven 08:30-16:30 » non lu"), "{e}");
        let e = Schedule::parse("lun-ven 25:00-16:30").unwrap_err();
        assert!(e.contains("« lun-ven 25:00-16:30 »"), "{e}");
        assert!(Schedule::parse("le matin").is_err());
        assert!(Schedule::parse("lun 09:00-09:00").is_err());
    }

    #[test]
    fn user_text_never_panics_on_multibyte_characters() {
        // Was a panic: byte slicing in the middle of `€`.
        for t in [
            "lun 1€-12:00",
            "lun-dim 1€-07:00",
            "é",
            "h€",
            "9h€",
            "€:€",
            "lun 1\u{301}-2",
            // Overflows once: huge numbers where an offset or a time is expected.
            "(sunrise+99999999999:00)",
            "(sunrise+4294967295)-sunset",
            "Mo (sunset-99999)",
            "99999999999h99999999999",
            "4294967295:4294967295-4294967295",
            "Mo[4294967295] 10:00-12:00",
            "week 4294967295-4294967296",
            "Mo 4294967295-4294967295",
            "23:59-47:59+",
        ] {
            let s = Schedule::read(t);
            let _ = (s.in_words(crate::lang::Lang::Fr), s.to_osm());
            let _ = Schedule::read(t);
            let _ = Schedule::parse(t);
        }
        assert!(Schedule::parse("lun-dim 1€-07:00").is_err());
    }

    fn week(t: &str) -> String {
        let s = Schedule::read(t);
        format!("{:?} {}", s.state, s.to_osm())
    }

    #[test]
    fn french_as_people_write_it() {
        for (t, want) in [
            (
                "du lundi au vendredi de 9h à 12h et de 14h à 17h",
                "Known Mo-Fr 09:00-12:00,14:00-17:00",
            ),
            (
                "Lundi au vendredi : 9h à 13h et 14h à 17h",
                "Known Mo-Fr 09:00-13:00,14:00-17:00",
            ),
            (
                "lundi au vendredi : 8h30 - 12h / 13h30 - 17h",
                "Known Mo-Fr 08:30-12:00,13:30-17:00",
            ),
            ("mardi et jeudi de 14h00 à 16h30", "Known Tu,Th 14:00-16:30"),
            ("le mercredi matin de 9h à 12h", "Known We 09:00-12:00"),
            ("Mercredi de 10H à 12H", "Known We 10:00-12:00"),
            ("9h-12h / 13h30-17h", "Known Mo-Su 09:00-12:00,13:30-17:00"),
            (
                "tous les jours sauf le dimanche de 9h à 18h",
                "Known Mo-Sa 09:00-18:00",
            ),
            (
                "lundi : 9h-12h ; mercredi : 14h-18h",
                "Known Mo 09:00-12:00; We 14:00-18:00",
            ),
            (
                "Les lundi, mardi, jeudi et vendredi de 09h00 à 17h00",
                "Known Mo,Tu,Th,Fr 09:00-17:00",
            ),
            ("lun. – ven. 9h—12h", "Known Mo-Fr 09:00-12:00"),
            ("les mardis de midi à 14h", "Known Tu 12:00-14:00"),
            ("samedi 20h - minuit", "Known Sa 20:00-24:00"),
            (
                "Lundi : 9h-12h\nJeudi : 14h-17h",
                "Known Mo 09:00-12:00; Th 14:00-17:00",
            ),
            (
                "du lundi au vendredi 9h-17h (sauf jours fériés)",
                "Known Mo-Fr 09:00-17:00",
            ),
            (
                "9h-12h et 14h-17h du lundi au vendredi",
                "Known Mo-Fr 09:00-12:00,14:00-17:00",
            ),
            (
                "du lundi au vendredi 9h-12h 14h-17h, fermé le mercredi après-midi",
                "Known Mo,Tu,Th,Fr 09:00-12:00,14:00-17:00; We 09:00-12:00",
            ),
            ("sur rendez-vous", "ToConfirm off"),
            ("les mardis toutes les trois semaines", "ToConfirm off"),
            ("horaires variables selon les chantiers", "ToConfirm off"),
            ("nous consulter", "ToConfirm off"),
            ("n'importe quoi", "Unreadable off"),
        ] {
            assert_eq!(week(t), want, "{t}");
        }
    }

    #[test]
    fn a_closure_never_drops_the_other_parts() {
        // The bypass of issue 12: the Saturday evening was lost with « fermé ».
        let curfew = s("lun-dim 20:00-07:00");
        for t in [
            "lun-ven 09:00-12:00; sam 19:00-23:00 (fermé le dimanche)",
            "mar-sam 19h-23h, fermé en août",
        ] {
            let offer = Schedule::read(t);
            assert!(curfew.overlap(&offer).is_some(), "{t}: {offer:?}");
        }
        assert_eq!(
            week("lun-ven 09:00-12:00; sam 19:00-23:00 (fermé le dimanche)"),
            "Known Mo-Fr 09:00-12:00; Sa 19:00-23:00"
        );
        assert_eq!(
            week("mar-sam 19h-23h, fermé en août"),
            "Known Tu-Sa 19:00-23:00"
        );
    }

    #[test]
    fn openstreetmap_as_the_specification_reads_it() {
        for (t, want) in [
            (
                "Mo-Fr 08:00-12:00,14:00-17:00; PH off",
                "Known Mo-Fr 08:00-12:00,14:00-17:00",
            ),
            ("Mo,We 10:00-12:00", "Known Mo,We 10:00-12:00"),
            (
                "Mo-Su 08:00-20:00; Su 10:00-12:00",
                "Known Mo-Sa 08:00-20:00; Su 10:00-12:00",
            ),
            ("Mo-Fr 09:00-17:00; We off", "Known Mo,Tu,Th,Fr 09:00-17:00"),
            ("Jan-Jun Mo 10:00-12:00", "Known Mo 10:00-12:00"),
            ("Su[1] 10:00-12:00", "Known Su 10:00-12:00"),
            ("Fr 22:00-02:00", "Known Fr 22:00-02:00"),
            ("Mo 10:00+", "Known Mo 10:00-24:00"),
            ("24/7", "Known 24/7"),
            (
                "Mo-Fr 09:00-12:00 || Sa 10:00-12:00",
                "Known Mo-Fr 09:00-12:00; Sa 10:00-12:00",
            ),
            ("Mo-Fr 09:00-12:00 \"sur place\"", "Known Mo-Fr 09:00-12:00"),
            (
                "Sa 10:00-12:00; PH 09:00-10:00",
                "Known Mo-Fr,Su 09:00-10:00; Sa 09:00-12:00",
            ),
            ("Mo-Fr 08:00-18:00; Aug off", "Known Mo-Fr 08:00-18:00"),
            ("Mo-Fr 10:00-20:00; PH,Su off", "Known Mo-Fr 10:00-20:00"),
        ] {
            assert_eq!(week(t), want, "{t}");
        }
    }

    #[test]
    fn hours_in_words() {
        use crate::lang::Lang;
        let w = Schedule::read("lun-ven 9h-12h, 14h-17h; sam 9h-12h");
        assert_eq!(
            w.in_words(Lang::Fr),
            "du lundi au vendredi, 9 h – 12 h et 14 h – 17 h ; le samedi, 9 h – 12 h"
        );
        assert_eq!(
            w.in_words(Lang::En),
            "Monday to Friday, 09:00–12:00 and 14:00–17:00; Saturday, 09:00–12:00"
        );
        assert_eq!(
            Schedule::read("20:00-07:00").in_words(Lang::Fr),
            "tous les jours, 20 h – 7 h"
        );
        assert_eq!(
            Schedule::read("lun, mar, jeu 9h-12h; ven-dim 14h-16h").in_words(Lang::Fr),
            "le lundi, le mardi et le jeudi, 9 h – 12 h ; du vendredi au dimanche, 14 h – 16 h"
        );
        assert_eq!(
            Schedule::read("Mo-We,Fr 09:00-12:00").in_words(Lang::En),
            "Monday to Wednesday and Friday, 09:00–12:00"
        );
        let p = Schedule::read("lun 9h30-12h\nle soir selon les chantiers");
        assert_eq!(
            p.in_words(Lang::Fr),
            "le lundi, 9 h 30 – 12 h — à préciser : « le soir selon les chantiers »"
        );
        assert_eq!(
            Schedule::read("sur rendez-vous").in_words(Lang::En),
            "to be confirmed: “sur rendez-vous”"
        );
    }
}
