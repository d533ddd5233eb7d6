"""Draw the data: points drawn with the mouse on the data plot, trained on, saved."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QFileDialog

from nnviz.core.data.dataset import from_points
from nnviz.core.lessons import load_lesson
from nnviz.gui.data.drawing import DrawingTools
from nnviz.gui.data.view import DataView
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training.panel import TrainingPanel
from tests.gui.conftest import open_window

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NONE, SHIFT, CTRL = (
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
)
XOR = [((0.0, 0.0), 1), ((1.0, 1.0), 1), ((0.0, 1.0), 2), ((1.0, 0.0), 2)]


def viewport_pos(dv: DataView, x: float, y: float):
    """Where the plane point (x, y) is on the plot's viewport, in pixels."""
    scene = dv.plot_item.vb.mapViewToScene(QPointF(x, y))
    return dv.plot.mapFromScene(scene)


def click(qtbot, dv: DataView, x: float, y: float, button=LEFT, mods=NONE) -> None:
    qtbot.mouseClick(dv.plot.viewport(), button, mods, viewport_pos(dv, x, y))


def key(qtbot, dv: DataView, k, mods=NONE) -> None:
    qtbot.keyClick(dv.plot, k, mods)


def drag(qtbot, dv: DataView, path: list[tuple[float, float]]) -> None:
    vp = dv.plot.viewport()
    qtbot.mousePress(vp, LEFT, NONE, viewport_pos(dv, *path[0]))
    for p in path[1:]:
        qtbot.mouseMove(vp, viewport_pos(dv, *p))
    qtbot.mouseRelease(vp, LEFT, NONE, viewport_pos(dv, *path[-1]))


def shown_points(dv: DataView) -> int:
    """The points the plot draws (training and validation)."""
    return len(dv._train.data) + len(dv._val.data)


def draw_xor(qtbot, dv: DataView) -> None:
    for (x, y), k in XOR:
        key(qtbot, dv, getattr(Qt.Key, f"Key_{k}"))
        click(qtbot, dv, x, y)


@pytest.fixture
def panel(qtbot):
    lesson = load_lesson("spiral")
    p = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(p)
    p.load_lesson(lesson)
    p.set_pace(0.0)
    p.resize(420, 700)
    p.show()
    p.regions_widget().resize(560, 640)
    p.regions_widget().show()
    qtbot.waitExposed(p.regions_widget())
    yield p
    p.stop_and_wait()
    p.regions_widget().close()
    p.plots_widget().close()


def start_drawing(qtbot, panel: TrainingPanel) -> DataView:
    dv = panel.regions_view().data_view
    qtbot.mouseClick(panel.drawing.draw_button, LEFT)
    assert panel.drawing.is_active()
    return dv


# ------------------------------------------------------------ the lecture
def test_a_lecturer_draws_four_xor_points_and_trains_on_them(qtbot):
    win = open_window(qtbot, preset="spiral", activate=True)
    try:
        panel = win.training
        panel.set_pace(0.0)
        dv = panel.regions_view().data_view
        qtbot.waitUntil(dv.isVisible)
        tools = panel.drawing
        assert not tools.clear_button.isVisible()  # only the Draw button until drawing
        qtbot.mouseClick(tools.draw_button, LEFT)
        # draw mode starts from the points on show: the spiral
        assert tools.clear_button.isVisible() and len(tools.points) == 500
        assert tools.class_count() == 2
        qtbot.mouseClick(tools.clear_button, LEFT)
        assert shown_points(dv) == 0
        assert dv.region_image() is not None  # the regions stay under an empty plot
        draw_xor(qtbot, dv)

        assert shown_points(dv) == 4 and len(dv._train.data) == 4
        assert "class 0" in dv._legend.text() and "class 1" in dv._legend.text()
        ds = panel.dataset()
        np.testing.assert_allclose(ds.x, [p for p, _ in XOR], atol=0.02)  # within a pixel
        np.testing.assert_array_equal(ds.y, [0, 0, 1, 1])
        assert ds.val_idx.size == 0
        assert panel.form.data_kind.currentData() == "custom"
        assert panel.form.val_fraction.value() == 0.0
        assert (
            "4 points" in tools.status.text() and "10 points of each class" in tools.status.text()
        )
        assert panel._model.network.layers == [2, 16, 16, 1]  # two classes: the network stays

        panel.form.epochs.setValue(150)
        with qtbot.waitSignal(panel.trainingFinished, timeout=60000) as done:
            qtbot.keyClick(win, Qt.Key.Key_F5)
        assert done.args == ["completed"]
        snap = panel.controller.last_snapshot
        assert (snap.n_train, snap.n_val) == (4, 0)  # it trained on the four points
        assert panel.plots_widget().point_count() == 150
        loss = panel.plots_widget().metrics_table()["train_loss"]
        assert loss[-1] < loss[0]
        assert shown_points(dv) == 4

        # right click removes the nearest point; Ctrl+Z brings it back, and leaves
        # the window's Edit → Undo (a weight edit here) alone
        win.model.edit_weight(0, 0, 0, 0.123)
        undo_index = win.model.undo_stack.index()
        click(qtbot, dv, 1.02, 0.03, RIGHT)
        assert shown_points(dv) == 3 and len(panel.dataset().x) == 3
        key(qtbot, dv, Qt.Key.Key_Z, CTRL)
        assert shown_points(dv) == 4 and len(panel.dataset().x) == 4
        assert win.model.undo_stack.index() == undo_index
        assert win.model.network.weights[0][0, 0] == 0.123
        click(qtbot, dv, 0.0, 0.98, LEFT, SHIFT)  # Shift+click removes too
        assert shown_points(dv) == 3
    finally:
        win.persist_state = False
        win.training.stop_and_wait()
        win.close()


def test_a_drag_paints_a_stroke_that_one_undo_takes_back(panel, qtbot):
    dv = start_drawing(qtbot, panel)
    qtbot.mouseClick(panel.drawing.clear_button, LEFT)
    range_before = dv.view_bounds()
    key(qtbot, dv, Qt.Key.Key_2)
    drag(qtbot, dv, [(-1.0 + 0.1 * i, 0.2) for i in range(21)])
    n = shown_points(dv)
    x0, x1, *_ = range_before
    expected = 2.0 / ((x1 - x0) / 40)  # the stroke's length over its spacing
    assert abs(n - (expected + 1)) <= 2
    assert dv.view_bounds() == pytest.approx(range_before)  # the drag did not pan the plot
    ds = panel.dataset()
    assert set(ds.y.tolist()) == {1}
    np.testing.assert_allclose(ds.x[:, 1], 0.2, atol=0.02)
    assert np.all(np.diff(ds.x[:, 0]) > 0)
    key(qtbot, dv, Qt.Key.Key_Z, CTRL)
    assert shown_points(dv) == 0
    assert "No points yet" in panel.drawing.status.text()


def test_enough_points_hold_out_the_forms_validation_share(panel, qtbot):
    dv = start_drawing(qtbot, panel)
    qtbot.mouseClick(panel.drawing.clear_button, LEFT)
    key(qtbot, dv, Qt.Key.Key_1)
    drag(qtbot, dv, [(-1.0, -0.5), (1.0, -0.5)])
    key(qtbot, dv, Qt.Key.Key_2)
    drag(qtbot, dv, [(-1.0, 0.5), (1.0, 0.5)])
    ds = panel.dataset()
    counts = np.bincount(ds.y)
    assert counts.min() >= 10
    # the spiral lesson's 0.2 of each class, hollow in the plot
    assert [int((ds.y[ds.val_idx] == c).sum()) for c in (0, 1)] == [round(0.2 * k) for k in counts]
    assert len(dv._val.data) == ds.val_idx.size > 0
    assert "20 % of each class held out for validation" in panel.drawing.status.text()
    assert panel.form.val_fraction.value() == pytest.approx(ds.val_idx.size / len(ds.x))


def test_a_new_class_gives_the_idle_network_an_output_per_class(panel, qtbot):
    dv = start_drawing(qtbot, panel)
    qtbot.mouseClick(panel.drawing.clear_button, LEFT)
    draw_xor(qtbot, dv)
    assert panel._model.network.layers[-1] == 1
    qtbot.mouseClick(panel.drawing.add_class_button, LEFT)
    assert panel.drawing.class_count() == 3 and panel.drawing.current_class() == 2
    click(qtbot, dv, 0.5, 0.5)
    assert panel._model.network.layers == [2, 16, 16, 3]
    assert "class 2" in dv._legend.text()
    key(qtbot, dv, Qt.Key.Key_1)
    assert panel.drawing.current_class() == 0
    with qtbot.waitSignal(panel.trainingFinished, timeout=60000) as done:
        panel.form.epochs.setValue(5)
        panel.train_button.click()
    assert done.args == ["completed"]
    assert panel.controller.last_snapshot.n_train == 5


# ------------------------------------------------------------ mid-run
def test_a_running_training_takes_points_drawn_meanwhile(panel, qtbot):
    dv = start_drawing(qtbot, panel)
    qtbot.mouseClick(panel.drawing.clear_button, LEFT)
    draw_xor(qtbot, dv)
    panel.form.epochs.setValue(100000)
    panel.set_pace(30.0)  # every epoch reported
    snaps = []
    panel.controller.snapshot.connect(lambda s: snaps.append((s.epoch, s.n_train)))
    with qtbot.waitSignal(panel.trainingStarted):
        panel.train_button.click()
    qtbot.waitUntil(lambda: any(n == 4 for _e, n in snaps), timeout=30000)
    key(qtbot, dv, Qt.Key.Key_1)
    click(qtbot, dv, 0.5, 0.5)
    assert shown_points(dv) == 5
    qtbot.waitUntil(lambda: snaps and snaps[-1][1] == 5, timeout=30000)
    grew_at = next(e for e, n in snaps if n == 5)
    assert all(n == 4 for e, n in snaps if e < grew_at)
    assert panel.state == "running"

    # a third class has no output in the running network: it waits for the end
    qtbot.mouseClick(panel.drawing.add_class_button, LEFT)
    click(qtbot, dv, -0.5, -0.5)
    assert shown_points(dv) == 6
    assert panel.message.isVisible() and "One output neuron" in panel.message.text()
    with qtbot.waitSignal(panel.trainingFinished, timeout=10000):
        panel.stop_button.click()
    assert panel._model.network.layers[-1] == 3  # idle now: one output per class
    assert len(panel.dataset().x) == 6


# ------------------------------------------------------------ saving
def test_save_points_as_csv_writes_the_rows(panel, qtbot, tmp_path, monkeypatch):
    dv = start_drawing(qtbot, panel)
    qtbot.mouseClick(panel.drawing.clear_button, LEFT)
    draw_xor(qtbot, dv)
    target = tmp_path / "xor"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV tables (*.csv)")
    )
    qtbot.mouseClick(panel.drawing.save_button, LEFT)
    lines = (tmp_path / "xor.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "x1,x2,label"
    rows = [r.split(",") for r in lines[1:]]
    np.testing.assert_allclose(
        [[float(a), float(b)] for a, b, _ in rows], [p for p, _ in XOR], atol=0.02
    )
    assert [int(c) for *_, c in rows] == [0, 0, 1, 1]
    np.testing.assert_array_equal(
        [[float(a), float(b)] for a, b, _ in rows], panel.dataset().x
    )  # exactly
    assert "saved to" in panel.drawing.status.text()

    missing = tmp_path / "no-such-folder" / "points.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    qtbot.mouseClick(panel.drawing.save_button, LEFT)
    assert "Cannot save the points" in panel.drawing.status.text()
    assert not missing.exists()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))  # cancelled
    qtbot.mouseClick(panel.drawing.save_button, LEFT)
    assert "Cannot save the points" in panel.drawing.status.text()


# ------------------------------------------------------------ the bar itself
def test_a_bare_data_view_draws_and_its_controls_explain_themselves(qtbot):
    view = DataView()
    qtbot.addWidget(view)
    tools = DrawingTools(view)
    view.set_dataset(from_points([[0, 0], [1, 1]], [0, 1]))
    view.resize(500, 500)
    view.show()
    qtbot.waitExposed(view)
    for w in (
        tools.draw_button,
        tools.add_class_button,
        tools.undo_button,
        tools.clear_button,
        tools.save_button,
        *tools._class_buttons,
    ):
        assert w.toolTip()
    assert "key 2" in tools._class_buttons[1].toolTip()
    clicked = []
    view.pointClicked.connect(clicked.append)
    tools.set_active(True)
    assert view.keep_range
    before = view.view_bounds()
    drag(qtbot, view, [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)])  # over a point: no trace, no pan
    assert view.view_bounds() == pytest.approx(before)
    assert not clicked
    assert shown_points(view) > 3  # the view shows its own points when no panel does
    for _ in range(8):
        tools.add_class()
    assert tools.class_count() == 9 and not tools.add_class_button.isEnabled()
    key(qtbot, view, Qt.Key.Key_9)
    assert tools.current_class() == 8
    tools.set_active(False)
    assert not view.keep_range and not tools.clear_button.isVisible()
    click(qtbot, view, 0.2, 0.8)  # out of draw mode clicks do not draw
    assert len(tools.points) == shown_points(view)


def test_another_lesson_ends_draw_mode(panel, qtbot):
    dv = start_drawing(qtbot, panel)
    qtbot.mouseClick(panel.drawing.clear_button, LEFT)
    draw_xor(qtbot, dv)
    assert panel.drawn_points_in_use()
    panel.load_lesson(load_lesson("circles"))
    assert not panel.drawing.is_active() and not dv.keep_range
    assert not panel.drawn_points_in_use()
    assert panel.form.data_kind.currentData() == "circles"
    assert shown_points(dv) == len(panel.dataset().x) > 4
