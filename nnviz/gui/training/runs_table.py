"""The runs table: every run of the plots side by side (Plots → Runs…).

One row per run, earlier ones first and the current one last: its colour and
whether it is shown (a check box), its label (what it changed from the run
before it; double-click to rename), the settings that differ between the
runs, the best and final validation loss, the epoch of the best, the final
accuracy, the updates done and the seconds it trained. Delete removes an
earlier run, Export writes a run's figures as CSV. The figures are computed
by :func:`nnviz.core.training.runs.run_figures`; the table follows the plots'
``runsChanged`` signal.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.model.atomic_files import atomic_write_text
from nnviz.core.training.runs import SETTINGS, run_figures, setting_words
from nnviz.gui.core_strings import translate_core

#: columns after the label and the differing settings
FIGURES = ("best_val_loss", "best_epoch", "final_val_loss", "final_val_acc", "updates", "seconds")


class RunsTable(QDialog):
    """The runs of a :class:`~nnviz.gui.training.plots.TrainingPlots`, as a table."""

    def __init__(self, plots: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plots = plots
        self._filling = False
        self.setModal(False)
        self.table = QTableWidget(0, 3 + len(FIGURES))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.delete_button = QPushButton(clicked=self.delete_selected)
        self.export_button = QPushButton(clicked=self._export_dialog)
        self.close_button = QPushButton(clicked=self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        plots.runsChanged.connect(self.refresh)
        self.resize(900, 320)
        self.retranslate()

    # ------------------------------------------------------------- filling
    def refresh(self) -> None:
        runs = self._plots.runs()
        self._runs = runs
        differing = self._differing_settings(runs)
        locale = QLocale()
        self._filling = True
        self.table.setRowCount(len(runs))
        current = len(runs) - 1 if self._plots.point_count() else -1
        for row, run in enumerate(runs):
            figures = run_figures(run["table"], run.get("seconds"))
            colour = run["color"]
            name = QTableWidgetItem("")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | (
                Qt.ItemFlag.ItemIsUserCheckable if row != current else Qt.ItemFlag.NoItemFlags))
            if row != current:
                name.setCheckState(Qt.CheckState.Checked if run["visible"] else Qt.CheckState.Unchecked)
            name.setBackground(QColor(*colour) if colour is not None else self.palette().base())
            name.setToolTip(self.tr("the run on show now") if row == current else self.tr("shown in the plots"))
            label = QTableWidgetItem(run["label"] + (" " + self.tr("(now)") if row == current else ""))
            label.setFlags(label.flags() | Qt.ItemFlag.ItemIsEditable)
            settings = run.get("settings") or {}
            diff = QTableWidgetItem(" · ".join(setting_words(k, settings[k], translate_core)
                                               for k in differing if k in settings))
            diff.setFlags(diff.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, label)
            self.table.setItem(row, 2, diff)
            for col, key in enumerate(FIGURES, start=3):
                item = QTableWidgetItem(self._number(locale, key, figures[key]))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self._filling = False
        self._update_buttons()

    @staticmethod
    def _differing_settings(runs: list[dict[str, Any]]) -> list[str]:
        known = [r["settings"] for r in runs if r.get("settings")]
        if len(known) < 2:
            return ["batch_size", "hidden"] if known else []
        return [k for k in SETTINGS if len({repr(s.get(k)) for s in known}) > 1]

    @staticmethod
    def _number(locale: QLocale, key: str, value: float) -> str:
        if not math.isfinite(value):
            return "–"
        if key in ("best_epoch", "updates"):
            return locale.toString(int(round(value)))
        if key == "final_val_acc":
            return locale.toString(value, "f", 1) + " %"
        if key == "seconds":
            return locale.toString(value, "f", 1)
        return locale.toString(value, "g", 4)

    # ------------------------------------------------------------- editing
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row = item.row()
        if item.column() == 0 and row < self._plots.old_run_count():
            self._plots.set_run_visible(row, item.checkState() == Qt.CheckState.Checked)
        elif item.column() == 1:
            text = item.text().removesuffix(" " + self.tr("(now)"))
            self._plots.rename_run(row, text)

    def _selected_row(self) -> int:
        rows = {i.row() for i in self.table.selectedItems()}
        return min(rows) if rows else -1

    def _update_buttons(self) -> None:
        row = self._selected_row()
        self.delete_button.setEnabled(0 <= row < self._plots.old_run_count())
        self.export_button.setEnabled(row >= 0)

    def delete_selected(self) -> None:
        row = self._selected_row()
        if 0 <= row < self._plots.old_run_count():
            self._plots.delete_run(row)

    def export_run(self, row: int, path: str) -> bool:
        try:
            atomic_write_text(path, self._plots.run_csv(row))
        except OSError as exc:
            self.note.setText(self.tr("Could not write %1: %2").replace("%1", path).replace("%2", exc.strerror or ""))
            return False
        self.note.setText(self.tr("Saved %1").replace("%1", path))
        return True

    def _export_dialog(self) -> None:
        row = self._selected_row()
        if row < 0:
            return
        name = "".join(c if c.isalnum() else "-" for c in self._runs[row]["label"]).strip("-") or "run"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export a run"), f"{name}.csv",
                                              self.tr("CSV tables (*.csv)"))
        if path:
            self.export_run(row, path)

    # ---------------------------------------------------------- translation
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Runs"))
        self.note.setText(self.tr("Every run since the lesson opened: Reset starts a new one. Tick a run to show it "
                                  "in the plots; double-click its name to rename it."))
        self.table.setHorizontalHeaderLabels([
            self.tr("shown"), self.tr("run"), self.tr("settings that differ"), self.tr("best validation loss"),
            self.tr("best epoch"), self.tr("final validation loss"), self.tr("final accuracy"),
            self.tr("updates"), self.tr("seconds"),
        ])
        self.delete_button.setText(self.tr("Delete run"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.close_button.setText(self.tr("Close"))
        self.refresh()

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
