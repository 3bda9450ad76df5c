//! MP3 through Debian's LAME (`libmp3lame.so.0`, package `libmp3lame0`), loaded at run time
//! with `libloading` as libespeak-ng is: building aloud needs no LAME headers, and a machine
//! without LAME still runs every other format.
//!
//! The file is an ID3v2.4 tag (title, narrator, date, source link, comment with the voice's
//! credit, and CHAP/CTOC chapter frames, ID3v2 Chapter Frame Addendum 1.0) followed by LAME's
//! constant-bit-rate frames, the first of them LAME's "Info" frame, rewritten at the end with
//! the encoder delay and padding so decoders trim both and the length is exact.

use std::ffi::{c_char, c_int, c_uchar, c_void, CStr};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use id3::TagLike;

use super::{EncodeError, Encoder, Stream};

/// The LAME shared library aloud opens, and the Debian package that holds it.
pub const LAME_LIB: &str = "libmp3lame.so.0";
/// The Debian package of [`LAME_LIB`].
pub const LAME_PACKAGE: &str = "libmp3lame0";

type Flags = *mut c_void;

/// The LAME functions aloud calls (lame.h of LAME 3.100).
pub struct Lame {
    _lib: libloading::Library,
    init: unsafe extern "C" fn() -> Flags,
    set_in_samplerate: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_out_samplerate: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_num_channels: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_mode: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_brate: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_vbr: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_quality: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_write_vbr_tag: unsafe extern "C" fn(Flags, c_int) -> c_int,
    init_params: unsafe extern "C" fn(Flags) -> c_int,
    encode_buffer:
        unsafe extern "C" fn(Flags, *const i16, *const i16, c_int, *mut c_uchar, c_int) -> c_int,
    encode_flush: unsafe extern "C" fn(Flags, *mut c_uchar, c_int) -> c_int,
    lametag_frame: unsafe extern "C" fn(Flags, *mut c_uchar, usize) -> usize,
    close: unsafe extern "C" fn(Flags) -> c_int,
    version: unsafe extern "C" fn() -> *const c_char,
    hip_init: unsafe extern "C" fn() -> Hip,
    hip_decode1: unsafe extern "C" fn(Hip, *mut c_uchar, usize, *mut i16, *mut i16) -> c_int,
    hip_exit: unsafe extern "C" fn(Hip) -> c_int,
}

/// LAME's decoder (`hip_t` of lame.h, the mpglib decoder built into libmp3lame).
type Hip = *mut c_void;

/// lame.h `MPEG_mode` MONO.
const MONO: c_int = 3;
/// lame.h `vbr_mode` vbr_off: constant bit rate.
const VBR_OFF: c_int = 0;

impl Lame {
    /// Opens LAME; the error is one line naming the package to install.
    pub fn load() -> Result<Lame, String> {
        // SAFETY: loading a shared library runs its initializers; libmp3lame's only set up
        // static tables.
        let lib = unsafe { libloading::Library::new(LAME_LIB) }.map_err(|e| {
            format!(
                "mp3 needs the LAME library ({LAME_LIB}: {e}); install it: apt-get install \
                 {LAME_PACKAGE}"
            )
        })?;
        macro_rules! sym {
            ($name:literal) => {
                // SAFETY: each symbol is declared with its signature in LAME 3.100's lame.h;
                // the function pointer is only called while `_lib` keeps the library loaded.
                *unsafe { lib.get($name) }.map_err(|e| format!("{LAME_LIB}: {e}"))?
            };
        }
        Ok(Lame {
            init: sym!(b"lame_init\0"),
            set_in_samplerate: sym!(b"lame_set_in_samplerate\0"),
            set_out_samplerate: sym!(b"lame_set_out_samplerate\0"),
            set_num_channels: sym!(b"lame_set_num_channels\0"),
            set_mode: sym!(b"lame_set_mode\0"),
            set_brate: sym!(b"lame_set_brate\0"),
            set_vbr: sym!(b"lame_set_VBR\0"),
            set_quality: sym!(b"lame_set_quality\0"),
            set_write_vbr_tag: sym!(b"lame_set_bWriteVbrTag\0"),
            init_params: sym!(b"lame_init_params\0"),
            encode_buffer: sym!(b"lame_encode_buffer\0"),
            encode_flush: sym!(b"lame_encode_flush\0"),
            lametag_frame: sym!(b"lame_get_lametag_frame\0"),
            close: sym!(b"lame_close\0"),
            version: sym!(b"get_lame_version\0"),
            hip_init: sym!(b"hip_decode_init\0"),
            hip_decode1: sym!(b"hip_decode1\0"),
            hip_exit: sym!(b"hip_decode_exit\0"),
            _lib: lib,
        })
    }

    /// LAME's version, e.g. `3.100`.
    pub fn version(&self) -> String {
        // SAFETY: get_lame_version returns a pointer to a static NUL-terminated string.
        unsafe { CStr::from_ptr((self.version)()) }
            .to_string_lossy()
            .into_owned()
    }
}

/// Decodes an MP3 file aloud wrote (an ID3v2 tag, then mono frames) with LAME's own decoder,
/// handing the samples (at the file's rate) to `each` a frame at a time. Mastering measures
/// what a listener's decoder will make of the encoder's output (see `audio::master`).
pub fn decode_file(path: &Path, each: &mut dyn FnMut(&[i16])) -> Result<(), EncodeError> {
    let err = |e: &dyn std::fmt::Display| EncodeError::new(path, e);
    let lame = Lame::load().map_err(|e| err(&e))?;
    // The file is read whole: mastering decodes its probes (minutes) and files it just wrote;
    // MP3 at 64 kb/s is 29 MB an hour.
    let mut data = std::fs::read(path).map_err(|e| err(&e))?;
    // An ID3v2 header: "ID3", version, flags, then the tag's size as four 7-bit bytes.
    let start = if data.starts_with(b"ID3") && data.len() >= 10 {
        10 + data[6..10]
            .iter()
            .fold(0usize, |n, &b| (n << 7) | usize::from(b & 0x7f))
    } else {
        0
    };
    // SAFETY: hip_decode_init allocates a fresh decoder; it is freed below on every path.
    let hip = unsafe { (lame.hip_init)() };
    if hip.is_null() {
        return Err(err(&"LAME could not allocate a decoder"));
    }
    let mut left = [0i16; 4608];
    let mut right = [0i16; 4608];
    let mut failed = None;
    let start = start.min(data.len());
    'input: for block in data[start..].chunks_mut(1024) {
        let ptr = block.as_mut_ptr();
        let mut len = block.len();
        loop {
            // SAFETY: `ptr` points at `len` readable bytes; hip_decode1 writes
            // at most one frame (1,152 samples) to each of the 4,608-sample buffers.
            let n =
                unsafe { (lame.hip_decode1)(hip, ptr, len, left.as_mut_ptr(), right.as_mut_ptr()) };
            if n < 0 {
                failed = Some(n);
                break 'input;
            }
            if n == 0 {
                break;
            }
            each(&left[..n as usize]);
            // What is left of the input stays buffered inside the decoder: drain it.
            len = 0;
        }
    }
    // SAFETY: `hip` came from hip_decode_init and is freed exactly once.
    unsafe { (lame.hip_exit)(hip) };
    match failed {
        Some(code) => Err(err(&format!("LAME could not decode it (code {code})"))),
        None => Ok(()),
    }
}

/// Streams mono 16-bit samples into an MP3 file.
pub struct Mp3Encoder {
    lame: Lame,
    flags: Flags,
    file: std::io::BufWriter<std::fs::File>,
    path: PathBuf,
    tmp: PathBuf,
    /// Where the first MP3 frame (LAME's Info frame) starts: after the ID3 tag.
    audio_offset: u64,
    buffer: Vec<u8>,
}

impl Mp3Encoder {
    /// Starts `path` (written as a temporary file until [`Encoder::finish`]): CBR at
    /// `stream.quality.mp3_kbps`, resampled by LAME to `mp3_rate` when one is set.
    pub fn create(path: &Path, stream: &Stream) -> Result<Mp3Encoder, EncodeError> {
        let lame = Lame::load().map_err(|e| EncodeError::new(path, e))?;
        // SAFETY: lame_init allocates a fresh encoder; it is closed in Drop.
        let flags = unsafe { (lame.init)() };
        if flags.is_null() {
            return Err(EncodeError::new(path, "LAME could not allocate an encoder"));
        }
        let tmp = crate::export::fs::temp_path(path);
        let file = std::fs::File::create(&tmp).map_err(|e| EncodeError::new(path, e))?;
        let mut encoder = Mp3Encoder {
            lame,
            flags,
            file: std::io::BufWriter::new(file),
            path: path.to_path_buf(),
            tmp,
            audio_offset: 0,
            buffer: Vec::new(),
        };
        let q = stream.quality;
        // SAFETY: `flags` is a live encoder; the setters only store parameters.
        let status = unsafe {
            let l = &encoder.lame;
            [
                (l.set_in_samplerate)(flags, stream.sample_rate as c_int),
                (l.set_out_samplerate)(flags, q.mp3_rate.unwrap_or(stream.sample_rate) as c_int),
                (l.set_num_channels)(flags, 1),
                (l.set_mode)(flags, MONO),
                (l.set_vbr)(flags, VBR_OFF),
                (l.set_brate)(flags, q.mp3_kbps as c_int),
                (l.set_quality)(flags, c_int::from(q.mp3_quality)),
                (l.set_write_vbr_tag)(flags, 1),
                (l.init_params)(flags),
            ]
        };
        if let Some(code) = status.iter().find(|&&c| c < 0) {
            return Err(EncodeError::new(
                path,
                format!(
                    "LAME refused {} kb/s at {} Hz (code {code})",
                    q.mp3_kbps,
                    q.mp3_rate.unwrap_or(stream.sample_rate)
                ),
            ));
        }
        let mut tag_bytes = Vec::new();
        id3_tag(stream, &encoder.lame.version())
            .write_to(&mut tag_bytes, id3::Version::Id3v24)
            .map_err(|e| EncodeError::new(path, e))?;
        encoder
            .file
            .write_all(&tag_bytes)
            .map_err(|e| EncodeError::new(path, e))?;
        encoder.audio_offset = tag_bytes.len() as u64;
        Ok(encoder)
    }
}

/// The ID3v2 tag of an article: title, narrator (the voice), date, source, comment and
/// chapters (CTOC "toc" listing CHAP "chp1", "chp2", …, each with its title as TIT2).
pub fn id3_tag(stream: &Stream, lame_version: &str) -> id3::Tag {
    let t = &stream.tags;
    let mut tag = id3::Tag::new();
    tag.set_title(&t.title);
    tag.set_artist(&t.voice);
    tag.set_text("TLAN", super::iso639_2(&t.language));
    tag.set_text(
        "TENC",
        format!("aloud {} (LAME {lame_version})", env!("CARGO_PKG_VERSION")),
    );
    if let Ok(date) = t.date.parse::<id3::Timestamp>() {
        tag.set_date_recorded(date);
    }
    tag.add_frame(id3::frame::Comment {
        lang: "eng".into(),
        description: String::new(),
        text: t.comment(),
    });
    if t.source.starts_with("http://") || t.source.starts_with("https://") {
        tag.add_frame(id3::Frame::link("WOAS", &t.source));
    } else {
        tag.add_frame(id3::frame::ExtendedText {
            description: "source".into(),
            value: t.source.clone(),
        });
    }
    if let Some(credit) = &t.credit {
        tag.add_frame(id3::frame::ExtendedText {
            description: "voice credit".into(),
            value: credit.clone(),
        });
    }
    let ids: Vec<String> = (1..=stream.chapters.len())
        .map(|n| format!("chp{n}"))
        .collect();
    for (c, id) in stream.chapters.iter().zip(&ids) {
        tag.add_frame(id3::frame::Chapter {
            element_id: id.clone(),
            start_time: c.start_ms as u32,
            end_time: c.end_ms as u32,
            start_offset: u32::MAX,
            end_offset: u32::MAX,
            frames: vec![id3::Frame::text("TIT2", &c.title)],
        });
    }
    for toc in tables_of_contents(ids, &t.title) {
        tag.add_frame(toc);
    }
    tag
}

/// Most entries one CTOC frame lists: its entry count is one byte (ID3v2 Chapter Frame
/// Addendum 1.0, section 3.2).
pub const CTOC_MAX_ENTRIES: usize = 255;

/// The CTOC frames that list `chapter_ids` in order: one top-level CTOC "toc" titled `title`
/// listing them all when they fit in one frame ([`CTOC_MAX_ENTRIES`]); else a tree, which the
/// addendum allows: "toc" lists child CTOCs "toc1", "toc2", … ("Chapters 1–255",
/// "Chapters 256–510", …), each listing at most 255 chapters (or, past 65,025 chapters, 255
/// child CTOCs of its own). The `id3` crate writes the count as `len() as u8`, so a longer
/// list would be read back as `len % 256` entries and the rest of the frame as garbage.
/// Players and ffprobe take the chapters from the CHAP frames themselves; the tree only has
/// to be valid.
pub fn tables_of_contents(
    chapter_ids: Vec<String>,
    title: &str,
) -> Vec<id3::frame::TableOfContents> {
    if chapter_ids.is_empty() {
        return Vec::new();
    }
    let mut tocs = Vec::new();
    // Each entry of the level being grouped: its element id and its first and last chapter.
    let mut level: Vec<(String, usize, usize)> = chapter_ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| (id, i + 1, i + 1))
        .collect();
    while level.len() > CTOC_MAX_ENTRIES {
        level = level
            .chunks(CTOC_MAX_ENTRIES)
            .map(|group| {
                let (first, last) = (group[0].1, group[group.len() - 1].2);
                let element_id = format!("toc{}", tocs.len() + 1);
                tocs.push(id3::frame::TableOfContents {
                    element_id: element_id.clone(),
                    top_level: false,
                    ordered: true,
                    elements: group.iter().map(|e| e.0.clone()).collect(),
                    frames: vec![id3::Frame::text(
                        "TIT2",
                        format!("Chapters {first}\u{2013}{last}"),
                    )],
                });
                (element_id, first, last)
            })
            .collect();
    }
    tocs.insert(
        0,
        id3::frame::TableOfContents {
            element_id: "toc".into(),
            top_level: true,
            ordered: true,
            elements: level.into_iter().map(|e| e.0).collect(),
            frames: vec![id3::Frame::text("TIT2", title)],
        },
    );
    tocs
}

// SAFETY: the LAME encoder behind `flags` has no thread affinity; it is owned by this value
// and used only through `&mut self`, from one thread at a time.
unsafe impl Send for Mp3Encoder {}

impl Encoder for Mp3Encoder {
    fn write(&mut self, samples: &[i16]) -> Result<(), EncodeError> {
        for block in samples.chunks(8192) {
            // lame.h: the worst case is 1.25 × samples + 7200 bytes.
            self.buffer.resize(block.len() * 5 / 4 + 7200, 0);
            // SAFETY: `block` holds block.len() samples (mono: the right channel is ignored,
            // LAME reads the left pointer for both); the buffer holds buffer.len() bytes.
            let n = unsafe {
                (self.lame.encode_buffer)(
                    self.flags,
                    block.as_ptr(),
                    block.as_ptr(),
                    block.len() as c_int,
                    self.buffer.as_mut_ptr(),
                    self.buffer.len() as c_int,
                )
            };
            if n < 0 {
                return Err(EncodeError::new(
                    &self.path,
                    format!("LAME failed to encode (code {n})"),
                ));
            }
            self.file
                .write_all(&self.buffer[..n as usize])
                .map_err(|e| EncodeError::new(&self.path, e))?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Vec<String>, EncodeError> {
        self.buffer.resize(7200, 0);
        // SAFETY: the buffer holds buffer.len() bytes, as lame_encode_flush is told.
        let n = unsafe {
            (self.lame.encode_flush)(
                self.flags,
                self.buffer.as_mut_ptr(),
                self.buffer.len() as c_int,
            )
        };
        if n < 0 {
            return Err(EncodeError::new(
                &self.path,
                format!("LAME failed to flush (code {n})"),
            ));
        }
        let path = self.path.clone();
        let io = |e: std::io::Error| EncodeError::new(&path, e);
        self.file
            .write_all(&self.buffer[..n as usize])
            .map_err(io)?;
        let mut tag = vec![0u8; 2880];
        // SAFETY: `tag` holds tag.len() bytes; LAME writes at most that many and says how
        // many (0 when the frame does not fit).
        let len = unsafe { (self.lame.lametag_frame)(self.flags, tag.as_mut_ptr(), tag.len()) };
        if len > 0 && len <= tag.len() {
            self.file
                .seek(SeekFrom::Start(self.audio_offset))
                .map_err(io)?;
            self.file.write_all(&tag[..len]).map_err(io)?;
        }
        self.file.flush().map_err(io)?;
        self.file.get_ref().sync_all().map_err(io)?;
        std::fs::rename(&self.tmp, &self.path).map_err(io)?;
        Ok(vec![file_name(&self.path)])
    }
}

impl Drop for Mp3Encoder {
    fn drop(&mut self) {
        // SAFETY: `flags` came from lame_init and is closed exactly once, here.
        unsafe {
            (self.lame.close)(self.flags);
        }
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// The file name of `path`, as recorded in the manifest.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::Chapter;
    use super::*;
    use std::collections::HashMap;

    fn ids(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("chp{i}")).collect()
    }

    /// The chapters reached from the top-level CTOC, depth first, in order; panics on a CTOC
    /// with more entries than its count byte holds.
    fn leaves(tocs: &[id3::frame::TableOfContents]) -> Vec<String> {
        let by_id: HashMap<&str, &id3::frame::TableOfContents> =
            tocs.iter().map(|t| (t.element_id.as_str(), t)).collect();
        let tops: Vec<_> = tocs.iter().filter(|t| t.top_level).collect();
        assert_eq!(tops.len(), 1, "one top-level CTOC");
        fn walk(
            t: &id3::frame::TableOfContents,
            by_id: &HashMap<&str, &id3::frame::TableOfContents>,
            out: &mut Vec<String>,
        ) {
            assert!(t.elements.len() <= CTOC_MAX_ENTRIES, "{}", t.element_id);
            for e in &t.elements {
                match by_id.get(e.as_str()) {
                    Some(child) => walk(child, by_id, out),
                    None => out.push(e.clone()),
                }
            }
        }
        let mut out = Vec::new();
        walk(tops[0], &by_id, &mut out);
        out
    }

    #[test]
    fn a_table_of_contents_past_255_chapters_nests() {
        for (chapters, ctocs) in [
            (0, 0),
            (1, 1),
            (255, 1),
            (256, 3),
            (301, 3),
            (510, 3),
            (511, 4),
            (255 * 255, 256),
            (255 * 255 + 1, 259),
        ] {
            let tocs = tables_of_contents(ids(chapters), "Title");
            assert_eq!(tocs.len(), ctocs, "{chapters} chapters");
            if chapters > 0 {
                assert_eq!(leaves(&tocs), ids(chapters), "{chapters} chapters");
            }
        }
        let tocs = tables_of_contents(ids(301), "Title");
        assert_eq!(tocs[0].elements, ["toc1", "toc2"]);
        assert_eq!(tocs[2].elements.len(), 46);
        assert_eq!(tocs[2].frames[0].content().text(), Some("Chapters 256–301"));
    }

    #[test]
    fn a_tag_with_301_chapters_reads_back_whole() {
        let chapter = |i: u64| Chapter {
            title: format!("Section {i}"),
            start_ms: i * 1000,
            end_ms: (i + 1) * 1000,
            chunk: i as usize + 1,
        };
        let stream = Stream {
            sample_rate: 22_050,
            samples: 22_050 * 301,
            tags: super::super::Tags {
                title: "Many".into(),
                ..Default::default()
            },
            chapters: (0..301).map(chapter).collect(),
            quality: super::super::SPEECH,
        };
        let mut bytes = Vec::new();
        id3_tag(&stream, "3.100")
            .write_to(&mut bytes, id3::Version::Id3v24)
            .unwrap();
        let tag = id3::Tag::read_from2(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(tag.chapters().count(), 301);
        let tocs: Vec<_> = tag.tables_of_contents().cloned().collect();
        assert_eq!(leaves(&tocs), ids(301));
    }
}
