//! `aloud serve`: the export folder over HTTP (axum, with tower-http's `ServeDir` for the
//! files, which answers `Range` requests with 206 and unsatisfiable ones with 416; headers it
//! would refuse where RFC 9110 says to ignore them are mended first, [`range_as_served`]), the
//! index page ([`super::page`]) and the feed ([`super::feed`]).
//!
//! Every request path is checked first ([`check_path`]): `..`, hidden names and anything
//! that resolves (through symlinks) outside the folder are refused before a file is opened.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use percent_encoding::percent_decode_str;
use tower_http::services::ServeDir;

use super::{feed, library, page, PublishError, FEED_FILE};

/// How long open connections (a player still downloading) get to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// What `aloud serve` serves and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The export folder.
    pub dir: PathBuf,
    /// The address to listen on (127.0.0.1 unless asked otherwise).
    pub listen: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// The page's and generated feed's title (default: the folder's name).
    pub title: Option<String>,
}

/// Why a request path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It tries to leave the folder (`..`, a backslash, NUL, or a symlink out): 403.
    Forbidden,
    /// It names a hidden file or is not UTF-8 once decoded: 404, as if it did not exist.
    NotFound,
}

impl Refusal {
    fn status(self) -> StatusCode {
        match self {
            Refusal::Forbidden => StatusCode::FORBIDDEN,
            Refusal::NotFound => StatusCode::NOT_FOUND,
        }
    }
}

/// Checks a request's path (as sent, percent-encoded) against the folder `root` (already
/// canonical). Decodes it once, as `ServeDir` does, then refuses `..` (however encoded),
/// backslashes and NUL (403), hidden names such as `.feed.xml.part` (404), and a path that
/// exists but resolves outside `root` through a symlink (403). A path that does not exist
/// passes: the file server answers 404.
pub fn check_path(root: &Path, request_path: &str) -> Result<(), Refusal> {
    let decoded = percent_decode_str(request_path)
        .decode_utf8()
        .map_err(|_| Refusal::NotFound)?;
    let mut path = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(Refusal::Forbidden),
            s if s.contains(['\\', '\0']) => return Err(Refusal::Forbidden),
            s if s.starts_with('.') => return Err(Refusal::NotFound),
            s => path.push(s),
        }
    }
    match std::fs::canonicalize(&path) {
        Ok(real) if !real.starts_with(root) => Err(Refusal::Forbidden),
        _ => Ok(()),
    }
}

struct Shared {
    root: PathBuf,
    title: Option<String>,
    local: SocketAddr,
}

/// What [`look_up`] found for a request, on a blocking thread.
enum Lookup {
    /// A file for the file server, with what to do with its `Range` header (`None`: none sent).
    File(Option<RangeAction>),
    /// An article's chapters, made from its manifest.
    Chapters(String),
    /// An article's manifest as published.
    Manifest(String),
}

/// The file-system half of [`guard`]: the path check (which resolves symlinks), the file's
/// length for a `Range` header, and the files made on the fly. Runs in `spawn_blocking`, so
/// a slow disk never stalls the server's async workers.
fn look_up(root: &Path, path: &str, range: Option<&str>) -> Result<Lookup, Refusal> {
    check_path(root, path)?;
    if let Some(json) = chapters_on_the_fly(root, path) {
        return Ok(Lookup::Chapters(json));
    }
    if let Some(json) = published_manifest(root, path) {
        return Ok(Lookup::Manifest(json));
    }
    let action = range.map(|range| {
        let length = || {
            let decoded = percent_decode_str(path).decode_utf8().ok()?;
            let relative = decoded.trim_start_matches('/');
            Some(std::fs::metadata(root.join(relative)).ok()?.len())
        };
        range_as_served(range, length)
    });
    Ok(Lookup::File(action))
}

async fn guard(State(shared): State<Arc<Shared>>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let range = req
        .headers()
        .get(header::RANGE)
        .map(|r| r.to_str().unwrap_or("").to_owned());
    let s = shared.clone();
    let found =
        tokio::task::spawn_blocking(move || look_up(&s.root, &path, range.as_deref())).await;
    match found {
        Ok(Ok(Lookup::Chapters(json))) => {
            ([(header::CONTENT_TYPE, CHAPTERS_TYPE)], json).into_response()
        }
        Ok(Ok(Lookup::Manifest(json))) => {
            ([(header::CONTENT_TYPE, "application/json")], json).into_response()
        }
        Ok(Ok(Lookup::File(action))) => {
            match action {
                None | Some(RangeAction::Keep) => {}
                Some(RangeAction::Ignore) => {
                    req.headers_mut().remove(header::RANGE);
                }
                Some(RangeAction::Whole) => {
                    req.headers_mut()
                        .insert(header::RANGE, header::HeaderValue::from_static("bytes=0-"));
                }
            }
            let if_range = req
                .headers()
                .get(header::IF_RANGE)
                .filter(|_| req.headers().contains_key(header::RANGE))
                .map(|v| v.to_str().unwrap_or("").trim().to_owned());
            let uri = req.uri().clone();
            if let Some(validator) = if_range {
                if !if_range_holds(&shared, uri, &validator).await {
                    // The client's copy is of another version of the file: the whole new one.
                    req.headers_mut().remove(header::RANGE);
                }
            }
            let format = crate::audio::encode::Format::from_path(Path::new(req.uri().path()));
            let mut response = next.run(req).await;
            // The file server names types by extension (`.m4b` "audio/m4b", which no
            // player knows); audio goes out as the feed and the page name it.
            if let Some(format) = format.filter(|_| response.status().is_success()) {
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    header::HeaderValue::from_static(feed::mime_type(format)),
                );
            }
            response
        }
        Ok(Err(refusal)) => {
            let status = refusal.status();
            (status, status.canonical_reason().unwrap_or("refused")).into_response()
        }
        Err(e) => server_error(e),
    }
}

/// True when an `If-Range` `validator` sent for `uri` matches the file's current validators, by
/// RFC 9110 §13.1.5: an entity tag must equal the file's `ETag` (strong comparison: a weak
/// tag never matches), a date its `Last-Modified` exactly. The validators are the file
/// server's own, asked with a `HEAD` request, so they are those the client was sent.
/// `ServeDir` honours `If-Match` and `If-None-Match` but not `If-Range`: a download resumed
/// after a re-export got the new file's bytes after the old file's (found by a tester).
async fn if_range_holds(shared: &Shared, uri: axum::http::Uri, validator: &str) -> bool {
    let Ok(head) = Request::builder()
        .method(axum::http::Method::HEAD)
        .uri(uri)
        .body(Body::empty())
    else {
        return false;
    };
    let Ok(current) = ServeDir::new(&shared.root)
        .append_index_html_on_directories(false)
        .try_call(head)
        .await
    else {
        return false;
    };
    let current = |name| current.headers().get(name).and_then(|v| v.to_str().ok());
    if validator.starts_with('"') {
        current(header::ETAG) == Some(validator)
    } else if validator.starts_with("W/") {
        false
    } else {
        current(header::LAST_MODIFIED) == Some(validator)
    }
}

/// A request path `/<slug>/<file>`, decoded, as (slug, file); `file` may still hold a `/`
/// (a deeper path), which no article file's name matches.
fn article_file(request_path: &str) -> Option<(String, String)> {
    let decoded = percent_decode_str(request_path).decode_utf8().ok()?;
    let (slug, file) = decoded.trim_start_matches('/').split_once('/')?;
    Some((slug.to_string(), file.to_string()))
}

/// The media type of a Podcasting 2.0 chapters file (the namespace's `podcast:chapters`).
const CHAPTERS_TYPE: &str = "application/json+chapters";

/// `/<slug>/<stem>.chapters.json`, made from the article's manifest when the file is not in
/// its folder (`aloud feed` writes it; an export since, or one with `--force`, leaves it
/// out), so every chapter link of the served feed ([`feed_xml`]) answers. `None` for any
/// other path, or when the file exists (the file server sends it).
fn chapters_on_the_fly(root: &Path, request_path: &str) -> Option<String> {
    let (slug, file) = article_file(request_path)?;
    if !file.ends_with(".chapters.json") || root.join(&slug).join(&file).exists() {
        return None;
    }
    let episode = library::episode(root, &slug)?;
    (episode.chapters_file() == Some(file)).then(|| feed::chapters_json(&episode.manifest.chapters))
}

/// `/<slug>/manifest.json` as served: the article's manifest with its source named as the
/// script and the feed name it ([`Manifest::published_source`](crate::export::manifest::Manifest::published_source)), a file by its name
/// alone, since the file on disk keeps the path it was typed with (`/home/ann/drafts/…`).
/// `None` for any other path, or a manifest aloud cannot read (the file server sends it as
/// it is).
fn published_manifest(root: &Path, request_path: &str) -> Option<String> {
    let (slug, file) = article_file(request_path)?;
    if file != "manifest.json" {
        return None;
    }
    let mut manifest = library::episode(root, &slug)?.manifest;
    manifest.source = manifest.published_source().to_string();
    serde_json::to_string_pretty(&manifest).ok()
}

/// What is done with a request's `Range` header before the file server sees it.
#[derive(Debug, PartialEq, Eq)]
enum RangeAction {
    /// One valid byte range: the file server answers 206 (or 416 when it is past the end).
    Keep,
    /// Not one valid byte range: the whole file is sent with 200.
    Ignore,
    /// A suffix longer than the file: the whole file, as a 206 range.
    Whole,
}

/// How a `Range` header is served, by RFC 9110 §14.2 where tower-http's `ServeDir` answers
/// 416 instead: a range unit other than `bytes` MUST be ignored (200, whole file); a
/// malformed ranges-specifier or one whose last position is before its first MAY be ignored,
/// and is; several ranges are ignored too (aloud sends no multipart responses; 416 would say
/// none of them can be served); a suffix range longer than the file means the whole file
/// (§14.1.3: "the entire representation is used"). `length` gives the file's size in bytes,
/// asked for only for a suffix range.
fn range_as_served(range: &str, length: impl FnOnce() -> Option<u64>) -> RangeAction {
    let Some((unit, set)) = range.split_once('=') else {
        return RangeAction::Ignore;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") || set.contains(',') {
        return RangeAction::Ignore;
    }
    let Some((first, last)) = set.trim().split_once('-') else {
        return RangeAction::Ignore;
    };
    let number = |s: &str| -> Option<Option<u64>> {
        match s.trim() {
            "" => Some(None),
            d if d.bytes().all(|b| b.is_ascii_digit()) => d.parse().ok().map(Some),
            _ => None,
        }
    };
    match (number(first), number(last)) {
        (Some(Some(first)), Some(Some(last))) if last < first => RangeAction::Ignore,
        (Some(Some(_)), Some(_)) => RangeAction::Keep,
        (Some(None), Some(Some(suffix))) => match length() {
            Some(len) if suffix > 0 && suffix >= len => RangeAction::Whole,
            _ => RangeAction::Keep,
        },
        _ => RangeAction::Ignore,
    }
}

/// The folder's articles (none when it has none yet); a folder with a bad manifest is left
/// out and named on stderr, as `aloud feed` does.
fn library_or_empty(root: &Path) -> Result<library::Library, PublishError> {
    let library = library::read(root);
    if let Ok(lib) = &library {
        for e in &lib.broken {
            eprintln!("aloud: serve: warning: left out: {e}");
        }
    }
    match library {
        Err(PublishError::Empty { .. }) => Ok(library::Library {
            title: root
                .file_name()
                .map_or_else(|| "aloud".into(), |n| n.to_string_lossy().into_owned()),
            episodes: Vec::new(),
            broken: Vec::new(),
        }),
        other => other,
    }
}

fn server_error(e: impl std::fmt::Display) -> Response {
    eprintln!("aloud: serve: {e}");
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()
}

async fn index(State(shared): State<Arc<Shared>>) -> Response {
    let s = shared.clone();
    let page = tokio::task::spawn_blocking(move || {
        let lib = library_or_empty(&s.root)?;
        // `--title`, else the title `aloud feed` gave the written feed, else the folder's name.
        let written = std::fs::read_to_string(s.root.join(FEED_FILE))
            .ok()
            .and_then(|xml| feed::ChannelInfo::of_feed(&xml))
            .map(|c| c.title);
        let title = s.title.clone().or(written).unwrap_or(lib.title);
        Ok::<_, PublishError>(page::index_html(&lib.episodes, &title))
    })
    .await;
    match page {
        Ok(Ok(html)) => {
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
        }
        Ok(Err(e)) => server_error(e),
        Err(e) => server_error(e),
    }
}

/// `feed.xml`, made from the folder on each request, so articles exported (or exported
/// again, or removed) since `aloud feed` ran are current. When `aloud feed` wrote a
/// `feed.xml`, its channel is kept: its base URL (`<link>`), title, author, category,
/// explicit flag and artwork ([`feed::ChannelInfo::of_feed`]). Otherwise (or when that file
/// is not an RSS feed aloud can read, said on stderr) the base URL is the address the client
/// used (its `Host` header, when that is a plain host[:port]) and the title `--title`, else
/// the folder's name.
async fn feed_xml(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .map_or_else(|| shared.local.to_string(), str::to_owned);
    let s = shared.clone();
    let xml = tokio::task::spawn_blocking(move || {
        let written = s.root.join(FEED_FILE);
        let info = match std::fs::read_to_string(&written) {
            Ok(xml) => {
                let info = feed::ChannelInfo::of_feed(&xml);
                if info.is_none() {
                    eprintln!(
                        "aloud: serve: warning: {}: not an RSS feed with an http(s) <link>; \
                         serving one made from the folder instead",
                        written.display()
                    );
                }
                info
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(PublishError::Read {
                    path: written,
                    reason: e.to_string(),
                })
            }
        };
        let lib = library_or_empty(&s.root)?;
        let info = match info {
            Some(info) => info,
            None => {
                let base = feed::base_url(&format!("http://{host}"))?;
                let title = s.title.clone().unwrap_or(lib.title);
                feed::ChannelInfo::new(&base, &title)
            }
        };
        let mut episodes = lib.episodes;
        for e in &mut episodes {
            // Served from the manifest when the folder lacks it ([`chapters_on_the_fly`]).
            e.chapters = e.chapters_file();
        }
        Ok(feed::feed_xml(&episodes, &info).0)
    })
    .await;
    match xml {
        Ok(Ok(xml)) => (
            [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
            Body::from(xml),
        )
            .into_response(),
        Ok(Err(e)) => server_error(e),
        Err(e) => server_error(e),
    }
}

/// The HTTP application for `root` (canonical): `/` (and `/index.html`) the page,
/// `/feed.xml` the feed, every other path a file of the folder after [`check_path`].
fn app(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route(&format!("/{FEED_FILE}"), get(feed_xml))
        .fallback_service(ServeDir::new(&shared.root).append_index_html_on_directories(false))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate());
        match term {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves `options.dir` until Ctrl-C or SIGTERM, then lets open requests finish for up to 2 s
/// and returns `Ok`. `on_ready` gets the address listened on (with the real port when
/// `port` is 0) once connections are accepted.
///
/// Errors: [`PublishError::Read`] when the folder cannot be opened, [`PublishError::Server`]
/// when the address cannot be listened on.
pub fn serve(
    options: &ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), PublishError> {
    let root = std::fs::canonicalize(&options.dir)
        .and_then(|root| {
            if root.is_dir() {
                Ok(root)
            } else {
                Err(std::io::Error::other("not a folder"))
            }
        })
        .map_err(|e| PublishError::Read {
            path: options.dir.clone(),
            reason: e.to_string(),
        })?;
    if let Err(PublishError::Empty { .. }) = library::read(&root) {
        // Served anyway (exports made while it runs appear on reload), but said: an empty
        // page looks like a fault (found by a tester).
        eprintln!(
            "aloud: serve: warning: {} holds no exported articles yet; export into it \
             (aloud export ARTICLE -o {}) and reload the page",
            options.dir.display(),
            options.dir.display()
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| PublishError::Server(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let wanted = SocketAddr::new(options.listen, options.port);
        let listener = tokio::net::TcpListener::bind(wanted).await.map_err(|e| {
            PublishError::Server(format!("{wanted}: cannot listen: {e}; pick another --port"))
        })?;
        let local = listener
            .local_addr()
            .map_err(|e| PublishError::Server(format!("{wanted}: {e}")))?;
        let shared = Arc::new(Shared {
            root,
            title: options.title.clone(),
            local,
        });
        let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
        let server = axum::serve(listener, app(shared)).with_graceful_shutdown(async move {
            let _ = stop_rx.changed().await;
        });
        let mut server = tokio::spawn(async move { server.await });
        on_ready(local);
        tokio::select! {
            done = &mut server => {
                return match done {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(e)) => Err(PublishError::Server(format!("{local}: {e}"))),
                    Err(e) => Err(PublishError::Server(format!("{local}: {e}"))),
                };
            }
            () = stop_signal() => {}
        }
        let _ = stop_tx.send(true);
        // Connections still open after the grace period (a paused player holding one) are
        // dropped with the runtime.
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, server).await;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_headers_are_served_as_rfc_9110_says() {
        let len = || Some(1000);
        for (range, action) in [
            ("bytes=0-99", RangeAction::Keep),
            ("bytes=100-", RangeAction::Keep),
            ("bytes=-50", RangeAction::Keep),
            ("bytes=2000-3000", RangeAction::Keep),
            ("bytes=-0", RangeAction::Keep),
            ("bytes=-1000", RangeAction::Whole),
            ("bytes=-99999999", RangeAction::Whole),
            ("bytes=0-9,20-29", RangeAction::Ignore),
            ("bytes=abc", RangeAction::Ignore),
            ("bytes=50-10", RangeAction::Ignore),
            ("bytes=-", RangeAction::Ignore),
            ("items=0-9", RangeAction::Ignore),
            ("bytes 0-9", RangeAction::Ignore),
        ] {
            assert_eq!(range_as_served(range, len), action, "{range}");
        }
        // A file whose size is unknown keeps its suffix range.
        assert_eq!(range_as_served("bytes=-5000", || None), RangeAction::Keep);
    }

    #[test]
    fn refuses_paths_out_of_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.mp3"), b"x").unwrap();
        std::fs::write(root.join(".hidden"), b"x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc", root.join("out")).unwrap();
        for (path, want) in [
            ("/a/x.mp3", Ok(())),
            ("/a/missing.mp3", Ok(())),
            ("//a//x.mp3", Ok(())),
            ("/../etc/passwd", Err(Refusal::Forbidden)),
            ("/a/../../etc/passwd", Err(Refusal::Forbidden)),
            ("/%2e%2e/etc/passwd", Err(Refusal::Forbidden)),
            ("/%2E%2E%2fetc%2fpasswd", Err(Refusal::Forbidden)),
            ("/a%5c..%5c..%5cetc", Err(Refusal::Forbidden)),
            ("/%2fetc%2fpasswd", Ok(())), // root/etc/passwd: does not exist, so 404
            ("/.hidden", Err(Refusal::NotFound)),
            ("/%ff", Err(Refusal::NotFound)),
            #[cfg(unix)]
            ("/out/passwd", Err(Refusal::Forbidden)),
        ] {
            assert_eq!(check_path(&root, path), want, "{path}");
        }
    }
}
