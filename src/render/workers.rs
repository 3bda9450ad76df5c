//! Several chunks at once: a pool of engine workers behind [`Synthesizer`].
//!
//! `--jobs N` workers each take the next chunk from one shared queue and speak it; the pool
//! hands the results on in chunk order, one at a time. Memory stays bounded: a worker may run
//! at most [`AHEAD_PER_WORKER`] × N chunks ahead of the chunk being handed on, so the pool
//! never holds more than that many finished chunks.
//!
//! A worker is one engine instance, of the kind that can run beside others:
//! - **espeak**: libespeak-ng keeps global state (one voice, one callback), so two syntheses
//!   cannot share a process, and it carries state from one chunk to the next, so a chunk
//!   sounds the same in any process only if each starts from the same state: the worker
//!   speaks each chunk in a forked copy of itself (`Espeak::synthesize_isolated`). Each worker
//!   (one also for `--jobs 1`) is a process: aloud itself, re-executed
//!   (`std::env::current_exe()`) as `aloud __worker espeak`, speaking over the framed
//!   protocol below on its stdin and stdout. It runs in a process group of its own, so a
//!   Ctrl-C at the terminal reaches only the main process; it exits when its stdin closes, so
//!   it never outlives the main process by more than the chunk it is speaking; its stderr
//!   goes to the main process, which quotes it if the worker dies, so a worker never prints.
//! - **piper** and **hibari**: an ONNX Runtime session is thread-safe and independent, so each
//!   worker is a session in a thread of this process, with one intra-op thread (see
//!   [`THREADS_PER_SESSION`] for the measurement behind that layout).
//!
//! A worker that fails (a process that dies or answers with an error, a session that errors
//! or panics) is replaced by a new one and its chunk is spoken again; a chunk that fails twice
//! stops the article with [`Failure::Engine`] naming the chunk. Output does not depend on the
//! number of workers: espeak-ng speaks a chunk the same in any process, and the neural voice
//! seeds its noise per chunk (`engine::noise`).
//!
//! # Protocol
//!
//! Every message is a frame: a 4-byte little-endian length, then that many bytes.
//! 1. main → worker: the voice settings, JSON `{"voice", "rate", "pitch", "volume"}`.
//! 2. worker → main: `0` + JSON `{"sample_rate", "version"}` when the engine is open, or
//!    `1` + an error message (then the worker exits).
//! 3. main → worker: a chunk's spoken text (UTF-8); worker → main: `0` + the synthesis
//!    (`Synthesis::encode`: sample rate, the word spans, the samples), or `1` + an error
//!    message. Repeated until stdin closes.
//!
//! # Testing hook
//!
//! [`CRASH_ENV`] (`ALOUD_WORKER_CRASH_ON`): when set, a worker process exits at once, without
//! answering, on a chunk whose text contains its value: a worker that dies on the same chunk
//! every time, as `tests/workers.rs` needs to check that such a chunk fails the article.

mod process;

pub use process::{serve, WorkerKind, WorkerProcess, CRASH_ENV, WORKER_COMMAND};

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard};

use super::{Failure, Synthesizer};
use crate::engine::hibari::Hibari;
use crate::engine::piper::Piper;
use crate::engine::{Engine, EngineError, EngineInfo, Synthesis, VoiceSettings};

/// Chunks a worker may run ahead of the chunk being handed on: enough that no worker waits
/// for a slow neighbour on ordinary text, few enough that memory stays a few chunks.
pub const AHEAD_PER_WORKER: usize = 2;

/// Held by the main thread while it hands a chunk on (writes its files); see
/// [`stop_handing_on`].
static HANDING_ON: Mutex<()> = Mutex::new(());

/// Waits until no chunk is being handed on and keeps any other from starting, for as long as
/// the guard lives: what an interrupt handler takes before it removes the article being
/// built, so no chunk file is created in it while or after it goes. With workers the main
/// thread spends its time writing chunks, so an interrupt often lands mid-write.
pub fn stop_handing_on() -> MutexGuard<'static, ()> {
    HANDING_ON
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Intra-op threads of each neural voice session: one; `--jobs N` runs N sessions.
///
/// Measured on a 1,003-word article, 2 cores, release build (README, "Speed"): two sessions
/// of one thread pulling from the shared queue took 8.3–8.5 s, one session of two threads
/// 8.8 s, one session of one thread 15.1 s; when another program took one core, the two
/// sessions slowed to 16.4 s and the two-thread session to 19–22 s, its threads waiting on
/// each other. The price is memory: each session keeps its own arena, about 110 MiB plus
/// 21 MiB per second of audio in the longest chunk it spoke (840–910 MiB for two sessions
/// against 505 MiB for one on that article).
pub const THREADS_PER_SESSION: usize = 1;

/// The voice settings to open engines with: [`THREADS_PER_SESSION`] intra-op threads.
pub fn engine_settings(voice: &VoiceSettings) -> VoiceSettings {
    VoiceSettings {
        threads: Some(THREADS_PER_SESSION),
        ..voice.clone()
    }
}

/// Cores available to this process: the default for `--jobs`.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Turns an opened engine into what speaks an export with `jobs` workers: a [`Pool`] of
/// espeak worker processes (also for one job: only a worker process speaks every chunk from
/// the same state, see `engine::espeak`), a pool of neural voice sessions for two jobs or
/// more, else the engine itself. `settings` must be what `first` was opened with
/// ([`engine_settings`]). Extra workers start on first use, in parallel.
pub fn parallel(
    first: Box<dyn Engine>,
    settings: &VoiceSettings,
    jobs: usize,
) -> Box<dyn Synthesizer> {
    let info = first.info();
    let sample_rate = first.sample_rate();
    match info.name.as_str() {
        "espeak" => {
            let settings = settings.clone();
            let open: Opener = Arc::new(move || {
                Ok(
                    Box::new(WorkerProcess::spawn(WorkerKind::Espeak, &settings)?)
                        as Box<dyn Engine>,
                )
            });
            // The in-process engine only checked the voice: every chunk goes to a process.
            Box::new(Pool::new(info, sample_rate, open, Vec::new(), jobs))
        }
        "piper" if jobs > 1 => {
            let settings = settings.clone();
            let open: Opener =
                Arc::new(move || Ok(Box::new(Piper::open(&settings)?) as Box<dyn Engine>));
            Box::new(Pool::new(info, sample_rate, open, vec![first], jobs))
        }
        "hibari" if jobs > 1 => {
            let settings = settings.clone();
            let open: Opener =
                Arc::new(move || Ok(Box::new(Hibari::open(&settings)?) as Box<dyn Engine>));
            Box::new(Pool::new(info, sample_rate, open, vec![first], jobs))
        }
        _ => Box::new(first),
    }
}

/// Opens one more engine instance: a new worker, or the replacement of one that failed.
pub type Opener = Arc<dyn Fn() -> Result<Box<dyn Engine>, EngineError> + Send + Sync>;

/// N engine instances speaking one batch of chunks at once, results handed on in order.
pub struct Pool {
    info: EngineInfo,
    sample_rate: u32,
    open: Opener,
    /// One per worker; `None` until first used, and after a failure until replaced.
    slots: Vec<Option<Box<dyn Engine>>>,
}

impl Pool {
    /// A pool of `jobs` workers (at least one) that all speak like `info` at `sample_rate`;
    /// `opened` fills the first slots, `open` the rest when they are first needed.
    pub fn new(
        info: EngineInfo,
        sample_rate: u32,
        open: Opener,
        opened: Vec<Box<dyn Engine>>,
        jobs: usize,
    ) -> Self {
        let mut slots: Vec<Option<Box<dyn Engine>>> = opened.into_iter().map(Some).collect();
        slots.resize_with(jobs.max(slots.len()).max(1), || None);
        Pool {
            info,
            sample_rate,
            open,
            slots,
        }
    }
}

/// The shared queue: which chunk is next to take, which next to hand on.
struct Queue {
    state: Mutex<QueueState>,
    changed: Condvar,
    len: usize,
    window: usize,
}

struct QueueState {
    next: usize,
    handed_on: usize,
    stop: bool,
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, QueueState> {
        // Workers hold the lock only to move counters; a panic cannot leave them half-set.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The next chunk to speak, waiting while the window ahead of the hand-on is full; `None`
    /// when every chunk is taken or the batch stopped.
    fn take(&self) -> Option<usize> {
        let mut s = self.lock();
        loop {
            if s.stop || s.next >= self.len {
                return None;
            }
            if s.next < s.handed_on + self.window {
                s.next += 1;
                return Some(s.next - 1);
            }
            s = self
                .changed
                .wait(s)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    fn handed_on(&self, n: usize) {
        self.lock().handed_on = n;
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.changed.notify_all();
    }
}

/// One attempt at a chunk: open the slot's engine if needed, speak. A panic is a failure.
fn attempt(
    slot: &mut Option<Box<dyn Engine>>,
    open: &Opener,
    text: &str,
) -> Result<Synthesis, EngineError> {
    catch_unwind(AssertUnwindSafe(|| {
        let engine = match slot {
            Some(e) => e,
            None => slot.insert(open()?),
        };
        engine.synthesize(text)
    }))
    .unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(EngineError::Synthesis {
            engine: "worker",
            reason: format!("the engine panicked: {what}"),
        })
    })
}

/// Speaks `text`; on failure drops the worker, opens a new one and tries once more.
fn speak(
    slot: &mut Option<Box<dyn Engine>>,
    open: &Opener,
    text: &str,
) -> Result<Synthesis, EngineError> {
    if let Ok(synthesis) = attempt(slot, open, text) {
        return Ok(synthesis);
    }
    *slot = None;
    attempt(slot, open, text).map_err(|e| {
        *slot = None;
        let (engine, reason) = match e {
            EngineError::Synthesis { engine, reason } => (engine, reason),
            other => ("worker", other.to_string()),
        };
        EngineError::Synthesis {
            engine,
            reason: format!("{reason} (the chunk failed twice, the second time on a new worker)"),
        }
    })
}

impl Synthesizer for Pool {
    fn info(&self) -> EngineInfo {
        self.info.clone()
    }

    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn synthesize_in_order(
        &mut self,
        texts: &[&str],
        each: &mut dyn FnMut(usize, Synthesis) -> Result<(), crate::Error>,
    ) -> Result<(), Failure> {
        if texts.is_empty() {
            return Ok(());
        }
        let workers = self.slots.len().min(texts.len());
        let queue = Queue {
            state: Mutex::new(QueueState {
                next: 0,
                handed_on: 0,
                stop: false,
            }),
            changed: Condvar::new(),
            len: texts.len(),
            window: AHEAD_PER_WORKER * workers,
        };
        let (done, results) = mpsc::channel::<(usize, Result<Synthesis, EngineError>)>();
        let open = &self.open;
        std::thread::scope(|scope| {
            for slot in self.slots.iter_mut().take(workers) {
                let done = done.clone();
                let queue = &queue;
                scope.spawn(move || {
                    // Open before taking a chunk, so the first chunks go to workers that are
                    // ready rather than wait for a model to load. A failure here is met
                    // again, and reported, when the worker tries its first chunk.
                    if slot.is_none() {
                        if let Ok(Ok(engine)) = catch_unwind(AssertUnwindSafe(|| open())) {
                            *slot = Some(engine);
                        }
                    }
                    while let Some(i) = queue.take() {
                        if done.send((i, speak(slot, open, texts[i]))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done);
            let outcome = hand_on(texts.len(), &results, &queue, each);
            // Workers finish the chunk they hold and take no other.
            queue.stop();
            outcome
        })
    }
}

/// Receives results and hands them on in order; a failure stops at its chunk.
fn hand_on(
    len: usize,
    results: &mpsc::Receiver<(usize, Result<Synthesis, EngineError>)>,
    queue: &Queue,
    each: &mut dyn FnMut(usize, Synthesis) -> Result<(), crate::Error>,
) -> Result<(), Failure> {
    let mut waiting: BTreeMap<usize, Result<Synthesis, EngineError>> = BTreeMap::new();
    let mut next = 0;
    while next < len {
        let Ok((i, result)) = results.recv() else {
            // Every worker has gone without handing over chunk `next`: cannot happen while
            // workers catch panics, but never wait forever.
            return Err(Failure::Engine {
                index: next,
                error: EngineError::Synthesis {
                    engine: "worker",
                    reason: "every worker stopped".into(),
                },
            });
        };
        waiting.insert(i, result);
        while let Some(result) = waiting.remove(&next) {
            let synthesis = result.map_err(|error| Failure::Engine { index: next, error })?;
            let handing_on = stop_handing_on();
            each(next, synthesis).map_err(Failure::Sink)?;
            drop(handing_on);
            next += 1;
            queue.handed_on(next);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A text "spoken" as its bytes, with no word timings.
    fn echo(spoken: &str) -> Synthesis {
        Synthesis {
            pcm: crate::audio::Pcm {
                sample_rate: 8000,
                samples: spoken.bytes().map(i16::from).collect(),
            },
            words: Vec::new(),
        }
    }

    /// A test engine: "speaks" a text as its bytes, failing on texts that start with "fail"
    /// and panicking on "panic"; counts what it spoke in `spoken`.
    struct Echo {
        spoken: Arc<AtomicUsize>,
    }

    impl Engine for Echo {
        fn info(&self) -> EngineInfo {
            EngineInfo {
                name: "echo".into(),
                version: "1".into(),
                voice: "v".into(),
                rate: 175,
                credit: None,
                runtime: None,
            }
        }
        fn sample_rate(&self) -> u32 {
            8000
        }
        fn synthesize(&mut self, spoken: &str) -> Result<Synthesis, EngineError> {
            if spoken.starts_with("panic") {
                panic!("boom");
            }
            if spoken.starts_with("fail") {
                return Err(EngineError::Synthesis {
                    engine: "echo",
                    reason: "cannot".into(),
                });
            }
            // Uneven work, so workers finish out of order.
            std::thread::sleep(std::time::Duration::from_millis((spoken.len() % 3) as u64));
            self.spoken.fetch_add(1, Ordering::SeqCst);
            Ok(echo(spoken))
        }
    }

    /// A pool of `jobs` echo workers, with counts of engines opened and texts spoken.
    fn pool(jobs: usize) -> (Pool, Arc<AtomicUsize>, Arc<AtomicUsize>) {
        let opened = Arc::new(AtomicUsize::new(0));
        let spoken = Arc::new(AtomicUsize::new(0));
        let (o, s) = (Arc::clone(&opened), Arc::clone(&spoken));
        let open: Opener = Arc::new(move || {
            o.fetch_add(1, Ordering::SeqCst);
            Ok(Box::new(Echo {
                spoken: Arc::clone(&s),
            }) as Box<dyn Engine>)
        });
        let info = Echo {
            spoken: Arc::clone(&spoken),
        }
        .info();
        (
            Pool::new(info, 8000, open, Vec::new(), jobs),
            opened,
            spoken,
        )
    }

    fn run(pool: &mut Pool, texts: &[&str]) -> (Vec<(usize, String)>, Result<(), Failure>) {
        let mut got = Vec::new();
        let r = pool.synthesize_in_order(texts, &mut |i, synthesis| {
            got.push((
                i,
                synthesis
                    .pcm
                    .samples
                    .iter()
                    .map(|&s| s as u8 as char)
                    .collect(),
            ));
            Ok(())
        });
        (got, r)
    }

    #[test]
    fn results_come_in_input_order_for_any_number_of_workers() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("chunk {i}{}", "x".repeat(i % 5)))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let expected: Vec<(usize, String)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (i, t.to_string()))
            .collect();
        for jobs in [1, 2, 3, 8, 64] {
            let (mut p, opened, _) = pool(jobs);
            let (got, r) = run(&mut p, &texts);
            assert!(r.is_ok(), "jobs {jobs}");
            assert_eq!(got, expected, "jobs {jobs}");
            // Workers persist from batch to batch: never more engines than workers.
            let (got, _) = run(&mut p, &texts[..3]);
            assert_eq!(got.len(), 3);
            let n = opened.load(Ordering::SeqCst);
            assert!((1..=jobs).contains(&n), "jobs {jobs}: {n} opened");
        }
        let (mut p, _, _) = pool(2);
        assert!(run(&mut p, &[]).1.is_ok());
    }

    #[test]
    fn a_chunk_that_fails_twice_stops_the_batch_at_that_chunk() {
        for (texts, index) in [
            (vec!["a", "b", "fail here", "c", "d"], 2),
            (vec!["fail first", "b"], 0),
            (vec!["a", "b", "c", "panic now", "e"], 3),
        ] {
            for jobs in [1, 2, 4] {
                let (mut p, opened, _) = pool(jobs);
                let (got, r) = run(&mut p, &texts);
                match r {
                    Err(Failure::Engine { index: i, error }) => {
                        assert_eq!(i, index, "{texts:?} jobs {jobs}");
                        assert!(error.to_string().contains("failed twice"), "{error}");
                    }
                    other => panic!("{texts:?}: {other:?}"),
                }
                // Everything before the failing chunk was handed on, nothing after it.
                assert_eq!(got.len(), index, "{texts:?} jobs {jobs}");
                // The failing worker was replaced once (and once more after the second failure
                // if another chunk came its way).
                assert!(opened.load(Ordering::SeqCst) >= 2, "{texts:?} jobs {jobs}");
            }
        }
    }

    #[test]
    fn a_failing_worker_is_replaced_and_its_chunk_retried() {
        /// Dies on the first attempt at every chunk (whichever engine makes it), then works.
        struct DiesOnce(Arc<Mutex<std::collections::HashSet<String>>>);
        impl Engine for DiesOnce {
            fn info(&self) -> EngineInfo {
                Echo {
                    spoken: Arc::default(),
                }
                .info()
            }
            fn sample_rate(&self) -> u32 {
                8000
            }
            fn synthesize(&mut self, spoken: &str) -> Result<Synthesis, EngineError> {
                if self.0.lock().unwrap().insert(spoken.to_string()) {
                    return Err(EngineError::Synthesis {
                        engine: "dies-once",
                        reason: "died".into(),
                    });
                }
                Ok(echo(spoken))
            }
        }
        let texts = ["one", "two", "three", "four", "five", "six", "seven"];
        for jobs in [1, 2, 3] {
            let seen = Arc::new(Mutex::new(std::collections::HashSet::new()));
            let opened = Arc::new(AtomicUsize::new(0));
            let (o, s) = (Arc::clone(&opened), Arc::clone(&seen));
            let open: Opener = Arc::new(move || {
                o.fetch_add(1, Ordering::SeqCst);
                Ok(Box::new(DiesOnce(Arc::clone(&s))) as Box<dyn Engine>)
            });
            let info = Echo {
                spoken: Arc::default(),
            }
            .info();
            let mut p = Pool::new(info, 8000, open, Vec::new(), jobs);
            let (got, r) = run(&mut p, &texts);
            assert!(r.is_ok(), "jobs {jobs}: {r:?}");
            let spoken: Vec<&str> = got.iter().map(|(_, s)| s.as_str()).collect();
            assert_eq!(spoken, texts, "jobs {jobs}");
            // One engine per worker that took a chunk, and a new one after each death.
            let n = opened.load(Ordering::SeqCst);
            assert!(
                (1 + texts.len()..=jobs + texts.len()).contains(&n),
                "jobs {jobs}: {n}"
            );
        }
    }

    #[test]
    fn a_sink_error_stops_the_workers() {
        let texts: Vec<String> = (0..200).map(|i| format!("t{i}")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (mut p, _, spoken) = pool(4);
        let r = p.synthesize_in_order(&texts, &mut |i, _| {
            if i == 5 {
                Err(crate::Error::Install("disk full".into()))
            } else {
                Ok(())
            }
        });
        assert!(matches!(r, Err(Failure::Sink(_))));
        // Bounded look-ahead: at most the window past the failing chunk was spoken.
        let n = spoken.load(Ordering::SeqCst);
        assert!(n <= 6 + AHEAD_PER_WORKER * 4, "spoke {n}");
    }

    #[test]
    fn workers_never_run_more_than_the_window_ahead() {
        let texts: Vec<String> = (0..60).map(|i| format!("t{i}")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (mut p, _, spoken) = pool(3);
        let mut most_ahead = 0;
        let r = p.synthesize_in_order(&texts, &mut |i, _| {
            // Slow hand-on: workers would run far ahead if nothing held them.
            std::thread::sleep(std::time::Duration::from_millis(2));
            most_ahead = most_ahead.max(spoken.load(Ordering::SeqCst) - (i + 1));
            Ok(())
        });
        assert!(r.is_ok());
        assert!(most_ahead <= AHEAD_PER_WORKER * 3, "{most_ahead} ahead");
    }
}
