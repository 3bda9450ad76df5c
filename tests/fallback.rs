//! No engine: the narration script and an estimated manifest instead of a failure.

mod common;

use common::*;

fn without_espeak() -> assert_cmd::Command {
    let mut cmd = aloud();
    cmd.env("ALOUD_ESPEAK_LIB", "/nonexistent/libespeak-ng.so.1");
    cmd
}

#[test]
fn missing_library_falls_back_to_script_with_a_warning() {
    let out = tempfile::tempdir().unwrap();
    let assert = without_espeak()
        .arg("export")
        .arg(articles_dir().join("harbour-council-vote.txt"))
        .arg("-o")
        .arg(out.path())
        .assert()
        .code(0);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("warning: "), "{stderr}");
    assert!(
        stderr.contains("/nonexistent/libespeak-ng.so.1 not found"),
        "{stderr}"
    );
    assert!(stderr.contains("apt-get install libespeak-ng1"), "{stderr}");

    let dir = out.path().join("harbour-council-vote");
    assert_eq!(
        tree(&dir),
        ["manifest.json", "script.txt"],
        "no WAV, no subtitles"
    );
    let m = read_json(&dir.join("manifest.json"));
    assert_eq!(m["estimated"], true);
    assert_eq!(m["engine"]["name"], "script");
    assert!(m["sample_rate"].is_null() && m["audio"].is_null());
    let chunks = m["chunks"].as_array().unwrap();
    assert!(chunks.len() > 5);
    let mut last_end = 0;
    for c in chunks {
        assert!(c["file"].is_null());
        let (s, e) = (
            c["start_ms"].as_u64().unwrap(),
            c["end_ms"].as_u64().unwrap(),
        );
        assert!(s >= last_end && e > s);
        last_end = e;
    }
    assert_eq!(m["duration_ms"].as_u64().unwrap(), last_end);
    // ~640 words at 175 wpm is about 3.7 minutes plus pauses.
    assert!(
        (180_000..330_000).contains(&last_end),
        "estimate {last_end} ms"
    );

    let script = std::fs::read_to_string(dir.join("script.txt")).unwrap();
    assert!(
        script.starts_with("Merrow Bay council approves"),
        "{script}"
    );
    assert!(script.contains("(pause)"));
    assert!(script.contains("[00:00] 1. Merrow Bay"));
    assert!(script.lines().all(|l| l.chars().count() <= 80));
}

#[test]
fn require_audio_makes_missing_engine_an_error_and_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    let assert = without_espeak()
        .arg("export")
        .arg("--require-audio")
        .arg(articles_dir().join("harbour-council-vote.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--require-audio"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn engine_none_writes_script_even_with_espeak_installed() {
    let out = tempfile::tempdir().unwrap();
    aloud()
        .args(["export", "--engine", "none", "-q", "-o"])
        .arg(out.path())
        .arg(articles_dir().join("night-trains-return.html"))
        .assert()
        .success();
    assert_eq!(
        tree(&out.path().join("night-trains-return")),
        ["manifest.json", "script.txt"]
    );
}

#[test]
fn engines_command_explains_what_is_missing() {
    without_espeak()
        .arg("engines")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "espeak: unavailable — /nonexistent/libespeak-ng.so.1 not found — apt-get install libespeak-ng1",
        ))
        .stdout(predicates::str::contains("[auto falls back to this]"));
    aloud()
        .arg("engines")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "espeak: available — libespeak-ng 1.",
        ));
}

#[test]
fn voices_lists_espeak_voices() {
    aloud()
        .arg("voices")
        .assert()
        .success()
        .stdout(predicates::str::contains("en-us"));
    without_espeak()
        .arg("voices")
        .assert()
        .success()
        .stdout(predicates::str::contains("espeak voices: unavailable"))
        .stdout(predicates::str::contains("not found"));
}
