//! « Sur cet ordinateur »: nothing is stored unless the counsellor asks. « Enregistrer sur cet
//! ordinateur » encrypts the profile and the sheet with a passphrase (see `crate::storage`);
//! « Ouvrir depuis cet ordinateur » asks for it; « Tout effacer » wipes every trace.

use super::AppHandle;
use crate::i18n::{t, tf, Lang};
use crate::state::{Action, State};
use crate::storage::{self, DeviceEvent, DeviceMessage, DevicePanel, Dossier};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: AppHandle,
}

fn dev(d: &UseReducerDispatcher<State>, e: DeviceEvent) {
    d.dispatch(Action::Device(e));
}

/// Read a password field and empty it at once.
fn take(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| {
            let v = i.value();
            i.set_value("");
            v
        })
        .unwrap_or_default()
}

fn message_text(lang: Lang, m: &DeviceMessage) -> String {
    match m {
        DeviceMessage::Saved => t(lang, "device.saved").into(),
        DeviceMessage::Opened => t(lang, "device.opened").into(),
        DeviceMessage::Wiped => t(lang, "device.wiped").into(),
        DeviceMessage::PassphraseTooShort => tf(
            lang,
            "device.too_short",
            &[&storage::MIN_PASSPHRASE_CHARS.to_string()],
        ),
        DeviceMessage::PassphraseMismatch => t(lang, "device.mismatch").into(),
        DeviceMessage::NothingSaved => t(lang, "device.nothing_saved").into(),
        DeviceMessage::WrongPassphrase => t(lang, "device.wrong_passphrase").into(),
        DeviceMessage::Damaged(e) => tf(lang, "device.damaged", &[e]),
        DeviceMessage::Failed(e) => tf(lang, "device.failed", &[e]),
    }
}

#[component]
pub fn DeviceBar(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let dv = &s.device;
    let pass = use_node_ref();
    let confirm = use_node_ref();

    // Whether a dossier is already there, once at start.
    {
        let d = props.state.dispatcher();
        use_effect_with((), move |_| {
            if storage::has_saved() {
                dev(&d, DeviceEvent::Detected(true));
            }
        });
    }

    let toggle = |p: DevicePanel| {
        let d = props.state.dispatcher();
        let open = dv.panel == Some(p);
        Callback::from(move |_| dev(&d, DeviceEvent::Show((!open).then_some(p))))
    };
    let cancel = {
        let d = props.state.dispatcher();
        Callback::from(move |_| dev(&d, DeviceEvent::Show(None)))
    };
    let on_save = {
        let d = props.state.dispatcher();
        let state = props.state.clone();
        let (pass, confirm) = (pass.clone(), confirm.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let p = take(&pass);
            let c = take(&confirm);
            if p.chars().count() < storage::MIN_PASSPHRASE_CHARS {
                return dev(&d, DeviceEvent::Invalid(DeviceMessage::PassphraseTooShort));
            }
            if p != c {
                return dev(&d, DeviceEvent::Invalid(DeviceMessage::PassphraseMismatch));
            }
            let dossier = Dossier {
                profile: state.profile.clone(),
                sheet: state.sheet.clone(),
            };
            dev(&d, DeviceEvent::Busy);
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let r = storage::save(&dossier, &p).await;
                dev(&d, DeviceEvent::Saved(r));
            });
        })
    };
    let on_open = {
        let d = props.state.dispatcher();
        let pass = pass.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let p = take(&pass);
            dev(&d, DeviceEvent::Busy);
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let r = storage::open(&p).await;
                dev(&d, DeviceEvent::Opened(r.map(Box::new)));
            });
        })
    };
    let on_wipe = {
        let d = props.state.dispatcher();
        Callback::from(move |_| {
            dev(&d, DeviceEvent::Busy);
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let r = storage::wipe_everything().await;
                dev(&d, DeviceEvent::Wiped(r));
            });
        })
    };
    let expanded = |p: DevicePanel| if dv.panel == Some(p) { "true" } else { "false" };

    html! {
        <section class="device no-print" aria-labelledby="device-title" data-testid="device">
            <div class="device-bar">
                <h2 id="device-title" class="device-title">{ t(lang, "device.title") }</h2>
                <p class="device-state" data-testid="device-state">
                    { t(lang, if dv.saved { "device.state_saved" } else { "device.state_empty" }) }
                </p>
                <div class="device-actions">
                    <button type="button" class="secondary" data-testid="device-save" aria-expanded={expanded(DevicePanel::Save)}
                        aria-controls="device-form" disabled={dv.busy} onclick={toggle(DevicePanel::Save)}>{ t(lang, "device.save") }</button>
                    <button type="button" class="secondary" data-testid="device-open" aria-expanded={expanded(DevicePanel::Open)}
                        aria-controls="device-form" disabled={dv.busy} onclick={toggle(DevicePanel::Open)}>{ t(lang, "device.open") }</button>
                    <button type="button" class="secondary danger" data-testid="device-wipe" aria-expanded={expanded(DevicePanel::Wipe)}
                        aria-controls="device-form" disabled={dv.busy} onclick={toggle(DevicePanel::Wipe)}>{ t(lang, "device.wipe") }</button>
                </div>
            </div>
            <div id="device-form">
                if dv.panel == Some(DevicePanel::Save) {
                    <form class="device-form" onsubmit={on_save} data-testid="device-save-form" aria-label={t(lang, "device.save")}>
                        <p class="help" id="device-save-help">{ t(lang, "device.save_help") }</p>
                        <div class="field">
                            <label for="device-pass">{ t(lang, "device.passphrase") }</label>
                            <input type="password" id="device-pass" ref={pass.clone()} autocomplete="off" data-testid="device-pass"
                                aria-describedby="device-save-help" />
                        </div>
                        <div class="field">
                            <label for="device-confirm">{ t(lang, "device.confirm") }</label>
                            <input type="password" id="device-confirm" ref={confirm.clone()} autocomplete="off" data-testid="device-confirm" />
                        </div>
                        <div class="actions">
                            <button type="submit" data-testid="device-save-submit" disabled={dv.busy}>{ t(lang, "device.save_submit") }</button>
                            <button type="button" class="link" onclick={cancel.clone()}>{ t(lang, "device.cancel") }</button>
                        </div>
                    </form>
                }
                if dv.panel == Some(DevicePanel::Open) {
                    <form class="device-form" onsubmit={on_open} data-testid="device-open-form" aria-label={t(lang, "device.open")}>
                        <p class="help" id="device-open-help">{ t(lang, "device.open_help") }</p>
                        <div class="field">
                            <label for="device-pass">{ t(lang, "device.passphrase") }</label>
                            <input type="password" id="device-pass" ref={pass.clone()} autocomplete="off" data-testid="device-pass"
                                aria-describedby="device-open-help" />
                        </div>
                        <div class="actions">
                            <button type="submit" data-testid="device-open-submit" disabled={dv.busy}>{ t(lang, "device.open_submit") }</button>
                            <button type="button" class="link" onclick={cancel.clone()}>{ t(lang, "device.cancel") }</button>
                        </div>
                    </form>
                }
                if dv.panel == Some(DevicePanel::Wipe) {
                    <div class="device-form" role="group" aria-label={t(lang, "device.wipe")}>
                        <p>{ t(lang, "device.wipe_help") }</p>
                        <div class="actions">
                            <button type="button" class="danger" data-testid="device-wipe-confirm" disabled={dv.busy} onclick={on_wipe}>{ t(lang, "device.wipe_confirm") }</button>
                            <button type="button" class="link" onclick={cancel}>{ t(lang, "device.cancel") }</button>
                        </div>
                    </div>
                }
                if dv.busy {
                    <p class="device-busy" role="status">{ t(lang, "device.busy") }</p>
                }
                if let Some(m) = &dv.message {
                    if m.is_error() {
                        <p class="notice error" role="alert" data-testid="device-message">{ message_text(lang, m) }</p>
                    } else {
                        <p class="notice ok" role="status" data-testid="device-message">{ message_text(lang, m) }</p>
                    }
                }
            </div>
        </section>
    }
}
