//! The pronunciation lexicon through the real binary and the real engines: respellings and
//! IPA phonemes reach espeak-ng and the neural voice's phoneme ids; bad lines are one-line
//! errors naming the file and the line; `aloud say` shows what will be spoken.

mod common;

use aloud::engine::espeak::Espeak;
use aloud::engine::{Engine, VoiceSettings};
use aloud::text::language::Language;
use aloud::text::lexicon::Lexicon;
use aloud::text::speech::spoken_with;
use common::*;

fn espeak() -> Espeak {
    Espeak::open(&VoiceSettings::default())
        .expect("libespeak-ng is needed for this test (scripts/setup installs it)")
}

/// Loudness envelope: RMS of each 10 ms frame.
fn envelope(samples: &[i16], rate: u32) -> Vec<f64> {
    samples.chunks((rate / 100) as usize).map(rms).collect()
}

/// How alike two envelopes are: the correlation of the frames they share (1 = same shape).
fn likeness(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mean = |x: &[f64]| x.iter().sum::<f64>() / n as f64;
    let (ma, mb) = (mean(a), mean(b));
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let var = |x: &[f64], m: f64| x.iter().map(|v| (v - m).powi(2)).sum::<f64>().sqrt();
    cov / (var(a, ma) * var(b, mb))
}

#[test]
fn ipa_entries_sound_like_espeak_reading_the_word_itself() {
    // For words espeak-ng reads right, an entry holding espeak-ng's own IPA for the word must
    // sound like the word: the IPA reaches the engine as the phonemes it would have used. (Not
    // sample for sample: espeak-ng's phoneme input differs from its word reading by a few
    // samples of timing.)
    let mut engine = espeak();
    let words = [
        "thought", "measure", "butter", "church", "nation", "happy", "boat",
    ];
    let mut by_entry = Vec::new();
    for word in words {
        let ipa = engine.phonemes(word, true).unwrap();
        let lexicon = Lexicon::parse(&format!("{word} = [[{ipa}]]")).unwrap();
        let said = spoken_with(&lexicon, Language::ENGLISH, word);
        assert!(said.starts_with("[["), "{word}: {said:?}");
        let entry = engine.synthesize(&said).unwrap().pcm;
        let plain = engine.synthesize(word).unwrap().pcm;
        let (a, b) = (entry.samples.len() as f64, plain.samples.len() as f64);
        assert!(
            (a - b).abs() / b < 0.02,
            "{word}: [[{ipa}]] lasts {a} samples, the word {b}"
        );
        let same = likeness(
            &envelope(&entry.samples, entry.sample_rate),
            &envelope(&plain.samples, plain.sample_rate),
        );
        assert!(
            same > 0.95,
            "{word}: [[{ipa}]] sounds different ({same:.3})"
        );
        by_entry.push(envelope(&entry.samples, entry.sample_rate));
    }
    // The measure tells words apart: each entry is unlike the other words (measured: at most
    // 0.83 between two of these words, at least 0.976 between an entry and its word).
    for (i, a) in by_entry.iter().enumerate() {
        for (j, b) in by_entry.iter().enumerate().filter(|(j, _)| *j != i) {
            let l = likeness(a, b);
            assert!(l < 0.9, "{} and {} alike ({l:.3})", words[i], words[j]);
        }
    }
}

#[test]
fn an_entry_changes_what_espeak_says() {
    let mut engine = espeak();
    let lexicon = Lexicon::parse("Siobhan = [[ʃɪˈvɔːn]]\nXiomara = zee oh mar ah").unwrap();
    let raw = engine.synthesize("Siobhan").unwrap().pcm;
    let entry = engine
        .synthesize(&spoken_with(&lexicon, Language::ENGLISH, "Siobhan"))
        .unwrap()
        .pcm;
    assert_ne!(raw, entry);
    assert_eq!(
        spoken_with(&lexicon, Language::ENGLISH, "Xiomara smiled."),
        "zee oh mar ah smiled."
    );
    // Written double brackets in an article are never taken for phonemes.
    let said = spoken_with(&lexicon, Language::ENGLISH, "see [[note]] here");
    assert!(!said.contains("[["), "{said:?}");
}

#[test]
fn export_applies_the_lexicon_file_and_the_default_one() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("visit.txt");
    std::fs::write(
        &article,
        "Xiomara visited Brough.\n\nShe said Brough was quiet, and Xiomara's aunt agreed.\n",
    )
    .unwrap();
    let lexicon = dir.path().join("names.txt");
    std::fs::write(&lexicon, "# places\nBrough = bruff\n").unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("aloud")).unwrap();
    std::fs::write(
        config.join("aloud/lexicon.txt"),
        "Xiomara = zee oh mar ah\nBrough = brow\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    aloud()
        .env("XDG_CONFIG_HOME", &config)
        .args(["export", "--engine", "espeak", "-q", "--lexicon"])
        .arg(&lexicon)
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let m = read_json(&out.join("visit/manifest.json"));
    let spoken: Vec<&str> = m["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["spoken"].as_str().unwrap())
        .collect();
    let all = spoken.join(" ");
    // The --lexicon file wins over the default file for "Brough"; the default still applies.
    assert!(all.contains("zee oh mar ah visited bruff."), "{all}");
    assert!(all.contains("zee oh mar ah's aunt"), "{all}");
    assert!(!all.contains("brow"), "{all}");
    let (_, samples) = read_wav(&out.join("visit/visit.wav"));
    assert!(rms(&samples) > SPEECH_RMS);
}

#[test]
fn a_bad_line_is_a_one_line_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("bad.txt");
    std::fs::write(&lexicon, "ok = fine\n\nbroken line without equals\n").unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Some text.\n").unwrap();
    let out = dir.path().join("out");
    let assert = aloud()
        .args(["export", "--engine", "espeak", "--lexicon"])
        .arg(&lexicon)
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("bad.txt: line 3:"), "{stderr}");
    assert!(!out.exists(), "nothing written");

    std::fs::write(&lexicon, "name = [[nˈeɪm☃]]\n").unwrap();
    let assert = aloud()
        .args(["say", "a name", "--lexicon"])
        .arg(&lexicon)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("bad.txt: line 1:") && stderr.contains("IPA"),
        "{stderr}"
    );

    let missing = dir.path().join("missing.txt");
    let assert = aloud()
        .args(["say", "x", "--lexicon"])
        .arg(&missing)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("missing.txt: cannot read"), "{stderr}");
}

#[test]
fn say_prints_the_spoken_text_and_its_phonemes() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("names.txt");
    std::fs::write(&lexicon, "Siobhan = [[ʃɪˈvɔːn]]\n").unwrap();
    let assert = aloud()
        .args(["say", "Siobhan paid $5 on Oct. 5.", "--lexicon"])
        .arg(&lexicon)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(
        lines[0],
        "spoken:   [[ʃɪvˈɔːn]] paid five dollars on October fifth."
    );
    assert!(lines[1].starts_with("phonemes: ʃɪvˈɔːn pˈeɪd"), "{stdout}");
}

#[test]
fn say_cleans_the_text_as_an_article_is_cleaned() {
    let stdout = |text: &str| {
        let out = aloud().args(["say", text]).assert().success();
        String::from_utf8_lossy(&out.get_output().stdout).to_string()
    };
    // A typed dash and a citation marker, as `script` reads them.
    let said = stdout("The tide -- at last -- rose.[4]");
    assert!(
        said.starts_with("spoken:   The tide, at last, rose.\n"),
        "{said}"
    );
    // Text cleaning would drop whole is still said: it was asked for.
    assert!(stdout("Share this article").starts_with("spoken:   Share this article"));
}
