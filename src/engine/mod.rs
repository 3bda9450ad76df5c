//! Speech engines behind one small trait, and the choice between them.
//!
//! An engine turns one chunk's spoken text into PCM samples in memory. The trait is kept to
//! what every engine can honour (describe itself, report its sample rate, synthesize a chunk),
//! so the platform engines of the `tts` crate and neural voices fit beside espeak-ng. When no
//! engine can be opened, the caller falls back to the narration script; see [`select`].

pub mod durations;
pub mod espeak;
pub mod hibari;
pub mod noise;
pub mod piper;
pub mod timing;
pub mod voices;

use crate::audio::Pcm;
pub use timing::WordSpan;

/// What an engine says about itself; recorded in the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineInfo {
    /// Engine name as used by `--engine` (e.g. `espeak`).
    pub name: String,
    /// Version of the library or model behind it.
    pub version: String,
    /// The voice in use.
    pub voice: String,
    /// Speaking rate in words per minute.
    pub rate: u32,
    /// Licence/credit line the voice asks users to be shown, if any.
    pub credit: Option<String>,
    /// Inference runtime and its version, for engines that use one.
    pub runtime: Option<String>,
}

/// A voice an engine offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// The name `--voice` accepts.
    pub name: String,
    /// A human description (full name, identifier).
    pub description: String,
    /// The engine's own identifier of the voice (espeak-ng's `gmw/en`), by which it is
    /// selected.
    pub identifier: String,
}

/// The voice settings a user chose on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceSettings {
    /// Voice name; `None` picks the engine's default.
    pub voice: Option<String>,
    /// Words per minute.
    pub rate: u32,
    /// Base pitch, 0–99 (50 is normal); `None` leaves the engine's default. Engines that
    /// cannot change pitch refuse `Some`.
    pub pitch: Option<u8>,
    /// Volume, 0–200 (100 is normal).
    pub volume: u8,
    /// Intra-op threads of one neural voice session (how many cores one chunk may use);
    /// `None` uses every core. How many chunks are spoken at once is the worker pool's
    /// business (`render::workers`), which sets this to match.
    pub threads: Option<usize>,
}

impl Default for VoiceSettings {
    fn default() -> Self {
        VoiceSettings {
            voice: None,
            rate: 175,
            pitch: None,
            volume: 100,
            threads: None,
        }
    }
}

/// Installed voice names (neural and espeak-ng) close to `wanted`, best first, at most five:
/// a name that contains it or that it contains, or one at a Jaro-Winkler similarity of 0.85 or
/// more (the measure clap uses for its own "did you mean"), case aside. A voice of another
/// engine than `engine` (the one that was asked) says which: "en_US-joe-medium (--engine
/// piper)" (a tester's `--engine espeak --voice joe` was offered joe with no hint that espeak
/// cannot read it).
pub fn close_voice_names(engine: &str, wanted: &str) -> Vec<String> {
    let wanted = wanted.to_lowercase();
    let mut names: Vec<(String, &str)> = voices::installed_models()
        .iter()
        .filter_map(|m| {
            m.file_stem()
                .map(|s| (s.to_string_lossy().into_owned(), "piper"))
        })
        .collect();
    if hibari::installed() {
        names.push((hibari::VOICE_NAME.to_string(), "hibari"));
        names.extend(hibari::ALIASES.iter().map(|a| (a.to_string(), "hibari")));
    }
    names.extend(
        espeak::Espeak::voices()
            .unwrap_or_default()
            .into_iter()
            .map(|v| (v.name, "espeak")),
    );
    let mut scored: Vec<(f64, String)> = names
        .into_iter()
        .filter_map(|(name, of)| {
            let n = name.to_lowercase();
            let score = if n.contains(&wanted) || (wanted.contains(&n) && n.len() >= 2) {
                1.0 + n.len().min(wanted.len()) as f64 / n.len().max(wanted.len()) as f64
            } else {
                strsim::jaro_winkler(&n, &wanted)
            };
            let shown = if of == engine {
                name
            } else {
                format!("{name} (--engine {of})")
            };
            (score >= 0.85).then_some((score, shown))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(5).map(|(_, n)| n).collect()
}

/// What an engine returns for one chunk: its samples and where each spoken word lies in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synthesis {
    /// The chunk's audio, with whatever silence the engine put around it.
    pub pcm: Pcm,
    /// One span per spoken word of the chunk ([`crate::text::words::spoken_words`]), in
    /// samples of `pcm`; empty when the engine cannot tell (the render stage then spreads
    /// the words over the speech by their length).
    pub words: Vec<WordSpan>,
}

impl Synthesis {
    /// The synthesis as bytes, for a pipe between processes: sample rate (u32), number of
    /// word spans (u32), each span's start and end (u32 each), then the samples (i16); all
    /// little-endian.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + 8 * self.words.len() + 2 * self.pcm.samples.len());
        out.extend(self.pcm.sample_rate.to_le_bytes());
        out.extend((self.words.len() as u32).to_le_bytes());
        for w in &self.words {
            out.extend((w.start as u32).to_le_bytes());
            out.extend((w.end as u32).to_le_bytes());
        }
        out.extend(self.pcm.samples.iter().flat_map(|s| s.to_le_bytes()));
        out
    }

    /// Reads what [`Synthesis::encode`] wrote; `None` when the bytes are not such a thing.
    pub fn decode(bytes: &[u8]) -> Option<Synthesis> {
        let u32_at = |i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
        };
        let sample_rate = u32_at(0)?;
        let words = u32_at(4)? as usize;
        let samples_at = words.checked_mul(8)?.checked_add(8)?;
        let samples = bytes.get(samples_at..)?;
        if !samples.len().is_multiple_of(2) {
            return None;
        }
        Some(Synthesis {
            pcm: Pcm {
                sample_rate,
                samples: samples
                    .chunks_exact(2)
                    .map(|b| i16::from_le_bytes([b[0], b[1]]))
                    .collect(),
            },
            words: (0..words)
                .map(|k| {
                    Some(WordSpan {
                        start: u32_at(8 + 8 * k)? as usize,
                        end: u32_at(12 + 8 * k)? as usize,
                    })
                })
                .collect::<Option<Vec<_>>>()?,
        })
    }
}

/// A speech engine: synthesizes one chunk at a time into memory. `Send`, so a worker thread
/// can own one.
pub trait Engine: Send {
    /// Name, version, voice and rate, for the manifest.
    fn info(&self) -> EngineInfo;
    /// Sample rate of every [`Pcm`] this engine returns.
    fn sample_rate(&self) -> u32;
    /// Speaks `spoken` (one chunk) and returns its samples, including whatever silence the
    /// engine adds around speech (the caller trims it), and where each word lies in them.
    fn synthesize(&mut self, spoken: &str) -> Result<Synthesis, EngineError>;
}

/// Why an engine could not be opened or could not speak.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The engine is not installed or failed to load; the reason says how to install it.
    #[error("{engine}: {reason}")]
    Unavailable {
        /// Engine name.
        engine: &'static str,
        /// What is missing and how to install it.
        reason: String,
    },
    /// The requested voice does not exist for this engine.
    #[error(
        "{engine} has no voice named {voice:?}{}; `aloud voices` lists the installed ones",
        if close.is_empty() { String::new() } else { format!(" (close: {})", close.join(", ")) }
    )]
    UnknownVoice {
        /// Engine name.
        engine: &'static str,
        /// The voice asked for.
        voice: String,
        /// Installed voice names close to it ([`close_voice_names`]), best first.
        close: Vec<String>,
    },
    /// The engine is installed but broken: a corrupt model, a bad config, a voice that cannot
    /// speak what the phonemizer produces. The reason names the file and what to do.
    #[error("{engine}: {reason}")]
    Broken {
        /// Engine name.
        engine: &'static str,
        /// What is wrong and what to do.
        reason: String,
    },
    /// The user asked for something this engine cannot do.
    #[error("{engine} does not support {what}")]
    Unsupported {
        /// Engine name.
        engine: &'static str,
        /// What cannot be done, and the alternative.
        what: String,
    },
    /// The engine failed while speaking.
    #[error("{engine} failed to synthesize: {reason}")]
    Synthesis {
        /// Engine name.
        engine: &'static str,
        /// What went wrong.
        reason: String,
    },
}

/// Which engine the user asked for with `--engine`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EngineChoice {
    /// The best engine installed here: the hibari voice (unless `--voice` names another),
    /// else the Piper voice, else espeak-ng, else the narration script.
    Auto,
    /// A Piper neural voice through ONNX Runtime, in-process.
    Piper,
    /// The hibari neural voice (en_US-hibari-heart) through ONNX Runtime, in-process.
    Hibari,
    /// libespeak-ng, in worker processes of aloud (one per `--jobs`).
    Espeak,
    /// No audio: write the narration script only.
    None,
}

/// The outcome of choosing an engine: the one to use, if any, and what the user should know.
pub struct Selection {
    /// The engine to narrate with; `None` means fall back to the script.
    pub engine: Option<Box<dyn Engine>>,
    /// Engines that were wanted but could not be opened, with the reason.
    pub unavailable: Vec<EngineError>,
    /// Warnings to show (e.g. a broken neural voice that `auto` passed over).
    pub warnings: Vec<String>,
}

/// True when `--voice` names something only espeak-ng can speak: not an installed neural
/// voice, not a model path.
fn voice_is_for_espeak(settings: &VoiceSettings) -> bool {
    settings.voice.as_deref().is_some_and(|v| {
        !(v.ends_with(".onnx") || v.contains('/'))
            && voices::find_model(Some(v)).is_none()
            && voices::catalogue_entry(v).is_none()
    })
}

/// Something of the neural engine is installed (runtime or a voice), so a failure to open it
/// deserves a warning rather than silence.
fn piper_partly_installed() -> bool {
    voices::runtime_library().is_some() || !voices::installed_models().is_empty()
}

fn open_espeak(settings: &VoiceSettings, selection: &mut Selection) -> Result<(), EngineError> {
    match espeak::Espeak::open(settings) {
        Ok(e) => selection.engine = Some(Box::new(e)),
        Err(e @ EngineError::Unavailable { .. }) => selection.unavailable.push(e),
        Err(e) => return Err(e),
    }
    Ok(())
}

/// Opens the engine `choice` asks for.
///
/// - `auto`: the hibari voice when `--voice` names it (an error if it cannot be opened), or
///   when it is installed and `--voice`/`--pitch` ask for nothing (the default English
///   voice); else the Piper voice when installed and `--voice`/`--pitch` don't ask for espeak;
///   a broken Piper install is passed over with a warning; then espeak; then the script.
/// - `piper`: the Piper voice or an error naming the file at fault and what to do.
/// - `hibari`: the hibari voice, likewise.
/// - `espeak`: espeak, or the script fallback when the library is missing (issue #2's
///   contract: no engine is not a failure unless `--require-audio`).
///
/// An unknown voice is always an error: falling back cannot honour it.
pub fn select(choice: EngineChoice, settings: &VoiceSettings) -> Result<Selection, EngineError> {
    let mut selection = Selection {
        engine: None,
        unavailable: Vec::new(),
        warnings: Vec::new(),
    };
    match choice {
        EngineChoice::None => {}
        EngineChoice::Piper => selection.engine = Some(Box::new(piper::Piper::open(settings)?)),
        EngineChoice::Hibari => selection.engine = Some(Box::new(hibari::Hibari::open(settings)?)),
        EngineChoice::Espeak => open_espeak(settings, &mut selection)?,
        EngineChoice::Auto => {
            // The hibari voice by name; also when no Piper voice is installed.
            if settings.voice.as_deref().is_some_and(hibari::is_voice_name) {
                selection.engine = Some(Box::new(hibari::Hibari::open(settings)?));
                return Ok(selection);
            }
            // The default English voice: hibari, when installed (faster and clearer than
            // joe, measured in README "The hibari voice"); a failure to open it is reported
            // once, with whatever reads instead.
            let mut failed: Option<EngineError> = None;
            if settings.voice.is_none() && settings.pitch.is_none() && hibari::installed() {
                match hibari::Hibari::open(settings) {
                    Ok(h) => {
                        selection.engine = Some(Box::new(h));
                        return Ok(selection);
                    }
                    Err(e) => failed = Some(e),
                }
            }
            if settings.pitch.is_none() && !voice_is_for_espeak(settings) {
                match piper::Piper::open(settings) {
                    Ok(p) => {
                        if let Some(e) = failed {
                            selection
                                .warnings
                                .push(format!("{e}; using {} instead", p.info().voice));
                            selection.unavailable.push(e);
                        }
                        selection.engine = Some(Box::new(p));
                        return Ok(selection);
                    }
                    Err(e @ EngineError::UnknownVoice { .. }) if settings.voice.is_some() => {
                        return Err(e)
                    }
                    Err(e) => {
                        let partly = piper_partly_installed() || failed.is_some();
                        let e = failed.take().unwrap_or(e);
                        if partly {
                            selection
                                .warnings
                                .push(format!("{e}; using espeak instead"));
                        }
                        selection.unavailable.push(e);
                    }
                }
            }
            if let Some(e) = failed {
                selection
                    .warnings
                    .push(format!("{e}; using espeak instead"));
                selection.unavailable.push(e);
            }
            open_espeak(settings, &mut selection)?;
        }
    }
    Ok(selection)
}

/// One line per known engine for `aloud engines`: whether it works here, and if not, why.
/// The first available one is what `auto` picks.
pub fn probe() -> Vec<(String, Result<String, String>)> {
    let piper = match piper::Piper::open(&VoiceSettings::default()) {
        Ok(p) => {
            let info = p.info();
            Ok(format!(
                "voice {} ({} Hz) on {}; {}",
                info.voice,
                p.sample_rate(),
                info.runtime.unwrap_or_default(),
                info.credit.unwrap_or_default()
            ))
        }
        Err(e) => Err(e.to_string()),
    };
    let espeak = match espeak::Espeak::open(&VoiceSettings::default()) {
        Ok(e) => {
            let info = e.info();
            Ok(format!(
                "libespeak-ng {} in worker processes, {} Hz, default voice {}",
                info.version,
                e.sample_rate(),
                info.voice
            ))
        }
        Err(EngineError::Unavailable { reason, .. }) => Err(reason),
        Err(e) => Err(e.to_string()),
    };
    let hibari = match hibari::Hibari::open(&VoiceSettings::default()) {
        Ok(h) => {
            let info = h.info();
            Ok(format!(
                "voice {} ({} Hz) on {}; {}",
                info.voice,
                h.sample_rate(),
                info.runtime.unwrap_or_default(),
                info.credit.unwrap_or_default()
            ))
        }
        Err(e) => Err(e.to_string()),
    };
    vec![
        ("piper".to_string(), piper),
        ("hibari".to_string(), hibari),
        ("espeak".to_string(), espeak),
    ]
}
