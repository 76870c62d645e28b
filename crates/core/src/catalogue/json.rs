//! The JSON reader: a list of offers (or an object holding one), duplicate keys, limits.
//!
//! A list at the top (a national data·inclusion export: tens of thousands of services, about
//! 90 MB) is read as a stream: each entry is parsed, handed to the reader of its format and
//! dropped, so that no tree of the whole file is ever built (it took about 8× the file).

use super::loaded::{with_converted, Loaded};
use super::rows::{load_records, RowLoader};
use crate::datainclusion::ServiceReader;
use crate::jsonkeys::{Key, Node};
use crate::limits::MAX_ROWS;
use crate::problem::Problem;
use crate::refdata::RefData;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserializer as _;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashSet;

/// Entries looked at to tell the list's format (each format's `looks_like` reads the first
/// five objects).
const SNIFF: usize = 16;

pub(super) fn load_json(text: &str, file: &str, refdata: &RefData) -> Loaded {
    let mut loaded = Loaded {
        encoding: "UTF-8",
        ..Loaded::default()
    };
    let list_at_top = text.trim_start().starts_with('[');
    let scan = crate::jsonkeys::scan(text);
    let entry_lines = EntryLines::new(&scan, list_at_top);
    // Duplicate keys: serde_json keeps the last value in silence. The entry is not loaded:
    // which of the two values was meant cannot be known, and one may be a restriction.
    let mut skip = HashSet::new();
    let mut duplicates = Vec::new();
    for d in &scan.duplicates {
        let (line, tail) = match d.item.and_then(|i| entry_lines.entry(i)) {
            Some(n) => {
                skip.insert(n);
                (n, " ; cette entrée n'est pas chargée")
            }
            None => (1, ""),
        };
        let message = format!("{}{tail}", crate::jsonkeys::describe(d));
        duplicates.push(Problem::error(file, line, message).field(d.key.clone()));
    }
    drop(scan);
    let mut entries = Entries::new(file, refdata, &skip);
    let read = if list_at_top {
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
    let mut loaded = entries.finish(loaded);
    entry_lines.to_file_lines(&mut loaded);
    loaded
}

/// The readers number a JSON file's entries (1, 2, …, across the lists read, in the order of
/// the file); the counsellor and the association read lines. Each entry's number becomes the
/// line where it starts, so « ligne 5 970 » opens on the service it names — unless entries
/// share lines (a file on one line), where the number is kept.
struct EntryLines {
    /// The lists the loader reads, by their index in the scan, and the entries before each.
    used: Vec<(usize, usize)>,
    /// The line where each entry starts, entry n at n − 1; empty when entries share lines.
    lines: Vec<usize>,
}

impl EntryLines {
    fn new(scan: &crate::jsonkeys::Scan, list_at_top: bool) -> Self {
        let wanted: Vec<usize> = if list_at_top {
            scan.lists
                .iter()
                .position(|l| l.key.is_none())
                .into_iter()
                .collect()
        } else {
            // As `whole_object` reads it: the first of its keys, else every list in order.
            let keyed = OBJECT_KEYS
                .iter()
                .find_map(|k| scan.lists.iter().position(|l| l.key.as_deref() == Some(*k)));
            match keyed {
                Some(i) => vec![i],
                None => (0..scan.lists.len()).collect(),
            }
        };
        let mut used = Vec::new();
        let mut lines = Vec::new();
        for i in wanted {
            if let Some(l) = scan.lists.get(i) {
                used.push((i, lines.len()));
                lines.extend_from_slice(&l.starts);
            }
        }
        // A file written on one line (a Soliguide dump) starts every entry on line 1: there
        // the entry's number says more, and stays.
        if lines.windows(2).any(|w| w.first() >= w.last()) {
            lines = Vec::new();
        }
        EntryLines { used, lines }
    }

    /// The loader's entry number of item `item` (1-based) of list `list`.
    fn entry(&self, (list, item): (usize, usize)) -> Option<usize> {
        let before = self.used.iter().find(|(i, _)| *i == list)?.1;
        Some(before.saturating_add(item))
    }

    fn line(&self, entry: usize) -> Option<usize> {
        self.lines.get(entry.checked_sub(1)?).copied()
    }

    fn to_file_lines(&self, loaded: &mut Loaded) {
        for p in &mut loaded.problems {
            // Line 1 with one of these fields sums up the whole file: not an entry.
            let summary = p.line == 1
                && matches!(
                    p.field.as_deref(),
                    Some(
                        "milieu"
                            | crate::datainclusion::REPORT_FIELD
                            | crate::distructures::STRUCTURE_FIELD
                    )
                );
            if !summary {
                if let Some(l) = self.line(p.line) {
                    p.line = l;
                }
            }
        }
        for o in &mut loaded.offers {
            if let Some(l) = self.line(o.line) {
                o.line = l;
            }
        }
    }
}

/// A list at the top, entry by entry.
fn stream_list<'t>(
    text: &'t str,
    entries: &mut Entries<'_, 't>,
) -> Result<Result<(), Problem>, serde_json::Error> {
    struct List<'s, 'a, 't>(&'s mut Entries<'a, 't>);
    impl<'t> Visitor<'t> for List<'_, '_, 't> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("une liste d'offres")
        }
        fn visit_seq<A: SeqAccess<'t>>(self, mut seq: A) -> Result<(), A::Error> {
            // Each entry is read as its format's reader takes it: nodes borrowing the text,
            // Soliguide's values, or nothing when it is only counted.
            loop {
                let more = match self.0.wants() {
                    Want::Node => seq.next_element::<Node<'t>>()?.map(|n| self.0.push(n)),
                    Want::Value => seq.next_element::<Value>()?.map(|v| self.0.push_value(v)),
                    Want::Count => seq.next_element::<IgnoredAny>()?.map(|_| self.0.count()),
                };
                if more.is_none() {
                    return Ok(());
                }
            }
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_seq(List(entries))?;
    de.end()?;
    Ok(Ok(()))
}

/// The keys of an object at the top that hold the list of offers, in this order.
const OBJECT_KEYS: [&str; 3] = ["offres", "offers", "catalogue"];

/// An object at the top: `{"offres": […]}`, or data·inclusion services in several lists of one
/// object (`{"lille": […], "auteuil": […]}`), read in the order of the file (as `EntryLines`
/// numbers them). Read whole: such files are small.
fn whole_object<'t>(
    text: &'t str,
    entries: &mut Entries<'_, 't>,
) -> Result<Result<(), Problem>, serde_json::Error> {
    struct Ordered;
    impl<'t> Visitor<'t> for Ordered {
        type Value = Option<Vec<(Cow<'t, str>, Node<'t>)>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("une liste d'offres")
        }
        fn visit_map<A: MapAccess<'t>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut pairs = Vec::new();
            while let Some((Key(k), v)) = map.next_entry::<Key<'t>, Node<'t>>()? {
                pairs.push((k, v));
            }
            Ok(Some(pairs))
        }
        fn visit_seq<A: SeqAccess<'t>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let pairs = de.deserialize_any(Ordered)?;
    de.end()?;
    let Some(mut pairs) = pairs else {
        return Ok(Err(not_a_list(entries.file)));
    };
    let keyed = OBJECT_KEYS
        .iter()
        .find_map(|k| pairs.iter().position(|(key, _)| key == k));
    let list = match keyed.map(|i| pairs.swap_remove(i).1) {
        Some(Node::List(a)) => a,
        Some(_) => return Ok(Err(not_a_list(entries.file))),
        None => match crate::datainclusion::lists_in_object(pairs.into_iter().map(|(_, v)| v)) {
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
enum Kind<'a, 't> {
    Undecided(Vec<Node<'t>>),
    /// data·inclusion structures, not services: only counted, for the message.
    Structures,
    Services(Box<ServiceReader<'a>>),
    /// Soliguide places: read together (places and their services cross-refer).
    Soliguide(Vec<Value>),
    /// The contract's offers.
    Offers(Box<RowLoader<'a>>),
}

/// How the next entry of a list is to be read.
enum Want {
    Node,
    Value,
    Count,
}

/// The entries of the list as they come: counted, sniffed, handed to their format's reader.
struct Entries<'a, 't> {
    file: &'a str,
    refdata: &'a RefData,
    skip: &'a HashSet<usize>,
    count: usize,
    kind: Kind<'a, 't>,
    problems: Vec<Problem>,
}

impl<'a, 't> Entries<'a, 't> {
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

    /// How the next entry is read: past the limit, or in a structures file, it is only
    /// counted.
    fn wants(&self) -> Want {
        match self.kind {
            _ if self.count >= MAX_ROWS => Want::Count,
            Kind::Structures => Want::Count,
            Kind::Soliguide(_) => Want::Value,
            _ => Want::Node,
        }
    }

    /// One more entry, not read.
    fn count(&mut self) {
        self.count = self.count.saturating_add(1);
    }

    fn push(&mut self, v: Node<'t>) {
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

    /// A Soliguide entry, read as a `Value` (its reader's).
    fn push_value(&mut self, v: Value) {
        self.count = self.count.saturating_add(1);
        if self.count > MAX_ROWS {
            return;
        }
        // Asked for (`wants`) once the entries are known to be Soliguide's only.
        if let Kind::Soliguide(list) = &mut self.kind {
            list.push(v);
        }
    }

    fn decide(&mut self) {
        let Kind::Undecided(buffer) = std::mem::replace(&mut self.kind, Kind::Structures) else {
            return;
        };
        // The formats' sniffers read values; sixteen entries at most.
        let values: Vec<Value> = buffer.iter().map(Node::to_value).collect();
        self.kind = if crate::distructures::looks_like(&values) {
            Kind::Structures
        } else if crate::datainclusion::looks_like(&values) {
            Kind::Services(Box::new(ServiceReader::new(self.file, self.refdata)))
        } else if crate::soliguide::looks_like(&values) {
            // Its reader reads values: those of the first entries, already made.
            self.kind = Kind::Soliguide(values);
            return;
        } else {
            Kind::Offers(Box::new(RowLoader::new(self.file, self.refdata)))
        };
        drop(values);
        for (n, v) in buffer.into_iter().enumerate() {
            self.take(n.saturating_add(1), v);
        }
    }

    /// Entry number `line`, once the format is known.
    fn take(&mut self, line: usize, v: Node<'t>) {
        match &mut self.kind {
            Kind::Undecided(_) | Kind::Structures => {}
            // Soliguide's reader numbers and skips the entries itself.
            Kind::Soliguide(list) => list.push(v.to_value()),
            _ if self.skip.contains(&line) => {}
            Kind::Services(reader) => reader.push(line, &v),
            Kind::Offers(rows) => match v {
                Node::Object(obj) => rows.push_record(
                    line,
                    obj.into_pairs().map(|(k, v)| (k, v.into_cell())).collect(),
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
