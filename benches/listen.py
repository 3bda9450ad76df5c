#!/usr/bin/env python3
"""Time to first audio of `aloud listen`: from starting the command to the first chunk's
samples being handed to the sound device (the `begin` event of the hidden `--events` file).

Usage: python3 benches/listen.py [--runs N] [--binary target/release/aloud] [ARTICLE]

For each engine (piper: the neural voice, espeak) and each device it runs the command N times
(default 5) and prints the median, min and max in milliseconds:
- `null`: the ALSA null device (takes samples at once);
- `pulse`: a private PulseAudio server with a null sink (plays in real time, like a desktop).
Each run is stopped with SIGINT as soon as the first chunk began; its saved position goes to a
temporary XDG_STATE_HOME, so every run starts at chunk 1. Needs pulseaudio (scripts/setup).
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_pulse(tmp):
    sock = os.path.join(tmp, "native")
    proc = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
         "--load=module-null-sink sink_name=aloud_null",
         f"--load=module-native-protocol-unix socket={sock} auth-anonymous=1"],
        env=dict(os.environ, HOME=tmp, XDG_RUNTIME_DIR=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "c")),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        if os.path.exists(sock):
            return proc, f"unix:{sock}"
        time.sleep(0.05)
    proc.terminate()
    sys.exit("pulseaudio did not start")


def first_audio_ms(binary, article, engine, device_args, env):
    with tempfile.TemporaryDirectory() as state:
        events = os.path.join(state, "events.jsonl")
        started = time.time()
        proc = subprocess.Popen(
            [binary, "listen", "--engine", engine, "--events", events, *device_args, article],
            env=dict(env, XDG_STATE_HOME=state), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while True:
                if proc.poll() is not None:
                    sys.exit(f"aloud ended before playing: {proc.stderr.read().decode()}")
                if os.path.exists(events):
                    with open(events) as f:
                        for line in f:
                            if not line.endswith("\n"):
                                break  # still being written
                            e = json.loads(line)
                            if e["event"] == "begin":
                                return e["unix_ms"] - started * 1000.0, e["ms"]
                if time.time() - started > 60:
                    sys.exit("no audio within 60 s")
                time.sleep(0.005)
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--engines", default="piper,espeak")
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/aloud"))
    ap.add_argument("article", nargs="?", default=os.path.join(ROOT, "articles/harbour-council-vote.txt"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pulse, server = start_pulse(tmp)
        try:
            print("| engine | device | first audio, median ms (min-max) | of which before the command's own start |")
            print("|---|---|---|---|")
            for engine in a.engines.split(","):
                for name, args, env in [
                    ("ALSA null", ["--device", "null"], dict(os.environ)),
                    ("PulseAudio null sink", [], dict(os.environ, PULSE_SERVER=server)),
                ]:
                    runs = [first_audio_ms(a.binary, a.article, engine, args, env) for _ in range(a.runs)]
                    wall = [r[0] for r in runs]
                    own = [r[1] for r in runs]
                    print(f"| {engine} | {name} | {statistics.median(wall):.0f} ({min(wall):.0f}-{max(wall):.0f}) "
                          f"| {statistics.median(wall) - statistics.median(own):.0f} |")
        finally:
            pulse.terminate()
            pulse.wait()


if __name__ == "__main__":
    main()
