"""Views for image data sets (digits, MNIST) and tables of more than two
features: a confusion matrix and the first-layer weights as images.

A table (an imported CSV) has no image to draw: its side of ``ImageViews``
says instead why the data plot is hidden (it draws two features), and for a
regression, that there are no classes to count.

``ConfusionMatrixView`` paints the counts of (true class, predicted class)
on the validation set (the training set when there is none): cells coloured
by the share of their row, the diagonal (right answers) outlined, the count
written in each cell. ``ImageViews`` puts it beside the
:class:`~nnviz.gui.network.receptive_field.ReceptiveFieldGallery`, which follows the
:class:`~nnviz.gui.network.model.NetworkModel` and so updates with every snapshot.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QLocale, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QWidget

from nnviz.core.data.dataset import Dataset
from nnviz.core.model import regions
from nnviz.core.model.network import Network
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.receptive_field import TITLE_FLAGS, ReceptiveFieldGallery, fitted_title


def fitted_line(font: QFont, text: str, width: float) -> QFont:
    """``font``, smaller if needed (down to 6 pt), so that ``text`` fits ``width`` on one line."""
    f = QFont(font)
    while QFontMetricsF(f).horizontalAdvance(text) > width and f.pointSizeF() > 6.0:
        f.setPointSizeF(max(6.0, f.pointSizeF() * 0.9))
    return f


class ConfusionMatrixView(QWidget):
    """A confusion matrix painted as a grid of coloured, numbered cells."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._m = np.zeros((0, 0), dtype=np.int64)
        self._part = ""
        #: the classes' names (an imported table's labels); None: their numbers
        self._names: list[str] | None = None
        self._colors: list[list[tuple[QColor, bool]]] = []
        self._scale = 1.0
        self._grid_rect = QRectF()
        self._title_box = (QRectF(), QFont())
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate()

    def set_matrix(self, m: np.ndarray, part: str = "") -> None:
        """Show counts ``m[true, predicted]``; ``part`` names the samples (shown in the title)."""
        m = np.asarray(m, dtype=np.int64)
        if part == self._part and np.array_equal(m, self._m):
            return  # the same picture: no repaint while training
        self._m = m
        self._part = part
        self._colors = self._cell_colors(m)
        self.update()

    def set_class_names(self, names: list[str] | None) -> None:
        """Name rows and columns (``names[k]`` for class k); None: the class numbers."""
        self._names = list(names) if names else None
        self.update()

    def class_label(self, k: int) -> str:
        """What row and column ``k`` are called on screen."""
        if self._names is not None and k < len(self._names):
            return self._names[k]
        return str(k)

    @staticmethod
    def _cell_colors(m: np.ndarray) -> list[list[tuple[QColor, bool]]]:
        """Each cell's colour (by the share of its row) and whether its count is on a dark cell.

        Computed once per matrix, not in every paint (a repaint held the GIL
        that the training thread waits for).
        """
        n = m.shape[0]
        if n == 0:
            return []
        rows = m.sum(axis=1, keepdims=True)
        share = np.where(rows > 0, m / np.maximum(rows, 1), 0.0)
        blue = np.array(regions.class_color(0), dtype=np.float64)
        vermilion = np.array(regions.class_color(3), dtype=np.float64)
        base = np.where(np.eye(n, dtype=bool)[:, :, None], blue, vermilion)
        rgb = np.rint(255.0 + (base - 255.0) * (share[:, :, None] ** 0.6)).astype(int).tolist()
        dark = (share > 0.5).tolist()
        return [[(QColor(*rgb[i][j]), dark[i][j]) for j in range(n)] for i in range(n)]

    def matrix(self) -> np.ndarray:
        return self._m.copy()

    def title(self) -> str:
        """The title as drawn: which samples, and the share of right answers."""
        acc = self.accuracy()
        return self._title.format(
            self._part, QLocale().toString(100.0 * acc if np.isfinite(acc) else 0.0, "f", 1)
        )

    def grid_rect(self) -> QRectF:
        """Where the cells were last painted (empty before the first paint)."""
        return QRectF(self._grid_rect)

    def title_box(self) -> tuple[QRectF, QFont]:
        """Where the title was last painted, wrapped, and in which font."""
        return QRectF(self._title_box[0]), QFont(self._title_box[1])

    def accuracy(self) -> float:
        total = self._m.sum()
        return float(np.trace(self._m) / total) if total else float("nan")

    def set_scale(self, factor: float) -> None:
        self._scale = max(0.5, float(factor))
        self.update()

    def _geometry(self, scale: float) -> dict[str, Any]:
        """Fonts and places of everything at text ``scale``: the title wrapped
        to the width, the grid the largest square left under it, centred."""
        margin = 4.0
        n = max(self._m.shape[0], 1)
        font = QFont(self.font())
        font.setPointSizeF(10.0 * scale)
        line = QFontMetricsF(font).height()
        title_font, title_h = fitted_title(font, self.title(), self.width() - 2 * margin)
        head = 2 + title_h + 4 + line * 2.2  # title, "predicted class", the column numbers
        # "true class" turned upright and the row labels (numbers, or names up to ~8 letters)
        longest = max((len(self.class_label(k)) for k in range(self._m.shape[0])), default=1)
        side = line * (1.6 + 0.55 * min(max(longest, 2), 8))
        digits = len(str(int(self._m.max()))) if self._m.size else 1
        band = line  # the column labels' height: one line, or names turned upright

        def place(head: float) -> tuple[float, float, float, QFont]:
            size = max(10.0, min(self.width() - side - 2 * margin, self.height() - head - margin))
            left = margin + side + max(0.0, (self.width() - side - 2 * margin - size) / 2)
            cell = size / n
            # the counts: as big as the label text, smaller when the cell or the digits say so
            small = QFont(font)
            small.setPointSizeF(max(5.0, min(10.0 * scale, cell * 0.42, cell * 0.9 / (0.8 * max(digits, 2)))))
            return size, left, cell, small

        size, left, cell, small = place(head)
        widest = max((QFontMetricsF(small).horizontalAdvance(self.class_label(k)) for k in range(n)), default=0.0)
        if widest > cell:
            # names wider than their column ("T-shirt/top", "Trouser" would both read "T…"):
            # written upright above the columns, up to about ten letters
            band = min(widest, line * 5.5) + 4
            head += band - line
            size, left, cell, small = place(head)
        return {"font": font, "line": line, "title_font": title_font, "title_h": title_h,
                "margin": margin, "side": side, "grid": QRectF(left, head, size, size),
                "cell": cell, "small": small, "band": band}

    def _fitted_geometry(self) -> dict[str, Any]:
        """The geometry at the presentation scale, or at a smaller text scale
        (down to 1) when the scaled labels would leave the cells too small to
        read their counts: the matrix scales to the space it gets."""
        scale = self._scale
        while True:
            g = self._geometry(scale)
            if scale <= 1.0 or g["small"].pointSizeF() >= 0.75 * 10.0 * scale:
                return g
            scale = max(1.0, scale - 0.1)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text_color = pal.color(QPalette.ColorRole.Text)
        p.setPen(text_color)
        n = self._m.shape[0]
        if n == 0:
            font = QFont(self.font())
            font.setPointSizeF(10.0 * self._scale)
            p.setFont(font)
            p.drawText(self.rect().adjusted(4, 4, -4, -4),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty)
            p.end()
            return
        g = self._fitted_geometry()
        font, line, margin, side, cell = g["font"], g["line"], g["margin"], g["side"], g["cell"]
        grid: QRectF = g["grid"]
        left, top, size = grid.left(), grid.top(), grid.width()
        self._grid_rect = QRectF(grid)
        self._title_box = (QRectF(margin, 2, self.width() - 2 * margin, g["title_h"] + 2), QFont(g["title_font"]))
        p.setFont(g["title_font"])
        p.drawText(self._title_box[0], TITLE_FLAGS, self.title())
        # axes: rows = true class (left), columns = predicted class (top)
        p.setFont(fitted_line(font, self._predicted, size))
        band = g["band"]
        p.drawText(QRectF(left, top - band - line * 1.2, size, line), Qt.AlignmentFlag.AlignHCenter, self._predicted)
        p.save()
        p.setFont(fitted_line(font, self._true, size))
        p.translate(left - side, top + size / 2)
        p.rotate(-90)
        p.drawText(QRectF(-size / 2, 0, size, line), Qt.AlignmentFlag.AlignHCenter, self._true)
        p.restore()
        p.setFont(g["small"])
        metrics = QFontMetricsF(g["small"])
        for k in range(n):
            # a class name is cut to its cell (the tooltip-free projector view keeps the start)
            if band > line:  # upright, reading upwards from the column
                name = metrics.elidedText(self.class_label(k), Qt.TextElideMode.ElideRight, band - 4)
                p.save()
                p.translate(left + (k + 0.5) * cell, top - 3)
                p.rotate(-90)
                p.drawText(QRectF(0, -cell / 2, band - 3, cell),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
                p.restore()
            else:
                name = metrics.elidedText(self.class_label(k), Qt.TextElideMode.ElideRight, cell)
                p.drawText(QRectF(left + k * cell, top - line, cell, line), Qt.AlignmentFlag.AlignCenter, name)
            row_name = metrics.elidedText(self.class_label(k), Qt.TextElideMode.ElideRight, side - line * 0.6)
            row_w = side - line * 0.5
            p.drawText(QRectF(left - row_w - 1, top + k * cell, row_w, cell),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, row_name)
        grid_pen = QPen(QColor(200, 200, 200), 1)
        light, dark = QColor(255, 255, 255), QColor(20, 20, 20)
        counts = self._m.tolist()
        for i in range(n):
            for j in range(n):
                color, on_dark = self._colors[i][j]
                rect = QRectF(left + j * cell, top + i * cell, cell, cell)
                p.fillRect(rect, color)
                p.setPen(grid_pen)
                p.drawRect(rect)
                if counts[i][j]:
                    p.setPen(light if on_dark else dark)
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(counts[i][j]))
        p.end()

    def retranslate(self) -> None:
        self._title = self.tr("Confusion matrix ({0}): {1}% right")
        self._predicted = self.tr("predicted class")
        self._true = self.tr("true class")
        self._empty = self.tr("No predictions yet.")
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ImageViews(QWidget):
    """Confusion matrix and first-layer weights for an image classifier."""

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._dataset: Dataset | None = None
        self._stale: tuple[Network, int | None] | None = None
        self.confusion = ConfusionMatrixView()
        self.weights = ReceptiveFieldGallery(model)
        # 128 fields of 28x28 do not fit a dock at a legible size: the gallery scrolls
        self.weights_area = QScrollArea()
        self.weights_area.setWidgetResizable(True)
        self.weights_area.setFrameShape(QFrame.Shape.NoFrame)
        self.weights_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.weights_area.setWidget(self.weights)
        #: a table's side: why the data plot is hidden
        self.note = QLabel()
        self.note.setObjectName("tableNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setMargin(12)
        self.note.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.confusion, 1)
        layout.addWidget(self.weights_area, 1)
        layout.addWidget(self.note, 1)
        self.retranslate()

    def set_dataset(self, dataset: Dataset | None) -> None:
        self._dataset = dataset
        self.confusion.set_matrix(np.zeros((0, 0)))
        self.confusion.set_class_names(getattr(dataset, "class_names", None))
        table = dataset is not None and dataset.image_shape is None
        self.weights_area.setVisible(not table)
        self.note.setVisible(table)
        self.confusion.setVisible(not (table and getattr(dataset, "is_regression", False)))
        self._show_note()

    def _show_note(self) -> None:
        ds = self._dataset
        if ds is None or ds.image_shape is not None:
            self.note.setText("")
            return
        text = self._hidden_plot.format(ds.n_features)
        if getattr(ds, "is_regression", False):
            text += " " + self._regression
        self.note.setText(text)

    def set_network(self, network: Network, max_samples: int | None = None) -> None:
        """Predict the validation samples (or all) with ``network`` and show the matrix.

        ``max_samples`` limits the count for live updates on big data sets (the
        first ones of the part; the title says so).
        """
        # a hidden view computes nothing until it is shown again
        self._stale = (network.copy(), max_samples) if not self.isVisible() else None
        if self._stale is not None:
            return
        ds = self._dataset
        if ds is None or network.layers[0] != ds.n_features or getattr(ds, "is_regression", False):
            self.confusion.set_matrix(np.zeros((0, 0)))
            return
        idx, part = (ds.val_idx, self._val) if ds.val_idx.size else (ds.train_idx, self._train)
        if max_samples is not None and idx.size > max_samples:
            part = self._first.format(part, max_samples, idx.size)
            idx = idx[:max_samples]
        pred = regions.predicted_classes(network, ds.x[idx])
        n = max(ds.n_classes, int(pred.max()) + 1 if pred.size else 0)
        self.confusion.set_matrix(regions.confusion_matrix(ds.y[idx], pred, n), part)

    def set_confusion(self, matrix: np.ndarray, part: str) -> None:
        """Show a confusion matrix the trainer counted (``part``: "val" or "train")."""
        self._stale = None
        self.confusion.set_matrix(matrix, self._val if part == "val" else self._train)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale is not None:
            self.set_network(*self._stale)

    def set_scale(self, factor: float) -> None:
        self.confusion.set_scale(factor)
        self.weights.set_scale(factor)

    def retranslate(self) -> None:
        self._val = self.tr("validation")
        self._train = self.tr("training")
        self._first = self.tr("{0}, first {1} of {2}")
        self._hidden_plot = self.tr(
            "The data plot is hidden: this data has {0} features per sample and the plot draws two. "
            "The curves, the network and its weights work as usual."
        )
        self._regression = self.tr(
            "The label is a number to predict (regression): there are no classes to count, so the "
            "error curves are the measure."
        )
        self._show_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    rng = np.random.default_rng(0)
    x = rng.random((300, 64))
    y = rng.integers(0, 10, 300)
    from nnviz.core.data.dataset import split

    ds = split(Dataset(x, y, 10, "noise", image_shape=(8, 8)), 0.3)
    net = Network.initialised([64, 16, 10], ["relu", "softmax"], seed=0)
    model = NetworkModel(net)
    views = ImageViews(model)
    views.set_dataset(ds)
    views.set_network(net)
    views.resize(900, 450)
    views.show()
    sys.exit(app.exec())
