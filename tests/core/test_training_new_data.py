"""Trainer.set_dataset: new data (points drawn meanwhile) from the next epoch on."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from nnviz.core.data import datasets
from nnviz.core.data.dataset import Dataset, from_points, split
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.trainer import Trainer


def engines() -> list[str]:
    names = ["torch"]
    net = Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=0)
    try:
        t = Trainer(
            net,
            from_points([[0, 0], [1, 1]], [0, 1]),
            TrainingConfig(engine="compiled", val_fraction=0.0),
        )
    except (UserError, ImportError):
        return names
    names.append(t.engine_name)
    t.close()
    return sorted(set(names))


ENGINES = engines()


def spiral(n: int, seed: int = 0, val: float = 0.25) -> Dataset:
    return split(datasets.make({"kind": "spiral", "n": n, "noise": 0.1, "seed": seed}), val, seed)


def same_data(ds: Dataset) -> Dataset:
    """An equal data set in new arrays (what the window sends when nothing changed)."""
    return Dataset(
        ds.x.copy(),
        ds.y.copy(),
        ds.n_classes,
        ds.name,
        None,
        ds.train_idx.copy(),
        ds.val_idx.copy(),
    )


CASES = [
    (engine, opt)
    for engine in ENGINES
    for opt in ({"optimizer": "sgd", "lr": 0.1, "momentum": 0.9}, {"optimizer": "adam", "lr": 0.01})
] + [("torch", {"optimizer": "adam", "lr": 0.01, "dropout": [0.3, 0.0]})]


@pytest.mark.parametrize(("engine", "opt"), CASES)
def test_the_same_data_swapped_in_changes_nothing(engine, opt):
    """Weights, momentum / Adam moments and step count, and the batch order all carry
    over: three epochs with a swap after the first equal three epochs without one."""
    net = Network.initialised([2, 6, 6, 1], ["tanh", "tanh", "sigmoid"], seed=2)
    ds = spiral(80)
    cfg = TrainingConfig(engine=engine, batch_size=8, val_fraction=0.25, **opt)

    plain = Trainer(net, ds, cfg)
    swapped = Trainer(net, ds, cfg)
    try:
        for t in (plain, swapped):
            t.step_epoch()
        swapped.set_dataset(same_data(ds))
        for _ in range(2):
            plain.step_epoch()
            swapped.step_epoch()
        assert swapped.dataset_changes == 1 and swapped.optimizer_state_kept
        assert swapped.engine_name == engine
        for a, b in zip(plain.parameters()[0], swapped.parameters()[0], strict=True):
            np.testing.assert_allclose(b, a, rtol=0, atol=1e-12)
        assert [m.train_loss for m in swapped.history] == pytest.approx(
            [m.train_loss for m in plain.history], rel=1e-10
        )
    finally:
        for t in (plain, swapped):
            t.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_fresh_optimizer_would_have_shown(engine):
    """The control for the test above: resetting the optimizer at the swap gives other
    weights, so equal weights there mean the state really was handed over."""
    net = Network.initialised([2, 6, 1], ["tanh", "sigmoid"], seed=2)
    ds = spiral(80)
    cfg = TrainingConfig(engine=engine, batch_size=8, optimizer="adam", lr=0.01, val_fraction=0.25)
    plain, reset = Trainer(net, ds, cfg), Trainer(net, ds, cfg)
    try:
        plain.step_epoch()
        reset.step_epoch()
        reset.set_dataset(same_data(ds))
        reset._take_dataset()
        reset.engine.reset_optimizer()
        plain.step_epoch()
        reset.step_epoch()
        assert not np.allclose(
            plain.parameters()[0][0], reset.parameters()[0][0], rtol=0, atol=1e-9
        )
    finally:
        plain.close()
        reset.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_running_trainer_takes_new_points_at_its_next_epoch(engine):
    net = Network.initialised([2, 5, 1], ["tanh", "sigmoid"], seed=0)
    small, big = spiral(40, seed=1), spiral(120, seed=2)
    cfg = TrainingConfig(engine=engine, batch_size=10, epochs=6, val_fraction=0.25, lr=0.1)
    trainer = Trainer(net, small, cfg)
    trainer.set_pace(1000.0)  # epoch by epoch, each reported (the compiled engine would chunk them)
    sizes: list[tuple[int, int, int]] = []

    def callback(snap):
        sizes.append((snap.epoch, snap.n_train, snap.n_val))
        if snap.epoch == 2:
            trainer.set_dataset(big)  # from the "window", while it runs

    try:
        result = trainer.run(callback)
    finally:
        trainer.close()
    assert result.status == "completed"
    assert sizes[0] == (1, 30, 10)
    assert (2, 30, 10) in sizes
    assert sizes[-1] == (6, 90, 30)
    # epochs 1-2 made ceil(30/10) = 3 updates each, epochs 3-6 ceil(90/10) = 9
    updates = [m.updates for m in trainer.history]
    assert np.diff([0, *updates]).tolist() == [3, 3, 9, 9, 9, 9]
    assert trainer.dataset is big
    assert trainer.history[-1].train_acc > 0  # evaluated on the new points


def test_new_data_reaches_a_trainer_in_another_thread():
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=0)
    four = from_points([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 0, 1, 1])
    five = from_points([[0, 0], [1, 1], [0, 1], [1, 0], [0.5, 0.5]], [0, 0, 1, 1, 0])
    trainer = Trainer(net, four, TrainingConfig(batch_size=0, epochs=100000, val_fraction=0.0))
    seen: list[int] = []
    grew = threading.Event()

    def callback(snap):
        seen.append(snap.n_train)
        if snap.n_train == 5:
            grew.set()
            return False
        return None

    thread = threading.Thread(target=lambda: trainer.run(callback, snapshot_interval=0.01))
    thread.start()
    try:
        trainer.set_dataset(five)
        assert grew.wait(60)
    finally:
        trainer.request_stop()
        thread.join(60)
        trainer.close()
    assert seen[0] in (4, 5) and seen[-1] == 5


def test_data_the_network_cannot_learn_is_refused_at_once():
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=0)
    trainer = Trainer(net, spiral(40), TrainingConfig(val_fraction=0.25))
    try:
        three = from_points([[0, 0], [1, 1], [2, 2]], [0, 1, 2])
        with pytest.raises(UserError, match="One output neuron"):
            trainer.set_dataset(three)
        wide = from_points([[0, 0, 0], [1, 1, 1]], [0, 1])
        with pytest.raises(UserError, match="2 inputs"):
            trainer.set_dataset(wide)
        empty_train = from_points([[0, 0], [1, 1]], [0, 1])
        empty_train.train_idx, empty_train.val_idx = np.zeros(0, dtype=np.int64), np.arange(2)
        with pytest.raises(UserError, match="training part"):
            trainer.set_dataset(empty_train)
        trainer.step_epoch()
        assert trainer.dataset_changes == 0 and len(trainer.data.x_train) == 30
    finally:
        trainer.close()


def test_the_probe_sample_stays_inside_smaller_data():
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=0)
    trainer = Trainer(net, spiral(40), TrainingConfig(val_fraction=0.25))
    try:
        trainer.set_probe(35)
        trainer.set_dataset(from_points([[0, 0], [1, 1], [0, 1]], [0, 0, 1]))
        trainer.step_epoch()
        snap = trainer.snapshot()
        assert snap.probe_index == 0 and snap.n_train == 3 and snap.n_val == 0
        np.testing.assert_allclose(snap.probe[0], [0.0, 0.0])
        assert trainer.best_epoch == 1  # judged afresh on the new data
    finally:
        trainer.close()
