//! The results: *Maintenant* and, for a person *dedans*, *Après la sortie*. Each fitting
//! offer with its score and every reason; the excluded ones one click away, with every rule.
//! Counts come from the state's compact ranking; the findings (reasons, warnings, rules) are
//! read from it for the items drawn only (a page of each list).

use super::fields::select_value;
use super::lists::Shared;
use super::AppHandle;
use crate::i18n::{t, tf, Lang};
use crate::present::{self, vocab};
use crate::state::{page_key, page_size};
use crate::state::{Action, State};
use relais_core::matching::{
    CompactHorizon, Details, Excluded, ExcludedAt, Fit, FitAt, Horizon, Rule, WarningKind,
};
use relais_core::model::{Offer, OfferType};
use relais_core::refdata::RefData;
use yew::prelude::*;

/// Cards drawn before the page was first idle (`State::settled`), « Maintenant » first: about
/// a screenful; the rest of the first page follows once it is idle.
const FIRST_SCREEN_CARDS: usize = 3;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: AppHandle,
}

/// The page's short name of a horizon (test ids, anchors).
fn code(h: Horizon) -> &'static str {
    match h {
        Horizon::Now => "now",
        Horizon::AfterRelease => "after",
    }
}

#[component]
pub fn Results(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    if let Some(u) = s.putting_in_use {
        // A large catalogue being prepared: no count and no card until it is ready — neither
        // those of the catalogue it replaces nor those of a part of it.
        return html! {
            <section class="panel results" id="results" aria-labelledby="results-title" aria-busy="true">
                <div class="results-head">
                    <h2 id="results-title">{ t(lang, "results.title") }</h2>
                    <p class="summary" role="status" aria-live="polite" data-testid="results-preparing">
                        { tf(lang, "results.preparing", &[&u.done.to_string(), &u.total.to_string()]) }
                    </p>
                    <progress max={u.total.to_string()} value={u.done.to_string()} aria-labelledby="results-title"></progress>
                </div>
            </section>
        };
    }
    let ranking = &s.ranking;
    let details = s.details();
    let d = details.as_ref();
    let (now_fits, now_out) = present::counts(&ranking.now, &s.offers, &s.filters);
    let beyond_part = |h: &CompactHorizon| match present::beyond_count(h, &s.offers, &s.filters) {
        0 => String::new(),
        n => tf(lang, "results.summary_beyond", &[&n.to_string()]),
    };
    let mut summary = tf(
        lang,
        "results.summary_now",
        &[&now_fits.to_string(), &now_out.to_string()],
    );
    summary.push_str(&beyond_part(&ranking.now));
    if let Some(after) = &ranking.after_release {
        let (a_fits, a_out) = present::counts(after, &s.offers, &s.filters);
        summary.push_str(" · ");
        summary.push_str(&tf(
            lang,
            "results.summary_after",
            &[&a_fits.to_string(), &a_out.to_string()],
        ));
        summary.push_str(&beyond_part(after));
    }
    if s.filters != Default::default() {
        summary.push_str(" · ");
        summary.push_str(t(lang, "results.filtered"));
    }
    html! {
        <section class="panel results" id="results" aria-labelledby="results-title">
            <div class="results-head">
                <h2 id="results-title">{ t(lang, "results.title") }</h2>
                <p class="summary" role="status" aria-live="polite" aria-atomic="true">{ summary }</p>
                { filters(props) }
            </div>
            // The sheet's basket: stays at the top of the screen while the results scroll.
            <nav class="jump basket" data-testid="basket" aria-label={t(lang, "results.jump")}>
                <a href="#results-now-title">{ format!("{} ({now_fits})", t(lang, "results.now")) }</a>
                if let Some(after) = &ranking.after_release {
                    <a href="#results-after-title">{ format!("{} ({})", t(lang, "results.after"), present::counts(after, &s.offers, &s.filters).0) }</a>
                }
                <a href="#sheet" class="to-sheet" data-testid="basket-sheet">{ tf(lang, "results.to_sheet", &[&s.sheet.ids.len().to_string()]) }</a>
            </nav>
            { horizon(props, d, Horizon::Now, &ranking.now, FIRST_SCREEN_CARDS) }
            if let Some(after) = &ranking.after_release {
                // Below « Maintenant »: on the first screen only if it has fewer cards than that.
                { horizon(props, d, Horizon::AfterRelease, after, FIRST_SCREEN_CARDS.saturating_sub(now_fits)) }
            }
        </section>
    }
}

fn filters(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let on_type = {
        let d = props.state.dispatcher();
        Callback::from(move |e: Event| {
            d.dispatch(Action::SetTypeFilter(OfferType::from_code(&select_value(
                &e,
            ))))
        })
    };
    let on_domain = {
        let d = props.state.dispatcher();
        Callback::from(move |e: Event| d.dispatch(Action::SetDomainFilter(Some(select_value(&e)))))
    };
    let kind = s.filters.kind;
    let domain = s.filters.domain.clone().unwrap_or_default();
    html! {
        <div class="filters" role="group" aria-label={t(lang, "filter.label")}>
            <div class="field inline">
                <label for="filter-type">{ t(lang, "filter.type") }</label>
                <select id="filter-type" data-testid="filter-type" onchange={on_type}>
                    { for std::iter::once(html! { <option key={format!("|{}", kind.is_none())} value="" selected={kind.is_none()}>{ t(lang, "filter.all_types") }</option> }) }
                    { for OfferType::ALL.iter().map(|k| html! {
                        <option key={format!("{}|{}", k.code(), kind == Some(*k))} value={k.code()} selected={kind == Some(*k)}>{ vocab(&s.refdata, lang, OfferType::KIND, k.code()) }</option>
                    }) }
                </select>
            </div>
            <div class="field inline">
                <label for="filter-sector">{ t(lang, "filter.sector") }</label>
                <select id="filter-sector" data-testid="filter-sector" onchange={on_domain}>
                    { for std::iter::once(html! { <option key={format!("|{}", domain.is_empty())} value="" selected={domain.is_empty()}>{ t(lang, "filter.all_sectors") }</option> }) }
                    { for s.refdata.rome_domains.iter().map(|(code, label)| html! {
                        <option key={format!("{}|{}", code.clone(), *code == domain)} value={code.clone()} selected={*code == domain}>{ label.clone() }</option>
                    }) }
                </select>
            </div>
        </div>
    }
}

/// One horizon; `first_cards`: how many of its cards the first screen draws (`first_screen`).
fn horizon(
    props: &Props,
    d: Option<&Details>,
    h: Horizon,
    r: &CompactHorizon,
    first_cards: usize,
) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let (title, intro) = match h {
        Horizon::Now => ("results.now", "results.now_intro"),
        Horizon::AfterRelease => ("results.after", "results.after_intro"),
    };
    let heading_id = format!("results-{}-title", code(h));
    // Only what passes the filters is counted; findings are read for the drawn items only.
    let keep = |i: u32| present::shown_at(i, &s.offers, &s.filters);
    let fits: Vec<&FitAt> = r.fits.iter().filter(|f| keep(f.offer)).collect();
    // Excluded only by court rules that end on a known day: their own list, « possible à
    // partir du … », out of the excluded ones.
    let (later, excluded): (Vec<ExcludedAt>, Vec<ExcludedAt>) = r
        .excluded
        .iter()
        .filter(|x| keep(x.offer))
        .partition(|x| x.possible_from.is_some());
    let testid = match h {
        Horizon::Now => "results-now",
        Horizon::AfterRelease => "results-after",
    };
    let fits_key = page_key(h, "fits");
    let fits_shown = s.shown(&fits_key);
    let groups = present::group_exclusions(&excluded);
    let court: usize = groups
        .iter()
        .filter(|g| g.rule.is_court_decision())
        .map(|g| g.items.len())
        .sum();
    let excluded_summary = if court > 0 {
        tf(
            lang,
            "results.excluded_court",
            &[&excluded.len().to_string(), &court.to_string()],
        )
    } else {
        tf(lang, "results.excluded", &[&excluded.len().to_string()])
    };
    // The « Écartées » list: its items drawn once it was opened, or once the page has been idle
    // (not on the first screen: closed, nobody sees them; but the page holds what it says, for
    // a search in the page and for what reads it without opening it).
    let excluded_key = page_key(h, "excluded");
    let excluded_open = s.opened(&excluded_key) || (s.settled && !s.first_cards);
    let on_toggle = {
        let d = props.state.dispatcher();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                .is_some_and(|v| v.is_truthy());
            if open {
                d.dispatch(Action::Opened(excluded_key.clone()));
            }
        })
    };
    if s.lean() {
        // The first screen of a new person: the counts now, the lists once the page is idle.
        return html! {
            <section class="horizon" data-testid={testid} aria-labelledby={heading_id.clone()} aria-busy="true">
                <h3 id={heading_id}>{ t(lang, title) }<span class="badge">{ fits.len() }</span></h3>
                <p class="horizon-intro">{ t(lang, intro) }</p>
            </section>
        };
    }
    // Before the page was first idle, or in the task that ranks a large catalogue just put in
    // use, the first screenful only: the first cards; the rest of the page, « Plus loin » and
    // « Possible plus tard » a moment later (counts are whole).
    let first_screen = !s.settled || s.first_cards;
    let fits_shown = if first_screen {
        fits_shown.min(first_cards)
    } else {
        fits_shown
    };
    html! {
        <section class="horizon" data-testid={testid} aria-labelledby={heading_id.clone()} aria-busy={first_screen.then_some("true")}>
            <h3 id={heading_id}>{ t(lang, title) }<span class="badge">{ fits.len() }</span></h3>
            <p class="horizon-intro">{ t(lang, intro) }</p>
            if fits.is_empty() {
                <p class="empty">{ t(lang, "results.none") }</p>
            } else {
                <ol class="offers">
                    { for fits.iter().take(fits_shown).filter_map(|f| Some((d?.fit(f.offer, h)?, f.offer, s.offer_at(f.offer)?))).map(|(f, at, o)| offer_card(props, h, f, at, o)) }
                </ol>
                if !first_screen {
                    { show_more(props, fits_key, fits.len(), fits_shown) }
                }
            }
            if !first_screen {
                { beyond(props, d, h, r) }
                { possible_later(props, d, h, &later) }
            }
            <details class="excluded" data-testid={format!("excluded-{}", code(h))} ontoggle={on_toggle}>
                <summary>{ excluded_summary }</summary>
                if excluded_open {
                    { for groups.iter().map(|g| exclusion_group(props, d, h, g)) }
                }
            </details>
        </section>
    }
}

/// « Plus loin »: offers that fit but lie beyond the radius, nearest first, with how far.
fn beyond(props: &Props, d: Option<&Details>, h: Horizon, r: &CompactHorizon) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let say = present::explain(&s.refdata, lang);
    let items: Vec<_> = r
        .beyond
        .iter()
        .filter(|b| present::shown_at(b.offer, &s.offers, &s.filters))
        .collect();
    if items.is_empty() {
        return html! {};
    }
    let key = page_key(h, "beyond");
    let shown = s.shown(&key);
    let title_id = format!("results-{}-beyond-title", code(h));
    html! {
        <section class="beyond" data-testid={format!("beyond-{}", code(h))} aria-labelledby={title_id.clone()}>
            <h4 id={title_id}>{ t(lang, "results.beyond") }<span class="badge">{ items.len() }</span></h4>
            <p class="horizon-intro">{ t(lang, "results.beyond_intro") }</p>
            <ol class="beyond-list">
                { for items.iter().take(shown).filter_map(|b| Some((d?.beyond(b.offer, h)?, s.offer_at(b.offer)?))).map(|(b, o)| {
                    let check_id = format!("beyond-{}-{}-sheet", code(h), o.id);
                    let on_sheet = s.sheet.ids.iter().any(|i| *i == o.id);
                    let toggle = {
                        let d = props.state.dispatcher();
                        let id = o.id.to_string();
                        Callback::from(move |_| d.dispatch(Action::ToggleSheet(id.to_string())))
                    };
                    html! {
                        <li key={o.id.to_string()} data-testid={format!("beyond-{}-{}", code(h), o.id)} data-km={b.distance_km.to_string()}>
                            <p><strong>{ o.title.to_string() }</strong>{ format!(" — {}", o.organisation) }</p>
                            <p class="distance">{ say.beyond(&b) }</p>
                            if !b.warnings.is_empty() {
                                <ul class="warnings">
                                    { for b.warnings.iter().map(|w| html! { <li data-rule={w.rule().code()}>{ say.warning(w) }</li> }) }
                                </ul>
                            }
                            <div class="sheet-toggle">
                                <input type="checkbox" id={check_id.clone()} checked={on_sheet} onchange={toggle} />
                                <label for={check_id}>{ t(lang, "offer.add_to_sheet") }</label>
                            </div>
                        </li>
                    }
                }) }
            </ol>
            { show_more(props, key, items.len(), shown) }
        </section>
    }
}

/// « Possible plus tard »: offers excluded only by bans, measures or curfews that end on a day
/// the profile gives; each says from when, with the rules that still hold until then. Drawn a
/// page at a time, as the other lists.
fn possible_later(props: &Props, d: Option<&Details>, h: Horizon, items: &[ExcludedAt]) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let say = present::explain(&s.refdata, lang);
    if items.is_empty() {
        return html! {};
    }
    let id = |x: &ExcludedAt| s.offer_at(x.offer).map(|o| o.id.as_str());
    let mut items = items.to_vec();
    relais_core::order::sort_by(&mut items, |a, b| {
        a.possible_from
            .cmp(&b.possible_from)
            .then_with(|| id(a).cmp(&id(b)))
    });
    let key = page_key(h, "later");
    let shown = s.shown(&key);
    let title_id = format!("results-{}-later-title", code(h));
    html! {
        <section class="later" data-testid={format!("later-{}", code(h))} aria-labelledby={title_id.clone()}>
            <h4 id={title_id}>{ t(lang, "results.later") }<span class="badge">{ items.len() }</span></h4>
            <p class="horizon-intro">{ t(lang, "results.later_intro") }</p>
            <ul class="excl-list">
                { for items.iter().take(shown).filter_map(|x| Some((d?.excluded(x.offer, h)?, s.offer_at(x.offer)?))).map(|(x, o)| html! {
                    <li key={x.id.clone()} data-testid={format!("later-{}-{}", code(h), x.id)}
                        data-from={x.possible_from.map(relais_core::date::iso).unwrap_or_default()}>
                        <p><strong>{ o.title.to_string() }</strong>{ format!(" — {}", o.organisation) }</p>
                        <p class="from">{ tf(lang, "results.possible_from", &[&x.possible_from.map(|d| say.date(d)).unwrap_or_default()]) }</p>
                        <ul class="rules">
                            { for x.rules.iter().map(|r| html! { <li data-rule={r.rule().code()}>{ say.exclusion(r) }</li> }) }
                        </ul>
                    </li>
                }) }
            </ul>
            { show_more(props, key, items.len(), shown) }
        </section>
    }
}

/// « Afficher N de plus » under a list drawn in part; nothing when it is whole.
fn show_more(props: &Props, key: String, total: usize, shown: usize) -> Html {
    if total <= shown {
        return html! {};
    }
    let lang = props.state.lang;
    let next = (total - shown).min(page_size(&key));
    let onclick = {
        let d = props.state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::ShowMore(key.clone())))
    };
    html! {
        <p class="show-more">
            <span>{ tf(lang, "results.shown", &[&shown.to_string(), &total.to_string()]) }</span>
            { " " }
            <button type="button" class="secondary" {onclick}>{ tf(lang, "results.show_more", &[&next.to_string()]) }</button>
        </p>
    }
}

/// One cause of exclusion: its plain heading and sentence, a count, then its offers with every
/// rule that excludes them. The mass of offers that are not for this situation is folded.
fn exclusion_group(
    props: &Props,
    d: Option<&Details>,
    h: Horizon,
    g: &present::ExclusionGroup,
) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let (title, why) = present::exclusion_group_text(lang, g.rule);
    let key = page_key(h, g.rule.code());
    let shown = s.shown(&key);
    let court = g.rule.is_court_decision();
    let class = classes!("excl-group", court.then_some("court"));
    let items = html! {
        <>
            <ul class="excl-list">
                { for g.items.iter().take(shown).filter_map(|x| Some((d?.excluded(x.offer, h)?, x.offer))).map(|(x, at)| {
                    let key = x.id.clone();
                    html! { <ExcludedItem {key} {h} item={x} {at} offers={Shared::from(&s.offers)} refdata={Shared::from(&s.refdata)} {lang} /> }
                }) }
            </ul>
            { show_more(props, key.clone(), g.items.len(), shown) }
        </>
    };
    html! {
        <section class={class} data-testid={format!("excluded-{}-group-{}", code(h), g.rule)}>
            <h4>
                { title }
                <span class="badge">{ g.items.len() }</span>
                if court {
                    <span class="court-tag">{ t(lang, "results.court_cause") }</span>
                }
            </h4>
            <p class="why">{ why }</p>
            if g.rule == Rule::Situation {
                <details class="folded">
                    <summary>{ tf(lang, "results.see_offers", &[&g.items.len().to_string()]) }</summary>
                    { items }
                </details>
            } else {
                { items }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ExcludedProps {
    h: Horizon,
    item: Excluded,
    /// The offer's index in `offers`.
    at: u32,
    offers: Shared<Vec<Offer>>,
    refdata: Shared<RefData>,
    lang: Lang,
}

/// One excluded offer with every rule that excludes it: drawn again only when it changes
/// (issue 16: a keystroke re-drew every item of every group).
#[component]
fn ExcludedItem(props: &ExcludedProps) -> Html {
    let (h, x) = (props.h, &props.item);
    let Some(o) = props.offers.0.get(props.at as usize) else {
        return html! {};
    };
    let say = present::explain(&props.refdata.0, props.lang);
    html! {
        <li data-testid={format!("excluded-{}-{}", code(h), x.id)}>
            <p><strong>{ o.title.to_string() }</strong>{ format!(" — {}", o.organisation) }</p>
            <ul class="rules">
                { for x.rules.iter().map(|r| html! {
                    <li data-rule={r.rule().code()}>{ say.exclusion(r) }</li>
                }) }
            </ul>
        </li>
    }
}

/// A card in the list: its props, read from the state (the card itself reads nothing else).
fn offer_card(props: &Props, h: Horizon, fit: Fit, at: u32, o: &Offer) -> Html {
    let s: &State = &props.state;
    html! {
        <OfferCard key={o.id.to_string()} {h} {fit} {at}
            offers={Shared::from(&s.offers)} refdata={Shared::from(&s.refdata)} lang={s.lang}
            on_sheet={s.sheet.ids.iter().any(|i| *i == o.id)}
            source={super::catalogue::card_source(s, o)}
            dispatcher={props.state.dispatcher()} />
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    h: Horizon,
    fit: Fit,
    /// The offer's index in `offers`.
    at: u32,
    offers: Shared<Vec<Offer>>,
    refdata: Shared<RefData>,
    lang: Lang,
    on_sheet: bool,
    /// « Source : … » when several catalogues are in use.
    source: Option<String>,
    dispatcher: UseReducerDispatcher<State>,
}

/// The card of an offer that fits: drawn again only when what it shows changes (its findings,
/// the language, the catalogue, its box on the sheet), not at every keystroke (issue 16).
#[component]
fn OfferCard(props: &CardProps) -> Html {
    let (h, f, lang) = (props.h, &props.fit, props.lang);
    let Some(o) = props.offers.0.get(props.at as usize) else {
        return html! {};
    };
    let refdata = &props.refdata.0;
    let base = format!("offer-{}-{}", code(h), o.id);
    let title_id = format!("{base}-title");
    let check_id = format!("{base}-sheet");
    let on_sheet = props.on_sheet;
    let toggle = {
        let d = props.dispatcher.clone();
        let id = o.id.to_string();
        Callback::from(move |_| d.dispatch(Action::ToggleSheet(id.to_string())))
    };
    // Not checked with the organisation for more than six months (the core's `stale` warning).
    let stale = f.warnings.iter().any(|w| w.rule() == WarningKind::Stale);
    let say = present::explain(refdata, lang);
    let details = present::detail_lines(o, lang);
    html! {
        <li class="offer" data-testid={format!("offer-{}", o.id)} data-score={f.score.to_string()}>
            <article aria-labelledby={title_id.clone()}>
                <div class="offer-head">
                    <div>
                        <h4 id={title_id}>
                            { o.title.to_string() }
                            if stale {
                                { " " }<span class="badge stale" data-testid="stale-badge" title={t(lang, "offer.stale_help")}>{ t(lang, "offer.stale") }</span>
                            }
                        </h4>
                        <p class="org">{ o.organisation.to_string() }<span class="type">{ vocab(refdata, lang, OfferType::KIND, o.kind.code()) }</span></p>
                        if let Some(source) = &props.source {
                            <p class="offer-source" data-testid="offer-source">{ source.clone() }</p>
                        }
                    </div>
                    <p class="score" title={t(lang, "offer.score_help")}>
                        <span class="visually-hidden">{ t(lang, "offer.score") }{ " " }</span>
                        <strong>{ f.score }</strong><span class="out-of">{ "/100" }</span>
                    </p>
                </div>
                <dl class="facts">
                    { offer_facts(&props.offers.0, refdata, o, lang) }
                </dl>
                <p class="list-title">{ t(lang, "offer.reasons") }</p>
                <ul class="reasons">
                    { for f.reasons.iter().map(|r| html! {
                        <li>
                            <span class="pts">{ format!("+{}", r.points) }</span>
                            <span class="factor">{ present::factor_label(lang, r.factor()) }</span>
                            <span class="text">{ say.reason(r) }</span>
                        </li>
                    }) }
                </ul>
                if !f.warnings.is_empty() {
                    <p class="list-title">{ t(lang, "offer.warnings") }</p>
                    <ul class="warnings">
                        { for f.warnings.iter().map(|w| html! { <li data-rule={w.rule().code()}>{ say.warning(w) }</li> }) }
                    </ul>
                }
                if !o.description().trim().is_empty() || !o.contact().trim().is_empty() || !details.is_empty() {
                    <details class="more">
                        <summary>{ t(lang, "offer.more") }</summary>
                        if !o.contact().trim().is_empty() {
                            <p><strong>{ t(lang, "offer.contact") }</strong>{ " " }{ o.contact().to_string() }</p>
                        }
                        if !details.is_empty() {
                            <dl class="details" data-testid={format!("details-{}", o.id)}>
                                { for details.into_iter().map(|(label, value)| html! {
                                    <>
                                        <dt>{ label }</dt>
                                        if value.starts_with("https://") || value.starts_with("http://") {
                                            <dd><a href={value.clone()} rel="noopener noreferrer" target="_blank">{ value }</a></dd>
                                        } else {
                                            <dd>{ value }</dd>
                                        }
                                    </>
                                }) }
                            </dl>
                        }
                        if !o.description().trim().is_empty() {
                            { super::markdown::render(o.description()) }
                        }
                    </details>
                }
                <div class="sheet-toggle">
                    <input type="checkbox" id={check_id.clone()} data-testid={format!("sheet-add-{}", o.id)} checked={on_sheet} onchange={toggle} />
                    <label for={check_id}>{ t(lang, "offer.add_to_sheet") }</label>
                </div>
            </article>
        </li>
    }
}

/// Where, when and what follows outside: the same facts on a card and on a workshop slide.
pub fn offer_facts(offers: &[Offer], refdata: &RefData, o: &Offer, lang: Lang) -> Html {
    let suite = present::suite_titles(o, offers);
    html! {
        <>
                    <dt>{ t(lang, "offer.where") }</dt>
                    <dd>{ for present::where_lines(o, refdata, lang).into_iter().map(|l| html! { <span class="line">{ l }</span> }) }</dd>
                    <dt>{ t(lang, "offer.when") }</dt>
                    <dd>{ for present::when_lines(o, lang).into_iter().map(|l| html! { <span class="line">{ l }</span> }) }</dd>
                    if !suite.is_empty() {
                        <dt>{ t(lang, "offer.suite") }</dt>
                        <dd>{ for suite.into_iter().map(|l| html! { <span class="line">{ l }</span> }) }</dd>
                    }
        </>
    }
}
