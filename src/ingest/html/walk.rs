//! Our block walk: turns the HTML of an article region into blocks — headings, paragraphs,
//! list items (ordered ones with their numbers), quotes — and drops what the region may still
//! hold that a listener does not want: clutter by class/id words, boxes that are mostly links,
//! figures, long code and very long tables (announced with one short sentence, so the listener
//! knows something was skipped; a table long enough to skip is announced with its size).
//!
//! No extraction crate keeps blocks (they return one text blob, or Markdown), so whichever
//! strategy finds the article, this walk reads it.
//! Tables and code are turned into blocks by [`readout`](crate::ingest::readout), which
//! Markdown shares, so they read alike in both.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use crate::ingest::readout::{self, push_block};
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
    "actions",
    "copyright",
    "onetrust",
    "masthead",
    // A carousel of customers' praise for the shop, not the product it is beside (a product
    // page of the extraction dev set read as its 14 testimonials, F1 0.00 → 0.60).
    "testimonial",
    "testimonials",
    // A forum member's figures beside each post and the post's buttons (vBulletin's
    // `userstats` and `postfoot`: "Join Date Mar 2016 Location Tucson, AZ Posts 2,318 … Reply
    // With Quote" read into every post; found by a fresh tester). Not the column (`userinfo`):
    // it holds the member's name; nor the rank (`usertitle`): XenForo's `message-userTitle`
    // sits in the header its posts' dates are read from (a dev thread lost them, −0.065).
    "userstats",
    "postfoot",
];

/// Inline elements: their text belongs to the surrounding block.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "font", "del", "ins",
];

/// Elements that make blocks of their own, for [`holds_blocks`].
const BLOCK_CHILDREN: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "dl",
];

/// True when an inline element holds blocks as its children: old pages wrap a whole article
/// in `<font>` (a fresh tester's page was read as one paragraph, its subheadings and byline
/// run into the text). Such an element is walked as a container. Its children only, so
/// 200,000 nested `<span>`s stay linear.
fn holds_blocks(el: ElementRef<'_>) -> bool {
    el.children()
        .filter_map(ElementRef::wrap)
        .any(|c| BLOCK_CHILDREN.contains(&c.value().name()))
}

/// True for elements whose text belongs to the surrounding block.
pub(super) fn is_inline(name: &str) -> bool {
    INLINE_TAGS.contains(&name)
}

/// How much of a region is read.
///
/// An article's region is read for listening: link lists ("more on this"), data tables over
/// [`readout::MAX_TABLE_ROWS`] and code over [`readout::MAX_CODE_LINES`] are left out (and
/// announced). On other kinds of page (a forum thread, a product, a listing, a documentation
/// page) those are what the page is for: a listing is its list of links, a reference page its
/// code and tables.
/// Measured on the 806 real pages of the extraction dev set (README.md, "HTML extraction").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Reading {
    /// Listening to a story: link lists, very long tables and long code left out.
    #[default]
    Article,
    /// Everything in the region that is text: link lists as items, tables row by row, code
    /// announced and then read.
    Whole,
}

/// The readable blocks under `root`, read as an article.
pub(super) fn blocks_of(root: ElementRef<'_>) -> Vec<Block> {
    read_blocks(root, Reading::Article)
}

/// The readable blocks under `root`, read as `reading` says.
pub(super) fn read_blocks(root: ElementRef<'_>, reading: Reading) -> Vec<Block> {
    blocks_and_notes(root, reading).0
}

/// The readable blocks under `root`, and the footnotes found there (as list items), apart.
pub(super) fn blocks_and_notes(root: ElementRef<'_>, reading: Reading) -> (Vec<Block>, Vec<Block>) {
    walk_root(root, reading, false, None)
}

/// The readable blocks under `root`, a region cut out of a page by an extraction crate, with
/// each code block read as the page itself writes it (see [`PageCode`]).
pub(super) fn read_region(root: ElementRef<'_>, reading: Reading, code: &PageCode) -> Vec<Block> {
    walk_root(root, reading, false, Some(code)).0
}

/// The readable blocks under `root` with the sections named as comments read too: a forum
/// thread whose posts sit in `<div id="comments">` (Invision Community's markup) is those
/// posts. Used only when every other reading of the page is a fragment (see
/// `choose::pick`): under a story, comments are not the article.
pub(super) fn read_thread(root: ElementRef<'_>, reading: Reading) -> Vec<Block> {
    walk_root(root, reading, true, None).0
}

fn walk_root(
    root: ElementRef<'_>,
    reading: Reading,
    threads: bool,
    code: Option<&PageCode>,
) -> (Vec<Block>, Vec<Block>) {
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut pending = String::new();
    let pass = Pass {
        reading,
        root_chars: readable_chars(root),
        threads,
        code,
    };
    walk(
        root,
        BlockKind::Paragraph,
        &mut pending,
        &mut blocks,
        &mut notes,
        pass,
    );
    push_block(&mut pending, BlockKind::Paragraph, &mut blocks);
    (blocks, notes)
}

/// What one walk of a region carries down the tree.
#[derive(Debug, Clone, Copy)]
struct Pass<'a> {
    reading: Reading,
    /// Readable characters of the region (see [`readable_chars`], [`is_page_wrapper`]).
    root_chars: usize,
    /// Read sections named as comments (see [`read_thread`]).
    threads: bool,
    /// The page's own code blocks, when the region is a crate's copy of part of the page
    /// (see [`read_region`]).
    code: Option<&'a PageCode>,
}

/// The text of every code block of a page, as [`code_text`] reads it, found by the block's
/// characters other than whitespace. rs-trafilatura's copy of a page's region drops the
/// whitespace between a syntax highlighter's elements and the elements themselves
/// (`<span>let</span> <span>text</span>` becomes "lettext", four lines one), so a code block
/// in its region is read from the page's own block with the same characters. On the
/// extraction dev set this changed 15 pages that read glued code ("defshow_user_profile(
/// username):"), documentation F1 0.816 → 0.821 (two pages lower: their true text keeps the
/// glued JSON and the line numbers).
#[derive(Debug, Default)]
pub(super) struct PageCode(std::collections::HashMap<String, String>);

impl PageCode {
    /// The code blocks of `page` (its `<pre>` elements that hold code, [`is_code_block`]).
    pub(super) fn of(page: &Html) -> PageCode {
        let mut found = std::collections::HashMap::new();
        if let Ok(sel) = Selector::parse("pre") {
            for pre in page.select(&sel).filter(|p| is_code_block(*p)) {
                let text = code_text(pre);
                found.entry(code_key(&text)).or_insert(text);
            }
        }
        PageCode(found)
    }

    /// The page's own text of a code block whose characters are those of `pre`, else
    /// `pre`'s own text.
    fn text_of(&self, pre: ElementRef<'_>) -> String {
        let text = code_text(pre);
        self.0.get(&code_key(&text)).cloned().unwrap_or(text)
    }
}

/// A code block's characters other than whitespace: what survives the crate's copy.
fn code_key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The page's comment sections (see [`is_thread_section`]), outermost only, so that no text
/// is counted twice.
fn comment_sections(page: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    page.tree.nodes().filter_map(ElementRef::wrap).filter(|el| {
        is_thread_section(el.value())
            && !el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| is_thread_section(a.value()))
    })
}

/// The letters and digits of the page's comment sections, lower-cased and run together like
/// `choose::run_together`; empty when there are none.
pub(super) fn comment_sections_text(page: &Html) -> String {
    comment_sections(page)
        .map(|el| super::letters_and_digits(&el.text().collect::<String>()))
        .collect()
}

/// The words of the page's comment sections (0 when there are none).
pub(super) fn comment_sections_words(page: &Html) -> usize {
    comment_sections(page)
        .flat_map(|el| el.text())
        .map(super::count_words)
        .sum()
}

/// True when `el` is marked as clutter only as comments (`id="comments"`, `class="comment-list"`):
/// on a forum thread, the posts.
fn is_thread_section(el: &scraper::node::Element) -> bool {
    if SKIP_TAGS.contains(&el.name()) || is_hidden(el) {
        return false;
    }
    let marks = clutter_marks(el);
    !marks.is_empty() && marks.iter().all(|m| m == "comment" || m == "comments")
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

/// Fewest sibling `<article>`s that make a thread's list of posts (see [`sibling_articles`]).
const MIN_SIBLING_POSTS: usize = 3;

/// The element whose children include the most `<article>`s, when it has at least
/// [`MIN_SIBLING_POSTS`]: a thread marked up as one article per post.
pub(super) fn sibling_articles(page: &Html) -> Option<ElementRef<'_>> {
    let sel = Selector::parse("article").ok()?;
    let mut counts: std::collections::HashMap<ego_tree::NodeId, usize> =
        std::collections::HashMap::new();
    for a in page.select(&sel) {
        if let Some(parent) = a.parent() {
            *counts.entry(parent.id()).or_default() += 1;
        }
    }
    let (id, n) = counts.into_iter().max_by_key(|(_, n)| *n)?;
    if n < MIN_SIBLING_POSTS {
        return None;
    }
    page.tree.get(id).and_then(ElementRef::wrap)
}

/// Class words of a standfirst: the sentence under a headline that sums the story up.
const STANDFIRST_WORDS: &[&str] = &[
    "dek",
    "standfirst",
    "subtitle",
    "subheadline",
    "subhead",
    "summary",
    "lede",
    "lead",
    "excerpt",
    "intro",
    "description",
    "deck",
    "strapline",
    // French newspapers' "chapô" (Le Monde's `article__chapo`; found by a fresh tester).
    "chapo",
    "chapeau",
];

/// The standfirst right after the page's first `<h1>`: the next element, a paragraph, `<h2>`
/// or `<div>` marked as a standfirst by its class (or its `id`, `data-gu-name`,
/// `data-component` or `data-testid`), of 6 to 60 words. Extractors often miss it because it
/// sits between the headline and the story's container. The headline may sit in a wrapper of
/// its own and the standfirst in one too (`<div><h1>…</h1></div><div
/// data-gu-name="standfirst"><div><p>…</p></div></div>`, as the Guardian's pages are built;
/// it was lost there, found by a fresh tester): up to three wrappers out and in.
pub(super) fn standfirst(page: &Html) -> Option<String> {
    let sel = Selector::parse("h1").ok()?;
    let h1 = page.select(&sel).next()?;
    // A site's name in its header, over the site's tagline (a blog's "Engora Data Blog" over
    // "Mike Woodward's thoughts on…" on the extraction dev set), is no headline: out of
    // wrappers only within a story's markup.
    let in_site_header = h1.ancestors().filter_map(ElementRef::wrap).any(|a| {
        a.value().name() == "header"
            && !a
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|b| b.value().name() == "article")
    });
    let mut from = h1;
    let mut next = None;
    for climb in 0..=3 {
        if let Some(n) = from.next_siblings().find_map(ElementRef::wrap) {
            next = Some(n);
            break;
        }
        if climb == 0 && in_site_header {
            return None;
        }
        from = from
            .parent()
            .and_then(ElementRef::wrap)
            .filter(|p| !matches!(p.value().name(), "article" | "main" | "body" | "header"))?;
    }
    let mut next = next?;
    // Standfirst words in a mark, split at hyphens, underscores and the capitals of CSS
    // modules' names ("ArticleDek_root__gHi" → "Article", "Dek", "root", "g", "Hi").
    let marked = |e: ElementRef<'_>| {
        [
            "class",
            "id",
            "data-gu-name",
            "data-component",
            "data-testid",
        ]
        .iter()
        .filter_map(|a| e.value().attr(a))
        .any(|c| {
            c.split(|c: char| c == '-' || c == '_' || c.is_whitespace())
                .flat_map(camel_words)
                .any(|w| STANDFIRST_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        })
    };
    let mut is_marked = marked(next);
    // Into a wrapper that holds one element only, perhaps the marked one.
    for _ in 0..3 {
        let mut children = next.children().filter_map(ElementRef::wrap);
        let (Some(only), None) = (children.next(), children.next()) else {
            break;
        };
        // Only into a block that holds all the text: not a `<p>`'s `<em>`, nor past text of
        // the wrapper's own.
        let own_text = next
            .children()
            .any(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()));
        if own_text || !matches!(only.value().name(), "div" | "section" | "p" | "h2") {
            break;
        }
        next = only;
        is_marked |= marked(next);
    }
    let name = next.value().name();
    // A standfirst is a sentence, not a list (XenForo's thread "description" lists the
    // starter and the start date).
    let listed = next
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|e| matches!(e.value().name(), "ul" | "ol" | "li" | "dl"));
    if !is_marked || listed || !matches!(name, "p" | "h2" | "div") {
        return None;
    }
    let mut text = String::new();
    inline_text(next, &mut text);
    let text = collapse_whitespace(&text);
    let words = text.split_whitespace().count();
    (6..=60).contains(&words).then_some(text)
}

/// The words of a camel-cased name: "ArticleDek" → "Article", "Dek"; "dek" → "dek".
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    for pair in chars.windows(2) {
        let ((_, a), (at, b)) = (pair[0], pair[1]);
        if a.is_lowercase() && b.is_uppercase() {
            words.push(&name[start..at]);
            start = at;
        }
    }
    words.push(&name[start..]);
    words
}

/// The title the page declares for sharing and citing (`og:title`, `citation_title`,
/// `twitter:title`), first found, when not empty.
pub(super) fn declared_title(page: &Html) -> Option<String> {
    let sel = Selector::parse(
        r#"meta[property="og:title"], meta[name="citation_title"], meta[name="twitter:title"], meta[property="twitter:title"]"#,
    )
    .ok()?;
    page.select(&sel)
        .filter_map(|m| m.value().attr("content"))
        .map(collapse_whitespace)
        .find(|t| !t.is_empty())
}

/// The label a heading may carry before the page's declared title, as letters and digits
/// (arXiv's abstract page: "<h1><span class=descriptor>Title:</span>Sparse routing…</h1>").
/// Any other word before it is text of the page ("Compare Top Ranked…", "Today: Top 10…"):
/// on the extraction dev set, labels of up to eight letters took 11 such lines.
const TITLE_LABEL: &str = "title";

/// `title` when a heading (`<h1>` to `<h3>`) under `root` shows it: the heading's letters and
/// digits are those of `title`, perhaps after [`TITLE_LABEL`]. The heading's own text when it
/// is exactly the title.
pub(super) fn heading_named(root: ElementRef<'_>, title: &str) -> Option<String> {
    let key = super::letters_and_digits(title);
    let sel = Selector::parse("h1, h2, h3").ok()?;
    if key.is_empty() {
        return None;
    }
    root.select(&sel).map(block_text).find_map(|t| {
        let own = super::letters_and_digits(&t);
        if own == key {
            Some(t)
        } else {
            shows_title(&own, &key).then(|| title.to_string())
        }
    })
}

/// True when a block whose letters and digits are `own` shows the title whose letters and
/// digits are `key`: the same, or after [`TITLE_LABEL`].
pub(super) fn shows_title(own: &str, key: &str) -> bool {
    !key.is_empty()
        && own
            .strip_suffix(key)
            .is_some_and(|label| label.is_empty() || label == TITLE_LABEL)
}

pub(super) fn first_h1(root: ElementRef<'_>) -> Option<String> {
    let sel = Selector::parse("h1").ok()?;
    // Read like any block, so a "¶" permalink inside the heading is left out.
    root.select(&sel).map(block_text).find(|t| !t.is_empty())
}

/// An element's readable text on one line.
fn block_text(el: ElementRef<'_>) -> String {
    let mut text = String::new();
    inline_text(el, &mut text);
    collapse_whitespace(&text)
}

/// The site's name: `og:site_name`, else what follows the last " — ", " | ", " – " or " - " of
/// the `<title>` ("Headline – Metro News").
pub(super) fn site_name(page: &Html) -> Option<String> {
    let og = Selector::parse(r#"meta[property="og:site_name"]"#).ok()?;
    if let Some(name) = page
        .select(&og)
        .filter_map(|m| m.value().attr("content"))
        .map(collapse_whitespace)
        .find(|n| !n.is_empty())
    {
        return Some(name);
    }
    let sel = Selector::parse("title").ok()?;
    let raw = collapse_whitespace(&page.select(&sel).next()?.text().collect::<String>());
    [" — ", " | ", " – ", " - "]
        .iter()
        .find_map(|sep| {
            raw.rsplit_once(sep)
                .map(|(_, site)| site.trim().to_string())
        })
        .filter(|s| !s.is_empty())
}

/// The page's `<title>` as written, whitespace collapsed.
pub(super) fn title_text(page: &Html) -> Option<String> {
    let sel = Selector::parse("title").ok()?;
    Some(collapse_whitespace(
        &page.select(&sel).next()?.text().collect::<String>(),
    ))
}

pub(super) fn page_title(page: &Html) -> Option<String> {
    let raw = title_text(page)?;
    // "Headline — Site name", "Headline | Site", "Topic · GitHub": keep the headline.
    let headline = [" — ", " | ", " – ", " - ", " · "]
        .iter()
        .find_map(|sep| raw.rsplit_once(sep).map(|(h, _)| h.to_string()))
        .unwrap_or(raw);
    (!headline.is_empty()).then_some(headline)
}

/// True when `el` carries the display utility class `d-none` (Bootstrap 4–5, Stack Overflow's
/// Stacks) and no breakpoint class that shows it again (`d-md-block`, `md:d-flex`: hidden on
/// phones only).
///
/// Not `invisible` (`visibility: hidden`): pages hide text so until a script reveals it on
/// scrolling (a phone maker's product page on the extraction dev set lost two paragraphs).
pub(super) fn has_display_none_class(el: &scraper::node::Element) -> bool {
    el.has_class("d-none", scraper::CaseSensitivity::CaseSensitive)
        && !el
            .classes()
            .any(|c| c != "d-none" && (c.starts_with("d-") || c.contains(":d-")))
}

/// True when the page hides an element from readers: the `hidden` attribute,
/// `aria-hidden="true"`, an inline style `display:none` / `visibility:hidden`, or the
/// display utility class ([`has_display_none_class`]).
pub(super) fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if has_display_none_class(el) {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s = s
            .split_whitespace()
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

fn is_clutter(el: &scraper::node::Element) -> bool {
    if SKIP_TAGS.contains(&el.name()) || is_hidden(el) {
        return true;
    }
    !clutter_marks(el).is_empty()
        || matches!(
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

/// The clutter words (lower-cased) in an element's class, id and role.
fn clutter_marks(el: &scraper::node::Element) -> Vec<String> {
    [el.attr("class"), el.id(), el.attr("role")]
        .iter()
        .flatten()
        .flat_map(|m| m.split(|c: char| c == '-' || c == '_' || c.is_whitespace()))
        .map(str::to_ascii_lowercase)
        .filter(|w| CLUTTER_WORDS.contains(&w.as_str()))
        .collect()
}

/// Clutter words that always mean clutter, however much text the element holds: comment
/// threads, consent dialogs, ad and recommendation slots, navigation. Not `sidebar`: themes
/// name the article's column after the layout it sits in (`sidebar-layout`,
/// `sidebar-content`), and a real sidebar holds no run of prose (see [`PROSE_WORDS`]).
const ALWAYS_CLUTTER: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "related",
    "recommended",
    "comment",
    "comments",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "onetrust",
    "outbrain",
    "taboola",
    "popular",
    "trending",
    "foot",
    "footer",
    "nav",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
];

/// Words of running prose an element marked as clutter must hold to be read after all: at
/// least this many in paragraphs of [`PROSE_PARAGRAPH_WORDS`] or more. Sites name the
/// article's own wrapper after the page it is on (`newsletter-content` on a newsletter page,
/// `promo-body` on an offer): a signup box or call to action holds a sentence or two.
const PROSE_WORDS: usize = 150;
/// Words a paragraph needs to count as running prose for [`PROSE_WORDS`].
const PROSE_PARAGRAPH_WORDS: usize = 15;

/// True when `el` is marked as clutter by its class, id or role only with words that can name
/// an article's wrapper, and it holds running prose ([`PROSE_WORDS`]): it is the article.
fn is_article_marked_as_clutter(el: ElementRef<'_>) -> bool {
    let e = el.value();
    if SKIP_TAGS.contains(&e.name()) || is_hidden(e) || e.attr("role").is_some() {
        return false;
    }
    let marks = clutter_marks(e);
    if marks.is_empty() || marks.iter().any(|m| ALWAYS_CLUTTER.contains(&m.as_str())) {
        return false;
    }
    let Ok(paragraphs) = Selector::parse("p") else {
        return false;
    };
    let mut prose = 0;
    for p in el.select(&paragraphs) {
        let words = p.text().flat_map(str::split_whitespace).count();
        if words >= PROSE_PARAGRAPH_WORDS {
            prose += words;
            if prose >= PROSE_WORDS {
                return true;
            }
        }
    }
    false
}

/// Words a `<form>` must hold in paragraphs, list items and headings to be read as part of
/// the page rather than skipped as a search box, signup or comment form (those hold a line or
/// two). ASP.NET pages wrap the whole body in one `<form id="form1">`: on the 806 real pages
/// of the extraction dev set, one of the eight pages that were read nearly empty was such a
/// page (a list of reviews; F1 0.10 before, 0.93 after).
const PAGE_FORM_WORDS: usize = 100;

/// True when `el` is a `<form>` that holds the page's content (see [`PAGE_FORM_WORDS`]).
fn is_page_form(el: ElementRef<'_>) -> bool {
    if el.value().name() != "form" || is_hidden(el.value()) {
        return false;
    }
    let Ok(text_blocks) = Selector::parse("p, li, h1, h2, h3, h4, h5, h6") else {
        return false;
    };
    let mut words = 0;
    for b in el.select(&text_blocks) {
        // Nested blocks (a <p> in an <li>) are counted once, at the outermost.
        if b.ancestors()
            .take_while(|a| a.id() != el.id())
            .filter_map(ElementRef::wrap)
            .any(|a| {
                matches!(
                    a.value().name(),
                    "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                )
            })
        {
            continue;
        }
        words += b.text().flat_map(str::split_whitespace).count();
        if words >= PAGE_FORM_WORDS {
            return true;
        }
    }
    false
}

/// Share of the readable characters of the region being read that an element marked as
/// clutter by its class or id only must hold to be a wrapper of the page rather than clutter: layouts name the page's
/// wrapper after what they do with the footer or the navigation (`sticky-footer`,
/// `wy-grid-for-nav`, `offset-nav`), and a real footer or menu never holds most of a page.
const WRAPPER_SHARE_PERCENT: usize = 60;

/// Fewest readable characters of a page wrapper (see [`WRAPPER_SHARE_PERCENT`]).
const WRAPPER_MIN_CHARS: usize = 2_000;

/// True when `el` is marked as clutter only by layout words ([`LAYOUT_WORDS`]) yet holds most of the
/// readable text of the region being read (`root_chars`, see [`readable_chars`]): it wraps the
/// page (see [`WRAPPER_SHARE_PERCENT`]).
fn is_page_wrapper(el: ElementRef<'_>, root_chars: usize) -> bool {
    let e = el.value();
    if SKIP_TAGS.contains(&e.name()) || is_hidden(e) || e.attr("role").is_some() {
        return false;
    }
    let marks = clutter_marks(e);
    if marks.is_empty() || !marks.iter().all(|m| LAYOUT_WORDS.contains(&m.as_str())) {
        return false;
    }
    let own = readable_chars(el);
    own >= WRAPPER_MIN_CHARS && own * 100 >= root_chars * WRAPPER_SHARE_PERCENT
}

/// Clutter words that also name what a whole page is (see [`is_page_named_as_clutter`]): a
/// club's or a school's newsletter page wraps the issue in `<div class="newsletter">`.
const PAGE_NAMING_WORDS: &[&str] = &["newsletter", "promo"];

/// Fewest readable characters of an element named by [`PAGE_NAMING_WORDS`] that holds the
/// page: about 70 words, more than a signup box's pitch and form (20–40 words).
const NAMED_PAGE_MIN_CHARS: usize = 400;

/// Fewest readable characters of an `<article>` or `<main>` outside an element named by
/// [`PAGE_NAMING_WORDS`] for it to be the page's story, and the element a box beside it: a
/// headline and a sentence.
const STORY_ELSEWHERE_CHARS: usize = 50;

/// True when `el` is marked as clutter only by words that name what a page is
/// ([`PAGE_NAMING_WORDS`]), holds at least [`NAMED_PAGE_MIN_CHARS`], and either holds the
/// page's `<h1>` or most ([`WRAPPER_SHARE_PERCENT`]) of the readable text of the region being
/// read (`root_chars`, see [`readable_chars`]) with no form field: it is the page's content,
/// not a signup box beside it. A newsletter issue written as `<br>`-separated lines has no
/// paragraphs for [`is_article_marked_as_clutter`] to count (a fresh tester's club newsletter
/// was dropped whole, without a warning). Never when the page's `<article>` or `<main>` is
/// elsewhere: a long pitch beside a short story is still a pitch (a second tester's page).
pub(crate) fn is_page_named_as_clutter(el: ElementRef<'_>, root_chars: usize) -> bool {
    if !is_named_for_page(el.value()) {
        return false;
    }
    let own = readable_chars(el);
    if own < NAMED_PAGE_MIN_CHARS {
        return false;
    }
    let first = |css: &str| {
        Selector::parse(css).ok().and_then(|sel| {
            el.tree()
                .root()
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| sel.matches(e))
        })
    };
    let inside = |other: ElementRef<'_>| other.ancestors().any(|a| a.id() == el.id());
    let elsewhere = |story: ElementRef<'_>| {
        let around = story.id() == el.id() || el.ancestors().any(|a| a.id() == story.id());
        !around && !inside(story) && readable_chars(story) >= STORY_ELSEWHERE_CHARS
    };
    if ["article", "main"]
        .iter()
        .filter_map(|css| first(css))
        .any(elsewhere)
    {
        return false;
    }
    if first("h1").is_some_and(inside) {
        return true;
    }
    let field = Selector::parse("form, input, textarea")
        .ok()
        .is_some_and(|sel| el.select(&sel).next().is_some());
    !field && own * 100 >= root_chars * WRAPPER_SHARE_PERCENT
}

/// True when `e` is marked as clutter only by [`PAGE_NAMING_WORDS`] (a candidate for
/// [`is_page_named_as_clutter`], before its text is counted).
pub(crate) fn is_named_for_page(e: &scraper::node::Element) -> bool {
    if SKIP_TAGS.contains(&e.name()) || is_hidden(e) || e.attr("role").is_some() {
        return false;
    }
    let marks = clutter_marks(e);
    !marks.is_empty()
        && marks
            .iter()
            .all(|m| PAGE_NAMING_WORDS.contains(&m.as_str()))
}

/// Clutter words that layouts also use for the page's wrapper (see [`is_page_wrapper`]); a
/// comment thread or an ad slot holding most of a region is still clutter.
const LAYOUT_WORDS: &[&str] = &["foot", "footer", "nav", "navigation", "menu", "sidebar"];

/// Characters of text under `el`, outside scripts, styles and templates, spaces left out.
pub(crate) fn readable_chars(el: ElementRef<'_>) -> usize {
    el.descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t)))
        .filter(|(n, _)| {
            !n.ancestors().filter_map(ElementRef::wrap).any(|a| {
                matches!(
                    a.value().name(),
                    "script" | "style" | "noscript" | "template"
                )
            })
        })
        .map(|(_, t)| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// Characters of `el`'s text that are not whitespace (scripts and styles included; see
/// [`readable_chars`] for the text a reader sees).
fn text_chars(el: ElementRef<'_>) -> usize {
    el.text()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// Most words outside a post's tag links for the element holding them to be its tag list:
/// a label ("Tags:", "Filed under") and separators.
const TAG_LABEL_WORDS: usize = 3;

/// Most nodes [`is_tag_list`] looks at (a tag list is four nodes a tag: item, link, text and
/// the space between; Stack Exchange allows five tags, WordPress themes show a few dozen), so
/// an element with no text over a deep subtree costs no more than one with a few words.
const TAG_LIST_NODES: usize = 400;

/// True when `el` holds a post's tags (links marked `rel="tag"`, the rel-tag microformat that
/// WordPress, Stack Exchange and Discourse write) and no more than [`TAG_LABEL_WORDS`] other
/// words: "windows-7 keyboard-shortcuts gui" read between a question and its answers, or
/// "Tags: travel, budget" closing a story, tell a listener nothing. A sentence that links one
/// word to its tag is read. The scan stops at the first words past the label, so it is cheap
/// on any element, and looks at no more than [`TAG_LIST_NODES`] nodes.
pub(super) fn is_tag_list(el: ElementRef<'_>) -> bool {
    use ego_tree::iter::Edge;
    let is_tag = |n: ego_tree::NodeRef<'_, Node>| {
        n.value().as_element().is_some_and(|e| {
            e.name() == "a"
                && e.attr("rel")
                    .is_some_and(|r| r.split_whitespace().any(|t| t == "tag"))
        })
    };
    let (mut tags, mut words, mut inside) = (0usize, 0usize, 0usize);
    for (seen, edge) in el.traverse().enumerate() {
        if seen >= 2 * TAG_LIST_NODES {
            return false;
        }
        match edge {
            Edge::Open(n) if is_tag(n) => {
                tags += usize::from(inside == 0);
                inside += 1;
            }
            Edge::Close(n) if is_tag(n) => inside -= 1,
            Edge::Open(n) if inside == 0 => {
                if let Node::Text(t) = n.value() {
                    words += t
                        .split_whitespace()
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .count();
                    if words > TAG_LABEL_WORDS {
                        return false;
                    }
                }
            }
            _ => {}
        }
    }
    tags > 0
}

/// A box that is mostly links (at least two, and 70% or more of its text) is navigation:
/// "more on this story" lists, teaser grids, link strips, tables of contents.
fn is_link_box(el: ElementRef<'_>) -> bool {
    let Ok(links) = Selector::parse("a") else {
        return false;
    };
    let total = text_chars(el);
    let mut n = 0;
    let mut linked = 0;
    for a in el.select(&links) {
        n += 1;
        linked += text_chars(a);
    }
    n >= 2 && total > 0 && linked * 10 >= total * 7
}

/// True when `node` is a `<footer>` right inside a `<blockquote>`: the quotation's source
/// ("— C. A. R. Hoare, 1980 Turing Award Lecture", as the HTML standard's examples write it),
/// read with the quote, not page furniture (a fresh tester heard the quote without who said it).
pub(super) fn is_quote_attribution(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| e.name() == "footer")
        && node
            .parent()
            .and_then(|p| p.value().as_element().map(|e| e.name() == "blockquote"))
            .unwrap_or(false)
}

/// Fewest teasers in a rail (see [`is_teaser_rail`]).
const MIN_TEASERS: usize = 1;

/// Most words a rail may hold per teaser, its headlines left out: a headline's teaser runs a
/// sentence or two and a time ("The budget includes raises for teachers. 2 hours ago"); a
/// list of reviewed products under linked names runs a paragraph or more each.
const TEASER_WORDS: usize = 40;

/// A rail's title: what sites call the teasers for other stories under a story.
static RAIL_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:more\b|related\b|recommended\b|popular\b|trending\b|latest\b|top stories\b|most (?:read|popular|viewed|shared)\b|read (?:next|more|also)\b|also (?:read|on)\b|(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|enjoy)\b|don'?t miss\b|up next\b|what to read next\b|further reading\b|around the web\b|editors?'?’?s? (?:picks|choice)\b|keep reading\b|recent (?:posts|stories|articles)\b)",
    )
    .expect("valid regex")
});

/// True when `el` is a rail of teasers for other stories ("More stories", "Recommended for
/// you"): a title matching [`RAIL_TITLE`] (its one heading that is not a link, else the
/// heading right before it), at least [`MIN_TEASERS`] headings that are links to other pages
/// (not a heading's own `#anchor`), and at most [`TEASER_WORDS`] words of other text per
/// linked heading. [`is_link_box`] misses such rails because each teaser's sentence is not a
/// link (found by a fresh tester: a story in a plain `<div>` read with the teasers under it).
/// Without the title, cards of linked headings are a hub page's content (a health agency's
/// topics, a list of resources): on the extraction dev set, dropping them lost F1 on three
/// such pages.
fn is_teaser_rail(el: ElementRef<'_>) -> bool {
    // First the cheap test (the first text only): most containers open with a paragraph.
    if !starts_with_a_heading(el) {
        return false;
    }
    let Ok(headings) = Selector::parse("h2, h3, h4, h5, h6") else {
        return false;
    };
    let (mut linked, mut headline_words) = (0usize, 0usize);
    let mut title = None;
    for h in el.select(&headings) {
        let words = h.text().flat_map(str::split_whitespace).count();
        if words > 0 && is_headline_link(h) {
            linked += 1;
            headline_words += words;
        } else if words > 0 && title.replace(h).is_some() {
            return false;
        }
    }
    let title = title.or_else(|| {
        el.prev_siblings()
            .find_map(ElementRef::wrap)
            .filter(|p| is_subheading(p.value().name()))
    });
    let titled = title.is_some_and(|t| RAIL_TITLE.is_match(&t.text().collect::<String>()));
    let words = el.text().flat_map(str::split_whitespace).count();
    titled && linked >= MIN_TEASERS && words.saturating_sub(headline_words) <= TEASER_WORDS * linked
}

/// True for the headings under a page's headline, `<h2>` to `<h6>`: a section's, a rail's
/// title, a teaser's headline.
fn is_subheading(name: &str) -> bool {
    matches!(name, "h2" | "h3" | "h4" | "h5" | "h6")
}

/// True when the first text under `el` is in a heading (`<h2>`–`<h6>`): a rail opens with its
/// title or its first teaser's headline, not with a story's paragraph.
fn starts_with_a_heading(el: ElementRef<'_>) -> bool {
    el.descendants()
        .find(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()))
        .is_some_and(|n| {
            n.ancestors()
                .take_while(|a| a.id() != el.id())
                .filter_map(ElementRef::wrap)
                .any(|a| is_subheading(a.value().name()))
        })
}

/// True when all the text of heading `h` is in links to another page (a teaser's headline),
/// or `h` sits in such a link.
fn is_headline_link(h: ElementRef<'_>) -> bool {
    let to_elsewhere =
        |a: ElementRef<'_>| !a.value().attr("href").is_some_and(|r| r.starts_with('#'));
    if h.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "a" && to_elsewhere(a))
    {
        return true;
    }
    let Ok(links) = Selector::parse("a") else {
        return false;
    };
    let total = text_chars(h);
    let linked: usize = h
        .select(&links)
        .filter(|a| to_elsewhere(*a))
        .map(text_chars)
        .sum();
    total > 0 && linked == total
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

/// The text of the code block `pre` (see [`spaced_text`]).
fn code_text(pre: ElementRef<'_>) -> String {
    let mut text = String::new();
    spaced_text(pre, &mut text);
    text
}

/// Put in a block's text for two `<br>`s in a row, where the block is split into paragraphs
/// (U+2029 PARAGRAPH SEPARATOR, whitespace to every other reader of the text).
const PARAGRAPH_BREAK: char = '\u{2029}';

/// True when the `<br>` `el` comes right after another, with only whitespace between them.
fn follows_a_br(el: ElementRef<'_>) -> bool {
    el.prev_siblings()
        .find(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()))
        .and_then(ElementRef::wrap)
        .is_some_and(|prev| prev.value().name() == "br")
}

/// Most words of a bold label set on its own line ([`follows_a_label`]).
const LABEL_WORDS: usize = 6;

/// True when the `<br>` `el` ends a bold label on a line of its own: `<b>`/`<strong>` of up to
/// [`LABEL_WORDS`] words, with nothing but whitespace or another `<br>` before it in its parent,
/// and a sentence after it ("<p><b>Ingredients</b><br>Two handfuls….</p>"). Run into the next
/// line it was "Ingredients Two handfuls of…", one sentence (found by a fresh tester); it is
/// read as a line of its own. A line after it that is no sentence ("<b>Hotel Ziva</b><br>$200
/// off", an offer's name over its terms on a deals page) stays with it: on the extraction dev
/// set such lines, apart, were taken for repeated boilerplate.
fn follows_a_label(el: ElementRef<'_>) -> bool {
    let not_blank =
        |n: &ego_tree::NodeRef<'_, Node>| !n.value().as_text().is_some_and(|t| t.trim().is_empty());
    let Some(label) = el
        .prev_siblings()
        .find(not_blank)
        .and_then(ElementRef::wrap)
        .filter(|l| matches!(l.value().name(), "b" | "strong"))
    else {
        return false;
    };
    let words = label.text().flat_map(str::split_whitespace).count();
    let starts_a_line = label
        .prev_siblings()
        .find(not_blank)
        .is_none_or(|n| n.value().as_element().is_some_and(|e| e.name() == "br"));
    if !(1..=LABEL_WORDS).contains(&words) || !starts_a_line {
        return false;
    }
    // The line after the <br>, up to the next one.
    let mut line = String::new();
    for n in el.next_siblings() {
        if n.value().as_element().is_some_and(|e| e.name() == "br") {
            break;
        }
        match ElementRef::wrap(n) {
            Some(e) => line.extend(e.text()),
            None => line.push_str(n.value().as_text().map_or("", |t| t)),
        }
    }
    line.trim_end().ends_with(['.', '!', '?'])
}

/// True when `el` is the line-number gutter of a code block: a `<pre>`, or a list or table
/// cell beside one (`<ul><li>1</li><li>2</li></ul><pre>…`), holding only consecutive whole
/// numbers, two or more ("1 2 3 4"). Highlighters (Hugo's Chroma, Prism, GitHub's gists) set
/// the numbers apart so they are not copied with the code; read, they were "Code: one, two,
/// three, four" before the code (on the extraction dev set, 20 code blocks on two pages).
fn is_line_numbers(el: ElementRef<'_>) -> bool {
    let name = el.value().name();
    let is_code = |e: Option<ElementRef<'_>>| {
        e.is_some_and(|e| {
            e.value().name() == "pre"
                || e.children()
                    .find_map(ElementRef::wrap)
                    .is_some_and(|c| c.value().name() == "pre")
        })
    };
    let beside_code = || {
        is_code(el.prev_siblings().find_map(ElementRef::wrap))
            || is_code(el.next_siblings().find_map(ElementRef::wrap))
    };
    if !(name == "pre" || (matches!(name, "ul" | "ol" | "td") && beside_code())) {
        return false;
    }
    let mut next = None;
    let mut count = 0usize;
    for word in el.text().flat_map(str::split_whitespace) {
        let Ok(n) = word.parse::<u64>() else {
            return false;
        };
        if next.is_some_and(|want| n != want) {
            return false;
        }
        next = n.checked_add(1);
        count += 1;
    }
    count >= 2
}

/// The paragraphs of preformatted prose: blank lines separate them.
fn pre_blocks(pre: ElementRef<'_>, blocks: &mut Vec<Block>) {
    let text: String = pre.text().collect();
    for para in text.split("\n\n") {
        let mut t = para.to_string();
        push_block(&mut t, BlockKind::Paragraph, blocks);
    }
}

/// A table used for page layout (old sites, forums) holds headings, other tables or
/// preformatted text (a highlighter's table of line numbers beside code), a single row whose
/// cells hold `<div>`s, or a cell of running text (40 words or more); its text is read like
/// any container. Any other table holds data, even when its cells wrap their text in `<p>`
/// (editors and rs-trafilatura's cleaned region do: read as a container, each cell was a
/// paragraph of its own, "60%").
fn is_layout_table(el: ElementRef<'_>) -> bool {
    if Selector::parse("table, h1, h2, h3, h4, h5, h6, article, pre")
        .is_ok_and(|sel| el.select(&sel).next().is_some())
    {
        return true;
    }
    // One row whose cells hold `<div>`s: a row of layout (a Hacker News comment is the indent,
    // the vote arrow and the comment, each in a cell of a one-row table).
    if Selector::parse("tr").is_ok_and(|sel| el.select(&sel).nth(1).is_none())
        && Selector::parse("td div, th div").is_ok_and(|sel| el.select(&sel).next().is_some())
    {
        return true;
    }
    Selector::parse("td, th").is_ok_and(|sel| {
        el.select(&sel)
            .any(|cell| cell.text().flat_map(str::split_whitespace).count() >= 40)
    })
}

/// A data table as blocks, read as [`readout::table_blocks`] says (an article's long tables
/// announced or left out, a region read whole reads every row), after its `<caption>`, which
/// says what the rows are ("Fares from 1 May, in pounds"), when it has one and any row is read.
fn table_blocks(table: ElementRef<'_>, blocks: &mut Vec<Block>, reading: Reading) {
    let (Ok(rows), Ok(cells)) = (Selector::parse("tr"), Selector::parse("td, th")) else {
        return;
    };
    let rows = table.select(&rows).map(|row| {
        let texts: Vec<String> = row.select(&cells).map(block_text).collect();
        (is_header_row(row), texts)
    });
    let before = blocks.len();
    readout::table_blocks(rows, reading == Reading::Whole, blocks);
    let caption = table
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "caption")
        .map(block_text)
        .filter(|t| !t.is_empty());
    if let Some(mut text) = caption.filter(|_| blocks.len() > before) {
        if !text.ends_with(['.', '!', '?', ':']) {
            text.push('.');
        }
        blocks.insert(
            before,
            Block {
                kind: BlockKind::Paragraph,
                text,
            },
        );
    }
}

/// A table's header row: inside `<thead>`, or made only of `<th>` cells.
fn is_header_row(row: ElementRef<'_>) -> bool {
    let in_thead = row
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take_while(|a| a.value().name() != "table")
        .any(|a| a.value().name() == "thead");
    let mut cells = row.children().filter_map(ElementRef::wrap).peekable();
    in_thead || (cells.peek().is_some() && cells.all(|c| c.value().name() == "th"))
}

/// An item's text that already opens with its number: "1. Loosen…", "2) Trim…", "Step 3:
/// Water…", "Tip #4 –". Its list's number is not said before it ("three. one." and "one. Step
/// one:" were read; found by a fresh tester on how-to pages). "2 cups of flour" is no number
/// of its own: a count, with no mark after it.
static OWN_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:(?:step|part|stage|tip|rule|day|week|phase|no\.?|#)\s*#?\s*\d+\s*[.:)\-\u{2013}\u{2014}]?|\d{1,3}\s*[.:)](?:\s|$))")
        .expect("valid regex")
});

/// "3. " for the third item of an ordered list (honouring `start`), so steps are read with
/// their numbers as in Markdown; nothing for other items, or for one whose text opens with
/// its own number ([`OWN_NUMBER`]).
fn item_number(li: ElementRef<'_>, text: &str) -> Option<String> {
    let parent = li.parent().and_then(ElementRef::wrap)?;
    if parent.value().name() != "ol" || OWN_NUMBER.is_match(text) {
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

/// Most words of a description list's term, and of its description, read as one line
/// ([`term_before`]).
const TERM_WORDS: usize = 6;
const VALUE_WORDS: usize = 12;
/// Most terms of a list read that way: every description reads the whole list.
const MAX_TERMS: usize = 60;

/// True when the `<dd>` `dd` is a value under its term in a fact box or spec sheet, and that
/// term is the last block read: "<dl><dt>Weight</dt><dd>254 g</dd><dt>Battery</dt><dd>30
/// hours</dd></dl>" is read "Weight: 254 g" and "Battery: 30 hours", a line each, as such a
/// list is written to be read (apart, "Weight." and "254 g." were two lines with a pause
/// between; found by a fresh tester on product reviews). Only a list of two terms or more, each
/// with one description, the terms up to [`TERM_WORDS`] words and no sentences, the
/// descriptions up to [`VALUE_WORDS`]: a glossary's or a reference's long descriptions keep
/// their term as a line of its own (a pause before the definition), and a list under one term
/// ("Attachments" over files) or a lone pair (a forum member's name over "Member", which is
/// left out on its own) stays as it was (found on the extraction dev set's forum threads).
fn term_before(dd: ElementRef<'_>, blocks: &[Block]) -> bool {
    // The list, perhaps over a `<div>` for each group ("<dl><div><dt>Date</dt><dd>…</dd></div>",
    // as HTML allows).
    let parent = dd.parent().and_then(ElementRef::wrap);
    let grouped = parent.filter(|p| p.value().name() == "div");
    let Some(dl) = grouped
        .and_then(|g| g.parent().and_then(ElementRef::wrap))
        .or(parent)
        .filter(|p| p.value().name() == "dl")
    else {
        return false;
    };
    let text = |e: ElementRef<'_>| {
        let mut t = String::new();
        inline_text(e, &mut t);
        collapse_whitespace(&t)
    };
    // Each `<dd>` looks at the whole list: a longer one (a hostile page's) is left apart.
    let items: Vec<ElementRef<'_>> = dl
        .children()
        .filter_map(ElementRef::wrap)
        .take(2 * MAX_TERMS + 1)
        .flat_map(|e| {
            if e.value().name() == "div" {
                e.children().filter_map(ElementRef::wrap).collect()
            } else {
                vec![e]
            }
        })
        .take(2 * MAX_TERMS + 1)
        .collect();
    let paired = (4..=2 * MAX_TERMS).contains(&items.len())
        && items.len().is_multiple_of(2)
        && items.chunks(2).all(|pair| {
            let (term, value) = (text(pair[0]), text(pair[1]));
            pair[0].value().name() == "dt"
                && pair[1].value().name() == "dd"
                && term.chars().any(char::is_alphanumeric)
                && term.split_whitespace().count() <= TERM_WORDS
                && !term.ends_with(['.', '!', '?'])
                && !value.is_empty()
                && value.split_whitespace().count() <= VALUE_WORDS
        });
    let Some(dt) = dd.prev_siblings().filter_map(ElementRef::wrap).next() else {
        return false;
    };
    paired && blocks.last().is_some_and(|b| b.text == text(dt))
}

/// True when a list item holds a heading of its own and a paragraph (a step of a how-to, a
/// ranked entry). Not a heading over a `<div>`: a reference's parameter list ("<li><h3>id
/// string</h3><div>Unique identifier…</div></li>") reads as one line per parameter (split,
/// a repeated description was dropped as boilerplate; the extraction dev set's Stripe
/// reference, F1 0.72 → 0.66).
fn holds_heading(li: ElementRef<'_>) -> bool {
    let children = || li.children().filter_map(ElementRef::wrap);
    children().any(|c| matches!(c.value().name(), "h2" | "h3" | "h4" | "h5" | "h6"))
        && children().any(|c| c.value().name() == "p")
}

fn block_kind(name: &str) -> Option<BlockKind> {
    match name {
        "p" | "dd" | "dt" => Some(BlockKind::Paragraph),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
        "li" => Some(BlockKind::ListItem),
        _ => None,
    }
}

/// Walks a container: inline content accumulates in `pending`; block children flush it.
/// Footnote lists go to `notes` instead of `blocks`.
fn walk(
    el: ElementRef<'_>,
    context: BlockKind,
    pending: &mut String,
    blocks: &mut Vec<Block>,
    notes: &mut Vec<Block>,
    pass: Pass<'_>,
) {
    let Pass {
        reading,
        root_chars,
        threads,
        code,
    } = pass;
    for child in el.children() {
        match child.value() {
            Node::Text(t) => pending.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_footnote_list(child_el) {
                    push_block(pending, context, blocks);
                    // A footnote list inside a footnote section ("<section class=footnotes><ol>")
                    // lands in `nested`: it is notes too.
                    let mut nested = Vec::new();
                    walk(
                        child_el,
                        BlockKind::ListItem,
                        &mut String::new(),
                        notes,
                        &mut nested,
                        pass,
                    );
                    notes.append(&mut nested);
                    continue;
                }
                let a_thread = threads && is_thread_section(e);
                if (is_clutter(e)
                    && !a_thread
                    && !is_quote_attribution(*child_el)
                    && !is_article_marked_as_clutter(child_el)
                    && !is_page_form(child_el)
                    && !is_page_wrapper(child_el, root_chars)
                    && !is_page_named_as_clutter(child_el, root_chars))
                    || is_media_caption(child_el)
                    || is_line_numbers(child_el)
                    || is_tag_list(child_el)
                {
                    continue;
                }
                let name = e.name();
                if name == "br" && follows_a_br(child_el) {
                    // "…the old road.<br><br>The weather…": a blank line between paragraphs,
                    // as old blogs and forum posts write them, ends the paragraph.
                    push_block(pending, context, blocks);
                } else if name == "br" && follows_a_label(child_el) {
                    push_block(pending, context, blocks);
                } else if name == "br" {
                    pending.push(' ');
                } else if name == "pre" {
                    push_block(pending, context, blocks);
                    if !is_code_block(child_el) {
                        pre_blocks(child_el, blocks);
                    } else {
                        let text = match code {
                            Some(page) => page.text_of(child_el),
                            None => code_text(child_el),
                        };
                        readout::code_blocks(&text, reading == Reading::Whole, blocks);
                    }
                } else if INLINE_TAGS.contains(&name) && !holds_blocks(child_el) {
                    space_between_elements(child_el, pending);
                    inline_element(child_el, pending);
                } else if name == "table" && !is_layout_table(child_el) {
                    push_block(pending, context, blocks);
                    table_blocks(child_el, blocks, reading);
                } else if reading == Reading::Article
                    && block_kind(name).is_none()
                    && (is_link_box(child_el) || is_teaser_rail(child_el))
                    && !announced_by_sentence(child_el, blocks)
                {
                    push_block(pending, context, blocks);
                    drop_link_list_label(child_el, blocks);
                } else if name == "li" && holds_heading(child_el) {
                    // A step with its own heading and paragraphs ("<li><h3>Shut off the
                    // water</h3><p>Turn the valves…</p></li>"): its blocks apart, the step's
                    // number before the first (run together, the heading was lost in the
                    // text; found by a fresh tester).
                    push_block(pending, context, blocks);
                    let first = blocks.len();
                    walk(child_el, BlockKind::ListItem, pending, blocks, notes, pass);
                    push_block(pending, BlockKind::ListItem, blocks);
                    if let Some(b) = blocks.get_mut(first) {
                        if let Some(n) = item_number(child_el, &b.text) {
                            b.text.insert_str(0, &n);
                        }
                    }
                } else if let Some(kind) = block_kind(name) {
                    push_block(pending, context, blocks);
                    let kind = if context == BlockKind::Quote && kind == BlockKind::Paragraph {
                        BlockKind::Quote
                    } else {
                        kind
                    };
                    let mut text = String::new();
                    // A list nested in an item ("Outer" › "Inner a", "Inner b") is read as
                    // items of its own after the outer item's text, not run into it.
                    let nested = name == "li" && child_el.children().any(is_nested_list);
                    if nested {
                        child_el
                            .children()
                            .filter(|n| !is_nested_list(*n))
                            .for_each(|n| inline_node(n, &mut text));
                    } else {
                        inline_text(child_el, &mut text);
                    }
                    if name == "li" && !text.trim().is_empty() {
                        if let Some(n) = item_number(child_el, &text) {
                            text.insert_str(0, &n);
                        }
                    }
                    // "<dt>Weight</dt><dd>254 g</dd>": one line, "Weight: 254 g".
                    if name == "dd"
                        && !text.contains(PARAGRAPH_BREAK)
                        && term_before(child_el, blocks)
                    {
                        let term = blocks.pop().map(|b| b.text).unwrap_or_default();
                        let term = term.trim_end_matches([':', ' ']);
                        text = format!("{term}: {}", text.trim_start());
                    }
                    // "<p>Roses are red<br><br>Sugar is sweet</p>": two paragraphs.
                    for part in text.split(PARAGRAPH_BREAK) {
                        push_block(&mut part.to_string(), kind, blocks);
                    }
                    if nested {
                        for list in child_el
                            .children()
                            .filter(|n| is_nested_list(*n))
                            .filter_map(ElementRef::wrap)
                        {
                            walk(list, BlockKind::ListItem, pending, blocks, notes, pass);
                        }
                    }
                } else {
                    push_block(pending, context, blocks);
                    let inner = if name == "blockquote" {
                        BlockKind::Quote
                    } else {
                        context
                    };
                    walk(child_el, inner, pending, blocks, notes, pass);
                    push_block(pending, inner, blocks);
                }
            }
            _ => {}
        }
    }
}

/// Class/id words and ARIA roles of a footnote or endnote list.
const FOOTNOTE_WORDS: &[&str] = &["footnotes", "endnotes", "footnote", "notes-list"];

/// Link texts of a footnote's way back to its marker.
const BACK_LINKS: &[&str] = &["↩", "↩\u{fe0e}", "↩\u{fe0f}", "↑", "^", "⤴"];

/// True for a footnote list: a container marked as footnotes (DPUB-ARIA `doc-endnotes`, a
/// `footnotes` class or id), or a list whose every item holds a back-link (`↩`) to its marker.
fn is_footnote_list(el: ElementRef<'_>) -> bool {
    let v = el.value();
    if matches!(
        v.attr("role"),
        Some("doc-endnotes" | "doc-footnotes" | "doc-footnote")
    ) {
        return true;
    }
    let marked = [v.attr("class"), v.id()].iter().flatten().any(|m| {
        m.split(|c: char| c.is_whitespace() || c == '_')
            .any(|w| FOOTNOTE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    });
    if marked && !matches!(v.name(), "a" | "sup" | "span") {
        return true;
    }
    if !matches!(v.name(), "ol" | "ul") {
        return false;
    }
    let items: Vec<ElementRef<'_>> = el
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|c| c.value().name() == "li")
        .collect();
    !items.is_empty() && items.iter().all(|li| li_has_back_link(*li))
}

fn li_has_back_link(li: ElementRef<'_>) -> bool {
    Selector::parse("a").is_ok_and(|sel| li.select(&sel).any(is_back_link))
}

/// A link from a footnote back to its marker: `↩`, `↑`, or marked `doc-backlink`.
fn is_back_link(a: ElementRef<'_>) -> bool {
    let v = a.value();
    v.attr("role") == Some("doc-backlink")
        || v.attr("class").is_some_and(|c| {
            c.split_whitespace().any(|w| {
                matches!(
                    w,
                    "footnote-back"
                        | "footnote-backref"
                        | "reversefootnote"
                        | "fn-back"
                        // Substack's note number, a link back to its marker.
                        | "footnote-number"
                )
            })
        })
        || BACK_LINKS.contains(&a.text().collect::<String>().trim())
}

/// True when `text`, a `<sup>`'s, could be a note marker: up to four characters (brackets
/// aside) of digits, lower-case letters, note symbols (`*†‡§¶`) and the commas and dashes of a
/// list or range of notes ("5,6", "2–4").
pub(super) fn is_note_text(text: &str) -> bool {
    let t = note_core(text);
    !t.is_empty()
        && t.chars().count() <= 4
        && t.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase() || "*†‡§¶,–-".contains(c))
}

/// A `<sup>`'s text without surrounding whitespace and brackets ("[2]" → "2").
fn note_core(text: &str) -> &str {
    text.trim().trim_start_matches('[').trim_end_matches(']')
}

/// Characters after which a `<sup>` holding note text is a marker (`century.<sup>1</sup>`).
pub(super) const BEFORE_NOTE: &str = ".,;:!?)”\"'’";

/// True for a footnote marker: `<sup>` holding only a note number or symbol (`1`, `[2]`, `*`,
/// `†`) that links somewhere, or that follows punctuation (`century.<sup>1</sup>`); or a link
/// marked `doc-noteref`. A `<sup>` after a digit or letter without a link carries meaning
/// (`10<sup>6</sup>`, `m<sup>2</sup>`) and is not a marker.
fn is_note_marker(el: ElementRef<'_>) -> bool {
    let v = el.value();
    if v.attr("role") == Some("doc-noteref") {
        return true;
    }
    if v.name() != "sup" {
        return false;
    }
    let text: String = el.text().collect();
    if !is_note_text(&text) {
        return false;
    }
    let t = note_core(&text);
    let linked = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "a");
    let after_punctuation = el
        .prev_sibling()
        .and_then(|n| n.value().as_text().map(|t| t.to_string()))
        .and_then(|t| t.trim_end().chars().last())
        .is_some_and(|c| BEFORE_NOTE.contains(c));
    v.attr("class")
        .is_some_and(|c| c.contains("reference") || c.contains("footnote") || c.contains("fn"))
        || linked
        || after_punctuation
        || t.chars().all(|c| "*†‡§¶".contains(c))
}

/// Digits and signs as Unicode superscripts or subscripts; `None` when any character has no
/// such form.
pub(super) fn script_chars(text: &str, sup: bool) -> Option<String> {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    const SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    text.chars()
        .map(|c| match (c, sup) {
            ('0'..='9', true) => Some(SUP[c as usize - '0' as usize]),
            ('0'..='9', false) => Some(SUB[c as usize - '0' as usize]),
            ('-' | '−', true) => Some('⁻'),
            ('+', true) => Some('⁺'),
            ('-' | '−', false) => Some('₋'),
            ('+', false) => Some('₊'),
            _ => None,
        })
        .collect()
}

/// The text of a `<sup>`/`<sub>` as the speech stage can read it: a power of a number as
/// `10^6`, a superscript digit after a letter as `m²`, a one-letter exponent as `x^n`, a
/// subscript digit as `H₂O`; a trademark mark (TM, SM, ®) is left out; other content (the
/// "st" of `1<sup>st</sup>`) as plain text, so `1st` reads "first".
fn script_text(el: ElementRef<'_>, out: &mut String) {
    let sup = el.value().name() == "sup";
    let mut text = String::new();
    inline_text(el, &mut text);
    out.push_str(&script_reading(&text, sup, out.chars().last()));
}

/// How the text of a `<sup>` (`sup` true) or `<sub>` reads after the character `before` (see
/// [`script_text`]): an exponent after a digit as "^6", digits and signs after a letter or
/// digit as Unicode super- or subscripts, a letter exponent as "^n", trademark marks as
/// nothing, anything else as written.
pub(super) fn script_reading(text: &str, sup: bool, before: Option<char>) -> String {
    let t = collapse_whitespace(text);
    let power = !t.is_empty()
        && t.trim_start_matches(['-', '−'])
            .chars()
            .all(|c| c.is_ascii_digit());
    if sup && (t.eq_ignore_ascii_case("tm") || t.eq_ignore_ascii_case("sm") || t == "®") {
        // Trademark marks are not read.
        String::new()
    } else if sup && before.is_some_and(|c| c.is_ascii_digit()) && power {
        format!("^{t}")
    } else if let Some(s) =
        script_chars(&t, sup).filter(|_| before.is_some_and(char::is_alphanumeric))
    {
        s
    } else if sup
        && t.len() == 1
        && t.chars().all(|c| c.is_ascii_lowercase())
        && before.is_some_and(|c| c.is_ascii_alphabetic())
    {
        format!("^{t}")
    } else {
        text.to_string()
    }
}

/// True for a caption written as a paragraph of emphasis beside a video, embed or image
/// (`<video>…</video><p><em>Clip: …</em></p>`): captions do not read aloud.
fn is_media_caption(el: ElementRef<'_>) -> bool {
    if el.value().name() != "p" {
        return false;
    }
    // All the paragraph's text is inside one <em>/<i>.
    let mut children = el
        .children()
        .filter(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()));
    let (Some(only), None) = (children.next(), children.next()) else {
        return false;
    };
    if !ElementRef::wrap(only).is_some_and(|e| matches!(e.value().name(), "em" | "i")) {
        return false;
    }
    let is_media = |e: ElementRef<'_>| {
        const MEDIA: &str = "video, iframe, img, picture, figure, audio, embed, object";
        matches!(
            e.value().name(),
            "video" | "iframe" | "img" | "picture" | "figure" | "audio" | "embed" | "object"
        ) || Selector::parse(MEDIA).is_ok_and(|sel| e.select(&sel).next().is_some())
    };
    let prev = el.prev_siblings().find_map(ElementRef::wrap);
    let next = el.next_siblings().find_map(ElementRef::wrap);
    prev.is_some_and(is_media) || next.is_some_and(is_media)
}

/// Fewest words of the sentence that announces a list of links the article means to read
/// ([`announced_by_sentence`]): a rail's label ("More on this:", "Related:") runs 1–5.
const ANNOUNCING_WORDS: usize = 8;

/// True when the list of links `list` follows a sentence of the article that announces it, a
/// paragraph of [`ANNOUNCING_WORDS`] or more ending in a colon, read as the last block ("There
/// are a number of other resources I'd suggest for learning more:"): the links are the
/// article's reading list, not a rail of other stories (a blog post on the extraction dev set
/// lost its closing list of five books and guides).
fn announced_by_sentence(list: ElementRef<'_>, blocks: &[Block]) -> bool {
    let Some(prev) = list.prev_siblings().find_map(ElementRef::wrap) else {
        return false;
    };
    let Some(last) = blocks.last() else {
        return false;
    };
    if last.kind != BlockKind::Paragraph || !last.text.ends_with(':') {
        return false;
    }
    let mut line = String::new();
    inline_text(prev, &mut line);
    let line = collapse_whitespace(&line);
    // The cheap tests first: this runs on every box of links the walk meets.
    if last.text != line
        || line.split_whitespace().count() < ANNOUNCING_WORDS
        || RAIL_TITLE.is_match(&line)
        || OTHER_STORIES.is_match(&line)
    {
        return false;
    }
    let Ok(links) = Selector::parse("a[href]") else {
        return false;
    };
    // A table of contents (every link to a part of this page) is not read.
    // (An extractor's cleaned markup may have no addresses left: then it is not known.)
    let hrefs: Vec<&str> = list
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    let contents = || {
        if !hrefs.is_empty() {
            return hrefs.iter().all(|h| h.starts_with('#'));
        }
        // Without addresses, a table of contents is known by its entries: the page's headings.
        let headings: std::collections::HashSet<String> = Selector::parse("h1, h2, h3, h4, h5, h6")
            .map(|sel| {
                list.tree()
                    .root()
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .filter(|e| sel.matches(e))
                    .map(|h| collapse_whitespace(&h.text().collect::<String>()))
                    .collect()
            })
            .unwrap_or_default();
        let Ok(items) = Selector::parse("li") else {
            return false;
        };
        list.select(&items)
            .all(|li| headings.contains(&collapse_whitespace(&li.text().collect::<String>())))
    };
    !contents()
}

/// A sentence that announces other stories or the site's own offers, not the article's
/// reading list: "If you liked this post you might also like:", "You may also be interested
/// in the following articles:", "…found the following pages helpful:", "Here are a few of
/// our most popular posts:", "Look no further than …" (each on a page of the extraction dev
/// set, whose true texts leave those lists out).
static OTHER_STORIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:might|may|will|would|could)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)|also\s+(?:like|enjoy)|found\s+the\s+following|(?:most\s+)?popular\s+(?:posts|articles|stories|guides)|related\s+(?:posts|articles|stories|reading)|more\s+(?:posts|articles|stories)\s+(?:like|about|on)|look\s+no\s+further)\b",
    )
    .expect("valid regex")
});

/// Most words of a dropped box of links that are controls, not a list: "US Customary - Metric"
/// under a recipe's "Ingredients", "Expand all" under a section's heading.
const CONTROL_WORDS: usize = 6;

/// When a list of links is dropped, the short line that introduced it ("More great stories",
/// "Related:") goes too: it was the list's label, and alone it means nothing. Not when the
/// links are a few controls ([`CONTROL_WORDS`]): the line heads what follows them (a recipe
/// card's "Ingredients" was dropped with its units switch; found by a fresh tester).
fn drop_link_list_label(list: ElementRef<'_>, blocks: &mut Vec<Block>) {
    let Some(prev) = list.prev_siblings().find_map(ElementRef::wrap) else {
        return;
    };
    let controls = list.text().flat_map(str::split_whitespace).count() <= CONTROL_WORDS
        && list
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .any(|n| text_chars(n) > 0);
    if controls {
        return;
    }
    let mut label = String::new();
    inline_text(prev, &mut label);
    let label = collapse_whitespace(&label);
    let Some(last) = blocks.last() else {
        return;
    };
    let short = label.split_whitespace().count() <= 8;
    let unfinished = !label.ends_with(['.', '!', '?', '"', '”']);
    // "If you liked this post you might also like:" names the list of other stories.
    let names_others = label.ends_with(':') && OTHER_STORIES.is_match(&label);
    if last.text == label && ((short && unfinished) || names_others) {
        blocks.pop();
    }
}

/// Adds an inline element's readable text: nothing for a note marker or back-link, the
/// meaning of a `<sup>`/`<sub>`, else its text.
fn inline_element(el: ElementRef<'_>, out: &mut String) {
    let name = el.value().name();
    if is_note_marker(el) || (name == "a" && is_back_link(el)) {
        return;
    }
    if matches!(name, "sup" | "sub") {
        script_text(el, out);
    } else {
        inline_text(el, out);
    }
}

/// Puts a space before the inline element `el` when it follows another element directly (no
/// text between them) and would otherwise glue a word to the one before: `<span>1994</span>
/// <span>2h 22m</span>` without whitespace in the markup shows "1994 2h 22m" in a browser
/// (CSS spaces them) but read "19942h". A letter after text (`<span>T</span>he`, a drop
/// cap; `m<sup>2</sup>`) follows a text node, so it stays joined. Measured on the extraction
/// dev set: see README.md, "HTML extraction".
fn space_between_elements(el: ElementRef<'_>, out: &mut String) {
    let after_element = el.prev_sibling().is_some_and(|n| n.value().is_element());
    if after_element
        && out.ends_with(char::is_alphanumeric)
        && el
            .text()
            .flat_map(str::chars)
            .find(|c| !c.is_whitespace())
            .is_some_and(char::is_alphanumeric)
    {
        out.push(' ');
    }
}

/// All the text under `el`, with [`space_between_elements`]'s rule at every element: a
/// syntax highlighter's `<span>import</span><span>asyncio</span>`, whose whitespace text
/// nodes rs-trafilatura's cleaned region drops, reads "import asyncio".
fn spaced_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    space_between_elements(c, out);
                    spaced_text(c, out);
                }
            }
            _ => {}
        }
    }
}

/// Collects the readable text inside a block, skipping clutter nested in it, note markers and
/// back-links; `<sup>`/`<sub>` keep their meaning (see [`script_text`]).
fn inline_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        inline_node(child, out);
    }
}

/// True for a list nested directly in a list item: its items are read as items of their own.
fn is_nested_list(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| matches!(e.name(), "ul" | "ol"))
}

/// Adds one node's readable text (see [`inline_text`]).
fn inline_node(child: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    match child.value() {
        Node::Text(t) => out.push_str(t),
        Node::Element(e) => {
            let Some(c) = ElementRef::wrap(child) else {
                return;
            };
            if is_clutter(e) || e.name() == "table" || (e.name() == "pre" && is_code_block(c)) {
                return;
            }
            if e.name() == "br" {
                // The second of two <br>s in a row ends a paragraph (see [`PARAGRAPH_BREAK`]),
                // as does one after a bold label ([`follows_a_label`]).
                out.push(if follows_a_br(c) || follows_a_label(c) {
                    PARAGRAPH_BREAK
                } else {
                    ' '
                });
            } else if INLINE_TAGS.contains(&e.name()) {
                space_between_elements(c, out);
                inline_element(c, out);
            } else {
                // Block elements nested in a block (e.g. <p> in <li>) are separated by a space.
                out.push(' ');
                inline_text(c, out);
                out.push(' ');
            }
        }
        _ => {}
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

    /// The text of each block read from `root`'s root element.
    fn texts_of(root: &Html, reading: Reading) -> Vec<String> {
        read_blocks(root.root_element(), reading)
            .into_iter()
            .map(|b| b.text)
            .collect()
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
    fn highlighted_code_keeps_its_spaces_when_the_markup_lost_them() {
        let root = Html::parse_fragment(
            "<div><p>Run it:</p><pre><code><span class=\"kn\">import</span><span class=\"nn\">\
             harbour</span>\n<span class=\"n\">harbour</span><span class=\"o\">.</span>\
             <span class=\"n\">run</span><span class=\"p\">()</span></code></pre></div>",
        );
        let got = texts_of(&root, Reading::Whole);
        assert_eq!(got, ["Run it:", "Code:", "import harbour", "harbour.run()"]);
    }

    #[test]
    fn highlighted_code_in_a_crates_region_is_read_as_the_page_writes_it() {
        // A post with Hugo's highlighter's table: line numbers in one cell, the code in the
        // other, each token a <span> and each run of whitespace one too (`<span class=w> `).
        // rs-trafilatura's copy drops the whitespace spans ("letdepth=3;for…" on one line);
        // the gutter was read "Code: 1, 2, 3".
        let prose = "<p>The harbour pilot keeps a log of every tide she meets, and the log is \
                     the oldest thing on the boat, older than the engine and the charts.</p>"
            .repeat(6);
        let page = format!(
            "<html><head><title>Tide log</title></head><body><nav><a href=/>Home</a></nav>\
             <article><h1>Tide log</h1>{prose}<p>She counts them like so:</p>\
             <div class=highlight><table class=lntable><tr><td class=lntd><pre class=chroma>\
             <code><span class=lnt>1\n</span><span class=lnt>2\n</span><span class=lnt>3\n\
             </span></code></pre></td><td class=lntd><pre class=chroma><code class=language-rust>\
             <span class=line><span class=kd>let</span><span class=w> </span><span class=n>depth\
             </span><span class=w> </span><span class=o>=</span><span class=w> </span>\
             <span class=mi>3</span><span class=p>;</span><span class=w>\n</span></span>\
             <span class=line><span class=k>for</span><span class=w> </span><span class=n>tide\
             </span><span class=w> </span><span class=k>in</span><span class=w> </span>\
             <span class=n>log</span><span class=w> </span><span class=p>{{</span>\
             <span class=w>\n</span></span><span class=line><span class=p>}}</span>\
             <span class=w>\n</span></span></code></pre>\
             </td></tr></table></div>{prose}</article><footer>© Harbour</footer></body></html>"
        );
        let texts: Vec<String> = parse_page(&page)
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect();
        let at = texts
            .iter()
            .position(|t| t == "Code:")
            .expect("the code is read");
        assert_eq!(
            texts[at - 1..at + 4],
            [
                "She counts them like so:",
                "Code:",
                "let depth = 3;",
                "for tide in log {",
                "}"
            ],
            "{texts:?}"
        );
    }

    #[test]
    fn a_blank_line_of_two_brs_ends_a_paragraph_and_one_br_does_not() {
        let root = Html::parse_fragment(
            "<div><h2>The coast</h2>We left at dawn.<br>\n<br>The sea was calm.<br>We swam.\
             <br><br><br>It rained on Sunday.<p>Roses are red,<br>violets blue.<br><br>Sugar \
             is sweet.</p></div>",
        );
        let got = texts_of(&root, Reading::Article);
        assert_eq!(
            got,
            [
                "The coast",
                "We left at dawn.",
                "The sea was calm. We swam.",
                "It rained on Sunday.",
                "Roses are red, violets blue.",
                "Sugar is sweet."
            ]
        );
    }

    #[test]
    fn a_code_blocks_line_numbers_are_not_read() {
        let root = Html::parse_fragment(
            "<div><p>Run it:</p><div><ul class=select-none><li>1</li><li>2</li></ul>\
             <pre><code>cargo build\ncargo test</code></pre></div>\
             <p>Steps:</p><ul><li>1</li><li>2</li></ul><p>Lines:</p><pre>4\n5\n6</pre>\
             <pre>7 8 9 and more</pre></div>",
        );
        let got = texts_of(&root, Reading::Whole);
        // A list of numbers away from code is read; a <pre> of numbers alone is a gutter.
        assert_eq!(
            got,
            [
                "Run it:",
                "Code:",
                "cargo build",
                "cargo test",
                "Steps:",
                "1",
                "2",
                "Lines:",
                "7 8 9 and more"
            ]
        );
    }

    #[test]
    fn a_regions_code_is_matched_to_the_pages_own_by_its_characters() {
        let page = Html::parse_document(
            "<body><pre><code><span>import</span> <span>tides</span>\n\
             <span>tides</span>.<span>log</span>()</code></pre>\
             <pre><code>x = 1</code></pre></body>",
        );
        let region = Html::parse_fragment(
            "<div><p>Run:</p><pre><code>importtidestides.log()</code></pre>\
             <pre><code>y=2</code></pre></div>",
        );
        let got: Vec<String> =
            read_region(region.root_element(), Reading::Whole, &PageCode::of(&page))
                .into_iter()
                .map(|b| b.text)
                .collect();
        // Found in the page: its lines; not found: the region's own text.
        assert_eq!(
            got,
            [
                "Run:",
                "Code:",
                "import tides",
                "tides.log()",
                "Code:",
                "y=2"
            ]
        );
    }

    #[test]
    fn elements_side_by_side_are_not_glued_into_one_word() {
        let root = Html::parse_fragment(
            r#"<div><p><span>Harbour Film</span><span>1994</span><span>2h 22m</span><span>PG</span>
            <a href="/a">Night ferry course</a><a href="/b">Day ferry course</a></p>
            <p><span class="dropcap">T</span>he tide rose 2 m<sup>2</sup>, to <b>$</b><b>36</b>
            and <span>1</span><span>,000</span> boats.</p></div>"#,
        );
        let got = texts_of(&root, Reading::Article);
        assert_eq!(
            got,
            [
                "Harbour Film 1994 2h 22m PG Night ferry course Day ferry course",
                "The tide rose 2 m², to $36 and 1,000 boats."
            ]
        );
    }

    #[test]
    fn a_form_that_wraps_the_page_is_read_and_a_small_form_is_not() {
        let item = |n: usize| {
            format!(
                "<div class=\"review\"><h2>Harbour app {n}</h2><p>Harbour app {n} shows the \
                 tides, the ferries and the weather for the week ahead, and warns before a \
                 storm.</p></div>"
            )
        };
        let items: String = (1..=8).map(item).collect();
        let page = format!(
            r#"<html><head><title>App reviews</title></head><body>
            <div class="search"><form action="/find"><p>Search the reviews</p>
            <input name="q"><button>Find</button></form></div>
            <form method="post" action="./reviews" id="form1">
            <div id="MainContent"><h1>App reviews</h1><div class="reviews">{items}</div></div>
            </form>
            <form action="/comment"><p>Leave a comment</p><label>Name*</label><input name="n">
            <label>Email*</label><input name="e"><textarea></textarea></form>
            </body></html>"#
        );
        let d = parse_page(&page);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"Harbour app 8"), "{texts:?}");
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Harbour app 1 shows the tides")),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Name*")), "{texts:?}");
        assert!(
            !texts.iter().any(|t| t.contains("Leave a comment")),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Search the")), "{texts:?}");
    }

    #[test]
    fn an_article_column_named_after_the_sidebar_layout_is_read() {
        let prose: String = (1..=8)
            .map(|i| {
                format!(
                    "<p>The harbour tide rises twice a day, and paragraph {i} explains how the \
                     moon pulls the sea across the bay.</p>"
                )
            })
            .collect();
        let page = format!(
            r#"<html><head><title>Tides</title></head><body><div class="sidebar-layout">
            <div class="sidebar-content"><h1>Tides</h1>{prose}</div>
            <div class="sidebar"><p>About me: I write about the sea.</p></div></div></body></html>"#
        );
        let d = parse(
            &page,
            &HtmlOptions {
                extractor: Some(crate::ingest::html::Strategy::Page),
                ..HtmlOptions::default()
            },
        );
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 8, "{texts:?}");
        assert!(texts[7].contains("paragraph 8"), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("About me")), "{texts:?}");
    }

    #[test]
    fn a_page_wrapper_named_after_the_layout_is_read_and_real_furniture_is_not() {
        let paragraphs = |topic: &str| -> String {
            (1..=25)
                .map(|i| {
                    format!(
                        "<p>The {topic} keeps time by the harbour tide; point {i} says how the \
                         brass gears follow the moon across the month.</p>"
                    )
                })
                .collect()
        };
        let read = |html: &str| -> Vec<String> {
            let d = parse(
                html,
                &HtmlOptions {
                    extractor: Some(crate::ingest::html::Strategy::Page),
                    ..HtmlOptions::default()
                },
            );
            d.blocks.into_iter().map(|b| b.text).collect()
        };
        // A sticky-footer layout wraps the whole page; the real footer inside it is not read.
        let page = format!(
            r#"<html><head><title>Tide clock</title></head><body><div class="sticky-footer">
            <div class="container"><h1>Tide clock</h1>{}</div>
            <div class="site-footer"><p>Shipping and returns. Contact us.</p></div></div>
            </body></html>"#,
            paragraphs("tide clock")
        );
        let texts = read(&page);
        assert!(
            texts.iter().any(|t| t.contains("point 25 says")),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Contact us")), "{texts:?}");
        // A comment thread is clutter however much of the page it holds.
        let thread = format!(
            r#"<html><head><title>Clock</title></head><body><main><h1>Clock</h1>
            <p>A short note on the clock.</p><div class="comments">{}</div></main></body></html>"#,
            paragraphs("reader's clock")
        );
        let texts = read(&thread);
        assert!(
            !texts.iter().any(|t| t.contains("reader's clock")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_thread_whose_posts_sit_in_a_comments_section_is_read_but_comments_under_a_story_are_not() {
        let posts = |topic: &str, n: usize| -> String {
            (1..=n)
                .map(|i| {
                    format!(
                        "<article class=\"post\"><p>Reply {i} about the {topic}: we booked \
                         through an agent twice and the fares were lower each time, with a \
                         cabin upgrade on the second trip.</p></article>"
                    )
                })
                .collect()
        };
        // A forum thread (Invision Community's markup): every post is inside #comments.
        let forum = format!(
            r#"<html><head><title>Using an agent</title></head><body><main>
            <h1>Using an agent</h1><a href="/share">Share</a>
            <div id="comments" data-role="commentFeed">{}</div></main></body></html>"#,
            posts("cruise", 12)
        );
        let d = parse_page(&forum);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.contains("Reply 1 about")),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("Reply 12 about")),
            "{texts:?}"
        );
        // A story with a long comment thread under it: the story only.
        let story: String = (1..=8)
            .map(|i| {
                format!(
                    "<p>Part {i} of the story: the harbour board met on Tuesday and voted to \
                     rebuild the sea wall before the winter storms, at a cost of two million.</p>"
                )
            })
            .collect();
        let blog = format!(
            r#"<html><head><title>Sea wall</title></head><body><article><h1>Sea wall</h1>
            {story}</article><div id="comments">{}</div></body></html>"#,
            posts("wall", 30)
        );
        let d = parse_page(&blog);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.contains("Part 8 of")), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("Reply")), "{texts:?}");
    }

    #[test]
    fn a_titled_rail_of_teasers_is_not_read_but_a_hub_pages_cards_are() {
        let card = |head: &str| {
            format!(
                "<div class=\"card\"><h3><a href=\"/{head}\">{head}</a></h3><p>One short line \
                 about {head} for the reader.</p><span>3 hours ago</span></div>"
            )
        };
        let story = "<p>The story itself, told in a paragraph of its own.</p>";
        // Titled inside, or by the heading before it: a rail.
        for rail in [
            format!(
                "<section><h2>More stories</h2>{}{}</section>",
                card("Budget"),
                card("Title")
            ),
            format!(
                "<h2>You may also like</h2><div>{}{}</div>",
                card("Budget"),
                card("Title")
            ),
        ] {
            let root = Html::parse_document(&format!("<main>{story}{rail}</main>"));
            let got = texts_of(&root, Reading::Article);
            assert_eq!(
                got,
                ["The story itself, told in a paragraph of its own."],
                "{rail}"
            );
            // A listing is read whole.
            assert!(texts_of(&root, Reading::Whole).len() > 1);
        }
        // The same cards under a heading that is not a rail's title: a hub page's topics.
        let hub = format!(
            "<h2>Oral health topics</h2><div>{}{}</div>",
            card("Budget"),
            card("Title")
        );
        let root = Html::parse_document(&format!("<main>{story}{hub}</main>"));
        let got = texts_of(&root, Reading::Article);
        assert!(got.iter().any(|t| t == "Budget"), "{got:?}");
        // A section's own anchor is not a link elsewhere.
        let anchored = "<section><h2>More stories</h2><div><h3><a href=\"#a\">Alpha</a></h3>\
                        <p>Text.</p></div><div><h3><a href=\"#b\">Beta</a></h3><p>Text.</p></div>\
                        </section>";
        let root = Html::parse_document(&format!("<main>{story}{anchored}</main>"));
        assert!(texts_of(&root, Reading::Article)
            .iter()
            .any(|t| t == "Alpha"));
    }

    #[test]
    fn a_wall_of_testimonials_is_not_read_as_the_page() {
        let quotes: String = (1..=14)
            .map(|i| {
                format!(
                    "<div class=\"swiper-slide\"><div class=\"tm-testimonial__text\">Customer {i} \
                     says: I have ordered from this shop many times and every parcel came fast, \
                     wrapped with care, and the quality is lovely.</div><div>Name {i}</div></div>"
                )
            })
            .collect();
        let page = format!(
            r#"<html><head><title>Linen Dress</title></head><body><main><h1>Linen Dress</h1>
            <div class="product-description"><p>A loose summer dress cut from washed linen, with
            two deep pockets, a side zip and a hem that falls just below the knee.</p>
            <p>The fabric softens with every wash and keeps cool on hot days; the dress is cut
            long in the body so it can be belted, and the linen is grown and woven in Europe.</p>
            <ul><li>Material: 100% linen</li><li>Care: cool wash, line dry</li>
            <li>Made to order, shipped within two weeks</li></ul></div>
            <section class="tm-testimonial-carousel">{quotes}</section></main></body></html>"#
        );
        // Our walk, and Readability's region read by it (the crate keeps class names).
        for strategy in [
            crate::ingest::html::Strategy::Page,
            crate::ingest::html::Strategy::Readability,
        ] {
            let opts = HtmlOptions {
                extractor: Some(strategy),
                ..HtmlOptions::default()
            };
            let d = parse(&page, &opts);
            let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
            assert!(
                texts.iter().any(|t| t.contains("washed linen")),
                "{texts:?}"
            );
            assert!(!texts.iter().any(|t| t.contains("Customer")), "{texts:?}");
        }
    }

    #[test]
    fn falls_back_to_title_element_without_h1() {
        let d = parse_page("<html><head><title>Only Title | Site</title></head><body><div>Loose text in a div.</div></body></html>");
        assert_eq!(d.title.as_deref(), Some("Only Title"));
        assert_eq!(d.blocks[0].text, "Loose text in a div.");
    }
}
