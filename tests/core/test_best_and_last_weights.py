"""After early stopping restores the best weights, the snapshot also carries the last epoch's."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.lessons import load_lesson
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.trainer import Trainer


def _bce(net: Network, x: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy of a one-sigmoid-output network, written out independently."""
    p = np.clip(net.forward(x)[-1][:, 0], 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _with(template: Network, weights, biases) -> Network:
    net = template.copy()
    net.weights, net.biases = [np.asarray(w) for w in weights], [np.asarray(b) for b in biases]
    return net


def test_the_final_snapshot_holds_the_best_and_the_last_weights():
    lesson = load_lesson("overfitting")
    ds = lesson.dataset()
    trainer = Trainer(lesson.network, ds, _config(lesson))
    result = trainer.run(None, snapshot_interval=0.0)
    assert result.status == "early_stopping"
    snap = result.snapshot
    assert snap.last_weights is not None and snap.last_biases is not None
    best, last = trainer.history[snap.best_epoch - 1], trainer.history[-1]
    assert snap.epoch - snap.best_epoch == 100  # the patience
    best_net = _with(lesson.network, snap.weights, snap.biases)
    last_net = _with(lesson.network, snap.last_weights, snap.last_biases)
    # each set of weights gives the validation error recorded for its epoch
    assert _bce(best_net, ds.x_val, ds.y_val) == pytest.approx(best.val_loss, rel=1e-6)
    assert _bce(last_net, ds.x_val, ds.y_val) == pytest.approx(last.val_loss, rel=1e-6)
    # the last weights memorised the training points: lower training error, higher validation error
    assert _bce(last_net, ds.x_train, ds.y_train) < _bce(best_net, ds.x_train, ds.y_train)
    assert last.val_loss > best.val_loss
    # the trainer goes on from the best weights; a new run forgets the last ones
    assert all(np.array_equal(a, b) for a, b in zip(trainer.parameters()[0], snap.weights, strict=True))
    trainer.run(None, max_epochs=trainer.epoch + 1)
    assert trainer.snapshot().last_weights is None


def test_without_early_stopping_there_are_no_last_weights():
    lesson = load_lesson("spiral")
    config = _config(lesson).replace(epochs=5)
    result = Trainer(lesson.network, lesson.dataset(), config).run(None)
    assert result.status == "completed" and result.snapshot.last_weights is None


def _config(lesson) -> TrainingConfig:
    return TrainingConfig.from_dict(lesson.training)
