//! Rules and score: which offers fit one person, now and after release, and why.
//!
//! Hard rules (court bans, curfew, situation, measure, establishment, record, dates) exclude
//! and are never outweighed by points. Every exclusion, warning and point comes with a French
//! sentence a counsellor can read aloud.

#![allow(clippy::indexing_slicing, clippy::string_slice)] // TODO(issue 10): rewrite without indexing (places engineer)
use crate::date;
use crate::model::{
    departement_of_commune, is_commune_code, Measure, Offer, OfferType, Profile, RecordRequirement,
    Situation,
};
use crate::refdata::RefData;
use crate::schedule::Schedule;
use crate::text::skills_match_folded;
use serde::Serialize;
use std::collections::HashMap;
use time::Date;

/// One factor's points and the sentence that explains them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub factor: &'static str,
    pub points: u32,
    pub text: String,
}

/// Something to check with the organisation before going further.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub rule: &'static str,
    pub text: String,
}

/// A hard rule that rules the offer out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    pub rule: &'static str,
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
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HorizonResult {
    pub fits: Vec<Fit>,
    pub excluded: Vec<Excluded>,
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
    pub const PLACE_REGION: u32 = 15;
    pub const TIMING_OPEN: u32 = 10;
    pub const TIMING_SOON: u32 = 6;
    pub const TIMING_LATER: u32 = 2;
    pub const CONTINUATION: u32 = 15;
    pub const OBLIGATION: u32 = 10;
}

/// Offers not checked for this long are flagged « à vérifier ».
pub const STALE_AFTER_DAYS: i64 = 183;
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

/// A code as the catalogue loader stores it: folded, spaces and dashes as `_`.
pub fn code_key(s: &str) -> String {
    crate::text::fold(s).replace([' ', '-'], "_")
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
                .find(|&&i| after[i].fits());
            if let Some(&i) = next {
                let n = &offers[i];
                e.reasons.push(Reason {
                    factor: "continuation",
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
                    if offers[i].id < offers[*slot].id {
                        *slot = i;
                    }
                }
            }
        }
        for (j, e) in after.iter_mut().enumerate() {
            if !e.fits() {
                continue;
            }
            if let Some(&i) = previous.get(&j) {
                let p = &offers[i];
                e.reasons.push(Reason {
                    factor: "continuation",
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
        if e.fits() {
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
            });
        }
    }
    // Best first; ties by id so that the order never depends on the catalogue's row order.
    r.fits
        .sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    r.excluded.sort_by(|a, b| a.id.cmp(&b.id));
    r
}

#[derive(Clone, Default)]
struct Evaluation {
    exclusions: Vec<Exclusion>,
    warnings: Vec<Warning>,
    reasons: Vec<Reason>,
}

impl Evaluation {
    fn fits(&self) -> bool {
        self.exclusions.is_empty()
    }
    fn exclude(&mut self, rule: &'static str, text: String) {
        self.exclusions.push(Exclusion { rule, text });
    }
    fn warn(&mut self, rule: &'static str, text: String) {
        self.warnings.push(Warning { rule, text });
    }
    fn reason(&mut self, factor: &'static str, points: u32, text: String) {
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
                    "banned_activity",
                    format!(
                        "Interdiction d'exercer : {label}. Cette offre relève de cette activité."
                    ),
                );
            }
        }
        if o.record == Some(RecordRequirement::B2Vierge) {
            match p.record.b2 {
                Some(true) => e.exclude("record_b2", "L'offre exige un bulletin n°2 du casier judiciaire vierge ; celui de la personne porte une mention.".into()),
                Some(false) => {}
                None => e.warn("record_b2", "L'offre exige un bulletin n°2 vierge : vérifier le casier de la personne avant d'aller plus loin.".into()),
            }
        }
        self.dates_rule(o, h, &mut e);
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
                    e.exclude("establishment", "L'établissement de la personne n'est pas renseigné : impossible de savoir ce qui y est proposé.".into());
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
                    e.exclude("situation", format!(
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
                        "establishment",
                        format!(
                        "L'offre n'a lieu qu'en détention à : {} ; la personne est détenue à {}.",
                        names.join(", "),
                        self.establishment_name(est)
                    ),
                    );
                } else {
                    e.exclude("situation", "L'offre a lieu en milieu ouvert : une personne détenue ne peut la suivre qu'en semi-liberté ou en placement à l'extérieur.".into());
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
                    e.exclude("situation", text.into());
                    None
                }
            }
        }
    }

    /// The measures the person will be under in this horizon.
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
                "measure",
                format!("L'offre n'accepte que : {accepted} ; {person}."),
            );
        }
    }

    /// Interdiction de paraître: excluded when every place of the offer is banned; a warning
    /// when only some are, or when the offer's place is too vague to tell.
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
        let mut banned_by: Vec<(&String, &str)> = Vec::new();
        let mut maybe: Vec<(&String, &str)> = Vec::new();
        for place in places {
            let ban = bans.iter().find(|b| {
                *b == place
                    || (is_commune_code(place)
                        && !is_commune_code(b)
                        && departement_of_commune(place) == **b)
            });
            if let Some(b) = ban {
                banned_by.push((place, b));
            } else if !is_commune_code(place) {
                if let Some(b) = bans
                    .iter()
                    .find(|b| is_commune_code(b) && departement_of_commune(b) == place)
                {
                    maybe.push((place, b));
                }
            }
        }
        if !banned_by.is_empty() && banned_by.len() == places.len() && !o.anywhere {
            for (place, b) in &banned_by {
                let where_ = if *place == b {
                    if is_commune_code(place) {
                        "l'offre a lieu dans cette commune"
                    } else {
                        "l'offre a lieu dans ce département"
                    }
                } else {
                    "l'offre a lieu dans une commune de ce département"
                };
                e.exclude(
                    "banned_place",
                    format!(
                        "Interdiction de paraître : {} ; {where_}.",
                        self.refdata.place_name(b)
                    ),
                );
            }
            return;
        }
        for (place, b) in &banned_by {
            e.warn("banned_place", format!(
                "Interdiction de paraître : {} ; l'offre a aussi lieu ailleurs : la suivre seulement dans ses autres lieux, hors {}.",
                self.refdata.place_name(b),
                self.refdata.place_name(place)
            ));
        }
        for (place, b) in &maybe {
            e.warn("banned_place_unknown", format!(
                "Interdiction de paraître : {} ; l'offre a lieu dans le département {} sans préciser la commune : vérifier l'adresse avec la structure.",
                self.refdata.place_name(b),
                self.refdata.place_name(place)
            ));
        }
    }

    fn curfew_rule(&self, o: &Offer, e: &mut Evaluation) {
        let Some(curfew) = &self.curfew else { return };
        let written = self.profile.curfew.as_deref().unwrap_or("").trim();
        let home = if self.profile.situation == Situation::Dedans {
            "rentrée à l'établissement"
        } else {
            "chez elle"
        };
        match (curfew, &o.schedule) {
            (Err(err), _) => e.warn("curfew_unknown", format!("Horaires d'assignation illisibles ({err}) : vérifier à la main que l'offre les respecte.")),
            (Ok(c), Some(s)) => {
                if let Some(span) = c.overlap(s) {
                    e.exclude("curfew", format!(
                        "Horaires d'assignation ({written}) : l'offre a lieu « {} », notamment {span}, quand la personne doit être {home}.",
                        o.schedule_text
                    ));
                }
            }
            (Ok(_), None) => e.warn("curfew_unknown", format!(
                "Horaires de l'offre inconnus : vérifier qu'ils respectent les horaires d'assignation ({written})."
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
                    "dates",
                    format!("L'offre s'est terminée le {}.", date::fr(end)),
                );
            }
            Horizon::AfterRelease => match self.profile.release_date {
                Some(r) if end < r => e.exclude(
                    "dates",
                    format!(
                        "L'offre se termine le {}, avant la date de libération prévisible ({}).",
                        date::fr(end),
                        date::fr(r)
                    ),
                ),
                None if end < self.today => e.exclude(
                    "dates",
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
                Some(true) => e.warn("record_b2", "L'employeur lit le bulletin n°2 du casier, qui porte une mention : en parler avec la personne avant la candidature.".into()),
                None => e.warn("record_b2", "L'employeur lit le bulletin n°2 du casier : vérifier ce qu'il porte.".into()),
                Some(false) => {}
            },
            Some(RecordRequirement::B3) => match p.record.b3 {
                Some(true) => e.warn("record_b3", "L'offre demande le bulletin n°3 du casier, qui porte une mention : préparer la personne à en parler.".into()),
                None => e.warn("record_b3", "L'offre demande le bulletin n°3 du casier : vérifier ce qu'il porte.".into()),
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
                "prerequisite",
                format!("Prérequis à vérifier : {}.", missing.join(", ")),
            );
        }
        match o.seats {
            Some(0) => e.warn(
                "seats",
                "Plus de place annoncée : demander la prochaine session ou une liste d'attente."
                    .into(),
            ),
            None => e.warn(
                "seats_unknown",
                "Nombre de places non précisé : le demander à la structure.".into(),
            ),
            _ => {}
        }
        if h == Horizon::AfterRelease && p.release_date.is_none() {
            e.warn("dates_unknown", "Date de libération prévisible non renseignée : les dates de l'offre n'ont pas pu être comparées à la sortie.".into());
        }
        if let Some(c) = o.checked {
            if (self.today - c).whole_days() > STALE_AFTER_DAYS {
                e.warn("stale", format!("À vérifier : offre vérifiée pour la dernière fois le {}, il y a plus de six mois.", date::fr(c)));
            }
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
                "skills",
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
                "sectors",
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
            let domain = self.refdata.rome_label(&s[..1]).unwrap_or_default();
            e.reason(
                "sectors",
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
                            "timing",
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
                            "timing",
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
                    e.reason("timing", points::TIMING_OPEN, text);
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
                    "obligations",
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
                "place",
                points::PLACE_SAME,
                format!(
                    "A lieu à l'établissement où la personne est détenue ({})",
                    self.establishment_name(est)
                ),
            );
            return;
        }
        let home = match (p.situation, h) {
            (Situation::Dedans, Horizon::Now) => p
                .establishment
                .as_deref()
                .and_then(|x| self.refdata.establishment(x))
                .map(|x| x.departement.clone()),
            (Situation::Dedans, Horizon::AfterRelease) => p.release_departement.clone(),
            (Situation::Dehors, _) => p.residence_departement.clone(),
        };
        let home = home.filter(|d| !d.is_empty());
        let home_word = match (p.situation, h) {
            (Situation::Dedans, Horizon::Now) => "département de l'établissement",
            (Situation::Dedans, Horizon::AfterRelease) => "département de sortie",
            _ => "département de résidence",
        };
        let Some(home) = home else {
            if o.anywhere {
                e.reason(
                    "place",
                    points::PLACE_REMOTE,
                    "Partout ou à distance".into(),
                );
            } else {
                e.reason(
                    "place",
                    0,
                    format!("Lieu non comparé : {home_word} non renseigné"),
                );
            }
            return;
        };
        if o.departements.contains(&home) {
            e.reason(
                "place",
                points::PLACE_SAME,
                format!("Dans le {home_word} : {}", self.refdata.place_name(&home)),
            );
            return;
        }
        if o.anywhere {
            e.reason(
                "place",
                points::PLACE_REMOTE,
                "Partout ou à distance".into(),
            );
            return;
        }
        let region = self.refdata.region_of(&home);
        if let Some(d) = o
            .departements
            .iter()
            .find(|d| region.is_some() && self.refdata.region_of(d) == region)
        {
            let rname = region
                .and_then(|r| self.refdata.region(r))
                .map(|r| r.nom.clone())
                .unwrap_or_default();
            e.reason(
                "place",
                points::PLACE_REGION,
                format!(
                    "Dans la même région que le {home_word} ({rname}) : {}",
                    self.refdata.place_name(d)
                ),
            );
            return;
        }
        let list: Vec<String> = o
            .departements
            .iter()
            .take(3)
            .map(|d| self.refdata.place_name(d))
            .collect();
        e.reason(
            "place",
            0,
            format!(
                "Loin du {home_word}, {} : {}",
                self.refdata.place_name(&home),
                list.join(", ")
            ),
        );
    }
}
