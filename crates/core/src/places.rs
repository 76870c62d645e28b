//! Places as a counsellor types them: a name with or without accents and hyphens, an
//! arrondissement in its short form (« Lyon 3 », « Paris 15e »), an INSEE code, a postal code,
//! a département. Used by the ban, residence and release fields of the app and by the command
//! line. A value that could mean several places is never read silently: the caller gets every
//! reading and asks.

use crate::lang::Lang;
use crate::model::is_commune_code;
use crate::refdata::{Commune, PlaceKind, RefData};
use crate::text::{de, fold, name_key};
use serde::Serialize;

/// How a candidate was read from what was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    Departement,
    /// An INSEE commune code.
    Insee,
    PostalCode,
    Name,
    /// « Lyon 3e », « Paris 15 ».
    Arrondissement,
    /// A département, read from the name of its région (« Île-de-France »).
    Region,
}

/// One place a typed value may mean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The INSEE code to keep in the profile: a département (`93`) or a commune (`69383`).
    pub code: String,
    /// « Lyon 3e Arrondissement (69383) ».
    pub label: String,
    /// What it is and how it was read, in French: « code postal 69003 », « commune déléguée
    /// d'Annecy (74010) ».
    pub note: String,
    pub reading: Reading,
}

/// What a typed place means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "candidates", rename_all = "snake_case")]
pub enum PlaceMatch {
    /// One place: keep its code.
    Unique(Candidate),
    /// Several readings (a postal code that is also an INSEE code, a name shared by several
    /// communes): show them and ask.
    Ambiguous(Vec<Candidate>),
    /// Nothing known: see [`suggest_places`].
    Unknown,
}

impl PlaceMatch {
    pub fn unique(&self) -> Option<&Candidate> {
        match self {
            PlaceMatch::Unique(c) => Some(c),
            _ => None,
        }
    }
    pub fn candidates(&self) -> &[Candidate] {
        match self {
            PlaceMatch::Unique(c) => std::slice::from_ref(c),
            PlaceMatch::Ambiguous(v) => v,
            PlaceMatch::Unknown => &[],
        }
    }
}

fn kind_note(rd: &RefData, c: &Commune) -> String {
    let parent = c.parent.as_deref().filter(|p| *p != c.code);
    let of = |what: &str| {
        parent
            .map(|p| format!("{what} {}", de(&rd.place_name(p))))
            .unwrap_or_else(|| what.to_string())
    };
    match (c.kind, parent) {
        (PlaceKind::Arrondissement, _) => of("arrondissement"),
        (PlaceKind::Deleguee, Some(_)) => of("commune déléguée"),
        (PlaceKind::Associee, Some(_)) => parent.map_or_else(String::new, |p| {
            format!("commune associée à {}", rd.place_name(p))
        }),
        (PlaceKind::Deleguee | PlaceKind::Associee, None) => {
            // Same code as its commune nouvelle, another name.
            let now = rd
                .commune(&c.code)
                .map(|n| n.name.clone())
                .unwrap_or_default();
            format!("ancienne commune, aujourd'hui {now}")
        }
        (PlaceKind::Commune, _) => format!(
            "commune, {}",
            rd.place_name(&rd.departement_code_of(&c.code))
        ),
    }
}

fn commune_candidate(rd: &RefData, c: &Commune, reading: Reading, how: &str) -> Candidate {
    let note = kind_note(rd, c);
    Candidate {
        code: c.code.clone(),
        label: format!("{} ({})", c.name, c.code),
        note: if how.is_empty() {
            note
        } else {
            format!("{how}, {note}")
        },
        reading,
    }
}

fn departement_candidate(rd: &RefData, code: &str) -> Option<Candidate> {
    rd.departement(code).map(|d| Candidate {
        code: d.code.clone(),
        label: format!("{} ({})", d.name, d.code),
        note: "département".into(),
        reading: Reading::Departement,
    })
}

/// The arrondissement of « Lyon 3 », « Lyon 3e », « Lyon 3ème », « Paris 1er », « Marseille 9
/// arrondissement »: its INSEE code.
pub(crate) fn arrondissement_code(text: &str) -> Option<String> {
    let f = fold(text);
    let mut words = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let city = words.next()?;
    let (base, max) = match city {
        "paris" => (75100, 20),
        "lyon" => (69380, 9),
        "marseille" => (13200, 16),
        _ => return None,
    };
    let num = words.next()?;
    let digits: String = num.chars().take_while(|c| c.is_ascii_digit()).collect();
    // « Paris XVe », « Lyon VIIe »: the number in Roman numerals, as French writes them.
    let (n, suffix) = if digits.is_empty() {
        let roman: String = num.chars().take_while(|c| "ivx".contains(*c)).collect();
        (roman_number(&roman)?, num.get(roman.len()..).unwrap_or(""))
    } else {
        (digits.parse().ok()?, num.get(digits.len()..).unwrap_or(""))
    };
    if !matches!(suffix, "" | "e" | "eme" | "er" | "ere" | "em" | "me") {
        return None;
    }
    if !words.all(|w| matches!(w, "arrondissement" | "arr" | "ardt" | "arrdt")) {
        return None;
    }
    (1..=max).contains(&n).then(|| (base + n).to_string())
}

/// A small number in Roman numerals (« xviii » → 18), by the usual rule: a smaller numeral
/// before a larger one is taken away.
fn roman_number(r: &str) -> Option<u32> {
    let value = |c: char| match c {
        'i' => 1i32,
        'v' => 5,
        _ => 10,
    };
    // At most a few letters: the sum stays small.
    if r.len() > 8 {
        return None;
    }
    let mut total = 0i32;
    let mut chars = r.chars().peekable();
    while let Some(c) = chars.next() {
        let v = value(c);
        match chars.peek() {
            Some(&n) if value(n) > v => total -= v,
            _ => total += v,
        }
    }
    u32::try_from(total).ok().filter(|n| *n > 0)
}

/// Read what was typed in a place field. Codes chosen from the suggestions (« Bobigny
/// (93008) ») are read as written; a 5-digit value is read both as an INSEE code and as a
/// postal code, and is unique only when one reading exists.
pub fn resolve_place_input(rd: &RefData, text: &str) -> PlaceMatch {
    let t = text.trim();
    if t.is_empty() {
        return PlaceMatch::Unknown;
    }
    // « Nom (CODE) », as the suggestions write it.
    if let Some((name, code)) = t
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .map(|(n, c)| (n.trim(), c.trim()))
    {
        // « Saint-Denis (974) » names a commune in La Réunion, not the département.
        let named_itself = |nom: &str| name.is_empty() || name_key(name) == name_key(nom);
        if let Some(c) = departement_candidate(rd, &code.to_ascii_uppercase()).filter(|_| {
            rd.departement(&code.to_ascii_uppercase())
                .is_some_and(|d| named_itself(&d.name))
        }) {
            return PlaceMatch::Unique(c);
        }
        if let Some(c) = rd.commune(&code.to_ascii_uppercase()) {
            return PlaceMatch::Unique(commune_candidate(rd, c, Reading::Insee, ""));
        }
    }
    // « Saint-Denis (La Réunion) », « Rhône, département »: a place as the page names it.
    if let Some(m) = plain_name_reading(rd, t) {
        return m;
    }
    if let Some(m) = code_and_name(rd, t) {
        return m;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    // Digits, with at most one letter (2A, 2B): « Lyon3 » is a name.
    let is_code = !compact.is_empty()
        && compact.chars().count() <= 5
        && compact.chars().all(|c| c.is_ascii_alphanumeric())
        && compact.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 1
        && compact.chars().any(|c| c.is_ascii_digit());
    if is_code {
        let up = compact.to_ascii_uppercase();
        if up.len() <= 3 {
            return match rd
                .resolve_departement(&up)
                .and_then(|d| departement_candidate(rd, &d))
            {
                Some(c) => PlaceMatch::Unique(c),
                None => PlaceMatch::Unknown,
            };
        }
        let code = if up.len() == 4 { format!("0{up}") } else { up };
        return from_candidates(code_readings(rd, &code));
    }
    if let Some(code) = arrondissement_code(t) {
        if let Some(c) = rd.commune(&code) {
            return PlaceMatch::Unique(commune_candidate(rd, c, Reading::Arrondissement, ""));
        }
    }
    from_candidates(name_readings(rd, t))
}

/// A name without its article (« La Réunion » → « Réunion »).
fn without_article(name: &str) -> &str {
    ["La ", "Le ", "Les ", "L'", "L’"]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .unwrap_or(name)
}

/// A code followed by its name, as lists write them (« 93 - Seine-Saint-Denis », « 93008
/// Bobigny », « 2A – Corse-du-Sud »), or a département introduced by the word (« département
/// 93 », « dépt. du Rhône »): the code and the name read apart. `None`: not that shape.
fn code_and_name(rd: &RefData, t: &str) -> Option<PlaceMatch> {
    let folded = crate::text::fold(t);
    for word in ["departement", "dept", "dep", "dpt"] {
        if let Some(rest) = folded.strip_prefix(word) {
            // The word ends there: « deportes » is not « dép. ortes ».
            if rest.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let rest = rest.trim_start_matches(['.', ' ', ':']);
            let rest = ["du ", "de la ", "de l'", "des ", "de "]
                .iter()
                .find_map(|a| rest.strip_prefix(a))
                .unwrap_or(rest);
            let d = rd.resolve_departement(rest.trim())?;
            return departement_candidate(rd, &d).map(PlaceMatch::Unique);
        }
    }
    let (code, name) = t.split_once([' ', '-', '–', '—', ':', ','])?;
    let name = name
        .trim_start_matches([' ', '-', '–', '—', ':', ','])
        .trim();
    let code = code.trim().to_ascii_uppercase();
    let code_like = (2..=5).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric())
        && code.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 1
        && code.chars().any(|c| c.is_ascii_digit());
    if !code_like || name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let key = name_key(name);
    let by_code = if code.len() <= 3 {
        let d = rd.resolve_departement(&code)?;
        let dep = rd.departement(&d)?;
        (name_key(&dep.name) == key || name_key(without_article(&dep.name)) == key)
            .then(|| departement_candidate(rd, &d))
            .flatten()
    } else {
        rd.commune(&code)
            .filter(|c| name_key(&c.name) == key)
            .map(|c| commune_candidate(rd, c, Reading::Insee, ""))
    };
    Some(match by_code {
        Some(c) => PlaceMatch::Unique(c),
        // The code and the name disagree: both readings, to choose from (a ban on such a text
        // bans both, `validation::resolve_places`).
        None => {
            let readings = |text: &str| match resolve_place_input(rd, text) {
                PlaceMatch::Unique(c) => vec![c],
                PlaceMatch::Ambiguous(v) => v,
                PlaceMatch::Unknown => Vec::new(),
            };
            let mut named = readings(name);
            // « 13 rue de la Paix » is an address, not a place with its code.
            if named.is_empty() {
                return None;
            }
            // The name's readings in the code's département, when it has some there.
            let dep = rd
                .resolve_departement(&code)
                .unwrap_or_else(|| rd.departement_code_of(&code));
            let inside = |c: &Candidate| rd.departement_code_of(&c.code) == dep;
            if named.iter().any(inside) {
                named.retain(inside);
                // « 69 Lyon », « 93 Saint-Denis »: the commune, in that département.
                if code.len() <= 3 {
                    return Some(from_candidates(named));
                }
            }
            let mut both = readings(&code);
            both.extend(named);
            from_candidates(both)
        }
    })
}

/// A place written as [`RefData::place_name_plain`] names it, in either language (case,
/// accents and spaces aside): the one place of that name, or nothing. Only text with a
/// qualifier (« (…) », « , … ») is read here: a bare name keeps its every reading.
fn plain_name_reading(rd: &RefData, t: &str) -> Option<PlaceMatch> {
    if !(t.ends_with(')') || t.contains(',')) {
        return None;
    }
    // The name: after a postal code (« 97400 Saint-Denis (La Réunion) »), before the
    // qualifiers; a name may hold brackets itself (« Château-Chinon (Ville) (Nièvre) »).
    let rest = match t.split_once(' ') {
        Some((cp, rest)) if cp.len() == 5 && cp.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => t,
    };
    let head = rest.split(',').next().unwrap_or(rest).trim();
    let mut names = vec![head];
    let mut h = head;
    while let Some((before, _)) = h.rsplit_once('(') {
        h = before.trim_end();
        names.push(h);
    }
    let mut codes: Vec<String> = Vec::new();
    for n in names {
        let k = name_key(n);
        if k.is_empty() {
            continue;
        }
        codes.extend(rd.by_name_key(&k).map(|c| c.code.clone()));
        // A département's name has a qualifier only as « Doubs, département ».
        if t.contains(',') {
            codes.extend(
                rd.departements
                    .iter()
                    .filter(|d| name_key(&d.name) == k)
                    .map(|d| d.code.clone()),
            );
        }
    }
    let want = fold(t);
    let mut found: Vec<Candidate> = Vec::new();
    for code in codes {
        if found.iter().any(|c| c.code == code)
            || !Lang::ALL
                .iter()
                .any(|l| fold(&rd.place_name_plain(&code, *l)) == want)
        {
            continue;
        }
        let candidate = match rd.commune(&code) {
            Some(c) => Some(commune_candidate(rd, c, Reading::Name, "")),
            None => departement_candidate(rd, &code),
        };
        found.extend(candidate);
    }
    match from_candidates(found) {
        PlaceMatch::Unknown => None,
        m => Some(m),
    }
}

fn from_candidates(mut v: Vec<Candidate>) -> PlaceMatch {
    let mut seen = std::collections::HashSet::new();
    v.retain(|c| seen.insert(c.code.clone()));
    match v.len() {
        0 => PlaceMatch::Unknown,
        1 => v.pop().map_or(PlaceMatch::Unknown, PlaceMatch::Unique),
        _ => PlaceMatch::Ambiguous(v),
    }
}

/// A 5-character code as an INSEE code and as a postal code.
fn code_readings(rd: &RefData, code: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    if let Some(c) = rd.commune(code) {
        out.push(commune_candidate(rd, c, Reading::Insee, "code INSEE"));
    }
    let served: Vec<&Commune> = rd.by_postal_code(code).collect();
    let how = format!("code postal {code}");
    for c in &served {
        // A city and one of its parts behind the same postal code: the part is the place.
        let has_part_here = served
            .iter()
            .any(|p| p.parent.as_deref() == Some(c.code.as_str()) && p.code != c.code);
        if !has_part_here {
            out.push(commune_candidate(rd, c, Reading::PostalCode, &how));
        }
    }
    if out.is_empty() && rd.communes.is_empty() {
        // Without the commune list a well-formed code is taken as INSEE, as before.
        if let Some(c) = rd.resolve_commune(code) {
            out.push(Candidate {
                label: rd.place_name(&c),
                note: "code INSEE (liste des communes non chargée)".into(),
                code: c,
                reading: Reading::Insee,
            });
        }
    }
    out
}

/// A name: départements and communes (arrondissements, former communes included); « Paris »
/// is the commune, whose territory is the département's.
fn name_readings(rd: &RefData, text: &str) -> Vec<Candidate> {
    let k = name_key(text);
    let mut out = Vec::new();
    let mut communes: Vec<&Commune> = rd.by_name_key(&k).collect();
    // « Saint-Denis 93 », « Saint-Denis (974) »: a département after the name narrows it.
    if communes.is_empty() {
        if let Some((name, dep)) = text.trim().trim_end_matches(')').rsplit_once([' ', '(']) {
            if let Some(d) = rd.resolve_departement(dep.trim()) {
                communes = rd
                    .by_name_key(&name_key(name))
                    .filter(|c| c.departement == d)
                    .collect();
            }
        }
    }
    crate::order::sort_by_key(&mut communes, |c| {
        (c.kind != PlaceKind::Commune, c.code.clone())
    });
    let has_paris = communes.iter().any(|c| c.code == "75056");
    // « Réunion » for « La Réunion »: a département or région named without its article.
    let named =
        |name: &str, key: &str| name_key(name) == key || name_key(without_article(name)) == key;
    for d in &rd.departements {
        if named(&d.name, &k) && !(d.code == "75" && has_paris) {
            out.extend(departement_candidate(rd, &d.code));
        }
    }
    // A région (« Île-de-France », « région Bretagne »): a ban on a région is a ban on each of
    // its départements. The page offers them one by one; a profile written by hand bans them
    // all (`validation::resolve_places`).
    let region = k
        .strip_prefix("region")
        .filter(|r| !r.is_empty())
        .unwrap_or(&k);
    let is_region = |r: &crate::refdata::Region| {
        named(&r.name, region)
            || r.abbreviations
                .split_whitespace()
                .any(|a| name_key(a) == region)
    };
    for r in rd.regions.iter().filter(|r| is_region(r)) {
        out.extend(
            rd.departements
                .iter()
                .filter(|d| d.region_code == r.code)
                .map(|d| Candidate {
                    code: d.code.clone(),
                    label: format!("{} ({})", d.name, d.code),
                    note: format!("département de la région {}", r.name),
                    reading: Reading::Region,
                }),
        );
    }
    out.extend(
        communes
            .into_iter()
            .map(|c| commune_candidate(rd, c, Reading::Name, "")),
    );
    out
}

/// Suggestions for a place field: départements and communes whose name or code matches what
/// was typed, exact first, then by prefix, then close spellings; at most `limit`.
pub fn suggest_places(rd: &RefData, text: &str, limit: usize) -> Vec<Candidate> {
    let t = text.trim();
    if t.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut out: Vec<Candidate> = match resolve_place_input(rd, t) {
        PlaceMatch::Unique(c) => vec![c],
        PlaceMatch::Ambiguous(v) => v,
        PlaceMatch::Unknown => Vec::new(),
    };
    let k = name_key(t);
    if k.is_empty() {
        out.truncate(limit);
        return out;
    }
    let by_code = k.chars().any(|c| c.is_ascii_digit());
    let push = |out: &mut Vec<Candidate>, c: Candidate| {
        if out.len() < limit && !out.iter().any(|x| x.code == c.code) {
            out.push(c);
        }
    };
    // Prefixes: départements, then current communes, then their parts.
    for d in &rd.departements {
        let hit = if by_code {
            d.code.to_lowercase().starts_with(&k)
        } else {
            name_key(&d.name).starts_with(&k)
        };
        if hit {
            if let Some(c) = departement_candidate(rd, &d.code) {
                push(&mut out, c);
            }
        }
    }
    let mut prefixed: Vec<(usize, &Commune)> = rd
        .communes
        .iter()
        .zip(&rd.name_keys)
        .filter(|(c, nk)| {
            if by_code {
                c.code.to_lowercase().starts_with(&k)
                    || c.postal_codes.iter().any(|p| p.starts_with(&k))
            } else {
                nk.starts_with(&k)
            }
        })
        .map(|(c, nk)| (nk.len(), c))
        .collect();
    if by_code {
        // INSEE codes first, then postal codes, each in code order.
        crate::order::sort_by_key(&mut prefixed, |(_, c)| {
            let insee = c.code.to_lowercase().starts_with(&k);
            let postal = c.postal_codes.iter().find(|p| p.starts_with(&k)).cloned();
            (
                !insee,
                if insee {
                    c.code.clone()
                } else {
                    postal.unwrap_or_default()
                },
                c.code.clone(),
            )
        });
    } else {
        crate::order::sort_by_key(&mut prefixed, |(n, c)| {
            (c.kind != PlaceKind::Commune, *n, c.code.clone())
        });
    }
    for (_, c) in prefixed {
        if out.len() >= limit {
            break;
        }
        let postal = c.postal_codes.iter().find(|p| p.starts_with(&k));
        let candidate = match postal {
            Some(p) if by_code && !c.code.to_lowercase().starts_with(&k) => {
                commune_candidate(rd, c, Reading::PostalCode, &format!("code postal {p}"))
            }
            _ if by_code => commune_candidate(rd, c, Reading::Insee, "code INSEE"),
            _ => commune_candidate(rd, c, Reading::Name, ""),
        };
        push(&mut out, candidate);
    }
    // Close spellings, only when there is room and the text is a word of some length; among
    // the names with the same first letter (a typo rarely hits it), which keeps a keystroke
    // to a few milliseconds.
    let first = k.chars().next();
    if out.len() < limit && !by_code && k.chars().count() >= 4 {
        let mut close: Vec<(u32, &Commune)> = rd
            .communes
            .iter()
            .zip(&rd.name_keys)
            .filter(|(_, nk)| nk.chars().next() == first)
            .filter_map(|(c, nk)| {
                let s = strsim::jaro_winkler(&k, nk);
                (s >= 0.9).then_some(((s * 1000.0) as u32, c))
            })
            .collect();
        crate::order::sort_by_key(&mut close, |(s, c)| (std::cmp::Reverse(*s), c.code.clone()));
        for (_, c) in close {
            push(&mut out, commune_candidate(rd, c, Reading::Name, ""));
        }
    }
    out
}

/// Places named for a person, without a code, and told apart by words.
impl RefData {
    /// A place as the page names it, with no code: « Saint-Denis (Seine-Saint-Denis) »,
    /// « Saint-Denis (La Réunion) », « Lyon 3e Arrondissement (Rhône) »; a département by its
    /// name (« Rhône »), « Doubs, département » when a commune has the same name. Where two
    /// communes of one département share a name, the former commune says so (« Bernwiller
    /// (Haut-Rhin), ancienne commune de Bernwiller ») and a current one gets its postal code
    /// (« 68210 Bernwiller (Haut-Rhin) »). [`resolve_place_input`] reads every such name back
    /// to its code. Without the commune list, a commune code can only be shown as it is,
    /// with its département.
    pub fn place_name_plain(&self, code: &str, lang: Lang) -> String {
        if !is_commune_code(code) {
            return match self.departement(code) {
                Some(d) if self.by_name_key(&name_key(&d.name)).next().is_some() => {
                    format!("{}, département", d.name)
                }
                Some(d) => d.name.clone(),
                None => match lang {
                    Lang::Fr => format!("département {code}"),
                    Lang::En => format!("département {code}"),
                },
            };
        }
        let dep_code = self.departement_code_of(code);
        let dep = self
            .departement(&dep_code)
            .map_or(dep_code.clone(), |d| d.name.clone());
        let Some(c) = self.commune(code) else {
            return format!("commune {code} ({dep})");
        };
        let named = format!("{} ({dep})", c.name);
        // Places of the same name in the same département, under another code.
        let part_of = |o: &Commune| o.parent.clone().filter(|p| *p != o.code);
        let mut twins = self
            .by_name_key(&name_key(&c.name))
            .filter(|o| o.code != c.code && self.departement_code_of(&o.code) == dep_code);
        match part_of(c) {
            // A former commune or an arrondissement says what it now belongs to.
            Some(p) if twins.next().is_some() => {
                let now = self.commune(&p).map_or(p.clone(), |n| n.name.clone());
                match lang {
                    Lang::Fr => format!("{named}, ancienne commune {}", de(&now)),
                    Lang::En => format!("{named}, former commune, part of {now}"),
                }
            }
            // Two current communes: their postal codes, as on an address.
            None if twins.any(|o| part_of(o).is_none()) => match c.postal_codes.first() {
                Some(cp) => format!("{cp} {named}"),
                None => named,
            },
            _ => named,
        }
    }

    /// What a reading of a typed place is, in words and without a code, beside its
    /// [`RefData::place_name_plain`] in a list of choices: « arrondissement de Lyon, par son
    /// code postal », « département », « commune déléguée d'Annecy ».
    pub fn place_note_plain(&self, code: &str, reading: Reading, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let name = |p: &str| self.commune(p).map_or(p.to_string(), |n| n.name.clone());
        let region = || {
            self.region_of(code)
                .and_then(|r| self.region(r))
                .map_or(String::new(), |r| r.name.clone())
        };
        let what = match self.commune(code) {
            None if reading == Reading::Region && fr => {
                format!("département de la région {}", region())
            }
            None if reading == Reading::Region => format!("department of the {} region", region()),
            None if !is_commune_code(code) => "département".to_string(),
            None => "commune".to_string(),
            Some(c) => match (c.kind, c.parent.as_deref().filter(|p| *p != c.code)) {
                (PlaceKind::Arrondissement, Some(p)) if fr => {
                    format!("arrondissement {}", de(&name(p)))
                }
                (PlaceKind::Arrondissement, Some(p)) => format!("arrondissement of {}", name(p)),
                (PlaceKind::Deleguee, Some(p)) if fr => {
                    format!("commune déléguée {}", de(&name(p)))
                }
                (PlaceKind::Associee, Some(p)) if fr => {
                    format!("commune associée à {}", name(p))
                }
                (PlaceKind::Deleguee | PlaceKind::Associee, Some(p)) => {
                    format!("former commune, now part of {}", name(p))
                }
                (PlaceKind::Deleguee | PlaceKind::Associee, None) if fr => {
                    format!("ancienne commune, aujourd'hui {}", c.name)
                }
                (PlaceKind::Deleguee | PlaceKind::Associee, None) => {
                    format!("former commune, now {}", c.name)
                }
                _ => "commune".to_string(),
            },
        };
        let how = match (reading, fr) {
            (Reading::PostalCode, true) => ", par son code postal",
            (Reading::PostalCode, false) => ", by its postal code",
            (Reading::Insee, true) => ", par son code INSEE",
            (Reading::Insee, false) => ", by its INSEE code",
            _ => "",
        };
        format!("{what}{how}")
    }
}

/// Place hints on the reference data itself, here rather than in `refdata.rs` because they
/// read typed places (the layer above the reference data).
impl RefData {
    /// For a value that is no commune code: what it could mean (« : peut-être Paris 15e
    /// Arrondissement (75115), code postal 75015 »), or nothing.
    pub fn commune_hint(&self, written: &str) -> String {
        let m = resolve_place_input(self, written);
        let list: Vec<String> = m
            .candidates()
            .iter()
            .filter(|c| is_commune_code(&c.code))
            .take(4)
            .map(|c| format!("{}, {}", c.label, c.note))
            .collect();
        if list.is_empty() {
            String::new()
        } else {
            format!(" ; peut-être : {}", list.join(" ; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_accents_hyphens_or_abbreviations() {
        assert_eq!(name_key("Saint-Denis"), name_key("saint denis"));
        assert_eq!(name_key("St Denis"), name_key("SAINT-DENIS"));
        assert_eq!(name_key("L'Île-Saint-Denis"), "lilesaintdenis");
    }

    #[test]
    fn arrondissements_in_short_forms() {
        for (t, c) in [
            ("Lyon 3", "69383"),
            ("Lyon 3e", "69383"),
            ("lyon 3ème", "69383"),
            ("Paris 15e", "75115"),
            ("Paris 1er arrondissement", "75101"),
            ("Marseille 9", "13209"),
        ] {
            assert_eq!(arrondissement_code(t).as_deref(), Some(c), "{t}");
        }
        assert_eq!(arrondissement_code("Lyon 10"), None);
        assert_eq!(arrondissement_code("Lyon"), None);
        assert_eq!(arrondissement_code("Sète 3"), None);
    }
}
