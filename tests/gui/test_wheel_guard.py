"""The mouse wheel scrolls the panels; it changes a field only when the field is focused."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea

from nnviz.core.lessons import load_lesson
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training.panel import TrainingPanel


def _wheel(widget, notches: int) -> None:
    """Turn the wheel over the middle of ``widget`` (``notches`` > 0: away from the user)."""
    # through the window system, as a real wheel: only such events go on to the parents
    window = widget.window()
    pos = widget.mapTo(window, QPointF(widget.width() / 2, widget.height() / 2))
    QTest.wheelEvent(window.windowHandle(), pos, QPoint(0, 120 * notches))
    QApplication.processEvents()


def _panel(qtbot) -> TrainingPanel:
    lesson = load_lesson("spiral")
    panel = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(panel)
    panel.load_lesson(lesson)
    panel.resize(420, 300)  # short: the settings scroll
    panel.show()
    qtbot.waitExposed(panel)
    panel.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    return panel


def test_the_wheel_over_an_unfocused_l2_field_scrolls_instead_of_changing_it(qtbot):
    panel = _panel(qtbot)
    l2 = panel.form.l2
    assert l2.value() == 0.0 and not l2.hasFocus()
    assert l2.focusPolicy() == Qt.FocusPolicy.StrongFocus
    scroll = next(a for a in panel.findChildren(QScrollArea) if a.widget() is panel.form)
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0
    scroll.ensureWidgetVisible(l2, 0, 60)
    before = bar.value()
    up = 1 if before > 0 else -1  # a direction the area can still scroll in
    _wheel(l2, up)
    assert l2.value() == 0.0
    assert bar.value() != before  # the panel scrolled instead
    for notches in (1, -1, 1):  # whichever way, with the field under the pointer
        scroll.ensureWidgetVisible(l2, 0, 60)
        _wheel(l2, notches)
    assert l2.value() == 0.0

    l2.setFocus()
    qtbot.waitUntil(l2.hasFocus)
    scroll.ensureWidgetVisible(l2, 0, 60)
    _wheel(l2, 1)
    assert l2.value() == 1e-5  # focused, it takes the wheel: one rung up the 1-2-5 ladder


def test_combo_boxes_everywhere_are_guarded_too(qtbot):
    panel = _panel(qtbot)
    speed = panel.speed
    index = speed.currentIndex()
    _wheel(speed, -1)
    assert speed.currentIndex() == index
    boxes = [*panel.findChildren(QComboBox), *panel.plots_widget().findChildren(QComboBox)]
    assert boxes and all(b.focusPolicy() == Qt.FocusPolicy.StrongFocus for b in boxes)
