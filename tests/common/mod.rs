//! Helpers shared by the integration tests: running the binary, reading WAVs and manifests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::assert::{Assert, OutputAssertExt};
use assert_cmd::Command;
use serde_json::Value;

/// `ffprobe -show_format -show_streams -show_chapters` of `path` as JSON; panics naming the
/// file when ffprobe cannot read it.
pub fn ffprobe(path: &Path) -> Value {
    let out = std::process::Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_format",
            "-show_streams",
            "-show_chapters",
            "-of",
            "json",
        ])
        .arg(path)
        .output()
        .expect("ffprobe runs (scripts/setup installs ffmpeg)");
    assert!(
        out.status.success(),
        "ffprobe reads {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What ffmpeg's EBU R128 meter (`-af ebur128=peak=true`) says of a file: (integrated LUFS,
/// true peak dBTP). An independent meter for the loudness tests.
pub fn ffmpeg_loudness(path: &Path) -> (f64, f64) {
    let out = std::process::Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats", "-i"])
        .arg(path)
        .args(["-af", "ebur128=peak=true", "-f", "null", "-"])
        .output()
        .expect("ffmpeg runs (scripts/setup installs it)");
    assert!(out.status.success(), "ffmpeg measures {}", path.display());
    let text = String::from_utf8_lossy(&out.stderr);
    let summary = &text[text.rfind("Summary:").expect("an ebur128 summary")..];
    let value = |key: &str| -> f64 {
        let line = summary
            .lines()
            .find(|l| l.trim_start().starts_with(key))
            .unwrap_or_else(|| panic!("{key} in {summary}"));
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    (value("I:"), value("Peak:"))
}

/// The sample articles shipped in `articles/`.
pub fn articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

/// `aloud` with a clean environment for the engine variables, and configuration and cache
/// folders of its own (so a lexicon in the user's ~/.config is not applied, and the user's
/// chunk cache is neither used nor filled).
pub fn aloud() -> Command {
    Command::from_std(aloud_std())
}

/// The same as [`aloud`], as a `std::process::Command` (for a test that reaps the child itself,
/// e.g. with `wait4` for its peak memory).
pub fn aloud_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_aloud"));
    for var in ["ALOUD_ESPEAK_LIB", "ALOUD_ORT_LIB", "ALOUD_VOICES_DIR"] {
        cmd.env_remove(var);
    }
    cmd.env(
        "XDG_CONFIG_HOME",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config"),
    );
    // One chunk cache for the test runs, away from the user's.
    cmd.env(
        "ALOUD_CACHE_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("chunk-cache"),
    );
    cmd
}

/// What a run of `aloud` printed, its exit code checked (by [`run_aloud`] or [`exited`]).
pub struct Printed(Assert);

impl Printed {
    /// Its stdout; panics unless it is UTF-8.
    #[track_caller]
    pub fn stdout(&self) -> String {
        utf8(&self.0.get_output().stdout, "stdout")
    }

    /// Its stderr; panics unless it is UTF-8.
    #[track_caller]
    pub fn stderr(&self) -> String {
        utf8(&self.0.get_output().stderr, "stderr")
    }
}

#[track_caller]
fn utf8(bytes: &[u8], stream: &str) -> String {
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("aloud's {stream}: {e}"))
}

/// Runs `cmd` (an [`aloud`] with its arguments, environment and stdin) to its end and checks
/// that it exits with `code`; otherwise the panic shows the command, its stdout and stderr.
#[track_caller]
pub fn run_aloud(cmd: &mut Command, code: i32) -> Printed {
    Printed(cmd.assert().code(code))
}

/// Checks that a run that has ended (one run under a time limit, say) exited with `code`;
/// otherwise the panic shows its stdout and stderr.
#[track_caller]
pub fn exited(output: std::process::Output, code: i32) -> Printed {
    Printed(output.assert().code(code))
}

/// Reads a mono 16-bit WAV: (sample rate, samples).
pub fn read_wav(path: &Path) -> (u32, Vec<i16>) {
    let reader = hound::WavReader::open(path)
        .unwrap_or_else(|e| panic!("{} is not a readable WAV: {e}", path.display()));
    let spec = reader.spec();
    assert_eq!(spec.channels, 1, "{}: mono", path.display());
    assert_eq!(spec.bits_per_sample, 16, "{}: 16-bit", path.display());
    let samples = reader.into_samples::<i16>().map(Result::unwrap).collect();
    (spec.sample_rate, samples)
}

/// Parses a JSON file.
pub fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Root-mean-square level of samples.
pub fn rms(samples: &[i16]) -> f64 {
    let sum: f64 = samples.iter().map(|&s| f64::from(s).powi(2)).sum();
    (sum / samples.len().max(1) as f64).sqrt()
}

/// Milliseconds to a sample index.
pub fn at(ms: u64, rate: u32) -> usize {
    (ms * u64::from(rate) / 1000) as usize
}

/// Every file under `dir`, relative, sorted (to prove a folder was left untouched).
pub fn tree(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                out.push(p.strip_prefix(base).unwrap().display().to_string());
                if p.is_dir() {
                    walk(base, &p, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// One subtitle cue: start and end in ms, its lines and its text (the lines joined by
/// spaces).
#[derive(Debug)]
pub struct Cue {
    pub start_ms: u64,
    pub end_ms: u64,
    pub lines: Vec<String>,
    pub text: String,
}

fn parse_time(t: &str, sep: char) -> u64 {
    let (hms, millis) = t
        .rsplit_once(sep)
        .unwrap_or_else(|| panic!("bad timestamp {t:?}"));
    let parts: Vec<u64> = hms.split(':').map(|p| p.parse().unwrap()).collect();
    assert_eq!(parts.len(), 3, "timestamp {t:?} needs hh:mm:ss");
    assert_eq!(
        millis.len(),
        3,
        "timestamp {t:?} needs 3-digit milliseconds"
    );
    assert!(parts[1] < 60 && parts[2] < 60, "timestamp {t:?}");
    (parts[0] * 3600 + parts[1] * 60 + parts[2]) * 1000 + millis.parse::<u64>().unwrap()
}

/// Strictly parses a SubRip file.
pub fn parse_srt(text: &str) -> Vec<Cue> {
    let mut cues = Vec::new();
    for (n, block) in text.trim_end().split("\n\n").enumerate() {
        let mut lines = block.lines();
        assert_eq!(lines.next().unwrap(), (n + 1).to_string(), "cue number");
        let (a, b) = lines
            .next()
            .unwrap()
            .split_once(" --> ")
            .expect("timing line");
        let text: Vec<&str> = lines.collect();
        assert!(!text.is_empty(), "cue {} has text", n + 1);
        cues.push(Cue {
            start_ms: parse_time(a, ','),
            end_ms: parse_time(b, ','),
            lines: text.iter().map(|l| l.to_string()).collect(),
            text: text.join(" "),
        });
    }
    cues
}

/// A line of WebVTT cue text as shown: its character references read back. A bare `<`
/// (markup) or "-->" in the text is a malformed file.
pub fn unescape_vtt(line: &str) -> String {
    assert!(
        !line.contains('<') && !line.contains("-->"),
        "unescaped WebVTT text: {line:?}"
    );
    line.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Strictly parses a WebVTT file (header, then cues with identifiers).
pub fn parse_vtt(text: &str) -> Vec<Cue> {
    let body = text.strip_prefix("WEBVTT\n\n").expect("WEBVTT header");
    let mut cues = Vec::new();
    for block in body.trim_end().split("\n\n") {
        let mut lines = block.lines();
        let first = lines.next().unwrap();
        let timing = if first.contains(" --> ") {
            first
        } else {
            lines.next().unwrap()
        };
        let (a, b) = timing.split_once(" --> ").expect("timing line");
        let text: Vec<String> = lines.map(unescape_vtt).collect();
        assert!(!text.is_empty());
        cues.push(Cue {
            start_ms: parse_time(a, '.'),
            end_ms: parse_time(b, '.'),
            text: text.join(" "),
            lines: text,
        });
    }
    cues
}

/// Below this RMS a chunk would be near-silent; espeak-ng speech is in the thousands.
pub const SPEECH_RMS: f64 = 500.0;
/// Magnitude above which a sample counts as sound when measuring pauses (as the trimmer).
pub const LOUD: i16 = 64;

/// An exported article: its folder, slug and parsed manifest.
pub struct Exported {
    pub dir: std::path::PathBuf,
    pub slug: String,
    pub manifest: Value,
}

/// `manifest` without its `exported_at` (the one field that differs between two identical
/// exports a second apart).
pub fn timeless(manifest: &Value) -> Value {
    let mut m = manifest.clone();
    if let Some(o) = m.as_object_mut() {
        o.remove("exported_at");
    }
    m
}

/// Exports one article with espeak unless `extra` names an engine; reads its manifest.
pub fn export_one(article: &Path, out: &Path, extra: &[&str]) -> Exported {
    let mut cmd = aloud();
    cmd.arg("export");
    if !extra.contains(&"--engine") {
        cmd.args(["--engine", "espeak"]);
    }
    cmd.arg(article)
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
pub fn check_article(e: &Exported, engine: &str, sentence_pause_ms: u64) {
    let m = &e.manifest;
    assert_eq!(m["schema_version"], 1);
    assert_eq!(m["estimated"], false);
    assert_eq!(m["engine"]["name"], engine);
    assert!(m["engine"]["version"]
        .as_str()
        .unwrap()
        .starts_with(|c: char| c.is_ascii_digit()));

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
    assert!(chunks.len() >= 3, "an article has several chunks");
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

    // The silence between two chunks is the pause the manifest names, measured in the audio:
    // from the last sound of one chunk to the first sound of the next, the pause plus the two
    // 3 ms trim guards. Inside a paragraph that pause is the sentence pause, or the short cut
    // pause where a long sentence was cut.
    // A normalized article (`--loudness`, default podcast) is the chunks times a gain, less
    // where the limiter acts, whose look-ahead also dims the quiet onset before a loud peak: a
    // threshold no longer finds the guards' edges. The pause itself stays digital silence, so
    // there the silence is measured as the run of zero samples: the pause plus whatever of
    // the two 3 ms faded guards rounds to zero. Without normalization (gain 0 dB) the exact
    // check holds: from the last sound over LOUD to the next, the pause plus both guards.
    let normalized = m["loudness"]["gain_db"].as_f64().unwrap_or(0.0) != 0.0;
    let loud: u16 = if normalized { 0 } else { LOUD as u16 };
    let mut measured = 0;
    for pair in chunks.windows(2) {
        let pause_ms = pair[0]["pause_after_ms"].as_u64().unwrap();
        if pair[0]["paragraph"] == pair[1]["paragraph"] {
            assert!(
                pause_ms == sentence_pause_ms || pause_ms <= 200,
                "chunk {}: a pause inside a paragraph is the sentence pause or a cut's, not \
                 {pause_ms} ms",
                pair[0]["index"]
            );
            measured += 1;
        }
        let end = at(pair[0]["end_ms"].as_u64().unwrap(), rate);
        let start = at(pair[1]["start_ms"].as_u64().unwrap(), rate);
        let last_sound = samples[..end]
            .iter()
            .rposition(|s| s.unsigned_abs() > loud)
            .unwrap();
        let next_sound = start
            + samples[start..]
                .iter()
                .position(|s| s.unsigned_abs() > loud)
                .unwrap();
        let silence_ms = (next_sound - last_sound - 1) as f64 * 1000.0 / f64::from(rate);
        let within = if normalized {
            silence_ms >= pause_ms as f64 - 1.0 && silence_ms <= (pause_ms + 7) as f64
        } else {
            (silence_ms - (pause_ms + 6) as f64).abs() <= 3.0
        };
        assert!(
            within,
            "silence between chunks {} and {} is {silence_ms:.1} ms, wanted {pause_ms} + 6",
            pair[0]["index"], pair[1]["index"]
        );
    }
    assert!(measured > 0, "the article has paragraphs of several chunks");

    check_subtitles(e, &samples, rate);

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

/// Subtitle limits (issue 15): lines per cue, characters per line, and time on screen.
pub const MAX_LINES: usize = 2;
pub const MAX_LINE_CHARS: usize = 42;
pub const MIN_CUE_MS: u64 = 1000;
pub const MAX_CUE_MS: u64 = 7000;
/// Samples above this (-30 dBFS) are speech; quieter sound may be a breath between words.
pub const SPEECH_PEAK: u16 = 1000;
/// How far a cue or word time may be from the speech it stands for.
pub const TOLERANCE_MS: u64 = 150;

/// A written word of the manifest: its chunk (index into `chunks`), its paragraph, text and,
/// with `--word-timings`, its times.
#[derive(Debug)]
pub struct Word {
    pub chunk: usize,
    pub paragraph: u64,
    pub text: String,
    pub times: Option<(u64, u64)>,
}

/// The written words of an exported article, in order: the manifest's `words` when it has
/// them (`--word-timings`), else each chunk's text split at whitespace, untimed.
pub fn manifest_words(manifest: &Value) -> Vec<Word> {
    let mut out = Vec::new();
    for (i, c) in manifest["chunks"].as_array().unwrap().iter().enumerate() {
        let paragraph = c["paragraph"].as_u64().unwrap();
        match c["words"].as_array() {
            Some(words) => {
                let texts: Vec<&str> = words.iter().map(|w| w["text"].as_str().unwrap()).collect();
                assert_eq!(
                    texts.join(" "),
                    c["text"]
                        .as_str()
                        .unwrap()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    "chunk {}: the manifest's words are the chunk's written words",
                    i + 1
                );
                out.extend(words.iter().map(|w| Word {
                    chunk: i,
                    paragraph,
                    text: w["text"].as_str().unwrap().to_string(),
                    times: Some((
                        w["start_ms"].as_u64().unwrap(),
                        w["end_ms"].as_u64().unwrap(),
                    )),
                }))
            }
            None => out.extend(
                c["text"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .map(|w| Word {
                        chunk: i,
                        paragraph,
                        text: w.to_string(),
                        times: None,
                    }),
            ),
        }
    }
    out
}

/// Whether the article's audio holds a sample above the trim threshold between `a` and `b` ms.
pub fn sound_between(samples: &[i16], rate: u32, a: u64, b: u64) -> bool {
    let end = at(b, rate).min(samples.len());
    samples[at(a, rate).min(end)..end]
        .iter()
        .any(|s| s.unsigned_abs() > LOUD as u16)
}

/// Stretches of sound in `a..b` ms of the audio, as (start, end) ms: samples above
/// `threshold`, separated by at least `gap_ms` of samples at or under it.
pub fn sound_islands(
    samples: &[i16],
    rate: u32,
    (a, b): (u64, u64),
    threshold: u16,
    gap_ms: u64,
) -> Vec<(u64, u64)> {
    let gap = at(gap_ms, rate);
    let mut out: Vec<(usize, usize)> = Vec::new();
    let end = at(b, rate).min(samples.len());
    let start = at(a, rate).min(end);
    for (i, s) in samples[start..end].iter().enumerate() {
        let i = start + i;
        if s.unsigned_abs() > threshold {
            match out.last_mut() {
                Some(last) if i - last.1 <= gap => last.1 = i,
                _ => out.push((i, i)),
            }
        }
    }
    let ms = |n: usize| n as u64 * 1000 / u64::from(rate);
    out.into_iter().map(|(x, y)| (ms(x), ms(y + 1))).collect()
}

/// Checks an exported article's subtitles (issue 15, item 6): SubRip and WebVTT agree; every
/// cue has at most 2 lines of at most 42 characters and is on screen 1–7 s (shorter only when
/// it shows one whole chunk that is itself spoken in under a second); the cues show every
/// written word once, in order, never two paragraphs at once; each cue starts and ends within
/// 150 ms of sound in the audio, inside the chunks it shows; and with `--word-timings`, each
/// cue's times are its first and last word's (within 150 ms), each word's are within its
/// chunk and within 150 ms of sound, and every stretch of speech in a chunk (samples over
/// [`SPEECH_PEAK`]) lies within 150 ms of the words heard over it.
pub fn check_subtitles(e: &Exported, samples: &[i16], rate: u32) {
    let read =
        |ext: &str| std::fs::read_to_string(e.dir.join(format!("{}.{ext}", e.slug))).unwrap();
    let srt = parse_srt(&read("srt"));
    let vtt = parse_vtt(&read("vtt"));
    assert_eq!(srt.len(), vtt.len(), "srt and vtt have the same cues");
    let chunks = e.manifest["chunks"].as_array().unwrap();
    let words = manifest_words(&e.manifest);
    let chunk_ms = |i: usize| {
        (
            chunks[i]["start_ms"].as_u64().unwrap(),
            chunks[i]["end_ms"].as_u64().unwrap(),
        )
    };
    let mut next = 0;
    for (n, (cue, v)) in srt.iter().zip(&vtt).enumerate() {
        let what = format!("{}: cue {} {:?}", e.slug, n + 1, cue.text);
        assert_eq!(
            (cue.start_ms, cue.end_ms),
            (v.start_ms, v.end_ms),
            "{what}: srt = vtt"
        );
        assert_eq!(cue.lines, v.lines, "{what}: srt = vtt");
        // Limits.
        assert!(
            cue.lines.len() <= MAX_LINES,
            "{what}: {} lines",
            cue.lines.len()
        );
        for l in &cue.lines {
            assert!(
                l.chars().count() <= MAX_LINE_CHARS,
                "{what}: line {l:?} is too long"
            );
        }
        let shown = cue.end_ms - cue.start_ms;
        assert!(shown <= MAX_CUE_MS, "{what}: on screen {shown} ms");
        // What it shows: the next written words, all of one paragraph.
        let tokens: Vec<&str> = cue.text.split_whitespace().collect();
        let shows = &words[next..next + tokens.len()];
        let texts: Vec<&str> = shows.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, tokens, "{what}: the words in order");
        next += tokens.len();
        let (first, last) = (&shows[0], &shows[shows.len() - 1]);
        assert_eq!(first.paragraph, last.paragraph, "{what}: one paragraph");
        if shown < MIN_CUE_MS {
            let whole_chunk = first.chunk == last.chunk
                && cue.text
                    == chunks[first.chunk]["text"]
                        .as_str()
                        .unwrap()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
            let (a, b) = chunk_ms(first.chunk);
            assert!(
                whole_chunk && b - a < MIN_CUE_MS,
                "{what}: on screen {shown} ms, and it is not a whole chunk spoken in under a second"
            );
        }
        // Timed from the speech: inside its chunks, sound at both ends.
        let (chunk_start, _) = chunk_ms(first.chunk);
        let (_, chunk_end) = chunk_ms(last.chunk);
        assert!(
            cue.start_ms + TOLERANCE_MS >= chunk_start && cue.end_ms <= chunk_end + TOLERANCE_MS,
            "{what}: {}–{} ms lies outside its chunks' {chunk_start}–{chunk_end} ms",
            cue.start_ms,
            cue.end_ms
        );
        assert!(
            sound_between(samples, rate, cue.start_ms, cue.start_ms + TOLERANCE_MS),
            "{what}: no sound within 150 ms after it appears"
        );
        assert!(
            sound_between(
                samples,
                rate,
                cue.end_ms.saturating_sub(TOLERANCE_MS),
                cue.end_ms
            ),
            "{what}: no sound within 150 ms before it goes"
        );
        if let (Some((a, _)), Some((_, b))) = (first.times, last.times) {
            assert!(
                cue.start_ms.abs_diff(a) <= TOLERANCE_MS && cue.end_ms.abs_diff(b) <= TOLERANCE_MS,
                "{what}: {}–{} ms against its words' {a}–{b} ms",
                cue.start_ms,
                cue.end_ms
            );
        }
    }
    assert_eq!(
        next,
        words.len(),
        "{}: the cues show every written word",
        e.slug
    );

    // Word times against the audio.
    if words.iter().all(|w| w.times.is_none()) {
        return;
    }
    let mut previous_end = 0;
    for w in &words {
        let (a, b) = w.times.expect("every word timed");
        let what = format!(
            "{}: chunk {} word {:?} at {a}–{b} ms",
            e.slug,
            w.chunk + 1,
            w.text
        );
        assert!(
            a >= previous_end && a <= b,
            "{what}: in order, not overlapping"
        );
        previous_end = b;
        let (chunk_start, chunk_end) = chunk_ms(w.chunk);
        assert!(
            a + 1 >= chunk_start && b <= chunk_end + 1,
            "{what}: inside its chunk"
        );
        if b > a {
            assert!(
                sound_between(samples, rate, a, (a + TOLERANCE_MS).min(b)),
                "{what}: sound at its start"
            );
            assert!(
                sound_between(samples, rate, b.saturating_sub(TOLERANCE_MS).max(a), b),
                "{what}: sound at its end"
            );
        }
    }
    for (i, _) in chunks.iter().enumerate() {
        let (chunk_start, chunk_end) = chunk_ms(i);
        let heard: Vec<(u64, u64)> = words
            .iter()
            .filter(|w| w.chunk == i)
            .filter_map(|w| w.times.filter(|(a, b)| b > a))
            .collect();
        // Speech: sound over SPEECH_PEAK. Quieter sound is a breath the neural voice draws
        // in a comma's pause (peaks near -42 dBFS, RMS near -56 dBFS) or the soft edge of a
        // word, which belongs to no word or to the word beside it.
        // The article's loudness gain (manifest `loudness.gain_db`) raised those breaths by
        // as much as the speech, so the threshold moves with it.
        let gain_db = e.manifest["loudness"]["gain_db"].as_f64().unwrap_or(0.0);
        let speech_peak =
            (f64::from(SPEECH_PEAK) * 10f64.powf(gain_db / 20.0)).min(16_000.0) as u16;
        for (a, b) in sound_islands(samples, rate, (chunk_start, chunk_end), speech_peak, 60) {
            let over: Vec<&(u64, u64)> = heard
                .iter()
                .filter(|(x, y)| *x < b + TOLERANCE_MS && *y + TOLERANCE_MS > a)
                .collect();
            assert!(
                !over.is_empty()
                    && over[0].0 <= a + TOLERANCE_MS
                    && over[over.len() - 1].1 + TOLERANCE_MS >= b,
                "{}: chunk {}: sound at {a}–{b} ms is not covered by its words {over:?}",
                e.slug,
                i + 1
            );
        }
    }
}

/// How many chunk WAVs the staging folder (`.<slug>.partial-<pid>`) in `out` holds so far;
/// 0 while there is none.
pub fn staged_chunks(out: &Path) -> usize {
    let staging = std::fs::read_dir(out).ok().and_then(|mut d| {
        d.find_map(|e| {
            let e = e.ok()?;
            e.file_name()
                .to_string_lossy()
                .contains(".partial-")
                .then(|| e.path())
        })
    });
    staging
        .and_then(|s| std::fs::read_dir(s.join("chunks")).ok())
        .map_or(0, |d| d.count())
}
