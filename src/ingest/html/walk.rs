//! Our block walk: turns the HTML of an article region into blocks — headings, paragraphs,
//! list items (ordered ones with their numbers), quotes — and drops what the region may still
//! hold that a listener does not want: clutter by class/id words, boxes that are mostly links,
//! figures, code, and tables (a data table is announced with one short sentence, so the
//! listener knows something was skipped).
//!
//! No extraction crate keeps blocks (they return one text blob, or Markdown), so whichever
//! strategy finds the article, this walk reads it.

use scraper::{ElementRef, Html, Node, Selector};

use crate::ingest::{collapse_whitespace, Block, BlockKind};

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
    "meta",
    "popular",
    "trending",
    "foot",
    "footer",
    "nav",
    "navigation",
    "menu",
    "pagination",
    "feedback",
    "toc",
    "headerlink",
    "skip",
    "cta",
    "bio",
    "widget",
    "actions",
    "copyright",
    "onetrust",
    "masthead",
];

/// What is said in place of a data table: tables do not read aloud, but silence would hide
/// that the article had one.
pub const TABLE_ANNOUNCEMENT: &str = "A table is omitted.";

/// Inline elements: their text belongs to the surrounding block.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "font", "del", "ins",
];

/// True for elements whose text belongs to the surrounding block.
pub(super) fn is_inline(name: &str) -> bool {
    INLINE_TAGS.contains(&name)
}

/// The readable blocks under `root`.
pub(super) fn blocks_of(root: ElementRef<'_>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pending = String::new();
    walk(root, BlockKind::Paragraph, &mut pending, &mut blocks);
    push_block(&mut pending, BlockKind::Paragraph, &mut blocks);
    blocks
}

/// Where the article is by tags alone: the longest `<article>`, else `<main>`, else the body.
pub(super) fn article_root(page: &Html) -> ElementRef<'_> {
    // The longest <article>: pages that list teasers or mark each comment as an article have
    // several, and the story is the big one.
    let article = Selector::parse("article").ok().and_then(|sel| {
        page.select(&sel)
            .max_by_key(|a| a.text().map(|t| t.trim().len()).sum::<usize>())
    });
    article
        .or_else(|| {
            ["main", "[role=main]", "body"].iter().find_map(|s| {
                Selector::parse(s)
                    .ok()
                    .and_then(|sel| page.select(&sel).next())
            })
        })
        .unwrap_or_else(|| page.root_element())
}

pub(super) fn first_h1(root: ElementRef<'_>) -> Option<String> {
    let sel = Selector::parse("h1").ok()?;
    root.select(&sel)
        .map(|h| {
            // Read like any block, so a "¶" permalink inside the heading is left out.
            let mut text = String::new();
            inline_text(h, &mut text);
            collapse_whitespace(&text)
        })
        .find(|t| !t.is_empty())
}

pub(super) fn page_title(page: &Html) -> Option<String> {
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
    if el.attr("style").is_some_and(|s| {
        s.split_whitespace()
            .collect::<String>()
            .to_ascii_lowercase()
            .contains("display:none")
    }) {
        return true;
    }
    let marks = [el.attr("class"), el.id(), el.attr("role")];
    marks.iter().flatten().any(|m| {
        m.split(|c: char| c == '-' || c == '_' || c.is_whitespace())
            .any(|w| CLUTTER_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    }) || matches!(
        el.attr("role"),
        Some(
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "alertdialog"
                | "search"
        )
    )
}

/// A box that is mostly links (at least two, and 70% or more of its text) is navigation:
/// "more on this story" lists, teaser grids, link strips, tables of contents.
fn is_link_box(el: ElementRef<'_>) -> bool {
    let Ok(links) = Selector::parse("a") else {
        return false;
    };
    let count = |it: &mut dyn Iterator<Item = &str>| -> usize {
        it.map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    };
    let total = count(&mut el.text());
    let mut n = 0;
    let mut linked = 0;
    for a in el.select(&links) {
        n += 1;
        linked += count(&mut a.text());
    }
    n >= 2 && total > 0 && linked * 10 >= total * 7
}

/// Class/id words of a preformatted block that holds code.
const CODE_WORDS: &[&str] = &[
    "code",
    "highlight",
    "lang",
    "language",
    "source",
    "sourcecode",
    "syntax",
    "console",
    "shell",
    "terminal",
    "prettyprint",
    "hljs",
    "listing",
];

/// True when a `<pre>` holds code (skipped: code does not read aloud) rather than
/// preformatted prose such as a manual page or a poem (read). Code is marked by a `<code>`
/// inside, a code-like class or id, or punctuation that prose does not use: more than one
/// character in twenty from `{}[]();=<>$#\|&*`.
fn is_code_block(pre: ElementRef<'_>) -> bool {
    let marked = |el: ElementRef<'_>| {
        [el.value().attr("class"), el.value().id()]
            .iter()
            .flatten()
            .any(|m| {
                m.split(|c: char| c == '-' || c == '_' || c.is_whitespace())
                    .any(|w| CODE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
            })
    };
    if marked(pre) || pre.parent().and_then(ElementRef::wrap).is_some_and(marked) {
        return true;
    }
    if pre
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|e| matches!(e.value().name(), "code" | "samp" | "kbd"))
    {
        return true;
    }
    let (mut all, mut symbols) = (0usize, 0usize);
    for c in pre
        .text()
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
    {
        all += 1;
        if "{}[]();=<>$#\\|&*".contains(c) {
            symbols += 1;
        }
    }
    symbols * 20 > all
}

/// The paragraphs of preformatted prose: blank lines separate them.
fn pre_blocks(pre: ElementRef<'_>, blocks: &mut Vec<Block>) {
    let text: String = pre.text().collect();
    for para in text.split("\n\n") {
        let mut t = para.to_string();
        push_block(&mut t, BlockKind::Paragraph, blocks);
    }
}

/// A table used for page layout (old sites, forums) holds paragraphs, headings or other
/// tables, or a cell of running text (40 words or more); its text is read like any container.
/// Any other table holds data.
fn is_layout_table(el: ElementRef<'_>) -> bool {
    if Selector::parse("p, table, h1, h2, h3, h4, h5, h6, article")
        .is_ok_and(|sel| el.select(&sel).next().is_some())
    {
        return true;
    }
    Selector::parse("td, th").is_ok_and(|sel| {
        el.select(&sel)
            .any(|cell| cell.text().flat_map(str::split_whitespace).count() >= 40)
    })
}

/// Longest data table read aloud, in rows: a short table (a price list, a comparison of a
/// few items) is read row by row, cells separated by commas; a longer one is announced, since
/// dozens of rows of figures do not make listening.
pub const MAX_TABLE_ROWS: usize = 15;

/// A data table as blocks: its rows when it has at most [`MAX_TABLE_ROWS`], else the
/// announcement.
fn table_blocks(table: ElementRef<'_>, blocks: &mut Vec<Block>) {
    let (Ok(rows), Ok(cells)) = (Selector::parse("tr"), Selector::parse("td, th")) else {
        return;
    };
    let rows: Vec<String> = table
        .select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|cell| {
                    let mut text = String::new();
                    inline_text(cell, &mut text);
                    collapse_whitespace(&text)
                })
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|r| !r.is_empty())
        .collect();
    if rows.is_empty() {
        return;
    }
    if rows.len() > MAX_TABLE_ROWS {
        if blocks.last().map(|b| b.text.as_str()) != Some(TABLE_ANNOUNCEMENT) {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                text: TABLE_ANNOUNCEMENT.to_string(),
            });
        }
        return;
    }
    for mut row in rows {
        if !row.ends_with(['.', '!', '?']) {
            row.push('.');
        }
        push_block(&mut row, BlockKind::ListItem, blocks);
    }
}

/// "3. " for the third item of an ordered list (honouring `start`), so steps are read with
/// their numbers as in Markdown; nothing for other items.
fn item_number(li: ElementRef<'_>) -> Option<String> {
    let parent = li.parent().and_then(ElementRef::wrap)?;
    if parent.value().name() != "ol" {
        return None;
    }
    let start: i64 = parent
        .value()
        .attr("start")
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1);
    let before = li
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "li")
        .count() as i64;
    Some(format!("{}. ", start + before))
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
                } else if name == "pre" {
                    push_block(pending, context, blocks);
                    if !is_code_block(child_el) {
                        pre_blocks(child_el, blocks);
                    }
                } else if INLINE_TAGS.contains(&name) {
                    inline_text(child_el, pending);
                } else if name == "table" && !is_layout_table(child_el) {
                    push_block(pending, context, blocks);
                    table_blocks(child_el, blocks);
                } else if block_kind(name).is_none() && is_link_box(child_el) {
                    push_block(pending, context, blocks);
                } else if let Some(kind) = block_kind(name) {
                    push_block(pending, context, blocks);
                    let kind = if context == BlockKind::Quote && kind == BlockKind::Paragraph {
                        BlockKind::Quote
                    } else {
                        kind
                    };
                    let mut text = String::new();
                    inline_text(child_el, &mut text);
                    if name == "li" && !text.trim().is_empty() {
                        if let Some(n) = item_number(child_el) {
                            text.insert_str(0, &n);
                        }
                    }
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
                if is_clutter(e) || e.name() == "table" {
                    continue;
                }
                if e.name() == "pre" && ElementRef::wrap(child).is_some_and(is_code_block) {
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
    use crate::ingest::html::{parse, HtmlOptions};
    use crate::ingest::Document;

    fn parse_page(text: &str) -> Document {
        parse(text, &HtmlOptions::default())
    }

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
        let d = parse_page(page);
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
        let d = parse_page("<html><head><title>Only Title | Site</title></head><body><div>Loose text in a div.</div></body></html>");
        assert_eq!(d.title.as_deref(), Some("Only Title"));
        assert_eq!(d.blocks[0].text, "Loose text in a div.");
    }
}
