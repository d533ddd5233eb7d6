"""Autosave of the session on screen, offered back after a crash.

The window's session (:attr:`Autosave.source`: the lesson, the weights, the
data the user brought, the settings, the curves, the stepper's position) is
written as a session file (:mod:`nnviz.core.session`, the format of File →
Save session) to the cache folder at most :attr:`Autosave.DELAY_MS` after a
change of the weights, also while training changes them every frame; a
normal close deletes the file, so a file found at start-up means the last
run did not close normally.

A file that cannot be read, or whose recovery fails, is renamed aside
(:meth:`Autosave.set_aside`, ``autosave.nnviz.failed-<time>``): never
offered again, never lost, and never a reason for the app not to start.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QTimer

from nnviz.core.errors import UserError
from nnviz.core.session.record import Session, load_session, save_session
from nnviz.gui.core_strings import user_message
from nnviz.gui.network.model import NetworkModel

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    folder = os.environ.get("NNVIZ_CACHE_DIR")
    if folder:
        return Path(folder)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))


class Autosave(QObject):
    DELAY_MS = 2000
    #: a big network saved while training: at most this share of the GUI thread
    MAX_DUTY = 0.02

    def __init__(self, model: NetworkModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        #: the session to save (the window's); None from it: nothing to save now
        self.source: Callable[[], Session | None] | None = None
        self.path = cache_dir() / "autosave.nnviz"
        self._found = self.path.is_file()
        #: why the file found at start could not be read, and where it was
        #: kept (None: not renamed), set by :meth:`recoverable`
        self.rejected: tuple[str, Path | None] | None = None
        self._timer = QTimer(self, singleShot=True, interval=self.DELAY_MS, timeout=self._save_in_background)
        #: the background writer: the session waiting to be written, and whether it runs
        self._lock = threading.Lock()
        self._waiting: Session | None = None
        self._writer: threading.Thread | None = None
        self._closed = False
        #: seconds the last background write took (a big network's file is written less often)
        self._last_write_s = 0.0
        model.weightsChanged.connect(self._changed)

    def _changed(self) -> None:
        # not restarted on every change: a run that changes the weights every
        # frame is still saved every DELAY_MS
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        """Gather the session and write it now, in this thread (tests, a last save)."""
        self._timer.stop()
        self._wait_for_writer()
        t0 = time.perf_counter()
        try:
            session = self.source() if self.source is not None else None
            if session is not None:
                self._write(session)
        except UserError:
            pass  # autosave is a courtesy: never interrupt the lesson for it
        self._pace(time.perf_counter() - t0)

    def _save_in_background(self) -> None:
        """The timer's save: the session is gathered here (copies of the weights on
        show), written by a background thread, so that a big network's file never
        holds up a frame; a save still being written when the next is due is
        replaced by the newer one."""
        if self._closed:
            return
        t0 = time.perf_counter()
        try:
            session = self.source() if self.source is not None else None
        except UserError:
            session = None
        if session is None:
            return
        with self._lock:
            self._waiting = session
            start = self._writer is None or not self._writer.is_alive()
            if start:
                self._writer = threading.Thread(target=self._write_waiting, name="nnviz-autosave", daemon=True)
                self._writer.start()
        self._pace(time.perf_counter() - t0)

    def _write_waiting(self) -> None:
        while True:
            with self._lock:
                session, self._waiting = self._waiting, None
                if session is None or self._closed:
                    return
            t0 = time.perf_counter()
            try:
                self._write(session)
            except UserError:
                pass
            self._last_write_s = time.perf_counter() - t0

    def _write(self, session: Session) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            save_session(session, self.path)
        except OSError:
            pass

    def _pace(self, gather_s: float) -> None:
        cost_s = gather_s + self._last_write_s * 0.1
        self._timer.setInterval(max(self.DELAY_MS, int(1000 * cost_s / self.MAX_DUTY)))

    def _wait_for_writer(self) -> None:
        writer = self._writer
        if writer is not None and writer is not threading.current_thread():
            writer.join()

    def recoverable(self) -> Session | None:
        """The session left by a run that did not close normally, if readable."""
        if not self._found or os.environ.get("NNVIZ_NO_AUTOSAVE_PROMPT"):
            return None
        try:
            return load_session(self.path)
        except UserError as exc:
            reason = user_message(exc)
        except Exception as exc:  # noqa: BLE001 - a damaged file must never stop the app from starting
            reason = QCoreApplication.translate("Autosave", "The file is damaged ({0}).").format(type(exc).__name__)
        kept = self.set_aside()
        log.warning("The autosave %s could not be read and was kept as %s: %s", self.path, kept, reason)
        self.rejected = (reason, kept)
        return None

    def set_aside(self) -> Path | None:
        """Rename the autosave file to ``<name>.failed-<time>`` beside it, so
        that it is neither offered again nor lost; the new name, or None when
        it could not be renamed."""
        self._timer.stop()
        self._found = False
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.failed-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.failed-{stamp}-{n}")
        try:
            self.path.rename(target)
        except OSError:
            return None
        return target

    def discard(self) -> None:
        """A normal close: no more saves, the one being written finished, the file gone."""
        self._timer.stop()
        with self._lock:
            self._closed = True
            self._waiting = None
        self._wait_for_writer()
        self._found = False
        try:
            self.path.unlink()
        except OSError:
            pass
