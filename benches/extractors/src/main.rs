//! `extractors CRATE script --json --from html PAGE`: one extraction crate's own text of PAGE
//! as `{"paragraphs": [{"text": line}]}`, the shape extraction-score reads. CRATE is
//! `rs-trafilatura`, `rs-trafilatura-url` (given the page's canonical URL, as aloud does),
//! `readabilityrs` or `dom_smoothie`. Default options otherwise, so each is scored as a user
//! would get it.

fn canonical(html: &str) -> Option<String> {
    let page = scraper::Html::parse_document(html);
    ["link[rel=canonical]", "meta[property='og:url']"].iter().find_map(|s| {
        let sel = scraper::Selector::parse(s).ok()?;
        let e = page.select(&sel).next()?;
        let u = e.value().attr("href").or(e.value().attr("content"))?;
        u.starts_with("http").then(|| u.to_string())
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(which), Some(path)) = (args.get(1), args.last()) else {
        eprintln!("usage: extractors CRATE script --json --from html PAGE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let html = String::from_utf8_lossy(&bytes).into_owned();
    let text = match which.as_str() {
        "rs-trafilatura" => rs_trafilatura::extract(&html).map(|r| r.content_text).unwrap_or_default(),
        "rs-trafilatura-url" => {
            let o = rs_trafilatura::Options { url: canonical(&html), ..Default::default() };
            rs_trafilatura::extract_with_options(&html, &o).map(|r| r.content_text).unwrap_or_default()
        }
        "readabilityrs" => readabilityrs::Readability::new(&html, None, None)
            .ok()
            .and_then(|r| r.parse())
            .and_then(|a| a.text_content)
            .unwrap_or_default(),
        "dom_smoothie" => {
            let cfg = dom_smoothie::Config {
                text_mode: dom_smoothie::TextMode::Formatted,
                ..Default::default()
            };
            dom_smoothie::Readability::new(html.as_str(), None, Some(cfg))
                .ok()
                .and_then(|mut r| r.parse().ok())
                .map(|a| a.text_content.to_string())
                .unwrap_or_default()
        }
        other => {
            eprintln!("unknown crate {other}");
            std::process::exit(2)
        }
    };
    let paragraphs: Vec<_> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::json!({ "text": l.trim() }))
        .collect();
    println!("{}", serde_json::json!({ "paragraphs": paragraphs }));
}
