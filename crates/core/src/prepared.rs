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

use crate::model::{Measure, Offer, OfferType, RecordRequirement};
use crate::refdata::{Point, RefData};
use crate::schedule::Schedule;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;
use time::Date;

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

impl Run {
    pub(crate) fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }
}

/// What the rules and the score read of one offer, as numbers; runs point into [`Prepared`]'s
/// arenas. The ranking pass reads these and never the [`Offer`]: at 100k offers the catalogue
/// leaves the cache, and one small record an offer, read in order, is what keeps the pass
/// linear. What only the findings or the steps after the pass read lies apart
/// ([`Prepared::id_rank`], [`OfferExtras`]).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PreparedOffer {
    /// Where the offer's runs start in the `ids` arena; they follow one another in the order
    /// of [`Lists`]. With [`BIG`], an index into [`Prepared`]'s `big` instead.
    base: u32,
    /// Where each run ends, counted from `base` (each starts where the one before ends): no
    /// sum to work out, a wasm build has no vector unit for it.
    ends: [u16; LISTS],
    /// Start and end as day numbers (Julian days); [`NO_START`] / [`NO_END`] when not given.
    pub start: i32,
    pub end: i32,
    /// Into `schedules` ([`NO_SCHEDULE`]: no hours read).
    pub schedule: u32,
    /// One bit per accepted [`Measure`]; 0: every measure.
    pub measures: u16,
    /// [`INSIDE`], [`OUTSIDE`], [`ANYWHERE`], [`B2_VIERGE`], [`TRAINING`], [`WORK`],
    /// [`ESTIMATE`], [`BIG`].
    pub flags: u8,
}

/// The lists of numbers of a [`PreparedOffer`], in the order they lie in the arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lists {
    /// Codes.
    Establishments,
    /// Places.
    Departements,
    Communes,
    /// The départements (places) of the offer's départements and communes.
    PlaceDepartements,
    /// Sectors, in the offer's order.
    Sectors,
    /// Skill keys, parallel to the offer's skills.
    Skills,
    /// Codes, parallel to the offer's `regulated`.
    Regulated,
    /// The offer's places with a point, for the distance: its communes, else (when none has a
    /// point) its départements, measured to their chef-lieu ([`ESTIMATE`]). Points in
    /// [`Prepared::point`].
    Targets,
    /// Places, parallel to the offer's `zone_eligibilite`, and the département (place) of each.
    Zone,
    ZoneDepartements,
}

const LISTS: usize = 10;

/// [`PreparedOffer::flags`]: the milieu lets the offer be followed inside, outside.
pub(crate) const INSIDE: u8 = 1;
pub(crate) const OUTSIDE: u8 = 2;
/// Remote (`*`).
pub(crate) const ANYWHERE: u8 = 4;
/// A clean bulletin n°2 is required.
pub(crate) const B2_VIERGE: u8 = 8;
/// A kind that meets an obligation of training (formation, atelier), of work (ACI, EI, ETTI,
/// emploi).
pub(crate) const TRAINING: u8 = 16;
pub(crate) const WORK: u8 = 32;
/// The targets are départements' chefs-lieux.
pub(crate) const ESTIMATE: u8 = 64;
/// The offer has more than [`INLINE`] numbers: its runs are in [`Prepared`]'s `big`.
const BIG: u8 = 128;
/// The most numbers an offer holds in the record's own runs. More is rare (a zone of
/// eligibility of hundreds of communes, a network of many places); the bound is low enough
/// that the property tests' long zones take the other path too.
const INLINE: usize = 512;
/// [`PreparedOffer::start`] and [`PreparedOffer::end`] when the offer gives none: no day is
/// after the first nor before the second.
pub(crate) const NO_START: i32 = i32::MIN;
pub(crate) const NO_END: i32 = i32::MAX;
/// [`PreparedOffer::schedule`] when the offer has no hours read.
pub(crate) const NO_SCHEDULE: u32 = u32::MAX;

/// A day as [`PreparedOffer`] holds it.
pub(crate) fn day(d: Date) -> i32 {
    d.to_julian_day()
}

/// What only the findings and the steps after the ranking pass read of an offer.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct OfferExtras {
    /// Codes, parallel to the offer's `prerequisites`.
    pub prerequisites: Run,
    /// Offer indices its `suite` names, in order (ids that name no offer left out).
    pub continues: Run,
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
    /// Per offer: its rank among all offers ordered by (id, row), the sorts' tie-break.
    pub(crate) id_rank: Vec<u32>,
    pub(crate) extras: Vec<OfferExtras>,
    /// The offers' hours, each shared list once (by the `Arc` the offers share).
    pub(crate) schedules: Vec<Arc<Schedule>>,
    ids: Vec<u32>,
    /// The runs of the offers with more than [`INLINE`] numbers ([`BIG`]).
    big: Vec<[Run; LISTS]>,
    /// Per place: its point when it is some offer's target (a commune's, a département's
    /// chef-lieu), else NaN.
    points: Vec<Point>,
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

/// A preparation made a slice of offers at a time, so that a page can prepare a large catalogue
/// across several tasks and stay responsive (issue 16: 60,000 offers took one task of 70 ms in
/// the browser): [`Preparing::step`] prepares the next offers, [`Preparing::finish`] the rest
/// and what needs every offer (`suite` by id, the ranks by id and by place name). The same
/// offers and reference data must be given at every call; [`Prepared::new`] is this in one go.
#[derive(Debug)]
pub struct Preparing {
    p: Prepared,
    /// Each shared list of hours once, by the `Arc` the offers share.
    schedule_ids: FxMap<usize, u32>,
    /// The offers prepared so far: `offers[..next]`.
    next: usize,
    /// The steps of [`Preparing::finish_step`] done.
    finished: u8,
}

impl Preparing {
    /// Nothing prepared yet.
    pub fn new(offers: &[Offer], refdata: &RefData) -> Preparing {
        let mut p = Prepared {
            offers: Vec::with_capacity(offers.len()),
            sign: Sign::of(offers, refdata),
            ..Prepared::default()
        };
        p.extras.reserve(offers.len());
        Preparing {
            p,
            schedule_ids: FxMap::default(),
            next: 0,
            finished: 0,
        }
    }

    /// How many offers are prepared.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Prepare the next `n` offers (fewer at the end); returns how many are prepared in all.
    pub fn step(&mut self, offers: &[Offer], refdata: &RefData, n: usize) -> usize {
        let to = self.next.saturating_add(n).min(offers.len());
        for o in offers.get(self.next..to).unwrap_or_default() {
            self.offer(o, refdata);
        }
        self.next = to.max(self.next);
        self.next
    }

    fn offer(&mut self, o: &Offer, refdata: &RefData) {
        let (p, schedule_ids) = (&mut self.p, &mut self.schedule_ids);
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
        // The offer's places with a point: its communes, else its départements' chefs-lieux.
        let mut found: Vec<(u32, Point)> = o
            .communes()
            .iter()
            .zip(run_slice(&p.ids, communes))
            .filter_map(|(c, &place)| Some((place, refdata.commune_point(c)?)))
            .collect();
        let estimate = found.is_empty();
        if estimate {
            found = o
                .departements()
                .iter()
                .zip(run_slice(&p.ids, departements))
                .filter_map(|(d, &place)| {
                    Some((place, refdata.departement(d).and_then(|d| d.point())?))
                })
                .collect();
        }
        let start = p.ids.len() as u32;
        for (place, point) in found {
            p.ids.push(place);
            if p.points.len() <= place as usize {
                p.points.resize(
                    place as usize + 1,
                    Point {
                        lat: f64::NAN,
                        lon: f64::NAN,
                    },
                );
            }
            if let Some(x) = p.points.get_mut(place as usize) {
                *x = point;
            }
        }
        let targets = Run {
            start,
            end: p.ids.len() as u32,
        };
        let publics = match crate::details::publics_not_fitting(o) {
            Some(list) => {
                p.publics.push(list);
                (p.publics.len() - 1) as u32
            }
            None => u32::MAX,
        };
        let zone = p.run_of(o.zone_eligibilite().iter(), |p, s| p.places.intern(s));
        let start = p.ids.len() as u32;
        for z in o.zone_eligibilite() {
            let d = p.places.intern(&refdata.departement_code_of(z));
            p.ids.push(d);
        }
        let zone_departements = Run {
            start,
            end: p.ids.len() as u32,
        };
        // What the pass does not read, after the offer's runs it reads.
        let prerequisites = p.run_of(o.prerequisites().iter(), |p, s| p.codes.intern(s));
        // `suite` is resolved by id once every offer is prepared (`Preparing::finish`).
        let continues = Run::default();
        let schedule = match &o.schedule {
            Some(s) => *schedule_ids
                .entry(Arc::as_ptr(s) as usize)
                .or_insert_with(|| {
                    p.schedules.push(Arc::clone(s));
                    (p.schedules.len() - 1) as u32
                }),
            None => NO_SCHEDULE,
        };
        let mut flags = 0;
        for (yes, flag) in [
            (o.milieu.inside(), INSIDE),
            (o.milieu.outside(), OUTSIDE),
            (o.anywhere, ANYWHERE),
            (estimate, ESTIMATE),
            (o.record == Some(RecordRequirement::B2Vierge), B2_VIERGE),
            (
                matches!(o.kind, OfferType::Formation | OfferType::Atelier),
                TRAINING,
            ),
            (
                matches!(
                    o.kind,
                    OfferType::Aci | OfferType::Ei | OfferType::Etti | OfferType::Emploi
                ),
                WORK,
            ),
        ] {
            if yes {
                flags |= flag;
            }
        }
        let runs: [Run; LISTS] = [
            establishments,
            departements,
            communes,
            place_departements,
            sectors,
            skills,
            regulated,
            targets,
            zone,
            zone_departements,
        ];
        let total: usize = runs.iter().map(|r| r.len()).sum();
        let mut ends = [0u16; LISTS];
        let mut end = 0usize;
        for (e, r) in ends.iter_mut().zip(&runs) {
            end += r.len();
            *e = end.min(INLINE) as u16;
        }
        let (base, big) = if total <= INLINE {
            (establishments.start, 0)
        } else {
            p.big.push(runs);
            ((p.big.len() - 1) as u32, BIG)
        };
        p.offers.push(PreparedOffer {
            base,
            ends,
            start: o.start.map_or(NO_START, day),
            end: o.end.map_or(NO_END, day),
            schedule,
            measures: measure_mask(&o.measures),
            flags: flags | big,
        });
        p.extras.push(OfferExtras {
            prerequisites,
            continues,
            publics,
        });
    }

    /// One more of the steps that need every offer, once all are prepared ([`Preparing::step`]):
    /// `suite` resolved by id, then the ranks by id, then the places' ranks by name. Returns
    /// whether they are all done (then [`Preparing::finish`] only hands the preparation over).
    pub fn finish_step(&mut self, offers: &[Offer], refdata: &RefData) -> bool {
        if self.next < offers.len() {
            self.step(offers, refdata, usize::MAX);
        }
        match self.finished {
            0 => self.resolve_suites(offers),
            1 => self.rank_ids(offers),
            2 => self.rank_place_names(refdata),
            _ => return true,
        }
        self.finished += 1;
        self.finished >= FINISH_STEPS
    }

    /// The preparation: the offers not yet prepared, then the steps not yet done
    /// ([`Preparing::finish_step`]).
    pub fn finish(mut self, offers: &[Offer], refdata: &RefData) -> Prepared {
        while !self.finish_step(offers, refdata) {}
        self.p
    }

    /// `suite` names an offer by id; with a duplicated id, the last row holds it.
    fn resolve_suites(&mut self, offers: &[Offer]) {
        let p = &mut self.p;
        let by_id: FxMap<&str, u32> = offers
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i as u32))
            .collect();
        for (o, extras) in offers.iter().zip(p.extras.iter_mut()) {
            if o.continues_as().is_empty() {
                continue;
            }
            let start = p.ids.len() as u32;
            p.ids.extend(
                o.continues_as()
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()).copied()),
            );
            extras.continues = Run {
                start,
                end: p.ids.len() as u32,
            };
        }
    }

    /// Ranks by (id, row): unique, so that an unstable sort on them is the stable sort by id.
    /// The first eight bytes as a number, big-endian, decide most comparisons without reading
    /// the strings.
    fn rank_ids(&mut self, offers: &[Offer]) {
        let p = &mut self.p;
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
        p.id_rank = vec![0; offers.len()];
        for (rank, &i) in order.iter().enumerate() {
            if let Some(r) = p.id_rank.get_mut(i as usize) {
                *r = rank as u32;
            }
        }
        p.by_rank = order;
    }

    /// Places by name, as the distance's ties read them.
    fn rank_place_names(&mut self, refdata: &RefData) {
        let p = &mut self.p;
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
    }
}

/// The steps of [`Preparing::finish_step`].
const FINISH_STEPS: u8 = 3;

impl Prepared {
    /// Prepare `offers` for ranking against `refdata` (a few hundred ns an offer): in one go,
    /// what [`Preparing`] does a slice at a time.
    pub fn new(offers: &[Offer], refdata: &RefData) -> Prepared {
        Preparing::new(offers, refdata).finish(offers, refdata)
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

    /// One list of numbers of a prepared offer.
    pub(crate) fn list(&self, po: &PreparedOffer, which: Lists) -> &[u32] {
        let k = which as usize;
        if po.flags & BIG != 0 {
            let r = self
                .big
                .get(po.base as usize)
                .and_then(|runs| runs.get(k))
                .copied()
                .unwrap_or_default();
            return self.ids(r);
        }
        let from = k
            .checked_sub(1)
            .and_then(|j| po.ends.get(j))
            .map_or(0, |&e| usize::from(e));
        let to = po.ends.get(k).map_or(0, |&e| usize::from(e));
        let base = po.base as usize;
        self.ids.get(base + from..base + to).unwrap_or_default()
    }

    /// The hours of a [`PreparedOffer::schedule`].
    pub(crate) fn schedule(&self, i: u32) -> Option<&Arc<Schedule>> {
        self.schedules.get(i as usize)
    }

    /// The offer's rank by (id, row).
    pub(crate) fn id_rank(&self, offer: u32) -> u32 {
        self.id_rank
            .get(offer as usize)
            .copied()
            .unwrap_or_default()
    }

    pub(crate) fn extras(&self, offer: u32) -> OfferExtras {
        self.extras.get(offer as usize).copied().unwrap_or_default()
    }

    /// The point of a place that is some offer's target.
    pub(crate) fn point(&self, place: u32) -> Point {
        self.points.get(place as usize).copied().unwrap_or(Point {
            lat: f64::NAN,
            lon: f64::NAN,
        })
    }
}

fn run_slice(ids: &[u32], r: Run) -> &[u32] {
    ids.get(r.start as usize..r.end as usize)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::match_prepared;
    use crate::model::Profile;

    /// A catalogue prepared a slice at a time ranks as one prepared in one go, findings and
    /// continuations (`suite`, resolved at the end) included, whatever the slices.
    #[test]
    fn a_catalogue_prepared_in_slices_ranks_as_one_prepared_at_once() {
        let rd = RefData::bundled().expect("the bundled reference data");
        let text = crate::synthetic::catalogue_csv(1500, &rd);
        let offers = crate::catalogue::load(text.as_bytes(), "synthetic.csv", &rd).offers;
        assert!(offers.iter().any(|o| !o.continues_as().is_empty()));
        let today = crate::date::parse("2026-11-23").expect("a date");
        let profiles = [
            Profile::from_json(include_str!("../../../docs/examples/dedans-fleury.json"))
                .expect("the example profile"),
            Profile::from_json(include_str!("../../../docs/examples/dehors-ddse.json"))
                .expect("the example profile"),
            Profile::default(),
        ];
        let whole = Prepared::new(&offers, &rd);
        for slice in [1, 7, 333, offers.len()] {
            let mut sliced = Preparing::new(&offers, &rd);
            // Some slices, then the rest left to `finish`.
            while sliced.done() + slice < offers.len() * 2 / 3 {
                let before = sliced.done();
                assert_eq!(sliced.step(&offers, &rd, slice), before + slice);
            }
            // The first step that needs every offer in a call of its own, the rest left to
            // `finish` (which prepares what is left first).
            if slice > 1 {
                assert!(!sliced.finish_step(&offers, &rd));
            }
            let sliced = sliced.finish(&offers, &rd);
            assert!(sliced.is_for(&offers, &rd));
            assert_eq!(sliced.len(), offers.len());
            for p in &profiles {
                assert_eq!(
                    match_prepared(p, &offers, &sliced, &rd, today),
                    match_prepared(p, &offers, &whole, &rd, today),
                    "slices of {slice}"
                );
            }
        }
    }

    /// Steps past the end prepare nothing more; a step over other (fewer) offers does nothing.
    #[test]
    fn steps_stop_at_the_end() {
        let rd = RefData::bundled().expect("the bundled reference data");
        let text = crate::synthetic::catalogue_csv(20, &rd);
        let offers = crate::catalogue::load(text.as_bytes(), "synthetic.csv", &rd).offers;
        let mut p = Preparing::new(&offers, &rd);
        assert_eq!(p.step(&offers, &rd, 15), 15);
        assert_eq!(p.step(&offers, &rd, 15), offers.len());
        assert_eq!(p.step(&offers, &rd, usize::MAX), offers.len());
        assert_eq!(p.step(&offers[..3], &rd, 5), offers.len());
        let steps = std::iter::from_fn(|| Some(p.finish_step(&offers, &rd)))
            .take_while(|done| !done)
            .count();
        assert_eq!(steps + 1, usize::from(FINISH_STEPS));
        assert!(p.finish_step(&offers, &rd), "done stays done");
        assert_eq!(p.finish(&offers, &rd).len(), offers.len());
    }
}
