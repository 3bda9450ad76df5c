//! Saved web pages of different kinds extract to exactly the text a listener should hear:
//! `tests/data/pages/NAME.html` against `NAME.expected.txt` (title line, blank line, then one
//! block per line).

use std::path::{Path, PathBuf};

use aloud::ingest::{ReadOptions, Source};

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages")
}

/// The document as the expected files write it.
fn extracted(page: &Path) -> String {
    let doc = aloud::load(
        &Source::File(page.to_path_buf()),
        None,
        &ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut out = format!("{}\n\n", doc.title.unwrap_or_default());
    for b in doc.blocks {
        out += &b.text;
        out.push('\n');
    }
    out
}

fn check(name: &str) {
    let page = pages_dir().join(format!("{name}.html"));
    let expected = std::fs::read_to_string(pages_dir().join(format!("{name}.expected.txt")))
        .expect("expected text");
    let got = extracted(&page);
    if got != expected {
        let want: Vec<&str> = expected.lines().collect();
        let have: Vec<&str> = got.lines().collect();
        let missing: Vec<_> = want.iter().filter(|l| !have.contains(l)).collect();
        let extra: Vec<_> = have.iter().filter(|l| !want.contains(l)).collect();
        panic!("{name}: extraction differs\nmissing: {missing:#?}\nextra: {extra:#?}\ngot:\n{got}");
    }
}

#[test]
fn news_article_with_comments() {
    check("news-comments");
}

#[test]
fn blog_post() {
    check("blog-post");
}

#[test]
fn documentation_page() {
    check("docs-page");
}

#[test]
fn cookie_banner_and_newsletter_box() {
    check("cookie-newsletter");
}

#[test]
fn long_related_links_footer() {
    check("related-footer");
}

#[test]
fn windows_1252_page_declared_by_meta() {
    check("latin1-cafe");
}

#[test]
fn every_saved_page_has_a_test() {
    let mut names: Vec<String> = std::fs::read_dir(pages_dir())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".html").map(str::to_string)
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "blog-post",
            "cookie-newsletter",
            "docs-page",
            "latin1-cafe",
            "news-comments",
            "related-footer"
        ]
    );
}
