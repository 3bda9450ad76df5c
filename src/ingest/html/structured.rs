//! The article text a page carries as structured data: schema.org `articleBody` in JSON-LD
//! (`<script type="application/ld+json">`), which news and blog platforms fill for search
//! engines even when the visible article is built later by JavaScript.

use scraper::{Html, Selector};
use serde_json::Value;

use super::walk;
use crate::ingest::Block;

/// The longest `articleBody` in the page's JSON-LD, as paragraphs (one per line of the body;
/// a body holding HTML is read by the walk), or `None` when there is none.
pub(super) fn blocks(page: &Html) -> Option<Vec<Block>> {
    let mut best: Option<String> = None;
    for value in json_ld(page) {
        let mut bodies = Vec::new();
        find_bodies(&value, &mut bodies, 0);
        for body in bodies {
            if best.as_ref().is_none_or(|b| body.len() > b.len()) {
                best = Some(body.to_string());
            }
        }
    }
    let body = best?;
    let blocks: Vec<Block> = if body.contains("</p>") || body.contains("<br") {
        walk::blocks_of(Html::parse_fragment(&body).root_element())
    } else {
        super::line_blocks(&body)
    };
    (!blocks.is_empty()).then_some(blocks)
}

/// The schema.org types a page declares for itself in JSON-LD: the `@type` of each script's
/// object, of each object of a top-level array, and of each member of an `@graph` ("Review",
/// "NewsArticle", "Organization"…); nested objects (a review's `itemReviewed` Product, an
/// offer) are not the page.
pub(super) fn declared_types(page: &Html) -> Vec<String> {
    let mut types = Vec::new();
    let mut add = |v: &Value| match v.get("@type") {
        Some(Value::String(t)) => types.push(t.clone()),
        Some(Value::Array(ts)) => {
            types.extend(ts.iter().filter_map(|t| t.as_str().map(String::from)))
        }
        _ => {}
    };
    for value in json_ld(page) {
        let tops: Vec<&Value> = match &value {
            Value::Array(items) => items.iter().collect(),
            v => vec![v],
        };
        for top in tops {
            add(top);
            if let Some(Value::Array(graph)) = top.get("@graph") {
                graph.iter().for_each(&mut add);
            }
        }
    }
    types
}

/// The parsed JSON of each of the page's `<script type="application/ld+json">`; scripts that
/// are not valid JSON are skipped.
fn json_ld(page: &Html) -> Vec<Value> {
    let Ok(sel) = Selector::parse(r#"script[type="application/ld+json"]"#) else {
        return Vec::new();
    };
    page.select(&sel)
        .filter_map(|script| {
            let json = script.text().collect::<String>();
            serde_json::from_str::<Value>(json.trim()).ok()
        })
        .collect()
}

/// Collects every string `articleBody` in `value`, at any depth (`@graph` arrays, nested
/// `mainEntity`), up to a depth where no real page goes.
fn find_bodies<'a>(value: &'a Value, out: &mut Vec<&'a str>, depth: usize) {
    if depth > 32 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match v {
                    Value::String(s) if key == "articleBody" => out.push(s),
                    _ => find_bodies(v, out, depth + 1),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| find_bodies(v, out, depth + 1)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_article_body_from_a_graph() {
        let page = Html::parse_document(
            r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
             {"@type":"NewsArticle","headline":"H","articleBody":"First paragraph here.\nSecond one."}]}
            </script></head><body><div id="app"></div></body></html>"#,
        );
        let texts: Vec<String> = blocks(&page).unwrap().into_iter().map(|b| b.text).collect();
        assert_eq!(texts, ["First paragraph here.", "Second one."]);
    }

    #[test]
    fn ignores_broken_json_and_pages_without_a_body() {
        let page = Html::parse_document(
            r#"<script type="application/ld+json">{not json</script>
               <script type="application/ld+json">{"@type":"Organization","name":"Acme"}</script>"#,
        );
        assert!(blocks(&page).is_none());
    }
}
