//! `aloud export` end to end with the real libespeak-ng: the WAVs, manifest, subtitles and
//! script it writes, read back and checked against each other. These run on espeak
//! (`--engine espeak`); tests/piper.rs covers the neural voice.

mod common;

use common::*;

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
        check_article(&e, "espeak", 350);
        assert_eq!(e.manifest["engine"]["voice"], "en-us");
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
    check_article(&e, "espeak", 600);
}

#[test]
fn pauses_scale_with_the_rate_in_the_wav() {
    // At twice the default rate every pause is half as long: 350 ms becomes 175 ms.
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &["--rate", "350"],
    );
    check_article(&e, "espeak", 175);
    let paragraph_pauses: Vec<u64> = e.manifest["chunks"]
        .as_array()
        .unwrap()
        .windows(2)
        .filter(|p| p[0]["paragraph"] != p[1]["paragraph"] && p[1]["paragraph"] != 0)
        .map(|p| p[0]["pause_after_ms"].as_u64().unwrap())
        .collect();
    assert!(paragraph_pauses.contains(&450), "{paragraph_pauses:?}");
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
        .args([
            "export",
            "--engine",
            "espeak",
            "--voice",
            "klingon-xx",
            "-o",
        ])
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
        .args(["export", "--engine", "espeak"])
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
        .args(["export", "--engine", "espeak"])
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
            // "… 32 chunks", perhaps with "(N from the cache)" after it.
            line.contains(".wav  ") && line.contains(" chunks"),
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
        .args(["export", "--engine", "espeak", "-", "-q", "-o"])
        .arg(&out)
        .write_stdin(
            "To ../../etc/passwd we go\n\nThis article tries to escape from the output folder. It should not.\n",
        )
        .assert()
        .success();
    assert_eq!(
        tree(root.path())
            .iter()
            .filter(|p| !p.contains('/'))
            .count(),
        1
    );
    let m = read_json(&out.join("to-etc-passwd-we-go/manifest.json"));
    assert_eq!(m["title"], "To ../../etc/passwd we go");
    assert_eq!(m["source"], "<stdin>");
}
