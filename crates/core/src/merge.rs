//! Several catalogues at once: an association's partners and a regional file, used together.
//! Each offer keeps its source (the known column `source`); an offer found again in a later
//! catalogue — same id and title, same SIRET (and title, unless the SIRET is that of a single
//! offer in both), or same organisation, communes and title — is reported and kept once, from the
//! first catalogue that has it. Two different offers that happen to share an id (`di-1` in two
//! projections) are both kept: the later one's id gets the catalogue's name, and it is said.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use crate::catalogue::loaded::Loaded;
use crate::details;
use crate::distructures::{self, Structures};
use crate::model::Offer;
use crate::problem::Problem;
use crate::refdata::RefData;
use crate::text::{key, slug};
use std::collections::HashMap;

/// What each catalogue brought to the merge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceCount {
    /// The catalogue's name (its file name).
    pub source: String,
    /// Offers it loaded.
    pub offers: usize,
    /// Of them, found in an earlier catalogue and not kept again.
    pub duplicates: usize,
    /// Of them, kept under a new id (their id was another offer's).
    pub renamed: usize,
}

/// Why two offers of two catalogues are taken for the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Same {
    IdAndTitle,
    Siret,
    OrganisationPlaceTitle,
}

impl Same {
    /// In French, as the reports say it.
    pub fn fr(self) -> &'static str {
        match self {
            Same::IdAndTitle => "même identifiant et même intitulé",
            Same::Siret => "même SIRET",
            Same::OrganisationPlaceTitle => "même organisation, même commune et même intitulé",
        }
    }
}

/// An offer found again in a later catalogue, kept once (from the earlier one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The later catalogue, the offer's line there, its id and title.
    pub source: String,
    pub line: usize,
    pub id: String,
    pub title: String,
    /// The catalogue whose offer is kept, and that offer's id.
    pub kept_source: String,
    pub kept_id: String,
    pub why: Same,
}

/// The catalogues merged: the offers in use, every problem of every file (duplicates
/// included), what each catalogue brought, and each duplicate left out.
#[derive(Clone, Debug, Default)]
pub struct Merged {
    pub loaded: Loaded,
    pub sources: Vec<SourceCount>,
    pub duplicates: Vec<Duplicate>,
}

/// Why two offers are the same.
fn same(a: &Offer, b: &Offer, single_siret: &dyn Fn(&str) -> bool) -> Option<Same> {
    let title = |o: &Offer| key(&o.title);
    if a.id == b.id && title(a) == title(b) {
        return Some(Same::IdAndTitle);
    }
    let siret = |o: &Offer| {
        details::get(o, details::SIRET)
            .map(|s| s.chars().filter(char::is_ascii_digit).collect::<String>())
            .filter(|s| s.len() == 14)
    };
    if let (Some(x), Some(y)) = (siret(a), siret(b)) {
        if x == y && (title(a) == title(b) || single_siret(&x)) {
            return Some(Same::Siret);
        }
    }
    if key(&a.organisation) == key(&b.organisation)
        && title(a) == title(b)
        && a.communes() == b.communes()
        && a.departements() == b.departements()
    {
        return Some(Same::OrganisationPlaceTitle);
    }
    None
}

/// The key under which offers are compared: only offers with the same title, or with a SIRET
/// or the same id, can be the same.
fn buckets(o: &Offer) -> Vec<String> {
    let mut out = vec![format!("t:{}", key(&o.title)), format!("i:{}", o.id)];
    if let Some(s) = details::get(o, details::SIRET) {
        out.push(format!(
            "s:{}",
            s.chars().filter(char::is_ascii_digit).collect::<String>()
        ));
    }
    out
}

/// Merge catalogues, first to last (the first one's offer wins a duplicate).
pub fn merge_catalogues(catalogues: Vec<(String, Loaded)>) -> Merged {
    let mut out = Merged::default();
    // SIRETs held by a single offer, per catalogue: structure lists (one row a structure).
    let mut siret_counts: Vec<HashMap<String, usize>> = Vec::new();
    for (_, l) in &catalogues {
        let mut m: HashMap<String, usize> = HashMap::new();
        for o in &l.offers {
            if let Some(s) = details::get(o, details::SIRET) {
                let s: String = s.chars().filter(char::is_ascii_digit).collect();
                let n = m.entry(s).or_insert(0);
                *n = n.saturating_add(1);
            }
        }
        siret_counts.push(m);
    }
    let mut kept: Vec<Offer> = Vec::new();
    // The catalogue each kept offer comes from (duplicates are looked for across catalogues).
    let mut kept_from: Vec<usize> = Vec::new();
    // Bucket key → indexes in `kept`.
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (n, (source, loaded)) in catalogues.into_iter().enumerate() {
        let mut count = SourceCount {
            source: source.clone(),
            offers: loaded.offers.len(),
            ..SourceCount::default()
        };
        if out.loaded.encoding.is_empty() {
            out.loaded.encoding = loaded.encoding;
            out.loaded.delimiter = loaded.delimiter;
        }
        out.loaded.problems.extend(loaded.problems);
        for mut o in loaded.offers {
            if details::get(&o, details::SOURCE).is_none() {
                o.extra.insert(details::SOURCE.into(), source.clone());
            }
            let single = |s: &str| {
                siret_counts.get(n).and_then(|m| m.get(s)) == Some(&1)
                    && siret_counts.iter().take(n).any(|m| m.get(s) == Some(&1))
            };
            let candidates: Vec<usize> = {
                let mut c: Vec<usize> = buckets(&o)
                    .iter()
                    .filter_map(|b| index.get(b))
                    .flatten()
                    .copied()
                    .collect();
                c.sort_unstable();
                c.dedup();
                c
            };
            let found = candidates.iter().find_map(|&i| {
                kept.get(i)
                    .filter(|_| kept_from.get(i) != Some(&n))
                    .and_then(|k| same(k, &o, &single).map(|why| (k, why)))
            });
            if let Some((k, why)) = found {
                count.duplicates = count.duplicates.saturating_add(1);
                let kept_source = details::get(k, details::SOURCE)
                    .unwrap_or_default()
                    .to_string();
                out.loaded.problems.push(
                    Problem::warning(
                        &source,
                        o.line,
                        format!(
                            "offre « {} » ({}) déjà présente dans {kept_source} sous l'identifiant « {} » ({}) : gardée une fois, celle de {kept_source}",
                            o.title,
                            o.id,
                            k.id,
                            why.fr(),
                        ),
                    )
                    .field("id"),
                );
                out.duplicates.push(Duplicate {
                    source: source.clone(),
                    line: o.line,
                    id: o.id.to_string(),
                    title: o.title.to_string(),
                    kept_source,
                    kept_id: k.id.to_string(),
                    why,
                });
                continue;
            }
            if ids.contains_key(o.id.as_str()) {
                let base = format!("{}-{}", o.id, slug(&source));
                let mut id = base.clone();
                let mut k = 2usize;
                while ids.contains_key(&id) {
                    id = format!("{base}-{k}");
                    k = k.saturating_add(1);
                }
                count.renamed = count.renamed.saturating_add(1);
                out.loaded.problems.push(
                    Problem::warning(
                        &source,
                        o.line,
                        format!(
                            "l'identifiant « {} » est déjà celui d'une autre offre d'un autre catalogue : cette offre-ci (« {} ») devient « {id} »",
                            o.id, o.title
                        ),
                    )
                    .field("id"),
                );
                o.id = id.into();
            }
            let i = kept.len();
            for b in buckets(&o) {
                index.entry(b).or_default().push(i);
            }
            ids.insert(o.id.to_string(), i);
            kept.push(o);
            kept_from.push(n);
        }
        out.sources.push(count);
    }
    out.loaded.offers = kept;
    out
}

/// Load several files as one catalogue, as the command line and the page do: data·inclusion
/// structures files among them join the services of the others, every other file is a
/// catalogue, merged in the order given.
pub fn load_catalogues(files: &[(&str, &[u8])], refdata: &RefData) -> Merged {
    let mut structures = Structures::default();
    let mut loaded: Vec<(String, Loaded)> = Vec::new();
    for (name, bytes) in files {
        let json = bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| matches!(b, b'[' | b'{'));
        if json {
            if let Ok(s) = Structures::read(bytes, name) {
                structures.extend(s);
                continue;
            }
        }
        loaded.push((
            name.to_string(),
            crate::catalogue::load(bytes, name, refdata),
        ));
    }
    join_all(&mut loaded, &structures, refdata);
    merge_catalogues(loaded)
}

/// Join the data·inclusion services of each catalogue with the structures given.
pub fn join_all(catalogues: &mut [(String, Loaded)], structures: &Structures, refdata: &RefData) {
    if structures.is_empty() {
        return;
    }
    for (name, l) in catalogues.iter_mut() {
        if l.offers
            .iter()
            .any(|o| details::get(o, details::STRUCTURE_ID).is_some())
        {
            distructures::join(l, structures, refdata, name);
        }
    }
}
