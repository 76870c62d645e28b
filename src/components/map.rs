//! The workshop map: France by département or by région, coloured by how many offers fit
//! there (a choropleth with a legend), drawn as inline SVG from bundled public geometry
//! (`data/carte-departements.json`, no tile server). Every place with offers is a button
//! (click, Enter or Space) whose name says the number; numbers are also written on the map.

use crate::i18n::{t, tf, Lang};
use crate::workshop::Counts;
use crate::workshop::{MapBy, MapData};
use relais_core::refdata::RefData;
use std::rc::Rc;
use yew::prelude::*;

/// The overseas départements, which the geometry does not cover: drawn as buttons.
pub const OVERSEAS: &[&str] = &["971", "972", "973", "974", "976"];

#[derive(Properties)]
pub struct Props {
    pub data: Rc<MapData>,
    pub refdata: Rc<RefData>,
    pub lang: Lang,
    pub by: MapBy,
    /// Distinct offers per département code.
    pub by_departement: Rc<Counts>,
    /// Distinct offers per région code.
    pub by_region: Rc<Counts>,
    /// The département or région code chosen, if any.
    pub selected: Option<String>,
    /// A département code (in département mode) or a région code (in région mode).
    pub on_pick: Callback<String>,
}

/// Shared data compares by pointer (it is replaced, never mutated).
impl PartialEq for Props {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.data, &o.data)
            && Rc::ptr_eq(&self.refdata, &o.refdata)
            && self.lang == o.lang
            && self.by == o.by
            && self.by_departement == o.by_departement
            && self.by_region == o.by_region
            && self.selected == o.selected
            && self.on_pick == o.on_pick
    }
}

/// The colour class of a count: 0, 1, 2–4, 5–9, 10 and more.
pub fn bin(n: usize) -> usize {
    match n {
        0 => 0,
        1 => 1,
        2..=4 => 2,
        5..=9 => 3,
        _ => 4,
    }
}

const BIN_KEYS: [&str; 5] = ["map.bin0", "map.bin1", "map.bin2", "map.bin3", "map.bin4"];

fn offers_label(lang: Lang, place: &str, n: usize) -> String {
    match n {
        0 => tf(lang, "map.place_none", &[place]),
        1 => tf(lang, "map.place_one", &[place]),
        _ => tf(lang, "map.place_many", &[place, &n.to_string()]),
    }
}

/// The département's own code, or its région's, depending on the mode.
fn key_of(p: &Props, dept: &str) -> String {
    match p.by {
        MapBy::Departements => dept.to_string(),
        MapBy::Regions => p.refdata.region_of(dept).unwrap_or_default().to_string(),
    }
}

fn count_of(p: &Props, key: &str) -> usize {
    match p.by {
        MapBy::Departements => p.by_departement.get(key),
        MapBy::Regions => p.by_region.get(key),
    }
}

fn name_of(p: &Props, key: &str) -> String {
    let rd = &p.refdata;
    match p.by {
        MapBy::Departements => rd.departement(key).map(|x| x.name.clone()),
        MapBy::Regions => rd.region(key).map(|x| x.name.clone()),
    }
    .unwrap_or_else(|| key.to_string())
}

fn pick(p: &Props, key: &str) -> Callback<MouseEvent> {
    let cb = p.on_pick.clone();
    let key = key.to_string();
    Callback::from(move |_| cb.emit(key.clone()))
}

fn pick_by_key(p: &Props, key: &str) -> Callback<KeyboardEvent> {
    let cb = p.on_pick.clone();
    let key = key.to_string();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            cb.emit(key.clone());
        }
    })
}

fn class_of(p: &Props, base: &str, key: &str, n: usize) -> String {
    let selected = p.selected.as_deref() == Some(key);
    format!(
        "{base} bin{}{}",
        bin(n),
        if selected { " selected" } else { "" }
    )
}

/// The attributes of a place that is a button: its name with the number, pressed or not.
fn button_attrs(p: &Props, key: &str, n: usize) -> (String, &'static str, String) {
    let label = offers_label(p.lang, &name_of(p, key), n);
    let pressed = if p.selected.as_deref() == Some(key) {
        "true"
    } else {
        "false"
    };
    let kind = match p.by {
        MapBy::Departements => "dept",
        MapBy::Regions => "region",
    };
    (label, pressed, format!("map-{kind}-{key}"))
}

/// One département's outline. `main`: on the main map (a button when it has offers, in
/// département mode); otherwise an inner part of a région or the enlarged inset (mouse only).
#[inline(never)]
fn dept_path(p: &Props, code: &str, d: &str, main: bool) -> Html {
    let key = key_of(p, code);
    let n = count_of(p, &key);
    let class = class_of(p, "dept", &key, n);
    let onclick = (n > 0 && !main).then(|| pick(p, &key));
    if main && p.by == MapBy::Departements && n > 0 {
        let (label, pressed, testid) = button_attrs(p, &key, n);
        html! {
            <path {class} d={d.to_string()} role="button" tabindex="0" aria-label={label.clone()}
                aria-pressed={pressed} data-testid={testid} data-count={n.to_string()}
                onclick={pick(p, &key)} onkeydown={pick_by_key(p, &key)}>
                <title>{ label }</title>
            </path>
        }
    } else {
        let testid = (main && p.by == MapBy::Departements).then(|| format!("map-dept-{code}"));
        html! { <path {class} d={d.to_string()} data-testid={testid} data-count={n.to_string()} {onclick} /> }
    }
}

/// A number written on the map.
/// A coordinate of the map's drawing (two decimals: the map data's own).
fn num(x: f32) -> String {
    crate::view::decimal(f64::from(x), 2)
}

fn number(class: &str, n: usize, x: f32, y: f32) -> Html {
    html! { <text class={format!("num {class} on-bin{}", bin(n))} x={num(x)} y={num(y)}>{ n }</text> }
}

#[component]
pub fn FranceMap(props: &Props) -> Html {
    let p = props;
    let lang = p.lang;
    let rd = &p.refdata;
    let data = &p.data;
    let inset = &data.inset;

    // The main map: one shape per département; in région mode, grouped by région into one
    // button each.
    let body: Html = match p.by {
        MapBy::Departements => data
            .departements
            .iter()
            .map(|s| dept_path(p, &s.code, &s.d, true))
            .collect(),
        MapBy::Regions => rd
            .regions
            .iter()
            .map(|reg| {
                let r = &reg.code;
                let n = count_of(p, r);
                let inner: Html = data
                    .departements
                    .iter()
                    .filter(|s| rd.region_of(&s.code) == Some(r.as_str()))
                    .map(|s| dept_path(p, &s.code, &s.d, false))
                    .collect();
                if n > 0 {
                    let (label, pressed, testid) = button_attrs(p, r, n);
                    html! {
                        <g class="region" role="button" tabindex="0" aria-label={label.clone()} aria-pressed={pressed}
                            data-testid={testid} data-count={n.to_string()} onkeydown={pick_by_key(p, r)}>
                            <title>{ label }</title>
                            { inner }
                        </g>
                    }
                } else {
                    html! { <g class="region">{ inner }</g> }
                }
            })
            .collect(),
    };

    // Numbers, for those who read the map from the back of the room: per département (the
    // small ones of Paris in the inset), or per région at the mean of its départements.
    let numbers: Html = match p.by {
        MapBy::Departements => data
            .departements
            .iter()
            .filter(|s| !inset.codes.contains(&s.code))
            .filter_map(|s| {
                let n = count_of(p, &s.code);
                (n > 0).then(|| number("", n, s.x, s.y))
            })
            .collect(),
        MapBy::Regions => rd
            .regions
            .iter()
            .filter_map(|reg| {
                let n = count_of(p, &reg.code);
                let (mut x, mut y, mut k) = (0.0, 0.0, 0.0);
                for s in &data.departements {
                    if rd.region_of(&s.code) == Some(reg.code.as_str()) {
                        x += s.x;
                        y += s.y;
                        k += 1.0;
                    }
                }
                (n > 0 && k > 0.0).then(|| number("big", n, x / k, y / k))
            })
            .collect(),
    };

    // Paris and the petite couronne, enlarged: mouse targets and numbers; the keyboard and
    // screen readers use the shapes of the main map.
    let in_inset = || {
        data.departements
            .iter()
            .filter(|s| inset.codes.contains(&s.code))
    };
    let inset_shapes: Html = in_inset()
        .map(|s| dept_path(p, &s.code, &s.d, false))
        .collect();
    let inset_numbers: Html = if p.by == MapBy::Departements {
        in_inset()
            .filter_map(|s| {
                let n = count_of(p, &s.code);
                (n > 0).then(|| number("inset-num", n, s.x, s.y))
            })
            .collect()
    } else {
        html! {}
    };

    let overseas: Html = OVERSEAS
        .iter()
        .map(|code| {
            let key = key_of(p, code);
            let n = count_of(p, &key);
            let pressed = if p.selected.as_deref() == Some(key.as_str()) {
                "true"
            } else {
                "false"
            };
            html! {
                <li>
                    <button type="button" class={format!("overseas bin{}", bin(n))}
                        disabled={n == 0} aria-pressed={pressed}
                        data-testid={format!("map-dept-{code}")} data-count={n.to_string()}
                        onclick={pick(p, &key)}>
                        <span class="name">{ name_of(p, &key) }</span>{ " " }<strong>{ n }</strong>
                    </button>
                </li>
            }
        })
        .collect();

    html! {
        <figure class="france-map" data-testid="map">
            <svg viewBox={data.view_box.clone()} role="group" aria-label={t(lang, "map.label")} focusable="false">
                { body }
                <g class="numbers" aria-hidden="true">{ numbers }</g>
                <g class="inset" aria-hidden="true">
                    <rect class="inset-frame" x={num(inset.x - 6.0)} y={num(inset.y - 6.0)}
                        width={num(inset.width + 12.0)} height={num(inset.height + 12.0)} rx="4" />
                    <g transform={inset.transform.clone()}>{ inset_shapes }{ inset_numbers }</g>
                    <text class="inset-label" x={num(inset.x)} y={num(inset.y + inset.height + 20.0)}>{ t(lang, "map.inset") }</text>
                </g>
            </svg>
            <ul class="overseas-list" aria-label={t(lang, "map.overseas")}>{ overseas }</ul>
            <figcaption>
                <ul class="legend" aria-label={t(lang, "map.legend")}>
                    { for BIN_KEYS.iter().enumerate().map(|(i, k)| html! {
                        <li><span class={format!("swatch bin{i}")} aria-hidden="true"></span>{ t(lang, k) }</li>
                    }) }
                </ul>
                <p class="attribution">{ data.attribution.clone() }</p>
            </figcaption>
        </figure>
    }
}
