"""The gradient-descent view's widgets and their arrangement (a mixin of
:class:`~nnviz.gui.training.descent_view.DescentView`).

The controls (η, the mini-batch, the epochs) above two pages: the curve E(ω)
with its numbers, and the map with its legend and "Redraw map". The pages
sit side by side in a wide dock, one above the other in a tall one, and
become two tabs when the dock is too small for both (a projector at scale 2).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nnviz.gui.training._descent_plots import CurvePlot, MapPlot
from nnviz.gui.training.number_field import NumberSpin

#: below this size per plot (px at scale 1) the two plots become tabs
PAGE_MIN_WIDTH, PAGE_MIN_HEIGHT = 300, 210


class DescentLayout:
    """Builds the view's widgets and arranges its two pages for the room it has."""

    def _build(self) -> None:
        self.choice = QLabel()
        self.choice.setWordWrap(True)
        self.eta = NumberSpin(1e-4, 1000.0, 0.5, step=None)
        self.batch = QSpinBox(minimum=1, maximum=9999, value=2)
        self.epochs = QSpinBox(minimum=1, maximum=500, value=20)
        self.redraw = QPushButton()
        self.progress = QProgressBar(maximum=100, textVisible=False)
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        self._eta_label, self._batch_label, self._epochs_label = QLabel(), QLabel(), QLabel()
        row = QHBoxLayout()
        for w in (self._eta_label, self.eta, self._batch_label, self.batch, self._epochs_label, self.epochs):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.progress)
        self.curve_plot = CurvePlot()
        self.map_plot = MapPlot()
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        # each plot on a page of its own: side by side, one above the other, or
        # tabs when the dock is too small for both (resizeEvent)
        self._pages = []
        # the map's legend and Redraw: below the map, or beside it in a tab (short of height)
        self._legend_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._legend_box.setContentsMargins(0, 0, 0, 0)
        self._legend_box.addWidget(self.legend, 1)
        self._legend_box.addWidget(self.redraw)
        self._page_boxes = []
        for plot, under in ((self.curve_plot, self.numbers), (self.map_plot, self._legend_box)):
            plot.setMinimumSize(160, 60)
            page = QWidget()
            box = QBoxLayout(QBoxLayout.Direction.TopToBottom, page)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(plot, 1)
            if isinstance(under, QWidget):
                box.addWidget(under)
            else:
                box.addLayout(under)
            self._pages.append(page)
            self._page_boxes.append(box)
        self._split = QWidget()
        self._split_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self._split)
        self._split_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self._holder = QStackedWidget()
        self._holder.addWidget(self._split)
        self._holder.addWidget(self.tabs)
        self._mode = ""
        self._legend_side = False
        self._arrange("column")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.choice)
        lay.addLayout(row)
        lay.addWidget(self._holder, 1)
        self.eta.valueChanged.connect(self._eta_changed)
        self.batch.valueChanged.connect(lambda _=0: self.request_map())
        self.epochs.valueChanged.connect(lambda _=0: self.request_map())
        self.redraw.clicked.connect(self.request_map)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        w, h = event.size().width(), event.size().height()
        room = h - self.choice.height() - self.eta.height() - 24
        if w > 1.3 * h and w >= 2 * PAGE_MIN_WIDTH * self._scale:
            self._arrange("row")
        elif room >= 2 * PAGE_MIN_HEIGHT * self._scale:
            self._arrange("column")
        else:
            # a wide, low tab: the map's legend beside the map rather than below it
            self._arrange("tabs", side=w > 1.6 * room)

    def _arrange(self, mode: str, side: bool = False) -> None:
        """The two pages "row" (side by side), "column" or "tabs"; ``side``:
        the map's legend beside it."""
        if (mode, side) == (self._mode, self._legend_side):
            return
        self._legend_side = side
        if mode == self._mode:
            self._place_legend(side)
            return
        self._mode = mode
        if mode == "tabs":
            for page in self._pages:
                self.tabs.addTab(page, "")
            self._holder.setCurrentWidget(self.tabs)
            self.tabs.setCurrentIndex(1)  # the map and its paths first: the batch sizes' story
            self._name_tabs()
        else:
            self._split_layout.setDirection(
                QBoxLayout.Direction.LeftToRight if mode == "row" else QBoxLayout.Direction.TopToBottom)
            for page in self._pages:
                self._split_layout.addWidget(page, 1)
            self._holder.setCurrentWidget(self._split)
        self._place_legend(side)
        # short of room the axes go untitled: the line above names the weights
        for plot in (self.curve_plot, self.map_plot):
            for axis in ("left", "bottom"):
                plot.getPlotItem().showLabel(axis, mode != "tabs")

    def _place_legend(self, side: bool) -> None:
        """The map's legend and Redraw beside the map (``side``: the height is
        what is short) or below it."""
        self._page_boxes[1].setDirection(
            QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.TopToBottom)
        self._legend_box.setDirection(
            QBoxLayout.Direction.TopToBottom if side else QBoxLayout.Direction.LeftToRight)
        self._show_legend()
