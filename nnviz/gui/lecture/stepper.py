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
    panel.set_dropout(0.5 | None)      # dropout of the hidden neurons (a seeded mask per
                                       # update); panel.dropout() reads it back
    panel.set_scale(f)                 # presentation scale 1x..3x
    panel.set_compact(True)            # a short projector: status, settings, outline, tabs give way
    panel.set_lang("es")               # numbers' decimal mark, slide texts
    panel.stateChanged                 # signal after every move
    panel.unload()                     # a training lesson is on show: nothing to step
    panel.lessonRequested              # signal(lesson): a truth table was chosen in
                                       # panel.tables; show that lesson (the main window's
                                       # path; alone, connect it to panel.load_lesson)
    panel.network_to_keep()            # for the autosave: the update's start, never half-updated

A weight edited on the graph halfway through an update applies to the
weights the update started from, and the update begins again from them;
Edit → Undo / Redo of that edit go back to the exact start before / after it.

Keys (the actions' shortcuts): Space/→ step, ← back, P play, Shift+P pause,
End finish the update, N next sample, R reset, T train (the lesson's epochs).

The perceptron lessons run in :class:`~nnviz.gui.lecture.perceptron.PerceptronPanel`,
which shares this panel's formula view and actions. Beside it (and beside the
MLP's outline) :class:`~nnviz.gui.lecture.truth_table.TruthTableEditor` picks
the lesson's truth table when the lesson can take one.

This module builds the panel and loads lessons; its mixins hold the rest:
``_stepper_controls`` (actions, buttons, their texts), ``_stepper_walking``
(moves, play, keys, sync with the model's hand edits) and
``_stepper_display`` (what a step shows: formula, graph, plots, data, status).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.errors import UserError
from nnviz.core.lecture.stepping import BackpropWalk, walk_for_lesson
from nnviz.gui.lecture._edits import HandEdits
from nnviz.gui.lecture._stepper_controls import StepperControls
from nnviz.gui.lecture._stepper_display import StepperDisplay, same_parameters
from nnviz.gui.lecture._stepper_walking import TRAIN_SECONDS, StepperWalking
from nnviz.gui.lecture.formula_view import FormulaView
from nnviz.gui.lecture.perceptron import PerceptronPanel
from nnviz.gui.lecture.side_panels import ErrorPlot, StepOutline, TorchPanel
from nnviz.gui.lecture.truth_table import TruthTableEditor
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.wheel_guard import guard_wheel
from nnviz.gui.wrapping_label import WrappingLabel


class StepperPanel(StepperControls, StepperWalking, StepperDisplay, QWidget):
    """The "Formulas and stepper" dock: formula, controls, outline, error, PyTorch."""

    #: after every move (step, back, jump, reset, new lesson)
    stateChanged = Signal()
    #: a truth table was applied: the lesson to show (see the module doc)
    lessonRequested = Signal(object)

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
        #: the status line and the settings row are hidden for room (set_compact)
        self._compact = False
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
        # wraps without making the dock's scroll area grow to the panel's preferred height
        self.status = WrappingLabel()
        self.outline = StepOutline(self, lang=lang)
        self.outline.slideStepClicked.connect(self.jump_to_slide_step)
        self.error_plot = ErrorPlot()
        self.torch_panel = TorchPanel(lang=lang)

        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        #: the paced Train (the walking mixin's train_epochs): its frames, the
        #: epochs still to do, per frame, and whether the first is still to come
        self._train_timer = QTimer(self)
        self._train_timer.timeout.connect(self._train_tick)
        self._train_left = 0
        self._train_chunk = 1
        self._train_first = False
        #: seconds the paced Train spreads the lesson's epochs over
        self.train_seconds = TRAIN_SECONDS
        self._build_actions()
        self._build_controls()

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
        self.tables = TruthTableEditor()
        self.tables.lessonChosen.connect(self._table_lesson_chosen)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.pages)
        lower.addWidget(self.tables)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 1)

        # the formulas take the height they need (it changes with the step and
        # the scale); the outline, the plots and PyTorch get the rest
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.formula)
        lay.addWidget(self.status)
        lay.addWidget(self.controls)
        lay.addWidget(self.settings_row)
        lay.addWidget(lower, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()
        guard_wheel(self)  # the wheel scrolls the panel, not an unfocused field
        self._update_enabled()

    # ------------------------------------------------------------ lessons
    def load_lesson(self, lesson) -> None:
        """Show ``lesson`` (mode "mlp" or "perceptron"); the model should
        already hold its network (the main window sets it), but the stepper
        sets it too so that it can be used alone."""
        self.pause()
        self._lesson = lesson
        self._mode = "perceptron" if lesson.mode == "perceptron" else "mlp"
        now = self._model.network
        if not now.same_architecture(lesson.network) or not same_parameters(
            (now.weights, now.biases), (lesson.network.weights, lesson.network.biases)
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
            self._show_dropout_setting()
            self._show_page(self.perceptron)
            self.perceptron.load_lesson(lesson)
            self._select_granularity(self.perceptron.walk().granularity)
        else:
            self.perceptron.unload()
            st = lesson.stepper
            self._hidden_lines = bool(st.get("hidden_lines", False)) and lesson.network.layers[0] == 2
            self._train_epochs = int(st.get("train_epochs", 0))
            self._walk = walk_for_lesson(lesson, lang=self._lang)
            self._select_granularity(self._walk.granularity)
            self._show_dropout_setting()
            self._show_page(self.pages.widget(0))
            self._pushed_params = None
            self._refresh()
        self.tables.set_lesson(lesson)
        self.retranslate()

    def _show_page(self, page: QWidget) -> None:
        """Show the MLP's or the perceptron's page; the hidden one asks for no
        room (a stacked widget is as tall as its tallest page otherwise)."""
        if not hasattr(self, "_page_policies"):
            self._page_policies = {i: self.pages.widget(i).sizePolicy() for i in range(self.pages.count())}
        for i in range(self.pages.count()):
            other = self.pages.widget(i)
            ignored = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            other.setSizePolicy(self._page_policies[i] if other is page else ignored)
        self.pages.setCurrentWidget(page)

    def _table_lesson_chosen(self, lesson) -> None:
        self.lessonRequested.emit(lesson)
        self.setFocus()  # Space steps through the new lesson, not the table's cells

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

    # ---------------------------------------------------------- settings
    def set_scale(self, factor: float) -> None:
        """Presentation scale 1x..3x for the formula, outline, plots and controls."""
        self._scale = min(3.0, max(1.0, float(factor)))
        self.formula.set_scale(self._scale)
        self.outline.set_scale(self._scale)
        self.error_plot.set_scale(self._scale)
        self.torch_panel.set_scale(self._scale)
        self.perceptron.set_scale(self._scale)
        self.tables.set_scale(self._scale)
        self._give_torch_room()
        font = self.font()
        font.setPointSizeF(10.0 * self._scale)
        for w in (self.status, self.controls, self.settings_row, self.bottom.tabBar()):
            w.setFont(font)

    def set_compact(self, on: bool) -> None:
        """Compact (a short projector at a large scale): the status line, the
        row of step size and speed and the outline give their room to the
        formula and to the error plot and PyTorch below (the toolbar, the
        formula's caption and the lit graph say where the update is). The
        error plot and PyTorch lose their tabs too: the step picks the one on
        show (the error while stepping, PyTorch once the update is done), and
        PyTorch's table of every weight gives way to its one-line verdict."""
        self._compact = bool(on)
        self.settings_row.setVisible(not on)
        self.outline.setVisible(not on)
        self.bottom.tabBar().setVisible(not on)
        self.torch_panel.set_compact(on)
        self._give_torch_room()
        self.status.setVisible(self._mode != "perceptron" and not on)

    def compact(self) -> bool:
        return self._compact

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


if __name__ == "__main__":
    import sys

    from nnviz.gui.lecture.preview import main_preview

    sys.exit(main_preview())
