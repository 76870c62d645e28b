//! The last line of defence: should a bug still panic (the core is written so that no input
//! can), the page says so in French and English instead of freezing in silence, and hands the
//! counsellor the profile they typed, so that a reload loses nothing.
//!
//! With `panic = "abort"` the wasm instance traps right after the hook: everything here is
//! plain DOM built during the hook (a link to a Blob, a link that reloads), so that it keeps
//! working once Rust code can no longer run. The profile is kept in memory only, never stored.

use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The profile as JSON, updated after every change (see `components::App`).
    static LAST_PROFILE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Remember the profile on screen, for the crash notice.
pub fn remember_profile(json: String) {
    LAST_PROFILE.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            *p = json;
        }
    });
}

/// Install the hook once, before the app is mounted.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        // Kept for whoever opens the console; the notice is what the counsellor sees.
        gloo::console::error!(format!("Relais: {info}"));
        show_notice();
    }));
}

const NOTICE_ID: &str = "relais-crash";

fn show_notice() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let Some(body) = doc.body() else {
        return;
    };
    let profile = LAST_PROFILE.with(|p| p.try_borrow().map(|p| p.clone()).unwrap_or_default());
    let Ok(notice) = doc.create_element("div") else {
        return;
    };
    notice.set_id(NOTICE_ID);
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute("class", "crash-notice");
    let _ = notice.set_attribute("data-testid", "crash-notice");
    let add = |parent: &web_sys::Element, tag: &str, text: &str| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        parent.append_child(&e).ok()?;
        Some(e)
    };
    add(
        &notice,
        "h2",
        "Relais s'est arrêté sur une erreur inattendue",
    );
    add(
        &notice,
        "p",
        "Rien n'a été envoyé : tout est resté dans ce navigateur. Le profil saisi n'est pas \
         perdu : téléchargez-le, rechargez la page, puis ouvrez-le avec « Ouvrir un profil ». \
         Le catalogue importé reste sur votre ordinateur tel qu'il était.",
    );
    let links = doc.create_element("p").ok();
    if let Some(links) = &links {
        if !profile.is_empty() {
            if let Some(url) = blob_url(&profile) {
                if let Some(a) = add(links, "a", "Télécharger le profil (profil.json)") {
                    let _ = a.set_attribute("href", &url);
                    let _ = a.set_attribute("download", "profil.json");
                    let _ = a.set_attribute("data-testid", "crash-profile");
                }
                add(links, "span", " · ");
            }
        }
        // An empty href reloads the page without any script.
        if let Some(a) = add(links, "a", "Recharger la page") {
            let _ = a.set_attribute("href", "");
        }
        let _ = notice.append_child(links);
    }
    let en = add(
        &notice,
        "p",
        "Relais stopped on an unexpected error. Nothing was sent anywhere. Download the profile \
         above, reload the page and open it again with « Open a profile ».",
    );
    if let Some(en) = en {
        let _ = en.set_attribute("lang", "en");
    }
    let _ = body.insert_before(&notice, body.first_child().as_ref());
    if let Ok(html) = notice.dyn_into::<web_sys::HtmlElement>() {
        let _ = html.set_attribute("tabindex", "-1");
        let _ = html.focus();
    }
}

fn blob_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
