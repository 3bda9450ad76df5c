//! Opus in Ogg (RFC 7845): Debian's libopus through the `opus` crate, pages through the `ogg`
//! crate, the audio resampled to 48 kHz (Opus's own rate) by `rubato`'s FFT resampler.
//!
//! Tags and chapters are Vorbis comments in the `OpusTags` header: `TITLE`, `ARTIST` (the
//! narrator voice), `DATE`, `LANGUAGE`, `COMMENT` (source, voice and its credit), `SOURCE_URL`,
//! and the chapter comments players and ffmpeg read, `CHAPTER01=00:01:02.500` with
//! `CHAPTER01NAME=…` (three digits past 99 chapters).

use std::io::Write;
use std::path::{Path, PathBuf};

use ogg::writing::PacketWriteEndInfo;
use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Indexing, Resampler};

use super::{timestamp, EncodeError, Encoder, Stream};

/// Opus's decoding rate, in which Ogg granule positions count.
const OPUS_RATE: u32 = 48_000;
/// 20 ms frames: Opus's default and best-tested frame size.
const FRAME: usize = 960;
/// Packets per Ogg page: one page a second, so a player seeks to the second.
const PACKETS_PER_PAGE: u64 = 50;
/// The stream's serial number ("alou"): a file holds one stream.
const SERIAL: u32 = 0x616c_6f75;
/// Input frames per resampler call.
const RESAMPLE_CHUNK: usize = 1024;

/// Streams mono 16-bit samples into an Ogg Opus file.
pub struct OpusEncoder {
    encoder: opus::Encoder,
    writer: ogg::PacketWriter<'static, std::io::BufWriter<std::fs::File>>,
    path: PathBuf,
    tmp: PathBuf,
    resampler: Option<Fft<f32>>,
    /// Input waiting for the resampler (at the input rate).
    input: Vec<f32>,
    /// 48 kHz samples waiting to be encoded.
    pending: Vec<f32>,
    /// 48 kHz samples of resampler delay still to drop.
    delay_left: usize,
    /// Input samples received, and the 48 kHz samples they make.
    received: u64,
    sample_rate: u32,
    pre_skip: u64,
    /// 48 kHz samples encoded so far (without pre-skip).
    encoded: u64,
    packets: u64,
    packet: Vec<u8>,
    /// Where each packet goes too, once encoded ([`Encoder::tap_packets`]).
    tap: Option<super::PacketTap>,
}

fn opus_error(path: &Path) -> impl Fn(opus::Error) -> EncodeError + '_ {
    move |e| EncodeError::new(path, format!("libopus: {e}"))
}

impl OpusEncoder {
    /// Starts `path` (a temporary file until [`Encoder::finish`]) at
    /// `stream.quality.opus_kbps`.
    pub fn create(path: &Path, stream: &Stream) -> Result<OpusEncoder, EncodeError> {
        let err = opus_error(path);
        let application = if stream.quality.opus_speech {
            opus::Application::LowDelay
        } else {
            opus::Application::Audio
        };
        let mut encoder =
            opus::Encoder::new(OPUS_RATE, opus::Channels::Mono, application).map_err(&err)?;
        encoder
            .set_bitrate(opus::Bitrate::Bits(stream.quality.opus_kbps as i32 * 1000))
            .map_err(&err)?;
        encoder
            .set_complexity(i32::from(stream.quality.opus_complexity))
            .map_err(&err)?;
        if stream.quality.opus_speech {
            encoder.set_vbr_constraint(true).map_err(&err)?;
            // Speech in 8 kHz of audio band (Opus "wideband"): over the whole band libopus's
            // decoded peaks passed the master's by 0.9-1.4 dB, more the harder the master was
            // limited, so lowering the ceiling never caught them (README, "Lossy formats").
            encoder
                .set_max_bandwidth(opus::Bandwidth::Wideband)
                .map_err(&err)?;
        }
        let pre_skip = encoder.get_lookahead().map_err(&err)?.max(0) as u64;
        let resampler = if stream.sample_rate == OPUS_RATE {
            None
        } else {
            Some(
                Fft::<f32>::new(
                    stream.sample_rate as usize,
                    OPUS_RATE as usize,
                    RESAMPLE_CHUNK,
                    1,
                    FixedSync::Input,
                )
                .map_err(|e| EncodeError::new(path, format!("resampler: {e}")))?,
            )
        };
        let delay_left = resampler.as_ref().map_or(0, |r| r.output_delay());
        let tmp = crate::export::fs::temp_path(path);
        let file = std::fs::File::create(&tmp).map_err(|e| EncodeError::new(path, e))?;
        let mut writer = ogg::PacketWriter::new(std::io::BufWriter::new(file));
        let io = |e: std::io::Error| EncodeError::new(path, e);
        writer
            .write_packet(
                opus_head(pre_skip as u16, stream.sample_rate),
                SERIAL,
                PacketWriteEndInfo::EndPage,
                0,
            )
            .map_err(io)?;
        writer
            .write_packet(opus_tags(stream), SERIAL, PacketWriteEndInfo::EndPage, 0)
            .map_err(io)?;
        Ok(OpusEncoder {
            encoder,
            writer,
            path: path.to_path_buf(),
            tmp,
            resampler,
            input: Vec::new(),
            pending: Vec::new(),
            delay_left,
            received: 0,
            sample_rate: stream.sample_rate,
            pre_skip,
            encoded: 0,
            packets: 0,
            packet: vec![0; 4000],
            tap: None,
        })
    }

    /// Resamples what input there is into `pending`; when `last`, all of it, and the
    /// resampler's delay flushed with silence.
    fn resample(&mut self, last: bool) -> Result<(), EncodeError> {
        let Some(need) = self.resampler.as_ref().map(|r| r.input_frames_next()) else {
            self.pending.append(&mut self.input);
            return Ok(());
        };
        while self.input.len() >= need {
            let chunk: Vec<f32> = self.input.drain(..need).collect();
            self.run_resampler(chunk, None)?;
        }
        if !last {
            return Ok(());
        }
        if !self.input.is_empty() {
            let chunk = std::mem::take(&mut self.input);
            let len = chunk.len();
            self.run_resampler(chunk, Some(len))?;
        }
        // The resampler holds its delay's worth back: silence pushes it out.
        for _ in 0..16 {
            if self.pending.len() as u64 + self.encoded >= self.expected() {
                break;
            }
            self.run_resampler(Vec::new(), Some(0))?;
        }
        Ok(())
    }

    /// One resampler call on `chunk` (padded with silence to the size it takes; `partial`
    /// says how much of it is real input).
    fn run_resampler(
        &mut self,
        mut chunk: Vec<f32>,
        partial: Option<usize>,
    ) -> Result<(), EncodeError> {
        let path = self.path.clone();
        let resampler = self.resampler.as_mut().expect("resampling");
        let need = resampler.input_frames_next();
        chunk.resize(need, 0.0);
        let indexing = Indexing {
            input_offset: 0,
            output_offset: 0,
            partial_len: partial,
            active_channels_mask: None,
        };
        let adapter = InterleavedSlice::new(&chunk, 1, need)
            .map_err(|e| EncodeError::new(&path, format!("resampler: {e}")))?;
        let out = resampler
            .process(&adapter, Some(&indexing))
            .map_err(|e| EncodeError::new(&path, format!("resampler: {e}")))?
            .take_data();
        let skip = self.delay_left.min(out.len());
        self.delay_left -= skip;
        self.pending.extend_from_slice(&out[skip..]);
        Ok(())
    }

    /// 48 kHz samples the input makes.
    fn expected(&self) -> u64 {
        (self.received * u64::from(OPUS_RATE) + u64::from(self.sample_rate) / 2)
            / u64::from(self.sample_rate)
    }

    fn encode_frames(&mut self, last: bool) -> Result<(), EncodeError> {
        let err = opus_error(&self.path);
        while self.pending.len() >= FRAME || (last && !self.pending.is_empty()) {
            let take = self.pending.len().min(FRAME);
            let mut frame: Vec<f32> = self.pending.drain(..take).collect();
            frame.resize(FRAME, 0.0);
            let n = self
                .encoder
                .encode_float(&frame, &mut self.packet)
                .map_err(&err)?;
            self.encoded += take as u64;
            self.packets += 1;
            if let Some(tap) = &mut self.tap {
                tap(&self.packet[..n]);
            }
            let end = last && self.pending.is_empty();
            let info = if end {
                PacketWriteEndInfo::EndStream
            } else if self.packets.is_multiple_of(PACKETS_PER_PAGE) {
                PacketWriteEndInfo::EndPage
            } else {
                PacketWriteEndInfo::NormalPacket
            };
            self.writer
                .write_packet(
                    self.packet[..n].to_vec(),
                    SERIAL,
                    info,
                    self.pre_skip + self.encoded.min(self.expected()),
                )
                .map_err(|e| EncodeError::new(&self.path, e))?;
        }
        Ok(())
    }
}

impl Encoder for OpusEncoder {
    fn tap_packets(&mut self, tap: super::PacketTap) -> bool {
        self.tap = Some(tap);
        true
    }

    fn write(&mut self, samples: &[i16]) -> Result<(), EncodeError> {
        self.received += samples.len() as u64;
        self.input
            .extend(samples.iter().map(|&s| f32::from(s) / 32768.0));
        self.resample(false)?;
        self.encode_frames(false)
    }

    fn finish(mut self: Box<Self>) -> Result<Vec<String>, EncodeError> {
        self.resample(true)?;
        // Exactly the samples the input makes: the rest is resampler padding.
        let wanted = self.expected().saturating_sub(self.encoded) as usize;
        // Then the encoder's lookahead of silence, so the packets hold every input sample
        // (the last granule position counts only the input: RFC 7845 §4, end trimming).
        self.pending.resize(wanted + self.pre_skip as usize, 0.0);
        if self.pending.is_empty() {
            // An empty stream still needs its end: one silent frame, all of it trimmed.
            self.pending.push(0.0);
        }
        self.encode_frames(true)?;
        let path = self.path.clone();
        let io = |e: std::io::Error| EncodeError::new(&path, e);
        let OpusEncoder { writer, tmp, .. } = *self;
        let mut file = writer.into_inner();
        file.flush().map_err(io)?;
        file.get_ref().sync_all().map_err(io)?;
        std::fs::rename(&tmp, &path).map_err(io)?;
        Ok(vec![super::mp3::file_name(&path)])
    }
}

/// Decodes an Ogg Opus file (one mono stream, as aloud writes them) with libopus at `rate`
/// (Hz, one of Opus's: [`decode_rate`] gives the one that keeps the stream's whole band),
/// handing the samples to `each` a packet at a time (the pre-skip included: mastering only
/// measures them).
pub fn decode_file(
    path: &Path,
    rate: u32,
    each: &mut dyn FnMut(&[i16]),
) -> Result<(), EncodeError> {
    let err = |e: &dyn std::fmt::Display| EncodeError::new(path, e);
    let file = std::fs::File::open(path).map_err(|e| err(&e))?;
    let mut reader = ogg::PacketReader::new(std::io::BufReader::new(file));
    let mut decoder = None;
    let mut headers = 0;
    while let Some(packet) = reader.read_packet().map_err(|e| err(&e))? {
        if headers < 2 {
            // OpusHead (its output gain applied as players apply it) and OpusTags.
            if headers == 0 && packet.data.len() >= 18 && packet.data.starts_with(b"OpusHead") {
                let gain = i16::from_le_bytes([packet.data[16], packet.data[17]]);
                decoder = Some(PacketDecoder::new(gain, rate).map_err(|e| err(&e))?);
            }
            headers += 1;
            continue;
        }
        if decoder.is_none() {
            decoder = Some(PacketDecoder::new(0, rate).map_err(|e| err(&e))?);
        }
        let decoder = decoder.as_mut().expect("made above");
        decoder.decode(&packet.data, each).map_err(|e| err(&e))?;
    }
    Ok(())
}

/// Decodes the audio packets of one mono Opus stream, in order, with libopus as
/// [`decode_file`] does (pre-skip and end trimming not applied: mastering only measures
/// them): for a file read back, or for the packets an [`OpusEncoder`] hands to its tap
/// ([`Encoder::tap_packets`]) while it encodes.
pub struct PacketDecoder {
    decoder: opus::Decoder,
    /// 120 ms, the longest an Opus packet lasts.
    frame: Vec<i16>,
}

impl PacketDecoder {
    /// A decoder at `rate` (Hz, one of Opus's) applying `output_gain` (the `OpusHead` field:
    /// Q7.8 dB, RFC 7845 §5.1).
    pub fn new(output_gain: i16, rate: u32) -> Result<PacketDecoder, opus::Error> {
        let mut decoder = opus::Decoder::new(rate, opus::Channels::Mono)?;
        decoder.set_gain(i32::from(output_gain))?;
        Ok(PacketDecoder {
            decoder,
            frame: vec![0; 5760],
        })
    }

    /// Decodes the next packet and hands its samples to `each`.
    pub fn decode(
        &mut self,
        packet: &[u8],
        each: &mut dyn FnMut(&[i16]),
    ) -> Result<(), opus::Error> {
        let n = self.decoder.decode(packet, &mut self.frame, false)?;
        each(&self.frame[..n]);
        Ok(())
    }
}

/// Sets the output gain of an Ogg Opus file aloud wrote to `gain_db`: the `OpusHead` field
/// (RFC 7845 §5.1, Q7.8 dB) that every decoder applies to what it decodes (ffmpeg and
/// libopusfile do; so does [`decode_file`]), so the decoded stream, its loudness and its true
/// peak move by exactly that much without encoding again. The file is rewritten through a
/// temporary file and renamed over. Returns the gain the field holds, dB (`gain_db` to the
/// nearest 1/256 dB).
///
/// Errors: the file cannot be read or written, or its first page is not an `OpusHead`.
pub fn set_output_gain(path: &Path, gain_db: f64) -> Result<f64, EncodeError> {
    let mut data = std::fs::read(path).map_err(|e| EncodeError::new(path, e))?;
    let not_opus = || EncodeError::new(path, "its first Ogg page is not an Opus header");
    if data.len() < 27 || &data[..4] != b"OggS" {
        return Err(not_opus());
    }
    let header = 27 + usize::from(data[26]);
    let body: usize = data
        .get(27..header)
        .ok_or_else(not_opus)?
        .iter()
        .map(|&b| usize::from(b))
        .sum();
    let page = header + body;
    if data.len() < page || body < 19 || &data[header..header + 8] != b"OpusHead" {
        return Err(not_opus());
    }
    let q78 = (gain_db * 256.0)
        .round()
        .clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16;
    data[header + 16..header + 18].copy_from_slice(&q78.to_le_bytes());
    data[22..26].fill(0);
    let crc = ogg_crc(&data[..page]);
    data[22..26].copy_from_slice(&crc.to_le_bytes());
    let tmp = crate::export::fs::temp_path(path);
    let io = |e: std::io::Error| EncodeError::new(path, e);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&data)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map_err(io)?;
    Ok(f64::from(q78) / 256.0)
}

/// The CRC-32 of an Ogg page (RFC 3533 §6: polynomial 0x04c11db7, no reflection, initial
/// value and final XOR 0), its checksum field zeroed.
fn ogg_crc(page: &[u8]) -> u32 {
    let mut crc = 0u32;
    for &byte in page {
        crc ^= u32::from(byte) << 24;
        for _ in 0..8 {
            crc = if crc & 0x8000_0000 != 0 {
                (crc << 1) ^ 0x04c1_1db7
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The rate, Hz, at which a stream encoded at `quality` is decoded to be measured: 48 kHz,
/// Opus's own, as players decode; for speech ([`Quality::opus_speech`], at most 8 kHz of
/// audio band) 24 kHz, which holds that band whole at half the samples to decode and meter
/// (the true-peak meter oversamples 4×, to 96 kHz). Measured on 331 s of the joe voice:
/// 0.27 s less CPU per check; on 24 exports (3 voices, 4 articles, 2 presets), true peaks
/// within 0.06 dB of what ffmpeg's ebur128 filter reads of the file at 48 kHz (which it
/// prints to 0.1 dB).
pub fn decode_rate(quality: &super::Quality) -> u32 {
    if quality.opus_speech {
        24_000
    } else {
        OPUS_RATE
    }
}

/// The `OpusHead` identification header (RFC 7845 §5.1): version 1, mono, `pre_skip`
/// samples at 48 kHz to drop, the input's rate, no gain, mapping family 0.
fn opus_head(pre_skip: u16, input_rate: u32) -> Vec<u8> {
    let mut h = b"OpusHead".to_vec();
    h.push(1);
    h.push(1);
    h.extend(pre_skip.to_le_bytes());
    h.extend(input_rate.to_le_bytes());
    h.extend(0i16.to_le_bytes());
    h.push(0);
    h
}

/// The `OpusTags` comment header (RFC 7845 §5.2) with the article's tags and chapters.
fn opus_tags(stream: &Stream) -> Vec<u8> {
    let t = &stream.tags;
    let mut comments = vec![
        format!("TITLE={}", t.title),
        format!("ARTIST={}", t.voice),
        format!("DATE={}", t.date),
        format!("LANGUAGE={}", t.language),
        format!("COMMENT={}", t.comment()),
        format!("{}={}", t.source_key(), t.source),
    ];
    let width = if stream.chapters.len() > 99 { 3 } else { 2 };
    for (n, c) in stream.chapters.iter().enumerate() {
        let n = n + 1;
        comments.push(format!("CHAPTER{n:0width$}={}", timestamp(c.start_ms)));
        comments.push(format!("CHAPTER{n:0width$}NAME={}", c.title));
    }
    let vendor = format!("aloud {} (libopus)", env!("CARGO_PKG_VERSION"));
    let mut h = b"OpusTags".to_vec();
    h.extend((vendor.len() as u32).to_le_bytes());
    h.extend(vendor.as_bytes());
    h.extend((comments.len() as u32).to_le_bytes());
    for c in comments {
        h.extend((c.len() as u32).to_le_bytes());
        h.extend(c.as_bytes());
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::encode::{Encoder, Tags, SPEECH};

    /// One second of a 440 Hz tone at half scale, encoded at 22,050 Hz into `path`.
    fn tone_file(path: &Path) {
        tone_file_tapped(path, None);
    }

    /// [`tone_file`], its encoder's packets handed to `tap` if given.
    fn tone_file_tapped(path: &Path, tap: Option<super::super::PacketTap>) {
        let stream = Stream {
            sample_rate: 22_050,
            samples: 22_050,
            tags: Tags {
                title: "Tone".into(),
                source: "tone".into(),
                voice: "test".into(),
                credit: None,
                date: "2026-12-03".into(),
                language: "en".into(),
            },
            chapters: Vec::new(),
            quality: SPEECH,
        };
        let tone: Vec<i16> = (0..22_050)
            .map(|i| {
                let t = i as f64 / 22_050.0;
                (16_384.0 * (2.0 * std::f64::consts::PI * 440.0 * t).sin()) as i16
            })
            .collect();
        let mut encoder = Box::new(OpusEncoder::create(path, &stream).unwrap());
        if let Some(tap) = tap {
            assert!(
                encoder.tap_packets(tap),
                "an Opus encoder hands over its packets"
            );
        }
        encoder.write(&tone).unwrap();
        encoder.finish().unwrap();
    }

    fn rms_db(path: &Path) -> f64 {
        let (mut sum, mut n) = (0f64, 0usize);
        decode_file(path, OPUS_RATE, &mut |s| {
            sum += s.iter().map(|&x| f64::from(x) * f64::from(x)).sum::<f64>();
            n += s.len();
        })
        .unwrap();
        10.0 * (sum / n as f64).log10()
    }

    #[test]
    fn the_last_granule_position_counts_every_input_sample_and_no_more_than_decodes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tone.opus");
        tone_file(&path);
        let file = std::fs::File::open(&path).unwrap();
        let mut reader = ogg::PacketReader::new(std::io::BufReader::new(file));
        let (mut pre_skip, mut last) = (0u64, 0u64);
        while let Some(p) = reader.read_packet().unwrap() {
            if p.data.starts_with(b"OpusHead") {
                pre_skip = u64::from(u16::from_le_bytes([p.data[10], p.data[11]]));
            }
            last = p.absgp_page();
        }
        let mut decoded = 0u64;
        decode_file(&path, OPUS_RATE, &mut |s| decoded += s.len() as u64).unwrap();
        // One second of input is 48,000 samples at Opus's rate, after the pre-skip.
        assert_eq!(
            last - pre_skip,
            48_000,
            "pre-skip {pre_skip}, last granule {last}"
        );
        assert!(
            decoded >= last,
            "{decoded} decoded, the granule says {last}"
        );
    }

    #[test]
    fn speech_packets_are_celt_and_a_header_trim_moves_the_measurement_by_its_gain() {
        use crate::audio::loudness::Meter;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tone.opus");
        let packets = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Vec<u8>>::new()));
        let sink = packets.clone();
        tone_file_tapped(
            &path,
            Some(Box::new(move |p: &[u8]| {
                sink.lock().unwrap().push(p.to_vec())
            })),
        );
        // RFC 6716 §3.1: configurations 16-31 of the TOC byte are CELT-only.
        for p in packets.lock().unwrap().iter() {
            assert!(p[0] >> 3 >= 16, "a non-CELT packet: TOC {:#04x}", p[0]);
        }
        let measure = || {
            let mut meter = Meter::new(OPUS_RATE, true);
            decode_file(&path, OPUS_RATE, &mut |s| meter.add(s)).unwrap();
            meter.measurement()
        };
        let before = measure();
        let set = set_output_gain(&path, -3.3).unwrap();
        assert!((set + 3.3).abs() < 1.0 / 256.0, "{set}");
        let (after, shifted) = (measure(), before.shifted(set));
        let close = |a: Option<f64>, b: Option<f64>| (a.unwrap() - b.unwrap()).abs() <= 0.02;
        assert!(
            close(after.integrated_lufs, shifted.integrated_lufs),
            "{after:?} {shifted:?}"
        );
        assert!(
            close(after.true_peak_dbtp, shifted.true_peak_dbtp),
            "{after:?} {shifted:?}"
        );
        assert!(
            close(after.rms_dbfs, shifted.rms_dbfs),
            "{after:?} {shifted:?}"
        );
    }

    #[test]
    fn tapped_packets_decode_to_what_a_player_decodes_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tone.opus");
        let packets = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Vec<u8>>::new()));
        let sink = packets.clone();
        tone_file_tapped(
            &path,
            Some(Box::new(move |p: &[u8]| {
                sink.lock().unwrap().push(p.to_vec())
            })),
        );
        let mut from_tap = Vec::new();
        let mut decoder = PacketDecoder::new(0, OPUS_RATE).unwrap();
        for p in packets.lock().unwrap().iter() {
            decoder
                .decode(p, &mut |s| from_tap.extend_from_slice(s))
                .unwrap();
        }
        let mut from_file = Vec::new();
        decode_file(&path, OPUS_RATE, &mut |s| from_file.extend_from_slice(s)).unwrap();
        // A second of audio in 20 ms packets, and every decoded sample the same.
        assert!(from_file.len() >= 48_000, "{} samples", from_file.len());
        assert_eq!(from_tap, from_file);
    }

    #[test]
    fn output_gain_scales_the_decoded_stream_without_encoding_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tone.opus");
        tone_file(&path);
        let before = std::fs::read(&path).unwrap();
        let level = rms_db(&path);
        set_output_gain(&path, -6.0).unwrap();
        let after = std::fs::read(&path).unwrap();
        // Same length, same packets: only the header's gain and its page's checksum moved.
        assert_eq!(before.len(), after.len());
        let changed = before.iter().zip(&after).filter(|(a, b)| a != b).count();
        assert!((1..=6).contains(&changed), "{changed} bytes changed");
        // The ogg reader checks every page's CRC: a wrong one is an error here.
        let trimmed = rms_db(&path);
        assert!(
            (level - trimmed - 6.0).abs() < 0.05,
            "{level:.2} dB, then {trimmed:.2} dB"
        );
        // Not an Opus file: a one-line error naming it, the file untouched.
        let wav = dir.path().join("x.opus");
        std::fs::write(&wav, b"RIFF....WAVE").unwrap();
        let e = set_output_gain(&wav, -1.0).unwrap_err().to_string();
        assert!(e.contains("x.opus") && !e.contains('\n'), "{e}");
        assert_eq!(std::fs::read(&wav).unwrap(), b"RIFF....WAVE");
    }
}
