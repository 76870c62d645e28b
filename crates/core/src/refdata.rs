//! The field's reference data: regions, départements, communes, prison establishments, ROME
//! and the vocabulary's French and English labels. The files live in `data/` (see
//! `data/SOURCES.md`); this module only reads them.

#![allow(clippy::indexing_slicing, clippy::string_slice)] // TODO(issue 10): rewrite without indexing (places engineer)
use crate::text::{fold, key, slug};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Region {
    pub code: String,
    pub nom: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Departement {
    pub code: String,
    pub nom: String,
    pub region_code: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Establishment {
    pub id: String,
    /// Readable French name: « Centre pénitentiaire de Fleury-Mérogis ».
    pub nom: String,
    /// CP, CD, MA, MC, CSL, EPM.
    #[serde(rename = "type")]
    pub kind: String,
    pub commune: String,
    pub commune_nom: String,
    pub departement: String,
    pub disp: String,
    #[serde(default)]
    pub libelle_source: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Commune {
    pub code: String,
    pub nom: String,
    pub departement: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct RomeJob {
    pub code: String,
    pub libelle: String,
    pub domaine: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Term {
    pub kind: String,
    pub code: String,
    pub fr: String,
    pub en: String,
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
    rome_index: HashMap<String, usize>,
    /// Every prefix of every ROME code (`G`, `G1`, `G18`, `G180`, `G1803`).
    rome_prefixes: std::collections::HashSet<String>,
    term_index: HashMap<String, HashMap<String, usize>>,
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

#[derive(Deserialize)]
struct Domain {
    code: String,
    libelle: String,
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
                .map(|d| (d.code, d.libelle))
                .collect(),
            rome_jobs: read("rome_metiers.csv", files.rome_jobs)?,
            vocabulary: read("vocabulaire.csv", files.vocabulary)?,
            ..RefData::default()
        };
        rd.index();
        Ok(rd)
    }

    /// Add the commune list (`data/communes.csv`).
    pub fn add_communes(&mut self, text: &str) -> Result<(), String> {
        self.communes = read("communes.csv", text)?;
        self.index();
        Ok(())
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
        self.commune_index = self
            .communes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), i))
            .collect();
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
        self.dept_index.get(code).map(|&i| &self.departements[i])
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    pub fn establishment(&self, id: &str) -> Option<&Establishment> {
        self.estab_index.get(id).map(|&i| &self.establishments[i])
    }

    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.commune_index.get(code).map(|&i| &self.communes[i])
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
                slug(&e.libelle_source) == s || slug(&e.nom) == s || slug(&e.commune_nom) == s
            })
        })
    }

    /// Normalise a département written loosely: `1` → `01`, `2a` → `2A`, `Loire-Atlantique` → `44`.
    pub fn resolve_departement(&self, written: &str) -> Option<String> {
        let w = written.trim();
        let upper = w.to_uppercase();
        let padded = if upper.len() == 1 && upper.chars().all(|c| c.is_ascii_digit()) {
            format!("0{upper}")
        } else {
            upper
        };
        if self.departement(&padded).is_some() {
            return Some(padded);
        }
        let k = key(w);
        self.departements
            .iter()
            .find(|d| key(&d.nom) == k)
            .map(|d| d.code.clone())
    }

    /// Normalise a commune code (`1053` → `01053`); with the commune list loaded, also a name.
    pub fn resolve_commune(&self, written: &str) -> Option<String> {
        let w = written.trim().to_uppercase();
        let padded = if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
            format!("0{w}")
        } else {
            w
        };
        let well_formed = padded.len() == 5
            && padded.chars().all(|c| c.is_ascii_alphanumeric())
            && self
                .departement(crate::model::departement_of_commune(&padded))
                .is_some();
        if self.communes.is_empty() {
            return well_formed.then_some(padded);
        }
        if self.commune(&padded).is_some() {
            return Some(padded);
        }
        let f = fold(written);
        let mut named = self.communes.iter().filter(|c| fold(&c.nom) == f);
        match (named.next(), named.next()) {
            (Some(c), None) => Some(c.code.clone()),
            _ => None,
        }
    }

    /// « Seine-Saint-Denis (93) », « Bobigny (93008) », or the bare code when unknown.
    pub fn place_name(&self, code: &str) -> String {
        if crate::model::is_commune_code(code) {
            match self.commune(code) {
                Some(c) => format!("{} ({code})", c.nom),
                None => format!("la commune {code}"),
            }
        } else {
            match self.departement(code) {
                Some(d) => format!("{} ({code})", d.nom),
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
            .map(|&i| &self.vocabulary[i])
    }

    pub fn terms<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.vocabulary.iter().filter(move |t| t.kind == kind)
    }

    /// The ROME label of a code or prefix: a job sheet, else its domain.
    pub fn rome_label(&self, code: &str) -> Option<String> {
        if let Some(&i) = self.rome_index.get(code) {
            return Some(self.rome_jobs[i].libelle.clone());
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
    fn bundled_data_is_complete() {
        let rd = RefData::bundled().unwrap();
        assert_eq!(rd.regions.len(), 18);
        assert_eq!(rd.departements.len(), 101);
        assert!(rd.establishments.len() >= 180);
        let fleury = rd.establishment("fleury-merogis").unwrap();
        assert_eq!(fleury.nom, "Centre pénitentiaire de Fleury-Mérogis");
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
