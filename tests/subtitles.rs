//! Subtitles people can read (issue 15, item 6), through the real binary and both real
//! engines: every cue of the sample articles within the limits and timed from the speech
//! (`common::check_subtitles`, which also reads the WAV back), word times that follow the
//! sound, written words timed by what was said for them, `--word-timings` outputs, and word
//! times kept by the chunk cache.

mod common;

use std::path::Path;

use common::*;

/// Exports every sample article with `engine` and `--word-timings` and checks each one's
/// subtitles, words and word-level WebVTT against its manifest and audio.
fn samples_have_readable_subtitles_timed_from_the_speech(engine: &str) {
    let out = tempfile::tempdir().unwrap();
    aloud()
        .args(["export", "--engine", engine, "--word-timings", "-q"])
        .arg(articles_dir())
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    let mut articles = 0;
    let mut cues = 0;
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let dir = entry.unwrap().path();
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let e = Exported {
            manifest: read_json(&dir.join("manifest.json")),
            dir,
            slug,
        };
        assert_eq!(e.manifest["engine"]["name"], engine);
        let (rate, samples) = read_wav(&e.dir.join(format!("{}.wav", e.slug)));
        check_subtitles(&e, &samples, rate);
        cues += parse_srt(&std::fs::read_to_string(e.dir.join(format!("{}.srt", e.slug))).unwrap())
            .len();
        // The word-level WebVTT: one cue per heard word, with the manifest's times.
        let heard: Vec<(u64, u64, String)> = manifest_words(&e.manifest)
            .into_iter()
            .filter_map(|w| w.times.filter(|(a, b)| b > a).map(|(a, b)| (a, b, w.text)))
            .collect();
        let words_vtt =
            std::fs::read_to_string(e.dir.join(format!("{}.words.vtt", e.slug))).unwrap();
        let word_cues: Vec<(u64, u64, String)> = parse_vtt(&words_vtt)
            .into_iter()
            .map(|c| (c.start_ms, c.end_ms, c.text))
            .collect();
        assert_eq!(word_cues, heard, "{}: words.vtt", e.slug);
        articles += 1;
    }
    assert!(articles >= 3);
    // One cue per chunk used to be 118 cues for these articles; readable cues are more.
    assert!(cues > 150, "{cues} cues");
}

#[test]
fn every_cue_of_the_sample_articles_is_readable_and_heard_with_espeak() {
    samples_have_readable_subtitles_timed_from_the_speech("espeak");
}

#[test]
fn every_cue_of_the_sample_articles_is_readable_and_heard_with_the_neural_voice() {
    samples_have_readable_subtitles_timed_from_the_speech("piper");
}

/// Exports `text` as one article with `engine` and `--word-timings`.
fn export_text(dir: &Path, text: &str, engine: &str, extra: &[&str]) -> Exported {
    let article = dir.join("said.txt");
    std::fs::write(&article, text).unwrap();
    let mut args = vec!["--engine", engine, "--word-timings"];
    args.extend(extra);
    export_one(&article, &dir.join("out"), &args)
}

/// Words (text, start, end) of an export's manifest.
fn timed_words(e: &Exported) -> Vec<(String, u64, u64)> {
    manifest_words(&e.manifest)
        .into_iter()
        .map(|w| {
            let (a, b) = w.times.unwrap();
            (w.text, a, b)
        })
        .collect()
}

/// A list read with a pause after each word: the audio has one stretch of sound per word, and
/// each word's time is its stretch of sound.
#[test]
fn word_times_are_the_sound_of_each_word_in_a_list_read_with_pauses() {
    for engine in ["espeak", "piper"] {
        let dir = tempfile::tempdir().unwrap();
        let e = export_text(
            dir.path(),
            "Alpha, bravo, charlie, delta, echo, foxtrot.\n",
            engine,
            &[],
        );
        let (rate, samples) = read_wav(&e.dir.join("said.wav"));
        let words = timed_words(&e);
        assert_eq!(words.len(), 6, "{engine}");
        let chunk = &e.manifest["chunks"][0];
        let span = (
            chunk["start_ms"].as_u64().unwrap(),
            chunk["end_ms"].as_u64().unwrap(),
        );
        let islands = sound_islands(&samples, rate, span, LOUD as u16, 60);
        assert_eq!(
            islands.len(),
            6,
            "{engine}: one stretch of sound per word: {islands:?}"
        );
        for ((text, a, b), (x, y)) in words.iter().zip(&islands) {
            assert!(
                a.abs_diff(*x) <= TOLERANCE_MS && b.abs_diff(*y) <= TOLERANCE_MS,
                "{engine}: {text:?} at {a}–{b} ms, its sound at {x}–{y} ms"
            );
        }
        check_subtitles(&e, &samples, rate);
    }
}

/// What is shown is what was written; its time is that of what was said for it.
#[test]
fn written_words_take_the_times_of_their_spoken_forms() {
    for engine in ["espeak", "piper"] {
        let dir = tempfile::tempdir().unwrap();
        let e = export_text(
            dir.path(),
            "Dr. Ng paid $5 on 2023-11-02 and left.\n",
            engine,
            &[],
        );
        let chunk = &e.manifest["chunks"][0];
        assert_eq!(
            chunk["spoken"],
            "Doctor Ng paid five dollars on November second, twenty twenty-three and left."
        );
        let words = timed_words(&e);
        let texts: Vec<&str> = words.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Dr.",
                "Ng",
                "paid",
                "$5",
                "on",
                "2023-11-02",
                "and",
                "left."
            ]
        );
        let length = |i: usize| words[i].2 - words[i].1;
        // "$5" is "five dollars", longer than "paid"; the date is five spoken words.
        assert!(length(3) > length(2), "{engine}: {words:?}");
        assert!(
            length(5) > 3 * length(4) && length(5) > 1000,
            "{engine}: {words:?}"
        );
        let vtt = std::fs::read_to_string(e.dir.join("said.words.vtt")).unwrap();
        assert!(
            vtt.contains("\n$5\n") && vtt.contains("\n2023-11-02\n"),
            "{vtt}"
        );
        let (rate, samples) = read_wav(&e.dir.join("said.wav"));
        check_subtitles(&e, &samples, rate);
    }
}

#[test]
fn word_timings_are_written_only_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("plain.txt");
    std::fs::write(
        &article,
        "It rained. Then it stopped, and the sun came out.\n",
    )
    .unwrap();
    let e = export_one(&article, &dir.path().join("out"), &[]);
    assert!(!e.dir.join("plain.words.vtt").exists());
    assert!(e.manifest["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c.get("words").is_none()));
    let (rate, samples) = read_wav(&e.dir.join("plain.wav"));
    check_subtitles(&e, &samples, rate);
}

/// Word times are stored in the chunk cache beside the audio: an export from the cache has the
/// same word times and subtitles as one that synthesized every chunk.
#[test]
fn cached_chunks_keep_their_word_times() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("cached.txt");
    std::fs::write(
        &article,
        "The Harbour Wall\n\nThe council met on Tuesday evening to discuss the harbour wall, \
         and the new library opened its doors the next morning. It rained.\n",
    )
    .unwrap();
    let cache = dir.path().join("cache");
    let run = |out: &str, extra: &[&str]| {
        // One export time for all three, so the manifests compare whole.
        let assert = aloud()
            .env("ALOUD_CACHE_DIR", &cache)
            .env("SOURCE_DATE_EPOCH", "1000000000")
            .args(["export", "--engine", "espeak", "--word-timings", "--stats"])
            .args(extra)
            .arg(&article)
            .arg("-o")
            .arg(dir.path().join(out))
            .assert()
            .success();
        String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
    };
    let first = run("a", &[]);
    assert!(first.contains("(0 from the cache)"), "{first}");
    let second = run("b", &[]);
    assert!(second.contains("(all from the cache)"), "{second}");
    run("c", &["--no-cache"]);
    let read = |out: &str, file: &str| {
        std::fs::read_to_string(dir.path().join(out).join("cached").join(file)).unwrap()
    };
    for file in [
        "manifest.json",
        "cached.srt",
        "cached.vtt",
        "cached.words.vtt",
    ] {
        assert_eq!(read("a", file), read("b", file), "{file} from the cache");
        assert_eq!(read("a", file), read("c", file), "{file} without the cache");
    }
}
