"""Sweeps keep a bounded number of weights for pictures; runs keep their seconds per epoch."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from nnviz.core import lessons
from nnviz.core.data import datasets
from nnviz.core.model.network import Network
from nnviz.core.session.archive import read_archive, write_archive
from nnviz.core.session.record import (
    OLD_RUN_COLUMNS,
    RUN_COLUMNS,
    RunRecord,
    Session,
    load_session,
    save_session,
)
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.runs import run_figures
from nnviz.core.training.sweep import MAX_SNAPSHOTS, Sweep, run_sweep, snapshot_epochs, sweep_runs
from nnviz.core.training.trainer import Trainer


def test_the_epochs_kept_are_few_sorted_and_reach_both_ends() -> None:
    for epochs in (1, 7, 98, 99, 150, 1000, 123_457):
        kept = snapshot_epochs(epochs)
        assert kept == sorted(set(kept))
        assert len(kept) <= MAX_SNAPSHOTS - 2
        assert kept[0] == 1 and kept[-1] == epochs
    assert snapshot_epochs(50) == list(range(1, 51))  # a short run: every epoch
    kept = snapshot_epochs(10_000)
    assert kept[:5] == [1, 2, 3, 4, 5]  # the first epochs, where most changes, one by one
    assert max(np.diff(kept)) <= 2 * 10_000 / (MAX_SNAPSHOTS // 2)  # and no long gap later


def test_a_long_run_keeps_at_most_the_bound_and_its_start_and_end_exactly() -> None:
    ds = datasets.make({"kind": "moons", "n": 40, "seed": 1, "val_fraction": 0.25, "split_seed": 0})
    net = Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=4)
    config = TrainingConfig(loss="mse", optimizer="sgd", lr=0.2, batch_size=1, epochs=3000, seed=2)
    runs = sweep_runs(net, config, Sweep("batch_size", (1, 0)))
    run_sweep(runs, ds, keep_weights=True)
    for run in runs:
        kept = sorted(run.weights)
        assert 2 <= len(kept) <= MAX_SNAPSHOTS
        assert kept[0] == 0 and kept[-1] == 3000
        np.testing.assert_array_equal(run.weights[0][0][0], net.weights[0])  # the start: the given weights
        alone = Trainer(net, ds, run.config)  # the end: the same run trained alone
        alone.run()
        weights, _biases = alone.engine.get_parameters()
        alone.close()
        np.testing.assert_allclose(run.weights[3000][0][0], weights[0], atol=1e-9)


def test_each_epoch_of_a_sweep_run_has_its_seconds_growing() -> None:
    ds = datasets.make({"kind": "moons", "n": 40, "seed": 1, "val_fraction": 0.25, "split_seed": 0})
    net = Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=4)
    config = TrainingConfig(loss="mse", optimizer="sgd", lr=0.2, batch_size=1, epochs=30, seed=2)
    runs = run_sweep(sweep_runs(net, config, Sweep("batch_size", (1,))), ds)
    elapsed = [m.elapsed for m in runs[0].history]
    assert len(elapsed) == 30 and all(b >= a for a, b in zip(elapsed, elapsed[1:])) and elapsed[-1] > 0
    assert elapsed[-1] <= runs[0].seconds


def test_the_runs_table_takes_the_seconds_of_a_run_still_training_from_its_epochs() -> None:
    table = {"epoch": np.array([1.0, 2.0]), "updates": np.array([10.0, 20.0]), "train_loss": np.array([1.0, 0.5]),
             "val_loss": np.array([1.1, 0.6]), "train_acc": np.array([50.0, 60.0]),
             "val_acc": np.array([40.0, 55.0]), "elapsed": np.array([0.25, 0.75])}
    assert run_figures(table)["seconds"] == 0.75
    assert run_figures(table, 0.0)["seconds"] == 0.75  # not ended yet
    assert run_figures(table, 2.5)["seconds"] == 2.5  # the run's own clock once it ended
    table["elapsed"] = np.array([np.nan, np.nan])
    assert math.isnan(run_figures(table)["seconds"])


def test_a_saved_session_keeps_each_epochs_seconds_and_the_seconds_axis(tmp_path: Path) -> None:
    lesson = lessons.load_lesson("spiral")
    table = {c: np.arange(4, dtype=float) + i for i, c in enumerate(RUN_COLUMNS)}
    table["elapsed"] = np.array([0.125, 0.25, 0.5, 1.0])
    session = Session(lesson, lesson.network.copy(), epochs=4, updates=40, runs=[RunRecord(table, 2, 0, "batch 1")],
                      view={"x_axis": "seconds"})
    path = tmp_path / "s.nnviz"
    save_session(session, path)
    back = load_session(path)
    np.testing.assert_array_equal(back.runs[0].table["elapsed"], [0.125, 0.25, 0.5, 1.0])
    assert back.view["x_axis"] == "seconds"


def test_a_session_written_before_runs_kept_seconds_still_opens(tmp_path: Path) -> None:
    lesson = lessons.load_lesson("spiral")
    table = {c: np.arange(3, dtype=float) for c in RUN_COLUMNS}
    path = tmp_path / "old.nnviz"
    save_session(Session(lesson, lesson.network.copy(), runs=[RunRecord(table)]), path)
    archive = read_archive(path)
    old = ",".join(OLD_RUN_COLUMNS) + "\n" + "".join(
        ",".join(line.split(",")[:-1]) + "\n" for line in archive.texts["runs/run-1.csv"].splitlines()[1:])
    archive.texts["runs/run-1.csv"] = old
    write_archive(archive, path)
    back = load_session(path)
    np.testing.assert_array_equal(back.runs[0].table["epoch"], [0.0, 1.0, 2.0])
    assert np.isnan(back.runs[0].table["elapsed"]).all()
