//! Speech normalisation judged by ear, through the real libespeak-ng: for every case of
//! `tests/data/speech_en.tsv`, the phonemes espeak-ng produces for `spoken(written)` must equal
//! the phonemes of the reference reading, the plain words a narrator would say.
//!
//! Phonemes come in-process from `espeak_TextToPhonemes` (espeak-ng's ASCII phoneme mnemonics),
//! clause by clause. Before comparing, [`sounds`] drops whitespace (word and clause boundaries)
//! and the stress marks `'` and `,`: espeak-ng stresses each written word on its own, so the
//! reference "the U S government" gets three primary stresses where the spoken "the US
//! government" gets one, and "forty two" differs from "forty-two" only in stress, though a
//! listener hears the same words. Everything else counts: every phoneme, vowel quality, the
//! flap mark `#`, and the pause marks (`_:` and the like) that punctuation produces inside a
//! clause. A clause break itself leaves no mark (clauses are joined with a space), so "Dr."
//! read as a sentence end is caught by the unit tests, not here.

use aloud::engine::espeak::Espeak;
use aloud::engine::VoiceSettings;
use aloud::text::speech::spoken;

const CASES: &str = include_str!("data/speech_en.tsv");

/// (behaviour, written, reference reading) of every case.
fn cases() -> Vec<(&'static str, &'static str, &'static str)> {
    CASES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "malformed case line: {l:?}");
            (cols[0], cols[1], cols[3])
        })
        .collect()
}

fn espeak() -> Espeak {
    Espeak::open(&VoiceSettings::default())
        .expect("libespeak-ng is needed for this test (scripts/setup installs it)")
}

/// The phonemes of `text`, as espeak-ng prints them.
fn phonemes(engine: &Espeak, text: &str) -> String {
    engine
        .phonemes(text, false)
        .unwrap_or_else(|e| panic!("phonemes of {text:?}: {e}"))
}

/// What a listener hears: the phonemes without word boundaries and stress marks.
fn sounds(engine: &Espeak, text: &str) -> String {
    phonemes(engine, text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | ','))
        .collect()
}

#[test]
fn spoken_text_sounds_like_the_reference_reading() {
    let engine = espeak();
    let all = cases();
    assert!(all.len() >= 80, "only {} cases", all.len());
    let failures: Vec<String> = all
        .iter()
        .filter_map(|(behaviour, written, reference)| {
            let said = spoken(written);
            let got = sounds(&engine, &said);
            let want = sounds(&engine, reference);
            (got != want).then(|| {
                format!(
                    "[{behaviour}] {written:?} → {said:?}\n    got  {got}\n    want {want} ({reference:?})"
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases sound wrong:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn us_the_country_is_not_pronounced_like_us_the_pronoun() {
    let engine = espeak();
    let country = sounds(&engine, &spoken("the US government"));
    let pronoun = sounds(&engine, "the us government");
    assert_ne!(country, pronoun, "the US sounds like the pronoun");
    assert_eq!(country, sounds(&engine, "the U S government"));
    // Stress aside, too: the raw phoneme strings differ.
    assert_ne!(
        phonemes(&engine, &spoken("the US government")),
        phonemes(&engine, "the us government")
    );
}

#[test]
fn written_forms_espeak_misreads_really_differ_from_the_reference() {
    // Guards the test above against a silently forgiving comparison: these written forms, sent
    // as they are, must not pass for their reference reading.
    let engine = espeak();
    let raw = [
        ("Charles III", "Charles the third"),
        ("$1.5bn", "one point five billion dollars"),
        ("won 52-48", "won fifty-two to forty-eight"),
        ("Lakers vs. Celtics", "Lakers versus Celtics"),
        // espeak-ng spells capitals only when the clause has enough lower-case text around them.
        ("the IMF", "the I M F"),
        ("in NYC", "in N Y C"),
        ("10⁻³", "ten to the minus third"),
        ("40 m²", "forty square meters"),
        ("CO₂", "C O two"),
        (
            "call 307-555-0148",
            "call three oh seven, five five five, oh one four eight",
        ),
        ("the Boeing 787", "the Boeing seven eighty-seven"),
        ("the IEEE", "the I triple E"),
        ("NZ$45", "forty-five New Zealand dollars"),
        ("on 2023-11-02", "on November second, twenty twenty-three"),
        ("a 2:1 split", "a two to one split"),
    ];
    for (written, reference) in raw {
        assert_ne!(
            sounds(&engine, written),
            sounds(&engine, reference),
            "{written:?} already reads right; drop its rule or this guard"
        );
    }
}
