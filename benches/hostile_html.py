#!/usr/bin/env python3
"""Hostile HTML: each page must be read (or refused with a clear error) within 5 s.

Generates, in target/bench/hostile/, the pages issue 10 names and a few more of the same kind:
  * deep-div:    200,000 nested <div>s around one paragraph
  * deep-span:   200,000 nested <span>s (inline nesting)
  * deep-li:     200,000 unclosed <li>s (implied ends: wide, not deep)
  * big-article: a 10 MB article of 65,000 distinct paragraphs
  * big-links:   a 10 MB page of navigation links around one short paragraph
  * scripts:     a page of only scripts (must be refused: exit 1)
and runs `target/release/aloud script --json PAGE` on each, printing wall time, peak RSS, the
exit code and the strategy that read it. Exits 1 if any page takes 5 s or more, or a page that
should be read is not.

This machine's speed changes from day to day (the same `espeak-ng` run has taken from 2.3 s to
9.2 s on different days, the machine otherwise quiet), so the run starts with a yardstick:
`espeak-ng` writing 300 of the big article's paragraphs (7,800 words) to a WAV, 2.3 s-class
work on a fast day. Compare a page's time with the yardstick's of the same run.

Run from the repository root after `cargo build --release`:  python3 benches/hostile_html.py
A benchmark, not a test: times depend on the machine and on what else is running.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "hostile"
ALOUD = ROOT / "target" / "release" / "aloud"
LIMIT_S = 5.0


def prose(i):
    return (f"Paragraph {i}. The harbour report noted a change in the district, where the "
            "council had argued for months about the cost of the new sea wall.")


def pages():
    n = 200_000
    one = "<p>The only paragraph of this page is still read aloud by the narrator.</p>"
    yield "deep-div", f"<html><body>{'<div>' * n}{one}{'</div>' * n}</body></html>", 0
    yield "deep-span", f"<html><body>{'<span>' * n}{one}{'</span>' * n}</body></html>", 0
    yield "deep-li", f"<html><body><ul>{'<li>x' * n}</ul>{one}</body></html>", 0
    paras = "".join(f"<p>{prose(i)}</p>\n" for i in range(65_000))
    yield "big-article", f"<html><body><article><h1>Long</h1>{paras}</article></body></html>", 0
    links = "".join(f'<li><a href="/s/{i}">Section {i} of the site</a></li>' for i in range(170_000))
    yield "big-links", f"<html><body><nav><ul>{links}</ul></nav>{one}</body></html>", 0
    yield "scripts", "<html><head><title>App</title></head><body>" + "<script>render()</script>" * 2000 + "</body></html>", 1


def main():
    if not ALOUD.exists():
        sys.exit(f"{ALOUD}: build it first (cargo build --release)")
    WORK.mkdir(parents=True, exist_ok=True)
    gnu_time = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    failed = False
    yard = WORK / "yardstick.txt"
    yard.write_text("\n".join(prose(i) for i in range(300)))
    t0 = time.perf_counter()
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "175", "-f", str(yard), "-w",
                    str(WORK / "yardstick.wav")], check=True, capture_output=True)
    print(f"yardstick: espeak-ng on 300 paragraphs (7,800 words): {time.perf_counter() - t0:.2f} s")
    print()
    print(f"| page | size MB | wall s | peak RSS MiB | exit | strategy | words read |")
    print(f"|---|---|---|---|---|---|---|")
    for name, html, want_exit in pages():
        path = WORK / f"{name}.html"
        path.write_text(html)
        cmd = [str(ALOUD), "script", "--json", str(path)]
        if gnu_time:
            cmd = [gnu_time, "-f", "%M"] + cmd
        # The script goes to a file, as a user's `> out.json` would: read through a pipe,
        # this script's own decoding of its 64 MB took a core from aloud's threads.
        out = WORK / f"{name}.json"
        t0 = time.perf_counter()
        with open(out, "w") as sink:
            p = subprocess.run(cmd, stdout=sink, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        rss = "?"
        if gnu_time:
            try:
                rss = f"{int(p.stderr.strip().splitlines()[-1]) / 1024:.0f}"
            except (ValueError, IndexError):
                pass
        strategy, words = "-", "-"
        if p.returncode == 0:
            x = json.loads(out.read_text()).get("extraction", {})
            strategy, words = x.get("strategy", "-"), x.get("words_read", "-")
        ok = wall < LIMIT_S and p.returncode == want_exit
        failed |= not ok
        print(f"| {name} | {len(html) / 1e6:.1f} | {wall:.2f} | {rss} | {p.returncode} | {strategy} | {words} |"
              + ("" if ok else "  ← FAIL"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
