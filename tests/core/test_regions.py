"""Decision-region math: grid layout, probabilities, colours, line clipping."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.model import regions
from nnviz.core.model.network import Network


def test_grid_is_row_major_with_y_growing_by_row():
    g = regions.grid_points((0.0, 4.0, 10.0, 12.0), n=4)
    assert g.shape == (16, 2)
    np.testing.assert_allclose(g[:4, 0], [0.5, 1.5, 2.5, 3.5])
    np.testing.assert_allclose(g[:4, 1], 10.25)
    np.testing.assert_allclose(g[4, 1], 10.75)


def test_region_maps_match_the_network_forward_pass():
    net = Network.initialised([2, 3, 3], ["tanh", "softmax"], seed=2)
    bounds = (-1.0, 1.0, -2.0, 2.0)
    m = regions.region_maps(net, bounds, n=50, hidden_n=10)
    assert m.probabilities.shape == (50, 50, 3)
    # pixel (row 7, col 31) is the grid point at the same place
    pt = regions.grid_points(bounds, 50)[7 * 50 + 31]
    np.testing.assert_allclose(m.probabilities[7, 31], net.predict(pt[None])[0])
    assert m.output_rgba.shape == (50, 50, 4) and m.output_rgba.dtype == np.uint8
    assert len(m.hidden_rgba) == 1 and len(m.hidden_rgba[0]) == 3
    assert m.hidden_rgba[0][0].shape == (10, 10, 4)
    assert len(regions.region_maps(net, bounds, n=8, hidden_n=4, max_per_layer=2).hidden_rgba[0]) == 2
    assert regions.region_maps(net, bounds, n=8, hidden_n=0).hidden_rgba == []


@pytest.mark.parametrize("hidden_act", ["tanh", "relu", "identity", "sigmoid"])
def test_hidden_maps_colour_each_neurons_output_over_the_plane(hidden_act):
    net = Network.initialised([2, 4, 3, 1], [hidden_act, hidden_act, "sigmoid"], seed=5)
    bounds = (-2.0, 2.0, -1.0, 1.0)
    m = regions.region_maps(net, bounds, n=6, hidden_n=7)
    outs = net.forward(regions.grid_points(bounds, 7))
    for layer, maps in enumerate(m.hidden_rgba, start=1):
        assert len(maps) == net.layers[layer]
        for k, img in enumerate(maps):
            v = outs[layer][:, k]
            if hidden_act == "tanh":
                lo, hi = -1.0, 1.0
            elif hidden_act == "sigmoid":
                lo, hi = 0.0, 1.0
            else:  # scaled by what the grid shows (relu from 0)
                lo = 0.0 if hidden_act == "relu" else v.min()
                hi = v.max() if v.max() - lo >= 1e-12 else lo + 1.0
            want = regions.values_to_rgba(v.reshape(7, 7), lo, hi)
            assert img.shape == (7, 7, 4) and img.flags.c_contiguous
            np.testing.assert_array_equal(img, want)


def test_class_probabilities_for_each_output_kind():
    np.testing.assert_allclose(
        regions.class_probabilities(np.array([[0.2], [0.9]]), "sigmoid"), [[0.8, 0.2], [0.1, 0.9]]
    )
    np.testing.assert_allclose(regions.class_probabilities(np.array([[-1.0], [0.5]]), "tanh")[:, 1], [0.0, 0.75])
    p = regions.class_probabilities(np.array([[0.2, 0.6], [0.0, 0.0]]), "sigmoid")
    np.testing.assert_allclose(p, [[0.25, 0.75], [0.5, 0.5]])


def test_colours_fade_to_white_when_unsure():
    rgba = regions.probabilities_to_rgba(np.array([[0.5, 0.5], [1.0, 0.0], [0.0, 1.0]]))
    assert tuple(rgba[0, :3]) == (255, 255, 255)
    blue, orange = regions.CLASS_COLORS[0], regions.CLASS_COLORS[1]
    np.testing.assert_allclose(rgba[1, :3], 255 * 0.4 + 0.6 * blue, atol=1)
    np.testing.assert_allclose(rgba[2, :3], 255 * 0.4 + 0.6 * orange, atol=1)


@pytest.mark.parametrize(
    "w1, w2, b, expected",
    [
        (1.0, -1.0, 0.0, ([-1, 1], [-1, 1])),  # diagonal corner to corner
        (0.0, 1.0, -0.5, ([-1, 1], [0.5, 0.5])),  # horizontal y = 0.5
        (2.0, 0.0, 1.0, ([-0.5, -0.5], [-1, 1])),  # vertical x = -0.5
    ],
)
def test_clip_line(w1, w2, b, expected):
    xs, ys = regions.clip_line(w1, w2, b, (-1.0, 1.0, -1.0, 1.0))
    order = np.argsort(xs + 1e-6 * ys)
    np.testing.assert_allclose(np.sort(xs), sorted(expected[0]), atol=1e-12)
    np.testing.assert_allclose(ys[order], np.array(expected[1])[np.argsort(np.array(expected[0]) + 1e-6 * np.array(expected[1]))], atol=1e-12)
    # both ends lie on the line
    np.testing.assert_allclose(w1 * xs + w2 * ys + b, 0.0, atol=1e-12)


def test_clip_line_misses_or_degenerate():
    assert regions.clip_line(0.0, 1.0, -5.0, (-1, 1, -1, 1)) is None
    assert regions.clip_line(0.0, 0.0, 1.0, (-1, 1, -1, 1)) is None


def test_data_bounds_pads_the_points():
    x = np.array([[0.0, 0.0], [2.0, 1.0]])
    x0, x1, y0, y1 = regions.data_bounds(x, pad=0.1)
    assert x0 < 0 and x1 > 2 and y0 < 0 and y1 > 1


def test_confusion_matrix_counts_pairs():
    m = regions.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)
    np.testing.assert_array_equal(m, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert m.sum() == 6


def test_predicted_classes_match_the_trainer_rule():
    # one sigmoid output: class 1 when y > 0.5, as the trainer counts accuracy
    net = Network([2, 1], ["sigmoid"], [np.array([[1.0], [0.0]])], [np.array([0.0])])
    np.testing.assert_array_equal(regions.predicted_classes(net, np.array([[-1.0, 0], [1.0, 0]])), [0, 1])


def test_data_bounds_of_a_single_point_is_a_unit_frame_around_it():
    from nnviz.core.model.regions import data_bounds

    x0, x1, y0, y1 = data_bounds(np.array([[0.05, 0.10]]))
    assert x0 < 0.05 < x1 and y0 < 0.10 < y1
    assert x1 - x0 == pytest.approx(1.3) and y1 - y0 == pytest.approx(1.3)
