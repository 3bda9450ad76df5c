#!/usr/bin/env python3
"""The chunk cache: a cold export, the same export again, and an export after one edit.

For each engine, on a ~1,000-word article made from the sample articles (as
benches/narration.py makes it), in a fresh cache folder:
  * cold: every chunk synthesized;
  * warm: the unchanged article again (every chunk from the cache);
  * edited: one sentence of one paragraph changed (only its chunk synthesized).
Prints wall times and the cold/warm ratio; exits 1 if a warm export is not at least 20 times
faster than the cold one (issue 12's target).

Run from the repository root after `cargo build --release` (and scripts/narrate-samples for
the neural voice):  python3 benches/cache.py [--words 1000]
A benchmark, not a test: times depend on the machine and on what else is running.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "cache"
sys.path.insert(0, str(ROOT / "benches"))
import narration  # noqa: E402  (make_article)


def export(aloud, article, engine, out, cache):
    env = dict(os.environ, ALOUD_CACHE_DIR=str(cache))
    t0 = time.perf_counter()
    p = subprocess.run([aloud, "export", article, "--engine", engine, "-o", out, "--force"],
                       env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(p.stderr)
    return wall, p.stdout.strip().splitlines()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=1000)
    args = ap.parse_args()
    aloud = str(ROOT / "target" / "release" / "aloud")
    narration.WORK.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    article, words = narration.make_article(args.words)
    text = article.read_text()
    edited = WORK / "bench-article.txt"
    engines = ["espeak"]
    if "en_US-joe-medium" in subprocess.run([aloud, "voices"], capture_output=True,
                                            text=True).stdout:
        engines.append("piper")
    print(f"article: {words} words")
    print("| engine | cold (s) | warm, unchanged (s) | cold / warm | after one edit (s) |")
    print("|---|---|---|---|---|")
    failed = False
    for engine in engines:
        cache = WORK / f"cache-{engine}"
        shutil.rmtree(cache, ignore_errors=True)
        out = WORK / f"out-{engine}"
        cold, _ = export(aloud, article, engine, out, cache)
        warm, summary = export(aloud, article, engine, out, cache)
        # Change one sentence: the first paragraph's last word.
        first = text.split("\n\n")[1]
        edited.write_text(text.replace(first, first.rstrip(".") + " again.", 1))
        edit, edit_summary = export(aloud, edited, engine, out, cache)
        ratio = cold / warm
        print(f"| {engine} | {cold:.2f} | {warm:.3f} | {ratio:.0f}x | {edit:.2f} |")
        print(f"  warm: {summary}\n  edited: {edit_summary}", file=sys.stderr)
        failed |= ratio < 20
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
