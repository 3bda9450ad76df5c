//! The podcast feed: RSS 2.0 (written by the `rss` crate) with the iTunes namespace and the
//! Podcasting 2.0 namespace (<https://podcastindex.org/namespace/1.0>) tags podcast apps
//! read, and the Podcasting 2.0 JSON chapters format. Pure: episodes in, text out.

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use rss::extension::itunes::{ITunesCategory, ITunesChannelExtension, ITunesItemExtension};
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
/// URL with a host and no spaces, query or fragment. The error says which of these is wrong
/// (a space: write it as `%20`).
pub fn base_url(url: &str) -> Result<String, PublishError> {
    let trimmed = url.trim().trim_end_matches('/');
    let bad = |reason: String| PublishError::BaseUrl {
        url: url.to_string(),
        reason,
    };
    // The scheme is case-insensitive (RFC 3986 §3.1); written lower case.
    let Some((scheme, rest)) = split_http(trimmed) else {
        return Err(bad(
            "must be an absolute http:// or https:// URL (e.g. https://example.org/podcast)".into(),
        ));
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(bad(
            "must be an absolute http:// or https:// URL (e.g. https://example.org/podcast)".into(),
        ));
    }
    if host.contains('@') {
        return Err(bad(
            "holds a user name or password (user:password@host), which every episode's \
             address would publish; give the address without it"
                .into(),
        ));
    }
    if rest.contains(' ') {
        return Err(bad(format!(
            "contains a space, which a URL cannot hold; percent-encode it as %20 ({})",
            trimmed.replace(' ', "%20")
        )));
    }
    if let Some(c) = rest.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad(format!(
            "contains the character {c:?}, which a URL cannot hold; percent-encode it"
        )));
    }
    if rest.contains(['?', '#']) {
        return Err(bad(
            "has a query or fragment (?… or #…), under which the files' addresses cannot be \
             made; give the folder's address"
                .into(),
        ));
    }
    Ok(format!("{scheme}://{rest}"))
}

/// `url` split into its scheme, lower-cased (`http` or `https`, in any case as written), and
/// what follows `://`; `None` for any other scheme.
fn split_http(url: &str) -> Option<(&'static str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme.eq_ignore_ascii_case("https") {
        Some(("https", rest))
    } else if scheme.eq_ignore_ascii_case("http") {
        Some(("http", rest))
    } else {
        None
    }
}

/// `text` without the characters XML 1.0 cannot hold (§2.2: control characters other than
/// tab, line feed and carriage return): a feed's title or author given with one made the
/// whole feed unreadable ("not well-formed").
pub fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Apple Podcasts' categories (<https://podcasters.apple.com/support/1691-apple-podcasts-categories>):
/// each top-level category with its subcategories.
pub const CATEGORIES: [(&str, &[&str]); 19] = [
    (
        "Arts",
        &[
            "Books",
            "Design",
            "Fashion & Beauty",
            "Food",
            "Performing Arts",
            "Visual Arts",
        ],
    ),
    (
        "Business",
        &[
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ],
    ),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    (
        "Education",
        &["Courses", "How To", "Language Learning", "Self-Improvement"],
    ),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    ("History", &[]),
    (
        "Health & Fitness",
        &[
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ],
    ),
    (
        "Kids & Family",
        &[
            "Education for Kids",
            "Parenting",
            "Pets & Animals",
            "Stories for Kids",
        ],
    ),
    (
        "Leisure",
        &[
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ],
    ),
    (
        "Music",
        &["Music Commentary", "Music History", "Music Interviews"],
    ),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Religion",
            "Spirituality",
        ],
    ),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    (
        "Society & Culture",
        &[
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ],
    ),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
    (
        "TV & Film",
        &[
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ],
    ),
];

/// The feed's category when `--category` is not given: narrated articles are most often
/// news and commentary.
pub const DEFAULT_CATEGORY: &str = "News";

/// An Apple Podcasts category, and its subcategory if one was given, spelled as Apple does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// The top-level category (`News`).
    pub top: String,
    /// The subcategory (`Tech News`), if any.
    pub sub: Option<String>,
}

/// `--category`: `Top` or `Top/Sub` (`News/Tech News`), matched against [`CATEGORIES`]
/// without regard to case and spelled as Apple does. The error lists what may be given.
pub fn category(value: &str) -> Result<Category, String> {
    let (top, sub) = match value.split_once('/') {
        Some((t, s)) => (t.trim(), Some(s.trim())),
        None => (value.trim(), None),
    };
    let Some((top, subs)) = CATEGORIES.iter().find(|(t, _)| t.eq_ignore_ascii_case(top)) else {
        let all: Vec<&str> = CATEGORIES.iter().map(|(t, _)| *t).collect();
        return Err(format!(
            "--category {value:?}: not an Apple Podcasts category; use one of {} (a \
             subcategory after a slash: \"News/Tech News\")",
            all.join(", ")
        ));
    };
    let sub = match sub {
        None => None,
        Some(s) => match subs.iter().find(|x| x.eq_ignore_ascii_case(s)) {
            Some(s) => Some((*s).to_string()),
            None if subs.is_empty() => {
                return Err(format!(
                    "--category {value:?}: {top} has no subcategories; use \"{top}\""
                ))
            }
            None => {
                return Err(format!(
                    "--category {value:?}: not a subcategory of {top}; use one of {}",
                    subs.join(", ")
                ))
            }
        },
    };
    Ok(Category {
        top: (*top).to_string(),
        sub,
    })
}

/// An `--image` given as a URL: absolute `http://` or `https://`, with a host and no spaces.
pub fn image_url(url: &str) -> Result<String, String> {
    match split_http(url) {
        Some((scheme, r)) if !r.split('/').next().unwrap_or("").is_empty() => {
            if r.chars().any(|c| c.is_whitespace() || c.is_control()) {
                Err(format!(
                    "--image {url:?}: contains a space or control character, which a URL \
                     cannot hold; percent-encode it (a space as %20)"
                ))
            } else if r.split('/').next().unwrap_or("").contains('@') {
                Err(format!(
                    "--image {url:?}: holds a user name or password, which the feed would \
                     publish; give the address without it"
                ))
            } else {
                Ok(format!("{scheme}://{r}"))
            }
        }
        _ => Err(format!(
            "--image {url:?}: not an http(s):// URL nor an image file in the folder"
        )),
    }
}

/// What a feed says about itself (its `<channel>`) besides its items: where it is
/// published, its title, and the tags Apple Podcasts asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelInfo {
    /// The base URL (from [`base_url`]): every link is under it.
    pub base: String,
    /// The feed's title.
    pub title: String,
    /// `itunes:author`, the show's author, when given.
    pub author: Option<String>,
    /// `itunes:explicit`.
    pub explicit: bool,
    /// `itunes:category`.
    pub category: Category,
    /// `itunes:image`: the artwork's absolute URL, when given.
    pub image: Option<String>,
}

impl ChannelInfo {
    /// A channel at `base` titled `title`, with the defaults: no author, not explicit,
    /// [`DEFAULT_CATEGORY`], no artwork.
    pub fn new(base: &str, title: &str) -> ChannelInfo {
        ChannelInfo {
            base: base.to_string(),
            title: title.to_string(),
            author: None,
            explicit: false,
            category: Category {
                top: DEFAULT_CATEGORY.into(),
                sub: None,
            },
            image: None,
        }
    }

    /// The channel of a feed aloud wrote (`xml`): its base URL (the channel's `<link>`),
    /// title and iTunes tags, so the feed can be made again with current items. `None` when
    /// it is not RSS or its link is not an http(s) URL.
    pub fn of_feed(xml: &str) -> Option<ChannelInfo> {
        let channel: rss::Channel = xml.parse().ok()?;
        let base = base_url(&channel.link).ok()?;
        let mut info = ChannelInfo::new(&base, &channel.title);
        if let Some(it) = &channel.itunes_ext {
            info.author = it.author.clone();
            info.explicit = it.explicit.as_deref().is_some_and(|e| {
                ["true", "yes", "explicit"].contains(&e.trim().to_ascii_lowercase().as_str())
            });
            if let Some(c) = it.categories.first() {
                info.category = Category {
                    top: c.text.clone(),
                    sub: c.subcategory.as_ref().map(|s| s.text.clone()),
                };
            }
            info.image = it.image.clone();
        }
        Some(info)
    }
}

/// The URL of `file` in the article folder `slug` under `base` (each segment
/// percent-encoded).
pub fn file_url(base: &str, slug: &str, file: &str) -> String {
    path_url(base, &[slug, file])
}

/// The URL of the file at `segments` (a path inside the published folder, one name each)
/// under `base`, each segment percent-encoded.
pub fn path_url(base: &str, segments: &[&str]) -> String {
    let mut url = base.to_string();
    for s in segments {
        url.push('/');
        url.extend(utf8_percent_encode(s, SEGMENT));
    }
    url
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
/// is not a heading, joined with spaces; the title when the article has no other text.
///
/// A heading is a chunk a chapter starts at, except the first chapter's: it starts at chunk 1
/// whatever that is (the title, or, without one, the first paragraph, named after the file),
/// and is a heading only when it is named by that chunk's text (an article that opens with a
/// heading). Taking every chapter's chunk for a heading gave an article without a title the
/// description of its second paragraph, or none (found by a fresh tester).
pub fn first_paragraph(manifest: &Manifest) -> String {
    let headings: Vec<usize> = manifest
        .chapters
        .iter()
        .enumerate()
        .filter(|(n, c)| {
            *n > 0
                || manifest
                    .chunks
                    .iter()
                    .find(|d| d.index == c.chunk)
                    .is_some_and(|d| d.text.trim() == c.title.trim())
        })
        .map(|(_, c)| c.chunk)
        .collect();
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

/// The episode's guid: `aloud-` and the first 16 bytes of SHA-256 over its source's key
/// ([`Manifest::published_source`]: a file typed by its bare name keeps the guid it had)
/// and title, in hex. It stays the same when the article is narrated again
/// (another voice, format or base URL, or the file named from another folder), so a podcast
/// app does not list it twice. [`guids`] decides which episodes of a feed get [`folder_guid`]
/// instead.
pub fn guid(manifest: &Manifest) -> String {
    guid_of(&[
        manifest.published_source(),
        manifest.title.as_deref().unwrap_or(""),
    ])
}

/// The guid of an episode whose source and title do not tell it apart: SHA-256 over its
/// source's key, title and folder name (`slug`), as [`guid`].
pub fn folder_guid(manifest: &Manifest, slug: &str) -> String {
    guid_of(&[
        manifest.published_source(),
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

/// The feed for `episodes` (already in the order wanted: newest first) with the channel
/// `info`: one item per episode with audio, under `info.base`. Returns the XML and the
/// episodes left out, each with why.
pub fn feed_xml(episodes: &[Episode], info: &ChannelInfo) -> (String, Vec<String>) {
    let base = info.base.as_str();
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
        title: xml_text(&info.title),
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
        itunes_ext: Some(ITunesChannelExtension {
            author: info.author.as_deref().map(xml_text),
            categories: vec![ITunesCategory {
                text: info.category.top.clone(),
                subcategory: info.category.sub.clone().map(|text| {
                    Box::new(ITunesCategory {
                        text,
                        subcategory: None,
                    })
                }),
            }],
            image: info.image.clone(),
            explicit: Some(info.explicit.to_string()),
            ..Default::default()
        }),
        ..Default::default()
    };
    // Written by the items' iTunes tags already; said here so a feed with no item has it.
    channel
        .namespaces
        .insert("itunes".into(), rss::extension::itunes::NAMESPACE.into());
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
    fn base_url_errors_say_what_is_wrong() {
        let reason = |url: &str| match base_url(url) {
            Err(PublishError::BaseUrl { reason, .. }) => reason,
            other => panic!("{url}: {other:?}"),
        };
        assert_eq!(
            reason("http://x/my dir"),
            "contains a space, which a URL cannot hold; percent-encode it as %20 (http://x/my%20dir)"
        );
        assert!(reason("http://x/a\tb").contains("'\\t'"));
        assert!(reason("https://x.org/p#top").contains("query or fragment"));
        assert!(reason("x.org/p").contains("absolute http:// or https://"));
    }

    #[test]
    fn categories_are_apples_spelled_as_apple_does() {
        let got = |v: &str| category(v).map(|c| (c.top, c.sub));
        assert_eq!(got("News"), Ok(("News".into(), None)));
        assert_eq!(got("technology"), Ok(("Technology".into(), None)));
        assert_eq!(
            got("news / tech news"),
            Ok(("News".into(), Some("Tech News".into())))
        );
        assert_eq!(got("tv & film"), Ok(("TV & Film".into(), None)));
        assert!(got("Newz")
            .unwrap_err()
            .contains("use one of Arts, Business"));
        assert!(got("News/Gardening")
            .unwrap_err()
            .contains("not a subcategory of News; use one of Business News"));
        assert!(got("History/Rome")
            .unwrap_err()
            .contains("History has no subcategories"));
        assert_eq!(category(DEFAULT_CATEGORY).unwrap().top, "News");
    }

    #[test]
    fn image_urls_are_absolute_http() {
        assert!(image_url("https://cdn.example.org/art.jpg?v=2").is_ok());
        assert!(image_url("ftp://x.org/a.jpg").is_err());
        assert!(image_url("https:///a.jpg").is_err());
        assert!(image_url("https://x.org/my art.jpg")
            .unwrap_err()
            .contains("%20"));
    }

    #[test]
    fn a_written_feeds_channel_is_read_back() {
        let info = ChannelInfo {
            author: Some("Ann Lee".into()),
            explicit: true,
            category: category("Science/Physics").unwrap(),
            image: Some("https://x.org/p/cover.png".into()),
            ..ChannelInfo::new("https://x.org/p", "Notes & more")
        };
        let (xml, _) = feed_xml(&[episode("a.md", "A", "a")], &info);
        assert!(xml.contains("xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""));
        assert!(
            xml.contains("<itunes:explicit>true</itunes:explicit>"),
            "{xml}"
        );
        assert_eq!(ChannelInfo::of_feed(&xml), Some(info.clone()));
        // The defaults: not explicit, News, no author or artwork; the namespace even with
        // no item.
        let plain = ChannelInfo::new("https://x.org/p", "P");
        let (xml, _) = feed_xml(&[], &plain);
        assert!(xml.contains("xmlns:itunes="), "{xml}");
        assert!(
            xml.contains("<itunes:explicit>false</itunes:explicit>"),
            "{xml}"
        );
        assert!(!xml.contains("itunes:author") && !xml.contains("itunes:image"));
        assert_eq!(ChannelInfo::of_feed(&xml), Some(plain));
        assert_eq!(ChannelInfo::of_feed("<html></html>"), None);
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
