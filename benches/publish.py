#!/usr/bin/env python3
"""Publishing formats: what mastering and encoding cost, and how large each format is.

On a ~1,000-word article made from the sample articles (as benches/narration.py makes it),
with the chunk cache off, it exports with the chosen engine (default: the neural voice):
  * `--loudness none --format wav`: the export as before issue 15 (no mastering);
  * `--format wav`: with the default podcast loudness (two-pass mastering);
  * `--format mp3`, `--format opus`, `--format m4b`: mastering and one lossy format (what
    item 8 of issue 15 bounds: encoding adds under 10% to the mastered WAV export);
  * `--format wav,flac,mp3,opus,m4b`: mastering and every format.
Then it runs the same exports with the chunk cache warm (mastering and encoding alone, the
fastest of --warm-repeat runs) and prints what each adds to the cold mastered WAV export: the
measure of item 8 that a noisy machine disturbs least.
It prints wall time, peak memory and the overhead against the first, then each format's size
and its size per hour of speech (MB/h, 10^6 bytes), and each file's loudness and true peak as
ffmpeg's ebur128 filter measures them.

Run from the repository root after `cargo build --release` (and scripts/narrate-samples for
the neural voice):  python3 benches/publish.py [--engine piper|espeak] [--words 1000] [--repeat N]
A benchmark, not a test: times depend on the machine and on what else is running.
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "publish"
ALOUD = ROOT / "target" / "release" / "aloud"
sys.path.insert(0, str(ROOT / "benches"))
import narration  # noqa: E402  (make_article)

FORMATS = ["wav", "flac", "mp3", "opus", "m4b"]


def run(article, engine, out, extra, cache=None):
    """One export; `cache`: a chunk cache folder to use (default: the cache off)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    env = dict(os.environ)
    if cache:
        env["ALOUD_CACHE_DIR"] = str(cache)
    t0 = time.perf_counter()
    p = subprocess.run([ALOUD, "export", article, "--engine", engine, "-o", out, "--force",
                        "-q", *([] if cache else ["--no-cache"]), *extra],
                       capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(p.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def ebur128(path):
    p = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", path, "-af",
                        "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True)
    summary = p.stderr[p.stderr.rfind("Summary:"):]
    i = re.search(r"I:\s+(-?[\d.]+)", summary).group(1)
    tp = re.search(r"Peak:\s+(-?[\d.]+|-inf)", summary).group(1)
    return float(i), float(tp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", default="piper")
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=1,
                    help="run the exports this many rounds, interleaved, and keep each one's "
                         "fastest (a loaded machine's noise falls on every export alike)")
    ap.add_argument("--warm-repeat", type=int, default=5,
                    help="runs of each export with the chunk cache warm (the fastest is kept)")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    narration.WORK = WORK
    narration.ALOUD = ALOUD
    article, words = narration.make_article(args.words)
    runs = [
        ("--loudness none --format wav (no mastering)", ["--loudness", "none"]),
        ("--format wav (podcast loudness)", []),
        *[(f"--format {f}", ["--format", f]) for f in ["mp3", "opus", "m4b"]],
        ("--format " + ",".join(FORMATS), ["--format", ",".join(FORMATS)]),
    ]
    print(f"{words} words, engine {args.engine}, chunk cache off\n")
    print("| export | wall s | peak RSS MiB | over no mastering | over WAV mastered |")
    print("|---|---|---|---|---|")
    best = [(float("inf"), 0.0)] * len(runs)
    for _ in range(args.repeat):
        for i, (_, extra) in enumerate(runs):
            wall, rss = run(article, args.engine, WORK / "out", extra)
            best[i] = (min(best[i][0], wall), max(best[i][1], rss))
    for i, (label, _) in enumerate(runs):
        wall, rss = best[i]
        over_wav = f"{100 * (wall / best[1][0] - 1):+.1f}%" if i > 1 else ""
        print(f"| {label} | {wall:.2f} | {rss:.0f} | {100 * (wall / best[0][0] - 1):+.1f}% "
              f"| {over_wav} |")
    # The same exports with every chunk in the cache: what is left is mastering and encoding
    # alone, short enough to repeat until the machine's noise is out of it.
    cache = WORK / "cache"
    run(article, args.engine, WORK / "warm", [], cache)
    warm = []
    for _, extra in runs:
        warm.append(min(run(article, args.engine, WORK / "warm", extra, cache)[0]
                        for _ in range(args.warm_repeat)))
    print(f"\nChunk cache warm (fastest of {args.warm_repeat}): mastering and encoding alone, "
          "and what they add to the cold mastered WAV export above\n")
    print("| export | wall s, cache warm | over no mastering | over WAV mastered, "
          "share of the cold WAV export |")
    print("|---|---|---|---|")
    for i, (label, _) in enumerate(runs):
        over = f"{warm[i] - warm[0]:+.2f} s"
        share = (f"{warm[i] - warm[1]:+.2f} s = {100 * (warm[i] - warm[1]) / best[1][0]:+.1f}%"
                 if i > 1 else "")
        print(f"| {label} | {warm[i]:.2f} | {over} | {share} |")
    folder = WORK / "out" / Path(article).stem
    m = json.loads((folder / "manifest.json").read_text())
    hours = m["duration_ms"] / 3_600_000
    print(f"\naudio {m['duration_ms'] / 1000:.1f} s; manifest after: "
          f"{m['loudness']['after']['integrated_lufs']} LUFS, "
          f"{m['loudness']['after']['true_peak_dbtp']} dBTP, limiter "
          f"{m['loudness']['limiter_db']} dB\n")
    print("| format | bytes | MB per hour | ffmpeg I (LUFS) | ffmpeg true peak (dBTP) |")
    print("|---|---|---|---|---|")
    for f in m["files"]:
        path = folder / f["file"]
        i, tp = ebur128(path)
        print(f"| {f['format']} | {f['bytes']} | {f['bytes'] / hours / 1e6:.1f} | {i} | {tp} |")


if __name__ == "__main__":
    main()
