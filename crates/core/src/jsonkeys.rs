//! Duplicate keys in a JSON object. serde_json keeps the last value in silence; in a catalogue or
//! a profile that could drop a court ban or loosen an offer, so each one is reported.
//!
//! A small scan of text that serde_json has already accepted: it only follows strings, objects
//! and arrays. Its depth is bounded by serde_json's own limit (128), reached before this runs.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
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

/// Every key repeated in one object of `text` (valid JSON), in the order of the file.
pub fn duplicate_keys(text: &str) -> Vec<DuplicateKey> {
    scan(text).duplicates
}

/// The repeated keys of `text` (valid JSON) and the line where each entry of its lists starts.
pub fn scan(text: &str) -> Scan {
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
}
