//! Loudness to a publishing standard: the targets (`--loudness`), a meter (ITU-R BS.1770-4
//! integrated loudness and true peak through the `ebur128` crate, plus the plain RMS, peak and
//! noise floor the audiobook rules are written in), and a look-ahead limiter that keeps the
//! true peak under a ceiling without clipping.
//!
//! Sources of the numbers: podcast −16 LUFS / −1.5 dBTP is the level Apple Podcasts and AES
//! TD1008 recommend for spoken word (−1 to −2 dBTP); broadcast −23 LUFS / −1 dBTP is EBU R128;
//! the audiobook rules (RMS −23 to −18 dBFS, peaks ≤ −3 dBFS, noise floor ≤ −60 dBFS, 0.5–1 s
//! of room tone at the head and 1–5 s at the tail) are ACX's audio submission requirements.

use std::collections::VecDeque;

/// A loudness standard an article's audio is normalized to (`--loudness`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Loudness {
    /// No normalization: the engine's levels (each chunk at about −21 dBFS RMS), as before
    /// `--loudness` existed (`--loudness none`).
    Off,
    /// Integrated loudness `lufs` (BS.1770-4, gated) with true peaks at most `ceiling_dbtp`.
    Integrated {
        /// What the user asked for: `podcast`, `broadcast` or the number given.
        name: &'static str,
        /// Target integrated loudness, LUFS.
        lufs: f64,
        /// True-peak ceiling, dBTP.
        ceiling_dbtp: f64,
    },
    /// The audiobook platform rules ([`AUDIOBOOK`]): the whole file's RMS at
    /// [`AudiobookRules::target_rms_dbfs`], peaks under the ceiling, room tone at both ends.
    Audiobook,
}

/// The audiobook rules (ACX audio submission requirements) and how aloud meets them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AudiobookRules {
    /// Lowest allowed RMS of the whole file, dBFS.
    pub min_rms_dbfs: f64,
    /// Highest allowed RMS, dBFS.
    pub max_rms_dbfs: f64,
    /// The RMS aloud aims at: the middle of the allowed range.
    pub target_rms_dbfs: f64,
    /// Highest allowed peak, dBFS.
    pub max_peak_dbfs: f64,
    /// The true-peak ceiling aloud limits to: half a decibel under the peak rule, so the
    /// sample peaks and the peaks of the decoded MP3 stay under it.
    pub ceiling_dbtp: f64,
    /// Highest allowed noise floor, dBFS.
    pub max_noise_floor_dbfs: f64,
    /// Silence (room tone) before the first word, milliseconds (the rule: 500–1,000).
    pub head_ms: u32,
    /// Silence after the last word, milliseconds (the rule: 1,000–5,000).
    pub tail_ms: u32,
}

/// The audiobook rules aloud applies with `--loudness audiobook`.
pub const AUDIOBOOK: AudiobookRules = AudiobookRules {
    min_rms_dbfs: -23.0,
    max_rms_dbfs: -18.0,
    target_rms_dbfs: -20.0,
    max_peak_dbfs: -3.0,
    ceiling_dbtp: -3.5,
    max_noise_floor_dbfs: -60.0,
    head_ms: 750,
    tail_ms: 2000,
};

/// `podcast`: −16 LUFS, −1.5 dBTP.
pub const PODCAST: Loudness = Loudness::Integrated {
    name: "podcast",
    lufs: -16.0,
    ceiling_dbtp: -1.5,
};

/// `broadcast` (EBU R128): −23 LUFS, −1 dBTP.
pub const BROADCAST: Loudness = Loudness::Integrated {
    name: "broadcast",
    lufs: -23.0,
    ceiling_dbtp: -1.0,
};

/// The lowest and highest target a number given to `--loudness` may name, LUFS.
pub const LUFS_RANGE: (f64, f64) = (-40.0, -6.0);

impl Loudness {
    /// Parses a `--loudness` value: `podcast`, `broadcast`, `audiobook`, `none`, or a number
    /// in LUFS from −40 to −6 (its true-peak ceiling is podcast's −1.5 dBTP). The error is one
    /// line naming what is accepted.
    pub fn parse(value: &str) -> Result<Loudness, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "podcast" => Ok(PODCAST),
            "broadcast" | "ebu" | "r128" => Ok(BROADCAST),
            "audiobook" | "acx" => Ok(Loudness::Audiobook),
            "none" | "off" => Ok(Loudness::Off),
            other => {
                let number = other.strip_suffix("lufs").unwrap_or(other).trim();
                match number.parse::<f64>() {
                    Ok(lufs) if (LUFS_RANGE.0..=LUFS_RANGE.1).contains(&lufs) => {
                        Ok(Loudness::Integrated {
                            name: "custom",
                            lufs,
                            ceiling_dbtp: -1.5,
                        })
                    }
                    Ok(_) => Err(format!(
                        "{value}: a loudness target must be from {} to {} LUFS",
                        LUFS_RANGE.0, LUFS_RANGE.1
                    )),
                    Err(_) => Err(format!(
                        "{value}: not a loudness standard; use podcast (-16 LUFS), broadcast \
                         (-23 LUFS), audiobook, none, or a number in LUFS such as -19"
                    )),
                }
            }
        }
    }

    /// The name recorded in the manifest.
    pub fn name(&self) -> &'static str {
        match self {
            Loudness::Off => "none",
            Loudness::Integrated { name, .. } => name,
            Loudness::Audiobook => "audiobook",
        }
    }

    /// The true-peak ceiling, dBTP; `None` without normalization.
    pub fn ceiling_dbtp(&self) -> Option<f64> {
        match self {
            Loudness::Off => None,
            Loudness::Integrated { ceiling_dbtp, .. } => Some(*ceiling_dbtp),
            Loudness::Audiobook => Some(AUDIOBOOK.ceiling_dbtp),
        }
    }

    /// Silence added before the first and after the last chunk, milliseconds: the audiobook
    /// room tone, else none.
    pub fn room_tone_ms(&self) -> (u32, u32) {
        match self {
            Loudness::Audiobook => (AUDIOBOOK.head_ms, AUDIOBOOK.tail_ms),
            _ => (0, 0),
        }
    }
}

/// Decibels of a linear amplitude ratio; −∞ for 0.
pub fn db(linear: f64) -> f64 {
    20.0 * linear.log10()
}

/// The linear amplitude ratio of `db` decibels.
pub fn linear(db: f64) -> f64 {
    10f64.powf(db / 20.0)
}

/// What a [`Meter`] measured. Levels are relative to full scale (a 16-bit sample of ±32768);
/// `None` stands for −∞ (digital silence), which JSON cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Measurement {
    /// Integrated loudness (BS.1770-4, gated), LUFS.
    pub integrated_lufs: Option<f64>,
    /// True peak (BS.1770-4 Annex 2, oversampled), dBTP.
    pub true_peak_dbtp: Option<f64>,
    /// Largest sample, dBFS.
    pub sample_peak_dbfs: Option<f64>,
    /// RMS of every sample of the file, silences included (as the audiobook rule measures
    /// it), dBFS.
    pub rms_dbfs: Option<f64>,
    /// RMS of the quietest [`NOISE_WINDOW_MS`] of the file, dBFS: the noise floor of the
    /// audiobook rule; `None` when that is digital silence (a synthetic voice has no room).
    pub noise_floor_dbfs: Option<f64>,
}

impl Measurement {
    /// Digital silence: every level −∞.
    pub const SILENT: Measurement = Measurement {
        integrated_lufs: None,
        true_peak_dbtp: None,
        sample_peak_dbfs: None,
        rms_dbfs: None,
        noise_floor_dbfs: None,
    };

    /// The measurement of the same audio scaled by `gain_db`: every level moves by the gain
    /// (loudness and both peaks are homogeneous of degree one in the amplitude; BS.1770-4's
    /// gates are relative or far below speech), rounded as a [`Meter`] rounds.
    pub fn shifted(self, gain_db: f64) -> Measurement {
        let by = |x: Option<f64>| x.and_then(|x| finite(x + gain_db));
        Measurement {
            integrated_lufs: by(self.integrated_lufs),
            true_peak_dbtp: by(self.true_peak_dbtp),
            sample_peak_dbfs: by(self.sample_peak_dbfs),
            rms_dbfs: by(self.rms_dbfs),
            noise_floor_dbfs: by(self.noise_floor_dbfs),
        }
    }
}

/// The window over which the noise floor is measured, milliseconds.
pub const NOISE_WINDOW_MS: u32 = 500;

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some((x * 100.0).round() / 100.0)
}

/// Measures a mono stream of 16-bit samples as it goes by: memory does not grow with it.
pub struct Meter {
    ebu: ebur128::EbuR128,
    true_peak: Option<TruePeak>,
    sum_squares: f64,
    count: u64,
    peak: i32,
    /// Sum of squares of the current 10 ms block, and how many samples it holds.
    block_sum: f64,
    block_count: usize,
    block_len: usize,
    /// The last [`NOISE_WINDOW_MS`] of block sums.
    window: VecDeque<f64>,
    window_blocks: usize,
    window_sum: f64,
    quietest: Option<f64>,
}

impl Meter {
    /// A meter for mono audio at `sample_rate`; `true_peak` adds the oversampled peak meter
    /// ([`TruePeak`]).
    pub fn new(sample_rate: u32, true_peak: bool) -> Meter {
        // The histogram keeps the gated integration's block energies in 1,000 bins of 0.1 LU
        // (constant memory, as ffmpeg's `ebur128` filter does with 0.01 LU bins) instead of
        // every 400 ms block: the list grew with the audio, 5 MB per meter at 10 hours
        // (heaptrack, a 100,000-word espeak export), and reads within 0.01 LU of it.
        // No `SAMPLE_PEAK` mode: the meter keeps its own sample peak, and the crate's was
        // computed for every sample and never read.
        let mode = ebur128::Mode::I | ebur128::Mode::HISTOGRAM;
        Meter {
            ebu: ebur128::EbuR128::new(1, sample_rate, mode)
                .expect("one channel at an engine's sample rate is always valid"),
            true_peak: true_peak.then(|| TruePeak::new(sample_rate)),
            sum_squares: 0.0,
            count: 0,
            peak: 0,
            block_sum: 0.0,
            block_count: 0,
            block_len: crate::audio::samples_for_ms(10, sample_rate).max(1),
            window: VecDeque::new(),
            window_blocks: (NOISE_WINDOW_MS / 10) as usize,
            window_sum: 0.0,
            quietest: None,
        }
    }

    /// Adds samples.
    pub fn add(&mut self, samples: &[i16]) {
        if samples.is_empty() {
            return;
        }
        self.ebu
            .add_frames_i16(samples)
            .expect("a mono meter takes any number of mono frames");
        if let Some(tp) = self.true_peak.as_mut() {
            tp.add(samples.iter().map(|&s| f32::from(s) / 32768.0));
        }
        let mut rest = samples;
        while !rest.is_empty() {
            let take = rest.len().min(self.block_len - self.block_count);
            let (now, later) = rest.split_at(take);
            rest = later;
            let sum: f64 = now.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
            let peak = now.iter().map(|&s| i32::from(s).abs()).max().unwrap_or(0);
            self.peak = self.peak.max(peak);
            self.sum_squares += sum;
            self.block_sum += sum;
            self.block_count += take;
            if self.block_count == self.block_len {
                self.end_block();
            }
        }
        self.count += samples.len() as u64;
    }

    /// A 10 ms block is complete: slide the noise-floor window on by one block.
    fn end_block(&mut self) {
        self.window.push_back(self.block_sum);
        self.window_sum += self.block_sum;
        self.block_sum = 0.0;
        self.block_count = 0;
        if self.window.len() > self.window_blocks {
            self.window_sum -= self.window.pop_front().unwrap_or(0.0);
        }
        if self.window.len() == self.window_blocks {
            // Rounding can leave a sum of zeros a hair above zero; it is silence.
            let sum = if self.window_sum < 0.5 {
                0.0
            } else {
                self.window_sum
            };
            self.quietest = Some(self.quietest.map_or(sum, |q| q.min(sum)));
        }
    }

    /// Adds `n` samples of silence.
    pub fn add_silence(&mut self, n: usize) {
        const BLOCK: [i16; 4096] = [0; 4096];
        let mut left = n;
        while left > 0 {
            let take = left.min(BLOCK.len());
            self.add(&BLOCK[..take]);
            left -= take;
        }
    }

    /// Integrated loudness so far, LUFS (−∞ when every block is under the absolute gate).
    pub fn integrated(&self) -> f64 {
        self.ebu.loudness_global().unwrap_or(f64::NEG_INFINITY)
    }

    /// Gated integrated loudness, LUFS, of the audio of several meters taken as one
    /// programme (BS.1770's gating over all their blocks): how a stream metered in pieces,
    /// one meter a piece, reads as a whole.
    pub fn integrated_of(meters: &[Meter]) -> f64 {
        ebur128::EbuR128::loudness_global_multiple(meters.iter().map(|m| &m.ebu))
            .unwrap_or(f64::NEG_INFINITY)
    }

    /// RMS, dBFS, of the audio of several meters taken as one.
    pub fn rms_dbfs_of(meters: &[Meter]) -> f64 {
        let count: u64 = meters.iter().map(|m| m.count).sum();
        if count == 0 {
            return f64::NEG_INFINITY;
        }
        let sum: f64 = meters.iter().map(|m| m.sum_squares).sum();
        db((sum / count as f64).sqrt() / 32768.0)
    }

    /// RMS of every sample so far, dBFS.
    pub fn rms_dbfs(&self) -> f64 {
        if self.count == 0 {
            return f64::NEG_INFINITY;
        }
        db((self.sum_squares / self.count as f64).sqrt() / 32768.0)
    }

    /// The measurement so far.
    pub fn measurement(&self) -> Measurement {
        let tp = self
            .true_peak
            .as_ref()
            .map_or(f64::NEG_INFINITY, |t| db(f64::from(t.peak())));
        // Without the window filled (a file under half a second), the whole file is the
        // quietest window.
        let window_len = (self.window_blocks * self.block_len) as f64;
        let quietest = self
            .quietest
            .map(|sum| db((sum / window_len).sqrt() / 32768.0))
            .unwrap_or_else(|| self.rms_dbfs());
        Measurement {
            integrated_lufs: finite(self.integrated()),
            true_peak_dbtp: finite(tp),
            sample_peak_dbfs: finite(db(f64::from(self.peak) / 32768.0)),
            rms_dbfs: finite(self.rms_dbfs()),
            noise_floor_dbfs: finite(quietest),
        }
    }
}

/// Samples either side of a sample the true-peak interpolator reads.
///
/// 16 (32 taps per phase): see the window in [`Limiter::new`].
const INTERP_HALF: usize = 16;

/// Phases of the [`Interpolator`] computed side by side: 8 f32 lanes, one AVX register or two
/// SSE registers; 22.05 kHz audio (espeak-ng) has exactly 8 phases (9× oversampling).
const LANES: usize = 8;
/// Independent partial sums per interpolated point (see [`Interpolator::between`]); 4 hide
/// an add's latency (4 cycles) behind the other sums.
const CHAINS: usize = 4;

/// The true-peak interpolator of [`Limiter`] and [`TruePeak`]: the points between two
/// samples, upsampled by ⌈192 kHz / rate⌉ (at least 4×), as ffmpeg's `ebur128` filter
/// measures true peak (it resamples to 192 kHz), with a 32-tap-per-phase Kaiser-windowed sinc.
/// The `ebur128` crate oversamples 22.05 kHz audio only 4×, and read an espeak MP3's peak
/// 0.17 dB under ffmpeg's meter (measured on `night-trains-return`), so aloud meters true
/// peak with this interpolator instead.
#[derive(Clone)]
struct Interpolator {
    /// The phases' taps in groups of [`LANES`] phases, tap by tap (`groups[g][t][l]` is tap
    /// `t` of phase `g × LANES + l`; phases past the last are zeros), so one pass over the
    /// samples computes a group's points side by side in vector registers.
    groups: Vec<[[f32; LANES]; 2 * INTERP_HALF]>,
    /// The most an interpolated point can exceed the largest sample around it: the largest
    /// sum of absolute tap values of a phase.
    bound: f32,
    /// The CPU has AVX: [`between`](Interpolator::between) takes its AVX build.
    #[cfg(target_arch = "x86_64")]
    avx: bool,
}

impl Interpolator {
    fn new(sample_rate: u32) -> Interpolator {
        let factor = 192_000u32.div_ceil(sample_rate).max(4) as usize;
        let phases: Vec<[f32; 2 * INTERP_HALF]> = (1..factor)
            .map(|p| {
                let frac = p as f64 / factor as f64;
                let mut taps = [0f32; 2 * INTERP_HALF];
                let mut sum = 0.0;
                let mut raw = [0f64; 2 * INTERP_HALF];
                for (t, tap) in raw.iter_mut().enumerate() {
                    // Tap t reads x[k − 5 + t]; its distance from the point k + frac:
                    let d = (t as f64 - (INTERP_HALF as f64 - 1.0)) - frac;
                    let sinc = if d == 0.0 {
                        1.0
                    } else {
                        (std::f64::consts::PI * d).sin() / (std::f64::consts::PI * d)
                    };
                    // Kaiser window (β = 5) over ±INTERP_HALF samples: flat to about 0.45 of
                    // the rate, where TTS vocoders still put energy (a Blackman window over
                    // ±6 samples missed inter-sample peaks of 10–12 kHz content at 24 kHz by
                    // up to 1.6 dB, measured against ffmpeg's ebur128 meter).
                    let w = d / (INTERP_HALF as f64 + 0.5);
                    let window = bessel_i0(5.0 * (1.0 - w * w).max(0.0).sqrt()) / bessel_i0(5.0);
                    *tap = sinc * window;
                    sum += *tap;
                }
                for (tap, r) in taps.iter_mut().zip(raw) {
                    *tap = (r / sum) as f32;
                }
                taps
            })
            .collect();
        let bound = phases
            .iter()
            .map(|taps: &[f32; 2 * INTERP_HALF]| taps.iter().map(|t| t.abs()).sum::<f32>())
            .fold(1.0f32, f32::max);
        let groups = phases
            .chunks(LANES)
            .map(|group| {
                let mut lanes = [[0f32; LANES]; 2 * INTERP_HALF];
                for (l, taps) in group.iter().enumerate() {
                    for (t, &tap) in taps.iter().enumerate() {
                        lanes[t][l] = tap;
                    }
                }
                lanes
            })
            .collect();
        Interpolator {
            groups,
            bound,
            #[cfg(target_arch = "x86_64")]
            avx: std::is_x86_feature_detected!("avx"),
        }
    }

    /// The largest magnitude of the interpolated points between `x[INTERP_HALF − 1]` and
    /// `x[INTERP_HALF]` of `x` (2 × [`INTERP_HALF`] samples).
    ///
    /// [`LANES`] phases are computed at once, so the compiler uses vector instructions (this
    /// was most of an espeak export's CPU time with mastering, one phase at a time). Each
    /// point is summed in [`CHAINS`] partial sums over interleaved taps, added at the end, so
    /// the adds need not wait for each other; with the AVX build, `perf` of a warm M4B export
    /// put the interpolation at 6.7 % of the samples against 9.7 % before (2026-12-06). The
    /// order is fixed, so every CPU and code path gets the same bits, and the limiter and the
    /// meter, which share this interpolator, agree exactly.
    fn between(&self, x: &[f32]) -> f32 {
        #[cfg(target_arch = "x86_64")]
        if self.avx {
            // SAFETY: `avx` is set only when the CPU reports AVX.
            return unsafe { self.between_avx(x) };
        }
        self.between_portable(x)
    }

    /// [`between`](Interpolator::between) compiled for AVX: a group's [`LANES`] points are
    /// one 256-bit register instead of two 128-bit ones. Multiplies and adds stay separate
    /// (Rust never fuses them), so the result is the same to the bit as the portable code's.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx")]
    unsafe fn between_avx(&self, x: &[f32]) -> f32 {
        self.between_portable(x)
    }

    #[inline(always)]
    fn between_portable(&self, x: &[f32]) -> f32 {
        let x = &x[..2 * INTERP_HALF];
        let mut most = 0f32;
        for group in &self.groups {
            let mut acc = [[0f32; LANES]; CHAINS];
            for (taps, xs) in group.chunks_exact(CHAINS).zip(x.chunks_exact(CHAINS)) {
                for ((acc, taps), &x) in acc.iter_mut().zip(taps).zip(xs) {
                    for (a, &t) in acc.iter_mut().zip(taps) {
                        *a += t * x;
                    }
                }
            }
            let [a0, a1, a2, a3] = &acc;
            for (((p0, p1), p2), p3) in a0.iter().zip(a1).zip(a2).zip(a3) {
                most = most.max(((p0 + p1) + (p2 + p3)).abs());
            }
        }
        most
    }
}

/// A true-peak meter (BS.1770-4 Annex 2) with the [`Interpolator`]: the largest magnitude of
/// the samples and of the points between them, full scale = 1.0. Memory is constant; points
/// are interpolated only near samples that could pass the peak so far.
pub struct TruePeak {
    interp: Interpolator,
    /// The last 2 × [`INTERP_HALF`] samples, oldest first, from `start`.
    history: Vec<f32>,
    start: usize,
    received: usize,
    loud_until: usize,
    peak: f32,
}

impl TruePeak {
    /// A meter for mono audio at `sample_rate`.
    pub fn new(sample_rate: u32) -> TruePeak {
        TruePeak {
            interp: Interpolator::new(sample_rate),
            history: vec![0.0; 2 * INTERP_HALF - 1],
            start: 0,
            received: 0,
            loud_until: 0,
            peak: 0.0,
        }
    }

    /// Adds samples (full scale ±1.0).
    pub fn add(&mut self, input: impl IntoIterator<Item = f32>) {
        for x in input {
            self.received += 1;
            self.peak = self.peak.max(x.abs());
            if x.abs() * self.interp.bound > self.peak {
                self.loud_until = self.received + 2 * INTERP_HALF;
            }
            self.history.push(x);
            if self.received <= self.loud_until {
                let h = &self.history[self.start..self.start + 2 * INTERP_HALF];
                self.peak = self.peak.max(self.interp.between(h));
            }
            self.start += 1;
            if self.start >= 4096 {
                self.history.drain(..self.start);
                self.start = 0;
            }
        }
    }

    /// The true peak so far (the points after the last sample included), linear.
    pub fn peak(&self) -> f32 {
        let mut tail = TruePeak {
            interp: self.interp.clone(),
            history: self.history[self.start..].to_vec(),
            start: 0,
            received: self.received,
            loud_until: self.loud_until,
            peak: self.peak,
        };
        tail.add(std::iter::repeat_n(0.0, 2 * INTERP_HALF));
        tail.peak
    }
}

/// The detector half of [`Limiter`]: for each sample `k`, its *peak* — the largest magnitude
/// of `x[k]` and of the points the [`Interpolator`] finds between it and either neighbour.
///
/// Interpolation is linear in the input, so the peaks of `g · x` are `g ·` the peaks of `x`:
/// one envelope serves every gain and ceiling run over the same audio (the gain search's
/// runs over an article's sample, and every lane of the final pass), which [`GainStage`]
/// then turns into a gain. Points are interpolated only near samples louder than
/// `threshold / bound` (no point can exceed `bound ×` the largest sample within the
/// interpolator's reach), so a sample's peak is exact wherever it is above `threshold`, and
/// is `|x[k]|` (at most `threshold`) elsewhere. The output lags the input by
/// [`INTERP_HALF`] samples; [`finish`](PeakEnvelope::finish) flushes them, so `n` samples in
/// give `n` (sample, peak) pairs out, in order.
#[derive(Clone)]
pub struct PeakEnvelope {
    interp: Interpolator,
    /// Samples louder than this are interpolated around.
    loud: f32,
    /// Input from x[k − INTERP_HALF] on (from `history_start`).
    history: Vec<f32>,
    history_start: usize,
    /// Samples pushed up to which interpolated points may pass the threshold.
    loud_until: usize,
    /// The largest interpolated magnitude between the previous sample and the current one.
    between_before: f32,
    /// Samples pushed.
    received: usize,
    /// Pairs emitted.
    emitted: usize,
}

impl PeakEnvelope {
    /// An envelope for mono audio at `sample_rate` (full scale ±1.0), exact above
    /// `threshold` (linear; 0 interpolates around every sample).
    pub fn new(sample_rate: u32, threshold: f32) -> PeakEnvelope {
        let interp = Interpolator::new(sample_rate);
        PeakEnvelope {
            loud: threshold / interp.bound,
            interp,
            history: vec![0.0; INTERP_HALF],
            history_start: 0,
            loud_until: 0,
            between_before: 0.0,
            received: 0,
            emitted: 0,
        }
    }

    /// Feeds samples; appends the samples whose peak is known to `xs` and their peaks to
    /// `peaks` (the same length).
    pub fn push(&mut self, input: &[f32], xs: &mut Vec<f32>, peaks: &mut Vec<f32>) {
        for &x in input {
            self.received += 1;
            if x.abs() > self.loud {
                self.loud_until = self.received + 2 * INTERP_HALF;
            }
            self.history.push(x);
            // x[k − 16 ..= k + 16] is there: the peak of sample k is known.
            if self.history.len() - self.history_start == 2 * INTERP_HALF + 1 {
                let h = &self.history[self.history_start..=self.history_start + 2 * INTERP_HALF];
                let centre = h[INTERP_HALF];
                // Points between x[k] and x[k + 1] read x[k − 15 ..= k + 16] = h[1..].
                let mut between_after = 0f32;
                if self.received <= self.loud_until {
                    between_after = self.interp.between(&h[1..]);
                }
                // Else every sample within reach is under threshold / bound, so is every point.
                peaks.push(centre.abs().max(between_after).max(self.between_before));
                xs.push(centre);
                self.between_before = between_after;
                self.history_start += 1;
                self.emitted += 1;
                if self.history_start >= 4096 {
                    self.history.drain(..self.history_start);
                    self.history_start = 0;
                }
            }
        }
    }

    /// Flushes the samples still waiting for their right-hand neighbours (as silence).
    pub fn finish(mut self, xs: &mut Vec<f32>, peaks: &mut Vec<f32>) {
        let wanted = self.received - self.emitted;
        let (x0, p0) = (xs.len(), peaks.len());
        self.push(&[0.0; INTERP_HALF], xs, peaks);
        xs.truncate(x0 + wanted);
        peaks.truncate(p0 + wanted);
    }
}

/// The gain half of [`Limiter`]: from each sample and its peak (a [`PeakEnvelope`]), the
/// gain that keeps `gain × peak` under the ceiling, taken as the minimum over the look-ahead
/// window, released exponentially, then averaged over the look-ahead: every average is of
/// values that are each at most the gain the delayed sample needs, so the output never
/// exceeds the ceiling, and the gain moves over at least the look-ahead (5 ms) instead of
/// jumping. The output (`gain ×` the input, limited) lags by the look-ahead;
/// [`finish`](GainStage::finish) flushes it, so `n` samples in give `n` out.
pub struct GainStage {
    ceiling: f32,
    gain: f32,
    lookahead: usize,
    release: f32,
    /// Monotonic queue of (index, needed gain) for the sliding minimum, of gains under 1.
    minimum: VecDeque<(usize, f32)>,
    released: f32,
    /// The last `lookahead` released gains (a ring, from `at`), their sum, and how many of
    /// them are under 1 (none: the average is exactly 1, and the sum is reset to it, so
    /// rounding never accumulates over an article).
    average: Vec<f32>,
    average_sum: f64,
    under_one: usize,
    /// Input waiting to be output: x[k − lookahead .. k] (a ring, from `at`).
    delay: Vec<f32>,
    at: usize,
    /// Samples received (k of the next one).
    received: usize,
    /// Samples output.
    emitted: usize,
    /// Largest gain reduction applied, as a factor (1 = none).
    pub deepest: f32,
}

impl GainStage {
    /// A stage at `sample_rate` that applies `gain` (linear) and keeps true peaks at most
    /// `ceiling` (linear, 1.0 = full scale).
    pub fn new(sample_rate: u32, ceiling: f32, gain: f32) -> GainStage {
        let lookahead = crate::audio::samples_for_ms(LIMITER_LOOKAHEAD_MS, sample_rate).max(1);
        let release_samples = LIMITER_RELEASE_MS * sample_rate as f32 / 1000.0;
        GainStage {
            ceiling,
            gain,
            lookahead,
            release: 1.0 - (-1.0 / release_samples).exp(),
            minimum: VecDeque::new(),
            released: 1.0,
            average: vec![1.0; lookahead],
            average_sum: lookahead as f64,
            under_one: 0,
            delay: vec![0.0; lookahead],
            at: 0,
            received: 0,
            emitted: 0,
            deepest: 1.0,
        }
    }

    /// Feeds samples `xs` with their `peaks` (as [`PeakEnvelope`] gives them, same length)
    /// and appends the limited output that is ready to `out`.
    pub fn push(&mut self, xs: &[f32], peaks: &[f32], out: &mut Vec<f32>) {
        debug_assert_eq!(xs.len(), peaks.len());
        out.reserve(xs.len());
        for (&x, &peak) in xs.iter().zip(peaks) {
            let peak = peak * self.gain;
            let needed = if peak > self.ceiling {
                self.ceiling / peak
            } else {
                1.0
            };
            self.step(x * self.gain, needed, out);
        }
    }

    #[inline]
    fn step(&mut self, x: f32, needed: f32, out: &mut Vec<f32>) {
        let k = self.received;
        self.received += 1;
        // A gain of 1 is the most any sample needs, so it is the minimum only of a window
        // with nothing under it: those are left out, and an empty queue reads as 1.
        if needed < 1.0 {
            while self.minimum.back().is_some_and(|&(_, g)| g >= needed) {
                self.minimum.pop_back();
            }
            self.minimum.push_back((k, needed));
        }
        while self
            .minimum
            .front()
            .is_some_and(|&(i, _)| i + self.lookahead < k)
        {
            self.minimum.pop_front();
        }
        let held = self.minimum.front().map_or(1.0, |&(_, g)| g);
        self.released = held.min(self.released + self.release * (1.0 - self.released));
        let leaving = std::mem::replace(&mut self.average[self.at], self.released);
        self.under_one += usize::from(self.released < 1.0);
        self.under_one -= usize::from(leaving < 1.0);
        let gain = if self.under_one == 0 {
            self.average_sum = self.lookahead as f64;
            1.0
        } else {
            self.average_sum += f64::from(self.released) - f64::from(leaving);
            ((self.average_sum / self.lookahead as f64) as f32).min(1.0)
        };
        self.deepest = self.deepest.min(gain);
        // The sample being judged is x[k]; the one leaving the delay is x[k − lookahead].
        let delayed = std::mem::replace(&mut self.delay[self.at], x);
        self.at += 1;
        if self.at == self.lookahead {
            self.at = 0;
        }
        if k >= self.lookahead {
            out.push(delayed * gain);
            self.emitted += 1;
        }
    }

    /// Flushes the samples still in the look-ahead, so the output is as long as the input.
    /// Returns the deepest reduction, as a factor.
    pub fn finish(mut self, out: &mut Vec<f32>) -> f32 {
        let wanted = self.received - self.emitted;
        let before = out.len();
        for _ in 0..self.lookahead {
            self.step(0.0, 1.0, out);
        }
        out.truncate(before + wanted);
        self.deepest
    }
}

/// A look-ahead peak limiter that keeps the *true* (inter-sample) peak of its output under a
/// ceiling, with a smooth gain and without clipping: a [`PeakEnvelope`] (exact above
/// `ceiling`) into a [`GainStage`] of unit gain.
///
/// The detector upsamples by ⌈192 kHz / rate⌉ (at least 4×, the oversampling BS.1770-4 Annex 2
/// asks of a true-peak meter at 48 kHz) with a 32-tap-per-phase Kaiser-windowed sinc
/// interpolator. The output is the input delayed by the look-ahead plus the interpolator's
/// reach; [`push`] and [`finish`] hide the delay, so `n` samples in give `n` samples out, in
/// line.
///
/// [`push`]: Limiter::push
/// [`finish`]: Limiter::finish
pub struct Limiter {
    envelope: PeakEnvelope,
    stage: GainStage,
    xs: Vec<f32>,
    peaks: Vec<f32>,
}

/// Look-ahead of [`Limiter`], milliseconds.
pub const LIMITER_LOOKAHEAD_MS: u32 = 5;
/// Release time constant of [`Limiter`], milliseconds.
pub const LIMITER_RELEASE_MS: f32 = 80.0;

/// The modified Bessel function of the first kind, order 0 (its power series), for the Kaiser
/// window.
fn bessel_i0(x: f64) -> f64 {
    let mut sum = 1.0;
    let mut term = 1.0;
    for k in 1..40 {
        term *= (x / (2.0 * k as f64)).powi(2);
        sum += term;
        if term < sum * 1e-12 {
            break;
        }
    }
    sum
}

impl Limiter {
    /// A limiter for mono audio at `sample_rate` keeping true peaks at most `ceiling`
    /// (linear, 1.0 = full scale).
    pub fn new(sample_rate: u32, ceiling: f32) -> Limiter {
        Limiter {
            envelope: PeakEnvelope::new(sample_rate, ceiling),
            stage: GainStage::new(sample_rate, ceiling, 1.0),
            xs: Vec::new(),
            peaks: Vec::new(),
        }
    }

    /// Feeds samples (full scale ±1.0) and appends the limited output that is ready to `out`.
    pub fn push(&mut self, input: &[f32], out: &mut Vec<f32>) {
        self.xs.clear();
        self.peaks.clear();
        self.envelope.push(input, &mut self.xs, &mut self.peaks);
        self.stage.push(&self.xs, &self.peaks, out);
    }

    /// Flushes the samples still in the look-ahead and detector, so the output has as many
    /// samples as the input. Returns the deepest reduction, as a factor (1 = none).
    pub fn finish(mut self, out: &mut Vec<f32>) -> f32 {
        self.xs.clear();
        self.peaks.clear();
        self.envelope.finish(&mut self.xs, &mut self.peaks);
        self.stage.push(&self.xs, &self.peaks, out);
        self.stage.finish(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_presets_and_numbers() {
        assert_eq!(Loudness::parse("podcast"), Ok(PODCAST));
        assert_eq!(Loudness::parse("Broadcast"), Ok(BROADCAST));
        assert_eq!(Loudness::parse("audiobook"), Ok(Loudness::Audiobook));
        assert_eq!(Loudness::parse("none"), Ok(Loudness::Off));
        assert_eq!(
            Loudness::parse("-19"),
            Ok(Loudness::Integrated {
                name: "custom",
                lufs: -19.0,
                ceiling_dbtp: -1.5
            })
        );
        assert!(Loudness::parse("-19 LUFS").is_ok());
        assert!(Loudness::parse("-3")
            .unwrap_err()
            .contains("from -40 to -6"));
        assert!(Loudness::parse("loud").unwrap_err().contains("podcast"));
    }

    /// A sine at `freq` Hz and `amp` full scale, `n` samples.
    fn sine(freq: f32, amp: f32, rate: u32, n: usize) -> Vec<f32> {
        (0..n)
            .map(|i| amp * (2.0 * std::f32::consts::PI * freq * i as f32 / rate as f32).sin())
            .collect()
    }

    fn limit(input: &[f32], rate: u32, ceiling: f32) -> Vec<f32> {
        let mut l = Limiter::new(rate, ceiling);
        let mut out = Vec::new();
        for block in input.chunks(1000) {
            l.push(block, &mut out);
        }
        l.finish(&mut out);
        out
    }

    #[test]
    fn limiter_keeps_length_and_alignment_and_leaves_quiet_audio_alone() {
        let rate = 22050;
        let input = sine(440.0, 0.3, rate, 10_000);
        let out = limit(&input, rate, 0.8);
        assert_eq!(out.len(), input.len());
        for (a, b) in input.iter().zip(&out) {
            assert!((a - b).abs() < 1e-6);
        }
    }

    #[test]
    fn limiter_holds_the_true_peak_under_the_ceiling() {
        let rate = 22050;
        // A sine near a quarter of the rate peaks between samples; a loud burst in silence
        // tests the attack.
        let mut input = vec![0f32; 3000];
        input.extend(sine(5012.0, 1.4, rate, 8000));
        input.extend(vec![0f32; 3000]);
        input.extend(sine(300.0, 0.5, rate, 4000));
        let ceiling = linear(-1.5) as f32;
        let out = limit(&input, rate, ceiling);
        assert_eq!(out.len(), input.len());
        let samples: Vec<i16> = out.iter().map(|&x| (x * 32767.0).round() as i16).collect();
        let mut meter = Meter::new(rate, true);
        meter.add(&samples);
        let tp = meter.measurement().true_peak_dbtp.unwrap();
        assert!(tp <= -1.45, "true peak {tp} dBTP over the -1.5 ceiling");
        assert!(tp > -3.0, "the limiter does not crush: {tp}");
        // The quiet tone after the burst is back near full level once released.
        let tail = &out[out.len() - 1000..];
        let peak = tail.iter().fold(0f32, |m, x| m.max(x.abs()));
        assert!(peak > 0.45, "released: {peak}");
    }

    #[test]
    fn one_envelope_serves_every_gain_and_threshold() {
        // The limiter of g · x is the gain stage at g over the peaks of x, for any g, and an
        // envelope found at a lower threshold (as the gain search keeps one) gives the same.
        let rate = 22050;
        let mut input = sine(5012.0, 0.6, rate, 6000);
        input.extend(vec![0f32; 2000]);
        input.extend(sine(700.0, 0.2, rate, 5000));
        let ceiling = linear(-1.5) as f32;
        for gain in [1.0f32, 1.8, 3.1] {
            let gained: Vec<f32> = input.iter().map(|x| x * gain).collect();
            let expected = limit(&gained, rate, ceiling);
            for threshold in [ceiling / gain, 0.0] {
                let mut envelope = PeakEnvelope::new(rate, threshold);
                let (mut xs, mut peaks) = (Vec::new(), Vec::new());
                for block in input.chunks(777) {
                    envelope.push(block, &mut xs, &mut peaks);
                }
                envelope.finish(&mut xs, &mut peaks);
                assert_eq!(xs, input, "the envelope hands the samples on, in line");
                let mut stage = GainStage::new(rate, ceiling, gain);
                let mut out = Vec::new();
                for (x, p) in xs.chunks(1000).zip(peaks.chunks(1000)) {
                    stage.push(x, p, &mut out);
                }
                stage.finish(&mut out);
                assert_eq!(out.len(), expected.len());
                let worst = out
                    .iter()
                    .zip(&expected)
                    .map(|(a, b)| (a - b).abs())
                    .fold(0f32, f32::max);
                assert!(worst < 1e-5, "gain {gain}, threshold {threshold}: {worst}");
            }
        }
    }

    #[test]
    fn true_peak_finds_the_peak_between_samples() {
        // A sine at a quarter of the rate, 45° off the sample grid: every sample is at
        // 0.5 × cos 45° ≈ 0.354, the wave peaks at 0.5 between them (−6.02 dBTP) — where a
        // 4× oversampled meter reads about −6.7 at 22.05 kHz.
        let rate = 22_050;
        let x: Vec<f32> = (0..rate as usize)
            .map(|i| {
                let t = i as f64 / 4.0 + 0.125;
                (0.5 * (2.0 * std::f64::consts::PI * t).sin()) as f32
            })
            .collect();
        let sample_peak = x.iter().fold(0f32, |m, v| m.max(v.abs()));
        assert!((sample_peak - 0.3536).abs() < 1e-3, "{sample_peak}");
        let mut tp = TruePeak::new(rate);
        tp.add(x.iter().copied());
        let peak = db(f64::from(tp.peak()));
        // (The abrupt start rings a little over: within 0.1 dB.)
        assert!((peak + 6.02).abs() < 0.1, "true peak {peak} dBTP");
        // A lone full-scale pulse rings past its samples at the very end, too.
        let mut tp = TruePeak::new(rate);
        tp.add([0.0, 0.0, 0.9, -0.9]);
        assert!(tp.peak() > 0.9, "{}", tp.peak());
    }

    #[test]
    fn meter_reads_a_full_scale_sine_as_minus_three_lufs_ish() {
        // BS.1770: a 997 Hz sine at 0 dBFS on one channel reads −3.01 LUFS.
        let rate = 48_000;
        let samples: Vec<i16> = sine(997.0, 1.0, rate, rate as usize * 5)
            .into_iter()
            .map(|x| (x * 32767.0) as i16)
            .collect();
        let mut m = Meter::new(rate, true);
        m.add(&samples);
        let r = m.measurement();
        assert!((r.integrated_lufs.unwrap() + 3.01).abs() < 0.1, "{r:?}");
        assert!((r.rms_dbfs.unwrap() + 3.01).abs() < 0.05, "{r:?}");
        m.add_silence(rate as usize);
        assert_eq!(m.measurement().noise_floor_dbfs, None, "silence is −∞");
    }

    #[test]
    fn histogram_integration_reads_as_the_exact_gated_mean() {
        // Speech-like: one-second phrases at levels spread over 30 dB, with pauses, so the
        // blocks fill many histogram bins and both gates act.
        let rate = 16_000;
        let mut samples = Vec::new();
        let mut state = 12_345u32;
        for phrase in 0..240 {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let level = 0.02 + 0.6 * (state >> 8) as f32 / (1u32 << 24) as f32;
            let tone = sine(
                180.0 + (phrase % 7) as f32 * 40.0,
                level,
                rate,
                rate as usize,
            );
            samples.extend(tone.into_iter().map(|x| (x * 32767.0) as i16));
            samples.extend(std::iter::repeat_n(0i16, (phrase % 4) * 1_600));
        }
        let mut exact = ebur128::EbuR128::new(1, rate, ebur128::Mode::I).unwrap();
        exact.add_frames_i16(&samples).unwrap();
        let mut m = Meter::new(rate, false);
        m.add(&samples);
        let exact = exact.loudness_global().unwrap();
        assert!(
            (m.integrated() - exact).abs() < 0.01,
            "histogram {} vs every block {exact}",
            m.integrated()
        );
    }

    #[test]
    fn a_shifted_measurement_is_the_measurement_of_the_scaled_audio() {
        // Speech-like phrases and pauses, measured as they are and at half amplitude.
        let rate = 16_000;
        let mut samples = Vec::new();
        for phrase in 0..20 {
            let tone = sine(200.0 + phrase as f32 * 30.0, 0.3, rate, rate as usize);
            samples.extend(tone.into_iter().map(|x| (x * 32767.0) as i16));
            samples.extend(std::iter::repeat_n(0i16, 9_600));
        }
        let halved: Vec<i16> = samples.iter().map(|&x| x / 2).collect();
        let measure = |xs: &[i16]| {
            let mut m = Meter::new(rate, true);
            m.add(xs);
            m.measurement()
        };
        let shifted = measure(&samples).shifted(20.0 * 0.5f64.log10());
        let direct = measure(&halved);
        let close = |a: Option<f64>, b: Option<f64>| (a.unwrap() - b.unwrap()).abs() <= 0.02;
        assert!(
            close(shifted.integrated_lufs, direct.integrated_lufs),
            "{shifted:?} {direct:?}"
        );
        assert!(
            close(shifted.true_peak_dbtp, direct.true_peak_dbtp),
            "{shifted:?} {direct:?}"
        );
        assert!(
            close(shifted.sample_peak_dbfs, direct.sample_peak_dbfs),
            "{shifted:?} {direct:?}"
        );
        assert!(
            close(shifted.rms_dbfs, direct.rms_dbfs),
            "{shifted:?} {direct:?}"
        );
        assert_eq!(shifted.noise_floor_dbfs, None, "digital silence stays −∞");
    }
}
