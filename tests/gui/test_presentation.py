"""Presentation mode: the key hint grows and keeps out of the panels; the high-contrast theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from nnviz.gui.window.presentation import Presentation


@pytest.fixture
def window(qtbot):
    w = QMainWindow()
    central = QWidget()
    box = QVBoxLayout(central)
    box.addStretch(1)
    # an axis label at the very bottom of the panels, like the data plot's x₁
    w.axis_label = QLabel("x₁")
    box.addWidget(w.axis_label, 0, Qt.AlignmentFlag.AlignHCenter)
    w.setCentralWidget(central)
    w.presentation = Presentation(w)
    w.statusBar().showMessage("Backpropagation paso a paso")
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.presentation.act_contrast.setChecked(False)


def in_window(widget: QWidget, window: QMainWindow) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def test_the_key_hint_grows_with_the_scale_and_covers_no_panel(window, qtbot):
    p = window.presentation
    base = window.font().pointSizeF()
    p.act_full.setChecked(True)
    # leave full screen so that the test sees the size it asked for (offscreen screens are small)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1200, 700)
    hint = p.hint
    qtbot.waitUntil(hint.isVisible, timeout=1000)
    assert "F11" in hint.text()
    heights = {}
    for scale in (1.5, 3.0):
        p.set_scale(scale)
        qtbot.wait(20)
        assert hint.font().pointSizeF() == pytest.approx(base * scale)
        heights[scale] = hint.height()
        shown = in_window(hint, window)
        assert window.rect().contains(shown), "the whole hint is on screen"
        for panel in (window.centralWidget(), window.axis_label):
            assert not shown.intersects(in_window(panel, window)), f"the hint covers a panel at {scale}"
        assert window.width() <= 1200, "a long hint wraps, it does not widen the window"
    assert heights[3.0] > 1.6 * heights[1.5]
    p.act_full.setChecked(False)
    assert not hint.isVisible() and p.scale == 1.0


def white_or_yellow(img: QImage) -> tuple[int, int]:
    white = yellow = 0
    for y in range(img.height()):
        for x in range(img.width()):
            c = img.pixelColor(x, y)
            if min(c.red(), c.green(), c.blue()) > 200:
                white += 1
            elif c.red() > 200 and c.green() > 170 and c.blue() < 80:
                yellow += 1
    return white, yellow


def test_high_contrast_shows_disabled_buttons_check_boxes_and_sliders(window, qtbot):
    normal = QApplication.palette()
    panel = QWidget()
    qtbot.addWidget(panel)
    box = QVBoxLayout(panel)
    enabled, disabled = QPushButton("Entrenar"), QPushButton("Pausa")
    disabled.setEnabled(False)
    check = QCheckBox()  # no text: only the box itself
    checked = QCheckBox()
    checked.setChecked(True)
    slider = QSlider(Qt.Orientation.Horizontal)
    for w in (enabled, disabled, check, checked, slider):
        box.addWidget(w)
    panel.show()
    qtbot.waitExposed(panel)
    window.presentation.act_contrast.setChecked(True)
    qtbot.wait(20)
    pal = QApplication.palette()
    assert pal.color(QPalette.ColorRole.Window) == QColor(0, 0, 0)

    def brightest_text(button: QPushButton) -> int:
        img = button.grab().toImage()
        return max(img.pixelColor(x, y).lightness() for y in range(img.height()) for x in range(img.width()))

    # disabled text is grey, clearly dimmer than the white of an enabled button
    assert brightest_text(enabled) > 240
    assert brightest_text(disabled) < 170
    # the check box outline is white on black; a checked one is filled yellow
    white, yellow = white_or_yellow(check.grab().toImage())
    assert white > 20 and yellow == 0
    assert white_or_yellow(checked.grab().toImage())[1] > 10
    # the slider's groove (white) and handle (yellow) are visible
    white, yellow = white_or_yellow(slider.grab().toImage())
    assert white > 20 and yellow > 20
    window.presentation.act_contrast.setChecked(False)
    assert QApplication.palette() == normal
    assert QApplication.style().name().lower() == "fusion" and QApplication.instance().styleSheet() == ""


def test_the_scale_still_reaches_every_widget_in_high_contrast(window, qtbot):
    p = window.presentation
    check = QCheckBox("escala logarítmica", window.centralWidget())
    window.centralWidget().layout().addWidget(check)
    base = check.font().pointSizeF()
    small = check.sizeHint().height()
    p.act_contrast.setChecked(True)
    p.set_scale(2.0)
    qtbot.wait(10)
    assert check.font().pointSizeF() == pytest.approx(2 * base)
    assert window.axis_label.font().pointSizeF() == pytest.approx(2 * base)
    # the check box grows with its text
    assert check.sizeHint().height() > 1.6 * small
    p.act_contrast.setChecked(False)
    p.set_scale(1.0)
    assert check.font().pointSizeF() == pytest.approx(base)
