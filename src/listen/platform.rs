//! The platform speech engine through the `tts` crate: speech-dispatcher on Linux (WinRT or
//! SAPI on Windows, AVFoundation on macOS), which plays through its own audio output.
//!
//! A few chunks are queued ahead ([`QUEUED`]) so the service goes from one to the next without
//! a gap; their begin and end notifications come back as [`Event::Utterance`] and are mapped
//! to chunk numbers here. `tts` has no pause: pausing cancels the queue and resuming speaks
//! the current chunk again from its start (speech-dispatcher cannot pause its `important`
//! messages, the priority `tts` speaks with, either).

use std::collections::HashMap;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use super::{Event, ListenError};

/// How long the speech service has to answer before aloud gives up (the 5 s).
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);

/// Chunks handed to the service ahead of the one speaking.
pub const QUEUED: usize = 3;

/// What to tell someone whose machine has no speech service.
pub const INSTALL_HINT: &str = "install it (apt-get install speech-dispatcher \
     speech-dispatcher-espeak-ng), or listen with --engine espeak or --engine piper, or write \
     the audio to a file with `aloud export`";

/// The rate `tts` calls normal is the service's normal, taken as 175 wpm (espeak-ng's and
/// aloud's default); [`MIN`](crate::listen::controller::MIN_RATE_WPM) and
/// [`MAX`](crate::listen::controller::MAX_RATE_WPM) map to the service's slowest and
/// fastest, linearly in between. Rates on the platform's scale are its own, so this is
/// approximate by nature.
pub fn platform_rate(wpm: u32, min: f32, normal: f32, max: f32) -> f32 {
    use super::controller::{MAX_RATE_WPM, MIN_RATE_WPM};
    let wpm = wpm.clamp(MIN_RATE_WPM, MAX_RATE_WPM) as f32;
    let reference = crate::narration::REFERENCE_RATE_WPM as f32;
    if wpm >= reference {
        normal + (max - normal) * (wpm - reference) / (MAX_RATE_WPM as f32 - reference)
    } else {
        normal - (normal - min) * (reference - wpm) / (reference - MIN_RATE_WPM as f32)
    }
}

/// Opens the platform engine, giving up after [`ANSWER_TIMEOUT`]: the service is reached in
/// a thread of its own, since a socket that accepts but never answers blocks its client.
pub fn connect() -> Result<tts::Tts, ListenError> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("aloud-platform-connect".into())
        .spawn(move || {
            let _ = tx.send(tts::Tts::default().map_err(|e| e.to_string()));
        })
        .map_err(|e| ListenError::Failed(format!("cannot start a thread: {e}")))?;
    let address = std::env::var("SPEECHD_ADDRESS")
        .map(|a| format!(" at {a}"))
        .unwrap_or_default();
    match rx.recv_timeout(ANSWER_TIMEOUT) {
        Ok(Ok(tts)) => Ok(tts),
        Ok(Err(e)) => Err(ListenError::NoOutput(format!(
            "no speech service: speech-dispatcher{address} cannot be reached ({e}); {INSTALL_HINT}"
        ))),
        Err(_) => Err(ListenError::NoOutput(format!(
            "no speech service: speech-dispatcher{address} did not answer within {} s; \
             {INSTALL_HINT}",
            ANSWER_TIMEOUT.as_secs()
        ))),
    }
}

/// The platform's voices as `(name, language)`, for `aloud voices --engine platform`.
pub fn voices() -> Result<Vec<(String, String)>, ListenError> {
    let tts = connect()?;
    let list = tts
        .voices()
        .map_err(|e| ListenError::Failed(format!("the speech service listed no voices: {e}")))?;
    Ok(list
        .into_iter()
        .map(|v| (v.name(), v.language().to_string()))
        .collect())
}

/// Speaking through the platform engine.
pub struct Platform {
    tts: tts::Tts,
    spoken: Vec<String>,
    /// Utterances handed to the service and not yet ended, by their id, with their chunk.
    queued: HashMap<String, usize>,
    /// The next chunk to hand over.
    next: usize,
    current: usize,
    began_at: Option<std::time::Instant>,
    /// The chunk after the one that just ended, already queued: playing it is letting the
    /// service go on, not starting over.
    flowing: Option<usize>,
}

impl Platform {
    /// Connects (see [`connect`]), sets `voice` (a name `aloud voices --engine platform`
    /// lists) and `rate`, and routes the service's notifications to `events`.
    pub fn open(
        spoken: Vec<String>,
        voice: Option<&str>,
        rate: u32,
        events: Sender<Event>,
    ) -> Result<Self, ListenError> {
        let mut tts = connect()?;
        let failed = |what: &str, e: tts::Error| {
            ListenError::Failed(format!("the platform speech engine cannot {what}: {e}"))
        };
        if let Some(name) = voice {
            let voices = tts.voices().map_err(|e| failed("list its voices", e))?;
            let v = voices
                .iter()
                .find(|v| v.name().eq_ignore_ascii_case(name) || v.id() == name)
                .ok_or_else(|| {
                    ListenError::Failed(format!(
                        "the platform speech engine has no voice named {name:?}; \
                         `aloud voices --engine platform` lists them"
                    ))
                })?;
            tts.set_voice(v).map_err(|e| failed("set the voice", e))?;
        }
        let mut platform = Platform {
            tts,
            spoken,
            queued: HashMap::new(),
            next: 0,
            current: 0,
            began_at: None,
            flowing: None,
        };
        platform.set_rate(rate)?;
        let begin = events.clone();
        platform
            .tts
            .on_utterance_begin(Some(Box::new(move |id| {
                let _ = begin.send(Event::Utterance {
                    id: format!("{id:?}"),
                    begin: true,
                });
            })))
            .map_err(|e| failed("report when it speaks", e))?;
        platform
            .tts
            .on_utterance_end(Some(Box::new(move |id| {
                let _ = events.send(Event::Utterance {
                    id: format!("{id:?}"),
                    begin: false,
                });
            })))
            .map_err(|e| failed("report when it speaks", e))?;
        Ok(platform)
    }

    /// Cancels whatever is queued and speaks from chunk `index` on.
    pub fn play(&mut self, index: usize) -> Result<(), ListenError> {
        if self.flowing.take() == Some(index) && self.queued.values().any(|&q| q == index) {
            self.current = index;
            return self.fill();
        }
        self.stop();
        self.current = index;
        self.next = index;
        self.began_at = None;
        self.fill()
    }

    /// Cancels everything queued (notifications of cancelled chunks are ignored).
    pub fn stop(&mut self) {
        let _ = self.tts.stop();
        self.queued.clear();
        self.flowing = None;
    }

    /// Speaks at `rate` words per minute from the next chunk handed over.
    pub fn set_rate(&mut self, rate: u32) -> Result<(), ListenError> {
        let t = &self.tts;
        let r = platform_rate(rate, t.min_rate(), t.normal_rate(), t.max_rate());
        self.tts
            .set_rate(r)
            .map(|_| ())
            .map_err(|e| ListenError::Failed(format!("the platform cannot set the rate: {e}")))
    }

    /// Milliseconds since the current chunk began.
    pub fn played_ms(&self) -> u64 {
        self.began_at.map_or(0, |t| t.elapsed().as_millis() as u64)
    }

    /// Keeps [`QUEUED`] chunks handed to the service.
    fn fill(&mut self) -> Result<(), ListenError> {
        while self.next < self.spoken.len() && self.next < self.current + QUEUED {
            let id = self
                .tts
                .speak(self.spoken[self.next].as_str(), false)
                .map_err(|e| ListenError::Failed(format!("the platform cannot speak: {e}")))?
                .ok_or_else(|| {
                    ListenError::Failed("the platform speech engine gave no utterance id".into())
                })?;
            self.queued.insert(format!("{id:?}"), self.next);
            self.next += 1;
        }
        Ok(())
    }

    /// Maps a notification of the service to the chunk it concerns: [`Event::Began`] or
    /// [`Event::Ended`], or `None` for a chunk that was cancelled.
    pub fn utterance(&mut self, id: &str, begin: bool) -> Result<Option<Event>, ListenError> {
        let Some(&index) = self.queued.get(id) else {
            return Ok(None);
        };
        if begin {
            self.current = index;
            self.began_at = Some(std::time::Instant::now());
            return Ok(Some(Event::Began(index)));
        }
        self.queued.remove(id);
        self.flowing = Some(index + 1);
        Ok(Some(Event::Ended(index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_map_onto_the_platform_scale_around_its_normal() {
        // speech-dispatcher's scale: -100..100, normal 0.
        assert_eq!(platform_rate(175, -100.0, 0.0, 100.0), 0.0);
        assert_eq!(platform_rate(80, -100.0, 0.0, 100.0), -100.0);
        assert_eq!(platform_rate(450, -100.0, 0.0, 100.0), 100.0);
        assert_eq!(platform_rate(40, -100.0, 0.0, 100.0), -100.0, "clamped");
        let faster = platform_rate(200, -100.0, 0.0, 100.0);
        assert!(faster > 0.0 && faster < 20.0, "{faster}");
        // WinRT-style scale: 0.5..6, normal 1.
        assert_eq!(platform_rate(175, 0.5, 1.0, 6.0), 1.0);
    }
}
