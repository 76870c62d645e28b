//! What the matching found, in words: every reason, warning, exclusion and « Plus loin » in
//! French or in English, from the typed data of `matching` and the reference data (names of
//! places, establishments, vocabulary). The ranking builds no sentence; text is made here,
//! only for what is shown or written.
//!
//! Two styles: [`Explain::new`] for files and the command line (places with their code,
//! « Lyon (69123) », dates `15/01/2027` in French: today's sentences of FORMATS.md §3), and
//! [`Explain::plain`] for the page and the sheets (no code, dates in words).

use crate::date;
use crate::details::public_label;
use crate::hours::words::span_in_words;
use crate::lang::Lang;
use crate::matching::{
    Beyond, Excluded, Exclusion, Factor, Fit, Home, HorizonResult, MatchResult, MeasuredFrom,
    Obligation, PersonAt, Reach, Reason, Rule, Warning, WarningKind, Why,
};
use crate::model::{is_commune_code, Measure};
use crate::refdata::{PlaceKind, RefData};
use crate::text::de;
use serde::Serialize;
use time::Date;

/// The words of one language and style, over the reference data.
#[derive(Clone, Copy)]
pub struct Explain<'a> {
    pub refdata: &'a RefData,
    pub lang: Lang,
    /// Places without their code, dates in words: for the person and the page.
    pub plain: bool,
}

impl<'a> Explain<'a> {
    /// Places with their code, French dates as `15/01/2027`: files and the command line.
    pub fn new(refdata: &'a RefData, lang: Lang) -> Self {
        Explain {
            refdata,
            lang,
            plain: false,
        }
    }

    /// No code anywhere, dates in words: the page and the sheets.
    pub fn plain(refdata: &'a RefData, lang: Lang) -> Self {
        Explain {
            refdata,
            lang,
            plain: true,
        }
    }

    fn fr(&self) -> bool {
        self.lang == Lang::Fr
    }

    /// « Seine-Saint-Denis (93) », « Bobigny (93008) »; plain: « Bobigny ».
    pub fn place(&self, code: &str) -> String {
        let rd = self.refdata;
        if !self.plain && self.fr() {
            return rd.place_name(code);
        }
        let name = if is_commune_code(code) {
            rd.commune(code).map(|c| c.name.as_str())
        } else {
            rd.departement(code).map(|d| d.name.as_str())
        };
        // Plain, a commune while the commune list is not there (the single file, or before
        // it came) is named by its département: no code on the page.
        let name = name.or_else(|| {
            self.plain
                .then(|| rd.departement(&rd.departement_code_of(code)))
                .flatten()
                .map(|d| d.name.as_str())
        });
        match (name, self.plain) {
            (Some(n), true) => n.to_string(),
            (Some(n), false) => format!("{n} ({code})"),
            (None, _) => match (is_commune_code(code), self.lang) {
                (true, Lang::Fr) => format!("la commune {code}"),
                (true, Lang::En) => format!("commune {code}"),
                (false, Lang::Fr) => format!("le département {code}"),
                (false, Lang::En) => format!("department {code}"),
            },
        }
    }

    /// A part of a commune with its commune: « Lyon 7e Arrondissement (69387), arrondissement
    /// de Lyon (69123) »; the plain [`Explain::place`] otherwise.
    pub fn place_with_parent(&self, code: &str) -> String {
        let rd = self.refdata;
        match rd.commune(code) {
            Some(c) if c.parent.as_deref().is_some_and(|p| p != c.code) => {
                let parent = self.place(c.parent.as_deref().unwrap_or_default());
                let of = match (self.lang, c.kind) {
                    (Lang::Fr, PlaceKind::Arrondissement) => {
                        format!("arrondissement {}", de(&parent))
                    }
                    (Lang::Fr, PlaceKind::Associee) => format!("commune associée à {parent}"),
                    (Lang::Fr, _) => format!("commune déléguée {}", de(&parent)),
                    (Lang::En, PlaceKind::Arrondissement) => {
                        format!("an arrondissement of {parent}")
                    }
                    (Lang::En, PlaceKind::Associee) => format!("associated with {parent}"),
                    (Lang::En, _) => format!("a former commune, now part of {parent}"),
                };
                format!("{}, {of}", self.place(code))
            }
            _ => self.place(code),
        }
    }

    /// `15/01/2027` (French, files); « 15 janvier 2027 », "15 January 2027" otherwise.
    pub fn date(&self, d: Date) -> String {
        if self.fr() && !self.plain {
            date::fr(d)
        } else {
            date::words(d, self.lang)
        }
    }

    fn establishment(&self, id: &str) -> String {
        self.refdata
            .establishment(id)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// A ROME code or prefix with its label (the label alone in plain words).
    fn job(&self, code: &str) -> String {
        let label = self.refdata.rome_label(code).unwrap_or_default();
        match (self.plain, label.is_empty()) {
            (true, false) => label,
            (_, true) => code.to_string(),
            (false, false) => format!("{label} ({code})"),
        }
    }

    /// A vocabulary code in words; English falls back on French, then on the code.
    fn term(&self, kind: &str, code: &str) -> String {
        match (self.refdata.term(kind, code), self.lang) {
            (Some(t), Lang::En) if !t.en.is_empty() => t.en.clone(),
            _ => self.refdata.label(kind, code),
        }
    }

    fn measures(&self, m: &[Measure]) -> String {
        m.iter()
            .map(|m| self.term("mesure", m.code()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn reserved(&self, zone: &[String], more: bool) -> String {
        let names: Vec<String> = zone.iter().map(|z| self.place(z)).collect();
        let more = if more { "…" } else { "" };
        match self.lang {
            Lang::Fr => format!("Réservée aux habitants de : {}{more}", names.join(", ")),
            Lang::En => format!("Reserved for residents of: {}{more}", names.join(", ")),
        }
    }

    fn banned(&self, ban: &str) -> String {
        match self.lang {
            Lang::Fr => format!("Interdiction de paraître : {}", self.place_with_parent(ban)),
            Lang::En => format!("Banned from {}", self.place_with_parent(ban)),
        }
    }

    /// Why an offer is ruled out, in one sentence.
    pub fn exclusion(&self, x: &Exclusion) -> String {
        let rd = self.refdata;
        let fr = self.fr();
        match x {
            Exclusion::BannedPlace { ban, place } => {
                let kind = rd.commune(place).map(|c| c.kind);
                let where_ = match (place == ban, fr) {
                    (true, _) => {
                        let what = match kind {
                            _ if !is_commune_code(place) => ["ce département", "department"],
                            Some(PlaceKind::Arrondissement) => ["cet arrondissement", "arrondissement"],
                            Some(PlaceKind::Deleguee | PlaceKind::Associee) => {
                                ["cette ancienne commune", "former commune"]
                            }
                            _ => ["cette commune", "commune"],
                        };
                        if fr {
                            format!("l'offre a lieu dans {}", what[0])
                        } else {
                            format!("the offer takes place in this {}", what[1])
                        }
                    }
                    (false, true) if is_commune_code(place) => {
                        format!("l'offre a lieu à {}", self.place(place))
                    }
                    (false, true) => format!(
                        "l'offre a lieu à {}, département et commune à la fois",
                        self.place(place)
                    ),
                    (false, false) if is_commune_code(place) => {
                        format!("the offer takes place in {}", self.place(place))
                    }
                    (false, false) => format!(
                        "the offer takes place in {}, both a department and a commune",
                        self.place(place)
                    ),
                };
                if fr {
                    format!("{} ; {where_}.", self.banned(ban))
                } else {
                    format!("{}; {where_}.", self.banned(ban))
                }
            }
            Exclusion::BannedActivity(a) => {
                let label = self.term("activite", a);
                if fr {
                    format!("Interdiction d'exercer : {label}. Cette offre relève de cette activité.")
                } else {
                    format!("Banned from working in: {label}. This offer falls under that activity.")
                }
            }
            Exclusion::BannedActivityJob { activity, job } => {
                let label = self.term("activite", activity);
                let job = self.job(job);
                if fr {
                    format!("Interdiction d'exercer : {label}. Le métier de l'offre en relève : {job}.")
                } else {
                    format!("Banned from working in: {label}. The offer's job falls under it: {job}.")
                }
            }
            Exclusion::Curfew {
                curfew,
                hours,
                span,
                dedans,
            } => {
                let (c, s, sp) = (
                    curfew.in_words(self.lang),
                    hours.in_words(self.lang),
                    span_in_words(span, self.lang),
                );
                match (fr, dedans) {
                    (true, true) => format!("Horaires d'assignation ({c}) : l'offre a lieu {s}, notamment {sp}, quand la personne doit être rentrée à l'établissement."),
                    (true, false) => format!("Horaires d'assignation ({c}) : l'offre a lieu {s}, notamment {sp}, quand la personne doit être chez elle."),
                    (false, true) => format!("Curfew hours ({c}): the offer runs {s}, notably {sp}, when the person must be back at the establishment."),
                    (false, false) => format!("Curfew hours ({c}): the offer runs {s}, notably {sp}, when the person must be at home."),
                }
            }
            Exclusion::Measure {
                accepted,
                person,
                after_release,
            } => {
                let accepted = self.measures(accepted);
                let none = person.as_slice() == [Measure::SansMesure];
                if fr {
                    let when = if *after_release { "après la sortie, " } else { "" };
                    let person = if none {
                        format!("{when}la personne n'est sous aucune de ces mesures")
                    } else {
                        format!("{when}la personne est sous : {}", self.measures(person))
                    };
                    format!("L'offre n'accepte que : {accepted} ; {person}.")
                } else {
                    let when = if *after_release { "after release, " } else { "" };
                    let person = if none {
                        format!("{when}the person is under none of these measures")
                    } else {
                        format!("{when}the person is under: {}", self.measures(person))
                    };
                    format!("The offer only takes: {accepted}; {person}.")
                }
            }
            Exclusion::RecordB2 => if fr {
                "L'offre exige un bulletin n°2 du casier judiciaire vierge ; celui de la personne porte une mention."
            } else {
                "The offer requires a clean criminal record (bulletin no. 2); the person's record has an entry."
            }
            .into(),
            Exclusion::Zone {
                zone,
                more,
                person,
                at,
            } => {
                let reserved = self.reserved(zone, *more);
                let place = self.place(person);
                match (at, fr) {
                    (PersonAt::Residence, true) => format!("{reserved} ; la personne habite {place}."),
                    (PersonAt::Residence, false) => format!("{reserved}; the person lives in {place}."),
                    (PersonAt::Establishment, true) => {
                        format!("{reserved} ; l'établissement de la personne est à {place}.")
                    }
                    (PersonAt::Establishment, false) => {
                        format!("{reserved}; the person's establishment is in {place}.")
                    }
                    (PersonAt::Release, true) => {
                        format!("{reserved} ; lieu de sortie de la personne : {place}.")
                    }
                    (PersonAt::Release, false) => {
                        format!("{reserved}; the person's place after release: {place}.")
                    }
                }
            }
            Exclusion::Ended(end) => {
                if fr {
                    format!("L'offre s'est terminée le {}.", self.date(*end))
                } else {
                    format!("The offer ended on {}.", self.date(*end))
                }
            }
            Exclusion::EndsBeforeRelease { end, release } => {
                if fr {
                    format!(
                        "L'offre se termine le {}, avant la date de libération prévisible ({}).",
                        self.date(*end),
                        self.date(*release)
                    )
                } else {
                    format!(
                        "The offer ends on {}, before the expected release date ({}).",
                        self.date(*end),
                        self.date(*release)
                    )
                }
            }
            Exclusion::EstablishmentMissing => if fr {
                "L'établissement de la personne n'est pas renseigné : impossible de savoir ce qui y est proposé."
            } else {
                "The person's establishment is not given: what is offered there cannot be known."
            }
            .into(),
            Exclusion::OtherEstablishment { offer, person } => {
                let names: Vec<String> = offer.iter().map(|x| self.establishment(x)).collect();
                if fr {
                    format!(
                        "L'offre n'a lieu qu'en détention à : {} ; la personne est détenue {}.",
                        names.join(", "),
                        crate::text::at_establishment(&self.establishment(person))
                    )
                } else {
                    format!(
                        "The offer only runs in detention at: {}; the person is detained at {}.",
                        names.join(", "),
                        self.establishment(person)
                    )
                }
            }
            Exclusion::OutsideDepartement(d) => {
                let name = d.as_deref().map(|d| self.place(d)).unwrap_or_default();
                if fr {
                    format!("En semi-liberté ou placement à l'extérieur, la personne sort la journée depuis l'établissement : l'offre n'a pas lieu dans son département ({name}).")
                } else {
                    format!("On day release or an outside placement, the person goes out by day from the establishment: the offer is not in its department ({name}).")
                }
            }
            Exclusion::OpenMilieu => if fr {
                "L'offre a lieu en milieu ouvert : une personne détenue ne peut la suivre qu'en semi-liberté ou en placement à l'extérieur."
            } else {
                "The offer takes place outside prison: a detained person can only follow it on day release or an outside placement."
            }
            .into(),
            Exclusion::InsideOnlyPersonOutside => if fr {
                "L'offre n'a lieu qu'en détention (milieu fermé) ; la personne est dehors."
            } else {
                "The offer only runs in detention (prison); the person is outside."
            }
            .into(),
            Exclusion::InsideOnlyAfterRelease => if fr {
                "L'offre n'a lieu qu'en détention (milieu fermé) : elle ne peut pas se poursuivre après la sortie."
            } else {
                "The offer only runs in detention (prison): it cannot go on after release."
            }
            .into(),
        }
    }

    /// What to check before going further, in one sentence.
    pub fn warning(&self, w: &Warning) -> String {
        let rd = self.refdata;
        let fr = self.fr();
        let s = |f: &str, e: &str| if fr { f.to_string() } else { e.to_string() };
        match w {
            Warning::BannedActivityJob {
                activity,
                sector,
                job,
                whole,
            } => {
                let label = self.term("activite", activity);
                let job = self.job(job);
                match (fr, whole) {
                    (true, true) => format!("Interdiction d'exercer : {label}. Un des métiers de l'offre en relève ({job}) : vérifier que le poste proposé à la personne n'est pas celui-là."),
                    (false, true) => format!("Banned from working in: {label}. One of the offer's jobs falls under it ({job}): check that the post offered to the person is not that one."),
                    (true, false) => format!("Interdiction d'exercer : {label}. L'offre vise le domaine {}, qui comprend un métier qui en relève ({job}) : vérifier que le poste proposé à la personne n'en est pas un.", self.job(sector)),
                    (false, false) => format!("Banned from working in: {label}. The offer is in the field {}, which includes a job that falls under it ({job}): check that the post offered to the person is not one.", self.job(sector)),
                }
            }
            Warning::BannedPlaceElsewhere { ban, place } => {
                if fr {
                    format!(
                        "{} ; l'offre a aussi lieu ailleurs : la suivre seulement dans ses autres lieux, hors {}.",
                        self.banned(ban),
                        self.place(place)
                    )
                } else {
                    format!(
                        "{}; the offer also runs elsewhere: follow it only at its other places, not in {}.",
                        self.banned(ban),
                        self.place(place)
                    )
                }
            }
            Warning::BannedPlaceUnlisted { ban, place } => {
                if fr {
                    format!(
                        "Interdiction de paraître : {} ; l'offre a lieu à {} et la liste des communes n'est pas chargée : vérifier avec la structure que ce n'est pas la même commune ou l'une de ses communes déléguées.",
                        self.place(ban),
                        self.place(place)
                    )
                } else {
                    format!(
                        "Banned from {}; the offer takes place in {} and the list of communes is not loaded: check with the organisation that it is not the same commune or one of its former communes.",
                        self.place(ban),
                        self.place(place)
                    )
                }
            }
            Warning::BannedPlacePart { ban, place } => {
                let commune = rd.commune(ban);
                let arrondissement = matches!(
                    commune.map(|c| c.kind),
                    Some(PlaceKind::Arrondissement) | None
                );
                let name = commune.map_or(ban.to_string(), |c| c.name.clone());
                if fr {
                    let part = if arrondissement {
                        "l'arrondissement"
                    } else {
                        "la commune déléguée"
                    };
                    format!(
                        "{} ; l'offre a lieu à {} sans préciser {part} : vérifier avec la structure que l'adresse n'est pas à {name}.",
                        self.banned(ban),
                        self.place(place)
                    )
                } else {
                    let part = if arrondissement {
                        "arrondissement"
                    } else {
                        "former commune"
                    };
                    format!(
                        "{}; the offer takes place in {} without saying which {part}: check with the organisation that the address is not in {name}.",
                        self.banned(ban),
                        self.place(place)
                    )
                }
            }
            Warning::BannedPlaceDepartement { ban, departement } => {
                if fr {
                    format!(
                        "{} ; l'offre a lieu dans le département {} sans préciser la commune : vérifier l'adresse avec la structure.",
                        self.banned(ban),
                        self.place(departement)
                    )
                } else {
                    format!(
                        "{}; the offer takes place in the department {} without giving the commune: check the address with the organisation.",
                        self.banned(ban),
                        self.place(departement)
                    )
                }
            }
            Warning::BannedPlaceUnread { ban } => {
                if fr {
                    format!("Interdiction de paraître sur « {ban} », lieu non reconnu : vérifier avec la personne et la structure que l'offre n'y a pas lieu, et corriger le lieu dans le profil.")
                } else {
                    format!("Banned from “{ban}”, a place not recognised: check with the person and the organisation that the offer is not held there, and correct the place in the profile.")
                }
            }
            Warning::CurfewUnreadable { written, error } => {
                if fr {
                    format!("Horaires d'assignation illisibles ({error}) : vérifier à la main que l'offre les respecte.")
                } else {
                    format!("The curfew hours could not be read (“{written}”): check by hand that the offer respects them.")
                }
            }
            Warning::CurfewHoursPartly { curfew, hours } => {
                if fr {
                    format!(
                        "Horaires de l'offre {} : vérifier qu'ils respectent les horaires d'assignation ({}).",
                        hours.unknown_part(),
                        curfew.in_words(Lang::Fr)
                    )
                } else {
                    format!(
                        "The offer's hours are not all known ({}): check that they respect the curfew hours ({}).",
                        hours.in_words(Lang::En),
                        curfew.in_words(Lang::En)
                    )
                }
            }
            Warning::CurfewHoursUnknown { curfew } => {
                if fr {
                    format!(
                        "Horaires de l'offre inconnus : vérifier qu'ils respectent les horaires d'assignation ({}).",
                        curfew.in_words(Lang::Fr)
                    )
                } else {
                    format!(
                        "The offer's hours are not known: check that they respect the curfew hours ({}).",
                        curfew.in_words(Lang::En)
                    )
                }
            }
            Warning::RecordB2CleanUnknown => s(
                "L'offre exige un bulletin n°2 vierge : vérifier le casier de la personne avant d'aller plus loin.",
                "The offer requires a clean criminal record (bulletin no. 2): check the person's record before going further.",
            ),
            Warning::RecordB2Mention => s(
                "L'employeur lit le bulletin n°2 du casier, qui porte une mention : en parler avec la personne avant la candidature.",
                "The employer reads the criminal record (bulletin no. 2), which has an entry: talk it over with the person before applying.",
            ),
            Warning::RecordB2Unknown => s(
                "L'employeur lit le bulletin n°2 du casier : vérifier ce qu'il porte.",
                "The employer reads the criminal record (bulletin no. 2): check what it shows.",
            ),
            Warning::RecordB3Mention => s(
                "L'offre demande le bulletin n°3 du casier, qui porte une mention : préparer la personne à en parler.",
                "The offer asks for the criminal record (bulletin no. 3), which has an entry: prepare the person to talk about it.",
            ),
            Warning::RecordB3Unknown => s(
                "L'offre demande le bulletin n°3 du casier : vérifier ce qu'il porte.",
                "The offer asks for the criminal record (bulletin no. 3): check what it shows.",
            ),
            Warning::ZoneCommune { zone, more } => {
                let r = self.reserved(zone, *more);
                if fr {
                    format!("{r} : vérifier que la commune de la personne en fait partie.")
                } else {
                    format!("{r}: check that the person's commune is one of them.")
                }
            }
            Warning::ZonePerson { zone, more } => {
                let r = self.reserved(zone, *more);
                if fr {
                    format!("{r} : vérifier que la personne y habite.")
                } else {
                    format!("{r}: check that the person lives there.")
                }
            }
            Warning::Prerequisites(codes) => {
                let labels: Vec<String> =
                    codes.iter().map(|c| self.term("prerequis", c)).collect();
                if fr {
                    format!("Prérequis à vérifier : {}.", labels.join(", "))
                } else {
                    format!("Prerequisites to check: {}.", labels.join(", "))
                }
            }
            Warning::NoSeats => s(
                "Plus de place annoncée : demander la prochaine session ou une liste d'attente.",
                "No seats left: ask for the next session or a waiting list.",
            ),
            Warning::SeatsUnknown => s(
                "Nombre de places non précisé : le demander à la structure.",
                "Number of seats not given: ask the organisation.",
            ),
            Warning::ReleaseDateUnknown => s(
                "Date de libération prévisible non renseignée : les dates de l'offre n'ont pas pu être comparées à la sortie.",
                "Expected release date not given: the offer's dates could not be compared with the release.",
            ),
            Warning::Stale(c) => {
                if fr {
                    format!("À vérifier : offre vérifiée pour la dernière fois le {}, il y a plus de six mois.", self.date(*c))
                } else {
                    format!("To check: offer last checked on {}, more than six months ago.", self.date(*c))
                }
            }
            Warning::Public(publics) => {
                let words: Vec<String> =
                    publics.iter().map(|p| public_label(p, self.lang)).collect();
                if fr {
                    format!("Public visé : {} — vérifier que la personne y a accès.", words.join(", "))
                } else {
                    format!("Intended for: {} — check that the person is eligible.", words.join(", "))
                }
            }
        }
    }

    fn home(&self, home: Home) -> &'static str {
        match (self.lang, home) {
            (Lang::Fr, Home::Establishment) => "établissement",
            (Lang::Fr, Home::Release) => "lieu de sortie",
            (Lang::Fr, Home::Residence) => "lieu de résidence",
            (Lang::En, Home::Establishment) => "establishment",
            (Lang::En, Home::Release) => "place of release",
            (Lang::En, Home::Residence) => "place of residence",
        }
    }

    /// « département de sortie », "department of release".
    fn home_departement(&self, home: Home) -> &'static str {
        match (self.lang, home) {
            (Lang::Fr, Home::Release) => "département de sortie",
            (Lang::Fr, Home::Residence) => "département de résidence",
            (Lang::Fr, Home::Establishment) => "département de l'établissement",
            (Lang::En, Home::Release) => "department of release",
            (Lang::En, Home::Residence) => "department of residence",
            (Lang::En, Home::Establishment) => "department of the establishment",
        }
    }

    /// « de Vénissieux (69259) », « de l'établissement (…) », « de Bobigny (93008), chef-lieu du
    /// département de résidence ».
    fn from(&self, from: &MeasuredFrom) -> String {
        let rd = self.refdata;
        match (from, self.lang) {
            (MeasuredFrom::Establishment(id), Lang::Fr) => {
                format!("de l'établissement ({})", self.establishment(id))
            }
            (MeasuredFrom::Establishment(id), Lang::En) => {
                format!("the establishment ({})", self.establishment(id))
            }
            (MeasuredFrom::Commune(c), Lang::Fr) => de(&self.place(c)),
            (MeasuredFrom::Commune(c), Lang::En) => self.place(c),
            (MeasuredFrom::ChefLieu { departement, home }, lang) => {
                let town = match rd.departement(departement) {
                    Some(d) => rd
                        .commune(&d.cheflieu)
                        .map_or_else(|| d.name.clone(), |c| self.place(&c.code)),
                    None => self.place(departement),
                };
                let what = self.home_departement(*home);
                match lang {
                    Lang::Fr => format!("{}, chef-lieu du {what}", de(&town)),
                    Lang::En => format!("{town}, chief town of the {what}"),
                }
            }
        }
    }

    /// The offer's commune when it is the very commune distances are measured from. Both ends
    /// are then the same commune centre: « moins de 1 km » would be read aloud for an offer
    /// anywhere in Lille or Toulouse, so the sentence says « la même commune » instead.
    fn same_commune(&self, r: &Reach) -> bool {
        if r.to_estimate {
            return false;
        }
        let rd = self.refdata;
        match &r.from {
            MeasuredFrom::Commune(c) => *c == r.to,
            MeasuredFrom::Establishment(id) => {
                rd.establishment(id).is_some_and(|x| x.commune == r.to)
            }
            MeasuredFrom::ChefLieu { departement, .. } => rd
                .departement(departement)
                .is_some_and(|d| d.cheflieu == r.to),
        }
    }

    /// « Dans la même commune : Lille (59350) », « Dans la commune de l'établissement (…) »,
    /// « Au chef-lieu du département de sortie : Nantes (44109) (distance estimée) ».
    fn reach_same_commune(&self, r: &Reach) -> String {
        let to = self.place(&r.to);
        match (&r.from, self.lang) {
            (MeasuredFrom::Commune(_), Lang::Fr) => format!("Dans la même commune : {to}"),
            (MeasuredFrom::Commune(_), Lang::En) => format!("In the same commune: {to}"),
            (MeasuredFrom::Establishment(id), Lang::Fr) => format!(
                "Dans la commune de l'établissement ({}) : {to}",
                self.establishment(id)
            ),
            (MeasuredFrom::Establishment(id), Lang::En) => format!(
                "In the establishment's commune ({}): {to}",
                self.establishment(id)
            ),
            (MeasuredFrom::ChefLieu { home, .. }, Lang::Fr) => format!(
                "Au chef-lieu du {} : {to} (distance estimée)",
                self.home_departement(*home)
            ),
            (MeasuredFrom::ChefLieu { home, .. }, Lang::En) => format!(
                "In the chief town of the {}: {to} (estimated distance)",
                self.home_departement(*home)
            ),
        }
    }

    /// « À 12 km de Vénissieux (69259) : Lyon (69123) », "12 km from …".
    pub fn reach(&self, r: &Reach) -> String {
        if self.same_commune(r) {
            return self.reach_same_commune(r);
        }
        let estimate = r.estimate();
        let from = self.from(&r.from);
        let to = self.place(&r.to);
        match self.lang {
            Lang::Fr => {
                let dest = if r.to_estimate {
                    format!("{to}, commune non précisée")
                } else {
                    to
                };
                let distance = if r.metres < 1000 {
                    format!("moins de 1 km {from}")
                } else {
                    format!("{} km {from}", r.km())
                };
                let about = if estimate && r.metres >= 1000 {
                    "À environ"
                } else {
                    "À"
                };
                let mut text = format!("{about} {distance} : {dest}");
                if estimate {
                    text.push_str(" (distance estimée)");
                }
                text
            }
            Lang::En => {
                let dest = if r.to_estimate {
                    format!("{to}, commune not given")
                } else {
                    to
                };
                let mut text = if r.metres < 1000 {
                    format!("Less than 1 km from {from}: {dest}")
                } else if estimate {
                    format!("About {} km from {from}: {dest}", r.km())
                } else {
                    format!("{} km from {from}: {dest}", r.km())
                };
                if estimate {
                    text.push_str(" (estimated distance)");
                }
                text
            }
        }
    }

    /// Why the offer earned its points, in one sentence.
    pub fn reason(&self, r: &Reason) -> String {
        self.why(&r.why)
    }

    pub fn why(&self, why: &Why) -> String {
        let rd = self.refdata;
        let fr = self.fr();
        match why {
            Why::Skills(skills) => {
                if fr {
                    format!("Compétences en commun : {}", skills.join(", "))
                } else {
                    format!("Skills in common: {}", skills.join(", "))
                }
            }
            Why::Sector(code) => {
                let label = rd.rome_label(code).unwrap_or_default();
                let named = match (self.plain, label.is_empty()) {
                    (true, false) => label,
                    _ => format!("{code} {label}").trim_end().to_string(),
                };
                if fr {
                    format!("Secteur recherché : {named}")
                } else {
                    format!("Sector sought: {named}")
                }
            }
            Why::SectorDomain(letter) => {
                let domain = rd.rome_label(letter).unwrap_or_default();
                if fr {
                    format!("Même grand domaine que le secteur recherché : {domain}")
                } else {
                    format!("Same broad field as the sector sought: {domain}")
                }
            }
            Why::Inside(est) => {
                if fr {
                    format!(
                        "A lieu à l'établissement où la personne est détenue ({})",
                        self.establishment(est)
                    )
                } else {
                    format!(
                        "Takes place at the establishment where the person is detained ({})",
                        self.establishment(est)
                    )
                }
            }
            Why::Anywhere => if fr {
                "Partout ou à distance"
            } else {
                "Anywhere or remote"
            }
            .into(),
            Why::PlaceNotCompared(home) => {
                if fr {
                    format!("Lieu non comparé : {} non renseigné", self.home(*home))
                } else {
                    format!("Place not compared: {} not given", self.home(*home))
                }
            }
            Why::OfferPlaceUnknown => if fr {
                "Lieu non comparé : position de l'offre inconnue"
            } else {
                "Place not compared: the offer's location is unknown"
            }
            .into(),
            Why::SameDepartement { home, departement } => {
                let what = self.home_departement(*home);
                if fr {
                    format!("Dans le {what} : {}", self.place(departement))
                } else {
                    format!("In the {what}: {}", self.place(departement))
                }
            }
            Why::Distance(reach) => self.reach(reach),
            Why::StartsSoon {
                start,
                after_release,
            } => match (fr, after_release) {
                (true, false) => {
                    format!("Commence le {}, peu après aujourd'hui", self.date(*start))
                }
                (true, true) => format!("Commence le {}, peu après la sortie", self.date(*start)),
                (false, false) => format!("Starts on {}, soon after today", self.date(*start)),
                (false, true) => format!("Starts on {}, soon after release", self.date(*start)),
            },
            Why::StartsLate(start) => {
                if fr {
                    format!("Commence tard : le {}", self.date(*start))
                } else {
                    format!("Starts late: on {}", self.date(*start))
                }
            }
            Why::Open {
                permanent,
                after_release,
            } => match (fr, permanent, after_release) {
                (true, true, false) => "Permanente : ouverte maintenant",
                (true, true, true) => "Permanente : ouverte à la sortie",
                (true, false, false) => "En cours maintenant",
                (true, false, true) => "En cours à la sortie",
                (false, true, false) => "Permanent: open now",
                (false, true, true) => "Permanent: open at release",
                (false, false, false) => "Running now",
                (false, false, true) => "Running at release",
            }
            .into(),
            Why::ContinuesOutside {
                title,
                organisation,
            } => {
                if fr {
                    format!("Se poursuit dehors après la sortie : « {title} » ({organisation})")
                } else {
                    format!("Continues outside after release: “{title}” ({organisation})")
                }
            }
            Why::ContinuationOf {
                title,
                organisation,
            } => {
                if fr {
                    format!("Suite dehors de « {title} » ({organisation}), possible dès maintenant en détention")
                } else {
                    format!("Continuation outside of “{title}” ({organisation}), which can start now in detention")
                }
            }
            Why::Obligation(o) => match (fr, o) {
                (true, Obligation::Training) => "Répond à l'obligation de formation",
                (true, Obligation::Work) => "Répond à l'obligation de travail",
                (false, Obligation::Training) => "Meets the obligation to train",
                (false, Obligation::Work) => "Meets the obligation to work",
            }
            .into(),
        }
    }

    /// « À 277 km de Lyon (69123) : Marseille 9e Arrondissement (13209) ; au-delà du rayon de
    /// 30 km ».
    pub fn beyond(&self, b: &Beyond) -> String {
        match self.lang {
            Lang::Fr => format!(
                "{} ; au-delà du rayon de {} km",
                self.reach(&b.reach),
                b.radius_km
            ),
            Lang::En => format!(
                "{}; beyond the {} km radius",
                self.reach(&b.reach),
                b.radius_km
            ),
        }
    }

    /// The whole result in words: FORMATS.md §3, `text` in this language.
    pub fn result(&self, r: &MatchResult) -> ResultText {
        ResultText {
            now: self.horizon(&r.now),
            after_release: r.after_release.as_ref().map(|h| self.horizon(h)),
        }
    }

    fn horizon(&self, h: &HorizonResult) -> HorizonText {
        HorizonText {
            fits: h.fits.iter().map(|f| self.fit(f)).collect(),
            excluded: h.excluded.iter().map(|x| self.excluded(x)).collect(),
            beyond: h
                .beyond
                .iter()
                .map(|b| BeyondText {
                    id: b.id.clone(),
                    distance_km: b.distance_km,
                    text: self.beyond(b),
                    warnings: self.warnings(&b.warnings),
                })
                .collect(),
        }
    }

    fn warnings(&self, w: &[Warning]) -> Vec<Said<WarningKind>> {
        w.iter()
            .map(|w| Said {
                rule: w.rule(),
                text: self.warning(w),
            })
            .collect()
    }

    fn fit(&self, f: &Fit) -> FitText {
        FitText {
            id: f.id.clone(),
            score: f.score,
            reasons: f
                .reasons
                .iter()
                .map(|r| ReasonText {
                    factor: r.factor(),
                    points: r.points,
                    text: self.reason(r),
                })
                .collect(),
            warnings: self.warnings(&f.warnings),
        }
    }

    fn excluded(&self, x: &Excluded) -> ExcludedText {
        ExcludedText {
            id: x.id.clone(),
            rules: x
                .rules
                .iter()
                .map(|r| Said {
                    rule: r.rule(),
                    text: self.exclusion(r),
                })
                .collect(),
            possible_from: x.possible_from,
        }
    }
}

/// The result of FORMATS.md §3 in words (what `relais match --json` writes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResultText {
    pub now: HorizonText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_release: Option<HorizonText>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HorizonText {
    pub fits: Vec<FitText>,
    pub excluded: Vec<ExcludedText>,
    pub beyond: Vec<BeyondText>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FitText {
    pub id: String,
    pub score: u32,
    pub reasons: Vec<ReasonText>,
    pub warnings: Vec<Said<WarningKind>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReasonText {
    pub factor: Factor,
    pub points: u32,
    pub text: String,
}

/// A warning's or an exclusion's code and sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Said<R> {
    pub rule: R,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExcludedText {
    pub id: String,
    pub rules: Vec<Said<Rule>>,
    #[serde(
        with = "crate::date::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub possible_from: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BeyondText {
    pub id: String,
    pub distance_km: u32,
    pub text: String,
    pub warnings: Vec<Said<WarningKind>>,
}
