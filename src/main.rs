//! The `aloud` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;

/// Prints a usage error and exits 2, as clap does.
fn usage_exit(message: &str) -> ! {
    eprintln!("aloud: error: {message}");
    std::process::exit(2)
}

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let exists = |p: &std::path::Path| p.exists();
    let cli = match aloud::cli::Cli::try_parse_from(&args) {
        // `aloud export -dash.txt`: clap's error names `-d`; say what happened instead.
        Err(e) if e.use_stderr() => match aloud::app::dash_input_hint(&args, false, exists) {
            Some(hint) => usage_exit(&hint),
            None => usage_exit(&aloud::app::one_line_usage_error(&e.render().to_string())),
        },
        Err(e) => e.exit(),
        Ok(cli) => match aloud::app::dash_input_hint(&args, true, exists) {
            Some(hint) => usage_exit(&hint),
            None => cli,
        },
    };
    // Before any thread starts: no telemetry from the neural voices' runtime; aloud only
    // synthesizes into memory, except `listen`, which plays through the sound server (it keeps
    // libespeak-ng off it itself).
    aloud::engine::piper::keep_runtime_telemetry_off();
    if !matches!(cli.command, aloud::cli::Command::Listen(_)) {
        aloud::engine::espeak::keep_off_the_sound_server();
    }
    if let Err(e) = aloud::app::run(cli) {
        eprintln!("aloud: error: {e}");
        std::process::exit(e.exit_code());
    }
}
