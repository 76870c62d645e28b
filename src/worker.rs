//! Catalogue loading in a Web Worker: the page stays answerable while a large file is read,
//! decoded and checked, shows how far it got, and can cancel. The page's side.
//!
//! The worker runs the catalogue reader, a wasm module of its own (`crates/reader`, built by
//! Trunk as `relais-reader.js` + `relais-reader_bg.wasm`, loaded by `worker.js` when a job
//! starts, never at start): every import format lives there, none in the page's wasm (the page
//! builds `relais-core` without its `readers` feature). In `relais.html` opened from a file,
//! where no worker can start, that file's inline script starts the same reader module on the
//! page and hands a `MessagePort` to it (`globalThis.relaisReaderPort`): same messages.
//!
//! The page → the reader: one job (`crates/reader/src/lib.rs` says which keys): a file chosen,
//! a URL of this site (the association's catalogue), a text (a catalogue kept in this browser)
//! or bytes with a mapping (« Appliquer » of the mapping step). The reader → the page: `read`,
//! `check`, `head`, `problems` chunks, `offers` chunks, or `table` (the mapping step), or
//! `error` (a workbook refused names its limit there); then the file's bytes (transferred, not
//! copied; an XLSX or ODS workbook comes back as its first sheet's CSV, which the page keeps
//! and maps).
//!
//! Offers and problems cross as binary chunks (`relais_core::handover`), each an
//! `ArrayBuffer` moved from the worker, decoded here straight into offers one chunk per task:
//! no JavaScript string of the offers, no CSV read again, no task of the page over the whole
//! file; the hours cross once and are shared again. [`unpack_chunk`] / [`unpack_table`] are
//! pure and tested against the reader's `chunks` and `messages`.

use crate::catalogue_state::{Read, StructuresRead};
use crate::mapping_state::{MappingRead, Opened};
use relais_core::catalogue::{Column, Problem, Severity};
use relais_core::distructures::{Structure, Structures};
use relais_core::handover;
use relais_core::mapping::{CommuneSource, FieldRule, Mapping, Table};
use relais_core::model::Offer;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// The worker script, next to `index.html` (index.html copies it).
pub const WORKER_URL: &str = "worker.js";
/// The reader's wasm module (Trunk builds it from `crates/reader`).
const READER_WASM: &str = "relais-reader_bg.wasm";

thread_local! {
    /// The reader's module, fetched and compiled once by the page (off its main thread: the
    /// browser compiles asynchronously) the first time a job starts, then handed to every
    /// worker: a list of kept catalogues read at start, or the files chosen one after the
    /// other, compile it once. `None` inside: it could not be had, each worker fetches it.
    static READER_MODULE: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// The reader's compiled module, if the page could have it.
async fn reader_module() -> Option<JsValue> {
    let promise = READER_MODULE.with(|m| {
        m.borrow_mut()
            .get_or_insert_with(|| {
                wasm_bindgen_futures::future_to_promise(async {
                    let window = web_sys::window().ok_or(JsValue::NULL)?;
                    let resp: web_sys::Response =
                        JsFuture::from(window.fetch_with_str(READER_WASM))
                            .await?
                            .unchecked_into();
                    if !resp.ok() {
                        return Err(JsValue::NULL);
                    }
                    let bytes = JsFuture::from(resp.array_buffer()?).await?;
                    JsFuture::from(js_sys::WebAssembly::compile(&bytes)).await
                })
            })
            .clone()
    });
    JsFuture::from(promise).await.ok()
}
/// In `relais.html`: the function of its inline script that starts the reader on the page and
/// gives the port to talk to it.
const PORT_GLOBAL: &str = "relaisReaderPort";

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// One binary chunk of offers and problems, decoded with the job's decoder (which keeps the
/// hours of the chunks before). The error names the file: the page reports the import failed
/// rather than keep part of it in silence.
pub fn unpack_chunk(
    decoder: &mut handover::Decoder,
    bytes: &[u8],
    file: &str,
) -> Result<handover::Chunk, String> {
    decoder.chunk(bytes).map_err(|e| format!("{file} : {e}"))
}

/// Every offer announced arrived, or an error that says how many did.
pub fn check_count(received: usize, announced: usize, file: &str) -> Result<(), String> {
    if received == announced {
        Ok(())
    } else {
        Err(format!(
            "{file} : {received} offres reçues du lecteur au lieu de {announced}"
        ))
    }
}

/// The problems of a text message (a mapping file's: offers' problems come in the binary
/// chunks).
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

/// The structures of a structures file (the reader's `pack_structures`).
pub fn unpack_structures(v: &Value) -> Structures {
    let mut out = Structures::default();
    for s in v["structures"].as_array().into_iter().flatten() {
        let f = |i: usize| s[i].as_str().unwrap_or_default().to_string();
        out.add(Structure {
            id: f(0),
            name: f(1),
            siret: f(2),
            address: f(3),
            postal_code: f(4),
            town: f(5),
            insee: f(6),
            phone: f(7),
            email: f(8),
            website: f(9),
            source_link: f(10),
        });
    }
    out
}

/// A mapping as the reader hands it over (its `pack_mapping`): the page parses no mapping
/// file.
pub fn unpack_mapping(v: &Value) -> Mapping {
    let opt = |x: &Value| x.as_str().map(String::from);
    let fields = v["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| {
            let c = Column::from_header(f[0].as_str()?)?;
            let values = f[2]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| Some((p[0].as_str()?.to_string(), p[1].as_str()?.to_string())))
                .collect();
            let commune = f[5].as_array().map(|cs| CommuneSource {
                name: cs.first().and_then(opt),
                postal_code: cs.get(1).and_then(opt),
            });
            Some((
                c,
                FieldRule {
                    column: opt(&f[1]),
                    values,
                    default: opt(&f[3]),
                    template: opt(&f[4]),
                    commune,
                },
            ))
        })
        .collect();
    Mapping {
        name: v["name"].as_str().unwrap_or_default().to_string(),
        fields,
        keep: strings(&v["keep"]),
    }
}

/// The mapping step's table, the mapping proposed and the closed fields' value maps.
pub fn unpack_table(v: &Value) -> Opened {
    let rows = |k: &str| -> Vec<Vec<String>> {
        v[k].as_array()
            .map(|a| a.iter().map(strings).collect())
            .unwrap_or_default()
    };
    let values = v["values"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    let field = Column::from_header(x[1].as_str()?)?;
                    let pairs = x[2]
                        .as_array()?
                        .iter()
                        .filter_map(|p| {
                            Some((p[0].as_str()?.to_string(), p[1].as_str()?.to_string()))
                        })
                        .collect();
                    Some((x[0].as_str()?.to_string(), field, pairs))
                })
                .collect()
        })
        .unwrap_or_default();
    Opened {
        table: Table {
            header: strings(&v["header"]),
            rows: rows("rows"),
            distinct: rows("distinct"),
        },
        proposed: unpack_mapping(&v["mapping"]),
        values,
        sheet: v["sheet"].as_str().map(String::from),
    }
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
// The page's side.

/// Where the file comes from.
pub enum Input {
    /// Chosen or dropped by the user.
    File(web_sys::File),
    /// A file of the app's own site (the association's catalogue).
    Url(String),
    /// A catalogue kept in this browser, as text.
    Text(String),
    /// A mapping file's text, for the reader to parse.
    MappingFile(String),
    /// A file already read (the mapping step's), with the mapping to read it through, and
    /// for a workbook's sheet which one it was (for the report).
    Mapped {
        bytes: crate::catalogue_state::Bytes,
        mapping: String,
        sheet: Option<String>,
    },
}

/// What a job asks besides its input.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A file the user chose: other columns than Relais's open the mapping step.
    pub step: bool,
    /// The association's mapping (its file format), for its files whose columns are not
    /// Relais's.
    pub host_mapping: Option<String>,
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
        bytes: crate::catalogue_state::Bytes,
        read: Read,
    },
    /// A mapping file, read.
    Mapping {
        file: String,
        read: MappingRead,
    },
    /// Other columns than Relais's: for the mapping step.
    NeedsMapping {
        file: String,
        bytes: crate::catalogue_state::Bytes,
        opened: Opened,
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
    table: Option<Opened>,
    structures: Option<StructuresRead>,
    mapping: Option<Mapping>,
    error: Option<String>,
    decoder: handover::Decoder,
}

/// The other end: the reader's worker, or its port on this page (`relais.html`).
enum Channel {
    Worker(web_sys::Worker),
    Port(web_sys::MessagePort),
}

/// A job running in its worker. Dropping it (or [`Job::cancel`]) stops the worker at once.
pub struct Job {
    channel: Channel,
    /// Set once the outcome is given, or the job dropped: a file still being read again by
    /// the page (after its worker stopped) then gives nothing.
    finished: Rc<std::cell::Cell<bool>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl Job {
    pub fn cancel(self) {}
}

impl Drop for Job {
    fn drop(&mut self) {
        self.finished.set(true);
        match &self.channel {
            Channel::Worker(w) => w.terminate(),
            // On the page, the reader finishes its job; nothing of it is received.
            Channel::Port(p) => {
                p.set_onmessage(None);
                p.close();
            }
        }
    }
}

/// The function of `relais.html` that starts the reader on the page, if this is that file.
fn port_function() -> Option<js_sys::Function> {
    get(&js_sys::global(), PORT_GLOBAL).dyn_into().ok()
}

/// Whether catalogues can be read here: in a worker, or in `relais.html` by the reader it
/// embeds.
pub fn available() -> bool {
    !crate::browser::is_single_file() || port_function().is_some()
}

/// Start reading `input` in a worker. `on_done` is called once, in a task of its own (the job
/// may be dropped there).
pub fn start(
    input: Input,
    name: String,
    options: Options,
    on_progress: Callback<Progress>,
    on_done: Callback<Outcome>,
) -> Result<Job, String> {
    let channel = if crate::browser::is_single_file() {
        let f = port_function().ok_or("lecteur de catalogues absent de ce fichier")?;
        Channel::Port(f.call0(&JsValue::NULL).map_err(js_err)?.unchecked_into())
    } else {
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        Channel::Worker(web_sys::Worker::new_with_options(WORKER_URL, &opts).map_err(js_err)?)
    };
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
            // Outside the message handler: the job (and this closure) may be dropped there. In a
            // task of its own: the last chunk's decoding and the catalogue taken in use together
            // made one task over 50 ms (issue 16).
            wasm_bindgen_futures::spawn_local(async move {
                gloo::timers::future::TimeoutFuture::new(0).await;
                on_done.emit(outcome)
            });
        }
    };
    // The end of a job: what was received, with the file's bytes.
    let end: Rc<dyn Fn(crate::catalogue_state::Bytes, bool)> = {
        let (received, name, finish) = (received.clone(), name.clone(), finish.clone());
        Rc::new(move |raw: crate::catalogue_state::Bytes, for_step: bool| {
            let mut r = std::mem::take(&mut *received.borrow_mut());
            if r.error.is_none() && r.table.is_none() && r.mapping.is_none() {
                r.error = check_count(r.offers.len(), r.total, &name).err();
            }
            if let (None, Some(mapping)) = (&r.error, r.mapping) {
                finish(Outcome::Mapping {
                    file: name.clone(),
                    read: MappingRead {
                        mapping,
                        problems: r.problems,
                    },
                });
                return;
            }
            if let (true, Some(opened)) = (for_step, r.table) {
                finish(Outcome::NeedsMapping {
                    file: name.clone(),
                    bytes: raw,
                    opened,
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
                        structures: r.structures,
                    },
                },
            });
        })
    };
    // The worker, stopped as soon as it has said everything (the port of `relais.html` is not).
    let worker = match &channel {
        Channel::Worker(w) => Some(w.clone()),
        Channel::Port(_) => None,
    };
    let on_message = {
        let name = name.clone();
        let finish = finish.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if let Some(buf) = data.dyn_ref::<js_sys::ArrayBuffer>() {
                // A chunk of offers and problems.
                let mut r = received.borrow_mut();
                if r.error.is_some() {
                    return;
                }
                let bytes = js_sys::Uint8Array::new(buf).to_vec();
                let r = &mut *r;
                match unpack_chunk(&mut r.decoder, &bytes, &name) {
                    Ok(chunk) => {
                        r.problems.extend(chunk.problems);
                        if !chunk.offers.is_empty() {
                            r.offers.extend(chunk.offers);
                            on_progress.emit(Progress::Receiving {
                                done: r.offers.len(),
                                total: r.total,
                            });
                        }
                    }
                    Err(e) => r.error = Some(e),
                }
                return;
            }
            let Some(text) = data.as_string() else {
                // The end: the file's bytes, or the file itself when the reader read it as it
                // is (not a workbook). The worker is stopped first, which frees the file and the
                // offers it holds, then the file is read again here: the file is never in
                // memory three times at once (the reader's copy, its offers and the page's),
                // which made the peak of a large import (issue 16: memory ≤ 5× the file).
                let raw = get(&data, "raw");
                let mapping = get(&data, "mapping").is_truthy();
                match raw.dyn_into::<web_sys::Blob>() {
                    Ok(file) => {
                        if let Some(w) = &worker {
                            w.terminate();
                        }
                        let (end, name, finish) = (end.clone(), name.clone(), finish.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            match JsFuture::from(file.array_buffer()).await {
                                Ok(buf) => end(
                                    crate::catalogue_state::Bytes::from_js(js_sys::Uint8Array::new(&buf)),
                                    mapping,
                                ),
                                Err(e) => finish(Outcome::Failed {
                                    file: name,
                                    error: format!(
                                        "le fichier n'a pas pu être relu après sa lecture ({}) : a-t-il été modifié ou déplacé ? Le choisir à nouveau",
                                        js_err(e)
                                    ),
                                }),
                            }
                        });
                    }
                    // Kept in JavaScript: copied into the app's memory only when read.
                    Err(raw) => end(
                        crate::catalogue_state::Bytes::from_js(js_sys::Uint8Array::new(&raw)),
                        mapping,
                    ),
                }
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
                    // The offers' list sized once (bounded: a count the chunks do not bring
                    // is refused at the end).
                    r.offers.reserve(total.min(relais_core::limits::MAX_ROWS));
                    let problems = v["problems"].as_u64().unwrap_or(0) as usize;
                    r.problems
                        .reserve(problems.min(relais_core::limits::MAX_ROWS));
                    on_progress.emit(Progress::Receiving {
                        done: 0,
                        total: r.total,
                    });
                }
                "problems" => r.problems.extend(unpack_problems(&v)),
                "table" => r.table = Some(unpack_table(&v)),
                "mapping" => r.mapping = Some(unpack_mapping(&v["mapping"])),
                "structures" => r.structures = Some(StructuresRead(Rc::new(unpack_structures(&v)))),
                "error" => finish(Outcome::Failed {
                    file: name.clone(),
                    error: v["error"].as_str().unwrap_or_default().to_string(),
                }),
                _ => {}
            }
        })
    };
    let failed = {
        let (name, finish) = (name.clone(), finish.clone());
        move |error: String| {
            finish(Outcome::Failed {
                file: name.clone(),
                error,
            })
        }
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
    let job = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&job, &JsValue::from_str(k), v);
    };
    // The reference tables the page started with (`browser::DATA_GLOBAL`).
    set("data", &crate::browser::data_object());
    set("name", &JsValue::from_str(&name));
    set("step", &JsValue::from_bool(options.step));
    // `relais.html` fetches nothing (its communes are typed by code).
    set(
        "communes",
        &JsValue::from_bool(!crate::browser::is_single_file()),
    );
    if let Some(m) = &options.host_mapping {
        set("host_mapping", &JsValue::from_str(m));
    }
    let transfer = js_sys::Array::new();
    match input {
        Input::File(f) => set("file", &f),
        Input::Url(u) => set("url", &JsValue::from_str(&u)),
        Input::Text(t) => set("text", &JsValue::from_str(&t)),
        Input::MappingFile(t) => set("mapping_file", &JsValue::from_str(&t)),
        Input::Mapped {
            bytes,
            mapping,
            sheet,
        } => {
            let buf = bytes.js_copy().buffer();
            transfer.push(&buf);
            set("bytes", &buf);
            set("mapping", &JsValue::from_str(&mapping));
            if let Some(sheet) = sheet {
                set("sheet", &JsValue::from_str(&sheet));
            }
        }
    }
    match &channel {
        Channel::Worker(w) => {
            w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            let (w, fail) = (w.clone(), failed.clone());
            // The job goes once the module is compiled (at once after the first job).
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(module) = reader_module().await {
                    let _ = js_sys::Reflect::set(&job, &JsValue::from_str("module"), &module);
                }
                if let Err(e) = w.post_message_with_transfer(&job, &transfer) {
                    fail(js_err(e));
                }
            });
        }
        Channel::Port(p) => {
            p.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            p.post_message_with_transferable(&job, &transfer)
                .map_err(js_err)?;
        }
    }
    Ok(Job {
        channel,
        finished,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Read a mapping file's text in the reader: `on_done` gets the mapping and what the file said,
/// or why it could not be read. Keep the job until then (dropping it stops the reader).
pub fn read_mapping(
    text: String,
    name: String,
    on_done: Callback<Result<MappingRead, String>>,
) -> Result<Job, String> {
    start(
        Input::MappingFile(text),
        name,
        Options::default(),
        Callback::noop(),
        Callback::from(move |outcome| {
            on_done.emit(match outcome {
                Outcome::Mapping { read, .. } => Ok(read),
                Outcome::Failed { error, .. } => Err(error),
                Outcome::Read { file, .. } | Outcome::NeedsMapping { file, .. } => {
                    Err(format!("{file} : pas une correspondance"))
                }
            })
        }),
    )
}

#[cfg(test)]
mod tests {
    //! The hand-over, from the user's side: what the page receives in chunks is the catalogue
    //! the worker read, offer for offer and problem for problem (made by the reader's own
    //! functions); a chunk damaged or missing is an error, not a silent loss.
    use super::*;
    use relais_core::catalogue;
    use relais_core::mapping;
    use relais_core::refdata::{RefData, SEED_CATALOGUE};

    fn refdata() -> RefData {
        RefData::bundled().expect("bundled reference data")
    }

    fn job(name: &str) -> relais_reader::Job {
        relais_reader::Job {
            name: name.into(),
            ..relais_reader::Job::default()
        }
    }

    /// What the page gets of a file read by the reader: its offers and problems.
    fn received(bytes: &[u8], name: &str, rd: &RefData) -> (catalogue::Loaded, handover::Chunk) {
        let outcome = relais_reader::read(bytes, &job(name), rd);
        let mut decoder = handover::Decoder::new();
        let mut all = handover::Chunk::default();
        for c in relais_reader::chunks(&outcome) {
            let c = unpack_chunk(&mut decoder, &c, name).expect("a chunk");
            all.offers.extend(c.offers);
            all.problems.extend(c.problems);
        }
        let relais_reader::Outcome::Loaded { loaded, .. } = outcome else {
            panic!("read");
        };
        (loaded, all)
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_seed_catalogue_crosses_unchanged_suites_and_hours_included() {
        let rd = refdata();
        let (loaded, got) = received(SEED_CATALOGUE.as_bytes(), "data/catalogue.csv", &rd);
        assert!(
            loaded.offers.iter().any(|o| !o.continues_as().is_empty()),
            "the seed links offers with suite"
        );
        assert!(loaded.offers.iter().any(|o| o.schedule.is_some()));
        assert_eq!(got.offers, loaded.offers);
        assert_eq!(got.problems, loaded.problems);
        assert_eq!(
            check_count(got.offers.len(), loaded.offers.len(), "x"),
            Ok(())
        );
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
        let (loaded, got) = received(services.as_bytes(), "services.json", &rd);
        assert!(
            loaded
                .offers
                .iter()
                .any(|o| !o.zone_eligibilite().is_empty()),
            "{:?}",
            loaded.problems
        );
        assert_eq!(got.offers, loaded.offers);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_structures_file_crosses_read_by_the_reader_with_every_field() {
        let rd = refdata();
        let file = r#"[{"id": "st-1", "nom": "Maison des Chaînes", "siret": "12345678900011",
            "adresse": "1 rue de la Paix", "code_postal": "44000", "commune": "Nantes",
            "code_insee": "44109", "telephone": "02 40 00 00 00", "courriel": "a@b.invalid",
            "site_web": "https://exemple.invalid", "lien_source": "https://source.invalid"},
            {"id": "st-2", "nom": "Atelier", "siret": "12345678900029"}]"#;
        let job = relais_reader::Job {
            name: "structures.json".into(),
            step: true,
            ..relais_reader::Job::default()
        };
        let outcome = relais_reader::read(file.as_bytes(), &job, &rd);
        let relais_reader::Outcome::Structures(read) = &outcome else {
            panic!("{outcome:?}");
        };
        let v: Value =
            serde_json::from_str(&relais_reader::messages(&outcome, false)[0]).expect("JSON");
        let back = unpack_structures(&v);
        assert_eq!(back.len(), 2);
        for id in ["st-1", "st-2"] {
            assert_eq!(back.get(id), read.get(id), "{id}");
        }
        assert_eq!(back.get("st-1").map(|s| s.town.as_str()), Some("Nantes"));
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_mapping_file_read_by_the_reader_crosses_whole_with_its_problems() {
        for (file, text) in [
            (
                "emplois-siae.json",
                include_str!("../data/mappings/emplois-siae.json"),
            ),
            (
                "france-travail-agences.json",
                include_str!("../data/mappings/france-travail-agences.json"),
            ),
        ] {
            let (parsed, problems) = mapping::parse(text, file);
            assert!(!parsed.fields.is_empty(), "{file}");
            let msgs = relais_reader::mapping_messages(text, file);
            let v: Value = serde_json::from_str(&msgs[0]).expect("JSON");
            assert_eq!(unpack_mapping(&v["mapping"]), parsed, "{file}");
            assert!(problems.is_empty(), "{file}: {problems:?}");
        }
        // A broken one: no field, and the reader's sentence.
        let msgs = relais_reader::mapping_messages("{\"champs\": 3}", "m.json");
        let v: Vec<Value> = msgs
            .iter()
            .map(|m| serde_json::from_str(m).expect("JSON"))
            .collect();
        assert!(unpack_mapping(&v[0]["mapping"]).fields.is_empty());
        let problems = unpack_problems(&v[1]);
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("« champs » doit être un objet")),
            "{problems:?}"
        );
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn problems_cross_with_line_column_field_and_severity() {
        let rd = refdata();
        let bad = "id;organisation;titre;type;milieu;departements\n\
                   a;Asso;Atelier;nimporte;dehors;44\n\
                   b;Asso;Stage;stage;dehors;44;trop\n";
        let (loaded, got) = received(bad.as_bytes(), "bad.csv", &rd);
        assert!(loaded.problems.len() >= 2, "{:?}", loaded.problems);
        assert_eq!(got.problems, loaded.problems);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_damaged_or_missing_chunk_is_an_error_not_a_silent_loss() {
        let rd = refdata();
        let outcome = relais_reader::read(SEED_CATALOGUE.as_bytes(), &job("c.csv"), &rd);
        let chunk = relais_reader::chunks(&outcome).next().expect("a chunk");
        let cut = chunk.get(..chunk.len() / 2).expect("half");
        let e = unpack_chunk(&mut handover::Decoder::new(), cut, "c.csv").expect_err("cut");
        assert!(
            e.starts_with("c.csv : offres reçues du lecteur illisibles"),
            "{e}"
        );
        let e = check_count(0, 12, "c.csv").expect_err("nothing came");
        assert_eq!(e, "c.csv : 0 offres reçues du lecteur au lieu de 12");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_mapping_steps_table_crosses_with_its_proposal_and_value_maps() {
        let rd = refdata();
        let sheet = "Structure;Mesure;Dpt\nJardins;ACI;069\nRelais;EITI;069\n";
        let job = relais_reader::Job {
            name: "p.csv".into(),
            step: true,
            ..relais_reader::Job::default()
        };
        let outcome = relais_reader::read(sheet.as_bytes(), &job, &rd);
        let relais_reader::Outcome::Table {
            table,
            proposed,
            values,
            ..
        } = &outcome
        else {
            panic!("a table");
        };
        let msgs = relais_reader::messages(&outcome, false);
        let v: Value = serde_json::from_str(&msgs[0]).expect("JSON");
        let opened = unpack_table(&v);
        assert_eq!(opened.table, *table);
        assert_eq!(opened.proposed, *proposed);
        let sent: crate::mapping_state::ColumnValues = values
            .iter()
            .map(|c| (c.header.clone(), c.field, c.values.clone()))
            .collect();
        assert!(!sent.is_empty());
        assert_eq!(opened.values, sent);
    }
}
