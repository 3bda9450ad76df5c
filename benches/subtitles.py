#!/usr/bin/env python3
"""How readable aloud's subtitles are: cue sizes and durations on the sample articles.

Narrates every article in `articles/` with each engine (espeak, and piper when the neural
voice is installed) with every aloud binary given, reads back each article's `<slug>.srt`
and prints one table row per binary and engine:

  * cues: how many;
  * over 2 lines: the share of cues with more than two lines, as written in the file;
  * over 2 at 42: the share that would need more than two lines of 42 characters (the
    limit of subtitle style guides; before issue 15 aloud wrapped at 60);
  * max line: the longest line, in characters;
  * max cue: the most characters a cue shows (its lines joined by spaces);
  * max s / min s: the longest and shortest time a cue is on screen;
  * under 1 s: cues shown for less than a second, and of those how many show a whole chunk
    that is itself spoken in under a second (the one case aloud allows, see README).

Run from the repository root after `cargo build --release`:
    python3 benches/subtitles.py before=<old aloud> after=target/release/aloud
A benchmark, not a test: it writes to target/bench/subtitles/ and uses its own chunk cache
there (so the binaries' caches never mix); tests/subtitles.rs checks the limits.
"""
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "subtitles"


def parse_time(t):
    hms, ms = t.strip().replace(",", ".").rsplit(".", 1)
    h, m, s = (int(x) for x in hms.split(":"))
    return ((h * 60 + m) * 60 + s) * 1000 + int(ms)


def parse_srt(text):
    cues = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        start, end = lines[1].split(" --> ")
        cues.append((parse_time(start), parse_time(end), lines[2:]))
    return cues


def piper_installed():
    home = Path(os.environ.get("ALOUD_VOICES_DIR", Path.home() / ".local/share/aloud"))
    return any(home.glob("voices/*/*.onnx"))


def measure(out):
    """Rows of figures for the article folders under `out`."""
    cues, over, over42, short, short_chunk = 0, 0, 0, 0, 0
    max_line, max_cue, max_ms, min_ms = 0, 0, 0, None
    for manifest_path in sorted(out.glob("*/manifest.json")):
        folder = manifest_path.parent
        manifest = json.loads(manifest_path.read_text())
        chunk_ms = [(c["start_ms"], c["end_ms"]) for c in manifest["chunks"]]
        for start, end, lines in parse_srt((folder / f"{folder.name}.srt").read_text()):
            cues += 1
            over += len(lines) > 2
            over42 += len(textwrap.wrap(" ".join(lines), 42, break_long_words=False)) > 2
            max_line = max(max_line, *(len(l) for l in lines))
            max_cue = max(max_cue, len(" ".join(lines)))
            ms = end - start
            max_ms = max(max_ms, ms)
            min_ms = ms if min_ms is None else min(min_ms, ms)
            if ms < 1000:
                short += 1
                short_chunk += any(
                    abs(a - start) <= 150 and abs(b - end) <= 150 and b - a < 1000
                    for a, b in chunk_ms
                )
    return cues, over, over42, max_line, max_cue, max_ms, min_ms, short, short_chunk


def main():
    builds = [a.split("=", 1) for a in sys.argv[1:]]
    if not builds or any(len(b) != 2 for b in builds):
        sys.exit(__doc__)
    engines = ["espeak"] + (["piper"] if piper_installed() else [])
    print("| build | engine | cues | over 2 lines | over 2 at 42 | max line | max cue | max s | min s | under 1 s (whole short chunks) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, binary in builds:
        for engine in engines:
            out = WORK / name / engine
            shutil.rmtree(out, ignore_errors=True)
            env = dict(os.environ, ALOUD_CACHE_DIR=str(WORK / name / "cache"))
            subprocess.run(
                [binary, "export", str(ROOT / "articles"), "-o", str(out), "--engine", engine,
                 "-q", "--force"],
                check=True, env=env)
            cues, over, over42, max_line, max_cue, max_ms, min_ms, short, short_chunk = measure(out)
            print(f"| {name} | {engine} | {cues} | {over / cues:.0%} ({over}) | "
                  f"{over42 / cues:.0%} ({over42}) | {max_line} | "
                  f"{max_cue} | {max_ms / 1000:.1f} | {min_ms / 1000:.2f} | {short} ({short_chunk}) |")


if __name__ == "__main__":
    main()
