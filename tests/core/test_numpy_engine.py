"""What only the NumPy engine does: dropout, and training without numba.

Its plain updates are checked against torch autograd with the compiled
engine's in ``test_compiled.py``; here its dropout is checked against torch
autograd given the same masks (NumPy's generator draws them, so torch's own
dropout gives other random numbers, not other maths).
"""

from __future__ import annotations

import numpy as np
import torch

from nnviz.core.data import dataset, datasets
from nnviz.core.model.network import Network
from nnviz.core.training import compiled
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.numpy_engine import NumpyEngine
from nnviz.core.training.problem import prepare_data
from nnviz.core.training.trainer import Trainer

ACT = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}


def test_dropout_is_torchs_maths_with_numpys_masks():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(41, 3))
    ds = dataset.Dataset(x, (x[:, 0] > 0).astype(int), n_classes=2)
    net = Network.initialised([3, 6, 5, 1], ["tanh", "relu", "sigmoid"], seed=1)
    cfg = TrainingConfig(
        batch_size=7, lr=0.2, momentum=0.5, dropout=[0.3, 0.5], seed=5, val_fraction=0.0
    )
    data = prepare_data(net, ds)
    engine = NumpyEngine(net, data, cfg)
    order = rng.permutation(41)
    engine.set_order(order)
    assert engine.run_batches(0, 10, 7) == 41  # 6 updates, the last of 6 samples

    # the reference: torch autograd, masks drawn as the engine draws them
    masks = np.random.default_rng(5)
    ws = [torch.tensor(w, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    opt = torch.optim.SGD(
        [p for pair in zip(ws, bs, strict=True) for p in pair], lr=0.2, momentum=0.5
    )
    xt, tt = torch.tensor(data.x_train), torch.tensor(data.t_train)
    for start in range(0, 41, 7):
        idx = torch.tensor(order[start : start + 7])
        h = xt[idx]
        for layer, (w, b) in enumerate(zip(ws, bs, strict=True)):
            h = ACT[net.activations[layer]](h @ w + b)
            if layer < 2:
                p = cfg.dropout[layer]
                keep = masks.random((net.layers[layer + 1], len(idx))) >= p
                h = h * torch.tensor(keep.T / (1.0 - p))
        err = 0.5 * ((h - tt[idx]) ** 2).sum() / len(idx)
        opt.zero_grad()
        err.backward()
        opt.step()
    got_w, got_b = engine.get_parameters()
    for got, ref in zip(got_w + got_b, ws + bs, strict=True):
        np.testing.assert_allclose(got, ref.detach().numpy(), rtol=0, atol=1e-9)


def test_dropout_is_off_when_evaluating_and_a_seed_repeats_a_run():
    ds = datasets.make({"kind": "moons", "n": 80, "noise": 0.1, "seed": 3, "val_fraction": 0.25})
    net = Network.initialised([2, 12, 1], ["tanh", "sigmoid"], seed=0)
    cfg = TrainingConfig(lr=0.3, batch_size=8, epochs=5, dropout=[0.5], engine="numpy", seed=2)
    runs = []
    for _ in range(2):
        trainer = Trainer(net, ds, cfg)
        trainer.run()
        runs.append(trainer)
    (w1, b1), (w2, b2) = runs[0].parameters(), runs[1].parameters()
    for a, b in zip(w1 + b1, w2 + b2, strict=True):
        np.testing.assert_array_equal(a, b)
    engine = runs[0].engine
    # evaluating twice gives the same figures (no mask), and they are the network's
    assert engine.evaluate("val") == engine.evaluate("val")
    trained = runs[0].network()
    y = trained.predict(ds.x[runs[0].dataset.val_idx])[:, 0]
    d = ds.y[runs[0].dataset.val_idx]
    loss, acc = engine.evaluate("val")
    assert abs(loss - np.mean(0.5 * (y - d) ** 2)) < 1e-12
    assert acc == np.mean((y > 0.5) == d)
    preds = engine.predictions("val")
    assert preds is not None and np.array_equal(preds, (y > 0.5).astype(int))


def test_without_numba_a_small_lesson_trains_on_numpy_not_torch(monkeypatch):
    monkeypatch.setattr(compiled, "numba_available", lambda: False)
    ds = datasets.make({"kind": "xor", "n": 60, "seed": 0})
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=1)
    trainer = Trainer(net, ds, TrainingConfig(lr=0.5, momentum=0.9, batch_size=4, epochs=200))
    assert (trainer.engine_name, trainer.engine_reason) == (
        "numpy",
        compiled.REASON_NUMPY_NO_NUMBA,
    )
    assert trainer.device == "cpu"
    trainer.run()
    assert trainer.history[-1].train_acc >= 0.9
