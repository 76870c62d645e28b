//! A description written in Markdown (data·inclusion) shown as formatted text: the core reads
//! it into blocks ([`relais_core::markdown`]), this turns them into Yew nodes. Only text nodes
//! and a fixed set of elements are made; no HTML of the description ever reaches the page.

use relais_core::markdown::{parse, Block, Inline};
use yew::prelude::*;

fn spans(list: &[Inline]) -> Html {
    html! {
        <>
            { for list.iter().map(|s| match s {
                Inline::Text(t) => html! { { t.clone() } },
                Inline::Strong(t) => html! { <strong>{ t.clone() }</strong> },
                Inline::Emphasis(t) => html! { <em>{ t.clone() }</em> },
                Inline::Link { text, url } => html! {
                    <a href={url.clone()} rel="noopener noreferrer" target="_blank">{ text.clone() }</a>
                },
            }) }
        </>
    }
}

/// The description as formatted text. Headings are shown one level under the card's title
/// (`h5`, `h6`), so that the page's outline stays right.
pub fn render(text: &str) -> Html {
    html! {
        <div class="description">
            { for parse(text).iter().map(|b| match b {
                Block::Heading(level, s) if *level <= 3 => html! { <h5>{ spans(s) }</h5> },
                Block::Heading(_, s) => html! { <h6>{ spans(s) }</h6> },
                Block::Paragraph(s) => html! { <p>{ spans(s) }</p> },
                Block::List(items) => html! {
                    <ul>{ for items.iter().map(|i| html! { <li>{ spans(i) }</li> }) }</ul>
                },
            }) }
        </div>
    }
}
