"""The panel's frame clock (a mixin of ``TrainingPanel``): from snapshots to repaints.

The worker's snapshots arrive faster than the views can repaint. Each one goes
to the curves at once (cheap) and waits as the *pending* snapshot; a
single-shot timer then shows the newest one in stages (the network graph, the
regions or the confusion matrix, the curves, the counters), each stage in its
own turn of the event loop, and spaces the frames so that the views take at
most a set share of the GUI thread (:data:`_PAINT_DUTY`). :meth:`_flush` shows
everything at once when a run ends.

Reads the panel's views (``_model``, ``_plots``, ``_regions``, ``_images``,
``_data_stack``), its ``speed`` box, ``progress`` and ``counters``, and the run's
counters (``_epoch_offset``, ``_update_offset``, ``_run_epochs0``,
``_epochs_target``, ``_run_started``, ``_state``, ``_engine``); a snapshot
from another engine than the line names (the NumPy engine hands over to the
compiled one once numba has compiled) goes to the run control's ``_on_engine``.

Dropout you can see: in slow motion (the controller's ``shows_dropout``) a
snapshot carries the mask of its latest batch's first sample, and the network
stage hands it to the model (``set_masks``), so that the graph crosses out the
dropped neurons; the last frame of a run, a faster speed or a run without
dropout clear it (:meth:`FrameScheduling.clear_dropout`).
"""

from __future__ import annotations

import collections
import dataclasses
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QLocale, QTimer

from nnviz.core.training.records import DropoutMask, Snapshot

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
#: live confusion matrices use at most this many samples (all on the last frame)
_LIVE_CONFUSION_SAMPLES = 500
_CONFUSION_EVERY_S = 0.5
#: curves and counters need fewer frames than the network and the regions
#: (by engine: the torch loop shares the GIL with the views)
_PLOTS_EVERY_S = {"compiled": 0.0, "torch": 1.0}
_COUNTERS_EVERY_S = 0.25


class FrameScheduling:
    """Snapshots to staged repaints on a frame timer (mixin of TrainingPanel)."""

    def _init_frame_clock(self) -> None:
        """The frame timer and the clock's state (called once by ``__init__``)."""
        self._pending: Snapshot | None = None
        self._last_snapshot: Snapshot | None = None
        self._next_paint = 0.0
        self._frame_t0 = 0.0
        self._frame_cost = 0.0
        self._plots_at = 0.0
        self._counters_at = 0.0
        self._confusion_at = 0.0
        self._stages: list[Callable[[], None]] = []
        self._view_updates: collections.Counter[str] = collections.Counter()
        #: the dropout mask the graph shows now (set by this panel), or None
        self._dropout_shown: DropoutMask | None = None
        self._frame = QTimer(self)
        self._frame.setSingleShot(True)
        self._frame.setInterval(_FRAME_MS)
        self._frame.timeout.connect(self._paint_frame)

    # ------------------------------------------------------------ snapshots
    def _on_snapshot(self, snap: Snapshot) -> None:
        """Plots take every epoch now (cheap); the heavy views wait for the next frame."""
        if snap.engine and snap.engine != self._engine:  # NumPy handed over to the compiled engine
            self._on_engine(snap.engine, snap.engine_reason)
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
        self._show_dropout(snap)
        self._view_updates["network"] += 1

    def _show_dropout(self, snap: Snapshot) -> None:
        """The latest batch's dropped neurons in the graph while a run shows them;
        the run's last frame (training stopped) clears them."""
        mask = snap.dropout
        if mask is not None and not snap.final and self.controller.shows_dropout():
            self._model.set_masks(mask.dropped, mask.p)
            self._dropout_shown = mask
        else:
            self.clear_dropout()

    def clear_dropout(self) -> None:
        """Take the dropout mask this panel put in the graph away (nothing when none is shown)."""
        if self._dropout_shown is not None:
            self._dropout_shown = None
            self._model.set_masks([])

    def dropout_shown(self) -> DropoutMask | None:
        """The dropout mask the graph shows for the run now, or None."""
        return self._dropout_shown

    def _on_speed_for_dropout(self) -> None:
        """Faster than the masks are shown at: the graph is whole again at once."""
        if not self.controller.shows_dropout():
            self.clear_dropout()

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
            if math.isfinite(acc):
                text += " · " + self._acc_text.format(QLocale().toString(100.0 * acc, "f", 1))
            else:  # a regression has no accuracy: its error is the measure
                loss = m.val_loss if math.isfinite(m.val_loss) else m.train_loss
                text += " · " + self._loss_text.format(QLocale().toString(loss, "g", 3))
        if rate > 0:
            text += " · " + self._rate_text.format(rate)
        self.counters.setText(text)
