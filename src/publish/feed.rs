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
/// base URL), so a podcast app does not list it twice. [`guids`] decides which episodes of a
/// feed get [`folder_guid`] instead.
pub fn guid(manifest: &Manifest) -> String {
    guid_of(&[&manifest.source, manifest.title.as_deref().unwrap_or("")])
}

/// The guid of an episode whose source and title do not tell it apart: SHA-256 over its
/// source, title and folder name (`slug`), as [`guid`].
pub fn folder_guid(manifest: &Manifest, slug: &str) -> String {
    guid_of(&[
        &manifest.source,
        manifest.title.as_deref().unwrap_or(""),
        slug,
    ])
}

fn guid_of(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0]);
        }
        h.update(part.as_bytes());
    }
    let digest = h.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("aloud-{hex}")
}

/// The guid of each episode (given newest first, as a feed lists them), unique within the
/// feed: [`guid`] for an article, [`folder_guid`] for one read from standard input (its
/// source, `<stdin>`, names nothing, so two notes titled alike would share a guid and apps
/// would show one of them) and for every episode but the first published of several with
/// the same source and title (the same article exported into two folders). Episodes without
/// audio (not items) get an empty string. The first keeps
/// its guid when a later copy appears; the folder name keeps each copy's guid the same when
/// the feed is written again.
pub fn guids(episodes: &[Episode]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    let mut out = vec![String::new(); episodes.len()];
    // Oldest first; an episode without audio is no item and takes no guid.
    for (i, e) in episodes.iter().enumerate().rev() {
        if e.enclosure().is_none() {
            continue;
        }
        let plain = guid(&e.manifest);
        out[i] = if e.manifest.source != crate::ingest::STDIN_NAME && taken.insert(plain.clone()) {
            plain
        } else {
            folder_guid(&e.manifest, &e.slug)
        };
    }
    out
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
    for (e, guid) in episodes.iter().zip(guids(episodes)) {
        match item(e, base, guid) {
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

fn item(e: &Episode, base: &str, guid: String) -> Option<rss::Item> {
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
            value: guid,
            permalink: false,
        }),
        pub_date: Some(chrono::DateTime::<chrono::Utc>::from(e.published).to_rfc2822()),
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

    /// An episode with an MP3 read from `source`, titled `title`, in folder `slug`.
    fn episode(source: &str, title: &str, slug: &str) -> Episode {
        let manifest: Manifest = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "source": source, "title": title, "estimated": false,
            "engine": {"name": "espeak", "version": "1", "voice": null, "rate": 175,
                       "credit": null, "runtime": null},
            "sample_rate": 22050, "audio": format!("{slug}.mp3"), "duration_ms": 1000,
            "chunks": []
        }))
        .unwrap();
        Episode {
            slug: slug.into(),
            dir: slug.into(),
            stem: slug.into(),
            manifest,
            published: std::time::SystemTime::UNIX_EPOCH,
            audio: vec![super::super::library::AudioFile {
                format: Format::Mp3,
                file: format!("{slug}.mp3"),
                bytes: 1,
            }],
            vtt: None,
            srt: None,
            chapters: None,
            script: None,
        }
    }

    #[test]
    fn guids_are_unique_in_a_feed_and_kept_for_articles() {
        let a = episode("a.md", "A", "a");
        let plain_a = guid(&a.manifest);
        // Newest first: the two stdin notes titled alike, then a file article exported twice
        // (the older copy, in "b", keeps the article's guid), then a script-only export.
        let mut script_only = episode("c.md", "C", "c");
        script_only.audio.clear();
        let episodes = [
            episode(crate::ingest::STDIN_NAME, "Daily Notes", "day2"),
            episode(crate::ingest::STDIN_NAME, "Daily Notes", "daily-notes"),
            episode("b.md", "B", "b-2"),
            a.clone(),
            episode("b.md", "B", "b"),
            script_only,
        ];
        let got = guids(&episodes);
        assert_eq!(got[3], plain_a, "an article alone keeps its guid");
        assert_eq!(
            got[4],
            guid(&episodes[4].manifest),
            "the first copy keeps it"
        );
        assert_eq!(got[2], folder_guid(&episodes[2].manifest, "b-2"));
        assert_eq!(got[0], folder_guid(&episodes[0].manifest, "day2"));
        assert_eq!(got[1], folder_guid(&episodes[1].manifest, "daily-notes"));
        assert_eq!(got[5], "", "no audio, no item");
        let unique: std::collections::HashSet<_> = got[..5].iter().collect();
        assert_eq!(unique.len(), 5, "{got:?}");
        // The guid of an article is what it was before folder guids existed.
        assert_eq!(plain_a, "aloud-974860a695dd9449b5a2cea67cd5d526");
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
