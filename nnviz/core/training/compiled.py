"""The compiled engine: small networks trained on the CPU by numba kernels.

A tiny network (the 2-D lessons: 2-8-8-1, a hundred weights) learns slowly
under PyTorch because every update pays the framework's fixed cost (about
0.2–0.5 ms), whatever the size of the arithmetic. Here one call of a numba
kernel (:mod:`nnviz.core.training._kernels`) runs many updates, in float64,
with the GIL released, following exactly the math that
:mod:`nnviz.core.training.engine` states, so that from the same weights and batch
order it gives torch's weights to 1e-9.

What it cannot do (dropout, a GPU, a big network) is for the torch engine;
:func:`compiled_limitation` says why, and
:func:`nnviz.core.training.engine.select_engine` uses it.

Compilation: the first call of a kernel compiles it (a few seconds) unless
numba's on-disk cache has it. :func:`warm_up_in_background` fills the cache in
a plain Python thread at start-up; a trainer that needs the kernels before
that ends simply waits for them in its own (worker) thread.
"""

from __future__ import annotations

import copy
import importlib.util
import threading
import time
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace
from typing import Any

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.model.network import Network

#: Above this many parameters (weights + biases) the torch engine is as fast
#: or faster. Measured on a 2-core CPU, one epoch of the digits (1,437
#: training images), Adam, ReLU + softmax, CPU time per epoch, torch float32 vs
#: compiled float64 (benchmarks/bench_small_net.py measures the spiral job):
#:   64-32-10    (2,410 parameters): batch 32: 15.7 vs 4.1 ms; batch 128: 6.3 vs 4.0
#:   64-64-10    (4,810):            batch 32: 15.6 vs 5.9 ms; batch 128: 7.2 vs 6.3
#:   64-64-64-10 (8,970):            batch 32: 21.0 vs 10.6 ms; batch 128: 8.7 vs 11.9
#: The compiled cost grows with the parameters; torch's is mostly a fixed cost
#: per update, so the bigger the batch the sooner torch wins: near 5,000 at 128.
MAX_PARAMETERS = 5000

#: samples per block when evaluating a whole data set
_EVAL_BLOCK = 64

#: wall time one :meth:`CompiledEngine.run_batches` call aims at, so that the
#: trainer sees stop, pause and setting changes promptly
TARGET_CALL_SECONDS = 0.010

_ACT_CODES = {"identity": 0, "sigmoid": 1, "tanh": 2, "relu": 3, "softmax": 4}
_LOSS_MSE, _LOSS_CE, _LOSS_BCE = 0, 1, 2
_OPT_CODES = {"sgd": 0, "adam": 1}

# Reasons shown in the window beside the engine's name. Fixed sentences (no
# numbers in them) so the GUI can translate them as they are.
REASON_AUTO = "Compiled engine: a small network on the CPU."
REASON_CHOSEN = "Compiled engine, as chosen in the settings."
REASON_TORCH_CHOSEN = "PyTorch, as chosen in the settings."
REASON_NO_NUMBA = "PyTorch: the compiled engine needs numba, which is not available."
REASON_DROPOUT = "PyTorch: dropout needs the PyTorch engine."
REASON_DEVICE = "PyTorch: the compiled engine runs only on the CPU, and a GPU was chosen."
# (keep the number in step with MAX_PARAMETERS; a literal, for the translators)
REASON_BIG = "PyTorch: the network is too big for the compiled engine (over 5,000 parameters)."
REASON_ACTIVATION = "PyTorch: the compiled engine cannot train this activation."
REASON_COMPILING = "PyTorch, while the compiled engine is being prepared (once, a few seconds)."

#: every reason string, for translation tools
REASONS = (
    REASON_AUTO,
    REASON_CHOSEN,
    REASON_TORCH_CHOSEN,
    REASON_NO_NUMBA,
    REASON_DROPOUT,
    REASON_DEVICE,
    REASON_BIG,
    REASON_ACTIVATION,
    REASON_COMPILING,
)


def numba_available() -> bool:
    """True when numba is installed and, if it was loaded already, loaded without error.

    Checked without importing numba (which takes a moment).
    """
    return _load_error is None and importlib.util.find_spec("numba") is not None


def compiled_limitation(
    network: Network, dropout: list[float], device: str
) -> tuple[str, UserError] | None:
    """Why the compiled engine cannot train this job, or None when it can.

    Returns (the reason shown when PyTorch runs instead, the error to raise
    for a user who asked for the compiled engine explicitly).
    """
    if not numba_available():
        return REASON_NO_NUMBA, UserError(
            "The compiled engine needs the numba package, which is not installed or "
            "does not load; install numba or choose the engine 'torch'."
        )
    if any(p > 0.0 for p in dropout):
        return REASON_DROPOUT, UserError(
            "The compiled engine cannot train with dropout; set dropout to 0 or "
            "choose the engine 'torch' or 'auto'."
        )
    if device not in ("auto", "cpu"):
        return REASON_DEVICE, UserError(
            "The compiled engine runs only on the CPU, not on '{0}'; choose the "
            "device 'cpu' or the engine 'torch' or 'auto'.",
            device,
        )
    bad = [a for a in network.activations if a not in _ACT_CODES]
    if bad:
        return REASON_ACTIVATION, UserError(
            "The compiled engine cannot train the '{0}' activation.", bad[0]
        )
    if network.n_parameters > MAX_PARAMETERS:
        return REASON_BIG, UserError(
            "The compiled engine is for networks of at most {0:,} parameters; "
            "this one has {1:,}. Choose the engine 'torch' or 'auto'.",
            MAX_PARAMETERS,
            network.n_parameters,
        )
    return None


# ------------------------------------------------------------ kernels
_kernels_lock = threading.Lock()
_kernels_mod: ModuleType | None = None
#: why importing the kernels failed (numba broken, cache folder unusable), if it did
_load_error: str | None = None
_ready = threading.Event()


def kernels() -> ModuleType:
    """The kernel module (imports numba on first use); :class:`UserError` if it cannot load."""
    global _kernels_mod, _load_error
    if _kernels_mod is not None:
        return _kernels_mod
    with _kernels_lock:
        if _kernels_mod is None:
            try:
                from nnviz.core.training import _kernels
            except Exception as exc:  # an ImportError, or numba refusing its cache folder
                _load_error = f"{type(exc).__name__}: {exc}"
                raise UserError(
                    "The compiled engine could not load numba ({0}); choose the engine 'torch'.",
                    _load_error,
                ) from None
            _kernels_mod = _kernels
        return _kernels_mod


def kernels_ready() -> bool:
    """True once :func:`warm_up` has compiled (or loaded from the disk cache) every kernel."""
    return _ready.is_set()


def warming_up() -> bool:
    """True while :func:`warm_up_in_background`'s thread is still compiling."""
    return _warm_thread is not None and _warm_thread.is_alive() and not _ready.is_set()


def warm_up() -> float:
    """Compile (or load from numba's disk cache) every kernel; seconds it took.

    Each kernel is called once on tiny arrays with exactly the argument types
    the engine uses (the activations, losses and optimizers are run-time
    codes, so one compiled version serves every network).
    """
    t0 = time.perf_counter()
    net = Network.initialised([2, 3, 2], ["tanh", "softmax"], seed=0)
    x = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]])
    y = np.array([0, 1, 1], dtype=np.int64)
    data = SimpleNamespace(
        x_train=x, t_train=np.eye(2)[y], y_train=y,
        x_val=x[:2].copy(), t_val=np.eye(2)[y[:2]], y_val=y[:2].copy(), threshold=0.5,
    )  # fmt: skip
    model = PackedNetwork(net, "cross_entropy")
    model.train(
        data, np.arange(3, dtype=np.int64), 0, 2, 2, Hyper(), OptimizerState(model.n_params),
        np.zeros(2), 3, np.zeros(4),
    )  # fmt: skip
    model.train_epochs(
        data, np.zeros((1, 3), dtype=np.int64), 2, Hyper(), OptimizerState(model.n_params), 3
    )
    _ready.set()
    return time.perf_counter() - t0


_warm_thread: threading.Thread | None = None


def warm_up_in_background() -> threading.Thread | None:
    """Start :func:`warm_up` in a daemon thread (once); None without numba.

    Call it at application start: the window never waits for compilation,
    and the next start finds the kernels in numba's disk cache.
    """
    global _warm_thread
    if not numba_available():
        return None
    if _warm_thread is None:
        _warm_thread = threading.Thread(
            target=_warm_up_quietly, name="nnviz-numba-warm-up", daemon=True
        )
        _warm_thread.start()
    return _warm_thread


def _warm_up_quietly() -> None:
    # A failure here must not kill anything: the trainer compiles on first
    # use anyway and reports a real error there.
    try:
        warm_up()
    except Exception:  # noqa: BLE001
        pass


# ------------------------------------------------------------ packing
@dataclass
class Hyper:
    """The optimizer's settings for the next updates."""

    optimizer: str = "sgd"
    lr: float = 0.1
    momentum: float = 0.0
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    l2: float = 0.0
    l1: float = 0.0


class OptimizerState:
    """Momentum buffer or Adam's moments, and Adam's step count t."""

    def __init__(self, n_params: int) -> None:
        self.first = np.zeros(n_params)
        self.second = np.zeros(n_params)
        self.steps = np.zeros(1, dtype=np.int64)

    def reset(self) -> None:
        self.first[:] = 0.0
        self.second[:] = 0.0
        self.steps[0] = 0


class PackedNetwork:
    """A network's parameters in one flat float64 vector, as the kernels use them.

    ``params[w_off[l] + j * layers[l+1] + k]`` is ω_jk of layer l and
    ``params[b_off[l] + k]`` its bias k.
    """

    def __init__(self, network: Network, loss: str) -> None:
        sizes = np.array(network.layers, dtype=np.int64)
        n_layers = len(sizes) - 1
        self.sizes = sizes
        self.w_off = np.zeros(n_layers, dtype=np.int64)
        self.b_off = np.zeros(n_layers, dtype=np.int64)
        off = 0
        for layer in range(n_layers):
            self.w_off[layer] = off
            off += int(sizes[layer] * sizes[layer + 1])
            self.b_off[layer] = off
            off += int(sizes[layer + 1])
        self.n_params = off
        self.u_off = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.acts = np.array([_ACT_CODES[a] for a in network.activations], dtype=np.int64)
        if loss == "mse":
            self.loss_code = _LOSS_MSE
        elif network.activations[-1] == "softmax":
            self.loss_code = _LOSS_CE
        else:
            self.loss_code = _LOSS_BCE
        #: True for weights (penalised), False for biases
        self.reg_mask = np.zeros(off, dtype=np.bool_)
        for layer in range(n_layers):
            self.reg_mask[self.w_off[layer] : self.b_off[layer]] = True
        self.params = np.zeros(off)
        self.grad = np.zeros(off)
        self.units = int(self.u_off[-1])
        self.n_out = int(sizes[-1])
        #: block work space: a row per neuron, a column per sample (see the kernels)
        self.h = np.zeros((self.units, 4))
        self.d = np.zeros((self.units, 4))
        self.logits = np.zeros((self.n_out, 4))
        self.eval_h = np.zeros((self.units, _EVAL_BLOCK))
        self.eval_logits = np.zeros((self.n_out, _EVAL_BLOCK))
        self._rows = np.zeros(0, dtype=np.int64)
        self._no_order = np.zeros(0, dtype=np.int64)
        self._no_state = OptimizerState(0)
        self._no_errors = np.zeros(2)
        self._saved = np.zeros(off)
        self.set(network.weights, network.biases)

    def set(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        for layer, (w, b) in enumerate(zip(weights, biases, strict=True)):
            lo, mid = self.w_off[layer], self.b_off[layer]
            self.params[lo:mid] = np.asarray(w, dtype=np.float64).ravel()
            self.params[mid : mid + self.sizes[layer + 1]] = np.asarray(b, dtype=np.float64)

    def get(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of weights[l][j, k] and biases[l][k] (views of one private copy)."""
        params = self.params.copy()
        weights, biases = [], []
        for layer in range(len(self.w_off)):
            n_in, n_out = int(self.sizes[layer]), int(self.sizes[layer + 1])
            lo, mid = self.w_off[layer], self.b_off[layer]
            weights.append(params[lo:mid].reshape(n_in, n_out))
            biases.append(params[mid : mid + n_out])
        return weights, biases

    def train(
        self,
        data: Any,
        order: np.ndarray,
        start: int,
        n_batches: int,
        batch_size: int,
        hyper: Hyper,
        state: OptimizerState,
        errors: np.ndarray,
        eval_mask: int = 0,
        metrics: np.ndarray | None = None,
    ) -> int:
        """Up to ``n_batches`` updates from position ``start`` of ``order``; the next position.

        ``data`` has the arrays of :class:`nnviz.core.training.engine.EngineData`.
        When the call ends the epoch, the training set (``eval_mask & 1``) and
        the validation set (``eval_mask & 2``) are evaluated in the same call,
        into ``metrics`` = [train error, train accuracy, val error, val accuracy].
        """
        width = -(-min(int(batch_size), len(order)) // 4) * 4  # a multiple of 4
        if n_batches > 0 and start < len(order) and self.h.shape[1] != width:
            self.h = np.zeros((self.units, width))
            self.d = np.zeros((self.units, width))
            self.logits = np.zeros((self.n_out, width))
        if len(data.x_val) == 0:
            eval_mask &= 1
        if metrics is None:
            metrics = np.zeros(4)
            eval_mask = 0
        rows = self._rows_for(max(len(data.x_train), len(data.x_val)))
        k = kernels()
        return int(
            k.train_batches(
                self.params, self.sizes, self.w_off, self.b_off, self.u_off, self.acts,
                self.loss_code, data.x_train, data.t_train, order, int(start), int(n_batches),
                int(batch_size), _OPT_CODES[hyper.optimizer], float(hyper.lr),
                float(hyper.momentum), float(hyper.betas[0]), float(hyper.betas[1]),
                float(hyper.eps), float(hyper.l1), float(hyper.l2), self.reg_mask,
                state.first, state.second, state.steps, self.grad, self.h, self.d,
                self.logits, errors, int(eval_mask), data.y_train, data.x_val, data.t_val,
                data.y_val, float(data.threshold), rows, self.eval_h, self.eval_logits, metrics,
            )
        )  # fmt: skip

    def train_epochs(
        self,
        data: Any,
        orders: np.ndarray,
        batch_size: int,
        hyper: Hyper,
        state: OptimizerState,
        eval_mask: int,
    ) -> np.ndarray:
        """Whole epochs, one per row of ``orders``, in one kernel call.

        Returns the metrics of the completed epochs, one row each: train
        error, train accuracy, val error, val accuracy (NaN where not
        evaluated), mean batch error, penalty Ψ. Fewer rows than orders means the next
        epoch diverged; the parameters are then those before it.
        """
        orders = np.ascontiguousarray(orders, dtype=np.int64)
        n = orders.shape[1]
        width = -(-min(int(batch_size), n) // 4) * 4
        if self.h.shape[1] != width:
            self.h = np.zeros((self.units, width))
            self.d = np.zeros((self.units, width))
            self.logits = np.zeros((self.n_out, width))
        if len(data.x_val) == 0:
            eval_mask &= 1
        metrics = np.zeros((len(orders), 6))
        rows = self._rows_for(max(len(data.x_train), len(data.x_val)))
        k = kernels()
        done = k.train_epochs(
            self.params, self.sizes, self.w_off, self.b_off, self.u_off, self.acts,
            self.loss_code, data.x_train, data.t_train, orders, int(batch_size),
            _OPT_CODES[hyper.optimizer], float(hyper.lr), float(hyper.momentum),
            float(hyper.betas[0]), float(hyper.betas[1]), float(hyper.eps), float(hyper.l1),
            float(hyper.l2), self.reg_mask, state.first, state.second, state.steps, self.grad,
            self.h, self.d, self.logits, np.zeros(2), int(eval_mask), data.y_train, data.x_val,
            data.t_val, data.y_val, float(data.threshold), rows, self.eval_h, self.eval_logits,
            metrics, self._saved,
        )  # fmt: skip
        return metrics[: int(done)]

    def _rows_for(self, n: int) -> np.ndarray:
        if len(self._rows) < n:
            self._rows = np.arange(n, dtype=np.int64)
        return self._rows

    def evaluate(
        self, x: np.ndarray, t: np.ndarray, labels: np.ndarray, threshold: float
    ) -> tuple[float, float]:
        """(mean error, accuracy) of the current parameters on ``x``."""
        if len(x) == 0:
            return float("nan"), float("nan")
        # the training kernel with no samples to train on: it only evaluates
        data = SimpleNamespace(
            x_train=x, t_train=t, y_train=labels, x_val=x[:0], t_val=t[:0], y_val=labels[:0],
            threshold=threshold,
        )  # fmt: skip
        metrics = np.zeros(4)
        self.train(
            data, self._no_order, 0, 0, 1, Hyper(), self._no_state, self._no_errors, 1, metrics
        )
        loss, acc = metrics[0], metrics[1]
        return float(loss), float(acc)


# ------------------------------------------------------------ engine
def _writable_contiguous(data: Any) -> Any:
    """``data`` with C-ordered, writable arrays: the types the kernels were compiled for.

    (A read-only or strided array would make numba compile another version.)
    """
    data = copy.copy(data)
    for name in ("x_train", "t_train", "x_val", "t_val"):
        setattr(data, name, np.require(getattr(data, name), np.float64, ["C", "W"]))
    for name in ("y_train", "y_val"):
        setattr(data, name, np.require(getattr(data, name), np.int64, ["C", "W"]))
    return data


class CompiledEngine:
    """The :class:`nnviz.core.training.engine.Engine` of small CPU networks (float64, numba)."""

    name = "compiled"

    def __init__(self, network: Network, data: Any, config: Any, device: str = "cpu") -> None:
        limitation = compiled_limitation(
            network, config.dropout_for(len(network.layers) - 2), device
        )
        if limitation is not None:
            raise limitation[1]
        self.device = "cpu"
        self.data = _writable_contiguous(data)
        self._hyper = Hyper(
            optimizer=config.optimizer,
            lr=float(config.lr),
            momentum=float(config.momentum),
            betas=(float(config.betas[0]), float(config.betas[1])),
            eps=float(config.eps),
            l2=float(config.l2),
            l1=float(config.l1),
        )
        # evaluate at the end of each epoch inside the training call: the
        # trainer asks for these right after (see evaluate)
        self._eval_mask = (1 if getattr(config, "eval_train", True) else 0) | 2
        self._metrics = np.full(4, np.nan)
        self._metrics_fresh = False
        self._model = PackedNetwork(network, config.loss)
        self._state = OptimizerState(self._model.n_params)
        self._errors = np.zeros(2)
        self._order = np.arange(len(data.x_train), dtype=np.int64)
        # a first guess from ~1.6 ns per parameter and sample, refined by timing
        self._sec_per_sample = 2e-9 * self._model.n_params + 2e-8
        self.batches_per_call = 1
        self._tune(max(1, int(config.batch_size) or len(data.x_train)))

    def _tune(self, batch_size: int) -> None:
        per_batch = self._sec_per_sample * min(batch_size, max(1, len(self._order)))
        self.batches_per_call = max(1, int(TARGET_CALL_SECONDS / per_batch))

    def set_order(self, order: np.ndarray) -> None:
        self._order = np.ascontiguousarray(order, dtype=np.int64)
        self._errors[:] = 0.0
        self._metrics_fresh = False

    def run_batches(self, start: int, n_batches: int, batch_size: int) -> int:
        t0 = time.perf_counter()
        pos = self._model.train(
            self.data, self._order, start, n_batches, batch_size, self._hyper, self._state,
            self._errors, self._eval_mask, self._metrics,
        )  # fmt: skip
        self._metrics_fresh = pos >= len(self._order) and pos > start
        seconds = time.perf_counter() - t0
        if pos > start and seconds < 1.0:  # a call that compiled says nothing about speed
            measured = seconds / (pos - start)
            self._sec_per_sample = 0.5 * self._sec_per_sample + 0.5 * measured
            self._tune(batch_size)
        return pos

    def epochs_per_call(self, batch_size: int) -> int:
        """Whole epochs that fit in one :meth:`run_epochs` call of about 10 ms."""
        per_epoch = self._sec_per_sample * max(1, len(self._order)) * 1.3  # + evaluation
        return max(1, min(1000, int(TARGET_CALL_SECONDS / per_epoch)))

    def run_epochs(self, orders: np.ndarray, batch_size: int) -> tuple[np.ndarray, bool]:
        """Train ``len(orders)`` whole epochs (row e: the sample order of epoch e) in one call.

        For a trainer that has nothing to change between epochs: the GIL is
        released once for all of them, so a busy GUI thread slows training
        far less than with one call per epoch. Returns (metrics, diverged):
        one row per completed epoch, [train error, train accuracy, val error,
        val accuracy, mean batch error, penalty Ψ] (NaN where not evaluated, as
        :meth:`evaluate` and :meth:`epoch_error` would give); ``diverged``
        when the epoch after them produced a non-finite error or weight (the
        weights are those before it).
        """
        t0 = time.perf_counter()
        metrics = self._model.train_epochs(
            self.data, orders, batch_size, self._hyper, self._state, self._eval_mask
        )
        seconds = time.perf_counter() - t0
        done = len(metrics)
        if done and seconds < 1.0:
            measured = seconds / (done * max(1, orders.shape[1])) / 1.3
            self._sec_per_sample = 0.5 * self._sec_per_sample + 0.5 * measured
            self._tune(batch_size)
        self._metrics_fresh = False
        if done:
            self._order = np.ascontiguousarray(orders[done - 1], dtype=np.int64)
        return metrics, done < len(orders)

    def evaluate(self, part: str) -> tuple[float, float]:
        d = self.data
        if self._metrics_fresh:  # computed at the end of the epoch, same parameters
            m = self._metrics
            if part == "train" and self._eval_mask & 1:
                return float(m[0]), float(m[1])
            if part == "val":
                if len(d.x_val) == 0:
                    return float("nan"), float("nan")
                return float(m[2]), float(m[3])
        if part == "train":
            return self._model.evaluate(d.x_train, d.t_train, d.y_train, d.threshold)
        return self._model.evaluate(d.x_val, d.t_val, d.y_val, d.threshold)

    def epoch_error(self) -> float:
        # the mean error per sample of the epoch so far, as the torch engine computes it
        if self._errors[1] == 0:
            return float("nan")
        return float(self._errors[0] / self._errors[1])

    def predictions(self, part: str) -> np.ndarray | None:
        # the kernels count the correct predictions without keeping them; the
        # networks this engine trains are small enough for a view to predict
        return None

    def get_parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        return self._model.get()

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        self._model.set(weights, biases)
        self._metrics_fresh = False

    def set_hyper(self, *, lr: float, momentum: float, l2: float, l1: float) -> None:
        h = self._hyper
        h.lr, h.momentum, h.l2, h.l1 = float(lr), float(momentum), float(l2), float(l1)

    def reset_optimizer(self) -> None:
        self._state.reset()

    def close(self) -> None:
        self._errors[:] = 0.0
