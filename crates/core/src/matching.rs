//! Rules and score: which offers fit one person, now and after release, and why.
//!
//! Hard rules (court bans, curfew, situation, measure, establishment, record, dates) exclude
//! and are never outweighed by points. Every exclusion, warning and point comes with a French
//! sentence a counsellor can read aloud.

use crate::date;
use crate::model::DEFAULT_RADIUS_KM;
use crate::model::{
    is_commune_code, Measure, Offer, OfferType, Profile, RecordRequirement, Situation,
};
use crate::refdata::{PlaceKind, Point, RefData};
use crate::schedule::Schedule;
use crate::text::{code_key, de, skills_match_folded};
use crate::vocabulary::vocabulary;
use serde::Serialize;
use std::collections::HashMap;
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

/// One factor's points and the sentence that explains them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub factor: Factor,
    pub points: u32,
    pub text: String,
}

/// Something to check with the organisation before going further.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub rule: WarningKind,
    pub text: String,
}

/// A hard rule that rules the offer out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    pub rule: Rule,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fit {
    pub id: String,
    pub score: u32,
    pub reasons: Vec<Reason>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Excluded {
    pub id: String,
    pub rules: Vec<Exclusion>,
    /// Every rule that excludes the offer ends on a known day (the profile's
    /// `banned_places_until`, `banned_activities_until`, `curfew_until`, `measures_until`) and
    /// the offer still runs then: the day it becomes possible, the latest of those ends.
    #[serde(
        with = "crate::date::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub possible_from: Option<Date>,
}

/// An on-site offer that fits but lies beyond the person's radius: « Plus loin ».
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Beyond {
    pub id: String,
    /// Straight-line distance to the offer's nearest place, rounded.
    pub distance_km: u32,
    /// « À 277 km de Lyon (69123) : Marseille 9e Arrondissement (13209) ; au-delà du rayon de
    /// 30 km ».
    pub text: String,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HorizonResult {
    pub fits: Vec<Fit>,
    pub excluded: Vec<Excluded>,
    /// Offers that fit but are out of reach, nearest first (ties by id).
    pub beyond: Vec<Beyond>,
}

/// The result of FORMATS.md §3.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MatchResult {
    pub now: HorizonResult,
    #[serde(skip_serializing_if = "Option::is_none")]
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
    curfew: Option<Result<Schedule, String>>,
    /// The person's skills, folded once.
    skills: Vec<String>,
    /// Banned activities and what the person has, normalised as the loader normalises codes.
    banned_activities: Vec<String>,
    has: Vec<String>,
    obligations: Vec<String>,
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
        .map(Schedule::parse);
    let skills = profile
        .skills
        .iter()
        .map(|s| crate::text::fold(s))
        .filter(|s| !s.is_empty())
        .collect();
    let ctx = Ctx {
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
    };
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
                e.reasons.push(Reason {
                    factor: Factor::Continuation,
                    points: points::CONTINUATION,
                    text: format!(
                        "Se poursuit dehors après la sortie : « {} » ({})",
                        n.title, n.organisation
                    ),
                });
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
                e.reasons.push(Reason {
                    factor: Factor::Continuation,
                    points: points::CONTINUATION,
                    text: format!(
                        "Suite dehors de « {} » ({}), possible dès maintenant en détention",
                        p.title, p.organisation
                    ),
                });
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
    // Best first; ties by id so that the order never depends on the catalogue's row order.
    r.fits
        .sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    r.excluded.sort_by(|a, b| a.id.cmp(&b.id));
    r.beyond.sort_by(|a, b| {
        a.distance_km
            .cmp(&b.distance_km)
            .then_with(|| a.id.cmp(&b.id))
    });
    r
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
    fn exclude(&mut self, rule: Rule, text: String) {
        self.exclusions.push(Exclusion { rule, text });
    }
    fn warn(&mut self, rule: WarningKind, text: String) {
        self.warnings.push(Warning { rule, text });
    }
    fn reason(&mut self, factor: Factor, points: u32, text: String) {
        self.reasons.push(Reason {
            factor,
            points,
            text,
        });
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
                let label = self.refdata.label("activite", a);
                e.exclude(
                    Rule::BannedActivity,
                    format!(
                        "Interdiction d'exercer : {label}. Cette offre relève de cette activité."
                    ),
                );
            }
        }
        if o.record == Some(RecordRequirement::B2Vierge) {
            match p.record.b2 {
                Some(true) => e.exclude(Rule::RecordB2, "L'offre exige un bulletin n°2 du casier judiciaire vierge ; celui de la personne porte une mention.".into()),
                Some(false) => {}
                None => e.warn(WarningKind::RecordB2, "L'offre exige un bulletin n°2 vierge : vérifier le casier de la personne avant d'aller plus loin.".into()),
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

    fn establishment_name(&self, id: &str) -> String {
        self.refdata
            .establishment(id)
            .map(|e| e.nom.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn mode(&self, o: &Offer, h: Horizon, e: &mut Evaluation) -> Option<Mode> {
        let p = self.profile;
        match (p.situation, h) {
            (Situation::Dedans, Horizon::Now) => {
                let goes_out = p.measures.iter().any(|m| m.goes_out_by_day());
                let Some(est) = p.establishment.as_deref().filter(|s| !s.is_empty()) else {
                    e.exclude(Rule::Establishment, "L'établissement de la personne n'est pas renseigné : impossible de savoir ce qui y est proposé.".into());
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
                    let dept_name = dept
                        .map(|d| self.refdata.place_name(&d))
                        .unwrap_or_default();
                    e.exclude(Rule::Situation, format!(
                        "En semi-liberté ou placement à l'extérieur, la personne sort la journée depuis l'établissement : l'offre n'a pas lieu dans son département ({dept_name})."
                    ));
                    return None;
                }
                if o.milieu.inside() {
                    let names: Vec<String> = o
                        .establishments
                        .iter()
                        .map(|x| self.establishment_name(x))
                        .collect();
                    e.exclude(
                        Rule::Establishment,
                        format!(
                        "L'offre n'a lieu qu'en détention à : {} ; la personne est détenue à {}.",
                        names.join(", "),
                        self.establishment_name(est)
                    ),
                    );
                } else {
                    e.exclude(Rule::Situation, "L'offre a lieu en milieu ouvert : une personne détenue ne peut la suivre qu'en semi-liberté ou en placement à l'extérieur.".into());
                }
                None
            }
            (Situation::Dedans, Horizon::AfterRelease) | (Situation::Dehors, _) => {
                if o.milieu.outside() {
                    Some(Mode::Outside)
                } else {
                    let text = if p.situation == Situation::Dehors {
                        "L'offre n'a lieu qu'en détention (milieu fermé) ; la personne est dehors."
                    } else {
                        "L'offre n'a lieu qu'en détention (milieu fermé) : elle ne peut pas se poursuivre après la sortie."
                    };
                    e.exclude(Rule::Situation, text.into());
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
            let end = match x.rule {
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
            let label = |m: &Measure| self.refdata.label("mesure", m.code());
            let accepted = o.measures.iter().map(label).collect::<Vec<_>>().join(", ");
            let when = if h == Horizon::AfterRelease {
                "après la sortie, "
            } else {
                ""
            };
            let person = if mine == [Measure::SansMesure] {
                format!("{when}la personne n'est sous aucune de ces mesures")
            } else {
                format!(
                    "{when}la personne est sous : {}",
                    mine.iter().map(label).collect::<Vec<_>>().join(", ")
                )
            };
            e.exclude(
                Rule::Measure,
                format!("L'offre n'accepte que : {accepted} ; {person}."),
            );
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
                let where_ = if *place == b {
                    match rd.commune(place).map(|c| c.kind) {
                        _ if !is_commune_code(place) => "l'offre a lieu dans ce département".into(),
                        Some(PlaceKind::Arrondissement) => {
                            "l'offre a lieu dans cet arrondissement".into()
                        }
                        Some(PlaceKind::Deleguee | PlaceKind::Associee) => {
                            "l'offre a lieu dans cette ancienne commune".into()
                        }
                        _ => "l'offre a lieu dans cette commune".to_string(),
                    }
                } else if is_commune_code(place) {
                    format!("l'offre a lieu à {}", rd.place_name(place))
                } else {
                    // Only Paris: a commune that is a whole département.
                    format!(
                        "l'offre a lieu à {}, département et commune à la fois",
                        rd.place_name(place)
                    )
                };
                e.exclude(
                    Rule::BannedPlace,
                    format!(
                        "Interdiction de paraître : {} ; {where_}.",
                        rd.place_name_with_parent(b)
                    ),
                );
            }
            return;
        }
        for (place, b) in &banned_by {
            e.warn(WarningKind::BannedPlace, format!(
                "Interdiction de paraître : {} ; l'offre a aussi lieu ailleurs : la suivre seulement dans ses autres lieux, hors {}.",
                rd.place_name_with_parent(b),
                rd.place_name(place)
            ));
        }
        for (place, b) in &maybe {
            let text = if rd.communes.is_empty()
                && is_commune_code(place)
                && rd.parent_code(b).as_deref() != Some(place.as_str())
            {
                format!(
                    "Interdiction de paraître : {} ; l'offre a lieu à {} et la liste des communes n'est pas chargée : vérifier avec la structure que ce n'est pas la même commune ou l'une de ses communes déléguées.",
                    rd.place_name(b),
                    rd.place_name(place)
                )
            } else if is_commune_code(place) {
                let part = match rd.commune(b).map(|c| c.kind) {
                    Some(PlaceKind::Arrondissement) => "l'arrondissement",
                    // Without the list, only arrondissements are known parts.
                    None => "l'arrondissement",
                    _ => "la commune déléguée",
                };
                format!(
                    "Interdiction de paraître : {} ; l'offre a lieu à {} sans préciser {part} : vérifier avec la structure que l'adresse n'est pas à {}.",
                    rd.place_name_with_parent(b),
                    rd.place_name(place),
                    rd.commune(b).map_or(b.to_string(), |c| c.nom.clone())
                )
            } else {
                format!(
                    "Interdiction de paraître : {} ; l'offre a lieu dans le département {} sans préciser la commune : vérifier l'adresse avec la structure.",
                    rd.place_name_with_parent(b),
                    rd.place_name(place)
                )
            };
            e.warn(WarningKind::BannedPlaceUnknown, text);
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
        let names: Vec<String> = o
            .zone_eligibilite
            .iter()
            .take(5)
            .map(|z| rd.place_name(z))
            .collect();
        let more = if o.zone_eligibilite.len() > 5 {
            "…"
        } else {
            ""
        };
        let reserved = format!("Réservée aux habitants de : {}{more}", names.join(", "));
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
                e.exclude(
                    Rule::Zone,
                    format!("{reserved} ; la personne habite {}.", rd.place_name(&c)),
                );
            }
            return;
        }
        match dept {
            Some(d) if zone.contains(&d) => {}
            Some(d) if zone.iter().any(|z| rd.departement_code_of(z) == d) => e.warn(
                WarningKind::Zone,
                format!("{reserved} : vérifier que la commune de la personne en fait partie."),
            ),
            Some(d) => e.exclude(
                Rule::Zone,
                format!("{reserved} ; la personne habite {}.", rd.place_name(&d)),
            ),
            None => e.warn(
                WarningKind::Zone,
                format!("{reserved} : vérifier que la personne y habite."),
            ),
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
        let home = if self.profile.situation == Situation::Dedans {
            "rentrée à l'établissement"
        } else {
            "chez elle"
        };
        match (curfew, &o.schedule) {
            (Err(err), _) => e.warn(WarningKind::CurfewUnknown, format!("Horaires d'assignation illisibles ({err}) : vérifier à la main que l'offre les respecte.")),
            (Ok(c), Some(s)) => {
                // A known part that meets the curfew excludes, whatever the rest says.
                if let Some(span) = c.overlap(s) {
                    e.exclude(Rule::Curfew, format!(
                        "Horaires d'assignation ({}) : l'offre a lieu {}, notamment {}, quand la personne doit être {home}.",
                        c.in_words(crate::hours::Lang::Fr),
                        s.in_words(crate::hours::Lang::Fr),
                        crate::hours::words::span_fr(&span)
                    ));
                } else if !s.is_known() {
                    e.warn(WarningKind::CurfewUnknown, format!(
                        "Horaires de l'offre {} : vérifier qu'ils respectent les horaires d'assignation ({}).",
                        s.unknown_part(),
                        c.in_words(crate::hours::Lang::Fr)
                    ));
                }
            }
            (Ok(c), None) => e.warn(WarningKind::CurfewUnknown, format!(
                "Horaires de l'offre inconnus : vérifier qu'ils respectent les horaires d'assignation ({}).",
                c.in_words(crate::hours::Lang::Fr)
            )),
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
                e.exclude(
                    Rule::Dates,
                    format!("L'offre s'est terminée le {}.", date::fr(end)),
                );
            }
            Horizon::AfterRelease => match self.profile.release_date {
                Some(r) if end < r => e.exclude(
                    Rule::Dates,
                    format!(
                        "L'offre se termine le {}, avant la date de libération prévisible ({}).",
                        date::fr(end),
                        date::fr(r)
                    ),
                ),
                None if end < self.today => e.exclude(
                    Rule::Dates,
                    format!("L'offre s'est terminée le {}.", date::fr(end)),
                ),
                _ => {}
            },
            _ => {}
        }
    }

    fn warnings(&self, o: &Offer, h: Horizon, e: &mut Evaluation) {
        let p = self.profile;
        match o.record {
            Some(RecordRequirement::B2) => match p.record.b2 {
                Some(true) => e.warn(WarningKind::RecordB2, "L'employeur lit le bulletin n°2 du casier, qui porte une mention : en parler avec la personne avant la candidature.".into()),
                None => e.warn(WarningKind::RecordB2, "L'employeur lit le bulletin n°2 du casier : vérifier ce qu'il porte.".into()),
                Some(false) => {}
            },
            Some(RecordRequirement::B3) => match p.record.b3 {
                Some(true) => e.warn(WarningKind::RecordB3, "L'offre demande le bulletin n°3 du casier, qui porte une mention : préparer la personne à en parler.".into()),
                None => e.warn(WarningKind::RecordB3, "L'offre demande le bulletin n°3 du casier : vérifier ce qu'il porte.".into()),
                Some(false) => {}
            },
            _ => {}
        }
        let missing: Vec<String> = o
            .prerequisites
            .iter()
            .filter(|r| !self.has.contains(r))
            .map(|r| self.refdata.label("prerequis", r))
            .collect();
        if !missing.is_empty() {
            e.warn(
                WarningKind::Prerequisite,
                format!("Prérequis à vérifier : {}.", missing.join(", ")),
            );
        }
        // data·inclusion publics: an offer reserved to others (« personnes exilées ») may
        // still take the person; the counsellor checks.
        if let Some(text) = crate::details::publics_warning(o) {
            e.warn(WarningKind::Public, text);
        }
        match o.seats {
            Some(0) => e.warn(
                WarningKind::Seats,
                "Plus de place annoncée : demander la prochaine session ou une liste d'attente."
                    .into(),
            ),
            None => e.warn(
                WarningKind::SeatsUnknown,
                "Nombre de places non précisé : le demander à la structure.".into(),
            ),
            _ => {}
        }
        if h == Horizon::AfterRelease && p.release_date.is_none() {
            e.warn(WarningKind::DatesUnknown, "Date de libération prévisible non renseignée : les dates de l'offre n'ont pas pu être comparées à la sortie.".into());
        }
        if let Some(c) = o
            .checked
            .filter(|_| crate::freshness::is_stale(o, self.today))
        {
            e.warn(WarningKind::Stale, format!("À vérifier : offre vérifiée pour la dernière fois le {}, il y a plus de six mois.", date::fr(c)));
        }
    }

    fn score(&self, o: &Offer, h: Horizon, mode: Mode, e: &mut Evaluation) {
        let p = self.profile;
        // Skills.
        let matched: Vec<&String> = if self.skills.is_empty() {
            Vec::new()
        } else {
            o.skills
                .iter()
                .zip(&o.skill_keys)
                .filter(|(_, f)| self.skills.iter().any(|m| skills_match_folded(m, f)))
                .map(|(s, _)| s)
                .collect()
        };
        if !matched.is_empty() {
            let pts = (matched.len() as u32 * points::SKILLS_EACH).min(points::SKILLS_MAX);
            e.reason(
                Factor::Skills,
                pts,
                format!(
                    "Compétences en commun : {}",
                    matched
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        // Sectors by ROME prefix.
        let sector = o.sectors.iter().find_map(|s| {
            p.sectors
                .iter()
                .find(|w| s.starts_with(w.as_str()) || w.starts_with(s.as_str()))
                .map(|w| (s, w))
        });
        if let Some((s, _)) = sector {
            let label = self.refdata.rome_label(s).unwrap_or_default();
            e.reason(
                Factor::Sectors,
                points::SECTOR,
                format!("Secteur recherché : {s} {label}")
                    .trim_end()
                    .to_string(),
            );
        } else if let Some(s) = o
            .sectors
            .iter()
            .find(|s| p.sectors.iter().any(|w| w.get(..1) == s.get(..1)))
        {
            let letter = s.get(..1).unwrap_or_default();
            let domain = self.refdata.rome_label(letter).unwrap_or_default();
            e.reason(
                Factor::Sectors,
                points::SECTOR_DOMAIN,
                format!("Même grand domaine que le secteur recherché : {domain}"),
            );
        }
        // Place.
        self.place_score(o, h, mode, e);
        // Timing.
        if let Some(r) = self.reference_date(h).or(Some(self.today)) {
            let when = if h == Horizon::Now {
                "maintenant"
            } else {
                "à la sortie"
            };
            match o.start {
                Some(s) if s > r => {
                    let days = (s - r).whole_days();
                    if days <= SOON_DAYS {
                        e.reason(
                            Factor::Timing,
                            points::TIMING_SOON,
                            format!(
                                "Commence le {}, peu après {}",
                                date::fr(s),
                                if h == Horizon::Now {
                                    "aujourd'hui"
                                } else {
                                    "la sortie"
                                }
                            ),
                        );
                    } else {
                        e.reason(
                            Factor::Timing,
                            points::TIMING_LATER,
                            format!("Commence tard : le {}", date::fr(s)),
                        );
                    }
                }
                _ => {
                    let text = if o.start.is_none() && o.end.is_none() {
                        format!("Permanente : ouverte {when}")
                    } else {
                        format!("En cours {when}")
                    };
                    e.reason(Factor::Timing, points::TIMING_OPEN, text);
                }
            }
        }
        // Obligations the court set.
        for k in &self.obligations {
            let meets = match k.as_str() {
                "formation" => matches!(o.kind, OfferType::Formation | OfferType::Atelier),
                "travail" => matches!(
                    o.kind,
                    OfferType::Aci | OfferType::Ei | OfferType::Etti | OfferType::Emploi
                ),
                _ => false,
            };
            if meets {
                e.reason(
                    Factor::Obligations,
                    points::OBLIGATION,
                    format!("Répond à l'obligation de {k}"),
                );
                break;
            }
        }
    }

    fn place_score(&self, o: &Offer, h: Horizon, mode: Mode, e: &mut Evaluation) {
        let p = self.profile;
        if mode == Mode::Inside {
            let est = p.establishment.as_deref().unwrap_or_default();
            e.reason(
                Factor::Place,
                points::PLACE_SAME,
                format!(
                    "A lieu à l'établissement où la personne est détenue ({})",
                    self.establishment_name(est)
                ),
            );
            return;
        }
        // Remote offers are always within reach.
        if o.anywhere {
            e.reason(
                Factor::Place,
                points::PLACE_REMOTE,
                "Partout ou à distance".into(),
            );
            return;
        }
        let Some(origin) = self.origin(h) else {
            let home_word = match (p.situation, h) {
                (Situation::Dedans, Horizon::Now) => "établissement",
                (Situation::Dedans, Horizon::AfterRelease) => "lieu de sortie",
                _ => "lieu de résidence",
            };
            e.reason(
                Factor::Place,
                0,
                format!("Lieu non comparé : {home_word} non renseigné"),
            );
            return;
        };
        let rd = self.refdata;
        // The offer's places: its communes, else the chef-lieu of each of its départements.
        let mut targets: Vec<(String, Point, bool)> = o
            .communes
            .iter()
            .filter_map(|c| Some((rd.place_name(c), rd.commune_point(c)?, false)))
            .collect();
        if targets.is_empty() {
            targets = o
                .departements
                .iter()
                .filter_map(|d| Some((rd.place_name(d), rd.departement(d)?.point()?, true)))
                .collect();
        }
        let nearest = targets
            .into_iter()
            .map(|(name, pt, est)| (origin.point.km_to(pt), name, est))
            .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let Some((km, name, offer_estimate)) = nearest else {
            e.reason(
                Factor::Place,
                0,
                "Lieu non comparé : position de l'offre inconnue".into(),
            );
            return;
        };
        // With only a département known on either side, an offer in the person's département
        // is never put out of reach on an estimate.
        let same_departement = origin.departement.as_ref().is_some_and(|d| {
            o.departements.contains(d) || o.communes.iter().any(|c| &rd.departement_code_of(c) == d)
        });
        if origin.estimate && offer_estimate && same_departement {
            // Two chefs-lieux: a distance would say nothing.
            e.reason(
                Factor::Place,
                points::PLACE_SAME,
                format!(
                    "Dans le {} : {}",
                    origin.what,
                    rd.place_name(origin.departement.as_deref().unwrap_or_default())
                ),
            );
            return;
        }
        let estimate = offer_estimate || origin.estimate;
        let from = if origin.estimate {
            format!("{}, chef-lieu du {}", origin.from, origin.what)
        } else {
            origin.from.clone()
        };
        let dest = if offer_estimate {
            format!("{name}, commune non précisée")
        } else {
            name
        };
        let about = if estimate && km >= 1.0 {
            "À environ"
        } else {
            "À"
        };
        let mut text = format!("{about} {} : {dest}", distance_text(km, &from));
        if estimate {
            text.push_str(" (distance estimée)");
        }
        let radius = p.radius_km.unwrap_or(DEFAULT_RADIUS_KM);
        if km > f64::from(radius) && !(estimate && same_departement) {
            e.beyond = Some(Beyond {
                id: o.id.clone(),
                distance_km: km.round() as u32,
                text: format!("{text} ; au-delà du rayon de {radius} km"),
                warnings: Vec::new(),
            });
        }
        e.reason(Factor::Place, points::place_for_km(km), text);
    }

    /// Where distances are measured from in this horizon: the establishment (inside, or out by
    /// day under semi-liberté), the release or residence commune, else the chef-lieu of the
    /// département.
    fn origin(&self, h: Horizon) -> Option<Origin> {
        let p = self.profile;
        let rd = self.refdata;
        let establishment = || {
            let x = rd.establishment(p.establishment.as_deref()?)?;
            let point = rd.commune_point(&x.commune).or(Some(Point {
                lat: x.latitude?,
                lon: x.longitude?,
            }))?;
            Some(Origin {
                point,
                from: format!("de l'établissement ({})", x.nom),
                departement: Some(x.departement.clone()),
                estimate: false,
                what: "",
            })
        };
        let (commune, dept, what) = match (p.situation, h) {
            (Situation::Dedans, Horizon::Now) => return establishment(),
            (Situation::Dedans, Horizon::AfterRelease) => (
                &p.release_commune,
                &p.release_departement,
                "département de sortie",
            ),
            (Situation::Dehors, _) => (
                &p.residence_commune,
                &p.residence_departement,
                "département de résidence",
            ),
        };
        let commune = commune.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if let Some(c) = commune.and_then(|c| rd.commune(c)) {
            if let Some(point) = c.point {
                return Some(Origin {
                    point,
                    from: de(&rd.place_name(&c.code)),
                    departement: Some(c.departement.clone()),
                    estimate: false,
                    what: "",
                });
            }
        }
        let dept = dept.as_deref().map(str::trim).filter(|d| !d.is_empty());
        if let Some(d) = dept.and_then(|d| rd.departement(d)) {
            let point = d.point()?;
            let town = rd
                .commune(&d.cheflieu)
                .map_or_else(|| d.nom.clone(), |c| rd.place_name(&c.code));
            return Some(Origin {
                point,
                from: de(&town),
                departement: Some(d.code.clone()),
                estimate: true,
                what,
            });
        }
        if p.situation == Situation::Dehors && p.measures.iter().any(|m| m.goes_out_by_day()) {
            return establishment();
        }
        None
    }
}

/// Where a distance is measured from.
struct Origin {
    point: Point,
    /// « de Vénissieux (69259) », « de l'établissement (…) ».
    from: String,
    departement: Option<String>,
    /// Only the département is known: measured from its chef-lieu.
    estimate: bool,
    /// « département de sortie »: what is known, for the estimate's sentence.
    what: &'static str,
}

/// « 12 km de Vénissieux (69259) », « moins de 1 km de … ».
fn distance_text(km: f64, from: &str) -> String {
    if km < 1.0 {
        format!("moins de 1 km {from}")
    } else {
        format!("{} km {from}", km.round() as u32)
    }
}
