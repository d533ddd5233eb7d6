"""Lecture mode: one backprop update, one formula at a time, beside the graph.

The lecturer presses Space (or →) and the next formula of the slides appears
with its numbers while the network lights the neurons and edges it uses; ←
goes back and restores the earlier state exactly (the engine's state after
each step, never arithmetic undo). Node values and weights change in the
:class:`~nnviz.gui.network.model.NetworkModel` exactly when their formula applies.

API for the main window::

    panel = StepperPanel(model, network_view, data_view)
    panel.load_lesson(lesson)          # mode "mlp" or "perceptron"
    panel.toolbar_actions()            # back, step, play, pause, finish, next sample, reset
    panel.action("step")               # one of them by name (also "train")
    panel.step_forward(); panel.step_back(); panel.finish_update(); panel.next_sample()
    panel.reset(); panel.play(); panel.pause(); panel.train_epochs()
    panel.set_granularity("scalar" | "layer" | "update"); panel.set_speed(steps_per_s)
    panel.set_scale(f)                 # presentation scale 1x..3x
    panel.set_lang("es")               # numbers' decimal mark, slide texts
    panel.stateChanged                 # signal after every move
    panel.unload()                     # a training lesson is on show: nothing to step
    panel.network_to_keep()            # for the autosave: the update's start, never half-updated

A weight edited on the graph halfway through an update applies to the
weights the update started from, and the update begins again from them;
Edit → Undo / Redo of that edit go back to the exact start before / after it.

Keys (the actions' shortcuts): Space/→ step, ← back, P play, Shift+P pause,
End finish the update, N next sample, R reset, T train (the lesson's epochs).

The perceptron lessons run in :class:`~nnviz.gui.lecture.perceptron.PerceptronPanel`,
which shares this panel's formula view and actions.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.errors import UserError
from nnviz.core.lecture.latex_numbers import format_plain, split_result
from nnviz.core.lecture.stepping import (
    GRANULARITIES,
    BackpropWalk,
    output_probabilities,
    slide_formula,
    walk_for_lesson,
)
from nnviz.core.lecture.steps import Step
from nnviz.gui.lecture._edits import HandEdits
from nnviz.gui.lecture.formula_view import FormulaView
from nnviz.gui.lecture.side_panels import ErrorPlot, StepOutline, TorchPanel
from nnviz.gui.network.model import NetworkModel

#: play speeds in steps per second (slider positions)
SPEEDS = (0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0)
ACTION_NAMES = ("back", "step", "play", "pause", "finish", "next_sample", "reset")

class StepperPanel(QWidget):
    """The "Formulas and stepper" dock: formula, controls, outline, error, PyTorch."""

    #: after every move (step, back, jump, reset, new lesson)
    stateChanged = Signal()

    def __init__(
        self,
        model: NetworkModel,
        network_view: QWidget | None = None,
        data_view: QWidget | None = None,
        parent: QWidget | None = None,
        lang: str | None = None,
    ) -> None:
        super().__init__(parent)
        if lang is None:
            from nnviz.gui.i18n import current_language

            lang = current_language()
        self._lang = lang
        self._model = model
        self._network_view = network_view
        self._data_view = data_view
        self._scale = 1.0
        self._walk: BackpropWalk | None = None
        self._lesson = None
        self._mode = "mlp"
        self._hidden_lines = False
        self._train_epochs = 0
        self._pushed_params: tuple[list[np.ndarray], list[np.ndarray]] | None = None
        self._torch_for: object | None = None
        #: the model's weights were changed by someone else (an edit, training)
        self._stale = False
        self._pushing = False
        #: hand edits taken in, so that undo and redo go back exactly
        self._edits = HandEdits(model.undo_stack)
        # an edit is taken in as soon as the event loop is free (formula and graph
        # agree at once); a burst of changes is taken in once
        self._sync_timer = QTimer(self, singleShot=True, interval=0, timeout=self._sync_soon)

        self.formula = FormulaView(self, lang=lang)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.outline = StepOutline(self, lang=lang)
        self.outline.slideStepClicked.connect(self.jump_to_slide_step)
        self.error_plot = ErrorPlot()
        self.torch_panel = TorchPanel(lang=lang)

        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._build_actions()
        self._build_controls()

        from nnviz.gui.lecture.perceptron import PerceptronPanel

        self.perceptron = PerceptronPanel(model, self.formula, network_view, data_view, lang=lang)
        self.perceptron.stateChanged.connect(self._after_perceptron_move)
        model.weightsChanged.connect(self._model_weights_changed)
        model.architectureChanged.connect(self._model_architecture_changed)

        self.bottom = QTabWidget()
        self.bottom.addTab(self.error_plot, "")
        self.bottom.addTab(self.torch_panel, "")
        mlp_page = QSplitter(Qt.Orientation.Horizontal)
        mlp_page.addWidget(self.outline)
        mlp_page.addWidget(self.bottom)
        mlp_page.setStretchFactor(0, 1)
        mlp_page.setStretchFactor(1, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(mlp_page)
        self.pages.addWidget(self.perceptron)

        # the formulas take the height they need (it changes with the step and
        # the scale); the outline, the plots and PyTorch get the rest
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.formula)
        lay.addWidget(self.status)
        lay.addWidget(self.controls)
        lay.addWidget(self.settings_row)
        lay.addWidget(self.pages, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()
        self._update_enabled()

    # ------------------------------------------------------------ actions
    def _build_actions(self) -> None:
        def make(name: str, keys: list[str], slot) -> QAction:
            act = QAction(self)
            act.setObjectName(f"stepper_{name}")
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self._actions: dict[str, QAction] = {
            "back": make("back", ["Left"], self.step_back),
            "step": make("step", ["Space", "Right"], self.step_forward),
            "play": make("play", ["P"], self.play),
            "pause": make("pause", ["Shift+P"], self.pause),
            "finish": make("finish", ["End"], self.finish_update),
            "next_sample": make("next_sample", ["N"], self.next_sample),
            "reset": make("reset", ["R"], self.reset),
        }
        self._act_train = make("train", ["T"], self.train_epochs)

    def toolbar_actions(self) -> list[QAction]:
        """The stepper's actions in toolbar order (they carry their shortcuts)."""
        return [self._actions[n] for n in ACTION_NAMES]

    def action(self, name: str) -> QAction:
        """One action by name: one of :data:`ACTION_NAMES`, or "train"."""
        return self._act_train if name == "train" else self._actions[name]

    def _build_controls(self) -> None:
        self.controls = QWidget()
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        self._buttons: dict[str, QToolButton] = {}
        for name in ACTION_NAMES:
            b = QToolButton()
            b.setDefaultAction(self._actions[name])
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(b)
            self._buttons[name] = b
        self.train_button = QPushButton()
        self.train_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.train_button.clicked.connect(self.train_epochs)
        row.addWidget(self.train_button)
        row.addStretch(1)
        settings = QWidget()
        row2 = QHBoxLayout(settings)
        row2.setContentsMargins(0, 0, 0, 0)
        self.granularity = QComboBox()
        self.granularity.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for g in GRANULARITIES:
            self.granularity.addItem("", g)
        self.granularity.currentIndexChanged.connect(self._granularity_chosen)
        self.speed_label = QLabel()
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(SPEEDS.index(2.0))
        self.speed.setFixedWidth(110)
        self.speed.valueChanged.connect(self._speed_changed)
        self.speed.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.gran_label = QLabel()
        for w in (self.gran_label, self.granularity, self.speed_label, self.speed):
            row2.addWidget(w)
        row2.addStretch(1)
        self.settings_row = settings

    # ------------------------------------------------------------ lessons
    def load_lesson(self, lesson) -> None:
        """Show ``lesson`` (mode "mlp" or "perceptron"); the model should
        already hold its network (the main window sets it), but the stepper
        sets it too so that it can be used alone."""
        self.pause()
        self._lesson = lesson
        self._mode = "perceptron" if lesson.mode == "perceptron" else "mlp"
        if not self._model.network.same_architecture(lesson.network) or not _same_params(
            self._model.network, lesson.network
        ):
            self._pushing = True
            try:
                self._model.set_network(lesson.network)
            finally:
                self._pushing = False
        self._stale = False
        self._forget_edits()
        self.formula.reset_height()
        if self._data_view is not None:
            try:
                self._data_view.set_dataset(lesson.dataset())
                self._data_view.clear_overlays()
            except UserError:
                pass
        if self._mode == "perceptron":
            self._walk = None
            self.pages.setCurrentWidget(self.perceptron)
            self.perceptron.load_lesson(lesson)
            self._select_granularity(self.perceptron.walk().granularity)
        else:
            self.perceptron.unload()
            st = lesson.stepper
            self._hidden_lines = bool(st.get("hidden_lines", False)) and lesson.network.layers[0] == 2
            self._train_epochs = int(st.get("train_epochs", 0))
            self._walk = walk_for_lesson(lesson, lang=self._lang)
            self._select_granularity(self._walk.granularity)
            self.pages.setCurrentWidget(self.pages.widget(0))
            self._pushed_params = None
            self._refresh()
        self.retranslate()

    def lesson(self):
        return self._lesson

    def network_to_keep(self):
        """The network an autosave should keep: the weights the update in progress
        started from (its result once it is finished), never half-updated ones;
        None when no walk is on show or the model was changed since."""
        walk = self._active_walk()
        if walk is None or self._stale or self._model.network.layers != walk.layers():
            return None
        return walk.network().copy() if walk.at_end() else walk.trace.network_before.copy()

    def unload(self) -> None:
        """Nothing to step through (the main window shows a training lesson)."""
        self._stale = False
        self._deactivate()

    def mode(self) -> str:
        return self._mode

    def walk(self) -> BackpropWalk | None:
        """The backprop walk of an "mlp" lesson (None in perceptron mode)."""
        return self._walk

    # -------------------------------------------------------------- moving
    def step_forward(self) -> None:
        if not self._sync():
            return
        if self._mode == "perceptron":
            self.perceptron.step_forward()
        elif self._walk is not None:
            self._walk.forward()
            self._refresh()

    def step_back(self) -> None:
        if not self._sync():
            return
        if self._mode == "perceptron":
            self.perceptron.step_back()
        elif self._walk is not None and self._walk.back():
            self._refresh()

    def finish_update(self) -> None:
        if not self._sync():
            return
        if self._mode == "perceptron":
            self.perceptron.finish_update()
        elif self._walk is not None:
            self._walk.finish()
            self._refresh()

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

    def jump_to_slide_step(self, slide_step: int) -> None:
        if not self._sync():
            return
        if self._walk is not None and self._walk.jump_to_slide_step(slide_step):
            self._refresh()

    def train_epochs(self) -> None:
        """Run the lesson's ``train_epochs`` epochs at once (the MLP solving XOR);
        in perceptron mode, on to convergence or the lesson's last epoch."""
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
        self._walk.train_epochs(self._train_epochs)
        self._refresh()

    def play(self) -> None:
        self._timer.start(int(1000 / SPEEDS[self.speed.value()]))
        self._update_enabled()

    def pause(self) -> None:
        self._timer.stop()
        self._update_enabled()

    def is_playing(self) -> bool:
        return self._timer.isActive()

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
        file), the stepper has nothing to step through."""
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
        self.perceptron.unload()
        self.formula.set_lines(self.tr("Open a perceptron or MLP lesson to step through its formulas."), [])
        self.status.setText("")
        self.outline.set_current(None)
        self._update_enabled()

    # -------------------------------------------------------------- showing
    def _refresh(self) -> None:
        walk = self._walk
        if walk is None or self._stale or self._model.network.layers != walk.layers():
            return
        state = walk.state()
        step = walk.step()
        net = state.network
        weights_changed = self._pushed_params is None or not _arrays_equal(
            self._pushed_params, (net.weights, net.biases)
        )
        if weights_changed:
            self._pushing = True
            try:
                self._model.set_parameters(net.weights, net.biases)
            finally:
                self._pushing = False
            self._pushed_params = ([w.copy() for w in net.weights], [b.copy() for b in net.biases])
        self._model.set_activations(state.outputs)
        self._show_formula(step)
        self._highlight(step)
        self.outline.set_current(step.slide_step if step is not None else None)
        finished = walk.finished()
        self.error_plot.set_points(finished)
        self._update_torch()
        self._update_data_view(weights_changed)
        self._update_status()
        self._update_enabled()
        self.stateChanged.emit()
        # while the lecturer talks, parse the next formula: the next press is instant
        QTimer.singleShot(0, self._prefetch_next)

    def _prefetch_next(self) -> None:
        walk = self._walk
        if walk is None or walk.pos + 1 >= len(walk.trace):
            return
        step = walk.trace.steps[walk.pos + 1]
        numeric, result = split_result(step.numbers_in(self._lang))
        self.formula.prefetch(step.latex, numeric, result, self._slide_formula(step))

    def _show_formula(self, step: Step | None) -> None:
        walk = self._walk
        assert walk is not None
        if step is None:
            self.formula.set_lines(
                self.tr("Update {0}: the sample is presented to the network").format(walk.update_number),
                [
                    [(r"\mathbf{x} = " + _vector(walk.x, self._lang), "number")],
                    [(r"\mathbf{d} = " + _vector(walk.d, self._lang), "number")],
                ],
            )
            return
        if walk.granularity == "update" and walk.at_end():
            numeric, result = split_result(walk.trace.steps[_error_index(walk)].numbers_in(self._lang))
            caption = self.tr("Update {0} done: every weight has been updated").format(walk.update_number)
            after = format_plain(walk.trace.error_after(), self._lang)
            self.formula.show_formula(caption, r"E = \dfrac{1}{2}\sum_k (d_k-y_k)^2", numeric, result)
            self.formula.set_note(self.tr("E after the update: {0}").format(after))
            return
        numeric, result = split_result(step.numbers_in(self._lang))
        caption = f"{step.slide_step}. {step.caption_in(self._lang)}"
        self.formula.show_formula(caption, step.latex, numeric, result)
        self.formula.set_note(self.tr("On the slide:"), self._slide_formula(step))

    def _slide_formula(self, step: Step) -> str:
        return slide_formula(step, self._model.network.activations)

    def _highlight(self, step: Step | None) -> None:
        view = self._network_view
        if view is None or not hasattr(view, "set_highlight"):
            return
        if step is None:
            view.set_highlight([(0, i) for i in range(self._model.network.layers[0])], [])
        elif self._walk is not None and self._walk.granularity == "update" and self._walk.at_end():
            view.clear_highlight()
        else:
            view.set_highlight(step.neurons, step.edges, self._weights_used(step))

    def _weights_used(self, step: Step) -> dict[tuple[int, int, int], float]:
        """The weights a formula uses, for the lit edges: every formula of an
        update works with the weights from before it (step 6 uses the old ω_jk
        although step 5 has already written the new ones on the graph); only
        ω ← ω + Δω shows the new value."""
        if self._walk is None or step.formula_id == "w_update":
            return {}
        before = self._walk.update_start().network.weights
        return {(wl, j, k): float(before[wl][j, k]) for wl, j, k in step.edges}

    def _update_torch(self) -> None:
        walk = self._walk
        if walk is None or not walk.at_end():
            if self._torch_for is not None:
                self.torch_panel.clear_comparison()
                self._torch_for = None
                self.bottom.setCurrentWidget(self.error_plot)
            return
        if self._torch_for is walk.trace:
            return
        self.torch_panel.show_update(walk.trace, self._lang)
        self._torch_for = walk.trace
        self.bottom.setCurrentWidget(self.torch_panel)

    def _update_data_view(self, weights_changed: bool = True) -> None:
        dv = self._data_view
        walk = self._walk
        if dv is None or walk is None or self._lesson is None or self._model.network.layers[0] != 2:
            return
        dv.set_marked([walk.sample], self.tr("sample of this update"))
        if self._hidden_lines and weights_changed:
            net = walk.network()
            dv.set_region(output_probabilities(net, dv.bounds()))
            w, b = net.weights[0], net.biases[0]
            lines = [
                (float(w[0, j]), float(w[1, j]), float(b[j]), f"h{_subscript(j + 1)}")
                for j in range(w.shape[1])
            ]
            dv.set_lines(lines)


    def _update_status(self) -> None:
        walk = self._walk
        if walk is None:
            return
        step = walk.step()
        where = (
            self.tr("start") if step is None else self.tr("formula {0} of {1}").format(step.index + 1, len(walk.trace))
        )
        text = self.tr("Update {0} · sample {1} of {2}: x = {3}, d = {4} · {5}").format(
            walk.update_number,
            walk.sample + 1,
            walk.n_samples,
            _plain_vector(walk.x, self._lang),
            _plain_vector(walk.d, self._lang),
            where,
        )
        self.status.setText(text)

    def _after_perceptron_move(self) -> None:
        self._update_enabled()
        self.stateChanged.emit()

    def _update_enabled(self) -> None:
        playing = self._timer.isActive()
        self._actions["play"].setEnabled(not playing)
        self._actions["pause"].setEnabled(playing)
        if self._mode == "perceptron":
            can_back = self.perceptron.can_go_back()
        else:
            can_back = self._walk is not None and self._walk.can_go_back()
        self._actions["back"].setEnabled(can_back)
        show_train = self._mode == "perceptron" or self._train_epochs > 0
        self.train_button.setVisible(show_train)
        self._act_train.setEnabled(show_train)
        self._act_train.setVisible(show_train)  # no "Train 0 epochs" in the toolbar

    # ---------------------------------------------------------- settings
    def set_scale(self, factor: float) -> None:
        """Presentation scale 1x..3x for the formula, outline, plots and controls."""
        self._scale = min(3.0, max(1.0, float(factor)))
        self.formula.set_scale(self._scale)
        self.outline.set_scale(self._scale)
        self.error_plot.set_scale(self._scale)
        self.torch_panel.set_scale(self._scale)
        self.perceptron.set_scale(self._scale)
        font = self.font()
        font.setPointSizeF(10.0 * self._scale)
        for w in (self.status, self.controls, self.settings_row, self.bottom.tabBar()):
            w.setFont(font)

    def set_lang(self, lang: str) -> None:
        """Language of the numbers (0,5 / 0.5) and of the slide texts."""
        if lang == self._lang:
            return
        self._lang = lang
        self.formula.set_lang(lang)
        self.outline.set_lang(lang)
        self.torch_panel.set_lang(lang)
        self.perceptron.set_lang(lang, refresh=not self._stale)
        if self._walk is not None:
            self._walk.set_lang(lang)
            self._refresh()
        self.retranslate()

    def lang(self) -> str:
        return self._lang

    def retranslate(self) -> None:
        a = self._actions
        texts = {
            "back": (self.tr("◀ Back"), self.tr("Previous formula; the state before it comes back exactly (←)")),
            "step": (self.tr("Step ▶"), self.tr("Next formula (Space or →)")),
            "play": (self.tr("Play"), self.tr("Step on by itself at the chosen speed (P)")),
            "pause": (self.tr("Pause"), self.tr("Stop playing (Shift+P)")),
            "finish": (self.tr("Finish update"), self.tr("Go to the end of this update (End)")),
            "next_sample": (self.tr("Next sample"), self.tr("Finish this update and start one on the next sample (N)")),
            "reset": (self.tr("Reset"), self.tr("Back to the lesson's weights, no updates done (R)")),
        }
        for name, (text, tip) in texts.items():
            a[name].setText(text)
            a[name].setToolTip(tip)
        if self._mode == "perceptron":
            walk = self.perceptron.walk()
            n = walk.max_epochs if walk is not None else 0
            train = self.tr("Run up to {0} epochs").format(n)
            tip = self.tr("Apply the rule sample after sample until an epoch without mistakes (T)")
        else:
            train = self.tr("Train {0} epochs").format(self._train_epochs)
            tip = self.tr("Run that many passes over all samples at once (T)")
        self.train_button.setText(train)
        self.train_button.setToolTip(tip)
        self._act_train.setText(train)
        self.gran_label.setText(self.tr("One step:"))
        if self._mode == "perceptron":
            names = (self.tr("each formula"), self.tr("each sample"), self.tr("each correction"))
        else:
            names = (self.tr("each value"), self.tr("each layer"), self.tr("whole update"))
        for i, text in enumerate(names):
            self.granularity.setItemText(i, text)
        self.status.setVisible(self._mode != "perceptron")
        self.bottom.setTabText(0, self.tr("Error"))
        self.bottom.setTabText(1, self.tr("PyTorch"))
        self._speed_changed(self.speed.value())
        if self._walk is not None:
            self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            from nnviz.gui.i18n import current_language

            lang = current_language()
            if lang != self._lang:
                self.set_lang(lang)
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.formula.update()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self.pause()
        super().closeEvent(event)


# ------------------------------------------------------------------ helpers
def _same_params(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights, strict=True)) and all(
        np.array_equal(x, y) for x, y in zip(a.biases, b.biases, strict=True)
    )


def _arrays_equal(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a[0], b[0], strict=True)) and all(
        np.array_equal(x, y) for x, y in zip(a[1], b[1], strict=True)
    )


def _vector(v: np.ndarray, lang: str) -> str:
    from nnviz.core.lecture.formulas import vec

    return vec(np.asarray(v), lang, 4)


def _plain_vector(v: np.ndarray, lang: str) -> str:
    sep = "; " if lang == "es" else ", "
    return "(" + sep.join(format_plain(x, lang) for x in np.asarray(v)) + ")"


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _subscript(n: int) -> str:
    return str(n).translate(_SUB)


def _error_index(walk: BackpropWalk) -> int:
    for s in walk.trace.steps:
        if s.formula_id == "error":
            return s.index
    return len(walk.trace) - 1


if __name__ == "__main__":
    import sys

    from nnviz.gui.lecture.preview import main_preview

    sys.exit(main_preview())
