#!/usr/bin/env python3
"""Language detection on short texts: what aloud decides for one sentence.

usage: python3 benches/short_language.py [--aloud target/release/aloud] [--sentences 3000]

A whole input of one sentence (a stdin page, `aloud say`) is detected from that sentence
alone. English sentences: up to N sentences of 20-199 letters (no digits or addresses) from
the true texts of the English pages of ../shared/data/extraction-dev (text nobody here
wrote; a page is English when aloud detects its first 3,000 characters so). Other
languages: the headlines, sentences and two-sentence texts in Latin-script languages of
benches/langdetect/texts.tsv. Runs `aloud script --json --from txt -` on each and prints, by
length in letters, how many English sentences are read as another language, and how many of
the other texts are read as their own.
"""
import argparse, json, random, re, subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRUTH = HERE.parent.parent / "shared" / "data" / "extraction-dev" / "truth.json"
BUCKETS = [(20, 40), (40, 60), (60, 80), (80, 100), (100, 140), (140, 200)]


def letters(s):
    return sum(c.isalpha() for c in s)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aloud", default="target/release/aloud")
    ap.add_argument("--sentences", type=int, default=3000)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    errors = []

    def language(text):
        p = subprocess.run([a.aloud, "script", "--json", "--from", "txt", "-"], input=text,
                           capture_output=True, text=True)
        if p.returncode:
            errors.append(f"{text[:60]!r}: {p.stderr.strip()[-200:]}")
            return "error"
        return json.loads(p.stdout)["language"]

    truth = json.loads(TRUTH.read_text())
    bodies = [v.get("articleBody", "") for _, v in sorted(truth.items())]
    bodies = [b for b in bodies if len(b.split()) >= 150]
    with ThreadPoolExecutor(a.jobs) as pool:
        refs = list(pool.map(lambda b: language(b[:3000]), bodies))
    english = []
    for body, ref in zip(bodies, refs):
        if ref != "en":
            continue
        for s in re.split(r"(?<=[.!?])\s+|\n", body):
            s = s.strip()
            if 20 <= letters(s) < 200 and not re.search(r"\d|https?:|@|www\.", s):
                english.append(s)
    random.seed(2)
    random.shuffle(english)
    english = english[:a.sentences]
    other = []
    for line in (HERE / "langdetect" / "texts.tsv").read_text().splitlines():
        if line.startswith("#"):
            continue
        lang, kind, text = line.split("\t")
        if lang in ("fr", "de", "es", "it", "pt", "nl", "pl", "tr") and kind in ("words", "sentence", "two sentences"):
            other.append((lang, text))
    with ThreadPoolExecutor(a.jobs) as pool:
        said = list(pool.map(language, english))
        said_other = list(pool.map(language, [t for _, t in other]))
    print("| letters | English sentences | read as another language |")
    print("|---|---|---|")
    for lo, hi in BUCKETS:
        # Promotional lines ("Read more: …") are debris and read as nothing: not counted.
        xs = [l for s, l in zip(english, said) if lo <= letters(s) < hi and l != "error"]
        wrong = [l for l in xs if l != "en"]
        print(f"| {lo}-{hi - 1} | {len(xs)} | {len(wrong)} ({100 * len(wrong) / max(1, len(xs)):.1f} %) "
              f"{dict(Counter(wrong).most_common(3))} |")
    for e in errors:
        print(f"error: {e}")
    right = sum(1 for (lang, _), l in zip(other, said_other) if l == lang)
    print(f"\nother Latin-script texts read as their language: {right}/{len(other)}")
    for (lang, text), l in zip(other, said_other):
        if l != lang:
            print(f"  {lang} read as {l}: {letters(text)} letters")


if __name__ == "__main__":
    main()
