//! The app's components. They render [`State`](crate::state::State) and dispatch
//! [`Action`](crate::state::Action)s; nothing else.
//!
//! Stable hooks for end-to-end tests (`data-testid`):
//! - header: `profile-save`, `profile-open` (the file input), `profile-error`, `reset-profile`,
//!   `lang-switch`
//! - profile: `situation-dedans`, `situation-dehors`, `establishment-input`, `release-date`,
//!   `release-departement`, `residence-departement`, `measure-<code>`, `banned-place-input`,
//!   `banned-place-add`, `banned-activity-<code>`, `curfew-input`, `curfew-preset-ddse`,
//!   `curfew-preset-semi-liberte`, `record-b2-oui`, `record-b2-non`, `record-b2-inconnu`,
//!   `record-b3-oui`, `record-b3-non`, `record-b3-inconnu`, `skill-input`, `skill-add`,
//!   `sector-input`, `sector-add`, `has-<code>`, `obligation-<code>`
//!   (`<code>`: the vocabulary codes of `data/vocabulaire.csv`)
//! - results: `results-now`, `results-after` (sections), `offer-<id>` (each fitting offer's
//!   card, with `data-score`), `excluded-now`, `excluded-after` (the `<details>`),
//!   `excluded-<horizon>-<id>` (`<horizon>`: `now` or `after`), `filter-type`, `filter-sector`,
//!   `sheet-add-<id>` (checkbox on each card)
//! - sheet: `sheet`, `sheet-note`, `sheet-print`, `sheet-save`
//! - catalogue (`catalogue`, with `data-source` `seed|hosted|imported|kept` and `data-count` on
//!   `catalogue-summary`): `catalogue-import` (the file input), `catalogue-drop`,
//!   `catalogue-keep`, `catalogue-default`, `catalogue-export-csv`, `catalogue-export-di`,
//!   `catalogue-template`, `catalogue-template-columns`, `import-report` (with `data-outcome`
//!   `used|rejected|spreadsheet|unreadable|cancelled`), `import-progress` (while the worker
//!   reads a file, with `data-phase` `read|check|receive`), `import-cancel`, `import-problems` (rows with `data-line`,
//!   `data-column`, `data-field`, `data-severity`), `import-stale`, `stale-<id>`,
//!   `catalogue-problems`, `catalogue-stale`, `hosting-note`; header: `host` (name, logo,
//!   contact from `relais.config.json`), `nav-catalogue`; on a result card: `stale-badge`
//! - mapping step (`mapping-step`, in the catalogue panel): `mapping-columns`, `mapping-row-<i>`,
//!   `mapping-col-<i>` (the select of column `<i>`, 0-based, with `data-header`),
//!   `mapping-values-<field>`, `mapping-value-<field>-<j>` (with `data-value`),
//!   `mapping-defaults`, `mapping-default-<field>`, `mapping-template-<field>`, `mapping-apply`,
//!   `mapping-download`, `mapping-open` (file input), `mapping-opened`, `mapping-cancel`,
//!   `mapping-problems` (with `data-rejected`); after « Appliquer »: `mapping-used`,
//!   `mapping-download-used`
//! - « Sur cet ordinateur » (`device`): `device-state`, `device-save`, `device-open`,
//!   `device-wipe` (buttons that open their form), `device-pass`, `device-confirm`,
//!   `device-save-submit`, `device-open-submit`, `device-wipe-confirm`, `device-message`
//! - workshop: `workshop-toggle` (header), `workshop` (its `<main>`), `ws-dedans`, `ws-dehors`,
//!   `ws-place`, `ws-sector`, `ws-type`, `ws-list`, `ws-item-<id>`, `ws-area-clear`, `ws-slide`
//!   (with `data-offer`), `ws-prev`, `ws-next`, `ws-overview`, `ws-pos`, `map`,
//!   `map-dept-<code>` and `map-region-<code>` (with `data-count`)
//!
//! A card of an offer that fits in both horizons appears in both sections: scope look-ups to
//! `results-now` or `results-after`. The profile shows the fields of its situation only:
//! `establishment-input`, `release-date` and `release-departement` for *dedans*,
//! `residence-departement` for *dehors* (values of hidden fields are kept). `results-after`
//! exists for a person *dedans* only. Errors next to fields have the id `<field id>-error`
//! (`establishment-error`, `banned-place-error`, `curfew-error`, `sector-error`…).

pub mod app;
pub mod catalogue;
pub mod device;
pub mod fields;
pub mod lists;
pub mod map;
pub mod mapping;
pub mod markdown;
pub mod profile_form;
pub mod results;
pub mod sheet;
pub mod workshop;

use crate::state::State;
use yew::UseReducerHandle;

/// What every component receives: the state, and the way to dispatch actions to it.
pub type AppHandle = UseReducerHandle<State>;

pub use app::App;
