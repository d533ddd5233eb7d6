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
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.data.source import DataSource
from nnviz.core.data.table import Preview, preview
from nnviz.core.errors import UserError
from nnviz.gui.core_strings import user_message
from nnviz.gui.wheel_guard import guard_wheel

TASKS = ("auto", "classification", "regression")
#: separators the user may pick when the guess is wrong
SEPARATORS = (",", ";", "\t", "|", " ")


class CsvImportDialog(QDialog):
    """Preview a CSV table and choose its label and feature columns."""

    def __init__(self, path: str, first_rows: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csvImportDialog")
        self._path = path
        self._preview = first_rows
        self._names = list(first_rows.names)

        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.format_label = QLabel()
        self.format_label.setObjectName("csvFormat")
        self.format_label.setWordWrap(True)

        # the guessed format, which the user may correct
        self.separator = QComboBox()
        for sep in SEPARATORS:
            self.separator.addItem(sep, sep)
        self.decimal = QComboBox()
        for mark in (".", ","):
            self.decimal.addItem(mark, mark)
        self.header = QCheckBox()
        self._format_labels = [QLabel(), QLabel()]
        format_row = QHBoxLayout()
        format_row.addWidget(self._format_labels[0])
        format_row.addWidget(self.separator)
        format_row.addSpacing(12)
        format_row.addWidget(self._format_labels[1])
        format_row.addWidget(self.decimal)
        format_row.addSpacing(12)
        format_row.addWidget(self.header)
        format_row.addStretch(1)

        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(220)
        self.label_column = QComboBox()

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
        lay.addLayout(format_row)
        lay.addWidget(self.table, 1)
        grid = QGridLayout()
        grid.addLayout(self._form, 0, 0)
        lay.addLayout(grid)
        lay.addWidget(self.standardise_note)
        lay.addWidget(self.problem)
        lay.addWidget(self.buttons)

        self.label_column.currentIndexChanged.connect(self._fill_features)
        self.features.itemChanged.connect(self._check)
        self._show_preview(first_rows)
        for combo in (self.separator, self.decimal):
            combo.currentIndexChanged.connect(self._reread)
        self.header.toggled.connect(self._reread)
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
    def _show_preview(self, first: Preview) -> None:
        """Fill the table, the format fields and the label choice from ``first``."""
        self._preview = first
        self._names = list(first.names)
        fmt = first.format
        for widget, value in ((self.separator, fmt.delimiter), (self.decimal, fmt.decimal)):
            widget.blockSignals(True)
            widget.setCurrentIndex(max(0, widget.findData(value)))
            widget.blockSignals(False)
        self.header.blockSignals(True)
        self.header.setChecked(fmt.header)
        self.header.blockSignals(False)
        self.table.clear()
        self.table.setRowCount(len(first.rows))
        self.table.setColumnCount(len(self._names))
        self.table.setHorizontalHeaderLabels(self._names)
        for r, row in enumerate(first.rows):
            for c, cell in enumerate(row[: len(self._names)]):
                self.table.setItem(r, c, QTableWidgetItem(cell))
        self.label_column.blockSignals(True)
        self.label_column.clear()
        for c, name in enumerate(self._names):
            self.label_column.addItem(name, c)
        self.label_column.setCurrentIndex(max(0, min(first.suggested_label, len(self._names) - 1)))
        self.label_column.blockSignals(False)
        self._fill_features()
        if hasattr(self, "_title_done"):
            self._describe_format()

    def _reread(self, *args: Any) -> None:
        """The user corrected the separator, decimal mark or header: read the first rows again."""
        fmt = replace(
            self._preview.format,
            delimiter=str(self.separator.currentData()),
            decimal=str(self.decimal.currentData()),
            header=self.header.isChecked(),
        )
        try:
            first = preview(self._path, fmt=fmt)
        except UserError as exc:
            self.problem.setText(user_message(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self._show_preview(first)

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
        self._format_labels[0].setText(self.tr("Separator:"))
        self._format_labels[1].setText(self.tr("Decimal mark:"))
        self.header.setText(self.tr("the first row names the columns"))
        self.separator.setToolTip(self.tr("What stands between the fields of a row; correct it if the guess is wrong"))
        self.decimal.setToolTip(self.tr("How the numbers write their decimals: 0.5 or 0,5"))
        names = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"),
                 " ": self.tr("space"), "|": "|"}
        for i in range(self.separator.count()):
            self.separator.setItemText(i, names.get(self.separator.itemData(i), self.separator.itemData(i)))
        self._title_done = True
        self._describe_format()
        texts = (self.tr("Label (what to predict):"), self.tr("Features (inputs):"),
                 self.tr("The label is:"), self.tr("Held out for validation:"))
        for lab, text in zip(self._form_labels, texts, strict=True):
            lab.setText(text)
        self.label_column.setToolTip(self.tr("The column the network learns to predict"))
        self.features.setToolTip(self.tr("The columns given to the network as inputs"))
        tasks = {
            "auto": self.tr("decided from the values (names or a few whole numbers: classes)"),
            "classification": self.tr("a class (one output per class)"),
            "regression": self.tr("a number to predict (regression: identity output, MSE)"),
        }
        for i in range(self.task.count()):
            self.task.setItemText(i, tasks[self.task.itemData(i)])
        self.val_fraction.setToolTip(
            self.tr("The share of rows the network never trains on: the validation curve measures them")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self._check()

    def _describe_format(self) -> None:
        fmt = self._preview.format
        encoding = {"utf-8": "UTF-8", "utf-8-sig": self.tr("UTF-8 with BOM"), "latin-1": "Latin-1",
                    "cp1252": "Windows-1252", "utf-16": "UTF-16"}.get(fmt.encoding, fmt.encoding)
        self.format_label.setText(
            self.tr("Text encoding: %1 (detected). Below, the separator, the decimal mark and the header "
                    "row as guessed: correct them if the columns look wrong.").replace("%1", encoding)
        )
