//! Where a listener stopped, per article, so the next `aloud listen` of it continues there.
//!
//! An article is known by the SHA-256 of its cleaned text (title and paragraphs as
//! `script --json` shows them), so the same article read from another path, a saved copy or
//! its URL resumes alike, and an edited article starts over. The position is kept in
//! `$XDG_STATE_HOME/aloud/listen/<sha256>.json` (`~/.local/state/aloud/listen/` by default;
//! the platform's local data folder where it has no state folder), written atomically.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::narration::{Chunk, Narration};

/// The key of an article: the SHA-256 of its cleaned title and paragraphs, as 64 hex digits.
pub fn article_key(narration: &Narration) -> String {
    let mut h = Sha256::new();
    h.update(narration.title.as_deref().unwrap_or_default().as_bytes());
    for p in &narration.paragraphs {
        // A separator no cleaned text contains keeps "ab|c" and "a|bc" apart.
        h.update([0u8]);
        h.update(p.text.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A saved position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The chunk to resume at, 1-based (as `--from` and the status line count).
    pub chunk: usize,
    /// How many chunks the article had then (another `--max-chunk-chars` cuts it otherwise).
    pub chunks: usize,
    /// That chunk's text as written, to find it again when the article is cut otherwise.
    pub text: String,
    /// The article's title, for a person reading the file.
    #[serde(default)]
    pub title: Option<String>,
    /// Where the article was read from.
    #[serde(default)]
    pub source: String,
}

/// The folder of saved positions.
#[derive(Debug, Clone)]
pub struct ResumeStore {
    dir: PathBuf,
}

impl ResumeStore {
    /// The store in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        ResumeStore { dir }
    }

    /// The user's store: `dirs::state_dir()/aloud/listen` (honours `$XDG_STATE_HOME`), else
    /// the local data folder; `None` without a home folder.
    pub fn user() -> Option<Self> {
        dirs::state_dir()
            .or_else(dirs::data_local_dir)
            .map(|d| Self::new(d.join("aloud").join("listen")))
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file holding `key`'s position.
    pub fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// The position saved for `key`, if any; an unreadable or malformed file counts as none
    /// (it only ever saves the listener some skipping).
    pub fn load(&self, key: &str) -> Option<Saved> {
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Saves `saved` for `key` atomically (a temporary file renamed into place).
    pub fn save(&self, key: &str, saved: &Saved) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let json = serde_json::to_string_pretty(saved).map_err(std::io::Error::other)?;
        crate::export::fs::write_atomic(&self.path(key), (json + "\n").as_bytes())
    }

    /// Forgets `key`'s position (the article was heard to the end).
    pub fn forget(&self, key: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.path(key)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Where a session starts (0-based chunk): `--from N` (1-based, clamped to the last chunk),
/// else the start with `--restart`, else the saved position, else the start. A saved chunk
/// whose text no longer sits at its number (the article is cut otherwise now) is looked up by
/// its text; if that fails too, its number is clamped to the last chunk.
pub fn start_position(
    chunks: &[Chunk],
    saved: Option<&Saved>,
    from: Option<usize>,
    restart: bool,
) -> usize {
    let last = chunks.len().saturating_sub(1);
    if let Some(n) = from {
        return n.saturating_sub(1).min(last);
    }
    let Some(saved) = saved.filter(|_| !restart) else {
        return 0;
    };
    let at = saved.chunk.saturating_sub(1);
    if chunks.get(at).is_some_and(|c| c.text == saved.text) {
        return at;
    }
    chunks
        .iter()
        .position(|c| c.text == saved.text)
        .unwrap_or(at.min(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narration::Break;

    fn chunks(texts: &[&str]) -> Vec<Chunk> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Chunk {
                index: i + 1,
                paragraph: 1,
                text: t.to_string(),
                spoken: t.to_string(),
                break_after: Break::Sentence,
                pause_after_ms: 350,
            })
            .collect()
    }

    fn saved(chunk: usize, text: &str) -> Saved {
        Saved {
            chunk,
            chunks: 4,
            text: text.into(),
            title: None,
            source: "a.txt".into(),
        }
    }

    #[test]
    fn start_position_follows_from_then_restart_then_saved() {
        let c = chunks(&["A.", "B.", "C.", "D."]);
        let s = saved(3, "C.");
        let table = [
            (None, None, false, 0),
            (Some(&s), None, false, 2),
            (Some(&s), None, true, 0),
            (Some(&s), Some(2), false, 1),
            (Some(&s), Some(2), true, 1),
            (None, Some(99), false, 3),
            (None, Some(1), false, 0),
        ];
        for (sv, from, restart, want) in table {
            assert_eq!(
                start_position(&c, sv, from, restart),
                want,
                "{sv:?} {from:?} {restart}"
            );
        }
    }

    #[test]
    fn a_saved_chunk_that_moved_is_found_by_its_text_else_clamped() {
        let c = chunks(&["A.", "B.", "X.", "C."]);
        assert_eq!(start_position(&c, Some(&saved(3, "C.")), None, false), 3);
        assert_eq!(start_position(&c, Some(&saved(9, "gone")), None, false), 3);
        assert_eq!(start_position(&c, Some(&saved(2, "gone")), None, false), 1);
    }

    #[test]
    fn the_key_is_the_cleaned_text_not_the_cutting() {
        let doc = crate::ingest::Document {
            title: Some("Title".into()),
            blocks: vec![crate::ingest::Block {
                kind: crate::ingest::BlockKind::Paragraph,
                text: "One sentence here. Another one follows it, with a clause.".into(),
            }],
            ..Default::default()
        };
        let short = crate::narration::plan(
            &doc,
            &crate::narration::PlanOptions {
                max_chunk_chars: 20,
                ..Default::default()
            },
        );
        let long = crate::narration::plan(&doc, &Default::default());
        assert_ne!(short.chunks.len(), long.chunks.len());
        assert_eq!(article_key(&short), article_key(&long));
        assert_eq!(article_key(&long).len(), 64);
        let mut other = long.clone();
        other.paragraphs[0].text.push_str(" Edited.");
        assert_ne!(article_key(&other), article_key(&long));
    }

    #[test]
    fn saves_loads_and_forgets_atomically() {
        let tmp = tempfile::tempdir().unwrap();
        let store = ResumeStore::new(tmp.path().join("state/aloud/listen"));
        let s = saved(3, "C.");
        assert_eq!(store.load("k"), None);
        store.save("k", &s).unwrap();
        assert_eq!(store.load("k"), Some(s.clone()));
        let names: Vec<_> = std::fs::read_dir(store.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["k.json".to_string()], "no temporary file left");
        store.forget("k").unwrap();
        store.forget("k").unwrap();
        assert_eq!(store.load("k"), None);
        std::fs::write(store.path("bad"), "{not json").unwrap();
        assert_eq!(store.load("bad"), None);
    }
}
