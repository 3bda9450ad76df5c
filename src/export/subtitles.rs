//! SubRip (`.srt`) and WebVTT (`.vtt`) subtitles from the cues of [`super::cues`], and the
//! word-level WebVTT of `--word-timings` (one cue per written word, for highlighting the
//! word being read).

use super::cues::Cue;
use super::manifest::Manifest;

fn timestamp(ms: u64, decimal: char) -> String {
    format!(
        "{:02}:{:02}:{:02}{decimal}{:03}",
        ms / 3_600_000,
        (ms / 60_000) % 60,
        (ms / 1000) % 60,
        ms % 1000
    )
}

/// A line of SubRip text: SubRip has no escapes, so only "-->", which would read as a timing
/// line, is changed.
fn srt_text(line: &str) -> String {
    line.replace("-->", "->")
}

/// A line of WebVTT cue text: `&`, `<` and `>` escaped as the WebVTT syntax requires (which
/// also keeps "-->" out of it).
fn vtt_text(line: &str) -> String {
    line.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Renders cues as SubRip, numbered from 1.
pub fn srt(cues: &[Cue]) -> String {
    let mut out = String::new();
    for (n, c) in cues.iter().enumerate() {
        let lines: Vec<String> = c.lines.iter().map(|l| srt_text(l)).collect();
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            n + 1,
            timestamp(c.start_ms, ','),
            timestamp(c.end_ms, ','),
            lines.join("\n")
        ));
    }
    out
}

/// Renders cues as WebVTT, each with its number as identifier.
pub fn vtt(cues: &[Cue]) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for (n, c) in cues.iter().enumerate() {
        let lines: Vec<String> = c.lines.iter().map(|l| vtt_text(l)).collect();
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            n + 1,
            timestamp(c.start_ms, '.'),
            timestamp(c.end_ms, '.'),
            lines.join("\n")
        ));
    }
    out
}

/// Renders the manifest's word times (`--word-timings`) as WebVTT: one cue per written word
/// that is heard, identified `<chunk>-<word>` (both counted from 1, the word within its chunk:
/// the `index` of the chunk in the manifest and the position in its `words`), so a player can
/// highlight the word being read in the script. Words nothing was said for (no time) are left
/// out.
pub fn words_vtt(manifest: &Manifest) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for chunk in &manifest.chunks {
        for (n, w) in chunk.words.iter().flatten().enumerate() {
            if w.end_ms <= w.start_ms {
                continue;
            }
            out.push_str(&format!(
                "{}-{}\n{} --> {}\n{}\n\n",
                chunk.index,
                n + 1,
                timestamp(w.start_ms, '.'),
                timestamp(w.end_ms, '.'),
                vtt_text(&w.text)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::manifest::{EngineRecord, ManifestChunk, ManifestWord};

    fn cues() -> Vec<Cue> {
        vec![
            Cue {
                start_ms: 1_005,
                end_ms: 3_725_042,
                lines: vec!["Hello --> world".into(), "& <b>you</b>.".into()],
            },
            Cue {
                start_ms: 3_725_500,
                end_ms: 3_726_000,
                lines: vec!["Bye.".into()],
            },
        ]
    }

    #[test]
    fn srt_uses_commas_and_counts_from_one() {
        assert_eq!(
            srt(&cues()),
            "1\n00:00:01,005 --> 01:02:05,042\nHello -> world\n& <b>you</b>.\n\n\
             2\n01:02:05,500 --> 01:02:06,000\nBye.\n\n"
        );
    }

    #[test]
    fn vtt_has_header_dots_and_escapes() {
        assert_eq!(
            vtt(&cues()),
            "WEBVTT\n\n1\n00:00:01.005 --> 01:02:05.042\nHello --&gt; world\n\
             &amp; &lt;b&gt;you&lt;/b&gt;.\n\n2\n01:02:05.500 --> 01:02:06.000\nBye.\n\n"
        );
    }

    #[test]
    fn word_vtt_has_one_cue_per_heard_word() {
        let word = |text: &str, start_ms, end_ms| ManifestWord {
            text: text.into(),
            start_ms,
            end_ms,
        };
        let manifest = Manifest {
            schema_version: 1,
            source: "a.txt".into(),
            title: None,
            language: crate::text::language::Language::ENGLISH,
            estimated: false,
            exported_at: None,
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
            duration_ms: 2000,
            chunks: vec![ManifestChunk {
                index: 3,
                paragraph: 1,
                text: "Salt & 🎉 pepper.".into(),
                spoken: "Salt and pepper.".into(),
                file: Some("chunks/0003.wav".into()),
                start_ms: 100,
                end_ms: 1000,
                pause_after_ms: 0,
                part: None,
                words: Some(vec![
                    word("Salt", 100, 400),
                    word("&", 420, 600),
                    word("🎉", 600, 600),
                    word("pepper.", 600, 1000),
                ]),
            }],
        };
        assert_eq!(
            words_vtt(&manifest),
            "WEBVTT\n\n3-1\n00:00:00.100 --> 00:00:00.400\nSalt\n\n\
             3-2\n00:00:00.420 --> 00:00:00.600\n&amp;\n\n\
             3-4\n00:00:00.600 --> 00:00:01.000\npepper.\n\n"
        );
    }
}
