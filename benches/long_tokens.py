#!/usr/bin/env python3
"""Bounded memory on hostile tokens (issue 12): peak RSS of a real export of
  * a sentence holding one 5,000-character token (a base64-like blob, no spaces), and
  * a Chinese paragraph of over 2,000 characters (tests/data/zh_paragraph.txt),
next to a 1,000-character token and a plain 1,000-word article with the same engine, so the
figure can be read against the engine's own working set and seen not to grow with the token. Before chunks were capped, one 1,050-character token took the
neural voice 2.9 GB and a 300-character Chinese paragraph 6.5 GB.

For each export it prints wall time, peak RSS (GNU time), seconds of audio, and the longest
chunk handed to the engine (characters of spoken text, from the manifest), which
`--max-chunk-chars` bounds. tests/long_tokens.rs asserts the same exports stay under 1 GiB
(without timing).

Run from the repository root after `cargo build --release` and scripts/narrate-samples:
    python3 benches/long_tokens.py
A benchmark, not a test: times depend on the machine and on what else is running.
"""
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "long_tokens"
ALOUD = ROOT / "target" / "release" / "aloud"
sys.path.insert(0, str(ROOT / "benches"))
import narration  # noqa: E402  (timed, wav_seconds, make_article)


def token(n):
    """The same blob as tests/long_tokens.rs: a linear congruential generator over the
    base64 alphabet, seed 7."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    x, out = 7, []
    for _ in range(n):
        x = (x * 1_103_515_245 + 12_345) & 0xFFFFFFFF
        out.append(alphabet[(x >> 16) % len(alphabet)])
    return "".join(out)


def export(name, text_path, engine_args):
    out = WORK / f"out-{name}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [ALOUD, "export", "-q", "--no-cache", *engine_args, text_path, "-o", out]
    wall, rss = narration.timed(cmd)
    (folder,) = [d for d in out.iterdir() if d.is_dir()]  # the article's slug
    slug = folder.name
    manifest = json.loads((out / slug / "manifest.json").read_text())
    longest = max(len(c.get("spoken", c.get("text", ""))) for c in manifest["chunks"])
    audio = narration.wav_seconds(out / slug / f"{slug}.wav")
    return wall, rss, audio, len(manifest["chunks"]), longest


def main():
    if not ALOUD.exists():
        sys.exit(f"{ALOUD}: build it first (cargo build --release)")
    WORK.mkdir(parents=True, exist_ok=True)
    blob = WORK / "token.txt"
    blob.write_text(f"The key was {token(5000)} and it worked.\n")
    short = WORK / "short-token.txt"
    short.write_text(f"The key was {token(1000)} and it worked.\n")
    chinese = WORK / "zh_paragraph.txt"
    shutil.copy(ROOT / "tests" / "data" / "zh_paragraph.txt", chinese)
    plain, words = narration.make_article(1000)
    cases = [
        ("1,000-character token", short, "piper (joe)", ["--engine", "piper", "--voice", "joe"]),
        ("5,000-character token", blob, "piper (joe)", ["--engine", "piper", "--voice", "joe"]),
        (f"plain article, {words} words", plain, "piper (joe)", ["--engine", "piper", "--voice", "joe"]),
        ("1,000-character token", short, "espeak", ["--engine", "espeak"]),
        ("5,000-character token", blob, "espeak", ["--engine", "espeak"]),
        (f"plain article, {words} words", plain, "espeak", ["--engine", "espeak"]),
        ("5,000-character token", blob, "default (hibari)", []),
        ("Chinese paragraph, {} characters".format(len(chinese.read_text().strip())), chinese,
         "default (espeak-ng cmn)", []),
    ]
    print("| input | engine | wall (s) | peak RSS (MiB) | audio (s) | chunks | longest chunk (chars) |")
    print("|---|---|---|---|---|---|---|")
    for i, (label, path, engine, args) in enumerate(cases):
        wall, rss, audio, chunks, longest = export(f"{i}", path, args)
        rss_s = f"{rss:.0f}" if rss is not None else "n/a"
        print(f"| {label} | {engine} | {wall:.1f} | {rss_s} | {audio:.0f} | {chunks} | {longest} |",
              flush=True)


if __name__ == "__main__":
    main()
