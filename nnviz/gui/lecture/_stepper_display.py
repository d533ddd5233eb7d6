"""What the stepper shows for a step (a mixin of
:class:`~nnviz.gui.lecture.stepper.StepperPanel`): the weights and outputs it
writes into the model, the formula with its numbers, the lit neurons and
edges of the network view, the outline's current step, the error plot,
PyTorch's check at the end of an update, the data view's sample, region and
hidden lines, and the status line.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QTimer

from nnviz.core.lecture.latex_numbers import format_plain, split_result
from nnviz.core.lecture.slide_forms import slide_line
from nnviz.core.lecture.stepping import BackpropWalk, output_probabilities
from nnviz.core.lecture.steps import Step


class StepperDisplay:
    """The step on show in StepperPanel (a mixin: reads the panel's state)."""

    def _refresh(self) -> None:
        walk = self._walk
        if walk is None or self._stale or self._model.network.layers != walk.layers():
            return
        state = walk.state()
        step = walk.step()
        net = state.network
        weights_changed = self._pushed_params is None or not same_parameters(
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
        self._show_masks(walk)
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
        self.formula.prefetch(step.latex, numeric, result, self._slide_line(step)[0])

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
            error_step = walk.trace.steps[_error_index(walk)]
            numeric, result = split_result(error_step.numbers_in(self._lang))
            caption = self.tr("Update {0} done: every weight has been updated").format(walk.update_number)
            after = format_plain(walk.trace.error_after(), self._lang)
            self.formula.show_formula(caption, slide_line(error_step, self._model.network.activations,
                                                          self._lang)[0], numeric, result)
            self.formula.set_note(self.tr("E after the update: {0}").format(after))
            return
        numeric, result = split_result(step.numbers_in(self._lang))
        caption = f"{step.slide_step}. {step.caption_in(self._lang)}"
        self.formula.show_formula(caption, step.latex, numeric, result)
        latex, remark = self._slide_line(step)
        self.formula.set_note(self.tr("On the slide:"), latex, remark)

    def _slide_line(self, step: Step) -> tuple[str, str]:
        """The slide's form of ``step`` and, where its literal form differs, why."""
        return slide_line(step, self._model.network.activations, self._lang)

    def _show_masks(self, walk: BackpropWalk) -> None:
        """The dropped neurons of a dropout update, in the model (the graph marks
        them); none without dropout."""
        masks = walk.dropout_masks()
        if masks is None:
            if self._model.masks:
                self._model.set_masks([])
            return
        layers = walk.layers()
        shown = masks.as_bool(layers)
        now = self._model.masks
        if len(now) == len(shown) and all(np.array_equal(a, b) for a, b in zip(now, shown, strict=True)):
            return
        self._model.set_masks(shown, [masks.p] * (len(layers) - 2))

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
                self._set_bottom_minimum(0)
            return
        if self._torch_for is walk.trace:
            return
        self.torch_panel.show_update(walk.trace, self._lang)  # with the update's loss and dropout masks
        self._torch_for = walk.trace
        self.bottom.setCurrentWidget(self.torch_panel)
        self._give_torch_room()

    def _give_torch_room(self) -> None:
        """The PyTorch moment: the comparison takes the height it wants (its
        headline, verdict, snippet and the table's first row) and the formula
        above, the update's summary, is drawn smaller first (down to its
        scale-1 size)."""
        if self.bottom.currentWidget() is not self.torch_panel:
            return
        tabs = self.bottom.tabBar().sizeHint().height() if self.bottom.tabBar().isVisible() else 0
        # never below what the tabs' own content needs (an explicit minimum overrides it)
        wanted = max(self.torch_panel.wanted_height() + tabs + 4, self.bottom.minimumSizeHint().height())
        self._set_bottom_minimum(wanted)

    def _set_bottom_minimum(self, height: int) -> None:
        if self.bottom.minimumHeight() == height:
            return
        self.bottom.setMinimumHeight(height)
        # the splitters between here and the panel pass a new minimum on late (or
        # not at all): tell each of them, so that the dock's scroll area knows now
        widget = self.bottom.parentWidget()
        while widget is not None and widget is not self:
            widget.updateGeometry()
            widget = widget.parentWidget()
        self.updateGeometry()

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


# ------------------------------------------------------------------ helpers
def same_parameters(a, b) -> bool:
    """Whether two (weights, biases) pairs hold the same numbers."""
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

