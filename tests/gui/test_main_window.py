"""The main window as a user meets it: default lesson, menus, language, files, state."""

import json

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from nnviz.cli import main
from nnviz.core.errors import UserError
from nnviz.core.lessons import DEFAULT_LESSON, lesson_names
from nnviz.gui import i18n
from nnviz.gui.window.app import build_window


def menu_titles(win):
    return [a.text() for a in win.menuBar().actions()]


def test_default_lesson_is_xor_with_a_2_2_1_sigmoid_mlp(window):
    assert window.lesson.name == DEFAULT_LESSON == "mlp-xor"
    assert window.model.network.layers == [2, 2, 1]
    assert window.model.network.activations == ["sigmoid", "sigmoid"]
    assert len(window.data_view.dataset().x) == 4
    assert "XOR" in window.windowTitle() + window.statusBar().currentMessage()


def test_menus_and_docks_exist(window):
    assert menu_titles(window) == ["&File", "&Edit", "&Lesson", "&Data", "&View", "L&anguage", "&Help"]
    docks = {d.windowTitle() for d in window._docks.values()}
    assert docks >= {"Formulas and stepper", "Data", "Training", "Plots", "Mistakes", "Draw a digit",
                     "Activation functions", "PyTorch structure"}
    assert [a.text() for a in window.toolbar.actions()][:1]


def test_switching_language_retranslates_at_once(window, qtbot):
    window.lang_actions["es"].trigger()
    qtbot.waitUntil(lambda: menu_titles(window)[0] == "&Fichero")
    assert i18n.current_language() == "es"
    assert "Datos" in {d.windowTitle() for d in window._docks.values()}
    assert "XOR" in window._banner.text() and "perceptrón" in window._banner.text()
    window.lang_actions["en"].trigger()
    qtbot.waitUntil(lambda: menu_titles(window)[0] == "&File")


def test_language_choice_persists(window):
    window.set_language("es")
    assert window._settings.value("ui/language") == "es"
    window.set_language("en")


def test_lesson_menu_opens_every_lesson(window):
    from nnviz.core.lessons import load_lesson

    for name in lesson_names():
        before = window.lesson.name
        window.lesson_actions[name].trigger()
        if load_lesson(name).reads_files:  # MNIST is not in the tests' empty cache: one sentence says how to get it
            assert "is not on this computer yet" in window.statusBar().currentMessage()
            assert window.lesson.name == before
            continue
        assert window.lesson.name == name
        assert window.lesson_actions[name].isChecked()


def test_bad_network_file_keeps_the_lesson(window, tmp_path):
    bad = tmp_path / "bad.nnviz.json"
    bad.write_text(json.dumps({"format": "nnviz-network", "version": 1, "layers": [2, 2], "activations": "swish"}))
    before = window.model.network.weights[0].copy()
    assert not window.open_file(str(bad))
    assert "swish" in window.statusBar().currentMessage()
    assert np.array_equal(window.model.network.weights[0], before)
    assert window.lesson.name == DEFAULT_LESSON


def test_good_network_file_opens(window, tmp_path):
    from nnviz.core.model.network import Network, save_network

    path = tmp_path / "mine.nnviz.json"
    save_network(Network.initialised([2, 3, 1], "tanh", seed=3), path)
    assert window.open_file(str(path))
    assert window.model.network.layers == [2, 3, 1]


def test_weight_edit_can_be_undone_from_the_edit_menu(window):
    old = window.model.network.weights[1][0, 0]
    window.model.edit_weight(1, 0, 0, 1.5)
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert window.model.network.weights[1][0, 0] == old
    window.act_redo.trigger()
    assert window.model.network.weights[1][0, 0] == 1.5


def test_geometry_is_restored_and_checked_against_screens(qtbot):
    _app, first = build_window(lang="en")
    qtbot.addWidget(first)
    first.setGeometry(QRect(10, 20, 780, 570))  # above the window's minimum size, inside an 800x600 screen
    first.save_window_state()
    first.shutdown(save_state=False)
    _app, second = build_window(lang="en")
    qtbot.addWidget(second)
    assert second.size().width() == 780
    second.setGeometry(QRect(30000, 30000, 900, 700))
    second.save_window_state()
    second.shutdown(save_state=False)
    _app, third = build_window(lang="en")
    qtbot.addWidget(third)
    assert third.geometry().x() < 10000  # the saved place is off every screen
    third.shutdown(save_state=False)


def test_autosave_is_offered_after_a_crash(qtbot, monkeypatch):
    _app, first = build_window(lang="en")
    qtbot.addWidget(first)
    first.model.edit_weight(0, 0, 0, 2.5)
    first.autosave.save_now()
    # no shutdown: as if the process died here
    monkeypatch.delenv("NNVIZ_NO_AUTOSAVE_PROMPT", raising=False)
    _app, second = build_window(lang="en")
    qtbot.addWidget(second)
    session = second.autosave.recoverable()
    assert session is not None and session.network.weights[0][0, 0] == 2.5
    second.load_lesson("perceptron-and")
    second.restore_autosaved(session)
    # the network comes back in its own lesson, with the stepper working on it
    assert second.lesson.name == "mlp-xor"
    assert second.model.network.weights[0][0, 0] == 2.5
    assert second.stepper.walk() is not None
    second.shutdown(save_state=False)
    first.shutdown(save_state=False)


def test_shot_renders_readable_different_languages(tmp_path, qapp):
    en, es = tmp_path / "en.png", tmp_path / "es.png"
    assert main(["shot", "--lang", "en", "--out", str(en), "--size", "1200x800"]) == 0
    assert main(["shot", "--lang", "es", "--out", str(es), "--size", "1200x800"]) == 0
    a, b = QImage(str(en)), QImage(str(es))
    assert (a.width(), a.height()) == (1200, 800) and (b.width(), b.height()) == (1200, 800)
    assert a != b
    i18n.set_language("en")


def test_f5_trains_and_f6_pauses_in_a_training_lesson(window, qtbot):
    from PySide6.QtCore import Qt

    window.load_lesson("spiral")
    qtbot.waitExposed(window)
    panel = window.training
    with qtbot.waitSignal(panel.trainingStarted, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: panel.state in ("paused", "idle"), timeout=10000)
    panel.stop_and_wait()


def test_how_a_run_ended_is_said_in_spanish(window):
    from types import SimpleNamespace

    window.load_lesson("spiral")
    window.set_language("es")
    try:
        done = SimpleNamespace(status="completed", snapshot=SimpleNamespace(epoch=150, best_epoch=143))
        assert window.training._finished_text(done, "x") == "Entrenadas 150 épocas."
        early = SimpleNamespace(status="early_stopping", snapshot=SimpleNamespace(epoch=40, best_epoch=30))
        assert "parada temprana" in window.training._finished_text(early, "x").lower()
    finally:
        window.set_language("en")


def test_presentation_mode_scales_up_and_hides_the_slide_text(window, qtbot):
    assert window.act_lesson_text.isChecked()
    base = window.font().pointSizeF()
    window.presentation.act_full.setChecked(True)
    assert window.presentation.scale >= 1.5
    assert window.font().pointSizeF() > base
    assert not window.act_lesson_text.isChecked()
    assert "<br>" not in window._banner.text()
    window.presentation.act_full.setChecked(False)
    assert window.act_lesson_text.isChecked() and window.presentation.scale == 1.0


def test_plot_axes_write_a_decimal_comma_in_spanish(window):
    from nnviz.gui.locale_axis import LocaleAxis

    window.set_language("es")
    try:
        axis = LocaleAxis("left")
        assert axis.tickStrings([0.5, 1.0], 1.0, 0.5) == ["0,5", "1,0"]
    finally:
        window.set_language("en")
    assert LocaleAxis("left").tickStrings([0.5], 1.0, 0.5) == ["0.5"]


def test_closing_after_training_asks_before_the_weights_are_lost(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    window.ask_to_save = True
    window.load_lesson("spiral")
    window.training.form.epochs.setValue(3)
    window.training.set_pace(0.0)
    with qtbot.waitSignal(window.training.trainingFinished, timeout=60000):
        assert window.training.start()

    def answer(button):
        def click():
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox) and "not saved" in box.text()
            box.button(button).click()
        QTimer.singleShot(50, click)

    answer(QMessageBox.StandardButton.Cancel)
    assert not window.close() and window.isVisible()  # Cancel: nothing happens
    target = tmp_path / "trained.nnviz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    answer(QMessageBox.StandardButton.Save)
    assert window.close() and target.is_file()  # saved, then closed
    window.show()
    window.load_lesson("spiral")  # a fresh lesson has nothing to lose: no question
    window.training.set_pace(0.0)
    with qtbot.waitSignal(window.training.trainingFinished, timeout=60000):
        assert window.training.start()
    answer(QMessageBox.StandardButton.Cancel)  # the Lesson menu asks too
    window.lesson_actions["digits"].trigger()
    assert window.lesson.name == "spiral"
    answer(QMessageBox.StandardButton.Discard)
    window.lesson_actions["digits"].trigger()
    assert window.lesson.name == "digits"
    assert window.close()


def test_the_worked_example_of_the_update_on_show_exports_as_a_handout(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window.load_lesson("backprop-2-2-2")
    text = window.worked_example("markdown")
    assert "$$" in text and "0.7514" in text.replace("{,}", ".").replace(",", ".")  # y₁ of the classic example
    assert "\\documentclass" in window.worked_example("latex")
    target = tmp_path / "update.tex"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "LaTeX (*.tex)"))
    window.act_handout.trigger()
    assert target.read_text(encoding="utf-8").startswith("\\documentclass")
    window.load_lesson("spiral")  # a training lesson has no worked example: one sentence, nothing written
    with pytest.raises(UserError, match="backpropagation lesson"):
        window.worked_example("markdown")


def test_shot_refuses_epochs_for_a_lecture_mode_lesson(tmp_path, capsys):
    out = tmp_path / "x.png"
    try:
        assert main(["shot", "--preset", "mlp-xor", "--epochs", "5", "--lang", "en", "--out", str(out)]) == 2
    finally:
        i18n.set_language("en")
    err = capsys.readouterr().err
    assert "lecture-mode lesson: use --steps" in err and err.count("\n") == 1 and not out.exists()
