//! A tiny, safe reading of the Markdown that data·inclusion descriptions are written in
//! (`### Objectif`, `- item`, `**gras**`, `[lien](https://…)`): blocks and inline spans as plain
//! data, which the app turns into its own nodes. Nothing is ever HTML: a `<script>` in a
//! description stays the text `<script>`. Links keep only `http(s)` and `mailto` targets.

/// A span of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Emphasis(String),
    /// A link whose target is `http://`, `https://` or `mailto:` (others stay text).
    Link {
        text: String,
        url: String,
    },
}

/// A block of a description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `#` to `######`: level 1 to 6.
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// `-`, `*`, `•` or `1.` items.
    List(Vec<Vec<Inline>>),
}

/// Longest description read (characters); the rest is cut (descriptions are cells, already
/// bounded by the catalogue's limits; this guards direct callers).
const MAX_CHARS: usize = crate::limits::MAX_CELL_CHARS * 2;

/// Read a description into blocks.
pub fn parse(text: &str) -> Vec<Block> {
    let text: String = text.chars().take(MAX_CHARS).collect();
    let mut blocks = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush_para = |para: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(inline(&para.join(" "))));
            para.clear();
        }
    };
    let flush_items = |items: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !items.is_empty() {
            blocks.push(Block::List(items.iter().map(|i| inline(i)).collect()));
            items.clear();
        }
    };
    for raw in text.split('\n') {
        let line = raw.trim_end_matches('\r').trim();
        if line.is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_items(&mut items, &mut blocks);
            continue;
        }
        if let Some((level, rest)) = heading(line) {
            flush_para(&mut para, &mut blocks);
            flush_items(&mut items, &mut blocks);
            blocks.push(Block::Heading(level, inline(rest)));
        } else if let Some(rest) = list_item(line) {
            flush_para(&mut para, &mut blocks);
            items.push(rest.to_string());
        } else if !items.is_empty() && raw.starts_with([' ', '\t']) {
            // An indented line continues the item above.
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(line);
            }
        } else {
            flush_items(&mut items, &mut blocks);
            para.push(line.to_string());
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_items(&mut items, &mut blocks);
    blocks
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = line.trim_start_matches('#');
    if !rest.starts_with(' ') {
        return None;
    }
    u8::try_from(hashes).ok().map(|h| (h, rest.trim()))
}

fn list_item(line: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "• ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest.trim());
        }
    }
    if line.starts_with('•') {
        return Some(line.trim_start_matches('•').trim());
    }
    // `1. item` or `1) item`
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r.trim());
        }
    }
    None
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

/// Inline spans: `**strong**`, `__strong__`, `*emphasis*`, `[text](url)`, `\` escapes.
pub fn inline(text: &str) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Inline> = Vec::new();
    let mut plain = String::new();
    let mut i = 0usize;
    let at = |k: usize| chars.get(k).copied();
    let find = |from: usize, pat: &[char]| -> Option<usize> {
        let mut k = from;
        while k.saturating_add(pat.len()) <= chars.len() {
            if pat
                .iter()
                .enumerate()
                .all(|(n, p)| chars.get(k.saturating_add(n)) == Some(p))
            {
                return Some(k);
            }
            k = k.saturating_add(1);
        }
        None
    };
    let slice =
        |a: usize, b: usize| -> String { chars.get(a..b).unwrap_or_default().iter().collect() };
    while let Some(c) = at(i) {
        let next = at(i.saturating_add(1));
        if c == '\\' && next.is_some_and(|n| n.is_ascii_punctuation()) {
            plain.extend(next);
            i = i.saturating_add(2);
            continue;
        }
        if (c == '*' || c == '_') && next == Some(c) {
            let start = i.saturating_add(2);
            if let Some(end) = find(start, &[c, c]).filter(|&e| e > start) {
                flush(&mut plain, &mut out);
                out.push(Inline::Strong(slice(start, end)));
                i = end.saturating_add(2);
                continue;
            }
        }
        if c == '*' && next.is_some_and(|n| !n.is_whitespace()) {
            let start = i.saturating_add(1);
            if let Some(end) = find(start, &['*']).filter(|&e| e > start) {
                flush(&mut plain, &mut out);
                out.push(Inline::Emphasis(slice(start, end)));
                i = end.saturating_add(1);
                continue;
            }
        }
        if c == '[' {
            if let Some(close) = find(i.saturating_add(1), &[']', '(']) {
                if let Some(paren) = find(close.saturating_add(2), &[')']) {
                    let label = slice(i.saturating_add(1), close);
                    let url = slice(close.saturating_add(2), paren);
                    flush(&mut plain, &mut out);
                    if safe_url(&url) {
                        out.push(Inline::Link {
                            text: if label.trim().is_empty() {
                                url.clone()
                            } else {
                                label
                            },
                            url: url.trim().to_string(),
                        });
                    } else {
                        out.push(Inline::Text(label));
                    }
                    i = paren.saturating_add(1);
                    continue;
                }
            }
        }
        plain.push(c);
        i = i.saturating_add(1);
    }
    flush(&mut plain, &mut out);
    out
}

fn flush(plain: &mut String, out: &mut Vec<Inline>) {
    if !plain.is_empty() {
        out.push(Inline::Text(std::mem::take(plain)));
    }
}

/// The description as plain text (for the CLI and exports): markers removed, blocks on lines.
pub fn to_plain(text: &str) -> String {
    let spans = |v: &[Inline]| -> String {
        v.iter()
            .map(|s| match s {
                Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t) => t.clone(),
                Inline::Link { text, url } if text == url => url.clone(),
                Inline::Link { text, url } => format!("{text} ({url})"),
            })
            .collect()
    };
    parse(text)
        .iter()
        .map(|b| match b {
            Block::Heading(_, v) | Block::Paragraph(v) => spans(v),
            Block::List(items) => items
                .iter()
                .map(|i| format!("– {}", spans(i)))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text from a description written in HTML (LHEO texts often are: `<p>`, `<br />`, `<li>`):
/// tags become line breaks or list markers, entities are read, nothing else of HTML is kept.
/// The result is Markdown-like text for [`parse`].
pub fn from_html(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(rest.get(..lt).unwrap_or_default());
        let after = rest.get(lt..).unwrap_or_default();
        match after.find('>') {
            Some(gt) => {
                let tag = after
                    .get(1..gt)
                    .unwrap_or_default()
                    .trim()
                    .trim_start_matches('/')
                    .to_ascii_lowercase();
                let name: String = tag
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                match name.as_str() {
                    "br" => out.push('\n'),
                    "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "tr" => {
                        out.push_str("\n\n")
                    }
                    "li" if !after.starts_with("</") => out.push_str("\n- "),
                    "" => out.push('<'),
                    _ => {}
                }
                if name.is_empty() {
                    rest = after.get(1..).unwrap_or_default();
                } else {
                    rest = after.get(gt.saturating_add(1)..).unwrap_or_default();
                }
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    // At most one blank line in a row, no trailing spaces.
    let mut lines: Vec<&str> = Vec::new();
    for l in decoded.lines().map(str::trim) {
        if l.is_empty() && lines.last().is_none_or(|p| p.is_empty()) {
            continue;
        }
        lines.push(l);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_spans() {
        let b = parse("### Objectif de la formation\n\n- Les **formations** visent\n- Attestation\n\nTexte [site](https://ex.fr) fin.");
        assert_eq!(b.len(), 3);
        assert_eq!(
            b[0],
            Block::Heading(3, vec![Inline::Text("Objectif de la formation".into())])
        );
        match &b[1] {
            Block::List(items) => {
                assert_eq!(items.len(), 2);
                assert_eq!(items[0][1], Inline::Strong("formations".into()));
            }
            other => panic!("{other:?}"),
        }
        match &b[2] {
            Block::Paragraph(p) => assert!(p.contains(&Inline::Link {
                text: "site".into(),
                url: "https://ex.fr".into()
            })),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn html_and_scripts_stay_text() {
        let b = parse("<script>alert(1)</script> [x](javascript:alert(1))");
        let Block::Paragraph(spans) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(spans[0], Inline::Text("<script>alert(1)</script> ".into()));
        assert!(
            spans.iter().all(|s| matches!(s, Inline::Text(_))),
            "{spans:?}"
        );
    }

    #[test]
    fn html_texts_become_lines() {
        assert_eq!(
            from_html(
                "<p>Prérequis :<br />savoir lire</p><ul><li>un</li><li>deux</li></ul> &amp; plus"
            ),
            "Prérequis :\nsavoir lire\n\n- un\n- deux\n\n&amp; plus".replace("&amp;", "&")
        );
    }
}
