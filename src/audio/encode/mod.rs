//! The article's audio in the formats people publish (`--format wav,flac,mp3,opus,m4b`): one
//! encoder per format, each fed the mastered 16-bit samples block by block as they are made, so
//! memory stays flat however long the article is. Every file is written under a temporary name
//! and renamed when complete.
//!
//! How each format is made, and why:
//! - **wav**: `hound` (16-bit mono at the engine's rate), split at `--max-part-size`.
//! - **mp3**: Debian's LAME (`libmp3lame.so.0`, loaded at run time like libespeak-ng), CBR;
//!   ID3v2.4 tags and CHAP/CTOC chapter frames through the `id3` crate; a LAME "Info" frame
//!   (encoder delay and padding) so players trim the padding and the length is exact. The
//!   `mp3lame-encoder` crate compiles its own copy of LAME statically instead of linking
//!   Debian's, so aloud binds the dozen LAME calls it needs itself (`mp3.rs`).
//! - **opus**: Opus in Ogg (RFC 7845) through the `opus` crate (Debian's libopus, found by
//!   pkg-config) and the `ogg` crate, resampled to 48 kHz with `rubato`; tags and chapters as
//!   Vorbis comments (`CHAPTER01=00:00:00.000`, `CHAPTER01NAME=…`).
//! - **flac**, **m4b**: the `ffmpeg` command (Debian package `ffmpeg`), fed raw samples on its
//!   standard input; chapters and tags through an FFMETADATA file. No FLAC encoder crate links
//!   Debian's libFLAC, and AAC in MP4 has no maintained Rust encoder.

pub mod ffmpeg;
pub mod mp3;
pub mod opus;
pub mod wav;

use std::path::{Path, PathBuf};

/// An output format of the article's audio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// 16-bit PCM WAV at the engine's rate.
    Wav,
    /// FLAC (lossless), through ffmpeg.
    Flac,
    /// MP3, constant bit rate, through LAME.
    Mp3,
    /// Opus in Ogg.
    Opus,
    /// AAC in an MP4 audiobook file with chapters, through ffmpeg.
    M4b,
}

impl Format {
    /// Every format, in the order they are listed to users.
    pub const ALL: [Format; 5] = [
        Format::Wav,
        Format::Flac,
        Format::Mp3,
        Format::Opus,
        Format::M4b,
    ];

    /// The format's name and file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Wav => "wav",
            Format::Flac => "flac",
            Format::Mp3 => "mp3",
            Format::Opus => "opus",
            Format::M4b => "m4b",
        }
    }

    /// The format a file name's extension names (`story.mp3` → mp3), case-insensitively.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }

    /// For an audio file name aloud does not write (`story.ogg`, `.m4a`, `.aac`, `.oga`,
    /// `.wave`, `.mp4`), the extension to use instead and what it holds; `None` for any other
    /// name (a folder, or a format aloud writes).
    pub fn instead_of(path: &Path) -> Option<(&'static str, &'static str)> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "ogg" | "oga" => ("opus", "Opus in an Ogg file"),
            "m4a" | "aac" | "mp4" => ("m4b", "AAC in an MP4 file, with chapters"),
            "wave" => ("wav", "a WAV file"),
            _ => return None,
        })
    }

    /// Parses `--format`: names separated by commas (`mp3,opus`), each at most once, in the
    /// order given. The error is one line naming the bad value and the choices.
    pub fn parse_list(value: &str) -> Result<Vec<Format>, String> {
        let mut formats = Vec::new();
        for name in value.split(',').map(str::trim) {
            let format = Format::ALL
                .into_iter()
                .find(|f| f.extension().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    format!(
                        "{name:?} is not an audio format; use wav, flac, mp3, opus or m4b, \
                         several separated by commas (mp3,opus)"
                    )
                })?;
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        Ok(formats)
    }
}

/// How a lossy codec changes mastered speech, where that measured steady across voices,
/// articles and targets, so mastering sets the format's gain and ceiling from these figures
/// instead of encoding and decoding a probe (`audio::master`; the file is still decoded and
/// checked after).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Steady {
    /// The level the codec takes away, LU (negative: quieter).
    pub loss_db: f64,
    /// How far its decoded true peaks pass the master's at most, dB (negative: they stay
    /// under).
    pub overshoot_db: f64,
}

/// Bit rates and sample rates of the lossy formats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    /// MP3 bit rate, kb/s (CBR).
    pub mp3_kbps: u32,
    /// MP3 sample rate, Hz; `None` keeps the engine's.
    pub mp3_rate: Option<u32>,
    /// LAME's algorithm quality, 0 (best, slowest) … 9 (fastest): lame.h `lame_set_quality`.
    pub mp3_quality: u8,
    /// Opus bit rate, kb/s.
    pub opus_kbps: u32,
    /// libopus's encoder complexity, 0 … 10 (`OPUS_SET_COMPLEXITY`).
    pub opus_complexity: u8,
    /// Speech coding: CELT only (`OPUS_APPLICATION_RESTRICTED_LOWDELAY`), constrained VBR
    /// (the file keeps to its nominal rate), at most 8 kHz of audio band (Opus "wideband").
    /// Off: libopus picks SILK or CELT itself, in unconstrained VBR, over the whole band.
    pub opus_speech: bool,
    /// AAC bit rate of M4B, kb/s.
    pub aac_kbps: u32,
    /// ffmpeg's fast AAC coder (`-aac_coder fast`) instead of its default "two loop" search.
    pub aac_fast: bool,
    /// MP3's effect on speech where it is steady ([`Steady`]); `None`: probe it.
    pub mp3_steady: Option<Steady>,
    /// AAC's, likewise.
    pub aac_steady: Option<Steady>,
    /// Opus's, likewise.
    pub opus_steady: Option<Steady>,
}

/// The engine rates, Hz, at which the [`Steady`] figures were measured (espeak and the joe
/// voice at 22,050 Hz, hibari at 24,000 Hz); at others a codec is probed.
const STEADY_RATES: [u32; 2] = [22_050, 24_000];

impl Quality {
    /// `format`'s steady effect on speech at these settings and the engine's `sample_rate`,
    /// Hz, if it has one ([`Steady`]).
    pub fn steady(&self, format: Format, sample_rate: u32) -> Option<Steady> {
        if !STEADY_RATES.contains(&sample_rate) {
            return None;
        }
        match format {
            Format::Mp3 => self.mp3_steady,
            Format::M4b => self.aac_steady,
            Format::Opus => self.opus_steady,
            _ => None,
        }
    }
}

/// Speech: MP3 64 kb/s mono at the engine's rate (22,050 Hz: MPEG-2 Layer III), Opus
/// 48 kb/s CELT, AAC 96 kb/s, each with the cheapest setting that measured within about 0.05
/// of the best in wideband PESQ (ITU-T P.862.2, decoded against the WAV it was made from;
/// README, "Formats"):
/// - LAME quality 7: 4.50, against 4.38 for its near-best quality 2, at about a quarter of
///   the encoder time (202 s of the joe voice, 2026-12-02).
/// - Opus 48 kb/s, CELT only, constrained VBR, complexity 6 ([`Quality::opus_speech`]): 4.48
///   in 1.2 s of CPU for 202 s of joe, against 4.58 in 4.1 s for 32 kb/s with libopus's own
///   choice at complexity 7, which is SILK for speech (ffmpeg's libopus encoder on the same
///   mastered WAV, 2026-12-03). SILK is most of that time (complexity 6 with the VoIP hint,
///   SILK again: 4.1 s), and SILK streams decode differently in ffmpeg's own Opus decoder and
///   libopus: true peaks 0.7 dB apart on that WAV (−1.3 against −0.6 dBTP), so a file checked
///   with libopus may pass the ceiling in ffmpeg-based players. CELT streams decode to the
///   same peaks in both. At 32 or 40 kb/s CELT scores 4.37 (constrained); complexity 4
///   scores 4.45, 8 and 10 score 4.47.
/// - ffmpeg's fast AAC coder: 4.35 against 4.39 for its default two-loop search, in 0.9 s of
///   CPU instead of 5.9 s for 235 s of speech (hibari, 2026-12-03).
///
/// At 64 kb/s ffmpeg's AAC encoder overshot the master's peaks by up to 2.1 dB on limited
/// speech (decoded true peak +0.6 dBTP, clipping); at 96 kb/s they stay within 0.2 dB of the
/// master's (README, "Formats").
///
/// MP3 and AAC are [`Steady`]: probed on the 3 sample articles read by joe, hibari and espeak,
/// podcast and broadcast (18 exports each, 2026-12-03), MP3 took 0.40–0.48 LU away and its
/// decoded peaks stayed 0.21–0.54 dB under the master's; AAC took 0.00–0.04 LU and passed
/// them by at most 0.11 dB. Opus (CELT, decoded at 24 kHz) varies with the voice and the
/// limiting (probed on the same articles and the benchmark article, 24 exports, 2026-12-04:
/// 0.28 LU away to 0.01 LU louder; peaks 0.23 dB under to 1.01 dB over, the most with
/// espeak at podcast loudness), but its file's header carries an output gain that moves level
/// and peaks alike without encoding again, so its figures are a bound, not a mean: 1.0 dB of
/// overshoot (the ceiling is set for the worst voice) and 0.1 LU of loss, and the file, as
/// decoded while it was encoded, is trimmed to the target by that gain (see
/// `audio::master`). Probing cost 1.3 s of 3.2 s for 331 s of the joe voice's Opus export with the
/// chunk cache warm.
pub const SPEECH: Quality = Quality {
    mp3_kbps: 64,
    mp3_rate: None,
    mp3_quality: 7,
    opus_kbps: 48,
    opus_complexity: 6,
    opus_speech: true,
    aac_kbps: 96,
    aac_fast: true,
    mp3_steady: Some(Steady {
        loss_db: -0.45,
        overshoot_db: -0.21,
    }),
    aac_steady: Some(Steady {
        loss_db: -0.02,
        overshoot_db: 0.11,
    }),
    opus_steady: Some(Steady {
        loss_db: -0.1,
        overshoot_db: 1.0,
    }),
};

/// Audiobook platforms: MP3 192 kb/s CBR at 44.1 kHz (the ACX rule), AAC 128 kb/s.
pub const AUDIOBOOK: Quality = Quality {
    mp3_kbps: 192,
    mp3_rate: Some(44_100),
    mp3_quality: 2,
    opus_kbps: 48,
    opus_complexity: 10,
    opus_speech: false,
    aac_kbps: 128,
    aac_fast: false,
    mp3_steady: None,
    aac_steady: None,
    opus_steady: None,
};

/// One chapter: from a heading's first word to the next heading (the first from 0).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Chapter {
    /// The heading (the article's title for the part before the first heading).
    pub title: String,
    /// Where it starts in the article's audio, milliseconds.
    pub start_ms: u64,
    /// Where it ends (the next chapter's start, or the audio's end), milliseconds.
    pub end_ms: u64,
    /// The first chunk of the chapter (1-based `index`).
    pub chunk: usize,
}

/// What the encoded files are tagged with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// The article's title (else its slug).
    pub title: String,
    /// Where it came from: a URL, or a file's name without its folders
    /// ([`crate::ingest::Source::published_name`]).
    pub source: String,
    /// The narrator: the voice's name.
    pub voice: String,
    /// The voice's credit line, when it has one.
    pub credit: Option<String>,
    /// The day of the export, `YYYY-MM-DD`.
    pub date: String,
    /// The article's language (BCP 47).
    pub language: String,
}

/// The three-letter ISO 639-2 code of a BCP 47 language code (`fr` → `fra`), which MP4
/// tracks and ID3's TLAN frame take; a code aloud does not know is given as it is.
pub fn iso639_2(language: &str) -> &str {
    crate::text::language::Language::from_code(language).map_or(language, |l| l.iso639_2())
}

impl Tags {
    /// The Vorbis-comment key the source goes under: `SOURCE_URL` for a web address, else
    /// `SOURCE` (a file's name is no URL; found by a fresh tester).
    pub fn source_key(&self) -> &'static str {
        if crate::ingest::url::is_url(&self.source) {
            "SOURCE_URL"
        } else {
            "SOURCE"
        }
    }

    /// One line for a comment field: the source, the narrator and the credit.
    pub fn comment(&self) -> String {
        let mut c = format!(
            "Narrated by aloud {} with the voice {} from {}.",
            env!("CARGO_PKG_VERSION"),
            self.voice,
            self.source
        );
        if let Some(credit) = &self.credit {
            c += " Voice: ";
            c += credit;
        }
        c
    }
}

/// Everything an encoder needs to know before the first sample.
#[derive(Debug, Clone)]
pub struct Stream {
    /// Sample rate of the samples it is fed, Hz.
    pub sample_rate: u32,
    /// How many samples it will be fed (the length is known from the first pass).
    pub samples: u64,
    /// Tags.
    pub tags: Tags,
    /// Chapters, in order, tiling the audio.
    pub chapters: Vec<Chapter>,
    /// Bit rates.
    pub quality: Quality,
}

/// Where an encoder hands its packets as it makes them ([`Encoder::tap_packets`]).
pub type PacketTap = Box<dyn FnMut(&[u8]) + Send>;

/// An encoder: fed mastered samples in order, then finished into its file(s). Encoders are
/// `Send`: mastering runs each on a thread of its own.
pub trait Encoder: Send {
    /// Encodes the next samples.
    fn write(&mut self, samples: &[i16]) -> Result<(), EncodeError>;
    /// Completes the file(s) and renames them into place; returns their names (relative to
    /// the folder) in order.
    fn finish(self: Box<Self>) -> Result<Vec<String>, EncodeError>;

    /// Hands every packet encoded from now on to `tap` as well, for a decoder beside the
    /// encoder (Opus: [`opus::PacketDecoder`]), so a file is measured as a player would
    /// decode it while it is written instead of read back after. Formats whose packets are
    /// not decoded one by one on their own (MP3's bit reservoir, ffmpeg's) decline: false.
    fn tap_packets(&mut self, _tap: PacketTap) -> bool {
        false
    }
}

/// An encoder that failed, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct EncodeError {
    /// The file being written.
    pub path: PathBuf,
    /// What went wrong.
    pub reason: String,
}

impl EncodeError {
    /// An error writing `path`.
    pub fn new(path: &Path, reason: impl std::fmt::Display) -> EncodeError {
        EncodeError {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }
}

/// Checks before any synthesis that every format asked for can be written here: the LAME
/// library for mp3, the `ffmpeg` command for flac and m4b. The error is one line naming the
/// Debian package to install.
pub fn check_available(formats: &[Format]) -> Result<(), String> {
    for f in formats {
        match f {
            Format::Mp3 => mp3::Lame::load().map(drop)?,
            Format::Flac | Format::M4b => ffmpeg::check(*f)?,
            Format::Wav | Format::Opus => {}
        }
    }
    Ok(())
}

/// Opens the encoder of `format` writing `<dir>/<name>.<ext>` (WAV: `max_wav_bytes` per part).
pub fn open(
    format: Format,
    dir: &Path,
    name: &str,
    stream: &Stream,
    wav_parts: &[crate::audio::Part],
) -> Result<Box<dyn Encoder>, EncodeError> {
    let path = dir.join(format!("{name}.{}", format.extension()));
    Ok(match format {
        Format::Wav => Box::new(wav::WavEncoder::create(dir, stream.sample_rate, wav_parts)?),
        Format::Mp3 => Box::new(mp3::Mp3Encoder::create(&path, stream)?),
        Format::Opus => Box::new(opus::OpusEncoder::create(&path, stream)?),
        Format::Flac | Format::M4b => {
            Box::new(ffmpeg::FfmpegEncoder::create(&path, format, stream)?)
        }
    })
}

impl Format {
    /// True for the formats that change the audio (MP3, Opus, AAC): their loudness and peaks
    /// are checked on what a decoder makes of them.
    pub fn is_lossy(self) -> bool {
        matches!(self, Format::Mp3 | Format::Opus | Format::M4b)
    }
}

/// Decodes a lossy file aloud wrote as a player would, handing the samples to `each` block
/// by block; returns their rate. `None` for lossless formats (they are the samples).
pub fn decode(
    format: Format,
    path: &Path,
    stream: &Stream,
    each: &mut dyn FnMut(&[i16]),
) -> Result<Option<u32>, EncodeError> {
    match format {
        Format::Mp3 => mp3::decode_file(path, each)?,
        Format::Opus => opus::decode_file(path, opus::decode_rate(&stream.quality), each)?,
        Format::M4b => ffmpeg::decode_file(path, each)?,
        Format::Wav | Format::Flac => return Ok(None),
    }
    Ok(Some(decoded_rate(format, stream)))
}

/// The rate [`decode`] gives samples of `format` at, Hz: MP3's own rate, Opus's
/// [`opus::decode_rate`], else
/// the stream's.
pub fn decoded_rate(format: Format, stream: &Stream) -> u32 {
    match format {
        Format::Mp3 => stream.quality.mp3_rate.unwrap_or(stream.sample_rate),
        Format::Opus => opus::decode_rate(&stream.quality),
        _ => stream.sample_rate,
    }
}

/// Encodes `samples` (mono, `stream.sample_rate`) into a hidden file `.{name}.probe.<ext>` in
/// `dir` exactly as an export of `format` would, decodes it as a player would (see
/// [`decode`]), deletes it, and returns the decoded samples and their rate. Lossless formats
/// return `None`: they are the samples.
pub fn round_trip(
    format: Format,
    dir: &Path,
    name: &str,
    stream: &Stream,
    samples: &[i16],
) -> Result<Option<(Vec<i16>, u32)>, EncodeError> {
    if !format.is_lossy() {
        return Ok(None);
    }
    let probe = format!(".{name}.probe");
    let path = dir.join(format!("{probe}.{}", format.extension()));
    let stream = Stream {
        samples: samples.len() as u64,
        chapters: Vec::new(),
        ..stream.clone()
    };
    let result = (|| {
        let mut encoder = open(format, dir, &probe, &stream, &[])?;
        // In blocks, as mastering feeds it (the Opus encoder's buffers expect that).
        for block in samples.chunks(16_384) {
            encoder.write(block)?;
        }
        encoder.finish()?;
        let mut decoded = Vec::new();
        let rate = decode(format, &path, &stream, &mut |s| {
            decoded.extend_from_slice(s)
        })?;
        Ok(rate.map(|rate| (decoded, rate)))
    })();
    let _ = std::fs::remove_file(&path);
    result
}

/// `HH:MM:SS.mmm` of `ms` milliseconds (chapter times in Vorbis comments).
pub fn timestamp(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_format_lists() {
        assert_eq!(Format::parse_list("wav"), Ok(vec![Format::Wav]));
        assert_eq!(
            Format::parse_list("MP3, opus,mp3"),
            Ok(vec![Format::Mp3, Format::Opus])
        );
        let e = Format::parse_list("mp3,ogg").unwrap_err();
        assert!(e.starts_with("\"ogg\" is not an audio format"), "{e}");
        assert!(!e.contains('\n'));
        assert_eq!(
            Format::from_path(Path::new("a/Story.MP3")),
            Some(Format::Mp3)
        );
        assert_eq!(Format::from_path(Path::new("out")), None);
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(0), "00:00:00.000");
        assert_eq!(timestamp(3_723_045), "01:02:03.045");
    }
}
