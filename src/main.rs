//! The `aloud` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;

fn main() {
    // Before any thread starts: aloud only synthesizes into memory.
    aloud::engine::espeak::keep_off_the_sound_server();
    let cli = aloud::cli::Cli::parse();
    if let Err(e) = aloud::app::run(cli) {
        eprintln!("aloud: error: {e}");
        std::process::exit(e.exit_code());
    }
}
