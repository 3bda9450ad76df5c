//! Worker processes: aloud re-executed as `aloud __worker <engine>`, speaking chunks over a
//! framed protocol on its stdin and stdout (see the protocol in the parent module's docs).
//! [`WorkerProcess`] is the main process's side, an [`Engine`] like any other; [`serve`] is
//! the worker's.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::engine::espeak::Espeak;
use crate::engine::{Engine, EngineError, EngineInfo, Synthesis, VoiceSettings};

/// Environment variable of the testing hook: see the `render::workers` docs.
pub const CRASH_ENV: &str = "ALOUD_WORKER_CRASH_ON";

/// The hidden subcommand that runs a worker process.
pub const WORKER_COMMAND: &str = "__worker";

/// Largest frame either side accepts (1 GiB): far above any chunk's audio (a 5,000-character
/// chunk at 80 wpm is about 13 MB of samples), small enough to catch a garbled length.
const MAX_FRAME: usize = 1 << 30;

const OK: u8 = 0;
const ERR: u8 = 1;

/// Engines that run in worker processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WorkerKind {
    /// libespeak-ng.
    Espeak,
}

impl WorkerKind {
    fn name(self) -> &'static str {
        match self {
            WorkerKind::Espeak => "espeak",
        }
    }
}

/// The voice settings sent to a worker process.
#[derive(Debug, Serialize, Deserialize)]
struct WorkerSettings {
    voice: Option<String>,
    rate: u32,
    pitch: Option<u8>,
    volume: u8,
}

/// What a worker process says once its engine is open.
#[derive(Debug, Serialize, Deserialize)]
struct Ready {
    sample_rate: u32,
    version: String,
}

fn write_frame(out: &mut impl Write, parts: &[&[u8]]) -> std::io::Result<()> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let len = u32::try_from(len)
        .ok()
        .filter(|&l| (l as usize) <= MAX_FRAME)
        .ok_or_else(|| std::io::Error::other("frame too large"))?;
    out.write_all(&len.to_le_bytes())?;
    for p in parts {
        out.write_all(p)?;
    }
    out.flush()
}

/// Reads one frame; `Ok(None)` at a clean end of input (between frames).
fn read_frame(input: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match input.read(&mut len[got..])? {
            0 if got == 0 => return Ok(None),
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => got += n,
        }
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(std::io::Error::other(format!("frame of {len} bytes")));
    }
    let mut frame = vec![0u8; len];
    input.read_exact(&mut frame)?;
    Ok(Some(frame))
}

/// Decodes a worker's answer to a chunk: `Ok(synthesis)`, or the worker's error message.
fn decode_answer(frame: &[u8]) -> Result<Result<Synthesis, String>, String> {
    match frame.split_first() {
        Some((&OK, rest)) => Synthesis::decode(rest)
            .map(Ok)
            .ok_or_else(|| format!("a malformed answer of {} bytes", frame.len())),
        Some((&ERR, message)) => Ok(Err(String::from_utf8_lossy(message).into_owned())),
        _ => Err(format!("a malformed answer of {} bytes", frame.len())),
    }
}

/// An engine in a worker process: aloud re-executed in worker mode.
pub struct WorkerProcess {
    kind: WorkerKind,
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: ChildStdout,
    /// The last line the worker wrote to stderr, kept by a reader thread.
    last_words: Arc<Mutex<String>>,
    stderr_reader: Option<std::thread::JoinHandle<()>>,
    info: EngineInfo,
    sample_rate: u32,
}

impl WorkerProcess {
    /// Starts a worker process for `kind` and opens its engine with `settings`.
    pub fn spawn(kind: WorkerKind, settings: &VoiceSettings) -> Result<Self, EngineError> {
        let fail = |reason: String| EngineError::Unavailable {
            engine: kind.name(),
            reason,
        };
        let exe = std::env::current_exe().map_err(|e| {
            fail(format!(
                "cannot find aloud's own executable to start workers: {e}"
            ))
        })?;
        let mut child = Command::new(&exe)
            .args([WORKER_COMMAND, kind.name()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group: a Ctrl-C at the terminal is for the main process, which
            // decides what happens to the export.
            .process_group(0)
            .spawn()
            .map_err(|e| {
                fail(format!(
                    "cannot start a worker process ({}): {e}",
                    exe.display()
                ))
            })?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(fail("a worker process without pipes".into()));
        };
        let last_words = Arc::new(Mutex::new(String::new()));
        let keep = Arc::clone(&last_words);
        let stderr_reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if !line.trim().is_empty() {
                    *keep
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = line;
                }
            }
        });
        let mut worker = WorkerProcess {
            kind,
            child,
            stdin: Some(stdin),
            stdout,
            last_words,
            stderr_reader: Some(stderr_reader),
            info: EngineInfo {
                name: kind.name().into(),
                version: String::new(),
                voice: String::new(),
                rate: settings.rate,
                credit: None,
                runtime: None,
            },
            sample_rate: 0,
        };
        let hello = serde_json::to_vec(&WorkerSettings {
            voice: settings.voice.clone(),
            rate: settings.rate,
            pitch: settings.pitch,
            volume: settings.volume,
        })
        .map_err(|e| fail(e.to_string()))?;
        let ready = worker.exchange(&hello).map_err(|e| match e {
            EngineError::Synthesis { reason, .. } => fail(reason),
            other => other,
        })?;
        let ready = match ready.split_first() {
            Some((&OK, json)) => serde_json::from_slice::<Ready>(json)
                .map_err(|e| fail(format!("the worker's greeting is not understood: {e}")))?,
            Some((&ERR, message)) => return Err(fail(String::from_utf8_lossy(message).into())),
            _ => return Err(fail("the worker's greeting is empty".into())),
        };
        worker.sample_rate = ready.sample_rate;
        worker.info.version = ready.version;
        worker.info.voice = settings
            .voice
            .clone()
            .unwrap_or_else(|| crate::engine::espeak::DEFAULT_VOICE.to_string());
        Ok(worker)
    }

    /// Sends one frame and reads the answer; a worker that is gone is a synthesis error
    /// saying how it ended.
    fn exchange(&mut self, frame: &[u8]) -> Result<Vec<u8>, EngineError> {
        let sent = match self.stdin.as_mut() {
            Some(stdin) => write_frame(stdin, &[frame]),
            None => Err(std::io::ErrorKind::BrokenPipe.into()),
        };
        let answer = sent.and_then(|()| read_frame(&mut self.stdout));
        match answer {
            Ok(Some(frame)) => Ok(frame),
            Ok(None) => Err(self.died("closed its output")),
            Err(e) => Err(self.died(&e.to_string())),
        }
    }

    /// The error for a worker that stopped answering: how it ended and its last words. Its
    /// stdin is closed; one still running after a grace second (one that garbled an answer)
    /// is killed.
    fn died(&mut self, what: &str) -> EngineError {
        self.stdin = None;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
        let ended = loop {
            match self.child.try_wait() {
                Ok(None) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Ok(None) => {
                    let _ = self.child.kill();
                    break self.child.wait();
                }
                Ok(Some(status)) => break Ok(status),
                Err(e) => break Err(e),
            }
        };
        let status = match ended {
            Ok(s) => match (s.code(), std::os::unix::process::ExitStatusExt::signal(&s)) {
                (Some(code), _) => format!("exited with status {code}"),
                (None, Some(signal)) => format!("was killed by signal {signal}"),
                _ => s.to_string(),
            },
            Err(e) => format!("cannot be waited for ({e})"),
        };
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
        let words = self
            .last_words
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        EngineError::Synthesis {
            engine: self.kind.name(),
            reason: format!(
                "the worker process {} {status} ({what}){}",
                self.child.id(),
                if words.is_empty() {
                    String::new()
                } else {
                    format!(": {words}")
                }
            ),
        }
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        // Closing stdin ends the worker; killing it makes sure it does not finish a chunk
        // nobody will read. Waiting reaps it.
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
    }
}

impl Engine for WorkerProcess {
    fn info(&self) -> EngineInfo {
        self.info.clone()
    }

    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn synthesize(&mut self, spoken: &str) -> Result<Synthesis, EngineError> {
        let answer = self.exchange(spoken.as_bytes())?;
        match decode_answer(&answer) {
            Ok(Ok(synthesis)) => Ok(synthesis),
            Ok(Err(reason)) => Err(EngineError::Synthesis {
                engine: self.kind.name(),
                reason,
            }),
            Err(what) => Err(self.died(&what)),
        }
    }
}

/// Runs a worker process (`aloud __worker espeak`): reads the settings, opens the engine,
/// then speaks each text frame until stdin closes. A main process that went away (closed
/// pipes) ends the worker quietly; only a malformed frame is an error.
pub fn serve(kind: WorkerKind) -> Result<(), crate::Error> {
    let crash_on = std::env::var(CRASH_ENV).ok().filter(|s| !s.is_empty());
    let mut input = std::io::stdin().lock();
    let mut output = std::io::stdout().lock();
    let protocol = |e: String| {
        crate::Error::Engine(EngineError::Synthesis {
            engine: "worker",
            reason: format!("protocol: {e}"),
        })
    };
    let Ok(Some(hello)) = read_frame(&mut input) else {
        return Ok(());
    };
    let settings: WorkerSettings =
        serde_json::from_slice(&hello).map_err(|e| protocol(e.to_string()))?;
    let opened = match kind {
        WorkerKind::Espeak => Espeak::open(&VoiceSettings {
            voice: settings.voice,
            rate: settings.rate,
            pitch: settings.pitch,
            volume: settings.volume,
            threads: Some(1),
        }),
    };
    let mut engine = match opened {
        Ok(e) => e,
        Err(e) => {
            let _ = write_frame(&mut output, &[&[ERR], e.to_string().as_bytes()]);
            return Ok(());
        }
    };
    let ready = serde_json::to_vec(&Ready {
        sample_rate: engine.sample_rate(),
        version: engine.info().version,
    })
    .map_err(|e| protocol(e.to_string()))?;
    if write_frame(&mut output, &[&[OK], &ready]).is_err() {
        return Ok(());
    }
    loop {
        let text = match read_frame(&mut input) {
            Ok(Some(frame)) => String::from_utf8(frame).map_err(|e| protocol(e.to_string()))?,
            Ok(None) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(protocol(e.to_string())),
        };
        if crash_on.as_deref().is_some_and(|c| text.contains(c)) {
            std::process::exit(70);
        }
        let written = match engine.synthesize_isolated(&text) {
            Ok(synthesis) => write_frame(&mut output, &[&[OK], &synthesis.encode()]),
            Err(e) => write_frame(&mut output, &[&[ERR], e.to_string().as_bytes()]),
        };
        if written.is_err() {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_reject_garbage() {
        let mut buf = Vec::new();
        write_frame(&mut buf, &[b"ab", b"c"]).unwrap();
        write_frame(&mut buf, &[]).unwrap();
        let mut r = &buf[..];
        assert_eq!(read_frame(&mut r).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_frame(&mut r).unwrap(), Some(Vec::new()));
        assert_eq!(read_frame(&mut r).unwrap(), None);
        // Cut inside the length or inside the body.
        for cut in [&buf[..2], &buf[..5]] {
            let mut r = cut;
            assert!(read_frame(&mut r).is_err());
        }
        let mut huge = &(u32::MAX).to_le_bytes()[..];
        assert!(read_frame(&mut huge).is_err());
    }

    #[test]
    fn answers_decode_to_samples_and_words_or_the_workers_message() {
        let synthesis = Synthesis {
            pcm: crate::audio::Pcm {
                sample_rate: 22050,
                samples: vec![0, -1, 32767, -32768, 12],
            },
            words: vec![
                crate::engine::WordSpan { start: 0, end: 2 },
                crate::engine::WordSpan { start: 3, end: 5 },
            ],
        };
        let frame = [&[OK][..], &synthesis.encode()].concat();
        assert_eq!(decode_answer(&frame), Ok(Ok(synthesis)));
        let mut err = vec![ERR];
        err.extend(b"no voice");
        assert_eq!(decode_answer(&err), Ok(Err("no voice".into())));
        let words_missing = [&[OK][..], &22050u32.to_le_bytes(), &3u32.to_le_bytes()].concat();
        for bad in [
            &[][..],
            &[OK, 1, 2][..],
            &[OK, 0, 0, 0, 0, 0, 0, 0, 0, 9][..],
            &[7][..],
            &words_missing[..],
        ] {
            assert!(decode_answer(bad).is_err(), "{bad:?}");
        }
    }
}
