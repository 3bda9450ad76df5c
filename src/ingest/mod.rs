//! Bytes in, [`Document`] out: reading a source, checking it is text, and parsing its format.

pub mod html;
pub mod markdown;
pub mod txt;

use std::path::{Path, PathBuf};

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
}

impl Source {
    /// How the source is named in messages and the manifest.
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "<stdin>".to_string(),
        }
    }
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

/// File extensions picked up when an input is a directory.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

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
    /// The file is not valid UTF-8.
    #[error("{source_name}: invalid UTF-8 at byte {offset}; save it as UTF-8 and try again")]
    Encoding {
        /// The file.
        source_name: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A directory given as input holds no articles.
    #[error("{source_name}: no articles in this directory (looked for .txt, .md, .markdown, .html, .htm)")]
    NoArticles {
        /// The directory.
        source_name: String,
    },
}

/// Expands command-line inputs into article sources: files as given, directories to the
/// article files directly inside them (sorted by name), `-` to stdin.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<Source>, IngestError> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| unreadable(input, &e))?;
        if meta.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| unreadable(input, &e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && has_article_extension(p))
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

fn has_article_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn unreadable(path: &Path, e: &std::io::Error) -> IngestError {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    IngestError::Unreadable {
        source_name: path.display().to_string(),
        reason,
    }
}

/// Reads a source's bytes.
pub fn read_source(source: &Source) -> Result<Vec<u8>, IngestError> {
    match source {
        Source::File(p) => std::fs::read(p).map_err(|e| unreadable(p, &e)),
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| {
                IngestError::Unreadable {
                    source_name: source.display(),
                    reason: e.to_string(),
                }
            })?;
            Ok(buf)
        }
    }
}

/// Checks that `bytes` are text and decodes them (UTF-8, a leading BOM dropped).
pub fn decode(bytes: &[u8], source_name: &str) -> Result<String, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty {
            source_name: source_name.to_string(),
            reason: "the file is empty; nothing to narrate".to_string(),
        });
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(IngestError::Binary {
            source_name: source_name.to_string(),
            kind: kind.to_string(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(IngestError::Encoding {
            source_name: source_name.to_string(),
            offset: e.valid_up_to(),
        }),
    }
}

/// Recognises files that are certainly not text: known magic numbers, or NUL bytes.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"RIFF", "a RIFF file (WAV or AVI)"),
        (b"ID3", "an MP3 file"),
        (b"\x7FELF", "a program (ELF binary)"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text has NULs too, but starts with a BOM; it is not supported yet and reported
    // as binary rather than read as garbage.
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !b"\t\n\r\x0c".contains(&b)))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Some("a binary file");
    }
    None
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
            Some("txt") => return Format::Txt,
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
    } else {
        Format::Txt
    }
}

/// Parses decoded text in `format` into a [`Document`].
pub fn parse(text: &str, format: Format) -> Document {
    match format {
        Format::Txt => txt::parse(text),
        Format::Md => markdown::parse(text),
        Format::Html => html::parse(text),
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
    fn rejects_png_by_magic() {
        let e = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.png").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.png: looks like a PNG image, not an article (aloud reads .txt, .md and .html)"
        );
    }

    #[test]
    fn reports_offset_of_invalid_utf8() {
        let e = decode(b"Hello \xff world", "a.txt").unwrap_err();
        assert!(matches!(e, IngestError::Encoding { offset: 6, .. }));
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert!(matches!(
            decode(b" \n\t\n", "a.txt"),
            Err(IngestError::Empty { .. })
        ));
    }

    #[test]
    fn strips_utf8_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFHi.", "a.txt").unwrap(), "Hi.");
    }

    #[test]
    fn sniffs_html_without_extension() {
        assert_eq!(
            detect_format(&Source::Stdin, "  <!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(detect_format(&Source::Stdin, "Just text."), Format::Txt);
    }
}
