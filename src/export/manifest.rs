//! `manifest.json`: what was narrated, by which engine, and where each chunk lies in the
//! article WAV.

use serde::{Deserialize, Serialize};

use crate::ingest::html::Extraction;
use crate::narration::Narration;

/// Version of the manifest layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The engine that produced the audio (or `script` for an estimated manifest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineRecord {
    /// Engine name (`espeak`, or `script` when no audio was made).
    pub name: String,
    /// Engine version.
    pub version: String,
    /// Voice used; `null` without audio.
    pub voice: Option<String>,
    /// Speaking rate in words per minute (the estimate's basis without audio).
    pub rate: u32,
    /// The voice's licence/credit line, when it has one (neural voices).
    pub credit: Option<String>,
    /// Inference runtime and version (e.g. `onnxruntime 1.32.0`), when the engine uses one.
    pub runtime: Option<String>,
}

/// One chunk's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestChunk {
    /// 1-based chunk number.
    pub index: usize,
    /// 0 for the title, n ≥ 1 for the n-th paragraph.
    pub paragraph: usize,
    /// The chunk as written.
    pub text: String,
    /// The text the engine spoke.
    pub spoken: String,
    /// The chunk's own WAV, relative to the manifest; `null` without audio.
    pub file: Option<String>,
    /// Start of the chunk's speech in the article WAV, in milliseconds.
    pub start_ms: u64,
    /// End of the chunk's speech in the article WAV, in milliseconds.
    pub end_ms: u64,
    /// Silence after the chunk's speech, in milliseconds: the plan's pause for what follows
    /// (a cut inside a sentence, the next sentence, paragraph or section; 0 at the end).
    #[serde(default)]
    pub pause_after_ms: u32,
    /// Which of `parts` (1-based) holds the chunk, when the audio was split; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<usize>,
    /// With `--word-timings`: each written word of `text` and when it is heard, timed from
    /// the engine (see `export::cues::word_times`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<ManifestWord>>,
}

/// One written word of a chunk and when it is heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestWord {
    /// The word as written, with its punctuation ("Tuesday," "$5").
    pub text: String,
    /// When its sound starts, in ms of the article's audio.
    pub start_ms: u64,
    /// When its sound ends, in ms (equal to `start_ms` for a word nothing was said for, such
    /// as an emoji).
    pub end_ms: u64,
}

/// One file of an article's audio that was split at `--max-part-size`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestPart {
    /// The WAV file, relative to the manifest: `<slug>-part01.wav`, …
    pub file: String,
    /// Where the part starts in the article's timeline (the times of `chunks`), in ms.
    pub start_ms: u64,
    /// Where it ends, in ms.
    pub end_ms: u64,
}

/// One audio file of the article in one format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// `wav`, `flac`, `mp3`, `opus` or `m4b`.
    pub format: crate::audio::encode::Format,
    /// The file, relative to the manifest.
    pub file: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Where the article came from, as given on the command line.
    pub source: String,
    /// The article's title.
    pub title: Option<String>,
    /// The language the article was read in, as a BCP 47 code (`en`, `fr`, `zh`): the
    /// narration's [`Narration::language`].
    #[serde(default)]
    pub language: crate::text::language::Language,
    /// True when there is no audio and timings are estimated from the speaking rate.
    pub estimated: bool,
    /// When the export was made, RFC 3339 in UTC to the second (`2026-12-05T01:16:42Z`): a
    /// feed's publication date, which survives copying the folder (a file's time does not).
    /// Absent in manifests written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<String>,
    /// The engine.
    pub engine: EngineRecord,
    /// Sample rate of every WAV; `null` without audio.
    pub sample_rate: Option<u32>,
    /// The article's audio file (of the first `--format`), relative to the manifest: when that
    /// is a WAV split into `parts`, the first other format's file; `null` without audio or
    /// when the only format is a split WAV.
    pub audio: Option<String>,
    /// Every audio file of the article, by format, in the order of `--format`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<ManifestFile>,
    /// How the audio was normalized (`--loudness`): standard, target, gain, and the loudness
    /// and peaks measured before and after; absent without audio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loudness: Option<crate::audio::master::LoudnessRecord>,
    /// Chapters: one per heading (the first, from 0, named after the article), with their
    /// times in the audio; absent without audio.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<crate::audio::encode::Chapter>,
    /// The article's audio files in order, when it was longer than `--max-part-size`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<ManifestPart>>,
    /// Length of the article WAV (or of the estimated narration), in milliseconds.
    pub duration_ms: u64,
    /// The chunks in order.
    pub chunks: Vec<ManifestChunk>,
    /// How an HTML page's article was found (`strategy`, `words_read`, `words_visible`,
    /// `fragment`); absent for text and Markdown sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction: Option<Extraction>,
}

impl Manifest {
    /// How the source is named where others see it (the script, a feed's guid): a URL
    /// whole, a file by its name alone. [`Manifest::source`] keeps the path as it was typed,
    /// so `src/budget.md`, `budget.md` run from `src/` and `/home/ann/src/budget.md` are one
    /// file here, and a published script does not tell listeners the machine's folders.
    pub fn published_source(&self) -> &str {
        let source = self.source.as_str();
        if source.contains("://") {
            return source;
        }
        std::path::Path::new(source)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(source)
    }

    /// The manifest of a narration without audio: timings estimated at `wpm` words per
    /// minute, no files, `estimated: true`.
    pub fn estimated(narration: &Narration, source: String, wpm: u32) -> Self {
        let (spans, duration_ms) = estimate_timings(narration, wpm);
        Manifest {
            schema_version: SCHEMA_VERSION,
            source,
            title: narration.title.clone(),
            language: narration.language,
            estimated: true,
            exported_at: Some(now_utc()),
            engine: EngineRecord {
                name: "script".into(),
                version: env!("CARGO_PKG_VERSION").into(),
                voice: None,
                rate: wpm,
                credit: None,
                runtime: None,
            },
            extraction: narration.extraction.clone(),
            sample_rate: None,
            audio: None,
            files: Vec::new(),
            loudness: None,
            chapters: Vec::new(),
            parts: None,
            duration_ms,
            chunks: narration
                .chunks
                .iter()
                .zip(spans)
                .map(|(c, (start_ms, end_ms))| ManifestChunk {
                    index: c.index,
                    paragraph: c.paragraph,
                    text: c.text.clone(),
                    spoken: c.spoken.clone(),
                    file: None,
                    start_ms,
                    end_ms,
                    pause_after_ms: c.pause_after_ms,
                    part: None,
                    words: None,
                })
                .collect(),
        }
    }
}

/// Now, as [`Manifest::exported_at`] records it: RFC 3339 in UTC, to the second. With
/// `SOURCE_DATE_EPOCH` set (seconds since 1970, the reproducible-builds convention,
/// reproducible-builds.org/specs/source-date-epoch) that time instead, so two exports of the
/// same article are the same bytes.
pub fn now_utc() -> String {
    let fixed = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::<chrono::Utc>::from_timestamp(s, 0));
    fixed
        .unwrap_or_else(chrono::Utc::now)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Chunk timings estimated from words per minute, for narrations without audio.
///
/// Returns (start, end) per chunk and the total, pauses included.
pub fn estimate_timings(narration: &Narration, wpm: u32) -> (Vec<(u64, u64)>, u64) {
    let ms_per_word = 60_000.0 / f64::from(wpm.max(1));
    let mut t = 0u64;
    let mut spans = Vec::with_capacity(narration.chunks.len());
    for c in &narration.chunks {
        let words = c.spoken.split_whitespace().count().max(1);
        let end = t + (words as f64 * ms_per_word).round() as u64;
        spans.push((t, end));
        t = end + u64::from(c.pause_after_ms);
    }
    (spans, t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narration::Chunk;

    #[test]
    fn estimates_from_words_per_minute_with_pauses() {
        let chunk = |i, spoken: &str, pause| Chunk {
            index: i,
            paragraph: 1,
            text: spoken.into(),
            spoken: spoken.into(),
            break_after: crate::narration::Break::Sentence,
            pause_after_ms: pause,
        };
        let n = Narration {
            title: None,
            language: crate::text::language::Language::ENGLISH,
            paragraphs: vec![],
            chunks: vec![chunk(1, "one two three", 350), chunk(2, "four", 0)],
            extraction: None,
        };
        let (spans, total) = estimate_timings(&n, 120); // 500 ms a word
        assert_eq!(spans, [(0, 1500), (1850, 2350)]);
        assert_eq!(total, 2350);
    }
}
