"""Regression in the trainer: numbers as targets, an identity output, MSE; no accuracy,
no confusion matrix; the class checks do not apply, the regression ones do."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnviz.core.data.dataset import Dataset
from nnviz.core.data.source import DataSource, build
from nnviz.core.data.table import sniff
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.problem import check_problem, prepare_data
from nnviz.core.training.trainer import Trainer


def linear_csv(tmp_path, n=400, seed=0):
    """y = 2·x1 − x2 + noise, in a file, so the whole path (read, split, scale) is used."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3, 3, size=(n, 2))
    y = 2 * x[:, 0] - x[:, 1] + rng.normal(0, 0.05, n)
    path = tmp_path / "line.csv"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header="x1,x2,y", comments="", fmt="%.6f")
    return path, x, y


@pytest.mark.parametrize("engine", ["torch", "compiled"])
def test_a_linear_target_is_learnt_with_an_identity_output(tmp_path, engine):
    path, x, y = linear_csv(tmp_path)
    ds = build(DataSource.csv(path, sniff(path), 2, [0, 1], val_fraction=0.25, seed=1))
    assert ds.is_regression
    net = Network.initialised([2, 8, 1], ["tanh", "identity"], seed=0)
    cfg = TrainingConfig(optimizer="adam", lr=0.01, batch_size=32, epochs=150, engine=engine, dtype="float64")
    trainer = Trainer(net, ds, cfg)
    result = trainer.run()
    trainer.close()
    last = trainer.history[-1]
    assert trainer.engine_name == engine and result.status == "completed"
    # MSE is ½·mean((d − y)²) in standardised units: 1.0 would be "predict the mean"
    assert last.train_loss < 5e-3 and last.val_loss < 5e-3
    assert trainer.history[0].val_loss > 10 * last.val_loss
    assert math.isnan(last.train_acc) and math.isnan(last.val_acc)
    assert result.snapshot.confusion is None
    # an independent check in the file's units: the trained network's predictions
    trained = trainer.network()
    pred = ds.scaling.unscale_target(trained.forward(ds.x[ds.val_idx])[-1][:, 0])
    rmse = float(np.sqrt(np.mean((pred - y[ds.val_idx]) ** 2)))
    assert rmse < 0.25  # y spans about ±9


def test_regression_targets_reach_the_engine_as_numbers():
    x = np.linspace(-1, 1, 10)[:, None]
    ds = Dataset(x, np.zeros(10), 0, values=3 * x[:, 0] + 1)
    net = Network.initialised([1, 1], ["identity"], seed=0)
    data = prepare_data(net, ds)
    np.testing.assert_array_equal(data.t_train[:, 0], 3 * x[:, 0] + 1)
    assert data.y_train.tolist() == [0] * 10


def test_the_trainer_split_keeps_the_targets():
    x = np.linspace(-1, 1, 40)[:, None]
    ds = Dataset(x, np.zeros(40), 0, values=x[:, 0] ** 2, name="parabola")
    net = Network.initialised([1, 4, 1], ["tanh", "identity"], seed=0)
    trainer = Trainer(net, ds, TrainingConfig(epochs=2, engine="torch", val_fraction=0.25))
    assert trainer.dataset.is_regression and len(trainer.dataset.val_idx) == 10
    np.testing.assert_array_equal(trainer.data.t_val[:, 0], (x[trainer.dataset.val_idx, 0] ** 2).astype(np.float32))
    assert ds.val_idx.size == 0  # the caller's data set was not split
    trainer.close()


def test_regression_checks_replace_the_class_checks():
    ds = Dataset(np.zeros((6, 2)), np.zeros(6), 0, values=np.arange(6.0))
    cfg = TrainingConfig(engine="torch")
    # one identity output: fine (the "two classes per output neuron" rule does not apply)
    check_problem(Network.initialised([2, 3, 1], ["relu", "identity"], seed=0), ds, cfg)
    check_problem(Network.initialised([2, 1], ["sigmoid"], seed=0), ds, cfg)
    with pytest.raises(UserError, match="one neuron, not 2"):
        check_problem(Network.initialised([2, 2], ["identity"], seed=0), ds, cfg)
    with pytest.raises(UserError, match="regression needs the identity output"):
        check_problem(Network.initialised([2, 2], ["softmax"], seed=0), Dataset(
            np.zeros((6, 2)), np.zeros(6), 0, values=np.zeros((6, 2))), cfg)
    with pytest.raises(UserError, match="use the MSE loss"):
        check_problem(Network.initialised([2, 1], ["sigmoid"], seed=0), ds,
                      TrainingConfig(engine="torch", loss="cross_entropy"))
