//! A catalogue prepared for ranking: what the rules read of each offer, worked out once when the
//! catalogue is put in use rather than once per offer and per profile.
//!
//! Codes (establishments, places, sectors, skills, regulated activities, prerequisites) are
//! interned as small integers, the offers' places carry their points and the départements they
//! lie in, `suite` links are resolved to offer indices and ids are ranked, so that the ranking
//! pass ([`crate::matching::match_prepared`]) compares integers, hashes nothing per offer and
//! sorts on integer keys. The profile's side (its places, bans, sectors, skills) is resolved
//! once per call against these tables.
//!
//! A `Prepared` belongs to one list of offers and one state of the reference data (the commune
//! list loaded or not): the caller keeps it beside the offers and builds it again when either
//! changes. [`Prepared::is_for`] checks the cheap signs of a mismatch (where the offers lie in
//! memory, their count, the first and last ids, the reference data's sizes) and the matching
//! prepares afresh when they differ; an offer changed in place is not seen.

use crate::model::{Measure, Offer};
use crate::refdata::{Point, RefData};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hash of rustc's `FxHasher`: a few instructions a word where SipHash
/// takes a hundred. The keys are the catalogue's own codes and ids, hashed only while
/// preparing; no map is read while ranking.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Strings numbered in the order they were first seen.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    names: Vec<String>,
    index: FxMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }
    /// The number of a string, if any offer has it.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }
    pub(crate) fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map_or("", String::as_str)
    }
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// A run of the `ids` arena (or of the targets): `start..end`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Run {
    start: u32,
    end: u32,
}

/// One of an offer's places with a point, for the distance: a commune, else (when the offer
/// gives no commune with a point) the chef-lieu of one of its départements (`estimate`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target {
    pub place: u32,
    pub point: Point,
    pub estimate: bool,
}

/// What the rules read of one offer, as numbers; runs point into [`Prepared`]'s arenas.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PreparedOffer {
    /// Codes.
    pub establishments: Run,
    /// Places.
    pub departements: Run,
    pub communes: Run,
    /// The départements (places) of the offer's départements and communes.
    pub place_departements: Run,
    /// Sectors, in the offer's order.
    pub sectors: Run,
    /// Skill keys, parallel to the offer's skills.
    pub skills: Run,
    /// Codes, parallel to the offer's `regulated` and `prerequisites`.
    pub regulated: Run,
    pub prerequisites: Run,
    /// Offer indices its `suite` names, in order (ids that name no offer left out).
    pub continues: Run,
    /// Into `targets`.
    pub targets: Run,
    /// The offer's rank among all offers ordered by (id, row): the sorts' tie-break.
    pub id_rank: u32,
    /// One bit per accepted [`Measure`]; 0: every measure.
    pub measures: u16,
    /// Into `publics` (`u32::MAX`: none that asks for a check).
    pub publics: u32,
}

/// The bit of a measure in [`PreparedOffer::measures`].
pub(crate) fn measure_bit(m: Measure) -> u16 {
    1u16 << (m as u16)
}

/// A mask of measures.
pub(crate) fn measure_mask(list: &[Measure]) -> u16 {
    list.iter().fold(0, |m, &x| m | measure_bit(x))
}

/// A catalogue prepared for ranking (see the module).
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub(crate) offers: Vec<PreparedOffer>,
    ids: Vec<u32>,
    targets: Vec<Target>,
    /// Establishment ids, regulated activities, prerequisites.
    pub(crate) codes: Interner,
    /// Commune and département codes.
    pub(crate) places: Interner,
    /// Per place: its rank by name (equal names, equal ranks), the distance's tie-break.
    pub(crate) place_name_rank: Vec<u32>,
    pub(crate) sectors: Interner,
    pub(crate) skills: Interner,
    /// data·inclusion publics that may not include the person, per offer that has some.
    pub(crate) publics: Vec<Vec<String>>,
    /// Offer indices ordered by (id, row): the order of the excluded lists.
    pub(crate) by_rank: Vec<u32>,
    sign: Sign,
}

/// What tells a `Prepared` belongs to a list of offers and a state of the reference data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Sign {
    /// Where the offers lie: another list (a copy too) is prepared again.
    at: usize,
    offers: usize,
    first: Option<String>,
    last: Option<String>,
    communes: usize,
    departements: usize,
    establishments: usize,
}

impl Sign {
    fn of(offers: &[Offer], rd: &RefData) -> Sign {
        Sign {
            at: offers.as_ptr() as usize,
            offers: offers.len(),
            first: offers.first().map(|o| o.id.to_string()),
            last: offers.last().map(|o| o.id.to_string()),
            communes: rd.communes.len(),
            departements: rd.departements.len(),
            establishments: rd.establishments.len(),
        }
    }
    fn matches(&self, offers: &[Offer], rd: &RefData) -> bool {
        self.at == offers.as_ptr() as usize
            && self.offers == offers.len()
            && self.first.as_deref() == offers.first().map(|o| o.id.as_str())
            && self.last.as_deref() == offers.last().map(|o| o.id.as_str())
            && self.communes == rd.communes.len()
            && self.departements == rd.departements.len()
            && self.establishments == rd.establishments.len()
    }
}

impl Prepared {
    /// Prepare `offers` for ranking against `refdata` (a few hundred ns an offer).
    pub fn new(offers: &[Offer], refdata: &RefData) -> Prepared {
        let mut p = Prepared {
            offers: Vec::with_capacity(offers.len()),
            sign: Sign::of(offers, refdata),
            ..Prepared::default()
        };
        // `suite` names an offer by id; with a duplicated id, the last row holds it.
        let by_id: FxMap<&str, u32> = offers
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i as u32))
            .collect();
        for o in offers {
            let establishments = p.run_of(o.establishments().iter(), |p, s| p.codes.intern(s));
            let departements = p.run_of(o.departements().iter(), |p, s| p.places.intern(s));
            let communes = p.run_of(o.communes().iter(), |p, s| p.places.intern(s));
            // The départements the offer's places lie in: its own, and its communes'.
            let start = p.ids.len() as u32;
            for k in departements.start..departements.end {
                if let Some(&d) = p.ids.get(k as usize) {
                    p.ids.push(d);
                }
            }
            for c in o.communes() {
                let d = p.places.intern(&refdata.departement_code_of(c));
                p.ids.push(d);
            }
            let place_departements = Run {
                start,
                end: p.ids.len() as u32,
            };
            let sectors = p.run_of(o.sectors().iter(), |p, s| p.sectors.intern(s));
            let skills = p.run_of(o.skill_keys().iter(), |p, s| p.skills.intern(s));
            let regulated = p.run_of(o.regulated().iter(), |p, s| p.codes.intern(s));
            let prerequisites = p.run_of(o.prerequisites().iter(), |p, s| p.codes.intern(s));
            let start = p.ids.len() as u32;
            p.ids.extend(
                o.continues_as()
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()).copied()),
            );
            let continues = Run {
                start,
                end: p.ids.len() as u32,
            };
            // The offer's places with a point: its communes, else its départements' chefs-lieux.
            let start = p.targets.len() as u32;
            for (c, &place) in o.communes().iter().zip(run_slice(&p.ids, communes)) {
                if let Some(point) = refdata.commune_point(c) {
                    p.targets.push(Target {
                        place,
                        point,
                        estimate: false,
                    });
                }
            }
            if p.targets.len() as u32 == start {
                for (d, &place) in o.departements().iter().zip(run_slice(&p.ids, departements)) {
                    if let Some(point) = refdata.departement(d).and_then(|d| d.point()) {
                        p.targets.push(Target {
                            place,
                            point,
                            estimate: true,
                        });
                    }
                }
            }
            let targets = Run {
                start,
                end: p.targets.len() as u32,
            };
            let publics = match crate::details::publics_not_fitting(o) {
                Some(list) => {
                    p.publics.push(list);
                    (p.publics.len() - 1) as u32
                }
                None => u32::MAX,
            };
            p.offers.push(PreparedOffer {
                establishments,
                departements,
                communes,
                place_departements,
                sectors,
                skills,
                regulated,
                prerequisites,
                continues,
                targets,
                id_rank: 0,
                measures: measure_mask(&o.measures),
                publics,
            });
        }
        // Ranks by (id, row): unique, so that an unstable sort on them is the stable sort by id.
        // The first eight bytes as a number, big-endian, decide most comparisons without
        // reading the strings.
        let mut keys: Vec<(u64, &str, u32)> = offers
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mut head = [0u8; 8];
                for (h, b) in head.iter_mut().zip(o.id.bytes()) {
                    *h = b;
                }
                (u64::from_be_bytes(head), o.id.as_str(), i as u32)
            })
            .collect();
        keys.sort_unstable();
        let order: Vec<u32> = keys.into_iter().map(|(_, _, i)| i).collect();
        for (rank, &i) in order.iter().enumerate() {
            if let Some(po) = p.offers.get_mut(i as usize) {
                po.id_rank = rank as u32;
            }
        }
        p.by_rank = order;
        // Places by name, as the distance's ties read them.
        let names: Vec<String> = (0..p.places.len() as u32)
            .map(|i| refdata.place_name(p.places.name(i)))
            .collect();
        let mut by_name: Vec<u32> = (0..names.len() as u32).collect();
        let name = |i: u32| names.get(i as usize).map_or("", String::as_str);
        by_name.sort_unstable_by(|&a, &b| name(a).cmp(name(b)));
        p.place_name_rank = vec![0; names.len()];
        let mut rank = 0u32;
        let mut previous: Option<&str> = None;
        for (n, &i) in by_name.iter().enumerate() {
            if previous.is_some_and(|prev| prev != name(i)) {
                rank = n as u32;
            }
            previous = Some(name(i));
            if let Some(r) = p.place_name_rank.get_mut(i as usize) {
                *r = rank;
            }
        }
        p
    }

    /// Does this preparation belong to these offers and this reference data? Checks where the
    /// list lies, the count of offers, the first and last ids and the sizes of the reference
    /// data, not every offer: a list changed in place must be prepared again by the caller. A
    /// caller that keeps a preparation across changes of its catalogue must key it by the
    /// catalogue's identity (the app: `src/state.rs` `PreparedFor`, tested with a corrected
    /// file of the same ids).
    pub fn is_for(&self, offers: &[Offer], refdata: &RefData) -> bool {
        self.sign.matches(offers, refdata)
    }

    /// The number of offers prepared.
    pub fn len(&self) -> usize {
        self.offers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.offers.is_empty()
    }

    fn run_of<'s>(
        &mut self,
        items: impl Iterator<Item = &'s crate::model::Code>,
        mut id: impl FnMut(&mut Prepared, &str) -> u32,
    ) -> Run {
        let start = self.ids.len() as u32;
        for s in items {
            let i = id(self, s);
            self.ids.push(i);
        }
        Run {
            start,
            end: self.ids.len() as u32,
        }
    }

    /// The numbers of a run.
    pub(crate) fn ids(&self, r: Run) -> &[u32] {
        run_slice(&self.ids, r)
    }

    pub(crate) fn targets(&self, r: Run) -> &[Target] {
        self.targets
            .get(r.start as usize..r.end as usize)
            .unwrap_or_default()
    }
}

fn run_slice(ids: &[u32], r: Run) -> &[u32] {
    ids.get(r.start as usize..r.end as usize)
        .unwrap_or_default()
}
