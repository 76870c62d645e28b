//! The JSON reader: a list of offers (or an object holding one), duplicate keys, limits.

use super::cells::json_cell;
use super::loaded::{with_converted, Loaded};
use super::rows::load_records;
use crate::limits::MAX_ROWS;
use crate::problem::Problem;
use crate::refdata::RefData;
use std::collections::HashSet;

pub(super) fn load_json(text: &str, file: &str, refdata: &RefData) -> Loaded {
    let mut loaded = Loaded {
        encoding: "UTF-8",
        ..Loaded::default()
    };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            loaded.problems.push(
                Problem::error(file, e.line(), format!("JSON illisible : {e}")).column(e.column()),
            );
            return loaded;
        }
    };
    // data·inclusion services in several lists of one object (`{"lille": […], "auteuil": […]}`).
    let services: Option<Vec<serde_json::Value>> = match &value {
        serde_json::Value::Object(o)
            if !["offres", "offers", "catalogue"]
                .iter()
                .any(|k| o.contains_key(*k)) =>
        {
            crate::datainclusion::lists_in_object(o)
        }
        _ => None,
    };
    let list = match &value {
        _ if services.is_some() => services.as_deref().unwrap_or_default(),
        serde_json::Value::Array(a) => a.as_slice(),
        serde_json::Value::Object(o) => {
            match ["offres", "offers", "catalogue"]
                .iter()
                .find_map(|k| o.get(*k))
            {
                Some(serde_json::Value::Array(a)) => a.as_slice(),
                _ => {
                    loaded.problems.push(Problem::error(file, 1, "le JSON doit être une liste d'offres, ou un objet avec une liste « offres »"));
                    return loaded;
                }
            }
        }
        _ => &[],
    };
    // Duplicate keys: serde_json kept the last value in silence. The entry is not loaded: which
    // of the two values was meant cannot be known, and one may be a restriction.
    let mut skip = HashSet::new();
    for d in crate::jsonkeys::duplicate_keys(text) {
        let (line, tail) = match d.entry {
            Some(n) => {
                skip.insert(n);
                (n, " ; cette entrée n'est pas chargée")
            }
            None => (1, ""),
        };
        let message = format!("{}{tail}", crate::jsonkeys::describe(&d));
        loaded
            .problems
            .push(Problem::error(file, line, message).field(d.key.clone()));
    }
    if list.len() > MAX_ROWS {
        loaded.problems.push(Problem::error(file, MAX_ROWS.saturating_add(1), format!(
            "{} entrées, au-delà de la limite de {MAX_ROWS} offres par fichier : les entrées {} à {} ne sont pas chargées ; découper le catalogue en plusieurs fichiers",
            list.len(),
            MAX_ROWS.saturating_add(1),
            list.len()
        )));
    }
    let list = list.get(..MAX_ROWS).unwrap_or(list);
    if crate::distructures::looks_like(list) {
        loaded.problems.push(Problem::error(file, 1, format!(
            "fichier de structures data·inclusion ({} structures) et non de services : aucune offre ; le donner avec le fichier de services (relais … --catalogue SERVICES --structures {file}) pour nommer leurs organisations",
            list.len()
        )));
        return loaded;
    }
    if crate::datainclusion::looks_like(list) {
        let l = crate::datainclusion::load_services_skipping(list, &skip, file, refdata);
        return with_converted(loaded, l);
    }
    if crate::soliguide::looks_like(list) {
        let mut c = crate::soliguide::records(list, &skip, file, refdata);
        let mut l = load_records(c.records, file, refdata);
        l.problems.append(&mut c.problems);
        for o in &mut l.offers {
            if let Some(code) = c.communes.remove(&o.line) {
                o.communes = vec![code];
            }
        }
        return with_converted(loaded, l);
    }
    let mut records = Vec::new();
    for (n, item) in list.iter().enumerate() {
        let line = n.saturating_add(1);
        if skip.contains(&line) {
            continue;
        }
        let Some(obj) = item.as_object() else {
            let message = format!("l'entrée n°{line} n'est pas un objet");
            loaded.problems.push(Problem::error(file, line, message));
            continue;
        };
        records.push((
            line,
            obj.iter().map(|(k, v)| (k.clone(), json_cell(v))).collect(),
        ));
    }
    let mut rest = load_records(records, file, refdata);
    loaded.problems.append(&mut rest.problems);
    loaded
        .problems
        .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
    loaded.offers = rest.offers;
    loaded
}
