//! The mapping step (« Correspondance des colonnes »): shown when an imported file lacks the
//! required Relais columns. Each column of the file with its first values and a select of
//! Relais fields (the proposal preselected); the values of closed fields (type, milieu…)
//! translated; values for what the file lacks; « Appliquer »; the mapping file to download and
//! to open again. After « Appliquer », the mapping of the catalogue in use stays downloadable.
//! State and rules: `crate::mapping_state`.

use super::AppHandle;
use crate::browser;
use crate::catalogue_state::{column_letter, Origin};
use crate::i18n::{t, tf, Lang};
use crate::mapping_state::{
    choice_of, download_name, MappingAction, MappingStep, CHOICE_COMMUNE_NAME, CHOICE_KEEP,
    CHOICE_NONE, CHOICE_POSTAL_CODE,
};
use crate::state::{Action, Communes, State};
use crate::worker;
use relais_core::catalogue::{Column, Severity};
use relais_core::mapping::{self, Mapping, MAX_DISTINCT};
use relais_core::refdata::RefData;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: AppHandle,
}

/// The i18n key of a Relais field's label.
fn field_key(c: Column) -> String {
    format!("mapping.f_{}", c.name())
}

/// « Atelier et chantier d'insertion (ACI) » for `aci`, in the interface's language.
fn code_label(rd: &RefData, lang: Lang, c: Column, code: &str) -> String {
    let kind = match c {
        Column::Type => "type",
        Column::Milieu => "milieu",
        Column::Measures => "mesure",
        Column::Record => "casier",
        _ => "",
    };
    // The label, with the code when the label does not already say it.
    rd.term(kind, code)
        .map(|t| match lang {
            Lang::Fr => t.fr.clone(),
            Lang::En => t.en.clone(),
        })
        .map_or_else(
            || code.to_string(),
            |l| {
                if relais_core::text::key(&l).contains(&relais_core::text::key(code)) {
                    l
                } else {
                    format!("{l} — {code}")
                }
            },
        )
}

fn download(state: &AppHandle, file: &str, m: &Mapping) {
    state.dispatch(Action::Downloaded(browser::download(
        &download_name(file),
        "application/json",
        &m.to_json(),
    )));
}

thread_local! {
    /// « Appliquer » being read by the catalogue reader (dropped when it ends, or when
    /// « Appliquer » is pressed again).
    static APPLYING: std::cell::RefCell<Option<worker::Job>> = const { std::cell::RefCell::new(None) };
    /// A mapping file being read by the catalogue reader (the page parses none).
    static OPENING: std::cell::RefCell<Option<worker::Job>> = const { std::cell::RefCell::new(None) };
}

/// « Appliquer »: the reader reads the file through the mapping, in its worker; what it read
/// goes to the step (then to the catalogue's list, or back to the step with its problems).
fn apply(
    state: &AppHandle,
    file: &str,
    bytes: crate::catalogue_state::Bytes,
    mapping: String,
    sheet: Option<String>,
    busy: UseStateSetter<bool>,
) {
    let d = state.dispatcher();
    let on_done = {
        let (d, busy) = (d.clone(), busy.clone());
        Callback::from(move |outcome| {
            APPLYING.with(|a| a.borrow_mut().take());
            busy.set(false);
            d.dispatch(Action::Mapping(match outcome {
                worker::Outcome::Read { read, .. } => MappingAction::Applied(read),
                worker::Outcome::Failed { error, .. } => MappingAction::ApplyFailed(error),
                worker::Outcome::NeedsMapping { file, .. }
                | worker::Outcome::Mapping { file, .. } => {
                    MappingAction::ApplyFailed(format!("{file} : illisible"))
                }
            }));
        })
    };
    match worker::start(
        worker::Input::Mapped {
            bytes,
            mapping,
            sheet,
        },
        file.to_string(),
        worker::Options::default(),
        Callback::noop(),
        on_done,
    ) {
        Ok(job) => {
            APPLYING.with(|a| *a.borrow_mut() = Some(job));
            busy.set(true);
        }
        Err(error) => d.dispatch(Action::Mapping(MappingAction::ApplyFailed(error))),
    }
}

#[component]
pub fn MappingPanel(props: &Props) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    // « Appliquer » being read by the reader: the button waits (a second click would only
    // start the same reading again).
    let applying = use_state(|| false);
    let host_problem = s.mapping.host_problem.as_ref().map(|p| {
        html! { <p class="help" data-testid="mapping-host-problem">{ tf(lang, "mapping.host_problem", &[p]) }</p> }
    });
    let body = match &s.mapping.step {
        Some(step) => step_view(props, step, &applying),
        None => match &s.mapping.used {
            Some((file, m))
                if s.catalogue
                    .entry(file)
                    .is_some_and(|e| matches!(e.origin, Origin::Imported | Origin::Kept)) =>
            {
                let on_download = {
                    let state = props.state.clone();
                    let (file, m) = (file.clone(), m.clone());
                    Callback::from(move |_| download(&state, &file, &m))
                };
                html! {
                    <p class="help mapping-used" data-testid="mapping-used">
                        { tf(lang, "mapping.used", &[file]) }
                        { " " }
                        <button type="button" class="link small" data-testid="mapping-download-used" onclick={on_download}>
                            { t(lang, "mapping.download") }
                        </button>
                    </p>
                }
            }
            _ => html! {},
        },
    };
    // Always one element: an empty fragment as a component's root lets Yew lose its place
    // when the report before it appears (« failed to insert node before next sibling »).
    html! { <div class="mapping-panel">{ for host_problem }{ body }</div> }
}

fn step_view(props: &Props, step: &MappingStep, applying: &UseStateHandle<bool>) -> Html {
    let s: &State = &props.state;
    let lang = s.lang;
    let d = props.state.dispatcher();
    let dispatch = move |a: MappingAction| d.dispatch(Action::Mapping(a));
    let m = &step.mapping;
    let table = &step.table;

    let on_column = |header: String| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            dispatch(MappingAction::SetColumn {
                header: header.clone(),
                choice: el.value(),
            });
        })
    };
    let on_value = |field: Column, from: String| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            dispatch(MappingAction::SetValue {
                field,
                from: from.clone(),
                to: el.value(),
            });
        })
    };
    let on_default_select = |field: Column| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            dispatch(MappingAction::SetDefault {
                field,
                value: el.value(),
            });
        })
    };
    let on_default_text = |field: Column| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            dispatch(MappingAction::SetDefault {
                field,
                value: el.value(),
            });
        })
    };
    let on_template = |field: Column| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            dispatch(MappingAction::SetTemplate {
                field,
                value: el.value(),
            });
        })
    };
    let on_apply = {
        let state = props.state.clone();
        let (file, bytes, m) = (step.file.clone(), step.bytes.clone(), m.to_json());
        let sheet = step.sheet.clone();
        let busy = applying.setter();
        Callback::from(move |_| {
            apply(
                &state,
                &file,
                bytes.clone(),
                m.clone(),
                sheet.clone(),
                busy.clone(),
            )
        })
    };
    let on_cancel = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch(MappingAction::Cancel))
    };
    let on_download = {
        let state = props.state.clone();
        let (file, m) = (step.file.clone(), m.clone());
        Callback::from(move |_| download(&state, &file, &m))
    };
    let on_open = {
        let d = props.state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let file = input.files().and_then(|f| f.get(0));
            input.set_value("");
            if let Some(file) = file {
                let d = d.clone();
                let name = file.name();
                wasm_bindgen_futures::spawn_local(async move {
                    let text = match browser::read_text(file).await {
                        Ok(text) => text,
                        Err(error) => {
                            let failed = MappingAction::OpenMappingFailed { file: name, error };
                            return d.dispatch(Action::Mapping(failed));
                        }
                    };
                    // Read by the reader, in its worker.
                    let on_done = {
                        let (d, name) = (d.clone(), name.clone());
                        Callback::from(move |result| {
                            OPENING.with(|o| o.borrow_mut().take());
                            d.dispatch(Action::Mapping(match result {
                                Ok(read) => MappingAction::OpenMapping {
                                    file: name.clone(),
                                    read,
                                },
                                Err(error) => MappingAction::OpenMappingFailed {
                                    file: name.clone(),
                                    error,
                                },
                            }))
                        })
                    };
                    match worker::read_mapping(text, name.clone(), on_done) {
                        Ok(job) => OPENING.with(|o| *o.borrow_mut() = Some(job)),
                        Err(error) => {
                            d.dispatch(Action::Mapping(MappingAction::OpenMappingFailed {
                                file: name,
                                error,
                            }))
                        }
                    }
                });
            }
        })
    };

    // The select of a source column: nothing, keep, a field, or a commune's name/postal code.
    let select = |i: usize, header: &str| {
        let chosen = choice_of(m, header);
        let option = |value: &str, label: String| {
            html! { <option value={value.to_string()} selected={chosen == value}>{ label }</option> }
        };
        html! {
            <select id={format!("mapping-col-{i}")} data-testid={format!("mapping-col-{i}")}
                data-header={header.to_string()}
                aria-label={tf(lang, "mapping.select_label", &[header])}
                onchange={on_column(header.to_string())}>
                { option(CHOICE_NONE, t(lang, "mapping.choice_none").to_string()) }
                { option(CHOICE_KEEP, t(lang, "mapping.choice_keep").to_string()) }
                <optgroup label={t(lang, "mapping.group_required").to_string()}>
                    { for Column::ALL.iter().filter(|c| c.required()).map(|c| option(c.name(), format!("{} ({})", t(lang, &field_key(*c)), c.name()))) }
                </optgroup>
                <optgroup label={t(lang, "mapping.group_place").to_string()}>
                    { option(Column::Departements.name(), format!("{} ({})", t(lang, &field_key(Column::Departements)), Column::Departements.name())) }
                    { option(Column::Communes.name(), format!("{} ({})", t(lang, &field_key(Column::Communes)), Column::Communes.name())) }
                    { option(CHOICE_COMMUNE_NAME, t(lang, "mapping.choice_commune_name").to_string()) }
                    { option(CHOICE_POSTAL_CODE, t(lang, "mapping.choice_postal_code").to_string()) }
                    { option(Column::Establishments.name(), format!("{} ({})", t(lang, &field_key(Column::Establishments)), Column::Establishments.name())) }
                </optgroup>
                <optgroup label={t(lang, "mapping.group_other").to_string()}>
                    { for Column::ALL.iter().filter(|c| !c.required() && !matches!(c, Column::Departements | Column::Communes | Column::Establishments)).map(|c| option(c.name(), format!("{} ({})", t(lang, &field_key(*c)), c.name()))) }
                </optgroup>
            </select>
        }
    };

    // Closed fields read from a column: each distinct value and what it means in Relais.
    let value_maps: Vec<Html> = m
        .fields
        .iter()
        .filter(|(c, _)| mapping::is_closed(*c))
        .filter_map(|(c, r)| {
            let col = r.column.as_deref()?;
            let i = table.header.iter().position(|h| h == col)?;
            let values = table.distinct.get(i)?;
            if values.len() > MAX_DISTINCT {
                return Some(html! {
                    <p class="help" data-testid={format!("mapping-values-{}", c.name())}>{ tf(lang, "mapping.values_too_many", &[col, &MAX_DISTINCT.to_string()]) }</p>
                });
            }
            let codes = mapping::closed_codes(*c);
            Some(html! {
                <fieldset class="mapping-values" data-testid={format!("mapping-values-{}", c.name())}>
                    <legend>{ tf(lang, "mapping.values_legend", &[col, t(lang, &field_key(*c))]) }</legend>
                    <table class="mapping-table">
                        <thead><tr>
                            <th scope="col">{ tf(lang, "mapping.values_source", &[col]) }</th>
                            <th scope="col">{ tf(lang, "mapping.values_relais", &[t(lang, &field_key(*c))]) }</th>
                        </tr></thead>
                        <tbody>
                            { for values.iter().enumerate().map(|(j, v)| {
                                // A value that already is a Relais code shows as that code.
                                let to = r.values.iter().find(|(f, _)| f == v).map(|x| x.1.clone()).unwrap_or_else(|| {
                                    codes.iter().find(|code| relais_core::text::key(code) == relais_core::text::key(v)).map(|c| c.to_string()).unwrap_or_default()
                                });
                                let id = format!("mapping-value-{}-{j}", c.name());
                                html! {
                                    <tr>
                                        <th scope="row"><label for={id.clone()}><code>{ v.clone() }</code></label></th>
                                        <td>
                                            <select id={id.clone()} data-testid={id} data-value={v.clone()} onchange={on_value(*c, v.clone())}>
                                                <option value="" selected={to.is_empty()}>{ t(lang, "mapping.value_as_written") }</option>
                                                { for codes.iter().map(|code| html! {
                                                    <option value={code.to_string()} selected={to == *code}>{ code_label(&s.refdata, lang, *c, code) }</option>
                                                }) }
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </fieldset>
            })
        })
        .collect();

    // What the file lacks: a value for every row (type, milieu, département), ids and titles
    // made of cells.
    let default_of = |c: Column| {
        m.rule(c)
            .and_then(|r| r.default.clone())
            .unwrap_or_default()
    };
    let template_of = |c: Column| {
        m.rule(c)
            .and_then(|r| r.template.clone())
            .unwrap_or_default()
    };
    let has_column = |c: Column| m.rule(c).is_some_and(|r| r.column.is_some());
    let closed_default = |c: Column| {
        let id = format!("mapping-default-{}", c.name());
        let chosen = default_of(c);
        html! {
            <div class="field">
                <label for={id.clone()}>{ t(lang, &field_key(c)) }</label>
                <select id={id.clone()} data-testid={id} onchange={on_default_select(c)}>
                    <option value="" selected={chosen.is_empty()}>{ t(lang, if has_column(c) { "mapping.default_none_column" } else { "mapping.default_none" }) }</option>
                    { for mapping::closed_codes(c).iter().map(|code| html! {
                        <option value={code.to_string()} selected={chosen == *code}>{ code_label(&s.refdata, lang, c, code) }</option>
                    }) }
                </select>
            </div>
        }
    };
    let text_input = |c: Column, value: String, on: Callback<Event>, help: &str, prefix: &str| {
        let id = format!("mapping-{prefix}-{}", c.name());
        let help_id = format!("{id}-help");
        html! {
            <div class="field">
                <label for={id.clone()}>{ t(lang, &field_key(c)) }</label>
                <input type="text" id={id.clone()} data-testid={id} value={value} onchange={on}
                    aria-describedby={help_id.clone()} />
                <p class="help" id={help_id}>{ t(lang, help) }</p>
            </div>
        }
    };

    let communes = match &s.communes {
        Communes::Loading => "loading",
        Communes::Loaded(_) => "loaded",
        Communes::Failed(_) => "failed",
    };
    let errors = step
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    html! {
        <section class="mapping" aria-labelledby="mapping-title" data-testid="mapping-step" data-communes={communes}>
            <h3 id="mapping-title">{ tf(lang, "mapping.title", &[&step.file]) }</h3>
            <p>{ t(lang, "mapping.intro") }</p>
            if let Some(sheet) = &step.sheet {
                <p class="help" data-testid="mapping-sheet">{ tf(lang, "catalogue.report_how", &[sheet]) }</p>
            }
            if let Some(f) = &step.mapping_file {
                <p class="help" data-testid="mapping-opened">{ tf(lang, "mapping.opened", &[f]) }</p>
            }
            if !step.problems.is_empty() {
                <div class={classes!("report", "notice", if step.rejected || errors > 0 { "error" } else { "ok" })}
                    role="alert" data-testid="mapping-problems" data-rejected={step.rejected.to_string()}>
                    if step.rejected {
                        <p><strong>{ t(lang, "mapping.rejected") }</strong></p>
                    }
                    <ul>
                        { for step.problems.iter().take(20).map(|p| html! {
                            <li>{ p.to_string() }</li>
                        }) }
                    </ul>
                    if step.problems.len() > 20 {
                        <p class="help">{ tf(lang, "mapping.more_problems", &[&(step.problems.len() - 20).to_string()]) }</p>
                    }
                </div>
            }
            <div class="table-wrap">
                <table class="mapping-table" data-testid="mapping-columns">
                    <caption>{ tf(lang, "mapping.columns_caption", &[&table.header.len().to_string()]) }</caption>
                    <thead><tr>
                        <th scope="col">{ t(lang, "mapping.col_source") }</th>
                        <th scope="col">{ t(lang, "mapping.col_samples") }</th>
                        <th scope="col">{ t(lang, "mapping.col_field") }</th>
                    </tr></thead>
                    <tbody>
                        { for table.header.iter().enumerate().map(|(i, h)| {
                            let samples: Vec<String> = table.distinct.get(i).map(|v| v.iter().take(3).cloned().collect()).unwrap_or_default();
                            html! {
                                <tr data-testid={format!("mapping-row-{i}")}>
                                    <th scope="row">
                                        <span class="mapping-letter">{ column_letter(i + 1) }</span>{ " " }
                                        <label for={format!("mapping-col-{i}")}>{ if h.is_empty() { t(lang, "mapping.no_header").to_string() } else { h.clone() } }</label>
                                    </th>
                                    <td class="mapping-samples">
                                        if samples.is_empty() {
                                            <span class="muted">{ t(lang, "mapping.empty_column") }</span>
                                        } else {
                                            { for samples.into_iter().map(|v| html! { <code>{ v }</code> }) }
                                        }
                                    </td>
                                    <td>{ select(i, h) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            { for value_maps }
            <fieldset class="mapping-defaults" data-testid="mapping-defaults">
                <legend>{ t(lang, "mapping.defaults_legend") }</legend>
                <p class="help">{ t(lang, "mapping.defaults_help") }</p>
                <div class="mapping-grid">
                    { closed_default(Column::Type) }
                    { closed_default(Column::Milieu) }
                    { text_input(Column::Departements, default_of(Column::Departements), on_default_text(Column::Departements), "mapping.default_departements_help", "default") }
                    if !has_column(Column::Id) {
                        { text_input(Column::Id, template_of(Column::Id), on_template(Column::Id), "mapping.template_id_help", "template") }
                    }
                    if !has_column(Column::Title) {
                        { text_input(Column::Title, template_of(Column::Title), on_template(Column::Title), "mapping.template_title_help", "template") }
                    }
                </div>
            </fieldset>
            <div class="buttons mapping-buttons">
                <button type="button" class="primary" data-testid="mapping-apply" onclick={on_apply}
                    disabled={**applying} aria-busy={applying.to_string()}>{ t(lang, "mapping.apply") }</button>
                <button type="button" class="secondary" data-testid="mapping-download" onclick={on_download}>{ t(lang, "mapping.download") }</button>
                <input type="file" id="mapping-open" class="file-input" data-testid="mapping-open"
                    accept=".json,application/json" onchange={on_open} aria-describedby="mapping-open-help" />
                <label for="mapping-open" class="button-like secondary-like">{ t(lang, "mapping.open") }</label>
                <button type="button" class="link" data-testid="mapping-cancel" onclick={on_cancel}>{ t(lang, "mapping.cancel") }</button>
            </div>
            <p class="help" id="mapping-open-help">{ t(lang, "mapping.open_help") }</p>
        </section>
    }
}
