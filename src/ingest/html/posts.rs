//! Who wrote each post of a thread, and when: said before the post.
//!
//! A thread read aloud as one run of paragraphs gives the listener no turn between speakers.
//! Forum software marks its posts with schema.org microdata (XenForo's `DiscussionForumPosting`
//! and `Comment`, Stack Exchange's `Question` and `Answer`, NodeBB's `Comment`): the post's
//! text (`itemprop="text"`) and its author (`itemprop="author"`). The extractors keep the
//! text and drop the author and the date shown beside it, as a story's byline; here each
//! post's header, "JosephF, Jan 3, 2024", is put back before the post's first block.
//! Measured on the extraction dev set, whose true texts of forum threads keep these lines:
//! see README.md, "HTML extraction".

use scraper::{ElementRef, Html, Selector};

use super::{count_words, letters_and_digits, walk};
use crate::ingest::{Block, BlockKind};

/// schema.org types of a post ("https://schema.org/Comment").
const POST_TYPES: &[&str] = &["Comment", "DiscussionForumPosting", "Answer", "Question"];

/// Most words of an author's name or a shown date; longer is not a header.
const HEADER_WORDS: usize = 6;

/// Most words of a line showing a post's number and date that its header replaces.
const DATED_LINE_WORDS: usize = 8;

/// Letters and digits of a post's first block used to find it among the blocks read: the
/// whole block up to this many (a comment quoting a question's sentence starts as it does;
/// on a Stack Exchange page of the dev set a 60-letter key put a commenter's name in the
/// middle of the question).
const KEY_CHARS: usize = 400;

/// Fewest letters and digits of a block read that is the start of a post's first block.
const MIN_KEY_CHARS: usize = 60;

/// One post's header and the start of its text.
struct Header {
    /// The author's name.
    author: String,
    /// The date shown on the post, when there is one.
    date: Option<String>,
    /// Letters and digits of the post's first block, at most [`KEY_CHARS`].
    key: String,
    /// Letters and digits of the post's whole text, in bytes.
    full_len: usize,
    /// Letters and digits of the post's last block, at most [`KEY_CHARS`] from its end.
    end: String,
    /// The post's text, read as an article's blocks.
    body: Vec<Block>,
}

/// Puts each post's header before the block that starts the post, in page order. A post
/// whose text was not read, or whose author's name is already the block before it, gets none.
/// Returns the index of the first header put in, if any.
pub(super) fn insert_headers(blocks: &mut Vec<Block>, page: &Html) -> Option<usize> {
    let headers = headers(page);
    if headers.is_empty() {
        return None;
    }
    let keys: Vec<String> = blocks.iter().map(|b| letters_and_digits(&b.text)).collect();
    // (index of the block concerned, header, where it goes), in page order.
    let mut inserts: Vec<(usize, String, Place)> = Vec::new();
    let mut from = 0;
    let all: Vec<String> = headers.iter().map(|h| h.key.clone()).collect();
    for h in headers {
        // The block read starts with the post's first block, or is the start of it (the
        // extractor broke the block at a line break), long enough to tell posts apart.
        let starts =
            |k: &str| k.starts_with(&h.key) || (k.len() >= MIN_KEY_CHARS && h.key.starts_with(k));
        let Some(at) = (from..keys.len()).find(|&k| starts(&keys[k])) else {
            // The whole post read as one block with the furniture around it.
            let window = from..keys.len().min(from.saturating_add(WHOLE_POST_WINDOW));
            if let Some(at) = window
                .into_iter()
                .find(|&k| holds_post(&blocks[k].text, &keys[k], &h, &all))
            {
                inserts.push((at, said(&h), Place::Whole(h.body)));
                from = at + 1;
            }
            continue;
        };
        let before = at.checked_sub(1).map_or("", |k| keys[k].as_str());
        let named_before = at > from && names(&blocks[at - 1].text, &h.author);
        if !named_before {
            let said = said(&h);
            // The post's number and date already read as a line of their own just before it
            // ("#4 · Jan 3, 2024"): the header takes that line's place, so the date is not
            // said twice nor the post's number at all.
            let dated_line = h.date.as_ref().is_some_and(|d| {
                at > from
                    && before.contains(&letters_and_digits(d))
                    && count_words(&blocks[at - 1].text) <= DATED_LINE_WORDS
            });
            inserts.push(if dated_line {
                (at - 1, said, Place::Instead)
            } else {
                (at, said, Place::Before)
            });
        }
        from = at + 1;
    }
    // One pass (the headers come in page order): linear however many posts a page has.
    let mut inserts = inserts.into_iter().peekable();
    let mut out = Vec::with_capacity(blocks.len() + inserts.len());
    let mut first = None;
    for (k, b) in std::mem::take(blocks).into_iter().enumerate() {
        match inserts.next_if(|(i, _, _)| *i == k) {
            Some((_, said, place)) => {
                first = first.or(Some(out.len()));
                out.push(Block {
                    kind: BlockKind::Paragraph,
                    text: said,
                });
                match place {
                    Place::Before => out.push(b),
                    Place::Instead => {}
                    Place::Whole(body) => out.extend(body),
                }
            }
            None => out.push(b),
        }
    }
    *blocks = out;
    first
}

/// What a listener hears before a post: "HOSTLAR, 11-29-2024, 09:03 AM".
fn said(h: &Header) -> String {
    match &h.date {
        Some(d) => format!("{}, {d}", h.author),
        None => h.author.clone(),
    }
}

/// Most words read before a post's text in one block that holds the whole post: the post's
/// number, date, title and its author's figures (vBulletin's "11-29-2024, 09:03 AM #1 Join
/// Date Nov 2024 Posts 3" and the post's title run 15–30 words).
const POST_PREFIX_WORDS: usize = 40;

/// Most words read after a post's text in a block that holds it: the member's signature (a
/// line or a list of links, 10–50 words) and the post's buttons ("Reply With Quote 0").
const POST_SUFFIX_WORDS: usize = 60;

/// True when the block read `text` holds the whole of post `h`, with at most
/// [`POST_PREFIX_WORDS`] before it and [`POST_SUFFIX_WORDS`] after it: an extractor read a
/// thread whose posts are list items (vBulletin's `<li class="postcontainer">`) as one block
/// per post, the member's column and buttons run into the post's text ("1. 11-29-2024, 09:03
/// AM #1 Join Date Nov 2024 Posts 3 … Hello What do you…").
fn holds_post(text: &str, key: &str, h: &Header, others: &[String]) -> bool {
    if h.full_len < WHOLE_POST_CHARS {
        // "Yes", "Hello": too short to tell from words inside another block.
        return false;
    }
    // The post's first block (in `key`, the block's letters and digits), then its last (the
    // extractor may have read an image's text or a link's address between them differently).
    let Some(start) = key.find(&h.key).filter(|&s| s > 0) else {
        return false;
    };
    let Some(end) = key[start..]
        .rfind(h.end.as_str())
        .map(|e| start + e + h.end.len())
    else {
        return false;
    };
    // A block of two posts ("…a clear price list. LimeLady: Citric acid works…") is no
    // post's own.
    let after = &key[end..];
    if others
        .iter()
        .any(|o| o != &h.key && o.len() >= OTHER_POST_CHARS && after.contains(o.as_str()))
    {
        return false;
    }
    // For each byte of `key`, the byte of `text` it is from.
    let at: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .flat_map(|(i, c)| {
            c.to_lowercase()
                .flat_map(move |l| std::iter::repeat_n(i, l.len_utf8()))
        })
        .collect();
    let (Some(&first), Some(&last)) = (at.get(start), at.get(end - 1)) else {
        return false;
    };
    count_words(&text[..first]) <= POST_PREFIX_WORDS
        && count_words(
            text[last..]
                .split_once(char::is_whitespace)
                .map_or("", |(_, t)| t),
        ) <= POST_SUFFIX_WORDS
}

/// Fewest letters and digits of a post's text for [`holds_post`] to look for it inside a
/// block: about eight words; "Yes" or "Hello" may be words of any paragraph (a tester's
/// article paragraph "…The answer is yes…" was replaced by a comment "Yes").
const WHOLE_POST_CHARS: usize = 40;

/// Blocks after the last post placed in which the next post is looked for inside a block
/// ([`holds_post`]): posts come in page order, and the bound keeps a page of thousands of
/// posts none of whose blocks match linear.
const WHOLE_POST_WINDOW: usize = 64;

/// Fewest letters and digits of another post's first block that, found after a post's text
/// in the same block, show the block holds two posts ([`holds_post`]).
const OTHER_POST_CHARS: usize = 20;

/// Where a post's header goes beside the block it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// Before the post's first block.
    Before,
    /// Instead of the line of the post's number and date.
    Instead,
    /// Before the post's own blocks, which replace a block holding the whole post and the
    /// furniture around it ([`holds_post`]).
    Whole(Vec<Block>),
}

/// The headers of the page's posts, in page order. The elements looked at are bounded by
/// [`VISIT_BUDGET`], so a hostile page of nested posts stays linear.
fn headers(page: &Html) -> Vec<Header> {
    let Ok(typed) = Selector::parse("[itemscope][itemtype]") else {
        return Vec::new();
    };
    let mut budget = VISIT_BUDGET;
    let mut found = Vec::new();
    for post in page.select(&typed).filter(|el| {
        el.value().attr("itemtype").is_some_and(|t| {
            POST_TYPES
                .iter()
                .any(|p| t.trim_end_matches('/').rsplit('/').next() == Some(p))
        })
    }) {
        if budget == 0 {
            break;
        }
        let elements = outside(post, None, &mut budget);
        if let Some(h) = header(&elements, &mut budget) {
            found.push(h);
        }
    }
    found
}

/// Elements of all posts' subtrees looked at, at most: the largest thread page of the
/// extraction dev set has under 20,000 elements in all, counted once per post that holds them.
const VISIT_BUDGET: usize = 2_000_000;

/// The elements under `root` (itself excluded), in page order, leaving out `skip` and what
/// it holds; each costs one of `budget`, and the walk stops when it runs out.
fn outside<'a>(
    root: ElementRef<'a>,
    skip: Option<ego_tree::NodeId>,
    budget: &mut usize,
) -> Vec<ElementRef<'a>> {
    use ego_tree::iter::Edge;
    let mut out = Vec::new();
    let mut skipping = false;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) if n.id() != root.id() => {
                if Some(n.id()) == skip {
                    skipping = true;
                } else if !skipping {
                    if *budget == 0 {
                        break;
                    }
                    *budget -= 1;
                    if let Some(e) = ElementRef::wrap(n) {
                        out.push(e);
                    }
                }
            }
            Edge::Close(n) if Some(n.id()) == skip => skipping = false,
            _ => {}
        }
    }
    out
}

/// The header of one post, from its elements (page order): its text (`itemprop="text"`), the
/// first author outside it, and the date shown outside it.
fn header(elements: &[ElementRef<'_>], budget: &mut usize) -> Option<Header> {
    let prop = |e: &ElementRef<'_>, p: &str| e.value().attr("itemprop") == Some(p);
    let body = *elements.iter().find(|e| prop(e, "text"))?;
    let in_body = outside(body, None, budget);
    let in_body: std::collections::HashSet<ego_tree::NodeId> =
        in_body.iter().map(|e| e.id()).chain([body.id()]).collect();
    let around: Vec<ElementRef<'_>> = elements
        .iter()
        .filter(|e| !in_body.contains(&e.id()))
        .copied()
        .collect();
    let author_el = *around.iter().find(|e| prop(e, "author"))?;
    let author = outside(author_el, None, budget)
        .into_iter()
        .find(|e| prop(e, "name"))
        .map(|n| {
            n.value()
                .attr("content")
                .map(str::to_string)
                .unwrap_or_else(|| text(n))
        })
        .unwrap_or_else(|| text(author_el));
    let author = author.trim().to_string();
    // A member number is no name a listener can use.
    if author.is_empty()
        || count_words(&author) > HEADER_WORDS
        || author.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    // The date shown on the post: the `<time>` of the day the microdata says it was
    // published (a thread's first post also carries the thread's last change), else the
    // first shown; never one relative to the day the page was saved ("2 years ago"), which
    // is wrong by the time it is heard.
    let published_el = around
        .iter()
        .find(|e| prop(e, "datePublished") || prop(e, "dateCreated"));
    let published = published_el
        .and_then(|e| e.value().attr("content").or(e.value().attr("datetime")))
        .and_then(|d| d.get(..10))
        .map(str::to_string);
    let shown = |e: &&ElementRef<'_>| {
        let t = text(**e);
        (!t.is_empty() && count_words(&t) <= HEADER_WORDS && !is_relative(&t)).then_some(t)
    };
    let mut times = around.iter().filter(|e| e.value().name() == "time");
    let date = match &published {
        Some(day) => times
            .filter(|e| {
                e.value()
                    .attr("datetime")
                    .is_some_and(|d| d.starts_with(day.as_str()))
            })
            .find_map(|e| shown(&e)),
        // No machine-readable day: the shown date the microdata marks (vBulletin's `<span
        // itemprop="datePublished">11-29-2024, 09:03 AM</span>`), else the first `<time>`.
        None => times
            .find_map(|e| shown(&e))
            .or_else(|| published_el.and_then(|e| shown(&e))),
    };
    let body = walk::blocks_of(body);
    let key: String = letters_and_digits(&body.first()?.text)
        .chars()
        .take(KEY_CHARS)
        .collect();
    if key.is_empty() {
        return None;
    }
    let full_len = body.iter().map(|b| letters_and_digits(&b.text).len()).sum();
    let last = letters_and_digits(&body.last()?.text);
    let end = last
        .char_indices()
        .rev()
        .nth(KEY_CHARS.min(last.chars().count()).saturating_sub(1))
        .map_or(String::new(), |(i, _)| last[i..].to_string());
    Some(Header {
        author,
        date,
        key,
        full_len,
        end,
        body,
    })
}

/// True when a line of at most [`NAMING_LINE_WORDS`] words holds `author`'s name as whole
/// words: the forum already shows who wrote the post ("Re: Quantum computing by Alphabyte2:
/// 9:43pm On Dec 09, 2023", or the name alone).
fn names(line: &str, author: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let line = words(line);
    let name = words(author);
    !name.is_empty()
        && line.len() <= NAMING_LINE_WORDS
        && line.windows(name.len()).any(|w| w == name)
}

/// Most words of a line before a post that can be the post's own header.
const NAMING_LINE_WORDS: usize = 20;

/// True for a date no listener should hear: one relative to the day the page was saved ("2
/// years, 4 months ago", "yesterday", "just now"), or a machine timestamp
/// ("2019-01-21T21:44:35.357Z").
fn is_relative(date: &str) -> bool {
    let d = date.to_lowercase();
    // An ISO date then 'T', or a time to the second ("2009-05-02 00:53:18 +00:00", Stack
    // Exchange's comment dates): a database's, not one shown to a reader.
    let seconds = |t: &[u8]| {
        t.len() >= 9
            && t[1..9].iter().enumerate().all(|(k, b)| {
                if k % 3 == 2 {
                    *b == b':'
                } else {
                    b.is_ascii_digit()
                }
            })
    };
    let timestamp = d.len() > 10
        && d.as_bytes()[..10]
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b'-')
        && (d.as_bytes()[10] == b't' || (d.as_bytes()[10] == b' ' && seconds(&d.as_bytes()[10..])));
    d.ends_with(" ago")
        || d.contains("yesterday")
        || d.contains("today")
        || d == "just now"
        || timestamp
}

/// An element's text on one line.
fn text(el: ElementRef<'_>) -> String {
    crate::ingest::collapse_whitespace(&el.text().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
        }
    }

    #[test]
    fn each_posts_author_and_date_come_before_it() {
        let page = Html::parse_document(
            r##"<html><body><div itemscope itemtype="https://schema.org/DiscussionForumPosting">
            <div itemprop="author" itemscope itemtype="https://schema.org/Person">
            <span itemprop="name">harbourfan</span></div>
            <a href="#1"><time datetime="2024-01-03">Jan 3, 2024</time></a>
            <article itemprop="text"><p>Is the ferry running on Sunday?</p></article>
            <div itemscope itemtype="https://schema.org/Comment">
            <span itemprop="author">Dock Master</span><time>Jan 4, 2024</time>
            <div itemprop="text"><p>Yes, from nine.</p><p>Check the board.</p></div></div>
            <div itemscope itemtype="https://schema.org/Comment">
            <span itemprop="author">quiet reader</span><time>3 days ago</time>
            <div itemprop="text"><p>A post nobody read.</p></div></div>
            </div></body></html>"##,
        );
        let mut blocks = vec![
            block("Ferry on Sunday"),
            block("Is the ferry running on Sunday?"),
            block("Yes, from nine."),
            block("Check the board."),
        ];
        insert_headers(&mut blocks, &page);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ferry on Sunday",
                "harbourfan, Jan 3, 2024",
                "Is the ferry running on Sunday?",
                "Dock Master, Jan 4, 2024",
                "Yes, from nine.",
                "Check the board.",
            ]
        );
        // Read again (the name already before the post): no second header.
        insert_headers(&mut blocks, &page);
        assert_eq!(blocks.len(), 6);
    }

    #[test]
    fn the_shown_date_is_the_posts_own_and_a_line_of_number_and_date_is_replaced() {
        // The thread's container carries its last change first; the post's own day is the
        // one its microdata names. A relative date is never said. A name already shown
        // before the post is not said again.
        let page = Html::parse_document(
            r#"<html><body><div itemscope itemtype="https://schema.org/DiscussionForumPosting">
            <time datetime="2024-09-26T10:00:00">Sep 26, 2024</time>
            <span itemprop="author"><span itemprop="name">harbourfan</span></span>
            <meta itemprop="datePublished" content="2024-01-03T11:23:42-05:00">
            <span>#1 · <time datetime="2024-01-03T11:23:42-0500">Jan 3, 2024</time></span>
            <div itemprop="text"><p>Is the ferry running on Sunday?</p></div>
            <div itemscope itemtype="https://schema.org/Answer">
            <span itemprop="author">Dock Master</span><time>2 years ago</time>
            <div itemprop="text"><p>Yes, from nine.</p></div></div>
            <div itemscope itemtype="https://schema.org/Comment">
            <span itemprop="author">Alphabyte2</span>
            <div itemprop="text"><p>Same here.</p></div></div>
            </div></body></html>"#,
        );
        let mut blocks = vec![
            block("#1 · Jan 3, 2024"),
            block("Is the ferry running on Sunday?"),
            block("Yes, from nine."),
            block("Re: Ferry by Alphabyte2: 9:43pm On Dec 09, 2023"),
            block("Same here."),
        ];
        insert_headers(&mut blocks, &page);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "harbourfan, Jan 3, 2024",
                "Is the ferry running on Sunday?",
                "Dock Master",
                "Yes, from nine.",
                "Re: Ferry by Alphabyte2: 9:43pm On Dec 09, 2023",
                "Same here.",
            ]
        );
    }

    #[test]
    fn a_thread_served_inside_noscript_is_read_with_its_posts_authors() {
        // Discourse's markup: an app shell, and the thread for readers without JavaScript.
        let post = |n: usize, who: &str, day: u32| {
            format!(
                "<div itemprop='comment' itemscope itemtype='http://schema.org/Comment'>\
                 <div class='crawler-post-meta'><span class='creator' itemprop='author' itemscope \
                 itemtype='http://schema.org/Person'><a href='/u/{who}'><span itemprop='name'>{who}\
                 </span></a></span><time datetime='2024-03-{day:02}T10:00:00Z' class='post-time'>\
                 March {day}, 2024</time><meta itemprop='datePublished' \
                 content='2024-03-{day:02}T10:00:00Z'></div><div class='post' itemprop='text'>\
                 <p>Reply {n}: the harbour ferry timetable changes in spring, and the Sunday boat \
                 now leaves at nine instead of ten, so plan the walk to the pier around it.</p>\
                 </div></div>"
            )
        };
        let thread: String = [
            ("harbourfan", 3),
            ("dockmaster", 4),
            ("harbourfan", 5),
            ("pierwatcher", 6),
        ]
        .iter()
        .enumerate()
        .map(|(n, (who, day))| post(n + 1, who, *day))
        .collect();
        let page = format!(
            "<html><head><title>Ferry times</title></head><body><div id='main-outlet'></div>\
             <noscript data-path='/t/ferry-times/12'><div id='topic-title'><h1>Ferry times</h1>\
             </div>{thread}</noscript></body></html>"
        );
        let d = crate::ingest::html::parse(&page, &crate::ingest::html::HtmlOptions::default());
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        let at = |t: &str| texts.iter().position(|x| x.starts_with(t));
        let header = at("dockmaster, March 4, 2024").unwrap_or_else(|| panic!("{texts:?}"));
        assert_eq!(at("Reply 2:"), Some(header + 1), "{texts:?}");
        assert!(at("harbourfan, March 5, 2024").is_some(), "{texts:?}");
    }

    #[test]
    fn a_post_read_as_one_block_with_its_column_is_its_own_blocks() {
        // vBulletin: each post a list item holding the member's column, the post and its
        // buttons; an extractor reads the item as one block. The post's own blocks replace
        // it, after its header (the date the microdata marks as shown); a post whose block
        // goes on far past its text is left alone.
        let post = |n: u32, who: &str, body: &str| {
            format!(
                r#"<li itemscope itemtype="http://schema.org/Comment"><span itemprop="datePublished">
                11-2{n}-2024, 09:0{n} AM</span> #{n} <strong itemprop="author">{who}</strong>
                Join Date Nov 2024 Posts 3<blockquote><span itemprop="text">{body}</span>
                </blockquote> Reply With Quote 0</li>"#
            )
        };
        let page = Html::parse_document(&format!(
            "<html><body><ol>{}{}</ol></body></html>",
            post(
                1,
                "HOSTLAR",
                "Hello<br><br>Is the location of the servers important for you when you buy?<br><br>Regards."
            ),
            post(2, "1Ali", "Phone support, and a clear price list."),
        ));
        let mut blocks = vec![
            block("11-21-2024, 09:01 AM #1 Join Date Nov 2024 Posts 3 Hello Is the location of the servers important for you when you buy? Regards. Reply With Quote 0"),
            block(&format!(
                "11-22-2024, 09:02 AM #2 Join Date Nov 2024 Posts 3 Phone support, and a clear price list. {}",
                "and then a long run of other words that are not the post at all ".repeat(8)
            )),
        ];
        let first = insert_headers(&mut blocks, &page);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(first, Some(0));
        assert_eq!(
            texts[..4],
            [
                "HOSTLAR, 11-21-2024, 09:01 AM",
                "Hello",
                "Is the location of the servers important for you when you buy?",
                "Regards."
            ]
        );
        assert_eq!(texts.len(), 5, "{texts:?}");
        assert!(texts[4].starts_with("11-22-2024"), "{texts:?}");
    }

    #[test]
    fn machine_timestamps_and_relative_dates_are_not_said() {
        for date in [
            "2 years ago",
            "2019-01-21T21:44:35.357Z",
            "2009-05-02 00:53:18 +00:00",
        ] {
            assert!(is_relative(date), "{date}");
        }
        for date in ["Jan 3, 2024", "11-29-2024, 09:03 AM", "2009-05-02 00:53"] {
            assert!(!is_relative(date), "{date}");
        }
    }

    #[test]
    fn pages_without_post_markup_are_left_alone() {
        let page = Html::parse_document(
            r#"<html><body><article itemscope itemtype="https://schema.org/NewsArticle">
            <span itemprop="author">A. Writer</span><div itemprop="text"><p>Story.</p></div>
            </article></body></html>"#,
        );
        let mut blocks = vec![block("Story.")];
        insert_headers(&mut blocks, &page);
        assert_eq!(blocks.len(), 1);
    }
}
