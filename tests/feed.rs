//! `aloud feed` (issue 15, item 5): two articles exported with espeak as MP3 and WAV, the
//! feed written for them and read back by a real feed parser (Python's `feedparser`, from
//! scripts/setup) and by an XML parser for the Podcasting 2.0 tags: one item per article,
//! enclosure lengths equal to the files' sizes, the MP3 preferred, durations, descriptions,
//! stable guids, transcripts and chapters files that exist and match the manifest.

mod common;
#[path = "common/library.rs"]
mod library;

use std::path::Path;
use std::process::Command as Process;

use common::*;
use library::*;
use serde_json::Value;

/// Parses `feed` with feedparser (entries, enclosures, iTunes duration) and ElementTree (the
/// podcast namespace's transcript and chapters tags), as JSON.
const PARSE: &str = r#"
import json, sys, feedparser
import xml.etree.ElementTree as ET
d = feedparser.parse(sys.argv[1])
ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
tree = ET.parse(sys.argv[1])
items = tree.getroot().findall("./channel/item")
out = {"bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")),
       "version": d.version, "title": d.feed.get("title"), "language": d.feed.get("language"),
       "entries": []}
for e, item in zip(d.entries, items):
    out["entries"].append({
        "title": e.get("title"), "id": e.get("id"), "summary": e.get("summary"),
        "published": e.get("published"), "published_parsed": e.get("published_parsed") is not None,
        "duration": e.get("itunes_duration"),
        "enclosures": [{"href": x.get("href"), "length": x.get("length"), "type": x.get("type")}
                       for x in e.get("enclosures", [])],
        "transcripts": [t.attrib for t in item.findall("podcast:transcript", ns)],
        "chapters": [c.attrib for c in item.findall("podcast:chapters", ns)],
        "guid_permalink": item.find("guid").get("isPermaLink"),
    })
print(json.dumps(out))
"#;

fn parse_feed(python: &str, feed: &Path) -> Value {
    run_parser(python, PARSE, feed)
}

/// Runs the Python `script` on `feed` with `python` (which has feedparser): its JSON output.
fn run_parser(python: &str, script: &str, feed: &Path) -> Value {
    let out = Process::new(python)
        .args(["-c", script])
        .arg(feed)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "feedparser: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const BASE: &str = "https://example.org/pod";

/// The file of the export folder a feed URL points at.
fn local(out: &Path, url: &str) -> std::path::PathBuf {
    let rel = url
        .strip_prefix(&format!("{BASE}/"))
        .unwrap_or_else(|| panic!("{url} is under {BASE}/"));
    out.join(rel)
}

#[test]
fn feed_lists_every_article_with_its_audio_transcripts_and_chapters() {
    let Some(python) = python_with_feedparser() else {
        assert!(skip_without("python3-feedparser", false));
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let out = export_library(work.path());

    let run = aloud()
        .args(["feed"])
        .arg(&out)
        .args(["--base-url", &format!("{BASE}/")])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).to_string();
    assert!(stdout.contains("2 items, 2 chapters files"), "{stdout}");
    let feed = out.join("feed.xml");
    // Written through a temporary file: nothing else is left in the folder.
    let mut top: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["feed.xml", "night-ferry", "tide-tables"]);

    let parsed = parse_feed(python, &feed);
    assert_eq!(parsed["bozo"], false, "{}", parsed["bozo_exception"]);
    assert_eq!(parsed["version"], "rss20");
    assert_eq!(parsed["title"], "podcast");
    assert_eq!(parsed["language"], "en");
    let entries = parsed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "one item per article");

    let mut ids = Vec::new();
    for slug in SLUGS {
        let dir = out.join(slug);
        let manifest = read_json(&dir.join("manifest.json"));
        let e = entries
            .iter()
            .find(|e| e["title"] == manifest["title"])
            .unwrap_or_else(|| panic!("an item titled {}", manifest["title"]));
        // The MP3 is preferred over the WAV, and its length is the file's size.
        let enclosures = e["enclosures"].as_array().unwrap();
        assert_eq!(enclosures.len(), 1);
        let enc = &enclosures[0];
        assert_eq!(enc["type"], "audio/mpeg");
        assert_eq!(enc["href"], format!("{BASE}/{slug}/{slug}.mp3"));
        let size = std::fs::metadata(dir.join(format!("{slug}.mp3")))
            .unwrap()
            .len();
        assert_eq!(enc["length"], size.to_string());
        // itunes:duration is the manifest's length, to the second.
        let secs = (manifest["duration_ms"].as_u64().unwrap() + 500) / 1000;
        assert_eq!(
            e["duration"],
            format!("00:{:02}:{:02}", secs / 60, secs % 60)
        );
        // The description is the first paragraph, as written.
        let first: Vec<&str> = manifest["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["paragraph"] == 1)
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert_eq!(e["summary"], first.join(" "));
        assert!(e["summary"].as_str().unwrap().len() > 80);
        assert_eq!(e["published_parsed"], true, "pubDate {}", e["published"]);
        assert_eq!(e["guid_permalink"], "false");
        ids.push(e["id"].as_str().unwrap().to_string());

        // Transcripts: the VTT and the SRT, which exist.
        let transcripts = e["transcripts"].as_array().unwrap();
        let types: Vec<&str> = transcripts
            .iter()
            .map(|t| t["type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["text/vtt", "application/x-subrip"]);
        for t in transcripts {
            let path = local(&out, t["url"].as_str().unwrap());
            assert!(path.is_file(), "{} exists", path.display());
        }
        assert!(
            std::fs::read_to_string(local(&out, transcripts[0]["url"].as_str().unwrap()))
                .unwrap()
                .starts_with("WEBVTT")
        );

        // Chapters: a Podcasting 2.0 JSON file with the manifest's chapters, in seconds.
        let chapters = e["chapters"].as_array().unwrap();
        assert_eq!(chapters.len(), 1);
        assert_eq!(chapters[0]["type"], "application/json+chapters");
        let path = local(&out, chapters[0]["url"].as_str().unwrap());
        assert_eq!(path, dir.join(format!("{slug}.chapters.json")));
        let json = read_json(&path);
        assert_eq!(json["version"], "1.2.0");
        let want = manifest["chapters"].as_array().unwrap();
        let got = json["chapters"].as_array().unwrap();
        assert_eq!(got.len(), want.len());
        assert_eq!(got.len(), 2, "the title and one heading");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g["title"], w["title"]);
            let start = g["startTime"].as_f64().unwrap();
            assert!((start * 1000.0 - w["start_ms"].as_f64().unwrap()).abs() < 0.5);
        }
        assert_eq!(
            got[1]["title"],
            if slug == "tide-tables" {
                "Spring tides"
            } else {
                "Tickets"
            }
        );
    }
    assert_ne!(ids[0], ids[1]);

    // The guids stay the same when the feed is written again under another address.
    aloud()
        .args(["feed"])
        .arg(&out)
        .args(["--base-url", "http://192.168.1.20:8080"])
        .assert()
        .success();
    let again = read_json_feed_ids(python, &feed);
    let mut before = ids.clone();
    before.sort();
    assert_eq!(again, before);
}

fn read_json_feed_ids(python: &str, feed: &Path) -> Vec<String> {
    let parsed = parse_feed(python, feed);
    let mut ids: Vec<String> = parsed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Exports `articles` with espeak (and `export_args`) into `out`, writes its feed with
/// `--base-url BASE` (and `feed_args`), and returns the feed's text.
fn export_and_feed(
    articles: &[&Path],
    export_args: &[&str],
    out: &Path,
    feed_args: &[&str],
) -> String {
    aloud()
        .args(["export", "--engine", "espeak", "-q"])
        .args(export_args)
        .args(articles)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
    aloud()
        .args(["feed"])
        .arg(out)
        .args(["--base-url", BASE])
        .args(feed_args)
        .assert()
        .success();
    std::fs::read_to_string(out.join("feed.xml")).unwrap()
}

#[test]
fn wav_only_exports_get_a_wav_enclosure() {
    let work = tempfile::tempdir().unwrap();
    let article = work.path().join("short.txt");
    std::fs::write(
        &article,
        "A short note.\n\nIt has one paragraph of text to read.\n",
    )
    .unwrap();
    let out = work.path().join("out");
    let xml = export_and_feed(&[&article], &[], &out, &["--title", "Notes & more"]);
    let size = std::fs::metadata(out.join("short/short.wav"))
        .unwrap()
        .len();
    assert!(
        xml.contains(&format!(
            "<enclosure url=\"{BASE}/short/short.wav\" length=\"{size}\" type=\"audio/wav\"/>"
        )),
        "{xml}"
    );
    assert!(xml.contains("<title>Notes &amp; more</title>"), "{xml}");
}

#[test]
fn bad_folders_and_base_urls_are_one_line_errors() {
    let work = tempfile::tempdir().unwrap();
    let missing = work.path().join("missing");
    let run = aloud()
        .args(["feed"])
        .arg(&missing)
        .args(["--base-url", BASE])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&missing.display().to_string()), "{err}");

    let run = aloud()
        .args(["feed"])
        .arg(work.path())
        .args(["--base-url", BASE])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(err.contains("no article folders"), "{err}");

    let run = aloud()
        .args(["feed"])
        .arg(work.path())
        .args(["--base-url", "example.org/pod"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(err.contains("--base-url"), "{err}");
    assert!(!work.path().join("feed.xml").exists());
}

/// The `<guid>`s of a feed file, in item order.
fn guids_in(feed: &Path) -> Vec<String> {
    let xml = std::fs::read_to_string(feed).unwrap();
    xml.split("<guid")
        .skip(1)
        .map(|g| g[g.find('>').unwrap() + 1..g.find("</guid>").unwrap()].to_string())
        .collect()
}

/// `printf TEXT | aloud export - --engine espeak --format mp3 -o OUT`.
fn export_stdin(text: &str, out: &Path) {
    aloud()
        .args([
            "export", "-", "--engine", "espeak", "--format", "mp3", "-q", "-o",
        ])
        .arg(out)
        .write_stdin(text)
        .assert()
        .success();
}

/// An article without a title (one chapter, named after its file, at its first chunk) is
/// described by its first paragraph; one that opens with a heading by the paragraph after it.
#[test]
fn untitled_articles_are_described_by_their_first_paragraph() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("pod");
    let one = work.path().join("one.txt");
    std::fs::write(&one, "Only one paragraph here. It has two sentences.\n").unwrap();
    let two = work.path().join("two.txt");
    std::fs::write(
        &two,
        "the first paragraph starts in lower case, so it is no title.\n\nThe second one.\n",
    )
    .unwrap();
    let headed = work.path().join("headed.md");
    std::fs::write(&headed, "## Overview\n\nThe text under the heading.\n").unwrap();
    let xml = export_and_feed(&[&one, &two, &headed], &["--format", "mp3"], &out, &[]);
    for want in [
        "Only one paragraph here. It has two sentences.",
        "the first paragraph starts in lower case, so it is no title.",
        "The text under the heading.",
    ] {
        assert!(
            xml.contains(&format!("<description><![CDATA[{want}]]></description>")),
            "{want:?} in {xml}"
        );
    }
}

/// Two notes read from standard input with one title, in two folders, are two items with two
/// guids (their source, `<stdin>`, names nothing, so the folder is folded into the guid); an
/// article exported from a file keeps the guid it always had, SHA-256 of its file name and
/// title, however its path was typed.
#[test]
fn two_stdin_notes_with_one_title_get_two_guids_and_articles_keep_theirs() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("pod");
    export_stdin(
        "Daily Notes\n\nToday it rained and the river rose over the path by the mill.\n",
        &out,
    );
    std::fs::rename(out.join("daily-notes"), out.join("day1")).unwrap();
    export_stdin(
        "Daily Notes\n\nToday was sunny and we walked to the lighthouse and back again.\n",
        &out,
    );
    let article = work.path().join("tide.md");
    std::fs::write(&article, ARTICLES[0].1).unwrap();
    aloud()
        .args(["export", "--engine", "espeak", "--format", "mp3", "-q"])
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    aloud()
        .arg("feed")
        .arg(&out)
        .args(["--base-url", BASE])
        .assert()
        .success();
    let guids = guids_in(&out.join("feed.xml"));
    assert_eq!(guids.len(), 3, "{guids:?}");
    let unique: std::collections::HashSet<&String> = guids.iter().collect();
    assert_eq!(unique.len(), 3, "{guids:?}");
    let manifest = read_json(&out.join("tide/manifest.json"));
    let source = manifest["source"].as_str().unwrap();
    let python = "import hashlib,os,sys; print('aloud-' + hashlib.sha256(os.path.basename(sys.argv[1]).encode() + \
                  b'\\0' + sys.argv[2].encode()).hexdigest()[:32])";
    let plain = Process::new("python3")
        .args(["-c", python, source, "Reading the tide tables"])
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        guids.contains(&plain.trim().to_string()),
        "{guids:?} {plain}"
    );
    // Exported again from its own folder by its bare name: the same episode, the same guid.
    aloud()
        .current_dir(work.path())
        .args([
            "export", "--engine", "espeak", "--format", "mp3", "-q", "--force",
        ])
        .arg("tide.md")
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    aloud()
        .arg("feed")
        .arg(&out)
        .args(["--base-url", BASE])
        .assert()
        .success();
    assert_eq!(
        read_json(&out.join("tide/manifest.json"))["source"],
        "tide.md"
    );
    assert!(
        guids_in(&out.join("feed.xml")).contains(&plain.trim().to_string()),
        "the guid moved with the path typed"
    );
    // Written again, every guid is the same.
    aloud()
        .arg("feed")
        .arg(&out)
        .args(["--base-url", "http://192.168.1.20:8080"])
        .assert()
        .success();
    let mut again = guids_in(&out.join("feed.xml"));
    let mut before = guids.clone();
    again.sort();
    before.sort();
    assert_eq!(again, before);
}

/// A folder whose manifest.json is not JSON is left out with one warning naming the file and
/// the problem; the feed of the others is written, and the run exits 1 so a script that
/// publishes the feed knows. When every folder is bad, no feed is written.
#[test]
fn a_corrupt_manifest_leaves_out_its_folder_and_the_feed_is_written() {
    let work = tempfile::tempdir().unwrap();
    let out = export_library(work.path());
    std::fs::create_dir(out.join("short")).unwrap();
    let bad = out.join("short/manifest.json");
    std::fs::write(&bad, "{broken").unwrap();
    let run = aloud()
        .arg("feed")
        .arg(&out)
        .args(["--base-url", BASE, "--image", "https://example.org/art.jpg"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).to_string();
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains(&bad.display().to_string())
            && warnings[0].contains("not an aloud manifest"),
        "{err}"
    );
    assert!(
        err.contains("aloud: error: 1 article folder left out of the feed"),
        "{err}"
    );
    assert!(stdout.contains("2 items"), "{stdout}");
    assert_eq!(guids_in(&out.join("feed.xml")).len(), 2);

    // Only bad folders: nothing written, the problem named.
    let only = work.path().join("only");
    std::fs::create_dir_all(only.join("short")).unwrap();
    std::fs::write(only.join("short/manifest.json"), "{broken").unwrap();
    let run = aloud()
        .arg("feed")
        .arg(&only)
        .args(["--base-url", BASE])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not an aloud manifest"), "{err}");
    assert!(!only.join("feed.xml").exists());
}

/// The `<pubDate>`s of a feed file, in item order, parsed.
fn pub_dates_in(feed: &Path) -> Vec<chrono::DateTime<chrono::FixedOffset>> {
    let xml = std::fs::read_to_string(feed).unwrap();
    xml.split("<pubDate>")
        .skip(1)
        .map(|d| chrono::DateTime::parse_from_rfc2822(&d[..d.find("</pubDate>").unwrap()]).unwrap())
        .collect()
}

/// An episode's pubDate is the manifest's `exported_at`, so copying the folder (which gives
/// the manifest a new file time) does not re-date it; a manifest from before `exported_at`
/// falls back to the manifest file's time.
#[test]
fn pub_date_is_the_export_time_in_the_manifest_else_the_files_time() {
    let work = tempfile::tempdir().unwrap();
    let article = work.path().join("tide.md");
    std::fs::write(&article, ARTICLES[0].1).unwrap();
    let out = work.path().join("pod");
    aloud()
        .args(["export", "--engine", "espeak", "--format", "mp3", "-q"])
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let manifest_path = out.join("tide/manifest.json");
    let mut manifest = read_json(&manifest_path);
    let exported = chrono::DateTime::parse_from_rfc3339(manifest["exported_at"].as_str().unwrap())
        .expect("exported_at is RFC 3339");
    let age = chrono::Utc::now().signed_duration_since(exported);
    assert!(
        age.num_seconds() >= 0 && age.num_seconds() < 600,
        "{exported}"
    );
    // The folder copied: the manifest's file time is now another.
    let touch = |when: &str| {
        assert!(Process::new("touch")
            .args(["-d", when])
            .arg(&manifest_path)
            .status()
            .unwrap()
            .success());
    };
    touch("2020-01-02 03:04:05 UTC");
    let feed = |out: &Path| {
        aloud()
            .arg("feed")
            .arg(out)
            .args(["--base-url", BASE])
            .assert()
            .success();
        pub_dates_in(&out.join("feed.xml"))
    };
    assert_eq!(feed(&out), [exported]);
    // An older manifest, without exported_at: the file's time.
    manifest.as_object_mut().unwrap().remove("exported_at");
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    touch("2020-01-02 03:04:05 UTC");
    assert_eq!(
        feed(&out),
        [chrono::DateTime::parse_from_rfc3339("2020-01-02T03:04:05Z").unwrap()]
    );
}

/// The channel's iTunes tags as a podcast app reads them: feedparser for the author, artwork
/// and categories (and that the feed parses), ElementTree for the raw `itunes:explicit` text
/// (feedparser 6 understands only `yes` and `clean` there, not Apple's `true`/`false`).
const CHANNEL: &str = r#"
import json, sys, feedparser
import xml.etree.ElementTree as ET
d = feedparser.parse(sys.argv[1])
it = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
ch = ET.parse(sys.argv[1]).getroot().find("channel")
cats = [(c.get("text"), [s.get("text") for s in c.findall(it + "category")])
        for c in ch.findall(it + "category")]
explicit = [e.text for e in ch.findall(it + "explicit")]
print(json.dumps({"bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")),
    "version": d.version, "itunes_ns": d.namespaces.get("itunes"),
    "author": d.feed.get("author"), "image": (d.feed.get("image") or {}).get("href"),
    "tags": [t.get("term") for t in d.feed.get("tags", [])], "categories": cats,
    "explicit": explicit, "entries": len(d.entries)}))
"#;

fn parse_channel(python: &str, feed: &Path) -> Value {
    run_parser(python, CHANNEL, feed)
}

/// `aloud feed DIR --base-url URL [ARGS]`: (exit code, stderr).
fn feed_with(out: &Path, args: &[&str]) -> (Option<i32>, String) {
    let run = aloud()
        .arg("feed")
        .arg(out)
        .args(["--base-url", BASE])
        .args(args)
        .output()
        .unwrap();
    (
        run.status.code(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// Apple Podcasts requires `itunes:image`, `itunes:category` and `itunes:explicit` (and
/// recommends `itunes:author`): the defaults (News, not explicit, no author) with one warning
/// line for the missing artwork; then each given, the artwork as a file in the folder
/// (linked under the base URL) and as a URL; bad values are usage errors that write nothing.
#[test]
fn the_channel_has_the_itunes_tags_apple_podcasts_requires() {
    let Some(python) = python_with_feedparser() else {
        assert!(skip_without("python3-feedparser", false));
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let article = work.path().join("tide.md");
    std::fs::write(&article, ARTICLES[0].1).unwrap();
    let out = work.path().join("pod");
    aloud()
        .args(["export", "--engine", "espeak", "--format", "mp3", "-q"])
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let feed = out.join("feed.xml");

    // Defaults.
    let (code, err) = feed_with(&out, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err.lines().count(), 1, "one warning line: {err}");
    assert!(
        err.starts_with("warning: no --image: Apple Podcasts requires artwork"),
        "{err}"
    );
    let c = parse_channel(python, &feed);
    assert_eq!(c["bozo"], false, "{}", c["bozo_exception"]);
    assert_eq!(c["version"], "rss20");
    assert_eq!(c["itunes_ns"], "http://www.itunes.com/dtds/podcast-1.0.dtd");
    assert_eq!(c["entries"], 1);
    assert_eq!(c["explicit"], serde_json::json!(["false"]));
    assert_eq!(c["categories"], serde_json::json!([["News", []]]));
    assert_eq!(c["tags"], serde_json::json!(["News"]));
    assert_eq!(c["author"], Value::Null);
    assert_eq!(c["image"], Value::Null);

    // Everything given; the artwork a PNG in the folder, named relative to it.
    std::fs::create_dir(out.join("art")).unwrap();
    std::fs::write(out.join("art/cover art.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let (code, err) = feed_with(
        &out,
        &[
            "--author",
            "Ann Lee",
            "--explicit",
            "--category",
            "news/tech news",
            "--image",
            "art/cover art.png",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("artwork"), "{err}");
    let c = parse_channel(python, &feed);
    assert_eq!(c["bozo"], false, "{}", c["bozo_exception"]);
    assert_eq!(c["author"], "Ann Lee");
    assert_eq!(c["image"], format!("{BASE}/art/cover%20art.png"));
    assert_eq!(c["explicit"], serde_json::json!(["true"]));
    assert_eq!(
        c["categories"],
        serde_json::json!([["News", ["Tech News"]]])
    );
    assert_eq!(c["tags"], serde_json::json!(["News", "Tech News"]));
    // The same file named by its path from the current folder; an image URL as it is.
    let path = out.join("art/cover art.png").display().to_string();
    assert_eq!(feed_with(&out, &["--image", &path]).0, Some(0));
    assert_eq!(
        parse_channel(python, &feed)["image"],
        format!("{BASE}/art/cover%20art.png")
    );
    let url = "https://cdn.example.org/show/art.jpg";
    assert_eq!(feed_with(&out, &["--image", url]).0, Some(0));
    assert_eq!(parse_channel(python, &feed)["image"], url);

    // Upper-case schemes are schemes; control characters are left out of the XML.
    let upper = "HTTPS://cdn.example.org/show/art.jpg";
    let (code, err) = feed_with(
        &out,
        &[
            "--image",
            upper,
            "--title",
            "Tide\u{1}s\u{c}",
            "--author",
            "Ann\u{2} Lee",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let c = parse_channel(python, &feed);
    assert_eq!(c["bozo"], false, "{}", c["bozo_exception"]);
    assert_eq!(c["image"], "https://cdn.example.org/show/art.jpg");
    assert_eq!(c["author"], "Ann Lee");

    // Refused, with the feed left as it was.
    std::fs::write(out.join("art/not-a-picture.png"), b"plain text").unwrap();
    let before = std::fs::read(&feed).unwrap();
    std::fs::write(work.path().join("outside.jpg"), b"x").unwrap();
    let outside = work.path().join("outside.jpg").display().to_string();
    for (args, says) in [
        (
            vec!["--category", "Gardening"],
            "not an Apple Podcasts category",
        ),
        (
            vec!["--category", "News/Gardening"],
            "not a subcategory of News",
        ),
        (vec!["--image", outside.as_str()], "not inside"),
        (vec!["--image", "missing.jpg"], "no such file"),
        (vec!["--image", "tide/tide.mp3"], "JPEG or PNG"),
        (vec!["--image", "ftp://example.org/a.jpg"], "http(s)"),
        (
            vec!["--image", "art/not-a-picture.png"],
            "not a JPEG or PNG image",
        ),
        (
            vec!["--image", "https://ann:secret@example.org/a.jpg"],
            "user name or password",
        ),
    ] {
        let (code, err) = feed_with(&out, &args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(&feed).unwrap(), before);
}

/// An episode whose only audio is WAV (aloud's default format) is published, with a warning
/// that Apple Podcasts does not take it and what to do; an MP3 episode is not warned about.
#[test]
fn episodes_apple_podcasts_cannot_play_are_named() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("pod");
    for (name, format) in [("tide.md", "wav"), ("storm.md", "mp3")] {
        let article = work.path().join(name);
        std::fs::write(
            &article,
            format!("# {name}\n\nThe harbour board met again on Tuesday about the sea wall.\n"),
        )
        .unwrap();
        aloud()
            .args(["export", "--engine", "espeak", "-q", "--format", format])
            .arg(&article)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
    }
    let (code, err) = feed_with(&out, &["--image", "https://example.org/art.jpg"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("tide: its episode is WAV")
            && err.contains("Apple Podcasts does not take")
            && err.contains("--format mp3"),
        "{err}"
    );
    assert_eq!(guids_in(&out.join("feed.xml")).len(), 2);
}

#[test]
fn a_wav_split_into_parts_is_left_out_of_the_feed_with_the_reason() {
    // Its first part was published with the whole article's duration and chapters past its
    // end (found by a tester): a feed item carries one file, so the article is left out and
    // the feed says how to publish it.
    let work = tempfile::tempdir().unwrap();
    let long = work.path().join("long.txt");
    let paragraph = "The council met again on Tuesday to talk about the sea wall, the ferry \
                     timetable and the new library wing, and it agreed on none of them. ";
    let text: String = (0..8)
        .map(|_| format!("{}\n\n", paragraph.repeat(2)))
        .collect();
    std::fs::write(&long, format!("A long meeting\n\n{text}")).unwrap();
    let short = work.path().join("short.txt");
    std::fs::write(&short, "A short note\n\nIt has one paragraph to read.\n").unwrap();
    let out = work.path().join("out");
    aloud()
        .args(["export", "--engine", "espeak", "-q", "--max-part-size", "1"])
        .args([&long, &short])
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("long/long-part02.wav").exists());
    let assert = aloud()
        .args(["feed"])
        .arg(&out)
        .args(["--base-url", BASE])
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("long: its audio is WAV split into parts"),
        "{stderr}"
    );
    let xml = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(!xml.contains("long-part01"), "{xml}");
    assert!(xml.contains(&format!("{BASE}/short/short.wav")), "{xml}");
}
