"""First-layer weights as images: what each hidden neuron looks for.

For an image MLP (8x8 digits, 28x28 MNIST) the weights ω_ij into hidden
neuron j, laid out like the input image, show the pattern that excites it.
``receptive_field_image`` gives that picture for the network view;
``ReceptiveFieldGallery`` shows all of them at once, one tile per neuron,
and clicking a tile selects that neuron in the model.

Tiles never shrink below :meth:`ReceptiveFieldGallery.min_tile` (two screen
pixels per input pixel: a 28x28 field stays a picture, not a speck): when
128 of them do not fit, the gallery asks for the height they need
(``heightForWidth``) and its scroll area scrolls. Every neuron stays in its
place, in the order of the graph's h₁, h₂, …: a top-N by weight norm would
hide some and reorder the rest at every training frame.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.core.model.graph_layout import color_bins, image_shape_for, neuron_symbol
from nnviz.gui.network.legend import N_BINS, GraphColours, fmt_scale, rgba_image
from nnviz.gui.network.model import NetworkModel

#: how titles are drawn: wrapped at word boundaries, left-aligned
TITLE_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


def fitted_title(font: QFont, text: str, width: float, max_lines: int = 3) -> tuple[QFont, float]:
    """``font``, made smaller when needed, so that ``text`` wrapped to ``width``
    takes at most ``max_lines`` lines and no word is wider than ``width``;
    returns that font and the height of the wrapped text. A title is never
    clipped: the picture under it gets what is left."""
    f = QFont(font)
    words = text.split() or [""]
    while True:
        fm = QFontMetricsF(f)
        box = fm.boundingRect(QRectF(0, 0, max(width, 1.0), 1e6), TITLE_FLAGS, text)
        widest = max(fm.horizontalAdvance(w) for w in words)
        fits = widest <= width and box.height() <= max_lines * fm.lineSpacing() + 1
        size = f.pixelSize() if f.pixelSize() > 0 else f.pointSizeF()
        if fits or size <= 7:
            return f, box.height()
        if f.pixelSize() > 0:
            f.setPixelSize(max(7, int(size * 0.9)))
        else:
            f.setPointSizeF(max(7.0, size * 0.9))


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
        # taller than its scroll area when the tiles need it (see min_tile)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
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
        self.updateGeometry()
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
        count = len(self._images)
        self._images = []
        if shape is not None:
            self._images = receptive_field_images(self._colours, self._model.network.weights[0], shape)
        if len(self._images) != count:
            self.updateGeometry()  # another count of tiles needs another height
        self.update()

    _MARGIN = 6

    def _title_font(self, width: int | None = None) -> tuple[QFont, float]:
        font = QFont(self.font())
        font.setPixelSize(round(14 * self._scale))
        width = self.width() if width is None else width
        return fitted_title(font, self._title if self._images else self._none, width - 2 * self._MARGIN)

    def min_tile(self) -> float:
        """The smallest tile drawn: two screen pixels per input pixel (a 28x28
        field in a 60-pixel tile, with its gutter), and never under 40 pixels."""
        shape = self.shape()
        side = max(shape) if shape else 8
        return max(40.0, 2.0 * side + 4.0) * self._scale

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The height that holds every tile at :meth:`min_tile` or more at ``width``."""
        n = len(self._images)
        if n == 0:
            return self.minimumHeight()
        m, tile = self._MARGIN, self.min_tile()
        cols = max(1, int((width - 2 * m) // tile))
        label = QFontMetricsF(self._label_font()).height() + 2 if tile >= 50 * self._scale else 0.0
        top = self._title_font(width)[1] + 2 * m
        return math.ceil(top + math.ceil(n / cols) * (tile + label) + m) + 1

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(round(12 * self._scale))
        return font

    def _grid(self) -> tuple[int, float, float, float, float]:
        """(columns, tile size, left, top, label height) of the tiles in the
        current size: the largest square tiles that fit under the title,
        centred, with a line under each for its name when tiles are big."""
        n = max(len(self._images), 1)
        m = self._MARGIN
        top = self._title_font()[1] + 2 * m
        w, h = max(self.width() - 2 * m, 1), max(self.height() - top - m, 1)

        def best(label: float) -> tuple[int, float]:
            found = (1, 0.0)
            for cols in range(1, n + 1):  # every column count: a few dozen at most
                tile = min(w / cols, h / math.ceil(n / cols) - label)
                if tile > found[1]:
                    found = (cols, tile)
            return found

        cols, tile = best(0.0)
        label = QFontMetricsF(self._label_font()).height() + 2
        named = best(label)
        # names only while the tiles stay big with them: the picture comes first
        if named[1] >= 50 * self._scale:
            cols, tile = named
        else:
            label = 0.0
        left = m + (w - cols * tile) / 2
        return cols, tile, left, top, label

    def tile_rect(self, i: int, grid: tuple[int, float, float, float, float] | None = None) -> QRectF:
        """Where tile ``i``'s image is drawn (inside a 2-px gutter; its name goes under it)."""
        cols, tile, left, top, label = grid or self._grid()
        r, c = divmod(i, cols)
        return QRectF(left + c * tile + 2, top + r * (tile + label) + 2, tile - 4, tile - 4)

    def tile_labels(self, fm: QFontMetricsF, width: float) -> list[str]:
        """"h₃  ±0,31" under every tile, or only "h₃" when not all of those fit."""
        layers = self._model.network.layers
        syms = [neuron_symbol(layers, 1, i).unicode() for i in range(len(self._images))]
        for texts in ([f"{s}  ±{fmt_scale(v)}" for s, (_img, v) in zip(syms, self._images, strict=True)], syms):
            if all(fm.horizontalAdvance(t) <= width for t in texts):
                return texts
        return [""] * len(syms)

    def tile_at(self, x: float, y: float) -> int:
        cols, tile, left, top, label = self._grid()
        if tile <= 0 or x < left or y < top:
            return -1
        c, r = int((x - left) // tile), int((y - top) // (tile + label))
        i = r * cols + c
        return i if 0 <= c < cols and 0 <= i < len(self._images) else -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self.tile_at(event.position().x(), event.position().y())
        if i >= 0:
            self._model.select(1, i)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self._colours.background)
        font, height = self._title_font()
        p.setFont(font)
        p.setPen(self._colours.text)
        m = self._MARGIN
        p.drawText(QRectF(m, m, self.width() - 2 * m, height + 2), TITLE_FLAGS,
                   self._title if self._images else self._none)
        grid = self._grid()
        label_h = grid[4]
        label_font = self._label_font()
        p.setFont(label_font)
        fm = QFontMetricsF(label_font)
        texts = self.tile_labels(fm, grid[1] - 4) if label_h else []
        sel = self._model.selection
        for i, (img, _vmax) in enumerate(self._images):
            rect = self.tile_rect(i, grid)
            p.drawImage(rect, img)
            if sel == (1, i):
                p.setPen(QPen(self._colours.accent, 3 * self._scale))
                p.drawRect(rect)
            if texts and texts[i]:
                p.setPen(self._colours.text)
                p.drawText(QRectF(rect.left() - 2, rect.bottom() + 1, rect.width() + 4, label_h),
                           Qt.AlignmentFlag.AlignCenter, texts[i])
        p.end()


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    from nnviz.core.model.network import Network

    app = QApplication([])
    gallery = ReceptiveFieldGallery(NetworkModel(Network.initialised([64, 16, 10], "sigmoid", 1)))
    gallery.resize(700, 500)
    gallery.show()
    app.exec()
