//! The hand-over: offers and problems as one compact binary buffer, from the catalogue reader's
//! worker (`crates/reader`) to the page, which decodes it straight into [`Offer`]s in its own
//! wasm — no JavaScript string, no CSV read again (issue 10: memory within ~5× the file).
//!
//! A job's offers cross in chunks (one chunk is decoded by the page in one task): an
//! [`Encoder`] and a [`Decoder`] each keep, across the chunks of one job, the table of hours
//! already sent, so that hours written the same way by ten thousand offers cross once and are
//! shared again (`Arc<Schedule>`) on the page, as the reader shared them.
//!
//! Format, version [`VERSION`] (integers as unsigned LEB128, « varint »; signed ones zigzagged):
//!
//! ```text
//! chunk    := "RLHO" version:u8  n:varint hours*n  n:varint problem*n  n:varint offer*n
//! hours    := text:str  0 | 1 schedule          (appended to the job's table of hours)
//! schedule := n:varint (start:varint end:varint)*n  state:u8  unplaced:strs pending:strs notes:strs
//! problem  := file:str line:varint column:opt(varint) field:opt(str) severity:u8 message:str
//! offer    := id organisation title:str kind:u8 milieu:u8 establishments departements:strs
//!             anywhere:u8 communes sectors skills skill_keys:strs measures:(n:varint u8*n)
//!             hours:varint (0: none written, k: entry k−1 of the table) regulated:strs
//!             record:opt(u8) prerequisites:strs start end:opt(date) seats:opt(varint)
//!             checked:opt(date) continues_as:strs contact description:str zone:strs
//!             extra:(n:varint (str str)*n) line:varint
//! str      := len:varint utf8*len      strs := n:varint str*n
//! opt(x)   := 0 | 1 x                  date := julian day, zigzag varint
//! ```
//!
//! Decoding never panics and never allocates more than the bytes justify: every count is
//! checked against the bytes left (each item takes at least one byte) before anything is
//! reserved, every string is checked as UTF-8, every code and index against its range.

use crate::model::{Code, Measure, Milieu, Offer, OfferLists, OfferType, RecordRequirement};
use crate::problem::{Problem, Severity};
use crate::schedule::{HoursState, Schedule, Span};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;
use time::Date;

/// The first bytes of every chunk.
pub const MAGIC: [u8; 4] = *b"RLHO";
/// The format's version: a page and a reader of different builds refuse each other's chunks.
pub const VERSION: u8 = 1;
/// A week, in minutes: the end of the last span.
const WEEK: u32 = 7 * 24 * 60;

/// What a chunk carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chunk {
    pub problems: Vec<Problem>,
    pub offers: Vec<Offer>,
}

/// Why a chunk could not be read: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoverError {
    /// Byte offset in the chunk.
    pub at: usize,
    pub what: &'static str,
}

impl fmt::Display for HandoverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "offres reçues du lecteur illisibles (octet {}) : {}",
            self.at, self.what
        )
    }
}

impl std::error::Error for HandoverError {}

// ---------------------------------------------------------------------------------------------
// Encoding.

/// An entry of the job's table of hours: its index, and the schedule read from its text.
type Entry = (usize, Option<Arc<Schedule>>);

/// Writes the chunks of one job; remembers the hours already sent.
#[derive(Default)]
pub struct Encoder {
    /// Hours text → the entries of the table with that text (the same text read into another
    /// schedule by another reader gets an entry of its own: nothing is merged that differs).
    sent: HashMap<Code, Vec<Entry>>,
    entries: usize,
}

impl Encoder {
    pub fn new() -> Encoder {
        Encoder::default()
    }

    /// One chunk: these problems and offers, with the hours not sent before.
    pub fn chunk(&mut self, problems: &[Problem], offers: &[Offer]) -> Vec<u8> {
        // The hours first: their table entries, new ones written ahead of the offers.
        let mut new_hours = Vec::new();
        let mut refs = Vec::with_capacity(offers.len());
        for o in offers {
            if o.schedule_text.is_empty() && o.schedule.is_none() {
                refs.push(0);
                continue;
            }
            let list = self.sent.entry(o.schedule_text.clone()).or_default();
            let found = list.iter().find(|(_, s)| match (s, &o.schedule) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
                (None, None) => true,
                _ => false,
            });
            let index = match found {
                Some((i, _)) => *i,
                None => {
                    let i = self.entries;
                    self.entries += 1;
                    list.push((i, o.schedule.clone()));
                    new_hours.push((o.schedule_text.as_str(), o.schedule.as_deref()));
                    i
                }
            };
            refs.push(index + 1);
        }
        let mut w = Vec::with_capacity(64 + offers.len() * 160);
        w.extend_from_slice(&MAGIC);
        w.push(VERSION);
        varint(&mut w, new_hours.len() as u64);
        for (text, schedule) in new_hours {
            string(&mut w, text);
            match schedule {
                None => w.push(0),
                Some(s) => {
                    w.push(1);
                    put_schedule(&mut w, s);
                }
            }
        }
        varint(&mut w, problems.len() as u64);
        for p in problems {
            put_problem(&mut w, p);
        }
        varint(&mut w, offers.len() as u64);
        for (o, hours) in offers.iter().zip(refs) {
            put_offer(&mut w, o, hours);
        }
        w
    }
}

/// One chunk, for a job of one chunk.
pub fn encode(problems: &[Problem], offers: &[Offer]) -> Vec<u8> {
    Encoder::new().chunk(problems, offers)
}

fn varint(w: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            w.push(byte);
            return;
        }
        w.push(byte | 0x80);
    }
}

fn string(w: &mut Vec<u8>, s: &str) {
    varint(w, s.len() as u64);
    w.extend_from_slice(s.as_bytes());
}

fn strings<S: AsRef<str>>(w: &mut Vec<u8>, list: &[S]) {
    varint(w, list.len() as u64);
    for s in list {
        string(w, s.as_ref());
    }
}

fn date(w: &mut Vec<u8>, d: Option<Date>) {
    match d {
        None => w.push(0),
        Some(d) => {
            w.push(1);
            let j = i64::from(d.to_julian_day());
            varint(w, ((j << 1) ^ (j >> 63)) as u64);
        }
    }
}

fn index_of<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).unwrap_or(0) as u8
}

fn state_code(s: HoursState) -> u8 {
    match s {
        HoursState::Known => 0,
        HoursState::Partial => 1,
        HoursState::ToConfirm => 2,
        HoursState::Unreadable => 3,
    }
}

fn put_schedule(w: &mut Vec<u8>, s: &Schedule) {
    varint(w, s.spans.len() as u64);
    for span in &s.spans {
        varint(w, u64::from(span.start));
        varint(w, u64::from(span.end));
    }
    w.push(state_code(s.state));
    strings(w, &s.unplaced);
    strings(w, &s.pending);
    strings(w, &s.notes);
}

fn put_problem(w: &mut Vec<u8>, p: &Problem) {
    string(w, &p.file);
    varint(w, p.line as u64);
    match p.column {
        None => w.push(0),
        Some(c) => {
            w.push(1);
            varint(w, c as u64);
        }
    }
    match &p.field {
        None => w.push(0),
        Some(f) => {
            w.push(1);
            string(w, f);
        }
    }
    w.push(match p.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    });
    string(w, &p.message);
}

fn put_offer(w: &mut Vec<u8>, o: &Offer, hours: usize) {
    string(w, &o.id);
    string(w, &o.organisation);
    string(w, &o.title);
    w.push(index_of(OfferType::ALL, &o.kind));
    w.push(index_of(Milieu::ALL, &o.milieu));
    strings(w, o.establishments());
    strings(w, o.departements());
    w.push(u8::from(o.anywhere));
    strings(w, o.communes());
    strings(w, o.sectors());
    strings(w, o.skills());
    strings(w, o.folded_skills());
    varint(w, o.measures.len() as u64);
    for m in &o.measures {
        w.push(index_of(Measure::ALL, m));
    }
    varint(w, hours as u64);
    strings(w, o.regulated());
    match o.record {
        None => w.push(0),
        Some(r) => {
            w.push(1);
            w.push(index_of(RecordRequirement::ALL, &r));
        }
    }
    strings(w, o.prerequisites());
    date(w, o.start);
    date(w, o.end);
    match o.seats {
        None => w.push(0),
        Some(s) => {
            w.push(1);
            varint(w, u64::from(s));
        }
    }
    date(w, o.checked);
    strings(w, o.continues_as());
    string(w, o.contact());
    string(w, o.description());
    strings(w, o.zone_eligibilite());
    varint(w, o.extra.len() as u64);
    for (k, v) in &o.extra {
        string(w, k);
        string(w, v);
    }
    varint(w, o.line as u64);
}

// ---------------------------------------------------------------------------------------------
// Decoding.

/// Reads the chunks of one job, in order; keeps the hours already received.
#[derive(Default)]
pub struct Decoder {
    hours: Vec<(Code, Option<Arc<Schedule>>)>,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// One chunk. An error, never a panic, whatever the bytes; the chunk is then lost whole.
    pub fn chunk(&mut self, bytes: &[u8]) -> Result<Chunk, HandoverError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(r.error_at(0, "ce n'est pas un envoi du lecteur de catalogues"));
        }
        if r.byte()? != VERSION {
            return Err(r.error_at(
                MAGIC.len(),
                "version inconnue : la page et le lecteur ne sont pas de la même version, recharger la page",
            ));
        }
        let n = r.count(2)?;
        self.hours.reserve(n);
        for _ in 0..n {
            let text = r.code()?;
            let schedule = match r.byte()? {
                0 => None,
                1 => Some(Arc::new(r.schedule()?)),
                _ => return Err(r.error("horaires mal marqués")),
            };
            self.hours.push((text, schedule));
        }
        let n = r.count(MIN_PROBLEM)?;
        let mut problems = Vec::with_capacity(n);
        for _ in 0..n {
            problems.push(r.problem()?);
        }
        let n = r.count(MIN_OFFER)?;
        let mut offers = Vec::with_capacity(n);
        for _ in 0..n {
            offers.push(r.offer(&self.hours)?);
        }
        if r.at != bytes.len() {
            return Err(r.error("octets en trop après la dernière offre"));
        }
        Ok(Chunk { problems, offers })
    }
}

/// One chunk, for a job of one chunk.
pub fn decode(bytes: &[u8]) -> Result<Chunk, HandoverError> {
    Decoder::new().chunk(bytes)
}

/// The fewest bytes a problem takes (empty file, line, no column, no field, severity, empty
/// message) and an offer (every field at its shortest).
const MIN_PROBLEM: usize = 6;
const MIN_OFFER: usize = 27;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &'static str) -> HandoverError {
        HandoverError { at: self.at, what }
    }

    fn error_at(&self, at: usize, what: &'static str) -> HandoverError {
        HandoverError { at, what }
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], HandoverError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or_else(|| self.error("longueur impossible"))?;
        let out = self
            .bytes
            .get(self.at..end)
            .ok_or_else(|| self.error("envoi coupé avant la fin"))?;
        self.at = end;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, HandoverError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| self.error("envoi coupé avant la fin"))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, HandoverError> {
        let start = self.at;
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(self.error_at(start, "nombre trop grand"));
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.error_at(start, "nombre trop long"))
    }

    fn usize(&mut self) -> Result<usize, HandoverError> {
        let at = self.at;
        usize::try_from(self.varint()?).map_err(|_| self.error_at(at, "nombre trop grand"))
    }

    fn u32(&mut self) -> Result<u32, HandoverError> {
        let at = self.at;
        u32::try_from(self.varint()?).map_err(|_| self.error_at(at, "nombre trop grand"))
    }

    /// A count of items taking at least `min` bytes each, checked against the bytes left.
    fn count(&mut self, min: usize) -> Result<usize, HandoverError> {
        let at = self.at;
        let n = self.usize()?;
        if n > self.left() / min.max(1) {
            return Err(self.error_at(at, "plus d'éléments annoncés que l'envoi n'en contient"));
        }
        Ok(n)
    }

    fn flag(&mut self) -> Result<bool, HandoverError> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.error_at(self.at - 1, "marque autre que 0 ou 1")),
        }
    }

    fn string(&mut self) -> Result<String, HandoverError> {
        let n = self.count(1)?;
        let at = self.at;
        let raw = self.take(n)?;
        std::str::from_utf8(raw)
            .map(str::to_owned)
            .map_err(|_| self.error_at(at, "texte qui n'est pas de l'UTF-8"))
    }

    fn strings(&mut self) -> Result<Vec<String>, HandoverError> {
        let n = self.count(1)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.string()?);
        }
        Ok(out)
    }

    fn code(&mut self) -> Result<Code, HandoverError> {
        let n = self.count(1)?;
        let at = self.at;
        let raw = self.take(n)?;
        std::str::from_utf8(raw)
            .map(Code::new)
            .map_err(|_| self.error_at(at, "texte qui n'est pas de l'UTF-8"))
    }

    fn codes(&mut self) -> Result<Vec<Code>, HandoverError> {
        let n = self.count(1)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.code()?);
        }
        Ok(out)
    }

    fn pick<T: Copy>(&mut self, all: &[T]) -> Result<T, HandoverError> {
        let b = self.byte()?;
        all.get(usize::from(b))
            .copied()
            .ok_or_else(|| self.error_at(self.at - 1, "code inconnu"))
    }

    fn date(&mut self) -> Result<Option<Date>, HandoverError> {
        if !self.flag()? {
            return Ok(None);
        }
        let at = self.at;
        let z = self.varint()?;
        let j = ((z >> 1) as i64) ^ -((z & 1) as i64);
        let j = i32::try_from(j).map_err(|_| self.error_at(at, "date impossible"))?;
        Date::from_julian_day(j)
            .map(Some)
            .map_err(|_| self.error_at(at, "date impossible"))
    }

    fn schedule(&mut self) -> Result<Schedule, HandoverError> {
        let n = self.count(2)?;
        let mut spans = Vec::with_capacity(n);
        for _ in 0..n {
            let at = self.at;
            let start = self.u32()?;
            let end = self.u32()?;
            if start >= end || end > WEEK {
                return Err(self.error_at(at, "plage d'horaires hors de la semaine"));
            }
            spans.push(Span { start, end });
        }
        let state = match self.byte()? {
            0 => HoursState::Known,
            1 => HoursState::Partial,
            2 => HoursState::ToConfirm,
            3 => HoursState::Unreadable,
            _ => return Err(self.error_at(self.at - 1, "état d'horaires inconnu")),
        };
        Ok(Schedule {
            spans,
            state,
            unplaced: self.strings()?,
            pending: self.strings()?,
            notes: self.strings()?,
        })
    }

    fn problem(&mut self) -> Result<Problem, HandoverError> {
        let file = self.string()?;
        let line = self.usize()?;
        let column = if self.flag()? {
            Some(self.usize()?)
        } else {
            None
        };
        let field = if self.flag()? {
            Some(self.string()?)
        } else {
            None
        };
        let severity = self.pick(&[Severity::Error, Severity::Warning])?;
        Ok(Problem {
            file,
            line,
            column,
            field,
            severity,
            message: self.string()?,
        })
    }

    fn offer(&mut self, hours: &[(Code, Option<Arc<Schedule>>)]) -> Result<Offer, HandoverError> {
        let id = self.code()?;
        let organisation = self.code()?;
        let title = self.code()?;
        let kind = self.pick(OfferType::ALL)?;
        let milieu = self.pick(Milieu::ALL)?;
        let establishments = self.codes()?;
        let departements = self.codes()?;
        let anywhere = self.flag()?;
        let communes = self.codes()?;
        let sectors = self.codes()?;
        let skills = self.codes()?;
        let skill_keys = self.codes()?;
        let n = self.count(1)?;
        let mut measures = Vec::with_capacity(n);
        for _ in 0..n {
            measures.push(self.pick(Measure::ALL)?);
        }
        let at = self.at;
        let (schedule_text, schedule) = match self.usize()? {
            0 => (Code::default(), None),
            k => hours
                .get(k - 1)
                .cloned()
                .ok_or_else(|| self.error_at(at, "horaires jamais envoyés"))?,
        };
        let regulated = self.codes()?;
        let record = if self.flag()? {
            Some(self.pick(RecordRequirement::ALL)?)
        } else {
            None
        };
        let prerequisites = self.codes()?;
        let start = self.date()?;
        let end = self.date()?;
        let seats = if self.flag()? {
            Some(self.u32()?)
        } else {
            None
        };
        let checked = self.date()?;
        let continues_as = self.codes()?;
        let contact = self.string()?;
        let description = self.string()?;
        let zone_eligibilite = self.codes()?;
        let n = self.count(2)?;
        let mut extra = BTreeMap::new();
        for _ in 0..n {
            let k = self.string()?;
            let v = self.string()?;
            extra.insert(k, v);
        }
        let line = self.usize()?;
        Ok(Offer {
            id,
            organisation,
            title,
            kind,
            milieu,
            anywhere,
            lists: OfferLists {
                establishments,
                departements,
                communes,
                sectors,
                skills,
                skill_keys,
                regulated,
                prerequisites,
                continues_as,
                zone_eligibilite,
                contact,
                description,
            }
            .into(),
            measures: measures.into(),
            schedule_text,
            schedule,
            record,
            start,
            end,
            seats,
            checked,
            extra,
            line,
        })
    }
}
