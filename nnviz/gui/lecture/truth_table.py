"""The truth-table editor of the perceptron and XOR lessons.

A combo with AND, OR, NAND, NOR, XOR and Custom, a choice of 2 or 3 inputs,
and a small grid: one row per sample, its inputs x and its desired output d,
written as the slides write it (d = −1 / +1 for the step perceptron, 0 / 1
for a sigmoid network). A named table is applied as soon as it is chosen;
any edit (a target clicked or switched with Space, an input typed, a row
added or removed) makes the table Custom, checked at once with one sentence
above the grid (under the buttons, always in sight), and applied with Apply
(or Enter in the grid).

Applying emits :attr:`TruthTableEditor.lessonChosen` with the lesson to show
(:func:`nnviz.core.lecture.truth_tables.lesson_with_table`); whoever shows
lessons loads it and hands it back through :meth:`TruthTableEditor.set_lesson`,
as any other lesson. The editor never changes the lesson itself; the grid
always shows the lesson on show, and a Custom table typed is kept: choosing
Custom again brings it back. Choosing the previous table again restores the
previous lesson (the lesson's own table gives the lesson file back exactly).

The grid itself (cells, keys, clicks) is ``_truth_grid.TruthGrid``. The
:class:`~nnviz.gui.lecture.stepper.StepperPanel` shows the editor beside the
perceptron's page and the MLP's outline when the lesson can take a table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.errors import UserError
from nnviz.core.lecture import truth_tables as tt
from nnviz.gui.core_strings import user_message
from nnviz.gui.lecture._truth_grid import TruthGrid
from nnviz.gui.wheel_guard import guard_wheel

_BASE_PT = 10.0


class TruthTableEditor(QWidget):
    """Chooses, edits and applies the truth table of a perceptron or MLP lesson."""

    #: a table was applied: the lesson to show (core ``Lesson``)
    lessonChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lesson: Any = None
        #: the lesson the tables are applied to (a lesson file's, or a network's)
        self._base: Any = None
        #: the table of the lesson on show
        self._table: tt.TruthTable | None = None
        self._activation = "step"
        #: the rows typed as Custom for each number of inputs: [[x1, ..., d], ...]
        self._custom: dict[int, list[list[Any]]] = {}
        #: the named table last on show (where a Custom table of another size starts)
        self._last_named = "AND"
        self._filling = False
        #: what the line above the grid says: None, "pending", or a UserError
        self._note: UserError | str | None = None
        self._scale = 1.0

        self.title = QLabel()
        self.table_choice = QComboBox()
        for name in (*tt.NAMES, tt.CUSTOM):
            self.table_choice.addItem(name, name)
        self.count_choice = QComboBox()
        for n in tt.INPUT_COUNTS:
            self.count_choice.addItem("", n)
        for combo in (self.table_choice, self.count_choice):
            combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space keeps stepping
        self.table_choice.currentIndexChanged.connect(self._table_chosen)
        self.count_choice.currentIndexChanged.connect(self._count_chosen)
        self.grid = TruthGrid()
        self.grid.targetSet.connect(self._set_target)
        self.grid.inputEdited.connect(self._input_edited)
        self.grid.applyRequested.connect(self.apply)
        self.add_button = QToolButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QToolButton()
        self.remove_button.clicked.connect(self.remove_row)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply)
        for b in (self.add_button, self.remove_button, self.apply_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.table_choice, 1)
        top.addWidget(self.count_choice, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        # the choices, the buttons and the sentence stay in sight; the grid
        # takes the height that is left and scrolls when it is short of it
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addLayout(top)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        lay.addWidget(self.grid, 1)
        self.retranslate()
        guard_wheel(self)  # the wheel scrolls the panel, not an unfocused field
        self.set_scale(1.0)
        self.setVisible(False)

    # ------------------------------------------------------------ lessons
    def set_lesson(self, lesson: Any) -> None:
        """The lesson on show (None: none): shown when it can take a table.

        A lesson made by this editor keeps the lesson it was made from; any
        other lesson that takes a table becomes the one the tables apply to.
        None (the stepper lets go of a lesson while the window swaps networks)
        hides the editor and keeps that lesson."""
        self._lesson = lesson
        if lesson is None or not tt.supports_tables(lesson):
            self._table = None
            self.setVisible(False)
            return
        base = self._base
        if not (tt.is_table_lesson(lesson) and base is not None and base.name == lesson.name
                and base.mode == lesson.mode):
            self._base = lesson
        self._activation = lesson.network.activations[-1]
        self._table = tt.table_of(lesson)
        self._note = None
        self._show_table(self._table)
        self.setVisible(True)

    def lesson(self) -> Any:
        return self._lesson

    def table(self) -> tt.TruthTable | None:
        """The table of the lesson on show."""
        return self._table

    # ------------------------------------------------------------ choices
    def choose(self, name: str, n_inputs: int | None = None) -> None:
        """Pick a table as the user would: a name of ``NAMES`` (applied at once)
        or ``CUSTOM``, and optionally the number of inputs first."""
        i = self.table_choice.findData(name)
        j = self.count_choice.findData(n_inputs if n_inputs is not None else self._n())
        if i < 0 or j < 0:
            raise ValueError(f"no table {name!r} with {n_inputs} inputs")
        if i == self.table_choice.currentIndex() and j == self.count_choice.currentIndex():
            return
        self._filling = True  # one lesson for both choices, not one each
        try:
            self.table_choice.setCurrentIndex(i)
            self.count_choice.setCurrentIndex(j)
        finally:
            self._filling = False
        self._table_chosen(i)

    def _n(self) -> int:
        return int(self.count_choice.currentData())

    def _table_chosen(self, _index: int) -> None:
        if self._filling:
            return
        name = self.table_choice.currentData()
        if name == tt.CUSTOM:
            self._edit_custom(self._custom_start(self._n()))
        else:
            self._apply(tt.named_table(name, self._n()))

    def _count_chosen(self, _index: int) -> None:
        if self._filling:
            return
        self._table_chosen(self.table_choice.currentIndex())

    def _custom_start(self, n: int) -> list[list[Any]]:
        """The rows a Custom table of ``n`` inputs starts from: the last one
        typed, else the grid as it is, else the last named table's."""
        if self._custom.get(n):
            return self._custom[n]
        if self.grid.n_inputs() == n:
            return self.grid.rows()
        start = tt.named_table(self._last_named, n)
        return [[*r, o] for r, o in zip(start.rows, start.outputs, strict=True)]

    # ------------------------------------------------------------ editing
    def _edit_custom(self, rows: list[list[Any]]) -> None:
        """Show ``rows`` as a Custom table, editable, not applied yet."""
        n = self._n()
        self._fill(rows, n, tt.CUSTOM)
        self._edited()

    def _set_target(self, row: int, bit: int) -> None:
        self._make_custom()
        self.grid.set_target(row, bit)
        self._edited()

    def _input_edited(self) -> None:
        self._make_custom()
        self._edited()

    def add_row(self) -> None:
        """A row with the first input combination not yet in the table, d for output 0."""
        rows = self.grid.rows()
        taken = {tuple(str(c).strip() for c in r[:-1]) for r in rows}
        for combo in tt.all_inputs(self._n()):
            if tuple(map(str, combo)) not in taken:
                self._make_custom()
                self._fill([*rows, [*combo, 0]], self._n(), tt.CUSTOM)
                self.grid.setCurrentCell(len(rows), 0)
                self._edited()
                return

    def remove_row(self) -> None:
        """Remove the selected row (the last when none is); one row always stays."""
        rows = self.grid.rows()
        if len(rows) <= 1:
            return
        row = self.grid.currentRow()
        del rows[row if 0 <= row < len(rows) else -1]
        self._make_custom()
        self._fill(rows, self._n(), tt.CUSTOM)
        self._edited()

    def _make_custom(self) -> None:
        """An edit turns a named table into Custom (the grid becomes typeable)."""
        if self.table_choice.currentData() != tt.CUSTOM:
            self._filling = True
            try:
                self.table_choice.setCurrentIndex(self.table_choice.findData(tt.CUSTOM))
                self.grid.set_inputs_editable(True)
            finally:
                self._filling = False

    def _edited(self) -> None:
        """Keep the typed rows and say at once whether they make a table."""
        self._custom[self._n()] = self.grid.rows()
        try:
            table = tt.parse_table(self.grid.rows(), self._n())
        except UserError as exc:
            self._note = exc
        else:
            self._note = None if table.same_as(self._table) else "pending"
        self._show_note()
        self._update_buttons()

    # ------------------------------------------------------------ applying
    def apply(self) -> bool:
        """Apply the table in the grid; False (and the sentence why above the
        grid) when it is not a table, the lesson on show then stays."""
        try:
            table = tt.parse_table(self.grid.rows(), self._n())
        except UserError as exc:
            self._note = exc
            self._show_note()
            return False
        self._apply(table)
        return True

    def _apply(self, table: tt.TruthTable) -> None:
        if self._base is None:
            return
        if table.same_as(self._table):
            self._note = None
            self._show_table(self._table)
            return
        try:
            lesson = tt.lesson_with_table(self._base, table)
        except UserError as exc:
            self._note = exc
            self._show_note()
            return
        if table.name == tt.CUSTOM:
            self._custom[table.n_inputs] = [[*r, o] for r, o in zip(table.rows, table.outputs, strict=True)]
        self.lessonChosen.emit(lesson)
        if self._lesson is not lesson:
            # nobody showed it (or showing it failed): the grid shows the lesson on show
            self._show_table(self._table)

    # ------------------------------------------------------------ showing
    def _show_table(self, table: tt.TruthTable | None) -> None:
        if table is None:
            return
        if table.name != tt.CUSTOM:
            self._last_named = table.name
        rows = [[*r, o] for r, o in zip(table.rows, table.outputs, strict=True)]
        self._fill(rows, table.n_inputs, table.name)
        self._show_note()
        self._update_buttons()

    def _fill(self, rows: list[list[Any]], n: int, name: str) -> None:
        """The choices and the grid for ``rows``, without a signal of theirs."""
        self._filling = True
        try:
            self.table_choice.setCurrentIndex(self.table_choice.findData(name))
            self.count_choice.setCurrentIndex(self.count_choice.findData(n))
            self.grid.set_rows(rows, n, name == tt.CUSTOM, tt.d_texts(self._activation))
            self._header_tips()
        finally:
            self._filling = False

    def _header_tips(self) -> None:
        n = self.grid.n_inputs()
        if self.grid.horizontalHeaderItem(n) is None:
            return  # no rows shown yet
        for i in range(n):
            self.grid.horizontalHeaderItem(i).setToolTip(self.tr("Input x{0}: 0 or 1").format(i + 1))
        lo, hi = tt.d_texts(self._activation)
        self.grid.horizontalHeaderItem(n).setToolTip(
            self.tr("Desired output d: {0} or {1}; click a cell or press Space to switch it").format(lo, hi)
        )

    def _update_buttons(self) -> None:
        n = self._n()
        self.add_button.setEnabled(self.grid.rowCount() < 2**n)
        self.remove_button.setEnabled(self.grid.rowCount() > 1)
        self.apply_button.setEnabled(self.table_choice.currentData() == tt.CUSTOM)

    def _show_note(self) -> None:
        note = self._note
        if isinstance(note, UserError):
            self.message.setText(user_message(note))
            self.message.setStyleSheet("QLabel { color: #b00020; }")
        elif note == "pending":
            self.message.setText(self.tr("Not applied yet: press Apply (or Enter) to use this table."))
            self.message.setStyleSheet("")
        else:
            self.message.setText("")
            self.message.setStyleSheet("")
        self.message.setVisible(bool(self.message.text()))

    # ---------------------------------------------------------- settings
    def set_scale(self, factor: float) -> None:
        """Presentation scale 1x..3x for the texts and the grid."""
        self._scale = min(3.0, max(1.0, float(factor)))
        font = QFont(self.font())
        font.setPointSizeF(_BASE_PT * self._scale)
        for w in (self.title, self.table_choice, self.count_choice, self.add_button,
                  self.remove_button, self.apply_button, self.message):
            w.setFont(font)
        self.grid.set_scale(self._scale)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Truth table"))
        self.table_choice.setItemText(self.table_choice.findData(tt.CUSTOM), self.tr("Custom"))
        self.table_choice.setToolTip(
            self.tr("The table the lesson learns: AND, OR, NAND, NOR or XOR (used at once), or Custom: "
                    "a table you type, used when you press Apply")
        )
        for i in range(self.count_choice.count()):
            self.count_choice.setItemText(i, self.tr("{0} inputs").format(self.count_choice.itemData(i)))
        self.count_choice.setToolTip(
            self.tr("Inputs per row: 2 (drawn on the data plot) or 3 (the network gets a third input "
                    "with fresh weights; 3-D points are not drawn)")
        )
        self.grid.setToolTip(
            self.tr("One row per sample: the inputs x and the desired output d. Click d or press Space "
                    "to switch it; in a Custom table type 0 or 1 in the inputs")
        )
        self.add_button.setText(self.tr("+ Row"))
        self.add_button.setToolTip(self.tr("Add a row with the first input combination not yet in the table"))
        self.remove_button.setText(self.tr("− Row"))
        self.remove_button.setToolTip(self.tr("Remove the selected row (the last one when none is selected)"))
        self.apply_button.setText(self.tr("Apply"))
        self.apply_button.setToolTip(
            self.tr("Use this table: the lesson starts again on its rows (Enter in the table)")
        )
        self._header_tips()
        self._show_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


if __name__ == "__main__":
    import sys

    from nnviz.gui.lecture.preview import main_preview

    # python -m nnviz.gui.lecture.truth_table [LESSON]: the stepper with its table editor
    sys.exit(main_preview(default_lesson="perceptron-and"))
