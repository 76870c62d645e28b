//! « Mode atelier »: for a group on a projector, with no personal field at all. The facilitator
//! picks *dedans* or *après la sortie*, a place, a sector and a type; an overview (map and
//! list) and then one offer per slide, in large type. PageDown/PageUp, the arrow keys and the
//! space bar (what presenter clickers send) move between slides; Home goes back to the map.

use super::fields::select_value;
use super::map::FranceMap;
use super::AppHandle;
use crate::browser;
use crate::i18n::{t, tf, Lang};
use crate::present::{departements_by_name, establishment_label, vocab};
use crate::state::{Action, State};
use crate::workshop::{Area, Item, MapBy, MapState, WorkshopAction};
use relais_core::model::{OfferType, Situation};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the map geometry is served, next to `index.html`; `relais.html` embeds it instead.
pub const MAP_URL: &str = "carte-departements.json";
/// The id of the `<script type="application/json">` that holds it in `relais.html`.
pub const MAP_EMBED_ID: &str = "relais-carte";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: AppHandle,
}

fn ws(d: &UseReducerDispatcher<State>, a: WorkshopAction) {
    d.dispatch(Action::Workshop(a));
}

/// What a key means on the slides, if anything. Keys typed in a field, or Space/Enter on a
/// button (which the button handles itself), are left alone.
fn slide_key(e: &KeyboardEvent, present: bool) -> Option<WorkshopAction> {
    if e.default_prevented() || e.ctrl_key() || e.alt_key() || e.meta_key() {
        return None;
    }
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let tag = target
        .as_ref()
        .map(|t| t.tag_name().to_ascii_lowercase())
        .unwrap_or_default();
    if matches!(tag.as_str(), "input" | "select" | "textarea") {
        return None;
    }
    let on_control = matches!(tag.as_str(), "button" | "a" | "summary")
        || target
            .as_ref()
            .is_some_and(|t| t.get_attribute("role").as_deref() == Some("button"));
    match e.key().as_str() {
        "PageDown" | "ArrowRight" | "ArrowDown" => Some(WorkshopAction::Next),
        "PageUp" | "ArrowLeft" | "ArrowUp" => Some(WorkshopAction::Previous),
        " " if !on_control => Some(if e.shift_key() {
            WorkshopAction::Previous
        } else {
            WorkshopAction::Next
        }),
        "Home" => Some(WorkshopAction::First),
        "End" => Some(WorkshopAction::Last),
        "f" | "F" => Some(WorkshopAction::Present(!present)),
        "Escape" if present => Some(WorkshopAction::Present(false)),
        _ => None,
    }
}

#[component]
pub fn WorkshopView(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let w = &s.workshop;

    // Presenter clickers and the keyboard, anywhere on the page.
    {
        let d = props.state.dispatcher();
        use_effect_with(w.present, move |present| {
            let present = *present;
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                let opts = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&doc, "keydown", opts, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if let Some(a) = slide_key(e, present) {
                        e.prevent_default();
                        ws(&d, a);
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Full screen: the browser's own when it allows it (a click or a key asked for it); the
    // slides fill the window either way. Leaving the browser's full screen (its own Escape)
    // leaves the slide mode too.
    {
        let d = props.state.dispatcher();
        use_effect_with(w.present, move |present| {
            let doc = web_sys::window().and_then(|w| w.document());
            let mut listener = None;
            if let Some(doc) = doc {
                if *present {
                    if doc.fullscreen_element().is_none() {
                        if let Some(root) = doc.document_element() {
                            // Refused (no user gesture, a locked-down browser): the slides
                            // still fill the window.
                            let _ = root.request_fullscreen();
                        }
                    }
                    let d = d.clone();
                    let doc2 = doc.clone();
                    listener = Some(gloo::events::EventListener::new(
                        &doc,
                        "fullscreenchange",
                        move |_| {
                            if doc2.fullscreen_element().is_none() {
                                ws(&d, WorkshopAction::Present(false));
                            }
                        },
                    ));
                } else if doc.fullscreen_element().is_some() {
                    doc.exit_fullscreen();
                }
            }
            move || drop(listener)
        });
    }
    // The map geometry: fetched once (cached by the service worker), or read from the page.
    {
        let d = props.state.dispatcher();
        let needed = w.map == MapState::NotLoaded;
        use_effect_with(needed, move |needed| {
            if *needed {
                ws(&d, WorkshopAction::MapLoading);
                if let Some(text) = browser::embedded_text(MAP_EMBED_ID) {
                    ws(&d, WorkshopAction::MapLoaded(text));
                } else if browser::is_single_file() {
                    ws(
                        &d,
                        WorkshopAction::MapFailed(t(Lang::Fr, "ws.map_missing").into()),
                    );
                } else {
                    wasm_bindgen_futures::spawn_local(async move {
                        match browser::fetch_text(MAP_URL).await {
                            Ok(text) => ws(&d, WorkshopAction::MapLoaded(text)),
                            Err(e) => ws(&d, WorkshopAction::MapFailed(e)),
                        }
                    });
                }
            }
        });
    }

    let list = w.list(&s.refdata);
    let n = list.len();
    let anywhere = list.iter().filter(|i| i.anywhere).count();
    let leave_present = {
        let d = props.state.dispatcher();
        Callback::from(move |_| ws(&d, WorkshopAction::Present(false)))
    };
    html! {
        <main id="main" class={classes!("workshop", w.present.then_some("ws-present"))} data-testid="workshop" aria-labelledby="ws-title">
            <h2 id="ws-title" class="visually-hidden">{ t(lang, "ws.title") }</h2>
            if w.present {
                <div class="ws-present-bar">
                    <span class="ws-pos" data-testid="ws-pos">{ if w.slide == 0 { t(lang, "ws.pos_overview").to_string() } else { format!("{} / {n}", w.slide) } }</span>
                    <button type="button" class="ws-leave" data-testid="ws-present-leave" onclick={leave_present}>{ t(lang, "ws.present_leave") }</button>
                </div>
            } else {
                { controls(props) }
                { slide_nav(props, n) }
            }
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                { if w.slide == 0 { headline(s, n, anywhere) } else {
                    list.get(w.slide - 1).and_then(|i| s.offer(&i.id)).map(|o| tf(lang, "ws.slide_status", &[&w.slide.to_string(), &n.to_string(), &o.title])).unwrap_or_default()
                } }
            </p>
            if w.slide == 0 {
                { overview(props, &list, anywhere) }
            } else if let Some(item) = list.get(w.slide - 1) {
                if w.present {
                    { big_slide(props, item, w.slide, n) }
                } else {
                    { slide(props, item, w.slide, n) }
                }
            }
        </main>
    }
}

/// « aucune offre », « 1 offre », « 12 offres ».
pub fn offers_count(lang: Lang, n: usize) -> String {
    match n {
        0 => t(lang, "ws.offers_none").to_string(),
        1 => t(lang, "ws.offers_one").to_string(),
        _ => tf(lang, "ws.offers_many", &[&n.to_string()]),
    }
}

fn headline(s: &State, n: usize, anywhere: usize) -> String {
    let lang = s.lang;
    let w = &s.workshop;
    let rd = &s.refdata;
    let place = match (&w.area, w.horizon, &w.establishment) {
        (_, Situation::Dedans, Some(e)) => rd
            .establishment(e)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| e.clone()),
        (Area::Departement(d), _, _) => rd
            .departement(d)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| d.clone()),
        (Area::Region(r), _, _) => rd
            .region(r)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| r.clone()),
        (Area::All, Situation::Dedans, None) => t(lang, "ws.all_establishments").to_string(),
        (Area::All, Situation::Dehors, _) => t(lang, "ws.all_france").to_string(),
    };
    let when = t(
        lang,
        match w.horizon {
            Situation::Dedans => "ws.dedans",
            Situation::Dehors => "ws.dehors",
        },
    );
    let mut out = tf(lang, "ws.headline", &[when, &place, &offers_count(lang, n)]);
    if anywhere > 0 && w.area != Area::All {
        out.push(' ');
        out.push_str(&tf(lang, "ws.headline_anywhere", &[&anywhere.to_string()]));
    }
    out
}

fn controls(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let w = &s.workshop;
    let horizon_button = |h: Situation, key: &str, testid: &str| {
        let d = props.state.dispatcher();
        html! {
            <button type="button" class="ws-toggle" aria-pressed={if w.horizon == h { "true" } else { "false" }}
                data-testid={testid.to_string()}
                onclick={Callback::from(move |_| ws(&d, WorkshopAction::SetHorizon(h)))}>{ t(lang, key) }</button>
        }
    };
    let on_place = {
        let d = props.state.dispatcher();
        let horizon = w.horizon;
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            match horizon {
                Situation::Dedans => ws(&d, WorkshopAction::SetEstablishment(Some(v))),
                Situation::Dehors => {
                    let area = if let Some(r) = v.strip_prefix("r:") {
                        Area::Region(r.to_string())
                    } else if let Some(dep) = v.strip_prefix("d:") {
                        Area::Departement(dep.to_string())
                    } else {
                        Area::All
                    };
                    ws(&d, WorkshopAction::SetArea(area));
                }
            }
        })
    };
    let on_kind = {
        let d = props.state.dispatcher();
        Callback::from(move |e: Event| {
            ws(
                &d,
                WorkshopAction::SetKind(OfferType::from_code(&select_value(&e))),
            )
        })
    };
    let on_domain = {
        let d = props.state.dispatcher();
        Callback::from(move |e: Event| ws(&d, WorkshopAction::SetDomain(Some(select_value(&e)))))
    };
    let rd = &s.refdata;
    let place_options: Html = match w.horizon {
        Situation::Dedans => html! {
            <>
                <option value="" selected={w.establishment.is_none()}>{ t(lang, "ws.all_establishments") }</option>
                { for w.view.establishments.iter().filter_map(|id| rd.establishment(id)).map(|e| html! {
                    <option value={e.id.clone()} selected={w.establishment.as_deref() == Some(e.id.as_str())}>{ establishment_label(rd, e) }</option>
                }) }
            </>
        },
        Situation::Dehors => {
            let area_value = match &w.area {
                Area::All => String::new(),
                Area::Region(r) => format!("r:{r}"),
                Area::Departement(d) => format!("d:{d}"),
            };
            html! {
                <>
                    <option value="" selected={area_value.is_empty()}>{ t(lang, "ws.all_france") }</option>
                    <optgroup label={t(lang, "ws.regions")}>
                        { for rd.regions.iter().map(|r| { let v = format!("r:{}", r.code); html! {
                            <option value={v.clone()} selected={v == area_value}>{ r.name.clone() }</option>
                        }}) }
                    </optgroup>
                    <optgroup label={t(lang, "ws.departements")}>
                        { for departements_by_name(rd).into_iter().map(|(code, name)| { let v = format!("d:{code}"); html! {
                            <option value={v.clone()} selected={v == area_value}>{ name }</option>
                        }}) }
                    </optgroup>
                </>
            }
        }
    };
    let kind = w.filters.kind;
    let domain = w.filters.domain.clone().unwrap_or_default();
    let on_persona = {
        let d = props.state.dispatcher();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            if !v.is_empty() {
                ws(&d, WorkshopAction::Persona(v));
            }
        })
    };
    let persona = w.persona.clone().unwrap_or_default();
    html! {
        <section class="ws-controls" aria-label={t(lang, "ws.controls")}>
            <div class="field inline ws-persona">
                <label for="ws-persona">{ t(lang, "ws.persona") }</label>
                <select id="ws-persona" data-testid="ws-persona" onchange={on_persona}>
                    <option value="" selected={persona.is_empty()}>{ t(lang, "ws.persona_none") }</option>
                    { for crate::workshop::personas().into_iter().map(|p| html! {
                        <option value={p.id.clone()} selected={p.id == persona}>{ p.label(lang).to_string() }</option>
                    }) }
                </select>
            </div>
            <div class="ws-horizon" role="group" aria-label={t(lang, "ws.when")}>
                { horizon_button(Situation::Dedans, "ws.dedans", "ws-dedans") }
                { horizon_button(Situation::Dehors, "ws.dehors", "ws-dehors") }
            </div>
            <div class="field inline">
                <label for="ws-place">{ t(lang, "ws.where") }</label>
                <select id="ws-place" data-testid="ws-place" onchange={on_place}>{ place_options }</select>
            </div>
            <div class="field inline">
                <label for="ws-sector">{ t(lang, "filter.sector") }</label>
                <select id="ws-sector" data-testid="ws-sector" onchange={on_domain}>
                    <option value="" selected={domain.is_empty()}>{ t(lang, "filter.all_sectors") }</option>
                    { for rd.rome_domains.iter().map(|(code, label)| html! {
                        <option value={code.clone()} selected={*code == domain}>{ label.clone() }</option>
                    }) }
                </select>
            </div>
            <div class="field inline">
                <label for="ws-type">{ t(lang, "filter.type") }</label>
                <select id="ws-type" data-testid="ws-type" onchange={on_kind}>
                    <option value="" selected={kind.is_none()}>{ t(lang, "filter.all_types") }</option>
                    { for OfferType::ALL.iter().map(|k| html! {
                        <option value={k.code()} selected={kind == Some(*k)}>{ vocab(rd, lang, OfferType::KIND, k.code()) }</option>
                    }) }
                </select>
            </div>
        </section>
    }
}

fn overview(props: &Props, list: &[&Item], anywhere: usize) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let w = &s.workshop;
    let rd = &s.refdata;
    let map_by_button = |m: MapBy, key: &str| {
        let d = props.state.dispatcher();
        html! {
            <button type="button" class="ws-toggle small" aria-pressed={if w.map_by == m { "true" } else { "false" }}
                onclick={Callback::from(move |_| ws(&d, WorkshopAction::SetMapBy(m)))}>{ t(lang, key) }</button>
        }
    };
    let selected = match (&w.area, w.map_by) {
        (Area::Departement(d), MapBy::Departements) => Some(d.clone()),
        (Area::Region(r), MapBy::Regions) => Some(r.clone()),
        (Area::Departement(d), MapBy::Regions) => rd.region_of(d).map(str::to_string),
        _ => None,
    };
    let on_pick = {
        let d = props.state.dispatcher();
        let by = w.map_by;
        let current = w.area.clone();
        Callback::from(move |code: String| {
            let area = match by {
                MapBy::Departements => Area::Departement(code),
                MapBy::Regions => Area::Region(code),
            };
            // A second click on the chosen place shows everything again.
            let area = if area == current { Area::All } else { area };
            ws(&d, WorkshopAction::SetArea(area));
        })
    };
    let area_name = match &w.area {
        Area::All => None,
        Area::Departement(d) => Some(
            rd.departement(d)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| d.clone()),
        ),
        Area::Region(r) => Some(
            rd.region(r)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| r.clone()),
        ),
    };
    let clear_area = {
        let d = props.state.dispatcher();
        Callback::from(move |_| ws(&d, WorkshopAction::SetArea(Area::All)))
    };
    let map = match &w.map {
        MapState::Loaded(data) => html! {
            <FranceMap data={data.clone()} refdata={s.refdata.clone()} lang={lang} by={w.map_by}
                by_departement={Rc::new(w.view.by_departement.clone())}
                by_region={Rc::new(w.by_region(rd))}
                selected={selected} on_pick={on_pick} />
        },
        MapState::Failed(e) => {
            html! { <p class="notice info">{ tf(lang, "ws.map_failed", &[e]) }</p> }
        }
        _ => html! { <p class="ws-loading">{ t(lang, "ws.map_loading") }</p> },
    };
    html! {
        <div class="ws-overview">
            <section class="ws-map" aria-labelledby="ws-map-title">
                <div class="ws-map-head">
                    <h2 id="ws-map-title">{ t(lang, "ws.map_title") }</h2>
                    <div role="group" class="ws-map-by" aria-label={t(lang, "ws.map_by")}>
                        { map_by_button(MapBy::Departements, "ws.by_departement") }
                        { map_by_button(MapBy::Regions, "ws.by_region") }
                    </div>
                </div>
                { map }
                if w.horizon == Situation::Dehors && w.view.anywhere > 0 {
                    <p class="ws-anywhere">{ tf(lang, "ws.anywhere", &[&w.view.anywhere.to_string()]) }</p>
                }
            </section>
            <section class="ws-list" aria-labelledby="ws-list-title" data-testid="ws-list">
                <h2 id="ws-list-title">{ headline(s, list.len(), anywhere) }</h2>
                if let Some(name) = area_name {
                    <p class="ws-area">
                        { tf(lang, "ws.area", &[&name]) }{ " " }
                        <button type="button" class="link" data-testid="ws-area-clear" onclick={clear_area}>{ t(lang, "ws.area_clear") }</button>
                    </p>
                }
                if list.is_empty() {
                    <p class="empty">{ t(lang, "ws.none") }</p>
                } else {
                    <ol class="ws-titles">
                        { for list.iter().enumerate().map(|(k, item)| {
                            let d = props.state.dispatcher();
                            let o = s.offer(&item.id);
                            html! {
                                <li key={item.id.clone()}>
                                    <button type="button" class="ws-title" data-testid={format!("ws-item-{}", item.id)}
                                        onclick={Callback::from(move |_| ws(&d, WorkshopAction::Show(k + 1)))}>
                                        <span class="t">{ o.map(|o| o.title.to_string()).unwrap_or_default() }</span>
                                        <span class="o">{ o.map(|o| o.organisation.to_string()).unwrap_or_default() }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ol>
                }
            </section>
        </div>
    }
}

fn slide(props: &Props, item: &Item, k: usize, n: usize) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let Some(o) = s.offer(&item.id) else {
        return html! {};
    };
    html! {
        <article class="ws-slide" data-testid="ws-slide" data-offer={o.id.to_string()} aria-labelledby="ws-slide-title">
            <p class="ws-count">{ tf(lang, "ws.count", &[&k.to_string(), &n.to_string()]) }</p>
            <h2 id="ws-slide-title">{ o.title.to_string() }</h2>
            <p class="ws-org">{ o.organisation.to_string() }<span class="type">{ vocab(&s.refdata, lang, OfferType::KIND, o.kind.code()) }</span></p>
            <dl class="ws-facts">
                { super::results::offer_facts(&s.offers, &s.refdata, o, lang) }
            </dl>
            if !o.description().trim().is_empty() {
                <p class="ws-desc">{ o.description().to_string() }</p>
            }
        </article>
    }
}

/// The first sentence of a description, at most about 240 characters (cut between words): a
/// full-screen slide says the essential in large type; the whole text is on the normal slide.
pub fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && text
                    .get(i + c.len_utf8()..)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    let sentence = text.get(..end).unwrap_or(text);
    if sentence.chars().count() <= 240 {
        return sentence.to_string();
    }
    let mut out = String::new();
    for word in sentence.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > 230 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push_str(" …");
    out
}

/// One offer on the whole screen, in large type: where, when (hours and dates), what follows
/// outside, and the first sentence of its description.
fn big_slide(props: &Props, item: &Item, k: usize, n: usize) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let Some(o) = s.offer(&item.id) else {
        return html! {};
    };
    let when: Vec<String> = crate::present::when_lines(o, lang)
        .into_iter()
        .take(2)
        .collect();
    let suite = crate::present::suite_titles(o, &s.offers);
    let desc = first_sentence(o.description());
    html! {
        <article class="ws-slide ws-big" data-testid="ws-slide" data-offer={o.id.to_string()} aria-labelledby="ws-slide-title">
            <p class="ws-count">{ tf(lang, "ws.count", &[&k.to_string(), &n.to_string()]) }</p>
            <h2 id="ws-slide-title">{ o.title.to_string() }</h2>
            <p class="ws-org">{ o.organisation.to_string() }<span class="type">{ vocab(&s.refdata, lang, OfferType::KIND, o.kind.code()) }</span></p>
            <dl class="ws-facts">
                <dt>{ t(lang, "offer.where") }</dt>
                <dd>{ crate::present::where_lines(o, &s.refdata, lang).join(" ; ") }</dd>
                <dt>{ t(lang, "offer.when") }</dt>
                <dd>{ when.join(" · ") }</dd>
                if !suite.is_empty() {
                    <dt>{ t(lang, "offer.suite") }</dt>
                    <dd>{ suite.join(" ; ") }</dd>
                }
            </dl>
            if !desc.is_empty() {
                <p class="ws-desc">{ desc }</p>
            }
        </article>
    }
}

fn slide_nav(props: &Props, n: usize) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let k = s.workshop.slide;
    let go = |a: fn() -> WorkshopAction| {
        let d = props.state.dispatcher();
        Callback::from(move |_| ws(&d, a()))
    };
    html! {
        <nav class="ws-nav" aria-label={t(lang, "ws.nav")} aria-describedby="ws-keys">
            <button type="button" data-testid="ws-prev" disabled={k == 0} onclick={go(|| WorkshopAction::Previous)}>
                <span aria-hidden="true">{ "◀ " }</span>{ t(lang, "ws.previous") }
            </button>
            <button type="button" class="secondary" data-testid="ws-overview" disabled={k == 0} onclick={go(|| WorkshopAction::First)}>
                { t(lang, "ws.overview") }
            </button>
            <span class="ws-pos" data-testid="ws-pos">{ if k == 0 { t(lang, "ws.pos_overview").to_string() } else { format!("{k} / {n}") } }</span>
            <button type="button" data-testid="ws-next" disabled={k >= n} onclick={go(|| WorkshopAction::Next)}>
                { t(lang, "ws.next") }<span aria-hidden="true">{ " ▶" }</span>
            </button>
            <button type="button" class="secondary" data-testid="ws-present" aria-keyshortcuts="F" onclick={go(|| WorkshopAction::Present(true))}>
                { t(lang, "ws.present") }
            </button>
            <p class="ws-keys" id="ws-keys">{ t(lang, "ws.keys") }</p>
        </nav>
    }
}
