"""Speed of the slides' step-by-step backprop engine.

    python benchmarks/bench_backprop.py [--repeats 200]

Prints one JSON line, every figure from the same run (medians):

- ``layer_ms``: :func:`backprop_update` with granularity "layer" for one
  update of a 784-128-64-10 sigmoid network (steps built, LaTeX left lazy);
- ``bare_ms``: the numpy operations that update needs and nothing else
  (forward matrix products, deltas, outer products, additions);
- ``ratio`` = ``layer_ms / bare_ms`` (aim: within 3);
- ``scalar_2881_ms``: granularity "scalar" for a 2-8-8-1 tanh network (all its
  steps; aim: well under a 16 ms frame), with ``scalar_2881_steps``;
- ``scalar_2881_text_ms``: the same plus building every step's LaTeX, numbers
  and caption, as ``nnviz trace`` does.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

# run from a checkout without installing the package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from nnviz.core.lecture.backprop import backprop_update  # noqa: E402
from nnviz.core.model.activations import get  # noqa: E402
from nnviz.core.model.network import Network  # noqa: E402


def _median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000.0


def _bare_update(ws, bs, acts, x, d, eta):
    outs, nets = [x], [x]
    for w, b, act in zip(ws, bs, acts, strict=True):
        a = outs[-1] @ w + b
        nets.append(a)
        outs.append(act.f(a))
    delta = (d - outs[-1]) * acts[-1].df(nets[-1], outs[-1])
    new_w, new_b = list(ws), list(bs)
    for li in range(len(ws) - 1, -1, -1):
        new_w[li] = ws[li] + eta * np.outer(outs[li], delta)
        new_b[li] = bs[li] + eta * delta
        if li > 0:
            delta = acts[li - 1].df(nets[li], outs[li]) * (ws[li] @ delta)
    return new_w, new_b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    big = Network.initialised([784, 128, 64, 10], "sigmoid", seed=0)
    x, d = rng.uniform(0, 1, 784), np.eye(10)[3]
    acts = [get(a) for a in big.activations]
    for _ in range(5):  # warm up
        backprop_update(big, x, d, 0.1, granularity="layer")
        _bare_update(big.weights, big.biases, acts, x, d, 0.1)
    # interleave the two so that machine load affects both alike
    layer_t, bare_t = [], []
    for _ in range(args.repeats):
        layer_t.append(_median_ms(lambda: backprop_update(big, x, d, 0.1, granularity="layer"), 1))
        bare_t.append(_median_ms(lambda: _bare_update(big.weights, big.biases, acts, x, d, 0.1), 1))
    layer_ms, bare_ms = statistics.median(layer_t), statistics.median(bare_t)

    small = Network.initialised([2, 8, 8, 1], "tanh", seed=0)
    xs, ds = np.array([0.3, -0.8]), np.array([0.5])
    scalar_ms = _median_ms(lambda: backprop_update(small, xs, ds, 0.03, granularity="scalar"), args.repeats)
    n_steps = len(backprop_update(small, xs, ds, 0.03).steps)

    def with_text() -> None:
        for s in backprop_update(small, xs, ds, 0.03, granularity="scalar").steps:
            _ = (s.latex, s.latex_numbers, s.caption, s.neurons, s.edges)

    text_ms = _median_ms(with_text, max(5, args.repeats // 20))
    print(json.dumps({
        "benchmark": "backprop",
        "network": "784-128-64-10",
        "layer_ms": round(layer_ms, 4),
        "bare_ms": round(bare_ms, 4),
        "ratio": round(layer_ms / bare_ms, 2),
        "scalar_2881_ms": round(scalar_ms, 3),
        "scalar_2881_steps": n_steps,
        "scalar_2881_text_ms": round(text_ms, 2),
    }))


if __name__ == "__main__":
    main()
