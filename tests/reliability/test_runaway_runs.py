"""Long and runaway runs: weights that grow huge at chance accuracy are said once; memory stays bounded.

* :func:`~nnviz.core.training.error_growth.huge_weights` on known weights and
  accuracies; :class:`~nnviz.core.training.error_growth.GrowthWatch` gives the
  same growing-error warning as :func:`growing_error` on the whole history
  while keeping only a stretch of it, and each warning once; ``nnviz train``
  prints the huge-weights line once.
* The trainer keeps a bounded recent history however long the run (every
  epoch still reaches the snapshots, and ``nnviz train``'s metrics.csv and
  session); the plots' :class:`MetricBuffer` keeps at most ``max_rows`` rows,
  the newest whole, the first epoch always.
"""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from nnviz.cli import main
from nnviz.core.data.dataset import Dataset
from nnviz.core.model.network import Network
from nnviz.core.session.record import load_session
from nnviz.core.training import error_growth
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.error_growth import GrowingError, GrowthWatch, growing_error, huge_weights
from nnviz.core.training.records import EpochMetrics
from nnviz.core.training.trainer import HISTORY_KEEP, Trainer


def _epoch(i: int, loss: float, acc: float = math.nan, lr: float = 1e4) -> EpochMetrics:
    return EpochMetrics(epoch=i, updates=10 * i, train_loss=loss, val_loss=math.nan, train_acc=acc,
                        val_acc=math.nan, penalty=0.0, lr=lr, batch_size=10, elapsed=0.01 * i)


# ------------------------------------------------------------------ huge weights
def test_huge_weights_at_chance_are_said_in_one_sentence():
    weights = [np.array([[1.0, -3e20], [2.0, 0.5]]), np.array([[4.0], [1e7]])]
    warning = huge_weights(weights, _epoch(50, 0.69, acc=0.5), n_classes=2)
    assert isinstance(warning, GrowingError)
    assert str(warning) == (
        "The weights have grown huge (the largest |ω| is 3e+20) while the accuracy stays at chance (50%): "
        "the network has stopped learning; the learning rate η = 10000 may be too large."
    )
    assert warning.arguments == (3e20, 50.0, 1e4)  # a template with its numbers, to translate


@pytest.mark.parametrize(
    ("largest", "acc", "n_classes"),
    [
        (9e5, 0.5, 2),  # large, but under the limit (1e6)
        (1e20, 0.9, 2),  # huge, but the network predicts well
        (1e20, 0.5, 0),  # a regression: no accuracy to judge
        (math.nan, 0.5, 2),  # a NaN is a divergence, said by its own error
    ],
)
def test_huge_weights_is_quiet_otherwise(largest, acc, n_classes):
    weights = [np.array([[0.1, largest]])]
    assert huge_weights(weights, _epoch(5, 0.7, acc=acc), n_classes) is None


def test_chance_uses_the_validation_accuracy_without_a_training_one():
    m = EpochMetrics(epoch=3, updates=30, train_loss=1.0, val_loss=1.0, train_acc=math.nan, val_acc=0.11,
                     penalty=0.0, lr=5.0, batch_size=10, elapsed=0.0)
    assert "(10%)" in str(huge_weights([np.full((2, 2), 2e6)], m, n_classes=10))


# ------------------------------------------------------------------ the watch
def _erratic_history(n: int, rng: np.random.Generator) -> list[EpochMetrics]:
    """Losses that wander, with stretches above the start and at chance."""
    losses = 0.7 + np.cumsum(rng.normal(0, 0.05, n))
    accs = np.clip(0.5 + np.cumsum(rng.normal(0, 0.02, n)), 0, 1)
    return [_epoch(i + 1, float(loss), float(a)) for i, (loss, a) in enumerate(zip(losses, accs, strict=True))]


@pytest.mark.parametrize("seed", range(6))
def test_the_watch_warns_when_the_whole_history_would(seed):
    """Fed in snapshots of 1 to 30 epochs, the watch keeps a stretch, not the history, and still
    warns at the first snapshot where growing_error on everything so far warns, with the same words."""
    rng = np.random.default_rng(seed)
    history = _erratic_history(400, rng)
    watch = GrowthWatch(n_classes=2)
    expected, got, pos = None, None, 0
    while pos < len(history):
        k = int(rng.integers(1, 31))
        chunk = history[pos : pos + k]
        pos += len(chunk)
        warning = watch.add(chunk)
        full = growing_error(history[:pos], 2)
        if expected is None and full is not None:
            expected = (pos, str(full))
        if warning is not None:
            assert got is None  # once
            got = (pos, str(warning))
    assert got == expected
    assert len(watch._recent) <= error_growth.STRETCH


def test_the_watch_says_each_warning_once_and_keeps_the_last():
    watch = GrowthWatch(n_classes=2)
    big = [np.full((2, 2), 5e7)]
    first = watch.add([_epoch(1, 0.69, 0.5)], big)
    assert first is not None and str(first).startswith("The weights have grown huge")
    assert watch.add([_epoch(2, 0.69, 0.5)], big) is None  # said once
    grew = watch.add([_epoch(i, 0.9, 0.5) for i in range(3, 30)], big)  # then the error grows too
    assert grew is not None and str(grew).startswith("The error is growing")
    assert watch.warning is grew
    assert watch.add([_epoch(31, 0.9, 0.5)], big) is None


def test_train_says_once_that_the_weights_ran_away(tmp_path, capsys, monkeypatch):
    # η = 1e4 on the spiral: weights of ~1e5 at chance after 200 epochs (the 1e20 of a much
    # longer run is said at 1e6); a lower limit here keeps the test to a second
    monkeypatch.setattr(error_growth, "HUGE_WEIGHT", 1e4)
    code = main(["train", "--preset", "spiral", "--lr", "10000", "--epochs", "200", "--engine", "numpy",
                 "--out", str(tmp_path), "--quiet"])
    assert code == 0
    err = capsys.readouterr().err
    huge = [line for line in err.splitlines() if "grown huge" in line]
    assert len(huge) == 1, err
    assert huge[0].startswith("nnviz: warning: The weights have grown huge (the largest |ω| is ")
    assert huge[0].endswith("the learning rate η = 10000 may be too large.")
    # a run that learns says nothing
    assert main(["train", "--preset", "spiral", "--epochs", "50", "--engine", "numpy", "--out", str(tmp_path),
                 "--quiet"]) == 0
    assert "warning" not in capsys.readouterr().err


# ------------------------------------------------------------------ bounded memory
def _tiny_problem(epochs: int) -> tuple[Network, Dataset, TrainingConfig]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(8, 2))
    y = (x[:, 0] > 0).astype(np.int64)
    ds = Dataset(x=x, y=y, n_classes=2, train_idx=np.arange(8), val_idx=np.arange(0))
    config = TrainingConfig(epochs=epochs, lr=0.1, batch_size=0, val_fraction=0.0, engine="numpy",
                            loss="mse", optimizer="sgd", seed=1)
    return Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=1), ds, config


def test_the_trainer_keeps_recent_epochs_and_the_snapshots_every_one():
    n = 2 * HISTORY_KEEP + 500
    trainer = Trainer(*_tiny_problem(n))
    seen: list[int] = []
    try:
        trainer.run(lambda snap: seen.extend(m.epoch for m in snap.history))
    finally:
        trainer.close()
    assert seen == list(range(1, n + 1))
    kept = [m.epoch for m in trainer.history]
    assert HISTORY_KEEP <= len(kept) <= 2 * HISTORY_KEEP
    assert kept == list(range(n - len(kept) + 1, n + 1))  # the newest, in order


def test_train_writes_every_epoch_past_the_trainers_memory(tmp_path):
    n = 2 * HISTORY_KEEP + 300
    assert main(["train", "--preset", "circles", "--epochs", str(n), "--out", str(tmp_path), "--quiet"]) == 0
    with open(tmp_path / "metrics.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["epoch"]) for r in rows] == list(range(1, n + 1))
    run = load_session(tmp_path / "session.nnviz").runs[0].table
    assert list(run["epoch"]) == list(range(1, n + 1))
    assert np.allclose(run["train_loss"], [float(r["train_loss"]) for r in rows], rtol=1e-5)


def test_the_plot_buffer_thins_old_epochs_past_its_limit():
    from nnviz.gui.training.live_curves import MetricBuffer

    buf = MetricBuffer(4, columns=("epoch", "train_loss"), max_rows=1000)
    for start in range(1, 100_001, 37):  # snapshots of 37 epochs
        e = np.arange(start, min(start + 37, 100_001), dtype=np.float64)
        buf.append_rows(np.column_stack([e, 1.0 / e]))
    epochs = buf.column("epoch")
    assert buf.n <= 1000 and buf.capacity <= 1000
    assert epochs[0] == 1 and epochs[-1] == 100_000
    assert np.all(np.diff(epochs) > 0)
    # the newest few hundred epochs are all there; older ones thinned
    assert np.array_equal(epochs[-400:], np.arange(100_000 - 399, 100_001))
    assert np.allclose(buf.column("train_loss"), 1.0 / epochs)  # rows stay whole
    # a run read back whole (a session's table) is thinned the same way
    whole = MetricBuffer(4, columns=("epoch", "train_loss"), max_rows=1000)
    e = np.arange(1, 100_001, dtype=np.float64)
    whole.append_rows(np.column_stack([e, 1.0 / e]))
    assert whole.n <= 1000 and whole.column("epoch")[0] == 1 and whole.column("epoch")[-1] == 100_000
    assert np.array_equal(whole.column("epoch")[-400:], np.arange(100_000 - 399, 100_001))
