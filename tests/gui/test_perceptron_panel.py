"""Perceptron mode: the decision line moves with each correction; AND
converges, XOR never settles and the panel says why."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.core.lessons import load_lesson
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView


def _make(qtbot, name: str, lang: str = "es"):
    lesson = load_lesson(name)
    model = NetworkModel(lesson.network)
    nv = NetworkView(model)
    dv = DataView()
    panel = StepperPanel(model, nv, dv, lang=lang)
    for w in (nv, dv, panel):
        qtbot.addWidget(w)
    panel.load_lesson(lesson)
    return panel, model, nv, dv


def test_the_page_and_the_first_state_show_the_decision_line(qtbot):
    panel, model, _, dv = _make(qtbot, "perceptron-and")
    assert panel.mode() == "perceptron"
    assert panel.pages.currentWidget() is panel.perceptron
    assert dv.lines() == [(0.5, -0.4, 0.2, "0 = w·x + b")]
    assert "0 = 0{,}5\\,x_{1}" in panel.formula.lines_latex()[2]


def test_each_correction_moves_the_line_and_rings_the_point_that_caused_it(qtbot):
    panel, model, nv, dv = _make(qtbot, "perceptron-xor")
    assert panel.granularity.currentData() == "layer"  # the lesson's choice: one sample per step
    panel.granularity.setCurrentIndex(panel.granularity.findData("scalar"))
    qtbot.keyClick(panel, Qt.Key.Key_Space)  # a = w·x + b
    walk = panel.perceptron.walk()
    assert walk.step().formula_id == "perceptron_net"
    assert nv.highlighted()[1] == {(0, 0, 0), (0, 1, 0)}
    for _ in range(2):
        qtbot.keyClick(panel, Qt.Key.Key_Space)  # y = f(a), then d - y
    assert walk.step().formula_id == "perceptron_error" and walk.caused_update()
    assert list(dv.marked()) == [walk.sample]
    line = dv.lines()[0]
    for _ in range(3):  # w1, w2, b
        qtbot.keyClick(panel, Qt.Key.Key_Space)
    assert walk.step().formula_id == "perceptron_b"
    assert dv.lines()[0] != line
    w = model.network.weights[0][:, 0]
    assert dv.lines()[0][:3] == (w[0], w[1], model.network.biases[0][0])
    # the rule with its numbers: b ← 0,2 + 0,25·(−2) = −0,3
    assert panel.formula.lines_latex()[1].startswith(r"b \leftarrow")
    assert "(-0{,}3)" in panel.formula.lines_latex()[2]
    qtbot.keyClick(panel, Qt.Key.Key_Left)
    assert dv.lines()[0][2] == pytest.approx(0.2)


def test_and_converges_and_the_panel_says_so(qtbot):
    panel, model, _, dv = _make(qtbot, "perceptron-and", "en")
    panel.action("train").trigger()
    rep = panel.perceptron.report()
    assert rep.converged
    assert "Converged" in panel.perceptron.verdict.text()
    ds = load_lesson("perceptron-and").dataset()
    out = model.network.forward(ds.x)[-1].ravel()
    assert np.array_equal(out > 0, ds.y == 1)


def test_xor_never_settles_and_the_panel_says_why(qtbot):
    panel, _, _, _ = _make(qtbot, "perceptron-xor", "en")
    panel.set_granularity("update")
    panel.set_speed(20)
    panel.play()
    qtbot.waitUntil(lambda: not panel.is_playing(), timeout=15000)
    rep = panel.perceptron.report()
    assert rep.gave_up and not rep.converged
    text = panel.perceptron.verdict.text()
    assert "not linearly separable" in text and "10 epochs" in text
    assert "circle" in text  # the weights came back to an earlier epoch's


def test_per_sample_granularity_and_back_across_samples(qtbot):
    panel, model, _, _ = _make(qtbot, "perceptron-and")
    panel.set_granularity("layer")
    start = model.network.weights[0].copy()
    panel.step_forward()
    walk = panel.perceptron.walk()
    assert walk.at_end() and walk.sample == 0
    panel.step_forward()
    assert walk.at_end() and walk.sample == 1
    panel.step_back()
    panel.step_back()
    assert walk.sample == 0
    panel.step_back()
    assert np.array_equal(model.network.weights[0], start)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_both_languages(qtbot, lang):
    panel, _, _, _ = _make(qtbot, "perceptron-xor", lang)
    panel.step_forward()
    text = "".join(panel.formula.lines_latex())
    assert ("{,}" in text) == (lang == "es")
    assert panel.formula.errors == []


def test_the_mistake_counts_as_soon_as_d_minus_y_is_known(qtbot):
    panel, _, _, _ = _make(qtbot, "perceptron-and", "en")
    for _ in range(2):  # a, then y: the error is not known yet
        panel.step_forward()
    assert "so far: 0" in panel.perceptron.epoch_label.text()
    panel.step_forward()  # d - y = -2: a mistake
    assert "so far: 1" in panel.perceptron.epoch_label.text()
