//! libespeak-ng, loaded at run time and driven in-process.
//!
//! This is the one FFI boundary of aloud. The library is opened with `libloading` (no headers
//! or link-time dependency, so a machine without espeak-ng still runs aloud), initialised once in
//! synchronous mode, and every chunk is synthesized straight into memory through the synth
//! callback: no subprocess, no temporary file. The callback also receives the library's word
//! events, which say where each word starts (the subtitles' timing).
//!
//! libespeak-ng keeps global state (one voice, one set of parameters, one callback), so the
//! loaded library lives in a process-wide `Mutex`; each synthesis takes the lock, applies this
//! engine's voice settings, and collects the samples the callback hands over on the same thread.
//!
//! The library also carries state from one synthesis to the next (the phase of its pitch
//! flutter, its gain control, libc's random numbers for breath noise), so the same text spoken
//! twice differs by a few samples. [`Espeak::synthesize_isolated`] speaks each chunk in a
//! forked copy of a process that has only loaded the voice: every chunk then starts from the
//! same state and sounds the same byte for byte, in any process and after any other chunk.

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
use std::sync::{Mutex, OnceLock};

use super::{timing, Engine, EngineError, EngineInfo, Synthesis, Voice, VoiceSettings};
use crate::audio::Pcm;
use crate::text::lexicon::{self, Piece};

/// Environment variable that overrides where libespeak-ng is loaded from.
pub const LIB_ENV: &str = "ALOUD_ESPEAK_LIB";
/// The library name the dynamic loader searches for when `ALOUD_ESPEAK_LIB` is not set.
pub const DEFAULT_LIB: &str = "libespeak-ng.so.1";
/// What to tell a user whose machine lacks the library.
pub const INSTALL_HINT: &str = "apt-get install libespeak-ng1 espeak-ng-data";
/// The voice used when `--voice` is not given.
pub const DEFAULT_VOICE: &str = "en-us";

const AUDIO_OUTPUT_SYNCHRONOUS: c_int = 2;
const ESPEAK_INITIALIZE_DONT_EXIT: c_int = 0x8000;
const ESPEAK_CHARS_UTF8: c_uint = 1;
const POS_CHARACTER: c_int = 1;
/// Keeps libespeak-ng away from the sound server. libespeak-ng 1.51 opens an audio device when
/// it is initialised, even for synthesis into memory: pcaudiolib probes PulseAudio, whose
/// client creates `~/.config/pulse`, prints "Failed to create secure directory" when `$HOME`
/// is not writable, and trips a file-size limit. aloud never plays audio through
/// libespeak-ng, so the process points libpulse at a socket that refuses at once
/// (`PULSE_SERVER=unix:/dev/null`): one refused connection, no files in `$HOME` (checked
/// with strace). libpulse still sets up its client, whose shared-memory pool fails under a
/// file-size limit; its log goes to syslog (`PULSE_LOG_SYSLOG`), not into aloud's stderr.
/// Call it first thing in `main`, while the process has a single thread; a future
/// live-playback command that needs the sound server must not.
pub fn keep_off_the_sound_server() {
    std::env::set_var("PULSE_SERVER", "unix:/dev/null");
    std::env::set_var("PULSE_LOG_SYSLOG", "1");
}

/// `espeak_TextToPhonemes` phoneme mode bits (speak_lib.h): bit 1 writes IPA instead of
/// espeak's ASCII names; bit 7 joins the letters of a multi-letter phoneme with the character
/// in bits 8–23.
const PHONEMES_IPA: c_int = 0x02;
const PHONEMES_TIE: c_int = 0x80;
/// `espeakPHONEMES` (speak_lib.h): phoneme mnemonics inside `[[…]]` are spoken as phonemes.
const ESPEAK_PHONEMES: c_uint = 0x100;
const EE_OK: c_int = 0;
const PARAM_RATE: c_int = 1;
const PARAM_VOLUME: c_int = 2;
const PARAM_PITCH: c_int = 3;

type SynthCallback = unsafe extern "C" fn(*mut i16, c_int, *mut c_void) -> c_int;

/// Mirror of `espeak_VOICE` from speak_lib.h.
#[repr(C)]
struct RawVoice {
    name: *const c_char,
    languages: *const c_char,
    identifier: *const c_char,
    gender: u8,
    age: u8,
    variant: u8,
    xx1: u8,
    score: c_int,
    spare: *mut c_void,
}

/// The entry points aloud uses, resolved once when the library is loaded.
struct Api {
    synth: unsafe extern "C" fn(
        *const c_void,
        usize,
        c_uint,
        c_int,
        c_uint,
        c_uint,
        *mut c_uint,
        *mut c_void,
    ) -> c_int,
    set_parameter: unsafe extern "C" fn(c_int, c_int, c_int) -> c_int,
    set_voice_by_name: unsafe extern "C" fn(*const c_char) -> c_int,
    list_voices: unsafe extern "C" fn(*mut c_void) -> *const *const RawVoice,
    text_to_phonemes: unsafe extern "C" fn(*mut *const c_void, c_int, c_int) -> *const c_char,
}

/// The initialised library. Holding the `Library` keeps the function pointers valid.
struct Loaded {
    api: Api,
    sample_rate: u32,
    version: String,
    /// The voice and parameters last set in the library, so a chunk spoken with the same
    /// settings as the previous one does not reload the voice.
    applied: Option<Applied>,
    _lib: libloading::Library,
}

/// Voice name, rate, pitch and volume as last set in libespeak-ng.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Applied(String, u32, u8, u8);

// SAFETY: libespeak-ng is not thread-safe, but every use of `Loaded` goes through the `Mutex`
// in `LIBRARY`, so at most one thread calls into it at a time.
unsafe impl Send for Loaded {}

static LIBRARY: OnceLock<Result<Mutex<Loaded>, String>> = OnceLock::new();

thread_local! {
    /// Samples of the synthesis in progress on this thread. In synchronous mode libespeak-ng
    /// calls the callback on the thread that called `espeak_Synth`, before it returns.
    static COLLECTED: RefCell<Vec<i16>> = const { RefCell::new(Vec::new()) };
    /// Word events of the synthesis in progress on this thread: (character position in the
    /// text, 1-based; sample where the word starts).
    static WORD_EVENTS: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
}

/// Mirror of `espeak_EVENT` from speak_lib.h (API revision 12).
#[repr(C)]
struct RawEvent {
    kind: c_int,
    unique_identifier: c_uint,
    text_position: c_int,
    length: c_int,
    audio_position: c_int,
    sample: c_int,
    user_data: *mut c_void,
    id: *mut c_void,
}

/// `espeakEVENT_LIST_TERMINATED`: the type of the entry that ends an event list.
const EVENT_LIST_TERMINATED: c_int = 0;
/// `espeakEVENT_WORD`: a word starts; `text_position` is its first character (counted from
/// 1) and `sample` the sample where its sound starts, counted from the start of the text.
const EVENT_WORD: c_int = 1;

unsafe extern "C" fn collect_samples(wav: *mut i16, count: c_int, events: *mut c_void) -> c_int {
    if !events.is_null() {
        // SAFETY: libespeak-ng passes an array of events ended by one of type
        // LIST_TERMINATED, valid for the duration of this call; we copy out what we need.
        let mut event = events.cast::<RawEvent>();
        unsafe {
            while (*event).kind != EVENT_LIST_TERMINATED {
                if (*event).kind == EVENT_WORD && (*event).text_position > 0 && (*event).sample >= 0
                {
                    let word = ((*event).text_position as usize, (*event).sample as usize);
                    WORD_EVENTS.with(|w| w.borrow_mut().push(word));
                }
                event = event.add(1);
            }
        }
    }
    if !wav.is_null() && count > 0 {
        // SAFETY: libespeak-ng passes a buffer of `count` valid samples that lives for the
        // duration of this call; we copy them out before returning.
        let samples = unsafe { std::slice::from_raw_parts(wav, count as usize) };
        COLLECTED.with(|c| c.borrow_mut().extend_from_slice(samples));
    }
    0 // 0 = carry on synthesizing
}

fn library_path() -> String {
    std::env::var(LIB_ENV).unwrap_or_else(|_| DEFAULT_LIB.to_string())
}

fn load() -> Result<Mutex<Loaded>, String> {
    let path = library_path();
    // SAFETY: loading libespeak-ng runs its initialisers, which have no preconditions.
    let lib = unsafe { libloading::Library::new(&path) }
        .map_err(|_| format!("{path} not found — {INSTALL_HINT}"))?;
    // SAFETY (every `get` below): the signatures match speak_lib.h of libespeak-ng 1.49–1.52,
    // whose API revision 12 aloud targets; the pointers are used only while `lib` is alive.
    let sym = |name: &str| format!("{path} lacks {name}: not a usable libespeak-ng");
    let api = unsafe {
        Api {
            synth: *lib
                .get(b"espeak_Synth\0")
                .map_err(|_| sym("espeak_Synth"))?,
            set_parameter: *lib
                .get(b"espeak_SetParameter\0")
                .map_err(|_| sym("espeak_SetParameter"))?,
            set_voice_by_name: *lib
                .get(b"espeak_SetVoiceByName\0")
                .map_err(|_| sym("espeak_SetVoiceByName"))?,
            list_voices: *lib
                .get(b"espeak_ListVoices\0")
                .map_err(|_| sym("espeak_ListVoices"))?,
            text_to_phonemes: *lib
                .get(b"espeak_TextToPhonemes\0")
                .map_err(|_| sym("espeak_TextToPhonemes"))?,
        }
    };
    // SAFETY: as above; both functions are looked up and called once, here.
    let (rate, version) = unsafe {
        let initialize: libloading::Symbol<
            unsafe extern "C" fn(c_int, c_int, *const c_char, c_int) -> c_int,
        > = lib
            .get(b"espeak_Initialize\0")
            .map_err(|_| sym("espeak_Initialize"))?;
        let set_callback: libloading::Symbol<unsafe extern "C" fn(SynthCallback)> = lib
            .get(b"espeak_SetSynthCallback\0")
            .map_err(|_| sym("espeak_SetSynthCallback"))?;
        let info: libloading::Symbol<unsafe extern "C" fn(*mut *const c_char) -> *const c_char> =
            lib.get(b"espeak_Info\0").map_err(|_| sym("espeak_Info"))?;
        // DONT_EXIT: without it a missing espeak-ng-data makes the library call exit().
        let rate = initialize(
            AUDIO_OUTPUT_SYNCHRONOUS,
            0,
            std::ptr::null(),
            ESPEAK_INITIALIZE_DONT_EXIT,
        );
        set_callback(collect_samples);
        let version = info(std::ptr::null_mut());
        let version = if version.is_null() {
            "unknown".to_string()
        } else {
            CStr::from_ptr(version).to_string_lossy().into_owned()
        };
        (rate, version)
    };
    if rate <= 0 {
        return Err(format!(
            "{path} loaded but could not initialise (is espeak-ng-data installed?) — {INSTALL_HINT}"
        ));
    }
    Ok(Mutex::new(Loaded {
        api,
        sample_rate: rate as u32,
        version,
        applied: None,
        _lib: lib,
    }))
}

fn library() -> Result<&'static Mutex<Loaded>, EngineError> {
    LIBRARY
        .get_or_init(load)
        .as_ref()
        .map_err(|reason| EngineError::Unavailable {
            engine: "espeak",
            reason: reason.clone(),
        })
}

fn lock(m: &'static Mutex<Loaded>) -> std::sync::MutexGuard<'static, Loaded> {
    // A panic while holding the lock leaves no broken invariant: every call sets its own
    // parameters and clears the sample buffer first.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The espeak-ng engine: a handle on the shared in-process library plus this engine's settings.
#[derive(Debug)]
pub struct Espeak {
    /// The voice as the user named it (shown in the manifest).
    voice: String,
    /// The name libespeak-ng selects it by (an identifier such as `gmw/en` for `en-gb`).
    select: String,
    rate: u32,
    pitch: u8,
    volume: u8,
    sample_rate: u32,
    version: String,
}

impl Espeak {
    /// Loads libespeak-ng (once per process) and checks that the requested voice exists.
    ///
    /// A voice is named as `aloud voices` lists it (its language, e.g. `en-gb`, `fr-fr`) or as
    /// libespeak-ng names it itself (`fr`, `gmw/en`); a listed name is selected by its
    /// identifier, because libespeak-ng's own lookup does not know every listed name (`en-gb`
    /// is the file `gmw/en`).
    pub fn open(settings: &VoiceSettings) -> Result<Self, EngineError> {
        let lib = library()?;
        let voice = settings
            .voice
            .clone()
            .unwrap_or_else(|| DEFAULT_VOICE.to_string());
        let select = Self::identifier_of(&voice).unwrap_or_else(|| voice.clone());
        let mut loaded = lock(lib);
        let unknown = || EngineError::UnknownVoice {
            engine: "espeak",
            voice: voice.clone(),
            close: super::close_voice_names("espeak", &voice),
        };
        let c_voice = CString::new(select.clone()).map_err(|_| unknown())?;
        // Checking the voice selects it, so whatever was applied before no longer holds.
        loaded.applied = None;
        // SAFETY: `c_voice` is a valid NUL-terminated string for the duration of the call.
        if unsafe { (loaded.api.set_voice_by_name)(c_voice.as_ptr()) } != EE_OK {
            drop(loaded);
            return Err(unknown());
        }
        Ok(Espeak {
            select,
            voice,
            rate: settings.rate,
            pitch: settings.pitch.unwrap_or(50),
            volume: settings.volume,
            sample_rate: loaded.sample_rate,
            version: loaded.version.clone(),
        })
    }

    /// The identifier (`gmw/en`) of the voice `aloud voices` lists as `name`, case aside.
    fn identifier_of(name: &str) -> Option<String> {
        let listed = Self::voices().ok()?;
        listed
            .into_iter()
            .find(|v| v.name.eq_ignore_ascii_case(name))
            .map(|v| v.identifier)
    }

    /// Lists the voices the installed espeak-ng-data provides.
    pub fn voices() -> Result<Vec<Voice>, EngineError> {
        let loaded = lock(library()?);
        let mut voices = Vec::new();
        // SAFETY: a null spec asks for all voices; the result is a NULL-terminated array of
        // pointers owned by the library, valid until the next ListVoices call, which the lock
        // prevents while we read it.
        unsafe {
            let mut list = (loaded.api.list_voices)(std::ptr::null_mut());
            while !list.is_null() && !(*list).is_null() {
                let v = &**list;
                let name = cstr(v.name);
                let identifier = cstr(v.identifier);
                // `languages` is a list of (priority byte, NUL-terminated name); the first is
                // the one espeak-ng selects the voice by.
                let language = if v.languages.is_null() {
                    String::new()
                } else {
                    cstr(v.languages.add(1))
                };
                voices.push(Voice {
                    name: if language.is_empty() {
                        identifier.clone()
                    } else {
                        language
                    },
                    description: format!("{name} ({identifier})"),
                    identifier,
                });
                list = list.add(1);
            }
        }
        voices.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(voices)
    }

    /// The espeak-ng phoneme string (IPA when `ipa` is true) for `text`: its clauses'
    /// phonemes joined by spaces, punctuation left out.
    pub fn phonemes(&self, text: &str, ipa: bool) -> Result<String, EngineError> {
        let clauses = self.clauses(text, ipa)?;
        let parts: Vec<&str> = clauses
            .iter()
            .map(|c| c.phonemes.as_str())
            .filter(|p| !p.is_empty())
            .collect();
        Ok(parts.join(" "))
    }

    /// Phonemizes `text` clause by clause, with the punctuation that ended each clause.
    ///
    /// libespeak-ng 1.51's `espeak_TextToPhonemes` runs on over clause and sentence ends and
    /// drops all punctuation (`…WithTerminator` is only in Piper's fork), so pauses marked by
    /// punctuation would vanish. The text is therefore cut into clauses first (see
    /// [`split_after_clause_marks`]); each piece's terminator is recovered from its text.
    pub fn clauses(&self, text: &str, ipa: bool) -> Result<Vec<Clause>, EngineError> {
        self.clauses_in_mode(text, if ipa { PHONEMES_IPA } else { 0 })
    }

    /// Like [`Espeak::clauses`] in IPA, with `tie` joining the letters of every phoneme
    /// written with more than one (`a^ɪ`, `t^ʃ` for `^`), so a diphthong or an affricate can
    /// be told from two phonemes side by side.
    pub fn clauses_tied(&self, text: &str, tie: char) -> Result<Vec<Clause>, EngineError> {
        self.clauses_in_mode(text, PHONEMES_IPA | PHONEMES_TIE | ((tie as c_int) << 8))
    }

    fn clauses_in_mode(&self, text: &str, mode: c_int) -> Result<Vec<Clause>, EngineError> {
        let mut loaded = lock(library()?);
        self.apply(&mut loaded)?;
        let mut clauses = Vec::new();
        for piece in split_after_clause_marks(text) {
            clauses.extend(phonemize_piece(&loaded, piece, mode)?);
        }
        Ok(clauses)
    }
}

/// Cuts text into clauses after `,` `;` `:` `!` `?` (and any closing quotes) followed by
/// whitespace, and after a full stop that ends a sentence: one that closes a word of two or
/// more letters without inner dots ("rained.", not "W." or "p.m.") and is followed by a
/// capital, digit or quote. A comma inside a number ("1,000") is not followed by whitespace
/// and stays.
pub fn split_after_clause_marks(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, ',' | ';' | ':' | '!' | '?' | '.') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.peek() {
            if matches!(q, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}') {
                end = j + q.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if !chars.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
            continue;
        }
        if c == '.' && !ends_sentence(&text[..i], text[end..].trim_start()) {
            continue;
        }
        pieces.push(&text[start..end]);
        start = end;
    }
    if !text[start..].trim().is_empty() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// Whether a full stop after `before` and followed by `after` ends a sentence.
fn ends_sentence(before: &str, after: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && !word.contains('.')
        && after.chars().next().is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || "\"'\u{201C}\u{2018}(".contains(n)
        })
}

/// Phonemizes one piece sentence by sentence (one `espeak_TextToPhonemes` call each).
fn phonemize_piece(loaded: &Loaded, text: &str, mode: c_int) -> Result<Vec<Clause>, EngineError> {
    {
        let c_text = CString::new(text.replace('\0', " ")).map_err(|_| EngineError::Synthesis {
            engine: "espeak",
            reason: "text contains NUL".into(),
        })?;
        let bytes = c_text.as_bytes();
        let base = c_text.as_ptr() as usize;
        let mut clauses = Vec::new();
        let mut ptr: *const c_void = c_text.as_ptr().cast();
        let mut consumed_from = 0usize;
        // SAFETY: `ptr` points into `c_text`, which outlives the loop; libespeak-ng advances
        // it within the string and sets it to NULL at the end. The returned string is owned by
        // the library and copied before the next call.
        unsafe {
            while !ptr.is_null() {
                let out = (loaded.api.text_to_phonemes)(&mut ptr, ESPEAK_CHARS_UTF8 as c_int, mode);
                let consumed_to = if ptr.is_null() {
                    bytes.len()
                } else {
                    (ptr as usize).saturating_sub(base).min(bytes.len())
                };
                let consumed =
                    String::from_utf8_lossy(&bytes[consumed_from.min(consumed_to)..consumed_to]);
                consumed_from = consumed_to;
                let phonemes = if out.is_null() {
                    String::new()
                } else {
                    CStr::from_ptr(out).to_string_lossy().trim().to_string()
                };
                if phonemes.is_empty() && clause_terminator(&consumed).is_none() {
                    continue;
                }
                clauses.push(Clause {
                    phonemes,
                    terminator: clause_terminator(&consumed),
                });
            }
        }
        Ok(clauses)
    }
}

/// First byte of what a forked synthesis writes back: the synthesis follows
/// ([`Synthesis::encode`]), or an error message.
const FORK_OK: u8 = 0;
const FORK_ERR: u8 = 1;

impl Espeak {
    /// Speaks `spoken` like [`Engine::synthesize`], but in a forked copy of this process, so
    /// the library starts every chunk from the state it had before the first: the chunk's
    /// samples depend only on its text and the voice settings (see the module docs). Costs a
    /// `fork` per chunk, under a millisecond for a process this size.
    ///
    /// Only for a single-threaded process (aloud's espeak worker process): `fork` copies only
    /// the calling thread, so a lock another thread held would stay locked in the copy. The
    /// process must not call [`Engine::synthesize`] itself, or that state moves on.
    pub fn synthesize_isolated(&mut self, spoken: &str) -> Result<Synthesis, EngineError> {
        let fail = |reason: String| EngineError::Synthesis {
            engine: "espeak",
            reason,
        };
        // The voice and parameters are set before the copy, so each copy starts alike.
        self.apply(&mut lock(library()?))?;
        let (mut reader, writer) =
            std::io::pipe().map_err(|e| fail(format!("cannot make a pipe: {e}")))?;
        // SAFETY: the caller guarantees this process has one thread, so the child is a
        // complete copy; the child only synthesizes, writes to its pipe and `_exit`s, never
        // returning into the caller's code or running destructors of shared resources.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            return Err(fail(format!(
                "cannot fork: {}",
                std::io::Error::last_os_error()
            )));
        }
        if pid == 0 {
            drop(reader);
            // SAFETY: closes this copy's stdin, stdout and stderr, which belong to the
            // parent's protocol: should the parent die, whoever reads its pipes sees them
            // close at once instead of when this copy ends. Nothing here uses them again.
            unsafe {
                libc::close(0);
                libc::close(1);
                libc::close(2);
            }
            let code = self.speak_into(spoken, writer);
            // SAFETY: ends the child at once, skipping atexit handlers and stdio buffers
            // that belong to the parent.
            unsafe { libc::_exit(code) }
        }
        drop(writer);
        let mut bytes = Vec::new();
        let read = std::io::Read::read_to_end(&mut reader, &mut bytes);
        let mut status: c_int = 0;
        loop {
            // SAFETY: `pid` is this process's own child, waited for exactly once.
            let r = unsafe { libc::waitpid(pid, &mut status, 0) };
            if r >= 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                break;
            }
        }
        read.map_err(|e| fail(format!("reading the forked synthesis: {e}")))?;
        match bytes.split_first() {
            Some((&FORK_OK, answer)) => Synthesis::decode(answer).ok_or_else(|| {
                fail(format!(
                    "the forked synthesis gave a malformed answer of {} bytes",
                    bytes.len()
                ))
            }),
            Some((&FORK_ERR, message)) => Err(fail(String::from_utf8_lossy(message).into())),
            _ => Err(fail(format!(
                "the forked synthesis ended without an answer (wait status {status})"
            ))),
        }
    }

    /// The forked child's work: synthesize and write the answer; returns the exit code.
    fn speak_into(&mut self, spoken: &str, mut out: std::io::PipeWriter) -> c_int {
        use std::io::Write;
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            match self.synthesize(spoken) {
                Ok(synthesis) => [&[FORK_OK][..], &synthesis.encode()].concat(),
                Err(e) => [&[FORK_ERR][..], e.to_string().as_bytes()].concat(),
            }
        }));
        match answer {
            Ok(bytes) if out.write_all(&bytes).is_ok() => 0,
            _ => 1,
        }
    }

    fn apply(&self, loaded: &mut Loaded) -> Result<(), EngineError> {
        let wanted = Applied(self.select.clone(), self.rate, self.pitch, self.volume);
        if loaded.applied.as_ref() == Some(&wanted) {
            return Ok(());
        }
        loaded.applied = None;
        let voice = CString::new(self.select.clone()).map_err(|_| EngineError::UnknownVoice {
            engine: "espeak",
            voice: self.voice.clone(),
            close: Vec::new(),
        })?;
        // SAFETY: plain integer parameters and a valid NUL-terminated voice name.
        let ok = unsafe {
            (loaded.api.set_voice_by_name)(voice.as_ptr()) == EE_OK
                && (loaded.api.set_parameter)(PARAM_RATE, self.rate as c_int, 0) == EE_OK
                && (loaded.api.set_parameter)(PARAM_PITCH, c_int::from(self.pitch), 0) == EE_OK
                && (loaded.api.set_parameter)(PARAM_VOLUME, c_int::from(self.volume), 0) == EE_OK
        };
        if ok {
            loaded.applied = Some(wanted);
            Ok(())
        } else {
            Err(EngineError::Synthesis {
                engine: "espeak",
                reason: format!("could not apply voice {} and its parameters", self.voice),
            })
        }
    }
}

/// One clause as espeak-ng phonemizes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The clause's phonemes (IPA or espeak's ASCII names).
    pub phonemes: String,
    /// The punctuation that ended it (`.`, `,`, `?`, `!`, `:`, `;`), if any.
    pub terminator: Option<char>,
}

/// The punctuation ending a stretch of text, looking past closing quotes and brackets.
/// An ellipsis counts as a full stop.
pub fn clause_terminator(consumed: &str) -> Option<char> {
    let trimmed = consumed.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | ')' | ']' | '}' | '\u{201D}' | '\u{2019}' | '\u{00BB}'
            )
    });
    match trimmed.chars().next_back()? {
        c @ ('.' | ',' | '?' | '!' | ':' | ';') => Some(c),
        '\u{2026}' => Some('.'),
        _ => None,
    }
}

fn cstr(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: callers pass NUL-terminated strings owned by libespeak-ng.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

impl Engine for Espeak {
    fn info(&self) -> EngineInfo {
        EngineInfo {
            name: "espeak".into(),
            version: self.version.clone(),
            voice: self.voice.clone(),
            rate: self.rate,
            credit: None,
            runtime: None,
        }
    }

    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn synthesize(&mut self, spoken: &str) -> Result<Synthesis, EngineError> {
        let mut loaded = lock(library()?);
        self.apply(&mut loaded)?;
        let (text, origin) = espeak_input(spoken)?;
        let text = CString::new(text.replace('\0', " ")).map_err(|_| EngineError::Synthesis {
            engine: "espeak",
            reason: "text contains NUL".into(),
        })?;
        COLLECTED.with(|c| c.borrow_mut().clear());
        WORD_EVENTS.with(|w| w.borrow_mut().clear());
        let bytes = text.as_bytes_with_nul();
        // SAFETY: `text` is valid UTF-8, NUL-terminated, and outlives the call; synchronous mode
        // returns only after the last callback, so the collected buffer is complete afterwards.
        let status = unsafe {
            (loaded.api.synth)(
                bytes.as_ptr().cast(),
                bytes.len(),
                0,
                POS_CHARACTER,
                0,
                ESPEAK_CHARS_UTF8 | ESPEAK_PHONEMES,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        let samples = COLLECTED.with(|c| std::mem::take(&mut *c.borrow_mut()));
        let events = WORD_EVENTS.with(|w| std::mem::take(&mut *w.borrow_mut()));
        if status != EE_OK {
            return Err(EngineError::Synthesis {
                engine: "espeak",
                reason: format!("espeak_Synth returned error {status}"),
            });
        }
        let speech_end = timing::sound_bounds(&samples).map_or(samples.len(), |b| b.end);
        let starts = word_starts(spoken, &origin, &events);
        Ok(Synthesis {
            words: timing::from_starts(&starts, speech_end),
            pcm: Pcm {
                sample_rate: self.sample_rate,
                samples,
            },
        })
    }
}

/// The text libespeak-ng is given for `spoken`, and for each of its characters the byte
/// offset in `spoken` it comes from. The lexicon's IPA phonemes become espeak-ng's own
/// mnemonics inside "[[…]]" (every character of them comes from the spoken "[[").
fn espeak_input(spoken: &str) -> Result<(String, Vec<usize>), EngineError> {
    let mut text = String::with_capacity(spoken.len());
    let mut origin = Vec::with_capacity(spoken.len());
    for piece in lexicon::pieces(spoken) {
        match piece {
            Piece::Words(words) => {
                let base = words.as_ptr() as usize - spoken.as_ptr() as usize;
                text.push_str(words);
                origin.extend(words.char_indices().map(|(i, _)| base + i));
            }
            Piece::Phonemes(ipa) => {
                let mnemonics =
                    lexicon::ipa_to_espeak(ipa).map_err(|c| EngineError::Synthesis {
                        engine: "espeak",
                        reason: format!("phoneme {c:?} of the lexicon has no espeak-ng name"),
                    })?;
                // The piece is what lies inside "[[…]]"; its brackets are 2 bytes before.
                let base = (ipa.as_ptr() as usize - spoken.as_ptr() as usize).saturating_sub(2);
                let given = format!(" [[{mnemonics}]] ");
                origin.extend(given.chars().map(|_| base));
                text.push_str(&given);
            }
        }
    }
    Ok((text, origin))
}

/// The sample where each spoken word of `spoken` starts, from libespeak-ng's word events
/// (character position in the text it was given, counted from 1; sample), `origin` mapping
/// those characters back to `spoken` ([`espeak_input`]). A word gets the earliest event that
/// falls in it (espeak-ng may read one written token as several words: "1234" in French);
/// `None` for a word no event reached.
fn word_starts(spoken: &str, origin: &[usize], events: &[(usize, usize)]) -> Vec<Option<usize>> {
    let words = crate::text::words::spoken_words(spoken);
    let mut starts: Vec<Option<usize>> = vec![None; words.len()];
    for &(position, sample) in events {
        let Some(&byte) = position.checked_sub(1).and_then(|p| origin.get(p)) else {
            continue;
        };
        // The word holding the byte, or else the first word after it.
        let Some(k) = words.iter().position(|w| byte < w.end) else {
            continue;
        };
        starts[k] = Some(starts[k].map_or(sample, |s: usize| s.min(sample)));
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_clauses_where_espeak_would_pause() {
        let cases: &[(&str, &[&str])] = &[
            ("Hello, world.", &["Hello,", " world."]),
            (
                "It rained. Then it stopped.",
                &["It rained.", " Then it stopped."],
            ),
            (
                "Yes! We won 1,000 votes; \"Great,\" he said.",
                &["Yes!", " We won 1,000 votes;", " \"Great,\"", " he said."],
            ),
            (
                "George W. Bush met at 9 p.m. Friday.",
                &["George W. Bush met at 9 p.m. Friday."],
            ),
            ("Ratio 3:2 and 4.5 points.", &["Ratio 3:2 and 4.5 points."]),
            ("Why? ", &["Why?", " "]),
        ];
        for (text, pieces) in cases {
            let got = split_after_clause_marks(text);
            let expected: Vec<&str> = pieces
                .iter()
                .copied()
                .filter(|p| !p.trim().is_empty())
                .collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn word_events_map_back_to_the_spoken_words() {
        // The lexicon's phonemes reach espeak-ng as mnemonics with spaces around them; every
        // character of those comes from the spoken "[[".
        let spoken = "ab [[həlˈoʊ]]'s cd";
        let (text, origin) = espeak_input(spoken).unwrap();
        assert_eq!(text, "ab  [[h@l'oU]] 's cd");
        assert_eq!(origin.len(), text.chars().count());
        assert_eq!(origin[5], 3, "inside the mnemonics: the spoken \"[[\"");
        // Events as libespeak-ng 1.51 reports them for this text (positions from 1).
        let events = [(1, 0), (7, 4994), (17, 15117), (19, 19369)];
        assert_eq!(
            word_starts(spoken, &origin, &events),
            [Some(0), Some(4994), Some(19369)],
            "\"'s\" belongs to the word of the phonemes; the earliest event wins"
        );
        // A number read as several words, its first event on the space before it; a word
        // no event reached.
        let spoken = "le 1234 chats";
        let (_, origin) = espeak_input(spoken).unwrap();
        let events = [(1, 0), (4, 2386), (5, 7765), (5, 17463)];
        assert_eq!(
            word_starts(spoken, &origin, &events),
            [Some(0), Some(2386), None]
        );
    }

    #[test]
    fn word_spans_come_from_the_library_and_follow_the_words() {
        let Ok(mut e) = Espeak::open(&VoiceSettings::default()) else {
            return; // no libespeak-ng here: tests/export.rs reports that loudly
        };
        let s = e.synthesize("Hello there, my friend.").unwrap();
        assert_eq!(s.words.len(), 4);
        assert_eq!(s.words[0].start, 0, "the first word starts with the text");
        assert!(s
            .words
            .windows(2)
            .all(|p| p[0].end == p[1].start && p[0].start < p[1].start));
        assert!(s.words[3].end <= s.pcm.samples.len());
        // The comma's pause lies inside "there," (it ends where "my" starts): about 150 ms
        // of silence before "my".
        let before_my = &s.pcm.samples[s.words[2].start - 2000..s.words[2].start];
        assert!(
            before_my.iter().all(|x| x.unsigned_abs() <= 64),
            "silence before \"my\""
        );
    }

    #[test]
    fn terminator_looks_past_closing_quotes() {
        assert_eq!(clause_terminator("He said “go.” "), Some('.'));
        assert_eq!(clause_terminator("Wait…"), Some('.'));
        assert_eq!(clause_terminator("no mark"), None);
    }
}
