//! The field's reference data: regions, départements, communes, prison establishments, ROME
//! and the vocabulary's French and English labels. The files live in `data/` (see
//! `data/SOURCES.md`); this module only reads them.

use crate::text::{de, key, name_key, slug};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Region {
    pub code: String,
    #[serde(rename = "nom")]
    pub name: String,
    /// The short names people write for it (« IDF », « PACA »), separated by spaces.
    #[serde(default, rename = "sigles")]
    pub abbreviations: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Departement {
    pub code: String,
    #[serde(rename = "nom")]
    pub name: String,
    pub region_code: String,
    /// The chef-lieu (préfecture) commune and its point: where a distance is measured from
    /// when only the département is known.
    #[serde(default)]
    pub cheflieu: String,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
}

impl Departement {
    pub fn point(&self) -> Option<Point> {
        Some(Point {
            lat: self.lat?,
            lon: self.lon?,
        })
    }
}

/// A place on the map, WGS84 degrees.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

impl Point {
    /// Straight-line (great-circle) distance in km.
    pub fn km_to(self, other: Point) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * 6371.0 * h.sqrt().min(1.0).asin()
    }
}

/// What kind of place a commune code names (INSEE's COM, ARM, COMD, COMA).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A current commune.
    #[default]
    Commune,
    /// One of the 45 arrondissements municipaux of Paris, Lyon and Marseille.
    Arrondissement,
    /// A former commune, now a commune déléguée of a commune nouvelle.
    Deleguee,
    /// A former commune, now a commune associée.
    Associee,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Establishment {
    pub id: String,
    /// Readable French name: « Centre pénitentiaire de Fleury-Mérogis ».
    #[serde(rename = "nom")]
    pub name: String,
    /// CP, CD, MA, MC, CSL, EPM.
    #[serde(rename = "type")]
    pub kind: String,
    pub commune: String,
    #[serde(rename = "commune_nom")]
    pub commune_name: String,
    pub departement: String,
    pub disp: String,
    #[serde(default, rename = "libelle_source")]
    pub source_label: String,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

/// A row of `data/communes.csv`: a current commune, an arrondissement municipal, or a former
/// commune (déléguée, associée) with the commune it now belongs to.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Commune {
    pub code: String,
    #[serde(rename = "nom")]
    pub name: String,
    pub departement: String,
    #[serde(default)]
    pub kind: PlaceKind,
    /// For an arrondissement or a former commune: the current commune's code.
    #[serde(default)]
    pub parent: Option<String>,
    /// Its centre; a former commune without one of its own has its parent's.
    #[serde(default)]
    pub point: Option<Point>,
    #[serde(default)]
    pub postal_codes: Vec<String>,
}

impl Commune {
    /// The current commune's code: its parent's for an arrondissement or a former commune.
    pub fn current_code(&self) -> &str {
        self.parent.as_deref().unwrap_or(&self.code)
    }

    /// The code to place an offer at: an arrondissement of Paris, Lyon or Marseille keeps its
    /// own (a ban on Lyon 7e must exclude an offer there, not merely warn), a former commune
    /// becomes the commune it now belongs to.
    pub fn placement_code(&self) -> &str {
        match self.kind {
            PlaceKind::Arrondissement => &self.code,
            _ => self.current_code(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct RomeJob {
    pub code: String,
    #[serde(rename = "libelle")]
    pub label: String,
    #[serde(rename = "domaine")]
    pub domain: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Term {
    pub kind: String,
    pub code: String,
    pub fr: String,
    pub en: String,
    /// Words people write for it (« enfants » for `mineurs`), `|`-separated, without accents.
    #[serde(default, rename = "mots")]
    pub words: String,
}

/// Everything the rules and the messages need to name places and codes.
#[derive(Clone, Debug, Default)]
pub struct RefData {
    pub regions: Vec<Region>,
    pub departements: Vec<Departement>,
    pub establishments: Vec<Establishment>,
    /// May be empty: the browser loads the commune list on demand.
    pub communes: Vec<Commune>,
    pub rome_domains: Vec<(String, String)>,
    pub rome_jobs: Vec<RomeJob>,
    pub vocabulary: Vec<Term>,
    dept_index: HashMap<String, usize>,
    estab_index: HashMap<String, usize>,
    commune_index: HashMap<String, usize>,
    /// Current commune code → its arrondissements and former communes.
    parts_index: HashMap<String, Vec<usize>>,
    /// Postal code → the communes (or arrondissements, former communes) it serves.
    postal_index: HashMap<String, Vec<usize>>,
    /// [`crate::text::name_key`] of each commune's name, parallel to `communes`.
    pub(crate) name_keys: Vec<String>,
    name_index: HashMap<String, Vec<usize>>,
    rome_index: HashMap<String, usize>,
    /// Every prefix of every ROME code (`G`, `G1`, `G18`, `G180`, `G1803`).
    rome_prefixes: std::collections::HashSet<String>,
    term_index: HashMap<String, HashMap<String, usize>>,
}

/// The reference tables' file names, as `data/` and `dist/` hold them (`start.js` fetches the
/// same list for the page).
pub const TABLE_FILES: [&str; 6] = [
    "regions.csv",
    "departements.csv",
    "etablissements.csv",
    "rome_domaines.csv",
    "rome_metiers.csv",
    "vocabulaire.csv",
];

impl RefData {
    /// The reference data from its tables given by file name ([`TABLE_FILES`]): the page and
    /// the reader's worker, each with its own way of getting a file's text.
    pub fn from_tables(text: impl Fn(&str) -> Result<String, String>) -> Result<RefData, String> {
        let [regions, departements, establishments, rome_domains, rome_jobs, vocabulary] =
            TABLE_FILES;
        let (regions, departements) = (text(regions)?, text(departements)?);
        let (establishments, rome_domains) = (text(establishments)?, text(rome_domains)?);
        let (rome_jobs, vocabulary) = (text(rome_jobs)?, text(vocabulary)?);
        RefData::parse(&RefFiles {
            regions: &regions,
            departements: &departements,
            establishments: &establishments,
            rome_domains: &rome_domains,
            rome_jobs: &rome_jobs,
            vocabulary: &vocabulary,
        })
    }
}

/// The reference files as text, so that the app and the command line can embed or fetch them.
pub struct RefFiles<'a> {
    pub regions: &'a str,
    pub departements: &'a str,
    pub establishments: &'a str,
    pub rome_domains: &'a str,
    pub rome_jobs: &'a str,
    pub vocabulary: &'a str,
}

macro_rules! data_file {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $name))
    };
}

/// The bundled reference files (everything but the communes, which weigh 1 MB).
pub const BUNDLED: RefFiles<'static> = RefFiles {
    regions: data_file!("regions.csv"),
    departements: data_file!("departements.csv"),
    establishments: data_file!("etablissements.csv"),
    rome_domains: data_file!("rome_domaines.csv"),
    rome_jobs: data_file!("rome_metiers.csv"),
    vocabulary: data_file!("vocabulaire.csv"),
};

/// The seed catalogue, `data/catalogue.csv`.
pub const SEED_CATALOGUE: &str = data_file!("catalogue.csv");

fn read<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<Vec<T>, String> {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    r.deserialize()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| format!("{name}, ligne {} : {e}", i + 2)))
        .collect()
}

/// The département in a commune code's prefix: `93008` → `93`, `97411` → `974`. No byte
/// slicing of user text: `get` returns the whole code when it is shorter.
pub fn code_prefix_departement(code: &str) -> &str {
    let n = if code.starts_with("97") { 3 } else { 2 };
    code.get(..n).unwrap_or(code)
}

/// `data/communes.csv` (`code,nom,type,parent,dep,lat,lon,cp`, see `data/SOURCES.md`); the
/// former `code,nom,departement` shape reads too.
fn read_communes(text: &str) -> Result<Vec<Commune>, String> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| format!("communes.csv, ligne 1 : {e}"))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(code_i), Some(nom_i)) = (col("code"), col("nom")) else {
        return Err("communes.csv, ligne 1 : colonnes code et nom attendues".into());
    };
    let (type_i, parent_i, lat_i, lon_i, cp_i) = (
        col("type"),
        col("parent"),
        col("lat"),
        col("lon"),
        col("cp"),
    );
    let dep_i = col("dep").or_else(|| col("departement"));
    let mut out = Vec::new();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| format!("communes.csv, ligne {} : {e}", n + 2))?;
        let field = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        let code = field(Some(code_i)).to_string();
        let kind = match field(type_i) {
            "" | "COM" => PlaceKind::Commune,
            "ARM" => PlaceKind::Arrondissement,
            "COMD" => PlaceKind::Deleguee,
            "COMA" => PlaceKind::Associee,
            other => {
                return Err(format!(
                    "communes.csv, ligne {} : type inconnu « {other} »",
                    n + 2
                ))
            }
        };
        let departement = match field(dep_i) {
            "" => code_prefix_departement(&code).to_string(),
            d => d.to_string(),
        };
        let point = match (field(lat_i).parse(), field(lon_i).parse()) {
            (Ok(lat), Ok(lon)) => Some(Point { lat, lon }),
            _ => None,
        };
        out.push(Commune {
            name: field(Some(nom_i)).to_string(),
            departement,
            kind,
            parent: Some(field(parent_i))
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            point,
            postal_codes: field(cp_i).split_whitespace().map(str::to_string).collect(),
            code,
        });
    }
    // A former commune without a point of its own is placed at its parent's.
    let points: HashMap<String, Point> = out
        .iter()
        .filter(|c| c.kind == PlaceKind::Commune)
        .filter_map(|c| Some((c.code.clone(), c.point?)))
        .collect();
    for c in &mut out {
        if c.point.is_none() {
            c.point = c.parent.as_ref().and_then(|p| points.get(p)).copied();
        }
    }
    Ok(out)
}

#[derive(Deserialize)]
struct Domain {
    code: String,
    #[serde(rename = "libelle")]
    label: String,
}

impl RefData {
    /// The reference data bundled with the program. Bundled files are checked by the tests,
    /// so a failure here is a build defect, reported rather than panicking.
    pub fn bundled() -> Result<RefData, String> {
        RefData::parse(&BUNDLED)
    }

    pub fn parse(files: &RefFiles<'_>) -> Result<RefData, String> {
        let mut rd = RefData {
            regions: read("regions.csv", files.regions)?,
            departements: read("departements.csv", files.departements)?,
            establishments: read("etablissements.csv", files.establishments)?,
            rome_domains: read::<Domain>("rome_domaines.csv", files.rome_domains)?
                .into_iter()
                .map(|d| (d.code, d.label))
                .collect(),
            rome_jobs: read("rome_metiers.csv", files.rome_jobs)?,
            vocabulary: read("vocabulaire.csv", files.vocabulary)?,
            ..RefData::default()
        };
        rd.index();
        Ok(rd)
    }

    /// Add the reference geography (`data/communes.csv`, the file the app fetches): communes,
    /// arrondissements, former communes, postal codes and points.
    pub fn add_communes(&mut self, text: &str) -> Result<(), String> {
        self.communes = read_communes(text)?;
        self.index();
        Ok(())
    }

    /// [`RefData::add_communes`] by value: `RefData::bundled()?.with_places(text)?`.
    pub fn with_places(mut self, text: &str) -> Result<RefData, String> {
        self.add_communes(text)?;
        Ok(self)
    }

    fn index(&mut self) {
        self.dept_index = self
            .departements
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code.clone(), i))
            .collect();
        self.estab_index = self
            .establishments
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        self.commune_index = HashMap::with_capacity(self.communes.len());
        self.parts_index = HashMap::new();
        self.postal_index = HashMap::new();
        self.name_index = HashMap::with_capacity(self.communes.len());
        self.name_keys = Vec::with_capacity(self.communes.len());
        for (i, c) in self.communes.iter().enumerate() {
            // A commune déléguée may keep its commune nouvelle's code: the code names the
            // current commune.
            let slot = self.commune_index.entry(c.code.clone()).or_insert(i);
            if c.kind == PlaceKind::Commune {
                *slot = i;
            }
            if let Some(p) = &c.parent {
                self.parts_index.entry(p.clone()).or_default().push(i);
            }
            for cp in &c.postal_codes {
                self.postal_index.entry(cp.clone()).or_default().push(i);
            }
            let k = name_key(&c.name);
            self.name_index.entry(k.clone()).or_default().push(i);
            self.name_keys.push(k);
        }
        self.rome_index = self
            .rome_jobs
            .iter()
            .enumerate()
            .map(|(i, j)| (j.code.clone(), i))
            .collect();
        self.rome_prefixes = self
            .rome_jobs
            .iter()
            .flat_map(|j| {
                (1..=j.code.len())
                    .filter_map(move |n| j.code.get(..n))
                    .map(str::to_string)
            })
            .collect();
        self.term_index = HashMap::new();
        for (i, t) in self.vocabulary.iter().enumerate() {
            self.term_index
                .entry(t.kind.clone())
                .or_default()
                .insert(t.code.clone(), i);
        }
    }

    pub fn departement(&self, code: &str) -> Option<&Departement> {
        self.dept_index
            .get(code)
            .and_then(|&i| self.departements.get(i))
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    pub fn establishment(&self, id: &str) -> Option<&Establishment> {
        self.estab_index
            .get(id)
            .and_then(|&i| self.establishments.get(i))
    }

    /// Is this a place code the reference data knows: a département, or a commune (any
    /// well-formed one while the commune list is not loaded)? A ban on anything else cannot be
    /// compared with an offer's places.
    pub fn knows_place(&self, code: &str) -> bool {
        if crate::model::is_commune_code(code) {
            self.departement(code_prefix_departement(code)).is_some()
                && (self.communes.is_empty() || self.commune(code).is_some())
        } else {
            self.departement(code).is_some()
        }
    }

    /// The commune, arrondissement or former commune with this INSEE code (the current
    /// commune when a commune déléguée shares its code).
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.commune_index
            .get(code)
            .and_then(|&i| self.communes.get(i))
    }

    /// The current commune a code belongs to: itself, or the commune of an arrondissement or
    /// of a former commune.
    pub fn current_commune(&self, code: &str) -> Option<&Commune> {
        let c = self.commune(code)?;
        match &c.parent {
            Some(p) => self.commune(p),
            None => Some(c),
        }
    }

    /// The current commune an arrondissement or a former commune belongs to. Without the
    /// commune list, the arrondissements of Paris, Lyon and Marseille are still known: their
    /// codes are fixed ranges.
    pub fn parent_code(&self, code: &str) -> Option<String> {
        if !self.communes.is_empty() {
            return self
                .commune(code)
                .and_then(|c| c.parent.clone().filter(|p| *p != c.code));
        }
        let n: u32 = code.parse().ok()?;
        let city = match n {
            75101..=75120 => "75056",
            69381..=69389 => "69123",
            13201..=13216 => "13055",
            _ => return None,
        };
        Some(city.to_string())
    }

    /// The arrondissements and former communes of a current commune.
    pub fn parts_of<'a>(&'a self, code: &str) -> impl Iterator<Item = &'a Commune> + 'a {
        self.parts_index
            .get(code)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.communes.get(i))
    }

    /// The one arrondissement of this commune (Paris, Lyon, Marseille) that the postal code
    /// serves: « 75003 » with Paris is Paris 3e. None for a commune without arrondissements or a
    /// postal code that does not tell one.
    pub fn arrondissement_at(&self, commune: &str, postal: &str) -> Option<&Commune> {
        let mut found = self.by_postal_code(postal.trim()).filter(|c| {
            c.kind == PlaceKind::Arrondissement && c.parent.as_deref() == Some(commune)
        });
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// The places a postal code serves.
    pub fn by_postal_code<'a>(&'a self, cp: &str) -> impl Iterator<Item = &'a Commune> + 'a {
        self.postal_index
            .get(cp)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.communes.get(i))
    }

    /// The places whose name has this [`crate::text::name_key`].
    pub fn by_name_key<'a>(&'a self, k: &str) -> impl Iterator<Item = &'a Commune> + 'a {
        self.name_index
            .get(k)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.communes.get(i))
    }

    /// The département of a commune or département code: from the commune list when loaded
    /// (a few former communes moved with their commune nouvelle), else the code's prefix.
    pub fn departement_code_of(&self, code: &str) -> String {
        if !crate::model::is_commune_code(code) {
            return code.to_string();
        }
        match self.commune(code) {
            Some(c) => c.departement.clone(),
            None => code_prefix_departement(code).to_string(),
        }
    }

    /// The point of a commune code (its own, else its parent's).
    pub fn commune_point(&self, code: &str) -> Option<Point> {
        self.commune(code).and_then(|c| c.point)
    }

    /// Find an establishment written by its id, its source label (`CP FLEURY MEROGIS`) or its
    /// readable name.
    pub fn resolve_establishment(&self, written: &str) -> Option<&Establishment> {
        let w = written.trim();
        if let Some(e) = self.establishment(w) {
            return Some(e);
        }
        let s = slug(w);
        self.establishment(&s).or_else(|| {
            self.establishments.iter().find(|e| {
                slug(&e.source_label) == s || slug(&e.name) == s || slug(&e.commune_name) == s
            })
        })
    }

    /// Establishments a name that matches none may mean (« Maison d'arrêt de Nantes », « Fleury »):
    /// those whose town is named in it, or whose name contains it; at most three, for a message.
    pub fn establishment_hints(&self, written: &str) -> Vec<&Establishment> {
        let w = key(written);
        if w.chars().count() < 4 {
            return Vec::new();
        }
        self.establishments
            .iter()
            .filter(|e| {
                let town = key(&e.commune_name);
                (!town.is_empty() && w.contains(&town)) || key(&e.name).contains(&w)
            })
            .take(3)
            .collect()
    }

    /// Normalise a département written loosely: `1` → `01`, `2a` → `2A`, `Loire-Atlantique` → `44`.
    pub fn resolve_departement(&self, written: &str) -> Option<String> {
        let w = written.trim();
        let upper = w.to_ascii_uppercase();
        let padded = if upper.len() == 1 && upper.chars().all(|c| c.is_ascii_digit()) {
            format!("0{upper}")
        } else {
            upper
        };
        if self.departement(&padded).is_some() {
            return Some(padded);
        }
        let k = key(w);
        if let Some(d) = self.departements.iter().find(|d| key(&d.name) == k) {
            return Some(d.code.clone());
        }
        // « 69 - Rhône », « Rhône (69) », « 2A Corse-du-Sud »: a code and its name, as sheets
        // list départements; read only when the two agree.
        let letters = |s: &str| -> String {
            crate::text::fold(s)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect()
        };
        let w = letters(w);
        self.departements
            .iter()
            .find(|d| {
                let (name, code) = (letters(&d.name), d.code.to_ascii_lowercase());
                let short = code.trim_start_matches('0');
                [code.as_str(), short].iter().any(|c| {
                    w.strip_prefix(c).is_some_and(|r| r == name)
                        || w.strip_suffix(c).is_some_and(|r| r == name)
                })
            })
            .map(|d| d.code.clone())
    }

    /// Normalise a commune code (`1053` → `01053`); with the commune list loaded, also a name.
    pub fn resolve_commune(&self, written: &str) -> Option<String> {
        let w = written.trim().to_ascii_uppercase();
        let padded = if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
            format!("0{w}")
        } else {
            w
        };
        let well_formed = padded.len() == 5
            && padded.chars().all(|c| c.is_ascii_alphanumeric())
            && self.departement(code_prefix_departement(&padded)).is_some();
        if self.communes.is_empty() {
            return well_formed.then_some(padded);
        }
        if self.commune(&padded).is_some() {
            return Some(padded);
        }
        let mut named = self.by_name_key(&name_key(written));
        match (named.next(), named.next()) {
            (Some(c), None) => Some(c.code.clone()),
            _ => None,
        }
    }

    /// « Lyon 7e Arrondissement (69387), à Lyon (69123) » for a part of a commune; the
    /// plain [`RefData::place_name`] otherwise.
    pub fn place_name_with_parent(&self, code: &str) -> String {
        match self.commune(code) {
            Some(c) if c.parent.as_deref().is_some_and(|p| p != c.code) => {
                let p = c.parent.as_deref().unwrap_or_default();
                let of = match c.kind {
                    PlaceKind::Arrondissement => {
                        format!("arrondissement {}", de(&self.place_name(p)))
                    }
                    PlaceKind::Associee => format!("commune associée à {}", self.place_name(p)),
                    _ => format!("commune déléguée {}", de(&self.place_name(p))),
                };
                format!("{} ({code}), {of}", c.name)
            }
            _ => self.place_name(code),
        }
    }

    /// What a catalogue check says about a commune code it read, when there is something to
    /// say: a former commune (« 74011 (Annecy-le-Vieux) est une commune déléguée d'Annecy
    /// (74010) … »), or an INSEE code that is also the postal code of other places.
    pub fn commune_code_note(&self, code: &str) -> Option<String> {
        let c = self.commune(code)?;
        if let Some(p) = c.parent.as_deref().filter(|p| *p != c.code) {
            if c.kind != PlaceKind::Arrondissement {
                let what = if c.kind == PlaceKind::Associee {
                    format!("une commune associée à {}", self.place_name(p))
                } else {
                    format!("une commune déléguée {}", de(&self.place_name(p)))
                };
                return Some(format!(
                    "{code} ({}) est {what} : les interdictions de paraître sur cette commune s'appliquent à l'offre",
                    c.name
                ));
            }
        }
        // The trap is the postal code of a Paris, Lyon or Marseille arrondissement (69003,
        // 13001), equal to the INSEE code of a small commune nearby; other coincidences (59350
        // is Lille's INSEE code and a postal code of Saint-André-lez-Lille) are left alone,
        // or every catalogue would warn.
        let others: Vec<String> = self
            .by_postal_code(code)
            .filter(|o| o.code != c.code && o.kind == PlaceKind::Arrondissement)
            .take(3)
            .map(|o| self.place_name(&o.code))
            .collect();
        (!others.is_empty()).then(|| {
            format!(
                "{code} est le code INSEE {} ; c'est aussi le code postal de {} : vérifier que c'est bien le lieu voulu",
                de(&c.name),
                others.join(", ")
            )
        })
    }

    /// « Seine-Saint-Denis (93) », « Bobigny (93008) », or the bare code when unknown.
    pub fn place_name(&self, code: &str) -> String {
        if crate::model::is_commune_code(code) {
            match self.commune(code) {
                Some(c) => format!("{} ({code})", c.name),
                None => format!("la commune {code}"),
            }
        } else {
            match self.departement(code) {
                Some(d) => format!("{} ({code})", d.name),
                None => format!("le département {code}"),
            }
        }
    }

    pub fn region_of(&self, dept: &str) -> Option<&str> {
        self.departement(dept).map(|d| d.region_code.as_str())
    }

    /// The French label of a vocabulary code, or the code itself.
    pub fn label(&self, kind: &str, code: &str) -> String {
        self.term(kind, code)
            .map(|t| t.fr.clone())
            .unwrap_or_else(|| code.replace('_', " "))
    }

    pub fn term(&self, kind: &str, code: &str) -> Option<&Term> {
        self.term_index
            .get(kind)
            .and_then(|m| m.get(code))
            .and_then(|&i| self.vocabulary.get(i))
    }

    pub fn terms<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.vocabulary.iter().filter(move |t| t.kind == kind)
    }

    /// The activities of the vocabulary whose words (`mots` in `data/vocabulaire.csv`) appear in
    /// `text` as whole words, accents and case aside: « enfants » → `mineurs`, « gardiennage ou
    /// taxi » → `securite_privee`, `transport_personnes`.
    pub fn activities_in(&self, text: &str) -> Vec<&Term> {
        let spaced = |t: &str| {
            let words: Vec<String> = crate::text::fold(t)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            format!(" {} ", words.join(" "))
        };
        let text = spaced(text);
        self.terms("activite")
            .filter(|t| {
                t.words
                    .split('|')
                    .filter(|w| !w.trim().is_empty())
                    .any(|w| text.contains(&spaced(w)))
            })
            .collect()
    }

    /// The ROME label of a code or prefix: a job sheet, else its domain.
    pub fn rome_label(&self, code: &str) -> Option<String> {
        if let Some(j) = self
            .rome_index
            .get(code)
            .and_then(|&i| self.rome_jobs.get(i))
        {
            return Some(j.label.clone());
        }
        let domain = code.get(..1)?;
        self.rome_domains
            .iter()
            .find(|(c, _)| c == domain)
            .map(|(_, l)| l.clone())
    }

    /// Is this a ROME code or prefix that exists (`N`, `G18`, `G1803`)?
    pub fn rome_known(&self, code: &str) -> bool {
        let well_formed = code.len() <= 5
            && code.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && code.chars().skip(1).all(|c| c.is_ascii_digit());
        well_formed && (self.rome_jobs.is_empty() || self.rome_prefixes.contains(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_departement_written_with_its_code_and_name_as_sheets_list_them() {
        let rd = RefData::bundled().expect("bundled");
        for (written, code) in [
            ("69 - Rhône", Some("69")),
            ("Rhône (69)", Some("69")),
            ("69 Rhone", Some("69")),
            ("2A - Corse-du-Sud", Some("2A")),
            ("974 – La Réunion", Some("974")),
            ("Seine-Saint-Denis (93)", Some("93")),
            ("1 - Ain", Some("01")),
            ("69 - Isère", None),
            ("69 - 38", None),
            ("Rhône Isère", None),
        ] {
            assert_eq!(
                rd.resolve_departement(written).as_deref(),
                code,
                "{written}"
            );
        }
    }

    #[test]
    fn bundled_data_is_complete() {
        let rd = RefData::bundled().unwrap();
        assert_eq!(rd.regions.len(), 18);
        assert_eq!(rd.departements.len(), 101);
        assert!(rd.establishments.len() >= 180);
        let fleury = rd.establishment("fleury-merogis").unwrap();
        assert_eq!(fleury.name, "Centre pénitentiaire de Fleury-Mérogis");
        assert_eq!(fleury.departement, "91");
        for d in &rd.departements {
            assert!(
                rd.region(&d.region_code).is_some(),
                "{} has no region",
                d.code
            );
        }
        for e in &rd.establishments {
            // Overseas collectivités (975, 986-988) are not among the 101 départements.
            let overseas_collectivity = e.departement.starts_with("98") || e.departement == "975";
            assert!(
                rd.departement(&e.departement).is_some() || overseas_collectivity,
                "{} has no département",
                e.id
            );
        }
        assert_eq!(
            rd.rome_label("G1803").as_deref(),
            Some("Service en restauration")
        );
    }

    #[test]
    fn places_are_written_loosely_in_spreadsheets() {
        let mut rd = RefData::bundled().unwrap();
        assert_eq!(rd.resolve_departement("1").as_deref(), Some("01"));
        assert_eq!(rd.resolve_departement("2a").as_deref(), Some("2A"));
        assert_eq!(
            rd.resolve_departement("loire atlantique").as_deref(),
            Some("44")
        );
        assert_eq!(rd.resolve_departement("99"), None);
        assert_eq!(
            rd.resolve_establishment("CP FLEURY MEROGIS")
                .map(|e| e.id.as_str()),
            Some("fleury-merogis")
        );
        assert_eq!(rd.resolve_commune("93008").as_deref(), Some("93008"));
        rd.add_communes(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/communes.csv"
        )))
        .unwrap();
        assert_eq!(rd.place_name("93008"), "Bobigny (93008)");
        assert_eq!(rd.resolve_commune("Bobigny").as_deref(), Some("93008"));
        assert_eq!(rd.place_name("93"), "Seine-Saint-Denis (93)");
    }
}
