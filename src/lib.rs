//! Relais in the browser: the counsellor's flow (profile, results now and after release,
//! orientation sheet) over the Relais core. Nothing leaves the browser.

pub mod browser;
pub mod catalogue_state;
pub mod components;
pub mod i18n;
pub mod mapping_state;
pub mod panic;
pub mod present;
pub mod sheet;
pub mod state;
pub mod storage;
pub mod view;
pub mod worker;
pub mod workshop;

/// Mount the app on `<body>` (the catalogue reader's worker runs a module of its own,
/// `crates/reader`).
pub fn run() {
    panic::install();
    yew::Renderer::<components::App>::new().render();
}
