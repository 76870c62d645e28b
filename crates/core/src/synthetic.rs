//! Synthetic catalogues of any size, for the benchmarks (native and in the browser). The rows
//! are built from the real reference data and vary every field the rules and the score read,
//! so that timing covers every path; they are deterministic for a given size.

// Indexes are taken modulo each fixed table's length (`next(m)` < m): no input reaches here.
#![allow(clippy::indexing_slicing)]
use crate::refdata::RefData;

const TYPES: [&str; 8] = [
    "formation",
    "atelier",
    "aci",
    "ei",
    "etti",
    "tig",
    "emploi",
    "accompagnement",
];
const MILIEUX: [&str; 3] = ["dedans", "dehors", "dedans_dehors"];
const SKILLS: [&str; 10] = [
    "cuisine",
    "manutention",
    "informatique",
    "peinture",
    "vente",
    "espaces verts",
    "nettoyage",
    "soudure",
    "service en salle",
    "cariste",
];
const SECTORS: [&str; 8] = [
    "G1602", "G1803", "N1103", "F1703", "A1203", "M1805", "K2204", "H2913",
];
const MEASURES: [&str; 5] = [
    "",
    "tig",
    "semi_liberte,placement_exterieur",
    "ddse,sursis_probatoire",
    "",
];
const HOURS: [&str; 5] = [
    "lun-ven 08:30-16:30",
    "",
    "mar-sam 18:00-23:30",
    "Mo-Fr 09:00-12:00,14:00-17:00",
    "sam 09:00-12:00",
];
const REGULATED: [&str; 4] = ["", "mineurs", "", "securite_privee"];
const RECORDS: [&str; 5] = ["", "b2", "b3", "", "b2_vierge"];

/// A `;`-separated catalogue of `n` offers in the FORMATS.md format.
pub fn catalogue_csv(n: usize, refdata: &RefData) -> String {
    let mut out = String::from("id;organisation;titre;type;milieu;etablissements;departements;communes;secteurs;competences;mesures;horaires;activites_reglementees;casier;prerequis;debut;fin;places;date_maj;suite;contact;description\n");
    let estabs: Vec<&str> = refdata
        .establishments
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    let depts: Vec<&str> = refdata
        .departements
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |m: usize| {
        // xorshift: deterministic, dependency-free.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m.max(1) as u64) as usize
    };
    for i in 0..n {
        let milieu = MILIEUX[next(3)];
        let estab = if milieu != "dehors" && !estabs.is_empty() {
            estabs[next(estabs.len())]
        } else {
            ""
        };
        let dept = if milieu != "dedans" && !depts.is_empty() {
            if next(20) == 0 {
                "*".to_string()
            } else {
                format!("{},{}", depts[next(depts.len())], depts[next(depts.len())])
            }
        } else {
            String::new()
        };
        let suite = if i > 0 && next(10) == 0 {
            format!("o{}", next(i))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "o{i};Organisation {};Offre {i};{};{milieu};{estab};{dept};;{};{},{};{};{};{};{};;{};{};{};2026-{:02}-01;{suite};;\n",
            i % 97,
            TYPES[next(8)],
            SECTORS[next(8)],
            SKILLS[next(10)],
            SKILLS[next(10)],
            MEASURES[next(5)],
            HOURS[next(5)],
            REGULATED[next(4)],
            RECORDS[next(5)],
            if next(3) == 0 { "2027-01-15" } else { "" },
            if next(4) == 0 { "2027-12-31" } else { "" },
            next(30),
            1 + next(11),
        ));
    }
    out
}
