"""Presentation mode: full screen, everything scaled 1x to 3x, high contrast.

The lecturer presses F11; fonts, neuron sizes and line widths grow with the
scale so that the back row can read the formulas. A line of key hints sits in
the status bar (it grows with the scale and never covers a panel).

The high-contrast theme (palette and style) is in :mod:`nnviz.gui.theme`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QStatusBar,
    QStyleFactory,
    QTabBar,
    QToolBar,
)

from nnviz.gui.theme import HighContrastStyle, high_contrast_palette

SCALES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)


class Presentation(QObject):
    """Owns the View menu's presentation actions for one main window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._scale = 1.0
        self._base_point_size = QApplication.font().pointSizeF()
        self._normal_palette = QApplication.palette()
        self._base_style = ""
        self._contrast = False
        self._was_maximized = False
        self._text_was_shown = True
        self.act_full = QAction(self, checkable=True, shortcut="F11", toggled=self.set_presenting)
        self.act_bigger = QAction(self, shortcut=QKeySequence.StandardKey.ZoomIn, triggered=self.bigger)
        self.act_smaller = QAction(self, shortcut=QKeySequence.StandardKey.ZoomOut, triggered=self.smaller)
        self.act_contrast = QAction(self, checkable=True, toggled=self.set_high_contrast)
        for act in (self.act_full, self.act_bigger, self.act_smaller, self.act_contrast):
            window.addAction(act)
        # a permanent part of the status bar: the panels above make room for it
        self._hint = QLabel()
        self._hint.setObjectName("keysHint")
        self._hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        window.statusBar().addPermanentWidget(self._hint)
        self._hint.hide()
        window.installEventFilter(self)
        self.retranslate()

    @property
    def scale(self) -> float:
        return self._scale

    @property
    def hint(self) -> QLabel:
        """The key-hint line shown while presenting."""
        return self._hint

    def add_actions(self, menu: QMenu) -> None:
        for act in (self.act_full, self.act_bigger, self.act_smaller, self.act_contrast):
            menu.addAction(act)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self._window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Resize:
                self._fit_hint()
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
        self._style_hint()

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
        self._style_hint()

    def set_high_contrast(self, on: bool) -> None:
        if on == self._contrast:
            return
        if on:
            self._normal_palette = QApplication.palette()
            self._base_style = QApplication.style().name()
            QApplication.setStyle(HighContrastStyle(self._base_style))
        else:
            QApplication.setStyle(QStyleFactory.create(self._base_style))
        self._contrast = on
        # after the style: a new style brings its own standard palette
        QApplication.setPalette(high_contrast_palette() if on else self._normal_palette)
        self._style_hint()
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
        # the menus, the toolbar and the status line are the lecturer's, not
        # the class's: they grow half as fast, and leave a 768-pixel projector
        # its height for the formulas, PyTorch and the curves
        chrome = QFont(font)
        chrome.setPointSizeF(self._base_point_size * (1.0 + 0.5 * (self._scale - 1.0)))
        bars = [self._window.menuWidget(), *self._window.findChildren(QStatusBar), *self._window.findChildren(QToolBar)]
        # the tabs of docks stacked in one place (QMainWindow's own tab bars)
        bars += [tabs for tabs in self._window.findChildren(QTabBar) if tabs.parentWidget() is self._window]
        for bar in bars:
            if bar is not None:
                bar.setFont(chrome)
        for child in self._window.findChildren(QObject):
            setter = getattr(child, "set_scale", None)
            if callable(setter) and child is not self:
                setter(self._scale)
        self._style_hint()
        # larger text needs other dock sizes (the main window's ProjectorLayout)
        layout = getattr(self._window, "projector_layout", None)
        if layout is not None:
            layout.fit_soon()

    def _style_hint(self) -> None:
        """The hint in the window's (scaled) font, light on dark in either theme."""
        font = QFont(self._window.font())
        font.setPointSizeF(self._base_point_size * self._scale)
        pad_v, pad_h = round(3 * self._scale), round(10 * self._scale)
        # a style sheet would fix the label's font at the size it had when set
        self._hint.setStyleSheet(
            f"QLabel#keysHint {{ background: rgb(30,30,30); color: white; padding: {pad_v}px {pad_h}px;"
            f" border-radius: {round(6 * self._scale)}px; font-size: {font.pointSizeF():.1f}pt; }}"
        )
        self._hint.setFont(font)
        self._fit_hint()

    def _fit_hint(self) -> None:
        """One line when it fits in 3/4 of the window, else wrapped to that width
        (a long line would widen a full-screen window past the screen)."""
        pad_h = round(10 * self._scale)
        natural = self._hint.fontMetrics().horizontalAdvance(self._hint.text()) + 2 * pad_h + 4
        room = max(200, int(0.75 * self._window.width()))
        self._hint.setWordWrap(natural > room)
        self._hint.setFixedWidth(min(natural, room))
