//! A reading list as one book (`aloud book LIST|DIR -o NAME.m4b`): the list's entries, the
//! articles joined into one narration with a spoken title before each, one chapter per
//! article, and the table of contents the book's manifest carries.
//!
//! Everything here decides and nothing touches files or engines: reading the list file,
//! synthesis and mastering are in `lib.rs` ([`crate::book`]), which speaks the joined
//! narration through the same per-chunk pipeline as `export` (so the chunk cache serves both).
//!
//! Headings inside an article are not chapters of the book's audio files: M4B chapter atoms
//! and Opus `CHAPTERnn` comments are flat lists, and although ID3 CTOC frames nest, players
//! (and `ffprobe`) show nested CHAP frames as one flat list that mixes articles and their
//! headings. The headings are kept as `sections` of each article in the manifest's `toc`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::audio::encode::{Chapter, Format};
use crate::export::manifest::Manifest;
use crate::ingest::{Block, BlockKind, Document};
use crate::narration::{Break, Narration, Paragraph, PlanOptions};
use crate::Article;

/// The formats a book can be written in: those whose files carry chapters.
pub const BOOK_FORMATS: [Format; 3] = [Format::M4b, Format::Mp3, Format::Opus];

/// One entry of a reading list: what it names and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    /// 1-based line number in the list file.
    pub line: usize,
    /// A path (resolved against the list's folder, `~` and `$HOME` expanded, a `file://` URL
    /// made a path) or an `http(s)://` URL; or, for a line that names nothing readable (a
    /// `file://` URL on another host), the one-line problem, naming the line's text.
    pub input: Result<PathBuf, String>,
}

/// Parses a reading list: one path or URL a line; blank lines and lines starting with `#`
/// (after spaces) are skipped, and so is the rest of a line after ` #`. A relative path is
/// relative to the list's folder `base` (as in M3U playlists), so a list works from any
/// working directory. `~`, `~/…`, `$HOME` and `${HOME}` at the start of a line are `home`,
/// and `file:///abs/a.md` (or `file://localhost/…`, `file:/…`) is the path it names,
/// percent-decoded: see [`resolve_line`].
pub fn parse_list(text: &str, base: &Path, home: Option<&Path>) -> Vec<ListEntry> {
    text.lines()
        .enumerate()
        .filter_map(|(i, raw)| {
            let line = raw.split(" #").next().unwrap_or_default().trim();
            let line = line.trim_start_matches('\u{feff}');
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            Some(ListEntry {
                line: i + 1,
                input: resolve_line(line, base, home),
            })
        })
        .collect()
}

/// What one list line names: an `http(s)://` URL as it is; a `file:` URL as its local path
/// (a host other than `localhost` is an error: aloud reads no remote file systems); `~` and
/// `$HOME` (or `${HOME}`) followed by `/` or nothing, under `home`; an absolute path as it is;
/// a relative one under `base` (`./` before it when `base` is empty, so `-` is a file).
pub fn resolve_line(line: &str, base: &Path, home: Option<&Path>) -> Result<PathBuf, String> {
    if crate::ingest::url::is_url(line) {
        return Ok(PathBuf::from(line));
    }
    if line
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("file:"))
    {
        return file_url_path(line);
    }
    let home_rest = ["~", "$HOME", "${HOME}"].iter().find_map(|prefix| {
        let rest = line.strip_prefix(prefix)?;
        (rest.is_empty() || rest.starts_with('/')).then_some(rest)
    });
    if let Some(rest) = home_rest {
        let home = home.ok_or_else(|| {
            format!(
                "{line}: no home folder to expand it to ($HOME is not set); write the full path"
            )
        })?;
        return Ok(home.join(rest.trim_start_matches('/')));
    }
    if line.starts_with('~') {
        return Err(format!(
            "{line}: only ~ and ~/ (your home folder) are expanded, not ~user; write the full path"
        ));
    }
    // "htps://…", "ftp://…": a web address mistyped, or one aloud does not fetch.
    if let Some((scheme, _)) = line.split_once("://") {
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+')
        {
            return Err(format!(
                "{line}: not an http:// or https:// address (aloud reads web pages over HTTP); \
                 did you mean https://{}?",
                &line[scheme.len() + 3..]
            ));
        }
    }
    let path = if Path::new(line).is_absolute() {
        PathBuf::from(line)
    } else if base.as_os_str().is_empty() {
        // "./-" is a file named "-", not standard input.
        Path::new(".").join(line)
    } else {
        base.join(line)
    };
    // "www.example.com/story": a web address without its scheme, unless such a file exists.
    if line.to_ascii_lowercase().starts_with("www.") && !path.exists() {
        return Err(format!(
            "{line}: no such file; a web address needs its scheme: https://{line}"
        ));
    }
    Ok(path)
}

/// The local path of a `file:` URL (RFC 8089): `file:///p`, `file://localhost/p` or
/// `file:/p`, percent-decoded.
fn file_url_path(url: &str) -> Result<PathBuf, String> {
    let rest = &url[5..];
    let path = match rest.strip_prefix("//") {
        Some(authority_and_path) => {
            let (host, path) = match authority_and_path.find('/') {
                Some(i) => authority_and_path.split_at(i),
                None => (authority_and_path, ""),
            };
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return Err(format!(
                    "{url}: a file:// URL on another machine ({host}) cannot be read; mount it \
                     and give its path, or write file:///path for a file on this one"
                ));
            }
            path
        }
        None => rest,
    };
    if !path.starts_with('/') {
        return Err(format!(
            "{url}: not a file URL of an absolute path; write file:///path/to/article.md or \
             the path itself"
        ));
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| format!("{url}: its %-escapes are not UTF-8; write the path itself"))?;
    Ok(PathBuf::from(decoded.as_ref()))
}

/// Checks `-o`: a book is one `.m4b`, `.mp3` or `.opus` file (the formats with chapters).
/// The error is one line naming the path.
pub fn output_format(path: &Path) -> Result<Format, String> {
    match Format::from_path(path) {
        Some(f) if BOOK_FORMATS.contains(&f) => Ok(f),
        other => Err(format!(
            "-o {}: {}; a book is one .m4b, .mp3 or .opus file (the formats that carry chapters)",
            path.display(),
            match other {
                Some(f) => format!("{} files cannot carry chapters", f.extension()),
                None => "not an audio file name".to_string(),
            }
        )),
    }
}

/// Where the book's manifest goes: `NAME.m4b.manifest.json` beside `NAME.m4b`. The format
/// stays in the name so an MP3 and an M4B of one list can sit in one folder, each with its own
/// manifest (their files and sizes differ).
pub fn manifest_path(output: &Path) -> PathBuf {
    let name = output.file_name().unwrap_or_default().to_string_lossy();
    output.with_file_name(format!("{name}.manifest.json"))
}

/// Where one article lies in the joined narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMark {
    /// Its chapter number, from 1.
    pub chapter: usize,
    /// The chapter title: the article's title, else its name (see [`chapter_title`]).
    pub title: String,
    /// Where it came from, as given.
    pub source: String,
    /// Its first chunk (the spoken title), 0-based position in the joined narration.
    pub first_chunk: usize,
    /// One past its last chunk.
    pub end_chunk: usize,
    /// Its headings: (0-based position of the heading's first chunk, heading text).
    pub sections: Vec<(usize, String)>,
    /// Words the engine speaks for it, title included.
    pub words: usize,
}

/// Articles joined into one narration, and where each lies in it.
#[derive(Debug, Clone)]
pub struct BookPlan {
    /// The joined narration, chunks numbered from 1.
    pub narration: Narration,
    /// One mark per article, in order.
    pub articles: Vec<ArticleMark>,
}

/// The chapter title of an article: its title, else its output name with dashes as spaces
/// (`night-trains` → "night trains").
pub fn chapter_title(article: &Article) -> String {
    article
        .narration
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| article.slug.replace('-', " "))
}

/// What is spoken before article `n`: "Chapter n. Title." (with the title's own final
/// punctuation, if it has one).
pub fn spoken_title(n: usize, title: &str) -> String {
    let title = title.trim();
    let end = if title.ends_with(['.', '!', '?', '…']) {
        ""
    } else {
        "."
    };
    format!("Chapter {n}. {title}{end}")
}

/// Joins `articles` into one narration: for each, "Chapter n. Title." (planned with `opts`
/// in the article's language, so its spoken form follows the same rules), a pause, then the
/// article's chunks without its own title. The pause after the spoken title is the section
/// pause (`--paragraph-pause` plus 300 ms, scaled by the rate); between articles it is twice
/// that. The book's language is the first article's.
pub fn join(articles: &[Article], title: &str, opts: &PlanOptions) -> BookPlan {
    let section_pause = opts.pause_ms(Break::Section);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut chunks = Vec::new();
    let mut marks = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let n = i + 1;
        let heading = chapter_title(article);
        let said = spoken_title(n, &heading);
        let title_plan = crate::narration::plan(
            &Document {
                title: None,
                blocks: vec![Block {
                    kind: BlockKind::Heading,
                    text: said.clone(),
                }],
                ..Document::default()
            },
            &PlanOptions {
                language: Some(article.narration.language),
                ..opts.clone()
            },
        );
        let first_chunk = chunks.len();
        // The spoken title is a heading paragraph of the book.
        let title_paragraph = paragraphs.len() + 1;
        paragraphs.push(Paragraph {
            text: said.clone(),
            sentences: vec![said],
            heading: true,
        });
        for mut c in title_plan.chunks {
            c.paragraph = title_paragraph;
            chunks.push(c);
        }
        if let Some(last) = chunks.last_mut() {
            last.break_after = Break::Section;
            last.pause_after_ms = section_pause;
        }
        let offset = paragraphs.len();
        paragraphs.extend(article.narration.paragraphs.iter().cloned());
        let mut sections = Vec::new();
        let mut seen = None;
        for c in article.narration.chunks.iter().filter(|c| c.paragraph > 0) {
            if seen != Some(c.paragraph) {
                seen = Some(c.paragraph);
                if let Some(p) = article.narration.paragraphs.get(c.paragraph - 1) {
                    if p.heading {
                        sections.push((chunks.len(), p.text.trim().to_string()));
                    }
                }
            }
            let mut c = c.clone();
            c.paragraph += offset;
            chunks.push(c);
        }
        if let Some(last) = chunks.last_mut() {
            let (brk, pause) = if n < articles.len() {
                (Break::Section, 2 * section_pause)
            } else {
                (Break::End, 0)
            };
            last.break_after = brk;
            last.pause_after_ms = pause;
        }
        let words = chunks[first_chunk..]
            .iter()
            .map(|c| c.spoken.split_whitespace().count())
            .sum();
        marks.push(ArticleMark {
            chapter: n,
            title: heading,
            source: article.source.display(),
            first_chunk,
            end_chunk: chunks.len(),
            sections,
            words,
        });
    }
    for (i, c) in chunks.iter_mut().enumerate() {
        c.index = i + 1;
    }
    BookPlan {
        narration: Narration {
            title: Some(title.to_string()),
            language: articles
                .first()
                .map(|a| a.narration.language)
                .unwrap_or_default(),
            paragraphs,
            chunks,
            extraction: None,
        },
        articles: marks,
    }
}

impl BookPlan {
    /// One chapter per article, named after it: the first from 0, each other from where its
    /// spoken title is heard (`starts_ms[i]`: where chunk `i` starts), each ending where the
    /// next starts and the last at `duration_ms`.
    pub fn chapters(&self, starts_ms: &[u64], duration_ms: u64) -> Vec<Chapter> {
        let mut out: Vec<Chapter> = self
            .articles
            .iter()
            .map(|a| Chapter {
                title: a.title.clone(),
                start_ms: if a.chapter == 1 {
                    0
                } else {
                    starts_ms.get(a.first_chunk).copied().unwrap_or(0)
                },
                end_ms: duration_ms,
                chunk: a.first_chunk + 1,
            })
            .collect();
        for n in 1..out.len() {
            out[n - 1].end_ms = out[n].start_ms;
        }
        out
    }

    /// The table of contents: each article's chapter times (those of `chapters`), source,
    /// words, chunks and headings.
    pub fn toc(&self, chapters: &[Chapter], starts_ms: &[u64]) -> Vec<TocEntry> {
        self.articles
            .iter()
            .zip(chapters)
            .map(|(a, c)| TocEntry {
                chapter: a.chapter,
                title: a.title.clone(),
                source: a.source.clone(),
                start_ms: c.start_ms,
                end_ms: c.end_ms,
                words: a.words,
                first_chunk: a.first_chunk + 1,
                last_chunk: a.end_chunk,
                sections: a
                    .sections
                    .iter()
                    .map(|(i, title)| Section {
                        title: title.clone(),
                        start_ms: starts_ms.get(*i).copied().unwrap_or(0),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// One article in the book's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// Chapter number, from 1.
    pub chapter: usize,
    /// The chapter title (the article's title).
    pub title: String,
    /// Where the article came from, as the list or folder named it.
    pub source: String,
    /// Where its chapter starts in the book's audio, ms (its spoken title; 0 for the first).
    pub start_ms: u64,
    /// Where it ends (the next chapter's start, or the end of the audio), ms.
    pub end_ms: u64,
    /// Words spoken, its title included.
    pub words: usize,
    /// Its first chunk (1-based `index` in `chunks`): the spoken "Chapter n. Title."
    pub first_chunk: usize,
    /// Its last chunk.
    pub last_chunk: usize,
    /// The article's headings and where each is heard (not chapters of the audio file; see
    /// the module documentation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// A heading inside a book's article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as written.
    pub title: String,
    /// Where its first word is heard in the book's audio, ms.
    pub start_ms: u64,
}

/// The book's manifest (`NAME.m4b.manifest.json`): an export manifest of the joined narration
/// (`source` is the list or folder, `audio` the book's file name, `chapters` one per article,
/// `chunks` every chunk with its time in the book) plus the table of contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookManifest {
    /// The export manifest's fields.
    #[serde(flatten)]
    pub manifest: Manifest,
    /// One entry per article, in order.
    pub toc: Vec<TocEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn article(slug: &str, title: Option<&str>, blocks: &[(BlockKind, &str)]) -> Article {
        let doc = Document {
            title: title.map(Into::into),
            blocks: blocks
                .iter()
                .map(|(kind, text)| Block {
                    kind: *kind,
                    text: (*text).into(),
                })
                .collect(),
            ..Document::default()
        };
        Article {
            source: Source::File(format!("{slug}.md").into()),
            slug: slug.into(),
            narration: crate::narration::plan(&doc, &PlanOptions::default()),
        }
    }

    #[test]
    fn mistyped_web_addresses_say_what_to_write() {
        let base = Path::new("/lists");
        let typo = resolve_line("htps://example.com/story", base, None).unwrap_err();
        assert!(
            typo.contains("did you mean https://example.com/story"),
            "{typo}"
        );
        let ftp = resolve_line("ftp://example.com/a.txt", base, None).unwrap_err();
        assert!(ftp.contains("not an http:// or https:// address"), "{ftp}");
        let bare = resolve_line("www.example.com/story", base, None).unwrap_err();
        assert!(bare.contains("https://www.example.com/story"), "{bare}");
        // A file that happens to be named so is read.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("www.notes.md"), "x").unwrap();
        assert_eq!(
            resolve_line("www.notes.md", dir.path(), None).unwrap(),
            dir.path().join("www.notes.md")
        );
    }

    #[test]
    fn lists_skip_comments_and_blanks_and_resolve_against_their_folder() {
        let text = "\u{feff}# my list\n\na.md\n  # indented comment\nsub/b.txt  # note\n\
                    https://example.com/x # later\n/abs/c.html\n";
        let got: Vec<(usize, String)> = parse_list(text, Path::new("/lists"), None)
            .into_iter()
            .map(|e| (e.line, e.input.unwrap().display().to_string()))
            .collect();
        assert_eq!(
            parse_list("-\n", Path::new(""), None)[0].input,
            Ok(PathBuf::from("./-")),
            "a file named -, not standard input"
        );
        assert_eq!(
            got,
            [
                (3, "/lists/a.md".to_string()),
                (5, "/lists/sub/b.txt".to_string()),
                (6, "https://example.com/x".to_string()),
                (7, "/abs/c.html".to_string()),
            ]
        );
    }

    #[test]
    fn list_lines_expand_home_and_read_file_urls() {
        let home = Some(Path::new("/home/me"));
        let base = Path::new("/lists");
        for (line, want) in [
            ("~/a.md", "/home/me/a.md"),
            ("~", "/home/me"),
            ("$HOME/a.md", "/home/me/a.md"),
            ("${HOME}/sub/a.md", "/home/me/sub/a.md"),
            ("$HOMEWORK/a.md", "/lists/$HOMEWORK/a.md"),
            ("file:///abs/a.md", "/abs/a.md"),
            ("FILE:///abs/my%20notes.md", "/abs/my notes.md"),
            ("file://localhost/abs/a.md", "/abs/a.md"),
            ("file:/abs/a.md", "/abs/a.md"),
            ("sub/a.md", "/lists/sub/a.md"),
            ("a~b.md", "/lists/a~b.md"),
            ("ééé.md", "/lists/ééé.md"),
        ] {
            assert_eq!(
                resolve_line(line, base, home),
                Ok(PathBuf::from(want)),
                "{line}"
            );
        }
        for (line, says) in [
            ("file://nas/share/a.md", "on another machine (nas)"),
            ("file:a.md", "not a file URL of an absolute path"),
            ("file:///%ff.md", "not UTF-8"),
            ("~bob/a.md", "not ~user"),
        ] {
            let e = resolve_line(line, base, home).unwrap_err();
            assert!(
                e.starts_with(&format!("{line}: ")) && e.contains(says),
                "{e}"
            );
        }
        assert!(resolve_line("~/a.md", base, None)
            .unwrap_err()
            .contains("$HOME is not set"));
        let entries = parse_list("a.md\n\nfile://nas/b.md\n", base, home);
        assert_eq!(entries[1].line, 3);
        assert!(entries[1].input.is_err());
    }

    #[test]
    fn only_formats_with_chapters_make_a_book() {
        assert_eq!(output_format(Path::new("b.M4B")), Ok(Format::M4b));
        assert_eq!(output_format(Path::new("x/b.opus")), Ok(Format::Opus));
        let e = output_format(Path::new("b.wav")).unwrap_err();
        assert!(
            e.starts_with("-o b.wav: wav files cannot carry chapters"),
            "{e}"
        );
        let e = output_format(Path::new("book")).unwrap_err();
        assert!(e.contains("not an audio file name"), "{e}");
        assert_eq!(
            manifest_path(Path::new("out/my.book.m4b")),
            Path::new("out/my.book.m4b.manifest.json")
        );
    }

    #[test]
    fn spoken_titles_keep_their_own_final_punctuation() {
        assert_eq!(spoken_title(2, "The Harbour"), "Chapter 2. The Harbour.");
        assert_eq!(spoken_title(10, "Why now? "), "Chapter 10. Why now?");
    }

    #[test]
    fn joins_articles_with_a_spoken_title_and_a_chapter_each() {
        let a = article(
            "first",
            Some("The Harbour"),
            &[
                (BlockKind::Paragraph, "It rained. Then it stopped."),
                (BlockKind::Heading, "After"),
                (BlockKind::Paragraph, "It cleared."),
            ],
        );
        let b = article(
            "night-trains",
            None,
            &[(BlockKind::Paragraph, "Trains run.")],
        );
        let opts = PlanOptions::default();
        let book = join(&[a, b], "My book", &opts);
        let n = &book.narration;
        let texts: Vec<&str> = n.chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Chapter 1. The Harbour.",
                "It rained.",
                "Then it stopped.",
                "After",
                "It cleared.",
                "Chapter 2. night trains.",
                "Trains run."
            ]
        );
        let indexes: Vec<usize> = n.chunks.iter().map(|c| c.index).collect();
        assert_eq!(indexes, [1, 2, 3, 4, 5, 6, 7]);
        // Each chunk's paragraph is the book's own, and the headings are in place.
        for c in &n.chunks {
            let p = &n.paragraphs[c.paragraph - 1];
            assert!(
                p.text.contains(c.text.trim_end_matches('.')),
                "{c:?} in {p:?}"
            );
        }
        let section = opts.pause_ms(Break::Section);
        assert_eq!(n.chunks[0].pause_after_ms, section);
        assert_eq!(n.chunks[4].pause_after_ms, 2 * section);
        assert_eq!(n.chunks[6].break_after, Break::End);
        assert_eq!(n.chunks[6].pause_after_ms, 0);
        assert_eq!(n.title.as_deref(), Some("My book"));

        let starts: Vec<u64> = (0..7).map(|i| 1000 * i + 500).collect();
        let chapters = book.chapters(&starts, 9000);
        let got: Vec<(&str, u64, u64, usize)> = chapters
            .iter()
            .map(|c| (c.title.as_str(), c.start_ms, c.end_ms, c.chunk))
            .collect();
        assert_eq!(
            got,
            [("The Harbour", 0, 5500, 1), ("night trains", 5500, 9000, 6)]
        );
        let toc = book.toc(&chapters, &starts);
        assert_eq!(
            toc[0].sections,
            [Section {
                title: "After".into(),
                start_ms: 3500
            }]
        );
        assert_eq!((toc[0].first_chunk, toc[0].last_chunk), (1, 5));
        assert_eq!((toc[1].first_chunk, toc[1].last_chunk), (6, 7));
        assert_eq!(toc[1].source, "night-trains.md");
        assert_eq!(
            toc[1].words, 6,
            "\"Chapter two. night trains.\" and \"Trains run.\""
        );
    }
}
