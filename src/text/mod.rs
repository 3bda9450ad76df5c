//! Document → narration text: cleaning, sentence segmentation, chunking and the spoken form.

pub mod chunk;
pub mod clean;
pub mod segment;
pub mod speech;
