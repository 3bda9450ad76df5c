//! Synthesis ahead of playback: a worker thread owns the engine and keeps the chunks from the
//! one playing to [`RING`] after it synthesized, so playback never waits on the engine once
//! it has started (as long as the engine is faster than real time: the neural voice speaks
//! 20–40× faster on this machine). The chunk before the current one is kept for `p`.

use std::collections::BTreeMap;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};

use super::Event;
use crate::audio;
use crate::engine::{Engine, EngineError};
use crate::render::cache::ChunkCache;

/// Chunks synthesized ahead of the one playing. Three cover a listener skipping twice in a
/// row without a wait, and a chunk of a few seconds takes the neural voice a fraction of that.
pub const RING: usize = 3;

/// Opens the engine at a rate (words per minute): what the worker calls first and after
/// each rate change.
pub type Opener = Box<dyn Fn(u32) -> Result<Box<dyn Engine>, EngineError> + Send>;

struct State {
    cursor: usize,
    rate: u32,
    generation: u64,
    ready: BTreeMap<usize, Arc<Vec<i16>>>,
    stop: bool,
}

impl State {
    /// The first chunk of the window that is neither ready nor past the end.
    fn next_missing(&self, total: usize) -> Option<usize> {
        (self.cursor..(self.cursor + RING + 1).min(total)).find(|i| !self.ready.contains_key(i))
    }
}

/// What the worker speaks: each chunk's spoken text and the pause after it, in milliseconds
/// at `plan_rate` (words per minute; scaled with the rate like every pause).
pub struct Chunks {
    /// Each chunk's spoken text.
    pub spoken: Vec<String>,
    /// The pause after each chunk.
    pub pauses_ms: Vec<u32>,
    /// The rate the pauses were planned at.
    pub plan_rate: u32,
}

/// The chunk cache `export` fills ([`crate::render::cache`]), when used, and the voice
/// settings its keys need besides the engine's info ([`crate::render::cache::settings_key`]).
pub struct Cache {
    /// The cache; `None` synthesizes every chunk.
    pub cache: Option<ChunkCache>,
    /// Pitch and volume, as keyed.
    pub settings: String,
}

/// The synthesis-ahead worker.
pub struct Ahead {
    shared: Arc<(Mutex<State>, Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Ahead {
    /// Starts the worker over `chunks` at `rate`, from chunk `start`. `engine` is the engine
    /// opened at `rate`; `reopen` opens it at another rate. A chunk in `cache` is played from
    /// it (announced as [`Event::Cached`]), any other is synthesized and stored there. Each
    /// finished chunk is announced as [`Event::Ready`]; a failure as
    /// [`Event::SynthesisFailed`], after which the worker stops.
    pub fn start(
        engine: Box<dyn Engine>,
        reopen: Opener,
        chunks: Chunks,
        cache: Cache,
        rate: u32,
        start: usize,
        events: Sender<Event>,
    ) -> Self {
        let shared = Arc::new((
            Mutex::new(State {
                cursor: start,
                rate,
                generation: 0,
                ready: BTreeMap::new(),
                stop: false,
            }),
            Condvar::new(),
        ));
        let worker = shared.clone();
        let thread = std::thread::Builder::new()
            .name("aloud-synthesis".into())
            .spawn(move || run(worker, engine, reopen, &chunks, cache, rate, &events))
            .ok();
        Ahead { shared, thread }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.shared
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Chunk `index`'s samples (speech and the pause after it), when ready.
    pub fn get(&self, index: usize) -> Option<Arc<Vec<i16>>> {
        self.lock().ready.get(&index).cloned()
    }

    /// Playback moved to `index`: synthesize from there, keep the chunk before it, drop the
    /// rest.
    pub fn seek(&self, index: usize) {
        let mut s = self.lock();
        s.cursor = index;
        s.ready.retain(|&k, _| k + 1 >= index && k <= index + RING);
        self.shared.1.notify_all();
    }

    /// Speak at `rate` from the chunk after `current` on: the chunks ahead are synthesized
    /// again (the current one plays on as it was).
    pub fn set_rate(&self, rate: u32, current: usize) {
        let mut s = self.lock();
        s.rate = rate;
        s.generation += 1;
        s.ready.retain(|&k, _| k <= current);
        self.shared.1.notify_all();
    }
}

impl Drop for Ahead {
    fn drop(&mut self) {
        self.lock().stop = true;
        self.shared.1.notify_all();
        // The worker may be inside the engine for one chunk: wait for it, so the process
        // never ends under a running ONNX Runtime session (which then logs an error).
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(
    shared: Arc<(Mutex<State>, Condvar)>,
    mut engine: Box<dyn Engine>,
    reopen: Opener,
    chunks: &Chunks,
    mut cache: Cache,
    mut engine_rate: u32,
    events: &Sender<Event>,
) {
    let spoken = &chunks.spoken;
    let (lock, wake) = &*shared;
    loop {
        let (index, rate, generation) = {
            let mut s = lock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            loop {
                if s.stop {
                    return;
                }
                if let Some(i) = s.next_missing(spoken.len()) {
                    break (i, s.rate, s.generation);
                }
                s = wake
                    .wait(s)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
        };
        if rate != engine_rate {
            match reopen(rate) {
                Ok(e) => {
                    engine = e;
                    engine_rate = rate;
                }
                Err(e) => {
                    let _ = events.send(Event::SynthesisFailed(e.to_string()));
                    return;
                }
            }
        }
        let sample_rate = engine.sample_rate();
        let spoken_one = crate::render::speak_one(
            engine.as_mut(),
            cache.cache.as_mut(),
            &cache.settings,
            &spoken[index],
        );
        let mut samples = match spoken_one {
            Ok((speech, cached)) => {
                if cached {
                    let _ = events.send(Event::Cached(index));
                }
                speech.samples
            }
            Err(e) => {
                let _ = events.send(Event::SynthesisFailed(format!("chunk {}: {e}", index + 1)));
                return;
            }
        };
        let pause = u64::from(chunks.pauses_ms[index]) * u64::from(chunks.plan_rate)
            / u64::from(rate.max(1));
        samples.resize(
            samples.len() + audio::samples_for_ms(pause as u32, sample_rate),
            0,
        );
        let mut s = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if s.generation == generation && index >= s.cursor.saturating_sub(1) {
            s.ready.insert(index, Arc::new(samples));
            drop(s);
            let _ = events.send(Event::Ready(index));
        }
    }
}
