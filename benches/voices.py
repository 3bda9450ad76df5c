#!/usr/bin/env python3
"""Every installable voice on the same ~1,000-word English article: speed, memory, word errors.

For each voice `aloud voices --available` lists (and, for comparison, espeak-ng's en-us), in one
run on this machine: aloud export --voice NAME (release build, --jobs = all cores, no chunk
cache) of the article benches/narration.py builds from the sample articles, then
  * real-time factor: seconds of audio per second of wall time (model loading included);
  * peak RSS of the largest process, from GNU time (Debian package `time`);
  * word error rate of the WAV through ../shared/tools/asr-wer (offline Whisper base, English
    only, so it is given for English voices only).
Voices that are not installed are skipped unless --install is given, which installs each
(`aloud voices install NAME`, a download). Then, for the languages of the issue that asked
for routing (fr, de, es, ru, zh, ar), a paragraph written for this benchmark is exported with
no --voice, so the voice aloud routes it to reads it: real-time factor and peak RSS (no WER:
asr-wer transcribes English only). Prints Markdown tables for the README.

Run from the repository root:  python3 benches/voices.py [--install] [--words 1000]
A benchmark, not a test: the numbers depend on the machine and on what else runs on it.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from narration import ALOUD, ASR, ROOT, WORK, make_article, timed  # noqa: E402


# One paragraph per language, the same story in each (a council meeting about a harbour wall).
PARAGRAPHS = {
    "fr": "Le conseil municipal s'est réuni mardi soir pour parler du mur du port, abîmé par les "
          "tempêtes de l'hiver dernier. Les pêcheurs demandent des travaux rapides, car leurs "
          "bateaux ne sont plus à l'abri. Le maire a promis une décision avant l'été, mais "
          "personne n'était d'accord sur le prix des travaux, estimé entre deux et trois millions "
          "d'euros. La séance a duré jusqu'à minuit.",
    "de": "Der Gemeinderat hat am Dienstagabend lange über die Hafenmauer gesprochen, die von den "
          "Stürmen des letzten Winters beschädigt wurde. Die Fischer verlangen schnelle Arbeiten, "
          "denn ihre Boote liegen nicht mehr geschützt. Der Bürgermeister versprach eine "
          "Entscheidung vor dem Sommer, aber niemand war mit den Kosten einverstanden, die auf "
          "zwei bis drei Millionen Euro geschätzt werden. Die Sitzung dauerte bis Mitternacht.",
    "es": "El consejo municipal se reunió el martes por la noche para hablar del muro del puerto, "
          "dañado por las tormentas del invierno pasado. Los pescadores piden obras rápidas, "
          "porque sus barcos ya no están protegidos. El alcalde prometió una decisión antes del "
          "verano, pero nadie estaba de acuerdo con el precio de las obras, estimado entre dos y "
          "tres millones de euros. La sesión duró hasta la medianoche.",
    "ru": "Городской совет собрался во вторник вечером, чтобы обсудить стену в порту, "
          "повреждённую зимними штормами. Рыбаки просят начать работы как можно скорее, потому "
          "что их лодки больше не защищены. Мэр пообещал принять решение до лета, но никто не "
          "согласился с ценой работ, которую оценивают в два-три миллиона евро. Заседание "
          "продолжалось до полуночи.",
    "zh": "市议会星期二晚上开会，讨论去年冬天被风暴损坏的港口防波堤。渔民要求尽快动工，因为他们的船"
          "已经失去了保护。市长承诺在夏天之前作出决定，但是没有人同意工程的价格，估计在两百万到三百万"
          "欧元之间。会议一直开到午夜。",
    "ar": "اجتمع مجلس المدينة مساء الثلاثاء لمناقشة جدار الميناء الذي تضرر من عواصف الشتاء "
          "الماضي. يطالب الصيادون بإصلاحات سريعة، لأن قواربهم لم تعد محمية. ووعد رئيس البلدية "
          "باتخاذ قرار قبل الصيف، لكن أحدا لم يوافق على تكلفة الأعمال، التي تقدر بما بين مليونين "
          "وثلاثة ملايين يورو. واستمر الاجتماع حتى منتصف الليل.",
}


def catalogue():
    """The rows of `aloud voices --available` as dicts keyed by the table's header."""
    out = subprocess.run([ALOUD, "voices", "--available"], capture_output=True, text=True,
                         check=True).stdout
    lines = out.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("NAME"))
    header = re.split(r"\s{2,}", lines[start].strip())
    return [dict(zip(header, re.split(r"\s{2,}", l.strip()))) for l in lines[start + 1:] if l.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--install", action="store_true",
                    help="install every catalogue voice first (downloads each)")
    args = ap.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    article, words = make_article(args.words)
    reference = WORK / "reference.txt"
    reference.write_text(article.read_text())

    voices = catalogue()
    if args.install:
        for v in voices:
            subprocess.run([ALOUD, "voices", "install", v["NAME"]], check=True)
        voices = catalogue()
    runs = [(v["NAME"], v["LANGUAGE"], v["ENGINE"], v["QUALITY"], v["DOWNLOAD"], v["LICENCE"])
            for v in voices if v["INSTALLED"] == "yes"]
    skipped = [v["NAME"] for v in voices if v["INSTALLED"] != "yes"]
    runs.append(("en-us", "en-US", "espeak", "formant", "(apt)", "GPL-3.0-or-later (espeak-ng)"))

    jobs = os.cpu_count()
    print(f"\n{words} words, {jobs} cores, --jobs {jobs}, no chunk cache\n")
    print("| voice | language | engine | quality | download | real-time factor | peak RSS MiB "
          "| WER | licence |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, language, engine, quality, download, licence in runs:
        out = WORK / f"voices-{name}"
        wall, rss = timed([ALOUD, "export", article, "--voice", name, "-o", out, "--force", "-q",
                           "--no-cache", "--jobs", str(jobs)])
        manifest = json.loads((out / "bench-article" / "manifest.json").read_text())
        if manifest["engine"]["voice"] not in (name, Path(name).stem):
            sys.exit(f"--voice {name} was read by {manifest['engine']}")
        audio = manifest["duration_ms"] / 1000
        wer = "n/a (not English)"
        if language.startswith("en"):
            p = subprocess.run([ASR, "--json", out / "bench-article" / "bench-article.wav",
                                reference], capture_output=True, text=True)
            try:
                wer = f"{json.loads(p.stdout)['wer']:.3f}"
            except (ValueError, KeyError):
                wer = "n/a (asr-wer failed)"
        rss_text = f"{rss:.0f}" if rss else "n/a"
        print(f"| {name} | {language} | {engine} | {quality} | {download} | {audio / wall:.1f}x "
              f"| {rss_text} | {wer} | {licence} |")
    if skipped:
        print(f"\nnot installed, skipped (--install installs them): {', '.join(skipped)}")

    print("\n| language | read by (routed, no --voice) | audio s | real-time factor "
          "| peak RSS MiB |")
    print("|---|---|---|---|---|")
    for code, text in PARAGRAPHS.items():
        path = WORK / f"voices-{code}.txt"
        path.write_text(text + "\n")
        out = WORK / f"voices-{code}"
        wall, rss = timed([ALOUD, "export", path, "-o", out, "--force", "-q", "--no-cache",
                           "--jobs", str(jobs)])
        manifest = json.loads((out / path.stem / "manifest.json").read_text())
        if manifest["language"] != code:
            sys.exit(f"{path}: detected as {manifest['language']}, not {code}")
        audio = manifest["duration_ms"] / 1000
        engine = manifest["engine"]
        rss_text = f"{rss:.0f}" if rss else "n/a"
        print(f"| {code} | {engine['name']} {engine['voice']} | {audio:.1f} | {audio / wall:.1f}x "
              f"| {rss_text} |")


if __name__ == "__main__":
    main()
