//! The whole page: header with the profile file actions and the language switch, notices,
//! the profile, the results and the sheet.

use super::catalogue::CataloguePanel;
use super::device::DeviceBar;
use super::profile_form::ProfileForm;
use super::results::Results;
use super::sheet::SheetView;
use super::workshop::WorkshopView;
use super::AppHandle;
use crate::browser;
use crate::catalogue_state::{CatalogueAction, CONFIG_URL};
use crate::i18n::{self, t, tf, Lang};
use crate::mapping_state::MappingAction;
use crate::state::{Action, Communes, JobWords, PreparedFor, State, Status};
use relais_core::catalogue::Severity;
use relais_core::date;
use relais_core::prepared::Preparing;
use std::cell::Cell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The everyday job titles (`data/rome-appellations.csv`), copied next to `index.html` too.
pub const JOB_WORDS_URL: &str = relais_core::appellations::FILE;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(browser::today()));
    // Why English could not be had, if it could not (it is fetched when first chosen).
    let lang_error = use_state(|| None::<String>);
    // A typed profile lives only in this tab: the browser asks before closing or reloading it.
    // The example and the empty profile are not the counsellor's work and ask nothing.
    let typed = {
        let p = &state.profile;
        *p != relais_core::model::Profile::default()
            && *p != crate::state::example_profile(state.today)
    };
    use_effect_with(typed, |typed| {
        let listener = typed.then(|| {
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            web_sys::window().map(|w| {
                gloo::events::EventListener::new_with_options(&w, "beforeunload", options, |e| {
                    e.prevent_default();
                    // Older Chromium asks only when returnValue is set.
                    let _ = js_sys::Reflect::set(e, &"returnValue".into(), &"".into());
                })
            })
        });
        move || drop(listener)
    });
    // Kept in memory for the crash notice (`crate::panic`): a reload after a bug loses nothing.
    use_effect_with(state.profile.clone(), |p| {
        if let Ok(json) = p.to_json() {
            crate::panic::remember_profile(json);
        }
    });

    // The commune list is 1.4 MB (0.4 MB brotli): fetched once at start from the app's own
    // origin, so that the first screen does not wait for it. Codes keep working if it never
    // comes.
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            // relais.html (file://) can fetch nothing: codes work without the list.
            if browser::is_single_file() {
                d.dispatch(Action::CommunesFailed(
                    t(Lang::Fr, "notice.communes_single_file").into(),
                ));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                match browser::fetch_text(browser::COMMUNES_URL).await {
                    Ok(text) => d.dispatch(Action::CommunesLoaded(text)),
                    Err(e) => d.dispatch(Action::CommunesFailed(e)),
                }
            });
        });
    }
    // The job titles are 0.7 MB: fetched the first time the sector field is typed in (the
    // reducer then sets `Loading`), so that a profile without sectors never waits for them.
    {
        let d = state.dispatcher();
        let wanted = state.job_words == JobWords::Loading;
        use_effect_with(wanted, move |wanted| {
            if !*wanted {
                return;
            }
            if browser::is_single_file() {
                d.dispatch(Action::JobWordsFailed(
                    t(Lang::Fr, "notice.communes_single_file").into(),
                ));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                match browser::fetch_text(JOB_WORDS_URL).await {
                    Ok(text) => d.dispatch(Action::JobWordsLoaded(text)),
                    Err(e) => d.dispatch(Action::JobWordsFailed(e)),
                }
            });
        });
    }
    // The catalogue kept on this computer (only if the user chose to keep one), then the site's
    // relais.config.json (the app ships one that names nothing: no 404 in the console).
    {
        let app = state.clone();
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            if let Some(text) = browser::kept_catalogues() {
                // Read by the catalogue reader, then to the list at once.
                super::catalogue::read_kept(text, &app);
            }
            if browser::is_single_file() {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let config = browser::fetch_text(CONFIG_URL).await;
                d.dispatch(Action::Catalogue(CatalogueAction::Config(config)));
            });
        });
    }
    // The association's catalogues, once the configuration names them.
    {
        let app = state.clone();
        let hosted = state
            .catalogue
            .config
            .as_ref()
            .map(|c| (c.catalogues.clone(), c.correspondance.clone()))
            .filter(|(f, _)| !f.is_empty());
        use_effect_with(hosted, move |hosted| {
            if let Some((files, mapping)) = hosted.clone() {
                // Read in the worker (a large catalogue does not freeze the page).
                if mapping.is_empty() {
                    for file in files {
                        super::catalogue::read_hosted(file, None, &app);
                    }
                    return;
                }
                let d = app.dispatcher();
                wasm_bindgen_futures::spawn_local(async move {
                    // The mapping first (read by the catalogue reader: the page parses no
                    // mapping file): the files are read through it, when it is usable.
                    let read_files = {
                        let (app, d, mapping) = (app.clone(), d.clone(), mapping.clone());
                        move |result: Result<crate::mapping_state::MappingRead, String>| {
                            let usable = result.as_ref().ok().and_then(|r| {
                                (!r.mapping.fields.is_empty()).then(|| r.mapping.to_json())
                            });
                            d.dispatch(Action::Mapping(MappingAction::Host {
                                file: mapping.clone(),
                                result,
                            }));
                            for file in files.clone() {
                                super::catalogue::read_hosted(file, usable.clone(), &app);
                            }
                        }
                    };
                    let text = match browser::fetch_text(&mapping).await {
                        Ok(text) => text,
                        Err(e) => return read_files(Err(e)),
                    };
                    let slot: std::rc::Rc<std::cell::RefCell<Option<crate::worker::Job>>> =
                        std::rc::Rc::default();
                    let on_done = {
                        let (slot, read_files) = (slot.clone(), read_files.clone());
                        Callback::from(move |result| {
                            slot.borrow_mut().take();
                            read_files(result);
                        })
                    };
                    match crate::worker::read_mapping(text, mapping, on_done) {
                        // Kept until it ends (`on_done` lets it go).
                        Ok(job) => *slot.borrow_mut() = Some(job),
                        Err(e) => read_files(Err(e)),
                    }
                });
            }
        });
    }
    // A large catalogue put in use: prepared a slice at a time, the page answering between
    // slices (issue 16: one task of 200–400 ms for 60,000 offers); its results once ready.
    {
        let d = state.dispatcher();
        let pending = state.putting_in_use.is_some();
        let (offers, refdata) = state.catalogue_in_use();
        let key = (
            pending,
            Rc::as_ptr(&offers) as usize,
            Rc::as_ptr(&refdata) as usize,
        );
        use_effect_with(key, move |&(pending, _, _)| {
            let stop = Rc::new(Cell::new(false));
            if pending {
                wasm_bindgen_futures::spawn_local(prepare_in_slices(
                    offers,
                    refdata,
                    d,
                    stop.clone(),
                ));
            }
            // A catalogue replaced meanwhile: this preparation stops at its next slice.
            move || stop.set(true)
        });
    }
    // The first screen is drawn lean (`State::lean`; the panel and the sheet below): the rest
    // once the page is idle, after the first paint and whatever the first click asked for.
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            browser::when_idle(1000, move || d.dispatch(Action::Settled));
        });
    }
    {
        let lang = state.lang;
        use_effect_with(lang, move |lang| {
            browser::set_document_lang(lang.code(), t(*lang, "app.title"))
        });
    }

    // « Mode atelier »: no profile, no sheet, nothing personal on screen.
    if state.workshop.on {
        // Full-screen slides: nothing but the slide (Escape or the corner button leaves).
        let present = state.workshop.present;
        return html! {
            <>
                if !present {
                    { header(&state, &lang_error) }
                }
                <WorkshopView state={state.clone()} />
            </>
        };
    }
    html! {
        <>
            <a class="skip-link" href="#results">{ t(state.lang, "nav.skip_to_results") }</a>
            { header(&state, &lang_error) }
            <DeviceBar state={state.clone()} />
            { notices(&state) }
            <main id="main" class="layout">
                <ProfileForm state={state.clone()} />
                <div class="right">
                    <Results state={state.clone()} />
                    if state.settled {
                        <SheetView state={state.clone()} seen={super::sheet::Seen::of(&state)} />
                    } else {
                        // Below the results; drawn once the page is idle (the link to it works).
                        <section id="sheet" class="panel sheet" aria-busy="true"></section>
                    }
                </div>
            </main>
            if state.settled {
                <CataloguePanel state={state.clone()} seen={super::catalogue::Seen::of(&state)} />
            } else {
                <section id="catalogue" class="panel catalogue no-print" aria-busy="true"></section>
            }
            <footer class="site-footer no-print">
                <p>{ t(state.lang, "footer.privacy") }</p>
            </footer>
        </>
    }
}

/// Time given to preparing offers in one task before the page gets a turn.
const SLICE_MS: f64 = 8.0;
/// Offers prepared between two looks at the clock.
const SLICE_OFFERS: usize = 256;

/// Prepare `offers` a slice at a time, each slice in a task of its own, then what needs every
/// offer, their index and skill suggestions in tasks of their own, and hand the whole to the
/// reducer
/// (`Action::InUse`), which ranks. Stops, handing nothing, once `stop` is set.
async fn prepare_in_slices(
    offers: Rc<Vec<relais_core::model::Offer>>,
    refdata: Rc<relais_core::refdata::RefData>,
    d: UseReducerDispatcher<State>,
    stop: Rc<Cell<bool>>,
) {
    let next_task = || gloo::timers::future::TimeoutFuture::new(0);
    let total = offers.len();
    let mut preparing = Preparing::new(&offers, &refdata);
    loop {
        next_task().await;
        if stop.get() {
            return;
        }
        let start = js_sys::Date::now();
        let mut done = preparing.done();
        while done < total && js_sys::Date::now() - start < SLICE_MS {
            done = preparing.step(&offers, &refdata, SLICE_OFFERS);
        }
        if done >= total {
            break;
        }
        d.dispatch(Action::Preparing(done));
    }
    // What needs every offer (suites, ranks by id, places by name): a task each.
    loop {
        next_task().await;
        if stop.get() {
            return;
        }
        if preparing.finish_step(&offers, &refdata) {
            break;
        }
    }
    let prepared = preparing.finish(&offers, &refdata);
    next_task().await;
    if stop.get() {
        return;
    }
    let prepared = Rc::new(PreparedFor::of(&offers, &refdata, prepared));
    next_task().await;
    if stop.get() {
        return;
    }
    let suggestions = Rc::new(crate::present::skill_suggestions(&offers, &refdata));
    next_task().await;
    if stop.get() {
        return;
    }
    // Ranked, its first cards drawn; the rest of the page in the next task.
    d.dispatch(Action::InUse(prepared, suggestions));
    next_task().await;
    d.dispatch(Action::Settled);
}

fn header(state: &AppHandle, lang_error: &UseStateHandle<Option<String>>) -> Html {
    let lang = state.lang;
    let on_save = {
        let state = state.clone();
        Callback::from(move |_| {
            let name = format!("profil-relais-{}.json", date::iso(state.today));
            // A profile that cannot be written is said, never saved as an empty file.
            let saved = state
                .profile
                .to_json()
                .and_then(|json| browser::download(&name, "application/json", &json));
            state.dispatch(Action::Downloaded(saved));
        })
    };
    let on_open = {
        let d = state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let file = input.files().and_then(|f| f.get(0));
            // Let the same file be chosen again after fixing it.
            input.set_value("");
            if let Some(file) = file {
                let d = d.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match browser::read_text(file).await {
                        Ok(text) => d.dispatch(Action::OpenProfile(text)),
                        Err(e) => d.dispatch(Action::OpenProfileFailed(e)),
                    }
                });
            }
        })
    };
    let on_reset = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::ResetProfile))
    };
    let workshop = state.workshop.on;
    let on_workshop = {
        let d = state.dispatcher();
        Callback::from(move |_| {
            d.dispatch(Action::Workshop(crate::workshop::WorkshopAction::Toggle(
                !workshop,
            )))
        })
    };
    let on_lang = {
        let d = state.dispatcher();
        let other = lang.other();
        let lang_error = lang_error.clone();
        Callback::from(move |_| {
            if other == Lang::Fr || i18n::english_ready() {
                lang_error.set(None);
                d.dispatch(Action::SetLang(other));
                return;
            }
            // English is a data file (issue 16: not in the wasm), fetched the first time it is
            // chosen; the page switches once it is in.
            let d = d.clone();
            let lang_error = lang_error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = if browser::is_single_file() {
                    browser::embedded_text(i18n::EN_EMBED_ID)
                        .ok_or_else(|| i18n::EN_FILE.to_string())
                } else {
                    browser::fetch_text(i18n::EN_FILE).await
                };
                match text.and_then(i18n::load_english) {
                    Ok(()) => {
                        lang_error.set(None);
                        d.dispatch(Action::SetLang(Lang::En));
                    }
                    Err(e) => lang_error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <header class="site-header">
            <div class="brand">
                <h1 class="name">{ "Relais" }</h1>
                <p class="tagline">{ t(lang, "app.tagline") }</p>
            </div>
            { host(state) }
            <nav class="toolbar" aria-label={t(lang, "nav.label")}>
                <button type="button" class="header-button workshop-toggle" data-testid="workshop-toggle" onclick={on_workshop}>
                    { t(lang, if workshop { "ws.leave" } else { "ws.enter" }) }
                </button>
                if !workshop {
                <button type="button" class="header-button" data-testid="profile-save" onclick={on_save}>{ t(lang, "profile.save") }</button>
                <input type="file" id="profile-open" class="file-input" accept=".json,application/json"
                    data-testid="profile-open" onchange={on_open} />
                <label for="profile-open" class="header-button">{ t(lang, "profile.open") }</label>
                <button type="button" class="header-button" data-testid="reset-profile" onclick={on_reset}>{ t(lang, "profile.reset") }</button>
                <a class="header-button" href="#catalogue" data-testid="nav-catalogue">{ t(lang, "nav.catalogue") }</a>
                }
                <button type="button" class="header-button lang" data-testid="lang-switch" lang={lang.other().code()} onclick={on_lang}>
                    { t(lang, "lang.switch") }
                </button>
            </nav>
            if let Some(e) = lang_error.as_ref() {
                // Said in both languages: English is what could not be had.
                <p class="notice error" role="alert" data-testid="lang-error">
                    { tf(Lang::Fr, "lang.failed", &[e]) }
                </p>
            }
        </header>
    }
}

/// The association hosting Relais, from `relais.config.json`: name, logo, contact.
fn host(state: &AppHandle) -> Html {
    let lang = state.lang;
    let Some(h) = state.catalogue.config.as_ref().filter(|h| !h.is_blank()) else {
        return html! {};
    };
    html! {
        <div class="host" data-testid="host">
            if !h.logo.is_empty() {
                // The name is written next to it: the logo adds nothing for a screen reader.
                <img class="host-logo" src={h.logo.clone()} alt={if h.name.is_empty() { t(lang, "host.by").to_string() } else { String::new() }} />
            }
            <div>
                if !h.name.is_empty() {
                    <p class="host-name"><span class="visually-hidden">{ t(lang, "host.by") }{ " " }</span>{ h.name.clone() }</p>
                }
                if !h.contact.is_empty() {
                    <p class="host-contact">{ tf(lang, "host.contact", &[&h.contact]) }</p>
                }
            </div>
        </div>
    }
}

fn notices(state: &AppHandle) -> Html {
    let lang = state.lang;
    let s: &State = state;
    let problems = &s.catalogue_problems;
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    html! {
        <div class="notices no-print">
            if let Some(e) = &s.load_error {
                <div class="notice error" role="alert" data-testid="profile-error">
                    <p><strong>{ t(lang, "error.profile_file") }</strong></p>
                    <p>{ e.clone() }</p>
                    <p>{ t(lang, "error.profile_kept") }</p>
                </div>
            }
            if let Some(e) = &s.download_error {
                <div class="notice error" role="alert"><p>{ tf(lang, "error.download", &[e]) }</p></div>
            }
            if let Some(st) = s.status {
                <div class="notice ok" role="status">
                    <p>{ t(lang, match st { Status::ProfileOpened => "status.opened", Status::ProfileReset => "status.reset" }) }</p>
                </div>
            }
            if let Communes::Failed(e) = &s.communes {
                <div class="notice info">
                    <p>{ t(lang, "notice.communes_failed") }<span class="detail">{ format!(" ({e})") }</span></p>
                </div>
            }
            if errors > 0 {
                <div class="notice info" data-testid="catalogue-notice">
                    <p><a href="#catalogue">{ tf(lang, "notice.catalogue", &[&problems.len().to_string(), &errors.to_string()]) }</a></p>
                </div>
            }
        </div>
    }
}
