"""The walk through an update (a mixin of
:class:`~nnviz.gui.lecture.stepper.StepperPanel`): step forward and back,
finish, next sample, reset, train, play at a speed, the keys, and keeping the
walk in step with the model when someone else changes its weights (a hand
edit, its undo or redo: :class:`~nnviz.gui.lecture._edits.HandEdits`) or
its network (a training lesson, a file).

In perceptron mode the moves go to the
:class:`~nnviz.gui.lecture.perceptron.PerceptronPanel`.

Presses made while a move keeps the window busy (the first PyTorch
comparison, a long "train" run) are coalesced, not replayed afterwards: the
lecturer who pressed Space five times during a freeze gets one step more, not
five, and none past the end of an update, where PyTorch's comparison is on
show (:func:`_drops_input_meanwhile`).
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent

from nnviz.core.lecture.latex_numbers import format_plain
from nnviz.core.lecture.stepping import BackpropWalk, UpdateStart
from nnviz.gui.lecture._stepper_controls import SPEEDS

#: the stepper's Train spreads its epochs over about this many seconds (XOR's
#: 300 epochs: 50 a second), a few epochs between frames
TRAIN_SECONDS = 6.0
#: milliseconds between two frames of the paced Train
TRAIN_TICK_MS = 40

#: a move longer than this kept the window busy long enough for a press to come
#: in meanwhile (a move usually takes a few ms; a press a person repeats, ~150 ms)
BUSY_S = 0.15

_Move = TypeVar("_Move", bound=Callable[..., object])


def _drops_input_meanwhile(move: _Move) -> _Move:
    """A move the user asks for (a key, a button, play's timer).

    When it kept the window busy for more than :data:`BUSY_S`, the input that
    came in meanwhile (queued keys and clicks) is delivered at once and the
    moves it asks for are coalesced: the first of them is done afterwards, the
    others dropped, so that nothing is replayed past the step on show; and
    when the busy move ended an update (PyTorch's comparison on show, a
    moment to talk about) none is done.
    """

    @functools.wraps(move)
    def wrapper(self, *args, **kwargs):  # noqa: ANN001, ANN202
        if getattr(self, "_dropping_input", False):
            if getattr(self, "_coalesced", None) is None:
                self._coalesced = functools.partial(wrapper, self, *args, **kwargs)
            return None  # pressed while the last move kept the window busy
        t0 = time.perf_counter()
        try:
            return move(self, *args, **kwargs)
        finally:
            if time.perf_counter() - t0 > BUSY_S:
                self._take_input_that_came_meanwhile()

    return wrapper  # type: ignore[return-value]


class StepperWalking:
    """Moves, play and sync of StepperPanel (a mixin: reads the panel's state)."""

    def _take_input_that_came_meanwhile(self) -> None:
        """After a busy move: the queued input, its moves coalesced into one at most."""
        self._dropping_input, self._coalesced = True, None
        try:
            QCoreApplication.processEvents()  # the queued presses reach the moves, which keep the first
        finally:
            self._dropping_input = False
        pending, self._coalesced = self._coalesced, None
        walk = self._walk if self._mode != "perceptron" else None
        at_update_end = walk is not None and walk.pos == len(walk.trace) - 1
        if pending is not None and not at_update_end:
            pending()

    @_drops_input_meanwhile
    def step_forward(self) -> None:
        if not self._sync():
            return
        if self._mode == "perceptron":
            self.perceptron.step_forward()
        elif self._walk is not None:
            self._walk.forward()
            self._refresh()

    @_drops_input_meanwhile
    def step_back(self) -> None:
        if not self._sync():
            return
        if self._mode == "perceptron":
            self.perceptron.step_back()
        elif self._walk is not None and self._walk.back():
            self._refresh()

    @_drops_input_meanwhile
    def finish_update(self) -> None:
        if not self._sync():
            return
        if self._mode == "perceptron":
            self.perceptron.finish_update()
        elif self._walk is not None:
            self._walk.finish()
            self._refresh()

    @_drops_input_meanwhile
    def next_sample(self) -> None:
        if not self._sync():
            return
        if self._mode == "perceptron":
            self.perceptron.next_sample()
        elif self._walk is not None:
            self._walk.next_sample()
            self._refresh()

    def reset(self) -> None:
        self.pause()
        self._stale = False
        if self._lesson is None:
            return
        if not self._model.network.same_architecture(self._lesson.network):
            self._pushing = True
            try:
                self._model.set_network(self._lesson.network)
            finally:
                self._pushing = False
        self._forget_edits()
        if self._mode == "perceptron":
            self.perceptron.reset()
        elif self._walk is not None:
            self._walk.reset()
            self._pushed_params = None
            self._refresh()

    def position(self) -> tuple[UpdateStart, int, str] | None:
        """Where the walk stands, to come back to it (a session file): the
        update in progress, the step on show in it and the granularity; None
        without a walk."""
        walk = self._active_walk()
        if walk is None:
            return None
        return walk.update_start(), walk.pos, walk.granularity

    @staticmethod
    def _replay(walk: BackpropWalk, start: UpdateStart) -> bool:
        """The perceptron's verdict reads every epoch's mistakes: walk the
        updates before ``start`` again from the lesson's start (they are
        determined by it) rather than only begin at it; False when that does not
        lead to ``start``'s weights (a hand edit on the way), the walk reset."""
        walk.reset()
        limit = 100_000  # a lesson's epochs are a few hundred samples
        while walk.update_number < start.number and limit:
            walk.next_sample()
            limit -= 1
        before = walk.trace.network_before
        same = walk.update_number == start.number and all(
            np.array_equal(a, b) for a, b in zip([*before.weights, *before.biases],
                                                 [*start.network.weights, *start.network.biases], strict=True)
        )
        if not same:
            walk.reset()
        return same

    def edits_pending(self) -> bool:
        """Whether the weights on show were edited by hand since the walk last
        took them in (it does at the next move)."""
        return bool(self._stale)

    def restore_position(self, start: UpdateStart, pos: int, granularity: str) -> None:
        """Go back to a :meth:`position`: the update it began, at step ``pos``
        (the last step when the update is shorter, as after a change of version)."""
        self.pause()
        self._stale = False
        self._forget_edits()
        walk = self._active_walk()
        if walk is None:
            return
        if granularity in ("scalar", "layer", "update") and granularity != walk.granularity:
            self.set_granularity(granularity)
        if not (self._mode == "perceptron" and self._replay(walk, start)):
            walk.begin_at(start)
        walk.jump(min(max(int(pos), -1), len(walk.trace) - 1))
        if self._mode == "perceptron":
            self.perceptron.refresh()
        else:
            self._pushed_params = None
            self._refresh()

    @_drops_input_meanwhile
    def jump_to_slide_step(self, slide_step: int) -> None:
        if not self._sync():
            return
        if self._walk is not None and self._walk.jump_to_slide_step(slide_step):
            self._refresh()

    @_drops_input_meanwhile
    def train_epochs(self) -> None:
        """Train the lesson's ``train_epochs`` epochs (the MLP solving XOR) at a
        pace a class can follow: spread over about :attr:`train_seconds`, the
        graph and the decision lines redrawn a few epochs at a time; pressed
        again, or any move, stops there. In perceptron mode, on to convergence
        or the lesson's last epoch, at once."""
        if self.is_training():
            self.stop_training()
            return
        if not self._sync():
            return
        if self._mode == "perceptron":
            self.pause()
            self.perceptron.run_epochs()
            return
        if self._walk is None or self._train_epochs <= 0:
            return
        self.pause()
        self._forget_edits()
        ticks = max(1, round(self.train_seconds * 1000 / TRAIN_TICK_MS))
        self._train_left = self._train_epochs
        self._train_chunk = max(1, math.ceil(self._train_epochs / ticks))
        self._train_first = True
        self._train_tick()
        if self._train_left > 0:
            self._train_timer.start(TRAIN_TICK_MS)
        self._update_enabled()

    def is_training(self) -> bool:
        """Whether the paced Train is running."""
        return self._train_timer.isActive()

    def stop_training(self) -> None:
        """Stop the paced Train where it is (the epochs done stay done)."""
        if self._train_timer.isActive() or self._train_left:
            self._train_timer.stop()
            self._train_left = 0
            self._update_enabled()

    def _train_tick(self) -> None:
        """One frame of the paced Train: a few epochs, then the graph redrawn."""
        if getattr(self, "_dropping_input", False):
            return  # the input of a busy move is being taken (a step may stop this): the next frame trains
        walk = self._walk
        if walk is None or self._train_left <= 0 or self._stale:  # a hand edit stops it
            self.stop_training()
            return
        t0 = time.perf_counter()
        n = min(self._train_chunk, self._train_left)
        walk.train_epochs(n, finish_current=self._train_first)
        self._train_first = False
        self._train_left -= n
        if self._train_left <= 0:
            self.stop_training()
        self._refresh()
        if time.perf_counter() - t0 > BUSY_S and self._train_timer.isActive():
            self._take_input_that_came_meanwhile()  # a slow machine: presses coalesced, as for any move

    def play(self) -> None:
        self._timer.start(int(1000 / SPEEDS[self.speed.value()]))
        self._update_enabled()

    def pause(self) -> None:
        self._timer.stop()
        self.stop_training()
        self._update_enabled()

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def play_speed(self) -> float:
        """Play's speed in steps a second."""
        return float(SPEEDS[self.speed.value()])

    def set_speed(self, steps_per_second: float) -> None:
        """Play speed, snapped to the nearest of :data:`SPEEDS`."""
        i = int(np.argmin([abs(s - steps_per_second) for s in SPEEDS]))
        self.speed.setValue(i)

    def set_granularity(self, granularity: str) -> None:
        """"scalar", "layer" or "update"."""
        self._select_granularity(granularity)

    def _select_granularity(self, granularity: str) -> None:
        i = self.granularity.findData(granularity)
        if i >= 0 and i != self.granularity.currentIndex():
            self.granularity.setCurrentIndex(i)
        elif self._walk is not None and self._walk.granularity != granularity:
            self._granularity_chosen(i)

    def _granularity_chosen(self, index: int) -> None:
        g = self.granularity.itemData(index)
        if self._walk is not None and g and g != self._walk.granularity:
            self._walk.set_granularity(g)
            self._refresh()
        self.perceptron.set_granularity(g)

    def _speed_changed(self, value: int) -> None:
        self.speed_label.setText(self.tr("{0} steps/s").format(format_plain(SPEEDS[value], self._lang)))
        if self._timer.isActive():
            self._timer.setInterval(int(1000 / SPEEDS[value]))

    def _tick(self) -> None:
        if self._mode == "perceptron":
            if not self.perceptron.step_forward():
                self.pause()
        else:
            self.step_forward()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # the actions' shortcuts do this in a window; keys sent straight to the
        # panel (a test, a shortcut context the window changed) still work
        key = event.key()
        handlers = {
            Qt.Key.Key_Space: self.step_forward,
            Qt.Key.Key_Right: self.step_forward,
            Qt.Key.Key_Left: self.step_back,
            Qt.Key.Key_R: self.reset,
            Qt.Key.Key_End: self.finish_update,
            Qt.Key.Key_N: self.next_sample,
        }
        if key in handlers and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            handlers[key]()
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------- the model's own edits
    def _model_weights_changed(self) -> None:
        if not (self._pushing or self.perceptron.pushing):
            self._stale = True
            self._sync_timer.start()

    def _active_walk(self) -> BackpropWalk | None:
        return self.perceptron.walk() if self._mode == "perceptron" else self._walk

    def _sync_soon(self) -> None:
        if self._stale and self._active_walk() is not None:
            self._sync()

    def _model_architecture_changed(self) -> None:
        if self._pushing or self.perceptron.pushing:
            return
        walk = self.perceptron.walk() if self._mode == "perceptron" else self._walk
        if walk is not None and self._model.network.layers != walk.layers():
            # another network (a training lesson, a file): nothing to step through
            self._stale = False
            self._deactivate()

    def _sync(self) -> bool:
        """Before a move: if the weights were edited by hand, go on from them;
        if the network is no longer the lesson's (a training lesson, another
        file), the stepper has nothing to step through. A move stops the
        paced Train first."""
        self.stop_training()
        if not self._stale:
            return self._lesson is not None
        self._stale = False
        net = self._model.network
        walk = self._active_walk()
        if walk is None or net.layers != walk.layers() or net.activations != self._lesson.network.activations:
            self._deactivate()
            return False
        halfway = 0 <= walk.pos < len(walk.trace) - 1
        change = self._edits.take_in(walk, net, keep_count=self._mode != "perceptron")
        if change:
            if self._mode == "perceptron":
                self.perceptron.refresh()
            else:
                self._pushed_params = None
                self._refresh()
        if change == "edit" and halfway:
            self.formula.set_note(
                self.tr("Edited mid-update: the update starts again from its initial weights, with the edit.")
            )
        return True

    def _forget_edits(self) -> None:
        self._edits.forget()

    def _deactivate(self) -> None:
        self.pause()
        self._forget_edits()
        self._walk = None
        self._lesson = None
        self._show_dropout_setting()
        self.perceptron.unload()
        self.tables.set_lesson(None)
        self.formula.set_lines(self.tr("Open a perceptron or MLP lesson to step through its formulas."), [])
        self.status.setText("")
        self.outline.set_current(None)
        self._update_enabled()
