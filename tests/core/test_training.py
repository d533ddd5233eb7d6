"""The trainer: learning, the exact update rules, regularization, early stopping, divergence."""

from __future__ import annotations

import math
import threading
import time

import numpy as np
import pytest

from nnviz.core.data import datasets
from nnviz.core.data.dataset import Dataset, from_points
from nnviz.core.errors import UserError
from nnviz.core.lessons import load_lesson
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import penalty
from nnviz.core.training.problem import check_problem
from nnviz.core.training.records import Diverged
from nnviz.core.training.trainer import Trainer

XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]]
XOR_Y = [0, 1, 1, 0]


def xor_data() -> Dataset:
    return from_points(XOR_X, XOR_Y, name="xor")


def engines() -> list[str]:
    """torch and NumPy always; the compiled engine when it can take a small sigmoid network."""
    names = ["torch", "numpy"]
    net = Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=0)
    try:
        t = Trainer(net, xor_data(), TrainingConfig(engine="compiled", val_fraction=0.0))
    except (UserError, ImportError):
        return names
    if t.engine_name == "compiled":
        names.append("compiled")
    t.close()
    return names


ENGINES = engines()


# ------------------------------------------------------------------ learning
@pytest.mark.parametrize("engine", ENGINES)
def test_loss_falls_on_xor(engine):
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=1)
    cfg = TrainingConfig(lr=0.5, momentum=0.9, batch_size=4, epochs=400, val_fraction=0.0, engine=engine)
    trainer = Trainer(net, xor_data(), cfg)
    result = trainer.run()
    first, last = trainer.history[0], trainer.history[-1]
    assert result.status == "completed"
    assert trainer.engine_name == engine
    assert last.train_loss < 0.1 * first.train_loss
    assert last.train_acc == 1.0
    assert math.isnan(last.val_loss)
    # the trained network, run by the numpy forward pass, solves XOR
    out = trainer.network().predict(np.array(XOR_X, dtype=float))[:, 0]
    assert np.array_equal(out > 0.5, np.array(XOR_Y, dtype=bool))


@pytest.mark.parametrize("engine", ENGINES)
def test_spiral_lesson_defaults_reach_95_percent(engine):
    lesson = load_lesson("spiral")
    cfg = TrainingConfig.from_dict(lesson.training).replace(engine=engine)
    trainer = Trainer(lesson.network, lesson.dataset(), cfg)
    trainer.run()
    h = trainer.history
    assert h[-1].train_loss < 0.5 * h[0].train_loss
    assert h[-1].val_acc >= 0.95


def test_digits_lesson_defaults_reach_95_percent():
    lesson = load_lesson("digits")
    trainer = Trainer(lesson.network, lesson.dataset(), TrainingConfig.from_dict(lesson.training))
    result = trainer.run()
    assert result.snapshot.val_acc >= 0.95
    assert len(trainer.data.x_val) == 359


def test_the_callers_network_is_not_changed():
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=1)
    before = [w.copy() for w in net.weights]
    trainer = Trainer(net, xor_data(), TrainingConfig(epochs=5, val_fraction=0.0, engine="torch", dtype="float64"))
    trainer.run()
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights, strict=True))
    assert not np.array_equal(trainer.network().weights[0], before[0])


# ------------------------------------------------------- the exact math (numpy)
def _numpy_grads(net, x, d, l2=0.0, l1=0.0):
    """Gradient of J = mean_b ½‖d − y‖² + l2·½Σω² + l1·Σ|ω| for a 2-layer sigmoid/tanh net."""
    w0, w1 = net.weights
    b0, b1 = net.biases
    h = np.tanh(x @ w0 + b0)
    y = 1.0 / (1.0 + np.exp(-(h @ w1 + b1)))
    n = len(x)
    delta2 = (y - d) * y * (1.0 - y) / n
    delta1 = (delta2 @ w1.T) * (1.0 - h * h)
    gw = [x.T @ delta1, h.T @ delta2]
    gb = [delta1.sum(0), delta2.sum(0)]
    gw = [g + l2 * w + l1 * np.sign(w) for g, w in zip(gw, (w0, w1), strict=True)]
    return gw, gb


def _problem():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(12, 3))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)
    ds = Dataset(x, y, n_classes=2)
    net = Network.initialised([3, 4, 1], ["tanh", "sigmoid"], seed=3)
    net.biases = [rng.normal(size=4) * 0.3, rng.normal(size=1) * 0.3]
    return net, ds


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "optimizer,momentum,l2,l1",
    [("sgd", 0.0, 0.0, 0.0), ("sgd", 0.9, 0.05, 0.0), ("sgd", 0.5, 0.0, 0.02), ("adam", 0.0, 0.03, 0.01)],
)
def test_updates_follow_the_documented_rules(engine, optimizer, momentum, l2, l1):
    """Full-batch steps from known weights equal a numpy implementation of the docstring."""
    net, ds = _problem()
    lr, steps = 0.3 if optimizer == "sgd" else 0.05, 4
    cfg = TrainingConfig(
        loss="mse", optimizer=optimizer, lr=lr, momentum=momentum, l2=l2, l1=l1, batch_size=0,
        epochs=steps, val_fraction=0.0, engine=engine, dtype="float64", shuffle=False,
    )
    trainer = Trainer(net, ds, cfg)
    for _ in range(steps):
        trainer.step_epoch()
    got_w, got_b = trainer.parameters()

    ref = net.copy()
    d = ds.y[:, None].astype(float)
    params = [*ref.weights, *ref.biases]
    v = [np.zeros_like(p) for p in params]
    s = [np.zeros_like(p) for p in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        gw, gb = _numpy_grads(ref, ds.x, d, l2, l1)
        grads = [*gw, *gb]
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            if optimizer == "sgd":
                v[i] = momentum * v[i] + g
                p -= lr * v[i]
            else:
                v[i] = b1 * v[i] + (1 - b1) * g
                s[i] = b2 * s[i] + (1 - b2) * g * g
                p -= lr * (v[i] / (1 - b1**t)) / (np.sqrt(s[i] / (1 - b2**t)) + eps)
    for a, b in zip([*got_w, *got_b], params, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
    assert trainer.updates == steps


def test_reported_losses_are_the_mean_error_and_penalty():
    net, ds = _problem()
    cfg = TrainingConfig(lr=0.1, l2=0.2, l1=0.1, batch_size=5, epochs=1, val_fraction=0.25,
                         engine="torch", dtype="float64")
    trainer = Trainer(net, ds, cfg)
    m = trainer.step_epoch()
    trained = trainer.network()
    for part, loss, acc in (("train", m.train_loss, m.train_acc), ("val", m.val_loss, m.val_acc)):
        idx = getattr(trainer.dataset, f"{part}_idx")
        y = trained.predict(ds.x[idx])
        d = ds.y[idx][:, None]
        assert loss == pytest.approx(np.mean(0.5 * np.sum((d - y) ** 2, axis=1)), abs=1e-12)
        assert acc == pytest.approx(np.mean((y[:, 0] > 0.5) == ds.y[idx]))
    expected = 0.2 * 0.5 * sum(np.sum(w**2) for w in trained.weights) + 0.1 * sum(
        np.sum(np.abs(w)) for w in trained.weights
    )
    assert m.penalty == pytest.approx(expected)
    assert penalty(trained.weights, 0.2, 0.1) == pytest.approx(expected)
    # 9 training samples in batches of 5: two updates, the last one of 4 samples
    assert m.updates == 2


def test_without_eval_train_the_train_loss_is_the_mean_batch_error():
    net, ds = _problem()
    cfg = TrainingConfig(lr=0.0001, batch_size=4, epochs=1, val_fraction=0.0, engine="torch",
                         dtype="float64", shuffle=False, eval_train=False)
    trainer = Trainer(net, ds, cfg)
    m = trainer.step_epoch()
    assert math.isnan(m.train_acc)
    # three batches of four; with a tiny η the weights barely move between them
    y = net.predict(ds.x)[:, 0]
    assert m.train_loss == pytest.approx(np.mean(0.5 * (ds.y - y) ** 2), rel=1e-3)


def test_cross_entropy_matches_its_definition():
    ds = datasets.gaussian(n=60, noise=0.2, seed=1)
    net = Network.initialised([2, 5, 3], ["relu", "softmax"], seed=2)
    cfg = TrainingConfig(loss="cross_entropy", epochs=1, engine="torch", dtype="float64", val_fraction=0.0)
    trainer = Trainer(net, ds, cfg)
    loss, acc = trainer.engine.evaluate("train")
    p = net.predict(ds.x[trainer.dataset.train_idx])
    labels = ds.y[trainer.dataset.train_idx]
    assert loss == pytest.approx(-np.mean(np.log(p[np.arange(len(p)), labels])), rel=1e-12)
    assert acc == pytest.approx(np.mean(np.argmax(p, axis=1) == labels))


# ----------------------------------------------------------- regularization
def test_l2_shrinks_weights():
    ds = datasets.moons(n=100, noise=0.2, seed=0)
    net = Network.initialised([2, 16, 1], ["tanh", "sigmoid"], seed=0)

    def norm(l2: float) -> float:
        cfg = TrainingConfig(optimizer="adam", lr=0.02, l2=l2, epochs=60, batch_size=10, engine="torch")
        trainer = Trainer(net, ds, cfg)
        trainer.run()
        return float(sum(np.sum(w**2) for w in trainer.network().weights))

    assert norm(0.05) < 0.5 * norm(0.0)


def test_l1_drives_weights_to_zero():
    ds = datasets.blobs(n=100, noise=0.2, seed=0)
    net = Network.initialised([2, 8, 1], ["tanh", "sigmoid"], seed=0)

    def weights(l1: float) -> np.ndarray:
        cfg = TrainingConfig(optimizer="sgd", lr=0.5, l1=l1, epochs=200, batch_size=0, engine="torch")
        trainer = Trainer(net, ds, cfg)
        trainer.run()
        assert trainer.history[-1].train_acc == 1.0
        return np.concatenate([w.ravel() for w in trainer.network().weights])

    plain, sparse = weights(0.0), weights(0.02)
    assert np.sum(np.abs(plain) < 0.02) == 0
    assert np.sum(np.abs(sparse) < 0.02) >= 12  # of 24: most weights pushed to about 0


def test_dropout_only_while_training():
    import torch

    ds = datasets.moons(n=200, noise=0.1, seed=0)
    net = Network.initialised([2, 32, 32, 1], ["relu", "relu", "sigmoid"], seed=0)
    cfg = TrainingConfig(dropout=[0.5, 0.5], engine="torch", dtype="float64", epochs=3)
    trainer = Trainer(net, ds, cfg)
    eng = trainer.engine
    x = torch.as_tensor(ds.x, dtype=torch.float64)
    with torch.no_grad():
        train1 = eng._forward(x, train=True)[1].numpy()
        train2 = eng._forward(x, train=True)[1].numpy()
        eval1 = eng._forward(x, train=False)[1].numpy()
    assert not np.allclose(train1, train2)
    np.testing.assert_allclose(eval1, net.predict(ds.x), atol=1e-12)
    # the reported metrics are evaluated without dropout: the same every time
    assert eng.evaluate("val") == eng.evaluate("val")
    assert eng.evaluate("train")[0] == pytest.approx(
        np.mean(0.5 * (ds.y[trainer.dataset.train_idx] - net.predict(ds.x[trainer.dataset.train_idx])[:, 0]) ** 2)
    )
    # about half the hidden units are dropped in training, scaled by 1/(1-p)
    w0, b0 = net.weights[0], net.biases[0]
    h = np.maximum(ds.x @ w0 + b0, 0.0)
    with torch.no_grad():
        eng.dropout = [0.5, 0.0]
        a = torch.addmm(eng.biases[0], x, eng.weights[0])
        hd = torch.relu(a)
        keep = torch.rand(hd.shape, generator=eng._gen, dtype=hd.dtype) >= 0.5
    assert 0.4 < keep.double().mean().item() < 0.6
    assert np.allclose(hd.numpy(), h)


def test_dropout_needs_one_probability_per_hidden_layer():
    net = Network.initialised([2, 4, 4, 1], ["tanh", "tanh", "sigmoid"], seed=0)
    with pytest.raises(UserError, match="one probability per hidden layer"):
        Trainer(net, datasets.xor(n=40), TrainingConfig(dropout=[0.1, 0.2, 0.3]))
    t = Trainer(net, datasets.xor(n=40), TrainingConfig(dropout=[0.2], engine="torch"))
    assert t.engine.dropout == [0.2, 0.2]


# ------------------------------------------------------------ early stopping
def test_early_stopping_stops_and_restores_the_best_weights():
    lesson = load_lesson("overfitting")
    cfg = TrainingConfig.from_dict(lesson.training).replace(engine="torch", patience=40)
    trainer = Trainer(lesson.network, lesson.dataset(), cfg)
    result = trainer.run()
    assert result.status == "early_stopping"
    assert result.snapshot.stopped_early and result.snapshot.final
    h = trainer.history
    best = min(h, key=lambda m: m.val_loss)
    assert trainer.best_epoch == best.epoch
    assert trainer.epoch == best.epoch + 40 < cfg.epochs
    # validation rose while training kept falling: memorization
    assert h[-1].val_loss > best.val_loss and h[-1].train_loss < best.train_loss
    # the weights now are the best epoch's: their validation loss is the best one
    assert trainer.engine.evaluate("val")[0] == pytest.approx(best.val_loss, rel=1e-6)
    assert "best epoch" in result.message


def test_early_stopping_without_restore_keeps_the_last_weights():
    lesson = load_lesson("overfitting")
    cfg = TrainingConfig.from_dict(lesson.training).replace(engine="torch", patience=30, restore_best=False)
    trainer = Trainer(lesson.network, lesson.dataset(), cfg)
    trainer.run()
    assert trainer.stopped_early
    assert trainer.engine.evaluate("val")[0] == pytest.approx(trainer.history[-1].val_loss, rel=1e-6)


def test_min_delta_counts_small_gains_as_no_improvement():
    ds = datasets.blobs(n=100, noise=0.2, seed=0)
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=0)
    cfg = TrainingConfig(lr=0.001, epochs=500, early_stopping=True, patience=5, min_delta=1.0, engine="torch")
    trainer = Trainer(net, ds, cfg)
    result = trainer.run()
    assert result.status == "early_stopping"
    assert trainer.epoch == 6 and trainer.best_epoch == 1


# ---------------------------------------------------------------- divergence
def _diverging() -> Trainer:
    ds = datasets.blobs(n=100, noise=0.3, seed=0)
    net = Network.initialised([2, 8, 1], ["relu", "identity"], seed=0)
    cfg = TrainingConfig(loss="mse", optimizer="sgd", lr=50.0, batch_size=10, epochs=50, engine="torch")
    return Trainer(net, ds, cfg)


def test_divergence_stops_with_a_message_and_keeps_finite_weights():
    trainer = _diverging()
    start = trainer.parameters()
    seen = []
    result = trainer.run(seen.append)
    assert result.status == "diverged" and result.diverged
    assert "smaller learning rate" in result.message and "50" in result.message
    w, b = trainer.parameters()
    assert all(np.all(np.isfinite(a)) for a in (*w, *b))
    # the weights kept are those of the last finite epoch (or the start)
    if trainer.history:
        assert np.array_equal(w[0], seen[-2].weights[0] if len(seen) > 1 else start[0][0])
    else:
        assert np.array_equal(w[0], start[0][0])
    assert seen[-1].final and seen[-1].status == "diverged"


def test_step_epoch_raises_diverged_with_exit_code_3():
    trainer = _diverging()
    with pytest.raises(Diverged) as info:
        for _ in range(50):
            trainer.step_epoch()
    assert info.value.exit_code == 3


# ------------------------------------------------------ control and reports
def test_callback_false_stops_and_snapshots_are_throttled():
    ds = datasets.circles(n=100, seed=0)
    net = Network.initialised([2, 6, 1], ["tanh", "sigmoid"], seed=0)
    trainer = Trainer(net, ds, TrainingConfig(epochs=100, engine="torch"))
    snaps = []
    result = trainer.run(lambda s: snaps.append(s) or len(snaps) < 3)
    assert result.status == "stopped"
    assert [s.epoch for s in snaps] == [1, 2, 3, 3]
    assert snaps[-1].final and not snaps[0].final
    # a long interval: every epoch still reaches the caller through ``history``
    trainer2 = Trainer(net, ds, TrainingConfig(epochs=20, engine="torch"))
    snaps2 = []
    trainer2.run(snaps2.append, snapshot_interval=3600)
    assert [m.epoch for s in snaps2 for m in s.history] == list(range(1, 21))
    assert len(snaps2) == 2


def test_long_epochs_report_between_batches():
    ds = datasets.digits()
    net = Network.initialised([64, 32, 10], ["relu", "softmax"], seed=0)
    cfg = TrainingConfig(loss="cross_entropy", batch_size=1, epochs=1, engine="torch")
    trainer = Trainer(net, ds, cfg)
    snaps = []
    result = trainer.run(lambda s: snaps.append(s) or len(snaps) < 4, snapshot_interval=0.02)
    # one epoch is 1,437 single-sample updates: the snapshots come from inside it
    assert result.status == "stopped" and trainer.epoch == 0
    updates = [s.updates for s in snaps]
    assert updates == sorted(updates) and 0 < updates[0] < updates[2] < 1437
    assert all(s.metrics is None and s.history == [] for s in snaps)
    assert not np.array_equal(snaps[0].weights[0], snaps[2].weights[0])


def test_snapshot_holds_copies_and_the_probe_activations():
    ds = datasets.spiral(n=100, seed=0)
    net = Network.initialised([2, 5, 3, 1], ["tanh", "relu", "sigmoid"], seed=0)
    trainer = Trainer(net, ds, TrainingConfig(epochs=2, engine="torch"))
    trainer.set_probe(7)
    snap = trainer.run().snapshot
    expected = trainer.network().forward(ds.x[7])
    assert snap.probe_index == 7
    assert [p.shape for p in snap.probe] == [(2,), (5,), (3,), (1,)]
    for a, b in zip(snap.probe, expected, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)
    snap.weights[0][:] = 99.0
    assert not np.any(trainer.parameters()[0][0] == 99.0)
    assert snap.engine == "torch" and snap.device == "cpu" and snap.engine_reason


@pytest.mark.parametrize("val_fraction", [0.25, 0.0])
def test_torch_snapshots_count_the_confusion_matrix_of_the_last_evaluation(val_fraction):
    ds = datasets.gaussian(n=240, noise=0.5, seed=1, classes=3)
    net = Network.initialised([2, 6, 3], ["tanh", "softmax"], seed=0)
    cfg = TrainingConfig(
        epochs=3, engine="torch", dtype="float64", loss="cross_entropy", val_fraction=val_fraction
    )
    trainer = Trainer(net, ds, cfg)
    snap = trainer.run().snapshot
    part = trainer.dataset.val_idx if val_fraction else trainer.dataset.train_idx
    # an independent count: numpy's forward pass with the snapshot's weights
    pred = np.argmax(trainer.network().forward(ds.x[part])[-1], axis=1)
    expected = np.zeros((3, 3), dtype=np.int64)
    for t, p in zip(ds.y[part], pred, strict=True):
        expected[t, p] += 1
    assert snap.confusion_part == ("val" if val_fraction else "train")
    np.testing.assert_array_equal(snap.confusion, expected)
    assert np.trace(snap.confusion) / len(part) == pytest.approx(
        snap.val_acc if val_fraction else snap.train_acc
    )


def test_no_confusion_matrix_for_regression_or_before_the_first_epoch():
    x = np.linspace(-1, 1, 40)[:, None]
    ds = Dataset(x, np.zeros(40, dtype=np.int64), 1, "line")
    trainer = Trainer(Network.initialised([1, 3, 1], ["tanh", "identity"], seed=0), ds,
                      TrainingConfig(epochs=1, engine="torch", val_fraction=0.0))
    assert trainer.snapshot().confusion is None
    assert trainer.run().snapshot.confusion is None


def test_live_settings_apply_at_the_next_batch():
    ds = datasets.blobs(n=100, seed=0)  # 80 training samples
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=0)
    trainer = Trainer(net, ds, TrainingConfig(batch_size=10, epochs=10, engine="torch"))
    m1 = trainer.step_epoch()
    trainer.set_lr(0.01)
    trainer.set_batch_size(40)
    trainer.set_regularization(l2=0.5, l1=0.1)
    m2 = trainer.step_epoch()
    assert (m1.updates, m1.lr, m1.batch_size) == (8, 0.1, 10)
    assert (m2.updates - m1.updates, m2.lr, m2.batch_size) == (2, 0.01, 40)
    assert trainer.engine.opt.param_groups[0]["weight_decay"] == 0.5
    assert m2.penalty > 0
    trainer.set_batch_size(0)  # full batch
    assert trainer.step_epoch().updates - m2.updates == 1
    with pytest.raises(UserError):
        trainer.set_lr(-1.0)


def test_request_stop_and_pause_from_another_thread():
    ds = datasets.digits()
    net = Network.initialised([64, 32, 10], ["relu", "softmax"], seed=0)
    trainer = Trainer(net, ds, TrainingConfig(loss="cross_entropy", batch_size=1, epochs=1000, engine="torch"))
    out = {}
    th = threading.Thread(target=lambda: out.setdefault("r", trainer.run(snapshot_interval=1.0)))
    th.start()
    time.sleep(0.3)
    trainer.pause()
    time.sleep(0.1)
    frozen = trainer.updates
    time.sleep(0.3)
    assert trainer.updates == frozen and trainer.paused
    trainer.resume()
    time.sleep(0.2)
    assert trainer.updates > frozen
    t0 = time.perf_counter()
    trainer.request_stop()
    th.join(5)
    assert not th.is_alive() and time.perf_counter() - t0 < 1.0
    assert out["r"].status == "stopped"
    assert trainer.epoch < 1000 and trainer.updates % 1437 != 0  # cut mid-epoch


@pytest.mark.parametrize("engine", ENGINES)
def test_slow_motion_shows_every_epoch_and_waits_outside_the_training_time(engine):
    net = Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=0)
    trainer = Trainer(net, xor_data(), TrainingConfig(epochs=6, engine=engine, val_fraction=0.0))
    trainer.set_pace(20.0)  # at most 20 epochs a second: 50 ms each
    snaps = []
    t0 = time.perf_counter()
    result = trainer.run(snaps.append, snapshot_interval=3600)
    wall = time.perf_counter() - t0
    assert result.status == "completed" and trainer.epoch == 6
    # each epoch in a snapshot of its own (the last one in the final snapshot)
    assert [[m.epoch for m in s.history] for s in snaps] == [[1], [2], [3], [4], [5], [6]]
    assert wall >= 5 * 0.05  # five waits between six epochs
    assert result.snapshot.metrics.elapsed < wall - 0.2  # waiting is not training


def test_stop_and_full_speed_end_a_slow_motion_wait_at_once():
    net = Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=0)
    trainer = Trainer(net, xor_data(), TrainingConfig(epochs=50, engine="torch", val_fraction=0.0))
    trainer.set_pace(0.2)  # one epoch every 5 s
    out = {}
    th = threading.Thread(target=lambda: out.update(r=trainer.run()))
    th.start()
    time.sleep(0.3)
    assert trainer.epoch == 1  # waiting after the first epoch
    trainer.set_pace(0.0)
    th.join(10)
    assert not th.is_alive() and out["r"].status == "completed" and trainer.epoch == 50

    trainer = Trainer(net, xor_data(), TrainingConfig(epochs=50, engine="torch", val_fraction=0.0))
    trainer.set_pace(0.2)
    th = threading.Thread(target=lambda: out.update(r=trainer.run()))
    th.start()
    time.sleep(0.3)
    t0 = time.perf_counter()
    trainer.request_stop()
    th.join(5)
    assert not th.is_alive() and time.perf_counter() - t0 < 1.0
    assert out["r"].status == "stopped" and trainer.epoch == 1
    with pytest.raises(UserError, match="pace"):
        trainer.set_pace(-1.0)


def test_same_seed_same_run_and_another_seed_another():
    ds = datasets.moons(n=100, seed=0)
    net = Network.initialised([2, 6, 1], ["tanh", "sigmoid"], seed=0)

    def final(seed: int) -> np.ndarray:
        t = Trainer(net, ds, TrainingConfig(epochs=5, batch_size=8, seed=seed, dropout=[0.2], engine="torch"))
        t.run()
        return t.parameters()[0][0]

    assert np.array_equal(final(1), final(1))
    assert not np.array_equal(final(1), final(2))


# ------------------------------------------------------------------ settings
def test_config_round_trips_through_a_lesson_dict():
    cfg = TrainingConfig(loss="cross_entropy", optimizer="adam", lr=0.003, dropout=[0.1, 0.2],
                         early_stopping=True, patience=7, betas=(0.8, 0.99))
    again = TrainingConfig.from_dict(cfg.to_dict())
    assert again == cfg
    assert TrainingConfig.from_dict({"dropout": 0.3}).dropout == [0.3]
    assert TrainingConfig.from_dict({"epochs": 12.0}).epochs == 12


@pytest.mark.parametrize(
    "obj,field",
    [
        ({"lr": 0}, "lr"),
        ({"lr": "fast"}, "training.lr"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"batch_size": -1}, "batch_size"),
        ({"epochs": 0}, "epochs"),
        ({"dropout": [1.0]}, "dropout[0]"),
        ({"early_stopping": 1}, "training.early_stopping"),
        ({"learning_rate": 0.1}, "training.learning_rate"),
        ({"device": "tpu"}, "device"),
        ({"lr": 1e9}, "lr"),
    ],
)
def test_bad_settings_name_the_field(obj, field):
    with pytest.raises(UserError, match=field.replace("[", r"\[").replace("]", r"\]")):
        TrainingConfig.from_dict(obj)


def test_impossible_problems_are_refused_with_a_sentence():
    ds = datasets.gaussian(n=30, classes=3)
    with pytest.raises(UserError, match="Cross-entropy needs a softmax or sigmoid"):
        check_problem(Network.initialised([2, 3], ["tanh"]), ds, TrainingConfig(loss="cross_entropy"))
    with pytest.raises(UserError, match="One output neuron"):
        check_problem(Network.initialised([2, 1], ["sigmoid"]), ds, TrainingConfig())
    with pytest.raises(UserError, match="3 inputs"):
        check_problem(Network.initialised([3, 3], ["sigmoid"]), ds, TrainingConfig())
    with pytest.raises(UserError, match="'step' activation"):
        check_problem(Network.initialised([2, 3], ["step"]), ds, TrainingConfig())
    with pytest.raises(UserError, match="no CUDA GPU|no Apple GPU"):
        import torch

        if torch.cuda.is_available():
            raise UserError("no Apple GPU")  # nothing to refuse on a CUDA machine
        Trainer(Network.initialised([2, 3], ["sigmoid"]), ds, TrainingConfig(device="cuda", engine="torch"))


# ----------------------------------------------------------------------- GPU
def _cuda() -> bool:
    import torch

    return torch.cuda.is_available()


@pytest.mark.skipif(not _cuda(), reason="needs a CUDA GPU")
def test_cuda_trains_like_the_cpu():
    lesson = load_lesson("digits")
    base = TrainingConfig.from_dict(lesson.training).replace(engine="torch", dtype="float64", epochs=3)
    runs = {}
    for device in ("cpu", "cuda"):
        trainer = Trainer(lesson.network, lesson.dataset(), base.replace(device=device))
        assert trainer.device.startswith(device)
        trainer.run()
        runs[device] = trainer
    for a, b in zip(runs["cpu"].parameters()[0], runs["cuda"].parameters()[0], strict=True):
        np.testing.assert_allclose(a, b, atol=1e-8)
    assert runs["cuda"].history[-1].val_acc == pytest.approx(runs["cpu"].history[-1].val_acc)


@pytest.mark.skipif(not _cuda(), reason="needs a CUDA GPU")
def test_cuda_auto_device_and_snapshot_copies():
    lesson = load_lesson("digits")
    cfg = TrainingConfig.from_dict(lesson.training).replace(engine="torch", device="auto", epochs=2)
    trainer = Trainer(lesson.network, lesson.dataset(), cfg)
    snap = trainer.run().snapshot
    assert snap.device.startswith("cuda")
    assert isinstance(snap.weights[0], np.ndarray) and snap.val_acc > 0.5
