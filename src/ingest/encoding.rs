//! Bytes → text: finding the character encoding of a file or page and decoding it.
//!
//! The order follows what browsers do, because saved pages were written for browsers: a byte
//! order mark wins, then the charset the server declared (`Content-Type`), then the one the
//! page declares (`<meta charset>` or `http-equiv`), then UTF-8 if the bytes are valid UTF-8,
//! and last a guess by `chardetng` (in practice Windows-1252 for Western text). Decoding is
//! `encoding_rs`, the Encoding Standard implementation Firefox uses.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::IngestError;

/// How far into a page to look for a `<meta charset>`; the HTML standard says 1024 bytes, but
/// real pages often put scripts and styles first, so we look further.
const META_SCAN_BYTES: usize = 4096;

/// Text decoded from bytes, and the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The encoding's name as the Encoding Standard spells it, e.g. `windows-1252`.
    pub encoding: &'static str,
}

/// Checks that `bytes` are text and decodes them. `declared` is a charset from outside the
/// bytes (an HTTP `Content-Type` header); it is ignored when a byte order mark says otherwise.
pub fn decode(
    bytes: &[u8],
    source_name: &str,
    declared: Option<&str>,
) -> Result<Decoded, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty {
            source_name: source_name.to_string(),
            reason: "the file is empty; nothing to narrate".to_string(),
        });
    }
    // A UTF-16 BOM goes before the binary check: UTF-16 text is full of NUL bytes.
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            return Ok(decode_with(encoding, &bytes[bom_len..]));
        }
    }
    // UTF-16 without a BOM (Windows tools write it): Latin text has a NUL in every other byte.
    if let Some(encoding) = bomless_utf16(bytes) {
        return Ok(decode_with(encoding, bytes));
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(IngestError::Binary {
            source_name: source_name.to_string(),
            kind: kind.to_string(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(Decoded {
            text: utf8_mending_windows_1252(rest),
            encoding: UTF_8.name(),
        });
    }
    let declared = declared
        .and_then(label_encoding)
        .or_else(|| meta_charset(bytes).and_then(label_encoding));
    match declared {
        // A page that says UTF-8 but is not is common (pasted Latin-1 text): guess instead of
        // filling the narration with replacement characters.
        Some(enc) if enc == UTF_8 && std::str::from_utf8(bytes).is_err() => {
            Ok(guess_or_mend(bytes))
        }
        Some(enc) => Ok(decode_with(enc, bytes)),
        None => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(Decoded {
                text: s.to_string(),
                encoding: UTF_8.name(),
            }),
            Err(_) => Ok(guess_or_mend(bytes)),
        },
    }
}

/// Bytes that are not valid UTF-8: UTF-8 with a few stray bytes from another encoding (an
/// "ï" typed in Latin-1 into a UTF-8 file) when the valid multi-byte UTF-8 characters are at
/// least as many as the bytes that are not UTF-8, each stray byte read as Windows-1252;
/// otherwise the encoding chardetng guesses. Decoding the whole file by the guess turned every
/// "é" and curly quote of such a file into "Ã©" and "â€œ", narrated (found by a tester).
fn guess_or_mend(bytes: &[u8]) -> Decoded {
    if mostly_utf8(bytes) {
        Decoded {
            text: utf8_mending_windows_1252(bytes),
            encoding: UTF_8.name(),
        }
    } else {
        decode_with(guess(bytes), bytes)
    }
}

/// True when `bytes` hold at least one valid multi-byte UTF-8 character and no more bytes
/// that are not UTF-8 than such characters (see [`guess_or_mend`]). Latin-1 or Windows-1252
/// text almost never forms a valid UTF-8 sequence: its accented letters stand alone between
/// ASCII letters.
fn mostly_utf8(mut bytes: &[u8]) -> bool {
    let (mut characters, mut stray) = (0usize, 0usize);
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(s) => (s, &[][..]),
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                let bad = e.error_len().unwrap_or(rest.len());
                stray += bad;
                (std::str::from_utf8(valid).unwrap_or_default(), &rest[bad..])
            }
        };
        characters += valid.chars().filter(|c| c.len_utf8() > 1).count();
        if rest.is_empty() {
            return characters > 0 && stray <= characters;
        }
        bytes = rest;
    }
}

/// UTF-8 text (it opened with the UTF-8 byte-order mark) in which a byte that is not UTF-8 is
/// read as Windows-1252, the encoding of text pasted in from older Windows programs: curly
/// quotes and dashes (0x93, 0x94, 0x96) were dropped as replacement characters before (found
/// by a tester). Valid UTF-8 around them is kept as it is.
fn utf8_mending_windows_1252(mut bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                text.push_str(rest);
                return text;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len());
                let (mended, _) =
                    encoding_rs::WINDOWS_1252.decode_without_bom_handling(&rest[..bad]);
                text.push_str(&mended);
                bytes = &rest[bad..];
            }
        }
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

/// The encoding for a charset label. A page cannot declare UTF-16 in ASCII-compatible bytes,
/// so such a label means UTF-8, as the HTML standard says.
fn label_encoding(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    Some(if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else {
        enc
    })
}

/// chardetng's guess for bytes that are not UTF-8 (UTF-8 is excluded on purpose: the caller
/// already knows the bytes are not valid UTF-8).
fn guess(bytes: &[u8]) -> &'static Encoding {
    // ISO-2022-JP is an escape-sequence encoding that can hide markup; browsers refuse to
    // guess it, and so do we.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The charset a page declares in a `<meta>` tag near its start: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
pub fn meta_charset(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let mut rest = head;
    while let Some(start) = find_ascii_ci(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(at) = find_ascii_ci(tag, b"charset") {
            let value = trim_start(&tag[at + b"charset".len()..], b" \t\r\n");
            if let Some(value) = value.strip_prefix(b"=") {
                let value = trim_start(value, b" \t\r\n\"'");
                let len = value
                    .iter()
                    .position(|b| b"\"'; />".contains(b) || b.is_ascii_whitespace())
                    .unwrap_or(value.len());
                if len > 0 {
                    return std::str::from_utf8(&value[..len]).ok();
                }
            }
        }
        rest = &rest[start + 5..];
    }
    None
}

/// The charset parameter of a `Content-Type` value: `text/html; charset=ISO-8859-1`.
pub fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
            .filter(|v| !v.is_empty())
    })
}

fn trim_start<'a>(bytes: &'a [u8], drop: &[u8]) -> &'a [u8] {
    let skip = bytes.iter().take_while(|b| drop.contains(b)).count();
    &bytes[skip..]
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The byte order of UTF-16 text written without a byte-order mark, recognised as Latin
/// text is: of its first 4,096 bytes (an even number, at least 32: a few NUL-strewn bytes
/// are a binary file), nine in ten of one parity are NUL, and the other parity holds only
/// printable characters, tabs and line ends, or bytes of other scripts (a binary file has
/// NULs and control bytes at both). `None` otherwise. Found by a tester: such a file was
/// refused as "a binary file".
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 32 {
        return None;
    }
    let pairs = head.len() / 2;
    let parity = |p: usize| head.iter().skip(p).step_by(2).copied();
    let zeros = |p: usize| parity(p).filter(|&b| b == 0).count();
    let text = |p: usize| parity(p).all(|b| b >= 0x20 || b"\t\n\r".contains(&b));
    match (zeros(0), zeros(1)) {
        (0, odd) if odd * 10 >= pairs * 9 && text(0) => Some(UTF_16LE),
        (even, 0) if even * 10 >= pairs * 9 && text(1) => Some(UTF_16BE),
        _ => None,
    }
}

/// Recognises files that are certainly not text: known magic numbers, or NUL and control
/// bytes (UTF-16 with a BOM is handled before this is asked).
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"RIFF", "a RIFF file (WAV or AVI)"),
        (b"ID3", "an MP3 file"),
        (b"\x7FELF", "a program (ELF binary)"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !b"\t\n\r\x0c".contains(&b)))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Some("a binary file");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, &'static str) {
        let d = decode(bytes, "a.txt", None).unwrap();
        (d.text, d.encoding)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text("Café.".as_bytes()), ("Café.".into(), "UTF-8"));
        assert_eq!(text(b"\xEF\xBB\xBFCaf\xC3\xA9."), ("Café.".into(), "UTF-8"));
    }

    #[test]
    fn windows_1252_bytes_in_utf8_with_a_bom_are_mended() {
        let bytes = b"\xEF\xBB\xBFCaf\xC3\xA9: \x93quoted\x94 \x96 fine.";
        assert_eq!(text(bytes).0, "Café: \u{201C}quoted\u{201D} \u{2013} fine.");
    }

    #[test]
    fn utf16_without_bom_is_read_in_either_byte_order() {
        let le: Vec<u8> = "Hello world. The café opens at nine."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Hello world. The café opens at nine."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(text(&le).0, "Hello world. The café opens at nine.");
        assert_eq!(text(&be).0, "Hello world. The café opens at nine.");
        // NULs at both parities are a binary file still.
        assert!(decode(b"ab\0\0cd\0\0ef\0\0", "a.bin", None).is_err());
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Café “quoted”.".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Café “quoted”.".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(&le), ("Café “quoted”.".into(), "UTF-16LE"));
        assert_eq!(text(&be), ("Café “quoted”.".into(), "UTF-16BE"));
    }

    #[test]
    fn undeclared_latin1_is_detected_as_windows_1252() {
        assert_eq!(
            text(b"Caf\xe9 society returns. \x93Quoted\x94 \x96 na\xefve."),
            (
                "Café society returns. “Quoted” – naïve.".into(),
                "windows-1252"
            )
        );
    }

    #[test]
    fn utf8_with_a_stray_latin1_byte_keeps_its_utf8_and_mends_the_byte() {
        let bytes = b"The caf\xc3\xa9 was \xe2\x80\x9cclosed\xe2\x80\x9d on Monday \xe2\x80\x94 a na\xefve plan.";
        assert_eq!(
            text(bytes),
            (
                "The café was “closed” on Monday — a naïve plan.".into(),
                "UTF-8"
            )
        );
        // Declared UTF-8 and not quite: the same.
        let page = b"<meta charset=utf-8><p>Caf\xc3\xa9 na\xefve</p>";
        assert!(decode(page, "p.html", None)
            .unwrap()
            .text
            .contains("Café naïve"));
        // More stray bytes than UTF-8 characters: a Latin-1 file that happens to hold one
        // valid pair is still guessed whole.
        assert_ne!(text(b"\xc3\xa9 caf\xe9 na\xefve r\xf4le").1, "UTF-8");
    }

    #[test]
    fn meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"><title>x</title></head><body>\xc0 la carte</body></html>";
        let d = decode(page, "p.html", None).unwrap();
        assert!(d.text.contains("À la carte"), "{}", d.text);
        assert_eq!(
            d.encoding, "windows-1252",
            "ISO-8859-1 is decoded as its superset"
        );
    }

    #[test]
    fn http_equiv_charset_is_honoured() {
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>\xcf\xf0\xe8\xe2\xe5\xf2";
        assert!(decode(page, "p.html", None)
            .unwrap()
            .text
            .ends_with("Привет"));
    }

    #[test]
    fn http_header_charset_beats_meta() {
        let page = b"<meta charset=\"utf-8\">\xe9t\xe9";
        let d = decode(page, "u", Some("ISO-8859-15")).unwrap();
        assert_eq!(d.encoding, "ISO-8859-15");
        assert!(d.text.ends_with("été"));
    }

    #[test]
    fn declared_utf8_that_is_not_falls_back_to_detection() {
        let d = decode(b"<meta charset=utf-8><p>Caf\xe9</p>", "p.html", None).unwrap();
        assert!(d.text.contains("Café"), "{}", d.text);
    }

    #[test]
    fn finds_meta_charset_variants() {
        for (page, want) in [
            (&b"<META CHARSET=UTF-8>"[..], Some("UTF-8")),
            (b"<meta charset = 'koi8-r' />", Some("koi8-r")),
            (
                b"<meta name=x><meta content=\"text/html;charset=latin1\" http-equiv=\"content-type\">",
                Some("latin1"),
            ),
            (b"<meta name=\"viewport\" content=\"width=device-width\">", None),
            (b"no meta at all", None),
        ] {
            assert_eq!(meta_charset(page), want, "{}", String::from_utf8_lossy(page));
        }
    }

    #[test]
    fn reads_charset_from_content_type() {
        assert_eq!(
            content_type_charset("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(content_type_charset("text/html"), None);
        assert_eq!(
            content_type_charset("text/plain;format=flowed; Charset=utf-8"),
            Some("utf-8")
        );
    }

    #[test]
    fn rejects_binary() {
        let e = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.png", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.png: looks like a PNG image, not an article (aloud reads .txt, .md and .html)"
        );
        // A few NULs without a UTF-16 BOM are binary, not UTF-16 text.
        let e = decode(b"a\0b\0c\0d\0", "x.txt", None).unwrap_err();
        assert!(matches!(e, IngestError::Binary { .. }));
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert!(matches!(
            decode(b" \n\t\n", "a.txt", None),
            Err(IngestError::Empty { .. })
        ));
    }
}
