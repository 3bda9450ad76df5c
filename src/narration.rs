//! The narration plan: what will be said, in which chunks, with which pauses.
//!
//! This is the single hand-off between "what to say" (ingest, text) and "how it sounds"
//! (engine, audio, export). Serialised as-is by `aloud script --json`, a stable contract:
//! `{"title", "paragraphs": [{"text", "sentences"}], "chunks": [{"index", "paragraph",
//! "text", "spoken", "pause_after_ms"}]}`, plus `"extraction": {"strategy", "words_read",
//! "words_visible", "fragment"}` for HTML inputs.

use serde::{Deserialize, Serialize};

use crate::ingest::html::Extraction;
use crate::ingest::{BlockKind, Document};
use crate::text::{chunk, segment, speech};

/// Extra silence on both sides of a heading, on top of the paragraph pause: a heading starts
/// a new section, and a listener cannot see the white space a reader sees.
pub const HEADING_EXTRA_PAUSE_MS: u32 = 300;

/// How to cut and pace a narration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanOptions {
    /// Longest chunk in characters; longer sentences are split at clauses, then words.
    pub max_chunk_chars: usize,
    /// Silence between chunks of one paragraph, in milliseconds.
    pub sentence_pause_ms: u32,
    /// Silence after a paragraph (and after the title), in milliseconds.
    pub paragraph_pause_ms: u32,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            max_chunk_chars: 300,
            sentence_pause_ms: 350,
            paragraph_pause_ms: 900,
        }
    }
}

/// A paragraph of the article and its sentences, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The cleaned paragraph text.
    pub text: String,
    /// Its sentences in order.
    pub sentences: Vec<String>,
}

/// What the engine speaks at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// 1-based position in the narration; also names `chunks/0001.wav`.
    pub index: usize,
    /// Which paragraph the chunk belongs to: 0 is the title, n ≥ 1 is `paragraphs[n - 1]`.
    pub paragraph: usize,
    /// The chunk as written.
    pub text: String,
    /// Exactly the text sent to the engine.
    pub spoken: String,
    /// Silence after this chunk: the sentence pause inside a paragraph, the paragraph pause
    /// after its last chunk, 0 after the final chunk.
    pub pause_after_ms: u32,
}

/// The whole plan for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narration {
    /// The article's title; spoken first when present.
    pub title: Option<String>,
    /// The article's paragraphs (title excluded).
    pub paragraphs: Vec<Paragraph>,
    /// Chunks in speaking order.
    pub chunks: Vec<Chunk>,
    /// How an HTML page's article was found (strategy, words read and visible, whether only a
    /// fragment was found); absent for text and Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction: Option<Extraction>,
}

impl Narration {
    /// Number of words in the spoken text, for time estimates.
    pub fn spoken_words(&self) -> usize {
        self.chunks
            .iter()
            .map(|c| c.spoken.split_whitespace().count())
            .sum()
    }
}

/// Plans a cleaned document's narration.
///
/// The title, when present, is chunk 1 (paragraph 0), so a listener hears what the article is
/// before it starts. Headings get the paragraph pause plus [`HEADING_EXTRA_PAUSE_MS`] on both
/// sides.
pub fn plan(doc: &Document, opts: &PlanOptions) -> Narration {
    let mut chunks: Vec<Chunk> = Vec::new();
    let push = |paragraph: usize, text: String, chunks: &mut Vec<Chunk>| {
        let spoken = speech::spoken(&text);
        if spoken.chars().any(char::is_alphanumeric) {
            chunks.push(Chunk {
                index: chunks.len() + 1,
                paragraph,
                text,
                spoken,
                pause_after_ms: opts.sentence_pause_ms,
            });
        }
    };
    let end_paragraph = |chunks: &mut Vec<Chunk>, pause_ms: u32| {
        if let Some(last) = chunks.last_mut() {
            last.pause_after_ms = pause_ms;
        }
    };
    let heading_pause_ms = opts.paragraph_pause_ms + HEADING_EXTRA_PAUSE_MS;

    if let Some(title) = &doc.title {
        for piece in chunk::split_sentence(title, opts.max_chunk_chars) {
            push(0, piece, &mut chunks);
        }
        end_paragraph(&mut chunks, opts.paragraph_pause_ms);
    }
    let mut paragraphs = Vec::new();
    for block in &doc.blocks {
        let sentences = if block.kind == BlockKind::Heading {
            vec![block.text.clone()]
        } else {
            segment::sentences(&block.text)
        };
        if sentences.is_empty() {
            continue;
        }
        paragraphs.push(Paragraph {
            text: block.text.clone(),
            sentences: sentences.clone(),
        });
        let number = paragraphs.len();
        let heading = block.kind == BlockKind::Heading;
        if heading {
            end_paragraph(&mut chunks, heading_pause_ms);
        }
        for sentence in &sentences {
            for piece in chunk::split_sentence(sentence, opts.max_chunk_chars) {
                push(number, piece, &mut chunks);
            }
        }
        end_paragraph(
            &mut chunks,
            if heading {
                heading_pause_ms
            } else {
                opts.paragraph_pause_ms
            },
        );
    }
    if let Some(last) = chunks.last_mut() {
        last.pause_after_ms = 0;
    }
    Narration {
        title: doc.title.clone(),
        paragraphs,
        chunks,
        extraction: doc.extraction.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Block;

    fn doc() -> Document {
        Document {
            title: Some("A Title".into()),
            blocks: vec![
                Block {
                    kind: BlockKind::Paragraph,
                    text: "First sentence. Second one.".into(),
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: "Last & final.".into(),
                },
            ],
            ..Document::default()
        }
    }

    #[test]
    fn numbers_chunks_and_sets_pauses_by_position() {
        let n = plan(&doc(), &PlanOptions::default());
        let got: Vec<(usize, usize, &str, u32)> = n
            .chunks
            .iter()
            .map(|c| (c.index, c.paragraph, c.text.as_str(), c.pause_after_ms))
            .collect();
        assert_eq!(
            got,
            [
                (1, 0, "A Title", 900),
                (2, 1, "First sentence.", 350),
                (3, 1, "Second one.", 900),
                (4, 2, "Last & final.", 0),
            ]
        );
        assert_eq!(n.chunks[3].spoken, "Last and final.");
        assert_eq!(n.paragraphs.len(), 2);
        assert_eq!(
            n.paragraphs[0].sentences,
            ["First sentence.", "Second one."]
        );
    }

    #[test]
    fn headings_get_a_longer_pause_on_both_sides() {
        let mut d = doc();
        d.blocks.insert(
            1,
            Block {
                kind: BlockKind::Heading,
                text: "A section".into(),
            },
        );
        let opts = PlanOptions {
            paragraph_pause_ms: 700,
            ..PlanOptions::default()
        };
        let n = plan(&d, &opts);
        let pauses: Vec<(&str, u32)> = n
            .chunks
            .iter()
            .map(|c| (c.text.as_str(), c.pause_after_ms))
            .collect();
        assert_eq!(
            pauses,
            [
                ("A Title", 700),
                ("First sentence.", 350),
                ("Second one.", 1000),
                ("A section", 1000),
                ("Last & final.", 0),
            ]
        );
    }

    #[test]
    fn json_contract_has_the_documented_fields() {
        let n = plan(&doc(), &PlanOptions::default());
        let v = serde_json::to_value(&n).unwrap();
        assert_eq!(v["title"], "A Title");
        assert_eq!(v["paragraphs"][0]["text"], "First sentence. Second one.");
        assert_eq!(v["chunks"][1]["spoken"], "First sentence.");
        let keys: Vec<&str> = v["chunks"][0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), 5);
        for k in ["index", "paragraph", "text", "spoken", "pause_after_ms"] {
            assert!(keys.contains(&k), "missing {k}");
        }
    }
}
