//! Reading an `aloud export` folder: one [`Episode`] per article subfolder with a
//! `manifest.json`, and the files beside it that exist.

use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use super::PublishError;
use crate::audio::encode::Format;
use crate::export::manifest::Manifest;

/// The formats in the order a feed or a page prefers them for its one enclosure: MP3 first
/// (every podcast app and browser plays it), then M4B (AAC, with chapters; Apple's apps and
/// most Android ones), Opus (small, but not in older iOS players), FLAC, and WAV last (ten
/// times the size of MP3 and without tags).
pub const PREFERENCE: [Format; 5] = [
    Format::Mp3,
    Format::M4b,
    Format::Opus,
    Format::Flac,
    Format::Wav,
];

/// One audio file of an article that exists in its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioFile {
    /// Its format.
    pub format: Format,
    /// Its name inside the article's folder.
    pub file: String,
    /// Its size on disk, in bytes (what a feed's enclosure `length` must be).
    pub bytes: u64,
}

/// One exported article.
#[derive(Debug, Clone)]
pub struct Episode {
    /// The article's folder name inside the export folder (its slug).
    pub slug: String,
    /// The article's folder.
    pub dir: PathBuf,
    /// The stem of its audio and subtitle files (`<stem>.mp3`, `<stem>.vtt`).
    pub stem: String,
    /// Its manifest.
    pub manifest: Manifest,
    /// The episode's publication date: the manifest's `exported_at`, else (manifests written
    /// before it was recorded, or with a time that does not parse) when its `manifest.json`
    /// was last written.
    pub published: SystemTime,
    /// Its audio files that exist, in the manifest's order.
    pub audio: Vec<AudioFile>,
    /// `<stem>.vtt`, when it exists.
    pub vtt: Option<String>,
    /// `<stem>.srt`, when it exists.
    pub srt: Option<String>,
    /// `<stem>.chapters.json` (written by `aloud feed`), when it exists.
    pub chapters: Option<String>,
    /// `script.txt`, when it exists.
    pub script: Option<String>,
}

impl Episode {
    /// The audio file a feed links to: the first of [`PREFERENCE`] that exists and holds
    /// the whole article. A WAV split into parts (`--max-part-size`) does not: its first
    /// part was published with the whole article's duration and chapters past its end
    /// (found by a tester), so such an episode has no enclosure and the feed says why.
    pub fn enclosure(&self) -> Option<&AudioFile> {
        let split_wav = self.manifest.parts.is_some();
        PREFERENCE
            .iter()
            .filter(|f| !(split_wav && **f == Format::Wav))
            .find_map(|f| self.audio.iter().find(|a| a.format == *f))
    }

    /// The name of the Podcasting 2.0 chapters file this episode has or should have
    /// (`<stem>.chapters.json`): `None` when its manifest lists no chapters or it has no
    /// audio a feed links to.
    pub fn chapters_file(&self) -> Option<String> {
        (!self.manifest.chapters.is_empty() && self.enclosure().is_some())
            .then(|| format!("{}.chapters.json", self.stem))
    }

    /// Every audio file, in [`PREFERENCE`] order (for a page's `<source>` list).
    pub fn audio_by_preference(&self) -> Vec<&AudioFile> {
        PREFERENCE
            .iter()
            .filter_map(|f| self.audio.iter().find(|a| a.format == *f))
            .collect()
    }
}

/// An export folder's articles.
#[derive(Debug, Clone)]
pub struct Library {
    /// The folder's own name (the feed's default title).
    pub title: String,
    /// Its articles, newest first (by `published`, then by slug).
    pub episodes: Vec<Episode>,
    /// Article folders left out because their `manifest.json` cannot be read or is not an
    /// aloud manifest ([`PublishError::Read`] or [`PublishError::Manifest`], naming the
    /// file), in name order: one bad folder does not hide the others.
    pub broken: Vec<PublishError>,
}

/// Reads every article folder of `dir`: each non-hidden subfolder with a `manifest.json`.
/// Other subfolders and files are ignored; a folder whose manifest cannot be read or parsed
/// is listed in [`Library::broken`].
///
/// Errors: [`PublishError::Read`] when `dir` cannot be listed, [`PublishError::Empty`] when
/// no article folder is found (not even a broken one).
pub fn read(dir: &Path) -> Result<Library, PublishError> {
    let read_error = |path: &Path, e: std::io::Error| PublishError::Read {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let entries = std::fs::read_dir(dir).map_err(|e| read_error(dir, e))?;
    let mut episodes = Vec::new();
    let mut broken = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| read_error(dir, e))?;
        let slug = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let manifest_path = path.join("manifest.json");
        if slug.starts_with('.') || !path.is_dir() || !manifest_path.is_file() {
            continue;
        }
        match read_episode(slug, path, &manifest_path) {
            Ok(episode) => episodes.push(episode),
            Err(e) => broken.push((manifest_path, e)),
        }
    }
    if episodes.is_empty() && broken.is_empty() {
        return Err(PublishError::Empty {
            dir: dir.to_path_buf(),
        });
    }
    episodes.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    let title = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "aloud".into());
    broken.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Library {
        title,
        episodes,
        broken: broken.into_iter().map(|(_, e)| e).collect(),
    })
}

/// The article folder `dir/slug` alone, as [`read`] would find it: `None` when `slug` is not
/// a plain, visible name or its folder has no manifest aloud can read.
pub fn episode(dir: &Path, slug: &str) -> Option<Episode> {
    if !is_plain_name(slug) {
        return None;
    }
    let path = dir.join(slug);
    let manifest_path = path.join("manifest.json");
    if !path.is_dir() || !manifest_path.is_file() {
        return None;
    }
    read_episode(slug.to_string(), path, &manifest_path).ok()
}

fn read_episode(slug: String, dir: PathBuf, manifest_path: &Path) -> Result<Episode, PublishError> {
    let bad = |reason: String| PublishError::Manifest {
        path: manifest_path.to_path_buf(),
        reason,
    };
    let text = std::fs::read_to_string(manifest_path).map_err(|e| PublishError::Read {
        path: manifest_path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let published = manifest
        .exported_at
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(SystemTime::from)
        .unwrap_or_else(|| {
            std::fs::metadata(manifest_path)
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH)
        });

    // The manifest's files, else (older manifests) its one `audio` file.
    let mut listed: Vec<(Format, String)> = manifest
        .files
        .iter()
        .map(|f| (f.format, f.file.clone()))
        .collect();
    if listed.is_empty() {
        if let Some(audio) = &manifest.audio {
            let format = Format::ALL
                .into_iter()
                .find(|f| audio.ends_with(&format!(".{}", f.extension())));
            if let Some(format) = format {
                listed.push((format, audio.clone()));
            }
        }
    }
    let mut audio = Vec::new();
    for (format, file) in listed {
        if !is_plain_name(&file) {
            return Err(bad(format!(
                "audio file {file:?} is not a file name in its folder"
            )));
        }
        // Only a regular file inside the folder counts (not a symlink pointing elsewhere).
        if let Ok(meta) = std::fs::symlink_metadata(dir.join(&file)) {
            if meta.is_file() {
                audio.push(AudioFile {
                    format,
                    file,
                    bytes: meta.len(),
                });
            }
        }
    }
    let stem = audio
        .first()
        .and_then(|a| Path::new(&a.file).file_stem())
        .map_or_else(|| slug.clone(), |s| s.to_string_lossy().into_owned());
    let existing = |name: String| dir.join(&name).is_file().then_some(name);
    Ok(Episode {
        vtt: existing(format!("{stem}.vtt")),
        srt: existing(format!("{stem}.srt")),
        chapters: existing(format!("{stem}.chapters.json")),
        script: existing("script.txt".into()),
        slug,
        dir,
        stem,
        manifest,
        published,
        audio,
    })
}

/// True for a bare file name: one normal path component, not hidden.
fn is_plain_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!(
        (parts.next(), parts.next()),
        (Some(Component::Normal(_)), None)
    ) && !name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_single_components() {
        for (name, plain) in [
            ("a.mp3", true),
            ("../a.mp3", false),
            ("/etc/passwd", false),
            ("chunks/0001.wav", false),
            (".hidden.mp3", false),
            ("", false),
        ] {
            assert_eq!(is_plain_name(name), plain, "{name}");
        }
    }
}
