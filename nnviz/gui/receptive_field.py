"""First-layer weights as images: what each hidden neuron looks for.

For an image MLP (8x8 digits, 28x28 MNIST) the weights ω_ij into hidden
neuron j, laid out like the input image, show the pattern that excites it.
``receptive_field_image`` gives that picture for the network view;
``ReceptiveFieldGallery`` shows all of them at once, one tile per neuron,
and clicking a tile selects that neuron in the model.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from nnviz.core.graph_layout import color_bins, image_shape_for, neuron_symbol
from nnviz.gui.model import NetworkModel
from nnviz.gui.network_legend import N_BINS, GraphColours, fmt_scale, rgba_image


def receptive_field_image(
    colours: GraphColours, weights0: np.ndarray, j: int, shape: tuple[int, int]
) -> tuple[QImage, float]:
    """The weights into first-layer neuron ``j`` as an image on their own
    symmetric scale; returns the image and that scale's end (max |ω|)."""
    col = np.asarray(weights0, dtype=np.float64)[:, j]
    vmax = float(np.max(np.abs(col))) if col.size else 1.0
    vmax = vmax if vmax > 0 else 1.0
    return rgba_image(colours.weight_rgba(col, vmax), shape), vmax


def receptive_field_images(
    colours: GraphColours, weights0: np.ndarray, shape: tuple[int, int]
) -> list[tuple[QImage, float]]:
    """:func:`receptive_field_image` for every first-layer neuron, binned in one pass."""
    w = np.asarray(weights0, dtype=np.float64)
    vmax = np.max(np.abs(w), axis=0) if w.size else np.ones(w.shape[1])
    vmax = np.where(vmax > 0, vmax, 1.0)
    rgb = colours.bin_rgb[color_bins(w / vmax, 1.0, N_BINS)]  # (inputs, neurons, 3)
    rgba = np.concatenate([rgb, np.full(rgb.shape[:2] + (1,), 255, np.uint8)], axis=2)
    rgba = np.ascontiguousarray(rgba.transpose(1, 0, 2))  # (neurons, inputs, 4)
    return [(rgba_image(rgba[j], shape), float(vmax[j])) for j in range(w.shape[1])]


def input_image(
    colours: GraphColours, x: np.ndarray, shape: tuple[int, int], lo: float, hi: float
) -> QImage:
    """The input sample on the neuron-output grey ramp."""
    rgb = np.clip(np.rint(colours.activation_rgb(np.asarray(x).ravel(), lo, hi)), 0, 255)
    rgba = np.column_stack([rgb.astype(np.uint8), np.full(len(rgb), 255, np.uint8)])
    return rgba_image(rgba, shape)


class ReceptiveFieldGallery(QWidget):
    """Every first-layer hidden neuron's incoming weights, one tile each."""

    REFRESH_MS = 250

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._colours = GraphColours(self.palette())
        self._scale = 1.0
        self._images: list[tuple[QImage, float]] = []
        self.setMinimumSize(160, 120)
        # Live training sends many weight updates a second: rebuild the tiles
        # at most every REFRESH_MS, and not at all while the gallery is hidden.
        self._dirty = False
        self._timer = QTimer(self, singleShot=True, interval=self.REFRESH_MS, timeout=self._rebuild_if_dirty)
        model.architectureChanged.connect(self._refresh)
        model.weightsChanged.connect(self._schedule)
        model.selectionChanged.connect(lambda *_: self.update())
        self.retranslate()
        self._refresh()

    def retranslate(self) -> None:
        self._title = self.tr("First-layer weights as images (receptive fields)")
        self._none = self.tr("The input is not an image: no receptive fields to show.")
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._colours.set_palette(self.palette())
            self._refresh()
        super().changeEvent(event)

    def set_scale(self, factor: float) -> None:
        self._scale = float(np.clip(factor, 1.0, 3.0))
        self.update()

    def shape(self) -> tuple[int, int] | None:
        net = self._model.network
        return image_shape_for(net.layers[0]) if len(net.layers) > 2 else None

    def _schedule(self) -> None:
        self._dirty = True
        if self.isVisible() and not self._timer.isActive():
            self._timer.start()

    def _rebuild_if_dirty(self) -> None:
        if self._dirty and self.isVisible():
            self._refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._refresh()

    def _refresh(self) -> None:
        self._dirty = False
        shape = self.shape()
        self._images = []
        if shape is not None:
            self._images = receptive_field_images(self._colours, self._model.network.weights[0], shape)
        self.update()

    def _grid(self) -> tuple[int, float, float]:
        """(columns, tile size, top) of the tiles in the current size."""
        n = max(len(self._images), 1)
        top = 28 * self._scale
        w, h = self.width(), max(self.height() - top, 1)
        cols = max(1, math.ceil(math.sqrt(n * w / h)))
        tile = min(w / cols, h / math.ceil(n / cols))
        return cols, tile, top

    def tile_at(self, x: float, y: float) -> int:
        cols, tile, top = self._grid()
        c, r = int(x // tile), int((y - top) // tile)
        i = r * cols + c
        return i if 0 <= c < cols and y >= top and 0 <= i < len(self._images) else -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self.tile_at(event.position().x(), event.position().y())
        if i >= 0:
            self._model.select(1, i)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self._colours.background)
        font = QFont(self.font())
        font.setPixelSize(round(14 * self._scale))
        p.setFont(font)
        p.setPen(self._colours.text)
        p.drawText(QRectF(6, 4, self.width() - 12, 24 * self._scale), Qt.AlignmentFlag.AlignLeft,
                   self._title if self._images else self._none)
        cols, tile, top = self._grid()
        sel = self._model.selection
        layers = self._model.network.layers
        for i, (img, vmax) in enumerate(self._images):
            r, c = divmod(i, cols)
            rect = QRectF(c * tile + 2, top + r * tile + 2, tile - 4, tile - 4)
            p.drawImage(rect, img)
            if sel == (1, i):
                p.setPen(QPen(self._colours.accent, 3 * self._scale))
                p.drawRect(rect)
            if tile > 60 * self._scale:
                label = QRectF(rect.left(), rect.bottom() - 18 * self._scale, rect.width(),
                               18 * self._scale)
                p.fillRect(label, self._colours.background)
                p.setPen(self._colours.text)
                p.drawText(label, Qt.AlignmentFlag.AlignCenter,
                           f"{neuron_symbol(layers, 1, i).unicode()}  ±{fmt_scale(vmax)}")
        p.end()


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    from nnviz.core.network import Network

    app = QApplication([])
    gallery = ReceptiveFieldGallery(NetworkModel(Network.initialised([64, 16, 10], "sigmoid", 1)))
    gallery.resize(700, 500)
    gallery.show()
    app.exec()
