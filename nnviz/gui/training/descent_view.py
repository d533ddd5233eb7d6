"""Gradient descent you can see: E(ω) along a weight, and the paths of descent on a map.

``DescentView(model)`` follows a :class:`~nnviz.gui.network.model.NetworkModel`.
Above, E along one chosen weight (the others fixed) with the current point,
the tangent of slope ∂E/∂ω and the step −η ∂E/∂ω as an arrow to the next
point (a too-large η lands past the minimum, higher). Below, E over two
chosen weights as a map with the paths of full batch, mini-batch and batch 1
from the same start, drawn over time so that after the same share of the
epochs each is where it got. Clicking an edge of the network graph (connect
``NetworkView.edgeClicked`` to :meth:`DescentView.pick`) chooses the weights:
the first click the curve's weight and the map's x axis, the next one the
map's y axis, and so on alternately.

The data and the error come from ``problem_source`` (a callable returning a
:class:`DescentProblem` or None; the main window reads its lesson) or
:meth:`DescentView.set_problem`. The math is in
:mod:`nnviz.core.training.landscape`; heavy work runs off the GUI thread
(``_descent_jobs``); the plots are in ``_descent_plots``, their arrangement
in ``_descent_layout``. While shown, the curve follows the model's weights
(throttled) and the map marks where the weights are now; the map itself is
redrawn for new weights, η, batch size or epochs, or on "Redraw map".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QThread, QTimer
from PySide6.QtWidgets import QWidget

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.model import graph_layout as gl
from nnviz.core.training.landscape import Curve, ErrorSurface, Parameter, surface_for
from nnviz.gui.core_strings import user_message
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training._descent_jobs import (
    MAP_SPAN,
    CurveRequest,
    DescentJobs,
    MapPaths,
    MapRequest,
)
from nnviz.gui.training._descent_layout import DescentLayout
from nnviz.gui.training._descent_plots import PATH_COLORS
from nnviz.gui.training.plot_style import apply_plot_theme
from nnviz.gui.wheel_guard import guard_wheel

#: seconds the paths take to draw
ANIMATION_S = 3.0
#: the curve follows new weights at most this often (ms)
FOLLOW_MS = 150


@dataclass
class DescentProblem:
    """What the view computes on: the data, the error, the lesson's own η and
    batch size, and the order in which training takes the samples."""

    dataset: Dataset
    loss: str = "mse"
    eta: float = 0.5
    batch_size: int = 0
    #: the trainer's batch order (a training lesson's config); a stepper
    #: lesson takes the samples in order: ``shuffle`` False
    seed: int = 0
    shuffle: bool = True
    #: the view takes η and the batch size again when this changes (a new lesson)
    key: str = ""


def parameter_html(layers: list[int], p: Parameter) -> str:
    """A weight or bias as the steppers write it (the network graph's tooltips):
    ω⁽ˡ⁾_jk, b⁽ˡ⁾_k; in a perceptron w_i, w_ik, b, b_k."""
    if len(layers) == 2:
        if p.is_bias:
            return "b" if layers[1] == 1 else f"b<sub>{p.k + 1}</sub>"
        return f"w<sub>{p.j + 1 if layers[1] == 1 else gl.pair_subscript(p.j, p.k)}</sub>"
    if p.is_bias:
        return f"b<sup>({p.layer + 1})</sup><sub>{p.k + 1}</sub>"
    return f"ω<sup>({p.layer + 1})</sup><sub>{gl.pair_subscript(p.j, p.k)}</sub>"


def default_parameters(layers: list[int]) -> tuple[Parameter, Parameter]:
    """Two weights to show before any click: the first two into the first output."""
    last = len(layers) - 2
    if layers[last] >= 2:
        return Parameter(last, 0, 0), Parameter(last, 1, 0)
    if layers[-1] >= 2:
        return Parameter(last, 0, 0), Parameter(last, 0, 1)
    return Parameter(last, 0, 0), Parameter.bias(last, 0)


class DescentView(DescentLayout, QWidget):
    """The gradient-descent dock (see the module docstring)."""

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.problem_source: Callable[[], DescentProblem | None] | None = None
        self._problem: DescentProblem | None = None
        self._key: str | None = None
        self._surface: ErrorSurface | None = None
        self._curve: Curve | None = None
        self._params = default_parameters(model.network.layers)
        self._clicks = 0
        self._message = ""
        self._scale = 1.0
        self._final_errors: list[float] = []
        self.jobs = DescentJobs(self)
        self.jobs.curveReady.connect(self._on_curve)
        self.jobs.pathsReady.connect(self._on_paths)
        self.jobs.mapProgress.connect(self._on_progress)
        self.jobs.mapReady.connect(self._on_grid)
        self.jobs.failed.connect(self._on_failed)
        self._build()
        self._follow_timer = QTimer(self, singleShot=True, interval=FOLLOW_MS, timeout=self._follow_weights)
        self._anim = QTimer(self, interval=30, timeout=self._animate)
        self._anim_t = 0.0
        model.weightsChanged.connect(self._weights_changed)
        model.architectureChanged.connect(self._architecture_changed)
        self.retranslate()
        guard_wheel(self)

    # ------------------------------------------------------------ texts
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:  # the high-contrast theme
            for plot in (self.curve_plot, self.map_plot):
                apply_plot_theme(plot, self.palette())
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._eta_label.setText(self.tr("η"))
        self.eta.setToolTip(self.tr(
            "The learning rate η: each update moves the weight by −η ∂E/∂ω. Too large, and the step "
            "lands past the minimum, higher than it started"))
        self._batch_label.setText(self.tr("Mini-batch"))
        self.batch.setToolTip(self.tr("The samples per update of the middle path (the others: all, and 1)"))
        self._epochs_label.setText(self.tr("Epochs"))
        self.epochs.setToolTip(self.tr("How many passes over the data each path makes"))
        self.redraw.setText(self.tr("Redraw"))
        self.redraw.setToolTip(self.tr("Draw the map and the paths again around the network's current weights"))
        self.progress.setToolTip(self.tr("Computing the error at every point of the map"))
        self.curve_plot.setToolTip(self.tr(
            "The error E along one weight, the others fixed: the dot is the network now, the dashed line "
            "its tangent (slope ∂E/∂ω), the arrow the step −η ∂E/∂ω, the ring where it lands"))
        self.map_plot.setToolTip(self.tr(
            "The error E over two weights (darker is lower; the lines join equal errors) and the path of "
            "gradient descent when only these two weights learn: the square is the start, + the network now"))
        self.curve_plot.getPlotItem().setLabel("left", self.tr("error E"))
        self._name_axes()
        self._name_tabs()
        self._show_choice()
        self._show_numbers()
        self._show_legend()

    def _name_tabs(self) -> None:
        if self.tabs.count() == 2:
            self.tabs.setTabText(0, self.tr("E along one weight"))
            self.tabs.setTabText(1, self.tr("Map of two weights"))

    def _path_names(self) -> list[str]:
        return [
            self.tr("full batch"),
            self.tr("mini-batch of {0}").format(QLocale().toString(self._mini_batch())),
            self.tr("batch 1"),
        ]

    def _show_legend(self) -> None:
        """The paths' colours, and what the map's marks mean."""
        names = self._path_names()
        if self._final_errors:  # how low each got after the same epochs
            loc = QLocale()
            names = [self.tr("{0}: E {1}").format(name, loc.toString(float(e), "g", 3))
                     for name, e in zip(names, self._final_errors)]
        # one entry a line beside the map, in a row below it
        self.legend.setText(("<br>" if self._legend_side else "&nbsp;&nbsp; ").join(
            f"<span style='color:rgb{c}'>&#9632;</span>&nbsp;{name.replace(' ', '&nbsp;').replace('-', '&#8209;')}"
            for c, name in zip(PATH_COLORS, names)
        ))
        self.legend.setToolTip(self.tr(
            "The error E where each path ends: after the same epochs, the full batch has made one update "
            "per epoch, batch 1 one per sample"))

    def _name_axes(self) -> None:
        layers = self._model.network.layers
        p1, p2 = self._params
        self.curve_plot.getPlotItem().setLabel("bottom", parameter_html(layers, p1))
        self.map_plot.getPlotItem().setLabel("bottom", parameter_html(layers, p1))
        self.map_plot.getPlotItem().setLabel("left", parameter_html(layers, p2))

    def _show_choice(self) -> None:
        layers = self._model.network.layers
        p1, p2 = self._params
        text = self.tr("Curve: {0}. Map: {0} and {1}.").format(
            parameter_html(layers, p1), parameter_html(layers, p2))
        # the lesson's text says to click an edge; the tooltip says how; here: what the next click does
        hint = " <i>" + self.tr("Next click: the map's second weight.") + "</i>" if self._clicks % 2 else ""
        self.choice.setText(text + hint)
        self.choice.setToolTip(self.tr(
            "Click an edge of the network graph: the first click chooses the weight of the curve (also the "
            "map's horizontal axis), the next one the map's vertical axis, and so on in turn"))

    def _show_numbers(self) -> None:
        if self._message:
            self.numbers.setText(self._message)
            return
        c = self._curve
        if c is None:
            self.numbers.setText("")
            return
        loc = QLocale()
        w = parameter_html(self._model.network.layers, self._params[0])

        def num(v: float) -> str:
            return loc.toString(float(v), "g", 4)

        if not np.isfinite(c.slope):
            self.numbers.setText(self.tr(
                "{0} = {1}: E = {2}. This network's activation has no derivative (f′ is 0 or undefined): "
                "E has flat steps, and there is no slope to follow.").format(w, num(c.at), num(c.error_at)))
            return

        text = self.tr("{0} = {1}: E = {2}, ∂E/∂ω = {3}; step −η ∂E/∂ω = {4} → E = {5}").format(
            w, num(c.at), num(c.error_at), num(c.slope), num(c.step), num(c.next_error))
        if np.isfinite(c.next_error) and c.next_error > c.error_at:
            text += " <b>" + self.tr("(higher: η is too large)") + "</b>"
        self.numbers.setText(text)

    # ---------------------------------------------------------- choosing
    def set_problem(self, problem: DescentProblem | None) -> None:
        """Compute on ``problem`` from now on (instead of ``problem_source``)."""
        self.problem_source = lambda: problem
        self.refresh()

    def pick(self, layer: int, j: int, k: int) -> None:
        """An edge was clicked: the curve's weight (and the map's x), or the map's y."""
        p = Parameter(layer, j, k)
        if self._clicks % 2 == 0:
            self._params = (p, self._params[1] if self._params[1] != p else self._params[0])
        elif p != self._params[0]:
            self._params = (self._params[0], p)
        else:
            return  # the same weight twice: still waiting for the second
        self._clicks += 1
        self._name_axes()
        self._show_choice()
        self.refresh()

    def parameters(self) -> tuple[Parameter, Parameter]:
        """The curve's weight (also the map's x axis) and the map's y axis."""
        return self._params

    def _mini_batch(self) -> int:
        return int(self.batch.value())

    # --------------------------------------------------------- following
    def _weights_changed(self) -> None:
        if self.isVisible() and not self._follow_timer.isActive():
            self._follow_timer.start()

    def _architecture_changed(self) -> None:
        self._params = default_parameters(self._model.network.layers)
        self._clicks = 0
        self._name_axes()
        self._show_choice()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._follow_timer.start()

    def _follow_weights(self) -> None:
        """New weights: a new curve; on the map, where the weights are now (a new
        lesson or data set: the map too)."""
        if not self._take_problem():
            self.refresh()  # a new problem: everything again
            return
        self.request_curve()
        if self._surface is None:  # the weights cannot be shown (a refusal): no map of before either
            self.request_map()
        else:
            self._mark_now()

    def _take_problem(self) -> bool:
        """Read the problem and build the surface at the current weights; False
        when the problem is new (another lesson), or there is none."""
        problem = self.problem_source() if self.problem_source is not None else None
        old = self._problem
        same = problem is not None and old is not None and problem.key == self._key \
            and problem.dataset is old.dataset and problem.loss == old.loss \
            and (problem.seed, problem.shuffle) == (old.seed, old.shuffle)
        self._problem = problem
        self._surface = None
        self._message = ""
        if problem is None:
            return False
        if problem.key != self._key:
            self._key = problem.key
            self.eta.blockSignals(True)
            self.eta.setValue(problem.eta)
            self.eta.blockSignals(False)
            n = len(problem.dataset.train_idx)
            size = problem.batch_size if 1 < problem.batch_size < n else max(1, min(32, n // 2))
            self.batch.blockSignals(True)
            self.batch.setValue(size)
            self.batch.blockSignals(False)
        try:
            for p in self._params:
                p.check(self._model.network)
            self._surface = surface_for(self._model.network, problem.dataset, problem.loss)
        except UserError as exc:
            self._say(user_message(exc))
        return same

    def refresh(self) -> None:
        """Everything again at the current weights: the curve and the map."""
        self._take_problem()
        self.request_curve()
        self.request_map()

    def _mark_now(self) -> None:
        net = self._model.network
        try:
            self.map_plot.set_now(self._params[0].value(net), self._params[1].value(net))
        except IndexError:
            pass

    # ------------------------------------------------------------- jobs
    def request_curve(self, half_width: float | None = None) -> None:
        if self._surface is None:  # nothing to compute: no curve, not even one still on its way
            self.jobs.cancel("curve")
            self.curve_plot.clear_curve()
            self._curve = None
            self._show_numbers()
            return
        if half_width is None:
            step = abs(self._curve.step) if self._curve is not None else 0.0
            half_width = max(MAP_SPAN, 1.3 * step)
        self.jobs.submit(CurveRequest(self._surface, self._params[0], min(half_width, 100.0), self.eta.value()))

    def request_map(self) -> None:
        self._final_errors = []
        self._show_legend()
        self._anim.stop()
        if self._surface is None:  # nothing to compute: no map, not even one of the last problem
            self.jobs.cancel("map")
            self.progress.hide()
            self.map_plot.clear_map()
            return
        s, problem = self._surface, self._problem
        assert problem is not None  # a surface is built from a problem
        # a big network's map: fewer points (a 784-128-10 network: seconds, not a minute)
        n = 61 if s.n_samples * s.network.n_parameters <= 5e6 else 31
        self.jobs.submit(MapRequest(
            s, self._params, self.eta.value(), (0, self._mini_batch(), 1), int(self.epochs.value()),
            seed=problem.seed, shuffle=problem.shuffle, n=n))
        if self.jobs.busy():  # in the background: busy until the grid reports its progress
            self.progress.setMaximum(0)
            self.progress.show()
        self._mark_now()

    def _eta_changed(self, eta: float) -> None:
        """A new η: the step at once (one error evaluation); the curve again when
        the step lands outside it; the paths again."""
        if self._curve is not None and self._surface is not None:
            self._curve = self._surface.with_eta(self._curve, float(eta), self._params[0])
            self.curve_plot.show_curve(self._curve)
            self._show_numbers()
            lo, hi = self._curve.omega[0], self._curve.omega[-1]
            if not lo <= self._curve.next_at <= hi:
                self.request_curve(1.3 * abs(self._curve.step))
        self.request_map()

    def _on_curve(self, number: int, curve: Curve) -> None:
        if number != self.jobs.latest("curve"):
            return
        self._curve = curve
        self.curve_plot.show_curve(curve)
        self._show_numbers()

    def _on_paths(self, number: int, result: MapPaths) -> None:
        if number != self.jobs.latest("map"):
            return
        self.map_plot.set_paths(result.paths)
        self._final_errors = list(result.final_errors)
        self._show_legend()
        self._anim_t = 0.0
        self._anim.start()

    def _animate(self) -> None:
        self._anim_t += self._anim.interval() / 1000.0
        fraction = min(1.0, self._anim_t / ANIMATION_S)
        self.map_plot.reveal(fraction)
        if fraction >= 1.0:
            self._anim.stop()

    def finish_paths(self) -> None:
        """Show the whole paths now (the end of the animation)."""
        self._anim.stop()
        self.map_plot.reveal(1.0)

    def animating(self) -> bool:
        return self._anim.isActive()

    def settle(self, timeout_s: float = 30.0) -> None:
        """Do the pending work now and wait for the background: the curve and the
        map at the current weights, the paths drawn to their end (screenshots, tests)."""
        if self._follow_timer.isActive():
            self._follow_timer.stop()
            self._follow_weights()
        deadline = time.monotonic() + timeout_s
        while self.jobs.busy() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            QThread.msleep(10)
        QCoreApplication.processEvents()
        self.finish_paths()

    def _on_progress(self, number: int, done: int, total: int) -> None:
        if number != self.jobs.latest("map"):
            return
        self.progress.setMaximum(100)
        self.progress.setVisible(done < total)
        self.progress.setValue(int(100 * done / max(1, total)))

    def _on_grid(self, number: int, grid) -> None:
        if number != self.jobs.latest("map"):
            return
        self.progress.hide()
        self.map_plot.show_grid(grid)
        self._mark_now()

    def _on_failed(self, number: int, exc: object) -> None:
        if number not in (self.jobs.latest("curve"), self.jobs.latest("map")):
            return  # a job of an earlier request (another lesson's): nothing to say now
        self.progress.hide()
        if number == self.jobs.latest("map"):  # its paths cannot be drawn: none from before either
            self._anim.stop()
            self.map_plot.set_paths([])
        message = user_message(exc) if isinstance(exc, UserError) else self.tr(
            "This cannot be computed ({0}).").format(type(exc).__name__)
        self._say(message)

    def _say(self, message: str) -> None:
        self._message = message
        self._show_numbers()

    # ------------------------------------------------------------ scale
    def set_scale(self, factor: float) -> None:
        self._scale = factor
        self.curve_plot.set_scale(factor)
        self.map_plot.set_scale(factor)

    def closeEvent(self, event) -> None:
        self.jobs.close()
        super().closeEvent(event)


if __name__ == "__main__":  # python -m nnviz.gui.training.descent_view
    import sys

    from PySide6.QtWidgets import QApplication

    from nnviz.core.data import datasets
    from nnviz.core.model.network import Network

    app = QApplication(sys.argv)
    data = datasets.make({"kind": "moons", "n": 200, "noise": 0.15, "seed": 0})
    model = NetworkModel(Network.initialised([2, 8, 1], ["tanh", "sigmoid"], seed=0))
    view = DescentView(model)
    view.set_problem(DescentProblem(data, "mse", eta=0.5, batch_size=16, key="preview"))
    view.resize(640, 760)
    view.show()
    sys.exit(app.exec())
