//! Lone symbols: "+" → "plus", "=" → "equals", "@" → "at", "and/or" → "and or". espeak-ng
//! skips most of them or reads "and slash or".

use super::Word;

/// Keys as a narrator names them, by how they are written on keyboards and in manuals.
const KEYS: [(&str, &str); 17] = [
    ("Ctrl", "Control"),
    ("Control", "Control"),
    ("Cmd", "Command"),
    ("Command", "Command"),
    ("Alt", "Alt"),
    ("Option", "Option"),
    ("Opt", "Option"),
    ("Shift", "Shift"),
    ("Win", "Windows"),
    ("Super", "Super"),
    ("Fn", "Function"),
    ("Del", "Delete"),
    ("Delete", "Delete"),
    ("Esc", "Escape"),
    ("Tab", "Tab"),
    ("Enter", "Enter"),
    ("Meta", "Meta"),
];

/// Keys only ever pressed with a modifier in [`KEYS`] ("Ctrl+Space", "Ctrl+/"), never first.
const SECOND_KEYS: [(&str, &str); 26] = [
    ("Space", "Space"),
    ("Backspace", "Backspace"),
    ("Return", "Return"),
    ("Home", "Home"),
    ("End", "End"),
    ("PgUp", "Page Up"),
    ("PgDn", "Page Down"),
    ("PageUp", "Page Up"),
    ("PageDown", "Page Down"),
    ("Ins", "Insert"),
    ("Insert", "Insert"),
    ("/", "slash"),
    ("\\", "backslash"),
    ("-", "minus"),
    ("=", "equals"),
    ("`", "backtick"),
    (",", "comma"),
    (".", "period"),
    ("[", "left bracket"),
    ("]", "right bracket"),
    ("Left", "Left"),
    ("Right", "Right"),
    ("Up", "Up"),
    ("Down", "Down"),
    ("PrtScn", "Print Screen"),
    ("PrtSc", "Print Screen"),
];

/// A key combination, "Ctrl+C", "Cmd+Shift+4", "Ctrl+Alt+Del" → "Control C", "Command Shift
/// 4", "Control Alt Delete", as manuals are read aloud (espeak-ng said "C M D plus shift plus
/// four"; found by a fresh tester). Parts joined by "+", the first a modifier of [`KEYS`], the
/// others keys of [`KEYS`], [`SECOND_KEYS`] ("Ctrl+Space", "Ctrl+/", "Alt+Left"), a letter, a
/// digit or a function key ("F5").
///
/// Written spaced too ("Ctrl + C", as some manuals write it; it was "Ctrl plus C"), then every
/// key capitalized ("win + loss", "Command + control" are words). A modifier in lower case is
/// one only when it is no English word ("ctrl+c", "cmd+v"; "win+win" is a word). Combinations
/// a slash apart are alternatives ("Ctrl+C/Cmd+C" → "Control C or Command C", "Ctrl/Cmd+C" →
/// "Control or Command C"). A comma or period key runs into the punctuation after it ("Ctrl+,"
/// → "Control comma").
pub(super) fn key_combination(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    // Most words hold no "+" and are no modifier before a spaced "+": they are left before
    // anything is allocated.
    let spaced = !word.core.contains('+')
        && word.trail.is_empty()
        && w.get(i + 1)
            .is_some_and(|n| n.core == "+" && n.lead.is_empty() && n.trail.is_empty());
    if !word.core.contains('+') && !spaced {
        return None;
    }
    if spaced {
        // "Ctrl + Shift + T": the parts and the "+"s between them, the last part's trail kept.
        let mut core = word.core.to_string();
        let plus = |n: &Word| n.core == "+" && n.lead.is_empty() && n.trail.is_empty();
        let mut j = i;
        while w[j].trail.is_empty() && w.get(j + 1).is_some_and(plus) {
            let part = w.get(j + 2)?;
            if !part.lead.is_empty()
                || !part
                    .core
                    .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            {
                return None;
            }
            core.push('+');
            core.push_str(part.core);
            j += 2;
        }
        let said = combination(&core, true)?;
        return Some((format!("{}{said}{}", word.lead, w[j].trail), j - i + 1));
    }
    // "Ctrl+," and "Ctrl+.": the key is the punctuation the word split off.
    let (core, trail) = match (word.core.strip_suffix('+'), word.trail.chars().next()) {
        (Some(_), Some(p @ (',' | '.'))) if !word.core.ends_with("++") => {
            (format!("{}{p}", word.core), &word.trail[1..])
        }
        _ => (word.core.to_string(), word.trail),
    };
    // Alternatives a slash apart; a lone modifier before the slash shares the keys after it.
    let pieces: Vec<&str> = core.split('/').filter(|p| !p.is_empty()).collect();
    let said = if pieces.len() == 2 && !pieces[0].contains('+') && core.matches('/').count() == 1 {
        // "Ctrl/Cmd+C": each modifier with the same keys, said once.
        let keys = pieces[1].split_once('+')?.1;
        let second = combination(pieces[1], false)?;
        let first = combination(&format!("{}+{keys}", pieces[0]), false)?;
        let keys_said = second.len() - second.split_once(' ')?.0.len();
        format!("{} or {second}", &first[..first.len() - keys_said])
    } else if pieces.len() > 1 && core.matches('/').count() == pieces.len() - 1 {
        pieces
            .iter()
            .map(|p| combination(p, false))
            .collect::<Option<Vec<_>>>()?
            .join(" or ")
    } else {
        combination(&core, false)?
    };
    Some((format!("{}{said}{trail}", word.lead), 1))
}

/// Lower-case modifiers that are no English word, so "ctrl+c" is a combination and "win+win",
/// "shift+work" are not.
const LOWER_CASE_MODIFIERS: [&str; 2] = ["ctrl", "cmd"];

/// The spoken keys of one combination, "Ctrl+Shift+T" → "Control Shift T", or `None` when it
/// is none (see [`key_combination`]). `spaced`: written "Ctrl + C", where a lower-case word
/// after the "+" is no mouse action.
fn combination(core: &str, spaced: bool) -> Option<String> {
    let parts: Vec<&str> = core.split('+').collect();
    let find = |keys: &[(&str, &str)], p: &str| {
        keys.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(p))
            .map(|(_, said)| (*said).to_string())
    };
    let key = |p: &str| find(&KEYS, p).or_else(|| find(&SECOND_KEYS, p));
    let modifier = parts[0];
    if modifier.starts_with(|c: char| c.is_lowercase()) && !LOWER_CASE_MODIFIERS.contains(&modifier)
    {
        return None;
    }
    let first =
        find(&KEYS, modifier).filter(|k| !matches!(k.as_str(), "Delete" | "Tab" | "Enter"))?;
    let mut said = vec![first];
    // "Ctrl++": the plus key, the last part then empty.
    let (parts, plus_key) = match core.strip_suffix("++") {
        Some(head) => (head.split('+').collect::<Vec<_>>(), true),
        None => (parts, false),
    };
    for (k, p) in parts.iter().enumerate().skip(1) {
        let plain = p.chars().count() == 1 && p.chars().all(|c| c.is_ascii_alphanumeric());
        let function = p.len() <= 3
            && p.strip_prefix(['F', 'f'])
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        match key(p) {
            Some(k) => said.push(k),
            None if plain || function => said.push((*p).to_uppercase()),
            // "Shift+click", "Ctrl+drag": the action with the mouse, last.
            None if !spaced
                && k == parts.len() - 1
                && !p.is_empty()
                && p.chars().all(|c| c.is_ascii_lowercase()) =>
            {
                said.push((*p).to_string())
            }
            None => return None,
        }
    }
    if plus_key {
        said.push("plus".to_string());
    }
    (said.len() > 1).then(|| said.join(" "))
}

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
        // Emoticons with letters, "Thanks :D", ":P": not read, as emoji are not (it was
        // "colon D"; found by a fresh tester). ":)" is punctuation to espeak-ng already; "XD" and
        // "xD" are names too ("Adobe XD", an xD memory card).
        ":D" | ":-D" | ";D" | ":P" | ":-P" | ":p" | ":-p" | ";P" | ";p" => {
            return Some((format!("{}{}", word.lead, word.trail), 1));
        }
        // "Copyright © 2024": the sign after the word says it again (it was "copyright
        // copyright"; found by a fresh tester).
        "©" if i > 0 && w[i - 1].core.eq_ignore_ascii_case("copyright") => {
            return Some((format!("{}{}", word.lead, word.trail), 1));
        }
        core if core.starts_with('#') => {
            // "the hashtag #MeToo": the word is said once ("hashtag hashtag"; found by a
            // fresh tester).
            let named = i > 0 && w[i - 1].core.eq_ignore_ascii_case("hashtag");
            return hashtag(word, !named);
        }
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

/// A hashtag: "#FloodWatch2025" → "hashtag Flood Watch 2025", its words split where the case
/// or digits change (espeak-ng said "hash floodwatch two thousand…"; found by a fresh tester).
/// A colour ("#D3D7CF", "#fff"), a code in capitals ("Part #DVG8M", "#N24", a shell comment
/// "#UMOUNT") and anything not a letter then letters and digits ("#1") are left as they are,
/// and so is a lower-case word without capitals or digits ("#include").
/// "hashtag" is said before the tag when `say_hashtag`.
fn hashtag(word: Word, say_hashtag: bool) -> Option<(String, usize)> {
    let tag = word.core.strip_prefix('#')?;
    let colour = matches!(tag.len(), 3 | 6 | 8) && tag.chars().all(|c| c.is_ascii_hexdigit());
    if colour
        || !tag.chars().any(char::is_lowercase)
        || !tag.starts_with(char::is_alphabetic)
        || !tag.chars().all(char::is_alphanumeric)
        || !tag
            .chars()
            .skip(1)
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    for c in tag.chars() {
        let split = prev.is_some_and(|p| {
            (p.is_lowercase() && c.is_uppercase())
                || (p.is_alphabetic() && c.is_ascii_digit())
                || (p.is_ascii_digit() && c.is_alphabetic())
        });
        match parts.last_mut() {
            Some(part) if !split => part.push(c),
            _ => parts.push(c.to_string()),
        }
        prev = Some(c);
    }
    // Digits read as a year when they look like one ("#Election2024"), else as a number.
    let said: Vec<String> = parts
        .into_iter()
        .map(|p| {
            if p.starts_with(|c: char| c.is_ascii_digit()) {
                super::dates_times::as_year(&p, None, None)
                    .unwrap_or_else(|| super::words::integer(&p))
            } else {
                p
            }
        })
        .collect();
    let hashtag = if say_hashtag { "hashtag " } else { "" };
    Some((
        format!("{}{hashtag}{}{}", word.lead, said.join(" "), word.trail),
        1,
    ))
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
