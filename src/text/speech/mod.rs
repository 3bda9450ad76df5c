//! The spoken form of a chunk: the exact text handed to the engine.
//!
//! Written text carries marks a listener should not hear read out ("*", "_", "|") and forms an
//! engine reads badly or not at all: "Oct. 5, 2018", "$1.5bn", "Charles III", "Dr." read as a
//! sentence end. This stage rewrites only what it must; it never changes words the engine
//! already reads right.
//!
//! It runs in two passes. [`prepare`] is language-neutral: it removes markup and turns
//! typographic characters into the plain ones engines handle. A language module then rewrites
//! word by word from its own tables; English ([`en`]) is the only one so far. A new language is
//! a module with its tables (number words, abbreviations, units, month names) plus a
//! [`Language`] variant.

pub mod en;

/// A language whose written conventions we know how to read aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// English, read in American style (the default `en-us` voice).
    #[default]
    English,
}

/// Returns the text to send to the engine for one chunk of written English text.
pub fn spoken(text: &str) -> String {
    spoken_in(Language::English, text)
}

/// Returns the text to send to the engine for one chunk of written text in `language`.
pub fn spoken_in(language: Language, text: &str) -> String {
    let prepared = prepare(text);
    let read = match language {
        Language::English => en::normalize(&prepared),
    };
    tidy(&read)
}

/// The language-neutral pass: markup leftovers, curly quotes, dashes and ellipses.
pub fn prepare(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let prev = text[..i].chars().next_back();
        let next = text[i + c.len_utf8()..].chars().next();
        let inside_word =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        match c {
            // An underscore inside a word belongs to it (an e-mail address, a handle).
            '_' if inside_word => out.push(c),
            // Markup leftovers and decoration: silent.
            '*' | '_' | '|' | '~' | '^' | '`' => out.push(' '),
            // Curly quotes and dashes are read as pauses at best; use the plain forms engines
            // handle as punctuation.
            '\u{2018}' | '\u{2019}' | '\u{201B}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{2014}' | '\u{2015}' => out.push_str(", "),
            // An unspaced en dash is a range ("10–12", "Paris–Berlin" → "to"); a spaced one is
            // a parenthetical dash.
            '\u{2013}' if inside_word => out.push_str(" to "),
            '\u{2013}' => out.push_str(", "),
            // The typographic minus sign: the language pass reads "-5" as a negative number.
            '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            // "R&D", "AT&T": espeak-ng reads these right as written, and " and " would make
            // "AT" the word "at".
            '&' if inside_word => out.push(c),
            '&' => out.push_str(" and "),
            _ => out.push(c),
        }
    }
    out
}

/// Collapses whitespace and the stray commas a dash turned into ", " can leave behind.
fn tidy(text: &str) -> String {
    let collapsed = crate::ingest::collapse_whitespace(text);
    collapsed.replace(" ,", ",").replace(",,", ",")
}

#[cfg(test)]
mod tests {
    use super::spoken;

    #[test]
    fn rewrites_only_what_engines_misread() {
        let cases = [
            ("Plain words stay.", "Plain words stay."),
            ("Salt & pepper", "Salt and pepper"),
            ("It was *very* good", "It was very good"),
            ("“Go,” she said — now.", "\"Go,\" she said, now."),
            ("pages 10–12", "pages ten to twelve"),
            ("the Paris–Berlin route", "the Paris to Berlin route"),
            ("late – very late", "late, very late"),
            ("the council’s vote", "the council's vote"),
            ("Wait…", "Wait..."),
            ("R&D and AT&T", "R&D and AT&T"),
            ("a snake_case name", "a snake_case name"),
        ];
        for (written, expected) in cases {
            assert_eq!(spoken(written), expected, "spoken({written:?})");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "",
            " ",
            "$",
            "€.",
            "-",
            "--5",
            "1,2,3",
            "1..2",
            "99999999999999999999",
            "$99999999999999999999bn",
            "-99999999999999999999.99999",
            "#",
            "@",
            "a@b",
            "@.",
            "'",
            "'0s",
            "0s",
            "Oct. 99, 99999",
            "5 October",
            "Chapter",
            "MMMMMMMMMMMMMMMMMMMMMMMM",
            "Louis XIV XV",
            "日本語 ünïcödé — ½ ² ٣",
            "1/0",
            "0/0",
            "12:99",
            "°C",
            "5°",
            "No.",
            "St.",
            "e.g",
        ];
        // Alone and in every pair, so rules that look at neighbours see odd neighbours too.
        for a in odd {
            let _ = spoken(a);
            for b in odd {
                let _ = spoken(&format!("{a} {b}"));
                let _ = spoken(&format!("{a}{b}"));
            }
        }
    }
}
