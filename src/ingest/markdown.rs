//! Markdown through `pulldown-cmark`: headings, paragraphs, list items and quotes are read;
//! emphasis and link markup are dropped (link text kept); images, code blocks, tables and raw
//! HTML are skipped, since a listener cannot use them.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{collapse_whitespace, Block, BlockKind, Document};

/// Parses Markdown. The first level-1 heading becomes the title.
pub fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    let mut buf = String::new();
    let mut kind = BlockKind::Paragraph;
    let mut heading_level = 0u8;
    let mut skip_depth = 0usize; // inside an image, code block, table or metadata
    let mut quote_depth = 0usize;
    let mut item_depth = 0usize;
    let mut ordered: Vec<Option<u64>> = Vec::new();

    let flush = |buf: &mut String, kind: BlockKind, level: u8, doc: &mut Document| {
        let text = collapse_whitespace(buf);
        buf.clear();
        if text.is_empty() {
            return;
        }
        if kind == BlockKind::Heading && level == 1 && doc.title.is_none() && doc.blocks.is_empty()
        {
            doc.title = Some(text);
        } else {
            doc.blocks.push(Block { kind, text });
        }
    };

    for event in Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(
                Tag::Image { .. } | Tag::CodeBlock(_) | Tag::Table(_) | Tag::MetadataBlock(_),
            ) => {
                skip_depth += 1;
            }
            Event::End(
                TagEnd::Image | TagEnd::CodeBlock | TagEnd::Table | TagEnd::MetadataBlock(_),
            ) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            _ if skip_depth > 0 => {}
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
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, kind, heading_level, &mut doc);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document) -> Vec<(BlockKind, &str)> {
        d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn reads_title_headings_lists_and_quotes_and_skips_code_and_images() {
        let d = parse(
            "# The Title\n\nSome *emphasis* and a [link](https://x.y/z).\n\n![alt text](a.png)\n\n## Part two\n\n- first\n- second\n\n1. mix\n2. bake\n\n> quoted words\n\n```\ncode here\n```\n",
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
    fn loose_list_items_stay_one_block() {
        let d = parse("- one\n\n  still one\n- two\n");
        assert_eq!(
            texts(&d),
            [
                (BlockKind::ListItem, "one still one"),
                (BlockKind::ListItem, "two")
            ]
        );
    }
}
