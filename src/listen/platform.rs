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

/// How long the service may take to begin a chunk it was handed, or to end one after its
/// words (at [`SILENCE_PER_WORD`] each): past it, the service took the text and is not
/// speaking it (speech-dispatcher does so when its audio output or module fails), and
/// listening ends instead of waiting for ever.
pub const SILENCE_LIMIT: Duration = Duration::from_secs(10);
/// Time allowed per word of a chunk on top of [`SILENCE_LIMIT`] (80 wpm, the slowest rate,
/// is 0.75 s a word).
pub const SILENCE_PER_WORD: Duration = Duration::from_secs(1);

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

/// A job for the thread that owns the `tts` handle.
type Job = Box<dyn FnOnce(&mut tts::Tts) + Send>;

/// The platform engine on a thread of its own: libspeechd's calls block until the service
/// answers, so each call is made there and waited for at most [`ANSWER_TIMEOUT`]. A service
/// that stops answering then ends listening (exit 3) instead of hanging aloud.
pub struct Service {
    jobs: Sender<Job>,
    address: String,
}

impl Service {
    /// Connects to the service, giving up after [`ANSWER_TIMEOUT`] (a socket that accepts but
    /// never answers blocks its client).
    pub fn connect() -> Result<Self, ListenError> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (ready, connected) = mpsc::channel();
        std::thread::Builder::new()
            .name("aloud-platform".into())
            .spawn(move || {
                let mut tts = match tts::Tts::default() {
                    Ok(t) => t,
                    Err(e) => {
                        let _ = ready.send(Err(e.to_string()));
                        return;
                    }
                };
                let _ = ready.send(Ok(()));
                for job in inbox {
                    job(&mut tts);
                }
            })
            .map_err(|e| ListenError::Failed(format!("cannot start a thread: {e}")))?;
        let address = std::env::var("SPEECHD_ADDRESS")
            .map(|a| format!(" at {a}"))
            .unwrap_or_default();
        match connected.recv_timeout(ANSWER_TIMEOUT) {
            Ok(Ok(())) => Ok(Service { jobs, address }),
            Ok(Err(e)) => Err(ListenError::NoOutput(format!(
                "no speech service: speech-dispatcher{address} cannot be reached ({e}); \
                 {INSTALL_HINT}"
            ))),
            Err(_) => Err(ListenError::NoOutput(format!(
                "no speech service: speech-dispatcher{address} did not answer within {} s; \
                 {INSTALL_HINT}",
                ANSWER_TIMEOUT.as_secs()
            ))),
        }
    }

    /// Runs `f` on the service's thread and returns its result, or
    /// [`ListenError::NoOutput`] when the service does not answer within [`ANSWER_TIMEOUT`].
    pub fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut tts::Tts) -> R + Send + 'static,
    ) -> Result<R, ListenError> {
        let (tx, rx) = mpsc::channel();
        let sent = self.jobs.send(Box::new(move |tts: &mut tts::Tts| {
            let _ = tx.send(f(tts));
        }));
        let answer = sent
            .ok()
            .and_then(|()| rx.recv_timeout(ANSWER_TIMEOUT).ok());
        answer.ok_or_else(|| {
            ListenError::NoOutput(format!(
                "no speech service: speech-dispatcher{} stopped answering for {} s; {INSTALL_HINT}",
                self.address,
                ANSWER_TIMEOUT.as_secs()
            ))
        })
    }
}

/// The platform's voices as `(name, language)`, for `aloud voices --engine platform`.
pub fn voices() -> Result<Vec<(String, String)>, ListenError> {
    let service = Service::connect()?;
    let list = service
        .call(|tts| {
            tts.voices().map(|list| {
                list.into_iter()
                    .map(|v| (v.name(), v.language().to_string()))
                    .collect::<Vec<_>>()
            })
        })?
        .map_err(|e| ListenError::Failed(format!("the speech service listed no voices: {e}")))?;
    Ok(list)
}

/// Speaking through the platform engine.
pub struct Platform {
    service: Service,
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
    /// When the service must have begun or ended the current chunk (see [`SILENCE_LIMIT`]).
    deadline: Option<std::time::Instant>,
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
        let service = Service::connect()?;
        let failed = |what: &str, e: tts::Error| {
            ListenError::Failed(format!("the platform speech engine cannot {what}: {e}"))
        };
        if let Some(name) = voice {
            let wanted = name.to_string();
            let found = service.call(move |tts| -> Result<bool, tts::Error> {
                let voices = tts.voices()?;
                match voices
                    .iter()
                    .find(|v| v.name().eq_ignore_ascii_case(&wanted) || v.id() == wanted)
                {
                    Some(v) => tts.set_voice(v).map(|()| true),
                    None => Ok(false),
                }
            })?;
            if !found.map_err(|e| failed("set the voice", e))? {
                return Err(ListenError::Failed(format!(
                    "the platform speech engine has no voice named {name:?}; \
                     `aloud voices --engine platform` lists them"
                )));
            }
        }
        let begin = events.clone();
        service
            .call(move |tts| {
                tts.on_utterance_begin(Some(Box::new(move |id| {
                    let _ = begin.send(Event::Utterance {
                        id: format!("{id:?}"),
                        begin: true,
                    });
                })))?;
                tts.on_utterance_end(Some(Box::new(move |id| {
                    let _ = events.send(Event::Utterance {
                        id: format!("{id:?}"),
                        begin: false,
                    });
                })))
            })?
            .map_err(|e| failed("report when it speaks", e))?;
        let mut platform = Platform {
            service,
            spoken,
            queued: HashMap::new(),
            next: 0,
            current: 0,
            began_at: None,
            flowing: None,
            deadline: None,
        };
        platform.set_rate(rate)?;
        Ok(platform)
    }

    /// Cancels whatever is queued and speaks from chunk `index` on.
    pub fn play(&mut self, index: usize) -> Result<(), ListenError> {
        if self.flowing.take() == Some(index) && self.queued.values().any(|&q| q == index) {
            self.current = index;
            return self.fill();
        }
        self.stop()?;
        self.current = index;
        self.next = index;
        self.began_at = None;
        self.deadline = Some(std::time::Instant::now() + SILENCE_LIMIT);
        self.fill()
    }

    /// Cancels everything queued (notifications of cancelled chunks are ignored).
    pub fn stop(&mut self) -> Result<(), ListenError> {
        self.queued.clear();
        self.flowing = None;
        self.deadline = None;
        // A refused cancel leaves nothing to cancel; only a service that does not answer
        // is an error.
        self.service.call(|tts| {
            let _ = tts.stop();
        })
    }

    /// Speaks at `rate` words per minute from the next chunk handed over.
    pub fn set_rate(&mut self, rate: u32) -> Result<(), ListenError> {
        self.service
            .call(move |t| {
                let r = platform_rate(rate, t.min_rate(), t.normal_rate(), t.max_rate());
                t.set_rate(r).map(|_| ())
            })?
            .map_err(|e| ListenError::Failed(format!("the platform cannot set the rate: {e}")))
    }

    /// Milliseconds since the current chunk began.
    pub fn played_ms(&self) -> u64 {
        self.began_at.map_or(0, |t| t.elapsed().as_millis() as u64)
    }

    /// Keeps [`QUEUED`] chunks handed to the service.
    fn fill(&mut self) -> Result<(), ListenError> {
        while self.next < self.spoken.len() && self.next < self.current + QUEUED {
            let text = self.spoken[self.next].clone();
            let id = self
                .service
                .call(move |tts| {
                    tts.speak(text, false)
                        .map(|id| id.map(|i| format!("{i:?}")))
                })?
                .map_err(|e| ListenError::Failed(format!("the platform cannot speak: {e}")))?
                .ok_or_else(|| {
                    ListenError::Failed("the platform speech engine gave no utterance id".into())
                })?;
            self.queued.insert(id, self.next);
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
        let now = std::time::Instant::now();
        if begin {
            self.current = index;
            self.began_at = Some(now);
            let words = self.spoken[index].split_whitespace().count() as u32;
            self.deadline = Some(now + SILENCE_LIMIT + SILENCE_PER_WORD * words);
            return Ok(Some(Event::Began(index)));
        }
        self.queued.remove(id);
        self.flowing = Some(index + 1);
        self.deadline = (!self.queued.is_empty()).then_some(now + SILENCE_LIMIT);
        Ok(Some(Event::Ended(index)))
    }

    /// Why the service seems to have stopped speaking, when it has (see [`SILENCE_LIMIT`]).
    pub fn stalled(&self) -> Option<String> {
        self.deadline
            .filter(|d| std::time::Instant::now() > *d)
            .map(|_| {
                format!(
                    "no speech: speech-dispatcher took the text but did not speak it within {} s \
                     (its output module or its sound output failed: try `spd-say hello`, and \
                     see its log in ~/.cache/speech-dispatcher/log); listen with --engine \
                     espeak or --engine piper, or write the audio to a file with `aloud export`",
                    SILENCE_LIMIT.as_secs()
                )
            })
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
