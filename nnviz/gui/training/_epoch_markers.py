"""The best epoch (a vertical line) and the early-stopping point (a star) on
the loss and accuracy plots (a mixin of ``TrainingPlots``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from nnviz.gui.training.plot_style import BEST_COLOR


class EpochMarkers:
    """Best-epoch lines and early-stop stars (a mixin of TrainingPlots).

    Reads the current run (``_buf``, ``_series``) and the ``log_scale`` box;
    they are placed on each redraw (``refresh``).
    """

    def _init_markers(self) -> None:
        self._best_epoch = 0
        self._stop_epoch = 0
        self._best_lines: list[pg.InfiniteLine] = []
        self._stop_marks: list[pg.ScatterPlotItem] = []

    def _add_marker_items(self, item: pg.PlotItem, kind: str) -> None:
        """A best-epoch line and an early-stop star on the plot ``item`` ("loss" or "acc")."""
        best = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(*BEST_COLOR, width=2, style=Qt.PenStyle.DashDotLine),
            label="", labelOpts={"position": 0.5 if kind == "loss" else 0.12},
        )
        best.setVisible(False)
        item.addItem(best, ignoreBounds=True)
        self._best_lines.append(best)
        stop = pg.ScatterPlotItem(symbol="star", size=18, brush=pg.mkBrush(240, 228, 66))
        stop.setZValue(20)
        item.addItem(stop)
        self._stop_marks.append(stop)

    def set_markers(self, best_epoch: int, stop_epoch: int = 0) -> None:
        """Mark the best epoch and (when > 0) the epoch where early stopping fired."""
        self._best_epoch, self._stop_epoch = int(best_epoch), int(stop_epoch)
        self._schedule()

    def _mark_snapshot(self, snapshot: Any) -> None:
        """Take the best epoch and, if it stopped early, its last epoch from ``snapshot``."""
        self._best_epoch = int(snapshot.best_epoch)
        if snapshot.stopped_early:
            self._stop_epoch = int(snapshot.epoch)

    def _forget_markers(self) -> None:
        self._best_epoch = self._stop_epoch = 0

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

    def _rescale_markers(self, font: QFont, factor: float) -> None:
        """The best-epoch labels in ``font``, the stars ``factor`` times their size."""
        for line in self._best_lines:
            line.label.setFont(font)
        for mark in self._stop_marks:
            mark.setSize(18 * factor)

    def _recolor_markers(self, bg: QColor, fg: QColor, dark: bool) -> None:
        """The labels and the stars' outline in the theme's background ``bg`` and text ``fg``."""
        label_color = (90, 220, 170) if dark else (0, 110, 80)
        for line in self._best_lines:
            line.label.setColor(label_color)
            line.label.fill = pg.mkBrush(bg.red(), bg.green(), bg.blue(), 200)
            line.label.update()
        for mark in self._stop_marks:
            mark.setPen(pg.mkPen(fg, width=1.2))
