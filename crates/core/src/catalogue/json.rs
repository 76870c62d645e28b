//! The JSON reader: a list of offers (or an object holding one), duplicate keys, limits.
//!
//! A list at the top (a national data·inclusion export: tens of thousands of services, about
//! 90 MB) is read as a stream: each entry is parsed, handed to the reader of its format and
//! dropped, so that no tree of the whole file is ever built (it took about 8× the file).

use super::cells::json_cell;
use super::loaded::{with_converted, Loaded};
use super::rows::{load_records, RowLoader};
use crate::datainclusion::ServiceReader;
use crate::limits::MAX_ROWS;
use crate::problem::Problem;
use crate::refdata::RefData;
use serde::de::{SeqAccess, Visitor};
use serde::Deserializer as _;
use serde_json::Value;
use std::collections::HashSet;

/// Entries looked at to tell the list's format (each format's `looks_like` reads the first
/// five objects).
const SNIFF: usize = 16;

pub(super) fn load_json(text: &str, file: &str, refdata: &RefData) -> Loaded {
    let mut loaded = Loaded {
        encoding: "UTF-8",
        ..Loaded::default()
    };
    // Duplicate keys: serde_json keeps the last value in silence. The entry is not loaded:
    // which of the two values was meant cannot be known, and one may be a restriction.
    let mut skip = HashSet::new();
    let mut duplicates = Vec::new();
    for d in crate::jsonkeys::duplicate_keys(text) {
        let (line, tail) = match d.entry {
            Some(n) => {
                skip.insert(n);
                (n, " ; cette entrée n'est pas chargée")
            }
            None => (1, ""),
        };
        let message = format!("{}{tail}", crate::jsonkeys::describe(&d));
        duplicates.push(Problem::error(file, line, message).field(d.key.clone()));
    }
    let mut entries = Entries::new(file, refdata, &skip);
    let read = if text.starts_with('[') {
        stream_list(text, &mut entries)
    } else {
        whole_object(text, &mut entries)
    };
    match read {
        Ok(Ok(())) => {}
        Ok(Err(p)) => {
            loaded.problems.push(p);
            return loaded;
        }
        Err(e) => {
            loaded.problems.push(
                Problem::error(file, e.line(), format!("JSON illisible : {e}")).column(e.column()),
            );
            return loaded;
        }
    }
    loaded.problems = duplicates;
    entries.finish(loaded)
}

/// A list at the top, entry by entry.
fn stream_list(
    text: &str,
    entries: &mut Entries,
) -> Result<Result<(), Problem>, serde_json::Error> {
    struct List<'s, 'a>(&'s mut Entries<'a>);
    impl<'de> Visitor<'de> for List<'_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("une liste d'offres")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while let Some(v) = seq.next_element::<Value>()? {
                self.0.push(v);
            }
            Ok(())
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_seq(List(entries))?;
    de.end()?;
    Ok(Ok(()))
}

/// An object at the top: `{"offres": […]}`, or data·inclusion services in several lists of one
/// object (`{"lille": […], "auteuil": […]}`). Read whole: such files are small.
fn whole_object(
    text: &str,
    entries: &mut Entries,
) -> Result<Result<(), Problem>, serde_json::Error> {
    const KEYS: [&str; 3] = ["offres", "offers", "catalogue"];
    let value: Value = serde_json::from_str(text)?;
    let Value::Object(mut o) = value else {
        return Ok(Err(not_a_list(entries.file)));
    };
    let list = match KEYS.iter().find_map(|k| o.remove(*k)) {
        Some(Value::Array(a)) => a,
        Some(_) => return Ok(Err(not_a_list(entries.file))),
        None => match crate::datainclusion::lists_in_object(&o) {
            Some(all) => all,
            None => return Ok(Err(not_a_list(entries.file))),
        },
    };
    for v in list {
        entries.push(v);
    }
    Ok(Ok(()))
}

fn not_a_list(file: &str) -> Problem {
    Problem::error(
        file,
        1,
        "le JSON doit être une liste d'offres, ou un objet avec une liste « offres »",
    )
}

/// What the entries are, told from the first ones.
enum Kind<'a> {
    Undecided(Vec<Value>),
    /// data·inclusion structures, not services: only counted, for the message.
    Structures,
    Services(Box<ServiceReader<'a>>),
    /// Soliguide places: read together (places and their services cross-refer).
    Soliguide(Vec<Value>),
    /// The contract's offers.
    Offers(Box<RowLoader<'a>>),
}

/// The entries of the list as they come: counted, sniffed, handed to their format's reader.
struct Entries<'a> {
    file: &'a str,
    refdata: &'a RefData,
    skip: &'a HashSet<usize>,
    count: usize,
    kind: Kind<'a>,
    problems: Vec<Problem>,
}

impl<'a> Entries<'a> {
    fn new(file: &'a str, refdata: &'a RefData, skip: &'a HashSet<usize>) -> Self {
        Entries {
            file,
            refdata,
            skip,
            count: 0,
            kind: Kind::Undecided(Vec::new()),
            problems: Vec::new(),
        }
    }

    fn push(&mut self, v: Value) {
        self.count = self.count.saturating_add(1);
        // Past the limit, entries are only counted (and dropped at once).
        if self.count > MAX_ROWS {
            return;
        }
        if let Kind::Undecided(buffer) = &mut self.kind {
            buffer.push(v);
            if buffer.len() >= SNIFF {
                self.decide();
            }
            return;
        }
        self.take(self.count, v);
    }

    fn decide(&mut self) {
        let Kind::Undecided(buffer) = std::mem::replace(&mut self.kind, Kind::Structures) else {
            return;
        };
        self.kind = if crate::distructures::looks_like(&buffer) {
            Kind::Structures
        } else if crate::datainclusion::looks_like(&buffer) {
            Kind::Services(Box::new(ServiceReader::new(self.file, self.refdata)))
        } else if crate::soliguide::looks_like(&buffer) {
            Kind::Soliguide(Vec::new())
        } else {
            Kind::Offers(Box::new(RowLoader::new(self.file, self.refdata)))
        };
        for (n, v) in buffer.into_iter().enumerate() {
            self.take(n.saturating_add(1), v);
        }
    }

    /// Entry number `line`, once the format is known.
    fn take(&mut self, line: usize, v: Value) {
        match &mut self.kind {
            Kind::Undecided(_) | Kind::Structures => {}
            // Soliguide's reader numbers and skips the entries itself.
            Kind::Soliguide(list) => list.push(v),
            _ if self.skip.contains(&line) => {}
            Kind::Services(reader) => reader.push(line, &v),
            Kind::Offers(rows) => match v {
                Value::Object(obj) => rows.push_record(
                    line,
                    obj.into_iter().map(|(k, v)| (k, json_cell(&v))).collect(),
                ),
                _ => self.problems.push(Problem::error(
                    self.file,
                    line,
                    format!("l'entrée n°{line} n'est pas un objet"),
                )),
            },
        }
    }

    fn finish(mut self, mut loaded: Loaded) -> Loaded {
        if matches!(self.kind, Kind::Undecided(_)) {
            self.decide();
        }
        let (file, refdata) = (self.file, self.refdata);
        if self.count > MAX_ROWS {
            loaded.problems.push(Problem::error(file, MAX_ROWS.saturating_add(1), format!(
                "{} entrées, au-delà de la limite de {MAX_ROWS} offres par fichier : les entrées {} à {} ne sont pas chargées ; découper le catalogue en plusieurs fichiers",
                self.count,
                MAX_ROWS.saturating_add(1),
                self.count
            )));
        }
        loaded.problems.append(&mut self.problems);
        match self.kind {
            Kind::Undecided(_) => loaded,
            Kind::Structures => {
                loaded.problems.push(Problem::error(file, 1, format!(
                    "fichier de structures data·inclusion ({} structures) et non de services : aucune offre ; le donner avec le fichier de services (relais … --catalogue SERVICES --structures {file}) pour nommer leurs organisations",
                    self.count.min(MAX_ROWS)
                )));
                loaded
            }
            Kind::Services(reader) => with_converted(loaded, reader.finish()),
            Kind::Soliguide(list) => {
                let mut c = crate::soliguide::records(&list, self.skip, file, refdata);
                drop(list);
                let mut l = load_records(c.records, file, refdata);
                l.problems.append(&mut c.problems);
                for o in &mut l.offers {
                    if let Some(code) = c.communes.remove(&o.line) {
                        o.edit_lists(|l| l.communes = vec![code.into()]);
                    }
                }
                with_converted(loaded, l)
            }
            Kind::Offers(rows) => {
                let mut rest = rows.finish();
                loaded.problems.append(&mut rest.problems);
                loaded
                    .problems
                    .sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
                loaded.offers = rest.offers;
                loaded
            }
        }
    }
}
