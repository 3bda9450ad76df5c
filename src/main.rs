//! The `aloud` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;

fn main() {
    let cli = aloud::cli::Cli::parse();
    // Before any thread starts: aloud only synthesizes into memory, except `listen`, which
    // plays through the sound server (it keeps libespeak-ng off it itself).
    if !matches!(cli.command, aloud::cli::Command::Listen(_)) {
        aloud::engine::espeak::keep_off_the_sound_server();
    }
    if let Err(e) = aloud::app::run(cli) {
        eprintln!("aloud: error: {e}");
        std::process::exit(e.exit_code());
    }
}
