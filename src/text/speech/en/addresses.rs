//! E-mail addresses, handles and web addresses: "jane.doe@example.org" → "jane dot doe at
//! example dot org". espeak-ng reads "@" as nothing and runs the labels together.

use super::Word;

/// Top-level domains that mark a word as a web address ("example.com").
const DOMAINS: [&str; 22] = [
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "us", "de", "fr", "eu", "info", "biz",
    "ai", "app", "dev", "ca", "au", "nz", "jp", "ch",
];

fn dotted(s: &str) -> String {
    s.split('.')
        .filter(|p| !p.is_empty())
        .map(|p| p.replace('_', " underscore ").replace('-', " dash "))
        .collect::<Vec<_>>()
        .join(" dot ")
}

/// "jane.doe@example.org" → "jane dot doe at example dot org"; "@jane" → "at jane".
pub(super) fn email_or_handle(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
    };
    let (user, host) = word.core.split_once('@')?;
    if user.is_empty() && ok(host) && !host.contains('.') {
        return Some((format!("{}at {host}{}", word.lead, word.trail), 1));
    }
    if !ok(user) || !ok(host) || !host.contains('.') {
        return None;
    }
    let said = format!("{} at {}", dotted(user), dotted(host));
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// "example.com", "www.example.org/news" → "example dot com", "www dot example dot org slash
/// news".
pub(super) fn web_address(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let address = word
        .core
        .strip_prefix("https://")
        .or_else(|| word.core.strip_prefix("http://"))
        .unwrap_or(word.core);
    let (host, path) = address.split_once('/').unwrap_or((address, ""));
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let tld = labels.last()?;
    if labels.len() < 2 || !labels.iter().all(label_ok) || !DOMAINS.contains(tld) {
        return None;
    }
    let mut said = labels.join(" dot ");
    for part in path.split('/').filter(|p| !p.is_empty()) {
        said.push_str(" slash ");
        said.push_str(part);
    }
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}
