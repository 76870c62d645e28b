//! The curfew against hours as people write them: a known part that meets the curfew
//! excludes; a part that could not be read warns; nothing is dropped in silence (issue 12).

use relais_core::catalogue::load;
use relais_core::matching::HorizonResult;
use relais_core::{
    catalogue::Loaded, catalogue::Severity, date, matching::match_profile, model::Profile,
    refdata::RefData,
};

const HEADER: &str = "id;organisation;titre;type;milieu;etablissements;departements;communes;secteurs;competences;mesures;horaires;activites_reglementees;casier;prerequis;debut;fin;places;date_maj;suite;contact;description";

fn refdata() -> RefData {
    RefData::bundled().expect("bundled data")
}

fn row(id: &str, hours: &str) -> String {
    format!("{id};Asso Exemple;Atelier;aci;dehors;;93;;;;;\"{hours}\";;;;;;4;2026-11-01;;;")
}

fn load_rows(rows: &[String]) -> Loaded {
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    load(csv.as_bytes(), "test.csv", &refdata())
}

fn ddse() -> Profile {
    Profile::from_json(
        r#"{"situation":"dehors","measures":["ddse"],"residence_departement":"93","curfew":"lun-dim 20:00-07:00"}"#,
    )
    .expect("profile")
}

fn now(loaded: &Loaded) -> HorizonResult {
    match_profile(
        &ddse(),
        &loaded.offers,
        &refdata(),
        date::parse("2026-11-23").expect("date"),
    )
    .now
}

fn excluded_by(h: &HorizonResult, id: &str) -> Vec<&'static str> {
    h.excluded
        .iter()
        .filter(|x| x.id == id)
        .flat_map(|x| x.rules.iter().map(|r| r.rule().code()))
        .collect()
}

fn warned(h: &HorizonResult, id: &str) -> Vec<&'static str> {
    h.fits
        .iter()
        .filter(|x| x.id == id)
        .flat_map(|x| x.warnings.iter().map(|r| r.rule().code()))
        .collect()
}

#[test]
fn the_bypass_of_issue_12_is_closed() {
    let loaded = load_rows(&[
        row(
            "ferme-dimanche",
            "lun-ven 09:00-12:00; sam 19:00-23:00 (fermé le dimanche)",
        ),
        row("ferme-aout", "mar-sam 19h-23h, fermé en août"),
    ]);
    assert_eq!(loaded.offers.len(), 2);
    let h = now(&loaded);
    assert_eq!(excluded_by(&h, "ferme-dimanche"), ["curfew"]);
    assert_eq!(excluded_by(&h, "ferme-aout"), ["curfew"]);
}

#[test]
fn partly_known_hours_warn_unless_a_known_part_meets_the_curfew() {
    let loaded = load_rows(&[
        // The evening is known: excluded, whatever the unread part says.
        row("soir", "mar-sam 19h-23h\nle dimanche selon les chantiers"),
        // Only the day is known; the rest could hide an evening: fits, with curfew_unknown.
        row("jour", "lun-ven 9h-12h\nle jeudi en soirée à la demande"),
        // « à préciser »: no hours at all, kept, warned.
        row("seances", "sur rendez-vous"),
        // Fully known and outside the curfew: fits, no curfew warning.
        row("clair", "du lundi au vendredi de 9h à 12h et de 14h à 17h"),
    ]);
    assert_eq!(loaded.offers.len(), 4);
    let h = now(&loaded);
    assert_eq!(excluded_by(&h, "soir"), ["curfew"]);
    assert!(warned(&h, "jour").contains(&"curfew_unknown"));
    assert!(warned(&h, "seances").contains(&"curfew_unknown"));
    assert!(!warned(&h, "clair").contains(&"curfew_unknown"));
    assert!(h.fits.iter().any(|f| f.id == "clair"));
}

#[test]
fn each_part_not_placed_is_a_warning_quoting_it() {
    let loaded = load_rows(&[
        row("partiel", "lun-ven 9h-12h\nle jeudi en soirée à la demande"),
        row("illisible", "n'importe quoi"),
    ]);
    let hours: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.field.as_deref() == Some("horaires"))
        .collect();
    let on_line = |n: usize| {
        hours
            .iter()
            .filter(|p| p.line == n)
            .copied()
            .collect::<Vec<_>>()
    };
    let line2 = on_line(2);
    let [partial] = line2.as_slice() else {
        panic!("one problem on line 2: {hours:?}")
    };
    assert_eq!(partial.severity, Severity::Warning);
    assert!(
        partial
            .message
            .contains("« le jeudi en soirée à la demande »"),
        "{}",
        partial.message
    );
    // Nothing readable at all: an error, the row is kept with its hours shown as written.
    // The first row's cell holds a line break: the second row starts on line 4.
    let line4 = on_line(4);
    let [unreadable] = line4.as_slice() else {
        panic!("one problem on line 4: {hours:?}")
    };
    assert_eq!(unreadable.severity, Severity::Error);
    assert!(unreadable.message.contains("« n'importe quoi »"));
    // A part that is neither hours nor a session: « partie des horaires non lue ».
    let other = load_rows(&[row("foyer", "lun-ven 9h-12h\nsoirées au foyer")]);
    assert!(
        other
            .problems
            .iter()
            .any(|p| p.severity == Severity::Warning
                && p.message
                    .contains("partie des horaires non lue « soirées au foyer »")),
        "{:?}",
        other.problems
    );
    let kept = loaded
        .offers
        .iter()
        .find(|o| o.id == "illisible")
        .expect("kept");
    assert_eq!(kept.schedule_text, "n'importe quoi");
}
