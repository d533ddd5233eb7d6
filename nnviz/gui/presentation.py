"""Presentation mode: full screen, everything scaled 1x to 3x, high contrast.

The lecturer presses F11; fonts, neuron sizes and line widths grow with the
scale so that the back row can read the formulas. A line of key hints sits in
the status bar (it grows with the scale and never covers a panel).

The high-contrast theme is a palette (white on black, yellow highlight, grey
for what is disabled) plus :class:`HighContrastStyle`: Qt's Fusion style draws
check boxes and slider grooves in a shade of the window colour, which on black
is black, so those controls are drawn with white outlines and yellow marks,
as large as the (scaled) text beside them. A style, not a style sheet: an
application style sheet fixes every widget's font at the size it had, and the
presentation scale could no longer grow it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QProxyStyle,
    QSlider,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionSlider,
    QWidget,
)

SCALES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)

_BLACK, _WHITE = QColor(0, 0, 0), QColor(255, 255, 255)
_YELLOW = QColor(255, 214, 0)
#: what is disabled: clearly dimmer than white text, still readable on black
_DISABLED = QColor(128, 128, 128)

def high_contrast_palette() -> QPalette:
    """White on black with a yellow highlight: readable on a washed-out projector.

    The disabled group is grey, so a button that cannot be pressed looks so.
    """
    p = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        p.setColor(role, _BLACK)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(30, 30, 30))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.BrightText,
        QPalette.ColorRole.ToolTipText,
    ):
        p.setColor(role, _WHITE)
    # frame lines (QFrame, group boxes, separators) are drawn in these
    p.setColor(QPalette.ColorRole.Light, QColor(230, 230, 230))
    p.setColor(QPalette.ColorRole.Midlight, QColor(200, 200, 200))
    p.setColor(QPalette.ColorRole.Mid, QColor(160, 160, 160))
    p.setColor(QPalette.ColorRole.Dark, QColor(200, 200, 200))
    p.setColor(QPalette.ColorRole.Shadow, QColor(230, 230, 230))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(20, 20, 20))
    p.setColor(QPalette.ColorRole.Highlight, _YELLOW)
    p.setColor(QPalette.ColorRole.HighlightedText, _BLACK)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(190, 190, 190))
    p.setColor(QPalette.ColorRole.Link, QColor(120, 190, 255))
    p.setColor(QPalette.ColorRole.LinkVisited, QColor(200, 150, 255))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.BrightText,
        QPalette.ColorRole.Light,
        QPalette.ColorRole.Dark,
        QPalette.ColorRole.Mid,
    ):
        p.setColor(disabled, role, _DISABLED)
    p.setColor(disabled, QPalette.ColorRole.Highlight, QColor(90, 90, 90))
    p.setColor(disabled, QPalette.ColorRole.HighlightedText, QColor(200, 200, 200))
    p.setColor(disabled, QPalette.ColorRole.PlaceholderText, QColor(100, 100, 100))
    return p


_PE = QStyle.PrimitiveElement
_INDICATORS = (_PE.PE_IndicatorCheckBox, _PE.PE_IndicatorItemViewItemCheck, _PE.PE_IndicatorRadioButton)
_INDICATOR_METRICS = (
    QStyle.PixelMetric.PM_IndicatorWidth,
    QStyle.PixelMetric.PM_IndicatorHeight,
    QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
    QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
)


class HighContrastStyle(QProxyStyle):
    """Fusion, with check boxes, radio buttons and sliders that show on black."""

    def __init__(self, base: str = "fusion") -> None:
        super().__init__(base)

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,  # noqa: N802
                    widget: QWidget | None = None) -> int:
        size = super().pixelMetric(metric, option, widget)
        if metric in _INDICATOR_METRICS and widget is not None:
            # as tall as the text beside it: it grows with the presentation scale
            return max(size, round(0.8 * widget.fontMetrics().height()))
        return size

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,  # noqa: N802
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element not in _INDICATORS:
            super().drawPrimitive(element, option, painter, widget)
            return
        state = option.state
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        line = _WHITE if enabled else _DISABLED
        mark = _YELLOW if enabled else _DISABLED
        side = min(option.rect.width(), option.rect.height())
        # an even, whole-pixel outline: pure white, not a grey antialiased hairline
        width = max(2, 2 * round(side / 14))
        box = QRectF(option.rect.x() + (option.rect.width() - side) // 2,
                     option.rect.y() + (option.rect.height() - side) // 2, side, side)
        box.adjust(width / 2, width / 2, -width / 2, -width / 2)
        inner = box.adjusted(1.5 * width, 1.5 * width, -1.5 * width, -1.5 * width)
        round_ = element == _PE.PE_IndicatorRadioButton
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(line, width))
        painter.setBrush(_BLACK)
        painter.drawEllipse(box) if round_ else painter.drawRect(box)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mark)
        if state & QStyle.StateFlag.State_On:
            painter.drawEllipse(inner) if round_ else painter.drawRect(inner)
        elif state & QStyle.StateFlag.State_NoChange:
            painter.drawRect(inner.adjusted(0, inner.height() / 3, 0, -inner.height() / 3))
        painter.restore()

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,  # noqa: N802
                           painter: QPainter, widget: QWidget | None = None) -> None:
        if control != QStyle.ComplexControl.CC_Slider or not isinstance(option, QStyleOptionSlider):
            super().drawComplexControl(control, option, painter, widget)
            return
        if option.tickPosition != QSlider.TickPosition.NoTicks:
            ticks = QStyleOptionSlider(option)
            ticks.subControls = QStyle.SubControl.SC_SliderTickmarks
            super().drawComplexControl(control, ticks, painter, widget)
        groove = QRectF(self.subControlRect(control, option, QStyle.SubControl.SC_SliderGroove, widget))
        handle = QRectF(self.subControlRect(control, option, QStyle.SubControl.SC_SliderHandle, widget))
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        line = _WHITE if enabled else _DISABLED
        mark = _YELLOW if enabled else _DISABLED
        horizontal = option.orientation == Qt.Orientation.Horizontal
        c = handle.center()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        if horizontal:
            t = max(3.0, groove.height() / 4)
            track = QRectF(groove.left(), groove.center().y() - t / 2, groove.width(), t)
            done = QRectF(track.left(), track.top(), c.x() - track.left(), t)
        else:
            t = max(3.0, groove.width() / 4)
            track = QRectF(groove.center().x() - t / 2, groove.top(), t, groove.height())
            done = QRectF(track.left(), c.y(), t, track.bottom() - c.y())
        painter.setBrush(line)
        painter.drawRect(track)
        painter.setBrush(mark)
        painter.drawRect(done)
        r = max(4.0, min(handle.width(), handle.height()) / 2 - 1)
        painter.setPen(QPen(line, max(1.5, r / 4)))
        painter.drawEllipse(c, r, r)
        painter.restore()


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
        for child in self._window.findChildren(QObject):
            setter = getattr(child, "set_scale", None)
            if callable(setter) and child is not self:
                setter(self._scale)
        self._style_hint()

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
