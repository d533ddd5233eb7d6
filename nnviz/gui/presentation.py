"""Presentation mode: full screen, everything scaled 1x to 3x, high contrast.

The lecturer presses F11; fonts, neuron sizes and line widths grow with the
scale so that the back row can read the formulas.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu

SCALES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)


def high_contrast_palette() -> QPalette:
    """White on black with a yellow highlight: readable on a washed-out projector."""
    p = QPalette()
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        p.setColor(role, black)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(30, 30, 30))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.BrightText,
        QPalette.ColorRole.ToolTipText,
    ):
        p.setColor(role, white)
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(20, 20, 20))
    p.setColor(QPalette.ColorRole.Highlight, QColor(255, 214, 0))
    p.setColor(QPalette.ColorRole.HighlightedText, black)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(190, 190, 190))
    return p


class Presentation(QObject):
    """Owns the View menu's presentation actions for one main window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._scale = 1.0
        self._base_point_size = QApplication.font().pointSizeF()
        self._normal_palette = QApplication.palette()
        self._was_maximized = False
        self._text_was_shown = True
        self.act_full = QAction(self, checkable=True, shortcut="F11", toggled=self.set_presenting)
        self.act_bigger = QAction(self, shortcut=QKeySequence.StandardKey.ZoomIn, triggered=self.bigger)
        self.act_smaller = QAction(self, shortcut=QKeySequence.StandardKey.ZoomOut, triggered=self.smaller)
        self.act_contrast = QAction(self, checkable=True, toggled=self.set_high_contrast)
        for act in (self.act_full, self.act_bigger, self.act_smaller, self.act_contrast):
            window.addAction(act)
        self._hint = QLabel(window)
        self._hint.setObjectName("keysHint")
        self._hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._hint.hide()
        window.installEventFilter(self)
        self.retranslate()

    @property
    def scale(self) -> float:
        return self._scale

    def add_actions(self, menu: QMenu) -> None:
        for act in (self.act_full, self.act_bigger, self.act_smaller, self.act_contrast):
            menu.addAction(act)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Resize:
                self._place_hint()
        return False

    def retranslate(self) -> None:
        self.act_full.setText(self.tr("&Presentation mode"))
        self.act_full.setToolTip(self.tr("Full screen with large fonts and a hint of the keys (F11)"))
        self.act_bigger.setText(self.tr("&Larger"))
        self.act_smaller.setText(self.tr("&Smaller"))
        self.act_contrast.setText(self.tr("&High contrast"))
        self._hint.setText(
            self.tr("Space/→ next · ← back · R reset · F11 leave presentation · Ctrl± size")
        )
        self._hint.adjustSize()
        self._place_hint()

    # ------------------------------------------------------------ changes
    def set_presenting(self, on: bool) -> None:
        w = self._window
        # The slide text is on the lecturer's own slides: the projector shows
        # the network and the formulas large instead (View > Lesson text).
        lesson_text = getattr(w, "act_lesson_text", None)
        if on:
            self._was_maximized = w.isMaximized()
            self._text_was_shown = lesson_text.isChecked() if lesson_text else False
            if lesson_text:
                lesson_text.setChecked(False)
            w.showFullScreen()
            if self._scale < 1.5:
                self.set_scale(1.5)
        else:
            w.showMaximized() if self._was_maximized else w.showNormal()
            if lesson_text and self._text_was_shown:
                lesson_text.setChecked(True)
            self.set_scale(1.0)
        self._hint.setVisible(on)
        self._place_hint()

    def set_high_contrast(self, on: bool) -> None:
        QApplication.setPalette(high_contrast_palette() if on else self._normal_palette)
        self._window.update()

    def bigger(self) -> None:
        larger = [s for s in SCALES if s > self._scale + 1e-9]
        if larger:
            self.set_scale(larger[0])

    def smaller(self) -> None:
        smaller = [s for s in SCALES if s < self._scale - 1e-9]
        if smaller:
            self.set_scale(smaller[-1])

    def set_scale(self, scale: float) -> None:
        """Scale fonts, neurons and lines of every panel (1.0 to 3.0)."""
        self._scale = max(SCALES[0], min(SCALES[-1], float(scale)))
        font = QFont(self._window.font())
        font.setPointSizeF(self._base_point_size * self._scale)
        self._window.setFont(font)
        for child in self._window.findChildren(QObject):
            setter = getattr(child, "set_scale", None)
            if callable(setter) and child is not self:
                setter(self._scale)
        self._place_hint()

    def _place_hint(self) -> None:
        if not self._hint.isVisible() and not self.act_full.isChecked():
            return
        self._hint.setStyleSheet(
            "QLabel#keysHint { background: rgba(0,0,0,150); color: white; padding: 4px 10px;"
            " border-radius: 6px; }"
        )
        self._hint.adjustSize()
        w = self._window
        self._hint.move(w.width() - self._hint.width() - 16, w.height() - self._hint.height() - 30)
        self._hint.raise_()
