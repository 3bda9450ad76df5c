//! `aloud export` end to end with the real libespeak-ng: the WAVs, manifest, subtitles and
//! script it writes, read back and checked against each other. These run on espeak
//! (`--engine espeak`); tests/piper.rs covers the neural voice.

mod common;

use common::*;

#[test]
fn every_sample_article_exports_with_consistent_audio_manifest_and_subtitles() {
    let out = tempfile::tempdir().unwrap();
    let mut samples: Vec<_> = std::fs::read_dir(articles_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    samples.sort();
    assert!(samples.len() >= 3);
    for article in samples {
        let e = export_one(&article, out.path(), &[]);
        check_article(&e, "espeak", 350);
        assert_eq!(e.manifest["engine"]["voice"], "en-us");
    }
}

#[test]
fn custom_sentence_pause_is_what_the_wav_holds() {
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &["--sentence-pause", "600", "--paragraph-pause", "1200"],
    );
    check_article(&e, "espeak", 600);
}

#[test]
fn pauses_scale_with_the_rate_in_the_wav() {
    // At twice the default rate every pause is half as long: 350 ms becomes 175 ms.
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &["--rate", "350"],
    );
    check_article(&e, "espeak", 175);
    let paragraph_pauses: Vec<u64> = e.manifest["chunks"]
        .as_array()
        .unwrap()
        .windows(2)
        .filter(|p| p[0]["paragraph"] != p[1]["paragraph"] && p[1]["paragraph"] != 0)
        .map(|p| p[0]["pause_after_ms"].as_u64().unwrap())
        .collect();
    assert!(paragraph_pauses.contains(&450), "{paragraph_pauses:?}");
}

#[test]
fn debris_is_not_narrated_and_the_headline_is_the_title() {
    let out = tempfile::tempdir().unwrap();
    let e = export_one(
        &articles_dir().join("harbour-council-vote.txt"),
        out.path(),
        &[],
    );
    let title = e.manifest["title"].as_str().unwrap();
    assert!(title.starts_with("Merrow Bay council approves"), "{title}");
    let all: String = e.manifest["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_lowercase() + "\n")
        .collect();
    for debris in [
        "show image",
        "advertisement",
        "share this article",
        "photograph:",
        "sign up to our newsletter",
    ] {
        assert!(!all.contains(debris), "{debris:?} was narrated");
    }
}

#[test]
fn faster_rate_gives_shorter_audio() {
    let out = tempfile::tempdir().unwrap();
    let article = articles_dir().join("harbour-council-vote.txt");
    let slow = export_one(&article, &out.path().join("slow"), &["--rate", "120"]);
    let fast = export_one(&article, &out.path().join("fast"), &["--rate", "250"]);
    let slow_ms = slow.manifest["duration_ms"].as_u64().unwrap();
    let fast_ms = fast.manifest["duration_ms"].as_u64().unwrap();
    assert!(
        (fast_ms as f64) < slow_ms as f64 * 0.75,
        "250 wpm ({fast_ms} ms) should be much shorter than 120 wpm ({slow_ms} ms)"
    );
    assert_eq!(fast.manifest["engine"]["rate"], 250);
}

#[test]
fn pitch_and_volume_change_the_audio() {
    let out = tempfile::tempdir().unwrap();
    let article = articles_dir().join("harbour-council-vote.txt");
    let quiet = export_one(&article, &out.path().join("q"), &["--volume", "40"]);
    let loud = export_one(&article, &out.path().join("l"), &["--volume", "180"]);
    let level = |e: &Exported| rms(&read_wav(&e.dir.join("chunks/0002.wav")).1);
    assert!(
        level(&loud) > level(&quiet) * 2.0,
        "volume 180 is louder than 40"
    );
    let low = export_one(&article, &out.path().join("lo"), &["--pitch", "10"]);
    let high = export_one(&article, &out.path().join("hi"), &["--pitch", "90"]);
    let chunk2 = |e: &Exported| read_wav(&e.dir.join("chunks/0002.wav")).1;
    assert_ne!(chunk2(&low), chunk2(&high), "pitch changes the samples");
}

#[test]
fn unknown_voice_is_a_clear_error() {
    let out = tempfile::tempdir().unwrap();
    aloud()
        .args([
            "export",
            "--engine",
            "espeak",
            "--voice",
            "klingon-xx",
            "-o",
        ])
        .arg(out.path())
        .arg(articles_dir().join("harbour-council-vote.txt"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no voice named \"klingon-xx\""));
    assert!(tree(out.path()).is_empty());
}

#[test]
fn force_replaces_only_an_aloud_export_of_the_article() {
    let out = tempfile::tempdir().unwrap();
    let article = articles_dir().join("learning-to-bake-sourdough.md");
    let folder = out.path().join("learning-to-bake-sourdough");
    let refused = |why: &str| {
        aloud()
            .args(["export", "--engine", "espeak", "-q", "--force"])
            .arg(&article)
            .arg("-o")
            .arg(out.path())
            .assert()
            .code(1)
            .stderr(predicates::str::contains(why))
            .stderr(predicates::str::contains(
                "--force replaces only aloud's own export",
            ));
    };
    // A user's folder that happens to have the article's name is never deleted.
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("thesis.tex"), "my thesis").unwrap();
    refused("has no manifest.json");
    assert_eq!(
        std::fs::read_to_string(folder.join("thesis.tex")).unwrap(),
        "my thesis"
    );
    std::fs::remove_dir_all(&folder).unwrap();
    // Nor is a note the user added to an export.
    export_one(&article, out.path(), &["--rate", "300"]);
    std::fs::write(folder.join("my-notes.txt"), "edit chapter 2").unwrap();
    refused("holds my-notes.txt, which aloud did not write");
    assert!(folder.join("my-notes.txt").exists());
    // An export, with a feed's chapters file beside its audio, is redone.
    std::fs::remove_file(folder.join("my-notes.txt")).unwrap();
    std::fs::write(
        folder.join("learning-to-bake-sourdough.chapters.json"),
        "{}",
    )
    .unwrap();
    let e = export_one(&article, out.path(), &["--force", "--rate", "200"]);
    assert_eq!(e.manifest["engine"]["rate"], 200);
    // Nor is another article's export that took the name first ("Story.html" before
    // "story.txt" in one folder run: "story", "story-2"); with --keep-going too.
    let other = tempfile::tempdir().unwrap();
    let same_name = other.path().join("learning-to-bake-sourdough.txt");
    std::fs::write(
        &same_name,
        "Other\n\nA different article with the same name.\n",
    )
    .unwrap();
    for extra in [&[][..], &["--keep-going"][..]] {
        aloud()
            .args(["export", "--engine", "espeak", "-q", "--force"])
            .args(extra)
            .arg(&same_name)
            .arg("-o")
            .arg(out.path())
            .assert()
            .code(1)
            .stderr(predicates::str::contains("holds the export of"));
        let kept: serde_json::Value =
            serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
        assert!(kept["source"]
            .as_str()
            .unwrap()
            .ends_with("learning-to-bake-sourdough.md"));
    }
}

#[test]
fn exporting_again_needs_force() {
    let out = tempfile::tempdir().unwrap();
    let article = articles_dir().join("learning-to-bake-sourdough.md");
    export_one(&article, out.path(), &["--rate", "300"]);
    let before =
        std::fs::read(out.path().join("learning-to-bake-sourdough/manifest.json")).unwrap();
    aloud()
        .args(["export", "--engine", "espeak"])
        .arg(&article)
        .arg("-o")
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("already exists; add --force"));
    assert_eq!(
        std::fs::read(out.path().join("learning-to-bake-sourdough/manifest.json")).unwrap(),
        before,
        "without --force nothing changes"
    );
    let e = export_one(&article, out.path(), &["--force", "--rate", "200"]);
    assert_eq!(
        e.manifest["engine"]["rate"], 200,
        "--force replaced the output"
    );
    assert_eq!(
        tree(out.path()).iter().filter(|p| !p.contains('/')).count(),
        1,
        "no leftovers"
    );
}

#[test]
fn a_folder_exports_one_output_folder_per_article_with_a_summary() {
    let out = tempfile::tempdir().unwrap();
    let stdout = run_aloud(
        aloud()
            .args(["export", "--engine", "espeak"])
            .arg(articles_dir())
            .arg("-o")
            .arg(out.path()),
        0,
    )
    .stdout();
    let summary: Vec<&str> = stdout.lines().collect();
    assert_eq!(summary.len(), 3, "{stdout}");
    for line in summary {
        assert!(
            // "… 32 chunks", perhaps with "(N from the cache)" after it.
            line.contains(".wav  ") && line.contains(" chunks"),
            "{line}"
        );
    }
    let mut top: Vec<String> = tree(out.path())
        .into_iter()
        .filter(|p| !p.contains('/'))
        .collect();
    top.sort();
    assert_eq!(
        top,
        [
            "harbour-council-vote",
            "learning-to-bake-sourdough",
            "night-trains-return"
        ]
    );
}

#[test]
fn stdin_title_cannot_escape_the_output_folder() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    aloud()
        .args(["export", "--engine", "espeak", "-", "-q", "-o"])
        .arg(&out)
        .write_stdin(
            "To ../../etc/passwd we go\n\nThis article tries to escape from the output folder. It should not.\n",
        )
        .assert()
        .success();
    assert_eq!(
        tree(root.path())
            .iter()
            .filter(|p| !p.contains('/'))
            .count(),
        1
    );
    let m = read_json(&out.join("to-etc-passwd-we-go/manifest.json"));
    assert_eq!(m["title"], "To ../../etc/passwd we go");
    assert_eq!(m["source"], "<stdin>");
}

#[test]
fn long_audio_is_split_into_parts_at_paragraphs() {
    // --max-part-size 1 (MB) holds about 23 s of 22,050 Hz audio; six paragraphs of about
    // 10 s each need three or more parts.
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("long.txt");
    let text: String = (1..=6)
        .map(|i| {
            format!(
                "Paragraph {i} begins here. The harbour board met again to talk about the sea \
                 wall, and nobody agreed on the cost. The engineers asked for more time, and \
                 the vote was put off until the spring. The harbour master said nothing.\n\n"
            )
        })
        .collect();
    std::fs::write(&article, text).unwrap();
    let out = dir.path().join("out");
    let stdout = run_aloud(
        aloud()
            .args(["export", "--engine", "espeak", "--max-part-size", "1"])
            .arg(&article)
            .arg("-o")
            .arg(&out),
        0,
    )
    .stdout();
    let m = read_json(&out.join("long/manifest.json"));
    assert!(m["audio"].is_null(), "split audio has no single file");
    let parts = m["parts"].as_array().expect("parts are listed");
    assert!(parts.len() >= 3, "{parts:?}");
    assert!(
        stdout.contains(&format!("in {} parts", parts.len())),
        "{stdout}"
    );
    assert!(!out.join("long/long.wav").exists());
    let mut total_ms = 0.0;
    let mut previous_end = 0;
    for (n, p) in parts.iter().enumerate() {
        let file = p["file"].as_str().unwrap();
        assert_eq!(file, format!("long-part{:02}.wav", n + 1));
        let path = out.join("long").join(file);
        assert!(
            std::fs::metadata(&path).unwrap().len() <= 1024 * 1024,
            "{file}"
        );
        let (rate, samples) = read_wav(&path);
        let ms = samples.len() as f64 * 1000.0 / f64::from(rate);
        let (start, end) = (
            p["start_ms"].as_u64().unwrap(),
            p["end_ms"].as_u64().unwrap(),
        );
        assert_eq!(start, previous_end, "parts follow each other");
        assert!(((end - start) as f64 - ms).abs() <= 1.0, "{file} length");
        previous_end = end;
        total_ms += ms;
    }
    assert!((total_ms - m["duration_ms"].as_f64().unwrap()).abs() <= 6.0);
    // Every chunk names its part and lies inside it; parts change only at a paragraph start.
    let chunks = m["chunks"].as_array().unwrap();
    for pair in chunks.windows(2) {
        if pair[0]["part"] != pair[1]["part"] {
            assert_ne!(
                pair[0]["paragraph"], pair[1]["paragraph"],
                "split at a paragraph"
            );
        }
    }
    for c in chunks {
        let part = &parts[c["part"].as_u64().unwrap() as usize - 1];
        assert!(c["start_ms"].as_u64() >= part["start_ms"].as_u64());
        assert!(c["end_ms"].as_u64() <= part["end_ms"].as_u64());
    }
    // With an MP3 beside the parts, the MP3 is the article's one audio file.
    aloud()
        .args(["export", "--engine", "espeak", "--max-part-size", "1"])
        .args(["--format", "wav,mp3", "--force", "-q"])
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let m = read_json(&out.join("long/manifest.json"));
    assert_eq!(m["audio"], "long.mp3");
}

#[test]
fn the_manifest_records_the_article_language() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("marche.txt");
    std::fs::write(
        &article,
        "Le marché couvert rouvre ses portes\n\nAprès dix-huit mois de travaux, le marché \
         couvert de la place centrale accueille de nouveau les commerçants et leurs clients.\n",
    )
    .unwrap();
    for engine in ["espeak", "none"] {
        let out = dir.path().join(engine);
        let e = export_one(&article, &out, &["--engine", engine]);
        assert_eq!(e.manifest["language"], "fr", "--engine {engine}");
        let e = export_one(
            &article,
            &out,
            &["--engine", engine, "--lang", "it", "--force"],
        );
        assert_eq!(e.manifest["language"], "it", "--engine {engine} --lang it");
    }
}

#[test]
fn each_language_is_read_by_a_voice_of_that_language() {
    // Short articles written for this test; with no --voice, an article in another language
    // than the neural voice's (English) goes to espeak-ng's voice for it.
    let cases = [
        ("fr", "fr", "Le conseil municipal s'est réuni mardi soir pour parler du mur du port. Personne n'était d'accord sur le prix des travaux."),
        ("de", "de", "Der Gemeinderat hat am Dienstagabend lange über die Hafenmauer gesprochen. Niemand war mit den Kosten einverstanden."),
        ("es", "es", "El consejo municipal se reunió el martes por la noche para hablar del muro del puerto. Nadie estaba de acuerdo con el precio de las obras. La votación se aplazó hasta mayo."),
        ("ru", "ru", "Городской совет собрался во вторник вечером, чтобы обсудить стену в порту. Никто не согласился с ценой работ."),
        ("zh", "cmn", "市议会星期二晚上开会讨论港口的防波堤。没有人同意工程的价格，会议一直开到深夜。"),
        ("ar", "ar", "اجتمع مجلس المدينة مساء الثلاثاء لمناقشة جدار الميناء. لم يوافق أحد على تكلفة الأعمال، واستمر الاجتماع حتى وقت متأخر."),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (code, voice, text) in cases {
        let article = dir.path().join(format!("{code}.txt"));
        std::fs::write(&article, format!("{text}\n")).unwrap();
        let out = dir.path().join("out");
        aloud()
            .args(["export", "-q"])
            .arg(&article)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let m = read_json(&out.join(code).join("manifest.json"));
        assert_eq!(m["language"], code, "{code}: detected language");
        assert_eq!(m["engine"]["name"], "espeak", "{code}");
        assert_eq!(m["engine"]["voice"], voice, "{code}");
        let (rate, samples) = read_wav(&out.join(code).join(format!("{code}.wav")));
        assert!(rms(&samples) > SPEECH_RMS, "{code}: audio is speech");
        let seconds = samples.len() as f64 / f64::from(rate);
        assert!(
            seconds > 3.0,
            "{code}: {seconds:.1} s is too short for two sentences"
        );
    }
}

#[test]
fn an_article_no_voice_reads_gets_a_warning_and_its_script() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("yi.txt");
    std::fs::write(&article, "A text said to be in Yiddish.\n").unwrap();
    let out = dir.path().join("out");
    let stderr = run_aloud(
        aloud()
            .args(["export", "--engine", "espeak", "--lang", "yi", "-q"])
            .arg(&article)
            .arg("-o")
            .arg(&out),
        0,
    )
    .stderr();
    assert!(
        stderr.contains("Yiddish (yi)") && stderr.contains("script only"),
        "{stderr}"
    );
    assert!(out.join("yi/script.txt").exists() && !out.join("yi/yi.wav").exists());
    aloud()
        .args([
            "export", "--engine", "espeak", "--lang", "yi", "-q", "--force",
        ])
        .arg("--require-audio")
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
}

#[test]
fn any_listed_voice_works_under_auto_and_an_unknown_one_names_close_matches() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("note.txt");
    std::fs::write(&article, "A short note. It has two sentences.\n").unwrap();
    let model = aloud::engine::voices::find_model(Some("en_US-joe-medium"))
        .expect("the neural voice is installed by scripts/test");
    let model = model.to_string_lossy().into_owned();
    for (voice, engine) in [
        ("en-gb", "espeak"),
        ("fr-fr", "espeak"),
        ("en_US-joe-medium", "piper"),
        (model.as_str(), "piper"),
    ] {
        let out = dir.path().join("out");
        aloud()
            .args(["export", "-q", "--force", "--voice", voice])
            .arg(&article)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let m = read_json(&out.join("note/manifest.json"));
        assert_eq!(m["engine"]["name"], engine, "--voice {voice}");
        let (_, samples) = read_wav(&out.join("note/note.wav"));
        assert!(rms(&samples) > SPEECH_RMS, "--voice {voice}");
    }
    let stderr = run_aloud(
        aloud()
            .args(["export", "-q", "--voice", "en-gbb"])
            .arg(&article)
            .arg("-o")
            .arg(dir.path().join("other")),
        1,
    )
    .stderr();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("(close: en-gb"), "{stderr}");
    // A close voice of another engine says which engine reads it.
    let stderr = run_aloud(
        aloud()
            .args(["export", "-q", "--engine", "espeak", "--voice", "joe"])
            .arg(&article)
            .arg("-o")
            .arg(dir.path().join("other")),
        1,
    )
    .stderr();
    assert!(
        stderr.contains("en_US-joe-medium (--engine piper)"),
        "{stderr}"
    );
}

#[test]
fn source_date_epoch_fixes_the_export_time_in_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("dawn.txt");
    std::fs::write(&article, "The harbour opened at dawn.\n").unwrap();
    aloud()
        .env("SOURCE_DATE_EPOCH", "1000000000")
        .args(["export", "--engine", "espeak", "-q", "-o"])
        .arg(dir.path().join("out"))
        .arg(&article)
        .assert()
        .success();
    let m = read_json(&dir.path().join("out/dawn/manifest.json"));
    assert_eq!(m["exported_at"], "2001-09-09T01:46:40Z");
}
