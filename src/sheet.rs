//! The orientation sheet: one [`Sheet`] (what the counsellor picked and typed, and what « Sur cet
//! ordinateur » saves), written in two forms by [`document`]:
//!
//! - « Pour la personne » ([`SheetKind::Person`]): plain words — where and when in words, how to
//!   reach each structure, what to bring. No score, no ROME code, no INSEE code, and nothing of
//!   the court's decisions or the criminal record unless the counsellor ticks
//!   [`Sheet::court`].
//! - « Pour le dossier » ([`SheetKind::Dossier`]): everything — reasons with their points,
//!   warnings, codes, record requirements, what no longer fits.
//!
//! Both forms are one [`SheetDoc`] of plain strings: the page draws it (`components/sheet.rs`)
//! and [`to_html`] writes the file « Enregistrer la fiche » downloads, so that what is printed
//! and what is saved never differ. No matching happens here: fitting, reasons and warnings come
//! from the core's result.

use crate::i18n::{t, tf, Lang};
use crate::present::{self, date_words, escape_html, vocab, Standing};
use relais_core::date;
use relais_core::matching::MatchResult;
use relais_core::model::{Offer, OfferType};
use relais_core::refdata::RefData;
use serde_json::Value;
use time::Date;

/// Which of the two sheets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SheetKind {
    /// Handed to the person: plain words, nothing of the court unless ticked.
    #[default]
    Person,
    /// Kept in the file: everything.
    Dossier,
}

impl SheetKind {
    pub fn code(self) -> &'static str {
        match self {
            SheetKind::Person => "personne",
            SheetKind::Dossier => "dossier",
        }
    }
}

/// The orientation sheet being prepared: the same value is shown, printed and saved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// Offer ids, in the order they were picked.
    pub ids: Vec<String>,
    pub note: String,
    /// Empty by default: the sheet names nobody unless the counsellor types a name.
    pub name: String,
    /// The service to contact (name, address, phone), as typed on the sheet; empty: the one of
    /// `relais.config.json` (`fiche_service`).
    pub service: String,
    /// The counsellor's name and contact, as typed; empty: `fiche_conseiller` of the
    /// configuration.
    pub counsellor: String,
    /// Show the court's decisions and the record (warnings, record requirements) on the
    /// person's sheet too. Off by default.
    pub court: bool,
    /// The form on screen and printed (not saved: a sheet opens as the person's).
    pub kind: SheetKind,
}

fn string_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

impl Sheet {
    /// `{"ids": […], "note": "…", "name": "…", "service": "…", "counsellor": "…", "court": false}`.
    pub fn to_value(&self) -> Value {
        let mut o = serde_json::Map::new();
        let ids = self.ids.iter().cloned().map(Value::String).collect();
        o.insert("ids".into(), Value::Array(ids));
        for (k, v) in [
            ("note", &self.note),
            ("name", &self.name),
            ("service", &self.service),
            ("counsellor", &self.counsellor),
        ] {
            o.insert(k.into(), Value::String(v.clone()));
        }
        o.insert("court".into(), Value::Bool(self.court));
        Value::Object(o)
    }

    /// The sheet for the next person: empty, but the service and the counsellor typed stay
    /// (they are the counsellor's, not the person's), and so does the form chosen.
    pub fn for_new_person(&self) -> Sheet {
        Sheet {
            service: self.service.clone(),
            counsellor: self.counsellor.clone(),
            kind: self.kind,
            ..Sheet::default()
        }
    }

    /// Read back what [`Sheet::to_value`] wrote; missing keys (a dossier saved before they
    /// existed) are empty.
    pub fn from_value(v: &Value) -> Sheet {
        Sheet {
            ids: string_list(v.get("ids")),
            note: text(v, "note"),
            name: text(v, "name"),
            service: text(v, "service"),
            counsellor: text(v, "counsellor"),
            court: v.get("court").and_then(Value::as_bool).unwrap_or(false),
            kind: SheetKind::default(),
        }
    }
}

/// One block of an offer on the sheet: a label and its lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub label: String,
    pub lines: Vec<String>,
    /// Something to check or that no longer holds (drawn in the warning colour).
    pub warn: bool,
}

/// One offer as the sheet writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub title: String,
    /// « Université du café — Atelier chantier d'insertion ».
    pub subtitle: String,
    /// « Après votre sortie », when it fits only after release.
    pub note: Option<String>,
    pub parts: Vec<Part>,
}

/// A whole sheet in one language and one form: what the page draws and the file holds.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetDoc {
    pub kind: SheetKind,
    pub lang: Lang,
    pub title: String,
    pub date: String,
    /// « Personne : … », only when a name was typed.
    pub person: Option<String>,
    pub entries: Vec<Entry>,
    pub empty: Option<String>,
    /// The counsellor's note, as typed.
    pub note: Option<(String, String)>,
    /// Who to contact: (label, value), service then counsellor, those known.
    pub contacts: Vec<(String, String)>,
    pub footer: String,
}

/// The defaults of the contacts, from the host's configuration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Defaults {
    pub service: String,
    pub counsellor: String,
}

/// Everything [`document`] reads.
pub struct Sources<'a> {
    pub offers: &'a [Offer],
    pub result: &'a MatchResult,
    pub refdata: &'a RefData,
    pub lang: Lang,
    pub today: Date,
    pub defaults: &'a Defaults,
}

/// Where: establishments, communes or départements by name, never a code.
fn where_plain(o: &Offer, refdata: &RefData, lang: Lang) -> Vec<String> {
    present::where_lines(o, refdata, lang)
}

/// A ROME code in words only (« Personnel de cuisine », a domain « (tout le domaine) », a
/// group by its jobs): `present::sector_label`, as the profile form's chips.
fn sector_words(refdata: &RefData, lang: Lang, code: &str) -> String {
    present::sector_label(refdata, lang, code)
}

/// When, for the person: the hours in words and the dates in words (not « vérifiée le »).
fn when_plain(o: &Offer, lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = present::when_lines(o, lang).into_iter().take(1).collect();
    lines.push(match (o.start, o.end) {
        (None, None) => t(lang, "when.permanent").to_string(),
        (Some(s), Some(e)) => tf(
            lang,
            "when.from_to",
            &[&date_words(lang, s), &date_words(lang, e)],
        ),
        (Some(s), None) => tf(lang, "when.from", &[&date_words(lang, s)]),
        (None, Some(e)) => tf(lang, "when.until", &[&date_words(lang, e)]),
    });
    lines
}

fn part(label: &str, lines: Vec<String>) -> Part {
    Part {
        label: label.to_string(),
        lines,
        warn: false,
    }
}

fn warn_part(label: &str, lines: Vec<String>) -> Part {
    Part {
        label: label.to_string(),
        lines,
        warn: true,
    }
}

fn labels(
    refdata: &RefData,
    lang: Lang,
    kind: &str,
    codes: &[relais_core::model::Code],
) -> Vec<String> {
    codes
        .iter()
        .map(|c| vocab(refdata, lang, kind, c))
        .collect()
}

fn person_entry(o: &Offer, src: &Sources, court: bool) -> Entry {
    let lang = src.lang;
    let mut parts = vec![
        part(t(lang, "offer.where"), where_plain(o, src.refdata, lang)),
        part(t(lang, "offer.when"), when_plain(o, lang)),
    ];
    let contact = o.contact().trim();
    parts.push(part(
        t(lang, "sheet.contact"),
        vec![if contact.is_empty() {
            t(lang, "sheet.contact_ask").to_string()
        } else {
            contact.to_string()
        }],
    ));
    if !o.prerequisites().is_empty() {
        parts.push(part(
            t(lang, "sheet.needed"),
            labels(src.refdata, lang, "prerequis", o.prerequisites()),
        ));
    }
    parts.push(part(
        t(lang, "sheet.bring"),
        vec![t(lang, "sheet.bring_always").to_string()],
    ));
    let standing = present::standing(src.result, &o.id);
    let say = present::explain(src.refdata, lang);
    if court {
        let mut lines: Vec<String> = match &standing {
            Standing::Fits { warnings, .. } => warnings.iter().map(|w| say.warning(w)).collect(),
            Standing::Beyond { beyond, .. } => {
                beyond.warnings.iter().map(|w| say.warning(w)).collect()
            }
            Standing::Excluded(rules) => rules.iter().map(|r| say.exclusion(r)).collect(),
        };
        if let Some(r) = o.record {
            lines.push(vocab(src.refdata, lang, "casier", r.code()));
        }
        if !lines.is_empty() {
            parts.push(warn_part(t(lang, "sheet.to_know"), lines));
        }
    }
    let after = matches!(
        standing,
        Standing::Fits { after: true, .. } | Standing::Beyond { after: true, .. }
    );
    Entry {
        id: o.id.to_string(),
        title: o.title.to_string(),
        subtitle: format!(
            "{} — {}",
            o.organisation,
            vocab(src.refdata, lang, OfferType::KIND, o.kind.code())
        ),
        note: after.then(|| t(lang, "sheet.after_release_person").to_string()),
        parts,
    }
}

fn dossier_entry(o: &Offer, src: &Sources) -> Entry {
    let lang = src.lang;
    let mut parts = vec![
        part(t(lang, "offer.where"), where_plain(o, src.refdata, lang)),
        part(t(lang, "offer.when"), present::when_lines(o, lang)),
    ];
    if !o.contact().trim().is_empty() {
        parts.push(part(
            t(lang, "sheet.contact"),
            vec![o.contact().trim().to_string()],
        ));
    }
    if !o.sectors().is_empty() {
        parts.push(part(
            t(lang, "sheet.sectors"),
            o.sectors()
                .iter()
                .map(|c| sector_words(src.refdata, lang, c))
                .collect(),
        ));
    }
    if !o.prerequisites().is_empty() {
        parts.push(part(
            t(lang, "sheet.needed"),
            labels(src.refdata, lang, "prerequis", o.prerequisites()),
        ));
    }
    if let Some(r) = o.record {
        parts.push(part(
            t(lang, "sheet.record"),
            vec![vocab(src.refdata, lang, "casier", r.code())],
        ));
    }
    let mut note = None;
    let say = present::explain(src.refdata, lang);
    match present::standing(src.result, &o.id) {
        Standing::Fits {
            reasons,
            warnings,
            after,
        } => {
            if after {
                note = Some(t(lang, "sheet.after_release").to_string());
            }
            parts.push(part(
                t(lang, "offer.reasons"),
                reasons
                    .iter()
                    .map(|r| format!("+{} — {}", r.points, say.reason(r)))
                    .collect(),
            ));
            if !warnings.is_empty() {
                parts.push(warn_part(
                    t(lang, "offer.warnings"),
                    warnings.iter().map(|w| say.warning(w)).collect(),
                ));
            }
        }
        Standing::Beyond { beyond, after } => {
            if after {
                note = Some(t(lang, "sheet.after_release").to_string());
            }
            parts.push(part(t(lang, "results.beyond"), vec![say.beyond(beyond)]));
            if !beyond.warnings.is_empty() {
                parts.push(warn_part(
                    t(lang, "offer.warnings"),
                    beyond.warnings.iter().map(|w| say.warning(w)).collect(),
                ));
            }
        }
        Standing::Excluded(rules) => parts.push(warn_part(
            t(lang, "sheet.no_longer_fits"),
            rules.iter().map(|r| say.exclusion(r)).collect(),
        )),
    }
    Entry {
        id: o.id.to_string(),
        title: o.title.to_string(),
        subtitle: format!(
            "{} — {}",
            o.organisation,
            vocab(src.refdata, lang, OfferType::KIND, o.kind.code())
        ),
        note,
        parts,
    }
}

/// The sheet in the form `sheet.kind`, in `src.lang`.
pub fn document(sheet: &Sheet, src: &Sources) -> SheetDoc {
    let lang = src.lang;
    let kind = sheet.kind;
    let entries: Vec<Entry> = sheet
        .ids
        .iter()
        .filter_map(|id| src.offers.iter().find(|o| o.id == *id))
        .map(|o| match kind {
            SheetKind::Person => person_entry(o, src, sheet.court),
            SheetKind::Dossier => dossier_entry(o, src),
        })
        .collect();
    let pick = |typed: &str, default: &str| {
        let v = if typed.trim().is_empty() {
            default.trim()
        } else {
            typed.trim()
        };
        (!v.is_empty()).then(|| v.to_string())
    };
    let mut contacts = Vec::new();
    if let Some(v) = pick(&sheet.service, &src.defaults.service) {
        contacts.push((t(lang, "sheet.service").to_string(), v));
    }
    if let Some(v) = pick(&sheet.counsellor, &src.defaults.counsellor) {
        contacts.push((t(lang, "sheet.counsellor").to_string(), v));
    }
    let today = match kind {
        SheetKind::Person => date_words(lang, src.today),
        SheetKind::Dossier => date::fr(src.today),
    };
    SheetDoc {
        kind,
        lang,
        title: t(
            lang,
            match kind {
                SheetKind::Person => "sheet.title_person",
                SheetKind::Dossier => "sheet.title_dossier",
            },
        )
        .to_string(),
        date: tf(lang, "sheet.date", &[&today]),
        person: Some(sheet.name.trim())
            .filter(|n| !n.is_empty())
            .map(|n| format!("{} {n}", t(lang, "sheet.person"))),
        empty: entries
            .is_empty()
            .then(|| t(lang, "sheet.empty").to_string()),
        entries,
        note: Some(sheet.note.trim())
            .filter(|n| !n.is_empty())
            .map(|n| (t(lang, "sheet.note").to_string(), n.to_string())),
        contacts,
        footer: t(lang, "sheet.footer").to_string(),
    }
}

/// The sheet as a standalone HTML file (A4 print styles included), the one « Enregistrer la
/// fiche » downloads.
pub fn to_html(doc: &SheetDoc) -> String {
    let e = escape_html;
    let mut h = String::new();
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body class=\"sheet-{}\">\n",
        doc.lang.code(),
        e(&doc.title),
        FILE_CSS,
        doc.kind.code(),
    ));
    h.push_str(&format!("<h1>{}</h1>\n", e(&doc.title)));
    h.push_str(&format!("<p class=\"meta\">{}</p>\n", e(&doc.date)));
    if let Some(p) = &doc.person {
        h.push_str(&format!("<p class=\"person\">{}</p>\n", e(p)));
    }
    if !doc.contacts.is_empty() {
        h.push_str("<dl class=\"contacts\">\n");
        for (k, v) in &doc.contacts {
            h.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", e(k), e(v)));
        }
        h.push_str("</dl>\n");
    }
    if let Some(empty) = &doc.empty {
        h.push_str(&format!("<p>{}</p>\n", e(empty)));
    }
    for entry in &doc.entries {
        h.push_str("<section class=\"offer\">\n");
        h.push_str(&format!("<h2>{}</h2>\n", e(&entry.title)));
        h.push_str(&format!("<p class=\"meta\">{}</p>\n", e(&entry.subtitle)));
        if let Some(n) = &entry.note {
            h.push_str(&format!("<p class=\"horizon\">{}</p>\n", e(n)));
        }
        h.push_str("<dl>\n");
        for p in &entry.parts {
            let class = if p.warn { " class=\"warn\"" } else { "" };
            h.push_str(&format!("<dt{class}>{}</dt>\n", e(&p.label)));
            for l in &p.lines {
                h.push_str(&format!("<dd{class}>{}</dd>\n", e(l)));
            }
        }
        h.push_str("</dl>\n</section>\n");
    }
    if let Some((label, note)) = &doc.note {
        h.push_str(&format!(
            "<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
            e(label),
            e(note)
        ));
    }
    h.push_str(&format!(
        "<p class=\"meta\"><small>{}</small></p>\n</body>\n</html>\n",
        e(&doc.footer)
    ));
    h
}

/// The saved file's styles: readable on screen, one A4 page per few offers in print.
const FILE_CSS: &str = "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;color:#1a1a1a;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{color:#16325c;font-size:1.5rem;margin-bottom:.2rem}
h2{color:#16325c;font-size:1.15rem;margin:1.2rem 0 .1rem}
.offer{border-top:1px solid #c8cdd6;padding-top:.4rem;break-inside:avoid}
.meta{color:#444;margin:.1rem 0}
.person{font-weight:600}
dl{margin:.4rem 0;display:grid;grid-template-columns:9rem 1fr;gap:.15rem .8rem}
dt{font-weight:600;grid-column:1}
dd{margin:0;grid-column:2}
.warn{color:#6f3500}
.horizon{font-weight:600;color:#16325c}
.contacts{border:1px solid #c8cdd6;padding:.5rem .7rem}
.note{white-space:pre-wrap;border:1px solid #c8cdd6;padding:.6rem}
.sheet-personne{font-size:1.1rem}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none}}
";

#[cfg(test)]
mod tests {
    use super::*;
    // The app only builds for wasm32: run these through wasm-bindgen-test in the browser step.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_sheet_round_trips_and_old_saves_still_open() {
        let s = Sheet {
            ids: vec!["ex-nantes-soudure".into()],
            note: "RDV mardi".into(),
            name: "M. D.".into(),
            service: "SPIP 44".into(),
            counsellor: "Mme L., 02 00".into(),
            court: true,
            kind: SheetKind::Person,
        };
        assert_eq!(Sheet::from_value(&s.to_value()), s);
        let old: Value =
            serde_json::from_str(r#"{"ids": ["a"], "note": "n", "name": ""}"#).expect("json");
        let old = Sheet::from_value(&old);
        assert_eq!(old.ids, vec!["a".to_string()]);
        assert!(!old.court);
        assert_eq!(old.service, "");
    }

    use crate::state::{Action, Bulletin, State};
    use std::rc::Rc;
    use yew::Reducible;

    fn doc_of(s: &State) -> SheetDoc {
        document(
            &s.sheet,
            &Sources {
                offers: &s.offers,
                result: &s.sheet_result(),
                refdata: &s.refdata,
                lang: s.lang,
                today: s.today,
                defaults: &Defaults {
                    service: "SPIP de l'Essonne, 01 00 00 00 00".into(),
                    counsellor: String::new(),
                },
            },
        )
    }

    fn all_text(d: &SheetDoc) -> String {
        let mut out = vec![d.title.clone(), d.date.clone()];
        for e in &d.entries {
            out.push(e.title.clone());
            out.push(e.subtitle.clone());
            out.extend(e.note.clone());
            for p in &e.parts {
                out.push(p.label.clone());
                out.extend(p.lines.clone());
            }
        }
        out.extend(d.contacts.iter().map(|(k, v)| format!("{k} {v}")));
        out.join("\n")
    }

    /// A ROME code (G1602), an INSEE code in brackets ((93008)) or points (+30).
    fn codes_in(text: &str) -> Vec<String> {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .collect();
        words
            .into_iter()
            .filter(|w| {
                let w = w.trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c == ':');
                let rome = w.len() == 5
                    && w.starts_with(|c: char| c.is_ascii_uppercase())
                    && w.chars().skip(1).all(|c| c.is_ascii_digit());
                let insee = w.len() == 5 && w.chars().all(|c| c.is_ascii_digit());
                let points = w.starts_with('+') && w.len() > 1;
                rome || insee || points
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_persons_sheet_has_no_score_no_code_and_no_court_unless_ticked() {
        let today = date::parse("2026-11-23").expect("date");
        let s = Rc::new(State::new(today))
            .reduce(Action::LoadExample)
            .reduce(Action::SetRecord(Bulletin::B2, Some(true)));
        // Every offer that fits (now or after release), some with warnings about the record.
        let result = s.result();
        let after = result.after_release.as_ref().expect("dedans");
        let ids: Vec<String> = result
            .now
            .fits
            .iter()
            .chain(&after.fits)
            .map(|f| f.id.clone())
            .collect();
        let warned: Vec<String> = result
            .now
            .fits
            .iter()
            .chain(&after.fits)
            .flat_map(|f| {
                let say = crate::present::explain(&s.refdata, s.lang);
                f.warnings.iter().map(move |w| say.warning(w))
            })
            .collect();
        assert!(
            !warned.is_empty(),
            "the example with a B2 mention has warnings"
        );
        let mut s = s;
        for id in &ids {
            s = s.reduce(Action::ToggleSheet(id.clone()));
        }
        let person = doc_of(&s);
        assert_eq!(person.kind, SheetKind::Person);
        assert_eq!(person.entries.len(), ids.len());
        let text = all_text(&person);
        assert_eq!(codes_in(&text), Vec::<String>::new(), "{text}");
        for w in &warned {
            assert!(
                !text.contains(w.as_str()),
                "court or record words on the person's sheet: {w}"
            );
        }
        assert!(!text.contains("bulletin"), "{text}");
        assert!(
            text.contains("SPIP de l'Essonne"),
            "the site's service: {text}"
        );
        // Every offer says how to reach it, or who gives the contact.
        for e in &person.entries {
            assert!(e.parts.iter().any(|p| p.label == "Contact"), "{}", e.id);
            assert!(e.parts.iter().any(|p| p.label == "À apporter"), "{}", e.id);
        }
        let cafe = person
            .entries
            .iter()
            .find(|e| e.id == "cafe-fleury-aci")
            .expect("the coffee workshop fits the example");
        assert!(cafe
            .parts
            .iter()
            .any(|p| p.lines.iter().any(|l| l.contains("Fleury-Mérogis"))));

        // Ticked: the warnings come back on the person's sheet.
        let ticked = s.clone().reduce(Action::SetSheetCourt(true));
        let text = all_text(&doc_of(&ticked));
        assert!(warned.iter().any(|w| text.contains(w.as_str())), "{text}");

        // The file's sheet has everything: points, codes, warnings.
        let dossier = s.reduce(Action::SetSheetKind(SheetKind::Dossier));
        let d = doc_of(&dossier);
        let text = all_text(&d);
        assert!(codes_in(&text).iter().any(|c| c.starts_with('+')), "{text}");
        assert!(warned.iter().all(|w| text.contains(w.as_str())));
    }

    #[test]
    fn the_saved_file_escapes_what_was_typed_and_names_nobody_by_default() {
        let today = date::parse("2026-11-23").expect("date");
        let s = Rc::new(State::new(today))
            .reduce(Action::LoadExample)
            .reduce(Action::ToggleSheet("cafe-fleury-aci".into()))
            .reduce(Action::SetSheetNote("<b>RDV</b> & suite".into()));
        let html = to_html(&doc_of(&s));
        assert!(
            html.contains("&lt;b&gt;RDV&lt;/b&gt; &amp; suite"),
            "{html}"
        );
        assert!(!html.contains("Personne"));
        assert!(!html.contains("<script"));
        assert!(html.contains("Université du café"), "{html}");
        assert!(html.contains("@page{size:A4"));
    }

    #[test]
    fn dates_in_words() {
        let d = date::parse("2027-01-01").expect("date");
        assert_eq!(date_words(Lang::Fr, d), "1er janvier 2027");
        assert_eq!(date_words(Lang::En, d), "1 January 2027");
        let d = date::parse("2026-08-15").expect("date");
        assert_eq!(date_words(Lang::Fr, d), "15 août 2026");
    }
}
