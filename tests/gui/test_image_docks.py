"""The main window's image docks: Mistakes and Draw a digit, for image lessons only."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from nnviz.core.data import digit_pad
from tests.gui.conftest import open_window


def _shown(dock) -> bool:
    """Open in the window (possibly a tab behind another): its View menu entry is ticked."""
    return dock.toggleViewAction().isChecked()


def _choose_tab(qtbot, win, key: str) -> None:
    """Bring a tabbed dock to the front as a click on its tab does."""
    dock = win._docks[key]
    qtbot.wait(50)  # the window's first layout settles the tabs first
    dock.raise_()
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty(), timeout=3000)


def test_image_lessons_get_the_mistakes_and_a_drawing_pad(qtbot):
    win = open_window(qtbot, preset="digits")
    try:
        docks = win._docks
        assert _shown(docks["mistakes"]) and _shown(docks["draw"])
        assert docks["draw"].windowTitle() == "Draw a digit"
        view_entries = [a.text() for a in win.menu_view.actions()]
        assert "Draw a digit" in view_entries and "Mistakes" in view_entries
        # the pad sits in a tab beside the Data dock: bring it up and draw a 1
        _choose_tab(qtbot, win, "draw")
        pad = win.draw_digit.pad
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(140, 40))
        QTest.mouseMove(pad, QPoint(140, 140))
        QTest.mouseMove(pad, QPoint(140, 240))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(140, 240))
        qtbot.waitUntil(lambda: win.draw_digit.shown_generation == pad.generation)
        np.testing.assert_allclose(win.model.activations[0], digit_pad.digits_input(pad.bitmap()))
        # the stepper lessons have no images: both docks go
        win.load_lesson("mlp-xor")
        assert not _shown(docks["mistakes"]) and not _shown(docks["draw"])
        # and the View menu can bring one back
        docks["draw"].toggleViewAction().trigger()
        assert _shown(docks["draw"]) and not win.draw_digit.pad.isEnabled()
    finally:
        win.persist_state = False
        win.close()


def test_a_two_feature_lesson_has_no_image_docks(qtbot):
    win = open_window(qtbot, preset="spiral")
    try:
        assert not _shown(win._docks["mistakes"]) and not _shown(win._docks["draw"])
    finally:
        win.persist_state = False
        win.close()


def test_docks_behind_another_tab_wait_for_it(qtbot, monkeypatch):
    """A tabbed dock that is not the current tab stays "visible" to Qt: the gallery
    counts nothing and the pad leaves the graph to the training until its tab is chosen."""
    from nnviz.core.model.network import Network
    from nnviz.gui.training import mistakes_gallery

    win = open_window(qtbot, preset="digits")
    try:
        counted = []
        real = mistakes_gallery.find_mistakes
        monkeypatch.setattr(mistakes_gallery, "find_mistakes", lambda *a, **k: (counted.append(1), real(*a, **k))[1])
        # draw a 1 with the pad's tab on top
        _choose_tab(qtbot, win, "draw")
        assert win.draw_digit.on_screen()
        pad = win.draw_digit.pad
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(140, 40))
        QTest.mouseMove(pad, QPoint(140, 240))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(140, 240))
        qtbot.waitUntil(lambda: win.draw_digit.shown_generation == pad.generation)
        drawn = win.draw_digit.shown_input()
        # the Data tab on top: new weights and the training's own sample
        _choose_tab(qtbot, win, "data")
        assert not win.draw_digit.on_screen()
        gallery = win.training.mistakes_widget()
        assert not gallery.on_screen()
        other = Network.initialised([64, 32, 10], ["relu", "softmax"], seed=9)
        win.model.set_parameters(other.weights, other.biases)
        probe = np.full(64, 0.5)
        win.model.show_sample(probe)
        qtbot.wait(MISTAKES_WAIT_MS)
        assert counted == []
        np.testing.assert_allclose(win.model.activations[0], probe)
        # the Mistakes tab chosen: counted with the new weights
        _choose_tab(qtbot, win, "mistakes")
        qtbot.waitUntil(lambda: counted != [], timeout=3000)
        assert gallery.mistakes().total == len(win.training.dataset().val_idx)
        # the pad's tab chosen: the drawing is read again, by the new weights
        _choose_tab(qtbot, win, "draw")
        qtbot.waitUntil(lambda: np.array_equal(win.model.activations[0], drawn), timeout=3000)
        np.testing.assert_allclose(win.draw_digit.bars.values(), other.forward(drawn)[-1])
    finally:
        win.persist_state = False
        win.close()


#: longer than the gallery's refresh interval
MISTAKES_WAIT_MS = 1300
