//! `aloud book` (issue 15, item 4): a reading list or a folder narrated into one M4B, MP3 or
//! Opus file with a chapter per article, read back with `ffprobe` (length and chapters
//! against the manifest) and ffmpeg's EBU R128 meter; bad list lines and output names. Real
//! engines, real files; ffmpeg is installed by scripts/setup.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn num(v: &Value) -> f64 {
    match v {
        Value::String(s) => s.parse().unwrap(),
        v => v.as_f64().unwrap(),
    }
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

/// `aloud book --engine espeak -q INPUT -o OUTPUT`, run.
fn run_book(input: &Path, output: &Path) -> assert_cmd::assert::Assert {
    aloud()
        .args(["book", "--engine", "espeak", "-q"])
        .arg(input)
        .arg("-o")
        .arg(output)
        .assert()
}

/// [`run_book`], which must exit with `code` and one line on stderr: that line.
fn book_error(input: &Path, output: &Path, code: i32) -> String {
    let err = stderr(&run_book(input, output).code(code));
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

/// Checks a book against its manifest: ffprobe reads it; its length (less the encoder delay
/// ffprobe reports as start time) is within 50 ms of `duration_ms`; it has one chapter per
/// article, titled and timed as the manifest says (±50 ms), the first at 0, each other where
/// its spoken "Chapter n." is heard; the table of contents agrees with the chapters; and the
/// files list gives its size. Returns the manifest.
fn check_book(book: &Path, codec: &str, sources: &[&str]) -> Value {
    let name = book.file_name().unwrap().to_string_lossy();
    let m = read_json(&book.with_file_name(format!("{name}.manifest.json")));
    let probe = ffprobe(book);
    assert_eq!(probe["streams"][0]["codec_name"], codec);
    let format = &probe["format"];
    let duration_ms = m["duration_ms"].as_f64().unwrap();
    let start = format.get("start_time").map_or(0.0, num);
    let length_ms = (num(&format["duration"]) - start) * 1000.0;
    assert!(
        (length_ms - duration_ms).abs() <= 50.0,
        "{}: {length_ms:.1} ms against the manifest's {duration_ms}",
        book.display()
    );
    assert_eq!(m["audio"], book.file_name().unwrap().to_str().unwrap());
    assert_eq!(
        m["files"][0]["format"],
        book.extension().unwrap().to_str().unwrap()
    );
    assert_eq!(
        m["files"][0]["bytes"].as_u64(),
        Some(std::fs::metadata(book).unwrap().len())
    );

    let toc = m["toc"].as_array().unwrap();
    let got_sources: Vec<String> = toc
        .iter()
        .map(|t| {
            Path::new(t["source"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(got_sources, sources, "the articles in order");

    let wanted = m["chapters"].as_array().unwrap();
    let chapters = probe["chapters"].as_array().unwrap();
    assert_eq!(wanted.len(), sources.len(), "one chapter per article");
    assert_eq!(chapters.len(), wanted.len(), "{}: chapters", book.display());
    let chunks = m["chunks"].as_array().unwrap();
    for (n, ((got, want), entry)) in chapters.iter().zip(wanted).zip(toc).enumerate() {
        let start_ms = num(&got["start_time"]) * 1000.0;
        let want_start = want["start_ms"].as_f64().unwrap();
        assert!(
            (start_ms - want_start).abs() <= 50.0,
            "{}: chapter {} at {start_ms} ms, the manifest says {want_start}",
            book.display(),
            n + 1
        );
        assert_eq!(got["tags"]["title"], want["title"], "{}", book.display());
        assert_eq!(entry["title"], want["title"]);
        assert_eq!(entry["start_ms"], want["start_ms"]);
        assert_eq!(entry["end_ms"], want["end_ms"]);
        assert_eq!(entry["chapter"], n + 1);
        // The chapter opens with its spoken title.
        let first = &chunks[entry["first_chunk"].as_u64().unwrap() as usize - 1];
        let title = want["title"].as_str().unwrap();
        assert_eq!(
            first["text"].as_str().unwrap().trim_end_matches('.'),
            format!("Chapter {}. {}", n + 1, title.trim_end_matches('.')),
        );
        if n == 0 {
            assert_eq!(want["start_ms"], 0);
        } else {
            assert_eq!(want["start_ms"], first["start_ms"]);
        }
    }
    let last = wanted.last().unwrap();
    assert_eq!(last["end_ms"].as_f64().unwrap(), duration_ms);
    m
}

/// The three sample articles in a list's order, with comments, blank lines, a relative path
/// and an absolute one.
fn write_list(dir: &Path) -> std::path::PathBuf {
    std::fs::copy(
        articles_dir().join("harbour-council-vote.txt"),
        dir.join("harbour-council-vote.txt"),
    )
    .unwrap();
    let list = dir.join("reading.txt");
    std::fs::write(
        &list,
        format!(
            "# Saturday reading\n\n{}\n   # the harbour one sits beside the list\nharbour-council-vote.txt\n{}  # a page\n",
            articles_dir().join("learning-to-bake-sourdough.md").display(),
            articles_dir().join("night-trains-return.html").display(),
        ),
    )
    .unwrap();
    list
}

const LIST_ORDER: [&str; 3] = [
    "learning-to-bake-sourdough.md",
    "harbour-council-vote.txt",
    "night-trains-return.html",
];

#[test]
fn a_reading_list_becomes_one_book_in_each_format_with_a_chapter_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let list = write_list(dir.path());
    let out = dir.path().join("out");
    for (ext, codec) in [("m4b", "aac"), ("mp3", "mp3"), ("opus", "opus")] {
        let book = out.join(format!("weekend.{ext}"));
        let a = aloud()
            .args(["book", "--engine", "espeak", "--title", "Weekend reading"])
            .arg(&list)
            .arg("-o")
            .arg(&book)
            .assert()
            .success();
        let said = String::from_utf8_lossy(&a.get_output().stdout).to_string();
        assert!(said.contains("3 chapters"), "{said}");
        let m = check_book(&book, codec, &LIST_ORDER);
        assert_eq!(m["title"], "Weekend reading");
        assert_eq!(m["source"], list.display().to_string());
        // Headings inside an article are sections of its table-of-contents entry.
        let sections: Vec<&str> = m["toc"][0]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap())
            .collect();
        assert_eq!(sections.len(), 3, "{sections:?}");
        assert_eq!(sections[0], "Starting the starter");
        // Mastered as one programme: the master on target, the decoded file near it, no clip.
        let l = &m["loudness"];
        assert_eq!(l["standard"], "podcast");
        let after = l["after"]["integrated_lufs"].as_f64().unwrap();
        assert!((after + 16.0).abs() <= 0.5, "{ext}: master at {after} LUFS");
        assert!(l["after"]["true_peak_dbtp"].as_f64().unwrap() <= -1.5);
        let (i, tp) = ffmpeg_loudness(&book);
        eprintln!("{ext}: {i} LUFS, true peak {tp} dBTP (ffmpeg ebur128)");
        assert!((i + 16.0).abs() <= 1.0, "{ext}: {i} LUFS");
        assert!(tp < 0.0, "{ext}: decoded true peak {tp}");
    }
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "weekend.m4b",
            "weekend.m4b.manifest.json",
            "weekend.mp3",
            "weekend.mp3.manifest.json",
            "weekend.opus",
            "weekend.opus.manifest.json"
        ],
        "each book and its manifest, nothing else"
    );
}

#[test]
fn a_folder_is_read_in_name_order_and_an_existing_book_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("all-samples.opus");
    run_book(&articles_dir(), &book).success();
    let m = check_book(
        &book,
        "opus",
        &[
            "harbour-council-vote.txt",
            "learning-to-bake-sourdough.md",
            "night-trains-return.html",
        ],
    );
    assert_eq!(m["title"], "all samples");
    // Again without --force: refused, the book untouched.
    let before = std::fs::read(&book).unwrap();
    let err = book_error(&articles_dir(), &book, 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&book).unwrap(), before);
}

#[test]
fn a_bad_list_line_is_one_error_naming_the_line_and_keep_going_leaves_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    std::fs::write(
        &list,
        format!(
            "# two good, one missing\n{}\nmissing-article.md\n{}\n",
            articles_dir().join("harbour-council-vote.txt").display(),
            articles_dir().join("night-trains-return.html").display(),
        ),
    )
    .unwrap();
    let book = dir.path().join("book.m4b");
    let err = book_error(&list, &book, 1);
    assert!(
        err.contains(&format!("{}:3: ", list.display()))
            && err.contains("missing-article.md: no such file"),
        "{err}"
    );
    assert_eq!(tree(dir.path()), ["list.txt"], "nothing written");

    // --keep-going: the book of the two good articles, the bad line reported, exit 1.
    let a = aloud()
        .args(["book", "--engine", "espeak", "--keep-going", "-q"])
        .arg(&list)
        .arg("-o")
        .arg(&book)
        .assert()
        .code(1);
    let err = stderr(&a);
    assert!(err.contains(":3: "), "{err}");
    assert!(err.contains("1 of 3 inputs failed"), "{err}");
    check_book(
        &book,
        "aac",
        &["harbour-council-vote.txt", "night-trains-return.html"],
    );

    // A line naming the list itself is refused (it was read out as a chapter).
    let selfish = dir.path().join("self.txt");
    std::fs::write(
        &selfish,
        format!(
            "self.txt\n{}\n",
            articles_dir().join("harbour-council-vote.txt").display()
        ),
    )
    .unwrap();
    let err = book_error(&selfish, &dir.path().join("self.mp3"), 1);
    assert!(
        err.contains("self.txt:1: ") && err.contains("the reading list itself"),
        "{err}"
    );
    assert!(!dir.path().join("self.mp3").exists());

    // A list of only comments names the list.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "# nothing yet\n\n").unwrap();
    let err = book_error(&empty, &dir.path().join("empty.mp3"), 1);
    assert!(
        err.contains("empty.txt") && err.contains("names no articles"),
        "{err}"
    );
    assert!(!dir.path().join("empty.mp3").exists());
}

#[test]
fn an_article_in_another_language_than_the_books_voice_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a-garden.txt"),
        "Garden notes\n\nThe beans came up in a week and the peas in two, and the rain held off.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b-marche.txt"),
        "Le marché\n\nLe boulanger du village ouvre sa boutique tous les matins à six heures. \
         Les premiers clients arrivent avant le lever du soleil.\n",
    )
    .unwrap();
    let a = run_book(dir.path(), &dir.path().join("book.mp3")).success();
    let err = stderr(&a);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("b-marche.txt: in French (fr), read by the book's one voice"),
        "{err}"
    );
}

#[test]
fn an_output_without_a_book_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, named) in [
        ("book.wav", "wav files cannot carry chapters"),
        ("book.flac", "flac files cannot carry chapters"),
        ("book", "not an audio file name"),
        ("book.txt", "not an audio file name"),
    ] {
        let err = book_error(&articles_dir(), &dir.path().join(name), 2);
        assert!(err.starts_with("aloud: error: -o "), "{err}");
        assert!(
            err.contains(named) && err.contains(".m4b, .mp3 or .opus"),
            "{err}"
        );
    }
    assert!(tree(dir.path()).is_empty(), "nothing written");
}

#[test]
fn the_default_voice_reads_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("short.txt");
    std::fs::write(
        dir.path().join("one.md"),
        "# The pier\n\nThe pier opens at nine.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("two.txt"),
        "The ferry\n\nIt leaves at noon. It returns at six.\n",
    )
    .unwrap();
    std::fs::write(&list, "one.md\ntwo.txt\n").unwrap();
    let book = dir.path().join("short.m4b");
    aloud()
        .args(["book", "-q"])
        .arg(&list)
        .arg("-o")
        .arg(&book)
        .assert()
        .success();
    let m = check_book(&book, "aac", &["one.md", "two.txt"]);
    // The default voice (installed by scripts/test), mastered like any export.
    assert_eq!(m["engine"]["name"], "hibari");
    let after = m["loudness"]["after"]["integrated_lufs"].as_f64().unwrap();
    assert!((after + 16.0).abs() <= 0.5, "master at {after} LUFS");
    let titles: Vec<&str> = m["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["The pier", "The ferry"]);
}

/// Bytes in the staging folders (`.NAME.partial-PID`) under `dir`.
fn staged_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".partial-"))
        .flat_map(|e| std::fs::read_dir(e.path()).into_iter().flatten().flatten())
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum()
}

#[test]
fn ctrl_c_leaves_no_book_and_no_manifest() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "The harbour board met again on Tuesday to talk about the sea wall. \
                     Nobody agreed on the cost, and the meeting ran late into the evening.\n\n";
    std::fs::write(dir.path().join("long.txt"), paragraph.repeat(300)).unwrap();
    std::fs::write(dir.path().join("list.txt"), "long.txt\n").unwrap();
    let child = Command::new(assert_cmd::cargo::cargo_bin("aloud"))
        .args([
            "book", "--engine", "espeak", "-q", "list.txt", "-o", "long.m4b",
        ])
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("ALOUD_CACHE_DIR", dir.path().join("cache"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the book is being built: its staging folder holds audio.
    let start = Instant::now();
    while staged_bytes(dir.path()) < 200_000 {
        assert!(start.elapsed() < Duration::from_secs(60), "never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted"), "{stderr}");
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "cache" && n != "config")
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["list.txt", "long.txt"],
        "no book, no manifest, no staging"
    );
}

/// Serves `count` connections on 127.0.0.1: `/night` is the sample HTML article, anything
/// else a 404. Returns the base URL.
fn serve_pages(count: usize) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let page = std::fs::read(articles_dir().join("night-trains-return.html")).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut stream) = stream else { continue };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let reply = if head.starts_with(b"GET /night ") {
                let mut r = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n",
                    page.len()
                )
                .into_bytes();
                r.extend_from_slice(&page);
                r
            } else {
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
            };
            let _ = stream.write_all(&reply);
        }
    });
    url
}

#[test]
fn url_entries_are_read_as_export_reads_them_and_a_bad_one_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = serve_pages(3);
    let list = dir.path().join("web.txt");
    std::fs::write(&list, format!("{url}/night\n{url}/gone\n")).unwrap();
    let book = dir.path().join("web.mp3");
    let err = book_error(&list, &book, 1);
    assert!(
        err.contains(&format!(
            "web.txt:2: {url}/gone: the server answered HTTP 404"
        )),
        "{err}"
    );
    assert!(!book.exists());

    std::fs::write(&list, format!("# one page\n{url}/night\n")).unwrap();
    run_book(&list, &book).success();
    let m = check_book(&book, "mp3", &["night"]);
    assert_eq!(m["toc"][0]["source"], format!("{url}/night"));
    assert_eq!(
        m["chapters"][0]["title"],
        "Night trains are back, and this time they’re full"
    );
}

/// `aloud book -` reads the reading list from standard input, its relative paths relative to
/// the current folder (before, the list's text was narrated as one article); a one-article
/// book says "1 chapter"; a missing entry names the line of `<stdin>`.
#[test]
fn a_list_on_standard_input_is_read_as_a_list() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for name in ["harbour-council-vote.txt", "learning-to-bake-sourdough.md"] {
        std::fs::copy(articles_dir().join(name), dir.path().join("in").join(name)).unwrap();
    }
    // A folder named "-" in the current folder is not read instead.
    std::fs::create_dir(dir.path().join("-")).unwrap();
    let run = |list: &str, book: &str| {
        aloud()
            .current_dir(dir.path())
            .args(["book", "--engine", "espeak", "-", "-o", book])
            .write_stdin(list)
            .assert()
    };
    run(
        "in/harbour-council-vote.txt\n# a comment\nin/learning-to-bake-sourdough.md\n",
        "b.mp3",
    )
    .success();
    let m = check_book(
        &dir.path().join("b.mp3"),
        "mp3",
        &["harbour-council-vote.txt", "learning-to-bake-sourdough.md"],
    );
    assert_eq!(m["source"], "<stdin>");

    let a = run("in/harbour-council-vote.txt\n", "one.mp3").success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    assert!(out.contains("  1 chapter, "), "{out}");

    let a = run("in/harbour-council-vote.txt\nin/missing.md\n", "bad.mp3").code(1);
    let err = stderr(&a);
    assert!(
        err.contains("<stdin>:2: ") && err.contains("missing.md"),
        "{err}"
    );
}

/// List lines may name files as a shell or a browser would: `~/a.md`, `$HOME/b.md`,
/// `${HOME}/…` and `file:///…/c%20d.md` (percent-decoded), beside a path relative to the
/// list's folder; each is read (the table of contents names the file). A `file://` URL on
/// another host and a missing file are one error line each, naming the list's line, and
/// nothing is written.
#[test]
fn list_lines_expand_home_and_read_file_urls() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let elsewhere = dir.path().join("elsewhere");
    let lists = dir.path().join("lists");
    for d in [&home, &elsewhere, &lists.join("rel")] {
        std::fs::create_dir_all(d).unwrap();
    }
    let article = |path: &Path, title: &str| {
        std::fs::write(
            path,
            format!("# {title}\n\nThe {title} article has one short paragraph to be read.\n"),
        )
        .unwrap();
    };
    article(&home.join("a.md"), "Alder");
    article(&home.join("b.md"), "Birch");
    article(&home.join("c.md"), "Cedar");
    article(&elsewhere.join("d e.md"), "Dogwood");
    article(&lists.join("rel/f.md"), "Fir");
    let list = lists.join("list.txt");
    let file_url = format!("file://{}/d%20e.md", elsewhere.display());
    std::fs::write(
        &list,
        format!("~/a.md\n$HOME/b.md\n${{HOME}}/c.md\n{file_url}\nrel/f.md\n"),
    )
    .unwrap();
    let book = dir.path().join("book.mp3");
    aloud()
        .env("HOME", &home)
        .args(["book", "--engine", "espeak", "-q"])
        .arg(&list)
        .arg("-o")
        .arg(&book)
        .assert()
        .success();
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("book.mp3.manifest.json")).unwrap(),
    )
    .unwrap();
    let sources: Vec<&str> = manifest["toc"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["source"].as_str().unwrap())
        .collect();
    let want: Vec<String> = [
        home.join("a.md"),
        home.join("b.md"),
        home.join("c.md"),
        elsewhere.join("d e.md"),
        lists.join("rel/f.md"),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect();
    assert_eq!(sources, want);
    let titles: Vec<&str> = manifest["toc"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Alder", "Birch", "Cedar", "Dogwood", "Fir"]);

    // Another host's file URL and a missing file: one line each, naming the list's line.
    std::fs::write(
        &list,
        "~/a.md\nfile://nas/share/x.md\n# fine\n~/missing.md\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.mp3");
    let a = aloud()
        .env("HOME", &home)
        .args(["book", "--engine", "espeak", "-q"])
        .arg(&list)
        .arg("-o")
        .arg(&bad)
        .assert()
        .code(1);
    let err = stderr(&a);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with(&format!(
            "aloud: error: {}:2: file://nas/share/x.md: ",
            list.display()
        )) && lines[0].contains("another machine (nas)"),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!("aloud: error: {}:4: ", list.display()))
            && lines[1].contains(&format!(
                "{}: no such file",
                home.join("missing.md").display()
            )),
        "{err}"
    );
    assert!(!bad.exists());
}
