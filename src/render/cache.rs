//! The chunk cache: each chunk's trimmed speech, kept on disk by what determines it, so an
//! unchanged article re-exports without the engine, an edited one re-synthesizes only the
//! chunks that changed, and an interrupted export resumes where it stopped.
//!
//! Layout: `<dir>/<2 hex>/<64 hex>.wav`, 16-bit mono WAV (hound) named by the SHA-256 of a
//! [`ChunkKey`], holding the chunk's trimmed speech and, after the samples, a RIFF chunk
//! `wrds` with where each spoken word lies in them (JSON `[{"start", "end"}]`, in samples):
//! what the subtitles are timed from, then a RIFF chunk `sum ` with the SHA-256 of the
//! samples (little-endian bytes) and the words' JSON, so a damaged entry is found and spoken
//! again instead of played. WAV readers skip chunks they do not know, so every entry
//! still plays as a WAV. `<dir>` is `$ALOUD_CACHE_DIR`, else `$XDG_CACHE_HOME/aloud/chunks` (on Linux
//! `~/.cache/aloud/chunks`). The total size is capped (default [`DEFAULT_CAP_BYTES`]); when a
//! new chunk takes it over the cap, the least recently used chunks (by modification time,
//! which every use refreshes) are removed until it is at 90% of the cap. Every file is written
//! under a temporary name of its own process and renamed, so a crash or a full disk never
//! leaves a chunk that reads as complete but is not, and several aloud processes may share
//! one cache.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::ChunkSpeech;
use crate::engine::{EngineInfo, WordSpan};

/// Default size cap: 2 GiB, about 14 hours of 22,050 Hz speech.
pub const DEFAULT_CAP_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Bumped whenever what a cached chunk holds changes for the same key (trimming, fading,
/// levelling, the file format), so old entries are never mistaken for new ones.
const FORMAT: &str = "aloud-chunk-5";

/// The RIFF chunk that holds an entry's word spans.
const WORDS_CHUNK: &[u8; 4] = b"wrds";

/// The RIFF chunk that holds an entry's checksum ([`checksum`]).
const SUM_CHUNK: &[u8; 4] = b"sum ";

/// SHA-256 of an entry's samples (little-endian) and its words' JSON.
fn checksum(samples: &[i16], words: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    for s in samples {
        h.update(s.to_le_bytes());
    }
    h.update(words);
    h.finalize().into()
}

/// What a chunk's audio depends on, hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkKey(String);

impl ChunkKey {
    /// The key of the chunk `spoken` by the engine `info` describes (name, engine and voice
    /// version, voice, rate) at `sample_rate`, with `settings` for what the engine info does
    /// not carry (pitch, volume).
    pub fn new(info: &EngineInfo, sample_rate: u32, settings: &str, spoken: &str) -> ChunkKey {
        let mut h = Sha256::new();
        for part in [
            FORMAT,
            env!("CARGO_PKG_VERSION"),
            &info.name,
            &info.version,
            info.runtime.as_deref().unwrap_or(""),
            &info.voice,
            &info.rate.to_string(),
            &sample_rate.to_string(),
            settings,
            spoken,
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        ChunkKey(format!("{:x}", h.finalize()))
    }

    /// The key as 64 hex digits.
    pub fn hex(&self) -> &str {
        &self.0
    }
}

/// What a chunk's audio depends on besides the engine's info (pitch, volume), as the
/// `settings` of [`ChunkKey::new`]: `export`, `book` and `listen` share entries through it.
pub fn settings_key(voice: &crate::engine::VoiceSettings) -> String {
    format!("pitch={:?} volume={}", voice.pitch, voice.volume)
}

/// What `aloud cache info` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheInfo {
    /// The cache folder.
    pub dir: PathBuf,
    /// Chunks held.
    pub entries: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// The size cap in bytes.
    pub cap_bytes: u64,
}

/// The chunk cache in one folder.
#[derive(Debug)]
pub struct ChunkCache {
    dir: PathBuf,
    cap_bytes: u64,
    /// Total size of the entries, counted when opened and kept up to date by this process.
    bytes: u64,
    /// Entries an export is about to read ([`ChunkCache::pin`]): never evicted by this
    /// process until read.
    pinned: std::collections::HashSet<PathBuf>,
}

/// The cache folder: `$ALOUD_CACHE_DIR`, else `<user cache dir>/aloud/chunks`.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ALOUD_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::cache_dir().map(|d| d.join("aloud").join("chunks"))
}

/// Every cached chunk file: (path, size, last use).
fn entries(dir: &Path) -> Vec<(PathBuf, u64, SystemTime)> {
    let mut out = Vec::new();
    let Ok(shards) = std::fs::read_dir(dir) else {
        return out;
    };
    for shard in shards.flatten() {
        let Ok(files) = std::fs::read_dir(shard.path()) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "wav") {
                if let Ok(meta) = file.metadata() {
                    let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                    out.push((path, meta.len(), used));
                }
            }
        }
    }
    out
}

impl ChunkCache {
    /// Opens (creating) the cache in `dir` with a size cap of `cap_bytes`.
    pub fn open(dir: &Path, cap_bytes: u64) -> std::io::Result<ChunkCache> {
        std::fs::create_dir_all(dir)?;
        let bytes = entries(dir).iter().map(|(_, size, _)| size).sum();
        Ok(ChunkCache {
            dir: dir.to_path_buf(),
            cap_bytes,
            bytes,
            pinned: std::collections::HashSet::new(),
        })
    }

    fn path(&self, key: &ChunkKey) -> PathBuf {
        self.dir.join(&key.0[..2]).join(format!("{}.wav", key.0))
    }

    /// Whether the chunk is cached; a hit counts as a use (it is kept longest).
    pub fn contains(&self, key: &ChunkKey) -> bool {
        let path = self.path(key);
        touch(&path);
        path.is_file()
    }

    /// Keeps the entries of `keys` from eviction by this process until each is read with
    /// [`ChunkCache::get`]: an export pins the chunks it found cached, so storing its new
    /// chunks cannot evict them first when the article is larger than the cap (the cache is
    /// then over its cap until they are read).
    pub fn pin<'a>(&mut self, keys: impl IntoIterator<Item = &'a ChunkKey>) {
        let paths: Vec<PathBuf> = keys.into_iter().map(|k| self.path(k)).collect();
        self.pinned.extend(paths);
    }

    /// The cached speech of a chunk, or `None` when it is not cached or cannot be read. An
    /// entry that cannot be read (truncated, damaged: its checksum does not match) is
    /// removed, so the chunk is stored again once synthesized. Unpins the entry.
    pub fn get(&mut self, key: &ChunkKey) -> Option<ChunkSpeech> {
        let path = self.path(key);
        self.pinned.remove(&path);
        let bytes = std::fs::read(&path).ok()?;
        let Some(speech) = decode_entry(&bytes) else {
            if std::fs::remove_file(&path).is_ok() {
                self.bytes = self.bytes.saturating_sub(bytes.len() as u64);
            }
            return None;
        };
        touch(&path);
        Some(speech)
    }

    /// Stores a chunk's speech. Failing to store (a full disk, no permission) only costs
    /// the time to synthesize it again, so it is not an error.
    pub fn put(&mut self, key: &ChunkKey, speech: &ChunkSpeech, sample_rate: u32) {
        let path = self.path(key);
        let Some(shard) = path.parent() else {
            return;
        };
        if std::fs::create_dir_all(shard).is_err() {
            return;
        }
        let Some(bytes) = encode_entry(speech, sample_rate) else {
            return;
        };
        // A name of this process and this write alone: several aloud processes (or threads)
        // may store the same chunk at once, and each must rename a whole file of its own.
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = shard.join(format!(".{}.{}-{n}.tmp", key.0, std::process::id()));
        if std::fs::write(&tmp, &bytes).is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
            return;
        }
        self.bytes += bytes.len() as u64;
        if self.bytes > self.cap_bytes {
            self.evict();
        }
    }

    /// Removes the least recently used chunks until the cache is at 90% of its cap.
    fn evict(&mut self) {
        let mut all = entries(&self.dir);
        all.sort_by_key(|(_, _, used)| *used);
        let mut total: u64 = all.iter().map(|(_, size, _)| size).sum();
        let goal = self.cap_bytes / 10 * 9;
        for (path, size, _) in all {
            if total <= goal {
                break;
            }
            if !self.pinned.contains(&path) && std::fs::remove_file(&path).is_ok() {
                total -= size;
            }
        }
        self.bytes = total;
    }

    /// Entries, size and cap.
    pub fn info(&self) -> CacheInfo {
        let all = entries(&self.dir);
        CacheInfo {
            dir: self.dir.clone(),
            entries: all.len(),
            bytes: all.iter().map(|(_, size, _)| size).sum(),
            cap_bytes: self.cap_bytes,
        }
    }

    /// Removes every cached chunk; returns how many there were.
    pub fn clear(&mut self) -> std::io::Result<usize> {
        let n = entries(&self.dir).len();
        for shard in std::fs::read_dir(&self.dir)?.flatten() {
            if shard.path().is_dir() {
                std::fs::remove_dir_all(shard.path())?;
            }
        }
        self.bytes = 0;
        Ok(n)
    }
}

/// An entry's bytes: the speech as a WAV (hound), then the [`WORDS_CHUNK`] with its word
/// spans, the RIFF size updated to count it.
fn encode_entry(speech: &ChunkSpeech, sample_rate: u32) -> Option<Vec<u8>> {
    let mut wav = std::io::Cursor::new(Vec::new());
    let mut writer = hound::WavWriter::new(&mut wav, crate::audio::wav_spec(sample_rate)).ok()?;
    for &s in &speech.samples {
        writer.write_sample(s).ok()?;
    }
    writer.finalize().ok()?;
    let mut bytes = wav.into_inner();
    let words = serde_json::to_vec(&speech.words).ok()?;
    bytes.extend_from_slice(WORDS_CHUNK);
    bytes.extend_from_slice(&u32::try_from(words.len()).ok()?.to_le_bytes());
    bytes.extend_from_slice(&words);
    if !words.len().is_multiple_of(2) {
        bytes.push(0); // RIFF chunks are padded to an even length
    }
    bytes.extend_from_slice(SUM_CHUNK);
    bytes.extend_from_slice(&32u32.to_le_bytes());
    bytes.extend_from_slice(&checksum(&speech.samples, &words));
    let riff_size = u32::try_from(bytes.len() - 8).ok()?;
    bytes
        .get_mut(4..8)?
        .copy_from_slice(&riff_size.to_le_bytes());
    Some(bytes)
}

/// Reads what [`encode_entry`] wrote; `None` for anything else (an entry of another format
/// version never gets here: the version is part of the key).
fn decode_entry(bytes: &[u8]) -> Option<ChunkSpeech> {
    let reader = hound::WavReader::new(std::io::Cursor::new(bytes)).ok()?;
    let samples: Vec<i16> = reader
        .into_samples::<i16>()
        .collect::<Result<_, _>>()
        .ok()?;
    let words_json = riff_chunk(bytes, WORDS_CHUNK)?;
    if riff_chunk(bytes, SUM_CHUNK)? != checksum(&samples, words_json) {
        return None;
    }
    let words: Vec<WordSpan> = serde_json::from_slice(words_json).ok()?;
    if words
        .iter()
        .any(|w| w.start > w.end || w.end > samples.len())
    {
        return None;
    }
    Some(ChunkSpeech { samples, words })
}

/// The payload of the first chunk named `id` in a RIFF/WAVE file (hound reads and writes only
/// the format and data chunks, so this walks the chunk list itself: 4-byte id, 4-byte
/// little-endian size, payload padded to an even length).
fn riff_chunk<'a>(bytes: &'a [u8], id: &[u8; 4]) -> Option<&'a [u8]> {
    if bytes.get(0..4)? != b"RIFF" || bytes.get(8..12)? != b"WAVE" {
        return None;
    }
    let mut pos = 12;
    while let Some(header) = bytes.get(pos..pos + 8) {
        let size = u32::from_le_bytes(header[4..8].try_into().ok()?) as usize;
        let payload = bytes.get(pos + 8..pos + 8 + size)?;
        if &header[..4] == id {
            return Some(payload);
        }
        pos += 8 + size + size % 2;
    }
    None
}

/// Marks a file as just used (its modification time), for least-recently-used eviction.
fn touch(path: &Path) {
    if let Ok(f) = std::fs::File::options().append(true).open(path) {
        let _ = f.set_modified(SystemTime::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> EngineInfo {
        EngineInfo {
            name: "espeak".into(),
            version: "1.51".into(),
            voice: "en-us".into(),
            rate: 175,
            credit: None,
            runtime: None,
        }
    }

    #[test]
    fn keys_change_with_everything_that_changes_the_audio() {
        let base = ChunkKey::new(&info(), 22050, "pitch=50 volume=100", "Hello.");
        assert_eq!(base.hex().len(), 64);
        assert_eq!(
            base,
            ChunkKey::new(&info(), 22050, "pitch=50 volume=100", "Hello.")
        );
        let mut faster = info();
        faster.rate = 200;
        let mut other_voice = info();
        other_voice.voice = "en-gb".into();
        let mut newer = info();
        newer.version = "1.52".into();
        for other in [
            ChunkKey::new(&faster, 22050, "pitch=50 volume=100", "Hello."),
            ChunkKey::new(&other_voice, 22050, "pitch=50 volume=100", "Hello."),
            ChunkKey::new(&newer, 22050, "pitch=50 volume=100", "Hello."),
            ChunkKey::new(&info(), 16000, "pitch=50 volume=100", "Hello."),
            ChunkKey::new(&info(), 22050, "pitch=60 volume=100", "Hello."),
            ChunkKey::new(&info(), 22050, "pitch=50 volume=100", "Hello!"),
        ] {
            assert_ne!(base, other);
        }
    }

    /// A chunk of `n` samples of `value`, one word over all of it.
    fn speech(value: i16, n: usize) -> ChunkSpeech {
        ChunkSpeech {
            samples: vec![value; n],
            words: vec![WordSpan { start: 0, end: n }],
        }
    }

    #[test]
    fn stores_reads_and_evicts_least_recently_used() {
        let dir = tempfile::tempdir().unwrap();
        // Every entry has the same size (a WAV of 1,000 samples and its words); the cap
        // holds four.
        let entry = encode_entry(&speech(0, 1000), 22050).unwrap().len() as u64;
        let mut cache = ChunkCache::open(dir.path(), 4 * entry + 100).unwrap();
        let keys: Vec<ChunkKey> = (0..4)
            .map(|i| ChunkKey::new(&info(), 22050, "", &format!("chunk {i}")))
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!cache.contains(k));
            cache.put(k, &speech(i as i16, 1000), 22050);
            // Distinct use times, oldest first.
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(cache.get(&keys[2]), Some(speech(2, 1000)));
        assert_eq!(cache.info().entries, 4);
        assert_eq!(cache.info().bytes, 4 * entry);
        // Using chunk 0 makes chunk 1 the least recently used.
        assert!(cache.contains(&keys[0]));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let fifth = ChunkKey::new(&info(), 22050, "", "chunk 4");
        cache.put(&fifth, &speech(7, 1000), 22050);
        assert!(cache.info().bytes <= 4 * entry + 100);
        assert!(
            !cache.contains(&keys[1]),
            "the least recently used went first"
        );
        assert!(cache.contains(&keys[0]) && cache.contains(&fifth));
        let held = cache.info().entries;
        assert_eq!(held, 3, "evicted to 90% of the cap");
        assert_eq!(cache.clear().unwrap(), held);
        assert_eq!(cache.info().entries, 0);
    }

    #[test]
    fn pinned_entries_outlive_eviction_until_read() {
        let dir = tempfile::tempdir().unwrap();
        let entry = encode_entry(&speech(0, 1000), 22050).unwrap().len() as u64;
        let mut cache = ChunkCache::open(dir.path(), 2 * entry + 100).unwrap();
        let keys: Vec<ChunkKey> = (0..5)
            .map(|i| ChunkKey::new(&info(), 22050, "", &format!("chunk {i}")))
            .collect();
        cache.put(&keys[0], &speech(0, 1000), 22050);
        cache.put(&keys[1], &speech(1, 1000), 22050);
        cache.pin(&keys[..2]);
        // Three new chunks: the cap holds two, but the two pinned ones stay.
        for (i, k) in keys.iter().enumerate().skip(2) {
            std::thread::sleep(std::time::Duration::from_millis(20));
            cache.put(k, &speech(i as i16, 1000), 22050);
        }
        assert_eq!(cache.get(&keys[0]), Some(speech(0, 1000)));
        assert_eq!(cache.get(&keys[1]), Some(speech(1, 1000)));
        // Read, they are no longer pinned: the next store evicts down to the cap.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let last = ChunkKey::new(&info(), 22050, "", "chunk 9");
        cache.put(&last, &speech(9, 1000), 22050);
        assert!(cache.info().bytes <= 2 * entry + 100, "{:?}", cache.info());
        assert!(cache.contains(&last));
    }

    #[test]
    fn a_damaged_entry_is_not_read_and_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = ChunkCache::open(dir.path(), DEFAULT_CAP_BYTES).unwrap();
        let (flipped, cut) = (
            ChunkKey::new(&info(), 22050, "", "one"),
            ChunkKey::new(&info(), 22050, "", "two"),
        );
        cache.put(&flipped, &speech(100, 1000), 22050);
        cache.put(&cut, &speech(100, 1000), 22050);
        // One sample changed, the size kept; and a file cut short.
        let path = cache.path(&flipped);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[44 + 600] ^= 0x40;
        std::fs::write(&path, &bytes).unwrap();
        let path = cache.path(&cut);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        for key in [&flipped, &cut] {
            assert!(cache.contains(key));
            assert_eq!(cache.get(key), None);
            assert!(!cache.contains(key), "removed, to be stored again");
        }
    }

    #[test]
    fn an_entry_is_a_wav_that_also_holds_the_word_spans() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = ChunkCache::open(dir.path(), DEFAULT_CAP_BYTES).unwrap();
        let k = ChunkKey::new(&info(), 22050, "", "Hello there.");
        let stored = ChunkSpeech {
            samples: (0..999).map(|i| (i * 7 % 2000) as i16 - 1000).collect(),
            words: vec![
                WordSpan { start: 3, end: 400 },
                WordSpan {
                    start: 450,
                    end: 996,
                },
            ],
        };
        cache.put(&k, &stored, 22050);
        assert_eq!(cache.get(&k), Some(stored.clone()));
        // Any WAV reader plays it: hound reads the samples and skips the words.
        let reader = hound::WavReader::open(cache.path(&k)).unwrap();
        assert_eq!(reader.spec().sample_rate, 22050);
        let samples: Vec<i16> = reader.into_samples().map(Result::unwrap).collect();
        assert_eq!(samples, stored.samples);
        let bytes = std::fs::read(cache.path(&k)).unwrap();
        let riff = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        assert_eq!(
            riff + 8,
            bytes.len(),
            "the RIFF size counts the words chunk"
        );
        // Words past the samples are not believed.
        let mut bad = stored;
        bad.words[1].end = 5000;
        cache.put(&k, &bad, 22050);
        assert_eq!(cache.get(&k), None);
    }

    #[test]
    fn an_unreadable_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = ChunkCache::open(dir.path(), DEFAULT_CAP_BYTES).unwrap();
        let k = ChunkKey::new(&info(), 22050, "", "x");
        let path = cache.path(&k);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"not a wav").unwrap();
        assert_eq!(cache.get(&k), None);
    }
}
