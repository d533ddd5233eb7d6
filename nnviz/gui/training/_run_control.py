"""Run control of the training panel (a mixin of ``TrainingPanel``).

Train / Pause / Resume / Stop / Reset and the run's state ("idle", "running",
"paused") with the buttons it enables; the wiring of the
:class:`~nnviz.gui.training.worker.TrainingController` (the trainer in a
QThread) and what the panel says when a run finishes, diverges or picks its
engine; settings changed while a run is live; a blocking run for ``nnviz shot``.
Snapshots go on to the frame clock (:mod:`nnviz.gui.training._frames`).
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import select_engine
from nnviz.core.training.error_growth import GrowthWatch
from nnviz.core.training.optimizer_state import OptimizerState
from nnviz.core.training.records import Snapshot
from nnviz.core.training.trainer import Trainer
from nnviz.gui.core_strings import result_message, translate_core, user_message
from nnviz.gui.training.worker import TrainingController, leave_a_core_for_the_gui

#: snapshots a second the worker sends, by engine (the compiled engine: a
#: little above the ~12 frames a second the views get, so that each frame has
#: a new one; torch: about the frames its views get at their duty; each
#: snapshot costs the worker a copy and wakes the GUI thread, which takes the GIL)
_SNAPSHOT_RATE = {"compiled": 15.0, "numpy-then-compiled": 15.0, "numpy": 15.0, "torch": 5.0}
#: the interpreter's thread switch interval while the compiled engine runs. It
#: releases the GIL for ~10 ms of epochs, then needs it for a moment; with
#: Python's default 5 ms a GUI thread busy in Python (a repaint) made it wait up
#: to 5 ms each time, and the trainer lost half its speed. (The torch loop
#: needs the GIL between operations: a frame painted in Python held up each of
#: its operations up to the interval, so it gets a short one too.)
_LIVE_SWITCH_INTERVAL_S = {
    "compiled": 0.0005, "numpy-then-compiled": 0.0005, "numpy": 0.0005, "torch": 0.0005
}


log = logging.getLogger(__name__)


class PanelRunControl:
    """Start, pause, resume, stop and reset a run; the worker's signals (mixin of TrainingPanel)."""

    def _init_run_control(self) -> None:
        """The run's state and the worker, wired to this panel (called once by ``__init__``)."""
        self._state = "idle"  # idle, running, paused
        self._epochs_target = 0
        self._run_started = 0.0
        self._run_epochs0 = 0
        self._engine = ""
        #: the engine line's (engine, core reason), to say it again in another language
        self._engine_shown: tuple[str, str] | None = None
        #: (trained weights, epochs, updates) before the last Reset, for its undo
        self._reset_from: tuple[list[np.ndarray], int, int] | None = None
        self._saved_switch_interval: float | None = None
        self._run_engine = ""
        #: the optimizer's memory at the end of the last run and the weights it
        #: belongs to: the next run goes on from it while those weights are on show
        self._kept_optimizer: tuple[OptimizerState, list[np.ndarray]] | None = None

        self.controller = TrainingController(self)
        self.controller.snapshot.connect(self._on_snapshot)
        #: watches the run for an error that grows (η too large): said, the run goes on
        self._growth = GrowthWatch()
        self.controller.snapshot.connect(self._watch_growth)
        self.controller.finished.connect(self._on_finished)
        self.controller.diverged.connect(self._on_diverged)
        self.controller.engineChosen.connect(self._on_engine)

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
            self.controller.start(self._model.network, self._dataset, config, self.optimizer_state())
        except UserError as exc:
            self._show_message(user_message(exc), error=True)
            return False
        self._epochs_target = config.epochs
        self._reset_from = None  # a new run: an older Reset no longer says where counters stand
        self._run_started = time.perf_counter()
        self._view_updates.clear()
        self._run_epochs0 = self._epoch_offset
        self._growth = GrowthWatch(self._dataset.n_classes)
        self.best_last.forget()  # the weights on show move on
        self._show_message("")
        self.form.clear_error()
        self._set_state("running")
        self.trainingStarted.emit()
        return True

    def _set_snapshot_rate(self, config: TrainingConfig) -> None:
        """Fewer snapshots for the torch engine: its views get few frames anyway
        (see _frames._PAINT_DUTY), and each snapshot costs its loop a copy and the GIL."""
        engine, _why = select_engine(self._model.network, self._dataset, config)
        self._run_engine = engine
        # TrainingController takes max_rate only in its constructor; it reads
        # _max_rate when a run starts (asked the core engineer for a start() argument)
        self.controller._max_rate = _SNAPSHOT_RATE.get(engine, 30.0)

    def optimizer_state(self) -> OptimizerState | None:
        """The last run's optimizer memory while its weights are on show, else None."""
        kept = self._kept_optimizer
        if kept is None:
            return None
        state, params = kept
        net = self._model.network
        now = [*net.weights, *net.biases]
        if len(now) != len(params) or not all(np.array_equal(a, b) for a, b in zip(now, params, strict=True)):
            return None
        return state

    def keep_optimizer_state(self, state: OptimizerState | None) -> None:
        """Let the next run go on from ``state`` (for the weights on show now)."""
        if state is None:
            self._kept_optimizer = None
            return
        net = self._model.network
        self._kept_optimizer = (state, [a.copy() for a in (*net.weights, *net.biases)])

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

    def stop_and_wait(self, timeout_ms: int = 5000, paint: bool = True) -> None:
        """Stop a run and wait for its thread to end (a new lesson, closing the window).

        ``paint`` False (closing): the last frame is not drawn (a 2-4096-4096-1
        network's hidden-neuron maps took 12 s) and the test part is not
        measured. The thread is always waited for to its end, never left
        running behind a destroyed QThread: past ``timeout_ms`` the wait goes on,
        said in the log once.
        """
        self._closing = not paint
        try:
            if self._state != "idle" or self.controller.is_running():
                self.controller.stop()
                if not self.controller.wait(timeout_ms):
                    log.warning("The training thread has not stopped after %d ms; waiting for it", timeout_ms)
                    while not self.controller.wait(1000):
                        pass
            if paint:
                self._flush()
            self._set_state("idle")
        finally:
            self._closing = False

    def train_epochs_blocking(self, n: int) -> Snapshot | None:
        """Train ``n`` epochs in this thread and show the result (``nnviz shot``)."""
        self.stop_and_wait()
        if self._dataset is None:
            self._rebuild_from_form(keep_network=True)
        if self._dataset is None or n <= 0:
            return None
        config = self.form.config().replace(epochs=int(n))
        trainer = Trainer(self._model.network, self._dataset, config, self.optimizer_state())
        self._epochs_target = int(n)
        self._run_epochs0 = self._epoch_offset
        try:
            self._on_engine(trainer.engine_name, trainer.engine_reason)
            result = trainer.run(None)
        finally:
            trainer.close()
        self._on_snapshot(result.snapshot)
        self._flush()
        self.keep_optimizer_state(result.optimizer_state)  # type: ignore[arg-type]
        if result.diverged:
            self._on_diverged(result_message(result))
        else:
            self._test_after_run(result.status)  # the test images, measured once, as after a live run
        return result.snapshot

    # ------------------------------------------------------- worker's signals
    def _on_finished(self, result: Any) -> None:
        if getattr(self, "_closing", False):  # the window goes: no last frame, no test figures
            self.keep_optimizer_state(getattr(result, "optimizer_state", None))
            self._set_state("idle")
            return
        self._flush()
        # early stopping restored the best weights: offer the last ones too
        self.best_last.offer(getattr(result, "snapshot", None), self._run_epochs0)
        status = getattr(result, "status", "completed")
        message = getattr(result, "message", "")
        self.keep_optimizer_state(getattr(result, "optimizer_state", None))
        self._set_state("idle")
        if status == "failed":
            self._show_message(message, error=True)
        elif status == "diverged":  # shown by its own signal; said again after a switch of language
            if self.message.text():
                self._message_remake = lambda: result_message(result) + " " + self._diverged_hint
        elif message:
            warning = self._growth.warning  # still said once the run is over

            def text() -> str:
                said = self._finished_text(result, message)
                return said + " " + user_message(warning) if warning is not None else said

            self._show_message(text(), error=warning is not None, remake=text)
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

    def _show_chosen_weights(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        """The best or the last weights of a run that stopped early, in every view."""
        if self._state == "idle":
            self._model.set_parameters(weights, biases)

    def _watch_growth(self, snap: Snapshot) -> None:
        """Say, while the run goes on, that the error grows or the weights ran away
        (the training panel's message line)."""
        warning = self._growth.add(snap.history, snap.weights)
        if warning is not None:
            self._show_message(user_message(warning), error=True, remake=lambda: user_message(warning))

    def _on_diverged(self, message: str) -> None:
        self._show_message(message + " " + self._diverged_hint, error=True)
        self.form.mark_lr_error()

    def _on_engine(self, name: str, reason: str) -> None:
        self._engine = name
        self._engine_shown = (name, reason)  # said again in the next language (retranslate)
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

    # ----------------------------------------------------------------- state
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
        if not getattr(self, "_closing", False):  # closing: no full-resolution regions to draw
            self._regions.set_live(on)

