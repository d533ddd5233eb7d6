"""The window's Open refuses hostile network files and keeps its lesson (issue 19)."""

from __future__ import annotations

import os

import numpy as np
import pytest
from hostile_corpus import hostile_files
from PySide6.QtCore import Qt

from nnviz.core.lessons import DEFAULT_LESSON
from nnviz.gui.window.app import build_window


@pytest.fixture
def window(qtbot):
    _app, win = build_window(lang="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.persist_state = False
    win.close()


def test_open_refuses_every_hostile_network_and_keeps_the_lesson(window, tmp_path):
    before = [w.copy() for w in window.model.network.weights]
    cases = hostile_files(tmp_path)
    fifo = tmp_path / "pipe.nnviz.json"
    os.mkfifo(fifo)
    cases += [("fifo", fifo), ("dev-zero", "/dev/zero")]
    for name, path in cases:
        assert not window.open_file(str(path)), name
        shown = window.statusBar().currentMessage()
        assert shown and "\n" not in shown and len(shown) < 600, (name, shown[:700])
        assert window.lesson.name == DEFAULT_LESSON
        assert all(np.array_equal(a, b) for a, b in zip(window.model.network.weights, before))


def test_error_text_is_shown_as_plain_text(window):
    box = window._error_box("Field 'activations[0]' names an unknown activation '<b>bold</b>'.")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "Field 'activations[0]' names an unknown activation '<b>bold</b>'."
    box.deleteLater()


def test_shot_refuses_a_hostile_network_with_exit_2(tmp_path, capsys, qapp):
    from nnviz.cli import main

    path = dict(hostile_files(tmp_path))["layer-of-1e9-neurons"]
    out = tmp_path / "shot.png"
    assert main(["shot", "--out", str(out), "--file", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == "nnviz: Field 'layers[1]' has 1000000000 neurons; nnviz handles at most 4096 per layer.\n"
    assert not out.exists()
