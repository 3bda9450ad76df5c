//! Content a streaming server sent hidden, put where the page's own script would show it.
//!
//! React's streaming server rendering (React 18 and later, used by Next.js and others) sends
//! the page shell first, with an empty `<template id="B:1">` (a Suspense boundary, followed by
//! its loading fallback up to `<!--/$-->`) or `<template id="P:2">` (a placeholder) where
//! content will go, then the content itself at the end of the body in `<div hidden
//! id="S:1">…</div>`, and an inline script that moves it: `$RC("B:1","S:1")` (complete
//! boundary) or `$RS("S:2","P:2")` (complete segment). A browser runs the script and shows the
//! content in place; every extractor sees a `hidden` element and drops it. On the extraction
//! dev set, 19 of 806 pages stream this way; on one, a service's home page, all of its text
//! was hidden so and only its menu was read. Here each segment the page's script moves is put
//! in its place before any strategy runs, as the browser would.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// A script call that moves a segment: `$RC("B:1","S:1")` or `$RS("S:2","P:2")`.
static MOVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\$R([CS])\(\s*"([BSP]:[0-9]{1,9})"\s*,\s*"([BSP]:[0-9]{1,9})"\s*\)"#)
        .expect("valid regex")
});

/// The opening tag of a hidden segment, `<div hidden id="S:1">` (also `hidden=""`).
static SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<div hidden(?:="")? id="(S:[0-9]{1,9})">"#).expect("valid regex")
});

/// A placeholder, `<template id="B:1"></template>` or `<template id="P:2"></template>`.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<template id="([BP]:[0-9]{1,9})"></template>"#).expect("valid regex")
});

/// End of a Suspense boundary's fallback.
const BOUNDARY_END: &str = "<!--/$-->";

/// Most bytes of fallback skipped after a boundary's placeholder: a loading skeleton is a few
/// hundred bytes; past this the end marker found belongs to something else, and the fallback
/// is left (a skeleton has no words).
const MAX_FALLBACK_BYTES: usize = 16 * 1024;

/// Deepest nesting of segments inside segments that is put in place; deeper ones are left
/// hidden (a real page nests a few; this bounds the work on a hostile one).
const MAX_DEPTH: usize = 32;

/// `html` with every segment its script moves put in place of its placeholder (see the module
/// docs); borrowed unchanged when the page streams nothing. Linear in the page's size: each
/// segment is cut out once and put in once.
pub fn reveal(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("$RC(") && !html.contains("$RS(") {
        return html.into();
    }
    // Placeholder id → segment id, from the page's script calls.
    let mut target: HashMap<&str, &str> = HashMap::new();
    for c in MOVE.captures_iter(html) {
        let (a, b) = (
            c.get(2).map_or("", |m| m.as_str()),
            c.get(3).map_or("", |m| m.as_str()),
        );
        match &c[1] {
            "C" if a.starts_with("B:") && b.starts_with("S:") => target.insert(a, b),
            "S" if a.starts_with("S:") && b.starts_with("P:") => target.insert(b, a),
            _ => None,
        };
    }
    let moved: std::collections::HashSet<&str> = target.values().copied().collect();
    if moved.is_empty() {
        return html.into();
    }
    // Cut the moved segments out of the page.
    let mut shell = String::with_capacity(html.len());
    let mut segments: HashMap<&str, &str> = HashMap::new();
    let mut at = 0;
    while let Some(c) = SEGMENT.captures_at(html, at) {
        let (Some(whole), Some(id)) = (c.get(0), c.get(1)) else {
            break;
        };
        if !moved.contains(id.as_str()) {
            shell.push_str(&html[at..whole.end()]);
            at = whole.end();
            continue;
        }
        let Some((inner_end, close_end)) = div_end(html, whole.end()) else {
            break;
        };
        shell.push_str(&html[at..whole.start()]);
        segments.insert(id.as_str(), &html[whole.end()..inner_end]);
        at = close_end;
    }
    shell.push_str(&html[at..]);
    let mut out = String::with_capacity(html.len());
    put_in_place(&shell, &target, &mut segments, &mut out, 0);
    out.into()
}

/// Appends `text` to `out`, each placeholder with a segment in `segments` replaced by that
/// segment (itself put in place, to [`MAX_DEPTH`]); a segment is used once.
fn put_in_place<'a>(
    text: &str,
    target: &HashMap<&'a str, &'a str>,
    segments: &mut HashMap<&'a str, &'a str>,
    out: &mut String,
    depth: usize,
) {
    let mut at = 0;
    for c in PLACEHOLDER.captures_iter(text) {
        let (Some(whole), Some(id)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if whole.start() < at {
            continue;
        }
        let Some(content) = target
            .get(id.as_str())
            .and_then(|s| segments.remove(s))
            .filter(|_| depth < MAX_DEPTH)
        else {
            continue;
        };
        out.push_str(&text[at..whole.start()]);
        put_in_place(content, target, segments, out, depth + 1);
        at = whole.end();
        if id.as_str().starts_with("B:") {
            // The boundary's loading fallback, up to its end marker.
            let rest = &text[at..];
            if let Some(end) = rest[..floor_char(rest, MAX_FALLBACK_BYTES)].find(BOUNDARY_END) {
                at += end;
            }
        }
    }
    out.push_str(&text[at..]);
}

/// The largest char boundary of `s` at or under `max`.
fn floor_char(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// Where the `<div>` whose content starts at `from` ends: (start of its `</div>`, end of it),
/// counting nested `<div>`s; `None` when it is never closed.
fn div_end(html: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = html.as_bytes();
    let mut depth = 1usize;
    let mut i = from;
    while let Some(k) = html[i..].find('<') {
        let p = i + k;
        let tag = &bytes[p + 1..(p + 5).min(bytes.len())];
        if tag.len() >= 4
            && tag[..3].eq_ignore_ascii_case(b"div")
            && !tag[3].is_ascii_alphanumeric()
        {
            depth += 1;
        } else if tag.len() >= 4 && tag[0] == b'/' && tag[1..4].eq_ignore_ascii_case(b"div") {
            depth -= 1;
            if depth == 0 {
                let close = html[p..].find('>').map(|e| p + e + 1)?;
                return Some((p, close));
            }
        }
        i = p + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_segments_are_put_where_the_script_puts_them() {
        let page = concat!(
            r#"<body><nav>Home</nav><main><!--$?--><template id="B:0"></template>"#,
            r#"<div class="skeleton">Loading…</div><!--/$--><p>Shell text.</p>"#,
            r#"<template id="P:1"></template></main>"#,
            r#"<div hidden id="S:0"><div><p>First streamed paragraph.</p></div></div>"#,
            r#"<script>$RC("B:0","S:0")</script>"#,
            r#"<div hidden id="S:1"><p>Second, a plain segment.</p></div>"#,
            r#"<script>$RS("S:1","P:1")</script>"#,
            r#"<div hidden id="S:2"><p>Never moved.</p></div></body>"#,
        );
        let out = reveal(page);
        assert_eq!(
            out,
            concat!(
                r#"<body><nav>Home</nav><main><!--$?--><div><p>First streamed paragraph.</p></div>"#,
                r#"<!--/$--><p>Shell text.</p><p>Second, a plain segment.</p></main>"#,
                r#"<script>$RC("B:0","S:0")</script><script>$RS("S:1","P:1")</script>"#,
                r#"<div hidden id="S:2"><p>Never moved.</p></div></body>"#,
            )
        );
    }

    #[test]
    fn a_segment_inside_a_segment_is_put_in_place_too() {
        let page = concat!(
            r#"<main><template id="P:0"></template></main>"#,
            r#"<div hidden id="S:0"><p>Outer.</p><template id="P:1"></template></div>"#,
            r#"<div hidden id="S:1"><p>Inner.</p></div>"#,
            r#"<script>$RS("S:0","P:0");$RS("S:1","P:1")</script>"#,
        );
        let out = reveal(page);
        assert!(
            out.starts_with("<main><p>Outer.</p><p>Inner.</p></main>"),
            "{out}"
        );
        assert!(!out.contains("hidden"), "{out}");
    }

    #[test]
    fn pages_that_do_not_stream_and_broken_segments_are_left_alone() {
        let plain = "<p>No scripts here, $RC is just text.</p>";
        assert!(matches!(reveal(plain), std::borrow::Cow::Borrowed(_)));
        // Never closed: nothing is cut.
        let broken = r#"<template id="B:0"></template><div hidden id="S:0"><p>x<script>$RC("B:0","S:0")</script>"#;
        assert_eq!(reveal(broken), broken);
        // A segment used by two placeholders is put in once.
        let twice = r#"<template id="P:0"></template><template id="P:0"></template><div hidden id="S:0">Once.</div><script>$RS("S:0","P:0")</script>"#;
        assert_eq!(reveal(twice).matches("Once.").count(), 1);
    }
}
