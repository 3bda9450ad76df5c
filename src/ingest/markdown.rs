//! Markdown through `pulldown-cmark`: headings, paragraphs, list items (task list items by
//! their text) and quotes are read; emphasis and link markup are dropped (link text kept);
//! images are skipped, since a listener cannot use them. Raw HTML is read as an HTML page's
//! text is: a block of it (`<p>…</p>`, `<div class="tip">…</div>`) by aloud's walk of a
//! page, inline tags by their text, `<br>` as a line break and `<sup>`/`<sub>` as on a page
//! ("10<sup>6</sup>" "10^6", a note marker after punctuation not read); what a `<script>`,
//! `<style>`, `<noscript>` or `<template>` holds is not read. Tables and code blocks
//! are read as an HTML article's are ([`readout`]): tables row by row, long ones announced by
//! their size; short code after "Code:", long code announced. Footnote markers are dropped and
//! the notes left out, or read after the article with `--footnotes`. Front matter (`---` YAML
//! or `+++` TOML at the top) is not read; its `title` is the document's title.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::readout;
use super::{collapse_whitespace, Block, BlockKind, Document};

/// How to read Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Read the footnotes after the article (they are left out by default).
    pub footnotes: bool,
}

/// The Markdown extensions read: GitHub's tables, footnotes and task lists, which articles
/// written for GitHub, static site generators and note apps use.
const EXTENSIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_TASKLISTS);

/// Parses Markdown. The front matter's `title` is the title, else the first level-1 heading
/// (when it comes before any other block). A first level-1 heading that repeats the front
/// matter's title is not read twice; one that differs stays as a heading.
pub fn parse(text: &str, opts: &MarkdownOptions) -> Document {
    let (title, body) = split_front_matter(text);
    let mut doc = Document {
        title,
        ..Default::default()
    };
    let mut buf = String::new();
    let mut kind = BlockKind::Paragraph;
    let mut heading_level = 0u8;
    let mut image_depth = 0usize;
    let mut alt = String::new();
    let mut quote_depth = 0usize;
    let mut item_depth = 0usize;
    let mut ordered: Vec<Option<u64>> = Vec::new();
    // The text of the code block being read.
    let mut code: Option<String> = None;
    // The rows of the table being read: (a header row?, its cells).
    let mut table: Option<Vec<(bool, Vec<String>)>> = None;
    // Where the blocks of the footnote being read start in `doc.blocks`.
    let mut note_start: Option<usize> = None;
    let mut notes: Vec<Block> = Vec::new();
    // The raw HTML block being read.
    let mut html_block: Option<String> = None;
    // The raw <sup> (true) or <sub> being read, and its text so far.
    let mut script: Option<(bool, String)> = None;
    // Inside raw <script>, <style>, <noscript> or <template> in a paragraph: not read.
    let mut unread = 0usize;

    let flush = |buf: &mut String, kind: BlockKind, level: u8, doc: &mut Document| {
        let text = buf
            .lines()
            .map(collapse_whitespace)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        buf.clear();
        if text.is_empty() {
            return;
        }
        let leading_h1 = kind == BlockKind::Heading && level == 1 && doc.blocks.is_empty();
        match &doc.title {
            None if leading_h1 => doc.title = Some(text),
            Some(t) if leading_h1 && t.to_lowercase() == text.to_lowercase() => {}
            _ => doc.blocks.push(Block { kind, text }),
        }
    };

    for event in Parser::new_ext(body, EXTENSIONS) {
        // A <sup> or <sub> left open ends with its block; its text is kept as written.
        if matches!(
            event,
            Event::End(
                TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::BlockQuote(_)
            )
        ) {
            if let Some((_, text)) = script.take() {
                buf.push_str(&text);
            }
            unread = 0;
        }
        match event {
            Event::Start(Tag::Image { .. }) => {
                image_depth += 1;
                alt.clear();
            }
            // An image inside a sentence ("or see ![the diagram](d.png).") is read by its alt
            // text, or the sentence is left unfinished ("or see ."; found by a tester); one
            // opening its paragraph or standing alone (a figure, a badge) is skipped.
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
                let before = buf.trim_end();
                if image_depth == 0
                    && !before.is_empty()
                    && !before.ends_with(['.', '!', '?', ':'])
                    && !alt.trim().is_empty()
                {
                    buf.push_str(alt.trim());
                }
            }
            Event::Text(t) if image_depth > 0 => alt.push_str(&t),
            _ if image_depth > 0 => {}
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                code = Some(String::new());
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(code) = code.take() {
                    readout::code_blocks(&code, false, &mut doc.blocks);
                }
            }
            Event::Text(t) if code.is_some() => {
                if let Some(code) = code.as_mut() {
                    code.push_str(&t);
                }
            }
            Event::Start(Tag::Table(_)) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                table = Some(Vec::new());
            }
            Event::Start(tag @ (Tag::TableHead | Tag::TableRow)) => {
                if let Some(rows) = table.as_mut() {
                    rows.push((matches!(tag, Tag::TableHead), Vec::new()));
                }
            }
            Event::End(TagEnd::TableCell) => {
                let cell = collapse_whitespace(&buf);
                buf.clear();
                if let Some((_, row)) = table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(cell);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(rows) = table.take() {
                    readout::table_blocks(rows, false, &mut doc.blocks);
                }
            }
            Event::Start(Tag::FootnoteDefinition(_)) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                note_start = Some(doc.blocks.len());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                kind = BlockKind::Paragraph;
                if let Some(start) = note_start.take() {
                    // A note is one item, numbered as a rendered page numbers its notes.
                    let text = doc
                        .blocks
                        .drain(start.min(doc.blocks.len())..)
                        .map(|b| b.text)
                        .collect::<Vec<_>>()
                        .join(" ");
                    if !text.is_empty() {
                        notes.push(Block {
                            kind: BlockKind::ListItem,
                            text: format!("{}. {text}", notes.len() + 1),
                        });
                    }
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                kind = BlockKind::Heading;
                heading_level = level as u8;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                ordered.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                ordered.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                item_depth += 1;
                kind = BlockKind::ListItem;
                if let Some(Some(n)) = ordered.last_mut() {
                    // Numbered steps are read with their number, as a narrator would.
                    buf.push_str(&format!("{n}. "));
                    *n += 1;
                }
            }
            Event::End(TagEnd::Item) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                item_depth = item_depth.saturating_sub(1);
            }
            // Inside a list item, paragraphs continue the item.
            Event::Start(Tag::Paragraph) if item_depth == 0 => {
                flush(&mut buf, kind, heading_level, &mut doc);
                kind = if quote_depth > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                if item_depth == 0 {
                    flush(&mut buf, kind, heading_level, &mut doc);
                    kind = BlockKind::Paragraph;
                    heading_level = 0;
                } else {
                    buf.push(' ');
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                flush(&mut buf, kind, heading_level, &mut doc);
                html_block = Some(String::new());
            }
            Event::Html(t) => {
                if let Some(h) = html_block.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(h) = html_block.take() {
                    doc.blocks.extend(crate::ingest::html::fragment_blocks(&h));
                }
            }
            Event::InlineHtml(tag) => match inline_tag(&tag) {
                Some(("script" | "style" | "noscript" | "template", opens)) => {
                    unread = if opens {
                        unread + 1
                    } else {
                        unread.saturating_sub(1)
                    };
                }
                Some(("br", true)) => buf.push('\n'),
                Some((name @ ("sup" | "sub"), true)) => {
                    script = Some((name == "sup", String::new()));
                }
                Some(("sup" | "sub", false)) => {
                    if let Some((sup, text)) = script.take() {
                        let before = buf.chars().last();
                        if let Some(read) = crate::ingest::html::script_in_text(&text, sup, before)
                        {
                            buf.push_str(&read);
                        }
                    }
                }
                // Other tags are markup: their text comes as text.
                _ => {}
            },
            Event::Text(_) | Event::Code(_) if unread > 0 => {}
            Event::Text(t) | Event::Code(t) if script.is_some() => {
                if let Some((_, text)) = script.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            // A line break stays a line break, so cleaning joins the lines as it does for
            // plain text: "well-⏎known" keeps its hyphen, "nega-⏎tive" is joined.
            Event::SoftBreak | Event::HardBreak => buf.push('\n'),
            // Footnote markers ("this year.[^1]") and task list boxes ("- [x]") are not read.
            _ => {}
        }
    }
    flush(&mut buf, kind, heading_level, &mut doc);
    if opts.footnotes {
        readout::append_notes(&mut doc.blocks, notes);
    }
    doc
}

/// The lower-cased name of an inline HTML tag and whether it opens (`<sup>`, `<br/>`: true)
/// or closes (`</sup>`: false); `None` for comments and anything else.
fn inline_tag(tag: &str) -> Option<(&'static str, bool)> {
    let t = tag.trim();
    let inner = t.strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "br", "sup", "sub", "script", "style", "noscript", "template",
    ]
    .into_iter()
    .find(|n| *n == name)
    .map(|n| (n, !closing))
}

/// Splits off front matter: a `---` (YAML) or `+++` (TOML) block at the very top, as
/// `pulldown-cmark` finds it, whose first line is a `key: value` or `key = value` pair. Returns
/// its title and the Markdown after it. Comment lines (`#`) before that pair are allowed. Metadata blocks are not looked for further down, where
/// `---` lines are thematic breaks and setext underlines.
fn split_front_matter(text: &str) -> (Option<String>, &str) {
    let head = text.trim_start();
    if !head.starts_with("---") && !head.starts_with("+++") {
        return (None, text);
    }
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut events = Parser::new_ext(text, options).into_offset_iter();
    let Some((Event::Start(Tag::MetadataBlock(kind)), range)) = events.next() else {
        return (None, text);
    };
    let mut content = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) => content.push_str(&t),
            _ => break,
        }
    }
    let first = content
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let looks_like_metadata = match kind {
        MetadataBlockKind::YamlStyle => yaml_key(first).is_some(),
        MetadataBlockKind::PlusesStyle => toml_key(first).is_some(),
    };
    if !looks_like_metadata {
        return (None, text);
    }
    let title = match kind {
        MetadataBlockKind::YamlStyle => yaml_title(&content),
        MetadataBlockKind::PlusesStyle => toml_title(&content),
    };
    let title = title
        .map(|t| collapse_whitespace(&t))
        .filter(|t| !t.is_empty());
    (title, &text[range.end..])
}

/// The key and the rest of a top-level YAML `key: value` line.
fn yaml_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    (simple && (value.is_empty() || value.starts_with(' '))).then_some((key, value.trim()))
}

/// The key and the rest of a TOML `key = value` line.
fn toml_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    simple.then_some((key, value.trim()))
}

/// The top-level `title:` of YAML front matter: plain, 'single-' or "double-quoted", or a
/// block (`>`, `|`) or plain scalar continued on indented lines. Only this one key is read,
/// so a YAML library is not worth its weight.
fn yaml_title(content: &str) -> Option<String> {
    let mut lines = content.lines();
    let value = lines
        .find_map(|l| yaml_key(l).filter(|(k, _)| *k == "title"))?
        .1;
    if let Some(rest) = value.strip_prefix('"') {
        return Some(unescape_basic(rest));
    }
    if let Some(rest) = value.strip_prefix('\'') {
        return Some(unquote_single(rest));
    }
    let is_block_indicator = value.starts_with(['>', '|'])
        && value[1..]
            .chars()
            .all(|c| matches!(c, '-' | '+') || c.is_ascii_digit());
    let plain = if is_block_indicator {
        ""
    } else {
        value.split(" #").next().unwrap_or("")
    };
    let continued = lines
        .take_while(|l| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .map(str::trim);
    Some(
        std::iter::once(plain)
            .chain(continued)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A YAML single-quoted scalar from after its opening quote: `''` is a quote, `'` ends it.
fn unquote_single(rest: &str) -> String {
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            out.push(c);
        } else if chars.next_if_eq(&'\'').is_some() {
            out.push('\'');
        } else {
            break;
        }
    }
    out
}

/// The top-level `title = "…"` (or `'…'`) of TOML front matter, before any `[table]`.
fn toml_title(content: &str) -> Option<String> {
    let value = content
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(|l| toml_key(l).filter(|(k, _)| *k == "title"))?
        .1;
    if let Some(rest) = value.strip_prefix('"') {
        Some(unescape_basic(rest))
    } else {
        value
            .strip_prefix('\'')
            .map(|rest| rest.split('\'').next().unwrap_or("").to_string())
    }
}

/// A double-quoted string (YAML or TOML basic) from after its opening quote to its closing
/// quote, with backslash escapes undone.
fn unescape_basic(rest: &str) -> String {
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some('n' | 't') => out.push(' '),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(ch);
                    }
                }
                Some(other) => out.push(other),
                None => break,
            },
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Document {
        parse(text, &MarkdownOptions::default())
    }

    fn texts(d: &Document) -> Vec<(BlockKind, &str)> {
        d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn raw_scripts_and_styles_are_not_read() {
        let d = read(
            "Tides rise <script>var x = \"SCRIPT\";</script> twice a day.\n\n\
             - the ferry <style>.b{color:red}</style> leaves\n\n\
             <script>\nalert(\"BLOCK\");\n</script>\n\nLast words <noscript>Enable \
             JavaScript</noscript>here.\n",
        );
        assert_eq!(
            texts(&d),
            [
                (BlockKind::Paragraph, "Tides rise twice a day."),
                (BlockKind::ListItem, "the ferry leaves"),
                (BlockKind::Paragraph, "Last words here."),
            ]
        );
    }

    #[test]
    fn an_unclosed_raw_sup_loses_no_text() {
        let d = read("The area is 5 m<sup>2 and rising.\n\nNext paragraph.\n");
        assert_eq!(
            texts(&d),
            [
                (BlockKind::Paragraph, "The area is 5 m2 and rising."),
                (BlockKind::Paragraph, "Next paragraph."),
            ]
        );
    }

    #[test]
    fn raw_html_is_read_as_a_page_would_be() {
        let d = read(
            "# Boiling\n\nWater boils at 100 °C at sea level.<sup>4,5</sup> The pan is 20 \
             cm<sup>2</sup>, the flame 10<sup>3</sup> W and CO<sub>2</sub> rises. It is \
             <em>really</em> <span class=\"x\">hot</span>.<br>Take care.\n\n\
             <p>A paragraph written in HTML.</p>\n\n\
             <div class=\"tip\"><h3>Tip</h3><ul><li>Lid on</li><li>Low heat</li></ul></div>\n\n\
             <!-- an editor's note -->\n\nLast words.\n",
        );
        assert_eq!(
            texts(&d),
            [
                (
                    BlockKind::Paragraph,
                    "Water boils at 100 °C at sea level. The pan is 20 cm², the flame 10^3 W \
                     and CO₂ rises. It is really hot.\nTake care."
                ),
                (BlockKind::Paragraph, "A paragraph written in HTML."),
                (BlockKind::Heading, "Tip"),
                (BlockKind::ListItem, "Lid on"),
                (BlockKind::ListItem, "Low heat"),
                (BlockKind::Paragraph, "Last words."),
            ]
        );
    }

    #[test]
    fn reads_title_headings_lists_and_quotes_and_skips_images() {
        let d = read(
            "# The Title\n\nSome *emphasis* and a [link](https://x.y/z).\n\n![alt text](a.png)\n\n## Part two\n\n- first\n- second\n\n1. mix\n2. bake\n\n> quoted words\n",
        );
        assert_eq!(d.title.as_deref(), Some("The Title"));
        assert_eq!(
            texts(&d),
            [
                (BlockKind::Paragraph, "Some emphasis and a link."),
                (BlockKind::Heading, "Part two"),
                (BlockKind::ListItem, "first"),
                (BlockKind::ListItem, "second"),
                (BlockKind::ListItem, "1. mix"),
                (BlockKind::ListItem, "2. bake"),
                (BlockKind::Quote, "quoted words"),
            ]
        );
    }

    #[test]
    fn an_image_inside_a_sentence_is_read_by_its_alt_text() {
        let d = read(
            "For details, see ![the diagram](d.png). Then go on.\n\n![Figure 1](map.png)\n\n![logo](l.png) Welcome home.\n\nSteps: ![one](1.png)\n",
        );
        assert_eq!(
            texts(&d),
            [
                (
                    BlockKind::Paragraph,
                    "For details, see the diagram. Then go on."
                ),
                (BlockKind::Paragraph, "Welcome home."),
                (BlockKind::Paragraph, "Steps:"),
            ]
        );
    }

    const BODY: &str = "The wall was finished in 1998.\n\nIt is failing now.\n";

    #[test]
    fn front_matter_is_not_read_and_its_title_is_the_title() {
        for (front, title) in [
            (
                "---\ntitle: My Post\ndate: 2024-05-01\ntags: [harbour, council]\n---",
                Some("My Post"),
            ),
            (
                "---\ntitle: \"Why \\\"seawalls\\\" fail\"\n---",
                Some("Why \"seawalls\" fail"),
            ),
            ("---\ntitle: 'It''s the tide'\n---", Some("It's the tide")),
            (
                "---\ntitle: The Tide Tables: A Short History # draft\n---",
                Some("The Tide Tables: A Short History"),
            ),
            (
                "---\ntitle: >-\n  A folded\n  long title\nauthor: D. W.\n---",
                Some("A folded long title"),
            ),
            (
                "---\n# a comment\nlayout: post\ntitle: After a comment\n...",
                Some("After a comment"),
            ),
            ("---\ndate: 2024-05-01\ntags:\n  - harbour\n---", None),
            (
                "+++\ntitle = \"Tide Tables\"\ndate = 2024-05-01\n+++",
                Some("Tide Tables"),
            ),
            ("+++\ntitle='C:\\tides'\n+++", Some("C:\\tides")),
            (
                "+++\ndraft = true\n[extra]\ntitle = \"Not the title\"\n+++",
                None,
            ),
        ] {
            let d = read(&format!("{front}\n\n{BODY}"));
            assert_eq!(d.title.as_deref(), title, "{front}");
            assert_eq!(
                texts(&d),
                [
                    (BlockKind::Paragraph, "The wall was finished in 1998."),
                    (BlockKind::Paragraph, "It is failing now."),
                ],
                "{front}"
            );
        }
    }

    #[test]
    fn a_first_h1_repeating_the_front_matter_title_is_not_read_twice() {
        let front = "---\ntitle: Harbour Wall\n---\n\n";
        let d = read(&format!("{front}# Harbour wall\n\n{BODY}"));
        assert_eq!(d.title.as_deref(), Some("Harbour Wall"));
        assert_eq!(texts(&d).len(), 2);

        let d = read(&format!("{front}# Part one\n\n{BODY}"));
        assert_eq!(d.title.as_deref(), Some("Harbour Wall"));
        assert_eq!(texts(&d)[0], (BlockKind::Heading, "Part one"));

        let d = read(&format!(
            "---\ndate: 2024-05-01\n---\n# Harbour wall\n\n{BODY}"
        ));
        assert_eq!(d.title.as_deref(), Some("Harbour wall"));
        assert_eq!(texts(&d).len(), 2);
    }

    #[test]
    fn dashes_that_are_not_front_matter_are_read_as_markdown() {
        // A thematic break then a setext heading, not metadata: the line is not `key: value`.
        let d = read(&format!("---\nJust a line\n---\n\n{BODY}"));
        assert_eq!(d.title, None);
        assert_eq!(texts(&d)[0], (BlockKind::Heading, "Just a line"));
        // Further down, `---` lines are never metadata.
        let d = read("# Title\n\nIntro.\n\n---\nkey: words\n---\n\nEnd.\n");
        assert_eq!(
            texts(&d),
            [
                (BlockKind::Paragraph, "Intro."),
                (BlockKind::Heading, "key: words"),
                (BlockKind::Paragraph, "End."),
            ]
        );
    }

    #[test]
    fn broken_front_matter_gives_no_or_a_partial_title() {
        for (front, title) in [
            ("---\ntitle:\n---", None),
            ("---\ntitle: |\n---", None),
            ("---\ntitle: \"unterminated\n---", Some("unterminated")),
            ("---\ntitle: 'unterminated\n---", Some("unterminated")),
            ("---\ntitle: \"ends in \\\n---", Some("ends in")),
            ("+++\ntitle = \"bad \\u12\"\n+++", Some("bad")),
            ("+++\ntitle = 42\n+++", None),
            ("---\ntitle: ''\n---", None),
        ] {
            let d = read(&format!("{front}\n\n{BODY}"));
            assert_eq!(d.title.as_deref(), title, "{front}");
            assert_eq!(d.blocks.len(), 2, "{front}");
        }
    }

    #[test]
    fn loose_list_items_stay_one_block() {
        let d = read("- one\n\n  still one\n- two\n");
        assert_eq!(
            texts(&d),
            [
                (BlockKind::ListItem, "one still one"),
                (BlockKind::ListItem, "two")
            ]
        );
    }

    const GARDEN_TABLE: &str = "Spring jobs:\n\n| Crop | Sown | Harvest |\n|------|:----:|--------:|\n| Beans | *April* | [July](https://x.y/july) |\n| Kale | `May` | |\n\nThen rest.\n";

    #[test]
    fn a_table_is_read_row_by_row_with_its_header_row() {
        assert_eq!(
            texts(&read(GARDEN_TABLE)),
            [
                (BlockKind::Paragraph, "Spring jobs:"),
                (BlockKind::ListItem, "Crop, Sown, Harvest."),
                (BlockKind::ListItem, "Beans, April, July."),
                (BlockKind::ListItem, "Kale, May."),
                (BlockKind::Paragraph, "Then rest."),
            ]
        );
    }

    #[test]
    fn a_table_reads_as_the_same_table_in_an_html_article_does() {
        let page = "<html><head><title>Garden</title></head><body><article><h1>Garden</h1>\
            <p>Spring jobs:</p><table><thead><tr><th>Crop</th><th>Sown</th><th>Harvest</th>\
            </tr></thead><tbody><tr><td>Beans</td><td><em>April</em></td><td><a \
            href=\"https://x.y/july\">July</a></td></tr><tr><td>Kale</td><td><code>May</code>\
            </td><td></td></tr></tbody></table><p>Then rest.</p></article></body></html>";
        let html = crate::ingest::html::parse(
            page,
            &crate::ingest::html::HtmlOptions {
                extractor: Some(crate::ingest::html::Strategy::Page),
                ..Default::default()
            },
        );
        assert_eq!(read(GARDEN_TABLE).blocks, html.blocks);
    }

    #[test]
    fn a_long_table_is_announced_by_its_size_and_a_very_long_one_is_omitted() {
        let table = |rows: usize| -> String {
            let body: String = (1..=rows).map(|i| format!("| Bed {i} | dug |\n")).collect();
            format!("Beds:\n\n| Bed | State |\n|---|---|\n{body}\nEnd.\n")
        };
        // The header row is read but not counted, as an HTML table's is not.
        let d = read(&table(readout::LONG_TABLE_ROWS));
        assert_eq!(d.blocks.len(), readout::LONG_TABLE_ROWS + 3);
        assert_eq!(d.blocks[1].text, "Bed, State.");
        let d = read(&table(48));
        assert_eq!(texts(&d)[1], (BlockKind::Paragraph, "A table of 48 rows."));
        assert_eq!(d.blocks[2].text, "Bed, State.");
        assert_eq!(d.blocks.len(), 48 + 4);
        let d = read(&table(readout::MAX_TABLE_ROWS + 1));
        assert_eq!(
            texts(&d),
            [
                (BlockKind::Paragraph, "Beds:"),
                (BlockKind::Paragraph, readout::TABLE_ANNOUNCEMENT),
                (BlockKind::Paragraph, "End."),
            ]
        );
    }

    #[test]
    fn fenced_and_indented_code_is_read_after_code_and_long_code_is_announced() {
        let d = read(
            "Run git pull then:\n\n```sh\ngit pull\n\ncargo build --release\n```\n\nOr the old way:\n\n    make\n    make install\n\nDone.\n",
        );
        assert_eq!(
            texts(&d),
            [
                (BlockKind::Paragraph, "Run git pull then:"),
                (BlockKind::Paragraph, "Code:"),
                (BlockKind::Paragraph, "git pull"),
                (BlockKind::Paragraph, "cargo build --release"),
                (BlockKind::Paragraph, "Or the old way:"),
                (BlockKind::Paragraph, "Code:"),
                (BlockKind::Paragraph, "make"),
                (BlockKind::Paragraph, "make install"),
                (BlockKind::Paragraph, "Done."),
            ]
        );
        let lines: String = (0..=readout::MAX_CODE_LINES)
            .map(|i| format!("step {i}\n"))
            .collect();
        let d = read(&format!("The script:\n\n```\n{lines}```\n\nDone.\n"));
        assert_eq!(
            texts(&d),
            [
                (BlockKind::Paragraph, "The script:"),
                (BlockKind::Paragraph, readout::CODE_ANNOUNCEMENT),
                (BlockKind::Paragraph, "Done."),
            ]
        );
        // Empty code says nothing.
        assert_eq!(texts(&read("Before.\n\n```\n```\n\nAfter.\n")).len(), 2);
    }

    #[test]
    fn code_in_a_list_item_ends_the_item_and_is_read_after_it() {
        let d = read("- Clone it:\n\n  ```\n  git clone x\n  ```\n- Build it\n");
        assert_eq!(
            texts(&d),
            [
                (BlockKind::ListItem, "Clone it:"),
                (BlockKind::Paragraph, "Code:"),
                (BlockKind::Paragraph, "git clone x"),
                (BlockKind::ListItem, "Build it"),
            ]
        );
    }

    const NOTES: &str = "The harbour froze this year.[^1] The council met.[^long]\n\n[^1]: It snowed for a week.\n\n[^long]: First part.\n\n    Second part.\n\nLast words.\n";

    #[test]
    fn footnote_markers_are_dropped_and_notes_left_out_by_default() {
        assert_eq!(
            texts(&read(NOTES)),
            [
                (
                    BlockKind::Paragraph,
                    "The harbour froze this year. The council met."
                ),
                (BlockKind::Paragraph, "Last words."),
            ]
        );
    }

    #[test]
    fn footnotes_are_read_after_the_article_when_asked() {
        let d = parse(NOTES, &MarkdownOptions { footnotes: true });
        assert_eq!(
            texts(&d),
            [
                (
                    BlockKind::Paragraph,
                    "The harbour froze this year. The council met."
                ),
                (BlockKind::Paragraph, "Last words."),
                (BlockKind::Heading, readout::FOOTNOTES_HEADING),
                (BlockKind::ListItem, "1. It snowed for a week."),
                (BlockKind::ListItem, "2. First part. Second part."),
            ]
        );
        // No notes, no heading.
        let d = parse("Just text.\n", &MarkdownOptions { footnotes: true });
        assert_eq!(texts(&d), [(BlockKind::Paragraph, "Just text.")]);
    }

    #[test]
    fn task_list_items_are_read_by_their_text() {
        let d = read("- [x] Order seeds\n- [ ] Dig the beds\n\n1. [ ] Water\n");
        assert_eq!(
            texts(&d),
            [
                (BlockKind::ListItem, "Order seeds"),
                (BlockKind::ListItem, "Dig the beds"),
                (BlockKind::ListItem, "1. Water"),
            ]
        );
    }
}
