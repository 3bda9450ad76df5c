#!/usr/bin/env python3
"""Language detection: the candidate crates on the same texts, in one run.

Builds the harness in benches/langdetect (its own workspace, one Cargo feature per candidate,
so each build holds only that candidate's crate and models) three times, each from scratch in
a temporary target folder, timing the build (dependencies already fetched) and measuring the
binary:
  * `whatlang,whichlang`: whatlang 0.18.0 (69 languages) and whichlang 0.1.1 (16 languages);
  * `lingua17`: lingua 1.8.0 with only the models of the 17 languages of the texts;
  * `lingua75`: lingua 1.8.0 with all its 75 languages (its default features).
Then runs every candidate over benches/langdetect/texts.tsv (texts written for aloud in 17
languages: a headline, single sentences, two sentences, a paragraph, and mixed-language
sentences) and prints one Markdown table: texts right by kind, mean time per text, the
cost of a fresh process detecting one English paragraph (time, and peak memory with the
detector loaded), binary size and build time; then every miss.

Run from the repository root:  python3 benches/langdetect.py
Takes about 4 minutes on 2 cores.
"""
import collections
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "benches" / "langdetect"
KINDS = ["words", "sentence", "two sentences", "paragraph", "mixed"]

# (build features, candidates run from that build, label per candidate)
BUILDS = [
    ("whatlang,whichlang", [("whatlang", "whatlang 0.18.0"),
                            ("whichlang", "whichlang 0.1.1 (16 languages)")]),
    ("lingua17", [("lingua", "lingua 1.8.0, 17 languages built in"),
                  ("lingua-low", "lingua 1.8.0, 17 languages, low accuracy mode")]),
    ("lingua75", [("lingua", "lingua 1.8.0, all 75 languages"),
                  ("lingua-low", "lingua 1.8.0, 75 languages, low accuracy mode")]),
]


def build(features, target):
    subprocess.run(["cargo", "fetch", "--quiet"], cwd=HARNESS, check=True)
    started = time.monotonic()
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--features", features,
         "--target-dir", str(target)],
        cwd=HARNESS, check=True)
    seconds = time.monotonic() - started
    binary = target / "release" / "langdetect"
    return binary, seconds, binary.stat().st_size / 2**20


def run(binary, candidate):
    out = subprocess.run([str(binary), candidate, "5"], check=True, capture_output=True,
                         text=True).stdout
    rows, meta = [], {}
    for line in out.splitlines():
        if line.startswith("# "):
            key, value = line[2:].split()
            meta[key] = int(value)
        else:
            rows.append(line.split("\t"))
    return rows, meta


def main():
    texts = [l.split("\t", 2) for l in (HARNESS / "texts.tsv").read_text().splitlines()
             if l and not l.startswith("#")]
    totals = collections.Counter(kind for _, kind, _ in texts)
    table, misses = [], []
    for features, candidates in BUILDS:
        target = Path(tempfile.mkdtemp(prefix="langdetect-"))
        try:
            binary, build_s, size_mib = build(features, target)
            for candidate, label in candidates:
                rows, meta = run(binary, candidate)
                right = collections.Counter(kind for want, kind, got, _ in rows if want == got)
                mean_us = sum(float(r[3]) for r in rows) / len(rows)
                table.append([label]
                             + [f"{right[k]}/{totals[k]}" for k in KINDS]
                             + [f"{sum(right.values())}/{len(rows)}", f"{mean_us:.0f}",
                                f"{meta['first_call_us'] / 1000:.1f}",
                                f"{meta['first_call_rss_kib'] / 1024:.0f}",
                                f"{size_mib:.0f}", f"{build_s:.0f}"])
                for (want, kind, got, _), (_, _, text) in zip(rows, texts):
                    if want != got:
                        misses.append(f"{label}: {kind} {want} → {got}: {text[:70]}")
        finally:
            shutil.rmtree(target, ignore_errors=True)
    header = (["candidate"] + KINDS + ["all", "µs/text", "fresh: ms", "fresh: MiB",
                                       "binary MiB", "build s"])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in table:
        print("| " + " | ".join(row) + " |")
    print()
    for miss in misses:
        print(f"- {miss}")


if __name__ == "__main__":
    main()
