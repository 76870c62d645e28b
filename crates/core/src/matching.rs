//! Rules and score: which offers fit one person, now and after release, and why.
//!
//! Hard rules (court bans, curfew, situation, measure, establishment, record, dates) exclude
//! and are never outweighed by points. Every exclusion, warning and point says what was found
//! (codes, dates, hours, distances) as data: no sentence is built while ranking; `explain`
//! says them in French or English, for the offers shown.

use crate::model::DEFAULT_RADIUS_KM;
use crate::model::{
    is_commune_code, Measure, Offer, OfferType, Profile, RecordRequirement, Situation,
};
use crate::refdata::{Point, RefData};
use crate::schedule::{Schedule, Span};
use crate::text::{code_key, skills_match_folded};
use crate::vocabulary::vocabulary;
use std::collections::HashMap;
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
}

vocabulary!(
    /// What a warning asks to check before going further.
    WarningKind {
        BannedPlace => "banned_place",
        BannedPlaceUnknown => "banned_place_unknown",
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

/// A hard rule that rules the offer out, with what the sentence names; [`Exclusion::rule`]
/// is its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exclusion {
    /// The ban on `ban` covers the offer's place `place` (every place of the offer is banned).
    BannedPlace { ban: String, place: String },
    /// A ban on this activity (vocabulary code), which the offer falls under.
    BannedActivity(String),
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
    /// lives at `person` (a commune or département code).
    Zone {
        zone: Vec<String>,
        more: bool,
        person: String,
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
            Exclusion::BannedActivity(_) => Rule::BannedActivity,
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

/// Match one profile against a catalogue. `today` is used when the profile has none.
pub fn match_profile(
    profile: &Profile,
    offers: &[Offer],
    refdata: &RefData,
    today: Date,
) -> MatchResult {
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
    let ctx = ctx;
    let now: Vec<Evaluation> = offers
        .iter()
        .map(|o| ctx.evaluate(o, Horizon::Now))
        .collect();
    let after: Option<Vec<Evaluation>> = (profile.situation == Situation::Dedans).then(|| {
        offers
            .iter()
            .map(|o| ctx.evaluate(o, Horizon::AfterRelease))
            .collect()
    });

    let mut now = now;
    if let Some(mut after) = after {
        // Dedans → dehors: an offer fitting now that continues outside, and its continuation.
        // Indexed by id so that a large catalogue stays linear.
        let index: HashMap<&str, usize> = offers
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        for (o, e) in offers.iter().zip(now.iter_mut()) {
            if !e.fits() {
                continue;
            }
            let next = o
                .continues_as
                .iter()
                .filter_map(|id| index.get(id.as_str()))
                .filter(|&&i| after.get(i).is_some_and(Evaluation::fits))
                .find_map(|&i| offers.get(i));
            if let Some(n) = next {
                e.reason(
                    points::CONTINUATION,
                    Why::ContinuesOutside {
                        title: n.title.clone(),
                        organisation: n.organisation.clone(),
                    },
                );
            }
        }
        let mut previous: HashMap<usize, usize> = HashMap::new();
        for (i, (p, pe)) in offers.iter().zip(&now).enumerate() {
            if !pe.fits() {
                continue;
            }
            for id in &p.continues_as {
                if let Some(&j) = index.get(id.as_str()) {
                    // The smallest id wins, whatever the row order.
                    let slot = previous.entry(j).or_insert(i);
                    let id_of = |k: usize| offers.get(k).map(|o| o.id.as_str());
                    if id_of(i) < id_of(*slot) {
                        *slot = i;
                    }
                }
            }
        }
        for (j, e) in after.iter_mut().enumerate() {
            if !e.fits() {
                continue;
            }
            if let Some(p) = previous.get(&j).and_then(|&i| offers.get(i)) {
                e.reason(
                    points::CONTINUATION,
                    Why::ContinuationOf {
                        title: p.title.clone(),
                        organisation: p.organisation.clone(),
                    },
                );
            }
        }
        return MatchResult {
            now: collect(offers, now),
            after_release: Some(collect(offers, after)),
        };
    }
    MatchResult {
        now: collect(offers, now),
        after_release: None,
    }
}

fn collect(offers: &[Offer], evals: Vec<Evaluation>) -> HorizonResult {
    let mut r = HorizonResult::default();
    for (o, e) in offers.iter().zip(evals) {
        let mut e = e;
        if let (true, Some(mut b)) = (e.exclusions.is_empty(), e.beyond.take()) {
            b.warnings = e.warnings;
            r.beyond.push(b);
        } else if e.exclusions.is_empty() {
            let score = e.reasons.iter().map(|r| r.points).sum();
            r.fits.push(Fit {
                id: o.id.clone(),
                score,
                reasons: e.reasons,
                warnings: e.warnings,
            });
        } else {
            r.excluded.push(Excluded {
                id: o.id.clone(),
                rules: e.exclusions,
                possible_from: e.possible_from,
            });
        }
    }
    r.sort();
    r
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
    exclusions: Vec<Exclusion>,
    warnings: Vec<Warning>,
    reasons: Vec<Reason>,
    /// Set when the offer fits every rule but is out of reach.
    beyond: Option<Beyond>,
    /// Excluded only by court rules that end on a known day: the day it becomes possible.
    possible_from: Option<Date>,
}

impl Evaluation {
    /// No rule excludes it and it is within reach.
    fn fits(&self) -> bool {
        self.exclusions.is_empty() && self.beyond.is_none()
    }
    fn exclude(&mut self, x: Exclusion) {
        self.exclusions.push(x);
    }
    fn warn(&mut self, w: Warning) {
        self.warnings.push(w);
    }
    fn reason(&mut self, points: u32, why: Why) {
        self.reasons.push(Reason { points, why });
    }
}

impl Ctx<'_> {
    fn evaluate(&self, o: &Offer, h: Horizon) -> Evaluation {
        let mut e = Evaluation::default();
        let p = self.profile;
        let mode = self.mode(o, h, &mut e);
        if let Some(mode) = mode {
            if mode == Mode::Outside {
                self.measure_rule(o, h, &mut e);
                self.place_rule(o, &mut e);
                self.zone_rule(o, h, &mut e);
                if h == Horizon::Now {
                    self.curfew_rule(o, &mut e);
                }
            }
        }
        // Court bans on activities and a clean-record requirement hold wherever the offer runs.
        for a in &o.regulated {
            if self.banned_activities.contains(a) {
                e.exclude(Exclusion::BannedActivity(a.clone()));
            }
        }
        if o.record == Some(RecordRequirement::B2Vierge) {
            match p.record.b2 {
                Some(true) => e.exclude(Exclusion::RecordB2),
                Some(false) => {}
                None => e.warn(Warning::RecordB2CleanUnknown),
            }
        }
        self.dates_rule(o, h, &mut e);
        if !e.exclusions.is_empty() {
            e.possible_from = self.possible_from(o, &e.exclusions);
        }
        if !e.fits() {
            return e;
        }
        self.warnings(o, h, &mut e);
        self.score(o, h, mode.unwrap_or(Mode::Outside), &mut e);
        e
    }

    fn mode(&self, o: &Offer, h: Horizon, e: &mut Evaluation) -> Option<Mode> {
        let p = self.profile;
        match (p.situation, h) {
            (Situation::Dedans, Horizon::Now) => {
                let goes_out = p.measures.iter().any(|m| m.goes_out_by_day());
                let Some(est) = p.establishment.as_deref().filter(|s| !s.is_empty()) else {
                    e.exclude(Exclusion::EstablishmentMissing);
                    return None;
                };
                if o.milieu.inside() && o.establishments.iter().any(|x| x == est) {
                    return Some(Mode::Inside);
                }
                if o.milieu.outside() && goes_out {
                    let dept = self
                        .refdata
                        .establishment(est)
                        .map(|x| x.departement.clone());
                    let in_dept =
                        o.anywhere || dept.as_ref().is_some_and(|d| o.departements.contains(d));
                    if in_dept {
                        return Some(Mode::Outside);
                    }
                    e.exclude(Exclusion::OutsideDepartement(dept));
                    return None;
                }
                if o.milieu.inside() {
                    e.exclude(Exclusion::OtherEstablishment {
                        offer: o.establishments.clone(),
                        person: est.to_string(),
                    });
                } else {
                    e.exclude(Exclusion::OpenMilieu);
                }
                None
            }
            (Situation::Dedans, Horizon::AfterRelease) | (Situation::Dehors, _) => {
                if o.milieu.outside() {
                    Some(Mode::Outside)
                } else {
                    e.exclude(if p.situation == Situation::Dehors {
                        Exclusion::InsideOnlyPersonOutside
                    } else {
                        Exclusion::InsideOnlyAfterRelease
                    });
                    None
                }
            }
        }
    }

    /// The measures the person will be under in this horizon.
    /// The day an excluded offer becomes possible: every rule that excludes it ends on a day
    /// the profile gives (a measure's end helps only an offer open to people under no
    /// measure), and the offer has not ended by the latest of those days.
    fn possible_from(&self, o: &Offer, rules: &[Exclusion]) -> Option<Date> {
        let p = self.profile;
        let mut from: Option<Date> = None;
        for x in rules {
            let end = match x.rule() {
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

    fn measure_rule(&self, o: &Offer, h: Horizon, e: &mut Evaluation) {
        if o.measures.is_empty() {
            return;
        }
        let mine = self.measures(h);
        if !mine.iter().any(|m| o.measures.contains(m)) {
            e.exclude(Exclusion::Measure {
                accepted: o.measures.clone(),
                person: mine,
                after_release: h == Horizon::AfterRelease,
            });
        }
    }

    /// Interdiction de paraître: excluded when every place of the offer is banned; a warning
    /// when only some are, or when the offer's place is too vague to tell. A ban on a commune
    /// covers its arrondissements and former communes; a ban on one of those covers only it.
    fn place_rule(&self, o: &Offer, e: &mut Evaluation) {
        let bans: Vec<&str> = self
            .profile
            .banned_places
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if bans.is_empty() || (o.anywhere && o.departements.is_empty()) {
            return;
        }
        let places: &[String] = if o.communes.is_empty() {
            &o.departements
        } else {
            &o.communes
        };
        let rd = self.refdata;
        let mut banned_by: Vec<(&String, &str)> = Vec::new();
        let mut maybe: Vec<(&String, &str)> = Vec::new();
        for place in places {
            if let Some(b) = bans.iter().find(|b| self.ban_covers(b, place)) {
                banned_by.push((place, b));
            } else if let Some(b) = bans.iter().find(|b| self.ban_may_cover(b, place)) {
                maybe.push((place, b));
            }
        }
        if !banned_by.is_empty() && banned_by.len() == places.len() && !o.anywhere {
            for (place, b) in &banned_by {
                e.exclude(Exclusion::BannedPlace {
                    ban: b.to_string(),
                    place: place.to_string(),
                });
            }
            return;
        }
        // A ban naming no known place cannot be compared: every offer held somewhere says so.
        for b in bans.iter().filter(|b| !self.refdata.knows_place(b)) {
            e.warn(Warning::BannedPlaceUnread { ban: b.to_string() });
        }
        for (place, b) in &banned_by {
            e.warn(Warning::BannedPlaceElsewhere {
                ban: b.to_string(),
                place: place.to_string(),
            });
        }
        for (place, b) in &maybe {
            let (ban, place) = (b.to_string(), place.to_string());
            e.warn(
                if rd.communes.is_empty()
                    && is_commune_code(&place)
                    && rd.parent_code(&ban).as_deref() != Some(place.as_str())
                {
                    Warning::BannedPlaceUnlisted { ban, place }
                } else if is_commune_code(&place) {
                    Warning::BannedPlacePart { ban, place }
                } else {
                    Warning::BannedPlaceDepartement {
                        ban,
                        departement: place,
                    }
                },
            );
        }
    }

    /// data·inclusion's `zone_eligibilite`: the offer is reserved to people living there. The
    /// person's commune decides; with only a département known, a zone of communes in it is a
    /// warning; with nothing known, a warning.
    fn zone_rule(&self, o: &Offer, h: Horizon, e: &mut Evaluation) {
        if o.zone_eligibilite.is_empty() {
            return;
        }
        let rd = self.refdata;
        let p = self.profile;
        let first = || o.zone_eligibilite.iter().take(5).cloned().collect();
        let more = o.zone_eligibilite.len() > 5;
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
        };
        let (commune, dept) = match (p.situation, h) {
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
        };
        let zone = &o.zone_eligibilite;
        if let Some(c) = commune {
            let current = rd
                .current_commune(&c)
                .map_or_else(|| c.clone(), |x| x.code.clone());
            let d = rd.departement_code_of(&c);
            if !zone.iter().any(|z| *z == c || *z == current || *z == d) {
                e.exclude(Exclusion::Zone {
                    zone: first(),
                    more,
                    person: c,
                });
            }
            return;
        }
        match dept {
            Some(d) if zone.contains(&d) => {}
            Some(d) if zone.iter().any(|z| rd.departement_code_of(z) == d) => {
                e.warn(Warning::ZoneCommune {
                    zone: first(),
                    more,
                })
            }
            Some(d) => e.exclude(Exclusion::Zone {
                zone: first(),
                more,
                person: d,
            }),
            None => e.warn(Warning::ZonePerson {
                zone: first(),
                more,
            }),
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

    fn curfew_rule(&self, o: &Offer, e: &mut Evaluation) {
        let Some(curfew) = &self.curfew else { return };
        match (curfew, &o.schedule) {
            (Err(err), _) => e.warn(Warning::CurfewUnreadable {
                written: self
                    .profile
                    .curfew
                    .as_deref()
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                error: err.clone(),
            }),
            (Ok(c), Some(s)) => {
                // A known part that meets the curfew excludes, whatever the rest says.
                if let Some(span) = c.overlap(s) {
                    e.exclude(Exclusion::Curfew {
                        curfew: Arc::clone(c),
                        hours: Arc::clone(s),
                        span,
                        dedans: self.profile.situation == Situation::Dedans,
                    });
                } else if !s.is_known() {
                    e.warn(Warning::CurfewHoursPartly {
                        curfew: Arc::clone(c),
                        hours: Arc::clone(s),
                    });
                }
            }
            (Ok(c), None) => e.warn(Warning::CurfewHoursUnknown {
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
            Horizon::Now if end < self.today => e.exclude(Exclusion::Ended(end)),
            Horizon::AfterRelease => match self.profile.release_date {
                Some(r) if end < r => e.exclude(Exclusion::EndsBeforeRelease { end, release: r }),
                None if end < self.today => e.exclude(Exclusion::Ended(end)),
                _ => {}
            },
            _ => {}
        }
    }

    fn warnings(&self, o: &Offer, h: Horizon, e: &mut Evaluation) {
        let p = self.profile;
        match o.record {
            Some(RecordRequirement::B2) => match p.record.b2 {
                Some(true) => e.warn(Warning::RecordB2Mention),
                None => e.warn(Warning::RecordB2Unknown),
                Some(false) => {}
            },
            Some(RecordRequirement::B3) => match p.record.b3 {
                Some(true) => e.warn(Warning::RecordB3Mention),
                None => e.warn(Warning::RecordB3Unknown),
                Some(false) => {}
            },
            _ => {}
        }
        if o.prerequisites.iter().any(|r| !self.has.contains(r)) {
            e.warn(Warning::Prerequisites(
                o.prerequisites
                    .iter()
                    .filter(|r| !self.has.contains(r))
                    .cloned()
                    .collect(),
            ));
        }
        // data·inclusion publics: an offer reserved to others (« personnes exilées ») may
        // still take the person; the counsellor checks.
        if let Some(publics) = crate::details::publics_not_fitting(o) {
            e.warn(Warning::Public(publics));
        }
        match o.seats {
            Some(0) => e.warn(Warning::NoSeats),
            None => e.warn(Warning::SeatsUnknown),
            _ => {}
        }
        if h == Horizon::AfterRelease && p.release_date.is_none() {
            e.warn(Warning::ReleaseDateUnknown);
        }
        if let Some(c) = o
            .checked
            .filter(|_| crate::freshness::is_stale(o, self.today))
        {
            e.warn(Warning::Stale(c));
        }
    }

    fn score(&self, o: &Offer, h: Horizon, mode: Mode, e: &mut Evaluation) {
        let p = self.profile;
        // Skills.
        let matched: Vec<String> = if self.skills.is_empty() {
            Vec::new()
        } else {
            o.skills
                .iter()
                .zip(&o.skill_keys)
                .filter(|(_, f)| self.skills.iter().any(|m| skills_match_folded(m, f)))
                .map(|(s, _)| s.clone())
                .collect()
        };
        if !matched.is_empty() {
            let pts = (matched.len() as u32 * points::SKILLS_EACH).min(points::SKILLS_MAX);
            e.reason(pts, Why::Skills(matched));
        }
        // Sectors by ROME prefix.
        let sector = o.sectors.iter().find_map(|s| {
            p.sectors
                .iter()
                .find(|w| s.starts_with(w.as_str()) || w.starts_with(s.as_str()))
                .map(|w| (s, w))
        });
        if let Some((s, _)) = sector {
            e.reason(points::SECTOR, Why::Sector(s.clone()));
        } else if let Some(s) = o
            .sectors
            .iter()
            .find(|s| p.sectors.iter().any(|w| w.get(..1) == s.get(..1)))
        {
            let letter = s.get(..1).unwrap_or_default();
            e.reason(points::SECTOR_DOMAIN, Why::SectorDomain(letter.to_string()));
        }
        // Place.
        self.place_score(o, h, mode, e);
        // Timing.
        if let Some(r) = self.reference_date(h).or(Some(self.today)) {
            let after_release = h == Horizon::AfterRelease;
            match o.start {
                Some(start) if start > r => {
                    if (start - r).whole_days() <= SOON_DAYS {
                        e.reason(
                            points::TIMING_SOON,
                            Why::StartsSoon {
                                start,
                                after_release,
                            },
                        );
                    } else {
                        e.reason(points::TIMING_LATER, Why::StartsLate(start));
                    }
                }
                _ => e.reason(
                    points::TIMING_OPEN,
                    Why::Open {
                        permanent: o.start.is_none() && o.end.is_none(),
                        after_release,
                    },
                ),
            }
        }
        // Obligations the court set.
        for k in &self.obligations {
            let met = match k.as_str() {
                "formation" if matches!(o.kind, OfferType::Formation | OfferType::Atelier) => {
                    Some(Obligation::Training)
                }
                "travail"
                    if matches!(
                        o.kind,
                        OfferType::Aci | OfferType::Ei | OfferType::Etti | OfferType::Emploi
                    ) =>
                {
                    Some(Obligation::Work)
                }
                _ => None,
            };
            if let Some(met) = met {
                e.reason(points::OBLIGATION, Why::Obligation(met));
                break;
            }
        }
    }

    fn place_score(&self, o: &Offer, h: Horizon, mode: Mode, e: &mut Evaluation) {
        let p = self.profile;
        if mode == Mode::Inside {
            let est = p.establishment.as_deref().unwrap_or_default();
            e.reason(points::PLACE_SAME, Why::Inside(est.to_string()));
            return;
        }
        // Remote offers are always within reach.
        if o.anywhere {
            e.reason(points::PLACE_REMOTE, Why::Anywhere);
            return;
        }
        let origin = match h {
            Horizon::Now => self.origins[0].as_ref(),
            Horizon::AfterRelease => self.origins[1].as_ref(),
        };
        let Some(origin) = origin else {
            let home = match (p.situation, h) {
                (Situation::Dedans, Horizon::Now) => Home::Establishment,
                (Situation::Dedans, Horizon::AfterRelease) => Home::Release,
                _ => Home::Residence,
            };
            e.reason(0, Why::PlaceNotCompared(home));
            return;
        };
        let rd = self.refdata;
        // The offer's places: its communes, else the chef-lieu of each of its départements.
        let mut targets: Vec<(&String, Point, bool)> = o
            .communes
            .iter()
            .filter_map(|c| Some((c, rd.commune_point(c)?, false)))
            .collect();
        if targets.is_empty() {
            targets = o
                .departements
                .iter()
                .filter_map(|d| Some((d, rd.departement(d)?.point()?, true)))
                .collect();
        }
        // Ties in distance go to the first name, as the counsellor reads them.
        let nearest = targets
            .into_iter()
            .map(|(code, pt, est)| (origin.point.km_to(pt), code, est))
            .min_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then_with(|| rd.place_name(a.1).cmp(&rd.place_name(b.1)))
            });
        let Some((km, to, to_estimate)) = nearest else {
            e.reason(0, Why::OfferPlaceUnknown);
            return;
        };
        // With only a département known on either side, an offer in the person's département
        // is never put out of reach on an estimate.
        let same_departement = origin.departement.as_ref().is_some_and(|d| {
            o.departements.contains(d) || o.communes.iter().any(|c| &rd.departement_code_of(c) == d)
        });
        let origin_estimate = matches!(origin.from, MeasuredFrom::ChefLieu { .. });
        if to_estimate && same_departement {
            // The offer gives only the person's département: measured to its chef-lieu, a
            // person living there read « moins de 1 km » for an offer anywhere in it, and one
            // at its edge 60 km. Said as it is, with the points of a département's typical reach.
            // When the person too is known by the département only, every distance is an
            // estimate and the département is the finest comparison: it counts as the place.
            let (home, points) = match &origin.from {
                MeasuredFrom::ChefLieu { home, .. } => (*home, points::PLACE_SAME),
                MeasuredFrom::Establishment(_) => (Home::Establishment, points::PLACE_DEPARTEMENT),
                MeasuredFrom::Commune(_) if h == Horizon::AfterRelease => {
                    (Home::Release, points::PLACE_DEPARTEMENT)
                }
                MeasuredFrom::Commune(_) => (Home::Residence, points::PLACE_DEPARTEMENT),
            };
            e.reason(
                points,
                Why::SameDepartement {
                    home,
                    departement: origin.departement.clone().unwrap_or_default(),
                },
            );
            return;
        }
        let estimate = to_estimate || origin_estimate;
        let reach = Reach {
            metres: (km * 1000.0).floor() as u32,
            from: origin.from.clone(),
            to: to.clone(),
            to_estimate,
        };
        let radius = p.radius_km.unwrap_or(DEFAULT_RADIUS_KM);
        if km > f64::from(radius) && !(estimate && same_departement) {
            e.beyond = Some(Beyond {
                id: o.id.clone(),
                distance_km: km.round() as u32,
                reach: reach.clone(),
                radius_km: radius,
                warnings: Vec::new(),
            });
        }
        e.reason(points::place_for_km(km), Why::Distance(reach));
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
