//! What is wrong or missing in a profile, checked against the reference data: above
//! `model` and `refdata` (it reads both), below the matching.

use crate::model::{is_commune_code, Profile, Situation};
use crate::refdata::{code_prefix_departement, RefData};
use crate::schedule::Schedule;
use crate::text::code_key;
use serde::Serialize;

/// What is wrong or missing in a profile, field by field, in French — for the form and the
/// command line. Matching still runs on a profile with problems; these say what to fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProfileProblem {
    /// The profile's field (`establishment`, `banned_places`, `curfew`…).
    pub field: &'static str,
    pub message: String,
}

impl Profile {
    pub fn problems(&self, refdata: &RefData) -> Vec<ProfileProblem> {
        let mut out = Vec::new();
        let mut push =
            |field: &'static str, message: String| out.push(ProfileProblem { field, message });
        if self.situation == Situation::Dedans {
            match self
                .establishment
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                None => push(
                    "establishment",
                    "Établissement non renseigné : choisir celui où la personne est détenue."
                        .into(),
                ),
                Some(e) if refdata.establishment(e).is_none() => push(
                    "establishment",
                    format!("Établissement inconnu « {e} » : le choisir dans la liste."),
                ),
                _ => {}
            }
            if self.release_date.is_none() {
                push("release_date", "Date de libération prévisible non renseignée : les dates des offres ne seront pas comparées à la sortie.".into());
            }
        }
        for (field, d) in [
            ("release_departement", &self.release_departement),
            ("residence_departement", &self.residence_departement),
        ] {
            if let Some(d) = d.as_deref().filter(|d| !d.is_empty()) {
                if refdata.departement(d).is_none() {
                    push(
                        field,
                        format!(
                            "Département inconnu « {d} » : écrire son code INSEE (44, 2A, 974)."
                        ),
                    );
                }
            }
        }
        for (field, c) in [
            ("release_commune", &self.release_commune),
            ("residence_commune", &self.residence_commune),
        ] {
            if let Some(c) = c.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                if !refdata.communes.is_empty() && refdata.commune(c).is_none() {
                    push(
                        field,
                        format!(
                            "Commune inconnue « {c} » : écrire son code INSEE (69259 pour Vénissieux){}.",
                            refdata.commune_hint(c)
                        ),
                    );
                }
            }
        }
        // A commune outside the département given with it: one of them is a typo.
        for (field, c, d) in [
            (
                "release_commune",
                &self.release_commune,
                &self.release_departement,
            ),
            (
                "residence_commune",
                &self.residence_commune,
                &self.residence_departement,
            ),
        ] {
            let c = c.as_deref().map(str::trim).filter(|c| !c.is_empty());
            let d = d.as_deref().map(str::trim).filter(|d| !d.is_empty());
            if let (Some(c), Some(d)) = (c, d) {
                let cd = refdata.departement_code_of(c);
                if refdata.commune(c).is_some() && cd != d {
                    push(
                        field,
                        format!(
                            "{} n'est pas dans le département indiqué ({}) mais dans {} : corriger l'un ou l'autre.",
                            refdata.place_name(c),
                            refdata.place_name(d),
                            refdata.place_name(&cd)
                        ),
                    );
                }
            }
        }
        for b in &self.banned_places {
            let known = if is_commune_code(b) {
                refdata.departement(code_prefix_departement(b)).is_some()
                    && (refdata.communes.is_empty() || refdata.commune(b).is_some())
            } else {
                refdata.departement(b).is_some()
            };
            if !known {
                push("banned_places", format!("Lieu inconnu « {b} » : écrire un code de département (93) ou de commune INSEE (93008){}.", refdata.commune_hint(b)));
            }
        }
        // A ban on the place the person is to live in: the counsellor must see the conflict
        // (the offers there are excluded, which would otherwise look like an empty area).
        for (field, dept, commune, what) in [
            (
                "release_departement",
                &self.release_departement,
                &self.release_commune,
                "de sortie",
            ),
            (
                "residence_departement",
                &self.residence_departement,
                &self.residence_commune,
                "de résidence",
            ),
        ] {
            let dept = dept.as_deref().map(str::trim).filter(|d| !d.is_empty());
            let commune = commune.as_deref().map(str::trim).filter(|c| !c.is_empty());
            let home: Vec<String> = commune
                .map(|c| {
                    let mut v = vec![c.to_string(), refdata.departement_code_of(c)];
                    v.extend(refdata.current_commune(c).map(|x| x.code.clone()));
                    v
                })
                .into_iter()
                .flatten()
                .chain(dept.map(str::to_string))
                .collect();
            if let Some(b) = self
                .banned_places
                .iter()
                .map(|b| b.trim())
                .find(|b| home.iter().any(|h| h == b))
            {
                push(
                    field,
                    format!(
                        "Le lieu {what} est sous interdiction de paraître ({}) : les offres qui s'y tiennent sont écartées ; vérifier l'adresse prévue avec le juge ou le SPIP.",
                        refdata.place_name(b)
                    ),
                );
            }
        }
        for a in &self.banned_activities {
            if refdata.term("activite", &code_key(a)).is_none() {
                push("banned_activities", format!("Activité « {a} » absente du vocabulaire : elle n'écartera que les offres qui l'écrivent exactement ainsi."));
            }
        }
        if let Some(c) = self.curfew.as_deref().filter(|c| !c.trim().is_empty()) {
            if let Err(e) = Schedule::parse(c) {
                push(
                    "curfew",
                    format!(
                        "Horaires d'assignation illisibles : {e}. Exemple : lun-dim 20:00-07:00."
                    ),
                );
            }
        }
        for s in &self.sectors {
            if !refdata.rome_known(&s.to_uppercase()) {
                push(
                    "sectors",
                    format!(
                        "Code ROME inconnu « {s} » : écrire un code (G1803) ou son début (G18, N)."
                    ),
                );
            }
        }
        out
    }
}
