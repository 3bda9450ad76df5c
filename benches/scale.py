#!/usr/bin/env python3
"""Speed and memory at article sizes of 1k, 10k and 100k words, side by side with the engines'
own command-line tools, in one run. Writes the tables to stdout (they go in BENCHMARKS.md).

The corpus is generated (deterministic, seed 7): news-style sentences built from templates and
word lists written for this benchmark, with numbers, dates, money and names in them, grouped
into paragraphs of 3-6 sentences under a heading every ~12 paragraphs, so the text exercises
the whole pipeline (segmentation, normalization, chunking) like a real article. Every sentence
is distinct enough that the chunk cache is not what is measured (--no-cache anyway).

Measured, per size:
  * aloud export --engine espeak --no-cache (whole WAV, chunk WAVs, manifest, subtitles,
    script) vs `espeak-ng -f TEXT -w OUT.wav` (one WAV): wall time, ratio, peak RSS;
  * aloud export --engine piper (the joe voice) vs the `piper` CLI (PyPI piper-tts 1.8.0, same
    model and text) at 1k and 10k words (100k would take half an hour): real-time factor,
    peak RSS;
  * time to the first chunk WAV of a 10k-word article (espeak and piper): from the start of
    the command until `chunks/0001.wav` exists in the staging folder.

Run from the repository root after `cargo build --release` and scripts/narrate-samples:
    python3 benches/scale.py [--sizes 1000,10000,100000] [--jobs N]
A benchmark, not a test: numbers depend on the machine and on what else is running.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "scale"
ALOUD = ROOT / "target" / "release" / "aloud"
sys.path.insert(0, str(ROOT / "benches"))
import narration  # noqa: E402  (timed, wav_seconds, piper_cli)

PLACES = ["Harrow Bay", "the Lower Town", "Kellan Point", "the north quay", "Brindle Cross",
          "the old market", "Saltmere", "the ring road", "Eastgate", "the ferry terminal"]
PEOPLE = ["Dr. Amara Okafor", "Councillor Ruth Ellery", "Mr. Tomas Reyes", "Prof. Ines Varga",
          "the harbour master", "Mayor Leon Whitcombe", "Ms. Priya Natarajan", "the engineers"]
THINGS = ["the sea wall", "the new library", "the bus depot", "the flood barrier",
          "the school roof", "the tram line", "the fish market", "the lighthouse"]
VERBS = ["approved", "delayed", "questioned", "defended", "rejected", "welcomed", "inspected"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct."]


def sentence(r):
    n = r.randint(2, 98)
    money = f"${r.randint(1, 40)}.{r.randint(1, 9)}m"
    date = f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(1990, 2026)}"
    templates = [
        f"{r.choice(PEOPLE)} {r.choice(VERBS)} the plan for {r.choice(THINGS)} on {date}.",
        f"The cost of {r.choice(THINGS)} rose to {money}, about {n}% more than last year.",
        f"In {r.choice(PLACES)}, {r.randint(12, 4000)} people signed a letter about "
        f"{r.choice(THINGS)}, and {r.choice(PEOPLE)} promised an answer by {r.choice(MONTHS)} {r.randint(1, 28)}.",
        f"\u201cWe will not wait another {n} years,\u201d said {r.choice(PEOPLE)}.",
        f"Work on {r.choice(THINGS)} near {r.choice(PLACES)} stopped at 4:{r.randint(10, 59)} p.m. "
        f"when the wind reached {r.randint(40, 90)} km/h.",
        f"Nobody in {r.choice(PLACES)} could say who would pay for {r.choice(THINGS)}.",
    ]
    return r.choice(templates)


def make_corpus(words, seed=7):
    r = random.Random(seed)
    out, count, para = ["A report from the coast\n"], 0, 0
    while count < words:
        if para % 12 == 11:
            out.append(f"## Part {para // 12 + 1}: {r.choice(PLACES).title()}\n")
        text = " ".join(sentence(r) for _ in range(r.randint(3, 6)))
        out.append(text + "\n")
        count += len(text.split())
        para += 1
    path = WORK / f"corpus-{words}.md"
    path.write_text("\n".join(out))
    return path, count


def first_chunk_seconds(cmd, out_dir, slug):
    shutil.rmtree(out_dir, ignore_errors=True)
    t0 = time.perf_counter()
    p = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    first = None
    while p.poll() is None and first is None:
        for d in out_dir.glob(f".{slug}.partial-*"):
            if any(d.glob("chunks/0*1.wav")):
                first = time.perf_counter() - t0
        time.sleep(0.005)
    p.kill()
    p.wait()
    return first


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--espeak-only", action="store_true",
                    help="only the espeak table, with a column for --loudness none")
    ap.add_argument("--aloud", default=str(ALOUD),
                    help="the aloud binary to measure (default: the release build), e.g. a "
                         "build of an older commit to compare with")
    args = ap.parse_args()
    aloud = Path(args.aloud)
    WORK.mkdir(parents=True, exist_ok=True)
    narration.WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    voices = Path(os.environ.get("ALOUD_VOICES_DIR", Path.home() / ".local/share/aloud/voices"))
    model = voices / "en_US-joe-medium" / "en_US-joe-medium.onnx"
    jobs = ["--jobs", str(args.jobs)]

    print(f"jobs: {args.jobs}; cores: {os.cpu_count()}")
    print()
    print("| words | aloud espeak (s) | aloud RSS (MiB) | `--loudness none` (s) | none RSS (MiB) "
          "| espeak-ng CLI (s) | CLI RSS (MiB) | aloud / CLI | none / CLI | audio |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        text, words = make_corpus(size)
        out = WORK / "out-espeak"
        a_wall, a_rss = narration.timed([aloud, "export", "--engine", "espeak", "--no-cache",
                                         "-q", "--force", text, "-o", out] + jobs)
        audio = narration.wav_seconds(next((out / text.stem).glob("*.wav")))
        shutil.rmtree(out, ignore_errors=True)
        n_wall, n_rss = narration.timed([aloud, "export", "--engine", "espeak", "--no-cache",
                                     "-q", "--force", "--loudness", "none", text, "-o", out]
                                    + jobs)
        shutil.rmtree(out, ignore_errors=True)
        wav = WORK / "espeak-cli.wav"
        c_wall, c_rss = narration.timed(["espeak-ng", "-v", "en-us", "-s", "175", "-f", text,
                                         "-w", wav])
        print(f"| {words:,} | {a_wall:.1f} | {a_rss:.0f} | {n_wall:.1f} | {n_rss:.0f} | {c_wall:.1f} | "
              f"{c_rss:.0f} | {a_wall / c_wall:.2f} | {n_wall / c_wall:.2f} | "
              f"{audio / 60:.0f} min |", flush=True)
        wav.unlink(missing_ok=True)
    if args.espeak_only:
        return

    if model.exists():
        exe = narration.piper_cli()
        print()
        print("| words | aloud piper RTF | aloud RSS (MiB) | piper CLI RTF | CLI RSS (MiB) "
              "| aloud / CLI |")
        print("|---|---|---|---|---|---|")
        for size in [s for s in sizes if s <= 10000]:
            text, words = make_corpus(size)
            out = WORK / "out-piper"
            a_wall, a_rss = narration.timed([aloud, "export", "--engine", "piper", "--no-cache",
                                             "-q", "--force", text, "-o", out] + jobs)
            a_audio = narration.wav_seconds(next((out / text.stem).glob("*.wav")))
            body = "\n".join(l for l in text.read_text().splitlines() if not l.startswith("#"))
            wav = WORK / "piper-cli.wav"
            c_wall, c_rss = narration.timed([exe, "-m", model, "-f", wav], stdin=body)
            c_audio = narration.wav_seconds(wav)
            a_rtf, c_rtf = a_audio / a_wall, c_audio / c_wall
            print(f"| {words:,} | {a_rtf:.1f}x | {a_rss:.0f} | {c_rtf:.1f}x | {c_rss:.0f} | "
                  f"{a_rtf / c_rtf:.2f} |", flush=True)
            shutil.rmtree(out, ignore_errors=True)

    text, _ = make_corpus(10000)
    print()
    print("| engine | first chunk WAV of a 10k-word article (s) |")
    print("|---|---|")
    engines = ["espeak"] + (["piper"] if model.exists() else [])
    for engine in engines:
        out = WORK / f"first-{engine}"
        s = first_chunk_seconds([aloud, "export", "--engine", engine, "--no-cache", "-q",
                                 text, "-o", out] + jobs, out, text.stem)
        print(f"| {engine} | {s:.2f} |" if s else f"| {engine} | not seen |", flush=True)
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
