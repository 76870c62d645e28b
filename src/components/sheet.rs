//! The orientation sheet: the picked offers, a note, an optional name, the service's and the
//! counsellor's contact; shown, printed (A4, only the sheet) or saved as an HTML file in one of
//! two forms (`crate::sheet`): « Pour la personne » (plain words, no score, no code, nothing of
//! the court unless ticked) and « Pour le dossier » (everything). It names nobody unless the
//! counsellor types a name.

use super::fields::{input_value, textarea_value};
use super::AppHandle;
use crate::browser;
use crate::i18n::{t, tf};
use crate::sheet::{self, Defaults, SheetDoc, SheetKind, Sources};
use crate::state::{Action, State};
use relais_core::date;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties)]
pub struct Props {
    pub state: AppHandle,
    /// What the sheet shows, taken when the page was drawn ([`Seen::of`]).
    pub seen: Seen,
}

/// The parts of the state the sheet shows, as they were when the page was drawn: it is drawn
/// again only when they change — not at each keystroke in the profile while it holds no offer
/// (issue 16). The handle always reads the current state, so comparing handles cannot tell.
impl PartialEq for Props {
    fn eq(&self, o: &Self) -> bool {
        self.seen == o.seen
    }
}

pub struct Seen(State);

impl Seen {
    pub fn of(s: &State) -> Seen {
        Seen(s.clone())
    }
}

impl PartialEq for Seen {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.0, &o.0);
        a.lang == b.lang
            && a.today == b.today
            && a.sheet == b.sheet
            && Rc::ptr_eq(&a.offers, &b.offers)
            && Rc::ptr_eq(&a.refdata, &b.refdata)
            && a.catalogue == b.catalogue
            // The findings of the offers on it follow the ranking (which follows the profile).
            && (a.sheet.ids.is_empty() || Rc::ptr_eq(&a.ranking, &b.ranking))
    }
}

/// The contacts the host's `relais.config.json` gives the sheets.
pub fn defaults(s: &State) -> Defaults {
    s.catalogue
        .config
        .as_ref()
        .map(|c| Defaults {
            service: c.fiche_service.clone(),
            counsellor: c.fiche_conseiller.clone(),
        })
        .unwrap_or_default()
}

/// The sheet as it is shown, printed and saved.
pub fn doc(s: &State) -> SheetDoc {
    let defaults = defaults(s);
    let mut doc = sheet::document(
        &s.sheet,
        &Sources {
            offers: &s.offers,
            result: &s.sheet_result(),
            refdata: &s.refdata,
            lang: s.lang,
            today: s.today,
            defaults: &defaults,
        },
    );
    // The dossier says which catalogue each offer comes from (the file to check it against);
    // the person's sheet does not: a file name tells them nothing.
    if doc.kind == SheetKind::Dossier {
        for entry in &mut doc.entries {
            let Some(o) = s.offer(&entry.id) else {
                continue;
            };
            if let Some(file) = s.catalogue.source_of(o) {
                entry.parts.push(sheet::Part {
                    label: t(s.lang, "catalogue.sheet_source").to_string(),
                    lines: vec![super::catalogue::source_name(s.lang, &s.catalogue, file)],
                    warn: false,
                });
            }
        }
    }
    doc
}

#[component]
pub fn SheetView(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let text_action = |f: fn(String) -> Action| {
        let d = props.state.dispatcher();
        Callback::from(move |e: InputEvent| d.dispatch(f(input_value(&e))))
    };
    let on_note = {
        let d = props.state.dispatcher();
        Callback::from(move |e: InputEvent| d.dispatch(Action::SetSheetNote(textarea_value(&e))))
    };
    let on_court = {
        let d = props.state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::SetSheetCourt(input.checked()))
        })
    };
    let on_print = Callback::from(|_| browser::print());
    let on_save = {
        let state = props.state.clone();
        Callback::from(move |_| {
            let html = sheet::to_html(&doc(&state));
            let name = format!(
                "fiche-{}-{}.html",
                state.sheet.kind.code(),
                date::iso(state.today)
            );
            state.dispatch(Action::Downloaded(browser::download(
                &name,
                "text/html;charset=utf-8",
                &html,
            )));
        })
    };
    let kind_radio = |kind: SheetKind, key: &'static str| {
        let d = props.state.dispatcher();
        let id = format!("sheet-kind-{}", kind.code());
        html! {
            <div class="radio">
                <input type="radio" name="sheet-kind" id={id.clone()} data-testid={id.clone()}
                    checked={s.sheet.kind == kind}
                    onchange={Callback::from(move |_| d.dispatch(Action::SetSheetKind(kind)))} />
                <label for={id}>{ t(lang, key) }</label>
            </div>
        }
    };
    let defaults = defaults(s);
    let doc = doc(s);
    let person = s.sheet.kind == SheetKind::Person;
    html! {
        <section class={classes!("panel", "sheet", format!("sheet-{}", s.sheet.kind.code()))} id="sheet"
            data-testid="sheet" data-kind={s.sheet.kind.code()} aria-labelledby="sheet-title">
            <h2 id="sheet-title">{ doc.title.clone() }</h2>
            <div class="sheet-controls no-print">
                <fieldset class="group">
                    <legend>{ t(lang, "sheet.kind") }</legend>
                    <div class="radios inline">
                        { kind_radio(SheetKind::Person, "sheet.kind_person") }
                        { kind_radio(SheetKind::Dossier, "sheet.kind_dossier") }
                    </div>
                    <p class="help">{ t(lang, if person { "help.sheet_person" } else { "help.sheet_dossier" }) }</p>
                </fieldset>
                if person {
                    <div class="check">
                        <input type="checkbox" id="sheet-court" data-testid="sheet-court"
                            checked={s.sheet.court} onchange={on_court} />
                        <label for="sheet-court">{ t(lang, "sheet.court") }</label>
                    </div>
                }
                <div class="field">
                    <label for="sheet-name">{ t(lang, "sheet.name") }</label>
                    <p class="help" id="sheet-name-help">{ t(lang, "help.sheet_name") }</p>
                    <input type="text" id="sheet-name" autocomplete="off" value={s.sheet.name.clone()}
                        aria-describedby="sheet-name-help" oninput={text_action(Action::SetSheetName)} />
                </div>
                <div class="field">
                    <label for="sheet-service">{ t(lang, "sheet.service_field") }</label>
                    <p class="help" id="sheet-service-help">{ contact_help(lang, &defaults.service) }</p>
                    <input type="text" id="sheet-service" data-testid="sheet-service" autocomplete="off"
                        value={s.sheet.service.clone()} placeholder={defaults.service.clone()}
                        aria-describedby="sheet-service-help" oninput={text_action(Action::SetSheetService)} />
                </div>
                <div class="field">
                    <label for="sheet-counsellor">{ t(lang, "sheet.counsellor_field") }</label>
                    <p class="help" id="sheet-counsellor-help">{ contact_help(lang, &defaults.counsellor) }</p>
                    <input type="text" id="sheet-counsellor" data-testid="sheet-counsellor" autocomplete="off"
                        value={s.sheet.counsellor.clone()} placeholder={defaults.counsellor.clone()}
                        aria-describedby="sheet-counsellor-help" oninput={text_action(Action::SetSheetCounsellor)} />
                </div>
            </div>
            <div class="sheet-doc" data-testid="sheet-doc">
                <p class="meta">{ doc.date.clone() }</p>
                if let Some(p) = &doc.person {
                    <p class="person">{ p.clone() }</p>
                }
                if !doc.contacts.is_empty() {
                    <dl class="facts contacts" data-testid="sheet-contacts">
                        { for doc.contacts.iter().map(|(k, v)| html! { <><dt>{ k.clone() }</dt><dd>{ v.clone() }</dd></> }) }
                    </dl>
                }
                if let Some(empty) = &doc.empty {
                    <p class="empty">{ empty.clone() }</p>
                }
                if !doc.entries.is_empty() {
                    <ol class="sheet-offers">
                        { for doc.entries.iter().map(|entry| {
                            let remove = {
                                let d = props.state.dispatcher();
                                let id = entry.id.clone();
                                Callback::from(move |_| d.dispatch(Action::ToggleSheet(id.clone())))
                            };
                            html! {
                                <li key={entry.id.clone()} data-testid={format!("sheet-entry-{}", entry.id)}>
                                    <h3>{ entry.title.clone() }</h3>
                                    <p class="org">{ entry.subtitle.clone() }</p>
                                    if let Some(n) = &entry.note {
                                        <p class="horizon-note">{ n.clone() }</p>
                                    }
                                    <dl class="facts">
                                        { for entry.parts.iter().map(|p| {
                                            let class = if p.warn { "warn" } else { "" };
                                            html! {
                                                <>
                                                    <dt class={class}>{ p.label.clone() }</dt>
                                                    <dd class={class}>
                                                        { for p.lines.iter().map(|l| html! { <span class="line">{ l.clone() }</span> }) }
                                                    </dd>
                                                </>
                                            }
                                        }) }
                                    </dl>
                                    <button type="button" class="link small no-print" onclick={remove}
                                        aria-label={tf(lang, "sheet.remove_named", &[&entry.title])}>{ t(lang, "sheet.remove") }</button>
                                </li>
                            }
                        }) }
                    </ol>
                }
            </div>
            // An empty note prints nothing, not even its label.
            <div class={classes!("field", s.sheet.note.trim().is_empty().then_some("no-print"))}>
                <label for="sheet-note">{ t(lang, "sheet.note") }</label>
                <p class="help no-print" id="sheet-note-help">{ t(lang, "help.sheet_note") }</p>
                <textarea id="sheet-note" data-testid="sheet-note" class="no-print" rows="4"
                    aria-describedby="sheet-note-help" value={s.sheet.note.clone()} oninput={on_note} />
                // A textarea prints cut to its box: print the note as text instead.
                <p class="print-only note-print">{ s.sheet.note.clone() }</p>
            </div>
            <div class="actions no-print">
                <button type="button" data-testid="sheet-print" onclick={on_print}>{ t(lang, if person { "sheet.print_person" } else { "sheet.print_dossier" }) }</button>
                <button type="button" class="secondary" data-testid="sheet-save" onclick={on_save}>{ t(lang, "sheet.save") }</button>
                if !s.sheet.ids.is_empty() {
                    <button type="button" class="link" onclick={
                        let d = props.state.dispatcher();
                        Callback::from(move |_| d.dispatch(Action::ClearSheet))
                    }>{ t(lang, "sheet.clear") }</button>
                }
            </div>
            <p class="meta footer-note">{ doc.footer.clone() }</p>
        </section>
    }
}

/// The help of a contact field: what an empty field prints.
fn contact_help(lang: crate::i18n::Lang, default: &str) -> String {
    if default.trim().is_empty() {
        t(lang, "help.sheet_contact").to_string()
    } else {
        tf(lang, "help.sheet_contact_default", &[default.trim()])
    }
}
