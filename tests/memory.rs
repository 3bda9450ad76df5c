//! Memory that must not grow with the article (issue 12: peak RSS ≤ 64 MB on a 100,000-word
//! text with espeak). A counting allocator measures the heap: the peak of the bytes live at
//! once while the code under test runs. The tests take turns (one lock), so each measures
//! only itself and the test harness.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use aloud::audio::encode::{Format, Tags, SPEECH};
use aloud::audio::loudness::{Meter, PODCAST};
use aloud::audio::master::{Master, Publish};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the counters only
// observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The most heap `f` had live at once beyond what was live when it started, bytes.
fn peak_heap(f: impl FnOnce()) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed) - base
}

/// `seconds` of a speech-like signal at `rate`: a tone whose level moves every 200 ms.
fn speech(seconds: f64, rate: u32, seed: u32) -> Vec<i16> {
    let n = (seconds * f64::from(rate)) as usize;
    let mut level = 0.3;
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    (0..n)
        .map(|i| {
            if i % (rate as usize / 5) == 0 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                level = 0.05 + 0.5 * f64::from(state % 1000) / 1000.0;
            }
            let t = i as f64 / f64::from(rate);
            let x = (2.0 * std::f64::consts::PI * 160.0 * t).sin()
                + 0.5 * (2.0 * std::f64::consts::PI * 1_130.0 * t).sin();
            (level * x / 1.5 * 32767.0) as i16
        })
        .collect()
}

#[test]
fn the_meter_holds_the_same_memory_after_an_hour_as_after_ten_minutes() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let rate = 16_000;
    let minute = speech(60.0, rate, 1);
    let mut meter = Meter::new(rate, true);
    for _ in 0..10 {
        meter.add(&minute);
    }
    let after_ten = LIVE.load(Ordering::Relaxed) as i64;
    // 50 more minutes: 30,000 more 400 ms blocks of gating history (240 KB) if it were kept.
    for _ in 0..50 {
        meter.add(&minute);
    }
    let grew = LIVE.load(Ordering::Relaxed) as i64 - after_ten;
    assert!(meter.integrated().is_finite(), "{}", meter.integrated());
    // Some slack for the test harness, which may print for another test meanwhile.
    assert!(
        grew < 32 * 1024,
        "the meter grew by {grew} bytes over 50 minutes"
    );
}

/// Masters an article of `chunks` chunks of `seconds` each (WAV only, podcast loudness) and
/// returns the peak heap while pushing and finishing, bytes.
fn master_peak(chunks: usize, seconds: f64) -> usize {
    let rate = 16_000;
    let dir = tempfile::tempdir().unwrap();
    let spoken: Vec<Vec<i16>> = (0..8).map(|k| speech(seconds, rate, k + 1)).collect();
    let publish = Publish {
        formats: vec![Format::Wav],
        tags: Tags {
            title: "Memory".into(),
            source: "memory.txt".into(),
            voice: "test".into(),
            credit: None,
            date: "2026-12-02".into(),
            language: "en".into(),
        },
        chapters: Vec::new(),
        quality: SPEECH,
    };
    let peak = peak_heap(|| {
        let mut master = Master::create(dir.path(), "memory", rate, u64::MAX, PODCAST).unwrap();
        for i in 0..chunks {
            master
                .push(
                    &spoken[i % spoken.len()],
                    300,
                    80,
                    (i % 4 == 0).then_some(320),
                )
                .unwrap();
        }
        let mastered = master.finish(&publish).unwrap();
        assert_eq!(mastered.parts.len(), 1);
    });
    let wav = hound::WavReader::open(dir.path().join("memory.wav")).unwrap();
    let expected = chunks * (spoken[0].len() + (rate as usize * 300 / 1000));
    assert_eq!(
        wav.len() as usize,
        expected,
        "the mastered WAV has every sample"
    );
    peak
}

#[test]
fn mastering_does_not_hold_its_sample_in_memory() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // The sample is 48 chunks: 24 s (0.8 MB) of half-second chunks, 192 s (6 MB) of
    // four-second chunks. Held in memory, the second would peak at least 5 MB higher. What
    // pass 2 holds in flight is bounded but depends on timing: its queues hold at most
    // QUEUE (8) blocks of 16,384 samples, as f32 samples and peaks from the reader (1 MiB)
    // and as i16 to the encoder (256 KiB); the short article may end before they fill. Since
    // the peak envelope got faster (2026-12-06) the reader fills them more often, and a clean
    // clone's CI saw 1.15 MB between the two; the margin is those queues, under the sample.
    let short = master_peak(100, 0.5);
    let long = master_peak(100, 4.0);
    assert!(
        long < short + 2 * 1024 * 1024,
        "mastering 4 s chunks peaked at {long} bytes, 0.5 s chunks at {short}"
    );
}
