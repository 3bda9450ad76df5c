//! SubRip (`.srt`) and WebVTT (`.vtt`) subtitles: one cue per chunk, timed from the manifest.

use super::manifest::Manifest;

/// Subtitle lines are wrapped to this width, a common limit for readable captions.
const CUE_WIDTH: usize = 60;

fn timestamp(ms: u64, decimal: char) -> String {
    format!(
        "{:02}:{:02}:{:02}{decimal}{:03}",
        ms / 3_600_000,
        (ms / 60_000) % 60,
        (ms / 1000) % 60,
        ms % 1000
    )
}

fn cue_text(text: &str) -> String {
    // A blank line would end the cue early; "-->" would confuse VTT parsers.
    textwrap::wrap(&text.replace("-->", "->"), CUE_WIDTH).join("\n")
}

/// Renders the manifest's chunks as SubRip.
pub fn srt(manifest: &Manifest) -> String {
    let mut out = String::new();
    for (n, c) in manifest.chunks.iter().enumerate() {
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            n + 1,
            timestamp(c.start_ms, ','),
            timestamp(c.end_ms, ','),
            cue_text(&c.text)
        ));
    }
    out
}

/// Renders the manifest's chunks as WebVTT.
pub fn vtt(manifest: &Manifest) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for c in &manifest.chunks {
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            c.index,
            timestamp(c.start_ms, '.'),
            timestamp(c.end_ms, '.'),
            cue_text(&c.text)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::manifest::{EngineRecord, ManifestChunk};

    fn manifest() -> Manifest {
        Manifest {
            schema_version: 1,
            source: "a.txt".into(),
            title: None,
            language: crate::text::language::Language::ENGLISH,
            estimated: false,
            engine: EngineRecord {
                name: "espeak".into(),
                version: "1".into(),
                voice: Some("en-us".into()),
                rate: 175,
                credit: None,
                runtime: None,
            },
            extraction: None,
            sample_rate: Some(22050),
            audio: Some("a.wav".into()),
            files: vec![],
            loudness: None,
            chapters: vec![],
            parts: None,
            duration_ms: 3_725_042,
            chunks: vec![ManifestChunk {
                index: 1,
                paragraph: 1,
                text: "Hello --> world.".into(),
                spoken: "Hello world.".into(),
                file: Some("chunks/0001.wav".into()),
                start_ms: 1_005,
                end_ms: 3_725_042,
                pause_after_ms: 0,
                part: None,
            }],
        }
    }

    #[test]
    fn srt_uses_commas_and_counts_from_one() {
        assert_eq!(
            srt(&manifest()),
            "1\n00:00:01,005 --> 01:02:05,042\nHello -> world.\n\n"
        );
    }

    #[test]
    fn vtt_has_header_and_dots() {
        assert_eq!(
            vtt(&manifest()),
            "WEBVTT\n\n1\n00:00:01.005 --> 01:02:05.042\nHello -> world.\n\n"
        );
    }
}
