//! Is this an English sentence with a French one left in it? Shared by the core's renderer
//! test and the command line's `--lang en` test (`#[path]`-included).
//!
//! Names are not sentences: before looking, the caller removes the names its data carries
//! (places, establishments, ROME labels, the offers' titles, organisations and skills) and
//! the parts quoted “as written”. What is left must have no French letter (é, à, ç, «…) and
//! no French function word.

/// French words that English never uses, as whole words (after lower-casing and splitting on
/// anything that is not a letter: « l'offre » gives `l` and `offre`).
const FRENCH_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "au",
    "aux",
    "et",
    "est",
    "un",
    "une",
    "dans",
    "pour",
    "avec",
    "sans",
    "ou",
    "l",
    "d",
    "qu",
    "ne",
    "pas",
    "sur",
    "offre",
    "personne",
    "lieu",
    "horaires",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "heures",
    "rayon",
    "au-delà",
    "interdiction",
    "casier",
    "vierge",
    "vérifier",
    "verifier",
    "maintenant",
    "sortie",
    "commence",
    "permanente",
    "secteur",
    "compétences",
    "prérequis",
    "prerequis",
    "mesure",
    "mesures",
    "détention",
    "établissement",
    "département",
];

/// Letters English does not write.
const FRENCH_LETTERS: &str = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»";

/// What is French in `text` once `names` and “quoted” parts are taken out: the letters and
/// words found, empty when none.
pub fn french_in(text: &str, names: &[String]) -> Vec<String> {
    let mut t = text.to_string();
    // Longest first, so that « Lyon 7e Arrondissement » goes before « Lyon ».
    let mut names: Vec<&String> = names.iter().filter(|n| !n.trim().is_empty()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for n in names {
        t = t.replace(n.as_str(), " NAME ");
    }
    // “As written” parts.
    while let (Some(a), Some(b)) = (t.find('“'), t.find('”')) {
        if b < a {
            break;
        }
        t.replace_range(a..b + '”'.len_utf8(), " QUOTED ");
    }
    let mut found: Vec<String> = t
        .chars()
        .filter(|c| FRENCH_LETTERS.contains(*c))
        .map(|c| c.to_string())
        .collect();
    // « n°2 » is French; "no. 2" is not.
    if t.contains('°') {
        found.push("°".into());
    }
    found.extend(
        t.split(|c: char| !c.is_alphabetic() && c != '-')
            .map(|w| w.trim_matches('-').to_lowercase())
            .filter(|w| FRENCH_WORDS.contains(&w.as_str()))
            .map(|w| format!("« {w} »")),
    );
    found
}

#[test]
fn the_detector_sees_french_and_lets_names_through() {
    let names = vec![
        "Lyon".to_string(),
        "Centre pénitentiaire de Fleury-Mérogis".to_string(),
    ];
    assert!(french_in(
        "12 km from Lyon: Centre pénitentiaire de Fleury-Mérogis",
        &names
    )
    .is_empty());
    assert!(!french_in("L'offre a lieu à Lyon.", &names).is_empty());
    assert!(!french_in("Réservée aux habitants de : Lyon", &names).is_empty());
    assert!(!french_in("Permanente : ouverte maintenant", &names).is_empty());
    assert!(french_in("Hours “le soir” unknown", &names).is_empty());
    assert!(!french_in("bulletin n°2", &names).is_empty());
}
