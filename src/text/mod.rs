//! Document → narration text: cleaning, language, sentence segmentation, chunking and the
//! spoken form.

pub mod chunk;
pub mod clean;
pub mod language;
pub mod lexicon;
pub mod segment;
pub mod speech;
pub mod words;

/// Currency signs written before an amount ("$5", "£20", "€3", "¥500", "₹1,200"): a sentence
/// may open with one, and a price after one is read as money. One list for segmentation and
/// speech.
pub(crate) const CURRENCY_SIGNS: &[char] = &['$', '£', '€', '¥', '₹'];

/// Byte ranges of the whitespace-separated words of `text`, so sentences and chunks can be
/// sliced out exactly as written.
pub(crate) fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}
