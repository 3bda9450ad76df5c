//! The words of a chunk, as written and as spoken, and which spoken words say which written
//! word.
//!
//! Subtitles show the written text ("$5", "Dr. Ng") while the engine times the words it
//! speaks ("five dollars", "Doctor Ng"). The spoken-form rules rewrite text locally and keep
//! its order, and most words pass through unchanged, so the two word sequences are aligned by
//! their common words: [`align`] diffs them (Myers' algorithm, `similar`) on a matching key
//! (letters and digits in lower case, so "Tuesday," matches "Tuesday"), takes every pair of
//! equal words as an anchor, and spreads each written run between two anchors over the
//! spoken run between them: one to one when both have as many words ("Dr." → "Doctor",
//! "&" → "and"), else in proportion to the written words' lengths ("$5 million" → "five
//! million dollars"). A written word that nothing was said for (an emoji, a footnote mark)
//! takes no time: it is shown with its neighbours. The normalizer keeps no token map of its
//! own, and this alignment needs none: it is exact wherever the words match and confined to
//! the rewritten stretch where they do not.

use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffTag};

/// Byte ranges of the written words of `text`: its whitespace-separated tokens, punctuation
/// attached ("Tuesday," "—" "$5"), as a reader sees them.
pub fn written_words(text: &str) -> Vec<Range<usize>> {
    super::word_spans(text)
        .into_iter()
        .map(|(a, b)| a..b)
        .collect()
}

/// Byte ranges of the spoken words of `spoken` (a chunk's spoken form): its
/// whitespace-separated tokens that hold a letter or a digit, which are what an engine says.
/// A lexicon's `[[IPA]]` phonemes are one word even with spaces inside; a token of
/// punctuation alone ("—", ",") is not a word.
pub fn spoken_words(spoken: &str) -> Vec<Range<usize>> {
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut open: Option<usize> = None; // start of a "[[…" token not yet closed
    for (a, b) in super::word_spans(spoken) {
        let token = &spoken[a..b];
        if let Some(start) = open {
            if token.contains("]]") {
                words.push(start..b);
                open = None;
            }
            continue;
        }
        if let Some(i) = token.find("[[") {
            if !token[i..].contains("]]") {
                open = Some(a);
                continue;
            }
        }
        if token.chars().any(char::is_alphanumeric) {
            words.push(a..b);
        }
    }
    if let Some(start) = open {
        words.push(start..spoken.len());
    }
    words
}

/// The key two words match on: their letters and digits, in lower case.
pub fn match_key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each written word lies among the spoken words, as fractional positions: written
/// word `i` covers spoken positions `bounds[i]..bounds[i + 1]`, where position `k.f` is the
/// fraction `f` of spoken word `k`. Returns `written.len() + 1` bounds, never decreasing,
/// from 0 to `spoken.len()`, so the written words share out all the spoken ones in order
/// (no written words: `[0.0]`). See the module docs for how runs that differ are spread.
pub fn align(written: &[&str], spoken: &[&str]) -> Vec<f64> {
    if written.is_empty() {
        return vec![0.0];
    }
    let wk: Vec<String> = written.iter().map(|w| match_key(w)).collect();
    let sk: Vec<String> = spoken.iter().map(|w| match_key(w)).collect();
    // Groups of (written range, spoken range): equal words one by one, the rest in runs.
    let mut groups: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut pending: Option<(Range<usize>, Range<usize>)> = None;
    for op in capture_diff_slices(Algorithm::Myers, &wk, &sk) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            // An empty key (written punctuation) never anchors: it cannot be heard.
            groups.extend(pending.take());
            for k in 0..old.len() {
                groups.push((
                    old.start + k..old.start + k + 1,
                    new.start + k..new.start + k + 1,
                ));
            }
        } else {
            pending = Some(match pending.take() {
                Some((o, n)) => (o.start..old.end, n.start..new.end),
                None => (old, new),
            });
        }
    }
    groups.extend(pending);
    // Spoken words no written word stands for join the group before (or the first group).
    let mut merged: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for (old, new) in groups {
        match merged.last_mut() {
            Some(last) if old.is_empty() => last.1.end = new.end,
            Some(last) if last.0.is_empty() => *last = (old, last.1.start..new.end),
            _ => merged.push((old, new)),
        }
    }
    let mut bounds = vec![0.0; written.len() + 1];
    for (old, new) in &merged {
        let weights: Vec<f64> = written[old.clone()]
            .iter()
            .map(|w| w.chars().count().max(1) as f64)
            .collect();
        let total: f64 = weights.iter().sum();
        let (s0, ns) = (new.start as f64, new.len() as f64);
        let mut cumulative = 0.0;
        let mut previous = s0;
        for (k, w) in weights.iter().enumerate() {
            cumulative += w;
            let mut b = s0 + ns * cumulative / total;
            // With enough spoken words, each written word gets at least one whole one.
            if new.len() >= old.len() {
                let last_possible = s0 + ns - (old.len() - k - 1) as f64;
                b = b.round().clamp(previous + 1.0, last_possible);
            }
            bounds[old.start + k + 1] = b;
            previous = b;
        }
    }
    // Written words before any spoken word (a leading emoji) start at 0; every bound after a
    // group with no spoken words repeats the one before.
    for i in 1..bounds.len() {
        if bounds[i] < bounds[i - 1] {
            bounds[i] = bounds[i - 1];
        }
    }
    if let Some(last) = bounds.last_mut() {
        *last = spoken.len() as f64;
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn spoken_words_skip_punctuation_and_keep_phonemes_whole() {
        let s = "Ask [[ʃˈɪv ɹə]]'s aunt — now, please.";
        assert_eq!(
            words(s, &spoken_words(s)),
            ["Ask", "[[ʃˈɪv ɹə]]'s", "aunt", "now,", "please."]
        );
        let w = "Dr. Ng paid $5 — today.";
        assert_eq!(
            words(w, &written_words(w)),
            ["Dr.", "Ng", "paid", "$5", "—", "today."]
        );
    }

    #[test]
    fn aligns_rewritten_runs_between_common_words() {
        // (written, spoken, bounds)
        let cases: &[(&str, &str, &[f64])] = &[
            ("It rained.", "It rained.", &[0.0, 1.0, 2.0]),
            (
                "Dr. Ng paid $5 today.",
                "Doctor Ng paid five dollars today.",
                &[0.0, 1.0, 2.0, 3.0, 5.0, 6.0],
            ),
            // Two written words over three spoken ones: whole words, by written length.
            (
                "It cost $5 million.",
                "It cost five million dollars.",
                &[0.0, 1.0, 2.0, 3.0, 5.0],
            ),
            // Punctuation alone is spread with its neighbours; "&" is said as "and".
            (
                "Salt & pepper — fresh",
                "Salt and pepper fresh",
                &[0.0, 1.0, 2.0, 3.0, 3.0, 4.0],
            ),
            // Nothing said for the emoji: it takes no time.
            ("Great 🎉 news", "Great news", &[0.0, 1.0, 1.0, 2.0]),
            // More written words than spoken: shared fractions.
            ("New Quay", "Nukey", &[0.0, 3.0 / 7.0, 1.0]),
        ];
        for (written, spoken, expected) in cases {
            let w = words(written, &written_words(written));
            let s = words(spoken, &spoken_words(spoken));
            assert_eq!(align(&w, &s), expected.to_vec(), "{written:?} / {spoken:?}");
        }
    }

    #[test]
    fn bounds_always_cover_every_spoken_word_in_order() {
        assert_eq!(align(&[], &["one", "two"]), [0.0]);
        let cases = [
            ("🎉", "one"),
            ("one two three", "uno"),
            ("a b c d", "w x y z q r"),
            (
                "2023-11-02 was a Thursday",
                "November second, twenty twenty-three was a Thursday",
            ),
        ];
        for (written, spoken) in cases {
            let w = words(written, &written_words(written));
            let s = words(spoken, &spoken_words(spoken));
            let b = align(&w, &s);
            assert_eq!(b.len(), w.len() + 1);
            assert_eq!(b[0], 0.0, "{written:?}");
            assert_eq!(*b.last().unwrap(), s.len() as f64, "{written:?}");
            assert!(b.windows(2).all(|p| p[0] <= p[1]), "{written:?}: {b:?}");
        }
    }
}
