//! Text folding shared by header matching, vocabulary look-up and skill matching.
//! French spreadsheets mix case, accents and stray spaces: everything that compares words
//! goes through here so that « Compétences », "competences " and "COMPETENCES" agree.

use unicode_normalization::UnicodeNormalization;

/// Lowercase, strip accents (NFD then drop combining marks), trim and collapse inner spaces.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
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
/// tolerated ("cusine", "manutension") through a normalised Damerau–Levenshtein similarity.
pub fn skills_match(a: &str, b: &str) -> bool {
    let a = fold(a);
    let b = fold(b);
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let contains_words = |long: &str, short: &str| {
        long.split(|c: char| !c.is_alphanumeric())
            .collect::<Vec<_>>()
            .windows(short.split(|c: char| !c.is_alphanumeric()).count())
            .any(|w| w.join(" ") == short.split(|c: char| !c.is_alphanumeric()).collect::<Vec<_>>().join(" "))
    };
    if (a.len() >= 4 && contains_words(&b, &a)) || (b.len() >= 4 && contains_words(&a, &b)) {
        return true;
    }
    // Short words are too easily confused ("vente" / "vérité"): only longer ones get typo tolerance.
    a.chars().count() >= 5
        && b.chars().count() >= 5
        && strsim::normalized_damerau_levenshtein(&a, &b) >= 0.8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_accents_and_extra_spaces() {
        assert_eq!(fold("  Compétences   Clés "), "competences cles");
        assert_eq!(fold("ÉTABLISSEMENTS"), "etablissements");
        assert_eq!(fold("l’atelier"), "l'atelier");
    }

    #[test]
    fn key_ignores_separators() {
        assert_eq!(key("Activités réglementées"), "activitesreglementees");
        assert_eq!(key("date_maj"), "datemaj");
        assert_eq!(key("Date MAJ"), "datemaj");
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
