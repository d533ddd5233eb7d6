"""Hand edits while the stepper is halfway through an update, and their undo.

The lecturer steps into an update, edits a weight on the graph, then presses
Ctrl+Z: the update starts again from the weights it started from (with the
edit), and undo gives back exactly the lecture's worked example.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.core.lessons import load_lesson
from nnviz.gui import i18n
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView
from tests.gui.conftest import open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _params(net):
    return [w.copy() for w in net.weights], [b.copy() for b in net.biases]


def _same(net, params) -> bool:
    return all(np.array_equal(a, b) for a, b in zip(net.weights + net.biases, params[0] + params[1], strict=True))


@pytest.fixture
def window(qtbot):
    win = open_window(qtbot, "backprop-2-2-2", "es", activate=True)  # the keys go to the window
    win.persist_state = False
    yield win
    win.shutdown(save_state=False)
    win.close()
    i18n.set_language("en")


def _edit_edge(view, qtbot, layer, j, k, text):
    """Click the edge, type a value, Enter (as the reviewer did)."""
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.edge_point(layer, j, k, 0.3).toPoint())
    assert view.is_editing()
    view.editor().selectAll()
    qtbot.keyClicks(view.editor(), text)
    qtbot.keyClick(view.editor(), Qt.Key.Key_Return)


def _step_to(win, qtbot, formula_id, sets):
    """Press Space until the formula that sets ``sets`` is on show."""
    walk = win.stepper.walk()
    for _ in range(len(walk.trace) + 1):
        step = walk.step()
        if step is not None and step.formula_id == formula_id and step.sets == sets:
            return step
        qtbot.keyClick(win, Qt.Key.Key_Space)
        walk = win.stepper.walk()
    raise AssertionError(f"no formula {formula_id} {sets}")


def _shows_classic_update_1(win, qtbot):
    """Update 1 from its start, with the lecture's numbers."""
    walk = win.stepper.walk()
    assert walk.pos == -1 and walk.update_number == 1
    assert win.stepper.status.text().startswith("Actualización 1 ")
    _step_to(win, qtbot, "net", ("net", 2, 0))
    latex = win.stepper.formula.lines_latex()[1]
    assert "{}0{,}4{}\\cdot {}0{,}5933{}" in latex  # ω⁽²⁾₁₁ h₁ as on the slide
    assert "{}0{,}45{}\\cdot {}0{,}5969{}" in latex  # ω⁽²⁾₂₁ h₂
    assert "0{,}3589" not in latex and "0{,}4087" not in latex
    qtbot.keyClick(win, Qt.Key.Key_Space)
    assert win.stepper.walk().step().sets == ("out", 2, 0)
    assert "0{,}7514" in win.stepper.formula.lines_latex()[-1]  # y₁ = 0,7514
    assert win.model.activations[2][0] == pytest.approx(0.75136507, abs=1e-8)


def test_edit_at_formula_20_then_ctrl_z_gives_back_the_classic_example(window, qtbot):
    lesson = load_lesson("backprop-2-2-2")
    classic = _params(lesson.network)
    view = window.network_view
    for _ in range(22):  # formula 20 of the summary, 22 with the chain rule of each output
        qtbot.keyClick(window, Qt.Key.Key_Space)
    walk = window.stepper.walk()
    assert walk.pos == 21 and walk.step().formula_id == "delta_hidden"
    assert window.model.network.weights[1][0, 0] == pytest.approx(0.35891648, abs=1e-8)  # updated already
    _edit_edge(view, qtbot, 0, 0, 0, "99")
    # the update starts again from the weights it started from, with the edit
    qtbot.waitUntil(lambda: window.stepper.walk().pos == -1)
    edited = _params(lesson.network)
    edited[0][0][0, 0] = 99.0
    assert _same(window.model.network, edited)
    assert window.stepper.walk().trace.network_before.weights[0][0, 0] == 99.0
    assert window.stepper.status.text().startswith("Actualización 1 ")
    assert window.stepper.formula.note()[0]  # says why the update starts again
    # Ctrl+Z on the graph, where the edit was made
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _same(window.model.network, classic))
    _shows_classic_update_1(window, qtbot)


def test_undo_of_an_edit_to_an_updated_weight_is_exact_and_redo_comes_back(window, qtbot):
    """ω⁽²⁾₁₁ shows its updated 0,3589 at formula 20: undo must not put that
    half-updated value into the start of the update."""
    classic = _params(load_lesson("backprop-2-2-2").network)
    view = window.network_view
    for _ in range(20):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    _edit_edge(view, qtbot, 1, 0, 0, "2")
    qtbot.waitUntil(lambda: window.stepper.walk().pos == -1)
    with_edit = _params(load_lesson("backprop-2-2-2").network)
    with_edit[0][1][0, 0] = 2.0
    assert _same(window.model.network, with_edit)
    window.act_undo.trigger()  # Edit → Undo
    qtbot.waitUntil(lambda: _same(window.model.network, classic))
    assert window.stepper.walk().pos == -1 and window.stepper.walk().update_number == 1
    window.act_redo.trigger()  # Edit → Redo: the update starts from the edit again
    qtbot.waitUntil(lambda: _same(window.model.network, with_edit))
    assert window.stepper.walk().pos == -1
    _step_to(window, qtbot, "net", ("net", 2, 0))
    assert "{}2{}\\cdot {}0{,}5933{}" in window.stepper.formula.lines_latex()[1]
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: _same(window.model.network, classic))
    _shows_classic_update_1(window, qtbot)


# ------------------------------------------------------------ the panel alone
def _panel(qtbot, name="backprop-2-2-2"):
    lesson = load_lesson(name)
    model = NetworkModel(lesson.network)
    nv = NetworkView(model)
    dv = DataView()
    panel = StepperPanel(model, nv, dv, lang="es")
    for w in (nv, dv, panel):
        qtbot.addWidget(w)
    panel.load_lesson(lesson)
    return panel, model


def test_an_edit_at_the_end_of_an_update_starts_the_next_update_from_it(qtbot):
    panel, model = _panel(qtbot, "mlp-xor")
    panel.finish_update()
    walk = panel.walk()
    updated = _params(walk.network())
    sample = walk.sample
    model.edit_weight(1, 1, 0, 3.0)
    qtbot.waitUntil(lambda: panel.walk().pos == -1)
    walk = panel.walk()
    assert walk.update_number == 2 and walk.sample == (sample + 1) % walk.n_samples
    expected = ([w.copy() for w in updated[0]], [b.copy() for b in updated[1]])
    expected[0][1][1, 0] = 3.0  # update 1's result with the edit
    assert _same(walk.trace.network_before, expected) and _same(model.network, expected)
    assert panel.error_plot.count() == 1  # update 1 is still counted
    model.undo_stack.undo()  # update 2 starts from update 1's result again
    qtbot.waitUntil(lambda: _same(model.network, updated))
    assert panel.walk().update_number == 2 and panel.walk().pos == -1
    assert panel.walk().sample == (sample + 1) % walk.n_samples
    assert panel.error_plot.count() == 1


def test_an_edit_later_undone_after_more_steps_goes_back_to_the_update_it_restarted(qtbot):
    panel, model = _panel(qtbot)
    classic = _params(model.network)
    for _ in range(7):
        panel.step_forward()
    model.edit_weight(0, 1, 1, -1.0)
    qtbot.waitUntil(lambda: panel.walk().pos == -1)
    for _ in range(40):  # on into update 2
        panel.step_forward()
    assert panel.walk().update_number == 2
    model.undo_stack.undo()
    qtbot.waitUntil(lambda: _same(model.network, classic))
    assert panel.walk().update_number == 1 and panel.walk().pos == -1
    assert panel.error_plot.count() == 0


def test_a_new_edit_after_an_undo_is_not_mistaken_for_a_redo(qtbot):
    panel, model = _panel(qtbot)
    for _ in range(20):
        panel.step_forward()
    model.edit_weight(1, 0, 0, 2.0)
    qtbot.waitUntil(lambda: panel.walk().pos == -1)
    model.undo_stack.undo()
    qtbot.waitUntil(lambda: model.network.weights[1][0, 0] == 0.4)
    for _ in range(20):
        panel.step_forward()
    model.edit_weight(1, 0, 0, 2.0)  # the same edit again, at another formula
    qtbot.waitUntil(lambda: panel.walk().pos == -1)
    assert model.network.weights[1][0, 0] == 2.0
    assert model.network.weights[0][0, 0] == 0.15  # from the update's start, not half-updated


def test_a_step_key_right_after_an_edit_takes_the_edit_in_first(qtbot):
    panel, model = _panel(qtbot)
    for _ in range(20):
        panel.step_forward()
    model.edit_weight(0, 0, 0, 99.0)
    qtbot.keyClick(panel, Qt.Key.Key_Space)  # before the event loop runs
    walk = panel.walk()
    assert walk.pos == 0 and walk.trace.network_before.weights[0][0, 0] == 99.0
    assert walk.trace.network_before.weights[1][0, 0] == 0.4


def test_the_perceptron_restarts_its_sample_and_undo_is_exact(qtbot):
    panel, model = _panel(qtbot, "perceptron-and")
    pw = panel.perceptron.walk()
    # on to a formula where the sample's correction has moved w but not yet b
    for _ in range(200):
        panel.step_forward()
        pw = panel.perceptron.walk()
        if not pw.at_end() and not _same(pw.network(), _params(pw.trace.network_before)):
            break
    else:
        raise AssertionError("no half-corrected state")
    start = _params(pw.trace.network_before)
    sample = pw.sample
    assert not _same(model.network, start)
    model.edit_weight(0, 0, 0, 5.0)
    qtbot.waitUntil(lambda: panel.perceptron.walk().pos == -1)
    edited = (list(start[0]), list(start[1]))
    edited[0][0] = start[0][0].copy()
    edited[0][0][0, 0] = 5.0
    assert _same(model.network, edited) and panel.perceptron.walk().sample == sample
    model.undo_stack.undo()
    qtbot.waitUntil(lambda: _same(model.network, start))
    assert panel.perceptron.walk().pos == -1 and panel.perceptron.walk().sample == sample
    model.undo_stack.redo()
    qtbot.waitUntil(lambda: _same(model.network, edited))
