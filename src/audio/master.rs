//! Mastering an article: its chunks joined into one stream, normalized to a loudness standard
//! and encoded into every format asked for, in two passes with memory flat in the article's
//! length.
//!
//! **Pass 1** runs while the chunks are spoken: each chunk and pause goes to a hidden raw WAV
//! in the article's staging folder (split at `--max-part-size` like the final WAV) and through
//! a BS.1770 meter. Integrated loudness is gated over the whole programme, so it is known only
//! when the last chunk is in; holding the audio in memory until then would grow with the
//! article (an hour at 22,050 Hz is 150 MB), so it waits on disk instead.
//! **Gain**: the target minus the measured loudness (audiobook: the RMS). When the true peak
//! plus that gain would pass the ceiling, the limiter will take some loudness away, so dry
//! runs of gain and limiter over the raw file (measuring only) correct the gain until the
//! result is within 0.05 LU of the target (at most four runs; speech converges in one or two).
//! **Pass 2** reads the raw file block by block, applies the gain and the look-ahead limiter,
//! rounds to 16 bits, measures the result (the manifest's `after`), and feeds every encoder;
//! then the raw file is deleted. The chunk WAVs are the engine's speech before mastering.

use std::path::{Path, PathBuf};

use super::encode::{self, Chapter, EncodeError, Format, Quality, Stream, Tags};
use super::loudness::{self, Limiter, Loudness, Measurement, Meter, AUDIOBOOK};
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
    /// The gain applied before the limiter, dB.
    pub gain_db: f64,
    /// The deepest gain reduction the limiter made, dB (0: it never acted).
    pub limiter_db: f64,
    /// Measured on the audio as spoken (after the per-chunk levelling of the engine).
    pub before: Measurement,
    /// Measured on the mastered 16-bit samples every format was encoded from.
    pub after: Measurement,
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

/// Pass 1: the raw stream and its meter.
pub struct Master {
    dir: PathBuf,
    name: String,
    sample_rate: u32,
    loudness: Loudness,
    writer: PartedWriter,
    meter: Meter,
}

/// The hidden name of the raw audio of pass 1.
fn raw_name(name: &str) -> String {
    format!(".{name}.raw")
}

/// Dry runs at most, correcting the gain for what the limiter takes away.
const MAX_DRY_RUNS: usize = 4;
/// How close to the target a dry run must land to stop, LU (or dB of RMS).
const CLOSE_ENOUGH: f64 = 0.05;
/// The limiter's ceiling sits this far under the standard's, dB: room for the 16-bit rounding
/// and for a meter oversampling differently than the limiter's detector.
const CEILING_MARGIN_DB: f64 = 0.2;
/// Samples read from the raw file at once.
const BLOCK: usize = 16_384;

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
            .map_err(|e| MasterError::Raw {
                path: dir.join(format!("{name}.wav")),
                reason: e.to_string(),
            })?;
        let mut m = Master {
            dir: dir.to_path_buf(),
            name: name.to_string(),
            sample_rate,
            loudness,
            writer,
            meter: Meter::new(sample_rate, true),
        };
        let (head, _) = loudness.room_tone_ms();
        if head > 0 {
            m.push(&[], head, 0, None)?;
        }
        Ok(m)
    }

    fn raw_error(&self, e: impl std::fmt::Display) -> MasterError {
        MasterError::Raw {
            path: self.dir.join(format!("{}.wav", self.name)),
            reason: e.to_string(),
        }
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
        self.meter.add(speech);
        self.meter
            .add_silence(samples_for_ms(pause_ms, self.sample_rate));
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

    /// Ends pass 1 (adding the audiobook's tail of room tone), decides the gain, and runs
    /// pass 2 into every format of `publish`. The raw file is removed in every case.
    pub fn finish(mut self, publish: &Publish) -> Result<Mastered, MasterError> {
        let (_, tail) = self.loudness.room_tone_ms();
        if tail > 0 {
            self.push(&[], tail, 0, None)?;
        }
        let samples = self.writer.len();
        let before = self.meter.measurement();
        let raw_parts = self.writer.finalize().map_err(|e| MasterError::Raw {
            path: self.dir.join(format!("{}.wav", self.name)),
            reason: e.to_string(),
        })?;
        let raw_paths: Vec<PathBuf> = raw_parts.iter().map(|p| self.dir.join(&p.file)).collect();
        let result = master(
            &self.dir,
            &self.name,
            self.sample_rate,
            self.loudness,
            publish,
            &raw_parts,
            &raw_paths,
            samples,
            before,
        );
        for p in &raw_paths {
            let _ = std::fs::remove_file(p);
        }
        result
    }
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

/// Gain and limiter, as applied to a stream.
struct Chain {
    gain: f32,
    limiter: Option<Limiter>,
    out: Vec<f32>,
}

impl Chain {
    fn new(sample_rate: u32, gain_db: f64, ceiling_dbtp: Option<f64>) -> Chain {
        Chain {
            gain: loudness::linear(gain_db) as f32,
            limiter: ceiling_dbtp
                .map(|c| Limiter::new(sample_rate, loudness::linear(c - CEILING_MARGIN_DB) as f32)),
            out: Vec::new(),
        }
    }

    /// Processes a block; the ready output is in `self.out` (cleared first).
    fn push(&mut self, block: &[i16]) {
        self.out.clear();
        let gained: Vec<f32> = block
            .iter()
            .map(|&s| f32::from(s) / 32768.0 * self.gain)
            .collect();
        match self.limiter.as_mut() {
            Some(l) => l.push(&gained, &mut self.out),
            None => self.out.extend(gained),
        }
    }

    /// Flushes the limiter; the rest is in `self.out`. Returns the deepest reduction, dB.
    fn finish(&mut self) -> f64 {
        self.out.clear();
        match self.limiter.take() {
            Some(l) => {
                let deepest = l.deepest;
                l.finish(&mut self.out);
                -loudness::db(f64::from(deepest))
            }
            None => 0.0,
        }
    }
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
        let raw_error = |e: &dyn std::fmt::Display| MasterError::Raw {
            path: path.clone(),
            reason: e.to_string(),
        };
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

/// Runs gain and limiter over the raw audio and measures the result (no output).
fn dry_run(
    paths: &[PathBuf],
    sample_rate: u32,
    gain_db: f64,
    ceiling: Option<f64>,
) -> Result<Measurement, MasterError> {
    let mut chain = Chain::new(sample_rate, gain_db, ceiling);
    let mut meter = Meter::new(sample_rate, false);
    let mut q = Vec::new();
    read_raw(paths, &mut |block| {
        chain.push(block);
        quantize(&chain.out, &mut q);
        meter.add(&q);
        Ok(())
    })?;
    chain.finish();
    quantize(&chain.out, &mut q);
    meter.add(&q);
    Ok(meter.measurement())
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

#[allow(clippy::too_many_arguments)]
fn master(
    dir: &Path,
    name: &str,
    sample_rate: u32,
    loudness: Loudness,
    publish: &Publish,
    raw_parts: &[Part],
    raw_paths: &[PathBuf],
    samples: usize,
    before: Measurement,
) -> Result<Mastered, MasterError> {
    let ceiling = loudness.ceiling_dbtp();
    let target = target_of(loudness);
    let mut gain_db = match (target, level_of(loudness, &before)) {
        (Some(t), Some(level)) => t - level,
        _ => 0.0,
    };
    // Whether the limiter can act at this gain: else the gain alone lands on the target.
    let may_limit = |gain_db: f64| match (ceiling, before.true_peak_dbtp) {
        (Some(c), Some(tp)) => tp + gain_db > c - CEILING_MARGIN_DB - 0.5,
        _ => false,
    };
    if let Some(t) = target.filter(|_| may_limit(gain_db)) {
        // The level rises more slowly than the gain once the limiter acts: the first
        // correction adds the miss, later ones follow the slope of the last two runs (secant).
        let mut last: Option<(f64, f64)> = None;
        for _ in 0..MAX_DRY_RUNS {
            let m = dry_run(raw_paths, sample_rate, gain_db, ceiling)?;
            let Some(level) = level_of(loudness, &m) else {
                break;
            };
            let miss = t - level;
            if miss.abs() <= CLOSE_ENOUGH {
                break;
            }
            let slope = last
                .map(|(g, l)| (level - l) / (gain_db - g))
                .filter(|s| s.is_finite() && *s > 0.05)
                .unwrap_or(1.0);
            last = Some((gain_db, level));
            gain_db += miss / slope.min(1.0);
        }
    }

    let parts = final_parts(name, raw_parts);
    let stream = Stream {
        sample_rate,
        samples: samples as u64,
        tags: publish.tags.clone(),
        chapters: publish.chapters.clone(),
        quality: publish.quality,
    };
    let mut encoders = Vec::new();
    for &format in &publish.formats {
        encoders.push((format, encode::open(format, dir, name, &stream, &parts)?));
    }
    let mut chain = Chain::new(
        sample_rate,
        gain_db,
        ceiling.filter(|_| loudness != Loudness::Off),
    );
    // With `--loudness none` the audio passes unchanged (no gain, no limiter: the float round
    // trip is exact), so it measures as before; metering it again would only cost time.
    let unchanged = loudness == Loudness::Off;
    let mut meter = Meter::new(sample_rate, true);
    let mut q = Vec::new();
    let mut feed = |q: &[i16],
                    encoders: &mut Vec<(Format, Box<dyn encode::Encoder>)>|
     -> Result<(), MasterError> {
        if !unchanged {
            meter.add(q);
        }
        for (_, e) in encoders.iter_mut() {
            e.write(q)?;
        }
        Ok(())
    };
    read_raw(raw_paths, &mut |block| {
        chain.push(block);
        quantize(&chain.out, &mut q);
        feed(&q, &mut encoders)
    })?;
    let limiter_db = chain.finish();
    quantize(&chain.out, &mut q);
    feed(&q, &mut encoders)?;
    let after = if unchanged {
        before
    } else {
        meter.measurement()
    };
    let mut files = Vec::new();
    for (format, e) in encoders {
        files.push((format, e.finish()?));
    }
    Ok(Mastered {
        files,
        parts,
        samples,
        loudness: LoudnessRecord {
            standard: loudness.name().to_string(),
            target_lufs: match loudness {
                Loudness::Integrated { lufs, .. } => Some(lufs),
                _ => None,
            },
            target_rms_dbfs: (loudness == Loudness::Audiobook).then_some(AUDIOBOOK.target_rms_dbfs),
            ceiling_dbtp: ceiling,
            gain_db: (gain_db * 100.0).round() / 100.0,
            limiter_db: (limiter_db * 100.0).round() / 100.0,
            before,
            after,
        },
    })
}
