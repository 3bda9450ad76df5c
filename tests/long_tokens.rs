//! Bounded memory on hostile tokens (issue 12): a 5,000-character token and a 2,000-character
//! Chinese paragraph are narrated by a real export, and the exporting process's peak resident
//! memory (`ru_maxrss` from `wait4`) stays bounded. Before chunks were capped, one
//! 1,050-character token took the neural voice 2.9 GB and a 300-character Chinese paragraph
//! 6.5 GB; the bound here, 1 GiB, is about twice the neural voice's measured working set
//! (547–562 MiB, BENCHMARKS.md).

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;

use common::{aloud_std, read_wav};

const BOUND_KIB: i64 = 1024 * 1024;

/// Runs an export of `text` and returns (exit status, peak RSS in KiB).
// The child is reaped by `wait4` (which also gives its rusage), not `Child::wait`.
#[allow(clippy::zombie_processes)]
fn export_peak(dir: &Path, text: &str, extra: &[&str]) -> (std::process::ExitStatus, i64) {
    let article = dir.join("article.txt");
    std::fs::write(&article, text).unwrap();
    let child = aloud_std()
        .args(["export", "-q", "--no-cache"])
        .args(extra)
        .arg(&article)
        .arg("-o")
        .arg(dir.join("out"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, zeroed is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    (std::process::ExitStatus::from_raw(status), usage.ru_maxrss)
}

fn token(n: usize) -> String {
    // A base64-like blob: letters, digits, + and /, no spaces.
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x: u32 = 7;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            alphabet[(x >> 16) as usize % alphabet.len()] as char
        })
        .collect()
}

#[test]
fn a_5000_character_token_is_narrated_by_the_neural_voice_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("The key was {} and it worked.\n", token(5000));
    let (status, peak) = export_peak(dir.path(), &text, &["--engine", "piper", "--voice", "joe"]);
    assert!(status.success(), "{status}");
    assert!(peak < BOUND_KIB, "peak RSS {peak} KiB");
    let (_, samples) = read_wav(&dir.path().join("out/article/article.wav"));
    assert!(samples.len() > 22_050, "audio was written");
}

#[test]
fn a_2000_character_chinese_paragraph_is_narrated_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/zh_paragraph.txt"),
    )
    .unwrap();
    assert!(text.trim().chars().count() >= 2000);
    let (status, peak) = export_peak(dir.path(), &text, &[]);
    assert!(status.success(), "{status}");
    assert!(peak < BOUND_KIB, "peak RSS {peak} KiB");
}
