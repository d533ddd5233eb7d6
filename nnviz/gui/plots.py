"""Loss and accuracy curves of a training run, training vs validation.

``TrainingPlots`` shows two linked plots (loss above, accuracy below) with:

- training (solid) and validation (dashed) curves, against epochs or updates;
- a log-scale option for the loss;
- TensorBoard's debiased EMA smoothing (:mod:`nnviz.core.smoothing`), with the
  raw curves faint behind the smoothed ones;
- the generalization gap (validation − training) shaded between the curves;
- the best epoch (a vertical line) and the early-stopping point (a star);
- earlier runs kept as faint curves for comparison (:meth:`new_run`, clearable);
- PNG export of each plot and CSV export of the metrics.

Feed it :class:`~nnviz.core.training.Snapshot` objects (:meth:`add_snapshot`)
or :class:`~nnviz.core.training.EpochMetrics` lists (:meth:`add_metrics`); it
repaints at most ~30 times a second. Curve items are created once and updated
with ``setData``; buffers grow by doubling.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.network import atomic_write_text
from nnviz.core.regions import class_color
from nnviz.core.smoothing import EmaSmoother

#: buffer columns
COLUMNS = ("epoch", "updates", "train_loss", "val_loss", "train_acc", "val_acc", "penalty", "lr", "batch_size")
_SERIES = ("train_loss", "val_loss", "train_acc", "val_acc")
_TRAIN_COLOR = class_color(0)  # blue
_VAL_COLOR = class_color(3)  # vermilion
_FRAME_MS = 33
_MAX_OLD_RUNS = 8


class WholeNumberAxis(pg.AxisItem):
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
        self.loss_plot = pg.PlotWidget(background="w", axisItems={"bottom": WholeNumberAxis("bottom")})
        self.acc_plot = pg.PlotWidget(background="w", axisItems={"bottom": WholeNumberAxis("bottom")})
        self.acc_plot.setXLink(self.loss_plot)
        self.acc_plot.setYRange(0, 100, padding=0.02)
        self.acc_plot.getPlotItem().getViewBox().setMouseEnabled(y=False)
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._raw: dict[str, pg.PlotDataItem] = {}
        self._fills: list[pg.FillBetweenItem] = []
        self._best_lines: list[pg.InfiniteLine] = []
        self._stop_marks: list[pg.ScatterPlotItem] = []
        for plot, kind in ((self.loss_plot, "loss"), (self.acc_plot, "acc")):
            self._build_plot(plot, kind)

        # the legend is a line of text: it never covers a curve
        self._legend = QLabel()
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend.setWordWrap(True)
        self._legend.setStyleSheet("QLabel { background: white; color: #111; padding: 1px 6px; }")
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
        self.retranslate()
        self._apply_scale()

    def _build_plot(self, plot: pg.PlotWidget, kind: str) -> None:
        item = plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=True, y=True, alpha=0.25)
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        for name in ("left", "bottom"):
            ax = item.getAxis(name)
            ax.setPen(pg.mkPen("#333333"))
            ax.setTextPen(pg.mkPen("#222222"))
            ax.enableAutoSIPrefix(False)
            # no third level of ticks: its dense grid lines made every repaint
            # 2.5 times slower (QPicture replay of the translucent grid)
            ax.setStyle(maxTickLevel=1)
        for part, color, style in (
            ("train", _TRAIN_COLOR, Qt.PenStyle.SolidLine),
            ("val", _VAL_COLOR, Qt.PenStyle.DashLine),
        ):
            key = f"{part}_{kind}"
            raw = pg.PlotDataItem(pen=pg.mkPen(*color, 60, width=1))
            raw.setVisible(False)
            curve = pg.PlotDataItem(pen=pg.mkPen(*color, width=2.5, style=style))
            for c in (raw, curve):
                c.setDownsampling(auto=True, method="peak")
                c.setClipToView(True)
            item.addItem(raw)
            item.addItem(curve)
            self._raw[key] = raw
            self._curves[key] = curve
        fill = pg.FillBetweenItem(
            self._curves[f"train_{kind}"], self._curves[f"val_{kind}"], brush=pg.mkBrush(213, 94, 0, 45)
        )
        fill.setZValue(-5)
        item.addItem(fill)
        self._fills.append(fill)
        best = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(0, 158, 115, width=2, style=Qt.PenStyle.DashDotLine),
            label="",
            labelOpts={"position": 0.5 if kind == "loss" else 0.12, "color": (0, 110, 80),
                       "fill": (255, 255, 255, 200)},
        )
        best.setVisible(False)
        item.addItem(best, ignoreBounds=True)
        self._best_lines.append(best)
        stop = pg.ScatterPlotItem(symbol="star", size=18, pen=pg.mkPen("#222222", width=1.2),
                                  brush=pg.mkBrush(240, 228, 66))
        stop.setZValue(20)
        item.addItem(stop)
        self._stop_marks.append(stop)

    # ------------------------------------------------------------------ API
    def add_snapshot(self, snapshot: Any) -> None:
        """Append the epochs of a :class:`~nnviz.core.training.Snapshot` and its markers."""
        self.add_metrics(snapshot.history)
        self._best_epoch = int(snapshot.best_epoch)
        if snapshot.stopped_early:
            self._stop_epoch = int(snapshot.epoch)
        self._schedule()

    def add_metrics(self, history: Sequence[Any]) -> None:
        """Append :class:`~nnviz.core.training.EpochMetrics` rows (repaint on the next frame)."""
        if not history:
            return
        rows = np.array([[float(getattr(m, c)) for c in COLUMNS] for m in history])
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
        self.refresh()

    def clear(self) -> None:
        """Forget the current run (earlier runs stay)."""
        self._buf.clear()
        self._best_epoch = self._stop_epoch = 0
        self._reset_smoothers()
        self.refresh()

    def clear_old_runs(self) -> None:
        for run in self._old_runs:
            for plot, item, _x in run["items"]:
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
        if self._dirty:
            self.refresh()

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
        """Redraw the curves and markers now."""
        self._dirty = False
        x = self._x()
        smoothing = self._smooth_w > 0
        for s in _SERIES:
            y = self._series(s)
            ok = np.isfinite(y)
            has_any = bool(ok.any())
            self._curves[s].setData(x[ok], y[ok]) if has_any else self._curves[s].setData([], [])
            raw = self._buf.column(s)
            self._raw[s].setVisible(smoothing and has_any)
            if smoothing and has_any:
                self._raw[s].setData(x[ok], raw[ok])
        have_val = bool(np.isfinite(self._buf.column("val_loss")).any())
        for fill in self._fills:
            fill.setVisible(have_val and self._buf.n > 1)
        self._draw_markers(x)

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
                line.label.setFormat(self.tr("best epoch {0}").format(self._best_epoch))
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
        items = []
        alpha = 70
        for s in _SERIES:
            y = self._series(s)
            ok = np.isfinite(y)
            if not ok.any():
                continue
            color = _TRAIN_COLOR if s.startswith("train") else _VAL_COLOR
            style = Qt.PenStyle.SolidLine if s.startswith("train") else Qt.PenStyle.DashLine
            item = pg.PlotDataItem(x[ok], y[ok].copy(), pen=pg.mkPen(*color, alpha, width=1.5, style=style))
            item.setZValue(-10)
            plot = self.loss_plot if s.endswith("loss") else self.acc_plot
            plot.addItem(item)
            items.append((plot, item, {k: v[ok] for k, v in xs.items()}))
        self._old_runs.append({"run": self._run_number, "items": items})
        self._run_number += 1
        while len(self._old_runs) > _MAX_OLD_RUNS:
            for plot, item, _x in self._old_runs.pop(0)["items"]:
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
            for _plot, item, run_x in run["items"]:
                _x, y = item.getOriginalDataset()
                item.setData(run_x[key], y)
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().setLabel("bottom", self.x_axis.currentText())
        self.refresh()
        self.loss_plot.getPlotItem().enableAutoRange(x=True)

    def _on_log(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self.refresh()

    def _on_smoothing(self, value: int) -> None:
        self._smooth_w = value / 100.0
        self._smooth_value.setText(f"{self._smooth_w:.2f}")
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
        for curve in self._curves.values():
            pen = curve.opts["pen"]
            pen = pg.mkPen(pen)
            pen.setWidthF(2.5 * f)
            curve.setPen(pen)
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
        t, v = _TRAIN_COLOR, _VAL_COLOR
        parts = [
            f'<span style="color:rgb{t}"><b>━━</b></span> ' + self.tr("training"),
            f'<span style="color:rgb{v}"><b>╍╍</b></span> ' + self.tr("validation"),
            '<span style="background:rgba(213,94,0,70)">&nbsp;&nbsp;&nbsp;&nbsp;</span> '
            + self.tr("gap (validation − training)"),
            '<span style="color:rgb(0,158,115)"><b>┆</b></span> ' + self.tr("best epoch"),
            '<span style="color:rgb(200,170,0)">★</span> ' + self.tr("early stop"),
        ]
        self._legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() > 2.2 * event.size().height()
        self._plots_box.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self._plots_box.setStretch(1, 3 if wide else 2)
        super().resizeEvent(event)


def _preview_history(n: int) -> list[Any]:
    from nnviz.core.training import EpochMetrics

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
