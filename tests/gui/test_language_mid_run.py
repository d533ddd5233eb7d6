"""A language switch while the network trains, and after: every text on
screen (labels, buttons, group titles, tab and dock titles, tooltips, menus,
window title, status bar, plot axes), including what the running trainer
writes, is in the new language at once.

The scan takes the other language's words from the Spanish catalogue
(``nnviz_es.ts``, see :mod:`tests.gui.ts_catalogue`): under English no
Spanish translation may show, under Spanish no English source whose
translation differs.
"""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMenu,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from tests.gui.conftest import open_window
from tests.gui.ts_catalogue import foreign_patterns, plain

_PIECES = re.compile(r"(?<=[.!?;:])\s+|\s+·\s+|\n")


def _menu_texts(menu: QMenu, out: list[tuple[str, str]]) -> None:
    out.append(("menu", menu.title()))
    for act in menu.actions():
        if act.menu() is not None:
            _menu_texts(act.menu(), out)
        elif act.isVisible() and not act.isSeparator():
            out.append(("menu item", act.text()))
            out.append(("menu tooltip", act.toolTip()))


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) for everything a user can read in the window now."""
    out: list[tuple[str, str]] = [("window title", window.windowTitle()),
                                  ("status bar", window.statusBar().currentMessage())]
    for act in window.menuBar().actions():
        if act.menu() is not None:
            _menu_texts(act.menu(), out)
    for act in window.toolbar.actions():
        if act.isVisible():
            out += [("toolbar", act.text()), ("toolbar tooltip", act.toolTip())]
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        name = f"{type(w).__name__} {w.objectName()}".strip()
        if w.toolTip():
            out.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, QLabel):
            out.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QDockWidget):
            out.append((name, w.windowTitle()))
        elif isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                item = w.horizontalHeaderItem(c)
                if item is not None:
                    out.append((f"{name} header", item.text()))
        elif isinstance(w, pg.PlotWidget):
            plot = w.getPlotItem()
            out.append((f"{name} title", plot.titleLabel.text))
            for item in plot.items:  # the best epoch's line label, text items
                if isinstance(item, pg.InfiniteLine) and item.label is not None and item.isVisible():
                    out.append((f"{name} line label", item.label.toPlainText()))
                elif isinstance(item, pg.TextItem) and item.isVisible():
                    out.append((f"{name} text", item.toPlainText()))
            if plot.legend is not None:
                out += [(f"{name} legend", label.text) for _sample, label in plot.legend.items]
            for side in ("left", "bottom", "right", "top"):
                axis = plot.getAxis(side)
                if axis.isVisible() and axis.label.isVisible():
                    out.append((f"{name} axis", axis.labelText))
    return [(where, plain(text)) for where, text in out if text and plain(text)]


def foreign_texts(window, lang: str) -> list[tuple[str, str, str]]:
    """(where, text on screen, catalogue text it matches) of each text in the
    other language than ``lang``."""
    patterns = foreign_patterns(lang)
    found = []
    for where, text in visible_texts(window):
        pieces = [text, *(p for p in _PIECES.split(text) if p)]
        for piece in pieces:
            hit = next((src for src, pat in patterns if pat.fullmatch(piece)), None)
            if hit is not None:
                found.append((where, text, hit))
                break
    return found


@pytest.fixture
def spiral(qtbot):
    win = open_window(qtbot, preset="spiral", lang="en")
    yield win
    win.training.stop_and_wait()
    win.persist_state = False
    win.close()


def _switch(window, qtbot, lang: str) -> None:
    window.set_language(lang)
    qtbot.wait(150)  # the trainer's next frames come in, in the new language


def test_the_scan_sees_a_foreign_text(spiral, qtbot):
    """The scan itself: a Spanish text on the English screen is found, with
    its numbers filled in and inside a longer line; so is English under Spanish."""
    label = spiral.training.engine_label
    label.show()
    label.setText("Lista. Detenido tras la época 3.")
    found = foreign_texts(spiral, "en")
    assert [(text, src) for _w, text, src in found] == [("Lista. Detenido tras la época 3.", "Detenido tras la época {0}.")]
    _switch(spiral, qtbot, "es")
    label.setText("Stopped after epoch 3.")
    assert [src for _w, _t, src in foreign_texts(spiral, "es")] == ["Stopped after epoch {0}."]
    _switch(spiral, qtbot, "en")


def test_language_switch_during_and_after_a_run(spiral, qtbot):
    panel = spiral.training
    assert foreign_texts(spiral, "en") == []
    panel.set_pace(5.0)  # a pace a class can follow: the run is still going when we switch
    assert panel.start()
    qtbot.waitUntil(lambda: panel.engine_label.text() != "", timeout=20000)
    qtbot.wait(600)
    for lang in ("es", "en", "es"):
        _switch(spiral, qtbot, lang)
        assert panel._state == "running"
        assert foreign_texts(spiral, lang) == [], lang
    panel.set_pace(0.0)  # the rest at full speed: the end of the run says how it went
    with qtbot.waitSignal(panel.trainingFinished, timeout=120000):
        pass
    assert panel.message.text()  # "Trained … epochs." (in Spanish now)
    assert foreign_texts(spiral, "es") == []
    for lang in ("en", "es", "en"):
        _switch(spiral, qtbot, lang)
        assert foreign_texts(spiral, lang) == [], lang


def test_undo_and_redo_are_named_in_the_interface_language(spiral, qtbot):
    """Edit → Undo names the edit after a prefix of ours, in the language of the
    moment (QUndoStack's own "Undo %1" was fixed when the action was made)."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("WindowChrome", text)

    stack = spiral.model.undo_stack
    assert (spiral.act_undo.text(), spiral.act_undo.isEnabled()) == (tr("&Undo"), False)
    spiral.model.edit_weight(1, 0, 0, 1.5)
    assert spiral.act_undo.isEnabled() and not spiral.act_redo.isEnabled()
    assert spiral.act_undo.text() == tr("&Undo: {0}").format(stack.undoText())
    spiral.act_undo.trigger()
    assert spiral.act_redo.text() == tr("&Redo: {0}").format(stack.redoText())
    assert spiral.act_undo.text() == tr("&Undo")
    _switch(spiral, qtbot, "es")
    assert spiral.act_redo.text() == tr("&Redo: {0}").format(stack.redoText())
    assert tr("&Redo") == "&Rehacer"  # the Spanish catalogue is the one asked
    spiral.act_redo.trigger()
    assert spiral.model.network.weights[1][0, 0] == 1.5
    _switch(spiral, qtbot, "en")
