//! `script.txt`: the narration as a plain-text script a human narrator can read from.
//!
//! Title, then chunks numbered and grouped by paragraph with their start times, pause marks
//! between paragraphs, wrapped at 80 columns.

use super::manifest::Manifest;

/// Width the script is wrapped to.
pub const WIDTH: usize = 80;

/// `[mm:ss]`, or `[h:mm:ss]` from an hour on.
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("[{}:{:02}:{:02}]", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("[{:02}:{:02}]", s / 60, s % 60)
    }
}

/// Renders the script from a manifest (real or estimated timings).
pub fn render(manifest: &Manifest) -> String {
    let mut out = String::new();
    let title = manifest.title.as_deref().unwrap_or("Untitled");
    for line in textwrap::wrap(title, WIDTH) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&"=".repeat(title.chars().count().min(WIDTH)));
    out.push('\n');
    let timing = if manifest.estimated {
        format!("estimated at {} words per minute", manifest.engine.rate)
    } else {
        format!(
            "timed from {} ({}, {} wpm)",
            manifest.engine.name,
            manifest.engine.voice.as_deref().unwrap_or("default voice"),
            manifest.engine.rate
        )
    };
    out.push_str(&format!(
        "Source: {}\nLength: {}, {} chunk{}, {timing}\n",
        manifest.published_source(),
        super::human_duration(manifest.duration_ms),
        manifest.chunks.len(),
        if manifest.chunks.len() == 1 { "" } else { "s" }
    ));

    let mut paragraph = None;
    for c in &manifest.chunks {
        if paragraph.is_some() && paragraph != Some(c.paragraph) {
            out.push_str("\n          (pause)\n");
        }
        if paragraph != Some(c.paragraph) {
            out.push('\n');
            paragraph = Some(c.paragraph);
        }
        let head = format!("{} {}. ", clock(c.start_ms), c.index);
        let indent = " ".repeat(head.chars().count());
        let opts = textwrap::Options::new(WIDTH)
            .initial_indent(&head)
            .subsequent_indent(&indent);
        for line in textwrap::wrap(&c.text, opts) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::manifest::{EngineRecord, ManifestChunk};

    #[test]
    fn groups_by_paragraph_with_times_and_wraps_at_80() {
        let chunk = |index, paragraph, text: &str, start_ms| ManifestChunk {
            index,
            paragraph,
            text: text.into(),
            spoken: text.into(),
            file: None,
            start_ms,
            end_ms: start_ms + 1000,
            pause_after_ms: 350,
            part: None,
            words: None,
        };
        let long = "The council voted on Tuesday to rebuild the seawall, after a meeting that ran well past midnight.";
        let m = Manifest {
            schema_version: 1,
            source: "a.txt".into(),
            title: Some("Council votes".into()),
            language: crate::text::language::Language::ENGLISH,
            estimated: true,
            exported_at: None,
            engine: EngineRecord {
                name: "script".into(),
                version: "0.1.0".into(),
                voice: None,
                rate: 175,
                credit: None,
                runtime: None,
            },
            extraction: None,
            sample_rate: None,
            audio: None,
            files: vec![],
            loudness: None,
            chapters: vec![],
            parts: None,
            duration_ms: 75_000,
            chunks: vec![
                chunk(1, 0, "Council votes", 0),
                chunk(2, 1, long, 2_000),
                chunk(3, 1, "It passed.", 12_500),
                chunk(4, 2, "Next.", 3_725_000),
            ],
        };
        let s = render(&m);
        let expected = "\
Council votes
=============
Source: a.txt
Length: 1m15s, 4 chunks, estimated at 175 words per minute

[00:00] 1. Council votes

          (pause)

[00:02] 2. The council voted on Tuesday to rebuild the seawall, after a meeting
           that ran well past midnight.
[00:12] 3. It passed.

          (pause)

[1:02:05] 4. Next.
";
        assert_eq!(s, expected);
        assert!(s.lines().all(|l| l.chars().count() <= WIDTH));
        // The script is published beside the audio (`aloud serve` links it): a file source
        // is named by its file name, not the folders it was typed with; a URL stays whole.
        for (source, shown) in [
            ("/home/ann/drafts/a.txt", "Source: a.txt\n"),
            ("drafts/a.txt", "Source: a.txt\n"),
            (
                "https://example.org/news/a",
                "Source: https://example.org/news/a\n",
            ),
            ("<stdin>", "Source: <stdin>\n"),
        ] {
            let m = Manifest {
                source: source.into(),
                ..m.clone()
            };
            assert!(render(&m).contains(shown), "{source}");
        }
    }
}
