"""DataView: points by class, regions, clipped lines and rings, as a user sees them."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.data.dataset import Dataset, split
from nnviz.core.model import regions
from nnviz.gui.data.view import DataView


@pytest.fixture
def ds() -> Dataset:
    rng = np.random.default_rng(3)
    x = rng.uniform(-2, 2, size=(80, 2))
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    return split(Dataset(x, y, 2, "lin"), 0.25, seed=1)


@pytest.fixture
def view(qtbot, ds) -> DataView:
    v = DataView()
    qtbot.addWidget(v)
    v.resize(500, 450)
    v.show()
    v.set_dataset(ds)
    return v


def test_points_split_into_filled_training_and_hollow_validation(view, ds):
    assert len(view._train.data) == len(ds.train_idx) == 60
    assert len(view._val.data) == len(ds.val_idx) == 20
    # validation points have no solid fill: their brush is translucent
    assert view._val.opts["brush"].color().alpha() < 255
    # colours follow the class palette
    first = view._train.data[0]
    assert first["brush"].color().getRgb()[:3] == regions.class_color(ds.y[ds.train_idx[0]])
    assert "class 1" in view._legend.text() and "validation" in view._legend.text()


def test_view_frames_the_data(view, ds):
    x0, x1, y0, y1 = view.view_bounds()
    assert x0 <= ds.x[:, 0].min() and x1 >= ds.x[:, 0].max()
    assert y0 <= ds.x[:, 1].min() and y1 >= ds.x[:, 1].max()


def test_region_from_probabilities_and_rgba(view):
    p = np.zeros((20, 30))
    p[:, 15:] = 1.0
    view.set_region(p, (-2, 2, -2, 2))
    img = view.region_image()
    assert img.shape == (20, 30, 4) and img.dtype == np.uint8
    # left half is class 0 (blue dominates), right half class 1 (red dominates)
    assert img[5, 2, 2] > img[5, 2, 0]
    assert img[5, 25, 0] > img[5, 25, 2]
    rect = view._region.mapRectToParent(view._region.boundingRect())
    assert rect.left() == pytest.approx(-2) and rect.width() == pytest.approx(4)
    rgba = np.full((4, 4, 4), 200, dtype=np.uint8)
    view.set_region(rgba)
    assert np.array_equal(view.region_image(), rgba)
    view.set_region(None)
    assert view.region_image() is None


def test_lines_are_clipped_to_the_view_and_follow_zoom(view):
    view.set_lines([(1.0, -1.0, 0.0, "y = x"), (0.0, 1.0, -100.0, "far away")])
    curve, far = view._line_items[0], view._line_items[1]
    assert curve.isVisible() and not far.isVisible()
    xs, ys = curve.getData()
    np.testing.assert_allclose(xs, ys)  # the line x1 - x2 = 0
    x0, x1, y0, y1 = view.view_bounds()
    assert xs.min() >= x0 - 1e-9 and xs.max() <= x1 + 1e-9
    view.plot_item.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    xs, ys = curve.getData()
    assert xs.min() >= -1e-9 and xs.max() <= 1 + 1e-9
    assert view._label_items[0].textItem.toPlainText() == "y = x"


def test_marked_points_get_rings_and_clear_overlays_removes_them(view, ds):
    view.set_marked([0, 5, 7])
    assert len(view._ring_over.data) == 3
    np.testing.assert_allclose(view._ring_over.data["x"], ds.x[[0, 5, 7], 0])
    assert "misclassified" in view._legend.text()
    view.set_lines([(1, 1, 0, "a")])
    view.set_region(np.ones((5, 5)) * 0.5)
    view.clear_overlays()
    assert len(view._ring_over.data) == 0
    assert view.region_image() is None
    assert not view._line_items[0].isVisible()
    assert len(view._train.data) == 60  # points stay


def test_scale_enlarges_points_and_fonts(view):
    size1 = view._train.opts["size"]
    font1 = view._legend.font().pointSizeF()
    view.set_scale(2.0)
    assert view._train.opts["size"] == pytest.approx(2 * size1)
    assert view._legend.font().pointSizeF() == pytest.approx(2 * font1)


def test_clicking_a_point_reports_its_index(view, ds, qtbot):
    pts = view._train.points()
    with qtbot.waitSignal(view.pointClicked) as blocker:
        view._train.sigClicked.emit(view._train, [pts[3]], None)
    assert blocker.args == [int(ds.train_idx[3])]


def test_empty_and_non_2d_data(view):
    view.set_dataset(None)
    assert len(view._train.data) == 0 and not view._legend.isVisible()
    img = Dataset(np.zeros((3, 64)), np.array([0, 1, 0]), 2, image_shape=(8, 8))
    view.set_dataset(img)
    assert len(view._train.data) == 0
    assert "64 inputs" in view._legend.text()
    assert view.plot.isHidden()
    view.set_dataset(None)
    assert not view.plot.isHidden()


# ----------------------------------------------------------- RegionsView
def test_regions_view_shows_regions_rings_lines_and_hidden_maps(qtbot, ds):
    from nnviz.core.model.network import Network
    from nnviz.gui.training.regions import RegionsView

    net = Network.initialised([2, 3, 2, 1], ["tanh", "tanh", "sigmoid"], seed=4)
    view = RegionsView()
    qtbot.addWidget(view)
    view.resize(500, 650)
    view.show()
    view.set_dataset(ds)
    view.set_network(net)
    img = view.data_view.region_image()
    assert img.shape == (200, 200, 4)
    # the colour of a pixel follows the network's class there
    maps = regions.region_maps(net, view.data_view.bounds())
    np.testing.assert_array_equal(img, maps.output_rgba)
    wrong = np.flatnonzero(regions.predicted_classes(net, ds.x) != ds.y)
    np.testing.assert_array_equal(view.misclassified(), wrong)
    assert len(view.data_view._ring_over.data) == len(wrong)
    assert f"{len(wrong)} of 80 points misclassified" in view._accuracy.text()
    assert view.hidden_maps.map_count() == 5  # 3 + 2 hidden neurons
    view.show_lines.click()
    assert [t for *_w, t in view.data_view.lines()] == ["h1", "h2", "h3"]
    # new weights from a snapshot move the region
    w = [x * 0 for x in net.weights]
    view.set_parameters(w, net.biases)
    assert len(np.unique(view.data_view.region_image().reshape(-1, 4), axis=0)) == 1
    # wide and low: the maps move beside the data
    assert not view.hidden_maps.is_vertical()
    view.resize(900, 400)
    qtbot.waitUntil(view.hidden_maps.is_vertical)
    view.show_hidden.click()
    assert view.hidden_maps.isHidden()


def test_regions_view_ignores_data_that_is_not_2d(qtbot):
    from nnviz.core.model.network import Network
    from nnviz.gui.training.regions import RegionsView

    view = RegionsView()
    qtbot.addWidget(view)
    view.show()
    view.set_dataset(Dataset(np.zeros((4, 3)), np.array([0, 1, 0, 1]), 2))
    view.set_network(Network.initialised([3, 2, 1], ["tanh", "sigmoid"]))
    assert view.data_view.region_image() is None
    assert view.misclassified().size == 0


def test_a_hidden_regions_view_waits_until_shown(qtbot, ds):
    from nnviz.core.model.network import Network
    from nnviz.gui.training.regions import RegionsView

    view = RegionsView()
    qtbot.addWidget(view)
    view.set_dataset(ds)
    view.set_network(Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=1))
    assert view.is_stale() and view.data_view.region_image() is None
    view.show()
    assert not view.is_stale() and view.data_view.region_image() is not None


def _hover(qtbot, view, x, y):
    """Move the mouse over the plane point (x, y); the tooltip the user would see."""
    from PySide6.QtCore import QPointF

    scene = view.plot_item.vb.mapViewToScene(QPointF(x, y))
    pos = view.plot.mapFromScene(scene)
    qtbot.mouseMove(view.plot.viewport(), pos)
    qtbot.wait(50)
    return view.plot_item.vb.toolTip()


def test_regression_lesson_shows_the_sample_and_its_target_not_a_class(qtbot):
    from nnviz.core.lessons import load_lesson

    v = DataView()
    qtbot.addWidget(v)
    v.resize(500, 450)
    v.show()
    v.set_dataset(load_lesson("backprop-2-2-2").dataset())
    legend = v._legend.text()
    assert "class" not in legend
    assert "x = (0.05, 0.1)" in legend and "d = (0.01, 0.99)" in legend
    labels = [t for t in v._target_items if t.isVisible()]
    assert [t.textItem.toPlainText() for t in labels] == ["d = (0.01, 0.99)"]
    tip = _hover(qtbot, v, 0.05, 0.10)
    assert "d = (0.01, 0.99)" in tip and "class" not in tip


def test_regression_lesson_in_spanish_uses_decimal_commas(qtbot):
    from nnviz.core.lessons import load_lesson
    from nnviz.gui import i18n

    v = DataView()
    qtbot.addWidget(v)
    v.set_dataset(load_lesson("backprop-2-2-2").dataset())
    i18n.set_language("es")
    try:
        qtbot.waitUntil(lambda: "d = (0,01; 0,99)" in v._legend.text())
        assert "x = (0,05; 0,1)" in v._legend.text()
        assert v._target_items[0].textItem.toPlainText() == "d = (0,01; 0,99)"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lesson", ["perceptron-and", "perceptron-xor"])
def test_perceptron_classes_are_named_by_their_desired_output(qtbot, lesson):
    from nnviz.core.lessons import load_lesson

    v = DataView()
    qtbot.addWidget(v)
    v.resize(500, 450)
    v.show()
    v.set_dataset(load_lesson(lesson).dataset())
    legend = v._legend.text()
    assert "d = \u22121" in legend and "d = +1" in legend and "class" not in legend
    assert _hover(qtbot, v, 0.0, 0.0).endswith("d = \u22121 (training)")
    assert "d = +1" in _hover(qtbot, v, 1.0, 1.0 if lesson == "perceptron-and" else 0.0)


def test_sigmoid_lessons_keep_their_class_numbers(qtbot):
    from nnviz.core.lessons import load_lesson

    v = DataView()
    qtbot.addWidget(v)
    v.set_dataset(load_lesson("mlp-xor").dataset())
    assert "class 0" in v._legend.text() and "class 1" in v._legend.text()
