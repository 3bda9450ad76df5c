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
    /// `--base-url` is not an absolute http(s) URL that can hold file links: a usage error.
    #[error("--base-url {url:?}: {reason}")]
    BaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it, and what to write instead.
        reason: String,
    },
    /// Another command-line value refused (`--category`, `--image`): a usage error, one
    /// line naming the option.
    #[error("{0}")]
    Usage(String),
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
    /// The artwork's URL (`itunes:image`), when `--image` was given: Apple Podcasts requires
    /// artwork, so without it `aloud feed` warns.
    pub image: Option<String>,
    /// Items whose audio Apple Podcasts does not take ([`apple_plays`]), one line each naming
    /// the article and its format: `aloud feed` warns.
    pub not_for_apple: Vec<String>,
}

/// What `aloud feed` is asked for: where the folder is published and what the feed says
/// about itself.
#[derive(Debug, Clone, Default)]
pub struct FeedOptions {
    /// Where DIR will be served (`https://example.org/podcast`).
    pub base_url: String,
    /// The feed's title (default: the folder's name).
    pub title: Option<String>,
    /// `itunes:author` (default: none written).
    pub author: Option<String>,
    /// `itunes:explicit` true.
    pub explicit: bool,
    /// `itunes:category`, `Top` or `Top/Sub` (default: [`feed::DEFAULT_CATEGORY`]).
    pub category: Option<String>,
    /// `itunes:image`: an http(s) URL, or an image file inside DIR (given relative to DIR or
    /// to the current folder), published at the base URL.
    pub image: Option<String>,
}

/// Writes `DIR/feed.xml` (RSS 2.0 with the iTunes and Podcasting 2.0 namespaces) for every
/// article folder in `dir`, and beside each article's audio a Podcasting 2.0 chapters file
/// from its manifest. Every file is written to a temporary name and renamed.
///
/// `options.base_url` is where `dir` will be served (`https://example.org/podcast`); the
/// title defaults to the folder's name.
///
/// A folder whose manifest is bad is left out ([`FeedReport::broken`]) and the feed of the
/// others is written; when every folder is bad, nothing is written and their errors are
/// returned (one, or [`PublishError::Several`]).
///
/// Errors: [`PublishError::BaseUrl`] for a base URL that is not absolute http(s),
/// [`PublishError::Usage`] for a category Apple does not list or an image that is neither a
/// URL nor a JPEG or PNG file inside `dir`, and the errors of [`library::read`] and of
/// writing.
pub fn write_feed(dir: &Path, options: &FeedOptions) -> Result<FeedReport, PublishError> {
    let base = feed::base_url(&options.base_url)?;
    let category = feed::category(
        options
            .category
            .as_deref()
            .unwrap_or(feed::DEFAULT_CATEGORY),
    )
    .map_err(PublishError::Usage)?;
    let image = options
        .image
        .as_deref()
        .map(|i| image_href(i, dir, &base))
        .transpose()?;
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
        let Some(name) = episode.chapters_file() else {
            continue;
        };
        let path = episode.dir.join(&name);
        write_atomic(
            &path,
            feed::chapters_json(&episode.manifest.chapters).as_bytes(),
        )
        .map_err(|e| write_error(&path, e))?;
        episode.chapters = Some(name);
        chapters_files += 1;
    }
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| library.title.clone());
    let info = feed::ChannelInfo {
        author: options.author.clone().filter(|a| !a.trim().is_empty()),
        explicit: options.explicit,
        category,
        image: image.clone(),
        ..feed::ChannelInfo::new(&base, &title)
    };
    let (xml, skipped) = feed::feed_xml(&library.episodes, &info);
    let not_for_apple = library
        .episodes
        .iter()
        .filter_map(|e| {
            let audio = e.enclosure()?;
            (!apple_plays(audio.format)).then(|| {
                format!(
                    "{}: its episode is {} ({}), which Apple Podcasts does not take (its \
                     episode files are M4A, MP3, MOV, MP4 and M4V); export it with --format mp3 \
                     as well",
                    e.slug,
                    audio.format.extension().to_ascii_uppercase(),
                    audio.file
                )
            })
        })
        .collect();
    let path = dir.join(FEED_FILE);
    write_atomic(&path, xml.as_bytes()).map_err(|e| write_error(&path, e))?;
    Ok(FeedReport {
        path,
        items: library.episodes.len() - skipped.len(),
        skipped,
        broken: library.broken.iter().map(ToString::to_string).collect(),
        chapters_files,
        image,
        not_for_apple,
    })
}

/// True for the formats aloud writes that Apple Podcasts takes from a feed: MP3 (its episode
/// files are M4A, MP3, MOV, MP4, M4V and PDF,
/// <https://podcasters.apple.com/support/893-audio-requirements>; an `.m4b` file, WAV, FLAC
/// and Ogg Opus are not on that list).
pub fn apple_plays(format: crate::audio::encode::Format) -> bool {
    format == crate::audio::encode::Format::Mp3
}

/// The `itunes:image` URL for `--image`: an http(s) URL as it is, else a JPEG or PNG file
/// inside `dir` (named relative to `dir`, else to the current folder) at its place under
/// `base`. A file outside `dir`, or hidden, would not be published with the feed.
fn image_href(value: &str, dir: &Path, base: &str) -> Result<String, PublishError> {
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || value.contains("://") {
        return feed::image_url(value).map_err(PublishError::Usage);
    }
    let usage = |why: String| PublishError::Usage(format!("--image {value}: {why}"));
    let given = Path::new(value);
    let found = [dir.join(given), given.to_path_buf()]
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| {
            usage(format!(
                "no such file in {} (give an http(s):// URL, or an image file inside that folder)",
                dir.display()
            ))
        })?;
    let ext = found
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !["jpg", "jpeg", "png"].contains(&ext.as_str()) {
        return Err(usage(
            "Apple Podcasts takes JPEG or PNG artwork (a .jpg, .jpeg or .png file)".into(),
        ));
    }
    let (real, root) = match (std::fs::canonicalize(&found), std::fs::canonicalize(dir)) {
        (Ok(real), Ok(root)) => (real, root),
        (Err(e), _) | (_, Err(e)) => return Err(usage(e.to_string())),
    };
    let rel = real.strip_prefix(&root).map_err(|_| {
        usage(format!(
            "not inside {}: copy it there, so it is published with the feed, or give its URL",
            dir.display()
        ))
    })?;
    let segments: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if segments.iter().any(|s| s.starts_with('.')) {
        return Err(usage(
            "a hidden file or folder is not served; give the image a name that does not start with a dot".into(),
        ));
    }
    if !looks_like_an_image(&found) {
        return Err(usage(
            "is not a JPEG or PNG image (its first bytes are neither format's signature)".into(),
        ));
    }
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    Ok(feed::path_url(base, &segments))
}

/// True when the file at `path` starts with the PNG signature (`89 50 4E 47 0D 0A 1A 0A`,
/// PNG spec §5.2) or a JPEG's start-of-image marker and next marker (`FF D8 FF`, ITU T.81
/// B.1.1.2).
fn looks_like_an_image(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 8];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut head));
    match read {
        Ok(n) => {
            head[..n].starts_with(b"\x89PNG\r\n\x1a\n")
                || head[..n].starts_with(&[0xFF, 0xD8, 0xFF])
        }
        Err(_) => false,
    }
}

fn write_error(path: &Path, e: std::io::Error) -> PublishError {
    PublishError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
