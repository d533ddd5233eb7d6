"""The dropout masks the engines and the trainer report (issue 16, item 5).

Each reported mask is checked against the training it claims to describe: the
batch error and the updated weights are recomputed by hand in NumPy with that
mask applied as inverted dropout (hidden outputs h · m / (1 − p)); if the
engine had used another mask, neither would match. No Qt.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.data.dataset import Dataset
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import EngineData
from nnviz.core.training.numpy_engine import NumpyEngine
from nnviz.core.training.torch_engine import TorchEngine
from nnviz.core.training.trainer import Trainer

LAYERS = [3, 6, 5, 2]
ACTS = ["tanh", "sigmoid", "sigmoid"]
LR = 0.3


def _data(n: int = 10) -> EngineData:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(n, LAYERS[0]))
    labels = rng.integers(0, 2, size=n)
    t = np.eye(2)[labels]
    return EngineData(x, t, labels.astype(np.int64), np.zeros((0, 3)), np.zeros((0, 2)),
                      np.zeros(0, np.int64))


def _config(p: list[float], batch: int, seed: int = 11) -> TrainingConfig:
    return TrainingConfig(loss="mse", optimizer="sgd", lr=LR, batch_size=batch, dropout=p,
                          seed=seed, dtype="float64", device="cpu", val_fraction=0.0)


def _hand_step(net: Network, x: np.ndarray, t: np.ndarray, kept: list[np.ndarray],
               p: list[float]) -> tuple[float, list[np.ndarray], list[np.ndarray]]:
    """(E_B, new weights, new biases) of one plain SGD update on the batch (x, t),
    hidden outputs multiplied by kept / (1 − p): the engine module's maths."""
    ws, bs = net.weights, net.biases
    f = {"tanh": np.tanh, "sigmoid": lambda a: 1.0 / (1.0 + np.exp(-a))}
    df = {"tanh": lambda y: 1.0 - y * y, "sigmoid": lambda y: y * (1.0 - y)}
    hs, raws = [x], []
    for i, (w, b, act) in enumerate(zip(ws, bs, ACTS, strict=True)):
        y = f[act](hs[-1] @ w + b)
        if i < len(ws) - 1:
            raws.append(y)
            y = y * kept[i] / (1.0 - p[i])  # inverted dropout, by hand
        hs.append(y)
    n = len(x)
    out = hs[-1]
    err = 0.5 * np.sum((out - t) ** 2) / n
    d = (out - t) * df[ACTS[-1]](out) / n
    gw, gb = [None] * len(ws), [None] * len(ws)
    for layer in range(len(ws) - 1, -1, -1):
        gw[layer] = hs[layer].T @ d
        gb[layer] = d.sum(axis=0)
        if layer:
            below = d @ ws[layer].T
            below = below * kept[layer - 1] / (1.0 - p[layer - 1])
            d = below * df[ACTS[layer - 1]](raws[layer - 1])
    return err, [w - LR * g for w, g in zip(ws, gw)], [b - LR * g for b, g in zip(bs, gb)]


@pytest.mark.parametrize("engine_cls", [TorchEngine, NumpyEngine])
@pytest.mark.parametrize("batch", [1, 5])
def test_reported_mask_is_the_mask_the_update_used(engine_cls, batch: int) -> None:
    net = Network.initialised(LAYERS, ACTS, seed=4)
    data, p = _data(), [0.5, 0.4]
    engine = engine_cls(net.copy(), data, _config(p, batch), "cpu")
    engine.set_dropout_recording(True)
    order = np.arange(len(data.x_train))
    engine.set_order(order)
    for start in range(0, 2 * batch, batch):  # two updates; the second is reported
        before = net.copy()
        before.weights, before.biases = engine.get_parameters()
        engine.set_order(order)
        engine.run_batches(start, 1, batch)
    kept = engine.dropout_masks(None)
    assert [m.shape for m in kept] == [(batch, 6), (batch, 5)]
    assert all(m.dtype == bool for m in kept)
    assert 0 < sum(int((~m).sum()) for m in kept) < sum(m.size for m in kept)
    idx = order[batch : 2 * batch]
    err, w_hand, b_hand = _hand_step(before, data.x_train[idx], data.t_train[idx],
                                     [m.astype(float) for m in kept], p)
    assert engine.epoch_error() == pytest.approx(err, rel=1e-12)  # the forward pass, masked
    w_new, b_new = engine.get_parameters()
    for got, want in zip(w_new + b_new, w_hand + b_hand, strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    # the first sample's mask is what the figure shows (rows 1: of `samples`)
    first = engine.dropout_masks()
    assert all(np.array_equal(a, b[:1]) for a, b in zip(first, kept, strict=True))
    if batch == 1:  # a dropped neuron learned nothing: its incoming weights stayed
        gone = ~kept[0][0]
        np.testing.assert_array_equal(w_new[0][:, gone], before.weights[0][:, gone])
        assert not np.array_equal(w_new[0][:, ~gone], before.weights[0][:, ~gone])


@pytest.mark.parametrize("engine_cls", [TorchEngine, NumpyEngine])
def test_nothing_is_kept_unless_asked(engine_cls) -> None:
    net = Network.initialised(LAYERS, ACTS, seed=4)
    engine = engine_cls(net.copy(), _data(), _config([0.5], 4), "cpu")
    engine.set_order(np.arange(10))
    engine.run_batches(0, 2, 4)
    assert engine.dropout_masks() is None
    engine.set_dropout_recording(True)
    engine.run_batches(0, 1, 4)
    assert engine.dropout_masks() is not None
    engine.set_dropout_recording(False)  # off again: the old masks go
    assert engine.dropout_masks() is None
    no_dropout = engine_cls(net.copy(), _data(), _config([], 4), "cpu")
    no_dropout.set_dropout_recording(True)
    no_dropout.set_order(np.arange(10))
    no_dropout.run_batches(0, 1, 4)
    assert no_dropout.dropout_masks() is None


def _dataset() -> Dataset:
    data = _data(10)
    return Dataset(x=data.x_train, y=data.y_train, n_classes=2, name="toy")


@pytest.mark.parametrize("engine", ["torch", "numpy"])
def test_trainer_snapshots_carry_the_mask_count_per_batch(engine: str) -> None:
    """Full batch, no shuffle: each epoch is one update; the snapshot's mask is its
    first sample's, and its count of dropped neurons is the mask's zeros."""
    net = Network.initialised(LAYERS, ACTS, seed=4)
    config = _config([0.5, 0.3], 0).replace(engine=engine, shuffle=False, epochs=3)
    trainer = Trainer(net, _dataset(), config)
    assert trainer.engine_name == engine
    try:
        assert trainer.snapshot().dropout is None  # not asked
        trainer.step_epoch()
        assert trainer.snapshot().dropout is None
        trainer.set_dropout_reporting(True)
        for _ in range(3):
            before = trainer.network()
            trainer.step_epoch()
            kept = trainer.engine.dropout_masks(None)
            snap = trainer.snapshot()
            mask = snap.dropout
            assert mask is not None and mask.update == trainer.updates
            assert mask.p == [0.5, 0.3]
            for dropped, m in zip(mask.dropped, kept, strict=True):
                np.testing.assert_array_equal(dropped, ~m[0])
            assert mask.count == sum(int(np.count_nonzero(~m[0])) for m in kept)
            x = trainer.data.x_train
            _, w_hand, _ = _hand_step(before, x, trainer.data.t_train,
                                      [m.astype(float) for m in kept], [0.5, 0.3])
            for got, want in zip(snap.weights, w_hand, strict=True):
                np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
        trainer.set_dropout_reporting(False)
        trainer.step_epoch()
        assert trainer.snapshot().dropout is None
        assert trainer.engine.dropout_masks() is None
    finally:
        trainer.close()


def test_masks_come_with_the_run_callback_only_when_asked() -> None:
    net = Network.initialised(LAYERS, ACTS, seed=4)
    config = _config([0.5], 4).replace(engine="torch", epochs=4)
    seen: list = []
    trainer = Trainer(net, _dataset(), config)
    trainer.set_pace(1000.0)  # slow motion: a snapshot every epoch
    trainer.run(seen.append)
    assert seen and all(s.dropout is None for s in seen)
    seen.clear()
    trainer = Trainer(net, _dataset(), config.replace(epochs=4))
    trainer.set_pace(1000.0)
    trainer.set_dropout_reporting(True)
    trainer.run(seen.append)
    masks = [s.dropout for s in seen]
    assert all(m is not None for m in masks)
    assert [m.update for m in masks] == [s.updates for s in seen]
    assert all(len(m.dropped) == 2 and m.dropped[0].shape == (6,) for m in masks)
    # p = 0.5 on 11 neurons × 4 epochs: some dropped, not all
    total = sum(m.count for m in masks)
    assert 0 < total < 11 * len(masks)
    trainer.close()


def test_torch_on_a_gpu_reports_the_mask_it_used() -> None:
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA GPU here")
    net = Network.initialised(LAYERS, ACTS, seed=4)
    data, p = _data(), [0.5, 0.4]
    engine = TorchEngine(net.copy(), data, _config(p, 5), "cuda")
    engine.set_dropout_recording(True)
    engine.set_order(np.arange(10))
    engine.run_batches(0, 1, 5)
    kept = engine.dropout_masks(None)
    err, w_hand, _ = _hand_step(net, data.x_train[:5], data.t_train[:5],
                                [m.astype(float) for m in kept], p)
    assert engine.epoch_error() == pytest.approx(err, rel=1e-10)
    for got, want in zip(engine.get_parameters()[0], w_hand, strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-10)
    engine.close()
