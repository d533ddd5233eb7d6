"""The training loop: a network trained on a data set, epoch by epoch.

Everything here is plain Python (no Qt), so the same loop runs in the tests,
in ``nnviz train`` and in the GUI's worker thread
(:mod:`nnviz.gui.training.worker`). :class:`Trainer` owns the epochs, the
batch order and the run with its reports; its other parts are mixins:

- ``_controls``: what another thread may change while it runs (stop, pause,
  slow motion, new settings, new data);
- ``_data_swap``: new data taken at the start of an epoch;
- ``_progress``: the best epoch, early stopping and divergence;
- ``_snapshots``: the snapshots a live view draws.

The settings are :class:`nnviz.core.training.config.TrainingConfig`; what it
reports, :mod:`nnviz.core.training.records`; the exact math and the engines
that compute it, :mod:`nnviz.core.training.engine`.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from nnviz.core.data.dataset import Dataset, split
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training._controls import TrainerControls
from nnviz.core.training._data_swap import DataSwapping
from nnviz.core.training._progress import TrainingProgress
from nnviz.core.training._snapshots import SnapshotMaking
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import (
    Engine,
    create_engine,
    penalty,
    resolve_device,
    select_engine,
)
from nnviz.core.training.optimizer_state import OptimizerState
from nnviz.core.training.problem import check_problem, prepare_data
from nnviz.core.training.records import Diverged, EpochMetrics, TrainingResult

#: recent epochs :attr:`Trainer.history` keeps at least (at most twice as many):
#: a run of a million epochs would otherwise hold ~0.5 GB of them. Whoever
#: needs every epoch takes them from the snapshots, which carry each epoch once
#: (``nnviz train`` keeps them as columns, the window's plots in their buffer).
HISTORY_KEEP = 1000


class Trainer(TrainerControls, DataSwapping, TrainingProgress, SnapshotMaking):
    """Trains a copy of ``network`` on ``dataset``; the caller's objects stay as they were.

    Synchronous use: ``step_epoch()`` trains one epoch and returns its
    :class:`EpochMetrics` (None when a stop cut it short; raises
    :class:`Diverged`). Driven use: ``run(callback)`` trains until the epochs
    are done, early stopping fires, the callback returns False,
    :meth:`request_stop` is called, or the loss diverges, and returns a
    :class:`TrainingResult`.

    ``request_stop``, ``pause``, ``resume`` and the ``set_*`` methods may be
    called from any thread; the loop picks them up before the next batch
    (``set_dataset``: before the next epoch).
    """

    def __init__(
        self,
        network: Network,
        dataset: Dataset,
        config: TrainingConfig,
        optimizer_state: OptimizerState | None = None,
    ) -> None:
        config = TrainingConfig.from_dict(config.to_dict())
        check_problem(network, dataset, config)
        if dataset.val_idx.size == 0 and config.val_fraction > 0:
            # the caller's data set keeps its own split (none); names, targets and source stay
            dataset = split(dataset.without_split(), config.val_fraction, config.seed)
        if dataset.train_idx.size == 0:
            raise UserError("The training part of the data set is empty.")
        self.config = config
        self.dataset = dataset
        self._template = network.copy()
        self.engine_name, self.engine_reason = select_engine(network, dataset, config)
        # a float32 torch run gets float32 arrays that its tensors can share
        single = self.engine_name == "torch" and config.dtype == "float32"
        self.data = prepare_data(network, dataset, np.float32 if single else np.float64)
        if self.engine_name != "torch":  # the CPU engines (and no torch import for them)
            self.device = "cpu"
        else:
            self.device = resolve_device(config.device)
        self.engine: Engine = create_engine(
            self.engine_name, network.copy(), self.data, config, self.device
        )
        self.device = self.engine.device
        if optimizer_state is not None and optimizer_state.fits(network.layers, config.optimizer):
            # go on from an earlier run's momentum or Adam moments (see optimizer_state)
            self.engine.set_optimizer_state(
                optimizer_state.first, optimizer_state.second, optimizer_state.steps
            )
        self._follow_engine()
        self._rng = np.random.default_rng(config.seed)
        self.epoch = 0
        self.updates = 0
        #: the last :data:`HISTORY_KEEP` to 2 × HISTORY_KEEP finished epochs (all of a shorter run)
        self.history: list[EpochMetrics] = []
        self._init_progress(self.engine.get_parameters())
        self._elapsed = 0.0
        self.probe_index = int(dataset.val_idx[0] if dataset.val_idx.size else dataset.train_idx[0])
        self._init_controls()
        # reporting state of the current run()
        self._live: tuple[Any, float] | None = None
        self._unsent: list[EpochMetrics] = []
        self._last_emit = self._run_started = -math.inf

    # ------------------------------------------------------- training
    def _follow_engine(self) -> None:
        """Name the engine running: one that hands over (NumPy while numba compiles,
        then the compiled engine) changes its ``name`` and ``reason``."""
        self.engine_name = self.engine.name
        self.engine_reason = getattr(self.engine, "reason", self.engine_reason)

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
        self._take_dataset()
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
            self._sync_dropout_recording()
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
        self._take_dataset()
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
        self._sync_dropout_recording()
        k = min(engine.epochs_per_call(bs), target - self.epoch)
        if k < 2:
            return []
        orders = np.tile(np.arange(n), (k, 1))
        if c.shuffle:
            # row by row the same Fisher–Yates draws as k calls of permutation(n), in one call
            # (tests/core/test_compiled.py: run_epochs equals epoch by epoch)
            orders = self._rng.permuted(orders, axis=1)
        t0 = time.perf_counter()
        rows, diverged = engine.run_epochs(orders, bs)
        seconds = time.perf_counter() - t0
        updates_per_epoch = -(-n // bs)
        done: list[EpochMetrics] = []
        # Python floats at once: indexing a NumPy row per figure cost more than an epoch's bookkeeping
        regression = self.dataset.is_regression
        for i, r in enumerate(rows.tolist()):
            self.epoch += 1
            self.updates += updates_per_epoch
            m = EpochMetrics(
                epoch=self.epoch,
                updates=self.updates,
                train_loss=r[0] if c.eval_train else r[4],
                val_loss=r[2],
                train_acc=math.nan if regression else r[1],
                val_acc=math.nan if regression else r[3],
                penalty=r[5],
                lr=c.lr,
                batch_size=bs,
                elapsed=self._elapsed + seconds * (i + 1) / k,
            )
            self._remember(m)
            done.append(m)
            self._judge(m, None)  # early stopping is off on this path
        self._elapsed += seconds
        self._mark_finite(engine.get_parameters())
        if diverged:
            self._unsent.extend(done)
            raise self._diverged_in_chunk()
        return done

    def _remember(self, metrics: EpochMetrics) -> None:
        """Add an epoch to :attr:`history`, forgetting old ones in a block now and then."""
        self.history.append(metrics)
        if len(self.history) > 2 * HISTORY_KEEP:
            del self.history[:-HISTORY_KEEP]

    def _accuracy(self, value: float) -> float:
        """An engine's accuracy, or NaN for a regression (no classes to be right about)."""
        return math.nan if self.dataset.is_regression else float(value)

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
        self._check_finite(train_loss, weights, biases)
        metrics = EpochMetrics(
            epoch=self.epoch,
            updates=self.updates,
            train_loss=float(train_loss),
            val_loss=float(val_loss),
            train_acc=self._accuracy(train_acc),
            val_acc=self._accuracy(val_acc),
            penalty=penalty(weights, c.l2, c.l1),
            lr=c.lr,
            batch_size=self._batch_size(),
            elapsed=self._elapsed + time.perf_counter() - self._t0,
        )
        self._remember(metrics)
        self._judge(metrics, (weights, biases))
        return metrics

    # ------------------------------------------------------- the run
    def run(
        self,
        callback: Any = None,
        *,
        max_epochs: int | None = None,
        snapshot_interval: float = 0.0,
    ) -> TrainingResult:
        """Train until epoch ``max_epochs`` (default ``config.epochs``) or a stop.

        ``callback(snapshot) -> bool | None`` receives a :class:`~nnviz.core.training.records.Snapshot` at
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
        self._new_run()
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
                self._follow_engine()
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
                    self._pace > 0.0 or now - self._last_emit >= self._snapshot_gap(snapshot_interval)
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
        state = self.optimizer_state() if status != "diverged" else None
        return TrainingResult(status, message, final, time.perf_counter() - started, error, state)

    def _snapshot_gap(self, interval: float) -> float:
        """Seconds between snapshots: ``interval``, or more when one is dear (a big
        network's weights copied), so that snapshots take at most 10 % of the run."""
        return max(interval, 10.0 * getattr(self, "snapshot_cost", 0.0))

    def _mid_epoch_snapshot(self) -> None:
        callback, interval = self._live  # type: ignore[misc]
        now = time.perf_counter()
        # the first one waits an interval: a short first epoch reports at its end
        if now - max(self._last_emit, self._run_started) < self._snapshot_gap(interval):
            return
        snap, self._unsent = self.snapshot(self._unsent), []
        self._last_emit = now
        if callback(snap) is False:
            self._stop.set()

    def optimizer_state(self) -> OptimizerState:
        """The optimizer's memory now, for a later run on these weights to take over."""
        first, second, steps = self.engine.optimizer_state()
        layers = tuple(self._template.layers)
        return OptimizerState(self.config.optimizer, layers, first, second, steps)

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
