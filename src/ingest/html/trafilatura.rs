//! The article region as `rs-trafilatura` finds it (trafilatura's rules ported to Rust, with
//! its page-type classifier: articles, forums, products, listings, documentation).

use scraper::Html;

use super::walk::{self, Reading};
use crate::ingest::Block;

/// What rs-trafilatura found.
pub(super) struct Found {
    /// The region's blocks.
    pub blocks: Vec<Block>,
    /// True when its rules found too little and it fell back to the page's whole text, which
    /// runs headings, bylines and list items together ("Big newsBy A. Writer…").
    pub fallback: bool,
    /// True when it gave its region as text without markup (on some forums, product grids,
    /// a story above a rail of teasers): its lines are the blocks, headings and paragraphs
    /// run together as in the fallback.
    pub text_only: bool,
    /// True when it read the page's JSON-LD `articleBody` instead of its markup (it does when
    /// that text is longer than the region it found): a text whose paragraphs may run together
    /// and whose links' words the publisher's converter may have left out ("The latest data
    /// from shows the industry growing…").
    pub structured: bool,
    /// The kind of page its classifier saw ("article", "forum", "product", "collection",
    /// "listing", "documentation", "service").
    pub page_type: Option<String>,
    /// How the region was read: as an article, or whole (see [`reading_for`]).
    pub reading: Reading,
}

/// How a page of the kind rs-trafilatura's classifier names is read: articles as articles,
/// every other kind whole (see [`Reading`]), but only when the page's address is known
/// (`has_url`): without it the classifier guesses from markup alone, and calls plain blog
/// posts and news stories forums or service pages.
pub(super) fn reading_for(page_type: Option<&str>, has_url: bool) -> Reading {
    match page_type {
        Some(kind) if has_url && kind != "article" => Reading::Whole,
        _ => Reading::Article,
    }
}

/// The blocks of the region rs-trafilatura picks, or `None` when it finds nothing. `url` (the
/// page's address) helps its page-type classifier.
///
/// `page` is the page parsed: its `<title>` recognises a fallback that holds only the title,
/// and its own code blocks are read in place of the region's copies (see
/// [`walk::PageCode`]).
pub(super) fn blocks(html: &str, page: &Html, url: Option<&str>) -> Option<Found> {
    let title = title_element(page);
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    let result = rs_trafilatura::extract_with_options(html, &options).ok()?;
    // The crate reports its fallback only as a warning string.
    let fallback = result
        .warnings
        .iter()
        .any(|w| w.starts_with("Used fallback extraction"));
    let structured = result
        .warnings
        .iter()
        .any(|w| w.starts_with("Using JSON-LD content"));
    let page_type = result.metadata.page_type.clone();
    let reading = reading_for(page_type.as_deref(), url.is_some());
    let mut blocks = if fallback {
        // The fallback is one <p> whose lines are the page's blocks; on a page that shows no
        // text it holds only the title, repeated ("AppAppApp"), which is not an article.
        let title = title
            .as_deref()
            .or(result.metadata.title.as_deref())
            .map(super::letters_and_digits);
        let mut blocks = super::line_blocks(&result.content_text);
        blocks.retain(|b| {
            !title
                .as_deref()
                .is_some_and(|t| is_repeat_of(&super::letters_and_digits(&b.text), t))
        });
        blocks
    } else {
        result
            .content_html
            .map(|content| {
                let code = walk::PageCode::of(page);
                walk::read_region(
                    Html::parse_document(&content).root_element(),
                    reading,
                    &code,
                )
            })
            .unwrap_or_default()
    };
    let text_only = blocks.is_empty() && !fallback;
    if text_only {
        blocks = super::line_blocks(&result.content_text);
    }
    (!blocks.is_empty()).then_some(Found {
        blocks,
        fallback,
        text_only,
        structured,
        page_type,
        reading,
    })
}

/// The text of the page's `<title>` element, as written.
fn title_element(page: &Html) -> Option<String> {
    let sel = scraper::Selector::parse("title").ok()?;
    page.select(&sel).next().map(|t| t.text().collect())
}

/// True when `line` is `unit` said once or more times over ("appappapp" of "app").
fn is_repeat_of(line: &str, unit: &str) -> bool {
    !unit.is_empty()
        && line.len().is_multiple_of(unit.len())
        && line
            .as_bytes()
            .chunks(unit.len())
            .all(|c| c == unit.as_bytes())
}
