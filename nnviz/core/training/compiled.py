"""The compiled engine: small networks trained on the CPU by one numba kernel.

A tiny network (the 2-D lessons: 2-8-8-1, a hundred weights) learns slowly
under PyTorch because every update pays the framework's fixed cost (about
0.2–0.5 ms), whatever the size of the arithmetic. Here one call of the numba
kernel (:func:`nnviz.core.training._kernels.run`) runs many updates, in
float64, with the GIL released, following exactly the math that
:mod:`nnviz.core.training.engine` states, so that from the same weights and
batch order it gives torch's weights to 1e-9.

What it cannot do (dropout, a GPU) is for the NumPy or the torch engine;
:func:`compiled_limitation` says why. Whether it is the fastest for a job is
the cost model's call (:mod:`nnviz.core.training.costs`), made by
:func:`nnviz.core.training.engine.select_engine`, which also uses the fixed
sentences here (:data:`REASONS`) to say which engine runs and why.

Compilation: the first call of the kernel compiles it (a few seconds) unless
numba's on-disk cache has it. :func:`warm_up_in_background` compiles or loads
it in a plain Python thread (the app starts it at launch); while it runs, a
trainer that chose the engine automatically runs on the NumPy engine and
hands over at an epoch's end (:mod:`nnviz.core.training.handover`). Otherwise
the trainer's own (worker) thread compiles the kernel on first use.
"""

from __future__ import annotations

import importlib.util
import threading
import time
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace
from typing import Any

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.model.network import Network

#: wall time one :meth:`CompiledEngine.run_batches` call aims at, so that the
#: trainer sees stop, pause and setting changes promptly
TARGET_CALL_SECONDS = 0.010
#: samples per block when evaluating a whole data set (at most)
EVAL_BLOCK = 64

_ACT_CODES = {"identity": 0, "sigmoid": 1, "tanh": 2, "relu": 3, "softmax": 4}
_LOSS_MSE, _LOSS_CE, _LOSS_BCE = 0, 1, 2
_OPT_CODES = {"sgd": 0, "adam": 1}
# the kernel's flags and metric columns (kept here so that numba loads only
# when the kernel is needed; a test checks they equal _kernels' constants)
_EVAL_TRAIN, _EVAL_VAL, _GUARD, _EVAL_ONLY = 1, 2, 4, 8
_N_METRICS = 7
_LANES = 8

# Reasons shown in the window beside the engine's name. Fixed sentences (no
# numbers in them) so the GUI can translate them as they are.
REASON_AUTO = "Compiled engine: a small network on the CPU."
REASON_CHOSEN = "Compiled engine, as chosen in the settings."
REASON_TORCH_CHOSEN = "PyTorch, as chosen in the settings."
REASON_NUMPY_CHOSEN = "NumPy engine, as chosen in the settings."
REASON_NO_NUMBA = "PyTorch: the compiled engine needs numba, which is not available."
REASON_NUMPY_NO_NUMBA = "NumPy engine: the compiled engine needs numba, which is not available."
REASON_DROPOUT = "PyTorch: dropout needs the PyTorch engine."
REASON_NUMPY_DROPOUT = "NumPy engine: the compiled engine cannot train with dropout."
REASON_DEVICE = "PyTorch: the compiled engine runs only on the CPU, and a GPU was chosen."
REASON_BIG = "PyTorch: faster than the compiled engine for a network this big at this batch size."
REASON_ACTIVATION = "PyTorch: the compiled engine cannot train this activation."
REASON_COMPILING = "PyTorch, while the compiled engine is being prepared (once, a few seconds)."
REASON_NUMPY_COMPILING = (
    "NumPy engine, while the compiled engine is being prepared (once, a few seconds)."
)

#: every reason string, for translation tools
REASONS = (
    REASON_AUTO,
    REASON_CHOSEN,
    REASON_TORCH_CHOSEN,
    REASON_NUMPY_CHOSEN,
    REASON_NO_NUMBA,
    REASON_NUMPY_NO_NUMBA,
    REASON_DROPOUT,
    REASON_NUMPY_DROPOUT,
    REASON_DEVICE,
    REASON_BIG,
    REASON_ACTIVATION,
    REASON_COMPILING,
    REASON_NUMPY_COMPILING,
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
    return None


# ------------------------------------------------------------ the kernel
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
    """True once the kernel has been compiled (or loaded from the disk cache) and
    run in this process."""
    return _ready.is_set()


def warming_up() -> bool:
    """True while :func:`warm_up_in_background`'s thread is still compiling."""
    return _warm_thread is not None and _warm_thread.is_alive() and not _ready.is_set()


def warm_up() -> float:
    """Compile (or load from numba's disk cache) the kernel; seconds it took.

    The kernel is called once, through :class:`CompiledEngine`, on tiny
    arrays of exactly the types the engine always passes (activations,
    losses and optimizers are run-time codes), so one compiled version serves
    every network.
    """
    t0 = time.perf_counter()
    net = Network.initialised([2, 3, 2], ["tanh", "softmax"], seed=0)
    x = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]])
    y = np.array([0, 1, 1], dtype=np.int64)
    data = SimpleNamespace(
        x_train=x, t_train=np.eye(2)[y], y_train=y,
        x_val=x[:2].copy(), t_val=np.eye(2)[y[:2]], y_val=y[:2].copy(), threshold=0.5,
    )  # fmt: skip
    config = SimpleNamespace(
        loss="cross_entropy", optimizer="sgd", lr=0.1, momentum=0.0, betas=(0.9, 0.999),
        eps=1e-8, l2=0.0, l1=0.0, batch_size=2, eval_train=True, dropout_for=lambda n: [0.0] * n,
    )  # fmt: skip
    CompiledEngine(net, data, config).run_epochs(np.zeros((1, 3), dtype=np.int64), 2)
    _ready.set()
    global last_warm_up_s
    last_warm_up_s = time.perf_counter() - t0
    return last_warm_up_s


#: seconds the last :func:`warm_up` took (compiling, or loading from the disk cache)
last_warm_up_s: float | None = None


_warm_thread: threading.Thread | None = None
_warm_lock = threading.Lock()


def warm_up_in_background() -> threading.Thread | None:
    """Start :func:`warm_up` in a daemon thread (once); None without numba.

    Called at application start: until it is done, jobs the compiled engine
    would train start on the NumPy engine instead of waiting, and the next
    start finds the kernel in numba's disk cache.
    """
    global _warm_thread
    if not numba_available():
        return None
    with _warm_lock:
        if _warm_thread is None:
            _warm_thread = threading.Thread(
                target=_warm_up_quietly, name="nnviz-numba-warm-up", daemon=True
            )
            _warm_thread.start()
    return _warm_thread


def _warm_up_quietly() -> None:
    # A failure here must not kill anything: a trainer told to use the
    # compiled engine compiles on first use and reports a real error there.
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

    def packed(self, threshold: float) -> np.ndarray:
        """The kernel's ``hyper`` vector (positions ``_kernels.H_*``)."""
        b1, b2 = self.betas
        return np.array(
            [self.lr, self.momentum, b1, b2, self.eps, self.l1, self.l2, threshold],
            dtype=np.float64,
        )


class OptimizerState:
    """Momentum buffer or Adam's moments, and Adam's step count t (packed layout)."""

    def __init__(self, n_params: int) -> None:
        self.first = np.zeros(n_params)
        self.second = np.zeros(n_params)
        self.steps = np.zeros(1, dtype=np.int64)

    def reset(self) -> None:
        self.first[:] = 0.0
        self.second[:] = 0.0
        self.steps[0] = 0


def packed_layout(layers: list[int]) -> tuple[np.ndarray, np.ndarray, int]:
    """(w_off, b_off, n_params) of the flat parameter vector: layer l's weights
    ω_jk at ``w_off[l] + j * layers[l+1] + k``, its biases right after them."""
    n_layers = len(layers) - 1
    w_off = np.zeros(n_layers, dtype=np.int64)
    b_off = np.zeros(n_layers, dtype=np.int64)
    off = 0
    for layer in range(n_layers):
        w_off[layer] = off
        off += int(layers[layer] * layers[layer + 1])
        b_off[layer] = off
        off += int(layers[layer + 1])
    return w_off, b_off, off


def _block_width(samples: int) -> int:
    return max(_LANES, -(-int(samples) // _LANES) * _LANES)


class PackedNetwork:
    """A network's parameters in one flat float64 vector, and the kernel's work space.

    ``params[w_off[l] + j * layers[l+1] + k]`` is ω_jk of layer l and
    ``params[b_off[l] + k]`` its bias k. :meth:`run` calls the kernel always
    with the same argument types, so it is compiled once.
    """

    def __init__(self, network: Network, loss: str) -> None:
        sizes = np.array(network.layers, dtype=np.int64)
        self.sizes = sizes
        self.w_off, self.b_off, off = packed_layout(network.layers)
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
        for layer in range(len(self.w_off)):
            self.reg_mask[self.w_off[layer] : self.b_off[layer]] = True
        self.params = np.zeros(off)
        self.grad = np.zeros(off)
        self.saved = np.zeros(off)
        self.units = int(self.u_off[-1])
        self.n_out = int(sizes[-1])
        self._work(_LANES, _LANES)
        self._rows = np.zeros(0, dtype=np.int64)
        self.set(network.weights, network.biases)

    def _work(self, width: int, eval_width: int) -> None:
        """Block work space: a row per neuron, a column per sample of the block."""
        self.h = np.zeros((self.units, width))
        self.d = np.zeros((self.units, width))
        self.logits = np.zeros((self.n_out, width))
        self.eval_h = np.zeros((self.units, eval_width))
        self.eval_logits = np.zeros((self.n_out, eval_width))

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

    def run(
        self,
        data: Any,
        orders: np.ndarray,
        start: int,
        max_batches: int,
        batch_size: int,
        hyper: Hyper,
        state: OptimizerState,
        flags: int,
        metrics: np.ndarray,
    ) -> tuple[int, int]:
        """One kernel call (see :func:`nnviz.core.training._kernels.run`):
        (epochs completed, position in the last epoch touched)."""
        n = orders.shape[1]
        n_eval = max(len(data.x_train), len(data.x_val))
        width = self.h.shape[1]
        if n > 0 and max_batches > 0 and not flags & _EVAL_ONLY:
            width = _block_width(min(int(batch_size), n))
        eval_width = _block_width(min(EVAL_BLOCK, max(n_eval, 1)))
        if self.h.shape[1] != width or self.eval_h.shape[1] != eval_width:
            self._work(width, eval_width)
        if len(self._rows) < n_eval:
            self._rows = np.arange(n_eval, dtype=np.int64)
        if len(data.x_val) == 0:
            flags &= ~_EVAL_VAL
        k = kernels()
        done, pos = k.run(
            self.params, self.sizes, self.w_off, self.b_off, self.u_off, self.acts,
            int(self.loss_code), int(_OPT_CODES[hyper.optimizer]), hyper.packed(data.threshold),
            self.reg_mask, state.first, state.second, state.steps, self.grad, self.saved,
            data.x_train, data.t_train, data.y_train, data.x_val, data.t_val, data.y_val,
            self._rows, orders, int(start), int(max_batches), int(batch_size), int(flags),
            self.h, self.d, self.logits, self.eval_h, self.eval_logits, metrics,
        )  # fmt: skip
        if not _ready.is_set():  # compiled (or loaded) on first use rather than by warm_up
            _ready.set()
        return int(done), int(pos)


# ------------------------------------------------------------ engine
def _writable_contiguous(data: Any) -> Any:
    """``data`` with C-ordered, writable arrays: the types the kernel was compiled for.

    (A read-only or strided array would make numba compile another version.)
    """
    out = SimpleNamespace(threshold=float(data.threshold))
    for name in ("x_train", "t_train", "x_val", "t_val"):
        setattr(out, name, np.require(getattr(data, name), np.float64, ["C", "W"]))
    for name in ("y_train", "y_val"):
        setattr(out, name, np.require(getattr(data, name), np.int64, ["C", "W"]))
    return out


def _empty_metrics(rows: int) -> np.ndarray:
    m = np.zeros((rows, _N_METRICS))
    m[:, :4] = np.nan  # not evaluated unless the kernel evaluates
    return m


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
        self._eval_mask = (_EVAL_TRAIN if getattr(config, "eval_train", True) else 0) | _EVAL_VAL
        self._model = PackedNetwork(network, config.loss)
        self._state = OptimizerState(self._model.n_params)
        n = len(self.data.x_train)
        self._order = np.arange(n, dtype=np.int64).reshape(1, n)
        #: the epoch so far: batch error sums and, once it ended, its evaluations
        self._epoch = _empty_metrics(1)
        self._metrics_fresh = False
        # a first guess from ~2 ns per parameter and sample, refined by timing
        self._sec_per_sample = 2e-9 * self._model.n_params + 2e-8
        self.batches_per_call = 1
        self._tune(max(1, int(config.batch_size) or n))

    def _tune(self, batch_size: int) -> None:
        per_batch = self._sec_per_sample * min(batch_size, max(1, self._order.shape[1]))
        self.batches_per_call = max(1, int(TARGET_CALL_SECONDS / per_batch))

    def _measured(self, seconds: float, samples: int, batch_size: int) -> None:
        if samples > 0 and seconds < 1.0:  # a call that compiled says nothing about speed
            self._sec_per_sample = 0.5 * self._sec_per_sample + 0.5 * seconds / samples
            self._tune(batch_size)

    def set_data(self, data: Any) -> None:
        """Train on new arrays from the next epoch on (weights and optimizer state kept)."""
        self.data = _writable_contiguous(data)
        self.set_order(np.arange(len(self.data.x_train), dtype=np.int64))

    def set_order(self, order: np.ndarray) -> None:
        self._order = np.ascontiguousarray(order, dtype=np.int64).reshape(1, -1)
        self._epoch = _empty_metrics(1)
        self._metrics_fresh = False

    def run_batches(self, start: int, n_batches: int, batch_size: int) -> int:
        t0 = time.perf_counter()
        _done, pos = self._model.run(
            self.data, self._order, start, n_batches, batch_size, self._hyper, self._state,
            self._eval_mask, self._epoch,
        )  # fmt: skip
        self._metrics_fresh = pos >= self._order.shape[1] and pos > start
        self._measured(time.perf_counter() - t0, pos - start, batch_size)
        return pos

    def epochs_per_call(self, batch_size: int) -> int:
        """Whole epochs that fit in one :meth:`run_epochs` call of about 10 ms."""
        per_epoch = self._sec_per_sample * max(1, self._order.shape[1]) * 1.3  # + evaluation
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
        orders = np.ascontiguousarray(orders, dtype=np.int64)
        t0 = time.perf_counter()
        metrics = _empty_metrics(len(orders))
        done, _pos = self._model.run(
            self.data, orders, 0, 1 << 62, batch_size, self._hyper, self._state,
            self._eval_mask | _GUARD, metrics,
        )  # fmt: skip
        self._measured((time.perf_counter() - t0) / 1.3, done * orders.shape[1], batch_size)
        self._metrics_fresh = False
        if done:
            self._order = orders[done - 1 : done].copy()
        rows = metrics[:done, :6].copy()
        with np.errstate(invalid="ignore", divide="ignore"):
            rows[:, 4] = metrics[:done, 4] / metrics[:done, 6]
        return rows, done < len(orders)

    def evaluate(self, part: str) -> tuple[float, float]:
        d = self.data
        x = d.x_train if part == "train" else d.x_val
        if len(x) == 0:
            return float("nan"), float("nan")
        m = self._epoch[0]
        if self._metrics_fresh:  # computed at the end of the epoch, same parameters
            if part == "train" and self._eval_mask & _EVAL_TRAIN:
                return float(m[0]), float(m[1])
            if part == "val":
                return float(m[2]), float(m[3])
        out = _empty_metrics(1)
        flags = _EVAL_ONLY | (_EVAL_TRAIN if part == "train" else _EVAL_VAL)
        no_order = np.zeros((1, 0), dtype=np.int64)
        self._model.run(d, no_order, 0, 0, 1, self._hyper, self._state, flags, out)
        col = 0 if part == "train" else 2
        return float(out[0, col]), float(out[0, col + 1])

    def epoch_error(self) -> float:
        # the mean error per sample of the epoch so far, as the torch engine computes it
        m = self._epoch[0]
        if m[6] == 0:
            return float("nan")
        return float(m[4] / m[6])

    def predictions(self, part: str) -> np.ndarray | None:
        # the kernel counts the correct predictions without keeping them; the
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

    def optimizer_state(self) -> tuple[np.ndarray, np.ndarray, int]:
        """(momentum buffer or Adam's first moment, Adam's second moment, Adam's t),
        copies, in the packed layout of :func:`packed_layout`."""
        s = self._state
        return s.first.copy(), s.second.copy(), int(s.steps[0])

    def set_optimizer_state(self, first: np.ndarray, second: np.ndarray, steps: int) -> None:
        """Take over another engine's optimizer state (see :meth:`optimizer_state`)."""
        s = self._state
        s.first[:] = first
        s.second[:] = second
        s.steps[0] = int(steps)

    def close(self) -> None:
        self._epoch[:] = 0.0
