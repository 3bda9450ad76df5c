//! How the parts of an article that are not prose — data tables, code, footnotes — become
//! blocks, the same for every format that has them (HTML pages, Markdown), so a table or a
//! code example reads alike whatever it was written in.

use super::{collapse_whitespace, Block, BlockKind};

/// What is said in place of a data table: tables do not read aloud, but silence would hide
/// that the article had one.
pub const TABLE_ANNOUNCEMENT: &str = "A table is omitted.";

/// What is said in place of a block of code, for the same reason: "you can write it like
/// this:" followed by silence would leave the listener waiting.
pub const CODE_ANNOUNCEMENT: &str = "A code example is omitted.";

/// What is said before a block of code that is read.
pub const CODE_READ_ANNOUNCEMENT: &str = "Code:";

/// Most lines of code an article reads aloud (after "Code:"); a longer block is announced
/// as omitted. Short blocks are mostly commands (`git init`, `pip install …`) that the
/// sentence before them introduces. On the extraction dev set, reading code blocks of up to
/// 10 lines in articles raised F1 on documentation pages read as articles from 0.809 to 0.816
/// and left the 351 articles at 0.951; reading every block: 0.820, but articles' precision
/// fell (0.936 to 0.932): long listings are not in their true text.
pub const MAX_CODE_LINES: usize = 10;

/// Rows of a data table above which an article's table is first announced with its size ("A
/// table of 48 rows."), so a listener knows what is coming and can skip it: a short table (a
/// price list, a comparison of a few items) is simply read.
pub const LONG_TABLE_ROWS: usize = 15;

/// Longest data table read aloud in an article, in rows; a longer one (a data dump, hours of
/// figures) is announced as omitted. Tables up to this length are read row by row, cells
/// separated by commas: on the 351 articles of the extraction dev set, reading tables of up
/// to 15 rows only scored F1 0.947, up to 100 rows 0.950, up to 200 rows 0.951 and every
/// table 0.951 (their true text keeps the tables: ranking and price articles are their
/// tables; README.md, "HTML extraction").
pub const MAX_TABLE_ROWS: usize = 200;

/// The heading read before the footnotes (with `--footnotes`).
pub const FOOTNOTES_HEADING: &str = "Notes";

/// Adds `text`, whitespace collapsed, as a block of `kind` unless it is blank; clears `text`.
pub(crate) fn push_block(text: &mut String, kind: BlockKind, blocks: &mut Vec<Block>) {
    let t = collapse_whitespace(text);
    text.clear();
    if !t.is_empty() {
        blocks.push(Block { kind, text: t });
    }
}

/// Adds a data table, given row by row as (is it a header row, the text of each cell), as
/// blocks: each row one list item (header rows too, so the listener hears what the columns
/// are), its non-empty cells separated by commas and ended with a full stop. An article's
/// table (`whole` false) of over [`LONG_TABLE_ROWS`] rows of data (header rows not counted) is
/// first announced with that count, and one over [`MAX_TABLE_ROWS`] is replaced by
/// [`TABLE_ANNOUNCEMENT`]; read `whole`, every row is read without announcement.
pub(crate) fn table_blocks<R, C>(rows: R, whole: bool, blocks: &mut Vec<Block>)
where
    R: IntoIterator<Item = (bool, C)>,
    C: IntoIterator<Item = String>,
{
    let mut data_rows = 0;
    let rows: Vec<String> = rows
        .into_iter()
        .filter_map(|(header, cells)| {
            let row = cells
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            data_rows += usize::from(!header && !row.is_empty());
            (!row.is_empty()).then_some(row)
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    if data_rows > MAX_TABLE_ROWS && !whole {
        if blocks.last().map(|b| b.text.as_str()) != Some(TABLE_ANNOUNCEMENT) {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                text: TABLE_ANNOUNCEMENT.to_string(),
            });
        }
        return;
    }
    if data_rows > LONG_TABLE_ROWS && !whole {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: format!("A table of {data_rows} rows."),
        });
    }
    for mut row in rows {
        if !row.ends_with(['.', '!', '?']) {
            row.push('.');
        }
        push_block(&mut row, BlockKind::ListItem, blocks);
    }
}

/// Adds a block of code, its `text` as written (lines apart), as blocks:
/// [`CODE_READ_ANNOUNCEMENT`] then each non-blank line as a paragraph when it has at most
/// [`MAX_CODE_LINES`] lines that are not blank or is read `whole`; otherwise
/// [`CODE_ANNOUNCEMENT`], said once for a run of long blocks. Blank code adds nothing.
pub(crate) fn code_blocks(text: &str, whole: bool, blocks: &mut Vec<Block>) {
    if text.trim().is_empty() {
        return;
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    if whole || lines <= MAX_CODE_LINES {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: CODE_READ_ANNOUNCEMENT.to_string(),
        });
        for line in text.lines() {
            let mut t = line.to_string();
            push_block(&mut t, BlockKind::Paragraph, blocks);
        }
    } else if blocks.last().map(|b| b.text.as_str()) != Some(CODE_ANNOUNCEMENT) {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: CODE_ANNOUNCEMENT.to_string(),
        });
    }
}

/// Adds the footnotes (list items, "1. …") after the article under [`FOOTNOTES_HEADING`];
/// nothing when there are none.
pub(crate) fn append_notes(blocks: &mut Vec<Block>, notes: Vec<Block>) {
    if notes.is_empty() {
        return;
    }
    blocks.push(Block {
        kind: BlockKind::Heading,
        text: FOOTNOTES_HEADING.to_string(),
    });
    blocks.extend(notes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    fn table(rows: usize) -> Vec<(bool, Vec<String>)> {
        (1..=rows)
            .map(|i| {
                (
                    false,
                    vec![format!("Row {i}"), String::new(), "done".to_string()],
                )
            })
            .collect()
    }

    #[test]
    fn a_tables_size_counts_its_rows_of_data_not_its_header() {
        let mut rows = vec![(true, vec!["Name".to_string(), "State".to_string()])];
        rows.extend(table(LONG_TABLE_ROWS));
        let mut blocks = Vec::new();
        table_blocks(rows.clone(), false, &mut blocks);
        assert_eq!(
            blocks[0].text, "Name, State.",
            "15 rows under a header: read, not announced"
        );
        rows.extend(table(1));
        let mut blocks = Vec::new();
        table_blocks(rows, false, &mut blocks);
        assert_eq!(texts(&blocks)[..2], ["A table of 16 rows.", "Name, State."]);
    }

    #[test]
    fn a_table_is_read_row_by_row_and_announced_by_its_size_when_long() {
        for (rows, whole, first, len) in [
            (2, false, "Row 1, done.", 2),
            (LONG_TABLE_ROWS, false, "Row 1, done.", LONG_TABLE_ROWS),
            (16, false, "A table of 16 rows.", 17),
            (MAX_TABLE_ROWS + 1, false, TABLE_ANNOUNCEMENT, 1),
            (MAX_TABLE_ROWS + 1, true, "Row 1, done.", MAX_TABLE_ROWS + 1),
        ] {
            let mut blocks = Vec::new();
            table_blocks(table(rows), whole, &mut blocks);
            assert_eq!(blocks.len(), len, "{rows} rows");
            assert_eq!(blocks[0].text, first, "{rows} rows");
        }
    }

    #[test]
    fn short_code_is_read_after_code_and_long_code_is_announced_once() {
        let mut blocks = Vec::new();
        code_blocks("git pull\n\n  cargo  build\n", false, &mut blocks);
        assert_eq!(texts(&blocks), ["Code:", "git pull", "cargo build"]);

        let long: String = (0..=MAX_CODE_LINES)
            .map(|i| format!("step {i}\n"))
            .collect();
        let mut blocks = Vec::new();
        code_blocks(&long, false, &mut blocks);
        code_blocks(&long, false, &mut blocks);
        code_blocks(" \n", false, &mut blocks);
        assert_eq!(texts(&blocks), [CODE_ANNOUNCEMENT]);
    }
}
