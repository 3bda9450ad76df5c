//! HTML pages: the article is picked out of the page (`<article>`, else `<main>`, else the
//! body) and read block by block, leaving out navigation, ads, share bars, cookie notices,
//! related links, comments, newsletter boxes, figures, tables and code.
//!
//! Parsing is `scraper` (html5ever); the choice of what to read is ours and deliberately
//! simple: structural tags plus class/id words that sites use for clutter.

use scraper::{ElementRef, Html, Node, Selector};

use super::{collapse_whitespace, Block, BlockKind, Document};

/// Elements never read: page furniture, media, code and forms.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figure",
    "figcaption",
    "table",
    "pre",
    "button",
    "svg",
    "iframe",
    "img",
    "video",
    "audio",
    "canvas",
    "select",
    "textarea",
    "input",
    "object",
    "embed",
    "dialog",
    "menu",
];

/// Words in a class or id that mark clutter. Matched against the parts of a class name split
/// at `-`, `_` and spaces, so `cookie-banner` matches but `header-shadow` does not match `ad`.
const CLUTTER_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "promo",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "comment",
    "comments",
    "newsletter",
    "subscribe",
    "signup",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "byline",
    "caption",
    "credit",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "popup",
    "modal",
    "toolbar",
    "tags",
    "author-bio",
    "outbrain",
    "taboola",
    "paywall",
    "disclaimer",
];

/// Inline elements: their text belongs to the surrounding block.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "font", "del", "ins",
];

/// Parses an HTML page into the article's title and blocks.
pub fn parse(text: &str) -> Document {
    let page = Html::parse_document(text);
    let root = ["article", "main", "[role=main]", "body"]
        .iter()
        .find_map(|s| {
            Selector::parse(s)
                .ok()
                .and_then(|sel| page.select(&sel).next())
        })
        .unwrap_or_else(|| page.root_element());

    let mut blocks = Vec::new();
    let mut pending = String::new();
    walk(root, BlockKind::Paragraph, &mut pending, &mut blocks);
    push_block(&mut pending, BlockKind::Paragraph, &mut blocks);

    // The first h1 is the headline; without one, the <title> (site name dropped) is.
    let mut title = first_h1(root).or_else(|| first_h1(page.root_element()));
    if let Some(t) = &title {
        if let Some(i) = blocks.iter().position(|b| &b.text == t) {
            blocks.remove(i);
        }
    } else {
        title = page_title(&page);
    }
    Document { title, blocks }
}

fn first_h1(root: ElementRef<'_>) -> Option<String> {
    let sel = Selector::parse("h1").ok()?;
    root.select(&sel)
        .map(|h| collapse_whitespace(&h.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn page_title(page: &Html) -> Option<String> {
    let sel = Selector::parse("title").ok()?;
    let raw = collapse_whitespace(&page.select(&sel).next()?.text().collect::<String>());
    // "Headline — Site name", "Headline | Site": keep the headline.
    let headline = [" — ", " | ", " – ", " - "]
        .iter()
        .find_map(|sep| raw.rsplit_once(sep).map(|(h, _)| h.to_string()))
        .unwrap_or(raw);
    (!headline.is_empty()).then_some(headline)
}

fn is_clutter(el: &scraper::node::Element) -> bool {
    if SKIP_TAGS.contains(&el.name()) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks = [el.attr("class"), el.id(), el.attr("role")];
    marks.iter().flatten().any(|m| {
        m.split(|c: char| c == '-' || c == '_' || c.is_whitespace())
            .any(|w| CLUTTER_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    }) || matches!(
        el.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary")
    )
}

fn block_kind(name: &str) -> Option<BlockKind> {
    match name {
        "p" | "dd" | "dt" => Some(BlockKind::Paragraph),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
        "li" => Some(BlockKind::ListItem),
        _ => None,
    }
}

fn push_block(text: &mut String, kind: BlockKind, blocks: &mut Vec<Block>) {
    let t = collapse_whitespace(text);
    text.clear();
    if !t.is_empty() {
        blocks.push(Block { kind, text: t });
    }
}

/// Walks a container: inline content accumulates in `pending`; block children flush it.
fn walk(el: ElementRef<'_>, context: BlockKind, pending: &mut String, blocks: &mut Vec<Block>) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => pending.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_clutter(e) {
                    continue;
                }
                let name = e.name();
                if name == "br" {
                    pending.push(' ');
                } else if INLINE_TAGS.contains(&name) {
                    inline_text(child_el, pending);
                } else if let Some(kind) = block_kind(name) {
                    push_block(pending, context, blocks);
                    let kind = if context == BlockKind::Quote && kind == BlockKind::Paragraph {
                        BlockKind::Quote
                    } else {
                        kind
                    };
                    let mut text = String::new();
                    inline_text(child_el, &mut text);
                    push_block(&mut text, kind, blocks);
                } else {
                    push_block(pending, context, blocks);
                    let inner = if name == "blockquote" {
                        BlockKind::Quote
                    } else {
                        context
                    };
                    walk(child_el, inner, pending, blocks);
                    push_block(pending, inner, blocks);
                }
            }
            _ => {}
        }
    }
}

/// Collects the readable text inside a block, skipping clutter nested in it.
fn inline_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if is_clutter(e) {
                    continue;
                }
                if e.name() == "br" {
                    out.push(' ');
                } else if let Some(c) = ElementRef::wrap(child) {
                    // Block elements nested in a block (e.g. <p> in <li>) are separated by a space.
                    let block = !INLINE_TAGS.contains(&e.name());
                    if block {
                        out.push(' ');
                    }
                    inline_text(c, out);
                    if block {
                        out.push(' ');
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_article_and_skips_page_furniture() {
        let page = r#"<!doctype html><html><head><title>Big news — The Site</title>
            <script>var x = "no";</script></head><body>
            <header><nav><a href="/">Home</a></nav></header>
            <div class="cookie-banner">We use cookies. Accept all</div>
            <article><h1>Big news</h1><p class="byline">By A. Writer</p>
            <p>First <em>real</em> paragraph.</p>
            <div class="ad">Advertisement</div>
            <figure><img src="x.jpg"><figcaption>A photo</figcaption></figure>
            <h2>A subhead</h2><ul><li>one</li><li>two &amp; three</li></ul>
            <blockquote><p>Quoted.</p></blockquote>
            <div class="share">Share on X</div></article>
            <aside class="related"><a>Other story</a></aside>
            <section id="comments"><p>Great post!</p></section>
            <footer>© 2025</footer></body></html>"#;
        let d = parse(page);
        assert_eq!(d.title.as_deref(), Some("Big news"));
        let got: Vec<(BlockKind, &str)> =
            d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Paragraph, "First real paragraph."),
                (BlockKind::Heading, "A subhead"),
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two & three"),
                (BlockKind::Quote, "Quoted."),
            ]
        );
    }

    #[test]
    fn falls_back_to_title_element_without_h1() {
        let d = parse("<html><head><title>Only Title | Site</title></head><body><div>Loose text in a div.</div></body></html>");
        assert_eq!(d.title.as_deref(), Some("Only Title"));
        assert_eq!(d.blocks[0].text, "Loose text in a div.");
    }
}
