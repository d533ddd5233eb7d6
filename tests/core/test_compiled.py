"""The compiled and NumPy engines compute what torch computes.

The reference here is plain torch autograd in float64, written from the math
in :mod:`nnviz.core.training.engine`'s docstring, not the torch engine; a second set
of tests runs the whole :class:`Trainer` with the engines side by side. The
engine choice is tested in ``test_engine_choice.py``, the kernel's cache in
``test_compiled_cache.py``, the hand-over during warm-up in ``test_handover.py``.
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
from nnviz.core.lessons import load_lesson
from nnviz.core.model.network import Network
from nnviz.core.training import compiled
from nnviz.core.training.compiled import CompiledEngine
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import penalty
from nnviz.core.training.numpy_engine import NumpyEngine
from nnviz.core.training.problem import prepare_data
from nnviz.core.training.trainer import Trainer

#: the CPU engines checked against torch, by their class
CPU_ENGINES = {"compiled": CompiledEngine, "numpy": NumpyEngine}

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


@pytest.mark.parametrize("engine_name", CPU_ENGINES)
@pytest.mark.parametrize("layers,acts,changes", CASES)
def test_100_updates_equal_torch_autograd(layers, acts, changes, engine_name):
    net, ds = _problem(layers, acts)
    cfg = TrainingConfig(batch_size=7, **changes).validate()
    data = prepare_data(net, ds)
    engine = CPU_ENGINES[engine_name](net, data, cfg, "cpu")
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
def test_trainer_with_any_engine_gives_the_same_run(changes):
    ds = _spiral()
    net = Network.initialised([2, 8, 8, 1], "tanh", seed=3)
    runs = {}
    for engine in ("torch", "compiled", "numpy"):
        cfg = TrainingConfig(
            lr=0.03, batch_size=10, epochs=4, engine=engine, dtype="float64", device="cpu"
        )
        trainer = Trainer(net.copy(), ds, cfg.replace(**changes))
        assert trainer.engine_name == engine
        result = trainer.run()
        runs[engine] = (trainer.parameters(), trainer.history, result.status, trainer.best_epoch)
        trainer.close()
    (tw, tb), t_hist, t_status, t_best = runs["torch"]
    for engine in ("compiled", "numpy"):
        (cw, cb), c_hist, c_status, c_best = runs[engine]
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
        NumpyEngine(net.copy(), data, cfg, "cpu"),
    ]
    order = np.random.default_rng(0).permutation(len(data.x_train))
    for e in engines:
        e.set_order(order)
        pos = e.run_batches(0, 3, 16)
        e.set_hyper(lr=0.05, momentum=0.9, l2=0.1, l1=0.02)
        pos = e.run_batches(pos, 4, 5)
        e.reset_optimizer()
        e.run_batches(pos, 5, 8)
    w0, b0 = engines[0].get_parameters()
    for other in engines[1:]:
        w1, b1 = other.get_parameters()
        for a, b in zip(w0 + b0, w1 + b1, strict=True):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
        assert engines[0].epoch_error() == pytest.approx(other.epoch_error(), rel=1e-12)


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


@pytest.mark.parametrize("engine", CPU_ENGINES)
def test_divergence_keeps_the_last_finite_weights(engine):
    ds = _spiral()
    net = Network.initialised([2, 8, 1], ["relu", "identity"], seed=0)
    cfg = TrainingConfig(lr=1e4, batch_size=10, epochs=5, engine=engine)
    trainer = Trainer(net, ds, cfg)
    result = trainer.run()
    assert result.status == "diverged"
    assert "smaller learning rate" in result.message
    weights, biases = trainer.parameters()
    assert all(np.all(np.isfinite(a)) for a in (*weights, *biases))


def test_spiral_lesson_learns_with_the_compiled_engine():
    compiled.warm_up()  # auto takes the compiled engine once its kernel is ready
    lesson = load_lesson("spiral")
    cfg = TrainingConfig.from_dict(lesson.training)
    trainer = Trainer(lesson.network, lesson.dataset(), cfg)
    assert (trainer.engine_name, trainer.engine_reason) == ("compiled", compiled.REASON_AUTO)
    trainer.run()
    assert trainer.history[-1].val_acc >= 0.95


# ---------------------------------------------------------------- compiling
def test_the_kernel_releases_the_gil_and_caches_to_disk():
    k = compiled.kernels()
    assert k.run.targetoptions.get("nogil") is True
    assert k.run._cache is not None and type(k.run._cache).__name__ != "NullCache"
    # its flags and metric columns, as the engine spells them without importing numba
    assert (compiled._EVAL_TRAIN, compiled._EVAL_VAL, compiled._GUARD, compiled._EVAL_ONLY) == (
        k.EVAL_TRAIN, k.EVAL_VAL, k.GUARD, k.EVAL_ONLY,
    )  # fmt: skip
    assert (compiled._N_METRICS, compiled._LANES) == (k.N_METRICS, k.LANES)


_MATHS: list = []


def _kernel_maths():
    """A jitted function applying the kernel's tanh, sigmoid and exp, built once and
    kept (a jitted closure that dies leaves a dead weak proxy behind, which trips
    the GUI tests' search for threads among all objects)."""
    if not _MATHS:
        from numba import njit

        k = compiled.kernels()

        @njit
        def apply(x, out):
            for i in range(x.shape[0]):
                out[0, i] = k._tanh(x[i])
                out[1, i] = k._sigmoid(x[i])
                out[2, i] = k._exp_nonpositive(-abs(x[i]))

        _MATHS.append(apply)
    return _MATHS[0]


def test_tanh_sigmoid_and_exp_are_accurate_to_a_few_ulp():
    """The kernel's own tanh, sigmoid and exp (vectorisable, no division) against libm."""
    apply = _kernel_maths()
    x = np.concatenate([np.linspace(-30, 30, 20001), np.geomspace(1e-12, 1.0, 500)])
    x = np.concatenate([x, -x, [0.0]])
    out = np.empty((3, len(x)))
    apply(x, out)
    np.testing.assert_allclose(out[0], np.tanh(x), rtol=1e-15, atol=1e-300)
    np.testing.assert_allclose(out[1], 1.0 / (1.0 + np.exp(-x)), rtol=1e-15, atol=1e-300)
    np.testing.assert_allclose(out[2], np.exp(-np.abs(x)), rtol=1e-15, atol=1e-300)
    apply(np.array([np.nan, np.inf, -np.inf]), out[:, :3])
    assert np.isnan(out[0, 0]) and out[0, 1] == 1.0 and out[0, 2] == -1.0
    assert np.isnan(out[1, 0]) and out[1, 1] == 1.0 and 0.0 <= out[1, 2] < 1e-300


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
@pytest.mark.parametrize("engine", CPU_ENGINES)
@pytest.mark.parametrize("eval_train", [True, False])
def test_run_epochs_equals_epoch_by_epoch(eval_train, engine):
    ds = _spiral()
    net = Network.initialised([2, 8, 8, 1], "tanh", seed=2)
    cfg = TrainingConfig(
        lr=0.05, batch_size=7, optimizer="adam", l2=0.01, l1=0.002, eval_train=eval_train
    )
    data = prepare_data(net, ds)
    rng = np.random.default_rng(3)
    orders = np.stack([rng.permutation(len(data.x_train)) for _ in range(5)])
    one = CPU_ENGINES[engine](net.copy(), data, cfg, "cpu")
    rows = []
    for order in orders:
        one.set_order(order)
        pos = 0
        while pos < len(order):
            pos = one.run_batches(pos, 4, 7)
        train = one.evaluate("train") if eval_train else (math.nan, math.nan)
        w, _ = one.get_parameters()
        rows.append([*train, *one.evaluate("val"), one.epoch_error(), penalty(w, cfg.l2, cfg.l1)])
    many = CPU_ENGINES[engine](net.copy(), data, cfg, "cpu")
    metrics, diverged = many.run_epochs(orders, 7)
    assert not diverged
    np.testing.assert_allclose(metrics, np.array(rows), rtol=1e-12, atol=1e-15)
    (w1, b1), (w2, b2) = one.get_parameters(), many.get_parameters()
    for a, b in zip(w1 + b1, w2 + b2, strict=True):
        np.testing.assert_array_equal(a, b)
    assert 1 <= many.epochs_per_call(7) <= 1000


@pytest.mark.parametrize("engine", CPU_ENGINES)
def test_run_epochs_stops_before_a_diverging_epoch(engine):
    ds = _spiral()
    net = Network.initialised([2, 8, 1], ["relu", "identity"], seed=0)
    cfg = TrainingConfig(lr=50.0, batch_size=10)
    e = CPU_ENGINES[engine](net, prepare_data(net, ds), cfg, "cpu")
    orders = np.stack([np.arange(len(prepare_data(net, ds).x_train))] * 20)
    metrics, diverged = e.run_epochs(orders, 10)
    assert diverged and len(metrics) < 20
    assert np.all(np.isfinite(metrics[:, 0]))
    weights, biases = e.get_parameters()
    assert all(np.all(np.isfinite(a)) for a in (*weights, *biases))


def test_evaluation_between_epochs_matches_a_fresh_evaluation():
    """What the kernel evaluates at an epoch's end (fused into the training call)
    equals an evaluation of its own afterwards, and the NumPy engine's."""
    net = Network.initialised([2, 6, 3], ["tanh", "softmax"], seed=4)
    ds3 = datasets.make(
        {"kind": "gaussian", "n": 150, "classes": 3, "seed": 2, "val_fraction": 0.3}
    )
    cfg = TrainingConfig(loss="cross_entropy", lr=0.1, batch_size=16)
    data = prepare_data(net, ds3)
    fast = CompiledEngine(net.copy(), data, cfg, "cpu")
    ref = NumpyEngine(net.copy(), data, cfg, "cpu")
    order = np.random.default_rng(1).permutation(len(data.x_train))
    for e in (fast, ref):
        e.set_order(order)
        e.run_batches(0, 1000, 16)
    for part in ("train", "val"):
        fused = fast.evaluate(part)
        fast.set_parameters(*fast.get_parameters())  # forget the fused figures
        assert fast.evaluate(part) == pytest.approx(fused, rel=1e-13)
        assert ref.evaluate(part) == pytest.approx(fused, rel=1e-12)


@pytest.mark.parametrize(
    "changes",
    [
        dict(batch_size=0, val_fraction=0.0),  # full batch, no validation set
        dict(batch_size=1000, shuffle=False),  # a batch bigger than the data
        dict(batch_size=3, loss="cross_entropy"),  # sigmoid output: binary cross-entropy
        dict(batch_size=17, momentum=0.9),  # blocks wider than one vector, a ragged last batch
    ],
)
def test_odd_batches_match_torch(changes):
    ds = datasets.make({"kind": "moons", "n": 60, "noise": 0.1, "seed": 4})
    net = Network.initialised([2, 5, 1], ["tanh", "sigmoid"], seed=1)
    params = {}
    for engine in ("torch", "compiled", "numpy"):
        base = TrainingConfig(lr=0.3, epochs=6, engine=engine, dtype="float64", device="cpu")
        trainer = Trainer(net.copy(), ds, base.replace(**changes))
        trainer.run()
        params[engine] = trainer.parameters()
        trainer.close()
    tw, tb = params["torch"]
    for engine in ("compiled", "numpy"):
        cw, cb = params[engine]
        for a, b in zip(tw + tb, cw + cb, strict=True):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)


def test_batch_size_changed_while_training_matches_torch():
    ds = _spiral()
    net = Network.initialised([2, 6, 6, 1], "tanh", seed=7)
    params = {}
    for engine in ("torch", "compiled", "numpy"):
        cfg = TrainingConfig(lr=0.05, batch_size=8, epochs=2, engine=engine, dtype="float64")
        trainer = Trainer(net.copy(), ds, cfg)
        trainer.run(max_epochs=1)
        trainer.set_batch_size(33)
        trainer.set_lr(0.02)
        trainer.run(max_epochs=2)
        params[engine] = trainer.parameters()
        trainer.close()
    tw, tb = params["torch"]
    for engine in ("compiled", "numpy"):
        cw, cb = params[engine]
        for a, b in zip(tw + tb, cw + cb, strict=True):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
