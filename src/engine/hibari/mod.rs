//! The hibari voice ("heart", US English, female): a small Kokoro-derived model run
//! in-process by ONNX Runtime, with its vocoder ported to Rust.
//!
//! Text → espeak-ng IPA (the libespeak-ng the Piper engine loads, tied phonemes) → the
//! model's phoneme alphabet ([`phonemes`]) → ids from the voice's `vocab.json` → the ONNX
//! graph (inputs `ids` `[1, L]` int64 and `speed` `[1]` f32; outputs five spectral parts
//! `[1, 601, F]` and `f0` `[1, F]`, one frame per 12.5 ms) → [`dsp`] → 24 kHz samples, levelled
//! like the Piper voice's.
//!
//! The model, its vocabulary and licence come from the PyPI wheel `hibari-tts==0.2.1`
//! (Apache-2.0), installed by `aloud voices install hibari` (sha256-pinned, see
//! `voices::CATALOGUE`); the model file is checked against its own pin ([`MODEL_SHA256`]) when
//! the voice is opened. No Python code from the wheel is run. Its other voices are downloaded
//! by the package from a model hub at run time, so only "heart" is offered.
//!
//! Output is deterministic: the model has no random nodes, and the vocoder's noise is drawn
//! from aloud's generator seeded by the chunk's phoneme ids (`engine::noise`), so a chunk
//! sounds the same whichever worker speaks it (`--jobs 1` and `--jobs 2` write the same WAV).

pub mod dsp;
pub mod phonemes;

use std::collections::HashMap;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::espeak::{Clause, Espeak};
use super::{noise, piper, voices, Engine, EngineError, EngineInfo, Synthesis, VoiceSettings};
use crate::audio::Pcm;
use crate::text::lexicon::{self, Piece};

/// The voice's name (`--voice`, `aloud voices install`), in the `language-name` form the
/// Piper voices use, so the language is read from it.
pub const VOICE_NAME: &str = "en_US-hibari-heart";
/// Other names `--voice` and `aloud voices install` accept.
pub const ALIASES: &[&str] = &["hibari", "heart", "hibari-heart"];
/// The model file inside the voice folder.
pub const MODEL_FILE: &str = "hibari.onnx";
/// The phoneme → id table inside the voice folder.
pub const VOCAB_FILE: &str = "vocab.json";
/// sha256 of `hibari/assets/hibari.onnx` in hibari-tts 0.2.1 (7,936,868 bytes).
pub const MODEL_SHA256: &str = "5f70741d4e900f4e85d0037498736cc1b3e1b9a63a13546a5da1e63abf4fccd8";
/// The package the model comes from.
pub const PACKAGE_VERSION: &str = "hibari-tts 0.2.1";
/// The version recorded in the manifest: the package's.
pub const VERSION: &str = "0.2.1";
/// The rate (words per minute) at which the model's own pace (`speed` 1.0) is used; other
/// rates scale `speed`, as `--rate` scales the Piper voice's length.
pub const NATURAL_WPM: u32 = 175;
/// The model's pace range: `speed` is clamped to what the package documents (0.5–2.0).
const SPEED_RANGE: (f32, f32) = (0.5, 2.0);
/// The espeak-ng voice that phonemizes for the model (American English).
const ESPEAK_VOICE: &str = "en-us";
const CREDIT: &str = "hibari voice heart (hibari-tts 0.2.1, Apache-2.0; distilled from \
    Kokoro-82M's af_heart)";

/// The wheel `aloud voices install hibari` fetches (sha256-pinned) and the files it takes.
pub const PACKAGE: voices::Package = voices::Package {
    name: VOICE_NAME,
    aliases: ALIASES,
    project: "hibari-tts",
    version: "0.2.1",
    sha256: "49f2abbbe451c988e7448b5afa08c8a56410535ebb855c0e7d174275df5ca1f3",
    binary: false,
    files: &[
        (
            "hibari/assets/hibari.onnx",
            "en_US-hibari-heart/hibari.onnx",
        ),
        ("hibari/assets/vocab.json", "en_US-hibari-heart/vocab.json"),
        (
            "hibari_tts-0.2.1.dist-info/licenses/LICENSE",
            "en_US-hibari-heart/LICENSE",
        ),
        (
            "hibari_tts-0.2.1.dist-info/licenses/NOTICE",
            "en_US-hibari-heart/NOTICE",
        ),
    ],
};

fn broken(reason: String) -> EngineError {
    EngineError::Broken {
        engine: "hibari",
        reason,
    }
}

/// Whether `name` names the hibari voice (its name or an alias).
pub fn is_voice_name(name: &str) -> bool {
    name == VOICE_NAME || ALIASES.contains(&name)
}

/// The voice's folder: `<voices>/en_US-hibari-heart`.
pub fn voice_dir() -> PathBuf {
    voices::voices_dir().join(VOICE_NAME)
}

/// Whether the voice's model and vocabulary are installed.
pub fn installed() -> bool {
    let dir = voice_dir();
    dir.join(MODEL_FILE).is_file() && dir.join(VOCAB_FILE).is_file()
}

/// Reads the voice's `vocab.json` (`{"phoneme": id}`, one character per phoneme).
pub fn read_vocab(path: &std::path::Path) -> Result<HashMap<char, i64>, EngineError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        broken(format!(
            "{}: cannot read the voice's vocabulary ({e}); reinstall with: aloud voices install hibari",
            path.display()
        ))
    })?;
    let map: HashMap<String, i64> = serde_json::from_str(&text).map_err(|e| {
        broken(format!(
            "{}: not a hibari vocabulary ({e}); reinstall with: aloud voices install hibari",
            path.display()
        ))
    })?;
    let mut vocab = HashMap::with_capacity(map.len());
    for (k, v) in map {
        let mut chars = k.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => {
                vocab.insert(c, v);
            }
            _ => {
                return Err(broken(format!(
                    "{}: phoneme {k:?} is not one character; reinstall with: aloud voices install hibari",
                    path.display()
                )))
            }
        }
    }
    Ok(vocab)
}

/// The model's phoneme string for spoken text: its words phonemized by espeak-ng (tied IPA)
/// and the lexicon's `[[IPA]]` put in, all rewritten into the model's alphabet.
pub fn spoken_phonemes(phonemizer: &Espeak, spoken: &str) -> Result<String, EngineError> {
    let mut clauses = Vec::new();
    for piece in lexicon::pieces(spoken) {
        match piece {
            Piece::Words(words) => clauses.extend(phonemizer.clauses_tied(words, phonemes::TIE)?),
            Piece::Phonemes(ipa) => clauses.push(Clause {
                phonemes: ipa.to_string(),
                terminator: None,
            }),
        }
    }
    for c in &mut clauses {
        c.phonemes = phonemes::from_espeak(&c.phonemes);
    }
    Ok(phonemes::phoneme_string(&clauses))
}

/// The ONNX Runtime session, created on the first chunk: an export whose chunks all come from
/// the chunk cache never loads the model.
enum Session {
    Pending(Vec<u8>),
    Ready(ort::session::Session),
}

/// The hibari engine: one model session, reused for every chunk.
pub struct Hibari {
    session: Session,
    threads: usize,
    model: PathBuf,
    vocab: HashMap<char, i64>,
    phonemizer: Espeak,
    speed: f32,
    gain: f32,
    rate: u32,
    runtime_version: String,
}

impl std::fmt::Debug for Hibari {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hibari")
            .field("model", &self.model)
            .finish()
    }
}

impl Hibari {
    /// Opens the voice. `settings.voice` must be `None` or one of its names.
    ///
    /// Errors: not installed (model, vocabulary or ONNX Runtime) is
    /// [`EngineError::Unavailable`] saying what to run; a model that is not the pinned one or
    /// an unreadable vocabulary is [`EngineError::Broken`] naming the file; another voice
    /// name is [`EngineError::UnknownVoice`]; `--pitch` is [`EngineError::Unsupported`].
    pub fn open(settings: &VoiceSettings) -> Result<Self, EngineError> {
        if settings.pitch.is_some() {
            return Err(EngineError::Unsupported {
                engine: "hibari",
                what: "--pitch (neural voices have a fixed pitch); drop --pitch or use --engine espeak".into(),
            });
        }
        if let Some(v) = settings.voice.as_deref().filter(|v| !is_voice_name(v)) {
            return Err(EngineError::UnknownVoice {
                engine: "hibari",
                voice: v.to_string(),
                close: vec![VOICE_NAME.to_string()],
            });
        }
        let dir = voice_dir();
        let model = dir.join(MODEL_FILE);
        if !installed() {
            return Err(EngineError::Unavailable {
                engine: "hibari",
                reason: format!(
                    "voice {VOICE_NAME} is not installed in {} — run: aloud voices install hibari",
                    dir.display()
                ),
            });
        }
        let vocab = read_vocab(&dir.join(VOCAB_FILE))?;
        let bytes = std::fs::read(&model).map_err(|e| {
            broken(format!(
                "{}: cannot read the voice model ({e}); reinstall with: aloud voices install hibari",
                model.display()
            ))
        })?;
        let actual = format!("{:x}", Sha256::digest(&bytes));
        if actual != MODEL_SHA256 {
            return Err(broken(format!(
                "{}: sha256 {actual} is not the pinned {MODEL_SHA256} of {PACKAGE_VERSION}; \
                 remove the folder and run: aloud voices install hibari",
                model.display()
            )));
        }
        let runtime_version = piper::onnx_runtime("hibari", "hibari")?.to_string();
        let phonemizer = Espeak::open(&VoiceSettings {
            voice: Some(ESPEAK_VOICE.into()),
            ..VoiceSettings::default()
        })
        .map_err(|e| match e {
            EngineError::Unavailable { reason, .. } => EngineError::Unavailable {
                engine: "hibari",
                reason: format!("needs libespeak-ng for phonemes: {reason}"),
            },
            other => other,
        })?;
        let rate = settings.rate;
        Ok(Hibari {
            session: Session::Pending(bytes),
            threads: settings
                .threads
                .unwrap_or_else(piper::default_threads)
                .max(1),
            model,
            vocab,
            phonemizer,
            speed: (rate as f32 / NATURAL_WPM as f32).clamp(SPEED_RANGE.0, SPEED_RANGE.1),
            gain: f32::from(settings.volume) / 100.0,
            rate,
            runtime_version,
        })
    }

    /// The licence and credit line of the voice.
    pub fn credit() -> &'static str {
        CREDIT
    }

    /// The model's phoneme string for `spoken`.
    pub fn phonemes(&self, spoken: &str) -> Result<String, EngineError> {
        spoken_phonemes(&self.phonemizer, spoken)
    }

    /// The model inputs for `spoken`: one id sequence per run (pads included), the phoneme
    /// string cut at [`phonemes::MAX_PHONEMES`]. Phonemes without an id are left out.
    pub fn ids(&self, spoken: &str) -> Result<Vec<Vec<i64>>, EngineError> {
        let phonemes = self.phonemes(spoken)?;
        Ok(phonemes::split(&phonemes, phonemes::MAX_PHONEMES)
            .iter()
            .map(|p| phonemes::ids(p, &self.vocab).0)
            .filter(|ids| ids.len() > 2)
            .collect())
    }

    fn session(&mut self) -> Result<&mut ort::session::Session, EngineError> {
        if let Session::Pending(bytes) = &self.session {
            let options =
                |e: &dyn std::fmt::Display| broken(format!("ONNX Runtime session options: {e}"));
            let session = ort::session::Session::builder()
                .map_err(|e| options(&e))?
                .with_intra_threads(self.threads)
                .map_err(|e| options(&e))?
                .commit_from_memory(bytes)
                .map_err(|e| {
                    broken(format!(
                        "{}: not a loadable ONNX model ({e}); reinstall with: aloud voices install hibari",
                        self.model.display()
                    ))
                })?;
            self.session = Session::Ready(session);
        }
        match &mut self.session {
            Session::Ready(session) => Ok(session),
            Session::Pending(_) => unreachable!("loaded above"),
        }
    }

    /// Runs the model on one id sequence and the vocoder on its outputs: float samples.
    ///
    /// The vocoder's noise is standard normal (ziggurat, `rand_distr`) from a xoshiro256++
    /// generator seeded by a hash of the ids ([`noise::chunk_seed`]): the same ids always get
    /// the same noise. (Box–Muller, as the Piper voice uses, took a sixth of the time here.)
    pub fn render_ids(&mut self, ids: &[i64]) -> Result<Vec<f32>, EngineError> {
        use rand_distr::Distribution;
        use rand_xoshiro::rand_core::SeedableRng;
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(noise::chunk_seed(ids, 0));
        self.render_ids_with(ids, |noise| {
            for x in noise.iter_mut() {
                *x = rand_distr::StandardNormal.sample(&mut rng);
            }
        })
    }

    /// [`Hibari::render_ids`] with the vocoder's noise filled by `fill` (its layout is
    /// [`dsp::synthesize`]'s): for comparing with the package on noise both can make.
    pub fn render_ids_with(
        &mut self,
        ids: &[i64],
        fill: impl FnOnce(&mut [f32]),
    ) -> Result<Vec<f32>, EngineError> {
        let fail = |e: &dyn std::fmt::Display| EngineError::Synthesis {
            engine: "hibari",
            reason: e.to_string(),
        };
        let speed = self.speed;
        let input = ort::value::Tensor::from_array(([1usize, ids.len()], ids.to_vec()))
            .map_err(|e| fail(&e))?;
        let speed =
            ort::value::Tensor::from_array(([1usize], vec![speed])).map_err(|e| fail(&e))?;
        let feed: Vec<(String, ort::session::SessionInputValue)> =
            vec![("ids".into(), input.into()), ("speed".into(), speed.into())];
        let outputs = self.session()?.run(feed).map_err(|e| fail(&e))?;
        let part = |name: &str| -> Result<(usize, &[f32]), EngineError> {
            let (shape, data) = outputs[name]
                .try_extract_tensor::<f32>()
                .map_err(|e| fail(&e))?;
            Ok((shape.last().copied().unwrap_or(0).max(0) as usize, data))
        };
        let (frames, lh) = part("lh")?;
        let parts = dsp::Parts {
            frames,
            lh,
            theta: part("theta")?.1,
            ln: part("ln")?.1,
            lr: part("lr")?.1,
            phi: part("phi")?.1,
            f0: part("f0")?.1,
        };
        let mut z = vec![0f32; 2 * dsp::BINS * frames];
        fill(&mut z);
        dsp::synthesize(&parts, &z).map_err(|e| fail(&e))
    }
}

impl Engine for Hibari {
    fn info(&self) -> EngineInfo {
        EngineInfo {
            name: "hibari".into(),
            version: VERSION.into(),
            voice: VOICE_NAME.into(),
            rate: self.rate,
            credit: Some(Hibari::credit().into()),
            runtime: Some(format!("onnxruntime {}", self.runtime_version)),
        }
    }

    fn sample_rate(&self) -> u32 {
        dsp::SAMPLE_RATE
    }

    /// The chunk's audio; no word spans (the model's durations are not exposed yet), so the
    /// render stage spreads the words over the speech by their length.
    fn synthesize(&mut self, spoken: &str) -> Result<Synthesis, EngineError> {
        let mut samples = Vec::new();
        for ids in self.ids(spoken)? {
            samples.extend(self.render_ids(&ids)?);
        }
        Ok(Synthesis {
            pcm: Pcm {
                sample_rate: dsp::SAMPLE_RATE,
                samples: piper::level(&samples, self.gain),
            },
            words: Vec::new(),
        })
    }
}
