//! No input makes the front end panic: random bytes and adversarial text through
//! decode → parse (txt, md, html) → clean → segment → chunk → spoken form.
//!
//! A proptest suite (`cargo fuzz` needs a nightly toolchain, which this project does not
//! assume). In the test suite it runs a few hundred cases per strategy; for a long run set
//! `ALOUD_FUZZ_SECS` (e.g. `ALOUD_FUZZ_SECS=600 cargo test --release --test no_panic`) and
//! it keeps generating new cases until the time is up.

use std::time::{Duration, Instant};

use aloud::ingest::html::{HtmlOptions, Strategy as Extractor};
use aloud::ingest::{encoding, parse, Format};
use aloud::narration::{plan, PlanOptions};
use aloud::text::clean::clean;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Pieces that have broken text front ends: abbreviations, numbers, markup, odd Unicode.
const TOKENS: &[&str] = &[
    "Dr.",
    "U.S.",
    "e.g.",
    "p.m.",
    "St.",
    "No.",
    "Mr",
    "$1.5bn",
    "€200m",
    "£3.50",
    "1990s",
    "'80s",
    "Oct. 5, 2018",
    "52-48",
    "10–12",
    "4.2%",
    "24/7",
    "#1",
    "km/h",
    "°C",
    "Charles III",
    "Chapter IV",
    "I",
    "US",
    "NASA",
    "jane.doe@example.org",
    "example.com",
    "https://x.y/z?a=1",
    "99999999999999999999999",
    "-0.0",
    "1,000,000",
    "3.",
    ".5",
    "1st",
    "22nd",
    "0th",
    "…",
    "...",
    "?!",
    "—",
    "–",
    "-",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "<p>",
    "</p>",
    "<h1>",
    "<script>",
    "<!--",
    "-->",
    "&amp;",
    "&#0;",
    "&nbsp;",
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "```",
    "**",
    "_",
    "![x](y.png)",
    "[l](u)",
    "|a|b|",
    "\u{feff}",
    "\u{200b}",
    "\u{00ad}",
    "\u{0301}",
    "é",
    "ß",
    "İ",
    "ﬁ",
    "日本語",
    "👍🏽",
    "\u{1F600}",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    " ",
    "  ",
    "A.",
    "B. C.",
    "a.m",
    "Inc.",
    "etc.",
    "vs.",
    "Jan.",
    "V",
    "X",
    "MCMXC",
    "0",
    "007",
    "12:30",
    "1/2",
    "@handle",
    "+",
    "=",
    "&",
    "%",
    "$",
    "€",
    "£",
    "°",
    "10⁶",
    "10^-3",
    "m²",
    "x^n",
    "^",
    "H₂O",
    "₂",
    "Show image",
    "Advertisement",
];

fn token_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(TOKENS).prop_map(str::to_string),
            2 => "[A-Za-z]{1,10}",
            1 => "[0-9]{1,25}",
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..80,
    )
    .prop_map(|parts| parts.join(" "))
}

/// Runs the whole front end; any panic fails the property.
fn front_end(bytes: &[u8]) {
    let opts = PlanOptions::default();
    let Ok(decoded) = encoding::decode(bytes, "fuzz", None) else {
        return; // rejected as binary or empty: an error, not a panic
    };
    // Every way of reading a page, with and without footnotes.
    let mut readers = vec![
        (Format::Txt, HtmlOptions::default()),
        (Format::Md, HtmlOptions::default()),
    ];
    for extractor in [
        None,
        Some(Extractor::Trafilatura),
        Some(Extractor::Readability),
        Some(Extractor::StructuredData),
        Some(Extractor::Page),
    ] {
        readers.push((
            Format::Html,
            HtmlOptions {
                extractor,
                footnotes: extractor.is_none(),
                ..HtmlOptions::default()
            },
        ));
    }
    for (format, html) in readers {
        let doc = clean(parse(&decoded.text, format, &html));
        let narration = plan(&doc, &opts);
        for c in &narration.chunks {
            assert!(c.text.chars().count() <= opts.max_chunk_chars || !c.text.contains(' '));
            assert!(!c.spoken.contains('\0'));
        }
    }
}

fn run<S: Strategy>(strategy: S, cases: u32, check: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug,
{
    let budget = std::env::var("ALOUD_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs);
    let deadline = budget.map(|b| Instant::now() + b);
    let mut rounds = 0u64;
    loop {
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&strategy, |v| {
                check(v);
                Ok(())
            })
            .unwrap();
        rounds += 1;
        match deadline {
            Some(d) if Instant::now() < d => continue,
            _ => break,
        }
    }
    if budget.is_some() {
        eprintln!("{} cases without a panic", rounds * u64::from(cases));
    }
}

#[test]
fn random_bytes_never_panic() {
    run(prop::collection::vec(any::<u8>(), 0..2048), 256, |b| {
        front_end(&b)
    });
}

#[test]
fn adversarial_text_never_panics() {
    run(token_text(), 256, |t| front_end(t.as_bytes()));
}

#[test]
fn text_in_html_and_markdown_wrappers_never_panics() {
    run(token_text(), 128, |t| {
        front_end(format!("<html><body><article><h1>{t}</h1><p>{t}</p><ul><li>{t}</li></ul></article></body></html>").as_bytes());
        front_end(format!("# {t}\n\n{t}\n\n- {t}\n1. {t}\n\n> {t}\n").as_bytes());
    });
}
