"""Overfitting lesson: it starts in slow motion, and after early stopping the lecturer flips
between the best (restored) and the last (memorised) weights."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from nnviz.core.lessons import load_lesson
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training.panel import TrainingPanel


def _same(a, b) -> bool:
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_lessons_a_class_can_watch_start_slowly(qtbot):
    lesson = load_lesson("overfitting")
    panel = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(panel)
    for name, text in (("overfitting", "30 epochs/s"), ("batch-size", "10 epochs/s")):
        panel.load_lesson(load_lesson(name))
        assert panel.speed.currentText() == text


def test_after_early_stopping_the_toggle_flips_between_best_and_last_weights(qtbot):
    lesson = load_lesson("overfitting")
    model = NetworkModel(lesson.network)
    panel = TrainingPanel(model)
    qtbot.addWidget(panel)
    panel.load_lesson(lesson)
    panel.resize(420, 700)
    panel.show()
    toggle = panel.best_last
    assert toggle.isHidden()
    panel.set_pace(0)  # full speed for the test
    try:
        with qtbot.waitSignal(panel.trainingFinished, timeout=120000) as done:
            panel.train_button.click()
        assert done.args == ["early_stopping"]
        snap = panel._last_snapshot
        assert snap is not None and snap.last_weights is not None
        assert not toggle.isHidden() and not toggle.isChecked()
        assert f"({snap.epoch})" in toggle.text() and f"({snap.best_epoch})" in toggle.text()
        best = [w.copy() for w in model.network.weights]
        assert _same(best, snap.weights)  # the restored best weights are on show

        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        assert toggle.isChecked()
        assert _same(model.network.weights, snap.last_weights)  # the memorised boundary
        assert _same(model.network.biases, snap.last_biases)

        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        assert not toggle.isChecked() and _same(model.network.weights, best)

        # a new run takes the choice away (its own early stop may offer it again)
        panel.set_pace(1)
        with qtbot.waitSignal(panel.trainingStarted, timeout=10000):
            panel.train_button.click()
        assert toggle.isHidden()
    finally:
        panel.stop_and_wait()
