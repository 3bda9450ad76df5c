//! Parallel synthesis with the real binary and real libespeak-ng: the same files for any
//! `--jobs`, a worker process killed mid-export replaced without a trace in the output, a
//! chunk whose worker dies twice failing the article by name, and no worker outliving an
//! interrupted export. (The neural voice's `--jobs` test is in `tests/piper.rs`.)

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// An article of `paragraphs` short paragraphs, each sentence different (numbers spoken),
/// so every chunk is distinct.
fn article(dir: &Path, name: &str, paragraphs: usize) -> PathBuf {
    let mut text = String::from("The Harbour Wall\n\n");
    for i in 0..paragraphs {
        text += &format!(
            "The board met for the {i} time to talk about the sea wall. Nobody agreed on the \
             cost of section {i}, and the meeting ran late.\n\n"
        );
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Every file under `dir` with its bytes, by relative path.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    tree(dir)
        .into_iter()
        .filter(|p| dir.join(p).is_file())
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

fn export_with_jobs(input: &Path, out: &Path, jobs: &str) {
    aloud()
        .args([
            "export",
            "--engine",
            "espeak",
            "--no-cache",
            "-q",
            "--jobs",
            jobs,
        ])
        .arg(input)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
}

fn assert_same_files(a: &Path, b: &Path, what: &str) {
    let (a, b) = (contents(a), contents(b));
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "{what}: the same files"
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        if name.ends_with("manifest.json") {
            // The same but for when each export was made.
            let json = |bytes: &[u8]| timeless(&serde_json::from_slice(bytes).unwrap());
            assert_eq!(json(x), json(y), "{what}: {name} differs");
            continue;
        }
        assert!(x == y, "{what}: {name} differs");
    }
}

#[test]
fn espeak_writes_the_same_bytes_for_any_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    article(&input, "harbour.txt", 12);
    std::fs::write(
        input.join("short.md"),
        "# Two Lines\n\nIt rained. Then, quite suddenly, it stopped — and the crowd cheered!\n",
    )
    .unwrap();
    let reference = dir.path().join("jobs-1");
    export_with_jobs(&input, &reference, "1");
    assert!(reference.join("harbour/chunks").read_dir().unwrap().count() > 20);
    for jobs in ["2", "3", "8"] {
        let out = dir.path().join(format!("jobs-{jobs}"));
        export_with_jobs(&input, &out, jobs);
        assert_same_files(&reference, &out, &format!("--jobs {jobs} against --jobs 1"));
    }
}

/// Process ids whose parent is `parent` and whose command line holds `__worker`.
fn workers_of(parent: u32) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // Fields after the command name in parentheses: state, ppid, …
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let ppid: Option<u32> = after.split_whitespace().nth(1).and_then(|p| p.parse().ok());
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if ppid == Some(parent) && String::from_utf8_lossy(&cmdline).contains("__worker") {
            found.push(pid);
        }
    }
    found
}

/// Whether `pid` still runs (a zombie waiting to be reaped has ended).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        let state = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest.trim_start());
        !state.starts_with('Z') && !state.starts_with('X')
    })
}

/// Starts an espeak export in the background with the given jobs and waits until its staging
/// folder holds `chunks` chunk WAVs; returns the child, for the caller to wait for.
#[allow(clippy::zombie_processes)]
fn start_export(input: &Path, out: &Path, jobs: &str, chunks: usize) -> std::process::Child {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("aloud"))
        .args([
            "export",
            "--engine",
            "espeak",
            "--no-cache",
            "-q",
            "--jobs",
            jobs,
        ])
        .arg(input)
        .arg("-o")
        .arg(out)
        .env("XDG_CONFIG_HOME", out.with_file_name("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if staged_chunks(out) >= chunks {
            return child;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("export never started");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn kill(signal: &str, pid: u32) {
    let status = Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill {signal} {pid}");
}

#[test]
fn a_worker_killed_mid_export_is_replaced_and_the_output_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), "long.txt", 150);
    let reference = dir.path().join("reference");
    export_with_jobs(&input, &reference, "1");

    let out = dir.path().join("out");
    let child = start_export(&input, &out, "2", 5);
    let workers = workers_of(child.id());
    assert!(!workers.is_empty(), "the export runs worker processes");
    kill("-KILL", workers[0]);
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "nothing printed: {output:?}");
    assert!(!running(workers[0]));
    assert_same_files(&reference, &out, "after a worker was killed");
}

#[test]
fn a_chunk_whose_worker_dies_twice_fails_the_article_naming_the_chunk() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("doomed.txt");
    std::fs::write(
        &input,
        "A Short Note\n\nThe first sentence is fine. The second one mentions the lighthouse \
         keeper. The third is fine again.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    for jobs in ["1", "2"] {
        let assert = aloud()
            .args([
                "export",
                "--engine",
                "espeak",
                "--no-cache",
                "-q",
                "--jobs",
                jobs,
            ])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .env("ALOUD_WORKER_CRASH_ON", "lighthouse")
            .assert()
            .failure()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        // Chunk 1 is the title; the sentence with the word is chunk 3.
        for expected in [
            "doomed.txt: chunk 3:",
            "exited with status 70",
            "failed twice",
        ] {
            assert!(stderr.contains(expected), "{expected:?} in {stderr}");
        }
        assert!(
            tree(&out).is_empty(),
            "--jobs {jobs}: nothing left: {:?}",
            tree(&out)
        );
    }
}

#[test]
fn workers_end_with_an_interrupted_export_and_print_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), "long.txt", 400);
    let out = dir.path().join("out");
    let child = start_export(&input, &out, "2", 3);
    let workers = workers_of(child.id());
    assert_eq!(workers.len(), 2, "two worker processes");
    kill("-INT", child.id());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    // Their stdin closed with the main process: each ends within the chunk it was speaking.
    let start = Instant::now();
    while workers.iter().any(|&w| running(w)) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "workers outlived the export: {:?}",
            workers.iter().filter(|&&w| running(w)).collect::<Vec<_>>()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(tree(&out).is_empty(), "left behind: {:?}", tree(&out));
}

/// One frame of the worker protocol: 4-byte little-endian length, then the bytes.
fn frame(bytes: &[u8]) -> Vec<u8> {
    let mut f = (bytes.len() as u32).to_le_bytes().to_vec();
    f.extend_from_slice(bytes);
    f
}

fn read_frame(r: &mut impl Read) -> Vec<u8> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len).unwrap();
    let mut body = vec![0u8; u32::from_le_bytes(len) as usize];
    r.read_exact(&mut body).unwrap();
    body
}

#[test]
fn a_worker_speaks_a_text_the_same_whatever_it_spoke_before() {
    let mut worker = Command::new(assert_cmd::cargo::cargo_bin("aloud"))
        .args(["__worker", "espeak"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = worker.stdin.take().unwrap();
    let mut stdout = worker.stdout.take().unwrap();
    stdin
        .write_all(&frame(
            br#"{"voice":null,"rate":175,"pitch":null,"volume":100}"#,
        ))
        .unwrap();
    let ready = read_frame(&mut stdout);
    assert_eq!(ready[0], 0, "ready: {}", String::from_utf8_lossy(&ready));
    let ready: serde_json::Value = serde_json::from_slice(&ready[1..]).unwrap();
    assert_eq!(ready["sample_rate"], 22050);
    let texts = [
        "The ferry left at nine.",
        "Why? Because the sea was calm, and the captain said so.",
        "The ferry left at nine.",
        "Sssh, she hissed.",
        "Why? Because the sea was calm, and the captain said so.",
    ];
    let mut answers = Vec::new();
    for t in texts {
        stdin.write_all(&frame(t.as_bytes())).unwrap();
        let answer = read_frame(&mut stdout);
        assert_eq!(answer[0], 0, "{t}: {}", String::from_utf8_lossy(&answer));
        assert!(answer.len() > 10_000, "{t}: speech");
        answers.push(answer);
    }
    assert!(answers[0] == answers[2], "the same text, byte for byte");
    assert!(answers[1] == answers[4], "the same text, byte for byte");
    assert!(answers[0] != answers[1]);
    // A closed stdin ends the worker quietly.
    drop(stdin);
    let status = worker.wait().unwrap();
    assert!(status.success());
    let mut stderr = String::new();
    worker
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn the_worker_subcommand_is_hidden() {
    let assert = aloud().arg("--help").assert().success();
    let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(!help.contains("__worker"), "{help}");
    let assert = aloud().args(["export", "--help"]).assert().success();
    let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(help.contains("--jobs"), "{help}");
}
