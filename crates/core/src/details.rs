//! What an offer says beyond the columns the rules read: its address, website, fees, access
//! conditions, how to be referred, themes, publics, where it was published. Imports from
//! data·inclusion and LHEO fill them; they travel as the offer's extra columns under the names
//! below (docs/formats.md, « Colonnes complémentaires connues »), so that a CSV export and a
//! re-import keep them, and a counsellor's own catalogue may use them too.

use crate::lang::Lang;
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

/// The data·inclusion publics (schema v1, then v0's `profils`) and how to say them, in French
/// and in English.
pub const PUBLIC_LABELS: &[(&str, &str, &str)] = &[
    ("actifs", "actifs", "people in work"),
    (
        "beneficiaires-des-minimas-sociaux",
        "bénéficiaires des minimas sociaux",
        "people on minimum social benefits",
    ),
    ("demandeurs-emploi", "demandeurs d'emploi", "jobseekers"),
    ("etudiants", "étudiants", "students"),
    ("familles", "familles", "families"),
    ("femmes", "femmes", "women"),
    ("jeunes", "jeunes", "young people"),
    (
        "personnes-en-situation-de-handicap",
        "personnes en situation de handicap",
        "people with disabilities",
    ),
    (
        "personnes-en-situation-durgence",
        "personnes en situation d'urgence",
        "people in an emergency",
    ),
    (
        "personnes-en-situation-juridique-specifique",
        "personnes en situation juridique spécifique",
        "people in a specific legal situation",
    ),
    ("personnes-exilees", "personnes exilées", "exiles"),
    (
        "residents-qpv-frr",
        "résidents en QPV ou FRR",
        "residents of priority urban or rural areas (QPV, FRR)",
    ),
    ("seniors", "séniors", "older people"),
    ("tous-publics", "tous publics", "everyone"),
    // Schema v0 `profils`, still in exports (data/data-inclusion v0-deprecated/profils.json).
    ("adultes", "adultes", "adults"),
    ("alternants", "alternants", "work-study students"),
    (
        "beneficiaires-rsa",
        "bénéficiaires du revenu de solidarité active (RSA)",
        "people on the active solidarity income (RSA)",
    ),
    (
        "deficience-visuelle",
        "personnes avec une déficience visuelle",
        "people with a visual impairment",
    ),
    ("demandeurs-demploi", "demandeurs d'emploi", "jobseekers"),
    (
        "familles-enfants",
        "familles et enfants",
        "families and children",
    ),
    (
        "handicaps-mentaux",
        "personnes avec un handicap mental",
        "people with an intellectual disability",
    ),
    (
        "handicaps-psychiques",
        "personnes avec un handicap psychique",
        "people with a mental health condition",
    ),
    (
        "jeunes-16-26",
        "jeunes de 16 à 26 ans",
        "young people aged 16 to 26",
    ),
    ("locataires", "locataires", "tenants"),
    (
        "personnes-de-nationalite-etrangere",
        "personnes de nationalité étrangère",
        "foreign nationals",
    ),
    (
        "personnes-en-situation-illettrisme",
        "personnes en situation d'illettrisme",
        "people who cannot read or write well",
    ),
    (
        "personnes-handicapees",
        "personnes handicapées",
        "disabled people",
    ),
    ("proprietaires", "propriétaires", "home owners"),
    (
        "public-langues-etrangeres",
        "public de langues étrangères",
        "speakers of other languages",
    ),
    ("retraites", "retraités", "retired people"),
    ("salaries", "salariés", "employees"),
    (
        "sans-domicile-fixe",
        "personnes sans domicile fixe",
        "homeless people",
    ),
    ("seniors-65", "séniors de plus de 65 ans", "people over 65"),
    (
        "sortants-de-detention",
        "sortants de détention",
        "people leaving prison",
    ),
    (
        "surdite",
        "personnes sourdes ou malentendantes",
        "deaf or hard-of-hearing people",
    ),
    ("victimes", "victimes", "victims"),
];

/// Publics that include a person under justice supervision without condition.
pub const FITTING_PUBLICS: &[&str] = &[
    "tous-publics",
    "personnes-en-situation-juridique-specifique",
    // Schema v0 `profils`.
    "sortants-de-detention",
];

/// A public said in words; an unknown code as written.
pub fn public_label(code: &str, lang: Lang) -> String {
    PUBLIC_LABELS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or_else(
            || code.replace('-', " "),
            |(_, fr, en)| match lang {
                Lang::Fr => (*fr).to_string(),
                Lang::En => (*en).to_string(),
            },
        )
}

/// The publics (codes) of an offer reserved to others (« personnes exilées »), for the
/// matching's `public` warning. None when no public is given, or one of the given publics
/// takes everyone or people under justice supervision.
pub fn publics_not_fitting(o: &Offer) -> Option<Vec<String>> {
    let publics = list(o, PUBLICS);
    if publics.is_empty() || publics.iter().any(|p| FITTING_PUBLICS.contains(p)) {
        return None;
    }
    Some(publics.iter().map(|p| p.to_string()).collect())
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
