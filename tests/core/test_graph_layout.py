"""The Qt-free geometry and colour binning of the network graph."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from nnviz.core.model import graph_layout as gl


def test_slide_notation_names_each_layer():
    assert gl.neuron_symbol([2, 2, 1], 0, 0).plain() == "x_1"
    assert gl.neuron_symbol([2, 2, 1], 1, 1).plain() == "h_2"
    assert gl.neuron_symbol([2, 2, 1], 2, 0).plain() == "y_1"
    # several hidden layers carry their number
    assert gl.neuron_symbol([2, 8, 8, 1], 2, 7).plain() == "h^(2)_8"
    assert gl.neuron_symbol([2, 8, 8, 1], 2, 7).html() == "h<sup>(2)</sup><sub>8</sub>"
    assert gl.neuron_symbol([2, 8, 8, 1], 1, 0).unicode() == "h⁽¹⁾₁"
    assert gl.pair_subscript(0, 1) == "12"
    assert gl.pair_subscript(9, 2) == "10,3"


def test_columns_and_neurons_evenly_spaced_and_centred():
    lay = gl.layout_network([2, 3, 1], 0, 0, 900, 600, max_spacing=100)
    assert np.allclose(lay.columns, [150, 450, 750])
    for li, pos in enumerate(lay.positions):
        assert np.allclose(pos[:, 0], lay.columns[li])
        assert pos[:, 1].mean() == pytest.approx(300)  # centred
        if len(pos) > 1:
            assert np.allclose(np.diff(pos[:, 1]), 100)  # capped spacing
    # a tall layer shrinks its spacing to fit
    lay = gl.layout_network([2, 60, 1], 0, 0, 900, 600, max_spacing=100)
    ys = lay.positions[1][:, 1]
    assert ys.min() >= 0 and ys.max() <= 600
    assert np.allclose(np.diff(ys), 10)


def test_image_input_is_a_square_grid_of_pixels():
    assert gl.image_shape_for(784) == (28, 28)
    assert gl.image_shape_for(64) == (8, 8)
    assert gl.image_shape_for(2) is None
    assert gl.image_shape_for(50) is None
    lay = gl.layout_network([64, 10, 10], 0, 0, 900, 600, image_shape=(8, 8))
    x0, y0, w, h = lay.image_rect
    pos = lay.positions[0]
    # pixel i is row i // 8, column i % 8, at its cell's centre
    cell = w / 8
    assert pos[9, 0] == pytest.approx(x0 + 1.5 * cell)
    assert pos[9, 1] == pytest.approx(y0 + 1.5 * cell)
    assert w == pytest.approx(h)


def test_edges_follow_the_weights_flat_order():
    layers = [3, 4, 2]
    lay = gl.layout_network(layers, 0, 0, 600, 400)
    weights = [np.arange(12.0).reshape(3, 4), 100 + np.arange(8.0).reshape(4, 2)]
    flat = gl.flat_weights(weights)
    i = 0
    for layer, w in enumerate(weights):
        for j, k in itertools.product(range(w.shape[0]), range(w.shape[1])):
            assert flat[i] == w[j, k]
            assert gl.edge_of(layers, i) == (layer, j, k)
            assert gl.edge_index(layers, layer, j, k) == i
            assert np.allclose(lay.segments[i, :2], lay.positions[layer][j])
            assert np.allclose(lay.segments[i, 2:], lay.positions[layer + 1][k])
            i += 1
    assert len(lay.segments) == i == 20


def test_neuron_edges_are_its_incoming_and_outgoing():
    layers = [3, 4, 2]
    for layer, n in enumerate(layers):
        for i in range(n):
            expected = {
                e for e in range(20)
                if (gl.edge_of(layers, e)[0] == layer and gl.edge_of(layers, e)[1] == i)
                or (gl.edge_of(layers, e)[0] == layer - 1 and gl.edge_of(layers, e)[2] == i)
            }
            assert set(gl.neuron_edges(layers, layer, i).tolist()) == expected


def test_colour_bins_cut_the_symmetric_scale_evenly():
    bins = gl.color_bins(np.array([-2.0, -1.0, -0.99, -0.01, 0.0, 0.01, 0.99, 1.0, 5.0]), 1.0, 32)
    assert bins.tolist() == [0, 0, 0, 15, 16, 16, 31, 31, 31]
    centres = gl.bin_centres(32)
    assert centres[0] == pytest.approx(-31 / 32) and centres[-1] == pytest.approx(31 / 32)
    # the value at each bin centre falls in that bin
    assert gl.color_bins(centres * 3.0, 3.0, 32).tolist() == list(range(32))
    widths = gl.bin_widths(32, 1.0, 5.0)
    assert widths[0] == widths[-1] == pytest.approx(1 + 4 * 31 / 32)
    assert widths[15] == widths[16] == pytest.approx(1 + 4 / 32)
    order = gl.bin_draw_order(32)
    assert set(order[:2]) == {15, 16} and set(order[-2:]) == {0, 31}


def test_group_by_bin_matches_a_plain_loop():
    rng = np.random.default_rng(0)
    bins = rng.integers(0, 8, 200)
    shown = np.sort(rng.choice(200, 120, replace=False))
    order, ends = gl.group_by_bin(bins, shown, 8)
    start = 0
    for b in range(8):
        expected = [i for i in shown if bins[i] == b]
        assert order[start:ends[b]].tolist() == expected
        start = ends[b]


def test_small_networks_show_every_edge_and_the_threshold_hides_weak_ones():
    values = np.array([0.5, -0.01, 0.2, -0.3, 0.04])
    assert gl.shown_edges(values, [5, 1]).tolist() == [0, 1, 2, 3, 4]
    assert gl.shown_edges(values, [5, 1], threshold=0.1).tolist() == [0, 2, 3]


def test_big_networks_show_the_strongest_of_each_layer():
    rng = np.random.default_rng(1)
    layers = [50, 20, 3]
    values = rng.normal(size=50 * 20 + 20 * 3)
    shown = gl.shown_edges(values, layers, full=500, cap=300)
    # the small layer whole; the big one its 240 strongest
    assert gl.edge_budget([1000, 60], 300) == [240, 60]
    last = np.arange(1000, 1060)
    assert set(last) <= set(shown.tolist())
    first = shown[shown < 1000]
    expected = np.sort(np.argsort(-np.abs(values[:1000]))[:240])
    assert first.tolist() == expected.tolist()
    assert len(shown) == 300
    assert gl.edge_budget([5, 100, 100], 105) == [5, 50, 50]


def test_scale_limits_are_round():
    assert gl.nice_limit(0.83) == 1.0
    assert gl.nice_limit(2.1) == 2.5
    assert gl.nice_limit(0.0) == 1.0
    assert gl.round_up(0.8123) == pytest.approx(0.82)
    assert gl.round_up(0.83) == pytest.approx(0.83)
    assert gl.round_up(12.34) == pytest.approx(13)


def test_activation_range_covers_the_outputs():
    assert gl.activation_range([]) == (0.0, 1.0)
    assert gl.activation_range([np.array([0.2, 0.9])]) == (0.0, 1.0)
    assert gl.activation_range([np.array([-0.5, 0.9])]) == (-1.0, 1.0)
    assert gl.activation_range([np.array([0.0, 3.7])]) == (0.0, 4.0)


def test_hit_tests_find_the_nearest_edge_and_neuron():
    seg = np.array([[0, 0, 100, 0], [0, 50, 100, 50], [0, 0, 100, 100]], dtype=float)
    assert gl.nearest_segment(seg, np.arange(3), 50, 4) == (0, pytest.approx(4))
    e, d = gl.nearest_segment(seg, np.array([1, 2]), 50, 49)
    assert e == 2 and d == pytest.approx(1 / np.sqrt(2))
    assert gl.nearest_segment(seg, np.zeros(0, np.int64), 0, 0)[0] == -1
    pos = [np.array([[0.0, 0.0], [0.0, 10.0]]), np.array([[50.0, 5.0]])]
    assert gl.nearest_neuron(pos, 48, 6)[:2] == (1, 0)
    assert gl.nearest_neuron(pos, 1, 9)[:2] == (0, 1)


def test_edges_thin_out_as_they_crowd():
    assert gl.thickest_width(4) == 7.0
    assert gl.thickest_width(10_000) == 1.0
    assert gl.thickest_width(100) > gl.thickest_width(1000)


def _min_distance(pos: np.ndarray) -> float:
    d = np.hypot(*(pos[:, None, :] - pos[None, :, :]).transpose(2, 0, 1))
    return float(d[~np.eye(len(pos), dtype=bool)].min())


def test_a_squeezed_column_is_staggered_to_give_bigger_neurons():
    # the digits network in the 692x240 the main window leaves it at 1600x900
    kw = dict(max_spacing=170, max_radius=30, label_room=20)
    lay = gl.layout_network([64, 32, 10], 12, 64, 668, 243, image_shape=(8, 8), **kw)
    out = lay.positions[2]
    spacing = 243 / 10
    straight = gl.straight_radius(spacing, 20)
    assert lay.radii[2] >= 1.8 * straight and lay.radii[2] >= 14  # readable y_k symbols
    # the neurons alternate left and right of their column, never touch ...
    assert np.array_equal(np.sign(out[:, 0] - lay.columns[2]), np.tile([-1, 1], 5))
    assert _min_distance(out) >= 2.4 * lay.radii[2]
    # ... keep their order top to bottom, and write their values outwards
    assert np.all(np.diff(out[:, 1]) > 0)
    assert np.array_equal(lay.label_sides[2], np.tile([-1, 1], 5))
    # the 32 hidden neurons are dots either way: left in one straight column
    assert np.allclose(lay.positions[1][:, 0], lay.columns[1]) and not lay.label_sides[1].any()
    # the edges end at the moved neurons
    assert np.allclose(lay.segments[-10:, 2:], out)


def test_small_networks_in_room_keep_straight_columns():
    for layers in ([2, 2, 1], [2, 3, 1], [2, 8, 1]):
        lay = gl.layout_network(layers, 0, 0, 900, 600, max_spacing=110, max_radius=24, label_room=20)
        for li, pos in enumerate(lay.positions):
            assert np.allclose(pos[:, 0], lay.columns[li])
            assert not lay.label_sides[li].any()


def test_circles_lesson_neurons_grow_with_the_room_up_to_the_maximum():
    kw = dict(max_spacing=170, max_radius=30, label_room=20)
    short = gl.layout_network([2, 8, 1], 12, 64, 668, 243, **kw)
    assert short.radii.min() >= 18  # was 10.9 in one straight column
    assert _min_distance(short.positions[1]) >= 2.4 * short.radii[1]
    # all small layers share one radius: the lone output is not bigger
    assert np.allclose(short.radii, short.radii[0])
    tall = gl.layout_network([2, 8, 1], 12, 64, 900, 2000, **kw)
    assert np.allclose(tall.radii, 30)  # the maximum, in straight columns
    assert not any(s.any() for s in tall.label_sides)
    # a narrow window has no room beside the neurons for their values: they
    # give way (the tooltip has them) to staggered neurons big enough to read
    narrow = gl.layout_network([2, 8, 1], 0, 0, 150, 243, **kw)
    assert narrow.label_sides[1].any() and not narrow.value_labels[1]
    assert narrow.radii[1] >= gl.STAGGER_GAIN * gl.straight_radius(243 / 8, 20)
    assert short.value_labels[1] and tall.value_labels[1]


def test_staggered_neighbours_never_touch():
    # whatever the room, two neighbours of a staggered column keep 2r plus air
    for spacing in (12.0, 20.0, 24.3, 35.0, 60.0):
        for gap in (120.0, 180.0, 230.0, 400.0):
            for min_gap in (6.0, 9.0, 12.0):
                r, dx = gl.staggered_radius(spacing, gap, 50.0, min_gap)
                if r <= 0:
                    continue
                assert math.hypot(dx, spacing) >= 2 * r + max(gl.STAGGER_AIR * r, min_gap) - 1e-6
                assert 2 * spacing >= 2 * r + min_gap  # the same half column


def test_columns_keep_the_minimum_gap_at_every_size():
    kw = dict(max_spacing=170, max_radius=30, label_room=20)
    for layers in ([2, 8, 1], [2, 16, 1], [64, 32, 10], [2, 16, 16, 1], [2, 64, 64, 1]):
        for width, height in ((917, 400), (693, 250), (535, 170), (365, 200), (365, 120)):
            for min_gap in (6.0, 9.0):
                lay = gl.layout_network(layers, 0, 0, width, height, min_gap=min_gap,
                                        image_shape=gl.image_shape_for(layers[0]), **kw)
                for li, pos in enumerate(lay.positions):
                    r = lay.radii[li]
                    if len(pos) < 2 or r == 0:
                        continue
                    need = 2 * r + (min_gap if r > 1.5 else 0.0)  # dense dots: just apart
                    assert _min_distance(pos) >= need - 1e-6, (layers, width, height, li)


def test_outputs_name_their_classes():
    assert gl.output_classes(10, "softmax") == [str(k) for k in range(10)]
    assert gl.output_classes(3, "sigmoid", ["a", "b", "c"]) == ["a", "b", "c"]
    # a lone sigmoid output or regression outputs are no classes
    assert gl.output_classes(1, "sigmoid") == [] and gl.output_classes(2, "identity") == []
    assert gl.output_classes(3, "softmax", ["too", "few"]) == ["0", "1", "2"]


def test_class_tags_take_their_room_beside_the_outputs():
    kw = dict(max_spacing=170, max_radius=30, label_room=20, image_shape=(8, 8))
    bare = gl.layout_network([64, 32, 10], 12, 64, 668, 243, **kw)
    tagged = gl.layout_network([64, 32, 10], 12, 64, 668, 243, output_tag=25, **kw)
    gap = tagged.columns[2] - tagged.columns[1]
    out = tagged.positions[2]
    r = tagged.radii[2]
    # the value and the tag fit beside each neuron, inside the column
    assert np.all(np.abs(out[:, 0] - tagged.columns[2]) + 1.3 * r + 50 + 25 <= gap / 2 + 1e-6)
    assert tagged.radii[2] <= bare.radii[2]


def test_an_image_leaves_room_under_it_for_its_caption():
    lay = gl.layout_network([64, 32, 10], 0, 100, 600, 300, image_shape=(8, 8), image_note=60)
    x0, y0, w, h = lay.image_rect
    assert y0 >= 100 and y0 + h + 60 <= 400 + 1e-6


def test_lazy_segments_are_the_full_ones():
    from nnviz.core.model.graph_layout import EdgeSegments, edge_segments

    rng = np.random.default_rng(0)
    positions = [rng.random((n, 2)) for n in (3, 7, 5, 2)]
    full, lazy = edge_segments(positions), EdgeSegments(positions)
    assert len(lazy) == len(full) == 3 * 7 + 7 * 5 + 5 * 2
    idx = rng.integers(0, len(full), size=40)
    np.testing.assert_array_equal(lazy[idx], full[idx])
    np.testing.assert_array_equal(lazy[17], full[17])
