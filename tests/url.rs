//! URL inputs, against a tiny HTTP server on 127.0.0.1 started by each test. The server answers
//! a fixed number of connections with canned bytes and then stops; nothing leaves the machine.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::Duration;

use common::*;
use serde_json::Value;

/// What the server does with a connection after reading the request.
#[derive(Clone)]
enum Reply {
    /// Sends these bytes and closes.
    Bytes(Vec<u8>),
    /// Sends nothing and holds the connection open this long.
    Silent(Duration),
    /// Sends a chunked 200 response that keeps growing: `chunks` chunks of 64 KiB.
    Growing { chunks: usize },
}

/// Serves one connection on a fresh port; returns the base URL and the server thread.
fn serve(reply: Reply) -> (String, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        // One connection only: the thread ends with the test's request.
        if let Ok((stream, _)) = listener.accept() {
            answer(stream, &reply);
        }
    });
    (url, handle)
}

fn answer(mut stream: TcpStream, reply: &Reply) {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // Read the request head (ends with a blank line).
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    match reply {
        Reply::Bytes(b) => {
            let _ = stream.write_all(b);
        }
        Reply::Silent(d) => std::thread::sleep(*d),
        Reply::Growing { chunks } => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n",
            );
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..*chunks {
                let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
                frame.extend_from_slice(&chunk);
                frame.extend_from_slice(b"\r\n");
                // The client hangs up once it has seen enough: stop then.
                if stream.write_all(&frame).is_err() {
                    return;
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        }
    }
}

fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        r += &format!("{k}: {v}\r\n");
    }
    r += "\r\n";
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Bytes(bytes)
}

/// Runs `aloud ARGS` and returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = aloud()
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Checks a one-line error that names the URL and says `what`.
fn assert_fails(url: &str, args: &[&str], what: &str) {
    let mut all = vec!["script", url];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all);
    assert_eq!(code, 1, "stderr: {stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("aloud: error: "), "{stderr}");
    assert!(stderr.contains(url), "names the URL: {stderr}");
    assert!(stderr.contains(what), "says {what:?}: {stderr}");
}

const PAGE: &[u8] = b"<!doctype html><html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 news | Site</title></head>
<body><nav><a href=/>Home</a></nav><article><h1>Caf\xe9 opens on the quay</h1>
<p>The new caf\xe9 opened on Monday. It serves soup.</p><h2>Prices</h2><p>Coffee costs \x80 2.</p></article>
<footer>Site footer</footer></body></html>";

#[test]
fn script_json_from_a_url() {
    // The header says windows-1252 even though the page's meta says iso-8859-1: both decode
    // 0x80 as the euro sign only under windows-1252, which proves the header won.
    let (url, server) = serve(response(
        "200 OK",
        &[("Content-Type", "text/html; charset=windows-1252")],
        PAGE,
    ));
    let (code, stdout, stderr) = run(&["script", "--json", &format!("{url}/story")]);
    server.join().unwrap();
    assert_eq!(code, 0, "{stderr}");
    let plan: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(plan["title"], "Café opens on the quay");
    let texts: Vec<&str> = plan["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "The new café opened on Monday. It serves soup.",
            "Prices",
            "Coffee costs € 2."
        ]
    );
}

#[test]
fn a_gzip_encoded_page_is_decoded() {
    // Servers compress whether asked or not; aloud asks (Accept-Encoding: gzip) and decodes.
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PAGE).unwrap();
    let body = gz.finish().unwrap();
    let (url, server) = serve(response(
        "200 OK",
        &[
            ("Content-Type", "text/html; charset=windows-1252"),
            ("Content-Encoding", "gzip"),
        ],
        &body,
    ));
    let (code, stdout, stderr) = run(&["script", "--json", &format!("{url}/story")]);
    server.join().unwrap();
    assert_eq!(code, 0, "{stderr}");
    let plan: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(plan["title"], "Café opens on the quay");
}

#[test]
fn export_from_a_url_slugs_by_title() {
    let (url, server) = serve(response("200 OK", &[("Content-Type", "text/html")], PAGE));
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    let (code, _, stderr) = run(&[
        "export",
        &format!("{url}/index.html"),
        "--engine",
        "none",
        "-o",
        out.to_str().unwrap(),
    ]);
    server.join().unwrap();
    assert_eq!(code, 0, "{stderr}");
    let manifest = read_json(&out.join("cafe-opens-on-the-quay/manifest.json"));
    assert_eq!(manifest["source"], format!("{url}/index.html"));
}

/// Every file under `dir`, recursively.
fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A URL typed with a user name, a password and a token: the page is fetched with them, and
/// no file written (manifest, script, the MP3's tags, a feed) nor any message holds them.
#[test]
fn credentials_and_tokens_in_a_url_are_never_written() {
    let (url, server) = serve(response("200 OK", &[("Content-Type", "text/html")], PAGE));
    let typed = format!(
        "{}/index.html?id=3&token=SECRET123",
        url.replace("http://", "http://ann:hunter2@")
    );
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    let (code, stdout, stderr) = run(&[
        "export",
        &typed,
        "--engine",
        "espeak",
        "--format",
        "mp3",
        "-o",
        out.to_str().unwrap(),
    ]);
    server.join().unwrap();
    assert_eq!(code, 0, "{stderr}");
    let manifest = read_json(&out.join("cafe-opens-on-the-quay/manifest.json"));
    assert_eq!(manifest["source"], format!("{url}/index.html?id=3"));
    let (code, _, stderr_feed) = run(&[
        "feed",
        out.to_str().unwrap(),
        "--base-url",
        "https://example.org/pod",
    ]);
    assert_eq!(code, 0, "{stderr_feed}");
    let files = files_under(&out);
    assert!(files.iter().any(|f| f.ends_with("feed.xml")));
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        for secret in ["hunter2", "SECRET123", "ann:"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{} holds {secret}",
                file.display()
            );
        }
    }
    for said in [stdout, stderr, stderr_feed] {
        assert!(
            !said.contains("hunter2") && !said.contains("SECRET123"),
            "{said}"
        );
    }
    // A failed fetch names the page without them too.
    let (url, server) = serve(response(
        "404 Not Found",
        &[("Content-Type", "text/html")],
        b"x",
    ));
    let (code, _, stderr) = run(&[
        "script",
        &format!(
            "{}/gone?access_token=SECRET123",
            url.replace("http://", "http://ann:hunter2@")
        ),
    ]);
    server.join().unwrap();
    assert_eq!(code, 1);
    assert!(stderr.contains(&format!("{url}/gone")), "{stderr}");
    assert!(
        !stderr.contains("hunter2") && !stderr.contains("SECRET123"),
        "{stderr}"
    );
}

#[test]
fn not_found() {
    let (url, server) = serve(response(
        "404 Not Found",
        &[("Content-Type", "text/html")],
        b"<h1>Not here</h1>",
    ));
    assert_fails(&format!("{url}/gone"), &[], "HTTP 404 Not Found");
    server.join().unwrap();
}

#[test]
fn timeout() {
    let (url, server) = serve(Reply::Silent(Duration::from_secs(4)));
    let started = std::time::Instant::now();
    assert_fails(&url, &["--timeout", "1"], "within 1 s");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "gave up after the timeout"
    );
    server.join().unwrap();
}

#[test]
fn announced_body_too_large() {
    // Only the head is sent: the client must refuse on Content-Length alone.
    let head =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20000000\r\n\r\n<p>a"
            .to_vec();
    let (url, server) = serve(Reply::Bytes(head));
    assert_fails(&url, &["--max-input-size", "10"], "larger than 10 MB");
    server.join().unwrap();
}

#[test]
fn chunked_body_growing_too_large() {
    // 11 MiB in 64 KiB chunks, no Content-Length.
    let (url, server) = serve(Reply::Growing { chunks: 176 });
    assert_fails(&url, &["--max-input-size", "10"], "larger than 10 MB");
    server.join().unwrap();
}

#[test]
fn wrong_content_type() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0u8; 32]);
    let (url, server) = serve(response("200 OK", &[("Content-Type", "image/png")], &png));
    assert_fails(&format!("{url}/photo"), &[], "image/png");
    server.join().unwrap();
}
