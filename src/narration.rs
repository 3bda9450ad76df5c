//! The narration plan: what will be said, in which chunks, with which pauses.
//!
//! This is the single hand-off between "what to say" (ingest, text) and "how it sounds"
//! (engine, audio, export). Serialised as-is by `aloud script --json`, a stable contract:
//! `{"title", "language", "paragraphs": [{"text", "sentences"}], "chunks": [{"index",
//! "paragraph", "text", "spoken", "pause_after_ms"}]}`, plus `"extraction": {"strategy",
//! "words_read", "words_visible", "fragment"}` for HTML inputs.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ingest::html::Extraction;
use crate::ingest::{BlockKind, Document};
use crate::text::clean::PARALLEL_BLOCKS;
use crate::text::language::{self, Language};
use crate::text::lexicon::Lexicon;
use crate::text::{chunk, segment, speech};

/// Extra silence on both sides of a heading, on top of the paragraph pause: a heading starts
/// a new section, and a listener cannot see the white space a reader sees.
pub const HEADING_EXTRA_PAUSE_MS: u32 = 300;

/// Silence where a sentence too long for one chunk is cut, in milliseconds at
/// [`REFERENCE_RATE_WPM`]: about a comma's pause, so the cut sounds like a phrase boundary and
/// not like the end of a sentence (issue 11 asks for at most 200 ms).
pub const CUT_PAUSE_MS: u32 = 150;

/// The speaking rate at which the pause lengths are given, in words per minute: aloud's
/// default `--rate`. At another rate every pause is scaled by `175 / rate`, so a listener who
/// speeds narration up to 350 wpm hears pauses half as long, as a faster reader would make
/// them.
pub const REFERENCE_RATE_WPM: u32 = 175;

/// A paragraph of at most this many words that is one line of dialogue (it opens with a
/// quotation mark or a dash) is followed by the sentence pause, not the paragraph pause:
/// in an exchange of short lines (`"Today?"` / `"No."`) a 900 ms silence after a 0.3 s line
/// breaks the exchange apart. Ten words covers the short replies and questions of dialogue;
/// a longer line is a speech of its own and keeps the paragraph pause.
pub const SHORT_LINE_WORDS: usize = 10;

/// How to cut and pace a narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// Longest chunk in characters; longer sentences are cut at phrase boundaries.
    pub max_chunk_chars: usize,
    /// Silence between sentences of a paragraph, in milliseconds at [`REFERENCE_RATE_WPM`].
    pub sentence_pause_ms: u32,
    /// Silence after a paragraph (and after the title), in milliseconds at
    /// [`REFERENCE_RATE_WPM`].
    pub paragraph_pause_ms: u32,
    /// The speaking rate in words per minute; the pauses are scaled by
    /// `REFERENCE_RATE_WPM / rate_wpm`.
    pub rate_wpm: u32,
    /// The user's pronunciation lexicon, applied to every chunk's spoken form.
    pub lexicon: Lexicon,
    /// The article's language (`--lang`); `None` detects it from the text
    /// ([`language::detect`]).
    pub language: Option<Language>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            max_chunk_chars: 300,
            sentence_pause_ms: 350,
            paragraph_pause_ms: 900,
            rate_wpm: REFERENCE_RATE_WPM,
            lexicon: Lexicon::default(),
            language: None,
        }
    }
}

impl PlanOptions {
    /// The silence after a chunk that ends with `brk`, in milliseconds, at this plan's rate.
    pub fn pause_ms(&self, brk: Break) -> u32 {
        let at_reference = match brk {
            Break::Cut => CUT_PAUSE_MS,
            Break::Sentence => self.sentence_pause_ms,
            Break::Paragraph => self.paragraph_pause_ms,
            Break::Section => self.paragraph_pause_ms + HEADING_EXTRA_PAUSE_MS,
            Break::End => 0,
        };
        let rate = u64::from(self.rate_wpm.max(1));
        ((u64::from(at_reference) * u64::from(REFERENCE_RATE_WPM) + rate / 2) / rate) as u32
    }
}

/// What follows a chunk, which decides the silence after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Break {
    /// The sentence goes on: it was too long for one chunk and was cut at a phrase boundary.
    Cut,
    /// The next sentence of the paragraph (or the next short line of dialogue).
    Sentence,
    /// The next paragraph.
    Paragraph,
    /// A heading, before or after it.
    Section,
    /// Nothing: the last chunk of the article.
    End,
}

/// A paragraph of the article and its sentences, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The cleaned paragraph text.
    pub text: String,
    /// Its sentences in order.
    pub sentences: Vec<String>,
    /// True when the paragraph is a heading (it starts a chapter); absent when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub heading: bool,
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
    /// Exactly the text sent to the engine. A chunk cut inside a sentence ends with a comma
    /// here (when it ends without punctuation), so the engine gives it the rising,
    /// continuing intonation of a phrase and not the fall of a sentence end.
    pub spoken: String,
    /// What follows the chunk: `cut`, `sentence`, `paragraph`, `section` or `end`.
    #[serde(rename = "break")]
    pub break_after: Break,
    /// Silence after this chunk in milliseconds: [`PlanOptions::pause_ms`] of its break.
    pub pause_after_ms: u32,
}

/// The whole plan for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narration {
    /// The article's title; spoken first when present.
    pub title: Option<String>,
    /// The language the article is read in, as a BCP 47 code (`en`, `fr`, `zh`): `--lang`, or
    /// the main language detected in its cleaned title and blocks. The spoken-form rules of
    /// that language apply (English only so far), and a voice should be chosen for it.
    #[serde(default)]
    pub language: Language,
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

/// Whether a paragraph is one short line of dialogue (see [`SHORT_LINE_WORDS`]).
fn is_short_dialogue_line(kind: BlockKind, sentences: &[String]) -> bool {
    let [line] = sentences else {
        return false;
    };
    kind == BlockKind::Paragraph
        && line.split_whitespace().count() <= SHORT_LINE_WORDS
        && line.starts_with(['"', '“', '‘', '\'', '«', '„', '—', '–'])
}

/// The spoken form of one chunk; a piece cut inside a sentence that ends without punctuation
/// gets a comma, so it is intoned as a phrase that goes on. With `day_first` (an English
/// article that writes a date only day first, "25/07/2024", somewhere), its numeric dates are
/// read day first ([`speech::en::dates_day_first`]).
fn spoken_piece(
    lexicon: &Lexicon,
    language: Language,
    text: &str,
    cut: bool,
    day_first: bool,
) -> String {
    let text = if day_first {
        speech::en::dates_day_first(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut spoken = speech::spoken_with(lexicon, language, &text);
    if cut && spoken.ends_with(|c: char| c.is_alphanumeric() || c == ']') {
        spoken.push(',');
    }
    spoken
}

/// One piece of a sentence to be said, before its spoken form is known: the block it comes
/// from (`None` for the title), its written text and the break after it.
struct Piece {
    block: Option<usize>,
    text: String,
    brk: Break,
}

/// Fewest pieces whose spoken forms are one job: an article of ordinary length (a 1,000-word
/// article has about 60 pieces) is said on one thread, where more would cost more than they
/// save.
const PARALLEL_PIECES: usize = 4096;

/// The spoken form of every piece, in order ([`spoken_piece`]). Large texts are split into
/// runs of pieces said on every core (rayon): on the 10 MB page of `benches/hostile_html.py`
/// (about 200,000 pieces) the spoken forms were 60 % of `aloud script`'s time on one thread
/// (`perf record`, 2026-12-03). The result does not depend on the number of threads.
fn spoken_pieces(lexicon: &Lexicon, language: Language, pieces: &[Piece]) -> Vec<String> {
    // One convention for numeric dates across the article: a date that can only be day
    // first ("25/07/2024") anywhere makes "03/04/2024" in another chunk "the third of April".
    let day_first = language == Language::ENGLISH
        && pieces
            .iter()
            .any(|p| speech::en::text_shows_day_first(&p.text));
    pieces
        .par_iter()
        .with_min_len(PARALLEL_PIECES)
        .map(|p| spoken_piece(lexicon, language, &p.text, p.brk == Break::Cut, day_first))
        .collect()
}

/// Plans a cleaned document's narration.
///
/// The language is `opts.language`, else detected from the title and blocks
/// ([`language::detect`]); every chunk's spoken form follows that language's rules.
/// The title, when present, is chunk 1 (paragraph 0), so a listener hears what the article is
/// before it starts. Each chunk's break decides its pause ([`PlanOptions::pause_ms`]): cuts
/// inside a sentence get a comma-sized pause, sentences the sentence pause, paragraphs the
/// paragraph pause (short dialogue lines the sentence pause), headings the paragraph pause
/// plus [`HEADING_EXTRA_PAUSE_MS`] on both sides.
pub fn plan(doc: &Document, opts: &PlanOptions) -> Narration {
    // The language is found while the blocks are split into sentences (each block on its
    // own, on every core for a long page): on the 10 MB page of `benches/hostile_html.py`
    // the two were a fifth of the time before speech.
    let (language, sentences_of) = rayon::join(
        || {
            opts.language.unwrap_or_else(|| {
                language::detect(
                    doc.title
                        .iter()
                        .map(String::as_str)
                        .chain(doc.blocks.iter().map(|b| b.text.as_str())),
                )
            })
        },
        || {
            doc.blocks
                .par_iter()
                .with_min_len(PARALLEL_BLOCKS)
                .map(|block| {
                    if block.kind == BlockKind::Heading {
                        vec![block.text.clone()]
                    } else {
                        segment::sentences(&block.text)
                    }
                })
                .collect::<Vec<_>>()
        },
    );
    // First every piece to say, in reading order: where it comes from and the break after it.
    // Its spoken form is the costly part, computed next for all pieces at once.
    let mut pieces: Vec<Piece> = Vec::new();
    let push_sentence = |block: Option<usize>, sentence: &str, pieces: &mut Vec<Piece>| {
        let parts = chunk::split_sentence(sentence, opts.max_chunk_chars);
        let last = parts.len().saturating_sub(1);
        for (i, text) in parts.into_iter().enumerate() {
            let brk = if i < last {
                Break::Cut
            } else {
                Break::Sentence
            };
            pieces.push(Piece { block, text, brk });
        }
    };
    if let Some(title) = &doc.title {
        push_sentence(None, title, &mut pieces);
    }
    for (b, sentences) in sentences_of.iter().enumerate() {
        for sentence in sentences {
            push_sentence(Some(b), sentence, &mut pieces);
        }
    }
    let spoken = spoken_pieces(&opts.lexicon, language, &pieces);

    let mut chunks: Vec<Chunk> = Vec::new();
    // Adds a piece as a chunk; a piece that says nothing passes its break to the chunk before.
    let push_piece = |paragraph: usize, piece: Piece, spoken: String, chunks: &mut Vec<Chunk>| {
        let brk = piece.brk;
        if spoken.chars().any(char::is_alphanumeric) {
            chunks.push(Chunk {
                index: chunks.len() + 1,
                paragraph,
                text: piece.text,
                spoken,
                break_after: brk,
                pause_after_ms: 0,
            });
        } else if let Some(prev) = chunks.last_mut().filter(|c| c.paragraph == paragraph) {
            // A silent piece (only symbols) ends nothing; its break passes to the chunk
            // before it in the same sentence.
            prev.break_after = prev.break_after.max_with(brk);
        }
    };
    // Sets the break after the last chunk so far, never weakening a stronger one.
    let end_block = |chunks: &mut Vec<Chunk>, brk: Break| {
        if let Some(last) = chunks.last_mut() {
            last.break_after = last.break_after.max_with(brk);
        }
    };

    let mut said = pieces.into_iter().zip(spoken).peekable();
    if doc.title.is_some() {
        while let Some((piece, spoken)) = said.next_if(|(p, _)| p.block.is_none()) {
            push_piece(0, piece, spoken, &mut chunks);
        }
        end_block(&mut chunks, Break::Paragraph);
    }
    let mut paragraphs = Vec::new();
    for (b, (block, sentences)) in doc.blocks.iter().zip(sentences_of).enumerate() {
        let heading = block.kind == BlockKind::Heading;
        if sentences.is_empty() {
            continue;
        }
        let number = paragraphs.len() + 1;
        let before = chunks.len();
        while let Some((piece, spoken)) = said.next_if(|(p, _)| p.block == Some(b)) {
            push_piece(number, piece, spoken, &mut chunks);
        }
        // A block with nothing to say (only emoji, only symbols) is left out altogether: no
        // paragraph entry, no pause of its own.
        if chunks.len() == before {
            continue;
        }
        if heading && before > 0 {
            chunks[before - 1].break_after =
                chunks[before - 1].break_after.max_with(Break::Section);
        }
        let brk = if heading {
            Break::Section
        } else if is_short_dialogue_line(block.kind, &sentences) {
            Break::Sentence
        } else {
            Break::Paragraph
        };
        end_block(&mut chunks, brk);
        paragraphs.push(Paragraph {
            text: block.text.clone(),
            sentences,
            heading,
        });
    }
    if let Some(last) = chunks.last_mut() {
        last.break_after = Break::End;
    }
    for c in &mut chunks {
        c.pause_after_ms = opts.pause_ms(c.break_after);
    }
    Narration {
        title: doc.title.clone(),
        language,
        paragraphs,
        chunks,
        extraction: doc.extraction.clone(),
    }
}

impl Break {
    /// The stronger of two breaks (a paragraph end outranks a sentence end, and so on).
    fn max_with(self, other: Break) -> Break {
        let rank = |b: Break| match b {
            Break::Cut => 0,
            Break::Sentence => 1,
            Break::Paragraph => 2,
            Break::Section => 3,
            Break::End => 4,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Block;

    #[test]
    fn spoken_forms_of_a_long_text_keep_their_order_on_threads() {
        let pieces: Vec<Piece> = (0..PARALLEL_PIECES * 2 + 7)
            .map(|i| Piece {
                block: Some(i),
                text: format!("Item {i} costs ${i}.50 & ships on 3/{}.", i % 28 + 1),
                brk: if i % 3 == 0 {
                    Break::Cut
                } else {
                    Break::Sentence
                },
            })
            .collect();
        let lexicon = Lexicon::default();
        let one_thread: Vec<String> = pieces
            .iter()
            .map(|p| {
                spoken_piece(
                    &lexicon,
                    Language::ENGLISH,
                    &p.text,
                    p.brk == Break::Cut,
                    false,
                )
            })
            .collect();
        assert_eq!(
            spoken_pieces(&lexicon, Language::ENGLISH, &pieces),
            one_thread
        );
        assert!(one_thread[1].contains("one dollar"), "{}", one_thread[1]);
    }

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

    fn paragraphs(texts: &[&str]) -> Document {
        Document {
            title: None,
            blocks: texts
                .iter()
                .map(|t| Block {
                    kind: BlockKind::Paragraph,
                    text: (*t).into(),
                })
                .collect(),
            ..Document::default()
        }
    }

    fn breaks(n: &Narration) -> Vec<(&str, Break, u32)> {
        n.chunks
            .iter()
            .map(|c| (c.text.as_str(), c.break_after, c.pause_after_ms))
            .collect()
    }

    #[test]
    fn numeric_dates_follow_one_order_across_the_article() {
        let spoken = |texts: &[&str]| -> Vec<String> {
            plan(&paragraphs(texts), &PlanOptions::default())
                .chunks
                .into_iter()
                .map(|c| c.spoken)
                .collect()
        };
        // Alone, an ambiguous date is read month first.
        assert_eq!(
            spoken(&["Forms are due on 03/04/2024."]),
            ["Forms are due on March fourth, twenty twenty-four."]
        );
        // A date elsewhere that can only be day first makes the article day first.
        assert_eq!(
            spoken(&[
                "Forms are due on 03/04/2024, in the office.",
                "None are taken after 25/07/2024.",
            ]),
            [
                "Forms are due on the third of April twenty twenty-four, in the office.",
                "None are taken after the twenty-fifth of July twenty twenty-four.",
            ]
        );
    }

    #[test]
    fn a_cut_inside_a_sentence_gets_a_comma_sized_pause_and_a_comma() {
        let d = paragraphs(&[
            "The council met on Tuesday evening to discuss the harbour wall and the new library \
             opened its doors the next morning. It rained.",
        ]);
        let opts = PlanOptions {
            max_chunk_chars: 80,
            ..PlanOptions::default()
        };
        let n = plan(&d, &opts);
        let got = breaks(&n);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(
            got[0],
            (
                "The council met on Tuesday evening to discuss the harbour wall",
                Break::Cut,
                CUT_PAUSE_MS
            )
        );
        assert!(
            opts.pause_ms(Break::Cut) <= 200,
            "issue 11: a cut's pause is at most 200 ms"
        );
        assert_eq!(
            n.chunks[0].spoken,
            "The council met on Tuesday evening to discuss the harbour wall,"
        );
        assert_eq!(got[1].1, Break::Sentence);
        assert_eq!(got[1].2, 350);
        assert_eq!(
            n.chunks[1].spoken, n.chunks[1].text,
            "a sentence end keeps its period"
        );
        assert_eq!(got[2].1, Break::End);
    }

    #[test]
    fn pauses_scale_with_the_rate() {
        let d = doc();
        for (rate, sentence, paragraph) in [(175, 350, 900), (350, 175, 450), (80, 766, 1969)] {
            let opts = PlanOptions {
                rate_wpm: rate,
                ..PlanOptions::default()
            };
            let n = plan(&d, &opts);
            let pauses: Vec<u32> = n.chunks.iter().map(|c| c.pause_after_ms).collect();
            assert_eq!(pauses, [paragraph, sentence, paragraph, 0], "at {rate} wpm");
            assert_eq!(
                opts.pause_ms(Break::Cut),
                (CUT_PAUSE_MS * 175 + rate / 2) / rate
            );
        }
    }

    #[test]
    fn short_dialogue_lines_get_the_sentence_pause() {
        let d = paragraphs(&[
            "\u{201c}Today?\u{201d}",
            "\u{201c}No.\u{201d}",
            "\"Then when, if not today, will you tell the harbour master what you saw that night?\"",
            "\u{2014} Tomorrow.",
            "Short, but not a line of dialogue.",
            "She left.",
        ]);
        let got: Vec<Break> = plan(&d, &PlanOptions::default())
            .chunks
            .iter()
            .map(|c| c.break_after)
            .collect();
        assert_eq!(
            got,
            [
                Break::Sentence,
                Break::Sentence,
                Break::Paragraph, // a long line is a speech of its own
                Break::Sentence,
                Break::Paragraph,
                Break::End,
            ]
        );
    }

    #[test]
    fn blocks_with_nothing_to_say_leave_no_paragraph_and_no_pause() {
        let mut d = paragraphs(&["First one.", "\u{1F602}\u{1F525}", "Last one."]);
        d.blocks.insert(
            2,
            Block {
                kind: BlockKind::Heading,
                text: "\u{1F44F}\u{1F44F}".into(),
            },
        );
        let n = plan(&d, &PlanOptions::default());
        assert_eq!(n.paragraphs.len(), 2);
        let got: Vec<(usize, Break)> = n
            .chunks
            .iter()
            .map(|c| (c.paragraph, c.break_after))
            .collect();
        assert_eq!(got, [(1, Break::Paragraph), (2, Break::End)]);
    }

    #[test]
    fn a_chinese_paragraph_of_2000_characters_is_cut_within_the_limit_at_punctuation() {
        let text = include_str!("../tests/data/zh_paragraph.txt").trim();
        assert!(text.chars().count() >= 2000);
        let d = paragraphs(&[text]);
        for max in [300, 100, 60, 40, 25] {
            let opts = PlanOptions {
                max_chunk_chars: max,
                ..PlanOptions::default()
            };
            let n = plan(&d, &opts);
            assert_eq!(n.language.code(), "zh");
            let joined: String = n.chunks.iter().map(|c| c.text.as_str()).collect();
            assert_eq!(joined, text, "at {max}: every character once, in order");
            for c in &n.chunks {
                assert!(c.text.chars().count() <= max, "at {max}: {:?}", c.text);
                // Commas are at most 21 characters apart in this text, so from 60 on a piece
                // always finds punctuation in its second half.
                if max >= 60 {
                    assert!(
                        c.text.ends_with(['。', '！', '？', '，', '、', '：', '；']),
                        "at {max}: {:?} ends between characters",
                        c.text
                    );
                }
            }
            if max == 300 {
                // Every sentence fits, so every chunk is a sentence.
                assert!(n.chunks.iter().all(|c| c.text.ends_with('。')));
                assert!(n.chunks.len() >= 40, "{} chunks", n.chunks.len());
            }
        }
    }

    #[test]
    fn records_the_detected_or_given_language() {
        let d = paragraphs(&[
            "Le conseil municipal a voté le budget le 5 décembre, après une longue \
                              séance. Les habitants attendaient cette décision depuis des mois.",
        ]);
        let n = plan(&d, &PlanOptions::default());
        assert_eq!(n.language.code(), "fr");
        // French is read without English rules: the engine reads the number itself.
        assert!(
            n.chunks[0].spoken.contains("le 5 décembre"),
            "{}",
            n.chunks[0].spoken
        );
        let opts = PlanOptions {
            language: Some(Language::ENGLISH),
            ..PlanOptions::default()
        };
        let n = plan(&d, &opts);
        assert_eq!(n.language, Language::ENGLISH);
        // With --lang en the English rules read it (the fault of issue 13: "le five décembre").
        assert!(
            n.chunks[0].spoken.contains("le five décembre"),
            "{}",
            n.chunks[0].spoken
        );
    }

    #[test]
    fn json_contract_has_the_documented_fields() {
        let n = plan(&doc(), &PlanOptions::default());
        let v = serde_json::to_value(&n).unwrap();
        assert_eq!(v["title"], "A Title");
        assert_eq!(v["language"], "en");
        assert_eq!(v["paragraphs"][0]["text"], "First sentence. Second one.");
        assert_eq!(v["chunks"][1]["spoken"], "First sentence.");
        let keys: Vec<&str> = v["chunks"][0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), 6);
        for k in [
            "index",
            "paragraph",
            "text",
            "spoken",
            "break",
            "pause_after_ms",
        ] {
            assert!(keys.contains(&k), "missing {k}");
        }
    }
}
