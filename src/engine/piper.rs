//! The neural voice: Piper models run in-process by ONNX Runtime.
//!
//! Text → espeak-ng IPA phonemes (through the already-loaded libespeak-ng, clause by clause)
//! → phoneme ids by the voice's `phoneme_id_map` → the VITS model → float samples. One ONNX
//! session is loaded per engine and reused for every chunk. Each word's place in the audio
//! comes from the phoneme durations the model predicted ([`super::durations`]).
//!
//! ONNX Runtime is loaded at run time (`ort` with `load-dynamic`), from `ALOUD_ORT_LIB` or
//! the library `aloud voices install` unpacked, so building aloud fetches nothing and a
//! machine without the runtime still runs aloud (on espeak-ng).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::espeak::{Clause, Espeak};
use super::noise::{self, NoiseInput};
use super::{durations, timing, voices, Engine, EngineError, EngineInfo, Synthesis, VoiceSettings};
use crate::audio::Pcm;
use crate::text::lexicon::{self, Piece};

/// Padding id written after every phoneme.
const PAD: char = '_';
/// Beginning-of-sentence symbol.
const BOS: char = '^';
/// End-of-sentence symbol.
const EOS: char = '$';
/// The speaking rate at which the voice's own length scale applies, in words per minute.
pub const NATURAL_WPM: u32 = 175;
/// Target RMS level of a chunk (about −21 dBFS), so every chunk and article sounds equally loud.
const TARGET_RMS: f32 = 0.09;
/// Highest peak after gain, leaving headroom so nothing clips.
const PEAK_LIMIT: f32 = 0.97;
/// Text phonemized when a voice is opened, to catch a voice missing common phonemes early.
const PROBE_TEXT: &str = "The quick brown fox jumps over the lazy dog, whose thick hair \
    shone; was it measured? Yes: eight, nine, ten, joy, wool, zoo, sing, chair!";

/// `inference` section of a Piper voice config.
#[derive(Debug, Clone, Deserialize)]
pub struct Inference {
    /// Noise added to the prior (variation in voice).
    #[serde(default = "default_noise")]
    pub noise_scale: f32,
    /// Phoneme duration multiplier (larger is slower).
    #[serde(default = "default_length")]
    pub length_scale: f32,
    /// Noise in the duration predictor (variation in timing).
    #[serde(default = "default_noise_w")]
    pub noise_w: f32,
}

fn default_noise() -> f32 {
    0.667
}
fn default_length() -> f32 {
    1.0
}
fn default_noise_w() -> f32 {
    0.8
}

/// The parts of a Piper `.onnx.json` that aloud uses.
#[derive(Debug, Clone, Deserialize)]
pub struct VoiceConfig {
    /// `audio`: sample rate and quality.
    pub audio: AudioConfig,
    /// `espeak.voice`: the espeak-ng voice that phonemizes for this model.
    pub espeak: EspeakConfig,
    /// Synthesis defaults.
    pub inference: Inference,
    /// Phoneme (one Unicode scalar after NFD) → model ids.
    pub phoneme_id_map: HashMap<String, Vec<i64>>,
    /// Language info, when present.
    #[serde(default)]
    pub language: Option<Language>,
    /// Training dataset name, when present.
    #[serde(default)]
    pub dataset: Option<String>,
    /// Piper version the voice was exported with.
    #[serde(default)]
    pub piper_version: Option<String>,
}

/// `audio` section.
#[derive(Debug, Clone, Deserialize)]
pub struct AudioConfig {
    /// Output sample rate.
    pub sample_rate: u32,
    /// x_low, low, medium, high.
    #[serde(default)]
    pub quality: Option<String>,
}

/// `espeak` section.
#[derive(Debug, Clone, Deserialize)]
pub struct EspeakConfig {
    /// espeak-ng voice name, e.g. `en-us`.
    pub voice: String,
}

/// `language` section.
#[derive(Debug, Clone, Deserialize)]
pub struct Language {
    /// e.g. `en_US`.
    pub code: String,
}

/// A voice on disk: model, config and the credit line shown to users.
#[derive(Debug, Clone)]
pub struct PiperVoice {
    /// Voice name (model file name without `.onnx`).
    pub name: String,
    /// The `.onnx` model.
    pub model: PathBuf,
    /// Its parsed config.
    pub config: VoiceConfig,
    /// Licence and credit, from the model card beside the model.
    pub credit: String,
}

fn broken(reason: String) -> EngineError {
    EngineError::Broken {
        engine: "piper",
        reason,
    }
}

impl PiperVoice {
    /// Reads a voice's config and model card. The model itself is loaded by [`Piper::open`].
    pub fn load(model: &Path) -> Result<Self, EngineError> {
        let config_path = voices::config_path(model);
        let text = std::fs::read_to_string(&config_path).map_err(|e| {
            broken(format!(
                "{}: cannot read the voice config ({e}); a Piper voice needs its .onnx.json beside the .onnx",
                config_path.display()
            ))
        })?;
        let config: VoiceConfig = serde_json::from_str(&text).map_err(|e| {
            broken(format!(
                "{}: not a Piper voice config ({e}); reinstall the voice",
                config_path.display()
            ))
        })?;
        let card = model.with_file_name("MODEL_CARD");
        let credit = std::fs::read_to_string(&card)
            .ok()
            .map(|c| credit_line(&c))
            .unwrap_or_else(|| {
                format!(
                    "Piper voice {} (no model card found; check the voice's licence)",
                    voices::voice_name(model)
                )
            });
        Ok(PiperVoice {
            name: voices::voice_name(model),
            model: model.to_path_buf(),
            config,
            credit,
        })
    }
}

/// Condenses a Piper MODEL_CARD into one credit line: voice, dataset licence, training origin.
pub fn credit_line(card: &str) -> String {
    let title = card
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or("Piper voice")
        .trim()
        .trim_start_matches("Model card for ")
        .to_string();
    let licence = card
        .lines()
        .find_map(|l| l.trim().strip_prefix("* License:"))
        .map(str::trim);
    let training = card
        .lines()
        .skip_while(|l| !l.starts_with("## Training"))
        .skip(1)
        .map(str::trim)
        .find(|l| !l.is_empty());
    let mut parts = vec![format!("Piper voice {title}")];
    if let Some(l) = licence {
        parts.push(format!("dataset licence {l}"));
    }
    if let Some(t) = training {
        parts.push(t.trim_end_matches('.').to_string());
    }
    parts.join("; ")
}

/// Piper's phoneme string for spoken text: its words phonemized by espeak-ng (IPA) and the
/// lexicon's `[[IPA]]` phonemes put in as they are, so an entry reaches the model unchanged.
pub fn spoken_phonemes(phonemizer: &Espeak, spoken: &str) -> Result<String, EngineError> {
    let mut clauses = Vec::new();
    for piece in lexicon::pieces(spoken) {
        match piece {
            Piece::Words(words) => clauses.extend(phonemizer.clauses(words, true)?),
            Piece::Phonemes(ipa) => clauses.push(Clause {
                phonemes: ipa.to_string(),
                terminator: None,
            }),
        }
    }
    Ok(phoneme_string(&clauses))
}

/// Turns phonemized clauses into Piper's phoneme string: clause phonemes with their
/// punctuation kept as phonemes (", " after commas, colons and semicolons), NFD-normalized.
pub fn phoneme_string(clauses: &[Clause]) -> String {
    let mut s = String::new();
    for c in clauses {
        // Punctuation alone (", " after a lexicon word) joins the phonemes before it.
        if !s.is_empty() && !s.ends_with(' ') && !c.phonemes.trim().is_empty() {
            s.push(' ');
        }
        s.push_str(c.phonemes.trim());
        match c.terminator {
            Some(t @ ('.' | '?' | '!')) => s.push(t),
            Some(t @ (',' | ':' | ';')) => {
                s.push(t);
                s.push(' ');
            }
            _ => {}
        }
    }
    s.trim_end().nfd().collect()
}

/// Maps a phoneme string to model ids: `^`, each phoneme's ids followed by the pad `_`,
/// then `$`. An unknown phoneme is returned as the error.
pub fn phoneme_ids(phonemes: &str, map: &HashMap<String, Vec<i64>>) -> Result<Vec<i64>, char> {
    let lookup = |c: char| map.get(c.encode_utf8(&mut [0; 4]) as &str).ok_or(c);
    let pad = lookup(PAD)?;
    let mut ids = lookup(BOS)?.clone();
    for c in phonemes.chars() {
        ids.extend(lookup(c)?);
        ids.extend(pad);
    }
    ids.extend(lookup(EOS)?);
    Ok(ids)
}

/// Loads ONNX Runtime once per process; returns its version.
fn runtime() -> Result<&'static str, EngineError> {
    onnx_runtime("piper", voices::DEFAULT_VOICE)
}

/// Why ONNX Runtime could not be loaded.
enum RuntimeMissing {
    NotInstalled,
    NotFound(PathBuf),
    Unusable(PathBuf, String),
}

/// Loads ONNX Runtime once per process and returns its version; the error is `engine`'s and
/// tells the user to install `voice` (which installs the runtime with it).
pub(super) fn onnx_runtime(engine: &'static str, voice: &str) -> Result<&'static str, EngineError> {
    static RUNTIME: OnceLock<Result<String, RuntimeMissing>> = OnceLock::new();
    let loaded = RUNTIME.get_or_init(|| {
        let path = voices::runtime_library().ok_or(RuntimeMissing::NotInstalled)?;
        if !path.is_file() {
            return Err(RuntimeMissing::NotFound(path));
        }
        let builder = ort::init_from(&path)
            .map_err(|e| RuntimeMissing::Unusable(path.clone(), e.to_string()))?;
        // Telemetry off for the calls after the environment exists; the environment's own
        // start is kept quiet by [`keep_runtime_telemetry_off`].
        builder.with_name("aloud").with_telemetry(false).commit();
        Ok(runtime_version(&path).unwrap_or_else(|| "unknown".into()))
    });
    loaded.as_ref().map(String::as_str).map_err(|missing| {
        let reason = match missing {
            RuntimeMissing::NotInstalled => format!(
                "ONNX Runtime is not installed — run: aloud voices install {voice} (or set ALOUD_ORT_LIB)"
            ),
            RuntimeMissing::NotFound(path) => format!(
                "{}: not found — run: aloud voices install {voice} (or fix ALOUD_ORT_LIB)",
                path.display()
            ),
            RuntimeMissing::Unusable(path, e) => format!(
                "{}: not a usable ONNX Runtime library ({e}) — reinstall with: aloud voices install {voice}",
                path.display()
            ),
        };
        EngineError::Unavailable { engine, reason }
    })
}

/// Keeps ONNX Runtime's telemetry off. The runtime aloud installs (1.32, from the `onnxruntime`
/// wheel) starts Microsoft's 1DS telemetry on Linux when its environment is created: it
/// writes a device id and an event database under `$XDG_CACHE_HOME/Microsoft/DeveloperTools/
/// .onnxruntime/` (outside every folder aloud says it writes; found by a fresh tester) and
/// queues events for upload. `ORT_DISABLE_TELEMETRY=1`, read once when the environment is
/// created, turns all of it off (onnxruntime PR #27379); `DisableTelemetryEvents`, which `ort`
/// calls, comes too late for the device id. A value the user set is left as it is. Call it
/// first thing in `main`, while the process has a single thread.
pub fn keep_runtime_telemetry_off() {
    if std::env::var_os("ORT_DISABLE_TELEMETRY").is_none() {
        std::env::set_var("ORT_DISABLE_TELEMETRY", "1");
    }
}

/// Mirror of `OrtApiBase` from onnxruntime_c_api.h: the two entry points every version has.
#[repr(C)]
struct OrtApiBase {
    get_api: unsafe extern "C" fn(u32) -> *const std::ffi::c_void,
    get_version_string: unsafe extern "C" fn() -> *const std::ffi::c_char,
}

/// Asks the loaded library its version (`ort` does not expose it).
fn runtime_version(path: &Path) -> Option<String> {
    // SAFETY: `path` was just loaded successfully by `ort::init_from`, so opening it again
    // returns the same handle without re-running initialisers; `OrtGetApiBase` has this
    // signature in every ONNX Runtime release, and the version string is static.
    unsafe {
        let lib = libloading::Library::new(path).ok()?;
        let get_base: libloading::Symbol<unsafe extern "C" fn() -> *const OrtApiBase> =
            lib.get(b"OrtGetApiBase\0").ok()?;
        let base = get_base();
        if base.is_null() {
            return None;
        }
        let v = ((*base).get_version_string)();
        (!v.is_null()).then(|| std::ffi::CStr::from_ptr(v).to_string_lossy().into_owned())
    }
}

/// Noise values per phoneme id to generate for a chunk before any run has shown what the
/// model needs: above the prior's 192 channels × about 2.3 frames per id at the natural rate,
/// so the first chunk is rarely run twice (measured on en_US-joe-medium).
const FIRST_NOISE_PER_ID: f64 = 1024.0;

/// One of the model's noise inputs, and the most values per phoneme id it has needed so far.
#[derive(Debug)]
struct Noise {
    input: NoiseInput,
    most_per_id: Option<f64>,
}

impl Noise {
    /// Values to generate for a chunk of `ids` phoneme ids: a quarter more than the most seen
    /// per id, so a chunk is run a second time (with exactly what it needs) only when it needs
    /// much more than any before.
    fn guess(&self, ids: usize, length_scale: f32) -> usize {
        let per_id = self
            .most_per_id
            .map_or(FIRST_NOISE_PER_ID * f64::from(length_scale.max(1.0)), |m| {
                m * 1.25
            });
        (per_id * ids as f64).ceil() as usize + 64
    }
}

/// The ONNX Runtime session of a voice, created on the first chunk: an export whose chunks all
/// come from the chunk cache never pays for loading the model (about 0.4 s on 2 cores, and
/// its memory). Malformed model files are still refused when the voice is opened.
enum Session {
    /// The model bytes (rewritten for seeded noise) and the intra-op threads, not loaded yet.
    Pending {
        model: PathBuf,
        bytes: Vec<u8>,
        threads: usize,
    },
    /// Loaded.
    Ready(ort::session::Session),
}

impl Session {
    /// The loaded session, loading it the first time.
    fn ready(&mut self) -> Result<&mut ort::session::Session, EngineError> {
        if let Session::Pending {
            model,
            bytes,
            threads,
        } = self
        {
            let options =
                |e: &dyn std::fmt::Display| broken(format!("ONNX Runtime session options: {e}"));
            let session = ort::session::Session::builder()
                .map_err(|e| options(&e))?
                .with_intra_threads(*threads)
                .map_err(|e| options(&e))?
                // Basic graph optimizations load the model in 0.2 s instead of 0.6 s at about
                // the same speed; without the memory pattern, a session does not keep the
                // plan of its largest run (both measured in issue 12 on en_US-joe-medium).
                .with_optimization_level(ort::session::builder::GraphOptimizationLevel::Level1)
                .map_err(|e| options(&e))?
                .with_memory_pattern(false)
                .map_err(|e| options(&e))?
                .commit_from_memory(bytes)
                .map_err(|e| {
                    broken(format!(
                        "{}: not a loadable ONNX model ({e}); reinstall the voice",
                        model.display()
                    ))
                })?;
            *self = Session::Ready(session);
        }
        match self {
            Session::Ready(session) => Ok(session),
            Session::Pending { .. } => unreachable!("loaded above"),
        }
    }
}

/// The Piper engine: one voice, reused for every chunk.
pub struct Piper {
    session: Session,
    /// The model output that gives each phoneme id's frames ([`durations`]), when it has one.
    durations: Option<String>,
    /// The inputs that replaced the model's random nodes; empty when the model could not be
    /// rewritten (ONNX Runtime then draws the noise, unseeded).
    noise: Vec<Noise>,
    voice: PiperVoice,
    phonemizer: Espeak,
    length_scale: f32,
    gain: f32,
    rate: u32,
    runtime_version: String,
}

impl std::fmt::Debug for Piper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Piper")
            .field("voice", &self.voice.name)
            .finish()
    }
}

impl Piper {
    /// Opens the voice `settings.voice` names (installed name or `.onnx` path; default voice
    /// otherwise) with `threads` intra-op threads.
    ///
    /// Errors name the file at fault and what to do: missing runtime or voice is
    /// [`EngineError::Unavailable`]; a broken model, config or phoneme map is
    /// [`EngineError::Broken`]; a pitch request is [`EngineError::Unsupported`].
    pub fn open(settings: &VoiceSettings) -> Result<Self, EngineError> {
        if settings.pitch.is_some() {
            return Err(EngineError::Unsupported {
                engine: "piper",
                what: "--pitch (neural voices have a fixed pitch); drop --pitch or use --engine espeak".into(),
            });
        }
        let model = voices::find_model(settings.voice.as_deref()).ok_or_else(|| match settings
            .voice
            .as_deref()
        {
            Some(v) if v.ends_with(".onnx") || v.contains('/') => broken(format!(
                "{v}: voice model not found; pass the path of a Piper .onnx model"
            )),
            Some(v) if super::hibari::is_voice_name(v) => EngineError::Unsupported {
                engine: "piper",
                what: format!("the voice {v:?}; it is read by --engine hibari (or --engine auto)"),
            },
            Some(v) => EngineError::UnknownVoice {
                engine: "piper",
                voice: v.to_string(),
                close: super::close_voice_names("piper", v),
            },
            None => EngineError::Unavailable {
                engine: "piper",
                reason: format!(
                    "no voice installed in {} — run: aloud voices install en_US-joe-medium",
                    voices::voices_dir().display()
                ),
            },
        })?;
        let voice = PiperVoice::load(&model)?;
        let runtime_version = runtime()?.to_string();
        let phonemizer = Espeak::open(&VoiceSettings {
            voice: Some(voice.config.espeak.voice.clone()),
            ..VoiceSettings::default()
        })
        .map_err(|e| match e {
            EngineError::Unavailable { reason, .. } => EngineError::Unavailable {
                engine: "piper",
                reason: format!("needs libespeak-ng for phonemes: {reason}"),
            },
            other => other,
        })?;
        // A voice whose map lacks common phonemes would fail mid-article; find out now.
        let probe = phoneme_string(&phonemizer.clauses(PROBE_TEXT, true)?);
        if let Err(c) = phoneme_ids(&probe, &voice.config.phoneme_id_map) {
            return Err(unknown_phoneme(&voice, c));
        }
        let threads = settings.threads.unwrap_or_else(default_threads).max(1);
        let bytes = std::fs::read(&model).map_err(|e| {
            broken(format!(
                "{}: cannot read the voice model ({e}); reinstall the voice",
                model.display()
            ))
        })?;
        // A model whose randomness cannot be moved to inputs (none of Piper's own exports) is
        // loaded as it is: it speaks, only not reproducibly.
        let (bytes, noise) = match noise::seed_random_nodes(&bytes) {
            Ok(seeded) => (seeded.bytes, seeded.inputs),
            Err(noise::NoiseError::Unsupported(_)) => (bytes, Vec::new()),
            Err(e) => {
                return Err(broken(format!(
                    "{}: not a loadable ONNX model ({e}); reinstall the voice",
                    model.display()
                )))
            }
        };
        let timed = durations::expose_durations(bytes).map_err(|e| {
            broken(format!(
                "{}: not a loadable ONNX model ({e}); reinstall the voice",
                model.display()
            ))
        })?;
        let session = Session::Pending {
            model: model.clone(),
            bytes: timed.bytes,
            threads,
        };
        let rate = settings.rate;
        Ok(Piper {
            session,
            durations: timed.output,
            noise: noise
                .into_iter()
                .map(|input| Noise {
                    input,
                    most_per_id: None,
                })
                .collect(),
            length_scale: voice.config.inference.length_scale * NATURAL_WPM as f32 / rate as f32,
            gain: f32::from(settings.volume) / 100.0,
            rate,
            voice,
            phonemizer,
            runtime_version,
        })
    }

    /// The model output that gives each phoneme id's duration in frames, when the model has
    /// one ([`durations`]); without it words are timed by their phoneme counts.
    pub fn durations_output(&self) -> Option<&str> {
        self.durations.as_deref()
    }

    /// The loaded voice.
    pub fn voice(&self) -> &PiperVoice {
        &self.voice
    }

    /// Piper's phoneme string for `spoken` (before it is cut into [`runs`]).
    pub fn phonemes(&self, spoken: &str) -> Result<String, EngineError> {
        spoken_phonemes(&self.phonemizer, spoken)
    }

    /// Phoneme ids for `spoken` as one sequence (the model is given them in [`runs`] of at
    /// most [`MAX_IDS_PER_RUN`]).
    pub fn ids(&self, spoken: &str) -> Result<Vec<i64>, EngineError> {
        let phonemes = self.phonemes(spoken)?;
        phoneme_ids(&phonemes, &self.voice.config.phoneme_id_map)
            .map_err(|c| unknown_phoneme(&self.voice, c))
    }
}

/// Cores available to this process: the default for intra-op threads.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn unknown_phoneme(voice: &PiperVoice, c: char) -> EngineError {
    broken(format!(
        "{}: the voice has no id for phoneme {c:?} (U+{:04X}) that espeak-ng voice {} produces; use a voice made for {}",
        voices::config_path(&voice.model).display(),
        c as u32,
        voice.config.espeak.voice,
        voice.config.espeak.voice
    ))
}

/// Scales float samples to a steady loudness (RMS target, peak-limited) and converts them to
/// 16-bit integers.
pub fn level(samples: &[f32], gain: f32) -> Vec<i16> {
    let n = samples.len().max(1) as f32;
    let rms = (samples.iter().map(|x| x * x).sum::<f32>() / n).sqrt();
    let peak = samples.iter().fold(0f32, |m, x| m.max(x.abs()));
    if rms <= f32::EPSILON || peak <= f32::EPSILON {
        return vec![0; samples.len()];
    }
    let scale = (TARGET_RMS / rms).min(PEAK_LIMIT / peak) * gain;
    samples
        .iter()
        .map(|x| (x * scale * 32767.0).clamp(-32767.0, 32767.0) as i16)
        .collect()
}

impl Engine for Piper {
    fn info(&self) -> EngineInfo {
        EngineInfo {
            name: "piper".into(),
            version: self
                .voice
                .config
                .piper_version
                .clone()
                .unwrap_or_else(|| "unknown".into()),
            voice: self.voice.name.clone(),
            rate: self.rate,
            credit: Some(self.voice.credit.clone()),
            runtime: Some(format!("onnxruntime {}", self.runtime_version)),
        }
    }

    fn sample_rate(&self) -> u32 {
        self.voice.config.audio.sample_rate
    }

    fn synthesize(&mut self, spoken: &str) -> Result<Synthesis, EngineError> {
        let phonemes = spoken_phonemes(&self.phonemizer, spoken)?;
        let map = &self.voice.config.phoneme_id_map;
        let ids_of = |c: char| {
            map.get(c.encode_utf8(&mut [0; 4]) as &str)
                .map_or(0, Vec::len)
        };
        let pad = ids_of(PAD);
        let bos = ids_of(BOS);
        // Per run: its ids, where it starts in `phonemes` (in characters; runs are slices of
        // it) and the ids of each of its characters with their pad.
        let mut model_runs = Vec::new();
        for run in runs(&phonemes, MAX_IDS_PER_RUN) {
            let ids = phoneme_ids(run, map).map_err(|c| unknown_phoneme(&self.voice, c))?;
            if ids.len() > 3 {
                let first = phonemes[..run.as_ptr() as usize - phonemes.as_ptr() as usize]
                    .chars()
                    .count();
                let per_char: Vec<usize> = run.chars().map(|c| ids_of(c) + pad).collect();
                model_runs.push((ids, first, per_char));
            }
        }
        let mut audio = Vec::new();
        // Each character's (start, end) in `audio`, while the model reports its durations.
        let mut char_times = self
            .durations
            .is_some()
            .then(|| vec![(0usize, 0usize); phonemes.chars().count()]);
        for (ids, first, per_char) in model_runs {
            let (samples, frames) = self.infer(&ids)?;
            if let Some(times) = char_times.as_mut() {
                let placed = frames.as_deref().and_then(|f| {
                    durations::char_times(&per_char, bos, f, samples.len(), audio.len())
                });
                match placed {
                    Some(placed) => times[first..first + placed.len()].copy_from_slice(&placed),
                    None => char_times = None,
                }
            }
            audio.extend(samples);
        }
        let samples = level(&audio, self.gain);
        let words = self.word_spans(spoken, &phonemes, char_times.as_deref(), &samples)?;
        Ok(Synthesis {
            pcm: Pcm {
                sample_rate: self.sample_rate(),
                samples,
            },
            words,
        })
    }
}

impl Piper {
    /// Where each spoken word of `spoken` lies in `samples`: from the phonemes' times when the
    /// model gave its durations ([`timing::from_phonemes`]), else the speech split in
    /// proportion to each word's phoneme count ([`timing::by_weights`]). Each word's count
    /// comes from phonemizing it alone.
    fn word_spans(
        &self,
        spoken: &str,
        phonemes: &str,
        char_times: Option<&[(usize, usize)]>,
        samples: &[i16],
    ) -> Result<Vec<timing::WordSpan>, EngineError> {
        let counts = crate::text::words::spoken_words(spoken)
            .into_iter()
            .map(|w| {
                spoken_phonemes(&self.phonemizer, &spoken[w]).map(|p| timing::phoneme_count(&p))
            })
            .collect::<Result<Vec<usize>, _>>()?;
        Ok(match char_times {
            Some(times) => timing::from_phonemes(phonemes, times, &counts),
            None => {
                let speech = timing::sound_bounds(samples).unwrap_or(0..samples.len());
                let weights: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
                timing::by_weights(speech, &weights)
            }
        })
    }
}

impl Piper {
    /// One run of the model over `ids`: the raw float audio, and the frames of each id when
    /// the model gives them ([`durations`]).
    fn infer(&mut self, ids: &[i64]) -> Result<(Vec<f32>, Option<Vec<f32>>), EngineError> {
        let fail = |e: ort::Error| EngineError::Synthesis {
            engine: "piper",
            reason: e.to_string(),
        };
        let n = ids.len();
        let mut lengths: Vec<usize> = self
            .noise
            .iter()
            .map(|x| x.guess(n, self.length_scale))
            .collect();
        // A run reports what each noise input needed; one that got too little is run again
        // with that much. What the prior needs depends on the durations, which depend on the
        // duration noise, so each input may take one more run: at most one run per input.
        for _ in 0..=self.noise.len() {
            let inference = &self.voice.config.inference;
            let input =
                ort::value::Tensor::from_array(([1usize, n], ids.to_vec())).map_err(fail)?;
            let input_lengths =
                ort::value::Tensor::from_array(([1usize], vec![n as i64])).map_err(fail)?;
            let scales = ort::value::Tensor::from_array((
                [3usize],
                vec![inference.noise_scale, self.length_scale, inference.noise_w],
            ))
            .map_err(fail)?;
            let mut feed: Vec<(String, ort::session::SessionInputValue)> = vec![
                ("input".into(), input.into()),
                ("input_lengths".into(), input_lengths.into()),
                ("scales".into(), scales.into()),
            ];
            for (k, (x, &len)) in self.noise.iter().zip(&lengths).enumerate() {
                let mut values = vec![0f32; len];
                noise::standard_normal(
                    noise::chunk_seed(ids, k),
                    x.input.mean,
                    x.input.scale,
                    &mut values,
                );
                let tensor = ort::value::Tensor::from_array(([len], values)).map_err(fail)?;
                feed.push((x.input.input.clone(), tensor.into()));
            }
            let outputs = self.session.ready()?.run(feed).map_err(fail)?;
            let mut enough = true;
            for (x, len) in self.noise.iter_mut().zip(lengths.iter_mut()) {
                let (_, needed) = outputs[x.input.needed.as_str()]
                    .try_extract_tensor::<i64>()
                    .map_err(fail)?;
                let needed = needed.first().copied().unwrap_or(0).max(0) as usize;
                let per_id = needed as f64 / n as f64;
                x.most_per_id = Some(x.most_per_id.map_or(per_id, |m| m.max(per_id)));
                if needed > *len {
                    enough = false;
                    *len = needed;
                }
            }
            if enough {
                let (_, audio) = outputs["output"]
                    .try_extract_tensor::<f32>()
                    .map_err(fail)?;
                let frames = match &self.durations {
                    Some(name) => Some(
                        outputs[name.as_str()]
                            .try_extract_tensor::<f32>()
                            .map_err(fail)?
                            .1
                            .to_vec(),
                    ),
                    None => None,
                };
                return Ok((audio.to_vec(), frames));
            }
        }
        Err(EngineError::Synthesis {
            engine: "piper",
            reason: "the model still asked for more noise after a run per noise input".into(),
        })
    }
}

/// The most phoneme ids one model run is given. ONNX Runtime keeps the largest buffers a run
/// has needed, and a session needs about 110 MiB plus about 21 MiB per second of audio of its
/// longest run (measured on en_US-joe-medium, issue 12), so this bounds a session near 300 MiB
/// whatever the chunk length. 300 ids are about 150 phonemes, eight to ten seconds of speech.
pub const MAX_IDS_PER_RUN: usize = 300;

/// Splits a phoneme string into runs of at most `max_ids` model ids each (a phoneme and its
/// pad are two ids; `^` and `$` two more), cut where the voice pauses anyway: after clause
/// punctuation (`, ; : . ! ?`) first, else between words, else anywhere. Runs are balanced
/// (a string needing k runs is cut near each k-th of its length) and trimmed of spaces.
pub fn runs(phonemes: &str, max_ids: usize) -> Vec<&str> {
    let max_chars = (max_ids.saturating_sub(2) / 2).max(8);
    let bounds: Vec<usize> = phonemes
        .char_indices()
        .map(|(i, _)| i)
        .chain([phonemes.len()])
        .collect();
    let chars: Vec<char> = phonemes.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while chars.len() - start > max_chars {
        let rest = chars.len() - start;
        let pieces = rest.div_ceil(max_chars);
        let target = start + rest / pieces;
        let lowest = start + max_chars / 4;
        // Cut before index `end` (the run is chars[start..end]); cost: the kind of boundary,
        // then the distance from the balanced target.
        let cost = |end: usize| -> usize {
            let before = chars[end - 1];
            let kind = if before == ' ' && end >= 2 && ",;:.!?".contains(chars[end - 2])
                || ".!?".contains(before)
            {
                0
            } else if before == ' ' || chars[end] == ' ' {
                max_chars / 2
            } else {
                4 * max_chars
            };
            kind + end.abs_diff(target)
        };
        let end = (lowest.max(start + 1)..=start + max_chars)
            .min_by_key(|&e| cost(e))
            .expect("a non-empty range");
        out.push(&phonemes[bounds[start]..bounds[end]]);
        start = end;
    }
    out.push(&phonemes[bounds[start]..]);
    out.into_iter()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> HashMap<String, Vec<i64>> {
        [
            ("_", 0),
            ("^", 1),
            ("$", 2),
            (" ", 3),
            (",", 8),
            (".", 10),
            ("?", 13),
            ("a", 14),
            ("b", 15),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v]))
        .collect()
    }

    #[test]
    fn ids_wrap_phonemes_with_bos_pad_and_eos() {
        assert_eq!(
            phoneme_ids("ab.", &map()),
            Ok(vec![1, 14, 0, 15, 0, 10, 0, 2])
        );
        assert_eq!(phoneme_ids("ax", &map()), Err('x'));
    }

    #[test]
    fn punctuation_is_kept_as_phonemes() {
        let clause = |p: &str, t| Clause {
            phonemes: p.into(),
            terminator: t,
        };
        let s = phoneme_string(&[clause("həlˈoʊ", Some(',')), clause("wˈɜːld", Some('?'))]);
        assert_eq!(s, "həlˈoʊ, wˈɜːld?".nfd().collect::<String>());
        let s = phoneme_string(&[clause("a", Some('.')), clause("b", None)]);
        assert_eq!(s, "a. b");
    }

    #[test]
    fn runs_stay_under_the_cap_and_cut_after_punctuation_first() {
        let short = "hɛloʊ wɜːld.";
        assert_eq!(runs(short, 300), vec![short]);
        let clause = "ðə kwɪk bɹaʊn fɒks dʒʌmps";
        let long = format!("{clause}, {clause} {clause} {clause}, {clause}.");
        let got = runs(&long, 80);
        assert!(got.len() >= 3, "{got:?}");
        for r in &got {
            assert!(2 * r.chars().count() + 2 <= 80, "{r:?} is over the cap");
            assert_eq!(r.trim(), *r);
        }
        assert!(
            got[0].ends_with(','),
            "first run ends at the comma: {got:?}"
        );
        // Nothing is lost or reordered: the runs are the string minus the spaces at cuts.
        let joined: String = got.concat();
        let squeezed: String = long.chars().filter(|c| *c != ' ').collect();
        assert_eq!(joined.replace(' ', ""), squeezed);
        // No spaces at all: cut anywhere, still under the cap.
        let solid = "a".repeat(1000);
        let got = runs(&solid, 100);
        assert!(got.iter().all(|r| 2 * r.len() + 2 <= 100));
        assert_eq!(got.concat(), solid);
    }

    #[test]
    fn level_hits_target_without_clipping() {
        let quiet: Vec<f32> = (0..1000).map(|i| ((i as f32) * 0.1).sin() * 0.01).collect();
        let out = level(&quiet, 1.0);
        let rms = (out.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() / 1000.0).sqrt();
        assert!(
            (rms / 32767.0 - f64::from(TARGET_RMS)).abs() < 0.01,
            "rms {rms}"
        );
        let spiky = [0.0, 0.9, -0.9, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let out = level(&spiky, 2.0);
        assert!(out.iter().all(|&s| s.unsigned_abs() <= 32767));
        assert_eq!(level(&[0.0; 10], 1.0), vec![0; 10]);
    }

    #[test]
    fn noise_guess_starts_generous_then_follows_what_chunks_needed() {
        let mut noise = Noise {
            input: NoiseInput {
                input: "n".into(),
                needed: "n_needed".into(),
                mean: 0.0,
                scale: 1.0,
            },
            most_per_id: None,
        };
        // (ids, length scale, most per id seen, values generated)
        let cases = [
            (100, 1.0, None, 102_464),
            (100, 2.0, None, 204_864),
            (100, 0.5, None, 102_464),
            (100, 1.0, Some(2.0), 314),
            (10, 2.0, Some(432.0), 5_464),
        ];
        for (ids, scale, most, expected) in cases {
            noise.most_per_id = most;
            assert_eq!(noise.guess(ids, scale), expected, "{ids} ids, {most:?}");
        }
    }

    #[test]
    fn credit_line_from_model_card() {
        let card = "# Model card for joe (medium)\n\n* Language: en_US\n\n## Dataset\n\n* License: CC0\n\n## Training\n\nFinetuned from U.S. English lessac voice (medium quality).\n";
        assert_eq!(
            credit_line(card),
            "Piper voice joe (medium); dataset licence CC0; Finetuned from U.S. English lessac voice (medium quality)"
        );
    }
}
