//! Lone symbols: "+" → "plus", "=" → "equals", "@" → "at", "and/or" → "and or". espeak-ng
//! skips most of them or reads "and slash or".

use super::Word;

/// Lone symbols: "+" → "plus", "=" → "equals", "@" → "at", "and/or" → "and or".
pub(super) fn symbol(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let said = match word.core {
        "+" => "plus",
        "=" => "equals",
        "@" => "at",
        "%" => "percent",
        "and/or" => "and or",
        _ => return None,
    };
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}
