"""Training in a QThread: a worker that runs :class:`nnviz.core.training.trainer.Trainer`.

The wiring is the standard one (superqt ``new_worker_qthread``, Orange
``owsom.py``): a :class:`TrainingWorker` without a parent is moved to a new
``QThread``; ``thread.started → worker.run``, ``worker.finished →
thread.quit``, ``worker.finished → worker.deleteLater``, ``thread.finished →
thread.deleteLater``.

The trainer is built inside the thread (choosing the engine may compile code,
and the window must not wait for that). It reports through its callback,
throttled to about 30 snapshots a second; each snapshot holds numpy copies
only. Stop, pause, resume and live settings go through :class:`RunControl`, a
plain thread-safe object that the trainer checks before every batch, so they
act at the next batch even while the worker thread is busy; new data (points
drawn while it trains) acts at the next epoch.

:class:`TrainingController` is what a window uses: it owns the thread and the
worker of the current run, and relays their signals.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.optimizer_state import OptimizerState
from nnviz.core.training.problem import check_problem
from nnviz.core.training.records import Snapshot
from nnviz.core.training.trainer import Trainer
from nnviz.gui.core_strings import result_message, user_message

#: snapshots a second at most
MAX_RATE = 30.0
#: the settings that can change while training runs
LIVE_SETTINGS = ("lr", "batch_size", "momentum", "l2", "l1")
#: at this pace (epochs a second) or slower, a run with dropout reports the
#: mask of each snapshot's latest batch, for the graph to draw the thinned
#: network; faster, the masks would flicker past unseen and cost the loop
DROPOUT_SHOWN_UP_TO = 10.0


def leave_a_core_for_the_gui() -> int:
    """Limit torch's CPU threads to the cores minus one; returns that number.

    With every core given to torch, its OpenMP helper threads spin at each
    barrier while the GUI thread wants a core too: on a 2-core laptop a torch
    run then crawls (measured 0.08 instead of 3.7 epochs/s, 784-128-64-10).
    Before torch is imported this sets ``OMP_NUM_THREADS`` (read when the
    worker first imports it); afterwards ``torch.set_num_threads``.
    """
    n = max(1, (os.cpu_count() or 1) - 1)
    if "torch" in sys.modules:
        import torch

        if torch.get_num_threads() > n:
            torch.set_num_threads(n)
    else:
        os.environ.setdefault("OMP_NUM_THREADS", str(n))
    return n


@dataclass
class RunFailed:
    """``finished``'s payload when the run could not start (no GPU, a compile error)."""

    message: str
    status: str = "failed"
    snapshot: Snapshot | None = None

    @property
    def diverged(self) -> bool:
        return False


class RunControl:
    """Stop, pause and live settings for one run, safe to call from any thread.

    Calls made before the trainer exists are kept and applied when it does.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._trainer: Trainer | None = None
        self._pending: dict[str, Any] = {}
        self._stop = False
        self._paused = False
        #: where the run computes, once its trainer is built
        self.device = ""

    def attach(self, trainer: Trainer) -> None:
        with self._lock:
            self._trainer = trainer
            self.device = trainer.device
            pending, self._pending = self._pending, {}
            for key, value in pending.items():
                _apply(trainer, key, value)
            if self._paused:
                trainer.pause()
            if self._stop:
                trainer.request_stop()

    def detach(self) -> None:
        with self._lock:
            self._trainer = None

    @property
    def stop_requested(self) -> bool:
        return self._stop

    @property
    def paused(self) -> bool:
        return self._paused

    def stop(self) -> None:
        with self._lock:
            self._stop = True
            if self._trainer is not None:
                self._trainer.request_stop()

    def pause(self) -> None:
        with self._lock:
            self._paused = True
            if self._trainer is not None:
                self._trainer.pause()

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            if self._trainer is not None:
                self._trainer.resume()

    def set_pace(self, epochs_per_s: float) -> None:
        """Slow motion: at most ``epochs_per_s`` epochs a second (0: full speed)."""
        with self._lock:
            if self._trainer is not None:
                self._trainer.set_pace(epochs_per_s)
            else:
                self._pending["pace"] = float(epochs_per_s)

    def set_dropout_reporting(self, on: bool) -> None:
        """Snapshots carry the latest batch's dropout mask (see
        :meth:`nnviz.core.training.trainer.Trainer.set_dropout_reporting`)."""
        with self._lock:
            if self._trainer is not None:
                self._trainer.set_dropout_reporting(on)
            else:
                self._pending["dropout_reporting"] = bool(on)

    def set_probe(self, index: int) -> None:
        """Show the activations of sample ``index`` (a row of ``dataset.x``) from now on."""
        with self._lock:
            if self._trainer is not None:
                self._trainer.set_probe(index)
            else:
                self._pending["probe"] = int(index)

    def set_dataset(self, dataset: Dataset) -> None:
        """Train on ``dataset`` from the next epoch (the trainer checks it; UserError)."""
        with self._lock:
            if self._trainer is not None:
                self._trainer.set_dataset(dataset)
            else:
                self._pending["dataset"] = dataset

    def update(self, **settings: Any) -> None:
        """New values of :data:`LIVE_SETTINGS`; :class:`UserError` for a bad one."""
        for key, value in settings.items():
            if key not in LIVE_SETTINGS:
                raise UserError(
                    QCoreApplication.translate(
                        "TrainingController", "'{0}' cannot change while training runs."
                    ).format(key)
                )
            TrainingConfig().replace(**{key: value})  # validates
        with self._lock:
            for key, value in settings.items():
                if self._trainer is not None:
                    _apply(self._trainer, key, value)
                else:
                    self._pending[key] = value


def _apply(trainer: Trainer, key: str, value: Any) -> None:
    if key == "probe":
        trainer.set_probe(value)
    elif key == "pace":
        trainer.set_pace(value)
    elif key == "dropout_reporting":
        trainer.set_dropout_reporting(value)
    elif key == "dataset":
        trainer.set_dataset(value)
    elif key == "lr":
        trainer.set_lr(value)
    elif key == "batch_size":
        trainer.set_batch_size(value)
    elif key == "momentum":
        trainer.set_momentum(value)
    elif key == "l2":
        trainer.set_regularization(l2=value)
    elif key == "l1":
        trainer.set_regularization(l1=value)


class TrainingWorker(QObject):
    """Builds the trainer and runs it; lives in its own thread for one run."""

    #: (engine name, why) once the trainer is built
    engineChosen = Signal(str, str)
    #: a :class:`Snapshot` (copies), at most ~30 a second, the last with ``final``
    snapshot = Signal(object)
    #: the message of a divergence, before ``finished``
    diverged = Signal(str)
    #: :class:`TrainingResult` or :class:`RunFailed`; always the last signal
    finished = Signal(object)

    def __init__(
        self,
        network: Network,
        dataset: Dataset,
        config: TrainingConfig,
        control: RunControl,
        max_rate: float = MAX_RATE,
        optimizer_state: OptimizerState | None = None,
    ) -> None:
        super().__init__()  # no parent: it is moved to the thread
        self._network = network.copy()
        self._optimizer_state = optimizer_state
        self._dataset = dataset
        self._config = config
        self._control = control
        self._interval = 1.0 / max_rate if max_rate > 0 else 0.0

    def _emit(self, snap: Snapshot) -> bool:
        self.snapshot.emit(snap)
        return not self._control.stop_requested

    def _compiled_kernel_ready(self) -> bool:
        """Before a run of the compiled engine whose kernel is not compiled yet:
        compile it in numba's warm-up thread and wait here, checking Stop, so
        that closing the window mid-compilation ends this thread at once (a
        compilation cannot be interrupted; the daemon thread that does it can
        be left behind). False when Stop came first."""
        from nnviz.core.training import compiled
        from nnviz.core.training.engine import select_engine

        try:
            engine, _why = select_engine(self._network, self._dataset, self._config)
        except UserError:
            return True  # the trainer says why, below
        if engine != "compiled" or compiled.kernels_ready():
            return True
        thread = compiled.warm_up_in_background()
        while thread is not None and thread.is_alive():
            if self._control.stop_requested:
                return False
            thread.join(0.05)
        return True

    @Slot()
    def run(self) -> None:
        result: Any
        trainer: Trainer | None = None
        try:
            if not self._compiled_kernel_ready():
                self.finished.emit(RunFailed("", status="stopped"))
                return
            trainer = Trainer(self._network, self._dataset, self._config, self._optimizer_state)
            self._control.attach(trainer)
            self.engineChosen.emit(trainer.engine_name, trainer.engine_reason)
            result = trainer.run(self._emit, snapshot_interval=self._interval)
            if result.diverged:  # said in the interface language (translate is thread-safe)
                self.diverged.emit(result_message(result))
        except UserError as exc:
            result = RunFailed(user_message(exc))
        except Exception as exc:  # a bug must end the run, not leave the thread hanging
            traceback.print_exc()
            result = RunFailed(
                QCoreApplication.translate("TrainingWorker", "Training failed: {0}").format(exc)
            )
        finally:
            self._control.detach()
            if trainer is not None:
                trainer.close()
        self.finished.emit(result)


class TrainingController(QObject):
    """Owns the thread and worker of the current run; one run at a time.

    ``start(network, dataset, config)`` trains a copy of ``network`` (the
    caller's objects are never touched) in a new thread; each run is a new
    :class:`Trainer`, so a run after Stop continues from the weights the
    caller passes. Signals (all delivered in the controller's thread):
    ``started()``, ``engineChosen(str, str)``, ``snapshot(object)``,
    ``diverged(str)``, ``finished(object)`` (emitted once the thread has
    ended), ``stateChanged(str)`` with "idle", "running", "paused", "stopping".
    """

    started = Signal()
    engineChosen = Signal(str, str)
    snapshot = Signal(object)
    diverged = Signal(str)
    finished = Signal(object)
    stateChanged = Signal(str)

    def __init__(self, parent: QObject | None = None, max_rate: float = MAX_RATE) -> None:
        super().__init__(parent)
        self._max_rate = max_rate
        self._thread: QThread | None = None
        self._worker: TrainingWorker | None = None
        self._control = RunControl()
        self._result: Any = None
        self._state = "idle"
        self._device = ""
        self._probe: int | None = None
        self._pace = 0.0
        #: the network and settings of the current run (to check new data against)
        self._problem: tuple[Network, TrainingConfig] | None = None
        self.last_snapshot: Snapshot | None = None

    # -------------------------------------------------------------- state
    def state(self) -> str:
        return self._state

    def is_running(self) -> bool:
        """True from ``start`` until the thread has ended (paused counts)."""
        return self._thread is not None

    def is_paused(self) -> bool:
        return self._state == "paused"

    def device(self) -> str:
        """The device of the current (or last) run: "cpu", "cuda:0"…"""
        return self._device

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    # ------------------------------------------------------------ control
    def start(
        self,
        network: Network,
        dataset: Dataset,
        config: TrainingConfig,
        optimizer_state: OptimizerState | None = None,
    ) -> None:
        """Train in a new thread; :class:`UserError` at once for an impossible setting.

        ``optimizer_state`` (an earlier run's, on these weights) is taken over
        when it fits the network and the optimizer."""
        if self._thread is not None:
            raise UserError(
                QCoreApplication.translate("TrainingController", "Training is already running.")
            )
        config = TrainingConfig.from_dict(config.to_dict())
        check_problem(network, dataset, config)
        self._problem = (network.copy(), config)
        if self._probe is not None and not 0 <= self._probe < len(dataset.x):
            self._probe = None
        self._control = RunControl()
        if self._probe is not None:
            self._control.set_probe(self._probe)
        if self._pace:
            self._control.set_pace(self._pace)
        if self.shows_dropout():
            self._control.set_dropout_reporting(True)
        self._result = None
        thread = QThread()
        worker = TrainingWorker(network, dataset, config, self._control, self._max_rate, optimizer_state)
        worker.moveToThread(thread)
        # the controller's own slots first: queued slots run in connection
        # order, so they see the thread before deleteLater removes it
        worker.engineChosen.connect(self._on_engine)
        worker.snapshot.connect(self._on_snapshot)
        worker.diverged.connect(self.diverged)
        worker.finished.connect(self._on_worker_finished)
        thread.finished.connect(self._on_thread_finished)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.finished.connect(worker.deleteLater)
        thread.finished.connect(thread.deleteLater)
        self._thread, self._worker = thread, worker
        thread.start()
        self._set_state("running")
        self.started.emit()

    def pause(self) -> None:
        if self._thread is not None and self._state == "running":
            self._control.pause()
            self._set_state("paused")

    def resume(self) -> None:
        if self._thread is not None and self._state == "paused":
            self._control.resume()
            self._set_state("running")

    def stop(self) -> None:
        """Ask the run to end before its next batch; ``finished`` follows."""
        if self._thread is not None:
            self._control.stop()
            self._set_state("stopping")

    def update_settings(self, **settings: Any) -> None:
        """Change learning rate, batch size, momentum, l2 or l1 at the next batch."""
        self._control.update(**settings)

    def set_lr(self, lr: float) -> None:
        self.update_settings(lr=lr)

    def set_batch_size(self, batch_size: int) -> None:
        self.update_settings(batch_size=batch_size)

    def set_regularization(self, l2: float | None = None, l1: float | None = None) -> None:
        changes = {k: v for k, v in (("l2", l2), ("l1", l1)) if v is not None}
        self.update_settings(**changes)

    def set_dataset(self, dataset: Dataset) -> None:
        """The current run trains on ``dataset`` from its next epoch, weights and
        optimizer state kept (points drawn while it trains). :class:`UserError` at
        once when the run's network cannot learn it; nothing without a run."""
        if self._thread is None or self._problem is None:
            return
        network, config = self._problem
        check_problem(network, dataset, config)
        if dataset.train_idx.size == 0:
            raise UserError("The training part of the data set is empty.")
        self._control.set_dataset(dataset)

    def set_pace(self, epochs_per_s: float) -> None:
        """Slow motion, for this run (at once) and the next: at most ``epochs_per_s``
        epochs a second; 0 for full speed."""
        self._pace = float(epochs_per_s)
        if self._thread is not None:
            self._control.set_pace(self._pace)
            self._control.set_dropout_reporting(self.shows_dropout())

    def shows_dropout(self) -> bool:
        """True while the current (or last) run's snapshots carry dropout masks:
        it trains with dropout and the pace is :data:`DROPOUT_SHOWN_UP_TO` epochs
        a second or slower (full-speed training records no masks)."""
        if self._problem is None or not 0.0 < self._pace <= DROPOUT_SHOWN_UP_TO:
            return False
        return any(p > 0.0 for p in self._problem[1].dropout)

    def set_probe(self, index: int) -> None:
        """Snapshots carry the activations of sample ``index`` (a row of ``dataset.x``)."""
        self._probe = int(index)
        if self._thread is not None:
            self._control.set_probe(index)

    def wait(self, timeout_ms: int = 5000) -> bool:
        """Block until the run's thread has ended; False on a timeout."""
        thread = self._thread
        if thread is None:
            return True
        if not shiboken6.isValid(thread):  # ended and deleted; only our relay is left
            QCoreApplication.sendPostedEvents(self)
            self._finish()
            return True
        # The worker's finished → thread.quit is queued to this (blocked)
        # thread, so ask the thread to quit directly: an exec() that has not
        # started yet returns at once.
        thread.quit()
        if not thread.wait(timeout_ms):
            return False
        QCoreApplication.sendPostedEvents(self)
        self._finish()
        return True

    def stop_and_wait(self, timeout_ms: int = 5000) -> bool:
        """Stop and wait for the thread (closing the window); False on a timeout."""
        self.stop()
        return self.wait(timeout_ms)

    def reset(self) -> None:
        """Stop any run and forget its results."""
        self.stop_and_wait()
        self.last_snapshot = None
        self._result = None

    # ------------------------------------------------------------ relays
    def _on_engine(self, name: str, reason: str) -> None:
        self._device = self._control.device
        self.engineChosen.emit(name, reason)

    def _on_snapshot(self, snap: Snapshot) -> None:
        self.last_snapshot = snap
        self._device = snap.device
        self.snapshot.emit(snap)

    def _on_worker_finished(self, result: Any) -> None:
        self._result = result

    def _on_thread_finished(self) -> None:
        thread = self._thread
        if thread is not None:
            if shiboken6.isValid(thread):
                thread.wait()
            self._finish()

    def _finish(self) -> None:
        if self._thread is None:
            return
        self._thread = None
        self._worker = None
        result, self._result = self._result, None
        self._set_state("idle")
        if result is None:
            result = RunFailed(
                QCoreApplication.translate("TrainingController", "Training was interrupted.")
            )
        self.finished.emit(result)


if __name__ == "__main__":  # a minimal live preview: python -m nnviz.gui.training.worker
    import sys

    from PySide6.QtWidgets import QApplication, QLabel

    from nnviz.core.lessons import load_lesson

    app = QApplication(sys.argv)
    lesson = load_lesson("spiral")
    label = QLabel("…")
    label.setMinimumWidth(520)
    label.setWindowTitle("nnviz — training worker")
    label.show()
    controller = TrainingController()

    def show(snap: Snapshot) -> None:
        label.setText(
            f"epoch {snap.epoch}  updates {snap.updates}  loss {snap.train_loss:.4f}  "
            f"val acc {100 * snap.val_acc:.1f}%  ({snap.engine}, {snap.device})"
        )

    controller.snapshot.connect(show)
    app.aboutToQuit.connect(controller.stop_and_wait)
    controller.start(
        lesson.network, lesson.dataset(), TrainingConfig.from_dict(lesson.training)
    )
    sys.exit(app.exec())
