"""Dock sizes for a projector: what the lesson's current moment needs gets the room.

:class:`ProjectorLayout` sizes the main window's docks from the window's size,
the presentation scale and the lesson's mode, and does it again whenever one of
them changes (a resize, F11, Ctrl+/Ctrl-, another lesson):

- lecture lessons: the formulas dock (formula, outline, error plot, PyTorch's
  comparison) takes a share of the width that grows with the scale, and the
  height it needs; the Data dock gets what is left, and when that is too
  little to be of use (a 1024x768 projector at scale 2) it becomes a tab behind
  the formulas rather than squeezing them;
- training lessons: the controls get the width their buttons and fields need
  (never a sideways scroll), the curves a height share that grows with the
  scale, the decision regions / confusion matrix the right-hand side, or the
  place beside the curves when three columns would squeeze the graph.

A dock the user closed stays closed; the user may still drag the splitters,
until the next change of size or scale fits the layout again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QStyle, QTabBar

from nnviz.core.lessons import VIEWS

#: lecture views that, named first by a lesson, stay in front of the formulas on
#: a short screen: the gallery shows the stepped neuron's numbers on its curves
#: (a lesson about the activation functions is read there); the PyTorch
#: structure and gradient descent accompany the formulas, as tabs behind them
FRONT_VIEWS = ("activations",)

#: the network graph never gets less than this (px): a 2-2-2 network with its
#: captions and legend is legible at 320x240 (the view's own minimum)
GRAPH_MIN_WIDTH = 320
#: the Data dock of a lecture lesson is worth showing only this tall (px);
#: below it the plot is a strip, and the dock becomes a tab behind the formulas
LECTURE_DATA_MIN_HEIGHT = 180
#: a training lesson's graph (a digit lesson draws its input image there) gets
#: at least this width (px) beside the controls and the data, else the data
#: moves beside the curves
TRAINING_GRAPH_MIN_WIDTH = 420
#: ... and of an image lesson, whose graph draws the input image beside its
#: layers (the confusion matrix and the weights beside it are wide at scale 2)
TRAINING_IMAGE_GRAPH_MIN_WIDTH = 600
#: the formulas' column: this share of the width at scale 1, growing by
#: LECTURE_WIDTH_PER_SCALE per unit of scale, at most LECTURE_WIDTH_MAX
LECTURE_WIDTH = 0.44
LECTURE_WIDTH_PER_SCALE = 0.10
LECTURE_WIDTH_MAX = 0.60
#: the curves' dock: this share of the height at scale 1, growing with the scale
PLOTS_HEIGHT = 0.36
PLOTS_HEIGHT_PER_SCALE = 0.08
PLOTS_HEIGHT_MAX = 0.50


def _lerp(base: float, per_scale: float, top: float, scale: float) -> float:
    return min(top, base + per_scale * max(0.0, scale - 1.0))


class ProjectorLayout(QObject):
    """Fits the docks of ``window`` (a MainWindow: ``_docks``, ``lesson``,
    ``presentation``, ``stepper``, ``training``) to its size and scale."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        #: where the Data dock is (see data_place)
        self._data_place = "right"
        # after the resize has laid the window out: the docks' heights are known then
        self._timer = QTimer(self, singleShot=True, interval=0, timeout=self.fit)
        window.installEventFilter(self)
        window.stepper.stateChanged.connect(lambda: self._step_moved())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self._window and event.type() == QEvent.Type.Resize:
            self.fit_soon()
        return False

    def _step_moved(self, checks: int = 3) -> None:
        """A step whose panel no longer fits (a formula taller than the usual
        ones, PyTorch's comparison): fit again; a step that fits changes
        nothing (no layout jumps while stepping, and splitters the user dragged
        stay where they are). Checked again over a few turns of the event loop:
        the panels' new minimums reach the dock through posted layout requests."""
        w = self._window
        area = w._docks["formulas"].widget()
        if w.lesson is None or w.lesson.mode == "train" or not w.isVisible():
            return
        viewport = area.viewport().height() if hasattr(area, "viewport") else area.height()
        if w.stepper.minimumSizeHint().height() > viewport:
            self.fit_soon()
        elif checks > 0:
            QTimer.singleShot(0, self, lambda: self._step_moved(checks - 1))

    def fit_soon(self) -> None:
        """Fit once the event loop has laid out the change just made."""
        self._timer.start()

    def data_tabbed(self) -> bool:
        """Whether the lecture's Data dock is a tab behind the formulas (too little room)."""
        return self._data_place == "tab"

    def fit(self) -> None:
        """Size the docks of the mode on show for the window's size and scale now."""
        w = self._window
        if not w.isVisible() or getattr(w, "lesson", None) is None:
            return
        if w.lesson.mode == "train":
            self._fit_training()
        else:
            self._fit_lecture()

    # -------------------------------------------------------------- lecture
    def _scale(self) -> float:
        presentation = getattr(self._window, "presentation", None)
        return presentation.scale if presentation is not None else 1.0

    def _fit_lecture(self) -> None:
        w = self._window
        d = w._docks
        width = w.width()
        share = _lerp(LECTURE_WIDTH, LECTURE_WIDTH_PER_SCALE, LECTURE_WIDTH_MAX, self._scale())
        floor = w.stepper.minimumSizeHint().width() + _scroll_bar_extent()
        column = max(int(share * width), min(floor, width - GRAPH_MIN_WIDTH))
        column = min(column, width - GRAPH_MIN_WIDTH)
        w.resizeDocks([d["formulas"]], [column], Qt.Orientation.Horizontal)
        data_wanted = d["data"].toggleViewAction().isChecked()
        room = self._right_area_height()
        w.stepper.set_compact(False)
        need = self._formulas_need()
        data_min = max(LECTURE_DATA_MIN_HEIGHT, d["data"].minimumSizeHint().height(),
                       d["data"].widget().minimumSizeHint().height() + self._dock_title_height())
        if data_wanted and room - need >= data_min:
            self._move_data("right")
            # the formulas take what they need, at least three fifths; the data the rest
            formulas = max(need, int(0.62 * room))
            data_height = room - formulas
            if data_height < data_min:
                formulas, data_height = room - data_min, data_min
            w.resizeDocks([d["formulas"], d["data"]], [formulas, data_height], Qt.Orientation.Vertical)
            return
        if data_wanted:
            self._move_data("tab")
            room -= w.fontMetrics().height() + 12  # the tabs under the dock
        # still too short with the formula drawn as small as it may be (1024x768
        # at scale 2): the status line, the settings and the outline go
        w.stepper.set_compact(w.stepper.minimumSizeHint().height() + self._dock_title_height() > room)

    def _right_area_height(self) -> float:
        """Height (px) of the window's middle row, where the side docks are."""
        central = self._window.centralWidget()
        return central.height() if central is not None else self._window.height()

    def _formulas_need(self) -> int:
        """Height (px) the formulas dock needs to show its panel without
        scrolling, with the formula on show at its full size."""
        stepper = self._window.stepper
        formula = stepper.formula
        panel = stepper.minimumSizeHint().height()
        # the formula at its full size, and room for a usual step's formula
        # from the start (the walk's formulas grow once it is under way)
        full = max(formula.sizeHint().height(), formula.typical_height())
        panel += max(0, full - formula.minimumSizeHint().height())
        return panel + self._dock_title_height()

    def _dock_title_height(self) -> int:
        """A dock's title bar and frame (px): it grows with the window's (scaled) font."""
        style = self._window.style()
        frame = 2 * style.pixelMetric(QStyle.PixelMetric.PM_DockWidgetFrameWidth)
        return max(style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight), self._window.fontMetrics().height() + 8) \
            + frame + 8

    def data_place(self) -> str:
        """Where the Data dock is: "right" (beside the graph), "tab" (behind the
        formulas) or "below" (beside the curves of a training lesson)."""
        return self._data_place

    def _move_data(self, place: str) -> None:
        """Put the Data dock (and its Mistakes and Draw tabs) at ``place``; a
        dock the user closed stays closed."""
        if place == self._data_place:
            return
        w = self._window
        d = w._docks
        # the lecture views (nnviz.core.lessons.VIEWS) on show are tabs of the same group
        views = [d[k] for k in VIEWS if k in d and d[k].toggleViewAction().isChecked()]
        group = [d[k] for k in ("data", "mistakes", "draw") if k in d] + views
        shown = {dock: dock.toggleViewAction().isChecked() for dock in group}
        data = d["data"]
        if place == "tab":
            w.tabifyDockWidget(d["formulas"], data)
            self._data_place = place
            self.place_views()
        else:
            for dock in group:
                w.removeDockWidget(dock)
            if place == "below":
                w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, data, Qt.Orientation.Horizontal)
            else:
                # splitDockWidget would only add another tab: out of the tabs, then below the formulas
                w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, data, Qt.Orientation.Vertical)
            for first, second in zip(group, group[1:]):
                w.tabifyDockWidget(first, second)
        for dock, on in shown.items():
            dock.setVisible(on)
        # the lesson's first view stays in front of its tab group (MainWindow._show_lesson_views)
        front = [d[k] for k in getattr(w.lesson, "views", None) or () if k in d and shown.get(d[k])]
        if place == "tab":
            d["formulas"].raise_()
        elif front:
            front[0].lower()  # raise_() picks the tab only when it changes the z-order
            front[0].raise_()
        elif shown[data]:
            data.raise_()
        # the docks' tabs (made now) in the size of the window's other chrome
        # (Presentation scales the status bar more slowly than the panels)
        for tabs in w.findChildren(QTabBar):
            if tabs.parentWidget() is w:
                tabs.setFont(w.statusBar().font())
        self._data_place = place

    def place_views(self) -> None:
        """On a short screen, where the Data dock is a tab behind the formulas,
        the lecture views on show (the gallery, gradient descent, PyTorch's
        structure) are tabs of that group too, the formulas in front (but for
        a lesson about a view of :data:`FRONT_VIEWS`): below the formulas they
        left the formula itself a strip at 1280x800, scale 2 (its numbers
        cut). Elsewhere they stay tabs of the Data group."""
        if self._data_place != "tab":
            return
        w = self._window
        d = w._docks
        views = [d[k] for k in VIEWS if k in d and d[k].toggleViewAction().isChecked()]
        for dock in views:
            w.tabifyDockWidget(d["formulas"], dock)
        if not views:
            return
        first = next(iter(getattr(w.lesson, "views", None) or ()), None)
        if first in FRONT_VIEWS and d[first] in views:
            d[first].lower()  # raise_() picks the tab only when it changes the z-order
            d[first].raise_()
        else:
            d["formulas"].raise_()

    # ------------------------------------------------------------- training
    def _fit_training(self) -> None:
        w = self._window
        d = w._docks
        width, height = w.width(), w.height()
        scale = self._scale()
        # the controls: as wide as their widest field and button (no sideways
        # scroll when a field takes the focus), at least a fifth of the window
        need = w.training.minimumSizeHint().width() + _scroll_bar_extent() + 12
        controls = min(max(int(width * 0.2), need), max(need, int(width * 0.34)))
        data_min = d["data"].minimumSizeHint().width()
        plots = int(height * _lerp(PLOTS_HEIGHT, PLOTS_HEIGHT_PER_SCALE, PLOTS_HEIGHT_MAX, scale))
        # three columns need room; short of it the data goes beside the curves
        # and the graph (a digit lesson's input image) keeps a useful width
        data_set = w.training.dataset()
        images = data_set is not None and data_set.image_shape is not None
        graph_min = TRAINING_IMAGE_GRAPH_MIN_WIDTH if images else TRAINING_GRAPH_MIN_WIDTH
        below = width < need + graph_min + data_min + 24
        self._move_data("below" if below else "right")
        if below:
            w.resizeDocks([d["training"]], [controls], Qt.Orientation.Horizontal)
            w.resizeDocks([d["plots"]], [plots], Qt.Orientation.Vertical)
            data = min(max(int(plots * 1.15), data_min), int(width * 0.42))
            w.resizeDocks([d["plots"], d["data"]], [width - data, data], Qt.Orientation.Horizontal)
        else:
            data = max(int(width * (0.30 if scale < 1.5 else 0.32)), data_min)
            w.resizeDocks([d["training"], d["data"]], [controls, data], Qt.Orientation.Horizontal)
            w.resizeDocks([d["plots"]], [plots], Qt.Orientation.Vertical)


def _scroll_bar_extent() -> int:
    from PySide6.QtWidgets import QApplication

    return QApplication.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 2
