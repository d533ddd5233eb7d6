"""Decision regions of a 2-D classifier, and a small region map per hidden neuron.

``RegionsView`` shows the data (a :class:`~nnviz.gui.data.view.DataView`) over
the network's decision regions on a 200×200 grid, rings around misclassified
points, optionally the first hidden layer's lines ω_1k·x1 + ω_2k·x2 + b_k = 0,
and below it one small map per hidden neuron (its output over the same plane),
as TensorFlow Playground shows. The math is in :mod:`nnviz.core.model.regions`.

Call :meth:`RegionsView.set_parameters` (or :meth:`set_network`) with snapshot
weights; the caller throttles (the training panel repaints at most ~30 fps).
While training runs (:meth:`RegionsView.set_live`) the maps use coarser grids
(:data:`LIVE_GRID`, :data:`LIVE_HIDDEN_GRID`: a third of the work, so the
trainer keeps the CPU); the full grid is drawn again when the run pauses or ends.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QImage, QPainter, QPaintEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.data.dataset import Dataset
from nnviz.core.model import regions
from nnviz.core.model.network import Network
from nnviz.gui.data.view import DataView
from nnviz.gui.training._region_jobs import (
    BACKGROUND_COST,
    RegionJobs,
    RegionPicture,
    RegionRequest,
    region_picture,
)

#: at most this many hidden-neuron maps per layer (wider layers show their first ones)
MAX_MAPS_PER_LAYER = 16
#: cells per side of the hidden-neuron maps (drawn ~56 px wide)
HIDDEN_GRID = 48
#: grids while training runs (the picture moves; sharpness returns when it stops)
LIVE_GRID = 80
LIVE_HIDDEN_GRID = 24
#: multiply-adds of a live picture beyond which none is drawn while training runs
LIVE_COST = 5e9


def _qimage(rgba: np.ndarray) -> QImage:
    """An owning QImage of an (H, W, 4) uint8 array whose row 0 is the bottom."""
    data = np.ascontiguousarray(rgba[::-1])
    h, w = data.shape[:2]
    return QImage(data.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()


class HiddenMaps(QWidget):
    """One small map per hidden neuron, a row per hidden layer, labelled h_k."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[QImage]] = []
        self._totals: list[int] = []
        self._scale = 1.0
        #: False: a row of maps per layer (under the data); True: a column (beside it)
        self._vertical = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.retranslate()

    def set_maps(self, maps: list[list[np.ndarray]], totals: list[int] | None = None) -> None:
        """Small maps per hidden layer; ``totals`` are the layers' sizes when only some have maps."""
        self._totals = list(totals) if totals is not None else [len(layer) for layer in maps]
        self._rows = [[_qimage(m) for m in layer[:MAX_MAPS_PER_LAYER]] for layer in maps]
        self.updateGeometry()
        self.update()

    def set_vertical(self, on: bool) -> None:
        if on != self._vertical:
            self._vertical = on
            self.setSizePolicy(
                QSizePolicy.Policy.Preferred if on else QSizePolicy.Policy.Expanding,
                QSizePolicy.Policy.Expanding if on else QSizePolicy.Policy.Preferred,
            )
            self.updateGeometry()
            self.update()

    def is_vertical(self) -> bool:
        return self._vertical

    def map_count(self) -> int:
        return sum(len(r) for r in self._rows)

    def set_scale(self, factor: float) -> None:
        self._scale = max(0.5, float(factor))
        self.updateGeometry()
        self.update()

    def _tile(self) -> float:
        n = max((len(r) for r in self._rows), default=1)
        if self._vertical:
            label_h = 22 * self._scale
            return float(np.clip((self.height() - label_h) / max(n, 1) - 4, 16, 64 * self._scale))
        label_w = 70 * self._scale
        return float(np.clip((self.width() - label_w) / max(n, 1) - 4, 24, 64 * self._scale))

    def sizeHint(self) -> QSize:
        layers = max(len(self._rows), 1)
        if self._vertical:
            return QSize(int(layers * (56 * self._scale + 8) + 4), 300)
        return QSize(300, int(layers * (56 * self._scale + 6) + 4))

    def minimumSizeHint(self) -> QSize:
        layers = len(self._rows)
        if self._vertical:
            return QSize(int(layers * (20 * self._scale + 8)), 100)
        return QSize(100, int(layers * (24 * self._scale + 6)))

    def hasHeightForWidth(self) -> bool:
        return not self._vertical

    def heightForWidth(self, width: int) -> int:
        rows = len(self._rows)
        if not rows:
            return 0
        n = max(len(r) for r in self._rows)
        tile = float(np.clip((width - 70 * self._scale) / max(n, 1) - 4, 24, 64 * self._scale))
        return int(rows * (tile + 6) + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        font = QFont(self.font())
        font.setPointSizeF(9.0 * self._scale)
        p.setFont(font)
        tile = self._tile()
        if self._vertical:
            self._paint_columns(p, tile)
            p.end()
            return
        label_w = 70 * self._scale
        y = 2.0
        for li, row in enumerate(self._rows):
            p.setPen(self.palette().color(QPalette.ColorRole.Text))
            more = self._totals[li] - len(row)
            extra = f" (+{more})" if more > 0 else ""
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
            box = QRectF(0, y, label_w - 4, tile)
            # the longest label whose wrapped lines fit the row's height
            for text in (self._layer_text.format(li + 1) + extra, self._short_text.format(li + 1) + extra,
                         f"{li + 1}{extra}"):
                if p.fontMetrics().boundingRect(box.toRect(), int(flags), text).height() <= tile:
                    break
            p.drawText(box, flags, text)
            for k, img in enumerate(row):
                rect = QRectF(label_w + k * (tile + 4), y, tile, tile)
                p.drawImage(rect, img)
                p.setPen(self.palette().color(QPalette.ColorRole.Mid))
                p.drawRect(rect)
            y += tile + 6
        p.end()

    def _paint_columns(self, p: QPainter, tile: float) -> None:
        label_h = 22 * self._scale
        x = 2.0
        for li, col in enumerate(self._rows):
            p.setPen(self.palette().color(QPalette.ColorRole.Text))
            more = self._totals[li] - len(col)
            roomy = p.fontMetrics().horizontalAdvance(self._short_text.format(li + 1)) < tile + 6
            text = (self._short_text.format(li + 1) if roomy else str(li + 1)) + (f" +{more}" if more > 0 and roomy else "")
            p.drawText(QRectF(x - 4, 0, tile + 8, label_h), Qt.AlignmentFlag.AlignCenter, text)
            for k, img in enumerate(col):
                rect = QRectF(x, label_h + k * (tile + 4), tile, tile)
                p.drawImage(rect, img)
                p.setPen(self.palette().color(QPalette.ColorRole.Mid))
                p.drawRect(rect)
            x += tile + 8

    def retranslate(self) -> None:
        self._layer_text = self.tr("hidden layer {0}")
        #: a column's heading, where there is little room
        self._short_text = self.tr("layer {0}")
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class RegionsView(QWidget):
    """Decision regions, data points, misclassified rings, hidden-neuron maps."""

    def __init__(self, parent: QWidget | None = None, grid: int = 200) -> None:
        super().__init__(parent)
        self._grid = int(grid)
        self._live = False
        #: the grid of the picture on show (0: none yet)
        self._drawn_grid = 0
        self._dataset: Dataset | None = None
        self._network: Network | None = None
        self._stale = False
        #: pictures of big networks, computed in a background thread
        self._jobs = RegionJobs(self)
        self._jobs.done.connect(self._on_picture)
        self.data_view = DataView()
        self.hidden_maps = HiddenMaps()
        self.show_lines = QCheckBox()
        self.show_lines.toggled.connect(self._draw_lines)
        self.show_hidden = QCheckBox()
        self.show_hidden.setChecked(True)
        self.show_hidden.toggled.connect(self._on_show_hidden)
        self._accuracy = QLabel()
        # its text changes every frame: its width must not move the layout
        # (a new width relaid out the window and repainted every view)
        self._accuracy.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._accuracy.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.show_lines)
        bar.addWidget(self.show_hidden)
        bar.addStretch(1)
        bar.addWidget(self._accuracy)
        # the maps go under the data, or beside it when the view is wide and low
        self._body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._body.setSpacing(2)
        self._body.addWidget(self.data_view, 1)
        self._body.addWidget(self.hidden_maps)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addLayout(self._body, 1)
        # a zoom, a pan or a resize shows another part of the plane: redraw it
        self._reframe = QTimer(self)
        self._reframe.setSingleShot(True)
        self._reframe.setInterval(60)
        self._reframe.timeout.connect(self._update)
        self.data_view.plot_item.vb.sigRangeChanged.connect(lambda *_: self._reframe.start())
        self.retranslate()

    # ------------------------------------------------------------------ API
    def set_dataset(self, dataset: Dataset | None) -> None:
        self._dataset = dataset
        self.data_view.set_dataset(dataset)
        self._update()

    def set_network(self, network: Network) -> None:
        """A network to draw (kept as a copy; later snapshots use its layers)."""
        self._network = network.copy()
        self._update()

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        """New weights for the network set before (a training snapshot)."""
        if self._network is None:
            return
        self._network.weights = [np.asarray(w, dtype=np.float64) for w in weights]
        self._network.biases = [np.asarray(b, dtype=np.float64) for b in biases]
        self._update()

    def set_live(self, on: bool) -> None:
        """Training runs (coarser live grids) or not (the full grid, redrawn now if needed)."""
        self._live = bool(on)
        if not on and self._drawn_grid and self._drawn_grid != self._grid:
            self._update()

    def grid_size(self) -> int:
        """Cells per side of the decision-region picture on show."""
        return self._drawn_grid

    def is_stale(self) -> bool:
        """True while hidden with a drawing that waits for the view to be shown."""
        return self._stale

    def _value_range(self) -> tuple[float, float] | None:
        """A regression's colour scale (its targets'), None for classes."""
        ds = self._dataset
        if ds is None or not getattr(ds, "is_regression", False):
            return None
        return regions.value_range(ds.values[:, 0])

    def misclassified(self) -> np.ndarray:
        """Indices of the samples the network gets wrong now (none in a regression: no classes)."""
        if not self._can_draw() or self._dataset is None or getattr(self._dataset, "is_regression", False):
            return np.zeros(0, dtype=np.int64)
        pred = regions.predicted_classes(self._network, self._dataset.x)
        return np.flatnonzero(pred != self._dataset.y)

    def set_scale(self, factor: float) -> None:
        self.data_view.set_scale(factor)
        self.hidden_maps.set_scale(factor)
        font = QFont(self.font())
        font.setPointSizeF(9.0 * factor)
        for w in (self.show_lines, self.show_hidden, self._accuracy):
            w.setFont(font)

    # ------------------------------------------------------------- drawing
    def _can_draw(self) -> bool:
        # no data (every drawn point cleared): the network's regions still show,
        # so that the plot does not jump and the first new point lands on them
        return (
            self._network is not None
            and (self._dataset is None or self._dataset.n_features == 2)
            and self._network.layers[0] == 2
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._update()

    def _update(self) -> None:
        # a hidden view (a tab behind another, a closed dock) computes nothing
        # until it is shown again
        self._stale = not self.isVisible()
        if self._stale:
            return
        if not self._can_draw():
            self.data_view.set_region(None)
            self.data_view.set_marked([])
            self.hidden_maps.set_maps([])
            self._accuracy.setText("")
            return
        bounds = self.data_view.bounds()
        # the small maps show each neuron around the data, whatever the zoom
        ds, net = self._dataset, self._network
        data = regions.data_bounds(ds.x, pad=0.05) if ds is not None else bounds
        n = min(self._grid, LIVE_GRID) if self._live else self._grid
        hidden_n = (LIVE_HIDDEN_GRID if self._live else HIDDEN_GRID) if self.show_hidden.isChecked() else 0
        req = RegionRequest(
            list(net.layers), list(net.activations), list(net.weights), list(net.biases),
            ds.x if ds is not None else None, ds.y if ds is not None else None, bounds, data, n, hidden_n,
            MAX_MAPS_PER_LAYER, self._value_range(),
            classes=ds is not None and not getattr(ds, "is_regression", False),
        )
        if req.cost() > BACKGROUND_COST:  # a big network: the window keeps painting meanwhile
            if self._live and (req.cost() > LIVE_COST or self._jobs.busy()):
                # seconds a picture: none while it trains (the trainer needs the
                # cores); the full one when the run pauses or ends
                self._drawn_grid = -1
                return
            self._jobs.submit(req)
            return
        self._show_picture(region_picture(req), bounds)

    def _on_picture(self, number: int, picture: RegionPicture) -> None:
        if number == self._jobs.latest() and self._can_draw():  # an older one is already out of date
            self._show_picture(picture, self.data_view.bounds())

    def is_computing(self) -> bool:
        """Whether a picture of a big network is being computed in the background."""
        return self._jobs.busy()

    def _show_picture(self, picture: RegionPicture, bounds) -> None:
        maps, wrong = picture.maps, picture.wrong
        self._drawn_grid = picture.n
        self.data_view.set_region(maps.output_rgba, bounds)
        self.data_view.set_marked(wrong, self._marked_text)
        if self.show_hidden.isChecked():
            self.hidden_maps.set_maps(maps.hidden_rgba, self._network.layers[1:-1])
        self._draw_lines()
        ds = self._dataset
        if ds is None:
            self._accuracy.setText("")
            return
        val_wrong = np.isin(ds.val_idx, wrong).sum() if ds.val_idx.size else 0
        text = self._wrong_text.format(len(wrong), len(ds.x))
        if ds.val_idx.size:
            text += " · " + self._val_text.format(int(val_wrong), len(ds.val_idx))
        self._accuracy.setText(text)

    def _draw_lines(self, *args: object) -> None:
        net = self._network
        if not self.show_lines.isChecked() or net is None or not self._can_draw():
            self.data_view.set_lines([])
            return
        w, b = net.weights[0], net.biases[0]
        prefix = "h" if len(net.layers) > 2 else "y"
        self.data_view.set_lines(
            [(w[0, k], w[1, k], b[k], f"{prefix}{k + 1}") for k in range(min(w.shape[1], 12))]
        )

    def _on_show_hidden(self, on: bool) -> None:
        self.hidden_maps.setVisible(on)
        self._update()

    # --------------------------------------------------------- translation
    def retranslate(self) -> None:
        self.show_lines.setText(self.tr("lines of the first layer"))
        self.show_lines.setToolTip(
            self.tr("Draw each first-layer neuron's line ω₁ₖ·x₁ + ω₂ₖ·x₂ + bₖ = 0: a hidden layer combines lines")
        )
        self.show_hidden.setText(self.tr("hidden-neuron maps"))
        self.show_hidden.setToolTip(self.tr("Show every hidden neuron's output over the plane, as TensorFlow Playground"))
        self._marked_text = self.tr("misclassified")
        self._wrong_text = self.tr("{0} of {1} points misclassified")
        self._val_text = self.tr("{0} of {1} in validation")
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() > 1.4 * event.size().height()
        self.hidden_maps.set_vertical(wide)
        self._body.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from nnviz.core.data.dataset import split

    app = QApplication(sys.argv)
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(300, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)
    view = RegionsView()
    view.set_dataset(split(Dataset(x, y, 2, "xor"), 0.2))
    view.set_network(Network.initialised([2, 8, 4, 1], ["tanh", "tanh", "sigmoid"], seed=3))
    view.resize(700, 800)
    view.show()
    sys.exit(app.exec())
