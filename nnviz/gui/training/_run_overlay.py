"""Earlier runs behind the current one (a mixin of ``TrainingPlots``): labelled,
coloured, shown or hidden, renamed, deleted, exported.

:meth:`~nnviz.gui.training.plots.TrainingPlots.new_run` keeps the curves on
show as an earlier run: each series drawn in the run's own colour (the means
of bins of epochs past :data:`RUN_POINTS` points) (training solid,
validation dashed), with the whole run kept (its raw columns, its label — what
it changed from the run before, :func:`nnviz.core.training.runs.difference_label`
— its settings and seconds) to draw it again against epochs, updates or
seconds, list it in the legend and the runs table, and save it in a session.
A run trained by Compare… joins empty (:meth:`RunOverlay.start_run`) and grows
as its epochs arrive (:meth:`RunOverlay.extend_runs`, a batch at a time). The last
:data:`MAX_OLD_RUNS` stay; "Clear earlier runs" removes them; nothing else is
lost until the user deletes a run.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from nnviz.core.training.smoothing import bin_means, decimation_stride
from nnviz.gui.training.live_curves import COLUMNS, SERIES, X_KEYS, metric_rows

MAX_OLD_RUNS = 50
#: points a run's curve draws at most: a wide pen along a long, noisy curve costs
#: ~10 ms a repaint per 1,000 points, and the plots are a few hundred pixels wide
RUN_POINTS = 300
#: colours of earlier runs (Okabe-Ito, without the current run's blue and vermilion)
RUN_COLORS = ((230, 159, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233), (240, 228, 66),
              (0, 0, 0), (120, 94, 240), (140, 86, 75))


class RunOverlay:
    """Earlier runs as labelled curves (a mixin of TrainingPlots).

    Reads the current run (``_buf``, ``_x``, ``_series``), the plots, the
    "Clear earlier runs" button (``clear_runs``) and the theme of the widget;
    emits its ``runsChanged`` signal when the list of runs changes.
    """

    def _init_overlay(self) -> None:
        #: per earlier run: {"run", "label", "color", "visible", "items", "table",
        #: "markers", "settings", "seconds"}
        self._old_runs: list[dict[str, Any]] = []
        self._run_number = 1
        self._next_color = 0
        #: the current run's label and settings (set when it starts training)
        self.current_label = ""
        self.current_settings: dict[str, Any] | None = None
        self.current_seconds = 0.0

    # ------------------------------------------------------------- keeping
    def _keep_as_old_run(self) -> None:
        # the raw columns too (the curves may be smoothed): a session file keeps them
        self._append_run(self.current_label or f"run {self._run_number}", self.metrics_table(),
                         (self._best_epoch, self._stop_epoch), self.current_settings, self.current_seconds)
        self.current_label, self.current_settings, self.current_seconds = "", None, 0.0
        self._runs_changed()

    def _append_run(self, label: str, table: dict[str, np.ndarray], markers: tuple[int, int],
                    settings: dict[str, Any] | None, seconds: float) -> dict[str, Any]:
        """Keep a run as the newest earlier run, in the next colour, and draw it."""
        run = {
            "run": self._run_number, "label": label, "color": RUN_COLORS[self._next_color % len(RUN_COLORS)],
            "visible": True, "items": [], "table": table, "markers": markers, "settings": settings,
            "seconds": float(seconds),
        }
        self._next_color += 1
        self._run_number += 1
        self._draw_run(run)
        self._old_runs.append(run)
        while len(self._old_runs) > MAX_OLD_RUNS:
            self._remove_items(self._old_runs.pop(0))
        return run

    def add_run(self, label: str, table: dict[str, np.ndarray], settings: dict[str, Any] | None,
                seconds: float) -> None:
        """A run trained elsewhere (Compare…) joins the earlier runs, in its own colour."""
        self._append_run(label, {k: np.asarray(v, dtype=np.float64) for k, v in table.items()}, (0, 0),
                         settings, seconds)
        self.follow_data()
        self._runs_changed()

    # ------------------------------------------------ runs that grow live
    def start_run(self, label: str, settings: dict[str, Any] | None) -> int:
        """A run trained elsewhere (Compare…) that joins the earlier runs now, empty,
        and grows epoch by epoch (:meth:`extend_runs`); its number (a handle)."""
        table = {c: np.empty(0) for c in COLUMNS}
        run = self._append_run(label, table, (0, 0), settings, 0.0)
        self.follow_data()
        self._runs_changed()
        return int(run["run"])

    def extend_runs(self, histories: dict[int, list[Any]]) -> None:
        """Append :class:`~nnviz.core.training.records.EpochMetrics` to runs of
        :meth:`start_run` (by number; a deleted one is skipped), redraw them, once."""
        changed = False
        for number, history in histories.items():
            run = self._run_by_number(number)
            if run is None or not history:
                continue
            rows = metric_rows(history)
            old = run["table"]
            run["table"] = {c: np.concatenate([np.asarray(old.get(c, ()), dtype=np.float64), rows[:, j]])
                            for j, c in enumerate(COLUMNS)}
            self._update_run_items(run)
            changed = True
        if changed:
            self._follow_data(self._x())  # (not after a zoom by the user: only a new run resumes following)
            self._runs_changed()

    def end_run(self, number: int, seconds: float, best_epoch: int = 0) -> None:
        """A run of :meth:`start_run` ended: its seconds and best epoch."""
        run = self._run_by_number(number)
        if run is not None:
            run["seconds"] = float(seconds)
            run["markers"] = (int(best_epoch), 0)
            self._runs_changed()

    def run_color(self, number: int) -> tuple[int, int, int] | None:
        """The colour of the run numbered ``number`` (None once deleted)."""
        run = self._run_by_number(number)
        return tuple(run["color"]) if run is not None else None  # type: ignore[return-value]

    def _run_by_number(self, number: int) -> dict[str, Any] | None:
        return next((r for r in self._old_runs if r["run"] == number), None)

    # -------------------------------------------------------------- items
    def _draw_run(self, run: dict[str, Any]) -> None:
        """(Re)create a run's curve items from its table."""
        self._remove_items(run)
        self._update_run_items(run)

    def _update_run_items(self, run: dict[str, Any]) -> None:
        """Give each series of a run its points (creating its item the first time it has one)."""
        key = self.x_key()
        have = {data["series"]: i for i, (_plot, _item, data) in enumerate(run["items"])}
        for s in SERIES:
            data = _series_data(run["table"], s)
            if data is None:
                continue
            if s in have:
                plot, item, _old = run["items"][have[s]]
                run["items"][have[s]] = (plot, item, data)
            else:
                item = pg.PlotCurveItem(pen=self._run_pen(run, s))  # (a PlotDataItem's scatter part is never used)
                item.setZValue(-10)
                item.setVisible(run["visible"])
                plot = self.loss_plot if s.endswith("loss") else self.acc_plot
                # the plots set their range themselves (_range_following): bounds would only cost
                plot.addItem(item, ignoreBounds=True)
                run["items"].append((plot, item, data))
            _set_points(item, data, key)

    @staticmethod
    def _remove_items(run: dict[str, Any]) -> None:
        for plot, item, _data in run["items"]:
            plot.removeItem(item)
        run["items"] = []

    def clear_old_runs(self) -> None:
        for run in self._old_runs:
            self._remove_items(run)
        self._old_runs.clear()
        self._runs_changed()

    def old_run_count(self) -> int:
        return len(self._old_runs)

    # ------------------------------------------------------- the runs table
    def runs(self) -> list[dict[str, Any]]:
        """Every run, earlier ones first, the current one last (while it has
        epochs): label, colour (None: the current run's own), visible, the raw
        columns, settings and seconds. Copies of the lists, the same arrays."""
        out = [{k: run[k] for k in ("label", "color", "visible", "table", "settings", "seconds")}
               for run in self._old_runs]
        if self._buf.n:
            out.append({"label": self.current_label or f"run {self._run_number}", "color": None, "visible": True,
                        "table": self.metrics_table(), "settings": self.current_settings,
                        "seconds": self.current_seconds})
        return out

    def set_run_visible(self, index: int, on: bool) -> None:
        run = self._old_runs[index]
        run["visible"] = bool(on)
        for _plot, item, _data in run["items"]:
            item.setVisible(run["visible"])
        self._runs_changed()

    def rename_run(self, index: int, label: str) -> None:
        label = " ".join(str(label).split())
        if index == len(self._old_runs):
            self.current_label = label
        elif label:
            self._old_runs[index]["label"] = label
        self._runs_changed()

    def delete_run(self, index: int) -> None:
        """Delete an earlier run (the current one goes on: Reset starts a new one)."""
        self._remove_items(self._old_runs.pop(index))
        self._runs_changed()

    def run_csv(self, index: int) -> str:
        """A run's figures per epoch as CSV (accuracies in %), with its label in a comment line."""
        runs = self.runs()
        run = runs[index]
        out = io.StringIO()
        out.write(f"# {run['label']}\n")
        w = csv.writer(out, lineterminator="\n")
        w.writerow(COLUMNS)
        table = run["table"]
        for i in range(len(table["epoch"])):
            w.writerow([repr(float(table[c][i])) for c in COLUMNS])
        return out.getvalue()

    def _runs_changed(self) -> None:
        self.clear_runs.setEnabled(bool(self._old_runs))
        self._update_legend()
        self.runsChanged.emit()

    # ------------------------------------------------------------ sessions
    def run_tables(self) -> list[dict[str, object]]:
        """Every run on show, the earlier ones first and the current one last:
        ``{"table": {column: values}, "best_epoch": e, "stop_epoch": e, "label": text}``
        (the raw columns of :data:`~nnviz.gui.training.live_curves.COLUMNS`,
        accuracies in %, copies). The current run is left out while it is empty."""
        runs: list[dict[str, object]] = [
            {"table": {k: v.copy() for k, v in run["table"].items()}, "label": run["label"],
             "best_epoch": run["markers"][0], "stop_epoch": run["markers"][1]}
            for run in self._old_runs
        ]
        if self._buf.n:
            runs.append({"table": self.metrics_table(), "best_epoch": self._best_epoch,
                         "stop_epoch": self._stop_epoch, "label": self.current_label})
        return runs

    def restore_runs(self, runs: list[dict[str, object]]) -> None:
        """Show the runs of :meth:`run_tables` again: the last as the current run."""
        self.clear_old_runs()
        self.clear()
        self._next_color = 0
        for i, run in enumerate(runs):
            if i:
                self._keep_as_old_run()
                self.clear()
            self.add_table(run["table"])  # type: ignore[arg-type]
            self.set_markers(int(run.get("best_epoch", 0)), int(run.get("stop_epoch", 0)))  # type: ignore[call-overload]
            self.current_label = str(run.get("label") or "")
        self._schedule()

    # -------------------------------------------------------------- drawing
    def _draw_old_runs_against(self, key: str) -> None:
        """Draw the earlier runs against ``key``: "epoch", "updates" or "elapsed"."""
        for run in self._old_runs:
            for _plot, item, data in run["items"]:
                _set_points(item, data, key)

    def _old_runs_extent(self, key: str) -> tuple[float, float, float]:
        """The shown earlier runs' last x (against ``key``) and their lowest and
        highest loss; -inf, inf, -inf when there is none."""
        x_end, lo, hi = -math.inf, math.inf, -math.inf
        for run in self._old_runs:
            if not run["visible"]:
                continue
            for plot, _item, data in run["items"]:
                x_end = max(x_end, data["x_end"][key])
                if plot is self.loss_plot:
                    lo, hi = min(lo, data["lo"]), max(hi, data["hi"])
        return x_end, lo, hi

    def _run_pen(self, run: dict[str, Any], key: str) -> Any:
        style = Qt.PenStyle.SolidLine if key.startswith("train") else Qt.PenStyle.DashLine
        return pg.mkPen(*run["color"], 170 if key.endswith("loss") else 120, width=1.8, style=style)

    def _recolor_old_runs(self) -> None:
        for run in self._old_runs:
            for _plot, item, data in run["items"]:
                item.setPen(self._run_pen(run, data["series"]))

    def _runs_legend(self) -> str:
        """The legend's part for the runs: a coloured line and the label of each."""
        if not self._old_runs:
            return ""
        parts = []
        for run in self._old_runs:
            if run["visible"]:
                r, g, b = run["color"]
                label = (run["label"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                parts.append(f"<span style='color: rgb({r},{g},{b})'>━━</span> {label}")
        return "&nbsp;&nbsp;&nbsp;".join(parts)


def _series_data(table: dict[str, np.ndarray], series: str) -> dict[str, Any] | None:
    """What drawing one series of a run needs: its x columns, y, extent; None
    while it has no finite value."""
    y = np.asarray(table.get(series, ()), dtype=np.float64)
    ok = np.isfinite(y)
    if not ok.any():
        return None
    data: dict[str, Any] = {"y": y, "series": series, "lo": float(y[ok].min()), "hi": float(y[ok].max()),
                            "x_end": {}}
    for key in X_KEYS:
        x = np.asarray(table.get(key, np.full(len(y), np.nan)), dtype=np.float64)
        known = x[np.isfinite(x)]
        data[key] = x
        data["x_end"][key] = float(known[-1]) if known.size else -math.inf
    return data


def _set_points(item: pg.PlotCurveItem, data: dict[str, Any], key: str) -> None:
    """A series against ``key``: every point up to :data:`RUN_POINTS`, else the means of
    bins of epochs (points without an x left out)."""
    x = data[key]
    y = np.where(np.isfinite(x), data["y"], np.nan)
    stride = decimation_stride(len(y), 2 * RUN_POINTS)  # (a power of two: bins stay put as the run grows)
    xs, ys = bin_means(np.where(np.isfinite(x), x, 0.0), y, stride)
    ok = np.isfinite(ys)
    item.setData(xs[ok], ys[ok])
