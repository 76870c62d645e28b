//! Small building blocks of the profile form: help and error lines, checkbox groups, chips.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

pub fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

pub fn textarea_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlTextAreaElement>().value()
}

pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// `aria-describedby` of a field: its help, and its error when it has one.
pub fn described_by(id: &str, has_error: bool) -> String {
    if has_error {
        format!("{id}-help {id}-error")
    } else {
        format!("{id}-help")
    }
}

pub fn help(id: &str, text: &str) -> Html {
    html! { <p class="help" id={format!("{id}-help")}>{ text.to_string() }</p> }
}

/// The message under a field with a wrong value (or nothing).
pub fn error(id: &str, message: Option<String>) -> Html {
    match message {
        Some(m) => html! { <p class="field-error" id={format!("{id}-error")}>{ m }</p> },
        None => html! {},
    }
}

/// Enter in a one-line field adds its value (its form, if any, submits nothing: `no_submit`).
pub fn on_enter(cb: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            cb.emit(());
        }
    })
}

/// The `onsubmit` of a field's own `<form>`: Enter in it never submits anything (there is
/// nowhere to send a profile). Each field with a datalist is a form of its own so that the
/// browser's autofill, which reads every field of a form and their datalists at each change,
/// reads one field rather than the whole profile and its ~1,400 options at every keystroke in
/// another field (issue 16: 2.2 → 0.7 ms a keystroke).
pub fn no_submit() -> Callback<SubmitEvent> {
    Callback::from(|e: SubmitEvent| e.prevent_default())
}

pub struct CheckItem {
    pub code: String,
    pub label: String,
    pub checked: bool,
}

/// A `<fieldset>` of checkboxes, one per vocabulary code.
pub fn checkbox_group(
    id: &str,
    legend: &str,
    help_text: &str,
    testid_prefix: &str,
    items: Vec<CheckItem>,
    on_toggle: Callback<String>,
) -> Html {
    html! {
        <fieldset class="group" aria-describedby={format!("{id}-help")}>
            <legend>{ legend.to_string() }</legend>
            { help(id, help_text) }
            <div class="checks">
                { for items.into_iter().map(|it| {
                    let input_id = format!("{id}-{}", it.code);
                    let code = it.code.clone();
                    let cb = on_toggle.clone();
                    html! {
                        <div class="check" key={it.code.clone()}>
                            <input type="checkbox" id={input_id.clone()} checked={it.checked}
                                data-testid={format!("{testid_prefix}-{}", it.code)}
                                onchange={Callback::from(move |_| cb.emit(code.clone()))} />
                            <label for={input_id}>{ it.label }</label>
                        </div>
                    }
                }) }
            </div>
        </fieldset>
    }
}

/// Added values as chips, each with a button that removes it; the value kept in the profile
/// (a place's or sector's code, a skill) is the chip's `data-code`, its words are shown.
pub fn chips(
    items: Vec<(String, String)>,
    remove_label: impl Fn(&str) -> String,
    on_remove: Callback<String>,
) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <ul class="chips">
            { for items.into_iter().map(|(value, label)| {
                let cb = on_remove.clone();
                let v = value.clone();
                html! {
                    <li class="chip" key={value.clone()} data-code={value}>
                        <span>{ label.clone() }</span>
                        <button type="button" class="chip-remove" aria-label={remove_label(&label)}
                            onclick={Callback::from(move |_| cb.emit(v.clone()))}>{ "×" }</button>
                    </li>
                }
            }) }
        </ul>
    }
}
