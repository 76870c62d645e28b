//! What is wrong or missing in a profile, checked against the reference data: above
//! `model` and `refdata` (it reads both), below the matching. Each problem is data (its field,
//! what is wrong and the values involved); [`ProfileProblem::fr`] says it in French for the
//! command line, the app says it through its i18n tables.

use crate::model::{is_commune_code, Profile, Situation};
use crate::refdata::RefData;
use crate::schedule::Schedule;
use crate::text::code_key;
use crate::vocabulary::vocabulary;
use serde::Serialize;

vocabulary!(
    /// A field of the profile, named as FORMATS.md §2 names it.
    ProfileField {
        Establishment => "establishment",
        ReleaseDate => "release_date",
        ReleaseDepartement => "release_departement",
        ResidenceDepartement => "residence_departement",
        ReleaseCommune => "release_commune",
        ResidenceCommune => "residence_commune",
        BannedPlaces => "banned_places",
        BannedActivities => "banned_activities",
        Curfew => "curfew",
        Sectors => "sectors",
    }
);

/// What is wrong, with the values involved (as written, or as codes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "issue", rename_all = "snake_case")]
pub enum Issue {
    /// Dedans without an establishment.
    EstablishmentMissing,
    EstablishmentUnknown {
        written: String,
    },
    /// Dedans without a release date: offer dates are not compared with the release.
    ReleaseDateMissing,
    /// Dedans with a release date already past on the day of the matching (`AAAA-MM-JJ`): a
    /// typo in the year, or a release that happened and a profile to move to *dehors*.
    ReleaseDatePast {
        date: String,
    },
    DepartementUnknown {
        written: String,
    },
    CommuneUnknown {
        written: String,
    },
    /// A commune outside the département given with it: one of them is a typo.
    CommuneOutsideDepartement {
        commune: String,
        departement: String,
        actual: String,
    },
    /// A ban that is neither a known département nor a known commune.
    PlaceUnknown {
        written: String,
    },
    /// The person is to live where the court forbids them to go.
    HomeBanned {
        ban: String,
    },
    ActivityUnknown {
        written: String,
    },
    /// The curfew as written, and what could not be read in it (French; in either language:
    /// `Schedule::unread_in_words`).
    CurfewUnreadable {
        written: String,
        error: String,
    },
    SectorUnknown {
        written: String,
    },
}

/// What is wrong or missing in one field of a profile. Matching still runs on a profile with
/// problems; these say what to fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProfileProblem {
    pub field: ProfileField,
    #[serde(flatten)]
    pub issue: Issue,
}

impl ProfileProblem {
    /// The problem in French, for the command line: what is wrong and what to do.
    pub fn fr(&self, refdata: &RefData) -> String {
        match &self.issue {
            Issue::EstablishmentMissing => {
                "Établissement non renseigné : choisir celui où la personne est détenue.".into()
            }
            Issue::EstablishmentUnknown { written } => {
                let hints = establishment_hints(refdata, written);
                if hints.is_empty() {
                    format!("Établissement inconnu « {written} » : le choisir dans la liste.")
                } else {
                    format!("Établissement inconnu « {written} » : le choisir dans la liste (peut-être : {hints}).")
                }
            }
            Issue::ReleaseDateMissing => "Date de libération prévisible non renseignée : les dates des offres ne seront pas comparées à la sortie.".into(),
            Issue::ReleaseDatePast { date } => format!(
                "Date de libération prévisible déjà passée ({}) : vérifier l'année, ou passer la personne « dehors » si elle est sortie.",
                crate::date::parse(date).map_or(date.clone(), crate::date::fr)
            ),
            Issue::DepartementUnknown { written } => {
                format!("Département inconnu « {written} » : écrire son code INSEE (44, 2A, 974).")
            }
            Issue::CommuneUnknown { written } if communes_named(refdata, written) > 1 => format!(
                "« {written} » désigne plusieurs communes : écrire le code INSEE de la bonne, ou donner aussi son département{}.",
                refdata.commune_hint(written)
            ),
            Issue::CommuneUnknown { written } => format!(
                "Commune inconnue « {written} » : écrire son nom exact, son code postal ou son code INSEE{}.",
                refdata.commune_hint(written)
            ),
            Issue::CommuneOutsideDepartement {
                commune,
                departement,
                actual,
            } => format!(
                "{} n'est pas dans le département indiqué ({}) mais dans {} : corriger l'un ou l'autre.",
                refdata.place_name(commune),
                refdata.place_name(departement),
                refdata.place_name(actual)
            ),
            Issue::PlaceUnknown { written } => format!(
                "Lieu inconnu « {written} » : écrire un code de département (93) ou de commune INSEE (93008){}.",
                refdata.commune_hint(written)
            ),
            Issue::HomeBanned { ban } => {
                let what = match self.field {
                    ProfileField::ReleaseDepartement | ProfileField::ReleaseCommune => {
                        "de sortie"
                    }
                    _ => "de résidence",
                };
                format!(
                    "Le lieu {what} est sous interdiction de paraître ({}) : les offres qui s'y tiennent sont écartées ; vérifier l'adresse prévue avec le juge ou le SPIP.",
                    refdata.place_name(ban)
                )
            }
            Issue::ActivityUnknown { written } => format!("Activité « {written} » absente du vocabulaire : elle n'écartera que les offres qui l'écrivent exactement ainsi."),
            Issue::CurfewUnreadable { error, .. } => format!(
                "Horaires d'assignation illisibles : {error}. Exemple : lun-dim 20:00-07:00."
            ),
            Issue::SectorUnknown { written } => format!(
                "Code ROME inconnu « {written} » : écrire un code (G1803) ou son début (G18, N)."
            ),
        }
    }
}

impl ProfileProblem {
    /// The problem in English, for `relais match --lang en` (the app says it through its i18n).
    pub fn en(&self, refdata: &RefData) -> String {
        match &self.issue {
            Issue::EstablishmentMissing => {
                "No establishment given: give the one where the person is detained.".into()
            }
            Issue::EstablishmentUnknown { written } => {
                let hints = establishment_hints(refdata, written);
                if hints.is_empty() {
                    format!("Unknown establishment “{written}”: give its id (the list is data/etablissements.csv).")
                } else {
                    format!("Unknown establishment “{written}”: give its id (the list is data/etablissements.csv; perhaps: {hints}).")
                }
            }
            Issue::ReleaseDateMissing => "No expected release date: the offers' dates will not be compared with the release.".into(),
            Issue::ReleaseDatePast { date } => format!(
                "The expected release date has already passed ({}): check the year, or set the person « dehors » if they are out.",
                crate::date::parse(date).map_or(date.clone(), crate::date::fr)
            ),
            Issue::DepartementUnknown { written } => {
                format!("Unknown department “{written}”: write its INSEE code (44, 2A, 974).")
            }
            Issue::CommuneUnknown { written } if communes_named(refdata, written) > 1 => format!(
                "“{written}” names several communes: write the INSEE code of the right one, or give its department too; “relais lieu {written}” lists them."
            ),
            Issue::CommuneUnknown { written } => format!(
                "Unknown commune “{written}”: write its exact name, postal code or INSEE code; “relais lieu {written}” lists the places it may mean."
            ),
            Issue::CommuneOutsideDepartement {
                commune,
                departement,
                actual,
            } => format!(
                "{} is not in the given department ({}) but in {}: correct one or the other.",
                refdata.place_name(commune),
                refdata.place_name(departement),
                refdata.place_name(actual)
            ),
            Issue::PlaceUnknown { written } => format!(
                "Unknown place “{written}”: write a department code (93) or an INSEE commune code (93008); “relais lieu {written}” lists the places it may mean."
            ),
            Issue::HomeBanned { ban } => {
                let what = match self.field {
                    ProfileField::ReleaseDepartement | ProfileField::ReleaseCommune => {
                        "release"
                    }
                    _ => "residence",
                };
                format!(
                    "The place of {what} is under a ban on entering ({}): the offers held there are excluded; check the planned address with the judge or the SPIP.",
                    refdata.place_name(ban)
                )
            }
            Issue::ActivityUnknown { written } => format!("Activity “{written}” is not in the vocabulary: it will only exclude offers that write it exactly so."),
            // The reader's own explanation is French: the English sentence stands alone.
            Issue::CurfewUnreadable { .. } => {
                "The curfew hours cannot be read. Example: Mo-Su 20:00-07:00.".into()
            }
            Issue::SectorUnknown { written } => format!(
                "Unknown ROME code “{written}”: write a code (G1803) or its beginning (G18, N)."
            ),
        }
    }

    /// In the language asked for.
    pub fn text(&self, refdata: &RefData, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::Fr => self.fr(refdata),
            crate::lang::Lang::En => self.en(refdata),
        }
    }
}

/// « Centre pénitentiaire de Nantes (nantes) », the establishments a name may mean.
fn establishment_hints(refdata: &RefData, written: &str) -> String {
    refdata
        .establishment_hints(written)
        .iter()
        .map(|e| format!("{} ({})", e.name, e.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value typed in a field, trimmed; `None` when empty.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Profile {
    /// Every problem of the profile, in the order of its fields, on the day of the matching
    /// (the profile's `today` if it gives one): a release date already past is one.
    pub fn problems_on(&self, refdata: &RefData, today: time::Date) -> Vec<ProfileProblem> {
        let mut out = self.problems(refdata);
        let today = self.today.unwrap_or(today);
        if self.situation == Situation::Dedans {
            if let Some(d) = self.release_date.filter(|d| *d < today) {
                // After the establishment's problems, where the release date's would be.
                let at = out
                    .iter()
                    .take_while(|p| p.field == ProfileField::Establishment)
                    .count();
                out.insert(
                    at,
                    ProfileProblem {
                        field: ProfileField::ReleaseDate,
                        issue: Issue::ReleaseDatePast {
                            date: crate::date::iso(d),
                        },
                    },
                );
            }
        }
        out
    }

    /// Every problem of the profile, in the order of its fields (what does not depend on the
    /// day; [`Profile::problems_on`] adds what does).
    pub fn problems(&self, refdata: &RefData) -> Vec<ProfileProblem> {
        let mut out = Vec::new();
        let mut push =
            |field: ProfileField, issue: Issue| out.push(ProfileProblem { field, issue });
        if self.situation == Situation::Dedans {
            match given(&self.establishment) {
                None => push(ProfileField::Establishment, Issue::EstablishmentMissing),
                Some(e) if refdata.establishment(e).is_none() => push(
                    ProfileField::Establishment,
                    Issue::EstablishmentUnknown { written: e.into() },
                ),
                _ => {}
            }
            if self.release_date.is_none() {
                push(ProfileField::ReleaseDate, Issue::ReleaseDateMissing);
            }
        }
        for (field, d) in [
            (ProfileField::ReleaseDepartement, &self.release_departement),
            (
                ProfileField::ResidenceDepartement,
                &self.residence_departement,
            ),
        ] {
            if let Some(d) = d.as_deref().filter(|d| !d.is_empty()) {
                if refdata.departement(d).is_none() {
                    push(field, Issue::DepartementUnknown { written: d.into() });
                }
            }
        }
        for (field, c) in [
            (ProfileField::ReleaseCommune, &self.release_commune),
            (ProfileField::ResidenceCommune, &self.residence_commune),
        ] {
            if let Some(c) = given(c) {
                if !refdata.communes.is_empty() && refdata.commune(c).is_none() {
                    push(field, Issue::CommuneUnknown { written: c.into() });
                }
            }
        }
        for (field, c, d) in [
            (
                ProfileField::ReleaseCommune,
                &self.release_commune,
                &self.release_departement,
            ),
            (
                ProfileField::ResidenceCommune,
                &self.residence_commune,
                &self.residence_departement,
            ),
        ] {
            if let (Some(c), Some(d)) = (given(c), given(d)) {
                let actual = refdata.departement_code_of(c);
                if refdata.commune(c).is_some() && actual != d {
                    push(
                        field,
                        Issue::CommuneOutsideDepartement {
                            commune: c.into(),
                            departement: d.into(),
                            actual,
                        },
                    );
                }
            }
        }
        for b in &self.banned_places {
            if !refdata.knows_place(b) {
                push(
                    ProfileField::BannedPlaces,
                    Issue::PlaceUnknown { written: b.clone() },
                );
            }
        }
        // A ban on the place the person is to live in: the counsellor must see the conflict
        // (the offers there are excluded, which would otherwise look like an empty area).
        for (field, dept, commune) in [
            (
                ProfileField::ReleaseDepartement,
                &self.release_departement,
                &self.release_commune,
            ),
            (
                ProfileField::ResidenceDepartement,
                &self.residence_departement,
                &self.residence_commune,
            ),
        ] {
            let home: Vec<String> = given(commune)
                .map(|c| {
                    let mut v = vec![c.to_string(), refdata.departement_code_of(c)];
                    v.extend(refdata.current_commune(c).map(|x| x.code.clone()));
                    v
                })
                .into_iter()
                .flatten()
                .chain(given(dept).map(str::to_string))
                .collect();
            if let Some(b) = self
                .banned_places
                .iter()
                .map(|b| b.trim())
                .find(|b| home.iter().any(|h| h == b))
            {
                push(field, Issue::HomeBanned { ban: b.into() });
            }
        }
        for a in &self.banned_activities {
            if refdata.term("activite", &code_key(a)).is_none() {
                push(
                    ProfileField::BannedActivities,
                    Issue::ActivityUnknown { written: a.clone() },
                );
            }
        }
        if let Some(c) = self.curfew.as_deref().filter(|c| !c.trim().is_empty()) {
            if let Err(error) = Schedule::parse(c) {
                let written = c.trim().to_string();
                push(
                    ProfileField::Curfew,
                    Issue::CurfewUnreadable { written, error },
                );
            }
        }
        for s in &self.sectors {
            if !refdata.rome_known(&s.to_ascii_uppercase()) {
                push(
                    ProfileField::Sectors,
                    Issue::SectorUnknown { written: s.clone() },
                );
            }
        }
        out
    }
}

/// How a place (or the establishment) written by name in a profile (« Lyon », « Seine-Saint-Denis », « Lyon 3e ») was
/// read into the codes FORMATS.md §2 asks for. Codes already known are kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceReading {
    pub field: ProfileField,
    pub written: String,
    /// The codes now in the profile: one, or for a ban every place the name may mean.
    pub codes: Vec<String>,
    /// The places read, « Lyon (69123) ».
    pub labels: Vec<String>,
}

impl PlaceReading {
    /// Several places for one ban: each is held banned until the counsellor says which. (An
    /// activity's words that name several activities ban each: not a choice to make.)
    pub fn is_ambiguous(&self) -> bool {
        self.codes.len() > 1 && self.field != ProfileField::BannedActivities
    }

    /// Between labels: activities' labels hold commas.
    fn separator(&self) -> &'static str {
        if self.field == ProfileField::BannedActivities {
            " ; "
        } else {
            ", "
        }
    }

    /// In English, for `relais match --lang en`.
    pub fn en(&self) -> String {
        if self.is_ambiguous() {
            format!(
                "“{}” means several places: all of them are held banned ({}); write the code of the right one.",
                self.written,
                self.labels.join(", ")
            )
        } else {
            format!(
                "“{}” read as {}",
                self.written,
                self.labels.join(self.separator())
            )
        }
    }

    /// In the language asked for.
    pub fn text(&self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::Fr => self.fr(),
            crate::lang::Lang::En => self.en(),
        }
    }

    /// In French, for the command line.
    pub fn fr(&self) -> String {
        if self.is_ambiguous() {
            format!(
                "« {} » désigne plusieurs lieux : tous sont tenus pour interdits ({}) ; écrire le code du bon lieu.",
                self.written,
                self.labels.join(", ")
            )
        } else {
            format!(
                "« {} » compris comme {}",
                self.written,
                self.labels.join(self.separator())
            )
        }
    }
}

/// Read the places of a profile written by name, as the app's fields read what is typed: the
/// contract asks for codes, but a profile written by hand says « Lyon ». A ban never goes
/// unapplied for being written as a name: a name that means several places bans them all (and
/// says so); one that means nothing is left as written for [`Profile::problems`] to report and
/// for the matching to warn about. Residence and release places are changed only when the name
/// means one place. Run it again once the commune list is loaded: codes are kept as they are.
/// How many communes a commune field's text may mean (2 or more: it must be told which).
pub fn communes_named(refdata: &RefData, written: &str) -> usize {
    crate::places::resolve_place_input(refdata, written)
        .candidates()
        .iter()
        .filter(|c| is_commune_code(&c.code))
        .count()
}

pub fn resolve_places(refdata: &RefData, profile: &mut Profile) -> Vec<PlaceReading> {
    use crate::places::{resolve_place_input, Candidate};
    let mut out = Vec::new();
    let reading = |field, written: &str, c: &[Candidate]| PlaceReading {
        field,
        written: written.to_string(),
        codes: c.iter().map(|c| c.code.clone()).collect(),
        // A commune with its département: « Évry (89162, Yonne) » is seen not to be the
        // Essonne's at a glance.
        labels: c
            .iter()
            .map(|c| {
                let d = refdata
                    .departement(&refdata.departement_code_of(&c.code))
                    .filter(|_| is_commune_code(&c.code));
                match (d, c.label.strip_suffix(')')) {
                    (Some(d), Some(head)) => format!("{head}, {})", d.name),
                    _ => c.label.clone(),
                }
            })
            .collect(),
    };
    if let Some(w) = given(&profile.establishment).map(str::to_string) {
        if refdata.establishment(&w).is_none() {
            // By its name, its town or the administration's label; only when one matches (a
            // town may hold several establishments).
            let s = crate::text::slug(&w);
            let found: Vec<_> = refdata
                .establishments
                .iter()
                .filter(|e| {
                    [&e.id, &e.name, &e.source_label, &e.commune_name]
                        .iter()
                        .any(|v| crate::text::slug(v) == s)
                })
                .collect();
            if let [e] = found.as_slice() {
                out.push(PlaceReading {
                    field: ProfileField::Establishment,
                    written: w,
                    codes: vec![e.id.clone()],
                    labels: vec![e.name.clone()],
                });
                profile.establishment = Some(e.id.clone());
            }
        }
    }
    let mut bans: Vec<String> = Vec::new();
    for written in &profile.banned_places {
        let w = written.trim();
        if w.is_empty() || refdata.knows_place(w) {
            bans.push(w.to_string());
            continue;
        }
        let m = resolve_place_input(refdata, w);
        let c = m.candidates();
        if c.is_empty() {
            bans.push(written.clone());
            continue;
        }
        out.push(reading(ProfileField::BannedPlaces, w, c));
        bans.extend(c.iter().map(|c| c.code.clone()));
    }
    let mut seen = std::collections::HashSet::new();
    bans.retain(|b| !b.is_empty() && seen.insert(b.clone()));
    profile.banned_places = bans;

    // An interdiction d'exercer in the decision's words (« enfants », « gardiennage »): the
    // activities whose words it holds, each banned; a text with none is left as written.
    let mut activities: Vec<String> = Vec::new();
    for written in &profile.banned_activities {
        let known = refdata.term("activite", &crate::text::code_key(written));
        let found = if known.is_some() {
            Vec::new()
        } else {
            refdata.activities_in(written)
        };
        if found.is_empty() {
            activities.push(written.clone());
            continue;
        }
        out.push(PlaceReading {
            field: ProfileField::BannedActivities,
            written: written.trim().to_string(),
            codes: found.iter().map(|t| t.code.clone()).collect(),
            labels: found.iter().map(|t| t.fr.clone()).collect(),
        });
        activities.extend(found.iter().map(|t| t.code.clone()));
    }
    let mut seen = std::collections::HashSet::new();
    activities.retain(|a| seen.insert(a.clone()));
    profile.banned_activities = activities;

    for (field, value, departement) in [
        (
            ProfileField::ResidenceCommune,
            &mut profile.residence_commune,
            profile.residence_departement.as_deref(),
        ),
        (
            ProfileField::ReleaseCommune,
            &mut profile.release_commune,
            profile.release_departement.as_deref(),
        ),
    ] {
        let Some(w) = given(value).map(str::to_string) else {
            continue;
        };
        if refdata.knows_place(&w) && is_commune_code(&w) {
            continue;
        }
        let m = resolve_place_input(refdata, &w);
        let mut found: Vec<&Candidate> = m
            .candidates()
            .iter()
            .filter(|c| is_commune_code(&c.code))
            .collect();
        // « Le Port » is in the Ariège and in La Réunion: the profile's département of the same
        // kind (as a code or a name) tells which, when it is given.
        if found.len() > 1 {
            let dep = departement
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .and_then(|d| {
                    if refdata.departement(d).is_some() {
                        Some(d.to_string())
                    } else {
                        refdata.resolve_departement(d)
                    }
                });
            if let Some(dep) = dep {
                found.retain(|c| refdata.departement_code_of(&c.code) == dep);
            }
        }
        if let [c] = found.as_slice() {
            out.push(reading(field, &w, std::slice::from_ref(*c)));
            *value = Some(c.code.clone());
        }
    }
    for (field, value) in [
        (
            ProfileField::ResidenceDepartement,
            &mut profile.residence_departement,
        ),
        (
            ProfileField::ReleaseDepartement,
            &mut profile.release_departement,
        ),
    ] {
        let Some(w) = given(value).map(str::to_string) else {
            continue;
        };
        if refdata.departement(&w).is_some() {
            continue;
        }
        if let Some(code) = refdata.resolve_departement(&w) {
            let label = refdata
                .departement(&code)
                .map_or(code.clone(), |d| format!("{} ({})", d.name, d.code));
            out.push(PlaceReading {
                field,
                written: w,
                codes: vec![code.clone()],
                labels: vec![label],
            });
            *value = Some(code);
        }
    }
    out
}
