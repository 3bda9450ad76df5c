//! Speech engines behind one small trait, and the choice between them.
//!
//! An engine turns one chunk's spoken text into PCM samples in memory. The trait is kept to
//! what every engine can honour (describe itself, report its sample rate, synthesize a chunk),
//! so the platform engines of the `tts` crate and neural voices fit beside espeak-ng. When no
//! engine can be opened, the caller falls back to the narration script; see [`select`].

pub mod espeak;

use crate::audio::Pcm;

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
}

/// A voice an engine offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// The name `--voice` accepts.
    pub name: String,
    /// A human description (full name, identifier).
    pub description: String,
}

/// The voice settings a user chose on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceSettings {
    /// Voice name; `None` picks the engine's default.
    pub voice: Option<String>,
    /// Words per minute.
    pub rate: u32,
    /// Base pitch, 0–99 (50 is the engine's normal).
    pub pitch: u8,
    /// Volume, 0–200 (100 is normal).
    pub volume: u8,
}

impl Default for VoiceSettings {
    fn default() -> Self {
        VoiceSettings {
            voice: None,
            rate: 175,
            pitch: 50,
            volume: 100,
        }
    }
}

/// A speech engine: synthesizes one chunk at a time into memory.
pub trait Engine {
    /// Name, version, voice and rate, for the manifest.
    fn info(&self) -> EngineInfo;
    /// Sample rate of every [`Pcm`] this engine returns.
    fn sample_rate(&self) -> u32;
    /// Speaks `spoken` (one chunk) and returns its samples, including whatever silence the
    /// engine adds around speech; the caller trims it.
    fn synthesize(&mut self, spoken: &str) -> Result<Pcm, EngineError>;
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
    #[error("{engine} has no voice named {voice:?}; `aloud voices` lists the installed ones")]
    UnknownVoice {
        /// Engine name.
        engine: &'static str,
        /// The voice asked for.
        voice: String,
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
    /// The best engine installed here: espeak-ng, else the narration script.
    Auto,
    /// libespeak-ng, in-process.
    Espeak,
    /// No audio: write the narration script only.
    None,
}

/// The outcome of choosing an engine: the one to use, if any, and why others were passed over.
pub struct Selection {
    /// The engine to narrate with; `None` means fall back to the script.
    pub engine: Option<Box<dyn Engine>>,
    /// Engines that were wanted but could not be opened, with the reason.
    pub unavailable: Vec<EngineError>,
}

/// Opens the engine `choice` asks for.
///
/// A missing engine is not an error here: it is reported in [`Selection::unavailable`] and the
/// caller falls back to the script. An unknown voice *is* an error, since the user asked for
/// something that cannot be honoured by falling back.
pub fn select(choice: EngineChoice, settings: &VoiceSettings) -> Result<Selection, EngineError> {
    match choice {
        EngineChoice::None => Ok(Selection {
            engine: None,
            unavailable: Vec::new(),
        }),
        EngineChoice::Auto | EngineChoice::Espeak => match espeak::Espeak::open(settings) {
            Ok(e) => Ok(Selection {
                engine: Some(Box::new(e)),
                unavailable: Vec::new(),
            }),
            Err(e @ EngineError::Unavailable { .. }) => Ok(Selection {
                engine: None,
                unavailable: vec![e],
            }),
            Err(e) => Err(e),
        },
    }
}

/// One line per known engine for `aloud engines`: whether it works here, and if not, why.
pub fn probe() -> Vec<(String, Result<String, String>)> {
    let espeak = match espeak::Espeak::open(&VoiceSettings::default()) {
        Ok(e) => {
            let info = e.info();
            Ok(format!(
                "libespeak-ng {} in-process, {} Hz, default voice {}",
                info.version,
                e.sample_rate(),
                info.voice
            ))
        }
        Err(EngineError::Unavailable { reason, .. }) => Err(reason),
        Err(e) => Err(e.to_string()),
    };
    vec![("espeak".to_string(), espeak)]
}
