//! The workshop mode (« Mode atelier »): what exists for a group, with no personal data at all.
//!
//! The facilitator picks a horizon (*dedans*, in the establishment; or *après la sortie*) and
//! filters (place, sector, type). What fits is decided by the core, with anonymous profiles
//! built from the horizon only: one *dedans* profile per establishment that has offers, or one
//! *dehors* profile. Places filter the list afterwards, as the result filters do; the map counts
//! the fitting offers per département.

use crate::present::passes;
use crate::view::Filters;
use relais_core::matching::rank_prepared;
use relais_core::model::{departement_of_commune, Offer, OfferType, Profile, Situation};
use relais_core::prepared::Prepared;
use relais_core::refdata::RefData;
use serde_json::Value;

/// Numbers per place code (département or région). A short list searched in order: at most
/// 101 places, and smaller in wasm than a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts(pub Vec<(String, usize)>);

impl Counts {
    pub fn get(&self, code: &str) -> usize {
        self.0
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }

    pub fn add(&mut self, code: &str) {
        match self.0.iter_mut().find(|(c, _)| c == code) {
            Some((_, n)) => *n += 1,
            None => self.0.push((code.to_string(), 1)),
        }
    }
}
use std::collections::HashMap;
use std::rc::Rc;
use time::Date;

/// The group examples (« sortant dans 3 mois vers le Rhône, cuisine »), as data.
pub const PERSONAS_FILE: &str = "data/personas-atelier.csv";
const PERSONAS: &str = include_str!("../data/personas-atelier.csv");

/// A group example: the workshop's choices for one kind of group.
#[derive(Clone, Debug, PartialEq)]
pub struct Persona {
    pub id: String,
    pub label_fr: String,
    pub label_en: String,
    pub horizon: Situation,
    pub establishment: Option<String>,
    pub area: Area,
    /// A ROME domain letter (`G`).
    pub domain: Option<String>,
    pub kind: Option<OfferType>,
}

impl Persona {
    pub fn label(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En if !self.label_en.is_empty() => &self.label_en,
            _ => &self.label_fr,
        }
    }
}

/// The group examples of [`PERSONAS_FILE`], with the lines that could not be read (line,
/// field, why): `;`-separated, header `id;libelle_fr;libelle_en;moment;etablissement;lieu;
/// secteur;type`; `moment` is `dedans` or `dehors`, `lieu` `d:69` (département), `r:11`
/// (région) or empty.
pub fn read_personas(text: &str) -> (Vec<Persona>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let n = i.saturating_add(1);
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split(';').map(str::trim).collect();
        let cell = |k: usize| cells.get(k).copied().unwrap_or("");
        let horizon = match cell(3) {
            "dedans" => Situation::Dedans,
            "dehors" => Situation::Dehors,
            other => {
                problems.push(format!(
                    "{PERSONAS_FILE}:{n}: moment « {other} » : écrire dedans ou dehors"
                ));
                continue;
            }
        };
        let area = match cell(5) {
            "" => Area::All,
            v => match (v.strip_prefix("d:"), v.strip_prefix("r:")) {
                (Some(d), _) => Area::Departement(d.to_string()),
                (_, Some(r)) => Area::Region(r.to_string()),
                _ => {
                    problems.push(format!(
                        "{PERSONAS_FILE}:{n}: lieu « {v} » : écrire d:69, r:11 ou rien"
                    ));
                    continue;
                }
            },
        };
        let kind = match cell(7) {
            "" => None,
            v => match OfferType::from_code(v) {
                Some(k) => Some(k),
                None => {
                    problems.push(format!("{PERSONAS_FILE}:{n}: type « {v} » inconnu"));
                    continue;
                }
            },
        };
        if cell(0).is_empty() || cell(1).is_empty() {
            problems.push(format!(
                "{PERSONAS_FILE}:{n}: id et libelle_fr sont obligatoires"
            ));
            continue;
        }
        out.push(Persona {
            id: cell(0).to_string(),
            label_fr: cell(1).to_string(),
            label_en: cell(2).to_string(),
            horizon,
            establishment: Some(cell(4).to_string()).filter(|e| !e.is_empty()),
            area,
            domain: Some(cell(6).to_string()).filter(|d| !d.is_empty()),
            kind,
        });
    }
    (out, problems)
}

/// The bundled group examples.
pub fn personas() -> Vec<Persona> {
    read_personas(PERSONAS).0
}

/// A place filter from the map or the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Area {
    #[default]
    All,
    Region(String),
    Departement(String),
}

/// How the map groups its counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapBy {
    #[default]
    Departements,
    Regions,
}

/// One offer that fits, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub score: u32,
    /// Départements where it takes place (of its establishments, for *dedans*).
    pub departements: Vec<String>,
    /// *Dedans*: the establishments where it fits.
    pub establishments: Vec<String>,
    /// Outside, anywhere in France or at a distance.
    pub anywhere: bool,
}

/// What the core says fits, for the current horizon and sector/type filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub items: Vec<Item>,
    /// Distinct fitting offers per département code.
    pub by_departement: Counts,
    pub anywhere: usize,
    /// *Dedans*: the establishments that have at least one fitting offer.
    pub establishments: Vec<String>,
}

/// Geometry of the map (`data/carte-departements.json`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapData {
    pub view_box: String,
    pub attribution: String,
    pub inset: Inset,
    pub departements: Vec<MapShape>,
}

/// Paris and the petite couronne, enlarged in a corner of the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inset {
    pub codes: Vec<String>,
    /// Top-left corner of the enlarged drawing.
    pub x: f32,
    pub y: f32,
    pub transform: String,
    pub width: f32,
    pub height: f32,
    pub scale: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapShape {
    pub code: String,
    pub d: String,
    /// Where its number is written.
    pub x: f32,
    pub y: f32,
}

fn s(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn f(v: &Value, k: &str) -> f32 {
    v.get(k).and_then(Value::as_f64).unwrap_or_default() as f32
}

impl MapData {
    /// Read `data/carte-departements.json` (through `serde_json::Value`, which the app already
    /// carries, rather than a derived deserialiser).
    pub fn from_json(json: &str) -> Result<MapData, String> {
        let v: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let inset = v.get("inset").ok_or("pas d'encart")?;
        let shapes = v
            .get("departements")
            .and_then(Value::as_array)
            .ok_or("pas de départements")?;
        Ok(MapData {
            view_box: s(&v, "viewBox"),
            attribution: s(&v, "attribution"),
            inset: Inset {
                codes: inset
                    .get("codes")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|c| c.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                x: f(inset, "x"),
                y: f(inset, "y"),
                transform: s(inset, "transform"),
                width: f(inset, "width"),
                height: f(inset, "height"),
                scale: f(inset, "scale"),
            },
            departements: shapes
                .iter()
                .map(|d| MapShape {
                    code: s(d, "code"),
                    d: s(d, "d"),
                    x: f(d, "x"),
                    y: f(d, "y"),
                })
                .collect(),
        })
    }
}

/// Where the map geometry stands.
#[derive(Clone, Debug, Default)]
pub enum MapState {
    #[default]
    NotLoaded,
    Loading,
    Loaded(Rc<MapData>),
    Failed(String),
}

/// The geometry is loaded once and never changed: compared by pointer.
impl PartialEq for MapState {
    fn eq(&self, o: &Self) -> bool {
        match (self, o) {
            (MapState::Loaded(a), MapState::Loaded(b)) => Rc::ptr_eq(a, b),
            (MapState::Failed(a), MapState::Failed(b)) => a == b,
            (MapState::NotLoaded, MapState::NotLoaded) | (MapState::Loading, MapState::Loading) => {
                true
            }
            _ => false,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workshop {
    pub on: bool,
    pub horizon: Situation,
    /// *Dedans*: one establishment, or every establishment of the area.
    pub establishment: Option<String>,
    pub area: Area,
    pub filters: Filters,
    pub map_by: MapBy,
    /// 0: the overview (map and list); `n`: the `n`-th offer of the list.
    pub slide: usize,
    /// Full-screen slides (« Plein écran », key F): the controls hide, a slide fills the
    /// screen in large type; Escape leaves.
    pub present: bool,
    /// The group example last chosen (`data/personas-atelier.csv`), until a filter changes.
    pub persona: Option<String>,
    pub view: Rc<View>,
    pub map: MapState,
    /// The catalogue the view was computed from (recomputed when it changes).
    computed_for: Option<Rc<Vec<Offer>>>,
}

pub enum WorkshopAction {
    Toggle(bool),
    SetHorizon(Situation),
    SetEstablishment(Option<String>),
    SetArea(Area),
    SetKind(Option<OfferType>),
    SetDomain(Option<String>),
    SetMapBy(MapBy),
    Next,
    Previous,
    First,
    Last,
    Show(usize),
    /// Enter or leave the full-screen slides.
    Present(bool),
    /// Apply a group example of `data/personas-atelier.csv` (by id).
    Persona(String),
    MapLoading,
    MapLoaded(String),
    MapFailed(String),
}

impl Workshop {
    /// The offers shown, in order: the view narrowed to the area and establishment; when a
    /// place is chosen, its own offers come before those open anywhere or at a distance.
    pub fn list<'a>(&'a self, refdata: &RefData) -> Vec<&'a Item> {
        let mut list: Vec<&Item> = self
            .view
            .items
            .iter()
            .filter(|i| match &self.establishment {
                Some(e) if self.horizon == Situation::Dedans => i.establishments.contains(e),
                _ => true,
            })
            .filter(|i| match &self.area {
                Area::All => true,
                Area::Departement(d) => i.anywhere || i.departements.contains(d),
                Area::Region(r) => {
                    i.anywhere
                        || i.departements
                            .iter()
                            .any(|d| refdata.region_of(d) == Some(r.as_str()))
                }
            })
            .collect();
        if self.area != Area::All {
            // Stable: the core's order holds within each group.
            relais_core::order::sort_by_key(&mut list, |i| i.anywhere && i.departements.is_empty());
        }
        list
    }

    /// Distinct fitting offers per région code.
    pub fn by_region(&self, refdata: &RefData) -> Counts {
        let mut out = Counts::default();
        for i in &self.view.items {
            let mut regions: Vec<&str> = i
                .departements
                .iter()
                .filter_map(|d| refdata.region_of(d))
                .collect();
            relais_core::order::sort(&mut regions);
            regions.dedup();
            for r in regions {
                out.add(r);
            }
        }
        out
    }

    /// Apply one action; `offers`, `refdata` and `today` are what the core matches against.
    pub fn apply(
        &mut self,
        action: WorkshopAction,
        offers: &Rc<Vec<Offer>>,
        refdata: &RefData,
        today: Date,
    ) {
        let mut recompute = false;
        match action {
            WorkshopAction::Toggle(on) => {
                self.on = on;
                self.slide = 0;
                self.present = false;
                recompute = on;
            }
            WorkshopAction::Present(on) => self.present = on,
            WorkshopAction::Persona(id) => {
                if let Some(p) = personas().into_iter().find(|p| p.id == id) {
                    self.horizon = p.horizon;
                    self.establishment = p.establishment.clone();
                    self.area = p.area.clone();
                    self.filters.kind = p.kind;
                    self.filters.domain = p.domain.clone();
                    self.slide = 0;
                    self.persona = Some(p.id);
                    recompute = true;
                }
            }
            WorkshopAction::SetHorizon(h) => {
                self.persona = None;
                self.horizon = h;
                self.slide = 0;
                recompute = true;
            }
            WorkshopAction::SetEstablishment(e) => {
                self.persona = None;
                self.establishment = e.filter(|e| !e.is_empty());
                self.slide = 0;
            }
            WorkshopAction::SetArea(a) => {
                self.persona = None;
                self.area = a;
                self.slide = 0;
            }
            WorkshopAction::SetKind(k) => {
                self.persona = None;
                self.filters.kind = k;
                self.slide = 0;
                recompute = true;
            }
            WorkshopAction::SetDomain(d) => {
                self.persona = None;
                self.filters.domain = d.filter(|d| !d.is_empty());
                self.slide = 0;
                recompute = true;
            }
            WorkshopAction::SetMapBy(m) => self.map_by = m,
            WorkshopAction::Next => {
                let n = self.list(refdata).len();
                self.slide = (self.slide + 1).min(n);
            }
            WorkshopAction::Previous => self.slide = self.slide.saturating_sub(1),
            WorkshopAction::First => self.slide = 0,
            WorkshopAction::Last => self.slide = self.list(refdata).len(),
            WorkshopAction::Show(n) => self.slide = n.min(self.list(refdata).len()),
            WorkshopAction::MapLoading => self.map = MapState::Loading,
            WorkshopAction::MapLoaded(text) => {
                self.map = match MapData::from_json(&text) {
                    Ok(m) => MapState::Loaded(Rc::new(m)),
                    Err(e) => MapState::Failed(e.to_string()),
                }
            }
            WorkshopAction::MapFailed(e) => self.map = MapState::Failed(e),
        }
        if recompute {
            self.computed_for = None;
        }
        self.refresh(offers, refdata, today);
    }

    /// Recompute the view when the workshop is on and its inputs changed (also called by the
    /// reducer after every action, so that a newly imported catalogue shows at once).
    pub fn refresh(&mut self, offers: &Rc<Vec<Offer>>, refdata: &RefData, today: Date) {
        if !self.on {
            return;
        }
        if self
            .computed_for
            .as_ref()
            .is_some_and(|o| Rc::ptr_eq(o, offers))
        {
            return;
        }
        self.view = Rc::new(compute(self.horizon, &self.filters, offers, refdata, today));
        self.computed_for = Some(offers.clone());
        let n = self.list(refdata).len();
        self.slide = self.slide.min(n);
        if let Some(e) = &self.establishment {
            if !self.view.establishments.contains(e) {
                self.establishment = None;
            }
        }
    }
}

/// The départements where an offer takes place outside (its départements and those of its
/// communes).
fn offer_departements(o: &Offer) -> Vec<String> {
    let mut v: Vec<String> = o.departements().iter().map(|d| d.to_string()).collect();
    for c in o.communes() {
        let d = departement_of_commune(c).to_string();
        if !v.contains(&d) {
            v.push(d);
        }
    }
    v
}

/// The anonymous profile of the workshop: no personal field, only the horizon (and, inside,
/// the establishment).
pub fn anonymous_profile(horizon: Situation, establishment: Option<&str>) -> Profile {
    match horizon {
        Situation::Dedans => Profile {
            situation: Situation::Dedans,
            establishment: establishment.map(str::to_string),
            ..Profile::default()
        },
        Situation::Dehors => Profile {
            situation: Situation::Dehors,
            ..Profile::default()
        },
    }
}

pub fn compute(
    horizon: Situation,
    filters: &Filters,
    offers: &[Offer],
    refdata: &RefData,
    today: Date,
) -> View {
    // One preparation for every anonymous person, and the ranking that builds no finding
    // (only the fits and their scores are shown here), each fit's offer read by its index:
    // with 10,000 offers a search per fit, and a preparation per establishment, made the
    // workshop's view quadratic.
    let prepared = Prepared::new(offers, refdata);
    let rank = |p: &Profile| rank_prepared(p, offers, &prepared, refdata, today);
    let at = |i: u32| offers.get(i as usize);
    let mut items: Vec<Item> = Vec::new();
    match horizon {
        Situation::Dehors => {
            let r = rank(&anonymous_profile(horizon, None));
            for f in &r.now.fits {
                let Some(o) = at(f.offer) else {
                    continue;
                };
                if !passes(o, filters) {
                    continue;
                }
                items.push(Item {
                    id: o.id.to_string(),
                    score: f.score,
                    departements: offer_departements(o),
                    establishments: Vec::new(),
                    anywhere: o.anywhere,
                });
            }
        }
        Situation::Dedans => {
            // Every establishment named by an inside offer: one anonymous person in each.
            let mut named: Vec<&str> = offers
                .iter()
                .filter(|o| o.milieu.inside())
                .flat_map(|o| o.establishments().iter().map(|e| e.as_str()))
                .collect();
            relais_core::order::sort(&mut named);
            named.dedup();
            let mut item_of: HashMap<String, usize> = HashMap::new();
            for est in named {
                let Some(e) = refdata.establishment(est) else {
                    continue;
                };
                let r = rank(&anonymous_profile(horizon, Some(est)));
                for f in &r.now.fits {
                    let Some(o) = at(f.offer) else {
                        continue;
                    };
                    if !passes(o, filters) {
                        continue;
                    }
                    let i = *item_of.entry(o.id.to_string()).or_insert_with(|| {
                        items.push(Item {
                            id: o.id.to_string(),
                            score: 0,
                            departements: Vec::new(),
                            establishments: Vec::new(),
                            anywhere: false,
                        });
                        items.len() - 1
                    });
                    let it = &mut items[i];
                    it.score = it.score.max(f.score);
                    it.establishments.push(est.to_string());
                    if !it.departements.contains(&e.departement) {
                        it.departements.push(e.departement.clone());
                    }
                }
            }
        }
    }
    items.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    let mut by_departement = Counts::default();
    let mut anywhere = 0;
    let mut establishments: Vec<String> = Vec::new();
    for i in &items {
        for d in &i.departements {
            by_departement.add(d);
        }
        if i.anywhere {
            anywhere += 1;
        }
        establishments.extend(i.establishments.iter().cloned());
    }
    relais_core::order::sort(&mut establishments);
    establishments.dedup();
    View {
        items,
        by_departement,
        anywhere,
        establishments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // The app only builds for wasm32: run these through wasm-bindgen-test in the browser step.
    use relais_core::catalogue;
    use relais_core::refdata::SEED_CATALOGUE;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn setup() -> (Rc<Vec<Offer>>, RefData, Date) {
        let rd = RefData::bundled().expect("bundled data");
        let offers = catalogue::load(SEED_CATALOGUE.as_bytes(), "catalogue.csv", &rd).offers;
        let today = relais_core::date::parse("2026-11-23").expect("a date");
        (Rc::new(offers), rd, today)
    }

    fn workshop(offers: &Rc<Vec<Offer>>, rd: &RefData, today: Date) -> Workshop {
        let mut w = Workshop::default();
        w.apply(WorkshopAction::Toggle(true), offers, rd, today);
        w
    }

    #[test]
    fn the_group_examples_are_read_from_data_and_each_shows_offers() {
        let (offers, rd, today) = setup();
        let (list, problems) = read_personas(PERSONAS);
        assert_eq!(problems, Vec::<String>::new());
        assert!(list.len() >= 4, "{list:?}");
        for p in &list {
            if let Some(e) = &p.establishment {
                assert!(rd.establishment(e).is_some(), "{}: {e}", p.id);
            }
            match &p.area {
                Area::Departement(d) => assert!(rd.departement(d).is_some(), "{}: {d}", p.id),
                Area::Region(r) => assert!(rd.region(r).is_some(), "{}: {r}", p.id),
                Area::All => {}
            }
            let mut w = workshop(&offers, &rd, today);
            w.apply(WorkshopAction::Next, &offers, &rd, today);
            w.apply(WorkshopAction::Persona(p.id.clone()), &offers, &rd, today);
            assert_eq!(w.persona.as_deref(), Some(p.id.as_str()));
            assert_eq!(w.slide, 0, "back to the overview");
            assert!(!w.list(&rd).is_empty(), "{}: no offer for this group", p.id);
            // A filter changed by hand: no longer the example.
            w.apply(WorkshopAction::SetKind(None), &offers, &rd, today);
            assert_eq!(w.persona, None);
        }
        // The Rhône and cuisine: after release, in the 69, hotel and catering jobs.
        let rhone = list
            .iter()
            .find(|p| p.label_fr.contains("Rhône"))
            .expect("the Rhône example");
        assert_eq!(rhone.horizon, Situation::Dehors);
        assert_eq!(rhone.area, Area::Departement("69".into()));
        assert_eq!(rhone.domain.as_deref(), Some("G"));
        let (_, bad) = read_personas("id;l;e;m;e;l;s;t\nx;X;;ailleurs;;;;\ny;Y;;dehors;;z:1;;\n");
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(
            bad[0].contains(":2:") && bad[0].contains("ailleurs"),
            "{bad:?}"
        );
    }

    #[test]
    fn full_screen_slides_are_left_with_the_workshop() {
        let (offers, rd, today) = setup();
        let mut w = workshop(&offers, &rd, today);
        w.apply(WorkshopAction::Present(true), &offers, &rd, today);
        assert!(w.present);
        w.apply(WorkshopAction::Toggle(false), &offers, &rd, today);
        assert!(!w.present);
    }

    #[test]
    fn inside_fleury_shows_the_coffee_workshop_and_not_nantes() {
        let (offers, rd, today) = setup();
        let mut w = workshop(&offers, &rd, today);
        w.apply(
            WorkshopAction::SetEstablishment(Some("fleury-merogis".into())),
            &offers,
            &rd,
            today,
        );
        let ids: Vec<&str> = w.list(&rd).iter().map(|i| i.id.as_str()).collect();
        assert!(ids.contains(&"cafe-fleury-aci"), "{ids:?}");
        assert!(ids.contains(&"tmtp-ateliers-detention"), "{ids:?}");
        assert!(!ids.contains(&"ex-nantes-menuiserie-detention"), "{ids:?}");
        // Every offer listed is an inside one.
        for i in w.list(&rd) {
            let o = offers.iter().find(|o| o.id == i.id).expect("offer");
            assert!(o.milieu.inside(), "{}", o.id);
        }
        assert!(w.view.by_departement.get("91") >= 3);
        assert!(w.view.by_departement.get("44") >= 1);
    }

    #[test]
    fn after_release_in_the_rhone_lists_rhone_and_anywhere_offers() {
        let (offers, rd, today) = setup();
        let mut w = workshop(&offers, &rd, today);
        w.apply(
            WorkshopAction::SetHorizon(Situation::Dehors),
            &offers,
            &rd,
            today,
        );
        w.apply(
            WorkshopAction::SetArea(Area::Departement("69".into())),
            &offers,
            &rd,
            today,
        );
        let list = w.list(&rd);
        assert!(!list.is_empty());
        assert!(list.iter().any(|i| i.id == "ex-lyon-traiteur-ei"));
        assert!(
            list.iter().any(|i| i.id == "wake-up-cafe"),
            "anywhere offers stay"
        );
        assert!(list
            .iter()
            .all(|i| i.anywhere || i.departements.contains(&"69".to_string())));
        // TIG hosts take people sentenced to TIG only: an anonymous group is not.
        assert!(!list.iter().any(|i| i.id == "ex-tig-parcs-lyon"));
        let rhone = w.view.by_departement.get("69");
        assert!(rhone >= 1);
        let by_region = w.by_region(&rd);
        assert!(by_region.get("84") >= rhone);
    }

    #[test]
    fn slides_stay_within_the_list_and_filters_go_back_to_the_overview() {
        let (offers, rd, today) = setup();
        let mut w = workshop(&offers, &rd, today);
        let n = w.list(&rd).len();
        assert!(n > 2);
        w.apply(WorkshopAction::Previous, &offers, &rd, today);
        assert_eq!(w.slide, 0);
        w.apply(WorkshopAction::Next, &offers, &rd, today);
        w.apply(WorkshopAction::Next, &offers, &rd, today);
        assert_eq!(w.slide, 2);
        w.apply(WorkshopAction::Last, &offers, &rd, today);
        assert_eq!(w.slide, n);
        w.apply(WorkshopAction::Next, &offers, &rd, today);
        assert_eq!(w.slide, n);
        w.apply(
            WorkshopAction::SetKind(Some(OfferType::Aci)),
            &offers,
            &rd,
            today,
        );
        assert_eq!(w.slide, 0);
        assert!(w.list(&rd).iter().all(|i| offers
            .iter()
            .any(|o| o.id == i.id && o.kind == OfferType::Aci)));
    }

    #[test]
    fn the_bundled_map_reads_with_every_metropolitan_departement() {
        let (_, rd, _) = setup();
        let m = MapData::from_json(include_str!("../data/carte-departements.json")).expect("map");
        assert_eq!(m.departements.len(), 96);
        assert_eq!(m.view_box, "0 0 613 585");
        assert!(m.attribution.contains("CC BY 4.0"));
        assert_eq!(m.inset.codes, ["75", "92", "93", "94"]);
        for s in &m.departements {
            assert!(rd.departement(&s.code).is_some(), "{}", s.code);
            assert!(s.d.starts_with('m') && s.x > 0.0 && s.y > 0.0, "{}", s.code);
        }
        assert!(MapData::from_json("{}").is_err());
    }

    #[test]
    fn the_anonymous_profile_carries_nothing_personal() {
        let p = anonymous_profile(Situation::Dedans, Some("fleury-merogis"));
        assert_eq!(
            p,
            Profile {
                establishment: Some("fleury-merogis".into()),
                ..Profile::default()
            }
        );
        let p = anonymous_profile(Situation::Dehors, None);
        assert!(p.skills.is_empty() && p.banned_places.is_empty() && p.release_date.is_none());
    }
}
