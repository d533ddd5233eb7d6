"""TrainingPlots: curves from snapshots, smoothing, log scale, gap, markers, export."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from PySide6.QtGui import QImage

from nnviz.core.training.records import EpochMetrics, Snapshot
from nnviz.core.training.smoothing import debiased_ema
from nnviz.gui.training.live_curves import MetricBuffer
from nnviz.gui.training.plots import TrainingPlots


def history(first: int, last: int) -> list[EpochMetrics]:
    out = []
    for e in range(first, last + 1):
        tl = 1.0 / e + 0.01 * math.sin(e)
        vl = 1.0 / e + 0.1 + 0.002 * e
        out.append(EpochMetrics(e, 10 * e, tl, vl, 1 - tl / 2, 0.8, 0.0, 0.1, 16, 0.01 * e))
    return out


def snapshot(hist: list[EpochMetrics], best: int, stopped: bool = False) -> Snapshot:
    last = hist[-1]
    return Snapshot(
        epoch=last.epoch, updates=last.updates, metrics=last, history=hist, weights=[], biases=[],
        probe=[], probe_index=0, best_epoch=best, best_loss=0.1, stopped_early=stopped,
        engine="torch", engine_reason="", device="cpu",
    )


@pytest.fixture
def plots(qtbot) -> TrainingPlots:
    w = TrainingPlots()
    qtbot.addWidget(w)
    w.resize(700, 500)
    w.show()
    return w


def curve_y(plots, key):
    # the data given to the curve (getData() is clipped to the current view)
    y = plots._curves[key].getOriginalDataset()[1]
    return [] if y is None else y


def test_snapshots_add_points_to_every_curve(plots, qtbot):
    plots.add_snapshot(snapshot(history(1, 5), best=5))
    plots.add_snapshot(snapshot(history(6, 12), best=4))
    qtbot.waitUntil(lambda: len(curve_y(plots, "val_loss")) == 12, timeout=2000)
    x, y = plots._curves["train_loss"].getOriginalDataset()
    np.testing.assert_array_equal(x, np.arange(1, 13))
    np.testing.assert_allclose(y, [m.train_loss for m in history(1, 12)])
    np.testing.assert_allclose(curve_y(plots, "train_acc"), [100 * m.train_acc for m in history(1, 12)])
    assert plots.point_count() == 12


def test_updates_axis(plots):
    plots.add_metrics(history(1, 4))
    plots.set_x_axis("updates")
    np.testing.assert_array_equal(plots._curves["val_loss"].getOriginalDataset()[0], [10, 20, 30, 40])
    assert plots.loss_plot.getPlotItem().getAxis("bottom").labelText == "updates"


def test_smoothing_is_the_debiased_ema_and_raw_stays_visible(plots):
    plots.add_metrics(history(1, 30))
    plots.set_smoothing(0.8)
    raw = np.array([m.train_loss for m in history(1, 30)])
    np.testing.assert_allclose(curve_y(plots, "train_loss"), debiased_ema(raw, 0.8))
    assert plots._raw["train_loss"].isVisible()
    # live points keep smoothing incrementally
    plots.add_metrics(history(31, 40))
    plots.refresh()
    raw = np.array([m.train_loss for m in history(1, 40)])
    np.testing.assert_allclose(curve_y(plots, "train_loss"), debiased_ema(raw, 0.8), rtol=1e-12)
    plots.set_smoothing(0.0)
    np.testing.assert_allclose(curve_y(plots, "train_loss"), raw)
    assert not plots._raw["train_loss"].isVisible()


def test_log_scale(plots):
    plots.add_metrics(history(1, 10))
    plots.log_scale.click()
    assert plots.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()
    # the curve shows log10 of the loss on screen
    shown = plots._curves["train_loss"].getData()[1]
    np.testing.assert_allclose(shown, np.log10([m.train_loss for m in history(1, 10)]))


def test_gap_and_best_epoch_and_early_stop_markers(plots):
    plots.add_snapshot(snapshot(history(1, 20), best=8, stopped=True))
    plots.refresh()
    assert all(f.isVisible() for f in plots._fills)
    assert not plots._fills[0].path().isEmpty()
    line = plots._best_lines[0]
    assert line.isVisible() and line.value() == 8
    assert "8" in line.label.format
    sx, sy = plots._stop_marks[0].getData()
    assert list(sx) == [20] and sy[0] == pytest.approx(history(20, 20)[0].val_loss)


def test_new_run_keeps_faint_comparison_and_clear_removes_it(plots):
    plots.add_metrics(history(1, 10))
    plots.new_run()
    assert plots.point_count() == 0 and plots.old_run_count() == 1
    assert plots.clear_runs.isEnabled()
    old_items = [i for _p, i, _x in plots._old_runs[0]["items"]]
    assert all(i in plots.loss_plot.getPlotItem().items or i in plots.acc_plot.getPlotItem().items
               for i in old_items)
    assert old_items[0].opts["pen"].color().alpha() < 255
    plots.clear_runs.click()
    assert plots.old_run_count() == 0
    assert not any(i in plots.loss_plot.getPlotItem().items for i in old_items)


def test_png_export_writes_a_valid_image(plots, tmp_path):
    plots.add_metrics(history(1, 10))
    out = plots.export_png(tmp_path / "loss.png", "loss", width=800)
    img = QImage(str(out))
    assert not img.isNull() and img.width() == 800
    with open(out, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"


def test_csv_export(plots, tmp_path):
    plots.add_metrics(history(1, 3))
    path = plots.export_csv(tmp_path / "m.csv")
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["epoch"] for r in rows] == ["1", "2", "3"]
    assert list(rows[0])[:5] == ["epoch", "train_loss", "val_loss", "train_acc", "val_acc"]
    assert float(rows[1]["val_acc"]) == pytest.approx(0.8)
    assert float(rows[2]["train_loss"]) == pytest.approx(history(3, 3)[0].train_loss)


def test_buffer_grows_by_doubling():
    b = MetricBuffer(capacity=4, columns=("a",))
    for i in range(9):
        b.append_rows(np.array([[float(i)]]))
    assert b.capacity == 16 and b.n == 9
    np.testing.assert_array_equal(b.column("a"), np.arange(9.0))


def test_items_are_created_once(plots):
    items_before = list(plots.loss_plot.getPlotItem().items)
    for k in range(1, 6):
        plots.add_metrics(history(k, k))
        plots.refresh()
    assert plots.loss_plot.getPlotItem().items == items_before


def test_scale_and_translation_texts(plots):
    plots.set_scale(2.0)
    assert plots.loss_plot.getPlotItem().getAxis("left").labelText == "loss (error E)"
    text = plots._legend.text()
    assert "training" in text and "validation" in text and "early stop" in text
    assert plots._legend.font().pointSizeF() == pytest.approx(13.5)  # grows half as fast as the plots (projector layout)


def test_epoch_axis_has_whole_number_ticks(plots):
    plots.add_metrics(history(1, 3))
    plots.refresh()
    axis = plots.loss_plot.getPlotItem().getAxis("bottom")
    ticks = [v for _s, values in axis.tickValues(0.8, 3.2, 400) for v in values]
    assert ticks and all(float(v).is_integer() for v in ticks)


def test_a_long_run_draws_a_bounded_envelope_and_exports_every_epoch(plots, tmp_path):
    from nnviz.gui.training.live_curves import MAX_DRAWN_POINTS

    n = 30_000
    hist = history(1, n)
    spike = hist[12_345]
    hist[12_345] = EpochMetrics(spike.epoch, spike.updates, 9.0, spike.val_loss, spike.train_acc,
                                spike.val_acc, 0.0, 0.1, 16, spike.elapsed)
    plots.add_metrics(hist)
    plots.refresh()
    for key in ("train_loss", "val_loss", "train_acc", "val_acc"):
        x, y = plots._curves[key].getOriginalDataset()
        assert 0 < len(x) <= MAX_DRAWN_POINTS
        assert x[0] == 1 and x[-1] <= n
        # the faint curve behind: each bin's extremes, so the spike still shows
        assert plots._raw[key].isVisible()
        assert len(plots._raw[key].getOriginalDataset()[0]) <= MAX_DRAWN_POINTS
    raw_y = plots._raw["train_loss"].getOriginalDataset()[1]
    assert raw_y.max() == 9.0
    assert not plots._fills[0].path().isEmpty()
    # the plot shows every epoch (a round range past the last one)
    (x0, x1), (y0, y1) = plots.loss_plot.getPlotItem().getViewBox().viewRange()
    assert x0 <= 1 and n <= x1 <= 1.1 * 30_000 and y0 <= 0 and y1 >= 9.0
    with open(plots.export_csv(tmp_path / "m.csv"), newline="") as f:
        assert sum(1 for _ in csv.reader(f)) == n + 1


def test_the_plot_keeps_following_the_data_until_zoomed(plots):
    plots.add_metrics(history(1, 40))
    plots.refresh()
    vb = plots.loss_plot.getPlotItem().getViewBox()
    assert vb.viewRange()[0][1] >= 40
    plots.add_metrics(history(41, 400))
    plots.refresh()
    assert vb.viewRange()[0][1] >= 400
    # a zoom by the user (wheel or drag) stops following...
    vb.scaleBy(x=0.5)
    vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])
    shown = vb.viewRange()[0]
    plots.add_metrics(history(401, 2000))
    plots.refresh()
    assert vb.viewRange()[0] == shown
    # ...until a double click (or a new run) shows everything again
    plots.follow_data()
    assert vb.viewRange()[0][1] >= 2000


def metrics(epochs: int, loss: float, acc: float) -> list[EpochMetrics]:
    return [EpochMetrics(e, 10 * e, loss, loss * 1.1, acc, acc, 0.0, 0.1, 16, 0.01 * e)
            for e in range(1, epochs + 1)]


def view_rect_in_widget(plot):
    """Where the plot's data area is in the PlotWidget (pixels)."""
    vb = plot.getPlotItem().getViewBox()
    return plot.mapFromScene(vb.sceneBoundingRect()).boundingRect()


def rows_with_colour(img: QImage, rect, rgb, tol: int = 40) -> list[int]:
    rows = []
    for y in range(max(rect.top(), 0), min(rect.bottom(), img.height() - 1) + 1):
        for x in range(rect.left() + 2, min(rect.right(), img.width() - 1), 2):
            c = img.pixelColor(x, y)
            if abs(c.red() - rgb[0]) + abs(c.green() - rgb[1]) + abs(c.blue() - rgb[2]) < tol:
                rows.append(y)
                break
    return rows


def test_a_new_problem_shows_a_fresh_frame_not_the_last_runs_axes(plots):
    # a diverged run (learning rate 10): the loss reached 400,000 over 140 epochs
    plots.add_metrics(metrics(140, 400_000.0, 0.5))
    plots.refresh()
    vb = plots.loss_plot.getPlotItem().getViewBox()
    assert vb.viewRange()[1][1] >= 400_000 and vb.viewRange()[0][1] >= 140
    # the training panel clears the plots for a new problem
    plots.clear_old_runs()
    plots.clear()
    (x0, x1), (y0, y1) = vb.viewRange()
    assert x0 <= 0 and 10 <= x1 < 20 and (y0, y1) == (0, 1)
    (ax0, ax1), _ = plots.acc_plot.getPlotItem().getViewBox().viewRange()
    assert (ax0, ax1) == (x0, x1)
    # the first epochs of the new problem fill that frame
    plots.add_metrics(metrics(3, 0.8, 0.6))
    plots.refresh()
    assert vb.viewRange()[1][1] == pytest.approx(1.0) and vb.viewRange()[0][1] < 10


def test_accuracy_at_100_percent_is_drawn_below_the_top_edge(plots, qtbot):
    plots.resize(1280, 260)  # a low dock, as in the main window at 1280×800
    plots.add_metrics(metrics(100, 0.03, 1.0))
    plots.refresh()
    qtbot.wait(10)
    _lo, hi = plots.acc_plot.getPlotItem().getViewBox().viewRange()[1]
    assert 104 <= hi <= 112
    img = plots.acc_plot.grab().toImage()
    rect = view_rect_in_widget(plots.acc_plot)
    rows = rows_with_colour(img, rect, plots._color("train"))
    assert rows, "the 100 % curve is on screen"
    # the whole line (2.5 px) with a few pixels of air above it
    assert min(rows) - rect.top() >= 5
    # and the "100" tick label is drawn: a tick at 100 inside the range
    ticks = plots.acc_plot.getPlotItem().getAxis("left").tickValues(_lo, hi, rect.height())
    assert any(100.0 in values for _spacing, values in ticks)


def test_plots_follow_the_high_contrast_palette(plots, qtbot):
    from PySide6.QtGui import QPalette

    from nnviz.gui.theme import high_contrast_palette

    plots.add_metrics(history(1, 30))
    plots.refresh()
    rect = view_rect_in_widget(plots.loss_plot)
    corner = rect.topRight() + type(rect.topRight())(-3, 3)
    light = plots.loss_plot.grab().toImage()
    assert light.pixelColor(corner).lightness() > 200
    plots.setPalette(high_contrast_palette())
    qtbot.waitUntil(plots.is_dark, timeout=1000)
    plots.refresh()
    dark = plots.loss_plot.grab().toImage()
    assert dark.pixelColor(corner).lightness() < 30, "the plot background turns black"
    axis = plots.loss_plot.getPlotItem().getAxis("left")
    assert axis.textPen().color().lightness() > 200 and axis.pen().color().lightness() > 200
    # the grid is visible on black, and dimmer than the text
    grid = axis.tickPen().color().lightness()
    assert 40 < grid < 200
    # both curves stay bright on black and far from each other
    t, v = (np.array(plots._color(p)) for p in ("train", "val"))
    assert t.max() > 200 and v.max() > 200 and np.abs(t - v).sum() > 200
    assert rows_with_colour(dark, rect, tuple(t)) and rows_with_colour(dark, rect, tuple(v))
    assert "background: #000000" in plots._legend.styleSheet()
    plots.setPalette(QPalette())
    qtbot.waitUntil(lambda: not plots.is_dark(), timeout=1000)
    assert plots.loss_plot.grab().toImage().pixelColor(corner).lightness() > 200


def test_any_plot_can_follow_the_theme(qtbot):
    import pyqtgraph as pg
    from PySide6.QtGui import QPalette

    from nnviz.gui.theme import high_contrast_palette
    from nnviz.gui.training.plot_style import apply_plot_theme

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.getPlotItem().setLabel("bottom", "x₁")
    plot.resize(300, 200)
    assert apply_plot_theme(plot, high_contrast_palette())
    img = plot.grab().toImage()
    assert img.pixelColor(img.width() - 3, 3).lightness() < 30
    bottom, left = plot.getPlotItem().getAxis("bottom"), plot.getPlotItem().getAxis("left")
    assert bottom.labelStyle["color"] == "#ffffff" and bottom.textPen().color().lightness() > 200
    assert not left.label.isVisible() or not left.labelText  # no empty label appears
    assert not apply_plot_theme(plot, QPalette())
    assert plot.grab().toImage().pixelColor(img.width() - 3, 3).lightness() > 200
