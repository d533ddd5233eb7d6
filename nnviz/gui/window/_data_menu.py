"""MNIST and Fashion-MNIST in the window (a mixin of ``MainWindow``): the Data menu and File → Open data folder….

- Data → Get MNIST… / Get Fashion-MNIST…: the set's four files are
  downloaded (:func:`nnviz.core.data.download.download`: mirrors in turn,
  MD5 checked, resumed, never twice) and read, in the background on the
  window's :class:`~nnviz.gui.data.loader.DataLoader`, under a progress
  dialog that shows bytes, speed and time left, with Cancel; then the lesson
  of the set opens on them. No connection: the core's one sentence, which
  says where to put the files by hand.
- File → Open data folder…: a folder with the four IDX files (gzipped or
  not) is read the same way and opens the ``mnist`` lesson on it (the
  ``fashion-mnist`` one when the label file is Fashion-MNIST's).
- The class names of such a lesson (Fashion-MNIST's clothes) follow the
  interface language.

It uses ``data_loader``, ``lesson``, ``model``, ``training``, ``_settings``,
``autosave``, ``_error``, ``_may_drop_imported``, ``_may_discard`` and
``_show_lesson`` of the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMenuBar, QProgressDialog

from nnviz.core import lessons
from nnviz.core.data import datasets, download, image_sets
from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.gui import i18n
from nnviz.gui.core_strings import user_message

#: share of the progress bar the download takes (reading the files: the rest)
_DOWNLOAD_SHARE = 0.9
#: seconds a mirror may stay silent before the window's download retries: closing
#: the window waits up to 5 s for the job (DataLoader.wait), and a blocked read only
#: notices Cancel when it returns
_SILENCE_S = 4.0


class WindowData:
    """Get MNIST / Fashion-MNIST and open a folder of IDX files (mixin of MainWindow)."""

    # ------------------------------------------------------------ building
    def _build_data_actions(self) -> None:
        self.act_get_mnist = QAction(self, triggered=lambda: self.get_image_set("mnist"))
        self.act_get_fashion = QAction(self, triggered=lambda: self.get_image_set("fashion-mnist"))
        self.act_open_data_folder = QAction(self, triggered=self._open_data_folder_dialog)
        #: the progress dialog of the download or reading under way (None otherwise)
        self.data_progress: QProgressDialog | None = None
        #: what the worker last reported: written by its thread, read here (a frozen copy)
        self._data_report: dict[str, Any] = {}

    def _build_data_menu(self, bar: QMenuBar) -> QMenu:
        self.menu_data = bar.addMenu("")
        self.menu_data.addAction(self.act_get_mnist)
        self.menu_data.addAction(self.act_get_fashion)
        return self.menu_data

    def _retranslate_data(self) -> None:
        self.menu_data.setTitle(self.tr("&Data"))
        self.act_get_mnist.setText(self.tr("Get &MNIST…"))
        self.act_get_mnist.setToolTip(
            self.tr("Download the 70,000 handwritten digits of MNIST (about 11 MB, once) and open its lesson")
        )
        self.act_get_fashion.setText(self.tr("Get &Fashion-MNIST…"))
        self.act_get_fashion.setToolTip(
            self.tr("Download the 70,000 images of clothes of Fashion-MNIST (about 30 MB, once) and open its lesson")
        )
        self.act_open_data_folder.setText(self.tr("Open data &folder…"))
        self.act_open_data_folder.setToolTip(
            self.tr("A folder with the four IDX files of MNIST or Fashion-MNIST, gzipped or not")
        )
        ds = self.training.dataset()
        if self._localise_data(ds) and self.model.network.layers[-1] == len(ds.class_names):
            self.model.set_output_names(list(ds.class_names))

    def _localise_data(self, ds: Dataset | None) -> bool:
        """Write the class names of an image set (Fashion-MNIST's clothes) in the interface
        language, in place; True when ``ds`` has such names."""
        if ds is None or ds.name not in image_sets.IMAGE_SETS or ds.class_names is None:
            return False
        image_sets.localise(ds, i18n.current_language())
        return True

    # -------------------------------------------------------------- actions
    def get_image_set(self, key: str) -> bool:
        """Data → Get …: download the set (if needed), read it, open its lesson; True once begun."""
        if self.data_loader.is_running() or not self._may_leave_for(key):
            return False
        spec = download.remote_set(key)
        lesson = lessons.load_lesson(key)
        data = dict(lesson.data)
        report = self._data_report = {"title": spec.title, "progress": None, "reading": False}

        def job(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Dataset:
            def downloaded(p: download.DownloadProgress) -> None:
                report["progress"] = p  # a frozen value: the GUI thread reads it on `progressed`
                progress(_DOWNLOAD_SHARE * p.fraction)

            download.download(key, progress=downloaded, cancelled=cancelled, timeout=_SILENCE_S)
            report["reading"] = True
            progress(_DOWNLOAD_SHARE)
            return datasets.make(data)

        self._start_data_job(job, lesson, self.tr("Get %1").replace("%1", spec.title))
        return True

    def _open_data_folder_dialog(self) -> None:
        if self.data_loader.is_running():
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open data folder"))
        if folder:
            self.open_data_folder(folder)

    def open_data_folder(self, folder: str) -> bool:
        """Read the IDX files in ``folder`` in the background and open the lesson on them."""
        key = download.identify(folder) or "mnist"
        if self.data_loader.is_running() or not self._may_leave_for(key):
            return False
        lesson = lessons.load_lesson(key)
        data = dict(lesson.data, path=folder)
        self._data_report = {"title": download.remote_set(key).title, "progress": None, "reading": True}

        def job(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Dataset:
            return datasets.make(data)

        lesson.data = data
        self._start_data_job(job, lesson, self.tr("Open data folder"))
        return True

    def _may_leave_for(self, key: str) -> bool:
        return self._may_drop_imported() and self._may_discard(
            self.tr("Save them before opening %1?").replace("%1", download.remote_set(key).title)
        )

    # ---------------------------------------------------------- the job
    def _start_data_job(self, job: Callable[..., Dataset], lesson: Any, title: str) -> None:
        """Run ``job`` under the window's progress dialog, then show ``lesson`` on its data."""

        def loaded(ds: Dataset) -> None:
            self.data_progress = None
            self._show_image_lesson(lesson, ds)

        def forget(*_: object) -> None:
            self.data_progress = None

        self.data_progress = None
        bar = self.run_data_job(
            job, title=title, text="", loaded=loaded,
            cancelled_text=self.tr(
                "Cancelled; nothing changed. What arrived is kept, and the next try goes on from there."
            ),
            progressed=lambda fraction: self._describe_data_job(),
        )
        self.data_progress = bar
        bar.destroyed.connect(forget)
        self._describe_data_job()

    def _describe_data_job(self) -> None:
        """The dialog's text: the file on its way, bytes, speed and time left; or reading."""
        bar, report = self.data_progress, self._data_report
        if bar is None:
            return
        title = str(report.get("title", ""))
        p: download.DownloadProgress | None = report.get("progress")
        if report.get("reading"):
            bar.setLabelText(self.tr("Reading %1…").replace("%1", title))
            return
        if p is None:
            bar.setLabelText(self.tr("Downloading %1…").replace("%1", title))
            return
        locale = QLocale()
        si = QLocale.DataSizeFormat.DataSizeSIFormat
        lines = [
            self.tr("Downloading %1: %2").replace("%1", title).replace("%2", p.file),
            self.tr("%1 of %2").replace("%1", locale.formattedDataSize(p.done, 1, si))
            .replace("%2", locale.formattedDataSize(p.total, 1, si)),
        ]
        if p.speed > 0:
            lines[-1] += " · " + self.tr("%1/s").replace("%1", locale.formattedDataSize(int(p.speed), 1, si))
        if p.seconds_left is not None:
            left = p.seconds_left
            lines[-1] += " · " + (
                self.tr("%1 s left").replace("%1", str(round(left))) if left < 90
                else self.tr("%1 min left").replace("%1", str(round(left / 60)))
            )
        bar.setLabelText("\n".join(lines))

    def _show_image_lesson(self, lesson: Any, ds: Dataset) -> None:
        """Show ``lesson`` on the images just read (its data kept, not read again)."""
        try:
            lesson.keep_files(ds)
        except UserError as exc:  # pragma: no cover - keep_files refuses nothing today
            self._error(user_message(exc))
            return
        self._show_lesson(lesson, ds)
        if "path" not in (lesson.files or {}):  # the download folder: the next start opens it again
            self._settings.setValue("ui/lesson", lesson.name)
        self.statusBar().showMessage(
            self.tr("%1: %2 training and %3 test images.")
            .replace("%1", lesson.title_in(i18n.current_language()))
            .replace("%2", QLocale().toString(len(ds.x)))
            .replace("%3", QLocale().toString(len(ds.test.x) if ds.test is not None else 0)),
            8000,
        )

    def _files_missing(self, name: str) -> bool:
        """The lesson ``name`` reads image files that are not in the download folder."""
        try:
            lesson = lessons.load_lesson(name)
        except UserError:
            return False
        kind = lesson.data.get("kind")
        return kind in image_sets.IMAGE_SETS and "path" not in lesson.data and bool(download.missing_files(kind))
