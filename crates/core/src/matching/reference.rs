//! The plain reading of the rules, one offer at a time, with the profile's side read again for
//! every offer: the matching as it was before the prepared pass ([`crate::prepared::Prepared`]). Kept as
//! the reference the fast pass is tested against (`tests/properties.rs`): both must give the
//! same result for any catalogue and any profile. Not used by the app or the command line.

use super::*;
use std::collections::HashMap;

/// Match one profile against a catalogue, every offer read as written (see the module).
pub fn match_profile(
    profile: &Profile,
    offers: &[Offer],
    refdata: &RefData,
    today: Date,
) -> MatchResult {
    let ctx = Ctx::new(profile, refdata, today);
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
                .continues_as()
                .iter()
                .filter_map(|id| index.get(id.as_str()))
                .filter(|&&i| after.get(i).is_some_and(Evaluation::fits))
                .find_map(|&i| offers.get(i));
            if let Some(n) = next {
                e.reason(
                    points::CONTINUATION,
                    Why::ContinuesOutside {
                        title: n.title.to_string(),
                        organisation: n.organisation.to_string(),
                    },
                );
            }
        }
        let mut previous: HashMap<usize, usize> = HashMap::new();
        for (i, (p, pe)) in offers.iter().zip(&now).enumerate() {
            if !pe.fits() {
                continue;
            }
            for id in p.continues_as() {
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
                        title: p.title.to_string(),
                        organisation: p.organisation.to_string(),
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
                id: o.id.to_string(),
                score,
                reasons: e.reasons,
                warnings: e.warnings,
            });
        } else {
            r.excluded.push(Excluded {
                id: o.id.to_string(),
                rules: e.exclusions,
                possible_from: e.possible_from,
            });
        }
    }
    r.sort();
    r
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
        for a in o.regulated() {
            if self.banned_activities.iter().any(|b| b == a) {
                e.exclude(Exclusion::BannedActivity(a.to_string()));
            }
        }
        if !e.rules.contains(Rule::BannedActivity) {
            let ban = |s: &str| regulated_jobs::sector_ban(s, &self.banned_activities);
            let jobs = regulated_jobs::offer_jobs(o.sectors().iter().map(|s| ban(s)));
            let sector_of = |b: &SectorBan| {
                o.sectors()
                    .iter()
                    .find(|s| ban(s) == Some(*b))
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            };
            self.job_ban_finding(jobs, sector_of, &mut e);
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
            e.possible_from = self.possible_from(o, e.rules);
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
                if o.milieu.inside() && o.establishments().iter().any(|x| x == est) {
                    return Some(Mode::Inside);
                }
                if o.milieu.outside() && goes_out {
                    let dept = self
                        .refdata
                        .establishment(est)
                        .map(|x| x.departement.clone());
                    let in_dept = o.anywhere
                        || dept
                            .as_ref()
                            .is_some_and(|d| o.departements().iter().any(|x| x == d));
                    if in_dept {
                        return Some(Mode::Outside);
                    }
                    e.exclude(Exclusion::OutsideDepartement(dept));
                    return None;
                }
                if o.milieu.inside() {
                    e.exclude(Exclusion::OtherEstablishment {
                        offer: o.establishments().iter().map(|s| s.to_string()).collect(),
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

    fn measure_rule(&self, o: &Offer, h: Horizon, e: &mut Evaluation) {
        if o.measures.is_empty() {
            return;
        }
        let mine = self.measures(h);
        if !mine.iter().any(|m| o.measures.contains(m)) {
            e.exclude(Exclusion::Measure {
                accepted: o.measures.to_vec(),
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
        if bans.is_empty() || (o.anywhere && o.departements().is_empty()) {
            return;
        }
        let places: &[crate::model::Code] = if o.communes().is_empty() {
            o.departements()
        } else {
            o.communes()
        };
        let rd = self.refdata;
        let mut banned_by: Vec<(&str, &str)> = Vec::new();
        let mut maybe: Vec<(&str, &str)> = Vec::new();
        for place in places {
            if let Some(b) = bans.iter().find(|b| self.ban_covers(b, place)) {
                banned_by.push((place.as_str(), b));
            } else if let Some(b) = bans.iter().find(|b| self.ban_may_cover(b, place)) {
                maybe.push((place.as_str(), b));
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
        if o.prerequisites()
            .iter()
            .any(|r| !self.has.iter().any(|h| h == r))
        {
            e.warn(Warning::Prerequisites(
                o.prerequisites()
                    .iter()
                    .filter(|r| !self.has.iter().any(|h| h == *r))
                    .map(|r| r.to_string())
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
            o.skills()
                .iter()
                .zip(o.skill_keys())
                .filter(|(_, f)| self.skills.iter().any(|m| skills_match_folded(m, f)))
                .map(|(s, _)| s.to_string())
                .collect()
        };
        if !matched.is_empty() {
            let pts = (matched.len() as u32 * points::SKILLS_EACH).min(points::SKILLS_MAX);
            e.reason(pts, Why::Skills(matched));
        }
        // Sectors by ROME prefix.
        let sector = o.sectors().iter().find_map(|s| {
            p.sectors
                .iter()
                .find(|w| s.starts_with(w.as_str()) || w.starts_with(s.as_str()))
                .map(|w| (s, w))
        });
        if let Some((s, _)) = sector {
            e.reason(points::SECTOR, Why::Sector(s.to_string()));
        } else if let Some(s) = o
            .sectors()
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
        let mut targets: Vec<(&crate::model::Code, Point, bool)> = o
            .communes()
            .iter()
            .filter_map(|c| Some((c, rd.commune_point(c)?, false)))
            .collect();
        if targets.is_empty() {
            targets = o
                .departements()
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
            o.departements().iter().any(|x| x == d)
                || o.communes().iter().any(|c| &rd.departement_code_of(c) == d)
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
            to: to.to_string(),
            to_estimate,
        };
        let radius = p.radius_km.unwrap_or(DEFAULT_RADIUS_KM);
        if km > f64::from(radius) && !(estimate && same_departement) {
            e.beyond = Some(Beyond {
                id: o.id.to_string(),
                distance_km: km.round() as u32,
                reach: reach.clone(),
                radius_km: radius,
                warnings: Vec::new(),
            });
        }
        e.reason(points::place_for_km(km), Why::Distance(reach));
    }
}
