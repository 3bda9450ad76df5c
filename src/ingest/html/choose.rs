//! Picks the strategy whose text is read, and tells whether even the best one read only a
//! fragment of the page.

use scraper::Html;

use super::{readability, structured, trafilatura, walk, words_in, HtmlOptions, Strategy};
use crate::ingest::Block;

/// The strategies in the order they are tried.
const ORDER: [Strategy; 4] = [
    Strategy::Trafilatura,
    Strategy::Readability,
    Strategy::StructuredData,
    Strategy::Page,
];

/// Runs one strategy; the strategy returned is the one whose blocks these are.
///
/// When rs-trafilatura's rules find too little it falls back to the page's whole text with
/// blocks run together (and the title repeated); if Readability, else our walk of the page,
/// then reads more than a fragment of the page, its blocks are taken instead (on short pages
/// this keeps headings and list items apart; on the dev set see README.md).
fn run(
    strategy: Strategy,
    html: &str,
    page: &Html,
    url: Option<&str>,
) -> Option<(Strategy, Vec<Block>)> {
    let blocks = match strategy {
        Strategy::Trafilatura => {
            let found = trafilatura::blocks(html, url)?;
            if found.fallback {
                let visible = super::visible_words(page);
                let enough = |b: &Vec<Block>| !is_fragment(words_in(b), visible);
                if let Some(r) = readability::blocks(html).filter(enough) {
                    return Some((Strategy::Readability, r));
                }
                let own = walk::blocks_of(walk::article_root(page));
                if !own.is_empty() && enough(&own) {
                    return Some((Strategy::Page, own));
                }
                if visible == 0 {
                    // A page that shows no text: the fallback has only the <title> and meta
                    // tags, run together ("AppAppApp").
                    return None;
                }
            }
            found.blocks
        }
        Strategy::Readability => readability::blocks(html)?,
        Strategy::StructuredData => structured::blocks(page)?,
        Strategy::Page => walk::blocks_of(walk::article_root(page)),
    };
    (!blocks.is_empty()).then_some((strategy, blocks))
}

/// True when `words` read is a fragment of a page showing `visible` words.
pub(super) fn is_fragment(words: usize, visible: usize) -> bool {
    words * 10 < visible
}

/// The chosen strategy, its blocks, and whether they are only a fragment of the page.
pub(super) fn choose(
    html: &str,
    page: &Html,
    url: Option<&str>,
    opts: &HtmlOptions,
) -> (Strategy, Vec<Block>, bool) {
    let visible = super::visible_words(page);
    if let Some(strategy) = opts.extractor {
        // Forced means forced: no swap to Readability on rs-trafilatura's fallback.
        let blocks = match strategy {
            Strategy::Trafilatura => trafilatura::blocks(html, url).map(|f| f.blocks),
            _ => run(strategy, html, page, url).map(|(_, b)| b),
        }
        .unwrap_or_default();
        let fragment = is_fragment(words_in(&blocks), visible);
        return (strategy, blocks, fragment);
    }
    let mut best: Option<(Strategy, Vec<Block>, usize)> = None;
    for strategy in ORDER {
        let Some((strategy, blocks)) = run(strategy, html, page, url) else {
            continue;
        };
        let words = words_in(&blocks);
        if !is_fragment(words, visible) {
            return (strategy, blocks, false);
        }
        if best.as_ref().is_none_or(|(_, _, w)| words > *w) {
            best = Some((strategy, blocks, words));
        }
    }
    match best {
        Some((strategy, blocks, _)) => (strategy, blocks, true),
        None => (Strategy::Trafilatura, Vec::new(), visible > 0),
    }
}
