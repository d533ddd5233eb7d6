"""The confusion matrix and the first-layer weights fit the dock they get."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage

from nnviz.core.data.dataset import Dataset, split
from nnviz.core.model.network import Network
from nnviz.gui import i18n
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.receptive_field import TITLE_FLAGS
from nnviz.gui.training.image_views import ImageViews

#: the Data dock's size in the main window at 1600x900 and at 1920x1080
DOCKS = [(480, 513), (596, 633)]


@pytest.fixture
def spanish(qapp):
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def _views(qtbot, size, scale):
    rng = np.random.default_rng(0)
    ds = split(Dataset(rng.random((300, 64)), rng.integers(0, 10, 300), 10, "d", image_shape=(8, 8)), 0.3)
    net = Network.initialised([64, 32, 10], ["relu", "softmax"], seed=0)
    views = ImageViews(NetworkModel(net))
    qtbot.addWidget(views)
    views.resize(*size)
    views.show()
    qtbot.waitExposed(views)
    views.set_dataset(ds)
    views.set_confusion(rng.integers(0, 40, (10, 10)), "val")
    views.set_scale(scale)
    return views


def _blank_right_edge(img: QImage, width: int) -> bool:
    """No ink in the last 3 pixel columns: nothing runs off the right edge."""
    bg = img.pixelColor(width - 1, img.height() - 1)
    ratio = img.devicePixelRatio()
    return all(
        img.pixelColor(round(x * ratio), round(y * ratio)) == bg
        for x in range(width - 3, width) for y in range(0, img.height() // round(ratio), 2)
    )


@pytest.mark.parametrize("size", DOCKS)
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_titles_and_pictures_fit_the_dock(qtbot, spanish, size, scale):
    views = _views(qtbot, size, scale)
    conf, gallery = views.confusion, views.weights
    for widget in (conf, gallery):
        img = widget.grab().toImage()
        assert _blank_right_edge(img, widget.width()), (type(widget).__name__, size, scale)
    # the confusion matrix: its whole title above the grid, the grid inside the widget
    title = conf.title()
    assert "97" not in title and "%" in title  # the real share, in Spanish
    grid = conf.grid_rect()
    assert QRectF(conf.rect()).contains(grid) and grid.width() >= 150
    box, font = conf.title_box()
    fm = QFontMetricsF(font)
    assert all(fm.horizontalAdvance(w) <= box.width() for w in title.split())
    assert fm.boundingRect(box, TITLE_FLAGS, title).height() <= box.height()
    assert font.pointSizeF() >= 9.0  # still readable
    assert QRectF(conf.rect()).contains(box) and grid.top() > box.bottom()
    # every weight image is whole, inside the gallery, and none overlaps another
    rects = [gallery.tile_rect(i) for i in range(32)]
    assert all(QRectF(gallery.rect()).contains(r) for r in rects)
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert rects[0].width() >= 40


def test_tile_names_go_under_the_images_when_there_is_room(qtbot):
    views = _views(qtbot, (1200, 700), 1.0)
    gallery = views.weights
    cols, tile, left, top, label = gallery._grid()
    assert label > 0
    fm = QFontMetricsF(gallery._label_font())
    texts = gallery.tile_labels(fm, tile - 4)
    assert texts[2].startswith("h₃")
    # the name sits in the gap under its image, clear of the image under it
    a, below = gallery.tile_rect(2), gallery.tile_rect(2 + cols)
    assert below.top() - a.bottom() >= fm.height()
