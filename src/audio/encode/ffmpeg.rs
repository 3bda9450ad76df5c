//! FLAC and M4B through the `ffmpeg` command (Debian package `ffmpeg`): the mastered samples
//! go to its standard input as raw 16-bit PCM while they are made, tags and chapters through
//! an FFMETADATA file. M4B is AAC-LC in an MP4 (`ipod`) container with chapters, the
//! audiobook format of Apple Books and most podcast apps; `+faststart` puts the index first so
//! a player streaming it can start before the whole file arrived.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use super::{EncodeError, Encoder, Format, Stream};

/// The command, and the Debian package holding it.
pub const FFMPEG: &str = "ffmpeg";

/// Checks that `ffmpeg` runs; the error is one line naming the package.
pub fn check(format: Format) -> Result<(), String> {
    let ok = Command::new(FFMPEG)
        .args(["-hide_banner", "-version"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{} needs the ffmpeg command, which is not installed; install it: apt-get install \
             ffmpeg",
            format.extension()
        ))
    }
}

/// Escapes a value for an FFMETADATA file: `=`, `;`, `#`, `\` and line ends get a backslash.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '=' | ';' | '#' | '\\' | '\n') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The FFMETADATA file of an article: its tags and one `[CHAPTER]` per chapter (times in ms).
/// ffmpeg's FLAC muxer drops `[CHAPTER]`s, so for FLAC the chapters are also tags, the
/// Vorbis-comment chapters of Ogg (`CHAPTER01=00:00:00.000`, `CHAPTER01NAME=…`), which FLAC
/// readers (and ffmpeg's FLAC demuxer) read as chapters.
pub fn ffmetadata(stream: &Stream, format: Format) -> String {
    let t = &stream.tags;
    let mut m = String::from(";FFMETADATA1\n");
    for (key, value) in [
        ("title", t.title.as_str()),
        ("artist", t.voice.as_str()),
        ("album", t.title.as_str()),
        ("genre", "Speech"),
        ("date", t.date.as_str()),
        ("language", t.language.as_str()),
        ("comment", &t.comment()),
        (&t.source_key().to_lowercase(), t.source.as_str()),
        ("encoded_by", concat!("aloud ", env!("CARGO_PKG_VERSION"))),
    ] {
        m += &format!("{key}={}\n", escape(value));
    }
    if format == Format::Flac {
        let width = if stream.chapters.len() > 99 { 3 } else { 2 };
        for (n, c) in stream.chapters.iter().enumerate() {
            let n = n + 1;
            m += &format!("CHAPTER{n:0width$}={}\n", super::timestamp(c.start_ms));
            m += &format!("CHAPTER{n:0width$}NAME={}\n", escape(&c.title));
        }
    }
    for c in &stream.chapters {
        m += &format!(
            "[CHAPTER]\nTIMEBASE=1/1000\nSTART={}\nEND={}\ntitle={}\n",
            c.start_ms,
            c.end_ms,
            escape(&c.title)
        );
    }
    m
}

/// Decodes `path` with ffmpeg into mono 16-bit samples at its own rate (aloud's M4B and FLAC
/// keep the rate they were fed), handed to `each` block by block as ffmpeg makes them.
pub fn decode_file(path: &Path, each: &mut dyn FnMut(&[i16])) -> Result<(), EncodeError> {
    let mut child = Command::new(FFMPEG)
        .args(["-hide_banner", "-nostats", "-loglevel", "error", "-i"])
        .arg(path)
        .args(["-f", "s16le", "-ac", "1", "pipe:1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| EncodeError::new(path, format!("cannot run ffmpeg to decode it: {e}")))?;
    let mut stderr = child.stderr.take().expect("piped");
    let complaint = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut stdout = child.stdout.take().expect("piped");
    let mut bytes = vec![0u8; 65_536];
    let mut odd: Option<u8> = None;
    let mut samples = Vec::with_capacity(32_768);
    loop {
        let n = stdout
            .read(&mut bytes)
            .map_err(|e| EncodeError::new(path, e))?;
        if n == 0 {
            break;
        }
        samples.clear();
        let mut data = &bytes[..n];
        if let Some(low) = odd.take() {
            samples.push(i16::from_le_bytes([low, data[0]]));
            data = &data[1..];
        }
        let pairs = data.chunks_exact(2);
        odd = pairs.remainder().first().copied();
        samples.extend(pairs.map(|b| i16::from_le_bytes([b[0], b[1]])));
        each(&samples);
    }
    let status = child.wait().map_err(|e| EncodeError::new(path, e))?;
    let why = complaint.join().unwrap_or_default();
    if !status.success() {
        let line = why.split_whitespace().collect::<Vec<_>>().join(" ");
        return Err(EncodeError::new(
            path,
            format!("ffmpeg could not decode it: {line}"),
        ));
    }
    Ok(())
}

/// Streams samples to an `ffmpeg` process encoding one file.
pub struct FfmpegEncoder {
    child: Child,
    stdin: Option<std::io::BufWriter<ChildStdin>>,
    stderr: Option<std::thread::JoinHandle<String>>,
    path: PathBuf,
    tmp: PathBuf,
    metadata: PathBuf,
    bytes: Vec<u8>,
}

impl FfmpegEncoder {
    /// Starts `ffmpeg` writing `path` (a temporary file until [`Encoder::finish`]) in
    /// `format` (flac or m4b).
    pub fn create(path: &Path, format: Format, stream: &Stream) -> Result<Self, EncodeError> {
        let tmp = crate::export::fs::temp_path(path);
        let metadata = path.with_file_name(format!(".{}.ffmetadata", super::mp3::file_name(path)));
        std::fs::write(&metadata, ffmetadata(stream, format))
            .map_err(|e| EncodeError::new(path, e))?;
        let rate = stream.sample_rate.to_string();
        let mut cmd = Command::new(FFMPEG);
        // With two inputs (the samples and the metadata) ffmpeg reads each on a thread of its
        // own, handing packets (1,024 samples) over a queue of 8 by default: the encoder waited
        // on it about once a packet, and encoding 331 s of speech from aloud's pipe took
        // 1.5–1.8 s of wall time for 1.1 s of CPU. A queue of 1,024 packets (23 MB at most,
        // never reached: the encoder is the slower side) took it to 1.05 s.
        cmd.args(["-hide_banner", "-nostats", "-loglevel", "error", "-y"])
            .args(["-thread_queue_size", "1024"])
            .args(["-f", "s16le", "-ar", &rate, "-ac", "1", "-i", "pipe:0"])
            .arg("-i")
            .arg(&metadata)
            .args(["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]);
        if format == Format::M4b {
            // The MP4 track's language is three letters (ISO 639-2/T); ffmpeg writes `und` for
            // anything else, and ignores a global `language` tag.
            cmd.arg("-metadata:s:a:0").arg(format!(
                "language={}",
                super::iso639_2(&stream.tags.language)
            ));
        }
        let bitrate = format!("{}k", stream.quality.aac_kbps);
        if format == Format::M4b && stream.quality.aac_fast {
            cmd.args(["-aac_coder", "fast"]);
        }
        match format {
            Format::M4b => cmd.args([
                "-c:a",
                "aac",
                "-b:a",
                &bitrate,
                "-movflags",
                "+faststart",
                "-f",
                "ipod",
            ]),
            _ => cmd.args(["-c:a", "flac", "-f", "flac"]),
        };
        cmd.arg(&tmp)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| {
            EncodeError::new(
                path,
                format!("cannot run ffmpeg ({e}); install it: apt-get install ffmpeg"),
            )
        })?;
        let stdin = child.stdin.take().map(std::io::BufWriter::new);
        let stderr = child.stderr.take().map(|mut err| {
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = err.read_to_string(&mut text);
                text
            })
        });
        Ok(FfmpegEncoder {
            child,
            stdin,
            stderr,
            path: path.to_path_buf(),
            tmp,
            metadata,
            bytes: Vec::new(),
        })
    }

    /// ffmpeg's own words on why it stopped, on one line.
    fn complaint(&mut self) -> String {
        let text = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            "ffmpeg stopped".into()
        } else {
            format!("ffmpeg: {line}")
        }
    }
}

impl Encoder for FfmpegEncoder {
    fn write(&mut self, samples: &[i16]) -> Result<(), EncodeError> {
        self.bytes.clear();
        self.bytes
            .extend(samples.iter().flat_map(|s| s.to_le_bytes()));
        let stdin = self.stdin.as_mut().expect("open until finish");
        if stdin.write_all(&self.bytes).is_err() {
            // A broken pipe: ffmpeg ended early, and says why on stderr.
            let _ = self.child.wait();
            let why = self.complaint();
            return Err(EncodeError::new(&self.path, why));
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Vec<String>, EncodeError> {
        let flushed = self.stdin.take().map(|mut s| s.flush());
        let status = self
            .child
            .wait()
            .map_err(|e| EncodeError::new(&self.path, e))?;
        if !status.success() || matches!(flushed, Some(Err(_))) {
            let why = self.complaint();
            return Err(EncodeError::new(&self.path, why));
        }
        let _ = self.complaint();
        std::fs::rename(&self.tmp, &self.path).map_err(|e| EncodeError::new(&self.path, e))?;
        Ok(vec![super::mp3::file_name(&self.path)])
    }
}

impl Drop for FfmpegEncoder {
    fn drop(&mut self) {
        // Closing stdin ends ffmpeg if it is still running (an export that failed elsewhere).
        self.stdin.take();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.metadata);
        let _ = std::fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_ffmetadata_specials() {
        assert_eq!(escape("a=b; #c\\d\ne"), "a\\=b\\; \\#c\\\\d\\\ne");
    }
}
