"""The stepper's side panels: the slides' seven-step outline, the error plot
and the "PyTorch does all this with one command" comparison.

Each is a small widget with a ``set_scale`` for presentation mode; the
:class:`~nnviz.gui.lecture.stepper.StepperPanel` feeds them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.lecture.formulas import Notation
from nnviz.core.lecture.latex_numbers import format_plain
from nnviz.core.lecture.stepping import FinishedUpdate
from nnviz.core.lecture.steps import SLIDE_STEP_TITLES
from nnviz.core.model.regions import class_color
from nnviz.gui.wrapping_label import WrappingLabel

_BASE_PT = 11.0
#: the error plot's least height (px) on a short projector: its axis numbers
#: and the points of a dozen updates still read
MIN_PLOT_HEIGHT = 150


def _scaled_font(widget: QWidget, scale: float, bold: bool = False, factor: float = 1.0) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(_BASE_PT * scale * factor)
    font.setBold(bold)
    return font


# ------------------------------------------------------------------ outline
class StepOutline(QListWidget):
    """The slides' summary, 1 feed forward ... 7 update ω_ij; click to jump."""

    #: the user clicked one of the seven steps (1..7)
    slideStepClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, lang: str = "es") -> None:
        super().__init__(parent)
        self._lang = lang
        self._scale = 1.0
        self._current: int | None = None
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemClicked.connect(self._clicked)
        self._build()

    def _build(self) -> None:
        self.clear()
        for phase, steps in ((self.tr("FEED FORWARD"), (1, 2)), (self.tr("BACKPROP"), (3, 4, 5, 6, 7))):
            head = QListWidgetItem(phase)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            head.setData(Qt.ItemDataRole.UserRole, 0)
            self.addItem(head)
            for n in steps:
                item = QListWidgetItem(f"{n}. {SLIDE_STEP_TITLES[n][self._lang]}")
                item.setData(Qt.ItemDataRole.UserRole, n)
                item.setToolTip(self.tr("Jump to this step of the update"))
                self.addItem(item)
        self._restyle()

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        self._build()

    def set_scale(self, factor: float) -> None:
        self._scale = factor
        self._restyle()

    def set_current(self, slide_step: int | None) -> None:
        """Mark the step we are at (None: none)."""
        self._current = slide_step
        self._restyle()

    def current(self) -> int | None:
        return self._current

    def item_for(self, slide_step: int) -> QListWidgetItem:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == slide_step:
                return self.item(i)
        raise KeyError(slide_step)

    def _restyle(self) -> None:
        pal = self.palette()
        # the outline is a guide, not the text to read from the back row: it
        # grows more slowly than the formulas
        scale = 1.0 + 0.45 * (self._scale - 1.0)
        for i in range(self.count()):
            item = self.item(i)
            n = item.data(Qt.ItemDataRole.UserRole)
            if n == 0:
                item.setFont(_scaled_font(self, scale, bold=True, factor=0.85))
                item.setForeground(pal.color(QPalette.ColorRole.PlaceholderText))
                item.setBackground(Qt.GlobalColor.transparent)
                continue
            here = n == self._current
            item.setFont(_scaled_font(self, scale, bold=here))
            if here:
                item.setBackground(pal.color(QPalette.ColorRole.Highlight))
                item.setForeground(pal.color(QPalette.ColorRole.HighlightedText))
            else:
                item.setBackground(Qt.GlobalColor.transparent)
                item.setForeground(pal.color(QPalette.ColorRole.Text))

    def _clicked(self, item: QListWidgetItem) -> None:
        n = item.data(Qt.ItemDataRole.UserRole)
        if n:
            self.slideStepClicked.emit(int(n))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._build()
        elif event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)


# --------------------------------------------------------------- error plot
class ErrorPlot(QWidget):
    """E per finished update: on the sample of the update (the slides' step 3,
    before the update) and the mean over all samples after it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self._legend = self.plot.addLegend(offset=(-10, 10))
        self._sample_curve = self.plot.plot(
            [], [], pen=None, symbol="o", symbolSize=7, symbolBrush=class_color(0), symbolPen=None
        )
        self._mean_curve = self.plot.plot([], [], pen=pg.mkPen(class_color(3), width=2))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot)
        # its axes' numbers and a dozen points apart: the formula above gives way first
        self.setMinimumHeight(MIN_PLOT_HEIGHT)
        self._n = 0
        self._apply_palette()
        self.retranslate()

    def set_points(self, finished: Sequence[FinishedUpdate]) -> None:
        n = np.array([f.number for f in finished], dtype=np.float64)
        self._sample_curve.setData(n, np.array([f.error for f in finished], dtype=np.float64))
        self._mean_curve.setData(n, np.array([f.mean_error_after for f in finished], dtype=np.float64))
        self._n = len(finished)

    def count(self) -> int:
        return self._n

    def retranslate(self) -> None:
        self.plot.setLabel("bottom", self.tr("update"))
        self.plot.setLabel("left", self.tr("error E"))
        self._fill_legend()

    def set_scale(self, factor: float) -> None:
        self._scale = factor
        font = _scaled_font(self, factor, factor=0.9)
        for axis in ("bottom", "left"):
            ax = self.plot.getAxis(axis)
            ax.setStyle(tickFont=font)
            ax.label.setFont(font)
        # the axes take the room their scaled numbers and titles need (a fixed
        # width drew the title over the numbers at scale 2)
        self.plot.getAxis("left").setWidth(None)
        self.plot.getAxis("bottom").setHeight(None)
        # the legend grows more slowly: at scale 2 it covered the points of a
        # narrow plot and ran past its edge
        self._legend.setLabelTextSize(f"{9 * (1.0 + 0.4 * (factor - 1.0)):.0f}pt")
        self._fill_legend()
        self._sample_curve.setSymbolSize(7 * factor)
        self._mean_curve.setPen(pg.mkPen(class_color(3), width=2 * factor))

    def _fill_legend(self) -> None:
        """The legend's two entries, in the theme's text colour (a new entry takes
        pyqtgraph's default grey, unreadable on high contrast's black)."""
        self._legend.clear()
        # before adding: a new entry takes the legend's colour when it is made
        self._legend.setLabelTextColor(self.palette().color(QPalette.ColorRole.Text))
        self._legend.addItem(self._sample_curve, self.tr("E on the update's sample"))
        self._legend.addItem(self._mean_curve, self.tr("mean E over all samples, after"))

    def _apply_palette(self) -> None:
        pal = self.palette()
        self.plot.setBackground(pal.color(QPalette.ColorRole.Base))
        text = pal.color(QPalette.ColorRole.Text)
        for axis in ("bottom", "left"):
            ax = self.plot.getAxis(axis)
            ax.setPen(pg.mkPen(text))
            ax.setTextPen(pg.mkPen(text))
        self._fill_legend()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)


def style_plot(plot: pg.PlotWidget, widget: QWidget) -> None:
    """Background and axes of ``plot`` in ``widget``'s palette."""
    pal = widget.palette()
    plot.setBackground(pal.color(QPalette.ColorRole.Base))
    text = pal.color(QPalette.ColorRole.Text)
    for axis in ("bottom", "left"):
        ax = plot.getAxis(axis)
        ax.setPen(pg.mkPen(text))
        ax.setTextPen(pg.mkPen(text))


# ------------------------------------------------------------- torch panel
_MAX_ROWS = 16


class TorchPanel(QWidget):
    """The same update by ``loss.backward()`` and ``optimizer.step()``, beside
    the manual one, with their largest difference and the PyTorch lines."""

    def __init__(self, parent: QWidget | None = None, lang: str = "es") -> None:
        super().__init__(parent)
        self._lang = lang
        self._scale = 1.0
        self._rows: list[tuple[str, float, float]] = []
        self._max_diff: float | None = None
        self._compact = False
        self._shown = False
        # wrapped lines that ask for their height as a minimum: nothing below them is cut
        self.title = WrappingLabel()
        self.diff_label = WrappingLabel()
        for label in (self.title, self.diff_label):  # their lines, no blank rows between them
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.diff_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = QPlainTextEdit()
        self.code.setReadOnly(True)
        self.code.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        # its header and a row at least; it scrolls (the verdict above says it all)
        self.table.setMinimumHeight(48)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.diff_label)
        lay.addWidget(self.code)
        lay.addWidget(self.table, 1)
        lay.addStretch(0)
        self._show_parts(False)
        self.retranslate()
        self.set_scale(1.0)

    def show_comparison(
        self, snippet: str, names: Sequence[str], manual: np.ndarray, torch_values: np.ndarray
    ) -> None:
        """Show the manual and torch parameters after the update, and the snippet."""
        manual = np.asarray(manual, dtype=np.float64)
        torch_values = np.asarray(torch_values, dtype=np.float64)
        self._max_diff = float(np.max(np.abs(manual - torch_values))) if manual.size else 0.0
        self._rows = list(zip(names, manual.tolist(), torch_values.tolist(), strict=True))
        self.code.setPlainText(snippet)
        self._show_parts(True)
        self.set_scale(self._scale)
        self._fill()

    def show_update(self, trace, lang: str) -> None:
        """Do ``trace``'s update again with PyTorch and show both (torch is
        imported here, on the first finished update)."""
        from nnviz.core.lecture.torch_check import torch_snippet, torch_update

        theirs = torch_update(trace.network_before, trace.x, trace.d, trace.eta, trace.freeze_biases,
                              getattr(trace, "dropout", None))
        names, manual, other = _parameter_rows(trace.network_after, theirs, trace.freeze_biases)
        self.show_comparison(torch_snippet(lang, getattr(trace, "loss", "squared")), names, manual, other)

    def clear_comparison(self) -> None:
        self._max_diff = None
        self._rows = []
        self._show_parts(False)
        self._fill()

    def wanted_height(self, rows: int = 1) -> int:
        """Height (px) of the headline, the verdict, the whole snippet and the
        table's header with ``rows`` rows, at the panel's width."""
        lay = self.layout()
        m = lay.contentsMargins()
        width = max(100, self.width() - m.left() - m.right())
        h = m.top() + m.bottom() + 3 * lay.spacing()
        for label in (self.title, self.diff_label):
            # a WrappingLabel's minimum is its wrapped height at the panel's width
            h += max(label.minimumHeight(), label.heightForWidth(width) if label.text() else 0)
        h += self.code.height() if self.code.isVisibleTo(self) else 0
        if self.table.isVisibleTo(self):
            header = self.table.horizontalHeader().sizeHint().height()
            row = self.table.verticalHeader().defaultSectionSize()
            h += lay.spacing() + max(self.table.minimumHeight(), header + rows * row + 2 * self.table.frameWidth())
        return h

    def _show_parts(self, on: bool) -> None:
        """The code and the table only with a comparison to show: before an
        update ends the panel is one line, and takes no room from the formula
        and the error plot on a short projector."""
        self._shown = on
        self.code.setVisible(on)
        table = on and not self._compact
        self.table.setVisible(table)
        # without the table the room left goes under the snippet, not between the lines
        lay = self.layout()
        lay.setStretch(lay.count() - 1, 0 if table else 1)

    def set_compact(self, on: bool) -> None:
        """Compact (a short projector at a large scale): the table of every
        weight gives way; the verdict above it says whether they all agree."""
        self._compact = bool(on)
        self._show_parts(self._shown)

    def max_difference(self) -> float | None:
        """The largest |manual − torch| on show, None before an update ends."""
        return self._max_diff

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        self._fill()

    def _fill(self) -> None:
        if self._max_diff is None:
            self.diff_label.setText(self.tr("Finish an update to compare it with PyTorch."))
        else:
            verdict = self.tr("equal") if self._max_diff < 1e-12 else self.tr("DIFFERENT")
            self.diff_label.setText(
                self.tr("Largest difference between the manual update and PyTorch's: {0} ({1})").format(
                    _sci(self._max_diff, self._lang), verdict
                )
            )
        rows = self._rows[:_MAX_ROWS]
        self.table.setRowCount(len(rows))
        for r, (name, a, b) in enumerate(rows):
            cells = (name, format_plain(a, self._lang, 10), format_plain(b, self._lang, 10), _sci(abs(a - b), self._lang))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def retranslate(self) -> None:
        self.title.setText(self.tr("PyTorch does all this with one command!"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("weight"), self.tr("by hand (slides)"), self.tr("PyTorch"), self.tr("difference")]
        )
        self._fill()

    def set_scale(self, factor: float) -> None:
        self._scale = factor
        # the texts grow more slowly than the scale: at scale 2 on a 768-pixel
        # projector the headline, the verdict and the whole snippet must fit
        text_scale = 1.0 + 0.5 * (factor - 1.0)
        self.title.setFont(_scaled_font(self, text_scale, bold=True, factor=1.1))
        self.diff_label.setFont(_scaled_font(self, text_scale))
        self._fit_code()
        self.table.setFont(_scaled_font(self, factor, factor=0.9))
        self.table.resizeColumnsToContents()

    def _fit_code(self) -> None:
        """The snippet's font: it grows with the scale, but in a narrow panel it
        shrinks until its longest line fits (never below its size at scale 1,
        where a scroll bar takes over); the view is as tall as the snippet."""
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        base = _BASE_PT * 0.85
        target = base * (1.0 + 0.3 * (self._scale - 1.0))
        text = self.code.toPlainText()
        room = self.code.viewport().width() - 2 * self.code.document().documentMargin() - 2
        mono.setPointSizeF(target)
        longest = max((QFontMetricsF(mono).horizontalAdvance(line) for line in text.splitlines()), default=0.0)
        if longest > room > 0 and self.width() > 1:
            mono.setPointSizeF(max(base, target * room / longest))
        if self.code.font().pointSizeF() != mono.pointSizeF():
            self.code.setFont(mono)
        metrics = QFontMetricsF(mono)
        lines = max(6, text.count("\n") + 1)
        wide = metrics.horizontalAdvance(max(text.splitlines(), key=len, default="")) > room
        bar = self.code.horizontalScrollBar().sizeHint().height() if wide else 0
        # as tall as the snippet, no taller: the table below gets the rest
        self.code.setFixedHeight(int(metrics.lineSpacing() * (lines + 0.8)) + 8 + bar)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_code()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _parameter_rows(mine, theirs, freeze_biases: bool) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Names and values of every updated parameter, by hand and by torch."""
    names: list[str] = []
    a: list[float] = []
    b: list[float] = []
    tw, tb = _torch_parameters(theirs)
    notation = Notation(mine.layers)
    for layer, (w, w2) in enumerate(zip(mine.weights, tw, strict=True)):
        for (j, k), v in np.ndenumerate(w):
            names.append(notation.plain_weight(layer, j + 1, k + 1))
            a.append(float(v))
            b.append(float(w2[j, k]))
    if not freeze_biases:
        for layer, (bias, b2) in enumerate(zip(mine.biases, tb, strict=True)):
            for k, v in enumerate(bias):
                names.append("b" + f"({layer + 1})".translate(_SUP) + str(k + 1).translate(_SUB))
                a.append(float(v))
                b.append(float(b2[k]))
    return names, np.array(a), np.array(b)


def _torch_parameters(theirs) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """torch_update's result as (weights, biases) lists of numpy arrays."""
    theirs = getattr(theirs, "network", theirs)
    if hasattr(theirs, "weights") and hasattr(theirs, "biases"):
        return list(theirs.weights), list(theirs.biases)
    if isinstance(theirs, dict):
        return list(theirs["weights"]), list(theirs["biases"])
    weights, biases = theirs
    return list(weights), list(biases)


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def _sci(value: float, lang: str) -> str:
    text = f"{value:.1e}" if value else "0"
    return text.replace(".", ",") if lang.startswith("es") else text


def readable_color(color: QColor, background: QColor) -> QColor:
    """``color``, lightened on a dark background."""
    return color.lighter(180) if background.lightnessF() < 0.5 else color


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication, QHBoxLayout

    from nnviz.core.lecture.stepping import walk_for_lesson
    from nnviz.core.lessons import load_lesson
    app = QApplication(sys.argv)
    walk = walk_for_lesson(load_lesson("mlp-xor"))
    for _ in range(12):
        walk.next_sample()
    box = QWidget()
    row = QHBoxLayout(box)
    outline, plot, torch_panel = StepOutline(), ErrorPlot(), TorchPanel()
    outline.set_current(4)
    plot.set_points(walk.finished())
    walk.finish()
    torch_panel.show_update(walk.trace, "es")
    for w in (outline, plot, torch_panel):
        row.addWidget(w)
    box.resize(1400, 500)
    box.show()
    sys.exit(app.exec())
