"""Training a network on a data set: the settings, the metrics, the loop.

Everything here is plain Python (no Qt), so the same loop runs in the tests,
in ``nnviz train`` and in the GUI's worker thread
(:mod:`nnviz.gui.training.worker`). The settings, :class:`TrainingConfig`,
live in :mod:`nnviz.core.training.config` and are re-exported here.

The math, stated exactly so that every engine computes the same numbers
-----------------------------------------------------------------------
Notation: a batch B of |B| training samples; d_b the target vector of
sample b (:func:`nnviz.core.data.dataset.targets_for` of its label: 0/1 or one-hot,
±1 for tanh outputs); y_b the network's output; a_b the output layer's net
input (before its activation); ω the weights (``weights[l][j, k]``), *not* the
biases.

* Error ``"mse"`` (the slides' E(ω) = ½‖d − y‖², averaged over the batch)::

      E_B = (1/|B|) Σ_b ½ Σ_k (d_bk − y_bk)²

* Error ``"cross_entropy"``; needs a softmax or a sigmoid output layer:

  - softmax output (≥ 2 neurons), label c_b:
    ``E_B = −(1/|B|) Σ_b log softmax(a_b)[c_b]``
  - sigmoid output (any number of neurons), targets d_bk ∈ {0, 1}:
    ``E_B = −(1/|B|) Σ_b Σ_k [d_bk log y_bk + (1 − d_bk) log(1 − y_bk)]``

  Both are computed from the net input a (log-softmax, log-sigmoid), never by
  taking the log of a rounded output.

* Penalty (the slides' loss = error + λΨ), weights only, never biases::

      Ψ = l2 · ½ Σ ω²  +  l1 · Σ |ω|        (d|ω|/dω = sign(ω), 0 at ω = 0)

  so the objective of one update is ``J_B = E_B + Ψ`` and its gradient adds
  ``l2 · ω + l1 · sign(ω)`` to ∂E_B/∂ω. (``l2`` is exactly PyTorch's
  ``weight_decay``.)

* Dropout (hidden layers only, training only): each hidden output h is
  replaced by ``h · m / (1 − p)`` with m ~ Bernoulli(1 − p) drawn afresh for
  every sample and update (inverted dropout, as ``torch.nn.Dropout``). Never
  applied when evaluating.

* Optimizers, with g = ∇J_B and PyTorch's exact update rules:

  - ``"sgd"``: ``v ← μ v + g`` (v starts at 0), ``ω ← ω − η v``; μ = 0 is plain
    SGD. No dampening, no Nesterov.
  - ``"adam"``: ``m ← β1 m + (1−β1) g``, ``s ← β2 s + (1−β2) g²``,
    ``ω ← ω − η · (m / (1−β1^t)) / (sqrt(s / (1−β2^t)) + ε)``, t = update count
    since the optimizer state was reset.

* Batches: at the start of every epoch the trainer draws one permutation of
  the training set (``numpy.random.default_rng(seed)``, one ``permutation``
  call per epoch, in epoch order; the identity order if ``shuffle`` is off).
  Batches are consecutive slices of that order of ``batch_size`` samples; the
  last one of an epoch may be smaller and is still one update. A batch size of
  0 or at least the training set's size means full batch.

* Metrics, evaluated after every epoch with dropout off: ``train_loss`` and
  ``val_loss`` are the mean *error* E over the whole training / validation set
  (no penalty; ``penalty`` reports Ψ separately); accuracy is the share of
  samples whose predicted class is the label: argmax of the outputs, or for
  one output ``y > 0.5`` (``y > 0`` when the targets are ±1).

The engine seam
---------------
The loop (:class:`Trainer`) owns the epochs, batch order, early stopping,
divergence, live setting changes and reporting. The arithmetic on arrays is
done by an *engine* (:class:`Engine`): :class:`nnviz.core.training.torch_engine.TorchEngine`
runs everything; a compiled engine for small CPU networks lives in
``nnviz/core/training/compiled.py``. :func:`select_engine` decides which one runs and
says why; :data:`ENGINES` says where each engine class lives.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from nnviz.core.data.dataset import Dataset, split, targets_for
from nnviz.core.errors import UserError
from nnviz.core.model import regions
from nnviz.core.model.network import Network
from nnviz.core.training.config import (  # noqa: F401 (re-exported)
    DEVICES,
    DTYPES,
    ENGINE_CHOICES,
    LOSSES,
    MAX_LR,
    OPTIMIZERS,
    TRAINABLE_ACTIVATIONS,
    TrainingConfig,
    _in_range,
    _learning_rate,
    _positive,
    _whole,
)


# ------------------------------------------------------------------ reports
@dataclass
class EpochMetrics:
    """The figures of one finished epoch (see the module docstring)."""

    epoch: int
    #: optimizer updates since the trainer was built
    updates: int
    train_loss: float
    val_loss: float  # NaN without a validation set
    train_acc: float
    val_acc: float  # NaN without a validation set
    #: the penalty Ψ = l2·½Σω² + l1·Σ|ω| at the end of the epoch
    penalty: float
    lr: float
    batch_size: int
    #: seconds of training since the trainer was built (pauses excluded)
    elapsed: float


@dataclass
class Snapshot:
    """What a live view needs, as CPU copies that nobody else writes to.

    ``history`` holds every epoch finished since the previous snapshot (so a
    plot gets all epochs even when snapshots are throttled); ``metrics`` is the
    latest of them (None before the first epoch ends).
    """

    epoch: int
    updates: int
    metrics: EpochMetrics | None
    history: list[EpochMetrics]
    #: numpy float64 copies in the Network's layout: weights[l][j, k], biases[l][k]
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    #: outputs of every layer (input first) for the probe sample
    probe: list[np.ndarray]
    #: row of the probe sample in ``dataset.x``
    probe_index: int
    best_epoch: int  # 0 before the first epoch
    best_loss: float
    stopped_early: bool
    engine: str
    engine_reason: str
    device: str
    #: True on the last snapshot of a run; ``status`` then says why it ended
    final: bool = False
    status: str = "running"
    #: counts m[i, j] of samples of class i predicted as class j, over the
    #: validation part (the training part without one) at the end of the last
    #: epoch; None before it, for regression data, or from an engine that does
    #: not keep its predictions (the views then compute it themselves)
    confusion: np.ndarray | None = None
    #: "val" or "train": the part ``confusion`` counts
    confusion_part: str = "val"

    @property
    def train_loss(self) -> float:
        return self.metrics.train_loss if self.metrics else math.nan

    @property
    def val_loss(self) -> float:
        return self.metrics.val_loss if self.metrics else math.nan

    @property
    def train_acc(self) -> float:
        return self.metrics.train_acc if self.metrics else math.nan

    @property
    def val_acc(self) -> float:
        return self.metrics.val_acc if self.metrics else math.nan


#: why a run ended
STATUSES = ("completed", "early_stopping", "stopped", "diverged")


@dataclass
class TrainingResult:
    """How :meth:`Trainer.run` ended: ``status`` is one of :data:`STATUSES`."""

    status: str
    message: str
    snapshot: Snapshot
    seconds: float
    #: the divergence, so that a window can say ``message`` in its own language
    error: UserError | None = None

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"


class Diverged(UserError):
    """The loss became NaN or infinite; the last finite weights were kept."""

    exit_code = 3


# ------------------------------------------------------------------ engines
@dataclass
class EngineData:
    """The arrays an engine trains on (C order; float64, or float32 for a float32 torch run)."""

    x_train: np.ndarray  # (n_train, n_inputs)
    t_train: np.ndarray  # (n_train, n_outputs) targets d
    y_train: np.ndarray  # (n_train,) int64 labels
    x_val: np.ndarray
    t_val: np.ndarray
    y_val: np.ndarray
    #: accuracy threshold for a single output (0.5, or 0 for ±1 targets)
    threshold: float = 0.5


class Engine(Protocol):
    """The part that does the arithmetic; the :class:`Trainer` drives it.

    An engine class is built as ``Engine(network, data, config, device)`` and
    must reproduce the module docstring's math exactly (same loss, penalty,
    batch mean and optimizer rules), so that from the same weights and batch
    order every engine gives the same weights (to 1e-9 in float64).
    """

    #: "torch", "compiled", ...
    name: str
    #: where it computes: "cpu", "cuda:0", "mps"
    device: str
    #: batches the trainer hands over per :meth:`run_batches` call; the trainer
    #: checks stop, pause and new settings between calls, so keep one call
    #: short (a few milliseconds); torch uses 1
    batches_per_call: int

    def set_order(self, order: np.ndarray) -> None:
        """The sample order of the coming epoch: positions in the training set."""
        ...

    def run_batches(self, start: int, n_batches: int, batch_size: int) -> int:
        """Do up to ``n_batches`` updates on consecutive batches of the order.

        Batch i covers ``order[start + i*batch_size : start + (i+1)*batch_size]``
        (clipped at the end of the order). Returns the position after the last
        sample used: the trainer's next ``start``.
        """
        ...

    def evaluate(self, part: str) -> tuple[float, float]:
        """(mean error, accuracy) on the whole ``"train"`` or ``"val"`` part, dropout off."""
        ...

    def epoch_error(self) -> float:
        """Mean of the batch errors E_B of the epoch so far (for ``eval_train`` off)."""
        ...

    def predictions(self, part: str) -> np.ndarray | None:
        """The classes predicted for each sample of ``part`` by the last :meth:`evaluate`
        of it (int64), or None when the engine does not keep them."""
        ...

    def get_parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies (float64 numpy) of weights[l][j, k] and biases[l][k]."""
        ...

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        """Replace the weights and biases (the optimizer state is kept)."""
        ...

    def set_hyper(self, *, lr: float, momentum: float, l2: float, l1: float) -> None:
        """New learning rate, momentum and penalties, used from the next update on."""
        ...

    def reset_optimizer(self) -> None:
        """Forget momentum / Adam moments and restart Adam's step count t."""
        ...

    def close(self) -> None:
        """Release memory (device tensors, buffers)."""
        ...


#: engine name -> "module:Class"; imported only when that engine is built
ENGINES: dict[str, str] = {
    "torch": "nnviz.core.training.torch_engine:TorchEngine",
    "compiled": "nnviz.core.training.compiled:CompiledEngine",
}


def engine_available(name: str) -> bool:
    module = ENGINES[name].split(":")[0]
    return importlib.util.find_spec(module) is not None


def select_engine(network: Network, dataset: Dataset, config: TrainingConfig) -> tuple[str, str]:
    """Which engine trains ``network`` on ``dataset`` and why (a sentence to show).

    ``config.engine`` is the user's wish: "torch" is always honoured;
    "compiled" raises :class:`UserError` (one sentence saying what to change)
    when the compiled engine cannot run this job; "auto" takes the compiled
    engine for a small network (at most
    :data:`nnviz.core.training.compiled.MAX_PARAMETERS` parameters) without dropout,
    on device "auto" or "cpu", when numba is installed, and torch otherwise
    (also while :func:`nnviz.core.training.compiled.warm_up_in_background` is still
    compiling: "compiled" waits for it in the calling thread instead). The
    reasons are the fixed sentences :data:`nnviz.core.training.compiled.REASONS`.
    """
    from nnviz.core.training import compiled

    if config.engine == "torch":
        return "torch", compiled.REASON_TORCH_CHOSEN
    dropout = config.dropout_for(len(network.layers) - 2)
    limitation = compiled.compiled_limitation(network, dropout, config.device)
    if config.engine == "compiled":
        if limitation is not None:
            raise limitation[1]
        return "compiled", compiled.REASON_CHOSEN
    if limitation is not None:
        return "torch", limitation[0]
    if compiled.warming_up():  # the window's first seconds: do not wait for the compiler
        return "torch", compiled.REASON_COMPILING
    return "compiled", compiled.REASON_AUTO


def create_engine(
    name: str, network: Network, data: EngineData, config: TrainingConfig, device: str
) -> Engine:
    module_name, cls_name = ENGINES[name].split(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(network, data, config, device)


def resolve_device(name: str) -> str:
    """The torch device for a setting: "auto" takes cuda, then mps, then cpu."""
    import torch

    if name == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    if name == "cuda" and not torch.cuda.is_available():
        raise UserError("The device 'cuda' was asked for, but PyTorch sees no CUDA GPU here.")
    if name == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise UserError("The device 'mps' was asked for, but this machine has no Apple GPU.")
    return name


# ------------------------------------------------------------------ checks
def check_problem(network: Network, dataset: Dataset, config: TrainingConfig) -> None:
    """Raise :class:`UserError` when ``network`` cannot learn ``dataset`` this way."""
    config.validate()
    for i, act in enumerate(network.activations):
        if act not in TRAINABLE_ACTIVATIONS:
            raise UserError(
                "Layer {0} uses the '{1}' activation, which has no useful derivative; "
                "training needs identity, sigmoid, tanh, relu or softmax.",
                i + 1,
                act,
            )
    out_act, n_out = network.activations[-1], network.layers[-1]
    if out_act == "softmax" and n_out < 2:
        raise UserError("A softmax output layer needs at least two neurons.")
    if config.loss == "cross_entropy" and out_act not in ("softmax", "sigmoid"):
        raise UserError(
            "Cross-entropy needs a softmax or sigmoid output layer, not '{0}'; "
            "use the MSE loss or change the output activation.",
            out_act,
        )
    if network.layers[0] != dataset.n_features:
        raise UserError(
            "The network has {0} inputs but the data has {1} features per sample.",
            network.layers[0],
            dataset.n_features,
        )
    if n_out == 1 and dataset.n_classes > 2:
        raise UserError(
            "One output neuron can tell two classes apart, but the data has {0}; "
            "give the output layer {0} neurons.",
            dataset.n_classes,
        )
    if n_out > 1 and n_out < dataset.n_classes:
        raise UserError(
            "The output layer has {0} neurons but the data has {1} classes.", n_out, dataset.n_classes
        )
    config.dropout_for(len(network.layers) - 2)


def prepare_data(network: Network, dataset: Dataset, dtype: Any = np.float64) -> EngineData:
    """The training and validation rows of ``dataset`` with their targets, in ``dtype``.

    Rows are gathered in blocks straight into the result, so a big data set
    (60,000 × 784) is read once and written once, in the engine's precision,
    instead of copied in float64 and then converted again.
    """
    out_act, n_out = network.activations[-1], network.layers[-1]
    pm1 = out_act in ("tanh", "sign", "step")

    def part(idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = np.empty((len(idx), dataset.x.shape[1]), dtype=dtype)
        for start in range(0, len(idx), _GATHER_ROWS):
            block = idx[start : start + _GATHER_ROWS]
            x[start : start + len(block)] = dataset.x[block]
        y = np.ascontiguousarray(dataset.y[idx], dtype=np.int64)
        t = np.ascontiguousarray(targets_for(y, n_out, out_act), dtype=dtype)
        return x, t, y

    xt, tt, yt = part(dataset.train_idx)
    xv, tv, yv = part(dataset.val_idx)
    return EngineData(xt, tt, yt, xv, tv, yv, threshold=0.0 if pm1 else 0.5)


#: rows gathered at a time by prepare_data (a block stays in the CPU's cache)
_GATHER_ROWS = 4096


def penalty(weights: list[np.ndarray], l2: float, l1: float) -> float:
    """Ψ = l2·½Σω² + l1·Σ|ω| over all weight matrices (biases excluded)."""
    total = 0.0
    for w in weights:
        if l2:
            total += 0.5 * l2 * float(np.sum(w * w))
        if l1:
            total += l1 * float(np.sum(np.abs(w)))
    return total


# ------------------------------------------------------------------ trainer
class Trainer:
    """Trains a copy of ``network`` on ``dataset``; the caller's objects stay as they were.

    Synchronous use: ``step_epoch()`` trains one epoch and returns its
    :class:`EpochMetrics` (None when a stop cut it short; raises
    :class:`Diverged`). Driven use: ``run(callback)`` trains until the epochs
    are done, early stopping fires, the callback returns False,
    :meth:`request_stop` is called, or the loss diverges, and returns a
    :class:`TrainingResult`.

    ``request_stop``, ``pause``, ``resume`` and the ``set_*`` methods may be
    called from any thread; the loop picks them up before the next batch.
    """

    def __init__(self, network: Network, dataset: Dataset, config: TrainingConfig) -> None:
        config = TrainingConfig.from_dict(config.to_dict())
        check_problem(network, dataset, config)
        if dataset.val_idx.size == 0 and config.val_fraction > 0:
            dataset = Dataset(
                dataset.x, dataset.y, dataset.n_classes, dataset.name, dataset.image_shape
            )
            split(dataset, config.val_fraction, config.seed)
        if dataset.train_idx.size == 0:
            raise UserError("The training part of the data set is empty.")
        self.config = config
        self.dataset = dataset
        self._template = network.copy()
        self.engine_name, self.engine_reason = select_engine(network, dataset, config)
        # a float32 torch run gets float32 arrays that its tensors can share
        single = self.engine_name == "torch" and config.dtype == "float32"
        self.data = prepare_data(network, dataset, np.float32 if single else np.float64)
        if self.engine_name == "compiled":
            self.device = "cpu"
        else:
            self.device = resolve_device(config.device)
        self.engine: Engine = create_engine(
            self.engine_name, network.copy(), self.data, config, self.device
        )
        self.device = self.engine.device
        self._rng = np.random.default_rng(config.seed)
        self.epoch = 0
        self.updates = 0
        self.history: list[EpochMetrics] = []
        self.best_epoch = 0
        self.best_loss = math.inf
        self._best_params: tuple[list[np.ndarray], list[np.ndarray]] | None = None
        self._wait = 0
        self.stopped_early = False
        self._elapsed = 0.0
        self._params = self.engine.get_parameters()
        self._last_finite = self._params
        self.probe_index = int(dataset.val_idx[0] if dataset.val_idx.size else dataset.train_idx[0])
        # cross-thread controls
        self._lock = threading.Lock()
        self._pending: dict[str, Any] = {}
        self._stop = threading.Event()
        #: slow motion: at most this many epochs a second (0: full speed)
        self._pace = 0.0
        self._resume = threading.Event()
        self._resume.set()
        # reporting state of the current run()
        self._live: tuple[Any, float] | None = None
        self._unsent: list[EpochMetrics] = []
        self._last_emit = self._run_started = -math.inf

    # ------------------------------------------------- thread-safe controls
    def request_stop(self) -> None:
        """Stop before the next batch (also wakes a paused loop)."""
        self._stop.set()
        self._resume.set()

    def pause(self) -> None:
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    def set_lr(self, lr: float) -> None:
        _learning_rate(lr)
        self._queue(lr=float(lr))

    def set_batch_size(self, batch_size: int) -> None:
        _whole(batch_size, 0, "batch_size")
        self._queue(batch_size=int(batch_size))

    def set_momentum(self, momentum: float) -> None:
        _in_range(momentum, 0.0, 1.0, "momentum", closed_hi=False)
        self._queue(momentum=float(momentum))

    def set_regularization(self, l2: float | None = None, l1: float | None = None) -> None:
        if l2 is not None:
            _in_range(l2, 0.0, math.inf, "l2")
            self._queue(l2=float(l2))
        if l1 is not None:
            _in_range(l1, 0.0, math.inf, "l1")
            self._queue(l1=float(l1))

    def set_pace(self, epochs_per_s: float) -> None:
        """Slow motion for a class to watch: after each epoch, wait until at least
        1/``epochs_per_s`` seconds have passed since it began (0: full speed).
        Takes effect at once, also during a wait; waiting counts neither as
        training time (``elapsed``) nor against a stop, which ends it at once."""
        _in_range(epochs_per_s, 0.0, math.inf, "pace")
        self._pace = float(epochs_per_s)

    def _keep_pace(self, began: float) -> None:
        """Wait out the rest of the epoch's slow-motion time (see :meth:`set_pace`)."""
        while self._pace > 0.0 and not self._stop.is_set():
            left = began + 1.0 / self._pace - time.perf_counter()
            if left <= 0.0:
                return
            # short slices: a change of pace or a stop is seen within 50 ms
            self._stop.wait(min(left, 0.05))

    def set_probe(self, index: int) -> None:
        """Show the activations of ``dataset.x[index]`` in the snapshots."""
        if not 0 <= index < len(self.dataset.x):
            raise UserError("There is no sample {0} in the data set.", index)
        self.probe_index = int(index)

    def _queue(self, **changes: Any) -> None:
        with self._lock:
            self._pending.update(changes)

    def _apply_pending(self) -> None:
        if not self._pending:
            return
        with self._lock:
            changes, self._pending = self._pending, {}
        for key, value in changes.items():
            setattr(self.config, key, value)
        c = self.config
        self.engine.set_hyper(lr=c.lr, momentum=c.momentum, l2=c.l2, l1=c.l1)

    def _wait_if_paused(self) -> bool:
        """Block while paused; True when the loop must stop."""
        if not self._resume.is_set():
            paused_at = time.perf_counter()
            self._resume.wait()
            self._t0 += time.perf_counter() - paused_at
        return self._stop.is_set()

    # ------------------------------------------------------- training
    def _batch_size(self) -> int:
        n = len(self.data.x_train)
        bs = self.config.batch_size
        return n if bs <= 0 or bs >= n else bs

    def step_epoch(self) -> EpochMetrics | None:
        """Train one epoch; its metrics, or None if a stop request cut it short."""
        self._t0 = time.perf_counter()
        try:
            return self._step_epoch()
        finally:
            self._elapsed += time.perf_counter() - self._t0

    def _step_epoch(self) -> EpochMetrics | None:
        n = len(self.data.x_train)
        order = self._rng.permutation(n) if self.config.shuffle else np.arange(n)
        self.engine.set_order(order)
        self._apply_pending()
        pos = 0
        per_call = max(1, int(self.engine.batches_per_call))
        while pos < n:
            if self._wait_if_paused():
                return None
            self._apply_pending()
            bs = self._batch_size()
            new_pos = self.engine.run_batches(pos, per_call, bs)
            self.updates += -(-(new_pos - pos) // bs)
            pos = new_pos
            if self._live is not None and pos < n:
                self._mid_epoch_snapshot()
        self.epoch += 1
        return self._finish_epoch()

    def _run_epochs(self, target: int) -> list[EpochMetrics]:
        """Several whole epochs in one engine call, when the engine can and nothing
        needs the loop between epochs (no early stopping, no pending setting, not
        paused); their metrics, or [] to go epoch by epoch.

        One call of the compiled engine runs ~10 ms of epochs with the GIL released
        throughout: the Python work per epoch disappears, and a busy GUI thread
        holds up training once per call instead of once per epoch. Same batch
        order (the same permutations, drawn in the same order) and same math as
        epoch by epoch.
        """
        c, engine = self.config, self.engine
        if (
            not hasattr(engine, "run_epochs")
            or c.early_stopping
            or self._pending
            or self.paused
            or self._stop.is_set()
            or self._pace > 0.0
            or target - self.epoch < 2
        ):
            return []
        n = len(self.data.x_train)
        bs = self._batch_size()
        k = min(engine.epochs_per_call(bs), target - self.epoch)
        if k < 2:
            return []
        orders = np.stack(
            [self._rng.permutation(n) if c.shuffle else np.arange(n) for _ in range(k)]
        )
        t0 = time.perf_counter()
        rows, diverged = engine.run_epochs(orders, bs)
        seconds = time.perf_counter() - t0
        updates_per_epoch = -(-n // bs)
        done: list[EpochMetrics] = []
        for i, r in enumerate(rows):
            self.epoch += 1
            self.updates += updates_per_epoch
            m = EpochMetrics(
                epoch=self.epoch,
                updates=self.updates,
                train_loss=float(r[0] if c.eval_train else r[4]),
                val_loss=float(r[2]),
                train_acc=float(r[1]),
                val_acc=float(r[3]),
                penalty=float(r[5]),
                lr=c.lr,
                batch_size=bs,
                elapsed=self._elapsed + seconds * (i + 1) / k,
            )
            self.history.append(m)
            done.append(m)
            monitored = m.val_loss if len(self.data.x_val) else m.train_loss
            if monitored < self.best_loss - c.min_delta:
                self.best_loss, self.best_epoch, self._wait = monitored, self.epoch, 0
            else:
                self._wait += 1
        self._elapsed += seconds
        self._params = self._last_finite = engine.get_parameters()
        if diverged:
            self._unsent.extend(done)
            engine.reset_optimizer()
            raise Diverged(
                "Training diverged in epoch {0}: the loss became infinite or NaN; "
                "try a smaller learning rate than {1:g}. The last finite weights were kept.",
                self.epoch + 1,
                c.lr,
            )
        return done

    def _finish_epoch(self) -> EpochMetrics:
        c = self.config
        if c.eval_train:
            train_loss, train_acc = self.engine.evaluate("train")
        else:
            train_loss, train_acc = self.engine.epoch_error(), math.nan
        if len(self.data.x_val):
            val_loss, val_acc = self.engine.evaluate("val")
        else:
            val_loss, val_acc = math.nan, math.nan
        weights, biases = self.engine.get_parameters()
        finite = math.isfinite(train_loss) and all(
            np.all(np.isfinite(a)) for a in (*weights, *biases)
        )
        if not finite:
            self.epoch -= 1
            self._params = self._last_finite
            self.engine.set_parameters(*self._last_finite)
            self.engine.reset_optimizer()
            raise Diverged(
                "Training diverged in epoch {0}: the loss became infinite; try a smaller learning "
                "rate than {1:g}. The last finite weights were kept."
                if math.isinf(train_loss)
                else "Training diverged in epoch {0}: the loss became NaN; try a smaller learning "
                "rate than {1:g}. The last finite weights were kept.",
                self.epoch + 1,
                c.lr,
            )
        self._params = self._last_finite = (weights, biases)
        metrics = EpochMetrics(
            epoch=self.epoch,
            updates=self.updates,
            train_loss=float(train_loss),
            val_loss=float(val_loss),
            train_acc=float(train_acc),
            val_acc=float(val_acc),
            penalty=penalty(weights, c.l2, c.l1),
            lr=c.lr,
            batch_size=self._batch_size(),
            elapsed=self._elapsed + time.perf_counter() - self._t0,
        )
        self.history.append(metrics)
        monitored = metrics.val_loss if len(self.data.x_val) else metrics.train_loss
        if monitored < self.best_loss - c.min_delta:
            self.best_loss, self.best_epoch, self._wait = monitored, self.epoch, 0
            if c.early_stopping and c.restore_best:
                self._best_params = ([w.copy() for w in weights], [b.copy() for b in biases])
        else:
            self._wait += 1
            if c.early_stopping and self._wait >= c.patience:
                self.stopped_early = True
                if c.restore_best and self._best_params is not None:
                    self.engine.set_parameters(*self._best_params)
                    self._params = self._best_params
        return metrics

    def run(
        self,
        callback: Any = None,
        *,
        max_epochs: int | None = None,
        snapshot_interval: float = 0.0,
    ) -> TrainingResult:
        """Train until epoch ``max_epochs`` (default ``config.epochs``) or a stop.

        ``callback(snapshot) -> bool | None`` receives a :class:`Snapshot` at
        most every ``snapshot_interval`` seconds (every epoch for 0), and always
        a last one with ``final=True`` (which carries the last epoch); returning
        False stops the run (the return value of the final call is ignored).
        Every finished epoch appears in exactly one snapshot's ``history``.
        With an interval above 0, an epoch longer than the interval also
        reports between batches (fresh weights and ``updates``; ``metrics``
        still the last finished epoch's).
        """
        target = self.config.epochs if max_epochs is None else int(max_epochs)
        self._stop.clear()
        self._wait = 0
        self.stopped_early = False
        started = self._run_started = time.perf_counter()
        self._unsent = []
        self._last_emit = -math.inf
        # long epochs (big data, small batches) also report between batches
        if callback is not None and snapshot_interval > 0:
            self._live = (callback, snapshot_interval)
        status, message, error = "completed", "", None
        try:
            while self.epoch < target:
                began = time.perf_counter()
                chunk = self._run_epochs(target)
                if chunk:  # several epochs in one engine call
                    self._unsent.extend(chunk[:-1])
                    metrics: EpochMetrics | None = chunk[-1]
                else:
                    metrics = self.step_epoch()
                if metrics is None:
                    status = "stopped"
                    break
                self._unsent.append(metrics)
                if self.stopped_early:
                    status = "early_stopping"
                    break
                now = time.perf_counter()
                # the last epoch reaches the callback in the final snapshot; in
                # slow motion every epoch is shown
                due = (
                    self._pace > 0.0 or now - self._last_emit >= snapshot_interval
                ) and self.epoch < target
                if callback is not None and due:
                    snap, self._unsent = self.snapshot(self._unsent), []
                    self._last_emit = now
                    if callback(snap) is False:
                        status = "stopped"
                        break
                if self._stop.is_set():
                    status = "stopped"
                    break
                if self.epoch < target:
                    self._keep_pace(began)
        except Diverged as exc:
            status, message, error = "diverged", str(exc), exc
        finally:
            self._live = None
        pending, self._unsent = self._unsent, []
        if status == "completed":
            message = f"Trained {self.epoch} epochs."
        elif status == "early_stopping":
            message = (
                f"Early stopping after epoch {self.epoch}: no improvement for "
                f"{self.config.patience} epochs; best epoch {self.best_epoch}"
                + (" (its weights were restored)." if self.config.restore_best else ".")
            )
        elif status == "stopped":
            message = f"Stopped after epoch {self.epoch}."
        final = self.snapshot(pending, final=True, status=status)
        if callback is not None:
            callback(final)
        return TrainingResult(status, message, final, time.perf_counter() - started, error)

    def _confusion_matrix(self) -> np.ndarray | None:
        """The confusion matrix of the last epoch's evaluation, from the engine's
        predictions (counted for a snapshot only: epochs can be far more frequent)."""
        part = "val" if len(self.data.x_val) else "train"
        if not self.history or self.dataset.n_classes < 2:
            return None
        if part == "train" and not self.config.eval_train:
            return None
        pred = self.engine.predictions(part)
        if pred is None:
            return None
        labels = self.data.y_val if part == "val" else self.data.y_train
        n = max(self.dataset.n_classes, int(pred.max()) + 1 if pred.size else 0)
        return regions.confusion_matrix(labels, pred, n)

    def _mid_epoch_snapshot(self) -> None:
        callback, interval = self._live  # type: ignore[misc]
        now = time.perf_counter()
        # the first one waits an interval: a short first epoch reports at its end
        if now - max(self._last_emit, self._run_started) < interval:
            return
        snap, self._unsent = self.snapshot(self._unsent), []
        self._last_emit = now
        if callback(snap) is False:
            self._stop.set()

    # ------------------------------------------------------- reports
    def parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of the current weights and biases."""
        w, b = self.engine.get_parameters()
        return w, b

    def network(self) -> Network:
        """The network with the current weights (a new object)."""
        net = self._template.copy()
        net.weights, net.biases = self.parameters()
        return net

    def snapshot(
        self, history: list[EpochMetrics] | None = None, *, final: bool = False, status: str = "running"
    ) -> Snapshot:
        weights, biases = self.engine.get_parameters()
        net = self._template.copy()
        net.weights, net.biases = weights, biases
        probe = [a[0].copy() for a in net.forward(self.dataset.x[self.probe_index : self.probe_index + 1])]
        return Snapshot(
            epoch=self.epoch,
            updates=self.updates,
            metrics=self.history[-1] if self.history else None,
            history=list(history or []),
            weights=weights,
            biases=biases,
            probe=probe,
            probe_index=self.probe_index,
            best_epoch=self.best_epoch,
            best_loss=self.best_loss,
            stopped_early=self.stopped_early,
            engine=self.engine_name,
            engine_reason=self.engine_reason,
            device=self.device,
            final=final,
            status=status,
            confusion=self._confusion_matrix(),
            confusion_part="val" if len(self.data.x_val) else "train",
        )

    def close(self) -> None:
        self.engine.close()


def train(
    network: Network, dataset: Dataset, config: TrainingConfig, callback: Any = None
) -> tuple[Network, TrainingResult]:
    """Train a copy of ``network``; the trained network and how the run ended."""
    trainer = Trainer(network, dataset, config)
    try:
        result = trainer.run(callback)
        return trainer.network(), result
    finally:
        trainer.close()
