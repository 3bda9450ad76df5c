#!/usr/bin/env python3
"""How well the fragment warning tells a page aloud could not read from one it read.

usage: python3 benches/fragments.py [--aloud target/release/aloud] [--jobs 2] [--json OUT]

Runs `aloud script --json --from html` on every page of ../shared/data/extraction-dev and
scores the text read against the page's true text with the metric of
../shared/tools/extraction-score (word 4-gram shingles). Prints the pages that warn (the
manifest's `extraction.fragment`), those that warn although at least half of the true article
was read (false alarms), and those where under a tenth of it was read ("nearly empty") without
a warning (silent misses: the failure the warning exists for).
"""
import argparse, gzip, importlib.machinery, importlib.util, json, os, subprocess, tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def scorer():
    path = str(SHARED / "tools" / "extraction-score")
    loader = importlib.machinery.SourceFileLoader("extraction_score", path)
    spec = importlib.util.spec_from_loader("extraction_score", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aloud", default="target/release/aloud")
    ap.add_argument("--data", default=str(SHARED / "data" / "extraction-dev"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--json")
    a = ap.parse_args()
    es = scorer()
    data = Path(a.data)
    truth = json.loads((data / "truth.json").read_text())
    tmp = Path(tempfile.mkdtemp(prefix="fragments-"))

    def run(key):
        page = tmp / f"{key}.html"
        page.write_bytes(gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()))
        p = subprocess.run([a.aloud, "script", "--json", "--from", "html", str(page)],
                           capture_output=True, text=True, timeout=120)
        page.unlink()
        if p.returncode:
            return {"id": key, "error": p.stderr.strip()[-160:], "fragment": True, "recall": 0.0}
        out = json.loads(p.stdout)
        body = "\n".join(x.get("text", "") for x in out.get("paragraphs", []))
        s = es.tp_fp_fn(truth[key].get("articleBody", ""), body)
        x = out.get("extraction") or {}
        return {"id": key, "type": truth[key].get("type"), "recall": es.rec(*s), "precision": es.prec(*s),
                "strategy": x.get("strategy"), "words_read": x.get("words_read"),
                "words_visible": x.get("words_visible"), "fragment": bool(x.get("fragment")),
                "read": len(body.split()), "true_words": len(truth[key].get("articleBody", "").split())}

    with ThreadPoolExecutor(a.jobs) as pool:
        rows = list(pool.map(run, sorted(truth)))
    tmp.rmdir()
    warned = [r for r in rows if r["fragment"]]
    false_alarms = [r for r in warned if r["recall"] >= 0.5]
    empty = [r for r in rows if r.get("error") or r["read"] < 0.1 * r["true_words"]]
    silent = [r for r in empty if not r["fragment"]]
    for name, rs in (("warn", warned), ("false alarms (warn, half or more read)", false_alarms),
                     ("silent nearly empty", silent)):
        print(f"{name}: {len(rs)}")
        for r in rs:
            print(f"  {r['id']} {r.get('type') or '?':13} recall {r['recall']:.2f} read {r.get('words_read')} "
                  f"of {r.get('words_visible')} visible {r.get('strategy') or r.get('error', '')}")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
