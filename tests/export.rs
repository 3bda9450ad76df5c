//! `aloud export` end to end with the real libespeak-ng: the WAVs, manifest, subtitles and
//! script it writes, read back and checked against each other.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// Below this RMS a chunk would be near-silent; espeak-ng speech is in the thousands.
const SPEECH_RMS: f64 = 500.0;
/// Magnitude above which a sample counts as sound when measuring pauses (as the trimmer).
const LOUD: i16 = 64;

struct Exported {
    dir: std::path::PathBuf,
    slug: String,
    manifest: Value,
}

fn export_one(article: &Path, out: &Path, extra: &[&str]) -> Exported {
    aloud()
        .arg("export")
        .arg(article)
        .arg("-o")
        .arg(out)
        .arg("-q")
        .args(extra)
        .assert()
        .success();
    let slug = article.file_stem().unwrap().to_string_lossy().to_string();
    let dir = out.join(&slug);
    let manifest = read_json(&dir.join("manifest.json"));
    Exported {
        dir,
        slug,
        manifest,
    }
}

/// Checks every acceptance property of one exported article.
fn check_article(e: &Exported, sentence_pause_ms: u64) {
    let m = &e.manifest;
    assert_eq!(m["schema_version"], 1);
    assert_eq!(m["estimated"], false);
    assert_eq!(m["engine"]["name"], "espeak");
    assert!(m["engine"]["version"].as_str().unwrap().starts_with('1'));
    assert_eq!(m["engine"]["voice"], "en-us");

    let (rate, samples) = read_wav(&e.dir.join(format!("{}.wav", e.slug)));
    assert_eq!(
        Some(u64::from(rate)),
        m["sample_rate"].as_u64(),
        "WAV rate = manifest rate"
    );
    let wav_ms = samples.len() as f64 * 1000.0 / f64::from(rate);
    let duration_ms = m["duration_ms"].as_u64().unwrap() as f64;
    assert!(
        (wav_ms - duration_ms).abs() <= 1.0,
        "WAV {wav_ms} ms vs manifest {duration_ms} ms"
    );

    let chunks = m["chunks"].as_array().unwrap();
    assert!(chunks.len() >= 5, "a real article has several chunks");
    let chunk_files: Vec<String> = tree(&e.dir.join("chunks"));
    assert_eq!(
        chunk_files.len(),
        chunks.len(),
        "one chunk WAV per manifest chunk"
    );

    let mut previous_end = None;
    for (i, c) in chunks.iter().enumerate() {
        assert_eq!(c["index"].as_u64(), Some(i as u64 + 1));
        let file = c["file"].as_str().unwrap();
        assert_eq!(file, format!("chunks/{:04}.wav", i + 1));
        let (chunk_rate, chunk) = read_wav(&e.dir.join(file));
        assert_eq!(chunk_rate, rate);
        assert!(
            rms(&chunk) > SPEECH_RMS,
            "chunk {} RMS {} is near silence",
            i + 1,
            rms(&chunk)
        );

        let (start, end) = (
            c["start_ms"].as_u64().unwrap(),
            c["end_ms"].as_u64().unwrap(),
        );
        assert!(start < end, "chunk {} start < end", i + 1);
        assert!(end as f64 <= duration_ms, "chunk {} inside the WAV", i + 1);
        if let Some(prev) = previous_end {
            assert!(
                start > prev,
                "chunk {} starts after the previous ends",
                i + 1
            );
        }
        previous_end = Some(end);
        // The chunk WAV is exactly the article's audio between start and end.
        let span_ms = (end - start) as f64;
        let chunk_ms = chunk.len() as f64 * 1000.0 / f64::from(rate);
        assert!(
            (span_ms - chunk_ms).abs() <= 1.0,
            "chunk {} length matches its span",
            i + 1
        );
        let offset = at(start, rate);
        let article_part = &samples[offset..offset + chunk.len().min(samples.len() - offset)];
        assert!(
            rms(article_part) > SPEECH_RMS,
            "article has speech where chunk {} is",
            i + 1
        );
    }

    // Pauses between two chunks of one paragraph are the sentence pause, measured as silence.
    let mut measured = 0;
    for pair in chunks.windows(2) {
        if pair[0]["paragraph"] != pair[1]["paragraph"] {
            continue;
        }
        let end = at(pair[0]["end_ms"].as_u64().unwrap(), rate);
        let start = at(pair[1]["start_ms"].as_u64().unwrap(), rate);
        let last_sound = samples[..end]
            .iter()
            .rposition(|s| s.unsigned_abs() > LOUD as u16)
            .unwrap();
        let next_sound = start
            + samples[start..]
                .iter()
                .position(|s| s.unsigned_abs() > LOUD as u16)
                .unwrap();
        let silence_ms = (next_sound - last_sound - 1) as f64 * 1000.0 / f64::from(rate);
        assert!(
            (silence_ms - sentence_pause_ms as f64).abs() <= 20.0,
            "silence between chunks {} and {} is {silence_ms:.1} ms, wanted {sentence_pause_ms} ±20",
            pair[0]["index"],
            pair[1]["index"]
        );
        measured += 1;
    }
    assert!(measured > 0, "the article has paragraphs of several chunks");

    for (ext, cues) in [
        (
            "srt",
            parse_srt(&std::fs::read_to_string(e.dir.join(format!("{}.srt", e.slug))).unwrap()),
        ),
        (
            "vtt",
            parse_vtt(&std::fs::read_to_string(e.dir.join(format!("{}.vtt", e.slug))).unwrap()),
        ),
    ] {
        assert_eq!(cues.len(), chunks.len(), "{ext}: one cue per chunk");
        for (cue, c) in cues.iter().zip(chunks) {
            assert_eq!(Some(cue.start_ms), c["start_ms"].as_u64(), "{ext} start");
            assert_eq!(Some(cue.end_ms), c["end_ms"].as_u64(), "{ext} end");
        }
    }

    let script = std::fs::read_to_string(e.dir.join("script.txt")).unwrap();
    assert!(
        script.lines().all(|l| l.chars().count() <= 80),
        "script wrapped at 80"
    );
    assert!(
        script.contains("[00:00] 1. "),
        "script numbers and times chunks"
    );
}

#[test]
fn every_sample_article_exports_with_consistent_audio_manifest_and_subtitles() {
    let out = tempfile::tempdir().unwrap();
    let mut samples: Vec<_> = std::fs::read_dir(articles_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    samples.sort();
    assert!(samples.len() >= 3);
    for article in samples {
        let e = export_one(&article, out.path(), &[]);
        check_article(&e, 350);
    }
}

#[test]
fn custom_sentence_pause_is_what_the_wav_holds() {
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &["--sentence-pause", "600", "--paragraph-pause", "1200"],
    );
    check_article(&e, 600);
}

#[test]
fn debris_is_not_narrated_and_the_headline_is_the_title() {
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &[],
    );
    let title = e.manifest["title"].as_str().unwrap();
    assert!(title.starts_with("Merrow Bay council approves"), "{title}");
    let all: String = e.manifest["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_lowercase() + "\n")
        .collect();
    for debris in [
        "show image",
        "advertisement",
        "share this article",
        "photograph:",
        "sign up to our newsletter",
    ] {
        assert!(!all.contains(debris), "{debris:?} was narrated");
    }
}

#[test]
fn faster_rate_gives_shorter_audio() {
    let out = tempfile::tempdir().unwrap();
    let article = articles_dir().join("harbour-council-vote.txt");
    let slow = export_one(&article, &out.path().join("slow"), &["--rate", "120"]);
    let fast = export_one(&article, &out.path().join("fast"), &["--rate", "250"]);
    let slow_ms = slow.manifest["duration_ms"].as_u64().unwrap();
    let fast_ms = fast.manifest["duration_ms"].as_u64().unwrap();
    assert!(
        (fast_ms as f64) < slow_ms as f64 * 0.75,
        "250 wpm ({fast_ms} ms) should be much shorter than 120 wpm ({slow_ms} ms)"
    );
    assert_eq!(fast.manifest["engine"]["rate"], 250);
}

#[test]
fn pitch_and_volume_change_the_audio() {
    let out = tempfile::tempdir().unwrap();
    let article = articles_dir().join("harbour-council-vote.txt");
    let quiet = export_one(&article, &out.path().join("q"), &["--volume", "40"]);
    let loud = export_one(&article, &out.path().join("l"), &["--volume", "180"]);
    let level = |e: &Exported| rms(&read_wav(&e.dir.join("chunks/0002.wav")).1);
    assert!(
        level(&loud) > level(&quiet) * 2.0,
        "volume 180 is louder than 40"
    );
    let low = export_one(&article, &out.path().join("lo"), &["--pitch", "10"]);
    let high = export_one(&article, &out.path().join("hi"), &["--pitch", "90"]);
    let chunk2 = |e: &Exported| read_wav(&e.dir.join("chunks/0002.wav")).1;
    assert_ne!(chunk2(&low), chunk2(&high), "pitch changes the samples");
}

#[test]
fn unknown_voice_is_a_clear_error() {
    let out = tempfile::tempdir().unwrap();
    aloud()
        .args(["export", "--voice", "klingon-xx", "-o"])
        .arg(out.path())
        .arg(articles_dir().join("harbour-council-vote.txt"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no voice named \"klingon-xx\""));
    assert!(tree(out.path()).is_empty());
}

#[test]
fn exporting_again_needs_force() {
    let out = tempfile::tempdir().unwrap();
    let article = articles_dir().join("learning-to-bake-sourdough.md");
    export_one(&article, out.path(), &["--rate", "300"]);
    let before =
        std::fs::read(out.path().join("learning-to-bake-sourdough/manifest.json")).unwrap();
    aloud()
        .arg("export")
        .arg(&article)
        .arg("-o")
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("already exists; add --force"));
    assert_eq!(
        std::fs::read(out.path().join("learning-to-bake-sourdough/manifest.json")).unwrap(),
        before,
        "without --force nothing changes"
    );
    let e = export_one(&article, out.path(), &["--force", "--rate", "200"]);
    assert_eq!(
        e.manifest["engine"]["rate"], 200,
        "--force replaced the output"
    );
    assert_eq!(
        tree(out.path()).iter().filter(|p| !p.contains('/')).count(),
        1,
        "no leftovers"
    );
}

#[test]
fn a_folder_exports_one_output_folder_per_article_with_a_summary() {
    let out = tempfile::tempdir().unwrap();
    let assert = aloud()
        .arg("export")
        .arg(articles_dir())
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let summary: Vec<&str> = stdout.lines().collect();
    assert_eq!(summary.len(), 3, "{stdout}");
    for line in summary {
        assert!(
            line.contains(".wav  ") && line.ends_with(" chunks"),
            "{line}"
        );
    }
    let mut top: Vec<String> = tree(out.path())
        .into_iter()
        .filter(|p| !p.contains('/'))
        .collect();
    top.sort();
    assert_eq!(
        top,
        [
            "harbour-council-vote",
            "learning-to-bake-sourdough",
            "night-trains-return"
        ]
    );
}

#[test]
fn stdin_title_cannot_escape_the_output_folder() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    aloud()
        .args(["export", "-", "-q", "-o"])
        .arg(&out)
        .write_stdin("../../etc/passwd\n\nThis article tries to escape. It should not.\n")
        .assert()
        .success();
    assert_eq!(
        tree(root.path())
            .iter()
            .filter(|p| !p.contains('/'))
            .count(),
        1
    );
    let m = read_json(&out.join("etc-passwd/manifest.json"));
    assert_eq!(m["title"], "../../etc/passwd");
    assert_eq!(m["source"], "<stdin>");
}
