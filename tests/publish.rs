//! Publish-ready audio (issue 15): loudness to a standard checked by an independent meter
//! (ffmpeg's `ebur128` filter, true peak on), every encoded format read back by `ffprobe` and
//! `ffmpeg` (length, chapters, tags), the audiobook rules, `--no-chunks`, `-o FILE`, and bad
//! `--format`/`--loudness` values. Real engines, real files; ffmpeg is installed by
//! scripts/setup.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::*;
use serde_json::Value;

/// Samples a decoder makes of `path` at `rate` (mono 16-bit).
fn decoded_samples(path: &Path, rate: u32) -> usize {
    let out = Process::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(path)
        .args(["-f", "s16le", "-ac", "1", "-ar", &rate.to_string(), "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout.len() / 2
}

fn num(v: &Value) -> f64 {
    match v {
        Value::String(s) => s.parse().unwrap(),
        v => v.as_f64().unwrap(),
    }
}

/// Checks an encoded file against its manifest: ffprobe reads it, its length (what players
/// show: ffprobe's duration less the encoder delay it reports as start time) is within 50 ms
/// of `duration_ms`, a decoder makes as many samples as the WAV has (±50 ms), and its
/// chapters are the manifest's, at the manifest's times, with their titles.
fn check_encoded(path: &Path, m: &Value) {
    let probe = ffprobe(path);
    let format = &probe["format"];
    let duration_ms = m["duration_ms"].as_f64().unwrap();
    let start = format.get("start_time").map_or(0.0, num);
    let length_ms = (num(&format["duration"]) - start) * 1000.0;
    assert!(
        (length_ms - duration_ms).abs() <= 50.0,
        "{}: {length_ms:.1} ms against the manifest's {duration_ms}",
        path.display()
    );
    let rate = m["sample_rate"].as_u64().unwrap() as u32;
    let decoded_ms = decoded_samples(path, rate) as f64 * 1000.0 / f64::from(rate);
    assert!(
        (decoded_ms - duration_ms).abs() <= 50.0,
        "{}: decodes to {decoded_ms:.1} ms against {duration_ms}",
        path.display()
    );
    let chapters = probe["chapters"].as_array().unwrap();
    let wanted = m["chapters"].as_array().unwrap();
    assert!(!wanted.is_empty(), "the manifest lists chapters");
    assert_eq!(
        chapters.len(),
        wanted.len(),
        "{}: one chapter per manifest chapter",
        path.display()
    );
    for (got, want) in chapters.iter().zip(wanted) {
        let start_ms = num(&got["start_time"]) * 1000.0;
        assert!(
            (start_ms - want["start_ms"].as_f64().unwrap()).abs() <= 50.0,
            "{}: chapter {} starts at {start_ms} ms, the manifest says {}",
            path.display(),
            want["title"],
            want["start_ms"]
        );
        assert_eq!(got["tags"]["title"], want["title"], "{}", path.display());
    }
    let tags = &format["tags"];
    let title = tags
        .get("title")
        .or_else(|| probe["streams"][0]["tags"].get("title"))
        .or_else(|| probe["streams"][0]["tags"].get("TITLE"));
    assert_eq!(title, m["title"].as_str().map(Value::from).as_ref());
}

/// Exports every sample article with espeak into `out` with `extra` options.
fn export_samples(out: &Path, extra: &[&str]) {
    aloud()
        .args(["export", "--engine", "espeak", "-q"])
        .arg(articles_dir())
        .arg("-o")
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

fn article_dirs(out: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 3, "three sample articles");
    dirs
}

#[test]
fn podcast_default_every_sample_on_target_and_every_format_readable_with_chapters() {
    let out = tempfile::tempdir().unwrap();
    export_samples(out.path(), &["--format", "wav,flac,mp3,opus,m4b"]);
    for dir in article_dirs(out.path()) {
        let m = read_json(&dir.join("manifest.json"));
        let slug = dir.file_name().unwrap().to_string_lossy().to_string();
        let l = &m["loudness"];
        assert_eq!(l["standard"], "podcast");
        assert_eq!(l["target_lufs"], -16.0);
        assert_eq!(l["ceiling_dbtp"], -1.5);
        // The independent meter on the master (WAV) and the lossless copies.
        for ext in ["wav", "flac"] {
            let (i, tp) = ffmpeg_loudness(&dir.join(format!("{slug}.{ext}")));
            assert!(
                (i + 16.0).abs() <= 0.5,
                "{slug}.{ext}: {i} LUFS, wanted -16 ± 0.5"
            );
            assert!(tp <= -1.5, "{slug}.{ext}: true peak {tp} dBTP over -1.5");
        }
        // The manifest's own figures agree with ffmpeg's on the master.
        let (i, tp) = ffmpeg_loudness(&dir.join(format!("{slug}.wav")));
        let after = &l["after"];
        assert!((after["integrated_lufs"].as_f64().unwrap() - i).abs() <= 0.2);
        assert!((after["true_peak_dbtp"].as_f64().unwrap() - tp).abs() <= 0.3);
        assert!(after["true_peak_dbtp"].as_f64().unwrap() <= -1.5);
        assert!(l["before"]["integrated_lufs"].as_f64().unwrap() < -18.0);
        // Lossy formats are mastered for their codec: decoded, they meet the standard too.
        check_lossy(&dir, &slug, &m, -16.0, -1.5);
        for ext in ["mp3", "opus", "m4b", "flac"] {
            check_encoded(&dir.join(format!("{slug}.{ext}")), &m);
        }
        let files: Vec<&str> = m["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["format"].as_str().unwrap())
            .collect();
        assert_eq!(files, ["wav", "flac", "mp3", "opus", "m4b"]);
        for f in m["files"].as_array().unwrap() {
            let len = std::fs::metadata(dir.join(f["file"].as_str().unwrap()))
                .unwrap()
                .len();
            assert_eq!(f["bytes"].as_u64(), Some(len));
        }
        // The chunk WAVs stay, and the article WAV still has the plan's pauses and times.
        check_article(
            &Exported {
                dir: dir.clone(),
                slug: slug.clone(),
                manifest: m.clone(),
            },
            "espeak",
            350,
        );
    }
    // The sourdough article has three headings: four chapters, the first named after it.
    let m = read_json(&out.path().join("learning-to-bake-sourdough/manifest.json"));
    let titles: Vec<&str> = m["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert_eq!(titles[0], m["title"].as_str().unwrap());
    assert_eq!(titles[1], "Starting the starter");
    // A chapter starts where its heading is heard.
    let heading = m["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "Starting the starter")
        .unwrap();
    assert_eq!(m["chapters"][1]["start_ms"], heading["start_ms"]);
}

#[test]
fn mp3_and_opus_carry_tags_and_the_formats_bit_rates() {
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &["--format", "mp3,opus"],
    );
    let mp3 = ffprobe(&e.dir.join("harbour-council-vote.mp3"));
    let stream = &mp3["streams"][0];
    assert_eq!(stream["codec_name"], "mp3");
    assert_eq!(stream["channels"], 1);
    assert_eq!(num(&stream["bit_rate"]), 64000.0, "CBR 64 kb/s");
    let tags = &mp3["format"]["tags"];
    assert_eq!(tags["artist"], "en-us", "the narrator voice");
    assert!(tags["comment"]
        .as_str()
        .unwrap()
        .contains("harbour-council-vote.txt"));
    assert!(tags["date"].as_str().unwrap().starts_with("20"));
    let opus = ffprobe(&e.dir.join("harbour-council-vote.opus"));
    assert_eq!(opus["streams"][0]["codec_name"], "opus");
    assert_eq!(opus["format"]["format_name"], "ogg");
    let bits = num(&opus["format"]["bit_rate"]);
    assert!(
        (40_000.0..54_000.0).contains(&bits),
        "about 48 kb/s: {bits}"
    );
    let otags = &opus["streams"][0]["tags"];
    assert_eq!(otags["ARTIST"], "en-us");
    // The manifest names the first format as the article's audio; no WAV was asked for.
    assert_eq!(e.manifest["audio"], "harbour-council-vote.mp3");
    assert!(!e.dir.join("harbour-council-vote.wav").exists());
    // Lossy formats only: no master is made (nor its gain searched for), so the record's
    // gain and `after` are those of the first file, as decoded and checked.
    let rec = &e.manifest["loudness"];
    assert_eq!(rec["gain_db"], rec["encoded"][0]["gain_db"]);
    assert_eq!(rec["after"], rec["encoded"][0]["decoded"]);
    // A WAV asked for after a lossy format does not come first (its lane runs first).
    let later = out.path().join("later");
    let l = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        &later,
        &["--format", "opus,wav"],
    );
    assert_eq!(l.manifest["audio"], "harbour-council-vote.opus");
    assert_eq!(l.manifest["files"][0]["format"], "opus");
    assert_eq!(l.manifest["files"][1]["format"], "wav");
    assert_eq!(
        tree(&e.dir)
            .iter()
            .filter(|f| f.starts_with('.') || f.contains("/."))
            .count(),
        0,
        "no temporary or raw files left: {:?}",
        tree(&e.dir)
    );
}

/// Every lossy file of an article, decoded by ffmpeg and measured by its meter, is within
/// ±0.5 LU of `target` with its true peak under `ceiling`; the manifest's record of each
/// (its own decoding, measured by aloud) agrees with ffmpeg within 0.2 LU and 0.6 dB of true
/// peak (ffmpeg decodes MP3 and AAC with its own decoders, whose peaks vary with their
/// rounding), 0.2 dB for Opus.
fn check_lossy(dir: &Path, slug: &str, m: &Value, target: f64, ceiling: f64) {
    let encoded = m["loudness"]["encoded"].as_array().unwrap();
    assert_eq!(encoded.len(), 3, "mp3, opus and m4b each recorded");
    for ext in ["mp3", "opus", "m4b"] {
        let (i, tp) = ffmpeg_loudness(&dir.join(format!("{slug}.{ext}")));
        assert!(
            (i - target).abs() <= 0.5,
            "{slug}.{ext}: {i} LUFS, wanted {target} ± 0.5"
        );
        assert!(
            tp <= ceiling,
            "{slug}.{ext}: decoded true peak {tp} dBTP over {ceiling}"
        );
        let record = encoded.iter().find(|e| e["format"] == ext).unwrap();
        let decoded = &record["decoded"];
        let (own_i, own_tp) = (
            decoded["integrated_lufs"].as_f64().unwrap(),
            decoded["true_peak_dbtp"].as_f64().unwrap(),
        );
        assert!(
            (own_i - i).abs() <= 0.2,
            "{slug}.{ext}: {own_i} against {i}"
        );
        // Speech Opus is CELT only, which ffmpeg's decoder and libopus decode alike.
        let peak_within = if ext == "opus" { 0.2 } else { 0.6 };
        assert!(
            (own_tp - tp).abs() <= peak_within,
            "{slug}.{ext}: {own_tp} against {tp}"
        );
        assert!(record["ceiling_dbtp"].as_f64().unwrap() <= ceiling);
        // Speech codecs are set from their steady figures, not probed.
        assert_eq!(record["probed"], false, "{slug}.{ext}: {record}");
        if ext == "opus" {
            // Opus's loss figure is a guess the file's header gain corrects: to the target
            // when its peaks have room for the step, else (trimmed down for its peaks) within
            // 0.25 LU.
            let trim = record["trim_db"].as_f64().unwrap();
            assert!(
                (own_i - target).abs() <= 0.05 || (trim < 0.0 && (own_i - target).abs() <= 0.25),
                "{slug}.opus: {own_i} LUFS, trimmed by {trim} dB to {target}: {record}"
            );
        }
    }
}

#[test]
fn broadcast_lossy_formats_meet_the_standard_decoded() {
    let out = tempfile::tempdir().unwrap();
    export_samples(
        out.path(),
        &["--loudness", "broadcast", "--format", "wav,mp3,opus,m4b"],
    );
    for dir in article_dirs(out.path()) {
        let m = read_json(&dir.join("manifest.json"));
        let slug = dir.file_name().unwrap().to_string_lossy().to_string();
        let (i, tp) = ffmpeg_loudness(&dir.join(format!("{slug}.wav")));
        assert!((i + 23.0).abs() <= 0.5, "{slug}.wav: {i} LUFS");
        assert!(tp <= -1.0, "{slug}.wav: {tp} dBTP");
        check_lossy(&dir, &slug, &m, -23.0, -1.0);
    }
}

#[test]
fn broadcast_and_a_number_in_lufs_hit_their_targets() {
    let out = tempfile::tempdir().unwrap();
    for (loudness, target, ceiling) in [("broadcast", -23.0, -1.0), ("-19", -19.0, -1.5)] {
        let e = export_one(
            &articles_dir().join("night-trains-return.html"),
            &out.path().join(loudness),
            &[&format!("--loudness={loudness}")],
        );
        let (i, tp) = ffmpeg_loudness(&e.dir.join(format!("{}.wav", e.slug)));
        assert!((i - target).abs() <= 0.5, "{loudness}: {i} LUFS");
        assert!(tp <= ceiling, "{loudness}: true peak {tp}");
        assert_eq!(e.manifest["loudness"]["target_lufs"], target);
    }
}

/// RMS of samples in dBFS (full scale 32768).
fn dbfs(rms: f64) -> f64 {
    20.0 * (rms / 32768.0).log10()
}

#[test]
fn audiobook_output_passes_every_audiobook_rule() {
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("learning-to-bake-sourdough.md"),
        out.path(),
        &["--loudness", "audiobook", "--format", "wav,mp3"],
    );
    let (rate, samples) = read_wav(&e.dir.join(format!("{}.wav", e.slug)));
    // RMS of the whole file between -23 and -18 dBFS.
    let level = dbfs(rms(&samples));
    assert!((-23.0..=-18.0).contains(&level), "RMS {level} dBFS");
    // Peaks at most -3 dBFS: the samples, and the true peak by ffmpeg.
    let peak = samples.iter().map(|s| i32::from(*s).abs()).max().unwrap();
    assert!(
        dbfs(f64::from(peak)) <= -3.0,
        "peak {}",
        dbfs(f64::from(peak))
    );
    let (_, tp) = ffmpeg_loudness(&e.dir.join(format!("{}.wav", e.slug)));
    assert!(tp <= -3.0, "true peak {tp}");
    // Noise floor at most -60 dBFS: the quietest half second.
    let window = rate as usize / 2;
    let quietest = samples
        .chunks(window / 5)
        .map(|c| c.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>())
        .collect::<Vec<_>>()
        .windows(5)
        .map(|w| (w.iter().sum::<f64>() / window as f64).sqrt())
        .fold(f64::INFINITY, f64::min);
    assert!(dbfs(quietest) <= -60.0, "noise floor {}", dbfs(quietest));
    // Room tone: 0.5-1 s before the first sound, 1-5 s after the last.
    let loud = |s: &i16| dbfs(f64::from(s.unsigned_abs())) > -60.0;
    let head_ms = samples.iter().position(loud).unwrap() as f64 * 1000.0 / f64::from(rate);
    let tail_ms = (samples.len() - 1 - samples.iter().rposition(loud).unwrap()) as f64 * 1000.0
        / f64::from(rate);
    assert!((500.0..=1000.0).contains(&head_ms), "head {head_ms} ms");
    assert!((1000.0..=5000.0).contains(&tail_ms), "tail {tail_ms} ms");
    // The manifest's chunk times include the head.
    assert!(e.manifest["chunks"][0]["start_ms"].as_u64().unwrap() >= 500);
    // MP3 for audiobook platforms: 192 kb/s CBR at 44.1 kHz, its decoded peaks under -3 too.
    let mp3 = e.dir.join(format!("{}.mp3", e.slug));
    let probe = ffprobe(&mp3);
    assert_eq!(probe["streams"][0]["sample_rate"], "44100");
    assert_eq!(num(&probe["streams"][0]["bit_rate"]), 192_000.0);
    let (i, tp) = ffmpeg_loudness(&mp3);
    assert!(tp <= -3.0, "mp3 true peak {tp}");
    assert!(i < -16.0);
    check_encoded(&mp3, &e.manifest);
    let l = &e.manifest["loudness"];
    assert_eq!(l["standard"], "audiobook");
    assert!((l["after"]["rms_dbfs"].as_f64().unwrap() - level).abs() < 0.1);
    assert_eq!(
        l["after"]["noise_floor_dbfs"],
        Value::Null,
        "digital silence"
    );
}

#[test]
fn loudness_none_keeps_the_engine_levels_sample_for_sample() {
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &["--loudness", "none"],
    );
    let (rate, samples) = read_wav(&e.dir.join(format!("{}.wav", e.slug)));
    for c in e.manifest["chunks"].as_array().unwrap() {
        let (_, chunk) = read_wav(&e.dir.join(c["file"].as_str().unwrap()));
        let start = at(c["start_ms"].as_u64().unwrap(), rate);
        // The chunk is in the article unchanged (its start rounds to the millisecond).
        let found = (start.saturating_sub(12)..start + 12)
            .any(|s| samples.get(s..s + chunk.len()) == Some(&chunk[..]));
        assert!(found, "chunk {} is in the article as spoken", c["index"]);
    }
    assert_eq!(e.manifest["loudness"]["standard"], "none");
    assert_eq!(e.manifest["loudness"]["gain_db"], 0.0);
}

#[test]
fn no_chunks_writes_no_chunk_files_but_keeps_their_times() {
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &["--no-chunks"],
    );
    assert!(!e.dir.join("chunks").exists());
    for c in e.manifest["chunks"].as_array().unwrap() {
        assert_eq!(c["file"], Value::Null);
        assert!(c["end_ms"].as_u64().unwrap() > c["start_ms"].as_u64().unwrap());
    }
    assert!(e.dir.join(format!("{}.vtt", e.slug)).exists());
}

/// `aloud export --engine espeak -q OPTIONS ARTICLE -o OUT`, which must exit with `code`.
fn export_to(options: &[&str], article: &Path, out: &Path, code: i32) -> Printed {
    run_aloud(
        aloud()
            .args(["export", "--engine", "espeak", "-q"])
            .args(options)
            .arg(article)
            .arg("-o")
            .arg(out),
        code,
    )
}

#[test]
fn an_output_file_name_writes_only_that_file() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("story.opus");
    export_to(
        &[],
        &articles_dir().join("learning-to-bake-sourdough.md"),
        &target,
        0,
    );
    assert_eq!(
        tree(out.path()),
        ["story.opus"],
        "only the file, nothing else"
    );
    let probe = ffprobe(&target);
    assert_eq!(probe["streams"][0]["codec_name"], "opus");
    assert_eq!(probe["chapters"].as_array().unwrap().len(), 4);
    let (i, _) = ffmpeg_loudness(&target);
    assert!((i + 16.0).abs() <= 1.0, "{i}");
    // Again without --force: refused, the file untouched.
    let before = std::fs::read(&target).unwrap();
    let err = export_to(
        &[],
        &articles_dir().join("harbour-council-vote.txt"),
        &target,
        1,
    )
    .stderr();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), before);
    // A folder of inputs cannot go to one file.
    let err = export_to(&[], &articles_dir(), &out.path().join("all.mp3"), 2).stderr();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("all.mp3") && err.contains("one article"),
        "{err}"
    );
    assert!(!out.path().join("all.mp3").exists());
    // A --format the file's extension contradicts is an error, not dropped; the same one is
    // fine.
    let one = articles_dir().join("harbour-council-vote.txt");
    let err = export_to(
        &["--format", "mp3"],
        &one,
        &out.path().join("clash.opus"),
        2,
    )
    .stderr();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("clash.opus") && err.contains("--format mp3"),
        "{err}"
    );
    assert!(!out.path().join("clash.opus").exists());
    export_to(
        &["--format", "opus"],
        &one,
        &out.path().join("same.opus"),
        0,
    );
    assert!(out.path().join("same.opus").is_file());
    // An audio name aloud writes under another extension is not made a folder of that name.
    for (name, instead) in [("story.ogg", "story.opus"), ("story.m4a", "story.m4b")] {
        let err = export_to(&[], &one, &out.path().join(name), 2).stderr();
        assert!(err.contains(instead), "{err}");
        assert!(!out.path().join(name).exists());
    }
    // Options whose files a single file cannot hold are refused in one line, not ignored.
    for options in [&["--word-timings"][..], &["--max-part-size", "1"]] {
        let err = export_to(options, &one, &out.path().join("parts.mp3"), 2).stderr();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(options[0]) && err.contains("needs a folder"),
            "{err}"
        );
        assert!(!out.path().join("parts.mp3").exists());
    }
}

#[test]
fn bad_format_and_loudness_values_are_one_line_usage_errors() {
    let out = tempfile::tempdir().unwrap();
    for (flag, value, named) in [
        ("--format", "mp3,ogg", "\"ogg\" is not an audio format"),
        ("--format", "", "is not an audio format"),
        ("--loudness", "loud", "not a loudness standard"),
        ("--loudness", "-2", "from -40 to -6 LUFS"),
    ] {
        let err = run_aloud(
            aloud()
                .args(["export", "--engine", "espeak", "-q"])
                .arg(articles_dir().join("harbour-council-vote.txt"))
                .arg("-o")
                .arg(out.path())
                .arg(format!("{flag}={value}")),
            2,
        )
        .stderr();
        assert_eq!(err.lines().count(), 1, "{flag} {value}: {err}");
        assert!(err.starts_with("aloud: error: "), "{err}");
        assert!(err.contains(named), "{flag} {value}: {err}");
    }
    assert_eq!(tree(out.path()).len(), 0, "nothing written");
}

#[test]
fn neural_voice_is_mastered_to_podcast_loudness_and_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("quiet-harbour.md");
    std::fs::write(
        &article,
        "# A Quiet Harbour\n\nThe ferry left at nine. It was full, as it is every Friday in \
         summer.\n\n## The captain\n\nShe has sailed the route for 20 years. \u{201c}We will \
         be on time,\u{201d} she said.\n",
    )
    .unwrap();
    let e = export_one(
        &article,
        &dir.path().join("out"),
        &["--engine", "piper", "--format", "wav,mp3,m4b"],
    );
    let (i, tp) = ffmpeg_loudness(&e.dir.join("quiet-harbour.wav"));
    assert!((i + 16.0).abs() <= 0.5, "{i} LUFS");
    assert!(tp <= -1.5, "true peak {tp}");
    assert_eq!(e.manifest["engine"]["name"], "piper");
    let chapters = e.manifest["chapters"].as_array().unwrap();
    assert_eq!(chapters.len(), 2, "{chapters:?}");
    assert_eq!(chapters[1]["title"], "The captain");
    for ext in ["mp3", "m4b"] {
        check_encoded(&e.dir.join(format!("quiet-harbour.{ext}")), &e.manifest);
    }
    // The voice's credit travels with the files.
    let probe = ffprobe(&e.dir.join("quiet-harbour.mp3"));
    assert!(probe["format"]["tags"]["comment"]
        .as_str()
        .unwrap()
        .contains("CC0"));
}

/// The default voice (hibari) leaves energy up to 12 kHz at its 24 kHz rate, where a short
/// interpolator misses inter-sample peaks: before the limiter's detector had 32 taps per
/// phase, this sample article mastered to −1.27 dBTP by aloud's meter and −0.1 by ffmpeg's.
#[test]
fn default_voice_stays_under_the_true_peak_ceiling_by_an_independent_meter() {
    let dir = tempfile::tempdir().unwrap();
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/night-trains-return.html");
    let e = export_one(&article, &dir.path().join("out"), &["--engine", "auto"]);
    assert_eq!(e.manifest["engine"]["name"], "hibari");
    let wav = e.dir.join(e.manifest["audio"].as_str().unwrap());
    let (i, tp) = ffmpeg_loudness(&wav);
    assert!((i + 16.0).abs() <= 0.5, "{i} LUFS");
    assert!(tp <= -1.5, "true peak {tp} dBTP over the podcast ceiling");
}

/// `aloud export --engine espeak -q -o OUT ARTICLE [extra]`: its stderr. Panics unless it exits 0.
fn export_stderr(article: &Path, out: &Path, extra: &[&str]) -> String {
    run_aloud(
        aloud()
            .args(["export", "--engine", "espeak", "-q", "-o"])
            .arg(out)
            .arg(article)
            .args(extra),
        0,
    )
    .stderr()
}

#[test]
fn a_loudness_target_the_files_miss_is_warned_about() {
    let out = tempfile::tempdir().unwrap();
    let article = articles_dir().join("night-trains-return.html");
    // At the podcast target every file lands within 0.5 LU: no warning.
    let stderr = export_stderr(&article, &out.path().join("podcast"), &["--format", "opus"]);
    assert!(!stderr.contains("warning"), "{stderr}");
    // At -10 LUFS espeak's peaks leave the Opus file no room to get there: it lands over
    // 0.5 LU under the target, and the user is told in one line per file that missed.
    let dir = out.path().join("loud");
    let stderr = export_stderr(&article, &dir, &["--format", "opus", "--loudness=-10"]);
    let m = read_json(&dir.join("night-trains-return/manifest.json"));
    let opus = &m["loudness"]["encoded"][0];
    let decoded = opus["decoded"]["integrated_lufs"].as_f64().unwrap();
    assert!(decoded < -10.5, "the Opus file reached the target: {opus}");
    let line = stderr
        .lines()
        .find(|l| l.contains("night-trains-return.opus"))
        .unwrap_or_else(|| panic!("no warning names the Opus file: {stderr}"));
    assert!(line.starts_with("warning: "), "{line}");
    assert!(
        line.contains("under the -10 LUFS target") && line.contains("--loudness"),
        "{line}"
    );

    // A target the limiter cannot reach: the gain stops where more of it no longer makes the
    // speech louder (it had run to 87 dB at -6 LUFS, breaths raised to speech level), and
    // the master's miss is warned about.
    let dir = out.path().join("louder");
    let stderr = export_stderr(&article, &dir, &["--loudness=-6"]);
    let m = read_json(&dir.join("night-trains-return/manifest.json"));
    let gain = m["loudness"]["gain_db"].as_f64().unwrap();
    let limiter = m["loudness"]["limiter_db"].as_f64().unwrap();
    assert!(gain < 25.0 && limiter < 25.0, "{}", m["loudness"]);
    assert!(
        stderr.contains("(mastered) measures") && stderr.contains("under the -6 LUFS target"),
        "{stderr}"
    );

    // Under 0.4 s of sound has no integrated loudness: left as spoken, and said so.
    let short = out.path().join("hi.txt");
    std::fs::write(&short, "Hi.\n").unwrap();
    let stderr = export_stderr(
        &short,
        &out.path().join("short"),
        &["--rate", "450", "--format", "opus"],
    );
    assert!(
        stderr.contains("warning: hi: too short to measure its loudness"),
        "{stderr}"
    );
}

/// One ID3v2.4 frame: its id and body.
struct Id3Frame {
    id: String,
    body: Vec<u8>,
}

/// A 28-bit synchsafe integer (ID3v2.4 sizes).
fn synchsafe(b: &[u8]) -> usize {
    b[..4]
        .iter()
        .fold(0, |n, &x| (n << 7) | usize::from(x & 0x7f))
}

/// The frames of `bytes` (frame headers, then padding or the end), read by hand so the test
/// does not trust the `id3` crate that wrote them.
fn id3_frames(mut bytes: &[u8]) -> Vec<Id3Frame> {
    let mut frames = Vec::new();
    while bytes.len() >= 10 && bytes[0] != 0 {
        let id = String::from_utf8(bytes[..4].to_vec()).unwrap();
        assert!(
            id.bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "a frame id: {id:?}"
        );
        let size = synchsafe(&bytes[4..8]);
        assert!(10 + size <= bytes.len(), "{id}: {size} bytes past the end");
        frames.push(Id3Frame {
            id,
            body: bytes[10..10 + size].to_vec(),
        });
        bytes = &bytes[10 + size..];
    }
    frames
}

/// A null-terminated Latin-1 string at the start of `b`, and what follows it.
fn c_string(b: &[u8]) -> (String, &[u8]) {
    let end = b
        .iter()
        .position(|&c| c == 0)
        .expect("a null-terminated string");
    (String::from_utf8(b[..end].to_vec()).unwrap(), &b[end + 1..])
}

/// An article with 300 headings exported to MP3 has 301 chapters; its CTOC frames (each one
/// byte of entry count, ID3v2 Chapter Frame Addendum 1.0) list at most 255 entries each, the
/// count matching the ids that follow it (so the embedded TIT2 frame is where the count says),
/// and the tree from the one top-level CTOC reaches every CHAP once, in order. Before, the
/// one CTOC said 45 entries (301 mod 256) and listed 301.
#[test]
fn an_mp3_with_301_chapters_has_a_valid_nested_table_of_contents() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("many.md");
    let mut text = String::from("# Many Sections\n\nIntro.\n\n");
    for i in 1..=300 {
        text += &format!("## Section {i}\n\nBody {i}.\n\n");
    }
    std::fs::write(&article, text).unwrap();
    let mp3 = dir.path().join("many.mp3");
    aloud()
        .args([
            "export", "--engine", "espeak", "-q", "--rate", "450", "--lang", "en",
        ])
        .arg(&article)
        .arg("-o")
        .arg(&mp3)
        .assert()
        .success();

    let probe = ffprobe(&mp3);
    let chapters = probe["chapters"].as_array().unwrap();
    assert_eq!(chapters.len(), 301);
    assert_eq!(chapters[0]["tags"]["title"], "Many Sections");
    assert_eq!(chapters[300]["tags"]["title"], "Section 300");

    let bytes = std::fs::read(&mp3).unwrap();
    assert_eq!(&bytes[..4], b"ID3\x04", "an ID3v2.4 tag");
    let frames = id3_frames(&bytes[10..10 + synchsafe(&bytes[6..10])]);
    let chaps: Vec<String> = frames
        .iter()
        .filter(|f| f.id == "CHAP")
        .map(|f| c_string(&f.body).0)
        .collect();
    assert_eq!(chaps.len(), 301);
    // element id -> (top level, entries)
    let mut tocs = std::collections::HashMap::new();
    for f in frames.iter().filter(|f| f.id == "CTOC") {
        let (id, rest) = c_string(&f.body);
        let (flags, count) = (rest[0], usize::from(rest[1]));
        let mut rest = &rest[2..];
        let mut entries = Vec::new();
        for _ in 0..count {
            let (entry, more) = c_string(rest);
            entries.push(entry);
            rest = more;
        }
        let embedded = id3_frames(rest);
        assert!(
            embedded.len() == 1 && embedded[0].id == "TIT2",
            "CTOC {id}: {count} entries, then a TIT2 frame"
        );
        assert_eq!(
            embedded.iter().map(|f| 10 + f.body.len()).sum::<usize>(),
            rest.len(),
            "CTOC {id}: nothing after its title"
        );
        tocs.insert(id, (flags & 2 != 0, entries));
    }
    assert_eq!(tocs.len(), 3, "a top-level CTOC and two of at most 255");
    let top: Vec<&String> = tocs.iter().filter(|t| t.1 .0).map(|t| t.0).collect();
    assert_eq!(top, ["toc"], "one top-level CTOC");
    fn walk(
        id: &str,
        tocs: &std::collections::HashMap<String, (bool, Vec<String>)>,
        out: &mut Vec<String>,
    ) {
        for e in &tocs[id].1 {
            if tocs.contains_key(e) {
                walk(e, tocs, out);
            } else {
                out.push(e.clone());
            }
        }
    }
    let mut reached = Vec::new();
    walk("toc", &tocs, &mut reached);
    assert_eq!(reached, chaps, "every chapter once, in order");
}

/// The M4B carries the tags the README promises: the track's language as ISO 639-2 (`eng`;
/// before, `und`: ffmpeg's MP4 muxer takes only three letters, on the stream), and the source
/// in the comment (ffmpeg writes no MP4 atom for a `SOURCE_URL` key). MP3's TLAN is ISO 639-2
/// too, as ID3v2.4 prescribes; Opus keeps `LANGUAGE` and `SOURCE` comments.
#[test]
fn m4b_and_mp3_carry_the_language_as_iso_639_2_and_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("ferry.txt");
    std::fs::write(
        &article,
        "The ferry\n\nThe ferry left at nine, full as every Friday.\n",
    )
    .unwrap();
    let e = export_one(
        &article,
        &dir.path().join("out"),
        &["--rate", "300", "--format", "m4b,mp3,opus", "--lang", "en"],
    );
    // A file is named by its name alone: a tag goes wherever the file is published, and the
    // path would tell listeners about the machine.
    let source = "ferry.txt";
    let folder = dir.path().display().to_string();
    let m4b = ffprobe(&e.dir.join("ferry.m4b"));
    let audio = m4b["streams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["codec_type"] == "audio")
        .unwrap();
    assert_eq!(audio["tags"]["language"], "eng", "{audio}");
    let comment = m4b["format"]["tags"]["comment"].as_str().unwrap();
    assert!(
        comment.contains(source) && !comment.contains(&folder),
        "{comment}"
    );
    let mp3 = ffprobe(&e.dir.join("ferry.mp3"));
    assert_eq!(mp3["format"]["tags"]["language"], "eng");
    assert_eq!(mp3["format"]["tags"]["source"], source);
    let opus = ffprobe(&e.dir.join("ferry.opus"));
    assert_eq!(opus["streams"][0]["tags"]["LANGUAGE"], "en");
    // A file's name is no URL: its key is SOURCE (SOURCE_URL is for web addresses).
    assert_eq!(opus["streams"][0]["tags"]["SOURCE"], source);
    assert!(opus["streams"][0]["tags"].get("SOURCE_URL").is_none());
}
