//! Browser glue: today's date, downloads, reading a chosen file, fetching a file of the app's
//! own origin, printing and the document's language. Errors come back as text, never panics.

/// Where the commune list is served, next to `index.html` (Trunk copies it into `dist/`).
pub const COMMUNES_URL: &str = "communes.csv";

use time::{Date, Month};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn js_err(v: JsValue) -> String {
    v.as_string()
        .or_else(|| js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "erreur du navigateur".into())
}

/// Today by the browser's clock, in local time.
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    let month = Month::try_from(d.get_month() as u8 + 1).unwrap_or(Month::January);
    Date::from_calendar_date(d.get_full_year() as i32, month, d.get_date() as u8)
        .unwrap_or(Date::MIN)
}

/// Offer `text` as a file to save; nothing is sent anywhere.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("pas de fenêtre")?;
    let document = window.document().ok_or("pas de document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(js_err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|_| "lien impossible".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_hidden(true);
    let body = document.body().ok_or("pas de corps de page")?;
    body.append_child(&a).map_err(js_err)?;
    a.click();
    let _ = body.remove_child(&a);
    // The object URL is only needed for the click that started the download.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The text of a file the user chose (UTF-8). `Blob.text()` rather than a `FileReader`:
/// less code in the bundle.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .map_err(js_err)?
        .as_string()
        .ok_or_else(|| "contenu illisible".to_string())
}

/// Fetch a URL of the app's own origin; an HTTP error is an error.
async fn fetch_ok(url: &str) -> Result<web_sys::Response, String> {
    let window = web_sys::window().ok_or("pas de fenêtre")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(js_err)?;
    let resp: web_sys::Response = resp
        .dyn_into()
        .map_err(|_| "réponse illisible".to_string())?;
    if !resp.ok() {
        return Err(format!("{url} : HTTP {}", resp.status()));
    }
    Ok(resp)
}

/// A text file of the app's own origin (relative URL): the CSP allows nothing else.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = fetch_ok(url).await?;
    let text = JsFuture::from(resp.text().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    text.as_string()
        .ok_or_else(|| "contenu illisible".to_string())
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Keep `<html lang>` and the title in step with the interface language (screen readers
/// use them).
pub fn set_document_lang(code: &str, title: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = document.document_element() {
        let _ = el.set_attribute("lang", code);
    }
    document.set_title(title);
}

/// Whether this page is the self-contained `relais.html` (built by
/// `scripts/build-single-file.mjs`, which marks `<html data-relais-build="single-file">`): it
/// runs from `file://`, where nothing can be fetched.
pub fn is_single_file() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-relais-build"))
        .is_some_and(|v| v == "single-file")
}

/// The text of a data block embedded in the page (`<script type="application/json" id=…>`),
/// which `relais.html` uses instead of fetching files.
pub fn embedded_text(id: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.text_content())
        .filter(|t| !t.trim().is_empty())
}

/// The bytes of a file the user chose or dropped (a catalogue may be Windows-1252: the core
/// decodes it, not the browser).
pub async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer()).await.map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A file of the app's own origin (relative URL), as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let resp = fetch_ok(url).await?;
    let buf = JsFuture::from(resp.array_buffer().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The `localStorage` key of the catalogues kept on this computer (a catalogue is not personal
/// data; the list is kept only when the user ticks « Garder ces catalogues sur cet
/// ordinateur »).
pub const KEPT_CATALOGUE_KEY: &str = "relais.catalogue";

fn local_storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("pas de fenêtre")?
        .local_storage()
        .map_err(js_err)?
        .ok_or_else(|| "stockage local indisponible dans ce navigateur".to_string())
}

/// Keep the list of catalogues on this computer (the text `catalogue_state::KeptList`
/// writes), replacing what was kept before.
pub fn keep_catalogues(text: &str) -> Result<(), String> {
    local_storage()?
        .set_item(KEPT_CATALOGUE_KEY, text)
        .map_err(|e| {
            format!(
                "le navigateur n'a pas pu garder les catalogues ({})",
                js_err(e)
            )
        })
}

/// The text kept on this computer for the catalogues, if any.
pub fn kept_catalogues() -> Option<String> {
    local_storage().ok()?.get_item(KEPT_CATALOGUE_KEY).ok()?
}

/// Forget the catalogues kept on this computer.
pub fn forget_catalogue() -> Result<(), String> {
    local_storage()?
        .remove_item(KEPT_CATALOGUE_KEY)
        .map_err(js_err)
}

/// The data files the app starts with (the reference tables and the seed catalogue), fetched
/// beside the wasm rather than compiled into it (issue 16: what the page downloads at start).
/// `start.js` fetches them before starting the app and leaves them in `globalThis.relaisData`
/// (`relais.html` embeds them as a data block; the catalogue reader's worker gets them from
/// the page in its job): a name → text object, read here synchronously.
pub const DATA_GLOBAL: &str = "relaisData";
/// The files of [`DATA_GLOBAL`], as `dist/` serves them (index.html copies them from `data/`).
pub const DATA_FILES: [&str; 7] = [
    "regions.csv",
    "departements.csv",
    "etablissements.csv",
    "rome_domaines.csv",
    "rome_metiers.csv",
    "vocabulaire.csv",
    SEED_URL,
];
/// The seed catalogue, `data/catalogue.csv`.
pub const SEED_URL: &str = "catalogue.csv";

/// The object of [`DATA_GLOBAL`] (undefined when the page has not set it).
pub fn data_object() -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(DATA_GLOBAL))
        .unwrap_or(JsValue::UNDEFINED)
}

/// One file of [`DATA_GLOBAL`]; an error naming it when it did not arrive.
#[cfg(not(test))]
fn data_text(name: &str) -> Result<String, String> {
    js_sys::Reflect::get(&data_object(), &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| format!("{name} : fichier de données non chargé"))
}

/// The reference data the app starts with (without the communes: [`COMMUNES_URL`]).
#[cfg(not(test))]
pub fn start_refdata() -> Result<relais_core::refdata::RefData, String> {
    relais_core::refdata::RefData::from_tables(data_text)
}

/// In tests, the core's own copy of the reference data (`RefData::bundled`).
#[cfg(test)]
pub fn start_refdata() -> Result<relais_core::refdata::RefData, String> {
    relais_core::refdata::RefData::bundled()
}

/// The seed catalogue's text (an error naming it when it did not arrive).
#[cfg(not(test))]
pub fn seed_catalogue() -> Result<String, String> {
    data_text(SEED_URL)
}

/// In tests, the core's own copy of the seed catalogue.
#[cfg(test)]
pub fn seed_catalogue() -> Result<String, String> {
    Ok(relais_core::refdata::SEED_CATALOGUE.to_string())
}

/// Call `f` once the page is idle (`requestIdleCallback`, at most `timeout_ms` later), or after
/// a zero-delay timer where the browser has no idle callback.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) {
    let global = js_sys::global();
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&global, &"requestIdleCallback".into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Function>().ok());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &timeout_ms.into());
    let called = match idle {
        Some(idle) => idle.call2(&global, &callback, &options).is_ok(),
        None => false,
    };
    if !called {
        if let Ok(timeout) = js_sys::Reflect::get(&global, &"setTimeout".into())
            .and_then(|v| v.dyn_into::<js_sys::Function>())
        {
            let _ = timeout.call2(&global, &callback, &0.into());
        }
    }
}

#[cfg(test)]
mod tables {
    use super::{DATA_FILES, SEED_URL};

    /// start.js fetches these; the core parses the tables by the same names.
    #[test]
    fn the_page_fetches_the_core_s_tables_then_the_seed() {
        assert_eq!(DATA_FILES[..6], relais_core::refdata::TABLE_FILES[..]);
        assert_eq!(DATA_FILES[6], SEED_URL);
    }
}
