//! Publishing narrations beyond one article's folder: [`book`] joins a reading list into one
//! audio file with a chapter per article; a podcast feed ([`feed`]), a web page that plays an
//! export folder ([`page`]) and a small HTTP server for both ([`serve`]). [`library`] reads
//! the folder.
//!
//! The feed, page and server read what `aloud export` wrote (one subfolder per article with
//! its `manifest.json`); nothing is narrated again.

pub mod book;
pub mod feed;
pub mod library;
pub mod page;
pub mod serve;

use std::path::{Path, PathBuf};

use crate::export::fs::write_atomic;

/// What can stop `aloud feed` or `aloud serve`, each naming the file or folder concerned.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PublishError {
    /// The folder cannot be read (missing, not a folder, no permission).
    #[error("{}: cannot read: {reason}", path.display())]
    Read {
        /// The folder or file.
        path: PathBuf,
        /// The OS error in words.
        reason: String,
    },
    /// The folder holds no article folder with a `manifest.json`.
    #[error("{}: no article folders (with a manifest.json) found; write some with `aloud export -o {}`", dir.display(), dir.display())]
    Empty {
        /// The folder.
        dir: PathBuf,
    },
    /// A `manifest.json` is not one `aloud export` writes.
    #[error("{}: not an aloud manifest: {reason}", path.display())]
    Manifest {
        /// The manifest.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Writing the feed or a chapters file failed.
    #[error("{}: cannot write: {reason}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error in words.
        reason: String,
    },
    /// `--base-url` is not an absolute http(s) URL: a usage error.
    #[error("--base-url {0:?}: must be an absolute http:// or https:// URL (e.g. https://example.org/podcast)")]
    BaseUrl(String),
    /// Several article folders are bad and none is good: one line each, no feed written.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\naloud: error: "))]
    Several(Vec<PublishError>),
    /// The feed was written without some article folders, whose manifests are bad (each
    /// already reported): exit 1, so a script publishing the feed knows.
    #[error("{left_out} article folder{} left out of the feed (listed above); the feed lists the other {listed}", if *.left_out == 1 { "" } else { "s" })]
    LeftOut {
        /// Folders left out for a bad manifest.
        left_out: usize,
        /// Items in the feed written.
        listed: usize,
    },
    /// The server could not listen or failed while running.
    #[error("{0}")]
    Server(String),
}

/// The feed's file name inside the folder.
pub const FEED_FILE: &str = "feed.xml";

/// What `aloud feed` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// The feed file (`DIR/feed.xml`).
    pub path: PathBuf,
    /// Items in it (one per article with audio).
    pub items: usize,
    /// Articles left out, each with why (no audio, audio only in split WAV parts).
    pub skipped: Vec<String>,
    /// Article folders left out because their `manifest.json` cannot be read or parsed: one
    /// line each, naming the file and the problem.
    pub broken: Vec<String>,
    /// Chapters files written (`<article>/<stem>.chapters.json`).
    pub chapters_files: usize,
}

/// Writes `DIR/feed.xml` (RSS 2.0 with the iTunes and Podcasting 2.0 namespaces) for every
/// article folder in `dir`, and beside each article's audio a Podcasting 2.0 chapters file
/// from its manifest. Every file is written to a temporary name and renamed.
///
/// `base_url` is where `dir` will be served (`https://example.org/podcast`); `title` names
/// the feed (default: the folder's name).
///
/// A folder whose manifest is bad is left out ([`FeedReport::broken`]) and the feed of the
/// others is written; when every folder is bad, nothing is written and their errors are
/// returned (one, or [`PublishError::Several`]).
///
/// Errors: [`PublishError::BaseUrl`] for a base URL that is not absolute http(s), and the
/// errors of [`library::read`] and of writing.
pub fn write_feed(
    dir: &Path,
    base_url: &str,
    title: Option<&str>,
) -> Result<FeedReport, PublishError> {
    let base = feed::base_url(base_url)?;
    let mut library = library::read(dir)?;
    if library.episodes.is_empty() {
        let mut broken = library.broken;
        return Err(match broken.len() {
            1 => broken.remove(0),
            _ => PublishError::Several(broken),
        });
    }
    let mut chapters_files = 0;
    for episode in &mut library.episodes {
        if episode.manifest.chapters.is_empty() || episode.enclosure().is_none() {
            continue;
        }
        let name = format!("{}.chapters.json", episode.stem);
        let path = episode.dir.join(&name);
        write_atomic(
            &path,
            feed::chapters_json(&episode.manifest.chapters).as_bytes(),
        )
        .map_err(|e| write_error(&path, e))?;
        episode.chapters = Some(name);
        chapters_files += 1;
    }
    let title = title.map_or_else(|| library.title.clone(), str::to_owned);
    let (xml, skipped) = feed::feed_xml(&library.episodes, &base, &title);
    let path = dir.join(FEED_FILE);
    write_atomic(&path, xml.as_bytes()).map_err(|e| write_error(&path, e))?;
    Ok(FeedReport {
        path,
        items: library.episodes.len() - skipped.len(),
        skipped,
        broken: library.broken.iter().map(ToString::to_string).collect(),
        chapters_files,
    })
}

fn write_error(path: &Path, e: std::io::Error) -> PublishError {
    PublishError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
