"""The import dialog of a CSV table: a preview, the label and the features.

:class:`CsvImportDialog` shows the first rows of the file as a table, the
format nnviz detected (separator, decimal mark, text encoding, header row),
and lets the user pick the label column (what the network learns to tell),
the feature columns (its inputs; the numeric ones are ticked), whether the
label is a class or a number to predict (regression), and the share held out
for validation. It only collects the choice: :meth:`CsvImportDialog.source`
describes it as a :class:`~nnviz.core.data.source.DataSource`, which the
window builds in the background (:mod:`nnviz.gui.data.loader`).
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.data.source import DataSource
from nnviz.core.data.table import Preview
from nnviz.gui.wheel_guard import guard_wheel

TASKS = ("auto", "classification", "regression")


class CsvImportDialog(QDialog):
    """Preview a CSV table and choose its label and feature columns."""

    def __init__(self, path: str, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csvImportDialog")
        self._path = path
        self._preview = preview
        self._names = list(preview.names)

        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.format_label = QLabel()
        self.format_label.setObjectName("csvFormat")
        self.format_label.setWordWrap(True)

        self.table = QTableWidget(len(preview.rows), len(self._names))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels(self._names)
        for r, row in enumerate(preview.rows):
            for c, cell in enumerate(row[: len(self._names)]):
                self.table.setItem(r, c, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()
        self.table.setMinimumHeight(220)

        self.label_column = QComboBox()
        for c, name in enumerate(self._names):
            self.label_column.addItem(name, c)
        self.label_column.setCurrentIndex(max(0, min(preview.suggested_label, len(self._names) - 1)))

        self.features = QListWidget()
        self.features.setMinimumHeight(70)
        self.features.setMaximumHeight(140)  # the preview table gets the room
        self.task = QComboBox()
        for key in TASKS:
            self.task.addItem(key, key)
        self.val_fraction = QDoubleSpinBox()
        self.val_fraction.setRange(0.0, 0.9)
        self.val_fraction.setSingleStep(0.05)
        self.val_fraction.setDecimals(2)
        self.val_fraction.setValue(0.2)
        self.standardise_note = QLabel()
        self.standardise_note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("csvProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._form = QFormLayout()
        self._form_labels = [QLabel() for _ in range(4)]
        for lab, field in zip(
            self._form_labels, (self.label_column, self.features, self.task, self.val_fraction), strict=True
        ):
            self._form.addRow(lab, field)
        lay = QVBoxLayout(self)
        lay.addWidget(self.file_label)
        lay.addWidget(self.format_label)
        lay.addWidget(self.table, 1)
        grid = QGridLayout()
        grid.addLayout(self._form, 0, 0)
        lay.addLayout(grid)
        lay.addWidget(self.standardise_note)
        lay.addWidget(self.problem)
        lay.addWidget(self.buttons)

        self.label_column.currentIndexChanged.connect(self._fill_features)
        self.features.itemChanged.connect(self._check)
        self._fill_features()
        self.retranslate()
        guard_wheel(self)  # the wheel scrolls the panel, not an unfocused field
        self.resize(760, 560)

    # ------------------------------------------------------------ choice
    def label_index(self) -> int:
        return int(self.label_column.currentData())

    def feature_indices(self) -> list[int]:
        out = []
        for i in range(self.features.count()):
            item = self.features.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_features(self, indices: list[int]) -> None:
        """Tick exactly the columns ``indices`` (tests, the command line's --features)."""
        for i in range(self.features.count()):
            item = self.features.item(i)
            on = int(item.data(Qt.ItemDataRole.UserRole)) in indices
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def source(self) -> DataSource:
        """The data the user chose, as a description the loader rebuilds."""
        fmt = self._preview.format
        return DataSource.csv(
            self._path,
            fmt,
            label=self.label_index(),
            features=self.feature_indices(),
            task=str(self.task.currentData()),
            val_fraction=float(self.val_fraction.value()),
            seed=0,
            label_name=self._names[self.label_index()] if fmt.header else "",
            feature_names=[self._names[c] for c in self.feature_indices()] if fmt.header else (),
        )

    # ----------------------------------------------------------- filling
    def _fill_features(self) -> None:
        label = self.label_index()
        self.features.blockSignals(True)
        self.features.clear()
        for c, name in enumerate(self._names):
            if c == label:
                continue
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, c)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            numeric = c < len(self._preview.numeric) and self._preview.numeric[c]
            item.setCheckState(Qt.CheckState.Checked if numeric else Qt.CheckState.Unchecked)
            self.features.addItem(item)
        self.features.blockSignals(False)
        self._check()

    def _mark_columns(self, chosen: list[int]) -> None:
        """In the preview, the label column bold on a tint, columns left out grey."""
        label = self.label_index()
        for c in range(self.table.columnCount()):
            head = self.table.horizontalHeaderItem(c)
            font = head.font()
            font.setBold(c == label)
            head.setFont(font)
            for r in range(self.table.rowCount()):
                item = self.table.item(r, c)
                if item is None:
                    continue
                item.setFont(font)
                if c == label:
                    item.setBackground(QColor(255, 236, 200))
                    item.setForeground(QColor(0, 0, 0))
                elif c in chosen:
                    item.setBackground(QColor(255, 255, 255))
                    item.setForeground(QColor(0, 0, 0))
                else:
                    item.setBackground(QColor(245, 245, 245))
                    item.setForeground(QColor(150, 150, 150))
        self.table.resizeColumnsToContents()  # bold is wider

    def _check(self, *args: Any) -> None:
        chosen = self.feature_indices()
        self._mark_columns(chosen)
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(bool(chosen))
        if not chosen:
            self.problem.setText(self.tr("Tick at least one feature column: the network's inputs."))
        else:
            text = [n for c, n in enumerate(self._names) if c in chosen and not self._numeric(c)]
            self.problem.setText(
                self.tr("Not numeric in the first rows: %1. Importing will say where, if you keep them ticked.")
                .replace("%1", ", ".join(text))
                if text
                else ""
            )
        self._update_note(len(chosen))

    def _numeric(self, c: int) -> bool:
        return c < len(self._preview.numeric) and self._preview.numeric[c]

    def _update_note(self, n: int) -> None:
        note = self.tr(
            "The features are standardised: x' = (x − mean) / standard deviation, "
            "both measured on the training part only."
        )
        if n == 2:
            note += " " + self.tr("Two features: the data plot and the decision regions show them.")
        elif n > 2:
            note += " " + self.tr("%1 features: the data plot draws two, so it stays hidden; "
                                  "everything else works.").replace("%1", str(n))
        self.standardise_note.setText(note)

    # ---------------------------------------------------------- language
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import data"))
        self.file_label.setText(self.tr("File: %1").replace("%1", os.path.basename(self._path)))
        fmt = self._preview.format
        separators = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"),
                      " ": self.tr("space"), "|": "|"}
        self.format_label.setText(
            self.tr("Detected: separator %1, decimal mark “%2”, %3, %4.")
            .replace("%1", separators.get(fmt.delimiter, fmt.delimiter))
            .replace("%2", fmt.decimal)
            .replace("%3", {"utf-8": "UTF-8", "utf-8-sig": self.tr("UTF-8 with BOM"), "latin-1": "Latin-1",
                            "cp1252": "Windows-1252", "utf-16": "UTF-16"}.get(fmt.encoding, fmt.encoding))
            .replace("%4", self.tr("the first row names the columns") if fmt.header
                     else self.tr("no header row"))
        )
        texts = (self.tr("Label (what to predict):"), self.tr("Features (inputs):"),
                 self.tr("The label is:"), self.tr("Held out for validation:"))
        for lab, text in zip(self._form_labels, texts, strict=True):
            lab.setText(text)
        self.label_column.setToolTip(self.tr("The column the network learns to predict"))
        self.features.setToolTip(self.tr("The columns given to the network as inputs"))
        names = {
            "auto": self.tr("decided from the values (names or a few whole numbers: classes)"),
            "classification": self.tr("a class (one output per class)"),
            "regression": self.tr("a number to predict (regression: identity output, MSE)"),
        }
        for i in range(self.task.count()):
            self.task.setItemText(i, names[self.task.itemData(i)])
        self.val_fraction.setToolTip(
            self.tr("The share of rows the network never trains on: the validation curve measures them")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self._check()
