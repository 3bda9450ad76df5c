//! The language an article is written in: detected from its cleaned text, or given with
//! `--lang`.
//!
//! Languages are named by their BCP 47 primary language subtag: the ISO 639-1 code where one
//! exists (`en`, `fr`, `zh`), else the ISO 639-3 code (`yue`), as BCP 47 prescribes. Only the
//! language is recorded, never a region or script (`en`, not `en-GB`): the accent is the
//! voice's business.
//!
//! Detection uses the `whatlang` crate (trigram profiles of 69 languages, script detection
//! first). It was chosen over `lingua` and `whichlang` by `python3 benches/langdetect.py`
//! (README, "Language detection"): on texts of a paragraph it is as accurate as `lingua` with
//! all its languages, at a hundredth of the time and binary size and a seventieth of the
//! memory; `lingua` is more accurate on single sentences, which aloud does not decide on.
//!
//! The article's language is its *main* language: the text is read in windows of at least
//! [`WINDOW_LETTERS`] letters (whole blocks: the title, paragraphs, list items), each window's
//! language is detected, and each counts with its speaking weight ([`speaking_weight`])
//! times the detector's confidence. The language with the largest share wins, so an English
//! article quoting a paragraph of French is English, and a Chinese article that names
//! English products is Chinese.

use std::fmt;

/// A language, as a BCP 47 primary language subtag from [`LANGUAGES`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language {
    code: &'static str,
}

impl Language {
    /// English: the language aloud has spoken-form rules for, and its reading when an article
    /// is too short to tell (see [`detect`]).
    pub const ENGLISH: Language = Language { code: "en" };

    /// The BCP 47 primary language subtag: `en`, `fr`, `zh`, `yue`.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// The three-letter ISO 639-2/T code (`fra`, `zho`; a code already three letters long,
    /// `yue`, as it is): what an MP4 track's language and ID3's TLAN frame hold.
    pub fn iso639_2(self) -> &'static str {
        ISO_639_2
            .iter()
            .find(|(code, _)| *code == self.code)
            .map_or(self.code, |(_, three)| three)
    }

    /// The language's English name ("French"), for messages.
    pub fn name(self) -> &'static str {
        LANGUAGES
            .iter()
            .find(|(code, _)| *code == self.code)
            .map_or(self.code, |(_, name)| name)
    }

    /// The language a code names, case-insensitively: an ISO 639-1 code (`fr`), an ISO 639-3
    /// code of a language without one (`yue`), or a withdrawn ISO 639-1 code that BCP 47 maps
    /// to a current one (`iw` → `he`, `in` → `id`, `ji` → `yi`).
    ///
    /// # Errors
    /// [`LanguageError`] when the code is not one of these: a tag with a region or script
    /// (`en-GB`), a language name (`french`), or an unknown code. Its message is one line
    /// that says what to give instead.
    pub fn from_code(code: &str) -> Result<Language, LanguageError> {
        let lower = code.trim().to_ascii_lowercase();
        let lower = match lower.as_str() {
            "iw" => "he".to_string(),
            "in" => "id".to_string(),
            "ji" => "yi".to_string(),
            _ => lower,
        };
        if let Some((known, _)) = LANGUAGES.iter().find(|(c, _)| *c == lower) {
            return Ok(Language { code: known });
        }
        let hint = match lower.split(['-', '_']).collect::<Vec<_>>().as_slice() {
            [primary, _, ..] if LANGUAGES.iter().any(|(c, _)| c == primary) => {
                format!("give the language only ({primary}); the accent is chosen with --voice")
            }
            _ => match LANGUAGES
                .iter()
                .find(|(_, name)| name.eq_ignore_ascii_case(&lower))
            {
                Some((c, name)) => format!("{name} is {c}"),
                None => "give an ISO 639-1 code such as en, fr, de, es, ru, zh or ar".to_string(),
            },
        };
        Err(LanguageError {
            code: code.to_string(),
            hint,
        })
    }
}

impl Default for Language {
    fn default() -> Self {
        Language::ENGLISH
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl serde::Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> serde::Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Language::from_code(&code).map_err(serde::de::Error::custom)
    }
}

impl std::str::FromStr for Language {
    type Err = LanguageError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Language::from_code(code)
    }
}

/// A language code aloud does not know (see [`Language::from_code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--lang {code}: not a language code aloud knows; {hint}")]
pub struct LanguageError {
    /// The code as given.
    pub code: String,
    /// What to give instead.
    pub hint: String,
}

/// Every language code aloud accepts, with its English name: the 183 ISO 639-1 codes, and
/// ISO 639-3 codes for languages without one that espeak-ng 1.51 has a voice for (its
/// `--voices` list: Cantonese, Hakka, Hawaiian, Konkani…).
#[rustfmt::skip]
pub const LANGUAGES: &[(&str, &str)] = &[
    ("aa", "Afar"), ("ab", "Abkhazian"), ("ae", "Avestan"), ("af", "Afrikaans"), ("ak", "Akan"),
    ("am", "Amharic"), ("an", "Aragonese"), ("ar", "Arabic"), ("as", "Assamese"),
    ("av", "Avaric"), ("ay", "Aymara"), ("az", "Azerbaijani"), ("ba", "Bashkir"),
    ("be", "Belarusian"), ("bg", "Bulgarian"), ("bi", "Bislama"), ("bm", "Bambara"),
    ("bn", "Bengali"), ("bo", "Tibetan"), ("br", "Breton"), ("bs", "Bosnian"),
    ("ca", "Catalan"), ("ce", "Chechen"), ("ch", "Chamorro"), ("co", "Corsican"),
    ("cr", "Cree"), ("cs", "Czech"), ("cu", "Church Slavic"), ("cv", "Chuvash"),
    ("cy", "Welsh"), ("da", "Danish"), ("de", "German"), ("dv", "Divehi"), ("dz", "Dzongkha"),
    ("ee", "Ewe"), ("el", "Greek"), ("en", "English"), ("eo", "Esperanto"), ("es", "Spanish"),
    ("et", "Estonian"), ("eu", "Basque"), ("fa", "Persian"), ("ff", "Fulah"),
    ("fi", "Finnish"), ("fj", "Fijian"), ("fo", "Faroese"), ("fr", "French"),
    ("fy", "Western Frisian"), ("ga", "Irish"), ("gd", "Scottish Gaelic"), ("gl", "Galician"),
    ("gn", "Guarani"), ("gu", "Gujarati"), ("gv", "Manx"), ("ha", "Hausa"), ("he", "Hebrew"),
    ("hi", "Hindi"), ("ho", "Hiri Motu"), ("hr", "Croatian"), ("ht", "Haitian Creole"),
    ("hu", "Hungarian"), ("hy", "Armenian"), ("hz", "Herero"), ("ia", "Interlingua"),
    ("id", "Indonesian"), ("ie", "Interlingue"), ("ig", "Igbo"), ("ii", "Sichuan Yi"),
    ("ik", "Inupiaq"), ("io", "Ido"), ("is", "Icelandic"), ("it", "Italian"),
    ("iu", "Inuktitut"), ("ja", "Japanese"), ("jv", "Javanese"), ("ka", "Georgian"),
    ("kg", "Kongo"), ("ki", "Kikuyu"), ("kj", "Kuanyama"), ("kk", "Kazakh"),
    ("kl", "Kalaallisut"), ("km", "Khmer"), ("kn", "Kannada"), ("ko", "Korean"),
    ("kr", "Kanuri"), ("ks", "Kashmiri"), ("ku", "Kurdish"), ("kv", "Komi"), ("kw", "Cornish"),
    ("ky", "Kyrgyz"), ("la", "Latin"), ("lb", "Luxembourgish"), ("lg", "Ganda"),
    ("li", "Limburgish"), ("ln", "Lingala"), ("lo", "Lao"), ("lt", "Lithuanian"),
    ("lu", "Luba-Katanga"), ("lv", "Latvian"), ("mg", "Malagasy"), ("mh", "Marshallese"),
    ("mi", "Maori"), ("mk", "Macedonian"), ("ml", "Malayalam"), ("mn", "Mongolian"),
    ("mr", "Marathi"), ("ms", "Malay"), ("mt", "Maltese"), ("my", "Burmese"), ("na", "Nauru"),
    ("nb", "Norwegian Bokmål"), ("nd", "North Ndebele"), ("ne", "Nepali"), ("ng", "Ndonga"),
    ("nl", "Dutch"), ("nn", "Norwegian Nynorsk"), ("no", "Norwegian"),
    ("nr", "South Ndebele"), ("nv", "Navajo"), ("ny", "Chichewa"), ("oc", "Occitan"),
    ("oj", "Ojibwa"), ("om", "Oromo"), ("or", "Odia"), ("os", "Ossetian"), ("pa", "Punjabi"),
    ("pi", "Pali"), ("pl", "Polish"), ("ps", "Pashto"), ("pt", "Portuguese"),
    ("qu", "Quechua"), ("rm", "Romansh"), ("rn", "Rundi"), ("ro", "Romanian"),
    ("ru", "Russian"), ("rw", "Kinyarwanda"), ("sa", "Sanskrit"), ("sc", "Sardinian"),
    ("sd", "Sindhi"), ("se", "Northern Sami"), ("sg", "Sango"), ("si", "Sinhala"),
    ("sk", "Slovak"), ("sl", "Slovenian"), ("sm", "Samoan"), ("sn", "Shona"), ("so", "Somali"),
    ("sq", "Albanian"), ("sr", "Serbian"), ("ss", "Swati"), ("st", "Southern Sotho"),
    ("su", "Sundanese"), ("sv", "Swedish"), ("sw", "Swahili"), ("ta", "Tamil"),
    ("te", "Telugu"), ("tg", "Tajik"), ("th", "Thai"), ("ti", "Tigrinya"), ("tk", "Turkmen"),
    ("tl", "Tagalog"), ("tn", "Tswana"), ("to", "Tonga"), ("tr", "Turkish"), ("ts", "Tsonga"),
    ("tt", "Tatar"), ("tw", "Twi"), ("ty", "Tahitian"), ("ug", "Uyghur"), ("uk", "Ukrainian"),
    ("ur", "Urdu"), ("uz", "Uzbek"), ("ve", "Venda"), ("vi", "Vietnamese"), ("vo", "Volapük"),
    ("wa", "Walloon"), ("wo", "Wolof"), ("xh", "Xhosa"), ("yi", "Yiddish"), ("yo", "Yoruba"),
    ("za", "Zhuang"), ("zh", "Chinese"), ("zu", "Zulu"),
    // ISO 639-3, for languages without an ISO 639-1 code that espeak-ng has a voice for.
    ("bpy", "Bishnupriya Manipuri"), ("chr", "Cherokee"), ("grc", "Ancient Greek"),
    ("hak", "Hakka Chinese"), ("haw", "Hawaiian"), ("hyw", "Western Armenian"),
    ("jbo", "Lojban"), ("kok", "Konkani"), ("lfn", "Lingua Franca Nova"),
    ("ltg", "Latgalian"), ("nci", "Classical Nahuatl"), ("nog", "Nogai"),
    ("pap", "Papiamento"), ("quc", "K'iche'"), ("shn", "Shan"), ("smj", "Lule Sami"),
    ("yue", "Cantonese"),
];

/// The ISO 639-2/T code of every two-letter code of [`LANGUAGES`] (ISO 639-3's `alpha_3` for
/// its `alpha_2`, from Debian's `iso-codes` 4.15, `/usr/share/iso-codes/json/iso_639-3.json`;
/// for these languages ISO 639-3 and 639-2/T agree).
#[rustfmt::skip]
const ISO_639_2: &[(&str, &str)] = &[
    ("aa", "aar"), ("ab", "abk"), ("ae", "ave"), ("af", "afr"), ("ak", "aka"), ("am", "amh"),
    ("an", "arg"), ("ar", "ara"), ("as", "asm"), ("av", "ava"), ("ay", "aym"), ("az", "aze"),
    ("ba", "bak"), ("be", "bel"), ("bg", "bul"), ("bi", "bis"), ("bm", "bam"), ("bn", "ben"),
    ("bo", "bod"), ("br", "bre"), ("bs", "bos"), ("ca", "cat"), ("ce", "che"), ("ch", "cha"),
    ("co", "cos"), ("cr", "cre"), ("cs", "ces"), ("cu", "chu"), ("cv", "chv"), ("cy", "cym"),
    ("da", "dan"), ("de", "deu"), ("dv", "div"), ("dz", "dzo"), ("ee", "ewe"), ("el", "ell"),
    ("en", "eng"), ("eo", "epo"), ("es", "spa"), ("et", "est"), ("eu", "eus"), ("fa", "fas"),
    ("ff", "ful"), ("fi", "fin"), ("fj", "fij"), ("fo", "fao"), ("fr", "fra"), ("fy", "fry"),
    ("ga", "gle"), ("gd", "gla"), ("gl", "glg"), ("gn", "grn"), ("gu", "guj"), ("gv", "glv"),
    ("ha", "hau"), ("he", "heb"), ("hi", "hin"), ("ho", "hmo"), ("hr", "hrv"), ("ht", "hat"),
    ("hu", "hun"), ("hy", "hye"), ("hz", "her"), ("ia", "ina"), ("id", "ind"), ("ie", "ile"),
    ("ig", "ibo"), ("ii", "iii"), ("ik", "ipk"), ("io", "ido"), ("is", "isl"), ("it", "ita"),
    ("iu", "iku"), ("ja", "jpn"), ("jv", "jav"), ("ka", "kat"), ("kg", "kon"), ("ki", "kik"),
    ("kj", "kua"), ("kk", "kaz"), ("kl", "kal"), ("km", "khm"), ("kn", "kan"), ("ko", "kor"),
    ("kr", "kau"), ("ks", "kas"), ("ku", "kur"), ("kv", "kom"), ("kw", "cor"), ("ky", "kir"),
    ("la", "lat"), ("lb", "ltz"), ("lg", "lug"), ("li", "lim"), ("ln", "lin"), ("lo", "lao"),
    ("lt", "lit"), ("lu", "lub"), ("lv", "lav"), ("mg", "mlg"), ("mh", "mah"), ("mi", "mri"),
    ("mk", "mkd"), ("ml", "mal"), ("mn", "mon"), ("mr", "mar"), ("ms", "msa"), ("mt", "mlt"),
    ("my", "mya"), ("na", "nau"), ("nb", "nob"), ("nd", "nde"), ("ne", "nep"), ("ng", "ndo"),
    ("nl", "nld"), ("nn", "nno"), ("no", "nor"), ("nr", "nbl"), ("nv", "nav"), ("ny", "nya"),
    ("oc", "oci"), ("oj", "oji"), ("om", "orm"), ("or", "ori"), ("os", "oss"), ("pa", "pan"),
    ("pi", "pli"), ("pl", "pol"), ("ps", "pus"), ("pt", "por"), ("qu", "que"), ("rm", "roh"),
    ("rn", "run"), ("ro", "ron"), ("ru", "rus"), ("rw", "kin"), ("sa", "san"), ("sc", "srd"),
    ("sd", "snd"), ("se", "sme"), ("sg", "sag"), ("si", "sin"), ("sk", "slk"), ("sl", "slv"),
    ("sm", "smo"), ("sn", "sna"), ("so", "som"), ("sq", "sqi"), ("sr", "srp"), ("ss", "ssw"),
    ("st", "sot"), ("su", "sun"), ("sv", "swe"), ("sw", "swa"), ("ta", "tam"), ("te", "tel"),
    ("tg", "tgk"), ("th", "tha"), ("ti", "tir"), ("tk", "tuk"), ("tl", "tgl"), ("tn", "tsn"),
    ("to", "ton"), ("tr", "tur"), ("ts", "tso"), ("tt", "tat"), ("tw", "twi"), ("ty", "tah"),
    ("ug", "uig"), ("uk", "ukr"), ("ur", "urd"), ("uz", "uzb"), ("ve", "ven"), ("vi", "vie"),
    ("vo", "vol"), ("wa", "wln"), ("wo", "wol"), ("xh", "xho"), ("yi", "yid"), ("yo", "yor"),
    ("za", "zha"), ("zh", "zho"), ("zu", "zul"),
];

/// Windows of text are grown block by block until they hold at least this many letters
/// before their language is detected: about two sentences. On the texts of the benchmark,
/// `whatlang` is right on every paragraph and every mixed sentence, but wrong on 2 of 51
/// single sentences and 2 of 17 headlines.
pub const WINDOW_LETTERS: usize = 200;

/// A text in the Latin script with fewer letters than this (after leaving out words with
/// digits, web and e-mail addresses) is read as English: too short to tell. Measured on the
/// `written` column of `tests/data/speech_en.tsv` (English fragments such as "Dr. Ng paid
/// $5."), `whatlang` calls 54 of the 319 fragments under 20 letters English, and 15 of the 17
/// longer ones. Other scripts need no such floor: the script alone rules out English.
pub const MIN_LATIN_LETTERS: usize = 20;

/// At most this many windows of an article are given to the detector, spread evenly over
/// it (every window when there are fewer): detection costs about 0.1 ms a window, so a
/// 10 MB page of 50,000 windows spent 29 % of `aloud script` in `whatlang` (`perf record`
/// on the `big-article` page of `benches/hostile_html.py`, 2026-12-03). 256 windows are
/// about 50,000 letters, ten times a long feature article, so an article's main language
/// is still decided by windows from all of it.
pub const MAX_WINDOWS: usize = 256;

/// How much a character counts towards a language's share: about its speaking time. A Han
/// character, a kana or a Hangul syllable is a syllable, which takes about as long to say as
/// three letters of an alphabet (an English syllable averages about three letters); every
/// other letter counts one. Digits, punctuation and spaces count nothing.
pub fn speaking_weight(c: char) -> usize {
    if is_syllabic(c) {
        3
    } else if c.is_alphabetic() {
        1
    } else {
        0
    }
}

/// Han ideographs, kana and Hangul syllables: scripts whose characters are syllables or
/// words, written without spaces (Hangul aside).
fn is_syllabic(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF        // Hiragana, Katakana
        | 0x31F0..=0x31FF      // Katakana extensions
        | 0x3400..=0x4DBF      // CJK Extension A
        | 0x4E00..=0x9FFF      // CJK Unified Ideographs
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF66..=0xFF9D      // halfwidth Katakana
        | 0x20000..=0x3134F) // CJK Extensions B–G
}

/// The words of `text` that carry its language: without those holding digits ("2018",
/// "A321"), web or e-mail addresses ("www.example.org", "ana@example.org") or paths, which
/// read alike in every language and mislead a detector on short texts.
fn language_words(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| {
            !w.chars().any(|c| c.is_ascii_digit())
                && !w.contains(['@', '/', '\\'])
                && !w.to_ascii_lowercase().starts_with("www.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The language of one window of text and the detector's confidence in it (0–1), or `None`
/// when the detector finds no letters it knows.
pub fn detect_window(text: &str) -> Option<(Language, f64)> {
    let info = whatlang::detect(text)?;
    let language = from_whatlang(info.lang())?;
    Some((language, info.confidence()))
}

/// The main language of an article given as its blocks in reading order (title first), as
/// described in the module docs. Text with no letters, or Latin-script text with fewer than
/// [`MIN_LATIN_LETTERS`] letters, is [`Language::ENGLISH`], aloud's reading before it
/// detected languages.
///
/// Letters are counted for these floors ([`MIN_LATIN_LETTERS`], [`SHORT_LATIN_LETTERS`]) in
/// distinct words only: the evidence in a text is its vocabulary, and a word said again adds
/// none. A test article of 300 headings "Section N" each over "Body N." is two words, 11
/// letters, and English; read by its 3,300 letters it was French ("section" is a French word
/// too, and whatlang was sure of the repeated pair).
pub fn detect<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Language {
    let mut windows: Vec<String> = Vec::new();
    let mut window = String::new();
    let mut letters = 0;
    let (mut all_letters, mut latin_letters) = (0, 0);
    // The letters of the distinct words seen, counted up to what the floors below need.
    let mut seen = std::collections::HashSet::new();
    let mut distinct_letters = 0;
    for block in blocks {
        let words = language_words(block);
        for c in words.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            all_letters += 1;
            latin_letters += usize::from(is_latin(c));
        }
        if distinct_letters < SHORT_LATIN_LETTERS {
            for word in words.split_whitespace() {
                let word: String = word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .flat_map(char::to_lowercase)
                    .collect();
                let n = word.chars().count();
                if n > 0 && seen.insert(word) {
                    distinct_letters += n;
                }
            }
        }
        if !window.is_empty() {
            window.push('\n');
        }
        window.push_str(&words);
        if letters >= WINDOW_LETTERS {
            windows.push(std::mem::take(&mut window));
            letters = 0;
        }
    }
    if letters > 0 {
        windows.push(window);
    }
    let latin = latin_letters * 2 > all_letters;
    if all_letters == 0 || (latin && distinct_letters < MIN_LATIN_LETTERS) {
        return Language::ENGLISH;
    }
    let detected: Vec<(Language, f64, f64)> = spread(&windows, MAX_WINDOWS)
        .filter_map(|w| {
            let (language, confidence) = detect_window(w)?;
            let weight: usize = w.chars().map(speaking_weight).sum();
            Some((language, weight as f64, confidence))
        })
        .collect();
    // Latin-script text the detector is all but guessing at (a list of names, a line of
    // dialogue) stays English: a wrong language reads worse than English rules would.
    let floor = if distinct_letters < SHORT_LATIN_LETTERS {
        MIN_SHORT_LATIN_CONFIDENCE
    } else {
        MIN_LATIN_CONFIDENCE
    };
    let guessing = detected.iter().all(|&(_, _, c)| c < floor);
    if guessing && latin {
        return Language::ENGLISH;
    }
    let shares = detected
        .into_iter()
        .map(|(language, weight, confidence)| (language, weight * confidence.max(0.01)));
    let main = main_language(shares).unwrap_or(Language::ENGLISH);
    if main != Language::ENGLISH && latin && english_by_function_words(&windows, main) {
        return Language::ENGLISH;
    }
    main
}

/// English words that carry grammar and are not words of the other Latin-script languages
/// whatlang mistakes English for ("was", "will", "die", "an", "in", "on" and "is" are German,
/// French or Dutch words too, so they are left out).
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "and", "of", "with", "for", "that", "this", "are", "from", "have", "has", "by", "which",
    "their", "they", "you", "your", "our", "can", "not", "it", "its", "be", "been", "at", "or",
    "but", "more", "than", "what", "who", "how", "when", "there", "about", "into", "we", "were",
    "these", "those", "should", "would", "could", "after", "before",
];

/// English function words that are words of some other Latin-script languages too, with those
/// languages: they count as English against any other ("in" is no French word, so a short
/// English paragraph full of French names, "…maître d'hôtel at Café Olimpico on Rue
/// Saint-Viateur, served…", is English by "at" and "in"; found by a fresh tester).
const ENGLISH_ALSO_ELSEWHERE: &[(&str, &[&str])] = &[
    ("was", &["de", "nl"]),
    ("will", &["de"]),
    ("in", &["de", "nl", "it"]),
    ("on", &["fr"]),
    ("is", &["nl"]),
    ("an", &["de", "fr"]),
    ("die", &["de", "nl"]),
];

/// The commonest function words of the languages whatlang takes English lists and
/// catalogues for (French, German), and of the other Latin-script languages aloud has met.
const OTHER_FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "fr",
        &[
            "le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "pour", "dans", "sur",
            "avec", "que", "qui", "pas", "au", "aux", "votre", "vous", "nous", "son", "sa", "ses",
            "ce", "cette", "en", "par", "plus",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "ein", "eine", "nicht", "mit", "den", "von", "zu",
            "im", "auf", "für", "sich", "des", "dem", "auch", "es", "wie", "aus", "bei", "sie",
            "wir", "oder", "nach", "werden", "wird", "einer",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "del", "y", "es", "un", "una", "para", "con", "que",
            "por", "en", "se", "su", "sus", "al", "como", "más", "pero", "lo", "este", "esta",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "la", "gli", "le", "di", "del", "della", "e", "è", "un", "una", "per",
            "con", "che", "non", "si", "da", "al", "nel", "sono", "come", "più", "anche",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "a", "as", "de", "do", "da", "dos", "das", "e", "é", "um", "uma", "para",
            "com", "que", "não", "em", "no", "na", "por", "se", "mais", "como",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "met", "voor", "niet", "op", "te",
            "zijn", "er", "ook", "als", "aan", "bij", "naar", "om", "wordt", "worden",
        ],
    ),
];

/// Letters with the diacritics each language of [`OTHER_FUNCTION_WORDS`] writes often.
const DIACRITICS: &[(&str, &str)] = &[
    ("fr", "éèêàçùâîôûëïüœ"),
    ("de", "äöüß"),
    ("es", "ñáéíóú"),
    ("it", "àèéìòù"),
    ("pt", "ãõçáéíóúâêô"),
];

/// Whether Latin-script text that whatlang took for `detected` is English by its grammar.
/// Either English function words ([`ENGLISH_FUNCTION_WORDS`]) are at least 8 % of its words
/// and more than the detected language's own ([`OTHER_FUNCTION_WORDS`]; a language without a
/// list needs 15 %); or, in a text of names and terms with hardly any grammar words, the
/// detected language's are under 2 % of the words and its diacritics ([`DIACRITICS`]) under
/// 0.2 % of the letters (the French pages of the dev set have 3 %), and English ones are more
/// or, for a language that writes diacritics this often, the text has 300 letters or more
/// (a list of products whose names trigrams took for French has neither language's).
/// Trigrams mislead on texts made mostly of names and terms: of the extraction dev set's 806
/// true texts, a list of Nobel laureates was German and two English catalogues of services
/// and headphones French; its three French pages stay French (found by a fresh tester,
/// 2026-12-06; all 806 texts read before and after).
fn english_by_function_words(windows: &[String], detected: Language) -> bool {
    let (mut words, mut english, mut other) = (0usize, 0usize, 0usize);
    let (mut letters, mut marked) = (0usize, 0usize);
    let list = OTHER_FUNCTION_WORDS
        .iter()
        .find(|(code, _)| *code == detected.code())
        .map(|(_, list)| *list);
    let diacritics = DIACRITICS
        .iter()
        .find(|(code, _)| *code == detected.code())
        .map_or("", |(_, d)| *d);
    for window in windows {
        for c in window.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            marked += usize::from(c.to_lowercase().any(|l| diacritics.contains(l)));
        }
        for word in window.split_whitespace() {
            let word: String = word
                .trim_matches(|c: char| !c.is_alphabetic())
                .to_lowercase();
            if word.is_empty() {
                continue;
            }
            words += 1;
            let shared_elsewhere = ENGLISH_ALSO_ELSEWHERE
                .iter()
                .any(|(w, langs)| *w == word && !langs.contains(&detected.code()));
            english +=
                usize::from(ENGLISH_FUNCTION_WORDS.contains(&word.as_str()) || shared_elsewhere);
            other += usize::from(list.is_some_and(|l| l.contains(&word.as_str())));
        }
    }
    let share = english as f64 / words.max(1) as f64;
    let other_share = other as f64 / words.max(1) as f64;
    let marked_share = marked as f64 / letters.max(1) as f64;
    match list {
        Some(_) => {
            let telling = !diacritics.is_empty() && letters >= 300;
            (share >= 0.08 && english > other)
                || ((english > other || (telling && english == other))
                    && other_share < 0.02
                    && marked_share < 0.002)
        }
        None => share >= 0.15,
    }
}

/// At most `most` items of `items`, spread evenly from the first: all of them when there are
/// no more than `most`.
fn spread<T>(items: &[T], most: usize) -> impl Iterator<Item = &T> {
    let n = items.len();
    let take = n.min(most);
    (0..take).map(move |i| &items[i * n / take])
}

/// whatlang's confidence (0–1) below which Latin-script text is not taken from English:
/// "Alpha, bravo, charlie, delta, echo, foxtrot." is Italian at 0.013 and "Today?" Spanish at
/// 0.006, while one plain sentence in Italian or Portuguese scores 1.0 (whatlang 0.18).
const MIN_LATIN_CONFIDENCE: f64 = 0.05;

/// Latin-script text with fewer letters than this (about one sentence) is taken from English
/// only at [`MIN_SHORT_LATIN_CONFIDENCE`]. `python3 benches/short_language.py` (2026-12-04):
/// of 2,308 English sentences of 20–99 letters from the extraction dev set's true texts, read
/// alone, 283 (12 %) were taken for another language at the 0.05 floor ("The harbour opens at
/// nine." Danish at 0.19), against 1 % from 100 letters up.
pub const SHORT_LATIN_LETTERS: usize = 100;

/// whatlang's confidence below which a short Latin-script text ([`SHORT_LATIN_LETTERS`]) stays
/// English. With it, `benches/short_language.py` measured the English sentences of 20–99 letters
/// read as another language 283 → 11 of 2,308, and the other Latin-script languages' headlines,
/// sentences and two-sentence texts (benches/langdetect/texts.tsv) read right 24 → 21 of 36
/// (single sentences of Spanish, Portuguese and Dutch lost; the headlines were
/// already English). aloud reads English first; for a short text in another language, give
/// `--lang`.
const MIN_SHORT_LATIN_CONFIDENCE: f64 = 0.5;

/// The language with the largest total share among `(language, share)` pairs; ties go to the
/// language met first. `None` for no pairs.
pub fn main_language(shares: impl IntoIterator<Item = (Language, f64)>) -> Option<Language> {
    let mut totals: Vec<(Language, f64)> = Vec::new();
    for (language, share) in shares {
        match totals.iter_mut().find(|(l, _)| *l == language) {
            Some((_, total)) => *total += share,
            None => totals.push((language, share)),
        }
    }
    totals
        .into_iter()
        .fold(None, |best: Option<(Language, f64)>, (l, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((l, s)),
        })
        .map(|(l, _)| l)
}

/// Whether a letter is of the Latin script (ASCII, Latin-1, Latin Extended A/B and
/// Additional, IPA).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0xC0..=0x24F | 0x250..=0x2AF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F)
}

/// The BCP 47 code of a `whatlang` language: its ISO 639-3 code mapped to ISO 639-1 (Mandarin
/// `cmn` is `zh`, Iranian Persian `pes` is `fa`, Bokmål `nob` is `nb`).
fn from_whatlang(lang: whatlang::Lang) -> Option<Language> {
    use whatlang::Lang as W;
    let code = match lang {
        W::Afr => "af",
        W::Aka => "ak",
        W::Amh => "am",
        W::Ara => "ar",
        W::Aze => "az",
        W::Bel => "be",
        W::Ben => "bn",
        W::Bul => "bg",
        W::Cat => "ca",
        W::Ces => "cs",
        W::Cmn => "zh",
        W::Cym => "cy",
        W::Dan => "da",
        W::Deu => "de",
        W::Ell => "el",
        W::Eng => "en",
        W::Epo => "eo",
        W::Est => "et",
        W::Fin => "fi",
        W::Fra => "fr",
        W::Guj => "gu",
        W::Heb => "he",
        W::Hin => "hi",
        W::Hrv => "hr",
        W::Hun => "hu",
        W::Hye => "hy",
        W::Ind => "id",
        W::Ita => "it",
        W::Jav => "jv",
        W::Jpn => "ja",
        W::Kan => "kn",
        W::Kat => "ka",
        W::Khm => "km",
        W::Kor => "ko",
        W::Lat => "la",
        W::Lav => "lv",
        W::Lit => "lt",
        W::Mal => "ml",
        W::Mar => "mr",
        W::Mkd => "mk",
        W::Mya => "my",
        W::Nep => "ne",
        W::Nld => "nl",
        W::Nob => "nb",
        W::Ori => "or",
        W::Pan => "pa",
        W::Pes => "fa",
        W::Pol => "pl",
        W::Por => "pt",
        W::Ron => "ro",
        W::Rus => "ru",
        W::Sin => "si",
        W::Slk => "sk",
        W::Slv => "sl",
        W::Sna => "sn",
        W::Spa => "es",
        W::Srp => "sr",
        W::Swe => "sv",
        W::Tam => "ta",
        W::Tel => "te",
        W::Tgl => "tl",
        W::Tha => "th",
        W::Tuk => "tk",
        W::Tur => "tr",
        W::Ukr => "uk",
        W::Urd => "ur",
        W::Uzb => "uz",
        W::Vie => "vi",
        W::Yid => "yi",
        W::Zul => "zu",
    };
    Language::from_code(code).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_a_three_letter_code() {
        for (code, _) in LANGUAGES {
            let three = Language::from_code(code).unwrap().iso639_2();
            assert!(
                three.len() == 3 && three.bytes().all(|b| b.is_ascii_lowercase()),
                "{code}: {three}"
            );
        }
        for (code, three) in [
            ("en", "eng"),
            ("fr", "fra"),
            ("de", "deu"),
            ("zh", "zho"),
            ("yue", "yue"),
        ] {
            assert_eq!(Language::from_code(code).unwrap().iso639_2(), three);
        }
    }

    fn lang(code: &str) -> Language {
        Language::from_code(code).unwrap()
    }

    #[test]
    fn detects_a_short_text_of_two_sentences_in_its_language() {
        let cases = [
            (
                "en",
                "The ferry to the island was cancelled again because of the storm. \
                    Passengers waited in the cafe until the evening.",
            ),
            (
                "fr",
                "Le boulanger du village ouvre sa boutique tous les matins à six heures. \
                    Les premiers clients arrivent avant le lever du soleil.",
            ),
            (
                "de",
                "Die Kinder spielten den ganzen Nachmittag im Garten hinter dem Haus. \
                    Erst als es dunkel wurde, kamen sie herein.",
            ),
            (
                "es",
                "Mi abuela prepara una sopa de verduras cada domingo para toda la familia. \
                    Nadie se levanta de la mesa hasta que termina el postre.",
            ),
            (
                "ru",
                "Мы долго ждали автобус на остановке, но он так и не пришёл. \
                    Пришлось идти пешком через весь город.",
            ),
            (
                "zh",
                "我们明天早上八点在火车站门口见面，然后一起去爬山。记得带上水和雨伞。",
            ),
            (
                "ar",
                "ذهبنا إلى الشاطئ في الصباح الباكر قبل أن تشتد حرارة الشمس. \
                    وعدنا إلى البيت قبل الظهر.",
            ),
        ];
        for (want, text) in cases {
            assert_eq!(detect([text]), lang(want), "{text}");
        }
    }

    #[test]
    fn latin_text_the_detector_only_guesses_at_stays_english() {
        for text in [
            "Alpha, bravo, charlie, delta, echo, foxtrot.",
            "Today? Tomorrow.",
            // One short sentence: Danish at 0.19 without the short-text floor.
            "The harbour opens at nine.",
        ] {
            assert_eq!(detect([text]), Language::ENGLISH, "{text}");
        }
        // A short sentence the detector is sure of keeps its language.
        for (want, text) in [
            ("pl", "Pociąg do Krakowa odjeżdża o dziewiątej rano."),
            ("de", "Die Fähre fährt heute wegen des Sturms nicht."),
        ] {
            assert_eq!(detect([text]), lang(want), "{text}");
        }
    }

    #[test]
    fn detects_one_sentence_in_other_languages() {
        let cases = [
            (
                "it",
                "Ogni estate andiamo al mare con i nostri cugini di Napoli.",
            ),
            (
                "pt",
                "O meu irmão mais novo aprendeu a nadar no rio perto da aldeia.",
            ),
            (
                "uk",
                "Учора ввечері ми довго гуляли парком і розмовляли про подорожі.",
            ),
            ("ja", "昨日は友だちと一緒に駅前の新しい喫茶店に行きました。"),
            ("he", "בבוקר הלכנו לשוק וקנינו ירקות טריים לארוחת הערב."),
            ("hi", "हम कल सुबह जल्दी उठकर पहाड़ों की ओर घूमने जाएंगे।"),
            (
                "el",
                "Το καλοκαίρι πηγαίνουμε πάντα στο νησί της γιαγιάς μου.",
            ),
        ];
        for (want, text) in cases {
            assert_eq!(detect([text]), lang(want), "{text}");
        }
    }

    #[test]
    fn spreads_a_sample_evenly_over_all_items() {
        let items: Vec<usize> = (0..1000).collect();
        let picked: Vec<usize> = spread(&items, 4).copied().collect();
        assert_eq!(picked, [0, 250, 500, 750]);
        let few = [1, 2, 3];
        assert_eq!(spread(&few, MAX_WINDOWS).count(), 3);
        assert_eq!(spread::<u8>(&[], MAX_WINDOWS).count(), 0);
    }

    #[test]
    fn samples_windows_from_the_whole_of_a_long_article() {
        // More windows than the detector is given: 400 of English, then 1,200 of French.
        // Taking only the first MAX_WINDOWS would call it English.
        let english = "The council met on Monday to discuss the cost of the new sea wall, \
                       which residents say is long overdue after the winter storms.";
        let french = "Le conseil s'est réuni lundi pour discuter du coût de la nouvelle digue, \
                      que les habitants attendent depuis les tempêtes de l'hiver dernier.";
        let blocks: Vec<&str> = std::iter::repeat_n(english, 400)
            .chain(std::iter::repeat_n(french, 1200))
            .collect();
        assert!(blocks.len() > 2 * MAX_WINDOWS);
        assert_eq!(detect(blocks), lang("fr"));
    }

    /// A shop's listing: a brand whose made-up name reads French to trigrams, model names,
    /// "Sold out", prices (written here, after an English headphone catalogue of the
    /// extraction dev set that was read in French).
    fn listing(models: &[&str]) -> Vec<String> {
        let mut blocks = vec!["Collection: Vernier".to_string(), "12 products".to_string()];
        for (i, m) in models.iter().enumerate() {
            blocks.push(format!("Vernier {m} Headphones"));
            if i % 3 == 0 {
                blocks.push("Sold out".into());
            }
            if i % 4 == 1 {
                blocks.push("On sale".into());
            }
            blocks.push(format!("${}.95", 199 + i * 50));
        }
        blocks
    }

    #[test]
    fn a_short_english_paragraph_full_of_french_names_is_english() {
        let text = [
            "Crêpes in Québec",
            "Émilie Gagnon-Bérubé, chef de cuisine at Crêperie Sainte-Hélène on Boulevard \
             René-Lévesque, sold 900 crêpes on 4 June 2025. Sales rose 7%.",
        ];
        assert_eq!(detect(text), Language::ENGLISH);
        // A French paragraph of the same length stays French.
        let french = [
            "Crêpes à Québec",
            "Émilie Gagnon-Bérubé, chef de cuisine à la Crêperie Sainte-Hélène sur le boulevard \
             René-Lévesque, a vendu 900 crêpes le 4 juin 2025. Les ventes ont augmenté de 7 %.",
        ];
        assert_eq!(detect(french), lang("fr"));
    }

    #[test]
    fn a_listing_of_names_without_another_language_s_grammar_or_accents_stays_english() {
        let models = [
            "HX 400",
            "HX 500 Wireless",
            "Lumiere 2",
            "Solene True Wireless",
            "HX 700 Studio",
            "Etoile In-Ear",
            "Rivage 3",
            "HX 900 Reference",
            "Celeste Open",
            "Marine Sport",
        ];
        let blocks = listing(&models);
        let windows: Vec<String> = vec![blocks
            .iter()
            .map(|b| language_words(b))
            .collect::<Vec<_>>()
            .join("\n")];
        // What the trigrams say, which the grammar check overrules.
        assert_eq!(detect_window(&windows[0]).map(|(l, _)| l), Some(lang("fr")));
        assert_eq!(detect(blocks.iter().map(String::as_str)), Language::ENGLISH);
        // The same listing in French, with its accents and a line of French, stays French.
        let mut french = listing(&[
            "Lumière 2",
            "Solène Sans Fil",
            "Étoile Intra-auriculaire",
            "Céleste Ouvert",
            "Rivage 3",
            "Marine Sport",
            "Écho Studio",
            "Rêverie",
            "Brisé",
            "Été",
        ]);
        french.push("Livraison gratuite dès 50 € d'achat, retours sous 30 jours.".into());
        assert_eq!(detect(french.iter().map(String::as_str)), lang("fr"));
    }

    #[test]
    fn detects_an_article_from_its_title_and_blocks() {
        let title = "Le marché couvert rouvre ses portes";
        let blocks = [
            "Après dix-huit mois de travaux, le marché couvert de la place centrale accueille de \
             nouveau les commerçants et leurs clients.",
            "Les habitants du quartier se sont pressés dès l'ouverture pour retrouver le \
             fromager, le poissonnier et le marchand de fleurs.",
        ];
        assert_eq!(detect(std::iter::once(title).chain(blocks)), lang("fr"));
    }

    #[test]
    fn reads_a_mixed_article_in_its_main_language() {
        // An English article quoting a paragraph of French: English by share.
        let english = [
            "The harbour committee met on Monday evening to discuss the future of the old fish \
             market, which has stood empty since the spring floods damaged its foundations.",
            "A visiting architect from Lyon opened her remarks in French:",
            "« Nous avons restauré des bâtiments bien plus abîmés que celui-ci, et ils servent \
             encore aujourd'hui. »",
            "Several members said afterwards that the cost of the repairs would decide the \
             matter, and that a vote was expected before the end of the year.",
        ];
        assert_eq!(detect(english), lang("en"));
        // A Chinese article naming English products and companies: Chinese.
        let chinese = [
            "苹果公司今天发布了新款 iPhone 和 MacBook Air，价格比去年略有下降。",
            "分析师认为，Samsung 和 Google 也会在秋季推出新的手机，市场竞争会更加激烈。",
        ];
        assert_eq!(detect(chinese), lang("zh"));
        // A Russian article with Latin brand names.
        let russian = [
            "Компания Microsoft выпустила обновление для Windows, которое исправляет \
                        ошибку в работе принтеров.",
        ];
        assert_eq!(detect(russian), lang("ru"));
    }

    #[test]
    fn text_of_a_few_repeated_words_stays_english() {
        // A generated article: 300 numbered headings, each over a numbered one-line body.
        let blocks: Vec<String> = (1..=300)
            .flat_map(|n| [format!("Section {n}"), format!("Body {n}.")])
            .collect();
        assert_eq!(detect(blocks.iter().map(String::as_str)), Language::ENGLISH);
        // The same with a little more vocabulary, still under a sentence's worth of words.
        let blocks: Vec<String> = (1..=300)
            .flat_map(|n| {
                [
                    format!("Section {n}"),
                    format!("Note {n}: section {n} ends here."),
                ]
            })
            .collect();
        assert_eq!(detect(blocks.iter().map(String::as_str)), Language::ENGLISH);
        // Repeated headings over real French paragraphs: still French.
        let french = [
            "Le boulanger du village ouvre sa boutique tous les matins à six heures.",
            "Les premiers clients arrivent avant le lever du soleil et repartent avec du pain.",
            "Après dix-huit mois de travaux, le marché couvert accueille de nouveau les \
             commerçants et leurs clients.",
        ];
        let blocks: Vec<String> = (1..=30)
            .flat_map(|n| [format!("Section {n}"), french[n % 3].to_string()])
            .collect();
        assert_eq!(detect(blocks.iter().map(String::as_str)), lang("fr"));
    }

    #[test]
    fn reads_text_too_short_to_tell_as_english() {
        let cases = [
            "",
            "2023",
            "Dr. Ng paid $5.",
            "visit www.example.org/news.",
            "Siobhra rang 307-555-0148.",
            "—",
        ];
        for text in cases {
            assert_eq!(detect([text]), Language::ENGLISH, "{text:?}");
        }
    }

    #[test]
    fn other_scripts_need_no_minimum_length() {
        let cases = [
            ("ru", "Вечерние новости"),
            ("zh", "晚间新闻"),
            ("el", "Καλημέρα"),
            ("he", "חדשות הערב"),
        ];
        for (want, text) in cases {
            assert_eq!(detect([text]), lang(want), "{text}");
        }
    }

    #[test]
    fn weighs_a_syllabic_character_as_three_letters() {
        assert_eq!(speaking_weight('中'), 3);
        assert_eq!(speaking_weight('か'), 3);
        assert_eq!(speaking_weight('한'), 3);
        assert_eq!(speaking_weight('a'), 1);
        assert_eq!(speaking_weight('ж'), 1);
        assert_eq!(speaking_weight('5'), 0);
        assert_eq!(speaking_weight('。'), 0);
    }

    #[test]
    fn main_language_is_the_largest_share() {
        let (en, fr) = (lang("en"), lang("fr"));
        assert_eq!(main_language([(en, 1.0), (fr, 0.8), (fr, 0.8)]), Some(fr));
        assert_eq!(
            main_language([(en, 1.0), (fr, 1.0)]),
            Some(en),
            "a tie: first met"
        );
        assert_eq!(main_language([]), None);
    }

    #[test]
    fn parses_codes_case_insensitively_and_maps_withdrawn_ones() {
        let cases = [
            ("fr", "fr"),
            ("FR", "fr"),
            (" zh ", "zh"),
            ("yue", "yue"),
            ("iw", "he"),
            ("in", "id"),
            ("ji", "yi"),
        ];
        for (given, code) in cases {
            assert_eq!(Language::from_code(given).unwrap().code(), code, "{given}");
        }
        assert_eq!(lang("fr").name(), "French");
        assert_eq!(lang("zh").to_string(), "zh");
    }

    #[test]
    fn refuses_what_is_not_a_language_code_in_one_line() {
        let cases = [
            ("xx", "give an ISO 639-1 code such as en, fr"),
            ("en-GB", "give the language only (en)"),
            ("pt_BR", "give the language only (pt)"),
            ("french", "French is fr"),
            ("", "give an ISO 639-1 code"),
            ("eng", "give an ISO 639-1 code"),
        ];
        for (given, hint) in cases {
            let message = Language::from_code(given).unwrap_err().to_string();
            assert!(message.contains(hint), "{given}: {message}");
            assert!(
                message.starts_with(&format!("--lang {given}:")),
                "{message}"
            );
            assert!(!message.contains('\n'), "{message}");
        }
    }

    #[test]
    fn every_code_is_unique_lower_case_and_two_or_three_letters() {
        let mut seen = std::collections::HashSet::new();
        for (code, name) in LANGUAGES {
            assert!(seen.insert(code), "{code} twice");
            assert!((2..=3).contains(&code.len()), "{code}");
            assert!(code.bytes().all(|b| b.is_ascii_lowercase()), "{code}");
            assert!(!name.is_empty());
        }
        assert_eq!(LANGUAGES.iter().filter(|(c, _)| c.len() == 2).count(), 183);
    }

    #[test]
    fn serializes_as_its_code() {
        let json = serde_json::to_string(&lang("ar")).unwrap();
        assert_eq!(json, "\"ar\"");
        let back: Language = serde_json::from_str(&json).unwrap();
        assert_eq!(back, lang("ar"));
        assert!(serde_json::from_str::<Language>("\"xx\"").is_err());
    }
}
