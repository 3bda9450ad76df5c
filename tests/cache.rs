//! The chunk cache through the real binary and engine: an unchanged article re-exports from
//! the cache with identical audio, an edited paragraph is the only thing synthesized again, an
//! interrupted export resumes, `--no-cache` neither reads nor writes, `aloud cache` shows and
//! clears it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

const ARTICLE: &str = "The Harbour Wall\n\n\
    The council met on Tuesday. It talked about the wall for three hours.\n\n\
    Nobody agreed on the cost. The engineers asked for more time.\n\n\
    The vote was put off until May. The harbour master said nothing.\n";

/// Exports `article` with espeak into `out` using the cache in `cache`; returns the summary.
fn export(article: &Path, out: &Path, cache: &Path, extra: &[&str]) -> String {
    let assert = aloud()
        .env("ALOUD_CACHE_DIR", cache)
        .args(["export", "--engine", "espeak", "--force"])
        .args(extra)
        .arg(article)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

fn cached_files(cache: &Path) -> usize {
    walk(cache).len()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn unchanged_article_comes_from_the_cache_with_identical_audio() {
    let dir = tempfile::tempdir().unwrap();
    let (article, cache) = (dir.path().join("wall.txt"), dir.path().join("cache"));
    std::fs::write(&article, ARTICLE).unwrap();
    let first = export(&article, &dir.path().join("a"), &cache, &[]);
    assert!(!first.contains("from the cache"), "{first}");
    let chunks = read_json(&dir.path().join("a/wall/manifest.json"))["chunks"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(cached_files(&cache), chunks, "one cached file per chunk");

    let second = export(&article, &dir.path().join("b"), &cache, &[]);
    assert!(second.contains("(all from the cache)"), "{second}");
    let wav = |d: &str| std::fs::read(dir.path().join(d).join("wall/wall.wav")).unwrap();
    assert_eq!(wav("a"), wav("b"), "the cached export is the same audio");
    for i in 1..=chunks {
        let name = format!("wall/chunks/{i:04}.wav");
        assert_eq!(
            std::fs::read(dir.path().join("a").join(&name)).unwrap(),
            std::fs::read(dir.path().join("b").join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn an_article_larger_than_the_cache_and_a_damaged_entry_export_again_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (article, cache) = (dir.path().join("long.txt"), dir.path().join("cache"));
    // About 60 chunks of espeak speech, some 3 MB: three times the 1 MB cap.
    let text: String = (0..60)
        .map(|i| format!("Sentence number {i} of the harbour report was read out slowly. "))
        .collect();
    std::fs::write(&article, format!("The Long Report\n\n{text}\n")).unwrap();
    let wav = |d: &str| std::fs::read(dir.path().join(d).join("long/long.wav")).unwrap();
    export(
        &article,
        &dir.path().join("a"),
        &cache,
        &["--cache-size", "1"],
    );
    // The chunks still cached are read while the others are spoken and stored: storing them
    // must not evict the ones not yet read.
    export(
        &article,
        &dir.path().join("b"),
        &cache,
        &["--cache-size", "1"],
    );
    assert_eq!(wav("a"), wav("b"));
    // A damaged entry (one byte of its samples) and a truncated one are spoken again.
    let files = walk(&cache);
    assert!(files.len() >= 2, "{files:?}");
    let mut bytes = std::fs::read(&files[0]).unwrap();
    bytes[100] ^= 0x40;
    std::fs::write(&files[0], &bytes).unwrap();
    let bytes = std::fs::read(&files[1]).unwrap();
    std::fs::write(&files[1], &bytes[..bytes.len() / 2]).unwrap();
    export(
        &article,
        &dir.path().join("c"),
        &cache,
        &["--cache-size", "1"],
    );
    assert_eq!(wav("a"), wav("c"));
}

#[test]
fn after_an_edit_only_the_changed_chunks_are_synthesized() {
    let dir = tempfile::tempdir().unwrap();
    let (article, cache) = (dir.path().join("wall.txt"), dir.path().join("cache"));
    std::fs::write(&article, ARTICLE).unwrap();
    export(&article, &dir.path().join("out"), &cache, &[]);
    let total = read_json(&dir.path().join("out/wall/manifest.json"))["chunks"]
        .as_array()
        .unwrap()
        .len();
    // One sentence of one paragraph changes: one chunk is new.
    std::fs::write(
        &article,
        ARTICLE.replace("The engineers asked for more time.", "The engineers left."),
    )
    .unwrap();
    let summary = export(&article, &dir.path().join("out"), &cache, &[]);
    assert!(
        summary.contains(&format!("({} from the cache)", total - 1)),
        "{summary}"
    );
    // A different rate is different audio: nothing comes from the cache.
    let summary = export(
        &article,
        &dir.path().join("out"),
        &cache,
        &["--rate", "200"],
    );
    assert!(!summary.contains("from the cache"), "{summary}");
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (article, cache) = (dir.path().join("wall.txt"), dir.path().join("cache"));
    std::fs::write(&article, ARTICLE).unwrap();
    export(&article, &dir.path().join("out"), &cache, &["--no-cache"]);
    assert_eq!(cached_files(&cache), 0);
    export(&article, &dir.path().join("out"), &cache, &[]);
    let summary = export(&article, &dir.path().join("out"), &cache, &["--no-cache"]);
    assert!(!summary.contains("from the cache"), "{summary}");
}

#[test]
fn an_interrupted_export_resumes_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let (article, cache, out) = (
        dir.path().join("long.txt"),
        dir.path().join("cache"),
        dir.path().join("out"),
    );
    let text: String = (1..=300)
        .map(|i| {
            format!(
                "On day {i} the harbour board met again to talk about the sea wall. \
                 Nobody agreed on the cost, and meeting {i} ran late into the evening.\n\n"
            )
        })
        .collect();
    std::fs::write(&article, text).unwrap();
    let child = Command::new(assert_cmd::cargo::cargo_bin("aloud"))
        .args(["export", "--engine", "espeak", "-q"])
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .env("ALOUD_CACHE_DIR", &cache)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .spawn()
        .unwrap();
    let start = Instant::now();
    while cached_files(&cache) < 3 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "export never started"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait_with_output().unwrap().status;
    assert_eq!(status.code(), Some(130));
    let done_before = walk(&cache)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wav"))
        .count();
    assert!(done_before >= 3);
    assert!(
        !out.join("long").exists(),
        "no output folder after the interrupt"
    );
    let summary = export(&article, &out, &cache, &[]);
    // Every chunk spoken before the interrupt comes from the cache.
    let from_cache: usize = summary
        .split(" from the cache")
        .next()
        .and_then(|s| s.rsplit('(').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no cache count in {summary}"));
    assert!(
        from_cache >= done_before,
        "{from_cache} < {done_before}: {summary}"
    );
    assert!(out.join("long/long.wav").exists());
}

#[test]
fn cache_info_and_clear() {
    let dir = tempfile::tempdir().unwrap();
    let (article, cache) = (dir.path().join("wall.txt"), dir.path().join("cache"));
    std::fs::write(&article, ARTICLE).unwrap();
    export(&article, &dir.path().join("out"), &cache, &[]);
    let n = cached_files(&cache);
    let info = aloud()
        .env("ALOUD_CACHE_DIR", &cache)
        .args(["cache", "info"])
        .assert()
        .success();
    let info = String::from_utf8_lossy(&info.get_output().stdout).into_owned();
    assert!(info.contains(&format!("{n} chunks")), "{info}");
    let clear = aloud()
        .env("ALOUD_CACHE_DIR", &cache)
        .args(["cache", "clear"])
        .assert()
        .success();
    let clear = String::from_utf8_lossy(&clear.get_output().stdout).into_owned();
    assert!(clear.contains(&format!("removed {n} chunks")), "{clear}");
    assert_eq!(cached_files(&cache), 0);
}

#[test]
fn stats_report_words_chunks_cache_hits_and_speed() {
    let dir = tempfile::tempdir().unwrap();
    let (article, cache) = (dir.path().join("wall.txt"), dir.path().join("cache"));
    std::fs::write(&article, ARTICLE).unwrap();
    let first = export(
        &article,
        &dir.path().join("out"),
        &cache,
        &["--stats", "-q"],
    );
    let second = export(
        &article,
        &dir.path().join("out"),
        &cache,
        &["--stats", "-q"],
    );
    let chunks = read_json(&dir.path().join("out/wall/manifest.json"))["chunks"]
        .as_array()
        .unwrap()
        .len();
    for (line, cached) in [(&first, 0), (&second, chunks)] {
        assert!(line.starts_with("stats: 1 articles, "), "{line}");
        assert!(
            line.contains(&format!("{chunks} chunks ({cached} from the cache)")),
            "{line}"
        );
        assert!(line.contains("x real time"), "{line}");
    }
}
