"""The main window's life across runs (a mixin of ``MainWindow``): the place
and size it opens with, the network offered back after a crash, and what a
normal close does (ask about trained weights, stop, remember, drop the
autosave).

It reads ``_settings``, ``autosave``, ``model``, ``training``, ``stepper``,
``lesson``, ``lesson_actions`` and ``persist_state`` of the window, and opens
lessons through ``MainWindow.load_lesson`` and ``MainWindow._show_lesson``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox

from nnviz.core import lessons
from nnviz.core.errors import UserError
from nnviz.gui.core_strings import user_message
from nnviz.gui.window.settings import as_bytes, geometry_fits_screens, note_unusable

DEFAULT_SIZE = (1600, 1000)

log = logging.getLogger(__name__)


class WindowState:
    """Restores and saves the window, offers and restores the autosave."""

    # ------------------------------------------------------------ geometry
    def _restore_window(self) -> None:
        saved = self._settings.value("window/geometry")
        geometry = as_bytes(saved)
        if geometry is None and saved is not None:
            note_unusable("window/geometry", saved)
        restored = False
        if geometry is not None:
            before = self.geometry()
            if self.restoreGeometry(geometry) and geometry_fits_screens(self.frameGeometry()):
                restored = True
            else:
                self.setGeometry(before)
        if not restored:
            self.resize(*DEFAULT_SIZE)

    def save_window_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.sync()

    # ------------------------------------------------------------ recovery
    def offer_recovery(self) -> None:
        """After a crash, offer the session that was autosaved.

        A file that cannot be read, or a restore that fails, is said once,
        kept aside (renamed) and leaves the window on the default lesson: the
        next start is a normal one, not the same failure again."""
        session = self.autosave.recoverable()
        if session is None:
            if self.autosave.rejected is not None:
                self._recovery_failed(*self.autosave.rejected)
            return
        answer = QMessageBox.question(
            self,
            self.tr("Recover network"),
            self.tr("nnviz did not close normally last time. Restore the network you were working on?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.restore_autosaved(session)
            except UserError as exc:
                self._recovery_failed(user_message(exc), self.autosave.set_aside())
                return
            except Exception as exc:  # noqa: BLE001 - a failed restore must never stop every later start
                log.warning("Restoring the autosave failed: %r", exc)
                reason = self.tr("The network does not fit any view ({0}).").format(type(exc).__name__)
                self._recovery_failed(reason, self.autosave.set_aside())
                return
        self.autosave.discard()

    def _recovery_failed(self, reason: str, kept: Path | None) -> None:
        """Say once why the autosave was not restored and where it was kept; show the default lesson."""
        self.load_lesson(lessons.DEFAULT_LESSON)
        message = self.tr("The autosaved network could not be restored: {0}").format(reason)
        if kept is not None:
            message += " " + self.tr("It was kept as {0}.").format(str(kept))
        log.warning("%s", message)
        self._error(message)

    def _autosave_session(self):
        """What the autosave keeps: the session on show, or None while a setting
        on the form is impossible (the last good autosave stays)."""
        try:
            return self.session_state()
        except UserError:
            return None

    def restore_autosaved(self, session) -> None:
        """Show the autosaved session as it was: the lesson, its data, the weights
        in every view, the counters, the curves and the stepper's position
        (UserError when it cannot be shown)."""
        self.show_session(session, None, raise_errors=True)

    # --------------------------------------------------------------- close
    def shutdown(self, save_state: bool = True) -> None:
        """Stop training and playback, remember the window, drop the autosave."""
        self.training.stop_and_wait(paint=False)
        self.data_loader.wait()
        self.stepper.pause()
        if save_state:
            self.save_window_state()
        self.autosave.discard()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        self.shutdown(save_state=self.persist_state)
        super().closeEvent(event)

