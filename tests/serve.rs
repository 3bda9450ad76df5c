//! `aloud serve` (issue 15, item 5): the real server on a free port, asked by a real HTTP
//! client (ureq) for byte ranges (206 with exactly those bytes, 416 when unsatisfiable), by
//! raw HTTP requests for paths out of the folder (`..`, encoded `%2e%2e`, absolute paths,
//! symlinks: all refused), for the feed (made on the fly, then the written one), and the
//! index page loaded in headless Chromium (from scripts/setup), where the first `<audio>`
//! plays, its captions `<track>` loads cues, and the word being heard is highlighted.
//! Ctrl-C stops the server with exit 0.

mod common;
#[path = "common/library.rs"]
mod library;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};

use library::*;

/// A running `aloud serve`, killed if the test ends early.
struct Server {
    child: Child,
    url: String,
    stderr: std::process::ChildStderr,
}

impl Server {
    fn start(dir: &Path, extra: &[&str]) -> Server {
        let mut child = Process::new(assert_cmd::cargo::cargo_bin("aloud"))
            .arg("serve")
            .arg(dir)
            .args(["--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("a URL in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        let stderr = child.stderr.take().unwrap();
        Server { child, url, stderr }
    }

    fn addr(&self) -> &str {
        self.url.trim_start_matches("http://")
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit status and what was printed on stderr.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        assert!(Process::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success());
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        self.stderr.read_to_string(&mut err).unwrap();
        (status, err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET `path` with optional extra headers: (status, headers, body).
fn get(server: &Server, path: &str, range: Option<&str>) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut req = agent().get(&format!("{}{path}", server.url));
    if let Some(range) = range {
        req = req.header("Range", range);
    }
    let mut res = req.call().unwrap();
    let status = res.status().as_u16();
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = res.body_mut().read_to_vec().unwrap();
    (status, headers, body)
}

/// GET `path` with the headers `extra`: (status, body).
fn get_with(server: &Server, path: &str, extra: &[(&str, &str)]) -> (u16, Vec<u8>) {
    let mut req = agent().get(&format!("{}{path}", server.url));
    for (name, value) in extra {
        req = req.header(*name, *value);
    }
    let mut res = req.call().unwrap();
    let status = res.status().as_u16();
    (status, res.body_mut().read_to_vec().unwrap())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Sends `target` exactly as written (no client normalizes it) and returns the status code
/// and the body.
fn raw_get(server: &Server, target: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr()
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a status line for {target}: {response:?}"));
    (status, response)
}

/// An export folder inside `work`, a secret file beside it, and symlinks from inside the
/// folder to outside it (a folder and a file).
fn library_with_escapes(work: &Path) -> (PathBuf, String) {
    let out = export_library(work);
    let secret = "the secret beside the folder";
    std::fs::write(work.join("secret.txt"), secret).unwrap();
    std::os::unix::fs::symlink(work, out.join("outside")).unwrap();
    std::os::unix::fs::symlink(
        work.join("secret.txt"),
        out.join(SLUGS[0]).join("linked.txt"),
    )
    .unwrap();
    // A symlink that stays inside the folder is served.
    std::os::unix::fs::symlink(
        out.join(SLUGS[0]).join("script.txt"),
        out.join(SLUGS[1]).join("other-script.txt"),
    )
    .unwrap();
    (out, secret.to_string())
}

#[test]
fn serves_ranges_the_feed_and_refuses_paths_out_of_the_folder() {
    let work = tempfile::tempdir().unwrap();
    let (out, secret) = library_with_escapes(work.path());
    let server = Server::start(&out, &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );

    // Ranges of the MP3 and the WAV: 206 with exactly those bytes.
    for ext in ["mp3", "wav"] {
        let slug = SLUGS[0];
        let path = format!("/{slug}/{slug}.{ext}");
        let file = std::fs::read(out.join(slug).join(format!("{slug}.{ext}"))).unwrap();
        let (status, headers, body) = get(&server, &path, Some("bytes=100-199"));
        assert_eq!(status, 206, "{path}");
        assert_eq!(body, &file[100..200], "{path}");
        assert_eq!(
            header(&headers, "content-range"),
            Some(format!("bytes 100-199/{}", file.len()).as_str())
        );
        let (status, _, body) = get(&server, &path, Some("bytes=-50"));
        assert_eq!(status, 206);
        assert_eq!(body, &file[file.len() - 50..]);
        let (status, headers, body) = get(&server, &path, None);
        assert_eq!(status, 200);
        assert_eq!(body, file);
        assert_eq!(header(&headers, "accept-ranges"), Some("bytes"));
        // The type the feed and the page give it (an M4B's extension named "audio/m4b").
        let want = if ext == "mp3" {
            "audio/mpeg"
        } else {
            "audio/wav"
        };
        assert_eq!(header(&headers, "content-type"), Some(want), "{path}");
        // Past the end: 416 with the real length.
        let past = format!("bytes={}-{}", file.len() + 10, file.len() + 20);
        let (status, headers, _) = get(&server, &path, Some(&past));
        assert_eq!(status, 416, "{path} {past}");
        assert_eq!(
            header(&headers, "content-range"),
            Some(format!("bytes */{}", file.len()).as_str())
        );
        // RFC 9110 §14.1.3: a suffix longer than the file is the whole file.
        let longer = format!("bytes=-{}", file.len() + 1000);
        let (status, headers, body) = get(&server, &path, Some(&longer));
        assert_eq!(status, 206, "{path} {longer}");
        assert_eq!(body, file);
        assert_eq!(
            header(&headers, "content-range"),
            Some(format!("bytes 0-{}/{}", file.len() - 1, file.len()).as_str())
        );
        // An unknown unit, several ranges, a malformed one: ignored, the whole file with 200.
        for ignored in ["items=0-9", "bytes=0-9,20-29", "bytes=abc", "bytes=50-10"] {
            let (status, _, body) = get(&server, &path, Some(ignored));
            assert_eq!(status, 200, "{path} {ignored}");
            assert_eq!(body, file, "{path} {ignored}");
        }
    }
    let (status, headers, _) = get(&server, &format!("/{0}/{0}.vtt", SLUGS[0]), None);
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type")
        .unwrap()
        .starts_with("text/vtt"));
    let (status, _, body) = get(&server, &format!("/{}/other-script.txt", SLUGS[1]), None);
    assert_eq!(status, 200, "a symlink inside the folder is served");
    assert!(String::from_utf8_lossy(&body).contains("Reading the tide tables"));

    // Out of the folder: refused, however it is spelled.
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/tide-tables/..%2f..%2fsecret.txt",
        "/tide-tables/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "http://127.0.0.1/../secret.txt",
        "/outside/secret.txt",
        "/tide-tables/linked.txt",
        "/.hidden",
    ] {
        let (status, response) = raw_get(&server, target);
        assert!(matches!(status, 403 | 404), "{target}: {status}");
        assert!(!response.contains(&secret), "{target}");
        assert!(!response.contains("root:"), "{target}");
    }
    assert_eq!(raw_get(&server, "/../secret.txt").0, 403);
    assert_eq!(raw_get(&server, "/outside/secret.txt").0, 403);
    assert_eq!(raw_get(&server, "/tide-tables/linked.txt").0, 403);

    // The feed, made on the fly with the address asked: one item per article.
    let (status, headers, body) = get(&server, "/feed.xml", None);
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type")
        .unwrap()
        .starts_with("application/rss+xml"));
    let xml = String::from_utf8(body).unwrap();
    assert_eq!(xml.matches("<item>").count(), 2, "{xml}");
    let mp3 = format!("{}/{1}/{1}.mp3", server.url, SLUGS[0]);
    assert!(xml.contains(&mp3), "{mp3} in {xml}");
    // Its enclosure is fetchable from the server.
    assert_eq!(
        get(&server, &mp3[server.url.len()..], Some("bytes=0-9")).0,
        206
    );
    // Once `aloud feed` has written one, that one.
    common::aloud()
        .arg("feed")
        .arg(&out)
        .args(["--base-url", "https://example.org/pod"])
        .assert()
        .success();
    let (_, _, body) = get(&server, "/feed.xml", None);
    let xml = String::from_utf8(body).unwrap();
    assert!(xml.contains("https://example.org/pod/tide-tables/tide-tables.mp3"));

    // The page: one player per article with its captions and text.
    let (status, headers, body) = get(&server, "/", None);
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type")
        .unwrap()
        .starts_with("text/html"));
    let html = String::from_utf8(body).unwrap();
    assert_eq!(
        html.matches("<audio controls preload=\"metadata\">")
            .count(),
        2
    );
    assert_eq!(html.matches("<track kind=\"captions\"").count(), 2);
    assert!(html.contains("Fishermen read them before they load their boats"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external assets"
    );

    // Ctrl-C: a clean stop, exit 0.
    let (status, err) = server.interrupt();
    assert!(status.success(), "{status:?} {err}");
    assert!(err.contains("server stopped"), "{err}");
}

#[test]
fn a_range_with_if_range_is_served_only_from_the_same_version_of_the_file() {
    // RFC 9110 §13.1.5. A download resumed after a re-export got the new file's bytes after
    // the old file's (found by a tester).
    let work = tempfile::tempdir().unwrap();
    let (out, _) = library_with_escapes(work.path());
    let server = Server::start(&out, &[]);
    let slug = SLUGS[0];
    let path = format!("/{slug}/{slug}.wav");
    let file = std::fs::read(out.join(slug).join(format!("{slug}.wav"))).unwrap();
    let (_, headers, _) = get(&server, &path, None);
    let etag = header(&headers, "etag").expect("an ETag").to_string();
    let date = header(&headers, "last-modified")
        .expect("a Last-Modified")
        .to_string();
    let range = ("Range", "bytes=100-199");
    for validator in [etag.as_str(), date.as_str()] {
        let (status, body) = get_with(&server, &path, &[range, ("If-Range", validator)]);
        assert_eq!(
            (status, body.as_slice()),
            (206, &file[100..200]),
            "{validator}"
        );
    }
    let weak = format!("W/{etag}");
    for stale in [
        "\"another-version\"",
        weak.as_str(),
        "Tue, 01 Jan 2019 00:00:00 GMT",
    ] {
        let (status, body) = get_with(&server, &path, &[range, ("If-Range", stale)]);
        assert_eq!(status, 200, "{stale}");
        assert_eq!(body, file, "{stale}");
    }
    // The file replaced (as an export with --force does): the old tag asks for it whole.
    let replaced = out.join(slug).join(format!("{slug}.wav"));
    let mut newer = file.clone();
    newer.extend_from_slice(&[0; 64]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&replaced, &newer).unwrap();
    let (status, body) = get_with(&server, &path, &[range, ("If-Range", &etag)]);
    assert_eq!((status, body.len()), (200, newer.len()));
}

#[test]
fn missing_folder_is_a_one_line_error() {
    let work = tempfile::tempdir().unwrap();
    let missing = work.path().join("nothing-here");
    let run = common::aloud()
        .arg("serve")
        .arg(&missing)
        .args(["--port", "0"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nothing-here"), "{err}");
}

/// A feed read by feedparser: the channel's title, link and author, and each item's title
/// and enclosure (URL and length), as JSON.
const ITEMS: &str = r#"
import json, sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({"bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")),
    "title": d.feed.get("title"), "link": d.feed.get("link"), "author": d.feed.get("author"),
    "image": (d.feed.get("image") or {}).get("href"),
    "items": sorted([e.get("title"), e.enclosures[0].href, int(e.enclosures[0].length)]
                    for e in d.entries)}))
"#;

/// GET `/feed.xml` and read it with feedparser.
fn served_feed(server: &Server, python: &str) -> serde_json::Value {
    let (status, _, body) = get(server, "/feed.xml", None);
    assert_eq!(status, 200);
    let mut child = Process::new(python)
        .args(["-c", ITEMS])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&body).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(parsed["bozo"], false, "{}", parsed["bozo_exception"]);
    parsed
}

/// (title, enclosure URL, length) of each article in `out` as a feed under `base` lists it,
/// from the files now on disk.
fn items_on_disk(out: &Path, base: &str) -> serde_json::Value {
    let mut items = Vec::new();
    for entry in std::fs::read_dir(out).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(dir.join("manifest.json")) else {
            continue;
        };
        let m: serde_json::Value = serde_json::from_str(&text).unwrap();
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mp3 = dir.join(format!("{slug}.mp3"));
        items.push(serde_json::json!([
            m["title"],
            format!("{base}/{slug}/{slug}.mp3"),
            std::fs::metadata(mp3).unwrap().len()
        ]));
    }
    items.sort_by_key(|i| i.to_string());
    serde_json::Value::Array(items)
}

/// A `feed.xml` written by `aloud feed` does not go stale under `aloud serve`: after an
/// article is exported again (another length) and another is added, the served feed lists
/// the folder as it is now, under the written feed's base URL and with its channel (title,
/// author, artwork); after a folder is removed, without it. The file itself is not touched.
#[test]
fn the_served_feed_follows_exports_made_after_aloud_feed() {
    let Some(python) = python_with_feedparser() else {
        assert!(skip_without("python3-feedparser", false));
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let out = export_library(work.path());
    let base = "https://example.org/pod";
    common::aloud()
        .arg("feed")
        .arg(&out)
        .args([
            "--base-url",
            base,
            "--title",
            "Harbour news",
            "--author",
            "Ann Lee",
        ])
        .args(["--image", "https://example.org/art.jpg"])
        .assert()
        .success();
    let written = std::fs::read(out.join("feed.xml")).unwrap();
    let server = Server::start(&out, &["--title", "Page title"]);
    let first = served_feed(&server, python);
    assert_eq!(first["items"], items_on_disk(&out, base));
    assert_eq!(first["items"].as_array().unwrap().len(), 2);

    // Exported again, slower (a longer MP3), and a third article added.
    let (name, _) = ARTICLES[1];
    let before = std::fs::metadata(out.join(SLUGS[1]).join(format!("{}.mp3", SLUGS[1])))
        .unwrap()
        .len();
    common::aloud()
        .args([
            "export", "--engine", "espeak", "--format", "mp3", "-q", "--force",
        ])
        .args(["--rate", "120"])
        .arg(work.path().join(name))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let after = std::fs::metadata(out.join(SLUGS[1]).join(format!("{}.mp3", SLUGS[1])))
        .unwrap()
        .len();
    assert_ne!(before, after);
    // `--force` replaced the folder and with it the chapters file `aloud feed` wrote; the
    // served feed still links it, and the server makes it from the manifest.
    let chapters_name = format!("{}.chapters.json", SLUGS[1]);
    assert!(!out.join(SLUGS[1]).join(&chapters_name).exists());
    let (_, _, feed) = get(&server, "/feed.xml", None);
    let feed = String::from_utf8(feed).unwrap();
    let link = format!("{base}/{}/{chapters_name}", SLUGS[1]);
    assert!(feed.contains(&format!("url=\"{link}\"")), "{feed}");
    let (status, headers, body) = get(&server, &format!("/{}/{chapters_name}", SLUGS[1]), None);
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("application/json+chapters")
    );
    let chapters: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(SLUGS[1]).join("manifest.json")).unwrap())
            .unwrap();
    let titles = |v: &serde_json::Value, key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles(&chapters, "chapters"), titles(&manifest, "chapters"));
    assert_eq!(
        titles(&chapters, "chapters"),
        ["The night ferry returns", "Tickets"]
    );
    // The manifest on disk keeps the path the article was typed with; served, its source is
    // the file's name (a listener is not told the machine's folders), the rest unchanged.
    assert!(manifest["source"]
        .as_str()
        .unwrap()
        .contains(&*work.path().to_string_lossy()));
    let (status, _, body) = get(&server, &format!("/{}/manifest.json", SLUGS[1]), None);
    assert_eq!(status, 200);
    let mut served: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(served["source"], name);
    served["source"] = manifest["source"].clone();
    assert_eq!(served, manifest);
    // A chapters file no article has is still a 404.
    let (status, _, _) = get(&server, &format!("/{}/other.chapters.json", SLUGS[1]), None);
    assert_eq!(status, 404);
    let third = work.path().join("lighthouse.md");
    std::fs::write(
        &third,
        "# The lighthouse keeper\n\nThe keeper climbs the hundred steps at dusk and lights the lamp.\n",
    )
    .unwrap();
    common::aloud()
        .args(["export", "--engine", "espeak", "--format", "mp3", "-q"])
        .arg(&third)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let now = served_feed(&server, python);
    assert_eq!(now["items"], items_on_disk(&out, base), "{now}");
    assert_eq!(now["items"].as_array().unwrap().len(), 3);
    // The written feed's channel: its base URL, title, author and artwork, not the page's.
    assert_eq!(now["link"], format!("{base}/"));
    assert_eq!(now["title"], "Harbour news");
    assert_eq!(now["author"], "Ann Lee");
    assert_eq!(now["image"], "https://example.org/art.jpg");

    // An article removed is gone from the feed.
    std::fs::remove_dir_all(out.join(SLUGS[0])).unwrap();
    let now = served_feed(&server, python);
    assert_eq!(now["items"], items_on_disk(&out, base), "{now}");
    assert_eq!(now["items"].as_array().unwrap().len(), 2);
    assert_eq!(std::fs::read(out.join("feed.xml")).unwrap(), written);
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

/// In the page: the first player's captions track set to hidden, its cues awaited, the
/// player started and awaited until its clock passes 1.5 s and a word or chunk is
/// highlighted (30 s at most); then what the page shows.
const PLAY: &str = r#"
new Promise(function(resolve) {
  var audio = document.querySelector('audio');
  var track = audio.querySelector('track').track;
  track.mode = 'hidden';
  var result = {error: null};
  var deadline = Date.now() + 30000;
  audio.play().catch(function(e) { result.error = String(e); });
  (function poll() {
    var t = audio.currentTime;
    var now = document.querySelector('article .now');
    if ((t > 1.5 && track.cues && track.cues.length > 0 && now) || Date.now() > deadline) {
      result.currentTime = t;
      result.cues = track.cues ? track.cues.length : -1;
      result.mode = track.mode;
      result.src = audio.currentSrc;
      result.article = audio.closest('article').id;
      result.highlighted = now ? now.textContent : null;
      result.highlightedStart = now ? +now.getAttribute('data-s') : null;
      result.highlightedInFirst = now ? now.closest('article') === audio.closest('article') : null;
      result.timeAtHighlight = audio.currentTime;
      resolve(JSON.stringify(result));
    } else {
      setTimeout(poll, 100);
    }
  })();
})
"#;

#[test]
fn the_page_plays_in_headless_chromium_with_captions_and_highlighting() {
    let Some(chromium) = chromium() else {
        assert!(skip_without("chromium", false));
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let out = export_library(work.path());
    let server = Server::start(&out, &[]);

    let profile = tempfile::tempdir().unwrap();
    let options = headless_chrome::LaunchOptions {
        path: Some(chromium),
        headless: true,
        // Root in a container has no user namespace for Chromium's sandbox.
        sandbox: false,
        user_data_dir: Some(profile.path().to_path_buf()),
        args: vec![
            std::ffi::OsStr::new("--autoplay-policy=no-user-gesture-required"),
            std::ffi::OsStr::new("--mute-audio"),
        ],
        idle_browser_timeout: std::time::Duration::from_secs(120),
        ..Default::default()
    };
    let browser = headless_chrome::Browser::new(options).expect("headless chromium starts");
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(std::time::Duration::from_secs(60));
    tab.navigate_to(&format!("{}/", server.url))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let value = tab.evaluate(PLAY, true).unwrap().value.unwrap();
    let result: serde_json::Value = serde_json::from_str(value.as_str().unwrap()).unwrap();
    eprintln!("chromium: {result}");
    assert_eq!(result["error"], serde_json::Value::Null, "play() rejected");
    assert!(
        result["currentTime"].as_f64().unwrap() > 1.5,
        "the first <audio> plays: {result}"
    );
    assert!(
        result["cues"].as_u64().unwrap() > 0,
        "its <track> loads cues: {result}"
    );
    assert_eq!(result["mode"], "hidden");
    // Newest first: the article exported last (with --word-timings).
    let article = result["article"].as_str().unwrap().to_string();
    assert_eq!(article, SLUGS[1]);
    assert!(
        result["src"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/{article}/{article}.mp3")),
        "the MP3 is the first source: {result}"
    );
    // Highlighting: a word of the playing article, one that has started by the time read.
    assert_eq!(result["highlightedInFirst"], true, "{result}");
    let start = result["highlightedStart"].as_f64().unwrap();
    assert!(start <= result["timeAtHighlight"].as_f64().unwrap() * 1000.0);
    let word = result["highlighted"].as_str().unwrap();
    assert!(
        !word.is_empty() && !word.contains(' '),
        "one word is highlighted: {word:?}"
    );
}
