//! Plain text: blank lines separate paragraphs; inside a hard-wrapped block (e-mail, terminal
//! text with no blank lines) short sentence-final lines and indented lines do too.
//!
//! A block keeps its line breaks: the cleaning stage needs them to drop debris lines ("Show
//! image") pasted right above a headline, and then re-joins hard-wrapped lines.

use super::{Block, BlockKind, Document};

/// Fewest lines in a block that can be told to be hard-wrapped.
const WRAP_MIN_LINES: usize = 4;
/// Shortest wrap width (the longest line) that counts: shorter lines are verse or lists.
const WRAP_MIN_WIDTH: usize = 50;
/// A line is full when it is at least this share of the wrap width (within 15%); a line
/// shorter than that was broken on purpose, if the next line's first word would have fitted.
const WRAP_FULL_SHARE: f64 = 0.85;

/// Parses plain text into paragraphs (lines trimmed, joined with `\n`). Blank lines separate
/// paragraphs; a block that looks hard-wrapped is split further (see [`split_wrapped`]). The
/// title is left to the cleaning stage, which can tell a headline from copy-paste debris.
pub fn parse(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                blocks.extend(split_wrapped(&lines).into_iter().map(|para| Block {
                    kind: BlockKind::Paragraph,
                    text: para.join("\n"),
                }));
                lines.clear();
            }
        } else {
            lines.push(line.trim_end());
        }
    }
    Document {
        blocks,
        ..Default::default()
    }
}

/// Splits a blank-line-free block into paragraphs when it looks hard-wrapped: at least
/// [`WRAP_MIN_LINES`] lines, the longest at least [`WRAP_MIN_WIDTH`] characters, and most lines
/// (the last aside) within 15% of the longest. Then a paragraph ends after a line that was
/// broken on purpose (clearly short, and the next line's first word would have fitted) and
/// ends a sentence (`. ? ! …`, also before a closing quote or bracket), or that stands alone
/// as the first line of a paragraph without closing punctuation (a headline or a section
/// heading); and a line indented more than the block's least indented line starts one.
/// Other blocks (verse, short lines) come back whole. Lines come back trimmed.
fn split_wrapped<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let trimmed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let Some(width) = wrap_width(&trimmed) else {
        return vec![trimmed];
    };
    let least_indent = lines.iter().map(|l| indent(l)).min().unwrap_or(0);
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, line) in trimmed.iter().enumerate() {
        if indent(lines[i]) > least_indent && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
        current.push(line);
        let on_purpose = trimmed
            .get(i + 1)
            .is_some_and(|next| broken_on_purpose(line, next, width));
        if on_purpose && (ends_sentence(line) || (current.len() == 1 && stands_alone(line))) {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// The wrap width of a block that looks hard-wrapped (its longest line), else `None`.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let width = lens.iter().copied().max()?;
    if lens.len() < WRAP_MIN_LINES || width < WRAP_MIN_WIDTH {
        return None;
    }
    let inner = &lens[..lens.len() - 1];
    let full = inner.iter().filter(|&&n| is_full(n, width)).count();
    (full * 2 > inner.len()).then_some(width)
}

fn is_full(len: usize, width: usize) -> bool {
    len as f64 >= WRAP_FULL_SHARE * width as f64
}

/// A line ended by its writer, not by the wrapper: clearly short, and the next line's first
/// word would have fitted after it.
fn broken_on_purpose(line: &str, next: &str, width: usize) -> bool {
    let len = line.chars().count();
    let next_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    !is_full(len, width) && len + 1 + next_word <= width
}

/// Ends with `. ? ! …`, possibly followed by closing quotes or brackets.
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']'])
        .ends_with(['.', '?', '!', '…'])
}

/// A line that can be a paragraph on its own without closing punctuation: a headline or a
/// section heading ends with a letter or digit, where a salutation or a clause ends with `,`
/// or `:`.
fn stands_alone(line: &str) -> bool {
    line.chars().last().is_some_and(char::is_alphanumeric)
}

/// Leading whitespace width, a tab counting as four spaces.
fn indent(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document) -> Vec<&str> {
        d.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_lines_are_kept() {
        let d = parse("One line\n  wrapped here.\n\n\nSecond\r\npara.\n");
        assert_eq!(texts(&d), ["One line\nwrapped here.", "Second\npara."]);
        assert!(d.title.is_none());
    }

    /// Written for this test, wrapped greedily at 73 columns.
    const WRAPPED: &str = "\
Harbour wall repairs begin next week
The council confirmed on Tuesday that work on the inner harbour wall will
start on Monday, two weeks later than planned, after the contractor asked
for more time to bring in the stone.
Residents along the quay have been warned to expect noise from seven in
the morning. The harbourmaster said boats would be moved to the outer
moorings for the first month.
  \"We have waited long enough,\" said one fisherman, who asked not to be
named. \"Another two weeks will not hurt anyone.\"
Background
The wall was last rebuilt in the late 1990s, and a survey last spring
found that a third of it had shifted or cracked in the winter storms.";

    #[test]
    fn splits_hard_wrapped_text_into_title_and_paragraphs() {
        let d = parse(WRAPPED);
        let got: Vec<String> = texts(&d).iter().map(|t| t.replace('\n', " ")).collect();
        assert_eq!(
            got,
            [
                "Harbour wall repairs begin next week",
                "The council confirmed on Tuesday that work on the inner harbour wall will start on Monday, two weeks later than planned, after the contractor asked for more time to bring in the stone.",
                "Residents along the quay have been warned to expect noise from seven in the morning. The harbourmaster said boats would be moved to the outer moorings for the first month.",
                "\"We have waited long enough,\" said one fisherman, who asked not to be named. \"Another two weeks will not hurt anyone.\"",
                "Background",
                "The wall was last rebuilt in the late 1990s, and a survey last spring found that a third of it had shifted or cracked in the winter storms.",
            ]
        );
        let doc = crate::text::clean::clean(d);
        assert_eq!(
            doc.title.as_deref(),
            Some("Harbour wall repairs begin next week")
        );
    }

    #[test]
    fn leaves_blocks_that_are_not_hard_wrapped() {
        for block in [
            // verse: short lines, some ending a sentence
            "The tide comes in.\nThe tide goes out.\nThe gulls complain.\nAnd so do we.",
            // a normal wrapped paragraph: no line was broken on purpose
            "The council confirmed on Tuesday that work on the inner harbour wall will\nstart on Monday. Two weeks later than planned, the contractor asked for\nmore time to bring in the stone from the quarry up the valley road.\nIt will arrive soon.",
            // too few lines
            "Harbour wall repairs begin next week\nThe council confirmed on Tuesday that work on the inner harbour wall will\nstart on Monday.",
        ] {
            let d = parse(block);
            assert_eq!(texts(&d), [block], "{block}");
        }
    }

    #[test]
    fn a_sentence_end_the_wrapper_chose_does_not_end_the_paragraph() {
        // "wanted." is short, but "Representatives" would not have fitted after it.
        let block = "The council confirmed on Tuesday that work on the inner harbour wall will\nstart on Monday, two weeks later than the contractor wanted.\nRepresentatives of the quay said they would move the boats before the\nwork begins.";
        assert_eq!(texts(&parse(block)), [block]);
        // With a short word next, the same line was ended on purpose.
        let block = block.replace(
            "Representatives of the quay said they would move the boats",
            "Members of the quay said they would move all of the boats",
        );
        assert_eq!(parse(&block).blocks.len(), 2);
    }

    #[test]
    fn an_indented_line_starts_a_paragraph() {
        let block = "\tThe council confirmed on Tuesday that work on the inner harbour wall\nwill start on Monday, two weeks later than planned, after the contractor\nasked for more time to bring in the stone from the quarry up the valley\n\tResidents along the quay have been warned to expect noise from seven in\nthe morning, and boats will be moved to the outer moorings for a month";
        let d = parse(block);
        assert_eq!(d.blocks.len(), 2);
        assert!(d.blocks[1].text.starts_with("Residents along the quay"));
    }
}
