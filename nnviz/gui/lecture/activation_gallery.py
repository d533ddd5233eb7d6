"""The activation functions' gallery (View → Activation functions): f and f′ of each, with a neuron on them.

A tab per function of the slides (step, sigmoid, tanh, ReLU, identity,
softmax); for the one on show, its formula and its derivative's (matplotlib
mathtext drawn as vector paths, :func:`~nnviz.gui.lecture.formula_view.math_path`,
parsed once per size), f(net) and f′(net) plotted side by side, and a short
text on what the function is for: why the step cannot be trained by gradient
(f′ = 0), why the sigmoid saturates (f′ ≤ 1/4, → 0 for large |net|).

:meth:`ActivationGallery.set_point` marks one neuron: its net input and
output on f, the slope f′(net) its δ uses on f′ (a
:class:`~nnviz.core.model.activation_curves.CurvePoint` from the stepper's
state or a forward pass; the main window chooses which). The gallery turns to
that neuron's function, and for a softmax output redraws the curve with the
other outputs' net inputs the neuron has. All numbers come from
:mod:`nnviz.core.model.activation_curves`; nothing is computed here.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QTabBar, QVBoxLayout, QWidget

from nnviz.core.model import activation_curves as ac
from nnviz.core.model.regions import class_color
from nnviz.gui.lecture.formula_view import FormulaError, math_path
from nnviz.gui.locale_axis import locale_axes, localized
from nnviz.gui.wrapping_label import WrappingLabel

#: formula size in pixels at scale 1
FORMULA_PX = 18.0
#: text size in points at scale 1
TEXT_PT = 10.0
#: the smallest height of a plot (px at scale 1): its axes and a readable curve; it grows
#: with the square root of the scale, so that a 800-pixel projector at scale 2 keeps room
#: for the texts below
PLOT_MIN_HEIGHT = 105


class MathLabel(QWidget):
    """One formula, drawn as a path in the palette's text colour, at the panel's scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._latex = ""
        self._scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_latex(self, latex: str) -> None:
        self._latex = latex
        self.updateGeometry()
        self.update()

    def latex(self) -> str:
        return self._latex

    def set_scale(self, factor: float) -> None:
        self._scale = float(factor)
        self.updateGeometry()
        self.update()

    def _path(self):
        if not self._latex:
            return None
        try:
            # grows more slowly than the text: below the formulas of a 800-pixel projector at
            # scale 2 the plots keep their room, and 29 px still reads from the back row
            return math_path(self._latex, FORMULA_PX * (1.0 + 0.6 * (self._scale - 1.0)))
        except FormulaError:
            return None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        mp = self._path()
        pad = round(6 * self._scale)
        if mp is None:
            return QSize(10, pad * 2)
        return QSize(math.ceil(mp.width) + 2 * pad, math.ceil(mp.ascent + mp.descent) + 2 * pad)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(10, self.sizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: ARG002, N802 - Qt's signature
        mp = self._path()
        if mp is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        # a formula wider than the column shrinks to fit rather than being cut
        pad = 6 * self._scale
        room = max(1.0, self.width() - 2 * pad)
        k = min(1.0, room / max(mp.width, 1.0))
        p.translate(pad, pad + mp.ascent * k)
        p.scale(k, k)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.palette().color(QPalette.ColorRole.Text))
        p.drawPath(mp.path)
        p.end()


class ActivationGallery(QWidget):
    """Each activation with its derivative; one neuron's point marked on both (module doc)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self._name = ac.GALLERY[1]
        self._point: ac.CurvePoint | None = None
        self._point_label = ""
        self._others: tuple[float, ...] = ac.SOFTMAX_OTHERS

        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        for _ in ac.GALLERY:
            self.tabs.addTab("")
        self.tabs.setCurrentIndex(ac.GALLERY.index(self._name))
        self.tabs.currentChanged.connect(self._tab_chosen)

        self.f_formula = MathLabel()
        self.df_formula = MathLabel()
        self.f_plot = self._make_plot()
        self.df_plot = self._make_plot()
        self.df_plot.setXLink(self.f_plot)
        self.f_curve = self.f_plot.plot([], [])
        self.df_curve = self.df_plot.plot([], [])
        # the neuron: a vertical line at its net input on both, its point on each curve
        self.f_net_line = pg.InfiniteLine(angle=90, movable=False)
        self.df_net_line = pg.InfiniteLine(angle=90, movable=False)
        self.f_plot.addItem(self.f_net_line)
        self.df_plot.addItem(self.df_net_line)
        self.f_mark = pg.ScatterPlotItem()
        self.df_mark = pg.ScatterPlotItem()
        self.f_plot.addItem(self.f_mark)
        self.df_plot.addItem(self.df_mark)

        self.caption = WrappingLabel()
        self.caption.setObjectName("galleryCaption")
        self.readout = WrappingLabel()
        self.readout.setObjectName("galleryReadout")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.explanation = WrappingLabel()
        self.explanation.setObjectName("galleryExplanation")

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.f_formula, 0, 0)
        grid.addWidget(self.df_formula, 0, 1)
        grid.addWidget(self.f_plot, 1, 0)
        grid.addWidget(self.df_plot, 1, 1)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.tabs)
        lay.addLayout(grid, 1)
        lay.addWidget(self.caption)
        lay.addWidget(self.readout)
        lay.addWidget(self.explanation)
        self._apply_palette()
        self.set_scale(1.0)
        self.retranslate()

    # ------------------------------------------------------------ building
    def _make_plot(self) -> pg.PlotWidget:
        plot = pg.PlotWidget(axisItems=locale_axes())
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.showGrid(x=True, y=True, alpha=0.25)
        plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        for axis in ("left", "bottom"):
            plot.getAxis(axis).enableAutoSIPrefix(False)
        return plot

    # ------------------------------------------------------------- reading
    def current(self) -> str:
        """The function on show (a name of :data:`~nnviz.core.model.activation_curves.GALLERY`)."""
        return self._name

    def marked(self) -> ac.CurvePoint | None:
        """The neuron's point marked on the curves, or None."""
        return self._point

    def marks(self) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
        """What is drawn: ((net, y) on f, (net, f′) on f′), each None when not drawn."""
        out = []
        for mark in (self.f_mark, self.df_mark):
            x, y = mark.getData()
            out.append((float(x[0]), float(y[0])) if len(x) else None)
        return out[0], out[1]

    # ------------------------------------------------------------- changes
    def show_function(self, name: str) -> None:
        """Show the activation ``name`` (its tab); a marked neuron of another one is unmarked."""
        if name not in ac.GALLERY:
            return
        if self._point is not None and self._point.name != name:
            self._point = None
            self._point_label = ""
        self._name = name
        if self.tabs.currentIndex() != ac.GALLERY.index(name):
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(ac.GALLERY.index(name))
            self.tabs.blockSignals(False)
        self._draw()

    def set_point(self, point: ac.CurvePoint | None, label: str = "") -> None:
        """Mark ``point`` (a neuron; ``label``: its symbol, rich text) and show its function;
        None: no neuron marked."""
        self._point = point
        self._point_label = label if point is not None else ""
        if point is not None and point.name in ac.GALLERY:
            if point.name == "softmax":
                self._others = point.others
            self.show_function(point.name)
        else:
            self._draw()

    def _tab_chosen(self, index: int) -> None:
        self.show_function(ac.GALLERY[index])

    # ------------------------------------------------------------- drawing
    def _draw(self) -> None:
        name = self._name
        others = self._others if name == "softmax" else None
        point = self._point if self._point is not None and self._point.name == name else None
        lo, hi = ac.NET_RANGE
        if point is not None and math.isfinite(point.net) and not lo <= point.net <= hi:
            # a neuron far out (a saturated sigmoid) is shown on a wider interval
            reach = math.ceil(abs(point.net) * 1.15)
            lo, hi = -reach, reach
        curve = ac.sample_curve(name, lo, hi, others=others)
        self.f_curve.setData(curve.net, curve.f)
        self.df_curve.setData(curve.net, curve.df)
        self.f_plot.setXRange(lo, hi, padding=0.02)
        f_tex, df_tex = ac.FORMULAS[name]
        self.f_formula.set_latex(f_tex)
        self.df_formula.set_latex(df_tex)
        self._draw_point(point)
        self._write_caption(curve)
        self._write_readout(point)
        self.explanation.setText(self._explanation(name))

    def _draw_point(self, point: ac.CurvePoint | None) -> None:
        net_known = point is not None and math.isfinite(point.net)
        for line in (self.f_net_line, self.df_net_line):
            line.setVisible(net_known)
            if net_known:
                line.setValue(point.net)
        size = 12 * self._scale
        if net_known and math.isfinite(point.out):
            self.f_mark.setData([point.net], [point.out], size=size)
        else:
            self.f_mark.setData([], [])
        if net_known and math.isfinite(point.slope):
            self.df_mark.setData([point.net], [point.slope], size=size)
        else:
            self.df_mark.setData([], [])

    def _write_caption(self, curve: ac.Curve) -> None:
        if curve.name == "softmax":
            fixed = "; ".join(localized([f"{v:.2f}" for v in curve.others]))
            self.caption.setText(self.tr(
                "Softmax depends on every output's net input: plotted is one output y_k against its own "
                "net_k, the other outputs' net inputs fixed at {0}; right: ∂y_k/∂net_k."
            ).format(fixed))
        else:
            self.caption.setText("")
        # only softmax needs words under its plots; the formulas head the other columns
        self.caption.setVisible(curve.name == "softmax")

    def _write_readout(self, point: ac.CurvePoint | None) -> None:
        if point is None:
            self.readout.setText(self.tr(
                "Step through an update, or hover a neuron of the graph: its net input and output are "
                "marked on its curve, and the f′(net) its δ uses on the derivative."))
            return

        def num(v: float) -> str:
            return localized([f"{v:.4f}"])[0] if math.isfinite(v) else "?"

        who = self._point_label or self.tr("the neuron")
        if math.isfinite(point.slope) and point.name == "softmax":
            # with the cross-entropy, δ = d − y: the diagonal of the Jacobian is not a factor of it
            self.readout.setText(self.tr(
                "{0}: net = {1}, y = softmax = {2}, ∂y/∂net = y(1 − y) = {3} (not a factor of its δ: "
                "with the cross-entropy δ = d − y)").format(who, num(point.net), num(point.out), num(point.slope)))
        elif math.isfinite(point.slope):
            self.readout.setText(self.tr("{0}: net = {1}, y = f(net) = {2}, f′(net) = {3} (used in its δ)").format(
                who, num(point.net), num(point.out), num(point.slope)))
        else:
            self.readout.setText(self.tr("{0}: net = {1}; f(net) not computed yet").format(who, num(point.net)))

    def _explanation(self, name: str) -> str:
        if name == "step":
            return self.tr(
                "The perceptron's step: f′ = 0 wherever it is defined (it jumps at net = 0). Then "
                "∂E/∂ω = 0 for every weight: the gradient says nothing, so the step cannot be trained by "
                "gradient descent (the perceptron rule trains it instead).")
        if name == "sigmoid":
            return self.tr(
                "Output between 0 and 1. f′ = y(1 − y) is at most 1/4 (at net = 0) and tends to 0 when "
                "|net| is large: the neuron saturates, its δ is tiny and its weights hardly learn. Each "
                "sigmoid layer multiplies δ by at most 1/4 on the way back.")
        if name == "tanh":
            return self.tr(
                "Output between −1 and 1, centred on 0. f′ = 1 − y² is at most 1 (at net = 0) and tends to 0 "
                "when |net| is large: tanh saturates too, but its slope is four times the sigmoid's.")
        if name == "relu":
            return self.tr(
                "f′ = 1 for net > 0: δ goes back undiminished, however deep the network. f′ = 0 for "
                "net ≤ 0: a neuron whose net input is negative for every sample stops learning.")
        if name == "identity":
            return self.tr(
                "f′ = 1: the output of a regression, which may take any value. Identity layers stack into "
                "a single linear map: hidden layers need a non-linear f.")
        return self.tr(
            "Turns the output layer's net inputs into probabilities that add up to 1 (a classification). "
            "Each y_k depends on every net input; with the cross-entropy error the output δ_k is y_k − d_k.")

    # ------------------------------------------------------ scale, texts
    def set_scale(self, factor: float) -> None:
        """Presentation scale 1x..3x: formulas, texts, axes, lines and marks grow with it."""
        self._scale = min(3.0, max(1.0, float(factor)))
        font = QFont(self.font())
        font.setPointSizeF(TEXT_PT * self._scale)
        for w in (self.tabs, self.caption, self.readout, self.explanation):
            w.setFont(font)
        small = QFont(font)
        small.setPointSizeF(TEXT_PT * 0.9 * self._scale)
        for plot in (self.f_plot, self.df_plot):
            plot.setMinimumHeight(round(PLOT_MIN_HEIGHT * math.sqrt(self._scale)))
            for axis in ("left", "bottom"):
                ax = plot.getAxis(axis)
                ax.setStyle(tickFont=small)
                ax.label.setFont(small)
            plot.getAxis("left").setWidth(None)
            plot.getAxis("bottom").setHeight(None)
        self.f_formula.set_scale(self._scale)
        self.df_formula.set_scale(self._scale)
        self._apply_pens()
        self._draw()

    def scale(self) -> float:
        return self._scale

    def _apply_pens(self) -> None:
        s = self._scale
        self.f_curve.setPen(pg.mkPen(class_color(0), width=2.5 * s))
        self.df_curve.setPen(pg.mkPen(class_color(3), width=2.5 * s))
        mark = QColor(*class_color(1))
        for line in (self.f_net_line, self.df_net_line):
            line.setPen(pg.mkPen(mark, width=1.5 * s, style=Qt.PenStyle.DashLine))
        text = self.palette().color(QPalette.ColorRole.Text)
        for m in (self.f_mark, self.df_mark):
            m.setBrush(pg.mkBrush(mark))
            m.setPen(pg.mkPen(text, width=1.5 * s))

    def _apply_palette(self) -> None:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        for plot in (self.f_plot, self.df_plot):
            plot.setBackground(pal.color(QPalette.ColorRole.Base))
            for axis in ("left", "bottom"):
                ax = plot.getAxis(axis)
                ax.setPen(pg.mkPen(text))
                ax.setTextPen(pg.mkPen(text))

    def retranslate(self) -> None:
        names = {
            "step": self.tr("Step"), "sigmoid": self.tr("Sigmoid"), "tanh": self.tr("Tanh"),
            "relu": self.tr("ReLU"), "identity": self.tr("Identity"), "softmax": self.tr("Softmax"),
        }
        for i, name in enumerate(ac.GALLERY):
            self.tabs.setTabText(i, names[name])
            self.tabs.setTabToolTip(i, self._explanation(name))
        self.f_plot.setLabel("bottom", "net")
        self.df_plot.setLabel("bottom", "net")
        self.f_plot.setToolTip(self.tr(
            "The activation f(net): a neuron's output y for its net input net = Σ ω x + b; the dashed line and "
            "the dot mark the neuron being stepped or hovered"))
        self.df_plot.setToolTip(self.tr(
            "The derivative f′(net): the factor the neuron's δ takes from its activation; the dot is the "
            "neuron's f′(net)"))
        self.readout.setToolTip(self.tr("The marked neuron's numbers, from the stepper or a forward pass"))
        self._draw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            self._apply_pens()
        super().changeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    # python -m nnviz.gui.lecture.activation_gallery [--grab FILE.png]
    app = QApplication(sys.argv[:1])
    gallery = ActivationGallery()
    gallery.set_point(ac.curve_point("sigmoid", 2.2), "h<sub>1</sub>")
    gallery.resize(900, 620)
    gallery.show()
    if "--grab" in sys.argv:
        app.processEvents()
        sys.exit(0 if gallery.grab().save(sys.argv[sys.argv.index("--grab") + 1]) else 1)
    sys.exit(app.exec())
