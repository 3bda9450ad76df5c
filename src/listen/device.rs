//! The sound device (cpal; ALSA on Linux): a stream whose callback plays the current chunk's
//! samples, or silence while paused or waiting. The audio thread only copies samples and
//! reports when a chunk begins and ends; what to play is decided by the session loop.

use std::sync::atomic::AtomicU64;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SizedSample};

use super::{Event, ListenError, NO_DEVICE_HINT};

/// The device period is 1/25 s (40 ms).
const PERIODS_PER_SECOND: u32 = 25;

/// Environment variable naming the output device when `--device` is not given.
pub const DEVICE_ENV: &str = "ALOUD_AUDIO_DEVICE";

/// What the audio callback plays.
struct Playing {
    /// The chunk playing, and its samples (speech and the pause after it) at the chunk rate.
    chunk: Option<(usize, Arc<Vec<i16>>)>,
    /// The chunk to go on with when this one ends, without waiting for the session loop.
    next: Option<(usize, Arc<Vec<i16>>)>,
    /// The chunk playing was started by the callback from `next`.
    rolled: bool,
    /// Position in the chunk's samples, fractional when the device runs at another rate.
    pos: f64,
    paused: bool,
    began: bool,
    ended: bool,
}

/// An open output stream.
pub struct Device {
    playing: Arc<Mutex<Playing>>,
    /// How many times the device asked for samples: a stream that stopped stops counting.
    callbacks: Arc<AtomicU64>,
    /// Dropping it stops the stream.
    stream: cpal::Stream,
    /// The stream runs from the first chunk on (before it, the device would fill its buffer
    /// with silence that the first chunk then waits behind).
    started: std::sync::atomic::AtomicBool,
    sample_rate: u32,
    /// The device's name, for messages.
    pub name: String,
}

fn no_device(name: &str, reason: impl std::fmt::Display) -> ListenError {
    // alsa-lib's own word ("Unknown PCM default") says more than cpal's summary of it.
    let reason = alsa_says().unwrap_or_else(|| reason.to_string());
    ListenError::NoOutput(format!(
        "no sound device: cannot play through the ALSA device {name:?} ({reason}); \
         {NO_DEVICE_HINT}"
    ))
}

#[cfg(target_os = "linux")]
std::thread_local! {
    /// alsa-lib's messages on this thread while a device is opened.
    static ALSA_MESSAGES: std::cell::RefCell<Option<std::rc::Rc<std::cell::RefCell<alsa::Output>>>> =
        const { std::cell::RefCell::new(None) };
}

/// Sends alsa-lib's messages on this thread to a buffer (they would go to stderr: a dozen
/// lines of configuration errors when there is no card).
fn capture_alsa_messages() {
    #[cfg(target_os = "linux")]
    if let Ok(buffer) = alsa::Output::local_error_handler() {
        ALSA_MESSAGES.with_borrow_mut(|m| *m = Some(buffer));
    }
}

/// alsa-lib's last message on this thread, e.g. `Unknown PCM default`.
fn alsa_says() -> Option<String> {
    #[cfg(target_os = "linux")]
    return ALSA_MESSAGES.with_borrow(|m| {
        let text = m.as_ref()?.borrow().to_string();
        let last = text.lines().rev().find(|l| !l.trim().is_empty())?;
        // "snd_pcm_open_noupdate: Unknown PCM default"
        Some(
            last.split_once(": ")
                .map_or(last, |(_, m)| m)
                .trim()
                .to_string(),
        )
    });
    #[cfg(not(target_os = "linux"))]
    None
}

impl Device {
    /// Opens `name` (an ALSA PCM as `aplay -L` lists it: `default`, `pulse`, `null`,
    /// `hw:CARD=…`; default: `$ALOUD_AUDIO_DEVICE`, else the system's default) for mono
    /// samples at `sample_rate`, and starts its stream playing silence. Chunk begins and ends
    /// go to `events`. When the device cannot take `sample_rate`, its own rate is used and
    /// samples are interpolated linearly.
    pub fn open(
        name: Option<&str>,
        sample_rate: u32,
        events: Sender<Event>,
    ) -> Result<Self, ListenError> {
        capture_alsa_messages();
        let host = cpal::default_host();
        let env = std::env::var(DEVICE_ENV).ok().filter(|s| !s.is_empty());
        let wanted = name.map(str::to_string).or(env);
        let label = wanted.clone().unwrap_or_else(|| "default".into());
        let device = match &wanted {
            Some(n) => host
                .device_by_id(&cpal::DeviceId::new(host.id(), n))
                .ok_or_else(|| no_device(n, "no such device"))?,
            None => host
                .default_output_device()
                .ok_or_else(|| no_device(&label, "no default output device"))?,
        };
        let ranges: Vec<_> = device
            .supported_output_configs()
            .map_err(|e| no_device(&label, e))?
            .collect();
        let exact = ranges
            .iter()
            .filter(|r| {
                matches!(
                    r.sample_format(),
                    cpal::SampleFormat::I16 | cpal::SampleFormat::F32
                )
            })
            .min_by_key(|r| r.channels())
            .and_then(|r| r.try_with_sample_rate(sample_rate));
        let config = match exact {
            Some(c) => c,
            None => device
                .default_output_config()
                .map_err(|e| no_device(&label, e))?,
        };
        let playing = Arc::new(Mutex::new(Playing {
            chunk: None,
            next: None,
            rolled: false,
            pos: 0.0,
            paused: false,
            began: false,
            ended: false,
        }));
        let mut stream_config = config.config();
        let device_rate = stream_config.sample_rate;
        let step = f64::from(sample_rate) / f64::from(device_rate);
        let channels = usize::from(stream_config.channels);
        let callbacks = Arc::new(AtomicU64::new(0));
        let format = config.sample_format();
        let build_with = |stream_config: cpal::StreamConfig| {
            let feed = Feed {
                playing: playing.clone(),
                events: events.clone(),
                step,
                channels,
                callbacks: callbacks.clone(),
            };
            match format {
                cpal::SampleFormat::I16 => build::<i16>(&device, stream_config, feed),
                cpal::SampleFormat::F32 => build::<f32>(&device, stream_config, feed),
                cpal::SampleFormat::I32 => build::<i32>(&device, stream_config, feed),
                cpal::SampleFormat::U8 => build::<u8>(&device, stream_config, feed),
                other => Err(cpal::Error::with_message(
                    cpal::ErrorKind::UnsupportedConfig,
                    format!("sample format {other} unsupported"),
                )),
            }
        };
        // A short period: the device holds two, so a chunk is heard about 80 ms after the
        // callback takes it (the device's default can be a second or more, which would delay
        // the first chunk and make every begin early by as much).
        let period = (device_rate / PERIODS_PER_SECOND).max(1);
        let fits = match config.buffer_size() {
            cpal::SupportedBufferSize::Range { min, max } => (*min..=*max).contains(&period),
            _ => true,
        };
        let short = fits.then(|| {
            stream_config.buffer_size = cpal::BufferSize::Fixed(period);
            build_with(stream_config)
        });
        let stream = match short {
            Some(Ok(stream)) => stream,
            _ => {
                stream_config.buffer_size = cpal::BufferSize::Default;
                build_with(stream_config).map_err(|e| no_device(&label, e))?
            }
        };
        Ok(Device {
            callbacks,
            playing,
            stream,
            started: false.into(),
            sample_rate,
            name: label,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Playing> {
        self.playing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Plays chunk `index`'s `samples` from the start, replacing whatever played; unless
    /// the device already went on to `index` by itself (see [`Device::queue_next`]).
    pub fn play(&self, index: usize, samples: Arc<Vec<i16>>) -> Result<(), ListenError> {
        if !self
            .started
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            self.stream.play().map_err(|e| no_device(&self.name, e))?;
        }
        let mut p = self.lock();
        if p.rolled && p.chunk.as_ref().is_some_and(|(i, _)| *i == index) {
            p.rolled = false;
            return Ok(());
        }
        p.rolled = false;
        p.next = None;
        p.chunk = Some((index, samples));
        p.pos = 0.0;
        p.paused = false;
        p.began = false;
        p.ended = false;
        Ok(())
    }

    /// Goes on with chunk `index` as soon as the current chunk ends (gapless: the audio
    /// thread switches, then reports the end and the begin).
    pub fn queue_next(&self, index: usize, samples: Arc<Vec<i16>>) {
        let mut p = self.lock();
        if p.chunk.as_ref().is_some_and(|(i, _)| i + 1 == index) && !p.ended {
            p.next = Some((index, samples));
        }
    }

    /// Forgets the chunk queued to go on with (it was made at another rate).
    pub fn clear_next(&self) {
        self.lock().next = None;
    }

    /// Plays silence until [`Device::play`].
    pub fn stop(&self) {
        let mut p = self.lock();
        p.chunk = None;
        p.next = None;
        p.rolled = false;
    }

    /// Holds (or releases) the current chunk where it is.
    pub fn set_paused(&self, paused: bool) {
        self.lock().paused = paused;
    }

    /// How many times the device has asked for samples so far (it asks while paused too);
    /// `None` before the stream was started by the first chunk.
    pub fn callbacks(&self) -> Option<u64> {
        self.started
            .load(std::sync::atomic::Ordering::Relaxed)
            .then(|| self.callbacks.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// How much of the current chunk has been handed to the device, in milliseconds.
    pub fn played_ms(&self) -> u64 {
        let p = self.lock();
        (p.pos * 1000.0 / f64::from(self.sample_rate)) as u64
    }
}

/// What the device callback needs: the chunk being played, where to report chunk starts and
/// ends, the resampling step (engine rate / device rate), the device's channel count, and a
/// counter of callbacks for the session's watchdog.
struct Feed {
    playing: Arc<Mutex<Playing>>,
    events: Sender<Event>,
    step: f64,
    channels: usize,
    callbacks: Arc<AtomicU64>,
}

/// Builds the output stream for sample type `T`.
fn build<T>(
    device: &cpal::Device,
    config: cpal::StreamConfig,
    feed: Feed,
) -> Result<cpal::Stream, cpal::Error>
where
    T: SizedSample + FromSample<f32>,
{
    let Feed {
        playing,
        events,
        step,
        channels,
        callbacks,
    } = feed;
    let errors = events.clone();
    device.build_output_stream::<T, _, _>(
        config,
        move |data: &mut [T], _| {
            callbacks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut p = playing
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            for frame in data.chunks_mut(channels) {
                let value = next_sample(&mut p, step, &events);
                let out = T::from_sample(value);
                frame.iter_mut().for_each(|s| *s = out);
            }
        },
        move |e| {
            // A device that is gone ends listening. Anything else (an underrun while the
            // neural voice takes every core; PulseAudio's ALSA plugin answering EIO while its
            // stream starts) is a click, and playback goes on; a stream that really stopped
            // is caught by the session's watchdog (`Device::callbacks`).
            if matches!(
                e.kind(),
                cpal::ErrorKind::DeviceNotAvailable
                    | cpal::ErrorKind::StreamInvalidated
                    | cpal::ErrorKind::PermissionDenied
            ) {
                let _ = errors.send(Event::Failed(format!("the sound device failed: {e}")));
            }
        },
        None,
    )
}

/// The next sample of the current chunk (linearly interpolated at a fractional position), or
/// silence; reports the chunk's first and last sample.
fn next_sample(p: &mut Playing, step: f64, events: &Sender<Event>) -> f32 {
    let Some((index, samples)) = p.chunk.as_ref() else {
        return 0.0;
    };
    if p.paused || p.ended {
        return 0.0;
    }
    if !p.began {
        p.began = true;
        let _ = events.send(Event::Began(*index));
    }
    let i = p.pos as usize;
    if i >= samples.len() {
        let _ = events.send(Event::Ended(*index));
        match p.next.take() {
            Some(next) => {
                p.chunk = Some(next);
                p.pos = 0.0;
                p.began = false;
                p.rolled = true;
                return next_sample(p, step, events);
            }
            None => {
                p.ended = true;
                return 0.0;
            }
        }
    }
    let frac = (p.pos - i as f64) as f32;
    let a = f32::from(samples[i]);
    let b = f32::from(samples.get(i + 1).copied().unwrap_or(samples[i]));
    p.pos += step;
    (a + (b - a) * frac) / 32768.0
}
