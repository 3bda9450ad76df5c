//! Helpers shared by the integration tests: running the binary, reading WAVs and manifests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The sample articles shipped in `articles/`.
pub fn articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

/// `aloud` with a clean environment for the engine variables.
pub fn aloud() -> Command {
    let mut cmd = Command::cargo_bin("aloud").unwrap();
    cmd.env_remove("ALOUD_ESPEAK_LIB");
    cmd
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

/// One subtitle cue: start and end in ms, and its text.
#[derive(Debug)]
pub struct Cue {
    pub start_ms: u64,
    pub end_ms: u64,
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
            text: text.join(" "),
        });
    }
    cues
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
        let text: Vec<&str> = lines.collect();
        assert!(!text.is_empty());
        cues.push(Cue {
            start_ms: parse_time(a, '.'),
            end_ms: parse_time(b, '.'),
            text: text.join(" "),
        });
    }
    cues
}
