"""The settings form writes numbers as people do: η = 0,05, not 0,050000."""

import pytest
from PySide6.QtCore import Qt

from nnviz.core.errors import UserError
from nnviz.gui import i18n
from nnviz.gui.training.number_field import format_number, ladder_step, read_number
from nnviz.gui.training.settings_form import SettingsForm


@pytest.fixture
def spanish(qapp):
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def _type(qtbot, spin, text):
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def test_numbers_are_written_the_way_a_person_writes_them():
    assert [format_number(v, ",") for v in (0.05, 0.001, 1e-4, 5e-4, 1.5e-5, 0.2, 2.0, 0.0)] == [
        "0,05", "0,001", "1e-4", "5e-4", "1,5e-5", "0,2", "2", "0",
    ]
    assert [read_number(t) for t in ("0,05", "0.05", "1e-4", "5E-4", " 2 ", "abc", "1,2,3", "")] == [
        0.05, 0.05, 1e-4, 5e-4, 2.0, None, None, None,
    ]


def test_the_ladder_goes_1_2_5_and_ends_at_zero():
    v, seen = 0.001, []
    for _ in range(4):
        v = ladder_step(v, 1, 1e-6)
        seen.append(v)
    assert seen == [0.002, 0.005, 0.01, 0.02]
    assert ladder_step(0.03, 1, 1e-6) == 0.05 and ladder_step(0.03, -1, 1e-6) == 0.02
    assert ladder_step(1e-5, -1, 1e-5) == 0.0 and ladder_step(0.0, 1, 1e-5) == 1e-5


def test_spanish_form_shows_short_numbers_with_a_decimal_comma(qtbot, spanish):
    form = SettingsForm()
    qtbot.addWidget(form)
    form.lr.setValue(0.05)
    form.l2.setValue(1e-4)
    form.momentum.setValue(0.9)
    assert form.lr.text() == "0,05"
    assert form.l2.text() == "1e-4"
    assert form.l1.text() == "0"
    assert form.momentum.text() == "0,9"
    assert form.noise.text() == "0,05"
    assert form.val_fraction.text() == "0,2"
    assert form.min_delta.text() == "0"


def test_typing_and_arrows_change_eta(qtbot, spanish):
    form = SettingsForm()
    qtbot.addWidget(form)
    form.show()
    seen = []
    form.liveChanged.connect(lambda name, value: seen.append((name, value)))
    _type(qtbot, form.lr, "0,003")
    assert form.lr.value() == pytest.approx(0.003) and form.lr.text() == "0,003"
    _type(qtbot, form.lr, "1e-4")
    assert form.lr.value() == pytest.approx(1e-4) and form.lr.text() == "1e-4"
    form.lr.lineEdit().setFocus()
    qtbot.keyClick(form.lr, Qt.Key.Key_Up)
    assert form.lr.text() == "2e-4"
    qtbot.keyClick(form.lr, Qt.Key.Key_Up)
    qtbot.keyClick(form.lr, Qt.Key.Key_Up)
    assert form.lr.text() == "0,001"
    qtbot.keyClick(form.lr, Qt.Key.Key_Down)
    assert form.lr.text() == "5e-4"
    assert seen[-1] == ("lr", pytest.approx(5e-4))
    # linear fields keep their linear step
    form.optimizer.setCurrentIndex(form.optimizer.findData("sgd"))
    form.momentum.setValue(0.5)
    form.momentum.lineEdit().setFocus()
    qtbot.keyClick(form.momentum, Qt.Key.Key_Up)
    assert form.momentum.text() == "0,55"


def test_bad_input_is_refused_with_a_message(qtbot, spanish):
    form = SettingsForm()
    qtbot.addWidget(form)
    form.show()
    form.lr.setValue(0.05)
    said = []
    form.inputRefused.connect(said.append)
    with qtbot.waitSignal(form.inputRefused) as blocker:
        _type(qtbot, form.lr, "abc")
    qtbot.wait(20)
    assert len(said) == 1  # one message, not one per Qt check
    message = blocker.args[0]
    assert "abc" in message and "1e-6" in message and "10" in message
    assert form.lr.text() == "0,05" and form.lr.value() == pytest.approx(0.05)
    assert "b3261e" in form.lr.styleSheet() and form.lr.toolTip() == message
    with qtbot.waitSignal(form.inputRefused):
        _type(qtbot, form.val_fraction, "3")  # out of range 0 to 0,9
    assert form.val_fraction.value() == pytest.approx(0.2)
    _type(qtbot, form.lr, "0,1")  # a good value clears the mark
    assert form.lr.styleSheet() == "" and form.lr.value() == pytest.approx(0.1)


def test_dropout_list_uses_semicolons_with_a_decimal_comma(qtbot, spanish):
    form = SettingsForm()
    qtbot.addWidget(form)
    form.hidden.setText("8, 8")
    form.dropout.setText("0,5; 0,2")
    assert form.config().dropout == [0.5, 0.2]
    form.dropout.setText("0,3")
    assert form.config().dropout == [0.3]
    form.dropout.setText("0,5; medio")
    with pytest.raises(UserError, match="medio|0.5; 0.2|0,5; 0,2"):
        form.config()
    form.dropout.setText("0,3")
    i18n.set_language("en")
    qtbot.waitUntil(lambda: form.lr.text() == "0.01")
    assert form.dropout.text() == "0.3"


def test_learning_rate_range_is_the_command_lines(qtbot):
    from nnviz.core.training.config import MAX_LR

    form = SettingsForm()
    qtbot.addWidget(form)
    form.show()
    form.lr.setValue(1000.0)  # far too big, but allowed: watching it diverge is a lesson
    assert form.config().lr == pytest.approx(1000.0)
    with qtbot.waitSignal(form.inputRefused):
        _type(qtbot, form.lr, "1e9")
    assert form.config().lr == pytest.approx(1000.0) and form.lr.maximum() == MAX_LR
