//! What an offer says beyond the columns the rules read: its address, website, fees, access
//! conditions, how to be referred, themes, publics, where it was published. Imports from
//! data·inclusion and LHEO fill them; they travel as the offer's extra columns under the names
//! below (docs/formats.md, « Colonnes complémentaires connues »), so that a CSV export and a
//! re-import keep them, and a counsellor's own catalogue may use them too.

use crate::model::Offer;

/// Postal address as written (« 1 place du Mineur, 57540 Petite-Rosselle »).
pub const ADDRESS: &str = "adresse";
/// The organisation's or the offer's website.
pub const WEBSITE: &str = "site_web";
/// The page where the offer is published (data·inclusion `lien_source`, LHEO `url-action`).
pub const SOURCE_LINK: &str = "lien_source";
/// Fees (data·inclusion `frais` and `frais_precisions`, LHEO price and funding).
pub const FEES: &str = "frais";
/// Who may come and on what conditions (data·inclusion `conditions_acces`, LHEO public text).
pub const ACCESS: &str = "conditions_acces";
/// How to be referred: by whom, how (e-mail, phone, link) and the details.
pub const REFERRAL: &str = "mobilisation";
/// data·inclusion thematiques, `,`-separated codes.
pub const THEMES: &str = "thematiques";
/// data·inclusion publics, `,`-separated codes.
pub const PUBLICS: &str = "publics";
/// More about the publics, as written.
pub const PUBLICS_NOTE: &str = "publics_precisions";
/// How the offer is followed: `en-presentiel`, `a-distance`, or both (`,`-separated).
pub const MODES: &str = "modes_accueil";
/// The organisation's SIRET.
pub const SIRET: &str = "siret";
/// FORMACODE codes of a training (LHEO), `,`-separated.
pub const FORMACODE: &str = "formacode";
/// The data·inclusion structure id a service belongs to (joined with a structures file).
pub const STRUCTURE_ID: &str = "structure_id";
/// The catalogue the offer was read from (set when several catalogues are merged).
pub const SOURCE: &str = "source";

/// Every well-known extra column: a CSV with them has no « colonne inconnue » warning.
pub const KNOWN: &[&str] = &[
    ADDRESS,
    WEBSITE,
    SOURCE_LINK,
    FEES,
    ACCESS,
    REFERRAL,
    THEMES,
    PUBLICS,
    PUBLICS_NOTE,
    MODES,
    SIRET,
    FORMACODE,
    STRUCTURE_ID,
    SOURCE,
];

/// Is this header one of the well-known extra columns (whatever its case or accents)?
pub fn is_known(header: &str) -> bool {
    let k = crate::text::key(header);
    KNOWN.iter().any(|n| crate::text::key(n) == k)
}

/// The value of a well-known extra column, trimmed, when not empty.
pub fn get<'a>(o: &'a Offer, name: &str) -> Option<&'a str> {
    o.extra
        .get(name)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
}

/// The codes of a list column (`thematiques`, `publics`, `modes_accueil`).
pub fn list<'a>(o: &'a Offer, name: &str) -> Vec<&'a str> {
    get(o, name)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Can the offer be followed at a distance, wholly or in part?
pub fn remote(o: &Offer) -> bool {
    list(o, MODES).contains(&"a-distance")
}

/// The data·inclusion publics (schema v1, then v0's `profils`) and how to say them.
pub const PUBLIC_LABELS: &[(&str, &str)] = &[
    ("actifs", "actifs"),
    (
        "beneficiaires-des-minimas-sociaux",
        "bénéficiaires des minimas sociaux",
    ),
    ("demandeurs-emploi", "demandeurs d'emploi"),
    ("etudiants", "étudiants"),
    ("familles", "familles"),
    ("femmes", "femmes"),
    ("jeunes", "jeunes"),
    (
        "personnes-en-situation-de-handicap",
        "personnes en situation de handicap",
    ),
    (
        "personnes-en-situation-durgence",
        "personnes en situation d'urgence",
    ),
    (
        "personnes-en-situation-juridique-specifique",
        "personnes en situation juridique spécifique",
    ),
    ("personnes-exilees", "personnes exilées"),
    ("residents-qpv-frr", "résidents en QPV ou FRR"),
    ("seniors", "séniors"),
    ("tous-publics", "tous publics"),
    // Schema v0 `profils`, still in exports (data/data-inclusion v0-deprecated/profils.json).
    ("adultes", "adultes"),
    ("alternants", "alternants"),
    (
        "beneficiaires-rsa",
        "bénéficiaires du revenu de solidarité active (RSA)",
    ),
    (
        "deficience-visuelle",
        "personnes avec une déficience visuelle",
    ),
    ("demandeurs-demploi", "demandeurs d'emploi"),
    ("familles-enfants", "familles et enfants"),
    ("handicaps-mentaux", "personnes avec un handicap mental"),
    (
        "handicaps-psychiques",
        "personnes avec un handicap psychique",
    ),
    ("jeunes-16-26", "jeunes de 16 à 26 ans"),
    ("locataires", "locataires"),
    (
        "personnes-de-nationalite-etrangere",
        "personnes de nationalité étrangère",
    ),
    (
        "personnes-en-situation-illettrisme",
        "personnes en situation d'illettrisme",
    ),
    ("personnes-handicapees", "personnes handicapées"),
    ("proprietaires", "propriétaires"),
    ("public-langues-etrangeres", "public de langues étrangères"),
    ("retraites", "retraités"),
    ("salaries", "salariés"),
    ("sans-domicile-fixe", "personnes sans domicile fixe"),
    ("seniors-65", "séniors de plus de 65 ans"),
    ("sortants-de-detention", "sortants de détention"),
    ("surdite", "personnes sourdes ou malentendantes"),
    ("victimes", "victimes"),
];

/// Publics that include a person under justice supervision without condition.
pub const FITTING_PUBLICS: &[&str] = &[
    "tous-publics",
    "personnes-en-situation-juridique-specifique",
    // Schema v0 `profils`.
    "sortants-de-detention",
];

/// A public said in words; an unknown code as written.
pub fn public_label(code: &str) -> String {
    PUBLIC_LABELS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.replace('-', " "), |(_, l)| (*l).to_string())
}

/// The matching warning for an offer reserved to other publics: « Public visé : personnes
/// exilées — vérifier que la personne y a accès ». None when no public is given, or one of the
/// given publics takes everyone or people under justice supervision.
pub fn publics_warning(o: &Offer) -> Option<String> {
    let publics = list(o, PUBLICS);
    if publics.is_empty() || publics.iter().any(|p| FITTING_PUBLICS.contains(p)) {
        return None;
    }
    let words: Vec<String> = publics.iter().map(|p| public_label(p)).collect();
    Some(format!(
        "Public visé : {} — vérifier que la personne y a accès.",
        words.join(", ")
    ))
}

/// Does the offer carry this data·inclusion thematique, or one under it? `lecture-ecriture-calcul`
/// takes `lecture-ecriture-calcul--maitriser-le-francais`; case and accents do not count.
pub fn has_theme(o: &Offer, theme: &str) -> bool {
    let wanted = crate::text::fold(theme.trim());
    !wanted.is_empty()
        && list(o, THEMES).iter().any(|t| {
            let t = crate::text::fold(t);
            t == wanted || t.starts_with(&format!("{wanted}--"))
        })
}
