//! The reader's side of the messages: in its worker (`serve_worker`, started by `worker.js`),
//! or, in `relais.html` opened from a file where no worker can start, on a `MessagePort` of
//! the page (`serve_port`, started by that file's inline script).

use crate::{
    chunks, is_workbook, load, mapping_messages, message, messages, step, table_for_step, Job,
    Outcome, SheetRead,
};
use relais_core::mapping;
use relais_core::refdata::RefData;
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Bytes read from the file between two progress messages. Each slice is a round trip to the
/// browser's file reader: 1 MiB slices took about 400 ms for a 84 MiB file, 8 MiB ones
/// [measured in docs/performance.md, « The data·inclusion import »].
const READ_SLICE: f64 = 8.0 * 1024.0 * 1024.0;
/// The commune list, next to `index.html` (as the page's `browser::COMMUNES_URL`).
const COMMUNES_URL: &str = "communes.csv";
/// The function that reads a workbook with the workbooks module (`crates/workbook`'s own
/// wasm), loading it the first time: `worker.js` defines it in the worker, `relais.html`'s
/// script on the page.
const WORKBOOK_GLOBAL: &str = "relaisWorkbook";

fn js_err(v: JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "erreur du navigateur".into())
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Where messages go: the worker's scope or a port of the page.
type Post = Rc<dyn Fn(&JsValue, Option<&js_sys::Array>)>;

thread_local! {
    /// Every place jobs come from, for the panic hook.
    static POSTS: std::cell::RefCell<Vec<Post>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Should a file still make the reader panic (a bug: the core denies what could), the page
/// is told at once, with the panic's message, and reports it for the file it was reading
/// (`Outcome::Failed`); the module then stops. The page's own wasm is not this one: it lives on.
fn on_panic(post: &Post) {
    POSTS.with(|p| p.borrow_mut().push(post.clone()));
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let text = message(
                "error",
                vec![(
                    "error",
                    Value::from(format!("le lecteur de catalogues s'est arrêté : {info}")),
                )],
            );
            POSTS.with(|p| {
                if let Ok(posts) = p.try_borrow() {
                    for post in posts.iter() {
                        post(&JsValue::from_str(&text), None);
                    }
                }
            });
        }));
    });
}

/// In the worker: answer each job posted to it. On a page (`relais.html`, which starts the
/// module there), nothing: `serve_port` answers.
pub fn serve_worker() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    let post: Post = {
        let scope = scope.clone();
        Rc::new(move |v: &JsValue, transfer: Option<&js_sys::Array>| {
            let _ = match transfer {
                Some(t) => scope.post_message_with_transfer(v, t),
                None => scope.post_message(v),
            };
        })
    };
    on_panic(&post);
    listen(scope.unchecked_ref(), post);
}

/// In the page (`relais.html`): answer the jobs posted on this port.
#[wasm_bindgen]
pub fn serve_port(port: web_sys::MessagePort) {
    let post: Post = {
        let port = port.clone();
        Rc::new(move |v: &JsValue, transfer: Option<&js_sys::Array>| {
            let _ = match transfer {
                Some(t) => port.post_message_with_transferable(v, t),
                None => port.post_message(v),
            };
        })
    };
    on_panic(&post);
    listen(port.unchecked_ref(), post);
    port.start();
}

fn listen(target: &web_sys::EventTarget, post: Post) {
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let job = e.data();
            let post = post.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(error) = work(&job, &post).await {
                    let text = message("error", vec![("error", Value::from(error))]);
                    post(&JsValue::from_str(&text), None);
                }
            });
        });
    let _ = target.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    // Lives as long as the worker (or the page).
    on_message.forget();
}

async fn fetch_buffer(url: &str) -> Result<js_sys::ArrayBuffer, String> {
    buffer_of(url, start_fetch(url)?).await
}

/// A fetch started now, its answer read later by [`buffer_of`].
fn start_fetch(url: &str) -> Result<js_sys::Promise, String> {
    let global = js_sys::global();
    let fetch: js_sys::Function = get(&global, "fetch")
        .dyn_into()
        .map_err(|_| "fetch indisponible".to_string())?;
    Ok(fetch
        .call1(&global, &JsValue::from_str(url))
        .map_err(js_err)?
        .unchecked_into())
}

async fn buffer_of(url: &str, promise: js_sys::Promise) -> Result<js_sys::ArrayBuffer, String> {
    let resp: web_sys::Response = JsFuture::from(promise)
        .await
        .map_err(js_err)?
        .unchecked_into();
    if !resp.ok() {
        return Err(format!("{url} : HTTP {}", resp.status()));
    }
    Ok(JsFuture::from(resp.array_buffer().map_err(js_err)?)
        .await
        .map_err(js_err)?
        .unchecked_into())
}

/// A workbook's first sheet as CSV, read by the workbooks module: this module links no
/// workbook reader (calamine, zip, encoding_rs weigh on workbooks only). Any other file stays
/// as it is. An error: the workbook refused, in the module's sentence (the limit it passes, an
/// old binary format), or the module could not be had.
async fn open(bytes: Vec<u8>) -> Result<(Vec<u8>, Option<SheetRead>), String> {
    if !is_workbook(&bytes) {
        return Ok((bytes, None));
    }
    let unavailable = |e: String| {
        format!(
            "classeur non lu : le lecteur de classeurs n'a pas pu être chargé ou s'est arrêté ({e}) ; réessayer, ou l'enregistrer au format CSV"
        )
    };
    let read: js_sys::Function = get(&js_sys::global(), WORKBOOK_GLOBAL)
        .dyn_into()
        .map_err(|_| unavailable("absent".into()))?;
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    drop(bytes);
    let promise: js_sys::Promise = read
        .call1(&JsValue::NULL, &array)
        .map_err(|e| unavailable(js_err(e)))?
        .dyn_into()
        .map_err(|_| unavailable("pas de promesse".into()))?;
    drop(array);
    // The module's refusal is its sentence, a string; anything else is the module failing.
    let sheet = JsFuture::from(promise)
        .await
        .map_err(|e| match e.as_string() {
            Some(sentence) => sentence,
            None => unavailable(js_err(e)),
        })?;
    let csv = get(&sheet, "csv")
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| unavailable("feuille sans CSV".into()))?
        .to_vec();
    let left_out = js_sys::Array::from(&get(&sheet, "left_out"))
        .iter()
        .filter_map(|pair| {
            let pair = js_sys::Array::from(&pair);
            let line = pair.get(0).as_f64()? as usize;
            Some((line, pair.get(1).as_string()?))
        })
        .collect();
    let how = get(&sheet, "how").as_string().unwrap_or_default();
    Ok((csv, Some(SheetRead { how, left_out })))
}

/// The reference tables the page started with, handed over in the job.
fn refdata_of(data: &JsValue) -> Result<RefData, String> {
    RefData::from_tables(|name| {
        get(data, name)
            .as_string()
            .ok_or_else(|| format!("{name} : fichier de données non chargé"))
    })
}

fn mapping_of(job: &JsValue, key: &str, name: &str) -> Option<mapping::Mapping> {
    let text = get(job, key).as_string()?;
    Some(mapping::parse(&text, name).0)
}

async fn work(job: &JsValue, post: &Post) -> Result<(), String> {
    let send = |text: String| post(&JsValue::from_str(&text), None);
    let name = get(job, "name").as_string().unwrap_or_default();
    // A mapping file (the step's « Ouvrir une correspondance », the association's): read
    // here, the page holds no reader of it.
    if let Some(text) = get(job, "mapping_file").as_string() {
        for m in mapping_messages(&text, &name) {
            send(m);
        }
        let end = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&end, &"raw".into(), &js_sys::ArrayBuffer::new(0));
        post(&end, None);
        return Ok(());
    }
    // The commune list is fetched while the file is read (the service worker keeps it), and
    // read only for a file that is loaded.
    let communes = get(job, "communes")
        .is_truthy()
        .then(|| start_fetch(COMMUNES_URL).ok())
        .flatten();
    let bytes: Vec<u8> = if let Ok(file) = get(job, "file").dyn_into::<web_sys::Blob>() {
        let total = file.size();
        let mut bytes = Vec::with_capacity(total as usize);
        let mut done = 0.0;
        while done < total {
            let end = (done + READ_SLICE).min(total);
            let part = file.slice_with_f64_and_f64(done, end).map_err(js_err)?;
            let buf = JsFuture::from(part.array_buffer()).await.map_err(js_err)?;
            // Copied once, straight into the file's bytes.
            let part = js_sys::Uint8Array::new(&buf);
            let start = bytes.len();
            bytes.resize(start.saturating_add(part.length() as usize), 0);
            if let Some(room) = bytes.get_mut(start..) {
                part.copy_to(room);
            }
            done = end;
            send(message(
                "read",
                // Whole bytes: a float would bring its printer into the module.
                vec![
                    ("done", Value::from(done as u64)),
                    ("total", Value::from(total as u64)),
                ],
            ));
        }
        bytes
    } else if let Some(text) = get(job, "text").as_string() {
        text.into_bytes()
    } else if let Ok(buf) = get(job, "bytes").dyn_into::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(&buf).to_vec()
    } else {
        let url = get(job, "url").as_string().unwrap_or_default();
        let buf = fetch_buffer(&url).await?;
        js_sys::Uint8Array::new(&buf).to_vec()
    };
    send(message("check", Vec::new()));
    // A workbook: its first sheet as CSV from here on (refused past a limit, with the limit),
    // read by the workbooks module.
    let (bytes, sheet) = open(bytes).await?;
    // The file as chosen, when it is what was read (not a workbook, whose sheet's CSV is):
    // given back instead of its bytes, the page reads it again once this worker is stopped.
    let chosen = get(job, "file")
        .dyn_into::<web_sys::Blob>()
        .ok()
        .filter(|_| sheet.is_none());
    let mut refdata = refdata_of(&get(job, "data"))?;
    let spec = Job {
        step: get(job, "step").is_truthy(),
        mapping: mapping_of(job, "mapping", &name),
        host_mapping: mapping_of(job, "host_mapping", &name),
        name,
        // « Appliquer » of a workbook's sheet: the page sends back its CSV and which sheet.
        sheet: sheet.or_else(|| {
            get(job, "sheet").as_string().map(|how| SheetRead {
                how,
                left_out: Vec::new(),
            })
        }),
    };
    let outcome = match table_for_step(&bytes, &spec) {
        Some(table) => step(table, &spec, &refdata),
        None => {
            // With the commune list (communes written by name are found), fetched here from
            // this site (the service worker keeps it); without it when it cannot be had, as
            // the page does.
            if let Some(communes) = communes {
                if let Ok(buf) = buffer_of(COMMUNES_URL, communes).await {
                    let text = String::from_utf8_lossy(&js_sys::Uint8Array::new(&buf).to_vec())
                        .into_owned();
                    let _ = refdata.add_communes(&text);
                }
            }
            load(&bytes, &spec, &refdata)
        }
    };
    for m in messages(&outcome, !refdata.communes.is_empty()) {
        send(m);
    }
    // The offers and problems, in binary chunks each moved to the page (not copied), made one
    // at a time: the worker holds one chunk at once besides the offers.
    for chunk in chunks(&outcome) {
        let buf = js_sys::Uint8Array::from(chunk.as_slice()).buffer();
        drop(chunk);
        post(&buf, Some(&js_sys::Array::of1(&buf)));
    }
    let table = matches!(outcome, Outcome::Table { .. });
    // The last message: the file's bytes (the page keeps them: to keep the catalogue in the
    // browser, or for the mapping step). A file chosen goes back as itself, not copied: the
    // page stops this worker, freeing what it holds, before reading it again (issue 16, the
    // peak of memory). Other bytes are moved rather than copied.
    let end = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&end, &"mapping".into(), &JsValue::from_bool(table));
    match chosen {
        Some(file) => {
            drop(bytes);
            let _ = js_sys::Reflect::set(&end, &"raw".into(), &file);
            post(&end, None);
        }
        None => {
            let raw = js_sys::Uint8Array::from(bytes.as_slice()).buffer();
            drop(bytes);
            let _ = js_sys::Reflect::set(&end, &"raw".into(), &raw);
            post(&end, Some(&js_sys::Array::of1(&raw)));
        }
    }
    // Freed once the page has everything: 60,000 offers take about 150 ms to free, which the
    // page no longer waits for.
    drop(outcome);
    Ok(())
}
