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
    ("catalogue.cancel", "Annuler"),
    ("catalogue.choose", "Choisir un fichier…"),
    ("catalogue.col_column", "Colonne"),
    ("catalogue.col_field", "Champ"),
    ("catalogue.col_line", "Ligne"),
    ("catalogue.col_message", "Ce qu'il faut changer"),
    ("catalogue.col_severity", "Gravité"),
    ("catalogue.count", "{} offre(s)"),
    ("catalogue.count_problems", " · {} remarque(s), dont {} erreur(s)"),
    ("catalogue.count_stale", ", dont {} à vérifier"),
    ("catalogue.default", "Revenir au catalogue par défaut"),
    ("catalogue.drop", "ou déposez-le ici"),
    ("catalogue.export_csv", "Télécharger en CSV (tableur)"),
    ("catalogue.export_di", "Télécharger au format data·inclusion (JSON)"),
    ("catalogue.export_help", "Le catalogue en service, tel que Relais le lit : pour le corriger dans un tableur ou le publier sur data·inclusion."),
    ("catalogue.export_title", "Exporter"),
    ("catalogue.hosting_note", "Configuration du site : {}. Le catalogue par défaut reste celui livré avec Relais."),
    ("catalogue.import_help", "Un fichier CSV enregistré depuis un tableur (séparateur ; ou virgule, UTF-8 ou Windows-1252), un classeur XLSX ou ODS (sa première feuille), un JSON, ou un export de services data·inclusion. Les lignes valides sont utilisées aussitôt ; le rapport dit, ligne par ligne, quoi corriger. Le fichier reste sur cet ordinateur : rien n'est envoyé."),
    ("catalogue.import_title", "Importer un catalogue"),
    ("catalogue.keep", "Garder ces catalogues sur cet ordinateur"),
    ("catalogue.keep_help", "Un catalogue n'est pas une donnée personnelle. Coché, la liste (fichiers ajoutés, structures, avec ou sans l'exemple) est rechargée à la prochaine ouverture de Relais dans ce navigateur et suit chaque ajout ou retrait ; sinon elle est oubliée en quittant la page."),
    ("catalogue.loading_check", "Vérification de « {} » : chaque ligne est lue et contrôlée…"),
    ("catalogue.loading_help", "La page reste utilisable pendant la lecture. Le catalogue en service ne change qu'à la fin ; « Annuler » le laisse tel quel."),
    ("catalogue.loading_read", "Lecture de « {} » : {} Mo sur {} Mo"),
    ("catalogue.loading_receive", "« {} » : {} offres sur {} prêtes"),
    ("catalogue.problems_summary", "{} remarque(s) sur ce catalogue, dont {} erreur(s) — détail"),
    ("catalogue.problems_summary_several", "{} remarque(s) sur ces catalogues, dont {} erreur(s) — détail"),
    ("catalogue.report_cancelled", "Import de « {} » annulé."),
    ("catalogue.report_close", "Fermer le rapport"),
    ("catalogue.report_fix", "À corriger dans le fichier (les lignes en erreur ne sont pas chargées, ou la valeur indiquée est ignorée) :"),
    ("catalogue.report_how", "Lu comme : {}."),
    ("catalogue.report_rejected", "Aucune offre valide dans « {} » : le catalogue en service n'a pas changé. Corrigez les points ci-dessous puis importez le fichier à nouveau."),
    ("catalogue.report_title", "Rapport d'import : {}"),
    ("catalogue.report_unchanged", "Le catalogue en service n'a pas changé."),
    ("catalogue.report_unreadable", "Le fichier « {} » n'a pas pu être lu : {}."),
    ("catalogue.report_used", "« {} » est maintenant le catalogue en service : {} offre(s) valide(s), {} erreur(s), {} avertissement(s)."),
    ("catalogue.severity_error", "Erreur"),
    ("catalogue.severity_warning", "Attention"),
    ("catalogue.source_hosted", "Catalogue de ce site ({})"),
    ("catalogue.source_hosted_named", "Catalogue de {} ({})"),
    ("catalogue.source_imported", "Catalogue importé : {}"),
    ("catalogue.source_kept", "Catalogue gardé sur cet ordinateur : {}"),
    ("catalogue.source_seed", "Catalogue d'exemple livré avec Relais"),
    ("catalogue.stale_help", "Dernière vérification auprès de la structure (colonne date_maj) il y a plus de six mois : appelez-la, puis mettez la date à jour. Ces offres portent le badge « à vérifier » dans les résultats."),
    ("catalogue.stale_item", "({}, ligne {}) : vérifiée le {}"),
    ("catalogue.stale_more", "… et {} autre(s) à vérifier (la liste montre d'abord les plus anciennes)."),
    ("catalogue.stale_none", "Aucune offre à vérifier : toutes les dates de vérification (date_maj) ont moins de six mois."),
    ("catalogue.stale_summary", "{} offre(s) à vérifier (vérifiées il y a plus de six mois)"),
    ("catalogue.storage_error", "Le navigateur n'a pas pu garder ou oublier le catalogue : {}"),
    ("catalogue.stored_other", "Des catalogues sont gardés sur cet ordinateur ({}) : cocher la case les remplace par la liste ci-dessus ; « Revenir au catalogue par défaut » les efface."),
    ("catalogue.table_caption", "Problèmes trouvés dans le fichier, ligne par ligne"),
    ("catalogue.too_big", "Ce fichier pèse {} Mo : la page lit des catalogues jusqu'à {} Mo, au-delà elle se figerait. Découpez-le (par région ou par département) ou vérifiez-le avec la commande « relais check », puis importez les parties."),
    ("catalogue.template", "Modèle de catalogue (CSV, un exemple par type d'offre)"),
    ("catalogue.template_columns", "Ce qu'il faut écrire dans chaque colonne (CSV)"),
    ("catalogue.template_help", "Ouvrez-les dans un tableur, remplacez les exemples par vos offres, enregistrez (CSV, XLSX ou ODS) et importez le fichier ici : la première feuille d'un classeur est lue."),
    ("catalogue.template_title", "Partir du modèle"),
    ("catalogue.title", "Catalogue des offres"),
    ("catalogue.unchecked", "{} offre(s) sans date de vérification (date_maj vide)."),
    ("catalogue.add", "Ajouter un catalogue…"),
    ("catalogue.add_help", "Un ou plusieurs fichiers : CSV enregistré depuis un tableur (séparateur ; ou virgule), classeur XLSX ou ODS (sa première feuille), JSON, export de services data·inclusion, formations LHEO (XML). Ils s'ajoutent aux catalogues en service ; une offre présente dans deux catalogues est gardée une fois et signalée. Des services data·inclusion et leur fichier de structures se choisissent ensemble (ou l'un après l'autre) : les services prennent le nom, l'adresse et le contact de leur structure. Rien n'est envoyé : les fichiers restent sur cet ordinateur."),
    ("catalogue.add_title", "Ajouter un catalogue"),
    ("catalogue.dup_caption", "Offres en double entre catalogues : celle qui est gardée et pourquoi"),
    ("catalogue.dup_in", "Trouvée aussi dans"),
    ("catalogue.dup_kept", "Gardée depuis"),
    ("catalogue.dup_offer", "Offre"),
    ("catalogue.dup_why", "Pourquoi c'est la même"),
    ("catalogue.duplicates_help", "Une offre est la même quand elle a le même identifiant et le même intitulé, le même SIRET, ou la même organisation, la même commune et le même intitulé. Elle est gardée une fois, depuis le premier catalogue de la liste qui l'a."),
    ("catalogue.duplicates_summary", "{} offre(s) en double entre catalogues, gardée(s) une fois — détail"),
    ("catalogue.entry_counts", "{} offre(s) · {} erreur(s) · {} avertissement(s)"),
    ("catalogue.entry_duplicates", " · {} déjà dans un autre catalogue"),
    ("catalogue.entry_report", "Remarques sur ce fichier"),
    ("catalogue.entry_structures", "{} structure(s), reliées aux services qui les nomment"),
    ("catalogue.list_title", "Catalogues en service ({})"),
    ("catalogue.offer_source", "Source : {}"),
    ("catalogue.origin_hosted", "catalogue de l'association"),
    ("catalogue.origin_imported", "fichier ajouté"),
    ("catalogue.origin_kept", "gardé sur cet ordinateur"),
    ("catalogue.origin_seed", "exemple livré avec Relais (offres en partie fictives)"),
    ("catalogue.origin_structures", "structures data·inclusion"),
    ("catalogue.remove", "Retirer"),
    ("catalogue.remove_label", "Retirer « {} » de la liste"),
    ("catalogue.replace", "Remplacer tous les catalogues par un fichier…"),
    ("catalogue.replace_help", "Le fichier choisi devient le seul catalogue en service : l'exemple et les autres fichiers quittent la liste."),
    ("catalogue.report_added", "« {} » est ajouté aux catalogues en service : {} offre(s) valide(s), {} erreur(s), {} avertissement(s)."),
    ("catalogue.report_structures", "« {} » : {} structure(s) data·inclusion, reliées aux services de la liste qui les nomment (nom de l'organisation, adresse, contact)."),
    ("catalogue.same_id", "même identifiant et même intitulé"),
    ("catalogue.same_place", "même organisation, même commune et même intitulé"),
    ("catalogue.same_siret", "même SIRET"),
    ("catalogue.sheet_source", "Catalogue d'origine"),
    ("catalogue.source_example", "exemple Relais"),
    ("catalogue.source_several", "{} catalogues en service"),
    ("chip.remove", "Retirer {}"),
    ("curfew.ddse", "DDSE"),
    ("curfew.none", "Effacer les horaires"),
    ("curfew.semi_liberte", "Semi-liberté"),
    ("device.busy", "Un instant : chiffrement en cours…"),
    ("device.cancel", "Annuler"),
    ("device.confirm", "La même phrase de passe, encore une fois"),
    ("device.damaged", "Le dossier enregistré ne peut pas être lu ({}) : il n'a pas été modifié."),
    ("device.failed", "Le navigateur a refusé : {}. Rien n'a changé."),
    ("device.mismatch", "Les deux phrases de passe ne sont pas identiques : rien n'a été enregistré."),
    ("device.nothing_saved", "Aucun dossier n'est enregistré dans ce navigateur."),
    ("device.open", "Ouvrir depuis cet ordinateur"),
    ("device.open_help", "La phrase de passe choisie à l'enregistrement. Le profil et la fiche enregistrés remplacent ceux de l'écran."),
    ("device.open_submit", "Ouvrir"),
    ("device.opened", "Dossier ouvert : le profil et la fiche enregistrés sont à l'écran."),
    ("device.passphrase", "Phrase de passe"),
    ("device.save", "Enregistrer sur cet ordinateur"),
    ("device.save_help", "Le profil et la fiche (offres choisies, note) sont chiffrés avec cette phrase de passe (AES-GCM, clé PBKDF2) puis gardés dans ce navigateur, à la place du dossier précédent. Sans la phrase, personne ne peut les lire, vous non plus : aucune récupération n'est possible. Au moins 8 caractères ; plusieurs mots, c'est mieux."),
    ("device.save_submit", "Chiffrer et enregistrer"),
    ("device.saved", "Dossier chiffré enregistré dans ce navigateur. Pensez à « Tout effacer » avant de quitter un poste partagé."),
    ("device.state_empty", "Rien n'est enregistré dans ce navigateur."),
    ("device.state_saved", "Un dossier chiffré est enregistré dans ce navigateur."),
    ("device.title", "Sur cet ordinateur"),
    ("device.too_short", "Phrase de passe trop courte : au moins {} caractères. Rien n'a été enregistré."),
    ("device.wipe", "Tout effacer"),
    ("device.wipe_confirm", "Oui, tout effacer"),
    ("device.wipe_help", "Efface le dossier chiffré et tout ce que ce site aurait pu laisser dans ce navigateur (stockage local, stockage de session, bases IndexedDB, cookies, caches de données), puis vide l'écran. Les fichiers de l'application gardés pour fonctionner sans réseau restent : ils ne contiennent aucune donnée personnelle."),
    ("device.wiped", "Tout a été effacé de ce navigateur, et l'écran est vide."),
    ("device.wrong_passphrase", "Phrase de passe incorrecte : rien n'a été ouvert. Le dossier enregistré et l'écran n'ont pas changé."),
    ("error.curfew", "Horaires illisibles : {}. Tant qu'ils le restent, chaque offre dehors le signale « à vérifier »."),
    ("error.departement", "Département inconnu : « {} ». Choisissez un département dans la liste."),
    ("error.download", "Le navigateur n'a pas pu enregistrer le fichier : {}"),
    ("error.establishment", "« {} » ne correspond à aucun établissement connu : choisissez dans la liste. Sans établissement, aucune offre en détention ne peut être proposée."),
    ("error.not_a_commune", "« {} » est un département : le champ au-dessus le donne ; ici, écrivez une commune (nom, code postal ou code INSEE), ou laissez vide."),
    ("error.place", "« {} » n'est ni un département ni une commune connus : écrivez un code (93, 93008) ou choisissez dans la liste."),
    ("error.place_ambiguous", "« {} » peut désigner plusieurs lieux : choisissez le bon ci-dessous."),
    ("error.profile_file", "Ce fichier ne peut pas être ouvert comme profil :"),
    ("error.profile_kept", "Le profil affiché n'a pas changé."),
    ("error.release_past", "Cette date ({}) est déjà passée : vérifiez-la."),
    ("error.sector", "« {} » n'est ni un métier ni un code ROME connus : écrivez un métier (boulanger, cariste), une lettre (G), trois caractères (G18) ou cinq (G1803)."),
    ("error.sector_ambiguous", "« {} » désigne plusieurs métiers : choisissez l'un d'eux ci-dessous, ou précisez."),
    ("error.sector_no_list", "« {} » n'est pas un code ROME connu (la liste des métiers est indisponible) : écrivez une lettre (G), trois caractères (G18) ou cinq (G1803)."),
    ("excluded.banned_activity", "Interdiction d'exercer"),
    ("excluded.banned_activity_why", "Le tribunal interdit à la personne d'exercer ces activités."),
    ("excluded.banned_place", "Interdiction de paraître"),
    ("excluded.banned_place_why", "Ces offres ont lieu là où le tribunal interdit à la personne de se rendre."),
    ("excluded.curfew", "Horaires d'assignation"),
    ("excluded.curfew_why", "Ces offres ont des horaires pendant lesquels la personne doit rester à son domicile ou à l'établissement."),
    ("excluded.dates", "Dates"),
    ("excluded.dates_why", "Ces offres seront terminées avant que la personne puisse y aller."),
    ("excluded.establishment", "Autre établissement"),
    ("excluded.establishment_why", "Ces offres ont lieu dans un autre établissement que celui de la personne, ou l'établissement n'est pas indiqué."),
    ("excluded.measure", "Mesure de la personne"),
    ("excluded.measure_why", "Ces offres n'accueillent que des personnes sous une autre mesure."),
    ("excluded.other", "Autre règle"),
    ("excluded.other_why", "Une règle écarte ces offres : lisez la phrase de chacune."),
    ("excluded.record_b2", "Casier judiciaire"),
    ("excluded.record_b2_why", "L'employeur demande un bulletin n°2 sans mention, et celui de la personne en porte une."),
    ("excluded.situation", "Pas pour cette situation"),
    ("excluded.situation_why", "Ces offres s'adressent à des personnes dans une autre situation (dedans ou dehors)."),
    ("excluded.zone", "Réservées à d'autres habitants"),
    ("excluded.zone_why", "Ces offres sont réservées aux habitants d'autres communes ou départements."),
    ("factor.continuation", "Continuité"),
    ("factor.obligations", "Obligation"),
    ("factor.place", "Lieu"),
    ("factor.sectors", "Secteur"),
    ("factor.skills", "Compétences"),
    ("factor.timing", "Calendrier"),
    ("field.radius", "Distance possible pour se déplacer"),
    ("field.radius_km", "{} km"),
    ("field.release_commune", "Commune de sortie (si connue)"),
    ("field.residence_commune", "Commune de résidence (si connue)"),
    ("field.place_choices", "Lieux possibles"),
    ("field.banned_activities", "Interdictions d'exercer"),
    ("field.banned_places", "Interdictions de paraître"),
    ("field.curfew", "Horaires d'assignation"),
    ("field.curfew_placeholder", "lun-ven 20:00-07:00; sam-dim 18:00-08:00"),
    ("field.curfew_presets", "Horaires habituels"),
    ("field.establishment", "Établissement pénitentiaire"),
    ("field.has", "Ce que la personne a déjà"),
    ("field.measures", "Mesures en cours ou prévues"),
    ("field.not_known", "— Non renseigné —"),
    ("field.obligations", "Obligations"),
    ("field.record_b2", "Le bulletin n°2 du casier judiciaire porte-t-il une mention ?"),
    ("field.record_b3", "Le bulletin n°3 porte-t-il une mention ?"),
    ("field.release_date", "Date de libération prévisible"),
    ("field.until_banned_places", "Fin de l'interdiction de paraître (si elle est connue)"),
    ("field.until_banned_activities", "Fin de l'interdiction d'exercer (si elle est connue)"),
    ("field.until_curfew", "Fin des horaires d'assignation (si elle est connue)"),
    ("field.until_measures", "Fin de la mesure (si elle est connue)"),
    ("help.until", "Facultatif. Une offre écartée seulement par des décisions qui prennent fin est listée « Possible à partir du … »."),
    ("field.release_departement", "Département de vie à la sortie"),
    ("field.residence_departement", "Département de résidence"),
    ("field.sector_choices", "Métiers possibles"),
    ("field.sectors", "Métiers ou secteurs recherchés"),
    ("field.situation", "Où est la personne aujourd'hui ?"),
    ("field.skills", "Compétences et envies"),
    ("field.understood", "Compris : {}"),
    ("filter.all_sectors", "Tous les secteurs"),
    ("filter.all_types", "Tous les types"),
    ("filter.label", "Filtrer les résultats"),
    ("filter.sector", "Secteur"),
    ("filter.type", "Type d'offre"),
    ("footer.privacy", "Rien ne quitte ce navigateur : aucun envoi, aucune mesure d'audience. Rien n'est conservé sans que vous le choisissiez : dans un fichier que vous téléchargez, ou chiffré par une phrase de passe avec « Enregistrer sur cet ordinateur »."),
    ("group.justice", "Décisions de justice"),
    ("group.project", "Projet et acquis"),
    ("group.situation", "Situation"),
    ("help.banned_activities", "Les offres qui relèvent d'une activité interdite sont écartées."),
    ("help.banned_places", "Département, commune ou arrondissement, par nom, code postal ou code INSEE (Seine-Saint-Denis, Bobigny, Lyon 3, 69003, 93008), puis Entrée. Une commune couvre ses arrondissements et ses anciennes communes."),
    ("help.banned_places_codes_only", "Liste des communes indisponible : écrivez les communes par leur code INSEE (93008), les départements par code ou par nom."),
    ("help.curfew", "Heures où la personne doit être chez elle (DDSE) ou rentrée à l'établissement (semi-liberté). Par exemple : lun-ven 20:00-07:00; sam-dim 18:00-08:00."),
    ("help.establishment", "Tapez une partie du nom ou de la ville, puis choisissez dans la liste."),
    ("help.has", "Les prérequis qui manquent sont signalés « à vérifier » ; ils n'écartent pas l'offre."),
    ("help.measures", "Dedans, la semi-liberté ou le placement à l'extérieur ouvrent aussi les offres dehors du département de l'établissement."),
    ("help.measures_dehors", "Certaines offres n'acceptent que certaines mesures (TIG, sursis probatoire…) : sans mesure cochée, la personne compte comme « sans mesure en cours »."),
    ("help.obligations", "Une offre qui répond à une obligation de travail ou de formation passe devant."),
    ("help.record_b2", "Lu par certains employeurs et administrations (sécurité, petite enfance, fonction publique…)."),
    ("help.record_b3", "Un employeur peut demander le bulletin n°3 au candidat."),
    ("help.radius", "En ligne droite depuis la commune (ou le chef-lieu du département). Les offres sur place plus loin sont listées à part, « Plus loin » ; celles à distance restent possibles."),
    ("help.release_commune", "Pour mesurer les distances : nom, code postal ou code INSEE (Vénissieux, 69200). Sans elle, depuis le chef-lieu du département (distance estimée)."),
    ("help.residence_commune", "Pour mesurer les distances : nom, code postal ou code INSEE (Bobigny, 93000). Sans elle, depuis le chef-lieu du département (distance estimée)."),
    ("help.release_date", "Les offres qui se terminent avant cette date sont écartées après la sortie."),
    ("help.release_departement", "Où la personne vivra après sa libération : les offres proches passent devant."),
    ("help.residence_departement", "Où la personne vit : les offres proches passent devant."),
    ("help.sectors", "Un métier (boulanger, aide à domicile), une lettre (G), trois caractères (G18) ou un code métier (G1803) ; ou choisissez dans la liste."),
    ("help.sectors_codes_only", "Liste des métiers indisponible : écrivez un code ROME (G, G18, G1803) ou un intitulé ROME (Service en restauration)."),
    ("help.sheet_name", "Laissé vide, la fiche ne porte ni nom ni identifiant."),
    ("help.sheet_note", "Prochaines étapes, rendez-vous, pièces à préparer… La note est imprimée avec la fiche."),
    ("help.situation", "Dedans : détenue dans un établissement pénitentiaire. Dehors : suivie par le SPIP en milieu ouvert."),
    ("help.skills", "En mots de tous les jours (cuisine, manutention, informatique…), puis Entrée."),
    ("host.by", "Proposé par"),
    ("host.contact", "Contact : {}"),
    ("lang.failed", "La version anglaise n'a pas pu être chargée ({}) : la page reste en français. English could not be loaded."),
    ("lang.switch", "English"),
    ("map.bin0", "aucune offre"),
    ("map.bin1", "1 offre"),
    ("map.bin2", "2 à 4 offres"),
    ("map.bin3", "5 à 9 offres"),
    ("map.bin4", "10 offres et plus"),
    ("map.inset", "Paris et petite couronne"),
    ("map.label", "Carte de France : nombre d'offres par lieu"),
    ("map.legend", "Légende"),
    ("map.overseas", "Outre-mer"),
    ("map.place_many", "{} : {} offres"),
    ("map.place_none", "{} : aucune offre"),
    ("map.place_one", "{} : 1 offre"),
    ("mapping.apply", "Appliquer et charger le catalogue"),
    ("mapping.cancel", "Annuler"),
    ("mapping.choice_commune_name", "Nom de la commune (avec le code postal)"),
    ("mapping.choice_keep", "Garder telle quelle (reprise à l'export)"),
    ("mapping.choice_none", "— Ne pas utiliser —"),
    ("mapping.choice_postal_code", "Code postal (avec le nom de la commune)"),
    ("mapping.col_field", "Champ Relais"),
    ("mapping.col_samples", "Premières valeurs"),
    ("mapping.col_source", "Colonne du fichier"),
    ("mapping.columns_caption", "Les {} colonnes du fichier et le champ Relais de chacune (Relais propose un choix ; modifiez-le si besoin)."),
    ("mapping.default_departements_help", "Pour les lignes sans département : un code (44, 2A, 974) ou * pour partout / à distance. Vide : la ligne n'est pas chargée."),
    ("mapping.default_none", "— Aucune (ligne non chargée) —"),
    ("mapping.default_none_column", "— Aucune : la colonne suffit —"),
    ("mapping.defaults_help", "Valeur utilisée quand le fichier n'a pas la colonne ou que la cellule est vide. Une structure d'insertion (SIAE) emploie dehors : milieu ouvert."),
    ("mapping.defaults_legend", "Champs absents du fichier"),
    ("mapping.download", "Télécharger la correspondance (JSON)"),
    ("mapping.empty_column", "colonne vide"),
    ("mapping.f_id", "Identifiant de l'offre"),
    ("mapping.f_organisation", "Structure"),
    ("mapping.f_titre", "Intitulé de l'offre"),
    ("mapping.f_type", "Type d'offre"),
    ("mapping.f_milieu", "Milieu (dedans / dehors)"),
    ("mapping.f_etablissements", "Établissements pénitentiaires"),
    ("mapping.f_departements", "Département"),
    ("mapping.f_communes", "Commune (code INSEE)"),
    ("mapping.f_secteurs", "Secteurs (codes ROME)"),
    ("mapping.f_competences", "Compétences"),
    ("mapping.f_mesures", "Mesures acceptées"),
    ("mapping.f_horaires", "Horaires"),
    ("mapping.f_activites_reglementees", "Activités réglementées"),
    ("mapping.f_casier", "Casier judiciaire"),
    ("mapping.f_prerequis", "Prérequis"),
    ("mapping.f_debut", "Début"),
    ("mapping.f_fin", "Fin"),
    ("mapping.f_places", "Places"),
    ("mapping.f_date_maj", "Vérifié le"),
    ("mapping.f_suite", "Suite dehors (id)"),
    ("mapping.f_contact", "Contact"),
    ("mapping.f_description", "Description"),
    ("mapping.group_other", "Autres champs"),
    ("mapping.group_place", "Lieu"),
    ("mapping.group_required", "Champs obligatoires"),
    ("mapping.host_problem", "Correspondance du site non utilisée : {}. Le catalogue est lu tel quel."),
    ("mapping.intro", "Les colonnes de ce fichier ne sont pas celles du modèle Relais. Indiquez ce que contient chaque colonne : la correspondance est appliquée avant la vérification habituelle, et le rapport nomme les colonnes de votre fichier. Le fichier reste sur cet ordinateur."),
    ("mapping.more_problems", "… et {} autre(s) remarque(s)."),
    ("mapping.no_header", "(sans nom)"),
    ("mapping.open", "Ouvrir une correspondance enregistrée…"),
    ("mapping.open_help", "Une correspondance téléchargée plus tôt (ou fournie par votre réseau) resservira pour chaque nouvelle version du même tableau."),
    ("mapping.opened", "Correspondance ouverte : {}."),
    ("mapping.rejected", "Aucune offre n'a pu être chargée avec cette correspondance : le catalogue en service n'a pas changé. Voici pourquoi :"),
    ("mapping.select_label", "Champ Relais pour la colonne « {} »"),
    ("mapping.template_id_help", "Fabriqué à partir des cellules : {NOM DE COLONNE}, et {ligne} pour le numéro de ligne (ex. siae-{SIRET}). Chaque offre doit avoir un identifiant unique."),
    ("mapping.template_title_help", "Fabriqué à partir des cellules, ex. {DENOMINATION_SOCIALE}."),
    ("mapping.title", "Correspondance des colonnes : {}"),
    ("mapping.used", "Catalogue « {} » lu par une correspondance de colonnes."),
    ("mapping.value_as_written", "— telle quelle —"),
    ("mapping.values_legend", "Valeurs de « {} » → {}"),
    ("mapping.values_relais", "{} dans Relais"),
    ("mapping.values_source", "Valeur dans « {} »"),
    ("mapping.values_too_many", "La colonne « {} » a plus de {} valeurs différentes : elles sont lues telles quelles."),
    ("nav.catalogue", "Catalogue"),
    ("nav.label", "Profil et langue"),
    ("nav.skip_to_results", "Aller aux résultats"),
    ("notice.catalogue", "Le catalogue en service signale {} remarque(s), dont {} erreur(s) : voir « Catalogue des offres », en bas de page."),
    ("notice.communes_failed", "La liste des communes n'a pas pu être chargée : les communes restent utilisables par leur code INSEE."),
    ("notice.communes_single_file", "version fichier unique, sans la liste"),
    ("notice.job_words_loading", "Chargement de la liste des métiers…"),
    ("notice.regulated_job", "Métier réglementé : agrément ou casier possible, à vérifier."),
    ("notice.sector_understood", "« {} » compris comme {}."),
    ("detail.access", "Conditions d'accès"),
    ("detail.address", "Adresse"),
    ("detail.fees", "Frais"),
    ("detail.publics", "Public visé"),
    ("detail.publics_note", "Précisions sur le public"),
    ("detail.referral", "Orienter"),
    ("detail.remote", "À distance"),
    ("detail.remote_yes", "possible (en tout ou partie)"),
    ("detail.source", "Catalogue"),
    ("detail.source_link", "Fiche d'origine"),
    ("detail.themes", "Thématiques"),
    ("detail.website", "Site"),
    ("offer.add_to_sheet", "Ajouter à la fiche"),
    ("offer.contact", "Contact :"),
    ("offer.example", "exemple"),
    ("offer.more", "Description et contact"),
    ("offer.reasons", "Pourquoi"),
    ("offer.score", "Score"),
    ("offer.score_help", "Score sur 100 : la somme des points listés sous « Pourquoi »"),
    ("offer.stale", "à vérifier"),
    ("offer.stale_help", "Offre vérifiée auprès de la structure il y a plus de six mois"),
    ("offer.suite", "Suite dehors"),
    ("offer.warnings", "À vérifier"),
    ("offer.when", "Quand"),
    ("offer.where", "Où"),
    ("profile_problem.activity_unknown", "Activité « {} » absente du vocabulaire : elle n'écartera que les offres qui l'écrivent exactement ainsi."),
    ("profile_problem.commune_outside", "La commune {} n'est pas dans le département indiqué ({}) mais dans un autre : {}. Corrigez l'un ou l'autre."),
    ("profile_problem.commune_unknown", "Commune inconnue « {} » : écrivez son nom, son code postal ou son code INSEE."),
    ("profile_problem.commune_ambiguous", "« {} » désigne plusieurs communes : choisissez la bonne dans la liste, ou indiquez aussi son département."),
    ("profile_problem.establishment_missing", "Établissement non renseigné : choisissez celui où la personne est détenue."),
    ("profile_problem.home_banned", "Ce lieu est sous interdiction de paraître : {}. Les offres qui s'y tiennent sont écartées ; vérifiez l'adresse prévue avec le juge ou le SPIP."),
    ("profile_problem.release_date_missing", "Date de libération prévisible non renseignée : les dates des offres ne seront pas comparées à la sortie."),
    ("profile_problem.sector_unknown", "Code ROME inconnu « {} » : écrivez un code (G1803) ou son début (G18, N)."),
    ("profile.intro", "Les résultats suivent chaque changement, sans bouton à valider."),
    ("profile.example_load", "Voir un exemple (personne fictive)"),
    ("profile.example_help", "Pour découvrir l'outil : un profil inventé, détenu à Fleury-Mérogis, qui cherche en cuisine."),
    ("profile.example_on", "Ce profil est celui d'une personne fictive, pour découvrir l'outil."),
    ("profile.example_clear", "Vider pour une vraie personne"),
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
    ("results.beyond", "Plus loin"),
    ("results.beyond_intro", "Ces offres conviennent mais sont au-delà du rayon choisi autour du lieu de vie ; les plus proches d'abord."),
    ("results.summary_beyond", ", plus loin : {}"),
    ("results.court_cause", "décision de justice"),
    ("results.excluded_court", "Écartées : {} — dont {} par une décision de justice — pourquoi"),
    ("results.filtered", "filtres actifs"),
    ("results.jump", "Aller à"),
    ("results.later", "Possible plus tard"),
    ("results.later_intro", "Écartées seulement par des interdictions, une mesure ou des horaires d'assignation qui prennent fin à une date connue."),
    ("results.possible_from", "Possible à partir du {}"),
    ("results.none", "Aucune offre ne convient avec ce profil et ces filtres. Les offres écartées et leurs raisons sont ci-dessous."),
    ("results.now", "Maintenant"),
    ("results.now_intro", "Ce que la personne peut suivre dès aujourd'hui, du meilleur score au moins bon."),
    ("results.see_offers", "Voir ces {} offres"),
    ("results.show_more", "Afficher {} de plus"),
    ("results.shown", "{} affichées sur {}."),
    ("results.summary_after", "Après la sortie — possibles : {}, écartées : {}"),
    ("results.summary_now", "Maintenant — possibles : {}, écartées : {}"),
    ("results.preparing", "Mise en service du catalogue : {} offres préparées sur {}. Les résultats s'afficheront dès qu'il sera prêt."),
    ("results.title", "Offres pour ce profil"),
    ("results.to_sheet", "Fiche d'orientation ({})"),
    ("sector.and_others", "{} et {} autres"),
    ("sector.domain_note", "tout le domaine"),
    ("sector.unknown", "code ROME inconnu {}"),
    ("sector.whole_domain", "{} (tout le domaine)"),
    ("sector.whole_group", "{} (tout le groupe de métiers)"),
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
    ("sheet.remove_named", "Retirer de la fiche : « {} »"),
    ("sheet.save", "Enregistrer la fiche"),
    ("sheet.title", "Fiche d'orientation"),
    ("sheet.title_person", "Fiche d'orientation — pour vous"),
    ("sheet.title_dossier", "Fiche d'orientation — pour le dossier"),
    ("sheet.kind", "Quelle fiche ?"),
    ("sheet.kind_person", "Pour la personne"),
    ("sheet.kind_dossier", "Pour le dossier"),
    ("help.sheet_person", "À remettre à la personne : des mots simples, où et quand, comment joindre chaque structure, quoi apporter. Ni score, ni code, ni décision de justice."),
    ("help.sheet_dossier", "Pour le dossier du service : tout, avec les raisons, les points et ce qu'il faut vérifier."),
    ("sheet.court", "Montrer aussi les décisions de justice et le casier sur la fiche de la personne"),
    ("sheet.service_field", "Service à contacter"),
    ("sheet.counsellor_field", "Conseiller ou conseillère"),
    ("help.sheet_contact", "Nom, téléphone ou adresse, tels qu'ils seront imprimés. Gardé avec la fiche."),
    ("help.sheet_contact_default", "Laissé vide, la fiche porte celui du site : « {} »."),
    ("sheet.print_person", "Imprimer la fiche de la personne"),
    ("sheet.print_dossier", "Imprimer la fiche du dossier"),
    ("sheet.contact", "Contact"),
    ("sheet.contact_ask", "Votre conseiller ou conseillère vous donne le contact."),
    ("sheet.needed", "Il faut"),
    ("sheet.bring", "À apporter"),
    ("sheet.bring_always", "Cette fiche, une pièce d'identité si vous en avez une, un CV si vous en avez un."),
    ("sheet.to_know", "À savoir"),
    ("sheet.after_release_person", "Pour après votre sortie."),
    ("sheet.sectors", "Métiers (ROME)"),
    ("sheet.record", "Casier judiciaire"),
    ("sheet.service", "Service :"),
    ("sheet.counsellor", "Conseiller·ère :"),
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
    ("ws.all_establishments", "Tous les établissements"),
    ("ws.all_france", "Toute la France"),
    ("ws.anywhere", "Partout en France ou à distance : {} offre(s), comptées dans chaque liste."),
    ("ws.area", "Lieu choisi sur la carte : {}."),
    ("ws.area_clear", "Voir toute la carte"),
    ("ws.by_departement", "Départements"),
    ("ws.by_region", "Régions"),
    ("ws.controls", "Choix de l'atelier"),
    ("ws.count", "Offre {} sur {}"),
    ("ws.dedans", "Dedans, maintenant"),
    ("ws.dehors", "Après la sortie"),
    ("ws.departements", "Départements"),
    ("ws.enter", "Mode atelier"),
    ("ws.headline", "{} — {} : {}"),
    ("ws.headline_anywhere", "(dont {} partout en France ou à distance)"),
    ("ws.keys", "Télécommande ou clavier : Page suivante, → ou Espace pour avancer ; Page précédente ou ← pour revenir ; Début pour la carte ; F pour le plein écran, Échap pour en sortir."),
    ("ws.leave", "Quitter le mode atelier"),
    ("ws.map_by", "Compter par"),
    ("ws.map_failed", "La carte n'a pas pu être chargée ({}) : la liste reste complète."),
    ("ws.map_loading", "Chargement de la carte…"),
    ("ws.map_missing", "carte absente de ce fichier"),
    ("ws.map_title", "Où sont les offres"),
    ("ws.nav", "Diaporama des offres"),
    ("ws.next", "Suivante"),
    ("ws.present", "Plein écran (F)"),
    ("ws.present_leave", "Quitter le plein écran (Échap)"),
    ("ws.persona", "Exemple de groupe"),
    ("ws.persona_none", "Choisir un exemple…"),
    ("ws.none", "Aucune offre ici avec ces choix. Essayez un autre lieu, secteur ou type."),
    ("ws.offers_many", "{} offres"),
    ("ws.offers_none", "aucune offre"),
    ("ws.offers_one", "1 offre"),
    ("ws.overview", "Vue d'ensemble"),
    ("ws.pos_overview", "Vue d'ensemble"),
    ("ws.previous", "Précédente"),
    ("ws.regions", "Régions"),
    ("ws.slide_status", "Offre {} sur {} : {}"),
    ("ws.title", "Mode atelier : ce qui existe, sans aucune donnée personnelle"),
    ("ws.when", "Quand"),
    ("ws.where", "Où"),
];

/// The English table, a data file beside the app (`data/i18n-en.tsv`, copied next to
/// `index.html`): fetched the first time English is chosen, not compiled into the wasm (issue
/// 16: the start carries French only). One line per key: the key, a tab, the text; a line
/// starting with `#` is a comment.
pub const EN_FILE: &str = "i18n-en.tsv";

/// The id of the data block that holds the English table in `relais.html` (no fetch from
/// `file://`; scripts/build-single-file.mjs embeds it).
pub const EN_EMBED_ID: &str = "relais-i18n-en";

type Table = &'static [(&'static str, &'static str)];

thread_local! {
    /// The English table once loaded (`load_english`); kept for the page's life.
    static EN: std::cell::Cell<Option<Table>> = const { std::cell::Cell::new(None) };
}

/// Whether the English table is there (`t(Lang::En, …)` answers in French until it is).
pub fn english_ready() -> bool {
    EN.with(|e| e.get().is_some())
}

/// The English table, once loaded.
#[cfg(not(test))]
pub fn english() -> Option<Table> {
    EN.with(|e| e.get())
}

/// The unit tests read English as the app does once the file is fetched: from the file.
#[cfg(test)]
pub fn english() -> Option<Table> {
    if EN.with(|e| e.get()).is_none() {
        load_english(tests::EN_TEXT.to_string()).ok()?;
    }
    EN.with(|e| e.get())
}

/// Reads the English table (`EN_FILE`'s text): `key<TAB>text` per line. A line without a tab
/// is an error naming it; so is a file that lacks some of the interface's keys.
pub fn parse_table(text: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut out = Vec::with_capacity(FR.len());
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once('\t') {
            Some((k, v)) => out.push((k, v)),
            None => return Err(format!("{EN_FILE}, ligne {} : pas de tabulation", n + 1)),
        }
    }
    let missing = FR
        .iter()
        .filter(|(k, _)| !out.iter().any(|(o, _)| o == k))
        .count();
    if missing > 0 {
        return Err(format!("{EN_FILE} : {missing} texte(s) manquant(s)"));
    }
    Ok(out)
}

/// Reads and keeps the English table for the page's life (loading it again changes nothing).
pub fn load_english(text: String) -> Result<(), String> {
    if english_ready() {
        return Ok(());
    }
    // Kept for the page's life: the strings are handed out as `&'static str`, as French.
    let text: &'static str = Box::leak(text.into_boxed_str());
    let table: Table = Box::leak(parse_table(text)?.into_boxed_slice());
    EN.with(|e| e.set(Some(table)));
    Ok(())
}

fn lookup(table: Table, key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The string for `key`; French if the language lacks it (or English is not loaded yet); the
/// key itself if both do (the tests make sure neither happens).
pub fn t(lang: Lang, key: &str) -> &str {
    let en = match lang {
        Lang::En => english().and_then(|table| lookup(table, key)),
        Lang::Fr => None,
    };
    en.or_else(|| lookup(FR, key)).unwrap_or(key)
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
    // The app only builds for wasm32: run these through wasm-bindgen-test in the browser step.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn templates_fill_in_order() {
        assert_eq!(
            tf(Lang::Fr, "when.from_to", &["01/01/2027", "30/06/2027"]),
            "Du 01/01/2027 au 30/06/2027"
        );
        assert_eq!(t(Lang::En, "no.such.key"), "no.such.key");
    }

    /// The English file as shipped (`data/i18n-en.tsv`).
    pub(super) const EN_TEXT: &str = include_str!("../data/i18n-en.tsv");

    #[test]
    fn both_tables_have_the_same_keys_and_placeholders() {
        let en = parse_table(EN_TEXT).unwrap();
        assert_eq!(FR.len(), en.len());
        for ((kf, vf), (ke, ve)) in FR.iter().zip(&en) {
            assert_eq!(kf, ke);
            assert_eq!(vf.matches("{}").count(), ve.matches("{}").count(), "{kf}");
            assert!(!ve.trim().is_empty(), "{kf}");
        }
    }

    #[test]
    fn english_answers_once_loaded() {
        load_english(EN_TEXT.to_string()).unwrap();
        assert!(english_ready());
        assert_eq!(t(Lang::En, "action.add"), "Add");
        assert_eq!(t(Lang::Fr, "action.add"), "Ajouter");
        assert_eq!(
            tf(Lang::En, "catalogue.count", &["3"]),
            "3 offer(s)".to_string()
        );
    }

    #[test]
    fn a_broken_english_file_is_refused_with_its_line() {
        let e = parse_table("# comment\naction.add Add\n").unwrap_err();
        assert!(e.contains("ligne 2"), "{e}");
        let e = parse_table("action.add\tAdd\n").unwrap_err();
        assert!(e.contains("manquant"), "{e}");
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
            include_str!("sheet.rs"),
            include_str!("components/catalogue.rs"),
            include_str!("components/mapping.rs"),
            include_str!("components/device.rs"),
            include_str!("components/map.rs"),
            include_str!("components/workshop.rs"),
        ];
        let prefixes = [
            "action.",
            "app.",
            "catalogue.",
            "chip.",
            "curfew.",
            "error.",
            "excluded.",
            "field.",
            "filter.",
            "footer.",
            "group.",
            "help.",
            "host.",
            "lang.",
            "nav.",
            "notice.",
            "offer.",
            "profile.",
            "record.",
            "results.",
            "sector.",
            "sheet.",
            "status.",
            "when.",
            "where.",
            "device.",
            "map.",
            "mapping.",
            "ws.",
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
    }
}
