"""The network's answer as a bar per class: its name, a bar and its probability.

``ProbabilityBars`` shows one row per class: the class name (a digit, or
"Ankle boot" for Fashion-MNIST), a bar as long as the probability and the
percentage in the interface's number format. The most probable class, the
network's answer, is drawn in the highlight colour. Painting is one pass of
a few rectangles and texts: cheap enough for every stroke of a drawing.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class ProbabilityBars(QWidget):
    """Class probabilities as horizontal bars (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._values = np.zeros(0)
        self._scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()

    # --------------------------------------------------------------- data
    def set_names(self, names: list[str]) -> None:
        """One name per class, in output order; the bars go back to empty."""
        names = [str(n) for n in names]
        if names != self._names:
            self._names = names
            self._values = np.zeros(len(names))
            self.updateGeometry()
            self.update()

    def set_values(self, probabilities: np.ndarray | None) -> None:
        """The probability of each class (summing to 1), or None: no answer yet."""
        if probabilities is None:
            self._values = np.zeros(len(self._names))
        else:
            p = np.asarray(probabilities, dtype=np.float64).ravel()
            self._values = np.clip(p[: len(self._names)], 0.0, 1.0)
        self.update()

    def values(self) -> np.ndarray:
        return self._values.copy()

    def names(self) -> list[str]:
        return list(self._names)

    def answer(self) -> int:
        """The index of the most probable class, or -1 with no answer shown."""
        return int(self._values.argmax()) if self._values.size and self._values.max() > 0 else -1

    def texts(self) -> list[str]:
        """What each row says after its bar: the probability in per cent."""
        loc = QLocale()
        return [self._percent.format(loc.toString(100.0 * v, "f", 1)) for v in self._values]

    # --------------------------------------------------------------- look
    def set_scale(self, factor: float) -> None:
        self._scale = float(np.clip(factor, 1.0, 3.0))
        self.updateGeometry()
        self.update()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(round(13 * self._scale))
        return font

    def _row_height(self) -> float:
        return QFontMetricsF(self._font()).height() + 4 * self._scale

    def sizeHint(self) -> QSize:
        return QSize(round(280 * self._scale), round(self._row_height() * max(len(self._names), 1) + 4))

    def minimumSizeHint(self) -> QSize:
        return QSize(round(160 * self._scale), self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        font = self._font()
        p.setFont(font)
        fm = QFontMetricsF(font)
        row = self._row_height()
        # names get up to 40 % of the width (long Fashion-MNIST names are cut with "…")
        name_w = min(max((fm.horizontalAdvance(n) for n in self._names), default=0.0) + 8, self.width() * 0.4)
        value_w = fm.horizontalAdvance(self._percent.format(QLocale().toString(100.0, "f", 1))) + 8
        bar_x = name_w + 4
        bar_w = max(self.width() - bar_x - value_w, 10.0)
        best = self.answer()
        texts = self.texts()
        text, highlight = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Highlight)
        track, bar = pal.color(QPalette.ColorRole.AlternateBase), pal.color(QPalette.ColorRole.Mid)
        for k, name in enumerate(self._names):
            y = 2 + k * row
            p.setPen(text)
            label = fm.elidedText(name, Qt.TextElideMode.ElideRight, name_w - 6)
            p.drawText(QRectF(0, y, name_w - 4, row), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            inner = QRectF(bar_x, y + 2 * self._scale, bar_w, row - 4 * self._scale)
            p.fillRect(inner, track)
            v = float(self._values[k]) if k < self._values.size else 0.0
            p.fillRect(QRectF(inner.x(), inner.y(), inner.width() * v, inner.height()), highlight if k == best else bar)
            p.drawText(QRectF(bar_x + bar_w + 4, y, value_w, row),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, texts[k])
        p.end()

    # --------------------------------------------------------------- words
    def retranslate(self) -> None:
        self._percent = self.tr("{0} %")
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
