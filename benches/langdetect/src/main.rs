//! `langdetect CANDIDATE [REPS]`: detects the language of every text of `texts.tsv` with one
//! candidate and prints one TSV line per text (`language  kind  detected  microseconds`),
//! then `# first_call_us N` and `# first_call_rss_kib N` (building the detector and
//! detecting one English paragraph in a fresh process), `# peak_rss_kib N` (VmHWM after the run, detector included).
//! Codes are ISO 639-1, as aloud records them; `-` when the candidate gives up.

use std::time::Instant;

const TEXTS: &str = include_str!("../texts.tsv");

/// ISO 639-3 → 639-1 for the languages of the texts and their usual confusions.
#[cfg(any(feature = "whatlang", feature = "whichlang"))]
fn two_letter(code3: &str) -> String {
    let map = [
        ("eng", "en"), ("fra", "fr"), ("deu", "de"), ("spa", "es"), ("ita", "it"), ("por", "pt"),
        ("nld", "nl"), ("rus", "ru"), ("ukr", "uk"), ("pol", "pl"), ("cmn", "zh"), ("zho", "zh"),
        ("jpn", "ja"), ("ara", "ar"), ("heb", "he"), ("hin", "hi"), ("ell", "el"), ("tur", "tr"),
        ("bel", "be"), ("bul", "bg"), ("srp", "sr"), ("mkd", "mk"), ("cat", "ca"), ("ron", "ro"),
        ("pes", "fa"), ("urd", "ur"), ("mar", "mr"), ("nep", "ne"), ("kor", "ko"), ("yid", "yi"),
        ("swe", "sv"), ("dan", "da"), ("nob", "nb"), ("afr", "af"), ("lat", "la"), ("epo", "eo"),
        ("vie", "vi"), ("slk", "sk"), ("ces", "cs"), ("hrv", "hr"), ("slv", "sl"), ("ind", "id"),
        ("tgl", "tl"), ("aze", "az"), ("est", "et"), ("fin", "fi"), ("hun", "hu"), ("lit", "lt"),
        ("lav", "lv"), ("cym", "cy"), ("jav", "jv"), ("zul", "zu"), ("sna", "sn"), ("aka", "ak"),
        ("tuk", "tk"),
    ];
    map.iter()
        .find(|(three, _)| *three == code3)
        .map_or_else(|| code3.to_string(), |(_, two)| (*two).to_string())
}

type Detect = Box<dyn Fn(&str) -> Option<String>>;

fn candidate(name: &str) -> Detect {
    match name {
        #[cfg(feature = "whatlang")]
        "whatlang" => Box::new(|t| whatlang::detect_lang(t).map(|l| two_letter(l.code()))),
        #[cfg(feature = "whatlang")]
        "whatlang-reliable" => Box::new(|t| {
            whatlang::detect(t)
                .filter(whatlang::Info::is_reliable)
                .map(|i| two_letter(i.lang().code()))
        }),
        #[cfg(feature = "whichlang")]
        "whichlang" => Box::new(|t| {
            Some(two_letter(whichlang::detect_language(t).three_letter_code()))
        }),
        #[cfg(any(feature = "lingua17", feature = "lingua75"))]
        "lingua" | "lingua-low" => {
            let mut builder = lingua::LanguageDetectorBuilder::from_all_languages();
            if name == "lingua-low" {
                builder.with_low_accuracy_mode();
            }
            let detector = builder.build();
            Box::new(move |t| {
                detector
                    .detect_language_of(t)
                    .map(|l| l.iso_code_639_1().to_string())
            })
        }
        other => panic!("unknown candidate {other} (or not built with its feature)"),
    }
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).expect("usage: langdetect CANDIDATE [REPS]");
    let reps: u32 = args.get(2).map_or(20, |r| r.parse().expect("REPS is a number"));
    let started = Instant::now();
    let detect = candidate(name);
    let rows: Vec<Vec<&str>> = TEXTS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.splitn(3, '\t').collect())
        .collect();
    // The first call, on the English paragraph, is what narrating one English article costs
    // a fresh process: a lazy candidate (lingua) loads the models it needs for it.
    let paragraph = rows.iter().find(|r| r[1] == "paragraph").expect("a paragraph");
    let _ = detect(paragraph[2]);
    let first_call = started.elapsed();
    let first_rss = peak_rss_kib();
    for row in &rows {
        let t = Instant::now();
        let mut got = None;
        for _ in 0..reps {
            got = detect(row[2]);
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / f64::from(reps);
        println!(
            "{}\t{}\t{}\t{us:.1}",
            row[0],
            row[1],
            got.as_deref().unwrap_or("-")
        );
    }
    println!("# first_call_us {}", first_call.as_micros());
    println!("# first_call_rss_kib {first_rss}");
    println!("# peak_rss_kib {}", peak_rss_kib());
}
