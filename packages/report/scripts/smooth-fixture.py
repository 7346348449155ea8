"""Writes test/fixtures/smooth.json: the book's common/util.py smooth_curve on a few fixed curves."""
import json
import pathlib

import numpy as np


def smooth_curve(x):
    # Verbatim from the book's common/util.py.
    window_len = 11
    s = np.r_[x[window_len - 1:0:-1], x, x[-1:-window_len:-1]]
    w = np.kaiser(window_len, 2)
    y = np.convolve(w / w.sum(), s, mode="valid")
    return y[5:len(y) - 5]


rng = np.random.RandomState(0)
cases = []
for n in (11, 12, 50, 257):
    x = 2.3 * np.exp(-np.arange(n) / 40.0) + 0.2 * rng.rand(n)
    cases.append({"input": x.tolist(), "output": smooth_curve(x).tolist()})

out = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "smooth.json"
out.write_text(json.dumps({"cases": cases}) + "\n")
