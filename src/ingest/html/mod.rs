//! HTML pages: find the article, then read it block by block.
//!
//! Finding the article is done by several strategies, one file each — `rs-trafilatura`
//! ([`trafilatura`]), `readabilityrs` ([`readability`]), the schema.org `articleBody` the page
//! carries ([`structured`]), and the page's longest `<article>`/`<main>`/body ([`walk`]) — and
//! [`choose`] picks one; the document records which, and whether what it read is only a
//! fragment of the page. Whatever found the region, our walk ([`walk`]) reads it as headings, paragraphs, list
//! items and quotes. The order and the fragment rule were chosen by measuring on 806 real
//! pages (README.md, "HTML extraction").
//!
//! Before any of that, [`guard`] flattens pathologically deep markup so that no parser or
//! walk is quadratic or overflows the stack, and [`furniture`] rewrites markup the extractors
//! would flatten into wrong words (footnote markers, powers, units, video captions).

mod choose;
mod furniture;
mod guard;
mod posts;
mod readability;
mod streamed;
mod structured;
mod trafilatura;
mod walk;

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde::{Deserialize, Serialize};

use super::{Block, BlockKind, Document};

pub use super::readout::{FOOTNOTES_HEADING, TABLE_ANNOUNCEMENT};

/// One way of finding the article in a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// `rs-trafilatura` (a Rust port of trafilatura) finds the article region.
    Trafilatura,
    /// `readabilityrs` (a port of Mozilla's Readability) finds the article region.
    Readability,
    /// The schema.org `articleBody` of the page's JSON-LD.
    StructuredData,
    /// The page's longest `<article>`, else `<main>`, else the body, read whole; chosen
    /// strategies fall back to the whole body when every one of them reads a fragment.
    Page,
}

impl Strategy {
    /// The name used on the command line and in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Trafilatura => "trafilatura",
            Strategy::Readability => "readability",
            Strategy::StructuredData => "structured-data",
            Strategy::Page => "page",
        }
    }
}

/// Which strategy to use: `None` lets [`choose`] decide (the default), `Some` forces one.
pub type Extractor = Option<Strategy>;

/// How a page's text was found: recorded in `aloud script --json` and the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    /// The strategy whose text is read.
    pub strategy: Strategy,
    /// Words in the text read (before cleaning).
    pub words_read: usize,
    /// Words of visible text on the page outside navigation, footers and sidebars (scripts,
    /// styles and hidden elements left out too).
    pub words_visible: usize,
    /// True when the text read is under 50 words or under 15% of `words_visible`: the page
    /// probably builds its article with JavaScript, or hides it behind a login.
    pub fragment: bool,
    /// The kind of page rs-trafilatura's classifier saw ("article", "forum", "product",
    /// "collection", "listing", "documentation", "service"), when it ran and the page's
    /// address was known (a URL input, or the page's canonical link): from markup alone it
    /// guesses wrong, and its guess is then neither used nor reported. Pages that are not
    /// articles are read whole (link lists, long tables and code kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_type: Option<String>,
    /// True when the page shows a subscription or registration wall ([`shows_a_paywall`]) and
    /// under [`PAYWALL_SHORT_WORDS`] words were read: the article stops at the wall. Such a
    /// reading is a fragment too (warned about; an error with `--strict`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paywall: bool,
    /// The address of the article's next page, when the page says it is the first of several
    /// ([`next_page`]: a `<link rel="next">` and "Page 1 of 3" shown): the listener hears
    /// only the first page, and is told so (a warning; not an error with `--strict`, since a
    /// listing of results says the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues: Option<String>,
}

/// "Page 1 of 3", as a paginated article shows it between tags.
static FIRST_OF_PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)>\s*page\s+1\s+(?:of|/)\s+([2-9]|[1-9]\d)\s*<").expect("valid regex")
});

/// The next page's address when the page is the first of several: it links its next page
/// (`<link rel="next" href>`, as CMSs mark a paginated article; Sphinx and forums do too) and
/// shows "Page 1 of N" as a text of its own. On the extraction dev set 39 pages link a next
/// page (documentation's next chapter, forums, listings, a blog's next post) and one of them
/// shows "Page 1 of N" so: a forum thread's first page, rightly told to go on.
fn next_page(html: &str, page: &Html) -> Option<String> {
    FIRST_OF_PAGES.find(html)?;
    let sel = scraper::Selector::parse(r#"link[rel~="next"], a[rel~="next"]"#).ok()?;
    page.select(&sel)
        .filter_map(|l| l.value().attr("href"))
        .map(str::trim)
        .find(|h| !h.is_empty())
        .map(str::to_string)
}

/// How to read an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Force one strategy instead of choosing.
    pub extractor: Extractor,
    /// The page's address when known (a URL input); otherwise the page's canonical link is
    /// used. Extractors use it to tell article pages from forums, products and listings.
    pub url: Option<String>,
    /// Read the page's footnotes after the article (they are left out by default).
    pub footnotes: bool,
}

/// Parses an HTML page into the article's title and blocks, recording how they were found.
pub fn parse(text: &str, opts: &HtmlOptions) -> Document {
    let text = guard::close_title(text);
    let text = guard::limit_depth(&text);
    let text = streamed::reveal(&text);
    let text = furniture::rewrite(&text);
    let mut page = Html::parse_document(&text);
    // A story told in pictures is read with its captions.
    let text = if furniture::picture_story(&page) {
        let captioned = furniture::captions_as_text(&text);
        page = Html::parse_document(&captioned);
        std::borrow::Cow::Owned(captioned)
    } else {
        text
    };
    let url = opts.url.clone().or_else(|| canonical_url(&page));
    // Strategies are chosen against all visible text (measured best); the fragment warning
    // compares with the text outside navigation, footers and sidebars, so a complete article
    // under a mega-menu is not called a fragment (measured: 10 pages warn instead of 17, 2
    // false alarms instead of 6, the same nearly-empty pages caught). The final warning also
    // leaves out furniture not marked up as navigation (menus of <div>s, consent dialogs,
    // pop-ups): `python3 benches/fragments.py`, 11 pages warn instead of 7, false alarms 6 → 3,
    // no nearly-empty page silent.
    let visible = visible_words(&page);
    let choose::Chosen {
        strategy,
        mut blocks,
        page_type,
    } = choose::choose(&text, &page, url.as_deref(), opts, &visible);
    let words_visible = visible.outside_furniture;
    // Footnotes are found on the whole page (extractors may keep them as plain paragraphs or
    // drop their markup); they are never read in place, and with --footnotes come last.
    let (_, notes) = walk::blocks_and_notes(page.root_element(), walk::Reading::Article);
    if !notes.is_empty() {
        let note_texts: std::collections::HashSet<&str> =
            notes.iter().map(|n| without_number(&n.text)).collect();
        blocks.retain(|b| !note_texts.contains(without_number(&b.text)));
    }
    // The elements that hold the article, which no furniture rule below takes for furniture.
    let anchors = article_anchors(&page);
    // Menus, subscription walls and pop-ups that a strategy kept once their markup was
    // cleaned, left out of a story (a page of another kind is read whole: its true text keeps
    // them, and leaving them out lost F1 on 30 such pages of the dev set).
    if trafilatura::reading_for(page_type.as_deref(), url.is_some()) == walk::Reading::Article {
        let mut furniture = furniture_lines(&page);
        furniture.extend(author_box_lines(&page, &anchors));
        drop_lines(&mut blocks, &furniture);
        drop_hidden_lines(&mut blocks, &page, &anchors, visible.all);
    }
    drop_lines_of(&mut blocks, &page, &anchors, visible.all, |e| {
        is_marked_not_to_read(e) || walk::has_display_none_class(e)
    });
    drop_lines(&mut blocks, &other_story_lines(&page, url.as_deref()));
    drop_lines(&mut blocks, &tag_list_lines(&page));
    drop_lines(&mut blocks, &signature_lines(&page, &anchors));
    drop_repeats(
        &mut blocks,
        min_repeat_words(page_type.as_deref(), url.is_some()),
    );
    drop_member_stats(&mut blocks);
    blocks.retain(|b| !is_machine_text(&b.text) && !is_edit_note(&b.text));
    // Lone counts between posts or paragraphs; a catalogue's counts sit under their category
    // names ("Batteries", "1791"), which its true text keeps, so other kinds are left whole.
    if trafilatura::reading_for(page_type.as_deref(), url.is_some()) == walk::Reading::Article
        || page_type.as_deref() == Some("forum")
    {
        drop_bare_counts(&mut blocks);
    }
    drop_signup_boxes(&mut blocks);
    if trafilatura::reading_for(page_type.as_deref(), url.is_some()) == walk::Reading::Article {
        drop_pull_quotes(&mut blocks);
    }
    let first_post = posts::insert_headers(&mut blocks, &page);
    strip_permalink_marks(&mut blocks);
    space_glued_labels(&mut blocks);
    // A heading with nothing after it ("References" over a list of notes left out, a "Try it"
    // over a widget, a closing call to action, "Users who are viewing this thread"): nothing
    // to introduce (found by a fresh tester; 12 pages of the dev set better, 2 worse). A
    // heading of more than [`LONE_HEADING_WORDS`] is text marked up as one (a sources list:
    // one page lost 0.02 of F1 without the limit), and is read.
    while blocks.len() > 1
        && blocks.last().is_some_and(|b| {
            b.kind == BlockKind::Heading && count_words(&b.text) <= LONE_HEADING_WORDS
        })
    {
        blocks.pop();
    }
    let words_read = words_in(&blocks);
    // A short page read (nearly) whole is a notice, not a fragment, unless it is an app shell.
    let short_and_whole = words_read < choose::MIN_WORDS_READ
        && words_read * 100 >= words_visible * WHOLE_PERCENT
        && !looks_like_an_app(&page);
    let paywall = words_read < PAYWALL_SHORT_WORDS && shows_a_paywall(&page);
    if paywall {
        // The wall's pitch, when a strategy kept it: not the article; nor any line shown only
        // in the wall's box or other furniture ("Keep reading with a 7-day free trial", "Start
        // trial" in Substack's `div.paywall`, read on a page read whole; found by a fresh
        // tester).
        let furniture = furniture_lines(&page);
        blocks.retain(|b| {
            (count_words(&b.text) >= PROSE_LINE_WORDS
                || !(PAYWALL_TEXT.is_match(&b.text) || PAYWALL_LINE.is_match(&b.text)))
                && !furniture.contains(&letters_and_digits(&b.text))
        });
    }
    // What is said is what is counted as read.
    let words_read = words_in(&blocks);
    let fragment = (choose::warns(words_read, words_visible) && !short_and_whole) || paywall;

    // The headline (below); without one, the <title> (site name dropped) is.
    let root = walk::article_root(&page);
    let site = walk::site_name(&page).map(|s| letters_and_digits(&s));
    // A heading that is the title the page declares (og:title) is the headline, wherever
    // it is; else the first h1, unless it is a theme's site name ("<h1
    // class=site-name>Metro News</h1>") or the page declares a title and the h1 shares no
    // word with it nor with the <title> (a section's "<h1>Perspectives</h1>", a sidebar's
    // "<h1>Contact Us</h1>"): then the <title> is. Without a declared title the h1 stays (a
    // listing's <title> is often the site's slogan, its h1 the first story).
    let declared = walk::declared_title(&page);
    let page_title = walk::page_title(&page);
    let mut title = declared
        .as_deref()
        .and_then(|d| walk::heading_named(page.root_element(), d))
        .or_else(|| {
            headline_h1(root, &page, &[&declared, &page_title])
                .filter(|t| site.as_deref() != Some(letters_and_digits(t).as_str()))
                .filter(|t| {
                    declared.is_none()
                        || [&declared, &page_title]
                            .into_iter()
                            .flatten()
                            .any(|d| shares_a_word(t, d))
                })
        });
    if let Some(post) = title.as_deref().and_then(|t| post_under_site(&page, t)) {
        title = Some(post);
    }
    // vBulletin's and phpBB styles' "Thread: Rear brake squeal", "Topic: …": the thread's
    // name is the title (found by a fresh tester).
    let thread_name = title.as_deref().and_then(|t| {
        ["Thread: ", "Topic: "]
            .iter()
            .find_map(|p| t.strip_prefix(p))
            .filter(|n| !n.trim().is_empty())
            .map(|n| (t.to_string(), n.to_string()))
    });
    if let Some((heading, name)) = thread_name {
        let before_posts = first_post.unwrap_or(blocks.len()).min(blocks.len());
        if let Some(i) = blocks[..before_posts]
            .iter()
            .position(|b| b.text == heading)
        {
            blocks.remove(i);
        }
        title = Some(name.trim().to_string());
    }
    if let Some(t) = &title {
        // The headline as a block may still carry a permalink mark ("Title¶"); a theme may
        // show it twice, one right after the other (Shopify's `<h1>` and a linked `<h2
        // class="h1">`, GOV.UK's heading and its part's title; found by a fresh tester). A
        // thread's posts are their own (a question whose one line is the title keeps it).
        let key = letters_and_digits(t);
        let shows = |b: &Block| walk::shows_title(&letters_and_digits(&b.text), &key);
        let before_posts = first_post.unwrap_or(blocks.len()).min(blocks.len());
        if let Some(i) = blocks[..before_posts].iter().position(shows) {
            blocks.remove(i);
            if blocks.get(i).is_some_and(shows) {
                blocks.remove(i);
            }
        }
        if let Some(dek) = walk::standfirst(&page).filter(|d| !blocks.iter().any(|b| &b.text == d))
        {
            blocks.insert(
                0,
                Block {
                    kind: BlockKind::Paragraph,
                    text: dek,
                },
            );
        }
    } else {
        title = page_title;
        if let Some(t) = &title {
            drop_headline(&mut blocks, t, first_post);
        }
    }
    if opts.footnotes {
        super::readout::append_notes(&mut blocks, notes);
    }
    Document {
        title,
        blocks,
        extraction: Some(Extraction {
            strategy,
            words_read,
            words_visible,
            fragment,
            page_type,
            paywall,
            continues: next_page(&text, &page),
        }),
    }
}

/// The post's title when `heading` (the headline found) is the site's name before it in the
/// page's `<title>`, "Site: Post", and the rest is one of the page's headings: Blogger's theme
/// shows the blog's name as the `<h1>` and each post's title as an `<h3>` (a fresh tester's
/// post was titled "Grandma's Attic Finds"). Only after a colon: "Post | Site" and "Post -
/// Site" put the site last, and on three dev-set pages the site's name is a heading too.
fn post_under_site(page: &Html, heading: &str) -> Option<String> {
    let raw = walk::title_text(page)?;
    let rest = raw.strip_prefix(heading)?.strip_prefix(':')?.trim_start();
    (!rest.is_empty())
        .then(|| walk::heading_named(page.root_element(), rest))
        .flatten()
}

/// Shortest block, in words, that is dropped when it repeats an earlier one. Pages often hold
/// the article twice (a print or mobile copy, a teaser of its first paragraph), and extractors
/// keep both; a short repeated line ("Ingredients", "Step 1") can be legitimate.
const MIN_REPEAT_WORDS: usize = 6;

/// How many of the first blocks of a page without an `<h1>` are looked at for a headline that
/// the `<title>` repeats (a kicker or a date may come before it); a later line equal to the
/// title is the article's own text.
const HEADLINE_BLOCKS: usize = 3;

/// Shortest repeated block, in words, dropped from a page of the kind rs-trafilatura's
/// classifier named (`page_type`; trusted only when the address is known, `has_url`): on a
/// forum, product, listing, collection or service page, read whole, every repeat goes, so
/// a carousel's copies, "Add to cart" under every tile and "Reply" under every post are read
/// once; articles and documentation (whose code repeats lines such as `}`) keep
/// [`MIN_REPEAT_WORDS`]. Measured on the 806 real pages of the extraction dev set (README.md).
fn min_repeat_words(page_type: Option<&str>, has_url: bool) -> usize {
    match page_type {
        Some("forum" | "product" | "listing" | "collection" | "service") if has_url => 1,
        _ => MIN_REPEAT_WORDS,
    }
}

/// Drops blocks of `min_words` words or more that repeat an earlier block word for word.
fn drop_repeats(blocks: &mut Vec<Block>, min_words: usize) {
    let mut seen = std::collections::HashSet::new();
    blocks.retain(|b| count_words(&b.text) < min_words || seen.insert(b.text.clone()));
}

/// A forum member's profile figures, as forum software prints them beside every post
/// (vBulletin's "Join Date: Mar 2016", MyBB's "Posts: 116 Threads: 23 Joined: Feb 2019
/// Reputation: 7", XenForo's "Messages: 1,204 Reaction score: 310"): one label and its value.
/// Found on the dev set's forum threads, where they were read before every post ("Posts: one
/// thousand seventy-seven"); none of the true texts keeps them.
static MEMBER_STAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(join date|joined|registered|member since|posts|threads|messages|reputation|rep power|reaction score|trophy points|points|likes received|solutions|location)\s*:\s*",
    )
    .expect("member stat pattern")
});

/// Most words a member-stats block holds: a profile line is short ("Posts: 116 Threads: 23
/// Joined: Feb 2019 Reputation: 7" is 10), a sentence that starts "Location:" is not one.
const MEMBER_STATS_WORDS: usize = 16;

/// Most words after one label before the next ("Joined: 14 February 2019" is 3).
const MEMBER_STAT_VALUE_WORDS: usize = 3;

/// True when `text` is made only of member-stats labels and their short values, with at least
/// one label that only forums print (a lone "Location: Boston" is a job advert's line, read).
fn is_member_stats(text: &str, alone_allowed: bool) -> bool {
    let text = text.trim();
    if count_words(text) > MEMBER_STATS_WORDS {
        return false;
    }
    let labels: Vec<_> = MEMBER_STAT.captures_iter(text).collect();
    let Some(first) = labels.first() else {
        return false;
    };
    if first.get(0).map(|m| m.start()) != Some(0) {
        return false;
    }
    let forum_only = labels
        .iter()
        .any(|c| !c[1].eq_ignore_ascii_case("location"));
    let values_short = labels.iter().enumerate().all(|(k, c)| {
        let from = c.get(0).map_or(0, |m| m.end());
        let to = labels
            .get(k + 1)
            .and_then(|n| n.get(0))
            .map_or(text.len(), |m| m.start());
        count_words(&text[from..to]) <= MEMBER_STAT_VALUE_WORDS
    });
    values_short && (forum_only || alone_allowed)
}

/// Drops forum members' profile figures ([`MEMBER_STAT`]): a block of only such figures, and
/// a lone "Location: …" next to one.
fn drop_member_stats(blocks: &mut Vec<Block>) {
    let stats: Vec<bool> = blocks
        .iter()
        .map(|b| is_member_stats(&b.text, false))
        .collect();
    let mut i = 0;
    blocks.retain(|b| {
        let near = |k: Option<usize>| k.and_then(|k| stats.get(k)).copied().unwrap_or(false);
        let drop = stats[i]
            || ((near(i.checked_sub(1)) || near(Some(i + 1))) && is_member_stats(&b.text, true));
        i += 1;
        !drop
    });
}

/// A forum post's edit note, printed under the post by the forum software: phpBB's "Last
/// edited by Minoa on Tue Aug 27, 2019 10:03 pm, edited 1 time in total.", XenForo's "Last
/// edited: Jul 9, 2022", FluxBB's "Last edited by mpan (2024-08-04 16:26:02)", Invision's
/// "Edited April 18, 2024 by thanosmano", "Edited August 26 by …" and "Edited [January 29] by
/// ErnestQ (see edit history)", Vanilla's "edited March 2025 in Releases", and a bare "Edited
/// by". On the extraction dev set aloud read 43 such lines on 15 pages, whose true texts hold
/// none. A book's credit line ("Edited by Hans Ulrich Obrist and Kostas Stasinopoulos") has no
/// date and no edit history: it is read.
static EDIT_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    const MONTH: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";
    Regex::new(&format!(
        r"(?ix)^(?:
            last\ edited\b.*
          | .*,\ edited\ \d+\ times?\ in\ total\.?
          | edited\b.*\(see\ edit\ history\)
          | edited\ by
          | edited\ (?:on\ )?(?:{MONTH}\ \d{{1,2}}(?:,?\ \d{{4}})?|\d{{1,2}}\ {MONTH}(?:\ \d{{4}})?)\ by\ .+
          | edited\ {MONTH}\ \d{{4}}\ in\ .+
        )$"
    ))
    .expect("valid regex")
});

/// Most words of a forum post's edit note ([`EDIT_NOTE`]); the longest on the extraction dev
/// set has 15.
const EDIT_NOTE_WORDS: usize = 24;

/// True when a block is only a forum post's edit note ([`EDIT_NOTE`]).
fn is_edit_note(text: &str) -> bool {
    let text = text.trim();
    count_words(text) <= EDIT_NOTE_WORDS && EDIT_NOTE.is_match(text)
}

/// True when a block is only a whole number of up to six digits, signed or not ("6", "-2",
/// "1024"): a post's votes or likes, a counter badge, a step's or a code line's number set apart
/// from its text. Read alone it is a stray "six" between two posts. On the 806 pages of the
/// extraction dev set aloud read 729 such blocks on 71 pages, 96 of them on 25 forum threads
/// and 143 on articles, whose true texts hold 1 and 0 (left out of stories and threads only,
/// see [`parse`]).
fn is_bare_count(text: &str) -> bool {
    let digits = text.trim().trim_start_matches(['+', '-', '−']);
    (1..=6).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Most words of a block beside a bare count for the count to be a catalogue's, kept: a
/// count between two short labels ("Batteries", "1791", "Battery Chargers") is how many items
/// a category holds (a parts store's index on the extraction dev set, whose true text keeps
/// them), one beside a post or a paragraph is its votes.
const LABEL_WORDS: usize = 4;

/// Drops bare counts ([`is_bare_count`]) unless both blocks beside them are short labels
/// ([`LABEL_WORDS`]), they are list items (a list of numbers, "1998", "2004", is what it
/// says), or the block before introduces them ("The final tally was:", "42"; a fresh tester
/// found both dropped).
fn drop_bare_counts(blocks: &mut Vec<Block>) {
    let short = |k: Option<usize>| {
        k.and_then(|k| blocks.get(k))
            .is_some_and(|b| count_words(&b.text) <= LABEL_WORDS)
    };
    let introduced = |i: usize| {
        i.checked_sub(1)
            .and_then(|k| blocks.get(k))
            .is_some_and(|b| b.text.trim_end().ends_with(':'))
    };
    let drop: Vec<bool> = (0..blocks.len())
        .map(|i| {
            is_bare_count(&blocks[i].text)
                && blocks[i].kind != BlockKind::ListItem
                && !introduced(i)
                && !(short(i.checked_sub(1)) && short(Some(i + 1)))
        })
        .collect();
    let mut i = 0;
    blocks.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// A list item's text without its "3. " number.
fn without_number(text: &str) -> &str {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    match rest.strip_prefix(". ") {
        Some(r) if rest.len() < text.len() => r,
        _ => text,
    }
}

/// A token no listener can use: a UUID (RFC 9562 §4, `8-4-4-4-12` hex digits) or a run of 16
/// or more hex digits holding both a letter and a digit (a hash, a session key).
static MACHINE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[0-9]+[a-f]|[a-f]+[0-9])[0-9a-f]{14,})$",
    )
    .expect("machine token pattern")
});

/// Least share of a block's words, in percent, that are [`MACHINE_TOKEN`]s for the block to be
/// machine text. On the extraction dev set's product pages, markup obfuscated against scrapers
/// shows as blocks of single letters between UUIDs ("S f2f2…-…a086 p 1620…-…41c3 U"), which
/// were read character by character; a sentence that quotes one id ("the request id is …")
/// stays.
const MACHINE_TEXT_PERCENT: usize = 25;

/// True when at least [`MACHINE_TEXT_PERCENT`] of the words of `text` are [`MACHINE_TOKEN`]s.
fn is_machine_text(text: &str) -> bool {
    let (mut words, mut machine) = (0usize, 0usize);
    for w in text.split_whitespace() {
        words += 1;
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        machine += usize::from(MACHINE_TOKEN.is_match(w));
    }
    machine > 0 && machine * 100 >= words * MACHINE_TEXT_PERCENT
}

/// The fine print of a sign-up box: "By signing up, you agree to receive …", "By providing my
/// email, I am consenting to …", "By proceeding, you agree to our Privacy Policy". Found inside
/// the article region on the dev set (an SMS deals box in a story, a newsletter box in a forum
/// thread, a discount pop-up on a product page); none of the true texts keeps it. The clause
/// opens a sentence: "critics say that by clicking, shoppers agree" is prose.
static SIGNUP_FINE_PRINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[.!?]\s*)by (?:signing up|subscribing|providing (?:my|your)|proceeding|clicking|submitting|entering|continuing|checking)\b[^.]{0,120}?\b(?:agree|consent|accept|acknowledge|confirm)",
    )
    .expect("sign-up fine print pattern")
});

/// The opening of a sign-up box's pitch: "Enter your email for 15% off", "Sign up for our
/// newsletter", "Subscribe to the Grower's e-mails", "Join our mailing list!"; "Sign up for
/// the club's open day" is no pitch.
static SIGNUP_PITCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:enter your (?:e-?mail|email address|phone)|(?:sign up|subscribe) (?:for|to) (?:our|the)\b[^.!?]{0,40}?\b(?:newsletters?|mailing list|e-?mails?|updates|digest|alerts|texts)|join (?:our|the) (?:mailing list|newsletter))\b",
    )
    .expect("sign-up pitch pattern")
});

/// Most words of a block dropped for its [`SIGNUP_FINE_PRINT`]: the box's legal line with its
/// pitch (the longest on the dev set is 52 words); a paragraph of an article that explains
/// such a clause is longer.
const SIGNUP_FINE_PRINT_WORDS: usize = 80;

/// Most words of a block dropped for opening with a [`SIGNUP_PITCH`].
const SIGNUP_PITCH_WORDS: usize = 30;

/// Most words of a line between a sign-up box's pitch and its fine print that is taken as
/// part of the box ("Our twice-monthly newsletter for people who garden under glass."): the
/// box's own lines are short; an article's paragraph is longer.
const SIGNUP_BOX_LINE_WORDS: usize = 25;

/// Most lines between a sign-up box's pitch and its fine print.
const SIGNUP_BOX_GAP: usize = 2;

/// Drops sign-up boxes: each block that is a pitch or fine print ([`is_signup_fine_print`]),
/// and the short lines ([`SIGNUP_BOX_LINE_WORDS`]) between two such blocks at most
/// [`SIGNUP_BOX_GAP`] lines apart (a box without class names, its heading the pitch, then a
/// line about the newsletter, then the fine print; found by a tester).
fn drop_signup_boxes(blocks: &mut Vec<Block>) {
    let signup: Vec<bool> = blocks
        .iter()
        .map(|b| is_signup_fine_print(&b.text))
        .collect();
    let mut drop = signup.clone();
    let marked: Vec<usize> = (0..signup.len()).filter(|&i| signup[i]).collect();
    for pair in marked.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b - a - 1 <= SIGNUP_BOX_GAP
            && (a + 1..b).all(|k| count_words(&blocks[k].text) <= SIGNUP_BOX_LINE_WORDS)
        {
            drop[a + 1..b].iter_mut().for_each(|d| *d = true);
        }
    }
    let mut i = 0;
    blocks.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// True when `text` is a sign-up box's pitch or fine print (see [`SIGNUP_FINE_PRINT`]).
fn is_signup_fine_print(text: &str) -> bool {
    let words = count_words(text);
    (words <= SIGNUP_FINE_PRINT_WORDS && SIGNUP_FINE_PRINT.is_match(text))
        || (words <= SIGNUP_PITCH_WORDS && SIGNUP_PITCH.is_match(text.trim()))
}

/// The page's own address: `<link rel="canonical">`, else `og:url`; absolute http(s) only.
fn canonical_url(page: &Html) -> Option<String> {
    [
        ("link[rel=canonical]", "href"),
        ("meta[property=\"og:url\"]", "content"),
    ]
    .iter()
    .find_map(|(sel, attr)| {
        let sel = Selector::parse(sel).ok()?;
        page.select(&sel)
            .filter_map(|e| e.value().attr(attr))
            .map(str::trim)
            .find(|u| u.starts_with("http://") || u.starts_with("https://"))
            .map(str::to_string)
    })
}

/// Only the letters and digits of `text`, lower-cased: two texts that differ only in marks
/// and spacing compare equal.
pub(super) fn letters_and_digits(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when `a` and `b` share a word of three letters or more, in any case.
fn shares_a_word(a: &str, b: &str) -> bool {
    shared_words(a, b) > 0
}

/// How many distinct words of three or more letters `a` shares with `b`, in any case.
fn shared_words(a: &str, b: &str) -> usize {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    words(a).intersection(&words(b)).count()
}

/// The headline `<h1>`: the first in the article's root, unless the page's first `<h1>`, outside
/// the root, shares more words with the page's declared title or `<title>`. A Q&A page's
/// question heads the page above `<main>`, where an answer's own `<h1>` ("Undo a commit & redo")
/// was taken for the title and the question never read (found by a fresh tester).
fn headline_h1(root: ElementRef<'_>, page: &Html, titles: &[&Option<String>]) -> Option<String> {
    let inside = walk::first_h1(root);
    let first = walk::first_h1(page.root_element());
    let score = |h: &Option<String>| {
        h.as_deref().map_or(0, |h| {
            titles
                .iter()
                .filter_map(|t| t.as_deref())
                .map(|t| shared_words(h, t))
                .max()
                .unwrap_or(0)
        })
    };
    match (&inside, &first) {
        (Some(_), Some(_)) if first != inside && score(&first) > score(&inside) => first,
        (Some(_), _) => inside,
        _ => first,
    }
}

/// A page without an `<h1>` (table layouts, old CMSs) shows its headline in a bold line or an
/// `<h2>` that its `<title>` repeats: said once, as the title. Among the first
/// [`HEADLINE_BLOCKS`] blocks, one equal to `title` (letters and digits, any case) is removed;
/// one that starts with it and goes on with a byline or a date (the headline and its byline on
/// lines a `<br>` apart, which a block runs together) keeps only the rest. A block that goes on
/// with other words is left whole: the `<title>` may be a shortened headline. Blocks from a
/// thread's first post on (`first_post`, the index of its header) are the posts' own: a
/// question whose one line is the thread's title keeps it.
fn drop_headline(blocks: &mut Vec<Block>, title: &str, first_post: Option<usize>) {
    let key: Vec<String> = title
        .split_whitespace()
        .map(letters_and_digits)
        .filter(|w| !w.is_empty())
        .collect();
    if key.is_empty() {
        return;
    }
    let scanned = blocks
        .len()
        .min(HEADLINE_BLOCKS)
        .min(first_post.unwrap_or(usize::MAX));
    for i in 0..scanned {
        let words: Vec<&str> = blocks[i].text.split_whitespace().collect();
        let mut matched = 0;
        let mut used = 0;
        for w in &words {
            let k = letters_and_digits(w);
            if !k.is_empty() {
                if key.get(matched) != Some(&k) {
                    break;
                }
                matched += 1;
            }
            used += 1;
            if matched == key.len() {
                break;
            }
        }
        if matched < key.len() {
            continue;
        }
        if used == words.len() {
            blocks.remove(i);
        } else if starts_a_byline(words[used]) {
            blocks[i].text = words[used..].join(" ");
        }
        return;
    }
}

/// Words that open the line under a headline: a byline or a date.
const BYLINE_OPENERS: &[&str] = &[
    "by",
    "posted",
    "published",
    "updated",
    "written",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// True when `word` opens a byline or a date line ([`BYLINE_OPENERS`], or a number).
fn starts_a_byline(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    w.starts_with(|c: char| c.is_ascii_digit()) || BYLINE_OPENERS.contains(&w.as_str())
}

/// Each non-blank line of `text` as a paragraph, whitespace collapsed.
fn line_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(super::collapse_whitespace)
        .filter(|l| !l.is_empty())
        .map(|text| Block {
            kind: BlockKind::Paragraph,
            text,
        })
        .collect()
}

/// Words with at least one letter or digit.
pub(super) fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Words in blocks.
fn words_in(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| count_words(&b.text)).sum()
}

/// Words of text a reader could see on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Visible {
    /// Everything in the body outside scripts, styles, templates and hidden elements.
    pub all: usize,
    /// The same, also outside `<nav>`, `<footer>`, `<aside>` and their ARIA roles.
    pub outside_navigation: usize,
    /// The same, also outside page furniture that is not marked up as navigation
    /// ([`is_furniture`]: menus of `<div>`s, consent dialogs, pop-ups, site headers, a
    /// `<select>`'s options) unless it holds the article. The fragment warning's measure; strategies are chosen against the
    /// other two (choosing against this one lost F1 on 4 pages of the dev set).
    pub outside_furniture: usize,
}

/// The address of the page a page only frames: the first `<iframe>` whose `src` is a web
/// address (`http://` or `https://`). For a page that shows no text of its own, this is where
/// its article is (a syndicated story embedded whole; found by a fresh tester, told only that
/// the page was probably built by JavaScript).
pub fn framed_page(html: &str) -> Option<String> {
    let page = Html::parse_document(html);
    let sel = scraper::Selector::parse("iframe[src]").ok()?;
    page.select(&sel)
        .filter_map(|f| f.value().attr("src"))
        .map(str::trim)
        .find(|src| src.starts_with("https://") || src.starts_with("http://"))
        .map(str::to_string)
}

/// The blocks of a piece of HTML inside another format (a Markdown file's raw HTML block),
/// read as an article's region is: headings, paragraphs and list items, clutter skipped.
pub(crate) fn fragment_blocks(html: &str) -> Vec<Block> {
    walk::blocks_of(Html::parse_fragment(html).root_element())
}

/// How raw `<sup>` (`sup` true) or `<sub>` text inside another format reads after the
/// character `before`, as on an HTML page: a note marker after punctuation ("too.<sup>5,6
/// </sup>") is not read (`None`); "10<sup>6</sup>" reads "10^6", "m<sup>2</sup>" "m²".
pub(crate) fn script_in_text(text: &str, sup: bool, before: Option<char>) -> Option<String> {
    let marker = sup
        && walk::is_note_text(text)
        && before.is_some_and(|c| walk::BEFORE_NOTE.contains(c) || c.is_whitespace());
    (!marker).then(|| walk::script_reading(text, sup, before))
}

/// Counts the page's [`Visible`] words in one walk.
pub(crate) fn visible_words(page: &Html) -> Visible {
    let mut counts = Visible {
        all: 0,
        outside_navigation: 0,
        outside_furniture: 0,
    };
    // A word cut by an inline tag ("im<b>port</b>ant") would count twice; joining the text
    // of adjacent nodes before counting avoids that. One run per count.
    let mut runs = [String::new(), String::new(), String::new()];
    walk_visible(page, |event| match event {
        VisibleText::Text {
            text,
            nav,
            furniture,
        } => {
            runs[0].push_str(text);
            if !nav {
                runs[1].push_str(text);
            }
            if furniture.is_none() {
                runs[2].push_str(text);
            }
        }
        VisibleText::BlockEnd => {
            counts.all += count_words(&runs[0]);
            counts.outside_navigation += count_words(&runs[1]);
            counts.outside_furniture += count_words(&runs[2]);
            for run in runs.iter_mut() {
                run.clear();
                run.push(' ');
            }
        }
    });
    counts
}

/// The lines of a page (the text of one block element, [`letters_and_digits`]) that are shown
/// only inside navigation or page furniture ([`is_furniture`]) holding no prose: a drop-down
/// menu's entries, a subscription wall's pitch, a pop-up's form. Extractors that clean the
/// page's markup lose the classes that mark such text and may keep it; a block of a reading
/// equal to one of these lines is not read (see [`parse`]). Furniture with a line of
/// [`PROSE_LINE_WORDS`] words or more is left out (whole pages sit in containers classed
/// "header" or "modal": the dev set's newsletter platforms), as is a line also shown outside
/// furniture (a headline repeated in a breadcrumb).
fn furniture_lines(page: &Html) -> std::collections::HashSet<String> {
    use std::collections::{HashMap, HashSet};
    // Lines by the furniture they are in; furniture holding prose; lines outside furniture.
    let mut inside: HashMap<ego_tree::NodeId, Vec<String>> = HashMap::new();
    let mut prose = HashSet::new();
    let mut outside = HashSet::new();
    // The line being read, the furniture of its first words, and whether any of it was
    // outside furniture.
    let (mut line, mut root, mut any_out) = (String::new(), None, false);
    walk_visible(page, |event| match event {
        VisibleText::Text {
            text, furniture, ..
        } => {
            if !text.trim().is_empty() {
                line.push_str(text);
                root = root.or(furniture);
                any_out |= furniture.is_none();
            }
        }
        VisibleText::BlockEnd => {
            let key = letters_and_digits(&line);
            if !key.is_empty() {
                match root {
                    _ if any_out => {
                        outside.insert(key);
                    }
                    // A heading classed so ("header-anchor", "module_header") is the
                    // article's.
                    Some(r) if is_heading(page, r) => {
                        outside.insert(key);
                    }
                    Some(r) => {
                        if count_words(&line) >= PROSE_LINE_WORDS {
                            prose.insert(r);
                        }
                        inside.entry(r).or_default().push(key);
                    }
                    None => {}
                }
            }
            line.clear();
            line.push(' ');
            (root, any_out) = (None, false);
        }
    });
    // Lines of furniture that holds prose are the article's (its headings, also in a menu).
    let (prose, menus): (Vec<_>, Vec<_>) = inside.into_iter().partition(|(r, _)| prose.contains(r));
    outside.extend(prose.into_iter().flat_map(|(_, lines)| lines));
    menus
        .into_iter()
        .flat_map(|(_, lines)| lines)
        .filter(|k| !outside.contains(k))
        .collect()
}

/// Words read under which a page that shows a subscription wall is taken to stop at it: a
/// story's standfirst and first paragraphs run 40–250 words before the wall; a complete story
/// with a subscription box under it runs on.
const PAYWALL_SHORT_WORDS: usize = 300;

/// Class and id words of a subscription or registration wall.
const PAYWALL_WORDS: &[&str] = &["paywall", "regwall"];

/// What a wall says where the article stops: an invitation to subscribe, register, sign in or
/// install an app "to continue reading" (at the end of the line, or "… this article") or "to
/// read the full story", to "unlock this story", or "for subscribers only". Not "to keep
/// reading": WordPress's Jetpack shows "Subscribe now to keep reading and get access to the
/// full archive" in a pop-up over complete posts (a false alarm on the extraction dev set);
/// nor "to continue reading stories like this" under a complete story; nor a reading time ("5
/// minutes to read this article").
static PAYWALL_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:^\s*|\b(?:subscribe|subscription|register|registration|sign\s+(?:in|up)|log\s*in|join|member|trial|app|account)\b[^.!?]{0,60}?)
        \bto\s+(?:continue\s+reading(?:\s*(?:[.!…:,]|$)|\s+(?:this|the)\s+(?:article|story|piece|post))
            |read\s+(?:the|this)\s+(?:full\s+|whole\s+|rest\s+of\s+the\s+|entire\s+)?(?:article|story|piece|post))
        |\bunlock\s+(?:this|the)\s+(?:full\s+)?(?:article|story|piece)\b
        |\bfor\s+(?:paid\s+|paying\s+)?(?:subscribers|members)\s+only\b
        |\b(?:subscribers|members)[-\s]only\s+(?:content|article|story)\b",
    )
    .expect("valid regex")
});

/// The wall's other lines, read when a strategy kept them: "Already a subscriber? Log in",
/// "Subscribe now", "Start your free trial". Left out of a reading that stops at a wall.
static PAYWALL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:already\s+(?:a\s+subscriber|a\s+member|have\s+an\s+account|registered)\b|(?:subscribe|sign\s+(?:in|up)|log\s*in|register|join)(?:\s+(?:now|today|for\s+free))?\s*[.!]?\s*$|start\s+(?:your\s+)?free\s+trial)",
    )
    .expect("valid regex")
});

/// True when the page shows a subscription or registration wall: visible text saying the
/// article goes on for subscribers ([`PAYWALL_TEXT`], in a line of under 400 bytes), or an
/// element with text whose class or id has a word of [`PAYWALL_WORDS`].
fn shows_a_paywall(page: &Html) -> bool {
    // The page says in its structured data that it is free to read (a fresh tester's free
    // article warned of a wall because of a "2 free articles remaining" nudge in its header).
    if free_to_read(page) {
        return false;
    }
    let mut found = false;
    let mut line = String::new();
    walk_visible(page, |event| match event {
        VisibleText::Text { text, .. } => line.push_str(text),
        VisibleText::BlockEnd => {
            found |= line.len() < 400 && PAYWALL_TEXT.is_match(&line);
            line.clear();
        }
    });
    found
        || page.root_element().descendants().any(|n| {
            ElementRef::wrap(n).is_some_and(|el| {
                let e = el.value();
                !is_invisible(e)
                    && class_and_id_words(e)
                        .iter()
                        .any(|w| PAYWALL_WORDS.contains(&w.as_str()))
                    && el.text().any(|t| !t.trim().is_empty())
                    && !OFFERED_FREE.is_match(&el.text().collect::<String>())
            })
        })
}

/// What a metered site's box says over an article it gives away ("Cet article vous est
/// offert", "This article is free to read"): a box classed as the paywall that lets the reader
/// through (a fresh tester's complete French story warned of a wall); or how many free
/// articles are left ("You have 2 free articles remaining", a meter's nudge over a complete
/// story, which warned too; found by a fresh tester).
static OFFERED_FREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:vous\s+est\s+offert|article\s+offert|(?:article|story)\s+is\s+free\s+to\s+read|unlocked\s+for\s+you|gift(?:ed)?\s+(?:article|story)|free\s+(?:articles?|stories|reads?)\s+(?:remaining|left)|(?:articles?|stories)\s+left\s+this\s+month)",
    )
    .expect("valid regex")
});

/// Schema.org's `"isAccessibleForFree": true` in the page's JSON-LD.
static FREE_TO_READ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)"isAccessibleForFree"\s*:\s*"?true"?"#).expect("valid regex")
});

/// True when the page's JSON-LD says its article is free to read ([`FREE_TO_READ`]).
fn free_to_read(page: &Html) -> bool {
    let Ok(sel) = Selector::parse(r#"script[type="application/ld+json"]"#) else {
        return false;
    };
    page.select(&sel)
        .any(|s| FREE_TO_READ.is_match(&s.text().collect::<String>()))
}

/// True when node `id` is an `<h1>`–`<h6>`.
fn is_heading(page: &Html, id: ego_tree::NodeId) -> bool {
    page.tree
        .get(id)
        .and_then(|n| n.value().as_element())
        .is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

/// Words in one line of text from which furniture is taken to hold prose, not menus or a
/// pitch: a sentence of some length (menus, buttons and sign-up pitches run 1–25 words).
const PROSE_LINE_WORDS: usize = 30;

/// What [`walk_visible`] meets: text a reader can see (`nav`: inside navigation; `furniture`:
/// inside navigation or page furniture that does not hold the article), and the start or end
/// of a block element, where words cannot run on.
enum VisibleText<'a> {
    Text {
        text: &'a str,
        nav: bool,
        /// The outermost navigation or furniture element the text is in.
        furniture: Option<ego_tree::NodeId>,
    },
    BlockEnd,
}

/// Walks the text of the page's body a reader could see, in document order. Iterative, so
/// deep markup cannot overflow the stack.
fn walk_visible(page: &Html, mut each: impl FnMut(VisibleText<'_>)) {
    use ego_tree::iter::Edge;
    let holds_article = article_anchors(page);
    // Depths inside a hidden element, navigation, and navigation or furniture.
    let (mut hidden, mut nav, mut furniture) = (0usize, 0usize, 0usize);
    let mut furniture_root = None;
    for edge in page.root_element().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                // Inside a hidden element every element counts, so closes balance opens.
                scraper::Node::Element(e) if hidden > 0 || is_invisible(e) => hidden += 1,
                scraper::Node::Element(e) => {
                    if !walk::is_inline(e.name()) {
                        each(VisibleText::BlockEnd);
                    }
                    if nav > 0 || (is_navigation(e) && !walk::is_quote_attribution(node)) {
                        nav += 1;
                    }
                    if furniture > 0
                        || nav > 0
                        || (is_furniture(e) && !holds_article.contains(&node.id()))
                    {
                        if furniture == 0 {
                            furniture_root = Some(node.id());
                        }
                        furniture += 1;
                    }
                }
                scraper::Node::Text(t) if hidden == 0 => {
                    let in_noscript = node
                        .parent()
                        .and_then(|p| p.value().as_element().map(|e| e.name() == "noscript"))
                        .unwrap_or(false);
                    // Parsed as raw text: what a reader without JavaScript sees is the text
                    // between its tags (forums serve whole threads this way).
                    let text = if in_noscript {
                        format!(" {} ", strip_tags(t))
                    } else {
                        t.to_string()
                    };
                    each(VisibleText::Text {
                        text: &text,
                        nav: nav > 0,
                        furniture: furniture_root.filter(|_| furniture > 0),
                    });
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let scraper::Node::Element(e) = node.value() {
                    if hidden > 0 {
                        hidden -= 1;
                    } else {
                        nav = nav.saturating_sub(1);
                        furniture = furniture.saturating_sub(1);
                    }
                    if !walk::is_inline(e.name()) {
                        each(VisibleText::BlockEnd);
                    }
                }
            }
        }
    }
    each(VisibleText::BlockEnd);
}

/// `markup` without its tags (and without the text of scripts and styles inside it).
fn strip_tags(markup: &str) -> String {
    let fragment = Html::parse_fragment(markup);
    let mut out = String::new();
    for node in fragment.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style" | "template"))
            });
            if !hidden {
                out.push_str(t);
                out.push(' ');
            }
        }
    }
    out
}

fn is_navigation(e: &scraper::node::Element) -> bool {
    matches!(e.name(), "nav" | "footer" | "aside")
        || matches!(
            e.attr("role"),
            Some("navigation" | "contentinfo" | "complementary")
        )
}

/// The share of a short page's words (outside furniture), in percent, read for it to count as
/// read whole: a 30-word notice under a menu reads 89–90% of what it shows.
const WHOLE_PERCENT: usize = 80;

/// Ids of the element a JavaScript framework builds the page into (React's `root`, Vue's
/// `app`, Next.js, Nuxt, Gatsby).
const APP_ROOT_IDS: &[&str] = &["root", "app", "__next", "__nuxt", "___gatsby", "svelte"];

/// True when the page carries the marks of a page built by JavaScript: a framework's root
/// element ([`APP_ROOT_IDS`], `data-reactroot`, `ng-version`, `data-server-rendered`), a custom
/// element (a tag name with a hyphen: Reddit's threads are `<shreddit-app>`, a page of the
/// extraction dev set that reads 40 of its 50 words and none of its thread) or a `<noscript>`
/// message. A short page with them is an app shell; without, a short notice.
fn looks_like_an_app(page: &Html) -> bool {
    page.root_element().descendants().any(|n| {
        n.value().as_element().is_some_and(|e| {
            e.name() == "noscript"
                || e.name().contains('-')
                || e.attr("id").is_some_and(|id| APP_ROOT_IDS.contains(&id))
                || e.attr("data-reactroot").is_some()
                || e.attr("ng-version").is_some()
                || e.attr("data-server-rendered").is_some()
        })
    })
}

/// Fewest words of a quotation that [`drop_pull_quotes`] looks for elsewhere in the article.
const PULL_QUOTE_WORDS: usize = 4;

/// Most words of the line under a pull quote that names who said it ("Mayor Lin").
const PULL_QUOTE_CREDIT_WORDS: usize = 6;

/// Most words of a pull quote (a sentence or two in large type), and most quotations looked
/// for: each search reads the whole story, so a hostile page of thousands of quotations
/// between paragraphs must not make it quadratic.
const PULL_QUOTE_MAX_WORDS: usize = 60;
const PULL_QUOTES_CHECKED: usize = 20;

/// Leaves out a story's pull quotes: a quotation of [`PULL_QUOTE_WORDS`] words or more whose
/// words the story's own paragraphs already say (the page repeats a line in large type beside
/// the text; WordPress's pullquote block, a `<blockquote class="pull-quote">`), with the short
/// credit line right under it. Class names vary and the extractors drop them; the repetition is
/// what marks one. Read twice, the listener heard the same sentence again (found by a fresh
/// tester).
fn drop_pull_quotes(blocks: &mut Vec<Block>) {
    if !blocks.iter().any(|b| b.kind == BlockKind::Quote) {
        return;
    }
    let prose: String = blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Quote)
        .map(|b| letters_and_digits(&b.text))
        .collect();
    let mut drop_credit = false;
    let mut checked = 0;
    blocks.retain(|b| {
        if b.kind != BlockKind::Quote {
            drop_credit = false;
            return true;
        }
        let words = count_words(&b.text);
        let candidate = (PULL_QUOTE_WORDS..=PULL_QUOTE_MAX_WORDS).contains(&words)
            && checked < PULL_QUOTES_CHECKED;
        checked += usize::from(candidate);
        let pulled = candidate && prose.contains(&letters_and_digits(&b.text));
        let credit = drop_credit && words <= PULL_QUOTE_CREDIT_WORDS;
        drop_credit = pulled;
        !(pulled || credit)
    });
}

/// Class and id words of page furniture that is not marked up as navigation: comment
/// threads, cookie and consent dialogs, pop-ups, menus built of `<div>`s, sidebars, site
/// headers. Found on the extraction dev set's false alarms (a 448-word story under 6,675
/// words of comments, a 110-word thread under a 561-word consent dialog, a service page under
/// four pop-up forms of 1,600–2,000 words each).
const FURNITURE_WORDS: &[&str] = &[
    "breadcrumb",
    "breadcrumbs",
    "consent",
    "cookie",
    "cookies",
    "cta",
    "dialog",
    "dropdown",
    "footer",
    "gdpr",
    "header",
    "masthead",
    "megamenu",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "overlay",
    "paywall",
    "popup",
    "regwall",
    "related",
    "share",
    "sidebar",
    "social",
    "submenu",
    "subscribe",
    "subscription",
];

/// Class-name and id words that alone mark an author box: "author__bio", "profile-bio",
/// the Simple Author Box plugin's "saboxplugin-wrap".
const AUTHOR_BOX_WORDS: &[&str] = &["bio", "bios", "biography", "saboxplugin", "authorbox"];

/// Words that mark an author box beside "author" ("AuthorProfileWrapper", "about-author",
/// "author-box", "author-card").
const BESIDE_AUTHOR_WORDS: &[&str] = &[
    "about",
    "box",
    "card",
    "desc",
    "description",
    "details",
    "profile",
    "wrapper",
];

/// The words of `e`'s class names and id ([`name_words`]).
fn class_and_id_words(e: &scraper::node::Element) -> Vec<String> {
    e.attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(name_words)
        .collect()
}

/// True when `e` is a box about the article's author by its class or id words
/// ([`AUTHOR_BOX_WORDS`], or "author" with one of [`BESIDE_AUTHOR_WORDS`]).
fn is_author_box(e: &scraper::node::Element) -> bool {
    let words = class_and_id_words(e);
    let has = |w: &str| words.iter().any(|x| x == w);
    words.iter().any(|w| AUTHOR_BOX_WORDS.contains(&w.as_str()))
        || (has("author") && BESIDE_AUTHOR_WORDS.iter().any(|w| has(w)))
}

/// The lines (letters and digits, as [`letters_and_digits`]) of the page's author boxes
/// ([`is_author_box`]) that do not hold the article: the writer's biography printed under a
/// story ("Jane Doe is a freelance writer who covers …"). Extractors keep it as the story's
/// last paragraphs; on the extraction dev set it was the most common prose read from articles
/// that their true text leaves out.
fn author_box_lines(page: &Html, anchors: &Anchors) -> std::collections::HashSet<String> {
    lines_within(page, anchors, is_author_box)
}

/// Class-name and id words of a forum post's signature, the lines a member puts under every
/// post ("Core i5 · 32GB RAM · Windows 11", a favourite quotation): phpBB, vBulletin,
/// XenForo ("message-signature"), Invision, GameFAQs. ("sig" alone is not one: Sphinx
/// documentation marks a function's signature "sig sig-object".) None of the
/// 27 threads of the extraction dev set that mark them keeps one in its true text.
const SIGNATURE_WORDS: &[&str] = &["signature", "signaturecontainer", "postsignature"];

/// True when `e` is a forum post's signature by its class or id words ([`SIGNATURE_WORDS`]).
/// Stack Exchange's "post-signature" is its posts' author card, not a signature: it is left
/// to the member-statistics rule.
fn is_signature(e: &scraper::node::Element) -> bool {
    let words = class_and_id_words(e);
    let has = |w: &str| words.iter().any(|x| x == w);
    SIGNATURE_WORDS.iter().any(|w| has(w)) && !has("post")
}

/// The lines of the page's forum signatures ([`is_signature`]) and member cards
/// ([`is_member_card`]): never read, on any kind of page (they are repeated beside their
/// member's every post, and say nothing of the thread).
fn signature_lines(page: &Html, anchors: &Anchors) -> std::collections::HashSet<String> {
    lines_within(page, anchors, |e| is_signature(e) || is_member_card(e))
}

/// Most words of a heading left out when nothing follows it, at the end of what [`parse`] reads.
const LONE_HEADING_WORDS: usize = 25;

/// Marks a heading's permalink shows after its text ("Install #", "Usage §", "Notes 🔗", or
/// run into it, "Install#"): the link, not the heading (Hugo's and many docs themes' anchors
/// were read "hash"; found by a fresh tester). "¶" is removed with the other invisible
/// characters.
const PERMALINK_MARKS: [&str; 3] = ["#", "§", "🔗"];

/// A label run into the next word by markup with no space between ("Abstract:<span>We…"),
/// a word of two or more letters, a colon, and a capitalized word.
static GLUED_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\p{L}{2,}):(\p{Lu}\p{Ll})").expect("glued label pattern"));

/// Puts the space back after a glued label ([`GLUED_LABEL`]): "Abstract:We study" was read as
/// one word with the colon's pause lost (found by a fresh tester). Times ("10:30"), Bible
/// verses and "std::vec" are untouched (digits, or no capital after one colon).
fn space_glued_labels(blocks: &mut [Block]) {
    for b in blocks.iter_mut() {
        if b.text.contains(':') {
            if let std::borrow::Cow::Owned(spaced) = GLUED_LABEL.replace_all(&b.text, "$1: $2") {
                b.text = spaced;
            }
        }
    }
}

/// Removes a permalink mark ([`PERMALINK_MARKS`]) standing alone at the end of a heading.
fn strip_permalink_marks(blocks: &mut [Block]) {
    for b in blocks.iter_mut().filter(|b| b.kind == BlockKind::Heading) {
        let text = b.text.trim_end();
        if let Some((head, last)) = text.rsplit_once(char::is_whitespace) {
            if PERMALINK_MARKS.contains(&last) && !head.trim().is_empty() {
                b.text = head.trim_end().to_string();
                continue;
            }
        }
        // Run into the last word ("The problem#"), but not a language's name ("C#", "F#").
        let last_word = text.rsplit(char::is_whitespace).next().unwrap_or(text);
        if let Some(word) = last_word.strip_suffix('#') {
            if word.chars().count() >= 3 && word.chars().all(char::is_alphabetic) {
                b.text = text[..text.len() - 1].to_string();
            }
        }
    }
}

/// Class names a page gives what read-aloud tools should skip: Medium marks its byline,
/// publication, reading time, claps and share buttons `speechify-ignore` (a fresh tester heard
/// "Published in", the publication's name and the date read between the subtitle and the
/// story).
///
/// MediaWiki's furniture too (Wikipedia and every wiki on its software): the infobox of facts
/// beside the lead, the navigation boxes at the foot, "[edit]" links, hatnotes ("For other
/// uses, see…") and the coordinates (`#coordinates`), which a fresh tester heard read before
/// the lead, the coordinates twice over.
///
/// WordPress's buttons in a post ("Get my free meal planner", `wp-block-buttons`): a call to
/// action, not the post (found by a fresh tester).
const NOT_TO_READ_CLASSES: &[&str] = &[
    "speechify-ignore",
    "wp-block-buttons",
    "wp-block-button",
    "infobox",
    "navbox",
    "mw-editsection",
    "hatnote",
];

/// True when the page marks `e` as not to be read aloud ([`NOT_TO_READ_CLASSES`], MediaWiki's
/// `#coordinates`); its lines are left out on every kind of page (see [`drop_lines_of`]).
fn is_marked_not_to_read(e: &scraper::node::Element) -> bool {
    e.classes().any(|c| NOT_TO_READ_CLASSES.contains(&c)) || e.id() == Some("coordinates")
}

/// The lines of the page's tag lists ([`walk::is_tag_list`]) as an extractor may keep them:
/// each tag, each item, and the whole list run together. Extractors clean the markup that
/// marks them (rs-trafilatura keeps no `rel`), so they are found on the page.
fn tag_list_lines(page: &Html) -> std::collections::HashSet<String> {
    let mut lines = std::collections::HashSet::new();
    let Ok(tags) = Selector::parse("a[rel~=tag]") else {
        return lines;
    };
    for tag in page.select(&tags) {
        let Some(list) = tag
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .take_while(|a| walk::is_tag_list(*a))
            .last()
        else {
            continue;
        };
        for e in std::iter::once(list).chain(
            list.descendants()
                .filter_map(scraper::ElementRef::wrap)
                .filter(|d| matches!(d.value().name(), "li" | "a")),
        ) {
            let line = letters_and_digits(&e.text().collect::<String>());
            if !line.is_empty() {
                lines.insert(line);
            }
        }
    }
    lines
}

/// Attributes by which an infinite-scroll page, or a card, names the address of the story an
/// `<article>` holds.
const STORY_ADDRESS_ATTRS: [&str; 4] = [
    "data-url",
    "data-permalink",
    "data-article-url",
    "data-href",
];

/// The lines of the `<article>`s that hold another page's story: a news site's infinite
/// scroll appends the next stories to the page, each an `<article data-url="…">` of its own
/// (found by a fresh tester: three stories were read as one), and a related story's card
/// carries its address so. The page's own story is the one whose address is the page's
/// (`url`, its canonical link), or without one the first, if it holds the page's first
/// `<h1>`; with no own story among them (a listing's teasers), none is left out.
fn other_story_lines(page: &Html, url: Option<&str>) -> std::collections::HashSet<String> {
    let mut lines = std::collections::HashSet::new();
    let Ok(sel) = Selector::parse("article") else {
        return lines;
    };
    let stories: Vec<(scraper::ElementRef<'_>, &str)> = page
        .select(&sel)
        .filter_map(|a| {
            STORY_ADDRESS_ATTRS
                .iter()
                .find_map(|k| a.value().attr(k))
                .map(|u| (a, u))
        })
        .collect();
    let own = match url {
        Some(page_url) => stories.iter().position(|(_, u)| same_address(page_url, u)),
        None => {
            let first_h1 = Selector::parse("h1")
                .ok()
                .and_then(|h| page.select(&h).next());
            (stories.len() >= 2
                && first_h1.is_some_and(|h| h.ancestors().any(|a| a.id() == stories[0].0.id())))
            .then_some(0)
        }
    };
    let Some(own) = own else {
        return lines;
    };
    let own_id = stories[own].0.id();
    for (story, _) in &stories {
        // Another story, neither the page's own nor inside it nor around it.
        if story.id() == own_id
            || story.ancestors().any(|a| a.id() == own_id)
            || stories[own].0.ancestors().any(|a| a.id() == story.id())
        {
            continue;
        }
        lines.extend(line_keys(&walk::blocks_of(*story)));
    }
    lines
}

/// Whether two addresses name the same page: the same host (without "www.") and path
/// (without a trailing slash), query and fragment aside; a path alone is the page's host's.
fn same_address(page: &str, other: &str) -> bool {
    let parts = |u: &str| -> (String, String) {
        let u = u.split(['?', '#']).next().unwrap_or(u);
        let rest = u
            .strip_prefix("https://")
            .or_else(|| u.strip_prefix("http://"))
            .or_else(|| u.strip_prefix("//"));
        let (host, path) = match rest {
            Some(r) => r.split_once('/').map_or((r, ""), |(h, p)| (h, p)),
            None => ("", u.trim_start_matches('/')),
        };
        (
            host.trim_start_matches("www.").to_ascii_lowercase(),
            path.trim_end_matches('/').to_string(),
        )
    };
    let (page_host, page_path) = parts(page);
    let (host, path) = parts(other);
    path == page_path && (host.is_empty() || host == page_host)
}

/// Class names of the card XenForo and vBulletin print beside each post, under the member's
/// name: their rank ("macrumors G5", "New member"), banner, and figures without labels
/// ("Jan 8, 2012", "12,094"). The name itself, outside them, is read before the post.
const MEMBER_CARD_CLASSES: &[&str] = &[
    "message-userExtras",
    "message-userTitle",
    "message-userBanner",
    "userTitle",
    "usertitle",
];

/// True when `e` is a forum member's card by a class name in [`MEMBER_CARD_CLASSES`].
fn is_member_card(e: &scraper::node::Element) -> bool {
    e.classes().any(|c| MEMBER_CARD_CLASSES.contains(&c))
}

/// Most hidden words for a page's hidden lines to be left out, per visible word: past it the
/// article itself may be what the page hides until a script shows it (the extraction dev set
/// has 30 articles read whole from such markup).
const HIDDEN_SHARE: f64 = 0.25;

/// Leaves out the blocks equal to a line of an element the page hides ([`walk::is_hidden`]:
/// `hidden`, `aria-hidden="true"`, `display:none`, `visibility:hidden`) — an editor's draft
/// note, a "Loading chart…" placeholder, a collapsed "Toggle" — which rs-trafilatura keeps
/// (found by a fresh tester) while Readability and our walk leave it out. Only when the
/// hidden words are under [`HIDDEN_SHARE`] of the page's `visible` words, and in a story only
/// (stores' and services' true texts in the dev set keep their hidden filter and menu lines:
/// on all pages 20 rose and 17 fell, −0.77 page-points; on stories alone, below).
fn drop_hidden_lines(blocks: &mut Vec<Block>, page: &Html, anchors: &Anchors, visible: usize) {
    drop_lines_of(blocks, page, anchors, visible, walk::is_hidden);
}

/// Leaves out the blocks equal to a line of an element `is` picks, when such elements hold
/// under [`HIDDEN_SHARE`] of the page's `visible` words: past it they may hold the article
/// itself (a marked byline left unclosed holds the story after it, as a fresh tester's saved
/// page did).
fn drop_lines_of(
    blocks: &mut Vec<Block>,
    page: &Html,
    anchors: &Anchors,
    visible: usize,
    is: fn(&scraper::node::Element) -> bool,
) {
    let hidden = lines_within(page, anchors, is);
    if hidden.is_empty() {
        return;
    }
    // Words of the outermost elements picked.
    let words: usize = page
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|e| {
            is(e.value())
                && !e
                    .ancestors()
                    .filter_map(scraper::ElementRef::wrap)
                    .any(|a| is(a.value()))
        })
        .map(|e| e.text().map(count_words).sum::<usize>())
        .sum();
    if words as f64 > visible as f64 * HIDDEN_SHARE {
        return;
    }
    drop_lines(blocks, &hidden);
}

/// The blocks' lines as the finders of furniture lines key them ([`letters_and_digits`]),
/// empty ones left out.
fn line_keys(blocks: &[Block]) -> impl Iterator<Item = String> + '_ {
    blocks
        .iter()
        .map(|b| letters_and_digits(&b.text))
        .filter(|k| !k.is_empty())
}

/// Leaves out the blocks whose line (as [`line_keys`] keys it) is one of `lines`.
fn drop_lines(blocks: &mut Vec<Block>, lines: &std::collections::HashSet<String>) {
    if !lines.is_empty() {
        blocks.retain(|b| !lines.contains(&letters_and_digits(&b.text)));
    }
}

/// The elements that hold the article ([`article_anchors`]).
type Anchors = std::collections::HashSet<ego_tree::NodeId>;

/// The lines (letters and digits, as [`letters_and_digits`]) of the elements `is` picks that
/// are not among `holds_article` ([`article_anchors`]). Elements are taken outermost only
/// (linear in the page).
fn lines_within(
    page: &Html,
    holds_article: &Anchors,
    is: fn(&scraper::node::Element) -> bool,
) -> std::collections::HashSet<String> {
    use ego_tree::iter::Edge;
    let mut lines = std::collections::HashSet::new();
    let mut inside = 0usize;
    for edge in page.root_element().traverse() {
        match edge {
            Edge::Open(node) => {
                let Some(e) = node.value().as_element() else {
                    continue;
                };
                if inside > 0 {
                    inside += 1;
                } else if is(e) && !holds_article.contains(&node.id()) {
                    inside = 1;
                    if let Some(el) = scraper::ElementRef::wrap(node) {
                        // A table is read row by row only when the walk meets it inside its
                        // parent: a marked table (Wikipedia's infobox) is walked as a page
                        // of its own so its lines are its rows as read.
                        let has_table = e.name() == "table"
                            || el
                                .descendants()
                                .filter_map(scraper::ElementRef::wrap)
                                .any(|d| d.value().name() == "table");
                        let blocks = if has_table {
                            walk::blocks_of(Html::parse_fragment(&el.html()).root_element())
                        } else {
                            walk::blocks_of(el)
                        };
                        lines.extend(line_keys(&blocks));
                        // A row or a list read as one line ("Harrowgate Ribblehead Thornby
                        // Larpool", a navigation box's links in a cell).
                        if has_table {
                            lines.extend(
                                el.descendants()
                                    .filter_map(scraper::ElementRef::wrap)
                                    .filter(|d| matches!(d.value().name(), "tr" | "td" | "ul"))
                                    .map(|d| letters_and_digits(&d.text().collect::<String>()))
                                    .filter(|k| !k.is_empty()),
                            );
                        }
                    }
                }
            }
            Edge::Close(node) => {
                if node.value().is_element() {
                    inside = inside.saturating_sub(1);
                }
            }
        }
    }
    lines
}

/// Whole class names and ids of the comment sections blogs put under an article: WordPress's
/// default theme markup and Disqus. "Comment" alone is not furniture: a forum's posts are
/// comments (two threads of the extraction dev set mark every post so, and one of them is read
/// only in part).
const COMMENT_SECTIONS: &[&str] = &[
    "comments-area",
    "comment-list",
    "commentlist",
    "comment-respond",
    "disqus_thread",
];

/// True when `e` is page furniture by its ARIA role (a dialog), a comment section's name
/// ([`COMMENT_SECTIONS`]) or a class or id word in [`FURNITURE_WORDS`] ("mega-menu",
/// "onetrust-consent-sdk"). Left to the
/// caller: furniture that holds the article ([`article_anchors`]) is not furniture.
fn is_furniture(e: &scraper::node::Element) -> bool {
    // A <select>'s options and a closed <dialog> are not even shown on the page (they count
    // in the other measures, which choose strategies by rules measured with them).
    if matches!(e.name(), "select" | "datalist")
        || (e.name() == "dialog" && e.attr("open").is_none())
        || matches!(e.attr("role"), Some("dialog" | "alertdialog"))
        || e.attr("aria-modal").is_some()
    {
        return true;
    }
    // A <details>' <summary> is its section's visible title ("accordion__header", Bootstrap's
    // "accordion-header"): never furniture (a fresh tester's steps lost every title).
    if e.name() == "summary" {
        return false;
    }
    let mut tokens = e
        .attr("class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(e.attr("id"));
    if tokens.any(|t| COMMENT_SECTIONS.contains(&t)) {
        return true;
    }
    class_and_id_words(e)
        .iter()
        .any(|w| FURNITURE_WORDS.contains(&w.as_str()))
}

/// The lower-case words of a class or id: split at anything but letters and digits and where
/// a lower-case letter meets a capital ("commentList" → "comment", "list").
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut last_lower = false;
    for c in name.chars() {
        let boundary = !c.is_ascii_alphanumeric() || (last_lower && c.is_ascii_uppercase());
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        last_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The elements that hold the article: the first `<main>` (or `role=main`) and the first
/// `<h1>`, and an element named as clutter that holds the page ([`walk::is_page_named_as_clutter`]),
/// with all their ancestors. A wrapper classed "page-with-sidebar" or Drupal's
/// "dialog-off-canvas-main-canvas" holds them and is not furniture.
fn article_anchors(page: &Html) -> Anchors {
    let mut held = std::collections::HashSet::new();
    // A newsletter issue in `<div class="newsletter">` holding most of the page's text; the
    // page's own count is taken only when such an element is met.
    if let Ok(sel) = Selector::parse("[class], [id]") {
        let mut page_chars = None;
        for el in page.select(&sel) {
            if !walk::is_named_for_page(el.value()) {
                continue;
            }
            let page_chars =
                *page_chars.get_or_insert_with(|| walk::readable_chars(page.root_element()));
            if walk::is_page_named_as_clutter(el, page_chars) {
                held.insert(el.id());
                held.extend(el.ancestors().map(|a| a.id()));
            }
        }
    }
    for css in ["main, [role=main]", "h1"] {
        let Ok(sel) = Selector::parse(css) else {
            continue;
        };
        if let Some(anchor) = page.select(&sel).next() {
            held.insert(anchor.id());
            held.extend(anchor.ancestors().map(|a| a.id()));
        }
    }
    held
}

fn is_invisible(e: &scraper::node::Element) -> bool {
    matches!(
        e.name(),
        "head" | "script" | "style" | "template" | "svg" | "title"
    ) || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_visible_words_only() {
        let page = Html::parse_document(
            "<html><head><title>T x</title><style>a{}</style></head><body><p>One two <b>thr</b>ee.</p>\
             <script>var a = 1;</script><div hidden>secret words</div><p>Four — five</p></body></html>",
        );
        assert_eq!(visible_words(&page).all, 5);
        let page = Html::parse_document(
            "<html><body><nav><a>Home</a> <a>News</a></nav><p>One two three.</p><footer>© Us</footer></body></html>",
        );
        assert_eq!(
            visible_words(&page),
            Visible {
                all: 6,
                outside_navigation: 3,
                outside_furniture: 3,
            }
        );
        // A <select>'s options and a closed dialog are not shown.
        let page = Html::parse_document(
            "<html><body><p>One two three.</p><select><option>Alpha</option><option>Beta</option></select>\
             <dialog><p>Sign up now</p></dialog><dialog open><p>Shown</p></dialog></body></html>",
        );
        assert_eq!(visible_words(&page).all, 9);
        assert_eq!(visible_words(&page).outside_furniture, 4);
    }

    #[test]
    fn furniture_outside_navigation_markup_is_not_the_page() {
        let story = "word ".repeat(120);
        let menu = "<a>Link</a> ".repeat(300);
        // A mega menu of <div>s, a consent dialog, a pop-up: not counted against the story.
        let page = Html::parse_document(&format!(
            "<html><body><div class=\"site-header\"><div class=\"mega-menu\">{menu}</div></div>\
             <div id=\"onetrust-consent-sdk\"><p>{menu}</p></div>\
             <div class=\"pum-overlay\" role=\"dialog\"><form>{menu}</form></div>\
             <div class=\"page-with-sidebar\"><main><h1>Title</h1><p>{story}</p></main></div>\
             </body></html>"
        ));
        let v = visible_words(&page);
        assert_eq!(v.all, 901 + 120);
        assert_eq!(v.outside_navigation, 901 + 120);
        // The wrapper named for its sidebar holds the article, so it is not furniture.
        assert_eq!(v.outside_furniture, 121);
    }

    #[test]
    fn a_forum_posts_edit_note_is_told_from_a_books_credit() {
        for note in [
            "Last edited by Minoa on Tue Aug 27, 2019 10:03 pm, edited 1 time in total.",
            "Last edited: Jul 9, 2022",
            "Last edited by mpan (2024-08-04 16:26:02)",
            "Edited April 18, 2024 by thanosmano",
            "Edited 3 Jul 2024 by harbourfan",
            "Edited by ErnestQ (see edit history)",
            "Edited January 29 by ErnestQ (see edit history)",
            "Edited August 26 by Joe Root",
            "Edited May 22, 2024 by Mr_Enigmatic *edit to add the benchmark info",
            "edited March 2025 in Releases",
            "Edited by",
        ] {
            assert!(is_edit_note(note), "{note}");
        }
        for line in [
            "Edited by Hans Ulrich Obrist and Kostas Stasinopoulos",
            "Edited by Joe Root",
            "Last edited by the council in 1998, the charter was finally replaced this spring \
             after a long campaign by harbour residents who wanted a say in how the quay is run.",
            "The essay was edited by her sister.",
        ] {
            assert!(!is_edit_note(line), "{line}");
        }
    }

    #[test]
    fn a_forum_signature_is_told_by_its_class_words() {
        let page = Html::parse_document(
            "<html><body><div class=\"message-signature\">Westerly Centaur</div>\
             <div class=\"sig sig-object py\">open(path)</div>\
             <div class=\"post-signature\">asked by harbourfan</div>\
             <div class=\"postsignature postmsg\">Arch since 2012</div></body></html>",
        );
        let lines = signature_lines(&page, &article_anchors(&page));
        assert!(lines.contains(&letters_and_digits("Westerly Centaur")));
        assert!(lines.contains(&letters_and_digits("Arch since 2012")));
        assert_eq!(lines.len(), 2, "{lines:?}");
    }

    #[test]
    fn class_and_id_words() {
        let words = name_words;
        assert_eq!(words("commentList"), ["comment", "list"]);
        assert_eq!(
            words("onetrust-consent-sdk"),
            ["onetrust", "consent", "sdk"]
        );
        assert_eq!(words("mega_menu  nav2"), ["mega", "menu", "nav2"]);
        assert_eq!(words("HTMLPage"), ["htmlpage"]);
    }

    #[test]
    fn forum_members_profile_figures_are_not_read() {
        let mut blocks: Vec<Block> = [
            "Senior Member",
            "Join Date: Jun 2011",
            "Location: Leeds",
            "Posts: 2,418",
            "The gasket on my boiler leaks after every service; has anyone fixed this?",
            "Posts: 44 Threads: 3 Joined: 14 February 2019 Reputation: 12",
            "Location: Shore Road",
            "Posts: the ones we wrote this spring, gathered in one list for new readers.",
            "Location: Boston, Massachusetts",
            "Other posts: none yet",
        ]
        .iter()
        .map(|t| Block {
            kind: BlockKind::Paragraph,
            text: t.to_string(),
        })
        .collect();
        drop_member_stats(&mut blocks);
        let kept: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            kept,
            [
                "Senior Member",
                "The gasket on my boiler leaks after every service; has anyone fixed this?",
                "Posts: the ones we wrote this spring, gathered in one list for new readers.",
                "Location: Boston, Massachusetts",
                "Other posts: none yet",
            ]
        );
    }

    #[test]
    fn a_posts_vote_count_is_not_read_but_a_catalogues_counts_are() {
        let mut blocks: Vec<Block> = [
            "How do I keep the boiler from losing pressure overnight?",
            "12",
            "Check the expansion vessel first: a flat vessel is the usual cause of a slow drop.",
            "-3",
            "Replace it.",
            "Batteries",
            "1791",
            "Battery Chargers",
            "29",
            "Cables",
            "A 1024 x 768 screen",
            "2025.",
        ]
        .iter()
        .map(|t| Block {
            kind: BlockKind::Paragraph,
            text: t.to_string(),
        })
        .collect();
        // Numbers a list holds, or a sentence introduces, are read.
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: "The final tally of votes was:".into(),
        });
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: "42".into(),
        });
        for year in ["1998", "2004"] {
            blocks.push(Block {
                kind: BlockKind::ListItem,
                text: year.into(),
            });
        }
        drop_bare_counts(&mut blocks);
        let kept: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            kept,
            [
                "How do I keep the boiler from losing pressure overnight?",
                "Check the expansion vessel first: a flat vessel is the usual cause of a slow drop.",
                "Replace it.",
                "Batteries",
                "1791",
                "Battery Chargers",
                "29",
                "Cables",
                "A 1024 x 768 screen",
                "2025.",
                "The final tally of votes was:",
                "42",
                "1998",
                "2004",
            ]
        );
    }

    #[test]
    fn machine_ids_and_sign_up_fine_print_are_not_read() {
        // Obfuscated markup: single letters between UUIDs; a hash list.
        assert!(is_machine_text(
            "K 0b1e2c3d-4a5b-4c6d-8e7f-90a1b2c3d4e5 q 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9 z"
        ));
        assert!(is_machine_text(
            "build 9f86d081884c7d659a2feaa0c55ad015 done"
        ));
        // One id quoted in a sentence, long numbers and plain hex words stay.
        assert!(!is_machine_text(
            "Quote the request id 0b1e2c3d-4a5b-4c6d-8e7f-90a1b2c3d4e5 when you write to the help desk about the refund."
        ));
        assert!(!is_machine_text(
            "The largest value is 18446744073709551615 or ffffffffffffffff in hex."
        ));
        for fine in [
            "By signing up, you agree to get marked-down offers by text at the number you gave.",
            "Get our weekly picks.By proceeding, you accept our Terms and the Privacy Notice.",
            "By providing your phone number, you consent to receive reminders from the shop.",
            "Enter your email for 10% off your first box",
            "Sign up for our newsletter",
            "Join our mailing list! New recipes every Friday.",
        ] {
            assert!(is_signup_fine_print(fine), "{fine}");
        }
        for prose in [
            "By signing up early, the club kept its place in the league.",
            "Critics say that by clicking through such boxes, shoppers agree to terms they never read, and regulators in three countries now want the wording shortened; one proposal would cap the fine print at forty words and require the choice to be made twice, once for e-mail and once for text messages, with no box ticked in advance, no discount tied to the choice and a plain link to leave again later.",
            "Subscribers who enter your email address field twice are merged.",
        ] {
            assert!(!is_signup_fine_print(prose), "{prose}");
        }
    }

    #[test]
    fn a_sign_up_box_without_class_names_goes_whole() {
        let block = |text: &str| Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
        };
        let mut blocks = vec![
            block("The glasshouse kept its heat through the coldest week of the winter."),
            block("Sign up for our newsletter"),
            block("Twice a month, for people who grow under glass."),
            block("By signing up, you agree to our Privacy Notice and Terms of Use."),
            block("Short line after the box stays."),
            block("Sign up for the club's open day: the doors open at nine."),
            block("A paragraph of the story that follows a pitch but has no fine print after it stays."),
        ];
        drop_signup_boxes(&mut blocks);
        let kept: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            kept,
            [
                "The glasshouse kept its heat through the coldest week of the winter.",
                "Short line after the box stays.",
                "Sign up for the club's open day: the doors open at nine.",
                "A paragraph of the story that follows a pitch but has no fine print after it stays.",
            ]
        );
    }

    #[test]
    fn pages_read_whole_say_each_repeated_line_once() {
        let block = |text: &str| Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
        };
        // A carousel shown twice, "Add to cart" under every tile.
        let tiles: Vec<Block> = (1..=3)
            .chain(1..=3)
            .flat_map(|n| {
                [
                    block(&format!("Tide clock {n}")),
                    block("A brass tide clock for harbour walls, made by hand."),
                    block("Add to cart"),
                ]
            })
            .collect();
        let said = |kind: &str, has_url: bool, line: &str| {
            let mut blocks = tiles.clone();
            drop_repeats(&mut blocks, min_repeat_words(Some(kind), has_url));
            blocks.iter().filter(|b| b.text == line).count()
        };
        let long = "A brass tide clock for harbour walls, made by hand.";
        for kind in ["collection", "product", "listing", "forum", "service"] {
            assert_eq!(said(kind, true, "Add to cart"), 1, "{kind}");
            assert_eq!(said(kind, true, "Tide clock 2"), 1, "{kind}");
            assert_eq!(said(kind, true, long), 1, "{kind}");
        }
        // Articles and documentation keep short repeats ("Step 1", a closing brace); long
        // repeats go everywhere; without the page's address the classifier is not trusted.
        for (kind, has_url) in [("article", true), ("documentation", true), ("forum", false)] {
            assert_eq!(said(kind, has_url, "Add to cart"), 6, "{kind}");
            assert_eq!(said(kind, has_url, long), 1, "{kind}");
        }
    }

    #[test]
    fn a_headline_the_title_repeats_is_dropped_or_cut_from_its_byline() {
        let para = |t: &str| Block {
            kind: BlockKind::Paragraph,
            text: t.to_string(),
        };
        let run = |texts: &[&str]| {
            let mut blocks: Vec<Block> = texts.iter().map(|t| para(t)).collect();
            drop_headline(&mut blocks, "Sea wall costs: rise again", None);
            blocks.into_iter().map(|b| b.text).collect::<Vec<_>>()
        };
        assert_eq!(
            run(&["NEWS", "Sea wall costs rise again!", "Body."]),
            ["NEWS", "Body."]
        );
        assert_eq!(
            run(&["Sea wall costs: rise again By A. Writer", "Body."]),
            ["By A. Writer", "Body."]
        );
        assert_eq!(
            run(&["Sea wall costs rise again 3 May 2026"]),
            ["3 May 2026"]
        );
        // Goes on with other words: the title may be a shortened headline; left whole.
        let longer = "Sea wall costs rise again as storms return";
        assert_eq!(run(&[longer]), [longer]);
        // Past the first blocks, a line equal to the title is the article's own.
        let late = ["A.", "B.", "C.", "Sea wall costs rise again"];
        assert_eq!(run(&late), late);
    }

    #[test]
    fn canonical_link_is_the_page_address() {
        let page = Html::parse_document(
            r#"<html><head><link rel="canonical" href="https://example.org/a/b"></head><body></body></html>"#,
        );
        assert_eq!(
            canonical_url(&page).as_deref(),
            Some("https://example.org/a/b")
        );
        let page = Html::parse_document(
            r#"<html><head><link rel="canonical" href="/relative"></head></html>"#,
        );
        assert_eq!(canonical_url(&page), None);
    }
}
