#!/usr/bin/env python3
"""HTML extraction on real pages: aloud against the extraction crates, in one run.

Scores, with ../shared/tools/extraction-score on ../shared/data/extraction-dev (806 real pages
with their true text; word 4-gram F1 of mean precision and recall):
  * aloud (release build) as shipped, and with each --extractor forced;
  * rs-trafilatura, readabilityrs and dom_smoothie with their own text output, through the
    small harness in benches/extractors (its own workspace, built here).
Prints one Markdown table: F1 on all pages, on the 351 articles, and the pages where under a
tenth of the article was read ("nearly empty"). Per-page results go to
target/bench/extraction/NAME.json for opening the worst pages.

Run from the repository root:  python3 benches/extraction.py [--quick]
(--quick: aloud as shipped and rs-trafilatura only). Takes about 10 minutes on 2 cores.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORE = ROOT.parent / "shared" / "tools" / "extraction-score"
OUT = ROOT / "target" / "bench" / "extraction"
HARNESS_TARGET = ROOT / "target" / "bench" / "extractors"


def wrapper(name, argv, after=()):
    """A tiny executable that runs argv, the score tool's arguments, then `after`."""
    path = OUT / f"run-{name}"
    quoted = " ".join(f"'{a}'" for a in argv)
    tail = " ".join(f"'{a}'" for a in after)
    path.write_text(f"#!/bin/sh\nexec {quoted} \"$@\" {tail}\n")
    path.chmod(0o755)
    return path


def score(name, exe):
    p = subprocess.run([str(SCORE), "--aloud", str(exe), "--worst", "0",
                        "--json", str(OUT / f"{name}.json")], capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"extraction-score failed for {name}:\n{p.stderr}")
    out = p.stdout
    f1_all = re.search(r"extraction F1 ([0-9.]+)", out).group(1)
    f1_art = re.search(r"article\s+\d+ pages\s+F1 ([0-9.]+)", out).group(1)
    empty = re.search(r"nearly empty[^:]*: (\d+)", out).group(1)
    return f1_all, f1_art, empty


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                    str(ROOT / "benches" / "extractors" / "Cargo.toml"),
                    "--target-dir", str(HARNESS_TARGET)], check=True)
    aloud = ROOT / "target" / "release" / "aloud"
    harness = HARNESS_TARGET / "release" / "extractors"
    runs = [("aloud (shipped: strategies chosen per page)", "aloud", aloud),
            ("rs-trafilatura 0.2.2 text", "rs-trafilatura", wrapper("rs-trafilatura", [harness, "rs-trafilatura"]))]
    if not a.quick:
        runs += [
            ("rs-trafilatura 0.2.2 text, canonical URL given", "rs-trafilatura-url",
             wrapper("rs-trafilatura-url", [harness, "rs-trafilatura-url"])),
            ("readabilityrs 0.1.4 text", "readabilityrs", wrapper("readabilityrs", [harness, "readabilityrs"])),
            ("dom_smoothie 0.19 text", "dom_smoothie", wrapper("dom_smoothie", [harness, "dom_smoothie"])),
        ]
        for s in ["trafilatura", "readability", "structured-data", "page"]:
            runs.append((f"aloud --extractor {s}", f"aloud-{s}",
                         wrapper(f"aloud-{s}", [aloud], ["--extractor", s])))
    print("| extractor | F1, 806 pages | F1, 351 articles | nearly empty |")
    print("|---|---|---|---|")
    for label, name, exe in runs:
        f_all, f_art, empty = score(name, exe)
        print(f"| {label} | {f_all} | {f_art} | {empty} |", flush=True)


if __name__ == "__main__":
    main()
