//! Where each spoken word of a chunk lies in its audio: the engines' word timings, made from
//! what each engine can tell, then fitted to the sound.
//!
//! - **espeak-ng** reports a word event with the sample where each word starts
//!   ([`from_starts`]); a word ends where the next starts.
//! - **The neural voice** reports how many frames the model gave each phoneme (its duration
//!   predictor's output); a word's span is that of its phonemes ([`from_phonemes`]). A model
//!   that does not expose durations gets the chunk's speech split in proportion to each
//!   word's phoneme count ([`by_weights`]).
//!
//! Either way [`fit_to_sound`] then tightens every span to the sound inside it, so a word
//! followed by a comma's pause ends where its sound ends, not where the next word starts.
//! Spans are in samples of the audio they were made for; the render stage moves them with the
//! trim ([`shift`]).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::audio::SILENCE_THRESHOLD;

/// One spoken word's place in a chunk's audio: samples `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordSpan {
    /// First sample of the word.
    pub start: usize,
    /// One past its last sample (equal to `start` for a word that takes no time).
    pub end: usize,
}

/// Spans from each word's start sample, as espeak-ng's word events give them: a word ends
/// where the next starts, the last at `speech_end`. A word without a start of its own (no
/// event reached it) starts where the word before it does, sharing its time equally with it.
/// Starts are made non-decreasing and at most `speech_end`.
pub fn from_starts(starts: &[Option<usize>], speech_end: usize) -> Vec<WordSpan> {
    let n = starts.len();
    let mut known: Vec<usize> = Vec::with_capacity(n);
    let mut floor = 0;
    for s in starts {
        let s = s.map_or(floor, |s| s.clamp(floor, speech_end.max(floor)));
        known.push(s);
        floor = s;
    }
    // Words that share a start (missing events) split the time to the next distinct start.
    let mut spans = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && known[j] == known[i] {
            j += 1;
        }
        let end = if j < n {
            known[j]
        } else {
            speech_end.max(known[i])
        };
        let weights = vec![1.0; j - i];
        spans.extend(by_weights(known[i]..end, &weights));
        i = j;
    }
    spans
}

/// Splits `span` among words in proportion to `weights` (phoneme counts, characters): one
/// span per weight, back to back, the first starting at `span.start` and the last ending at
/// `span.end`. A weight of 0 or less counts as 1.
pub fn by_weights(span: Range<usize>, weights: &[f64]) -> Vec<WordSpan> {
    let weights: Vec<f64> = weights
        .iter()
        .map(|&w| if w > 0.0 { w } else { 1.0 })
        .collect();
    let total: f64 = weights.iter().sum();
    let length = span.end.saturating_sub(span.start) as f64;
    let mut spans = Vec::with_capacity(weights.len());
    let mut cumulative = 0.0;
    let mut start = span.start;
    for w in &weights {
        cumulative += w;
        let end = span.start + (length * cumulative / total).round() as usize;
        spans.push(WordSpan { start, end });
        start = end;
    }
    if let Some(last) = spans.last_mut() {
        last.end = span.end.max(last.start);
    }
    spans
}

/// The first and one past the last sample above the silence threshold (the trimmer's,
/// [`SILENCE_THRESHOLD`]); `None` for silence.
pub fn sound_bounds(samples: &[i16]) -> Option<Range<usize>> {
    let loud = |s: &i16| s.unsigned_abs() > SILENCE_THRESHOLD as u16;
    let first = samples.iter().position(loud)?;
    let last = samples.iter().rposition(loud)?;
    Some(first..last + 1)
}

/// Tightens each span to the sound inside it (from its first to its last sample above the
/// silence threshold), so pauses between words belong to no word. A span holding no sound is
/// left as it is. Spans past the end of `samples` are cut to it.
pub fn fit_to_sound(words: &mut [WordSpan], samples: &[i16]) {
    for w in words.iter_mut() {
        let end = w.end.min(samples.len());
        let start = w.start.min(end);
        *w = match sound_bounds(&samples[start..end]) {
            Some(sound) => WordSpan {
                start: start + sound.start,
                end: start + sound.end,
            },
            None => WordSpan { start, end },
        };
    }
}

/// Gives the sound at the edges of a chunk to its words: the first word starts no later than
/// the first sound and the last ends no earlier than the last sound. A chunk's speech is its
/// words, so sound before the first word's own span (the neural voice's onset, made while it
/// reads the start-of-text symbol) is that word's.
pub fn cover_sound(words: &mut [WordSpan], samples: &[i16]) {
    let Some(sound) = sound_bounds(samples) else {
        return;
    };
    if let Some(first) = words.first_mut() {
        first.start = first.start.min(sound.start);
    }
    if let Some(last) = words.last_mut() {
        last.end = last.end.max(sound.end);
    }
}

/// Moves spans made for an engine's audio into a trimmed copy of it that starts at sample
/// `offset` of the original (negative when silence was added in front), clamped to its
/// `len` samples.
pub fn shift(words: &mut [WordSpan], offset: isize, len: usize) {
    let map = |s: usize| (s as isize - offset).clamp(0, len as isize) as usize;
    for w in words.iter_mut() {
        *w = WordSpan {
            start: map(w.start),
            end: map(w.end),
        };
    }
}

/// Whether a character of a phoneme string is a phoneme: not a space, punctuation, or a
/// stress mark (which have no sound of their own).
pub fn is_phoneme(c: char) -> bool {
    !(c.is_whitespace()
        || matches!(
            c,
            'ˈ' | 'ˌ'
                | ','
                | '.'
                | ';'
                | ':'
                | '!'
                | '?'
                | '¡'
                | '¿'
                | '—'
                | '…'
                | '"'
                | '\''
                | '('
                | ')'
                | '-'
        ))
}

/// Phonemes in a phoneme string ([`is_phoneme`]).
pub fn phoneme_count(phonemes: &str) -> usize {
    phonemes.chars().filter(|&c| is_phoneme(c)).count()
}

/// Word spans from the time of every character of a chunk's phoneme string (as the neural
/// voice spoke it) and each spoken word's phoneme count (each word phonemized alone).
///
/// espeak-ng runs some words together in a chunk's phonemes ("out of" is one group,
/// `ˌaʊɾəv`) and may read one word as several groups (a number), so the words are aligned
/// with the chunk's phoneme groups (runs of phonemes between spaces and punctuation): a
/// dynamic programme covers the groups in order with blocks of one word over up to
/// [`MAX_BLOCK`] groups or up to [`MAX_BLOCK`] words over one group, choosing the blocks
/// whose phoneme counts differ least (each block beyond one to one costs a little, so a
/// merge is assumed only where the counts call for it). Words sharing a group split its
/// phonemes in proportion to their counts. A word's span runs from the start of its first
/// phoneme to the end of its last; a word left without phonemes takes no time.
/// `char_times` has one `(start, end)` per character of `phonemes`.
pub fn from_phonemes(
    phonemes: &str,
    char_times: &[(usize, usize)],
    word_counts: &[usize],
) -> Vec<WordSpan> {
    let chars: Vec<char> = phonemes.chars().collect();
    // Groups of phonemes (indices into chars); stress marks do not part a group.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if is_phoneme(c) {
            current.push(i);
        } else if !matches!(c, 'ˈ' | 'ˌ') && !current.is_empty() {
            groups.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    let counts: Vec<usize> = word_counts.iter().map(|&c| c.max(1)).collect();
    let blocks = align_groups(&counts, &groups.iter().map(Vec::len).collect::<Vec<_>>())
        .unwrap_or_else(|| vec![(0..counts.len(), 0..groups.len())]);
    let time = |i: usize| char_times.get(i).copied().unwrap_or((0, 0));
    let mut spans = Vec::with_capacity(counts.len());
    let mut last_end = 0;
    for (words, block_groups) in blocks {
        let letters: Vec<usize> = groups[block_groups].concat();
        let n = letters.len();
        let shares = &counts[words];
        let total: usize = shares.iter().sum();
        let mut a = 0;
        let mut cumulative = 0;
        for (k, &c) in shares.iter().enumerate() {
            cumulative += c;
            let guess = (n as f64 * cumulative as f64 / total as f64).round() as usize;
            // Every word keeps at least one phoneme while there are enough.
            let lowest = (a + 1).min(n);
            let highest = n.saturating_sub(shares.len() - k - 1).max(lowest);
            let b = if k + 1 == shares.len() {
                n
            } else {
                guess.clamp(lowest, highest)
            };
            let span = if a < b {
                WordSpan {
                    start: time(letters[a]).0,
                    end: time(letters[b - 1]).1,
                }
            } else {
                WordSpan {
                    start: last_end,
                    end: last_end,
                }
            };
            last_end = span.end;
            spans.push(span);
            a = b;
        }
    }
    spans
}

/// The most words one phoneme group may hold, and the most groups one word may be read as.
pub const MAX_BLOCK: usize = 4;

/// Covers `groups` (phonemes per group) with the words of `counts` (phonemes per word) in
/// order, in blocks of one word over 1..=[`MAX_BLOCK`] groups or 1..=[`MAX_BLOCK`] words over
/// one group, with the least total of twice the phoneme difference per block plus one per
/// word or group beyond the first. `None` when no such cover exists.
fn align_groups(counts: &[usize], groups: &[usize]) -> Option<Vec<(Range<usize>, Range<usize>)>> {
    let (w, g) = (counts.len(), groups.len());
    if w == 0 || g == 0 {
        return None;
    }
    // best[i][j]: least cost of covering the first i words and j groups, and the last block.
    let mut best: Vec<Vec<Option<(usize, usize, usize)>>> = vec![vec![None; g + 1]; w + 1];
    best[0][0] = Some((0, 0, 0));
    for i in 0..w {
        for j in 0..g {
            let Some((cost, ..)) = best[i][j] else {
                continue;
            };
            for a in 1..=MAX_BLOCK.min(w - i) {
                for b in 1..=MAX_BLOCK.min(g - j) {
                    if a > 1 && b > 1 {
                        continue;
                    }
                    let said: usize = counts[i..i + a].iter().sum();
                    let heard: usize = groups[j..j + b].iter().sum();
                    let c = cost + 2 * said.abs_diff(heard) + (a - 1) + (b - 1);
                    if best[i + a][j + b].is_none_or(|(old, ..)| c < old) {
                        best[i + a][j + b] = Some((c, a, b));
                    }
                }
            }
        }
    }
    let mut blocks = Vec::new();
    let (mut i, mut j) = (w, g);
    while i > 0 {
        let (_, a, b) = best[i][j]?;
        blocks.push((i - a..i, j - b..j));
        i -= a;
        j -= b;
    }
    blocks.reverse();
    Some(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(pairs: &[(usize, usize)]) -> Vec<WordSpan> {
        pairs
            .iter()
            .map(|&(start, end)| WordSpan { start, end })
            .collect()
    }

    #[test]
    fn starts_become_back_to_back_spans_and_missing_ones_share() {
        assert_eq!(
            from_starts(&[Some(10), Some(50), Some(90)], 120),
            spans(&[(10, 50), (50, 90), (90, 120)])
        );
        // The second word had no event: it shares the first word's time.
        assert_eq!(
            from_starts(&[Some(10), None, Some(90)], 120),
            spans(&[(10, 50), (50, 90), (90, 120)])
        );
        // Out of order or past the end: clamped.
        assert_eq!(
            from_starts(&[Some(30), Some(20), Some(500)], 100),
            spans(&[(30, 65), (65, 100), (100, 100)])
        );
        assert!(from_starts(&[], 10).is_empty());
    }

    #[test]
    fn weights_split_a_span_in_proportion() {
        assert_eq!(
            by_weights(100..200, &[1.0, 3.0]),
            spans(&[(100, 125), (125, 200)])
        );
        assert_eq!(by_weights(0..9, &[0.0, 2.0]), spans(&[(0, 3), (3, 9)]));
        assert!(by_weights(0..9, &[]).is_empty());
    }

    #[test]
    fn spans_fit_the_sound_inside_them() {
        let mut samples = vec![0i16; 100];
        samples[10..30].fill(1000); // word 1
        samples[60..80].fill(-1000); // word 2, after a pause
        let mut words = spans(&[(5, 60), (60, 100), (100, 120)]);
        fit_to_sound(&mut words, &samples);
        assert_eq!(words, spans(&[(10, 30), (60, 80), (100, 100)]));
        // A span of silence stays as it is.
        let mut quiet = spans(&[(35, 55)]);
        fit_to_sound(&mut quiet, &samples);
        assert_eq!(quiet, spans(&[(35, 55)]));
    }

    #[test]
    fn the_chunks_first_and_last_sound_belong_to_its_words() {
        let mut samples = vec![0i16; 100];
        samples[10..90].fill(500);
        let mut words = spans(&[(20, 50), (50, 80)]);
        cover_sound(&mut words, &samples);
        assert_eq!(words, spans(&[(10, 50), (50, 90)]));
    }

    #[test]
    fn shift_follows_the_trim() {
        let mut words = spans(&[(100, 150), (150, 400)]);
        shift(&mut words, 90, 200);
        assert_eq!(words, spans(&[(10, 60), (60, 200)]));
        let mut words = spans(&[(0, 10)]);
        shift(&mut words, -3, 100);
        assert_eq!(words, spans(&[(3, 13)]));
    }

    #[test]
    fn words_are_aligned_with_phoneme_groups() {
        // "out of the house": espeak joins "out of" into one group.
        let phonemes = "ˌaʊɾəv ðə hˈaʊs.";
        let n = phonemes.chars().count();
        // Each character takes 10 samples: character i is i*10..i*10+10.
        let times: Vec<(usize, usize)> = (0..n).map(|i| (i * 10, i * 10 + 10)).collect();
        // Alone: "out" aʊt (3), "of" ʌv (2), "the" ðə (2), "house" haʊs (4).
        let got = from_phonemes(phonemes, &times, &[3, 2, 2, 4]);
        // "out" and "of" share ˌaʊɾəv by their counts (3 + 2 of its 5 phonemes); "the" and
        // "house" are their groups exactly; the stress marks and the full stop take no part.
        assert_eq!(
            got,
            spans(&[(10, 40), (40, 60), (70, 90), (100, 150)]),
            "{got:?}"
        );
        assert_eq!(phoneme_count(phonemes), 11);
        // One word read as two groups (a number in French: "1234" → "mil dø sɑ̃ ...").
        let times: Vec<(usize, usize)> = (0..10).map(|i| (i * 10, i * 10 + 10)).collect();
        let got = from_phonemes("a mil dø b", &times, &[1, 5, 1]);
        assert_eq!(got, spans(&[(0, 10), (20, 80), (90, 100)]));
    }

    #[test]
    fn more_words_than_phonemes_leaves_some_without_time() {
        let times = vec![(0, 10), (10, 20)];
        let got = from_phonemes("ab", &times, &[1, 1, 1]);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], WordSpan { start: 0, end: 10 });
        assert_eq!(got[1], WordSpan { start: 10, end: 20 });
        assert_eq!(got[2], WordSpan { start: 20, end: 20 });
        // No phonemes at all: every word takes no time.
        assert_eq!(from_phonemes("", &[], &[2, 2]), spans(&[(0, 0), (0, 0)]));
    }
}
