"""The current run's curves in :class:`~nnviz.gui.training.plots.TrainingPlots`: the
metrics it keeps, their smoothing, and the redraw.

- :class:`MetricBuffer`: the run's per-epoch columns, in arrays that grow by doubling
  up to :data:`MAX_ROWS` epochs, the older ones thinned past that;
- :class:`LiveCurves` (a mixin of ``TrainingPlots``): the training and
  validation curves, the faint raw ones behind them, the shaded gap, TensorBoard's
  debiased EMA smoothing, and a redraw at most every frame (~30 a second).

Curve items are created once and updated with ``setData``. However long the
run, each curve draws at most :data:`MAX_DRAWN_POINTS` points: past that, the
bold curve is the mean of each bin of epochs and a faint one behind it the
bin's minimum and maximum (:func:`~nnviz.core.training.smoothing.peak_envelope`),
and the gap is one polygon between the bins' means.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainterPath, QShowEvent
from PySide6.QtWidgets import QGraphicsPathItem

from nnviz.core.training.smoothing import EmaSmoother, bin_means, decimation_stride, peak_envelope
from nnviz.gui.training.plot_style import GAP_RGB

#: buffer columns (``elapsed``: seconds of training at the end of the epoch)
COLUMNS = ("epoch", "updates", "train_loss", "val_loss", "train_acc", "val_acc", "penalty", "lr", "batch_size",
           "elapsed")
#: the x axes a plot can have: the column each draws against
X_KEYS = ("epoch", "updates", "elapsed")
#: the columns drawn as curves
SERIES = ("train_loss", "val_loss", "train_acc", "val_acc")
#: points a curve draws at most (the plots are a few hundred pixels wide)
MAX_DRAWN_POINTS = 1000
#: epochs a run's buffer keeps at most (older ones are thinned: MetricBuffer)
MAX_ROWS = 200_000
_FRAME_MS = 33


def metric_rows(history: Sequence[Any]) -> np.ndarray:
    """:class:`~nnviz.core.training.records.EpochMetrics` as rows of :data:`COLUMNS`
    (accuracies in %, as the plots keep them)."""
    get = operator.attrgetter(*COLUMNS)
    rows = np.array([get(m) for m in history], dtype=np.float64).reshape(-1, len(COLUMNS))
    rows[:, COLUMNS.index("train_acc")] *= 100.0
    rows[:, COLUMNS.index("val_acc")] *= 100.0
    return rows


class MetricBuffer:
    """Columns of per-epoch metrics in arrays that grow by doubling, up to
    ``max_rows`` rows: past that the older half is thinned to every other row
    (the newest epochs stay whole), so that a run of any length costs at most
    ``max_rows`` rows (~14 MB for the nine columns of the default)."""

    def __init__(self, capacity: int = 256, columns: Sequence[str] = COLUMNS, max_rows: int = MAX_ROWS) -> None:
        self.columns = tuple(columns)
        self.max_rows = max(16, int(max_rows))  # room to thin: each thinning frees rows
        self._data = np.full((len(self.columns), min(capacity, self.max_rows)), np.nan)
        self.n = 0

    def append_rows(self, rows: np.ndarray) -> None:
        """Append rows of shape (k, number of columns)."""
        rows = np.asarray(rows, dtype=np.float64)
        step = self.max_rows // 2
        for start in range(0, len(rows), step):  # a long table in pieces: its older rows thinned too
            self._append(rows[start : start + step])

    def _append(self, rows: np.ndarray) -> None:
        """Append at most ``max_rows // 2`` rows, thinning first if they do not fit."""
        while self.n + len(rows) > self.max_rows:
            self._thin()
        k = len(rows)
        if self.n + k > self._data.shape[1]:
            cap = self._data.shape[1]
            while cap < self.n + k:
                cap = min(2 * cap, self.max_rows)
            grown = np.full((len(self.columns), cap), np.nan)
            grown[:, : self.n] = self._data[:, : self.n]
            self._data = grown
        self._data[:, self.n : self.n + k] = rows.T
        self.n += k

    def _thin(self) -> None:
        """Keep every other row of the older half. When depends only on ``n``:
        buffers filled alike (a run's and its smoothed curves') thin alike."""
        half = self.n // 2
        kept = self._data[:, :half:2]
        m = kept.shape[1]
        self._data[:, :m] = kept
        self._data[:, m : m + self.n - half] = self._data[:, half : self.n]
        self.n = m + self.n - half

    def column(self, name: str) -> np.ndarray:
        """A view of the filled part of column ``name``."""
        return self._data[self.columns.index(name), : self.n]

    @property
    def capacity(self) -> int:
        return self._data.shape[1]

    def clear(self) -> None:
        self.n = 0


class LiveCurves:
    """The current run's data and curves (a mixin of TrainingPlots).

    Reads the widget's ``x_axis`` and ``log_scale`` controls, its ``_scale``
    and ``_color``; a redraw also places the markers (``_draw_markers``) and
    the view (``_follow_data``).
    """

    def _init_curves(self) -> None:
        self._buf = MetricBuffer()
        #: a run that goes on (``offsets``) counts its seconds from where it was:
        #: (its epoch offset, the seconds added to its trainer's ``elapsed``)
        self._seconds_shift = (0, 0.0)
        self._smooth_w = 0.0
        self._smoothers: dict[str, EmaSmoother] = {}
        self._smoothed: dict[str, MetricBuffer] = {}
        self._dirty = False
        self._auto_refresh = True
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._raw: dict[str, pg.PlotDataItem] = {}
        self._fills: list[QGraphicsPathItem] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_FRAME_MS)
        self._timer.timeout.connect(self.refresh)

    def _add_curve_items(self, item: pg.PlotItem, kind: str) -> None:
        """The training and validation curves of ``kind`` ("loss" or "acc"), raw
        and bold, and the gap between them, on the plot ``item``."""
        for part in ("train", "val"):
            key = f"{part}_{kind}"
            raw = pg.PlotDataItem()
            raw.setVisible(False)
            curve = pg.PlotDataItem()
            # already decimated (refresh): pyqtgraph's own downsampling would only cost
            item.addItem(raw)
            item.addItem(curve)
            self._raw[key] = raw
            self._curves[key] = curve
        # one polygon between the decimated curves (pyqtgraph's FillBetweenItem
        # rebuilt its path from both full curves on every change: ~30 ms a frame)
        fill = QGraphicsPathItem()
        fill.setPen(pg.mkPen(None))
        fill.setZValue(-5)
        item.addItem(fill, ignoreBounds=True)
        self._fills.append(fill)

    # ------------------------------------------------------------------ data
    def add_metrics(self, history: Sequence[Any], offsets: tuple[int, int] = (0, 0)) -> None:
        """Append :class:`~nnviz.core.training.records.EpochMetrics` rows (repaint on the next frame),
        their epochs and updates shifted by ``offsets``."""
        if not history:
            return
        rows = metric_rows(history)
        rows[:, 0] += offsets[0]
        rows[:, 1] += offsets[1]
        if offsets[0] != self._seconds_shift[0]:  # a new trainer goes on: its clock starts at 0
            done = self._buf.column("elapsed")
            before = float(done[np.isfinite(done)][-1]) if offsets[0] and np.isfinite(done).any() else 0.0
            self._seconds_shift = (offsets[0], before)
        rows[:, COLUMNS.index("elapsed")] += self._seconds_shift[1]
        self._buf.append_rows(rows)
        if self._smooth_w > 0:
            for s in SERIES:
                sm = self._smoothers[s].extend(rows[:, COLUMNS.index(s)])
                self._smoothed[s].append_rows(sm[:, None])
        self._schedule()

    def add_table(self, table: dict[str, np.ndarray]) -> None:
        """Append the rows of a :meth:`metrics_table` (a run read back from a file)."""
        n = len(table["epoch"])
        if not n:
            return
        rows = np.column_stack([np.asarray(table.get(c, np.full(n, np.nan)), dtype=np.float64) for c in COLUMNS])
        self._buf.append_rows(rows)
        if self._smooth_w > 0:
            for s in SERIES:
                sm = self._smoothers[s].extend(rows[:, COLUMNS.index(s)])
                self._smoothed[s].append_rows(sm[:, None])
        self._schedule()

    def point_count(self) -> int:
        return self._buf.n

    def metrics_table(self) -> dict[str, np.ndarray]:
        """The current run's columns (accuracies in %), copies."""
        return {c: self._buf.column(c).copy() for c in COLUMNS}

    def _forget_points(self) -> None:
        """Empty the current run (its smoothing too)."""
        self._buf.clear()
        self._seconds_shift = (0, 0.0)
        self._reset_smoothers()

    def _smooth_with(self, weight: float) -> None:
        """Smooth the curves with EMA weight ``weight`` (0: raw), from the first point."""
        self._smooth_w = weight
        self._reset_smoothers()

    def _reset_smoothers(self) -> None:
        self._smoothers = {s: EmaSmoother(self._smooth_w) for s in SERIES} if self._smooth_w > 0 else {}
        self._smoothed = {}
        if self._smooth_w > 0:
            for s in SERIES:
                buf = MetricBuffer(self._buf.capacity, columns=(s,))
                if self._buf.n:
                    buf.append_rows(self._smoothers[s].extend(self._buf.column(s))[:, None])
                self._smoothed[s] = buf

    def _x(self) -> np.ndarray:
        x = self._buf.column(self.x_key())
        if not np.isfinite(x).all():  # seconds unknown (a session written before runs kept them)
            x = np.where(np.isfinite(x), x, 0.0)
        return x

    def _series(self, name: str) -> np.ndarray:
        if self._smooth_w > 0:
            return self._smoothed[name].column(name)
        return self._buf.column(name)

    # ------------------------------------------------------------- drawing
    def set_auto_refresh(self, on: bool) -> None:
        """Off: new points wait for :meth:`refresh_if_needed` (the panel's frame clock)."""
        self._auto_refresh = on

    def refresh_if_needed(self) -> None:
        """Redraw if new points came; a hidden plot (a closed dock) waits until it is shown."""
        if self._dirty and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._timer.start()

    def _schedule(self) -> None:
        self._dirty = True
        if self._auto_refresh and not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        """Redraw the curves and markers now (at most MAX_DRAWN_POINTS per curve)."""
        self._dirty = False
        x = self._x()
        stride = decimation_stride(len(x), MAX_DRAWN_POINTS)
        smoothing = self._smooth_w > 0
        decimated = stride > 1
        for s in SERIES:
            if decimated:
                # the bold curve: each bin's mean (a dashed pen along a min/max
                # zigzag cost 30 ms a repaint); the faint one: each bin's extremes
                xs, ys = bin_means(x, self._series(s), stride)
                ok = np.isfinite(ys)
                xs, ys = xs[ok], ys[ok]
            else:
                xs, ys = peak_envelope(x, self._series(s), 1)
            has_any = bool(len(ys))
            self._curves[s].setData(xs, ys)
            self._raw[s].setVisible((smoothing or decimated) and has_any)
            if (smoothing or decimated) and has_any:
                self._raw[s].setData(*peak_envelope(x, self._buf.column(s), stride))
        have_val = bool(np.isfinite(self._buf.column("val_loss")).any())
        for fill, kind in zip(self._fills, ("loss", "acc"), strict=True):
            show = have_val and self._buf.n > 1
            fill.setVisible(show)
            fill.setPath(self._gap_path(x, kind, stride) if show else QPainterPath())
        self._draw_markers(x)
        self._follow_data(x)

    def _gap_path(self, x: np.ndarray, kind: str, stride: int) -> QPainterPath:
        """The polygon between the training and validation curves (bin means)."""
        bx, train = bin_means(x, self._series(f"train_{kind}"), stride)
        _bx, val = bin_means(x, self._series(f"val_{kind}"), stride)
        if kind == "loss" and self.log_scale.isChecked():
            with np.errstate(divide="ignore", invalid="ignore"):
                train, val = np.log10(train), np.log10(val)
        ok = np.isfinite(train) & np.isfinite(val)
        if ok.sum() < 2:
            return QPainterPath()
        bx, train, val = bx[ok], train[ok], val[ok]
        path = pg.arrayToQPath(np.concatenate([bx, bx[::-1]]), np.concatenate([train, val[::-1]]),
                               connect="all")
        path.closeSubpath()
        return path

    # ---------------------------------------------------------------- look
    def _curve_pen(self, key: str) -> Any:
        style = Qt.PenStyle.SolidLine if key.startswith("train") else Qt.PenStyle.DashLine
        return pg.mkPen(*self._color(key), width=2.5 * self._scale, style=style)

    def _set_curve_pens(self) -> None:
        """The bold curves' pens (their width follows the scale)."""
        for key, curve in self._curves.items():
            curve.setPen(self._curve_pen(key))

    def _recolor_curves(self, dark: bool) -> None:
        """Curves, raw curves and gap in the colours of the theme (``dark`` or not)."""
        self._set_curve_pens()
        for key, raw in self._raw.items():
            raw.setPen(pg.mkPen(*self._color(key), 110 if dark else 60, width=1))
        for fill in self._fills:
            fill.setBrush(pg.mkBrush(*GAP_RGB, 90 if dark else 45))
