//! The spoken form of a chunk: the exact text handed to the engine.
//!
//! Written text carries marks a listener should not hear read out ("*", "_", "|") and symbols
//! that engines read badly. This stage rewrites only what it must; it never changes words an
//! engine already reads right. Richer normalisation (dates, money, acronyms) grows here.

/// Returns the text to send to the engine for one chunk of written text.
pub fn spoken(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            // Markup leftovers and decoration: silent.
            '*' | '_' | '|' | '~' | '^' | '`' => out.push(' '),
            // Curly quotes and dashes are read as pauses at best; use the plain forms engines
            // handle as punctuation.
            '\u{2018}' | '\u{2019}' | '\u{201B}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{2014}' | '\u{2015}' => out.push_str(", "),
            '\u{2013}' => {
                // An unspaced en dash is a range ("10–12", "Paris–Berlin" → "to"); a spaced
                // one is a parenthetical dash.
                let prev = text[..i].chars().next_back();
                let next = text[i + c.len_utf8()..].chars().next();
                if prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)
                {
                    out.push_str(" to ");
                } else {
                    out.push_str(", ");
                }
            }
            '\u{2026}' => out.push_str("..."),
            '&' => out.push_str(" and "),
            _ => out.push(c),
        }
    }
    let collapsed = crate::ingest::collapse_whitespace(&out);
    // A dash turned into ", " can leave " , " or ",," behind.
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
            ("pages 10–12", "pages 10 to 12"),
            ("the Paris–Berlin route", "the Paris to Berlin route"),
            ("late – very late", "late, very late"),
            ("the council’s vote", "the council's vote"),
            ("Wait…", "Wait..."),
        ];
        for (written, expected) in cases {
            assert_eq!(spoken(written), expected, "spoken({written:?})");
        }
    }
}
