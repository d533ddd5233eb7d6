"""The trainer's controls that another thread may use while it runs (a mixin
of :class:`nnviz.core.training.trainer.Trainer`): stop, pause and resume,
slow motion, the dropout masks asked for, the probe sample, and new settings (η, batch size, momentum,
the λs), which wait in a queue until the loop takes them before the next batch;
new data (:meth:`TrainerControls.set_dataset`) waits for the next epoch
(taken by :mod:`nnviz.core.training._data_swap`).
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig, in_range, learning_rate, whole
from nnviz.core.training.engine import Engine
from nnviz.core.training.problem import check_problem


class TrainerControls:
    """Thread-safe controls of the Trainer; the loop polls them between batches."""

    # set by the Trainer
    config: TrainingConfig
    dataset: Dataset
    engine: Engine
    probe_index: int
    _template: Network
    #: when the current epoch's training time began (moved on by a pause)
    _t0: float

    def _init_controls(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, Any] = {}
        self._stop = threading.Event()
        #: slow motion: at most this many epochs a second (0: full speed)
        self._pace = 0.0
        self._resume = threading.Event()
        self._resume.set()
        #: data for the next epoch (set_dataset), None when there is none
        self._next_dataset: Dataset | None = None
        #: snapshots carry the last batch's dropout mask (set_dropout_reporting)
        self._report_dropout = False

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
        learning_rate(lr)
        self._queue(lr=float(lr))

    def set_batch_size(self, batch_size: int) -> None:
        whole(batch_size, 0, "batch_size")
        self._queue(batch_size=int(batch_size))

    def set_momentum(self, momentum: float) -> None:
        in_range(momentum, 0.0, 1.0, "momentum", closed_hi=False)
        self._queue(momentum=float(momentum))

    def set_regularization(self, l2: float | None = None, l1: float | None = None) -> None:
        if l2 is not None:
            in_range(l2, 0.0, math.inf, "l2")
            self._queue(l2=float(l2))
        if l1 is not None:
            in_range(l1, 0.0, math.inf, "l1")
            self._queue(l1=float(l1))

    def set_dataset(self, dataset: Dataset) -> None:
        """Train on ``dataset`` from the start of the next epoch (points drawn meanwhile).

        Its own training/validation split is used as it is (no validation part:
        every sample trains). The weights stay, and so does the optimizer state
        (momentum, Adam's moments and step count). Raises :class:`UserError` at
        once, in the caller's thread, when the network cannot learn it; a later
        call before that epoch replaces an earlier one.
        """
        check_problem(self._template, dataset, self.config)
        if dataset.train_idx.size == 0:
            raise UserError("The training part of the data set is empty.")
        with self._lock:
            self._next_dataset = dataset

    def set_pace(self, epochs_per_s: float) -> None:
        """Slow motion for a class to watch: after each epoch, wait until at least
        1/``epochs_per_s`` seconds have passed since it began (0: full speed).
        Takes effect at once, also during a wait; waiting counts neither as
        training time (``elapsed``) nor against a stop, which ends it at once."""
        in_range(epochs_per_s, 0.0, math.inf, "pace")
        self._pace = float(epochs_per_s)

    def _keep_pace(self, began: float) -> None:
        """Wait out the rest of the epoch's slow-motion time (see :meth:`set_pace`)."""
        while self._pace > 0.0 and not self._stop.is_set():
            left = began + 1.0 / self._pace - time.perf_counter()
            if left <= 0.0:
                return
            # short slices: a change of pace or a stop is seen within 50 ms
            self._stop.wait(min(left, 0.05))

    def set_dropout_reporting(self, on: bool) -> None:
        """Snapshots carry the dropout mask of the latest training batch
        (:class:`~nnviz.core.training.records.DropoutMask`: its first sample's)
        from the next batch on, while ``on``; off (the default) the engine keeps
        no masks and training pays nothing for them. Asked for by a view that
        draws the thinned network in slow motion; without dropout, or with an
        engine that trains without it, snapshots carry none."""
        self._report_dropout = bool(on)

    def _sync_dropout_recording(self) -> None:
        """Tell the engine (a new one after a data swap too) whether to keep masks."""
        want = self._report_dropout
        if getattr(self.engine, "record_dropout", False) != want:
            setter = getattr(self.engine, "set_dropout_recording", None)
            if setter is not None:
                setter(want)

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
