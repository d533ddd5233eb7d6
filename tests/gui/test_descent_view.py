"""The gradient-descent view: weights picked on the graph, the curve, η's arrow, the three paths."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.core.data.dataset import Dataset, targets_for
from nnviz.core.model.network import Network
from nnviz.core.training.landscape import Parameter, descent_path, surface_for
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView
from nnviz.gui.training.descent_view import DescentProblem, DescentView
from tests.gui.conftest import open_window

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def _xor_network() -> Network:
    return Network([2, 2, 1], ["sigmoid", "sigmoid"], [[[0.52, -0.91], [-0.99, 0.52]], [[0.61], [0.48]]],
                   [[-0.22, 0.09], [-0.23]])


def _mse(net: Network, x: np.ndarray, y: np.ndarray) -> float:
    """The slides' E = ½‖d − y‖², averaged, written out apart from the view's core."""
    h = x
    for w, b in zip(net.weights, net.biases):
        h = 1.0 / (1.0 + np.exp(-(h @ w + b)))
    d = targets_for(y, net.layers[-1], net.activations[-1])
    return float(0.5 * ((d - h) ** 2).sum(axis=1).mean())


@pytest.fixture
def xor_view(qtbot):
    model = NetworkModel(_xor_network())
    graph = NetworkView(model)
    view = DescentView(model)
    graph.edgeClicked.connect(view.pick)
    for w in (graph, view):
        qtbot.addWidget(w)
    graph.resize(640, 420)
    view.resize(560, 760)
    graph.show()
    view.show()
    qtbot.waitExposed(view)
    view.set_problem(DescentProblem(Dataset(XOR_X, XOR_Y, n_classes=2), "mse", eta=1.0, batch_size=2, key="xor"))
    view.settle()
    return model, graph, view


def test_clicking_edges_of_the_graph_picks_the_curves_weight_then_the_maps_second(xor_view, qtbot):
    model, graph, view = xor_view
    qtbot.mouseClick(graph, Qt.MouseButton.LeftButton, pos=graph.edge_point(0, 1, 0, 0.3).toPoint())
    graph.editor().hide()  # the click also opened the weight's editor; we only look
    view.settle()
    assert view.parameters()[0] == Parameter(0, 1, 0)
    assert "ω<sup>(1)</sup><sub>21</sub>" in view.choice.text()
    assert "ω<sup>(1)</sup><sub>21</sub>" in view.curve_plot.getPlotItem().getAxis("bottom").labelText
    # the curve now runs along that weight, through its current value
    assert view.curve_plot.current_point()[0] == pytest.approx(model.network.weights[0][1, 0])
    # a second edge (emitted as the graph does): the map's second weight
    graph.edgeClicked.emit(1, 1, 0)
    view.settle()
    assert view.parameters() == (Parameter(0, 1, 0), Parameter(1, 1, 0))
    assert "ω<sup>(2)</sup><sub>21</sub>" in view.map_plot.getPlotItem().getAxis("left").labelText
    # a third: the curve's weight again, the second kept
    graph.edgeClicked.emit(1, 0, 0)
    assert view.parameters() == (Parameter(1, 0, 0), Parameter(1, 1, 0))


def test_the_curves_current_point_is_the_models_error_and_follows_its_weights(xor_view, qtbot):
    model, _graph, view = xor_view
    w, e = view.curve_plot.current_point()
    assert w == pytest.approx(model.network.weights[1][0, 0])
    assert e == pytest.approx(_mse(model.network, XOR_X, XOR_Y), rel=1e-12)
    weights = [a.copy() for a in model.network.weights]
    weights[1][0, 0] = 2.5
    model.set_parameters(weights, model.network.biases)
    qtbot.waitUntil(lambda: view.curve_plot.current_point()[0] == pytest.approx(2.5), timeout=3000)
    assert view.curve_plot.current_point()[1] == pytest.approx(_mse(model.network, XOR_X, XOR_Y), rel=1e-12)
    # the map marks where the weights are now
    xs, ys = view.map_plot.now.getData()
    assert (xs[0], ys[0]) == pytest.approx((2.5, model.network.weights[1][1, 0]))


def test_eta_moves_the_arrows_end_and_a_large_eta_lands_higher(xor_view, qtbot):
    model, _graph, view = xor_view
    start_w, start_e = view.curve_plot.current_point()
    end1 = view.curve_plot.arrow_end()
    slope = view._curve.slope
    assert end1[0] == pytest.approx(start_w - 1.0 * slope)
    assert end1[1] < start_e  # a small step goes down
    view.eta.setValue(2.0)
    end2 = view.curve_plot.arrow_end()
    assert end2[0] == pytest.approx(start_w - 2.0 * slope)
    assert end2 != end1
    # the arrowhead sits at the step's end, on the current error's level
    assert (view.curve_plot.head.pos().x(), view.curve_plot.head.pos().y()) == pytest.approx((end2[0], start_e))
    # an η far too large overshoots the minimum: the next point is higher, and the view says so
    view.eta.setValue(400.0)
    view.settle()
    end3 = view.curve_plot.arrow_end()
    assert end3[1] > start_e
    assert "too large" in view.numbers.text()
    lo, hi = view.curve_plot.curve.getData()[0][[0, -1]]
    assert lo <= end3[0] <= hi  # the curve was widened to show where it lands


def test_the_three_paths_appear_over_time_from_one_start(xor_view, qtbot):
    _model, _graph, view = xor_view
    view.epochs.setValue(5)  # a new map: the paths start drawing again
    assert view.animating()
    qtbot.waitUntil(lambda: not view.animating(), timeout=10_000)
    shown = view.map_plot.shown()
    # full batch: one update per epoch; mini-batch of 2: two; batch 1: four
    assert shown == [1 + 5, 1 + 10, 1 + 20]
    starts = [item.getData() for item in view.map_plot.paths]
    assert len({(float(x[0]), float(y[0])) for x, y in starts}) == 1
    legend = view.legend.text().replace("&nbsp;", " ").replace("&#8209;", "-")
    assert "full batch" in legend and "mini-batch of 2" in legend and "batch 1" in legend
    # each with the error where it ends, as the network would have it with those two weights
    x, y = view.map_plot.paths[2].getData()
    net = _model.network.copy()
    net.weights[1][0, 0], net.weights[1][1, 0] = x[-1], y[-1]
    assert f"batch 1: E {_mse(net, XOR_X, XOR_Y):.3g}" in legend
    # the map under them: E over the two weights, its image as big as the grid
    assert view.map_plot.image.image.shape == (61, 61)


def test_a_big_network_is_computed_in_the_background_with_progress(qtbot):
    rng = np.random.default_rng(0)
    model = NetworkModel(Network.initialised([2, 32, 1], ["tanh", "sigmoid"], seed=0))
    view = DescentView(model)
    qtbot.addWidget(view)
    view.show()
    view.jobs.background_cost = 0  # every job to the background thread
    seen = []
    view.jobs.mapProgress.connect(lambda n, done, total: seen.append(done))
    data = Dataset(rng.normal(size=(300, 2)), rng.integers(0, 2, 300), n_classes=2)
    with qtbot.waitSignal(view.jobs.mapReady, timeout=30_000):
        view.set_problem(DescentProblem(data, "mse", eta=0.3, batch_size=32, key="big"))
    qtbot.waitUntil(lambda: not view.jobs.busy(), timeout=10_000)
    assert seen and seen[-1] == 61 * 61
    assert view.curve_plot.current_point() is not None
    view.close()


def test_a_network_without_a_derivative_is_refused_in_a_sentence(qtbot):
    model = NetworkModel(Network.initialised([2, 1], "step"))
    view = DescentView(model)
    qtbot.addWidget(view)
    view.show()
    view.set_problem(DescentProblem(Dataset(XOR_X, XOR_Y, n_classes=2), "mse", key="step"))
    view.settle()
    assert "derivative" in view.numbers.text()  # said in a sentence, not a traceback
    # E along the weight is still drawn (flat steps), without a slope or a step
    assert view.curve_plot.current_point() is not None and view.curve_plot.arrow_end() is None
    assert view.map_plot.shown() == [0, 0, 0] and view.map_plot.image.image is not None


def test_the_batch_size_lesson_opens_the_view_in_the_window(qtbot):
    win = open_window(qtbot, "batch-size")
    view = win.descent_view
    qtbot.waitUntil(view.isVisible, timeout=5000)
    view.settle()
    assert win._docks["descent"].windowTitle() == "Gradient descent"
    assert view.curve_plot.current_point() is not None
    # the lesson's own η and a mini-batch of its batch size's kind
    assert view.eta.value() == pytest.approx(0.3)
    # clicking an edge of the window's graph picks the weight
    win.network_view.edgeClicked.emit(0, 1, 3)
    assert view.parameters()[0] == Parameter(0, 1, 3)
    assert win._docks["descent"].toggleViewAction() in win.menu_view.actions()


def test_a_map_on_its_way_is_not_drawn_after_a_switch_to_a_problem_without_one(qtbot):
    rng = np.random.default_rng(0)
    model = NetworkModel(Network.initialised([2, 32, 1], ["tanh", "sigmoid"], seed=0))
    view = DescentView(model)
    qtbot.addWidget(view)
    view.show()
    view.jobs.background_cost = 0  # every job to the background thread
    data = Dataset(rng.normal(size=(300, 2)), rng.integers(0, 2, 300), n_classes=2)
    view.set_problem(DescentProblem(data, "mse", eta=0.3, batch_size=32, key="first lesson"))
    assert view.jobs.busy()  # its map is on its way
    # the next lesson's data do not fit the network: there is nothing to compute
    three = Dataset(rng.normal(size=(20, 3)), rng.integers(0, 2, 20), n_classes=2)
    view.set_problem(DescentProblem(three, "mse", key="next lesson"))
    qtbot.waitUntil(lambda: not view.jobs.busy(), timeout=30_000)
    qtbot.wait(100)  # whatever the background sent has arrived
    assert view.map_plot.image.image is None  # no map of the first lesson under the next one
    assert view.map_plot.shown() == [0, 0, 0] and view.map_plot.start.getData()[0].size == 0
    assert view.curve_plot.current_point() is None
    assert not view.progress.isVisible()
    assert "3" in view.numbers.text() and "inputs" in view.numbers.text()  # the reason, in a sentence
    view.close()


def test_the_paths_take_the_samples_in_the_problems_order(xor_view, qtbot):
    model, _graph, view = xor_view
    data = Dataset(XOR_X, XOR_Y, n_classes=2)
    surface = surface_for(model.network, data)
    params = view.parameters()
    for seed, shuffle in ((5, True), (5, False)):
        view.set_problem(DescentProblem(data, "mse", eta=1.0, batch_size=2, seed=seed, shuffle=shuffle, key="xor"))
        view.settle()
        x, y = view.map_plot.paths[2].getData()  # batch 1: one update per sample, in the order given
        expected = descent_path(surface, params, 1.0, 1, int(view.epochs.value()), seed=seed, shuffle=shuffle)
        np.testing.assert_allclose(np.column_stack([x, y]), expected, rtol=1e-12)
        other = descent_path(surface, params, 1.0, 1, int(view.epochs.value()), seed=0, shuffle=not shuffle)
        assert not np.allclose(np.column_stack([x, y]), other)
