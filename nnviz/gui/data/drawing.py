"""Draw mode of the data plot: the user draws the data with the mouse.

:class:`DrawingTools` puts a bar above a :class:`~nnviz.gui.data.view.DataView`:
a **Draw** toggle and, while drawing, a button per class in its colour (two
to start, **+** adds one, up to nine), **Undo**, **Clear**, **Save points as
CSV…** and a line saying how many points there are and whether a validation
part is held out. The points are a :class:`~nnviz.core.data.drawn.DrawnPoints`
(:attr:`DrawingTools.points`) in the plot's own coordinates.

In draw mode, on the plot:

- left click adds a point of the chosen class; a drag paints a stroke, a point
  every 1/40 of the width on show (:data:`STROKE_STEPS`);
- right click or Shift+click removes the point nearest the pointer (within
  :data:`REMOVE_RADIUS_PX` pixels);
- keys 1-9 choose the class; Ctrl+Z undoes the last click, stroke, removal or
  Clear.

The plot's own mouse dragging (pan, zoom box) and its point clicks are off
while drawing, so a stroke never moves the plot; the wheel still zooms.

Undo is the drawing's own history, not the window's Edit → Undo (the network
model's ``QUndoStack``): that stack holds edits of the network, and mixing
strokes into it would make one Ctrl+Z take back a weight edit the lecturer
made a minute before a stroke, or a stroke behind a weight edit. While the
plot has the keyboard in draw mode, Ctrl+Z reaches the drawing first (the
plot accepts the key's shortcut override, as a text field does); elsewhere it
is the window's Undo as before.

Entering draw mode starts from the points on show (Clear, then draw four XOR
points, is the lecturer's way); the data set on show starts with no undo
history. The bar does not show the points itself when its owner does
(``shows_points=False``: the training panel puts them in its regions, so what
is drawn is what trains): it emits :attr:`DrawingTools.pointsEdited` after each
change, and :meth:`DrawingTools.dataset` gives the points as a data set.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.data.dataset import Dataset
from nnviz.core.data.drawn import MAX_CLASSES, MIN_PER_CLASS_FOR_VALIDATION, DrawnPoints
from nnviz.core.errors import UserError
from nnviz.core.model import regions
from nnviz.gui.core_strings import user_message
from nnviz.gui.data.view import DataView

#: a stroke places a point every (width on show / STROKE_STEPS) data units
STROKE_STEPS = 40
#: right click / Shift+click removes the nearest point within this many pixels
REMOVE_RADIUS_PX = 14
_DIGITS = {getattr(Qt.Key, f"Key_{k}"): k - 1 for k in range(1, 10)}
_MOUSE = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
)
_KEYS = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
#: the only events the filters look at (nothing else touches the widgets, which
#: matters while the window is being torn down)
_WATCHED = frozenset((*_MOUSE, *_KEYS, QEvent.Type.ContextMenu))


class DrawingTools(QWidget):
    """The draw mode of one DataView: its bar, its mouse and key handling, its points."""

    #: draw mode switched on (True) or off
    drawModeChanged = Signal(bool)
    #: the points changed (a point, each piece of a stroke, a removal, Clear, an undo)
    pointsEdited = Signal()

    def __init__(self, view: DataView, shows_points: bool = True) -> None:
        super().__init__(view)
        self._view = view
        self._shows_points = shows_points
        self._active = False
        self._share = 0.0
        self._error = ""
        self._saved_to = ""
        self.points = DrawnPoints()

        self.draw_button = QToolButton()
        self.draw_button.setCheckable(True)
        self.draw_button.toggled.connect(self.set_active)
        self._classes = QButtonGroup(self)
        self._classes.setExclusive(True)
        self._class_buttons: list[QToolButton] = []
        self.add_class_button = QToolButton()
        self.add_class_button.clicked.connect(self.add_class)
        self.undo_button = QToolButton()
        self.undo_button.clicked.connect(self.undo)
        self.clear_button = QToolButton()
        self.clear_button.clicked.connect(self.clear)
        self.save_button = QToolButton()
        self.save_button.clicked.connect(self.save_csv)
        self.status = QLabel()
        self.status.setWordWrap(True)
        # a fixed height: a longer sentence must not resize the plot under a stroke
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

        self._class_row = QHBoxLayout()
        self._class_row.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.draw_button)
        row.addLayout(self._class_row)
        row.addWidget(self.add_class_button)
        row.addSpacing(8)
        for b in (self.undo_button, self.clear_button, self.save_button):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.status)
        for _ in range(2):
            self._add_class_button()
        self._class_buttons[0].setChecked(True)

        view.add_toolbar(self)
        # kept here: the filter must not call into the plot while it is being destroyed
        self._viewport = view.plot.viewport()
        self._viewport.installEventFilter(self)
        view.plot.installEventFilter(self)
        self.retranslate()
        self._fit_status()
        self._show_tools(False)

    # ------------------------------------------------------------------ API
    def is_active(self) -> bool:
        return self._active

    def set_active(self, on: bool) -> None:
        """Switch draw mode on (starting from the points on show) or off."""
        on = bool(on)
        if self.draw_button.isChecked() != on:
            self.draw_button.setChecked(on)  # comes back here through toggled
            return
        if on == self._active:
            return
        self._active = on
        self.points.end_stroke()
        if on:
            self._start_from_view()
            self._view.plot.setFocus(Qt.FocusReason.OtherFocusReason)
        self._view.keep_range = on
        self._show_tools(on)
        self._refresh()
        self.drawModeChanged.emit(on)

    def current_class(self) -> int:
        return max(0, self._classes.checkedId())

    def set_class(self, k: int) -> None:
        """Draw points of class ``k`` (0-based) from now on, if it has a button."""
        if 0 <= k < len(self._class_buttons):
            self._class_buttons[k].setChecked(True)

    def class_count(self) -> int:
        return len(self._class_buttons)

    def add_class(self) -> None:
        """One more class button (up to nine), chosen at once."""
        if len(self._class_buttons) < MAX_CLASSES:
            self._add_class_button()
            self._class_buttons[-1].setChecked(True)
            self._refresh()

    def set_validation_share(self, share: float) -> None:
        """The share of each class held out for validation once it has enough points."""
        self._share = float(share)
        self._refresh()

    def dataset(self) -> Dataset | None:
        """The points as a data set (None while there are none)."""
        if not len(self.points):
            return None
        return self.points.to_dataset(self._share)

    def undo(self) -> None:
        if self.points.undo():
            self._edited()

    def clear(self) -> None:
        if self.points.clear():
            self._edited()

    def save_csv(self) -> None:
        """Ask where, and write the points as ``x1,x2,label``; a sentence if it cannot."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save points as CSV"), "points.csv", self.tr("CSV tables (*.csv)")
        )
        if not path:
            return
        if not Path(path).suffix:
            path += ".csv"
        try:
            self.points.save_csv(path)
        except UserError as exc:
            self._error = user_message(exc)
        else:
            self._error = ""
            self._saved_to = Path(path).name
        self._refresh()

    # ------------------------------------------------------------- drawing
    def _start_from_view(self) -> None:
        ds = self._view.dataset()
        if ds is None or ds.n_features != 2 or self._view.targets() is not None:
            x, y = np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
        else:
            x, y = ds.x, ds.y
        if not self.points.same_points(x, y):
            self.points.load(x, y)
        used = int(y.max()) + 1 if len(y) else 0
        while len(self._class_buttons) < min(max(used, 2), MAX_CLASSES):
            self._add_class_button()

    def _data_point(self, pos: QPointF) -> tuple[float, float] | None:
        """The data coordinates under a viewport position (None outside the plot area)."""
        scene = self._view.plot.mapToScene(pos.toPoint())
        vb = self._view.plot_item.vb
        if not vb.sceneBoundingRect().contains(scene):
            return None
        p = vb.mapSceneToView(scene)
        return float(p.x()), float(p.y())

    def _spacing(self) -> float:
        x0, x1, _y0, _y1 = self._view.view_bounds()
        return max(abs(x1 - x0), 1e-12) / STROKE_STEPS

    def _radius(self) -> float:
        px_w, px_h = self._view.plot_item.vb.viewPixelSize()
        return REMOVE_RADIUS_PX * max(abs(px_w), abs(px_h))

    def _mouse(self, event: QMouseEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease:
            self.points.end_stroke()
            return
        if kind == QEvent.Type.MouseButtonDblClick:
            return  # the second press of a quick double click: its first press drew already
        where = self._data_point(event.position())
        if kind == QEvent.Type.MouseMove:
            if where is not None and event.buttons() & Qt.MouseButton.LeftButton:
                if self.points.extend_stroke(*where):
                    self._edited()
            return
        self._view.plot.setFocus(Qt.FocusReason.MouseFocusReason)
        if where is None:
            return
        button = event.button()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if button == Qt.MouseButton.RightButton or (button == Qt.MouseButton.LeftButton and shift):
            if self.points.remove_nearest(*where, self._radius()) is not None:
                self._edited()
        elif button == Qt.MouseButton.LeftButton:
            self.points.begin_stroke(*where, self.current_class(), self._spacing())
            self._edited()

    def _key(self, event: QKeyEvent) -> bool:
        """Handle a key of the draw mode; True when it was one."""
        if event.matches(QKeySequence.StandardKey.Undo):
            if event.type() == QEvent.Type.KeyPress:
                self.undo()
            return True
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() in _DIGITS:
            if event.type() == QEvent.Type.KeyPress:
                self.set_class(_DIGITS[event.key()])
            return True
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._active or kind not in _WATCHED:
            return False
        if obj is self._viewport:
            if kind in _MOUSE:
                self._mouse(event)  # type: ignore[arg-type]
                return True  # no pan, no zoom box, no point click while drawing
            if kind == QEvent.Type.ContextMenu:
                return True
        if kind in _KEYS and self._key(event):  # type: ignore[arg-type]
            event.accept()  # Ctrl+Z: the drawing's undo, not the window's
            return True
        return False

    def _edited(self) -> None:
        self._error = ""
        self._saved_to = ""
        if self._shows_points:
            self._view.set_dataset(self.dataset())
        self._refresh()
        self.pointsEdited.emit()

    # ------------------------------------------------------------ the bar
    def _add_class_button(self) -> None:
        k = len(self._class_buttons)
        b = QToolButton()
        b.setCheckable(True)
        r, g, bl = regions.class_color(k)
        text = "#111" if 0.299 * r + 0.587 * g + 0.114 * bl > 140 else "#fff"
        b.setStyleSheet(
            f"QToolButton {{ background: rgb({r},{g},{bl}); color: {text}; border: 1px solid #555;"
            " border-radius: 3px; padding: 2px 6px; }"
            " QToolButton:checked { border: 3px solid #111; font-weight: bold; }"
        )
        self._classes.addButton(b, k)
        self._class_buttons.append(b)
        self._class_row.addWidget(b)
        self._word_class_button(k)
        self.add_class_button.setEnabled(len(self._class_buttons) < MAX_CLASSES)

    def _word_class_button(self, k: int) -> None:
        b = self._class_buttons[k]
        b.setText(self._view.class_name(k))
        b.setToolTip(
            self.tr("Draw points of {0} (key {1})").format(self._view.class_name(k), k + 1)
        )

    def _show_tools(self, on: bool) -> None:
        for w in (
            *self._class_buttons,
            self.add_class_button,
            self.undo_button,
            self.clear_button,
            self.save_button,
            self.status,
        ):
            w.setVisible(on)

    def _refresh(self) -> None:
        n = len(self.points)
        self.undo_button.setEnabled(self.points.can_undo)
        self.clear_button.setEnabled(n > 0)
        self.save_button.setEnabled(n > 0)
        if self._error:
            self.status.setText(self._error)
            self.status.setStyleSheet("QLabel { color: #b3261e; }")
            return
        self.status.setStyleSheet("")
        if n == 0:
            text = self.tr("No points yet: click to add one, drag to paint a stroke.")
        elif self.points.uses_validation(self._share):
            text = self.tr("{0} points · {1} % of each class held out for validation").format(
                n, round(100 * self._share)
            )
        elif self._share > 0:
            text = self.tr(
                "{0} points · all of them are used for training (a validation part needs {1} points of each class)"
            ).format(n, MIN_PER_CLASS_FOR_VALIDATION)
        else:
            text = self.tr("{0} points · all of them are used for training").format(n)
        if self._saved_to:
            text += " · " + self.tr("saved to {0}").format(self._saved_to)
        self.status.setText(text)

    # --------------------------------------------------------- translation
    def retranslate(self) -> None:
        self.draw_button.setText(self.tr("Draw"))
        self.draw_button.setToolTip(
            self.tr(
                "Draw your own data: click adds a point of the chosen class, a drag paints a stroke, "
                "right click or Shift+click removes the nearest point, Ctrl+Z undoes, keys 1-9 choose the class"
            )
        )
        self.add_class_button.setText("+")
        self.add_class_button.setToolTip(self.tr("Add a class (up to nine)"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(
            self.tr("Take back the last point, stroke, removal or Clear (Ctrl+Z)")
        )
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Remove every point (Ctrl+Z brings them back)"))
        self.save_button.setText(self.tr("Save points as CSV…"))
        self.save_button.setToolTip(self.tr("Write the points to a CSV table: x1, x2, label"))
        for k in range(len(self._class_buttons)):
            self._word_class_button(k)
        self._refresh()

    def _fit_status(self) -> None:
        """Room for two lines of the status, whatever it says."""
        self.status.setFixedHeight(2 * self.status.fontMetrics().lineSpacing() + 4)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_status()
        super().changeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from nnviz.core.data.dataset import from_points

    app = QApplication(sys.argv)
    view = DataView()
    tools = DrawingTools(view)
    view.set_dataset(from_points([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 0, 1, 1], "xor"))
    tools.set_active(True)
    view.resize(640, 600)
    view.show()
    sys.exit(app.exec())
