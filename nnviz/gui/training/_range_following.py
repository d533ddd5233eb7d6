"""What part of the loss and accuracy plots is on show (a mixin of ``TrainingPlots``).

The plots follow the data themselves instead of pyqtgraph's auto range, which
moved the axes while painting and so asked for another paint of both linked
plots. They show all the data, earlier runs included, in round ranges that
stay put for many frames; a zoom or a pan by the user stops following, a
double click (or a new run) resumes.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from nnviz.core.training.smoothing import nice_ceiling

#: what an empty plot shows (no run yet, or a new lesson): ten epochs, loss 0 to 1
EMPTY_X_END = 10.0
EMPTY_LOSS_RANGE = (0.0, 1.0)


class RangeFollowing:
    """Keeps the plots' view on the data (a mixin of TrainingPlots).

    Reads the widget's ``loss_plot``, ``acc_plot``, ``x_axis`` and
    ``log_scale``, the loss curves (``_curves``, ``_raw``) and the earlier
    runs' extent (``_old_runs_extent``).
    """

    def _init_following(self) -> None:
        """Take the plots' range over from pyqtgraph (call once both plots exist)."""
        self._follow = True
        self._ranges: tuple | None = None
        for plot in (self.loss_plot, self.acc_plot):
            vb = plot.getPlotItem().getViewBox()
            vb.disableAutoRange()
            vb.sigRangeChangedManually.connect(self._on_manual_range)
            plot.scene().sigMouseClicked.connect(self._on_plot_clicked)

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
        key = self.x_key()
        old_end, old_lo, old_hi = self._old_runs_extent(key)
        x_end, lo, hi = max(x_end, old_end), min(lo, old_lo), max(hi, old_hi)
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
