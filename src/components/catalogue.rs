//! The catalogue panel: the catalogues in use (the example or the association's, each file
//! added, data·inclusion structures files), each with its origin, offer count and report, and
//! a button to remove it alone; the offers found in two catalogues, kept once; the report of the
//! last file chosen (every problem with line, column, field and what to change; the offers to
//! check again); « Ajouter un catalogue » (one or several files, chosen or dropped) or replace
//! them all; keep the list on this computer or go back to the default; export (CSV,
//! data·inclusion) and the template to start from.

use super::AppHandle;
use crate::browser;
use crate::catalogue_state::{
    column_letter, Attempt, CatalogueAction, CatalogueState, KeptList, Origin, Read,
};
use crate::i18n::{t, tf, Lang};
use crate::mapping_state::MappingAction;
use crate::state::{Action, State};
use crate::worker;
use relais_core::catalogue::{Problem, Severity};
use relais_core::freshness;
use relais_core::merge::Same;
use relais_core::model::Offer;
use relais_core::{catalogue, date};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties)]
pub struct Props {
    pub state: AppHandle,
    /// What the panel reads, taken when the page was drawn ([`Seen::of`]).
    pub seen: Seen,
}

/// The parts of the state the panel (and its mapping step) reads, as they were when the page
/// was drawn: it is drawn again only when they change — not at each keystroke in the profile
/// (issue 16: it counted the stale offers of the whole catalogue every time). The handle
/// always reads the current state, so comparing handles cannot tell; this can.
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
            && Rc::ptr_eq(&a.offers, &b.offers)
            && Rc::ptr_eq(&a.catalogue_problems, &b.catalogue_problems)
            && Rc::ptr_eq(&a.refdata, &b.refdata)
            && a.communes == b.communes
            && a.catalogue == b.catalogue
            && a.mapping == b.mapping
    }
}

/// The largest catalogue file the page reads. Past it, reading and matching would freeze the
/// tab for many seconds (a 100 MB file left it dead): the message says what to do instead.
pub const MAX_IMPORT_BYTES: f64 = 30.0 * 1024.0 * 1024.0;

/// A JSON file (data·inclusion services) is read as a stream in the worker and its offers take
/// about 3× its size, against 14× and more for a compact CSV: a national export (60,000
/// services, about 90 MB) must load. Below the core's own limit (`limits::MAX_FILE_BYTES`).
pub const MAX_IMPORT_JSON_BYTES: f64 = 100.0 * 1024.0 * 1024.0;

/// The page's limit for a file of this name.
pub fn import_limit(name: &str) -> f64 {
    if name.to_lowercase().ends_with(".json") {
        MAX_IMPORT_JSON_BYTES
    } else {
        MAX_IMPORT_BYTES
    }
}

/// A file being read by the worker: the progress shown, and the job (dropping it stops the
/// worker). Kept in the panel, not in `State`: progress redraws the panel only.
#[derive(Clone, PartialEq)]
struct Loading {
    file: String,
    progress: worker::Progress,
}

type JobSlot = Rc<RefCell<Option<worker::Job>>>;
/// Files chosen together, read one after the other; `true`: replace the list.
type Queue = Rc<RefCell<VecDeque<(web_sys::File, bool)>>>;

/// The files of a selection or a drop, in order.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Queue the files chosen together (the first replaces the list when `replace`, the others
/// join it) and start reading.
fn import_all(
    state: &AppHandle,
    files: Vec<web_sys::File>,
    replace: bool,
    loading: &UseStateHandle<Option<Loading>>,
    job: &JobSlot,
    queue: &Queue,
) {
    if files.is_empty() {
        return;
    }
    // Files chosen while others are read replace them.
    job.borrow_mut().take();
    {
        let mut q = queue.borrow_mut();
        q.clear();
        for (i, f) in files.into_iter().enumerate() {
            q.push_back((f, replace && i == 0));
        }
    }
    import_next(state, loading, job, queue);
}

/// Read the next file of the queue in the reader (progress, cancel), then to the reducer (or
/// to the mapping step).
fn import_next(
    state: &AppHandle,
    loading: &UseStateHandle<Option<Loading>>,
    job: &JobSlot,
    queue: &Queue,
) {
    let Some((file, replace)) = queue.borrow_mut().pop_front() else {
        return;
    };
    let d = state.dispatcher();
    let lang = state.lang;
    let name = file.name();
    let limit = import_limit(&name);
    if file.size() > limit {
        let mb = |b: f64| crate::view::decimal(b / 1024.0 / 1024.0, 1);
        let error = tf(lang, "catalogue.too_big", &[&mb(file.size()), &mb(limit)]);
        d.dispatch(Action::Catalogue(CatalogueAction::ImportFailed {
            file: name,
            error,
        }));
        return import_next(state, loading, job, queue);
    }
    let on_progress = {
        let loading = loading.setter();
        let name = name.clone();
        Callback::from(move |progress| {
            loading.set(Some(Loading {
                file: name.clone(),
                progress,
            }))
        })
    };
    let on_done = {
        let (state, loading, job, queue) =
            (state.clone(), loading.clone(), job.clone(), queue.clone());
        let d = d.clone();
        Callback::from(move |outcome| {
            job.borrow_mut().take();
            loading.set(None);
            d.dispatch(match outcome {
                worker::Outcome::Read { file, bytes, read } => {
                    Action::Catalogue(CatalogueAction::Read {
                        file,
                        bytes,
                        read,
                        replace,
                    })
                }
                // Other columns than Relais's: the mapping step opens; nothing in the list
                // changes until « Appliquer ».
                worker::Outcome::NeedsMapping {
                    file,
                    bytes,
                    opened,
                } => Action::Mapping(MappingAction::Open {
                    file,
                    bytes,
                    opened,
                    replace,
                }),
                worker::Outcome::Failed { file, error } => {
                    Action::Catalogue(CatalogueAction::ImportFailed { file, error })
                }
                // Not asked for (a catalogue job).
                worker::Outcome::Mapping { file, .. } => {
                    Action::Catalogue(CatalogueAction::ImportFailed {
                        error: format!("{file} : illisible"),
                        file,
                    })
                }
            });
            import_next(&state, &loading, &job, &queue);
        })
    };
    let total = file.size();
    let options = worker::Options {
        step: true,
        host_mapping: None,
    };
    match worker::start(
        worker::Input::File(file),
        name.clone(),
        options,
        on_progress,
        on_done,
    ) {
        Ok(started) => {
            *job.borrow_mut() = Some(started);
            // The progress replaces the report of the file before.
            d.dispatch(Action::Catalogue(CatalogueAction::DismissReport));
            loading.set(Some(Loading {
                file: name,
                progress: worker::Progress::Reading { done: 0.0, total },
            }));
        }
        Err(error) => {
            d.dispatch(Action::Catalogue(CatalogueAction::ImportFailed {
                file: name,
                error,
            }));
            import_next(state, loading, job, queue);
        }
    }
}

/// The name a catalogue goes by on cards and sheets: the example, the association's, or the
/// file's name.
pub fn source_name(lang: Lang, c: &CatalogueState, file: &str) -> String {
    match c.entry(file).map(|e| &e.origin) {
        Some(Origin::Seed) => t(lang, "catalogue.source_example").to_string(),
        Some(Origin::Hosted) => match c.config.as_ref().map(|h| h.name.as_str()) {
            Some(n) if !n.is_empty() => format!("{n} ({file})"),
            _ => format!("{} ({file})", t(lang, "catalogue.origin_hosted")),
        },
        _ => file.to_string(),
    }
}

/// « Source : partenaires.csv » for an offer's card, when several catalogues are in use (with
/// one, every offer comes from it: the panel says which).
pub fn card_source(s: &State, o: &Offer) -> Option<String> {
    if s.catalogue.entries.len() < 2 {
        return None;
    }
    let file = s.catalogue.source_of(o)?;
    Some(tf(
        s.lang,
        "catalogue.offer_source",
        &[&source_name(s.lang, &s.catalogue, file)],
    ))
}

/// The same for the dossier's sheet, always: the file a counsellor checks an offer against.
pub fn sheet_source(s: &State, o: &Offer) -> Option<String> {
    let file = s.catalogue.source_of(o)?;
    Some(tf(
        s.lang,
        "catalogue.offer_source",
        &[&source_name(s.lang, &s.catalogue, file)],
    ))
}

/// The association's catalogue (named by `relais.config.json`): fetched and read in the worker
/// (no progress shown: it loads at start, the seed or the kept catalogue in use meanwhile),
/// through the host's mapping (its file format) when its columns are not Relais's.
pub fn read_hosted(file: String, host_mapping: Option<String>, state: &AppHandle) {
    let d = state.dispatcher();
    let slot: JobSlot = Default::default();
    let on_done = {
        let (slot, d) = (slot.clone(), d.clone());
        Callback::from(move |outcome| {
            slot.borrow_mut().take();
            d.dispatch(Action::Catalogue(match outcome {
                worker::Outcome::Read { file, bytes, read } => {
                    CatalogueAction::HostedRead { file, bytes, read }
                }
                // Not asked for (no step for the association's files).
                worker::Outcome::NeedsMapping { file, .. }
                | worker::Outcome::Mapping { file, .. } => CatalogueAction::HostedFailed {
                    error: format!("{file} : colonnes non reconnues"),
                    file,
                },
                worker::Outcome::Failed { file, error } => {
                    CatalogueAction::HostedFailed { file, error }
                }
            }));
        })
    };
    let options = worker::Options {
        step: false,
        host_mapping,
    };
    match worker::start(
        worker::Input::Url(file.clone()),
        file.clone(),
        options,
        Callback::noop(),
        on_done,
    ) {
        // Kept until it ends (`on_done` lets it go).
        Ok(job) => *slot.borrow_mut() = Some(job),
        Err(error) => d.dispatch(Action::Catalogue(CatalogueAction::HostedFailed {
            file,
            error,
        })),
    }
}

/// The list kept on this computer (`KeptList`'s text): each catalogue file and each structures
/// file read by the reader, then the whole list to the reducer at once (in the order it was
/// kept).
pub fn read_kept(text: String, state: &AppHandle) {
    let Some(list) = KeptList::parse(&text) else {
        return;
    };
    let d = state.dispatcher();
    let count = list.files.len() + list.structures.len();
    let reads: Rc<RefCell<Vec<Option<Read>>>> = Rc::new(RefCell::new(vec![None; count]));
    let left = Rc::new(std::cell::Cell::new(count));
    let jobs: Rc<RefCell<Vec<worker::Job>>> = Rc::default();
    let text = Rc::new(text);
    let done = {
        let (reads, left, jobs, text, d) = (reads.clone(), left.clone(), jobs.clone(), text, d);
        move || {
            left.set(left.get().saturating_sub(1));
            if left.get() == 0 {
                jobs.borrow_mut().clear();
                d.dispatch(Action::Catalogue(CatalogueAction::Kept {
                    text: (*text).clone(),
                    reads: std::mem::take(&mut *reads.borrow_mut()),
                }));
            }
        }
    };
    if count == 0 {
        // Only the default.
        left.set(1);
        done();
        return;
    }
    for (i, (file, body)) in list.files.into_iter().chain(list.structures).enumerate() {
        let on_done = {
            let (reads, done) = (reads.clone(), done.clone());
            Callback::from(move |outcome| {
                if let worker::Outcome::Read { read, .. } = outcome {
                    if let Some(slot) = reads.borrow_mut().get_mut(i) {
                        *slot = Some(read);
                    }
                }
                done();
            })
        };
        match worker::start(
            worker::Input::Text(body),
            file,
            worker::Options::default(),
            Callback::noop(),
            on_done,
        ) {
            Ok(job) => jobs.borrow_mut().push(job),
            Err(e) => {
                gloo::console::warn!(format!("Relais: {e}"));
                done();
            }
        }
    }
}

/// The file being read: what is done, a `<progress>`, « Annuler ».
fn progress_view(lang: Lang, l: &Loading, on_cancel: Callback<MouseEvent>) -> Html {
    let mb = |b: f64| {
        let n = crate::view::decimal(b / 1024.0 / 1024.0, 1);
        if lang == Lang::Fr {
            n.replace('.', ",")
        } else {
            n
        }
    };
    let (phase, label, value, max) = match &l.progress {
        worker::Progress::Reading { done, total } => (
            "read",
            tf(
                lang,
                "catalogue.loading_read",
                &[&l.file, &mb(*done), &mb(*total)],
            ),
            Some(*done),
            total.max(1.0),
        ),
        worker::Progress::Checking => (
            "check",
            tf(lang, "catalogue.loading_check", &[&l.file]),
            None,
            1.0,
        ),
        worker::Progress::Receiving { done, total } => (
            "receive",
            tf(
                lang,
                "catalogue.loading_receive",
                &[&l.file, &done.to_string(), &total.to_string()],
            ),
            Some(*done as f64),
            (*total as f64).max(1.0),
        ),
    };
    html! {
        <div class="import-progress" data-testid="import-progress" data-phase={phase} aria-busy="true">
            <p id="import-progress-label" role="status">{ label }</p>
            // Without a value the bar says « working » (checking gives no count until it ends).
            <progress aria-labelledby="import-progress-label" max={crate::view::decimal(max, 0)}
                value={value.map(|v| crate::view::decimal(v, 0))}></progress>
            <button type="button" class="secondary" data-testid="import-cancel" onclick={on_cancel}>
                { t(lang, "catalogue.cancel") }
            </button>
            <p class="help">{ t(lang, "catalogue.loading_help") }</p>
        </div>
    }
}

#[component]
pub fn CataloguePanel(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let c = &s.catalogue;
    let (stale, stale_count) = crate::present::oldest_stale(&s.offers, s.today, STALE_SHOWN);
    let unchecked = freshness::unchecked_count(&s.offers);
    let errors = s
        .catalogue_problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let host_name = c
        .config
        .as_ref()
        .map(|h| h.name.clone())
        .filter(|n| !n.is_empty());
    let source_label = match c.entries.as_slice() {
        [one] => match one.origin {
            Origin::Seed => t(lang, "catalogue.source_seed").to_string(),
            Origin::Hosted => match &host_name {
                Some(n) => tf(lang, "catalogue.source_hosted_named", &[n, &one.file]),
                None => tf(lang, "catalogue.source_hosted", &[&one.file]),
            },
            Origin::Imported => tf(lang, "catalogue.source_imported", &[&one.file]),
            Origin::Kept => tf(lang, "catalogue.source_kept", &[&one.file]),
        },
        list => tf(lang, "catalogue.source_several", &[&list.len().to_string()]),
    };
    let is_default = c.is_default();
    let used_report = matches!(&c.attempt, Some(Attempt::Used { .. }));
    let loading = use_state(|| None::<Loading>);
    let job: JobSlot = use_mut_ref(|| None::<worker::Job>);
    let queue: Queue = use_mut_ref(VecDeque::new);

    // The list kept on this computer follows every addition and removal.
    {
        let state = props.state.clone();
        use_effect_with((c.kept, c.kept_names()), move |(kept, _)| {
            if *kept {
                if let Err(e) = browser::keep_catalogues(&state.catalogue.kept_list().to_text()) {
                    state.dispatch(Action::Catalogue(CatalogueAction::Stored(Err(e))));
                }
            }
        });
    }

    let on_files = |replace: bool| {
        let (state, loading, job, queue) = (
            props.state.clone(),
            loading.clone(),
            job.clone(),
            queue.clone(),
        );
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = files_of(input.files());
            // The same file can be chosen again once corrected.
            input.set_value("");
            import_all(&state, files, replace, &loading, &job, &queue);
        })
    };
    let on_add = on_files(false);
    let on_replace = on_files(true);
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let (state, loading, job, queue) = (
            props.state.clone(),
            loading.clone(),
            job.clone(),
            queue.clone(),
        );
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let files = files_of(e.data_transfer().and_then(|dt| dt.files()));
            import_all(&state, files, false, &loading, &job, &queue);
        })
    };
    let on_cancel = {
        let (d, loading, job, queue) = (
            props.state.dispatcher(),
            loading.clone(),
            job.clone(),
            queue.clone(),
        );
        Callback::from(move |_| {
            // The worker stops at once; nothing it read reaches the list, nor do the files
            // chosen with it.
            queue.borrow_mut().clear();
            if let Some(j) = job.borrow_mut().take() {
                j.cancel();
            }
            if let Some(l) = &*loading {
                d.dispatch(Action::Catalogue(CatalogueAction::Cancelled {
                    file: l.file.clone(),
                }));
            }
            loading.set(None);
        })
    };
    let on_keep = {
        let state = props.state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let result = if input.checked() {
                let list = state.catalogue.kept_list();
                browser::keep_catalogues(&list.to_text())
                    .map(|_| Some(list.files.iter().map(|(f, _)| f.clone()).collect()))
            } else {
                browser::forget_catalogue().map(|_| None)
            };
            state.dispatch(Action::Catalogue(CatalogueAction::Stored(result)));
        })
    };
    let on_default = {
        let d = props.state.dispatcher();
        Callback::from(move |_| {
            d.dispatch(Action::Catalogue(CatalogueAction::Stored(
                browser::forget_catalogue().map(|_| None),
            )));
            d.dispatch(Action::Catalogue(CatalogueAction::Default));
        })
    };
    let on_export_csv = {
        let state = props.state.clone();
        Callback::from(move |_| {
            // With a BOM, so that Excel opens the accents right; the import skips it.
            let text = format!("\u{feff}{}", catalogue::to_csv(&state.offers));
            let name = format!("catalogue-relais-{}.csv", date::iso(state.today));
            state.dispatch(Action::Downloaded(browser::download(
                &name,
                "text/csv;charset=utf-8",
                &text,
            )));
        })
    };
    let on_export_di = {
        let state = props.state.clone();
        Callback::from(move |_| {
            let source = state
                .catalogue
                .config
                .as_ref()
                .map(|h| h.source())
                .unwrap_or_else(|| "relais".into());
            let services =
                relais_core::datainclusion::to_services(&state.offers, &source, state.today);
            let text = serde_json::to_string_pretty(&services).unwrap_or_default();
            let name = format!("services-data-inclusion-{}.json", date::iso(state.today));
            state.dispatch(Action::Downloaded(browser::download(
                &name,
                "application/json",
                &text,
            )));
        })
    };
    let on_dismiss = {
        let d = props.state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::Catalogue(CatalogueAction::DismissReport)))
    };

    let mut hosting_notes: Vec<String> = Vec::new();
    if let Some(p) = &c.config_problem {
        hosting_notes.push(p.clone());
    }
    if let Some(h) = &c.config {
        hosting_notes.extend(h.problems.iter().cloned());
    }
    if let Some(p) = &c.hosted_problem {
        hosting_notes.push(p.clone());
    }
    let accept =
        ".csv,.json,.txt,.xml,text/csv,application/json,text/xml,application/xml,.xlsx,.xls,.ods";

    html! {
        <section class="panel catalogue no-print" id="catalogue" aria-labelledby="catalogue-title" data-testid="catalogue">
            <h2 id="catalogue-title">{ t(lang, "catalogue.title") }</h2>
            <p class="catalogue-summary" data-testid="catalogue-summary" data-source={c.code()}
                data-catalogues={c.entries.len().to_string()}
                data-count={s.offers.len().to_string()} data-stale={stale_count.to_string()}>
                <strong>{ source_label }</strong>
                { " — " }
                { tf(lang, "catalogue.count", &[&s.offers.len().to_string()]) }
                if stale_count > 0 {
                    { tf(lang, "catalogue.count_stale", &[&stale_count.to_string()]) }
                }
                if !s.catalogue_problems.is_empty() {
                    { tf(lang, "catalogue.count_problems", &[&s.catalogue_problems.len().to_string(), &errors.to_string()]) }
                }
            </p>
            if !hosting_notes.is_empty() {
                <p class="help" data-testid="hosting-note">
                    { tf(lang, "catalogue.hosting_note", &[&hosting_notes.join(" ; ")]) }
                </p>
            }
            { attempt_report(props, &on_dismiss) }
            // In its own element: a component that renders nothing, between siblings that come
            // and go in the same render, made Yew insert before a node already removed
            // (« failed to insert node before next sibling » on every import).
            <div class="mapping-slot">
                <super::mapping::MappingPanel state={props.state.clone()} />
            </div>
            { catalogue_list(props) }
            if !used_report && !s.catalogue_problems.is_empty() {
                <details class="catalogue-details" data-testid="catalogue-problems">
                    <summary>{ tf(lang, if c.entries.len() > 1 { "catalogue.problems_summary_several" } else { "catalogue.problems_summary" }, &[&s.catalogue_problems.len().to_string(), &errors.to_string()]) }</summary>
                    { problems_table(lang, &s.catalogue_problems, "catalogue-problems-table") }
                </details>
            }
            if !used_report && stale_count > 0 {
                <details class="catalogue-details" data-testid="catalogue-stale">
                    <summary>{ tf(lang, "catalogue.stale_summary", &[&stale_count.to_string()]) }</summary>
                    { stale_list(lang, &stale, stale_count, unchecked) }
                </details>
            }
            <div class="catalogue-actions">
                <div class="catalogue-block">
                    <h3>{ t(lang, "catalogue.add_title") }</h3>
                    <p class="help" id="catalogue-add-help">{ t(lang, "catalogue.add_help") }</p>
                    <div class="dropzone" data-testid="catalogue-drop" ondragover={on_dragover} ondrop={on_drop}>
                        <input type="file" id="catalogue-add" class="file-input" data-testid="catalogue-add"
                            aria-describedby="catalogue-add-help" multiple=true accept={accept}
                            onchange={on_add} />
                        <label for="catalogue-add" class="button-like">{ t(lang, "catalogue.add") }</label>
                        <span class="drop-hint">{ t(lang, "catalogue.drop") }</span>
                    </div>
                    <div class="replace">
                        <input type="file" id="catalogue-file" class="file-input" data-testid="catalogue-import"
                            aria-describedby="catalogue-replace-help" multiple=true accept={accept}
                            onchange={on_replace} />
                        <label for="catalogue-file" class="button-like secondary">{ t(lang, "catalogue.replace") }</label>
                        <p class="help" id="catalogue-replace-help">{ t(lang, "catalogue.replace_help") }</p>
                    </div>
                    <div class="import-progress-slot">
                        if let Some(l) = &*loading {
                            { progress_view(lang, l, on_cancel) }
                        }
                    </div>
                    if c.user_entries().next().is_some() || !c.structures.is_empty() || c.kept {
                        <div class="check keep">
                            <input type="checkbox" id="catalogue-keep" data-testid="catalogue-keep"
                                checked={c.kept} onchange={on_keep} aria-describedby="catalogue-keep-help" />
                            <label for="catalogue-keep">{ t(lang, "catalogue.keep") }</label>
                        </div>
                        <p class="help" id="catalogue-keep-help">{ t(lang, "catalogue.keep_help") }</p>
                    }
                    if let (Some(f), false) = (&c.stored, c.kept) {
                        <p class="help" data-testid="catalogue-stored-other">{ tf(lang, "catalogue.stored_other", &[&f.join(", ")]) }</p>
                    }
                    if let Some(e) = &c.storage_error {
                        <p class="field-error" role="alert">{ tf(lang, "catalogue.storage_error", &[e]) }</p>
                    }
                    if !is_default || c.stored.is_some() {
                        <button type="button" class="secondary" data-testid="catalogue-default" onclick={on_default}>
                            { t(lang, "catalogue.default") }
                        </button>
                    }
                </div>
                <div class="catalogue-block">
                    <h3>{ t(lang, "catalogue.export_title") }</h3>
                    <p class="help">{ t(lang, "catalogue.export_help") }</p>
                    <div class="buttons">
                        <button type="button" class="secondary" data-testid="catalogue-export-csv" onclick={on_export_csv}>{ t(lang, "catalogue.export_csv") }</button>
                        <button type="button" class="secondary" data-testid="catalogue-export-di" onclick={on_export_di}>{ t(lang, "catalogue.export_di") }</button>
                    </div>
                </div>
                <div class="catalogue-block">
                    <h3>{ t(lang, "catalogue.template_title") }</h3>
                    <ul class="links">
                        <li><a href="modele-catalogue.csv" download="modele-catalogue.csv" data-testid="catalogue-template">{ t(lang, "catalogue.template") }</a></li>
                        <li><a href="modele-catalogue-colonnes.csv" download="modele-catalogue-colonnes.csv" data-testid="catalogue-template-columns">{ t(lang, "catalogue.template_columns") }</a></li>
                    </ul>
                    <p class="help">{ t(lang, "catalogue.template_help") }</p>
                </div>
            </div>
        </section>
    }
}

/// The catalogues in use: each with its origin, counts, its own remarks and « Retirer »; the
/// structures files; the offers found twice, kept once.
fn catalogue_list(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let c = &s.catalogue;
    let several = c.entries.len() > 1;
    let remove = |file: &str| {
        let d = props.state.dispatcher();
        let file = file.to_string();
        Callback::from(move |_| {
            d.dispatch(Action::Catalogue(CatalogueAction::Remove(file.clone())))
        })
    };
    let origin = |o: &Origin| match o {
        Origin::Seed => t(lang, "catalogue.origin_seed"),
        Origin::Hosted => t(lang, "catalogue.origin_hosted"),
        Origin::Imported => t(lang, "catalogue.origin_imported"),
        Origin::Kept => t(lang, "catalogue.origin_kept"),
    };
    html! {
        <div class="catalogue-list-wrap">
            <h3 id="catalogue-list-title">{ tf(lang, "catalogue.list_title", &[&c.entries.len().to_string()]) }</h3>
            <ul class="catalogue-list" data-testid="catalogue-list" aria-labelledby="catalogue-list-title">
                { for c.entries.iter().enumerate().map(|(i, e)| {
                    let problems = c.problems_of(&e.file);
                    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
                    let warnings = problems.len() - errors;
                    let dups = c.sources.get(i).map_or(0, |sc| sc.duplicates);
                    html! {
                        <li class="catalogue-entry" data-testid="catalogue-entry" data-file={e.file.clone()}
                            data-origin={e.origin.code()} data-count={e.offers.len().to_string()}>
                            <div class="entry-head">
                                <strong class="entry-name">{ e.file.clone() }</strong>
                                <span class="entry-origin">{ origin(&e.origin) }</span>
                                if several {
                                    <button type="button" class="link small" data-testid="catalogue-remove"
                                        aria-label={tf(lang, "catalogue.remove_label", &[&e.file])}
                                        onclick={remove(&e.file)}>
                                        { t(lang, "catalogue.remove") }
                                    </button>
                                }
                            </div>
                            <p class="entry-counts">
                                { tf(lang, "catalogue.entry_counts", &[&e.offers.len().to_string(), &errors.to_string(), &warnings.to_string()]) }
                                if dups > 0 {
                                    { tf(lang, "catalogue.entry_duplicates", &[&dups.to_string()]) }
                                }
                            </p>
                            if several && !problems.is_empty() {
                                <details class="entry-report">
                                    <summary>{ t(lang, "catalogue.entry_report") }</summary>
                                    { problems_table(lang, &problems, "entry-problems") }
                                </details>
                            }
                        </li>
                    }
                }) }
                { for c.structures.iter().map(|st| html! {
                    <li class="catalogue-entry structures" data-testid="catalogue-structures" data-file={st.file.clone()}>
                        <div class="entry-head">
                            <strong class="entry-name">{ st.file.clone() }</strong>
                            <span class="entry-origin">{ t(lang, "catalogue.origin_structures") }</span>
                            <button type="button" class="link small" data-testid="catalogue-remove"
                                aria-label={tf(lang, "catalogue.remove_label", &[&st.file])}
                                onclick={remove(&st.file)}>
                                { t(lang, "catalogue.remove") }
                            </button>
                        </div>
                        <p class="entry-counts">{ tf(lang, "catalogue.entry_structures", &[&st.structures.len().to_string()]) }</p>
                    </li>
                }) }
            </ul>
            if !c.duplicates.is_empty() {
                <details class="catalogue-details" data-testid="catalogue-duplicates" open=true>
                    <summary>{ tf(lang, "catalogue.duplicates_summary", &[&c.duplicates.len().to_string()]) }</summary>
                    <p class="help">{ t(lang, "catalogue.duplicates_help") }</p>
                    <div class="table-wrap">
                        <table class="problems duplicates">
                            <caption class="visually-hidden">{ t(lang, "catalogue.dup_caption") }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ t(lang, "catalogue.dup_offer") }</th>
                                    <th scope="col">{ t(lang, "catalogue.dup_in") }</th>
                                    <th scope="col">{ t(lang, "catalogue.dup_kept") }</th>
                                    <th scope="col">{ t(lang, "catalogue.dup_why") }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for c.duplicates.iter().map(|d| html! {
                                    <tr data-testid="duplicate" data-id={d.id.clone()} data-source={d.source.clone()} data-kept={d.kept_source.clone()}>
                                        <td><strong>{ d.title.clone() }</strong>{ format!(" ({})", d.id) }</td>
                                        <td>{ format!("{} ({} {})", source_name(lang, c, &d.source), t(lang, "catalogue.col_line").to_lowercase(), d.line) }</td>
                                        <td>{ format!("{} ({})", source_name(lang, c, &d.kept_source), d.kept_id) }</td>
                                        <td>{ t(lang, match d.why {
                                            Same::IdAndTitle => "catalogue.same_id",
                                            Same::Siret => "catalogue.same_siret",
                                            Same::OrganisationPlaceTitle => "catalogue.same_place",
                                        }) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                </details>
            }
        </div>
    }
}

/// What became of the last file chosen.
fn attempt_report(props: &Props, on_dismiss: &Callback<MouseEvent>) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let Some(attempt) = &s.catalogue.attempt else {
        return html! {};
    };
    let close = html! {
        <button type="button" class="link small" data-testid="import-report-close" onclick={on_dismiss.clone()}>{ t(lang, "catalogue.report_close") }</button>
    };
    match attempt {
        Attempt::Used { file } => {
            let Some(e) = s.catalogue.entry(file) else {
                return html! {};
            };
            let (stale, stale_count) =
                crate::present::oldest_stale(&e.offers, s.today, STALE_SHOWN);
            let unchecked = freshness::unchecked_count(&e.offers);
            let problems = s.catalogue.problems_of(file);
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            let warnings = problems.len() - errors;
            let key = if s.catalogue.entries.len() > 1 {
                "catalogue.report_added"
            } else {
                "catalogue.report_used"
            };
            html! {
                <div class="report notice ok" role="status" data-testid="import-report" data-outcome="used">
                    <h3>{ tf(lang, "catalogue.report_title", &[file]) }</h3>
                    <p>{ tf(lang, key, &[file, &e.offers.len().to_string(), &errors.to_string(), &warnings.to_string()]) }</p>
                    <p class="help">{ tf(lang, "catalogue.report_how", &[&e.how]) }</p>
                    if !problems.is_empty() {
                        <p>{ t(lang, "catalogue.report_fix") }</p>
                        { problems_table(lang, &problems, "import-problems") }
                    }
                    <div data-testid="import-stale">
                        if stale_count == 0 {
                            <p>{ t(lang, "catalogue.stale_none") }</p>
                        } else {
                            <p><strong>{ tf(lang, "catalogue.stale_summary", &[&stale_count.to_string()]) }</strong></p>
                            { stale_list(lang, &stale, stale_count, unchecked) }
                        }
                    </div>
                    { close }
                </div>
            }
        }
        Attempt::Structures { file, count } => html! {
            <div class="report notice ok" role="status" data-testid="import-report" data-outcome="structures">
                <h3>{ tf(lang, "catalogue.report_title", &[file]) }</h3>
                <p>{ tf(lang, "catalogue.report_structures", &[file, &count.to_string()]) }</p>
                { close }
            </div>
        },
        Attempt::Rejected {
            file,
            how,
            problems,
        } => html! {
            <div class="report notice error" role="alert" data-testid="import-report" data-outcome="rejected">
                <h3>{ tf(lang, "catalogue.report_title", &[file]) }</h3>
                <p><strong>{ tf(lang, "catalogue.report_rejected", &[file]) }</strong></p>
                <p class="help">{ tf(lang, "catalogue.report_how", &[how]) }</p>
                { problems_table(lang, problems, "import-problems") }
                { close }
            </div>
        },
        Attempt::Cancelled { file } => html! {
            <div class="report notice" role="status" data-testid="import-report" data-outcome="cancelled">
                <p><strong>{ tf(lang, "catalogue.report_cancelled", &[file]) }</strong></p>
                <p class="help">{ t(lang, "catalogue.report_unchanged") }</p>
                { close }
            </div>
        },
        Attempt::Unreadable { file, error } => html! {
            <div class="report notice error" role="alert" data-testid="import-report" data-outcome="unreadable">
                <p><strong>{ tf(lang, "catalogue.report_unreadable", &[file, error]) }</strong></p>
                <p class="help">{ t(lang, "catalogue.report_unchanged") }</p>
                { close }
            </div>
        },
    }
}

/// Every problem: line, column (number and spreadsheet letter), field, severity, what to change.
fn problems_table(lang: Lang, problems: &[Problem], testid: &str) -> Html {
    html! {
        <div class="table-wrap">
            <table class="problems" data-testid={testid.to_string()}>
                <caption class="visually-hidden">{ t(lang, "catalogue.table_caption") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t(lang, "catalogue.col_line") }</th>
                        <th scope="col">{ t(lang, "catalogue.col_column") }</th>
                        <th scope="col">{ t(lang, "catalogue.col_field") }</th>
                        <th scope="col">{ t(lang, "catalogue.col_severity") }</th>
                        <th scope="col">{ t(lang, "catalogue.col_message") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for problems.iter().map(|p| {
                        let error = p.severity == Severity::Error;
                        html! {
                            <tr class={if error { "error" } else { "warning" }}
                                data-line={p.line.to_string()}
                                data-column={p.column.unwrap_or(0).to_string()}
                                data-field={p.field.clone().unwrap_or_default()}
                                data-severity={if error { "error" } else { "warning" }}>
                                <td>{ if p.line > 0 { p.line.to_string() } else { "—".into() } }</td>
                                <td>{ p.column.map(|c| format!("{c} ({})", column_letter(c))).unwrap_or_else(|| "—".into()) }</td>
                                <td>{ p.field.clone().map(|f| html! { <code>{ f }</code> }).unwrap_or_else(|| html! { "—" }) }</td>
                                <td>{ t(lang, if error { "catalogue.severity_error" } else { "catalogue.severity_warning" }) }</td>
                                <td>{ p.message.clone() }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// How many offers not checked for six months are listed by name: the oldest checks. A national
/// catalogue can have tens of thousands; each item drawn costs the page memory and time
/// (issue 10: a 60,000-row file with 20,000 such offers took over 40 MB of the page's memory).
const STALE_SHOWN: usize = 50;

/// The offers not checked for more than six months, oldest first (the first
/// [`STALE_SHOWN`] of `count`, then how many more); then how many never were.
fn stale_list(lang: Lang, stale: &[freshness::StaleOffer], count: usize, unchecked: usize) -> Html {
    let more = count.saturating_sub(stale.len());
    html! {
        <>
            <p class="help">{ t(lang, "catalogue.stale_help") }</p>
            <ul class="stale-list">
                { for stale.iter().take(STALE_SHOWN).map(|o| html! {
                    <li data-testid={format!("stale-{}", o.id)}>
                        <strong>{ o.title.clone() }</strong>
                        { format!(" — {} ", o.organisation) }
                        <span class="detail">{ tf(lang, "catalogue.stale_item", &[&o.id, &o.line.to_string(), &date::fr(o.checked)]) }</span>
                    </li>
                }) }
            </ul>
            if more > 0 {
                <p class="help" data-testid="stale-more">{ tf(lang, "catalogue.stale_more", &[&more.to_string()]) }</p>
            }
            if unchecked > 0 {
                <p class="help">{ tf(lang, "catalogue.unchecked", &[&unchecked.to_string()]) }</p>
            }
        </>
    }
}
