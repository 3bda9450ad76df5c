//! Picks the strategy whose text is read, and says what counts as a fragment of a page.

use scraper::Html;

use super::{
    letters_and_digits, readability, structured, trafilatura, walk, words_in, HtmlOptions,
    Strategy, Visible,
};
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
/// then reads more than a fragment of the page and of the fallback ([`replaces_fallback`]) and
/// mostly the same words (at least [`SAME_TEXT`] of its words are in the fallback's text: the
/// same article, not a cookie dialog), its blocks are taken instead, which keeps headings and
/// list items apart.
///
/// `kind` is the page type rs-trafilatura's classifier named, once it has run: the strategies
/// after it read the page as that kind (see [`walk::Reading`]).
fn run(
    strategy: Strategy,
    html: &str,
    page: &Html,
    url: Option<&str>,
    visible: &Visible,
    kind: &mut Option<String>,
) -> Option<(Strategy, Vec<Block>)> {
    let reading = trafilatura::reading_for(kind.as_deref(), url.is_some());
    let blocks = match strategy {
        Strategy::Trafilatura => {
            let found = trafilatura::blocks(html, page, url)?;
            kind.clone_from(&found.page_type);
            let reading = found.reading;
            if found.fallback || found.text_only {
                let fallback_text = run_together(&found.blocks);
                let fallback_words = words_in(&found.blocks);
                let enough = |b: &Vec<Block>| {
                    replaces_fallback(words_in(b), fallback_words, visible)
                        && shared(b, &fallback_text) >= SAME_TEXT
                        && (!found.text_only
                            || (block_share(b, &fallback_text) >= SAME_TEXT
                                && words_in(b) as f64
                                    >= SHARE_OF_TEXT_ONLY * fallback_words as f64))
                };
                if let Some(r) = readability::blocks(html, reading).filter(enough) {
                    return Some((Strategy::Readability, r));
                }
                let own = walk::read_blocks(walk::article_root(page), reading);
                if !own.is_empty() && enough(&own) {
                    return Some((Strategy::Page, own));
                }
            }
            if found.structured && !found.fallback {
                // The crate read the page's JSON-LD text: the page's own markup of the same
                // article keeps its paragraphs and its links' words.
                if let Some(own) = same_article_in_markup(html, page, &found.blocks, reading) {
                    return Some(own);
                }
            }
            if found.page_type.as_deref() == Some("forum") && url.is_some() {
                // A thread whose posts are sibling <article>s, read as one of them (Flarum's
                // thread for readers without JavaScript): the posts' container is read.
                if let Some(posts) = walk::sibling_articles(page) {
                    let all = walk::read_blocks(posts, reading);
                    if reads_whole_thread(&found.blocks, &all) {
                        return Some((Strategy::Page, all));
                    }
                }
            }
            if reading == walk::Reading::Article && !found.fallback {
                // The crate's region is a comment thread under the story (rs-trafilatura scores
                // thirty replies above eight paragraphs): the story is read.
                let comments = walk::comment_sections_text(page);
                if !comments.is_empty() && block_share(&found.blocks, &comments) >= IN_COMMENTS {
                    let own = walk::read_blocks(walk::article_root(page), reading);
                    if words_in(&own) >= MIN_WORDS_READ
                        && block_share(&own, &comments) < IN_COMMENTS
                    {
                        return Some((Strategy::Page, own));
                    }
                }
            }
            if found.page_type.as_deref() == Some("product") && editorial(page) {
                // An editorial review of a product (schema.org Review or an article type at
                // the page's top): rs-trafilatura's classifier saw a product by its price box
                // and dropped, as customer reviews, the container classed "review-body" that
                // holds the review itself (76 of 388 words read, no warning; found by a fresh
                // tester). The page's own article is read when it holds the crate's region and
                // reads at least twice as much.
                let own = walk::read_blocks(walk::article_root(page), walk::Reading::Article);
                if words_in(&own) >= 2 * words_in(&found.blocks)
                    && block_share(&found.blocks, &run_together(&own)) >= SAME_TEXT
                {
                    return Some((Strategy::Page, own));
                }
            }
            if found.page_type.as_deref() == Some("article") {
                // rs-trafilatura's region can lie outside the page's own <article> (a wall of
                // testimonials or a signup box that scores better by its rules): the markup
                // says where the article is, so when the two regions share next to nothing and
                // the <article> (else <main>) reads as much, it is read instead.
                let own = walk::read_blocks(walk::article_root(page), reading);
                if elsewhere(&found.blocks, &own) {
                    return Some((Strategy::Page, own));
                }
            }
            found.blocks
        }
        Strategy::Readability => readability::blocks(html, reading)?,
        Strategy::StructuredData => structured::blocks(page)?,
        Strategy::Page => walk::read_blocks(walk::article_root(page), reading),
    };
    (!blocks.is_empty()).then_some((strategy, blocks))
}

/// Least share of the words of the JSON-LD text rs-trafilatura read that the page's markup
/// must read for its reading to be taken instead ([`same_article_in_markup`]): the words of
/// links the publisher's converter left out are in the markup, not in that text, so the
/// markup holds nearly all of it when it is the same article.
const STRUCTURED_IN_MARKUP: f64 = 0.9;

/// The reading of the page's markup that replaces the JSON-LD text rs-trafilatura read
/// (`structured`): our walk of the page's `<article>` (else `<main>`), else Readability's,
/// whichever first holds [`STRUCTURED_IN_MARKUP`] of its words and reads as many words as
/// [`SAME_TEXT`] of it. On the extraction dev set the crate read such a text on 5 of 806 pages
/// (a list of bootcamps read as one paragraph of 3,503 words with "The latest data from shows
/// the industry growing…"); see README.md.
fn same_article_in_markup(
    html: &str,
    page: &Html,
    structured: &[Block],
    reading: walk::Reading,
) -> Option<(Strategy, Vec<Block>)> {
    let words = words_in(structured);
    let holds = |b: &Vec<Block>| {
        words_in(b) as f64 >= SAME_TEXT * words as f64
            && shared(structured, &run_together(b)) >= STRUCTURED_IN_MARKUP
    };
    let own = walk::read_blocks(walk::article_root(page), reading);
    if holds(&own) {
        return Some((Strategy::Page, own));
    }
    readability::blocks(html, reading)
        .filter(holds)
        .map(|r| (Strategy::Readability, r))
}

/// True when a candidate reading `words` may replace rs-trafilatura's fallback text of
/// `fallback_words` (before [`SAME_TEXT`] is checked): it reads more than a tenth of the
/// `visible` words ([`is_fragment`]), is not warned about ([`warns`], against the words
/// outside navigation) unless the fallback would be too (a page of a few dozen words), and
/// reads at least [`SHARE_OF_FALLBACK`] of the fallback's words unless the fallback is warned
/// about: on an app shell of a few words the fallback glues the page's `<title>` to itself
/// three times ("Story titleLoading…Story titleStory titleLoading…"), and the one word the
/// page shows, read apart, is what is there.
fn replaces_fallback(words: usize, fallback_words: usize, visible: &Visible) -> bool {
    let outside = visible.outside_navigation;
    let fallback_warned = warns(fallback_words, outside);
    !is_fragment(words, visible.all)
        && (!warns(words, outside) || fallback_warned)
        && (fallback_warned || words as f64 >= SHARE_OF_FALLBACK * fallback_words as f64)
}

/// Least share of rs-trafilatura's fallback words a candidate must read to replace it: the
/// fallback of a listing is often the listing itself, where one card of it (a third of the
/// words or less) read by our walk is no better. Measured on the 806 real pages of the
/// extraction dev set: 0.25 changes one page, a magazine's section front (F1 0.27 → 0.93);
/// 0.4 and 0.5 also cut an article down to its first half (0.98 → 0.47).
const SHARE_OF_FALLBACK: f64 = 0.25;

/// Least share of the words of rs-trafilatura's region given as text only that a candidate
/// must read to replace it (its blocks found whole in that text, [`SAME_TEXT`]): the same
/// region with its headings and paragraphs apart, perhaps without a rail of teasers. On the
/// extraction dev set, with no least share a catalogue's text-only region (1,901 words) was
/// replaced by a third of it (629) that Readability picked, F1 0.66 → 0; at 0.8, 5 pages gained
/// and 2 lost 0.03 (net +0.5 of a page's F1); at a half, with the rail of teasers left out
/// ([`walk`]), the catalogue gained too (0.66 → 0.87), net +0.9.
const SHARE_OF_TEXT_ONLY: f64 = 0.5;

/// Share of a candidate's words that must be in rs-trafilatura's fallback text for the
/// candidate to replace it (0.8 measured on the dev set: lower lets cookie dialogs and login
/// boxes in; see README.md).
const SAME_TEXT: f64 = 0.8;

/// How many times the words of rs-trafilatura's region a thread's sibling posts must read for
/// the thread to be read whole (see [`reads_whole_thread`]). Measured on the 99 threads of the
/// extraction dev set: 2.5 changes a Flarum thread read as its first post (F1 0.39 → 0.99) and
/// one short thread (−0.01); 1.5 also took XenForo threads the crate already read whole, with
/// each post's member card (three down by 0.01–0.07).
const WHOLE_THREAD: f64 = 2.5;

/// True when a thread's posts read together (`all`, the sibling `<article>`s) replace
/// rs-trafilatura's region (`found`): they hold its text ([`SAME_TEXT`]) and read at least
/// [`WHOLE_THREAD`] times its words.
fn reads_whole_thread(found: &[Block], all: &[Block]) -> bool {
    words_in(all) as f64 >= WHOLE_THREAD * words_in(found) as f64
        && block_share(found, &run_together(all)) >= SAME_TEXT
}

/// Share of a story's reading found in the page's comment sections for the reading to be
/// called the comments rather than the story (see [`run`]).
const IN_COMMENTS: f64 = 0.5;

/// Most share of either region's words found in the other's for rs-trafilatura's region to be
/// called somewhere else than the page's `<article>` (see [`elsewhere`]).
const ELSEWHERE_SHARED: f64 = 0.5;

/// Largest region, in words, that [`elsewhere`] compares: 20,000, nearly twice the longest
/// true article text among the extraction dev set's 351 articles (11,070 words).
const ELSEWHERE_MAX_WORDS: usize = 20_000;

/// True when `own` (our walk of the page's `<article>`, else `<main>`) is read instead of
/// rs-trafilatura's region `found`: the two share under [`ELSEWHERE_SHARED`] of their words
/// either way (blocks found whole in the other's text), and `own` reads at least as many words
/// and at least [`MIN_WORDS_READ`]. Measured on the 806 real pages of the extraction dev set
/// (simulated on the forced strategies' outputs, then scored): it changes two of the 351
/// articles, a newsletter issue whose crate region was the testimonials beside it (F1 0.01 →
/// 0.98) and a short post the crate read as one block with its paragraphs run together
/// (0.74 → 0.79), and of the other 455 pages one listing (0.97 → 1.00); see README.md.
/// Each block is looked for in the other region's whole text, which costs blocks × text, so
/// regions over [`ELSEWHERE_MAX_WORDS`] are left as they are (hostile pages stay linear).
fn elsewhere(found: &[Block], own: &[Block]) -> bool {
    let own_words = words_in(own);
    let found_words = words_in(found);
    own_words >= MIN_WORDS_READ.max(found_words)
        && own_words.max(found_words) <= ELSEWHERE_MAX_WORDS
        && block_share(found, &run_together(own)) < ELSEWHERE_SHARED
        && block_share(own, &run_together(found)) < ELSEWHERE_SHARED
}

/// Whether the page declares itself, in its JSON-LD ([`structured::declared_types`]), an
/// editorial piece: a review or an article of schema.org's, not a product on sale.
fn editorial(page: &Html) -> bool {
    let types = structured::declared_types(page);
    types.iter().any(|t| {
        matches!(
            t.as_str(),
            "Review"
                | "CriticReview"
                | "Article"
                | "NewsArticle"
                | "BlogPosting"
                | "ReviewNewsArticle"
        )
    }) && !types
        .iter()
        .any(|t| matches!(t.as_str(), "Product" | "ProductGroup" | "Offer"))
}

/// The share of the words of `blocks` in blocks whose letters and digits are found whole in
/// `text` (made by [`run_together`]); 0 for no words.
fn block_share(blocks: &[Block], text: &str) -> f64 {
    let (mut all, mut found) = (0usize, 0usize);
    for b in blocks {
        let words = super::count_words(&b.text);
        all += words;
        if text.contains(&letters_and_digits(&b.text)) {
            found += words;
        }
    }
    if all == 0 {
        0.0
    } else {
        found as f64 / all as f64
    }
}

/// The letters and digits of `blocks`, lower-cased, with no spaces: the fallback runs words
/// together ("Big newsBy A. Writer"), so words are looked for inside this.
fn run_together(blocks: &[Block]) -> String {
    blocks.iter().map(|b| letters_and_digits(&b.text)).collect()
}

/// The share of the words of `blocks` found in `text` (0 for no words).
fn shared(blocks: &[Block], text: &str) -> f64 {
    let (mut all, mut found) = (0usize, 0usize);
    for w in blocks
        .iter()
        .flat_map(|b| b.text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
    {
        all += 1;
        found += usize::from(text.contains(&w.to_lowercase()));
    }
    if all == 0 {
        0.0
    } else {
        found as f64 / all as f64
    }
}

/// Most elements a page may have for the extraction crates to run on it. Both scale worse than
/// linearly on some shapes (rs-trafilatura takes 15 s on 200,000 sibling list items, 5.7 s on
/// a 10 MB page of links); the largest of the 806 real pages of the extraction dev set has
/// 15,800 elements, so a page past this is generated or hostile, and is read by the
/// structured data or our own walk, which are linear.
pub const MAX_CRATE_ELEMENTS: usize = 50_000;

/// True when `words` read is a fragment of a page showing `visible` words: the rule by which
/// strategies are chosen (under a tenth; see README.md).
pub(super) fn is_fragment(words: usize, visible: usize) -> bool {
    words * 10 < visible
}

/// Fewest words read from a page that is not called a fragment (see [`warns`]).
pub const MIN_WORDS_READ: usize = 50;

/// True when `words` read from a page showing `visible` words (outside navigation) are too few
/// to be what the user wanted, so aloud warns (or, with `--strict`, fails): under
/// [`MIN_WORDS_READ`], or under 15% of the visible words. Measured on the 806 real pages of
/// the extraction dev set: every page where under a tenth of the true article was read warns
/// (under a tenth of the visible words, 4 of 8 went silent: pages whose article is built by
/// JavaScript show next to no text), and 7 pages of the 806 warn though at least half of the
/// article was read.
pub(super) fn warns(words: usize, visible: usize) -> bool {
    words < MIN_WORDS_READ || words * 100 < visible * 15
}

/// How one strategy's reading of a page counts when [`choose`] picks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// More than a tenth of all visible words, and not warned about: taken at once.
    Read,
    /// More than a tenth of all visible words, yet under [`MIN_WORDS_READ`] or 15% of those
    /// outside navigation ([`warns`]): taken only when no later strategy reads the page (with
    /// at least [`MORE_THAN_WARNED`] times the words). On the 806 real pages of the extraction
    /// dev set, this and [`replaces_fallback`]'s rule changed 12 pages, 11 for the better (a
    /// chart of films read as its two-line intro, F1 0.00 → 0.93; a store's category read as
    /// its banner, 0.00 → 0.87), F1 0.812 → 0.816, nearly empty pages 5 → 2.
    Warned,
    /// A tenth of all visible words or less ([`is_fragment`]).
    Fragment,
}

/// How many times the words of the first [`Verdict::Warned`] reading a later reading must
/// read to be taken instead. On the 806 real pages of the extraction dev set the later
/// readings that found the page read 2.3–7.1 times the words; a login dialog after a 40-word
/// stub read 1.45 times, and is left out (the stub is read, with its warning).
const MORE_THAN_WARNED: usize = 2;

impl Verdict {
    fn of(words: usize, visible: &Visible) -> Verdict {
        if is_fragment(words, visible.all) {
            Verdict::Fragment
        } else if warns(words, visible.outside_navigation) {
            Verdict::Warned
        } else {
            Verdict::Read
        }
    }
}

/// True when a strategy reading `words` of the page is taken without trying the next: its
/// reading is [`Verdict::Read`], and when an earlier strategy's reading of `first_warned`
/// words was [`Verdict::Warned`], it reads at least [`MORE_THAN_WARNED`] times as many.
fn taken_at_once(words: usize, visible: &Visible, first_warned: Option<usize>) -> bool {
    Verdict::of(words, visible) == Verdict::Read
        && first_warned.is_none_or(|w| words >= MORE_THAN_WARNED * w)
}

/// What [`choose`] found.
pub(super) struct Chosen {
    /// The strategy whose blocks these are.
    pub strategy: Strategy,
    /// The blocks read.
    pub blocks: Vec<Block>,
    /// The kind of page rs-trafilatura's classifier named, when it ran and the page's
    /// address was known.
    pub page_type: Option<String>,
}

/// The chosen strategy and its blocks: the first in [`ORDER`] that reads more than a fragment
/// of the `visible` words (a tenth of all of them, [`is_fragment`]) and would not be warned
/// about ([`warns`], against the words outside navigation); else the first that reads more
/// than a tenth; when none does, our walk over the page's whole body if that reads
/// more than a fragment (recorded as [`Strategy::Page`]), else the one that read most.
pub(super) fn choose(
    html: &str,
    page: &Html,
    url: Option<&str>,
    opts: &HtmlOptions,
    visible: &Visible,
) -> Chosen {
    let mut kind = None;
    let (mut strategy, mut blocks) = pick(html, page, url, opts, visible, &mut kind);
    if opts.extractor.is_none() {
        if let Some(thread) = discussion(page, &blocks, kind.as_deref(), url.is_some()) {
            (strategy, blocks) = (Strategy::Page, thread);
        }
    }
    Chosen {
        strategy,
        blocks,
        // Without the page's address the classifier's guess is not used (see
        // `trafilatura::reading_for`), so it is not reported either.
        page_type: kind.filter(|_| url.is_some()),
    }
}

/// Most words a reading may hold for the page to be called a short post under its discussion
/// (see [`discussion`]).
const SHORT_POST: usize = 200;

/// How many times the words read the page's comment sections must hold for the page to be
/// called a discussion (see [`discussion`]).
const DISCUSSION: usize = 3;

/// The page read with its comment sections when it is a discussion under a short post (a
/// Hacker News item: a question of 40 words, 180 replies in its `comment-tree`): `read` holds
/// at most [`SHORT_POST`] words, the comment sections at least [`DISCUSSION`] times as many,
/// and the page's body read with them holds `read` ([`SAME_TEXT`] of its words). `None`
/// otherwise: under a story, comments are not the article.
fn discussion(page: &Html, read: &[Block], kind: Option<&str>, url: bool) -> Option<Vec<Block>> {
    let words = words_in(read);
    if words > SHORT_POST || walk::comment_sections_words(page) < DISCUSSION * words.max(1) {
        return None;
    }
    let thread = walk::read_thread(body(page), trafilatura::reading_for(kind, url));
    (words_in(&thread) >= DISCUSSION * words
        && block_share(read, &run_together(&thread)) >= SAME_TEXT)
        .then_some(thread)
}

fn pick(
    html: &str,
    page: &Html,
    url: Option<&str>,
    opts: &HtmlOptions,
    visible: &Visible,
    kind: &mut Option<String>,
) -> (Strategy, Vec<Block>) {
    let huge = page.tree.nodes().filter(|n| n.value().is_element()).count() > MAX_CRATE_ELEMENTS;
    if let Some(strategy) = opts.extractor {
        // Forced means forced: no swap to Readability on rs-trafilatura's fallback.
        let blocks = match strategy {
            Strategy::Trafilatura => trafilatura::blocks(html, page, url).map(|f| {
                kind.clone_from(&f.page_type);
                f.blocks
            }),
            _ => run(strategy, html, page, url, visible, kind).map(|(_, b)| b),
        }
        .unwrap_or_default();
        return (strategy, blocks);
    }
    let mut best: Option<(Strategy, Vec<Block>, usize)> = None;
    let mut first_enough: Option<(Strategy, Vec<Block>)> = None;
    for strategy in ORDER {
        if huge && matches!(strategy, Strategy::Trafilatura | Strategy::Readability) {
            continue;
        }
        let Some((strategy, blocks)) = run(strategy, html, page, url, visible, kind) else {
            continue;
        };
        let words = words_in(&blocks);
        if taken_at_once(
            words,
            visible,
            first_enough.as_ref().map(|(_, b)| words_in(b)),
        ) {
            return (strategy, blocks);
        }
        match Verdict::of(words, visible) {
            Verdict::Read | Verdict::Warned => {
                if first_enough.is_none() {
                    first_enough = Some((strategy, blocks));
                }
            }
            Verdict::Fragment => {
                if best.as_ref().is_none_or(|(_, _, w)| words > *w) {
                    best = Some((strategy, blocks, words));
                }
            }
        }
    }
    if let Some(found) = first_enough {
        return found;
    }
    let visible = visible.all;
    // Every strategy read a fragment: the page's whole body, read as its kind says, when that
    // reads more than a fragment (a grid of products or links the region rules cut down to
    // one tile).
    let reading = trafilatura::reading_for(kind.as_deref(), url.is_some());
    let whole = walk::read_blocks(body(page), reading);
    if whole_body_wins(words_in(&whole), best.as_ref().map(|b| b.2), visible) {
        return (Strategy::Page, whole);
    }
    // Still a fragment: a forum whose posts all sit in a section named as comments.
    let thread = walk::read_thread(body(page), reading);
    if whole_body_wins(words_in(&thread), best.as_ref().map(|b| b.2), visible) {
        return (Strategy::Page, thread);
    }
    match best {
        Some((strategy, blocks, _)) => (strategy, blocks),
        None => (Strategy::Trafilatura, Vec::new()),
    }
}

/// True when the page's whole body, reading `whole` words, is read instead of the strategy
/// that read most (`best` words, `None` when none read anything), all of which read a fragment
/// of the `visible` words: when the body is no fragment itself and reads more. On the 806 real
/// pages of the extraction dev set, with [`walk`]'s rule for forms that wrap the page, this
/// read two of the eight nearly-empty pages (a parts catalogue, a list of reviews) and changed
/// no article.
fn whole_body_wins(whole: usize, best: Option<usize>, visible: usize) -> bool {
    !is_fragment(whole, visible) && best.is_none_or(|b| whole > b)
}

/// The page's `<body>` (the root element when the markup has none).
fn body(page: &Html) -> scraper::ElementRef<'_> {
    scraper::Selector::parse("body")
        .ok()
        .and_then(|sel| page.select(&sel).next())
        .unwrap_or_else(|| page.root_element())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::BlockKind;

    /// `n` paragraph blocks of `text`, each with its number, so that no two are alike.
    fn blocks(text: &str, n: usize) -> Vec<Block> {
        (1..=n)
            .map(|i| Block {
                kind: BlockKind::Paragraph,
                text: format!("{text} ({i})"),
            })
            .collect()
    }

    #[test]
    fn the_article_element_is_read_when_the_crate_region_lies_elsewhere() {
        let story = blocks(
            "The council voted on the sea wall after a long night of argument about its cost",
            12,
        );
        let praise = blocks("I read every issue and it changed my week, thank you", 6);
        // The crate read the testimonials beside the <article>: the article is read.
        assert!(elsewhere(&praise, &story));
        // The crate read the article itself, or part of it: kept.
        assert!(!elsewhere(&story, &story));
        assert!(!elsewhere(&story[..8], &story));
        // The crate read the article with the testimonials after it: kept (it reads more).
        let both: Vec<Block> = story.iter().chain(&praise).cloned().collect();
        assert!(!elsewhere(&both, &story));
        // Regions past ELSEWHERE_MAX_WORDS are not compared (the comparison is quadratic).
        let long_story = blocks(
            "The council voted on the sea wall after a long night of argument about its cost",
            1_300,
        );
        assert!(words_in(&long_story) > ELSEWHERE_MAX_WORDS);
        assert!(!elsewhere(&praise, &long_story));
        assert!(elsewhere(&praise, &long_story[..1_000]));
        // The <article> reads fewer words than the crate's region (a teaser card): kept.
        assert!(!elsewhere(&story, &praise));
        // Under MIN_WORDS_READ in the <article>: kept whatever it holds.
        assert!(!elsewhere(&praise[..1], &story[..2]));
    }

    #[test]
    fn a_thread_read_as_its_first_post_is_read_whole() {
        let first = blocks(
            "I joined today and want to ask about thread types in forums",
            10,
        );
        let replies = blocks(
            "A reply about discussion engines and what forums are for",
            30,
        );
        let thread: Vec<Block> = first.iter().chain(&replies).cloned().collect();
        assert!(reads_whole_thread(&first, &thread));
        // The crate read the thread already (the posts' container adds member cards).
        assert!(!reads_whole_thread(&thread[..30], &thread));
        // The container holds other text, not the crate's region.
        assert!(!reads_whole_thread(&first, &replies));
        let page = Html::parse_document(
            "<main><h1>Thread</h1><div class=posts><article>One</article><article>Two</article>\
             <article>Three</article></div><aside><article>Ad</article></aside></main>",
        );
        let posts = walk::sibling_articles(&page).expect("three sibling articles");
        assert_eq!(posts.value().attr("class"), Some("posts"));
        let two = Html::parse_document("<article>One</article><article>Two</article>");
        assert!(walk::sibling_articles(&two).is_none());
    }

    #[test]
    fn a_reading_that_would_be_warned_about_is_taken_only_when_nothing_reads_more() {
        let visible = |all, outside_navigation| Visible {
            all,
            outside_navigation,
            outside_furniture: outside_navigation,
        };
        // (words read, all visible, visible outside navigation, verdict)
        let cases = [
            (400, 1_000, 800, Verdict::Read),
            // A chart's intro: over a tenth of the page, under 15% outside navigation.
            (110, 1_000, 800, Verdict::Warned),
            // Over a tenth, but under MIN_WORDS_READ.
            (45, 300, 300, Verdict::Warned),
            (99, 1_000, 800, Verdict::Fragment),
            (0, 0, 0, Verdict::Warned),
        ];
        for (words, all, outside, verdict) in cases {
            assert_eq!(
                Verdict::of(words, &visible(all, outside)),
                verdict,
                "{words} {all} {outside}"
            );
        }
        // (words read, words of an earlier warned reading, taken at once)
        let page = visible(1_000, 800);
        let cases = [
            (400, None, true),
            (110, None, false),
            // The page found after a reading of its intro.
            (400, Some(110), true),
            // A login dialog after a stub: the stub stays, with its warning.
            (150, Some(110), false),
            (99, Some(45), false),
        ];
        for (words, warned, taken) in cases {
            assert_eq!(
                taken_at_once(words, &page, warned),
                taken,
                "{words} {warned:?}"
            );
        }
    }

    #[test]
    fn a_fallback_is_replaced_only_by_a_reading_of_its_own_size() {
        let visible = Visible {
            all: 2_000,
            outside_navigation: 1_800,
            outside_furniture: 1_800,
        };
        // (candidate's words, fallback's words, replaces)
        let cases = [
            (900, 1_400, true),
            (350, 1_400, true),
            // One card of a section front whose fallback text is the whole front.
            (340, 1_400, false),
            // Warned about: under 15% of the words outside navigation.
            (260, 600, false),
        ];
        for (words, fallback, replaces) in cases {
            assert_eq!(
                replaces_fallback(words, fallback, &visible),
                replaces,
                "{words} {fallback}"
            );
        }
        // A page of a few dozen words: the fallback is warned about too, so the candidate's
        // blocks (headings and paragraphs apart) replace it, unless under a tenth of the page.
        let visible = Visible {
            all: 30,
            outside_navigation: 25,
            outside_furniture: 25,
        };
        // An app shell: the one word it shows replaces a fallback of its title glued thrice.
        let cases = [(12, 20, true), (2, 8, false), (3, 20, true)];
        for (words, fallback, replaces) in cases {
            assert_eq!(
                replaces_fallback(words, fallback, &visible),
                replaces,
                "{words} {fallback}"
            );
        }
    }

    #[test]
    fn the_whole_body_is_read_only_when_it_is_more_than_a_fragment() {
        // (body words, best strategy's words, visible words, body wins)
        let cases = [
            (1_100, Some(75), 1_400, true),
            (1_100, None, 1_400, true),
            // The body is a fragment too (an app shell): keep what the strategies read.
            (130, Some(75), 1_400, false),
            (0, None, 1_400, false),
            // A strategy read more than the body.
            (150, Some(160), 1_400, false),
        ];
        for (whole, best, visible, wins) in cases {
            assert_eq!(
                whole_body_wins(whole, best, visible),
                wins,
                "{whole} {best:?} {visible}"
            );
        }
    }
}
