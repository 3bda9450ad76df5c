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

#[test]
fn json_contract_for_a_markdown_article() {
    let path = articles_dir().join("learning-to-bake-sourdough.md");
    let v = plan_json(&[path.to_str().unwrap()], None);
    let top: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(top, ["chunks", "paragraphs", "title"]);
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
    let texts: Vec<&str> = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
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
