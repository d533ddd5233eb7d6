"""DataView: 2-D data with decision regions, decision lines and marked points.

A ``QWidget`` wrapping one pyqtgraph ``PlotWidget``; the perceptron lesson, the
MLP stepper and the training panel all draw their 2-D data with it.

API (all items are created once and updated in place)::

    view = DataView(parent)
    view.set_dataset(ds)          # points coloured by class (Okabe–Ito palette),
                                  # training filled ●, validation hollow ○; frames the view.
                                  # A lesson's data (core.lessons.LessonDataset) names its
                                  # classes by their desired output when it is not the
                                  # class number (d = −1, d = +1), and data whose targets
                                  # are numbers shows each sample with its d, no classes
    view.set_region(img, bounds)  # decision regions under the points: ``img`` is
                                  # (H, W, 4) uint8 RGBA, or float probabilities:
                                  # (H, W) of class 1 or (H, W, C); row 0 at the
                                  # bottom; bounds = (x_min, x_max, y_min, y_max)
                                  # (default: the frame of the data set)
    view.set_lines([(w1, w2, b, "label"), ...])
                                  # lines w1·x1 + w2·x2 + b = 0 clipped to the view,
                                  # re-clipped when the view pans or zooms
    view.set_marked(indices)      # a ring around these samples (indices into ds.x),
                                  # e.g. the misclassified ones or the one that caused an update
    view.clear_overlays()         # removes region, lines and rings; keeps the points
    view.set_scale(f)             # 1.0 laptop, 1.5–2 projector: fonts, points, lines
    view.bounds()                 # the frame a region should cover: the part of the plane
                                  # on show (aspect locked), the data's frame before shown
    view.data_bounds()            # the padded frame of the data (core.model.regions.data_bounds)
    view.view_bounds()            # the frame on show now (after pan/zoom)
    view.keep_range = True        # set_dataset leaves the frame alone (draw mode:
                                  # nnviz.gui.data.drawing.DrawingTools)
    view.add_toolbar(widget)      # a bar above the legend (the draw mode's tools)
    view.plot_item.vb.sigRangeChanged  # recompute a region when the frame changes
    view.pointClicked(int)        # signal: a sample was clicked (its index)

Colours and the line clipping are in :mod:`nnviz.core.model.regions`. This
module draws the samples: points by class, rings, the legend, tooltips and
clicks; the region image and the decision lines over them are the mixin
``DecisionOverlays`` (``_decision_overlays``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nnviz.core.data.dataset import Dataset
from nnviz.core.lecture.latex_numbers import format_plain
from nnviz.core.model import regions
from nnviz.gui.data._decision_overlays import DecisionOverlays
from nnviz.gui.locale_axis import locale_axes

# samples whose desired output is a number, not a class: one neutral colour
_SAMPLE_COLOR = (90, 90, 90)
#: label each sample with its d when there are at most this many
_MAX_TARGET_LABELS = 8


def number_text(value: float) -> str:
    """A number in the interface language, with a real minus sign: −0,5."""
    lang = "es" if QLocale().decimalPoint() == "," else "en"
    return format_plain(value, lang).replace("-", "\u2212")


def vector_text(values: Sequence[float]) -> str:
    """(0,05; 0,1) in Spanish, (0.05, 0.1) in English; a lone number without brackets."""
    parts = [number_text(v) for v in values]
    if len(parts) == 1:
        return parts[0]
    sep = "; " if QLocale().decimalPoint() == "," else ", "
    return "(" + sep.join(parts) + ")"


def signed_text(value: float) -> str:
    """+1 and −1: the sign written out, as the slides write a class's d."""
    text = number_text(value)
    return "+" + text if value > 0 else text


class DataView(DecisionOverlays, QWidget):
    """2-D points by class, a decision-region image, decision lines and rings."""

    pointClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self._dataset: Dataset | None = None
        self._bounds: regions.Bounds = (-1.0, 1.0, -1.0, 1.0)
        self._marked = np.zeros(0, dtype=np.int64)
        self._marked_label = ""
        #: True: set_dataset does not reframe the view (points being drawn)
        self.keep_range = False

        self.plot = pg.PlotWidget(background="w", axisItems=locale_axes())
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot_item = self.plot.getPlotItem()
        # one unit is as long on both axes: lines cross at their true angles,
        # circles look round; regions cover the frame on show (see bounds())
        self.plot_item.setAspectLocked(True)
        self.plot_item.showGrid(x=False, y=False)
        for name in ("left", "bottom"):
            ax = self.plot_item.getAxis(name)
            ax.setPen(pg.mkPen("#333333"))
            ax.setTextPen(pg.mkPen("#222222"))
            ax.enableAutoSIPrefix(False)
        # the legend is a line of text above the plot: it never hides a point
        self._legend = QLabel()
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend.setWordWrap(True)
        # the data plot stays a white card in every theme (high contrast too): its
        # class colours, decision lines and point outlines are chosen for white
        self._legend.setStyleSheet("QLabel { background: white; color: #111; padding: 2px 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._legend)
        layout.addWidget(self.plot, 1)

        self._init_overlays()

        self._train = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=self._tip)
        self._val = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=self._tip)
        self._train.setZValue(5)
        self._val.setZValue(6)
        for item in (self._train, self._val):
            self.plot_item.addItem(item)
            item.sigClicked.connect(self._on_clicked)
        # two rings, white under black, visible on any region colour
        self._ring_under = pg.ScatterPlotItem(pxMode=True)
        self._ring_over = pg.ScatterPlotItem(pxMode=True)
        self._ring_under.setZValue(7)
        self._ring_over.setZValue(8)
        self.plot_item.addItem(self._ring_under)
        self.plot_item.addItem(self._ring_over)
        self._target_items: list[pg.TextItem] = []

        self.retranslate()
        self._apply_scale()

    # ------------------------------------------------------------------ API
    def set_dataset(self, dataset: Dataset | None) -> None:
        """Show a 2-D ``dataset``; other data sets only get a line of text; None empties the view."""
        self._dataset = dataset
        self._marked = np.zeros(0, dtype=np.int64)
        if dataset is None or dataset.n_features != 2:
            self._train.setData([])
            self._val.setData([])
            self._draw_target_labels()
            self._bounds = (-1.0, 1.0, -1.0, 1.0)
        else:
            self._bounds = regions.data_bounds(dataset.x)
            self._draw_points()
        self._draw_rings()
        self._rebuild_legend()
        self._axis_labels()
        # no empty axes for data that has no plane to draw (images, 3+ inputs)
        self.plot.setVisible(dataset is None or dataset.n_features == 2)
        if not self.keep_range:
            x0, x1, y0, y1 = self._bounds
            self.plot_item.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def add_toolbar(self, bar: QWidget) -> None:
        """Put ``bar`` above the legend and the plot (the draw mode's tools)."""
        self.layout().insertWidget(0, bar)

    def dataset(self) -> Dataset | None:
        return self._dataset

    def bounds(self) -> regions.Bounds:
        """The frame (x_min, x_max, y_min, y_max) that a region image should cover.

        The part of the plane on show once the view is on screen (with the
        aspect locked it is wider or taller than the data), the padded frame
        of the data before that.
        """
        if self.plot.isVisible() and self.plot.width() > 1:
            return self.view_bounds()
        return self._bounds

    def data_bounds(self) -> regions.Bounds:
        """The padded frame around the data points."""
        return self._bounds

    def view_bounds(self) -> regions.Bounds:
        """The part of the plane on show now (after the user panned or zoomed)."""
        (x0, x1), (y0, y1) = self.plot_item.vb.viewRange()
        return (float(x0), float(x1), float(y0), float(y1))

    def set_marked(self, indices: Sequence[int] | np.ndarray, label: str | None = None) -> None:
        """Put a ring around the samples ``indices`` (into the data set's ``x``).

        ``label`` names the rings in the legend (default "misclassified").
        """
        marked = np.asarray(indices, dtype=np.int64).ravel()
        label = label if label is not None else self.tr("misclassified")
        if label == self._marked_label and np.array_equal(marked, self._marked):
            return  # live training sends the same set most frames: nothing to redraw
        self._marked = marked
        self._marked_label = label
        self._draw_rings()
        self._rebuild_legend()

    def marked(self) -> np.ndarray:
        return self._marked.copy()

    def clear_overlays(self) -> None:
        """Remove the region, the lines and the rings; the points stay."""
        self._region.setVisible(False)
        self.set_lines([])
        self.set_marked([])

    def set_scale(self, factor: float) -> None:
        """Scale fonts, point sizes and line widths (1.0 normal, ~1.8 on a projector)."""
        self._scale = max(0.5, float(factor))
        self._apply_scale()

    # ------------------------------------------------------------- drawing
    def _point_size(self) -> float:
        n = 0 if self._dataset is None else len(self._dataset.x)
        base = 11.0 if n <= 100 else 8.0 if n <= 1000 else 5.0
        return base * self._scale

    def targets(self) -> np.ndarray | None:
        """The desired outputs d of the samples when they are numbers, not classes."""
        t = getattr(self._dataset, "targets", None)
        return None if t is None else np.asarray(t, dtype=np.float64)

    def class_name(self, k: int) -> str:
        """What the legend and tooltips call class ``k``: its name in an imported
        table, "class 0", or "d = −1" when the network's desired output for it
        is not the class number."""
        names = getattr(self._dataset, "class_names", None)
        if names and k < len(names):
            return str(names[k])
        per_class = getattr(self._dataset, "class_targets", None)
        if per_class is not None and k < len(per_class) and not np.array_equal(
            np.asarray(per_class, dtype=np.float64), np.arange(len(per_class), dtype=np.float64)
        ):
            return "d = " + signed_text(float(per_class[k]))
        return self.tr("class {0}").format(k)

    def _tip(self, x: float, y: float, data: object) -> str:
        i = int(data) if data is not None else -1
        ds = self._dataset
        if ds is None or not 0 <= i < len(ds.x):
            return ""
        targets = self.targets()
        what = ("d = " + vector_text(targets[i])) if targets is not None else self.class_name(int(ds.y[i]))
        part = self.tr("validation") if i in set(ds.val_idx.tolist()) else self.tr("training")
        return self.tr("sample {0}: x = {1} · {2} ({3})").format(i + 1, vector_text(ds.x[i]), what, part)

    def _draw_points(self) -> None:
        ds = self._dataset
        if ds is None or ds.n_features != 2:
            return
        size = self._point_size()
        outline = pg.mkPen(40, 40, 40, 200, width=max(1.0, 0.8 * self._scale))
        n_colors = max(ds.n_classes, 1)
        colors = [regions.class_color(k) for k in range(n_colors)]
        if self.targets() is not None:
            colors = [_SAMPLE_COLOR] * n_colors  # the labels are placeholders: no class colours
        brushes = [pg.mkBrush(*c) for c in colors]
        pens = [pg.mkPen(*c, width=max(2.0, 2.2 * self._scale)) for c in colors]
        ti, vi = ds.train_idx, ds.val_idx
        if getattr(ds, "is_regression", False):
            # a number per point: its colour on the scale of the output map
            lo, hi = regions.value_range(ds.values[:, 0])
            rgba = regions.values_to_rgba(ds.values[:, 0], lo, hi)
            brushes = [pg.mkBrush(*c[:3]) for c in rgba.tolist()]
            pens = [pg.mkPen(*c[:3], width=max(2.0, 2.2 * self._scale)) for c in rgba.tolist()]
            train_brush = [brushes[i] for i in ti]
            val_pen = [pens[i] for i in vi]
        else:
            train_brush = [brushes[c] for c in ds.y[ti]]
            val_pen = [pens[c] for c in ds.y[vi]]
        self._train.setData(
            x=ds.x[ti, 0], y=ds.x[ti, 1], size=size, symbol="o", pen=outline, brush=train_brush, data=ti,
        )
        self._val.setData(
            x=ds.x[vi, 0], y=ds.x[vi, 1], size=size, symbol="o",
            pen=val_pen, brush=pg.mkBrush(255, 255, 255, 140), data=vi,
        )
        self._draw_target_labels()

    def _draw_target_labels(self) -> None:
        """Each sample's desired output d written beside it (few samples only)."""
        ds = self._dataset
        targets = self.targets()
        texts = []
        if ds is not None and targets is not None and len(ds.x) <= _MAX_TARGET_LABELS:
            texts = ["d = " + vector_text(t) for t in targets]
        while len(self._target_items) < len(texts):
            item = pg.TextItem(anchor=(0.0, 1.2), color="#111111", fill=pg.mkBrush(255, 255, 255, 210))
            item.setZValue(9)
            self.plot_item.addItem(item)
            self._target_items.append(item)
        font = QFont()
        font.setPointSizeF(10.0 * self._scale)
        for i, item in enumerate(self._target_items):
            if i < len(texts):
                assert ds is not None
                item.setText(texts[i])
                item.setFont(font)
                item.setPos(float(ds.x[i, 0]), float(ds.x[i, 1]))
            item.setVisible(i < len(texts))

    def _draw_rings(self) -> None:
        ds = self._dataset
        if ds is None or self._marked.size == 0 or ds.n_features != 2:
            self._ring_under.setData([])
            self._ring_over.setData([])
            return
        idx = self._marked[(self._marked >= 0) & (self._marked < len(ds.x))]
        size = self._point_size() * 1.9
        xs, ys = ds.x[idx, 0], ds.x[idx, 1]
        self._ring_under.setData(
            x=xs, y=ys, size=size, symbol="o", brush=None,
            pen=pg.mkPen(255, 255, 255, 230, width=4.5 * self._scale),
        )
        self._ring_over.setData(
            x=xs, y=ys, size=size, symbol="o", brush=None,
            pen=pg.mkPen(20, 20, 20, 255, width=2.0 * self._scale),
        )

    def _apply_scale(self) -> None:
        font = QFont()
        font.setPointSizeF(9.0 * self._scale)
        for name in ("left", "bottom"):
            ax = self.plot_item.getAxis(name)
            ax.setStyle(tickFont=font, tickLength=int(-6 * self._scale))
            ax.label.setFont(font)
        lf = QFont()
        lf.setPointSizeF(9.5 * self._scale)
        self._legend.setFont(lf)
        self._draw_points()
        self._draw_rings()
        self._style_lines()
        self._rebuild_legend()
        self._reclip_lines()

    def _rebuild_legend(self) -> None:
        ds = self._dataset
        if ds is None:
            self._legend.setText("")
            self._legend.setVisible(False)
            return
        if ds.n_features != 2:
            # only a plane can be drawn here; say so instead of plotting two pixels
            self._legend.setText(self.tr("These samples have {0} inputs: only 2-D data is drawn here.")
                                 .format(ds.n_features))
            self._legend.setVisible(True)
            return
        parts = []
        targets = self.targets()
        if targets is not None:
            r, g, b = _SAMPLE_COLOR
            dot = f'<span style="color:rgb({r},{g},{b})">\u25cf</span> '
            if len(ds.x) == 1:
                parts.append(dot + self.tr("sample x = {0}, desired output d = {1}").format(
                    vector_text(ds.x[0]), vector_text(targets[0])))
            else:
                parts.append(dot + self.tr("samples x, each with its desired output d (numbers, not classes)"))
        for k in range(ds.n_classes if targets is None else 0):
            r, g, b = regions.class_color(k)
            parts.append(f'<span style="color:rgb({r},{g},{b})">\u25cf</span> ' + self.class_name(k))
        if getattr(ds, "is_regression", False):
            parts.append(self._value_legend(ds))
        if ds.val_idx.size:
            parts.append("\u25cf " + self.tr("training"))
            parts.append("\u25cb " + self.tr("validation"))
        if self._marked.size:
            parts.append("\u25ce " + self._marked_label)
        self._legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))
        self._legend.setVisible(True)

    def _value_legend(self, ds: Dataset) -> str:
        """A regression's colour scale: its low and high ends in the file's units."""
        lo, hi = regions.value_range(ds.values[:, 0])
        scaling = getattr(ds, "scaling", None)
        if scaling is not None:
            lo, hi = (float(v) for v in np.ravel(scaling.unscale_target(np.array([[lo], [hi]]))))
        name = getattr(getattr(ds, "source", None), "label_name", "") or self.tr("value")
        low, high = regions.class_color(0), regions.class_color(1)
        return (
            f'<span style="color:rgb{low}">\u25cf</span> {number_text(lo)} … '
            f'<span style="color:rgb{high}">\u25cf</span> {number_text(hi)}: '
            + self.tr("%1 (colour of each point; the map: the network's output)").replace("%1", name)
        )

    def _on_clicked(self, item: pg.ScatterPlotItem, points: Sequence[object], *args: object) -> None:
        if len(points):
            self.pointClicked.emit(int(points[0].data()))

    # --------------------------------------------------------- translation
    def _axis_labels(self) -> None:
        """x₁ and x₂, or an imported table's column names (standardised, as the network sees them)."""
        names = getattr(self._dataset, "feature_names", None)
        if names and len(names) == 2:
            scaled = getattr(self._dataset, "scaling", None) is not None
            x1, x2 = (self.tr("%1 (standardised)").replace("%1", n) if scaled else n for n in names)
        else:
            x1, x2 = "x₁", "x₂"
        self.plot_item.setLabel("bottom", x1)
        self.plot_item.setLabel("left", x2)

    def retranslate(self) -> None:
        self._axis_labels()
        self._rebuild_legend()
        self._draw_target_labels()  # the decimal mark follows the language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from nnviz.core.data.dataset import split
    from nnviz.core.model.network import Network

    app = QApplication(sys.argv)
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(200, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)
    ds = split(Dataset(x, y, 2, "xor"), 0.25)
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=1)
    view = DataView()
    view.set_dataset(ds)
    maps = regions.region_maps(net, view.bounds())
    view.set_region(maps.output_rgba, view.bounds())
    w, b = net.weights[0], net.biases[0]
    view.set_lines([(w[0, k], w[1, k], b[k], f"h{k + 1}") for k in range(w.shape[1])])
    view.set_marked(np.flatnonzero(regions.predicted_classes(net, ds.x) != ds.y)[:10])
    view.resize(640, 560)
    view.show()
    sys.exit(app.exec())
