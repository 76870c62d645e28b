//! The profile, keyboard first: every field dispatches as it changes and results follow.

use super::fields::{
    checkbox_group, chips, described_by, error, help, input_value, no_submit, on_enter,
    select_value, CheckItem,
};
use super::lists::{
    DepartementOptions, EstablishmentOptions, PlaceOptions, SectorOptions, Shared, SkillOptions,
};
use super::AppHandle;
use crate::i18n::{t, tf, Lang};
use crate::present::{self, establishment_label, sector_label, vocab};
use crate::state::{Action, Bulletin, CodeList, Communes, JobWords, State, Until};
use crate::view::FieldError;
use relais_core::date;
use relais_core::model::{Measure, Situation};
use relais_core::validation::{Issue, ProfileField};
use yew::prelude::*;

pub const CURFEW_DDSE: &str = "lun-dim 20:00-07:00";
pub const CURFEW_SEMI_LIBERTE: &str = "lun-dim 19:00-07:00";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: AppHandle,
}

/// The datalists whose field has had the focus (a bit per list, [`Lists`]): a list's options
/// are drawn the first time its field is entered, not at start (issue 16: ~1,400 options were
/// a good part of the first screen's DOM, and nobody sees them before entering the field).
#[derive(Clone)]
struct Lists(UseStateHandle<u8>);

impl Lists {
    const ESTABLISHMENTS: u8 = 1;
    const PLACES: u8 = 2;
    const HOME_COMMUNES: u8 = 4;
    const SKILLS: u8 = 8;
    const SECTORS: u8 = 16;

    fn on(&self, list: u8) -> bool {
        *self.0 & list != 0
    }

    /// The field's `onfocus`: its list is wanted from now on.
    fn want(&self, list: u8) -> Callback<FocusEvent> {
        let wanted = self.0.clone();
        Callback::from(move |_| {
            if *wanted & list == 0 {
                wanted.set(*wanted | list);
            }
        })
    }
}

#[component]
pub fn ProfileForm(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let dedans = s.profile.situation == Situation::Dedans;
    let lists = &Lists(use_state(|| 0u8));
    html! {
        <section class="panel profile" aria-labelledby="profile-title">
            <h2 id="profile-title">{ t(lang, "profile.title") }</h2>
            <p class="intro">{ t(lang, "profile.intro") }</p>
            { example(props) }

            <h3>{ t(lang, "group.situation") }</h3>
            { situation(props) }
            if dedans {
                { establishment(props, lists) }
                { release_date(props) }
                { departement_select(props, ProfileField::ReleaseDepartement, "release-departement", "field.release_departement", "help.release_departement",
                    s.profile.release_departement.as_deref(), Action::SetReleaseDepartement) }
            } else {
                { departement_select(props, ProfileField::ResidenceDepartement, "residence-departement", "field.residence_departement", "help.residence_departement",
                    s.profile.residence_departement.as_deref(), Action::SetResidenceDepartement) }
            }
            { home_commune(props, lists) }
            { radius(props) }
            { measures(props) }
            if !s.profile.measures.is_empty() {
                { until(props, Until::Measures) }
            }

            if !s.settled {
                // Below the fold: the court's decisions and the project, drawn once the page is
                // idle (issue 16, the first result at 4× CPU throttling).
                <div class="form-later" aria-busy="true"></div>
            } else {
            <h3>{ t(lang, "group.justice") }</h3>
            { banned_places(props, lists) }
            if !s.profile.banned_places.is_empty() {
                { until(props, Until::BannedPlaces) }
            }
            { codes(props, CodeList::BannedActivities, "activite", "banned-activity", "field.banned_activities", "help.banned_activities") }
            if !s.profile.banned_activities.is_empty() {
                { until(props, Until::BannedActivities) }
            }
            { curfew(props) }
            if s.profile.curfew.is_some() {
                { until(props, Until::Curfew) }
            }
            { record(props, Bulletin::B2) }
            { record(props, Bulletin::B3) }
            { codes(props, CodeList::Obligations, "obligation", "obligation", "field.obligations", "help.obligations") }

            <h3>{ t(lang, "group.project") }</h3>
            { skills(props, lists) }
            { sectors(props, lists) }
            { codes(props, CodeList::Has, "prerequis", "has", "field.has", "help.has") }
            }
        </section>
    }
}

/// The example person, one click away from the empty first screen, and said to be fictitious
/// for as long as it is on screen.
fn example(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    if s.example {
        let d = props.state.dispatcher();
        return html! {
            <div class="example-banner" role="note" data-testid="example-banner">
                <p><span class="example-tag">{ t(lang, "offer.example") }</span>{ " " }{ t(lang, "profile.example_on") }</p>
                <button type="button" class="secondary small" data-testid="example-clear"
                    onclick={Callback::from(move |_| d.dispatch(Action::ResetProfile))}>{ t(lang, "profile.example_clear") }</button>
            </div>
        };
    }
    if s.profile != relais_core::model::Profile::default() {
        return html! {};
    }
    let d = props.state.dispatcher();
    html! {
        <div class="example-offer">
            <button type="button" class="secondary" data-testid="load-example" aria-describedby="example-help"
                onclick={Callback::from(move |_| d.dispatch(Action::LoadExample))}>{ t(lang, "profile.example_load") }</button>
            <p class="help" id="example-help">{ t(lang, "profile.example_help") }</p>
        </div>
    }
}

fn situation(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let radio = |sit: Situation| {
        let d = props.state.dispatcher();
        let id = format!("situation-{}", sit.code());
        html! {
            <div class="radio">
                <input type="radio" name="situation" id={id.clone()} data-testid={id.clone()}
                    checked={s.profile.situation == sit}
                    onchange={Callback::from(move |_| d.dispatch(Action::SetSituation(sit)))} />
                <label for={id}>{ vocab(&s.refdata, lang, "situation", sit.code()) }</label>
            </div>
        }
    };
    html! {
        <fieldset class="group" aria-describedby="situation-help">
            <legend>{ t(lang, "field.situation") }</legend>
            { help("situation", t(lang, "help.situation")) }
            <div class="radios inline">
                { radio(Situation::Dedans) }
                { radio(Situation::Dehors) }
            </div>
        </fieldset>
    }
}

fn establishment(props: &Props, lists: &Lists) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let id = "establishment";
    let typed = s.drafts.establishment.trim();
    let found = s
        .profile
        .establishment
        .as_deref()
        .and_then(|e| s.refdata.establishment(e));
    let err = match (typed.is_empty(), s.profile.establishment.as_deref()) {
        // Typed but not understood: the profile has no establishment yet.
        (false, None) => Some(tf(lang, "error.establishment", &[typed])),
        // Set (from a file) but unknown: the core's check says so.
        (_, Some(_)) => {
            let problems = s.profile.problems(&s.refdata);
            let unknown = problems
                .into_iter()
                .filter(|p| matches!(p.issue, Issue::EstablishmentUnknown { .. }))
                .collect::<Vec<_>>();
            present::field_problem(lang, &s.refdata, &unknown, ProfileField::Establishment)
        }
        _ => None,
    };
    // Say which establishment was understood when the text is only a piece of its name.
    let understood = found
        .map(|e| establishment_label(&s.refdata, e))
        .filter(|l| l != typed);
    let d = props.state.dispatcher();
    html! {
        <form class="field" onsubmit={no_submit()}>
            <label for={id}>{ t(lang, "field.establishment") }</label>
            { help(id, t(lang, "help.establishment")) }
            <input type="text" id={id} list="establishments" autocomplete="off" spellcheck="false"
                data-testid="establishment-input" onfocus={lists.want(Lists::ESTABLISHMENTS)}
                value={s.drafts.establishment.clone()}
                aria-describedby={described_by(id, err.is_some())}
                aria-invalid={err.is_some().then_some("true")}
                oninput={Callback::from(move |e: InputEvent| d.dispatch(Action::SetEstablishmentText(input_value(&e))))} />
            <EstablishmentOptions refdata={Shared::from(&s.refdata)} on={lists.on(Lists::ESTABLISHMENTS)} />
            if let Some(u) = understood {
                <p class="understood">{ tf(lang, "field.understood", &[&u]) }</p>
            }
            { error(id, err) }
        </form>
    }
}

/// When a court decision stops applying (optional): an offer excluded only by decisions that
/// end is listed « Possible à partir du … ».
fn until(props: &Props, which: Until) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let p = &s.profile;
    let (id, key, value) = match which {
        Until::BannedPlaces => (
            "banned-places-until",
            "field.until_banned_places",
            p.banned_places_until,
        ),
        Until::BannedActivities => (
            "banned-activities-until",
            "field.until_banned_activities",
            p.banned_activities_until,
        ),
        Until::Curfew => ("curfew-until", "field.until_curfew", p.curfew_until),
        Until::Measures => ("measures-until", "field.until_measures", p.measures_until),
    };
    let d = props.state.dispatcher();
    html! {
        <div class="field until">
            <label for={id}>{ t(lang, key) }</label>
            { help(id, t(lang, "help.until")) }
            <input type="date" id={id} data-testid={id} value={value.map(date::iso).unwrap_or_default()}
                aria-describedby={described_by(id, false)}
                oninput={Callback::from(move |e: InputEvent| {
                    let v = input_value(&e);
                    if v.is_empty() || date::parse(&v).is_some() {
                        d.dispatch(Action::SetUntil(which, v));
                    }
                })} />
        </div>
    }
}

fn release_date(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let id = "release-date";
    let value = s.profile.release_date.map(date::iso).unwrap_or_default();
    let err = s
        .profile
        .release_date
        .filter(|d| *d < s.today)
        .map(|d| tf(lang, "error.release_past", &[&date::fr(d)]));
    let d = props.state.dispatcher();
    html! {
        <div class="field">
            <label for={id}>{ t(lang, "field.release_date") }</label>
            { help(id, t(lang, "help.release_date")) }
            <input type="date" id={id} data-testid={id} value={value}
                aria-describedby={described_by(id, err.is_some())}
                aria-invalid={err.is_some().then_some("true")}
                oninput={Callback::from(move |e: InputEvent| {
                    // While a year is being typed the browser reports dates like 0002-03-15:
                    // keep them out of the profile, or the re-render would wipe what is typed.
                    let v = input_value(&e);
                    if v.is_empty() || date::parse(&v).is_some() {
                        d.dispatch(Action::SetReleaseDate(v));
                    }
                })} />
            { error(id, err) }
        </div>
    }
}

fn departement_select(
    props: &Props,
    field: ProfileField,
    id: &'static str,
    label: &'static str,
    help_key: &'static str,
    current: Option<&str>,
    action: fn(String) -> Action,
) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let d = props.state.dispatcher();
    let current = current.unwrap_or_default();
    // A code from an opened file that is not a known département stays visible and selected.
    let unknown = !current.is_empty() && s.refdata.departement(current).is_none();
    let current = AttrValue::from(current.to_string());
    let err = unknown
        .then(|| present::field_problem(lang, &s.refdata, &s.profile.problems(&s.refdata), field))
        .flatten();
    html! {
        <div class="field">
            <label for={id}>{ t(lang, label) }</label>
            { help(id, t(lang, help_key)) }
            <select id={id} data-testid={id}
                aria-describedby={described_by(id, err.is_some())}
                aria-invalid={err.is_some().then_some("true")}
                onchange={Callback::from(move |e: Event| d.dispatch(action(select_value(&e))))}>
                <DepartementOptions refdata={Shared::from(&s.refdata)} {lang} {current} />
            </select>
            { error(id, err) }
        </div>
    }
}

fn measures(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let items = Measure::ALL
        .iter()
        .map(|m| CheckItem {
            code: m.code().to_string(),
            label: vocab(&s.refdata, lang, Measure::KIND, m.code()),
            checked: s.profile.measures.contains(m),
        })
        .collect();
    let d = props.state.dispatcher();
    let on_toggle = Callback::from(move |code: String| {
        if let Some(m) = Measure::from_code(&code) {
            d.dispatch(Action::ToggleMeasure(m));
        }
    });
    let help_key = match s.profile.situation {
        Situation::Dedans => "help.measures",
        Situation::Dehors => "help.measures_dehors",
    };
    checkbox_group(
        "measures",
        t(lang, "field.measures"),
        t(lang, help_key),
        "measure",
        items,
        on_toggle,
    )
}

fn codes(
    props: &Props,
    list: CodeList,
    kind: &str,
    testid: &str,
    legend: &str,
    help_key: &str,
) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let chosen = match list {
        CodeList::BannedActivities => &s.profile.banned_activities,
        CodeList::Has => &s.profile.has,
        CodeList::Obligations => &s.profile.obligations,
    };
    let mut items: Vec<CheckItem> = s
        .refdata
        .terms(kind)
        .map(|term| CheckItem {
            code: term.code.clone(),
            label: vocab(&s.refdata, lang, kind, &term.code),
            checked: chosen.contains(&term.code),
        })
        .collect();
    // Codes from an opened file that the vocabulary does not know stay visible and removable.
    for c in chosen.iter().filter(|c| s.refdata.term(kind, c).is_none()) {
        items.push(CheckItem {
            code: c.clone(),
            label: c.clone(),
            checked: true,
        });
    }
    let d = props.state.dispatcher();
    let on_toggle = Callback::from(move |code: String| d.dispatch(Action::ToggleCode(list, code)));
    checkbox_group(
        testid,
        t(lang, legend),
        t(lang, help_key),
        testid,
        items,
        on_toggle,
    )
}

fn banned_places(props: &Props, lists: &Lists) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let id = "banned-place";
    let err = s
        .drafts
        .banned_place_error
        .as_ref()
        .map(|e| field_error(lang, e));
    let help_text = match &s.communes {
        Communes::Failed(_) => t(lang, "help.banned_places_codes_only"),
        _ => t(lang, "help.banned_places"),
    };
    let d = props.state.dispatcher();
    let add = {
        let d = props.state.dispatcher();
        Callback::from(move |()| d.dispatch(Action::AddBannedPlace))
    };
    let add_click = add.clone();
    let remove = {
        let d = props.state.dispatcher();
        Callback::from(move |code: String| d.dispatch(Action::RemoveBannedPlace(code)))
    };
    let placed: Vec<(String, String)> = s
        .profile
        .banned_places
        .iter()
        .map(|c| (c.clone(), present::place_label(&s.refdata, lang, c)))
        .collect();
    html! {
        <form class="field" onsubmit={no_submit()}>
            <label for={id}>{ t(lang, "field.banned_places") }</label>
            { help(id, help_text) }
            { chips(placed, |l| tf(lang, "chip.remove", &[l]), remove) }
            <div class="add-row">
                <input type="text" id={id} list="places" autocomplete="off" spellcheck="false"
                    data-testid="banned-place-input" onfocus={lists.want(Lists::PLACES)}
                    value={s.drafts.banned_place.clone()}
                    aria-describedby={described_by(id, err.is_some())}
                    aria-invalid={err.is_some().then_some("true")}
                    onkeydown={on_enter(add)}
                    oninput={Callback::from(move |e: InputEvent| d.dispatch(Action::SetBannedPlaceDraft(input_value(&e))))} />
                <button type="button" class="secondary" data-testid="banned-place-add"
                    onclick={Callback::from(move |_| add_click.emit(()))}>{ t(lang, "action.add") }</button>
            </div>
            <PlaceOptions id="places" refdata={Shared::from(&s.refdata)} {lang} on={lists.on(Lists::PLACES)}
                draft={AttrValue::from(s.drafts.banned_place.clone())} after_two_letters={false} />
            { error(id, err) }
            { place_choices(props, "banned-place-choices", s.drafts.banned_place_error.as_ref(), Action::PickBannedPlace) }
        </form>
    }
}

/// The readings of an ambiguous place, as buttons: a click keeps that one.
fn place_choices(
    props: &Props,
    testid: &'static str,
    err: Option<&FieldError>,
    action: fn(String) -> Action,
) -> Html {
    let Some(FieldError::AmbiguousPlace(_, choices)) = err else {
        return html! {};
    };
    let lang = props.state.lang;
    html! {
        <ul class="place-choices" data-testid={testid} aria-label={t(lang, "field.place_choices")}>
            { for choices.iter().map(|c| {
                let (label, note) = present::place_choice_text(&props.state.refdata, lang, c);
                let code = c.code.clone();
                let pick = {
                    let d = props.state.dispatcher();
                    Callback::from(move |_| d.dispatch(action(code.clone())))
                };
                html! {
                    <li key={c.code.clone()}>
                        <button type="button" class="secondary" data-testid={format!("place-choice-{}", c.code)}
                            data-code={c.code.clone()} onclick={pick}>
                            { label }
                        </button>
                        if !note.is_empty() {
                            { " " }<span class="note">{ format!("— {note}") }</span>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}

/// The jobs an everyday word may mean, as buttons: the title, and the ROME job it belongs to
/// in words; a click adds that one (its code only in `data-code`).
fn sector_choices(props: &Props) -> Html {
    let s: &State = &props.state;
    let Some(FieldError::AmbiguousSector(_, choices)) = &s.drafts.sector_error else {
        return html! {};
    };
    let lang = s.lang;
    html! {
        <ul class="place-choices" data-testid="sector-choices" aria-label={t(lang, "field.sector_choices")}>
            { for choices.iter().filter_map(|suggestion| {
                let (title, code) = suggestion.strip_suffix(')')?.rsplit_once(" (")?;
                let code = code.to_string();
                let pick = {
                    let d = props.state.dispatcher();
                    let suggestion = suggestion.clone();
                    Callback::from(move |_| {
                        d.dispatch(Action::SetSectorDraft(suggestion.clone()));
                        d.dispatch(Action::AddSector);
                    })
                };
                Some(html! {
                    <li key={suggestion.clone()}>
                        <button type="button" class="secondary" data-code={code.clone()} onclick={pick}>
                            { title.to_string() }
                        </button>
                        { " " }<span class="note">{ format!("— {}", sector_label(&s.refdata, lang, &code)) }</span>
                    </li>
                })
            }) }
        </ul>
    }
}

/// The commune distances are measured from: where the person will live after release
/// (dedans) or lives (dehors). Optional: without it, from the département's chef-lieu.
fn home_commune(props: &Props, lists: &Lists) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let id = "home-commune";
    let dedans = s.profile.situation == Situation::Dedans;
    let (label, help_key) = if dedans {
        ("field.release_commune", "help.release_commune")
    } else {
        ("field.residence_commune", "help.residence_commune")
    };
    let err = s
        .drafts
        .home_commune_error
        .as_ref()
        .map(|e| field_error(lang, e));
    let d = props.state.dispatcher();
    let resolve = {
        let d = props.state.dispatcher();
        Callback::from(move |()| d.dispatch(Action::ResolveHomeCommune))
    };
    let on_blur = {
        let resolve = resolve.clone();
        Callback::from(move |_: FocusEvent| resolve.emit(()))
    };
    html! {
        <form class="field" onsubmit={no_submit()}>
            <label for={id}>{ t(lang, label) }</label>
            { help(id, t(lang, help_key)) }
            <input type="text" id={id} list="home-communes" autocomplete="off" spellcheck="false"
                data-testid={id} onfocus={lists.want(Lists::HOME_COMMUNES)}
                value={s.drafts.home_commune.clone()}
                aria-describedby={described_by(id, err.is_some())}
                aria-invalid={err.is_some().then_some("true")}
                onkeydown={on_enter(resolve)}
                onblur={on_blur}
                oninput={Callback::from(move |e: InputEvent| d.dispatch(Action::SetHomeCommuneDraft(input_value(&e))))} />
            <PlaceOptions id="home-communes" refdata={Shared::from(&s.refdata)} {lang} on={lists.on(Lists::HOME_COMMUNES)}
                draft={AttrValue::from(s.drafts.home_commune.clone())} after_two_letters={true} />
            { error(id, err) }
            { place_choices(props, "home-commune-choices", s.drafts.home_commune_error.as_ref(), Action::PickHomeCommune) }
        </form>
    }
}

/// How far the person can go: offers on site farther than this are listed apart (« Plus loin »).
fn radius(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let id = "radius";
    let current = s
        .profile
        .radius_km
        .unwrap_or(relais_core::model::DEFAULT_RADIUS_KM);
    let d = props.state.dispatcher();
    let on_change = Callback::from(move |e: Event| {
        d.dispatch(Action::SetRadius(select_value(&e).parse().ok()))
    });
    // The choices of the field's tools (les emplois de l'inclusion 25 km, DORA 50 km), and the
    // value of an opened profile when it is none of them.
    let mut choices = vec![10, 20, 30, 50, 100, 200];
    if !choices.contains(&current) {
        choices.push(current);
        relais_core::order::sort(&mut choices);
    }
    html! {
        <div class="field">
            <label for={id}>{ t(lang, "field.radius") }</label>
            { help(id, t(lang, "help.radius")) }
            <select id={id} data-testid={id} aria-describedby={described_by(id, false)} onchange={on_change}>
                { for choices.into_iter().map(|km| html! {
                    <option key={format!("{km}|{}", km == current)} value={km.to_string()} selected={km == current}>{ tf(lang, "field.radius_km", &[&km.to_string()]) }</option>
                }) }
            </select>
        </div>
    }
}

fn field_error(lang: Lang, e: &FieldError) -> String {
    match e {
        FieldError::UnknownPlace(p) => tf(lang, "error.place", &[p]),
        FieldError::AmbiguousPlace(p, _) => tf(lang, "error.place_ambiguous", &[p]),
        FieldError::UnknownSector(x) => tf(lang, "error.sector", &[x]),
        FieldError::NotACommune(x) => tf(lang, "error.not_a_commune", &[x]),
        FieldError::AmbiguousSector(x, _) => tf(lang, "error.sector_ambiguous", &[x]),
    }
}

fn curfew(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let id = "curfew";
    let text = s.profile.curfew.clone().unwrap_or_default();
    // The core's check, with its own French sentence saying what to write instead.
    let problems = s.profile.problems(&s.refdata);
    let err = present::field_problem(lang, &s.refdata, &problems, ProfileField::Curfew);
    // Hours that read well are said back in words, in the interface language.
    let understood = err
        .is_none()
        .then(|| present::curfew_in_words(lang, &text))
        .flatten();
    let d = props.state.dispatcher();
    let preset = |key: &str, testid: &str, value: &'static str| {
        let d = props.state.dispatcher();
        let pressed = text.trim() == value;
        // The button shows the hours; the field then shows the exact text it wrote.
        let hours = value.split_whitespace().last().unwrap_or(value);
        html! {
            <button type="button" class="secondary small" data-testid={testid.to_string()} aria-pressed={pressed.to_string()}
                title={value}
                onclick={Callback::from(move |_| d.dispatch(Action::SetCurfew(value.to_string())))}>
                { format!("{} {hours}", t(lang, key)) }
            </button>
        }
    };
    let clear = {
        let d = props.state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::SetCurfew(String::new())))
    };
    html! {
        <div class="field">
            <label for={id}>{ t(lang, "field.curfew") }</label>
            { help(id, t(lang, "help.curfew")) }
            <div class="presets" role="group" aria-label={t(lang, "field.curfew_presets")}>
                { preset("curfew.ddse", "curfew-preset-ddse", CURFEW_DDSE) }
                { preset("curfew.semi_liberte", "curfew-preset-semi-liberte", CURFEW_SEMI_LIBERTE) }
                if !text.is_empty() {
                    <button type="button" class="link small" onclick={clear}>{ t(lang, "curfew.none") }</button>
                }
            </div>
            <input type="text" id={id} data-testid="curfew-input" class="mono" autocomplete="off" spellcheck="false"
                placeholder={t(lang, "field.curfew_placeholder")}
                value={text.clone()}
                aria-describedby={described_by(id, err.is_some())}
                aria-invalid={err.is_some().then_some("true")}
                oninput={Callback::from(move |e: InputEvent| d.dispatch(Action::SetCurfew(input_value(&e))))} />
            if let Some(u) = understood {
                <p class="understood" data-testid="curfew-understood">{ tf(lang, "field.understood", &[&u]) }</p>
            }
            { error(id, err) }
        </div>
    }
}

fn record(props: &Props, b: Bulletin) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let (name, current, legend, help_key) = match b {
        Bulletin::B2 => (
            "b2",
            s.profile.record.b2,
            "field.record_b2",
            "help.record_b2",
        ),
        Bulletin::B3 => (
            "b3",
            s.profile.record.b3,
            "field.record_b3",
            "help.record_b3",
        ),
    };
    let group = format!("record-{name}");
    let radio = |value: Option<bool>, word: &str, key: &str| {
        let d = props.state.dispatcher();
        let id = format!("record-{name}-{word}");
        html! {
            <div class="radio">
                <input type="radio" name={group.clone()} id={id.clone()} data-testid={id.clone()}
                    checked={current == value}
                    onchange={Callback::from(move |_| d.dispatch(Action::SetRecord(b, value)))} />
                <label for={id}>{ t(lang, key) }</label>
            </div>
        }
    };
    html! {
        <fieldset class="group" aria-describedby={format!("{group}-help")}>
            <legend>{ t(lang, legend) }</legend>
            { help(&group, t(lang, help_key)) }
            <div class="radios inline">
                { radio(Some(true), "oui", "record.yes") }
                { radio(Some(false), "non", "record.no") }
                { radio(None, "inconnu", "record.unknown") }
            </div>
        </fieldset>
    }
}

fn skills(props: &Props, lists: &Lists) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let id = "skill";
    let d = props.state.dispatcher();
    let add = {
        let d = props.state.dispatcher();
        Callback::from(move |()| d.dispatch(Action::AddSkill))
    };
    let add_click = add.clone();
    let remove = {
        let d = props.state.dispatcher();
        Callback::from(move |v: String| d.dispatch(Action::RemoveSkill(v)))
    };
    let items: Vec<(String, String)> = s
        .profile
        .skills
        .iter()
        .map(|x| (x.clone(), x.clone()))
        .collect();
    html! {
        <form class="field" onsubmit={no_submit()}>
            <label for={id}>{ t(lang, "field.skills") }</label>
            { help(id, t(lang, "help.skills")) }
            { chips(items, |l| tf(lang, "chip.remove", &[l]), remove) }
            <div class="add-row">
                <input type="text" id={id} list="skills" autocomplete="off"
                    data-testid="skill-input" onfocus={lists.want(Lists::SKILLS)}
                    value={s.drafts.skill.clone()}
                    aria-describedby={described_by(id, false)}
                    onkeydown={on_enter(add)}
                    oninput={Callback::from(move |e: InputEvent| d.dispatch(Action::SetSkillDraft(input_value(&e))))} />
                <button type="button" class="secondary" data-testid="skill-add"
                    onclick={Callback::from(move |_| add_click.emit(()))}>{ t(lang, "action.add") }</button>
            </div>
            <SkillOptions items={Shared::from(&s.skill_suggestions)} on={lists.on(Lists::SKILLS)} />
        </form>
    }
}

fn sectors(props: &Props, lists: &Lists) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let id = "sector";
    let err = s
        .drafts
        .sector_error
        .as_ref()
        .map(|e| match (e, &s.job_words) {
            // Without the job list, do not suggest typing a job.
            (FieldError::UnknownSector(x), JobWords::Failed(_)) => {
                tf(lang, "error.sector_no_list", &[x])
            }
            _ => field_error(lang, e),
        });
    let d = props.state.dispatcher();
    let add = {
        let d = props.state.dispatcher();
        Callback::from(move |()| d.dispatch(Action::AddSector))
    };
    let add_click = add.clone();
    let remove = {
        let d = props.state.dispatcher();
        Callback::from(move |v: String| d.dispatch(Action::RemoveSector(v)))
    };
    let items: Vec<(String, String)> = s
        .profile
        .sectors
        .iter()
        .map(|x| (x.clone(), sector_label(&s.refdata, lang, x)))
        .collect();
    let help_text = match &s.job_words {
        JobWords::Failed(_) => t(lang, "help.sectors_codes_only"),
        _ => t(lang, "help.sectors"),
    };
    // What the last everyday word was read as, and the warning of a regulated job.
    let understood = s.drafts.sector_job.as_ref().map(|j| {
        html! {
            <p class="help sector-note" data-testid="sector-understood" data-code={j.rome.clone()} role="status">
                { tf(lang, "notice.sector_understood", &[&j.label, &sector_label(&s.refdata, lang, &j.rome)]) }
                if j.regulated {
                    <strong class="warn" data-testid="sector-regulated">{ format!(" {}", t(lang, "notice.regulated_job")) }</strong>
                }
            </p>
        }
    });
    html! {
        <form class="field" onsubmit={no_submit()}>
            <label for={id}>{ t(lang, "field.sectors") }</label>
            { help(id, help_text) }
            { chips(items, |l| tf(lang, "chip.remove", &[l]), remove) }
            <div class="add-row">
                <input type="text" id={id} list="sectors" autocomplete="off" spellcheck="false"
                    data-testid="sector-input" onfocus={lists.want(Lists::SECTORS)}
                    value={s.drafts.sector.clone()}
                    aria-describedby={described_by(id, err.is_some())}
                    aria-invalid={err.is_some().then_some("true")}
                    onkeydown={on_enter(add)}
                    oninput={Callback::from(move |e: InputEvent| d.dispatch(Action::SetSectorDraft(input_value(&e))))} />
                <button type="button" class="secondary" data-testid="sector-add"
                    onclick={Callback::from(move |_| add_click.emit(()))}>{ t(lang, "action.add") }</button>
            </div>
            <SectorOptions appellations={Shared::from(&s.appellations)} suggestions={Shared::from(&s.sector_suggestions)} on={lists.on(Lists::SECTORS)}
                draft={AttrValue::from(s.drafts.sector.clone())} {lang} />
            { error(id, err) }
            { sector_choices(props) }
            if s.drafts.sector_pending {
                <p class="help sector-note" role="status">{ t(lang, "notice.job_words_loading") }</p>
            }
            { for understood }
        </form>
    }
}
