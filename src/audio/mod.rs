//! Audio as plain values: PCM buffers, silence trimming, and the article assembly that joins
//! chunks with the pauses the user asked for.

pub mod chapters;
pub mod encode;
pub mod loudness;
pub mod master;

use std::path::Path;

/// Mono 16-bit PCM samples at a sample rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pcm {
    /// Samples per second.
    pub sample_rate: u32,
    /// Mono samples.
    pub samples: Vec<i16>,
}

/// Samples whose magnitude is at or below this count as silence when trimming (about −54 dBFS).
///
/// Low enough to keep the soft onset of fricatives, high enough to ignore dither and clicks.
pub const SILENCE_THRESHOLD: i16 = 64;

/// How far under its own peak a chunk's silence lies at least, as a divisor (64: 36 dB).
/// Speech at the engines' normal level peaks far above 64 × [`SILENCE_THRESHOLD`], so this
/// only matters for quiet speech: at `--volume 3` the fixed threshold took the soft ends of
/// words for silence and a tester's article came out 2.8 s shorter.
const PEAK_TO_SILENCE: u16 = 64;

/// The level at or below which a sample of `samples` is silence: [`SILENCE_THRESHOLD`], or
/// 36 dB under the chunk's peak when that is lower ([`PEAK_TO_SILENCE`]). A chunk that never
/// rises above [`SILENCE_THRESHOLD`] is all silence (dither, clicks), as before.
fn silence_threshold(samples: &[i16]) -> u16 {
    let fixed = SILENCE_THRESHOLD as u16;
    let peak = samples.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
    if peak <= fixed {
        return fixed;
    }
    fixed.min((peak / PEAK_TO_SILENCE).max(1))
}

/// Silence kept around speech when trimming, in milliseconds, so word onsets are not clipped.
pub const TRIM_GUARD_MS: u32 = 3;

/// The WAV format aloud writes: mono, 16-bit integer PCM.
pub fn wav_spec(sample_rate: u32) -> hound::WavSpec {
    hound::WavSpec {
        channels: 1,
        sample_rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    }
}

/// Number of samples in `ms` milliseconds at `sample_rate`, rounded to the nearest sample.
pub fn samples_for_ms(ms: u32, sample_rate: u32) -> usize {
    ((u64::from(ms) * u64::from(sample_rate) + 500) / 1000) as usize
}

/// Position of sample `n` in milliseconds, rounded to the nearest millisecond.
pub fn ms_for_samples(n: usize, sample_rate: u32) -> u64 {
    (n as u64 * 1000 + u64::from(sample_rate) / 2) / u64::from(sample_rate)
}

/// Removes the engine's leading and trailing silence ([`silence_threshold`]), keeping a
/// [`TRIM_GUARD_MS`] guard.
///
/// Engines pad speech with silence of their own; trimming it makes the pauses between chunks
/// exactly what `--sentence-pause` and `--paragraph-pause` say. All-silent input trims to empty.
pub fn trim_silence(samples: &[i16], sample_rate: u32) -> &[i16] {
    trim_at(samples, sample_rate, silence_threshold(samples))
}

/// [`trim_silence`] at a given silence `threshold`.
fn trim_at(samples: &[i16], sample_rate: u32, threshold: u16) -> &[i16] {
    let loud = |s: &i16| s.unsigned_abs() > threshold;
    let Some(first) = samples.iter().position(loud) else {
        return &[];
    };
    let last = samples.iter().rposition(loud).unwrap_or(first);
    let guard = samples_for_ms(TRIM_GUARD_MS, sample_rate);
    let start = first.saturating_sub(guard);
    let end = (last + 1 + guard).min(samples.len());
    &samples[start..end]
}

/// A chunk's speech as it goes into the article: the engine's silence trimmed, then exactly
/// [`TRIM_GUARD_MS`] of guard on each side (zeros are added where the engine started or
/// stopped speaking without any silence), faded in and out over that guard.
///
/// Because the fade only ever touches the guard, no speech sample is dimmed, so the silence a
/// listener hears between two chunks is exactly the pause plus the two guards. Without the
/// padding, a click in the engine's first millisecond could be faded under the silence
/// threshold and the measured pause would grow by whatever quiet followed it (seen as 25 ms
/// with the neural voice). All-silent input gives an empty chunk.
pub fn chunk_speech(samples: &[i16], sample_rate: u32) -> Vec<i16> {
    chunk_speech_placed(samples, sample_rate).0
}

/// [`chunk_speech`], and where it starts in `samples`: sample `i` of the chunk's speech is
/// sample `i + offset` of `samples` (the offset is negative when zeros were added in front),
/// so timings made for the engine's samples can follow the trim.
pub fn chunk_speech_placed(samples: &[i16], sample_rate: u32) -> (Vec<i16>, isize) {
    let threshold = silence_threshold(samples);
    let trimmed = trim_at(samples, sample_rate, threshold);
    if trimmed.is_empty() {
        return (Vec::new(), 0);
    }
    let trimmed_at = (trimmed.as_ptr() as usize - samples.as_ptr() as usize) / 2;
    let guard = samples_for_ms(TRIM_GUARD_MS, sample_rate);
    let loud = |s: &i16| s.unsigned_abs() > threshold;
    let lead = guard - trimmed.iter().position(loud).unwrap_or(0).min(guard);
    let tail = guard - (trimmed.len() - 1 - trimmed.iter().rposition(loud).unwrap_or(0)).min(guard);
    let mut speech = Vec::with_capacity(lead + trimmed.len() + tail);
    speech.resize(lead, 0);
    speech.extend_from_slice(trimmed);
    speech.resize(speech.len() + tail, 0);
    fade_edges(&mut speech, sample_rate);
    (speech, trimmed_at as isize - lead as isize)
}

/// Length of the fade-in and fade-out applied to every chunk, in milliseconds: the trim guard,
/// so only the near-silent guard is shaped and the speech itself (and so the measured pause
/// between chunks) is untouched.
pub const FADE_MS: u32 = TRIM_GUARD_MS;

/// Fades the first and last [`FADE_MS`] of a chunk in and out (linearly), so every chunk
/// starts and ends at exactly zero and joins never click, whatever the engine left there.
pub fn fade_edges(samples: &mut [i16], sample_rate: u32) {
    let n = samples_for_ms(FADE_MS, sample_rate).min(samples.len() / 2);
    let len = samples.len();
    for i in 0..n {
        let g = i as f32 / n as f32;
        samples[i] = (f32::from(samples[i]) * g) as i16;
        samples[len - 1 - i] = (f32::from(samples[len - 1 - i]) * g) as i16;
    }
}

/// Root-mean-square level of `samples` (0 for an empty slice).
pub fn rms(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let sum: f64 = samples.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
    (sum / samples.len() as f64).sqrt()
}

/// Writes `samples` as a WAV file at `path` (the caller renames it into place).
pub fn write_wav(path: &Path, sample_rate: u32, samples: &[i16]) -> Result<(), hound::Error> {
    let mut writer = hound::WavWriter::create(path, wav_spec(sample_rate))?;
    let mut w = writer.get_i16_writer(samples.len() as u32);
    for &s in samples {
        w.write_sample(s);
    }
    w.flush()?;
    writer.finalize()
}

/// Where one chunk landed in the assembled article, in samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First sample of the chunk's speech.
    pub start: usize,
    /// One past its last sample.
    pub end: usize,
}

/// Streams an article WAV: chunk speech, then its pause, chunk after chunk.
///
/// Streaming keeps memory flat however long the article is.
pub struct ArticleWriter {
    writer: hound::WavWriter<std::io::BufWriter<std::fs::File>>,
    sample_rate: u32,
    position: usize,
}

impl ArticleWriter {
    /// Starts a WAV file at `path` (a temporary name; the caller renames it when done).
    pub fn create(path: &Path, sample_rate: u32) -> Result<Self, hound::Error> {
        Ok(ArticleWriter {
            writer: hound::WavWriter::create(path, wav_spec(sample_rate))?,
            sample_rate,
            position: 0,
        })
    }

    /// Appends a chunk's (already trimmed) speech followed by `pause_ms` of silence.
    pub fn push(&mut self, speech: &[i16], pause_ms: u32) -> Result<Span, hound::Error> {
        let start = self.position;
        for &s in speech {
            self.writer.write_sample(s)?;
        }
        let end = start + speech.len();
        let pause = samples_for_ms(pause_ms, self.sample_rate);
        for _ in 0..pause {
            self.writer.write_sample(0i16)?;
        }
        self.position = end + pause;
        Ok(Span { start, end })
    }

    /// Total samples written so far.
    pub fn len(&self) -> usize {
        self.position
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.position == 0
    }

    /// Completes the WAV header.
    pub fn finalize(self) -> Result<(), hound::Error> {
        self.writer.finalize()
    }
}

/// A WAV file holds at most 4 GiB (its RIFF size fields are 32-bit), so no part may pass this
/// many bytes: the largest `--max-part-size` allowed.
pub const MAX_WAV_BYTES: u64 = 4 * 1024 * 1024 * 1024 - 1024;

/// Bytes of the header hound writes before the samples of a 16-bit mono WAV.
const WAV_HEADER_BYTES: u64 = 44;

/// One file of an article's audio split into parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its file name, inside the folder given to [`PartedWriter::create`].
    pub file: String,
    /// Where it starts and ends in the article's timeline, in samples.
    pub start: usize,
    /// One past its last sample.
    pub end: usize,
}

/// Streams an article's audio into `<name>.wav`, or, when it would pass `max_bytes`, into
/// `<name>-part01.wav`, `<name>-part02.wav`, … so no file passes the WAV format's 4 GiB limit
/// (issue 12: a 27-hour export wrapped its size fields and every player saw 7 hours).
///
/// A new part starts before a chunk that would take the current part past `max_bytes`, and
/// at a paragraph start already when the paragraph would not fit, judged from the samples per
/// spoken character so far: parts end at paragraph boundaries, except inside a paragraph
/// too long for one part. Each file is written under a temporary name and renamed when it is
/// complete. Spans and parts are in the article's timeline (samples from its start).
pub struct PartedWriter {
    dir: std::path::PathBuf,
    name: String,
    sample_rate: u32,
    max_samples: usize,
    current: Option<(ArticleWriter, std::path::PathBuf)>,
    parts: Vec<Part>,
    part_start: usize,
    position: usize,
    /// Samples written per spoken character so far, for guessing a paragraph's length.
    chars_seen: usize,
}

impl PartedWriter {
    /// Starts writing `<dir>/<name>.wav` (or parts of it) at `sample_rate`, no file larger than
    /// `max_bytes` (at most [`MAX_WAV_BYTES`]).
    pub fn create(
        dir: &Path,
        name: &str,
        sample_rate: u32,
        max_bytes: u64,
    ) -> Result<Self, hound::Error> {
        let max_samples = (max_bytes
            .min(MAX_WAV_BYTES)
            .saturating_sub(WAV_HEADER_BYTES)
            / 2)
        .max(1) as usize;
        let mut w = PartedWriter {
            dir: dir.to_path_buf(),
            name: name.to_string(),
            sample_rate,
            max_samples,
            current: None,
            parts: Vec::new(),
            part_start: 0,
            position: 0,
            chars_seen: 0,
        };
        w.open_part()?;
        Ok(w)
    }

    fn part_file(&self, n: usize) -> String {
        format!("{}-part{n:02}.wav", self.name)
    }

    fn open_part(&mut self) -> Result<(), hound::Error> {
        let tmp = self.dir.join(format!(
            ".{}.part{}.wav.tmp",
            self.name,
            self.parts.len() + 1
        ));
        self.current = Some((ArticleWriter::create(&tmp, self.sample_rate)?, tmp));
        self.part_start = self.position;
        Ok(())
    }

    /// Finishes the current part under its final name: `<name>.wav` when it is the only
    /// part, else `<name>-partNN.wav`.
    fn close_part(&mut self, last: bool) -> Result<(), hound::Error> {
        let Some((writer, tmp)) = self.current.take() else {
            return Ok(());
        };
        writer.finalize()?;
        let n = self.parts.len() + 1;
        let file = if last && n == 1 {
            format!("{}.wav", self.name)
        } else {
            self.part_file(n)
        };
        std::fs::rename(&tmp, self.dir.join(&file))?;
        self.parts.push(Part {
            file,
            start: self.part_start,
            end: self.position,
        });
        Ok(())
    }

    /// Appends a chunk's speech and the pause after it; `paragraph_start` when the chunk
    /// starts a paragraph and `paragraph_chars` the spoken characters of that paragraph (for
    /// the guess of whether it fits), `chars` the chunk's own. Returns where the speech landed
    /// in the article's timeline.
    pub fn push(
        &mut self,
        speech: &[i16],
        pause_ms: u32,
        chars: usize,
        paragraph_start: Option<usize>,
    ) -> Result<Span, hound::Error> {
        let needed = speech.len() + samples_for_ms(pause_ms, self.sample_rate);
        let used = self.position - self.part_start;
        let per_char = self.position.checked_div(self.chars_seen).unwrap_or(0);
        let paragraph_too_big = paragraph_start
            .is_some_and(|paragraph_chars| used + paragraph_chars * per_char > self.max_samples);
        if used > 0 && (used + needed > self.max_samples || paragraph_too_big) {
            self.close_part(false)?;
            self.open_part()?;
        }
        let (writer, _) = self.current.as_mut().expect("a part is always open");
        let span = writer.push(speech, pause_ms)?;
        let start = self.part_start + span.start;
        self.position = self.part_start + writer.len();
        self.chars_seen += chars.max(1);
        Ok(Span {
            start,
            end: start + speech.len(),
        })
    }

    /// Total samples written.
    pub fn len(&self) -> usize {
        self.position
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.position == 0
    }

    /// Completes the last part and returns every part, in order; a single part is
    /// `<name>.wav`.
    pub fn finalize(mut self) -> Result<Vec<Part>, hound::Error> {
        self.close_part(true)?;
        Ok(std::mem::take(&mut self.parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_leading_and_trailing_silence_keeping_guard() {
        let sr = 1000; // 1 sample per ms makes the guard 3 samples
        let mut s = vec![0i16; 50];
        s.extend([500, -700, 300]);
        s.extend(vec![10i16; 40]);
        let t = trim_silence(&s, sr);
        assert_eq!(t.len(), 3 + 3 + 3);
        assert_eq!(t[3], 500);
        assert_eq!(t[5], 300);
    }

    #[test]
    fn chunk_speech_pads_a_missing_guard_so_the_fade_never_dims_speech() {
        let sr = 1000; // the guard is 3 samples
                       // Speech from the very first sample to the very last: 3 zeros are added each side.
        let s = chunk_speech(&[500, 600, 700], sr);
        assert_eq!(s, vec![0, 0, 0, 500, 600, 700, 0, 0, 0]);
        // A full guard already there: nothing added, the loud samples are untouched.
        let mut e = vec![0i16; 10];
        e.extend([80, 900, 80]);
        e.extend(vec![0i16; 10]);
        let s = chunk_speech(&e, sr);
        assert_eq!(s.len(), 9);
        assert_eq!(&s[3..6], &[80, 900, 80]);
        // One sample of lead-in: two zeros complete the guard.
        let s = chunk_speech(&[10, 5000, 10, 10, 10], sr);
        assert_eq!(&s[..4], &[0, 0, 6, 5000]); // the quiet sample 10 is in the faded guard
        assert!(chunk_speech(&[0, 3, -3], sr).is_empty());
        // Where the speech lies in the engine's samples: 3 zeros added in front (-3); a
        // trimmed lead of 10 silent samples less the 3 kept as guard (7).
        assert_eq!(chunk_speech_placed(&[500, 600, 700], sr).1, -3);
        assert_eq!(chunk_speech_placed(&e, sr).1, 7);
    }

    #[test]
    fn quiet_speech_keeps_its_soft_ends() {
        // Speech at a thirtieth of the usual level (--volume 3): its soft ends (40) lie under
        // the fixed threshold but 25 dB under its own peak, so they are speech.
        let sr = 1000;
        let mut s = vec![0i16; 20];
        s.extend([40, 40, 700, -650, 40, 40]);
        s.extend(vec![2i16; 20]);
        let t = trim_silence(&s, sr);
        assert_eq!(t.len(), 6 + 3 + 3, "{t:?}");
        // At the usual level the same soft ends are silence.
        let mut s = vec![0i16; 20];
        s.extend([40, 40, 21000, -19500, 40, 40]);
        s.extend(vec![2i16; 20]);
        assert_eq!(trim_silence(&s, sr).len(), 2 + 3 + 3);
    }

    #[test]
    fn all_silence_trims_to_empty() {
        assert!(trim_silence(&[0, 5, -5, 64, -64], 22050).is_empty());
    }

    #[test]
    fn converts_between_ms_and_samples() {
        assert_eq!(samples_for_ms(350, 22050), 7718); // 7717.5 rounds up
        assert_eq!(ms_for_samples(22050, 22050), 1000);
        assert_eq!(ms_for_samples(11, 22050), 0);
        assert_eq!(ms_for_samples(12, 22050), 1);
    }

    #[test]
    fn article_writer_round_trips_through_hound() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.wav");
        let mut w = ArticleWriter::create(&path, 1000).unwrap();
        let a = w.push(&[100, 200], 5).unwrap();
        let b = w.push(&[300], 0).unwrap();
        assert_eq!((a.start, a.end, b.start, b.end), (0, 2, 7, 8));
        w.finalize().unwrap();
        let r = hound::WavReader::open(&path).unwrap();
        assert_eq!(r.spec().sample_rate, 1000);
        let s: Vec<i16> = r.into_samples().map(|x| x.unwrap()).collect();
        assert_eq!(s, vec![100, 200, 0, 0, 0, 0, 0, 300]);
    }

    #[test]
    fn fades_start_at_silence_and_leave_the_middle() {
        let mut s = vec![900i16; 100];
        fade_edges(&mut s, 1000); // 3 samples each side
        assert_eq!(&s[..4], &[0, 300, 600, 900]);
        assert_eq!(s[99], 0);
        assert!(s[3..97].iter().all(|&x| x == 900));
        let mut tiny = vec![1000i16; 3];
        fade_edges(&mut tiny, 1000);
        assert_eq!(tiny[0], 0);
    }

    #[test]
    fn parts_split_before_overflow_and_at_paragraph_starts() {
        let dir = tempfile::tempdir().unwrap();
        // 1,000 Hz: a part holds at most (244 - 44) / 2 = 100 samples.
        let mut w = PartedWriter::create(dir.path(), "a", 1000, 244).unwrap();
        let spans = [
            // Paragraph 1: two chunks of 30 samples + 10 ms pause (40 each).
            w.push(&[100; 30], 10, 30, Some(60)).unwrap(),
            w.push(&[100; 30], 10, 30, None).unwrap(),
            // Paragraph 2 (60 chars, about 80 samples): does not fit after 80 → new part.
            w.push(&[200; 30], 10, 30, Some(60)).unwrap(),
            w.push(&[200; 30], 10, 30, None).unwrap(),
            // A chunk that would overflow mid-paragraph also starts a part.
            w.push(&[300; 50], 0, 50, None).unwrap(),
        ];
        assert_eq!(w.len(), 210);
        let parts = w.finalize().unwrap();
        let files: Vec<&str> = parts.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["a-part01.wav", "a-part02.wav", "a-part03.wav"]);
        assert_eq!(
            parts.iter().map(|p| (p.start, p.end)).collect::<Vec<_>>(),
            [(0, 80), (80, 160), (160, 210)]
        );
        assert_eq!(spans[2].start, 80);
        assert_eq!(
            spans[4],
            Span {
                start: 160,
                end: 210
            }
        );
        for p in &parts {
            let path = dir.path().join(&p.file);
            assert!(std::fs::metadata(&path).unwrap().len() <= 244, "{}", p.file);
            let r = hound::WavReader::open(&path).unwrap();
            assert_eq!(r.len() as usize, p.end - p.start);
        }
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 3, "no temporary files left");
    }

    #[test]
    fn a_short_article_is_one_file_without_a_part_number() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = PartedWriter::create(dir.path(), "a", 1000, MAX_WAV_BYTES).unwrap();
        w.push(&[100; 30], 10, 30, Some(30)).unwrap();
        let parts = w.finalize().unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].file, "a.wav");
        assert!(dir.path().join("a.wav").exists());
    }

    #[test]
    fn rms_of_constant_is_its_magnitude() {
        assert_eq!(rms(&[-3, 3, -3, 3]), 3.0);
        assert_eq!(rms(&[]), 0.0);
    }
}
