"""The stepper shows the chain rule before δ, steps a softmax network with the
cross-entropy, and a dropout switch changes what one update shows."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from nnviz.core.lecture.lecture_renderer import chain_factors
from nnviz.core.lessons import lesson_names, load_lesson
from nnviz.core.session.record import Session, load_session, save_session
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView


def _make(qtbot, name: str, lang: str = "en"):
    lesson = load_lesson(name)
    model = NetworkModel(lesson.network)
    nv = NetworkView(model)
    panel = StepperPanel(model, nv, None, lang=lang)
    for w in (nv, panel):
        qtbot.addWidget(w)
    panel.load_lesson(lesson)
    panel.resize(900, 700)
    return panel, model, nv


def _step_to(qtbot, panel, formula_id: str) -> None:
    for _ in range(200):
        qtbot.keyClick(panel, Qt.Key.Key_Space)
        if panel.walk().step().formula_id == formula_id:
            return
    raise AssertionError(f"no {formula_id} step")


def test_the_chain_rule_step_shows_its_factors_before_delta(qtbot):
    panel, _, nv = _make(qtbot, "backprop-2-2-2")
    _step_to(qtbot, panel, "chain_rule")
    walk = panel.walk()
    assert not any(s.formula_id == "delta_out" for s in walk.trace.steps[: walk.pos])
    fac = chain_factors(walk.trace.data, 0, 0)
    shown = " ".join(panel.formula.lines_latex())
    assert r"\partial E" in shown and r"-\delta_{y_{1}}" in shown
    for value in (fac["dE_dy"], fac["dy_dnet"], fac["dnet_dw"], fac["dE_dw"]):
        assert f"{abs(value):.4g}" in shown, (value, shown)
    assert "Chain rule" in panel.formula.caption() and "δ = −∂E/∂net" in panel.formula.caption()
    # the grey line: the slide's form of the derivation
    text, latex = panel.formula.note()
    assert text and r"-\delta_k\,h_j" in latex
    assert panel.formula.errors == []
    step = walk.step()
    assert nv.highlighted() == (set(step.neurons), set(step.edges))
    # the next step names the product: δ_k
    qtbot.keyClick(panel, Qt.Key.Key_Space)
    assert walk.step().formula_id in ("chain_rule", "delta_out")


def test_step_six_shows_the_slides_literal_form_and_why(qtbot):
    panel, _, _ = _make(qtbot, "backprop-2-2-2")
    _step_to(qtbot, panel, "delta_hidden")
    _, latex = panel.formula.note()
    assert r"\sum_{j=1}^{m}\delta_j\,\omega_{ij}" in latex and r"\sum_{k=1}^{m}\delta_k\,\omega_{jk}" in latex
    assert "Σₖ δₖ ωⱼₖ" in panel.formula.remark()
    assert panel.formula.errors == []


def test_the_softmax_lesson_is_stepped_and_pytorch_agrees(qtbot):
    names = lesson_names()
    assert names.index("softmax-2-3-3") == names.index("backprop-2-2-2") + 1
    panel, model, _ = _make(qtbot, "softmax-2-3-3")
    lesson = load_lesson("softmax-2-3-3")
    assert lesson.title_in("es") != lesson.title_in("en")
    _step_to(qtbot, panel, "out")
    _step_to(qtbot, panel, "error")
    shown = " ".join(panel.formula.lines_latex())
    assert r"\log" in shown and f"{panel.walk().trace.error:.4g}" in shown
    assert "Cross-entropy" in panel.formula.caption()
    _step_to(qtbot, panel, "delta_out")
    assert panel.formula.lines_latex()[0] == r"\delta_{y_{1}} = d_{1}-y_{1}"
    assert "∂E/∂net" in panel.formula.remark()  # says which sign convention is shown
    panel.finish_update()
    assert panel.torch_panel.max_difference() < 1e-12
    assert f"({panel.torch_panel.tr('equal')})" in panel.torch_panel.diff_label.text()
    assert "log_softmax" in panel.torch_panel.code.toPlainText()
    assert panel.formula.errors == []


def test_the_dropout_switch_shows_the_mask_in_the_update(qtbot):
    panel, model, nv = _make(qtbot, "mlp-xor")
    assert not any(s.formula_id == "dropout" for s in panel.walk().trace.steps)
    assert panel.dropout_box.isEnabled() and not panel.dropout_box.isChecked()
    assert panel.dropout_p.value() == 0.5 and panel.dropout_box.toolTip()
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.mouseClick(panel.dropout_box, Qt.MouseButton.LeftButton, pos=panel.dropout_box.rect().center())
    assert panel.dropout() == 0.5
    walk = panel.walk()
    masks = walk.dropout_masks()
    assert masks is not None and walk.pos == -1
    # the model carries the dropped neurons of this update (the graph marks them)
    np.testing.assert_array_equal(model.masks[1], masks.masks[1] == 0)
    _step_to(qtbot, panel, "dropout")
    shown = " ".join(panel.formula.lines_latex())
    assert r"\tilde{h}_{1}" in shown and "1-0.5" in shown
    assert "mask m" in panel.formula.caption()
    assert nv.highlighted()[0] == {(1, 0)}
    # the same seed gives the same mask: switch off and on again
    first = masks.masks[1].copy()
    panel.set_dropout(None)
    assert walk.dropout_masks() is None and model.masks == []
    panel.set_dropout(0.5)
    np.testing.assert_array_equal(walk.dropout_masks().masks[1], first)
    panel.finish_update()
    assert panel.torch_panel.max_difference() < 1e-12


def test_a_saved_session_keeps_the_dropout_setting(qtbot, tmp_path):
    panel, model, _ = _make(qtbot, "mlp-xor")
    panel.set_dropout(0.3)
    lesson = panel.lesson()
    path = tmp_path / "s.nnviz"
    save_session(Session(lesson, model.network.copy()), path)
    back = load_session(path)
    other, _, _ = _make(qtbot, "mlp-xor")
    other.load_lesson(back.lesson)
    assert other.dropout() == 0.3 and other.dropout_box.isChecked() and other.dropout_p.value() == 0.3
    np.testing.assert_array_equal(other.walk().dropout_masks().masks[1], panel.walk().dropout_masks().masks[1])


def test_the_window_saves_and_reopens_the_stepper_dropout(qtbot, tmp_path):
    from tests.gui.conftest import open_window

    first = open_window(qtbot, "mlp-xor", activate=True)
    first.persist_state = False
    second = None
    try:
        first.stepper.set_dropout(0.25)
        for _ in range(3):
            first.stepper.step_forward()
        path = tmp_path / "dropout.nnviz"
        assert first.save_session(str(path))
        second = open_window(qtbot, "perceptron-and", activate=True)
        second.persist_state = False
        assert second.open_session(str(path))
        st = second.stepper
        assert st.dropout() == 0.25 and st.dropout_box.isChecked() and st.dropout_p.value() == 0.25
        assert st.walk().pos == first.stepper.walk().pos
        np.testing.assert_array_equal(st.walk().dropout_masks().masks[1],
                                      first.stepper.walk().dropout_masks().masks[1])
    finally:
        for w in (first, second):
            if w is not None:
                w.shutdown(save_state=False)
                w.close()
