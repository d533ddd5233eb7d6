"""The high-contrast theme: white on black, yellow highlight, grey for what is disabled.

A palette plus :class:`HighContrastStyle`: Qt's Fusion style draws check boxes
and slider grooves in a shade of the window colour, which on black is black,
so those controls are drawn with white outlines and yellow marks, as large as
the (scaled) text beside them. A style, not a style sheet: an application style
sheet fixes every widget's font at the size it had, and the presentation scale
could no longer grow it. The presentation mode
(:mod:`nnviz.gui.window.presentation`) switches it on; any panel's preview may.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QProxyStyle,
    QSlider,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionSlider,
    QWidget,
)

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
