//! Plain text: blank lines separate paragraphs.
//!
//! A block keeps its line breaks: the cleaning stage needs them to drop debris lines ("Show
//! image") pasted right above a headline, and then re-joins hard-wrapped lines.

use super::{Block, BlockKind, Document};

/// Parses plain text into paragraphs (lines trimmed, joined with `\n`). The title is left to the cleaning stage, which can tell
/// a headline from copy-paste debris.
pub fn parse(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    text: lines.join("\n"),
                });
                lines.clear();
            }
        } else {
            lines.push(line.trim());
        }
    }
    Document {
        title: None,
        blocks,
        ..Document::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs_and_lines_are_kept() {
        let d = parse("One line\n  wrapped here.\n\n\nSecond\r\npara.\n");
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One line\nwrapped here.", "Second\npara."]);
        assert!(d.title.is_none());
    }
}
