//! The long lists of the profile form — the datalists of the establishment, place, skill and
//! sector fields, the départements of a select — as components of their own, drawn again only
//! when what they show changes. A keystroke in another field leaves them alone: before, Yew
//! built and compared their ~1,500 options at every keystroke (issue 16). A datalist's options
//! are drawn once its field has had the focus (`on`), not for the first screen.

use crate::i18n::{t, Lang};
use crate::present::{self, establishment_label};
use relais_core::appellations::Appellations;
use relais_core::refdata::RefData;
use relais_core::text::fold;
use std::rc::Rc;
use yew::prelude::*;

/// Shared data compared by identity: it is replaced, never mutated, so the same pointer is the
/// same content (and comparing a 30,000-item list by value at every keystroke is what this
/// module avoids).
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

impl<T> From<&Rc<T>> for Shared<T> {
    fn from(rc: &Rc<T>) -> Self {
        Shared(rc.clone())
    }
}

#[derive(Properties, PartialEq)]
pub struct EstablishmentsProps {
    pub refdata: Shared<RefData>,
    /// Its field has had the focus: the options are drawn (empty until then).
    pub on: bool,
}

/// `<datalist id="establishments">`: every establishment by its full name.
#[component]
pub fn EstablishmentOptions(props: &EstablishmentsProps) -> Html {
    let rd = &props.refdata.0;
    let on = props.on;
    html! {
        <datalist id="establishments">
            { for rd.establishments.iter().filter(|_| on).map(|e| html! { <option value={establishment_label(rd, e)} data-code={e.id.clone()} /> }) }
        </datalist>
    }
}

#[derive(Properties, PartialEq)]
pub struct PlacesProps {
    pub id: AttrValue,
    pub refdata: Shared<RefData>,
    pub lang: Lang,
    /// What is typed in the field.
    pub draft: AttrValue,
    /// Offer nothing until two letters are typed (the home commune); otherwise every
    /// département while little is typed (`present::place_suggestions`).
    pub after_two_letters: bool,
    /// Its field has had the focus: the options are drawn (empty until then).
    pub on: bool,
}

/// The datalist of a place field: places in words, their code in `data-code`.
#[component]
pub fn PlaceOptions(props: &PlacesProps) -> Html {
    let draft = props.draft.as_str();
    let offer = props.on && (!props.after_two_letters || fold(draft).chars().count() >= 2);
    html! {
        <datalist id={props.id.clone()}>
            if offer {
                { for present::place_suggestions(&props.refdata.0, props.lang, draft).into_iter().map(|(code, name)| html! { <option value={name} data-code={code} /> }) }
            }
        </datalist>
    }
}

#[derive(Properties, PartialEq)]
pub struct SkillsProps {
    pub items: Shared<Vec<String>>,
    /// Its field has had the focus: the options are drawn (empty until then).
    pub on: bool,
}

/// `<datalist id="skills">`: the skills the catalogue's offers ask for.
#[component]
pub fn SkillOptions(props: &SkillsProps) -> Html {
    html! {
        <datalist id="skills">
            { for props.items.0.iter().filter(|_| props.on).map(|x| html! { <option value={x.clone()} /> }) }
        </datalist>
    }
}

#[derive(Properties, PartialEq)]
pub struct SectorsProps {
    pub appellations: Shared<Appellations>,
    pub suggestions: Shared<Vec<String>>,
    pub draft: AttrValue,
    pub lang: Lang,
    /// Its field has had the focus: the options are drawn (empty until then).
    pub on: bool,
}

/// `<datalist id="sectors">`: everyday job titles for what is typed, then the ROME jobs and
/// domains.
#[component]
pub fn SectorOptions(props: &SectorsProps) -> Html {
    let (lang, on) = (props.lang, props.on);
    html! {
        <datalist id="sectors">
            { for present::job_suggestions(&props.appellations.0, &props.draft).into_iter().filter(|_| on).map(|x| html! { <option value={x} /> }) }
            { for props.suggestions.0.iter().filter(|_| on).map(|x| html! {
                <option value={x.clone()} label={present::sector_suggestion_note(lang, x)} />
            }) }
        </datalist>
    }
}

#[derive(Properties, PartialEq)]
pub struct DepartementsProps {
    pub refdata: Shared<RefData>,
    pub lang: Lang,
    /// The code chosen (empty: not known).
    pub current: AttrValue,
}

/// The options of a département select: « not known », a code from an opened file that is no
/// known département (kept visible and selected), then every département by name.
#[component]
pub fn DepartementOptions(props: &DepartementsProps) -> Html {
    let rd = &props.refdata.0;
    let current = props.current.as_str();
    let unknown = !current.is_empty() && rd.departement(current).is_none();
    html! {
        <>
            { for std::iter::once(html! { <option key={format!("|{}", current.is_empty())} value="" selected={current.is_empty()}>{ t(props.lang, "field.not_known") }</option> }) }
            if unknown {
                <option key={format!("{current}|unknown")} value={current.to_string()} selected=true>{ current.to_string() }</option>
            }
            { for present::departements_by_name(rd).into_iter().map(|(code, name)| html! {
                <option key={format!("{code}|{}", code == current)} value={code.clone()} selected={code == current}>{ name }</option>
            }) }
        </>
    }
}
