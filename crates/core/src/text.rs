//! Text folding shared by header matching, vocabulary look-up and skill matching.
//! French spreadsheets mix case, accents and stray spaces: everything that compares words
//! goes through here so that « Compétences », "competences " and "COMPETENCES" agree.

/// Lowercase, strip accents, trim and collapse inner spaces.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        fold_ascii(s)
    } else {
        fold_chars(s)
    }
}

/// [`fold`] character by character.
fn fold_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining accent typed separately (decomposed input): dropped like the others.
            continue;
        }
        if let Some(base) = strip_accent(c) {
            last_space = false;
            out.push_str(base);
            continue;
        }
        // Typographic apostrophes and dashes from word processors behave like their ASCII forms.
        let c = match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        last_space = false;
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`fold`] of an ASCII text, byte by byte (the usual cell: a code, a skill, a name without
/// accent): the same result, without decoding characters.
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for b in s.bytes() {
        // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, CR, space.
        if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        last_space = false;
        out.push(char::from(b.to_ascii_lowercase()));
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The unaccented lowercase form of an accented Latin letter (Latin-1 Supplement and Latin
/// Extended-A, which cover French and the names of the catalogue). A table rather than full
/// Unicode normalisation: that crate weighed 125 KB in the browser bundle for this one use. The
/// tests check the table against Unicode's own decompositions.
fn strip_accent(c: char) -> Option<&'static str> {
    const LATIN1: [&str; 64] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",
        "i", // C0–CF
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th",
        "ss", // D0–DF
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",
        "i", // E0–EF
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th",
        "y", // F0–FF
    ];
    // Latin Extended-A, U+0100–U+017F, by pairs (capital, small) except where noted.
    const EXT_A: [&str; 128] = [
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", // 100
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", // 110
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", // 120
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l",
        "l", // 130
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", // 140
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s",
        "s", // 150
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", // 160
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", // 170
    ];
    match c as u32 {
        0xC0..=0xFF if c != '\u{d7}' && c != '\u{f7}' => {
            LATIN1.get((c as usize).saturating_sub(0xC0)).copied()
        }
        0x100..=0x17F => EXT_A.get((c as usize).saturating_sub(0x100)).copied(),
        _ => None,
    }
}

/// A key for header and code matching: folded, with spaces, `_`, `-`, `'` and `.` removed.
pub fn key(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\'' | '.'))
        .collect()
}

/// A kebab-case slug (used to accept an establishment written by its name).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Do two everyday skill words name the same thing? Case and accents are ignored, one may
/// contain the other as whole words ("cuisine" / "cuisine collective"), and small typos are
/// tolerated ("cusine", "manutension").
pub fn skills_match(a: &str, b: &str) -> bool {
    skills_match_folded(&fold(a), &fold(b))
}

/// [`skills_match`] on words already passed through [`fold`] (the matcher folds each once).
pub fn skills_match_folded(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 4 && contains_words(long, short) {
        return true;
    }
    // Short words are too easily confused ("vente" / "vérité"): only longer ones get typo
    // tolerance, through the optimal-string-alignment distance (a swap counts as one typo).
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 5 || lb < 5 || la.abs_diff(lb) > 2 {
        return false;
    }
    let max = la.max(lb);
    let dist = strsim::osa_distance(a, b);
    (1.0 - dist as f64 / max as f64) >= 0.8
}

/// Is `short` a run of whole words inside `long`?
fn contains_words(long: &str, short: &str) -> bool {
    let mut from = 0;
    while let Some(i) = long.get(from..).and_then(|rest| rest.find(short)) {
        let start = from + i;
        let end = start + short.len();
        // `find` gives character boundaries, so `get` only fails on a bug: then no match.
        let before_ok = long
            .get(..start)
            .and_then(|s| s.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = long
            .get(end..)
            .and_then(|s| s.chars().next())
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = start + short.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// « de Lyon », « d'Annecy », « du Havre », « des Mureaux ».
pub fn de(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = name.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let vowel = name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYHÉÈÊÎÏÔÂaeiouyhéèêîïôâ".contains(c));
    if vowel {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

/// « à » before an establishment's name, with its article: « au Centre pénitentiaire de
/// Fresnes », « à la Maison d'arrêt de Nantes », « à l'Établissement pour mineurs de Lavaur »;
/// a town's name as it is (« à Fresnes »).
pub fn at_establishment(name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or_default();
    match first {
        "Centre" | "Quartier" => format!("au {name}"),
        "Maison" => format!("à la {name}"),
        _ if first.starts_with(['É', 'E']) => format!("à l'{name}"),
        _ => format!("à {name}"),
    }
}

/// A name reduced for comparison: folded, `-`/`'`/punctuation as spaces, `st`/`ste` as
/// `saint`/`sainte`, words joined without spaces (« saint denis » = « Saint-Denis » =
/// « St Denis »).
pub fn name_key(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    for w in f.split(|c: char| !c.is_alphanumeric()) {
        out.push_str(match w {
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        });
    }
    out
}

/// A code as the catalogue loader stores it: folded, spaces and dashes as `_`.
pub fn code_key(s: &str) -> String {
    fold(s).replace([' ', '-'], "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_reads_ascii_byte_by_byte_as_it_reads_characters() {
        // Every ASCII character, alone, doubled, between letters and around spaces.
        for b in 0u8..=127 {
            let c = char::from(b);
            for s in [
                format!("{c}"),
                format!("{c}{c}"),
                format!("A{c}b"),
                format!(" {c} x {c}"),
                format!("Éte{c}"),
            ] {
                assert_eq!(fold(&s), fold_chars(&s), "{s:?}");
                if s.is_ascii() {
                    assert_eq!(fold_ascii(&s), fold_chars(&s), "{s:?}");
                }
            }
        }
        assert_eq!(fold("  Soudure \t ARC\n "), "soudure arc");
    }

    #[test]
    fn fold_removes_case_accents_and_extra_spaces() {
        assert_eq!(fold("  Compétences   Clés "), "competences cles");
        assert_eq!(fold("ÉTABLISSEMENTS"), "etablissements");
        assert_eq!(fold("l’atelier"), "l'atelier");
    }

    #[test]
    fn the_accent_table_agrees_with_unicode_decompositions() {
        use unicode_normalization::UnicodeNormalization;
        for cp in 0xC0u32..=0x17F {
            let Some(c) = char::from_u32(cp).filter(|c| c.is_alphabetic()) else {
                continue;
            };
            let nfd: String = c
                .to_lowercase()
                .collect::<String>()
                .nfd()
                .filter(|m| !unicode_normalization::char::is_combining_mark(*m))
                .collect();
            let table = fold(&c.to_string());
            if nfd.chars().all(|x| x.is_ascii_lowercase()) {
                assert_eq!(table, nfd, "U+{cp:04X} {c}");
            } else {
                // No decomposition (æ, ø, ß, đ, ł…): the table gives a readable ASCII form.
                assert!(
                    table.chars().all(|x| x.is_ascii_lowercase()),
                    "U+{cp:04X} {c} → {table}"
                );
            }
        }
        assert_eq!(
            fold("e\u{301}te\u{301}"),
            "ete",
            "decomposed accents are dropped too"
        );
        assert_eq!(fold("Œuvre ÆLIGNÉ"), "oeuvre aeligne");
    }

    #[test]
    fn key_ignores_separators() {
        assert_eq!(key("Activités réglementées"), "activitesreglementees");
        assert_eq!(key("date_maj"), "datemaj");
        assert_eq!(key("Date MAJ"), "datemaj");
    }

    #[test]
    fn at_an_establishment_with_its_article() {
        assert_eq!(
            at_establishment("Centre pénitentiaire de Fresnes"),
            "au Centre pénitentiaire de Fresnes"
        );
        assert_eq!(
            at_establishment("Maison d'arrêt de Nantes"),
            "à la Maison d'arrêt de Nantes"
        );
        assert_eq!(
            at_establishment("Établissement pour mineurs de Lavaur"),
            "à l'Établissement pour mineurs de Lavaur"
        );
        assert_eq!(at_establishment("Fresnes"), "à Fresnes");
    }

    #[test]
    fn slug_of_a_prison_label() {
        assert_eq!(slug("CP FLEURY MEROGIS"), "cp-fleury-merogis");
        assert_eq!(slug("Fleury-Mérogis"), "fleury-merogis");
    }

    #[test]
    fn a_counsellor_types_skills_loosely() {
        assert!(skills_match("Cuisine", "cuisine"));
        assert!(skills_match("cusine", "cuisine"));
        assert!(skills_match("manutension", "manutention"));
        assert!(skills_match("service en salle", "Service en salle"));
        assert!(skills_match("cuisine", "cuisine collective"));
        assert!(!skills_match("vente", "peinture"));
        assert!(!skills_match("soudure", "couture"));
        assert!(!skills_match("", "cuisine"));
    }
}
