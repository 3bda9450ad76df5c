//! aloud: articles in, narrated audio out.
//!
//! The pipeline runs one way: [`ingest`] (bytes → document) → [`text`] (cleaning, sentences,
//! chunks, spoken form) → [`narration`] (the plan) → [`engine`] (speech) → [`audio`] (trim,
//! join) → [`export`] (WAV, manifest, subtitles, script). [`prepare`] and [`export()`] are the
//! entry points; `main.rs` only parses arguments and maps errors to exit codes.

pub mod app;
pub mod audio;
pub mod cli;
pub mod engine;
pub mod export;
pub mod ingest;
pub mod listen;
pub mod narration;
pub mod progress;
pub mod publish;
pub mod render;
pub mod text;

use std::path::{Path, PathBuf};

use engine::{EngineChoice, EngineError, VoiceSettings};
use export::fs::{slugify, write_atomic, StagedDir};
use export::manifest::{EngineRecord, Manifest, ManifestChunk, SCHEMA_VERSION};
use ingest::{Document, Format, IngestError, ReadOptions, Source};
use narration::{Narration, PlanOptions};
use progress::Progress;
use text::lexicon::Lexicon;

/// Everything that can stop aloud, each naming the file or folder concerned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be read as an article.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// An engine could not be used as asked (e.g. unknown voice).
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The engine failed while speaking a chunk.
    #[error("{source_name}: chunk {chunk}: {error}")]
    Synthesis {
        /// The article.
        source_name: String,
        /// The chunk number.
        chunk: usize,
        /// What the engine said.
        error: EngineError,
    },
    /// An article's output folder exists and `--force` was not given. The message says that
    /// a re-run is quick: after an interrupted folder export, a tester read "add --force" as
    /// starting over, though every chunk spoken before comes from the cache.
    #[error(
        "{}: already exists; add --force to replace it (chunks spoken before come from the cache)",
        dir.display()
    )]
    Exists {
        /// The folder.
        dir: PathBuf,
    },
    /// `--force` was given, but the folder an article would replace is not aloud's export of it
    /// ([`export::fs::foreign_entry`]).
    #[error("{}: {reason}", dir.display())]
    NotOurs {
        /// The folder.
        dir: PathBuf,
        /// Why, and what to do.
        reason: String,
    },
    /// Writing output failed.
    #[error("{}: cannot write: {reason}", path.display())]
    Output {
        /// The file or folder.
        path: PathBuf,
        /// The OS error in words.
        reason: String,
    },
    /// Installing a voice failed.
    #[error("installing voice: {0}")]
    Install(String),
    /// Only a fragment of a page could be read and `--strict` was given.
    #[error("{}", fragment_message(.source_name, .extraction, true))]
    Fragment {
        /// The page.
        source_name: String,
        /// How its text was found: the strategy that read most, words read and visible, and
        /// whether it stops at a subscription wall.
        extraction: Box<ingest::html::Extraction>,
    },
    /// Several inputs are bad: one line each.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\naloud: error: "))]
    Several(Vec<Error>),
    /// An entry of a reading list is bad: the list, the entry's line, and the problem.
    #[error("{}:{line}: {error}", list.display())]
    ListEntry {
        /// The list file.
        list: PathBuf,
        /// The entry's line, from 1.
        line: usize,
        /// What is wrong with what it names.
        error: Box<Error>,
    },
    /// `--keep-going` narrated the good inputs; these failed (each already reported).
    #[error("{failed} of {total} inputs failed (listed above); {}", narrated_rest(*.total - *.failed))]
    SomeFailed {
        /// Inputs that failed.
        failed: usize,
        /// All inputs (articles found plus bad inputs).
        total: usize,
    },
    /// A pronunciation lexicon could not be read.
    #[error("{}: {reason}", path.display())]
    Lexicon {
        /// The lexicon file.
        path: PathBuf,
        /// What is wrong: the line and the problem, or why it cannot be read.
        reason: String,
    },
    /// `--lang` named no language aloud knows: a usage error (exit 2).
    #[error(transparent)]
    Language(#[from] text::language::LanguageError),
    /// Listening failed: nothing to play through (exit 3), or the engine or device failed.
    #[error(transparent)]
    Listen(#[from] listen::ListenError),
    /// An audio format cannot be written here (LAME or ffmpeg missing): one line naming the
    /// package to install.
    #[error("{0}")]
    Encoder(String),
    /// A command-line value aloud refuses (`--format`, `--loudness`, `-o FILE`): a usage
    /// error (exit 2), one line.
    #[error("{0}")]
    Usage(String),
    /// Writing a feed or serving a folder failed (`aloud feed`, `aloud serve`).
    #[error(transparent)]
    Publish(#[from] publish::PublishError),
    /// `--require-audio` was given and no engine is available.
    #[error(
        "no speech engine available ({reason}); --require-audio was given, so nothing was written"
    )]
    AudioRequired {
        /// Why no engine could be used.
        reason: String,
    },
}

impl Error {
    /// The process exit code for this error: 2 when audio was required but impossible or
    /// `--lang` was not a language code (a usage error, as clap's), 3 when `listen` has no
    /// sound device or speech service, else 1.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::AudioRequired { .. }
            | Error::Language(_)
            | Error::Usage(_)
            | Error::Publish(
                publish::PublishError::BaseUrl { .. } | publish::PublishError::Usage(_),
            ) => 2,
            Error::Listen(listen::ListenError::NoOutput(_)) => listen::NO_OUTPUT_EXIT_CODE,
            _ => 1,
        }
    }
}

/// A write error, naming the file where it would have been: not the hidden staging folder it
/// is built in ([`export::fs::public_path`]).
fn output_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Output {
        path: export::fs::public_path(path),
        reason: e.to_string(),
    }
}

/// The default pronunciation lexicon: `$XDG_CONFIG_HOME/aloud/lexicon.txt`, else
/// `~/.config/aloud/lexicon.txt`.
pub fn default_lexicon_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("aloud").join("lexicon.txt"))
}

/// Reads the default lexicon (when it exists) and then `extra` (which must), later entries
/// replacing earlier ones. A bad line is an error naming the file and the line.
pub fn load_lexicon(extra: Option<&Path>) -> Result<Lexicon, Error> {
    let mut lexicon = Lexicon::default();
    let default = default_lexicon_path().filter(|p| p.is_file());
    for path in default.iter().map(PathBuf::as_path).chain(extra) {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Lexicon {
            path: path.to_path_buf(),
            reason: format!("cannot read the lexicon: {e}"),
        })?;
        let parsed = Lexicon::parse(&text).map_err(|e| Error::Lexicon {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        lexicon.extend(parsed);
    }
    Ok(lexicon)
}

/// Reads, decodes, parses and cleans one source into a document with readable text.
///
/// `format` overrides what the source says about itself (a URL's `Content-Type`, a file's
/// extension, the content).
pub fn load(
    source: &Source,
    format: Option<Format>,
    read: &ReadOptions,
) -> Result<Document, Error> {
    let name = source.display();
    let raw = ingest::read_source(source, read)?;
    let text = ingest::encoding::decode(&raw.bytes, &name, raw.charset.as_deref())?.text;
    let format = format
        .or(raw.format)
        .unwrap_or_else(|| ingest::detect_format(source, &text));
    let html = ingest::html::HtmlOptions {
        extractor: read.extractor,
        url: match source {
            Source::Url(u) => Some(u.clone()),
            _ => None,
        },
        footnotes: read.footnotes,
    };
    let doc = text::clean::clean(ingest::parse(&text, format, &html));
    // A page's <title> alone is not an article: an HTML page must yield some text.
    if doc.blocks.is_empty() && (doc.title.is_none() || doc.extraction.is_some()) {
        let reason = match &doc.extraction {
            Some(x) if read.extractor == Some(ingest::html::Strategy::StructuredData) => format!(
                "the page carries no schema.org articleBody (JSON-LD) among its {} visible \
                 words; drop --extractor to let aloud choose how to read it",
                x.words_visible
            ),
            Some(x) if read.extractor.is_some() => format!(
                "--extractor {} found no article among the page's {} visible words; drop \
                 --extractor to let aloud choose how to read it",
                x.strategy.name(),
                x.words_visible
            ),
            Some(x) if x.words_visible > 0 => format!(
                "no article found among the page's {} visible words; it is probably built by \
                 JavaScript or behind a login: {UNSEEN_ARTICLE_HINT}",
                x.words_visible
            ),
            Some(_) => match ingest::html::framed_page(&text) {
                Some(src) => format!(
                    "the page shows no text of its own: it frames another page, {src}; \
                     narrate that address instead (aloud export {src})"
                ),
                None => format!(
                    "the page shows no text (only markup or scripts); it is probably built by \
                     JavaScript: {UNSEEN_ARTICLE_HINT}"
                ),
            },
            None => "no readable text found (only markup, debris or whitespace)".into(),
        };
        return Err(IngestError::Empty {
            source_name: name,
            reason,
        }
        .into());
    }
    Ok(doc)
}

/// An article ready to narrate: where it came from, its output folder name and its plan.
#[derive(Debug, Clone)]
pub struct Article {
    /// The source.
    pub source: Source,
    /// The output folder name, unique among the articles of one run.
    pub slug: String,
    /// The narration plan.
    pub narration: Narration,
}

/// Expands the inputs and plans every article, before anything is written: a bad input stops
/// the run with the output folder untouched. Every bad input is reported, not only the first
/// ([`Error::Several`] when there is more than one).
pub fn prepare(
    inputs: &[PathBuf],
    format: Option<Format>,
    plan: &PlanOptions,
    read: &ReadOptions,
) -> Result<Vec<Article>, Error> {
    let Prepared {
        articles,
        mut problems,
    } = prepare_all(inputs, format, plan, read);
    match problems.len() {
        0 => Ok(articles),
        1 => Err(problems.remove(0)),
        _ => Err(Error::Several(problems)),
    }
}

/// The articles that could be planned, and one error per input that could not.
#[derive(Debug)]
pub struct Prepared {
    /// Planned articles, in input order.
    pub articles: Vec<Article>,
    /// One error per bad input (or folder without articles), in input order.
    pub problems: Vec<Error>,
}

/// Expands and plans every input, keeping going past bad ones (`--keep-going` narrates the
/// good ones; without it any problem stops the run before anything is written).
pub fn prepare_all(
    inputs: &[PathBuf],
    format: Option<Format>,
    plan: &PlanOptions,
    read: &ReadOptions,
) -> Prepared {
    let mut articles: Vec<Article> = Vec::new();
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    for input in inputs {
        match ingest::expand_inputs(std::slice::from_ref(input)) {
            Ok(found) => sources.extend(found),
            Err(e) => problems.push(e.into()),
        }
    }
    for source in sources {
        let doc = match load(&source, format, read) {
            Ok(doc) => doc,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let narration = narration::plan(&doc, plan);
        if narration.chunks.is_empty() {
            problems.push(
                IngestError::Empty {
                    source_name: source.display(),
                    reason: "nothing speakable found".into(),
                }
                .into(),
            );
            continue;
        }
        let base = match &source {
            Source::File(p) => slugify(&p.file_stem().unwrap_or_default().to_string_lossy()),
            Source::Stdin => slugify(narration.title.as_deref().unwrap_or("stdin")),
            // A URL's last path segment is often an id or "index.html"; the title reads better.
            Source::Url(_) => slugify(narration.title.as_deref().unwrap_or(&source.display())),
        };
        // Two inputs with the same name get "-2", "-3"… rather than overwriting each other.
        let mut slug = base.clone();
        let mut n = 1;
        while articles.iter().any(|a| a.slug == slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        articles.push(Article {
            source,
            slug,
            narration,
        });
    }
    Prepared { articles, problems }
}

/// Reads and plans the articles of a book: a folder's articles in the order `export` reads
/// them (sorted by name), or a reading list's entries in its order
/// ([`publish::book::parse_list`]), each entry's problem an [`Error::ListEntry`] naming the
/// list's line. A list that cannot be read, or has no entries, is the only problem. `-` reads
/// the list from standard input, its relative paths relative to the current folder.
pub fn prepare_book(
    input: &Path,
    format: Option<Format>,
    plan: &PlanOptions,
    read: &ReadOptions,
) -> Prepared {
    let stdin = input.as_os_str() == "-";
    if input.is_dir() && !stdin {
        return prepare_all(&[input.to_path_buf()], format, plan, read);
    }
    let only = |e: Error| Prepared {
        articles: Vec::new(),
        problems: vec![e],
    };
    // `-` is a list on standard input, its relative paths relative to the current folder.
    let (list, bytes) = if stdin {
        (
            PathBuf::from(ingest::STDIN_NAME),
            ingest::read_source(&Source::Stdin, read).map(|raw| raw.bytes),
        )
    } else {
        (
            input.to_path_buf(),
            std::fs::read(input).map_err(|e| IngestError::Unreadable {
                source_name: input.display().to_string(),
                reason: e.to_string(),
            }),
        )
    };
    let text = match bytes {
        Ok(bytes) => match ingest::encoding::decode(&bytes, &list.display().to_string(), None) {
            Ok(d) => d.text,
            Err(e) => return only(e.into()),
        },
        Err(e) => return only(e.into()),
    };
    let base = if stdin {
        Path::new("")
    } else {
        input.parent().unwrap_or(Path::new(""))
    };
    let entries = publish::book::parse_list(&text, base, dirs::home_dir().as_deref());
    if entries.is_empty() {
        return only(
            IngestError::Empty {
                source_name: list.display().to_string(),
                reason: "the reading list names no articles (every line is blank or a # \
                         comment); write one path or URL a line"
                    .into(),
            }
            .into(),
        );
    }
    let mut all = Prepared {
        articles: Vec::new(),
        problems: Vec::new(),
    };
    // The list's own file, to refuse a line naming it: it was narrated as a chapter reading
    // out the list's lines (found by a fresh tester).
    let list_itself = (!stdin)
        .then(|| std::fs::canonicalize(input).ok())
        .flatten();
    for entry in entries {
        let input = match entry.input {
            Ok(input)
                if list_itself.is_some() && std::fs::canonicalize(&input).ok() == list_itself =>
            {
                all.problems.push(Error::ListEntry {
                    list: list.clone(),
                    line: entry.line,
                    error: Box::new(Error::Usage(format!(
                        "{}: this is the reading list itself; list the articles to read",
                        input.display()
                    ))),
                });
                continue;
            }
            Ok(input) => input,
            Err(reason) => {
                all.problems.push(Error::ListEntry {
                    list: list.clone(),
                    line: entry.line,
                    error: Box::new(Error::Usage(reason)),
                });
                continue;
            }
        };
        let one = prepare_all(std::slice::from_ref(&input), format, plan, read);
        all.problems
            .extend(one.problems.into_iter().map(|e| Error::ListEntry {
                list: list.clone(),
                line: entry.line,
                error: Box::new(e),
            }));
        all.articles.extend(one.articles);
    }
    all
}

/// What to do about a page whose article aloud cannot see.
const UNSEEN_ARTICLE_HINT: &str = "save the page from your browser or paste its text into a \
                                   .txt file";

/// The one-line message for a page of which only a fragment was read: what was read, what
/// was there, and what the user can do.
fn fragment_message(source: &str, x: &ingest::html::Extraction, strict: bool) -> String {
    let (read, visible, strategy) = (x.words_read, x.words_visible, x.strategy);
    let strict_note = if strict { "; --strict was given" } else { "" };
    if x.paywall {
        return format!(
            "{source}: the article stops at a subscription wall after {read} words: open it in \
             a browser where you are logged in and save the page, or paste its text into a \
             .txt file{strict_note}"
        );
    }
    // Under 50 words read of a page that shows little more: a short notice, an app shell or a
    // login wall; aloud cannot tell which, so it says what it saw and what to do if more is
    // expected.
    let shows_little = read * 100 >= visible * 15;
    let what = if shows_little {
        format!(
            "the page shows only {visible} words besides its menus and dialogs ({read} read); \
             if the article is longer in a browser, it is built by JavaScript or behind a login"
        )
    } else {
        format!(
            "read only {read} of the page's {visible} visible words; the article is probably \
             built by JavaScript or behind a login"
        )
    };
    format!(
        "{source}: {what}: {UNSEEN_ARTICLE_HINT}{}{}",
        // Another strategy can only help when the page shows more than was read.
        if strategy == ingest::html::Strategy::Page || shows_little {
            ""
        } else {
            " (or try --extractor page)"
        },
        strict_note
    )
}

/// What [`Error::SomeFailed`] says of the inputs that did not fail.
fn narrated_rest(n: usize) -> String {
    match n {
        0 => "nothing was narrated".to_string(),
        1 => "the other one was narrated".to_string(),
        n => format!("the other {n} were narrated"),
    }
}

/// The `--strict` error for `article` when only a fragment of its page was read (see
/// [`ingest::html::Extraction::fragment`]), else `None`.
pub fn fragment_error(article: &Article) -> Option<Error> {
    let x = article
        .narration
        .extraction
        .as_ref()
        .filter(|x| x.fragment)?;
    Some(Error::Fragment {
        source_name: article.source.display(),
        extraction: Box::new(x.clone()),
    })
}

/// Shortest run of ASCII characters without a space that [`not_prose_warning`] counts: longer
/// than any English word or ordinary token (the longest of the extraction dev set's true
/// texts that are not web addresses are under 50).
const BLOB_RUN_CHARS: usize = 50;

/// A warning for an article whose text is mostly runs of [`BLOB_RUN_CHARS`] or more ASCII
/// characters without a space (a base64 blob, a minified file, a key held down), with at
/// least 1,000 characters in all: read as it is, such text is spelled out for as long as it
/// lasts (a 2 MB run of one letter made ten hours of audio without a word; found by a
/// tester). Web addresses do not count, nor text in scripts written without spaces.
pub fn not_prose_warning(article: &Article) -> Option<String> {
    let (mut total, mut runs) = (0usize, 0usize);
    for p in &article.narration.paragraphs {
        for word in p.text.split_whitespace() {
            let n = word.chars().count();
            total += n;
            if n >= BLOB_RUN_CHARS && word.is_ascii() && !word.contains("://") {
                runs += n;
            }
        }
    }
    (total >= 1000 && runs * 2 > total).then(|| {
        format!(
            "{}: {runs} of its {total} characters are runs of {BLOB_RUN_CHARS} or more without \
             a space (data or an encoded blob, not prose?); they are spelled out, at length",
            article.source.display()
        )
    })
}

/// One warning per article of which only a fragment of the page was read (see
/// [`ingest::html::Extraction::fragment`]); with `strict`, the first such article is an
/// [`Error::Fragment`] instead. And one per article read from the first page of several
/// ([`ingest::html::Extraction::continues`]; a warning even with `strict`).
pub fn fragment_warnings(articles: &[Article], strict: bool) -> Result<Vec<String>, Error> {
    let mut warnings = Vec::new();
    for a in articles {
        let Some(x) = a.narration.extraction.as_ref() else {
            continue;
        };
        if x.fragment {
            if strict {
                return Err(fragment_error(a).expect("a fragment"));
            }
            warnings.push(fragment_message(&a.source.display(), x, false));
        }
        if let Some(next) = &x.continues {
            warnings.push(format!(
                "{}: only the first page of the article was read; it continues at {next}: \
                 save each page, or the site's single-page or print view, and read them in \
                 turn",
                a.source.display()
            ));
        }
    }
    Ok(warnings)
}

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The output folder; each article gets `<out_dir>/<slug>/`.
    pub out_dir: PathBuf,
    /// Which engine to use.
    pub engine: EngineChoice,
    /// Voice, rate, pitch, volume.
    pub voice: VoiceSettings,
    /// Fail (exit 2) instead of falling back to the script when no engine is available.
    pub require_audio: bool,
    /// Replace existing article folders.
    pub force: bool,
    /// Go on with the next article when one fails (its error is kept in
    /// [`ExportReport::failed`]), instead of stopping.
    pub keep_going: bool,
    /// Largest article WAV in bytes; longer audio is split into parts (see
    /// [`audio::PartedWriter`]).
    pub max_part_bytes: u64,
    /// Use the chunk cache with this size cap in bytes; `None` (`--no-cache`) synthesizes
    /// every chunk and stores none.
    pub cache_bytes: Option<u64>,
    /// Chunks synthesized at once (`--jobs`): worker processes or sessions, see
    /// [`render::workers`].
    pub jobs: usize,
    /// Also write each word's time: in the manifest (`words` of each chunk) and as
    /// `<slug>.words.vtt` (`--word-timings`).
    pub word_timings: bool,
    /// The article's audio formats (`--format`), at least one.
    pub formats: Vec<audio::encode::Format>,
    /// The loudness standard (`--loudness`).
    pub loudness: audio::loudness::Loudness,
    /// Write the per-chunk WAVs (`--no-chunks` clears it).
    pub chunk_files: bool,
    /// `-o story.mp3`: write only this file (one article, the format of its extension).
    pub single_file: Option<PathBuf>,
}

/// What was written for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleReport {
    /// The article's folder.
    pub dir: PathBuf,
    /// The article WAV, when audio was made.
    pub audio: Option<PathBuf>,
    /// Narration length (estimated without audio).
    pub duration_ms: u64,
    /// Number of chunks.
    pub chunks: usize,
    /// Of those, how many came from the chunk cache instead of the engine.
    pub cached: usize,
    /// Audio files the article's audio was split into (1 unless it passed
    /// `--max-part-size`; 0 without audio).
    pub parts: usize,
    /// What the user should know about this article's audio (a loudness target missed, see
    /// [`audio::master::LoudnessRecord::misses`]).
    pub warnings: Vec<String>,
}

/// The outcome of an export run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportReport {
    /// One report per article, in input order.
    pub articles: Vec<ArticleReport>,
    /// Set when no engine was available and scripts were written instead: what is missing
    /// and how to install it.
    pub fallback: Option<String>,
    /// Other things the user should know (e.g. a broken neural voice passed over).
    pub warnings: Vec<String>,
    /// The credit lines of the voices that narrated an article (each once, joined by "; "),
    /// to show the user.
    pub credit: Option<String>,
    /// With `keep_going`: one line per article that failed.
    pub failed: Vec<String>,
}

/// Narrates every article into its folder under `opts.out_dir`.
pub fn export(
    articles: &[Article],
    opts: &ExportOptions,
    progress: &mut dyn Progress,
) -> Result<ExportReport, Error> {
    let voice = render::workers::engine_settings(&opts.voice);
    let selection = engine::select(opts.engine, &voice)?;
    let fallback = match (&selection.engine, opts.engine) {
        (Some(_), _) => None,
        (None, EngineChoice::None) => {
            Some("--engine none: writing the narration script only".to_string())
        }
        (None, _) => Some(
            selection
                .unavailable
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        ),
    };
    if let (Some(reason), true) = (&fallback, opts.require_audio) {
        return Err(Error::AudioRequired {
            reason: reason.clone(),
        });
    }

    if selection.engine.is_some() {
        audio::encode::check_available(&opts.formats).map_err(Error::Encoder)?;
    }
    std::fs::create_dir_all(&opts.out_dir).map_err(|e| output_error(&opts.out_dir, e))?;
    if let Some(file) = &opts.single_file {
        refuse_to_overwrite_an_input(articles, &[file])?;
    }
    if let Some(file) = opts
        .single_file
        .as_ref()
        .filter(|f| f.exists() && !opts.force)
    {
        return Err(Error::Exists { dir: file.clone() });
    }
    // --force replaces only aloud's own export folders: checked before anything is spoken
    // (with --keep-going, such an article fails alone when its folder would be replaced).
    if opts.force && !opts.keep_going && opts.single_file.is_none() {
        for a in articles.iter() {
            let dir = opts.out_dir.join(&a.slug);
            if std::fs::symlink_metadata(&dir).is_ok() {
                if let Some(why) = export::fs::foreign_entry(&dir, &a.slug)
                    .or_else(|| export::fs::other_article(&dir, &a.source.display()))
                {
                    return Err(Error::NotOurs {
                        dir,
                        reason: export::fs::not_ours_message(&why),
                    });
                }
            }
        }
    }
    if !opts.force && !opts.keep_going && opts.single_file.is_none() {
        if let Some(a) = articles
            .iter()
            .find(|a| opts.out_dir.join(&a.slug).exists())
        {
            return Err(Error::Exists {
                dir: opts.out_dir.join(&a.slug),
            });
        }
    }

    // Without any engine the fallback line already names every reason; one line is enough.
    let warnings = if selection.engine.is_some() {
        selection.warnings
    } else {
        Vec::new()
    };
    let mut engine = selection
        .engine
        .map(|e| render::workers::parallel(e, &voice, opts.jobs));
    let mut warnings = warnings;
    let mut cache = engine
        .as_ref()
        .and_then(|_| open_cache(opts.cache_bytes, &mut warnings));
    // The run's engine reads the language of its voice; with --voice given it reads every
    // article, as asked. Others are routed by language (see `voice_for_language`).
    let main_language = engine.as_ref().map(|e| voice_language(&e.info().voice));
    let mut routed: std::collections::HashMap<&'static str, Option<Box<dyn render::Synthesizer>>> =
        Default::default();
    let mut reports = Vec::new();
    let mut failed = Vec::new();
    // The credit of every voice that speaks an article, in the order first used: a routed
    // voice's terms matter as much as the run's.
    let mut credits: Vec<String> = Vec::new();
    let mut note_credit = |engine: &dyn render::Synthesizer| {
        if let Some(c) = engine.info().credit {
            if !credits.contains(&c) {
                credits.push(c);
            }
        }
    };
    for article in articles {
        let language = article.narration.language.code();
        let own_engine =
            opts.voice.voice.is_some() || main_language.as_deref().is_none_or(|m| m == language);
        let result = if !opts.force
            && opts.single_file.is_none()
            && opts.out_dir.join(&article.slug).exists()
        {
            Err(Error::Exists {
                dir: opts.out_dir.join(&article.slug),
            })
        } else if own_engine {
            match engine.as_mut() {
                Some(engine) => {
                    note_credit(engine.as_ref());
                    narrate(article, engine.as_mut(), cache.as_mut(), opts, progress)
                }
                None => write_script_only(article, opts),
            }
        } else {
            let other = routed
                .entry(language)
                .or_insert_with(|| voice_for_language(language, opts.engine, &voice, opts.jobs));
            match other.as_mut() {
                Some(engine) => {
                    note_credit(engine.as_ref());
                    narrate(article, engine.as_mut(), cache.as_mut(), opts, progress)
                }
                None => {
                    let name = article.narration.language.name();
                    let message = format!(
                        "{}: written in {name} ({language}), which no installed voice reads; \
                         install a neural voice for {name} or espeak-ng's, or pass --voice",
                        article.source.display()
                    );
                    if opts.require_audio {
                        Err(Error::AudioRequired { reason: message })
                    } else {
                        warnings.push(format!("{message}; wrote the script only"));
                        write_script_only(article, opts)
                    }
                }
            }
        };
        match result {
            Ok(report) => {
                warnings.extend(report.warnings.iter().cloned());
                reports.push(report);
            }
            Err(e) if opts.keep_going => failed.push(e.to_string()),
            Err(e) => return Err(e),
        }
    }
    Ok(ExportReport {
        articles: reports,
        fallback,
        warnings,
        credit: (!credits.is_empty()).then(|| credits.join("; ")),
        failed,
    })
}

/// The chunk cache with a cap of `cap_bytes` (`None`: `--no-cache`); when it cannot be used,
/// a warning and `None`, and every chunk is synthesized.
fn open_cache(
    cap_bytes: Option<u64>,
    warnings: &mut Vec<String>,
) -> Option<render::cache::ChunkCache> {
    let dir = render::cache::default_dir()?;
    match render::cache::ChunkCache::open(&dir, cap_bytes?) {
        Ok(c) => Some(c),
        Err(e) => {
            warnings.push(format!(
                "{}: the chunk cache cannot be used ({e}); every chunk is synthesized",
                dir.display()
            ));
            None
        }
    }
}

/// How to make a book (`aloud book`), besides the [`ExportOptions`] of its audio.
#[derive(Debug, Clone)]
pub struct BookOptions {
    /// The book's file: `.m4b`, `.mp3` or `.opus` ([`publish::book::BOOK_FORMATS`]).
    pub output: PathBuf,
    /// The book's title, for the tags and the manifest.
    pub title: String,
    /// The list file or folder the articles came from (the manifest's `source`).
    pub source: String,
    /// The articles' plan options: the spoken titles are planned with them.
    pub plan: PlanOptions,
}

/// What was written for a book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookReport {
    /// The book's audio file.
    pub output: PathBuf,
    /// Its manifest, `NAME.m4b.manifest.json` beside `NAME.m4b`.
    pub manifest: PathBuf,
    /// Its length, ms.
    pub duration_ms: u64,
    /// Chapters (one per article).
    pub chapters: usize,
    /// Chunks spoken, and of those how many came from the chunk cache.
    pub chunks: usize,
    /// Of `chunks`, how many came from the chunk cache.
    pub cached: usize,
    /// The voice's credit line, when it has one.
    pub credit: Option<String>,
    /// Things the user should know (a chunk cache that cannot be used…).
    pub warnings: Vec<String>,
}

/// A usage error ([`Error::Usage`]) when one of `outputs` is the file of one of `articles`'
/// inputs, even with `--force`: aloud never overwrites what it reads (found by a tester:
/// `export --force -o a.wav a.wav` replaced the article with its audio). Files that do not
/// exist yet cannot be inputs.
fn refuse_to_overwrite_an_input(articles: &[Article], outputs: &[&PathBuf]) -> Result<(), Error> {
    for out in outputs {
        let Ok(target) = std::fs::canonicalize(out) else {
            continue;
        };
        let input = articles.iter().find_map(|a| match &a.source {
            Source::File(p) => std::fs::canonicalize(p).ok().filter(|p| *p == target),
            _ => None,
        });
        if input.is_some() {
            return Err(Error::Usage(format!(
                "{}: this is an input of the run; aloud never writes over its inputs: \
                 choose another output name",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Narrates `articles` in order into one audio file with one chapter per article, a spoken
/// "Chapter n. Title." before each ([`publish::book::join`]), mastered as one programme to
/// `opts.loudness`, and writes its manifest with a table of contents beside it
/// ([`publish::book::BookManifest`]). The chunks are spoken as `export` speaks them, through
/// the same chunk cache, by the run's engine (one narrator for the whole book).
///
/// Both files are built in a staging folder beside the book and renamed into place at the
/// end: an interrupted or failed run leaves neither. Errors: a file name that is not a book
/// format or no engine ([`Error::Usage`]), an existing book without `opts.force`
/// ([`Error::Exists`]), a missing encoder, a synthesis or write failure.
pub fn book(
    articles: &[Article],
    opts: &ExportOptions,
    book: &BookOptions,
    progress: &mut dyn Progress,
) -> Result<BookReport, Error> {
    let format = publish::book::output_format(&book.output).map_err(Error::Usage)?;
    let manifest_path = publish::book::manifest_path(&book.output);
    refuse_to_overwrite_an_input(articles, &[&book.output, &manifest_path])?;
    if !opts.force {
        if let Some(existing) = [&book.output, &manifest_path]
            .into_iter()
            .find(|p| p.exists())
        {
            return Err(Error::Exists {
                dir: existing.clone(),
            });
        }
    }
    let voice = render::workers::engine_settings(&opts.voice);
    let selection = engine::select(opts.engine, &voice)?;
    let Some(engine) = selection.engine else {
        let reason = if selection.unavailable.is_empty() {
            "--engine none".to_string()
        } else {
            selection
                .unavailable
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        return Err(Error::Usage(format!(
            "no speech engine available ({reason}); a book is audio, so nothing was written"
        )));
    };
    audio::encode::check_available(&[format]).map_err(Error::Encoder)?;
    let mut warnings = selection.warnings;
    // One voice reads the whole book: an article in another language is read by it, with its
    // language's rules, which the user should hear about before, not in the audio.
    let book_language = voice_language(&engine.info().voice);
    for a in articles {
        let language = a.narration.language;
        if language.code() != book_language {
            warnings.push(format!(
                "{}: in {} ({}), read by the book's one voice ({}); narrate it apart with \
                 `aloud export` to hear it in a {} voice",
                a.source.display(),
                language.name(),
                language.code(),
                engine.info().voice,
                language.name()
            ));
        }
    }
    let mut engine = render::workers::parallel(engine, &voice, opts.jobs);
    let mut cache = open_cache(opts.cache_bytes, &mut warnings);

    let plan = publish::book::join(articles, &book.title, &book.plan);
    let slug = slugify(
        &book
            .output
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy(),
    );
    let joined = Article {
        source: Source::File(book.source.clone().into()),
        slug,
        narration: plan.narration.clone(),
    };
    let book_opts = ExportOptions {
        formats: vec![format],
        chunk_files: false,
        single_file: Some(book.output.clone()),
        word_timings: false,
        // Built in a staging folder beside the book.
        out_dir: book
            .output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| ".".into(), Into::into),
        ..opts.clone()
    };
    std::fs::create_dir_all(&book_opts.out_dir).map_err(|e| output_error(&book_opts.out_dir, e))?;
    let chapters = |starts_ms: &[u64], duration_ms: u64| plan.chapters(starts_ms, duration_ms);
    let Narrated {
        staged,
        mut manifest,
        first_file,
        cached,
        ..
    } = narrate_staged(
        &joined,
        engine.as_mut(),
        cache.as_mut(),
        &book_opts,
        progress,
        &chapters,
    )?;
    let built = staged.path(&first_file);
    let file_name = book
        .output
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    manifest.audio = Some(file_name.clone());
    manifest.files = vec![export::manifest::ManifestFile {
        format,
        file: file_name,
        bytes: std::fs::metadata(&built).map_or(0, |m| m.len()),
    }];
    if let Some(loudness) = &manifest.loudness {
        let stem = book
            .output
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy();
        warnings.extend(loudness.misses(&stem, !format.is_lossy()));
    }
    let starts_ms: Vec<u64> = manifest.chunks.iter().map(|c| c.start_ms).collect();
    let toc = plan.toc(&manifest.chapters, &starts_ms);
    let report = BookReport {
        output: book.output.clone(),
        manifest: manifest_path.clone(),
        duration_ms: manifest.duration_ms,
        chapters: manifest.chapters.len(),
        chunks: manifest.chunks.len(),
        cached,
        credit: manifest.engine.credit.clone(),
        warnings,
    };
    let book_manifest = publish::book::BookManifest { manifest, toc };
    let staged_manifest = staged.path("manifest.json");
    let json = serde_json::to_string_pretty(&book_manifest)
        .map_err(|e| output_error(&manifest_path, e))?;
    std::fs::write(&staged_manifest, json + "\n").map_err(|e| output_error(&manifest_path, e))?;
    // The audio first: a manifest in place always describes the book beside it.
    std::fs::rename(&built, &book.output).map_err(|e| output_error(&book.output, e))?;
    std::fs::rename(&staged_manifest, &manifest_path)
        .map_err(|e| output_error(&manifest_path, e))?;
    drop(staged);
    Ok(report)
}

fn write_json(path: &Path, manifest: &Manifest) -> Result<(), Error> {
    let json = serde_json::to_string_pretty(manifest).map_err(|e| output_error(path, e))?;
    write_atomic(path, (json + "\n").as_bytes()).map_err(|e| output_error(path, e))
}

fn write_text(path: &Path, text: &str) -> Result<(), Error> {
    write_atomic(path, text.as_bytes()).map_err(|e| output_error(path, e))
}

fn commit(staged: StagedDir, force: bool) -> Result<PathBuf, Error> {
    let target = staged.target().to_path_buf();
    staged.commit(force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists {
                dir: target.clone(),
            }
        } else if let Some(f) = e
            .get_ref()
            .and_then(|r| r.downcast_ref::<export::fs::ForeignFolder>())
        {
            Error::NotOurs {
                dir: target.clone(),
                reason: f.0.clone(),
            }
        } else {
            output_error(&target, e)
        }
    })
}

/// Synthesizes one article chunk by chunk, streaming its raw audio to the staging folder and
/// a loudness meter (pass 1), then masters it into every format ([`audio::master`], pass 2),
/// writes the manifest, subtitles and script, and moves the finished folder into place (or,
/// with `-o FILE`, only that file).
fn narrate(
    article: &Article,
    engine: &mut dyn render::Synthesizer,
    cache: Option<&mut render::cache::ChunkCache>,
    opts: &ExportOptions,
    progress: &mut dyn Progress,
) -> Result<ArticleReport, Error> {
    let chapters = |starts_ms: &[u64], duration_ms: u64| {
        audio::chapters::chapters(&article.narration, starts_ms, duration_ms, &article.slug)
    };
    let Narrated {
        staged,
        manifest,
        cues,
        first_file,
        first_part,
        parts,
        cached,
    } = narrate_staged(article, engine, cache, opts, progress, &chapters)?;
    let total = manifest.chunks.len();
    // The files' name: the slug, or the stem of `-o story.opus`.
    let name = opts.single_file.as_ref().map_or_else(
        || article.slug.clone(),
        |f| {
            f.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        },
    );
    let lossless = manifest.files.iter().any(|f| !f.format.is_lossy());
    let warnings = manifest
        .loudness
        .as_ref()
        .map(|l| l.misses(&name, lossless))
        .unwrap_or_default();
    if let Some(target) = &opts.single_file {
        // `-o story.mp3`: only the file, moved into place; the staging folder goes. Without
        // --force a file that appeared meanwhile (another export to the same name) is kept
        // and this one reports it.
        let built = staged.path(&first_file);
        if opts.force {
            std::fs::rename(&built, target).map_err(|e| output_error(target, e))?;
        } else {
            export::fs::rename_no_replace(&built, target).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::Exists {
                        dir: target.clone(),
                    }
                } else {
                    output_error(target, e)
                }
            })?;
        }
        drop(staged);
        return Ok(ArticleReport {
            audio: Some(target.clone()),
            parts: 1,
            dir: opts.out_dir.clone(),
            duration_ms: manifest.duration_ms,
            chunks: total,
            cached,
            warnings,
        });
    }
    write_outputs(&staged, &article.slug, &manifest, Some(&cues))?;
    let dir = commit(staged, opts.force)?;
    Ok(ArticleReport {
        audio: Some(dir.join(manifest.audio.as_ref().unwrap_or(&first_part))),
        parts,
        dir,
        duration_ms: manifest.duration_ms,
        chunks: total,
        cached,
        warnings,
    })
}

/// An article narrated into its staging folder: its audio files are there, its manifest and
/// subtitles are made but not written, and nothing is in place yet.
pub(crate) struct Narrated {
    /// The staging folder holding the audio files.
    pub(crate) staged: StagedDir,
    /// The manifest (`audio` and `files` name files in the staging folder).
    pub(crate) manifest: Manifest,
    /// The subtitle cues.
    pub(crate) cues: Vec<export::cues::Cue>,
    /// The first format's (first) file, in the staging folder.
    pub(crate) first_file: String,
    /// The first WAV part's name.
    pub(crate) first_part: String,
    /// Audio files the article was split into (1 unless split at `--max-part-size`).
    pub(crate) parts: usize,
    /// Chunks that came from the cache.
    pub(crate) cached: usize,
}

/// Synthesizes and masters one article into its staging folder (see [`narrate`]), its
/// chapters made by `chapters` from each chunk's start and the audio's length (ms).
pub(crate) fn narrate_staged(
    article: &Article,
    engine: &mut dyn render::Synthesizer,
    cache: Option<&mut render::cache::ChunkCache>,
    opts: &ExportOptions,
    progress: &mut dyn Progress,
    chapters: &dyn Fn(&[u64], u64) -> Vec<audio::encode::Chapter>,
) -> Result<Narrated, Error> {
    let staged = StagedDir::create(&opts.out_dir, &article.slug)
        .map_err(|e| output_error(&opts.out_dir, e))?;
    let chunks_dir = staged.path("chunks");
    if opts.chunk_files {
        std::fs::create_dir(&chunks_dir).map_err(|e| output_error(&chunks_dir, e))?;
    }
    let sample_rate = engine.sample_rate();
    // A single WAV file cannot be split into parts.
    let max_part_bytes = if opts.single_file.is_some() {
        audio::MAX_WAV_BYTES
    } else {
        opts.max_part_bytes
    };
    let asked = asked_file(opts, &article.slug);
    let master_error = |e| master_error(e, &asked, opts.single_file.is_some());
    let mut master = audio::master::Master::create(
        &staged.path(""),
        &article.slug,
        sample_rate,
        max_part_bytes,
        opts.loudness,
    )
    .map_err(master_error)?;

    let total = article.narration.chunks.len();
    progress.article(&article.source.display(), total);
    let mut records = Vec::with_capacity(total);
    let chunks = &article.narration.chunks;
    let texts: Vec<&str> = chunks.iter().map(|c| c.spoken.as_str()).collect();
    // Chunk files sort in order at any count: the width grows past 9,999 chunks.
    let width = total.to_string().len().max(4);
    // Spoken characters per paragraph, for splitting the audio into parts at paragraphs.
    let mut paragraph_chars: std::collections::HashMap<usize, usize> = Default::default();
    for c in chunks {
        *paragraph_chars.entry(c.paragraph).or_default() += c.spoken.chars().count();
    }
    let mut starts: Vec<usize> = Vec::with_capacity(total);
    // Each chunk's written words and when they are heard, for the subtitles.
    let mut word_times: Vec<Vec<export::manifest::ManifestWord>> = Vec::with_capacity(total);
    let mut each = |i: usize, speech: render::ChunkSpeech| -> Result<(), Error> {
        let render::ChunkSpeech {
            samples: speech,
            words,
        } = speech;
        let chunk = &chunks[i];
        let file = opts
            .chunk_files
            .then(|| format!("chunks/{:0width$}.wav", chunk.index));
        if let Some(file) = &file {
            let chunk_path = staged.path(file);
            let chunk_tmp = export::fs::temp_path(&chunk_path);
            audio::write_wav(&chunk_tmp, sample_rate, &speech)
                .and_then(|()| std::fs::rename(&chunk_tmp, &chunk_path).map_err(hound::Error::from))
                .map_err(|e| output_error(&chunk_path, e))?;
        }
        let paragraph_start = (i == 0 || chunks[i - 1].paragraph != chunk.paragraph)
            .then(|| paragraph_chars[&chunk.paragraph]);
        let span = master
            .push(
                &speech,
                chunk.pause_after_ms,
                chunk.spoken.chars().count(),
                paragraph_start,
            )
            .map_err(master_error)?;
        starts.push(span.start);
        let ms = |sample: usize| audio::ms_for_samples(span.start + sample, sample_rate);
        let spoken_ms: Vec<(u64, u64)> = words.iter().map(|w| (ms(w.start), ms(w.end))).collect();
        let chunk_ms = (ms(0), ms(speech.len()));
        word_times.push(export::cues::word_times(
            &chunk.text,
            &chunk.spoken,
            &spoken_ms,
            chunk_ms,
        ));
        records.push(ManifestChunk {
            index: chunk.index,
            paragraph: chunk.paragraph,
            text: chunk.text.clone(),
            spoken: chunk.spoken.clone(),
            file,
            start_ms: audio::ms_for_samples(span.start, sample_rate),
            end_ms: audio::ms_for_samples(span.end, sample_rate),
            pause_after_ms: chunk.pause_after_ms,
            part: None,
            words: None,
        });
        progress.chunk(audio::ms_for_samples(speech.len(), sample_rate));
        Ok(())
    };
    let settings = render::cache::settings_key(&opts.voice);
    let stats =
        render::render(engine, &texts, &settings, cache, &mut each).map_err(|f| match f {
            render::Failure::Sink(e) => e,
            render::Failure::Engine { index, error } => Error::Synthesis {
                source_name: article.source.display(),
                chunk: chunks[index].index,
                error,
            },
        })?;

    let info = engine.info();
    let duration_ms = audio::ms_for_samples(master.final_len(), sample_rate);
    let starts_ms: Vec<u64> = records.iter().map(|r| r.start_ms).collect();
    let chapters = chapters(&starts_ms, duration_ms);
    let publish = audio::master::Publish {
        formats: opts.formats.clone(),
        tags: audio::encode::Tags {
            title: article
                .narration
                .title
                .clone()
                .unwrap_or_else(|| article.slug.clone()),
            source: article.source.published_name(),
            voice: info.voice.clone(),
            credit: info.credit.clone(),
            date: chrono::Local::now().format("%Y-%m-%d").to_string(),
            language: article.narration.language.code().to_string(),
        },
        chapters,
        quality: if opts.loudness == audio::loudness::Loudness::Audiobook {
            audio::encode::AUDIOBOOK
        } else {
            audio::encode::SPEECH
        },
    };
    let mastered = master.finish(&publish).map_err(master_error)?;
    progress.done();
    let parts = &mastered.parts;
    let split = parts.len() > 1 && opts.formats.contains(&audio::encode::Format::Wav);
    if split {
        for (record, start) in records.iter_mut().zip(&starts) {
            record.part = parts
                .iter()
                .position(|p| (p.start..p.end).contains(start))
                .map(|n| n + 1);
        }
    }
    let manifest_parts = split.then(|| {
        parts
            .iter()
            .map(|p| export::manifest::ManifestPart {
                file: p.file.clone(),
                start_ms: audio::ms_for_samples(p.start, sample_rate),
                end_ms: audio::ms_for_samples(p.end, sample_rate),
            })
            .collect()
    });
    let files: Vec<export::manifest::ManifestFile> = mastered
        .files
        .iter()
        .flat_map(|(format, names)| {
            names.iter().map(|file| export::manifest::ManifestFile {
                format: *format,
                file: file.clone(),
                bytes: std::fs::metadata(staged.path(file)).map_or(0, |m| m.len()),
            })
        })
        .collect();
    // The first format's file; when that is a WAV split into parts, the next format's single
    // file (`--format wav,mp3` with parts: the MP3), else none.
    let audio_file = mastered
        .files
        .iter()
        .find(|(format, _)| !(split && *format == audio::encode::Format::Wav))
        .map(|(_, names)| names[0].clone());

    let cues = export::cues::cues(
        &chunks
            .iter()
            .zip(&word_times)
            .map(|(c, words)| export::cues::CueChunk {
                paragraph: c.paragraph,
                break_after: c.break_after,
                words,
            })
            .collect::<Vec<_>>(),
    );
    if opts.word_timings {
        for (record, words) in records.iter_mut().zip(word_times) {
            record.words = Some(words);
        }
    }
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        source: article.source.display(),
        title: article.narration.title.clone(),
        language: article.narration.language,
        estimated: false,
        exported_at: Some(export::manifest::now_utc()),
        engine: EngineRecord {
            name: info.name,
            version: info.version,
            voice: Some(info.voice),
            rate: info.rate,
            credit: info.credit,
            runtime: info.runtime,
        },
        sample_rate: Some(sample_rate),
        audio: audio_file,
        files,
        loudness: Some(mastered.loudness),
        chapters: publish.chapters,
        parts: manifest_parts,
        duration_ms: audio::ms_for_samples(mastered.samples, sample_rate),
        chunks: records,
        extraction: article.narration.extraction.clone(),
    };
    Ok(Narrated {
        first_file: mastered.files[0].1[0].clone(),
        first_part: parts[0].file.clone(),
        parts: if split { parts.len() } else { 1 },
        staged,
        manifest,
        cues,
        cached: stats.cached,
    })
}

/// The file a mastering error is about, as the user asked for it: `-o FILE`; else the
/// article's WAV when WAV was asked for; else the file of its first format
/// (`out/<slug>/<slug>.mp3`). Pass 1's raw audio is a hidden WAV of aloud's own, which a
/// user who asked for `--format mp3,flac` would not know (a full disk was reported as
/// `<slug>.wav`).
fn asked_file(opts: &ExportOptions, slug: &str) -> PathBuf {
    use audio::encode::Format;
    if let Some(target) = &opts.single_file {
        return target.clone();
    }
    let format = if opts.formats.contains(&Format::Wav) {
        Format::Wav
    } else {
        opts.formats.first().copied().unwrap_or(Format::Wav)
    };
    opts.out_dir
        .join(slug)
        .join(format!("{slug}.{}", format.extension()))
}

/// A mastering error as a write error naming the file where it would have been: an encoded
/// file by its name (all of them as `asked`, the `-o FILE`, when `single` is true); the raw
/// audio of pass 1 as `asked` ([`asked_file`]).
fn master_error(e: audio::master::MasterError, asked: &Path, single: bool) -> Error {
    match e {
        audio::master::MasterError::Encode(e) if !single => output_error(&e.path, e.reason),
        audio::master::MasterError::Encode(e) => output_error(asked, e.reason),
        audio::master::MasterError::Raw { reason, .. } => output_error(asked, reason),
    }
}

/// The language a voice speaks, from its name: "en_US-joe-medium" and "en-us" are `en`,
/// "cmn" is `zh` (espeak-ng names Mandarin by its ISO 639-3 code).
pub fn voice_language(voice: &str) -> String {
    let stem = Path::new(voice)
        .file_stem()
        .map_or(voice.to_string(), |s| s.to_string_lossy().into_owned());
    let code = stem
        .split(['_', '-'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if code == "cmn" {
        "zh".into()
    } else {
        code
    }
}

/// A voice for an article in `language` when the run's engine speaks another: an installed
/// neural voice for the language first, else espeak-ng's voice for it (Mandarin is `cmn`),
/// each with the run's rate, volume and jobs; `None` when neither exists. An engine the user
/// named (`--engine espeak`) is the only one considered.
fn voice_for_language(
    language: &str,
    wanted_engine: EngineChoice,
    settings: &VoiceSettings,
    jobs: usize,
) -> Option<Box<dyn render::Synthesizer>> {
    let neural = engine::voices::installed_model_for_language(language);
    let espeak_voice = if language == "zh" { "cmn" } else { language };
    let candidates = [
        neural.map(|m| (EngineChoice::Piper, m.to_string_lossy().into_owned())),
        Some((EngineChoice::Espeak, espeak_voice.to_string())),
    ];
    candidates
        .into_iter()
        .flatten()
        .filter(|(choice, _)| {
            matches!(wanted_engine, EngineChoice::Auto) || wanted_engine == *choice
        })
        .find_map(|(choice, voice)| {
            let wanted = VoiceSettings {
                voice: Some(voice),
                pitch: settings.pitch.filter(|_| choice == EngineChoice::Espeak),
                ..settings.clone()
            };
            let opened = engine::select(choice, &wanted).ok()?.engine?;
            Some(render::workers::parallel(opened, &wanted, jobs))
        })
}

/// Writes manifest, script and (with audio) the subtitles of `cues` into the staged folder,
/// and the word-level subtitles when the manifest holds word times (`--word-timings`).
fn write_outputs(
    staged: &StagedDir,
    slug: &str,
    manifest: &Manifest,
    cues: Option<&[export::cues::Cue]>,
) -> Result<(), Error> {
    write_json(&staged.path("manifest.json"), manifest)?;
    write_text(
        &staged.path("script.txt"),
        &export::script::render(manifest),
    )?;
    if let Some(cues) = cues {
        write_text(
            &staged.path(&format!("{slug}.srt")),
            &export::subtitles::srt(cues),
        )?;
        write_text(
            &staged.path(&format!("{slug}.vtt")),
            &export::subtitles::vtt(cues),
        )?;
    }
    if manifest.chunks.iter().any(|c| c.words.is_some()) {
        write_text(
            &staged.path(&format!("{slug}.words.vtt")),
            &export::subtitles::words_vtt(manifest),
        )?;
    }
    Ok(())
}

/// The fallback: no engine, so a narration script and an estimated manifest, no audio.
fn write_script_only(article: &Article, opts: &ExportOptions) -> Result<ArticleReport, Error> {
    let staged = StagedDir::create(&opts.out_dir, &article.slug)
        .map_err(|e| output_error(&opts.out_dir, e))?;
    let manifest = Manifest::estimated(
        &article.narration,
        article.source.display(),
        opts.voice.rate,
    );
    write_outputs(&staged, &article.slug, &manifest, None)?;
    let dir = commit(staged, opts.force)?;
    Ok(ArticleReport {
        dir,
        audio: None,
        duration_ms: manifest.duration_ms,
        chunks: manifest.chunks.len(),
        cached: 0,
        parts: 0,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_message_says_what_was_seen() {
        use ingest::html::{Extraction, Strategy};
        let x = |words_read, words_visible, paywall| Extraction {
            strategy: Strategy::Trafilatura,
            words_read,
            words_visible,
            fragment: true,
            page_type: None,
            paywall,
            continues: None,
        };
        // A small part of a page that shows much more.
        let line = fragment_message("p.html", &x(60, 2_000, false), false);
        assert!(
            line.starts_with("p.html: read only 60 of the page's 2000 visible words;"),
            "{line}"
        );
        assert!(line.ends_with("(or try --extractor page)"), "{line}");
        // All of a page that shows next to nothing: a notice or an app shell, said as seen.
        let line = fragment_message("n.html", &x(35, 38, false), true);
        assert!(
            line.starts_with("n.html: the page shows only 38 words besides its menus"),
            "{line}"
        );
        assert!(
            line.contains("if the article is longer in a browser"),
            "{line}"
        );
        assert!(line.ends_with("--strict was given"), "{line}");
        assert!(!line.contains("--extractor"), "{line}");
        // A story cut by a subscription wall: said so, with what to do.
        let line = fragment_message("w.html", &x(120, 150, true), false);
        assert!(
            line.starts_with("w.html: the article stops at a subscription wall after 120 words"),
            "{line}"
        );
        assert!(line.contains("logged in"), "{line}");
    }
}
