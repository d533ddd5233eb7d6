"""The training panel: every setting of the slides' second half, and the run.

``TrainingPanel(model)`` holds the controls (data, layers, loss, optimizer,
η, batch size, epochs, L2/L1 λ, dropout, early stopping, device, engine),
the Train / Pause / Resume / Stop / Reset buttons, a progress bar and the
counters. It drives a :class:`~nnviz.gui.training.worker.TrainingController`
(the trainer in a QThread) and shows its snapshots, at most ~30 frames a
second, in:

- the loss/accuracy plots (:meth:`plots_widget`, a :class:`TrainingPlots`),
- the decision regions for 2-D data, or the confusion matrix and first-layer
  weights for image data (:meth:`regions_widget`),
- the :class:`~nnviz.gui.network.model.NetworkModel` (``set_parameters``,
  ``set_activations``), so the network graph recolours live.

η, batch size, momentum and the λs can change while training; the trainer
applies them at the next batch. For the main window: :meth:`load_lesson`,
:meth:`stop_and_wait` (closeEvent), :meth:`train_epochs_blocking` (``nnviz
shot --epochs N``), signals ``trainingStarted`` and ``trainingFinished(str)``.
"""

from __future__ import annotations

import collections
import dataclasses
import math
import os
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.lessons import Lesson
from nnviz.core.model.network import Network
from nnviz.core.training.trainer import Snapshot, Trainer, TrainingConfig, select_engine
from nnviz.gui.core_strings import result_message, translate_core, user_message
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training.image_views import ImageViews
from nnviz.gui.training.plots import TrainingPlots
from nnviz.gui.training.regions import RegionsView
from nnviz.gui.training.settings_form import SettingsForm
from nnviz.gui.training.worker import TrainingController

_FRAME_MS = 33  # at most ~30 repaints a second
#: the live views may take at most this share of the GUI thread's time: a slow
#: frame (a big network, a big confusion matrix) spaces the next ones out. The
#: torch engine's loop needs the GIL between operations, and the views hold it
#: while they paint, so it gets a smaller share than the compiled engine (which
#: releases the GIL for a whole slice of an epoch).
_PAINT_DUTY = {"compiled": 0.2, "torch": 0.04}
#: frames a second the views get at least, by engine, while a frame costs less
#: than the period (the compiled engine does not need the GIL while it trains)
_MIN_FPS = {"compiled": 10.5}
#: snapshots a second the worker sends, by engine (the compiled engine: a
#: little above the ~12 frames a second the views get, so that each frame has
#: a new one; torch: about the frames its views get at their duty; each
#: snapshot costs the worker a copy and wakes the GUI thread, which takes the GIL)
_SNAPSHOT_RATE = {"compiled": 15.0, "torch": 5.0}
#: live confusion matrices use at most this many samples (all on the last frame)
_LIVE_CONFUSION_SAMPLES = 500
_CONFUSION_EVERY_S = 0.5
#: curves and counters need fewer frames than the network and the regions
#: (by engine: the torch loop shares the GIL with the views)
_PLOTS_EVERY_S = {"compiled": 0.0, "torch": 1.0}
#: the interpreter's thread switch interval while the compiled engine runs. It
#: releases the GIL for ~10 ms of epochs, then needs it for a moment; with
#: Python's default 5 ms a GUI thread busy in Python (a repaint) made it wait up
#: to 5 ms each time, and the trainer lost half its speed. (The torch loop
#: needs the GIL between operations: a frame painted in Python held up each of
#: its operations up to the interval, so it gets a short one too.)
_LIVE_SWITCH_INTERVAL_S = {"compiled": 0.0005, "torch": 0.0005}
_COUNTERS_EVERY_S = 0.25
#: the speeds offered, in epochs a second (0: full speed)
_PACES = (0.0, 30.0, 10.0, 3.0, 1.0)


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


class TrainingPanel(QWidget):
    """Training controls; drives the worker and feeds the live views."""

    #: a run started (the stepper pauses)
    trainingStarted = Signal()
    #: a run ended: "completed", "early_stopping", "stopped" or "diverged"
    trainingFinished = Signal(str)

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._dataset: Dataset | None = None
        self._initial: Network = model.network.copy()
        self._state = "idle"  # idle, running, paused
        self._pending: Snapshot | None = None
        self._last_snapshot: Snapshot | None = None
        self._epoch_offset = 0
        self._update_offset = 0
        self._epochs_target = 0
        self._run_started = 0.0
        self._run_epochs0 = 0
        self._next_paint = 0.0
        self._frame_t0 = 0.0
        self._frame_cost = 0.0
        self._plots_at = 0.0
        self._counters_at = 0.0
        self._confusion_at = 0.0
        self._stages: list[Callable[[], None]] = []
        self._custom_dataset: Dataset | None = None
        self._engine = ""
        #: (trained weights, epochs, updates) before the last Reset, for its undo
        self._reset_from: tuple[list[np.ndarray], int, int] | None = None
        self._saved_switch_interval: float | None = None
        self._run_engine = ""
        self._view_updates: collections.Counter[str] = collections.Counter()

        self.controller = TrainingController(self)
        self.controller.snapshot.connect(self._on_snapshot)
        self.controller.finished.connect(self._on_finished)
        self.controller.diverged.connect(self._on_diverged)
        self.controller.engineChosen.connect(self._on_engine)

        self._plots = TrainingPlots()
        self._plots.set_auto_refresh(False)  # repainted on this panel's frame clock
        self._regions = RegionsView()
        self._images = ImageViews(model)
        self._data_stack = QStackedWidget()
        self._data_stack.addWidget(self._regions)
        self._data_stack.addWidget(self._images)

        self._frame = QTimer(self)
        self._frame.setSingleShot(True)
        self._frame.setInterval(_FRAME_MS)
        self._frame.timeout.connect(self._paint_frame)

        # ---- buttons, progress, counters (always visible)
        self.train_button = QPushButton()
        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.stop_button = QPushButton()
        self.reset_button = QPushButton()
        self.train_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset)
        # Keys (only while the panel is on screen): F5 train, F6 pause/resume, Shift+F5 stop.
        for keys, slot in (("F5", self._key_train), ("F6", self._key_pause), ("Shift+F5", self.stop)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        # Pause and Resume share a place (only one is shown); two rows at a
        # presentation scale, where one row would not fit the dock
        self._buttons = QGridLayout()
        self._arrange_buttons(two_rows=False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.counters = QLabel()
        # the counters change ~4 times a second: their width must not move the
        # layout (a new width relaid out the window and repainted every view)
        self.counters.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # slow motion, for a class to watch the learning epoch by epoch
        self.speed = QComboBox()
        for pace in _PACES:
            self.speed.addItem("", pace)
        # full speed at each start (a forgotten slow motion must not look like a
        # slow computer); a lesson may ask for another (Lesson.pace)
        self.speed.currentIndexChanged.connect(self._on_speed)
        self.speed_label = QLabel()
        self.speed_label.setBuddy(self.speed)
        self.engine_label = QLabel()
        self.engine_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.form = SettingsForm()
        self.form.liveChanged.connect(self._on_live_setting)
        self.form.inputRefused.connect(lambda why: self._show_message(why, error=True))
        self.form.structureChanged.connect(self._on_structure_changed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._buttons)
        # the counters under the bar, on two lines of a fixed height: beside it
        # they were cut in a narrow dock, and a height that followed the text
        # would relayout the window 4 times a second
        self.counters.setWordWrap(True)
        self.counters.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._fit_counters()
        self._status = QVBoxLayout()
        self._status.addWidget(self.progress)
        self._status.addWidget(self.counters)
        speed_row = QHBoxLayout()
        speed_row.addWidget(self.speed_label)
        speed_row.addWidget(self.speed, 1)
        self._status.addLayout(speed_row)
        layout.addLayout(self._status)
        layout.addWidget(self.engine_label)
        layout.addWidget(scroll, 1)
        # under the form: a message that comes and goes never moves the fields
        # under the pointer
        layout.addWidget(self.message)

        model.architectureChanged.connect(self._on_model_architecture)
        model.weightsChanged.connect(self._on_model_weights)
        self._regions.data_view.pointClicked.connect(self._on_point_clicked)
        self.retranslate()
        # no data set until a lesson is loaded or Train is pressed: building one here
        # would replace the network another panel (the stepper) is showing
        self._set_state("idle")

    # ------------------------------------------------------------ embedding
    def plots_widget(self) -> TrainingPlots:
        """The loss/accuracy plots (the main window's Plots dock)."""
        return self._plots

    def regions_widget(self) -> QWidget:
        """Decision regions (2-D data) or confusion matrix and weights (images)."""
        return self._data_stack

    def regions_view(self) -> RegionsView:
        return self._regions

    def image_views(self) -> ImageViews:
        return self._images

    def dataset(self) -> Dataset | None:
        return self._dataset

    def config(self) -> TrainingConfig:
        """The settings on screen, validated (raises UserError)."""
        return self.form.config()

    @property
    def state(self) -> str:
        """"idle", "running" or "paused"."""
        return self._state

    def load_lesson(self, lesson: Lesson) -> None:
        """Show a lesson's network, data and training settings (stops a run first)."""
        self.stop_and_wait()
        self._custom_dataset = None
        self.form.load(lesson.network, lesson.data, lesson.training)
        self._show_problem(lesson.network, lesson.dataset())
        self.set_pace(lesson.pace)

    def set_pace(self, epochs_per_s: float) -> None:
        """Choose the offered speed nearest ``epochs_per_s`` (0: full speed)."""
        paces = [float(self.speed.itemData(i)) for i in range(self.speed.count())]
        nearest = min(range(len(paces)), key=lambda i: abs(paces[i] - epochs_per_s))
        self.speed.setCurrentIndex(nearest)

    def show_parameters(
        self, weights: list[Any], biases: list[Any], epoch: int = 0, updates: int = 0
    ) -> None:
        """Show given weights (a recovered autosave) in every view: the graph, the
        regions and hidden-neuron maps or the confusion matrix, and the counters at
        ``epoch``/``updates``. The curves start empty; Train goes on from here."""
        self.stop_and_wait()
        self._model.set_parameters(weights, biases)
        self._reset_views(keep_old_runs=False)
        self._last_snapshot = None
        self._epoch_offset, self._update_offset = int(epoch), int(updates)
        self.counters.setText(self._counter_text.format(self._epoch_offset, self._update_offset))

    def progress_counts(self) -> tuple[int, int]:
        """Epochs and updates done on the weights on show (saved with the autosave)."""
        snap = self._last_snapshot
        if self._state != "idle" and snap is not None:
            return snap.epoch, snap.updates
        return self._epoch_offset, self._update_offset

    def load_problem(
        self, network: Network, dataset: Dataset, training: dict[str, Any] | None = None
    ) -> None:
        """Train ``network`` on a data set built elsewhere (a CSV, MNIST files, a benchmark)."""
        self.stop_and_wait()
        self._custom_dataset = dataset
        spec = {"kind": "custom", "val_fraction": len(dataset.val_idx) / max(len(dataset.x), 1)}
        self.form.load(network, spec, training or {})
        self._show_problem(network, dataset)

    def _show_problem(self, network: Network, dataset: Dataset) -> None:
        self._reset_from = None
        self._initial = network.copy()
        self._model.set_network(network)
        self._set_dataset(dataset)
        self._reset_views(keep_old_runs=False)
        self._show_message("")

    def _arrange_buttons(self, two_rows: bool) -> None:
        cells = ((0, 0), (0, 1), (1, 0), (1, 1)) if two_rows else ((0, 0), (0, 1), (0, 2), (0, 3))
        groups = ((self.train_button,), (self.pause_button, self.resume_button),
                  (self.stop_button,), (self.reset_button,))
        for (row, col), group in zip(cells, groups, strict=True):
            for b in group:
                self._buttons.removeWidget(b)
                self._buttons.addWidget(b, row, col)

    def _fit_counters(self) -> None:
        self.counters.setFixedHeight(2 * self.counters.fontMetrics().lineSpacing() + 4)

    def set_scale(self, factor: float) -> None:
        self._arrange_buttons(two_rows=factor >= 1.5)
        self._plots.set_scale(factor)
        self._regions.set_scale(factor)
        self._images.set_scale(factor)

    # -------------------------------------------------------------- running
    def start(self) -> bool:
        """Train from the weights on show (continues after Stop); False on a bad setting."""
        if self._state != "idle":
            return False
        if self._dataset is None:
            self._rebuild_from_form(keep_network=True)
            if self._dataset is None:
                return False
        try:
            config = self.form.config()
            leave_a_core_for_the_gui()
            self._set_snapshot_rate(config)
            # the trainer works on its own copy of the network and the data
            self.controller.start(self._model.network, self._dataset, config)
        except UserError as exc:
            self._show_message(user_message(exc), error=True)
            return False
        self._epochs_target = config.epochs
        self._reset_from = None  # a new run: an older Reset no longer says where counters stand
        self._run_started = time.perf_counter()
        self._view_updates.clear()
        self._run_epochs0 = self._epoch_offset
        self._show_message("")
        self.form.clear_error()
        self._set_state("running")
        self.trainingStarted.emit()
        return True

    def _set_snapshot_rate(self, config: TrainingConfig) -> None:
        """Fewer snapshots for the torch engine: its views get few frames anyway
        (see _PAINT_DUTY), and each snapshot costs its loop a copy and the GIL."""
        engine, _why = select_engine(self._model.network, self._dataset, config)
        self._run_engine = engine
        # TrainingController takes max_rate only in its constructor; it reads
        # _max_rate when a run starts (asked the core engineer for a start() argument)
        self.controller._max_rate = _SNAPSHOT_RATE.get(engine, 30.0)

    def pause(self) -> None:
        if self._state == "running":
            self.controller.pause()
            self._set_state("paused")

    def resume(self) -> None:
        if self._state == "paused":
            self.controller.resume()
            self._set_state("running")

    def stop(self) -> None:
        """Ask the run to stop (it ends at the next batch)."""
        if self._state != "idle":
            self.controller.stop()

    def reset(self) -> None:
        """Stop, put back the initial weights and start a new run of the plots."""
        self.stop_and_wait()
        if self._initial.same_architecture(self._model.network):
            # what an undo of this Reset gives back, counters included
            trained = [w.copy() for w in self._model.network.weights]
            self._reset_from = (trained, self._epoch_offset, self._update_offset)
            # one undoable step: Edit → Undo gives the trained weights back
            self._model.replace_parameters_undoably(
                self._initial.weights, self._initial.biases, self.tr("Reset the weights")
            )
        else:
            self._model.set_network(self._initial)
        self._model.set_activations([])  # no sample on show: the trained outputs are gone
        self._reset_views(keep_old_runs=True)
        self._last_snapshot = None  # the counters say epoch 0, also after a language switch
        self._show_message("")

    def stop_and_wait(self, timeout_ms: int = 5000) -> None:
        """Stop a run and wait for its thread to end (closing the window, new lesson)."""
        if self._state != "idle" or self.controller.is_running():
            self.controller.stop()
            self.controller.wait(timeout_ms)
        self._flush()
        self._set_state("idle")

    def train_epochs_blocking(self, n: int) -> Snapshot | None:
        """Train ``n`` epochs in this thread and show the result (``nnviz shot``)."""
        self.stop_and_wait()
        if self._dataset is None:
            self._rebuild_from_form(keep_network=True)
        if self._dataset is None or n <= 0:
            return None
        config = self.form.config().replace(epochs=int(n))
        trainer = Trainer(self._model.network, self._dataset, config)
        self._epochs_target = int(n)
        self._run_epochs0 = self._epoch_offset
        try:
            self._on_engine(trainer.engine_name, trainer.engine_reason)
            result = trainer.run(None)
        finally:
            trainer.close()
        self._on_snapshot(result.snapshot)
        self._flush()
        if result.diverged:
            self._on_diverged(result_message(result))
        return result.snapshot

    # ------------------------------------------------------------ snapshots
    def _on_snapshot(self, snap: Snapshot) -> None:
        """Plots take every epoch now (cheap); the heavy views wait for the next frame."""
        offsets = (self._epoch_offset, self._update_offset)
        if self._epoch_offset or self._update_offset:
            # the history keeps the run's own counters: the plots shift them in one
            # array operation (a copy of each of ~700 epochs a snapshot took ms)
            snap = dataclasses.replace(
                snap,
                best_epoch=snap.best_epoch + self._epoch_offset if snap.best_epoch else 0,
                epoch=snap.epoch + self._epoch_offset,
                updates=snap.updates + self._update_offset,
            )
        self._plots.add_snapshot(snap, offsets)
        self._pending = snap
        if snap.final:
            self._epoch_offset = snap.epoch
            self._update_offset = snap.updates
        if not self._frame.isActive():
            wait = max(0.0, self._next_paint - time.perf_counter())
            self._frame.start(int(wait * 1000))

    def _paint_frame(self) -> None:
        """Show the newest snapshot, in stages.

        Each stage runs in its own turn of the event loop, so the repaints it
        causes (the network graph, the regions or confusion matrix, the curves)
        happen one after another instead of in one long block: the GUI keeps
        answering between them.
        """
        if self._stages:
            return  # a frame is still going; _frame_done schedules the next one
        snap, self._pending = self._pending, None
        if snap is None:
            return
        self._last_snapshot = snap
        self._frame_t0 = time.perf_counter()
        self._stages = self._frame_stages(snap)
        self._run_stage()

    def _frame_stages(self, snap: Snapshot) -> list[Callable[[], None]]:
        t0 = time.perf_counter()
        slow = bool(self.speed.currentData())  # slow motion shows every epoch everywhere
        stages: list[Callable[[], None]] = []
        if snap.weights:
            stages.append(lambda: self._show_weights(snap))
            if self._data_stack.currentWidget() is self._regions:
                stages.append(lambda: self._show_regions(snap))
            elif snap.final or slow or t0 - self._confusion_at >= _CONFUSION_EVERY_S:
                self._confusion_at = t0
                if snap.confusion is not None and not snap.final:
                    # counted by the trainer over the whole part, at no cost here
                    matrix, part = snap.confusion, snap.confusion_part
                    stages.append(lambda: self._images.set_confusion(matrix, part))
                else:  # the last frame predicts with the weights on show (early
                    # stopping may have restored earlier ones)
                    limit = None if snap.final else _LIVE_CONFUSION_SAMPLES
                    net = self._model.network
                    stages.append(lambda: self._images.set_network(net, max_samples=limit))
        if snap.final or slow or t0 - self._plots_at >= _PLOTS_EVERY_S.get(self._engine, 0.25):
            self._plots_at = t0
            stages.append(self._show_plots)
        if snap.final or slow or t0 - self._counters_at >= _COUNTERS_EVERY_S:
            # QProgressBar repaints synchronously on every visible change
            self._counters_at = t0
            stages.append(lambda: self._show_counters(snap))
        return stages

    def _show_weights(self, snap: Snapshot) -> None:
        self._model.set_parameters(snap.weights, snap.biases)
        if snap.probe:
            self._model.set_activations(snap.probe)
        self._view_updates["network"] += 1

    def _show_regions(self, snap: Snapshot) -> None:
        self._regions.set_parameters(snap.weights, snap.biases)
        self._view_updates["regions"] += 1

    def _show_plots(self) -> None:
        self._plots.refresh_if_needed()
        self._view_updates["plots"] += 1

    def view_update_counts(self) -> dict[str, int]:
        """How often this run updated the network graph, the regions and the plots."""
        return {k: self._view_updates[k] for k in ("network", "regions", "plots")}

    def _run_stage(self) -> None:
        if not self._stages:
            self._frame_done()
            return
        self._stages.pop(0)()
        # the repaints of this stage happen before the timer fires. Not 0 ms: Qt 6
        # turns a zero single shot into a posted event, delivered in the same pass
        # as the repaints, so a whole frame ran as one block and timers waited
        QTimer.singleShot(1, self, self._run_stage)  # not called once the panel is gone

    def _frame_done(self) -> None:
        """Space frames so that the views take at most _PAINT_DUTY of the GUI thread."""
        now = time.perf_counter()
        cost = now - self._frame_t0
        self._frame_cost = 0.7 * self._frame_cost + 0.3 * cost if self._frame_cost else cost
        duty = _PAINT_DUTY.get(self._engine, 0.1)
        wait = self._frame_cost / duty - self._frame_cost
        if self._engine in _MIN_FPS:  # the views must still show the learning
            wait = min(wait, max(0.0, 1.0 / _MIN_FPS[self._engine] - self._frame_cost))
        if self.speed.currentData():  # slow motion: the trainer mostly waits for the views
            wait = 0.0
        self._next_paint = now + max(_FRAME_MS / 1000.0, wait)
        if self._pending is not None and not self._frame.isActive():
            self._frame.start(int(1000 * (self._next_paint - now)))

    def _flush(self) -> None:
        """Show everything now (the run ended, or a blocking run for ``nnviz shot``)."""
        self._frame.stop()
        stages, self._stages = self._stages, []
        if self._pending is not None:
            self._last_snapshot = self._pending
            stages += self._frame_stages(self._pending)
            self._pending = None
        for stage in stages:
            stage()
        self._plots.refresh_if_needed()
        if self._last_snapshot is not None:
            self._show_counters(self._last_snapshot)

    def _show_counters(self, snap: Snapshot) -> None:
        done = snap.epoch - self._run_epochs0
        if self._epochs_target:
            value = int(round(100 * min(done, self._epochs_target) / self._epochs_target))
            if value != self.progress.value():
                # QProgressBar.setValue repaints at once, and a synchronous repaint
                # flushes the whole window holding the GIL (~4 ms, measured with
                # py-spy, the trainer waiting): with updates off it is queued
                # and painted with the other views' next repaint instead
                self.progress.setUpdatesEnabled(False)
                self.progress.setValue(value)
                self.progress.setUpdatesEnabled(True)  # schedules an update()
        rate = done / max(time.perf_counter() - self._run_started, 1e-9) if self._state != "idle" else 0.0
        text = self._counter_text.format(snap.epoch, snap.updates)
        m = snap.metrics
        if m is not None:
            acc = m.val_acc if math.isfinite(m.val_acc) else m.train_acc
            text += " · " + self._acc_text.format(QLocale().toString(100.0 * acc, "f", 1))
        if rate > 0:
            text += " · " + self._rate_text.format(rate)
        self.counters.setText(text)

    def _on_finished(self, result: Any) -> None:
        self._flush()
        status = getattr(result, "status", "completed")
        message = getattr(result, "message", "")
        self._set_state("idle")
        if status == "failed":
            self._show_message(message, error=True)
        elif status != "diverged" and message:  # a divergence was shown by its own signal
            self._show_message(self._finished_text(result, message))
        self._plots.refresh()
        self.trainingFinished.emit(status)

    def _finished_text(self, result: Any, fallback: str) -> str:
        """How the run ended, in the interface language (the core says it in English)."""
        snap = getattr(result, "snapshot", None)
        if snap is None:
            return fallback
        status = result.status
        if status == "completed":
            return self.tr("Trained {0} epochs.").format(snap.epoch)
        if status == "stopped":
            return self.tr("Stopped after epoch {0}.").format(snap.epoch)
        if status == "early_stopping":
            try:
                cfg = self.config()
            except UserError:
                return fallback
            text = self.tr(
                "Early stopping after epoch {0}: no improvement for {1} epochs; best epoch {2}."
            ).format(snap.epoch, cfg.patience, snap.best_epoch)
            if cfg.restore_best:
                text += " " + self.tr("Its weights were restored.")
            return text
        return fallback

    def _on_diverged(self, message: str) -> None:
        self._show_message(message + " " + self._diverged_hint, error=True)
        self.form.mark_lr_error()

    def _on_engine(self, name: str, reason: str) -> None:
        self._engine = name
        # the reason names the engine ("Compiled engine: …", "PyTorch: …"); a
        # PyTorch run also says where it computes (the compiled engine: the CPU)
        text = translate_core(reason)
        device = self.controller.device()
        if name == "torch" and device:
            text += " " + self._device_text.format(device)
        self.engine_label.setText(text)
        self.engine_label.setToolTip(self._engine_tip)

    def _on_live_setting(self, name: str, value: object) -> None:
        if self.message.property("error"):  # a valid value replaces the refused one
            self._show_message("")
        if self._state != "idle":
            self.controller.update_settings(**{name: value})

    # ------------------------------------------------------------- structure
    def _on_structure_changed(self) -> None:
        """Data or layers changed on the form: new data set and fresh weights."""
        if self._state != "idle":
            return
        self._rebuild_from_form(keep_network=False)

    def _rebuild_from_form(self, keep_network: bool) -> None:
        try:
            custom = self.form.data_kind.currentData() == "custom" and self._custom_dataset is not None
            ds = self._custom_dataset if custom else self.form.dataset()
            net = self.form.network(ds, self._model.network if keep_network else None)
        except UserError as exc:
            self._show_message(user_message(exc), error=True)
            return
        self._show_message("")
        self._initial = net.copy()
        if not keep_network or not net.same_architecture(self._model.network):
            self._model.set_network(net)
        self._set_dataset(ds)
        self._reset_views(keep_old_runs=True)

    def _on_model_architecture(self) -> None:
        # the network was replaced elsewhere (file opened, lesson): follow it
        if self._state == "idle":
            self.form.show_network(self._model.network)
            self._regions.set_network(self._model.network)

    def _on_model_weights(self) -> None:
        # weights changed outside a run (an edit, an undo of Reset): the regions,
        # the hidden-neuron maps and the confusion matrix follow them
        if self._state == "idle" and not self.controller.is_running():
            net = self._model.network
            self._regions.set_network(net)
            if self._dataset is not None and self._dataset.n_features != 2:
                self._images.set_network(net)
            self._follow_undone_reset()

    def _follow_undone_reset(self) -> None:
        """Undo and redo of Reset bring the epoch and update counters along."""
        if self._reset_from is None:
            return
        trained, epochs, updates = self._reset_from
        weights = self._model.network.weights

        def same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
            return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))

        if same(weights, trained):
            counts = (epochs, updates)
        elif same(weights, self._initial.weights):
            counts = (0, 0)
        else:
            return
        self._epoch_offset, self._update_offset = counts
        self.counters.setText(self._counter_text.format(*counts))

    def _on_point_clicked(self, index: int) -> None:
        """A click on a point shows its way through the network (the graph's neuron outputs)."""
        ds = self._dataset
        if ds is not None and 0 <= index < len(ds.x) and self._model.network.layers[0] == ds.n_features:
            self._model.show_sample(ds.x[index])
            self._regions.data_view.set_marked([index], self._probe_text)

    def _set_dataset(self, ds: Dataset) -> None:
        self._dataset = ds
        two_d = ds.n_features == 2
        self._data_stack.setCurrentWidget(self._regions if two_d else self._images)
        self._regions.set_dataset(ds if two_d else None)
        self._images.set_dataset(ds)

    def _reset_views(self, keep_old_runs: bool) -> None:
        self._pending = None
        self._stages = []
        self._frame.stop()
        self._epoch_offset = self._update_offset = 0
        self._run_epochs0 = 0
        if keep_old_runs:
            self._plots.new_run()
        else:
            self._plots.clear_old_runs()
            self._plots.clear()
        net = self._model.network
        self._regions.set_network(net)
        if self._dataset is not None and self._dataset.n_features != 2:
            self._images.set_network(net)
        self.progress.setValue(0)
        self.counters.setText(self._counter_text.format(0, 0))

    # ------------------------------------------------------------------ UI
    def _set_state(self, state: str) -> None:
        self._state = state
        self._set_live(state == "running")
        idle = state == "idle"
        self.train_button.setEnabled(idle)
        self.pause_button.setEnabled(state == "running")
        self.resume_button.setEnabled(state == "paused")
        self.pause_button.setVisible(state != "paused")
        self.resume_button.setVisible(state == "paused")
        self.stop_button.setEnabled(not idle)
        self.reset_button.setEnabled(True)
        self.form.set_training(not idle)

    def _set_live(self, on: bool) -> None:
        """While a run is live: short GIL switches, coarser region grids; full ones when it stops."""
        if on and self._saved_switch_interval is None and self._run_engine in _LIVE_SWITCH_INTERVAL_S:
            self._saved_switch_interval = sys.getswitchinterval()
            interval = _LIVE_SWITCH_INTERVAL_S[self._run_engine]
            sys.setswitchinterval(min(self._saved_switch_interval, interval))
        elif not on and self._saved_switch_interval is not None:
            sys.setswitchinterval(self._saved_switch_interval)
            self._saved_switch_interval = None
        self._regions.set_live(on)

    def _show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setProperty("error", error and bool(text))
        self.message.setStyleSheet(
            "QLabel { color: white; background: #b3261e; padding: 6px; border-radius: 4px; font-weight: bold; }"
            if error else "QLabel { padding: 4px; }"
        )

    def _on_speed(self) -> None:
        self.controller.set_pace(float(self.speed.currentData()))  # a running training follows at once

    def _key_train(self) -> None:
        if self.train_button.isEnabled():
            self.start()

    def _key_pause(self) -> None:
        if self._state == "running":
            self.pause()
        elif self._state == "paused":
            self.resume()

    def retranslate(self) -> None:
        self.train_button.setText(self.tr("Train"))
        self.train_button.setToolTip(
            self.tr("Train from the current weights for the chosen number of epochs") + " (F5)"
        )
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause training; the views keep the last state") + " (F6)")
        self.resume_button.setText(self.tr("Resume"))
        self.resume_button.setToolTip(self.tr("Continue a paused training") + " (F6)")
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("End the run after the current batch; Train continues from there") + " (Shift+F5)"
        )
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(
            self.tr("Stop and go back to the initial weights; the curves stay faint for comparison")
        )
        self.progress.setToolTip(self.tr("Epochs done of the epochs asked for"))
        self.speed_label.setText(self.tr("&Speed:"))
        for i in range(self.speed.count()):
            pace = self.speed.itemData(i)
            if pace == 0:
                text = self.tr("full speed")
            elif pace == 1:
                text = self.tr("1 epoch/s")
            else:
                text = self.tr("{0} epochs/s").format(int(pace))
            self.speed.setItemText(i, text)
        self.speed.setToolTip(
            self.tr(
                "Slow motion: at most this many epochs a second, each one shown, so that a class "
                "can watch the weights and the regions change. It applies at once, also while training."
            )
        )
        self._counter_text = self.tr("epoch {0} · {1} updates")
        self._acc_text = self.tr("accuracy {0}%")
        self._rate_text = self.tr("{0:.0f} epochs/s")
        self._device_text = self.tr("Device: {0}.")
        self._engine_tip = self.tr(
            "Which engine trains and why: the compiled engine (numba) for small networks on the "
            "CPU, PyTorch for the rest. Change it under Hardware."
        )
        self._probe_text = self.tr("the point shown in the network")
        self._diverged_hint = self.tr("Press Reset, set η to a tenth and train again.")
        if self._last_snapshot is not None:
            self._show_counters(self._last_snapshot)
        else:
            self.counters.setText(self._counter_text.format(self._epoch_offset, self._update_offset))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # the counters' height follows the font
            self._fit_counters()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.stop_and_wait()
        super().closeEvent(event)


if __name__ == "__main__":
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter

    from nnviz.core.lessons import load_lesson

    app = QApplication(sys.argv)
    lesson = load_lesson(sys.argv[1] if len(sys.argv) > 1 else "spiral")
    model = NetworkModel(lesson.network)
    panel = TrainingPanel(model)
    panel.load_lesson(lesson)
    win = QMainWindow()
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(panel)
    split.addWidget(panel.regions_widget())
    split.addWidget(panel.plots_widget())
    win.setCentralWidget(split)
    win.resize(1600, 800)
    win.show()
    code = app.exec()
    panel.stop_and_wait()
    sys.exit(code)
