"""The in-place number editor that opens on a clicked edge or bias.

Enter applies (when the text is a finite number, with a decimal point or a
decimal comma), Esc or clicking elsewhere cancels.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from nnviz.gui.network.legend import fmt


def parse_number(text: str) -> float | None:
    """The number in ``text`` ("0.5", "0,5", "-1e-3"), or None."""
    t = text.strip().replace("−", "-")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


class ValueEditor(QLineEdit):
    committed = Signal(float)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self._initial = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()
        self.set_scale(1.0)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Enter applies, Esc cancels"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_scale(self, factor: float) -> None:
        self._scale = factor
        font = QFont(self.font())
        font.setPixelSize(round(15 * factor))
        self.setFont(font)
        self.setFixedSize(round(120 * factor), round(30 * factor))

    def start(self, pos: QPointF, value: float) -> None:
        """Open at ``pos`` (parent coordinates) holding ``value``, all selected."""
        parent = self.parentWidget()
        x = min(max(pos.x() - self.width() / 2, 0), parent.width() - self.width())
        y = min(max(pos.y() - self.height() - 6 * self._scale, 0), parent.height() - self.height())
        self.move(round(x), round(y))
        self._initial = fmt(value).replace("\u2212", "-")  # typed over with a keyboard hyphen
        self.setText(self._initial)
        self.setStyleSheet("")
        self.show()
        self.raise_()
        self.setFocus()
        self.selectAll()

    def cancel(self) -> None:
        if self.isVisible():
            self.hide()
            self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            self.parentWidget().setFocus()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.text() == self._initial:
                # untouched: keep the exact value, not its 4-decimal rounding
                self.cancel()
                self.parentWidget().setFocus()
                return
            value = parse_number(self.text())
            if value is None:
                # Not a number: keep the editor open and say so by its frame.
                self.setStyleSheet("border: 2px solid palette(highlight);")
                return
            self.hide()
            self.committed.emit(value)
            self.parentWidget().setFocus()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.isVisible() and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.cancel()
