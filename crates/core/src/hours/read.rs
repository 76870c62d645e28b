//! Reading weekly hours as people write them: French free text and OpenStreetMap
//! *opening_hours*, with one tokenizer and one set of rules.
//!
//! A value with no French word is read as OpenStreetMap (its `;` rules override the days they
//! name), any other as French (rules add up). The text is cut into **parts** (lines, `;`, `||`,
//! ` -- `, brackets in French; quoted comments are set aside as notes), each part into
//! **clauses** (a new clause starts when days come after times). Every part ends in one
//! of three places: its hours are placed in the week, it is a recognised no-op with a meaning
//! (`PH off`, « sauf jours fériés », « fermé en août »), or it is reported, quoted. Nothing is
//! dropped in silence.
//!
//! Conservative readings (a curfew check must not miss an hour the offer may take place):
//! - times without days hold every day;
//! - hours under a month, date, week, holiday or « n-th weekday » selector may occur in any
//!   week, so they are added (never subtracted); a closure under such a selector removes nothing;
//! - `PH` (public holidays) with hours may fall on any weekday: the hours are added to every day;
//! - an open end (`10:00+`, « à partir de 10h ») runs to midnight;
//! - sunrise/sunset and dawn/dusk take their widest values in France (start early, end late);
//! - a French closure is subtracted only when it names days (and at most a half-day) without
//!   times; « fermé » next to times is reported rather than guessed.
//!
//! No byte index is ever taken in user text: everything walks `char`s.

use crate::text::fold;

const DAY: u32 = 24 * 60;

/// What became of the text, before it is turned into spans.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    /// Per weekday (Monday first): (start, end) minutes from that day's midnight; `end` may pass
    /// midnight (up to 48:00) for overnight hours.
    pub week: [Vec<(u32, u32)>; 7],
    /// Parts that could not be placed, as written.
    pub unplaced: Vec<String>,
    /// Parts that describe sessions or appointments rather than hours (« à préciser »).
    pub pending: Vec<String>,
    /// Parts read as no-ops or read conservatively, with what was done (French).
    pub notes: Vec<String>,
    /// At least one clause placed hours or stated a closure.
    pub placed: bool,
}

/// A token of the folded text. `Sym('¦')` is a selector's colon (`week 05: …`, a colon followed by
/// a space), `Sym(' ')` the gap after an `h` (`13h 30`, `12h 14-18h`): both decide what a number
/// is.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A number and how many digits it was written with (`08` is 2).
    Num(u32, usize),
    Word(String),
    Time(u32),
    Range(u32, u32),
    Day(usize),
    Month,
    Sym(char),
}

/// What came before a part: the start, a normal rule separator (`;`, a line), or an additional
/// one (`,` between rules, `||`, a bracket), which never overrides in OpenStreetMap.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    Start,
    Normal,
    Additional,
}

const DAY_WORDS: [&[&str]; 7] = [
    &["lundi", "lundis", "lun", "mo", "monday"],
    &["mardi", "mardis", "mar", "tu", "tue", "tuesday"],
    &["mercredi", "mercredis", "mer", "we", "wed", "wednesday"],
    &["jeudi", "jeudis", "jeu", "th", "thu", "thursday"],
    &["vendredi", "vendredis", "ven", "fr", "fri", "friday"],
    &["samedi", "samedis", "sam", "sa", "sat", "saturday"],
    &["dimanche", "dimanches", "dim", "su", "sun", "sunday"],
];

const MONTH_WORDS: &[&str] = &[
    "jan",
    "janv",
    "janvier",
    "january",
    "feb",
    "fev",
    "fevr",
    "fevrier",
    "february",
    "mars",
    "march",
    "apr",
    "avr",
    "avril",
    "april",
    "may",
    "mai",
    "jun",
    "juin",
    "june",
    "jul",
    "juil",
    "juillet",
    "july",
    "aug",
    "aout",
    "august",
    "sep",
    "sept",
    "septembre",
    "september",
    "oct",
    "octobre",
    "october",
    "nov",
    "novembre",
    "november",
    "dec",
    "decembre",
    "december",
];

/// Words that carry no hours and change nothing.
const FILLER: &[&str] = &[
    // A curfew as a judgment or a counsellor words it (« présence obligatoire au domicile de
    // 20h à 7h », « assignation à domicile 21h-6h »): the hours are the time at home. Not
    // « sortie autorisée », which gives the opposite hours and stays unread.
    "presence",
    "obligatoire",
    "domicile",
    "assignation",
    "de",
    "du",
    "des",
    "d",
    "l",
    "le",
    "la",
    "les",
    "et",
    "a",
    "au",
    "aux",
    "h",
    "heure",
    "heures",
    "hrs",
    "hr",
    "ouvert",
    "ouverte",
    "ouverts",
    "ouvertes",
    "ouverture",
    "ouvertures",
    "horaire",
    "horaires",
    "accueil",
    "public",
    "jour",
    "jours",
    "puis",
    "from",
    "to",
    "and",
    "open",
    "en",
    "continu",
    "continue",
    "journee",
    "non",
    "stop",
    "sans",
    "interruption",
    "inclus",
    "compris",
    "y",
    "uniquement",
    "seulement",
    "permanence",
    "permanences",
    "ou",
    "the",
    "on",
    "nos",
    "notre",
    "sur",
    "place",
    "site",
    "pendant",
    "lieu",
    "entre",
    "tous",
    "toutes",
    "tout",
    "toute",
    "semaine",
    "midi",
    "physique",
    "telephonique",
    "tel",
    "et/ou",
    "libre",
    "acces",
    "les",
    "mois",
    "avec",
    "telephoniques",
    "publics",
    "hors",
];

/// Words that make hours « à préciser »: sessions, appointments, variable hours.
const SESSION: &[&str] = &[
    "rendez-vous",
    "rendez",
    "vous",
    "rdv",
    "consulter",
    "contacter",
    "appeler",
    "telephoner",
    "variable",
    "variables",
    "selon",
    "demande",
    "planning",
    "planification",
    "alternance",
    "paire",
    "impaire",
    "paires",
    "impaires",
    "chaque",
    "dernier",
    "derniere",
    "derniers",
    "premier",
    "premiers",
    "premiere",
    "deuxieme",
    "troisieme",
    "quatrieme",
    "1er",
    "2eme",
    "3eme",
    "4eme",
    "2e",
    "3e",
    "4e",
    "1ere",
    "quinzaine",
    "trois",
    "deux",
    "un",
    "une",
    "fois",
    "unknown",
    "convenir",
    "chantiers",
    "chantier",
    "sessions",
    "session",
    "calendrier",
    "reunion",
    "reunions",
    "reservation",
    "inscription",
    "mobile",
    "itinerant",
    "itinerante",
    "agenda",
    "dates",
    "date",
];

/// Words meaning « closed ».
const CLOSED: &[&str] = &[
    "off",
    "closed",
    "ferme",
    "fermes",
    "fermee",
    "fermees",
    "fermeture",
    "fermetures",
];

/// Read a whole value.
pub(crate) fn read(text: &str) -> Reading {
    let mut r = Reading::default();
    let osm = looks_osm(text);
    let mut closures: Vec<Clause> = Vec::new();
    let (parts, comments) = split_parts(text, osm);
    for c in comments {
        r.notes.push(format!(
            "« {c} » : commentaire, sans effet sur les horaires"
        ));
    }
    // A part with days or a period and no hours (« Du lundi au jeudi », « Pendant les vacances
    // scolaires : ») is the heading of the next part's hours.
    let mut heading: Option<(Clause, String)> = None;
    for (part, sep) in parts {
        let quoted = part.trim().to_string();
        if quoted.is_empty() {
            continue;
        }
        let toks = tokenize(&normalise(&quoted), osm);
        let mut clauses = clauses(toks, osm);
        if clauses.is_empty() {
            // Only punctuation or filler words.
            r.notes.push(format!("« {quoted} » : rien à lire"));
            continue;
        }
        if !osm {
            if let [only] = clauses.as_slice() {
                if only.is_heading() {
                    if let Some((h, q)) = heading.take() {
                        apply(&mut r, &mut closures, h, &q, osm, Sep::Normal);
                    }
                    heading = clauses.pop().map(|c| (c, quoted));
                    continue;
                }
            }
            if let Some((h, q)) = heading.take() {
                match clauses.first_mut() {
                    Some(first) if first.closed && !first.any_day && first.ranges.is_empty() => {
                        // « Samedi » then « Fermé ».
                        first.days = h.days;
                        first.any_day = h.any_day;
                        r.notes
                            .push(format!("« {q} » : en-tête de la ligne qui suit"));
                    }
                    Some(first) if !first.ranges.is_empty() && !first.closed => {
                        if !first.any_day {
                            first.days = h.days;
                            first.any_day = h.any_day;
                        }
                        first.conditional |= h.conditional;
                        first.sh |= h.sh;
                        first.ph |= h.ph;
                        first.session |= h.session;
                        r.notes
                            .push(format!("« {q} » : en-tête des horaires qui suivent"));
                    }
                    _ => apply(&mut r, &mut closures, h, &q, osm, Sep::Normal),
                }
            }
        }
        for (i, c) in clauses.into_iter().enumerate() {
            apply(
                &mut r,
                &mut closures,
                c,
                &quoted,
                osm,
                if i == 0 { sep } else { Sep::Additional },
            );
        }
    }
    if let Some((h, q)) = heading.take() {
        apply(&mut r, &mut closures, h, &q, osm, Sep::Normal);
    }
    // One warning per part, even when several of its clauses could not be placed.
    r.unplaced.dedup();
    r.pending.dedup();
    // French closures hold for the whole text, whatever their place in it.
    for c in closures {
        subtract(&mut r, &c);
    }
    r
}

/// True when the value has no French word: then it is read as OpenStreetMap, where `;` rules
/// override the days they name and a selector without hours is open the whole day.
fn looks_osm(text: &str) -> bool {
    // « mar » is mardi as French catalogues abbreviate it (« mar 14:00-17:00 », « Mar
    // 9h-12h »); it is OpenStreetMap's March only written `Mar` beside OSM weekdays or another
    // month (`Mar-Oct Mo-Fr 10:00-12:00`, `Mar Sa 10:00-12:00`).
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| w.eq_ignore_ascii_case("mar")) {
        let osm_context = words.iter().any(|w| {
            ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH", "SH"].contains(w)
                || (MONTH_WORDS.contains(&w.to_ascii_lowercase().as_str())
                    && !w.eq_ignore_ascii_case("mar"))
        });
        if !words.contains(&"Mar") || !osm_context {
            return false;
        }
    }
    let f = fold(text);
    let french = [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lundis",
        "mardis",
        "mercredis",
        "jeudis",
        "vendredis",
        "samedis",
        "dimanches",
        "lun",
        "mer",
        "jeu",
        "ven",
        "sam",
        "dim",
        "de",
        "du",
        "au",
        "et",
        "le",
        "la",
        "les",
        "h",
        "heures",
        "sur",
        "ferme",
        "fermee",
        "fermeture",
        "sauf",
        "midi",
        "minuit",
        "tous",
        "jours",
        "rdv",
        "matin",
        "apres",
        "semaine",
        "ouvert",
        "horaires",
        "a",
    ];
    !f.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| french.contains(&w))
}

/// Cut the text into parts, each with the separator before it.
/// Quoted comments are taken out of their part and returned apart.
fn split_parts(text: &str, osm: bool) -> (Vec<(String, Sep)>, Vec<String>) {
    let mut parts = Vec::new();
    let mut comments = Vec::new();
    let mut comment = String::new();
    let mut cur = String::new();
    let mut sep = Sep::Start;
    let mut chars = text.chars().peekable();
    let mut depth_quote = false;
    let mut inline_bracket = false;
    let push = |parts: &mut Vec<(String, Sep)>, cur: &mut String, sep: Sep| {
        if !cur.trim().is_empty() {
            parts.push((std::mem::take(cur), sep));
        }
        cur.clear();
    };
    while let Some(c) = chars.next() {
        if depth_quote {
            if c == '"' {
                depth_quote = false;
                comments.push(std::mem::take(&mut comment));
            } else {
                comment.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                cur.push(' ');
                depth_quote = true;
            }
            '\n' | '\r' | ';' => {
                push(&mut parts, &mut cur, sep);
                sep = Sep::Normal;
            }
            '|' => {
                if chars.peek() == Some(&'|') {
                    chars.next();
                }
                push(&mut parts, &mut cur, sep);
                sep = Sep::Additional;
            }
            // « 9h-17h (sauf mercredi) »: an exception in brackets belongs to the hours before
            // it, as « 9h-17h sauf mercredi » does; its brackets are read as spaces.
            // A bracket that says more (« (sauf jeudi après-midi, fermé au public) ») stays a
            // part of its own, read by the rules for closures.
            '(' if !osm && {
                let inside: String = chars.clone().take_while(|c| *c != ')').collect();
                let inside = crate::text::fold(inside.trim_start());
                (inside.starts_with("sauf") || inside.starts_with("except"))
                    && !inside.contains([',', ';', '('])
            } =>
            {
                cur.push(' ');
                inline_bracket = true;
            }
            ')' if inline_bracket => {
                cur.push(' ');
                inline_bracket = false;
            }
            '(' | ')' if !osm => {
                push(&mut parts, &mut cur, sep);
                sep = Sep::Additional;
            }
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                push(&mut parts, &mut cur, sep);
                sep = Sep::Normal;
            }
            c => cur.push(c),
        }
    }
    push(&mut parts, &mut cur, sep);
    if !comment.trim().is_empty() {
        comments.push(comment);
    }
    (parts, comments)
}

/// Fold case and accents, unify dashes, and spell out the common whole-week forms.
fn normalise(part: &str) -> String {
    let dashed: String = part
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => '-',
            '\t' => ' ',
            c => c,
        })
        .collect();
    let mut f = format!(" {} ", fold(&dashed));
    for (from, to) in [
        (" 24/7 ", " tlj 00:00-24:00 "),
        ("24h/24 ", " 00:00-24:00 "),
        ("24h / 24 ", " 00:00-24:00 "),
        ("24h sur 24", " 00:00-24:00 "),
        // As curfews say it (« samedi et dimanche toute la journée »), and as the hours are
        // said back (`words.rs`): the whole day.
        ("toute la journee", " 00:00-24:00 "),
        ("jour et nuit", " 00:00-24:00 "),
        ("7j/7", " tlj "),
        ("7 j/7", " tlj "),
        ("7/7", " tlj "),
        ("7 jours sur 7", " tlj "),
        ("7j sur 7", " tlj "),
        ("tous les jours", " tlj "),
        ("toute la semaine", " tlj "),
        ("everyday", " tlj "),
        ("every day", " tlj "),
        ("en semaine", " lundi-vendredi "),
        // Jours ouvrés: Monday to Friday; jours ouvrables: to Saturday (Code du travail).
        ("jours ouvres", " lundi-vendredi "),
        ("jours ouvrables", " lundi-samedi "),
        ("la semaine", " lundi-vendredi "),
        // « 24h/24 le week-end »: Saturday and Sunday.
        ("week-ends", " samedi-dimanche "),
        ("week-end", " samedi-dimanche "),
        ("weekends", " samedi-dimanche "),
        ("weekend", " samedi-dimanche "),
        ("week end", " samedi-dimanche "),
        ("jours feries", " ph "),
        ("jour ferie", " ph "),
        ("les feries", " ph "),
        ("vacances scolaires", " sh "),
        ("apres-midi", " apresmidi "),
        ("apres midi", " apresmidi "),
        ("a partir de", " apartir "),
        ("a partir d'", " apartir "),
        ("jusqu'a", " jusqua "),
        ("jusqu'au", " jusqua "),
        ("rendez-vous", " rdv "),
        ("rendez vous", " rdv "),
        ("sur rdv", " rdv "),
        ("nous consulter", " rdv "),
    ] {
        f = f.replace(from, to);
    }
    f
}

fn day_of(word: &str, osm: bool) -> Option<usize> {
    let w = word.trim_end_matches('.');
    if osm && w == "mar" {
        return None;
    }
    if osm && w == "mon" {
        return Some(0);
    }
    DAY_WORDS.iter().position(|ws| ws.contains(&w))
}

/// Letters, numbers and symbols; then numbers with `h`, `:` or `.` become times, and times
/// around a dash, `à` or `/` become ranges.
fn tokenize(f: &str, osm: bool) -> Vec<Tok> {
    let mut raw: Vec<Tok> = Vec::new();
    let mut chars = f.chars().peekable();
    let mut after_space = false;
    while let Some(&c) = chars.peek() {
        let was_space = after_space;
        after_space = c.is_whitespace();
        if c.is_ascii_digit() {
            let mut n: u32 = 0;
            let mut len = 0usize;
            while let Some(&d) = chars.peek() {
                let Some(v) = d.to_digit(10) else { break };
                n = n.saturating_mul(10).saturating_add(v);
                len += 1;
                chars.next();
            }
            raw.push(Tok::Num(n, len));
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_alphabetic() {
                    w.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            if let Some(d) = day_of(&w, osm) {
                raw.push(Tok::Day(d));
            } else if MONTH_WORDS.contains(&w.as_str()) || (osm && w == "mar") {
                raw.push(Tok::Month);
            } else if w == "midi" || w == "noon" {
                raw.push(Tok::Time(12 * 60));
            } else if w == "minuit" || w == "midnight" {
                raw.push(Tok::Time(DAY));
            } else {
                raw.push(Tok::Word(w));
            }
        } else {
            chars.next();
            if c == ':' && !was_space && chars.peek().is_some_and(|n| n.is_whitespace()) {
                // `week 01: 10:00`: a selector's colon, not a time's.
                raw.push(Tok::Sym('¦'));
            } else if c == '.'
                && matches!(
                    raw.last(),
                    Some(Tok::Day(_)) | Some(Tok::Word(_)) | Some(Tok::Month)
                )
            {
                // `lun.`: the dot of an abbreviation.
            } else if !c.is_whitespace() {
                raw.push(Tok::Sym(c));
            } else if is_word(raw.last(), &["h"])
                && chars.peek().is_some_and(|n| n.is_ascii_digit())
            {
                // `12h 14-18h` or `13h 30`: the gap decides (see `times`).
                raw.push(Tok::Sym(' '));
            }
        }
    }
    one_letter_days(&mut raw);
    two_letter_days(&mut raw);
    times(raw, osm)
}

/// Days of one letter, only as a range from Monday (« L-V 9h-17h », « L au S ») : a lone
/// letter is too often something else, and « M » is both Tuesday and Wednesday.
fn one_letter_days(raw: &mut [Tok]) {
    const END: [(&str, usize); 4] = [("j", 3), ("v", 4), ("s", 5), ("d", 6)];
    for i in 0..raw.len() {
        let (Some(Tok::Word(a)), Some(between)) = (raw.get(i), raw.get(i + 1)) else {
            continue;
        };
        if a != "l" {
            continue;
        }
        let end = match between {
            Tok::Sym('-') => i + 2,
            Tok::Word(w) if w == "au" || w == "a" => i + 2,
            Tok::Sym(' ') if is_word(raw.get(i + 2), &["au", "a"]) => i + 3,
            _ => continue,
        };
        let last = match raw.get(end) {
            Some(Tok::Word(b)) => END.iter().find(|(s, _)| s == b).map(|&(_, d)| d),
            _ => None,
        };
        if let Some(d) = last {
            for (at, day) in [(i, 0), (end, d)] {
                if let Some(t) = raw.get_mut(at) {
                    *t = Tok::Day(day);
                }
            }
        }
    }
}

/// French two-letter days (« Lu-Ve 9h-17h », « Ma 14h-17h ») are days only before another
/// day, a number or a time: « je », « me » and « ma » are also words (« Je suis là le matin
/// 9h-12h » is not a Thursday), and a day read where none was written would narrow the hours.
fn two_letter_days(raw: &mut [Tok]) {
    const SHORT: [(&str, usize); 6] = [
        ("lu", 0),
        ("ma", 1),
        ("me", 2),
        ("je", 3),
        ("ve", 4),
        ("di", 6),
    ];
    let mut before_day_or_time = false;
    for t in raw.iter_mut().rev() {
        match t {
            Tok::Word(w) => {
                let short = SHORT.iter().find(|(s, _)| s == w).map(|&(_, d)| d);
                match short {
                    Some(d) if before_day_or_time => *t = Tok::Day(d),
                    // « Lu au Ve de 9h à 12h »: the words between days and hours.
                    None if ["au", "a", "et", "de", "du"].contains(&w.as_str()) => {}
                    _ => before_day_or_time = false,
                }
            }
            Tok::Day(_) | Tok::Num(..) | Tok::Time(_) | Tok::Range(..) => before_day_or_time = true,
            // `¦`: « Lu-Ve: 9h-17h », a colon then a space.
            Tok::Sym('-' | ',' | '/' | '&' | ':' | ' ' | '¦') => {}
            Tok::Sym(_) | Tok::Month => before_day_or_time = false,
        }
    }
}

fn is_word(t: Option<&Tok>, ws: &[&str]) -> bool {
    matches!(t, Some(Tok::Word(w)) if ws.contains(&w.as_str()))
}

/// The widest values of a sun-dependent time in France: (earliest, latest) in the year.
fn sun_time(w: &str) -> Option<(u32, u32)> {
    Some(match w {
        "dawn" => (4 * 60 + 30, 8 * 60 + 30),
        "sunrise" => (5 * 60 + 30, 9 * 60),
        "sunset" => (16 * 60 + 30, 22 * 60 + 30),
        "dusk" => (17 * 60, 23 * 60),
        _ => return None,
    })
}

/// A time or a sun-dependent time, as (earliest, latest).
#[derive(Clone, Copy)]
struct When(u32, u32);

fn times(raw: Vec<Tok>, osm: bool) -> Vec<Tok> {
    // Pass 1: numbers with h / : / . (and am/pm) become times; sun words become spans of times.
    let mut out: Vec<Tok> = Vec::with_capacity(raw.len());
    let mut suns: Vec<(usize, When)> = Vec::new();
    let mut i = 0;
    while let Some(t) = raw.get(i) {
        if let Tok::Num(h, hl) = *t {
            let next = raw.get(i + 1);
            // `14h 17h` is two times, not 14:17.
            // After a gap (`13h 30`), only quarter hours are minutes: `12h 14-18h` is two times.
            let minutes = |j: usize| {
                let (j, gap) = match raw.get(j) {
                    Some(Tok::Sym(' ')) => (j + 1, 1),
                    _ => (j, 0),
                };
                match raw.get(j) {
                    Some(Tok::Num(m, 2))
                        if *m < 60
                            && (gap == 0 || m % 15 == 0)
                            && !is_word(raw.get(j + 1), &["h", "heure", "heures"])
                            && !matches!(raw.get(j + 1), Some(Tok::Sym(':'))) =>
                    {
                        Some((*m, 1 + gap))
                    }
                    _ => None,
                }
            };
            let mut time = None;
            if hl <= 2 && h <= 48 {
                // `9: à 13:` is a time; `Nov 01: Tu-Sa` or `week 05: …` closes a selector.
                let after_selector = matches!(
                    i.checked_sub(1).and_then(|j| raw.get(j)),
                    Some(Tok::Month) | Some(Tok::Sym('-')) | Some(Tok::Sym(','))
                ) || is_word(
                    i.checked_sub(1).and_then(|j| raw.get(j)),
                    &["week", "easter"],
                );
                let selector_colon = matches!(next, Some(Tok::Sym('¦')))
                    && !after_selector
                    && !matches!(raw.get(i + 2), Some(Tok::Num(..)));
                if is_word(next, &["h", "heure", "heures", "hrs", "hr"])
                    || matches!(next, Some(Tok::Sym(':')))
                    || selector_colon
                {
                    let m = minutes(i + 2);
                    time = Some((h * 60 + m.map_or(0, |m| m.0), 2 + m.map_or(0, |m| m.1)));
                } else if matches!(next, Some(Tok::Sym('.'))) {
                    if let Some((m, n)) = minutes(i + 2) {
                        time = Some((h * 60 + m, 2 + n));
                    }
                }
            } else if hl == 4 && (100..1900).contains(&h) && h % 100 < 60 && h / 100 <= 24 {
                // `0830`: a time (years in selectors are 19xx–20xx).
                time = Some(((h / 100) * 60 + h % 100, 1));
            }
            let (value, used) = match time {
                Some(v) => v,
                None if hl <= 2 && is_word(next, &["am", "pm"]) => (h * 60, 1),
                None => {
                    out.push(t.clone());
                    i += 1;
                    continue;
                }
            };
            i += used;
            let mut value = value;
            if is_word(raw.get(i), &["pm"]) && value < 12 * 60 {
                value += 12 * 60;
                i += 1;
            } else if is_word(raw.get(i), &["am"]) {
                if (12 * 60..13 * 60).contains(&value) {
                    value -= 12 * 60;
                }
                i += 1;
            }
            out.push(Tok::Time(value));
            continue;
        }
        // `(sunrise+01:00)`: widened by the offset.
        let paren = matches!(t, Tok::Sym('('));
        let at = if paren { i + 1 } else { i };
        if let Some((e, l)) = match raw.get(at) {
            Some(Tok::Word(w)) => sun_time(w),
            _ => None,
        } {
            let mut when = When(e, l);
            let mut used = at + 1 - i;
            if paren {
                let sign = raw.get(at + 1);
                let off = match (raw.get(at + 2), raw.get(at + 3), raw.get(at + 4)) {
                    (Some(Tok::Num(h, _)), Some(Tok::Sym(':')), Some(Tok::Num(m, _)))
                        if *h <= 24 && *m < 60 =>
                    {
                        Some((h * 60 + m, 4))
                    }
                    (Some(Tok::Num(m, _)), _, _) if *m <= DAY => Some((*m, 2)),
                    _ => None,
                };
                if let (Some(Tok::Sym(c @ ('+' | '-'))), Some((off, n))) = (sign, off) {
                    when = if *c == '+' {
                        When(e + off, l + off)
                    } else {
                        When(e.saturating_sub(off), l.saturating_sub(off))
                    };
                    used = at + 1 + n - i;
                    // `n` counts the sign; the closing bracket follows.
                    if matches!(raw.get(i + used), Some(Tok::Sym(')'))) {
                        used += 1;
                    }
                } else if matches!(raw.get(at + 1), Some(Tok::Sym(')'))) {
                    used += 1;
                }
            }
            suns.push((out.len(), when));
            out.push(Tok::Time(when.0));
            i += used;
            continue;
        }
        out.push(t.clone());
        i += 1;
    }
    let when_at = |k: usize, t: &Tok| -> Option<When> {
        if let Some((_, w)) = suns.iter().find(|(j, _)| *j == k) {
            return Some(*w);
        }
        match t {
            Tok::Time(m) => Some(When(*m, *m)),
            _ => None,
        }
    };
    // Pass 2: ranges.
    let raw = out;
    let mut out: Vec<Tok> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(t) = raw.get(i) {
        let is_sep = matches!(raw.get(i + 1), Some(Tok::Sym('-')) | Some(Tok::Sym('/')))
            || is_word(
                raw.get(i + 1),
                &[
                    "a", "to", "jusqua", "au", "till", "til", "until", "through", "bis",
                ],
            );
        if is_sep {
            let b = raw.get(i + 2);
            // Bare numbers are hours next to a time (`10-12h`), or after days in OSM
            // (`Mo 10-12`), never after a month (`Apr 10-16`) or a week (`week 01-05`).
            // `21/04` is a date: bare numbers only around a dash.
            let dash = matches!(raw.get(i + 1), Some(Tok::Sym('-')));
            let bare_ok = dash
                && match out.last() {
                    None => true,
                    Some(Tok::Day(_)) => true,
                    Some(Tok::Sym('¦')) | Some(Tok::Sym(',')) => {
                        matches!(
                            out.get(out.len().wrapping_sub(2)),
                            Some(Tok::Day(_)) | Some(Tok::Range(..))
                        )
                    }
                    _ => false,
                };
            let a = when_at(i, t).or(match (t, b) {
                (Tok::Num(h, l), Some(Tok::Time(_))) if *l <= 2 && *h <= 24 => {
                    Some(When(h * 60, h * 60))
                }
                (Tok::Num(h, l), Some(Tok::Num(e, el)))
                    if bare_ok && *l <= 2 && *h <= 24 && *el <= 2 && *e <= 24 =>
                {
                    Some(When(h * 60, h * 60))
                }
                _ => None,
            });
            let e = b.and_then(|b| when_at(i + 2, b)).or(match b {
                Some(Tok::Num(h, l)) if *l <= 2 && *h <= 48 && a.is_some() => {
                    Some(When(h * 60, h * 60))
                }
                _ => None,
            });
            if let (Some(a), Some(e)) = (a, e) {
                let mut used = 3;
                let open = osm && matches!(raw.get(i + 3), Some(Tok::Sym('+')));
                // An open end runs to midnight, or to the written end when it is past midnight.
                let end = if open && e.1 > a.0 {
                    used += 1;
                    DAY.max(e.1)
                } else {
                    used += usize::from(open);
                    e.1
                };
                out.push(Tok::Range(a.0, end));
                // `10:00-16:00/01:30`: a repetition inside the range, which changes nothing.
                let next_is_range = matches!(raw.get(i + used + 2), Some(Tok::Sym('-')))
                    || is_word(raw.get(i + used + 2), &["a", "to", "jusqua", "au"]);
                if osm
                    && matches!(raw.get(i + used), Some(Tok::Sym('/')))
                    && matches!(
                        raw.get(i + used + 1),
                        Some(Tok::Time(_)) | Some(Tok::Num(..))
                    )
                    && !next_is_range
                {
                    out.push(Tok::Word("repeat".into()));
                    used += 2;
                }
                i += used;
                continue;
            }
        }
        if let Some(w) = when_at(i, t) {
            // `17:00-late`, « 17h jusqu'à tard »: an open end, to midnight.
            let late = ["late", "tard", "openend"];
            let sep = matches!(raw.get(i + 1), Some(Tok::Sym('-')))
                || is_word(
                    raw.get(i + 1),
                    &["till", "til", "until", "jusqua", "bis", "a", "to"],
                );
            if sep && is_word(raw.get(i + 2), &late) {
                out.push(Tok::Range(w.0, DAY));
                i += 3;
                continue;
            }
            if osm && matches!(raw.get(i + 1), Some(Tok::Sym('+'))) {
                out.push(Tok::Range(w.0, DAY));
                i += 2;
                continue;
            }
            if matches!(out.last(), Some(Tok::Word(x)) if x == "apartir" || x == "des" || x == "after")
            {
                out.pop();
                out.push(Tok::Range(w.0, DAY));
                i += 1;
                continue;
            }
        }
        out.push(t.clone());
        i += 1;
    }
    out
}

/// One clause: a selector (days and conditions) and its hours.
#[derive(Debug, Default, Clone)]
struct Clause {
    days: [bool; 7],
    any_day: bool,
    except: [bool; 7],
    except_period: Option<(u32, u32)>,
    /// The period comes from a word (« matin », « après-midi », « soir »): it removes the
    /// hours that start in it, not a clock-exact slice.
    period_word: bool,
    period: Option<(u32, u32)>,
    ranges: Vec<(u32, u32)>,
    closed: bool,
    ph: bool,
    sh: bool,
    conditional: bool,
    session: bool,
    except_ph: bool,
    until_only: bool,
    open_word: bool,
    repeat: bool,
    closed_after_days: bool,
    shifted: bool,
    /// Times that are not in a range: points in time (OSM), or `9h 12h` pairs (French).
    lone: Vec<u32>,
    unknown: Vec<String>,
}

impl Clause {
    /// Days or a period, and nothing else: a heading for the hours on the next line.
    fn is_heading(&self) -> bool {
        self.ranges.is_empty()
            && self.lone.is_empty()
            && !self.closed
            && self.unknown.is_empty()
            && !self.until_only
            && (self.any_day || self.sh || self.conditional)
    }

    fn is_empty(&self) -> bool {
        !self.any_day
            && self.ranges.is_empty()
            && !self.closed
            && !self.ph
            && !self.sh
            && !self.conditional
            && !self.session
            && !self.except_ph
            && self.period.is_none()
            && !self.until_only
            && !self.open_word
            && self.lone.is_empty()
            && self.unknown.is_empty()
    }
}

fn set_day(days: &mut [bool; 7], d: usize) {
    if let Some(x) = days.get_mut(d) {
        *x = true;
    }
}

/// Group tokens into clauses; a day after hours starts a new clause.
fn clauses(toks: Vec<Tok>, osm: bool) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut c = Clause::default();
    let mut in_except = false;
    let mut i = 0;
    // Days written `lundi - mardi - jeudi` (three or more with dashes) are a list, not a range.
    let mut dash_chain = 0;
    // Hours written before their days (« de 9h à 12h le lundi et de 14h à 17h le mardi »):
    // the days that follow hours without days are theirs, and the next hours open a clause.
    let mut times_first = false;
    while let Some(t) = toks.get(i) {
        let starts_selector = matches!(t, Tok::Day(_))
            || matches!(t, Tok::Word(w) if w == "tlj" || w == "ph" || w == "sh")
            || (!osm && matches!(t, Tok::Word(w) if CLOSED.contains(&w.as_str())));
        // « Lundi : FERMÉ Mardi : 9h-12h »: days named before « fermé » close that clause.
        let has_hours = !c.ranges.is_empty() || !c.lone.is_empty() || c.closed_after_days;
        let is_day = matches!(t, Tok::Day(_));
        if !osm && is_day && has_hours && !in_except && (times_first || !c.any_day) {
            times_first = true;
        } else if starts_selector && has_hours && !in_except {
            times_first = false;
            out.push(std::mem::take(&mut c));
        }
        if times_first && matches!(t, Tok::Range(..)) && !in_except {
            times_first = false;
            out.push(std::mem::take(&mut c));
        }
        match t {
            Tok::Day(d) => {
                // `Su[1]`, `Mo[-1]`: one weekday of the month, which may be any week. The
                // bracket is skipped to see a range after it: `Fr[3]-Su[-1]` is Friday to
                // Sunday (Saturday lost would narrow the hours a curfew is checked against).
                let mut k = i + 1;
                if matches!(toks.get(k), Some(Tok::Sym('['))) {
                    c.conditional = true;
                    if let Some(close) = toks
                        .iter()
                        .skip(k)
                        .take(8)
                        .position(|t| matches!(t, Tok::Sym(']')))
                    {
                        k += close + 1;
                    }
                }
                // A range: Day (- | au | a | to) Day.
                let is_range_sep = matches!(toks.get(k), Some(Tok::Sym('-')))
                    || is_word(toks.get(k), &["au", "a", "to", "jusqua"]);
                if let (true, Some(Tok::Day(e))) = (is_range_sep, toks.get(k + 1)) {
                    let chained = matches!(toks.get(k + 2), Some(Tok::Sym('-')))
                        && matches!(toks.get(k + 3), Some(Tok::Day(_)));
                    let target = if in_except {
                        &mut c.except
                    } else {
                        &mut c.days
                    };
                    if chained || dash_chain > 0 {
                        set_day(target, *d);
                        set_day(target, *e);
                        dash_chain += 1;
                    } else {
                        let mut k = *d;
                        for _ in 0..7 {
                            set_day(target, k);
                            if k == *e {
                                break;
                            }
                            k = (k + 1) % 7;
                        }
                    }
                    if !in_except {
                        c.any_day = true;
                    }
                    i = k + 2;
                    continue;
                }
                dash_chain = 0;
                if in_except {
                    set_day(&mut c.except, *d);
                } else {
                    set_day(&mut c.days, *d);
                    c.any_day = true;
                }
            }
            Tok::Range(a, e) => {
                let a = if *a == DAY { 0 } else { *a };
                // `22:00-22:00`: read as the whole day from 22:00 (the widest reading).
                let e = if a == *e && osm { a + DAY } else { *e };
                let e = &e;
                if a < DAY && *e <= 2 * DAY && a != *e {
                    if in_except && !c.ranges.is_empty() && c.except.iter().any(|x| *x) {
                        // « 8h-17h sauf le vendredi 8h-12h »: other hours for those days.
                        let days = c.except;
                        out.push(std::mem::take(&mut c));
                        c.days = days;
                        c.any_day = true;
                        c.ranges.push((a, *e));
                    } else if in_except && !c.ranges.is_empty() {
                        // « 9h-18h sauf de 12h à 14h »: a break.
                        c.except_period = Some((a, *e));
                    } else {
                        c.ranges.push((a, *e));
                    }
                } else {
                    c.unknown.push(format!("{a}-{e}"));
                }
                in_except = false;
            }
            Tok::Time(t) => {
                if matches!(i.checked_sub(1).and_then(|j| toks.get(j)), Some(Tok::Word(w)) if w == "jusqua")
                {
                    c.until_only = true;
                } else {
                    c.lone.push(*t % DAY);
                }
            }
            Tok::Month => c.conditional = true,
            Tok::Num(_, len) if *len > 4 => c.unknown.push("nombre".into()),
            Tok::Num(..) => {
                // Years, dates, week numbers, `[1]`: selectors that hold some weeks only.
                c.conditional = true;
            }
            Tok::Sym(_) => {}
            Tok::Word(w) => {
                let w = w.as_str();
                if w == "tlj" {
                    if in_except {
                        c.except = [true; 7];
                    } else {
                        c.days = [true; 7];
                        c.any_day = true;
                    }
                } else if w == "ph" {
                    if in_except {
                        c.except_ph = true;
                    } else {
                        c.ph = true;
                    }
                } else if w == "sh" {
                    if in_except {
                        c.except_ph = true;
                    } else {
                        c.sh = true;
                    }
                } else if w == "sauf" || w == "except" || w == "excepte" {
                    in_except = true;
                } else if CLOSED.contains(&w) {
                    c.closed_after_days = c.any_day;
                    c.closed = true;
                    in_except = false;
                } else if w == "matin" || w == "matinee" || w == "matins" {
                    let p = (0, 12 * 60);
                    c.period_word = true;
                    if in_except {
                        c.except_period = Some(p)
                    } else {
                        c.period = Some(p)
                    }
                } else if w == "apresmidi" || w == "aprem" {
                    let p = (12 * 60, 18 * 60);
                    c.period_word = true;
                    if in_except {
                        c.except_period = Some(p)
                    } else {
                        c.period = Some(p)
                    }
                } else if w == "soir" || w == "soiree" || w == "soirs" {
                    let p = (18 * 60, DAY);
                    c.period_word = true;
                    if in_except {
                        c.except_period = Some(p)
                    } else {
                        c.period = Some(p)
                    }
                } else if (w == "day" || w == "days") && c.any_day {
                    // `Sa[-1] +3 days`: another weekday than the one written.
                    c.shifted = true;
                    c.conditional = true;
                } else if [
                    "week",
                    "easter",
                    "year",
                    "semaines",
                    "day",
                    "days",
                    "periode",
                    "scolaire",
                    "scolaires",
                    "er",
                    "eme",
                    "e",
                    "ere",
                    "ieme",
                    "iemes",
                    "emes",
                    "premier",
                    "premiers",
                    "premiere",
                    "premieres",
                    "deuxieme",
                    "deuxiemes",
                    "troisieme",
                    "troisiemes",
                    "quatrieme",
                    "quatriemes",
                    "dernier",
                    "derniers",
                    "derniere",
                    "dernieres",
                    "cinquieme",
                    "second",
                    "seconde",
                    "ete",
                    "hiver",
                    "printemps",
                    "automne",
                    "saison",
                    "estival",
                    "estivale",
                    "estivales",
                    "hivernal",
                    "hivernaux",
                ]
                .contains(&w)
                {
                    c.conditional = true;
                } else if w == "repeat" {
                    c.repeat = true;
                } else if w == "open" {
                    c.open_word = true;
                } else if w == "rdv" || SESSION.contains(&w) {
                    c.session = true;
                } else if !(["jusqua", "apartir", "des"].contains(&w) || FILLER.contains(&w)) {
                    c.unknown.push(w.to_string());
                }
            }
        }
        if !matches!(t, Tok::Day(_)) && !matches!(t, Tok::Sym('-') | Tok::Sym(',')) {
            dash_chain = 0;
        }
        i += 1;
    }
    out.push(c);
    let out: Vec<Clause> = out.into_iter().filter(|c| !c.is_empty()).collect();
    // « 9h-12h et 14h-17h du lundi au vendredi »: days after the hours they qualify.
    let mut merged: Vec<Clause> = Vec::new();
    for c in out {
        if let Some(prev) = merged.last_mut() {
            let days_only =
                c.any_day && c.ranges.is_empty() && !c.closed && c.period.is_none() && !c.session;
            if days_only && !prev.any_day && !prev.ranges.is_empty() && !prev.closed {
                prev.days = c.days;
                prev.any_day = true;
                prev.except = c.except;
                prev.unknown.extend(c.unknown);
                prev.conditional |= c.conditional;
                continue;
            }
            // « Lundi : » then « 9h-12h »: days waiting for their hours.
            if prev.any_day
                && prev.ranges.is_empty()
                && !prev.closed
                && !prev.session
                && prev.period.is_none()
                && !c.any_day
                && !c.ranges.is_empty()
                && !c.closed
                && !c.ph
                && !c.sh
            {
                prev.ranges = c.ranges;
                prev.unknown.extend(c.unknown);
                prev.conditional |= c.conditional;
                prev.session |= c.session;
                prev.except_period = prev.except_period.or(c.except_period);
                prev.except_ph |= c.except_ph;
                continue;
            }
        }
        merged.push(c);
    }
    merged
}

fn add(r: &mut Reading, days: &[bool; 7], ranges: &[(u32, u32)]) {
    for (d, on) in days.iter().enumerate() {
        if !on {
            continue;
        }
        if let Some(list) = r.week.get_mut(d) {
            for &(a, e) in ranges {
                // An end before the start runs overnight.
                let e = if e <= a { e + DAY } else { e };
                list.push((a, e));
            }
        }
    }
}

fn clear(r: &mut Reading, days: &[bool; 7], period: Option<(u32, u32)>, by_start: bool) {
    for (d, on) in days.iter().enumerate() {
        if !on {
            continue;
        }
        if let Some(list) = r.week.get_mut(d) {
            match period {
                None => list.clear(),
                Some((ps, pe)) if by_start => {
                    // Hours starting in the half-day go; what runs past its end stays.
                    let mut kept = Vec::new();
                    for &(a, e) in list.iter() {
                        if a < ps || a >= pe {
                            kept.push((a, e));
                        } else if e > pe {
                            kept.push((pe, e));
                        }
                    }
                    *list = kept;
                }
                Some((ps, pe)) => {
                    let pe = if pe <= ps { pe + DAY } else { pe };
                    let mut kept = Vec::new();
                    for &(a, e) in list.iter() {
                        if e <= ps || a >= pe {
                            kept.push((a, e));
                            continue;
                        }
                        if a < ps {
                            kept.push((a, ps));
                        }
                        if e > pe {
                            kept.push((pe, e));
                        }
                    }
                    *list = kept;
                }
            }
        }
    }
}

fn subtract(r: &mut Reading, c: &Clause) {
    let period = if c.ranges.is_empty() { c.period } else { None };
    if c.ranges.is_empty() {
        clear(r, &c.days, period, c.period_word);
    } else {
        for &p in &c.ranges {
            clear(r, &c.days, Some(p), false);
        }
    }
}

fn apply(
    r: &mut Reading,
    closures: &mut Vec<Clause>,
    mut c: Clause,
    part: &str,
    osm: bool,
    sep: Sep,
) {
    // Days named after « sauf » leave the selector.
    let has_except_days = c.except.iter().any(|x| *x);
    if has_except_days && c.except_period.is_none() {
        if !c.any_day {
            c.days = [true; 7];
            c.any_day = true;
        }
        for (d, x) in c.except.iter().enumerate() {
            if *x {
                if let Some(v) = c.days.get_mut(d) {
                    *v = false;
                }
            }
        }
    }
    if c.except_ph {
        r.notes.push(format!(
            "« {part} » : sauf jours fériés ou vacances, sans effet sur la semaine type"
        ));
    }
    if !c.lone.is_empty() {
        if c.ranges.is_empty() && c.lone.len().is_multiple_of(2) {
            // `9h 12h 14h 17h`, `8:30 11:30`: times by pairs are ranges.
            r.notes.push(format!(
                "« {part} » : heures écrites par paires, lues comme des plages"
            ));
            let pairs: Vec<(u32, u32)> = c
                .lone
                .chunks(2)
                .filter_map(|p| Some((*p.first()?, *p.get(1)?)))
                .collect();
            c.ranges.extend(pairs);
        } else if osm {
            // A point in time: the offer happens then, for a minute at least.
            r.notes.push(format!(
                "« {part} » : heures ponctuelles, comptées chacune pour une minute"
            ));
            let points: Vec<(u32, u32)> = c.lone.iter().map(|&t| (t, t + 1)).collect();
            c.ranges.extend(points);
        } else {
            c.unknown.push("heure seule".into());
        }
    }
    let unknown = !c.unknown.is_empty();
    if c.repeat {
        r.notes.push(format!(
            "« {part} » : intervalle de répétition dans la plage, sans effet sur elle"
        ));
    }
    if c.closed {
        // Anything else in a closure (« vendredi jusqu'à 15h30 », a lone time, days on both
        // sides of « sauf ») makes it unsure: reported, never subtracted.
        let unsure =
            c.until_only || !c.lone.is_empty() || (c.any_day && c.except.iter().any(|x| *x));
        if c.conditional || c.ph || c.sh || (osm && sep == Sep::Additional) {
            r.notes.push(format!(
                "« {part} » : fermeture certains jours de l'année ; la semaine type garde ses horaires (lecture prudente)"
            ));
            r.placed = true;
            return;
        }
        if !c.any_day && c.except.iter().any(|x| *x) {
            // « sauf jeudi après-midi, fermé au public »: the days after « sauf » are closed.
            c.days = c.except;
            c.any_day = true;
            c.period = c.except_period.or(c.period);
        }
        if !c.any_day && c.ranges.is_empty() && !osm {
            r.notes.push(format!("« {part} » : fermé, rien à ajouter"));
            r.placed = true;
            return;
        }
        if unknown || unsure || c.session || (!osm && !c.ranges.is_empty()) {
            r.unplaced.push(part.to_string());
            return;
        }
        r.notes.push(format!(
            "« {part} » : fermeture, retirée des horaires de la semaine"
        ));
        if osm {
            let days = if c.any_day { c.days } else { [true; 7] };
            subtract(r, &Clause { days, ..c });
        } else {
            closures.push(c);
        }
        r.placed = true;
        return;
    }
    if c.ranges.is_empty()
        && osm
        && !unknown
        && !c.session
        && (c.any_day || c.conditional || c.ph || c.sh || c.open_word)
    {
        // OpenStreetMap: a selector without hours is open the whole day.
        r.notes
            .push(format!("« {part} » : sans heure, ouvert toute la journée"));
        c.ranges.push((0, DAY));
    }
    if c.ranges.is_empty() && c.conditional && !c.any_day && !unknown && !c.session && !c.ph {
        // « (2e et 4e du mois) », « (hors vacances) »: a restriction of the hours around it,
        // which may hold any week; those hours stay counted.
        r.notes.push(format!(
            "« {part} » : restriction à certaines semaines ou périodes, les horaires restent comptés (lecture prudente)"
        ));
        r.placed = true;
        return;
    }
    if c.ranges.is_empty() {
        if c.session || c.period.is_some() || (c.any_day && !unknown && !c.conditional) {
            // Days without hours, sessions, « le mercredi matin »: the hours are to be asked.
            r.pending.push(part.to_string());
        } else if c.except_ph && !c.any_day && !unknown {
            // « sauf jours fériés » alone: a note is enough.
        } else {
            r.unplaced.push(part.to_string());
        }
        return;
    }
    // Hours to place.
    let days = if c.ph || !c.any_day {
        // Hours without days hold every day; a public holiday may fall on any weekday.
        if c.ph && c.any_day {
            r.notes.push(format!("« {part} » : les jours fériés peuvent tomber n'importe quel jour, leurs horaires comptent pour toute la semaine"));
        } else if !c.any_day && !c.ph {
            r.notes.push(format!(
                "« {part} » : horaires sans jour, lus pour tous les jours"
            ));
        }
        [true; 7]
    } else {
        c.days
    };
    let days = if c.shifted {
        r.notes.push(format!(
            "« {part} » : jour décalé, compté tous les jours (lecture prudente)"
        ));
        [true; 7]
    } else {
        days
    };
    if c.conditional || c.sh {
        r.notes.push(format!("« {part} » : horaires de certaines périodes seulement, comptés dans la semaine type (lecture prudente)"));
    }
    let override_days =
        osm && sep != Sep::Additional && !c.conditional && !c.sh && !c.ph && c.any_day;
    if override_days {
        clear(r, &days, None, false);
    }
    add(r, &days, &c.ranges);
    if let Some(p) = c.except_period {
        if has_except_days {
            clear(r, &c.except, Some(p), c.period_word);
        } else {
            r.unplaced.push(part.to_string());
        }
    }
    r.placed = true;
    if unknown {
        r.unplaced.push(part.to_string());
    } else if c.session {
        r.notes.push(format!(
            "« {part} » : sur rendez-vous ou par sessions, aux heures dites"
        ));
    }
}
