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
    /// 1-based entry number of the list of offers or services it lies in (the outermost
    /// list), when it lies in one.
    pub entry: Option<usize>,
}

enum Frame {
    Object {
        keys: HashSet<String>,
        expect_key: bool,
    },
    Array {
        items: usize,
    },
}

/// Every key repeated in one object of `text` (valid JSON), in the order of the file.
pub fn duplicate_keys(text: &str) -> Vec<DuplicateKey> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut line = 1usize;
    let mut chars = text.chars();
    // Whether the next value in the current array starts a new item.
    let mut array_value_pending = false;
    while let Some(c) = chars.next() {
        if array_value_pending && !c.is_whitespace() && c != ']' {
            if let Some(Frame::Array { items }) = stack.last_mut() {
                *items = items.saturating_add(1);
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
                if let Some(Frame::Object { keys, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *expect_key = false;
                        if !keys.insert(s.clone()) {
                            let entry = stack.iter().find_map(|f| match f {
                                Frame::Array { items } => Some(*items),
                                Frame::Object { .. } => None,
                            });
                            out.push(DuplicateKey {
                                key: s,
                                line,
                                entry,
                            });
                        }
                    }
                }
            }
            '{' => stack.push(Frame::Object {
                keys: HashSet::new(),
                expect_key: true,
            }),
            '[' => {
                stack.push(Frame::Array { items: 0 });
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
        let d = duplicate_keys(text);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            (d[0].key.as_str(), d[0].entry, d[0].line),
            ("id", Some(1), 1)
        );
        assert_eq!(
            (d[1].key.as_str(), d[1].entry, d[1].line),
            ("t", Some(3), 3)
        );
    }

    #[test]
    fn a_profile_object_has_no_entry() {
        let d = duplicate_keys("{\"banned_places\": [\"91\"],\n\"banned_places\": []}");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].entry, d[0].line), (None, 2));
    }

    #[test]
    fn the_wrapper_object_counts_entries_of_its_list() {
        let d = duplicate_keys("{\"offres\": [{\"a\":1}, {\"a\":1, \"a\":2}]}");
        assert_eq!(d[0].entry, Some(2));
    }
}
