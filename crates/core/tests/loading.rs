//! Loading catalogues as associations' spreadsheets export them.

use relais_core::catalogue::{load, to_csv, Severity};
use relais_core::{model::Measure, model::Milieu, model::OfferType};

mod common;
use common::refdata as rd;

#[test]
fn the_seed_catalogue_loads_without_error() {
    let l = load(
        relais_core::refdata::SEED_CATALOGUE.as_bytes(),
        "data/catalogue.csv",
        rd(),
    );
    let errors: Vec<_> = l
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(l.offers.len() >= 60);
    for t in OfferType::ALL {
        assert!(
            l.offers.iter().any(|o| o.kind == *t),
            "no offer of type {t:?}"
        );
    }
    for m in Milieu::ALL {
        assert!(l.offers.iter().any(|o| o.milieu == *m), "no offer {m:?}");
    }
    for org in [
        "Toi Même Tu Parles",
        "Webforce3",
        "Permis de construire",
        "Wake Up Café",
        "ACAY",
    ] {
        assert!(
            l.offers.iter().any(|o| o.organisation.contains(org)),
            "{org} missing"
        );
    }
    assert!(l
        .offers
        .iter()
        .any(|o| o.establishments().iter().any(|e| e == "fleury-merogis")
            && o.kind == OfferType::Aci));
}

#[test]
fn french_excel_windows_1252_with_semicolons_and_accented_headers() {
    let text = "Id ; Organisation ; Titre ; Type ; Milieu ; Départements ; Compétences ; Date MAJ\r\n\
                a1 ; Asso Été ; Cuisine collective ; Formation ; dehors ; 44 ; cuisine,pâtisserie ; 15/01/2026\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let l = load(&bytes, "export.csv", rd());
    assert_eq!(l.encoding, "Windows-1252");
    assert_eq!(l.delimiter, Some(b';'));
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let o = &l.offers[0];
    assert_eq!(o.organisation, "Asso Été");
    assert_eq!(o.skills(), vec!["cuisine", "pâtisserie"]);
    assert_eq!(o.kind, OfferType::Formation);
    assert_eq!(o.checked, relais_core::date::parse("2026-01-15"));
}

#[test]
fn utf8_with_bom_commas_quotes_and_english_headers() {
    let text = "\u{feff}id,organization,title,type,milieu,departements,measures,schedule,seats\n\
                b1,\"Org, Inc\",Title,tig,dehors,\"69,01\",\"tig\",\"Mo-Fr 08:00-12:00; Sa 09:00-12:00\",4\n";
    let l = load(text.as_bytes(), "en.csv", rd());
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let o = &l.offers[0];
    assert_eq!(o.organisation, "Org, Inc");
    assert_eq!(o.departements(), vec!["69", "01"]);
    assert_eq!(*o.measures, [Measure::Tig]);
    assert!(o.schedule.is_some());
    assert_eq!(o.seats, Some(4));
}

#[test]
fn every_bad_cell_is_reported_with_line_column_and_what_to_change() {
    let text = "id;organisation;titre;type;milieu;etablissements;departements;communes;casier;debut;fin;places;suite;couleur\n\
                ok;A;B;aci;dedans;fleury-merogis;;;;;;;nowhere;bleu\n\
                t;A;B;stage;dehors;;44;;;;;;;\n\
                m;A;B;aci;partout;;44;;;;;;;\n\
                e;A;B;aci;dedans;prison-imaginaire;;;;;;;;\n\
                d;A;B;aci;dehors;;99;;;;;;;\n\
                c;A;B;aci;dehors;;93;93000;;;;;;\n\
                r;A;B;emploi;dehors;;69;;propre;;;;;\n\
                dt;A;B;formation;dehors;;69;;;31/02/2027;;;;\n\
                inv;A;B;formation;dehors;;69;;;2027-03-01;2027-01-01;;;\n\
                p;A;B;formation;dehors;;69;;;;;douze;;\n\
                ok;A;Doublon;aci;dehors;;69;;;;;;;\n\
                ;A;B;aci;dehors;;69;;;;;;;\n";
    let l = load(text.as_bytes(), "asso.csv", rd());
    let find = |line: usize| {
        l.problems
            .iter()
            .filter(move |p| p.line == line)
            .collect::<Vec<_>>()
    };
    // Unknown column reported once, on the header.
    let unknown = find(1);
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0].message.contains("couleur") && unknown[0].severity == Severity::Warning);
    assert!(
        find(2)[0].message.contains("nowhere"),
        "suite pointing at no offer"
    );
    assert_eq!(find(2)[0].column, Some(13));
    assert!(
        find(3)[0].message.contains("type inconnu « stage »")
            && find(3)[0].message.contains("formation")
    );
    assert_eq!(find(3)[0].column, Some(4));
    assert!(find(4)[0].message.contains("milieu inconnu"));
    assert!(find(5)[0].message.contains("prison-imaginaire"));
    assert!(find(6)[0].message.contains("département inconnu « 99 »"));
    // A postal code that serves one commune is read as that commune, and said to be one.
    assert!(
        find(7)[0].message.contains("93000")
            && find(7)[0].message.contains("code postal")
            && find(7)[0].message.contains("Bobigny (93008)")
            && find(7)[0].severity == Severity::Warning,
        "{:?}",
        find(7)
    );
    assert!(find(8)[0].message.contains("casier inconnu"));
    assert!(find(9)[0]
        .message
        .contains("date impossible « 31/02/2027 »"));
    assert!(find(10)[0].message.contains("avant le début"));
    assert!(find(11)[0].message.contains("douze"));
    assert!(find(12)[0].message.contains("déjà utilisé ligne 2"));
    assert!(find(13)[0].message.contains("« id » est obligatoire"));
    let ids: Vec<&str> = l.offers.iter().map(|o| o.id.as_str()).collect();
    // Rows whose mistake could make an offer fit wrongly are not loaded; the others are.
    assert_eq!(ids, vec!["ok", "c", "p"]);
    assert_eq!(
        l.offers[0].extra.get("couleur").map(String::as_str),
        Some("bleu")
    );
    assert!(l.offers[0].continues_as().is_empty());
    for p in &l.problems {
        let shown = p.to_string();
        assert!(
            shown.starts_with(&format!("asso.csv:{}:", p.line)),
            "{shown}"
        );
    }
}

#[test]
fn a_file_without_the_required_columns_says_which() {
    let l = load(b"adresse,ville\nx,y\n", "autre.csv", rd());
    assert!(l.offers.is_empty());
    let errors: Vec<_> = l
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .contains("id, organisation, titre, type, milieu"),
        "{}",
        errors[0].message
    );
    let empty = load(b"", "vide.csv", rd());
    assert!(empty.problems[0].message.contains("vide"));
}

#[test]
fn excel_drops_leading_zeros_and_the_loader_puts_them_back() {
    let l = load(
        b"id;organisation;titre;type;milieu;departements;communes\nz;A;B;aci;dehors;1;1053\n",
        "x.csv",
        rd(),
    );
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    assert_eq!(l.offers[0].departements(), vec!["01"]);
    assert_eq!(l.offers[0].communes(), vec!["01053"]);
}

#[test]
fn json_catalogue_uses_the_same_rules() {
    let json = r#"[{"id":"j1","organisation":"A","titre":"B","type":"aci","milieu":"dehors","departements":["44"],"competences":["cuisine"]},
                  {"id":"j2","organisation":"A","titre":"B","type":"nope","milieu":"dehors","departements":"44"}]"#;
    let l = load(json.as_bytes(), "cat.json", rd());
    assert_eq!(l.offers.len(), 1);
    assert_eq!(l.problems.len(), 1);
    assert_eq!(l.problems[0].line, 2);
    assert!(l.problems[0].message.contains("type inconnu"));
    let broken = load(b"[{\"id\": }]", "cat.json", rd());
    assert!(broken.problems[0].message.contains("JSON illisible"));
}

#[test]
fn export_then_import_gives_the_same_catalogue() {
    let rd = rd();
    let l = load(
        relais_core::refdata::SEED_CATALOGUE.as_bytes(),
        "data/catalogue.csv",
        rd,
    );
    let again = load(to_csv(&l.offers).as_bytes(), "export.csv", rd);
    assert!(
        again.problems.iter().all(|p| p.severity != Severity::Error),
        "{:?}",
        again.problems
    );
    assert_eq!(again.offers.len(), l.offers.len());
    for (a, b) in l.offers.iter().zip(&again.offers) {
        let mut a = a.clone();
        a.line = b.line;
        assert_eq!(&a, b);
    }
}

#[test]
fn the_windows_1252_table_agrees_with_encoding_rs_on_every_byte() {
    let all: Vec<u8> = (0u8..=255).collect();
    let (expected, _, _) = encoding_rs::WINDOWS_1252.decode(&all);
    assert_eq!(relais_core::catalogue::decode_windows_1252(&all), expected);
}

/// Excel on Windows writes CRLF: the lines reported are still those of the file.
#[test]
fn crlf_and_cr_line_ends_keep_the_line_numbers_of_the_file() {
    let lf = "id;organisation;titre;type;milieu;departements\na;A;B;stage;dehors;44\nb;A;B;aci;dehors;44\nc;A;\"deux\nlignes\";zz;dehors;44\nd;A;B;aci;dehors;nulle-part\n";
    let rd = rd();
    let expected: Vec<(usize, Option<usize>)> = load(lf.as_bytes(), "f.csv", rd)
        .problems
        .iter()
        .map(|p| (p.line, p.column))
        .collect();
    assert_eq!(
        expected,
        [(2, Some(4)), (4, Some(4)), (6, Some(6)), (6, Some(6))],
        "the quoted cell spans lines 4 and 5"
    );
    for text in [lf.replace('\n', "\r\n"), lf.replace('\n', "\r")] {
        let l = load(text.as_bytes(), "f.csv", rd);
        let got: Vec<(usize, Option<usize>)> =
            l.problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(got, expected, "{text:?}");
        assert_eq!(l.offers.len(), 1);
        assert_eq!(l.offers[0].line, 3);
    }
}

/// `to_csv` writes exactly what the csv crate's writer would (it is hand-written to keep the
/// csv writer out of the browser bundle).
#[test]
fn to_csv_quotes_as_the_csv_writer_does() {
    let rd = rd();
    let mut offers = load(
        relais_core::refdata::SEED_CATALOGUE.as_bytes(),
        "data/catalogue.csv",
        rd,
    )
    .offers;
    offers[0].edit_lists(|l| l.description = "un ; deux \"trois\"\nquatre\r\ncinq, six".into());
    offers[1].edit_lists(|l| l.contact = "\"".into());
    offers[2].extra.insert("note interne".into(), "a;b".into());
    offers[3].extra.insert("autre".into(), String::new());
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let text = to_csv(&offers);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for rec in r.records() {
        w.write_record(&rec.expect("a record")).expect("write");
    }
    let expected = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
    assert_eq!(text, expected);
    assert!(text.contains("\"un ; deux \"\"trois\"\"\nquatre\r\ncinq, six\""));
}

#[test]
fn offers_that_write_the_same_hours_share_one_reading_and_each_row_keeps_its_warning() {
    let csv = "id;organisation;titre;type;milieu;departements;horaires\n\
        a;Asso;Atelier A;formation;dehors;69;lun-ven 09:00-12:00\n\
        b;Asso;Atelier B;formation;dehors;69;lun-ven 09:00-12:00\n\
        c;Asso;Atelier C;formation;dehors;69;le matin quand il fait beau\n\
        d;Asso;Atelier D;formation;dehors;69;le matin quand il fait beau\n\
        e;Asso;Atelier E;formation;dehors;69;mer 14:00-17:00\n";
    let l = load(csv.as_bytes(), "ateliers.csv", rd());
    assert_eq!(l.offers.len(), 5, "{:#?}", l.problems);
    let hours = |i: usize| l.offers[i].schedule.clone().expect("hours read");
    assert!(
        std::sync::Arc::ptr_eq(&hours(0), &hours(1)),
        "same text, one reading"
    );
    assert!(!std::sync::Arc::ptr_eq(&hours(0), &hours(4)));
    assert_eq!(hours(4).spans.len(), 1);
    // What is wrong in shared hours is still said at each line that writes them.
    let hour_lines: Vec<usize> = l
        .problems
        .iter()
        .filter(|p| p.field.as_deref() == Some("horaires"))
        .map(|p| p.line)
        .collect();
    assert_eq!(hour_lines, vec![4, 5], "{:#?}", l.problems);
}

#[test]
fn a_large_csv_read_row_by_row_gives_what_the_same_rows_give_through_a_mapping() {
    // The plain path streams rows into offers; a mapping keeps the table whole. Both must
    // read the same file the same way.
    let csv = relais_core::synthetic::catalogue_csv(3_000, rd());
    let plain = load(csv.as_bytes(), "gros.csv", rd());
    let header = csv.lines().next().unwrap_or_default();
    let fields: Vec<String> = header
        .split(';')
        .map(|c| format!("\"{c}\": {{\"colonne\": \"{c}\"}}"))
        .collect();
    let text = format!(
        "{{\"format\": \"relais-correspondance\", \"version\": 1, \"champs\": {{{}}}}}",
        fields.join(", ")
    );
    let (mapping, problems) = relais_core::mapping::parse(&text, "identite.json");
    assert!(problems.is_empty(), "{problems:#?}");
    let mapped =
        relais_core::catalogue::load_mapped(csv.as_bytes(), "gros.csv", rd(), Some(&mapping));
    assert_eq!(plain.offers.len(), 3_000);
    assert_eq!(plain.offers, mapped.offers);
    assert_eq!(plain.problems, mapped.problems);
}

#[test]
fn a_line_break_a_sheet_writes_in_a_cell_reads_as_a_line_break() {
    // A workbook's sheet hands its rows over with U+2028 for a line break inside a cell, so
    // that each row keeps the sheet's line number; « … » (U+2026) starts with the same byte.
    let csv = "id;organisation;titre;type;milieu;departements;description;contact\n\
               a;Asso;Atelier;emploi;dehors;44;Lundi\u{2028}Mardi;Écrire… ou appeler\n\
               b;Asso;Atelier;emploi;dehors;44;Un seul jour;\n";
    let l = load(csv.as_bytes(), "sheet.csv", rd());
    assert_eq!(l.offers.len(), 2, "{:#?}", l.problems);
    assert_eq!(l.offers[0].description(), "Lundi\nMardi");
    assert_eq!(l.offers[0].contact(), "Écrire… ou appeler");
    assert_eq!(l.offers[1].description(), "Un seul jour");
}
