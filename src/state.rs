//! The app's single state, its actions and its reducer (Yew `use_reducer`).
//!
//! Everything the screen shows is derived from [`State`]; components only render it and
//! dispatch [`Action`]s. The match result is recomputed here, by the core, whenever the profile
//! changes: the app holds no matching rule of its own.

use crate::catalogue_state::{CatalogueAction, CatalogueState, Context};
use crate::i18n::Lang;
use crate::mapping_state::MappingAction;
use crate::present;
use crate::view::{FieldError, Filters};
use relais_core::catalogue::{self, Problem};
use relais_core::date;
use relais_core::matching::{rank_prepared, Details, MatchResult, Ranking};
use relais_core::model::{Code, Measure, Offer, OfferType, Profile, Situation};
use relais_core::prepared::Prepared;
use relais_core::refdata::RefData;
use std::collections::HashMap;
use std::rc::Rc;
use time::{Date, Duration};
use yew::Reducible;

/// Where the commune list (fetched at start) stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Communes {
    Loading,
    Loaded(usize),
    /// Codes still work; names are not available.
    Failed(String),
}

/// Where the everyday job titles (`rome-appellations.csv`) stand: fetched when the sector
/// field is first typed in, so that the first screen never waits for them.
#[derive(Clone, Debug, PartialEq)]
pub enum JobWords {
    NotAsked,
    Loading,
    Loaded(usize),
    /// ROME codes and titles still work; everyday words are not understood.
    Failed(String),
}

/// Text typed in fields that is not (yet) a value of the profile: it is kept so that nothing
/// typed is lost while it is incomplete or wrong.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafts {
    pub establishment: String,
    pub banned_place: String,
    pub banned_place_error: Option<FieldError>,
    /// The commune the person will live in (release, dedans) or lives in (dehors), as typed.
    pub home_commune: String,
    pub home_commune_error: Option<FieldError>,
    pub skill: String,
    pub sector: String,
    pub sector_error: Option<FieldError>,
    /// The everyday title last added as a sector: what was understood is shown next to the
    /// field, with the regulated-job warning when it applies.
    pub sector_job: Option<relais_core::appellations::Appellation>,
    /// A word was added while the job titles were still on their way: it is read when they
    /// arrive (Enter right after typing must not say « unknown »).
    pub sector_pending: bool,
}

impl Drafts {
    /// The drafts that show a profile as it is (after opening a file or a reset).
    fn of(profile: &Profile, refdata: &RefData, lang: Lang) -> Drafts {
        let establishment = profile
            .establishment
            .as_deref()
            .map(|id| {
                refdata
                    .establishment(id)
                    .map(|e| present::establishment_label(refdata, e))
                    .unwrap_or_else(|| id.to_string())
            })
            .unwrap_or_default();
        let home = match profile.situation {
            Situation::Dedans => profile.release_commune.as_deref(),
            Situation::Dehors => profile.residence_commune.as_deref(),
        };
        Drafts {
            establishment,
            home_commune: home
                .map(|c| present::place_label(refdata, lang, c))
                .unwrap_or_default(),
            ..Drafts::default()
        }
    }
}

/// The orientation sheet being prepared (its two forms: `crate::sheet`).
pub use crate::sheet::{Sheet, SheetKind};

/// Which bulletin of the criminal record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bulletin {
    B2,
    B3,
}

/// Lists of vocabulary codes in the profile that are edited with checkboxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeList {
    BannedActivities,
    Has,
    Obligations,
}

/// The court decisions whose end the profile can carry (`*_until`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    BannedPlaces,
    BannedActivities,
    Curfew,
    Measures,
}

/// A short confirmation shown in the status line after a file action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    ProfileOpened,
    ProfileReset,
}

#[derive(Clone)]
pub struct State {
    pub today: Date,
    pub lang: Lang,
    pub refdata: Rc<RefData>,
    pub offers: Rc<Vec<Offer>>,
    /// What loading the catalogues in use reported (shown as a non-blocking notice): the
    /// merged list's, shared with `catalogue.problems`.
    pub catalogue_problems: Rc<Vec<Problem>>,
    pub communes: Communes,
    pub job_words: JobWords,
    /// The everyday job titles, empty until fetched.
    pub appellations: Rc<relais_core::appellations::Appellations>,
    /// Datalist suggestions, computed once from the catalogue and ROME.
    pub skill_suggestions: Rc<Vec<String>>,
    pub sector_suggestions: Rc<Vec<String>>,
    pub profile: Profile,
    pub drafts: Drafts,
    /// The profile ranked against the offers in use, with no finding built: the findings of
    /// the cards drawn are read on demand ([`State::details`]); counts come from here.
    pub ranking: Rc<Ranking>,
    /// The catalogue in use prepared for ranking (codes as numbers, places with points) and its
    /// offers by id, made once per catalogue and reference data rather than at every keystroke.
    prepared: Rc<PreparedFor>,
    /// A catalogue of more than [`PREPARE_AT_ONCE`] offers being put in use: prepared a slice
    /// at a time across tasks (`components/app.rs`), with no result meanwhile — never the
    /// results of a catalogue half prepared, nor those of the one it replaces.
    pub putting_in_use: Option<InUse>,
    pub filters: Filters,
    /// How many items of each long list are drawn (by [`page_key`]); absent = one page.
    /// Drawing every card of a 30,000-offer catalogue froze the page; counts stay exact.
    pub shown: HashMap<String, usize>,
    /// The folded lists opened once (by [`page_key`], e.g. `now:excluded`): their items are
    /// drawn from the first opening on, not while nobody can see them (issue 16: the closed
    /// « Écartées » were a quarter of the first screen's elements).
    pub opened: Vec<String>,
    /// The page has been idle once since it started: what the first screen does not need
    /// (the catalogue panel, the sheet, the empty profile's lists) is drawn from then on
    /// (issue 16: the first result at 4× CPU throttling).
    pub settled: bool,
    /// A large catalogue was just put in use: its first cards are drawn in the task that ranks
    /// it, the rest in the next ([`Action::Settled`]).
    pub first_cards: bool,
    pub sheet: Sheet,
    /// The profile on screen is the example person (a fictitious one), loaded by a click: the
    /// form says so until it is emptied or replaced.
    pub example: bool,
    /// The last profile file that could not be opened: the French error of the core.
    pub load_error: Option<String>,
    /// The browser refused a download (profile or sheet).
    pub download_error: Option<String>,
    pub status: Option<Status>,
    /// « Sur cet ordinateur »: the encrypted save, its passphrase forms and messages.
    pub device: crate::storage::Device,
    /// « Mode atelier »: no personal field; its own anonymous matching.
    pub workshop: crate::workshop::Workshop,
    /// The catalogues in use (the example or the association's, the files added, kept or not),
    /// merged; the report of the last file chosen. Its own reducer: `offers` and
    /// `catalogue_problems` are taken from it.
    pub catalogue: CatalogueState,
    /// The mapping step of a file with other columns, and the mappings in use.
    pub mapping: crate::mapping_state::MappingState,
}

/// Cheap equality for Yew's props: shared data compares by pointer (it is replaced, never
/// mutated), the rest by value.
impl PartialEq for State {
    fn eq(&self, o: &Self) -> bool {
        self.today == o.today
            && self.lang == o.lang
            && Rc::ptr_eq(&self.refdata, &o.refdata)
            && Rc::ptr_eq(&self.offers, &o.offers)
            && Rc::ptr_eq(&self.catalogue_problems, &o.catalogue_problems)
            && Rc::ptr_eq(&self.ranking, &o.ranking)
            && Rc::ptr_eq(&self.prepared, &o.prepared)
            && self.putting_in_use == o.putting_in_use
            && self.communes == o.communes
            && self.job_words == o.job_words
            && Rc::ptr_eq(&self.appellations, &o.appellations)
            && self.profile == o.profile
            && self.drafts == o.drafts
            && self.filters == o.filters
            && self.shown == o.shown
            && self.opened == o.opened
            && self.settled == o.settled
            && self.first_cards == o.first_cards
            && self.sheet == o.sheet
            && self.example == o.example
            && self.load_error == o.load_error
            && self.download_error == o.download_error
            && self.status == o.status
            && self.device == o.device
            && self.workshop == o.workshop
            && self.catalogue == o.catalogue
            && self.mapping == o.mapping
    }
}

pub enum Action {
    SetLang(Lang),
    SetSituation(Situation),
    SetEstablishmentText(String),
    SetReleaseDate(String),
    SetReleaseDepartement(String),
    SetResidenceDepartement(String),
    ToggleMeasure(Measure),
    SetBannedPlaceDraft(String),
    AddBannedPlace,
    /// One of the readings offered for an ambiguous place.
    PickBannedPlace(String),
    /// The release (dedans) or residence (dehors) commune, as typed.
    SetHomeCommuneDraft(String),
    /// Read what was typed: a commune sets the commune and its département.
    ResolveHomeCommune,
    /// One of the readings offered for an ambiguous home commune.
    PickHomeCommune(String),
    /// How far the person can go, in km (`None`: the default).
    SetRadius(Option<u32>),
    RemoveBannedPlace(String),
    ToggleCode(CodeList, String),
    SetCurfew(String),
    /// When a decision stops applying (ISO date, empty: not known).
    SetUntil(Until, String),
    SetRecord(Bulletin, Option<bool>),
    SetSkillDraft(String),
    AddSkill,
    RemoveSkill(String),
    SetSectorDraft(String),
    AddSector,
    RemoveSector(String),
    ResetProfile,
    /// The example person (fictitious), one click away from the empty first screen.
    LoadExample,
    /// The text of a profile file chosen by the user.
    OpenProfile(String),
    /// The file could not even be read.
    OpenProfileFailed(String),
    /// What the browser said when asked to save a file.
    Downloaded(Result<(), String>),
    CommunesLoaded(String),
    CommunesFailed(String),
    JobWordsLoaded(String),
    JobWordsFailed(String),
    SetTypeFilter(Option<OfferType>),
    SetDomainFilter(Option<String>),
    ToggleSheet(String),
    /// Draw one more page of a long list (key from [`page_key`]).
    ShowMore(String),
    /// A folded list (key from [`page_key`]) was opened: its items are drawn from now on.
    Opened(String),
    /// The page has been idle once since start, or since a large catalogue was put in use:
    /// draw what the first screen left out.
    Settled,
    /// How many offers of the catalogue being put in use are prepared.
    Preparing(usize),
    /// The catalogue being put in use, prepared (with its skill suggestions): ranked now, if
    /// it is still the one in use.
    InUse(Rc<PreparedFor>, Rc<Vec<String>>),
    SetSheetNote(String),
    SetSheetName(String),
    /// « Pour la personne » or « Pour le dossier »: the form shown, printed and saved.
    SetSheetKind(SheetKind),
    /// The service's contact typed on the sheet (empty: the configuration's).
    SetSheetService(String),
    /// The counsellor's contact typed on the sheet (empty: the configuration's).
    SetSheetCounsellor(String),
    /// Show the court's decisions and the record on the person's sheet too.
    SetSheetCourt(bool),
    ClearSheet,
    /// The « Sur cet ordinateur » bar (encrypted save, open, wipe).
    Device(crate::storage::DeviceEvent),
    /// The workshop mode.
    Workshop(crate::workshop::WorkshopAction),
    /// Add, replace or remove a catalogue; hosting configuration; keep the list in this
    /// browser; back to the default catalogue.
    Catalogue(CatalogueAction),
    /// The mapping step: columns, values, defaults, a mapping file, « Appliquer ».
    Mapping(MappingAction),
}

/// A catalogue of up to this many offers is prepared in the task that puts it in use (a few
/// ms); a larger one a slice at a time across tasks (issue 16: no task over 50 ms).
pub const PREPARE_AT_ONCE: usize = 2_000;

/// Where the catalogue being put in use stands: offers prepared, of the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InUse {
    pub done: usize,
    pub total: usize,
}

/// Items of a long list drawn at once (excluded offers of one cause, « Plus loin », « Possible
/// plus tard »).
pub const PAGE: usize = 50;

/// Cards of the offers that fit drawn at once: about two screens. Each drawn card costs the
/// browser style and layout at every keystroke (issue 16: 50 cards, three on screen).
pub const CARDS_PAGE: usize = 20;

/// How many items of the list `key` ([`page_key`]) a page holds.
pub fn page_size(key: &str) -> usize {
    if key.ends_with(":fits") {
        CARDS_PAGE
    } else {
        PAGE
    }
}

/// The key of one long list for [`Action::ShowMore`]: the horizon and the list.
pub fn page_key(horizon: relais_core::matching::Horizon, list: &str) -> String {
    let h = match horizon {
        relais_core::matching::Horizon::Now => "now",
        relais_core::matching::Horizon::AfterRelease => "after",
    };
    format!("{h}:{list}")
}

impl State {
    /// Whether the items of the folded list `key` ([`page_key`]) are drawn: once it was
    /// opened.
    pub fn opened(&self, key: &str) -> bool {
        self.opened.iter().any(|k| k == key)
    }

    /// Whether the first screen is drawn lean: before the page was first idle, with the empty
    /// profile of a new person (its lists come a moment later; a profile's come at once).
    pub fn lean(&self) -> bool {
        !self.settled && !self.example && self.profile == Profile::default()
    }

    /// How many items of the list `key` to draw.
    pub fn shown(&self, key: &str) -> usize {
        self.shown.get(key).copied().unwrap_or(page_size(key))
    }

    /// A place under an *interdiction de paraître*, once; the field is emptied.
    fn add_banned_place(&mut self, code: String) {
        if !self.profile.banned_places.contains(&code) {
            self.profile.banned_places.push(code);
        }
        self.drafts.banned_place.clear();
        self.drafts.banned_place_error = None;
    }

    /// The person's commune (release or residence) and, with it, its département.
    fn set_home_commune(&mut self, code: String) {
        let dep = self.refdata.departement_code_of(&code);
        self.drafts.home_commune = present::place_label(&self.refdata, self.lang, &code);
        self.drafts.home_commune_error = None;
        let p = &mut self.profile;
        match p.situation {
            Situation::Dedans => p.release_departement = Some(dep).filter(|d| !d.is_empty()),
            Situation::Dehors => p.residence_departement = Some(dep).filter(|d| !d.is_empty()),
        }
        *home_commune(p) = Some(code);
    }
}

/// The commune distances are measured from: release (dedans) or residence (dehors).
fn home_commune(p: &mut Profile) -> &mut Option<String> {
    match p.situation {
        Situation::Dedans => &mut p.release_commune,
        Situation::Dehors => &mut p.residence_commune,
    }
}

/// The example person, one click away from the empty first screen: a fictitious profile with
/// real results now and after release.
pub fn example_profile(today: Date) -> Profile {
    Profile {
        situation: Situation::Dedans,
        establishment: Some("fleury-merogis".into()),
        release_date: Some(today + Duration::days(122)),
        release_departement: Some("44".into()),
        skills: vec!["cuisine".into()],
        sectors: vec!["G18".into()],
        ..Profile::default()
    }
}

impl State {
    /// The state at start: bundled reference data, the seed catalogue, an empty profile (a new
    /// person; the example is one click away, [`Action::LoadExample`]).
    pub fn new(today: Date) -> State {
        // The bundled files are checked by the core's tests; should they fail anyway, the app
        // still opens (empty lists) and says so rather than panicking.
        // Fetched beside the wasm by `start.js` (`browser::start_refdata`).
        let (refdata, ref_error) = match crate::browser::start_refdata() {
            Ok(rd) => (rd, None),
            Err(e) => (RefData::default(), Some(e)),
        };
        let (seed, seed_error) = match crate::browser::seed_catalogue() {
            Ok(text) => (text, None),
            Err(e) => (String::new(), Some(e)),
        };
        let loaded = catalogue::load(seed.as_bytes(), crate::catalogue_state::SEED_FILE, &refdata);
        let mut problems = loaded.problems;
        for e in [seed_error, ref_error].into_iter().flatten() {
            problems.insert(0, Problem::error("data/", 0, e));
        }
        State::with(today, refdata, loaded.offers, problems, Profile::default())
    }

    /// A state over given data (tests use it with a fixed date and catalogue).
    pub fn with(
        today: Date,
        refdata: RefData,
        offers: Vec<Offer>,
        problems: Vec<Problem>,
        profile: Profile,
    ) -> State {
        let drafts = Drafts::of(&profile, &refdata, Lang::Fr);
        let skill_suggestions = Rc::new(present::skill_suggestions(&offers, &refdata));
        let sector_suggestions = Rc::new(present::sector_suggestions(&refdata));
        let catalogue = CatalogueState::of_seed(offers, problems);
        let refdata = Rc::new(refdata);
        let prepared = Rc::new(PreparedFor::new(&catalogue.offers, &refdata));
        let mut s = State {
            today,
            lang: Lang::Fr,
            refdata,
            prepared,
            putting_in_use: None,
            offers: catalogue.offers.clone(),
            catalogue_problems: catalogue.problems.clone(),
            communes: Communes::Loading,
            job_words: JobWords::NotAsked,
            appellations: Rc::default(),
            skill_suggestions,
            sector_suggestions,
            profile,
            drafts,
            ranking: Rc::new(Ranking::default()),
            filters: Filters::default(),
            shown: HashMap::new(),
            opened: Vec::new(),
            settled: false,
            first_cards: false,
            sheet: Sheet::default(),
            example: false,
            load_error: None,
            download_error: None,
            status: None,
            device: Default::default(),
            workshop: Default::default(),
            catalogue,
            mapping: Default::default(),
        };
        s.recompute();
        s
    }

    fn recompute(&mut self) {
        if !self.prepared.is_for(&self.offers, &self.refdata) {
            if self.offers.len() > PREPARE_AT_ONCE {
                // Prepared a slice at a time (`components/app.rs`, then `Action::InUse`): no
                // result until then.
                let total = self.offers.len();
                let done = self
                    .putting_in_use
                    .filter(|u| u.total == total)
                    .map_or(0, |u| u.done);
                self.putting_in_use = Some(InUse { done, total });
                self.ranking = Rc::new(Ranking::default());
                return;
            }
            self.prepared = Rc::new(PreparedFor::new(&self.offers, &self.refdata));
        }
        self.putting_in_use = None;
        self.ranking = Rc::new(rank_prepared(
            &self.profile,
            &self.offers,
            &self.prepared.prepared,
            &self.refdata,
            self.today,
        ));
    }

    /// Whether this state ranks as `before` did: the same profile, catalogue, reference data
    /// and day (the ranking depends on nothing else).
    fn ranked_as(&self, before: &State) -> bool {
        self.today == before.today
            && Rc::ptr_eq(&self.offers, &before.offers)
            && Rc::ptr_eq(&self.refdata, &before.refdata)
            && self.profile == before.profile
    }

    /// What reads the findings of one offer of the ranking at a time (the cards drawn).
    pub fn details(&self) -> Option<Details<'_>> {
        self.ranking.details(
            &self.profile,
            &self.offers,
            &self.prepared.prepared,
            &self.refdata,
        )
    }

    /// The result with the findings of the offers kept (by index in `offers`) read: what a
    /// sheet prints.
    pub fn result_where(&self, keep: impl Fn(u32) -> bool) -> MatchResult {
        self.details()
            .map(|d| d.all_where(keep))
            .unwrap_or_default()
    }

    /// The whole result, every offer's findings read (the reducer's tests).
    pub fn result(&self) -> MatchResult {
        self.result_where(|_| true)
    }

    /// The result of the offers on the sheet: what the sheet prints.
    pub fn sheet_result(&self) -> MatchResult {
        let on_sheet: Vec<u32> = self
            .sheet
            .ids
            .iter()
            .filter_map(|id| self.offer_position(id))
            .map(|i| i as u32)
            .collect();
        self.result_where(|i| on_sheet.contains(&i))
    }

    /// The offer at this index of `offers` (the ranking names offers by index).
    pub fn offer_at(&self, i: u32) -> Option<&Offer> {
        self.offers.get(i as usize)
    }

    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offer_position(id).and_then(|i| self.offers.get(i))
    }

    /// Where the offer of this id is in `offers` (the last row of a duplicated id): by the
    /// index made with the preparation, or, while a catalogue is being put in use, by reading
    /// the list (never by an index of another catalogue).
    fn offer_position(&self, id: &str) -> Option<usize> {
        if self.prepared.is_for(&self.offers, &self.refdata) {
            return self.prepared.index.get(id).copied();
        }
        self.offers.iter().rposition(|o| o.id == id)
    }

    /// The catalogue in use as it stands, prepared or not (the driver of the preparation).
    pub fn catalogue_in_use(&self) -> (Rc<Vec<Offer>>, Rc<RefData>) {
        (self.offers.clone(), self.refdata.clone())
    }

    /// Take the merged catalogues in use from the catalogue's state (the index and the
    /// suggestions follow).
    fn take_catalogue(&mut self) {
        self.offers = self.catalogue.offers.clone();
        self.catalogue_problems = self.catalogue.problems.clone();
        // A large catalogue's come with its preparation (`Action::InUse`).
        if self.offers.len() <= PREPARE_AT_ONCE {
            self.skill_suggestions =
                Rc::new(present::skill_suggestions(&self.offers, &self.refdata));
        }
    }

    /// A catalogue action, to the catalogue's own reducer.
    fn catalogue_action(&mut self, a: CatalogueAction) -> bool {
        let cx = Context {
            refdata: &self.refdata,
        };
        let changed = self.catalogue.apply(a, &cx);
        if changed {
            self.take_catalogue();
        }
        changed
    }

    /// Apply one action; returns whether the profile changed (and the result must follow).
    fn apply(&mut self, action: Action) -> bool {
        let p = &mut self.profile;
        match action {
            Action::SetLang(l) => {
                // A commune field still showing the name the app wrote is named again in
                // the new language; what the counsellor typed stays as typed.
                if let Some(c) = home_commune(p).clone() {
                    let was = present::place_label(&self.refdata, self.lang, &c);
                    if self.drafts.home_commune == was {
                        self.drafts.home_commune = present::place_label(&self.refdata, l, &c);
                    }
                }
                self.lang = l;
                false
            }
            Action::SetSituation(s) => {
                p.situation = s;
                // The commune field follows: release commune inside, residence outside.
                let home = home_commune(p).clone();
                self.drafts.home_commune = home
                    .map(|c| present::place_label(&self.refdata, self.lang, &c))
                    .unwrap_or_default();
                self.drafts.home_commune_error = None;
                true
            }
            Action::SetEstablishmentText(text) => {
                p.establishment =
                    present::resolve_establishment(&self.refdata, &text).map(|e| e.id.clone());
                self.drafts.establishment = text;
                true
            }
            Action::SetReleaseDate(text) => {
                p.release_date = date::parse(&text);
                true
            }
            Action::SetReleaseDepartement(code) => {
                p.release_departement = Some(code).filter(|c| !c.is_empty());
                // A commune of another département no longer holds.
                if p.release_commune.as_deref().is_some_and(|c| {
                    Some(self.refdata.departement_code_of(c)) != p.release_departement
                }) {
                    p.release_commune = None;
                    self.drafts.home_commune.clear();
                }
                true
            }
            Action::SetResidenceDepartement(code) => {
                p.residence_departement = Some(code).filter(|c| !c.is_empty());
                if p.residence_commune.as_deref().is_some_and(|c| {
                    Some(self.refdata.departement_code_of(c)) != p.residence_departement
                }) {
                    p.residence_commune = None;
                    self.drafts.home_commune.clear();
                }
                true
            }
            Action::ToggleMeasure(m) => {
                toggle(&mut p.measures, m);
                true
            }
            Action::SetBannedPlaceDraft(text) => {
                self.drafts.banned_place = text;
                self.drafts.banned_place_error = None;
                false
            }
            Action::AddBannedPlace => {
                let text = self.drafts.banned_place.trim().to_string();
                if text.is_empty() {
                    return false;
                }
                match present::resolve_place(&self.refdata, &text) {
                    Ok(code) => {
                        self.add_banned_place(code);
                        true
                    }
                    Err(e) => {
                        self.drafts.banned_place_error = Some(e);
                        false
                    }
                }
            }
            Action::PickBannedPlace(code) => {
                self.add_banned_place(code);
                true
            }
            Action::SetHomeCommuneDraft(text) => {
                self.drafts.home_commune = text;
                self.drafts.home_commune_error = None;
                if self.drafts.home_commune.trim().is_empty() {
                    // Emptied: the distance is measured from the département again.
                    let changed = home_commune(p).is_some();
                    *home_commune(p) = None;
                    return changed;
                }
                false
            }
            Action::ResolveHomeCommune => {
                let text = self.drafts.home_commune.trim().to_string();
                if text.is_empty() {
                    return false;
                }
                match present::resolve_place(&self.refdata, &text) {
                    Ok(code) if self.refdata.commune(&code).is_some() => {
                        self.set_home_commune(code);
                        true
                    }
                    // A département is the field beside: the commune stays unknown.
                    Ok(_) => {
                        self.drafts.home_commune_error =
                            Some(FieldError::NotACommune(text.clone()));
                        false
                    }
                    Err(e) => {
                        self.drafts.home_commune_error = Some(e);
                        false
                    }
                }
            }
            Action::PickHomeCommune(code) => {
                self.set_home_commune(code);
                true
            }
            Action::SetRadius(km) => {
                p.radius_km = km.filter(|k| *k != relais_core::model::DEFAULT_RADIUS_KM);
                true
            }
            Action::RemoveBannedPlace(code) => {
                p.banned_places.retain(|c| *c != code);
                true
            }
            Action::ToggleCode(list, code) => {
                let v = match list {
                    CodeList::BannedActivities => &mut p.banned_activities,
                    CodeList::Has => &mut p.has,
                    CodeList::Obligations => &mut p.obligations,
                };
                toggle(v, code);
                true
            }
            Action::SetCurfew(text) => {
                // Kept as typed (spaces included) so that the field never jumps; the core trims.
                p.curfew = Some(text).filter(|t| !t.trim().is_empty());
                true
            }
            Action::SetUntil(which, text) => {
                let d = date::parse(&text);
                *match which {
                    Until::BannedPlaces => &mut p.banned_places_until,
                    Until::BannedActivities => &mut p.banned_activities_until,
                    Until::Curfew => &mut p.curfew_until,
                    Until::Measures => &mut p.measures_until,
                } = d;
                true
            }
            Action::SetRecord(b, v) => {
                match b {
                    Bulletin::B2 => p.record.b2 = v,
                    Bulletin::B3 => p.record.b3 = v,
                }
                true
            }
            Action::SetSkillDraft(text) => {
                self.drafts.skill = text;
                false
            }
            Action::AddSkill => {
                let skill = self.drafts.skill.trim().to_string();
                if skill.is_empty() {
                    return false;
                }
                let k = relais_core::text::fold(&skill);
                if !p.skills.iter().any(|s| relais_core::text::fold(s) == k) {
                    p.skills.push(skill);
                }
                self.drafts.skill.clear();
                true
            }
            Action::RemoveSkill(s) => {
                p.skills.retain(|x| *x != s);
                true
            }
            Action::SetSectorDraft(text) => {
                self.drafts.sector = text;
                self.drafts.sector_error = None;
                if self.job_words == JobWords::NotAsked {
                    // The app's effect fetches the list on this change (components/app.rs).
                    self.job_words = JobWords::Loading;
                }
                false
            }
            Action::AddSector => self.add_sector(),
            Action::RemoveSector(s) => {
                if self.drafts.sector_job.as_ref().is_some_and(|j| j.rome == s) {
                    self.drafts.sector_job = None;
                }
                p.sectors.retain(|x| *x != s);
                true
            }
            Action::ResetProfile => {
                *p = Profile::default();
                self.drafts = Drafts::default();
                // A new person: nothing of the previous one stays on screen.
                self.sheet = self.sheet.for_new_person();
                self.filters = Filters::default();
                self.shown.clear();
                self.load_error = None;
                self.status = Some(Status::ProfileReset);
                self.example = false;
                true
            }
            Action::LoadExample => {
                let example = example_profile(self.today);
                self.drafts = Drafts::of(&example, &self.refdata, self.lang);
                *p = example;
                self.sheet = self.sheet.for_new_person();
                self.filters = Filters::default();
                self.shown.clear();
                self.load_error = None;
                self.example = true;
                true
            }
            Action::OpenProfile(text) => match Profile::from_json(&text) {
                Ok(mut profile) => {
                    // A profile written by hand names places (« Lyon »): read as the fields
                    // read them, a ban on several possible places bans them all.
                    relais_core::validation::resolve_places(&self.refdata, &mut profile);
                    self.drafts = Drafts::of(&profile, &self.refdata, self.lang);
                    *p = profile;
                    self.sheet = self.sheet.for_new_person();
                    self.example = false;
                    self.load_error = None;
                    self.status = Some(Status::ProfileOpened);
                    true
                }
                Err(e) => {
                    // The current profile stays as it is.
                    self.load_error = Some(e);
                    self.status = None;
                    false
                }
            },
            Action::OpenProfileFailed(e) => {
                self.load_error = Some(e);
                self.status = None;
                false
            }
            Action::Downloaded(r) => {
                self.download_error = r.err();
                false
            }
            Action::CommunesLoaded(text) => {
                let mut rd = (*self.refdata).clone();
                match rd.add_communes(&text) {
                    Ok(()) => {
                        self.communes = Communes::Loaded(rd.communes.len());
                        self.refdata = Rc::new(rd);
                        // Commune names of an opened profile can be read only now.
                        if !relais_core::validation::resolve_places(
                            &self.refdata,
                            &mut self.profile,
                        )
                        .is_empty()
                        {
                            self.drafts = Drafts::of(&self.profile, &self.refdata, self.lang);
                        }
                        // The catalogues need no second reading: the reader's worker read
                        // them with the commune list it fetched itself.
                        // Reasons name communes: recompute so that they read « Bobigny (93008) ».
                        true
                    }
                    Err(e) => {
                        self.communes = Communes::Failed(e);
                        false
                    }
                }
            }
            Action::CommunesFailed(e) => {
                self.communes = Communes::Failed(e);
                false
            }
            Action::JobWordsLoaded(text) => {
                let (list, problems) = relais_core::appellations::Appellations::parse(&text);
                if list.is_empty() {
                    let why = problems
                        .first()
                        .map(|p| p.to_string())
                        .unwrap_or_else(|| relais_core::appellations::FILE.to_string());
                    self.job_words = JobWords::Failed(why);
                } else {
                    self.job_words = JobWords::Loaded(list.len());
                    self.appellations = Rc::new(list);
                }
                self.retry_pending_sector()
            }
            Action::JobWordsFailed(e) => {
                self.job_words = JobWords::Failed(e);
                self.retry_pending_sector()
            }
            Action::SetTypeFilter(k) => {
                self.filters.kind = k;
                false
            }
            Action::SetDomainFilter(d) => {
                self.filters.domain = d.filter(|d| !d.is_empty());
                false
            }
            Action::ToggleSheet(id) => {
                toggle(&mut self.sheet.ids, id);
                false
            }
            Action::Opened(key) => {
                if !self.opened.contains(&key) {
                    self.opened.push(key);
                }
                false
            }
            Action::Settled => {
                self.settled = true;
                self.first_cards = false;
                false
            }
            Action::Preparing(done) => {
                if let Some(u) = &mut self.putting_in_use {
                    u.done = done.min(u.total);
                }
                false
            }
            Action::InUse(prepared, suggestions) => {
                // A preparation of a catalogue since replaced (or of other reference data) is
                // dropped: the one in use is being prepared by then.
                if self.putting_in_use.is_none() || !prepared.is_for(&self.offers, &self.refdata) {
                    return false;
                }
                self.prepared = prepared;
                self.skill_suggestions = suggestions;
                self.first_cards = true;
                self.recompute();
                false
            }
            Action::ShowMore(key) => {
                let page = page_size(&key);
                let n = self.shown.entry(key).or_insert(page);
                *n = n.saturating_add(page);
                false
            }
            Action::SetSheetNote(t) => {
                self.sheet.note = t;
                false
            }
            Action::SetSheetName(t) => {
                self.sheet.name = t;
                false
            }
            Action::SetSheetKind(k) => {
                self.sheet.kind = k;
                false
            }
            Action::SetSheetService(t) => {
                self.sheet.service = t;
                false
            }
            Action::SetSheetCounsellor(t) => {
                self.sheet.counsellor = t;
                false
            }
            Action::SetSheetCourt(on) => {
                self.sheet.court = on;
                false
            }
            Action::ClearSheet => {
                self.sheet.ids.clear();
                false
            }
            Action::Device(e) => {
                use crate::storage::DeviceEvent;
                self.device.apply(&e);
                match e {
                    DeviceEvent::Opened(Ok(dossier)) => {
                        let dossier = *dossier;
                        // What was saved replaces the screen; a failure changes nothing.
                        self.drafts = Drafts::of(&dossier.profile, &self.refdata, self.lang);
                        self.profile = dossier.profile;
                        self.example = false;
                        self.sheet = dossier.sheet;
                        self.filters = Filters::default();
                        self.shown.clear();
                        self.load_error = None;
                        true
                    }
                    DeviceEvent::Wiped(_) => {
                        // Every trace: the screen too.
                        self.profile = Profile::default();
                        self.example = false;
                        self.drafts = Drafts::default();
                        self.sheet = Sheet::default();
                        self.filters = Filters::default();
                        self.shown.clear();
                        self.load_error = None;
                        // localStorage is empty: no catalogue is kept any more either.
                        self.catalogue.forgotten();
                        true
                    }
                    _ => false,
                }
            }
            Action::Workshop(a) => {
                // Leaving the projector never brings a person's profile back onto it: the
                // counsellor's screen opens empty, as for a new person.
                let leaving =
                    self.workshop.on && matches!(a, crate::workshop::WorkshopAction::Toggle(false));
                self.workshop
                    .apply(a, &self.offers, &self.refdata, self.today);
                if leaving {
                    self.profile = Profile::default();
                    self.example = false;
                    self.drafts = Drafts::default();
                    self.sheet = self.sheet.for_new_person();
                    self.filters = Filters::default();
                    self.shown.clear();
                    self.load_error = None;
                    self.status = None;
                }
                leaving
            }
            Action::Catalogue(a) => self.catalogue_action(a),
            // « Appliquer »: the file read through the mapping goes to the catalogue's list.
            Action::Mapping(a) => match self.mapping.apply(a) {
                Some((file, read, replace)) => self.catalogue_action(CatalogueAction::Mapped {
                    file,
                    read,
                    replace,
                }),
                None => false,
            },
        }
    }
}

impl State {
    /// The word added while the job titles were loading, read now that they came (or not).
    fn retry_pending_sector(&mut self) -> bool {
        if !std::mem::take(&mut self.drafts.sector_pending) {
            return false;
        }
        self.add_sector()
    }

    /// Read the sector draft: a code, a ROME title or an everyday job word. (Its own function:
    /// called back from the reducer, `apply` itself could no longer be inlined, which cost the
    /// browser bundle 5 KB.)
    fn add_sector(&mut self) -> bool {
        let p = &mut self.profile;
        let text = self.drafts.sector.trim().to_string();
        if text.is_empty() {
            return false;
        }
        use relais_core::appellations::Sector;
        let (code, job) = match present::resolve_sector(&self.refdata, &self.appellations, &text) {
            Sector::Code(code) => (code, None),
            Sector::Job(a) => (a.rome.clone(), Some(a.clone())),
            Sector::Ambiguous(list) => {
                let choices = list.iter().map(|a| a.suggestion()).collect();
                self.drafts.sector_error = Some(FieldError::AmbiguousSector(text, choices));
                return false;
            }
            Sector::Unknown if self.job_words == JobWords::Loading => {
                self.drafts.sector_pending = true;
                return false;
            }
            Sector::Unknown => {
                self.drafts.sector_error = Some(FieldError::UnknownSector(text));
                return false;
            }
        };
        if !p.sectors.contains(&code) {
            p.sectors.push(code);
        }
        self.drafts.sector.clear();
        self.drafts.sector_error = None;
        self.drafts.sector_pending = false;
        self.drafts.sector_job = job;
        true
    }
}

fn toggle<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if let Some(i) = v.iter().position(|y| *y == x) {
        v.remove(i);
    } else {
        v.push(x);
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let is_status_action = matches!(action, Action::ResetProfile | Action::OpenProfile(_));
        if !is_status_action {
            s.status = None;
        }
        // The ranking runs again only when what it reads changed: an action that leaves the
        // profile, the catalogue and the reference data as they were (a field set to the value
        // it had) costs no ranking.
        if s.apply(action) && !s.ranked_as(&self) {
            // The ranking replaced is a few vectors of integers: dropped at once (a full
            // result, every fit with its reasons, was freed in a task of its own).
            s.recompute();
        }
        // A catalogue replaced while the workshop is on shows there at once.
        s.workshop.refresh(&s.offers, &s.refdata, s.today);
        Rc::new(s)
    }
}

/// A preparation with the very catalogue and reference data it was made from: it is made
/// again when either is replaced. Identity, not content: holding both keeps their addresses
/// from being reused, and a corrected file with the same ids is another list.
pub struct PreparedFor {
    offers: Rc<Vec<Offer>>,
    refdata: Rc<RefData>,
    prepared: Prepared,
    /// Position of each offer by id (the last row of a duplicated id): results and the sheet
    /// name offers by id, and a linear search per card made every render quadratic.
    index: HashMap<Code, usize>,
}

impl PreparedFor {
    fn new(offers: &Rc<Vec<Offer>>, refdata: &Rc<RefData>) -> PreparedFor {
        PreparedFor::of(offers, refdata, Prepared::new(offers, refdata))
    }

    /// `prepared` (of these offers and reference data) with the offers' index by id.
    pub fn of(offers: &Rc<Vec<Offer>>, refdata: &Rc<RefData>, prepared: Prepared) -> PreparedFor {
        PreparedFor {
            offers: offers.clone(),
            refdata: refdata.clone(),
            prepared,
            index: index_by_id(offers),
        }
    }

    fn is_for(&self, offers: &Rc<Vec<Offer>>, refdata: &Rc<RefData>) -> bool {
        Rc::ptr_eq(&self.offers, offers) && Rc::ptr_eq(&self.refdata, refdata)
    }
}

/// Ids are `Code`s: a short id is copied with no allocation (60,000 `String`s took 18 ms).
fn index_by_id(offers: &[Offer]) -> HashMap<Code, usize> {
    offers
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    // The app only builds for wasm32: run these through wasm-bindgen-test in the browser step.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn today() -> Date {
        date::parse("2026-11-23").expect("a valid date")
    }

    /// The example person, one click after start (most cases start from it).
    fn state() -> Rc<State> {
        Rc::new(State::new(today())).reduce(Action::LoadExample)
    }

    #[test]
    fn the_app_opens_empty_and_the_example_is_one_action_away_and_said_so() {
        let s = Rc::new(State::new(today()));
        assert_eq!(s.profile, Profile::default());
        assert!(!s.example);
        assert_eq!(s.drafts, Drafts::default());
        let s = s
            .reduce(Action::SetSheetCounsellor("Mme L.".into()))
            .reduce(Action::LoadExample);
        assert!(s.example);
        assert_eq!(s.profile, example_profile(today()));
        assert_eq!(
            s.sheet.counsellor, "Mme L.",
            "the counsellor's own contact stays"
        );
        // Emptied for a real person: no longer the example, nothing of it left.
        let s = s.reduce(Action::ResetProfile);
        assert!(!s.example);
        assert_eq!(s.profile, Profile::default());
        assert!(s.drafts.establishment.is_empty());
    }

    #[test]
    fn the_first_screen_shows_real_results_now_and_after_release() {
        let s = state();
        assert!(
            s.catalogue_problems
                .iter()
                .all(|p| p.severity != relais_core::catalogue::Severity::Error),
            "{:?}",
            s.catalogue_problems
        );
        assert!(!s.result().now.fits.is_empty());
        let result = s.result();
        let after = result
            .after_release
            .as_ref()
            .expect("dedans has an after-release horizon");
        assert!(!after.fits.is_empty());
        assert_eq!(
            s.drafts.establishment,
            "Centre pénitentiaire de Fleury-Mérogis (Essonne)"
        );
    }

    /// A catalogue too large to prepare in one task is put in use once prepared: meanwhile no
    /// result at all (neither the replaced catalogue's nor a part of its own), whatever is
    /// typed; a preparation of another catalogue is refused; its own, made in slices, ranks as
    /// the plain matching does.
    #[test]
    fn a_large_catalogue_shows_results_once_prepared_never_half() {
        use crate::catalogue_state::{Bytes, Read};
        use relais_core::prepared::Preparing;
        let s = state();
        let text = relais_core::synthetic::catalogue_csv(PREPARE_AT_ONCE + 500, &s.refdata);
        let offers = catalogue::load(text.as_bytes(), "grand.csv", &s.refdata).offers;
        let total = offers.len();
        assert!(total > PREPARE_AT_ONCE);
        let read = Read {
            offers,
            ..Read::default()
        };
        let taken = s.clone().reduce(Action::Catalogue(CatalogueAction::Read {
            file: "grand.csv".into(),
            bytes: Bytes::new(text.as_bytes()),
            read,
            replace: true,
        }));
        assert_eq!(taken.offers.len(), total, "the catalogue is the one in use");
        assert_eq!(taken.putting_in_use, Some(InUse { done: 0, total }));
        assert_eq!(*taken.ranking, Ranking::default(), "no result meanwhile");
        assert!(taken.details().is_none());
        // Typed meanwhile: still none, and the progress stays.
        let typed = taken
            .reduce(Action::Preparing(700))
            .reduce(Action::SetCurfew("lun-dim 20:00-07:00".into()));
        assert_eq!(typed.putting_in_use, Some(InUse { done: 700, total }));
        assert_eq!(*typed.ranking, Ranking::default());
        // The seed's preparation (another catalogue): refused.
        let other = Rc::new(PreparedFor::new(&s.offers, &s.refdata));
        let refused = typed.clone().reduce(Action::InUse(other, Rc::default()));
        assert!(refused.putting_in_use.is_some());
        assert_eq!(*refused.ranking, Ranking::default());
        // Its own, in slices: ranked, first cards first.
        let (offers, refdata) = typed.catalogue_in_use();
        let mut slices = Preparing::new(&offers, &refdata);
        slices.step(&offers, &refdata, 1000);
        let prepared = Rc::new(PreparedFor::of(
            &offers,
            &refdata,
            slices.finish(&offers, &refdata),
        ));
        let ready = typed.reduce(Action::InUse(prepared, Rc::new(vec!["cuisine".into()])));
        assert!(ready.putting_in_use.is_none());
        assert!(ready.first_cards);
        assert_eq!(*ready.skill_suggestions, vec!["cuisine".to_string()]);
        assert_eq!(
            ready.result(),
            relais_core::matching::match_profile(&ready.profile, &offers, &refdata, ready.today)
        );
        assert!(ready
            .offer(&offers[10].id)
            .is_some_and(|o| o.id == offers[10].id));
        assert!(!ready.reduce(Action::Settled).first_cards);
    }

    #[test]
    fn an_answer_given_again_does_not_rank_again_and_a_curfew_typed_does() {
        let s = state();
        // The record's answer clicked again: nothing the ranking reads changed.
        let same = s
            .clone()
            .reduce(Action::SetRecord(Bulletin::B2, s.profile.record.b2));
        assert!(Rc::ptr_eq(&s.ranking, &same.ranking), "ranked again");
        // A curfew typed: ranked again, with the new profile.
        let typed = same.reduce(Action::SetCurfew("lun-dim 20:00-07:00".into()));
        assert!(!Rc::ptr_eq(&s.ranking, &typed.ranking), "not ranked again");
    }

    #[test]
    fn results_follow_the_profile() {
        let s = state();
        let before = s.result();
        let s = s.reduce(Action::SetSituation(Situation::Dehors));
        assert!(s.result().after_release.is_none());
        assert_ne!(s.result(), before);
        let s = s.reduce(Action::SetEstablishmentText(String::new()));
        assert_eq!(s.profile.establishment, None);
    }

    #[test]
    fn a_typed_establishment_is_kept_even_when_unknown() {
        let s = state().reduce(Action::SetEstablishmentText("Nulle part".into()));
        assert_eq!(s.drafts.establishment, "Nulle part");
        assert_eq!(s.profile.establishment, None);
        let s = s.reduce(Action::SetEstablishmentText("fresnes".into()));
        assert_eq!(s.profile.establishment.as_deref(), Some("fresnes"));
    }

    #[test]
    fn places_are_added_by_code_or_name_and_wrong_ones_stay_typed() {
        let s = state()
            .reduce(Action::SetBannedPlaceDraft("Seine-Saint-Denis".into()))
            .reduce(Action::AddBannedPlace);
        assert_eq!(s.profile.banned_places, vec!["93".to_string()]);
        assert!(s.drafts.banned_place.is_empty());
        let s = s
            .reduce(Action::SetBannedPlaceDraft("93008".into()))
            .reduce(Action::AddBannedPlace);
        assert_eq!(
            s.profile.banned_places,
            vec!["93".to_string(), "93008".to_string()]
        );
        let s = s
            .reduce(Action::SetBannedPlaceDraft("Atlantide".into()))
            .reduce(Action::AddBannedPlace);
        assert_eq!(s.drafts.banned_place, "Atlantide");
        assert!(matches!(
            s.drafts.banned_place_error,
            Some(FieldError::UnknownPlace(_))
        ));
        let s = s.reduce(Action::RemoveBannedPlace("93".into()));
        assert_eq!(s.profile.banned_places, vec!["93008".to_string()]);
    }

    #[test]
    fn sectors_accept_codes_and_suggestions() {
        let s = state()
            .reduce(Action::SetSectorDraft("n11 ".into()))
            .reduce(Action::AddSector);
        assert!(s.profile.sectors.contains(&"N11".to_string()));
        let s = s
            .reduce(Action::SetSectorDraft(
                "G1803 — Service en restauration".into(),
            ))
            .reduce(Action::AddSector);
        assert!(s.profile.sectors.contains(&"G1803".to_string()));
        let s = s
            .reduce(Action::SetSectorDraft("ZZ9".into()))
            .reduce(Action::AddSector);
        // The job list is on its way: the word waits for it; without the list, an error.
        assert!(s.drafts.sector_pending);
        let s = s.reduce(Action::JobWordsFailed("hors ligne".into()));
        assert_eq!(s.drafts.sector, "ZZ9");
        assert!(s.drafts.sector_error.is_some());
    }

    const JOB_WORDS: &str = include_str!("../data/rome-appellations.csv");

    #[test]
    fn sectors_accept_everyday_job_words_once_the_list_is_fetched() {
        let s = state().reduce(Action::SetSectorDraft("boulanger".into()));
        assert_eq!(s.job_words, JobWords::Loading, "typing asks for the list");
        // Enter before the list arrives: the word waits for it, with no error.
        let s = s.reduce(Action::AddSector);
        assert!(s.drafts.sector_pending);
        assert_eq!(s.drafts.sector_error, None);
        let s = s.reduce(Action::JobWordsLoaded(JOB_WORDS.into()));
        assert!(matches!(s.job_words, JobWords::Loaded(n) if n > 13_000));
        assert!(s.profile.sectors.contains(&"D1102".to_string()));
        assert_eq!(s.drafts.sector, "");
        let job = s.drafts.sector_job.clone().expect("understood");
        assert_eq!(job.label, "Boulanger / Boulangère");
        assert!(!job.regulated);
        // A suggestion of the datalist, regulated.
        let s = s
            .reduce(Action::SetSectorDraft(
                "Chauffeur / Chauffeuse de bus (N4103)".into(),
            ))
            .reduce(Action::AddSector);
        assert!(s.profile.sectors.contains(&"N4103".to_string()));
        assert!(s.drafts.sector_job.as_ref().is_some_and(|j| j.regulated));
        let s = s
            .reduce(Action::SetSectorDraft("chauffeur".into()))
            .reduce(Action::AddSector);
        match &s.drafts.sector_error {
            Some(FieldError::AmbiguousSector(word, choices)) => {
                assert_eq!(word, "chauffeur");
                assert!(choices.len() > 2, "{choices:?}");
            }
            other => panic!("{other:?}"),
        }
        let s = s.reduce(Action::RemoveSector("N4103".into()));
        assert!(s.drafts.sector_job.is_none());
    }

    #[test]
    fn without_the_job_list_codes_still_work() {
        let s = state()
            .reduce(Action::JobWordsFailed("hors ligne".into()))
            .reduce(Action::SetSectorDraft("n11".into()))
            .reduce(Action::AddSector);
        assert!(matches!(s.job_words, JobWords::Failed(_)));
        assert!(s.profile.sectors.contains(&"N11".to_string()));
        let s = s
            .reduce(Action::JobWordsLoaded("pas un fichier".into()))
            .reduce(Action::SetSectorDraft("cariste".into()))
            .reduce(Action::AddSector);
        assert!(matches!(s.job_words, JobWords::Failed(_)));
        assert!(s.drafts.sector_error.is_some());
    }

    #[test]
    fn a_bad_profile_file_leaves_the_profile_intact() {
        let s = state();
        let before = s.profile.clone();
        let s = s.reduce(Action::OpenProfile("{\"situation\": \"ailleurs\"}".into()));
        assert_eq!(s.profile, before);
        let e = s.load_error.clone().expect("an error");
        assert!(e.contains("ailleurs"), "{e}");
        let good = before.to_json().expect("json");
        let s = s
            .reduce(Action::ResetProfile)
            .reduce(Action::OpenProfile(good));
        assert_eq!(s.profile, before);
        assert_eq!(s.load_error, None);
    }

    #[test]
    fn reset_empties_the_profile_and_the_sheet() {
        let s = state()
            .reduce(Action::ToggleSheet("cafe-fleury-aci".into()))
            .reduce(Action::SetSheetNote("note".into()));
        assert_eq!(s.sheet.ids.len(), 1);
        let s = s.reduce(Action::ResetProfile);
        assert_eq!(s.profile, Profile::default());
        assert_eq!(s.sheet, Sheet::default());
    }

    #[test]
    fn a_named_commune_is_named_again_in_the_new_language_a_typed_one_stays() {
        let communes = include_str!("../data/communes.csv");
        let fr = "Bernwiller (Haut-Rhin), ancienne commune de Bernwiller";
        let en = "Bernwiller (Haut-Rhin), former commune, part of Bernwiller";
        let s = state()
            .reduce(Action::CommunesLoaded(communes.into()))
            .reduce(Action::SetHomeCommuneDraft(fr.into()))
            .reduce(Action::ResolveHomeCommune);
        assert_eq!(s.profile.release_commune.as_deref(), Some("68031"));
        assert_eq!(s.drafts.home_commune, fr);
        let s = s.reduce(Action::SetLang(Lang::En));
        assert_eq!(s.drafts.home_commune, en);
        let s = s.reduce(Action::SetLang(Lang::Fr));
        assert_eq!(s.drafts.home_commune, fr);
        // Typed by hand (not yet read): left as typed.
        let s = s
            .reduce(Action::SetHomeCommuneDraft("bernwiller, l'ancienne".into()))
            .reduce(Action::SetLang(Lang::En));
        assert_eq!(s.drafts.home_commune, "bernwiller, l'ancienne");
    }

    #[test]
    fn the_home_commune_sets_its_departement_and_asks_when_ambiguous() {
        let communes = include_str!("../data/communes.csv");
        let s = state()
            .reduce(Action::CommunesLoaded(communes.into()))
            .reduce(Action::SetHomeCommuneDraft("venissieux".into()))
            .reduce(Action::ResolveHomeCommune);
        assert_eq!(s.profile.release_commune.as_deref(), Some("69259"));
        assert_eq!(s.profile.release_departement.as_deref(), Some("69"));
        assert_eq!(s.drafts.home_commune_error, None);
        // A postal code that is also an INSEE code: asked, never guessed.
        let s = s
            .reduce(Action::SetHomeCommuneDraft("69003".into()))
            .reduce(Action::ResolveHomeCommune);
        assert!(matches!(
            s.drafts.home_commune_error,
            Some(FieldError::AmbiguousPlace(_, _))
        ));
        let s = s.reduce(Action::PickHomeCommune("69383".into()));
        assert_eq!(s.profile.release_commune.as_deref(), Some("69383"));
        // Another département in the select: the commune no longer holds.
        let s = s.reduce(Action::SetReleaseDepartement("44".into()));
        assert_eq!(s.profile.release_commune, None);
        // A département typed here is pointed to the field above.
        let s = s
            .reduce(Action::SetHomeCommuneDraft("Rhône".into()))
            .reduce(Action::ResolveHomeCommune);
        assert!(matches!(
            s.drafts.home_commune_error,
            Some(FieldError::NotACommune(_))
        ));
    }

    #[test]
    fn a_wider_radius_brings_far_offers_back_among_those_that_fit() {
        let s = state();
        let far = |s: &State| {
            s.ranking
                .after_release
                .as_ref()
                .map_or(0, |a| a.beyond.len())
        };
        let before = far(&s);
        assert!(
            before > 0,
            "the example has offers beyond 30 km after release"
        );
        // Wide enough for La Réunion from Nantes (about 9,000 km).
        let s = s.reduce(Action::SetRadius(Some(20_000)));
        assert_eq!(s.profile.radius_km, Some(20_000));
        assert_eq!(far(&s), 0);
        // The default is written as no value, so a saved profile stays as before.
        let s = s.reduce(Action::SetRadius(Some(30)));
        assert_eq!(s.profile.radius_km, None);
        assert_eq!(far(&s), before);
    }

    #[test]
    fn leaving_the_workshop_opens_an_empty_profile() {
        use crate::workshop::WorkshopAction;
        let s = state()
            .reduce(Action::ToggleSheet("cafe-fleury-aci".into()))
            .reduce(Action::Workshop(WorkshopAction::Toggle(true)));
        assert_ne!(
            s.profile,
            Profile::default(),
            "the workshop hides, not erases"
        );
        let s = s.reduce(Action::Workshop(WorkshopAction::Toggle(false)));
        assert_eq!(s.profile, Profile::default());
        assert!(!s.example);
        assert_eq!(s.sheet, Sheet::default());
        assert_eq!(s.drafts, Drafts::default());
    }

    #[test]
    fn long_lists_grow_a_page_at_a_time() {
        let key = page_key(relais_core::matching::Horizon::Now, "fits");
        let s = state();
        assert_eq!(s.shown(&key), CARDS_PAGE);
        let s = s.reduce(Action::ShowMore(key.clone()));
        assert_eq!(s.shown(&key), 2 * CARDS_PAGE);
        assert_eq!(
            s.clone().reduce(Action::ResetProfile).shown(&key),
            CARDS_PAGE
        );
        // The other lists: a longer page (their items are lighter).
        let key = page_key(relais_core::matching::Horizon::Now, "beyond");
        assert_eq!(s.shown(&key), PAGE);
        assert_eq!(
            s.reduce(Action::ShowMore(key.clone())).shown(&key),
            2 * PAGE
        );
    }

    #[test]
    fn catalogues_added_and_removed_reach_the_results_through_their_own_reducer() {
        use crate::catalogue_state::{CatalogueAction, SEED_FILE};
        let extra = "id;organisation;titre;type;milieu;etablissements;departements\n\
            asso-cuisine;Asso;Cuisine à Fleury;atelier;dedans;fleury-merogis;\n";
        let s = state();
        let seed = s.offers.len();
        let read =
            crate::catalogue_state::tests::read_by_reader("asso.csv", extra.as_bytes(), &s.refdata)
                .expect("read");
        let s = s.reduce(Action::Catalogue(CatalogueAction::Read {
            file: "asso.csv".into(),
            bytes: crate::catalogue_state::Bytes::new(extra.as_bytes()),
            read,
            replace: false,
        }));
        assert_eq!(s.offers.len(), seed + 1);
        assert!(Rc::ptr_eq(&s.offers, &s.catalogue.offers));
        assert!(Rc::ptr_eq(&s.catalogue_problems, &s.catalogue.problems));
        assert_eq!(
            s.offer("asso-cuisine").map(|o| o.title.as_str()),
            Some("Cuisine à Fleury")
        );
        assert!(s.result().now.fits.iter().any(|f| f.id == "asso-cuisine"));
        // The example removed: only the association's offer is left, and the results follow.
        let s = s.reduce(Action::Catalogue(CatalogueAction::Remove(SEED_FILE.into())));
        assert_eq!(s.offers.len(), 1);
        assert!(s.result().now.fits.iter().all(|f| f.id == "asso-cuisine"));
    }

    #[test]
    fn a_corrected_file_with_the_same_ids_is_ranked_again_from_its_new_rows() {
        use crate::catalogue_state::CatalogueAction;
        // Same count, same first and last ids: only the middle row's place changes, into the
        // Rhône the example person is banned from after release. The preparation made for the
        // first file must not be used for the second.
        let file = |dep: &str| {
            format!(
                "id;organisation;titre;type;milieu;departements\n\
                 a;Asso;Accueil A;accompagnement;dehors;91\n\
                 b;Asso;Accueil B;accompagnement;dehors;{dep}\n\
                 c;Asso;Accueil C;accompagnement;dehors;91\n"
            )
        };
        let import = |s: Rc<State>, text: String| {
            let read = crate::catalogue_state::tests::read_by_reader(
                "asso.csv",
                text.as_bytes(),
                &s.refdata,
            )
            .expect("read");
            s.reduce(Action::Catalogue(CatalogueAction::Read {
                file: "asso.csv".into(),
                bytes: crate::catalogue_state::Bytes::new(text.as_bytes()),
                read,
                replace: true,
            }))
        };
        let s = import(state(), file("91"))
            .reduce(Action::SetSituation(Situation::Dehors))
            .reduce(Action::SetResidenceDepartement("91".into()))
            .reduce(Action::SetBannedPlaceDraft("Rhône".into()))
            .reduce(Action::AddBannedPlace);
        assert_eq!(s.profile.banned_places, ["69"]);
        let banned = |s: &State| {
            let mut ids: Vec<String> = s
                .result()
                .now
                .excluded
                .iter()
                .map(|x| x.id.clone())
                .collect();
            ids.sort();
            ids
        };
        assert!(banned(&s).is_empty(), "{:?}", s.result().now.excluded);
        let s = import(s, file("69"));
        assert_eq!(banned(&s), ["b"], "b is now in the Rhône, banned");
    }

    #[test]
    fn the_curfew_is_kept_as_typed() {
        let s = state().reduce(Action::SetCurfew("lun-dim ".into()));
        assert_eq!(s.profile.curfew.as_deref(), Some("lun-dim "));
        let s = s.reduce(Action::SetCurfew("  ".into()));
        assert_eq!(s.profile.curfew, None);
    }
}
