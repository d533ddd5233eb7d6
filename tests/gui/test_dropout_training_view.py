"""Dropout you can see (issue 16, item 5): training with dropout at 10 epochs/s
or slower, the network graph crosses out the neurons dropped in the latest
batch; at full speed, without dropout or once training stops, nothing."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.core.lessons import load_lesson
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView
from nnviz.gui.training.panel import TrainingPanel


@pytest.fixture
def lesson_panel(qtbot):
    lesson = load_lesson("regularization")  # 2-64-64-1, the lesson that names dropout
    model = NetworkModel(lesson.network)
    panel = TrainingPanel(model)
    view = NetworkView(model)
    qtbot.addWidget(panel)
    qtbot.addWidget(view)
    panel.load_lesson(lesson)
    panel.resize(420, 700)
    view.resize(900, 700)
    panel.show()
    view.show()
    panel.form.epochs.setValue(100000)
    yield panel, view
    panel.stop_and_wait()
    panel.regions_widget().close()
    panel.plots_widget().close()


def _type_dropout(panel: TrainingPanel, qtbot, text: str) -> None:
    """As a user: select the field's text and type the new p."""
    field = panel.form.dropout
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == text


def _choose_speed(panel: TrainingPanel, pace: float) -> None:
    panel.speed.setCurrentIndex(panel.speed.findData(pace))


def _expected(mask) -> set[tuple[int, int]]:
    """(graph layer, neuron) of every dropped neuron: hidden layer l is graph layer l + 1."""
    return {(li + 1, int(i)) for li, d in enumerate(mask.dropped) for i in np.flatnonzero(d)}


def test_slow_training_with_dropout_crosses_out_the_dropped_neurons(lesson_panel, qtbot):
    panel, view = lesson_panel
    _type_dropout(panel, qtbot, "0.5")
    _choose_speed(panel, 10.0)
    assert view.crossed_out() == set()
    panel.train_button.click()
    qtbot.waitUntil(lambda: len(view.crossed_out()) > 0, timeout=30000)
    # hold still to compare: no snapshot comes while paused
    panel.pause_button.click()
    qtbot.wait(400)
    view.flush()
    mask = panel.controller.last_snapshot.dropout
    assert mask is not None and mask.p == [0.5, 0.5]
    assert panel.dropout_shown() is mask
    assert view.crossed_out() == _expected(mask)
    assert len(view.crossed_out()) == mask.count
    # p = 0.5 over 128 hidden neurons: some dropped, many kept
    assert 20 < mask.count < 108
    assert all(layer in (1, 2) for layer, _ in view.crossed_out())  # hidden neurons only
    assert "dropped this batch (dropout p = 0.5" in view.shown_note()
    assert view.dropped_tip() == "dropped this batch (dropout p = 0.5)"
    layer, i = next(iter(view.crossed_out()))
    tip = view.tooltip_at(_neuron_point(view, layer, i))
    assert "dropped this batch (dropout p = 0.5)" in tip

    # faster than 10 epochs/s: the graph is whole again at once, and stays so
    _choose_speed(panel, 30.0)
    assert view.crossed_out() == set()
    assert panel.dropout_shown() is None
    panel.resume_button.click()
    updates = panel.controller.last_snapshot.updates
    qtbot.waitUntil(lambda: panel.controller.last_snapshot.updates > updates + 3, timeout=30000)
    assert panel.controller.last_snapshot.dropout is None  # nothing recorded at this speed
    assert view.crossed_out() == set()

    # slow again: the masks come back; Stop clears them
    _choose_speed(panel, 3.0)
    qtbot.waitUntil(lambda: len(view.crossed_out()) > 0, timeout=30000)
    with qtbot.waitSignal(panel.trainingFinished, timeout=30000):
        panel.stop_button.click()
    view.flush()
    assert view.crossed_out() == set()
    assert "dropped this batch" not in view.shown_note()


def test_without_dropout_or_at_full_speed_nothing_is_crossed_out(lesson_panel, qtbot):
    panel, view = lesson_panel
    seen = []
    panel.controller.snapshot.connect(lambda snap: seen.append(snap.dropout))
    _choose_speed(panel, 10.0)  # dropout 0 (the lesson's own setting)
    panel.train_button.click()
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=30000)
    view.flush()
    assert view.crossed_out() == set() and all(m is None for m in seen)
    with qtbot.waitSignal(panel.trainingFinished, timeout=30000):
        panel.stop_button.click()
    seen.clear()
    _type_dropout(panel, qtbot, "0.5")
    _choose_speed(panel, 0.0)  # full speed
    panel.form.epochs.setValue(300)
    with qtbot.waitSignal(panel.trainingFinished, timeout=60000):
        panel.train_button.click()
    view.flush()
    assert seen and all(m is None for m in seen)
    assert view.crossed_out() == set()


def _neuron_point(view: NetworkView, layer: int, i: int):
    from PySide6.QtCore import QPointF

    lay, _ = view._layout_for(view.width(), view.height())
    x, y = lay.positions[layer][i]
    return QPointF(float(x), float(y))


def test_the_view_draws_a_training_mask_as_the_slides_thinned_network(qtbot):
    from nnviz.core.model.network import Network

    model = NetworkModel(Network.initialised([2, 4, 3, 1], "tanh", seed=1))
    view = NetworkView(model)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.flush()
    plain = view.grab().toImage()
    assert view.crossed_out() == set() and "dropped" not in view.shown_note()
    dropped = [np.array([True, False, False, True]), np.array([False, True, False])]
    model.set_masks(dropped, [0.5, 0.5])
    view.flush()
    assert view.crossed_out() == {(1, 0), (1, 3), (2, 1)}
    # edges touching a dropped neuron: 2·2 in, 2·3 + 2 between the hidden layers
    # (the kept ones to h⁽²⁾₂), 1 out; left out of the picture and said so
    left_out = 4 + (2 * 3 + 2 * 1) + 1
    assert f"{model.network.n_edges - left_out} of {model.network.n_edges} edges" in view.shown_note()
    assert "✕ 3 neurons dropped this batch (dropout p = 0.5" in view.shown_note()
    thinned = view.grab().toImage()
    assert thinned != plain
    # a mask without p (the stepper's): the old look, faint edges and no batch words
    model.set_masks(dropped)
    view.flush()
    assert view.crossed_out() == {(1, 0), (1, 3), (2, 1)}
    assert "dropped this batch" not in view.shown_note()
    assert view.dropped_tip() == "switched off by dropout"
    model.set_masks([])
    view.flush()
    assert view.crossed_out() == set()
    assert view.grab().toImage() == plain
