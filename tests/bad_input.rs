//! Bad input: a one-line error naming the file and the problem, a non-zero exit, and the
//! output folder untouched.

mod common;

use std::path::Path;

use common::*;

/// Runs `aloud export INPUT -o <tmp>/out` and checks the failure contract. Returns stderr.
fn fails_cleanly(input: &Path, expected: &[&str]) -> String {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    let assert = aloud()
        .arg("export")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one-line error, got: {stderr}"
    );
    assert!(stderr.starts_with("aloud: error: "), "{stderr}");
    assert!(
        stderr.contains(&input.display().to_string()),
        "error names {}: {stderr}",
        input.display()
    );
    for e in expected {
        assert!(stderr.contains(e), "error mentions {e:?}: {stderr}");
    }
    assert!(!out.exists(), "output folder was created for bad input");
    stderr
}

/// The failed run printed one line saying it cannot write to `out`.
fn assert_cannot_write(assert: &assert_cmd::assert::Assert, out: &Path) {
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&out.display().to_string()) && stderr.contains("cannot write"),
        "{stderr}"
    );
}

fn file_with(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    fails_cleanly(&dir.path().join("nope.txt"), &["no such file"]);
}

#[test]
fn directory_without_articles() {
    let dir = tempfile::tempdir().unwrap();
    file_with(dir.path(), "photo.png", b"\x89PNG\r\n\x1a\n");
    file_with(dir.path(), "notes.doc", b"text");
    fails_cleanly(dir.path(), &["no articles"]);
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    fails_cleanly(&file_with(dir.path(), "empty.txt", b""), &["empty"]);
}

#[test]
fn whitespace_and_debris_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = file_with(
        dir.path(),
        "debris.txt",
        b"Show image\n\nAdvertisement\n\n   \n",
    );
    fails_cleanly(&p, &["no readable text"]);
}

#[test]
fn png_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend([0u8; 64]);
    fails_cleanly(&file_with(dir.path(), "picture.png", &png), &["PNG image"]);
    // Renaming it does not fool the check.
    fails_cleanly(&file_with(dir.path(), "picture.txt", &png), &["PNG image"]);
}

#[test]
fn latin1_file_is_read_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = file_with(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 society returns.\n\nIt was \x93quite\x94 a night.\n",
    );
    let assert = aloud()
        .arg("script")
        .arg("--json")
        .arg(&p)
        .assert()
        .success();
    let plan: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(plan["chunks"][0]["text"], "Café society returns.");
    assert_eq!(plan["chunks"][1]["text"], "It was “quite” a night.");
}

#[test]
fn nul_bytes_without_utf16_bom_are_binary() {
    let dir = tempfile::tempdir().unwrap();
    let p = file_with(dir.path(), "data.txt", b"W\0o\0r\0d\0s\0 \0h\0e\0r\0e\0");
    fails_cleanly(&p, &["binary file"]);
}

#[test]
fn utf16_file_with_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("Café opens.\n".encode_utf16().flat_map(u16::to_le_bytes));
    let p = file_with(dir.path(), "utf16.txt", &bytes);
    let assert = aloud()
        .arg("script")
        .arg("--json")
        .arg(&p)
        .assert()
        .success();
    let plan: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(plan["chunks"][0]["text"], "Café opens.");
}

/// UTF-16 without a BOM, as some Windows tools save it, is read (it was refused as "a binary
/// file"); a short run of NUL-strewn bytes above stays binary.
#[test]
fn utf16_file_without_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The harbour opens at nine. Café tables line the quay.\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let p = file_with(dir.path(), "utf16.txt", &bytes);
    let printed = run_aloud(aloud().args(["script", "--json"]).arg(&p), 0);
    let plan: serde_json::Value = serde_json::from_str(&printed.stdout()).unwrap();
    assert_eq!(plan["chunks"][0]["text"], "The harbour opens at nine.");
    assert_eq!(plan["chunks"][1]["text"], "Café tables line the quay.");
}

/// A broken symbolic link in a folder of articles is one of the folder's problems, named as
/// such, not skipped without a word; with --keep-going the good article is narrated.
#[cfg(unix)]
#[test]
fn broken_link_in_a_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("good.txt"), "The ferry leaves at ten.\n").unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), articles.join("broken.txt")).unwrap();
    let out = dir.path().join("out");
    let printed = run_aloud(
        aloud()
            .args(["export", "--engine", "none"])
            .arg(&articles)
            .arg("-o")
            .arg(&out),
        1,
    );
    let err = printed.stderr();
    assert!(
        err.contains("broken.txt: a broken symbolic link (to "),
        "{err}"
    );
    assert!(!out.exists(), "nothing written without --keep-going");
    run_aloud(
        aloud()
            .args(["export", "--engine", "none", "--keep-going"])
            .arg(&articles)
            .arg("-o")
            .arg(&out),
        1,
    );
    assert!(out.join("good/script.txt").is_file());
}

#[test]
fn one_bad_input_among_good_ones_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = file_with(dir.path(), "empty.md", b"");
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    aloud()
        .arg("export")
        .arg(articles_dir().join("harbour-council-vote.txt"))
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists());
}

#[test]
fn unwritable_output_folder() {
    let root = tempfile::tempdir().unwrap();
    // A regular file where a folder of the output's path should be: not writable as a
    // folder, even by root. (`-o` naming the file itself is a usage error, tested below.)
    let out = file_with(root.path(), "out", b"keep me");
    let assert = aloud()
        .args(["export", "--engine", "espeak"])
        .arg(articles_dir().join("harbour-council-vote.txt"))
        .arg("-o")
        .arg(out.join("sub"))
        .assert()
        .code(1);
    assert_cannot_write(&assert, &out);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        b"keep me",
        "the file is untouched"
    );
    assert_eq!(tree(root.path()), ["out"]);
}

#[test]
fn read_only_output_folder() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = root.path().join("ro");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    let article = root.path().join("a.txt");
    std::fs::write(&article, "A short article. It has two sentences.\n").unwrap();
    std::fs::set_permissions(&article, std::fs::Permissions::from_mode(0o644)).unwrap();

    let mut cmd = aloud();
    // Root ignores permissions, so as root the run drops to `nobody` (setpriv, util-linux),
    // for whom the folder really is read-only.
    let as_root = std::fs::write(out.join("probe"), b"").is_ok();
    if as_root {
        std::fs::remove_file(out.join("probe")).unwrap();
        let bin = assert_cmd::cargo::cargo_bin("aloud");
        cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin);
        // A home nobody can write to, so libraries that keep per-user state stay quiet.
        let home = root.path().join("home");
        std::fs::create_dir(&home).unwrap();
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
        cmd.env("HOME", &home);
    }
    let assert = cmd
        .args(["export", "--engine", "espeak"])
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert_cannot_write(&assert, &out);
    assert!(tree(&out).is_empty());
}

#[test]
fn endless_device_is_refused_at_the_input_size_limit() {
    // /dev/zero never ends and reports no size: it is read up to the limit and refused.
    fails_cleanly(
        Path::new("/dev/zero"),
        &["larger than 50 MB", "--max-input-size"],
    );
}

#[test]
fn file_and_stdin_over_the_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = file_with(
        dir.path(),
        "big.txt",
        &b"All work and no play. ".repeat(60_000),
    );
    let out = dir.path().join("out");
    let assert = aloud()
        .args(["export", "--max-input-size", "1"])
        .arg(&big)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("big.txt: larger than 1 MB"), "{stderr}");
    assert!(!out.exists());
    // The same text through a pipe: stdin has no size to check first.
    let assert = aloud()
        .args(["script", "-", "--max-input-size", "1"])
        .write_stdin(std::fs::read(&big).unwrap())
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("larger than 1 MB"), "{stderr}");
    // Under the limit it is read.
    aloud()
        .args(["script", "--max-input-size", "2"])
        .arg(&big)
        .assert()
        .success();
}

#[test]
fn every_bad_input_is_listed_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let good = file_with(dir.path(), "good.txt", b"A good article. It reads well.\n");
    let empty = file_with(dir.path(), "empty.txt", b"");
    let binary = file_with(dir.path(), "pic.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let missing = dir.path().join("missing.txt");
    let out = dir.path().join("out");
    let assert = aloud()
        .args(["export", "--engine", "espeak"])
        .args([&good, &empty, &binary, &missing])
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "one line per bad input: {stderr}");
    assert!(
        lines.iter().all(|l| l.starts_with("aloud: error: ")),
        "{stderr}"
    );
    for name in ["empty.txt", "pic.png", "missing.txt"] {
        assert!(lines.iter().any(|l| l.contains(name)), "{name}: {stderr}");
    }
    assert!(!out.exists(), "nothing written without --keep-going");
}

#[test]
fn keep_going_narrates_the_good_inputs_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = file_with(dir.path(), "good.txt", b"A good article. It reads well.\n");
    let also = file_with(dir.path(), "also.txt", b"Another one. Short too.\n");
    let empty = file_with(dir.path(), "empty.txt", b"");
    let missing = dir.path().join("missing.txt");
    let out = dir.path().join("out");
    let assert = aloud()
        .args(["export", "--engine", "espeak", "-q", "--keep-going"])
        .args([&good, &empty, &missing, &also])
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("empty.txt") && stderr.contains("missing.txt"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .contains("2 of 4 inputs failed"),
        "{stderr}"
    );
    assert!(out.join("good/good.wav").exists());
    assert!(out.join("also/also.wav").exists());
    // Again without --force: the existing folders are the failures now, listed, not fatal.
    let assert = aloud()
        .args(["export", "--engine", "espeak", "-q", "--keep-going"])
        .args([&good, &also])
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(stderr.contains("2 of 2 inputs failed"), "{stderr}");
}

#[test]
fn an_unwritable_home_brings_no_sound_server_messages() {
    // libespeak-ng's PulseAudio probe used to print "Failed to create secure directory"
    // here; aloud never plays sound, so nothing about it may appear.
    let dir = tempfile::tempdir().unwrap();
    let article = file_with(
        dir.path(),
        "a.txt",
        b"A short note. It has two sentences.\n",
    );
    let assert = aloud()
        .env("HOME", "/proc/no-such-home")
        .env_remove("PULSE_SERVER")
        // libpulse puts its directory under $XDG_CONFIG_HOME when set (aloud() sets it).
        .env_remove("XDG_CONFIG_HOME")
        .args(["export", "--engine", "espeak", "-q", "--no-cache"])
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn stdin_twice_and_an_output_that_is_a_file_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let article = file_with(dir.path(), "a.txt", b"The harbour opened at dawn.\n");
    let a = aloud()
        .args(["export", "--engine", "espeak", "-", "-", "-o"])
        .arg(dir.path().join("out"))
        .write_stdin("Some text.\n")
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("standard input is given more than once"),
        "{err}"
    );
    // -o naming an existing file that is not an audio file name.
    let notes = file_with(dir.path(), "notes.txt", b"mine\n");
    let a = aloud()
        .args(["export", "--engine", "espeak"])
        .arg(&article)
        .arg("-o")
        .arg(&notes)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("notes.txt: is a file, not a folder"), "{err}");
    assert_eq!(std::fs::read(&notes).unwrap(), b"mine\n");
}

#[test]
fn a_volume_of_zero_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let article = file_with(dir.path(), "a.txt", b"The harbour opened at dawn.\n");
    let a = aloud()
        .args(["export", "--engine", "espeak", "--volume", "0", "-o"])
        .arg(dir.path().join("out"))
        .arg(&article)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("--volume") && err.contains("1..=200"), "{err}");
    assert!(!dir.path().join("out").exists());
}

/// Under a file-size limit (`prlimit --fsize`) with only `--format mp3,flac` asked for, the
/// error names the MP3 the user asked for, not pass 1's raw WAV (it said
/// `…/harbour-council-vote.wav`, a file nobody asked for); with `-o story.mp3`, that file.
#[test]
fn a_file_size_limit_names_the_file_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &Path, extra: &[&str]| {
        let output = std::process::Command::new("prlimit")
            .arg("--fsize=2000000")
            .arg(assert_cmd::cargo::cargo_bin("aloud"))
            .args(["export", "--engine", "espeak", "-q", "--no-cache"])
            .arg(articles_dir().join("harbour-council-vote.txt"))
            .args(extra)
            .arg("-o")
            .arg(out)
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .expect("prlimit (util-linux) runs");
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains("File too large"), "{stderr}");
        assert!(!stderr.contains(".wav"), "{stderr}");
        stderr
    };
    let out = dir.path().join("out");
    let err = run(&out, &["--format", "mp3,flac"]);
    let mp3 = out.join("harbour-council-vote/harbour-council-vote.mp3");
    assert!(
        err.starts_with(&format!("aloud: error: {}: cannot write: ", mp3.display())),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    let story = dir.path().join("story.mp3");
    let err = run(&story, &[]);
    assert!(
        err.starts_with(&format!(
            "aloud: error: {}: cannot write: ",
            story.display()
        )),
        "{err}"
    );
    assert!(!story.exists());
}

/// `aloud export -dash.txt`: clap read the name as options and said "unexpected argument
/// '-d' found"; now one line says why and how to name the file, and both ways work.
#[test]
fn an_input_whose_name_starts_with_a_dash_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    file_with(dir.path(), "-dash.txt", b"The harbour opened at dawn.\n");
    let a = aloud()
        .current_dir(dir.path())
        .args(["export", "-dash.txt"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert_eq!(
        err,
        "aloud: error: -dash.txt: read as options because it starts with a dash; to name the \
         file, write aloud export -- -dash.txt (after the options) or aloud export ./-dash.txt\n"
    );
    // Also among options and other inputs, and when clap would take it as `-o ut.md`.
    file_with(
        dir.path(),
        "-out.md",
        b"# Notes\n\nThe tide turned at noon.\n",
    );
    for args in [
        &["export", "--engine", "none", "-dash.txt"][..],
        &["script", "-out.md"],
        &["export", "./-dash.txt", "-out.md"],
    ] {
        let a = aloud().current_dir(dir.path()).args(args).assert().code(2);
        let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(" -- -"), "{args:?}: {err}");
    }
    assert!(!dir.path().join("ut.md").exists());
    // Both suggestions work.
    for args in [
        &[
            "export",
            "--engine",
            "none",
            "-q",
            "-o",
            "a",
            "--",
            "-dash.txt",
        ][..],
        &["export", "--engine", "none", "-q", "-o", "b", "./-dash.txt"],
    ] {
        aloud()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .success();
    }
    assert!(dir.path().join("a/dash/script.txt").is_file());
    assert!(dir.path().join("b/dash/script.txt").is_file());
}

/// `aloud feed DIR --base-url 'http://x/my dir'` said "must be an absolute http:// or
/// https:// URL", which it is; now it names the space and the %20 to write.
#[test]
fn a_base_url_with_a_space_says_to_percent_encode_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = aloud()
        .arg("feed")
        .arg(dir.path())
        .args(["--base-url", "http://x/my dir"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert_eq!(
        err,
        "aloud: error: --base-url \"http://x/my dir\": contains a space, which a URL cannot \
         hold; percent-encode it as %20 (http://x/my%20dir)\n"
    );
    assert!(!dir.path().join("feed.xml").exists());
}

/// A text that is mostly a run of characters without a space (a blob, a key held down) is
/// narrated, but with a warning naming it, since it is spelled out at length; prose is not
/// warned about.
#[test]
fn a_blob_of_characters_without_spaces_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let blob = file_with(dir.path(), "blob.txt", "Q".repeat(3000).as_bytes());
    let printed = run_aloud(aloud().arg("script").arg(&blob), 0);
    let err = printed.stderr();
    assert!(
        err.contains("blob.txt: 3000 of its 3000 characters are runs of 50"),
        "{err}"
    );
    let prose = file_with(
        dir.path(),
        "prose.txt",
        "The harbour master posts the tide tables every Monday morning. "
            .repeat(40)
            .as_bytes(),
    );
    let printed = run_aloud(aloud().arg("script").arg(&prose), 0);
    assert!(
        !printed.stderr().contains("runs of"),
        "{}",
        printed.stderr()
    );
}

/// A command line clap refuses is one line too, prefixed like aloud's own errors, exit 2.
#[test]
fn refused_command_lines_are_one_line_errors() {
    for args in [
        &["export", "--jobs", "0", "x.txt"][..],
        &["feed", "out"][..],
        &["exprt", "x.txt"][..],
    ] {
        let out = aloud().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("aloud: error: "), "{err}");
    }
}

#[test]
fn an_output_named_like_its_input_is_refused_even_with_force() {
    // A tester's `export --force -o a.wav a.wav` replaced the article with its audio.
    let dir = tempfile::tempdir().unwrap();
    let text = b"Sea wall\n\nThe sea wall will cost more than planned, the council said.\n";
    let input = file_with(dir.path(), "a.wav", text);
    let assert = aloud()
        .args(["export", "--engine", "espeak", "--force", "-o"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("never writes over its inputs"), "{stderr}");
    assert_eq!(std::fs::read(&input).unwrap(), text);
}
