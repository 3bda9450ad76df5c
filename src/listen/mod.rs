//! Live playback: `aloud listen` reads an article aloud, chunk by chunk, with the same plan
//! as `export`.
//!
//! - [`controller`] decides (position, pause, rate, keys); it plays nothing.
//! - the neural voice and espeak-ng are synthesized ahead on a worker thread ([`ahead`]) and
//!   played through the sound device (`device`, cpal; feature `sound-device`);
//! - the platform engine (`platform`, the `tts` crate; feature `platform-engine`) speaks
//!   through its own service;
//! - [`resume`] keeps the position per article; [`status`] builds the status lines that
//!   `terminal` draws.
//!
//! No sound device or speech service is [`ListenError::NoOutput`] (exit 3), never a hang.

pub mod ahead;
pub mod app;
pub mod controller;
#[cfg(feature = "sound-device")]
pub mod device;
#[cfg(feature = "platform-engine")]
pub mod platform;
pub mod resume;
pub mod status;
mod terminal;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use controller::{Command, Controller, Key};
use resume::{ResumeStore, Saved};

use crate::engine::VoiceSettings;
use crate::Article;

/// Exit code when there is nothing to play through: no sound device, no speech service.
pub const NO_OUTPUT_EXIT_CODE: i32 = 3;

/// What to tell someone whose machine plays no sound, after the reason.
pub const NO_DEVICE_HINT: &str = "install and start a sound server (PulseAudio or PipeWire: \
     apt-get install pipewire-pulse) or check the sound card with `aplay -L`, pick a device with \
     --device, or write the audio to a file with `aloud export`";

/// A sound device that asks for no samples this long has stopped: listening ends with
/// [`ListenError::NoOutput`] instead of waiting for ever.
pub const STALLED_DEVICE: Duration = Duration::from_secs(5);

/// What the session loop hears about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A key (or Ctrl-C).
    Key(Key),
    /// Chunk `i` (0-based) started playing.
    Began(usize),
    /// Chunk `i` finished playing, with the pause after it.
    Ended(usize),
    /// Chunk `i` was synthesized and can be played.
    Ready(usize),
    /// Chunk `i` came from the chunk cache (sent before its [`Event::Ready`]).
    Cached(usize),
    /// A notification of the platform engine about one of its utterances.
    Utterance {
        /// The utterance's id.
        id: String,
        /// Begin (`true`) or end.
        begin: bool,
    },
    /// The sound device failed.
    Failed(String),
    /// The engine failed to synthesize a chunk, or could not be opened again.
    SynthesisFailed(String),
}

/// Why listening could not go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListenError {
    /// Nothing to play through: no sound device, no speech service (exit 3). The message
    /// names what to install and suggests `aloud export`.
    #[error("{0}")]
    NoOutput(String),
    /// An engine or the device failed otherwise (exit 1).
    #[error("{0}")]
    Failed(String),
}

/// Which engine `listen` speaks with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListenEngine {
    /// The neural voice when installed, else the platform engine, else espeak-ng.
    Auto,
    /// The platform speech engine (speech-dispatcher on Linux) through the tts crate.
    Platform,
    /// The Piper neural voice, played through the sound device.
    Piper,
    /// espeak-ng, played through the sound device.
    Espeak,
}

/// How to listen.
#[derive(Debug, Clone)]
pub struct ListenOptions {
    /// The engine.
    pub engine: ListenEngine,
    /// Voice, rate (words per minute), pitch, volume.
    pub voice: VoiceSettings,
    /// Start at this chunk (1-based), whatever was saved.
    pub from: Option<usize>,
    /// Start at the beginning, whatever was saved.
    pub restart: bool,
    /// The sound device (an ALSA PCM name); `None`: `$ALOUD_AUDIO_DEVICE`, else the default.
    pub device: Option<String>,
    /// Append one JSON line per event to this file (for tests and the benchmark).
    pub events: Option<PathBuf>,
    /// The rate the plan's pauses were made for.
    pub plan_rate: u32,
    /// Where positions are kept; `None` keeps none.
    pub store: Option<ResumeStore>,
    /// Size cap of the chunk cache in bytes (`None`: `--no-cache`). Chunks `export` or
    /// `book` spoke with the same engine, voice, rate and volume are played from it, and
    /// chunks spoken here are stored in it.
    pub cache_bytes: Option<u64>,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The last chunk was heard; the saved position was forgotten.
    Finished,
    /// `q`: the position was saved.
    Quit,
    /// Ctrl-C: the position was saved.
    Interrupted,
}

/// What a session did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenReport {
    /// How it ended.
    pub outcome: Outcome,
    /// The chunk it stopped at (1-based), the one saved to resume at.
    pub position: usize,
    /// Number of chunks.
    pub total: usize,
    /// The engine that spoke, e.g. `piper en_US-joe-medium`.
    pub engine: String,
    /// Warnings to show (a neural voice passed over).
    pub warnings: Vec<String>,
}

/// The position of the session in progress, for the interrupt handler.
struct Active {
    store: ResumeStore,
    key: String,
    saved: Saved,
}

static ACTIVE: Mutex<Option<Active>> = Mutex::new(None);

/// Called by the interrupt handler (SIGINT, SIGTERM, SIGHUP): when a listening session is in
/// progress, saves its position, leaves raw mode and returns the chunk saved (1-based) and
/// the number of chunks.
pub fn on_interrupt() -> Option<(usize, usize)> {
    let active = ACTIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let a = active.as_ref()?;
    terminal::restore();
    let _ = a.store.save(&a.key, &a.saved);
    Some((a.saved.chunk, a.saved.chunks))
}

/// One JSON line per event, with milliseconds since the command started (`ms`) and since
/// the Unix epoch (`unix_ms`).
struct EventLog {
    file: Option<std::fs::File>,
    start: Instant,
}

impl EventLog {
    fn log(&mut self, event: &str, chunk: Option<usize>) {
        let Some(f) = self.file.as_mut() else {
            return;
        };
        let unix_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let line = serde_json::json!({
            "ms": self.start.elapsed().as_millis() as u64,
            "unix_ms": unix_ms as u64,
            "event": event,
            "chunk": chunk.map(|c| c + 1),
        });
        let _ = writeln!(f, "{line}");
        let _ = f.flush();
    }
}

/// What plays: the sound device fed by the synthesis worker, or the platform engine.
trait Output {
    /// Stops whatever plays and plays chunk `index` from its start.
    fn play(&mut self, index: usize) -> Result<(), ListenError>;
    /// Chunk `index` was synthesized while `current` plays (or waits).
    fn ready(&mut self, _index: usize, _current: usize, _paused: bool) -> Result<(), ListenError> {
        Ok(())
    }
    /// Holds playback.
    fn pause(&mut self) -> Result<(), ListenError>;
    /// Goes on with chunk `current`.
    fn resume(&mut self, current: usize) -> Result<(), ListenError>;
    /// Speaks at `rate` from now on, `current` playing.
    fn set_rate(&mut self, rate: u32, current: usize) -> Result<(), ListenError>;
    /// Stops playing.
    fn stop(&mut self) -> Result<(), ListenError>;
    /// Milliseconds of the current chunk heard so far.
    fn played_ms(&self) -> u64;
    /// A number that grows while the output plays (or plays silence); `None` when the
    /// output cannot tell.
    fn heartbeat(&self) -> Option<u64> {
        None
    }
    /// Why the output seems to have stopped playing, when it has.
    fn stalled(&self) -> Option<String> {
        None
    }
    /// Maps a notification of the platform engine to a chunk event.
    fn utterance(&mut self, _id: &str, _begin: bool) -> Result<Option<Event>, ListenError> {
        Ok(None)
    }
}

/// The sound device, fed by the synthesis worker.
#[cfg(feature = "sound-device")]
struct DeviceOutput {
    device: device::Device,
    ahead: ahead::Ahead,
    /// The chunk to play as soon as it is synthesized.
    waiting: Option<usize>,
}

#[cfg(feature = "sound-device")]
impl Output for DeviceOutput {
    fn play(&mut self, index: usize) -> Result<(), ListenError> {
        self.ahead.seek(index);
        match self.ahead.get(index) {
            Some(samples) => {
                self.device.play(index, samples)?;
                self.waiting = None;
            }
            None => {
                self.device.stop();
                self.waiting = Some(index);
            }
        }
        Ok(())
    }

    /// Plays chunk `index` if playback waits for it, or queues it to follow the chunk
    /// playing without a gap.
    fn ready(&mut self, index: usize, current: usize, paused: bool) -> Result<(), ListenError> {
        let Some(samples) = self.ahead.get(index) else {
            return Ok(());
        };
        if self.waiting == Some(index) {
            self.device.play(index, samples)?;
            self.device.set_paused(paused);
            self.waiting = None;
        } else if index == current + 1 {
            self.device.queue_next(index, samples);
        }
        Ok(())
    }

    fn pause(&mut self) -> Result<(), ListenError> {
        self.device.set_paused(true);
        Ok(())
    }

    fn resume(&mut self, _current: usize) -> Result<(), ListenError> {
        self.device.set_paused(false);
        Ok(())
    }

    fn set_rate(&mut self, rate: u32, current: usize) -> Result<(), ListenError> {
        self.ahead.set_rate(rate, current);
        self.device.clear_next();
        Ok(())
    }

    fn stop(&mut self) -> Result<(), ListenError> {
        self.device.stop();
        Ok(())
    }

    fn played_ms(&self) -> u64 {
        self.device.played_ms()
    }

    fn heartbeat(&self) -> Option<u64> {
        self.device.callbacks()
    }
}

#[cfg(feature = "platform-engine")]
impl Output for platform::Platform {
    fn play(&mut self, index: usize) -> Result<(), ListenError> {
        platform::Platform::play(self, index)
    }

    fn pause(&mut self) -> Result<(), ListenError> {
        platform::Platform::stop(self)
    }

    fn resume(&mut self, current: usize) -> Result<(), ListenError> {
        platform::Platform::play(self, current)
    }

    fn set_rate(&mut self, rate: u32, current: usize) -> Result<(), ListenError> {
        platform::Platform::set_rate(self, rate)?;
        platform::Platform::play(self, current)
    }

    fn stop(&mut self) -> Result<(), ListenError> {
        platform::Platform::stop(self)
    }

    fn played_ms(&self) -> u64 {
        platform::Platform::played_ms(self)
    }

    fn utterance(&mut self, id: &str, begin: bool) -> Result<Option<Event>, ListenError> {
        platform::Platform::utterance(self, id, begin)
    }

    fn stalled(&self) -> Option<String> {
        platform::Platform::stalled(self)
    }
}

/// Runs `f` with libpulse pointed at a socket that refuses (see
/// [`crate::engine::espeak::keep_off_the_sound_server`]): opening libespeak-ng (espeak, and
/// the neural voice's phonemizer) probes the sound server, which aloud never plays through
/// it. The user's own setting is put back afterwards, for the sound device (ALSA's default
/// goes through PulseAudio or PipeWire on a desktop). Called before the session's threads.
fn with_sound_server_off<T>(f: impl FnOnce() -> T) -> T {
    let saved: Vec<(&str, Option<std::ffi::OsString>)> = ["PULSE_SERVER", "PULSE_LOG_SYSLOG"]
        .into_iter()
        .map(|k| (k, std::env::var_os(k)))
        .collect();
    crate::engine::espeak::keep_off_the_sound_server();
    let out = f();
    for (k, v) in saved {
        match v {
            Some(v) => std::env::set_var(k, v),
            None => std::env::remove_var(k),
        }
    }
    out
}

/// What plays, the engine's description and warnings about the choice.
struct Opened {
    output: Box<dyn Output>,
    engine: String,
    warnings: Vec<String>,
}

/// Opens what plays, as `opts.engine` asks (see [`ListenEngine`]); returns it with the
/// engine's description and warnings.
fn open_output(
    article: &Article,
    opts: &ListenOptions,
    start: usize,
    events: &Sender<Event>,
) -> Result<Opened, ListenError> {
    let spoken: Vec<String> = article
        .narration
        .chunks
        .iter()
        .map(|c| c.spoken.clone())
        .collect();
    let mut warnings = Vec::new();
    let choice = match opts.engine {
        ListenEngine::Platform => return open_platform(spoken, opts, events),
        ListenEngine::Piper => crate::engine::EngineChoice::Piper,
        ListenEngine::Espeak => crate::engine::EngineChoice::Espeak,
        ListenEngine::Auto => crate::engine::EngineChoice::Auto,
    };
    let settings = VoiceSettings {
        voice: opts
            .voice
            .voice
            .clone()
            .or_else(|| voice_for_language(article.narration.language.code(), choice)),
        ..opts.voice.clone()
    };
    let selection = with_sound_server_off(|| crate::engine::select(choice, &settings))
        .map_err(|e| ListenError::Failed(e.to_string()))?;
    // A neural voice: Piper's or hibari (the default English voice).
    let is_piper = selection
        .engine
        .as_ref()
        .is_some_and(|e| matches!(e.info().name.as_str(), "piper" | "hibari"));
    warnings.extend(selection.warnings);
    // auto: the neural voice when installed, else the platform engine, else espeak-ng.
    // (Not for an article another voice was chosen for: the platform's voice is its own.)
    if opts.engine == ListenEngine::Auto && !is_piper && settings.voice.is_none() {
        #[cfg(feature = "platform-engine")]
        match open_platform(spoken.clone(), opts, events) {
            Ok(mut opened) => {
                warnings.append(&mut opened.warnings);
                opened.warnings = warnings;
                return Ok(opened);
            }
            Err(e) if selection.engine.is_none() => return Err(e),
            Err(_) => {}
        }
    }
    let Some(engine) = selection.engine else {
        let reasons: Vec<String> = selection
            .unavailable
            .iter()
            .map(ToString::to_string)
            .collect();
        return Err(ListenError::NoOutput(format!(
            "no speech engine to listen with ({}); install one, or read the narration \
             script with `aloud script`",
            reasons.join("; ")
        )));
    };
    let pauses = article
        .narration
        .chunks
        .iter()
        .map(|c| c.pause_after_ms)
        .collect();
    let opts = &ListenOptions {
        voice: settings,
        ..opts.clone()
    };
    open_device(engine, spoken, pauses, opts, start, events).map(|(output, engine)| Opened {
        output,
        engine,
        warnings,
    })
}

/// The voice for an article in `language` when `--voice` is not given, as `export` routes
/// them: none for English (the engines' default voices are English); else an installed neural
/// voice for the language (unless espeak was asked for), else espeak-ng's voice for it
/// (Mandarin is `cmn`).
fn voice_for_language(language: &str, choice: crate::engine::EngineChoice) -> Option<String> {
    use crate::engine::{voices, EngineChoice};
    if language == "en" {
        return None;
    }
    let neural = (choice != EngineChoice::Espeak)
        .then(|| voices::installed_model_for_language(language))
        .flatten();
    match neural {
        Some(model) => Some(model.to_string_lossy().into_owned()),
        None if choice == EngineChoice::Piper => None,
        None => Some(if language == "zh" { "cmn" } else { language }.to_string()),
    }
}

#[cfg(feature = "platform-engine")]
fn open_platform(
    spoken: Vec<String>,
    opts: &ListenOptions,
    events: &Sender<Event>,
) -> Result<Opened, ListenError> {
    let p = platform::Platform::open(
        spoken,
        opts.voice.voice.as_deref(),
        opts.voice.rate,
        events.clone(),
    )?;
    Ok(Opened {
        output: Box::new(p),
        engine: "platform".into(),
        warnings: Vec::new(),
    })
}

#[cfg(not(feature = "platform-engine"))]
fn open_platform(
    _spoken: Vec<String>,
    _opts: &ListenOptions,
    _events: &Sender<Event>,
) -> Result<Opened, ListenError> {
    Err(ListenError::NoOutput(
        "no speech service: this aloud was built without the platform engine (cargo feature \
         platform-engine); rebuild with default features, listen with --engine espeak or \
         piper, or write the audio with `aloud export`"
            .into(),
    ))
}

#[cfg(feature = "sound-device")]
fn open_device(
    engine: Box<dyn crate::engine::Engine>,
    spoken: Vec<String>,
    pauses: Vec<u32>,
    opts: &ListenOptions,
    start: usize,
    events: &Sender<Event>,
) -> Result<(Box<dyn Output>, String), ListenError> {
    let info = engine.info();
    let name = format!("{} {}", info.name, info.voice);
    let device =
        device::Device::open(opts.device.as_deref(), engine.sample_rate(), events.clone())?;
    let choice = if info.name == "piper" {
        crate::engine::EngineChoice::Piper
    } else {
        crate::engine::EngineChoice::Espeak
    };
    let settings = opts.voice.clone();
    let reopen: ahead::Opener = Box::new(move |rate| {
        let s = VoiceSettings {
            rate,
            ..settings.clone()
        };
        crate::engine::select(choice, &s)?.engine.ok_or_else(|| {
            crate::engine::EngineError::Synthesis {
                engine: "listen",
                reason: "the engine could not be opened again at the new rate".into(),
            }
        })
    });
    // The cache only ever saves time: one that cannot be opened is passed over.
    let cache = opts.cache_bytes.and_then(|cap| {
        crate::render::cache::ChunkCache::open(&crate::render::cache::default_dir()?, cap).ok()
    });
    let ahead = ahead::Ahead::start(
        engine,
        reopen,
        ahead::Chunks {
            spoken,
            pauses_ms: pauses,
            plan_rate: opts.plan_rate,
        },
        ahead::Cache {
            cache,
            settings: crate::render::cache::settings_key(&opts.voice),
        },
        opts.voice.rate,
        start,
        events.clone(),
    );
    Ok((
        Box::new(DeviceOutput {
            device,
            ahead,
            waiting: None,
        }),
        name,
    ))
}

#[cfg(not(feature = "sound-device"))]
fn open_device(
    _engine: Box<dyn crate::engine::Engine>,
    _spoken: Vec<String>,
    _pauses: Vec<u32>,
    _opts: &ListenOptions,
    _start: usize,
    _events: &Sender<Event>,
) -> Result<(Box<dyn Output>, String), ListenError> {
    Err(ListenError::NoOutput(
        "no sound device: this aloud was built without sound output (cargo feature \
         sound-device); rebuild with default features, or write the audio with `aloud export`"
            .into(),
    ))
}

/// Reads `article` aloud as `opts` says, until its end, `q` or Ctrl-C. With a terminal on
/// stdin and stdout the keys work and the status is drawn; otherwise each chunk is printed as
/// it begins (`[3/48] text`) and the article is read to the end.
pub fn listen(article: &Article, opts: &ListenOptions) -> Result<ListenReport, ListenError> {
    let chunks = &article.narration.chunks;
    let total = chunks.len();
    let key = resume::article_key(&article.narration);
    let saved = opts.store.as_ref().and_then(|s| s.load(&key));
    let start = resume::start_position(chunks, saved.as_ref(), opts.from, opts.restart);
    let mut log = EventLog {
        file: match &opts.events {
            Some(p) => Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .map_err(|e| ListenError::Failed(format!("{}: {e}", p.display())))?,
            ),
            None => None,
        },
        start: Instant::now(),
    };
    log.log("start", Some(start));
    let (tx, rx) = mpsc::channel();
    let Opened {
        mut output,
        engine: engine_name,
        warnings,
    } = open_output(article, opts, start, &tx)?;
    log.log(&format!("open {engine_name}"), None);

    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut screen = if interactive {
        let s = terminal::Screen::start()
            .map_err(|e| ListenError::Failed(format!("cannot use the terminal: {e}")))?;
        terminal::spawn_keys(tx.clone());
        Some(s)
    } else {
        None
    };
    let title = article
        .narration
        .title
        .clone()
        .unwrap_or_else(|| article.source.display());
    let mut controller = Controller::new(total, start, opts.voice.rate);
    let save_at = |position: usize| -> Saved {
        Saved {
            chunk: position + 1,
            chunks: total,
            text: chunks[position].text.clone(),
            title: article.narration.title.clone(),
            source: article.source.display(),
        }
    };
    let remember = |position: usize| {
        if let Some(store) = &opts.store {
            let saved = save_at(position);
            let _ = store.save(&key, &saved);
            *ACTIVE
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Active {
                store: store.clone(),
                key: key.clone(),
                saved,
            });
        }
    };
    remember(start);

    let mut pending: Vec<Command> = controller.start();
    let mut last_beat: Option<(u64, Instant)> = None;
    let mut outcome = None;
    let result = 'session: loop {
        for command in std::mem::take(&mut pending) {
            let done = match command {
                Command::Play(i) => {
                    log.log("play", Some(i));
                    output.play(i).map(|()| None)
                }
                Command::Pause => {
                    log.log("pause", Some(controller.position()));
                    output.pause().map(|()| None)
                }
                Command::Resume => {
                    log.log("resume", Some(controller.position()));
                    output.resume(controller.position()).map(|()| None)
                }
                Command::SetRate(r) => {
                    log.log(&format!("rate {r}"), Some(controller.position()));
                    output.set_rate(r, controller.position()).map(|()| None)
                }
                Command::Finished => Ok(Some(Outcome::Finished)),
                Command::Quit => Ok(Some(Outcome::Quit)),
                Command::Interrupted => Ok(Some(Outcome::Interrupted)),
            };
            match done {
                Ok(Some(o)) => outcome = Some(o),
                Ok(None) => {}
                Err(e) => break 'session Err(e),
            }
        }
        if let Some(o) = outcome {
            break Ok(o);
        }
        if let Some(s) = screen.as_mut() {
            let estimates = status::estimates_ms(chunks, opts.plan_rate, controller.rate());
            let (elapsed, remaining) =
                status::times(&estimates, controller.position(), output.played_ms());
            s.draw(&status::lines(
                &status::Status {
                    title: &title,
                    position: controller.position(),
                    total,
                    elapsed_ms: elapsed,
                    remaining_ms: remaining,
                    paused: controller.paused(),
                    rate: controller.rate(),
                    engine: &engine_name,
                    text: &chunks[controller.position()].text,
                },
                terminal::Screen::width(),
            ));
        }
        if let Some(beat) = output.heartbeat() {
            match last_beat {
                Some((b, since)) if b == beat => {
                    if since.elapsed() > STALLED_DEVICE {
                        break Err(ListenError::NoOutput(format!(
                            "the sound device stopped taking samples for {} s; {}",
                            STALLED_DEVICE.as_secs(),
                            NO_DEVICE_HINT
                        )));
                    }
                }
                _ => last_beat = Some((beat, Instant::now())),
            }
        }
        if let Some(why) = output.stalled() {
            break Err(ListenError::NoOutput(why));
        }
        let event = match rx.recv_timeout(Duration::from_millis(250)) {
            Ok(e) => e,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                break Err(ListenError::Failed("the player stopped".into()))
            }
        };
        let event = match event {
            Event::Utterance { id, begin } => match output.utterance(&id, begin) {
                Ok(Some(e)) => e,
                Ok(None) => continue,
                Err(e) => break Err(e),
            },
            e => e,
        };
        match event {
            Event::Key(k) => {
                log.log(&format!("key {k:?}"), Some(controller.position()));
                pending = controller.key(k, output.played_ms());
            }
            Event::Began(i) => {
                // Saved before the event is logged: an interrupt that follows a logged
                // "begin" saves this chunk, not the one before it.
                let current = i == controller.position();
                if current {
                    remember(i);
                }
                log.log("begin", Some(i));
                // The chunk after it may be ready already: queue it to follow without a gap.
                if let Err(e) = output.ready(i + 1, i, controller.paused()) {
                    break Err(e);
                }
                if current && screen.is_none() {
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(out, "[{}/{}] {}", i + 1, total, chunks[i].text);
                    let _ = out.flush();
                }
            }
            Event::Ended(i) => {
                log.log("end", Some(i));
                pending = controller.ended(i);
            }
            Event::Cached(i) => log.log("cached", Some(i)),
            Event::Ready(i) => {
                log.log("ready", Some(i));
                if let Err(e) = output.ready(i, controller.position(), controller.paused()) {
                    break Err(e);
                }
            }
            Event::Failed(message) => {
                break Err(ListenError::NoOutput(format!(
                    "{message}; {NO_DEVICE_HINT}"
                )))
            }
            Event::SynthesisFailed(message) => {
                break Err(ListenError::Failed(format!(
                    "{}: {message}",
                    article.source.display()
                )))
            }
            Event::Utterance { .. } => {}
        }
    };
    // An output that failed may not answer a stop either.
    let result = match result {
        Ok(o) => output.stop().map(|()| o),
        e => e,
    };
    drop(screen);
    *ACTIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    let outcome = result?;
    let position = controller.position();
    if let Some(store) = &opts.store {
        let written = match outcome {
            Outcome::Finished => store.forget(&key),
            Outcome::Quit | Outcome::Interrupted => store.save(&key, &save_at(position)),
        };
        written.map_err(|e| {
            ListenError::Failed(format!(
                "{}: cannot save the position: {e}",
                store.path(&key).display()
            ))
        })?;
    }
    log.log(
        match outcome {
            Outcome::Finished => "finished",
            Outcome::Quit => "quit",
            Outcome::Interrupted => "interrupted",
        },
        Some(position),
    );
    Ok(ListenReport {
        outcome,
        position: position + 1,
        total,
        engine: engine_name,
        warnings,
    })
}
