//! Rules and score: which offers fit one person, now and after release, and why.
//!
//! Hard rules (court bans, curfew, situation, measure, establishment, record, dates) exclude
//! and are never outweighed by points. Every exclusion, warning and point says what was found
//! (codes, dates, hours, distances) as data: no sentence is built while ranking; `explain`
//! says them in French or English, for the offers shown.

#[doc(hidden)]
pub mod reference;

use crate::model::DEFAULT_RADIUS_KM;
use crate::model::{
    is_commune_code, Measure, Offer, OfferType, Profile, RecordRequirement, Situation,
};
use crate::prepared::{self as pr_, Lists, Prepared, PreparedOffer};
use crate::refdata::{Point, RefData};
use crate::regulated_jobs::{self, SectorBan};
use crate::schedule::{Schedule, Span};
use crate::text::{code_key, skills_match_folded};
use crate::vocabulary::vocabulary;
use std::cell::Cell;
use std::sync::Arc;
use time::Date;

vocabulary!(
    /// A hard rule that rules an offer out, in the order a counsellor reads them: the court's
    /// decisions first, then the offer's own limits, last the offers not for this situation.
    Rule {
        BannedPlace => "banned_place",
        BannedActivity => "banned_activity",
        Curfew => "curfew",
        Measure => "measure",
        RecordB2 => "record_b2",
        Zone => "zone",
        Dates => "dates",
        Establishment => "establishment",
        Situation => "situation",
    }
);

impl Rule {
    /// Whether the rule applies a court decision (bans, curfew, measure, record).
    pub fn is_court_decision(self) -> bool {
        matches!(
            self,
            Rule::BannedPlace
                | Rule::BannedActivity
                | Rule::Curfew
                | Rule::Measure
                | Rule::RecordB2
        )
    }
    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// The rules that exclude an offer, as a set (what a compact ranking keeps of its exclusions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rules(u16);

impl Rules {
    pub fn contains(self, r: Rule) -> bool {
        self.0 & r.bit() != 0
    }
    pub fn insert(&mut self, r: Rule) {
        self.0 |= r.bit();
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    /// The rules, in the order of [`Rule::ALL`] (the order a counsellor reads them).
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        Rule::ALL.iter().copied().filter(move |r| self.contains(*r))
    }
}

impl FromIterator<Rule> for Rules {
    fn from_iter<I: IntoIterator<Item = Rule>>(iter: I) -> Rules {
        let mut s = Rules::default();
        for r in iter {
            s.insert(r);
        }
        s
    }
}

vocabulary!(
    /// What a warning asks to check before going further.
    WarningKind {
        BannedPlace => "banned_place",
        BannedPlaceUnknown => "banned_place_unknown",
        BannedActivity => "banned_activity",
        CurfewUnknown => "curfew_unknown",
        RecordB2 => "record_b2",
        RecordB3 => "record_b3",
        Zone => "zone",
        Prerequisite => "prerequisite",
        Seats => "seats",
        SeatsUnknown => "seats_unknown",
        DatesUnknown => "dates_unknown",
        Stale => "stale",
        Public => "public",
    }
);

vocabulary!(
    /// What gives points to an offer that fits.
    Factor {
        Skills => "skills",
        Sectors => "sectors",
        Place => "place",
        Timing => "timing",
        Continuation => "continuation",
        Obligations => "obligations",
    }
);

/// One factor's points and what earned them; `explain` says it in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub points: u32,
    pub why: Why,
}

impl Reason {
    pub fn factor(&self) -> Factor {
        self.why.factor()
    }
}

/// Where the person is, lives or will live: what a place reason measures from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    /// The establishment where the person is detained.
    Establishment,
    /// The place of release (commune, else département).
    Release,
    /// The place of residence (commune, else département).
    Residence,
}

/// Where a distance is measured from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeasuredFrom {
    /// The establishment (its id): inside, or out by day under semi-liberté.
    Establishment(String),
    /// The person's commune (its code).
    Commune(String),
    /// Only the département (its code) is known: its chef-lieu.
    ChefLieu { departement: String, home: Home },
}

/// A straight-line distance from the person to the offer's nearest place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reach {
    /// The distance in whole metres, rounded down (« moins de 1 km » below 1,000).
    pub metres: u32,
    pub from: MeasuredFrom,
    /// The offer's nearest place: a commune code, or a département code when the offer
    /// gives no commune (then measured to its chef-lieu, `to_estimate`).
    pub to: String,
    pub to_estimate: bool,
}

impl Reach {
    /// Either end is only a département's chef-lieu.
    pub fn estimate(&self) -> bool {
        self.to_estimate || matches!(self.from, MeasuredFrom::ChefLieu { .. })
    }
    /// The distance in km, rounded.
    pub fn km(&self) -> u32 {
        (self.metres + 500) / 1000
    }
}

/// An obligation the court set that the offer meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Obligation {
    /// « obligation de formation »: a training or a workshop.
    Training,
    /// « obligation de travail »: a job, in insertion or not.
    Work,
}

/// What earned an offer its points, with what the sentence names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The offer's skills the person has, as the offer writes them.
    Skills(Vec<String>),
    /// The offer's ROME code that the person looks for.
    Sector(String),
    /// The offer's ROME code is in the domain (letter) of one the person looks for.
    SectorDomain(String),
    /// Held at the establishment (id) where the person is detained.
    Inside(String),
    /// Anywhere or at a distance.
    Anywhere,
    /// Not compared: the person's place is not given.
    PlaceNotCompared(Home),
    /// Not compared: the offer's place is not known.
    OfferPlaceUnknown,
    /// Both sides known by their département only, and it is the same (its code).
    SameDepartement {
        home: Home,
        departement: String,
    },
    Distance(Reach),
    /// Starts within three months of the reference day.
    StartsSoon {
        start: Date,
        after_release: bool,
    },
    StartsLate(Date),
    /// Already running at the reference day; `permanent` when it has no dates at all.
    Open {
        permanent: bool,
        after_release: bool,
    },
    /// Continues outside after release as this offer (title, organisation).
    ContinuesOutside {
        title: String,
        organisation: String,
    },
    /// The continuation outside of this offer (title, organisation), open now inside.
    ContinuationOf {
        title: String,
        organisation: String,
    },
    Obligation(Obligation),
}

impl Why {
    pub fn factor(&self) -> Factor {
        match self {
            Why::Skills(_) => Factor::Skills,
            Why::Sector(_) | Why::SectorDomain(_) => Factor::Sectors,
            Why::Inside(_)
            | Why::Anywhere
            | Why::PlaceNotCompared(_)
            | Why::OfferPlaceUnknown
            | Why::SameDepartement { .. }
            | Why::Distance(_) => Factor::Place,
            Why::StartsSoon { .. } | Why::StartsLate(_) | Why::Open { .. } => Factor::Timing,
            Why::ContinuesOutside { .. } | Why::ContinuationOf { .. } => Factor::Continuation,
            Why::Obligation(_) => Factor::Obligations,
        }
    }
}

/// Something to check with the organisation before going further, with what the sentence
/// names; [`Warning::rule`] is its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A ban covers some of the offer's places (`place`), not all.
    BannedPlaceElsewhere {
        ban: String,
        place: String,
    },
    /// Whether the banned commune is the offer's cannot be told: the commune list is not loaded.
    BannedPlaceUnlisted {
        ban: String,
        place: String,
    },
    /// The ban is on a part (arrondissement, former commune) of the offer's commune.
    BannedPlacePart {
        ban: String,
        place: String,
    },
    /// The ban is on a commune of the offer's département, which gives no commune.
    BannedPlaceDepartement {
        ban: String,
        departement: String,
    },
    /// A ban that names no known place (a typo, a place unknown to the reference data): it
    /// cannot be compared, so it is never passed over in silence.
    BannedPlaceUnread {
        ban: String,
    },
    /// A ban on `activity`, and the offer's sector `sector` is `job`, one of the activity's
    /// (`whole`), or a domain that covers it; the offer has other jobs, or it is a domain.
    BannedActivityJob {
        activity: String,
        sector: String,
        job: String,
        whole: bool,
    },
    /// The profile's curfew cannot be read: as written, and why (French, from the reader).
    CurfewUnreadable {
        written: String,
        error: String,
    },
    /// The offer's hours are partly unknown.
    CurfewHoursPartly {
        curfew: Arc<Schedule>,
        hours: Arc<Schedule>,
    },
    /// The offer gives no hours.
    CurfewHoursUnknown {
        curfew: Arc<Schedule>,
    },
    /// The offer requires a clean bulletin n°2; the person's is not known.
    RecordB2CleanUnknown,
    /// The employer reads the bulletin n°2, which carries a mention.
    RecordB2Mention,
    /// The employer reads the bulletin n°2; what it carries is not known.
    RecordB2Unknown,
    RecordB3Mention,
    RecordB3Unknown,
    /// Reserved to the people of a zone (first five places, `more` when longer) with communes
    /// in the person's département: is the person's commune one of them?
    ZoneCommune {
        zone: Vec<String>,
        more: bool,
    },
    /// Reserved to the people of a zone; where the person lives is not known.
    ZonePerson {
        zone: Vec<String>,
        more: bool,
    },
    /// Prerequisites (vocabulary codes) the person is not known to have.
    Prerequisites(Vec<String>),
    NoSeats,
    SeatsUnknown,
    /// After release, with no release date: the offer's dates were not compared.
    ReleaseDateUnknown,
    /// Last checked on this day, more than six months ago.
    Stale(Date),
    /// data·inclusion publics (codes) that do not obviously include the person.
    Public(Vec<String>),
}

impl Warning {
    pub fn rule(&self) -> WarningKind {
        match self {
            Warning::BannedPlaceElsewhere { .. } => WarningKind::BannedPlace,
            Warning::BannedPlaceUnlisted { .. }
            | Warning::BannedPlacePart { .. }
            | Warning::BannedPlaceDepartement { .. }
            | Warning::BannedPlaceUnread { .. } => WarningKind::BannedPlaceUnknown,
            Warning::BannedActivityJob { .. } => WarningKind::BannedActivity,
            Warning::CurfewUnreadable { .. }
            | Warning::CurfewHoursPartly { .. }
            | Warning::CurfewHoursUnknown { .. } => WarningKind::CurfewUnknown,
            Warning::RecordB2CleanUnknown | Warning::RecordB2Mention | Warning::RecordB2Unknown => {
                WarningKind::RecordB2
            }
            Warning::RecordB3Mention | Warning::RecordB3Unknown => WarningKind::RecordB3,
            Warning::ZoneCommune { .. } | Warning::ZonePerson { .. } => WarningKind::Zone,
            Warning::Prerequisites(_) => WarningKind::Prerequisite,
            Warning::NoSeats => WarningKind::Seats,
            Warning::SeatsUnknown => WarningKind::SeatsUnknown,
            Warning::ReleaseDateUnknown => WarningKind::DatesUnknown,
            Warning::Stale(_) => WarningKind::Stale,
            Warning::Public(_) => WarningKind::Public,
        }
    }
}

/// Which of the person's places a zone of eligibility was compared with, in a horizon: said
/// in the sentence (« habite », « établissement », « lieu de sortie »).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonAt {
    /// Dehors: where the person lives.
    Residence,
    /// Dedans, now: the establishment's place.
    Establishment,
    /// Dedans, after release: the release place.
    Release,
}

impl PersonAt {
    fn of(situation: Situation, h: Horizon) -> PersonAt {
        match (situation, h) {
            (Situation::Dedans, Horizon::Now) => PersonAt::Establishment,
            (Situation::Dedans, Horizon::AfterRelease) => PersonAt::Release,
            (Situation::Dehors, _) => PersonAt::Residence,
        }
    }
}

/// A hard rule that rules the offer out, with what the sentence names; [`Exclusion::rule`]
/// is its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exclusion {
    /// The ban on `ban` covers the offer's place `place` (every place of the offer is banned).
    BannedPlace { ban: String, place: String },
    /// A ban on this activity (vocabulary code), which the offer falls under.
    BannedActivity(String),
    /// A ban on `activity`; every job of the offer (its sectors) is one of the activity's,
    /// `job` the first (`data/activites-metiers.csv`).
    BannedActivityJob { activity: String, job: String },
    /// The offer's hours meet the curfew, notably in `span`; `dedans`: the person must be back
    /// at the establishment (else at home).
    Curfew {
        curfew: Arc<Schedule>,
        hours: Arc<Schedule>,
        span: Span,
        dedans: bool,
    },
    /// The offer takes only `accepted`; the person is under `person` (`sans_mesure`: none).
    Measure {
        accepted: Vec<Measure>,
        person: Vec<Measure>,
        after_release: bool,
    },
    /// A clean bulletin n°2 required; the person's carries a mention.
    RecordB2,
    /// Reserved to the people of a zone (first five places, `more` when longer); the person
    /// is at `person` (a commune or département code) in the way `at` says.
    Zone {
        zone: Vec<String>,
        more: bool,
        person: String,
        at: PersonAt,
    },
    /// The offer ended on that day.
    Ended(Date),
    /// The offer ends before the release date.
    EndsBeforeRelease { end: Date, release: Date },
    /// The person's establishment is not given.
    EstablishmentMissing,
    /// The offer is held only in these establishments (ids); the person is in `person`.
    OtherEstablishment { offer: Vec<String>, person: String },
    /// Out by day from the establishment, and the offer is not in its département (code).
    OutsideDepartement(Option<String>),
    /// A milieu ouvert offer, for a person detained with no day release.
    OpenMilieu,
    /// Held only in detention; the person is outside.
    InsideOnlyPersonOutside,
    /// Held only in detention: cannot go on after release.
    InsideOnlyAfterRelease,
}

impl Exclusion {
    pub fn rule(&self) -> Rule {
        match self {
            Exclusion::BannedPlace { .. } => Rule::BannedPlace,
            Exclusion::BannedActivity(_) | Exclusion::BannedActivityJob { .. } => {
                Rule::BannedActivity
            }
            Exclusion::Curfew { .. } => Rule::Curfew,
            Exclusion::Measure { .. } => Rule::Measure,
            Exclusion::RecordB2 => Rule::RecordB2,
            Exclusion::Zone { .. } => Rule::Zone,
            Exclusion::Ended(_) | Exclusion::EndsBeforeRelease { .. } => Rule::Dates,
            Exclusion::EstablishmentMissing | Exclusion::OtherEstablishment { .. } => {
                Rule::Establishment
            }
            Exclusion::OutsideDepartement(_)
            | Exclusion::OpenMilieu
            | Exclusion::InsideOnlyPersonOutside
            | Exclusion::InsideOnlyAfterRelease => Rule::Situation,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fit {
    pub id: String,
    pub score: u32,
    pub reasons: Vec<Reason>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excluded {
    pub id: String,
    pub rules: Vec<Exclusion>,
    /// Every rule that excludes the offer ends on a known day (the profile's
    /// `banned_places_until`, `banned_activities_until`, `curfew_until`, `measures_until`) and
    /// the offer still runs then: the day it becomes possible, the latest of those ends.
    pub possible_from: Option<Date>,
}

/// An on-site offer that fits but lies beyond the person's radius: « Plus loin ».
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Beyond {
    pub id: String,
    /// Straight-line distance to the offer's nearest place, rounded.
    pub distance_km: u32,
    /// How far, from where, to where: « À 277 km de Lyon (69123) : Marseille 9e
    /// Arrondissement (13209) ; au-delà du rayon de 30 km ».
    pub reach: Reach,
    pub radius_km: u32,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HorizonResult {
    pub fits: Vec<Fit>,
    pub excluded: Vec<Excluded>,
    /// Offers that fit but are out of reach, nearest first (ties by id).
    pub beyond: Vec<Beyond>,
}

/// The result of FORMATS.md §3, as data: `explain::explain` gives it words (the JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatchResult {
    pub now: HorizonResult,
    pub after_release: Option<HorizonResult>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Horizon {
    Now,
    AfterRelease,
}

/// Points per factor; the maxima add up to 100.
pub mod points {
    pub const SKILLS_EACH: u32 = 10;
    pub const SKILLS_MAX: u32 = 20;
    pub const SECTOR: u32 = 15;
    pub const SECTOR_DOMAIN: u32 = 6;
    /// Place weighs most: an offer the person cannot reach every day is of little use.
    pub const PLACE_SAME: u32 = 30;
    pub const PLACE_REMOTE: u32 = 20;
    /// Somewhere in the person's département, the commune not given: about 30 km.
    pub const PLACE_DEPARTEMENT: u32 = 20;
    /// Points by straight-line distance: up to (km, points); farther gives 0.
    pub const PLACE_BY_KM: [(f64, u32); 6] = [
        (5.0, 30),
        (10.0, 27),
        (20.0, 24),
        (30.0, 20),
        (50.0, 15),
        (100.0, 8),
    ];
    pub fn place_for_km(km: f64) -> u32 {
        PLACE_BY_KM
            .iter()
            .find(|(max, _)| km <= *max)
            .map_or(0, |(_, p)| *p)
    }
    pub const TIMING_OPEN: u32 = 10;
    pub const TIMING_SOON: u32 = 6;
    pub const TIMING_LATER: u32 = 2;
    pub const CONTINUATION: u32 = 15;
    pub const OBLIGATION: u32 = 10;
}

const PARIS: &str = "75056";
const PARIS_DEPARTEMENT: &str = "75";

/// An offer starting within this many days of the reference date counts as soon.
const SOON_DAYS: i64 = 92;

/// Where the person would take part: inside their establishment, or at the offer's places.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Inside,
    Outside,
}

struct Ctx<'a> {
    profile: &'a Profile,
    refdata: &'a RefData,
    today: Date,
    curfew: Option<Result<Arc<Schedule>, String>>,
    /// The person's skills, folded once.
    skills: Vec<String>,
    /// Banned activities and what the person has, normalised as the loader normalises codes.
    banned_activities: Vec<String>,
    has: Vec<String>,
    obligations: Vec<String>,
    /// Where distances are measured from, now and after release: worked out once.
    origins: [Option<Origin>; 2],
}

impl<'a> Ctx<'a> {
    /// The profile's side, read once for a call.
    fn new(profile: &'a Profile, refdata: &'a RefData, today: Date) -> Ctx<'a> {
        let curfew = profile
            .curfew
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| Schedule::parse(c).map(Arc::new));
        let skills = profile
            .skills
            .iter()
            .map(|s| crate::text::fold(s))
            .filter(|s| !s.is_empty())
            .collect();
        let mut ctx = Ctx {
            profile,
            refdata,
            today: profile.today.unwrap_or(today),
            curfew,
            skills,
            banned_activities: profile
                .banned_activities
                .iter()
                .map(|a| code_key(a))
                .collect(),
            has: profile.has.iter().map(|a| code_key(a)).collect(),
            obligations: profile
                .obligations
                .iter()
                .map(|o| crate::text::key(o))
                .collect(),
            origins: [None, None],
        };
        ctx.origins = [ctx.origin(Horizon::Now), ctx.origin(Horizon::AfterRelease)];
        ctx
    }
}

/// Match one profile against a catalogue. `today` is used when the profile has none.
///
/// Prepares the catalogue for this call: a caller that ranks the same offers again (the app on
/// each change of the profile, the benchmarks) keeps a [`Prepared`] beside them and calls
/// [`match_prepared`].
pub fn match_profile(
    profile: &Profile,
    offers: &[Offer],
    refdata: &RefData,
    today: Date,
) -> MatchResult {
    run(
        profile,
        offers,
        &Prepared::new(offers, refdata),
        refdata,
        today,
    )
}

/// [`match_profile`] on a catalogue prepared once ([`Prepared::new`] of the same `offers` and
/// `refdata`); a preparation that does not belong to them ([`Prepared::is_for`]) is made again
/// for this call, so the result is the same either way.
pub fn match_prepared(
    profile: &Profile,
    offers: &[Offer],
    prepared: &Prepared,
    refdata: &RefData,
    today: Date,
) -> MatchResult {
    if prepared.is_for(offers, refdata) {
        run(profile, offers, prepared, refdata, today)
    } else {
        run(
            profile,
            offers,
            &Prepared::new(offers, refdata),
            refdata,
            today,
        )
    }
}

/// The compact ranking, then every offer's findings read from it.
fn run(
    profile: &Profile,
    offers: &[Offer],
    prepared: &Prepared,
    refdata: &RefData,
    today: Date,
) -> MatchResult {
    let ctx = Ctx::new(profile, refdata, today);
    let fast = Fast::new(&ctx, prepared);
    let ranking = rank(&ctx, &fast, offers, prepared, today);
    Details {
        ctx,
        fast,
        offers,
        ranking: &ranking,
    }
    .all()
}

/// Where an offer landed in a horizon of a [`Ranking`]: its place in that list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Fit(u32),
    Excluded(u32),
    Beyond(u32),
}

/// An offer that fits, in a compact ranking: its index in the catalogue and its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FitAt {
    pub offer: u32,
    pub score: u32,
}

/// An excluded offer, in a compact ranking: the rules that exclude it and, when they all end on
/// a known day, the day it becomes possible ([`Excluded::possible_from`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExcludedAt {
    pub offer: u32,
    pub rules: Rules,
    pub possible_from: Option<Date>,
}

/// An offer that fits but lies beyond the radius, in a compact ranking: its distance in km.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BeyondAt {
    pub offer: u32,
    pub distance_km: u32,
}

/// One horizon of a [`Ranking`]: the lists of a [`HorizonResult`] in the same orders, each item
/// an offer index with what orders and counts it; the findings are read on demand
/// ([`Details`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompactHorizon {
    pub fits: Vec<FitAt>,
    pub excluded: Vec<ExcludedAt>,
    pub beyond: Vec<BeyondAt>,
    /// Per offer of the catalogue: where it landed.
    slots: Vec<Slot>,
    /// (offer, the offer it continues as / is the continuation of), by offer: the fits given
    /// continuation points.
    partners: Vec<(u32, u32)>,
}

impl CompactHorizon {
    /// Where the offer (its index in the catalogue) landed.
    pub fn slot(&self, offer: u32) -> Option<Slot> {
        self.slots.get(offer as usize).copied()
    }
    fn fits(&self, offer: u32) -> bool {
        matches!(self.slot(offer), Some(Slot::Fit(_)))
    }
    /// Files the next offer of the catalogue by its compact evaluation.
    fn file(&mut self, offer: u32, e: &Evaluation) {
        if !e.rules.is_empty() {
            self.slots.push(Slot::Excluded(self.excluded.len() as u32));
            self.excluded.push(ExcludedAt {
                offer,
                rules: e.rules,
                possible_from: e.possible_from,
            });
        } else if let Some(distance_km) = e.beyond_km {
            self.slots.push(Slot::Beyond(self.beyond.len() as u32));
            self.beyond.push(BeyondAt { offer, distance_km });
        } else {
            self.slots.push(Slot::Fit(self.fits.len() as u32));
            self.fits.push(FitAt {
                offer,
                score: e.score,
            });
        }
    }
    fn partner(&self, offer: u32) -> Option<u32> {
        self.partners
            .binary_search_by_key(&offer, |&(i, _)| i)
            .ok()
            .and_then(|k| self.partners.get(k))
            .map(|&(_, j)| j)
    }
    fn add_score(&mut self, offer: u32, points: u32) {
        if let Some(&Slot::Fit(k)) = self.slots.get(offer as usize) {
            if let Some(f) = self.fits.get_mut(k as usize) {
                f.score += points;
            }
        }
    }

    /// The lists in the order of [`HorizonResult::sort`], on integer keys: (score, id rank),
    /// the excluded in the order of the ids, (distance, id rank); the ranks order by id, then
    /// by row, as the stable sort by id does.
    fn finish(&mut self, prepared: &Prepared) {
        let rank = |i: u32| prepared.id_rank(i);
        // The keys are read once, in the catalogue's order, and sorted alone: the rank gives
        // the offer back (`by_rank`).
        let offer_of = |k: u64| {
            prepared
                .by_rank
                .get((k & u64::from(u32::MAX)) as usize)
                .copied()
                .unwrap_or_default()
        };
        let mut keys: Vec<u64> = self
            .fits
            .iter()
            .map(|f| (u64::from(u32::MAX - f.score) << 32) | u64::from(rank(f.offer)))
            .collect();
        keys.sort_unstable();
        self.fits = keys
            .iter()
            .map(|&k| FitAt {
                offer: offer_of(k),
                score: u32::MAX - (k >> 32) as u32,
            })
            .collect();
        let excluded: Vec<ExcludedAt> = prepared
            .by_rank
            .iter()
            .filter_map(|&i| match self.slots.get(i as usize) {
                Some(&Slot::Excluded(k)) => self.excluded.get(k as usize).copied(),
                _ => None,
            })
            .collect();
        self.excluded = excluded;
        keys.clear();
        keys.extend(
            self.beyond
                .iter()
                .map(|b| (u64::from(b.distance_km) << 32) | u64::from(rank(b.offer))),
        );
        keys.sort_unstable();
        self.beyond = keys
            .iter()
            .map(|&k| BeyondAt {
                offer: offer_of(k),
                distance_km: (k >> 32) as u32,
            })
            .collect();
        for (k, f) in self.fits.iter().enumerate() {
            if let Some(s) = self.slots.get_mut(f.offer as usize) {
                *s = Slot::Fit(k as u32);
            }
        }
        for (k, x) in self.excluded.iter().enumerate() {
            if let Some(s) = self.slots.get_mut(x.offer as usize) {
                *s = Slot::Excluded(k as u32);
            }
        }
        for (k, b) in self.beyond.iter().enumerate() {
            if let Some(s) = self.slots.get_mut(b.offer as usize) {
                *s = Slot::Beyond(k as u32);
            }
        }
    }
}

/// A ranking that builds no finding: per horizon, the offers that fit (index, score), the
/// excluded (index, rules, possible day), those beyond the radius (index, km), in the orders of
/// a [`MatchResult`]. The findings of one offer are read on demand with [`Ranking::details`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranking {
    pub now: CompactHorizon,
    pub after_release: Option<CompactHorizon>,
    /// The reference day given to the call (the profile's own wins, as in ranking).
    today: Date,
}

impl Default for Ranking {
    fn default() -> Ranking {
        Ranking {
            now: CompactHorizon::default(),
            after_release: None,
            today: Date::MIN,
        }
    }
}

/// One offer's place in a horizon, with its findings: the very item of a [`MatchResult`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Fit(Fit),
    Excluded(Excluded),
    Beyond(Beyond),
}

/// Ranks the profile against a prepared catalogue without building any finding (see
/// [`Ranking`]). A preparation that does not belong to the offers is made again for the call.
pub fn rank_prepared(
    profile: &Profile,
    offers: &[Offer],
    prepared: &Prepared,
    refdata: &RefData,
    today: Date,
) -> Ranking {
    let own;
    let prepared = if prepared.is_for(offers, refdata) {
        prepared
    } else {
        own = Prepared::new(offers, refdata);
        &own
    };
    let ctx = Ctx::new(profile, refdata, today);
    let fast = Fast::new(&ctx, prepared);
    rank(&ctx, &fast, offers, prepared, today)
}

impl Ranking {
    pub fn horizon(&self, h: Horizon) -> Option<&CompactHorizon> {
        match h {
            Horizon::Now => Some(&self.now),
            Horizon::AfterRelease => self.after_release.as_ref(),
        }
    }

    /// What reads the findings of one offer at a time: the same profile, offers and reference
    /// data as the ranking, and their preparation (`None` when it does not belong to them).
    pub fn details<'a>(
        &'a self,
        profile: &'a Profile,
        offers: &'a [Offer],
        prepared: &'a Prepared,
        refdata: &'a RefData,
    ) -> Option<Details<'a>> {
        if !prepared.is_for(offers, refdata) || self.now.slots.len() != offers.len() {
            return None;
        }
        let ctx = Ctx::new(profile, refdata, self.today);
        let fast = Fast::new(&ctx, prepared);
        Some(Details {
            ctx,
            fast,
            offers,
            ranking: self,
        })
    }
}

/// The findings of the offers of a [`Ranking`], one at a time ([`Ranking::details`]).
pub struct Details<'a> {
    ctx: Ctx<'a>,
    fast: Fast<'a>,
    offers: &'a [Offer],
    ranking: &'a Ranking,
}

impl Details<'_> {
    /// The offer (its index in the catalogue) in that horizon, with its findings: what
    /// [`match_prepared`] gives for it.
    pub fn item(&self, offer: u32, h: Horizon) -> Option<Item> {
        let horizon = self.ranking.horizon(h)?;
        let o = self.offers.get(offer as usize)?;
        let po = self.fast.prepared.offers.get(offer as usize)?;
        let mut e = Evaluation::default();
        self.ctx
            .evaluate_fast(&self.fast, (offer, o, po), h, &mut e);
        if !e.rules.is_empty() {
            return Some(Item::Excluded(Excluded {
                id: o.id.to_string(),
                rules: e.exclusions,
                possible_from: e.possible_from,
            }));
        }
        if let Some(mut beyond) = e.beyond.take() {
            beyond.id = o.id.to_string();
            beyond.warnings = e.warnings;
            return Some(Item::Beyond(beyond));
        }
        let mut reasons = e.reasons;
        if let Some(next) = horizon
            .partner(offer)
            .and_then(|j| self.offers.get(j as usize))
        {
            let (title, organisation) = (next.title.to_string(), next.organisation.to_string());
            reasons.push(Reason {
                points: points::CONTINUATION,
                why: match h {
                    Horizon::Now => Why::ContinuesOutside {
                        title,
                        organisation,
                    },
                    Horizon::AfterRelease => Why::ContinuationOf {
                        title,
                        organisation,
                    },
                },
            });
        }
        Some(Item::Fit(Fit {
            id: o.id.to_string(),
            score: reasons.iter().map(|r| r.points).sum(),
            reasons,
            warnings: e.warnings,
        }))
    }

    /// The offer's findings, if it fits in that horizon.
    pub fn fit(&self, offer: u32, h: Horizon) -> Option<Fit> {
        match self.item(offer, h)? {
            Item::Fit(f) => Some(f),
            _ => None,
        }
    }
    pub fn excluded(&self, offer: u32, h: Horizon) -> Option<Excluded> {
        match self.item(offer, h)? {
            Item::Excluded(x) => Some(x),
            _ => None,
        }
    }
    pub fn beyond(&self, offer: u32, h: Horizon) -> Option<Beyond> {
        match self.item(offer, h)? {
            Item::Beyond(b) => Some(b),
            _ => None,
        }
    }

    /// Every item of a horizon, in the ranking's orders: a [`HorizonResult`].
    pub fn horizon(&self, h: Horizon) -> Option<HorizonResult> {
        self.horizon_where(h, |_| true)
    }

    /// The items of a horizon whose offer (its index) is kept, in the ranking's orders.
    pub fn horizon_where(&self, h: Horizon, keep: impl Fn(u32) -> bool) -> Option<HorizonResult> {
        let c = self.ranking.horizon(h)?;
        Some(HorizonResult {
            fits: c
                .fits
                .iter()
                .filter(|f| keep(f.offer))
                .filter_map(|f| self.fit(f.offer, h))
                .collect(),
            excluded: c
                .excluded
                .iter()
                .filter(|x| keep(x.offer))
                .filter_map(|x| self.excluded(x.offer, h))
                .collect(),
            beyond: c
                .beyond
                .iter()
                .filter(|b| keep(b.offer))
                .filter_map(|b| self.beyond(b.offer, h))
                .collect(),
        })
    }

    /// The whole result, every offer's findings read: what [`match_prepared`] gives.
    pub fn all(&self) -> MatchResult {
        self.all_where(|_| true)
    }

    /// The result restricted to the offers kept (by index): what a sheet of a few offers
    /// prints, without reading the others' findings.
    pub fn all_where(&self, keep: impl Fn(u32) -> bool) -> MatchResult {
        MatchResult {
            now: self.horizon_where(Horizon::Now, &keep).unwrap_or_default(),
            after_release: self.horizon_where(Horizon::AfterRelease, &keep),
        }
    }
}

/// The profile's side resolved against a prepared catalogue, and what is remembered of each
/// code while ranking (each code is compared with the profile once, not once per offer).
struct Fast<'a> {
    prepared: &'a Prepared,
    /// The person's establishment, as written and as a code of the catalogue.
    establishment: Option<&'a str>,
    establishment_code: Option<u32>,
    /// The département of the person's establishment, written and as a place.
    establishment_departement: Option<String>,
    establishment_departement_place: Option<u32>,
    goes_out: bool,
    /// The bans, trimmed, and those that name no known place.
    bans: Vec<&'a str>,
    unread_bans: Vec<&'a str>,
    /// Per code: a banned activity; a prerequisite the person has.
    banned_code: Vec<bool>,
    /// Per sector: the banned activity whose job it is or covers (empty: no such ban).
    sector_bans: Vec<Option<SectorBan>>,
    has_code: Vec<bool>,
    /// The measures of each horizon, listed and as a mask.
    measures: [Vec<Measure>; 2],
    measure_masks: [u16; 2],
    /// The département of the origin of each horizon, as a place.
    origin_departement: [Option<u32>; 2],
    obligation_training: bool,
    obligation_work: bool,
    /// Per place: what the bans say of it (0: not yet read; see `ban_of_place`).
    place_bans: Vec<Cell<u32>>,
    /// Per place and horizon: the distance from the origin (NaN: not yet measured).
    km: [Vec<Cell<f64>>; 2],
    /// Per skill key and per sector: 0 not yet compared, else 1 + bits.
    skill_match: Vec<Cell<u8>>,
    sector_match: Vec<Cell<u8>>,
    /// Per list of hours of the preparation: 0 not yet compared with the curfew, else
    /// `CURFEW_READ` and maybe `CURFEW_MEETS` (empty without a readable curfew).
    curfew_meets: Vec<Cell<u8>>,
    /// Per horizon: the day the timing is read from (the release, else today), as a number.
    reference_day: [i32; 2],
    /// Per horizon: where the person lives, as the zones of eligibility read it.
    zone_person: [ZonePerson; 2],
}

/// Where the person lives for `zone_eligibilite`, as places of the preparation.
enum ZonePerson {
    /// A commune: it, its current commune and its département (`None`: no offer names it).
    Commune {
        code: String,
        places: [Option<u32>; 3],
    },
    /// Only a département.
    Departement {
        code: String,
        place: Option<u32>,
    },
    Unknown,
}

const CURFEW_READ: u8 = 1;
const CURFEW_MEETS: u8 = 2;

/// A day as the preparation numbers them.
fn f_day(d: Date) -> i32 {
    pr_::day(d)
}

/// What the bans say of a place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PlaceBan {
    None,
    /// Surely covered by this ban.
    Covered(usize),
    /// May be covered by this ban, which a warning says so.
    Unlisted(usize),
    Part(usize),
    Departement(usize),
}

impl PlaceBan {
    fn encode(self) -> u32 {
        let (kind, k) = match self {
            PlaceBan::None => (1, 0),
            PlaceBan::Covered(k) => (2, k),
            PlaceBan::Unlisted(k) => (3, k),
            PlaceBan::Part(k) => (4, k),
            PlaceBan::Departement(k) => (5, k),
        };
        kind | ((k as u32) << 4)
    }
    fn decode(v: u32) -> PlaceBan {
        let k = (v >> 4) as usize;
        match v & 15 {
            2 => PlaceBan::Covered(k),
            3 => PlaceBan::Unlisted(k),
            4 => PlaceBan::Part(k),
            5 => PlaceBan::Departement(k),
            _ => PlaceBan::None,
        }
    }
}

const SKILL_READ: u8 = 1;
const SKILL_MATCH: u8 = 2;
const SECTOR_PREFIX: u8 = 2;
const SECTOR_LETTER: u8 = 4;

fn cells<T: Copy>(n: usize, v: T) -> Vec<Cell<T>> {
    (0..n).map(|_| Cell::new(v)).collect()
}

impl<'a> Fast<'a> {
    fn new(ctx: &Ctx<'a>, prepared: &'a Prepared) -> Fast<'a> {
        let p = ctx.profile;
        let rd = ctx.refdata;
        let establishment = p.establishment.as_deref().filter(|s| !s.is_empty());
        let establishment_departement = establishment
            .and_then(|e| rd.establishment(e))
            .map(|x| x.departement.clone());
        let bans: Vec<&str> = p
            .banned_places
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let unread_bans = bans
            .iter()
            .copied()
            .filter(|b| !rd.knows_place(b))
            .collect();
        let codes = &prepared.codes;
        let per_code = |list: &[String]| -> Vec<bool> {
            if list.is_empty() {
                return Vec::new();
            }
            (0..codes.len() as u32)
                .map(|i| list.iter().any(|x| x == codes.name(i)))
                .collect()
        };
        let measures = [
            ctx.measures(Horizon::Now),
            ctx.measures(Horizon::AfterRelease),
        ];
        let measure_masks = [
            crate::prepared::measure_mask(&measures[0]),
            crate::prepared::measure_mask(&measures[1]),
        ];
        let origin_departement = [0, 1].map(|h: usize| {
            ctx.origins
                .get(h)
                .and_then(Option::as_ref)
                .and_then(|o| o.departement.as_deref())
                .and_then(|d| prepared.places.get(d))
        });
        let places = prepared.places.len();
        Fast {
            prepared,
            establishment,
            establishment_code: establishment.and_then(|e| codes.get(e)),
            establishment_departement_place: establishment_departement
                .as_deref()
                .and_then(|d| prepared.places.get(d)),
            establishment_departement,
            goes_out: p.measures.iter().any(|m| m.goes_out_by_day()),
            place_bans: if bans.is_empty() {
                Vec::new()
            } else {
                cells(places, 0)
            },
            bans,
            unread_bans,
            banned_code: per_code(&ctx.banned_activities),
            sector_bans: if ctx
                .banned_activities
                .iter()
                .any(|a| regulated_jobs::jobs_of(a).next().is_some())
            {
                (0..prepared.sectors.len() as u32)
                    .map(|s| {
                        regulated_jobs::sector_ban(prepared.sectors.name(s), &ctx.banned_activities)
                    })
                    .collect()
            } else {
                Vec::new()
            },
            has_code: per_code(&ctx.has),
            measures,
            measure_masks,
            origin_departement,
            obligation_training: ctx.obligations.iter().any(|k| k == "formation"),
            obligation_work: ctx.obligations.iter().any(|k| k == "travail"),
            km: [0, 1].map(|h: usize| {
                if ctx.origins.get(h).is_some_and(Option::is_some) {
                    cells(places, f64::NAN)
                } else {
                    Vec::new()
                }
            }),
            skill_match: if ctx.skills.is_empty() {
                Vec::new()
            } else {
                cells(prepared.skills.len(), 0)
            },
            sector_match: if p.sectors.is_empty() {
                Vec::new()
            } else {
                cells(prepared.sectors.len(), 0)
            },
            curfew_meets: match ctx.curfew {
                Some(Ok(_)) => cells(prepared.schedules.len(), 0),
                _ => Vec::new(),
            },
            reference_day: [Horizon::Now, Horizon::AfterRelease]
                .map(|h| f_day(ctx.reference_date(h).unwrap_or(ctx.today))),
            zone_person: [Horizon::Now, Horizon::AfterRelease].map(|h| {
                let places = &prepared.places;
                match ctx.zone_person(h) {
                    (Some(c), _) => {
                        let current = rd
                            .current_commune(&c)
                            .map_or_else(|| c.clone(), |x| x.code.clone());
                        let d = rd.departement_code_of(&c);
                        ZonePerson::Commune {
                            places: [places.get(&c), places.get(&current), places.get(&d)],
                            code: c,
                        }
                    }
                    (None, Some(d)) => ZonePerson::Departement {
                        place: places.get(&d),
                        code: d,
                    },
                    (None, None) => ZonePerson::Unknown,
                }
            }),
        }
    }
}

/// The one of a pair (now, after release) for this horizon.
fn pick<T>(pair: &[T; 2], h: Horizon) -> &T {
    let [now, after] = pair;
    match h {
        Horizon::Now => now,
        Horizon::AfterRelease => after,
    }
}

fn horizon_index(h: Horizon) -> usize {
    match h {
        Horizon::Now => 0,
        Horizon::AfterRelease => 1,
    }
}

/// The ranking pass on a prepared catalogue: each offer is read into one reused
/// [`Evaluation`] that builds no finding; what is kept is the offer's index and what orders and
/// counts it.
fn rank(
    ctx: &Ctx<'_>,
    fast: &Fast<'_>,
    offers: &[Offer],
    prepared: &Prepared,
    today: Date,
) -> Ranking {
    let mut e = Evaluation {
        compact: true,
        ..Evaluation::default()
    };
    let n = offers.len().min(prepared.offers.len());
    // Room for every offer in each list: they are built again, to size, by `finish`.
    let empty = || CompactHorizon {
        slots: Vec::with_capacity(n),
        fits: Vec::with_capacity(n),
        excluded: Vec::with_capacity(n),
        beyond: Vec::with_capacity(n),
        partners: Vec::new(),
    };
    let mut now = empty();
    let mut after = (ctx.profile.situation == Situation::Dedans).then(empty);
    // The pass reads the preparation alone: the evaluation is handed one stand-in offer for
    // every offer, which it reads only to build findings (and builds none here). At 100k offers
    // the `Offer`s leave the cache; were a rule to read one, the property tests would see the
    // stand-in's values instead of the offer's.
    let Some(stand_in) = offers.first() else {
        return Ranking {
            now: CompactHorizon::default(),
            after_release: after.map(|_| CompactHorizon::default()),
            today,
        };
    };
    // Both horizons of an offer one after the other: the catalogue is read once.
    for (i, po) in prepared.offers.iter().take(n).enumerate() {
        let offer = i as u32;
        let o = stand_in;
        e.clear();
        ctx.evaluate_fast(fast, (offer, o, po), Horizon::Now, &mut e);
        now.file(offer, &e);
        if let Some(after) = after.as_mut() {
            e.clear();
            ctx.evaluate_fast(fast, (offer, o, po), Horizon::AfterRelease, &mut e);
            after.file(offer, &e);
        }
    }
    let Some(mut after) = after else {
        now.finish(prepared);
        return Ranking {
            now,
            after_release: None,
            today,
        };
    };
    // Dedans → dehors: an offer fitting now that continues outside, and its continuation.
    let continues = |i: u32| prepared.ids(prepared.extras(i).continues);
    let n = n as u32;
    for i in 0..n {
        if !now.fits(i) {
            continue;
        }
        if let Some(&j) = continues(i).iter().find(|&&j| after.fits(j)) {
            now.partners.push((i, j));
            now.add_score(i, points::CONTINUATION);
        }
    }
    // The offer fitting now that each offer continues, the smallest id winning (the first row
    // among equal ids: the rank by (id, row)).
    let id_of = |k: u32| prepared.id_rank(k);
    let mut previous: Vec<u32> = vec![u32::MAX; n as usize];
    for i in 0..n {
        if !now.fits(i) {
            continue;
        }
        for &j in continues(i) {
            if let Some(slot) = previous.get_mut(j as usize) {
                if *slot == u32::MAX || id_of(i) < id_of(*slot) {
                    *slot = i;
                }
            }
        }
    }
    for (j, &i) in previous.iter().enumerate() {
        let j = j as u32;
        if i != u32::MAX && after.fits(j) {
            after.partners.push((j, i));
            after.add_score(j, points::CONTINUATION);
        }
    }
    now.finish(prepared);
    after.finish(prepared);
    Ranking {
        now,
        after_release: Some(after),
        today,
    }
}

impl Ctx<'_> {
    /// [`reference`]'s `evaluate` on a prepared offer: the same rules in the same order.
    fn evaluate_fast(
        &self,
        f: &Fast<'_>,
        (offer, o, po): (u32, &Offer, &PreparedOffer),
        h: Horizon,
        e: &mut Evaluation,
    ) {
        let p = self.profile;
        let pr = f.prepared;
        let mode = self.mode_fast(f, o, po, h, e);
        if mode == Some(Mode::Outside) {
            if po.measures != 0 && po.measures & *pick(&f.measure_masks, h) == 0 {
                e.exclude_with(Rule::Measure, || Exclusion::Measure {
                    accepted: o.measures.to_vec(),
                    person: pick(&f.measures, h).clone(),
                    after_release: h == Horizon::AfterRelease,
                });
            }
            self.place_rule_fast(f, po, e);
            self.zone_rule_fast(f, o, po, h, e);
            if h == Horizon::Now {
                self.curfew_rule_fast(f, po, e);
            }
        }
        if !f.banned_code.is_empty() {
            for &a in pr.list(po, Lists::Regulated) {
                if f.banned_code.get(a as usize).copied().unwrap_or(false) {
                    e.exclude_with(Rule::BannedActivity, || {
                        Exclusion::BannedActivity(pr.codes.name(a).to_string())
                    });
                }
            }
        }
        if !f.sector_bans.is_empty() && !e.rules.contains(Rule::BannedActivity) {
            let sectors = pr.list(po, Lists::Sectors);
            let ban_of = |s: u32| f.sector_bans.get(s as usize).copied().flatten();
            let jobs = regulated_jobs::offer_jobs(sectors.iter().map(|&s| ban_of(s)));
            let sector_of = |b: &SectorBan| {
                sectors
                    .iter()
                    .find(|&&s| ban_of(s) == Some(*b))
                    .map(|&s| pr.sectors.name(s).to_string())
                    .unwrap_or_default()
            };
            self.job_ban_finding(jobs, sector_of, e);
        }
        if po.flags & pr_::B2_VIERGE != 0 {
            match p.record.b2 {
                Some(true) => e.exclude_with(Rule::RecordB2, || Exclusion::RecordB2),
                Some(false) => {}
                None => e.warn_with(|| Warning::RecordB2CleanUnknown),
            }
        }
        self.dates_rule_fast(o, po, h, e);
        if !e.rules.is_empty() {
            e.possible_from = self.possible_from_fast(po, e.rules);
            return;
        }
        if !e.compact {
            self.warnings_fast(f, o, offer, h, e);
        }
        self.score_fast(f, o, po, h, mode.unwrap_or(Mode::Outside), e);
    }

    fn mode_fast(
        &self,
        f: &Fast<'_>,
        o: &Offer,
        po: &PreparedOffer,
        h: Horizon,
        e: &mut Evaluation,
    ) -> Option<Mode> {
        let p = self.profile;
        let pr = f.prepared;
        match (p.situation, h) {
            (Situation::Dedans, Horizon::Now) => {
                let Some(est) = f.establishment else {
                    e.exclude_with(Rule::Establishment, || Exclusion::EstablishmentMissing);
                    return None;
                };
                if po.flags & pr_::INSIDE != 0
                    && f.establishment_code
                        .is_some_and(|c| pr.list(po, Lists::Establishments).contains(&c))
                {
                    return Some(Mode::Inside);
                }
                if po.flags & pr_::OUTSIDE != 0 && f.goes_out {
                    let in_dept = po.flags & pr_::ANYWHERE != 0
                        || f.establishment_departement_place
                            .is_some_and(|d| pr.list(po, Lists::Departements).contains(&d));
                    if in_dept {
                        return Some(Mode::Outside);
                    }
                    e.exclude_with(Rule::Situation, || {
                        Exclusion::OutsideDepartement(f.establishment_departement.clone())
                    });
                    return None;
                }
                if po.flags & pr_::INSIDE != 0 {
                    e.exclude_with(Rule::Establishment, || Exclusion::OtherEstablishment {
                        offer: o.establishments().iter().map(|s| s.to_string()).collect(),
                        person: est.to_string(),
                    });
                } else {
                    e.exclude_with(Rule::Situation, || Exclusion::OpenMilieu);
                }
                None
            }
            (Situation::Dedans, Horizon::AfterRelease) | (Situation::Dehors, _) => {
                if po.flags & pr_::OUTSIDE != 0 {
                    Some(Mode::Outside)
                } else {
                    e.exclude_with(Rule::Situation, || {
                        if p.situation == Situation::Dehors {
                            Exclusion::InsideOnlyPersonOutside
                        } else {
                            Exclusion::InsideOnlyAfterRelease
                        }
                    });
                    None
                }
            }
        }
    }

    /// What the bans say of a place, read once a call.
    fn ban_of_place(&self, f: &Fast<'_>, place: u32) -> PlaceBan {
        let Some(cell) = f.place_bans.get(place as usize) else {
            return PlaceBan::None;
        };
        if cell.get() != 0 {
            return PlaceBan::decode(cell.get());
        }
        let rd = self.refdata;
        let code = f.prepared.places.name(place);
        let v = if let Some(k) = f.bans.iter().position(|b| self.ban_covers(b, code)) {
            PlaceBan::Covered(k)
        } else if let Some(k) = f.bans.iter().position(|b| self.ban_may_cover(b, code)) {
            let ban = f.bans.get(k).copied().unwrap_or_default();
            if rd.communes.is_empty()
                && is_commune_code(code)
                && rd.parent_code(ban).as_deref() != Some(code)
            {
                PlaceBan::Unlisted(k)
            } else if is_commune_code(code) {
                PlaceBan::Part(k)
            } else {
                PlaceBan::Departement(k)
            }
        } else {
            PlaceBan::None
        };
        cell.set(v.encode());
        v
    }

    /// [`reference`]'s `place_rule` on a prepared offer.
    fn place_rule_fast(&self, f: &Fast<'_>, po: &PreparedOffer, e: &mut Evaluation) {
        let anywhere = po.flags & pr_::ANYWHERE != 0;
        let pr = f.prepared;
        if f.bans.is_empty() || (anywhere && pr.list(po, Lists::Departements).is_empty()) {
            return;
        }
        let communes = pr.list(po, Lists::Communes);
        let places = if communes.is_empty() {
            pr.list(po, Lists::Departements)
        } else {
            communes
        };
        let ban = |k: usize| f.bans.get(k).copied().unwrap_or_default().to_string();
        let name = |pl: u32| pr.places.name(pl).to_string();
        let covered = places
            .iter()
            .filter(|&&pl| matches!(self.ban_of_place(f, pl), PlaceBan::Covered(_)))
            .count();
        if covered > 0 && covered == places.len() && !anywhere {
            if e.compact {
                e.rules.insert(Rule::BannedPlace);
                return;
            }
            for &pl in places {
                if let PlaceBan::Covered(k) = self.ban_of_place(f, pl) {
                    e.exclude_with(Rule::BannedPlace, || Exclusion::BannedPlace {
                        ban: ban(k),
                        place: name(pl),
                    });
                }
            }
            return;
        }
        if e.compact {
            return;
        }
        for b in &f.unread_bans {
            e.warn_with(|| Warning::BannedPlaceUnread { ban: b.to_string() });
        }
        for &pl in places {
            if let PlaceBan::Covered(k) = self.ban_of_place(f, pl) {
                e.warn_with(|| Warning::BannedPlaceElsewhere {
                    ban: ban(k),
                    place: name(pl),
                });
            }
        }
        for &pl in places {
            match self.ban_of_place(f, pl) {
                PlaceBan::Unlisted(k) => e.warn_with(|| Warning::BannedPlaceUnlisted {
                    ban: ban(k),
                    place: name(pl),
                }),
                PlaceBan::Part(k) => e.warn_with(|| Warning::BannedPlacePart {
                    ban: ban(k),
                    place: name(pl),
                }),
                PlaceBan::Departement(k) => e.warn_with(|| Warning::BannedPlaceDepartement {
                    ban: ban(k),
                    departement: name(pl),
                }),
                PlaceBan::None | PlaceBan::Covered(_) => {}
            }
        }
    }

    /// [`reference`]'s `warnings` on a prepared offer.
    fn warnings_fast(&self, f: &Fast<'_>, o: &Offer, offer: u32, h: Horizon, e: &mut Evaluation) {
        let p = self.profile;
        let pr = f.prepared;
        match o.record {
            Some(RecordRequirement::B2) => match p.record.b2 {
                Some(true) => e.warn_with(|| Warning::RecordB2Mention),
                None => e.warn_with(|| Warning::RecordB2Unknown),
                Some(false) => {}
            },
            Some(RecordRequirement::B3) => match p.record.b3 {
                Some(true) => e.warn_with(|| Warning::RecordB3Mention),
                None => e.warn_with(|| Warning::RecordB3Unknown),
                Some(false) => {}
            },
            _ => {}
        }
        let has = |c: u32| f.has_code.get(c as usize).copied().unwrap_or(false);
        let extras = pr.extras(offer);
        let prerequisites = pr.ids(extras.prerequisites);
        if prerequisites.iter().any(|&c| !has(c)) {
            e.warn_with(|| {
                Warning::Prerequisites(
                    prerequisites
                        .iter()
                        .filter(|&&c| !has(c))
                        .map(|&c| pr.codes.name(c).to_string())
                        .collect(),
                )
            });
        }
        if let Some(publics) = pr.publics.get(extras.publics as usize) {
            e.warn_with(|| Warning::Public(publics.clone()));
        }
        match o.seats {
            Some(0) => e.warn_with(|| Warning::NoSeats),
            None => e.warn_with(|| Warning::SeatsUnknown),
            _ => {}
        }
        if h == Horizon::AfterRelease && p.release_date.is_none() {
            e.warn_with(|| Warning::ReleaseDateUnknown);
        }
        if let Some(c) = o
            .checked
            .filter(|_| crate::freshness::is_stale(o, self.today))
        {
            e.warn_with(|| Warning::Stale(c));
        }
    }

    /// [`Ctx::dates_rule`] on the offer's end as a day number.
    fn dates_rule_fast(&self, o: &Offer, po: &PreparedOffer, h: Horizon, e: &mut Evaluation) {
        if po.end == pr_::NO_END {
            return;
        }
        // `o.end` is the day `po.end` numbers: read only to say it.
        let end = || o.end.unwrap_or(Date::MIN);
        let ended = po.end < f_day(self.today);
        match h {
            Horizon::Now if ended => e.exclude_with(Rule::Dates, || Exclusion::Ended(end())),
            Horizon::AfterRelease => match self.profile.release_date {
                Some(r) if po.end < f_day(r) => {
                    e.exclude_with(Rule::Dates, || Exclusion::EndsBeforeRelease {
                        end: end(),
                        release: r,
                    })
                }
                None if ended => e.exclude_with(Rule::Dates, || Exclusion::Ended(end())),
                _ => {}
            },
            _ => {}
        }
    }

    /// [`Ctx::possible_from`] on the offer's measures as a mask and its end as a day number.
    fn possible_from_fast(&self, po: &PreparedOffer, rules: Rules) -> Option<Date> {
        // Only these rules may end on a day the profile gives (most excluded offers are
        // excluded by another: the establishment, the situation).
        let may_end = [
            Rule::BannedPlace,
            Rule::BannedActivity,
            Rule::Curfew,
            Rule::Measure,
        ]
        .into_iter()
        .fold(0, |m, r| m | r.bit());
        if rules.0 & !may_end != 0 {
            return None;
        }
        let p = self.profile;
        let sans_mesure = po.measures & pr_::measure_bit(Measure::SansMesure) != 0;
        let mut from: Option<Date> = None;
        for rule in rules.iter() {
            let end = match rule {
                Rule::BannedPlace => p.banned_places_until,
                Rule::BannedActivity => p.banned_activities_until,
                Rule::Curfew => p.curfew_until,
                Rule::Measure if sans_mesure => p.measures_until,
                _ => None,
            }?;
            from = Some(from.map_or(end, |f| f.max(end)));
        }
        let from = from?;
        if po.end < f_day(from) {
            return None;
        }
        Some(from)
    }

    /// [`Ctx::zone_rule`] on the zone as places: the person's commune, its current commune and
    /// its département (or the département alone) were looked up once for the call.
    fn zone_rule_fast(
        &self,
        f: &Fast<'_>,
        o: &Offer,
        po: &PreparedOffer,
        h: Horizon,
        e: &mut Evaluation,
    ) {
        let pr = f.prepared;
        let zone = pr.list(po, Lists::Zone);
        if zone.is_empty() {
            return;
        }
        let first = || {
            o.zone_eligibilite()
                .iter()
                .take(5)
                .map(|z| z.to_string())
                .collect()
        };
        let more = zone.len() > 5;
        match pick(&f.zone_person, h) {
            ZonePerson::Commune { code, places } => {
                if !zone.iter().any(|z| places.contains(&Some(*z))) {
                    e.exclude_with(Rule::Zone, || Exclusion::Zone {
                        zone: first(),
                        more,
                        person: code.clone(),
                        at: PersonAt::of(self.profile.situation, h),
                    });
                }
            }
            ZonePerson::Departement { code, place } => {
                let held = |list: &[u32]| place.is_some_and(|d| list.contains(&d));
                if held(zone) {
                } else if held(pr.list(po, Lists::ZoneDepartements)) {
                    e.warn_with(|| Warning::ZoneCommune {
                        zone: first(),
                        more,
                    })
                } else {
                    e.exclude_with(Rule::Zone, || Exclusion::Zone {
                        zone: first(),
                        more,
                        person: code.clone(),
                        at: PersonAt::of(self.profile.situation, h),
                    })
                }
            }
            ZonePerson::Unknown => e.warn_with(|| Warning::ZonePerson {
                zone: first(),
                more,
            }),
        }
    }

    /// [`Ctx::curfew_rule`] on the offer's hours as shared in the preparation: whether the
    /// curfew meets each list of hours is read once a call.
    fn curfew_rule_fast(&self, f: &Fast<'_>, po: &PreparedOffer, e: &mut Evaluation) {
        let Some(curfew) = &self.curfew else { return };
        let c = match curfew {
            Err(err) => {
                e.warn_with(|| self.curfew_unreadable(err));
                return;
            }
            Ok(c) => c,
        };
        let Some(hours) = f.prepared.schedule(po.schedule) else {
            e.warn_with(|| Warning::CurfewHoursUnknown {
                curfew: Arc::clone(c),
            });
            return;
        };
        let Some(cell) = f.curfew_meets.get(po.schedule as usize) else {
            return;
        };
        if cell.get() == 0 {
            let meets = c.overlap(hours).is_some();
            cell.set(CURFEW_READ | if meets { CURFEW_MEETS } else { 0 });
        }
        if cell.get() & CURFEW_MEETS != 0 {
            // A known part that meets the curfew excludes, whatever the rest says.
            match c.overlap(hours).filter(|_| !e.compact) {
                Some(span) => e.exclude(Exclusion::Curfew {
                    curfew: Arc::clone(c),
                    hours: Arc::clone(hours),
                    span,
                    dedans: self.profile.situation == Situation::Dedans,
                }),
                None => e.rules.insert(Rule::Curfew),
            }
        } else if !e.compact && !hours.is_known() {
            e.warn(Warning::CurfewHoursPartly {
                curfew: Arc::clone(c),
                hours: Arc::clone(hours),
            });
        }
    }

    fn skill_matches(&self, f: &Fast<'_>, key: u32) -> bool {
        let Some(cell) = f.skill_match.get(key as usize) else {
            return false;
        };
        if cell.get() == 0 {
            let k = f.prepared.skills.name(key);
            let hit = self.skills.iter().any(|m| skills_match_folded(m, k));
            cell.set(SKILL_READ | if hit { SKILL_MATCH } else { 0 });
        }
        cell.get() & SKILL_MATCH != 0
    }

    fn sector_match(&self, f: &Fast<'_>, sector: u32) -> u8 {
        let Some(cell) = f.sector_match.get(sector as usize) else {
            return 0;
        };
        if cell.get() == 0 {
            let s = f.prepared.sectors.name(sector);
            let wanted = &self.profile.sectors;
            let prefix = wanted
                .iter()
                .any(|w| s.starts_with(w.as_str()) || w.starts_with(s));
            let letter = wanted.iter().any(|w| w.get(..1) == s.get(..1));
            cell.set(
                SKILL_READ
                    | if prefix { SECTOR_PREFIX } else { 0 }
                    | if letter { SECTOR_LETTER } else { 0 },
            );
        }
        cell.get()
    }

    /// [`reference`]'s `score` on a prepared offer; stops at an offer out of reach (its
    /// reasons are not kept).
    fn score_fast(
        &self,
        f: &Fast<'_>,
        o: &Offer,
        po: &PreparedOffer,
        h: Horizon,
        mode: Mode,
        e: &mut Evaluation,
    ) {
        let pr = f.prepared;
        // Skills.
        if !f.skill_match.is_empty() {
            let keys = pr.list(po, Lists::Skills);
            let n = keys.iter().filter(|&&k| self.skill_matches(f, k)).count();
            if n > 0 {
                let pts = (n as u32 * points::SKILLS_EACH).min(points::SKILLS_MAX);
                e.reason_with(pts, || {
                    Why::Skills(
                        o.skills()
                            .iter()
                            .zip(keys)
                            .filter(|(_, &k)| self.skill_matches(f, k))
                            .map(|(s, _)| s.to_string())
                            .collect(),
                    )
                });
            }
        }
        // Sectors by ROME prefix.
        if !f.sector_match.is_empty() {
            let sectors = pr.list(po, Lists::Sectors);
            if let Some(&s) = sectors
                .iter()
                .find(|&&s| self.sector_match(f, s) & SECTOR_PREFIX != 0)
            {
                e.reason_with(points::SECTOR, || {
                    Why::Sector(pr.sectors.name(s).to_string())
                });
            } else if let Some(&s) = sectors
                .iter()
                .find(|&&s| self.sector_match(f, s) & SECTOR_LETTER != 0)
            {
                let letter = pr.sectors.name(s).get(..1).unwrap_or_default();
                e.reason_with(points::SECTOR_DOMAIN, || {
                    Why::SectorDomain(letter.to_string())
                });
            }
        }
        // Place.
        self.place_score_fast(f, po, h, mode, e);
        if e.beyond_km.is_some() {
            return;
        }
        // Timing.
        {
            let r = *pick(&f.reference_day, h);
            let after_release = h == Horizon::AfterRelease;
            if po.start != pr_::NO_START && po.start > r {
                // `o.start` is the day `po.start` numbers: read only to say it.
                let start = || o.start.unwrap_or(Date::MIN);
                if i64::from(po.start) - i64::from(r) <= SOON_DAYS {
                    e.reason_with(points::TIMING_SOON, || Why::StartsSoon {
                        start: start(),
                        after_release,
                    });
                } else {
                    e.reason_with(points::TIMING_LATER, || Why::StartsLate(start()));
                }
            } else {
                e.reason_with(points::TIMING_OPEN, || Why::Open {
                    permanent: po.start == pr_::NO_START && po.end == pr_::NO_END,
                    after_release,
                });
            }
        }
        // Obligations the court set.
        let met = if f.obligation_training && po.flags & pr_::TRAINING != 0 {
            Some(Obligation::Training)
        } else if f.obligation_work && po.flags & pr_::WORK != 0 {
            Some(Obligation::Work)
        } else {
            None
        };
        if let Some(met) = met {
            e.reason_with(points::OBLIGATION, || Why::Obligation(met));
        }
    }

    /// [`reference`]'s `place_score` on a prepared offer: distances measured once per place.
    fn place_score_fast(
        &self,
        f: &Fast<'_>,
        po: &PreparedOffer,
        h: Horizon,
        mode: Mode,
        e: &mut Evaluation,
    ) {
        let p = self.profile;
        let pr = f.prepared;
        if mode == Mode::Inside {
            let est = p.establishment.as_deref().unwrap_or_default();
            e.reason_with(points::PLACE_SAME, || Why::Inside(est.to_string()));
            return;
        }
        if po.flags & pr_::ANYWHERE != 0 {
            e.reason_with(points::PLACE_REMOTE, || Why::Anywhere);
            return;
        }
        let hi = horizon_index(h);
        let Some(origin) = self.origins.get(hi).and_then(Option::as_ref) else {
            let home = match (p.situation, h) {
                (Situation::Dedans, Horizon::Now) => Home::Establishment,
                (Situation::Dedans, Horizon::AfterRelease) => Home::Release,
                _ => Home::Residence,
            };
            e.reason_with(0, || Why::PlaceNotCompared(home));
            return;
        };
        let km_memo = f.km.get(hi);
        let km_to = |place: u32| {
            let cell = km_memo.and_then(|m| m.get(place as usize));
            match cell.map(Cell::get) {
                Some(km) if !km.is_nan() => km,
                _ => {
                    let km = origin.point.km_to(pr.point(place));
                    if let Some(c) = cell {
                        c.set(km);
                    }
                    km
                }
            }
        };
        let name_rank = |pl: u32| pr.place_name_rank.get(pl as usize).copied();
        // Ties in distance go to the first name, as the counsellor reads them.
        let mut nearest: Option<(f64, u32)> = None;
        for &t in pr.list(po, Lists::Targets) {
            let km = km_to(t);
            let closer = match nearest {
                None => true,
                Some((best, b)) => km
                    .total_cmp(&best)
                    .then_with(|| name_rank(t).cmp(&name_rank(b)))
                    .is_lt(),
            };
            if closer {
                nearest = Some((km, t));
            }
        }
        let Some((km, target)) = nearest else {
            e.reason_with(0, || Why::OfferPlaceUnknown);
            return;
        };
        let to_estimate = po.flags & pr_::ESTIMATE != 0;
        let same_departement = pick(&f.origin_departement, h)
            .is_some_and(|d| pr.list(po, Lists::PlaceDepartements).contains(&d));
        let origin_estimate = matches!(origin.from, MeasuredFrom::ChefLieu { .. });
        if to_estimate && same_departement {
            let (home, points) = match &origin.from {
                MeasuredFrom::ChefLieu { home, .. } => (*home, points::PLACE_SAME),
                MeasuredFrom::Establishment(_) => (Home::Establishment, points::PLACE_DEPARTEMENT),
                MeasuredFrom::Commune(_) if h == Horizon::AfterRelease => {
                    (Home::Release, points::PLACE_DEPARTEMENT)
                }
                MeasuredFrom::Commune(_) => (Home::Residence, points::PLACE_DEPARTEMENT),
            };
            e.reason_with(points, || Why::SameDepartement {
                home,
                departement: origin.departement.clone().unwrap_or_default(),
            });
            return;
        }
        let estimate = to_estimate || origin_estimate;
        let reach = || Reach {
            metres: (km * 1000.0).floor() as u32,
            from: origin.from.clone(),
            to: pr.places.name(target).to_string(),
            to_estimate,
        };
        let radius = p.radius_km.unwrap_or(DEFAULT_RADIUS_KM);
        if km > f64::from(radius) && !(estimate && same_departement) {
            let distance_km = km.round() as u32;
            e.beyond_km = Some(distance_km);
            if !e.compact {
                // The id and the warnings are set when the offer is filed.
                e.beyond = Some(Beyond {
                    id: String::new(),
                    distance_km,
                    reach: reach(),
                    radius_km: radius,
                    warnings: Vec::new(),
                });
            }
            return;
        }
        e.reason_with(points::place_for_km(km), || Why::Distance(reach()));
    }
}

impl HorizonResult {
    /// The order of a result: best first, ties by id (never the catalogue's row order);
    /// excluded by id; beyond nearest first, ties by id. The streamed CLI sorts its merged
    /// chunks with it.
    pub fn sort(&mut self) {
        self.fits
            .sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        self.excluded.sort_by(|a, b| a.id.cmp(&b.id));
        self.beyond.sort_by(|a, b| {
            a.distance_km
                .cmp(&b.distance_km)
                .then_with(|| a.id.cmp(&b.id))
        });
    }
}

#[derive(Clone, Default)]
struct Evaluation {
    /// Count only: the rules, the score and the distance beyond the radius are kept, no
    /// finding is built (the closures that build them are not called).
    compact: bool,
    rules: Rules,
    score: u32,
    /// Set when the offer fits every rule but is out of reach: the distance in km.
    beyond_km: Option<u32>,
    exclusions: Vec<Exclusion>,
    warnings: Vec<Warning>,
    reasons: Vec<Reason>,
    /// Set when the offer fits every rule but is out of reach (not in a compact evaluation).
    beyond: Option<Beyond>,
    /// Excluded only by court rules that end on a known day: the day it becomes possible.
    possible_from: Option<Date>,
}

impl Evaluation {
    /// No rule excludes it and it is within reach.
    fn fits(&self) -> bool {
        self.rules.is_empty() && self.beyond.is_none() && self.beyond_km.is_none()
    }
    fn exclude(&mut self, x: Exclusion) {
        self.rules.insert(x.rule());
        self.exclusions.push(x);
    }
    fn warn(&mut self, w: Warning) {
        self.warnings.push(w);
    }
    fn reason(&mut self, points: u32, why: Why) {
        self.score += points;
        self.reasons.push(Reason { points, why });
    }
    /// The rule excludes the offer; `x` says how, called only when findings are built.
    fn exclude_with(&mut self, rule: Rule, x: impl FnOnce() -> Exclusion) {
        self.rules.insert(rule);
        if !self.compact {
            let x = x();
            debug_assert_eq!(x.rule(), rule);
            self.exclusions.push(x);
        }
    }
    fn warn_with(&mut self, w: impl FnOnce() -> Warning) {
        if !self.compact {
            self.warnings.push(w());
        }
    }
    fn reason_with(&mut self, points: u32, why: impl FnOnce() -> Why) {
        self.score += points;
        if !self.compact {
            self.reasons.push(Reason { points, why: why() });
        }
    }
    /// Ready for the next offer, keeping the buffers.
    fn clear(&mut self) {
        self.rules = Rules::default();
        self.score = 0;
        self.beyond_km = None;
        self.possible_from = None;
        // A compact evaluation builds no finding: nothing to drop.
        if !self.compact {
            self.exclusions.clear();
            self.warnings.clear();
            self.reasons.clear();
            self.beyond = None;
        }
    }
}

impl Ctx<'_> {
    /// The measures the person will be under in this horizon.
    /// The day an excluded offer becomes possible: every rule that excludes it ends on a day
    /// the profile gives (a measure's end helps only an offer open to people under no
    /// measure), and the offer has not ended by the latest of those days.
    fn possible_from(&self, o: &Offer, rules: Rules) -> Option<Date> {
        let p = self.profile;
        let mut from: Option<Date> = None;
        for rule in rules.iter() {
            let end = match rule {
                Rule::BannedPlace => p.banned_places_until,
                Rule::BannedActivity => p.banned_activities_until,
                Rule::Curfew => p.curfew_until,
                Rule::Measure if o.measures.contains(&Measure::SansMesure) => p.measures_until,
                _ => None,
            }?;
            from = Some(from.map_or(end, |f| f.max(end)));
        }
        let from = from?;
        if o.end.is_some_and(|end| end < from) {
            return None;
        }
        Some(from)
    }

    fn measures(&self, h: Horizon) -> Vec<Measure> {
        let p = self.profile;
        let mut m: Vec<Measure> = match (p.situation, h) {
            // After release, semi-liberté and placement à l'extérieur (ways of serving the
            // sentence in detention) end; other planned measures remain.
            (Situation::Dedans, Horizon::AfterRelease) => p
                .measures
                .iter()
                .copied()
                .filter(|m| !m.goes_out_by_day())
                .collect(),
            _ => p.measures.clone(),
        };
        if m.is_empty() {
            m.push(Measure::SansMesure);
        }
        m
    }

    /// data·inclusion's `zone_eligibilite`: the offer is reserved to people living there. The
    /// person's commune decides; with only a département known, a zone of communes in it is a
    /// warning; with nothing known, a warning.
    fn zone_rule(&self, o: &Offer, h: Horizon, e: &mut Evaluation) {
        if o.zone_eligibilite().is_empty() {
            return;
        }
        let rd = self.refdata;
        let first = || {
            o.zone_eligibilite()
                .iter()
                .take(5)
                .map(|z| z.to_string())
                .collect()
        };
        let more = o.zone_eligibilite().len() > 5;
        let (commune, dept) = self.zone_person(h);
        let zone = o.zone_eligibilite();
        if let Some(c) = commune {
            let current = rd
                .current_commune(&c)
                .map_or_else(|| c.clone(), |x| x.code.clone());
            let d = rd.departement_code_of(&c);
            if !zone.iter().any(|z| *z == c || *z == current || *z == d) {
                e.exclude_with(Rule::Zone, || Exclusion::Zone {
                    zone: first(),
                    more,
                    person: c,
                    at: PersonAt::of(self.profile.situation, h),
                });
            }
            return;
        }
        match dept {
            Some(d) if zone.iter().any(|z| *z == d) => {}
            Some(d) if zone.iter().any(|z| rd.departement_code_of(z) == d) => {
                e.warn_with(|| Warning::ZoneCommune {
                    zone: first(),
                    more,
                })
            }
            Some(d) => e.exclude_with(Rule::Zone, || Exclusion::Zone {
                zone: first(),
                more,
                person: d,
                at: PersonAt::of(self.profile.situation, h),
            }),
            None => e.warn_with(|| Warning::ZonePerson {
                zone: first(),
                more,
            }),
        }
    }

    /// Where the person lives for the zones of eligibility, in this horizon: a commune, and a
    /// département (the establishment's inside, else the release or residence place).
    fn zone_person(&self, h: Horizon) -> (Option<String>, Option<String>) {
        let rd = self.refdata;
        let p = self.profile;
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
        };
        match (p.situation, h) {
            (Situation::Dedans, Horizon::Now) => {
                let x = p.establishment.as_deref().and_then(|x| rd.establishment(x));
                (
                    x.map(|x| x.commune.clone()),
                    x.map(|x| x.departement.clone()),
                )
            }
            (Situation::Dedans, Horizon::AfterRelease) => {
                (clean(&p.release_commune), clean(&p.release_departement))
            }
            (Situation::Dehors, _) => {
                (clean(&p.residence_commune), clean(&p.residence_departement))
            }
        }
    }

    /// Does the ban on `b` surely cover an offer held at `place` (a commune or département
    /// code)? A département covers its communes; a commune its arrondissements and former
    /// communes.
    fn ban_covers(&self, b: &str, place: &str) -> bool {
        if b == place {
            return true;
        }
        if !is_commune_code(place) {
            // Paris is both a commune and a département, with the same territory.
            return b == PARIS && place == PARIS_DEPARTEMENT;
        }
        let rd = self.refdata;
        if !is_commune_code(b) {
            return rd.departement_code_of(place) == b;
        }
        rd.parent_code(place).as_deref() == Some(b)
    }

    /// Might the ban on `b` cover an offer held at `place`, which is too vague to tell? A ban
    /// on a commune and an offer giving only its département; a ban on an arrondissement or a
    /// former commune and an offer giving only the current commune.
    fn ban_may_cover(&self, b: &str, place: &str) -> bool {
        let rd = self.refdata;
        if !is_commune_code(b) {
            return false;
        }
        if !is_commune_code(place) {
            return rd.departement_code_of(b) == place;
        }
        if rd.parent_code(b).as_deref() == Some(place) {
            return true;
        }
        // Without the commune list, whether one commune lies in another (a former commune in
        // its commune nouvelle) cannot be told: two communes of one département are checked by
        // hand rather than passed in silence.
        rd.communes.is_empty()
            && rd.departement_code_of(b) == rd.departement_code_of(place)
            && rd.parent_code(place).is_none()
    }

    /// A ban on an activity met through the offer's jobs (both paths): every job is one of the
    /// activity's (excluded), or one is (a warning: the counsellor checks which post it is).
    fn job_ban_finding(
        &self,
        jobs: regulated_jobs::OfferJobs,
        sector_of: impl FnOnce(&SectorBan) -> String,
        e: &mut Evaluation,
    ) {
        let activity = |b: &SectorBan| {
            self.banned_activities
                .get(b.activity)
                .cloned()
                .unwrap_or_default()
        };
        match jobs {
            regulated_jobs::OfferJobs::Excluded(b) => {
                e.exclude_with(Rule::BannedActivity, || Exclusion::BannedActivityJob {
                    activity: activity(&b),
                    job: b.job.to_string(),
                })
            }
            regulated_jobs::OfferJobs::Warned(b) => e.warn_with(|| Warning::BannedActivityJob {
                activity: activity(&b),
                sector: sector_of(&b),
                job: b.job.to_string(),
                whole: b.whole,
            }),
            regulated_jobs::OfferJobs::Clear => {}
        }
    }

    /// The warning for a curfew the profile writes in a way that cannot be read (both paths).
    fn curfew_unreadable(&self, error: &str) -> Warning {
        Warning::CurfewUnreadable {
            written: self
                .profile
                .curfew
                .as_deref()
                .unwrap_or_default()
                .trim()
                .to_string(),
            error: error.to_string(),
        }
    }

    fn curfew_rule(&self, o: &Offer, e: &mut Evaluation) {
        let Some(curfew) = &self.curfew else { return };
        match (curfew, &o.schedule) {
            (Err(err), _) => e.warn_with(|| self.curfew_unreadable(err)),
            (Ok(c), Some(s)) => {
                // A known part that meets the curfew excludes, whatever the rest says.
                if let Some(span) = c.overlap(s) {
                    e.exclude_with(Rule::Curfew, || Exclusion::Curfew {
                        curfew: Arc::clone(c),
                        hours: Arc::clone(s),
                        span,
                        dedans: self.profile.situation == Situation::Dedans,
                    });
                } else if !s.is_known() {
                    e.warn_with(|| Warning::CurfewHoursPartly {
                        curfew: Arc::clone(c),
                        hours: Arc::clone(s),
                    });
                }
            }
            (Ok(c), None) => e.warn_with(|| Warning::CurfewHoursUnknown {
                curfew: Arc::clone(c),
            }),
        }
    }

    fn reference_date(&self, h: Horizon) -> Option<Date> {
        match h {
            Horizon::Now => Some(self.today),
            Horizon::AfterRelease => self.profile.release_date,
        }
    }

    fn dates_rule(&self, o: &Offer, h: Horizon, e: &mut Evaluation) {
        let Some(end) = o.end else { return };
        match h {
            Horizon::Now if end < self.today => {
                e.exclude_with(Rule::Dates, || Exclusion::Ended(end))
            }
            Horizon::AfterRelease => match self.profile.release_date {
                Some(r) if end < r => e.exclude_with(Rule::Dates, || {
                    Exclusion::EndsBeforeRelease { end, release: r }
                }),
                None if end < self.today => e.exclude_with(Rule::Dates, || Exclusion::Ended(end)),
                _ => {}
            },
            _ => {}
        }
    }

    /// Where distances are measured from in this horizon: the establishment (inside, or out by
    /// day under semi-liberté), the release or residence commune, else the chef-lieu of the
    /// département.
    fn origin(&self, h: Horizon) -> Option<Origin> {
        let p = self.profile;
        let rd = self.refdata;
        let establishment = || {
            let id = p.establishment.as_deref()?;
            let x = rd.establishment(id)?;
            let point = rd.commune_point(&x.commune).or(Some(Point {
                lat: x.latitude?,
                lon: x.longitude?,
            }))?;
            Some(Origin {
                point,
                from: MeasuredFrom::Establishment(id.to_string()),
                departement: Some(x.departement.clone()),
            })
        };
        let (commune, dept, home) = match (p.situation, h) {
            (Situation::Dedans, Horizon::Now) => return establishment(),
            (Situation::Dedans, Horizon::AfterRelease) => {
                (&p.release_commune, &p.release_departement, Home::Release)
            }
            (Situation::Dehors, _) => (
                &p.residence_commune,
                &p.residence_departement,
                Home::Residence,
            ),
        };
        let commune = commune.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if let Some(c) = commune.and_then(|c| rd.commune(c)) {
            if let Some(point) = c.point {
                return Some(Origin {
                    point,
                    from: MeasuredFrom::Commune(c.code.clone()),
                    departement: Some(c.departement.clone()),
                });
            }
        }
        let dept = dept.as_deref().map(str::trim).filter(|d| !d.is_empty());
        if let Some(d) = dept.and_then(|d| rd.departement(d)) {
            let point = d.point()?;
            return Some(Origin {
                point,
                from: MeasuredFrom::ChefLieu {
                    departement: d.code.clone(),
                    home,
                },
                departement: Some(d.code.clone()),
            });
        }
        if p.situation == Situation::Dehors && p.measures.iter().any(|m| m.goes_out_by_day()) {
            return establishment();
        }
        None
    }
}

/// Where a distance is measured from: the point, and what the reason names.
struct Origin {
    point: Point,
    from: MeasuredFrom,
    departement: Option<String>,
}
