"""The error landscape around a network's weights, and gradient descent on it.

The slides draw gradient descent as a ball rolling down E(ω): at the current
weight the slope ∂E/∂ω says which way is down, and the update
ω ← ω − η ∂E/∂ω takes a step of η times that slope. This module computes what
such a picture needs, for any :class:`~nnviz.core.model.network.Network` and
its data, with the error the lesson uses (``"mse"``: the slides'
E = ½‖d − y‖² averaged over the samples; ``"cross_entropy"``: softmax
cross-entropy, or binary cross-entropy for sigmoid outputs, as the engines
define them in :mod:`nnviz.core.training.engine`):

- :meth:`ErrorSurface.curve`: E along one weight (or bias), the others fixed,
  with the current point, the slope (backpropagation over the whole batch)
  and the next point ω − η ∂E/∂ω;
- :meth:`ErrorSurface.grid`: E over two weights on a grid (a contour map),
  evaluated in blocks whose size a memory budget bounds;
- :func:`descent_path` / :func:`descent_steps`: the path of gradient descent
  when only those two weights move, for a given batch size, with the
  trainer's sample order (with ``shuffle``, one permutation of
  ``default_rng(seed)`` per epoch; without, 0 … n − 1 every epoch), so that
  full batch, mini-batch and batch 1 start from the same point and see the
  samples in the same order.

Only the layers after the first chosen parameter are recomputed for each grid
point: the layers before it are evaluated once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.core.data.dataset import Dataset, targets_for
from nnviz.core.errors import UserError
from nnviz.core.model.activations import get, log_softmax
from nnviz.core.model.network import Network
from nnviz.core.training.config import LOSSES

#: floats held by the largest array of one block of grid points (16 MB)
DEFAULT_BLOCK_VALUES = 2_000_000
#: samples a surface uses at most: a bigger data set is represented by a
#: seeded sample of this many (MNIST's 60,000 images would make a map minutes long)
DEFAULT_MAX_SAMPLES = 2000

#: told how many of the points are done and how many there are; False stops
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class Parameter:
    """A weight ω_jk of weight layer ``layer`` (``weights[layer][j, k]``), or
    with ``j == -1`` the bias of neuron k of layer ``layer + 1``."""

    layer: int
    j: int
    k: int

    @classmethod
    def bias(cls, layer: int, k: int) -> Parameter:
        return cls(layer, -1, k)

    @property
    def is_bias(self) -> bool:
        return self.j < 0

    def value(self, network: Network) -> float:
        if self.is_bias:
            return float(network.biases[self.layer][self.k])
        return float(network.weights[self.layer][self.j, self.k])

    def set(self, network: Network, value: float) -> None:
        if self.is_bias:
            network.biases[self.layer][self.k] = value
        else:
            network.weights[self.layer][self.j, self.k] = value

    def check(self, network: Network) -> None:
        """Raise :class:`UserError` when ``network`` has no such parameter."""
        n_in = network.layers[self.layer] if 0 <= self.layer < network.n_weight_layers else 0
        n_out = network.layers[self.layer + 1] if n_in else 0
        if not (0 <= self.k < n_out and (self.is_bias or 0 <= self.j < n_in)):
            raise UserError("The network has no weight ({0}, {1}, {2}).", self.layer, self.j, self.k)


@dataclass
class Curve:
    """E along one parameter, the others fixed."""

    omega: np.ndarray  # the parameter's values, increasing
    error: np.ndarray  # E at each of them
    at: float  # the current value ω
    error_at: float  # E(ω)
    slope: float  # ∂E/∂ω at ω (backpropagation); NaN without a derivative (step, sign)
    eta: float
    next_at: float  # ω − η ∂E/∂ω
    next_error: float  # E there

    @property
    def step(self) -> float:
        """The update −η ∂E/∂ω."""
        return self.next_at - self.at


@dataclass
class Grid:
    """E over two parameters: ``error[i, j]`` at (``omega1[i]``, ``omega2[j]``)."""

    omega1: np.ndarray
    omega2: np.ndarray
    error: np.ndarray
    at: tuple[float, float]  # the current values of the two parameters
    error_at: float


class ErrorSurface:
    """E as a function of some of ``network``'s parameters, on inputs ``x``
    (n, inputs) with desired outputs ``d`` (n, outputs).

    The network is copied: later changes to the caller's network do not
    reach the surface (make a new one)."""

    def __init__(self, network: Network, x: np.ndarray, d: np.ndarray, loss: str = "mse") -> None:
        self.network = network.copy()
        self.x = np.asarray(x, dtype=np.float64)
        self.d = np.asarray(d, dtype=np.float64).reshape(len(self.x), -1)
        if loss not in LOSSES:
            raise UserError("Unknown error {0!r}; choose one of {1}.", loss, ", ".join(LOSSES))
        out_act = network.activations[-1]
        if loss == "cross_entropy" and out_act not in ("softmax", "sigmoid"):
            raise UserError(
                "Cross-entropy needs a softmax or sigmoid output layer, not '{0}'; "
                "use the MSE loss or change the output activation.",
                out_act,
            )
        if self.d.shape[1] != network.layers[-1] or self.x.shape[1] != network.layers[0]:
            raise UserError(
                "The network has {0} inputs and {1} outputs but the data gives {2} and {3}.",
                network.layers[0], network.layers[-1], self.x.shape[1], self.d.shape[1],
            )
        if len(self.x) == 0:
            raise UserError("There are no training samples to measure the error on.")
        self.loss = loss

    @property
    def n_samples(self) -> int:
        return len(self.x)

    # ------------------------------------------------------------ the error
    def _error_sum(self, a: np.ndarray, d: np.ndarray) -> np.ndarray:
        """Σ over samples (axis -2) of the sample error, from the output's net input ``a``."""
        act = self.network.activations[-1]
        if self.loss == "cross_entropy" and act == "softmax":
            per = -(d * log_softmax(a)).sum(axis=-1)
        elif self.loss == "cross_entropy":
            per = (np.logaddexp(0.0, a) - a * d).sum(axis=-1)
        else:
            diff = get(act).f(a) - d
            per = 0.5 * (diff * diff).sum(axis=-1)
        return per.sum(axis=-1)

    def error(self, values: Sequence[float] = (), params: Sequence[Parameter] = ()) -> float:
        """E at the network's weights, with ``params`` set to ``values``."""
        net = self._with(params, values)
        a = self._net_inputs(net, self.x)[-1]
        return float(self._error_sum(a, self.d)) / self.n_samples

    def _with(self, params: Sequence[Parameter], values: Sequence[float]) -> Network:
        if not len(params):
            return self.network
        net = self.network.copy()
        for p, v in zip(params, values, strict=True):
            p.set(net, float(v))
        return net

    @staticmethod
    def _net_inputs(net: Network, x: np.ndarray) -> list[np.ndarray]:
        """The net input a of every non-input layer (from the network's own forward pass)."""
        return net.forward_with_nets(x)[0]

    # ------------------------------------------------------------ the slope
    def gradient(
        self,
        params: Sequence[Parameter],
        values: Sequence[float] = (),
        rows: np.ndarray | None = None,
    ) -> np.ndarray:
        """∂E/∂p for each of ``params`` (set to ``values``, if given), by
        backpropagation of the error averaged over the samples ``rows`` (all
        when None): the gradient an update with that batch follows."""
        for i, act in enumerate(self.network.activations):
            if not get(act).differentiable and not (act == "softmax" and i == len(self.network.activations) - 1):
                raise UserError(
                    "Layer {0} uses the '{1}' activation, which has no useful derivative; "
                    "its error has no slope to descend.",
                    i + 1, act,
                )
        net = self._with(params, values) if len(values) else self.network
        x = self.x if rows is None else self.x[rows]
        d = self.d if rows is None else self.d[rows]
        outs = net.forward(x)
        nets = [h @ w + b for h, w, b in zip(outs[:-1], net.weights, net.biases)]
        y, act = outs[-1], net.activations[-1]
        if self.loss == "cross_entropy":
            delta = y - d  # softmax or sigmoid with its cross-entropy: dE/da = y − d
        elif act == "softmax":  # ½‖y − d‖² through softmax's full Jacobian
            g = y - d
            delta = y * (g - (g * y).sum(axis=1, keepdims=True))
        else:
            delta = (y - d) * get(act).df(nets[-1], y)
        delta = delta / len(x)
        grads_w: list[np.ndarray] = [np.empty(0)] * net.n_weight_layers
        grads_b: list[np.ndarray] = [np.empty(0)] * net.n_weight_layers
        lowest = min(p.layer for p in params)
        for layer in range(net.n_weight_layers - 1, lowest - 1, -1):
            grads_w[layer] = outs[layer].T @ delta
            grads_b[layer] = delta.sum(axis=0)
            if layer > lowest:
                act_below = net.activations[layer - 1]
                delta = (delta @ net.weights[layer].T) * get(act_below).df(nets[layer - 1], outs[layer])
        return np.array(
            [grads_b[p.layer][p.k] if p.is_bias else grads_w[p.layer][p.j, p.k] for p in params]
        )

    # ------------------------------------------------- many points at once
    def block_points(self, params: Sequence[Parameter], max_block_values: int = DEFAULT_BLOCK_VALUES) -> int:
        """How many points one block evaluates: its largest array, points ×
        samples × a layer's width, holds at most ``max_block_values`` floats
        (at least one point of one sample chunk)."""
        return max(1, int(max_block_values) // (self._chunk_rows(params, max_block_values) * self._width(params)))

    def _width(self, params: Sequence[Parameter]) -> int:
        return max(self.network.layers[min(p.layer for p in params) + 1 :])

    def _chunk_rows(self, params: Sequence[Parameter], max_block_values: int) -> int:
        return max(1, min(self.n_samples, int(max_block_values) // self._width(params)))

    def errors_at(
        self,
        params: Sequence[Parameter],
        values: np.ndarray,
        max_block_values: int = DEFAULT_BLOCK_VALUES,
        progress: Progress | None = None,
    ) -> np.ndarray | None:
        """E at each row of ``values`` (points, len(params)): ``params`` set to
        that row, the rest as in the network. Evaluated in blocks (see
        :meth:`block_points`); ``progress(done, total)`` after each block, and
        None when it returns False (cancelled)."""
        values = np.asarray(values, dtype=np.float64).reshape(-1, len(params))
        for p in params:
            p.check(self.network)
        net = self.network
        first = min(p.layer for p in params)
        base = [p.value(net) for p in params]
        # the layers below the first chosen parameter do not change: once
        below = net.forward(self.x)[first]
        # the chosen layer's net input before the change: the same for every point
        base_a = below @ net.weights[first] + net.biases[first]
        rows = self._chunk_rows(params, max_block_values)
        per_block = self.block_points(params, max_block_values)
        total = len(values)
        out = np.zeros(total)
        for start in range(0, total, per_block):
            shifts = values[start : start + per_block] - np.asarray(base)  # (g, P)
            for lo in range(0, self.n_samples, rows):
                chunk = slice(lo, lo + rows)
                out[start : start + len(shifts)] += self._block_error_sum(
                    params, shifts, below[chunk], base_a[chunk], self.d[chunk], first
                )
            if progress is not None and progress(min(total, start + per_block), total) is False:
                return None
        return out / self.n_samples

    def _block_error_sum(
        self, params: Sequence[Parameter], shifts: np.ndarray, h: np.ndarray, a0: np.ndarray, d: np.ndarray,
        first: int,
    ) -> np.ndarray:
        """Σ of the sample errors of samples whose layer-``first`` outputs are
        ``h`` (and next net inputs ``a0``), for each row of ``shifts`` (the
        params' changes): (g,)."""
        net = self.network
        last = net.n_weight_layers - 1
        # the first chosen layer: its net input moves by Δ·h_j in column k only
        a = np.repeat(a0[None], len(shifts), axis=0)  # (g, rows, width)
        hb: np.ndarray = np.broadcast_to(h, (len(shifts), *h.shape))
        for layer in range(first, net.n_weight_layers):
            if layer > first:
                a = hb @ net.weights[layer] + net.biases[layer]
            for i, p in enumerate(params):
                if p.layer != layer:
                    continue
                if p.is_bias:
                    a[:, :, p.k] += shifts[:, i, None]
                else:
                    a[:, :, p.k] += shifts[:, i, None] * hb[:, :, p.j]
            if layer == last:
                return self._error_sum(a, d)
            hb = get(net.activations[layer]).f(a)
        raise AssertionError("a network has at least one weight layer")

    # ------------------------------------------------------ the two pictures
    def curve(
        self, param: Parameter, half_width: float, n_points: int = 121, eta: float = 0.5,
        max_block_values: int = DEFAULT_BLOCK_VALUES,
    ) -> Curve:
        """E along ``param`` on [ω − half_width, ω + half_width] (``n_points``
        values), with the slope at ω and the next point ω − η ∂E/∂ω."""
        at = param.value(self.network)
        omega = np.linspace(at - half_width, at + half_width, max(3, int(n_points)))
        errors = self.errors_at([param], omega[:, None], max_block_values)
        assert errors is not None
        try:
            slope = float(self.gradient([param])[0])
        except UserError:  # a step or sign network: E has flat pieces and jumps, no slope
            slope = math.nan
        return self.with_eta(Curve(omega, errors, at, self.error(), slope, eta, at, 0.0), eta, param)

    def with_eta(self, curve: Curve, eta: float, param: Parameter | None = None) -> Curve:
        """``curve`` with the step of learning rate ``eta`` (one more error
        evaluation; ``param`` is the curve's parameter, needed unless ``eta``
        leaves the step as it is)."""
        nxt = curve.at - eta * curve.slope
        if not math.isfinite(nxt):
            next_error = math.nan
        elif param is None:
            next_error = curve.error_at if nxt == curve.at else float("nan")
        else:
            next_error = self.error([nxt], [param])
        return Curve(curve.omega, curve.error, curve.at, curve.error_at, curve.slope, eta, nxt, next_error)

    def grid(
        self,
        params: tuple[Parameter, Parameter],
        range1: tuple[float, float],
        range2: tuple[float, float],
        n: int = 61,
        max_block_values: int = DEFAULT_BLOCK_VALUES,
        progress: Progress | None = None,
    ) -> Grid | None:
        """E over ``n`` × ``n`` points of ``range1`` × ``range2`` (None when
        ``progress`` cancels)."""
        w1 = np.linspace(range1[0], range1[1], n)
        w2 = np.linspace(range2[0], range2[1], n)
        g1, g2 = np.meshgrid(w1, w2, indexing="ij")
        errors = self.errors_at(params, np.column_stack([g1.ravel(), g2.ravel()]), max_block_values, progress)
        if errors is None:
            return None
        at = (params[0].value(self.network), params[1].value(self.network))
        return Grid(w1, w2, errors.reshape(n, n), at, self.error())


# ----------------------------------------------------------- descent paths
def batches(n: int, batch_size: int, epochs: int, seed: int, shuffle: bool = True) -> Iterator[np.ndarray]:
    """The rows of every update in the order of
    :class:`~nnviz.core.training.trainer.Trainer`: each epoch one
    ``permutation`` of ``default_rng(seed)`` (``shuffle``) or 0 … n − 1 (not),
    cut into consecutive slices of ``batch_size`` (0 or at least ``n``: the
    full batch)."""
    size = n if batch_size <= 0 or batch_size >= n else int(batch_size)
    rng = np.random.default_rng(seed)
    for _ in range(int(epochs)):
        order = rng.permutation(n) if shuffle else np.arange(n)
        for lo in range(0, n, size):
            yield order[lo : lo + size]


def updates_per_epoch(n: int, batch_size: int) -> int:
    size = n if batch_size <= 0 or batch_size >= n else int(batch_size)
    return math.ceil(n / size)


def descent_steps(
    surface: ErrorSurface,
    params: Sequence[Parameter],
    eta: float,
    batch_size: int,
    epochs: int,
    seed: int = 0,
    shuffle: bool = True,
) -> Iterator[np.ndarray]:
    """Each point gradient descent reaches when only ``params`` move (one per
    update, the samples in :func:`batches`' order), starting from their values
    in the surface's network."""
    # a surface of its own whose network the loop changes in place (no copy per update)
    own = ErrorSurface(surface.network, surface.x, surface.d, surface.loss)
    point = np.array([p.value(own.network) for p in params])
    for rows in batches(surface.n_samples, batch_size, epochs, seed, shuffle):
        point = point - eta * own.gradient(params, rows=rows)
        for p, v in zip(params, point):
            p.set(own.network, float(v))
        if not np.all(np.isfinite(point)):
            return  # diverged: the path stops where it left the numbers
        yield point.copy()


def descent_path(
    surface: ErrorSurface,
    params: Sequence[Parameter],
    eta: float,
    batch_size: int,
    epochs: int,
    seed: int = 0,
    shuffle: bool = True,
) -> np.ndarray:
    """The start and every point after it: (updates + 1, len(params))."""
    start = np.array([[p.value(surface.network) for p in params]])
    steps = list(descent_steps(surface, params, eta, batch_size, epochs, seed, shuffle))
    return np.vstack([start, *steps]) if steps else start


# ------------------------------------------------------------- from data
def surface_for(
    network: Network, dataset: Dataset, loss: str = "mse", max_samples: int = DEFAULT_MAX_SAMPLES, seed: int = 0
) -> ErrorSurface:
    """The surface of ``network`` on ``dataset``'s training samples, with the
    targets training uses: a regression's numbers, a lesson's own desired
    outputs (``targets``), else :func:`~nnviz.core.data.dataset.targets_for`
    of the labels. More than ``max_samples`` samples: a seeded sample of them."""
    idx = np.asarray(dataset.train_idx, dtype=np.int64)
    if len(idx) > max_samples:
        idx = np.sort(np.random.default_rng(seed).choice(idx, size=max_samples, replace=False))
    own = getattr(dataset, "targets", None)  # a lesson's d = (0.01, 0.99) …
    if dataset.values is not None:
        d = dataset.values[idx]
    elif own is not None:
        d = np.asarray(own, dtype=np.float64)[idx]
    else:
        d = targets_for(dataset.y[idx], network.layers[-1], network.activations[-1])
    return ErrorSurface(network, dataset.x[idx], d, loss)
