#!/usr/bin/env python3
"""Two builds side by side: what mastering and each format add, chunk cache warm.

Exports the benchmark article of benches/publish.py (make it and warm its chunk cache by
running that bench first) with each build in turn, every format after the mastered WAV,
interleaved over --rounds rounds so a noisy machine disturbs both builds alike. Prints, per
build and format, the fastest and median wall time, the median CPU time (user + system, all
threads), and each one's excess over the same build's mastered WAV: what the format adds.

Run from the repository root:
  python3 benches/publish_compare.py OLD_BINARY NEW_BINARY [--rounds 5] [--voice joe]
e.g. after `git worktree add /tmp/old REV && CARGO_TARGET_DIR=target cargo build --release`
in /tmp/old with the binary copied aside. A benchmark, not a test.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "publish"
FORMATS = ["wav", "mp3", "opus", "m4b"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--voice", default="joe")
    a = ap.parse_args()
    article = WORK / "bench-article.txt"
    if not article.exists():
        sys.exit(f"{article} is missing: run python3 benches/publish.py first")
    env = dict(os.environ, ALOUD_CACHE_DIR=str(WORK / "cache"))
    builds = {"old": a.old, "new": a.new}
    times = {}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(a.rounds):
            for name, binary in builds.items():
                for f in FORMATS:
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    t0 = time.perf_counter()
                    subprocess.run([binary, "export", str(article), "--voice", a.voice, "-o", out,
                                    "--force", "-q", "--format", f], env=env, check=True)
                    wall = time.perf_counter() - t0
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                    times.setdefault((name, f), []).append((wall, cpu))
    print(f"{a.rounds} interleaved rounds, chunk cache warm, voice {a.voice}\n")
    print("| build | format | fastest wall s | median wall s | median CPU s | wall over its WAV | CPU over its WAV |")
    print("|---|---|---|---|---|---|---|")
    for name in builds:
        wav_wall = min(w for w, _ in times[(name, "wav")])
        wav_cpu = statistics.median(c for _, c in times[(name, "wav")])
        for f in FORMATS:
            walls = [w for w, _ in times[(name, f)]]
            cpus = [c for _, c in times[(name, f)]]
            over = "" if f == "wav" else f"+{min(walls) - wav_wall:.2f} s"
            over_cpu = "" if f == "wav" else f"+{statistics.median(cpus) - wav_cpu:.2f} s"
            print(f"| {name} | {f} | {min(walls):.2f} | {statistics.median(walls):.2f} | "
                  f"{statistics.median(cpus):.2f} | {over} | {over_cpu} |")


if __name__ == "__main__":
    main()
