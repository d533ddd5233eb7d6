"""The compiled engine computes what torch computes, and is chosen only where it can.

The reference here is plain torch autograd in float64, written from the math
in :mod:`nnviz.core.training.engine`'s docstring, not the torch engine; a second set
of tests runs the whole :class:`Trainer` with both engines side by side.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from nnviz.core.data import dataset, datasets
from nnviz.core.errors import UserError
from nnviz.core.lessons import load_lesson
from nnviz.core.model.network import Network
from nnviz.core.training import compiled
from nnviz.core.training.compiled import CompiledEngine
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import penalty, select_engine
from nnviz.core.training.problem import prepare_data
from nnviz.core.training.trainer import Trainer

TORCH_ACT = {
    "identity": lambda a: a,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "softmax": lambda a: torch.softmax(a, dim=1),
}


def _problem(layers: list[int], acts: list[str], n: int = 41, seed: int = 0):
    net = Network.initialised(layers, acts, seed=seed + 1)
    rng = np.random.default_rng(seed)
    n_classes = max(2, layers[-1])
    x = rng.normal(size=(n, layers[0]))
    y = rng.integers(0, n_classes, size=n)
    ds = dataset.Dataset(x, y, n_classes=n_classes)
    return net, ds


def _torch_reference(net, data, cfg, orders, n_updates):
    """Weights after ``n_updates`` by torch autograd, batches cut from ``orders``."""
    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    params = [p for pair in zip(ws, bs, strict=True) for p in pair]
    if cfg.optimizer == "adam":
        opt = torch.optim.Adam(params, lr=cfg.lr, betas=cfg.betas, eps=cfg.eps)
    else:
        opt = torch.optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum)
    x = torch.tensor(data.x_train)
    t = torch.tensor(data.t_train)
    labels = torch.tensor(data.y_train)
    done = 0
    for order in orders:
        for start in range(0, len(order), cfg.batch_size):
            if done == n_updates:
                return ws, bs
            idx = torch.tensor(order[start : start + cfg.batch_size])
            h = x[idx]
            for layer, (w, b) in enumerate(zip(ws, bs, strict=True)):
                a = h @ w + b
                h = TORCH_ACT[net.activations[layer]](a)
            nb = len(idx)
            if cfg.loss == "mse":
                err = 0.5 * ((h - t[idx]) ** 2).sum() / nb
            elif net.activations[-1] == "softmax":
                err = F.cross_entropy(a, labels[idx])
            else:
                err = F.binary_cross_entropy_with_logits(a, t[idx], reduction="sum") / nb
            penalty = sum(0.5 * cfg.l2 * (w**2).sum() + cfg.l1 * w.abs().sum() for w in ws)
            opt.zero_grad()
            (err + penalty).backward()
            opt.step()
            done += 1
    raise AssertionError("not enough orders for the updates asked")


CASES = [
    # (layers, activations, config changes)
    ([2, 8, 8, 1], ["tanh", "tanh", "tanh"], dict(loss="mse", lr=0.03)),
    ([2, 8, 8, 1], ["tanh", "tanh", "tanh"], dict(loss="mse", lr=0.03, momentum=0.9)),
    ([2, 4, 3], ["tanh", "softmax"], dict(loss="cross_entropy", optimizer="adam", lr=0.01)),
    (
        [2, 4, 3],
        ["sigmoid", "softmax"],
        dict(loss="cross_entropy", lr=0.2, momentum=0.5, l2=0.01, l1=0.003),
    ),
    (
        [3, 6, 5, 1],
        ["relu", "relu", "sigmoid"],
        dict(loss="mse", optimizer="adam", lr=0.02, l2=0.05),
    ),
    ([3, 7, 5, 2], ["relu", "identity", "sigmoid"], dict(loss="cross_entropy", lr=0.1, l1=0.01)),
    ([2, 5, 3], ["relu", "softmax"], dict(loss="mse", lr=0.5, momentum=0.8)),
    (
        [4, 6, 6, 6, 1],
        ["relu", "tanh", "sigmoid", "identity"],
        dict(loss="mse", optimizer="adam", lr=0.005, l1=0.001, l2=0.001),
    ),
]


@pytest.mark.parametrize("layers,acts,changes", CASES)
def test_100_updates_equal_torch_autograd(layers, acts, changes):
    net, ds = _problem(layers, acts)
    cfg = TrainingConfig(batch_size=7, **changes).validate()
    data = prepare_data(net, ds)
    engine = CompiledEngine(net, data, cfg, "cpu")
    rng = np.random.default_rng(42)
    orders = [rng.permutation(len(data.x_train)) for _ in range(20)]
    done = 0
    for order in orders:
        engine.set_order(order)
        pos = 0
        while pos < len(order) and done < 100:
            # uneven slices: the result must not depend on how an epoch is cut
            n_batches = min(1 + done % 3, 100 - done)
            new_pos = engine.run_batches(pos, n_batches, cfg.batch_size)
            done += -(-(new_pos - pos) // cfg.batch_size)
            pos = new_pos
        if done == 100:
            break
    ref_w, ref_b = _torch_reference(net, data, cfg, orders, 100)
    got_w, got_b = engine.get_parameters()
    moved = max(np.abs(g - w0).max() for g, w0 in zip(got_w, net.weights, strict=True))
    assert moved > 1e-3  # the test means something only if training moved the weights
    for got, ref in zip(got_w + got_b, ref_w + ref_b, strict=True):
        np.testing.assert_allclose(got, ref.detach().numpy(), rtol=0, atol=1e-9)


def _spiral():
    return datasets.make({"kind": "spiral", "n": 300, "noise": 0.1, "seed": 1, "val_fraction": 0.2})


@pytest.mark.parametrize(
    "changes",
    [
        dict(),
        dict(optimizer="adam", lr=0.01, l2=0.001, eval_train=False),
        dict(early_stopping=True, patience=1, min_delta=0.01, momentum=0.9),
    ],
)
def test_trainer_with_either_engine_gives_the_same_run(changes):
    ds = _spiral()
    net = Network.initialised([2, 8, 8, 1], "tanh", seed=3)
    runs = {}
    for engine in ("torch", "compiled"):
        cfg = TrainingConfig(
            lr=0.03, batch_size=10, epochs=4, engine=engine, dtype="float64", device="cpu"
        )
        trainer = Trainer(net.copy(), ds, cfg.replace(**changes))
        assert trainer.engine_name == engine
        result = trainer.run()
        runs[engine] = (trainer.parameters(), trainer.history, result.status, trainer.best_epoch)
        trainer.close()
    (tw, tb), t_hist, t_status, t_best = runs["torch"]
    (cw, cb), c_hist, c_status, c_best = runs["compiled"]
    assert (t_status, t_best, len(t_hist)) == (c_status, c_best, len(c_hist))
    for a, b in zip(tw + tb, cw + cb, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
    for mt, mc in zip(t_hist, c_hist, strict=True):
        assert mt.updates == mc.updates
        np.testing.assert_allclose(
            [mt.train_loss, mt.val_loss, mt.train_acc, mt.val_acc, mt.penalty],
            [mc.train_loss, mc.val_loss, mc.train_acc, mc.val_acc, mc.penalty],
            rtol=1e-9,
            atol=1e-12,
        )


def test_live_changes_between_calls_match_torch():
    ds = _spiral()
    net = Network.initialised([2, 6, 1], ["relu", "sigmoid"], seed=5)
    from nnviz.core.training.torch_engine import TorchEngine

    cfg = TrainingConfig(lr=0.1, momentum=0.5, dtype="float64")
    data = prepare_data(net, ds)
    engines = [
        TorchEngine(net.copy(), data, cfg, "cpu"),
        CompiledEngine(net.copy(), data, cfg, "cpu"),
    ]
    order = np.random.default_rng(0).permutation(len(data.x_train))
    for e in engines:
        e.set_order(order)
        pos = e.run_batches(0, 3, 16)
        e.set_hyper(lr=0.05, momentum=0.9, l2=0.1, l1=0.02)
        pos = e.run_batches(pos, 4, 5)
        e.reset_optimizer()
        e.run_batches(pos, 5, 8)
    (w0, b0), (w1, b1) = (e.get_parameters() for e in engines)
    for a, b in zip(w0 + b0, w1 + b1, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
    assert engines[0].epoch_error() == pytest.approx(engines[1].epoch_error(), rel=1e-12)


def test_engine_leaves_the_callers_network_alone():
    net, ds = _problem([2, 3, 1], ["tanh", "sigmoid"])
    before = net.copy()
    cfg = TrainingConfig(lr=0.5, batch_size=4)
    engine = CompiledEngine(net, prepare_data(net, ds), cfg, "cpu")
    engine.set_order(np.arange(len(ds.x)))
    engine.run_batches(0, 5, 4)
    for a, b in zip(net.weights + net.biases, before.weights + before.biases, strict=True):
        np.testing.assert_array_equal(a, b)
    w, _ = engine.get_parameters()
    assert not np.array_equal(w[0], before.weights[0])


def test_divergence_keeps_the_last_finite_weights():
    ds = _spiral()
    net = Network.initialised([2, 8, 1], ["relu", "identity"], seed=0)
    cfg = TrainingConfig(lr=1e4, batch_size=10, epochs=5, engine="compiled")
    trainer = Trainer(net, ds, cfg)
    result = trainer.run()
    assert result.status == "diverged"
    assert "smaller learning rate" in result.message
    weights, biases = trainer.parameters()
    assert all(np.all(np.isfinite(a)) for a in (*weights, *biases))


def test_spiral_lesson_learns_with_the_compiled_engine():
    lesson = load_lesson("spiral")
    cfg = TrainingConfig.from_dict(lesson.training)
    trainer = Trainer(lesson.network, lesson.dataset(), cfg)
    assert (trainer.engine_name, trainer.engine_reason) == ("compiled", compiled.REASON_AUTO)
    trainer.run()
    assert trainer.history[-1].val_acc >= 0.95


# ---------------------------------------------------------------- choice
def _choice(net, **changes):
    ds = dataset.Dataset(np.zeros((4, net.layers[0])), np.array([0, 1, 0, 1]), n_classes=2)
    return select_engine(net, ds, TrainingConfig(**changes))


SMALL = Network.initialised([2, 8, 8, 1], "tanh", seed=0)
BIG = Network.initialised([64, 100, 10], ["relu", "softmax"], seed=0)  # 7,510 parameters


def test_auto_prefers_compiled_for_a_small_cpu_network():
    assert _choice(SMALL) == ("compiled", compiled.REASON_AUTO)
    assert _choice(SMALL, device="cpu") == ("compiled", compiled.REASON_AUTO)


@pytest.mark.parametrize(
    "net,changes,reason",
    [
        (SMALL, dict(dropout=[0.2]), compiled.REASON_DROPOUT),
        (SMALL, dict(device="cuda"), compiled.REASON_DEVICE),
        (SMALL, dict(device="mps"), compiled.REASON_DEVICE),
        (BIG, dict(), compiled.REASON_BIG),
    ],
)
def test_auto_falls_back_to_torch_and_says_why(net, changes, reason):
    assert _choice(net, **changes) == ("torch", reason)
    assert reason in compiled.REASONS


def test_auto_without_numba_runs_torch(monkeypatch):
    monkeypatch.setattr(compiled, "numba_available", lambda: False)
    assert _choice(SMALL) == ("torch", compiled.REASON_NO_NUMBA)
    with pytest.raises(UserError, match="numba"):
        _choice(SMALL, engine="compiled")


def test_a_numba_that_failed_to_load_means_torch(monkeypatch):
    monkeypatch.setattr(compiled, "_load_error", "ImportError: broken")
    assert _choice(SMALL) == ("torch", compiled.REASON_NO_NUMBA)


def test_auto_does_not_wait_for_a_background_compilation(monkeypatch):
    monkeypatch.setattr(compiled, "warming_up", lambda: True)
    assert _choice(SMALL) == ("torch", compiled.REASON_COMPILING)
    assert _choice(SMALL, engine="compiled") == ("compiled", compiled.REASON_CHOSEN)


def test_torch_chosen_is_always_honoured():
    assert _choice(SMALL, engine="torch") == ("torch", compiled.REASON_TORCH_CHOSEN)
    assert _choice(SMALL, engine="torch", dropout=[0.5]) == ("torch", compiled.REASON_TORCH_CHOSEN)


def test_compiled_chosen_is_honoured_when_possible():
    assert _choice(SMALL, engine="compiled") == ("compiled", compiled.REASON_CHOSEN)


@pytest.mark.parametrize(
    "net,changes,words",
    [
        (SMALL, dict(dropout=[0.2]), "dropout"),
        (SMALL, dict(device="cuda"), "CPU"),
        (BIG, dict(), "5,000 parameters; this one has 7,510"),
    ],
)
def test_compiled_chosen_but_impossible_is_a_clear_user_error(net, changes, words):
    with pytest.raises(UserError, match=words) as info:
        _choice(net, engine="compiled", **changes)
    message = str(info.value)
    assert "\n" not in message and message.endswith(".")


def test_zero_dropout_does_not_need_torch():
    assert _choice(SMALL, dropout=[0.0, 0.0])[0] == "compiled"


# ---------------------------------------------------------------- compiling
def test_kernels_release_the_gil_and_cache_to_disk():
    k = compiled.kernels()
    for fn in (k.train_batches, k.train_epochs, k._forward_block, k._evaluate):
        assert fn.targetoptions.get("nogil") is True
        assert fn._cache is not None and type(fn._cache).__name__ != "NullCache"


def test_warm_up_in_background_fills_the_cache_in_the_users_folder(tmp_path):
    # A fresh process, so that numba reads the cache folder nnviz chooses.
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["NNVIZ_CACHE_DIR"] = str(tmp_path)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    script = (
        "from nnviz.core.training import compiled\n"
        "t = compiled.warm_up_in_background()\n"
        "assert not compiled.kernels_ready() or not t.is_alive()\n"
        "t.join(300)\n"
        "assert compiled.kernels_ready()\n"
        "assert compiled.warm_up_in_background() is t\n"
        "import os; print(os.environ['NUMBA_CACHE_DIR'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()) == tmp_path / "numba"
    cached = {p.suffix for p in (tmp_path / "numba").rglob("*")}
    assert {".nbi", ".nbc"} <= cached


def test_a_users_numba_cache_setting_wins(tmp_path):
    env = dict(
        os.environ, NUMBA_CACHE_DIR=str(tmp_path / "mine"), NNVIZ_CACHE_DIR=str(tmp_path / "nn")
    )
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    script = "import nnviz.core.training._kernels, os; print(os.environ['NUMBA_CACHE_DIR'])"
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(tmp_path / "mine")


# ---------------------------------------------------------------- several epochs a call
@pytest.mark.parametrize("eval_train", [True, False])
def test_run_epochs_equals_epoch_by_epoch(eval_train):
    ds = _spiral()
    net = Network.initialised([2, 8, 8, 1], "tanh", seed=2)
    cfg = TrainingConfig(
        lr=0.05, batch_size=7, optimizer="adam", l2=0.01, l1=0.002, eval_train=eval_train
    )
    data = prepare_data(net, ds)
    rng = np.random.default_rng(3)
    orders = np.stack([rng.permutation(len(data.x_train)) for _ in range(5)])
    one = CompiledEngine(net.copy(), data, cfg, "cpu")
    rows = []
    for order in orders:
        one.set_order(order)
        pos = 0
        while pos < len(order):
            pos = one.run_batches(pos, 4, 7)
        train = one.evaluate("train") if eval_train else (math.nan, math.nan)
        w, _ = one.get_parameters()
        rows.append([*train, *one.evaluate("val"), one.epoch_error(), penalty(w, cfg.l2, cfg.l1)])
    many = CompiledEngine(net.copy(), data, cfg, "cpu")
    metrics, diverged = many.run_epochs(orders, 7)
    assert not diverged
    np.testing.assert_allclose(metrics, np.array(rows), rtol=1e-12, atol=1e-15)
    (w1, b1), (w2, b2) = one.get_parameters(), many.get_parameters()
    for a, b in zip(w1 + b1, w2 + b2, strict=True):
        np.testing.assert_array_equal(a, b)
    assert 1 <= many.epochs_per_call(7) <= 1000


def test_run_epochs_stops_before_a_diverging_epoch():
    ds = _spiral()
    net = Network.initialised([2, 8, 1], ["relu", "identity"], seed=0)
    cfg = TrainingConfig(lr=50.0, batch_size=10)
    engine = CompiledEngine(net, prepare_data(net, ds), cfg, "cpu")
    orders = np.stack([np.arange(len(engine.data.x_train))] * 20)
    metrics, diverged = engine.run_epochs(orders, 10)
    assert diverged and len(metrics) < 20
    assert np.all(np.isfinite(metrics[:, 0]))
    weights, biases = engine.get_parameters()
    assert all(np.all(np.isfinite(a)) for a in (*weights, *biases))


@pytest.mark.parametrize(
    "changes",
    [
        dict(batch_size=0, val_fraction=0.0),  # full batch, no validation set
        dict(batch_size=1000, shuffle=False),  # a batch bigger than the data
        dict(batch_size=3, loss="cross_entropy"),  # sigmoid output: binary cross-entropy
    ],
)
def test_odd_batches_match_torch(changes):
    ds = datasets.make({"kind": "moons", "n": 60, "noise": 0.1, "seed": 4})
    net = Network.initialised([2, 5, 1], ["tanh", "sigmoid"], seed=1)
    params = {}
    for engine in ("torch", "compiled"):
        base = TrainingConfig(lr=0.3, epochs=6, engine=engine, dtype="float64", device="cpu")
        trainer = Trainer(net.copy(), ds, base.replace(**changes))
        trainer.run()
        params[engine] = trainer.parameters()
        trainer.close()
    (tw, tb), (cw, cb) = params["torch"], params["compiled"]
    for a, b in zip(tw + tb, cw + cb, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)


def test_batch_size_changed_while_training_matches_torch():
    ds = _spiral()
    net = Network.initialised([2, 6, 6, 1], "tanh", seed=7)
    params = {}
    for engine in ("torch", "compiled"):
        cfg = TrainingConfig(lr=0.05, batch_size=8, epochs=2, engine=engine, dtype="float64")
        trainer = Trainer(net.copy(), ds, cfg)
        trainer.run(max_epochs=1)
        trainer.set_batch_size(33)
        trainer.set_lr(0.02)
        trainer.run(max_epochs=2)
        params[engine] = trainer.parameters()
        trainer.close()
    (tw, tb), (cw, cb) = params["torch"], params["compiled"]
    for a, b in zip(tw + tb, cw + cb, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
