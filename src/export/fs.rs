//! File-system safety: slugs that cannot escape the output folder, files written under a
//! temporary name and renamed when complete, and an article folder that appears only whole.

use std::path::{Path, PathBuf};

/// Longest slug, in characters.
pub const MAX_SLUG_LEN: usize = 60;

/// Longest slug in bytes of UTF-8 (see [`slugify`]).
const MAX_SLUG_BYTES: usize = 180;

/// Turns a title or file name into a folder name: lowercase letters and digits joined by
/// `-`, at most [`MAX_SLUG_LEN`] characters, never empty. Accented Latin letters lose their
/// accents ("Café" → `cafe`); letters of other scripts are kept ("Заметка" → `заметка`,
/// "日本語" → `日本語`; they had all become `article`, so two such files in one folder clashed).
/// Anything else (slashes, dots, spaces, symbols) becomes a separator, so a slug cannot name a
/// parent folder or an absolute path.
pub fn slugify(s: &str) -> String {
    let mut slug: Vec<char> = Vec::new();
    for c in s.chars() {
        let c = fold_latin(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if slug.last().is_some_and(|&l| l != '-') && c != '\'' && c != '’' {
            slug.push('-');
        }
    }
    while slug.last() == Some(&'-') {
        slug.pop();
    }
    if slug.len() > MAX_SLUG_LEN {
        // Cut at a word boundary when one is reasonably close to the limit.
        let cut = slug[..=MAX_SLUG_LEN]
            .iter()
            .rposition(|&c| c == '-')
            .filter(|&i| i > MAX_SLUG_LEN / 2)
            .unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
        while slug.last() == Some(&'-') {
            slug.pop();
        }
    }
    // File names are limited to 255 bytes; a slug gets suffixes (".chapters.json",
    // "-part01.wav"), so it keeps under 180 bytes (60 letters of up to 3 bytes each).
    while slug.iter().map(|c| c.len_utf8()).sum::<usize>() > MAX_SLUG_BYTES {
        slug.pop();
    }
    while slug.last() == Some(&'-') {
        slug.pop();
    }
    let slug: String = slug.into_iter().collect();
    if slug.is_empty() {
        "article".to_string()
    } else {
        slug
    }
}

/// Maps common accented Latin letters to their base letter so "Café" slugs as "cafe".
fn fold_latin(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => c,
    }
}

/// The temporary name a file is written under before it is renamed to `path`.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.part"))
}

/// Writes `bytes` to `path` through a temporary file and a rename, so `path` is either the
/// old content, absent, or complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Staging folders of this process not yet committed, for [`remove_active_staging`].
static ACTIVE: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn active() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    ACTIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every staging folder this process has not committed: what an interrupt (Ctrl-C,
/// SIGTERM, SIGHUP) does before the process exits, since a signal skips destructors.
pub fn remove_active_staging() {
    for dir in active().drain(..) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Moves the file `from` to `to` unless `to` exists (then `AlreadyExists`, and `from` is left):
/// a hard link, which fails on an existing name in one step, then `from` removed. Where hard
/// links are not supported (some network and FAT file systems) it checks and renames, which
/// leaves a moment in which another writer's file could be replaced.
pub fn rename_no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => std::fs::remove_file(from),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if to.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(from, to),
    }
}

/// Removes `.<slug>.partial-<pid>` folders in `out` left by runs that died (killed, power
/// lost): their process is gone. Folders of live processes (another export running into the
/// same folder) are left alone. Liveness is read from `/proc/<pid>` ([`runs_as_owner`]);
/// where there is no `/proc`, nothing is removed.
pub fn remove_dead_partials(out: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix('.')
            .and_then(|n| n.rsplit_once(".partial-"))
            .and_then(|(_, pid)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !runs_as_owner(pid, &entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether process `pid` may still be building the staging folder `dir`: it exists, is not a
/// zombie (killed, not yet reaped by its parent: a shell that ran `aloud … &` and killed it),
/// and started before the folder was last changed (else the number was reused by another
/// process). Read from `/proc/<pid>/stat` (fields 3, state, and 22, start time in clock ticks
/// after boot; `proc(5)`) and `/proc/stat`'s `btime`; when those cannot be read the process
/// counts as the owner, so a live export's folder is never removed.
fn runs_as_owner(pid: u32, dir: &Path) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return Path::new("/proc").join(pid.to_string()).exists();
    };
    // The command name (field 2) is in parentheses and may hold spaces: fields after it.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return true;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    if fields.first() == Some(&"Z") {
        return false;
    }
    let started = (|| {
        let ticks: u64 = fields.get(19)?.parse().ok()?;
        let boot: u64 = std::fs::read_to_string("/proc/stat")
            .ok()?
            .lines()
            .find_map(|l| l.strip_prefix("btime "))?
            .trim()
            .parse()
            .ok()?;
        // SAFETY: sysconf has no preconditions; it returns -1 for an unknown name.
        let per_second = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) })
            .ok()
            .filter(|&t| t > 0)?;
        Some(boot + ticks / per_second)
    })();
    let changed = std::fs::metadata(dir)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs());
    match (started, changed) {
        // One second of slack: both are rounded down to the second.
        (Some(started), Some(changed)) => started <= changed + 1,
        _ => true,
    }
}

/// `path` with a staging folder (`.<slug>.partial-<pid>`) shown as the article folder
/// (`<slug>`) it becomes, for messages: a user looks for the file where it would have been.
pub fn public_path(path: &Path) -> PathBuf {
    path.components()
        .map(|c| {
            let name = c.as_os_str().to_string_lossy();
            match name
                .strip_prefix('.')
                .and_then(|n| n.rsplit_once(".partial-"))
                .filter(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            {
                Some((slug, _)) => std::ffi::OsString::from(slug),
                None => c.as_os_str().to_os_string(),
            }
        })
        .collect()
}

/// The endings of the files aloud names after an article's slug ([`foreign_entry`]).
const OWN_SUFFIXES: &[&str] = &[
    ".wav",
    ".flac",
    ".mp3",
    ".opus",
    ".m4b",
    ".srt",
    ".vtt",
    ".words.vtt",
    ".chapters.json",
];

/// Why the existing `dir` may not be replaced by an export of `slug` even with `--force` (a
/// phrase naming the first entry aloud does not write there), or `None` when `dir` is an
/// aloud export of `slug`
/// (its `manifest.json`; `script.txt`; files named `<slug>` or `<slug>-partNN` with an ending of
/// [`OWN_SUFFIXES`]: audio, subtitles, a feed's chapters file; a `chunks/` folder of WAVs). `--force` is for redoing
/// an export, and replacing a folder removes it: a user's folder that happens to have the
/// article's name, or notes added to an export, would be lost.
pub fn foreign_entry(dir: &Path, slug: &str) -> Option<String> {
    let name_of = |p: &Path| {
        p.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    if !dir.is_dir() || dir.is_symlink() {
        return (!dir.is_symlink()).then(|| format!("is a file, {}", name_of(dir)));
    }
    if !dir.join("manifest.json").is_file() {
        return Some("has no manifest.json, so it is not an aloud export".to_string());
    }
    // What aloud writes after the slug: audio, subtitles, word cues, a feed's chapters file
    // (a user's "<slug>.txt.bak" is not ours, and --force would have deleted it).
    let ours = |name: &str| {
        let own_suffix = |rest: &str| {
            OWN_SUFFIXES.contains(&rest)
                || rest
                    .strip_prefix("-part")
                    .and_then(|r| r.split_once('.'))
                    .is_some_and(|(n, ext)| {
                        n.chars().all(|c| c.is_ascii_digit())
                            && OWN_SUFFIXES.contains(&&*format!(".{ext}"))
                    })
        };
        name == "manifest.json"
            || name == "script.txt"
            || name.strip_prefix(slug).is_some_and(own_suffix)
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return Some(format!("cannot be listed ({e})")),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && name == "chunks" {
            let chunks = std::fs::read_dir(entry.path())
                .into_iter()
                .flatten()
                .flatten();
            if let Some(other) = chunks
                .map(|c| c.file_name().to_string_lossy().into_owned())
                .find(|c| !c.ends_with(".wav"))
            {
                return Some(format!("holds chunks/{other}, which aloud did not write"));
            }
        } else if is_dir || !ours(&name) {
            return Some(format!("holds {name}, which aloud did not write"));
        }
    }
    None
}

/// [`StagedDir::commit`]'s error for a folder `--force` does not replace: the reason, after
/// [`not_ours_message`].
#[derive(Debug)]
pub struct ForeignFolder(pub String);

impl std::fmt::Display for ForeignFolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ForeignFolder {}

/// Why an aloud export folder `dir` holds another article than the one from `source` (a
/// manifest's `source`, as [`crate::ingest::Source::display`] writes it), or `None` when it
/// holds the same one or says nothing. Sources are the same when their file names are (the
/// article's file moved, or named from another folder) or, for a URL or standard input, when
/// they are equal. Two inputs named alike ("story.txt", "Story.html") get folders "story" and
/// "story-2" in one run; a later `--force` export of one of them alone must not delete the
/// other's audio (found by a tester).
pub fn other_article(dir: &Path, source: &str) -> Option<String> {
    let old = manifest_source(dir)?;
    let old = old.as_str();
    let name = |s: &str| -> String {
        if s.contains("://") {
            s.to_string()
        } else {
            s.rsplit(['/', '\\']).next().unwrap_or(s).to_string()
        }
    };
    (name(old) != name(source)).then(|| format!("holds the export of {old}, not of {source}"))
}

/// The `source` of the `manifest.json` in `dir`, read alone (so a manifest of another schema
/// version still answers); `None` when there is none to read.
fn manifest_source(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("source")?.as_str().map(str::to_string)
}

/// The reason `--force` does not replace a folder, after `why` (see [`foreign_entry`]).
pub fn not_ours_message(why: &str) -> String {
    format!(
        "{why}; --force replaces only aloud's own export of the article (replacing deletes \
         it): choose another -o folder, or move this one away"
    )
}

/// An article folder being built under a hidden temporary name inside the output folder.
///
/// Dropped without [`StagedDir::commit`], it removes itself, and an interrupt removes it too
/// ([`remove_active_staging`]): an interrupted or failed export leaves no folder that looks
/// complete. Creating one first removes the staging folders of dead runs
/// ([`remove_dead_partials`]).
pub struct StagedDir {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl StagedDir {
    /// Creates `<out>/.<slug>.partial-<pid>` for `<out>/<slug>`.
    pub fn create(out: &Path, slug: &str) -> std::io::Result<Self> {
        std::fs::create_dir_all(out)?;
        remove_dead_partials(out);
        let staging = out.join(format!(".{slug}.partial-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        active().push(staging.clone());
        if let Err(e) = std::fs::create_dir(&staging) {
            active().retain(|d| d != &staging);
            return Err(e);
        }
        Ok(StagedDir {
            staging,
            target: out.join(slug),
            committed: false,
        })
    }

    /// Path of a file inside the folder being built.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.staging.join(relative)
    }

    /// Where the folder will be once committed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Moves the finished folder into place. An existing folder is replaced only when `force`
    /// is set; it is moved aside first and removed once the new one is in place.
    pub fn commit(mut self, force: bool) -> std::io::Result<PathBuf> {
        let mut old = None;
        if self.target.exists() {
            if !force {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "already exists; add --force to replace it",
                ));
            }
            let slug = self
                .target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let new_source = manifest_source(&self.staging);
            let why = foreign_entry(&self.target, &slug)
                .or_else(|| new_source.and_then(|source| other_article(&self.target, &source)));
            if let Some(why) = why {
                return Err(std::io::Error::other(ForeignFolder(not_ours_message(&why))));
            }
            let aside = self.staging.with_file_name(format!(
                ".{}.old-{}",
                self.target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                std::process::id()
            ));
            std::fs::rename(&self.target, &aside)?;
            old = Some(aside);
        }
        std::fs::rename(&self.staging, &self.target)?;
        self.committed = true;
        active().retain(|d| d != &self.staging);
        if let Some(old) = old {
            std::fs::remove_dir_all(old)?;
        }
        Ok(self.target.clone())
    }
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
            active().retain(|d| d != &self.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_folders_are_shown_as_the_article_folder() {
        assert_eq!(
            public_path(Path::new("/out/.story.partial-123/story.wav")),
            Path::new("/out/story/story.wav")
        );
        assert_eq!(
            public_path(Path::new("out/.story.partial-x/a")),
            Path::new("out/.story.partial-x/a")
        );
        assert_eq!(
            public_path(Path::new("plain/file")),
            Path::new("plain/file")
        );
    }

    #[test]
    fn slugs_are_safe_and_short() {
        let cases = [
            ("Harbour Council Vote", "harbour-council-vote"),
            ("../../etc/passwd", "etc-passwd"),
            ("/absolute/path", "absolute-path"),
            ("Café au lait — 2024!", "cafe-au-lait-2024"),
            ("The council’s vote", "the-councils-vote"),
            ("...", "article"),
            ("日本語", "日本語"),
            ("ЗАМЕТКА о погоде", "заметка-о-погоде"),
            ("", "article"),
        ];
        for (input, slug) in cases {
            assert_eq!(slugify(input), slug, "slugify({input:?})");
        }
        let wide = slugify(&"日本語の記事 ".repeat(20));
        assert!(
            wide.chars().count() <= MAX_SLUG_LEN && !wide.ends_with('-'),
            "{wide}"
        );
        let four_byte = slugify(&"𠀀".repeat(80));
        assert!(four_byte.len() <= MAX_SLUG_BYTES, "{four_byte}");
        let long = slugify(&"word ".repeat(40));
        assert!(long.len() <= MAX_SLUG_LEN && !long.ends_with('-'), "{long}");
        let unbroken = slugify(&"x".repeat(100));
        assert_eq!(unbroken.len(), MAX_SLUG_LEN);
    }

    #[test]
    fn staged_dir_vanishes_unless_committed() {
        let out = tempfile::tempdir().unwrap();
        let m = "manifest.json";
        {
            let s = StagedDir::create(out.path(), "a").unwrap();
            std::fs::write(s.path(m), "1").unwrap();
        }
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);

        let s = StagedDir::create(out.path(), "a").unwrap();
        std::fs::write(s.path(m), "1").unwrap();
        s.commit(false).unwrap();
        let held = || std::fs::read_to_string(out.path().join("a").join(m)).unwrap();
        assert_eq!(held(), "1");

        let s = StagedDir::create(out.path(), "a").unwrap();
        std::fs::write(s.path(m), "2").unwrap();
        assert!(s.commit(false).is_err());
        assert_eq!(held(), "1");

        let s = StagedDir::create(out.path(), "a").unwrap();
        std::fs::write(s.path(m), "3").unwrap();
        s.commit(true).unwrap();
        assert_eq!(held(), "3");
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);

        // A file aloud does not write there: --force leaves the folder alone.
        std::fs::write(out.path().join("a/notes.txt"), "mine").unwrap();
        let s = StagedDir::create(out.path(), "a").unwrap();
        std::fs::write(s.path(m), "4").unwrap();
        let e = s.commit(true).unwrap_err();
        assert!(e.to_string().contains("holds notes.txt"), "{e}");
        assert_eq!(held(), "3");
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    }

    #[test]
    fn staging_folders_of_zombies_and_reused_pids_are_removed_live_ones_kept() {
        let out = tempfile::tempdir().unwrap();
        let staging = |pid: u32| out.path().join(format!(".story.partial-{pid}"));
        // Killed but not reaped: a zombie, dead.
        let mut zombie = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        zombie.kill().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        // Alive, started before its folder.
        let live = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        for p in [zombie.id(), live.id()] {
            std::fs::create_dir(staging(p)).unwrap();
        }
        // A folder last changed an hour before its process started: the number was reused.
        let reused = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        std::fs::create_dir(staging(reused.id())).unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::open(staging(reused.id()))
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        remove_dead_partials(out.path());
        assert!(!staging(zombie.id()).exists(), "the zombie's folder");
        assert!(staging(live.id()).exists(), "the live export's folder");
        assert!(!staging(reused.id()).exists(), "the reused number's folder");
        for mut c in [live, reused] {
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = zombie.wait();
    }

    #[test]
    fn a_file_is_moved_into_place_only_when_the_name_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, to) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("story.mp3"),
        );
        std::fs::write(&a, "first").unwrap();
        std::fs::write(&b, "second").unwrap();
        rename_no_replace(&a, &to).unwrap();
        assert!(!a.exists());
        let e = rename_no_replace(&b, &to).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&to).unwrap(), "first");
        assert!(b.exists());
    }

    #[test]
    fn only_aloud_exports_are_replaceable() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("story");
        std::fs::create_dir_all(dir.join("chunks")).unwrap();
        assert!(foreign_entry(&dir, "story")
            .unwrap()
            .contains("no manifest.json"));
        for f in [
            "manifest.json",
            "script.txt",
            "story.wav",
            "story-part01.wav",
            "story.mp3",
            "story.words.vtt",
            "story.chapters.json",
        ] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        std::fs::write(dir.join("chunks/0001.wav"), "").unwrap();
        assert_eq!(foreign_entry(&dir, "story"), None);
        std::fs::write(dir.join("chunks/todo.txt"), "").unwrap();
        assert!(foreign_entry(&dir, "story")
            .unwrap()
            .contains("chunks/todo.txt"));
        std::fs::remove_file(dir.join("chunks/todo.txt")).unwrap();
        // A user's file named after the slug is not aloud's.
        std::fs::write(dir.join("story.txt.bak"), "").unwrap();
        assert!(foreign_entry(&dir, "story")
            .unwrap()
            .contains("holds story.txt.bak"));
        std::fs::remove_file(dir.join("story.txt.bak")).unwrap();
        std::fs::write(dir.join("other.wav"), "").unwrap();
        assert!(foreign_entry(&dir, "story")
            .unwrap()
            .contains("holds other.wav"));
    }
}
