"""The main window opened from Python (``nnviz.show``): shown on a lesson, waited for, read back.

- :func:`open_lesson_window`: the application (made once), the language, a
  :class:`~nnviz.gui.window.main_window.MainWindow` on a lesson built by the
  script's caller, shown. It does not ask to save trained weights on close
  and does not autosave (the script gets the network back), and closing it
  never deletes the autosave the app offers back after a crash.
- :func:`wait_until_closed`: runs Qt's events until the window is closed, in a
  plain script as well as inside a running event loop.
- :func:`keep_until_closed`: holds a window that a notebook left open, so that
  Python does not delete it while the student works in it.
- :func:`network_on_show`: the network the window shows, as a copy.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal

from nnviz.core.errors import UserError
from nnviz.core.lessons import Lesson
from nnviz.core.model.network import Network
from nnviz.gui import i18n
from nnviz.gui.window.app import application, choose_language, has_display, missing_x11_libraries
from nnviz.gui.window.main_window import MainWindow

#: windows a notebook left open, held until they close
_kept: set[MainWindow] = set()


class CloseWatcher(QObject):
    """A child of a script's window: once the window is closed (a close it refused
    does not count), lets :func:`keep_until_closed` let go of it and emits :attr:`closed`.

    It holds no Python reference to the window (only Qt's parent link), so a
    closed window the script no longer holds is freed."""

    closed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            # the window decides in its closeEvent (after this filter) whether it closes
            QTimer.singleShot(0, self, self._check)
        return False

    def _check(self) -> None:
        window = self.parent()
        if not isinstance(window, MainWindow) or window.isVisible():
            return
        _kept.discard(window)
        self.closed.emit()


def open_lesson_window(lesson: Lesson, lang: str | None = None) -> MainWindow:
    """A main window on ``lesson``, shown; raises :class:`UserError` where none can be shown."""
    if not has_display():
        raise UserError("No display is available to show the nnviz window on this machine.")
    missing = missing_x11_libraries()
    if missing:
        raise UserError(
            "Qt needs system libraries to open a window here; install them with: sudo apt-get install {0}",
            " ".join(missing),
        )
    if lang is not None and lang not in i18n.LANGUAGES:
        raise UserError("The language must be one of {0}, not {1!r}.", ", ".join(i18n.LANGUAGES), lang)
    application()
    i18n.set_language(choose_language(lang))
    window = MainWindow()
    window.ask_to_save = False  # the script gets the trained network back
    # The app's autosave file is its crash recovery: a script's window must
    # neither overwrite it (nothing to save) nor delete it on close (a path of
    # its own, never written). Set before any event runs.
    window.autosave.source = lambda: None
    window.autosave.path = Path(tempfile.gettempdir()) / f"nnviz-script-{os.getpid()}-{id(window)}.unused"
    window._open(lambda: lesson, raise_errors=True)
    CloseWatcher(window)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def wait_until_closed(window: MainWindow) -> None:
    """Run Qt's events until ``window`` is closed (at once if it is not showing)."""
    if not window.isVisible():
        return
    loop = QEventLoop()
    _watcher(window).closed.connect(loop.quit)
    loop.exec()


def keep_until_closed(window: MainWindow) -> None:
    """Hold ``window`` until it is closed (a notebook may not keep the value ``show`` returned)."""
    if window.isVisible():
        _kept.add(window)


def _watcher(window: MainWindow) -> CloseWatcher:
    found = window.findChild(CloseWatcher)
    if found is None:
        raise ValueError("the window was not opened by open_lesson_window")
    return found


def network_on_show(window: MainWindow) -> Network:
    """A copy of the network ``window`` shows: the trained weights after training;
    in lecture mode the weights the update in progress started from (its result
    once it is finished), never half-updated ones."""
    kept = window.stepper.network_to_keep()
    return kept if kept is not None else window.model.network.copy()
