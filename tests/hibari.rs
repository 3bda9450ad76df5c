//! The hibari voice: hibari-tts 0.2.1's model through ONNX Runtime and its vocoder ported to
//! Rust, installed by `aloud voices install hibari` (scripts/test). Real model, real runtime,
//! real WAVs; phonemes and audio compared with what the Python package itself produces
//! (`tests/data/hibari/make_fixtures.py` made the fixtures).

mod common;

use std::path::{Path, PathBuf};

use aloud::engine::hibari::{dsp, phonemes, Hibari, MODEL_SHA256};
use aloud::engine::{Engine, VoiceSettings};
use common::*;
use serde_json::Value;

/// A short article, so each export takes seconds.
const SHORT: &str = "A Quiet Harbour\n\nThe ferry left at nine. It was full, as it is every \
    Friday in summer.\n\nThe captain, who has sailed the route for 20 years, said the sea was \
    calm. “We will be on time,” she said. Nobody doubted her.\n";

fn short_article(dir: &Path) -> PathBuf {
    let p = dir.join("quiet-harbour.txt");
    std::fs::write(&p, SHORT).unwrap();
    p
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hibari")
        .join(name)
}

fn open() -> Hibari {
    Hibari::open(&VoiceSettings {
        voice: Some("hibari".into()),
        threads: Some(1),
        ..VoiceSettings::default()
    })
    .expect("the voice is installed by scripts/test (aloud voices install hibari)")
}

/// Levenshtein distance between two id sequences.
fn edit_distance(a: &[i64], b: &[i64]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, y) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(x != y))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The noise `make_fixtures.py` gives the package's vocoder instead of numpy's generator:
/// value j of the `(601, 2F)` array is sin(0.37 j + 0.1).
fn formula_noise(out: &mut [f32]) {
    for (j, x) in out.iter_mut().enumerate() {
        *x = (0.37 * j as f64 + 0.1).sin() as f32;
    }
}

/// Signal-to-error ratio of `got` against `want`, in dB.
fn snr_db(want: &[f32], got: &[f32]) -> f64 {
    let signal: f64 = want.iter().map(|&x| f64::from(x).powi(2)).sum();
    let error: f64 = want
        .iter()
        .zip(got)
        .map(|(&a, &b)| f64::from(a - b).powi(2))
        .sum();
    10.0 * (signal / error.max(1e-30)).log10()
}

#[test]
fn hibari_export_agrees_with_its_manifest_and_records_the_voice() {
    let dir = tempfile::tempdir().unwrap();
    let e = export_one(
        &short_article(dir.path()),
        &dir.path().join("out"),
        &["--engine", "auto", "--voice", "hibari"],
    );
    check_article(&e, "hibari", 350);
    let m = &e.manifest;
    assert_eq!(m["sample_rate"], 24000);
    assert_eq!(m["engine"]["voice"], "en_US-hibari-heart");
    assert_eq!(m["engine"]["version"], "0.2.1");
    assert!(m["engine"]["runtime"]
        .as_str()
        .unwrap()
        .starts_with("onnxruntime 1."));
    assert!(m["engine"]["credit"]
        .as_str()
        .unwrap()
        .contains("Apache-2.0"));
    // 40 words at a natural pace (120–240 wpm) plus pauses.
    let ms = m["duration_ms"].as_u64().unwrap();
    assert!(
        (10_000..30_000).contains(&ms),
        "duration {ms} ms for 40 words"
    );
}

#[test]
fn every_name_of_the_voice_and_engine_hibari_pick_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("note.txt");
    std::fs::write(&article, "The ferry left at nine.\n").unwrap();
    for (i, args) in [
        &["--voice", "heart"][..],
        &["--voice", "en_US-hibari-heart"],
        &["--engine", "hibari"],
        &["--engine", "hibari", "--voice", "hibari-heart"],
    ]
    .iter()
    .enumerate()
    {
        let out = dir.path().join(format!("out-{i}"));
        let mut cmd = aloud();
        cmd.args(["export", "-q", "--no-cache"])
            .arg(&article)
            .arg("-o")
            .arg(&out)
            .args(*args);
        cmd.assert().success();
        let m = read_json(&out.join("note/manifest.json"));
        assert_eq!(m["engine"]["name"], "hibari", "{args:?}");
        let (rate, samples) = read_wav(&out.join("note/note.wav"));
        assert_eq!(rate, 24000);
        assert!(rms(&samples) > SPEECH_RMS, "{args:?}: speech");
    }
    // Another voice name is not the hibari engine's.
    let assert = aloud()
        .args(["export", "-q", "--engine", "hibari", "--voice", "joe"])
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("bad"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("hibari has no voice named \"joe\""),
        "{stderr}"
    );
    // The Piper engine points to the engine that reads it.
    let assert = aloud()
        .args(["export", "-q", "--engine", "piper", "--voice", "hibari"])
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("bad"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--engine hibari"), "{stderr}");
}

#[test]
fn voices_lists_the_installed_voice() {
    let assert = aloud().arg("voices").assert().success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout);
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("en_US-hibari-heart"))
        .unwrap_or_else(|| panic!("no hibari line in:\n{stdout}"));
    assert!(
        line.contains("24000 Hz") && line.contains("Apache-2.0"),
        "{line}"
    );
    assert!(
        !stdout.contains("installable: en_US-hibari-heart"),
        "installed, so not offered: {stdout}"
    );
}

#[test]
fn engines_marks_the_engine_auto_picks() {
    // The default English voice is hibari when installed: `engines` says so, not the first
    // engine it lists.
    let assert = aloud().arg("engines").assert().success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout);
    let picked: Vec<&str> = stdout
        .lines()
        .filter(|l| l.ends_with("[auto picks this]"))
        .collect();
    assert_eq!(picked.len(), 1, "{stdout}");
    assert!(picked[0].starts_with("hibari: available"), "{stdout}");
}

#[test]
fn phoneme_ids_are_close_to_the_packages_own() {
    // The package's lexicon-based G2P is the reference; aloud phonemizes with espeak-ng and
    // rewrites its IPA, so words espeak-ng and the lexicon read differently ("usually",
    // "engine", "a") differ. The fixture's sentences were written for this test.
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("phonemes.json")).unwrap()).unwrap();
    let hibari = open();
    let (mut distance, mut total) = (0, 0);
    for s in fixture["sentences"].as_array().unwrap() {
        let text = s["text"].as_str().unwrap();
        let want: Vec<i64> = s["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        let got = hibari.ids(text).unwrap();
        assert_eq!(got.len(), 1, "{text}: one model run");
        let got = &got[0];
        assert_eq!((got[0], got[got.len() - 1]), (0, 0), "padded");
        let d = edit_distance(got, &want);
        let rate = d as f64 / want.len() as f64;
        eprintln!(
            "{rate:.3} {text}\n  got  {}\n  want {}",
            hibari.phonemes(text).unwrap(),
            s["phonemes"].as_str().unwrap()
        );
        assert!(rate <= 0.15, "{text}: phoneme error rate {rate:.3}");
        distance += d;
        total += want.len();
    }
    let rate = distance as f64 / total as f64;
    eprintln!("over all sentences: {distance} of {total} ids, {rate:.3}");
    assert!(
        rate <= 0.06,
        "phoneme error rate over all sentences {rate:.3}"
    );
    // Where the lexicon and espeak-ng agree, the ids are the package's exactly.
    let first = &fixture["sentences"][0];
    assert_eq!(first["text"], "Hello there.");
    let want: Vec<i64> = serde_json::from_value(first["ids"].clone()).unwrap();
    assert_eq!(hibari.ids("Hello there.").unwrap(), vec![want]);
}

#[test]
fn vocoder_matches_the_package_on_formula_inputs() {
    // The same inputs as make_fixtures.py's synthetic_parts: 8 frames made by formula.
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("dsp_synthetic.json")).unwrap())
            .unwrap();
    let frames = fixture["frames"].as_u64().unwrap() as usize;
    let want: Vec<f32> = serde_json::from_value(fixture["samples"].clone()).unwrap();
    let mut parts: Vec<Vec<f32>> = vec![Vec::new(); 5];
    for b in 0..dsp::BINS {
        for f in 0..frames {
            let (b, f) = (b as f64, f as f64);
            parts[0].push((-2.0 - b / 150.0 + 0.5 * (0.3 * f + b / 40.0).sin()) as f32);
            parts[1].push((0.8 * (0.11 * b + 0.7 * f).cos()) as f32);
            parts[2].push((-6.0 - b / 200.0 + 0.3 * (0.2 * f).cos()) as f32);
            parts[3].push((-5.0 + 0.2 * (b / 30.0 - f).sin()) as f32);
            parts[4].push((0.05 * b * (f + 1.0)).sin() as f32);
        }
    }
    let f0 = [0.0, 0.0, 95.0, 120.0, 150.0, 180.0, 30.0, 210.0];
    let mut noise = vec![0f32; 2 * dsp::BINS * frames];
    formula_noise(&mut noise);
    let got = dsp::synthesize(
        &dsp::Parts {
            frames,
            lh: &parts[0],
            theta: &parts[1],
            ln: &parts[2],
            lr: &parts[3],
            phi: &parts[4],
            f0: &f0,
        },
        &noise,
    )
    .unwrap();
    assert_eq!(got.len(), want.len());
    assert_eq!(got.len(), frames * dsp::HOP);
    let peak = want.iter().fold(0f32, |m, x| m.max(x.abs()));
    let worst = want
        .iter()
        .zip(&got)
        .fold(0f32, |m, (a, b)| m.max((a - b).abs()));
    assert!(
        worst <= peak * 1e-5,
        "largest difference {worst} (peak {peak})"
    );
    eprintln!("vocoder: {worst} / {peak}, {:.1} dB", snr_db(&want, &got));
    assert!(snr_db(&want, &got) > 100.0, "{} dB", snr_db(&want, &got));
}

#[test]
fn model_and_vocoder_match_the_package_on_the_same_ids() {
    // make_fixtures.py ran the package's model and vocoder on the ids of "Hello there." with
    // the formula noise; aloud runs the same model file through its own runtime and port.
    let bytes = std::fs::read(fixture("dsp_model.f32")).unwrap();
    let want: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let mut hibari = open();
    let ids = hibari.ids("Hello there.").unwrap().remove(0);
    let got = hibari.render_ids_with(&ids, formula_noise).unwrap();
    assert_eq!(got.len(), want.len(), "same frames");
    let snr = snr_db(&want, &got);
    let (envelope, level) = envelope_agreement(&want, &got);
    eprintln!(
        "model + vocoder: {snr:.1} dB; loudness envelopes correlate {envelope:.3}, levels differ {level:.2} dB"
    );
    // On the CPU the fixtures were made on, float32 rounding only: 134 dB. On one without
    // AVX-512 (an AMD EPYC with FMA, 2026-12-06) the model's rounding differs, a predicted
    // duration near a frame boundary moves a phoneme by a frame, and the samples drift apart
    // (5.9 dB) while the speech is the same. So the samples are compared where they can be,
    // and else the shape of the speech: the loudness envelope, frame by frame, and the level.
    // A wrong index or scale breaks both (measured: the ids reversed give a different length,
    // envelopes correlating 0.60 and a level 1.4 dB lower; this machine's drift: 0.999 and
    // 0.1 dB).
    assert!(
        snr > 80.0 || (envelope > 0.9 && level.abs() < 1.0),
        "{snr:.1} dB, envelopes {envelope:.3}, levels {level:.2} dB"
    );
}

/// How alike two renderings of the same ids sound in outline: the correlation of their RMS
/// loudness per 10 ms frame (at 22,050 Hz, 220 samples), and the difference of their overall
/// levels in dB.
fn envelope_agreement(want: &[f32], got: &[f32]) -> (f64, f64) {
    const FRAME: usize = 220;
    let rms = |x: &[f32]| -> Vec<f64> {
        x.chunks(FRAME)
            .map(|c| (c.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>() / c.len() as f64).sqrt())
            .collect()
    };
    let (a, b) = (rms(want), rms(got));
    let n = a.len().min(b.len()) as f64;
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (ma, mb) = (mean(&a), mean(&b));
    let cov: f64 = a
        .iter()
        .zip(&b)
        .map(|(x, y)| (x - ma) * (y - mb))
        .sum::<f64>()
        / n;
    let sd = |v: &[f64], m: f64| (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / n).sqrt();
    let correlation = cov / (sd(&a, ma) * sd(&b, mb)).max(1e-30);
    let energy = |x: &[f32]| x.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>();
    let level = 10.0 * (energy(got) / energy(want).max(1e-30)).log10();
    (correlation, level)
}

#[test]
fn hibari_output_is_the_same_for_one_and_two_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let article = short_article(dir.path());
    let mut wavs = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("jobs-{jobs}"));
        let e = export_one(
            &article,
            &out,
            &["--engine", "hibari", "--no-cache", "--jobs", jobs],
        );
        let whole = std::fs::read(e.dir.join(format!("{}.wav", e.slug))).unwrap();
        wavs.push((e.manifest, whole));
    }
    assert_eq!(
        timeless(&wavs[0].0),
        timeless(&wavs[1].0),
        "the same manifest: chunks, order and times"
    );
    assert!(wavs[0].1 == wavs[1].1, "the article WAV, byte for byte");
}

#[test]
fn a_chunk_sounds_the_same_every_time_and_its_noise_is_seeded() {
    let mut a = open();
    let mut b = open();
    let text = "Hello there, how was the ferry?";
    let first = a.synthesize(text).unwrap().pcm;
    a.synthesize("Something else in between.").unwrap();
    assert_eq!(first.samples, a.synthesize(text).unwrap().pcm.samples);
    assert_eq!(first.samples, b.synthesize(text).unwrap().pcm.samples);
    // Different noise gives different (but equally long) audio: the noise is really used.
    let ids = a.ids(text).unwrap().remove(0);
    let seeded = a.render_ids(&ids).unwrap();
    let other = a.render_ids_with(&ids, formula_noise).unwrap();
    assert_eq!(seeded.len(), other.len());
    assert_ne!(seeded, other);
}

#[test]
fn a_long_chunk_is_cut_into_model_runs_that_each_fit() {
    let mut hibari = open();
    let sentence = "The harbour master, who had kept the ledger for forty years, counted every \
        boat that came in from the northern banks, wrote down the weather, the catch and the \
        names of the crews, and posted a copy on the door of the customs house each evening";
    let spoken = format!("{sentence}, {sentence}.");
    let phonemes = hibari.phonemes(&spoken).unwrap();
    assert!(
        phonemes.chars().count() > phonemes::MAX_PHONEMES,
        "{phonemes}"
    );
    let runs = hibari.ids(&spoken).unwrap();
    assert!(runs.len() >= 2, "{} runs", runs.len());
    for ids in &runs {
        assert!(ids.len() <= phonemes::MAX_PHONEMES + 2, "{} ids", ids.len());
    }
    let pcm = hibari.synthesize(&spoken).unwrap().pcm;
    let seconds = pcm.samples.len() as f64 / f64::from(pcm.sample_rate);
    // About 100 words: 25–50 s at a natural pace.
    assert!((25.0..50.0).contains(&seconds), "{seconds:.1} s");
}

#[test]
fn a_model_that_is_not_the_pinned_one_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let voice = dir.path().join("voices/en_US-hibari-heart");
    std::fs::create_dir_all(&voice).unwrap();
    std::fs::write(voice.join("hibari.onnx"), b"not a model").unwrap();
    let installed = aloud::engine::hibari::voice_dir().join("vocab.json");
    std::fs::copy(installed, voice.join("vocab.json")).unwrap();
    let article = dir.path().join("note.txt");
    std::fs::write(&article, "The ferry left at nine.\n").unwrap();
    let assert = aloud()
        .env("ALOUD_VOICES_DIR", dir.path().join("voices"))
        .args(["export", "-q", "--voice", "hibari"])
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("hibari.onnx") && stderr.contains(MODEL_SHA256),
        "{stderr}"
    );
    assert!(!dir.path().join("out/note").exists());
}

#[test]
fn the_installed_model_is_the_pinned_one() {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(aloud::engine::hibari::voice_dir().join("hibari.onnx")).unwrap();
    assert_eq!(bytes.len(), 7_936_868);
    assert_eq!(format!("{:x}", Sha256::digest(&bytes)), MODEL_SHA256);
}

#[test]
fn lexicon_phonemes_reach_the_voice_in_its_alphabet() {
    let hibari = open();
    let lexicon = aloud::text::lexicon::Lexicon::parse("Xiomara = [[ˌhiːoʊˈmɑːɹə]]").unwrap();
    let said = aloud::text::speech::spoken_with(
        &lexicon,
        aloud::text::language::Language::ENGLISH,
        "Xiomara waved.",
    );
    assert_eq!(said, "[[hˌiːoʊmˈɑːɹə]] waved.");
    // The entry's IPA rewritten like espeak-ng's (oʊ is O, no length marks), then the rest.
    assert_eq!(hibari.phonemes(&said).unwrap(), "hˌiOmˈɑɹə wˈAvd.");
    assert_ne!(
        hibari.ids(&said).unwrap(),
        hibari.ids("Xiomara waved.").unwrap()
    );
}

#[test]
fn rate_sets_the_models_pace() {
    let seconds = |rate: u32| {
        let mut h = Hibari::open(&VoiceSettings {
            voice: Some("hibari".into()),
            rate,
            threads: Some(1),
            ..VoiceSettings::default()
        })
        .unwrap();
        let pcm = h
            .synthesize("The ferry left the harbour at nine, as it does every Friday in summer.")
            .unwrap()
            .pcm;
        pcm.samples.len() as f64 / f64::from(pcm.sample_rate)
    };
    let (natural, fast, slow) = (seconds(175), seconds(350), seconds(88));
    // speed = rate / 175: twice the rate takes about half the time, half the rate about twice.
    assert!(
        (0.4..0.65).contains(&(fast / natural)),
        "{fast:.2} s vs {natural:.2} s"
    );
    assert!(
        (1.6..2.4).contains(&(slow / natural)),
        "{slow:.2} s vs {natural:.2} s"
    );
    // The model's range ends at 2.0: 450 wpm reads like 350.
    assert_eq!(seconds(450), fast);
}

#[test]
fn auto_reads_with_hibari_when_it_is_the_only_neural_voice() {
    let dir = tempfile::tempdir().unwrap();
    let voices = dir.path().join("voices");
    let voice = voices.join("en_US-hibari-heart");
    std::fs::create_dir_all(&voice).unwrap();
    for file in ["hibari.onnx", "vocab.json", "LICENSE", "NOTICE"] {
        std::fs::copy(
            aloud::engine::hibari::voice_dir().join(file),
            voice.join(file),
        )
        .unwrap();
    }
    let article = dir.path().join("note.txt");
    std::fs::write(&article, "The ferry left at nine.\n").unwrap();
    aloud()
        .env("ALOUD_VOICES_DIR", &voices)
        .args(["export", "-q", "--no-cache"])
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .success();
    let m = read_json(&dir.path().join("out/note/manifest.json"));
    assert_eq!(m["engine"]["name"], "hibari");
    let listed = aloud()
        .env("ALOUD_VOICES_DIR", &voices)
        .arg("voices")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&listed.get_output().stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("en_US-hibari-heart") && l.ends_with("[default for en]")),
        "{stdout}"
    );
    // The installed voice is not fetched again.
    aloud()
        .env("ALOUD_VOICES_DIR", &voices)
        .args(["voices", "install", "hibari"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "en_US-hibari-heart: already installed",
        ));
}

/// With both neural voices installed (as `scripts/test` installs them), `auto` reads English
/// with hibari, the default English voice, and `--voice joe` is one flag away; `aloud voices`
/// marks hibari as the default for English.
#[test]
fn hibari_is_the_default_english_voice_and_joe_one_flag_away() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("note.txt");
    std::fs::write(&article, "The ferry left at nine.\n").unwrap();
    for (extra, engine, voice) in [
        (&[][..], "hibari", "en_US-hibari-heart"),
        (&["--voice", "joe"][..], "piper", "en_US-joe-medium"),
    ] {
        let out = dir.path().join(format!("out-{engine}"));
        aloud()
            .args(["export", "-q"])
            .args(extra)
            .arg(&article)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let m = read_json(&out.join("note/manifest.json"));
        assert_eq!(m["engine"]["name"], engine);
        assert_eq!(m["engine"]["voice"], voice);
    }
    let listed = aloud().arg("voices").assert().success();
    let stdout = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {stdout}"))
            .to_string()
    };
    assert!(
        line("en_US-hibari-heart").ends_with("[default for en]"),
        "{stdout}"
    );
    assert!(!line("en_US-joe-medium").contains("default"), "{stdout}");
}

#[test]
fn the_neural_voices_runtime_writes_no_telemetry_files() {
    // ONNX Runtime 1.32 writes a device id and an event database under
    // $XDG_CACHE_HOME/Microsoft/DeveloperTools/.onnxruntime/ when its telemetry is on.
    let dir = tempfile::tempdir().unwrap();
    let cache_home = dir.path().join("xdg-cache");
    std::fs::create_dir(&cache_home).unwrap();
    aloud()
        .env_remove("ORT_DISABLE_TELEMETRY")
        .env("XDG_CACHE_HOME", &cache_home)
        .env("ALOUD_CACHE_DIR", dir.path().join("chunks"))
        .args(["export", "--engine", "hibari", "-j", "1", "-o"])
        .arg(dir.path().join("out"))
        .arg(short_article(dir.path()))
        .assert()
        .success();
    assert!(dir
        .path()
        .join("out/quiet-harbour/quiet-harbour.wav")
        .is_file());
    let written: Vec<_> = std::fs::read_dir(&cache_home)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        written.is_empty(),
        "written under XDG_CACHE_HOME: {written:?}"
    );
}
