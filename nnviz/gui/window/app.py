"""Start the GUI: the application object, the language, the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from nnviz.core.errors import UserError
from nnviz.gui import i18n
from nnviz.gui.window.first_use import load_in_background, wait_for_torch_core
from nnviz.gui.window.settings import open_settings, read_choice


def has_display() -> bool:
    """Whether a window can be shown (always true off Linux)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def application(offscreen: bool = False) -> QApplication:
    """The running QApplication, created once with nnviz's names.

    ``offscreen`` renders without a screen (``nnviz shot``) when none is there.
    """
    app = QApplication.instance()
    if app is None:
        if offscreen and not has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([sys.argv[0] if sys.argv else "nnviz"])
        app.setOrganizationName("nnviz")
        app.setApplicationName("nnviz")
        app.setApplicationDisplayName("nnviz")
        collect_garbage_in_gui_thread(app)
    return app  # type: ignore[return-value]


def collect_garbage_in_gui_thread(app: QApplication) -> None:
    """Python's cycle collector runs only on the GUI thread, on a timer.

    Left automatic, it runs in whichever thread allocates when a threshold is
    crossed: the training worker, the background loader or numba's warm-up
    could then finalise a Qt object outside the GUI thread, and Qt crashes
    (seen as a rare segfault in numba's warm-up thread). pyqtgraph's
    ``GarbageCollector`` turns the automatic collection off and collects,
    generation by generation as the thresholds say, every half second.
    """
    from pyqtgraph.util.garbage_collector import GarbageCollector

    app._nnviz_garbage_collector = GarbageCollector(interval=0.5)  # type: ignore[attr-defined]


def choose_language(lang: str | None) -> str:
    """The language to start in: the argument, else the saved one, else the system's."""
    if lang:
        return lang
    return read_choice(open_settings(), "ui/language", i18n.LANGUAGES) or i18n.system_language()


def build_window(
    file: str | None = None,
    preset: str | None = None,
    lang: str | None = None,
    offscreen: bool = False,
    activations: list[str] | None = None,
):
    """Create the application (if needed) and a main window, not yet shown.

    ``activations`` go with a PyTorch weights ``file``, one per Linear layer;
    without them the window asks."""
    app = application(offscreen)
    i18n.set_language(choose_language(lang))
    from nnviz.gui.window.main_window import MainWindow

    window = MainWindow()
    if file:
        window.open_file(file, raise_errors=True, activations=activations)
    else:
        window.load_lesson(preset or window.initial_lesson(), raise_errors=True)
    return app, window


def missing_x11_libraries() -> list[str]:
    """System libraries Qt's X11 plugin needs that this Linux machine lacks.

    Without them Qt aborts the process with a long message; we say it in one
    line instead.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM") or not os.environ.get("DISPLAY"):
        return []
    if os.environ.get("WAYLAND_DISPLAY"):
        return []
    import ctypes.util

    needed = {"xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
              "xkbcommon-x11": "libxkbcommon-x11-0"}
    return [pkg for lib, pkg in needed.items() if ctypes.util.find_library(lib) is None]


def start_first_use() -> None:
    """Start loading PyTorch, mathtext and numba in the background, and return
    once PyTorch's longest hold of the GIL is over (see
    :mod:`nnviz.gui.window.first_use`): called before the window shows. (Started
    before the window is built instead, the import and the building share the
    GIL: the window came up 0.07 s sooner, measured; not worth two threads
    importing at once.)"""
    load_in_background()
    wait_for_torch_core()


def run_gui(
    file: str | None = None,
    preset: str | None = None,
    lang: str | None = None,
    activations: list[str] | None = None,
) -> int:
    if not has_display():
        raise UserError("No display is available; use 'nnviz shot' to render the window offscreen.")
    missing = missing_x11_libraries()
    if missing:
        raise UserError(
            "Qt needs system libraries to open a window here; install them with: "
            f"sudo apt-get install {' '.join(missing)}"
        )
    app, window = build_window(file, preset, lang, activations=activations)
    start_first_use()
    window.ask_to_save = True  # Ctrl+Q after training asks before the weights are lost
    window.show()
    window.offer_recovery()
    return app.exec()
