//! The neural voice: Piper through ONNX Runtime, installed by the README's setup
//! (`aloud voices install en_US-joe-medium`). Real model, real runtime, real WAVs.

mod common;

use std::path::{Path, PathBuf};

use aloud::engine::espeak::clause_terminator;
use aloud::engine::piper::{phoneme_ids, runs, Piper, PiperVoice, MAX_IDS_PER_RUN};
use aloud::engine::{voices, Engine, VoiceSettings};
use common::*;

/// A short article, so each export takes seconds.
const SHORT: &str = "A Quiet Harbour\n\nThe ferry left at nine. It was full, as it is every \
    Friday in summer.\n\nThe captain, who has sailed the route for 20 years, said the sea was \
    calm. “We will be on time,” she said. Nobody doubted her.\n";

fn short_article(dir: &Path) -> PathBuf {
    let p = dir.join("quiet-harbour.txt");
    std::fs::write(&p, SHORT).unwrap();
    p
}

fn installed_model() -> PathBuf {
    voices::find_model(Some("en_US-joe-medium"))
        .expect("the voice is installed by scripts/setup (aloud voices install en_US-joe-medium)")
}

#[test]
fn piper_export_agrees_with_its_manifest_and_records_the_voice() {
    let dir = tempfile::tempdir().unwrap();
    let e = export_one(
        &short_article(dir.path()),
        &dir.path().join("out"),
        &["--engine", "piper"],
    );
    check_article(&e, "piper", 350);
    let m = &e.manifest;
    assert_eq!(m["sample_rate"], 22050, "rate from the voice config");
    assert_eq!(m["engine"]["voice"], "en_US-joe-medium");
    assert!(m["engine"]["runtime"]
        .as_str()
        .unwrap()
        .starts_with("onnxruntime 1."));
    assert!(m["engine"]["credit"].as_str().unwrap().contains("CC0"));
    // 40 words at a natural pace (120–240 wpm) plus pauses.
    let ms = m["duration_ms"].as_u64().unwrap();
    assert!(
        (10_000..30_000).contains(&ms),
        "duration {ms} ms for 40 words"
    );
}

#[test]
fn piper_narrates_every_sample_with_the_neural_voice() {
    let out = tempfile::tempdir().unwrap();
    let assert = aloud()
        .args(["export", "--voice", "joe"])
        .arg(articles_dir())
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("voice: Piper voice joe"),
        "credit shown: {stdout}"
    );
    for slug in [
        "harbour-council-vote",
        "learning-to-bake-sourdough",
        "night-trains-return",
    ] {
        let dir = out.path().join(slug);
        let e = Exported {
            manifest: read_json(&dir.join("manifest.json")),
            dir,
            slug: slug.to_string(),
        };
        check_article(&e, "piper", 350);
    }
}

#[test]
fn rate_changes_piper_duration() {
    let dir = tempfile::tempdir().unwrap();
    let article = short_article(dir.path());
    let slow = export_one(
        &article,
        &dir.path().join("slow"),
        &["--engine", "piper", "--rate", "120"],
    );
    let fast = export_one(
        &article,
        &dir.path().join("fast"),
        &["--engine", "piper", "--rate", "250"],
    );
    let speech = |e: &Exported| -> u64 {
        e.manifest["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["end_ms"].as_u64().unwrap() - c["start_ms"].as_u64().unwrap())
            .sum()
    };
    assert!(
        (speech(&fast) as f64) < speech(&slow) as f64 * 0.7,
        "250 wpm {} ms vs 120 wpm {} ms of speech",
        speech(&fast),
        speech(&slow)
    );
}

#[test]
fn chunks_have_a_consistent_level() {
    let dir = tempfile::tempdir().unwrap();
    let e = export_one(
        &short_article(dir.path()),
        &dir.path().join("out"),
        &["--engine", "piper"],
    );
    let levels: Vec<f64> = tree(&e.dir.join("chunks"))
        .iter()
        .map(|f| {
            let (_, s) = read_wav(&e.dir.join("chunks").join(f));
            assert!(
                s.iter().all(|&x| x > i16::MIN + 1 && x < i16::MAX),
                "{f} clips"
            );
            rms(&s)
        })
        .collect();
    let (lo, hi) = levels
        .iter()
        .fold((f64::MAX, 0f64), |(l, h), &x| (l.min(x), h.max(x)));
    assert!(hi / lo < 1.6, "chunk levels vary too much: {levels:?}");
}

/// Phoneme ids computed independently: `espeak-ng -q --ipa` prints one line per clause; each
/// clause gets the punctuation that ends it in the text (a mark followed by a space or the
/// end); ids follow Piper's rule from the voice's own map.
fn reference_ids(sentence: &str, config: &aloud::engine::piper::VoiceConfig) -> Vec<i64> {
    use unicode_normalization::UnicodeNormalization;
    let out = std::process::Command::new("espeak-ng")
        .args(["-q", "--ipa", "-v", &config.espeak.voice, sentence])
        .output()
        .expect("espeak-ng CLI is installed by scripts/setup");
    let ipa = String::from_utf8(out.stdout).unwrap();
    let clauses: Vec<&str> = ipa
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut marks = Vec::new();
    let chars: Vec<char> = sentence.chars().collect();
    for (i, _) in chars.iter().enumerate() {
        let rest: String = chars[..=i].iter().collect();
        let at_break = chars.get(i + 1).is_none_or(|c| c.is_whitespace());
        if at_break {
            if let Some(t) = clause_terminator(&rest) {
                if rest
                    .trim_end()
                    .ends_with(|c: char| ".,?!:;\"”’)".contains(c))
                {
                    marks.push(t);
                }
            }
        }
    }
    let mut phonemes = String::new();
    for (n, clause) in clauses.iter().enumerate() {
        phonemes.push_str(clause);
        match marks.get(n) {
            Some(t @ ('.' | '?' | '!')) => {
                phonemes.push(*t);
                phonemes.push(' ');
            }
            Some(t) => {
                phonemes.push(*t);
                phonemes.push(' ');
            }
            None => phonemes.push(' '),
        }
    }
    let phonemes: String = phonemes.trim_end().nfd().collect();
    let map = &config.phoneme_id_map;
    let mut ids = map["^"].clone();
    for c in phonemes.chars() {
        ids.extend(&map[&c.to_string()]);
        ids.extend(&map["_"]);
    }
    ids.extend(&map["$"]);
    ids
}

#[test]
fn phoneme_ids_match_an_independent_computation() {
    let piper = Piper::open(&VoiceSettings {
        voice: Some("en_US-joe-medium".into()),
        ..VoiceSettings::default()
    })
    .unwrap();
    let config = &piper.voice().config;
    let sentences = [
        "The council voted on Tuesday.",
        "Is the ferry on time?",
        "Stop right there!",
        "The captain, who has sailed for years, said the sea was calm.",
        "She said, \"We will be on time.\"",
        "He paid twenty five dollars for 3 tickets.",
        "In 2019, 42 people came.",
        "The rate rose to 4.2 percent.",
        "Doctor Okafor arrived at seven p m.",
        "There were three options: wait, walk, or swim.",
        "The wall is old; it must be rebuilt.",
        "Why not?",
        "Night trains are back, and this time they are full.",
        "Bread needs flour, water, salt and time.",
        "The nineteen nineties were different.",
        "Number one on the list was Saint Anne's Church.",
        "It cost one point five million dollars.",
        "Well, that's that.",
        "October fifth, twenty eighteen.",
        "Yes! We won fifty two to forty eight.",
        "The U S government said no.",
        "What a day it was!",
        "It rained. Then it stopped. Really? Yes.",
    ];
    assert!(sentences.len() >= 20);
    for s in sentences {
        let ours = piper.ids(s).unwrap();
        assert_eq!(ours, reference_ids(s, config), "ids for {s:?}");
    }
}

#[test]
fn synthesizes_in_memory_at_the_voice_rate() {
    let mut piper = Piper::open(&VoiceSettings::default()).unwrap();
    let pcm = piper.synthesize("Hello there, listener.").unwrap().pcm;
    assert_eq!(pcm.sample_rate, 22050);
    let secs = pcm.samples.len() as f64 / 22050.0;
    assert!((0.6..4.0).contains(&secs), "{secs} s for three words");
    assert!(rms(&pcm.samples) > SPEECH_RMS);
    let voice = PiperVoice::load(&installed_model()).unwrap();
    assert_eq!(voice.config.audio.sample_rate, 22050);
    assert!(phoneme_ids("ə", &voice.config.phoneme_id_map).is_ok());
}

/// A chunk longer than one model run (issue 12: runs are capped near 300 phoneme ids to bound
/// the session's memory) is spoken whole: its runs together last about as long as its clauses
/// spoken one by one, and each of its runs is under the cap.
#[test]
fn a_chunk_over_one_run_is_spoken_whole_in_runs() {
    let clauses = [
        "The harbour committee met on a grey Tuesday morning to settle the question of the old pier",
        "which had stood against the winter storms for nearly a hundred years",
        "but now leaned so far toward the water that the gulls refused to land on it",
        "and the fishermen tied their boats to the new breakwater instead",
    ];
    let mut piper = Piper::open(&VoiceSettings::default()).unwrap();
    let whole = format!("{}.", clauses.join(", "));
    let ids = piper.ids(&whole).unwrap();
    assert!(
        ids.len() > MAX_IDS_PER_RUN,
        "the test sentence must need more than one run ({} ids)",
        ids.len()
    );
    let phonemes = piper.phonemes(&whole).unwrap();
    for run in runs(&phonemes, MAX_IDS_PER_RUN) {
        assert!(2 * run.chars().count() + 2 <= MAX_IDS_PER_RUN);
    }
    let secs = |pcm: &aloud::audio::Pcm| pcm.samples.len() as f64 / f64::from(pcm.sample_rate);
    let long = piper.synthesize(&whole).unwrap().pcm;
    let parts: f64 = clauses
        .iter()
        .map(|c| secs(&piper.synthesize(&format!("{c}.")).unwrap().pcm))
        .sum();
    let ratio = secs(&long) / parts;
    assert!(
        (0.8..1.2).contains(&ratio),
        "whole chunk {:.2} s against its clauses {parts:.2} s",
        secs(&long)
    );
    assert!(rms(&long.samples) > SPEECH_RMS);
}

/// The voice's duration predictor is made an output of the model, so each word is timed by
/// the phonemes the model spoke, across the runs of a chunk too long for one: words in order,
/// and the pause the model makes at each comma between the word before it and the one after.
#[test]
fn words_are_timed_from_the_models_phoneme_durations_across_runs() {
    let clauses = [
        "The harbour committee met on a grey Tuesday morning to settle the question of the old pier",
        "which had stood against the winter storms for nearly a hundred years",
        "but now leaned so far toward the water that the gulls refused to land on it",
        "and the fishermen tied their boats to the new breakwater instead",
    ];
    let whole = format!("{}.", clauses.join(", "));
    let mut piper = Piper::open(&VoiceSettings::default()).unwrap();
    assert_eq!(piper.durations_output(), Some("/Ceil_output_0"));
    assert!(piper.ids(&whole).unwrap().len() > MAX_IDS_PER_RUN);
    let s = piper.synthesize(&whole).unwrap();
    let words = aloud::text::words::spoken_words(&whole);
    assert_eq!(s.words.len(), words.len());
    assert!(s
        .words
        .windows(2)
        .all(|p| p[0].end <= p[1].start && p[0].start < p[1].start));
    assert!(s.words.last().unwrap().end <= s.pcm.samples.len());
    let mut pauses = 0;
    for (k, w) in words.iter().enumerate() {
        if whole[w.clone()].ends_with(',') {
            let gap = &s.pcm.samples[s.words[k].end..s.words[k + 1].start];
            let ms = gap.len() as f64 * 1000.0 / 22050.0;
            let peak = gap.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0);
            assert!(
                ms >= 80.0 && peak < 1000,
                "after {:?}: {ms:.0} ms, peak {peak}",
                &whole[w.clone()]
            );
            pauses += 1;
        }
    }
    assert_eq!(pauses, 3);
}

/// Runs export with `--engine ENGINE` on the short article and the given environment;
/// returns (exit code, stderr, out folder).
fn run_export(
    engine: &str,
    env: &[(&str, &str)],
    extra: &[&str],
) -> (i32, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let article = short_article(dir.path());
    let mut cmd = aloud();
    cmd.args(["export", "-q", "--engine", engine])
        .args(extra)
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("out"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        dir,
    )
}

fn assert_one_line(stderr: &str, needles: &[&str]) {
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    for n in needles {
        assert!(stderr.contains(n), "{n:?} in {stderr}");
    }
}

fn engine_of(dir: &Path) -> String {
    read_json(&dir.join("out/quiet-harbour/manifest.json"))["engine"]["name"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn missing_runtime_is_an_error_for_piper_and_a_warning_for_auto() {
    let env = [("ALOUD_ORT_LIB", "/nonexistent/libonnxruntime.so")];
    let (code, err, dir) = run_export("piper", &env, &[]);
    assert_eq!(code, 1);
    assert_one_line(
        &err,
        &["/nonexistent/libonnxruntime.so", "aloud voices install"],
    );
    assert!(!dir.path().join("out").exists());

    let (code, err, dir) = run_export("auto", &env, &[]);
    assert_eq!(code, 0, "{err}");
    assert_one_line(
        &err,
        &[
            "warning: ",
            "/nonexistent/libonnxruntime.so",
            "using espeak instead",
        ],
    );
    assert_eq!(engine_of(dir.path()), "espeak");
}

#[test]
fn missing_voice_is_an_error_naming_the_folder() {
    let empty = tempfile::tempdir().unwrap();
    let env = [("ALOUD_VOICES_DIR", empty.path().to_str().unwrap())];
    let (code, err, _) = run_export("piper", &env, &[]);
    assert_eq!(code, 1);
    assert_one_line(
        &err,
        &[
            empty.path().to_str().unwrap(),
            "aloud voices install en_US-joe-medium",
        ],
    );
    let (code, err, _) = run_export("piper", &[], &["--voice", "/nowhere/voice.onnx"]);
    assert_eq!(code, 1);
    assert_one_line(&err, &["/nowhere/voice.onnx", "not found"]);
}

/// A voice folder with a copy of the real config (possibly edited) beside `model_bytes`.
fn fake_voice(
    edit: impl Fn(&mut serde_json::Value),
    model_bytes: Option<&[u8]>,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let real = installed_model();
    let model = dir.path().join("fake-voice.onnx");
    match model_bytes {
        Some(b) => std::fs::write(&model, b).unwrap(),
        None => std::os::unix::fs::symlink(&real, &model).unwrap(),
    }
    let mut config: serde_json::Value = read_json(&voices::config_path(&real));
    edit(&mut config);
    std::fs::write(voices::config_path(&model), config.to_string()).unwrap();
    (dir, model)
}

/// A voice whose model does not round its durations with a `Ceil` node (here the installed
/// model with that node's operator made a `Relu`, which leaves the positive durations as they
/// are) gives no durations: its words are timed by their phoneme counts over the speech.
#[test]
fn words_are_timed_by_phoneme_counts_when_the_model_gives_no_durations() {
    let mut model = std::fs::read(installed_model()).unwrap();
    // The NodeProto field op_type (4, length-delimited: tag 0x22) holding "Ceil".
    let ceil = b"\x22\x04Ceil";
    let at: Vec<usize> = model
        .windows(ceil.len())
        .enumerate()
        .filter(|(_, w)| w == ceil)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 1, "the installed model has one Ceil node");
    model[at[0] + 2..at[0] + 6].copy_from_slice(b"Relu");
    let (_dir, path) = fake_voice(|_| {}, Some(&model));
    let mut piper = Piper::open(&VoiceSettings {
        voice: Some(path.to_string_lossy().into_owned()),
        ..VoiceSettings::default()
    })
    .unwrap();
    assert_eq!(piper.durations_output(), None);
    let text = "The ferry left at nine, and nobody doubted the captain.";
    let s = piper.synthesize(text).unwrap();
    assert_eq!(s.words.len(), aloud::text::words::spoken_words(text).len());
    let loud = |x: &i16| x.unsigned_abs() > 64;
    let first = s.pcm.samples.iter().position(loud).unwrap();
    let last = s.pcm.samples.iter().rposition(loud).unwrap() + 1;
    assert_eq!((s.words[0].start, s.words[9].end), (first, last));
    assert!(s
        .words
        .windows(2)
        .all(|p| p[0].end == p[1].start && p[0].start < p[1].start));
    // By phoneme count: "ferry" (fˈɛɹi, 4) takes longer than "at" (æt, 2).
    let length = |k: usize| s.words[k].end - s.words[k].start;
    assert!(length(1) > length(3), "{:?}", s.words);
}

#[test]
fn corrupt_model_is_an_error_for_piper_and_a_warning_for_auto() {
    let (voice_dir, model) = fake_voice(|_| {}, Some(b"this is not an onnx model"));
    let (code, err, _) = run_export("piper", &[], &["--voice", model.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_one_line(
        &err,
        &[
            model.to_str().unwrap(),
            "not a loadable ONNX model",
            "reinstall",
        ],
    );

    let env = [("ALOUD_VOICES_DIR", voice_dir.path().to_str().unwrap())];
    let (code, err, dir) = run_export("auto", &env, &[]);
    assert_eq!(code, 0, "{err}");
    assert_one_line(
        &err,
        &["warning: ", "fake-voice.onnx", "using espeak instead"],
    );
    assert_eq!(engine_of(dir.path()), "espeak");
}

#[test]
fn voice_with_an_unknown_phoneme_is_a_clear_error() {
    let (_dir, model) = fake_voice(
        |c| {
            c["phoneme_id_map"].as_object_mut().unwrap().remove("ə");
        },
        None,
    );
    let (code, err, _) = run_export("piper", &[], &["--voice", model.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_one_line(&err, &["fake-voice.onnx.json", "no id for phoneme 'ə'"]);
}

#[test]
fn pitch_is_refused_by_piper() {
    let (code, err, _) = run_export("piper", &[], &["--pitch", "70"]);
    assert_eq!(code, 1);
    assert_one_line(&err, &["piper does not support --pitch"]);
}

#[test]
fn voices_lists_the_installed_neural_voice() {
    aloud()
        .arg("voices")
        .assert()
        .success()
        .stdout(predicates::str::contains("en_US-joe-medium"))
        .stdout(predicates::str::contains("22050 Hz, medium quality"))
        .stdout(predicates::str::contains("CC0"));
    // Each language's default voice is marked: the neural voice for English, espeak-ng's for
    // languages no neural voice reads.
    let listed = aloud().arg("voices").assert().success();
    let listed = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    let line = |start: &str| {
        listed
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no {start} line in {listed}"))
            .to_string()
    };
    // hibari is the default English voice when installed (as scripts/test installs it).
    let english_default = if aloud::engine::hibari::installed() {
        "en_US-hibari-heart"
    } else {
        "en_US-joe-medium"
    };
    assert!(
        line(english_default).ends_with("[default for en]"),
        "{listed}"
    );
    assert!(
        line("fr-fr ").ends_with("(roa/fr) [default for fr]"),
        "{listed}"
    );
    assert!(!line("en-us ").contains("default"), "{listed}");
    // Installing again is a no-op that says so.
    aloud()
        .args(["voices", "install", "joe"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "en_US-joe-medium: already installed",
        ));
    aloud()
        .args(["voices", "install", "nobody"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no installable voice named \"nobody\"",
        ));
}

#[test]
fn lexicon_phonemes_go_straight_to_the_voice_ids() {
    let piper = Piper::open(&VoiceSettings {
        voice: Some("en_US-joe-medium".into()),
        ..VoiceSettings::default()
    })
    .unwrap();
    let map = &piper.voice().config.phoneme_id_map;
    let lexicon = aloud::text::lexicon::Lexicon::parse("Xiomara = [[ˌhiːoʊˈmɑːɹə]]").unwrap();
    let said = aloud::text::speech::spoken_with(
        &lexicon,
        aloud::text::language::Language::ENGLISH,
        "Xiomara waved.",
    );
    assert_eq!(said, "[[hˌiːoʊmˈɑːɹə]] waved.");
    let ids = piper.ids(&said).unwrap();
    // The entry's IPA, then espeak-ng's IPA for the rest, in the voice's ids.
    let rest = piper.ids("waved.").unwrap();
    let mut want = aloud::engine::piper::phoneme_ids("hˌiːoʊmˈɑːɹə ", map).unwrap();
    want.pop(); // end of text
    want.extend(&rest[1..]); // without its start of text
    assert_eq!(ids, want);
    // Without the entry the voice gets espeak-ng's guess, which differs.
    assert_ne!(ids, piper.ids("Xiomara waved.").unwrap());
}

#[test]
fn piper_output_is_the_same_for_one_and_two_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let article = short_article(dir.path());
    let mut wavs = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("jobs-{jobs}"));
        let e = export_one(
            &article,
            &out,
            &["--engine", "piper", "--no-cache", "--jobs", jobs],
        );
        let chunks: Vec<Vec<u8>> = e.manifest["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| std::fs::read(e.dir.join(c["file"].as_str().unwrap())).unwrap())
            .collect();
        let whole = std::fs::read(e.dir.join(format!("{}.wav", e.slug))).unwrap();
        wavs.push((e.manifest, chunks, whole));
    }
    let (one, two) = (&wavs[0], &wavs[1]);
    assert_eq!(
        timeless(&one.0),
        timeless(&two.0),
        "the same manifest: chunks, order and times"
    );
    assert_eq!(one.1.len(), two.1.len());
    for (i, (a, b)) in one.1.iter().zip(&two.1).enumerate() {
        assert!(a == b, "chunk {} differs between --jobs 1 and 2", i + 1);
    }
    assert!(one.2 == two.2, "the article WAV, byte for byte");
}

#[test]
fn a_chunk_sounds_the_same_whichever_session_speaks_it_and_after_whatever() {
    let settings = VoiceSettings {
        voice: Some("en_US-joe-medium".into()),
        threads: Some(1),
        ..VoiceSettings::default()
    };
    let mut first = Piper::open(&settings).unwrap();
    let mut second = Piper::open(&settings).unwrap();
    let texts = [
        "The ferry left at nine.",
        "The captain, who has sailed the route for twenty years, said the sea was calm.",
    ];
    let a0 = first.synthesize(texts[0]).unwrap();
    let a1 = first.synthesize(texts[1]).unwrap();
    // The other session, in the other order, and the first text again after the second.
    let b1 = second.synthesize(texts[1]).unwrap();
    let b0 = second.synthesize(texts[0]).unwrap();
    let a0_again = first.synthesize(texts[0]).unwrap();
    assert_eq!(a0, b0);
    assert_eq!(a1, b1);
    assert_eq!(a0, a0_again);
    assert_ne!(a0.pcm.samples.len(), a1.pcm.samples.len());
}
