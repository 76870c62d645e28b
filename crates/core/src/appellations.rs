//! Everyday job titles as sectors: « boulanger », « cariste », « aide à domicile ».
//!
//! Counsellors and the people they follow name jobs, not ROME codes. The ROME appellations
//! (`data/rome-appellations.csv`, 13,000 titles built by `data/build/make_appellations.py`)
//! give each title its ROME code. The profile keeps codes (docs/formats.md §2): a word is
//! resolved here, once, when it is typed or read. The core reads no file: the app fetches the
//! list and the command line embeds it, and both hand its text to [`Appellations::parse`].

use crate::problem::Problem;
use crate::refdata::RefData;
use crate::text::{fold, skills_match_folded};
use std::collections::HashMap;

/// The file's name, as problems and the app's fetch name it.
pub const FILE: &str = "rome-appellations.csv";

/// The warning a regulated job gives when it is chosen (the CLI's note; the app has it in
/// both languages in its i18n table).
pub const REGULATED_WARNING: &str = "métier réglementé : agrément ou casier possible, à vérifier";

/// One everyday job title and its ROME code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appellation {
    /// As France Travail writes it: « Boulanger / Boulangère ».
    pub label: String,
    /// The ROME v3 code of `data/rome_metiers.csv` (`D1102`).
    pub rome: String,
    /// `emploi_reglemente`: a licence, an approval or a clean record may be required.
    pub regulated: bool,
    /// `peu_usite`: seldom used, ranked after the others.
    pub rare: bool,
}

impl Appellation {
    /// « Boulanger / Boulangère (D1102) »: a suggestion, which [`resolve_sector`] reads back.
    pub fn suggestion(&self) -> String {
        format!("{} ({})", self.label, self.rome)
    }
}

/// How a candidate matched what was typed, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// The whole title, in its masculine or feminine form (« boulangère »).
    Exact,
    /// The title starts with what was typed (« boulang », « serveur » for « Serveur de bar »).
    Prefix,
    /// The whole title give or take a typo, a plural or an ending (« boulangers », « couture »).
    Close,
    /// The first word of the title, then the other words anywhere.
    Head,
    /// Every word typed is a word of the title.
    Words,
}

impl Quality {
    fn from_rank(rank: u64) -> Quality {
        match rank {
            0 => Quality::Exact,
            1 => Quality::Prefix,
            2 => Quality::Close,
            3 => Quality::Head,
            _ => Quality::Words,
        }
    }
}

/// A title found for what was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub appellation: &'a Appellation,
    pub quality: Quality,
}

/// What a typed word resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution<'a> {
    /// One clear job: its code is used.
    Clear(Candidate<'a>),
    /// Several jobs with different codes: one title per code, best first.
    Ambiguous(Vec<Candidate<'a>>),
    Unknown,
}

/// The titles, with what the look-up needs computed once.
#[derive(Clone, Debug, Default)]
pub struct Appellations {
    entries: Vec<Appellation>,
    /// Per entry: the whole title, its masculine and feminine forms, normalised ([`norm`]).
    forms: Vec<Vec<String>>,
    /// Per entry and form: ids in `vocab` of the form's words, in order.
    form_words: Vec<Vec<Vec<u32>>>,
    /// Per entry: ids in `vocab` of its words (with the long label's extra words).
    words: Vec<Vec<u32>>,
    /// Per entry: ids of the first word of each form (« serveur », « serveuse »).
    heads: Vec<Vec<u32>>,
    vocab: Vec<String>,
    /// Normalised form → its place in `form_entries`: exact titles without a scan. (Maps of
    /// `String` to `usize` only: each new map type costs the browser bundle its own code.)
    by_form: HashMap<String, usize>,
    /// The entries of each distinct form.
    form_entries: Vec<Vec<usize>>,
}

/// Small words that do not name a job; a query made only of them finds nothing by words.
const STOPWORDS: &[&str] = &[
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par",
    "pour", "sur", "un", "une",
];

/// Folded, every run of non-alphanumeric characters made one space: « Maçon-coffreur » and
/// « macon coffreur », « d'élèves » and « d eleves » compare equal.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in fold(s).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The title with its parenthesised endings removed: « Couturier(ère) industriel(le) » →
/// « Couturier industriel ».
fn without_parentheses(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The whole title, and its masculine and feminine forms: « Serveur / Serveuse de bar » is
/// « serveur de bar » and « serveuse de bar ». The words after the feminine head belong to
/// both, which the source writes once.
fn forms_of(label: &str) -> Vec<String> {
    let mut forms = vec![norm(label)];
    let base = without_parentheses(label);
    match base.split_once(" / ") {
        Some((masc, fem)) => {
            let masc: Vec<&str> = masc.split_whitespace().collect();
            let fem_words: Vec<&str> = fem.split_whitespace().collect();
            let tail = fem_words.get(masc.len()..).unwrap_or_default();
            let masc_form: Vec<&str> = masc.iter().chain(tail.iter()).copied().collect();
            forms.push(norm(&masc_form.join(" ")));
            forms.push(norm(fem));
        }
        None => forms.push(norm(&base)),
    }
    let mut distinct: Vec<String> = Vec::with_capacity(forms.len());
    for f in forms {
        if !f.is_empty() && !distinct.contains(&f) {
            distinct.push(f);
        }
    }
    distinct
}

/// Push `x` unless it is there already (short lists: no sort, which would weigh on the bundle).
fn push_new<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Two words that differ by an ending: « couture » / « couturier », « boulangers » /
/// « boulanger ». At least six letters in common, all but one of the shorter word.
fn same_stem(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 6 && common + 1 >= shorter
}

/// How a typed word matches a word of a title, best first.
fn word_match(typed: &str, word: &str) -> Option<Quality> {
    if typed == word {
        Some(Quality::Exact)
    } else if typed.chars().count() >= 3 && word.starts_with(typed) {
        Some(Quality::Prefix)
    } else if same_stem(typed, word) || skills_match_folded(typed, word) {
        Some(Quality::Close)
    } else {
        None
    }
}

impl Appellations {
    /// Read `data/rome-appellations.csv` (`libelle;rome;reglemente;peu_usite;mots`). Never
    /// fails as a whole: a row that cannot be read is left out and reported.
    pub fn parse(text: &str) -> (Appellations, Vec<Problem>) {
        let mut problems = Vec::new();
        let problem = |line: usize, message: String| Problem::error(FILE, line, message);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(fold).collect(),
            Err(e) => {
                problems.push(problem(1, format!("en-tête illisible ({e})")));
                return (Appellations::default(), problems);
            }
        };
        let col = |name: &str| header.iter().position(|h| h == name);
        let (Some(label_col), Some(rome_col)) = (col("libelle"), col("rome")) else {
            problems.push(problem(
                1,
                "colonnes « libelle » et « rome » attendues".to_string(),
            ));
            return (Appellations::default(), problems);
        };
        let (regulated_col, rare_col, words_col) =
            (col("reglemente"), col("peu_usite"), col("mots"));
        let mut entries = Vec::new();
        let mut extra_words = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let line = i + 2;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    problems.push(problem(line, format!("ligne illisible ({e})")));
                    continue;
                }
            };
            let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
            let label = cell(Some(label_col));
            let rome = cell(Some(rome_col)).to_ascii_uppercase();
            let rome_ok = rome.chars().count() == 5
                && rome.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && rome.chars().skip(1).all(|c| c.is_ascii_digit());
            if label.is_empty() || !rome_ok {
                problems.push(problem(
                    line,
                    format!("intitulé vide ou code ROME illisible « {rome} » : ligne ignorée"),
                ));
                continue;
            }
            let flag = |c: Option<usize>| matches!(fold(cell(c)).as_str(), "o" | "oui" | "1");
            entries.push(Appellation {
                label: label.to_string(),
                rome,
                regulated: flag(regulated_col),
                rare: flag(rare_col),
            });
            extra_words.push(cell(words_col).to_string());
        }
        (Appellations::index(entries, &extra_words), problems)
    }

    fn index(entries: Vec<Appellation>, extra_words: &[String]) -> Appellations {
        let mut vocab: Vec<String> = Vec::new();
        let mut vocab_ids: HashMap<String, usize> = HashMap::new();
        let mut id_of = |w: &str| -> u32 {
            let id = match vocab_ids.get(w) {
                Some(&id) => id,
                None => {
                    vocab.push(w.to_string());
                    vocab_ids.insert(w.to_string(), vocab.len() - 1);
                    vocab.len() - 1
                }
            };
            u32::try_from(id).unwrap_or(u32::MAX)
        };
        let mut forms = Vec::with_capacity(entries.len());
        let mut words = Vec::with_capacity(entries.len());
        let mut heads = Vec::with_capacity(entries.len());
        let mut form_words = Vec::with_capacity(entries.len());
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut form_entries: Vec<Vec<usize>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let f = forms_of(&e.label);
            let extra = extra_words.get(i).map(String::as_str).unwrap_or("");
            let mut ids: Vec<u32> = Vec::new();
            for w in norm(&format!("{} {extra}", e.label)).split(' ') {
                if !w.is_empty() {
                    push_new(&mut ids, id_of(w));
                }
            }
            let per_form: Vec<Vec<u32>> = f
                .iter()
                .map(|form| form.split(' ').map(&mut id_of).collect())
                .collect();
            let mut head_ids: Vec<u32> = Vec::new();
            for first in per_form.iter().filter_map(|ids| ids.first()) {
                push_new(&mut head_ids, *first);
            }
            form_words.push(per_form);
            for form in &f {
                let group = match by_form.get(form) {
                    Some(&g) => g,
                    None => {
                        form_entries.push(Vec::new());
                        by_form.insert(form.clone(), form_entries.len() - 1);
                        form_entries.len() - 1
                    }
                };
                if let Some(list) = form_entries.get_mut(group) {
                    list.push(i);
                }
            }
            forms.push(f);
            words.push(ids);
            heads.push(head_ids);
        }
        Appellations {
            entries,
            forms,
            form_words,
            words,
            heads,
            vocab,
            by_form,
            form_entries,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Appellation] {
        &self.entries
    }

    /// The titles written exactly so (case and accents aside); several when the source gives
    /// one title two codes.
    pub fn by_label(&self, label: &str) -> impl Iterator<Item = &Appellation> + '_ {
        let f = fold(label);
        self.entries.iter().filter(move |e| fold(&e.label) == f)
    }

    /// Every title that matches what was typed, best first: exact titles, then titles that
    /// start with it, then close ones, then titles sharing its words. Ties: common titles
    /// before seldom used ones, shorter before longer, then alphabetical, then by code. The
    /// word-by-word tiers are only searched when the first two give fewer than `enough`
    /// titles: they cost a typo comparison with each distinct word of the list.
    fn all_matches(&self, typed: &str, enough: usize, keep: usize) -> Vec<Candidate<'_>> {
        let q = norm(typed);
        if q.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(Quality, Quality, usize)> = Vec::new();
        if let Some(exact) = self.by_form.get(&q).and_then(|&g| self.form_entries.get(g)) {
            found.extend(exact.iter().map(|&i| (Quality::Exact, Quality::Exact, i)));
        }
        if found.len() < enough && q.chars().count() >= 2 {
            for (i, forms) in self.forms.iter().enumerate() {
                if !forms.contains(&q) && forms.iter().any(|f| f.starts_with(&q)) {
                    found.push((Quality::Prefix, Quality::Exact, i));
                }
            }
        }
        if found.len() < enough {
            self.word_matches(&q, &mut found);
        }
        // One integer per match, sorted as such (a tuple key with strings made the browser
        // bundle 10 KB heavier). The file is sorted by title, so that the entry's number
        // breaks ties alphabetically.
        let keys = found.iter().map(|&(tier, worst, i)| {
            let e = self.entries.get(i);
            let rare = u64::from(e.is_some_and(|e| e.rare));
            let length = e.map_or(0, |e| e.label.chars().count()).min(0xfff) as u64;
            ((tier as u64) << 48)
                | ((worst as u64) << 44)
                | (rare << 40)
                | (length << 28)
                | (i as u64 & 0xfff_ffff)
        });
        // The best `keep`, kept in order as they come: no sort routine in the bundle.
        let mut best: Vec<u64> = Vec::new();
        for k in keys {
            if best.len() >= keep && best.last().is_some_and(|&last| k >= last) {
                continue;
            }
            let at = best.partition_point(|&b| b < k);
            best.insert(at, k);
            best.truncate(keep);
        }
        best.into_iter()
            .filter_map(|k| {
                let i = (k & 0xfff_ffff) as usize;
                self.entries.get(i).map(|appellation| Candidate {
                    appellation,
                    quality: Quality::from_rank(k >> 48),
                })
            })
            .collect()
    }

    /// The `Close`, `Head` and `Words` tiers, for the titles not already in `found`.
    fn word_matches(&self, q: &str, found: &mut Vec<(Quality, Quality, usize)>) {
        let typed: Vec<&str> = q.split(' ').collect();
        // How each typed word matches each distinct word of the titles: computed once for the
        // few thousand words rather than once per title.
        let per_word: Vec<Vec<Option<Quality>>> = typed
            .iter()
            .map(|t| self.vocab.iter().map(|w| word_match(t, w)).collect())
            .collect();
        let content: Vec<&Vec<Option<Quality>>> = typed
            .iter()
            .zip(&per_word)
            .filter(|(t, _)| !STOPWORDS.contains(t))
            .map(|(_, m)| m)
            .collect();
        let mut already = vec![false; self.entries.len()];
        for f in found.iter() {
            if let Some(a) = already.get_mut(f.2) {
                *a = true;
            }
        }
        for (i, done) in already.into_iter().enumerate() {
            if done {
                continue;
            }
            let close = self.form_words.get(i).is_some_and(|forms| {
                forms.iter().any(|ids| {
                    ids.len() == typed.len()
                        && ids.iter().zip(&typed).zip(&per_word).all(|((id, t), m)| {
                            // A typed word that only starts a longer word is not « close »
                            // (« cari » is not a whole title): the prefix tier has it.
                            m.get(*id as usize).copied().flatten().is_some_and(|k| {
                                k != Quality::Prefix
                                    || self
                                        .vocab
                                        .get(*id as usize)
                                        .is_some_and(|w| same_stem(t, w))
                            })
                        })
                })
            });
            if close {
                found.push((Quality::Close, Quality::Close, i));
            } else if let Some((tier, worst)) = self.by_words(i, &content) {
                found.push((tier, worst, i));
            }
        }
    }

    /// Does entry `i` contain every typed word? `Head` when the first typed word is the first
    /// word of the title; with the worst match of a typed word.
    fn by_words(&self, i: usize, per_word: &[&Vec<Option<Quality>>]) -> Option<(Quality, Quality)> {
        let words = self.words.get(i)?;
        let at = |m: &Vec<Option<Quality>>, w: u32| m.get(w as usize).copied().flatten();
        let mut worst = Quality::Exact;
        for matches in per_word {
            let best = words.iter().filter_map(|&w| at(matches, w)).min()?;
            worst = worst.max(best);
        }
        let first = per_word.first()?;
        let head = self
            .heads
            .get(i)
            .is_some_and(|h| h.iter().any(|&w| at(first, w).is_some()));
        Some((if head { Quality::Head } else { Quality::Words }, worst))
    }

    /// At most `limit` titles for what was typed, best first (the field's suggestions).
    pub fn search(&self, typed: &str, limit: usize) -> Vec<Candidate<'_>> {
        let mut all = self.all_matches(typed, limit, limit);
        all.truncate(limit);
        all
    }

    /// The job a typed word names. Clear when the best matches share one code, or when one
    /// code holds more than half of them (« serveur »: restaurant, banquet… G1803, and bar
    /// G1801); otherwise the candidates, one per code, at most `limit`.
    pub fn resolve(&self, typed: &str, limit: usize) -> Resolution<'_> {
        // An exact or prefix title settles it: the word tiers are only searched without one.
        let all = self.all_matches(typed, 1, RESOLVE_KEEP);
        let Some(best) = all.first() else {
            return Resolution::Unknown;
        };
        let tier: Vec<&Candidate<'_>> = all.iter().filter(|c| c.quality == best.quality).collect();
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for c in &tier {
            match counts
                .iter_mut()
                .find(|(code, _)| *code == c.appellation.rome)
            {
                Some((_, n)) => *n += 1,
                None => counts.push((&c.appellation.rome, 1)),
            }
        }
        // The most frequent code; on a tie, the one of the best title.
        let mut top: Option<(&str, usize)> = None;
        for &(code, n) in &counts {
            if top.is_none_or(|(_, best)| n > best) {
                top = Some((code, n));
            }
        }
        if let Some((code, n)) = top {
            if counts.len() == 1 || n * 2 > tier.len() {
                if let Some(c) = tier.iter().find(|c| c.appellation.rome == code) {
                    return Resolution::Clear(**c);
                }
            }
        }
        let mut one_per_code: Vec<Candidate<'_>> = Vec::new();
        for c in all {
            if one_per_code.len() >= limit {
                break;
            }
            if !one_per_code
                .iter()
                .any(|x| x.appellation.rome == c.appellation.rome)
            {
                one_per_code.push(c);
            }
        }
        Resolution::Ambiguous(one_per_code)
    }
}

/// What a sector typed in a field or written in a profile's `sectors` stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sector<'a> {
    /// A ROME code or prefix, or a ROME job or domain title: no note needed.
    Code(String),
    /// An everyday title, resolved: the code is used and the user told what was understood.
    Job(&'a Appellation),
    /// Several jobs: the user chooses.
    Ambiguous(Vec<&'a Appellation>),
    Unknown,
}

/// How many of the best titles a resolution weighs (a word as broad as « agent » matches
/// thousands; the majority is counted among the best of them).
const RESOLVE_KEEP: usize = 400;

/// How many candidates an ambiguous word lists.
pub const CANDIDATES: usize = 8;

/// Read a sector as a counsellor types it: `g18`, `G1803 — Service en restauration`, a ROME
/// title, « Boulanger / Boulangère (D1102) » (a suggestion), or an everyday word
/// (« boulanger », « cariste »). `appellations` may be empty (the list could not be fetched):
/// codes and ROME titles still work.
pub fn resolve_sector<'a>(
    refdata: &RefData,
    appellations: &'a Appellations,
    text: &str,
) -> Sector<'a> {
    let text = text.trim();
    if text.is_empty() {
        return Sector::Unknown;
    }
    // A suggestion of the field: the title and, in brackets, its code.
    if let Some((label, code)) = text
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .map(|(l, c)| (l.trim(), c.trim().to_ascii_uppercase()))
    {
        if let Some(a) = appellations.by_label(label).find(|a| a.rome == code) {
            return Sector::Job(a);
        }
    }
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    if refdata.rome_known(&first) {
        return Sector::Code(first);
    }
    let f = fold(text);
    if let Some(j) = refdata.rome_jobs.iter().find(|j| fold(&j.label) == f) {
        return Sector::Code(j.code.clone());
    }
    if let Some((c, _)) = refdata.rome_domains.iter().find(|(_, l)| fold(l) == f) {
        return Sector::Code(c.clone());
    }
    match appellations.resolve(text, CANDIDATES) {
        Resolution::Clear(c) => Sector::Job(c.appellation),
        Resolution::Ambiguous(list) => {
            Sector::Ambiguous(list.into_iter().map(|c| c.appellation).collect())
        }
        Resolution::Unknown => Sector::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Appellations {
        let (a, problems) = Appellations::parse(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/rome-appellations.csv"
        )));
        assert!(problems.is_empty(), "{problems:?}");
        a
    }

    fn code(a: &Appellations, typed: &str) -> Option<String> {
        match a.resolve(typed, CANDIDATES) {
            Resolution::Clear(c) => Some(c.appellation.rome.clone()),
            _ => None,
        }
    }

    #[test]
    fn the_issue_words_find_their_jobs() {
        let a = shared();
        assert!(a.len() > 13_000);
        assert_eq!(code(a, "cariste").as_deref(), Some("N1101"));
        assert_eq!(code(a, "boulanger").as_deref(), Some("D1102"));
        assert_eq!(code(a, "aide à domicile").as_deref(), Some("K1304"));
        assert_eq!(code(a, "serveur").as_deref(), Some("G1803"));
        assert_eq!(code(a, "maçon").as_deref(), Some("F1703"));
        assert_eq!(code(a, "couture").as_deref(), Some("B1803"));
        match a.resolve("chauffeur", CANDIDATES) {
            Resolution::Ambiguous(list) => {
                assert!(list.len() > 2, "{list:?}");
                assert!(list.iter().any(|c| c.appellation.rome == "N4101"));
            }
            other => panic!("chauffeur should be ambiguous: {other:?}"),
        }
    }

    #[test]
    fn accents_case_forms_and_typos_are_tolerated() {
        let a = shared();
        for typed in [
            "BOULANGER",
            "Boulangère",
            "boulangere",
            "boulangers",
            "boulanegr",
            "boulanger / boulangère",
        ] {
            assert_eq!(code(a, typed).as_deref(), Some("D1102"), "{typed}");
        }
        assert_eq!(code(a, "macon").as_deref(), Some("F1703"));
        assert_eq!(code(a, "Aide a domicile").as_deref(), Some("K1304"));
        assert_eq!(code(a, "caristes").as_deref(), Some("N1101"));
    }

    #[test]
    fn suggestions_put_exact_and_prefix_titles_first() {
        let a = shared();
        let found = a.search("boulang", 5);
        assert_eq!(found.len(), 5);
        assert!(found.iter().all(|c| c.quality == Quality::Prefix));
        assert_eq!(
            found.first().map(|c| c.appellation.suggestion()).as_deref(),
            Some("Boulanger / Boulangère (D1102)")
        );
        let found = a.search("boulanger", 3);
        assert_eq!(found.first().map(|c| c.quality), Some(Quality::Exact));
        assert!(a.search("", 10).is_empty());
        assert!(a.search("zzzzqqq", 10).is_empty());
    }

    #[test]
    fn regulated_jobs_are_flagged() {
        let a = shared();
        let bus = a
            .by_label("Chauffeur / Chauffeuse de bus")
            .next()
            .expect("bus");
        assert!(bus.regulated);
        assert_eq!(bus.rome, "N4103");
        let baker = a.by_label("Boulanger / Boulangère").next().expect("baker");
        assert!(!baker.regulated);
    }

    #[test]
    fn sectors_read_codes_titles_suggestions_and_words() {
        let rd = RefData::bundled().expect("refdata");
        let a = shared();
        assert_eq!(resolve_sector(&rd, a, "g18"), Sector::Code("G18".into()));
        assert_eq!(
            resolve_sector(&rd, a, "G1803 — Service en restauration"),
            Sector::Code("G1803".into())
        );
        assert_eq!(
            resolve_sector(&rd, a, "boulangerie - viennoiserie"),
            Sector::Code("D1102".into())
        );
        match resolve_sector(&rd, a, "Boulanger / Boulangère (D1102)") {
            Sector::Job(j) => assert_eq!(j.rome, "D1102"),
            other => panic!("{other:?}"),
        }
        match resolve_sector(&rd, a, "cariste") {
            Sector::Job(j) => assert_eq!(j.rome, "N1101"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            resolve_sector(&rd, a, "chauffeur"),
            Sector::Ambiguous(_)
        ));
        assert_eq!(resolve_sector(&rd, a, "ZZ9"), Sector::Unknown);
        // Without the list (not fetched), codes and ROME titles still work.
        let none = Appellations::default();
        assert_eq!(
            resolve_sector(&rd, &none, "n11"),
            Sector::Code("N11".into())
        );
        assert_eq!(resolve_sector(&rd, &none, "boulanger"), Sector::Unknown);
    }

    #[test]
    fn a_bad_file_gives_problems_not_a_failure() {
        let (a, problems) = Appellations::parse("libelle;rome\nBoulanger;D1102\n;D1102\nX;12\n");
        assert_eq!(a.len(), 1);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems.first().map(|p| p.line), Some(3));
        let (a, problems) = Appellations::parse("nom;code\nBoulanger;D1102\n");
        assert!(a.is_empty());
        assert_eq!(problems.len(), 1);
        let (a, _) = Appellations::parse("");
        assert!(a.is_empty());
    }

    fn shared() -> &'static Appellations {
        static LIST: std::sync::OnceLock<Appellations> = std::sync::OnceLock::new();
        LIST.get_or_init(bundled)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn any_text_is_looked_up_without_panic(typed in "\\PC{0,40}") {
            let a = shared();
            let found = a.search(&typed, 10);
            proptest::prop_assert!(found.len() <= 10);
            if let Resolution::Ambiguous(list) = a.resolve(&typed, CANDIDATES) {
                proptest::prop_assert!(list.len() <= CANDIDATES);
            }
        }

        #[test]
        fn any_file_is_read_without_panic(text in "(\\PC|;|\n|\"){0,300}") {
            let (a, _) = Appellations::parse(&format!("libelle;rome;reglemente\n{text}"));
            let _ = a.search("boulanger", 5);
        }
    }

    #[test]
    fn every_title_finds_its_own_code_first() {
        let a = shared();
        for e in a.entries() {
            let first = a.search(&e.label, 1);
            let first = first.first().expect("found");
            assert_eq!(first.quality, Quality::Exact, "{}", e.label);
            // Another code may only come first when the source gives the same title two codes.
            assert!(
                first.appellation.rome == e.rome
                    || norm(&first.appellation.label) == norm(&e.label),
                "{} ({}) → {:?}",
                e.label,
                e.rome,
                first
            );
        }
    }
}
