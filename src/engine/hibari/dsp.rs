//! hibari's vocoder: the model's spectral parts per frame → a 24 kHz waveform.
//!
//! A port of `hibari/dsp.py` (hibari-tts 0.2.1, Apache-2.0). The network predicts, per 12.5 ms
//! frame (hop 300 samples at 24 kHz), five parts of a 601-bin spectrum and a pitch curve; the
//! spectrum of the frame is
//!
//! ```text
//! S = exp(min(lh, 7)) e^{iπ tanh θ} E  +  exp(min(ln, 7)) Z  +  exp(min(lr, 7)) e^{iφ}
//! ```
//!
//! where `E` is the STFT of a band-limited pulse train that follows `f0` (the harmonic part),
//! `Z` is complex Gaussian noise with unit variance per component (the breath and fricatives),
//! and the last term is a free-phase residual. The waveform is the inverse STFT of `S`
//! (n_fft 1200, hop 300, periodic Hann window, `torch.istft(center=True)` conventions). FFTs
//! are `realfft` (f32), as the package uses scipy's float32 FFT; the per-bin `exp` and
//! `sin_cos` are `wide`'s, eight bins at a time.
//!
//! The output matches the package's numpy code to float32 rounding for the same inputs and
//! noise (`tests/hibari.rs` compares them); the noise itself comes from aloud's seeded
//! generator (`engine::noise`), not numpy's, so a chunk sounds the same in any worker.

use std::sync::{Arc, OnceLock};

use realfft::num_complex::Complex32;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use wide::f32x8;

/// Samples per second of the output.
pub const SAMPLE_RATE: u32 = 24_000;
/// FFT length of the (inverse) STFT.
pub const N_FFT: usize = 1200;
/// Samples per frame (12.5 ms).
pub const HOP: usize = 300;
/// Frequency bins per frame: `N_FFT / 2 + 1`.
pub const BINS: usize = N_FFT / 2 + 1;
/// Frames overlapping each output sample (`N_FFT / HOP`).
const OVERLAP: usize = N_FFT / HOP;
/// Below this pitch (Hz) a frame is unvoiced and gets no pulses.
const VOICED_HZ: f32 = 40.0;
/// Highest harmonic frequency of the pulse train (Hz).
const MAX_HARMONIC_HZ: f32 = 11_000.0;
/// Bins computed at once.
const LANES: usize = 8;
/// Log-magnitudes are clipped here before `exp`, as the package does.
const MAX_LOG_MAGNITUDE: f32 = 7.0;

/// The model's outputs for one run: each spectral part is `[BINS, frames]`, row-major (bin
/// `b` of frame `f` at `b * frames + f`), as ONNX Runtime returns `[1, 601, F]`.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// Frames (`F`).
    pub frames: usize,
    /// Log-magnitude of the harmonic branch.
    pub lh: &'a [f32],
    /// Phase rotation of the harmonic branch, `π tanh θ` radians.
    pub theta: &'a [f32],
    /// Log-magnitude of the noise branch.
    pub ln: &'a [f32],
    /// Log-magnitude of the free-phase branch.
    pub lr: &'a [f32],
    /// Phase of the free-phase branch, radians.
    pub phi: &'a [f32],
    /// Pitch per frame in Hz, 0 where unvoiced; `[frames]`.
    pub f0: &'a [f32],
}

/// Why [`synthesize`] refused its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DspError {
    /// An array does not have the length its frame count asks for.
    #[error("model output {name} has {got} values, {expected} expected for {frames} frames")]
    Shape {
        /// Which array.
        name: &'static str,
        /// Its length.
        got: usize,
        /// `BINS × frames` (`frames` for f0, `BINS × 2 × frames` for the noise).
        expected: usize,
        /// Frames.
        frames: usize,
    },
}

/// The periodic Hann window of length [`N_FFT`] (computed in f64, stored as f32 like numpy).
fn window() -> &'static [f32] {
    static WINDOW: OnceLock<Vec<f32>> = OnceLock::new();
    WINDOW.get_or_init(|| {
        (0..N_FFT)
            .map(|n| {
                (0.5 - 0.5 * (2.0 * std::f64::consts::PI * n as f64 / N_FFT as f64).cos()) as f32
            })
            .collect()
    })
}

/// FFT plans, made once per process and shared by every worker thread.
struct Plans {
    forward: Arc<dyn RealToComplex<f32>>,
    inverse: Arc<dyn ComplexToReal<f32>>,
}

fn plans() -> &'static Plans {
    static PLANS: OnceLock<Plans> = OnceLock::new();
    PLANS.get_or_init(|| {
        let mut planner = RealFftPlanner::<f32>::new();
        Plans {
            forward: planner.plan_fft_forward(N_FFT),
            inverse: planner.plan_fft_inverse(N_FFT),
        }
    })
}

/// The band-limited pulse train of a pitch curve: `f0` (Hz per frame) linearly interpolated to
/// one value per sample (`align_corners=False`: sample `j` of frame `k` lies at frame position
/// `k + (j + ½)/HOP − ½`), its phase accumulated, and every harmonic below 11 kHz summed at
/// unit amplitude in closed form, `Σ_{h≤H} cos(h t) = sin((H+½) t) / (2 sin(t/2)) − ½`.
/// Samples where the interpolated pitch is under 40 Hz are 0. Returns `f0.len() × HOP`
/// samples.
pub fn pulses(f0: &[f32]) -> Vec<f32> {
    let frames = f0.len();
    let mut out = Vec::with_capacity(frames * HOP);
    let edge = |k: isize| f0[k.clamp(0, frames as isize - 1) as usize];
    let mut phase = 0f64;
    for k in 0..frames {
        for j in 0..HOP {
            let pos = (j as f64 + 0.5) / HOP as f64 - 0.5;
            let u = pos.rem_euclid(1.0) as f32;
            let v = 1.0 - u;
            let (a, b) = if j < HOP / 2 {
                (edge(k as isize - 1), edge(k as isize))
            } else {
                (edge(k as isize), edge(k as isize + 1))
            };
            let f = a * v + b * u;
            let voiced = f > VOICED_HZ;
            let f = f.max(VOICED_HZ);
            phase += f64::from(f);
            let t =
                ((phase * (1.0 / f64::from(SAMPLE_RATE))).fract() * std::f64::consts::TAU) as f32;
            if !voiced {
                out.push(0.0);
                continue;
            }
            let harmonics = (MAX_HARMONIC_HZ / f).floor() + 0.5;
            let s = (t * 0.5).sin() * 2.0;
            let e = if s.abs() <= 2e-3 {
                harmonics
            } else {
                (harmonics * t).sin() / s
            };
            out.push(e - 0.5);
        }
    }
    out
}

/// tanh through one `exp`: `1 − 2/(e^{2x} + 1)`, exact to about 1e-7 absolute (what the phase
/// it becomes needs) and a tenth of the time of libm's `tanhf`, which was an eighth of a
/// chunk's time. (`exp` overflows to infinity for large x, giving 1.)
fn tanh8(x: f32x8) -> f32x8 {
    let one = f32x8::splat(1.0);
    one - f32x8::splat(2.0) / ((x + x).exp() + one)
}

/// Index into a signal of length `len` padded by reflection (numpy's `reflect`: the edge
/// sample is not repeated), for position `i` of the padded signal whose left pad is `pad`.
fn reflect(i: isize, pad: usize, len: usize) -> usize {
    if len == 1 {
        return 0;
    }
    let period = 2 * (len as isize - 1);
    let mut x = (i - pad as isize).rem_euclid(period);
    if x >= len as isize {
        x = period - x;
    }
    x as usize
}

fn check(name: &'static str, got: usize, expected: usize, frames: usize) -> Result<(), DspError> {
    if got == expected {
        Ok(())
    } else {
        Err(DspError::Shape {
            name,
            got,
            expected,
            frames,
        })
    }
}

/// The waveform of the model's outputs: `parts.frames × HOP` float samples at 24 kHz.
///
/// `noise` is `Z`, `BINS × 2 × frames` standard normal values laid out as numpy's
/// `(601, 2F)` array viewed as complex: bin `b` of frame `f` is
/// `noise[b*2F + 2f] + i·noise[b*2F + 2f + 1]`.
pub fn synthesize(parts: &Parts<'_>, noise: &[f32]) -> Result<Vec<f32>, DspError> {
    let frames = parts.frames;
    let size = BINS * frames;
    for (name, part) in [
        ("lh", parts.lh),
        ("theta", parts.theta),
        ("ln", parts.ln),
        ("lr", parts.lr),
        ("phi", parts.phi),
    ] {
        check(name, part.len(), size, frames)?;
    }
    check("f0", parts.f0.len(), frames, frames)?;
    check("noise", noise.len(), 2 * size, frames)?;
    if frames == 0 {
        return Ok(Vec::new());
    }
    let win = window();
    let plans = plans();
    let pad = N_FFT / 2;
    // The pulse train, reflect-padded by half a window on both sides (torch's center=True).
    let source = {
        let pulses = pulses(parts.f0);
        let len = pulses.len();
        (0..len + 2 * pad)
            .map(|i| pulses[reflect(i as isize, pad, len)])
            .collect::<Vec<f32>>()
    };
    // The pulse train's window is scaled so that a unit cosine peaks at 1 in the STFT
    // (sum(win)/2 = 300).
    let source_win: Vec<f32> = win.iter().map(|w| w / (N_FFT / 4) as f32).collect();

    let mut frame = plans.forward.make_input_vec();
    let mut spectrum = plans.forward.make_output_vec();
    let mut scratch_fwd = plans.forward.make_scratch_vec();
    let mut scratch_inv = plans.inverse.make_scratch_vec();
    let mut out_frame = plans.inverse.make_output_vec();
    let mut y = vec![0f32; (frames + OVERLAP - 1) * HOP];
    for f in 0..frames {
        // STFT frame f of the reflect-padded pulse train.
        let start = f * HOP;
        for ((x, s), w) in frame
            .iter_mut()
            .zip(&source[start..start + N_FFT])
            .zip(&source_win)
        {
            *x = s * w;
        }
        plans
            .forward
            .process_with_scratch(&mut frame, &mut spectrum, &mut scratch_fwd)
            .expect("buffers come from the plan");
        // Eight bins at a time (`wide`'s vectorized exp and sin_cos): the transcendentals
        // of the five parts were a third of a chunk's time, one bin at a time through libm.
        for (group, bins) in spectrum.chunks_mut(LANES).enumerate() {
            let b0 = group * LANES;
            let lane = |part: &[f32]| {
                let mut v = [0f32; LANES];
                for (k, x) in v.iter_mut().enumerate().take(bins.len()) {
                    *x = part[(b0 + k) * frames + f];
                }
                f32x8::new(v)
            };
            let noise_lane = |c: usize| {
                let mut v = [0f32; LANES];
                for (k, x) in v.iter_mut().enumerate().take(bins.len()) {
                    *x = noise[(b0 + k) * 2 * frames + 2 * f + c];
                }
                f32x8::new(v)
            };
            let ex = |x: f32x8| x.min(f32x8::splat(MAX_LOG_MAGNITUDE)).exp();
            let mut re = [0f32; LANES];
            let mut im = [0f32; LANES];
            for (k, s) in bins.iter().enumerate() {
                re[k] = s.re;
                im[k] = s.im;
            }
            let (re, im) = (f32x8::new(re), f32x8::new(im));
            // Harmonic: E · e^{iπ tanh θ} · exp(lh).
            let gain = ex(lane(parts.lh));
            let (sin, cos) =
                (f32x8::splat(std::f32::consts::PI) * tanh8(lane(parts.theta))).sin_cos();
            let (rot_re, rot_im) = (cos * gain, sin * gain);
            let mut out_re = re * rot_re - im * rot_im;
            let mut out_im = re * rot_im + im * rot_re;
            // Noise: Z · exp(ln).
            let gain = ex(lane(parts.ln));
            out_re += noise_lane(0) * gain;
            out_im += noise_lane(1) * gain;
            // Residual: e^{iφ} · exp(lr).
            let gain = ex(lane(parts.lr));
            let (sin, cos) = lane(parts.phi).sin_cos();
            out_re += cos * gain;
            out_im += sin * gain;
            let (out_re, out_im) = (out_re.to_array(), out_im.to_array());
            for (k, s) in bins.iter_mut().enumerate() {
                *s = Complex32::new(out_re[k], out_im[k]);
            }
        }
        // irfft ignores the imaginary parts of the DC and Nyquist bins.
        spectrum[0].im = 0.0;
        spectrum[BINS - 1].im = 0.0;
        plans
            .inverse
            .process_with_scratch(&mut spectrum, &mut out_frame, &mut scratch_inv)
            .expect("buffers come from the plan");
        let at = f * HOP;
        for (n, x) in out_frame.iter().enumerate() {
            // realfft's inverse is unnormalized: irfft divides by n.
            y[at + n] += x / N_FFT as f32 * win[n];
        }
    }
    // Divide by the summed squared window over the frames that cover each sample: the same
    // for every block covered by all OVERLAP frames, tapered in the first and last blocks.
    let summed = |r: usize, o: usize| {
        let mut sum = 0f32;
        for k in 0..OVERLAP {
            if r >= k && r - k < frames {
                let w = win[k * HOP + o];
                sum += w * w;
            }
        }
        sum.max(1e-11)
    };
    let inner: Vec<f32> = (0..HOP).map(|o| summed(OVERLAP - 1, o)).collect();
    for (r, block) in y.chunks_mut(HOP).enumerate() {
        if r >= OVERLAP - 1 && r < frames {
            for (x, sum) in block.iter_mut().zip(&inner) {
                *x /= sum;
            }
        } else {
            for (o, x) in block.iter_mut().enumerate() {
                *x /= summed(r, o);
            }
        }
    }
    Ok(y[pad..pad + frames * HOP].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflect_mirrors_without_repeating_the_edge() {
        // numpy.pad([a b c d], 2, 'reflect') = [c b a b c d c b]
        let got: Vec<usize> = (0..8).map(|i| reflect(i, 2, 4)).collect();
        assert_eq!(got, vec![2, 1, 0, 1, 2, 3, 2, 1]);
        assert_eq!(reflect(5, 2, 1), 0);
    }

    #[test]
    fn tanh_is_libms_to_a_millionth() {
        for i in (-2000..=2000).step_by(8) {
            let x: [f32; 8] = std::array::from_fn(|k| (i + k as i32) as f32 / 100.0);
            let got = tanh8(f32x8::new(x)).to_array();
            for (x, t) in x.iter().zip(got) {
                assert!((t - x.tanh()).abs() < 1e-6, "{x}");
            }
        }
        let saturated = tanh8(f32x8::new([1e6, -1e6, 50.0, -50.0, 0.0, 0.0, 0.0, 0.0]));
        assert_eq!(&saturated.to_array()[..5], &[1.0, -1.0, 1.0, -1.0, 0.0]);
    }

    #[test]
    fn unvoiced_pitch_makes_no_pulses() {
        assert!(pulses(&[0.0, 10.0, 39.0]).iter().all(|&x| x == 0.0));
        assert_eq!(pulses(&[100.0; 4]).len(), 4 * HOP);
    }

    #[test]
    fn a_steady_pitch_gives_pulses_at_its_period() {
        // 120 Hz: a pulse every 200 samples; the peaks of the train are that far apart.
        let x = pulses(&[120.0; 20]);
        let peaks: Vec<usize> = (1..x.len() - 1)
            .filter(|&i| x[i] > 50.0 && x[i] >= x[i - 1] && x[i] > x[i + 1])
            .collect();
        assert!(peaks.len() >= 25, "{peaks:?}");
        for w in peaks.windows(2) {
            assert_eq!(w[1] - w[0], 200, "{peaks:?}");
        }
    }

    #[test]
    fn wrong_shapes_are_refused() {
        let v = vec![0f32; BINS * 2];
        let parts = Parts {
            frames: 2,
            lh: &v,
            theta: &v,
            ln: &v,
            lr: &v[..10],
            phi: &v,
            f0: &[0.0, 0.0],
        };
        let noise = vec![0f32; BINS * 4];
        assert!(matches!(
            synthesize(&parts, &noise),
            Err(DspError::Shape { name: "lr", .. })
        ));
    }
}
