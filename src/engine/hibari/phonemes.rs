//! Phonemes for the hibari voice: espeak-ng's IPA rewritten into the model's alphabet.
//!
//! hibari was trained on the phonemes of misaki (the G2P of Kokoro-82M): IPA with one letter
//! per diphthong and affricate (`A` for /eɪ/, `I` /aɪ/, `O` /oʊ/, `W` /aʊ/, `Y` /ɔɪ/, `ʤ`, `ʧ`),
//! `T` for the American flap, `ᵊ` for a syllabic consonant's schwa, r-coloured vowels written
//! out (`əɹ`) and no length marks (misaki's `EN_PHONES.md`). espeak-ng (en-us), asked for IPA
//! with a tie between the letters of one phoneme (`Espeak::clauses_tied`), gives the same
//! sounds in standard IPA; [`from_espeak`] rewrites them, following the correspondences
//! misaki's own espeak fallback uses. Punctuation stays as the model's pause and intonation
//! symbols (`,` `.` `?` `!` `:` `;`), as in misaki's output.
//!
//! The model reads at most [`MAX_PHONEMES`] phonemes at once (the package's own limit): a
//! longer chunk is cut at clause punctuation, else between words ([`split`]).

use std::collections::HashMap;

use crate::engine::espeak::Clause;

/// The character that ties the letters of one phoneme in the IPA asked of espeak-ng.
pub const TIE: char = '^';

/// Most phonemes the model is given in one run (hibari's `MAX_PHONEMES`, the length its
/// package splits sentences at); also what bounds the memory of one run.
pub const MAX_PHONEMES: usize = 400;

/// The id of the pad that starts and ends every model input.
pub const PAD_ID: i64 = 0;

/// espeak-ng's glottal stop before a syllabic n ("button" `bˈʌʔn̩`): misaki writes `tᵊn`.
/// Longest first.
const GLOTTAL: &[(&str, &str)] = &[
    ("ʔˌn\u{329}", "tᵊn"),
    ("ʔn\u{329}", "tᵊn"),
    ("ʔn", "tᵊn"),
    ("ʔ", "t"),
];

/// Tied multi-letter phonemes → misaki's single letters.
const TIED: &[(&str, &str)] = &[
    ("a^ɪ", "I"),
    ("a^ʊ", "W"),
    ("e^ɪ", "A"),
    ("o^ʊ", "O"),
    ("ə^ʊ", "O"),
    ("ɔ^ɪ", "Y"),
    ("d^ʒ", "ʤ"),
    ("t^ʃ", "ʧ"),
    ("ə^l", "ᵊl"),
];

/// The same, written without a tie: how a user's lexicon entry (`[[IPA]]`) spells them.
const UNTIED: &[(&str, &str)] = &[
    ("aɪ", "I"),
    ("aʊ", "W"),
    ("eɪ", "A"),
    ("oʊ", "O"),
    ("əʊ", "O"),
    ("ɔɪ", "Y"),
    ("dʒ", "ʤ"),
    ("tʃ", "ʧ"),
];

/// Single letters espeak-ng uses that misaki writes otherwise. A bare `e` is the start of
/// /eɪ/; a bare `o` is what espeak-ng before 1.52 writes for /ɔ/ (misaki does the same).
const SINGLE: &[(&str, &str)] = &[
    ("ʲo", "jo"),
    ("ʲə", "jə"),
    ("ʲ", ""),
    ("ɚ", "əɹ"),
    ("e", "A"),
    ("r", "ɹ"),
    ("x", "k"),
    ("ç", "k"),
    ("ɬ", "l"),
    ("\u{303}", ""),
];

/// American length and r-colouring: misaki writes /ɜː/ as `ɜɹ`, /ɪə/ as `iə`, and no `ː`.
const AMERICAN: &[(&str, &str)] = &[
    ("ɜːɹ", "ɜɹ"),
    ("ɜː", "ɜɹ"),
    ("ɪə", "iə"),
    ("ː", ""),
    ("o", "ɔ"),
    // The flap: hibari's own G2P writes misaki's `ɾ` as `T`.
    ("ɾ", "T"),
];

fn replace_all(mut s: String, table: &[(&str, &str)]) -> String {
    for (from, to) in table {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

/// Rewrites espeak-ng's en-us IPA (letters of one phoneme tied with [`TIE`]) into hibari's
/// phoneme alphabet; stress marks (`ˈ` `ˌ`) and spaces are kept. Untied IPA (a user's
/// lexicon entry) is read too. Characters the model has no id for are left to [`ids`] to drop.
pub fn from_espeak(ipa: &str) -> String {
    let s = replace_all(ipa.to_string(), GLOTTAL);
    let s = replace_all(s, TIED);
    let s = replace_all(s, UNTIED);
    let s = replace_all(s, SINGLE);
    // A syllabic consonant (combining vertical line below) gets misaki's schwa before it.
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == TIE {
            continue;
        }
        if chars.peek() == Some(&'\u{329}') {
            chars.next();
            if !c.is_whitespace() {
                out.push('ᵊ');
            }
        }
        out.push(c);
    }
    replace_all(out, AMERICAN)
}

/// The model's phoneme string for phonemized clauses (phonemes already in the model's
/// alphabet): clauses joined by spaces, each followed by the punctuation that ended it (`,`
/// `;` `:` then a space; `.` `?` `!`), as misaki writes `ðə dˈɔɡ, hˌuz …`.
pub fn phoneme_string(clauses: &[Clause]) -> String {
    let mut s = String::new();
    for c in clauses {
        let phonemes = c.phonemes.trim();
        if !s.is_empty() && !s.ends_with(' ') && !phonemes.is_empty() {
            s.push(' ');
        }
        s.push_str(phonemes);
        match c.terminator {
            Some(t @ ('.' | '?' | '!')) => s.push(t),
            Some(t @ (',' | ':' | ';')) => {
                s.push(t);
                s.push(' ');
            }
            _ => {}
        }
    }
    s.trim_end().to_string()
}

/// Cuts a phoneme string into pieces of at most `max` characters (the model's input length
/// is counted in characters, one id each): after clause punctuation (`,` `;` `:` `.` `?` `!`)
/// first, packing as many clauses as fit; a clause still too long between words; a word
/// still too long anywhere. Pieces are trimmed; none is empty.
pub fn split(phonemes: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    if phonemes.chars().count() <= max {
        let whole = phonemes.trim();
        return if whole.is_empty() {
            Vec::new()
        } else {
            vec![whole.to_string()]
        };
    }
    // Clauses: text up to and including punctuation that a space follows.
    let mut clauses: Vec<&str> = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = phonemes.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(k + 1).is_some_and(|&(_, n)| n == ' ');
        if matches!(c, ',' | ';' | ':' | '.' | '?' | '!' | '—') && next_is_space {
            let end = i + c.len_utf8();
            clauses.push(&phonemes[start..end]);
            start = end;
        }
    }
    clauses.push(&phonemes[start..]);
    let mut pieces: Vec<String> = Vec::new();
    let mut current = String::new();
    let push_unit = |unit: &str, current: &mut String, pieces: &mut Vec<String>| {
        let unit = unit.trim();
        if unit.is_empty() {
            return;
        }
        let joined = current.chars().count() + 1 + unit.chars().count();
        if !current.is_empty() && joined > max {
            pieces.push(std::mem::take(current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(unit);
    };
    for clause in clauses {
        if clause.trim().chars().count() <= max {
            push_unit(clause, &mut current, &mut pieces);
            continue;
        }
        for word in clause.split(' ') {
            if word.chars().count() <= max {
                push_unit(word, &mut current, &mut pieces);
                continue;
            }
            let letters: Vec<char> = word.chars().collect();
            for part in letters.chunks(max) {
                push_unit(&part.iter().collect::<String>(), &mut current, &mut pieces);
            }
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Model ids for a phoneme string: the pad, each phoneme's id from the voice's `vocab.json`,
/// the pad. Characters without an id are left out, as hibari's package does; the second
/// value lists them.
pub fn ids(phonemes: &str, vocab: &HashMap<char, i64>) -> (Vec<i64>, Vec<char>) {
    let mut out = vec![PAD_ID];
    let mut unknown = Vec::new();
    for c in phonemes.chars() {
        match vocab.get(&c) {
            Some(&id) => out.push(id),
            None => unknown.push(c),
        }
    }
    out.push(PAD_ID);
    (out, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn espeak_ipa_becomes_misaki_phonemes() {
        // (espeak-ng 1.51 en-us, tied with ^; what hibari's own G2P writes for the word)
        let cases = [
            ("həlˈo^ʊ", "həlˈO"),
            ("ðˈɛ^ɹ", "ðˈɛɹ"),
            ("nˈa^ɪt", "nˈIt"),
            ("tɹˈe^ɪn", "tɹˈAn"),
            ("d^ʒˈɔ^ɪn", "ʤˈYn"),
            ("lˈʌnt^ʃ", "lˈʌnʧ"),
            ("hˌa^ʊ", "hˌW"),
            ("θˈɜːzde^ɪ", "θˈɜɹzdA"),
            ("bɹˈʌðɚ", "bɹˈʌðəɹ"),
            ("lˈɪɾə^l", "lˈɪTᵊl"),
            ("bˈʌʔn̩", "bˈʌtᵊn"),
            ("fˈɑːks", "fˈɑks"),
            ("ɡˈɑː^ɹdən", "ɡˈɑɹdən"),
            ("hɜː", "hɜɹ"),
            ("mˈɪli^ən", "mˈɪliən"),
            ("kwˈa^ɪ^ɚ", "kwˈIəɹ"),
            ("nˈiːdᵻd", "nˈidᵻd"),
        ];
        for (espeak, misaki) in cases {
            assert_eq!(from_espeak(espeak), misaki, "{espeak}");
        }
    }

    #[test]
    fn untied_lexicon_ipa_is_read_too() {
        assert_eq!(from_espeak("sˈiːɔːbɹə"), "sˈiɔbɹə");
        assert_eq!(from_espeak("dʒˈeɪmz"), "ʤˈAmz");
    }

    #[test]
    fn clauses_keep_their_punctuation() {
        let clause = |p: &str, t| Clause {
            phonemes: p.into(),
            terminator: t,
        };
        let s = phoneme_string(&[clause("ðə dˈɔɡ", Some(',')), clause("hˌuz", Some('?'))]);
        assert_eq!(s, "ðə dˈɔɡ, hˌuz?");
        assert_eq!(
            phoneme_string(&[clause("a", Some('.')), clause("b", None)]),
            "a. b"
        );
    }

    #[test]
    fn long_strings_are_cut_at_clauses_then_words() {
        assert_eq!(split("ab, cd. ef", 100), vec!["ab, cd. ef"]);
        assert_eq!(split("ab, cd. ef", 6), vec!["ab,", "cd. ef"]);
        assert_eq!(split("ab, cd. ef", 7), vec!["ab, cd.", "ef"]);
        assert_eq!(split("abc def ghi", 7), vec!["abc def", "ghi"]);
        assert_eq!(split("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert!(split("  ", 3).is_empty());
        for piece in split(&"wˈʌn tˈu, θɹˈi ".repeat(100), MAX_PHONEMES) {
            assert!(piece.chars().count() <= MAX_PHONEMES, "{piece}");
        }
    }

    #[test]
    fn ids_are_padded_and_unknown_letters_dropped() {
        let vocab: HashMap<char, i64> = [('h', 50), ('ə', 83), ('.', 4)].into_iter().collect();
        assert_eq!(ids("hə.", &vocab), (vec![0, 50, 83, 4, 0], vec![]));
        assert_eq!(ids("h#ə", &vocab), (vec![0, 50, 83, 0], vec!['#']));
    }
}
