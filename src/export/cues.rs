//! Subtitle cues people can read: the written words of each paragraph, timed from the audio,
//! grouped into cues that follow subtitle conventions.
//!
//! The limits are issue 15's, those of Netflix's English timed-text style guide (2 lines of
//! 42 characters, at most 7 s) with a minimum of a second: at most [`MAX_LINES`] lines of at
//! most [`MAX_LINE_CHARS`] characters, on screen for [`MIN_CUE_MS`] to [`MAX_CUE_MS`]. A cue shows
//! from the first sound of its first word to the last sound of its last word, so it is on
//! screen exactly while its words are heard. A cue never spans two paragraphs (the title and
//! each heading are paragraphs of their own).
//!
//! Where to cut is chosen for a whole paragraph at once (dynamic programming over its word
//! boundaries), as the chunker cuts long sentences (`text::chunk`): a cue ends best where a
//! sentence ends, then after clause punctuation, a comma, before a conjunction, before a
//! preposition, between other words, and only when nothing else fits after an article, a
//! preposition or an auxiliary, inside a name or beside a number. Short sentences of one
//! paragraph share a cue when they fit together; a cue that starts a new sentence inside it
//! ends at a sentence end. A cue's two lines are broken by the same ranks, as evenly as they
//! allow.
//!
//! **Under a second.** A cue is shorter than [`MIN_CUE_MS`] only when it shows one whole chunk
//! that is itself spoken in under a second (a one-word title or heading, a line of dialogue
//! such as "No.") and no sentence of its paragraph can join it: stretching it would show it
//! while nothing, or the next paragraph, is heard.
//!
//! **Long words and text without spaces.** A word wider than [`MAX_LINE_CHARS`] (a long URL,
//! or a clause of Chinese or Japanese, which the speech stage sees as one word) is cut into
//! pieces that fit a line ([`pieces`]): after CJK punctuation (`，` `、` ranked as a comma,
//! `。` `！` `？` `；` `：` as a clause) or after `/ . - ? & = _`, else at the width; each piece
//! gets the share of the word's time its width has, so the cue rules hold for them too (a
//! 113-character URL had made one cue of 3 lines and 13 s, a Chinese paragraph cues of 14 s).
//! Line widths are counted in columns ([`width`]): a character of a wide script (CJK) counts
//! two, as terminals and subtitle renderers show it, so a Chinese line holds 21 characters
//! (Netflix's Chinese guide: 16).

use crate::export::manifest::ManifestWord;
use crate::narration::Break;
use crate::text::chunk::{boundary_after, Boundary};

/// Most lines in a cue.
pub const MAX_LINES: usize = 2;
/// Most characters in a line.
pub const MAX_LINE_CHARS: usize = 42;
/// Shortest time a cue is on screen, in milliseconds (see the module docs for the exception).
pub const MIN_CUE_MS: u64 = 1_000;
/// Longest time a cue is on screen, in milliseconds.
pub const MAX_CUE_MS: u64 = 7_000;

/// One subtitle cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// When it appears, in ms of the article's audio.
    pub start_ms: u64,
    /// When it goes, in ms.
    pub end_ms: u64,
    /// Its lines (one or two).
    pub lines: Vec<String>,
}

/// One chunk as the cue builder needs it.
#[derive(Debug, Clone, Copy)]
pub struct CueChunk<'a> {
    /// Its paragraph (0 is the title).
    pub paragraph: usize,
    /// What follows it.
    pub break_after: Break,
    /// Its written words with their times ([`word_times`]).
    pub words: &'a [ManifestWord],
}

/// Times every written word of a chunk: `text` is the chunk as written, `spoken` what the
/// engine said, `spoken_ms` the (start, end) of each spoken word
/// ([`crate::text::words::spoken_words`]) in ms of the article. Written words are laid over
/// the spoken ones by [`crate::text::words::align`]; a written word that takes part of a
/// spoken word gets that fraction of its time. Without spoken word times (an empty list),
/// the written words share `chunk_ms` by their length.
pub fn word_times(
    text: &str,
    spoken: &str,
    spoken_ms: &[(u64, u64)],
    chunk_ms: (u64, u64),
) -> Vec<ManifestWord> {
    use crate::text::words::{align, spoken_words, written_words};
    let written: Vec<&str> = written_words(text).into_iter().map(|r| &text[r]).collect();
    let fallback;
    let (said, spans): (Vec<&str>, &[(u64, u64)]) = if spoken_ms.is_empty() {
        // One "spoken word" per written word, timed by its length.
        let total: usize = written
            .iter()
            .map(|w| w.chars().count())
            .sum::<usize>()
            .max(1);
        let length = chunk_ms.1.saturating_sub(chunk_ms.0);
        let mut at = 0;
        fallback = written
            .iter()
            .map(|w| {
                let start = chunk_ms.0 + length * at as u64 / total as u64;
                at += w.chars().count();
                (start, chunk_ms.0 + length * at as u64 / total as u64)
            })
            .collect::<Vec<_>>();
        (written.clone(), &fallback)
    } else {
        let said = spoken_words(spoken)
            .into_iter()
            .map(|r| &spoken[r])
            .collect();
        (said, spoken_ms)
    };
    let bounds = align(&written, &said[..spans.len().min(said.len())]);
    let at = |p: f64, is_start: bool| -> u64 {
        let n = spans.len();
        if n == 0 {
            return chunk_ms.0;
        }
        let k = p.floor() as usize;
        let fraction = p - k as f64;
        if fraction == 0.0 {
            match (is_start, k) {
                (true, k) if k < n => spans[k].0,
                (true, _) => spans[n - 1].1,
                (false, 0) => spans[0].0,
                (false, k) => spans[k.min(n) - 1].1,
            }
        } else {
            let (a, b) = spans[k.min(n - 1)];
            a + (b.saturating_sub(a) as f64 * fraction).round() as u64
        }
    };
    written
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let start_ms = at(bounds[i], true);
            ManifestWord {
                text: (*w).to_string(),
                start_ms,
                end_ms: at(bounds[i + 1], false).max(start_ms),
            }
        })
        .collect()
}

/// What a cut after a word costs; [`VIOLATION`] marks a limit broken.
fn boundary_cost(b: Boundary) -> u64 {
    match b {
        Boundary::Clause => 2,
        Boundary::Comma => 4,
        Boundary::Conjunction => 10,
        Boundary::Preposition => 16,
        Boundary::Word => 40,
        Boundary::Never => 100,
    }
}

/// Cost of every cue: fewer, fuller cues are easier to read than many flashing ones.
const CUE_COST: u64 = 10;
/// Cost of a cue that starts a sentence inside it but ends before that sentence does.
const STRADDLE_COST: u64 = 30;
/// Cost of a cue that ends weakly (between words that belong together) a few words after a
/// comma or a sentence end inside it: the reader sees a new phrase start and break off
/// ("… the harbour wall, and the new | library opened …"); cutting at the comma is better.
const DANGLING_COST: u64 = 30;
/// At most this many words after a comma or sentence end make a cue's end dangle.
const DANGLING_WORDS: usize = 5;
/// Cues under this many characters cost one more per character short of it.
const SHORT_CUE_CHARS: usize = 16;
/// Cost of a broken limit: taken only when nothing else is possible.
const VIOLATION: u64 = 1_000_000;

/// Where a paragraph may be cut after one of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// After a sentence (a chunk that ends one).
    Sentence,
    /// Inside a sentence, ranked.
    Inside(Boundary),
}

/// A piece of text's width in columns: East Asian wide and fullwidth characters count two,
/// others one (`unicode-width`, Unicode Standard Annex #11).
fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Characters after which a long word is best cut, with the rank of the cut: CJK clause and
/// comma punctuation, then the separators of web addresses and file paths.
fn piece_break(c: char) -> Option<Boundary> {
    match c {
        '。' | '！' | '？' | '；' | '：' => Some(Boundary::Clause),
        '，' | '、' => Some(Boundary::Comma),
        '/' | '.' | '-' | '?' | '&' | '=' | '_' => Some(Boundary::Word),
        _ => None,
    }
}

/// `text` cut into pieces of at most [`MAX_LINE_CHARS`] columns, each with the rank of a cut
/// after it (the last piece's is moot): after the last [`piece_break`] character in the
/// second half of the line's width, else at the width. A word that fits is one piece.
fn pieces(text: &str) -> Vec<(&str, Boundary)> {
    let mut out = Vec::new();
    let mut rest = text;
    while width(rest) > MAX_LINE_CHARS {
        let mut used = 0;
        let mut hard = rest.len();
        let mut soft: Option<(usize, Boundary)> = None;
        for (i, c) in rest.char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > MAX_LINE_CHARS {
                hard = i;
                break;
            }
            used += w;
            if let Some(b) = piece_break(c).filter(|_| used * 2 >= MAX_LINE_CHARS) {
                soft = Some((i + c.len_utf8(), b));
            }
        }
        let (end, rank) = soft.unwrap_or((hard.max(1), Boundary::Never));
        let end = if rest.is_char_boundary(end) {
            end
        } else {
            rest.len()
        };
        out.push((&rest[..end], rank));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push((rest, Boundary::Never));
    }
    out
}

/// A word of a paragraph, with what the cue builder needs.
struct Word<'a> {
    text: &'a str,
    chars: usize,
    start_ms: u64,
    end_ms: u64,
    /// Which chunk of the paragraph holds it, and whether it is that chunk's first or last.
    chunk: usize,
    first_of_chunk: bool,
    last_of_chunk: bool,
    /// How good a cut after it is (the last word of the paragraph: moot).
    cut: Cut,
    /// A piece of a long word after its first ([`pieces`]): no space before it.
    glued: bool,
}

/// The cues of a narration: its chunks' words, cut into cues paragraph by paragraph (see the
/// module docs).
pub fn cues(chunks: &[CueChunk]) -> Vec<Cue> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chunks.len() {
        let mut j = i + 1;
        while j < chunks.len() && chunks[j].paragraph == chunks[i].paragraph {
            j += 1;
        }
        out.extend(paragraph_cues(&chunks[i..j]));
        i = j;
    }
    out
}

fn paragraph_cues(chunks: &[CueChunk]) -> Vec<Cue> {
    let mut words: Vec<Word> = Vec::new();
    for (c, chunk) in chunks.iter().enumerate() {
        let n = chunk.words.len();
        for (k, w) in chunk.words.iter().enumerate() {
            let parts = pieces(&w.text);
            let total = parts.iter().map(|(t, _)| width(t)).sum::<usize>().max(1) as u64;
            let span = w.end_ms.saturating_sub(w.start_ms);
            let mut done = 0;
            for (p, &(text, rank)) in parts.iter().enumerate() {
                let start_ms = w.start_ms + span * done / total;
                done += width(text) as u64;
                words.push(Word {
                    text,
                    chars: width(text),
                    start_ms,
                    end_ms: if p + 1 == parts.len() {
                        w.end_ms
                    } else {
                        w.start_ms + span * done / total
                    },
                    chunk: c,
                    first_of_chunk: k == 0 && p == 0,
                    last_of_chunk: k + 1 == n && p + 1 == parts.len(),
                    cut: Cut::Inside(if p + 1 < parts.len() {
                        rank
                    } else {
                        Boundary::Never
                    }),
                    glued: p > 0,
                });
            }
        }
        if let Some(last) = words.last_mut().filter(|_| n > 0) {
            last.cut = if chunk.break_after == Break::Cut {
                Cut::Inside(Boundary::Comma)
            } else {
                Cut::Sentence
            };
        }
    }
    for k in 0..words.len().saturating_sub(1) {
        let inside = boundary_after(words[k].text, words[k + 1].text);
        words[k].cut = match words[k].cut {
            Cut::Sentence => Cut::Sentence,
            // Inside a long word: the rank its piece was cut at.
            cut if words[k + 1].glued => cut,
            // A chunk cut inside a sentence is a phrase boundary with a pause.
            Cut::Inside(_) if words[k].last_of_chunk => Cut::Inside(inside.max(Boundary::Comma)),
            Cut::Inside(_) => Cut::Inside(inside),
        };
    }
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    // best[k]: (cost, start of the last cue, its line break) of the best cues of words[..k].
    let mut best: Vec<(u64, usize, Option<usize>)> = vec![(0, 0, None); n + 1];
    for k in 1..=n {
        let mut choice = (u64::MAX, k - 1, None);
        let mut chars = 0;
        for i in (0..k).rev() {
            chars += words[i].chars + usize::from(i + 1 < k && !words[i + 1].glued);
            let duration = words[k - 1].end_ms.saturating_sub(words[i].start_ms);
            let too_long = chars > MAX_LINES * MAX_LINE_CHARS + 1 || duration > MAX_CUE_MS;
            if too_long && i + 1 < k {
                break;
            }
            let (cost, line_break) = cue_cost(&words[i..k], chars, k == n);
            let total = best[i].0.saturating_add(cost);
            if total < choice.0 {
                choice = (total, i, line_break);
            }
        }
        best[k] = choice;
    }
    let mut spans = Vec::new();
    let mut k = n;
    while k > 0 {
        let (_, i, line_break) = best[k];
        spans.push((i, k, line_break));
        k = i;
    }
    spans.reverse();
    spans
        .into_iter()
        .map(|(i, k, line_break)| {
            let start_ms = words[i].start_ms;
            let join = |ws: &[Word]| {
                let mut line = String::new();
                for (j, w) in ws.iter().enumerate() {
                    if j > 0 && !w.glued {
                        line.push(' ');
                    }
                    line.push_str(w.text);
                }
                line
            };
            let lines = match line_break {
                Some(b) => vec![join(&words[i..i + b]), join(&words[i + b..k])],
                None => hard_wrap(&join(&words[i..k])),
            };
            Cue {
                start_ms,
                end_ms: words[k - 1].end_ms.max(start_ms + 1),
                lines,
            }
        })
        .collect()
}

/// A one-line cue, or a single word too long for a line broken inside it.
fn hard_wrap(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= MAX_LINE_CHARS {
        return vec![text.to_string()];
    }
    chars
        .chunks(MAX_LINE_CHARS)
        .map(|c| c.iter().collect())
        .collect()
}

/// What a cue of `words` (`chars` characters joined by spaces) costs, and where its line
/// break goes (`None`: one line). `paragraph_end`: the cue ends the paragraph.
fn cue_cost(words: &[Word], chars: usize, paragraph_end: bool) -> (u64, Option<usize>) {
    let first = &words[0];
    let last = &words[words.len() - 1];
    let mut cost = CUE_COST;
    if !paragraph_end {
        cost += match last.cut {
            Cut::Sentence => 0,
            Cut::Inside(b) => boundary_cost(b),
        };
    }
    let sentence_inside = words[..words.len() - 1]
        .iter()
        .any(|w| w.cut == Cut::Sentence);
    if sentence_inside && !(paragraph_end || last.cut == Cut::Sentence) {
        cost += STRADDLE_COST;
    }
    let strong = |cut: Cut| {
        matches!(
            cut,
            Cut::Sentence | Cut::Inside(Boundary::Clause | Boundary::Comma)
        )
    };
    if !paragraph_end && !strong(last.cut) {
        let inside = words[..words.len() - 1].iter().rposition(|w| strong(w.cut));
        if inside.is_some_and(|p| words.len() - 1 - p <= DANGLING_WORDS) {
            cost += DANGLING_COST;
        }
    }
    if chars < SHORT_CUE_CHARS {
        cost += (SHORT_CUE_CHARS - chars) as u64;
    }
    let duration = last.end_ms.saturating_sub(first.start_ms);
    let whole_chunk = first.first_of_chunk && last.last_of_chunk && first.chunk == last.chunk;
    if duration > MAX_CUE_MS || (duration < MIN_CUE_MS && !whole_chunk) {
        cost += VIOLATION;
    }
    // Lines: one when it fits, else the best break into two that fit.
    if chars <= MAX_LINE_CHARS {
        return (cost, None);
    }
    let mut best: Option<(u64, usize)> = None;
    let mut top = 0;
    for b in 1..words.len() {
        top += words[b - 1].chars + usize::from(b > 1 && !words[b - 1].glued);
        let bottom = chars - top - usize::from(!words[b].glued);
        if top > MAX_LINE_CHARS || bottom > MAX_LINE_CHARS {
            continue;
        }
        let rank = match words[b - 1].cut {
            Cut::Sentence => 0,
            Cut::Inside(r) => boundary_cost(r),
        };
        let line_cost = rank + (top.abs_diff(bottom) as u64) / 4;
        if best.is_none_or(|(c, _)| line_cost < c) {
            best = Some((line_cost, b));
        }
    }
    match best {
        Some((line_cost, b)) => (cost + line_cost, Some(b)),
        None => (cost + VIOLATION, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of `text` spoken back to back, `ms` each, from `at`.
    fn timed(text: &str, at: u64, ms: u64) -> Vec<ManifestWord> {
        text.split_whitespace()
            .enumerate()
            .map(|(i, w)| ManifestWord {
                text: w.to_string(),
                start_ms: at + i as u64 * ms,
                end_ms: at + (i as u64 + 1) * ms - 20,
            })
            .collect()
    }

    fn check_limits(cues: &[Cue]) {
        for c in cues {
            assert!(c.lines.len() <= MAX_LINES, "{c:?}");
            assert!(c.lines.iter().all(|l| width(l) <= MAX_LINE_CHARS), "{c:?}");
            assert!(c.end_ms - c.start_ms <= MAX_CUE_MS, "{c:?}");
        }
    }

    #[test]
    fn a_long_sentence_is_cut_at_its_comma_into_readable_cues() {
        let text = "The council met on Tuesday evening to discuss the harbour wall, and the new \
                    library opened its doors to the public the next morning after years of work.";
        let words = timed(text, 1000, 300);
        let chunks = [CueChunk {
            paragraph: 1,
            break_after: Break::End,
            words: &words,
        }];
        let got = cues(&chunks);
        check_limits(&got);
        assert_eq!(
            got[0].lines.join(" "),
            "The council met on Tuesday evening to discuss the harbour wall,"
        );
        assert_eq!(got[0].start_ms, 1000);
        assert_eq!(got[0].end_ms, words[10].end_ms);
        let shown: Vec<String> = got.iter().map(|c| c.lines.join(" ")).collect();
        assert_eq!(shown.join(" "), text, "every word once, in order");
        // No line ends on an article or a preposition.
        for c in &got {
            for l in &c.lines {
                let last = l.split_whitespace().last().unwrap();
                assert!(!["the", "of", "to", "a"].contains(&last), "{c:?}");
            }
        }
    }

    #[test]
    fn a_long_address_is_cut_into_pieces_that_keep_every_limit() {
        let url = "https://www.harbour-council.example.org/meetings/2026/minutes/\
                   sea-wall-repairs-final-report-with-appendices-and-costs.pdf?download=1";
        let text = format!("Visit {url} today.");
        // Spelled out, the address takes 13 s: one word.
        let mut words = timed(&text, 0, 400);
        words[1].end_ms = words[1].start_ms + 13_000;
        words[2].start_ms = words[1].end_ms + 50;
        words[2].end_ms = words[2].start_ms + 300;
        let chunks = [CueChunk {
            paragraph: 1,
            break_after: Break::End,
            words: &words,
        }];
        let got = cues(&chunks);
        check_limits(&got);
        // Pieces are cut after a separator and shown without spaces inside the address.
        let shown: String = got.iter().flat_map(|c| c.lines.clone()).collect();
        assert_eq!(shown.replace(' ', ""), text.replace(' ', ""));
        // "Visit" is no longer a cue of its own before the address.
        assert!(
            got[0].lines.concat().starts_with("Visithttps://"),
            "{got:?}"
        );
        for c in &got {
            assert!(c.end_ms - c.start_ms >= MIN_CUE_MS, "{c:?}");
        }
    }

    #[test]
    fn chinese_without_spaces_is_cut_at_its_commas_within_the_limits() {
        // One spoken "word" of 60 characters: about 4 per second.
        let text = "今天上午港口的渡轮准时出发，船上坐满了去岛上工作的人，\
                    船长说海面平静，天气很好，他们会按时到达码头，大家都很高兴。";
        let n = text.chars().count() as u64;
        let words = vec![ManifestWord {
            text: text.to_string(),
            start_ms: 0,
            end_ms: n * 250,
        }];
        let chunks = [CueChunk {
            paragraph: 1,
            break_after: Break::End,
            words: &words,
        }];
        let got = cues(&chunks);
        check_limits(&got);
        assert!(got.len() >= 3, "{got:?}");
        for c in &got {
            let last = c.lines.last().unwrap();
            assert!(last.ends_with(['，', '。']), "cut at a comma: {c:?}");
        }
        let shown: String = got.iter().flat_map(|c| c.lines.clone()).collect();
        assert_eq!(shown, text);
    }

    #[test]
    fn short_sentences_share_a_cue_and_paragraphs_never_do() {
        let a = timed("It rained.", 0, 400);
        let b = timed("Then it stopped.", 1200, 400);
        let c = timed("Next paragraph here.", 4000, 400);
        let chunks = [
            CueChunk {
                paragraph: 1,
                break_after: Break::Sentence,
                words: &a,
            },
            CueChunk {
                paragraph: 1,
                break_after: Break::Paragraph,
                words: &b,
            },
            CueChunk {
                paragraph: 2,
                break_after: Break::End,
                words: &c,
            },
        ];
        let got = cues(&chunks);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].lines, ["It rained. Then it stopped."]);
        assert_eq!((got[0].start_ms, got[0].end_ms), (0, 2380));
        assert_eq!(got[1].lines, ["Next paragraph here."]);
    }

    #[test]
    fn a_short_chunk_alone_in_its_paragraph_may_be_under_a_second() {
        let title = timed("Harbour", 0, 600);
        let body = timed("The council met on Tuesday.", 1500, 300);
        let chunks = [
            CueChunk {
                paragraph: 0,
                break_after: Break::Paragraph,
                words: &title,
            },
            CueChunk {
                paragraph: 1,
                break_after: Break::End,
                words: &body,
            },
        ];
        let got = cues(&chunks);
        assert_eq!(got[0].lines, ["Harbour"]);
        assert_eq!(got[0].end_ms - got[0].start_ms, 580);
        // Inside a chunk no cue is cut under a second: five words of 300 ms stay together.
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_cue_longer_than_seven_seconds_is_cut_even_without_punctuation() {
        // Slow speech: 19 short words of 700 ms fit two lines but not seven seconds.
        let text = "we ran far we sat down we ate figs we drank tea we slept we woke we ran home";
        let words = timed(text, 0, 700);
        let chunks = [CueChunk {
            paragraph: 1,
            break_after: Break::End,
            words: &words,
        }];
        let got = cues(&chunks);
        check_limits(&got);
        assert!(got.len() >= 2);
        assert!(got.iter().all(|c| c.end_ms - c.start_ms >= MIN_CUE_MS));
    }

    #[test]
    fn two_lines_break_at_the_best_boundary_near_the_middle() {
        let text = "Residents packed the hall on Tuesday, and most of them stayed late.";
        let words = timed(text, 0, 250);
        let chunks = [CueChunk {
            paragraph: 1,
            break_after: Break::End,
            words: &words,
        }];
        let got = cues(&chunks);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].lines,
            [
                "Residents packed the hall on Tuesday,",
                "and most of them stayed late."
            ]
        );
    }

    #[test]
    fn written_words_take_the_time_of_what_was_said_for_them() {
        // "Dr." is said as "Doctor", "$5" as "five dollars".
        let spoken_ms = [(0, 300), (350, 500), (500, 700), (720, 900), (900, 1300)];
        let got = word_times(
            "Dr. Ng paid $5.",
            "Doctor Ng paid five dollars.",
            &spoken_ms,
            (0, 1300),
        );
        let times: Vec<(&str, u64, u64)> = got
            .iter()
            .map(|w| (w.text.as_str(), w.start_ms, w.end_ms))
            .collect();
        assert_eq!(
            times,
            [
                ("Dr.", 0, 300),
                ("Ng", 350, 500),
                ("paid", 500, 700),
                ("$5.", 720, 1300)
            ]
        );
        // Without spoken times, by length over the chunk.
        let got = word_times("ab cd", "ab cd", &[], (100, 200));
        assert_eq!((got[0].start_ms, got[0].end_ms), (100, 150));
        assert_eq!((got[1].start_ms, got[1].end_ms), (150, 200));
    }
}
