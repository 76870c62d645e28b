//! Duplicate keys in a JSON object. serde_json keeps the last value in silence; in a catalogue or
//! a profile that could drop a court ban or loosen an offer, so each one is reported.
//!
//! A small scan of text that serde_json has already accepted: it only follows strings, objects
//! and arrays. Its depth is bounded by serde_json's own limit (128), reached before this runs.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashSet;

/// One key written twice in the same object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key as written between its quotes.
    pub key: String,
    /// 1-based line of the file where the second one is.
    pub line: usize,
    /// Where it lies among the lists of entries ([`Scan::lists`]): the list's index and the
    /// 1-based item within it, when it lies in one.
    pub item: Option<(usize, usize)>,
}

/// A list of entries: the file's outermost list, or a list held by the outermost object
/// (`{"offres": […]}`, `{"lille": […], "auteuil": […]}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct List {
    /// The key that holds it in the outermost object; `None` for a list at the top.
    pub key: Option<String>,
    /// The 1-based line where each of its items starts.
    pub starts: Vec<usize>,
}

/// What one pass over the text finds: the repeated keys and where every entry starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub duplicates: Vec<DuplicateKey>,
    /// In the order of the file.
    pub lists: Vec<List>,
}

enum Frame<'t> {
    Object {
        keys: Keys<'t>,
        expect_key: bool,
        /// The last key read (the outermost object only: it names a list of entries).
        last: Option<&'t str>,
    },
    Array {
        items: usize,
        /// Index in `Scan::lists` when this array is a list of entries.
        list: Option<usize>,
    },
}

/// The keys of one object, as written. Most objects have a few dozen keys: compared one by
/// one, with no allocation per key (a national export has millions); past [`Keys::SMALL`] a
/// hash set, so that an object of 100,000 keys stays linear.
#[derive(Default)]
struct Keys<'t> {
    few: Vec<&'t str>,
    many: HashSet<String>,
}

impl<'t> Keys<'t> {
    const SMALL: usize = 48;

    /// Adds `k`; false when it was there already.
    fn insert(&mut self, k: &'t str) -> bool {
        if self.few.len() < Self::SMALL {
            if self.few.contains(&k) {
                return false;
            }
            self.few.push(k);
            return true;
        }
        if self.many.is_empty() {
            self.many.extend(self.few.iter().map(|k| k.to_string()));
        }
        self.many.insert(k.to_string())
    }

    fn clear(&mut self) {
        self.few.clear();
        self.many.clear();
    }
}

/// Every key repeated in one object of `text` (valid JSON), in the order of the file.
pub fn duplicate_keys(text: &str) -> Vec<DuplicateKey> {
    scan(text).duplicates
}

/// The repeated keys of `text` (valid JSON) and the line where each entry of its lists starts.
///
/// Byte by byte (every character that matters is ASCII); a string's text is only looked at
/// for its closing quote, and a key is compared where it is written, never copied unless
/// repeated.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    let mut stack: Vec<Frame> = Vec::new();
    // The key sets of closed objects, kept for the next ones (one allocation per depth).
    let mut spare: Vec<Keys> = Vec::new();
    let mut line = 1usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    // Whether the next value in the current array starts a new item.
    let mut array_value_pending = false;
    while let Some(&c) = bytes.get(i) {
        i = i.saturating_add(1);
        if array_value_pending && !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b']') {
            if let Some(Frame::Array { items, list }) = stack.last_mut() {
                *items = items.saturating_add(1);
                if let Some(l) = list.and_then(|i| out.lists.get_mut(i)) {
                    l.starts.push(line);
                }
            }
            array_value_pending = false;
        }
        match c {
            b'\n' => line = line.saturating_add(1),
            b'"' => {
                let start = i;
                let mut escaped = false;
                loop {
                    // Eight bytes at a time through a string's plain text (most of a file
                    // with descriptions): only a quote, a backslash or a line break stops.
                    if !escaped {
                        while let Some(word) = bytes
                            .get(i..i.saturating_add(8))
                            .and_then(|w| <[u8; 8]>::try_from(w).ok())
                        {
                            if stops(u64::from_le_bytes(word)) {
                                break;
                            }
                            i = i.saturating_add(8);
                        }
                    }
                    let Some(&d) = bytes.get(i) else {
                        break;
                    };
                    i = i.saturating_add(1);
                    if escaped {
                        escaped = false;
                    } else if d == b'\\' {
                        escaped = true;
                    } else if d == b'"' {
                        break;
                    }
                    if d == b'\n' {
                        line = line.saturating_add(1);
                    }
                }
                let outermost = stack.len() == 1;
                if let Some(Frame::Object {
                    keys,
                    expect_key,
                    last,
                }) = stack.last_mut()
                {
                    if *expect_key {
                        *expect_key = false;
                        // Between two ASCII quotes: on character boundaries.
                        let end = i.saturating_sub(1).max(start);
                        let s = text.get(start..end).unwrap_or_default();
                        if outermost {
                            *last = Some(s);
                        }
                        if !keys.insert(s) {
                            let item = stack.iter().find_map(|f| match f {
                                Frame::Array {
                                    items,
                                    list: Some(l),
                                } => Some((*l, *items)),
                                _ => None,
                            });
                            out.duplicates.push(DuplicateKey {
                                key: s.to_string(),
                                line,
                                item,
                            });
                        }
                    }
                }
            }
            b'{' => stack.push(Frame::Object {
                keys: spare.pop().unwrap_or_default(),
                expect_key: true,
                last: None,
            }),
            b'[' => {
                // A list of entries: at the top, or a value of the outermost object.
                let key = match stack.as_slice() {
                    [] => Some(None),
                    [Frame::Object { last, .. }] => Some(last.map(str::to_string)),
                    _ => None,
                };
                let list = key.map(|key| {
                    out.lists.push(List {
                        key,
                        starts: Vec::new(),
                    });
                    out.lists.len().saturating_sub(1)
                });
                stack.push(Frame::Array { items: 0, list });
                array_value_pending = true;
            }
            b'}' | b']' => {
                if let Some(Frame::Object { mut keys, .. }) = stack.pop() {
                    keys.clear();
                    spare.push(keys);
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::Array { .. }) => array_value_pending = true,
                None => {}
            },
            _ => {}
        }
    }
    out
}

/// One JSON value of a catalogue entry, its strings borrowed from the file when they have no
/// escape: what the readers of a national export take instead of a `serde_json::Value`, which
/// copies every key and every string (a 90 MB export is millions of them). It reads as a
/// `Value` reads: numbers as serde_json's, an object's keys in their order (a `Map` sorts them)
/// and the last of a repeated key kept; [`Node::to_value`] gives the very `Value`.
#[derive(Clone, Debug, PartialEq)]
pub enum Node<'t> {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Str(Cow<'t, str>),
    List(Vec<Node<'t>>),
    Object(Object<'t>),
}

/// An object's keys and values, sorted by key as serde_json's `Map` (a `BTreeMap`), each key
/// once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object<'t> {
    pairs: Vec<(Cow<'t, str>, Node<'t>)>,
}

impl<'t> Object<'t> {
    /// From pairs in the order of the file: sorted, and of a repeated key the last kept, as
    /// `Map::insert` does.
    pub fn from_pairs(mut pairs: Vec<(Cow<'t, str>, Node<'t>)>) -> Self {
        // Stable: of equal keys, the last written stays last, and is the one kept (swapped
        // into the place of the first, in place).
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        Object { pairs }
    }

    pub fn get(&self, key: &str) -> Option<&Node<'t>> {
        let i = self
            .pairs
            .binary_search_by(|(k, _)| k.as_ref().cmp(key))
            .ok()?;
        self.pairs.get(i).map(|(_, v)| v)
    }

    /// The keys and values in the order of their keys.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node<'t>)> {
        self.pairs.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_ref())
    }

    pub fn into_pairs(self) -> impl Iterator<Item = (Cow<'t, str>, Node<'t>)> {
        self.pairs.into_iter()
    }

    pub fn to_map(&self) -> serde_json::Map<String, Value> {
        self.pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_value()))
            .collect()
    }
}

impl<'t> Node<'t> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object<'t>> {
        match self {
            Node::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The same value as serde_json reads it.
    pub fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::Str(s) => Value::String(s.to_string()),
            Node::List(l) => Value::Array(l.iter().map(Node::to_value).collect()),
            Node::Object(o) => Value::Object(o.to_map()),
        }
    }

    /// A `Value` read as a node, its strings borrowed from it.
    pub fn of_value(v: &'t Value) -> Node<'t> {
        match v {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.clone()),
            Value::String(s) => Node::Str(Cow::Borrowed(s)),
            Value::Array(a) => Node::List(a.iter().map(Node::of_value).collect()),
            // A `Map` is sorted already, each key once.
            Value::Object(o) => Node::Object(Object {
                pairs: o
                    .iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::of_value(v)))
                    .collect(),
            }),
        }
    }

    /// [`Node::cell`], a string moved rather than copied.
    pub fn into_cell(self) -> Cow<'t, str> {
        match self {
            Node::Str(s) => s,
            Node::Null => Cow::Borrowed(""),
            other => Cow::Owned(other.cell().into_owned()),
        }
    }

    /// The value as a catalogue cell, as `catalogue::cells::json_cell` says a `Value`: a
    /// string as it is (borrowed), a list's items joined with `,`, anything else as JSON.
    pub fn cell(&self) -> Cow<'_, str> {
        match self {
            Node::Null => Cow::Borrowed(""),
            Node::Str(s) => Cow::Borrowed(s),
            Node::List(l) => {
                let mut out = String::new();
                for (i, x) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    match x {
                        Node::Str(s) => out.push_str(s),
                        other => out.push_str(&other.to_value().to_string()),
                    }
                }
                Cow::Owned(out)
            }
            other => Cow::Owned(other.to_value().to_string()),
        }
    }
}

/// A key or a string: borrowed from the text when written without escapes.
pub struct Key<'t>(pub Cow<'t, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("un texte")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("une valeur JSON")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Node<'de>, E> {
                Ok(Node::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Node<'de>, E> {
                Ok(Node::Number(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Node<'de>, E> {
                Ok(Node::Number(n.into()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Node<'de>, E> {
                // As serde_json's `Value`: a number it cannot hold is null.
                Ok(serde_json::Number::from_f64(n).map_or(Node::Null, Node::Number))
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<Node<'de>, E> {
                Ok(Node::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Node<'de>, E> {
                Ok(Node::Str(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Node<'de>, E> {
                Ok(Node::Str(Cow::Owned(s)))
            }
            fn visit_unit<E>(self) -> Result<Node<'de>, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node<'de>, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
                let mut list = Vec::new();
                while let Some(x) = seq.next_element()? {
                    list.push(x);
                }
                Ok(Node::List(list))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
                // A service has about 25 keys: room for 16 saves three of the four growths.
                let mut pairs = Vec::with_capacity(16);
                while let Some(Key(k)) = map.next_key()? {
                    pairs.push((k, map.next_value()?));
                }
                Ok(Node::Object(Object::from_pairs(pairs)))
            }
        }
        d.deserialize_any(V)
    }
}

/// Does this word of eight bytes hold a quote, a backslash or a line break? (Each byte compared
/// at once: a byte equal to `b` is a zero byte of `word ^ b…b`.)
fn stops(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    zero(word ^ (ONES.wrapping_mul(u64::from(b'"'))))
        || zero(word ^ (ONES.wrapping_mul(u64::from(b'\\'))))
        || zero(word ^ (ONES.wrapping_mul(u64::from(b'\n'))))
}

/// « clé « titre » en double ligne 12 » for a message.
pub fn describe(d: &DuplicateKey) -> String {
    format!(
        "clé « {} » écrite deux fois dans le même objet (ligne {}) : seule la dernière valeur serait lue ; supprimer l'une des deux",
        d.key, d.line
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_found_with_their_entry() {
        let text = "[{\"id\": \"a\", \"id\": \"b\"},\n {\"x\": [1, {\"y\": 1}], \"y\": 2},\n {\"t\": \"\\\"\", \"t\": 1}]";
        let scan = scan(text);
        let d = &scan.duplicates;
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            (d[0].key.as_str(), d[0].item, d[0].line),
            ("id", Some((0, 1)), 1)
        );
        assert_eq!(
            (d[1].key.as_str(), d[1].item, d[1].line),
            ("t", Some((0, 3)), 3)
        );
        assert_eq!(scan.lists.len(), 1);
        assert_eq!(scan.lists[0].starts, vec![1, 2, 3]);
    }

    /// Past the keys compared one by one, the set still finds a key written twice, wherever
    /// the first one was.
    #[test]
    fn a_key_repeated_in_an_object_of_many_keys_is_found() {
        let keys: Vec<String> = (0..200).map(|i| format!("\"k{i}\": {i}")).collect();
        for first in [3, 150] {
            let text = format!("[{{{}, \"k{first}\": 0}}]", keys.join(", "));
            let d = duplicate_keys(&text);
            assert_eq!(d.len(), 1, "{d:?}");
            assert_eq!(
                (d[0].key.clone(), d[0].item),
                (format!("k{first}"), Some((0, 1)))
            );
        }
    }

    #[test]
    fn a_profile_object_has_no_entry() {
        let d = duplicate_keys("{\"banned_places\": [\"91\"],\n\"banned_places\": []}");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].item, d[0].line), (None, 2));
    }

    #[test]
    fn the_wrapper_object_counts_entries_of_its_list() {
        let d = duplicate_keys("{\"offres\": [{\"a\":1}, {\"a\":1, \"a\":2}]}");
        assert_eq!(d[0].item, Some((0, 2)));
    }

    /// An object of several lists (a data·inclusion projection: `{"lille": […], "auteuil":
    /// […]}`): each list, in the order of the file, with the line of each entry.
    #[test]
    fn every_list_of_the_outermost_object_is_found_in_the_order_of_the_file() {
        let text = "{\n \"lille\": [\n  {\"a\": 1},\n  {\"a\": 1,\n   \"a\": 2}\n ],\n \"auteuil\": [{\"b\": [1, 2]}]\n}";
        let s = scan(text);
        let keys: Vec<_> = s.lists.iter().map(|l| l.key.as_deref()).collect();
        assert_eq!(keys, vec![Some("lille"), Some("auteuil")]);
        assert_eq!(s.lists[0].starts, vec![3, 4]);
        assert_eq!(s.lists[1].starts, vec![7]);
        assert_eq!(s.duplicates[0].item, Some((0, 2)));
        assert_eq!(s.duplicates[0].line, 5);
    }

    /// The scan as it was (a `char` at a time, every string copied): what the byte scan must
    /// find on any valid JSON.
    mod reference {
        use super::super::{DuplicateKey, List, Scan};
        use std::collections::HashSet;

        enum Frame {
            Object {
                keys: HashSet<String>,
                expect_key: bool,
                /// The last key read (the outermost object only: it names a list of entries).
                last: Option<String>,
            },
            Array {
                items: usize,
                /// Index in `Scan::lists` when this array is a list of entries.
                list: Option<usize>,
            },
        }

        /// The repeated keys of `text` (valid JSON) and the line where each entry of its lists starts.
        pub(super) fn scan(text: &str) -> Scan {
            let mut out = Scan::default();
            let mut stack: Vec<Frame> = Vec::new();
            let mut line = 1usize;
            let mut chars = text.chars();
            // Whether the next value in the current array starts a new item.
            let mut array_value_pending = false;
            while let Some(c) = chars.next() {
                if array_value_pending && !c.is_whitespace() && c != ']' {
                    if let Some(Frame::Array { items, list }) = stack.last_mut() {
                        *items = items.saturating_add(1);
                        if let Some(l) = list.and_then(|i| out.lists.get_mut(i)) {
                            l.starts.push(line);
                        }
                    }
                    array_value_pending = false;
                }
                match c {
                    '\n' => line = line.saturating_add(1),
                    '"' => {
                        let mut s = String::new();
                        let mut escaped = false;
                        for d in chars.by_ref() {
                            if d == '\n' {
                                line = line.saturating_add(1);
                            }
                            if escaped {
                                escaped = false;
                                s.push(d);
                            } else if d == '\\' {
                                escaped = true;
                                s.push(d);
                            } else if d == '"' {
                                break;
                            } else {
                                s.push(d);
                            }
                        }
                        let outermost = stack.len() == 1;
                        if let Some(Frame::Object {
                            keys,
                            expect_key,
                            last,
                        }) = stack.last_mut()
                        {
                            if *expect_key {
                                *expect_key = false;
                                if outermost {
                                    *last = Some(s.clone());
                                }
                                if !keys.insert(s.clone()) {
                                    let item = stack.iter().find_map(|f| match f {
                                        Frame::Array {
                                            items,
                                            list: Some(l),
                                        } => Some((*l, *items)),
                                        _ => None,
                                    });
                                    out.duplicates.push(DuplicateKey { key: s, line, item });
                                }
                            }
                        }
                    }
                    '{' => stack.push(Frame::Object {
                        keys: HashSet::new(),
                        expect_key: true,
                        last: None,
                    }),
                    '[' => {
                        // A list of entries: at the top, or a value of the outermost object.
                        let key = match stack.as_slice() {
                            [] => Some(None),
                            [Frame::Object { last, .. }] => Some(last.clone()),
                            _ => None,
                        };
                        let list = key.map(|key| {
                            out.lists.push(List {
                                key,
                                starts: Vec::new(),
                            });
                            out.lists.len().saturating_sub(1)
                        });
                        stack.push(Frame::Array { items: 0, list });
                        array_value_pending = true;
                    }
                    '}' | ']' => {
                        stack.pop();
                    }
                    ',' => match stack.last_mut() {
                        Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                        Some(Frame::Array { .. }) => array_value_pending = true,
                        None => {}
                    },
                    _ => {}
                }
            }
            out
        }
    }

    /// A JSON value to write: keys from a few letters so that objects repeat some.
    #[derive(Clone, Debug)]
    enum Tree {
        Text(String),
        Number(f64),
        Int(i64),
        Bool(bool),
        Null,
        List(Vec<Tree>),
        Object(Vec<(String, Tree)>),
    }

    fn tree() -> impl proptest::strategy::Strategy<Value = Tree> {
        use proptest::prelude::*;
        let text = "[a-c\"\\\n é€\t/]{0,24}";
        let leaf = prop_oneof![
            text.prop_map(Tree::Text),
            any::<f64>().prop_map(Tree::Number),
            any::<i64>().prop_map(Tree::Int),
            any::<bool>().prop_map(Tree::Bool),
            Just(Tree::Null),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Tree::List),
                proptest::collection::vec(("[ab\"\\\n_A]{0,2}|[ab]{8,12}", inner), 0..6)
                    .prop_map(Tree::Object),
            ]
        })
    }

    /// `tree` as JSON text, with line breaks where `breaks` says (one bit a token).
    fn write(t: &Tree, breaks: &mut impl Iterator<Item = bool>, out: &mut String) {
        fn gap(breaks: &mut impl Iterator<Item = bool>, out: &mut String) {
            if breaks.next().unwrap_or(false) {
                out.push_str("\n  ");
            }
        }
        match t {
            Tree::Text(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            Tree::Number(n) => out.push_str(
                &serde_json::Number::from_f64(*n).map_or("0.5".to_string(), |n| n.to_string()),
            ),
            Tree::Int(n) => out.push_str(&n.to_string()),
            Tree::Bool(b) => out.push_str(&b.to_string()),
            Tree::Null => out.push_str("null"),
            Tree::List(l) => {
                out.push('[');
                for (i, x) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    gap(breaks, out);
                    write(x, breaks, out);
                }
                out.push(']');
            }
            Tree::Object(o) => {
                out.push('{');
                for (i, (k, v)) in o.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    gap(breaks, out);
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push_str(": ");
                    write(v, breaks, out);
                }
                out.push('}');
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The byte scan finds what the `char` scan found: the same repeated keys on the same
        /// lines in the same entries, the same lists and entry lines.
        #[test]
        fn the_byte_scan_finds_what_the_char_scan_found(
            t in tree(),
            wrap in proptest::bool::ANY,
            breaks in proptest::collection::vec(proptest::bool::ANY, 64),
        ) {
            let mut text = String::new();
            let mut b = breaks.into_iter().cycle();
            if wrap {
                text.push_str("{\"offres\":\n");
            }
            write(&t, &mut b, &mut text);
            if wrap {
                text.push('}');
            }
            proptest::prop_assert_eq!(scan(&text), reference::scan(&text), "{}", text);
        }

        /// An entry read as nodes is the `Value` serde_json reads (numbers, the last of a
        /// repeated key), and its cell is `json_cell`'s.
        #[test]
        fn a_node_reads_as_a_value_reads(
            t in tree(),
            breaks in proptest::collection::vec(proptest::bool::ANY, 16),
        ) {
            let mut text = String::new();
            write(&t, &mut breaks.into_iter().cycle(), &mut text);
            let value: Value = serde_json::from_str(&text).unwrap();
            let node: Node = serde_json::from_str(&text).unwrap();
            proptest::prop_assert_eq!(&node.to_value(), &value);
            proptest::prop_assert_eq!(&Node::of_value(&value), &node);
            let (cell, expected) = (node.cell(), crate::catalogue::cells::json_cell(&value));
            proptest::prop_assert_eq!(cell.as_ref(), expected.as_str());
        }
    }
}
