"""Fields that take the mouse wheel only when focused.

Scrolling a panel with the wheel must scroll it, not change the number, choice
or slider that happens to pass under the pointer (it silently set L2 λ from 0
to 2e-5). The Qt idiom: such fields get the strong focus policy (a click or Tab
focuses them, the wheel does not) and an event filter that ignores wheel events
while they are not focused, so the event goes on to the scroll area around them.

:func:`guard_wheel` is installed by each panel (and dialog) on itself after it
built its fields; it may be called again after fields were added.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QSlider, QWidget

#: the kinds of field whose value the wheel changes (not scroll bars: they are what should scroll)
GUARDED = (QAbstractSpinBox, QComboBox, QSlider)


class WheelGuard(QObject):
    """The event filter: a wheel event on an unfocused field is passed to its parents."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # not accepted: Qt offers it to the parent (the scroll area)
            return True
        return False


_guard: WheelGuard | None = None


def _the_guard() -> WheelGuard:
    # one filter for the whole application, parented to it so it outlives every panel
    global _guard
    if _guard is None:
        _guard = WheelGuard(QApplication.instance())
    return _guard


def guard_field(field: QWidget) -> None:
    """Make one field take the wheel only when focused."""
    guard = _the_guard()
    if field.focusPolicy() != Qt.FocusPolicy.NoFocus:  # a field kept off the keyboard (the stepper's
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # speed: Space and → step) never takes the wheel
    field.removeEventFilter(guard)  # installing twice would filter twice: keep it once
    field.installEventFilter(guard)


def guard_wheel(root: QWidget) -> None:
    """Make every number field, spin box, combo box and slider under ``root``
    (and ``root`` itself, if it is one) take the wheel only when focused."""
    fields = root.findChildren(QWidget)
    for w in [root, *fields]:
        if isinstance(w, GUARDED) and not isinstance(w.parent(), GUARDED):  # not a spin box's inner parts
            guard_field(w)
