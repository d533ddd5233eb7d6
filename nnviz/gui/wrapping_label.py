"""A word-wrapped label that keeps a scroll area from growing to its preferred height.

A plain ``QLabel`` with word wrap reports *height for width*; a panel that holds
one then reports it too, and a ``QScrollArea`` sizes such a panel to its
preferred height rather than to the viewport: a dock on a 768-pixel projector
scrolled although everything fitted. :class:`WrappingLabel` wraps the same way
but asks for its wrapped height as a minimum instead, so the panel around it
takes the viewport's height and its other parts shrink to their minimums first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappingLabel(QLabel):
    """A word-wrapped ``QLabel`` whose height is a minimum, not height-for-width.

    ``follow_text=False``: a label of a fixed height set by its owner (counters
    that change a few times a second must not relayout the window each time).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, follow_text: bool = True) -> None:
        self._follow = follow_text
        super().__init__(text, parent)
        self.setWordWrap(True)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # a word-wrapped QLabel hints the height of the text at a width of its
        # own choosing: at the label's real width that left blank lines under it
        hint = super().sizeHint()
        if getattr(self, "_follow", True) and self.width() > 1 and self.text():
            hint.setHeight(max(0, super().heightForWidth(self.width())))
        return hint

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            # after the resize, not inside it: a new minimum relays the parent
            # out, which may resize this label again (a crash when nested)
            QTimer.singleShot(0, self, self._fit_height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()  # a new font (the presentation scale) wraps differently

    def _fit_height(self) -> None:
        if not getattr(self, "_follow", True) or getattr(self, "_fitting", False):
            return
        width = self.width() if self.width() > 1 else self.sizeHint().width()
        need = max(0, super().heightForWidth(width)) if self.text() else 0
        if need != self.minimumHeight():
            self._fitting = True
            try:
                self.setMinimumHeight(need)
            finally:
                self._fitting = False
