"""The graph repaints new neuron outputs over its kept edges, and the picture is the same as a full paint."""

from __future__ import annotations

import numpy as np

from nnviz.core.model.network import Network
from nnviz.gui.network import _following
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView


def _view(qtbot):
    model = NetworkModel(Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=0))
    view = NetworkView(model)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    qtbot.waitExposed(view)
    return model, view


def _same_as_a_full_paint(view) -> bool:
    shown = view.grab().toImage()
    fresh = view.render_image(ratio=shown.devicePixelRatio())
    return shown.convertToFormat(fresh.format()) == fresh


def test_new_outputs_repaint_over_the_kept_edges_exactly(qtbot, monkeypatch):
    model, view = _view(qtbot)
    static = []
    original = view._paint_static
    monkeypatch.setattr(view, "_paint_static", lambda *a: (static.append(1), original(*a)))

    def grab_counting_edges():
        """The widget's picture, and how often its edges were painted for it."""
        before = len(static)
        image = view.grab().toImage()
        return image, len(static) - before

    rng = np.random.default_rng(0)
    model.show_sample(rng.random(784))
    view.flush()
    assert _same_as_a_full_paint(view)
    previous = None
    for _ in range(3):  # outputs alone: the edges come from the kept image, the neurons are new
        model.show_sample(rng.random(784))
        view.flush()
        image, painted = grab_counting_edges()
        assert painted == 0 and image != previous
        assert _same_as_a_full_paint(view)
        previous = image
    # new weights: the edges are painted anew, and the picture follows them
    other = Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=4)
    model.set_parameters(other.weights, other.biases)
    view.flush()
    assert grab_counting_edges()[1] == 1
    assert _same_as_a_full_paint(view)
    # the next outputs keep the new edges, once painted
    model.show_sample(rng.random(784))
    view.flush()
    assert grab_counting_edges()[1] == 1
    assert _same_as_a_full_paint(view)
    model.show_sample(rng.random(784))
    view.flush()
    assert grab_counting_edges()[1] == 0
    assert _same_as_a_full_paint(view)
    # a selection lights its edges: painted anew too
    model.select(1, 5)
    assert grab_counting_edges()[1] == 1
    assert _same_as_a_full_paint(view)


def test_outputs_alone_wait_less_than_new_weights(qtbot):
    assert _following.OUTPUTS_THROTTLE_MS < _following.THROTTLE_MS
    model, view = _view(qtbot)
    model.show_sample(np.zeros(784))
    view.flush()
    model.show_sample(np.ones(784))
    assert view._timer.isActive() and view._timer.interval() <= _following.OUTPUTS_THROTTLE_MS
