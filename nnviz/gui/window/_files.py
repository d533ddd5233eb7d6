"""The main window's file side (a mixin of ``MainWindow``): open and save a
network, export the graph as an image or the worked example as a handout,
and the question "save the trained weights first?" asked before they are
lost (closing, another lesson, another network).

It reads ``model``, ``network_view``, ``stepper``, ``training``, ``lesson``,
``ask_to_save`` and ``_unsaved_training`` of the window, and opens files
through ``MainWindow.open_file``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from nnviz.core.errors import UserError
from nnviz.core.model.network import atomic_write_text, save_network
from nnviz.gui import i18n
from nnviz.gui.core_strings import user_message


class WindowFiles:
    """The File menu's dialogs and the guard of trained, unsaved weights."""

    # ------------------------------------------------------ open and save
    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open"), "", ";;".join([
                self.tr("nnviz files (*.nnviz *.nnviz.json *.json *.pt *.pth *.safetensors)"),
                self.tr("nnviz sessions (*.nnviz)"),
                self.tr("nnviz networks (*.nnviz.json *.json)"),
                self.tr("PyTorch weights (*.pt *.pth *.safetensors)"),
            ])
        )
        if path and self._may_drop_imported() and self._may_discard(
            self.tr("Save them before opening another file?")
        ):
            self.open_file(path)

    def _save_dialog(self) -> bool:
        """Ask where and save the network on show; True once it is saved."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save network"), "network.nnviz.json", self.tr("nnviz networks (*.nnviz.json)")
        )
        if not path:
            return False
        try:
            save_network(self.model.network, path)
        except UserError as exc:
            self._error(user_message(exc))
            return False
        self._unsaved_training = False
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)
        return True

    # ------------------------------------------------------------- import
    def _import_data_dialog(self) -> None:
        """File -> Import data…: a CSV table, previewed, then read in the background."""
        if self.data_loader.is_running():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import data"), "", self.tr("Tables (*.csv *.tsv *.txt);;All files (*)")
        )
        if path:
            self.import_csv(path)

    def import_csv(self, path: str, choose=None) -> bool:
        """Preview ``path``, let the user choose columns, then load it; True once loading began.

        ``choose(dialog)`` stands in for the user (tests): it sets the dialog's
        fields and returns True to import. Errors leave the lesson on show as it was.
        """
        from nnviz.core.data.table import preview
        from nnviz.gui.data.csv_import import CsvImportDialog

        if not self._may_discard(self.tr("Save them before importing data?")):
            return False
        try:
            first_rows = preview(path)
        except UserError as exc:
            self._error(user_message(exc))
            return False
        dialog = CsvImportDialog(path, first_rows, self)
        accepted = choose(dialog) if choose is not None else dialog.exec() == dialog.DialogCode.Accepted
        if not accepted:
            return False
        self.load_data_source(dialog.source(), os.path.basename(path))
        return True

    def load_data_source(self, source, name: str) -> None:
        """Build ``source`` in the background with a progress bar and Cancel, then train on it."""
        from nnviz.core.data.source import build

        self._import_bar = self.run_data_job(
            lambda progress, is_cancelled: build(source, progress, is_cancelled),
            title=self.tr("Import data"),
            text=self.tr("Reading %1…").replace("%1", name),
            loaded=lambda dataset: self.show_imported(dataset, name),
            cancelled_text=self.tr("Import cancelled; nothing changed."),
        )

    def run_data_job(self, job, title: str, text: str, loaded, cancelled_text: str, progressed=None):
        """Run ``job`` on the window's DataLoader under a progress dialog with Cancel.

        ``loaded(dataset)`` follows success; a failure shows its sentence; a
        cancel shows ``cancelled_text``; ``progressed(fraction)`` is called
        after the bar moves. The dialog goes when the job ends; it is returned.
        """
        bar = QProgressDialog(text, self.tr("Cancel"), 0, 1000, self)
        bar.setWindowTitle(title)
        bar.setWindowModality(Qt.WindowModality.WindowModal)
        bar.setMinimumDuration(300)
        bar.setAutoClose(False)
        bar.setAutoReset(False)
        bar.setMinimumWidth(420)
        loader = self.data_loader
        bar.canceled.connect(loader.cancel)

        def on_progress(fraction: float) -> None:
            bar.setValue(int(1000 * min(max(fraction, 0.0), 1.0)))
            if progressed is not None:
                progressed(fraction)

        def finish() -> None:
            for signal, slot in ((loader.progressed, on_progress), (loader.loaded, on_loaded),
                                 (loader.failed, on_failed), (loader.cancelled, on_cancelled)):
                signal.disconnect(slot)
            bar.close()
            bar.deleteLater()

        def on_loaded(dataset) -> None:
            finish()
            loaded(dataset)

        def on_failed(sentence: str) -> None:
            finish()
            self._error(sentence)

        def on_cancelled() -> None:
            finish()
            self.statusBar().showMessage(cancelled_text, 8000)

        loader.progressed.connect(on_progress)
        loader.loaded.connect(on_loaded)
        loader.failed.connect(on_failed)
        loader.cancelled.connect(on_cancelled)
        loader.start(job)
        return bar

    def show_imported(self, dataset, name: str) -> bool:
        """Train on imported data: a fresh network sized for it, in a training lesson."""
        from nnviz.core.lessons import lesson_for_data

        try:
            lesson = lesson_for_data(dataset, name)
        except UserError as exc:
            self._error(user_message(exc))
            return False
        self._show_lesson(lesson, dataset)
        self.statusBar().showMessage(
            self.tr("Imported %1 rows from %2.").replace("%1", str(len(dataset.x))).replace("%2", name), 8000
        )
        return True

    # ------------------------------------------------ unsaved trained weights
    def _on_training_finished(self, status: str) -> None:
        if status in ("completed", "early_stopping", "stopped", "diverged"):
            self._unsaved_training = True

    def _may_close(self) -> bool:
        return self._may_discard(self.tr("Save them before closing?"))

    def _may_discard(self, question: str) -> bool:
        """With trained weights not saved: Save, Discard or Cancel; True to go on."""
        trained = self._unsaved_training or self.training.state != "idle"
        if not (self.ask_to_save and trained):
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Trained network not saved"))
        box.setText(self.tr("The network was trained and its weights are not saved.") + " " + question)
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self._save_session_now()  # the whole session, the weights with it
        return answer == QMessageBox.StandardButton.Discard

    def _may_drop_imported(self) -> bool:
        """Imported or drawn data goes when another lesson or network opens: ask
        first (reading a big table again takes time; drawn points are gone); True to go on."""
        lesson = self.lesson
        if not self.ask_to_save or lesson is None:
            return True
        data = lesson.given_data
        source = data.source if data is not None else None
        drawn = (lesson.mode == "train" and self.training.drawn_points_in_use()) or (
            source is not None and source.kind == "spec" and (source.spec or {}).get("kind") == "points"
        )
        if drawn:
            text = self.tr("The points you drew will be lost unless you save the session (Ctrl+S) "
                           "or the points as CSV. Go on?")
        elif data is not None and lesson.files is None:  # (MNIST's files are read again)
            name = Path(source.path).name if source is not None and source.kind == "csv" else (
                lesson.title_in(i18n.current_language()))
            text = self.tr("The data imported from %1 will be closed (the file itself stays as it is). "
                           "Go on?").replace("%1", name)
        else:
            return True
        answer = QMessageBox.question(self, self.tr("Your data"), text)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------- exports
    def worked_example(self, kind: str) -> str:
        """The stepper's current update as a handout: ``kind`` "markdown" or "latex"."""
        from nnviz.core.lecture.handout import latex_handout, markdown_handout

        walk = self.stepper.walk()
        if walk is None or self.lesson is None or self.lesson.mode != "mlp":
            raise UserError(
                self.tr("The worked example is the update of a backpropagation lesson in lecture mode: "
                        "open one from the Lesson menu first.")
            )
        render = latex_handout if kind == "latex" else markdown_handout
        return render(walk.trace, i18n.current_language())

    def _handout_dialog(self) -> None:
        markdown, latex = self.tr("Markdown (*.md)"), self.tr("LaTeX (*.tex)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the worked example"), "worked-example.md", f"{markdown};;{latex}"
        )
        if not path:
            return
        kind = "latex" if path.endswith(".tex") or (chosen == latex and not path.endswith(".md")) else "markdown"
        try:
            atomic_write_text(path, self.worked_example(kind))
        except UserError as exc:
            self._error(user_message(exc))
            return
        except OSError as exc:
            self._error(self.tr("Could not write %1: %2").replace("%1", path).replace("%2", exc.strerror or ""))
            return
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export network view"), "network.png", self.tr("PNG images (*.png)")
        )
        if path:
            if self.network_view.grab().save(path, "PNG"):
                self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)
            else:
                self._error(self.tr("Could not write the image %1.").replace("%1", path))

    def _error(self, message: str) -> None:
        """A file or lesson that could not be read or written: the status bar
        says why, and a box too where there is a screen to show it on."""
        self.statusBar().showMessage(message, 10000)
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            self._error_box(message).exec()

    def _error_box(self, message: str) -> QMessageBox:
        """The warning box for ``message``, shown as plain text: the sentence may
        quote a file, and HTML from a file must be shown, never rendered."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("nnviz"), message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box
