"""Makes the hibari fixtures of tests/hibari.rs from the hibari-tts package itself (the reference).

Run with a Python that has hibari-tts==0.2.1 (and its numpy, onnxruntime 1.32.0) installed:

    python3 -m venv /tmp/hv && /tmp/hv/bin/pip install hibari-tts==0.2.1
    /tmp/hv/bin/python tests/data/hibari/make_fixtures.py tests/data/hibari

Writes:
- phonemes.json: sentences written for these tests, with the package's own phonemes (its
  lexicon-based G2P) and model ids: the independent reference for aloud's phonemes.
- dsp_synthetic.json: hibari.dsp.synth on small inputs made by formula (no model), and its output.
- dsp_model.f32: hibari.dsp.synth of the real model's outputs for the ids of the first sentence,
  with noise made by formula instead of numpy's generator; little-endian float32 samples.
"""
import json, math, os, sys
import numpy as np
from hibari import Hibari, dsp

SENTENCES = [
    "Hello there.",
    "The night train to the coast leaves at nine, and it's usually late.",
    "Would you join us for lunch on Thursday?",
    "My brother bought a boat, but it needed a new engine.",
    "She hid the little bottle behind a button tin.",
    "Few people are sure how the church choir sounds in winter!",
    "Our neighbour's garden grows roses, oysters shells and yellow pears.",
    "The writer measured the water quickly, then answered her mother.",
]


def formula_noise(bins, frames):
    """Value j of row b of the (bins, 2 * frames) noise array: real and imaginary parts interleaved."""
    j = np.arange(bins * 2 * frames, dtype=np.float64).reshape(bins, 2 * frames)
    return np.sin(0.37 * j + 0.1).astype(np.float32)


class FormulaRng:
    def standard_normal(self, shape, dtype):
        return formula_noise(shape[0], shape[1] // 2).astype(dtype)


def synthetic_parts(frames):
    """Small network-like outputs by formula: [601, F] each and f0 [F]."""
    b = np.arange(601, dtype=np.float64)[:, None]
    f = np.arange(frames, dtype=np.float64)[None, :]
    lh = (-2.0 - b / 150.0 + 0.5 * np.sin(0.3 * f + b / 40.0)).astype(np.float32)
    th = (0.8 * np.cos(0.11 * b + 0.7 * f)).astype(np.float32)
    ln = (-6.0 - b / 200.0 + 0.3 * np.cos(0.2 * f)).astype(np.float32)
    lr = (-5.0 + 0.2 * np.sin(b / 30.0 - f)).astype(np.float32)
    phi = (np.sin(0.05 * b * (f + 1))).astype(np.float32)
    f0 = np.array([0.0, 0.0, 95.0, 120.0, 150.0, 180.0, 30.0, 210.0][:frames], np.float32)
    return lh, th, ln, lr, phi, f0


def main(out):
    tts = Hibari()
    rows = []
    for s in SENTENCES:
        ps = tts.phonemize(s)
        assert len(ps) == 1, s
        rows.append({"text": s, "phonemes": ps[0], "ids": tts.ids(ps[0])})
    with open(os.path.join(out, "phonemes.json"), "w", encoding="utf-8") as f:
        json.dump({"package": "hibari-tts 0.2.1", "sentences": rows}, f, ensure_ascii=False, indent=1)

    frames = 8
    parts = synthetic_parts(frames)
    wav = dsp.synth(*parts, FormulaRng())
    with open(os.path.join(out, "dsp_synthetic.json"), "w") as f:
        json.dump({"frames": frames, "samples": [float(x) for x in wav]}, f)

    ids = rows[0]["ids"]
    outs = tts.sess.run(None, {"ids": np.asarray([ids], np.int64), "speed": np.asarray([1.0], np.float32)})
    lh, th, ln, lr, phi, f0 = (o[0] for o in outs)
    wav = dsp.synth(lh, th, ln, lr, phi, f0, FormulaRng())
    wav.astype("<f4").tofile(os.path.join(out, "dsp_model.f32"))
    print(f"{len(rows)} sentences; synthetic {frames} frames; model {lh.shape[1]} frames, {len(wav)} samples")


if __name__ == "__main__":
    main(sys.argv[1])
