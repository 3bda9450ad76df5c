//! `aloud script`: the narration plan without audio, and its stable JSON contract.

mod common;

use common::*;
use serde_json::Value;

fn plan_json(args: &[&str], stdin: Option<&str>) -> Value {
    let mut cmd = aloud();
    cmd.arg("script").arg("--json").args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s.to_string());
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

/// The text of each paragraph of a plan, in order.
fn paragraph_texts(plan: &Value) -> Vec<&str> {
    plan["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect()
}

#[test]
fn json_contract_for_a_markdown_article() {
    let path = articles_dir().join("learning-to-bake-sourdough.md");
    let v = plan_json(&[path.to_str().unwrap()], None);
    let top: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(top, ["chunks", "language", "paragraphs", "title"]);
    assert_eq!(v["language"], "en");
    assert!(v["title"].as_str().unwrap().contains("Sourdough"));
    let paragraphs = v["paragraphs"].as_array().unwrap();
    for p in paragraphs {
        let text = p["text"].as_str().unwrap();
        let sentences: Vec<&str> = p["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(!sentences.is_empty());
        // Sentences are the paragraph as written, in order.
        assert_eq!(sentences.join(" "), text);
        assert_ne!(
            text,
            v["title"].as_str().unwrap(),
            "title excluded from paragraphs"
        );
    }
    let all_text: String = paragraphs
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(
        !all_text.contains("```") && !all_text.contains("crumb.jpg"),
        "code and images skipped"
    );
    assert!(!all_text.contains("https://"), "URLs not read");
    let chunks = v["chunks"].as_array().unwrap();
    assert_eq!(
        chunks[0]["paragraph"], 0,
        "the title is chunk 1, paragraph 0"
    );
    for (i, c) in chunks.iter().enumerate() {
        let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "break",
                "index",
                "paragraph",
                "pause_after_ms",
                "spoken",
                "text"
            ]
        );
        assert_eq!(c["index"].as_u64(), Some(i as u64 + 1));
        assert!(c["paragraph"].as_u64().unwrap() as usize <= paragraphs.len());
    }
    assert_eq!(chunks.last().unwrap()["pause_after_ms"], 0);
}

#[test]
fn long_sentences_split_within_max_chunk_chars() {
    let sentence =
        "The committee, which met on Tuesday and again on Wednesday, considered the plan; \
        it weighed the costs, the benefits, the risks to the harbour, the views of residents who \
        had written in, and the advice of engineers who had surveyed the wall twice this year.";
    let v = plan_json(&["--max-chunk-chars", "80", "-"], Some(sentence));
    let chunks = v["chunks"].as_array().unwrap();
    assert!(chunks.len() >= 3, "{chunks:?}");
    let words: Vec<&str> = chunks
        .iter()
        .flat_map(|c| c["text"].as_str().unwrap().split_whitespace())
        .collect();
    assert_eq!(
        words,
        sentence.split_whitespace().collect::<Vec<_>>(),
        "no word lost or broken"
    );
    for c in chunks {
        assert!(c["text"].as_str().unwrap().chars().count() <= 80);
    }
}

#[test]
fn readable_script_has_times_and_pause_marks() {
    let path = articles_dir().join("night-trains-return.html");
    let out = aloud()
        .arg("script")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.starts_with("Night trains are back"), "{s}");
    assert!(s.contains("[00:00] 1. Night trains are back"));
    assert!(s.contains("(pause)"));
    for clutter in ["Accept all", "Advertisement", "Share on", "Subscribe", "©"] {
        assert!(!s.contains(clutter), "{clutter:?} read from the page");
    }
}

#[test]
fn markdown_front_matter_gives_the_title_and_is_not_read() {
    let md = "---\ntitle: \"The Tide Tables: A Short History\"\ndate: 2024-05-01\ntags: [harbour, tides]\n---\n\n# The Tide Tables: A Short History\n\nThe first tables were printed in 1833.\n\nDOWNLOAD THE APP\n\nThey are still printed today.\n";
    let v = plan_json(&["--from", "md", "-"], Some(md));
    assert_eq!(v["title"], "The Tide Tables: A Short History");
    let texts = paragraph_texts(&v);
    assert_eq!(
        texts,
        [
            "The first tables were printed in 1833.",
            "They are still printed today."
        ]
    );
}

#[test]
fn a_hyphen_at_a_line_break_keeps_compounds_and_joins_split_words_in_text_and_markdown() {
    // The same wrapped lines as plain text and as Markdown (where they are soft breaks).
    let lines = "The well-\nknown harbour had a nega-\ntive year and a long-\nterm plan.\n";
    for from in ["txt", "md"] {
        let v = plan_json(&["--from", from, "-"], Some(lines));
        let text = v["paragraphs"][0]["text"].as_str().unwrap().to_string();
        assert_eq!(
            text, "The well-known harbour had a negative year and a long-term plan.",
            "--from {from}"
        );
    }
}

/// Short articles written for aloud, of two or three sentences, and their language.
const SHORT_ARTICLES: &[(&str, &str)] = &[
    (
        "en",
        "The night bus was late again, so we walked along the river. The water was high \
            after a week of rain.",
    ),
    (
        "fr",
        "Le bus de nuit était encore en retard, alors nous avons longé la rivière à pied. \
            L'eau était haute après une semaine de pluie.",
    ),
    (
        "de",
        "Der Nachtbus hatte wieder Verspätung, also gingen wir zu Fuß am Fluss entlang. \
            Nach einer Woche Regen stand das Wasser hoch.",
    ),
    (
        // whatlang calls the first two sentences alone Catalan: Spanish needs about a
        // paragraph (README, "Language detection").
        "es",
        "El autobús nocturno volvió a llegar tarde, así que caminamos junto al río. \
            El agua estaba alta después de una semana de lluvia. Cuando por fin llegamos a \
            casa, teníamos los zapatos empapados y mucha hambre.",
    ),
    (
        "ru",
        "Ночной автобус снова опоздал, и мы пошли пешком вдоль реки. \
            После недели дождей вода стояла высоко.",
    ),
    (
        "zh",
        "夜班公交车又晚点了，我们只好沿着河边走回去。下了一个星期的雨，河水涨得很高。",
    ),
    (
        "ar",
        "تأخرت حافلة الليل مرة أخرى، فمشينا على طول النهر. \
            كان الماء مرتفعا بعد أسبوع من المطر.",
    ),
];

#[test]
fn detects_the_language_of_short_articles() {
    for (code, text) in SHORT_ARTICLES {
        let v = plan_json(&["-"], Some(text));
        assert_eq!(v["language"], *code, "{text}");
    }
}

#[test]
fn lang_overrides_the_detected_language() {
    let french = "Le marché de Noël ouvre le 5 décembre sur la grande place. \
                  Les chalets resteront ouverts jusqu'au 24 décembre.";
    let v = plan_json(&["-"], Some(french));
    assert_eq!(v["language"], "fr");
    let spoken = v["chunks"][0]["spoken"].as_str().unwrap();
    // No English rules for French: the engine reads "5" in French ("cinq").
    assert!(spoken.contains("le 5 décembre"), "{spoken}");
    assert!(!spoken.contains("five"), "{spoken}");

    let v = plan_json(&["--lang", "EN", "-"], Some(french));
    assert_eq!(v["language"], "en");
    let spoken = v["chunks"][0]["spoken"].as_str().unwrap();
    assert!(spoken.contains("le five décembre"), "{spoken}");

    let english = SHORT_ARTICLES[0].1;
    let v = plan_json(&["--lang", "de", "-"], Some(english));
    assert_eq!(v["language"], "de");
}

#[test]
fn an_unknown_lang_is_a_one_line_usage_error() {
    for (code, hint) in [
        ("xx", "give an ISO 639-1 code such as en, fr"),
        ("fr-CA", "give the language only (fr)"),
        ("german", "German is de"),
    ] {
        let out = aloud()
            .args(["script", "--json", "--lang", code, "-"])
            .write_stdin("Some words to read.")
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("aloud: error: --lang {code}: ")),
            "{err}"
        );
        assert!(err.contains(hint), "{err}");
    }
}

#[test]
fn a_chinese_paragraph_of_2000_characters_stays_within_max_chunk_chars() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/zh_paragraph.txt"),
    )
    .unwrap();
    let v = plan_json(&["--max-chunk-chars", "80", "-"], Some(&text));
    assert_eq!(v["language"], "zh");
    let chunks = v["chunks"].as_array().unwrap();
    let mut joined = String::new();
    for c in chunks {
        let t = c["text"].as_str().unwrap();
        assert!(t.chars().count() <= 80, "{t}");
        assert!(
            t.ends_with(['。', '，', '、', '：', '；', '！', '？']),
            "{t}"
        );
        joined += t;
    }
    assert_eq!(joined, text.trim());
}

#[test]
fn markdown_on_stdin_is_read_as_markdown_without_being_told() {
    let md = "# The Night Ferry\n\nIt left at nine.\n\n## The crossing\n\nThe sea was calm.\n";
    let v = plan_json(&["-"], Some(md));
    assert_eq!(v["title"], "The Night Ferry", "{v}");
    let texts = paragraph_texts(&v);
    assert_eq!(
        texts,
        ["It left at nine.", "The crossing", "The sea was calm."],
        "{v}"
    );
    let spoken: String = v["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["spoken"].as_str().unwrap())
        .collect();
    assert!(!spoken.contains('#'), "{spoken}");
}

/// A Markdown article with a table, fenced and indented code, footnotes and a task list.
const GARDEN_MD: &str = "# The Allotment Year\n\nThe beds were dug early this year.[^1] The plan:\n\n| Crop | Sown | Harvest |\n|------|------|---------|\n| Beans | April | July |\n| Kale | May | October |\n\nRun the watering script after a pull:\n\n```sh\ngit pull\n./water --beds 4\n```\n\nOr by hand:\n\n    water all\n\n- [x] Order seeds\n- [ ] Mend the shed\n\nThat is the year.\n\n[^1]: The ground thawed in February.\n";

#[test]
fn markdown_tables_code_footnotes_and_task_lists_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("allotment.md");
    std::fs::write(&path, GARDEN_MD).unwrap();
    let article = [
        "The beds were dug early this year. The plan:",
        "Crop, Sown, Harvest.",
        "Beans, April, July.",
        "Kale, May, October.",
        "Run the watering script after a pull:",
        "Code:",
        "git pull",
        "./water --beds 4",
        "Or by hand:",
        "Code:",
        "water all",
        "Order seeds",
        "Mend the shed",
        "That is the year.",
    ];

    let v = plan_json(&[path.to_str().unwrap()], None);
    assert_eq!(v["title"], "The Allotment Year", "{v}");
    assert_eq!(paragraph_texts(&v), article, "{v}");
    let spoken: String = v["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["spoken"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join(" ");
    for marker in ["[", "]", "|", "```", "thawed"] {
        assert!(!spoken.contains(marker), "{marker:?} in {spoken}");
    }

    let v = plan_json(&[path.to_str().unwrap(), "--footnotes"], None);
    let mut with_notes = article.to_vec();
    with_notes.extend(["Notes", "1. The ground thawed in February."]);
    assert_eq!(paragraph_texts(&v), with_notes, "{v}");
}

#[test]
fn a_folder_prints_every_articles_script_and_refuses_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Tides\n\nThe tide rose at dawn.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "# Ferries\n\nThe ferry left at noon.\n",
    )
    .unwrap();
    let out = aloud()
        .arg("script")
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("The tide rose at dawn."), "{text}");
    assert!(text.contains("The ferry left at noon."), "{text}");
    assert_eq!(text.matches("Source: ").count(), 2, "{text}");

    let out = aloud()
        .args(["script", "--json"])
        .arg(dir.path())
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("a folder of 2 articles"), "{err}");
}
