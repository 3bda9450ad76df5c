//! Publishing narrations beyond one article's folder: [`book`] joins a reading list into one
//! audio file with a chapter per article.

pub mod book;
