"""The grid of the truth-table editor: one row per sample, its inputs and its d.

:class:`TruthGrid` shows rows ``[x1, ..., xn, output]`` (inputs as typed, the
output 0 or 1) and says what the user did: a target switched (a click,
Space, or 0 / 1 / + / − typed on it), an input typed (0 or 1 straight in,
anything else through the cell's editor), Enter to apply. It keeps those
keys from the stepper's shortcuts while it has the focus, so that Space
switches a target instead of stepping. What the rows mean (named, custom,
valid) is the editor's business (:mod:`nnviz.gui.lecture.truth_table`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from nnviz.core.model.regions import class_color

_BASE_PT = 10.0
_BIT = Qt.ItemDataRole.UserRole
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_NO_MODIFIER = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class TruthGrid(QTableWidget):
    """Rows of 0/1 inputs with a target d that toggles (see the module doc)."""

    #: the user switched or set the target of a row: (row, new output 0 or 1)
    targetSet = Signal(int, int)
    #: the user changed the text of an input cell
    inputEdited = Signal()
    #: Enter pressed outside a cell editor
    applyRequested = Signal()

    _KEYS = {
        Qt.Key.Key_Space, Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_Plus, Qt.Key.Key_Minus,
        Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
        Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Home, Qt.Key.Key_End,
    }

    def __init__(self) -> None:
        super().__init__(0, 3)
        self._editable = False
        self._quiet = False
        self._d_texts = ("0", "1")
        self._scale = 1.0
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cellClicked.connect(self._clicked)
        self.itemChanged.connect(self._item_changed)

    # ------------------------------------------------------------ content
    def set_rows(self, rows: list[list[Any]], n_inputs: int, editable: bool, d_texts: tuple[str, str]) -> None:
        """Show ``rows`` ([x1, ..., xn, output]) with d written as ``d_texts``
        (for output 0 and 1); the inputs can be typed when ``editable``."""
        self._quiet = True
        try:
            self._d_texts = d_texts
            current = (self.currentRow(), self.currentColumn())
            self.setColumnCount(n_inputs + 1)
            self.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c in range(n_inputs):
                    item = QTableWidgetItem(str(row[c]) if c < len(row) - 1 else "")
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.setItem(r, c, item)
                target = QTableWidgetItem()
                target.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                target.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(r, n_inputs, target)
                self._style_target(target, _as_bit(row[-1]))
            self.set_inputs_editable(editable)
            if 0 <= current[0] < self.rowCount() and 0 <= current[1] < self.columnCount():
                self.setCurrentCell(*current)
            self.setHorizontalHeaderLabels([f"x{str(i + 1).translate(_SUB)}" for i in range(n_inputs)] + ["d"])
            self._size()
        finally:
            self._quiet = False

    def rows(self) -> list[list[Any]]:
        """The rows: the inputs as typed (text), then the output 0 or 1."""
        out = []
        for r in range(self.rowCount()):
            cells: list[Any] = [self.item(r, c).text() if self.item(r, c) else "" for c in range(self.target_column())]
            target = self.item(r, self.target_column())
            cells.append(int(target.data(_BIT)) if target is not None else 0)
            out.append(cells)
        return out

    def n_inputs(self) -> int:
        return self.columnCount() - 1

    def target_column(self) -> int:
        return self.columnCount() - 1

    def set_target(self, row: int, bit: int) -> None:
        """Write the output of ``row`` (no signal: the caller is the one changing it)."""
        item = self.item(row, self.target_column())
        if item is not None:
            self._quiet = True
            try:
                self._style_target(item, bit)
            finally:
                self._quiet = False

    def set_inputs_editable(self, editable: bool) -> None:
        self._editable = editable
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        quiet, self._quiet = self._quiet, True
        try:
            for r in range(self.rowCount()):
                for c in range(self.target_column()):
                    item = self.item(r, c)
                    if item is not None:
                        item.setFlags(flags)
        finally:
            self._quiet = quiet

    def set_scale(self, factor: float) -> None:
        """Presentation scale 1x..3x: the cells' font, column widths and row heights."""
        self._scale = min(3.0, max(1.0, float(factor)))
        font = QFont(self.font())
        font.setPointSizeF(_BASE_PT * self._scale)
        self.setFont(font)
        self.horizontalHeader().setFont(font)
        self.verticalHeader().setFont(font)
        self._quiet = True
        try:
            for r in range(self.rowCount()):
                item = self.item(r, self.target_column())
                if item is not None:
                    self._style_target(item, int(item.data(_BIT)))
        finally:
            self._quiet = False
        self._size()

    def _style_target(self, item: QTableWidgetItem, bit: int) -> None:
        """d as the slides write it, bold, in its class's colour on the data plot."""
        item.setData(_BIT, bit)
        item.setText(self._d_texts[bit])
        item.setForeground(QColor(*class_color(bit)))
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(font)

    def _size(self) -> None:
        width = int(44 * self._scale)
        for c in range(self.columnCount()):
            self.setColumnWidth(c, width)
        height = int(self.fontMetrics().height() * 1.5)
        for r in range(self.rowCount()):
            self.setRowHeight(r, height)
        # every column in sight (room for a scroll bar); three rows at the least
        frame = 2 * self.frameWidth()
        vheader = self.verticalHeader().sizeHint().width()
        bar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(frame + vheader + width * self.columnCount() + bar)
        self.setMinimumHeight(frame + self.horizontalHeader().sizeHint().height() + 3 * height)

    # ------------------------------------------------------------ the user
    def _item_changed(self, item: QTableWidgetItem) -> None:
        if not self._quiet and item.column() < self.target_column():
            self.inputEdited.emit()

    def _clicked(self, row: int, column: int) -> None:
        if column == self.target_column():
            item = self.item(row, column)
            self.targetSet.emit(row, 1 - int(item.data(_BIT)) if item is not None else 1)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in self._KEYS and event.modifiers() in _NO_MODIFIER:
                event.accept()  # these keys are the grid's while it has the focus
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row, col = self.currentRow(), self.currentColumn()
        key, text = event.key(), event.text()
        plain = event.modifiers() in _NO_MODIFIER
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.applyRequested.emit()
            return
        if plain and row >= 0 and col == self.target_column():
            item = self.item(row, col)
            old = int(item.data(_BIT)) if item is not None else 0
            if key == Qt.Key.Key_Space:
                self.targetSet.emit(row, 1 - old)
                return
            if text in ("0", "1", "+", "-"):
                self.targetSet.emit(row, 1 if text in ("1", "+") else 0)
                self._next_cell(row, col)
                return
        if plain and row >= 0 and col < self.target_column() and self._editable and text in ("0", "1"):
            self.item(row, col).setText(text)  # emits inputEdited
            self._next_cell(row, col)
            return
        super().keyPressEvent(event)

    def _next_cell(self, row: int, col: int) -> None:
        """On along the row, then to the next row's first input: a table is typed row by row."""
        if col + 1 < self.columnCount():
            self.setCurrentCell(row, col + 1)
        elif row + 1 < self.rowCount():
            self.setCurrentCell(row + 1, 0)


def _as_bit(value: Any) -> int:
    try:
        return 1 if int(value) == 1 else 0
    except (TypeError, ValueError):
        return 0
