//! The orientation sheet: the picked offers, a note, an optional name; printed (A4, only the
//! sheet) or saved as an HTML file. It names nobody unless the counsellor types a name.

use super::fields::{input_value, textarea_value};
use super::AppHandle;
use crate::browser;
use crate::i18n::{t, tf};
use crate::present::{self, vocab, Standing};
use crate::state::{Action, State};
use relais_core::date;
use relais_core::model::OfferType;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: AppHandle,
}

#[component]
pub fn SheetView(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let on_name = {
        let d = props.state.dispatcher();
        Callback::from(move |e: InputEvent| d.dispatch(Action::SetSheetName(input_value(&e))))
    };
    let on_note = {
        let d = props.state.dispatcher();
        Callback::from(move |e: InputEvent| d.dispatch(Action::SetSheetNote(textarea_value(&e))))
    };
    let on_print = Callback::from(|_| browser::print());
    let on_save = {
        let state = props.state.clone();
        Callback::from(move |_| {
            let html = present::sheet_html(
                &state.sheet,
                &state.offers,
                &state.result,
                &state.refdata,
                state.lang,
                state.today,
            );
            let name = format!("fiche-orientation-{}.html", date::iso(state.today));
            state.dispatch(Action::Downloaded(browser::download(
                &name,
                "text/html;charset=utf-8",
                &html,
            )));
        })
    };
    let name = s.sheet.name.trim().to_string();
    html! {
        <section class="panel sheet" id="sheet" data-testid="sheet" aria-labelledby="sheet-title">
            <h2 id="sheet-title">{ t(lang, "sheet.title") }</h2>
            <p class="meta">{ tf(lang, "sheet.date", &[&date::fr(s.today)]) }</p>
            <div class="field no-print">
                <label for="sheet-name">{ t(lang, "sheet.name") }</label>
                <p class="help" id="sheet-name-help">{ t(lang, "help.sheet_name") }</p>
                <input type="text" id="sheet-name" autocomplete="off" value={s.sheet.name.clone()}
                    aria-describedby="sheet-name-help" oninput={on_name} />
            </div>
            if !name.is_empty() {
                <p class="print-only"><strong>{ t(lang, "sheet.person") }</strong>{ " " }{ name }</p>
            }
            if s.sheet.ids.is_empty() {
                <p class="empty">{ t(lang, "sheet.empty") }</p>
            } else {
                <ol class="sheet-offers">
                    { for s.sheet.ids.iter().filter_map(|id| s.offer(id)).map(|o| {
                        let remove = {
                            let d = props.state.dispatcher();
                            let id = o.id.clone();
                            Callback::from(move |_| d.dispatch(Action::ToggleSheet(id.clone())))
                        };
                        html! {
                            <li key={o.id.clone()}>
                                <h3>{ o.title.clone() }</h3>
                                <p class="org">{ o.organisation.clone() }<span class="type">{ vocab(&s.refdata, lang, OfferType::KIND, o.kind.code()) }</span></p>
                                <dl class="facts">
                                    <dt>{ t(lang, "offer.where") }</dt>
                                    <dd>{ present::where_lines(o, &s.refdata, lang).join(" ; ") }</dd>
                                    <dt>{ t(lang, "offer.when") }</dt>
                                    <dd>{ present::when_lines(o, lang).join(" ; ") }</dd>
                                    if !o.contact.trim().is_empty() {
                                        <dt>{ t(lang, "offer.contact") }</dt>
                                        <dd>{ o.contact.clone() }</dd>
                                    }
                                </dl>
                                { standing(s, &o.id) }
                                <button type="button" class="link small no-print" onclick={remove}
                                    aria-label={tf(lang, "sheet.remove_named", &[&o.title])}>{ t(lang, "sheet.remove") }</button>
                            </li>
                        }
                    }) }
                </ol>
            }
            <div class="field">
                <label for="sheet-note">{ t(lang, "sheet.note") }</label>
                <p class="help no-print" id="sheet-note-help">{ t(lang, "help.sheet_note") }</p>
                <textarea id="sheet-note" data-testid="sheet-note" class="no-print" rows="4"
                    aria-describedby="sheet-note-help" value={s.sheet.note.clone()} oninput={on_note} />
                // A textarea prints cut to its box: print the note as text instead.
                <p class="print-only note-print">{ s.sheet.note.clone() }</p>
            </div>
            <div class="actions no-print">
                <button type="button" data-testid="sheet-print" onclick={on_print}>{ t(lang, "sheet.print") }</button>
                <button type="button" class="secondary" data-testid="sheet-save" onclick={on_save}>{ t(lang, "sheet.save") }</button>
                if !s.sheet.ids.is_empty() {
                    <button type="button" class="link" onclick={
                        let d = props.state.dispatcher();
                        Callback::from(move |_| d.dispatch(Action::ClearSheet))
                    }>{ t(lang, "sheet.clear") }</button>
                }
            </div>
            <p class="meta footer-note">{ t(lang, "sheet.footer") }</p>
        </section>
    }
}

fn standing(s: &State, id: &str) -> Html {
    let lang = s.lang;
    match present::standing(&s.result, id) {
        Standing::Fits {
            reasons,
            warnings,
            after,
        } => html! {
            <>
                if after {
                    <p class="horizon-note">{ t(lang, "sheet.after_release") }</p>
                }
                <p class="list-title">{ t(lang, "offer.reasons") }</p>
                <ul class="reasons">
                    { for reasons.iter().map(|r| html! {
                        <li><span class="pts">{ format!("+{}", r.points) }</span><span class="text">{ r.text.clone() }</span></li>
                    }) }
                </ul>
                if !warnings.is_empty() {
                    <p class="list-title">{ t(lang, "offer.warnings") }</p>
                    <ul class="warnings">
                        { for warnings.iter().map(|w| html! { <li>{ w.text.clone() }</li> }) }
                    </ul>
                }
            </>
        },
        Standing::Beyond {
            text,
            warnings,
            after,
        } => html! {
            <>
                if after {
                    <p class="horizon-note">{ t(lang, "sheet.after_release") }</p>
                }
                <p class="list-title">{ t(lang, "results.beyond") }</p>
                <p>{ text }</p>
                if !warnings.is_empty() {
                    <ul class="warnings">
                        { for warnings.iter().map(|w| html! { <li>{ w.text.clone() }</li> }) }
                    </ul>
                }
            </>
        },
        Standing::Excluded(rules) => html! {
            <>
                <p class="list-title warn">{ t(lang, "sheet.no_longer_fits") }</p>
                <ul class="warnings">
                    { for rules.iter().map(|r| html! { <li>{ r.text.clone() }</li> }) }
                </ul>
            </>
        },
    }
}
