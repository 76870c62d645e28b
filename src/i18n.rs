//! Every string of the interface, in French (first) and English. The core's sentences (reasons,
//! warnings, exclusions, file errors) stay French: they are what a counsellor reads aloud.
//!
//! Templates take their arguments in order at each `{}`.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

pub const FR: &[(&str, &str)] = &[
    ("action.add", "Ajouter"),
    ("app.tagline", "Orientation dedans–dehors des personnes placées sous main de justice"),
    ("app.title", "Relais — orientation dedans–dehors"),
    ("chip.remove", "Retirer {}"),
    ("curfew.ddse", "DDSE"),
    ("curfew.none", "Effacer les horaires"),
    ("curfew.semi_liberte", "Semi-liberté"),
    ("error.curfew", "Horaires illisibles : {}. Tant qu'ils le restent, chaque offre dehors le signale « à vérifier »."),
    ("error.departement", "Département inconnu : « {} ». Choisissez un département dans la liste."),
    ("error.download", "Le navigateur n'a pas pu enregistrer le fichier : {}"),
    ("error.establishment", "« {} » ne correspond à aucun établissement connu : choisissez dans la liste. Sans établissement, aucune offre en détention ne peut être proposée."),
    ("error.place", "« {} » n'est ni un département ni une commune connus : écrivez un code (93, 93008) ou choisissez dans la liste."),
    ("error.place_ambiguous", "Plusieurs communes s'appellent « {} » : choisissez dans la liste ou écrivez le code ({})."),
    ("error.profile_file", "Ce fichier ne peut pas être ouvert comme profil :"),
    ("error.profile_kept", "Le profil affiché n'a pas changé."),
    ("error.release_past", "Cette date ({}) est déjà passée : vérifiez-la."),
    ("error.sector", "« {} » n'est pas un code ROME connu : écrivez une lettre (G), trois caractères (G18) ou cinq (G1803)."),
    ("factor.continuation", "Continuité"),
    ("factor.obligations", "Obligation"),
    ("factor.place", "Lieu"),
    ("factor.sectors", "Secteur"),
    ("factor.skills", "Compétences"),
    ("factor.timing", "Calendrier"),
    ("field.banned_activities", "Interdictions d'exercer"),
    ("field.banned_places", "Interdictions de paraître"),
    ("field.curfew", "Horaires d'assignation"),
    ("field.curfew_presets", "Horaires habituels"),
    ("field.establishment", "Établissement pénitentiaire"),
    ("field.has", "Ce que la personne a déjà"),
    ("field.measures", "Mesures en cours ou prévues"),
    ("field.not_known", "— Non renseigné —"),
    ("field.obligations", "Obligations"),
    ("field.record_b2", "Le bulletin n°2 du casier judiciaire porte-t-il une mention ?"),
    ("field.record_b3", "Le bulletin n°3 porte-t-il une mention ?"),
    ("field.release_date", "Date de libération prévisible"),
    ("field.release_departement", "Département de vie à la sortie"),
    ("field.residence_departement", "Département de résidence"),
    ("field.sectors", "Secteurs recherchés (codes ROME)"),
    ("field.situation", "Où est la personne aujourd'hui ?"),
    ("field.skills", "Compétences et envies"),
    ("field.understood", "Compris : {}"),
    ("filter.all_sectors", "Tous les secteurs"),
    ("filter.all_types", "Tous les types"),
    ("filter.label", "Filtrer les résultats"),
    ("filter.sector", "Secteur"),
    ("filter.type", "Type d'offre"),
    ("footer.privacy", "Rien ne quitte ce navigateur : aucun envoi, aucune mesure d'audience, rien n'est conservé. Profils et fiches ne sont enregistrés que dans les fichiers que vous choisissez de télécharger."),
    ("group.justice", "Décisions de justice"),
    ("group.project", "Projet et acquis"),
    ("group.situation", "Situation"),
    ("help.banned_activities", "Les offres qui relèvent d'une activité interdite sont écartées."),
    ("help.banned_places", "Département ou commune, par nom ou par code (93, Seine-Saint-Denis, 93008, Bobigny), puis Entrée."),
    ("help.banned_places_codes_only", "Liste des communes indisponible : écrivez les communes par leur code INSEE (93008), les départements par code ou par nom."),
    ("help.curfew", "Heures où la personne doit être chez elle (DDSE) ou rentrée à l'établissement (semi-liberté). Par exemple : lun-ven 20:00-07:00; sam-dim 18:00-08:00."),
    ("help.establishment", "Tapez une partie du nom ou de la ville, puis choisissez dans la liste."),
    ("help.has", "Les prérequis qui manquent sont signalés « à vérifier » ; ils n'écartent pas l'offre."),
    ("help.measures", "Dedans, la semi-liberté ou le placement à l'extérieur ouvrent aussi les offres dehors du département de l'établissement."),
    ("help.measures_dehors", "Certaines offres n'acceptent que certaines mesures (TIG, sursis probatoire…) : sans mesure cochée, la personne compte comme « sans mesure en cours »."),
    ("help.obligations", "Une offre qui répond à une obligation de travail ou de formation passe devant."),
    ("help.record_b2", "Lu par certains employeurs et administrations (sécurité, petite enfance, fonction publique…)."),
    ("help.record_b3", "Un employeur peut demander le bulletin n°3 au candidat."),
    ("help.release_date", "Les offres qui se terminent avant cette date sont écartées après la sortie."),
    ("help.release_departement", "Où la personne vivra après sa libération : les offres proches passent devant."),
    ("help.residence_departement", "Où la personne vit : les offres proches passent devant."),
    ("help.sectors", "Une lettre (G), trois caractères (G18) ou un code métier (G1803) ; ou choisissez dans la liste."),
    ("help.sheet_name", "Laissé vide, la fiche ne porte ni nom ni identifiant."),
    ("help.sheet_note", "Prochaines étapes, rendez-vous, pièces à préparer… La note est imprimée avec la fiche."),
    ("help.situation", "Dedans : détenue dans un établissement pénitentiaire. Dehors : suivie par le SPIP en milieu ouvert."),
    ("help.skills", "En mots de tous les jours (cuisine, manutention, informatique…), puis Entrée."),
    ("lang.switch", "English"),
    ("nav.label", "Profil et langue"),
    ("nav.skip_to_results", "Aller aux résultats"),
    ("notice.catalogue", "Le catalogue intégré signale {} remarque(s), dont {} erreur(s) — détail"),
    ("notice.communes_failed", "La liste des communes n'a pas pu être chargée : les communes restent utilisables par leur code INSEE."),
    ("offer.add_to_sheet", "Ajouter à la fiche"),
    ("offer.contact", "Contact :"),
    ("offer.more", "Description et contact"),
    ("offer.reasons", "Pourquoi"),
    ("offer.score", "Score"),
    ("offer.score_help", "Score sur 100 : la somme des points listés sous « Pourquoi »"),
    ("offer.suite", "Suite dehors"),
    ("offer.warnings", "À vérifier"),
    ("offer.when", "Quand"),
    ("offer.where", "Où"),
    ("profile.intro", "Les résultats suivent chaque changement, sans bouton à valider."),
    ("profile.open", "Ouvrir un profil…"),
    ("profile.reset", "Nouveau profil (vide)"),
    ("profile.save", "Enregistrer le profil"),
    ("profile.title", "Profil de la personne"),
    ("record.no", "Non"),
    ("record.unknown", "Je ne sais pas"),
    ("record.yes", "Oui"),
    ("results.after", "Après la sortie"),
    ("results.after_intro", "Offres dehors encore ouvertes à la date de libération ; les plus proches du lieu de vie passent devant."),
    ("results.excluded", "Écartées : {} — pourquoi"),
    ("results.filtered", "filtres actifs"),
    ("results.jump", "Aller à"),
    ("results.none", "Aucune offre ne convient avec ce profil et ces filtres. Les offres écartées et leurs raisons sont ci-dessous."),
    ("results.now", "Maintenant"),
    ("results.now_intro", "Ce que la personne peut suivre dès aujourd'hui, du meilleur score au moins bon."),
    ("results.summary_after", "Après la sortie — possibles : {}, écartées : {}"),
    ("results.summary_now", "Maintenant — possibles : {}, écartées : {}"),
    ("results.title", "Offres pour ce profil"),
    ("results.to_sheet", "Fiche d'orientation ({})"),
    ("sheet.after_release", "À envisager après la sortie."),
    ("sheet.clear", "Vider la fiche"),
    ("sheet.date", "Établie le {}"),
    ("sheet.empty", "Cochez « Ajouter à la fiche » sur une offre pour la placer ici."),
    ("sheet.footer", "Établie avec Relais. Informations à confirmer auprès de chaque structure avant toute démarche."),
    ("sheet.name", "Nom de la personne (facultatif)"),
    ("sheet.no_longer_fits", "Ne convient plus avec le profil actuel :"),
    ("sheet.note", "Note"),
    ("sheet.person", "Personne :"),
    ("sheet.print", "Imprimer"),
    ("sheet.remove", "Retirer de la fiche"),
    ("sheet.remove_named", "Retirer « {} » de la fiche"),
    ("sheet.save", "Enregistrer la fiche"),
    ("sheet.title", "Fiche d'orientation"),
    ("status.opened", "Profil ouvert. La fiche d'orientation repart de zéro."),
    ("status.reset", "Nouveau profil vide : le profil et la fiche précédents ont été effacés de l'écran."),
    ("when.checked", "Vérifiée le {}"),
    ("when.from", "À partir du {}"),
    ("when.from_to", "Du {} au {}"),
    ("when.no_hours", "Horaires non précisés"),
    ("when.permanent", "Permanente"),
    ("when.seats", "Places : {}"),
    ("when.until", "Jusqu'au {}"),
    ("where.anywhere", "Partout ou à distance"),
    ("where.inside", "En détention : {}"),
    ("where.outside", "Dehors : {}"),
    ("where.unknown", "Lieu non précisé"),
];

pub const EN: &[(&str, &str)] = &[
    ("action.add", "Add"),
    ("app.tagline", "Inside–outside guidance for people under justice supervision"),
    ("app.title", "Relais — inside–outside guidance"),
    ("chip.remove", "Remove {}"),
    ("curfew.ddse", "DDSE"),
    ("curfew.none", "Clear the hours"),
    ("curfew.semi_liberte", "Semi-liberté"),
    ("error.curfew", "Unreadable hours: {}. Until they are fixed, every outside offer flags them as « to check »."),
    ("error.departement", "Unknown département: « {} ». Choose a département from the list."),
    ("error.download", "The browser could not save the file: {}"),
    ("error.establishment", "« {} » matches no known establishment: choose one from the list. Without an establishment, no offer in detention can be suggested."),
    ("error.place", "« {} » is neither a known département nor a known commune: type a code (93, 93008) or choose from the list."),
    ("error.place_ambiguous", "Several communes are called « {} »: choose from the list or type the code ({})."),
    ("error.profile_file", "This file cannot be opened as a profile:"),
    ("error.profile_kept", "The profile on screen has not changed."),
    ("error.release_past", "This date ({}) has already passed: please check it."),
    ("error.sector", "« {} » is not a known ROME code: type a letter (G), three characters (G18) or five (G1803)."),
    ("factor.continuation", "Continuity"),
    ("factor.obligations", "Obligation"),
    ("factor.place", "Place"),
    ("factor.sectors", "Sector"),
    ("factor.skills", "Skills"),
    ("factor.timing", "Timing"),
    ("field.banned_activities", "Interdictions d'exercer (banned activities)"),
    ("field.banned_places", "Interdictions de paraître (banned places)"),
    ("field.curfew", "Curfew hours"),
    ("field.curfew_presets", "Usual hours"),
    ("field.establishment", "Prison establishment"),
    ("field.has", "What the person already has"),
    ("field.measures", "Current or planned measures"),
    ("field.not_known", "— Not known —"),
    ("field.obligations", "Obligations"),
    ("field.record_b2", "Does criminal record bulletin n°2 carry a conviction?"),
    ("field.record_b3", "Does bulletin n°3 carry a conviction?"),
    ("field.release_date", "Planned release date"),
    ("field.release_departement", "Département of residence after release"),
    ("field.residence_departement", "Département of residence"),
    ("field.sectors", "Sectors sought (ROME codes)"),
    ("field.situation", "Where is the person today?"),
    ("field.skills", "Skills and interests"),
    ("field.understood", "Understood: {}"),
    ("filter.all_sectors", "All sectors"),
    ("filter.all_types", "All types"),
    ("filter.label", "Filter the results"),
    ("filter.sector", "Sector"),
    ("filter.type", "Offer type"),
    ("footer.privacy", "Nothing leaves this browser: nothing is sent, nothing is tracked, nothing is kept. Profiles and sheets are only saved in the files you choose to download."),
    ("group.justice", "Court decisions"),
    ("group.project", "Plans and assets"),
    ("group.situation", "Situation"),
    ("help.banned_activities", "Offers that fall under a banned activity are excluded."),
    ("help.banned_places", "Département or commune, by name or code (93, Seine-Saint-Denis, 93008, Bobigny), then Enter."),
    ("help.banned_places_codes_only", "The commune list is unavailable: type communes by their INSEE code (93008), départements by code or name."),
    ("help.curfew", "Hours when the person must be at home (DDSE) or back in the establishment (semi-liberté). For example: lun-ven 20:00-07:00; sam-dim 18:00-08:00."),
    ("help.establishment", "Type part of the name or town, then choose from the list."),
    ("help.has", "Missing prerequisites are flagged « to check »; they do not exclude the offer."),
    ("help.measures", "Inside, semi-liberté or placement à l'extérieur also open outside offers in the establishment's département."),
    ("help.measures_dehors", "Some offers only accept some measures (TIG, sursis probatoire…): with none ticked, the person counts as « no current measure »."),
    ("help.obligations", "An offer that meets an obligation to work or to train ranks higher."),
    ("help.record_b2", "Read by some employers and administrations (security, childcare, civil service…)."),
    ("help.record_b3", "An employer may ask the candidate for bulletin n°3."),
    ("help.release_date", "Offers ending before this date are excluded after release."),
    ("help.release_departement", "Where the person will live after release: nearby offers rank higher."),
    ("help.residence_departement", "Where the person lives: nearby offers rank higher."),
    ("help.sectors", "A letter (G), three characters (G18) or a job code (G1803); or choose from the list."),
    ("help.sheet_name", "Left empty, the sheet carries no name and no identifier."),
    ("help.sheet_note", "Next steps, appointments, documents to prepare… The note is printed with the sheet."),
    ("help.situation", "Dedans: detained in a prison establishment. Dehors: supervised by the SPIP in the community."),
    ("help.skills", "In everyday words (cooking, handling, computing…), then Enter."),
    ("lang.switch", "Français"),
    ("nav.label", "Profile and language"),
    ("nav.skip_to_results", "Skip to the results"),
    ("notice.catalogue", "The bundled catalogue reports {} remark(s), {} of them error(s) — details"),
    ("notice.communes_failed", "The commune list could not be loaded: communes can still be entered by their INSEE code."),
    ("offer.add_to_sheet", "Add to the sheet"),
    ("offer.contact", "Contact:"),
    ("offer.more", "Description and contact"),
    ("offer.reasons", "Why"),
    ("offer.score", "Score"),
    ("offer.score_help", "Score out of 100: the sum of the points listed under « Why »"),
    ("offer.suite", "Continues outside as"),
    ("offer.warnings", "To check"),
    ("offer.when", "When"),
    ("offer.where", "Where"),
    ("profile.intro", "The results follow every change; there is nothing to submit."),
    ("profile.open", "Open a profile…"),
    ("profile.reset", "New profile (empty)"),
    ("profile.save", "Save the profile"),
    ("profile.title", "The person's profile"),
    ("record.no", "No"),
    ("record.unknown", "I don't know"),
    ("record.yes", "Yes"),
    ("results.after", "After release"),
    ("results.after_intro", "Outside offers still open on the release date; those nearest to where the person will live rank first."),
    ("results.excluded", "Excluded: {} — why"),
    ("results.filtered", "filters on"),
    ("results.jump", "Go to"),
    ("results.none", "No offer fits this profile and these filters. The excluded offers and their reasons are below."),
    ("results.now", "Now"),
    ("results.now_intro", "What the person can take part in from today, best score first."),
    ("results.summary_after", "After release — possible: {}, excluded: {}"),
    ("results.summary_now", "Now — possible: {}, excluded: {}"),
    ("results.title", "Offers for this profile"),
    ("results.to_sheet", "Orientation sheet ({})"),
    ("sheet.after_release", "To consider after release."),
    ("sheet.clear", "Empty the sheet"),
    ("sheet.date", "Drawn up on {}"),
    ("sheet.empty", "Tick « Add to the sheet » on an offer to put it here."),
    ("sheet.footer", "Drawn up with Relais. Check every detail with each organisation before any step."),
    ("sheet.name", "Person's name (optional)"),
    ("sheet.no_longer_fits", "No longer fits the current profile:"),
    ("sheet.note", "Note"),
    ("sheet.person", "Person:"),
    ("sheet.print", "Print"),
    ("sheet.remove", "Remove from the sheet"),
    ("sheet.remove_named", "Remove « {} » from the sheet"),
    ("sheet.save", "Save the sheet"),
    ("sheet.title", "Orientation sheet"),
    ("status.opened", "Profile opened. The orientation sheet starts afresh."),
    ("status.reset", "New empty profile: the previous profile and sheet have been cleared from the screen."),
    ("when.checked", "Checked on {}"),
    ("when.from", "From {}"),
    ("when.from_to", "From {} to {}"),
    ("when.no_hours", "Hours not given"),
    ("when.permanent", "Ongoing"),
    ("when.seats", "Seats: {}"),
    ("when.until", "Until {}"),
    ("where.anywhere", "Anywhere or remote"),
    ("where.inside", "In detention: {}"),
    ("where.outside", "Outside: {}"),
    ("where.unknown", "Place not given"),
];

fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    }
}

fn lookup(table: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The string for `key`; French if the language lacks it; the key itself if both do (the
/// tests make sure neither happens).
pub fn t(lang: Lang, key: &str) -> &str {
    lookup(table(lang), key)
        .or_else(|| lookup(FR, key))
        .unwrap_or(key)
}

/// A template with its `{}` filled in order.
pub fn tf(lang: Lang, key: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = t(lang, key);
    let mut args = args.iter();
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or_default());
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_in_order() {
        assert_eq!(
            tf(Lang::Fr, "when.from_to", &["01/01/2027", "30/06/2027"]),
            "Du 01/01/2027 au 30/06/2027"
        );
        assert_eq!(t(Lang::En, "no.such.key"), "no.such.key");
    }

    #[test]
    fn both_tables_have_the_same_keys_and_placeholders() {
        assert_eq!(FR.len(), EN.len());
        for ((kf, vf), (ke, ve)) in FR.iter().zip(EN) {
            assert_eq!(kf, ke);
            assert_eq!(vf.matches("{}").count(), ve.matches("{}").count(), "{kf}");
        }
    }

    /// Every key written in the code exists (a typo would show the key on screen).
    #[test]
    fn every_key_used_in_the_code_exists() {
        let sources = [
            include_str!("present.rs"),
            include_str!("components/app.rs"),
            include_str!("components/profile_form.rs"),
            include_str!("components/results.rs"),
            include_str!("components/sheet.rs"),
        ];
        let prefixes = [
            "action.", "app.", "chip.", "curfew.", "error.", "field.", "filter.", "footer.",
            "group.", "help.", "lang.", "nav.", "notice.", "offer.", "profile.", "record.",
            "results.", "sheet.", "status.", "when.", "where.",
        ];
        let mut seen = 0;
        for src in sources {
            for prefix in prefixes {
                let quoted = format!("\"{prefix}");
                for (i, _) in src.match_indices(&quoted) {
                    let rest = &src[i + 1..];
                    let piece = &rest[..rest.find('"').unwrap_or(rest.len())];
                    let looks_like_key = piece.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'
                    });
                    if looks_like_key && !piece.ends_with(".csv") {
                        seen += 1;
                        assert!(FR.iter().any(|(k, _)| *k == piece), "missing key {piece}");
                    }
                }
            }
        }
        assert!(seen > 50, "{seen}");
        for factor in [
            "skills",
            "sectors",
            "place",
            "timing",
            "continuation",
            "obligations",
        ] {
            assert!(FR.iter().any(|(k, _)| *k == format!("factor.{factor}")));
        }
    }
}
