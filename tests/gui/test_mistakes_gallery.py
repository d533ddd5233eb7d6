"""The misclassified images: named captions, most confident first, a click feeds one through the graph."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from nnviz.core.data.dataset import Dataset, split
from nnviz.core.model.mistakes import find_mistakes
from nnviz.core.model.network import Network
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training.image_views import ImageViews
from nnviz.gui.training.mistakes_gallery import MAX_TILES, MistakesGallery
from nnviz.gui.training.panel import TrainingPanel

FASHION = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def _mnist_like(n: int = 600, names=FASHION) -> Dataset:
    rng = np.random.default_rng(0)
    ds = Dataset(rng.random((n, 784)), rng.integers(0, 10, n), 10, "fashion-mnist", image_shape=(28, 28),
                 class_names=names)
    return split(ds, 0.5)


def _net() -> Network:
    return Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=0)


def _gallery(qtbot, ds=None):
    model = NetworkModel(_net())
    gallery = MistakesGallery(model)
    qtbot.addWidget(gallery)
    gallery.resize(640, 520)
    gallery.show()
    qtbot.waitExposed(gallery)
    gallery.set_dataset(ds or _mnist_like())
    return model, gallery


def test_tiles_name_what_the_network_said_and_what_it_is(qtbot):
    ds = _mnist_like()
    model, gallery = _gallery(qtbot, ds)
    expected = find_mistakes(model.network, ds.x_val, ds.y_val)
    m = gallery.mistakes()
    assert m.count == expected.count and m.total == len(ds.val_idx) == 300
    assert len(m) == min(MAX_TILES, expected.count) == gallery.tiles.count()
    np.testing.assert_array_equal(m.rows, expected.rows[: len(m)])
    said, is_ = gallery.tiles.captions()[0]
    assert said == f"said {FASHION[m.predicted[0]]}" and is_ == f"is {FASHION[m.true[0]]}"
    header = gallery.header.text()
    assert f"{expected.count} of 300 validation images" in header and str(MAX_TILES) in header


def test_a_click_feeds_the_image_through_the_graph_and_marks_it(qtbot):
    ds = _mnist_like()
    model, gallery = _gallery(qtbot, ds)
    tiles = gallery.tiles
    rect = tiles.tile_rect(3)
    with qtbot.waitSignal(gallery.sampleShown) as shown:
        qtbot.mouseClick(tiles, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    row = int(gallery.mistakes().rows[3])
    assert shown.args == [row]
    np.testing.assert_allclose(model.activations[0], ds.x_val[row])
    assert [len(a) for a in model.activations] == [784, 128, 64, 10]
    assert tiles.marked() == 3
    # the mark is drawn: the tile's frame takes the highlight colour
    img = tiles.grab().toImage()
    ratio = img.devicePixelRatio()
    frame = img.pixelColor(round((rect.left() + 3) * ratio), round(rect.center().y() * ratio))
    assert frame == tiles.palette().color(tiles.palette().ColorRole.Highlight)
    # another sample on show (a drawing, a point): the mark goes
    model.show_sample(np.zeros(784))
    assert tiles.marked() == -1


def test_the_mark_stays_while_its_image_is_on_show_and_still_wrong(qtbot):
    ds = _mnist_like()
    model, gallery = _gallery(qtbot, ds)
    gallery.show_tile(3)
    row = int(gallery.mistakes().rows[3])
    first = gallery.mistakes()
    model.set_parameters(model.network.weights, model.network.biases)  # a training frame, say
    qtbot.waitUntil(lambda: gallery.mistakes() is not first, timeout=3000)
    marked = gallery.tiles.marked()
    assert marked >= 0 and int(gallery.mistakes().rows[marked]) == row


def test_new_weights_find_the_mistakes_again(qtbot):
    ds = _mnist_like()
    model, gallery = _gallery(qtbot, ds)
    first = gallery.mistakes()
    other = Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=5)
    model.set_parameters(other.weights, other.biases)
    qtbot.waitUntil(lambda: gallery.mistakes() is not first, timeout=3000)
    expected = find_mistakes(other, ds.x_val, ds.y_val, limit=MAX_TILES)
    np.testing.assert_array_equal(gallery.mistakes().rows, expected.rows)


def test_the_tiles_scroll_and_stay_legible(qtbot):
    model, gallery = _gallery(qtbot)
    tiles = gallery.tiles
    assert tiles.image_px() >= 2 * 28  # at least two screen pixels per image pixel
    # 200 tiles: the area scrolls (laid out on the next turn of the event loop)
    qtbot.waitUntil(lambda: tiles.height() > gallery.area.viewport().height(), timeout=2000)
    assert gallery.area.verticalScrollBar().maximum() > 0
    last = tiles.tile_rect(tiles.count() - 1)
    assert last.bottom() <= tiles.height() and last.right() <= tiles.width()


def test_a_test_set_can_be_given_instead(qtbot):
    model, gallery = _gallery(qtbot)
    rng = np.random.default_rng(3)
    x, y = rng.random((50, 784)), rng.integers(0, 10, 50)
    gallery.set_samples(x, y, (28, 28), FASHION, part="test")
    m = gallery.mistakes()
    assert m.total == 50 and "of 50 test images" in gallery.header.text()


def test_a_data_set_with_a_test_part_offers_its_mistakes_too(qtbot):
    ds = _mnist_like()
    rng = np.random.default_rng(4)
    ds.test = Dataset(rng.random((80, 784)), rng.integers(0, 10, 80), 10, "fashion-mnist", image_shape=(28, 28),
                      class_names=FASHION)
    model, gallery = _gallery(qtbot, ds)
    assert gallery.part_box.isVisible() and gallery.mistakes().total == 300  # validation first
    gallery.part_box.setCurrentIndex(1)
    expected = find_mistakes(model.network, ds.test.x, ds.test.y)
    assert gallery.mistakes().total == 80 and gallery.mistakes().count == expected.count
    assert "of 80 test images" in gallery.header.text()
    gallery.show_tile(0)
    np.testing.assert_allclose(model.activations[0], ds.test.x[expected.rows[0]])
    # a data set without a test part: no choice to make
    gallery.set_dataset(_mnist_like())
    assert not gallery.part_box.isVisible() and gallery.mistakes().total == 300


def test_no_image_data_no_tiles(qtbot):
    model, gallery = _gallery(qtbot)
    gallery.set_dataset(Dataset(np.zeros((10, 2)), np.zeros(10), 2, "points"))
    assert gallery.tiles.count() == 0 and gallery.mistakes() is None
    assert "No image data" in gallery.header.text()


def test_the_training_panel_hands_its_data_to_the_gallery(qtbot):
    model = NetworkModel(_net())
    panel = TrainingPanel(model)
    qtbot.addWidget(panel)
    ds = _mnist_like()
    panel.load_problem(_net(), ds)
    gallery = panel.mistakes_widget()
    qtbot.addWidget(gallery)
    gallery.resize(500, 400)
    gallery.show()
    qtbot.waitUntil(lambda: gallery.mistakes() is not None, timeout=3000)
    assert gallery.mistakes().total == len(ds.val_idx)
    panel.stop_and_wait()


@pytest.mark.parametrize("size", [(480, 513), (596, 633)])
def test_128_receptive_fields_stay_pictures_and_scroll(qtbot, size):
    ds = _mnist_like()
    model = NetworkModel(_net())
    views = ImageViews(model)
    qtbot.addWidget(views)
    views.resize(*size)
    views.show()
    qtbot.waitExposed(views)
    views.set_dataset(ds)
    qtbot.wait(10)
    gallery = views.weights
    rects = [gallery.tile_rect(i) for i in range(128)]
    assert min(r.width() for r in rects) >= 56  # two screen pixels per weight of a 28x28 field
    assert all(gallery.rect().toRectF().contains(r) for r in rects)
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 : i + 12])
    area = views.weights_area
    assert area.verticalScrollBar().maximum() > 0  # the rest is a scroll away
    # a click on a tile far down still selects its neuron
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    last = rects[127]
    qtbot.mouseClick(gallery, Qt.MouseButton.LeftButton, pos=QPoint(round(last.center().x()), round(last.center().y())))
    assert model.selection == (1, 127)


def test_few_receptive_fields_still_fill_the_room(qtbot):
    model = NetworkModel(Network.initialised([784, 8, 10], ["relu", "softmax"], seed=0))
    views = ImageViews(model)
    qtbot.addWidget(views)
    views.resize(900, 600)
    views.show()
    qtbot.waitExposed(views)
    views.set_dataset(_mnist_like())
    qtbot.wait(10)
    assert views.weights_area.verticalScrollBar().maximum() == 0
    assert views.weights.tile_rect(0).width() > 100
