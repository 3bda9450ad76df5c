#!/usr/bin/env python3
"""Speed, memory and intelligibility of aloud's engines on one ~1,000-word article.

Measures, in one run on this machine:
  * aloud --engine espeak and --engine piper (release build), once per --jobs value, without
    the chunk cache: wall time, real-time factor (seconds of audio per second of wall time),
    peak RSS (of the largest process: the main one, or one espeak worker);
  * the reference `piper` CLI (PyPI piper-tts, installed into target/bench/piper-venv) on the
    same text and the same voice model, for comparison;
  * with --wer: word error rate of each WAV through ../shared/tools/asr-wer (offline Whisper),
    against the article's written text;
  * with --engines ...,hibari: aloud's hibari voice, and with --hibari-cli the Python package
    it was ported from (PyPI hibari-tts[fast] 0.2.1 in target/bench/hibari-venv, all cores);
  * the noise in the pauses the voice itself makes inside a chunk (see `pauses`; aloud's own
    pauses between chunks are digital silence).

Run from the repository root after scripts/narrate-samples (or scripts/test) has set up the
voice:  python3 benches/narration.py [--wer] [--words 1000] [--jobs 1,2] [--engines espeak,piper]
        [--hibari-cli]
A benchmark, not a test: numbers depend on the machine and on what else is running.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench"
ALOUD = ROOT / "target" / "release" / "aloud"
ASR = ROOT.parent / "shared" / "tools" / "asr-wer" / "asr-wer"
PIPER_TTS = "piper-tts==1.8.0"
HIBARI_TTS = "hibari-tts[fast]==0.2.1"


def timed(cmd, stdin=None):
    """Runs cmd; returns (wall seconds, peak RSS in MiB or None). Uses GNU time for the RSS
    when it is installed (Debian package `time`)."""
    gnu_time = "/usr/bin/time"
    full = [gnu_time, "-f", "%M"] + [str(c) for c in cmd] if os.path.exists(gnu_time) else [str(c) for c in cmd]
    t0 = time.perf_counter()
    p = subprocess.run(full, input=stdin, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{' '.join(full)} failed:\n{p.stderr}")
    rss = None
    if full[0] == gnu_time:
        try:
            rss = int(p.stderr.strip().splitlines()[-1]) / 1024
        except (ValueError, IndexError):
            pass
    return wall, rss


def cpu_timed(cmd, stdin=None):
    """timed(), plus the CPU seconds (user + system) the command and its children used: on a
    machine shared with other work, wall time says what a user waited, CPU time what the
    work cost."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, rss = timed(cmd, stdin)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, rss, cpu


def wav_seconds(path):
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def make_article(words):
    """~`words` words of the sample articles' cleaned paragraphs, as a plain-text article."""
    paras = []
    count = 0
    for article in sorted((ROOT / "articles").iterdir()):
        plan = json.loads(subprocess.run([ALOUD, "script", "--json", article], capture_output=True,
                                         text=True, check=True).stdout)
        for p in plan["paragraphs"]:
            if count >= words:
                break
            paras.append(p["text"])
            count += len(p["text"].split())
    text = "Benchmark article\n\n" + "\n\n".join(paras) + "\n"
    path = WORK / "bench-article.txt"
    path.write_text(text)
    return path, count


def piper_cli():
    venv = WORK / "piper-venv"
    exe = venv / "bin" / "piper"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([venv / "bin" / "pip", "install", "-q", PIPER_TTS], check=True)
    return exe


def hibari_cli():
    venv = WORK / "hibari-venv"
    exe = venv / "bin" / "hibari"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([venv / "bin" / "pip", "install", "-q", HIBARI_TTS], check=True)
    return exe


def pauses(paths):
    """The pauses a voice makes inside its audio, and how much noise is in them: runs of 100 ms
    or more whose 10 ms windows are all 35 dB under the level of their file, not touching the
    file's first or last 40 ms. Returns (count, median level in dBFS, median and loudest level
    relative to the file's level in dB), or None when there are none. aloud's chunk WAVs are
    given one by one, so the pauses aloud inserts between chunks (digital silence) are not
    counted; a CLI's single WAV includes the pauses between its sentences."""
    import array
    import math
    import statistics
    found = []
    for path in paths:
        with wave.open(str(path)) as w:
            rate = w.getframerate()
            s = array.array("h", w.readframes(w.getnframes()))
        if not s:
            continue
        n = rate // 100
        level = math.sqrt(sum(x * x for x in s) / len(s))
        windows = [math.sqrt(sum(x * x for x in s[i:i + n]) / n) for i in range(0, len(s) - n, n)]
        quiet = level / 10 ** (35 / 20)
        i = 0
        while i < len(windows):
            if windows[i] >= quiet:
                i += 1
                continue
            j = i
            while j < len(windows) and windows[j] < quiet:
                j += 1
            if j - i >= 10 and i > 3 and j < len(windows) - 3:
                run = s[i * n:j * n]
                rms = math.sqrt(sum(x * x for x in run) / len(run))
                if rms > 0:
                    found.append((20 * math.log10(rms / 32768), 20 * math.log10(rms / level)))
            i = j
    if not found:
        return None
    relative = sorted(r for _, r in found)
    return (len(found), statistics.median(a for a, _ in found), statistics.median(relative),
            relative[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--wer", action="store_true", help="also score intelligibility with asr-wer")
    ap.add_argument("--jobs", default=f"1,{os.cpu_count()}",
                    help="comma-separated --jobs values to run aloud with (default: 1 and all cores)")
    ap.add_argument("--engines", default="espeak,piper",
                    help="comma-separated aloud engines to run (espeak, piper, hibari)")
    ap.add_argument("--hibari-cli", action="store_true",
                    help="also run the hibari-tts Python package on the same text")
    args = ap.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    article, words = make_article(args.words)
    voices_dir = Path(os.environ.get("ALOUD_VOICES_DIR", Path.home() / ".local/share/aloud/voices"))
    model = voices_dir / "en_US-joe-medium" / "en_US-joe-medium.onnx"

    jobs = [int(j) for j in args.jobs.split(",")]
    rows = []
    for engine in args.engines.split(","):
        for j in jobs:
            out = WORK / f"out-{engine}-{j}"
            cmd = [ALOUD, "export", article, "--engine", engine, "-o", out, "--force", "-q",
                   "--no-cache", "--jobs", str(j)]
            wall, rss, cpu = cpu_timed(cmd)
            m = json.loads((out / "bench-article" / "manifest.json").read_text())
            audio = m["duration_ms"] / 1000
            rows.append((f"aloud --engine {engine} --jobs {j}", wall, audio, rss, cpu,
                         out / "bench-article" / "bench-article.wav",
                         sorted((out / "bench-article" / "chunks").glob("*.wav"))))

    exe = piper_cli()
    ref_wav = WORK / "piper-cli.wav"
    body = article.read_text()
    wall, rss, cpu = cpu_timed([exe, "-m", model, "-f", ref_wav], stdin=body)
    rows.append(("piper CLI (piper-tts 1.8.0)", wall, wav_seconds(ref_wav), rss, cpu, ref_wav,
                 [ref_wav]))
    if args.hibari_cli:
        hibari_wav = WORK / "hibari-cli.wav"
        wall, rss, cpu = cpu_timed(
            [hibari_cli(), "-o", hibari_wav, "--threads", str(os.cpu_count())], stdin=body)
        rows.append(("hibari CLI (hibari-tts[fast] 0.2.1)", wall, wav_seconds(hibari_wav), rss,
                     cpu, hibari_wav, [hibari_wav]))

    print(f"\n{words} words, {os.cpu_count()} cores\n")
    header = ("| system | wall s | audio s | real-time factor | peak RSS MiB | CPU s | audio s per CPU s "
              "| pauses | pause dBFS | pause under speech dB (median, loudest) |")
    if args.wer:
        header += " WER |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    reference = WORK / "reference.txt"
    reference.write_text(body)
    for name, wall, audio, rss, cpu, wav, pieces in rows:
        line = f"| {name} | {wall:.2f} | {audio:.1f} | {audio / wall:.1f}x | {rss:.0f} |" if rss else \
            f"| {name} | {wall:.2f} | {audio:.1f} | {audio / wall:.1f}x | n/a |"
        line += f" {cpu:.2f} | {audio / cpu:.0f} |"
        found = pauses(pieces)
        line += (f" {found[0]} | {found[1]:.1f} | {-found[2]:.0f}, {-found[3]:.0f} |" if found
                 else " 0 | | |")
        if args.wer:
            p = subprocess.run([ASR, "--json", wav, reference], capture_output=True, text=True)
            try:
                line += f" {json.loads(p.stdout)['wer']:.3f} |"
            except (ValueError, KeyError):
                line += " n/a |"
        print(line)


if __name__ == "__main__":
    main()
