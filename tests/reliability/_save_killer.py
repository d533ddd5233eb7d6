"""The writer side of ``test_kill_during_save``: run as ``python -m tests.reliability._save_killer KIND N SEED DIR``.

Imports only the core module that saves ``KIND``, then ``N`` times forks a
child that saves two versions of one file in turn as fast as it can, waits for
its first save, lets it run a random 0-50 ms and kills it with SIGKILL; after
each kill it reads the target back with the app's own reader. Prints one JSON
line: kills, which version each kill left, the temporary files left beside
the target, and every failure (a target missing, not readable, or neither
version).

Forking (rather than starting a fresh interpreter for each kill) keeps the
imports out of the 50 kills; the process that forks is single-threaded
(``OPENBLAS_NUM_THREADS=1``, no torch import).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

#: the file each kind saves, in the folder given
TARGETS = {
    "session": "demo.nnviz",
    "network": "net.nnviz.json",
    "weights": "weights.safetensors",
    "script": "train_net.py",
    "script_weights": "train_net.safetensors",
    "points": "points.csv",
}


def _networks() -> tuple[Any, Any]:
    from nnviz.core.model.network import Network

    # a few thousand weights: a save takes a moment, so kills land inside writes too
    a = Network.initialised([2, 64, 64, 1], ["tanh", "tanh", "sigmoid"], seed=1)
    b = Network.initialised([2, 64, 64, 1], ["tanh", "tanh", "sigmoid"], seed=2)
    return a, b


def _same_weights(net: Any, ref: Any) -> bool:
    return len(net.weights) == len(ref.weights) and all(
        np.array_equal(x, y) for x, y in zip(net.weights, ref.weights, strict=True)
    )


def _kind(kind: str) -> tuple[list[Callable[[Path], None]], Callable[[Path], int]]:
    """The two saves of ``kind`` and the reader that says which one a file holds (0, 1; -1: neither)."""
    if kind == "session":
        from nnviz.core.lessons import load_lesson
        from nnviz.core.session.record import Session, load_session, save_session

        lesson = load_lesson("spiral")
        nets = _networks()
        sessions = [Session(lesson, net, epochs=i + 1) for i, net in enumerate(nets)]

        def which(p: Path) -> int:
            s = load_session(p)
            return next((i for i, n in enumerate(nets) if _same_weights(s.network, n) and s.epochs == i + 1), -1)

        return [lambda p, s=s: save_session(s, p) for s in sessions], which
    if kind == "network":
        from nnviz.core.model.network import load_network, save_network

        nets = _networks()

        def which(p: Path) -> int:
            net = load_network(p)
            return next((i for i, n in enumerate(nets) if _same_weights(net, n)), -1)

        return [lambda p, n=n: save_network(n, p) for n in nets], which
    if kind == "weights":
        from nnviz.core.model.torch_io import read_weights_file, save_weights, state_dict_of

        nets = _networks()
        states = [state_dict_of(n) for n in nets]

        def which(p: Path) -> int:
            got = read_weights_file(p)
            return next(
                (i for i, s in enumerate(states)
                 if got.keys() == s.keys() and all(np.array_equal(got[k], s[k]) for k in s)),
                -1,
            )

        return [lambda p, n=n: save_weights(n, p) for n in nets], which
    if kind == "script":
        from nnviz.core.data.source import DataSource
        from nnviz.core.lessons import load_lesson
        from nnviz.core.model.atomic_files import atomic_write_text
        from nnviz.core.training.config import TrainingConfig
        from nnviz.core.training.pytorch_script import pytorch_script

        lesson = load_lesson("spiral")
        data = lesson.dataset()
        texts = [
            pytorch_script(lesson.network, TrainingConfig.from_dict({**lesson.training, "lr": lr}),
                           DataSource.from_spec(lesson.data),
                           "train_net.safetensors", dataset=data)
            for lr in (0.01, 0.02)
        ]
        assert texts[0] != texts[1]
        return [lambda p, t=t: atomic_write_text(p, t) for t in texts], lambda p: _text_index(p, texts)
    if kind == "script_weights":
        from nnviz.core.model.torch_io import read_weights_file
        from nnviz.core.training.pytorch_script import save_script_weights, script_weights

        nets = _networks()
        tensors = [script_weights(n) for n in nets]

        def which(p: Path) -> int:
            got = read_weights_file(p)
            return next(
                (i for i, s in enumerate(tensors)
                 if got.keys() == s.keys() and all(np.array_equal(got[k], s[k]) for k in s)),
                -1,
            )

        return [lambda p, n=n: save_script_weights(n, p) for n in nets], which
    if kind == "points":
        from nnviz.core.data.drawn import DrawnPoints

        rng = np.random.default_rng(0)
        sets = []
        for _ in range(2):
            pts = DrawnPoints()
            pts.load(rng.uniform(-1, 1, (2000, 2)), rng.integers(0, 3, 2000))
            sets.append(pts)
        texts = [s.csv_text() for s in sets]
        return [lambda p, s=s: s.save_csv(p) for s in sets], lambda p: _text_index(p, texts)
    raise SystemExit(f"unknown kind {kind}")


def _text_index(p: Path, texts: list[str]) -> int:
    got = p.read_bytes().decode("utf-8")
    return texts.index(got) if got in texts else -1


def _writer(saves: list[Callable[[Path], None]], target: Path, ready: int) -> None:
    """The child: save the versions in turn forever; a byte on ``ready`` after the first save."""
    saves[0](target)
    os.write(ready, b"1")
    i = 1
    while True:
        saves[i % 2](target)
        i += 1


def main(kind: str, kills: int, seed: int, folder: str) -> dict[str, Any]:
    rng = random.Random(seed)
    saves, which = _kind(kind)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    target = out / TARGETS[kind]
    seen = [0, 0]
    failures: list[str] = []
    t0 = time.perf_counter()
    for k in range(kills):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(r)
            try:
                _writer(saves, target, w)
            finally:
                os._exit(1)
        os.close(w)
        os.read(r, 1)  # its first save is done
        os.close(r)
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        try:
            v = which(target)
        except Exception as exc:  # noqa: BLE001 - any failure to read the target is the finding
            failures.append(f"kill {k}: {type(exc).__name__}: {exc}")
            continue
        if v < 0:
            failures.append(f"kill {k}: the file is neither version")
        else:
            seen[v] += 1
    others = sorted(p.name for p in out.iterdir() if p.name != target.name)
    return {
        "kind": kind, "kills": kills, "seen": seen, "failures": failures, "others": others,
        "seconds": round(time.perf_counter() - t0, 2),
    }


if __name__ == "__main__":
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])))
    sys.stdout.flush()
