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
        "#" => return number_sign(w, i),
        // "C#", "F#": the languages and the notes are "sharp" (espeak-ng said "C hash"; 47
        // chunks of the dev set's true texts). Only the seven note letters.
        core if core.len() == 2
            && core.ends_with('#')
            && core.starts_with(|c: char| ('A'..='G').contains(&c)) =>
        {
            return Some((
                format!("{}{} sharp{}", word.lead, &core[..1], word.trail),
                1,
            ));
        }
        _ => return None,
    };
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// A lone "#" standing for "number", as tables and shops write it (found in the extraction
/// dev set's true texts, where espeak-ng said "hash"): after a word and before "of" or a
/// number ("Average # of movers", "Item # 12345" → "number"), or after a capitalized word as
/// a label ("Model #:" → "Model number:"). Elsewhere (a comment in code, "# hours", a hash
/// sign talked about) it is left to the engine: before a plural ("# hours") it would read
/// code comments ("# prints the total") as "number of prints".
fn number_sign(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let next = w
        .get(i + 1)
        .filter(|n| word.trail.is_empty() && n.lead.is_empty());
    // After a word, not a bracket or at a line's start, where code puts its comments
    // ("print(x) # 4 bytes", "# 0 when empty").
    let after_word = i > 0
        && w[i - 1].trail.is_empty()
        && w[i - 1].core.ends_with(|c: char| c.is_alphanumeric());
    let said = match next {
        Some(n)
            if after_word
                && (n.core == "of" || n.core.starts_with(|c: char| c.is_ascii_digit())) =>
        {
            "number"
        }
        _ if word.trail == ":" && after_word && w[i - 1].core.starts_with(char::is_uppercase) => {
            "number"
        }
        _ => return None,
    };
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}
