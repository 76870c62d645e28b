//! A small, bounded XML reader for record-shaped files (LHEO): the document is read as a stream
//! (quick-xml) and only the records asked for (`<formation>`, `<resume-offre>`) are built as
//! trees, one at a time, each with the line it starts on. A file built to exhaust memory
//! (deep nesting, a huge record) is cut there and reported; a syntax error ends the reading
//! with its line, the records before it kept.

// Sizes and counts come from files: arithmetic saturates or is checked.
#![deny(clippy::arithmetic_side_effects)]
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Nesting depth read; deeper elements are skipped (LHEO goes about 8 deep).
pub const MAX_DEPTH: usize = 64;
/// Elements in one record; past it the record's remaining elements are skipped.
pub const MAX_RECORD_ELEMENTS: usize = 50_000;

/// One element: its local name (namespace prefix dropped), attributes, text and children.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The element's own text, entities read, trimmed.
    pub text: String,
    /// 1-based line of its start tag.
    pub line: usize,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The first element down a path of names (`coordonnees/adresse/ville`).
    pub fn find(&self, path: &str) -> Option<&Element> {
        path.split('/').try_fold(self, |e, name| e.child(name))
    }
    /// Every element down a path of names.
    pub fn find_all<'a>(&'a self, path: &'a str) -> Vec<&'a Element> {
        let mut current = vec![self];
        for name in path.split('/') {
            current = current.into_iter().flat_map(|e| e.children(name)).collect();
        }
        current
    }
    /// The text down a path, trimmed; empty when absent.
    pub fn text_of(&self, path: &str) -> String {
        self.find(path).map(|e| e.text.clone()).unwrap_or_default()
    }
}

/// What reading found: the records, and the problems (line, message).
#[derive(Debug, Default)]
pub struct Read {
    /// The root element's local name (`lheo`, `lheo-index`).
    pub root: String,
    pub records: Vec<Element>,
    pub problems: Vec<(usize, String)>,
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

fn element_of(start: &BytesStart<'_>, line: usize) -> Element {
    let name = local(start.name().as_ref());
    let attrs = start
        .attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let key = local(a.key.as_ref());
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned());
            (key, value)
        })
        .collect();
    Element {
        name,
        attrs,
        line,
        ..Element::default()
    }
}

/// The character an entity reference stands for (`lt`, `#233`, `#xE9`), or the reference as
/// written when it is not one of XML's.
fn entity(name: &str) -> String {
    match name {
        "lt" => "<".into(),
        "gt" => ">".into(),
        "amp" => "&".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let code = name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()));
            match code.and_then(char::from_u32).filter(|c| *c != '\0') {
                Some(c) => c.to_string(),
                None => format!("&{name};"),
            }
        }
    }
}

/// Read `text`, building every element named in `records` (at any depth, not nested in
/// another record) as a tree.
pub fn read_records(text: &str, records: &[&str]) -> Read {
    let mut out = Read::default();
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    // Line counting: newlines between the last position and the current one.
    let bytes = text.as_bytes();
    let mut counted = 0usize;
    let mut line = 1usize;
    let mut line_at = |pos: usize| -> usize {
        let pos = pos.min(bytes.len());
        if pos > counted {
            let n = bytes
                .get(counted..pos)
                .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
            line = line.saturating_add(n);
            counted = pos;
        }
        line
    };
    let mut depth = 0usize;
    // Depth of the record's parent: the record's elements are at `base + 1`, `base + 2`…
    let mut base = 0usize;
    // The record being built: its open elements, outermost first.
    let mut stack: Vec<Element> = Vec::new();
    let mut elements = 0usize;
    let mut cut_reported = false;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event();
        let here = line_at(before.saturating_add(leading_space(bytes, before)));
        match event {
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let l = line_at(at);
                out.problems.push((
                    l,
                    format!("XML illisible ligne {l} : {e} ; la suite du fichier n'est pas lue"),
                ));
                break;
            }
            Ok(Event::Eof) => {
                if depth > 0 {
                    out.problems.push((here, "fin du fichier avant la fermeture des éléments : fichier coupé ? la dernière offre n'est pas lue".into()));
                }
                break;
            }
            Ok(Event::Start(s)) => {
                depth = depth.saturating_add(1);
                if depth == 1 {
                    out.root = local(s.name().as_ref());
                }
                let name = local(s.name().as_ref());
                if stack.is_empty() && records.contains(&name.as_str()) {
                    elements = 0;
                    cut_reported = false;
                    base = depth.saturating_sub(1);
                    stack.push(element_of(&s, here));
                } else if !stack.is_empty() {
                    elements = elements.saturating_add(1);
                    // Pushed only when its parent was (no gap in the stack).
                    let parent_pushed = stack.len() == depth.saturating_sub(base).saturating_sub(1);
                    if parent_pushed && depth <= MAX_DEPTH && elements <= MAX_RECORD_ELEMENTS {
                        stack.push(element_of(&s, here));
                    } else if !cut_reported {
                        cut_reported = true;
                        out.problems.push((here, format!("élément trop profond ou offre trop grande (limites : {MAX_DEPTH} niveaux, {MAX_RECORD_ELEMENTS} éléments par offre) : la suite de cette offre n'est pas lue")));
                    }
                }
            }
            Ok(Event::Empty(s)) => {
                if depth == 0 {
                    out.root = local(s.name().as_ref());
                }
                let open = stack.len() == depth.saturating_sub(base);
                if let Some(top) = stack.last_mut() {
                    elements = elements.saturating_add(1);
                    if depth < MAX_DEPTH && elements <= MAX_RECORD_ELEMENTS && open {
                        top.children.push(element_of(&s, here));
                    }
                }
            }
            Ok(Event::End(_)) => {
                // Only elements pushed are popped: those past the limits were not pushed.
                if !stack.is_empty() && stack.len() == depth.saturating_sub(base) {
                    if let Some(done) = stack.pop() {
                        let done = Element {
                            text: done.text.trim().to_string(),
                            ..done
                        };
                        match stack.last_mut() {
                            Some(parent) => parent.children.push(done),
                            None => out.records.push(done),
                        }
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Text(t)) => {
                push_text(&mut stack, depth.saturating_sub(base), &t.xml10_content())
            }
            Ok(Event::CData(t)) => {
                push_text(&mut stack, depth.saturating_sub(base), &t.xml10_content())
            }
            Ok(Event::GeneralRef(r)) => {
                push_text(&mut stack, depth.saturating_sub(base), &entity(&r))
            }
            Ok(_) => {}
        }
    }
    out
}

fn leading_space(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |b| {
        b.iter().take_while(|c| c.is_ascii_whitespace()).count()
    })
}

fn push_text(stack: &mut [Element], depth: usize, text: &str) {
    if stack.len() != depth {
        return;
    }
    if let Some(top) = stack.last_mut() {
        if top.text.len() < crate::limits::MAX_CELL_CHARS.saturating_mul(4) {
            top.text.push_str(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_lines_entities_and_namespaces() {
        let r = read_records(
            "<?xml version=\"1.0\"?>\n<lheo xmlns=\"x\">\n<offres>\n<formation numero=\"F1\">\n<intitule-formation>A &amp; B &lt;p&gt;&#233;</intitule-formation>\n<vide/>\n</formation>\n</offres>\n</lheo>",
            &["formation"],
        );
        assert_eq!(r.root, "lheo");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.records.len(), 1);
        let f = &r.records[0];
        assert_eq!((f.line, f.attr("numero")), (4, Some("F1")));
        assert_eq!(f.text_of("intitule-formation"), "A & B <p>é");
        assert_eq!(f.find("intitule-formation").map(|e| e.line), Some(5));
        assert!(f.child("vide").is_some());
    }

    #[test]
    fn a_syntax_error_keeps_the_records_before_it() {
        let r = read_records(
            "<lheo>\n<formation><t>1</t></formation>\n<formation><t>2</x></formation>\n</lheo>",
            &["formation"],
        );
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].0, 3, "{:?}", r.problems);
    }

    #[test]
    fn deep_nesting_is_cut() {
        let deep = format!(
            "<lheo><formation>{}{}</formation></lheo>",
            "<a>".repeat(500),
            "</a>".repeat(500)
        );
        let r = read_records(&deep, &["formation"]);
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.problems.len(), 1);
    }
}
