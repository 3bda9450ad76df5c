//! The article region as `readabilityrs` (a port of Mozilla's Readability, the reader view of
//! Firefox) finds it.

use scraper::Html;

use super::walk::{self, Reading};
use crate::ingest::Block;

/// The blocks of the region Readability picks, read as `reading` says, or `None` when it finds no article.
pub(super) fn blocks(html: &str, reading: Reading) -> Option<Vec<Block>> {
    let content = readabilityrs::Readability::new(html, None, None)
        .ok()?
        .parse()?
        .content?;
    let blocks = walk::read_blocks(Html::parse_document(&content).root_element(), reading);
    (!blocks.is_empty()).then_some(blocks)
}
