"""While numba compiles, training runs on NumPy and hands over to the compiled engine.

The run must go on as if one engine had done it (torch float64's numbers to
1e-9), and every report must name the engine running at the time.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.data import datasets
from nnviz.core.model.network import Network
from nnviz.core.training import compiled
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.trainer import Trainer


@pytest.fixture
def compiles_for(monkeypatch):
    """``compiles_for(k)``: the app's background compilation is under way, and the
    kernel becomes ready after k epochs (it is really compiled beforehand, so
    that the hand-over can run)."""
    compiled.warm_up()
    asked = []

    def ready_after(k: int) -> None:
        def kernels_ready() -> bool:
            asked.append(1)
            return len(asked) > k

        monkeypatch.setattr(compiled, "kernels_ready", kernels_ready)
        monkeypatch.setattr(compiled, "warming_up", lambda: len(asked) <= k)
        monkeypatch.setattr(compiled, "warm_up_in_background", lambda: None)

    return ready_after


def _spiral():
    return datasets.make({"kind": "spiral", "n": 300, "noise": 0.1, "seed": 1, "val_fraction": 0.2})


def _run(engine: str, changes: dict) -> tuple[Trainer, list]:
    net = Network.initialised([2, 8, 8, 1], "tanh", seed=3)
    cfg = TrainingConfig(
        lr=0.03, batch_size=10, epochs=6, engine=engine, dtype="float64", device="cpu"
    )
    trainer = Trainer(net, _spiral(), cfg.replace(**changes))
    seen = []

    def callback(snap):
        seen.append((snap.epoch, snap.engine, snap.engine_reason))

    trainer.run(callback)
    trainer.close()
    return trainer, seen


@pytest.mark.parametrize(
    "changes",
    [
        dict(momentum=0.9),  # several epochs per engine call
        dict(optimizer="adam", lr=0.01, l2=0.001, l1=0.0005),
        dict(early_stopping=True, patience=50, momentum=0.5),  # epoch by epoch
    ],
)
def test_the_run_goes_on_as_one_engine_would(compiles_for, changes):
    compiles_for(2)
    handed, seen = _run("auto", changes)
    reference, _ = _run("torch", changes)
    assert handed.engine_name == "compiled"
    assert handed.engine.epochs_on_numpy == 2  # the kernel was ready at epoch 3's start
    engines = [name for _epoch, name, _why in seen]
    assert engines == sorted(engines, key=lambda n: n == "compiled")  # one switch, no way back
    (w1, b1), (w2, b2) = handed.parameters(), reference.parameters()
    for a, b in zip(w1 + b1, w2 + b2, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
    for m1, m2 in zip(handed.history, reference.history, strict=True):
        assert m1.updates == m2.updates
        np.testing.assert_allclose(
            [m1.train_loss, m1.val_loss, m1.train_acc, m1.val_acc, m1.penalty],
            [m2.train_loss, m2.val_loss, m2.train_acc, m2.val_acc, m2.penalty],
            rtol=1e-9,
            atol=1e-12,
        )


def test_every_report_names_the_engine_running_then(compiles_for):
    compiles_for(3)
    trainer, seen = _run("auto", dict(early_stopping=True, patience=50))
    reasons = {name: why for _epoch, name, why in seen}
    assert reasons == {"numpy": compiled.REASON_NUMPY_COMPILING, "compiled": compiled.REASON_AUTO}
    on_numpy = [epoch for epoch, name, _why in seen if name == "numpy"]
    assert on_numpy == [1, 2, 3]  # ready at epoch 4's start; each epoch reported as it ends
    assert trainer.engine.epochs_on_numpy == 3
    assert (trainer.engine_name, trainer.engine_reason) == ("compiled", compiled.REASON_AUTO)


def test_a_failed_compilation_leaves_numpy_training_and_says_so(monkeypatch):
    compiling = [True]  # under way when the run starts, then ended without a kernel
    monkeypatch.setattr(compiled, "kernels_ready", lambda: False)
    monkeypatch.setattr(compiled, "warming_up", lambda: compiling.pop() if compiling else False)
    monkeypatch.setattr(compiled, "warm_up_in_background", lambda: None)
    trainer, seen = _run("auto", dict(momentum=0.9))
    assert trainer.history[-1].epoch == 6
    assert {name for _e, name, _w in seen} == {"numpy"}
    assert seen[-1][2] == compiled.REASON_NUMPY_NO_NUMBA


def test_the_hand_over_keeps_settings_changed_while_on_numpy(compiles_for):
    compiles_for(1)
    runs = {}
    for engine in ("auto", "torch"):
        net = Network.initialised([2, 6, 1], ["relu", "sigmoid"], seed=5)
        cfg = TrainingConfig(lr=0.1, momentum=0.5, batch_size=16, engine=engine, dtype="float64")
        trainer = Trainer(net, _spiral(), cfg)
        trainer.run(max_epochs=1)
        trainer.set_lr(0.05)
        trainer.set_momentum(0.9)
        trainer.set_regularization(l2=0.01, l1=0.002)
        trainer.run(max_epochs=4)
        runs[engine] = (trainer.engine_name, trainer.parameters())
        trainer.close()
    assert runs["auto"][0] == "compiled"
    (w1, b1), (w2, b2) = runs["auto"][1], runs["torch"][1]
    for a, b in zip(w1 + b1, w2 + b2, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
