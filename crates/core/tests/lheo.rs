//! LHEO as a training catalogue gives it: several sessions, unknown days, bad dates and a cut
//! file, each reported with its line.

use relais_core::catalogue::{load, Severity};
use relais_core::{details, refdata::RefData};

fn rd() -> RefData {
    let mut rd = RefData::bundled().expect("bundled");
    rd.add_communes(include_str!("../../../data/communes.csv"))
        .expect("communes");
    rd
}

const TWO_SESSIONS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<lheo xmlns="http://www.lheo.org/2.2">
<offres>
<formation numero="F1">
<domaine-formation><code-FORMACODE>15235</code-FORMACODE><code-ROME>k2111</code-ROME></domaine-formation>
<intitule-formation>Français
  langue étrangère</intitule-formation>
<objectif-formation>&lt;p&gt;Parler &amp; écrire&lt;/p&gt;</objectif-formation>
<action numero="A1">
<code-public-vise ref="V12">81013</code-public-vise>
<modalites-enseignement>1</modalites-enseignement>
<lieu-de-formation><coordonnees><adresse><ligne>2 rue Neuve</ligne><codepostal>69003</codepostal><ville>Lyon</ville></adresse></coordonnees></lieu-de-formation>
<session numero="S1"><periode><debut>20270100</debut><fin>20270300</fin></periode><etat-recrutement>1</etat-recrutement></session>
<session numero="S2"><periode><debut>2027-09-01</debut><fin>20271231</fin></periode><etat-recrutement>2</etat-recrutement></session>
<organisme-formateur><raison-sociale-formateur>Asso Lire</raison-sociale-formateur></organisme-formateur>
</action>
</formation>
</offres>
</lheo>
"#;

#[test]
fn an_action_with_two_sessions_gives_two_offers() {
    let l = load(TWO_SESSIONS.as_bytes(), "f.xml", &rd());
    assert_eq!(l.offers.len(), 2, "{:?}", l.problems);
    let s1 = l.offers.iter().find(|o| o.id == "A1-S1").expect("S1");
    let s2 = l.offers.iter().find(|o| o.id == "A1-S2").expect("S2");
    assert_eq!(s1.title, "Français langue étrangère");
    assert_eq!(s1.organisation, "Asso Lire");
    assert_eq!(s1.sectors(), ["K2111"]);
    // Postal code and town: Lyon 3e arrondissement.
    assert_eq!(s1.communes(), ["69383"]);
    assert_eq!(
        s1.start.map(relais_core::date::iso).as_deref(),
        Some("2027-01-01")
    );
    assert_eq!(
        s1.end.map(relais_core::date::iso).as_deref(),
        Some("2027-03-31")
    );
    assert_eq!(
        details::list(s1, details::MODES),
        ["en-presentiel", "a-distance"]
    );
    assert_eq!(
        details::list(s1, details::PUBLICS),
        ["personnes-en-situation-juridique-specifique"]
    );
    assert_eq!(details::publics_not_fitting(s1), None);
    assert!(s1.description().contains("Parler & écrire"));
    // Recruitment closed: no seat.
    assert_eq!(s2.seats, Some(0));
    // « 2027-09-01 » is no LHEO date: said on its line, the offer kept without it.
    assert_eq!(s2.start, None);
    let p = l
        .problems
        .iter()
        .find(|p| p.field.as_deref() == Some("debut"))
        .expect("a problem on the date");
    assert_eq!((p.line, p.severity), (14, Severity::Warning));
    assert!(p.message.contains("« 2027-09-01 »"), "{}", p.message);
}

#[test]
fn a_cut_file_keeps_the_offers_before_the_cut_and_names_the_line() {
    let cut = TWO_SESSIONS.replace("</offres>\n</lheo>\n", "");
    let extra = format!("{cut}<formation numero=\"F2\"><intitule-formation>x</intitule-formation>\n<action><oops></action>");
    let l = load(extra.as_bytes(), "f.xml", &rd());
    assert_eq!(l.offers.len(), 2);
    let e = l
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("an error");
    assert_eq!(e.line, 19, "{e}");
    assert!(e.message.starts_with("XML illisible ligne 19"), "{e}");
}

#[test]
fn an_lheo_file_without_formation_says_so() {
    let l = load(b"<lheo><offres/></lheo>", "f.xml", &rd());
    assert!(l.offers.is_empty());
    assert_eq!(l.errors(), 1);
}

#[test]
fn an_lheo_file_is_no_table_to_map() {
    // The page offers a column mapping for tables without Relais columns: not for LHEO.
    assert!(relais_core::mapping::needs_mapping(TWO_SESSIONS.as_bytes()).is_none());
}
