//! `relais match` over a CSV catalogue of any size (issue 16: 1M offers within 2 GB).
//!
//! The whole-file path reads the file, loads every offer, matches them all and then words
//! the result. Here the file is read block by block (a block is a record: one line, or
//! several when a quoted cell holds line breaks), the blocks are loaded by the core's own
//! reader in chunks of a few thousand rows (each chunk is the header followed by its rows,
//! verbatim and on their own lines, so every check, message and line number is the core's),
//! each chunk is matched with
//! [`match_prepared`] and dropped: only the match result (scores, ids, reasons as data) and,
//! for the offers shown, their title and organisation are kept (in the listing, those ruled
//! out too: it names them).
//!
//! What crosses chunks:
//! - **`suite` links**: a first pass over the file (ids and `suite` cells only) finds every
//!   row that names a `suite` or is named by one, grouped so that no link leaves a group
//!   (union-find); the groups, packed into chunks, are loaded and matched at the end, so that
//!   links are checked and scored exactly as in one file.
//!   Matching an offer depends on no other offer but through `suite`, so the other chunks
//!   give the same result alone.
//! - **Duplicate ids**: all rows sharing an id go to the same group; an id already loaded in
//!   an earlier chunk is reported with the core's message and the row is not loaded.
//!
//! Problems are printed as each chunk is read (sorted within a chunk; those of the linked rows
//! last), the header's once. JSON and LHEO catalogues, workbooks, a `--mapping` (the id
//! column is the mapping's) and `--structures` stay on the whole-file path.

use relais_core::catalogue::{self, Column, Problem};
use relais_core::mapping::Mapping;
use relais_core::matching::{match_prepared, HorizonResult, MatchResult};
use relais_core::model::{Code, Milieu, Offer, OfferType, Profile};
use relais_core::prepared::Prepared;
use relais_core::refdata::RefData;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use time::Date;

/// Rows loaded and matched at once by default: a few MB of offers.
pub const ROWS_PER_CHUNK: usize = 20_000;

/// A block longer than this (an unclosed quote) is cut: the core reports what it reads.
const MAX_BLOCK_BYTES: usize = 16 * 1024 * 1024;

/// Can this file be read as a stream? A CSV (not JSON, XML, UTF-16 or a workbook), given
/// without a mapping.
pub fn streamable(file: &str) -> bool {
    let mut head = [0u8; 512];
    let n = std::fs::File::open(file)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = head.get(..n).unwrap_or_default();
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return false;
    }
    if head.starts_with(b"PK") || head.starts_with(b"\xD0\xCF\x11\xE0") {
        return false;
    }
    let start = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    n > 0 && !matches!(start, Some(b'[' | b'{' | b'<'))
}

/// What the output needs: the merged result, and the offers it shows by title (fits and
/// beyond), cut to what is printed.
pub struct Streamed {
    pub result: MatchResult,
    pub shown: HashMap<String, Offer>,
    /// The offers ruled out, by id: title and organisation only (the listing names them;
    /// a whole offer each would hold most of a large catalogue).
    pub excluded_names: HashMap<Code, (Code, Code)>,
    pub offers: usize,
    pub problems: usize,
}

/// Records of a file, each with its first line (1-based).
struct Blocks<R> {
    r: BufReader<R>,
    line: usize,
}

impl<R: Read> Iterator for Blocks<R> {
    type Item = std::io::Result<(usize, Vec<u8>)>;
    fn next(&mut self) -> Option<Self::Item> {
        let first = self.line;
        let mut block = Vec::new();
        let mut quotes = 0usize;
        loop {
            let before = block.len();
            match self.r.read_until(b'\n', &mut block) {
                Err(e) => return Some(Err(e)),
                Ok(0) => break,
                Ok(_) => {
                    self.line += 1;
                    let added = block.get(before..).unwrap_or_default();
                    quotes += added.iter().filter(|&&b| b == b'"').count();
                    if quotes.is_multiple_of(2) || block.len() > MAX_BLOCK_BYTES {
                        break;
                    }
                }
            }
        }
        (!block.is_empty()).then_some(Ok((first, block)))
    }
}

fn blocks(file: &str) -> Result<Blocks<std::fs::File>, String> {
    let f = std::fs::File::open(file).map_err(|e| format!("{file} : lecture impossible ({e})"))?;
    Ok(Blocks {
        r: BufReader::with_capacity(1 << 20, f),
        line: 1,
    })
}

/// The rows of a block (usually one), as text.
fn rows(block: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(block);
    r.byte_records()
        .filter_map(Result::ok)
        .map(|rec| {
            rec.iter()
                .map(|f| catalogue::decode(f).0.trim().to_string())
                .collect()
        })
        .collect()
}

/// `suite` cells are lists as the core splits them.
fn targets(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([',', '|', '\n'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// The file's header block and what the streaming needs from it.
struct Header {
    bytes: Vec<u8>,
    lines: usize,
    delimiter: u8,
    id: usize,
    suite: Option<usize>,
}

fn header(file: &str) -> Result<Option<Header>, String> {
    let Some(first) = blocks(file)?.next() else {
        return Ok(None);
    };
    let (_, mut bytes) = first.map_err(|e| format!("{file} : lecture impossible ({e})"))?;
    let text = catalogue::decode(&bytes).0;
    let delimiter = catalogue::detect_delimiter(&text);
    let names = rows(&bytes, delimiter)
        .into_iter()
        .next()
        .unwrap_or_default();
    let column = |c: Column| {
        names
            .iter()
            .position(|n| Column::from_header(n.trim_start_matches('\u{feff}')) == Some(c))
    };
    let Some(id) = column(Column::Id) else {
        return Ok(None);
    };
    let suite = column(Column::ContinuesAs);
    let lines = bytes.iter().filter(|&&b| b == b'\n').count().max(1);
    if !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    Ok(Some(Header {
        bytes,
        lines,
        delimiter,
        id,
        suite,
    }))
}

/// Rows waiting to be loaded: the header, then blocks, each on its line of the file (the
/// lines between hold a space: the reader counts them and skips them as empty rows), so that
/// every line the core names, in a problem or in its message (« déjà utilisé ligne 13 »), is
/// the file's.
struct Chunk {
    bytes: Vec<u8>,
    rows: usize,
    next_line: usize,
    header_lines: usize,
}

impl Chunk {
    fn new(h: &Header) -> Chunk {
        Chunk {
            bytes: h.bytes.clone(),
            rows: 0,
            next_line: h.lines + 1,
            header_lines: h.lines,
        }
    }
    fn push(&mut self, line: usize, block: &[u8]) {
        while self.next_line < line {
            self.bytes.extend_from_slice(b" \n");
            self.next_line += 1;
        }
        self.bytes.extend_from_slice(block);
        if !block.ends_with(b"\n") {
            self.bytes.push(b'\n');
        }
        self.next_line += block.iter().filter(|&&b| b == b'\n').count().max(1);
        self.rows += 1;
    }
}

/// Match a profile against a CSV catalogue read as a stream; problems are printed to stderr
/// as they are found. `None`: the file cannot be streamed (no `id` column found): the caller
/// takes the whole-file path, which reports why.
#[allow(clippy::too_many_arguments)]
pub fn match_file(
    file: &str,
    profile: &Profile,
    rd: &RefData,
    today: Date,
    rows_per_chunk: usize,
    themes: &[&str],
    mapping: Option<&Mapping>,
    names_of_excluded: bool,
    mut report: impl FnMut(&Problem),
) -> Result<Option<Streamed>, String> {
    let Some(h) = header(file)? else {
        return Ok(None);
    };
    let read_error = |e: std::io::Error| format!("{file} : lecture impossible ({e})");
    // First pass: which ids a `suite` links (both ends), in groups that no link leaves.
    let mut links = Links::default();
    if let Some(s) = h.suite {
        for b in blocks(file)?.skip(1) {
            let (_, block) = b.map_err(read_error)?;
            let rows = rows(&block, h.delimiter);
            let linked_row = |row: &Vec<String>| {
                targets(row.get(s).map(String::as_str).unwrap_or_default())
                    .next()
                    .is_some()
            };
            // Rows of one block (a stray quote may join lines) stay together.
            let Some(first) = rows.iter().find(|r| linked_row(r)) else {
                continue;
            };
            let first = links.id(first.get(h.id).map(String::as_str).unwrap_or_default());
            for row in &rows {
                let id = links.id(row.get(h.id).map(String::as_str).unwrap_or_default());
                links.join(first, id);
                for t in targets(row.get(s).map(String::as_str).unwrap_or_default()) {
                    let t = links.id(t);
                    links.join(first, t);
                }
            }
        }
    }
    let bins = links.bins(rows_per_chunk.max(1));
    let mut out = Streamed {
        result: MatchResult::default(),
        shown: HashMap::new(),
        excluded_names: HashMap::new(),
        offers: 0,
        problems: 0,
    };
    let mut state = State {
        file,
        profile,
        rd,
        today,
        themes,
        mapping,
        seen: HashMap::new(),
        header_said: false,
        id_column: h.id + 1,
        names_of_excluded,
    };
    let mut chunk = Chunk::new(&h);
    let mut linked: Vec<Chunk> = (0..bins.count).map(|_| Chunk::new(&h)).collect();
    for b in blocks(file)?.skip(1) {
        let (line, block) = b.map_err(read_error)?;
        let bin = if links.ids.is_empty() {
            None
        } else {
            rows(&block, h.delimiter)
                .iter()
                .find_map(|r| r.get(h.id).and_then(|id| bins.of(&mut links, id)))
        };
        match bin.and_then(|b| linked.get_mut(b)) {
            Some(c) => c.push(line, &block),
            None => {
                chunk.push(line, &block);
                if chunk.rows >= rows_per_chunk.max(1) {
                    let full = std::mem::replace(&mut chunk, Chunk::new(&h));
                    state.chunk(full, true, &mut out, &mut report);
                }
            }
        }
    }
    if chunk.rows > 0 || linked.is_empty() {
        state.chunk(chunk, true, &mut out, &mut report);
    }
    for c in linked {
        state.chunk(c, false, &mut out, &mut report);
    }
    out.result.now.sort();
    if let Some(a) = out.result.after_release.as_mut() {
        a.sort();
    }
    Ok(Some(out))
}

/// Ids joined by `suite` links (union-find): each group is loaded and matched in one chunk.
#[derive(Default)]
struct Links {
    ids: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl Links {
    fn id(&mut self, id: &str) -> usize {
        if let Some(&i) = self.ids.get(id) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.ids.insert(id.to_string(), i);
        i
    }
    fn root(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            // Path halving.
            let gp = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = gp;
            }
            i = gp;
        }
        i
    }
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            if let Some(slot) = self.parent.get_mut(rb) {
                *slot = ra;
            }
        }
    }
    /// Groups packed into chunks of about `rows` ids (a larger group is a chunk alone).
    fn bins(&mut self, rows: usize) -> Bins {
        let n = self.parent.len();
        let mut size = vec![0usize; n];
        for i in 0..n {
            let r = self.root(i);
            if let Some(s) = size.get_mut(r) {
                *s += 1;
            }
        }
        let mut bin_of = vec![usize::MAX; n];
        let (mut count, mut filled) = (0usize, 0usize);
        for (r, &s) in size.iter().enumerate() {
            if s == 0 {
                continue;
            }
            if count == 0 || (filled > 0 && filled + s > rows) {
                count += 1;
                filled = 0;
            }
            filled += s;
            if let Some(b) = bin_of.get_mut(r) {
                *b = count - 1;
            }
        }
        Bins { bin_of, count }
    }
}

struct Bins {
    /// By group root.
    bin_of: Vec<usize>,
    count: usize,
}

impl Bins {
    fn of(&self, links: &mut Links, id: &str) -> Option<usize> {
        let i = *links.ids.get(id)?;
        let r = links.root(i);
        self.bin_of.get(r).copied()
    }
}

struct State<'a> {
    file: &'a str,
    profile: &'a Profile,
    rd: &'a RefData,
    today: Date,
    themes: &'a [&'a str],
    mapping: Option<&'a Mapping>,
    /// Ids loaded from the chunks of unlinked rows, with their line.
    seen: HashMap<String, usize>,
    header_said: bool,
    id_column: usize,
    /// The listing names the offers ruled out too (the JSON gives their id only, and keeping
    /// them would hold most of a large catalogue).
    names_of_excluded: bool,
}

impl State<'_> {
    fn chunk(
        &mut self,
        chunk: Chunk,
        check_ids: bool,
        out: &mut Streamed,
        report: &mut impl FnMut(&Problem),
    ) {
        let mut loaded = catalogue::load_mapped(&chunk.bytes, self.file, self.rd, self.mapping);
        let mut problems = Vec::new();
        for p in std::mem::take(&mut loaded.problems) {
            if p.line <= chunk.header_lines && self.header_said {
                continue;
            }
            problems.push(p);
        }
        self.header_said = true;
        let mut offers = Vec::with_capacity(loaded.offers.len());
        for o in loaded.offers {
            if check_ids {
                if let Some(first) = self.seen.get(o.id.as_str()) {
                    let message = format!("identifiant « {} » déjà utilisé ligne {first} : chaque offre doit avoir un id unique ; cette ligne n'est pas chargée", o.id);
                    problems.push(
                        Problem::error(self.file, o.line, message)
                            .column(self.id_column)
                            .field("id"),
                    );
                    continue;
                }
                self.seen.insert(o.id.to_string(), o.line);
            }
            offers.push(o);
        }
        problems.sort_by_key(|p| (p.line, p.column.unwrap_or(0)));
        for p in &problems {
            report(p);
        }
        out.problems += problems.len();
        if !self.themes.is_empty() {
            offers.retain(|o| {
                self.themes
                    .iter()
                    .any(|t| relais_core::details::has_theme(o, t))
            });
        }
        out.offers += offers.len();
        // Each chunk is prepared for ranking, matched, and dropped with its offers.
        let prepared = Prepared::new(&offers, self.rd);
        let r = match_prepared(self.profile, &offers, &prepared, self.rd, self.today);
        drop(prepared);
        let by_id: HashMap<&str, &Offer> = offers.iter().map(|o| (o.id.as_str(), o)).collect();
        let mut keep = |id: &str| {
            if let Some(o) = by_id.get(id) {
                out.shown.insert(id.to_string(), shown(o));
            }
        };
        for h in std::iter::once(&r.now).chain(r.after_release.as_ref()) {
            h.fits.iter().for_each(|f| keep(&f.id));
            h.beyond.iter().for_each(|b| keep(&b.id));
            if self.names_of_excluded {
                for x in &h.excluded {
                    if let Some(o) = by_id.get(x.id.as_str()) {
                        out.excluded_names
                            .insert(o.id.clone(), (o.title.clone(), o.organisation.clone()));
                    }
                }
            }
        }
        append(&mut out.result.now, r.now);
        if let Some(a) = r.after_release {
            append(
                out.result
                    .after_release
                    .get_or_insert_with(HorizonResult::default),
                a,
            );
        }
    }
}

/// The offers ruled out of `ids` as the listing names them (title and organisation).
pub fn excluded_offers<'a>(s: &Streamed, ids: impl Iterator<Item = &'a str>) -> Vec<Offer> {
    ids.filter_map(|id| {
        let (k, (title, organisation)) = s.excluded_names.get_key_value(id)?;
        Some(shown_parts(k, title, organisation))
    })
    .collect()
}

/// An offer cut to what the output shows of it: id, title, organisation, source.
fn shown(o: &Offer) -> Offer {
    let mut x = shown_parts(&o.id, &o.title, &o.organisation);
    if let Some(s) = relais_core::details::get(o, relais_core::details::SOURCE) {
        x.extra
            .insert(relais_core::details::SOURCE.to_string(), s.to_string());
    }
    x.line = o.line;
    x.kind = o.kind;
    x.milieu = o.milieu;
    x
}

/// An offer that is only its id, title and organisation (kind and milieu are not shown).
fn shown_parts(id: &Code, title: &Code, organisation: &Code) -> Offer {
    Offer {
        id: id.clone(),
        title: title.clone(),
        organisation: organisation.clone(),
        extra: Default::default(),
        line: 0,
        kind: OfferType::Formation,
        milieu: Milieu::Dehors,
        anywhere: false,
        lists: Default::default(),
        measures: Default::default(),
        schedule_text: Default::default(),
        schedule: None,
        record: None,
        start: None,
        end: None,
        seats: None,
        checked: None,
    }
}

fn append(into: &mut HorizonResult, from: HorizonResult) {
    into.fits.extend(from.fits);
    into.excluded.extend(from.excluded);
    into.beyond.extend(from.beyond);
}

/// The result as JSON (FORMATS.md §3, the shape of `relais match --json`), written item by
/// item: the sentences of a few hundred items at a time, never the whole text.
pub fn write_json(
    out: &mut impl std::io::Write,
    streamed: &Streamed,
    explain: &relais_core::explain::Explain,
) -> std::io::Result<()> {
    let r = &streamed.result;
    write!(out, "{{\n\"now\": ")?;
    write_horizon(out, &r.now, streamed, explain)?;
    if let Some(a) = &r.after_release {
        write!(out, ",\n\"after_release\": ")?;
        write_horizon(out, a, streamed, explain)?;
    }
    writeln!(out, "\n}}")
}

/// Items worded at once when the output is written.
pub const BATCH: usize = 500;

/// Part of a horizon in words.
pub fn words(
    explain: &relais_core::explain::Explain,
    part: HorizonResult,
) -> relais_core::explain::HorizonText {
    explain
        .result(&MatchResult {
            now: part,
            after_release: None,
        })
        .now
}

fn write_horizon(
    out: &mut impl std::io::Write,
    h: &HorizonResult,
    streamed: &Streamed,
    explain: &relais_core::explain::Explain,
) -> std::io::Result<()> {
    let source = |id: &str| {
        streamed
            .shown
            .get(id)
            .and_then(|o| relais_core::details::get(o, relais_core::details::SOURCE))
    };
    let item = |out: &mut dyn std::io::Write, first: bool, v: serde_json::Value| {
        out.write_all(if first { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(out, &v).map_err(std::io::Error::other)
    };
    let with_source = |mut v: serde_json::Value, id: &str| {
        if let (Some(s), Some(obj)) = (source(id), v.as_object_mut()) {
            obj.insert("source".into(), serde_json::Value::String(s.into()));
        }
        v
    };
    let words = |part: HorizonResult| words(explain, part);
    write!(out, "{{\"fits\": [")?;
    for (n, batch) in h.fits.chunks(BATCH).enumerate() {
        let t = words(HorizonResult {
            fits: batch.to_vec(),
            ..HorizonResult::default()
        });
        for (i, f) in t.fits.iter().enumerate() {
            item(out, n == 0 && i == 0, with_source(value(f), &f.id))?;
        }
    }
    write!(out, "],\n\"excluded\": [")?;
    for (n, batch) in h.excluded.chunks(BATCH).enumerate() {
        let t = words(HorizonResult {
            excluded: batch.to_vec(),
            ..HorizonResult::default()
        });
        for (i, x) in t.excluded.iter().enumerate() {
            item(out, n == 0 && i == 0, with_source(value(x), &x.id))?;
        }
    }
    write!(out, "],\n\"beyond\": [")?;
    for (n, batch) in h.beyond.chunks(BATCH).enumerate() {
        let t = words(HorizonResult {
            beyond: batch.to_vec(),
            ..HorizonResult::default()
        });
        for (i, b) in t.beyond.iter().enumerate() {
            item(out, n == 0 && i == 0, with_source(value(b), &b.id))?;
        }
    }
    write!(out, "]}}")
}

/// An item as a JSON value (a failure gives `null`: the items are plain data).
fn value<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}
