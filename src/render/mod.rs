//! Chunks → speech, at speed: the chunk cache in front of the engine, and the hand-off of
//! each chunk's trimmed speech to the article writer in chunk order.
//!
//! [`Synthesizer`] is what speaks a batch of chunk texts and hands the results back in input
//! order; one engine instance speaking one chunk after another is the simplest, and the
//! worker pool (`workers.rs`) speaks several at once. [`render`] asks the [`cache`] first and
//! sends only the chunks it lacks to the synthesizer, storing each new chunk as it arrives,
//! so an interrupted export resumes from what was already spoken.

pub mod cache;
pub mod workers;

use crate::audio;
use crate::engine::{timing, Engine, EngineError, EngineInfo, Synthesis, WordSpan};
use cache::{ChunkCache, ChunkKey};

/// Speaks chunk texts and returns their samples in input order.
pub trait Synthesizer {
    /// Name, version, voice and rate, for the manifest and the cache key.
    fn info(&self) -> EngineInfo;
    /// Sample rate of every synthesis it returns.
    fn sample_rate(&self) -> u32;
    /// Speaks every text of `texts` and calls `each(i, synthesis)` for i = 0, 1, … in order.
    /// Stops at the first failure: an engine error names the index of the text that failed.
    fn synthesize_in_order(
        &mut self,
        texts: &[&str],
        each: &mut dyn FnMut(usize, Synthesis) -> Result<(), crate::Error>,
    ) -> Result<(), Failure>;
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum Failure {
    /// The engine failed on the text at `index`.
    Engine {
        /// Index into the texts given.
        index: usize,
        /// What the engine said.
        error: EngineError,
    },
    /// Handing the speech on failed (a write error).
    Sink(crate::Error),
}

/// One engine instance, one chunk after another.
impl Synthesizer for Box<dyn Engine> {
    fn info(&self) -> EngineInfo {
        self.as_ref().info()
    }

    fn sample_rate(&self) -> u32 {
        self.as_ref().sample_rate()
    }

    fn synthesize_in_order(
        &mut self,
        texts: &[&str],
        each: &mut dyn FnMut(usize, Synthesis) -> Result<(), crate::Error>,
    ) -> Result<(), Failure> {
        for (index, text) in texts.iter().enumerate() {
            let synthesis = self
                .synthesize(text)
                .map_err(|error| Failure::Engine { index, error })?;
            each(index, synthesis).map_err(Failure::Sink)?;
        }
        Ok(())
    }
}

/// One chunk's speech as it goes into the article: the engine's samples trimmed and faded
/// ([`audio::chunk_speech`]), and where each spoken word of the chunk lies in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkSpeech {
    /// The trimmed samples.
    pub samples: Vec<i16>,
    /// One span per spoken word ([`crate::text::words::spoken_words`]), in `samples`.
    pub words: Vec<WordSpan>,
}

/// How many chunks came from the cache and how many were synthesized.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Chunks read from the cache.
    pub cached: usize,
    /// Chunks the engine spoke.
    pub synthesized: usize,
}

/// Renders `texts` (the spoken text of each chunk, in order): each chunk's [`ChunkSpeech`]
/// is handed to `each(i, speech)` in order, one chunk in memory at a time. Chunks in `cache`
/// are read from it; the others are synthesized and stored as they arrive. `settings` names
/// what the engine's info does not (pitch, volume) for the cache key. A cache that cannot be
/// written is passed over: it only ever saves time.
///
/// The chunks found in the cache are pinned for the export, so storing the new ones never
/// evicts them before they are read (an article larger than the cache's cap). A cached chunk
/// that cannot be read when its turn comes (a damaged file, or `aloud cache clear` in another
/// process) is synthesized: the synthesizer is stopped and started again from that chunk,
/// each chunk at most once counted as cached, so this ends.
pub fn render(
    synth: &mut dyn Synthesizer,
    texts: &[&str],
    settings: &str,
    mut cache: Option<&mut ChunkCache>,
    each: &mut dyn FnMut(usize, ChunkSpeech) -> Result<(), crate::Error>,
) -> Result<RenderStats, Failure> {
    let info = synth.info();
    let sample_rate = synth.sample_rate();
    let keys: Vec<ChunkKey> = texts
        .iter()
        .map(|t| ChunkKey::new(&info, sample_rate, settings, t))
        .collect();
    let mut hits: Vec<bool> = match cache.as_deref_mut() {
        Some(c) => keys.iter().map(|k| c.contains(k)).collect(),
        None => vec![false; texts.len()],
    };
    if let Some(c) = cache.as_deref_mut() {
        c.pin(keys.iter().zip(&hits).filter(|(_, &h)| h).map(|(k, _)| k));
    }
    // Chunks whose cached entry could not be read: synthesized from then on.
    let mut unreadable = vec![false; texts.len()];
    let mut stats = RenderStats::default();
    let mut next = 0; // the next chunk to hand on

    // Hands on the cached chunks before `upto`. Memory holds one chunk at a time. Stops at a
    // cached chunk that cannot be read, returning its index.
    let flush_cached = |upto: usize,
                        next: &mut usize,
                        cache: &mut Option<&mut ChunkCache>,
                        stats: &mut RenderStats,
                        each: &mut dyn FnMut(usize, ChunkSpeech) -> Result<(), crate::Error>|
     -> Result<Option<usize>, Failure> {
        while *next < upto {
            let i = *next;
            let Some(speech) = cache.as_deref_mut().and_then(|c| c.get(&keys[i])) else {
                return Ok(Some(i));
            };
            stats.cached += 1;
            each(i, speech).map_err(Failure::Sink)?;
            *next += 1;
        }
        Ok(None)
    };

    loop {
        let misses: Vec<usize> = (next..texts.len()).filter(|&i| !hits[i]).collect();
        let miss_texts: Vec<&str> = misses.iter().map(|&i| texts[i]).collect();
        // Why the synthesizer was stopped from inside: a failure of ours, or a cached chunk
        // to synthesize after all.
        let mut stopped: Option<Result<usize, Failure>> = None;
        let result = synth.synthesize_in_order(&miss_texts, &mut |m, synthesis| {
            let i = misses[m];
            let speech =
                speech_of(synthesis, sample_rate, texts[i]).map_err(crate::Error::Engine)?;
            stats.synthesized += 1;
            if let Some(c) = cache.as_deref_mut() {
                c.put(&keys[i], &speech, sample_rate);
            }
            match flush_cached(i, &mut next, &mut cache, &mut stats, each) {
                Ok(None) => {}
                Ok(Some(bad)) => {
                    stopped = Some(Ok(bad));
                    // Spoken and stored: read from the cache on the next round (and counted
                    // there).
                    hits[i] = !unreadable[i];
                    stats.synthesized -= usize::from(hits[i]);
                    return Err(crate::Error::Engine(EngineError::Synthesis {
                        engine: "cache",
                        reason: "stopped to synthesize a chunk the cache could not read".into(),
                    }));
                }
                Err(f) => {
                    let message = match &f {
                        Failure::Engine { error, .. } => crate::Error::Engine(error.clone()),
                        Failure::Sink(_) => crate::Error::Engine(EngineError::Synthesis {
                            engine: "cache",
                            reason: "stopped".into(),
                        }),
                    };
                    stopped = Some(Err(f));
                    return Err(message);
                }
            }
            each(i, speech)?;
            next = i + 1;
            Ok(())
        });
        let bad = match stopped {
            Some(Err(f)) => return Err(f),
            Some(Ok(bad)) => Some(bad),
            None => {
                result.map_err(|f| match f {
                    Failure::Engine { index, error } => Failure::Engine {
                        index: misses[index],
                        error,
                    },
                    sink => sink,
                })?;
                flush_cached(texts.len(), &mut next, &mut cache, &mut stats, each)?
            }
        };
        match bad {
            None => return Ok(stats),
            Some(bad) => {
                hits[bad] = false;
                unreadable[bad] = true;
            }
        }
    }
}

/// One chunk's speech from `cache` when it holds it (`true`), else spoken by `engine` and
/// stored there (`false`): the cache as [`render`] uses it, for a caller that speaks one
/// chunk at a time (`listen`). `settings` as for [`render`].
pub(crate) fn speak_one(
    engine: &mut dyn Engine,
    cache: Option<&mut ChunkCache>,
    settings: &str,
    spoken: &str,
) -> Result<(ChunkSpeech, bool), EngineError> {
    let sample_rate = engine.sample_rate();
    let Some(cache) = cache else {
        return speech_of(engine.synthesize(spoken)?, sample_rate, spoken).map(|s| (s, false));
    };
    let key = ChunkKey::new(&engine.info(), sample_rate, settings, spoken);
    if let Some(speech) = cache.get(&key) {
        return Ok((speech, true));
    }
    let speech = speech_of(engine.synthesize(spoken)?, sample_rate, spoken)?;
    cache.put(&key, &speech, sample_rate);
    Ok((speech, false))
}

/// A chunk's trimmed speech from what the engine returned, checking the sample rate: the
/// word spans move with the trim, are fitted to the sound ([`timing::fit_to_sound`]) and
/// cover the chunk's first and last sound ([`timing::cover_sound`]). When
/// the engine gave no span per word of `spoken`, the words are spread over the speech in
/// proportion to their length in characters.
fn speech_of(
    synthesis: Synthesis,
    sample_rate: u32,
    spoken: &str,
) -> Result<ChunkSpeech, EngineError> {
    let Synthesis { pcm, mut words } = synthesis;
    if pcm.sample_rate != sample_rate {
        return Err(EngineError::Synthesis {
            engine: "engine",
            reason: format!(
                "sample rate changed from {sample_rate} to {}",
                pcm.sample_rate
            ),
        });
    }
    let (samples, offset) = audio::chunk_speech_placed(&pcm.samples, pcm.sample_rate);
    let spoken_words = crate::text::words::spoken_words(spoken);
    if words.len() == spoken_words.len() {
        timing::shift(&mut words, offset, samples.len());
    } else {
        let weights: Vec<f64> = spoken_words
            .iter()
            .map(|w| spoken[w.clone()].chars().count() as f64)
            .collect();
        let speech = timing::sound_bounds(&samples).unwrap_or(0..samples.len());
        words = timing::by_weights(speech, &weights);
    }
    timing::fit_to_sound(&mut words, &samples);
    timing::cover_sound(&mut words, &samples);
    Ok(ChunkSpeech { samples, words })
}
