//! Markup that extractors flatten into wrong words, rewritten before any strategy runs.
//!
//! `rs-trafilatura` and Readability keep the text of `<sup>`/`<sub>` and drop the tags, so a
//! footnote marker glues to its word and merges two sentences ("century.1 By the…", read "dot
//! one"), a power loses its meaning (`10<sup>6</sup>` → "106"), and so does a unit
//! (`m<sup>2</sup>` → "m2"). They also keep a video's caption paragraph. Each rule here turns
//! one such pattern into what the speech stage reads right: markers and back-links removed,
//! `10^6`, `m²`, `H₂O`, captions beside a video removed.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// `<sup>` holding only a linked note number or symbol, a link to a place in the page holding
/// only such a `<sup>` (`work<a href="#cite3"><sup>3</sup></a>`), a link marked
/// `doc-noteref`, or Substack's marker, a plain link classed `footnote-anchor` (`crop.<a
/// class="footnote-anchor" href="#footnote-1">1</a>`, read "crop dot one"; found by a fresh
/// tester).
static LINKED_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<sup\b[^>]*>\s*<a\b[^>]*>\s*\[?\s*[0-9a-z*†‡§]{1,4}\s*\]?\s*</a>\s*</sup>|<a\b[^>]*href\s*=\s*["']?#[^>]*>\s*<sup\b[^>]*>\s*\[?\s*[0-9a-z*†‡§]{1,4}\s*\]?\s*</sup>\s*</a>|<a\b[^>]*role\s*=\s*["']?doc-noteref[^>]*>.*?</a>|<a\b[^>]*class\s*=\s*["'][^"']*\bfootnote-anchor\b[^"']*["'][^>]*>\s*\d{1,3}\s*</a>"#,
    )
    .expect("valid regex")
});

/// `<sup>` with a bare number, or a list or range of them ("5,6", "2–4"), right after sentence
/// punctuation: a marker without a link.
static PUNCT_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)([.,;:!?)”"’])\s*<sup\b[^>]*>\s*\[?\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]?\s*</sup>"#,
    )
    .expect("valid regex")
});

/// A back-link from a footnote to its marker (`↩`), or one marked `doc-backlink`.
static BACK_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<a\b[^>]*>\s*(?:↩\x{fe0e}?\x{fe0f}?|⤴)\s*</a>|<a\b[^>]*role\s*=\s*["']?doc-backlink[^>]*>.*?</a>"#)
        .expect("valid regex")
});

/// A superscript number (a power) after a digit.
static POWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)(\d)\s*<sup\b[^>]*>\s*([−-]?\d{1,3})\s*</sup>"#).expect("valid regex")
});

/// A superscript or subscript number after a letter (`m²`, `H₂O`).
static SCRIPT_AFTER_LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)(\p{L})<(sup|sub)\b[^>]*>\s*([−-]?\d{1,2})\s*</(?:sup|sub)>"#)
        .expect("valid regex")
});

/// An ordinal suffix raised after a number (`1<sup>st</sup>`): written out as `1st`.
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)(\d)\s*<sup\b[^>]*>\s*(st|nd|rd|th|er|e|re|o|a)\s*</sup>"#)
        .expect("valid regex")
});

/// A trademark mark (`<sup>TM</sup>`, `<sup>®</sup>`): not read.
static TRADEMARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<sup\b[^>]*>\s*(?:tm|sm|®|™)\s*</sup>"#).expect("valid regex")
});

/// A one-letter exponent after a one-letter base (`x<sup>n</sup>`): written `x^n`.
static LETTER_POWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)(\b[a-zA-Z])<sup\b[^>]*>\s*([a-z])\s*</sup>"#).expect("valid regex")
});

/// A lower-case letter note, or a list of them, raised after a word of two letters or more
/// (`more<sup>a</sup>`, `data<sup>a,b</sup>`): a note marker. The crates keep its text and
/// drop the tag ("morea"; found by a fresh tester).
static LETTER_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)(\p{L}{2})<sup\b[^>]*>\s*[a-z](?:\s*,\s*[a-z])*\s*</sup>"#)
        .expect("valid regex")
});

/// A heading's class attribute (group 3), quoted.
static HEADING_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(<h[1-6]\b[^>]*?\s)class(\s*=\s*)("[^"]*"|'[^']*')"#).expect("valid regex")
});

/// Class words by which rs-trafilatura drops an element as navigation or boilerplate (its
/// `NAVIGATION_CLASS` and `BOILERPLATE_CLASS` patterns) that also name article headings: on
/// Docusaurus every h2 and h3 is `<h2 class="anchor anchorWithStickyNavbar_LWe7">`, and all
/// were lost (found by a fresh tester; the dev set's Docusaurus page read 0.96 → 1.00). Whole
/// words only: a store's "ContentSystem-shared-styles__Header" headings are product cards.
static DROPPED_HEADING_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)navbar|navigation|(?:^|[-_\s"'])(?:share|sharing|social|related|caption|credit|timestamp)(?:$|[-_\s"'])"#)
        .expect("valid regex")
});

/// A drop cap drawn for the eye and hidden from screen readers, right before the same letter
/// written for them: `<span aria-hidden="true">T</span><span class="sr-only">T</span>he`.
/// Extractors keep both ("TThe"; found by a fresh tester). Groups: the drawn letter, the
/// written letter's element, its letter.
static DROP_CAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<span\b[^>]*aria-hidden\s*=\s*["']?true["']?[^>]*>\s*(\p{L})\s*</span>\s*(<span\b[^>]*>\s*(\p{L})\s*</span>)"#,
    )
    .expect("valid regex")
});

/// A MediaWiki section heading's edit link, `<span class="mw-editsection"><span
/// class="mw-editsection-bracket">[</span><a …>edit</a><span …>]</span></span>`: read "Early
/// life edit" or "[edit]" after every heading (found by a fresh tester).
static EDIT_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<span\b[^>]*class\s*=\s*["']mw-editsection["'][^>]*>.*?\]\s*</span>\s*</span>"#,
    )
    .expect("valid regex")
});

/// A MediaWiki reference's back-links to its markers (`<span class="mw-cite-backlink">^ <a
/// …><sup>a</sup></a> <a …><sup>b</sup></a></span>`, read "^ a b"; the spans inside it are
/// one level deep): made the footnote back-link the walk knows, so the references are
/// footnotes, read only with `--footnotes`.
static CITE_BACKLINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<span\b[^>]*class\s*=\s*["']mw-cite-backlink["'][^>]*>(?:[^<]|<(?:/?(?:a|sup|i|b)\b)[^>]*>|<span\b[^>]*>[^<]*</span>)*</span>"#,
    )
    .expect("valid regex")
});

/// A syntax highlighter's comment token: Prism's `<span class="token comment">`,
/// highlight.js's `hljs-comment`, CodeMirror's `cm-comment`. rs-trafilatura drops any element
/// classed "comment" as a comment section, so a code example lost its comment lines ("// [1,
/// 2, 3, 4]"; found by a fresh tester). The class is moved to `data-token-class`.
static CODE_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)<span(\s[^>]*?)?\sclass(\s*=\s*["'](?:token comment|hljs-comment|cm-comment)["'])"#,
    )
    .expect("valid regex")
});

/// A short run of text the page hides inside a line, an element holding text only, hidden
/// by its `hidden` attribute (or a `hidden` class word, Bootstrap's `display:none`) or an
/// inline `display:none` ("…before the heat came up<span
/// style=\"display:none\"> SECRET</span> over the hills", an e-mail's preheader): rs-trafilatura
/// reads it (found by a fresh tester); the walk leaves hidden elements out already. Up to 300
/// bytes of text: a page that hides its whole article until a script runs hides containers,
/// which stay (see `drop_hidden_lines`).
static HIDDEN_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<(span|div|p|small|em|strong)\b[^>]*?(?:\shidden(?:\s*=\s*["']?[^"'\s>]*["']?)?|\sstyle\s*=\s*["'][^"']*?display\s*:\s*none[^"']*["'])[^>]*>[^<]{0,300}</(?:span|div|p|small|em|strong)\s*>"#,
    )
    .expect("valid regex")
});

/// A short run of text hidden from screen readers (`aria-hidden="true"`) in an element holding
/// text only: an icon's glyph or ligature ("+", "›", "★★★★☆", "expand_more"). A listener
/// hears what a screen reader says; rs-trafilatura read the glyph and glued it on ("Do heat
/// pumps work in cold weather?+", said "…weather plus"; found by a fresh tester). Only text
/// without letters, or any in an element classed as an icon ("material-icons", "fa-…"; a
/// drop cap drawn for the eye is no icon). Up to 40 bytes and no digit: a store's filter
/// counts are hidden so ("Trail-Running Shoes <span aria-hidden>(330)</span>"), and leaving
/// them out moved rs-trafilatura's region off the filters on eight stores of the extraction
/// dev set, whose true texts keep the filters (F1 −0.0004). Groups 1 and 2 are the element's other attributes, 3 its text, 4 the letter right
/// after it, if any.
static SCREEN_READER_HIDDEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<(?:span|i|b|em|strong|small|div)\b([^>]*?)\saria-hidden\s*=\s*["']?true["']?([^>]*)>([^<\d]{0,40})</(?:span|i|b|em|strong|small|div)\s*>(\p{L}?)"#,
    )
    .expect("valid regex")
});

/// A `<details>`' `<summary>` closing right before its answer's text, with no space: the
/// crates glue the two ("Can I keep my radiators?Often, yes", one word to the engine; found
/// by a fresh tester). A space after the end tag changes nothing a browser shows.
static SUMMARY_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(</summary\s*>)([^\s<])").expect("valid regex"));

/// Text an edit struck out (`<del>`, `<s>`, `<strike>`): a listener hears the text as it
/// now stands, so the struck words are not read ("costs <del>£20</del> <ins>£25</ins>" was
/// read "costs £20", the new price lost: rs-trafilatura drops every `<ins>` as an ad slot;
/// found by a fresh tester). Short inline runs only, and only an editor's bare mark: a
/// store's struck price carries a class ("Regular price <s class=\"price\">$579.95</s>"), and
/// its true texts in the dev set keep it.
static STRUCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)<(del|s|strike)(?:\s(?:datetime|cite|title)\s*=\s*[^>]*)?>[^<]{0,300}</(?:del|s|strike)\s*>",
    )
        .expect("valid regex")
});

/// An edit's inserted text (`<ins>` with no class or id, which ad slots carry:
/// `<ins class="adsbygoogle">`): its tags become a `<span>`, so it is read.
static INSERTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<ins(\s(?:datetime|cite|title)\s*=\s*[^>]*)?>(.{0,2000}?)</ins\s*>")
        .expect("valid regex")
});

/// A date or time inside a sentence ("will meet on <time>Monday 3 March</time> at the
/// library"): rs-trafilatura drops every `<time>`, and the sentence lost its date ("will meet
/// on at the library"; found by a fresh tester). Its tags become a `<span>` when a word and a
/// space come right before it and text right after. Not a post's or a byline's date standing
/// alone: unwrapping every `<time>` lowered 40 forum threads of the extraction dev set (their
/// post headers' dates were read into the posts), F1 0.8249 → 0.8237.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)(\p{L},?\s+)<time\b[^>]*>([^<]{1,100})</time\s*>(\s*[\p{L}\d,.;:])")
        .expect("valid regex")
});

/// A date or time that is a fact box's value, the whole of a `<dd>` or a table cell
/// ("<dt>Date</dt><dd><time>Sat 18 Jul 2026</time></dd>"): an event's date, which
/// rs-trafilatura dropped with every `<time>` ("Date", then "Time"; found by a fresh tester).
/// A post's or a byline's date stands in no such cell.
/// Two dates joined by a dash are one value too ("<dd><time>Sat 18 Jul</time> –
/// <time>Sun 19 Jul</time></dd>").
static TIME_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)(<(?:dd|td)\b[^>]*>\s*)<time\b[^>]*>([^<]{1,100})</time\s*>(?:(\s*(?:[\u{2013}\u{2014}-]|to)\s*)<time\b[^>]*>([^<]{1,100})</time\s*>)?(\s*</(?:dd|td)\s*>)",
    )
    .expect("valid regex")
});

/// A recipe card's header class ("recipe-header", "tasty-recipes-entry-header",
/// "wprm-recipe-header"): the card's title, its prep and cook times and its yield, or a section's
/// name ("Ingredients"), which rs-trafilatura left out as a site's header (found by a fresh
/// tester on a Tasty Recipes card). The class word is renamed `titlebox`.
static RECIPE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(\sclass\s*=\s*["'][^"'>]{0,200}?recipes?-[\w-]{0,40}?)header"#)
        .expect("valid regex")
});

/// MathML with its text form (`<math alttext="k">…</math>`, as LaTeXML and ar5iv write every
/// formula): the text form, which the speech stage reads ("at most k keys"); rs-trafilatura
/// and the walk dropped the formula whole ("at most keys per query"; found by a fresh tester).
static MATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<math\b[^>]*?\balttext\s*=\s*"([^"]{1,300})"[^>]*>.*?</math\s*>"#)
        .expect("valid regex")
});

/// A formula's LaTeX text form as a listener can hear it: commands without their backslash,
/// braces and spacing commands gone ("\mathcal{O}(n\log n)" → "O(n log n)").
fn math_text(latex: &str) -> String {
    let mut out = String::with_capacity(latex.len());
    let mut chars = latex.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let name: String =
                    std::iter::from_fn(|| chars.next_if(|c| c.is_ascii_alphabetic())).collect();
                match name.as_str() {
                    // "\," "\;" "\!": spacing.
                    "" => {
                        if chars
                            .next_if(|c| matches!(c, ',' | ';' | ':' | '!' | ' '))
                            .is_some()
                        {
                            out.push(' ');
                        }
                    }
                    "mathcal" | "mathbf" | "mathrm" | "mathit" | "mathbb" | "text" | "left"
                    | "right" | "displaystyle" | "operatorname" => {}
                    other => {
                        out.push(' ');
                        out.push_str(other);
                        out.push(' ');
                    }
                }
            }
            // An entity in the attribute ("&lt;") is kept for the parser to decode.
            '{' | '}' | '$' => {}
            c => out.push(c),
        }
    }
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    text.replace('"', "").replace('<', "&lt;")
}

/// A paragraph of only emphasis right after a video or embed: its caption.
static MEDIA_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)(</video>|</iframe>|</figure>|<video\b[^>]*/>)\s*<p\b[^>]*>\s*<(em|i)\b[^>]*>[^<]{0,300}</(?:em|i)>\s*</p>"#,
    )
    .expect("valid regex")
});

/// A post embedded from X/Twitter or Bluesky as its platform's `<blockquote>`: the post's text
/// in a `<p>`, then "— Name (@handle)" and a link on its date. Read as written it said "pic
/// dot twitter dot com slash Xy12AbCd" and ", Harbour Council (at HarbourCouncil) March third,
/// twenty twenty-four".
static EMBEDDED_POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<blockquote\b[^>]*class\s*=\s*["'][^"']*\b(?:twitter-tweet|bluesky-embed)\b[^"']*["'][^>]*>(.*?)</blockquote>"#,
    )
    .expect("valid regex")
});

/// The post's text in an [`EMBEDDED_POST`].
static POST_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<p\b[^>]*>(.*?)</p>").expect("valid regex"));

/// The author after the post: "— Name (@handle)" (`&mdash;` or the character).
static POST_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)</p>\s*(?:&mdash;|&#8212;|—|-)\s*([^<(]{1,80}?)\s*(?:\(|<|$)")
        .expect("valid regex")
});

/// A link in a post to its picture or a shortened address (`pic.twitter.com/…`,
/// `https://t.co/…`): not read.
static POST_MEDIA_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<a\b[^>]*>\s*(?:pic\.twitter\.com|https?://t\.co)/[^<]*</a>")
        .expect("valid regex")
});

/// An [`EMBEDDED_POST`] as a quotation a listener can follow: "Name posted: text", without
/// its picture links, handle and date.
fn embedded_post(inner: &str) -> String {
    let Some(text) = POST_TEXT.captures(inner).map(|c| c[1].to_string()) else {
        return String::new();
    };
    let text = POST_MEDIA_LINK.replace_all(&text, "");
    let author = POST_AUTHOR
        .captures(inner)
        .map(|c| c[1].trim().to_string())
        .filter(|a| !a.is_empty());
    match author {
        Some(a) => format!("<blockquote><p>{a} posted: {text}</p></blockquote>"),
        None => format!("<blockquote><p>{text}</p></blockquote>"),
    }
}

/// The end of a list item, paragraph, heading or cell right before the next tag: in a browser
/// the two show apart, but rs-trafilatura joins their text and glues the words ("Certificate
/// in Managerial AccountingCertified Internal Auditor"). A space after the end tag changes
/// nothing a browser shows (whitespace between blocks is not rendered). Not after `</div>` or
/// `</section>`: measured on the 806 pages of the extraction dev set, spaces there change
/// which region rs-trafilatura picks on five pages (three lower, a store's grid read as its
/// filter list); with these tags 7 pages read better and one product page 0.02 lower.
static BLOCK_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(</(?:li|p|h[1-6]|td|th|dt|dd)\s*>)(<[a-z])").expect("valid regex")
});

/// A lower-case letter closing an inline element and a capital opening the next with no space
/// between: shop tiles put a brand and a product name in two spans that their CSS shows on two
/// lines (`<span>La Sportiva</span><span>Aragon Shoes</span>`), read as one word
/// ("SportivaAragon"). A word never changes case there, so a space is put between. Measured on
/// the extraction dev set: 18 pages read better (store grids, a film chart), none worse. The
/// same for a letter before a number and a sentence's end before a capital: a label and its
/// value ("Prep Time</span><span>15 mins", "Viewed</span><span>48k times"), a question and
/// the next line ("Tried this recipe?</span><span>Mention"; found by a fresh tester), and a
/// label before a price ("Cost</span><span>$50–$200" was read "Cost$50"; found by a fresh
/// tester).
static INLINE_GLUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\p{Ll}|[.?!:])((?:</(?:span|a|strong|b|em|i|small|font|label)\s*>)+)((?:<(?:span|a|strong|b|em|i|small|font|label|div|p|h[1-6])\b[^>]*>)+)(\p{Lu}|\d|\p{Sc})",
    )
    .expect("valid regex")
});

/// A `<noscript>` element and what it holds. A parser that runs scripts (as a browser does,
/// and as ours is set up) reads its content as plain text, not markup.
static NOSCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<noscript\b[^>]*>(.*?)</noscript\s*>").expect("valid regex")
});

/// Letters a `<noscript>` must show, outside tags, to be the page's content: Discourse and
/// Flarum put a whole thread there for readers without JavaScript, beside an app shell that
/// shows nothing until its scripts run; a tracking pixel or an "enable JavaScript" notice
/// holds a line at most.
const NOSCRIPT_CONTENT_CHARS: usize = 500;

/// The content of a [`NOSCRIPT`] match when it is the page's content (see
/// [`NOSCRIPT_CONTENT_CHARS`]), unwrapped so it is read as markup; else the element as it was.
fn noscript(c: &Captures) -> String {
    let inner = &c[1];
    let shown: usize = TAG
        .replace_all(inner, " ")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .count();
    if shown >= NOSCRIPT_CONTENT_CHARS {
        inner.to_string()
    } else {
        c[0].to_string()
    }
}

/// A tag, for counting the text between tags.
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("valid regex"));

/// A `<button>` that is all of a heading's text: an accordion's question (Bootstrap's
/// `<h2 class="accordion-header"><button>Do you ship abroad?</button></h2>`). Buttons are
/// not read, and the extractors drop them, so the listener heard the answers without their
/// questions (found by a fresh tester); such a button is rewritten as a `<span>`.
/// The button may carry an icon before or after its text (`<span aria-hidden="true">+</span>`,
/// an `<svg>` chevron), left out.
static HEADING_BUTTON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)(<h[1-6]\b[^>]*>\s*)<button\b[^>]*>\s*(?:(?:<(?:span|i)\b[^>]*>[^<]{0,3}</(?:span|i)>|<svg\b.{0,3000}?</svg>)\s*)*([^<]{1,300}?)\s*(?:(?:<(?:span|i)\b[^>]*>[^<]{0,3}</(?:span|i)>|<svg\b.{0,3000}?</svg>)\s*)*</button>(\s*</h[1-6]>)"#,
    )
    .expect("valid regex")
});

/// The class the page's schema.org JSON-LD names as the article's part for subscribers
/// (`"hasPart": {"isAccessibleForFree": false, "cssSelector": ".paywall"}`, the markup Google
/// asks of paywalled articles): the element holds the paid text itself. A subscriber's saved
/// page has it, and it was left out as a wall (found by a fresh tester, with only the free
/// paragraphs read and a warning to do what they had already done).
fn paywalled_class(html: &str) -> Option<String> {
    static PART: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\{[^{}]{0,400}\}").expect("valid regex"));
    static NOT_FREE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)"isAccessibleForFree"\s*:\s*"?false"?"#).expect("valid regex")
    });
    static SELECTOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#""cssSelector"\s*:\s*"\.([A-Za-z][\w-]{0,60})""#).expect("valid regex")
    });
    if !html.contains("cssSelector") {
        return None;
    }
    PART.find_iter(html)
        .map(|m| m.as_str())
        .filter(|part| NOT_FREE.is_match(part))
        .find_map(|part| SELECTOR.captures(part).map(|c| c[1].to_string()))
}

/// Fewest figure captions, and fewest words in them, for a page to be a story told in
/// pictures ([`picture_story`]).
const PICTURE_STORY_CAPTIONS: usize = 3;
const PICTURE_STORY_WORDS: usize = 60;

/// True when the page's article (the longest `<article>`, else `<main>`, else the body) is a
/// story told in pictures: [`PICTURE_STORY_CAPTIONS`] figure captions or more, holding
/// [`PICTURE_STORY_WORDS`] words or more and at least half the article's words ("In pictures:
/// the last working watermills", a caption per photograph). Captions are left out of other
/// stories; here they are the story (a fresh tester's gallery read as its intro and "12
/// photos", and was warned about as a page built by JavaScript). On the extraction dev set no
/// page is one (one has 43 captions, 540 words, beside a story three times as long).
pub(super) fn picture_story(page: &scraper::Html) -> bool {
    let root = super::walk::article_root(page);
    let Ok(sel) = scraper::Selector::parse("figcaption") else {
        return false;
    };
    let (count, words) = root.select(&sel).fold((0, 0), |(n, w), c| {
        (n + 1, w + c.text().map(super::count_words).sum::<usize>())
    });
    let all: usize = root.text().map(super::count_words).sum();
    count >= PICTURE_STORY_CAPTIONS && words >= PICTURE_STORY_WORDS && words * 2 >= all
}

/// A figure caption, whole (group 1: its content).
static FIGCAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<figcaption\b[^>]*>(.*?)</figcaption\s*>").expect("valid regex")
});

/// A slide's counter inside its caption ("1/12", "3 of 12"), an element of its own.
static SLIDE_COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<(?:span|div|p|small)\b[^>]*>\s*\d{1,3}\s*(?:/|of)\s*\d{1,3}\s*</(?:span|div|p|small)\s*>")
        .expect("valid regex")
});

/// A class attribute's name, to be moved aside.
static CLASS_ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\sclass(\s*=)").expect("valid regex"));

/// A figure's start or end tag.
static FIGURE_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(/?)figure\b").expect("valid regex"));

/// The page of a [`picture_story`] with its captions made text every strategy reads: each
/// `<figure>` and `<figcaption>` a `<div>`, the classes inside a caption moved aside (a
/// "gallery__caption" class is clutter to the extractors), slide counters left out. Credits
/// ("Photograph: …") are left to the cleaning stage, which drops them as lines of their own.
pub(super) fn captions_as_text(html: &str) -> String {
    let html = FIGCAPTION.replace_all(html, |c: &Captures| {
        let inner = SLIDE_COUNTER.replace_all(&c[1], "");
        format!(
            "<div data-figcaption>{}</div>",
            CLASS_ATTR.replace_all(&inner, " data-class$1")
        )
    });
    FIGURE_TAG
        .replace_all(&html, |c: &Captures| format!("<{}div data-figure", &c[1]))
        .replace("</div data-figure>", "</div>")
}

/// `html` with the rules applied; borrowed unchanged when none matches.
pub fn rewrite(html: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(html);
    if let Some(class) = paywalled_class(html) {
        // The article's paid part, which a subscriber's saved page holds: its class
        // ("paywall") would make it a wall's furniture.
        let marked = Regex::new(&format!(
            r#"(?i)(\sclass\s*=\s*["'](?:[^"']*\s)?){}((?:\s[^"']*)?["'])"#,
            regex::escape(&class)
        ));
        if let Ok(re) = marked {
            out = Cow::Owned(re.replace_all(&out, "${1}paid-part${2}").into_owned());
        }
    }
    let mut apply = |re: &Regex, rep: &dyn Fn(&Captures) -> String| {
        if re.is_match(&out) {
            out = Cow::Owned(re.replace_all(&out, |c: &Captures| rep(c)).into_owned());
        }
    };
    apply(&HIDDEN_RUN, &|_| String::new());
    apply(&STRUCK, &|_| String::new());
    apply(&INSERTED, &|c| format!("<span>{}</span>", &c[2]));
    apply(&TIME, &|c| {
        format!("{}<span>{}</span>{}", &c[1], &c[2], &c[3])
    });
    apply(&RECIPE_HEADER, &|c| format!("{}titlebox", &c[1]));
    apply(&TIME_VALUE, &|c| {
        let second = c.get(4).map_or(String::new(), |end| {
            format!("{}<span>{}</span>", &c[3], end.as_str())
        });
        format!("{}<span>{}</span>{second}{}", &c[1], &c[2], &c[5])
    });
    apply(&MATH, &|c| format!("<span>{}</span>", math_text(&c[1])));
    apply(&LINKED_MARKER, &|_| String::new());
    apply(&PUNCT_MARKER, &|c| c[1].to_string());
    // Kept as an empty marked link, so the walk still knows the list item is a footnote.
    apply(&BACK_LINK, &|_| {
        r#"<a role="doc-backlink"></a>"#.to_string()
    });
    apply(&EDIT_SECTION, &|_| String::new());
    apply(&CITE_BACKLINK, &|_| {
        r#"<a role="doc-backlink"></a>"#.to_string()
    });
    apply(&ORDINAL, &|c| format!("{}{}", &c[1], &c[2]));
    apply(&TRADEMARK, &|_| String::new());
    apply(&POWER, &|c| format!("{}^{}", &c[1], c[2].replace('−', "-")));
    apply(&LETTER_POWER, &|c| format!("{}^{}", &c[1], &c[2]));
    apply(&LETTER_MARKER, &|c| c[1].to_string());
    apply(&SCRIPT_AFTER_LETTER, &|c| {
        let sup = c[2].eq_ignore_ascii_case("sup");
        let digits = super::walk::script_chars(&c[3], sup).unwrap_or_else(|| c[3].to_string());
        format!("{}{}", &c[1], digits)
    });
    apply(&MEDIA_CAPTION, &|c| c[1].to_string());
    apply(&CODE_COMMENT, &|c| {
        format!(
            "<span{} data-token-class{}",
            c.get(1).map_or("", |m| m.as_str()),
            &c[2]
        )
    });
    apply(&DROP_CAP, &|c| {
        if c[1] == c[3] {
            c[2].to_string()
        } else {
            c[0].to_string()
        }
    });
    // A heading is never furniture by its class: such a class is moved aside.
    apply(&HEADING_CLASS, &|c| {
        let attr = if DROPPED_HEADING_CLASS.is_match(&c[3]) {
            "data-heading-class"
        } else {
            "class"
        };
        format!("{}{attr}{}{}", &c[1], &c[2], &c[3])
    });
    apply(&SCREEN_READER_HIDDEN, &|c| {
        // Words are left unless the element is an icon by its class: a page that hides "not"
        // from screen readers by mistake ("The drug is <span aria-hidden>not</span> safe")
        // must not lose it (found by a fresh tester).
        let attributes = format!("{}{}", &c[1], &c[2]).to_ascii_lowercase();
        let icon = attributes.contains("icon")
            || attributes.contains("material-symbols")
            || attributes.contains(" fa-")
            || attributes.contains("\"fa-")
            || attributes.contains("glyph");
        let no_letters = !c[3].chars().any(char::is_alphabetic);
        if no_letters || icon {
            c[4].to_string()
        } else {
            c[0].to_string()
        }
    });
    apply(&SUMMARY_END, &|c| format!("{} {}", &c[1], &c[2]));
    apply(&HEADING_BUTTON, &|c| {
        format!("{}<span>{}</span>{}", &c[1], &c[2], &c[3])
    });
    apply(&EMBEDDED_POST, &|c| embedded_post(&c[1]));
    apply(&NOSCRIPT, &noscript);
    apply(&BLOCK_END, &|c| format!("{} {}", &c[1], &c[2]));
    apply(&INLINE_GLUE, &|c| {
        format!("{}{} {}{}", &c[1], &c[2], &c[3], &c[4])
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_highlighted_codes_comment_token_is_not_classed_as_a_comment_section() {
        assert_eq!(
            rewrite(r#"<code><span class="token comment">// [1, 2]</span></code>"#),
            r#"<code><span data-token-class="token comment">// [1, 2]</span></code>"#
        );
        assert_eq!(
            rewrite(r#"<span id="c" class='hljs-comment'># note</span>"#),
            r#"<span id="c" data-token-class='hljs-comment'># note</span>"#
        );
        let section = r#"<div class="comment-list"><span class="comment">Nice!</span></div>"#;
        assert_eq!(rewrite(section), section);
    }

    #[test]
    fn a_label_and_its_value_or_two_sentences_in_spans_side_by_side_get_a_space() {
        for (glued, spaced) in [
            (
                "<span>Prep Time</span><span>15 mins</span>",
                "<span>Prep Time</span> <span>15 mins</span>",
            ),
            (
                "<b>Tried this recipe?</b><span>Mention us</span>",
                "<b>Tried this recipe?</b> <span>Mention us</span>",
            ),
            (
                "<span>La Sportiva</span><span>Aragon</span>",
                "<span>La Sportiva</span> <span>Aragon</span>",
            ),
            (
                "<span>Cost</span><span>$50–$200</span>",
                "<span>Cost</span> <span>$50–$200</span>",
            ),
        ] {
            assert_eq!(rewrite(glued), spaced);
        }
        // Within a word or a number nothing changes.
        for kept in [
            "<span>1</span><span>,000</span>",
            "<b>$</b><b>36</b>",
            "<i>x</i><i>y</i>",
        ] {
            assert_eq!(rewrite(kept), kept);
        }
    }

    #[test]
    fn rewrites_each_kind() {
        for (html, want) in [
            (
                r##"the century.<sup><a href="#fn1">1</a></sup> By the"##,
                "the century. By the",
            ),
            (
                r##"settled.<sup id="r2"><a href="#fn2">[2]</a></sup>"##,
                "settled.",
            ),
            ("was high,<sup>3</sup> and", "was high, and"),
            (
                r##"earlier work<a href="#cite3"><sup>3</sup></a> showing"##,
                "earlier work showing",
            ),
            ("help too.<sup>5,6</sup> Parks", "help too. Parks"),
            (
                r#"<h2 class="accordion-header"><button type="button" aria-expanded="false">Do you ship?</button></h2>"#,
                r#"<h2 class="accordion-header"><span>Do you ship?</span></h2>"#,
            ),
            (
                r#"<h3><button class="faq__trigger">Can I switch?<span aria-hidden="true">+</span></button></h3>"#,
                "<h3><span>Can I switch?</span></h3>",
            ),
            ("as shown.<sup>[2–4]</sup>", "as shown."),
            (
                r##"a note. <a href="#r1" class="footnote-back">↩︎</a>"##,
                r#"a note. <a role="doc-backlink"></a>"#,
            ),
            ("holds 10<sup>6</sup> litres", "holds 10^6 litres"),
            (
                "costs <del>£20</del> <ins>£25</ins> at <s>7pm</s> 8pm",
                "costs  <span>£25</span> at  8pm",
            ),
            (
                r#"meet on <time datetime="2025-03-03">Monday 3 March</time> at noon"#,
                "meet on <span>Monday 3 March</span> at noon",
            ),
            (
                r#"<span class="date"><time datetime="2025-03-03">3 March</time></span>"#,
                r#"<span class="date"><time datetime="2025-03-03">3 March</time></span>"#,
            ),
            (
                r#"was <s class="price">$20</s> <ins class="adsbygoogle"></ins>"#,
                r#"was <s class="price">$20</s> <ins class="adsbygoogle"></ins>"#,
            ),
            (
                r#"at most <math alttext="\mathcal{O}(n\log n)&lt;k"><mi>k</mi></math> keys"#,
                "at most <span>O(n log n)&lt;k</span> keys",
            ),
            ("10<sup>-3</sup> m", "10^-3 m"),
            ("400 m<sup>2</sup> of", "400 m² of"),
            ("E = mc<sup>2</sup>", "E = mc²"),
            ("H<sub>2</sub>O and CO<sub>2</sub>", "H₂O and CO₂"),
            (
                "she came 1<sup>st</sup> and 2<sup>nd</sup>",
                "she came 1st and 2nd",
            ),
            (
                "Widget<sup>TM</sup> and Gadget<sup>®</sup>",
                "Widget and Gadget",
            ),
            ("grows as x<sup>n</sup> for", "grows as x^n for"),
            ("and more<sup>a</sup> of it", "and more of it"),
            ("the data<sup>a, b</sup> show", "the data show"),
            (
                "<video src=x></video>\n<p><em>Clip: the wall.</em></p><p>Body.</p>",
                "<video src=x></video><p>Body.</p>",
            ),
            (
                r#"<blockquote class="twitter-tweet"><p lang="en">Vote tonight! <a href="https://t.co/a">pic.twitter.com/Xy12</a></p>&mdash; Harbour Council (@HarbourCouncil) <a href="https://x.com/s/1">March 3, 2024</a></blockquote>"#,
                "<blockquote><p>Harbour Council posted: Vote tonight! </p></blockquote>",
            ),
            (
                r#"<blockquote class="bluesky-embed" data-x="1"><p lang="en">Storm due.</p>— Met Desk (<a href="/p">@met.bsky.social</a>) <a href="/d">3 May</a></blockquote>"#,
                "<blockquote><p>Met Desk posted: Storm due.</p></blockquote>",
            ),
            (
                r#"<a href="/p"><span class="brand">Trail Co</span><span class="name">Ridge Boots</span></a>"#,
                r#"<a href="/p"><span class="brand">Trail Co</span> <span class="name">Ridge Boots</span></a>"#,
            ),
            (
                r#"<li><a href="/a">Certificate in Accounting</a></li><li><a href="/b">Tax Law</a></li>"#,
                r#"<li><a href="/a">Certificate in Accounting</a></li> <li><a href="/b">Tax Law</a></li>"#,
            ),
        ] {
            assert_eq!(rewrite(html), want, "{html}");
        }
    }

    #[test]
    fn a_thread_kept_for_readers_without_javascript_is_read_as_markup() {
        let posts = "<div class=\"post\"><p>The ferry runs on Sundays from nine, and the last \
                     boat back leaves at six; check the board at the pier for storms.</p></div>"
            .repeat(8);
        let html = format!(
            "<div id=\"app\"></div><noscript data-path=\"/t/1\">{posts}</noscript>\
             <noscript><img src=\"/pixel.gif\"></noscript>\
             <noscript>Please enable JavaScript to use this site.</noscript>"
        );
        let out = rewrite(&html);
        assert!(
            out.starts_with(&format!("<div id=\"app\"></div>{posts}")),
            "{out}"
        );
        assert!(
            out.contains("<noscript><img src=\"/pixel.gif\"></noscript>"),
            "{out}"
        );
        assert!(
            out.contains("<noscript>Please enable JavaScript to use this site.</noscript>"),
            "{out}"
        );
    }

    #[test]
    fn leaves_ordinary_markup_alone() {
        for html in [
            "<p><em>An emphasised paragraph.</em></p>",
            "<p>Text <a href=\"/x\">link</a>.</p>",
            // A word split across inline elements keeps its case and stays whole; a drop cap
            // follows text, not an end tag.
            "<p><b>Mc</b><b>donald</b> and <span>T</span>he story</p>",
            "<p>One</p>\n<p>Two</p>\n<div>Three</div><div>Four</div>",
        ] {
            assert!(matches!(rewrite(html), Cow::Borrowed(_)), "{html}");
        }
    }
}
