//! `aloud listen` against real audio: a private PulseAudio server with a null sink (which
//! plays in real time), the ALSA `null` device (which takes samples as fast as they come), and
//! a private speech-dispatcher (its own configuration, socket and log folder, selected with
//! SPEECHD_ADDRESS), so utterances really begin and end. Keys are typed into a pseudo-terminal
//! (expectrl). Playback events are read from the hidden `--events` file.
//!
//! Needs `pulseaudio`, `libasound2-plugins`, `speech-dispatcher` and
//! `speech-dispatcher-espeak-ng` (scripts/setup installs them).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use common::{exited, Printed};
use expectrl::{Expect, Regex};

/// The test article: a title and five sentences, six chunks.
const ARTICLE: &str = "Morning at the Harbour\n\n\
The boats came in early. Gulls followed the last one home. \
The market opened at six. Fish went out in crates of ice. \
By nine the quay was empty again.\n";
const CHUNKS: usize = 6;

fn article(dir: &Path) -> PathBuf {
    let p = dir.join("harbour.txt");
    std::fs::write(&p, ARTICLE).unwrap();
    p
}

/// The events of an `--events` file: (event, chunk). Only whole lines: the player may be
/// halfway through writing the last one while it is read.
fn events(path: &Path) -> Vec<(String, Option<usize>)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let whole = text.rfind('\n').map_or("", |end| &text[..end]);
    whole
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["event"].as_str().unwrap().to_string(),
                v["chunk"].as_u64().map(|c| c as usize),
            )
        })
        .collect()
}

/// Waits (at most `limit`) until the events file holds `event` for `chunk` after the first
/// `skip` events; returns the number of events then.
fn wait_event(path: &Path, skip: usize, event: &str, chunk: Option<usize>, limit: u64) -> usize {
    let start = Instant::now();
    loop {
        let all = events(path);
        if let Some(i) = all
            .iter()
            .skip(skip)
            .position(|(e, c)| e == event && (chunk.is_none() || *c == chunk))
        {
            return skip + i + 1;
        }
        assert!(
            start.elapsed() < Duration::from_secs(limit),
            "no {event} {chunk:?} within {limit} s; events: {all:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Begin and end events only, as (event, chunk).
fn playback(all: &[(String, Option<usize>)]) -> Vec<(String, usize)> {
    all.iter()
        .filter(|(e, _)| e == "begin" || e == "end")
        .map(|(e, c)| (e.clone(), c.unwrap()))
        .collect()
}

/// Every chunk from 1 to `n` begins and then ends, in order, nothing else in between.
fn assert_read_in_order(all: &[(String, Option<usize>)], n: usize) {
    let want: Vec<(String, usize)> = (1..=n)
        .flat_map(|c| [("begin".to_string(), c), ("end".to_string(), c)])
        .collect();
    assert_eq!(playback(all), want, "all events: {all:?}");
}

/// Ends a child process politely (SIGTERM, so it can take its own children along), then for
/// good.
fn stop(child: &mut Child) {
    // SAFETY: kill(2) on the pid of a child this test spawned and has not reaped.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        if child.try_wait().ok().flatten().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn wait_for_socket(path: &Path, what: &str) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{what} did not create {}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A private PulseAudio server with only a null sink: plays in real time, into nothing.
struct Pulse {
    child: Child,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Pulse {
    fn start() -> Pulse {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("native");
        let child = Command::new("pulseaudio")
            .args([
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--load=module-null-sink sink_name=aloud_null",
            ])
            .arg(format!(
                "--load=module-native-protocol-unix socket={} auth-anonymous=1",
                socket.display()
            ))
            .env("HOME", dir.path())
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pulseaudio runs (scripts/setup installs it)");
        wait_for_socket(&socket, "pulseaudio");
        Pulse {
            child,
            socket,
            _dir: dir,
        }
    }

    fn server(&self) -> String {
        format!("unix:{}", self.socket.display())
    }
}

impl Drop for Pulse {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Where a private speech-dispatcher sends its audio.
enum SpeechAudio<'a> {
    /// A PulseAudio server that is not there: the dispatcher takes text and never speaks it.
    Nowhere,
    /// The ALSA null device: utterances end as soon as they are synthesized.
    AlsaNull,
    /// A private PulseAudio null sink: utterances last as long as they sound.
    Pulse(&'a Pulse),
}

/// A private speech-dispatcher: its own configuration folder, socket and logs, with the
/// espeak-ng module.
struct SpeechDispatcher {
    child: Child,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl SpeechDispatcher {
    fn start(audio: SpeechAudio) -> SpeechDispatcher {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("conf");
        std::fs::create_dir_all(conf.join("modules")).unwrap();
        std::fs::create_dir_all(dir.path().join("log")).unwrap();
        std::fs::copy(
            "/etc/speech-dispatcher/modules/espeak-ng.conf",
            conf.join("modules/espeak-ng.conf"),
        )
        .expect("speech-dispatcher-espeak-ng is installed");
        let output = match audio {
            SpeechAudio::AlsaNull => "AudioOutputMethod \"alsa\"\nAudioALSADevice \"null\"\n",
            SpeechAudio::Pulse(_) | SpeechAudio::Nowhere => "AudioOutputMethod \"pulse\"\n",
        };
        std::fs::write(
            conf.join("speechd.conf"),
            format!(
                "LogLevel 3\nDefaultVolume 100\n{output}\
                 AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\n\
                 DefaultModule espeak-ng\nDefaultLanguage \"en\"\n"
            ),
        )
        .unwrap();
        let socket = dir.path().join("speechd.sock");
        let mut cmd = Command::new("speech-dispatcher");
        cmd.args(["-s", "-t", "0", "-c", "unix_socket"])
            .arg("-S")
            .arg(&socket)
            .arg("-C")
            .arg(&conf)
            .arg("-L")
            .arg(dir.path().join("log"))
            .arg("-P")
            .arg(dir.path().join("pid"))
            .env("HOME", dir.path())
            .env("XDG_RUNTIME_DIR", dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        match audio {
            SpeechAudio::Pulse(p) => {
                cmd.env("PULSE_SERVER", p.server());
            }
            SpeechAudio::Nowhere => {
                cmd.env(
                    "PULSE_SERVER",
                    format!("unix:{}", dir.path().join("none").display()),
                );
            }
            SpeechAudio::AlsaNull => {}
        }
        let child = cmd
            .spawn()
            .expect("speech-dispatcher runs (scripts/setup installs it)");
        wait_for_socket(&socket, "speech-dispatcher");
        SpeechDispatcher {
            child,
            socket,
            _dir: dir,
        }
    }

    fn address(&self) -> String {
        format!("unix_socket:{}", self.socket.display())
    }
}

impl Drop for SpeechDispatcher {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// `aloud listen` with its state and chunk cache in `state` and no sound server or speech
/// service unless given.
fn aloud(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("aloud").unwrap();
    cmd.env("XDG_STATE_HOME", state)
        .env("ALOUD_CACHE_DIR", state.join("cache"))
        .env("XDG_CONFIG_HOME", state.join("no-config"))
        .env_remove("ALOUD_AUDIO_DEVICE")
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", state.join("no-speechd.sock").display()),
        )
        .env(
            "PULSE_SERVER",
            format!("unix:{}", state.join("no-pulse").display()),
        );
    cmd
}

/// Runs `cmd` to its end, at most `limit` seconds (then kills it and fails). Its output is
/// read as it comes, so a long listing never fills the pipe.
fn run(cmd: &mut Command, limit: u64) -> std::process::Output {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as i32;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(limit)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            // SAFETY: kill(2) on the pid of a child this test spawned and has not reaped.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
            let out = rx.recv().unwrap().unwrap();
            panic!(
                "aloud still running after {limit} s; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// Runs `cmd`, an `aloud listen` with its options, on `input` with `--events FILE` (at most
/// `limit` seconds, as [`run`]) and checks that it exits 0: what it printed, and its events.
#[track_caller]
fn listen_to_end(
    cmd: &mut Command,
    events_file: &Path,
    input: &Path,
    limit: u64,
) -> (Printed, Vec<(String, Option<usize>)>) {
    let out = run(cmd.arg("--events").arg(events_file).arg(input), limit);
    (exited(out, 0), events(events_file))
}

/// The saved position files of a state folder: (chunk, text).
fn saved(state: &Path) -> Vec<(usize, String)> {
    let dir = state.join("aloud/listen");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .map(|e| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
            (
                v["chunk"].as_u64().unwrap() as usize,
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn espeak_reads_every_chunk_in_order_through_the_alsa_null_device() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let (out, all) = listen_to_end(
        aloud(tmp.path()).args(["listen", "--engine", "espeak", "--device", "null"]),
        &tmp.path().join("events.jsonl"),
        &input,
        60,
    );
    assert_read_in_order(&all, CHUNKS);
    assert_eq!(all.last().unwrap().0, "finished");
    // Without a terminal each chunk is printed as it begins.
    let stdout = out.stdout();
    assert!(
        stdout.starts_with("[1/6] Morning at the Harbour\n[2/6] The boats came in early.\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("[6/6] By nine the quay was empty again.\n"),
        "{stdout}"
    );
    assert_eq!(
        saved(tmp.path()),
        vec![],
        "heard to the end: nothing to resume"
    );
}

#[test]
fn listening_plays_from_the_chunk_cache_and_fills_it_for_export() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let listen = |name: &str, extra: &[&str]| {
        let (_, all) = listen_to_end(
            aloud(tmp.path())
                .args(["listen", "--engine", "espeak", "--device", "null"])
                .args(extra),
            &tmp.path().join(name),
            &input,
            60,
        );
        assert_read_in_order(&all, CHUNKS);
        all.iter().filter(|(e, _)| e == "cached").count()
    };
    // --no-cache neither reads nor fills it; the first listening fills it, the second plays
    // every chunk from it.
    assert_eq!(listen("none.jsonl", &["--no-cache"]), 0);
    assert!(
        !tmp.path().join("cache").exists()
            || std::fs::read_dir(tmp.path().join("cache"))
                .unwrap()
                .next()
                .is_none()
    );
    assert_eq!(listen("first.jsonl", &[]), 0);
    assert_eq!(listen("second.jsonl", &[]), CHUNKS);
    // What was heard exports from the cache, and the other way round.
    let out = run(
        aloud(tmp.path())
            .args(["export", "--engine", "espeak", "--stats", "-q", "-o"])
            .arg(tmp.path().join("out"))
            .arg(&input),
        60,
    );
    let stats = String::from_utf8_lossy(&out.stdout);
    assert!(
        stats.contains(&format!("{CHUNKS} chunks ({CHUNKS} from the cache)")),
        "{stats} {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_neural_voice_reads_in_order_through_the_alsa_null_device_and_reports_first_audio() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let ev = tmp.path().join("events.jsonl");
    let started = Instant::now();
    let (_, all) = listen_to_end(
        aloud(tmp.path()).args(["listen", "--engine", "piper", "--device", "null"]),
        &ev,
        &input,
        300,
    );
    assert_read_in_order(&all, CHUNKS);
    let first = std::fs::read_to_string(&ev)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["event"] == "begin")
        .unwrap();
    // Reported, not asserted: timing belongs to benches/listen.py.
    eprintln!(
        "time to first audio (debug build): {} ms after the command started; whole run {:?}",
        first["ms"],
        started.elapsed()
    );
}

#[test]
fn the_neural_voice_plays_from_the_chosen_chunk_in_order() {
    let pulse = Pulse::start();
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let (_, all) = listen_to_end(
        aloud(tmp.path())
            .env("PULSE_SERVER", pulse.server())
            .args(["listen", "--engine", "piper", "--from", "4"]),
        &tmp.path().join("events.jsonl"),
        &input,
        300,
    );
    let heard = playback(&all);
    assert_eq!(
        heard,
        [4, 5, 6]
            .iter()
            .flat_map(|&c| [("begin".to_string(), c), ("end".to_string(), c)])
            .collect::<Vec<_>>()
    );
    // Every chunk was synthesized before it began. Whether synthesis keeps ahead of real
    // time is a speed property a loaded machine cannot promise (this test failed so under a
    // load of 7 on 2 cores): speed lives in benches/, not in a timed test.
    for c in 4..=6 {
        let ready = all
            .iter()
            .position(|e| e == &("ready".into(), Some(c)))
            .unwrap_or_else(|| panic!("chunk {c} was never ready: {all:?}"));
        let begin = all
            .iter()
            .position(|e| e == &("begin".into(), Some(c)))
            .unwrap();
        assert!(
            ready < begin,
            "chunk {c} began before it was ready: {all:?}"
        );
    }
}

#[test]
fn no_sound_device_exits_3_naming_what_to_install() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    // An ALSA configuration that defines no device at all: a machine without a sound card
    // or server, whatever this one has.
    let empty_alsa = tmp.path().join("alsa.conf");
    std::fs::write(&empty_alsa, "").unwrap();
    let cases = [
        (
            Some("no-such-device"),
            None,
            None,
            "\"no-such-device\" (no such device)",
        ),
        (
            None,
            Some("no-such-device"),
            None,
            "\"no-such-device\" (no such device)",
        ),
        (
            None,
            None,
            Some(&empty_alsa),
            "\"default\" (Unknown PCM default)",
        ),
    ];
    for (flag, env, alsa_config, says) in cases {
        let mut cmd = aloud(tmp.path());
        cmd.args(["listen", "--engine", "espeak"]).arg(&input);
        if let Some(d) = flag {
            cmd.args(["--device", d]);
        }
        if let Some(d) = env {
            cmd.env("ALOUD_AUDIO_DEVICE", d);
        }
        if let Some(c) = alsa_config {
            cmd.env("ALSA_CONFIG_PATH", c);
        }
        let stderr = exited(run(&mut cmd, 30), 3).stderr();
        assert_eq!(
            stderr.lines().count(),
            1,
            "one line, no alsa-lib noise: {stderr}"
        );
        assert!(
            stderr.starts_with("aloud: error: no sound device"),
            "{stderr}"
        );
        assert!(stderr.contains(says), "{stderr}");
        assert!(stderr.contains("aloud export"), "{stderr}");
        assert!(stderr.contains("apt-get install"), "{stderr}");
    }
}

#[test]
fn platform_without_a_dispatcher_exits_3_with_the_message() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    // SPEECHD_ADDRESS names a socket nobody serves (see `aloud`).
    let out = run(
        aloud(tmp.path())
            .args(["listen", "--engine", "platform"])
            .arg(&input),
        60,
    );
    let stderr = exited(out, 3).stderr();
    assert!(
        stderr.starts_with("aloud: error: no speech service: speech-dispatcher"),
        "{stderr}"
    );
    assert!(
        stderr.contains("apt-get install speech-dispatcher"),
        "{stderr}"
    );
    assert!(stderr.contains("aloud export"), "{stderr}");
    let out = run(
        aloud(tmp.path()).args(["voices", "--engine", "platform"]),
        60,
    );
    exited(out, 3);
}

#[test]
fn platform_that_never_answers_exits_3_after_its_timeout() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    // A socket that accepts connections (the kernel queues them) and never answers.
    let socket = tmp.path().join("silent.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let started = Instant::now();
    let out = run(
        aloud(tmp.path())
            .env(
                "SPEECHD_ADDRESS",
                format!("unix_socket:{}", socket.display()),
            )
            .args(["listen", "--engine", "platform"])
            .arg(&input),
        60,
    );
    let stderr = exited(out, 3).stderr();
    assert!(stderr.contains("did not answer within 5 s"), "{stderr}");
    assert!(stderr.contains("aloud export"), "{stderr}");
    eprintln!("gave up after {:?}", started.elapsed());
}

#[test]
fn platform_reads_every_chunk_in_order_through_a_private_speech_dispatcher() {
    let speechd = SpeechDispatcher::start(SpeechAudio::AlsaNull);
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let (_, all) = listen_to_end(
        aloud(tmp.path())
            .env("SPEECHD_ADDRESS", speechd.address())
            .args(["listen", "--engine", "platform"]),
        &tmp.path().join("events.jsonl"),
        &input,
        60,
    );
    assert_read_in_order(&all, CHUNKS);
    assert_eq!(saved(tmp.path()), vec![]);
    let voices = run(
        aloud(tmp.path())
            .env("SPEECHD_ADDRESS", speechd.address())
            .args(["voices", "--engine", "platform"]),
        60,
    );
    let list = exited(voices, 0).stdout();
    assert!(list.starts_with("platform voices ("), "{list}");
    assert!(
        list.lines()
            .any(|l| l.contains("English") && l.contains(" en-")),
        "{list}"
    );
}

/// `aloud listen` in a pseudo-terminal (100 columns), with `env`.
fn listen_in_terminal(
    state: &Path,
    args: &[&str],
    env: &[(&str, String)],
) -> expectrl::session::OsSession {
    let mut cmd = aloud(state);
    cmd.arg("listen").args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut session = expectrl::Session::spawn(cmd).unwrap();
    session.get_process_mut().set_window_size(100, 30).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(60)));
    session
}

/// Waits for the process in the terminal to end; its exit code.
fn exit_code(session: &mut expectrl::session::OsSession) -> i32 {
    // Read what is left, so the process never blocks on a full terminal.
    let _ = session.expect(expectrl::Eof);
    match session.get_process().wait().unwrap() {
        expectrl::process::unix::WaitStatus::Exited(_, code) => code,
        other => panic!("aloud ended with {other:?}"),
    }
}

#[test]
fn platform_keys_pause_next_previous_and_quit_take_effect() {
    let pulse = Pulse::start();
    let speechd = SpeechDispatcher::start(SpeechAudio::Pulse(&pulse));
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let ev = tmp.path().join("events.jsonl");
    let mut s = listen_in_terminal(
        tmp.path(),
        &[
            "--engine",
            "platform",
            "--events",
            ev.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        &[("SPEECHD_ADDRESS", speechd.address())],
    );
    s.expect(Regex(r"\[1/6\]")).unwrap();
    let mut n = wait_event(&ev, 0, "begin", Some(1), 30);
    // next
    s.send("n").unwrap();
    n = wait_event(&ev, n, "begin", Some(2), 30);
    // pause: nothing begins or ends while paused
    s.send(" ").unwrap();
    n = wait_event(&ev, n, "pause", Some(2), 30);
    s.expect(Regex(r"\[2/6\][^\n]*paused")).unwrap();
    std::thread::sleep(Duration::from_millis(2_500));
    let during = events(&ev)[n..].to_vec();
    assert!(
        !during.iter().any(|(e, _)| e == "begin" || e == "end"),
        "played while paused: {during:?}"
    );
    // resume: the platform speaks the chunk again from its start
    s.send(" ").unwrap();
    n = wait_event(&ev, n, "begin", Some(2), 30);
    // previous, within 2 s of the start: the chunk before
    s.send("p").unwrap();
    n = wait_event(&ev, n, "begin", Some(1), 30);
    // the chunk after it plays on by itself
    s.send("n").unwrap();
    n = wait_event(&ev, n, "begin", Some(2), 30);
    s.send("n").unwrap();
    wait_event(&ev, n, "begin", Some(3), 30);
    s.send("q").unwrap();
    s.expect("stopped at 3/6").unwrap();
    assert_eq!(exit_code(&mut s), 0);
    let all = events(&ev);
    // Every end is that of the chunk that began last.
    let mut current = None;
    for (e, c) in playback(&all) {
        match e.as_str() {
            "begin" => current = Some(c),
            _ => assert_eq!(
                current,
                Some(c),
                "end of {c} while {current:?} played: {all:?}"
            ),
        }
    }
    assert_eq!(all.last().unwrap(), &("quit".to_string(), Some(3)));
    assert_eq!(
        saved(tmp.path()),
        vec![(3, "Gulls followed the last one home.".to_string())]
    );
}

#[test]
fn terminal_shows_the_status_line_and_keys_resume_and_restart_work() {
    let pulse = Pulse::start();
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let input = input.to_str().unwrap();
    let env = [("PULSE_SERVER", pulse.server())];
    let ev = tmp.path().join("events.jsonl");
    let mut s = listen_in_terminal(
        tmp.path(),
        &[
            "--engine",
            "espeak",
            "--events",
            ev.to_str().unwrap(),
            input,
        ],
        &env,
    );
    s.expect("Morning at the Harbour").unwrap();
    s.expect(Regex(r"\[1/6\]  0:0\d / -0:\d\d  175 wpm"))
        .unwrap();
    s.expect("space pause").unwrap();
    s.send("n").unwrap();
    s.expect(Regex(r"\[2/6\]")).unwrap();
    s.expect("The boats came in early.").unwrap();
    s.send("+").unwrap();
    s.expect(Regex(r"\[2/6\][^\n]*200 wpm")).unwrap();
    // The chunks ahead are synthesized again at the new rate.
    let n = wait_event(&ev, 0, "rate 200", Some(2), 30);
    wait_event(&ev, n, "ready", Some(3), 30);
    s.send("-").unwrap();
    s.send("-").unwrap();
    s.expect(Regex(r"150 wpm")).unwrap();
    s.send(" ").unwrap();
    s.expect(Regex(r"\[2/6\][^\n]*paused  espeak en-us"))
        .unwrap();
    s.send("q").unwrap();
    s.expect("stopped at 2/6").unwrap();
    assert_eq!(exit_code(&mut s), 0);
    assert_eq!(
        saved(tmp.path()),
        vec![(2, "The boats came in early.".to_string())]
    );

    // The next listen goes on there; an arrow key moves on.
    let mut s = listen_in_terminal(tmp.path(), &["--engine", "espeak", input], &env);
    s.expect(Regex(r"\[2/6\]")).unwrap();
    s.send("\x1b[C").unwrap();
    s.expect(Regex(r"\[3/6\]")).unwrap();
    s.send("q").unwrap();
    assert_eq!(exit_code(&mut s), 0);
    assert_eq!(saved(tmp.path())[0].0, 3);

    // --restart starts over, --from N at N; Ctrl-C saves and exits 130.
    let mut s = listen_in_terminal(
        tmp.path(),
        &["--engine", "espeak", "--restart", input],
        &env,
    );
    s.expect(Regex(r"\[1/6\]")).unwrap();
    s.send("q").unwrap();
    assert_eq!(exit_code(&mut s), 0);
    let mut s = listen_in_terminal(
        tmp.path(),
        &["--engine", "espeak", "--from", "5", input],
        &env,
    );
    s.expect(Regex(r"\[5/6\]")).unwrap();
    s.send("\x03").unwrap();
    s.expect("position saved at 5/6").unwrap();
    assert_eq!(exit_code(&mut s), 130);
    assert_eq!(saved(tmp.path())[0].0, 5);
}

#[test]
fn an_interrupt_without_a_terminal_saves_where_reading_stopped() {
    let pulse = Pulse::start();
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let ev = tmp.path().join("events.jsonl");
    let child = aloud(tmp.path())
        .env("PULSE_SERVER", pulse.server())
        .args(["listen", "--engine", "espeak", "--events"])
        .arg(&ev)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_event(&ev, 0, "begin", Some(2), 60);
    // SAFETY: kill(2) on the pid of a child this test spawned and has not reaped.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let stderr = exited(child.wait_with_output().unwrap(), 130).stderr();
    assert!(stderr.contains("position saved at 2/6"), "{stderr}");
    assert_eq!(
        saved(tmp.path()),
        vec![(2, "The boats came in early.".to_string())]
    );
}

#[test]
fn an_article_in_another_language_is_read_by_a_voice_for_it() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("port.txt");
    std::fs::write(
        &input,
        "Le port au matin\n\nLes bateaux sont rentrés tôt ce matin. Les mouettes ont suivi \
         le dernier jusqu’au port. Le marché a ouvert à six heures.\n",
    )
    .unwrap();
    let (_, all) = listen_to_end(
        aloud(tmp.path()).args(["listen", "--engine", "espeak", "--device", "null"]),
        &tmp.path().join("events.jsonl"),
        &input,
        60,
    );
    assert!(all.iter().any(|(e, _)| e == "open espeak fr"), "{all:?}");
    assert_read_in_order(&all, 4);
}

#[test]
fn a_dispatcher_that_takes_text_and_never_speaks_exits_3() {
    // speech-dispatcher on a machine without sound: its module cannot open the audio, and it
    // accepts every message without a begin or an end.
    let speechd = SpeechDispatcher::start(SpeechAudio::Nowhere);
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let out = run(
        aloud(tmp.path())
            .env("SPEECHD_ADDRESS", speechd.address())
            .args(["listen", "--engine", "platform"])
            .arg(&input),
        90,
    );
    let stderr = exited(out, 3).stderr();
    // On a loaded machine the dispatcher, its module failing, can also stop answering for
    // the 5 s aloud gives it (seen in two fresh-clone runs under a load of 2–4): the other
    // honest reason for the same exit.
    assert!(
        stderr.contains("did not speak it within 10 s")
            || stderr.contains("stopped answering for 5 s"),
        "{stderr}"
    );
    assert!(stderr.contains("aloud export"), "{stderr}");
    assert_eq!(
        saved(tmp.path()),
        vec![(1, "Morning at the Harbour".to_string())]
    );
}
