//! Fetching an article from the web: one HTTP(S) GET with `ureq` over rustls (no OpenSSL).
//!
//! The page is refused, with a one-line error naming the URL, when the server answers with an
//! error status, when it is not HTML or text, when it is larger than the input size limit
//! (`--max-input-size`, announced or actually sent), or when the whole exchange takes longer than the timeout.

use std::time::Duration;

use super::{encoding, Format, IngestError, RawSource};

/// Whether a command-line input names a URL rather than a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The format a `Content-Type` announces, or `None` when it is not an article format.
pub fn format_for_content_type(content_type: &str) -> Option<Format> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "text/markdown" | "text/x-markdown" => Some(Format::Md),
        "text/plain" => Some(Format::Txt),
        // Servers that say nothing useful: let the content decide.
        "" | "application/octet-stream" => None,
        m if m.starts_with("text/") => Some(Format::Txt),
        _ => None,
    }
}

fn is_article_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime.is_empty()
        || mime.eq_ignore_ascii_case("application/octet-stream")
        || format_for_content_type(content_type).is_some()
}

/// `url` as aloud writes it anywhere (messages, the manifest, the script, tags, a feed's
/// `<link>`): without a user name and password (`https://ann:pw@host/…`), and without query
/// parameters that carry a secret ([`secret_parameter`]: `?token=…`, `&api_key=…`,
/// `X-Amz-Signature=…`), which a link shared in a feed or a tag would hand to every
/// listener. The page is still fetched from the URL as typed.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (before_fragment, fragment) = match rest.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (rest, None),
    };
    let (before_query, query) = match before_fragment.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (before_fragment, None),
    };
    let authority_end = before_query.find('/').unwrap_or(before_query.len());
    let (authority, path) = before_query.split_at(authority_end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let mut out = format!("{scheme}://{host}{path}");
    if let Some(query) = query {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty() && !secret_parameter(p.split('=').next().unwrap_or("")))
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Whether a query parameter's name says it carries a secret: it names a token, secret,
/// password, signature or credential (`access_token`, `X-Amz-Signature`), or is one of the
/// short names services use for keys and sessions (`key`, `apikey`, `sig`, `sid`, `auth`…).
fn secret_parameter(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    const SHORT: [&str; 11] = [
        "auth",
        "key",
        "apikey",
        "api_key",
        "pass",
        "pwd",
        "sig",
        "sid",
        "jwt",
        "session",
        "sessionid",
    ];
    SHORT.contains(&name.as_str())
        || ["token", "secret", "password", "signature", "credential"]
            .iter()
            .any(|w| name.contains(w))
}

/// Downloads `url` and returns its bytes with the charset and format its headers declare.
pub fn fetch(url: &str, timeout: Duration, max_bytes: u64) -> Result<RawSource, IngestError> {
    let fail = |reason: String| IngestError::Fetch {
        url: redacted(url),
        reason,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!("aloud/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .header("Accept", "text/html, application/xhtml+xml, text/*;q=0.8")
        .call()
        .map_err(|e| fail(describe(&e, timeout)))?;

    let status = response.status();
    if !status.is_success() {
        return Err(IngestError::Http {
            url: redacted(url),
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("").to_string(),
        });
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type").unwrap_or_default();
    if !is_article_type(&content_type) {
        return Err(IngestError::ContentType {
            url: redacted(url),
            content_type: content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_string(),
        });
    }
    // Refuse an announced oversize body before reading any of it.
    if header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|len| len > max_bytes)
    {
        return Err(too_large(url, max_bytes));
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(max_bytes)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => too_large(url, max_bytes),
            e => fail(describe(&e, timeout)),
        })?;
    Ok(RawSource {
        bytes,
        charset: encoding::content_type_charset(&content_type).map(str::to_string),
        format: format_for_content_type(&content_type),
    })
}

fn too_large(url: &str, max_bytes: u64) -> IngestError {
    IngestError::TooLarge {
        url: redacted(url),
        limit_mb: max_bytes / (1024 * 1024),
    }
}

/// ureq's errors in words a user can act on.
fn describe(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!(
            "no complete answer within {} s (raise it with --timeout SECS)",
            timeout.as_secs_f32()
        ),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "could not connect".to_string(),
        ureq::Error::Io(io) => io.to_string(),
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_urls() {
        for (input, want) in [
            ("https://example.com/a", true),
            ("HTTP://EXAMPLE.COM", true),
            ("http:/x", false),
            ("ftp://example.com", false),
            ("articles/https.txt", false),
            ("-", false),
        ] {
            assert_eq!(is_url(input), want, "{input}");
        }
    }

    #[test]
    fn maps_content_types_to_formats() {
        for (ct, want, ok) in [
            ("text/html; charset=utf-8", Some(Format::Html), true),
            ("application/xhtml+xml", Some(Format::Html), true),
            ("text/plain", Some(Format::Txt), true),
            ("text/markdown", Some(Format::Md), true),
            ("", None, true),
            ("application/octet-stream", None, true),
            ("image/png", None, false),
            ("application/pdf", None, false),
        ] {
            assert_eq!(format_for_content_type(ct), want, "{ct}");
            assert_eq!(is_article_type(ct), ok, "{ct}");
        }
    }
}

#[cfg(test)]
mod redaction_tests {
    use super::redacted;

    #[test]
    fn credentials_and_secret_parameters_are_left_out() {
        for (typed, written) in [
            (
                "http://ann:hunter2@127.0.0.1:8080/page.html?token=SECRET123",
                "http://127.0.0.1:8080/page.html",
            ),
            (
                "https://ann@example.org/a?id=7&api_key=k1&X-Amz-Signature=abc#part",
                "https://example.org/a?id=7#part",
            ),
            (
                "https://example.org/story?page=2",
                "https://example.org/story?page=2",
            ),
            ("https://example.org/", "https://example.org/"),
            ("https://example.org", "https://example.org"),
            // An "@" in the path is no user name.
            (
                "https://medium.com/@ann/post",
                "https://medium.com/@ann/post",
            ),
            (
                "https://example.org/?keyword=tides",
                "https://example.org/?keyword=tides",
            ),
        ] {
            assert_eq!(redacted(typed), written, "{typed}");
        }
    }
}
