#!/usr/bin/env python3
"""Noise in the hibari voice's pauses: aloud's port against the hibari-tts package itself, on
the same sentences (each with commas, where the model pauses inside a chunk).

For each sentence the package (hibari-tts[fast] 0.2.1 in target/bench/hibari-venv, made by
`benches/narration.py --hibari-cli`) writes a WAV with its own G2P and numpy vocoder, and aloud
exports it with --voice hibari (one chunk); `narration.pauses` measures the pauses of 100 ms
or more in each, relative to the speech level.

Run from the repository root after a release build and `aloud voices install hibari`:
    python3 benches/hibari_pauses.py
"""
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))
import narration  # noqa: E402

SENTENCES = [
    "The captain, who has sailed the route for twenty years, said the sea was calm, and nobody "
    "doubted her.",
    "In the old market, four hundred people signed a letter, and the mayor promised an answer by "
    "Friday.",
    "When the wind rose, the ferry waited, the crew checked the ropes, and the passengers went "
    "below.",
]


def main():
    python = narration.hibari_cli().parent / "python"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("| sentence | package: pauses, under speech dB | aloud: pauses, under speech dB |")
        print("|---|---|---|")
        for k, sentence in enumerate(SENTENCES, 1):
            package_wav = tmp / f"package-{k}.wav"
            subprocess.run([python, "-c", "import sys; from hibari import Hibari; "
                            "Hibari().save(sys.argv[1], sys.argv[2], seed=1)", sentence,
                            package_wav], check=True)
            text = tmp / f"s{k}.txt"
            text.write_text(sentence + "\n")
            subprocess.run([narration.ALOUD, "export", text, "-o", tmp / "out", "--force", "-q",
                            "--no-cache", "--voice", "hibari"], check=True)
            chunks = sorted((tmp / "out" / f"s{k}" / "chunks").glob("*.wav"))

            def cell(paths):
                found = narration.pauses(paths)
                return f"{found[0]}, {-found[2]:.0f} (loudest {-found[3]:.0f})" if found else "0"
            print(f"| {k} | {cell([package_wav])} | {cell(chunks)} |")


if __name__ == "__main__":
    main()
