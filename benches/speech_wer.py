#!/usr/bin/env python3
"""What a listener hears on fresh text: word error rate of a narrated passage.

benches/speech/passage.md is a passage written for this benchmark that mixes the kinds of
issue 11: phone numbers in three written forms, currencies with country prefixes and codes,
a South Asian unit, 12- and 24-hour times, model numbers, a ratio, basis points, an ISO date,
a number glued to its unit, emoji, and an invented name ("Siobhra", said "Shivra") that only a
lexicon entry (benches/speech/lexicon.txt) can get right. benches/speech/reference.txt is how a
narrator would say it.

For each aloud binary given (e.g. a build from before a change and the current one), the
passage is exported with the default voice (with the lexicon when the binary has --lexicon)
and the WAV is transcribed by ../shared/tools/asr-wer (offline Whisper base); the word error
rate against the reference is printed, with the spoken text of each chunk.

Run from the repository root after `cargo build --release`:
    python3 benches/speech_wer.py [LABEL=BIN ...]
default: current=target/release/aloud. Needs the neural voice (scripts/narrate-samples).
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benches" / "speech"
WORK = ROOT / "target" / "bench" / "speech-wer"
ASR = ROOT.parent / "shared" / "tools" / "asr-wer" / "asr-wer"


def has_lexicon(binary):
    out = subprocess.run([binary, "export", "--help"], capture_output=True, text=True).stdout
    return "--lexicon" in out


def main():
    runs = [a.split("=", 1) for a in sys.argv[1:]] or [
        ["current", str(ROOT / "target" / "release" / "aloud")]]
    WORK.mkdir(parents=True, exist_ok=True)
    # The second passage: benches/pauses.py's long sentence without a comma (cut into chunks)
    # and dialogue lines; its reference is its own text.
    sys.path.insert(0, str(ROOT / "benches"))
    import pauses
    crossing = WORK / "crossing.md"
    crossing.write_text(pauses.TEXT)
    crossing_ref = WORK / "crossing.txt"
    crossing_ref.write_text(pauses.TEXT.replace("## ", ""))
    passages = [("mixed kinds", HERE / "passage.md", HERE / "reference.txt"),
                ("long sentence, dialogue", crossing, crossing_ref)]
    rows = []
    for label, binary in runs:
        lexicon = has_lexicon(binary)
        for name, text, reference in passages:
            out = WORK / label
            cmd = [binary, "export", "-q", "--force", str(text), "-o", str(out)]
            if lexicon:
                cmd += ["--lexicon", str(HERE / "lexicon.txt")]
            subprocess.run(cmd, check=True)
            manifest = json.loads((out / text.stem / "manifest.json").read_text())
            voice = manifest["engine"].get("voice")
            print(f"== {label} ({binary}) on {name}: engine {manifest['engine']['name']} "
                  f"{voice}, lexicon {'yes' if lexicon else 'no'}")
            for c in manifest["chunks"]:
                print("   ", c["spoken"])
            wav = out / text.stem / f"{text.stem}.wav"
            res = subprocess.run([str(ASR), str(wav), str(reference), "--json"],
                                 capture_output=True, text=True, check=True)
            r = json.loads(res.stdout)
            print(f"    heard: {r['transcript']}")
            rows.append((label, name, voice, lexicon, r["wer"]))
    print()
    print("| build | passage | voice | lexicon | word error rate |")
    print("|---|---|---|---|---|")
    for label, name, voice, lexicon, wer in rows:
        print(f"| {label} | {name} | {voice} | {'yes' if lexicon else 'no'} | {wer:.3f} |")


if __name__ == "__main__":
    main()
