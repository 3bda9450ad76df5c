//! Mastering an article: its chunks joined into one stream, normalized to a loudness standard
//! and encoded into every format asked for, in two passes with memory flat in the article's
//! length.
//!
//! **Pass 1** runs while the chunks are spoken: each chunk and pause goes to a hidden raw WAV
//! in the article's staging folder (split at `--max-part-size` like the final WAV) and through
//! a BS.1770 meter. Integrated loudness is gated over the whole programme, so it is known only
//! when the last chunk is in; holding the audio in memory until then would grow with the
//! article (an hour at 22,050 Hz is 150 MB), so it waits on disk instead.
//! Pass 1 also draws a **sample** of the article: up to [`SAMPLE_CHUNKS`] chunks with their
//! pauses, drawn uniformly (reservoir sampling, a fixed seed, so every run draws the same),
//! the whole article when it has no more chunks than that. Only where they lie in the raw
//! file is kept; their samples are read back from it whenever the sample is run.
//! **Gain**: the limiter takes away some loudness wherever it acts, which depends on the gain;
//! gain and limiter are run over the sample (a fraction of the article) until the
//! sample lands where the whole article must (the target less how much louder the whole is
//! than the sample, both measured before) within 0.02 LU. The limiter acts locally (5 ms
//! look-ahead, 80 ms release, reset by every pause), so what it takes from the sample is what it
//! takes from the whole: the result lands within about 0.1 LU (`benches/publish.py`).
//! The limiter's costliest part, finding each sample's true peak (oversampled), is linear in
//! the input, so it is done once: the sample's peaks are found before the first run and kept
//! (2 bytes a sample), and in pass 2 the reader finds them once for every lane. Each run
//! takes the sample's two halves on a thread each, their meters read as one programme.
//! **Lossy formats** (MP3, Opus, AAC) change the audio: they lose some of the high band that
//! K-weighting counts (0.4–0.5 LU for 64 kb/s MP3) and some decoders overshoot the peaks
//! (Opus: 0.35–1.0 dB). So each lossy format gets its own gain, raised by the codec's loss, and
//! a ceiling lowered by its overshoot: at the speech settings from their steady figures
//! ([`encode::Steady`]; for Opus a bound), else from a probe (the first [`PROBE_SECONDS`] of
//! the sample) encoded and decoded as a player would. Each lossy file is measured as a player
//! decodes it: an Opus file while it is encoded (its packets go to a decoder on a thread
//! beside the encoder), the others decoded after pass 2. An Opus file whose level alone
//! missed is trimmed to the target by its header's output gain when its peaks have room; any
//! other miss (the whole article gives the codec more chances to overshoot than the probe) is
//! mastered and encoded again, corrected by what was measured, at most [`CODEC_FIXES`]
//! times.
//! **Pass 2** reads the raw file once, block by block with its peaks, into one lane per gain
//! and ceiling (the master for WAV and FLAC, one per lossy format), each applying its gain and
//! look-ahead limiter on a thread of its own and feeding its encoders, each on its own; the
//! master's 16-bit samples are measured (the manifest's `after`; without a WAV or FLAC the master lane
//! is not run, and `after` is the first lossy file as decoded). The raw file is then deleted;
//! with `--loudness none` its parts are renamed into the WAV instead (they are its samples).
//! The chunk WAVs are the engine's speech before mastering.

use std::path::{Path, PathBuf};

use super::encode::{self, Chapter, EncodeError, Format, Quality, Stream, Tags};
use super::loudness::{self, GainStage, Loudness, Measurement, Meter, PeakEnvelope, AUDIOBOOK};
use super::{samples_for_ms, Part, PartedWriter, Span};

/// What the manifest records of the loudness normalization.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LoudnessRecord {
    /// `podcast`, `broadcast`, `audiobook`, `custom` (a number) or `none`.
    pub standard: String,
    /// The integrated loudness aimed at, LUFS (not for `audiobook` and `none`).
    pub target_lufs: Option<f64>,
    /// The RMS aimed at, dBFS (`audiobook`).
    pub target_rms_dbfs: Option<f64>,
    /// The true-peak ceiling, dBTP.
    pub ceiling_dbtp: Option<f64>,
    /// The gain applied before the limiter, dB: the master's, or, when only lossy formats
    /// are written (no master is made), the first of them's, like `after`.
    pub gain_db: f64,
    /// The deepest gain reduction the limiter made, dB (0: it never acted).
    pub limiter_db: f64,
    /// Measured on the audio as spoken (after the per-chunk levelling of the engine).
    pub before: Measurement,
    /// Measured on the mastered 16-bit samples of the WAV and FLAC files.
    pub after: Measurement,
    /// How each lossy format was mastered for its codec (empty without lossy formats or
    /// normalization).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub encoded: Vec<CodecRecord>,
}

/// How far from its target the loudness of a file may land before the user is told, LU: the
/// ±0.5 LU the acceptance and EBU R 128's programme tolerance allow.
pub const MISS_LU: f64 = 0.5;

impl LoudnessRecord {
    /// One line per way the article's audio missed its loudness target (a LUFS target only:
    /// `podcast`, `broadcast` or a number), for a warning: audio too short to measure (the
    /// gated integrated loudness of BS.1770-4 needs one 400 ms block), which is left at the
    /// engine's level; the mastered audio (when `lossless`: a WAV or FLAC file was written) or a
    /// lossy file, as decoded, more than [`MISS_LU`] from the target (a loud target the ceiling
    /// does not leave room for, where a codec's peaks cost the most). `name` is the files'
    /// name without extension. Empty when every file is within it.
    pub fn misses(&self, name: &str, lossless: bool) -> Vec<String> {
        let Some(target) = self.target_lufs else {
            return Vec::new();
        };
        if self.before.integrated_lufs.is_none() {
            return vec![format!(
                "{name}: too short to measure its loudness (under 0.4 s of sound), so it is \
                 left at the engine's level instead of {target} LUFS"
            )];
        }
        let ceiling = self
            .ceiling_dbtp
            .map_or(String::new(), |c| format!(" under the {c} dBTP ceiling"));
        let miss = |what: String, level: Option<f64>| {
            let level = level?;
            let off = level - target;
            (off.abs() > MISS_LU).then(|| {
                format!(
                    "{what} measures {level:.1} LUFS, {:.1} LU {} the {target} LUFS target: the \
                     peaks need more room{ceiling} than this loudness leaves; choose a quieter \
                     --loudness (podcast is -16)",
                    off.abs(),
                    if off < 0.0 { "under" } else { "over" },
                )
            })
        };
        let mut out = Vec::new();
        if lossless {
            out.extend(miss(
                format!("{name} (mastered)"),
                self.after.integrated_lufs,
            ));
        }
        for e in &self.encoded {
            out.extend(miss(
                format!("{name}.{} (decoded)", e.format.extension()),
                e.decoded.integrated_lufs,
            ));
        }
        out
    }
}

/// How a lossy format's own gain and ceiling were set: from a probe encoded and decoded, or
/// from the codec's steady figures ([`encode::Steady`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodecRecord {
    /// The format.
    pub format: Format,
    /// The gain applied before its limiter, dB.
    pub gain_db: f64,
    /// Its limiter's true-peak ceiling, dBTP (the standard's, less the codec's overshoot).
    pub ceiling_dbtp: f64,
    /// The level the codec took away on the probe, or its steady figure, LU (audiobook: dB
    /// of RMS).
    pub codec_loss_db: f64,
    /// How far the decoded true peak passed the encoded one on the probe, or its steady
    /// figure, dB.
    pub codec_overshoot_db: f64,
    /// Whether the two figures above were measured on a probe of this article; false: they
    /// are the codec's steady figures ([`encode::Steady`]).
    #[serde(default)]
    pub probed: bool,
    /// A gain after its limiter, dB (0, or negative when the codec's overshoot did not fall
    /// with the ceiling: see [`CODEC_FIXES`]). Opus carries it as its header's output gain
    /// when the file already holds the attempt being trimmed.
    pub trim_db: f64,
    /// The written file decoded as a player would (LAME's decoder for MP3, libopus at 48 kHz
    /// for Opus, ffmpeg for AAC) and measured.
    pub decoded: Measurement,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Mastered {
    /// Every format's files (names in the folder), in the order asked for.
    pub files: Vec<(Format, Vec<String>)>,
    /// The WAV parts, in the article's timeline (also when WAV was not asked for: they give
    /// the part boundaries).
    pub parts: Vec<Part>,
    /// Samples in the article.
    pub samples: usize,
    /// The loudness record.
    pub loudness: LoudnessRecord,
}

/// Everything about the files but the audio: formats, tags, chapters, bit rates.
#[derive(Debug, Clone)]
pub struct Publish {
    /// The formats, in order (at least one).
    pub formats: Vec<Format>,
    /// Tags for the encoded files.
    pub tags: Tags,
    /// Chapters, tiling the audio.
    pub chapters: Vec<Chapter>,
    /// Bit rates.
    pub quality: Quality,
}

/// A mastering failure: writing the raw audio or an encoded file.
#[derive(Debug, thiserror::Error)]
pub enum MasterError {
    /// The raw WAV of pass 1.
    #[error("{}: {reason}", path.display())]
    Raw {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// An encoder.
    #[error(transparent)]
    Encode(#[from] EncodeError),
}

impl MasterError {
    /// [`MasterError::Raw`] for `path`, saying what went wrong.
    fn raw(path: &Path, reason: impl std::fmt::Display) -> MasterError {
        MasterError::Raw {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }
}

/// Pass 1: the raw stream, its meter, and the sample.
pub struct Master {
    dir: PathBuf,
    name: String,
    sample_rate: u32,
    loudness: Loudness,
    writer: PartedWriter,
    meter: Meter,
    sample: Reservoir,
}

/// The hidden name of the raw audio of pass 1.
fn raw_name(name: &str) -> String {
    format!(".{name}.raw")
}

/// Chunks in the article's sample (about 5 minutes of speech, read from the raw file: 13 MB
/// at 22,050 Hz; a chunk is at most `--max-chunk-chars` long, so this is bounded).
pub const SAMPLE_CHUNKS: usize = 48;
/// Seconds of the sample encoded and decoded to measure a lossy codec (at least one chunk).
pub const PROBE_SECONDS: usize = 60;
/// Gain searches over the sample at most.
const MAX_RUNS: usize = 8;
/// How close to its aim the sample must land to stop, LU (or dB of RMS).
const CLOSE_ENOUGH: f64 = 0.02;
/// The limiter's ceiling sits this far under the standard's, dB: room for the 16-bit rounding
/// and for a meter oversampling differently than the limiter's detector.
const CEILING_MARGIN_DB: f64 = 0.2;
/// A lossy format's decoded peaks are aimed this much further under the ceiling, dB: the
/// whole article has more chances than the probe for a large overshoot.
const CODEC_PEAK_ROOM_DB: f64 = 0.2;
/// A decoded lossy file this close to the target level (LU) and under the ceiling by at least
/// [`CODEC_PEAK_CHECK_DB`] is done; else it is mastered and encoded again, corrected by what
/// its decoding measured, at most [`CODEC_FIXES`] times.
const CODEC_CLOSE_ENOUGH: f64 = 0.25;
/// See [`CODEC_CLOSE_ENOUGH`], dB.
const CODEC_PEAK_CHECK_DB: f64 = 0.1;
/// A lossy file whose decoded peak passes, but which trimmed under the ceiling would still be
/// this close to the target level (LU; the standards allow ±0.5), is trimmed at once instead of
/// mastered for a lower ceiling: one more encoding instead of up to three (the neural voice's
/// 600-word MP3 took three, 2.4× the WAV export's time, and ended trimmed anyway).
const CODEC_TRIM_WITHIN: f64 = 0.35;
/// See [`CODEC_CLOSE_ENOUGH`]. When the decoded peak still passes after these, the attempt
/// that passed least is trimmed after its limiter by the excess (and the room) and encoded once
/// more: espeak's 22.05 kHz MP3 of `night-trains-return` overshot more (0.7 → 1.7 dB) each
/// time its ceiling was lowered and its gain raised to keep the level.
const CODEC_FIXES: usize = 2;
/// A lossy format's gain stays within this much above the master's, dB: limiting harder makes
/// some codecs overshoot more (Opus), which would chase the ceiling down without end.
const MAX_EXTRA_GAIN_DB: f64 = 6.0;
/// Samples read from the raw file at once.
const BLOCK: usize = 16_384;
/// Blocks queued between the threads of pass 2.
const QUEUE: usize = 8;
/// Packets queued between a lossy encoder and the decoder measuring its output (Opus: 50 a
/// second).
const PACKET_QUEUE: usize = 256;

/// Where one chunk of the sample lies in the raw audio of pass 1, in samples of the article's
/// timeline: its speech (which never straddles two raw parts) and the pause after it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pick {
    start: usize,
    speech: usize,
    pause: usize,
}

/// A uniform sample of an article's chunks (Vitter's algorithm R with a fixed-seed xorshift:
/// the same article always gives the same sample). It holds only where each chosen chunk
/// lies in the raw audio ([`Pick`]), not its samples: [`Sample`] reads them back from the raw
/// file when the gain is searched, so the sample costs no memory (held in memory it was
/// 13–26 MB of a 100,000-word espeak export's peak, measured with heaptrack; BENCHMARKS.md).
struct Reservoir {
    items: Vec<Pick>,
    seen: u64,
    state: u64,
}

impl Reservoir {
    fn new() -> Reservoir {
        Reservoir {
            items: Vec::with_capacity(SAMPLE_CHUNKS),
            seen: 0,
            state: 0x9e37_79b9_7f4a_7c15,
        }
    }

    fn offer(&mut self, pick: Pick) {
        self.seen += 1;
        if self.items.len() < SAMPLE_CHUNKS {
            self.items.push(pick);
            return;
        }
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        let j = (self.state % self.seen) as usize;
        if j < SAMPLE_CHUNKS {
            self.items[j] = pick;
        }
    }
}

/// The article's sample as one stream: every [`Pick`] in the reservoir's order, its speech
/// read from the raw parts of pass 1 and followed by its pause. It is read again for each run
/// of the gain search, from the page cache in practice (about 13 MB at 22,050 Hz).
struct Sample<'a> {
    picks: Vec<Pick>,
    /// The raw parts (their timeline) and their paths.
    parts: &'a [Part],
    paths: &'a [PathBuf],
    /// Found before the first run of the gain search.
    prepared: std::sync::OnceLock<Prepared>,
}

/// What the gain search knows of the sample before its first run. Besides, each sample's peak
/// ([`PeakEnvelope`], exact everywhere, kept by [`keep_peak`]) is in a file a half (2 bytes
/// a sample; read back with the samples on every run, so the sample still costs no memory).
struct Prepared {
    /// The sample's level as it is: integrated loudness, LUFS, and RMS, dBFS.
    lufs: f64,
    rms_dbfs: f64,
}

impl Sample<'_> {
    /// Samples in the stream.
    fn len(&self) -> usize {
        self.picks.iter().map(|p| p.speech + p.pause).sum()
    }

    /// Calls `each` with the stream in blocks of [`BLOCK`] samples (the last one shorter),
    /// stopping after `limit` samples.
    fn each_block(&self, limit: usize, each: &mut dyn FnMut(&[i16])) -> Result<(), MasterError> {
        self.each_block_of(0..self.picks.len(), limit, each)
    }

    /// Where the sample's picks split into two runs of about equal length: the first pick of
    /// the second, and the samples before it.
    fn middle(&self) -> (usize, usize) {
        let half = self.len() / 2;
        let mut at = 0;
        for (i, p) in self.picks.iter().enumerate() {
            if at >= half {
                return (i, at);
            }
            at += p.speech + p.pause;
        }
        (self.picks.len(), at)
    }

    /// [`each_block`](Sample::each_block) over the picks in `range` only.
    fn each_block_of(
        &self,
        range: std::ops::Range<usize>,
        limit: usize,
        each: &mut dyn FnMut(&[i16]),
    ) -> Result<(), MasterError> {
        use std::io::{Read, Seek, SeekFrom};
        let mut opened: Vec<Option<(std::io::BufReader<std::fs::File>, u64)>> =
            (0..self.paths.len()).map(|_| None).collect();
        let mut block: Vec<i16> = Vec::with_capacity(BLOCK);
        let mut bytes = vec![0u8; 2 * BLOCK];
        let mut left = limit;
        let emit = |block: &mut Vec<i16>, each: &mut dyn FnMut(&[i16])| {
            if block.len() == BLOCK {
                each(block);
                block.clear();
            }
        };
        for pick in &self.picks[range] {
            if left == 0 {
                break;
            }
            let mut speech = pick.speech.min(left);
            left -= speech;
            if speech > 0 {
                let n = self
                    .parts
                    .iter()
                    .position(|p| p.start <= pick.start && pick.start + pick.speech <= p.end)
                    .ok_or_else(|| {
                        MasterError::raw(
                            self.paths.first().map_or(Path::new(""), |p| p.as_path()),
                            format!(
                                "the sample's chunk at sample {} is in no raw part",
                                pick.start
                            ),
                        )
                    })?;
                let path = &self.paths[n];
                let raw_error = |e: &dyn std::fmt::Display| MasterError::raw(path, e);
                if opened[n].is_none() {
                    let reader = hound::WavReader::open(path).map_err(|e| raw_error(&e))?;
                    let mut data = reader.into_inner();
                    let offset = data.stream_position().map_err(|e| raw_error(&e))?;
                    opened[n] = Some((data, offset));
                }
                let (data, offset) = opened[n].as_mut().expect("opened above");
                let at = *offset + 2 * (pick.start - self.parts[n].start) as u64;
                data.seek(SeekFrom::Start(at)).map_err(|e| raw_error(&e))?;
                while speech > 0 {
                    let take = speech.min(BLOCK - block.len());
                    data.read_exact(&mut bytes[..2 * take])
                        .map_err(|e| raw_error(&e))?;
                    block.extend(
                        bytes[..2 * take]
                            .chunks_exact(2)
                            .map(|b| i16::from_le_bytes([b[0], b[1]])),
                    );
                    speech -= take;
                    emit(&mut block, each);
                }
            }
            let mut pause = pick.pause.min(left);
            left -= pause;
            while pause > 0 {
                let take = pause.min(BLOCK - block.len());
                block.resize(block.len() + take, 0);
                pause -= take;
                emit(&mut block, each);
            }
        }
        if !block.is_empty() {
            each(&block);
        }
        Ok(())
    }

    /// The files of the peaks of the sample's two halves, beside the raw file.
    fn peak_paths(&self) -> [PathBuf; 2] {
        let raw = self.paths.first().cloned().unwrap_or_default();
        [1, 2].map(|half| raw.with_extension(format!("peaks{half}")))
    }

    /// The sample's two halves: each one's range of picks and its first sample's place in
    /// the stream. A half starts at a chunk, after the previous one's pause (at least the
    /// interpolator's reach of silence), so its peaks are those of the whole stream there.
    fn halves(&self) -> [(std::ops::Range<usize>, usize); 2] {
        let (middle, before) = self.middle();
        [(0..middle, 0), (middle..self.picks.len(), before)]
    }

    /// The sample's peaks (written to [`peak_paths`](Sample::peak_paths)) and level as it
    /// is, found on the first call, each half on a thread.
    fn prepared(&self, sample_rate: u32) -> Result<&Prepared, MasterError> {
        if let Some(prepared) = self.prepared.get() {
            return Ok(prepared);
        }
        let meters = self.on_halves(|range, path| {
            use std::io::Write;
            let peak_error = |e: std::io::Error| MasterError::raw(path, e);
            let file = std::fs::File::create(path).map_err(peak_error)?;
            let mut out = std::io::BufWriter::new(file);
            let mut envelope = PeakEnvelope::new(sample_rate, 0.0);
            let mut meter = Meter::new(sample_rate, false);
            let (mut xs, mut peaks) = (Vec::new(), Vec::new());
            let mut input = Vec::new();
            let mut bytes = Vec::new();
            let mut write = |peaks: &mut Vec<f32>, xs: &mut Vec<f32>| {
                bytes.clear();
                for p in peaks.drain(..) {
                    bytes.extend_from_slice(&keep_peak(p).to_le_bytes());
                }
                xs.clear();
                out.write_all(&bytes)
            };
            let mut written = Ok(());
            self.each_block_of(range, usize::MAX, &mut |block| {
                meter.add(block);
                to_full_scale(block, &mut input);
                envelope.push(&input, &mut xs, &mut peaks);
                if written.is_ok() {
                    written = write(&mut peaks, &mut xs);
                }
            })?;
            envelope.finish(&mut xs, &mut peaks);
            written
                .and_then(|()| write(&mut peaks, &mut xs))
                .and_then(|()| out.flush())
                .map_err(peak_error)?;
            Ok(meter)
        })?;
        let prepared = Prepared {
            lufs: Meter::integrated_of(&meters),
            rms_dbfs: Meter::rms_dbfs_of(&meters),
        };
        Ok(self.prepared.get_or_init(|| prepared))
    }

    /// Runs `f` on each half of the sample (its range of picks and the file of its peaks,
    /// see [`halves`](Sample::halves) and [`peak_paths`](Sample::peak_paths)), on a thread
    /// each; the results in order, or the first error.
    fn on_halves<T: Send>(
        &self,
        f: impl Fn(std::ops::Range<usize>, &Path) -> Result<T, MasterError> + Sync,
    ) -> Result<Vec<T>, MasterError> {
        let paths = self.peak_paths();
        let f = &f;
        let results: Vec<Result<T, MasterError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .halves()
                .into_iter()
                .zip(&paths)
                .map(|((range, _), path)| scope.spawn(move || f(range, path)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a sample thread does not panic"))
                .collect()
        });
        results.into_iter().collect()
    }

    /// Removes the files of the sample's peaks, whole or not, if any were written.
    fn remove_peaks(&self) {
        for path in self.peak_paths() {
            let _ = std::fs::remove_file(path);
        }
    }

    /// The sample's level as it is, by `loudness`'s measure.
    fn level(&self, sample_rate: u32, loudness: Loudness) -> Result<Option<f64>, MasterError> {
        let p = self.prepared(sample_rate)?;
        Ok(finite_level(loudness, p.lufs, p.rms_dbfs))
    }

    /// The first `n` samples of the stream, in memory.
    fn prefix(&self, n: usize) -> Result<Vec<i16>, MasterError> {
        let mut out = Vec::with_capacity(n.min(self.len()));
        self.each_block(n, &mut |b| out.extend_from_slice(b))?;
        Ok(out)
    }
}

impl Master {
    /// Starts the raw stream in `dir` (the staging folder) for an article whose files are
    /// named `name`; with the audiobook standard, its head of room tone is written first.
    pub fn create(
        dir: &Path,
        name: &str,
        sample_rate: u32,
        max_part_bytes: u64,
        loudness: Loudness,
    ) -> Result<Master, MasterError> {
        let writer = PartedWriter::create(dir, &raw_name(name), sample_rate, max_part_bytes)
            .map_err(|e| MasterError::raw(&dir.join(format!("{name}.wav")), e))?;
        let mut m = Master {
            dir: dir.to_path_buf(),
            name: name.to_string(),
            sample_rate,
            loudness,
            writer,
            meter: Meter::new(sample_rate, true),
            sample: Reservoir::new(),
        };
        let (head, _) = loudness.room_tone_ms();
        if head > 0 {
            m.push(&[], head, 0, None)?;
        }
        Ok(m)
    }

    fn raw_error(&self, e: impl std::fmt::Display) -> MasterError {
        MasterError::raw(&self.dir.join(format!("{}.wav", self.name)), e)
    }

    /// Appends a chunk's speech and the pause after it (see [`PartedWriter::push`]); returns
    /// where the speech lies in the article.
    pub fn push(
        &mut self,
        speech: &[i16],
        pause_ms: u32,
        chars: usize,
        paragraph_start: Option<usize>,
    ) -> Result<Span, MasterError> {
        let span = self
            .writer
            .push(speech, pause_ms, chars, paragraph_start)
            .map_err(|e| self.raw_error(e))?;
        let pause = samples_for_ms(pause_ms, self.sample_rate);
        if self.loudness != Loudness::Off {
            self.sample.offer(Pick {
                start: span.start,
                speech: speech.len(),
                pause,
            });
        }
        self.meter.add(speech);
        self.meter.add_silence(pause);
        Ok(span)
    }

    /// Samples so far.
    pub fn len(&self) -> usize {
        self.writer.len()
    }

    /// True before anything was pushed.
    pub fn is_empty(&self) -> bool {
        self.writer.is_empty()
    }

    /// The audio's length once finished, samples: what is in plus the tail of room tone.
    pub fn final_len(&self) -> usize {
        self.len() + samples_for_ms(self.loudness.room_tone_ms().1, self.sample_rate)
    }

    /// Ends pass 1 (adding the audiobook's tail of room tone), decides each lane's gain and
    /// ceiling from the sample, and runs pass 2 into every format of `publish`. The raw file
    /// is removed in every case.
    pub fn finish(mut self, publish: &Publish) -> Result<Mastered, MasterError> {
        let (_, tail) = self.loudness.room_tone_ms();
        if tail > 0 {
            self.push(&[], tail, 0, None)?;
        }
        let samples = self.writer.len();
        let before = self.meter.measurement();
        let wav = self.dir.join(format!("{}.wav", self.name));
        let raw_parts = self
            .writer
            .finalize()
            .map_err(|e| MasterError::raw(&wav, e))?;
        let raw_paths: Vec<PathBuf> = raw_parts.iter().map(|p| self.dir.join(&p.file)).collect();
        let parts = final_parts(&self.name, &raw_parts);
        let stream = Stream {
            sample_rate: self.sample_rate,
            samples: samples as u64,
            tags: publish.tags.clone(),
            chapters: publish.chapters.clone(),
            quality: publish.quality,
        };
        // The gain searches and the checks of lossy files read the sample from the raw parts.
        let whole = Sample {
            picks: std::mem::take(&mut self.sample.items),
            parts: &raw_parts,
            paths: &raw_paths,
            prepared: std::sync::OnceLock::new(),
        };
        let result = plan(
            &self.dir,
            &self.name,
            &stream,
            self.loudness,
            &publish.formats,
            &whole,
            &before,
        )
        .and_then(|(lanes, gain_db, mut encoded)| {
            let (limiter_db, after, mut files, decoded) = final_pass(
                &self.dir,
                &self.name,
                &stream,
                self.loudness,
                lanes.clone(),
                &raw_paths,
                &parts,
            )?;
            // One thread a lossy format: each decodes and, if need be, re-encodes its own file.
            let checked: Vec<Result<(), MasterError>> = std::thread::scope(|scope| {
                let handles: Vec<_> = lanes
                    .into_iter()
                    .filter(|l| !l.master)
                    .zip(&mut encoded)
                    .map(|(lane, record)| {
                        let decoded = decoded
                            .iter()
                            .find(|(f, _)| *f == record.format)
                            .map(|(_, m)| *m);
                        let (dir, name, stream) = (&self.dir, &self.name, &stream);
                        let (whole, raw_paths, parts) = (&whole, &raw_paths, &parts);
                        let loudness = self.loudness;
                        scope.spawn(move || {
                            check_lossy(
                                dir, name, stream, loudness, lane, gain_db, record, decoded, whole,
                                raw_paths, parts,
                            )
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a check thread does not panic"))
                    .collect()
            });
            checked.into_iter().collect::<Result<(), _>>()?;
            // In the order the formats were asked for (the lanes run the master's first): the
            // manifest's `audio` is the first of them.
            files.sort_by_key(|(f, _): &(Format, Vec<String>)| {
                publish.formats.iter().position(|g| g == f)
            });
            // No master was made (lossy formats only): what the listener gets is the first
            // lossy file, as decoded and checked.
            // Its gain, as checked, is then the record's too.
            let (gain_db, after) = match (after, encoded.first()) {
                (Some(after), _) => (gain_db, after),
                (None, Some(first)) => (first.gain_db, first.decoded),
                (None, None) => (gain_db, before),
            };
            Ok(Mastered {
                files,
                parts: parts.clone(),
                samples,
                loudness: record(self.loudness, gain_db, limiter_db, before, after, encoded),
            })
        });
        whole.remove_peaks();
        for p in &raw_paths {
            let _ = std::fs::remove_file(p);
        }
        result
    }
}

/// Decodes a lossy format's file as a player would and measures it; while its true peak
/// passes the ceiling (less [`CODEC_PEAK_CHECK_DB`]) or its level misses the target by more
/// than [`CODEC_CLOSE_ENOUGH`], lowers its ceiling by the excess, moves its aim by the miss,
/// finds its gain again on the sample, and masters and encodes it again (at most
/// [`CODEC_FIXES`] times). A peak that trimming alone would bring under the ceiling within
/// [`CODEC_TRIM_WITHIN`] of the level, or that a lower ceiling did not lower, or that is still
/// over after the fixes, ends it: the attempt nearest the target is trimmed after its limiter
/// and encoded once more (an Opus file that holds that attempt is trimmed by its header's
/// output gain instead, which costs no encoding). The record gets the last measurement, of
/// the file as written.
///
/// `decoded`: the file's measurement taken while it was encoded, if its encoder handed over
/// its packets; the file is decoded only when it is not given. A header trim moves the
/// measurement by the gain it sets (it scales the decoded stream exactly) instead of
/// decoding the file again.
#[allow(clippy::too_many_arguments)]
fn check_lossy(
    dir: &Path,
    name: &str,
    stream: &Stream,
    loudness: Loudness,
    mut lane: Lane,
    master_gain_db: f64,
    record: &mut CodecRecord,
    mut decoded: Option<Measurement>,
    sample: &Sample,
    raw_paths: &[PathBuf],
    parts: &[Part],
) -> Result<(), MasterError> {
    let (Some(target), Some(ceiling)) = (target_of(loudness), loudness.ceiling_dbtp()) else {
        return Ok(());
    };
    let format = record.format;
    let path = dir.join(format!("{name}.{}", format.extension()));
    // The attempt that, trimmed under the ceiling if it passed it, would land nearest the
    // target: (how far from it, LU; its excess over the ceiling, dB; its lane).
    let mut best: Option<(f64, f64, Lane)> = None;
    let mut last_excess: Option<f64> = None;
    // The attempt the file holds now.
    let mut on_disk = lane.clone();
    // The attempt just encoded was the last one (the best, trimmed or not).
    let mut settled = false;
    for fix in 0..=CODEC_FIXES + 1 {
        let m = match decoded.take() {
            Some(m) => m,
            None => {
                let mut meter = Meter::new(encode::decoded_rate(format, stream), true);
                encode::decode(format, &path, stream, &mut |s| meter.add(s))?;
                meter.measurement()
            }
        };
        record.decoded = m;
        record.gain_db = round2(lane.gain_db);
        record.ceiling_dbtp = round2(lane.ceiling.unwrap_or(ceiling));
        record.trim_db = round2(lane.trim_db);
        let (Some(level), Some(peak)) = (level_of(loudness, &m), m.true_peak_dbtp) else {
            return Ok(());
        };
        let excess = peak - (ceiling - CODEC_PEAK_CHECK_DB);
        let miss = target - level;
        let same_audio = lane.gain_db == on_disk.gain_db && lane.ceiling == on_disk.ceiling;
        if format == Format::Opus
            && same_audio
            && on_disk.trim_db == 0.0
            && !settled
            && fix <= CODEC_FIXES
            && excess <= 0.0
            && miss.abs() > CLOSE_ENOUGH
            && miss <= -excess
        {
            // Only the level missed, and the peaks have room for the step: the header's output
            // gain moves both alike, so the file is trimmed to the target (closer than
            // CODEC_CLOSE_ENOUGH: it costs no encoding) instead of encoded again.
            lane.trim_db = miss;
            decoded = trim_opus_header(&path, miss, &m)?;
            settled = true;
            continue;
        }
        if (excess <= 0.0 && miss.abs() <= CODEC_CLOSE_ENOUGH) || settled || fix > CODEC_FIXES {
            return Ok(());
        }
        let trimmed_miss = if excess > 0.0 {
            miss + excess + CODEC_PEAK_ROOM_DB
        } else {
            miss
        };
        if best
            .as_ref()
            .is_none_or(|(m, _, _)| trimmed_miss.abs() < m.abs())
        {
            best = Some((trimmed_miss, excess, lane.clone()));
        }
        // The ceiling's last move did not bring the codec's overshoot down (it grows with the
        // limiting the raised gain then needs).
        let ceiling_failed = last_excess.is_some_and(|e| excess > e - CODEC_PEAK_CHECK_DB);
        last_excess = Some(excess);
        let trim_is_enough = excess > 0.0 && trimmed_miss.abs() <= CODEC_TRIM_WITHIN;
        if fix == CODEC_FIXES || ceiling_failed || trim_is_enough {
            // Take the best attempt and, if it passed, scale it after its limiter, which
            // scales the codec's peaks with it at the cost of as much level. The peak is a
            // rule; the level has a tolerance.
            let Some((_, excess, best)) = best.take() else {
                return Ok(());
            };
            if excess <= 0.0 && best.gain_db == lane.gain_db && best.ceiling == lane.ceiling {
                return Ok(());
            }
            lane = best;
            if excess > 0.0 {
                lane.trim_db = -(excess + CODEC_PEAK_ROOM_DB);
            }
            settled = true;
        } else {
            // The decoded peak is aimed at the ceiling less the check and the room, from
            // either side: a ceiling lowered too far costs loudness the gain cannot buy back.
            let peak_aim = ceiling - CODEC_PEAK_CHECK_DB - CODEC_PEAK_ROOM_DB;
            lane.ceiling = lane.ceiling.map(|c| (c - (peak - peak_aim)).min(ceiling));
            lane.aim += miss;
            lane.gain_db = search_gain(
                sample,
                stream.sample_rate,
                loudness,
                lane.aim,
                lane.gain_db + miss,
                lane.ceiling,
            )?
            .min(master_gain_db + MAX_EXTRA_GAIN_DB);
        }
        let same_audio = lane.gain_db == on_disk.gain_db && lane.ceiling == on_disk.ceiling;
        if settled && format == Format::Opus && same_audio && on_disk.trim_db == 0.0 {
            // The file already holds this attempt: its header's output gain trims it.
            decoded = trim_opus_header(&path, lane.trim_db, &m)?;
        } else {
            let (_, _, _, made) = final_pass(
                dir,
                name,
                stream,
                loudness,
                vec![lane.clone()],
                raw_paths,
                parts,
            )?;
            decoded = made.into_iter().find(|(f, _)| *f == format).map(|(_, m)| m);
            on_disk = lane.clone();
        }
    }
    Ok(())
}

/// Sets the output gain of the Opus file at `path` to `trim_db` and returns what it now
/// decodes to, from `m` (its decoding before) shifted by the gain set; `None` when that
/// decoding reached full scale, which hid its peak (libopus's 16-bit decoder applies the gain
/// before it clips), so the file must be decoded again.
fn trim_opus_header(
    path: &Path,
    trim_db: f64,
    m: &Measurement,
) -> Result<Option<Measurement>, MasterError> {
    let set = encode::opus::set_output_gain(path, trim_db)?;
    let clipped = m.sample_peak_dbfs.is_some_and(|p| p >= -0.01);
    Ok((!clipped).then(|| m.shifted(set)))
}

/// The manifest's loudness record.
fn record(
    loudness: Loudness,
    gain_db: f64,
    limiter_db: f64,
    before: Measurement,
    after: Measurement,
    encoded: Vec<CodecRecord>,
) -> LoudnessRecord {
    LoudnessRecord {
        standard: loudness.name().to_string(),
        target_lufs: match loudness {
            Loudness::Integrated { lufs, .. } => Some(lufs),
            _ => None,
        },
        target_rms_dbfs: (loudness == Loudness::Audiobook).then_some(AUDIOBOOK.target_rms_dbfs),
        ceiling_dbtp: loudness.ceiling_dbtp(),
        gain_db: round2(gain_db),
        limiter_db: round2(limiter_db),
        before,
        after,
        encoded,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The final WAV parts: the raw parts' boundaries under the article's names.
fn final_parts(name: &str, raw: &[Part]) -> Vec<Part> {
    raw.iter()
        .enumerate()
        .map(|(i, p)| Part {
            file: if raw.len() == 1 {
                format!("{name}.wav")
            } else {
                format!("{name}-part{:02}.wav", i + 1)
            },
            start: p.start,
            end: p.end,
        })
        .collect()
}

/// Gain and limiter, as applied to a stream whose peaks a [`PeakEnvelope`] found (one
/// envelope serves every chain over the same audio: see [`Enveloper`]).
struct Chain {
    gain: f32,
    /// The limiter's gain stage, with a ceiling.
    stage: Option<GainStage>,
    /// The limiter's ceiling (linear, the margin taken), if any.
    ceiling: Option<f32>,
    /// Gain after the limiter (1 but for a trimmed lossy lane).
    trim: f32,
    out: Vec<f32>,
}

impl Chain {
    fn new(sample_rate: u32, gain_db: f64, ceiling_dbtp: Option<f64>) -> Chain {
        let gain = loudness::linear(gain_db) as f32;
        let ceiling = ceiling_dbtp.map(|c| loudness::linear(c - CEILING_MARGIN_DB) as f32);
        Chain {
            gain,
            stage: ceiling.map(|c| GainStage::new(sample_rate, c, gain)),
            ceiling,
            trim: 1.0,
            out: Vec::new(),
        }
    }

    /// The input level (linear) above which a sample's peak decides the gain (the ceiling
    /// over the gain); `None` without a limiter.
    fn threshold(&self) -> Option<f32> {
        self.ceiling.map(|c| c / self.gain)
    }

    /// [`threshold`](Chain::threshold) of the chain `new` would make, without making it.
    fn threshold_of(gain_db: f64, ceiling_dbtp: Option<f64>) -> Option<f32> {
        let gain = loudness::linear(gain_db) as f32;
        ceiling_dbtp.map(|c| loudness::linear(c - CEILING_MARGIN_DB) as f32 / gain)
    }

    /// Processes samples (full scale ±1.0) and their peaks; the ready output is in
    /// `self.out` (cleared first).
    fn push(&mut self, xs: &[f32], peaks: &[f32]) {
        self.out.clear();
        match self.stage.as_mut() {
            Some(stage) => stage.push(xs, peaks, &mut self.out),
            None => {
                let gain = self.gain;
                self.out.extend(xs.iter().map(|&x| x * gain));
            }
        }
        self.trimmed();
    }

    fn trimmed(&mut self) {
        if self.trim != 1.0 {
            let trim = self.trim;
            self.out.iter_mut().for_each(|x| *x *= trim);
        }
    }

    /// Flushes the limiter; the rest is in `self.out`. Returns the deepest reduction, dB.
    fn finish(&mut self) -> f64 {
        self.out.clear();
        match self.stage.take() {
            Some(stage) => {
                let deepest = stage.finish(&mut self.out);
                self.trimmed();
                -loudness::db(f64::from(deepest))
            }
            None => 0.0,
        }
    }
}

/// Samples and their peaks, in line: what a [`Chain`] reads.
#[derive(Default)]
struct Enveloped {
    xs: Vec<f32>,
    peaks: Vec<f32>,
}

/// 16-bit blocks into [`Enveloped`] blocks for every chain whose threshold is at least the
/// one given: the interpolation, the limiter's costliest part, done once for all of them.
struct Enveloper {
    envelope: Option<PeakEnvelope>,
}

impl Enveloper {
    /// `threshold`: the lowest of the chains' [`Chain::threshold`]s (`None`: no chain limits,
    /// so no peaks are found).
    fn new(sample_rate: u32, threshold: Option<f32>) -> Enveloper {
        Enveloper {
            envelope: threshold.map(|t| PeakEnvelope::new(sample_rate, t)),
        }
    }

    fn push(&mut self, block: &[i16]) -> Enveloped {
        let mut input = Vec::with_capacity(block.len());
        to_full_scale(block, &mut input);
        match self.envelope.as_mut() {
            Some(envelope) => {
                let mut out = Enveloped::default();
                envelope.push(&input, &mut out.xs, &mut out.peaks);
                out
            }
            None => Enveloped {
                peaks: vec![0.0; input.len()],
                xs: input,
            },
        }
    }

    /// The samples still held back.
    fn finish(self) -> Enveloped {
        let mut out = Enveloped::default();
        if let Some(envelope) = self.envelope {
            envelope.finish(&mut out.xs, &mut out.peaks);
        }
        out
    }
}

/// Replaces `out` with the 16-bit samples of `block` as full-scale floats (±1.0).
fn to_full_scale(block: &[i16], out: &mut Vec<f32>) {
    out.clear();
    out.extend(block.iter().map(|&s| f32::from(s) / 32768.0));
}

/// Rounds full-scale floats to 16-bit samples (the limiter keeps them under full scale;
/// without normalization the gain is 1 and they are the input exactly).
fn quantize(x: &[f32], out: &mut Vec<i16>) {
    out.clear();
    out.extend(
        x.iter()
            .map(|&v| (v * 32768.0).round().clamp(-32768.0, 32767.0) as i16),
    );
}

/// Calls `each` with the raw audio block by block. The raw parts are aloud's own 16-bit mono
/// WAVs, so after hound has read the header the data is read in blocks of bytes (per-sample
/// reads were a tenth of an espeak export's time).
fn read_raw(
    paths: &[PathBuf],
    each: &mut dyn FnMut(&[i16]) -> Result<(), MasterError>,
) -> Result<(), MasterError> {
    use std::io::Read;
    let mut block = Vec::with_capacity(BLOCK);
    let mut bytes = vec![0u8; 2 * BLOCK];
    for path in paths {
        let raw_error = |e: &dyn std::fmt::Display| MasterError::raw(path, e);
        let reader = hound::WavReader::open(path).map_err(|e| raw_error(&e))?;
        let mut left = 2 * reader.len() as usize;
        let mut data = reader.into_inner();
        while left > 0 {
            let want = (2 * (BLOCK - block.len())).min(left);
            data.read_exact(&mut bytes[..want])
                .map_err(|e| raw_error(&e))?;
            left -= want;
            block.extend(
                bytes[..want]
                    .chunks_exact(2)
                    .map(|b| i16::from_le_bytes([b[0], b[1]])),
            );
            if block.len() == BLOCK {
                each(&block)?;
                block.clear();
            }
        }
    }
    if !block.is_empty() {
        each(&block)?;
    }
    Ok(())
}

/// A peak (linear, full scale 1.0) kept in 16 bits: rounded up, in steps of 2⁻¹⁴ (−84 dB),
/// so a kept peak is never under the true one (and at most 4.0, far over any ceiling).
fn keep_peak(peak: f32) -> u16 {
    (peak * PEAK_STEPS).ceil().min(f32::from(u16::MAX)) as u16
}

fn unpeak(kept: u16) -> f32 {
    f32::from(kept) / PEAK_STEPS
}

/// Steps of a kept peak per full scale.
const PEAK_STEPS: f32 = 16_384.0;

/// Gain and limiter over samples in memory: the 16-bit output, as long as the input.
fn process(samples: &[i16], sample_rate: u32, gain_db: f64, ceiling: Option<f64>) -> Vec<i16> {
    let mut chain = Chain::new(sample_rate, gain_db, ceiling);
    let mut enveloper = Enveloper::new(sample_rate, chain.threshold());
    let mut out = Vec::with_capacity(samples.len());
    let mut q = Vec::new();
    let mut run = |chain: &mut Chain, e: &Enveloped| {
        chain.push(&e.xs, &e.peaks);
        quantize(&chain.out, &mut q);
        out.extend_from_slice(&q);
    };
    for block in samples.chunks(BLOCK) {
        run(&mut chain, &enveloper.push(block));
    }
    run(&mut chain, &enveloper.finish());
    chain.finish();
    quantize(&chain.out, &mut q);
    out.extend_from_slice(&q);
    out
}

fn measure(samples: &[i16], sample_rate: u32) -> Measurement {
    let mut meter = Meter::new(sample_rate, true);
    meter.add(samples);
    meter.measurement()
}

/// The level a standard sets (LUFS or audiobook RMS) from a measurement.
fn level_of(loudness: Loudness, m: &Measurement) -> Option<f64> {
    match loudness {
        Loudness::Integrated { .. } => m.integrated_lufs,
        Loudness::Audiobook => m.rms_dbfs,
        Loudness::Off => None,
    }
}

fn target_of(loudness: Loudness) -> Option<f64> {
    match loudness {
        Loudness::Integrated { lufs, .. } => Some(lufs),
        Loudness::Audiobook => Some(AUDIOBOOK.target_rms_dbfs),
        Loudness::Off => None,
    }
}

/// The level (by `loudness`'s measure) of the sample through gain and a limiter at
/// `ceiling`: its two halves on a thread each (each limiter starts at rest at a chunk's start,
/// after the previous chunk's pause, where the whole stream's limiter has released too), their
/// meters read as one programme.
fn sample_level(
    sample: &Sample,
    sample_rate: u32,
    loudness: Loudness,
    gain_db: f64,
    ceiling: Option<f64>,
) -> Result<Option<f64>, MasterError> {
    sample.prepared(sample_rate)?;
    let meters = sample.on_halves(|range, path| {
        use std::io::Read;
        let peak_error = |e: std::io::Error| MasterError::raw(path, e);
        let file = std::fs::File::open(path).map_err(peak_error)?;
        let mut peaks = std::io::BufReader::new(file);
        let mut meter = Meter::new(sample_rate, false);
        let mut chain = Chain::new(sample_rate, gain_db, ceiling);
        let mut q = Vec::new();
        let mut bytes = Vec::new();
        let mut e = Enveloped::default();
        let mut read = Ok(());
        sample.each_block_of(range, usize::MAX, &mut |block| {
            bytes.resize(2 * block.len(), 0);
            if read.is_ok() {
                read = peaks.read_exact(&mut bytes);
            }
            to_full_scale(block, &mut e.xs);
            e.peaks.clear();
            e.peaks.extend(
                bytes
                    .chunks_exact(2)
                    .map(|b| unpeak(u16::from_le_bytes([b[0], b[1]]))),
            );
            chain.push(&e.xs, &e.peaks);
            quantize(&chain.out, &mut q);
            meter.add(&q);
        })?;
        read.map_err(peak_error)?;
        chain.finish();
        quantize(&chain.out, &mut q);
        meter.add(&q);
        Ok(meter)
    })?;
    Ok(finite_level(
        loudness,
        Meter::integrated_of(&meters),
        Meter::rms_dbfs_of(&meters),
    ))
}

/// The level by `loudness`'s measure: integrated loudness `lufs` for a loudness target, the
/// RMS level `rms_dbfs` for the audiobook rules; `None` without normalization or for silence.
fn finite_level(loudness: Loudness, lufs: f64, rms_dbfs: f64) -> Option<f64> {
    let level = match loudness {
        Loudness::Integrated { .. } => lufs,
        Loudness::Audiobook => rms_dbfs,
        Loudness::Off => return None,
    };
    level.is_finite().then_some(level)
}

/// Least rise of the level per dB of added gain worth limiting for: below it the limiter
/// flattens the speech more than it makes it louder, and the search stops short of the aim
/// (reported as a miss, [`MISS_LU`]). A tester's espeak export at −8 LUFS had been pushed
/// through 100 dB of gain to reach −10.9 LUFS, breaths and fades at speech level; with this
/// floor it stops near 20 dB of limiting (the harbour sample article read by espeak: −14
/// LUFS reached with 15 dB as before, −8 stops at −13 LUFS with 20 dB, a warning says so).
const MIN_SLOPE: f64 = 0.2;

/// Most gain one correction of the search adds, dB: a miss divided by a small slope must not
/// leap past where the slope is measured again.
const MAX_STEP_DB: f64 = 6.0;

/// The gain at which `samples`, through gain and a limiter at `ceiling`, land at `aim`
/// (within [`CLOSE_ENOUGH`], at most [`MAX_RUNS`] runs), starting from `gain_db`. The level
/// rises more slowly than the gain once the limiter acts: the first correction adds the miss,
/// later ones follow the slope of the last two runs (secant), each at most [`MAX_STEP_DB`];
/// when more gain no longer makes it louder (a slope under [`MIN_SLOPE`]) the search stops
/// at the quieter of the last two gains.
fn search_gain(
    sample: &Sample,
    sample_rate: u32,
    loudness: Loudness,
    aim: f64,
    mut gain_db: f64,
    ceiling: Option<f64>,
) -> Result<f64, MasterError> {
    let mut last: Option<(f64, f64)> = None;
    for _ in 0..MAX_RUNS {
        let Some(level) = sample_level(sample, sample_rate, loudness, gain_db, ceiling)? else {
            break;
        };
        let miss = aim - level;
        if miss.abs() <= CLOSE_ENOUGH {
            break;
        }
        let measured = last
            .map(|(g, l)| (level - l) / (gain_db - g))
            .filter(|s| s.is_finite());
        if let (Some(s), Some((g, _))) = (measured, last) {
            if s < MIN_SLOPE && miss > 0.0 && gain_db > g {
                return Ok(g);
            }
        }
        let slope = measured.filter(|s| *s > 0.05).unwrap_or(1.0);
        last = Some((gain_db, level));
        gain_db += (miss / slope.min(1.0)).min(MAX_STEP_DB);
    }
    Ok(gain_db)
}

/// One stream of pass 2: a gain and ceiling, and the formats encoded from it.
#[derive(Clone)]
struct Lane {
    /// For a lossy format's lane: where the sample must land, before its codec.
    aim: f64,
    gain_db: f64,
    ceiling: Option<f64>,
    /// Gain after the limiter, dB.
    trim_db: f64,
    formats: Vec<Format>,
    /// The master lane: measured for the manifest.
    master: bool,
    /// A lossy format's lane, whose files [`check_lossy`] checks.
    checked: bool,
}

/// Decides pass 2: the master's gain (returned) and a lane per lossy format with the gain
/// and ceiling its codec needs, from the sample.
///
/// When only lossy formats are written and none needs a probe (made at the master's gain),
/// no master is made, so its gain is not searched for: each lossy lane searches from the
/// gain without limiting instead of from the master's, and the first lane's gain is returned
/// in its place (the reference of [`MAX_EXTRA_GAIN_DB`] and the manifest's `gain_db`, which
/// then belong to the file the listener gets, like `after`). The master's search was 4 of the
/// 7 runs over the sample of an M4B export of a 331 s article (65 ms each); the lane's own
/// search from the lower start takes 4 instead of 3.
fn plan(
    dir: &Path,
    name: &str,
    stream: &Stream,
    loudness: Loudness,
    formats: &[Format],
    whole: &Sample,
    before: &Measurement,
) -> Result<(Vec<Lane>, f64, Vec<CodecRecord>), MasterError> {
    let rate = stream.sample_rate;
    let ceiling = loudness.ceiling_dbtp();
    let (Some(target), Some(level)) = (target_of(loudness), level_of(loudness, before)) else {
        // No normalization (or nothing audible): every format from the audio as it is.
        let lanes = vec![Lane {
            aim: 0.0,
            gain_db: 0.0,
            ceiling: ceiling.filter(|_| loudness != Loudness::Off),
            trim_db: 0.0,
            formats: formats.to_vec(),
            master: loudness != Loudness::Off,
            checked: false,
        }];
        return Ok((lanes, 0.0, Vec::new()));
    };
    let start = target - level;
    // How much louder the whole article is than the sample, before anything is done.
    let offset = level - whole.level(rate, loudness)?.unwrap_or(level);
    let lossy: Vec<Format> = formats.iter().copied().filter(|f| f.is_lossy()).collect();
    let needs_probe = lossy
        .iter()
        .any(|&f| stream.quality.steady(f, rate).is_none());
    let master_made = lossy.len() < formats.len() || needs_probe;
    let master_gain = if master_made {
        Some(search_gain(
            whole,
            rate,
            loudness,
            target - offset,
            start,
            ceiling,
        )?)
    } else {
        None
    };
    let gain_db = master_gain.unwrap_or(start);
    let mut lanes = vec![Lane {
        aim: 0.0,
        gain_db,
        ceiling,
        trim_db: 0.0,
        formats: formats.iter().copied().filter(|f| !f.is_lossy()).collect(),
        master: true,
        checked: false,
    }];
    let mut encoded = Vec::new();
    if lossy.is_empty() {
        return Ok((lanes, gain_db, encoded));
    }
    let whole_aim = target - offset;
    let ceiling_now = ceiling.unwrap_or(0.0);
    // The probe as the master would be, once for every format that needs one, and its
    // measurement.
    let probe = if needs_probe {
        let samples = whole.prefix(PROBE_SECONDS * rate as usize)?;
        let out = process(&samples, rate, gain_db, ceiling);
        let m = measure(&out, rate);
        Some((out, m))
    } else {
        None
    };
    let probe = &probe;
    // One thread a format: each probe's round trip and gain search are independent.
    let probed: Vec<Result<Option<(CodecRecord, Lane)>, MasterError>> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = lossy
                .iter()
                .map(|&format| {
                    scope.spawn(move || {
                        let (loss, overshoot, decoded_m) =
                            match (stream.quality.steady(format, rate), probe) {
                                // The file's own decoding, after pass 2, fills `decoded`.
                                (Some(s), _) => (s.loss_db, s.overshoot_db, Measurement::SILENT),
                                (None, Some((out, encoded_m))) => {
                                    // One round trip of the probe as the master would be: the
                                    // codec's loss and overshoot.
                                    let Some((decoded, decoded_rate)) =
                                        encode::round_trip(format, dir, name, stream, out)?
                                    else {
                                        return Ok(None);
                                    };
                                    let decoded_m = measure(&decoded, decoded_rate);
                                    let difference = |a: Option<f64>, b: Option<f64>| match (a, b) {
                                        (Some(a), Some(b)) => a - b,
                                        _ => 0.0,
                                    };
                                    let loss = difference(
                                        level_of(loudness, &decoded_m),
                                        level_of(loudness, encoded_m),
                                    );
                                    let overshoot = difference(
                                        decoded_m.true_peak_dbtp,
                                        encoded_m.true_peak_dbtp,
                                    );
                                    (loss, overshoot, decoded_m)
                                }
                                (None, None) => {
                                    unreachable!("a probe is made for every unsteady codec")
                                }
                            };
                        let c = ceiling_now - overshoot.max(0.0) - CODEC_PEAK_ROOM_DB;
                        let aim = whole_aim - loss;
                        // From the master's gain raised by the codec's loss: the level follows the
                        // gain nearly one for one where the limiter acts little.
                        let g = search_gain(whole, rate, loudness, aim, gain_db - loss, Some(c))?;
                        let g = master_gain.map_or(g, |m| g.min(m + MAX_EXTRA_GAIN_DB));
                        let record = CodecRecord {
                            format,
                            gain_db: round2(g),
                            ceiling_dbtp: round2(c),
                            codec_loss_db: round2(loss),
                            codec_overshoot_db: round2(overshoot),
                            probed: stream.quality.steady(format, rate).is_none(),
                            trim_db: 0.0,
                            decoded: decoded_m,
                        };
                        let lane = Lane {
                            aim,
                            gain_db: g,
                            ceiling: Some(c),
                            trim_db: 0.0,
                            formats: vec![format],
                            master: false,
                            checked: true,
                        };
                        Ok(Some((record, lane)))
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a probe thread does not panic"))
                .collect()
        });
    for result in probed {
        if let Some((record, lane)) = result? {
            encoded.push(record);
            lanes.push(lane);
        }
    }
    // Without a master, the first lossy lane stands for it (every lane of a steady codec
    // is made, so there is one).
    let gain_db = match (master_gain, lanes.get(1).map(|l| l.gain_db)) {
        (Some(g), _) => g,
        (None, Some(first)) => {
            lanes[0].gain_db = first;
            first
        }
        (None, None) => gain_db,
    };
    Ok((lanes, gain_db, encoded))
}

/// A block of samples shared by the threads of pass 2.
type Block = std::sync::Arc<Vec<i16>>;

/// What pass 2 made: the master's deepest limiting (dB), its measurement, every format's
/// files in the order asked for, and what a player decodes of each lossy format measured
/// while it was encoded (those whose encoder hands over its packets).
type PassOut = (
    f64,
    Option<Measurement>,
    Vec<(Format, Vec<String>)>,
    Vec<(Format, Measurement)>,
);

/// What a lane's thread made.
struct LaneOut {
    limiter_db: f64,
    after: Option<Measurement>,
    files: Vec<(Format, Result<Vec<String>, EncodeError>)>,
    decoded: Vec<(Format, Result<Measurement, EncodeError>)>,
}

/// Pass 2: reads the raw audio once and streams it through every lane on threads (see the
/// module's doc). Returns the deepest limiting (the master's, else the first lane's), the
/// master's measurement when it ran, every format's files in lane order (the master's formats
/// first; [`Master::finish`] puts them in the order asked for) and the lossy files' decodings.
#[allow(clippy::too_many_arguments)]
fn final_pass(
    dir: &Path,
    name: &str,
    stream: &Stream,
    loudness: Loudness,
    mut lanes: Vec<Lane>,
    raw_paths: &[PathBuf],
    parts: &[Part],
) -> Result<PassOut, MasterError> {
    let order: Vec<Format> = lanes.iter().flat_map(|l| l.formats.clone()).collect();
    // Without normalization the raw parts are the WAV's samples: renamed, not written again.
    let rename_wav = loudness == Loudness::Off && order.contains(&Format::Wav);
    if rename_wav {
        for lane in &mut lanes {
            lane.formats.retain(|f| *f != Format::Wav);
        }
    }
    // The master lane runs for its files, or, when no lossy lane runs either, for the
    // manifest's `after` alone. With lossy formats only, it would limit and measure audio no
    // file holds (an M4B export spent 0.3–0.5 s of CPU on it); `after` is then the first
    // lossy file as decoded (see [`Master::finish`]).
    let lossy_runs = lanes.iter().any(|l| !l.master && !l.formats.is_empty());
    lanes.retain(|l| !l.formats.is_empty() || (l.master && !lossy_runs));
    let mut opened = Vec::new();
    for lane in &lanes {
        let mut encoders = Vec::new();
        for &format in &lane.formats {
            encoders.push((format, encode::open(format, dir, name, stream, parts)?));
        }
        opened.push(encoders);
    }
    let rate = stream.sample_rate;
    // Every file of the article is this path with its format's extension.
    let stem = &dir.join(name);
    let (read, outs) = std::thread::scope(|scope| {
        let mut senders = Vec::new();
        let mut handles = Vec::new();
        for (lane, encoders) in lanes.iter().zip(opened) {
            let (tx, rx) = std::sync::mpsc::sync_channel::<std::sync::Arc<Enveloped>>(QUEUE);
            senders.push(tx);
            handles.push(scope.spawn(move || run_lane(scope, stem, rx, stream, lane, encoders)));
        }
        let read = if senders.is_empty() {
            Ok(())
        } else {
            // The peaks are found once, here, for every lane: exact above the lowest
            // threshold of them.
            let threshold = lanes
                .iter()
                .filter_map(|l| Chain::threshold_of(l.gain_db, l.ceiling))
                .reduce(f32::min);
            let mut enveloper = Enveloper::new(rate, threshold);
            let send = |e: Enveloped| -> Result<(), MasterError> {
                let block = std::sync::Arc::new(e);
                for tx in &senders {
                    tx.send(block.clone()).map_err(|_| {
                        MasterError::raw(&dir.join(format!("{name}.wav")), "an encoder stopped")
                    })?;
                }
                Ok(())
            };
            read_raw(raw_paths, &mut |block| send(enveloper.push(block)))
                .and_then(|()| send(enveloper.finish()))
        };
        drop(senders);
        let outs: Vec<LaneOut> = handles
            .into_iter()
            .map(|h| h.join().expect("a mastering thread does not panic"))
            .collect();
        (read, outs)
    });
    // The master's deepest limiting; without a master, the first lossy lane's.
    let mut limiter_db = outs.first().map_or(0.0, |o| o.limiter_db);
    let mut after = None;
    let mut made = Vec::new();
    let mut decoded = Vec::new();
    for out in outs {
        if let Some(m) = out.after {
            after = Some(m);
            limiter_db = out.limiter_db;
        }
        for (format, files) in out.files {
            made.push((format, files?));
        }
        for (format, m) in out.decoded {
            decoded.push((format, m?));
        }
    }
    read?;
    if rename_wav {
        let final_paths: Vec<PathBuf> = parts.iter().map(|p| dir.join(&p.file)).collect();
        for (raw, fin) in raw_paths.iter().zip(&final_paths) {
            std::fs::rename(raw, fin).map_err(|e| MasterError::raw(fin, e))?;
        }
        made.push((Format::Wav, parts.iter().map(|p| p.file.clone()).collect()));
    }
    let files = order
        .iter()
        .filter_map(|f| made.iter().find(|(g, _)| g == f).cloned())
        .collect();
    Ok((limiter_db, after, files, decoded))
}

/// One lane of pass 2 on its thread: gain and limiter over the blocks from `rx`, the 16-bit
/// result to each encoder's thread (and the meter's, for the master lane).
fn run_lane<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    stem: &Path,
    rx: std::sync::mpsc::Receiver<std::sync::Arc<Enveloped>>,
    stream: &'scope Stream,
    lane: &'scope Lane,
    encoders: Vec<(Format, Box<dyn encode::Encoder>)>,
) -> LaneOut {
    let rate = stream.sample_rate;
    let mut sinks = Vec::new();
    let mut handles = Vec::new();
    let mut decoders = Vec::new();
    for (format, mut encoder) in encoders {
        if lane.checked {
            // A lossy lane's file is checked as a player decodes it: measured here, on a
            // thread beside the encoder's, when the encoder hands over its packets.
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(PACKET_QUEUE);
            if encoder.tap_packets(Box::new(move |p| {
                let _ = tx.send(p.to_vec());
            })) {
                let mut path = stem.as_os_str().to_owned();
                path.push(format!(".{}", format.extension()));
                let path = PathBuf::from(path);
                decoders.push((
                    format,
                    scope.spawn(move || {
                        measure_packets(&path, format, encode::decoded_rate(format, stream), rx)
                    }),
                ));
            }
        }
        let (tx, rx) = std::sync::mpsc::sync_channel::<Block>(QUEUE);
        sinks.push(tx);
        handles.push((
            format,
            scope.spawn(move || -> Result<Vec<String>, EncodeError> {
                for block in rx {
                    encoder.write(&block)?;
                }
                encoder.finish()
            }),
        ));
    }
    let meter = lane.master.then(|| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Block>(QUEUE);
        sinks.push(tx);
        scope.spawn(move || {
            let mut meter = Meter::new(rate, true);
            for block in rx {
                meter.add(&block);
            }
            meter.measurement()
        })
    });
    let mut chain = Chain::new(rate, lane.gain_db, lane.ceiling);
    chain.trim = loudness::linear(lane.trim_db) as f32;
    let mut q = Vec::new();
    let send = |q: &[i16], sinks: &[std::sync::mpsc::SyncSender<Block>]| -> bool {
        let block: Block = std::sync::Arc::new(q.to_vec());
        sinks.iter().all(|tx| tx.send(block.clone()).is_ok())
    };
    let mut ok = true;
    for block in rx.iter() {
        chain.push(&block.xs, &block.peaks);
        quantize(&chain.out, &mut q);
        if !send(&q, &sinks) {
            ok = false;
            break;
        }
    }
    let limiter_db = chain.finish();
    if ok {
        quantize(&chain.out, &mut q);
        send(&q, &sinks);
    }
    drop(sinks);
    // A lane that stopped early (an encoder failed) drops its input, which stops the reader.
    drop(rx);
    let files = handles
        .into_iter()
        .map(|(format, h)| (format, h.join().expect("an encoder thread does not panic")))
        .collect();
    let after = meter.map(|h| h.join().expect("the meter thread does not panic"));
    let decoded = decoders
        .into_iter()
        .map(|(format, h)| (format, h.join().expect("a decoder thread does not panic")))
        .collect();
    LaneOut {
        limiter_db,
        after,
        files,
        decoded,
    }
}

/// Decodes the packets of a lossy format from `rx` as a player would (see
/// [`Encoder::tap_packets`](encode::Encoder::tap_packets)) and measures them.
fn measure_packets(
    path: &Path,
    format: Format,
    rate: u32,
    rx: std::sync::mpsc::Receiver<Vec<u8>>,
) -> Result<Measurement, EncodeError> {
    if format != Format::Opus {
        return Err(EncodeError::new(
            path,
            "its packets are not decoded one by one",
        ));
    }
    let mut meter = Meter::new(rate, true);
    let mut decoder =
        encode::opus::PacketDecoder::new(0, rate).map_err(|e| EncodeError::new(path, e))?;
    let mut failed = None;
    for packet in rx {
        // After a failure the packets are still taken, so the encoder does not wait.
        if failed.is_none() {
            if let Err(e) = decoder.decode(&packet, &mut |s| meter.add(s)) {
                failed = Some(e);
            }
        }
    }
    match failed {
        Some(e) => Err(EncodeError::new(path, e)),
        None => Ok(meter.measurement()),
    }
}
