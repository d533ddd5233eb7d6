"""The error landscape (nnviz.core.training.landscape) against independent computations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.lessons import LessonDataset
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.landscape import (
    ErrorSurface,
    Parameter,
    batches,
    descent_path,
    surface_for,
    updates_per_epoch,
)
from nnviz.core.training.trainer import Trainer


def _xor_network() -> Network:
    """The mlp-xor lesson's network."""
    return Network([2, 2, 1], ["sigmoid", "sigmoid"], [[[0.52, -0.91], [-0.99, 0.52]], [[0.61], [0.48]]],
                   [[-0.22, 0.09], [-0.23]])


def _xor_surface(loss: str = "mse") -> ErrorSurface:
    data = Dataset(np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 1, 1, 0]), n_classes=2)
    return surface_for(_xor_network(), data, loss)


def _deep_surface(loss: str, out: str) -> ErrorSurface:
    rng = np.random.default_rng(3)
    net = Network.initialised([3, 4, 5, 3], ["tanh", "relu", out], seed=2)
    for b in net.biases:
        b[:] = rng.normal(0, 0.3, b.shape)
    x = rng.normal(size=(23, 3))
    labels = rng.integers(0, 3, 23)
    d = np.eye(3)[labels]
    return ErrorSurface(net, x, d, loss)


def _direct_error(net: Network, x: np.ndarray, d: np.ndarray, loss: str) -> float:
    """E written out from scratch: one sample at a time, the slides' formulas."""
    total = 0.0
    for xs, ds in zip(x, d):
        h = xs
        for w, b, act in zip(net.weights, net.biases, net.activations):
            a = h @ w + b
            if act == "sigmoid":
                h = 1 / (1 + np.exp(-a))
            elif act == "tanh":
                h = np.tanh(a)
            elif act == "relu":
                h = np.maximum(a, 0)
            elif act == "softmax":
                h = np.exp(a) / np.exp(a).sum()
            else:
                h = a
        if loss == "mse":
            total += 0.5 * float(((ds - h) ** 2).sum())
        else:
            total += -float((ds * np.log(h)).sum())
    return total / len(x)


PARAMS = [Parameter(0, 1, 2), Parameter(1, 3, 0), Parameter.bias(0, 3), Parameter(2, 4, 1), Parameter.bias(2, 2)]


@pytest.mark.parametrize("loss,out", [("mse", "sigmoid"), ("mse", "softmax"), ("cross_entropy", "softmax"),
                                      ("cross_entropy", "sigmoid"), ("mse", "identity")])
def test_slope_equals_a_central_finite_difference(loss, out):
    s = _deep_surface(loss, out)
    grads = s.gradient(PARAMS)
    for p, g in zip(PARAMS, grads):
        w = p.value(s.network)
        h = 1e-5
        fd = (s.error([w + h], [p]) - s.error([w - h], [p])) / (2 * h)
        assert g == pytest.approx(fd, rel=1e-6, abs=1e-10)
        assert abs(g) > 1e-6  # a parameter that matters, not 0 = 0


def test_curve_slope_and_next_point_on_xor():
    s = _xor_surface()
    p = Parameter(1, 0, 0)
    c = s.curve(p, half_width=2.0, n_points=41, eta=1.5)
    w = p.value(s.network)
    fd = (s.error([w + 1e-6], [p]) - s.error([w - 1e-6], [p])) / 2e-6
    assert c.slope == pytest.approx(fd, rel=1e-6)
    assert c.at == w and c.omega[0] == pytest.approx(w - 2) and c.omega[-1] == pytest.approx(w + 2)
    assert c.error[20] == pytest.approx(c.error_at, rel=1e-12)
    assert c.next_at == pytest.approx(w - 1.5 * fd, rel=1e-6)
    assert c.next_error == pytest.approx(s.error([c.next_at], [p]), rel=1e-12)
    c2 = s.with_eta(c, 3.0, p)
    assert c2.step == pytest.approx(2 * c.step) and c2.error_at == c.error_at


@pytest.mark.parametrize("loss,out", [("mse", "sigmoid"), ("cross_entropy", "softmax")])
def test_surface_at_the_current_weights_is_the_networks_error(loss, out):
    s = _deep_surface(loss, out)
    direct = _direct_error(s.network, s.x, s.d, loss)
    assert s.error() == pytest.approx(direct, rel=1e-12)
    p1, p2 = Parameter(0, 1, 2), Parameter(2, 4, 1)
    w1, w2 = p1.value(s.network), p2.value(s.network)
    g = s.grid((p1, p2), (w1 - 1, w1 + 1), (w2 - 2, w2 + 2), n=5)
    assert g.error[2, 2] == pytest.approx(direct, rel=1e-12)
    # and any other grid point is the error of the network with those two weights
    net = s.network.copy()
    p1.set(net, g.omega1[0])
    p2.set(net, g.omega2[4])
    assert g.error[0, 4] == pytest.approx(_direct_error(net, s.x, s.d, loss), rel=1e-12)


def test_surface_equals_torch_on_xor():
    torch = pytest.importorskip("torch")
    s = _xor_surface()
    net = s.network
    w = [torch.tensor(a, requires_grad=True) for a in net.weights]
    b = [torch.tensor(a) for a in net.biases]
    h = torch.tensor(s.x)
    for wl, bl in zip(w, b):
        h = torch.sigmoid(h @ wl + bl)
    e = 0.5 * ((h - torch.tensor(s.d)) ** 2).sum(dim=1).mean()
    assert s.error() == pytest.approx(float(e.detach()), rel=1e-12)
    e.backward()
    assert s.gradient([Parameter(1, 1, 0)])[0] == pytest.approx(float(w[1].grad[1, 0]), rel=1e-10)
    assert s.gradient([Parameter(0, 0, 1)])[0] == pytest.approx(float(w[0].grad[0, 1]), rel=1e-10)


def test_a_big_grid_is_computed_in_blocks_of_the_given_size():
    s = _deep_surface("mse", "sigmoid")
    params = (Parameter(0, 1, 2), Parameter(1, 3, 0))
    budget = 23 * 5 * 7  # 7 points of 23 samples through layers at most 5 wide
    assert s.block_points(params, budget) == 7
    seen: list[int] = []
    g = s.grid(params, (-1, 1), (-1, 1), n=10, max_block_values=budget,
               progress=lambda done, total: seen.append(done) is None)
    assert seen == [*range(7, 100, 7), 100]
    whole = s.grid(params, (-1, 1), (-1, 1), n=10)
    np.testing.assert_allclose(g.error, whole.error, rtol=1e-12)
    # a budget below one point's samples: the samples are chunked too, and the sums agree
    tiny = s.grid(params, (-1, 1), (-1, 1), n=10, max_block_values=12)
    assert s.block_points(params, 12) == 1
    np.testing.assert_allclose(tiny.error, whole.error, rtol=1e-12)


def test_progress_can_cancel_a_grid():
    s = _deep_surface("mse", "sigmoid")
    calls = []
    out = s.grid((Parameter(0, 0, 0), Parameter(0, 1, 1)), (-1, 1), (-1, 1), n=20, max_block_values=23 * 5 * 10,
                 progress=lambda done, total: calls.append(done) is not None)
    assert out is None and calls == [10]


def test_a_full_batch_step_is_omega_minus_eta_times_the_finite_difference_gradient():
    s = _xor_surface()
    params = (Parameter(1, 0, 0), Parameter(0, 1, 1))
    path = descent_path(s, params, eta=0.8, batch_size=0, epochs=3)
    assert path.shape == (4, 2)
    w = path[0].copy()
    for step in range(3):
        fd = []
        for i in range(len(params)):
            up, down = w.copy(), w.copy()
            up[i] += 1e-6
            down[i] -= 1e-6
            fd.append((s.error(up, params) - s.error(down, params)) / 2e-6)
        w = w - 0.8 * np.array(fd)
        np.testing.assert_allclose(path[step + 1], w, rtol=1e-6)


def _trainer_orders(trainer: Trainer, epochs: int) -> list[np.ndarray]:
    """The sample order of every epoch that ``trainer``'s engine is given, recorded
    from ``set_order`` (epoch by epoch) and ``run_epochs`` (several at once)."""
    engine = trainer.engine
    set_order, run_epochs = engine.set_order, getattr(engine, "run_epochs", None)
    seen: list[np.ndarray] = []
    inside: list[bool] = []  # run_epochs may call set_order itself: count its orders once

    def record_order(order):
        if not inside:
            seen.append(np.array(order))
        set_order(order)

    def record_epochs(orders, batch_size):
        seen.extend(np.array(o) for o in orders)
        inside.append(True)
        try:
            return run_epochs(orders, batch_size)
        finally:
            inside.pop()

    engine.set_order = record_order
    if run_epochs is not None:
        engine.run_epochs = record_epochs
    trainer.run(max_epochs=epochs)
    return seen


@pytest.mark.parametrize("shuffle", [True, False])
def test_descent_paths_take_the_samples_in_a_real_trainers_order(shuffle):
    rng = np.random.default_rng(0)
    data = Dataset(rng.normal(size=(10, 2)), rng.integers(0, 2, 10), n_classes=2)
    net = Network.initialised([2, 1], ["sigmoid"], seed=1)  # three parameters: the path can move them all
    config = TrainingConfig(loss="mse", optimizer="sgd", lr=0.5, batch_size=4, epochs=6, seed=7, shuffle=shuffle,
                            val_fraction=0.0, engine="numpy", dtype="float64")
    trainer = Trainer(net, data, config)
    orders = _trainer_orders(trainer, 6)
    assert len(orders) == 6
    if shuffle:  # a new order every epoch, as the seed draws it
        assert not all(np.array_equal(o, orders[0]) for o in orders[1:])
    else:
        assert all(np.array_equal(o, np.arange(10)) for o in orders)
    # the path's batches are the trainer's: each epoch its order, cut into slices of 4
    expected = [o[lo : lo + 4] for o in orders for lo in range(0, 10, 4)]
    got = list(batches(10, 4, 6, seed=7, shuffle=shuffle))
    assert len(got) == len(expected) == 6 * updates_per_epoch(10, 4)
    for a, b in zip(got, expected):
        np.testing.assert_array_equal(a, b)
    # and with every parameter free, the path is the trainer's own training, epoch for epoch
    params = (Parameter(0, 0, 0), Parameter(0, 1, 0), Parameter.bias(0, 0))
    path = descent_path(surface_for(net, data), params, 0.5, batch_size=4, epochs=6, seed=7, shuffle=shuffle)
    weights, biases = trainer.engine.get_parameters()
    np.testing.assert_allclose(path[-1], [weights[0][0, 0], weights[0][1, 0], biases[0][0]], rtol=1e-10)
    # another seed draws another order, unless nothing is shuffled
    other = descent_path(surface_for(net, data), params, 0.5, batch_size=4, epochs=6, seed=8, shuffle=shuffle)
    assert np.allclose(other, path) == (not shuffle)


def test_batch_one_takes_an_update_per_sample_and_the_full_batch_ignores_the_order():
    rng = np.random.default_rng(0)
    net = Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=1)
    data = Dataset(rng.normal(size=(10, 2)), rng.integers(0, 2, 10), n_classes=2)
    s = surface_for(net, data)
    params = (Parameter(1, 0, 0), Parameter(1, 2, 0))
    one = descent_path(s, params, 0.5, batch_size=1, epochs=4, seed=7)
    assert len(one) - 1 == 10 * 4
    mini = descent_path(s, params, 0.5, batch_size=4, epochs=4, seed=7)
    assert len(mini) - 1 == 3 * 4 == updates_per_epoch(10, 4) * 4
    # the full batch is the same path whatever the seed; the others are not
    np.testing.assert_array_equal(descent_path(s, params, 0.5, 0, 2, seed=1), descent_path(s, params, 0.5, 0, 2, seed=2))
    assert not np.allclose(descent_path(s, params, 0.5, 1, 1, seed=1), descent_path(s, params, 0.5, 1, 1, seed=2))


def test_a_big_data_set_is_represented_by_a_seeded_sample():
    rng = np.random.default_rng(0)
    data = Dataset(rng.normal(size=(500, 2)), rng.integers(0, 2, 500), n_classes=2)
    net = Network.initialised([2, 2, 1], "sigmoid")
    a = surface_for(net, data, max_samples=100, seed=3)
    b = surface_for(net, data, max_samples=100, seed=3)
    assert a.n_samples == 100 and np.array_equal(a.x, b.x)


def test_lesson_targets_and_refusals():
    # a lesson's own desired outputs d = (0.01, 0.99), as the backprop-2-2-2 lesson gives them
    data = LessonDataset(np.array([[0.05, 0.10]]), np.array([0]), n_classes=1, targets=np.array([[0.01, 0.99]]))
    net = Network.initialised([2, 2, 2], "sigmoid")
    s = surface_for(net, data)
    np.testing.assert_array_equal(s.d, [[0.01, 0.99]])
    with pytest.raises(UserError):
        surface_for(Network.initialised([2, 2, 2], "tanh"), data, loss="cross_entropy")
    step = Network.initialised([2, 1], "step")
    flat = ErrorSurface(step, np.zeros((2, 2)), np.zeros((2, 1)))
    assert math.isfinite(flat.error())
    with pytest.raises(UserError):
        flat.gradient([Parameter(0, 0, 0)])
