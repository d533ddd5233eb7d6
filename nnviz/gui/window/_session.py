"""Session files in the main window (a mixin of ``MainWindow``): File → Open,
Save session (Ctrl+S), Save session as… (Ctrl+Shift+S), Open recent.

:meth:`WindowSession.session_state` gathers what is on show into a
:class:`~nnviz.core.session.record.Session` (the lesson with the settings on
the form, the weights, the counters, the curves of every run, the optimizer's
memory, the stepper's update and step, the view options);
:meth:`WindowSession.open_session` reads one and shows it again, reading a big
table or an image folder again in the background first. A file that cannot be
read is one sentence and leaves the window as it was.

It reads ``lesson``, ``model``, ``training``, ``stepper``, ``_settings`` of the
window and opens lessons through ``MainWindow._open``.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMenu

from nnviz.core.errors import UserError
from nnviz.core.lecture.stepping import FinishedUpdate, UpdateStart
from nnviz.core.session.record import RunRecord, Session, StepperRecord, load_session, save_session
from nnviz.gui.core_strings import user_message

#: files in File → Open recent
MAX_RECENT = 8
SESSION_SUFFIX = ".nnviz"


class WindowSession:
    """Save and reopen the whole window as a ``*.nnviz`` session file."""

    # ------------------------------------------------------------ gathering
    def session_state(self) -> Session:
        """What is on show now, as a Session (UserError when a setting on the form is impossible)."""
        if self.lesson is None:
            raise UserError("There is no lesson on show to save.")
        lesson = dataclasses.replace(self.lesson, stepper=dict(self.lesson.stepper),
                                     training=dict(self.lesson.training), data=dict(self.lesson.data))
        if lesson.mode == "train":
            return self._training_session(lesson)
        return self._stepper_session(lesson)

    def _training_session(self, lesson) -> Session:
        panel = self.training
        lesson.training = panel.config().to_dict()
        lesson.network = panel.initial_network()
        lesson.pace = float(panel.speed.currentData())
        ds = panel.dataset()
        spec = None if lesson.files is not None else panel.spec_on_show(lesson.data)
        if spec is not None:  # a generator makes the same points and split again
            lesson.given_data = None
            lesson.data = spec
        elif ds is not None:  # imported, drawn or read from files: kept (or where it came from)
            lesson.given_data = ds
            if lesson.files is None:
                lesson.data = {"kind": "custom", "val_fraction": panel.form.val_fraction.value()}
        epochs, updates = panel.progress_counts()
        runs = [RunRecord(r["table"], int(r["best_epoch"]), int(r["stop_epoch"]), str(r.get("label") or ""))
                for r in panel.plots_widget().run_tables()]
        plots = panel.plots_widget()
        view = {
            "x_axis": plots.x_axis_mode(),
            "log_scale": plots.log_scale.isChecked(),
            "smoothing": plots.smoothing.value() / 100.0,
            "speed": lesson.pace,
        }
        return Session(lesson, self.model.network.copy(), epochs, updates, panel.optimizer_state(), runs,
                       view=view)

    def _stepper_session(self, lesson) -> Session:
        walk = self.stepper._active_walk()
        record = None
        if walk is not None:
            lesson.stepper["eta"] = walk.eta
            lesson.stepper["freeze_biases"] = walk.freeze_biases
        position = self.stepper.position()
        if self.stepper.edits_pending():
            # weights edited by hand, not yet in the walk: they begin the lesson again
            lesson.network = self.model.network.copy()
            position = None
        if position is not None:
            start, pos, granularity = position
            finished = [(f.number, f.sample, f.error, f.mean_error_after) for f in start.finished]
            record = StepperRecord(start.network, start.sample, start.number, finished, pos, granularity)
        view = {"stepper_speed": float(self.stepper.play_speed())}
        return Session(lesson, self.model.network.copy(), stepper=record, view=view)

    # ------------------------------------------------------------- saving
    def save_session(self, path: str) -> bool:
        """Write the session on show to ``path``; True once it is saved."""
        try:
            save_session(self.session_state(), path)
        except UserError as exc:
            self._error(user_message(exc))
            return False
        self._session_path = path
        self._remember_recent(path)
        self._unsaved_training = False
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)
        return True

    def _save_session_now(self) -> bool:
        """File → Save session: to the file it came from, else ask where."""
        path = getattr(self, "_session_path", None)
        if path:
            return self.save_session(path)
        return self._save_session_dialog()

    def _save_session_dialog(self) -> bool:
        name = getattr(self, "_session_path", None) or f"{self._session_name()}{SESSION_SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save session"), name, self.tr("nnviz sessions (*.nnviz)")
        )
        if not path:
            return False
        if not path.endswith(SESSION_SUFFIX):
            path += SESSION_SUFFIX
        return self.save_session(path)

    def _session_name(self) -> str:
        name = self.lesson.name if self.lesson is not None else "session"
        return "".join(c if c.isalnum() or c in "-_" else "-" for c in name.removeprefix("file:")) or "session"

    # ------------------------------------------------------------ opening
    def open_session(self, path: str, raise_errors: bool = False) -> bool:
        """Read the session in ``path`` and show it; on error nothing changes."""
        try:
            session = load_session(path)
        except UserError as exc:
            if raise_errors:
                raise
            self._error(user_message(exc))
            return False
        return self.show_session(session, path, raise_errors)

    def show_session(self, session: Session, path: str | None, raise_errors: bool = False) -> bool:
        """Show ``session`` (read from ``path``; None: the crash autosave).

        Data that has to be read again (a big table, MNIST's folder) is read
        in the background with a progress bar; ``raise_errors`` (the command
        line, the recovery at start-up) reads it here and raises instead of
        showing the sentence."""
        from nnviz.core.data.source import build

        source = session.data_to_read
        if source is None:
            return self._show_session(session, path, None, raise_errors)
        if raise_errors:
            return self._show_session(session, path, build(source), raise_errors)
        name = Path(path).name if path else self.tr("the recovered session")
        self.run_data_job(
            lambda progress, is_cancelled: build(source, progress, is_cancelled),
            title=self.tr("Open session"),
            text=self.tr("Reading the data of %1…").replace("%1", name),
            loaded=lambda dataset: self._show_session(session, path, dataset, False),
            cancelled_text=self.tr("Opening cancelled; nothing changed."),
        )
        return True

    def _show_session(self, session: Session, path: str | None, dataset: Any, raise_errors: bool) -> bool:
        lesson = session.lesson
        if dataset is not None:
            if lesson.files is not None:
                lesson.keep_files(dataset)
            else:
                lesson.given_data = dataset
        if not self._open(lambda: lesson, raise_errors):
            return False
        self.apply_session_progress(session)
        if path is not None:
            self._session_path = path
            self._remember_recent(path)
            self.statusBar().showMessage(self.tr("Opened %1").replace("%1", Path(path).name), 5000)
        return True

    def apply_session_progress(self, session: Session) -> None:
        """After the session's lesson is on show: its weights, counters, curves,
        optimizer memory, stepper position and view options."""
        if session.lesson.mode == "train":
            runs = [{"table": r.table, "best_epoch": r.best_epoch, "stop_epoch": r.stop_epoch, "label": r.label}
                    for r in session.runs]
            view = session.view
            plots = self.training.plots_widget()
            if "x_axis" in view:
                plots.set_x_axis(view["x_axis"])
            if "log_scale" in view:
                plots.set_log_scale(bool(view["log_scale"]))
            if "smoothing" in view:
                plots.set_smoothing(min(float(view["smoothing"]), 0.99))
            if "speed" in view:
                self.training.set_pace(float(view["speed"]))
            self.training.restore_progress(session.network, session.epochs, session.updates, runs,
                                           session.optimizer)
        elif session.stepper is not None:
            if "stepper_speed" in session.view:
                self.stepper.set_speed(float(session.view["stepper_speed"]))
            st = session.stepper
            start = UpdateStart(st.start, st.sample, st.number, tuple(FinishedUpdate(*f) for f in st.finished))
            try:
                self.stepper.restore_position(start, st.pos, st.granularity)
            except (UserError, IndexError, ValueError):
                self.stepper.reset()  # a position this version cannot walk to: the lesson's start
        self._unsaved_training = False

    # ------------------------------------------------------------- recent
    def recent_files(self) -> list[str]:
        value = self._settings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [v for v in value if isinstance(v, str) and v][:MAX_RECENT]

    def _remember_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        files = [path, *[p for p in self.recent_files() if p != path]][:MAX_RECENT]
        self._settings.setValue("files/recent", files)
        self._fill_recent_menu()

    def _build_recent_menu(self, parent: QMenu) -> None:
        self.menu_recent = parent.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = getattr(self, "menu_recent", None)
        if menu is None:
            return
        menu.clear()
        files = self.recent_files()
        for i, path in enumerate(files, start=1):
            act = menu.addAction(f"&{i} {Path(path).name}")
            act.setToolTip(path)
            act.setStatusTip(path)
            act.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not files:
            menu.addAction(self.tr("No recent files")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(self.tr("Clear the list"), self._clear_recent)
        menu.setEnabled(True)

    def _clear_recent(self) -> None:
        self._settings.setValue("files/recent", [])
        self._fill_recent_menu()

    def _open_recent(self, path: str) -> None:
        if not os.path.exists(path):
            self._error(self.tr("%1 is no longer there; it was taken off the list.").replace("%1", path))
            self._settings.setValue("files/recent", [p for p in self.recent_files() if p != path])
            self._fill_recent_menu()
            return
        if self._may_drop_imported() and self._may_discard(self.tr("Save them before opening another file?")):
            self.open_file(path)
