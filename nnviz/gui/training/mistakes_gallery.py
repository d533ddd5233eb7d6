"""The images the network gets wrong, each with what it said and what it is.

``MistakesGallery(model)`` follows a :class:`~nnviz.gui.network.model.NetworkModel`
and shows the misclassified images of a set: the validation part of an image
data set, its test part when it has one and the user picks it, or any images
and labels given with :meth:`MistakesGallery.set_samples`. Each tile is the
image with the predicted class (bold) and the true class under it, by name
("Sneaker", "Ankle boot") when the data set has names. The most confident
mistakes come first (:func:`nnviz.core.model.mistakes.find_mistakes`), at
most :data:`MAX_TILES` of them; the line above says how many there are in all.

Clicking a tile feeds that image through the network
(``NetworkModel.show_sample``): the graph lights every neuron's output for
it, and the tile keeps a frame while that image is the one on show.

The gallery recomputes when the weights change, at most every
:attr:`MistakesGallery.REFRESH_MS` (longer when a count takes more than a
twentieth of that) and only while it is on screen: one forward pass of the
set, about 0.1 s for 12,000 MNIST images on a slow CPU. A dock behind
another tab waits until its tab is chosen.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QEvent, QLocale, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.data.dataset import Dataset
from nnviz.core.model.mistakes import Mistakes, find_mistakes
from nnviz.gui.network.legend import ink_image
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training._links import Links
from nnviz.gui.wheel_guard import guard_wheel

#: tiles shown at most (the most confident mistakes)
MAX_TILES = 200
#: on-screen size of a tile's image at scale 1, about (whole pixels per image pixel)
_IMAGE_PX = 80


class MistakeTiles(QWidget):
    """The grid of tiles, as tall as its rows need (it lives in a scroll area)."""

    #: a tile was clicked: its position in the list of mistakes
    tileClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images: list[QImage] = []
        self._captions: list[tuple[str, str]] = []
        self._tips: list[str] = []
        self._side = 28
        self._scale = 1.0
        self._marked = -1
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMouseTracking(True)

    def set_tiles(self, images: list[QImage], captions: list[tuple[str, str]], tips: list[str], side: int) -> None:
        self._images, self._captions, self._tips, self._side = images, captions, tips, side
        self._marked = -1
        self.updateGeometry()
        self.update()

    def set_scale(self, factor: float) -> None:
        self._scale = factor
        self.updateGeometry()
        self.update()

    def set_marked(self, i: int) -> None:
        if i != self._marked:
            self._marked = i
            self.update()

    def marked(self) -> int:
        return self._marked

    def count(self) -> int:
        return len(self._images)

    def captions(self) -> list[tuple[str, str]]:
        return list(self._captions)

    # ------------------------------------------------------------ geometry
    def _fonts(self) -> tuple[QFont, QFont]:
        font = QFont(self.font())
        font.setPixelSize(round(12 * self._scale))
        bold = QFont(font)
        bold.setBold(True)
        return bold, font

    def image_px(self) -> int:
        """The image's side on screen: a whole number of screen pixels per image pixel."""
        return max(1, round(_IMAGE_PX * self._scale / self._side)) * self._side

    def tile_size(self) -> QSize:
        line = QFontMetricsF(self._fonts()[1]).height()
        width = max(self.image_px(), round(96 * self._scale)) + 8
        return QSize(width, self.image_px() + round(2 * line) + 12)

    def _columns(self, width: int) -> int:
        return max(1, width // self.tile_size().width())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = math.ceil(len(self._images) / self._columns(width))
        return rows * self.tile_size().height()

    def sizeHint(self) -> QSize:
        tile = self.tile_size()
        return QSize(tile.width() * 3, self.heightForWidth(tile.width() * 3))

    def tile_rect(self, i: int) -> QRectF:
        tile = self.tile_size()
        cols = self._columns(self.width())
        r, c = divmod(i, cols)
        return QRectF(c * tile.width(), r * tile.height(), tile.width(), tile.height())

    def tile_at(self, x: float, y: float) -> int:
        tile = self.tile_size()
        cols = self._columns(self.width())
        c, r = int(x // tile.width()), int(y // tile.height())
        i = r * cols + c
        return i if 0 <= c < cols and 0 <= i < len(self._images) else -1

    # ------------------------------------------------------------ events
    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self.tile_at(event.position().x(), event.position().y())
        if i >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.tileClicked.emit(i)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            i = self.tile_at(event.pos().x(), event.pos().y())
            self.setToolTip(self._tips[i] if i >= 0 else "")
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        bold, font = self._fonts()
        line = QFontMetricsF(font).height()
        px = self.image_px()
        visible = QRectF(event.rect())
        for i, image in enumerate(self._images):
            rect = self.tile_rect(i)
            if not rect.intersects(visible):
                continue
            img_rect = QRectF(rect.center().x() - px / 2, rect.top() + 4, px, px)
            p.drawImage(img_rect, image)  # nearest pixels: each image pixel a crisp square
            p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            p.drawRect(img_rect.adjusted(-0.5, -0.5, 0.5, 0.5))
            if i == self._marked:
                p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 3 * self._scale))
                p.drawRect(rect.adjusted(2, 2, -2, -2))
            predicted, true = self._captions[i]
            text_rect = QRectF(rect.left() + 4, img_rect.bottom() + 3, rect.width() - 8, line)
            p.setPen(pal.color(QPalette.ColorRole.Text))
            for f, text in ((bold, predicted), (font, true)):
                p.setFont(f)
                shown = QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width())
                p.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, shown)
                text_rect.translate(0, line)
        p.end()


class MistakesGallery(QWidget):
    """The misclassified images of a set, most confident first (see the module docstring)."""

    REFRESH_MS = 1000
    #: ... and the recount takes at most this share of the GUI thread while weights change
    COST_SHARE = 0.05
    #: an image was fed through the network: its row in the samples given
    sampleShown = Signal(int)

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._x: np.ndarray | None = None
        self._y = np.zeros(0, dtype=np.int64)
        self._shape: tuple[int, int] | None = None
        self._names: list[str] | None = None
        self._part = ""
        #: "val" or "train" when the part is a data set's (its name follows the language)
        self._part_kind = ""
        #: the row of the samples whose image the network shows from a click here (-1: none)
        self._marked_row = -1
        self._mistakes: Mistakes | None = None
        self._dirty = True
        self._dataset: Dataset | None = None
        #: seconds the last count and tiles took
        self._cost = 0.0
        self.header = QLabel()
        self.header.setWordWrap(True)
        #: which images of a data set with a test part: validation or test
        self.part_box = QComboBox()
        self.part_box.addItems(["", ""])
        self.part_box.hide()
        self.part_box.currentIndexChanged.connect(lambda _i: self._look_at_dataset())
        self.tiles = MistakeTiles()
        self.tiles.tileClicked.connect(self.show_tile)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(self.tiles)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.part_box, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.area, 1)
        self._timer = QTimer(self, singleShot=True, interval=self.REFRESH_MS, timeout=self._refresh_if_dirty)
        self._links = Links(
            (model.architectureChanged, self._schedule),
            (model.weightsChanged, self._schedule),
            (model.activationsChanged, self._follow_activations),
        )
        self.retranslate()
        guard_wheel(self)  # the wheel scrolls the panel, not an unfocused field

    # ------------------------------------------------------------ data
    def set_dataset(self, dataset: Dataset | None) -> None:
        """Look at the validation part of an image data set (its training part when
        it has none), or at its test part when it has one and the box says so."""
        usable = dataset is not None and dataset.image_shape is not None and not dataset.is_regression
        self._dataset = dataset if usable else None
        self.part_box.setVisible(self._dataset is not None and getattr(self._dataset, "test", None) is not None)
        self._look_at_dataset()

    def _look_at_dataset(self) -> None:
        ds = self._dataset
        if ds is None:
            self.set_samples(None, None, None)
            return
        test = getattr(ds, "test", None)
        if test is not None and self.part_box.isVisibleTo(self) and self.part_box.currentIndex() == 1:
            x, y, part = test.x, test.y, "test"
        elif ds.val_idx.size:
            x, y, part = ds.x[ds.val_idx], ds.y[ds.val_idx], "val"
        else:
            x, y, part = ds.x[ds.train_idx], ds.y[ds.train_idx], "train"
        self.set_samples(x, y, ds.image_shape, ds.class_names)
        self._part_kind = part  # named in the interface language, also after a switch
        self._show_header()

    def set_samples(
        self,
        x: np.ndarray | None,
        y: np.ndarray | None,
        image_shape: tuple[int, int] | None,
        class_names: list[str] | None = None,
        part: str = "",
    ) -> None:
        """Look at images ``x`` (n, rows*cols) with labels ``y``; ``part`` names them
        in the header ("validation", "test"). None: nothing to look at."""
        self._x = None if x is None else np.asarray(x)
        self._y = np.zeros(0, dtype=np.int64) if y is None else np.asarray(y, dtype=np.int64)
        self._shape = image_shape
        self._names = list(class_names) if class_names else None
        self._part = part
        self._part_kind = ""
        self._mistakes = None
        self._marked_row = -1
        self._dirty = True
        if self.on_screen():
            self._refresh()
        else:
            self._show_header()

    def mistakes(self) -> Mistakes | None:
        """What the tiles show (None before the first computation)."""
        return self._mistakes

    def class_name(self, k: int) -> str:
        if self._names is not None and 0 <= k < len(self._names):
            return self._names[k]
        return str(k)

    # ------------------------------------------------------------ following
    def _usable(self) -> bool:
        x, net = self._x, self._model.network
        return x is not None and self._shape is not None and x.ndim == 2 and x.shape[1] == net.layers[0]

    def on_screen(self) -> bool:
        """Shown and not behind another tab (a tabbed dock that is not the current
        tab stays "visible" to Qt, moved out of sight)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _schedule(self) -> None:
        self._dirty = True
        if self.on_screen() and not self._timer.isActive():
            # at most 1/COST_SHARE of the GUI thread: 12,000 MNIST images take ~0.1 s here
            self._timer.start(max(self.REFRESH_MS, round(1000 * self._cost / self.COST_SHARE)))

    def _refresh_if_dirty(self) -> None:
        if self._dirty and self.on_screen():
            self._refresh()

    def paintEvent(self, event) -> None:
        # painted: back on screen (shown, or its tab chosen); out of date: count again
        # soon, not inside the paint
        if self._dirty and not self._timer.isActive():
            self._timer.start(0)
        super().paintEvent(event)

    def _refresh(self) -> None:
        """Find the mistakes with the weights on show and draw their tiles."""
        self._dirty = False
        if not self._usable():
            self._mistakes = None
            self.tiles.set_tiles([], [], [], 28)
            self._show_header()
            return
        t0 = time.perf_counter()
        self._mistakes = find_mistakes(self._model.network, self._x, self._y, limit=MAX_TILES)
        m, shape = self._mistakes, self._shape
        images = [ink_image(self._x[r], shape) for r in m.rows]
        loc = QLocale()
        captions, tips = [], []
        for r, t, p, c in zip(m.rows.tolist(), m.true.tolist(), m.predicted.tolist(), m.confidence.tolist(),
                              strict=True):
            captions.append((self._said.format(self.class_name(p)), self._is.format(self.class_name(t))))
            tips.append(self._tip.format(self.class_name(p), loc.toString(100.0 * c, "f", 1),
                                         self.class_name(t), loc.toString(r + 1)))
        self.tiles.set_tiles(images, captions, tips, shape[1])
        self._cost = time.perf_counter() - t0
        rows = m.rows.tolist()
        self.tiles.set_marked(rows.index(self._marked_row) if self._marked_row in rows else -1)
        self._show_header()
        self._follow_activations()

    def part_name(self) -> str:
        """What the header calls the images ("validation", "test", …)."""
        return {"val": self._val, "train": self._train, "test": self._test}.get(self._part_kind, self._part)

    def _show_header(self) -> None:
        m, loc = self._mistakes, QLocale()
        if m is None:
            self.header.setText("" if self._usable() else self._none)  # usable: counted when shown
        elif m.count == 0:
            self.header.setText(self._all_right.format(self.part_name(), loc.toString(m.total)))
        else:
            text = self._count.format(loc.toString(m.count), loc.toString(m.total), self.part_name())
            if len(m) < m.count:
                text += " " + self._cut.format(loc.toString(len(m)))
            self.header.setText(text)

    def _follow_activations(self) -> None:
        """Keep the frame on the tile whose image the network shows, and only then
        (new weights keep it while that image is still a mistake)."""
        acts, row = self._model.activations, self._marked_row
        if self._x is None or not 0 <= row < len(self._x) or not acts:
            shown = False
        else:
            x = np.asarray(self._x[row], dtype=np.float64)
            shown = len(acts[0]) == x.size and np.array_equal(acts[0], x)
        if not shown:
            self._marked_row = -1
            self.tiles.set_marked(-1)

    def show_tile(self, i: int) -> None:
        """Feed the image of tile ``i`` through the network and mark its tile."""
        m = self._mistakes
        if m is None or not 0 <= i < len(m) or self._x is None:
            return
        row = int(m.rows[i])
        self._marked_row = row
        self.tiles.set_marked(i)
        self._model.show_sample(self._x[row])
        self.sampleShown.emit(row)

    # ------------------------------------------------------------ settings
    def set_scale(self, factor: float) -> None:
        self.tiles.set_scale(float(np.clip(factor, 1.0, 3.0)))

    def retranslate(self) -> None:
        self._val = self.tr("validation")
        self._train = self.tr("training")
        self._test = self.tr("test")
        self.part_box.setItemText(0, self.tr("Validation images"))
        self.part_box.setItemText(1, self.tr("Test images"))
        self.part_box.setToolTip(self.tr(
            "Looking at the test images' mistakes is fine; choosing settings by them is not: the test "
            "accuracy would then no longer measure images the network has never been fitted to."
        ))
        self._none = self.tr("No image data to check: the mistakes of an image classifier show here.")
        self._all_right = self.tr("Every {0} image ({1}) is classified right.")
        self._count = self.tr("{0} of {1} {2} images misclassified, the most confident mistakes first. "
                              "Click one to feed it through the network.")
        self._cut = self.tr("Showing the first {0}.")
        self._said = self.tr("said {0}")
        self._is = self.tr("is {0}")
        self._tip = self.tr("The network said {0} ({1} % sure); it is {2}. Sample {3} of the set.")
        if self._mistakes is not None:
            self._refresh()  # the captions, in the new language
        else:
            self._show_header()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        self._links.cut()
        super().closeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from nnviz.core.data.dataset import split
    from nnviz.core.data.digits import load_digits
    from nnviz.core.model.network import Network

    app = QApplication(sys.argv)
    ds = split(load_digits(), 0.2)
    model = NetworkModel(Network.initialised([64, 32, 10], ["relu", "softmax"], seed=0))
    gallery = MistakesGallery(model)
    gallery.set_dataset(ds)
    gallery.resize(700, 600)
    gallery.show()
    sys.exit(app.exec())
