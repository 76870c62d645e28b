//! Catalogue loading in a Web Worker: the page stays answerable while a large file is read,
//! decoded and checked, shows how far it got, and can cancel.
//!
//! No second program: the worker runs the app's own wasm module. `worker.js` (copied by Trunk)
//! imports the same JS glue, instantiates the `WebAssembly.Module` the page hands it (nothing
//! fetched or compiled twice), and `run()` (`lib.rs`), finding no `window`, calls [`serve`],
//! which answers jobs and does nothing else.
//!
//! The page → worker: one job, `{module, file | url, name}`. The worker → page, in
//! order: `read` (bytes read, of the total), `check` (decoding and checking), `head` (how it
//! was read, counts), `problems` chunks, `offers` chunks, then the file's bytes (transferred,
//! not copied). Or `spreadsheet`, or `error`, or at once the bytes of a file whose columns
//! need the mapping step (`mapping_state.rs`: it runs in the page).
//!
//! Offers cross in chunks of [`CHUNK_OFFERS`] as the contract's own CSV (`catalogue::to_csv`,
//! whose export → import round trip the core tests), read again by the page one chunk per
//! task: no task of the page reads the whole file. What that CSV cannot carry across chunks
//! travels beside it: each offer's line in the file, its data·inclusion `zone_eligibilite`,
//! and its `suite` links (checked against the whole file by the worker; a chunk alone would
//! not find the offers they name). [`pack_offers`] / [`unpack_offers`] are pure and tested.

use crate::catalogue_state::{how, is_spreadsheet, Read};
use relais_core::catalogue::{self, Problem, Severity};
use relais_core::model::Offer;
use relais_core::refdata::RefData;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// The worker script, next to `index.html` (index.html copies it).
pub const WORKER_URL: &str = "worker.js";
/// Offers per message: one chunk is read again by the page in one task, well under 50 ms.
pub const CHUNK_OFFERS: usize = 100;
/// Problems per message.
pub const CHUNK_PROBLEMS: usize = 2_000;
/// Bytes read from the file between two progress messages.
const READ_SLICE: f64 = 1024.0 * 1024.0;

/// A message: a JSON object of these keys (built by hand: `json!` over typed values would
/// add serializers to the bundle).
fn message(t: &str, fields: Vec<(&str, Value)>) -> String {
    let mut m = serde_json::Map::new();
    m.insert("t".into(), Value::from(t));
    for (k, v) in fields {
        m.insert(k.into(), v);
    }
    Value::Object(m).to_string()
}

fn list(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::from(s.as_str())).collect())
}

/// Offers as one message: the contract's CSV, and what it cannot carry across chunks.
pub fn pack_offers(offers: &[Offer]) -> String {
    message(
        "offers",
        vec![
            ("csv", Value::from(catalogue::to_csv(offers))),
            (
                "lines",
                offers.iter().map(|o| Value::from(o.line as u64)).collect(),
            ),
            (
                "zones",
                offers.iter().map(|o| list(&o.zone_eligibilite)).collect(),
            ),
            (
                "suites",
                offers.iter().map(|o| list(&o.continues_as)).collect(),
            ),
        ],
    )
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The offers of one message, read again with the page's reference data. The worker read them
/// with the commune list, the page may not have it yet: the chunk names communes by code,
/// which both accept. An error if the chunk does not give back every offer it carries.
pub fn unpack_offers(v: &Value, file: &str, refdata: &RefData) -> Result<Vec<Offer>, String> {
    let csv = v["csv"].as_str().unwrap_or_default();
    let empty = Vec::new();
    let lines = v["lines"].as_array().unwrap_or(&empty);
    let zones = v["zones"].as_array().unwrap_or(&empty);
    let suites = v["suites"].as_array().unwrap_or(&empty);
    let mut offers = catalogue::load(csv.as_bytes(), file, refdata).offers;
    if offers.len() != lines.len() || zones.len() != lines.len() || suites.len() != lines.len() {
        return Err(format!(
            "{file} : {} offres reçues du lecteur au lieu de {}",
            offers.len(),
            lines.len()
        ));
    }
    for (((o, line), zone), suite) in offers.iter_mut().zip(lines).zip(zones).zip(suites) {
        o.line = line.as_u64().unwrap_or(0) as usize;
        o.zone_eligibilite = strings(zone);
        o.continues_as = strings(suite);
    }
    Ok(offers)
}

/// Problems as one message.
pub fn pack_problems(problems: &[Problem]) -> String {
    let opt = |v: Option<Value>| v.unwrap_or(Value::Null);
    let problems = problems
        .iter()
        .map(|p| {
            let mut m = serde_json::Map::new();
            m.insert("file".into(), Value::from(p.file.as_str()));
            m.insert("line".into(), Value::from(p.line as u64));
            m.insert(
                "column".into(),
                opt(p.column.map(|c| Value::from(c as u64))),
            );
            m.insert("field".into(), opt(p.field.as_deref().map(Value::from)));
            let warning = p.severity == Severity::Warning;
            m.insert(
                "severity".into(),
                Value::from(if warning { "warning" } else { "error" }),
            );
            m.insert("message".into(), Value::from(p.message.as_str()));
            Value::Object(m)
        })
        .collect();
    message("problems", vec![("problems", problems)])
}

/// The problems of one message.
pub fn unpack_problems(v: &Value) -> Vec<Problem> {
    let empty = Vec::new();
    v["problems"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|p| {
            let severity = if p["severity"] == "warning" {
                Severity::Warning
            } else {
                Severity::Error
            };
            Problem::new(
                p["file"].as_str().unwrap_or_default(),
                p["line"].as_u64().unwrap_or(0) as usize,
                severity,
                p["message"].as_str().unwrap_or_default(),
            )
            .column(p["column"].as_u64().map(|c| c as usize))
            .field_opt(p["field"].as_str())
        })
        .collect()
}

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

// ---------------------------------------------------------------------------------------------
// The worker's side.

/// In the worker: answer each job posted to it. Called by `run()` when there is no `window`.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
            let job = e.data();
            wasm_bindgen_futures::spawn_local(async move {
                let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
                let post = |text: String| {
                    let _ = scope.post_message(&JsValue::from_str(&text));
                };
                if let Err(error) = work(&scope, &job, &post).await {
                    post(message("error", vec![("error", Value::from(error))]));
                }
            });
        });
    let _ = scope.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    // Lives as long as the worker.
    on_message.forget();
}

async fn fetch_buffer(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    url: &str,
) -> Result<js_sys::ArrayBuffer, String> {
    let resp: web_sys::Response = JsFuture::from(scope.fetch_with_str(url))
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

async fn work(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    job: &JsValue,
    post: &dyn Fn(String),
) -> Result<(), String> {
    let name = get(job, "name").as_string().unwrap_or_default();
    let bytes: Vec<u8> = match get(job, "file").dyn_into::<web_sys::Blob>() {
        Ok(file) => {
            let total = file.size();
            let mut bytes = Vec::with_capacity(total as usize);
            let mut done = 0.0;
            while done < total {
                let end = (done + READ_SLICE).min(total);
                let part = file.slice_with_f64_and_f64(done, end).map_err(js_err)?;
                let buf = JsFuture::from(part.array_buffer()).await.map_err(js_err)?;
                bytes.extend(js_sys::Uint8Array::new(&buf).to_vec());
                done = end;
                post(message(
                    "read",
                    // Whole bytes: a float would bring its printer (ryu) into the bundle.
                    vec![
                        ("done", Value::from(done as u64)),
                        ("total", Value::from(total as u64)),
                    ],
                ));
            }
            bytes
        }
        Err(_) => {
            let url = get(job, "url").as_string().unwrap_or_default();
            let buf = fetch_buffer(scope, &url).await?;
            js_sys::Uint8Array::new(&buf).to_vec()
        }
    };
    if is_spreadsheet(&name, &bytes) {
        post(message("spreadsheet", Vec::new()));
        return Ok(());
    }
    post(message("check", Vec::new()));
    // Other columns than Relais's: the page's mapping step takes the file (and reads it
    // there, through the mapping the user confirms).
    if relais_core::mapping::needs_mapping(&bytes).is_some() {
        return give_back(scope, &bytes, true);
    }
    // With the commune list (communes written by name are found), fetched here from this
    // site (the service worker keeps it): the page then need not read the file again when its
    // own copy arrives. Without it when it cannot be had, as the page does.
    let mut refdata = crate::browser::start_refdata()?;
    if let Ok(buf) = fetch_buffer(scope, crate::browser::COMMUNES_URL).await {
        let text = String::from_utf8_lossy(&js_sys::Uint8Array::new(&buf).to_vec()).into_owned();
        let _ = refdata.add_communes(&text);
    }
    let loaded = catalogue::load(&bytes, &name, &refdata);
    post(message(
        "head",
        vec![
            ("how", Value::from(how(&loaded))),
            ("offers", Value::from(loaded.offers.len() as u64)),
            ("communes", Value::from(!refdata.communes.is_empty())),
        ],
    ));
    for chunk in loaded.problems.chunks(CHUNK_PROBLEMS) {
        post(pack_problems(chunk));
    }
    for chunk in loaded.offers.chunks(CHUNK_OFFERS) {
        post(pack_offers(chunk));
    }
    drop(loaded);
    give_back(scope, &bytes, false)
}

/// The last message: the file's bytes, moved rather than copied (the page keeps them: to keep
/// the catalogue in the browser, or for the mapping step when `mapping`).
fn give_back(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    bytes: &[u8],
    mapping: bool,
) -> Result<(), String> {
    let raw = js_sys::Uint8Array::from(bytes).buffer();
    let end = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&end, &"raw".into(), &raw);
    let _ = js_sys::Reflect::set(&end, &"mapping".into(), &JsValue::from_bool(mapping));
    scope
        .post_message_with_transfer(&end, &js_sys::Array::of1(&raw))
        .map_err(js_err)
}

// ---------------------------------------------------------------------------------------------
// The page's side.

/// Where the file comes from.
pub enum Input {
    /// Chosen or dropped by the user.
    File(web_sys::File),
    /// A file of the app's own site (the association's catalogue).
    Url(String),
}

/// How far a job got.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    /// Bytes read of the file.
    Reading { done: f64, total: f64 },
    /// Decoding and checking every row (no count until it ends).
    Checking,
    /// Offers received by the page, of the total.
    Receiving { done: usize, total: usize },
}

/// What a job gives back.
pub enum Outcome {
    Read {
        file: String,
        bytes: Vec<u8>,
        read: Read,
    },
    Spreadsheet {
        file: String,
    },
    /// Other columns than Relais's: for the mapping step, in the page.
    NeedsMapping {
        file: String,
        bytes: Vec<u8>,
    },
    Failed {
        file: String,
        error: String,
    },
}

#[derive(Default)]
struct Received {
    how: String,
    communes: bool,
    total: usize,
    offers: Vec<Offer>,
    problems: Vec<Problem>,
    error: Option<String>,
}

/// A job running in its worker. Dropping it (or [`Job::cancel`]) stops the worker at once.
pub struct Job {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl Job {
    pub fn cancel(self) {}
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Whether catalogues can be read in a worker here: not in `relais.html` opened from a file
/// (a worker script cannot be loaded from `file://`); there the page reads them itself.
pub fn available() -> bool {
    !crate::browser::is_single_file()
}

/// Start reading `input` in a worker. `on_done` is called once, in a task of its own (the job
/// may be dropped there).
pub fn start(
    input: Input,
    name: String,
    refdata: Rc<RefData>,
    on_progress: Callback<Progress>,
    on_done: Callback<Outcome>,
) -> Result<Job, String> {
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(WORKER_URL, &opts).map_err(js_err)?;
    let received = Rc::new(RefCell::new(Received::default()));
    let finished = Rc::new(std::cell::Cell::new(false));
    let finish = {
        let finished = finished.clone();
        let on_done = on_done.clone();
        move |outcome: Outcome| {
            if finished.replace(true) {
                return;
            }
            let on_done = on_done.clone();
            // Outside the message handler: the job (and this closure) may be dropped there.
            wasm_bindgen_futures::spawn_local(async move { on_done.emit(outcome) });
        }
    };
    let on_message = {
        let name = name.clone();
        let finish = finish.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let Some(text) = data.as_string() else {
                // The end: the file's bytes.
                let raw = js_sys::Uint8Array::new(&get(&data, "raw")).to_vec();
                let r = std::mem::take(&mut *received.borrow_mut());
                if get(&data, "mapping").is_truthy() {
                    finish(Outcome::NeedsMapping {
                        file: name.clone(),
                        bytes: raw,
                    });
                    return;
                }
                finish(match r.error {
                    Some(error) => Outcome::Failed {
                        file: name.clone(),
                        error,
                    },
                    None => Outcome::Read {
                        file: name.clone(),
                        bytes: raw,
                        read: Read {
                            how: r.how,
                            with_communes: r.communes,
                            offers: r.offers,
                            problems: r.problems,
                        },
                    },
                });
                return;
            };
            let v: Value = serde_json::from_str(&text).unwrap_or_default();
            let mut r = received.borrow_mut();
            match v["t"].as_str().unwrap_or_default() {
                "read" => on_progress.emit(Progress::Reading {
                    done: v["done"].as_f64().unwrap_or(0.0),
                    total: v["total"].as_f64().unwrap_or(0.0),
                }),
                "check" => on_progress.emit(Progress::Checking),
                "head" => {
                    r.how = v["how"].as_str().unwrap_or_default().to_string();
                    r.communes = v["communes"].as_bool().unwrap_or(false);
                    let total = v["offers"].as_u64().unwrap_or(0) as usize;
                    r.total = total;
                    r.offers.reserve(total);
                    on_progress.emit(Progress::Receiving {
                        done: 0,
                        total: r.total,
                    });
                }
                "problems" => r.problems.extend(unpack_problems(&v)),
                "offers" if r.error.is_none() => match unpack_offers(&v, &name, &refdata) {
                    Ok(offers) => {
                        r.offers.extend(offers);
                        on_progress.emit(Progress::Receiving {
                            done: r.offers.len(),
                            total: r.total,
                        });
                    }
                    Err(e) => r.error = Some(e),
                },
                "spreadsheet" => finish(Outcome::Spreadsheet { file: name.clone() }),
                "error" => finish(Outcome::Failed {
                    file: name.clone(),
                    error: v["error"].as_str().unwrap_or_default().to_string(),
                }),
                _ => {}
            }
        })
    };
    let on_error = {
        let name = name.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            // An ErrorEvent's message, when it has one.
            let message = get(&e, "message")
                .as_string()
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "le lecteur de fichiers s'est arrêté".into());
            finish(Outcome::Failed {
                file: name.clone(),
                error: message,
            });
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let job = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&job, &JsValue::from_str(k), v);
    };
    set("module", &wasm_bindgen::module());
    // The reference tables the page started with (`browser::DATA_GLOBAL`): `worker.js` hands
    // them to the module as the page's `start.js` did.
    set("data", &crate::browser::data_object());
    set("name", &JsValue::from_str(&name));
    match input {
        Input::File(f) => set("file", &f),
        Input::Url(u) => set("url", &JsValue::from_str(&u)),
    }
    worker.post_message(&job).map_err(js_err)?;
    Ok(Job {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}

#[cfg(test)]
mod tests {
    //! The hand-over, from the user's side: what the page receives in chunks is the catalogue
    //! the worker read, offer for offer.
    use super::*;
    use relais_core::refdata::SEED_CATALOGUE;
    use serde_json::json;

    fn refdata() -> RefData {
        RefData::bundled().expect("bundled reference data")
    }

    fn through_chunks(loaded: &catalogue::Loaded, rd: &RefData, size: usize) -> Vec<Offer> {
        let mut back = Vec::new();
        for chunk in loaded.offers.chunks(size) {
            let v: Value = serde_json::from_str(&pack_offers(chunk)).expect("JSON");
            back.extend(unpack_offers(&v, "x.csv", rd).expect("every offer"));
        }
        back
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_seed_catalogue_crosses_in_chunks_unchanged_suites_included() {
        let rd = refdata();
        let loaded = catalogue::load(SEED_CATALOGUE.as_bytes(), "data/catalogue.csv", &rd);
        assert!(
            loaded.offers.iter().any(|o| !o.continues_as.is_empty()),
            "the seed links offers with suite"
        );
        // Chunks of 3: most suites name an offer of another chunk.
        assert_eq!(through_chunks(&loaded, &rd, 3), loaded.offers);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn data_inclusion_offers_keep_their_zone_and_line() {
        let rd = refdata();
        let services = r#"[
          {"id": "s1", "nom": "Aide au permis", "structure_id": "asso", "source": "x",
           "zone_eligibilite": ["44109", "44"], "modes_accueil": ["en-presentiel"],
           "code_insee": "44109", "date_maj": "2026-10-01"},
          {"id": "s2", "nom": "Atelier CV", "structure_id": "asso", "source": "x",
           "code_insee": "44109", "date_maj": "2026-10-01"}
        ]"#;
        let loaded = catalogue::load(services.as_bytes(), "services.json", &rd);
        assert!(
            loaded.offers.iter().any(|o| !o.zone_eligibilite.is_empty()),
            "{:?}",
            loaded.problems
        );
        assert_eq!(through_chunks(&loaded, &rd, 1), loaded.offers);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn problems_cross_with_line_column_field_and_severity() {
        let rd = refdata();
        let bad = "id;organisation;titre;type;milieu;departements\n\
                   a;Asso;Atelier;nimporte;dehors;44\n\
                   b;Asso;Stage;stage;dehors;44;trop\n";
        let loaded = catalogue::load(bad.as_bytes(), "bad.csv", &rd);
        assert!(loaded.problems.len() >= 2, "{:?}", loaded.problems);
        let v: Value = serde_json::from_str(&pack_problems(&loaded.problems)).expect("JSON");
        assert_eq!(unpack_problems(&v), loaded.problems);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_chunk_that_loses_an_offer_is_an_error_not_a_silent_loss() {
        let rd = refdata();
        let v = json!({
            "t": "offers",
            "csv": "id;organisation;titre;type;milieu;etablissements;departements;date_maj\n\
                    asso-emploi;Asso;Emploi;emploi;dehors;;44;2026-11-01\n",
            "lines": [2, 3], "zones": [[], []], "suites": [[], []],
        });
        let e = unpack_offers(&v, "x.csv", &rd).expect_err("one offer short");
        assert!(e.contains("1 offres reçues du lecteur au lieu de 2"), "{e}");
    }
}
