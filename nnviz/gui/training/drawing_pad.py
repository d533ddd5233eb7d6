"""A square pad to draw a digit on with the mouse, a pen or a finger.

``DrawingPad`` keeps the drawing as a grey bitmap of
:data:`~nnviz.core.data.digit_pad.PAD_SIDE` pixels a side (280: ten pad
pixels per MNIST pixel), whatever its size on screen: the presentation scale
enlarges the pad, not the drawing. Strokes are anti-aliased lines with round
ends, as thick as the pen of the digits the network learnt from
(:func:`~nnviz.core.data.digit_pad.pen_width`). A pen or a touch screen
draws too: Qt turns their events into mouse events when a widget does not
take them itself.

Right click or Esc clears the pad. :meth:`DrawingPad.bitmap` gives the
drawing as numbers, ink 1 and paper 0, for
:mod:`nnviz.core.data.digit_pad` to preprocess; ``changed`` is emitted after
every new piece of stroke and after a clear.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.core.data.digit_pad import PAD_SIDE, pen_width

PAPER = 255
INK = 0


class DrawingPad(QWidget):
    """A drawing surface whose bitmap is the digit drawn (see the module docstring)."""

    #: the drawing changed (a new piece of stroke, or cleared)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage(PAD_SIDE, PAD_SIDE, QImage.Format.Format_Grayscale8)
        self._image.fill(PAPER)
        self._pen_width = pen_width(784)
        self._scale = 1.0
        self._last: QPointF | None = None
        self._blank = True
        #: how many changes the drawing has had (a benchmark matches repaints to strokes)
        self.generation = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._fit()

    # ---------------------------------------------------------------- state
    def bitmap(self) -> np.ndarray:
        """The drawing, (PAD_SIDE, PAD_SIDE) floats: 1 where the ink is, 0 on paper."""
        img = self._image
        raw = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * img.height())
        grey = raw.reshape(img.height(), img.bytesPerLine())[:, : img.width()]
        return (PAPER - grey.astype(np.float64)) / float(PAPER - INK)

    def is_blank(self) -> bool:
        return self._blank

    def pen_width(self) -> float:
        """The stroke thickness in pad pixels."""
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        self._pen_width = max(1.0, float(width))

    def set_scale(self, factor: float) -> None:
        """Presentation scale: the pad is ``PAD_SIDE * factor`` pixels on screen, up
        to twice its size (560 pixels: a bigger pad would push the dock off a projector)."""
        self._scale = float(np.clip(factor, 1.0, 2.0))
        self._fit()

    def scale(self) -> float:
        return self._scale

    def clear(self) -> None:
        """Empty the pad (Esc, a right click, the Clear button)."""
        self._image.fill(PAPER)
        self._last = None
        was_blank, self._blank = self._blank, True
        self.update()
        if not was_blank:
            self.generation += 1
            self.changed.emit()

    def _fit(self) -> None:
        side = round(PAD_SIDE * self._scale)
        self.setFixedSize(side, side)
        self.update()

    def sizeHint(self) -> QSize:
        side = round(PAD_SIDE * self._scale)
        return QSize(side, side)

    # -------------------------------------------------------------- drawing
    def _to_pad(self, pos: QPointF) -> QPointF:
        return QPointF(pos.x() * PAD_SIDE / max(self.width(), 1), pos.y() * PAD_SIDE / max(self.height(), 1))

    def _stroke(self, a: QPointF, b: QPointF) -> None:
        p = QPainter(self._image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(INK, INK, INK), self._pen_width, Qt.PenStyle.SolidLine,
                      Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        if a == b:
            p.drawPoint(a)  # a dot: the round cap makes it a disc of the pen's width
        else:
            p.drawLine(a, b)
        p.end()
        self._blank = False
        self.generation += 1
        # repaint only around the new piece (the pad is redrawn at screen scale)
        k = self.width() / PAD_SIDE
        r = self._pen_width / 2 + 2
        box = QRectF(a, b).normalized().adjusted(-r, -r, r, r)
        self.update(QRectF(box.x() * k, box.y() * k, box.width() * k, box.height() * k).toAlignedRect())
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)  # Esc then reaches the pad
        if event.button() == Qt.MouseButton.RightButton:
            self.clear()
        elif event.button() == Qt.MouseButton.LeftButton:
            self._last = self._to_pad(event.position())
            self._stroke(self._last, self._last)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # a stroke goes on while the button that began it is held (and ends with its release)
        if self._last is None:
            return
        here = self._to_pad(event.position())
        if here != self._last:
            last, self._last = self._last, here
            self._stroke(last, here)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = None
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        # the drawing is stored at 280x280: smooth scaling keeps strokes round when enlarged
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(QRectF(self.rect()), self._image)
        frame = self.palette().color(QPalette.ColorRole.Mid)
        p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight) if self.hasFocus() else frame, 1))
        p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    pad = DrawingPad()
    pad.show()
    app.exec()
