//! Interrupts: Ctrl-C (SIGINT) and SIGTERM during an export leave no article folder, no
//! hidden staging folder and no file under a final name; staging folders of dead runs are
//! removed by the next export.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A long article: many sentences, so the export is still running when the signal comes.
fn long_article(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("long.txt");
    let paragraph = "The harbour board met again on Tuesday to talk about the sea wall. \
                     Nobody agreed on the cost, and the meeting ran late into the evening.\n\n";
    std::fs::write(&path, paragraph.repeat(400)).unwrap();
    path
}

fn interrupted_export_leaves_nothing(signal: &str, engine: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let article = long_article(dir.path());
    let out = dir.path().join("out");
    let child = Command::new(assert_cmd::cargo::cargo_bin("aloud"))
        .args(["export", "-q"])
        .args(engine)
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("ALOUD_CACHE_DIR", dir.path().join("cache"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the article is being built: its staging folder holds chunk WAVs.
    let start = Instant::now();
    loop {
        if staged_chunks(&out) >= 3 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "export never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "exit code after {signal}");
    // One line, aloud's: no runtime's message after it (ONNX Runtime printed one when its
    // exit handlers ran under a model run).
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "left behind after {signal}: {left:?}");
}

#[test]
fn ctrl_c_leaves_no_output() {
    interrupted_export_leaves_nothing("-INT", &["--engine", "espeak"]);
}

#[test]
fn sigterm_leaves_no_output() {
    interrupted_export_leaves_nothing("-TERM", &["--engine", "espeak"]);
}

#[test]
fn ctrl_c_during_neural_synthesis_says_one_line() {
    // Three times: the runtime's message came on about half of the interrupts.
    for _ in 0..3 {
        interrupted_export_leaves_nothing(
            "-INT",
            &[
                "--engine",
                "piper",
                "--voice",
                "en_US-joe-medium",
                "--no-cache",
            ],
        );
    }
}

#[test]
fn staging_folders_of_dead_runs_are_removed_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // A pid above the kernel's maximum (4,194,304) is never alive; pid 1 always is.
    let dead = out.join(".old-article.partial-4194999");
    let live = out.join(".other-article.partial-1");
    std::fs::create_dir_all(dead.join("chunks")).unwrap();
    std::fs::write(dead.join("chunks/0001.wav"), b"half").unwrap();
    std::fs::create_dir_all(&live).unwrap();
    let article = dir.path().join("short.txt");
    std::fs::write(&article, "A short note. It has two sentences.\n").unwrap();
    aloud()
        .args(["export", "--engine", "espeak", "-q"])
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(!dead.exists(), "a dead run's staging folder is removed");
    assert!(live.exists(), "a live process's staging folder is kept");
    assert!(out.join("short/short.wav").exists());
}

#[test]
fn two_exports_into_one_folder_never_mix_and_the_loser_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("race.txt");
    let text: String = (1..=40)
        .map(|i| format!("Sentence {i} of the race. It is short.\n\n"))
        .collect();
    std::fs::write(&article, text).unwrap();
    let out = dir.path().join("out");
    let spawn = |cache: &str| {
        Command::new(assert_cmd::cargo::cargo_bin("aloud"))
            .args(["export", "--engine", "espeak", "-q"])
            .arg(&article)
            .arg("-o")
            .arg(&out)
            .env("ALOUD_CACHE_DIR", dir.path().join(cache))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("cache-a"), spawn("cache-b"));
    let results = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    let won = results.iter().filter(|r| r.status.success()).count();
    assert_eq!(won, 1, "exactly one export wins");
    let lost = results.iter().find(|r| !r.status.success()).unwrap();
    let stderr = String::from_utf8_lossy(&lost.stderr);
    assert!(stderr.contains("already exists"), "{stderr}");
    // The folder is one export's, whole: its manifest matches its WAV, nothing else is left.
    let m = read_json(&out.join("race/manifest.json"));
    let (rate, samples) = read_wav(&out.join("race/race.wav"));
    let ms = samples.len() as f64 * 1000.0 / f64::from(rate);
    assert!((ms - m["duration_ms"].as_f64().unwrap()).abs() <= 1.0);
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["race"], "{left:?}");
}

#[test]
fn a_file_size_limit_is_a_one_line_error_and_leaves_nothing() {
    // `prlimit --fsize`: writing past 2 MB fails (EFBIG) instead of killing aloud, and the
    // export ends like any write error. libespeak-ng's sound-server probe says nothing.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = Command::new("prlimit")
        .arg("--fsize=2000000")
        .arg(assert_cmd::cargo::cargo_bin("aloud"))
        .args(["export", "--engine", "espeak", "-q", "--no-cache"])
        .arg(articles_dir().join("harbour-council-vote.txt"))
        .arg("-o")
        .arg(&out)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .expect("prlimit (util-linux) runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(
        stderr.contains("out/harbour-council-vote/") && !stderr.contains(".partial-"),
        "names the file where it would have been: {stderr}"
    );
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}
