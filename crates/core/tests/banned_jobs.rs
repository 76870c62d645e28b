//! An *interdiction d'exercer* met through the offer's jobs: imported catalogues fill `secteurs`
//! (ROME) and never `activites_reglementees`, so a ban on working with minors must still rule out
//! « Animation de loisirs auprès d'enfants » and flag an employer that also hires for it
//! (`data/activites-metiers.csv`, docs/formats.md « Jobs that are a regulated activity »).

use relais_core::catalogue::{load, load_mapped, Severity};
use relais_core::date;
use relais_core::explain::{Explain, HorizonText, ResultText};
use relais_core::lang::Lang;
use relais_core::mapping;
use relais_core::matching::{match_profile, reference};
use relais_core::model::{Offer, Profile};
use std::path::PathBuf;

mod common;
use common::refdata as rd;

const HEADER: &str = "id;organisation;titre;type;milieu;etablissements;departements;communes;secteurs;activites_reglementees";

fn offers(rows: &[&str]) -> Vec<Offer> {
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    let loaded = load(csv.as_bytes(), "test.csv", rd());
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.problems);
    loaded.offers
}

fn dehors(extra: &str) -> Profile {
    Profile::from_json(&format!(
        r#"{{"situation":"dehors","residence_departement":"69"{extra}}}"#
    ))
    .expect("profile")
}

fn run(p: &Profile, o: &[Offer], lang: Lang) -> ResultText {
    let today = date::parse("2026-12-01").expect("date");
    let r = match_profile(p, o, rd(), today);
    // The reference reading of the rules agrees, offer by offer.
    assert_eq!(r, reference::match_profile(p, o, rd(), today));
    Explain::new(rd(), lang).result(&r)
}

fn excluded<'a>(h: &'a HorizonText, id: &str) -> Vec<(String, &'a str)> {
    h.excluded
        .iter()
        .filter(|x| x.id == id)
        .flat_map(|x| {
            x.rules
                .iter()
                .map(|r| (r.rule.code().to_string(), r.text.as_str()))
        })
        .collect()
}

fn warnings<'a>(h: &'a HorizonText, id: &str) -> Vec<(String, &'a str)> {
    h.fits
        .iter()
        .filter(|f| f.id == id)
        .flat_map(|f| {
            f.warnings
                .iter()
                .map(|w| (w.rule.code().to_string(), w.text.as_str()))
        })
        .collect()
}

fn fits(h: &HorizonText, id: &str) -> bool {
    h.fits.iter().any(|f| f.id == id)
}

#[test]
fn a_ban_on_minors_rules_out_a_job_with_children_that_the_catalogue_did_not_flag() {
    let o = offers(&[
        "anim;Centre social;Animateur périscolaire;emploi;dehors;;69;;G1203;",
        "creche;Crèche;Auxiliaire petite enfance;emploi;dehors;;69;;K1303,K1202;",
        "aci;Chantier;Espaces verts et aide aux écoles;aci;dehors;;69;;A1203,K1303;",
        "domaine;Asso;Services à la personne;accompagnement;dehors;;69;;K13;",
        "cuisine;Resto;Commis de cuisine;emploi;dehors;;69;;G1602;",
        "declared;Centre;Animateur;emploi;dehors;;69;;G1203;mineurs",
    ]);
    let p = dehors(r#","banned_activities":["mineurs"]"#);
    let r = run(&p, &o, Lang::Fr);
    let now = &r.now;
    // Every job of the offer is work with minors: out, with the job named.
    assert_eq!(
        excluded(now, "anim"),
        vec![(
            "banned_activity".to_string(),
            "Interdiction d'exercer : Activité impliquant un contact habituel avec des mineurs. \
             Le métier de l'offre en relève : Animation de loisirs auprès d'enfants ou \
             d'adolescents (G1203)."
        )]
    );
    assert_eq!(excluded(now, "creche").len(), 1);
    assert!(!fits(now, "anim") && !fits(now, "creche"));
    // One job of several: the offer stays, and the counsellor is told which job to avoid.
    assert!(fits(now, "aci"));
    assert_eq!(
        warnings(now, "aci").first(),
        Some(&(
            "banned_activity".to_string(),
            "Interdiction d'exercer : Activité impliquant un contact habituel avec des mineurs. \
             Un des métiers de l'offre en relève (Assistance auprès d'enfants (K1303)) : \
             vérifier que le poste proposé à la personne n'est pas celui-là."
        ))
    );
    // A domain that covers such a job: kept, flagged.
    assert!(fits(now, "domaine"));
    let w = warnings(now, "domaine");
    assert!(
        w.iter().any(|(c, t)| c == "banned_activity"
            && t.contains("domaine ")
            && t.contains("(K13)")
            && t.contains("(K1303)")),
        "{w:?}"
    );
    // Nothing to do with minors: untouched.
    assert!(fits(now, "cuisine"));
    assert!(warnings(now, "cuisine")
        .iter()
        .all(|(c, _)| c != "banned_activity"));
    // Declared in `activites_reglementees`: one exclusion, not two.
    assert_eq!(excluded(now, "declared").len(), 1);

    // English.
    let en = run(&p, &o, Lang::En);
    assert_eq!(
        excluded(&en.now, "anim")[0].1,
        "Banned from working in: Activity involving regular contact with minors. The offer's \
         job falls under it: Animation de loisirs auprès d'enfants ou d'adolescents (G1203)."
    );
}

#[test]
fn without_the_ban_the_same_jobs_fit_with_no_word_about_it() {
    let o = offers(&[
        "anim;Centre social;Animateur périscolaire;emploi;dehors;;69;;G1203;",
        "garde;Sécu;Agent de sécurité;emploi;dehors;;69;;K2503;",
    ]);
    for p in [
        dehors(""),
        dehors(r#","banned_activities":["fonction_publique"]"#),
    ] {
        let r = run(&p, &o, Lang::Fr);
        assert!(fits(&r.now, "anim") && fits(&r.now, "garde"));
        assert!(r
            .now
            .fits
            .iter()
            .flat_map(|f| &f.warnings)
            .all(|w| w.rule.code() != "banned_activity"));
    }
    // A ban on private security rules out the guard only.
    let r = run(
        &dehors(r#","banned_activities":["securite_privee"]"#),
        &o,
        Lang::Fr,
    );
    assert!(fits(&r.now, "anim"));
    assert_eq!(excluded(&r.now, "garde").len(), 1);
}

#[test]
fn the_ban_holds_after_release_too() {
    let o = offers(&["taxi;Taxis;Chauffeur de taxi;emploi;dehors;;44;;N4102;"]);
    let p = Profile::from_json(
        r#"{"situation":"dedans","establishment":"nantes","release_date":"2027-03-01",
            "release_departement":"44","banned_activities":["transport_personnes"]}"#,
    )
    .expect("profile");
    let r = run(&p, &o, Lang::Fr);
    let after = r.after_release.expect("after release");
    assert_eq!(excluded(&after, "taxi")[0].0, "banned_activity");
}

/// The real national SIAE list with its jobs (les emplois de l'inclusion, 2019): every
/// structure whose jobs are all private security is out for a person banned from it, every one
/// that also hires for it is flagged, and the others are untouched.
#[test]
fn the_real_siae_list_with_jobs_meets_a_ban_on_private_security() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let file = "siae_metiers_rome_2019_les_emplois.csv";
    let Ok(bytes) = std::fs::read(root.join("../shared/data/external").join(file)) else {
        eprintln!("SKIPPED: {file}; CI has ../shared beside the clone");
        return;
    };
    let text = std::fs::read_to_string(root.join("data/mappings/emplois-siae-metiers.json"))
        .expect("mapping");
    let (m, problems) = mapping::parse(&text, "emplois-siae-metiers.json");
    assert!(problems.is_empty(), "{problems:?}");
    let l = load_mapped(&bytes, file, rd(), Some(&m));
    assert!(l.offers.len() >= 228);
    assert!(l
        .problems
        .iter()
        .all(|p| p.severity != Severity::Error || p.line > 0));
    let p = Profile::from_json(
        r#"{"situation":"dehors","residence_departement":"93","banned_activities":["securite_privee"]}"#,
    )
    .expect("profile");
    let r = run(&p, &l.offers, Lang::Fr);
    let (mut out, mut flagged) = (0, 0);
    for o in &l.offers {
        let guard =
            |s: &relais_core::model::Code| ["K2501", "K2502", "K2503"].contains(&s.as_str());
        let all = !o.sectors().is_empty() && o.sectors().iter().all(guard);
        let some = o.sectors().iter().any(guard);
        let x = excluded(&r.now, &o.id);
        let by_ban = x.iter().any(|(c, _)| c == "banned_activity");
        assert_eq!(by_ban, all, "{} {:?}", o.organisation, o.sectors());
        if all {
            out += 1;
        }
        if some && !all && fits(&r.now, &o.id) {
            flagged += 1;
            assert!(
                warnings(&r.now, &o.id)
                    .iter()
                    .any(|(c, t)| c == "banned_activity" && t.contains("(K25")),
                "{}",
                o.organisation
            );
        }
    }
    // « CREATEUR D'INSTANTS » (Montreuil) hires guards and waiters: kept, flagged.
    let ci = l
        .offers
        .iter()
        .find(|o| o.organisation.contains("CREATEUR D'INSTANTS"))
        .expect("Créateur d'instants");
    assert!(
        fits(&r.now, &ci.id)
            || !excluded(&r.now, &ci.id)
                .iter()
                .any(|(c, _)| c == "banned_activity")
    );
    println!("{out} structures out, {flagged} flagged");
    assert!(flagged >= 1, "no structure flagged");
}
