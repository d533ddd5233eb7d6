"""The stepper's Train runs at a pace a class can follow (issue 18, point 8):
XOR's 300 epochs spread over seconds, the graph redrawn as they go, the same
weights as training them in one go, and any move stops it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from nnviz.core.lecture.stepping import walk_for_lesson
from nnviz.core.lessons import load_lesson
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView


def _panel(qtbot, seconds: float):
    lesson = load_lesson("mlp-xor")
    model = NetworkModel(lesson.network)
    nv, dv = NetworkView(model), DataView()
    panel = StepperPanel(model, nv, dv, lang="en")
    for w in (nv, dv, panel):
        qtbot.addWidget(w)
    panel.load_lesson(lesson)
    panel.train_seconds = seconds
    panel.show()
    return lesson, model, panel


def _params(net) -> np.ndarray:
    return np.concatenate([a.ravel() for a in [*net.weights, *net.biases]])


def test_train_runs_over_frames_and_ends_where_one_call_would(qtbot):
    lesson, model, panel = _panel(qtbot, seconds=0.5)
    epochs = int(lesson.stepper["train_epochs"])
    seen: list[np.ndarray] = []
    model.weightsChanged.connect(lambda: seen.append(_params(model.network)))
    panel.action("train").trigger()
    # a few epochs done at once, the rest to come: the button says Stop meanwhile
    assert panel.is_training()
    assert panel.train_button.text() == "Stop training"
    qtbot.waitUntil(lambda: not panel.is_training(), timeout=20_000)
    assert panel.train_button.text() == f"Train {epochs} epochs"
    # the graph was redrawn along the way, not only at the end
    assert len({p.tobytes() for p in seen}) > 5
    # exactly the updates of one call of the core's train_epochs
    reference = walk_for_lesson(lesson, lang="en")
    reference.train_epochs(epochs)
    np.testing.assert_array_equal(_params(model.network), _params(reference.trace.network_before))
    assert panel.walk().update_number == reference.update_number


def test_train_again_or_a_step_stops_it_where_it_is(qtbot):
    lesson, model, panel = _panel(qtbot, seconds=30.0)
    panel.action("train").trigger()
    qtbot.wait(200)
    panel.action("train").trigger()  # T again: stop
    assert not panel.is_training()
    stopped_at = panel.walk().update_number
    assert 1 < stopped_at < 300 * 4
    qtbot.wait(200)
    assert panel.walk().update_number == stopped_at  # nothing more happens
    panel.action("train").trigger()
    qtbot.wait(100)
    qtbot.keyClick(panel, Qt.Key.Key_Space)  # a step stops it too, and is a step
    assert not panel.is_training()
    walk = panel.walk()
    assert walk.pos == 0
