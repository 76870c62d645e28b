//! Browser tests (wasm-bindgen-test in headless Chromium):
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//!  CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p relais-app`

#![cfg(target_arch = "wasm32")]

use gloo::timers::future::TimeoutFuture;
use relais_app::components::App;
use relais_app::i18n::{Lang, FR};
use relais_app::state::{Action, State};
use relais_core::model::Situation;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> time::Date {
    relais_core::date::parse("2026-11-23").expect("a date")
}

/// What `start.js` does before the app starts: the reference tables and the seed catalogue in
/// `globalThis.relaisData` (here the core's embedded copies of the same files).
fn start_data() {
    let f = &relais_core::refdata::BUNDLED;
    let texts = [
        f.regions,
        f.departements,
        f.establishments,
        f.rome_domains,
        f.rome_jobs,
        f.vocabulary,
        relais_core::refdata::SEED_CATALOGUE,
    ];
    let data = js_sys::Object::new();
    for (name, text) in relais_app::browser::DATA_FILES.iter().zip(texts) {
        js_sys::Reflect::set(&data, &(*name).into(), &text.into()).expect("set");
    }
    js_sys::Reflect::set(
        &js_sys::global(),
        &relais_app::browser::DATA_GLOBAL.into(),
        &data,
    )
    .expect("set");
}

#[wasm_bindgen_test]
fn the_reducer_recomputes_results_when_the_profile_changes() {
    start_data();
    let s = Rc::new(State::new(today())).reduce(Action::LoadExample);
    assert!(s.ranking.after_release.is_some());
    let fits_now = s.ranking.now.fits.len();
    assert!(fits_now > 0);

    let s = s.reduce(Action::SetSituation(Situation::Dehors));
    assert!(
        s.ranking.after_release.is_none(),
        "a person dehors has no after-release horizon"
    );

    let s = s
        .reduce(Action::SetSituation(Situation::Dedans))
        .reduce(Action::SetEstablishmentText("Fresnes".into()));
    assert_eq!(s.profile.establishment.as_deref(), Some("fresnes"));
    assert!(
        s.result()
            .now
            .fits
            .iter()
            .all(|f| f.id != "cafe-fleury-aci"),
        "the Fleury workshop is not open at Fresnes"
    );

    // Display-only actions keep the very same result.
    let before = s.ranking.clone();
    let s = s
        .reduce(Action::SetLang(Lang::En))
        .reduce(Action::ToggleSheet("x".into()));
    assert!(Rc::ptr_eq(&before, &s.ranking));
}

#[wasm_bindgen_test]
fn the_i18n_tables_have_the_same_keys() {
    // English is a data file fetched when chosen (issue 16), read here as the app reads it.
    relais_app::i18n::load_english(include_str!("../data/i18n-en.tsv").to_string()).unwrap();
    let en_table = relais_app::i18n::english().unwrap();
    let fr: Vec<&str> = FR.iter().map(|(k, _)| *k).collect();
    let en: Vec<&str> = en_table.iter().map(|(k, _)| *k).collect();
    assert_eq!(fr, en);
    let mut sorted = fr.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), fr.len(), "a key is written twice");
    assert!(FR.iter().chain(en_table).all(|(_, v)| !v.trim().is_empty()));
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

async fn settle() {
    TimeoutFuture::new(60).await;
}

/// Waits until `ready` holds, up to 5 s: Yew renders and runs effects asynchronously, and a
/// busy CI machine can take longer than one fixed pause.
async fn until(ready: impl Fn() -> bool) {
    for _ in 0..100 {
        if ready() {
            return;
        }
        TimeoutFuture::new(50).await;
    }
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_renders_results_into_a_div() {
    start_data();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    // The app opens on an empty profile; the example is one click away.
    until(|| find(&root, "[data-testid=load-example]").is_some()).await;
    let example: HtmlElement = find(&root, "[data-testid=load-example]")
        .expect("the example button")
        .unchecked_into();
    example.click();
    settle().await;
    until(|| find(&root, "[data-testid=example-banner]").is_some()).await;
    until(|| find(&root, "[data-testid=results-now] [data-testid^=offer-]").is_some()).await;

    let now = find(&root, "[data-testid=results-now]").expect("the Maintenant section");
    let cards = now
        .query_selector_all("[data-testid^=offer-]")
        .expect("cards");
    assert!(cards.length() > 0, "the example profile shows offers now");
    let first = find(&now, "[data-testid^=offer-]").expect("a card");
    let score: u32 = first
        .get_attribute("data-score")
        .and_then(|s| s.parse().ok())
        .expect("a score");
    assert!(score > 0);
    assert!(find(&root, "[data-testid=results-after]").is_some());
    assert!(find(&root, "[aria-live=polite]").is_some());

    // Switching to dehors removes the after-release horizon, with no submit button.
    let dehors: HtmlElement = find(&root, "[data-testid=situation-dehors]")
        .expect("the radio")
        .unchecked_into();
    dehors.click();
    settle().await;
    until(|| find(&root, "[data-testid=results-after]").is_none()).await;
    assert!(find(&root, "[data-testid=results-after]").is_none());

    // The language switch changes the interface and <html lang>.
    let switch: HtmlElement = find(&root, "[data-testid=lang-switch]")
        .expect("the switch")
        .unchecked_into();
    switch.click();
    settle().await;
    until(|| {
        document
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .as_deref()
            == Some("en")
    })
    .await;
    let lang = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"));
    assert_eq!(lang.as_deref(), Some("en"));
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Offers for this profile"));

    // A reset leaves an empty profile and no error.
    let reset: HtmlElement = find(&root, "[data-testid=reset-profile]")
        .expect("the reset button")
        .unchecked_into();
    reset.click();
    settle().await;
    until(|| {
        find(&root, "[data-testid=establishment-input]").is_some_and(|e| {
            e.unchecked_into::<web_sys::HtmlInputElement>()
                .value()
                .is_empty()
        })
    })
    .await;
    assert!(find(&root, "[data-testid=profile-error]").is_none());
    let input: web_sys::HtmlInputElement = find(&root, "[data-testid=establishment-input]")
        .expect("the field")
        .unchecked_into();
    assert_eq!(input.value(), "");
}
