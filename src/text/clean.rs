//! Cleaning: normalises characters and whitespace, repairs typewriter punctuation and
//! mis-decoded text, drops copy-paste debris ("Show image", "Advertisement", photo credits,
//! bylines…) and finds a plain-text article's headline.
//!
//! The written text keeps its typographic marks (curly quotes, dashes, ellipses) because the
//! script and subtitles show it; cleaning only makes their use consistent, and
//! `text::speech` decides how they are spoken.

use std::sync::LazyLock;

use rayon::prelude::*;
use regex::{Captures, Regex};

use crate::ingest::{Block, BlockKind, Document};

/// Fewest blocks cleaned (or split into sentences) as one job: an ordinary article (a few
/// hundred blocks) is cleaned on one thread, the 65,000 paragraphs of
/// `benches/hostile_html.py`'s 10 MB page on every core.
pub(crate) const PARALLEL_BLOCKS: usize = 1024;

/// Lines that are page furniture when they stand alone (compared case-insensitively, with
/// trailing punctuation ignored).
const DEBRIS_LINES: &[&str] = &[
    "show image",
    "hide image",
    "enlarge this image",
    "toggle caption",
    "hide caption",
    "advertisement",
    "skip advertisement",
    "story continues below advertisement",
    "article continues below",
    "share this article",
    "share",
    "share this",
    "share on facebook",
    "share on twitter",
    "share via email",
    "sign up to our newsletter",
    "sign up for our newsletter",
    "subscribe",
    "subscribe now",
    "read more",
    "related",
    "related articles",
    "most read",
    "comments",
    "view comments",
    "listen to this article",
    // A chart's or an embed's placeholder, left when the page was saved (found by a fresh
    // tester).
    "loading",
    // A forum thread's buttons and headers, each a line of its own (phpBB, XenForo, Stack
    // Exchange; 63 such lines on the extraction dev set, none in a true text).
    "post reply",
    "quote",
    "top",
    "reply",
    "report",
    "like",
    "jump to",
    "who is online",
    "reset to default",
    "click to expand",
    "click to shrink",
    "copy link",
    "skip to content",
    "skip to main content",
    "back to top",
    "edit this page",
    "edit on github",
    "was this page helpful",
    "was this helpful",
    "accept all",
    "accept cookies",
    "reject all",
    "manage preferences",
    "cookie settings",
    "continue reading",
    "print this page",
    "opens in a new window",
    "open in app",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "cancel reply",
    "required fields are marked",
    "your email address will not be published",
    "your email address will not be published. required fields are marked",
    // Wikipedia's tagline and section edit links, and the link a tester's "Also read" teaser
    // shares with "Read more" (found by a fresh tester).
    "from wikipedia, the free encyclopedia",
    "[edit]",
    "edit",
    // Widgets and buttons a fresh tester's pages read (help centres, events, listings, old
    // sites): each a line of its own.
    "table of contents",
    "add to calendar",
    "get directions",
    "did this answer your question",
    "was this article helpful",
    "sponsored",
];

/// Prefixes of credit and teaser lines ("Photograph: …", "Read more: …").
const DEBRIS_PREFIXES: &[&str] = &[
    "photograph:",
    "photo:",
    "image credit:",
    "photo credit:",
    "image courtesy",
    "photo courtesy",
    "photos:",
    "image:",
    "picture:",
    "credit:",
    "read more:",
    "also read:",
    // The same teasers in French, German, Spanish, Italian and Portuguese papers ("Lire aussi :
    // Zones à faibles émissions…", "Noticia relacionada: …"; found by a fresh tester).
    "lire aussi :",
    "lire aussi:",
    "à lire aussi :",
    "à lire aussi:",
    "lesen sie auch:",
    "mehr zum thema:",
    "leer más:",
    "lee también:",
    "noticia relacionada:",
    "leggi anche:",
    "leia também:",
    // A saved Wikipedia page's print footer: "Retrieved from \"https://en.wikipedia.org/…\"".
    "retrieved from \"http",
    "retrieved from “http",
    "related:",
    "see also:",
    "sign up to",
    "sign up for",
    "follow us on",
    "watch:",
    "video:",
    "clip:",
];

/// Agencies whose names alone in brackets are photo credits: "(Getty Images)".
const CREDIT_AGENCIES: &[&str] = &[
    "getty",
    "reuters",
    "ap",
    "afp",
    "pa",
    "epa",
    "shutterstock",
    "alamy",
    "istock",
];

/// Verbs that open a call to action ("Download the app", "GET OUR FREE NEWSLETTER").
const CTA_VERBS: &[&str] = &[
    "click",
    "tap",
    "download",
    "get",
    "sign",
    "subscribe",
    "follow",
    "join",
    "install",
    "share",
];

/// Words that make a call to action in capitals about the publication rather than the story.
const CTA_OBJECTS: &[&str] = &[
    "here",
    "app",
    "apps",
    "newsletter",
    "newsletters",
    "inbox",
    "alerts",
    "notifications",
    "podcast",
    "updates",
    "subscription",
    "mailing",
    "our",
    "free",
    "now",
    "friend",
    "friends",
];

/// The objects that give away a call to action in ordinary case, where a sentence of the
/// story could start with the same verb ("Get ready for the storm").
const CTA_STRONG_OBJECTS: &[&str] = &[
    "app",
    "apps",
    "newsletter",
    "newsletters",
    "inbox",
    "notifications",
    "podcast",
    "mailing",
    "friend",
    "friends",
];

/// Most words in a call-to-action line; a longer line is a sentence of the story ("Click here,
/// she said, was the worst UI she ever saw, and the designers agreed.").
const CTA_MAX_WORDS: usize = 12;

/// Removes zero-width characters, soft hyphens and pilcrows (permalink marks), maps stray
/// Windows-1252 control codes to the punctuation they meant, repairs UTF-8 that was decoded as
/// Windows-1252, makes typewriter punctuation typographic, and collapses whitespace.
pub fn normalize_chars(s: &str) -> String {
    let repaired = repair_mojibake(s);
    let cleaned: String = repaired
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{00B6}'
            )
        })
        .map(c1_control_to_cp1252)
        // Other control characters (NUL, BEL, DEL…) are never text: a space keeps words apart.
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    typographic(&crate::ingest::collapse_whitespace(&cleaned))
}

/// C1 control codes (U+0080–U+009F) are never text; in articles they are Windows-1252
/// punctuation that went through a Latin-1 decoder (`\u{93}` for “). Others become spaces.
fn c1_control_to_cp1252(c: char) -> char {
    if !('\u{80}'..='\u{9F}').contains(&c) {
        return c;
    }
    let byte = [c as u8];
    let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    decoded
        .chars()
        .next()
        .filter(|d| !('\u{80}'..='\u{9F}').contains(d))
        .unwrap_or(' ')
}

/// Markers of UTF-8 read as Windows-1252: "â€™" for ’, "Ã©" for é.
const MOJIBAKE_MARKERS: &[&str] = &["â€", "Ã©", "Ã¨", "Ã¡", "Ã¶", "Ã¼", "Ã§", "Ã±", "Â "];

/// Undoes one round of UTF-8-read-as-Windows-1252 when the text shows its markers and the
/// round trip gives valid UTF-8; otherwise returns the text unchanged.
fn repair_mojibake(s: &str) -> std::borrow::Cow<'_, str> {
    if !MOJIBAKE_MARKERS.iter().any(|m| s.contains(m)) {
        return s.into();
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
    if unmappable {
        return s.into();
    }
    match String::from_utf8(bytes.into_owned()) {
        Ok(fixed) => fixed.into(),
        Err(_) => s.into(),
    }
}

/// Typewriter punctuation made typographic, so every article reaches the segmenter and the
/// speech stage in one style: ``TeX quotes'' → “ ”, " -- " → " — ", ". . ." → "…".
fn typographic(s: &str) -> String {
    s.replace("``", "\u{201C}")
        .replace("''", "\u{201D}")
        .replace(" -- ", " \u{2014} ")
        .replace(". . .", "\u{2026}")
}

/// An audio or video player's controls as text: its position over the duration ("00:00 /
/// 48:12", which was said "midnight slash…") and its speed ("1x", "1.5x"); found by a fresh
/// tester on a podcast's page.
static MEDIA_CONTROLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?|[0-3](?:\.\d{1,2})?[x×])\s*$")
        .expect("valid regex")
});

/// True when a whole block is copy-paste debris rather than article text.
pub fn is_debris(text: &str) -> bool {
    if text.chars().count() > 160 {
        return false;
    }
    let lower = text.to_lowercase();
    // "[ Back to top ]": the brackets old sites put round a link are no words either.
    let bare = lower
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace())
        .trim_start_matches(|c: char| matches!(c, '[' | '(' | '|') || c.is_whitespace());
    if DEBRIS_LINES.contains(&bare) || DEBRIS_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if is_byline(text)
        || MEDIA_CONTROLS.is_match(text)
        || is_copyright(&lower)
        || is_comment_count(&lower)
        || THREAD_FURNITURE.is_match(&lower)
        || SHOP_BUTTON.is_match(&lower)
        || text.starts_with(['★', '☆'])
        || is_reading_time(&lower)
        || is_call_to_action(text, &lower)
        || is_taxonomy_line(&lower)
    {
        return true;
    }
    // "(Getty Images)", "(Photo: Jane Doe/AP)"
    if let Some(inner) = lower.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        let first = inner
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return CREDIT_AGENCIES.contains(&first)
            || DEBRIS_PREFIXES.iter().any(|p| inner.starts_with(p));
    }
    false
}

/// Labels of a page's taxonomy line ("Topics: Transport Harbour", "Filed under: Opinion").
const TAXONOMY_LABELS: &[&str] = &[
    "topics:",
    "tags:",
    "tagged:",
    "filed under:",
    "categories:",
    "category:",
    "posted in:",
    "more on:",
];

/// A list of the page's topics or tags: a taxonomy label and at most 12 words, not ending a
/// sentence (a sentence that happens to start "Topics:" goes on and ends with a full stop).
fn is_taxonomy_line(lower: &str) -> bool {
    TAXONOMY_LABELS.iter().any(|l| lower.starts_with(l))
        && lower.split_whitespace().count() <= 12
        && !lower.trim_end().ends_with(['.', '!', '?'])
}

/// A publisher's call to action: a short line (at most [`CTA_MAX_WORDS`] words) that starts
/// with "Click here"/"Tap here", asks "Like this story?", or opens with a call-to-action verb
/// (click, tap, download, get, sign up, subscribe, follow, join, install, share) and names
/// what the publisher wants: in capitals any of [`CTA_OBJECTS`] ("DOWNLOAD THE APP", "GET OUR
/// FREE NEWSLETTER"), in ordinary case one of [`CTA_STRONG_OBJECTS`] ("Download the app").
fn is_call_to_action(text: &str, lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > CTA_MAX_WORDS {
        return false;
    }
    if lower.starts_with("click here")
        || lower.starts_with("tap here")
        || asks_for_a_share(&words, lower)
    {
        return true;
    }
    let verb = match words[0] {
        "sign" => words.get(1) == Some(&"up"),
        w => CTA_VERBS.contains(&w),
    };
    let objects = if mostly_upper_case(text) {
        CTA_OBJECTS
    } else {
        CTA_STRONG_OBJECTS
    };
    verb && words[1..].iter().any(|w| objects.contains(w))
}

/// "Like this story?", "Enjoyed this article?": the teaser before a share button.
fn asks_for_a_share(words: &[&str], lower: &str) -> bool {
    let [feel, "this", thing, ..] = words else {
        return false;
    };
    matches!(
        *feel,
        "like" | "liked" | "love" | "loved" | "enjoy" | "enjoyed" | "enjoying"
    ) && matches!(
        *thing,
        "story" | "article" | "piece" | "post" | "newsletter"
    ) && lower.starts_with(&format!("{feel} this {thing}?"))
}

/// At least four letters, and four in five of them capitals.
fn mostly_upper_case(text: &str) -> bool {
    let (upper, letters) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, n), c| {
            (u + usize::from(c.is_uppercase()), n + 1)
        });
    letters >= 4 && upper * 5 >= letters * 4
}

/// "By Dana Whitfield", "By Ana Ruiz and Tom Lee · 12 March 2025": a short line starting
/// with "By" whose words are names (capitalised) or joiners, not a sentence.
///
/// Also "Written by Priya Updated over a week ago" (a help centre's article header, found by
/// a fresh tester) and "Posted by": "Updated" or "Published" after the name separates as "·"
/// does.
fn is_byline(text: &str) -> bool {
    let Some(rest) = ["By ", "Written by ", "Posted by ", "Words by "]
        .iter()
        .find_map(|p| text.strip_prefix(p))
    else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let name_words = words
        .iter()
        .take_while(|w| !matches!(**w, "·" | "|" | "-" | "–" | "—" | "Updated" | "Published"))
        .collect::<Vec<_>>();
    // After a separator come a date and time ("| Updated 3:42 PM EST, Sat March 2, 2024").
    let limit = if name_words.len() < words.len() {
        20
    } else {
        12
    };
    !name_words.is_empty()
        && name_words.len() <= 8
        && words.len() <= limit
        && !text.ends_with('.')
        && name_words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(w.trim_end_matches(','), "and" | "&" | "de" | "van" | "von")
        })
}

/// A copyright line: "© 2024 The Courier", "Copyright 2024 … All rights reserved."
fn is_copyright(lower: &str) -> bool {
    let words = lower.split_whitespace().count();
    if words > 40 {
        return false;
    }
    if lower.contains("all rights reserved") {
        return true;
    }
    // "© 2024 …", "Copyright © 2024 …", "Copyright 2024 …": the mark, then a year.
    let rest = lower
        .trim_start_matches("copyright")
        .trim_start()
        .trim_start_matches(['©'])
        .trim_start_matches("(c)")
        .trim_start();
    rest.len() < lower.len()
        && (lower.starts_with('©') || lower.starts_with("(c)") || lower.starts_with("copyright"))
        && rest.chars().take(4).filter(char::is_ascii_digit).count() == 4
}

/// A comment section's heading: "12 thoughts on “My allotment”", "3 comments on …",
/// "5 responses to …".
/// A forum thread's counters and way out, each a line of its own: phpBB's "4 posts • Page 1 of
/// 1" and "Return to “Cookware”", Stack Exchange's "11 Answers 11", phpBB's "Users browsing
/// this forum: …" (found on the extraction dev set and by a fresh tester; none in a true text).
static THREAD_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^(?:\d[\d,]* (?:posts?|topics?|replies) • page \d+ of \d+.*|\d+ answers?(?: \d+)?|return to [“"].*[”"]|return to (?:the )?board index|users browsing this forum:.*)$"#,
    )
    .expect("valid regex")
});

/// A shop's button, a sponsor's line, a newsroom's social sign-off or a notebook's prompt on a
/// line of its own: "Check price on Amazon", "Sponsored by Legacy Sympathy", "Sponsored: Shop
/// faucets at HomeDepot" (an ad between a how-to's steps; no line of the 806 true texts starts
/// so), "Follow BBC
/// Shropshire on Facebook, X and Instagram. Send your story ideas to …",
/// "Check prices on Booking.com", "$599.99 at Amazon", "View on Amazon", and Jupyter's "In
/// [1]:", "Out[3]:" (a fresh tester's listicle, travel guide and notebook post read them).
static SHOP_BUTTON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:follow [\w' ]{1,40} on (?:facebook|x|twitter|instagram|threads|bluesky|tiktok|youtube)\b.{0,120}|send your story ideas to .{0,80}|sponsored by [^.]{1,40}|sponsored: [^.]{1,60}|check (?:the )?(?:latest )?prices? (?:on|at) \S+|(?:view|buy|shop) (?:it )?(?:now )?(?:on|at) (?:amazon|walmart|target|ebay|best buy)\S*|[$£€][\d,.]+ at \S+(?: \S+)?|(?:in|out) ?\[ ?\d* ?\]:?)$",
    )
    .expect("valid regex")
});

fn is_comment_count(lower: &str) -> bool {
    let mut words = lower.split_whitespace();
    let (Some(n), Some(kind), Some(prep)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    (n.chars().all(|c| c.is_ascii_digit()) || n == "one")
        && matches!(
            kind,
            "thought"
                | "thoughts"
                | "comment"
                | "comments"
                | "response"
                | "responses"
                | "reply"
                | "replies"
        )
        && matches!(prep, "on" | "to")
        && lower.split_whitespace().count() <= 16
}

/// "6 min read", "By X · 4 minute read".
fn is_reading_time(lower: &str) -> bool {
    // "· · Updated 3 hours ago": what is left of a byline whose name and date were dropped.
    let bare = lower.trim_matches(|c: char| c.is_whitespace() || "·•|-–—".contains(c));
    if bare.starts_with("updated ")
        && bare.ends_with(" ago")
        && bare.split_whitespace().count() <= 5
    {
        return true;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() <= 14
        && words.windows(3).any(|w| {
            w[0].chars().all(|c| c.is_ascii_digit())
                && matches!(w[1], "min" | "mins" | "minute" | "minutes")
                && w[2].starts_with("read")
        })
}

/// Most words a promoted headline may have: news headlines run to about 15 words.
const HEADLINE_MAX_WORDS: usize = 18;

/// Whether `first`, the leading block of a document without a title, reads as its headline,
/// given the block after it.
///
/// A headline has 2 to 18 words and some letters (a single word such as "Today?" or
/// "Introduction" is too weak a sign); a question or exclamation needs 3 words or more ("Then
/// when?" is dialogue, "Is remote work here to stay?" a headline). It does not open with a
/// quotation mark or a dialogue dash, and does not end like a sentence or clause: no final full
/// stop, ellipsis, comma, semicolon or colon, also inside a closing quote or bracket. And the
/// block after it is longer (body text), so a run of short lines (dialogue, verse) keeps its
/// first line.
fn looks_like_headline(first: &str, next: &str) -> bool {
    let words = first.split_whitespace().count();
    let chars = first.chars().count();
    let bare_end = first.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    let min_words = if bare_end.ends_with(['?', '!']) { 3 } else { 2 };
    (min_words..=HEADLINE_MAX_WORDS).contains(&words)
        && chars <= 160
        && first.chars().any(char::is_alphabetic)
        && !opens_speech(first)
        && !bare_end.ends_with(['.', '…', ',', ';', ':'])
        && next.chars().count() > chars
}

/// An opening quotation mark or a dialogue dash: the line is speech.
fn opens_speech(text: &str) -> bool {
    text.starts_with(['"', '\'', '“', '‘', '„', '‚', '«', '»', '—', '–'])
        || text.starts_with("- ")
        || text.starts_with("--")
}

/// Joins the lines of one block, leaving out debris lines. A hyphen at the end of a line is
/// decided by [`line_end_hyphen`]: a word hyphenated across the break ("exam-" / "ple") is
/// re-joined, a compound broken at its hyphen ("well-" / "known") keeps it; a soft hyphen at the
/// end of a line always marks a split word. Other lines are joined with a space.
fn join_lines(text: &str) -> String {
    let mut out = String::new();
    let mut soft_break = false;
    for raw in text.lines() {
        let line = normalize_chars(raw);
        if line.is_empty() || is_debris(&line) {
            continue;
        }
        match line_end_hyphen(&out, &line) {
            Some(HyphenJoin::Word) => {
                out.pop();
            }
            Some(HyphenJoin::Compound) => {}
            _ if soft_break => {}
            _ if out.is_empty() => {}
            Some(HyphenJoin::Spaced) | None => out.push(' '),
        }
        out.push_str(&line);
        soft_break = raw.trim_end().ends_with('\u{AD}');
    }
    out
}

/// How the two lines around a line-final hyphen are joined.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum HyphenJoin {
    /// A word split by hyphenation: the hyphen goes ("nega-" / "tive" → "negative").
    Word,
    /// A compound broken at its own hyphen: the hyphen stays, no space ("well-known").
    Compound,
    /// A suspended hyphen: the hyphen stays and a space follows ("pre- and post-war").
    Spaced,
}

/// Words after which a line-final hyphen is suspended: "pre- and post-war", "10- to
/// 15-year-olds".
const SUSPENSION_JOINERS: &[&str] = &["and", "or", "nor", "to"];

/// Prefixes that English closes up with the word they qualify (Chicago Manual of Style, 7.89:
/// "nonprofit", "prewar", "recover", "unlike"); espeak-ng reads the closed forms as it reads the
/// hyphenated ones ("nonprofit" and "non-profit" give the same phonemes). They keep a hyphen
/// only before the vowel they end with ("anti-inflammatory", "co-operate", "re-enter"), where
/// the closed form misleads a reader and espeak-ng ("preelection" loses its second syllable).
#[rustfmt::skip] // a table, not code
const CLOSED_PREFIXES: &[&str] = &[
    "anti", "be", "co", "de", "dis", "extra", "inter", "intra", "macro", "micro", "mid", "mis",
    "multi", "non", "out", "over", "post", "pre", "pro", "re", "semi", "sub", "ultra", "un",
    "under",
];

/// Words that form hyphenated compounds with whatever word follows ("well-known",
/// "self-esteem", "long-term", "twenty-one"). Hyphenation after them that splits one word
/// leaves a suffix on the next line ("self-ish", "short-age", "far-ther"), see
/// [`is_suffix_run`]. Without the hyphen espeak-ng reads such a compound as one word and loses
/// its second stress ("wellknown", "selfesteem").
#[rustfmt::skip] // one group a line, each under its comment
const COMPOUND_WORDS: &[&str] = &[
    "well", "self", "half", "all", "long", "short", "high", "low", "full", "far", "near", "cross",
    "ill", "best", "hard", "wide", "open", "first", "great", "free", "world", "life", "old", "much",
    // Numbers: "twenty-one", "two-thirds", "three-day".
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Suffixes (and the tails "ther", "thest") that hyphenation leaves on the next line when it
/// splits a word after one of [`COMPOUND_WORDS`]: "self-ish", "well-ness", "short-ening",
/// "far-ther", "four-teen".
#[rustfmt::skip] // a table, not code
const SUFFIXES: &[&str] = &[
    "age", "dom", "ed", "en", "er", "es", "est", "ful", "ing", "ish", "less", "ling", "ly",
    "ment", "ness", "ship", "teen", "ther", "thest", "ty",
];

/// Compounds whose first part is also the first syllable of many words ("so-cial",
/// "ex-ample"): the hyphen stays only before the second parts listed.
const NARROW_COMPOUNDS: &[(&str, &[&str])] = &[
    ("so", &["called"]),
    (
        "ex",
        &[
            "wife",
            "husband",
            "partner",
            "boyfriend",
            "girlfriend",
            "spouse",
            "fiance",
            "fiancé",
            "fiancée",
            "lover",
            "president",
            "premier",
            "minister",
            "chancellor",
            "leader",
            "chairman",
            "chairwoman",
            "chair",
            "chief",
            "boss",
            "mayor",
            "governor",
            "senator",
            "member",
            "employee",
            "colleague",
            "manager",
            "director",
            "editor",
            "coach",
            "player",
            "champion",
            "soldier",
            "officer",
            "convict",
            "con",
            "prisoner",
            "pupil",
            "student",
            "smoker",
            "footballer",
            "official",
            "judge",
        ],
    ),
];

/// Second parts that make a hyphenated compound of whatever word comes first
/// ("state-owned", "decision-making", "tax-free", "year-long"): hyphenation seldom leaves
/// them on a line of their own as the end of a longer word.
#[rustfmt::skip] // a table, not code
const COMPOUND_HEADS: &[&str] = &[
    "backed", "based", "class", "driven", "free", "friendly", "funded", "known", "led", "level",
    "like", "long", "looking", "made", "making", "minded", "oriented", "owned", "powered",
    "proof", "related", "run", "scale", "sized", "speaking", "specific", "style", "term", "wide",
    "year",
];

/// Decides a hyphen that ends the text so far (`before`), given the next line (`after`); `None`
/// when `before` does not end with a hyphen after a letter or digit (a spaced dash, "word -",
/// is joined with a space like any line).
///
/// The rule, in order:
/// 1. Before "and", "or", "nor", "to" or "&" the hyphen is suspended ("pre- and post-war"): kept, then a space.
/// 2. Before a capital or a digit, after a digit, after a single letter, or when either side
///    already holds a hyphen, it belongs to a compound ("Anglo-Saxon", "pre-1990",
///    "40-year-old", "e-mail", "state-of-the-art"): typesetters (TeX, for one) break a word
///    that holds a hyphen only at that hyphen, and never leave one letter before a break.
/// 3. Otherwise the parts are compared: after one of [`CLOSED_PREFIXES`] the word is closed up
///    unless the same vowel meets across the break ("re-cover" → "recover", "co-operate"
///    stays); [`NARROW_COMPOUNDS`] keep their hyphen only before the words they list ("so-called",
///    "ex-wife", but "example"); after one of [`COMPOUND_WORDS`] the hyphen stays unless the
///    second part is a suffix ("well-known", but "selfish"); before one of [`COMPOUND_HEADS`] it
///    stays ("state-owned"). Anything else is a word split by hyphenation ("nega-tive").
fn line_end_hyphen(before: &str, after: &str) -> Option<HyphenJoin> {
    let head = before
        .strip_suffix('-')
        .or_else(|| before.strip_suffix('\u{2010}'))?;
    let last = head.chars().next_back().filter(|c| c.is_alphanumeric())?;
    let next_word = after.split_whitespace().next()?;
    let next_bare = next_word.trim_end_matches(|c: char| !c.is_alphanumeric());
    if SUSPENSION_JOINERS.contains(&next_bare.to_lowercase().as_str()) || next_word == "&" {
        return Some(HyphenJoin::Spaced);
    }
    let next_first = next_word.chars().next()?;
    if next_first.is_uppercase() || next_first.is_ascii_digit() || last.is_ascii_digit() {
        return Some(HyphenJoin::Compound);
    }
    if !next_first.is_lowercase() {
        return None;
    }
    let word_before = head.rsplit(char::is_whitespace).next().unwrap_or(head);
    let first_start = word_before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let first = word_before[first_start..].to_lowercase();
    let second: String = next_word
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let hyphen_inside = word_before.contains(['-', '\u{2010}']) || next_word.contains('-');
    if hyphen_inside || first.chars().count() == 1 || is_compound(&first, &second) {
        Some(HyphenJoin::Compound)
    } else {
        Some(HyphenJoin::Word)
    }
}

/// Whether `first` and `second` (lower case, letters only) are the parts of a hyphenated
/// compound rather than two pieces of one word; see [`line_end_hyphen`] for the order.
fn is_compound(first: &str, second: &str) -> bool {
    if CLOSED_PREFIXES.contains(&first) {
        return first
            .chars()
            .next_back()
            .is_some_and(|v| "aeiou".contains(v) && second.starts_with(v));
    }
    if let Some((_, seconds)) = NARROW_COMPOUNDS.iter().find(|(f, _)| *f == first) {
        return seconds.contains(&second);
    }
    if COMPOUND_WORDS.contains(&first) {
        return second.chars().count() >= 3 && !is_suffix_run(second);
    }
    // A doubled "l" before "led" is a past tense split by hyphenation ("travel-led").
    COMPOUND_HEADS.contains(&second) && !(second == "led" && first.ends_with('l'))
}

/// Whether `part` is made up of [`SUFFIXES`] alone ("ish", "ishness", "ening", "lessly").
fn is_suffix_run(part: &str) -> bool {
    part.is_empty()
        || SUFFIXES
            .iter()
            .any(|s| part.strip_prefix(s).is_some_and(is_suffix_run))
}

/// Cleans a document: debris lines and blocks dropped, lines re-joined, characters
/// normalised, and, when the source had no title, a leading block promoted to title when it
/// looks like a headline (see [`looks_like_headline`]).
pub fn clean(mut doc: Document) -> Document {
    // The document is changed in place so fields this stage does not know about survive.
    // Block by block, on every core for a long page (a block's cleaning reads no other).
    doc.blocks = std::mem::take(&mut doc.blocks)
        .into_par_iter()
        .with_min_len(PARALLEL_BLOCKS)
        .map(|b| Block {
            kind: prose_in_a_heading(&b),
            // Line by line, before lines are joined: a reference list's "[2] Doe, J." on its
            // own line starts it.
            text: join_lines(
                &b.text
                    .lines()
                    .map(|l| {
                        let marked = drop_citation_markers(l);
                        // A copy only when a credit was taken out.
                        match drop_wire_credit(&marked) {
                            std::borrow::Cow::Owned(unwired) => Some(unwired),
                            std::borrow::Cow::Borrowed(_) => None,
                        }
                        .map_or(marked, std::borrow::Cow::Owned)
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        })
        .filter(|b| !b.text.is_empty() && !is_debris(&b.text))
        .collect();
    // Section labels that end the article head nothing: a wiki's empty "References" and
    // "Categories" (found by a fresh tester), a section the extractor left without its text.
    // Up to four words and no sentence: a closing line set as a heading ("The world's APIs
    // are built and shipped on Postman.") is read.
    while doc.blocks.len() > 1
        && doc.blocks.last().is_some_and(|b| {
            b.kind == BlockKind::Heading
                && b.text.split_whitespace().count() <= 4
                && !b.text.ends_with(['.', '!', '?'])
        })
        && doc.blocks.iter().any(|b| b.kind != BlockKind::Heading)
    {
        doc.blocks.pop();
    }
    doc.title = doc
        .title
        .take()
        .map(|t| normalize_chars(&t))
        .filter(|t| !t.is_empty());
    let blocks = &doc.blocks;
    if doc.title.is_none()
        && blocks
            .first()
            .is_some_and(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading))
        && blocks
            .get(1)
            .is_some_and(|next| looks_like_headline(&blocks[0].text, &next.text))
    {
        doc.title = Some(doc.blocks.remove(0).text);
    }
    doc
}

/// Most words a heading holds; a longer one is prose set in a heading's style.
///
/// Measured on the extraction dev set (806 real pages): 34 headings of more than 25 words on
/// 20 pages, every one prose — testimonials, product blurbs, questions and answers styled as
/// `<h3>`/`<h4>`, and an unclosed `<h2>` holding a whole article (a fresh tester's page). A
/// heading is said as one chunk, without sentence pauses, so such prose ran on.
const HEADING_MAX_WORDS: usize = 25;

/// The kind a block is read as: a heading longer than [`HEADING_MAX_WORDS`] is a paragraph.
fn prose_in_a_heading(block: &Block) -> BlockKind {
    match block.kind {
        BlockKind::Heading if block.text.split_whitespace().count() > HEADING_MAX_WORDS => {
            BlockKind::Paragraph
        }
        kind => kind,
    }
}

/// Wikipedia's inline maintenance tags, read as nothing wherever they stand.
const INLINE_TAGS: &str = "citation needed|clarification needed|better source needed|\
                           verification needed|page needed|dubious|who\\?|when\\?|which\\?|\
                           according to whom\\?|edit";

/// Words after which a spaced number in brackets is what the sentence says, not a citation:
/// "Press [1]", "is [3].", "Step [1]:".
const CONTENT_BEFORE: &[&str] = &[
    "is", "are", "was", "were", "be", "press", "step", "option", "choose", "select", "see", "type",
    "enter", "and", "or", "in", "at", "of", "to", "from", "with", "by", "for", "rated",
];

/// Bracketed citation markers and maintenance tags, one or a run ("[4]", "[8][9]",
/// "[4], [5], [6]", "[citation needed]"), with the whitespace before them.
static MARKERS: LazyLock<Regex> = LazyLock::new(|| {
    // "[4]", and a run or a range in one pair of brackets: "[2, 3]", "[4-6]", "[4–6]".
    let one = format!(
        r"\[(?:[1-9]\d{{0,2}}(?:\s*[,\-\u{{2013}}]\s*[1-9]\d{{0,2}})*|(?i:{INLINE_TAGS}))\]"
    );
    Regex::new(&format!(r"(\s*)({one}(?:,?\s*{one})*)")).expect("valid marker pattern")
});

/// A newswire's credit in a press release's dateline: "ROTTERDAM, Netherlands--(BUSINESS
/// WIRE)--Northwind Energy today…", "AUSTIN, Texas /PRNewswire/ -- Acme" (read "Netherlands,
/// business wire, Northwind"; found by a fresh tester). The dateline keeps a comma.
static WIRE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s*(?:-{1,2}\s*\((?i:business wire|globe newswire|pr newswire|prnewswire|accesswire|newsfile corp\.?|marketwired)\)|/(?i:prnewswire|globe newswire|pr newswire)(?:-[\w]+)?/)\s*-{1,2}\s*",
    )
    .expect("valid regex")
});

/// A paragraph without its newswire credit ([`WIRE_CREDIT`]).
fn drop_wire_credit(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("-(") && !text.contains("/ -") {
        return std::borrow::Cow::Borrowed(text);
    }
    WIRE_CREDIT.replace_all(text, ", ")
}

/// Drops citation markers from a line of prose: "grass.[7]", "part of it[1].", "adoption
/// [2].", "essential [4], [5], [6]." and Wikipedia's "[citation needed]" and "[edit]". A
/// listener hears "grass seven" otherwise. A number in brackets is a marker only after a word
/// of two letters or more (not an index: `s[0]`) or after punctuation, and only before
/// whitespace, punctuation that ends a clause, or the end; spaced from its word, only at a
/// clause's end and not after a word that makes it content ([`CONTENT_BEFORE`]: "Press [1]
/// for English"); never at the start of a line (a reference list's "[1] Smith, J."), never
/// from 0 and never in a line that looks like code (`items[1] = 0`, `[3][3]float64`,
/// `seq[0], seq[1]`). Measured on the 806 true texts of the extraction dev set: 122 markers on
/// 17 texts; a second fresh tester's cases are in the tests.
fn drop_citation_markers(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('[')
        || ["=", "()", "{", "};", ");", "[0]"]
            .iter()
            .any(|c| text.contains(c))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    MARKERS.replace_all(text, |c: &Captures<'_>| {
        let (Some(all), Some(markers)) = (c.get(0), c.get(2)) else {
            return String::new();
        };
        let before = &text[..all.start()];
        let mut rest = text[all.end()..].chars();
        let (after, then) = (rest.next(), rest.next());
        let tag_only = !markers.as_str().chars().any(|ch| ch.is_ascii_digit());
        // The word the marker follows (its letters, lower-cased).
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, ch)| !ch.is_alphabetic())
            .map_or(0, |(i, ch)| i + ch.len_utf8());
        let last_word = before[start..].to_lowercase();
        let marks_before = before
            .chars()
            .next_back()
            .is_some_and(|ch| ".,;:!?)\"'’”".contains(ch));
        // "it[1]. Next", not "data[0].name".
        let ends_clause = after.is_none_or(|ch| {
            ch.is_whitespace()
                || (".,;:!?".contains(ch)
                    && then.is_none_or(|t| t.is_whitespace() || "\"'’”)".contains(t)))
        });
        // Spaced from its word, a number in brackets is a marker at a clause's end ("adoption
        // [2].") or before a lower-case word ("The study [1] found", found by a fresh tester),
        // and not after a word that makes it content ("Press [1] for English", "The answer is
        // [3].", "Step [1]: open").
        let spaced = c.get(1).is_some_and(|w| !w.as_str().is_empty());
        let runs_on = after.is_some_and(char::is_whitespace)
            && text[all.end()..]
                .trim_start()
                .starts_with(|ch: char| ch.is_lowercase());
        let content = spaced
            && ((after.is_some_and(char::is_whitespace) && !runs_on)
                || CONTENT_BEFORE.contains(&last_word.as_str()));
        // Not inside a list or a path: "[[1, 2], [3, 4]]", "... [5, 6]", "/dev/loop[1-2]".
        let listed = before.trim_end().ends_with(['[', ',', '.']) && !marks_before
            || before.trim_end().ends_with("...")
            || before
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|t| t.contains(['/', '_']));
        let placed = !before.trim().is_empty()
            && !listed
            && ends_clause
            && !content
            && (last_word.chars().count() >= 2 || marks_before);
        if tag_only && !before.trim().is_empty() || placed {
            String::new()
        } else {
            all.as_str().to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forum_threads_buttons_and_counters_are_debris() {
        for line in [
            "Post Reply",
            "Quote",
            "Top",
            "Reset to default",
            "4 posts • Page 1 of 1",
            "5993 posts • Page 1 of 240 • 1, 2, 3, 4, 5 ... 240",
            "11 Answers 11",
            "Return to “Cookware”",
            "Users browsing this forum: Bing [Bot] and 2 guests",
        ] {
            assert!(is_debris(line), "{line}");
        }
        for line in [
            "Quote of the day: the tide waits for no one.",
            "Return to the harbour was slow.",
            "11 answers came in by noon.",
        ] {
            assert!(!is_debris(line), "{line}");
        }
    }

    #[test]
    fn a_reference_list_keeps_its_numbers_when_its_lines_are_joined() {
        let doc = clean(Document {
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: "[1] Smith, J. Harbours.\n[2] Doe, A. Tides.\n[3] Roe, B. Ferries.".into(),
            }],
            ..Document::default()
        });
        let text = &doc.blocks[0].text;
        for n in ["[1] Smith", "[2] Doe", "[3] Roe"] {
            assert!(text.contains(n), "{text}");
        }
    }

    #[test]
    fn drops_citation_markers_from_prose() {
        for (text, want) in [
            (
                "Shade matters more than grass.[7] Roofs too.",
                "Shade matters more than grass. Roofs too.",
            ),
            (
                "It is a core part of it[1]. Others agree.",
                "It is a core part of it. Others agree.",
            ),
            ("It is essential [4], [5], [6].", "It is essential."),
            // Spaced and before a word, or after a word that makes it content: kept.
            (
                "Press [1] for English or [2] for French.",
                "Press [1] for English or [2] for French.",
            ),
            ("The answer is [3].", "The answer is [3]."),
            ("Step [1]: open the lid.", "Step [1]: open the lid."),
            ("Roofs matter [8][9].", "Roofs matter."),
            (
                "It helps least.[citation needed] Roofs help.",
                "It helps least. Roofs help.",
            ),
            ("History [edit]", "History"),
            // Spaced before a lower-case word, and runs or ranges in one pair of brackets.
            ("The study [1] found it.", "The study found it."),
            ("It shrank [2, 3] and grew [4-6].", "It shrank and grew."),
            ("Rates fell [12,13].", "Rates fell."),
            // Not markers: a reference list's label, an index, a word in brackets, code.
            ("[1] Smith, J. Harbours.", "[1] Smith, J. Harbours."),
            ("Take item [2a] first.", "Take item [2a] first."),
            (
                "The type is [3][3]float64 here.",
                "The type is [3][3]float64 here.",
            ),
            ("Set items[1] = 0 first.", "Set items[1] = 0 first."),
            ("Read s[0] and d[1] then.", "Read s[0] and d[1] then."),
            // A list of numbers, a path's character class.
            (
                ">>> rows [ ... [1, 2, 3], ... [4, 5, 6] ]",
                ">>> rows [ ... [1, 2, 3], ... [4, 5, 6] ]",
            ),
            ("Mount /dev/loop[1-2] first.", "Mount /dev/loop[1-2] first."),
            // Numbering from 0 is an index, not a note.
            (
                "It is passed as arguments[0].",
                "It is passed as arguments[0].",
            ),
            // A line that indexes from 0 is code: its other brackets are indices too.
            (
                "Log data[0].name and data[1].",
                "Log data[0].name and data[1].",
            ),
        ] {
            assert_eq!(drop_citation_markers(text), want, "{text}");
        }
    }

    #[test]
    fn recognises_debris_lines() {
        for line in [
            "Show image",
            "show image",
            "Advertisement",
            "Share this article",
            "Sign up to our newsletter",
            "Photograph: Dana Whitfield/The Coastal Courier",
            "Image credit: Harbour Archive",
            "Photo courtesy of the Ferry Trust",
            "(Getty Images)",
            "Read more: Ten other things",
            "Topics: Transport Harbour",
            "Filed under: Opinion, Local news",
            "Tags: rust, audio",
            "By Jo Marsh and Sam Lee | Updated 3:42 PM EST, Sat March 2, 2024",
            "Copyright 2024 The Coastal Courier. All rights reserved. This material may not be published.",
            "© 2025 Tinker Blog",
            "12 thoughts on “My allotment in March”",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "★★★★★ 4.8 from 212 votes",
            "Video: Ann Price shows the new pontoons.",
            "Edit this page",
            "Was this page helpful?",
            "By Dana Whitfield",
            "00:00 / 48:12",
            "1:02:03 / 1:30:00",
            "1.5x",
            "Loading...",
            "By Ana Ruiz and Tom Lee · 12 March 2025",
            "By Owen Prys · 6 min read",
            "5 min read",
            "· · Updated 3 hours ago",
            "Updated 12 minutes ago",
        ] {
            assert!(is_debris(line), "{line} should be debris");
        }
        for line in [
            "The ad campaign worked.",
            "Share prices fell 4% on Monday.",
            "Topics: we covered three of them in the first meeting and the rest later.",
            "Copyright law changed in 2019, and the courts are still catching up with it.",
            "12 thoughts kept her awake that night, each worse than the last one.",
            "By the river, the crowd grew quiet.",
            "By Tuesday the water had gone.",
            "It takes 5 min to read the whole report, she said, and most people never do.",
            "(Reuters analysts disagreed with the forecast, saying the figures were wrong.) More text follows here.",
            "Loading the van took all morning.",
            "The score was 2:1 / 3:0 over two legs.",
        ] {
            assert!(!is_debris(line), "{line} is article text");
        }
    }

    #[test]
    fn drops_short_calls_to_action() {
        for line in [
            "CLICK HERE TO GET THE FOX NEWS APP",
            "DOWNLOAD THE APP",
            "Click here to subscribe",
            "Tap here to turn on notifications",
            "SIGN UP FOR OUR NEWSLETTER",
            "GET OUR FREE NEWSLETTER",
            "JOIN NOW",
            "Like this story? Share it with a friend.",
            "Enjoyed this article? Tell a friend.",
            "Share this story with a friend",
            "Download the app",
            "Get the Courier app for iPhone and Android",
            "Subscribe to our newsletter",
            "Join our mailing list",
            "Follow us on Instagram",
        ] {
            assert!(is_debris(line), "{line} should be debris");
        }
    }

    #[test]
    fn keeps_sentences_that_start_like_a_call_to_action() {
        for line in [
            "Click here, she said, was the worst UI she ever saw, and the designers agreed.",
            "GET READY FOR THE STORM",
            "Get ready for the storm.",
            "Join the queue early.",
            "Download speeds doubled after the upgrade.",
            "The app crashed twice during the vote.",
            "Like this story, the next one ends badly.",
            "Sign the petition at the town hall, she urged.",
            "Follow the coast road north for two miles.",
            "Tap water is safe to drink again.",
            "Get the app, the mayor told residents at the packed meeting on Tuesday night, and check the tide tables.",
        ] {
            assert!(!is_debris(line), "{line} is article text");
        }
    }

    #[test]
    fn a_call_to_action_line_inside_a_paragraph_is_dropped() {
        let doc = clean(crate::ingest::txt::parse(
            "The wall will be rebuilt.\nCLICK HERE TO GET THE COURIER APP\nWork starts in May.",
        ));
        assert_eq!(
            doc.blocks[0].text,
            "The wall will be rebuilt. Work starts in May."
        );
    }

    #[test]
    fn promotes_headline_after_dropping_debris() {
        let doc = crate::ingest::txt::parse(
            "show image\n\nKaspersky is refusing to back down\n\nThe firm said so on Monday. It appealed.\n\nAdvertisement\n",
        );
        let doc = clean(doc);
        assert_eq!(
            doc.title.as_deref(),
            Some("Kaspersky is refusing to back down")
        );
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(
            doc.blocks[0].text,
            "The firm said so on Monday. It appealed."
        );
    }

    const BODY: &str =
        "The council met on Tuesday night and voted to rebuild the wall after two years of argument.";

    #[test]
    fn takes_a_headline_followed_by_prose_as_title() {
        for headline in [
            "Why the harbour wall failed",
            "The Tide Tables: A Short History",
            "How to Fix a Bike Chain in 5 Minutes",
            "Is remote work here to stay?",
            "Storm warning for the whole coast!",
            "Mayor: “We will rebuild”",
            "Sourdough Basics",
            "Merrow Bay council approves $1.5 million seawall rebuild after marathon meeting",
        ] {
            for doc in [
                crate::ingest::txt::parse(&format!("{headline}\n\n{BODY}\n\n{BODY}")),
                crate::ingest::markdown::parse(
                    &format!("{headline}\n\n{BODY}\n\n{BODY}"),
                    &Default::default(),
                ),
            ] {
                let doc = clean(doc);
                assert_eq!(doc.title.as_deref(), Some(headline));
                assert_eq!(doc.blocks.len(), 2, "{headline}");
            }
        }
    }

    #[test]
    fn leaves_a_first_block_that_does_not_look_like_a_headline() {
        for first in [
            "Today?",                              // one word
            "Introduction",                        // one word
            "Then when?",                          // a two-word question is dialogue
            "No way!",                             // so is a two-word exclamation
            "“We are not leaving,” she said",      // opens with a quotation mark
            "\"Stay here\"",                       // straight quotes too
            "‘Never again’ says the harbourmaster", // single quotes too
            "— Where are you going",               // a dialogue dash
            "- Nowhere in particular",             // a typed dialogue dash
            "It rained all night.",                // a sentence
            "He said “it rained all night.”",      // a sentence inside quotes
            "And then the wall gave way…",         // trails off like a sentence
            "Dear residents,",                     // a salutation
            "These are the reasons:",              // introduces what follows
            "This first line runs on for far too many words to be the headline of anything at all here",
        ] {
            let doc = clean(crate::ingest::txt::parse(&format!("{first}\n\n{BODY}")));
            assert_eq!(doc.title, None, "{first}");
            assert_eq!(doc.blocks.len(), 2, "{first}");
        }
    }

    #[test]
    fn a_newswire_credit_leaves_the_dateline() {
        assert_eq!(
            drop_wire_credit("ROTTERDAM, Netherlands--(BUSINESS WIRE)--Northwind Energy today"),
            "ROTTERDAM, Netherlands, Northwind Energy today"
        );
        assert_eq!(
            drop_wire_credit("AUSTIN, Texas, March 3, 2025 /PRNewswire/ -- Acme"),
            "AUSTIN, Texas, March 3, 2025, Acme"
        );
    }

    #[test]
    fn shop_buttons_notebook_prompts_and_bracketed_links_are_debris() {
        for line in [
            "[ Back to top ]",
            "Check prices on Booking.com",
            "$599.99 at Amazon",
            "View on Amazon",
            "In [1]:",
            "Out[3]:",
            "Written by Priya Updated over a week ago",
            "Sponsored by Legacy Sympathy",
            "Sponsored: Shop faucets at HomeDepot",
            "Follow BBC Shropshire on Facebook, X and Instagram. Send your story ideas to us.",
            "Table of Contents",
            "Did this answer your question?",
        ] {
            assert!(is_debris(line), "{line}");
        }
        for line in [
            "Check the price before you buy, since it changes weekly.",
            "In 1990 the boiler was condemned.",
            "Follow the river on foot for an hour and you reach the old mill at the ford.",
        ] {
            assert!(!is_debris(line), "{line}");
        }
    }

    #[test]
    fn short_dialogue_lines_are_not_a_title() {
        for text in [
            "\"Today?\"\n\n\"No.\"\n\n\"Then when?\"",
            "Today?\n\nNo.\n\nThen when?",
            "Where are you going tonight?\n\nOut.\n\nOut where, at this hour of the night?",
            "The tide comes in\n\nThe tide goes out\n\nAnd so do we",
        ] {
            let doc = clean(crate::ingest::txt::parse(text));
            assert_eq!(doc.title, None, "{text}");
            assert_eq!(doc.blocks.len(), 3, "{text}");
        }
    }

    #[test]
    fn a_markdown_section_heading_is_not_promoted() {
        let doc = clean(crate::ingest::markdown::parse(
            &format!("## Introduction\n\n{BODY}"),
            &Default::default(),
        ));
        assert_eq!(doc.title, None);
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading);
    }

    #[test]
    fn drops_debris_line_glued_to_headline_and_rejoins_wrapped_lines() {
        let doc = clean(crate::ingest::txt::parse(
            "Show image\nA headline here\n\nOne line\nwrapped, and a hyphen-\nated word.\nPhoto: AP\n\nNext.",
        ));
        assert_eq!(doc.title.as_deref(), Some("A headline here"));
        assert_eq!(
            doc.blocks[0].text,
            "One line wrapped, and a hyphenated word."
        );
        assert_eq!(doc.blocks[1].text, "Next.");
    }

    #[test]
    fn keeps_hyphen_before_capital_or_digit() {
        let doc = clean(crate::ingest::txt::parse(
            "Anglo-\nSaxon and pre-\n1990 text.",
        ));
        assert_eq!(doc.blocks[0].text, "Anglo-Saxon and pre-1990 text.");
    }

    #[test]
    fn joins_words_split_by_hyphenation_at_a_line_break() {
        for (lines, joined) in [
            ("a nega-\ntive result", "a negative result"),
            ("hyphen-\nated words", "hyphenated words"),
            ("for ex-\nample, this", "for example, this"),
            ("a so-\ncial club", "a social club"),
            ("they re-\ncover fast", "they recover fast"),
            ("the pre-\nvious owner", "the previous owner"),
            ("it was self-\nish of him", "it was selfish of him"),
            ("the well-\nness centre", "the wellness centre"),
            ("a short-\nage of staff", "a shortage of staff"),
            ("walked far-\nther than us", "walked farther than us"),
            ("a low-\nered price", "a lowered price"),
            ("the semi-\nnar ran late", "the seminar ran late"),
            ("a non-\nprofit group", "a nonprofit group"),
            ("an un-\nlike pair", "an unlike pair"),
            ("he was mis-\nled again", "he was misled again"),
            ("they travel-\nled north", "they travelled north"),
            ("four-\nteen boats", "fourteen boats"),
            ("a high-\nness of tone", "a highness of tone"),
        ] {
            assert_eq!(join_lines(lines), joined, "{lines:?}");
        }
    }

    #[test]
    fn keeps_the_hyphen_of_a_compound_broken_at_a_line_break() {
        for (lines, joined) in [
            ("a well-\nknown fact", "a well-known fact"),
            ("low self-\nesteem today", "low self-esteem today"),
            ("a half-\nhearted try", "a half-hearted try"),
            ("a long-\nterm plan", "a long-term plan"),
            ("a cross-\nborder route", "a cross-border route"),
            ("an ill-\nadvised move", "an ill-advised move"),
            ("twenty-\nfive boats", "twenty-five boats"),
            ("two-\nthirds of it", "two-thirds of it"),
            ("the so-\ncalled cure", "the so-called cure"),
            ("her ex-\nhusband came", "her ex-husband came"),
            ("a state-\nowned bank", "a state-owned bank"),
            ("a tax-\nfree sum", "a tax-free sum"),
            ("anti-\ninflammatory pills", "anti-inflammatory pills"),
            ("they co-\noperate well", "they co-operate well"),
            ("to re-\nenter the race", "to re-enter the race"),
            ("up-to-\ndate maps", "up-to-date maps"),
            ("a mother-\nin-law visit", "a mother-in-law visit"),
            ("a 40-\nyear-old man", "a 40-year-old man"),
            ("an e-\nmail box", "an e-mail box"),
            ("mid-\nMarch rain", "mid-March rain"),
            ("Well-\nknown, too", "Well-known, too"),
        ] {
            assert_eq!(join_lines(lines), joined, "{lines:?}");
        }
    }

    #[test]
    fn keeps_a_suspended_hyphen_and_the_space_after_it() {
        for (lines, joined) in [
            ("pre-\nand post-war", "pre- and post-war"),
            ("first-\nor second-class", "first- or second-class"),
            ("10-\nto 15-year-olds", "10- to 15-year-olds"),
        ] {
            assert_eq!(join_lines(lines), joined, "{lines:?}");
        }
    }

    #[test]
    fn joins_dashes_and_soft_hyphens_as_the_text_means_them() {
        for (lines, joined) in [
            ("he left -\nquickly", "he left - quickly"),
            ("he left --\nquickly", "he left -- quickly"),
            ("the end-\n(not yet)", "the end- (not yet)"),
            ("an incred\u{AD}\nible day", "an incredible day"),
            ("a nega\u{2010}\ntive result", "a negative result"),
        ] {
            assert_eq!(join_lines(lines), joined, "{lines:?}");
        }
    }

    #[test]
    fn does_not_promote_a_sentence() {
        let doc = clean(crate::ingest::txt::parse("It rained.\n\nThen it stopped."));
        assert!(doc.title.is_none());
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn makes_punctuation_consistent_and_repairs_decoding_slips() {
        for (raw, want) in [
            (
                "``Stay,'' he said -- quietly. . .",
                "“Stay,” he said — quietly…",
            ),
            ("Heading¶", "Heading"),
            ("\u{93}Quoted\u{94} \u{96} done\u{85}", "“Quoted” – done…"),
            ("It\u{e2}\u{20ac}\u{2122}s a caf\u{c3}\u{a9}", "It’s a café"),
            (
                "Ãœber is not repaired without a marker",
                "Ãœber is not repaired without a marker",
            ),
            (
                "Plain ASCII -- no spaces--kept",
                "Plain ASCII — no spaces--kept",
            ),
        ] {
            assert_eq!(normalize_chars(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(normalize_chars("a\u{0}b\u{7}c\u{7F}d"), "a b c d");
    }

    #[test]
    fn strips_zero_width_and_soft_hyphens() {
        assert_eq!(
            normalize_chars("in\u{00AD}cred\u{200B}ible\u{00A0} day"),
            "incredible day"
        );
    }
}
