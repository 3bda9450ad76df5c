//! Installable voices (`aloud voices --available`) and how an installed neural voice for an
//! article's language is chosen over espeak-ng. Real binary, real model, real WAVs; the
//! neural voice is installed by scripts/test (`aloud voices install en_US-joe-medium`).

mod common;

use std::path::{Path, PathBuf};

use aloud::engine::voices;
use common::*;

/// Lines of `aloud voices --available` with the given voices folder (None: the default).
fn available(voices_dir: Option<&Path>) -> String {
    let mut cmd = aloud();
    cmd.args(["voices", "--available"]);
    if let Some(dir) = voices_dir {
        cmd.env("ALOUD_VOICES_DIR", dir);
    }
    let out = cmd.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The row of the table whose first column is `name`.
fn row<'a>(table: &'a str, name: &str) -> Vec<&'a str> {
    let line = table
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no row for {name} in:\n{table}"));
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn available_lists_every_catalogue_voice_with_its_facts_and_whether_it_is_installed() {
    let installed = available(None);
    let header = row(&installed, "NAME");
    assert_eq!(
        header,
        [
            "NAME",
            "ALIASES",
            "LANGUAGE",
            "ENGINE",
            "QUALITY",
            "DOWNLOAD",
            "INSTALLED",
            "LICENCE"
        ]
    );
    let empty = tempfile::tempdir().unwrap();
    let none_installed = available(Some(empty.path()));
    assert!(
        none_installed.contains(empty.path().to_str().unwrap()),
        "names the folder it looked in:\n{none_installed}"
    );
    assert!(
        installed.contains("ONNX Runtime 1.32.0 (27.8 MB download"),
        "{installed}"
    );
    assert_eq!(voices::LISTINGS.len(), voices::CATALOGUE.len());
    for listing in voices::LISTINGS {
        let package = voices::catalogue_entry(listing.name).unwrap();
        let cells = row(&none_installed, listing.name);
        let mb = format!("{:.1} MB", listing.download_bytes as f64 / 1e6);
        assert_eq!(
            cells,
            [
                listing.name,
                package.aliases.join(", ").as_str(),
                listing.language,
                listing.engine,
                listing.quality,
                mb.as_str(),
                "no",
                listing.licence
            ],
            "{none_installed}"
        );
    }
    // The voice scripts/test installs is marked so; its facts agree with its own files.
    let joe = row(&installed, "en_US-joe-medium");
    assert_eq!(joe[2..7], ["en-US", "piper", "medium", "58.4 MB", "yes"]);
    assert!(joe[7].starts_with("CC0"), "{joe:?}");
    let model = voices::find_model(Some("joe")).expect("installed by scripts/test");
    let config = read_json(&voices::config_path(&model));
    assert_eq!(config["language"]["code"], "en_US");
    assert_eq!(config["audio"]["quality"], "medium");
    assert!(
        read_to_string(&model.with_file_name("MODEL_CARD")).contains("License: CC0"),
        "the model card gives the licence the listing shows"
    );

    // Listing and installing are separate asks.
    aloud()
        .args(["voices", "--available", "install", "joe"])
        .assert()
        .code(2);
    // `aloud voices` points at the list for what is not installed.
    let out = aloud()
        .arg("voices")
        .env("ALOUD_VOICES_DIR", empty.path())
        .assert()
        .success();
    let listed = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        listed.contains("installable: en_US-joe-medium") && listed.contains("--available"),
        "{listed}"
    );
}

fn read_to_string(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A voices folder holding the installed English voice and a French one: no Piper voice for
/// French ships in a package index (see the README's voices section), so this one is the
/// English voice's weights with a French config (`language` fr_FR, espeak-ng voice `fr`),
/// which is all aloud reads to route an article to it. Its files are symlinks.
fn voices_with_a_french_one() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let joe = voices::find_model(Some("en_US-joe-medium")).expect("installed by scripts/test");
    let link = |from: &Path, to: PathBuf| {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(from, to).unwrap();
    };
    let en = dir.path().join("en_US-joe-medium/en_US-joe-medium.onnx");
    link(&joe, en.clone());
    link(&voices::config_path(&joe), voices::config_path(&en));
    let fr = dir.path().join("fr_FR-joe-medium/fr_FR-joe-medium.onnx");
    link(&joe, fr.clone());
    let mut config = read_json(&voices::config_path(&joe));
    config["espeak"]["voice"] = "fr".into();
    config["language"] = serde_json::json!({
        "code": "fr_FR", "family": "fr", "region": "FR",
        "name_native": "Français", "name_english": "French", "country_english": "France"
    });
    std::fs::write(voices::config_path(&fr), config.to_string()).unwrap();
    (dir, fr)
}

#[test]
fn an_installed_neural_voice_reads_the_articles_in_its_language() {
    let (voices_dir, _) = voices_with_a_french_one();
    let dir = tempfile::tempdir().unwrap();
    let fr = dir.path().join("conseil.txt");
    std::fs::write(
        &fr,
        "Le conseil municipal s'est réuni mardi soir pour parler du mur du port. Personne \
         n'était d'accord sur le prix des travaux, et la séance a duré jusqu'à minuit.\n",
    )
    .unwrap();
    let en = dir.path().join("council.txt");
    std::fs::write(
        &en,
        "The town council met on Tuesday evening to talk about the harbour wall. Nobody agreed \
         on the price of the work, and the meeting went on until midnight.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = aloud()
        .args(["export"])
        .arg(&fr)
        .arg(&en)
        .arg("-o")
        .arg(&out)
        .env("ALOUD_VOICES_DIR", voices_dir.path())
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    for (slug, language, voice) in [
        ("conseil", "fr", "fr_FR-joe-medium"),
        ("council", "en", "en_US-joe-medium"),
    ] {
        let m = read_json(&out.join(slug).join("manifest.json"));
        assert_eq!(m["language"], language, "{slug}");
        assert_eq!(
            m["engine"]["name"], "piper",
            "{slug}: the neural voice, not espeak-ng"
        );
        assert_eq!(m["engine"]["voice"], voice, "{slug}");
        let (rate, samples) = read_wav(&out.join(slug).join(format!("{slug}.wav")));
        assert_eq!(rate, 22050);
        assert!(rms(&samples) > SPEECH_RMS, "{slug}: audio is speech");
        let seconds = samples.len() as f64 / f64::from(rate);
        assert!(
            (5.0..20.0).contains(&seconds),
            "{slug}: {seconds:.1} s for two sentences"
        );
        // Each voice that spoke is credited after the export.
        assert!(stdout.contains(&format!("Piper voice {voice}")), "{stdout}");
    }
    // An engine the user names is respected: with --engine espeak the French article is read
    // by espeak-ng's French voice although a French neural voice is installed.
    let out2 = dir.path().join("out-espeak");
    aloud()
        .args(["export", "-q", "--engine", "espeak"])
        .arg(&fr)
        .arg("-o")
        .arg(&out2)
        .env("ALOUD_VOICES_DIR", voices_dir.path())
        .assert()
        .success();
    let m = read_json(&out2.join("conseil").join("manifest.json"));
    assert_eq!(
        m["engine"]["name"], "espeak",
        "--engine espeak is respected"
    );
    assert_eq!(m["engine"]["voice"], "fr");
    // `aloud voices` marks it as French's default, and espeak-ng's French voice no longer.
    let listed = aloud()
        .arg("voices")
        .env("ALOUD_VOICES_DIR", voices_dir.path())
        .assert()
        .success();
    let listed = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    let line = |start: &str| {
        listed
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no {start} line in {listed}"))
            .to_string()
    };
    assert!(
        line("fr_FR-joe-medium").ends_with("[default for fr]"),
        "{listed}"
    );
    assert!(!line("fr-fr ").contains("default"), "{listed}");
}

#[test]
fn without_a_neural_voice_for_its_language_an_article_goes_to_espeak() {
    // The same French article with only the English neural voice installed: espeak-ng's
    // French voice reads it, and only espeak-ng is credited (it has no credit line).
    let (voices_dir, fr_model) = voices_with_a_french_one();
    std::fs::remove_dir_all(fr_model.parent().unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fr = dir.path().join("conseil.txt");
    std::fs::write(
        &fr,
        "Le conseil municipal s'est réuni mardi soir pour parler du mur du port. Personne \
         n'était d'accord sur le prix des travaux.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = aloud()
        .arg("export")
        .arg(&fr)
        .arg("-o")
        .arg(&out)
        .env("ALOUD_VOICES_DIR", voices_dir.path())
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    let m = read_json(&out.join("conseil/manifest.json"));
    assert_eq!(m["engine"]["name"], "espeak");
    assert_eq!(m["engine"]["voice"], "fr");
    assert!(
        !stdout.contains("en_US-joe-medium"),
        "the English voice read nothing, so it is not credited: {stdout}"
    );
}
