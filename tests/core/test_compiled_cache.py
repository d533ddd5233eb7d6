"""The compiled engine's kernel is compiled once: one signature, one cache entry.

A literal argument, a read-only or strided array or an int32 where an int64
went before makes numba compile (and cache) another specialisation of a
kernel, which once cost a fresh machine 10 s. Here a fresh process with an
empty cache trains every way the app does (several epochs a call, slices of
an epoch, evaluation alone, every optimizer, loss and output, odd batches,
no validation part), then numba's own cache index is read back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, os
import numpy as np
from nnviz.core.data import datasets
from nnviz.core.model.network import Network
from nnviz.core.training import compiled
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.trainer import Trainer

compiled.warm_up()
spiral = datasets.make({"kind": "spiral", "n": 120, "noise": 0.1, "seed": 1, "val_fraction": 0.2})
blobs = datasets.make({"kind": "gaussian", "n": 90, "classes": 3, "seed": 2})
jobs = [
    ([2, 8, 8, 1], "tanh", spiral, dict(lr=0.03, batch_size=10)),
    ([2, 8, 8, 1], "tanh", spiral, dict(batch_size=1, early_stopping=True, patience=2)),
    ([2, 5, 1], ["relu", "sigmoid"], spiral, dict(loss="cross_entropy", batch_size=0,
                                                  val_fraction=0.0, eval_train=False)),
    ([2, 6, 3], ["sigmoid", "softmax"], blobs, dict(loss="cross_entropy", optimizer="adam",
                                                    l2=0.01, l1=0.001, batch_size=7)),
    ([2, 6, 3], ["relu", "softmax"], blobs, dict(loss="mse", momentum=0.9, batch_size=33)),
]
for layers, acts, ds, changes in jobs:
    cfg = TrainingConfig(epochs=3, engine="compiled", **changes)
    trainer = Trainer(Network.initialised(layers, acts, seed=0), ds, cfg)
    trainer.run()
    trainer.set_batch_size(4)
    trainer.step_epoch()
    engine = trainer.engine
    engine.set_parameters(*engine.get_parameters())  # the next evaluation runs on its own
    engine.evaluate("train"), engine.evaluate("val")
    trainer.close()

k = compiled.kernels()
kernels = {name: fn for name, fn in vars(k).items() if hasattr(fn, "signatures") and fn._cache
           and type(fn._cache).__name__ != "NullCache"}
index = {}
for name, fn in kernels.items():
    overloads = fn._cache._cache_file._load_index()  # numba's own reader of its index
    index[name] = [str(key[0]) for key in overloads]
folder = os.environ["NUMBA_CACHE_DIR"]
files = sorted(p for _dirs, _sub, names in os.walk(folder) for p in names if p.endswith(".nbi"))
print(json.dumps({
    "signatures": {name: len(fn.signatures) for name, fn in vars(k).items()
                   if hasattr(fn, "signatures") and fn.signatures},
    "index": index,
    "nbi_files": files,
}))
"""


def test_one_specialisation_per_kernel_in_numbas_cache_index(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["NNVIZ_CACHE_DIR"] = str(tmp_path)  # empty: everything is compiled here
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    # one cached kernel, compiled for one signature, and one entry in its index
    assert list(report["index"]) == ["run"]
    assert len(report["index"]["run"]) == 1, report["index"]["run"]
    assert "Literal" not in report["index"]["run"][0]
    assert len(report["nbi_files"]) == 1 and "_kernels.run-" in report["nbi_files"][0]
    # nothing else was compiled on its own in the process either (the helpers
    # are compiled into the kernel, the maths inlined)
    assert report["signatures"]["run"] == 1
    assert all(n == 1 for n in report["signatures"].values()), report["signatures"]
