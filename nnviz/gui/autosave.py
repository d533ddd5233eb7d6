"""Autosave of the network on screen, offered back after a crash.

The network is written (atomically) to the cache folder a moment after each
change; a normal close deletes the file, so a file found at start-up means
the last run did not close normally.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer

from nnviz.core.errors import UserError
from nnviz.core.network import Network, load_network, save_network
from nnviz.gui.model import NetworkModel


def cache_dir() -> Path:
    folder = os.environ.get("NNVIZ_CACHE_DIR")
    if folder:
        return Path(folder)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))


class Autosave(QObject):
    DELAY_MS = 2000

    def __init__(self, model: NetworkModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        #: the lesson the network belongs to, saved with it
        self.lesson_name = ""
        self.path = cache_dir() / "autosave.nnviz.json"
        self._found = self.path.is_file()
        self._timer = QTimer(self, singleShot=True, interval=self.DELAY_MS, timeout=self.save_now)
        model.weightsChanged.connect(self._timer.start)

    def save_now(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            net = self._model.network.copy()
            net.extra["nnviz_lesson"] = self.lesson_name
            save_network(net, self.path)
        except (OSError, UserError):
            pass  # autosave is a courtesy: never interrupt the lesson for it

    def recoverable(self) -> Network | None:
        """The network left by a run that did not close normally, if readable."""
        if not self._found or os.environ.get("NNVIZ_NO_AUTOSAVE_PROMPT"):
            return None
        try:
            return load_network(self.path)
        except UserError:
            return None

    def discard(self) -> None:
        self._timer.stop()
        self._found = False
        try:
            self.path.unlink()
        except OSError:
            pass
