"""Fashion-MNIST's long class names stay whole: beside the graph's outputs and over the confusion matrix."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from nnviz.core.model.network import Network
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView
from nnviz.gui.training.image_views import ConfusionMatrixView

FASHION = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


@pytest.mark.parametrize("size", [(640, 560), (960, 700), (1280, 800)])
def test_output_tags_and_values_stay_inside_the_graph(qtbot, size):
    model = NetworkModel(Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=0))
    model.set_output_names(FASHION)
    model.show_sample(np.random.default_rng(0).random(784))
    view = NetworkView(model)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.flush()
    lay = view._layout_for(view.width(), view.height())[0]
    assert view._tags_overflow(lay, view.width()) <= 0.5
    r = lay.radii[3]
    for k, name in enumerate(FASHION):
        x, y = lay.positions[3][k]
        box = view.class_tag_rect(x, y, r, name, int(lay.label_sides[3][k]))
        assert 0 <= box.left() and box.right() <= view.width(), (name, size)
        # the whole name fits its box
        _font, fm = view.class_tag_font()
        assert fm.horizontalAdvance(name) <= box.width()


def test_without_names_the_columns_keep_their_places(qtbot):
    """Digits 0–9 fit beside the outputs: no room is taken from the columns."""
    model = NetworkModel(Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=0))
    view = NetworkView(model)
    qtbot.addWidget(view)
    view.resize(960, 700)
    lay = view._layout_for(960, 700)[0]
    gap = lay.columns[1] - lay.columns[0]
    assert lay.columns[-1] + gap / 2 == pytest.approx(960 - 12, abs=0.5)  # the margin only


def test_confusion_matrix_writes_long_names_upright(qtbot):
    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.resize(480, 513)
    view.set_class_names(FASHION)
    view.set_matrix(np.random.default_rng(1).integers(0, 400, (10, 10)), "validation")
    view.show()
    qtbot.waitExposed(view)
    g = view._fitted_geometry()
    # the column names no longer fit their cells: they stand upright, "T-shirt/top" and
    # "Trouser" no longer both read "T…"
    assert g["band"] > g["line"]
    fm = QFontMetricsF(g["small"])
    assert fm.horizontalAdvance("Trouser") <= g["band"] - 4
    grid = g["grid"]
    assert QRectF(view.rect()).contains(grid) and grid.top() >= g["band"]
    # numbers as names: one line, as before
    view.set_class_names(None)
    g = view._fitted_geometry()
    assert g["band"] == g["line"]
