"""Earlier runs as faint curves behind the current one (a mixin of ``TrainingPlots``).

:meth:`~nnviz.gui.training.plots.TrainingPlots.new_run` keeps the curves on
show as a comparison overlay: each series of the run, drawn as its peak
envelope (at most ``MAX_DRAWN_POINTS`` points), with the whole run kept to
draw it again against epochs or updates. The last eight stay; "Clear
earlier runs" removes them.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from nnviz.core.training.smoothing import decimation_stride, peak_envelope
from nnviz.gui.training.live_curves import MAX_DRAWN_POINTS, SERIES

_MAX_OLD_RUNS = 8


class RunOverlay:
    """Faint curves of earlier runs (a mixin of TrainingPlots).

    Reads the current run (``_buf``, ``_x``, ``_series``), the plots and the
    "Clear earlier runs" button (``clear_runs``) of the widget, and its theme.
    """

    def _init_overlay(self) -> None:
        #: per run: {"run": its number, "items": [(plot, curve item, its data)]}
        self._old_runs: list[dict[str, Any]] = []
        self._run_number = 1

    def _keep_as_old_run(self) -> None:
        xs = {"epoch": self._buf.column("epoch").copy(), "updates": self._buf.column("updates").copy()}
        x = self._x()
        stride = decimation_stride(len(x), MAX_DRAWN_POINTS)
        items = []
        for s in SERIES:
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
        # the raw columns too (the curves may be smoothed): a session file keeps them
        self._old_runs.append({"run": self._run_number, "items": items, "table": self.metrics_table(),
                               "markers": (self._best_epoch, self._stop_epoch)})
        self._run_number += 1
        while len(self._old_runs) > _MAX_OLD_RUNS:
            for plot, item, _data in self._old_runs.pop(0)["items"]:
                plot.removeItem(item)
        self.clear_runs.setEnabled(True)

    def clear_old_runs(self) -> None:
        for run in self._old_runs:
            for plot, item, _data in run["items"]:
                plot.removeItem(item)
        self._old_runs.clear()
        self.clear_runs.setEnabled(False)

    def old_run_count(self) -> int:
        return len(self._old_runs)

    def run_tables(self) -> list[dict[str, object]]:
        """Every run on show, the earlier ones first and the current one last:
        ``{"table": {column: values}, "best_epoch": e, "stop_epoch": e}``
        (the raw columns of :data:`~nnviz.gui.training.live_curves.COLUMNS`,
        accuracies in %, copies). The current run is left out while it is empty."""
        runs: list[dict[str, object]] = [
            {"table": {k: v.copy() for k, v in run["table"].items()},
             "best_epoch": run["markers"][0], "stop_epoch": run["markers"][1]}
            for run in self._old_runs
        ]
        if self._buf.n:
            runs.append({"table": self.metrics_table(), "best_epoch": self._best_epoch,
                         "stop_epoch": self._stop_epoch})
        return runs

    def restore_runs(self, runs: list[dict[str, object]]) -> None:
        """Show the runs of :meth:`run_tables` again: the last as the current run."""
        self.clear_old_runs()
        self.clear()
        for i, run in enumerate(runs):
            if i:
                self._keep_as_old_run()
                self.clear()
            self.add_table(run["table"])  # type: ignore[arg-type]
            self.set_markers(int(run.get("best_epoch", 0)), int(run.get("stop_epoch", 0)))  # type: ignore[call-overload]
        self._schedule()

    def _draw_old_runs_against(self, key: str) -> None:
        """Draw the earlier runs against ``key``: "epoch" or "updates"."""
        for run in self._old_runs:
            for _plot, item, data in run["items"]:
                stride = decimation_stride(len(data["y"]), MAX_DRAWN_POINTS)
                item.setData(*peak_envelope(data[key], data["y"], stride))

    def _old_runs_extent(self, key: str) -> tuple[float, float, float]:
        """The earlier runs' last x (against ``key``) and their lowest and highest
        loss; -inf, inf, -inf when there is none."""
        x_end, lo, hi = -math.inf, math.inf, -math.inf
        for run in self._old_runs:
            for plot, _item, data in run["items"]:
                x_end = max(x_end, data["x_end"][key])
                if plot is self.loss_plot:
                    lo, hi = min(lo, data["lo"]), max(hi, data["hi"])
        return x_end, lo, hi

    def _old_run_pen(self, key: str) -> Any:
        style = Qt.PenStyle.SolidLine if key.startswith("train") else Qt.PenStyle.DashLine
        return pg.mkPen(*self._color(key), 90 if self._dark else 70, width=1.5, style=style)

    def _recolor_old_runs(self) -> None:
        for run in self._old_runs:
            for _plot, item, data in run["items"]:
                item.setPen(self._old_run_pen(data["series"]))
