#!/bin/bash
# Where the neural voice's time goes: aloud's export with and without mastering and chunk WAVs,
# against the piper CLI on the same text, two rounds (BENCHMARKS.md). Run from anywhere after
# `cargo build --release` and `python3 benches/scale.py --sizes 1000` (the corpus and the CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
T=target/bench/scale/corpus-1000.md  # made by benches/scale.py
M=$HOME/.local/share/aloud/voices/en_US-joe-medium/en_US-joe-medium.onnx
A=target/release/aloud
W=target/bench/piper-split
mkdir -p $W
run() { rm -rf $W/out; /usr/bin/time -f "%e s wall %U user %S sys %M KB | $1" "${@:2}" >/dev/null 2>$W/time.err; tail -1 $W/time.err; }
for round in 1 2; do
run "aloud default" $A export --engine piper --voice joe --no-cache -q $T -o $W/out --jobs 2
run "aloud --loudness none" $A export --engine piper --voice joe --no-cache -q --loudness none $T -o $W/out --jobs 2
run "aloud --loudness none --no-chunks" $A export --engine piper --voice joe --no-cache -q --loudness none --no-chunks $T -o $W/out --jobs 2
python3 -c "import wave,glob;f=glob.glob('$W/out/*/*.wav')[0];w=wave.open(f);print('aloud audio',w.getnframes()/w.getframerate())"
grep -v '^#' $T > $W/body.txt
run "piper CLI" target/bench/piper-venv/bin/piper -m $M -f $W/cli.wav -i $W/body.txt
done
python3 -c "import wave;w=wave.open('$W/cli.wav');print('CLI audio',w.getnframes()/w.getframerate())"
