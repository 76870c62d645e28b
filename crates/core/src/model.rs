//! The model: offers, the profile of one person, and the controlled codes of FORMATS.md.

use crate::schedule::Schedule;
use crate::vocabulary::vocabulary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

vocabulary!(
    /// What an offer is.
    OfferType, "type" {
        Formation => "formation",
        Atelier => "atelier",
        Aci => "aci",
        Ei => "ei",
        Etti => "etti",
        Tig => "tig",
        Emploi => "emploi",
        Accompagnement => "accompagnement",
    }
);

vocabulary!(
    /// Where an offer runs: in detention, outside, or both.
    Milieu, "milieu" {
        Dedans => "dedans",
        Dehors => "dehors",
        DedansDehors => "dedans_dehors",
    }
);

vocabulary!(
    /// The court measure a person is under.
    Measure, "mesure" {
        SursisProbatoire => "sursis_probatoire",
        Tig => "tig",
        LiberationConditionnelle => "liberation_conditionnelle",
        Ddse => "ddse",
        SemiLiberte => "semi_liberte",
        PlacementExterieur => "placement_exterieur",
        SuiviSocioJudiciaire => "suivi_socio_judiciaire",
        SansMesure => "sans_mesure",
    }
);

vocabulary!(
    /// What an offer asks of the criminal record.
    RecordRequirement, "casier" {
        Aucun => "aucun",
        B3 => "b3",
        B2 => "b2",
        B2Vierge => "b2_vierge",
    }
);

vocabulary!(
    /// Whether the person is detained or outside.
    Situation, "situation" {
        Dedans => "dedans",
        Dehors => "dehors",
    }
);

/// A profile starts dedans: the counsellors of a SPIP meet detained people first.
impl Default for Situation {
    fn default() -> Self {
        Situation::Dedans
    }
}

impl Milieu {
    pub fn inside(self) -> bool {
        matches!(self, Milieu::Dedans | Milieu::DedansDehors)
    }
    pub fn outside(self) -> bool {
        matches!(self, Milieu::Dehors | Milieu::DedansDehors)
    }
}

impl Measure {
    /// Measures under which a detained person goes out during the day.
    pub fn goes_out_by_day(self) -> bool {
        matches!(self, Measure::SemiLiberte | Measure::PlacementExterieur)
    }
}

/// One offer of the catalogue (one row of the CSV).
///
/// Its short texts (codes, skills, ids, hours as written) are [`Code`]s: no allocation for a
/// text of up to 22 bytes; its lists of texts, the contact and the description are held
/// together in one allocation ([`Lists`], read with [`Offer::departements`] and the like,
/// changed with [`Offer::edit_lists`]) — issue 10: a catalogue's memory within ~5× its file.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub id: Code,
    pub organisation: Code,
    pub title: Code,
    pub kind: OfferType,
    pub milieu: Milieu,
    /// `*` in the départements column: anywhere.
    pub anywhere: bool,
    /// Establishments, départements, communes, sectors, skills, regulated activities,
    /// prerequisites, `suite`, `zone_eligibilite`, contact, description.
    pub lists: Lists,
    /// Empty means every measure is accepted.
    pub measures: Box<[Measure]>,
    /// The schedule as written, and as parsed when it could be (shared by the offers of a
    /// catalogue that write the same hours: read once, held once).
    pub schedule_text: Code,
    pub schedule: Option<std::sync::Arc<Schedule>>,
    pub record: Option<RecordRequirement>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub seats: Option<u32>,
    pub checked: Option<Date>,
    /// Columns the contract does not know, kept as written (header → value).
    pub extra: BTreeMap<String, String>,
    /// Where the offer came from: line in the CSV, entry in the JSON.
    pub line: usize,
}

/// The lists of texts of an offer as separate, editable lists: what [`Lists`] packs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OfferLists {
    /// Establishment ids from `data/etablissements.csv`.
    pub establishments: Vec<Code>,
    /// INSEE département codes (`*` is [`Offer::anywhere`]).
    pub departements: Vec<Code>,
    pub communes: Vec<Code>,
    /// ROME codes or prefixes, uppercase.
    pub sectors: Vec<Code>,
    pub skills: Vec<Code>,
    /// The skills folded (case, accents) once at load, for matching; empty when folding
    /// changes none of them (read them with [`Offer::skill_keys`]).
    pub skill_keys: Vec<Code>,
    pub regulated: Vec<Code>,
    pub prerequisites: Vec<Code>,
    pub continues_as: Vec<Code>,
    /// Who may come (data·inclusion `zone_eligibilite`): INSEE commune or département codes
    /// where the person must live; empty = anyone. Eligibility, not the offer's place.
    pub zone_eligibilite: Vec<Code>,
    pub contact: String,
    pub description: String,
}

/// The lists of an offer in one allocation of exactly their codes: ten lists of 24 bytes and
/// two strings took 288 bytes of every offer and up to twelve allocations; they now take
/// 64 bytes and one. Made from an [`OfferLists`] (`From`), read through [`Offer`]'s methods.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Lists {
    items: Box<[Code]>,
    /// Where each list but the last ends in `items`.
    ends: [u32; Lists::COUNT - 1],
}

impl Lists {
    const COUNT: usize = 12;
    const ESTABLISHMENTS: usize = 0;
    const DEPARTEMENTS: usize = 1;
    const COMMUNES: usize = 2;
    const SECTORS: usize = 3;
    const SKILLS: usize = 4;
    const SKILL_KEYS: usize = 5;
    const REGULATED: usize = 6;
    const PREREQUISITES: usize = 7;
    const CONTINUES_AS: usize = 8;
    const ZONE: usize = 9;
    const CONTACT: usize = 10;
    const DESCRIPTION: usize = 11;

    fn get(&self, list: usize) -> &[Code] {
        let start = match list.checked_sub(1) {
            None => 0,
            Some(before) => self.ends.get(before).map_or(0, |&e| e as usize),
        };
        let end = self
            .ends
            .get(list)
            .map_or(self.items.len(), |&e| e as usize);
        self.items.get(start..end).unwrap_or_default()
    }

    fn text(&self, list: usize) -> &str {
        self.get(list).first().map_or("", Code::as_str)
    }

    /// The lists unpacked, to change them.
    pub fn unpack(&self) -> OfferLists {
        let text = |list| self.text(list).to_string();
        OfferLists {
            establishments: self.get(Lists::ESTABLISHMENTS).to_vec(),
            departements: self.get(Lists::DEPARTEMENTS).to_vec(),
            communes: self.get(Lists::COMMUNES).to_vec(),
            sectors: self.get(Lists::SECTORS).to_vec(),
            skills: self.get(Lists::SKILLS).to_vec(),
            skill_keys: self.get(Lists::SKILL_KEYS).to_vec(),
            regulated: self.get(Lists::REGULATED).to_vec(),
            prerequisites: self.get(Lists::PREREQUISITES).to_vec(),
            continues_as: self.get(Lists::CONTINUES_AS).to_vec(),
            zone_eligibilite: self.get(Lists::ZONE).to_vec(),
            contact: text(Lists::CONTACT),
            description: text(Lists::DESCRIPTION),
        }
    }
}

impl From<OfferLists> for Lists {
    fn from(l: OfferLists) -> Lists {
        let text = |s: String| {
            if s.is_empty() {
                Vec::new()
            } else {
                vec![Code::from(s)]
            }
        };
        let lists: [Vec<Code>; Lists::COUNT] = [
            l.establishments,
            l.departements,
            l.communes,
            l.sectors,
            l.skills,
            l.skill_keys,
            l.regulated,
            l.prerequisites,
            l.continues_as,
            l.zone_eligibilite,
            text(l.contact),
            text(l.description),
        ];
        let mut items = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        let mut ends = [0u32; Lists::COUNT - 1];
        for (i, list) in lists.into_iter().enumerate() {
            items.extend(list);
            if let Some(end) = ends.get_mut(i) {
                // Past 4 billion codes the memory is long gone: saturate rather than wrap.
                *end = u32::try_from(items.len()).unwrap_or(u32::MAX);
            }
        }
        Lists {
            items: items.into_boxed_slice(),
            ends,
        }
    }
}

impl std::fmt::Debug for Lists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.unpack(), f)
    }
}

impl Offer {
    /// Establishment ids from `data/etablissements.csv`.
    pub fn establishments(&self) -> &[Code] {
        self.lists.get(Lists::ESTABLISHMENTS)
    }
    /// INSEE département codes; [`Offer::anywhere`] stands for `*`.
    pub fn departements(&self) -> &[Code] {
        self.lists.get(Lists::DEPARTEMENTS)
    }
    pub fn communes(&self) -> &[Code] {
        self.lists.get(Lists::COMMUNES)
    }
    /// ROME codes or prefixes, uppercase.
    pub fn sectors(&self) -> &[Code] {
        self.lists.get(Lists::SECTORS)
    }
    pub fn skills(&self) -> &[Code] {
        self.lists.get(Lists::SKILLS)
    }
    /// The folded skills as kept: empty when folding changes none (see [`Offer::skill_keys`]).
    pub fn folded_skills(&self) -> &[Code] {
        self.lists.get(Lists::SKILL_KEYS)
    }
    pub fn regulated(&self) -> &[Code] {
        self.lists.get(Lists::REGULATED)
    }
    pub fn prerequisites(&self) -> &[Code] {
        self.lists.get(Lists::PREREQUISITES)
    }
    pub fn continues_as(&self) -> &[Code] {
        self.lists.get(Lists::CONTINUES_AS)
    }
    /// Who may come (data·inclusion `zone_eligibilite`): INSEE commune or département codes
    /// where the person must live; empty = anyone. Eligibility, not the offer's place.
    pub fn zone_eligibilite(&self) -> &[Code] {
        self.lists.get(Lists::ZONE)
    }
    pub fn contact(&self) -> &str {
        self.lists.text(Lists::CONTACT)
    }
    pub fn description(&self) -> &str {
        self.lists.text(Lists::DESCRIPTION)
    }

    /// Change the lists (unpacked, changed by `f`, packed again).
    pub fn edit_lists<R>(&mut self, f: impl FnOnce(&mut OfferLists) -> R) -> R {
        let mut lists = self.lists.unpack();
        let r = f(&mut lists);
        self.lists = Lists::from(lists);
        r
    }

    /// The skills folded for matching (`text::fold`), one per skill.
    pub fn skill_keys(&self) -> &[Code] {
        let keys = self.folded_skills();
        if keys.is_empty() {
            self.skills()
        } else {
            keys
        }
    }

    /// The folded skills to keep in [`OfferLists::skill_keys`]: none when they are the skills.
    pub fn fold_skills(skills: &[Code]) -> Vec<Code> {
        let keys: Vec<Code> = skills
            .iter()
            .map(|s| Code::from(crate::text::fold(s)))
            .collect();
        if keys.as_slice() == skills {
            Vec::new()
        } else {
            keys
        }
    }
}

/// A short text of an offer (a code, a skill, an id): up to [`Code::INLINE`] bytes held in the
/// offer itself, longer ones in one exact allocation (no spare capacity). 24 bytes, as a
/// `String`, but the `44` of a département or the `K2204` of a sector costs no allocation
/// (issue 10: memory within ~5× the file). Reads as a `&str` (`Deref`), compares with
/// `str`, `&str` and `String`, and is written by serde as a string.
#[derive(Clone)]
pub struct Code(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; Code::INLINE] },
    Heap(Box<str>),
}

impl Code {
    /// The longest text held without an allocation.
    pub const INLINE: usize = 22;

    pub fn new(s: &str) -> Code {
        let mut bytes = [0u8; Code::INLINE];
        match bytes.get_mut(..s.len()) {
            Some(head) => {
                head.copy_from_slice(s.as_bytes());
                Code(Repr::Inline {
                    len: s.len() as u8,
                    bytes,
                })
            }
            None => Code(Repr::Heap(s.into())),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always UTF-8 (made from a `str`, cut at its end only).
            Repr::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Repr::Heap(s) => s,
        }
    }
}

impl Default for Code {
    fn default() -> Code {
        Code::new("")
    }
}

impl std::ops::Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Code {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Code {
    fn from(s: &str) -> Code {
        Code::new(s)
    }
}

impl From<&String> for Code {
    fn from(s: &String) -> Code {
        Code::new(s)
    }
}

impl From<String> for Code {
    fn from(s: String) -> Code {
        if s.len() <= Code::INLINE {
            Code::new(&s)
        } else {
            Code(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<Code> for String {
    fn from(c: Code) -> String {
        match c.0 {
            Repr::Heap(s) => s.into_string(),
            Repr::Inline { .. } => c.as_str().to_string(),
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Code {
    fn eq(&self, o: &Code) -> bool {
        self.as_str() == o.as_str()
    }
}
impl Eq for Code {}

impl PartialOrd for Code {
    fn partial_cmp(&self, o: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Code {
    fn cmp(&self, o: &Code) -> std::cmp::Ordering {
        self.as_str().cmp(o.as_str())
    }
}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

macro_rules! code_eq {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Code {
            fn eq(&self, o: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(o)
            }
        }
        impl PartialEq<Code> for $t {
            fn eq(&self, o: &Code) -> bool {
                AsRef::<str>::as_ref(self) == o.as_str()
            }
        }
    )*};
}
code_eq!(str, &str, String);

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        String::deserialize(d).map(Code::from)
    }
}

/// Codes from any texts, in a list of their exact length (a list collected from a split keeps
/// room for four: 96 bytes for one code).
pub fn codes<I, S>(items: I) -> Vec<Code>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut v: Vec<Code> = items.into_iter().map(|s| Code::new(s.as_ref())).collect();
    v.shrink_to_fit();
    v
}

/// What the person's criminal record carries. `None`: not known yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Bulletin n°2 carries a mention.
    #[serde(default)]
    pub b2: Option<bool>,
    /// Bulletin n°3 carries a mention.
    #[serde(default)]
    pub b3: Option<bool>,
}

/// The reach of a person when the counsellor sets none (les emplois de l'inclusion use 25 km,
/// DORA 50).
pub const DEFAULT_RADIUS_KM: u32 = 30;

/// One person, as FORMATS.md §2 describes. Kept only on the person's machine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub situation: Situation,
    pub establishment: Option<String>,
    #[serde(with = "crate::date::serde_opt")]
    pub release_date: Option<Date>,
    pub release_departement: Option<String>,
    pub measures: Vec<Measure>,
    pub residence_departement: Option<String>,
    /// Where the person lives (dehors), an INSEE commune code: distances are measured from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residence_commune: Option<String>,
    /// Where the person will live after release, an INSEE commune code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_commune: Option<String>,
    /// How far the person can go, in km (default [`DEFAULT_RADIUS_KM`]): farther on-site offers
    /// are listed apart (`beyond`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius_km: Option<u32>,
    pub banned_places: Vec<String>,
    pub banned_activities: Vec<String>,
    pub curfew: Option<String>,
    pub record: Record,
    pub obligations: Vec<String>,
    pub skills: Vec<String>,
    pub sectors: Vec<String>,
    pub has: Vec<String>,
    #[serde(
        with = "crate::date::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub today: Option<Date>,
    /// The day the *interdictions de paraître* stop applying, when the decision says it:
    /// offers excluded only by them (and other rules that end by then) are « possible à partir
    /// du … » ([`crate::matching::Excluded::possible_from`]).
    #[serde(
        with = "crate::date::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub banned_places_until: Option<Date>,
    /// The day the *interdictions d'exercer* stop applying.
    #[serde(
        with = "crate::date::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub banned_activities_until: Option<Date>,
    /// The day the curfew hours stop applying.
    #[serde(
        with = "crate::date::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub curfew_until: Option<Date>,
    /// The day the measures end (the person is then under none).
    #[serde(
        with = "crate::date::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub measures_until: Option<Date>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            situation: Situation::Dedans,
            establishment: None,
            release_date: None,
            release_departement: None,
            measures: Vec::new(),
            residence_departement: None,
            residence_commune: None,
            release_commune: None,
            radius_km: None,
            banned_places: Vec::new(),
            banned_activities: Vec::new(),
            curfew: None,
            record: Record::default(),
            obligations: Vec::new(),
            skills: Vec::new(),
            sectors: Vec::new(),
            has: Vec::new(),
            today: None,
            banned_places_until: None,
            banned_activities_until: None,
            curfew_until: None,
            measures_until: None,
        }
    }
}

impl Profile {
    /// Read a profile file. The error names the line and column and says what is wrong.
    pub fn from_json(text: &str) -> Result<Profile, String> {
        use crate::limits::{mb, MAX_FILE_BYTES};
        if text.len() > MAX_FILE_BYTES {
            return Err(format!(
                "profil de {}, au-delà de la limite de {} : ce n'est pas un profil Relais",
                mb(text.len() as u64),
                mb(MAX_FILE_BYTES as u64)
            ));
        }
        // A list or a bare value would read as a profile of defaults (serde takes a struct as a
        // list of its fields): only an object is a profile.
        let body = text.trim_start_matches('\u{feff}').trim();
        let value_not_object = matches!(body.chars().next(), Some('[' | '"' | '-' | '0'..='9'))
            || matches!(body, "true" | "false" | "null");
        if value_not_object {
            return Err(
                "ce n'est pas un profil Relais : un profil est un objet JSON entre accolades, \
                 { \"situation\": \"dedans\", … }"
                    .into(),
            );
        }
        let profile: Profile = serde_json::from_str(text).map_err(|e| describe(&e, text))?;
        // serde_json keeps the last of two equal keys: a second `banned_places` would drop
        // the first list of bans in silence. Refused rather than guessed.
        if let Some(d) = crate::jsonkeys::duplicate_keys(text).first() {
            return Err(format!(
                "ligne {} : {}",
                d.line,
                crate::jsonkeys::describe(d)
            ));
        }
        Ok(profile)
    }

    /// The profile as a file. An error (none is expected of this struct) says so in French
    /// rather than giving an empty text: a failed save must not write an empty file.
    pub fn to_json(&self) -> Result<String, String> {
        serde_json::to_string_pretty(self)
            .map_err(|e| format!("le profil n'a pas pu être écrit ({e}) : rien n'est enregistré"))
    }
}

/// A serde_json error in French, its place first: by its category, not by its English text.
/// The vocabularies already say in French what is wrong with a code (« valeur inconnue … »);
/// serde's own messages on the shape of a value are kept after French words.
fn describe(e: &serde_json::Error, text: &str) -> String {
    use serde_json::error::Category;
    let full = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&place).unwrap_or(&full);
    let what = match e.classify() {
        Category::Eof => "fichier incomplet : le JSON s'arrête avant la fin".to_string(),
        Category::Syntax => format!("JSON mal formé ({what})"),
        Category::Data if what.contains('«') => what.to_string(),
        Category::Data => format!("type de valeur inattendu ({what})"),
        Category::Io => what.to_string(),
    };
    // The field the value belongs to, so that the person who wrote the file knows where to look.
    let what = match (e.classify(), field_before(text, e.line(), e.column())) {
        (Category::Data, Some(field)) => format!("champ « {field} » : {what}"),
        _ => what,
    };
    if e.line() == 0 {
        what
    } else {
        format!("ligne {}, colonne {} : {what}", e.line(), e.column())
    }
}

/// The key of the last `"key":` before a place of the text (line and column from 1, as serde_json
/// gives them): the field whose value an error is about.
fn field_before(text: &str, line: usize, column: usize) -> Option<&str> {
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let mut end = (start + column).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text.get(..end)?;
    let mut search = before;
    while let Some(colon) = search.rfind(':') {
        let key_end = search.get(..colon)?.trim_end();
        if let Some(inner) = key_end.strip_suffix('"') {
            if let Some(open) = inner.rfind('"') {
                let key = inner.get(open + 1..)?;
                if !key.is_empty()
                    && key.len() <= 40
                    && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    return Some(key);
                }
            }
        }
        search = search.get(..colon)?;
    }
    None
}

/// A département code from a commune code: `93008` → `93`, `97411` → `974`, `2A004` → `2A`.
/// Text that is not such a code (« Sète », « €12 ») is given back whole, never cut inside a
/// character.
pub fn departement_of_commune(commune: &str) -> &str {
    let n = if commune.starts_with("97") { 3 } else { 2 };
    commune.get(..n).unwrap_or(commune)
}

/// Is this a commune code (five characters) rather than a département code?
pub fn is_commune_code(code: &str) -> bool {
    code.len() == 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_of_formats_md_reads() {
        let p = Profile::from_json(
            r#"{
  "situation": "dedans",
  "establishment": "fleury-merogis",
  "release_date": "2027-03-15",
  "release_departement": "44",
  "measures": [],
  "residence_departement": null,
  "banned_places": ["75", "93008"],
  "banned_activities": ["mineurs"],
  "curfew": "lun-dim 20:00-07:00",
  "record": { "b2": true, "b3": false },
  "obligations": ["formation"],
  "skills": ["cuisine", "service en salle"],
  "sectors": ["G18"],
  "has": ["permis_b", "francais_b1"],
  "today": "2026-11-23"
}"#,
        )
        .unwrap();
        assert_eq!(p.situation, Situation::Dedans);
        assert_eq!(p.release_date, crate::date::parse("2027-03-15"));
        assert_eq!(p.record.b2, Some(true));
        let again = Profile::from_json(&p.to_json().unwrap()).unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn a_wrong_measure_is_named_in_french_with_its_place() {
        let e =
            Profile::from_json("{\n \"situation\": \"dehors\",\n \"measures\": [\"bracelet\"]\n}")
                .unwrap_err();
        assert!(e.starts_with("ligne 3"), "{e}");
        assert!(e.contains("bracelet") && e.contains("ddse"), "{e}");
    }

    #[test]
    fn a_broken_profile_file_is_said_in_french_with_its_place() {
        let cut = Profile::from_json("{\n \"situation\": \"dehors\",").unwrap_err();
        assert!(
            cut.starts_with("ligne 2, colonne ")
                && cut.ends_with("fichier incomplet : le JSON s'arrête avant la fin"),
            "{cut}"
        );
        let bad = Profile::from_json("situation: dedans").unwrap_err();
        assert!(
            bad.starts_with("ligne 1, colonne ") && bad.contains("JSON mal formé"),
            "{bad}"
        );
        // A list written as one value: refused, and the field is named.
        let one =
            Profile::from_json("{\"situation\": \"dehors\", \"measures\": \"ddse\"}").unwrap_err();
        assert!(
            one.contains("champ « measures » : type de valeur inattendu"),
            "{one}"
        );
        // A value of the wrong kind names its field.
        let shape =
            Profile::from_json("{\"situation\": \"dehors\",\n \"banned_places\": 75}").unwrap_err();
        assert!(
            shape.starts_with("ligne 2, colonne ")
                && shape.contains("champ « banned_places » : type de valeur inattendu"),
            "{shape}"
        );
        let b2 = Profile::from_json("{\"situation\": \"dehors\", \"record\": {\"b2\": \"oui\"}}")
            .unwrap_err();
        assert!(b2.contains("champ « b2 »"), "{b2}");
        let unknown = Profile::from_json(
            "{\"situation\": \"dehors\", \"measures\": [\"ddse\", \"assignation\"]}",
        )
        .unwrap_err();
        assert!(
            unknown.contains("valeur inconnue « assignation »"),
            "{unknown}"
        );
        // Not an object: refused, not read as a profile of defaults.
        for text in ["[]", "[\"dehors\"]", "\"dehors\"", "42"] {
            let e = Profile::from_json(text).unwrap_err();
            assert!(e.contains("un profil est un objet JSON"), "{text}: {e}");
        }
        let code = Profile::from_json("{\"situation\": \"ailleurs\"}").unwrap_err();
        assert!(
            code.starts_with("ligne 1, colonne ")
                && code.contains(" : valeur inconnue « ailleurs »"),
            "{code}"
        );
    }

    /// Issue 10: a catalogue's memory within ~5× its file. The offer was 472 bytes (64-bit)
    /// before its lists went into one allocation; a field added back in full must be weighed.
    #[test]
    fn an_offer_stays_small() {
        let size = std::mem::size_of::<Offer>();
        eprintln!(
            "Offer: {size} bytes, Lists: {}",
            std::mem::size_of::<Lists>()
        );
        if cfg!(target_pointer_width = "64") {
            assert!(size <= 240, "Offer is {size} bytes");
        }
    }

    #[test]
    fn the_lists_of_an_offer_read_back_as_written() {
        let c = |v: &[&str]| v.iter().map(|s| Code::from(*s)).collect::<Vec<_>>();
        let l = OfferLists {
            establishments: c(&["fleury-merogis"]),
            departements: c(&["44", "69"]),
            communes: Vec::new(),
            sectors: c(&["K2204"]),
            skills: c(&["Cuisine"]),
            skill_keys: c(&["cuisine"]),
            regulated: Vec::new(),
            prerequisites: c(&["permis_b"]),
            continues_as: c(&["o1", "o2"]),
            zone_eligibilite: c(&["44109"]),
            contact: "02 40 00 00 00".into(),
            description: String::new(),
        };
        let packed = Lists::from(l.clone());
        assert_eq!(packed.unpack(), l);
        assert_eq!(packed.get(Lists::DEPARTEMENTS), c(&["44", "69"]).as_slice());
        assert!(packed.get(Lists::COMMUNES).is_empty());
        assert_eq!(packed.get(Lists::ZONE), c(&["44109"]).as_slice());
        assert_eq!(packed.text(Lists::CONTACT), "02 40 00 00 00");
        assert_eq!(packed.text(Lists::DESCRIPTION), "");
        assert_eq!(Lists::default().unpack(), OfferLists::default());
    }

    #[test]
    fn communes_belong_to_their_departement() {
        assert_eq!(departement_of_commune("93008"), "93");
        assert_eq!(departement_of_commune("97411"), "974");
        assert_eq!(departement_of_commune("2A004"), "2A");
    }
}
