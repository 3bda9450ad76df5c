//! The article region as `readabilityrs` (a port of Mozilla's Readability, the reader view of
//! Firefox) finds it.

use scraper::Html;

use super::walk::{self, Reading};
use crate::ingest::Block;

/// The blocks of the region Readability picks, read as `reading` says, or `None` when it finds
/// no article or picks the page's cookie-consent dialog (see [`is_consent_dialog`]).
pub(super) fn blocks(html: &str, reading: Reading) -> Option<Vec<Block>> {
    let content = readabilityrs::Readability::new(html, None, None)
        .ok()?
        .parse()?
        .content?;
    let blocks = walk::read_blocks(Html::parse_document(&content).root_element(), reading);
    (!blocks.is_empty() && !is_consent_dialog(&blocks)).then_some(blocks)
}

/// Words that name what a consent dialog asks about.
const CONSENT_WORDS: &[&str] = &["cookie", "cookies", "consent"];

/// Fewest [`CONSENT_WORDS`] per 100 words of a consent dialog. On the 806 real pages of the
/// extraction dev set, the dialog Readability picked on a forum page said "cookies" 26 times
/// in 1,918 words (1.4 per 100); the articles and documentation pages that discuss cookies
/// say it at most 0.6 times per 100 words.
const CONSENT_PER_100_WORDS: usize = 1;

/// True when `blocks` are a cookie-consent dialog ("Manage Consent Preferences", "Targeting
/// Cookies" …) rather than an article: at least three [`CONSENT_WORDS`], and at least
/// [`CONSENT_PER_100_WORDS`] of them per 100 words. Readability scores such a dialog as the
/// article when it holds more prose than the page's posts (a forum thread of short replies).
fn is_consent_dialog(blocks: &[Block]) -> bool {
    let (mut words, mut consent) = (0usize, 0usize);
    for w in blocks
        .iter()
        .flat_map(|b| b.text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        consent += usize::from(CONSENT_WORDS.contains(&w.to_lowercase().as_str()));
    }
    consent >= 3 && consent * 100 >= words * CONSENT_PER_100_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::BlockKind;

    fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_consent_dialog_is_told_from_an_article_about_cookies() {
        let dialog = paragraphs(&[
            "Manage your privacy choices",
            "Performance cookies count visits so we can measure how the site is used.",
            "Targeting cookies are set by our partners to build a profile of your interests.",
            "Strictly necessary cookies cannot be switched off. Withdraw consent at any time.",
        ]);
        assert!(is_consent_dialog(&dialog));
        // A recipe that says "cookies" a few times in a long text is an article.
        let filler = "Cream the butter and sugar until pale, then fold in the flour slowly. ";
        let recipe = format!("{} These cookies keep for a week.", filler.repeat(40));
        let article = paragraphs(&[
            "Oat cookies for a rainy day",
            &recipe,
            "Bake the cookies for twelve minutes.",
            "Cool the cookies on a rack.",
        ]);
        assert!(!is_consent_dialog(&article));
        // Two mentions are never enough, however short the text.
        assert!(!is_consent_dialog(&paragraphs(&[
            "Cookies and more cookies."
        ])));
    }

    #[test]
    fn readability_never_returns_a_consent_dialog() {
        let page = format!(
            r#"<html><body><div class="thread"><div class="post"><p>Is the ferry running?</p></div>
            <div class="post"><p>Yes, from noon.</p></div></div>
            <div id="privacy-centre"><h2>Your privacy</h2><p>{}</p><h3>Targeting cookies</h3>
            <p>{}</p></div></body></html>"#,
            "We process your data and use cookies to measure the delivery of content. ".repeat(8),
            "These cookies may be set by advertising partners to build a profile. ".repeat(8)
        );
        let picked = blocks(&page, Reading::Article);
        assert!(
            picked
                .as_ref()
                .is_none_or(|b| !b.iter().any(|b| b.text.contains("cookies"))),
            "{picked:?}"
        );
    }
}
