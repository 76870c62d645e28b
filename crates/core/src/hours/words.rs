//! Hours in words, for results, sheets and the workshop: never `Mo-Fr`, always
//! « du lundi au vendredi, 9 h – 12 h » (French) or "Monday to Friday, 09:00–12:00" (English,
//! 24-hour clock: the counsellor and the person read French times, so the figures stay the same).

use crate::schedule::{group_days, HoursState, Schedule};

const DAY: u32 = 24 * 60;

use crate::lang::Lang;

const FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn time_fr(m: u32, end: bool) -> String {
    let m = if m > DAY { m - DAY } else { m };
    if (m == 0 && !end) || m == DAY {
        return "minuit".into();
    }
    let (h, min) = (m / 60, m % 60);
    if min == 0 {
        format!("{h} h")
    } else {
        format!("{h} h {min:02}")
    }
}

fn time_en(m: u32) -> String {
    let m = if m > DAY { m - DAY } else { m };
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn join(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(", ")),
    }
}

/// Runs of three days or more read « du lundi au mercredi »; shorter runs are named day by day.
fn day_items(
    runs: &[(usize, usize)],
    names: &[&str; 7],
    range: fn(&str, &str) -> String,
    one: fn(&str) -> String,
) -> Vec<String> {
    let name = |d: usize| names.get(d).copied().unwrap_or("");
    let mut items = Vec::new();
    for &(a, b) in runs {
        if b >= a + 2 {
            items.push(range(name(a), name(b)));
        } else {
            items.extend((a..=b).map(|d| one(name(d))));
        }
    }
    items
}

fn days_fr(runs: &[(usize, usize)]) -> String {
    if runs == [(0, 6)] {
        return "tous les jours".into();
    }
    let items = day_items(
        runs,
        &FR,
        |a, b| format!("du {a} au {b}"),
        |d| format!("le {d}"),
    );
    join(&items, " et ")
}

fn days_en(runs: &[(usize, usize)]) -> String {
    if runs == [(0, 6)] {
        return "every day".into();
    }
    let items = day_items(runs, &EN, |a, b| format!("{a} to {b}"), |d| d.to_string());
    join(&items, " and ")
}

fn quoted(parts: &[String], lang: Lang) -> String {
    let q: Vec<String> = parts
        .iter()
        .map(|p| match lang {
            Lang::Fr => format!("« {} »", p.replace('\n', " ")),
            Lang::En => format!("“{}”", p.replace('\n', " ")),
        })
        .collect();
    q.join(if lang == Lang::Fr { " ; " } else { "; " })
}

impl Schedule {
    /// Why hours that must be fully known (a curfew) cannot be used, in words: « « le soir »
    /// non lu », "“le soir” not read", « horaires vides »; nothing when every part is read.
    pub fn unread_in_words(text: &str, lang: Lang) -> Option<String> {
        let t = text.trim();
        Schedule::read(t).unread(t, lang)
    }

    /// [`Schedule::unread_in_words`] of these hours, read from `t`.
    pub(crate) fn unread(&self, t: &str, lang: Lang) -> Option<String> {
        let (s, fr) = (self, lang == Lang::Fr);
        if t.is_empty() {
            return Some(if fr { "horaires vides" } else { "no hours" }.into());
        }
        match s.state {
            HoursState::Known if !s.spans.is_empty() => None,
            HoursState::Known => Some(if fr {
                format!("aucune heure dans {}", quoted(&[t.to_string()], lang))
            } else {
                format!("no hours in {}", quoted(&[t.to_string()], lang))
            }),
            _ => {
                let mut parts: Vec<String> = s.unplaced.iter().chain(&s.pending).cloned().collect();
                if parts.is_empty() {
                    parts.push(t.to_string());
                }
                let list = parts
                    .iter()
                    .map(|p| quoted(std::slice::from_ref(p), lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                Some(match (fr, parts.len() > 1) {
                    (true, true) => format!("{list} non lus"),
                    (true, false) => format!("{list} non lu"),
                    (false, _) => format!("{list} not read"),
                })
            }
        }
    }

    /// The known weekly hours in words (« du lundi au vendredi, 9 h – 12 h et 14 h – 17 h ;
    /// le samedi, 9 h – 12 h »), followed by what is not known (« en partie inconnus : … »,
    /// « à préciser : … »), quoted as written.
    pub fn in_words(&self, lang: Lang) -> String {
        let per_day = self.per_day();
        let mut rules: Vec<String> = Vec::new();
        if self.spans.len() == 1
            && self
                .spans
                .first()
                .is_some_and(|s| s.start == 0 && s.end == 7 * DAY)
        {
            rules.push(match lang {
                Lang::Fr => "tous les jours, jour et nuit".into(),
                Lang::En => "every day, day and night".into(),
            });
        } else {
            for (runs, hours) in group_days(&per_day) {
                let times: Vec<String> = hours
                    .iter()
                    // A whole day reads as such, not « minuit – minuit ».
                    .map(|&(a, e)| match lang {
                        Lang::Fr if (a, e) == (0, DAY) => "toute la journée".into(),
                        Lang::En if (a, e) == (0, DAY) => "all day".into(),
                        Lang::Fr => format!("{} – {}", time_fr(a, false), time_fr(e, true)),
                        Lang::En => format!("{}–{}", time_en(a), time_en(e)),
                    })
                    .collect();
                rules.push(match lang {
                    Lang::Fr => format!("{}, {}", days_fr(&runs), join(&times, " et ")),
                    Lang::En => format!("{}, {}", days_en(&runs), join(&times, " and ")),
                });
            }
        }
        let known = rules.join(if lang == Lang::Fr { " ; " } else { "; " });
        let rest = |label_fr: &str, label_en: &str, parts: &[String]| -> Option<String> {
            (!parts.is_empty()).then(|| match lang {
                Lang::Fr => format!("{label_fr} : {}", quoted(parts, lang)),
                Lang::En => format!("{label_en}: {}", quoted(parts, lang)),
            })
        };
        let mut out: Vec<String> = Vec::new();
        match self.state {
            HoursState::Known if known.is_empty() => out.push(match lang {
                Lang::Fr => "fermé".into(),
                Lang::En => "closed".into(),
            }),
            HoursState::Known => out.push(known),
            HoursState::Partial => {
                if !known.is_empty() {
                    out.push(known);
                }
                out.extend(rest(
                    "en partie inconnus",
                    "partly known, not read",
                    &self.unplaced,
                ));
                out.extend(rest("à préciser", "to be confirmed", &self.pending));
            }
            HoursState::ToConfirm => {
                out.extend(rest("à préciser", "to be confirmed", &self.pending));
                out.extend(rest("non lus", "not read", &self.unplaced));
            }
            HoursState::Unreadable => {
                out.extend(rest(
                    "horaires illisibles",
                    "unreadable hours",
                    &self.unplaced,
                ));
            }
        }
        out.join(" — ")
    }
}

/// One span of the week in words, for the sentence of a curfew exclusion: « le lundi de
/// 22 h à 5 h », "on Monday from 22:00 to 05:00" (the end may fall on the next day).
pub fn span_in_words(span: &crate::schedule::Span, lang: Lang) -> String {
    let day = (span.start / DAY).min(6) as usize;
    let end = span.end.saturating_sub(span.start / DAY * DAY);
    match lang {
        Lang::Fr => format!(
            "le {} de {} à {}",
            FR.get(day).copied().unwrap_or("dimanche"),
            time_fr(span.start % DAY, false),
            time_fr(end.min(2 * DAY), true)
        ),
        Lang::En => format!(
            "on {} from {} to {}",
            EN.get(day).copied().unwrap_or("Sunday"),
            time_en(span.start % DAY),
            time_en(end.min(2 * DAY))
        ),
    }
}
