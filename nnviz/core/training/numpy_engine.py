"""The NumPy engine: vectorised float64 training with no compiler and no framework.

It runs where the compiled engine cannot yet or at all: while numba compiles
the kernel (the first seconds on a fresh machine,
:mod:`nnviz.core.training.handover`), without numba, and with dropout (masks
from NumPy's generator: the same maths as torch's, other random numbers). On a tiny network a
NumPy call costs about a microsecond whatever its size, against a PyTorch
update's fixed 0.2–0.5 ms, so it trains the 2-D lessons about 10× faster than
PyTorch on the CPU (about Playground's own speed).

Same maths as every engine (:mod:`nnviz.core.training.engine`), in float64,
so from the same weights and batch order it gives torch's float64 weights to
1e-9. The work per update is a handful of NumPy calls on preallocated arrays:

- the parameters are one flat vector in the compiled engine's packed layout
  (:func:`nnviz.core.training.compiled.packed_layout`), where layer l's biases
  follow its weights, so ``[W_l; b_l]`` is one (n_l + 1) × n_{l+1} matrix;
- a block holds a layer's outputs with a row per neuron and a column per
  sample, plus a last row of ones: one matrix product per layer computes
  Wᵀh + b, and one more gives both the weight and the bias gradients;
- the update (penalties, SGD with momentum or Adam) is a few operations on
  the whole flat vector.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.compiled import TARGET_CALL_SECONDS, packed_layout

#: rows evaluated at a time (bounds the memory of a big evaluation)
_EVAL_ROWS = 4096


def numpy_limitation(device: str) -> UserError | None:
    """Why the NumPy engine cannot train this job (for a user who chose it), or None."""
    if device not in ("auto", "cpu"):
        return UserError(
            "The NumPy engine runs only on the CPU, not on '{0}'; choose the "
            "device 'cpu' or the engine 'torch' or 'auto'.",
            device,
        )
    return None


class _Block:
    """Work space for blocks of ``width`` samples: per layer, its outputs with a
    row of ones below (``h[l]``, (n_l + 1) × width) and its dE/da (``d[l]``);
    with dropout, each hidden layer's kept outputs ``keep[l]`` (0 or 1/(1−p))
    and its outputs before dropout (``raw[l]``, for f'(a))."""

    def __init__(self, layers: list[int], width: int) -> None:
        self.h = [np.ones((n + 1, width)) for n in layers]
        self.keep = [np.empty((n, width)) for n in layers]
        self.raw = [np.empty((n, width)) for n in layers]
        self.d = [np.empty((n, width)) for n in layers]
        self.logits = np.empty((layers[-1], width))
        self.tmp = [np.empty((n, width)) for n in layers]
        self.targets = np.empty((layers[-1], width))
        self.mask = np.empty((max(layers), width), dtype=bool)


class NumpyEngine:
    """The :class:`nnviz.core.training.engine.Engine` of NumPy (float64, CPU)."""

    name = "numpy"

    def __init__(self, network: Network, data: Any, config: Any, device: str = "cpu") -> None:
        refusal = numpy_limitation(device)
        if refusal is not None:
            raise refusal
        #: dropout probability per hidden layer; masks from this generator,
        #: drawn per batch, hidden layer after hidden layer (seeded: a run repeats)
        self.dropout = [float(p) for p in config.dropout_for(len(network.layers) - 2)]
        self._rng = np.random.default_rng(int(getattr(config, "seed", 0)))
        #: keep the last training batch's dropout masks (set_dropout_recording);
        #: per hidden layer (n_l, |B|) bool, True = kept, None without dropout
        self.record_dropout = False
        self._masks: list[np.ndarray | None] = []
        self.device = "cpu"
        self.layers = [int(n) for n in network.layers]
        self.activations = list(network.activations)
        self.loss = config.loss
        self._softmax_ce = self.loss == "cross_entropy" and self.activations[-1] == "softmax"
        self._bce = self.loss == "cross_entropy" and not self._softmax_ce
        self._take(data)
        w_off, b_off, n_params = packed_layout(self.layers)
        self.params = np.zeros(n_params)
        self.grad = np.zeros(n_params)
        # [W_l; b_l] as views of the flat vectors (biases follow weights)
        self._wb = []
        self._gwb = []
        for layer in range(len(self.layers) - 1):
            shape = (self.layers[layer] + 1, self.layers[layer + 1])
            lo, hi = int(w_off[layer]), int(b_off[layer]) + self.layers[layer + 1]
            self._wb.append(self.params[lo:hi].reshape(shape))
            self._gwb.append(self.grad[lo:hi].reshape(shape))
        #: 1 for weights, 0 for biases: the penalties act on weights only
        self._is_weight = np.zeros(n_params)
        for layer in range(len(self.layers) - 1):
            self._is_weight[int(w_off[layer]) : int(b_off[layer])] = 1.0
        self.set_parameters(network.weights, network.biases)
        self.optimizer_name = config.optimizer
        self._lr, self._momentum = float(config.lr), float(config.momentum)
        self._l2, self._l1 = float(config.l2), float(config.l1)
        self._beta1, self._beta2 = float(config.betas[0]), float(config.betas[1])
        self._eps = float(config.eps)
        self._first = np.zeros(n_params)
        self._second = np.zeros(n_params)
        self._steps = 0
        self._work = np.empty(n_params)
        self._work2 = np.empty(n_params)
        self._blocks: dict[int, _Block] = {}
        self._pred: dict[str, np.ndarray] = {}
        n = self._x["train"].shape[1]
        self.set_order(np.arange(n, dtype=np.int64))
        self._eval_train = bool(getattr(config, "eval_train", True))
        # a first guess of the time per sample, refined by timing
        self._sec_per_sample = 1e-6 + 3e-9 * n_params
        self.batches_per_call = 1
        self._tune(max(1, int(config.batch_size) or n))

    def _take(self, data: Any) -> None:
        # the data with a row per feature / output: a batch is a column gather
        parts = ("train", "val")
        self._x = {p: np.ascontiguousarray(getattr(data, f"x_{p}").T, np.float64) for p in parts}
        self._t = {p: np.ascontiguousarray(getattr(data, f"t_{p}").T, np.float64) for p in parts}
        self._y = {p: np.asarray(getattr(data, f"y_{p}"), np.int64) for p in parts}
        self.threshold = float(data.threshold)

    def set_data(self, data: Any) -> None:
        """Train on new arrays from the next epoch on (weights and optimizer state kept)."""
        self._take(data)
        self._pred.clear()
        self.set_order(np.arange(self._x["train"].shape[1], dtype=np.int64))

    # ------------------------------------------------------------ timing
    def _tune(self, batch_size: int) -> None:
        per_batch = self._sec_per_sample * min(batch_size, max(1, len(self._order))) + 2e-5
        self.batches_per_call = max(1, int(TARGET_CALL_SECONDS / per_batch))

    def _measured(self, seconds: float, samples: int, batch_size: int) -> None:
        if samples > 0 and seconds < 1.0:
            self._sec_per_sample = 0.5 * self._sec_per_sample + 0.5 * seconds / samples
            self._tune(batch_size)

    def _block(self, width: int) -> _Block:
        block = self._blocks.get(width)
        if block is None:
            if len(self._blocks) > 4:  # widths of old batch sizes
                self._blocks.clear()
            block = self._blocks[width] = _Block(self.layers, width)
        return block

    # ------------------------------------------------------------ compute
    def _forward(
        self, x: np.ndarray, idx: np.ndarray | None, block: _Block, train: bool = False
    ) -> np.ndarray:
        """Outputs (a row per output, a column per sample) of ``x[:, idx]`` (all of x for
        None); ``train``: with dropout (inverted, as torch: h · m / (1 − p))."""
        h0 = block.h[0][:-1]
        if idx is None:
            h0[...] = x
        else:
            x.take(idx, axis=1, out=h0, mode="clip")
        last = len(self._wb) - 1
        masks: list[np.ndarray | None] | None = [] if train and self.record_dropout else None
        for layer, (wb, act) in enumerate(zip(self._wb, self.activations, strict=True)):
            if layer == last:
                if masks is not None:
                    self._masks = masks
                a = block.logits
                np.matmul(wb.T, block.h[layer], out=a)
                out = block.h[layer + 1][:-1]
                _activate(act, a, out)
                return out
            a = block.h[layer + 1][:-1]
            np.matmul(wb.T, block.h[layer], out=a)
            _activate(act, a, a)
            p = self.dropout[layer]
            if train and p > 0.0:
                keep = block.keep[layer + 1]
                np.greater_equal(self._rng.random(keep.shape), p, out=keep, casting="unsafe")
                if masks is not None:  # a copy: the block is reused by the next batch
                    masks.append(keep > 0.0)
                keep *= 1.0 / (1.0 - p)
                np.copyto(block.raw[layer + 1], a)
                a *= keep
            elif masks is not None:
                masks.append(None)
        raise AssertionError("a network has at least one weight layer")

    def _error_sum(self, y: np.ndarray, t: np.ndarray, block: _Block) -> float:
        """Σ over the block's samples of the sample error (see the engine module's maths)."""
        a = block.logits
        if self._softmax_ce:  # Σ d·(log Σ e^a − a), with log Σ e^a from the largest a
            m = a.max(axis=0)
            z = np.log(np.exp(a - m).sum(axis=0)) + m
            return float(np.vdot(t, z - a))
        if self._bce:  # from the net input: log(1 + e^a) − a·d
            return float(np.logaddexp(0.0, a).sum() - np.vdot(a, t))
        diff = block.tmp[-1]
        np.subtract(y, t, out=diff)
        return 0.5 * float(np.vdot(diff, diff))

    def _output_delta(self, y: np.ndarray, t: np.ndarray, block: _Block, scale: float) -> None:
        """d of the output layer, times ``scale`` (1/|B|: the gradient of the batch mean)."""
        d = block.d[-1]
        if self._softmax_ce:  # y·Σd − d
            np.multiply(y, t.sum(axis=0), out=d)
            d -= t
        elif self._bce:  # y − d
            np.subtract(y, t, out=d)
        else:  # (y − d)·f'(a); the error sum left y − d in tmp[-1]
            np.copyto(d, block.tmp[-1])
            act = self.activations[-1]
            if act == "softmax":  # the softmax's Jacobian
                d -= np.sum(d * y, axis=0)
                d *= y
            else:
                _times_derivative(act, d, y, block.tmp[-1], block.mask)
        d *= scale

    def _backward(self, block: _Block) -> None:
        """``grad`` (the batch mean's gradient: d already carries 1/|B|) from the output d."""
        for layer in range(len(self._wb) - 1, -1, -1):
            d = block.d[layer + 1]
            np.matmul(block.h[layer], d.T, out=self._gwb[layer])
            if layer:
                below = block.d[layer]
                np.matmul(self._wb[layer][:-1], d, out=below)
                y = block.h[layer][:-1]
                if self.dropout[layer - 1] > 0.0:  # through the mask, f' of the kept-out value
                    below *= block.keep[layer]
                    y = block.raw[layer]
                _times_derivative(
                    self.activations[layer - 1], below, y, block.tmp[layer], block.mask
                )

    def _step(self) -> None:
        """Penalties' gradient (weights only), then SGD with momentum or Adam."""
        g, p, work = self.grad, self.params, self._work
        if self._l2:
            np.multiply(p, self._is_weight, out=work)
            work *= self._l2
            g += work
        if self._l1:
            np.sign(p, out=work)
            work *= self._is_weight
            work *= self._l1
            g += work
        self._steps += 1
        if self.optimizer_name == "adam":
            b1, b2 = self._beta1, self._beta2
            m, v = self._first, self._second
            m *= b1
            np.multiply(g, 1.0 - b1, out=work)
            m += work
            v *= b2
            np.multiply(g, g, out=work)
            work *= 1.0 - b2
            v += work
            # ω −= (η / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε), as torch
            np.sqrt(v, out=work)
            work /= math.sqrt(1.0 - b2**self._steps)
            work += self._eps
            np.divide(m, work, out=self._work2)
            self._work2 *= self._lr / (1.0 - b1**self._steps)
            p -= self._work2
        elif self._momentum:
            v = self._first
            v *= self._momentum
            v += g
            np.multiply(v, self._lr, out=work)
            p -= work
        else:
            np.multiply(g, self._lr, out=work)
            p -= work

    # ------------------------------------------------------------ the engine
    def set_order(self, order: np.ndarray) -> None:
        self._order = np.ascontiguousarray(order, dtype=np.int64)
        self._err_sum = 0.0
        self._err_n = 0

    def run_batches(self, start: int, n_batches: int, batch_size: int) -> int:
        t0 = time.perf_counter()
        x, t = self._x["train"], self._t["train"]
        n = len(self._order)
        pos = start
        with np.errstate(all="ignore"):  # a diverging run overflows; the trainer sees it
            for _ in range(n_batches):
                if pos >= n:
                    break
                end = min(pos + batch_size, n)
                idx = self._order[pos:end]
                block = self._block(end - pos)
                y = self._forward(x, idx, block, train=True)
                tb = block.targets
                t.take(idx, axis=1, out=tb, mode="clip")
                err = self._error_sum(y, tb, block)
                self._output_delta(y, tb, block, 1.0 / (end - pos))
                self._backward(block)
                self._step()
                self._err_sum += err
                self._err_n += end - pos
                pos = end
        self._measured(time.perf_counter() - t0, pos - start, batch_size)
        return pos

    def epochs_per_call(self, batch_size: int) -> int:
        """Whole epochs that fit in one :meth:`run_epochs` call of about 10 ms."""
        per_epoch = self._sec_per_sample * max(1, len(self._order)) * 1.3
        return max(1, min(1000, int(TARGET_CALL_SECONDS / per_epoch)))

    def run_epochs(self, orders: np.ndarray, batch_size: int) -> tuple[np.ndarray, bool]:
        """Whole epochs, one per row of ``orders``: as
        :meth:`nnviz.core.training.compiled.CompiledEngine.run_epochs`."""
        rows = []
        for order in orders:
            saved = self.params.copy()
            self.set_order(order)
            self.run_batches(0, len(order), batch_size)
            train = self.evaluate("train") if self._eval_train else (math.nan, math.nan)
            val = self.evaluate("val")
            mean = self.epoch_error()
            watched = train[0] if self._eval_train else mean
            if not (math.isfinite(watched) and np.all(np.isfinite(self.params))):
                self.params[:] = saved
                return np.array(rows).reshape(-1, 6), True
            rows.append([*train, *val, mean, self._penalty()])
        return np.array(rows).reshape(-1, 6), False

    def _penalty(self) -> float:
        total = 0.0
        for wb in self._wb:
            w = wb[:-1]
            if self._l2:
                total += 0.5 * self._l2 * float(np.vdot(w, w))
            if self._l1:
                total += self._l1 * float(np.abs(w).sum())
        return total

    def evaluate(self, part: str) -> tuple[float, float]:
        x, t, labels = self._x[part], self._t[part], self._y[part]
        n = x.shape[1]
        if n == 0:
            return float("nan"), float("nan")
        total = 0.0
        preds = np.empty(n, dtype=np.int64)
        with np.errstate(all="ignore"):
            for lo in range(0, n, _EVAL_ROWS):
                hi = min(n, lo + _EVAL_ROWS)
                block = self._block(hi - lo)
                y = self._forward(x[:, lo:hi], None, block)
                total += self._error_sum(y, t[:, lo:hi], block)
                if y.shape[0] > 1:
                    preds[lo:hi] = np.argmax(y, axis=0)
                else:
                    preds[lo:hi] = y[0] > self.threshold
        self._pred[part] = preds
        return total / n, float(np.count_nonzero(preds == labels)) / n

    def epoch_error(self) -> float:
        return self._err_sum / self._err_n if self._err_n else float("nan")

    def predictions(self, part: str) -> np.ndarray | None:
        pred = self._pred.get(part)
        return None if pred is None else pred.copy()

    # ------------------------------------------------------------ dropout masks
    def set_dropout_recording(self, on: bool) -> None:
        """As :meth:`nnviz.core.training.torch_engine.TorchEngine.set_dropout_recording`."""
        self.record_dropout = bool(on)
        if not on:
            self._masks = []

    def dropout_masks(self, samples: int | None = 1) -> list[np.ndarray] | None:
        """As :meth:`nnviz.core.training.torch_engine.TorchEngine.dropout_masks`:
        per hidden layer (samples, n_l) bool, True = kept."""
        if not self._masks or not any(m is not None for m in self._masks):
            return None
        rows = next(m.shape[1] for m in self._masks if m is not None)
        rows = rows if samples is None else min(rows, int(samples))
        return [
            np.ones((rows, n), bool) if m is None else np.ascontiguousarray(m[:, :rows].T)
            for m, n in zip(self._masks, self.layers[1:-1], strict=True)
        ]

    # ------------------------------------------------------------ parameters
    def get_parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        weights = [wb[:-1].copy() for wb in self._wb]
        biases = [wb[-1].copy() for wb in self._wb]
        return weights, biases

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        for wb, w, b in zip(self._wb, weights, biases, strict=True):
            wb[:-1] = np.asarray(w, dtype=np.float64)
            wb[-1] = np.asarray(b, dtype=np.float64)

    def set_hyper(self, *, lr: float, momentum: float, l2: float, l1: float) -> None:
        self._lr, self._momentum, self._l2, self._l1 = (
            float(lr),
            float(momentum),
            float(l2),
            float(l1),
        )

    def reset_optimizer(self) -> None:
        self._first[:] = 0.0
        self._second[:] = 0.0
        self._steps = 0

    def optimizer_state(self) -> tuple[np.ndarray, np.ndarray, int]:
        """(momentum buffer or Adam's first moment, Adam's second moment, Adam's t),
        copies in the packed layout (as the compiled engine's)."""
        return self._first.copy(), self._second.copy(), self._steps

    def set_optimizer_state(self, first: np.ndarray, second: np.ndarray, steps: int) -> None:
        self._first[:] = first
        self._second[:] = second
        self._steps = int(steps)

    def close(self) -> None:
        self._masks = []
        self._blocks.clear()
        self._pred.clear()


# ------------------------------------------------------------ activations
def _activate(act: str, a: np.ndarray, out: np.ndarray) -> None:
    """``out = f(a)`` element-wise, or down each column for softmax (``out`` may be ``a``)."""
    if act == "tanh":
        np.tanh(a, out=out)
    elif act == "sigmoid":
        np.negative(a, out=out)
        np.exp(out, out=out)
        out += 1.0
        np.reciprocal(out, out=out)
    elif act == "relu":
        np.maximum(a, 0.0, out=out)
    elif act == "softmax":
        np.subtract(a, a.max(axis=0), out=out)
        np.exp(out, out=out)
        out /= out.sum(axis=0)
    elif out is not a:  # identity
        np.copyto(out, a)


def _times_derivative(
    act: str, d: np.ndarray, y: np.ndarray, tmp: np.ndarray, mask: np.ndarray
) -> None:
    """``d *= f'(a)``, the derivative written with the output y = f(a)."""
    if act == "tanh":
        np.multiply(y, y, out=tmp)
        np.subtract(1.0, tmp, out=tmp)
        d *= tmp
    elif act == "sigmoid":
        np.subtract(1.0, y, out=tmp)
        tmp *= y
        d *= tmp
    elif act == "relu":
        m = mask[: d.shape[0], : d.shape[1]]
        np.greater(y, 0.0, out=m)
        d *= m
