//! Progress reporting: the library says what happened; the terminal bar is one listener.

use std::io::IsTerminal;

/// Receives progress events from an export.
pub trait Progress {
    /// An article with `chunks` chunks is starting.
    fn article(&mut self, _name: &str, _chunks: usize) {}
    /// A chunk is done; `audio_ms` of speech was produced.
    fn chunk(&mut self, _audio_ms: u64) {}
    /// The current article is done.
    fn done(&mut self) {}
}

/// Reports nothing (for `-q`, pipes, tests).
pub struct Silent;

impl Progress for Silent {}

/// An `indicatif` bar on stderr: chunks done/total, audio minutes produced, ETA.
pub struct Bar {
    bar: Option<indicatif::ProgressBar>,
    audio_ms: u64,
}

impl Bar {
    /// A bar when stderr is a terminal and `quiet` is off; otherwise `None` (use [`Silent`]).
    pub fn for_stderr(quiet: bool) -> Option<Self> {
        (!quiet && std::io::stderr().is_terminal()).then_some(Bar {
            bar: None,
            audio_ms: 0,
        })
    }
}

impl Progress for Bar {
    fn article(&mut self, name: &str, chunks: usize) {
        let bar = indicatif::ProgressBar::new(chunks as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} chunks  {msg}  ETA {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(name.to_string());
        self.audio_ms = 0;
        self.bar = Some(bar);
    }

    fn chunk(&mut self, audio_ms: u64) {
        self.audio_ms += audio_ms;
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{:.1} min audio", self.audio_ms as f64 / 60_000.0));
            bar.inc(1);
        }
    }

    fn done(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
