"""Fixtures shared by the GUI tests: the main window as a user opens it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from nnviz.gui.window.app import build_window


def open_window(qtbot, preset: str | None = None, lang: str = "en", activate: bool = False):
    """The main window on ``preset`` (the default lesson when None), shown; with
    ``activate`` also the active window, so that window-wide shortcuts reach it
    (offscreen Qt gives a window its keys only once it is active)."""
    _app, win = build_window(preset=preset, lang=lang)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    if activate:
        win.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


@pytest.fixture
def window(qtbot):
    win = open_window(qtbot)
    yield win
    win.persist_state = False
    win.close()
