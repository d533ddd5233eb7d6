"""The two plots of the gradient-descent view, drawn from results of
:mod:`nnviz.core.training.landscape`; no math here beyond placing marks.

- :class:`CurvePlot`: E(ω) along one weight, the current point, the tangent of
  slope ∂E/∂ω, the step −η ∂E/∂ω as a horizontal arrow from ω to ω − η ∂E/∂ω
  and a dashed drop to the curve there (the next point: past the minimum, and
  higher, when η is too large);
- :class:`MapPlot`: E over two weights as an image (darker is lower) with
  contour lines, the descent paths in three colours with a legend, their
  common start and the network's current weights (the view writes the legend).

Items are made once and updated with ``setData``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont

from nnviz.core.training.landscape import Curve, Grid
from nnviz.gui.locale_axis import LocaleAxis
from nnviz.gui.training.plot_style import apply_plot_theme

#: the curve and the current point
CURVE_COLOR = (0, 114, 178)  # Okabe-Ito blue
#: the step −η ∂E/∂ω and the next point
STEP_COLOR = (213, 94, 0)  # vermilion
TANGENT_COLOR = (0, 158, 115)  # bluish green
#: full batch, mini-batch, batch 1 (Okabe-Ito: blue, bluish green, vermilion)
PATH_COLORS = ((0, 114, 178), (0, 158, 115), (213, 94, 0))
#: the map's colours: darker grey is lower error, so that the paths' colours stand out
MAP_CMAP = pg.ColorMap([0.0, 0.5, 1.0], [(105, 105, 115), (190, 190, 198), (252, 252, 252)])
CONTOURS = 9


def _scale_axes(plot: pg.PlotWidget, scale: float) -> None:
    """The left and bottom axes' ticks and titles at 9 pt times ``scale``."""
    font = QFont()
    font.setPointSizeF(9.0 * scale)
    for name in ("left", "bottom"):
        ax = plot.getPlotItem().getAxis(name)
        ax.setStyle(tickFont=font)
        ax.label.setFont(font)


class CurvePlot(pg.PlotWidget):
    """E(ω) along one weight with its tangent and the step of gradient descent."""

    def __init__(self) -> None:
        super().__init__(axisItems={"bottom": LocaleAxis("bottom"), "left": LocaleAxis("left")})
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.showGrid(x=True, y=True, alpha=0.3)
        self.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.curve = self.plot([], [], pen=pg.mkPen(CURVE_COLOR, width=2.5))
        self.tangent = self.plot([], [], pen=pg.mkPen(TANGENT_COLOR, width=2, style=Qt.PenStyle.DashLine))
        self.shaft = self.plot([], [], pen=pg.mkPen(STEP_COLOR, width=3))
        self.drop = self.plot([], [], pen=pg.mkPen(STEP_COLOR, width=1.5, style=Qt.PenStyle.DotLine))
        self.head = pg.ArrowItem(angle=180, headLen=16, tipAngle=35, tailLen=0, pen=None, brush=pg.mkBrush(STEP_COLOR))
        self.addItem(self.head)
        self.point = pg.ScatterPlotItem(size=13, brush=pg.mkBrush(CURVE_COLOR), pen=pg.mkPen("w", width=1.5))
        self.next_point = pg.ScatterPlotItem(size=13, brush=pg.mkBrush(255, 255, 255), pen=pg.mkPen(STEP_COLOR, width=2.5))
        self.addItem(self.point)
        self.addItem(self.next_point)
        self.head.setVisible(False)
        self._end: tuple[float, float] | None = None
        apply_plot_theme(self, self.palette())

    def show_curve(self, c: Curve) -> None:
        """Draw ``c``: the curve, the point (ω, E), its tangent and the step to the next point."""
        self.curve.setData(c.omega, c.error)
        self.point.setData([c.at], [c.error_at])
        if not np.isfinite(c.slope):  # no derivative: the curve and the point, no step
            for item in (self.tangent, self.shaft, self.drop):
                item.setData([], [])
            self.next_point.setData([], [])
            self.head.setVisible(False)
            self._end = None
            self.autoRange()
            return
        half = 0.3 * (c.omega[-1] - c.omega[0])
        t = np.array([c.at - half, c.at + half])
        self.tangent.setData(t, c.error_at + c.slope * (t - c.at))
        self.shaft.setData([c.at, c.next_at], [c.error_at, c.error_at])
        self.drop.setData([c.next_at, c.next_at], [c.error_at, c.next_error])
        self.next_point.setData([c.next_at], [c.next_error])
        self.head.setPos(c.next_at, c.error_at)
        self.head.setStyle(angle=180 if c.next_at >= c.at else 0)
        self.head.setVisible(c.next_at != c.at)
        self._end = (c.next_at, c.next_error)
        xs = [c.omega[0], c.omega[-1], c.next_at]
        ys = [float(np.nanmin(c.error)), float(np.nanmax(c.error)), c.next_error, c.error_at]
        ys = [y for y in ys if np.isfinite(y)]
        lo, hi = min(ys), max(ys)
        pad = 0.08 * (hi - lo) if hi > lo else 0.1
        self.setRange(xRange=(min(xs), max(xs)), yRange=(lo - pad, hi + pad), padding=0.02)

    def clear_curve(self) -> None:
        for item in (self.curve, self.tangent, self.shaft, self.drop):
            item.setData([], [])
        self.point.setData([], [])
        self.next_point.setData([], [])
        self.head.setVisible(False)
        self._end = None

    def arrow_end(self) -> tuple[float, float] | None:
        """(ω − η ∂E/∂ω, E there): where the step lands, or None."""
        return self._end

    def current_point(self) -> tuple[float, float] | None:
        xs, ys = self.point.getData()
        return (float(xs[0]), float(ys[0])) if len(xs) else None

    def set_scale(self, scale: float) -> None:
        _scale_axes(self, scale)
        self.point.setSize(13 * scale)
        self.next_point.setSize(13 * scale)
        self.head.setStyle(headLen=16 * scale)


class MapPlot(pg.PlotWidget):
    """E over two weights with the descent paths drawn on it."""

    def __init__(self) -> None:
        super().__init__(axisItems={"bottom": LocaleAxis("bottom"), "left": LocaleAxis("left")})
        self.setMenuEnabled(False)
        self.hideButtons()
        self.image = pg.ImageItem()
        self.image.setLookupTable(MAP_CMAP.getLookupTable(nPts=256))
        self.addItem(self.image)
        self.contours = []
        for _ in range(CONTOURS):
            iso = pg.IsocurveItem(level=0.0, pen=pg.mkPen(60, 60, 70, 160, width=1))
            iso.setParentItem(self.image)  # in the image's pixel coordinates
            self.contours.append(iso)
        # batch 1's many small steps at the bottom, the full batch's few big ones on top
        self.paths = [
            self.plot([], [], pen=pg.mkPen(c, width=w), symbol="o" if s else None, symbolSize=s, symbolPen=None,
                      symbolBrush=pg.mkBrush(c))
            for c, w, s in zip(PATH_COLORS, (3.5, 2.5, 1.5), (8, 5, 0))
        ]
        for z, item in zip((3, 2, 1), self.paths):
            item.setZValue(z)
        # hollow, so that the full batch's short path shows through
        self.start = pg.ScatterPlotItem(size=14, symbol="s", brush=None, pen=pg.mkPen("k", width=2))
        self.now = pg.ScatterPlotItem(size=16, symbol="+", brush=pg.mkBrush(0, 0, 0), pen=None)
        self.start.setZValue(4)
        self.now.setZValue(5)
        self.addItem(self.start)
        self.addItem(self.now)
        self._full: list[np.ndarray] = []
        apply_plot_theme(self, self.palette())

    def show_grid(self, grid: Grid) -> None:
        e = grid.error
        finite = e[np.isfinite(e)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        self.image.setImage(e, levels=(lo, hi if hi > lo else lo + 1e-12), autoLevels=False)
        n1, n2 = e.shape
        d1 = (grid.omega1[-1] - grid.omega1[0]) / max(1, n1 - 1)
        d2 = (grid.omega2[-1] - grid.omega2[0]) / max(1, n2 - 1)
        # pixel centres on the grid's points
        self.image.setRect(QRectF(grid.omega1[0] - d1 / 2, grid.omega2[0] - d2 / 2, d1 * n1, d2 * n2))
        levels = np.quantile(finite, np.linspace(0.04, 0.9, CONTOURS)) if finite.size else []
        for iso, level in zip(self.contours, levels):
            iso.setData(e)
            iso.setLevel(float(level))
        self.setRange(xRange=(grid.omega1[0], grid.omega1[-1]), yRange=(grid.omega2[0], grid.omega2[-1]), padding=0)

    def clear_map(self) -> None:
        """No map, no paths, no marks (a problem with nothing to compute)."""
        self.image.clear()
        for iso in self.contours:
            iso.setData(None)
        self.now.setData([], [])
        self.set_paths([])

    def set_paths(self, paths: list[np.ndarray]) -> None:
        """The paths to draw (in :data:`PATH_COLORS`), all from one start;
        shown as :meth:`reveal` says. The view writes their legend."""
        self._full = [np.asarray(p) for p in paths]
        if self._full:
            self.start.setData([self._full[0][0, 0]], [self._full[0][0, 1]])
        else:
            self.start.setData([], [])
        self.reveal(0.0)

    def reveal(self, fraction: float) -> list[int]:
        """Show the first ``fraction`` of every path (all at the same epoch):
        the number of points shown of each."""
        counts = []
        for i, item in enumerate(self.paths):
            if i >= len(self._full):  # no such path (a network without a derivative has none)
                item.setData([], [])
                continue
            path = self._full[i]
            n = len(path) if fraction >= 1.0 else 1 + int(round(fraction * (len(path) - 1)))
            item.setData(path[:n, 0], path[:n, 1])
            counts.append(n)
        return counts

    def shown(self) -> list[int]:
        """How many points of each path are on show."""
        return [len(item.getData()[0]) if item.getData()[0] is not None else 0 for item in self.paths]

    def set_now(self, w1: float, w2: float) -> None:
        """The network's current values of the two weights."""
        self.now.setData([w1], [w2])

    def set_scale(self, scale: float) -> None:
        _scale_axes(self, scale)
        # the marks grow more slowly than the text: they would hide the paths' start
        self.start.setSize(14 * (1.0 + 0.4 * (scale - 1.0)))
        self.now.setSize(16 * (1.0 + 0.4 * (scale - 1.0)))
