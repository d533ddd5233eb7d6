"""A run that takes over the optimizer state of an earlier one goes on as one run would have."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.data import datasets
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import engine_available
from nnviz.core.training.optimizer_state import OptimizerState
from nnviz.core.training.trainer import Trainer

ENGINES = [e for e in ("numpy", "torch", "compiled") if engine_available(e)]


def _problem():
    ds = datasets.make({"kind": "xor", "n": 60, "seed": 3})
    net = Network.initialised([2, 5, 1], ["tanh", "sigmoid"], seed=1)
    return net, ds


def _weights(trainer: Trainer) -> list[np.ndarray]:
    w, b = trainer.engine.get_parameters()
    return [*w, *b]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("optimizer", [{"optimizer": "adam", "lr": 0.05}, {"optimizer": "sgd", "lr": 0.3, "momentum": 0.9}])
def test_two_runs_with_the_state_equal_one_run(engine: str, optimizer: dict) -> None:
    net, ds = _problem()
    cfg = TrainingConfig(
        loss="cross_entropy", batch_size=8, epochs=6, shuffle=False, engine=engine, device="cpu",
        dtype="float64", **optimizer,
    )
    whole = Trainer(net, ds, cfg)
    for _ in range(6):
        whole.step_epoch()
    first = Trainer(net, ds, cfg)
    for _ in range(3):
        first.step_epoch()
    state = first.optimizer_state()
    assert state.optimizer == optimizer["optimizer"]
    halfway = first.engine.get_parameters()
    going_on = Network(net.layers, net.activations, *halfway)
    second = Trainer(going_on, ds, cfg, optimizer_state=state)
    fresh = Trainer(going_on, ds, cfg)
    for _ in range(3):
        second.step_epoch()
        fresh.step_epoch()
    for a, b in zip(_weights(whole), _weights(second)):
        np.testing.assert_allclose(a, b, atol=1e-9)
    # without the state the run is a different one (momentum / moments start from zero)
    assert max(np.abs(a - b).max() for a, b in zip(_weights(whole), _weights(fresh))) > 1e-6
    for t in (whole, first, second, fresh):
        t.close()


def test_the_state_moves_between_engines() -> None:
    if "torch" not in ENGINES:
        pytest.skip("torch engine unavailable")
    net, ds = _problem()
    cfg = TrainingConfig(loss="cross_entropy", optimizer="adam", lr=0.05, batch_size=8, shuffle=False,
                         device="cpu", dtype="float64")
    a = Trainer(net, ds, cfg.replace(engine="numpy"))
    for _ in range(2):
        a.step_epoch()
    state = a.optimizer_state()
    torch_run = Trainer(Network(net.layers, net.activations, *a.engine.get_parameters()), ds,
                        cfg.replace(engine="torch"), optimizer_state=state)
    back = torch_run.optimizer_state()
    np.testing.assert_allclose(back.first, state.first, atol=1e-12)
    np.testing.assert_allclose(back.second, state.second, atol=1e-12)
    assert back.steps == state.steps > 0


def test_a_state_that_does_not_fit_is_ignored_or_refused() -> None:
    with pytest.raises(UserError, match="numbers were expected"):
        OptimizerState("adam", (2, 3, 1), np.zeros(5), np.zeros(5), 1)
    with pytest.raises(UserError, match="finite"):
        OptimizerState("sgd", (1, 1), np.array([np.nan, 0.0]), np.zeros(2), 0)
    state = OptimizerState("sgd", (2, 5, 1), np.ones(21), np.zeros(21), 0)
    assert state.fits([2, 5, 1], "sgd") and not state.fits([2, 5, 1], "adam") and not state.fits([2, 4, 1], "sgd")
