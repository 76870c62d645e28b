//! The layers of relais-core, as ARCHITECTURE.md writes them: a module may use only modules of
//! a lower layer, so that no two modules depend on each other. Read from the sources, as the
//! i18n test reads them: every `crate::a::b` and `super::b` path outside the `#[cfg(test)]`
//! part of a file is an edge.

use std::collections::BTreeMap;
use std::path::Path;

/// Lowest first. A module (a file: `catalogue/rows.rs` is `catalogue::rows`, a `mod.rs` is its
/// directory) uses only modules of the layers before its own.
const LAYERS: &[&[&str]] = &[
    // Text and limits: no knowledge of the domain.
    &["text", "limits", "jsonkeys", "lang", "order"],
    &["vocabulary", "date", "problem", "markdown", "xml"],
    // Hours: the reader, the weekly schedule, then how it is said.
    &["hours::read"],
    &["schedule"],
    &["hours::words"],
    &["hours"],
    // The model, the reference data, places as typed.
    &["model", "regulated_jobs"],
    &["refdata"],
    &["places"],
    // Catalogue parts (one cell, the columns, bytes to text, a load's result), job titles,
    // freshness.
    &[
        "catalogue::cells",
        "catalogue::columns",
        "catalogue::decode",
        "catalogue::loaded",
        "appellations",
        "freshness",
        "details",
        "handover",
    ],
    // A row to an offer; an offer back to cells.
    &["catalogue::rows", "catalogue::export"],
    // Input formats other than the contract's CSV and JSON: records for `rows`.
    // data·inclusion structures (joined with services), then the readers that use them.
    &["distructures"],
    &["datainclusion", "soliguide"],
    &["lheo"],
    // Column mappings: a table's own columns to the contract's (recognising the formats above).
    &["mapping"],
    // The contract's readers, which also recognise the formats above.
    &["catalogue::csv", "catalogue::json"],
    // Loading a file, whatever its format.
    &["catalogue"],
    // A catalogue prepared for ranking (codes as numbers).
    &["prepared"],
    // What uses a loaded catalogue and a profile.
    &["matching", "validation", "synthetic", "merge"],
    // The plain reading of the rules the prepared pass is tested against.
    &["matching::reference"],
    &["explain"],
];

/// The module a source file is, from its path under `src/`.
fn module_of(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let parts: Vec<&str> = match parts.last().map(String::as_str) {
        Some("mod") => parts[..parts.len() - 1]
            .iter()
            .map(String::as_str)
            .collect(),
        _ => parts.iter().map(String::as_str).collect(),
    };
    parts.join("::")
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>, root: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out, root);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((module_of(rel), text));
        }
    }
}

/// The path segments after `prefix` (`crate::catalogue::rows::x` → `catalogue`, `rows`, `x`).
fn segments_after<'a>(line: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    let mut found = Vec::new();
    for (i, _) in line.match_indices(prefix) {
        // `crate::` inside a longer word (`my_crate::`) is not a crate path; `$crate::` is.
        let before = line[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &line[i + prefix.len()..];
        let mut segs = Vec::new();
        for seg in rest.split("::") {
            let name: &str = &seg[..seg
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(seg.len())];
            if name.is_empty() {
                break;
            }
            segs.push(name);
            if name.len() != seg.len() {
                break;
            }
        }
        found.push(segs);
    }
    found
}

/// The modules a file uses, each with the line that uses it.
fn uses(module: &str, text: &str, known: &BTreeMap<String, usize>) -> Vec<(String, String)> {
    let resolve = |base: Vec<&str>, segs: &[&str]| -> Option<String> {
        let mut path: Vec<&str> = base;
        let mut best = None;
        for s in segs {
            path.push(s);
            let name = path.join("::");
            if known.contains_key(&name) {
                best = Some(name);
            }
        }
        best
    };
    let parent: Vec<&str> = {
        let mut p: Vec<&str> = module.split("::").collect();
        p.pop();
        p
    };
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        for segs in segments_after(code, "crate::") {
            if let Some(m) = resolve(Vec::new(), &segs) {
                out.push((m, code.to_string()));
            }
        }
        for segs in segments_after(code, "super::") {
            if let Some(m) = resolve(parent.clone(), &segs).or_else(|| {
                let p = parent.join("::");
                known.contains_key(&p).then_some(p)
            }) {
                out.push((m, code.to_string()));
            }
        }
    }
    out
}

/// The app's layers (the Yew app at the repository's root, `src/`): the view model, what
/// turns results into what is shown, the reducer's parts, the reducer, then the components
/// (one unit: they compose each other).
const APP_LAYERS: &[&[&str]] = &[
    &["i18n", "browser", "panic"],
    &["view"],
    &["present"],
    &["sheet"],
    &["storage"],
    &["workshop"],
    // The catalogues' own state and reducer, then the mapping step's, which hands the file it
    // loads to the catalogues (through `state`).
    &["catalogue_state"],
    &["mapping_state"],
    // The catalogue reader's Web Worker: reads as `catalogue_state` does, used by components.
    &["worker"],
    &["state"],
    &["components", "main"],
];

/// Uses against the app's order not broken yet, each (from, to). Empty: the catalogue and
/// mapping reducers take their own part of the state, `state` delegates to them. The list may
/// only shrink.
const APP_KNOWN: &[(&str, &str)] = &[];

/// Every use against `layers` in the sources under `root`, but the `known` ones; and how many
/// uses were read. Modules under a name of `units` count as that one module.
fn check(
    root: &Path,
    layers: &[&[&str]],
    known: &[(&str, &str)],
    units: &[&str],
) -> (Vec<String>, usize) {
    let mut files = Vec::new();
    sources(root, &mut files, root);
    let unit = |m: &str| -> String {
        units
            .iter()
            .find(|u| m == **u || m.starts_with(&format!("{u}::")))
            .map_or_else(|| m.to_string(), |u| u.to_string())
    };
    let mut rank: BTreeMap<String, usize> = BTreeMap::new();
    for (i, layer) in layers.iter().enumerate() {
        for m in *layer {
            rank.insert(m.to_string(), i);
        }
    }
    let mut wrong = Vec::new();
    let mut edges = 0;
    let mut seen_known = std::collections::BTreeSet::new();
    for (module, text) in &files {
        if module == "lib" {
            continue;
        }
        let module = unit(module);
        let Some(&mine) = rank.get(&module) else {
            wrong.push(format!(
                "{module}: in no layer; add it to the layers in crates/core/tests/layers.rs and to the layer order of ARCHITECTURE.md"
            ));
            continue;
        };
        for (used, line) in uses(&module, text, &rank) {
            let used = unit(&used);
            if used == module {
                continue;
            }
            edges += 1;
            let pair = (module.as_str(), used.as_str());
            if let Some(k) = known.iter().find(|k| **k == pair) {
                seen_known.insert(*k);
                continue;
            }
            if rank[&used] >= mine {
                wrong.push(format!(
                    "{module} (layer {mine}) uses {used} (layer {}): {line}",
                    rank[&used]
                ));
            }
        }
    }
    // A listed exception that no longer happens is taken off the list: it only shrinks.
    for k in known.iter().filter(|k| !seen_known.contains(*k)) {
        wrong.push(format!(
            "{} → {}: listed as still against the order but gone; take it off the list",
            k.0, k.1
        ));
    }
    (wrong, edges)
}

#[test]
fn every_core_module_uses_only_lower_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (wrong, edges) = check(&root, LAYERS, &[], &[]);
    assert!(
        wrong.is_empty(),
        "edges against the layer order:\n{}",
        wrong.join("\n")
    );
    assert!(edges > 100, "{edges} uses found");
}

#[test]
fn every_app_module_uses_only_lower_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let (wrong, edges) = check(&root, APP_LAYERS, APP_KNOWN, &["components"]);
    assert!(
        wrong.is_empty(),
        "edges against the app's layer order:\n{}",
        wrong.join("\n")
    );
    assert!(edges > 30, "{edges} uses found");
}

#[test]
fn the_reader_sees_an_edge_against_the_order() {
    // The test above cannot pass by reading nothing: an upward use is found.
    let mut known = BTreeMap::new();
    known.insert("text".to_string(), 0);
    known.insert("catalogue".to_string(), 1);
    known.insert("catalogue::rows".to_string(), 1);
    known.insert("catalogue::cells".to_string(), 1);
    let found = uses(
        "catalogue::rows",
        "use super::cells::split_list;\nlet x = crate::text::fold(s);\n// crate::catalogue in a comment\n#[cfg(test)]\nuse crate::catalogue::load;",
        &known,
    );
    let names: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(names, ["catalogue::cells", "text"]);
}
