//! Chapters of an article's audio: one per heading, from the narration plan and where each
//! chunk landed.

use super::encode::Chapter;
use crate::narration::Narration;

/// The chapters of `narration`, whose chunk `i` (0-based) starts at `starts_ms[i]` in audio
/// `duration_ms` long.
///
/// The first chapter starts at 0 and is named after the article (`title`, else
/// `fallback_title`): the title and the text before the first heading. Each heading starts a
/// chapter where its first word is heard; a chapter ends where the next starts, the last at
/// the end of the audio. An article without headings is one chapter. A heading at the very
/// start replaces the first chapter's name instead of making an empty chapter.
pub fn chapters(
    narration: &Narration,
    starts_ms: &[u64],
    duration_ms: u64,
    fallback_title: &str,
) -> Vec<Chapter> {
    let mut out: Vec<Chapter> = vec![Chapter {
        title: narration
            .title
            .clone()
            .unwrap_or_else(|| fallback_title.to_string()),
        start_ms: 0,
        end_ms: duration_ms,
        chunk: 1,
    }];
    let mut seen_paragraph = None;
    for (i, chunk) in narration.chunks.iter().enumerate() {
        if seen_paragraph == Some(chunk.paragraph) {
            continue;
        }
        seen_paragraph = Some(chunk.paragraph);
        let Some(p) = chunk
            .paragraph
            .checked_sub(1)
            .and_then(|n| narration.paragraphs.get(n))
        else {
            continue;
        };
        if !p.heading {
            continue;
        }
        let start_ms = starts_ms.get(i).copied().unwrap_or(0);
        let title = p.text.trim().to_string();
        if i == 0 {
            // No title spoken before it: the heading names the first chapter.
            out[0].title = title;
            continue;
        }
        out.push(Chapter {
            title,
            start_ms,
            end_ms: duration_ms,
            chunk: chunk.index,
        });
    }
    for n in 1..out.len() {
        out[n - 1].end_ms = out[n].start_ms;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Block, BlockKind, Document};
    use crate::narration::{plan, PlanOptions};

    fn block(kind: BlockKind, text: &str) -> Block {
        Block {
            kind,
            text: text.into(),
        }
    }

    #[test]
    fn one_chapter_per_heading_starting_at_its_first_word() {
        let doc = Document {
            title: Some("The Harbour".into()),
            blocks: vec![
                block(BlockKind::Paragraph, "An opening. Two sentences."),
                block(BlockKind::Heading, "The Storm"),
                block(BlockKind::Paragraph, "It rained."),
                block(BlockKind::Heading, "After"),
                block(BlockKind::Paragraph, "It cleared."),
            ],
            ..Document::default()
        };
        let n = plan(&doc, &PlanOptions::default());
        // Chunks: title, two sentences, heading, sentence, heading, sentence.
        let starts: Vec<u64> = (0..n.chunks.len() as u64).map(|i| i * 1000).collect();
        let c = chapters(&n, &starts, 9000, "x");
        let got: Vec<(&str, u64, u64, usize)> = c
            .iter()
            .map(|c| (c.title.as_str(), c.start_ms, c.end_ms, c.chunk))
            .collect();
        assert_eq!(
            got,
            [
                ("The Harbour", 0, 3000, 1),
                ("The Storm", 3000, 5000, 4),
                ("After", 5000, 9000, 6)
            ]
        );
    }

    #[test]
    fn without_headings_the_article_is_one_chapter() {
        let doc = Document {
            title: None,
            blocks: vec![block(BlockKind::Paragraph, "Only this.")],
            ..Document::default()
        };
        let n = plan(&doc, &PlanOptions::default());
        let c = chapters(&n, &[0], 1500, "only");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].title.as_str(), c[0].end_ms), ("only", 1500));
    }
}
