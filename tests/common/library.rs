//! An export folder of two short articles for `aloud feed` and `aloud serve`, narrated with
//! espeak into MP3 and WAV. The second is exported with `--word-timings`: one article has
//! word times, the other does not.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use super::common::aloud;

/// Two articles, each with a heading after its first paragraph (two chapters each).
pub const ARTICLES: [(&str, &str); 2] = [
    (
        "tide-tables.md",
        "# Reading the tide tables\n\n\
         The harbour master posts the tide tables every Monday morning. Fishermen read them \
         before they load their boats, and children read them before they go looking for crabs.\n\n\
         ## Spring tides\n\n\
         Twice a month the sun and the moon pull together. The water climbs higher and falls \
         further than usual, and the old quay floods at noon.\n",
    ),
    (
        "night-ferry.md",
        "# The night ferry returns\n\n\
         After three quiet winters the night ferry to the islands is running again. It leaves \
         the north pier at ten and reaches the first island before midnight.\n\n\
         ## Tickets\n\n\
         Tickets cost twelve pounds for a seat and forty for a cabin, and they can be bought \
         on board with cash or a card.\n",
    ),
];

/// Slugs of [`ARTICLES`], in the order they are exported.
pub const SLUGS: [&str; 2] = ["tide-tables", "night-ferry"];

/// Writes the articles into `work` and exports them into `work/podcast` (the first plain,
/// the second with `--word-timings`); returns the export folder.
pub fn export_library(work: &Path) -> PathBuf {
    let out = work.join("podcast");
    for (i, (name, text)) in ARTICLES.iter().enumerate() {
        let article = work.join(name);
        std::fs::write(&article, text).unwrap();
        let mut cmd = aloud();
        cmd.args(["export", "--engine", "espeak", "--format", "mp3,wav", "-q"])
            .arg(&article)
            .arg("-o")
            .arg(&out);
        if i == 1 {
            cmd.arg("--word-timings");
        }
        cmd.assert().success();
    }
    out
}

/// Whether a required tool is missing: under CI (`CI=true`) that is a failure; elsewhere the
/// test prints why it is skipped and returns true.
pub fn skip_without(tool: &str, found: bool) -> bool {
    if found {
        return false;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "{tool} is missing (scripts/setup installs it); CI=true, so this fails"
    );
    eprintln!("SKIPPED: {tool} is not installed (scripts/setup installs it)");
    true
}

/// A Python with `feedparser`: `python3` on the PATH, else Debian's own.
pub fn python_with_feedparser() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|py| {
        std::process::Command::new(py)
            .args(["-c", "import feedparser"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}
