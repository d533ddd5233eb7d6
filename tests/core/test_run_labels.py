"""Runs: what changed from the run before, in the slides' words, and what each achieved."""

from __future__ import annotations

import math

import numpy as np

from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.runs import difference_label, run_figures, run_settings


def _settings(hidden=(16, 16), **config):
    net = Network.initialised([2, *hidden, 1], ["relu"] * len(hidden) + ["sigmoid"], seed=0)
    return run_settings(net, TrainingConfig(**config))


def test_the_label_says_what_changed():
    first = _settings(batch_size=32)
    assert difference_label(None, first) == "batch 32 · 16 neurons × 2 layers"
    assert difference_label(first, _settings(batch_size=1)) == "batch 1"
    assert difference_label(first, _settings(batch_size=0)) == "batch = full set"
    assert difference_label(first, _settings(hidden=(64,), batch_size=32)) == "64 neurons"
    assert difference_label(first, _settings(batch_size=32, l2=0.001)) == "L2 λ = 0.001"
    assert difference_label(first, _settings(batch_size=32, lr=0.5, dropout=[0.2])) == "η = 0.5 · dropout p = 0.2"
    assert difference_label(first, _settings(batch_size=32)) == "batch 32 · 16 neurons × 2 layers"


def test_the_figures_of_a_run():
    table = {
        "epoch": np.array([1.0, 2, 3, 4]), "updates": np.array([10.0, 20, 30, 40]),
        "train_loss": np.array([0.9, 0.5, 0.3, 0.2]), "val_loss": np.array([0.8, 0.4, 0.5, 0.6]),
        "train_acc": np.array([50.0, 70, 80, 90]), "val_acc": np.array([55.0, 75, 72, 70]),
    }
    f = run_figures(table, seconds=1.5)
    assert (f["best_val_loss"], f["best_epoch"], f["final_val_loss"], f["final_val_acc"]) == (0.4, 2.0, 0.6, 70.0)
    assert (f["updates"], f["epochs"], f["seconds"]) == (40.0, 4.0, 1.5)
    empty = run_figures({"epoch": np.array([])})
    assert math.isnan(empty["best_val_loss"])
