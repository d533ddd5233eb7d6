"""Perceptron mode: one neuron with the step function on 2-D points.

Each correction moves the decision line 0 = w·x + b on the data view and
rings the misclassified point that caused it; the formula view shows the
perceptron rule with its numbers. Epoch by epoch the panel counts mistakes;
on AND the count reaches 0 (converged), on XOR it never does, and after the
lesson's ``max_epochs`` the panel says why: the classes are not linearly
separable. A truth table of 3 inputs (``truth_table``) gives a neuron with 3
inputs: its boundary is the plane 0 = w·x + b, written out, not drawn.

The :class:`~nnviz.gui.lecture.stepper.StepperPanel` owns this panel, its actions and
the shared :class:`~nnviz.gui.lecture.formula_view.FormulaView`.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from nnviz.core.lecture.formulas import FORMULAS
from nnviz.core.lecture.latex_numbers import format_plain, split_result
from nnviz.core.lecture.perceptron import decision_line
from nnviz.core.lecture.perceptron_walk import (
    EpochReport,
    PerceptronWalk,
    perceptron_walk_for_lesson,
)
from nnviz.core.lecture.stepping import output_probabilities
from nnviz.core.model.regions import class_color
from nnviz.gui.lecture.formula_view import FormulaView
from nnviz.gui.lecture.side_panels import style_plot
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.wrapping_label import WrappingLabel

_BASE_PT = 11.0


class PerceptronPanel(QWidget):
    """Epochs, mistakes and the verdict of the perceptron rule (see the module doc)."""

    #: after every move
    stateChanged = Signal()

    def __init__(
        self,
        model: NetworkModel,
        formula: FormulaView,
        network_view: QWidget | None = None,
        data_view: QWidget | None = None,
        parent: QWidget | None = None,
        lang: str = "es",
    ) -> None:
        super().__init__(parent)
        self._model = model
        self.formula = formula
        self._network_view = network_view
        self._data_view = data_view
        self._lang = lang
        self._scale = 1.0
        self._walk: PerceptronWalk | None = None
        self._granularity = "scalar"
        #: True while this panel itself changes the model's weights
        self.pushing = False
        # wrapped lines that ask for their height as a minimum: the plot below keeps its room
        self.epoch_label = WrappingLabel()
        self.verdict = WrappingLabel()
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(y=True, alpha=0.25)
        # its bars and axis numbers still read on a short projector: the formula gives way first
        self.plot.setMinimumHeight(120)
        self._bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=pg.mkBrush(class_color(3)))
        self.plot.addItem(self._bars)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.epoch_label)
        lay.addWidget(self.verdict)
        lay.addWidget(self.plot, 1)
        style_plot(self.plot, self)
        self.plot.getAxis("left").setTickSpacing(1, 1)
        self.plot.getAxis("bottom").setTickSpacing(1, 1)
        self.retranslate()
        self.set_scale(1.0)

    # ------------------------------------------------------------ lessons
    def load_lesson(self, lesson) -> None:
        self._walk = perceptron_walk_for_lesson(lesson, self._lang)
        self._granularity = self._walk.granularity
        self._refresh()

    def walk(self) -> PerceptronWalk | None:
        return self._walk

    def unload(self) -> None:
        """Forget the walk (another kind of lesson is on show)."""
        self._walk = None

    def refresh(self) -> None:
        """Show the walk again (the stepper changed it: a hand edit taken in)."""
        self._refresh()

    # ------------------------------------------------------------- moving
    def step_forward(self) -> bool:
        """One move; False once there is nothing left to show (converged, or
        the lesson's epochs are over), so that Play stops."""
        if self._walk is None:
            return False
        rep = self._walk.report()
        if rep.converged or rep.gave_up:
            return False
        self._walk.forward()
        self._refresh()
        rep = self._walk.report()
        return not (rep.converged or rep.gave_up)

    def step_back(self) -> None:
        if self._walk is not None and self._walk.back():
            self._refresh()

    def finish_update(self) -> None:
        if self._walk is not None:
            self._walk.finish()
            self._refresh()

    def next_sample(self) -> None:
        if self._walk is not None:
            self._walk.next_sample()
            self._refresh()

    def reset(self) -> None:
        if self._walk is not None:
            self._walk.reset()
            self._refresh()

    def run_epochs(self) -> None:
        """On to convergence, or to the end of the lesson's epochs."""
        if self._walk is not None:
            self._walk.run_epochs()
            self._refresh()

    def can_go_back(self) -> bool:
        return self._walk is not None and self._walk.can_go_back()

    def set_granularity(self, granularity: str) -> None:
        self._granularity = granularity
        if self._walk is not None and granularity != self._walk.granularity:
            self._walk.set_granularity(granularity)
            self._refresh()

    def report(self) -> EpochReport | None:
        return self._walk.report() if self._walk is not None else None

    # ------------------------------------------------------------ showing
    def _refresh(self) -> None:
        walk = self._walk
        if walk is None:
            return
        state = walk.state()
        net = state.network
        if self._model.network.layers != net.layers:
            return
        self.pushing = True
        try:
            self._model.set_parameters(net.weights, net.biases)
        finally:
            self.pushing = False
        self._model.set_activations(state.outputs)
        step = walk.step()
        view = self._network_view
        if view is not None and hasattr(view, "set_highlight"):
            if step is None:
                view.set_highlight([(0, i) for i in range(net.layers[0])], [])
            else:
                view.set_highlight(step.neurons, step.edges)
        self._show_formula()
        self._update_data_view()
        self._update_labels()
        self.stateChanged.emit()

    def _show_formula(self) -> None:
        walk = self._walk
        assert walk is not None
        step = walk.step()
        # every weight: with 3 inputs the boundary is the plane 0 = w1 x1 + w2 x2 + w3 x3 + b
        net = walk.network()
        line = decision_line(net.weights[0][:, 0], float(net.biases[0][0]), self._lang)
        if step is None:
            self.formula.set_lines(
                self.tr("Epoch {0}, sample {1}: is it on the right side of the line?").format(
                    walk.epoch(), walk.sample + 1
                ),
                [
                    [(r"\mathbf{x} = " + _vec(walk.x, self._lang), "number"),
                     (r"\qquad d = " + _num(walk.d[0], self._lang), "number")],
                    [(r"0 = \mathbf{w}\cdot\mathbf{x} + b", "text")],
                    [(line, "result")],
                ],
            )
            return
        numeric, result = split_result(step.numbers_in(self._lang))
        self.formula.show_formula(step.caption_in(self._lang), step.latex, numeric, result)
        if step.phase == "update":
            if net.layers[0] == 2:
                self.formula.set_note(self.tr("Decision line:"), line)
            else:
                self.formula.set_note(self.tr("Decision plane:"), line)
        else:
            self.formula.set_note(self.tr("On the slide:"), FORMULAS[step.formula_id].latex)

    def _update_data_view(self) -> None:
        dv = self._data_view
        walk = self._walk
        if dv is None or walk is None or self._model.network.layers[0] != 2:
            return
        w1, w2, b = walk.line()
        dv.set_lines([(w1, w2, b, "0 = w·x + b")])
        dv.set_region(output_probabilities(walk.network(), dv.bounds()))
        known = walk.state().is_known(("delta", 1, 0))
        if known and walk.caused_update():
            dv.set_marked([walk.sample], self.tr("misclassified: it moves the line"))
        else:
            dv.set_marked([walk.sample], self.tr("sample on show"))

    def _update_labels(self) -> None:
        walk = self._walk
        assert walk is not None
        rep = walk.report()
        epoch = walk.epoch()
        # the epoch on show may be complete already (its last sample is at its end)
        if len(rep.mistakes) >= epoch:
            wrong = rep.mistakes[epoch - 1]
        else:
            # the sample on show counts as soon as its d − y is known
            known = not walk.at_end() and walk.state().is_known(("delta", 1, 0))
            wrong = rep.mistakes_now + int(known and walk.caused_update())
        self.epoch_label.setText(
            self.tr("Epoch {0} · sample {1} of {2} · mistakes in this epoch so far: {3} · η = {4}").format(
                epoch, walk.sample + 1, walk.n_samples, wrong, format_plain(walk.eta, self._lang)
            )
        )
        self._bars.setOpts(x=np.arange(1, len(rep.mistakes) + 1), height=np.array(rep.mistakes, dtype=float))
        self.plot.setXRange(0.3, max(walk.max_epochs, len(rep.mistakes)) + 0.7, padding=0)
        self.plot.setYRange(0, walk.n_samples + 0.2, padding=0)
        self.verdict.setText(self.verdict_text(rep))
        self._style_verdict(rep)

    def verdict_text(self, rep: EpochReport) -> str:
        """The sentence under the plot: how the rule is doing, or why it never settles."""
        walk = self._walk
        assert walk is not None
        plane = walk.layers()[0] == 3  # a truth table of 3 inputs: a plane, not a line
        if rep.converged and plane:
            return self.tr(
                "Converged after {0} epochs: a whole epoch without mistakes. The plane separates the "
                "two classes, so the rule changes nothing more."
            ).format(len(rep.mistakes))
        if rep.converged:
            return self.tr(
                "Converged after {0} epochs: a whole epoch without mistakes. The line separates the "
                "two classes, so the rule changes nothing more."
            ).format(len(rep.mistakes))
        if rep.gave_up:
            if plane:
                text = self.tr(
                    "After {0} epochs the plane still has not settled: every epoch some point is on the "
                    "wrong side. It never will: the classes are not linearly separable, no plane puts "
                    "each class on its own side. A hidden layer is needed."
                ).format(rep.epochs)
            else:
                text = self.tr(
                    "After {0} epochs the line still has not settled: every epoch some point is on the "
                    "wrong side. It never will: the classes are not linearly separable, no straight "
                    "line puts each class on its own side. A hidden layer is needed (lesson “XOR with a "
                    "2-2-1 multilayer perceptron”)."
                ).format(rep.epochs)
            if rep.cycle_from is not None:
                text += " " + self.tr(
                    "The weights at the end of epoch {0} were already those of the end of epoch {1}: "
                    "the rule goes round in a circle for ever."
                ).format(rep.epochs, rep.cycle_from)
            return text
        return self.tr("The rule goes on until an epoch without mistakes (at most {0} epochs).").format(
            walk.max_epochs
        )

    def _style_verdict(self, rep: EpochReport) -> None:
        font = QFont(self.font())
        font.setPointSizeF(_BASE_PT * self._scale * (1.1 if rep.converged or rep.gave_up else 1.0))
        font.setBold(rep.converged or rep.gave_up)
        self.verdict.setFont(font)

    # ---------------------------------------------------------- settings
    def set_scale(self, factor: float) -> None:
        self._scale = min(3.0, max(1.0, float(factor)))
        font = QFont(self.font())
        font.setPointSizeF(_BASE_PT * self._scale)
        self.epoch_label.setFont(font)
        tick = QFont(self.font())
        tick.setPointSizeF(_BASE_PT * self._scale * 0.85)
        for axis in ("bottom", "left"):
            ax = self.plot.getAxis(axis)
            ax.setStyle(tickFont=tick)
            ax.label.setFont(tick)
        if self._walk is not None:
            self._style_verdict(self._walk.report())

    def set_lang(self, lang: str, refresh: bool = True) -> None:
        if lang == self._lang:
            return
        self._lang = lang
        if self._walk is not None:
            self._walk.set_lang(lang)
            if refresh:
                self._refresh()

    def retranslate(self) -> None:
        self.plot.setLabel("bottom", self.tr("epoch"))
        self.plot.setLabel("left", self.tr("mistakes (corrections)"))
        if self._walk is not None:
            self._update_labels()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            style_plot(self.plot, self)
        super().changeEvent(event)


def _num(v: float, lang: str) -> str:
    from nnviz.core.lecture.latex_numbers import format_number

    return format_number(float(v), lang)


def _vec(v: np.ndarray, lang: str) -> str:
    from nnviz.core.lecture.formulas import vec

    return vec(np.asarray(v), lang, 4)


if __name__ == "__main__":
    import sys

    from nnviz.gui.lecture.preview import main_preview

    # python -m nnviz.gui.lecture.perceptron [LESSON] [--steps N] [--grab FILE.png]
    sys.exit(main_preview(default_lesson="perceptron-xor"))
