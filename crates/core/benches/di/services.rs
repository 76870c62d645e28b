//! A national-sized data·inclusion services file in the shape of the real v1 records, as
//! `scripts/gen-di-services.py` writes it (one line, about 1.4 KB a service: a Markdown
//! description, lists of codes, an address, a point), each service at a real commune of the
//! reference geography. Shared by the criterion benchmark (`benches/matching.rs`) and the
//! browser benchmark (`crates/bench-wasm`), so that native and wasm read the same text.

use relais_core::refdata::{PlaceKind, RefData};

/// What each service says besides its ids and place: the same text for all (a real export's
/// services differ in their words, not in their shape).
const DESCRIPTION: &str = "### Objectif de la formation\n\n- Favoriser l'insertion professionnelle des personnes qui sortent de détention ou suivent une mesure en milieu ouvert.\n- Attestation de suivi ; validation possible selon le cas (CléA).\n\n### Contenu\n\nLa formation porte sur trois axes :\n- le français à l'écrit et à l'oral (comprendre, parler, lire et écrire) ;\n- les savoirs de base du numérique (messagerie, démarches en ligne, sécurité) ;\n- la préparation d'une candidature (CV, lettre, entretien, simulation).\nElle est assurée par des formateurs en Français Langue Étrangère et des conseillers en insertion, en petits groupes de 8 à 12 personnes, « à son rythme ».";

/// `n` services as one JSON list on one line.
pub fn services_json(n: usize, refdata: &RefData) -> String {
    let communes: Vec<_> = refdata
        .communes
        .iter()
        .filter(|c| c.kind == PlaceKind::Commune && !c.postal_codes.is_empty())
        .collect();
    let description = quote(DESCRIPTION);
    let mut out = String::with_capacity(n.saturating_mul(1_500));
    out.push('[');
    for i in 0..n {
        if i > 0 {
            out.push_str(", ");
        }
        // A fixed walk through the communes (deterministic, spread over France).
        let Some(c) = communes.get(i.wrapping_mul(7_919) % communes.len().max(1)) else {
            break;
        };
        let name = quote(&c.name);
        let postal = c.postal_codes.first().map_or("", String::as_str);
        let (lon, lat) = c.point.map_or((2.35, 48.85), |p| (p.lon, p.lat));
        let dept = c.departement.as_str();
        let kind = ["formation", "accompagnement", "atelier"][i % 3];
        out.push_str(&format!(
            r#"{{"source": "gen", "structure_id": "gen--s{s}", "id": "gen--{i}", "nom": "Parcours d'insertion {i}", "description": {description}, "date_maj": "2026-01-14", "type": "{kind}", "thematiques": ["lecture-ecriture-calcul--maitriser-le-francais", "numerique--realiser-des-demarches-administratives-avec-un-accompagnement"], "frais": null, "publics": ["personnes-en-situation-juridique-specifique", "personnes-exilees"], "conditions_acces": "Etre orienté par un conseiller du SPIP ou de France Travail.", "commune": {name}, "code_postal": "{postal}", "code_insee": "{code}", "adresse": "1 place de la Mairie", "longitude": {lon}, "latitude": {lat}, "telephone": "01 00 00 00 00", "courriel": "contact@exemple.invalid", "modes_accueil": ["en-presentiel"], "zone_eligibilite": ["{dept}"], "modes_mobilisation": ["envoyer-un-courriel", "telephoner"], "mobilisable_par": ["professionnels"], "score_qualite": 0.9}}"#,
            s = i / 3,
            code = c.code,
        ));
    }
    out.push(']');
    out
}

/// A JSON string (no dependency: the browser benchmark's crate has no serde_json).
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
