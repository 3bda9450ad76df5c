//! The `listen` command's glue: options from the command line, one session per article,
//! and what to print at the end. (Called by `crate::app`; kept here so the listening code
//! stays in one folder.)

use super::{listen, ListenOptions, Outcome};
use crate::cli::ListenArgs;
use crate::engine::VoiceSettings;
use crate::{Article, Error};

/// Listens to each article in turn (a folder holds several) until one is quit or
/// interrupted. A Ctrl-C saves the position and exits with 130, as an interrupted export.
pub fn run(articles: &[Article], args: &ListenArgs, emit: fn(&str)) -> Result<(), Error> {
    let opts = ListenOptions {
        engine: args.engine,
        voice: VoiceSettings {
            voice: args.voice.clone(),
            rate: args.rate,
            pitch: None,
            volume: args.volume,
            threads: None,
        },
        from: match args.from {
            Some(crate::cli::ListenFrom::Chunk(n)) => Some(n as usize),
            _ => None,
        },
        restart: args.restart,
        device: args.device.clone(),
        events: args.events.clone(),
        plan_rate: args.rate,
        store: super::resume::ResumeStore::user(),
        cache_bytes: (!args.cache.no_cache).then_some(args.cache.cache_size * 1024 * 1024),
    };
    for article in articles {
        let report = listen(article, &opts)?;
        for w in &report.warnings {
            eprintln!("warning: {w}");
        }
        match report.outcome {
            Outcome::Finished => {}
            Outcome::Quit => {
                emit(&format!(
                    "stopped at {}/{} ({}); listening to it again goes on from there\n",
                    report.position,
                    report.total,
                    article.source.display()
                ));
                return Ok(());
            }
            Outcome::Interrupted => {
                eprintln!(
                    "aloud: interrupted; position saved at {}/{}",
                    report.position, report.total
                );
                crate::app::exit_now(crate::app::INTERRUPTED_EXIT_CODE);
            }
        }
    }
    Ok(())
}

/// `aloud voices --engine platform`: the platform speech engine's voices, one a line.
pub fn run_platform_voices() -> Result<(), Error> {
    #[cfg(feature = "platform-engine")]
    {
        let voices = super::platform::voices()?;
        let mut text = format!(
            "platform voices ({}; aloud listen --engine platform --voice NAME):\n",
            voices.len()
        );
        for (name, language) in voices {
            text += &format!("  {name:<40} {language}\n");
        }
        crate::app::emit_text(&text);
        Ok(())
    }
    #[cfg(not(feature = "platform-engine"))]
    Err(super::ListenError::NoOutput(
        "this aloud was built without the platform engine (cargo feature platform-engine)".into(),
    )
    .into())
}
