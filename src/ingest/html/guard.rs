//! Flattens pathologically deep markup before any parser sees it.
//!
//! The HTML tree builder checks the stack of open elements for every start tag, so a page of
//! 200,000 nested `<div>`s costs time quadratic in the depth (minutes), and recursive walks over
//! such a tree overflow the stack. Real pages nest a few dozen levels; past [`MAX_DEPTH`] open
//! elements, further start tags (and their end tags) are dropped. Text is never dropped, only
//! the tags around it, so the article still reads.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest nesting kept. The deepest of the 806 real pages of the extraction dev set nests far
/// less than this; a page past it is broken or hostile.
pub const MAX_DEPTH: usize = 256;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "frame", "isindex",
];

/// Elements whose end tag is implied by the next sibling (`<p>`, `<li>`…): pages leave them
/// unclosed, so they are not counted as nesting.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is raw text, where `<` does not start a tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// `html` with start/end tags past [`MAX_DEPTH`] removed; borrowed unchanged when the page
/// is not that deep (every real page). Linear in the page's length.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut out: Option<String> = None;
    let mut copied_to = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let start = i + off;
        let Some(tag) = Tag::at(html, start) else {
            i = start + 1;
            continue;
        };
        let end = tag.end;
        let mut drop = false;
        if tag.name.is_empty() {
            // A comment, doctype or processing instruction.
        } else if tag.closing {
            if let Some(n) = dropped.get_mut(&tag.name).filter(|n| **n > 0) {
                *n -= 1;
                drop = true;
            } else if counts(&tag.name) {
                depth = depth.saturating_sub(1);
            }
        } else if counts(&tag.name) && !tag.self_closing {
            if depth >= MAX_DEPTH {
                *dropped.entry(tag.name.clone()).or_default() += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied_to..start]);
            copied_to = end;
        }
        i = end;
        // Skip raw text so a "<div>" inside a script is not taken for a tag.
        if !tag.closing && RAW_TEXT.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            i = find_ascii_ci(html, i, &close).unwrap_or(html.len());
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied_to..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(html),
    }
}

fn counts(name: &str) -> bool {
    !VOID.contains(&name) && !IMPLIED_END.contains(&name)
}

/// A tag found at a `<`.
struct Tag {
    /// Lower-case name; empty for comments and declarations.
    name: String,
    closing: bool,
    self_closing: bool,
    /// Byte offset just past the tag.
    end: usize,
}

impl Tag {
    fn at(html: &str, start: usize) -> Option<Tag> {
        let rest = &html[start + 1..];
        // A comment, doctype or processing instruction: no name, nothing to count.
        let declaration = |end| Tag {
            name: String::new(),
            closing: false,
            self_closing: false,
            end,
        };
        if rest.starts_with("!--") {
            return Some(declaration(
                rest.find("-->").map_or(html.len(), |e| start + 1 + e + 3),
            ));
        }
        if rest.starts_with('!') || rest.starts_with('?') {
            return Some(declaration(
                rest.find('>').map_or(html.len(), |e| start + 1 + e + 1),
            ));
        }
        let (closing, name_start) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name: String = name_start
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let gt = rest.find('>')?;
        let self_closing = rest[..gt].ends_with('/');
        Some(Tag {
            name: name.to_ascii_lowercase(),
            closing,
            self_closing,
            end: start + 1 + gt + 1,
        })
    }
}

/// `html` with an unclosed `<title>` closed at the next tag. The title is raw text to the
/// parser up to `</title>`: without one the whole page became the title and no article was
/// left, and the extractors read its markup aloud ("<body><div id=main><h1>…"; found by a
/// fresh tester). A title holds no tags, so the first `<` after it ends it.
pub fn close_title(html: &str) -> Cow<'_, str> {
    let Some(open) = find_ascii_ci(html, 0, "<title") else {
        return Cow::Borrowed(html);
    };
    let Some(end) = html[open..].find('>').map(|k| open + k + 1) else {
        return Cow::Borrowed(html);
    };
    if find_ascii_ci(html, end, "</title").is_some() {
        return Cow::Borrowed(html);
    }
    let Some(next) = html[end..].find('<').map(|k| end + k) else {
        return Cow::Borrowed(html);
    };
    Cow::Owned(format!("{}</title>{}", &html[..next], &html[next..]))
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

/// Byte offset of `needle` (ASCII) in `hay` from `from`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (from..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_title_ends_at_the_next_tag() {
        let page = "<html><head><title>Storm night</head><body><p>Dark.</p></body></html>";
        assert_eq!(
            close_title(page),
            "<html><head><title>Storm night</title></head><body><p>Dark.</p></body></html>"
        );
        let closed = "<title>A <b> in a title</title><p>x</p>";
        assert_eq!(close_title(closed), closed);
        assert_eq!(close_title("<p>No title</p>"), "<p>No title</p>");
    }

    #[test]
    fn ordinary_pages_pass_unchanged() {
        let page = "<html><body><div><p>One<p>Two<div><span>x</span></div></div><script>if (a<b) {}</script></body></html>";
        assert!(matches!(limit_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_but_the_text_stays() {
        let n = 5000;
        let page = format!(
            "{}<p>Deep text.</p>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let out = limit_depth(&page);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("<p>Deep text.</p>"));
    }

    #[test]
    fn tags_inside_scripts_and_comments_are_not_counted() {
        let inner = "<div>".repeat(MAX_DEPTH + 10);
        let page = format!("<script>var s = '{inner}';</script><!-- {inner} --><p>x</p>");
        assert!(matches!(limit_depth(&page), Cow::Borrowed(_)));
    }
}
