//! The `aloud` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;

fn main() {
    let cli = aloud::cli::Cli::parse();
    if let Err(e) = aloud::app::run(cli) {
        eprintln!("aloud: error: {e}");
        std::process::exit(e.exit_code());
    }
}
