//! Bytes in, [`Document`] out: reading a source (file, stdin or URL), decoding it to text,
//! and parsing its format.

pub mod encoding;
pub mod html;
pub mod markdown;
pub mod readout;
pub mod txt;
pub mod url;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// A web page (an input starting with `http://` or `https://`).
    Url(String),
}

/// How standard input is named in messages and in a manifest's `source`.
pub const STDIN_NAME: &str = "<stdin>";

impl Source {
    /// How the source is named in messages and the manifest: a URL without its user name,
    /// password or secret query parameters ([`url::redacted`]).
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => STDIN_NAME.to_string(),
            Source::Url(u) => url::redacted(u),
        }
    }

    /// How the source is named in what is published (audio files' tags): a URL as it is, a
    /// file by its name alone. A tag travels with the file to every listener, and a path
    /// (`/home/ann/drafts/…`) tells them about the machine it was made on.
    pub fn published_name(&self) -> String {
        match self {
            Source::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            other => other.display(),
        }
    }
}

/// How sources are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Longest a URL download may take, from connecting to the last byte.
    pub timeout: Duration,
    /// Force one way of finding a page's article (`None`: aloud chooses).
    pub extractor: html::Extractor,
    /// Read the footnotes of a page or a Markdown article after the article.
    pub footnotes: bool,
    /// Largest input read, in bytes: a file, stdin or a downloaded page beyond this is an
    /// error, so `/dev/zero` or a runaway pipe cannot exhaust memory.
    pub max_input_bytes: u64,
}

/// The default of [`ReadOptions::max_input_bytes`]: 50 MB, ten times a very long novel in
/// plain text, and far beyond any article page with its markup.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 50 * 1024 * 1024;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            timeout: Duration::from_secs(30),
            extractor: None,
            footnotes: false,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

/// A source's bytes, with what its transport said about them (only URLs say anything).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawSource {
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// The charset declared outside the bytes (HTTP `Content-Type`).
    pub charset: Option<String>,
    /// The format the `Content-Type` announced.
    pub format: Option<Format>,
}

/// The input formats aloud understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text: blank lines separate paragraphs.
    Txt,
    /// Markdown (CommonMark).
    Md,
    /// An HTML page; the article is extracted from it.
    Html,
}

/// File extensions picked up when an input is a directory: those [`detect_format`] knows.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// What kind of text block a piece of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading inside the article.
    Heading,
    /// An ordinary paragraph.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// A block quote.
    Quote,
}

/// A block of readable text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Heading, paragraph, list item or quote.
    pub kind: BlockKind,
    /// The block's text on one line, whitespace collapsed.
    pub text: String,
}

/// An article as read from its source: a title and blocks of text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The article's title, if the source has one.
    pub title: Option<String>,
    /// The readable blocks, in order.
    pub blocks: Vec<Block>,
    /// How an HTML page's article was found; `None` for text and Markdown.
    pub extraction: Option<html::Extraction>,
}

/// Why a source could not be read as an article. Every message names the source.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{source_name}: {reason}")]
    Unreadable {
        /// The file.
        source_name: String,
        /// The OS error in words.
        reason: String,
    },
    /// The file holds no bytes, or nothing readable once cleaned.
    #[error("{source_name}: {reason}")]
    Empty {
        /// The file.
        source_name: String,
        /// What was (not) found.
        reason: String,
    },
    /// The file is not text at all.
    #[error("{source_name}: looks like {kind}, not an article (aloud reads .txt, .md and .html)")]
    Binary {
        /// The file.
        source_name: String,
        /// What it looks like, e.g. "a PNG image".
        kind: String,
    },
    /// A URL could not be fetched (network error, timeout).
    #[error("{url}: {reason}")]
    Fetch {
        /// The URL.
        url: String,
        /// What went wrong, in words.
        reason: String,
    },
    /// The server answered a URL with an error status.
    #[error("{url}: the server answered HTTP {status} {reason}")]
    Http {
        /// The URL.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The status's standard reason phrase.
        reason: String,
    },
    /// An input is larger than the input size limit.
    #[error(
        "{url}: larger than {limit_mb} MB, the input size limit; raise it with --max-input-size if this really is one article"
    )]
    TooLarge {
        /// The file, `-` or URL.
        url: String,
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// A URL is not a web page or text.
    #[error(
        "{url}: the server sent {content_type}, not an article (aloud reads HTML and text pages)"
    )]
    ContentType {
        /// The URL.
        url: String,
        /// The MIME type the server sent.
        content_type: String,
    },
    /// A directory given as input holds no articles.
    #[error("{source_name}: no articles in this directory (looked for .txt, .text, .md, .markdown, .html, .htm, .xhtml)")]
    NoArticles {
        /// The directory.
        source_name: String,
    },
}

/// Expands command-line inputs into article sources: files as given, directories to the
/// article files directly inside them (sorted by name; hidden files left out: an editor's
/// lock link `.#notes.md` or macOS's `._story.txt` beside each article are not articles, and
/// one of them stopped a whole folder's export; found by a tester), `-` to stdin.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<Source>, IngestError> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        if let Some(u) = input.to_str().filter(|s| url::is_url(s)) {
            sources.push(Source::Url(u.to_string()));
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| unreadable(input, &e))?;
        if meta.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| unreadable(input, &e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                // A broken symbolic link is listed, so its error is reported with the
                // others rather than the link skipped without a word.
                .filter(|p| {
                    !is_hidden_file(p)
                        && has_article_extension(p)
                        && (p.is_file() || (p.is_symlink() && !p.exists()))
                })
                .collect();
            if found.is_empty() {
                return Err(IngestError::NoArticles {
                    source_name: input.display().to_string(),
                });
            }
            found.sort();
            sources.extend(found.into_iter().map(Source::File));
        } else {
            sources.push(Source::File(input.clone()));
        }
    }
    Ok(sources)
}

/// True when the file's name starts with a dot (hidden on Unix-like systems).
fn is_hidden_file(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn has_article_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn unreadable(path: &Path, e: &std::io::Error) -> IngestError {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound if path.is_symlink() => match std::fs::read_link(path) {
            Ok(target) => format!("a broken symbolic link (to {})", target.display()),
            Err(_) => "a broken symbolic link".to_string(),
        },
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    IngestError::Unreadable {
        source_name: path.display().to_string(),
        reason,
    }
}

/// Reads a source's bytes (downloading a URL).
pub fn read_source(source: &Source, opts: &ReadOptions) -> Result<RawSource, IngestError> {
    let bytes = match source {
        Source::Url(u) => return url::fetch(u, opts.timeout, opts.max_input_bytes),
        Source::File(p) => {
            let file = std::fs::File::open(p).map_err(|e| unreadable(p, &e))?;
            // A regular file announces its size; a device or pipe is read up to the limit.
            if file
                .metadata()
                .is_ok_and(|m| m.len() > opts.max_input_bytes)
            {
                return Err(too_large(source, opts.max_input_bytes));
            }
            read_capped(file, opts.max_input_bytes).map_err(|e| match e {
                CapError::Io(e) => unreadable(p, &e),
                CapError::TooLarge => too_large(source, opts.max_input_bytes),
            })?
        }
        Source::Stdin => {
            read_capped(std::io::stdin(), opts.max_input_bytes).map_err(|e| match e {
                CapError::Io(e) => IngestError::Unreadable {
                    source_name: source.display(),
                    reason: e.to_string(),
                },
                CapError::TooLarge => too_large(source, opts.max_input_bytes),
            })?
        }
    };
    Ok(RawSource {
        bytes,
        ..RawSource::default()
    })
}

/// Why [`read_capped`] stopped.
enum CapError {
    Io(std::io::Error),
    TooLarge,
}

/// Reads everything from `reader`, but no more than `limit` bytes.
fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, CapError> {
    let mut buf = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(CapError::Io)?;
    if buf.len() as u64 > limit {
        return Err(CapError::TooLarge);
    }
    Ok(buf)
}

fn too_large(source: &Source, limit: u64) -> IngestError {
    IngestError::TooLarge {
        url: source.display(),
        limit_mb: limit / (1024 * 1024),
    }
}

/// Picks the format from the file extension, else from the content.
pub fn detect_format(source: &Source, text: &str) -> Format {
    if let Source::File(p) = source {
        match p
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown") => return Format::Md,
            Some("html" | "htm" | "xhtml") => return Format::Html,
            Some("txt" | "text") => return Format::Txt,
            _ => {}
        }
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") {
        Format::Html
    } else if looks_like_markdown(text) {
        Format::Md
    } else {
        Format::Txt
    }
}

/// True when text without a telling extension (stdin, a file named `notes`) is Markdown: it
/// opens with front matter (`---` then a `key: value` line) or an ATX heading (`# Title`), or
/// has two ATX headings among its first 64 lines. Plain text rarely starts lines with `# `;
/// read as plain text, Markdown's `#` marks were spoken and its headings lost.
fn looks_like_markdown(text: &str) -> bool {
    let is_heading = |line: &str| {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        (1..=6).contains(&hashes)
            && line[hashes..].starts_with(' ')
            && !line[hashes..].trim().is_empty()
    };
    let mut lines = text.lines().map(str::trim_end).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    if first == "---" {
        return lines.next().is_some_and(|l| {
            l.split_once(':')
                .is_some_and(|(key, _)| !key.is_empty() && !key.contains(' '))
        });
    }
    is_heading(first)
        || text
            .lines()
            .take(64)
            .filter(|l| is_heading(l.trim_end()))
            .count()
            >= 2
}

/// Parses decoded text in `format` into a [`Document`]; `html` says how pages are read (its
/// `footnotes` applies to Markdown too).
pub fn parse(text: &str, format: Format, html: &html::HtmlOptions) -> Document {
    match format {
        Format::Txt => txt::parse(text),
        Format::Md => markdown::parse(
            text,
            &markdown::MarkdownOptions {
                footnotes: html.footnotes,
            },
        ),
        Format::Html => html::parse(text, html),
    }
}

/// Collapses every run of whitespace (including no-break spaces) to one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_every_file_aloud_reads_by_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", "b.text", "c.md", "d.xhtml", "e.HTM", "f.pdf", "g"] {
            std::fs::write(dir.path().join(name), "Some words.").unwrap();
        }
        // Hidden files are not articles: macOS's resource forks, an editor's lock link.
        std::fs::write(dir.path().join("._a.txt"), [0u8, 5, 22, 7]).unwrap();
        std::os::unix::fs::symlink("root@host.1234:1700000000", dir.path().join(".#c.md")).unwrap();
        let found: Vec<String> = expand_inputs(&[dir.path().to_path_buf()])
            .unwrap()
            .iter()
            .map(|s| s.display().rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(found, ["a.txt", "b.text", "c.md", "d.xhtml", "e.HTM"]);
    }

    #[test]
    fn urls_become_url_sources() {
        let got = expand_inputs(&["https://example.com/a".into(), "-".into()]).unwrap();
        assert_eq!(
            got,
            [Source::Url("https://example.com/a".into()), Source::Stdin]
        );
    }

    #[test]
    fn sniffs_html_without_extension() {
        assert_eq!(
            detect_format(&Source::Stdin, "  <!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(detect_format(&Source::Stdin, "Just text."), Format::Txt);
    }

    #[test]
    fn sniffs_markdown_without_extension() {
        let cases = [
            ("# The Ferry\n\nIt left at nine.\n", Format::Md),
            ("\n\n## Notes\nSome text.\n", Format::Md),
            ("---\ntitle: The Ferry\n---\nIt left at nine.\n", Format::Md),
            (
                "The ferry left.\n\n## Morning\n\nCalm.\n\n## Evening\n\nRough.\n",
                Format::Md,
            ),
            // One heading-like line inside plain text, a hashtag, a horizontal rule: text.
            ("The ferry left.\n\n# not a title\nMore.\n", Format::Txt),
            ("#ferry #summer\nWhat a day.\n", Format::Txt),
            ("---\nA line of prose after a rule.\n", Format::Txt),
            ("#\n\nText.\n", Format::Txt),
            ("", Format::Txt),
        ];
        for (text, format) in cases {
            assert_eq!(detect_format(&Source::Stdin, text), format, "{text:?}");
            let notes = Source::File("notes".into());
            assert_eq!(detect_format(&notes, text), format, "{text:?}");
        }
        // An extension is taken at its word.
        let txt = Source::File("story.txt".into());
        assert_eq!(detect_format(&txt, "# Heading\n\nText.\n"), Format::Txt);
    }
}
