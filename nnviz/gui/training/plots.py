"""Loss and accuracy curves of a training run, training vs validation.

``TrainingPlots`` shows two linked plots (loss above, accuracy below) with:

- training (solid) and validation (dashed) curves, against epochs, updates or
  seconds of training;
- a log-scale option for the loss;
- TensorBoard's debiased EMA smoothing (:mod:`nnviz.core.training.smoothing`), with the
  raw curves faint behind the smoothed ones;
- the generalization gap (validation − training) shaded between the curves;
- the best epoch (a vertical line) and the early-stopping point (a star);
- earlier runs kept as faint curves for comparison (:meth:`new_run`, clearable);
- PNG export of each plot and CSV export of the metrics.

Feed it :class:`~nnviz.core.training.records.Snapshot` objects (:meth:`add_snapshot`)
or :class:`~nnviz.core.training.records.EpochMetrics` lists (:meth:`add_metrics`); it
repaints at most ~30 times a second, and a refresh costs the same at epoch 100
and at epoch 100,000 (:mod:`~nnviz.gui.training.live_curves`). The full
history stays for the CSV export.

This module holds the widget itself: its controls, layout, theme, scale and
texts. Each part of what it draws is a mixin in a module of its own:
:class:`~nnviz.gui.training.live_curves.LiveCurves` (the current run),
``_range_following`` (the view follows the data), ``_epoch_markers`` (best
epoch, early stop), ``_run_overlay`` (earlier runs) and ``_plot_export``
(PNG, CSV); :mod:`~nnviz.gui.training.plot_style` holds the colours.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from nnviz.gui.locale_axis import LocaleAxis
from nnviz.gui.training._epoch_markers import EpochMarkers
from nnviz.gui.training._plot_export import PlotExport
from nnviz.gui.training._range_following import RangeFollowing
from nnviz.gui.training._run_overlay import RunOverlay
from nnviz.gui.training.live_curves import X_KEYS, LiveCurves
from nnviz.gui.training.plot_style import (
    BEST_COLOR,
    WholeNumberAxis,
    apply_plot_theme,
    curve_color,
    plot_colors,
)
from nnviz.gui.wheel_guard import guard_wheel

#: the accuracy axis: 0 to 100 % with room above and below, so a curve at
#: 100 % (or 0 %) and the "100" tick label are not cut by the plot's edge
ACC_RANGE = (-6.0, 108.0)
#: what the x axis can count (the choices of the "x axis" box, in its order)
X_MODES = ("epochs", "updates", "seconds")


class TrainingPlots(LiveCurves, RangeFollowing, EpochMarkers, RunOverlay, PlotExport, QWidget):
    """Loss and accuracy plots for one run plus faint curves of earlier runs."""

    #: a file was written by an export (its path)
    exported = Signal(str)
    #: runs were kept, shown or hidden, renamed or deleted (the runs table follows)
    runsChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self._init_curves()
        self._init_markers()
        self._init_overlay()

        # ---- controls
        self._x_label = QLabel()
        self.x_axis = QComboBox()
        self.x_axis.addItems(["", "", ""])
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
        #: the runs side by side: labels, settings, figures (a table in its own window)
        self.runs_button = QPushButton()
        self.runs_button.clicked.connect(self.show_runs_table)
        #: Compare…: the training panel connects it (it knows the data and the settings)
        self.compare_button = QPushButton()
        self._runs_table = None
        self.export_png_button = QPushButton()
        self.export_png_button.clicked.connect(self._ask_export_png)
        self.export_csv_button = QPushButton()
        self.export_csv_button.clicked.connect(self._ask_export_csv)
        # the view's settings and the export buttons: one row, or two where the
        # dock is narrow (a projector at scale 2): never wider than the dock
        self._bar = _TwoPartBar(
            [self._x_label, self.x_axis, self.log_scale, self._smooth_label, self.smoothing, self._smooth_value],
            [self.compare_button, self.runs_button, self.clear_runs, self.export_png_button,
             self.export_csv_button],
        )

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
        self._init_following()
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
        layout.addWidget(self._bar)
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
        self._add_curve_items(item, kind)
        self._add_marker_items(item, kind)

    # ------------------------------------------------------------------ API
    def add_snapshot(self, snapshot: Any, offsets: tuple[int, int] = (0, 0)) -> None:
        """Append the epochs of a :class:`~nnviz.core.training.records.Snapshot` and its markers.

        ``offsets`` (epochs, updates) are added to its history's counters (a run
        that continues an earlier one); the markers are taken as they are.
        """
        self.add_metrics(snapshot.history, offsets)
        self._mark_snapshot(snapshot)
        self._schedule()

    def new_run(self) -> None:
        """Start a new run: the curves on show become a faint comparison overlay."""
        if self._buf.n:
            self._keep_as_old_run()
        self.clear()

    def clear(self) -> None:
        """Forget the current run (earlier runs stay)."""
        self._forget_points()
        self._forget_markers()
        self.follow_data()

    def set_x_axis(self, mode: str) -> None:
        """"epochs", "updates" or "seconds"."""
        self.x_axis.setCurrentIndex(max(X_MODES.index(mode), 0) if mode in X_MODES else 0)

    def x_axis_mode(self) -> str:
        """What the x axis counts: "epochs", "updates" or "seconds" (a session keeps it)."""
        return X_MODES[max(self.x_axis.currentIndex(), 0)]

    def x_key(self) -> str:
        """The column the curves are drawn against: "epoch", "updates" or "elapsed"."""
        return X_KEYS[max(self.x_axis.currentIndex(), 0)]

    def set_log_scale(self, on: bool) -> None:
        self.log_scale.setChecked(on)

    def set_smoothing(self, weight: float) -> None:
        self.smoothing.setValue(int(round(weight * 100)))

    def set_scale(self, factor: float) -> None:
        self._scale = max(0.5, float(factor))
        self._apply_scale()

    # ------------------------------------------------------------ controls
    def _on_x_axis(self, index: int) -> None:
        for plot in (self.loss_plot, self.acc_plot):
            axis = plot.getPlotItem().getAxis("bottom")
            axis.whole_numbers = self.x_key() != "elapsed"  # seconds: 0.25 s is a tick too
            axis.picture = None  # (its ticks are drawn again)
        self._draw_old_runs_against(self.x_key())
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().setLabel("bottom", self.x_axis.currentText())
        self.follow_data()

    def _on_log(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self.refresh()

    def _on_smoothing(self, value: int) -> None:
        self._smooth_with(value / 100.0)
        self._smooth_value.setText(QLocale().toString(float(self._smooth_w), "f", 2))
        self.refresh()

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
        # the legend grows more slowly than the axes: at scale 2 it would take
        # three lines of a low dock, above plots that need the height
        legend_font.setPointSizeF(9.0 * (1.0 + 0.5 * (f - 1.0)))
        self._legend.setFont(legend_font)
        self._set_curve_pens()
        self._rescale_markers(font, f)
        self.retranslate()
        guard_wheel(self)  # the wheel scrolls the panel, not an unfocused field

    # --------------------------------------------------------- translation
    def retranslate(self) -> None:
        self._x_label.setText(self.tr("x axis:"))
        idx = self.x_axis.currentIndex()
        self.x_axis.blockSignals(True)
        self.x_axis.setItemText(0, self.tr("epochs"))
        self.x_axis.setItemText(1, self.tr("updates"))
        self.x_axis.setItemText(2, self.tr("seconds"))
        self.x_axis.blockSignals(False)
        self.x_axis.setToolTip(self.tr("Plot against epochs (passes over the training set), weight updates or "
                                       "seconds of training (what a small batch costs)"))
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
        self.compare_button.setText(self.tr("Compare…"))
        self.compare_button.setToolTip(self.tr("Train one setting over a few values side by side: the same data, "
                                               "initial weights and seed; labelled curves and a picture of each run"))
        self.runs_button.setText(self.tr("Runs…"))
        self.runs_button.setToolTip(self.tr("Every run side by side: what it changed, its best and final loss, "
                                            "updates and seconds; show, hide, rename, delete, export"))
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
            f'<span style="color:rgb{BEST_COLOR}"><b>┆</b></span> ' + self.tr("best epoch"),
            '<span style="color:rgb(200,170,0)">★</span> ' + self.tr("early stop"),
        ]
        self._legend_parts = parts
        self._update_legend()

    def show_runs_table(self):
        """The runs table (a window of its own, made once); returned."""
        from nnviz.gui.training.runs_table import RunsTable

        if self._runs_table is None:
            self._runs_table = RunsTable(self, self.window())
        self._runs_table.refresh()
        self._runs_table.show()
        self._runs_table.raise_()
        return self._runs_table

    def _update_legend(self) -> None:
        """The legend: the current run's marks, then every shown earlier run by its label."""
        text = "&nbsp;&nbsp;&nbsp;".join(getattr(self, "_legend_parts", []))
        runs = self._runs_legend()
        self._legend.setText(text + ("<br>" + runs if runs else ""))

    # --------------------------------------------------------------- theme
    def _color(self, part: str) -> tuple[int, int, int]:
        """The colour of the training or validation curves in the current theme."""
        return curve_color(part, self._dark)

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
        self._recolor_curves(self._dark)
        self._recolor_markers(bg, fg, self._dark)
        self._recolor_old_runs()
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
        # side by side or one above the other: whichever leaves each plot's
        # shorter side longer (a wide, low dock under a projector's graph)
        w = event.size().width()
        h = event.size().height() - self._bar.sizeHint().height() - self._legend.sizeHint().height()
        wide = min(w / 2, h) >= min(w, h / 2)
        self._plots_box.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self._plots_box.setStretch(1, 3 if wide else 2)
        super().resizeEvent(event)


class _TwoPartBar(QWidget):
    """Two groups of controls side by side, or one above the other when the
    width is short; its minimum width is the wider group's, so a narrow dock
    stacks the groups instead of being pushed wider than the window."""

    def __init__(self, first: list[QWidget], second: list[QWidget]) -> None:
        super().__init__()
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(4, 2, 4, 2)
        self._box.setSizeConstraint(QBoxLayout.SizeConstraint.SetNoConstraint)
        self._parts = []
        for widgets, stretch in ((first, True), (second, False)):
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            for w in widgets:
                row.addWidget(w)
            if stretch:
                row.addStretch(1)
            self._box.addLayout(row, 1 if stretch else 0)
            self._parts.append(row)
        # the lecturer's options keep the normal size at a presentation scale
        # (the class reads the curves, their axes and the legend): at scale 2
        # they still fit under a 1024-pixel projector's graph
        font = QFont(self.font())
        font.setPointSizeF(QApplication.font().pointSizeF())
        self.setFont(font)

    def stacked(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.TopToBottom

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        m = self._box.contentsMargins()
        width = max(part.minimumSize().width() for part in self._parts) + m.left() + m.right()
        return QSize(width, self._box.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        m = self._box.contentsMargins()
        wanted = sum(part.sizeHint().width() for part in self._parts) + self._box.spacing() + m.left() + m.right()
        direction = (
            QBoxLayout.Direction.TopToBottom if event.size().width() < wanted else QBoxLayout.Direction.LeftToRight
        )
        if direction != self._box.direction():
            self._box.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)


def _preview_history(n: int) -> list[Any]:
    from nnviz.core.training.records import EpochMetrics

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
