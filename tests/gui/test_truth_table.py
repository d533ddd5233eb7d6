"""The truth-table editor of the perceptron and XOR lessons, as a user meets it:
choose OR and it converges, XOR and it never settles, type a 3-input table and
the network gets 3 inputs, type a bad one and the lesson stays."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.core.lecture import truth_tables as tt
from nnviz.core.lessons import load_lesson
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView
from tests.gui.conftest import open_window

MINUS, PLUS = "\u22121", "+1"


@pytest.fixture
def perceptron_window(qtbot):
    win = open_window(qtbot, "perceptron-and")
    yield win
    win.persist_state = False
    win.close()


def _panel_alone(qtbot, name: str, lang: str = "en"):
    """The stepper without the main window, wired as its preview is."""
    lesson = load_lesson(name)
    model = NetworkModel(lesson.network)
    nv, dv = NetworkView(model), DataView()
    panel = StepperPanel(model, nv, dv, lang=lang)
    panel.lessonRequested.connect(panel.load_lesson)
    for w in (nv, dv, panel):
        qtbot.addWidget(w)
    panel.load_lesson(lesson)
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, model, dv


def _pick(combo, data) -> None:
    """What choosing an entry in the combo's list does."""
    combo.setCurrentIndex(combo.findData(data))


def _targets(editor) -> list[str]:
    grid = editor.grid
    return [grid.item(r, grid.columnCount() - 1).text() for r in range(grid.rowCount())]


def _inputs(editor) -> list[tuple[str, ...]]:
    grid = editor.grid
    return [tuple(grid.item(r, c).text() for c in range(grid.columnCount() - 1)) for r in range(grid.rowCount())]


def _click_cell(qtbot, grid, row: int, column: int) -> None:
    rect = grid.visualItemRect(grid.item(row, column))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _run_button(win):
    return win.toolbar.widgetForAction(win.stepper.action("train"))


def test_or_in_the_perceptron_lesson_via_the_window_converges_and_xor_never_settles(perceptron_window, qtbot):
    win = perceptron_window
    editor = win.stepper.tables
    assert editor.isVisible()
    assert editor.table_choice.currentText() == "AND" and editor.count_choice.currentData() == 2
    assert _inputs(editor) == [("0", "0"), ("0", "1"), ("1", "0"), ("1", "1")]
    assert _targets(editor) == [MINUS, MINUS, MINUS, PLUS]  # d = ±1: the step perceptron
    base = win.lesson

    _pick(editor.table_choice, "OR")
    assert win.lesson is not base and win.lesson.name == "perceptron-and"
    assert "OR" in win.lesson.title_in("en") and "OR" in win._banner.text()
    assert _targets(editor) == [MINUS, PLUS, PLUS, PLUS]
    np.testing.assert_array_equal(win.data_view.dataset().y, [0, 1, 1, 1])
    assert "d = +1" in win.data_view._legend.text()
    # the slides' weights stay with 2 inputs
    np.testing.assert_array_equal(win.model.network.weights[0], base.network.weights[0])
    assert win.data_view.lines()[0][:3] == (0.5, -0.4, 0.2)

    qtbot.mouseClick(_run_button(win), Qt.MouseButton.LeftButton)
    verdict = win.stepper.perceptron.verdict.text()
    assert verdict.startswith("Converged after 4 epochs")
    w = win.model.network.weights[0][:, 0]
    np.testing.assert_allclose(w, [0.5, 0.6])
    out = win.model.network.forward(win.data_view.dataset().x)[-1].ravel()
    np.testing.assert_array_equal(out, [-1, 1, 1, 1])  # OR, as d writes it

    _pick(editor.table_choice, "XOR")
    assert _targets(editor) == [MINUS, PLUS, PLUS, MINUS]
    assert "goes on until an epoch without mistakes" in win.stepper.perceptron.verdict.text()
    qtbot.mouseClick(_run_button(win), Qt.MouseButton.LeftButton)
    verdict = win.stepper.perceptron.verdict.text()
    assert "not linearly separable" in verdict and "20 epochs" in verdict

    # choosing the lesson's own table again gives the lesson file back exactly
    _pick(editor.table_choice, "AND")
    assert win.lesson is base
    np.testing.assert_array_equal(win.model.network.weights[0], base.network.weights[0])


def test_or_on_the_panel_alone_by_clicking_the_targets_then_enter(qtbot):
    panel, model, dv = _panel_alone(qtbot, "perceptron-xor")
    editor = panel.tables
    assert editor.table_choice.currentText() == "XOR"
    grid = editor.grid
    _click_cell(qtbot, grid, 3, 2)  # (1, 1): d = −1 -> +1 makes XOR into OR
    assert _targets(editor) == [MINUS, PLUS, PLUS, PLUS]
    assert editor.table_choice.currentData() == tt.CUSTOM  # an edit makes it Custom
    assert "Not applied yet" in editor.message.text()
    assert tt.table_of(panel.lesson()).name == "XOR"  # nothing applied yet
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert tt.table_of(panel.lesson()).name == "OR"
    assert editor.table_choice.currentText() == "OR"  # a typed OR is the OR table
    assert editor.message.text() == ""
    np.testing.assert_array_equal(dv.dataset().y, [0, 1, 1, 1])
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    assert panel.perceptron.report().converged
    assert panel.perceptron.verdict.text().startswith("Converged after 4 epochs")


def test_space_on_a_target_toggles_it_and_does_not_step(qtbot):
    panel, model, _ = _panel_alone(qtbot, "perceptron-and")
    grid = panel.tables.grid
    walk = panel.perceptron.walk()
    pos = walk.pos
    grid.setFocus()
    grid.setCurrentCell(0, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert _targets(panel.tables)[0] == PLUS
    assert panel.perceptron.walk() is walk and walk.pos == pos  # the stepper did not move
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert _targets(panel.tables)[0] == MINUS
    assert "Not applied" not in panel.tables.message.text()  # back to the lesson's own table


def test_xor_on_the_panel_alone_never_settles(qtbot):
    panel, _, _ = _panel_alone(qtbot, "perceptron-and")
    panel.tables.choose("XOR")
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    rep = panel.perceptron.report()
    assert rep.gave_up and not rep.converged
    assert "never will" in panel.perceptron.verdict.text()


def test_a_custom_three_input_table_typed_applies_and_the_network_has_three_inputs(perceptron_window, qtbot):
    win = perceptron_window
    editor = win.stepper.tables
    _pick(editor.count_choice, 3)  # AND with 3 inputs, applied at once
    assert win.model.network.layers == [3, 1]
    assert len(_inputs(editor)) == 8 and _targets(editor) == [MINUS] * 7 + [PLUS]
    _pick(editor.table_choice, tt.CUSTOM)
    grid = editor.grid
    for _ in range(6):
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert grid.rowCount() == 2
    _click_cell(qtbot, grid, 0, 0)
    qtbot.keyClicks(grid, "1011" "0110")  # x1 x2 x3 d, row after row
    assert _inputs(editor) == [("1", "0", "1"), ("0", "1", "1")]
    assert _targets(editor) == [PLUS, MINUS]
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)  # the first combination not there
    assert _inputs(editor)[2] == ("0", "0", "0") and _targets(editor)[2] == MINUS
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)

    assert win.model.network.layers == [3, 1]
    ds = win.data_view.dataset()
    np.testing.assert_array_equal(ds.x, [[1, 0, 1], [0, 1, 1], [0, 0, 0]])
    np.testing.assert_array_equal(ds.y, [1, 0, 0])
    assert editor.table_choice.currentData() == tt.CUSTOM and editor.message.text() == ""
    # the data plot cannot draw 3-D points and says why
    assert not win.data_view.plot.isVisible()
    assert "3 inputs" in win.data_view._legend.text()
    assert win.network_view.highlighted()[0] == {(0, 0), (0, 1), (0, 2)}  # the graph's three inputs
    qtbot.mouseClick(_run_button(win), Qt.MouseButton.LeftButton)
    assert win.stepper.perceptron.report().converged
    assert "plane" in win.stepper.perceptron.verdict.text()
    # another table, then Custom again: the typed table comes back
    _pick(editor.table_choice, "OR")
    assert tt.table_of(win.lesson).name == "OR" and win.model.network.layers == [3, 1]
    _pick(editor.table_choice, tt.CUSTOM)
    assert _inputs(editor) == [("1", "0", "1"), ("0", "1", "1"), ("0", "0", "0")]
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    np.testing.assert_array_equal(win.data_view.dataset().y, [1, 0, 0])
    # back to 2 inputs: the slides' weights again
    _pick(editor.count_choice, 2)
    _pick(editor.table_choice, "AND")
    assert win.model.network.layers == [2, 1]
    np.testing.assert_array_equal(win.model.network.weights[0], load_lesson("perceptron-and").network.weights[0])
    assert win.data_view.plot.isVisible()


@pytest.mark.parametrize(
    ("typing", "sentence"),
    [
        ([(0, 0, "2")], "Row 1: input x1 must be 0 or 1, not '2'."),
        ([(1, 0, "0"), (1, 1, "0")], "Row 2 repeats the inputs of row 1: each combination may appear only once."),
    ],
)
def test_a_bad_custom_table_shows_its_sentence_and_the_lesson_stays(perceptron_window, qtbot, typing, sentence):
    win = perceptron_window
    editor = win.stepper.tables
    lesson, network = win.lesson, win.model.network.copy()
    _pick(editor.table_choice, tt.CUSTOM)
    grid = editor.grid
    for row, col, text in typing:
        _click_cell(qtbot, grid, row, col)
        if text in "01":
            qtbot.keyClicks(grid, text)
        else:  # anything else opens the cell's editor, as typing does
            qtbot.keyClicks(grid, text)
            qtbot.keyClick(grid.focusWidget(), Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState)  # Qt commits queued
    assert editor.message.text() == sentence  # at once, while typing
    assert editor.message.isVisible()
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert editor.message.text() == sentence
    assert win.lesson is lesson
    np.testing.assert_array_equal(win.model.network.weights[0], network.weights[0])
    np.testing.assert_array_equal(win.data_view.dataset().y, [0, 0, 0, 1])


def test_one_output_only_is_refused_with_its_sentence(qtbot):
    panel, _, _ = _panel_alone(qtbot, "perceptron-and")
    _click_cell(qtbot, panel.tables.grid, 3, 2)  # AND's only +1 becomes −1
    assert "at least one row with output 0 and one with output 1" in panel.tables.message.text()
    assert not panel.tables.apply()
    assert tt.table_of(panel.lesson()).name == "AND"


def test_the_mlp_lesson_takes_tables_with_d_zero_one(qtbot):
    win = open_window(qtbot)  # the default lesson: XOR with a 2-2-1 sigmoid MLP
    try:
        editor = win.stepper.tables
        assert editor.isVisible() and editor.table_choice.currentText() == "XOR"
        assert _targets(editor) == ["0", "1", "1", "0"]  # the sigmoid's d as the slides write it
        _pick(editor.table_choice, "OR")
        assert win.lesson.mode == "mlp" and win.model.network.layers == [2, 2, 1]
        np.testing.assert_array_equal(win.stepper.walk().d, [1.0])  # sample 2, (0, 1): OR is 1
        np.testing.assert_array_equal(
            win.model.network.weights[0], load_lesson("mlp-xor").network.weights[0]
        )
        _pick(editor.count_choice, 3)
        assert win.model.network.layers == [3, 2, 1]
        assert win.stepper.walk().x.shape == (3,)
        assert "3 inputs" in win.data_view._legend.text()
        # the graph and the stepper's formulas follow
        qtbot.keyClick(win.stepper, Qt.Key.Key_Space)
        assert win.stepper.walk().step() is not None and win.stepper.formula.errors == []
    finally:
        win.persist_state = False
        win.close()


def test_lessons_without_a_table_hide_the_editor(perceptron_window):
    win = perceptron_window
    assert win.stepper.tables.isVisible()
    win.load_lesson("backprop-2-2-2")  # two outputs with numeric targets
    assert not win.stepper.tables.isVisible()
    win.load_lesson("spiral")  # a training lesson
    assert not win.stepper.tables.isVisible()
    win.load_lesson("perceptron-xor")
    assert win.stepper.tables.isVisible() and win.stepper.tables.table_choice.currentText() == "XOR"


def test_every_control_has_a_tooltip_and_spanish_keeps_working(qtbot):
    panel, _, _ = _panel_alone(qtbot, "perceptron-and", lang="es")
    editor = panel.tables
    for w in (editor.table_choice, editor.count_choice, editor.grid, editor.add_button,
              editor.remove_button, editor.apply_button):
        assert w.toolTip()
    for c in range(editor.grid.columnCount()):
        assert editor.grid.horizontalHeaderItem(c).toolTip()
    editor.set_scale(2.0)
    assert editor.grid.columnWidth(0) == 88
    assert editor.table_choice.currentText() == "AND" and editor.message.text() == ""  # no edit
    editor.choose("NOR", 3)
    assert tt.table_of(panel.lesson()).name == "NOR" and panel.lesson().network.layers == [3, 1]
    assert panel.formula.errors == []


def test_in_the_window_space_toggles_a_focused_target_and_steps_again_after_enter(qtbot):
    win = open_window(qtbot, "perceptron-and", activate=True)
    try:
        grid = win.stepper.tables.grid
        walk = win.stepper.perceptron.walk()
        _click_cell(qtbot, grid, 1, 2)  # (0, 1): −1 -> +1
        assert _targets(win.stepper.tables) == [MINUS, PLUS, MINUS, PLUS]
        qtbot.waitUntil(grid.hasFocus)
        qtbot.keyClick(grid, Qt.Key.Key_Space)  # the window's Space shortcut must not step
        assert _targets(win.stepper.tables) == [MINUS, MINUS, MINUS, PLUS]
        qtbot.keyClick(grid, Qt.Key.Key_Space)
        assert walk.pos == -1 and win.stepper.perceptron.walk() is walk
        qtbot.keyClick(grid, Qt.Key.Key_Enter)  # (0, 1) and (1, 1) on: the x2 table, a custom one
        assert tt.table_of(win.lesson).outputs == (0, 1, 0, 1)
        qtbot.waitUntil(lambda: not grid.hasFocus())
        qtbot.keyClick(win.stepper, Qt.Key.Key_Space)  # the stepper has the keys again
        assert win.stepper.perceptron.walk().step() is not None
    finally:
        win.persist_state = False
        win.close()
