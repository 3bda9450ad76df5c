//! The podcast feed: RSS 2.0 (written by the `rss` crate) with the iTunes namespace and the
//! Podcasting 2.0 namespace (<https://podcastindex.org/namespace/1.0>) tags podcast apps
//! read, and the Podcasting 2.0 JSON chapters format. Pure: episodes in, text out.

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use rss::extension::itunes::ITunesItemExtension;
use rss::extension::Extension;
use sha2::{Digest, Sha256};

use super::library::Episode;
use super::PublishError;
use crate::audio::encode::{Chapter, Format};
use crate::export::manifest::Manifest;

/// The Podcasting 2.0 namespace.
pub const PODCAST_NAMESPACE: &str = "https://podcastindex.org/namespace/1.0";

/// The version of the Podcasting 2.0 JSON chapters format written
/// (<https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md>).
pub const CHAPTERS_VERSION: &str = "1.2.0";

/// Characters escaped in one path segment of a URL: controls, space and the characters
/// RFC 3986 reserves or forbids there.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// The MIME type a feed's enclosure and a page's `<source>` give each format: IANA's where
/// there is one (`audio/mpeg` RFC 3003, `audio/mp4` RFC 4337, `audio/ogg` RFC 7845 for Ogg
/// Opus, `audio/flac`), and `audio/wav`, the name browsers and podcast apps recognize for
/// WAV.
pub fn mime_type(format: Format) -> &'static str {
    match format {
        Format::Mp3 => "audio/mpeg",
        Format::M4b => "audio/mp4",
        Format::Opus => "audio/ogg",
        Format::Flac => "audio/flac",
        Format::Wav => "audio/wav",
    }
}

/// `--base-url` checked and without its trailing `/`: an absolute `http://` or `https://`
/// URL with a host and no spaces, query or fragment.
pub fn base_url(url: &str) -> Result<String, PublishError> {
    let trimmed = url.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or("");
        !host.is_empty()
            && !r.chars().any(|c| c.is_whitespace() || c.is_control())
            && !r.contains(['?', '#'])
    });
    if ok {
        Ok(trimmed.to_string())
    } else {
        Err(PublishError::BaseUrl(url.to_string()))
    }
}

/// The URL of `file` in the article folder `slug` under `base` (each segment
/// percent-encoded).
pub fn file_url(base: &str, slug: &str, file: &str) -> String {
    format!(
        "{base}/{}/{}",
        utf8_percent_encode(slug, SEGMENT),
        utf8_percent_encode(file, SEGMENT)
    )
}

/// A Podcasting 2.0 JSON chapters file: `{"version": "1.2.0", "chapters": [{"startTime",
/// "endTime", "title"}]}`, times in seconds.
pub fn chapters_json(chapters: &[Chapter]) -> String {
    let chapters: Vec<serde_json::Value> = chapters
        .iter()
        .map(|c| {
            serde_json::json!({
                "startTime": c.start_ms as f64 / 1000.0,
                "endTime": c.end_ms as f64 / 1000.0,
                "title": c.title,
            })
        })
        .collect();
    let doc = serde_json::json!({ "version": CHAPTERS_VERSION, "chapters": chapters });
    // A Value of strings and numbers always serializes.
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// The article's first paragraph as written: the chunks of the first paragraph (n ≥ 1) that
/// is not a heading (a chunk that starts a chapter), joined with spaces; the title when the
/// article has no other text.
pub fn first_paragraph(manifest: &Manifest) -> String {
    let headings: Vec<usize> = manifest.chapters.iter().map(|c| c.chunk).collect();
    let first = manifest
        .chunks
        .iter()
        .filter(|c| c.paragraph >= 1)
        .find(|c| {
            let starts_paragraph = manifest
                .chunks
                .iter()
                .find(|d| d.paragraph == c.paragraph)
                .map(|d| d.index);
            starts_paragraph.is_some_and(|i| !headings.contains(&i))
        })
        .map(|c| c.paragraph);
    match first {
        Some(p) => manifest
            .chunks
            .iter()
            .filter(|c| c.paragraph == p)
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        None => manifest.title.clone().unwrap_or_default(),
    }
}

/// `HH:MM:SS` (what `itunes:duration` takes), rounded to the second.
pub fn duration(ms: u64) -> String {
    let s = (ms + 500) / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The episode's guid: `aloud-` and the first 16 bytes of SHA-256 over its source and title,
/// in hex. It stays the same when the article is narrated again (another voice, format or
/// base URL), so a podcast app does not list it twice.
pub fn guid(manifest: &Manifest) -> String {
    let mut h = Sha256::new();
    h.update(manifest.source.as_bytes());
    h.update([0]);
    h.update(manifest.title.as_deref().unwrap_or("").as_bytes());
    let digest = h.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("aloud-{hex}")
}

fn extension(name: &str, attrs: &[(&str, String)]) -> Extension {
    Extension {
        name: name.to_string(),
        value: None,
        attrs: attrs
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect(),
        children: BTreeMap::new(),
    }
}

/// The feed for `episodes` (already in the order wanted: newest first) served from `base`
/// (from [`base_url`]): one item per episode with audio. Returns the XML and the episodes
/// left out, each with why.
pub fn feed_xml(episodes: &[Episode], base: &str, title: &str) -> (String, Vec<String>) {
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    for e in episodes {
        match item(e, base) {
            Some(item) => items.push(item),
            None if e.manifest.parts.is_some() => skipped.push(format!(
                "{}: its audio is WAV split into parts, which a feed cannot carry; export it with --format mp3",
                e.slug
            )),
            None => skipped.push(format!("{}: no audio file (a script-only export)", e.slug)),
        }
    }
    let mut channel = rss::Channel {
        title: title.to_string(),
        link: format!("{base}/"),
        description: format!(
            "{} article{} narrated by aloud",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        ),
        language: episodes.first().map(|e| e.manifest.language.to_string()),
        generator: Some(format!("aloud {}", env!("CARGO_PKG_VERSION"))),
        last_build_date: Some(chrono::Utc::now().to_rfc2822()),
        items,
        ..Default::default()
    };
    channel
        .namespaces
        .insert("podcast".into(), PODCAST_NAMESPACE.into());
    (channel.to_string(), skipped)
}

fn item(e: &Episode, base: &str) -> Option<rss::Item> {
    let audio = e.enclosure()?;
    let m = &e.manifest;
    let mut podcast: BTreeMap<String, Vec<Extension>> = BTreeMap::new();
    let transcripts: Vec<Extension> = [(&e.vtt, "text/vtt"), (&e.srt, "application/x-subrip")]
        .into_iter()
        .filter_map(|(file, mime)| {
            let file = file.as_ref()?;
            Some(extension(
                "podcast:transcript",
                &[
                    ("url", file_url(base, &e.slug, file)),
                    ("type", mime.to_string()),
                    ("language", m.language.to_string()),
                    ("rel", "captions".to_string()),
                ],
            ))
        })
        .collect();
    if !transcripts.is_empty() {
        podcast.insert("transcript".into(), transcripts);
    }
    if let Some(chapters) = &e.chapters {
        podcast.insert(
            "chapters".into(),
            vec![extension(
                "podcast:chapters",
                &[
                    ("url", file_url(base, &e.slug, chapters)),
                    ("type", "application/json+chapters".to_string()),
                ],
            )],
        );
    }
    let mut extensions = rss::extension::ExtensionMap::new();
    if !podcast.is_empty() {
        extensions.insert("podcast".into(), podcast);
    }
    let link = (m.source.starts_with("http://") || m.source.starts_with("https://"))
        .then(|| m.source.clone());
    Some(rss::Item {
        title: Some(m.title.clone().unwrap_or_else(|| e.slug.clone())),
        link,
        description: Some(first_paragraph(m)),
        enclosure: Some(rss::Enclosure {
            url: file_url(base, &e.slug, &audio.file),
            length: audio.bytes.to_string(),
            mime_type: mime_type(audio.format).to_string(),
        }),
        guid: Some(rss::Guid {
            value: guid(m),
            permalink: false,
        }),
        pub_date: Some(chrono::DateTime::<chrono::Utc>::from(e.modified).to_rfc2822()),
        itunes_ext: Some(ITunesItemExtension {
            duration: Some(duration(m.duration_ms)),
            ..Default::default()
        }),
        extensions,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_must_be_absolute_http() {
        for (url, ok) in [
            (
                "https://example.org/podcast/",
                Some("https://example.org/podcast"),
            ),
            ("http://192.168.1.5:8080", Some("http://192.168.1.5:8080")),
            ("example.org", None),
            ("ftp://example.org", None),
            ("https://", None),
            ("https://a b", None),
            ("https://example.org/?x=1", None),
        ] {
            assert_eq!(base_url(url).ok().as_deref(), ok, "{url}");
        }
    }

    #[test]
    fn durations_are_hours_minutes_seconds() {
        assert_eq!(duration(0), "00:00:00");
        assert_eq!(duration(220_446), "00:03:40");
        assert_eq!(duration(3_599_500), "01:00:00");
    }

    #[test]
    fn file_urls_escape_each_segment() {
        assert_eq!(
            file_url("https://x.org/p", "a b", "c#d.mp3"),
            "https://x.org/p/a%20b/c%23d.mp3"
        );
    }

    #[test]
    fn chapters_are_in_seconds() {
        let json = chapters_json(&[Chapter {
            title: "Intro".into(),
            start_ms: 0,
            end_ms: 1500,
            chunk: 1,
        }]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["version"], "1.2.0");
        assert_eq!(v["chapters"][0]["endTime"], 1.5);
        assert_eq!(v["chapters"][0]["title"], "Intro");
    }
}
