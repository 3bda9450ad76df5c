#!/usr/bin/env python3
"""Silences between chunks, measured in the audio aloud writes.

Narrates a text written for this benchmark (a 127-word sentence without a comma, an exchange
of short dialogue lines, ordinary paragraphs and a heading) with each engine at 175 and 350
words per minute, and measures every silence between two chunks in the article WAV: from the
last sample of one chunk's speech above the trim threshold (64, about -54 dBFS) to the first
of the next. The chunk kinds come from `aloud script --json` ("break": cut, sentence,
paragraph, section).

Checks, and exits 1 if one fails:
  * every cut inside a long sentence is at most 200 ms of silence;
  * a pause at 350 wpm is half (0.45-0.55 of) the same pause at 175 wpm;
  * a short dialogue line is followed by the sentence pause, not the paragraph pause.

Run from the repository root after `cargo build --release` (the neural voice is used when
scripts/narrate-samples has installed it):  python3 benches/pauses.py [--aloud BIN]
A benchmark, not a test: it writes its inputs and outputs to target/bench/pauses/.
"""
import argparse
import json
import statistics
import subprocess
import sys
import wave
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "pauses"
LOUD = 64

LONG_SENTENCE = (
    "The old ferry that had carried farmers and their sheep across the estuary every morning "
    "since the spring of the year the bridge collapsed was finally retired last week after "
    "more than forty years of service and the town council voted without any debate to keep "
    "the boat in the harbour as a floating museum for the children of the district who had "
    "never known a time when the only way to reach the market on the far shore was to wait "
    "on the cold slipway for the captain to finish his tea and wave the first passengers on "
    "board before the tide turned and the mud banks rose out of the brown water again."
)

TEXT = f"""The Last Crossing

{LONG_SENTENCE}

\u201cToday?\u201d

\u201cNo.\u201d

\u201cTomorrow, then.\u201d

\u201cMaybe.\u201d

The captain said nothing more. He folded the chart and put it away.

## After the vote

The museum opens in May. Tickets are free for children.
"""


def words(text):
    return len(text.split())


def read_wav(path):
    with wave.open(str(path)) as w:
        rate = w.getframerate()
        samples = array("h", w.readframes(w.getnframes()))
    return rate, samples


def silences(out_dir, slug):
    """(pause_after_ms planned, silence measured in ms) between every two chunks."""
    manifest = json.loads((out_dir / slug / "manifest.json").read_text())
    rate, samples = read_wav(out_dir / slug / f"{slug}.wav")
    chunks = manifest["chunks"]
    result = []
    for a, b in zip(chunks, chunks[1:]):
        end = round(a["end_ms"] * rate / 1000)
        start = round(b["start_ms"] * rate / 1000)
        last = next(i for i in range(min(end, len(samples)) - 1, -1, -1) if abs(samples[i]) > LOUD)
        first = next(i for i in range(start, len(samples)) if abs(samples[i]) > LOUD)
        result.append((a["pause_after_ms"], (first - last - 1) * 1000 / rate))
    return result


def run(aloud, engine, rate, article, out):
    plan = subprocess.run(
        [aloud, "script", "--json", "--rate", str(rate), article],
        capture_output=True, text=True, check=True)
    breaks = [c.get("break", "?") for c in json.loads(plan.stdout)["chunks"]]
    dest = out / f"{engine}-{rate}"
    subprocess.run(
        [aloud, "export", "--engine", engine, "--rate", str(rate), "-q", "--force", article,
         "-o", dest],
        check=True, capture_output=True)
    return breaks, silences(dest, Path(article).stem)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aloud", default=str(ROOT / "target" / "release" / "aloud"))
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    article = WORK / "crossing.md"
    article.write_text(TEXT)
    print(f"the long sentence: {words(LONG_SENTENCE)} words, {len(LONG_SENTENCE)} characters")

    engines = ["espeak"]
    probe = subprocess.run([args.aloud, "voices"], capture_output=True, text=True)
    if "en_US-joe-medium" in probe.stdout:
        engines.append("piper")
    failures = []
    medians = {}
    print("| engine | rate (wpm) | after | chunks | planned pause (ms) | measured silence, "
          "median (min-max) ms |")
    print("|---|---|---|---|---|---|")
    for engine in engines:
        for rate in (175, 350):
            breaks, measured = run(args.aloud, engine, rate, article, WORK)
            kinds = {}
            for kind, (planned, silence) in zip(breaks, measured):
                kinds.setdefault(kind, []).append((planned, silence))
            for kind in ("cut", "sentence", "paragraph", "section"):
                if kind not in kinds:
                    continue
                got = [s for _, s in kinds[kind]]
                planned = sorted({p for p, _ in kinds[kind]})
                med = statistics.median(got)
                medians[(engine, rate, kind)] = med
                print(f"| {engine} | {rate} | {kind} | {len(got)} | "
                      f"{', '.join(map(str, planned))} | {med:.0f} ({min(got):.0f}-{max(got):.0f}) |")
                if kind == "cut" and max(got) > 200:
                    failures.append(f"{engine} at {rate} wpm: a cut of {max(got):.0f} ms")
            if "cut" not in breaks:
                failures.append(f"{engine}: the long sentence was not cut")
    for engine in engines:
        for kind in ("cut", "sentence", "paragraph"):
            slow, fast = medians.get((engine, 175, kind)), medians.get((engine, 350, kind))
            if slow and fast:
                ratio = fast / slow
                print(f"{engine} {kind}: 350 wpm / 175 wpm = {ratio:.2f}")
                if not 0.45 <= ratio <= 0.55:
                    failures.append(f"{engine} {kind} pauses do not halve at 350 wpm ({ratio:.2f})")
    plan = json.loads(subprocess.run([args.aloud, "script", "--json", article],
                                     capture_output=True, text=True, check=True).stdout)
    lines = [c for c in plan["chunks"] if c["text"] in
             ("\u201cToday?\u201d", "\u201cNo.\u201d", "\u201cTomorrow, then.\u201d")]
    after = [(c["text"], c["break"], c["pause_after_ms"]) for c in lines]
    print("dialogue lines:", after)
    if len(after) != 3 or any(b != "sentence" for _, b, _ in after):
        failures.append(f"dialogue lines are not followed by the sentence pause: {after}")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
