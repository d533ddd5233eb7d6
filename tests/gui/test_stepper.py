"""The lecture stepper: keys drive it, the formula and the graph follow,
back restores the weights bit for bit, PyTorch agrees to 1e-12."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.core.lessons import lesson_names, load_lesson
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture._stepper_controls import ACTION_NAMES
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView


def _make(qtbot, name: str = "backprop-2-2-2", lang: str = "es"):
    lesson = load_lesson(name)
    model = NetworkModel(lesson.network)
    nv = NetworkView(model)
    dv = DataView()
    panel = StepperPanel(model, nv, dv, lang=lang)
    for w in (nv, dv, panel):
        qtbot.addWidget(w)
    panel.load_lesson(lesson)
    panel.resize(800, 700)
    return panel, model, nv, dv


def _params(model: NetworkModel):
    net = model.network
    return [w.copy() for w in net.weights], [b.copy() for b in net.biases]


def _same_params(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a[0] + a[1], b[0] + b[1], strict=True))


def test_space_and_right_step_on_and_the_formula_and_graph_follow(qtbot):
    panel, model, nv, _ = _make(qtbot)
    assert panel.walk().pos == -1
    qtbot.keyClick(panel, Qt.Key.Key_Space)
    step = panel.walk().step()
    assert step.formula_id == "net" and step.index == 0
    assert panel.formula.caption().startswith("1. ")
    assert "0{,}15" in panel.formula.lines_latex()[1]  # ω₁₁ = 0,15 substituted
    assert nv.highlighted() == (set(step.neurons), set(step.edges))
    assert np.isnan(model.activations[1][0])  # h₁ not computed yet: only its net input
    qtbot.keyClick(panel, Qt.Key.Key_Right)
    assert panel.walk().step().formula_id == "out"
    assert model.activations[1][0] == pytest.approx(0.593269992, abs=1e-9)
    assert "0{,}5933" in panel.formula.lines_latex()[-1]
    assert panel.outline.current() == 1


def test_left_restores_the_weights_bit_for_bit_across_updates(qtbot):
    panel, model, _, _ = _make(qtbot, "mlp-xor")
    seen = [_params(model)]
    n = 2 * len(panel.walk().trace) + 3
    for _ in range(n):
        qtbot.keyClick(panel, Qt.Key.Key_Space)
        seen.append(_params(model))
    assert panel.walk().update_number == 3
    assert not _same_params(seen[-1], seen[0])
    for earlier in reversed(seen[:-1]):
        qtbot.keyClick(panel, Qt.Key.Key_Left)
        assert _same_params(_params(model), earlier)
    assert not panel.action("back").isEnabled()


def test_after_an_update_pytorch_agrees_to_1e_12(qtbot):
    panel, model, _, _ = _make(qtbot)
    assert panel.torch_panel.max_difference() is None
    panel.action("finish").trigger()
    diff = panel.torch_panel.max_difference()
    assert diff is not None and diff < 1e-12
    assert "loss.backward()" in panel.torch_panel.code.toPlainText()
    assert "optimizer.step()" in panel.torch_panel.code.toPlainText()
    assert panel.torch_panel.table.rowCount() == 8  # the 8 weights (biases frozen)
    assert panel.torch_panel.table.item(4, 1).text() == "0,3589164797"  # ω⁽²⁾₁₁ by hand
    assert panel.bottom.currentWidget() is panel.torch_panel
    qtbot.keyClick(panel, Qt.Key.Key_Space)  # next update begins: the comparison goes
    assert panel.torch_panel.max_difference() is None


def test_the_error_plot_gains_one_point_per_finished_update(qtbot):
    panel, _, _, _ = _make(qtbot, "mlp-xor")
    assert panel.error_plot.count() == 0
    for k in range(1, 4):
        panel.finish_update()
        assert panel.error_plot.count() == k
        panel.next_sample()  # a new update begins on the next sample: not finished yet
        assert panel.error_plot.count() == k
        assert panel.walk().sample == (1 + k) % 4  # the lesson starts at sample 1


def test_the_outline_jumps_to_a_slide_step_when_clicked(qtbot):
    panel, _, nv, _ = _make(qtbot)
    panel.show()
    qtbot.waitExposed(panel)
    item = panel.outline.item_for(6)
    rect = panel.outline.visualItemRect(item)
    qtbot.mouseClick(panel.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    step = panel.walk().step()
    assert step.slide_step == 6 and step.formula_id == "delta_hidden"
    assert panel.outline.current() == 6
    assert nv.highlighted()[1] == set(step.edges)


def test_granularity_per_layer_and_per_update(qtbot):
    panel, model, _, _ = _make(qtbot)
    panel.granularity.setCurrentIndex(panel.granularity.findData("layer"))
    panel.step_forward()
    assert panel.walk().step().formula_id == "net" and panel.walk().step().granularity == "layer"
    assert not np.any(np.isnan(panel.walk().state().net_inputs[1]))
    panel.set_granularity("update")
    panel.reset()
    panel.step_forward()
    assert panel.walk().at_end() and panel.error_plot.count() == 1
    assert model.network.weights[1][0, 0] == pytest.approx(0.35891648, abs=1e-8)


def test_play_steps_by_itself_and_pause_stops_it(qtbot):
    panel, _, _, _ = _make(qtbot)
    panel.set_speed(20)
    panel.action("play").trigger()
    assert panel.is_playing() and not panel.action("play").isEnabled()
    qtbot.waitUntil(lambda: panel.walk().pos >= 2, timeout=3000)
    panel.action("pause").trigger()
    pos = panel.walk().pos
    qtbot.wait(200)
    assert not panel.is_playing() and panel.walk().pos == pos


def test_reset_goes_back_to_the_lesson_weights(qtbot):
    panel, model, _, _ = _make(qtbot)
    start = _params(model)
    panel.next_sample()
    assert not _same_params(_params(model), start)
    qtbot.keyClick(panel, Qt.Key.Key_R)
    assert _same_params(_params(model), start)
    assert panel.walk().pos == -1 and panel.error_plot.count() == 0


def test_actions_carry_the_lecture_shortcuts(qtbot):
    panel, _, _, _ = _make(qtbot)
    acts = panel.toolbar_actions()
    assert [a.objectName() for a in acts] == [f"stepper_{n}" for n in ACTION_NAMES]
    keys = {a.objectName(): [s.toString() for s in a.shortcuts()] for a in acts}
    assert keys["stepper_step"] == ["Space", "Right"]
    assert keys["stepper_back"] == ["Left"]
    assert keys["stepper_reset"] == ["R"]
    assert all(a.text() for a in acts)


def test_train_epochs_solves_xor_and_draws_the_hidden_lines(qtbot):
    panel, model, _, dv = _make(qtbot, "mlp-xor")
    assert len(dv.lines()) == 2  # one line per hidden neuron
    before = dv.lines()
    assert dv.region_image() is not None
    panel.train_seconds = 0.3  # the paced Train, quicker than a class would want it
    panel.action("train").trigger()
    qtbot.waitUntil(lambda: not panel.is_training(), timeout=20_000)
    assert dv.lines() != before
    ds = load_lesson("mlp-xor").dataset()
    out = model.network.forward(ds.x)[-1].ravel()
    assert np.array_equal(out > 0.5, ds.y == 1)
    assert panel.error_plot.count() > 1000


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("name", [n for n in lesson_names() if load_lesson(n).mode != "train"])
def test_every_lesson_opens_in_both_languages(qtbot, name, lang):
    panel, _, _, _ = _make(qtbot, name, lang)
    for _ in range(8):
        panel.step_forward()
    assert panel.formula.errors == []
    numbers = "".join(panel.formula.lines_latex())
    if lang == "es":
        assert "." not in numbers.replace(r"\cdot", "").replace(r"\ldots", "")
    else:
        assert "{,}" not in numbers
    panel.finish_update()
    assert panel.formula.errors == []


def test_the_presentation_scale_reaches_every_part(qtbot):
    panel, _, _, _ = _make(qtbot)
    panel.step_forward()
    small = panel.formula.sizeHint().height()
    panel.set_scale(2.0)
    assert panel.formula.scale() == 2.0
    assert panel.formula.sizeHint().height() > 1.6 * small
    assert panel.status.font().pointSizeF() == pytest.approx(20.0)


def test_a_hand_edit_of_a_weight_is_where_the_next_update_starts(qtbot):
    panel, model, _, _ = _make(qtbot, "mlp-xor")
    panel.step_forward()
    model.edit_weight(1, 0, 0, 2.0)  # the lecturer clicks an edge and types 2
    panel.step_forward()
    assert panel.walk().trace.network_before.weights[1][0, 0] == 2.0
    assert model.network.weights[1][0, 0] == 2.0
    assert panel.walk().pos == -1 or panel.walk().pos == 0


def test_a_network_of_another_shape_turns_the_stepper_off(qtbot):
    from nnviz.core.model.network import Network

    panel, model, _, _ = _make(qtbot, "mlp-xor")
    model.set_network(Network.initialised([3, 4, 2], "tanh", seed=0))
    qtbot.keyClick(panel, Qt.Key.Key_Space)
    qtbot.keyClick(panel, Qt.Key.Key_Left)
    assert model.network.layers == [3, 4, 2]
    assert panel.walk() is None
    panel.set_lang("en")
    assert model.network.layers == [3, 4, 2]
    panel.load_lesson(load_lesson("perceptron-xor"))
    assert model.network.layers == [2, 1]
    panel.step_forward()
    assert panel.perceptron.walk().at_end()  # perceptron-xor steps one sample at a time


@pytest.mark.parametrize("module", ["nnviz.gui.lecture.stepper", "nnviz.gui.lecture.perceptron", "nnviz.gui.lecture.formula_view"])
def test_each_panel_opens_alone(tmp_path, module):
    import os
    import subprocess
    import sys

    from PySide6.QtGui import QImage

    out = tmp_path / "panel.png"
    args = [sys.executable, "-m", module, "--grab", str(out)]
    if module != "nnviz.gui.lecture.formula_view":
        args[3:3] = ["--steps", "3"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(args, check=True, env=env, capture_output=True, timeout=120)
    img = QImage(str(out))
    assert img.width() > 800 and img.height() > 200


def test_a_training_lesson_clears_the_formula_at_once(qtbot):
    panel, model, _, _ = _make(qtbot, "mlp-xor")
    panel.step_forward()
    model.set_network(load_lesson("spiral").network)  # the main window opens a training lesson
    assert panel.walk() is None
    assert panel.formula.lines_latex() == []
    assert "lesson" in panel.formula.caption()


def test_step_6_writes_on_the_edges_the_old_weights_its_formula_uses(qtbot):
    panel, model, nv, _ = _make(qtbot)
    while panel.walk().step() is None or panel.walk().step().formula_id != "delta_hidden":
        qtbot.keyClick(panel, Qt.Key.Key_Space)
    step = panel.walk().step()
    wl, j, k = next(iter(step.edges))
    # step 5 has already written the new ω⁽²⁾ on the graph (0,40 became 0,3589 in the
    # classic example); the lit edge shows the 0,40 that δ of the hidden neuron uses
    old = load_lesson("backprop-2-2-2").network.weights[wl][j, k]
    assert model.network.weights[wl][j, k] != pytest.approx(old)
    assert _number(nv.edge_label(wl, j, k)) == pytest.approx(old, abs=0.005)
    while panel.walk().step().formula_id != "w_update":
        qtbot.keyClick(panel, Qt.Key.Key_Space)
    wl, j, k = next(iter(panel.walk().step().edges))  # ω ← ω + Δω shows the new value
    assert _number(nv.edge_label(wl, j, k)) == pytest.approx(model.network.weights[wl][j, k], abs=0.005)


def _number(label: str) -> float:
    """A label as the view writes it (decimal comma or point, real minus) as a float."""
    return float(label.replace(",", ".").replace("\u2212", "-"))
