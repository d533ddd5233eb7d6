"""Loss and accuracy curves of a training run, training vs validation.

``TrainingPlots`` shows two linked plots (loss above, accuracy below) with:

- training (solid) and validation (dashed) curves, against epochs or updates;
- a log-scale option for the loss;
- TensorBoard's debiased EMA smoothing (:mod:`nnviz.core.training.smoothing`), with the
  raw curves faint behind the smoothed ones;
- the generalization gap (validation − training) shaded between the curves;
- the best epoch (a vertical line) and the early-stopping point (a star);
- earlier runs kept as faint curves for comparison (:meth:`new_run`, clearable);
- PNG export of each plot and CSV export of the metrics.

Feed it :class:`~nnviz.core.training.trainer.Snapshot` objects (:meth:`add_snapshot`)
or :class:`~nnviz.core.training.trainer.EpochMetrics` lists (:meth:`add_metrics`); it
repaints at most ~30 times a second. Curve items are created once and updated
with ``setData``; buffers grow by doubling. However long the run, each curve
draws at most :data:`MAX_DRAWN_POINTS` points: past that, the bold curve is
the mean of each bin of epochs and a faint one behind it the bin's minimum and
maximum (:func:`~nnviz.core.training.smoothing.peak_envelope`), and the gap is one
polygon between the bins' means: a refresh costs the same at epoch 100 and at
epoch 100,000. The full history stays for the CSV export.
"""

from __future__ import annotations

import csv
import io
import math
import operator
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainterPath, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGraphicsPathItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.model.network import atomic_write_text
from nnviz.core.model.regions import class_color
from nnviz.core.training.smoothing import (
    EmaSmoother,
    bin_means,
    decimation_stride,
    nice_ceiling,
    peak_envelope,
)
from nnviz.gui.locale_axis import LocaleAxis

#: buffer columns
COLUMNS = ("epoch", "updates", "train_loss", "val_loss", "train_acc", "val_acc", "penalty", "lr", "batch_size")
_SERIES = ("train_loss", "val_loss", "train_acc", "val_acc")
_TRAIN_COLOR = class_color(0)  # blue
_VAL_COLOR = class_color(3)  # vermilion
#: the same two hues, lighter, for a dark (high-contrast) background
_TRAIN_COLOR_DARK = (86, 180, 233)  # Okabe-Ito sky blue
_VAL_COLOR_DARK = (255, 122, 40)
_BEST_COLOR = (0, 158, 115)
_GAP_RGB = (213, 94, 0)
#: the accuracy axis: 0 to 100 % with room above and below, so a curve at
#: 100 % (or 0 %) and the "100" tick label are not cut by the plot's edge
ACC_RANGE = (-6.0, 108.0)
#: what an empty plot shows (no run yet, or a new lesson): ten epochs, loss 0 to 1
EMPTY_X_END = 10.0
EMPTY_LOSS_RANGE = (0.0, 1.0)
_FRAME_MS = 33
_MAX_OLD_RUNS = 8
#: points a curve draws at most (the plots are a few hundred pixels wide)
MAX_DRAWN_POINTS = 1000


def plot_colors(palette: QPalette) -> tuple[QColor, QColor, QColor, bool]:
    """Background, text, grid colours of a plot in ``palette``, and whether it is dark.

    The plot's background is the palette's Base (white, or black in the
    high-contrast theme), its axes and text the palette's Text, its grid a
    shade between the two.
    """
    bg = palette.color(QPalette.ColorRole.Base)
    fg = palette.color(QPalette.ColorRole.Text)
    dark = bg.lightness() < 128
    mix = 0.28 if dark else 0.12
    grid = QColor(
        round(bg.red() + mix * (fg.red() - bg.red())),
        round(bg.green() + mix * (fg.green() - bg.green())),
        round(bg.blue() + mix * (fg.blue() - bg.blue())),
    )
    return bg, fg, grid, dark


def apply_plot_theme(plot: pg.PlotWidget, palette: QPalette) -> bool:
    """Draw ``plot``'s background, axes, labels and (opaque) grid in ``palette``'s
    colours; call it again on ``QEvent.PaletteChange``. Returns whether it is dark."""
    bg, fg, grid, dark = plot_colors(palette)
    plot.setBackground(bg)
    item = plot.getPlotItem()
    for name in ("left", "bottom", "right", "top"):
        if not item.getAxis(name).isVisible():
            continue
        ax = item.getAxis(name)
        ax.setPen(pg.mkPen(fg))
        ax.setTextPen(pg.mkPen(fg))
        if ax.grid is not False:
            ax.setTickPen(pg.mkPen(grid))
        ax.labelStyle = {**ax.labelStyle, "color": fg.name()}
        if ax.labelText:  # re-lay the label out in the new colour
            ax.setLabel(ax.labelText, ax.labelUnits)
    return dark


class WholeNumberAxis(LocaleAxis):
    """An axis of epochs or updates: ticks only at whole numbers (no "epoch 2.5")."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802, N803
        levels = []
        for spacing, values in super().tickValues(minVal, maxVal, size):
            if spacing >= 1:
                levels.append((spacing, [v for v in values if float(v).is_integer()]))
        if not levels:
            lo, hi = math.ceil(minVal), math.floor(maxVal)
            levels = [(1.0, [float(v) for v in range(lo, hi + 1)])] if hi - lo < 50 else []
        return levels


class MetricBuffer:
    """Columns of per-epoch metrics in arrays that grow by doubling."""

    def __init__(self, capacity: int = 256, columns: Sequence[str] = COLUMNS) -> None:
        self.columns = tuple(columns)
        self._data = np.full((len(self.columns), capacity), np.nan)
        self.n = 0

    def append_rows(self, rows: np.ndarray) -> None:
        """Append rows of shape (k, number of columns)."""
        k = len(rows)
        if self.n + k > self._data.shape[1]:
            cap = self._data.shape[1]
            while cap < self.n + k:
                cap *= 2
            grown = np.full((len(self.columns), cap), np.nan)
            grown[:, : self.n] = self._data[:, : self.n]
            self._data = grown
        self._data[:, self.n : self.n + k] = np.asarray(rows, dtype=np.float64).T
        self.n += k

    def column(self, name: str) -> np.ndarray:
        """A view of the filled part of column ``name``."""
        return self._data[self.columns.index(name), : self.n]

    @property
    def capacity(self) -> int:
        return self._data.shape[1]

    def clear(self) -> None:
        self.n = 0


class TrainingPlots(QWidget):
    """Loss and accuracy plots for one run plus faint curves of earlier runs."""

    #: a file was written by an export (its path)
    exported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self._buf = MetricBuffer()
        self._smooth_w = 0.0
        self._smoothers: dict[str, EmaSmoother] = {}
        self._smoothed: dict[str, MetricBuffer] = {}
        self._best_epoch = 0
        self._stop_epoch = 0
        self._old_runs: list[dict[str, Any]] = []
        self._run_number = 1
        self._dirty = False
        self._auto_refresh = True

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_FRAME_MS)
        self._timer.timeout.connect(self.refresh)

        # ---- controls
        self._x_label = QLabel()
        self.x_axis = QComboBox()
        self.x_axis.addItems(["", ""])
        self.x_axis.currentIndexChanged.connect(self._on_x_axis)
        self.log_scale = QCheckBox()
        self.log_scale.toggled.connect(self._on_log)
        self._smooth_label = QLabel()
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(0)
        self.smoothing.setMaximumWidth(160)
        self.smoothing.valueChanged.connect(self._on_smoothing)
        self._smooth_value = QLabel("0.00")
        self.clear_runs = QPushButton()
        self.clear_runs.clicked.connect(self.clear_old_runs)
        self.export_png_button = QPushButton()
        self.export_png_button.clicked.connect(self._ask_export_png)
        self.export_csv_button = QPushButton()
        self.export_csv_button.clicked.connect(self._ask_export_csv)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for w in (self._x_label, self.x_axis, self.log_scale, self._smooth_label, self.smoothing,
                  self._smooth_value):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.clear_runs, self.export_png_button, self.export_csv_button):
            bar.addWidget(w)

        # ---- plots
        self.loss_plot = pg.PlotWidget(
            background="w", axisItems={"bottom": WholeNumberAxis("bottom"), "left": LocaleAxis("left")}
        )
        self.acc_plot = pg.PlotWidget(
            background="w", axisItems={"bottom": WholeNumberAxis("bottom"), "left": LocaleAxis("left")}
        )
        self.acc_plot.setXLink(self.loss_plot)
        self.acc_plot.setYRange(*ACC_RANGE, padding=0)
        # 0, 20, … 100 %: the padded range alone would make pyqtgraph pick 0, 50, 100
        self.acc_plot.getPlotItem().getAxis("left").setTickSpacing(levels=[(20.0, 0.0)])
        self.acc_plot.getPlotItem().getViewBox().setMouseEnabled(y=False)
        # the plots follow the data themselves (_follow_data): pyqtgraph's auto
        # range moved the axes while painting, which asked for another paint of
        # both linked plots; a zoom or pan stops following, a double click resumes
        self._follow = True
        self._ranges: tuple | None = None
        for plot in (self.loss_plot, self.acc_plot):
            vb = plot.getPlotItem().getViewBox()
            vb.disableAutoRange()
            vb.sigRangeChangedManually.connect(self._on_manual_range)
            plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._raw: dict[str, pg.PlotDataItem] = {}
        self._fills: list[QGraphicsPathItem] = []
        self._best_lines: list[pg.InfiniteLine] = []
        self._stop_marks: list[pg.ScatterPlotItem] = []
        for plot, kind in ((self.loss_plot, "loss"), (self.acc_plot, "acc")):
            self._build_plot(plot, kind)

        # the legend is a line of text: it never covers a curve
        self._legend = QLabel()
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend.setWordWrap(True)
        # loss above accuracy, or side by side when the dock is wide and low
        self._plots_box = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._plots_box.setSpacing(2)
        self._plots_box.addWidget(self.loss_plot, 3)
        self._plots_box.addWidget(self.acc_plot, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self._legend)
        layout.addLayout(self._plots_box, 1)
        self._dark = False
        self._apply_theme()
        self._apply_scale()

    def _build_plot(self, plot: pg.PlotWidget, kind: str) -> None:
        item = plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        for name in ("left", "bottom"):
            ax = item.getAxis(name)
            # an opaque light grid behind the curves: pyqtgraph's translucent grid,
            # drawn over them, took half of every repaint (blending over the plot)
            ax.setGrid(255)
            ax.setStyle(tickAlpha=255)
            ax.setZValue(-1)
            ax.enableAutoSIPrefix(False)
            # grid lines at the labelled ticks only: opaque, finer levels would be
            # as dark as the main ones (and each level costs every repaint)
            ax.setStyle(maxTickLevel=0)
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
        best = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(*_BEST_COLOR, width=2, style=Qt.PenStyle.DashDotLine),
            label="", labelOpts={"position": 0.5 if kind == "loss" else 0.12},
        )
        best.setVisible(False)
        item.addItem(best, ignoreBounds=True)
        self._best_lines.append(best)
        stop = pg.ScatterPlotItem(symbol="star", size=18, brush=pg.mkBrush(240, 228, 66))
        stop.setZValue(20)
        item.addItem(stop)
        self._stop_marks.append(stop)

    # ------------------------------------------------------------------ API
    def add_snapshot(self, snapshot: Any, offsets: tuple[int, int] = (0, 0)) -> None:
        """Append the epochs of a :class:`~nnviz.core.training.trainer.Snapshot` and its markers.

        ``offsets`` (epochs, updates) are added to its history's counters (a run
        that continues an earlier one); the markers are taken as they are.
        """
        self.add_metrics(snapshot.history, offsets)
        self._best_epoch = int(snapshot.best_epoch)
        if snapshot.stopped_early:
            self._stop_epoch = int(snapshot.epoch)
        self._schedule()

    def add_metrics(self, history: Sequence[Any], offsets: tuple[int, int] = (0, 0)) -> None:
        """Append :class:`~nnviz.core.training.trainer.EpochMetrics` rows (repaint on the next frame),
        their epochs and updates shifted by ``offsets``."""
        if not history:
            return
        get = operator.attrgetter(*COLUMNS)
        rows = np.array([get(m) for m in history], dtype=np.float64)
        rows[:, 0] += offsets[0]
        rows[:, 1] += offsets[1]
        rows[:, COLUMNS.index("train_acc")] *= 100.0
        rows[:, COLUMNS.index("val_acc")] *= 100.0
        self._buf.append_rows(rows)
        if self._smooth_w > 0:
            for s in _SERIES:
                sm = self._smoothers[s].extend(rows[:, COLUMNS.index(s)])
                self._smoothed[s].append_rows(sm[:, None])
        self._schedule()

    def set_markers(self, best_epoch: int, stop_epoch: int = 0) -> None:
        """Mark the best epoch and (when > 0) the epoch where early stopping fired."""
        self._best_epoch, self._stop_epoch = int(best_epoch), int(stop_epoch)
        self._schedule()

    def new_run(self) -> None:
        """Start a new run: the curves on show become a faint comparison overlay."""
        if self._buf.n:
            self._keep_as_old_run()
        self._buf.clear()
        self._best_epoch = self._stop_epoch = 0
        self._reset_smoothers()
        self.follow_data()

    def clear(self) -> None:
        """Forget the current run (earlier runs stay)."""
        self._buf.clear()
        self._best_epoch = self._stop_epoch = 0
        self._reset_smoothers()
        self.follow_data()

    def clear_old_runs(self) -> None:
        for run in self._old_runs:
            for plot, item, _data in run["items"]:
                plot.removeItem(item)
        self._old_runs.clear()
        self.clear_runs.setEnabled(False)

    def old_run_count(self) -> int:
        return len(self._old_runs)

    def point_count(self) -> int:
        return self._buf.n

    def metrics_table(self) -> dict[str, np.ndarray]:
        """The current run's columns (accuracies in %), copies."""
        return {c: self._buf.column(c).copy() for c in COLUMNS}

    def set_x_axis(self, mode: str) -> None:
        """"epochs" or "updates"."""
        self.x_axis.setCurrentIndex(1 if mode == "updates" else 0)

    def set_log_scale(self, on: bool) -> None:
        self.log_scale.setChecked(on)

    def set_smoothing(self, weight: float) -> None:
        self.smoothing.setValue(int(round(weight * 100)))

    def set_scale(self, factor: float) -> None:
        self._scale = max(0.5, float(factor))
        self._apply_scale()

    def export_png(self, path: str | Path, which: str = "loss", width: int = 1600) -> Path:
        """Write the loss or accuracy plot (``which``) as a PNG ``width`` pixels wide."""
        self.refresh()
        plot = self.loss_plot if which == "loss" else self.acc_plot
        exporter = pyqtgraph.exporters.ImageExporter(plot.getPlotItem())
        exporter.parameters()["width"] = int(width)
        exporter.export(str(path))
        self.exported.emit(str(path))
        return Path(path)

    def export_csv(self, path: str | Path) -> Path:
        """Write the current run's metrics as CSV (accuracies as fractions, as ``nnviz train``)."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        names = ["epoch", "train_loss", "val_loss", "train_acc", "val_acc", "updates", "penalty", "lr",
                 "batch_size"]
        w.writerow(names)
        cols = self.metrics_table()
        cols["train_acc"] = cols["train_acc"] / 100.0
        cols["val_acc"] = cols["val_acc"] / 100.0
        for i in range(self._buf.n):
            row = []
            for name in names:
                v = float(cols[name][i])
                if name in ("epoch", "updates", "batch_size"):
                    row.append(str(int(v)))
                elif math.isnan(v):
                    row.append("")
                else:
                    row.append(repr(v))
            w.writerow(row)
        atomic_write_text(path, out.getvalue())
        self.exported.emit(str(path))
        return Path(path)

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

    def _x(self) -> np.ndarray:
        return self._buf.column("updates" if self.x_axis.currentIndex() == 1 else "epoch")

    def _series(self, name: str) -> np.ndarray:
        if self._smooth_w > 0:
            return self._smoothed[name].column(name)
        return self._buf.column(name)

    def refresh(self) -> None:
        """Redraw the curves and markers now (at most MAX_DRAWN_POINTS per curve)."""
        self._dirty = False
        x = self._x()
        stride = decimation_stride(len(x), MAX_DRAWN_POINTS)
        smoothing = self._smooth_w > 0
        decimated = stride > 1
        for s in _SERIES:
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

    def _follow_data(self, x: np.ndarray) -> None:
        """Show all the data, earlier runs included, in round ranges that stay put
        for many frames (:func:`nice_ceiling`; a new range redraws the ticks and
        both plots): x from 0 past the last point, the loss from 0 (whole
        decades on a log scale)."""
        if not self._follow:
            return
        x_end = float(x[-1]) if len(x) else 0.0
        lo, hi = math.inf, -math.inf
        items = [self._curves[s] for s in ("train_loss", "val_loss")]
        items += [self._raw[s] for s in ("train_loss", "val_loss") if self._raw[s].isVisible()]
        for item in items:
            _x, y = item.getOriginalDataset()
            if y is not None and len(y):
                lo, hi = min(lo, float(np.min(y))), max(hi, float(np.max(y)))
        key = "updates" if self.x_axis.currentIndex() == 1 else "epoch"
        for run in self._old_runs:
            for plot, _item, data in run["items"]:
                x_end = max(x_end, data["x_end"][key])
                if plot is self.loss_plot:
                    lo, hi = min(lo, data["lo"]), max(hi, data["hi"])
        empty = x_end <= 0
        x_hi = EMPTY_X_END if empty else nice_ceiling(x_end)
        y_range = None
        if empty:  # no run to show: a fresh frame, not the last lesson's axes
            y_range = (-3.0, 0.0) if self.log_scale.isChecked() else EMPTY_LOSS_RANGE
        elif math.isfinite(lo) and math.isfinite(hi):
            if self.log_scale.isChecked():  # whole decades
                if hi > 0:
                    lo = max(lo, hi * 1e-12) if lo > 0 else hi * 1e-3
                    y_range = (math.floor(math.log10(lo)), max(math.ceil(math.log10(hi)), math.floor(math.log10(lo)) + 1))
            elif lo >= 0:  # a loss: from 0 to a round number
                y_range = (0.0, nice_ceiling(hi))
            else:
                span = nice_ceiling(hi - lo)
                y_range = (lo - 0.05 * span, hi + 0.05 * span)
        ranges = (x_hi, y_range)
        if ranges == self._ranges:
            return
        self._ranges = ranges
        vb = self.loss_plot.getPlotItem().getViewBox()
        if y_range is None:
            vb.setXRange(-0.02 * x_hi, 1.02 * x_hi, padding=0)
        else:
            vb.setRange(xRange=(-0.02 * x_hi, 1.02 * x_hi), yRange=y_range, padding=0)
        # apply the new transforms now, not while painting (which asks for a second paint)
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().getViewBox().prepareForPaint()

    def _on_manual_range(self, *args: object) -> None:
        self._follow = False

    def _on_plot_clicked(self, event: Any) -> None:
        if event.double():
            self.follow_data()

    def follow_data(self) -> None:
        """Show all the data again, and keep following it (after a zoom or a pan)."""
        self._follow = True
        self._ranges = None
        self.refresh()

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

    def _epoch_to_x(self, epoch: int, x: np.ndarray) -> float | None:
        ep = self._buf.column("epoch")
        hit = np.flatnonzero(ep == epoch)
        return float(x[hit[-1]]) if hit.size else None

    def _draw_markers(self, x: np.ndarray) -> None:
        bx = self._epoch_to_x(self._best_epoch, x) if self._best_epoch > 0 else None
        for line in self._best_lines:
            line.setVisible(bx is not None)
            if bx is not None:
                line.setValue(bx)
                text = self.tr("best epoch {0}").format(self._best_epoch)
                if line.label.format != text:  # a new text re-lays the label out
                    line.label.setFormat(text)
        sx = self._epoch_to_x(self._stop_epoch, x) if self._stop_epoch > 0 else None
        ep = self._buf.column("epoch")
        for mark, key in zip(self._stop_marks, ("val_loss", "val_acc"), strict=True):
            if sx is None:
                mark.setData([])
                continue
            i = int(np.flatnonzero(ep == self._stop_epoch)[-1])
            y = self._series(key)[i]
            if not np.isfinite(y):
                y = self._series(key.replace("val", "train"))[i]
            if self.log_scale.isChecked() and key == "val_loss":
                y = math.log10(y) if y > 0 else 0.0
            mark.setData([sx], [y])

    def _keep_as_old_run(self) -> None:
        xs = {"epoch": self._buf.column("epoch").copy(), "updates": self._buf.column("updates").copy()}
        x = self._x()
        stride = decimation_stride(len(x), MAX_DRAWN_POINTS)
        items = []
        for s in _SERIES:
            y = self._series(s)
            if not np.isfinite(y).any():
                continue
            item = pg.PlotDataItem(*peak_envelope(x, y, stride), pen=self._old_run_pen(s))
            item.setZValue(-10)
            plot = self.loss_plot if s.endswith("loss") else self.acc_plot
            plot.addItem(item)
            # the whole run, to draw it against epochs or updates
            ok = np.isfinite(y)
            extent = {"x_end": {k: float(v[-1]) for k, v in xs.items()},
                      "lo": float(y[ok].min()), "hi": float(y[ok].max())}
            items.append((plot, item, {**xs, "y": y.copy(), "series": s, **extent}))
        self._old_runs.append({"run": self._run_number, "items": items})
        self._run_number += 1
        while len(self._old_runs) > _MAX_OLD_RUNS:
            for plot, item, _data in self._old_runs.pop(0)["items"]:
                plot.removeItem(item)
        self.clear_runs.setEnabled(True)

    def _reset_smoothers(self) -> None:
        self._smoothers = {s: EmaSmoother(self._smooth_w) for s in _SERIES} if self._smooth_w > 0 else {}
        self._smoothed = {}
        if self._smooth_w > 0:
            for s in _SERIES:
                buf = MetricBuffer(self._buf.capacity, columns=(s,))
                if self._buf.n:
                    buf.append_rows(self._smoothers[s].extend(self._buf.column(s))[:, None])
                self._smoothed[s] = buf

    # ------------------------------------------------------------ controls
    def _on_x_axis(self, index: int) -> None:
        key = "updates" if index == 1 else "epoch"
        for run in self._old_runs:
            for _plot, item, data in run["items"]:
                stride = decimation_stride(len(data["y"]), MAX_DRAWN_POINTS)
                item.setData(*peak_envelope(data[key], data["y"], stride))
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().setLabel("bottom", self.x_axis.currentText())
        self.follow_data()

    def _on_log(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self.refresh()

    def _on_smoothing(self, value: int) -> None:
        self._smooth_w = value / 100.0
        self._smooth_value.setText(QLocale().toString(float(self._smooth_w), "f", 2))
        self._reset_smoothers()
        self.refresh()

    def _ask_export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export loss plot as PNG"), "loss.png",
                                              self.tr("PNG images (*.png)"))
        if path:
            self.export_png(path, "loss")
            stem = Path(path)
            self.export_png(stem.with_name(stem.stem + "-accuracy" + stem.suffix), "acc")

    def _ask_export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export metrics as CSV"), "metrics.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def _apply_scale(self) -> None:
        f = self._scale
        font = QFont()
        font.setPointSizeF(9.0 * f)
        for plot in (self.loss_plot, self.acc_plot):
            item = plot.getPlotItem()
            for name in ("left", "bottom"):
                ax = item.getAxis(name)
                ax.setStyle(tickFont=font)
                ax.label.setFont(font)
        legend_font = QFont()
        legend_font.setPointSizeF(9.0 * f)
        self._legend.setFont(legend_font)
        for line in self._best_lines:
            line.label.setFont(font)
        for key, curve in self._curves.items():
            curve.setPen(self._curve_pen(key))
        for mark in self._stop_marks:
            mark.setSize(18 * f)
        self.retranslate()

    # --------------------------------------------------------- translation
    def retranslate(self) -> None:
        self._x_label.setText(self.tr("x axis:"))
        idx = self.x_axis.currentIndex()
        self.x_axis.blockSignals(True)
        self.x_axis.setItemText(0, self.tr("epochs"))
        self.x_axis.setItemText(1, self.tr("updates"))
        self.x_axis.blockSignals(False)
        self.x_axis.setToolTip(self.tr("Plot against epochs (passes over the training set) or weight updates"))
        self.log_scale.setText(self.tr("log scale"))
        self.log_scale.setToolTip(self.tr("Logarithmic loss axis: shows slow late progress"))
        self._smooth_label.setText(self.tr("smoothing:"))
        # the value in the interface language's numbers (0,00 in Spanish)
        self._smooth_value.setText(QLocale().toString(float(self._smooth_w), "f", 2))
        self.smoothing.setToolTip(
            self.tr("Exponential moving average of the curves (as TensorBoard); the raw values stay faint behind")
        )
        self.clear_runs.setText(self.tr("Clear earlier runs"))
        self.clear_runs.setToolTip(self.tr("Remove the faint curves of earlier runs"))
        self.clear_runs.setEnabled(bool(self._old_runs))
        self.export_png_button.setText(self.tr("PNG…"))
        self.export_png_button.setToolTip(self.tr("Save both plots as PNG images"))
        self.export_csv_button.setText(self.tr("CSV…"))
        self.export_csv_button.setToolTip(self.tr("Save the metrics of every epoch as a CSV table"))
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().setLabel("bottom", self.x_axis.itemText(max(idx, 0)))
        self.loss_plot.getPlotItem().setLabel("left", self.tr("loss (error E)"))
        self.acc_plot.getPlotItem().setLabel("left", self.tr("accuracy (%)"))
        t, v = self._color("train"), self._color("val")
        gap = "rgb(110,55,10)" if self._dark else "rgba(213,94,0,70)"
        parts = [
            f'<span style="color:rgb{t}"><b>━━</b></span> ' + self.tr("training"),
            f'<span style="color:rgb{v}"><b>╍╍</b></span> ' + self.tr("validation"),
            f'<span style="background:{gap}">&nbsp;&nbsp;&nbsp;&nbsp;</span> '
            + self.tr("gap (validation − training)"),
            f'<span style="color:rgb{_BEST_COLOR}"><b>┆</b></span> ' + self.tr("best epoch"),
            '<span style="color:rgb(200,170,0)">★</span> ' + self.tr("early stop"),
        ]
        self._legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))

    # --------------------------------------------------------------- theme
    def _color(self, part: str) -> tuple[int, int, int]:
        """The colour of the training or validation curves in the current theme."""
        if part.startswith("train"):
            return _TRAIN_COLOR_DARK if self._dark else _TRAIN_COLOR
        return _VAL_COLOR_DARK if self._dark else _VAL_COLOR

    def _curve_pen(self, key: str) -> Any:
        style = Qt.PenStyle.SolidLine if key.startswith("train") else Qt.PenStyle.DashLine
        return pg.mkPen(*self._color(key), width=2.5 * self._scale, style=style)

    def _old_run_pen(self, key: str) -> Any:
        style = Qt.PenStyle.SolidLine if key.startswith("train") else Qt.PenStyle.DashLine
        return pg.mkPen(*self._color(key), 90 if self._dark else 70, width=1.5, style=style)

    def is_dark(self) -> bool:
        """Whether the plots are drawn light on dark (the high-contrast theme)."""
        return self._dark

    def _apply_theme(self) -> None:
        """Draw the plots in the widget palette's colours: background (Base),
        axes and text (Text), a grid between the two; the curves keep their hues."""
        pal = self.palette()
        bg, fg, _grid, self._dark = plot_colors(pal)
        for plot in (self.loss_plot, self.acc_plot):
            apply_plot_theme(plot, pal)
        for key, curve in self._curves.items():
            curve.setPen(self._curve_pen(key))
            self._raw[key].setPen(pg.mkPen(*self._color(key), 110 if self._dark else 60, width=1))
        for fill in self._fills:
            fill.setBrush(pg.mkBrush(*_GAP_RGB, 90 if self._dark else 45))
        label_color = (90, 220, 170) if self._dark else (0, 110, 80)
        for line in self._best_lines:
            line.label.setColor(label_color)
            line.label.fill = pg.mkBrush(bg.red(), bg.green(), bg.blue(), 200)
            line.label.update()
        for mark in self._stop_marks:
            mark.setPen(pg.mkPen(fg, width=1.2))
        for run in self._old_runs:
            for _plot, item, data in run["items"]:
                item.setPen(self._old_run_pen(data["series"]))
        self._legend.setStyleSheet(
            f"QLabel {{ background: {bg.name()}; color: {fg.name()}; padding: 1px 6px; }}"
        )
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_theme()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() > 2.2 * event.size().height()
        self._plots_box.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self._plots_box.setStretch(1, 3 if wide else 2)
        super().resizeEvent(event)


def _preview_history(n: int) -> list[Any]:
    from nnviz.core.training.trainer import EpochMetrics

    rng = np.random.default_rng(0)
    out = []
    for e in range(1, n + 1):
        tl = 0.5 * math.exp(-e / 40) + 0.02 + 0.01 * rng.standard_normal()
        vl = 0.5 * math.exp(-e / 40) + 0.05 + 0.0006 * max(0, e - 80) + 0.015 * rng.standard_normal()
        out.append(EpochMetrics(e, e * 20, tl, vl, 1 - tl, 1 - vl, 0.0, 0.1, 32, e * 0.01))
    return out


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    w = TrainingPlots()
    w.add_metrics(_preview_history(60))
    w.new_run()
    w.add_metrics(_preview_history(200))
    w.set_markers(best_epoch=95, stop_epoch=200)
    w.set_smoothing(0.6)
    w.resize(800, 600)
    w.show()
    sys.exit(app.exec())
