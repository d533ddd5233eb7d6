"""NetworkView as a user meets it: hover, click, type, undo, look at the pixels."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolTip

from nnviz.core.lecture.formulas import Notation
from nnviz.core.lessons import load_lesson
from nnviz.core.model.graph_layout import neuron_symbol
from nnviz.core.model.network import Network
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.neuron_painter import SYMBOL_MIN_PX
from nnviz.gui.network.view import NetworkView

WRAP = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


@pytest.fixture(autouse=True)
def _english_numbers():
    """Numbers here are written with a decimal point, whatever ran before."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def make_view(qtbot, net: Network, size=(1000, 640)) -> tuple[NetworkModel, NetworkView]:
    model = NetworkModel(net)
    view = NetworkView(model)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.flush()
    return model, view


@pytest.fixture
def xor(qtbot):
    net = load_lesson("mlp-xor").network
    return make_view(qtbot, net)


def pixel(img: QImage, pt: QPointF) -> tuple[int, int, int]:
    ratio = img.devicePixelRatio()
    c = img.pixelColor(round(pt.x() * ratio), round(pt.y() * ratio))
    return c.red(), c.green(), c.blue()


def grab(view: NetworkView) -> QImage:
    view.flush()
    return view.grab().toImage()


def _plain(html: str) -> str:
    """Rich-text sub/superscripts as the plain Unicode the stepper writes."""
    sub, sup = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,"), str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
    html = re.sub(r"<sup>([^<]*)</sup>", lambda m: m.group(1).translate(sup), html)
    return re.sub(r"<sub>([^<]*)</sub>", lambda m: m.group(1).translate(sub), html)


def test_tooltips_speak_the_slides_notation(xor):
    model, view = xor
    w = model.network.weights
    notation = Notation(model.network.layers)
    tip = view.tooltip_at(view.edge_point(0, 0, 1, 0.35))
    # the stepper's ω⁽¹⁾₁₂: the layer the weight leads into as a superscript
    assert f"ω<sup>(1)</sup><sub>12</sub> = {w[0][0, 1]:.4f}".replace("-", "\u2212") in tip  # a real minus
    assert _plain(tip).startswith(notation.plain_weight(0, 1, 2) + " = ")
    assert "from x<sub>1</sub> to h<sub>2</sub>" in tip
    tip = view.tooltip_at(view.edge_point(1, 1, 0, 0.5))
    assert f"ω<sup>(2)</sup><sub>21</sub> = {w[1][1, 0]:.4f}".replace("-", "\u2212") in tip
    assert _plain(tip).startswith(notation.plain_weight(1, 2, 1) + " = ")
    # neurons: no sample yet, then the output for the sample on show
    assert "no value" in view.tooltip_at(view.neuron_centre(1, 0))
    model.show_sample(np.array([1.0, 0.0]))
    view.flush()
    h = model.network.forward(np.array([1.0, 0.0]))[1]
    tip = view.tooltip_at(view.neuron_centre(1, 1))
    assert f"h<sub>2</sub> = {h[1]:.4f}" in tip
    assert f"b<sup>(1)</sup><sub>2</sub> = {model.network.biases[0][1]:.4f}".replace("-", "\u2212") in tip
    tip = view.tooltip_at(view.bias_point(2, 0))
    b = f"{model.network.biases[1][0]:.4f}".replace("-", "\u2212")
    assert f"b<sup>(2)</sup><sub>1</sub> = {b}" in tip and "bias of y<sub>1</sub>" in tip
    # the LaTeX the formula panel draws names the same bias b^{(2)}_{1}
    assert notation.bias(1, 1) == r"b^{(2)}_{1}"
    # nothing under an empty corner
    assert view.tooltip_at(QPointF(view.width() - 3, 60)) == ""
    # and Qt really shows it on a tooltip event
    pos = view.edge_point(0, 0, 1, 0.35).toPoint()
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, pos, view.mapToGlobal(pos)))
    assert "ω<sup>(1)</sup><sub>12</sub>" in QToolTip.text()
    QToolTip.hideText()


def test_click_an_edge_edit_in_place_then_undo_and_redo(xor, qtbot):
    model, view = xor
    old = float(model.network.weights[0][1, 0])
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.edge_point(0, 1, 0, 0.3).toPoint())
    assert view.is_editing()
    editor = view.editor()
    assert float(editor.text()) == pytest.approx(old, abs=1e-4)
    editor.selectAll()
    qtbot.keyClicks(editor, "0.25")
    with qtbot.waitSignal(model.weightsChanged):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not view.is_editing()
    assert model.network.weights[0][1, 0] == 0.25
    assert "0.2500" in view.tooltip_at(view.edge_point(0, 1, 0, 0.3))
    # the view has the focus back: Ctrl+Z undoes, Ctrl+Shift+Z redoes
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.network.weights[0][1, 0] == old
    qtbot.keyClick(view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert model.network.weights[0][1, 0] == 0.25


def test_esc_cancels_and_a_bad_number_is_refused(xor, qtbot):
    model, view = xor
    before = [w.copy() for w in model.network.weights]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.edge_point(1, 0, 0, 0.5).toPoint())
    editor = view.editor()
    editor.selectAll()
    qtbot.keyClicks(editor, "9")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not view.is_editing()
    assert all(np.array_equal(a, b) for a, b in zip(before, model.network.weights, strict=True))
    assert model.undo_stack.count() == 0
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.edge_point(1, 0, 0, 0.5).toPoint())
    editor.selectAll()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.is_editing()  # still open, nothing changed
    assert model.undo_stack.count() == 0
    # a decimal comma (Spanish) is fine
    editor.selectAll()
    qtbot.keyClicks(editor, "-0,5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert model.network.weights[1][0, 0] == -0.5


def test_click_a_bias_to_edit_it(xor, qtbot):
    model, view = xor
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.bias_point(1, 0).toPoint())
    assert view.is_editing()
    view.editor().selectAll()
    qtbot.keyClicks(view.editor(), "0.75")
    qtbot.keyClick(view.editor(), Qt.Key.Key_Enter)
    assert model.network.biases[0][0] == 0.75
    model.undo_stack.undo()
    assert model.network.biases[0][0] != 0.75


def test_click_a_neuron_selects_it_and_shows_its_values(xor, qtbot):
    model, view = xor
    model.show_sample(np.array([0.0, 1.0]))
    normal = grab(view)
    with qtbot.waitSignal(model.selectionChanged):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.neuron_centre(1, 0).toPoint())
    assert model.selection == (1, 0)
    assert "Selected h₁" in view.shown_note()
    selected = grab(view)
    # its edges stay in full colour, an unrelated edge is dimmed
    own = view.edge_point(0, 1, 0, 0.65)  # away from the value label at 0.3
    other = view.edge_point(0, 1, 1, 0.65)
    assert pixel(selected, own) == pixel(normal, own)
    assert pixel(selected, other) != pixel(normal, other)
    # clicking it again, or empty space, deselects
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.neuron_centre(1, 0).toPoint())
    assert model.selection == (-1, -1)


def test_highlight_lights_what_the_formula_uses_and_dims_the_rest(xor):
    model, view = xor
    normal = grab(view)
    lit, dim = view.edge_point(1, 0, 0, 0.5), view.edge_point(1, 1, 0, 0.5)
    view.set_highlight([(1, 0), (2, 0)], [(1, 0, 0)])
    assert view.highlighted() == ({(1, 0), (2, 0)}, {(1, 0, 0)})
    img = grab(view)
    bg = np.array(view.palette().color(QPalette.ColorRole.Base).getRgb()[:3])
    assert pixel(img, lit) == pixel(normal, lit)
    # the dimmed edge moved towards the background, yet stays visible
    d_before = np.abs(np.array(pixel(normal, dim)) - bg).sum()
    d_after = np.abs(np.array(pixel(img, dim)) - bg).sum()
    assert 0.15 * d_before < d_after < 0.6 * d_before
    view.clear_highlight()
    assert view.highlighted() == (set(), set())
    assert pixel(grab(view), dim) == pixel(normal, dim)


def test_positive_and_negative_weights_get_the_legends_colours(qtbot):
    net = Network([2, 1], ["identity"], [np.array([[0.9], [-0.9]])], [np.zeros(1)])
    model, view = make_view(qtbot, net)
    view.set_weight_scale(1.0)
    img = grab(view)
    pos_edge = pixel(img, view.edge_point(0, 0, 0, 0.4))
    neg_edge = pixel(img, view.edge_point(0, 1, 0, 0.4))
    assert pos_edge == pixel(img, view.legend_point(0.9))
    assert neg_edge == pixel(img, view.legend_point(-0.9))
    assert pos_edge != neg_edge
    # blue for positive, gold for negative
    assert pos_edge[2] > pos_edge[0] and neg_edge[0] > neg_edge[2]


def test_new_weights_recolour_without_new_geometry(xor, qtbot):
    model, view = xor
    pt = view.edge_point(0, 0, 0, 0.3)
    layout = view._layout
    w = [-x for x in model.network.weights]
    model.set_parameters(w, model.network.biases)
    img = grab(view)
    assert view._layout is layout
    assert pixel(img, pt) == pixel(img, view.legend_point(w[0][0, 0]))
    # a new architecture rebuilds the geometry
    model.set_network(Network.initialised([2, 8, 8, 1], "tanh", seed=1))
    grab(view)
    assert view._layout is not layout
    assert len(view._layout.positions) == 4


def test_a_closed_view_stops_following_its_model(xor, qtbot):
    """A closed graph no longer reacts to the model (the model outlives it: a
    preview window closed while the lesson goes on)."""
    model, view = xor
    view.close()
    colours = view._values.copy()
    model.set_parameters([-w for w in model.network.weights], model.network.biases)
    model.set_network(Network.initialised([2, 8, 8, 1], "tanh", seed=1))
    qtbot.wait(2 * 33 + 20)  # longer than the throttle
    assert not view._timer.isActive()
    assert np.array_equal(view._values, colours)
    assert len(view._layout.positions) == 3


def test_a_flood_of_updates_is_throttled(xor, qtbot, monkeypatch):
    model, view = xor
    calls = []
    original = view._recolour
    monkeypatch.setattr(view, "_recolour", lambda: (calls.append(1), original()))
    rng = np.random.default_rng(0)
    for _ in range(200):
        last = [rng.normal(size=w.shape) for w in model.network.weights]
        model.set_parameters(last, model.network.biases)
    assert len(calls) == 0  # nothing done inside the flood
    qtbot.waitUntil(lambda: len(calls) >= 1)
    assert len(calls) < 5
    assert np.array_equal(view._values[:4], last[0].ravel())


def test_weak_edges_hidden_and_colour_scale_fixed_or_following(xor):
    model, view = xor
    assert view.weight_scale() >= np.abs(model.network.weights[0]).max()
    view.set_weight_scale(2.0)
    assert view.weight_scale() == 2.0 and "fixed" in view._scale_note()
    view.set_weight_scale(None)
    assert "follows" in view._scale_note()
    smallest = min(np.abs(w).min() for w in model.network.weights)
    view.set_threshold(smallest + 1e-9)
    assert view.shown_edge_count() == model.network.n_edges - 1
    assert "hidden" in view.shown_note()


def test_big_network_is_drawn_compactly_with_receptive_fields(qtbot):
    net = Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=0)
    model, view = make_view(qtbot, net, (1400, 900))
    assert view.image_shape() == (28, 28)
    assert view.is_compact()
    assert view.shown_edge_count() == 1500
    assert "1500" in view.shown_note().replace(",", "").replace(".", "")
    assert "109184" in view.shown_note().replace(",", "").replace(".", "")
    model.show_sample(np.linspace(0, 1, 784))
    img, note = view.grid_image()
    assert img.width() == 28 and "28×28" in note
    # hovering a first-layer hidden neuron shows its weights in the grid
    # move from elsewhere first: an earlier test may have left the pointer here
    qtbot.mouseMove(view, QPoint(view.width() - 5, 5))
    qtbot.mouseMove(view, view.neuron_centre(1, 5).toPoint())
    qtbot.waitUntil(lambda: "h⁽¹⁾₆" in view.grid_image()[1])
    img, note = view.grid_image()
    col = net.weights[0][:, 5]
    strongest = int(np.argmax(col))
    r, c = divmod(strongest, 28)
    expected = view._colours.weight_colour(col[strongest], np.abs(col).max())
    assert img.pixelColor(c, r) == expected
    # a pixel's tooltip names the pixel and, with the field shown, its weight
    screen = grab(view)
    assert screen.width() > 0
    tip = view.tooltip_at(view.neuron_centre(0, strongest))
    assert f"row {r + 1}, column {c + 1}" in tip
    assert f"ω<sup>(1)</sup><sub>{strongest + 1},6</sub>" in tip
    qtbot.mouseMove(view, QPoint(view.width() - 5, 5))
    qtbot.waitUntil(lambda: "Input image" in view.grid_image()[1])


def test_dropout_mask_greys_the_neuron_and_fades_its_edges(xor):
    model, view = xor
    normal = grab(view)
    model.set_masks([np.zeros(2, bool), np.array([False, True]), np.zeros(1, bool)])
    img = grab(view)
    bg = np.array(view.palette().color(QPalette.ColorRole.Base).getRgb()[:3])
    faded, kept = view.edge_point(1, 1, 0, 0.5), view.edge_point(1, 0, 0, 0.5)
    assert pixel(img, kept) == pixel(normal, kept)
    assert np.abs(np.array(pixel(img, faded)) - bg).sum() < 0.4 * np.abs(
        np.array(pixel(normal, faded)) - bg).sum()
    # one mask per hidden layer only is understood too
    model.set_masks([np.array([False, True])])
    assert pixel(grab(view), faded) == pixel(img, faded)
    c = view.neuron_centre(1, 1)
    r = view._layout.radii[1]
    assert pixel(img, QPointF(c.x() + 0.6 * r, c.y() - 0.5 * r)) == view._colours.dropped.getRgb()[:3]
    assert "dropout" in view.tooltip_at(c)


def test_presentation_scale_and_palette(xor):
    model, view = xor
    r1 = view._layout_for(view.width(), view.height())[0].radii[1]
    view.set_scale(2.0)
    r2 = view._layout_for(view.width(), view.height())[0].radii[1]
    assert r2 > r1
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0))
    dark.setColor(QPalette.ColorRole.Text, QColor(255, 255, 255))
    view.setPalette(dark)
    assert pixel(grab(view), QPointF(view.width() - 3, 70)) == (0, 0, 0)


def test_a_short_view_at_presentation_scale_keeps_room_for_the_graph(qtbot):
    # the network dock at scale 2 on a 1600×900 projector: about 390 × 370 px
    net = Network.initialised([2, 16, 16, 1], ["relu", "relu", "sigmoid"], seed=0)
    model, view = make_view(qtbot, net, size=(390, 370))
    view.set_scale(2.0)
    lay = view._layout_for(view.width(), view.height())[0]
    ys = np.concatenate([pos[:, 1] for pos in lay.positions])
    assert ys.max() - ys.min() >= 0.3 * view.height()  # the graph, not a strip
    assert view.legend_scale(view.width(), view.height()) < 2.0  # the legend gave way
    assert view._legend_height(view.width(), view.height()) <= view.height() / 3 + 1
    # a tall view keeps the full scale for both
    assert view.legend_scale(1600, 1000) == 2.0 and view.caption_scale(1000) == 2.0


def test_export_png_and_svg(xor, tmp_path):
    model, view = xor
    png, svg = tmp_path / "net.png", tmp_path / "net.svg"
    view.export_image(png)
    img = QImage(str(png))
    assert img.width() == 2 * view.width() and img.height() == 2 * view.height()
    view.export_image(svg)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert len(list(root.iter("{http://www.w3.org/2000/svg}polyline"))) + len(
        list(root.iter("{http://www.w3.org/2000/svg}path"))) > 5
    with pytest.raises(OSError):
        view.export_image(tmp_path / "missing" / "net.png")


def test_perceptron_without_hidden_layer(qtbot):
    net = Network.initialised([2, 1], "step", seed=0)
    model, view = make_view(qtbot, net)
    # the perceptron stepper's names: w₁ and b, no layer to tell apart
    assert "w<sub>1</sub> = " in view.tooltip_at(view.edge_point(0, 0, 0, 0.5))
    assert "w<sub>2</sub> = " in view.tooltip_at(view.edge_point(0, 1, 0, 0.5))
    assert view.tooltip_at(view.bias_point(1, 0)).startswith("b = ")
    view.set_highlight([(0, 0)], [(0, 0, 0)])
    assert grab(view).width() > 0


def test_preview_runs_alone(tmp_path):
    out = tmp_path / "shot.png"
    subprocess.run(
        [sys.executable, "-m", "nnviz.gui.network.view", "2-8-8-1", "--grab", str(out)],
        check=True, timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert QImage(str(out)).width() > 100


def test_receptive_field_gallery_shows_and_selects_each_hidden_neuron(qtbot):
    from nnviz.gui.network.receptive_field import ReceptiveFieldGallery

    model = NetworkModel(Network.initialised([64, 12, 10], "sigmoid", seed=2))
    gallery = ReceptiveFieldGallery(model)
    qtbot.addWidget(gallery)
    gallery.resize(600, 400)
    gallery.show()
    assert gallery.shape() == (8, 8)
    rect = gallery.tile_rect(2)
    # the third tile: click it and h_3 of the first hidden layer is selected
    centre = rect.center().toPoint()
    assert gallery.tile_at(centre.x(), centre.y()) == 2
    with qtbot.waitSignal(model.selectionChanged):
        qtbot.mouseClick(gallery, Qt.MouseButton.LeftButton, pos=centre)
    assert model.selection == (1, 2)
    # the tile shows the weights into h_3 on their own scale
    img = gallery.grab().toImage()
    col = model.network.weights[0][:, 2]
    strongest = int(np.argmax(np.abs(col[:40])))  # top five rows: clear of the label
    r, c = divmod(strongest, 8)
    cell = rect.width() / 8
    at = QPointF(rect.left() + (c + 0.5) * cell, rect.top() + (r + 0.5) * cell)
    expected = gallery._colours.weight_colour(col[strongest], np.abs(col).max())
    assert img.pixelColor(at.toPoint()) == expected
    model.set_network(Network.initialised([2, 3, 1], "sigmoid", seed=0))
    assert gallery.shape() is None and gallery.tile_at(10, 40) == -1


def test_neurons_filled_by_their_output_on_the_grey_ramp(xor):
    model, view = xor
    model.show_sample(np.array([1.0, 0.0]))
    img = grab(view)
    outs = model.network.forward(np.array([1.0, 0.0]))
    r = view._layout.radii[1]
    fills = []
    for layer, i in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)]:
        c = view.neuron_centre(layer, i)
        at = QPointF(c.x(), c.y() - 0.8 * r)  # inside the circle, above the label
        expected = view._colours.activation_colour(outs[layer][i], 0.0, 1.0)
        assert pixel(img, at) == expected.getRgb()[:3]
        fills.append(pixel(img, at)[0])
    # x1 = 1 is darkest (most ink on a light theme), x2 = 0 is the background
    assert fills[0] < min(fills[1:]) and fills[1] == 255
    assert "Neuron output" in view._texts["output"]


def test_spanish_numbers_use_a_decimal_comma(xor, qtbot):
    model, view = xor
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
    w = model.network.weights[0][0, 1]
    tip = view.tooltip_at(view.edge_point(0, 0, 1, 0.35))
    assert f"{w:.4f}".replace(".", ",").replace("-", "\u2212") in tip
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.edge_point(0, 0, 1, 0.35).toPoint())
    assert view.editor().text() == f"{w:.4f}".replace(".", ",")
    model.network.weights[0][0, 1] = 0.123456  # more digits than the editor shows
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.edge_point(0, 0, 1, 0.35).toPoint())
    qtbot.keyClick(view.editor(), Qt.Key.Key_Return)  # untouched: the exact value stays
    assert model.network.weights[0][0, 1] == 0.123456
    assert model.undo_stack.count() == 0


def test_values_not_computed_yet_are_left_blank(xor):
    model, view = xor
    model.set_activations([np.array([1.0, 0.0]), np.array([0.6, 0.3]), np.array([np.nan])])
    img = grab(view)
    c = view.neuron_centre(2, 0)
    r = view._layout.radii[2]
    assert pixel(img, QPointF(c.x(), c.y() - 0.8 * r)) == view._colours.empty_fill.getRgb()[:3]
    assert "no value yet" in view.tooltip_at(c)
    assert "0.6000" in view.tooltip_at(view.neuron_centre(1, 0))


def test_weight_colours_keep_their_sign_across_palette_changes(qapp):
    from PySide6.QtGui import QPalette

    from nnviz.gui.network.legend import GraphColours
    from nnviz.gui.theme import high_contrast_palette

    first = GraphColours(QPalette())
    dark = GraphColours(high_contrast_palette())
    again = GraphColours(QPalette())
    # positive weights are blue in every theme, however many times colours are rebuilt
    for colours in (first, dark, again):
        top = colours.bin_rgb[-1].astype(int)
        assert top[2] > top[0], "the most positive bin must be blue"


def test_gallery_tiles_equal_the_single_neuron_images(qapp):
    from PySide6.QtGui import QPalette

    from nnviz.gui.network.legend import GraphColours
    from nnviz.gui.network.receptive_field import receptive_field_image, receptive_field_images

    colours = GraphColours(QPalette())
    w0 = np.random.default_rng(3).normal(size=(64, 5))
    w0[:, 4] = 0.0  # a dead neuron keeps a finite scale
    tiles = receptive_field_images(colours, w0, (8, 8))
    for j, (img, vmax) in enumerate(tiles):
        one, one_vmax = receptive_field_image(colours, w0, j, (8, 8))
        assert img == one and vmax == one_vmax


def test_digits_outputs_are_big_enough_to_read_with_values_beside(qtbot):
    """At 1600x900 the main window gives the graph about 692x447: the ten
    outputs are staggered, drawn big, filled by their value and labelled."""
    net = load_lesson("digits").network
    model, view = make_view(qtbot, net, size=(692, 447))
    x = np.linspace(0.0, 1.0, 64)
    model.show_sample(x)
    img = grab(view)
    outs = model.network.forward(x)
    lo, hi = view._act_range
    r = view._layout.radii[2]
    assert r >= 14
    for k in range(10):
        c = view.neuron_centre(2, k)
        expected = view._colours.activation_colour(outs[2][k], lo, hi)
        assert pixel(img, QPointF(c.x(), c.y() - 0.8 * r)) == expected.getRgb()[:3]
        # the value is written beside the neuron, outwards: dark text pixels there
        side = -1 if k % 2 == 0 else 1
        xs = [c.x() + side * (1.3 * r + 4 + d) for d in range(0, 30, 2)]
        ink = [sum(pixel(img, QPointF(px, c.y() + dy))) for px in xs for dy in (-3, 0, 3)]
        assert min(ink) < 300, k
    # the hover still finds each output neuron where it is drawn
    assert view.tooltip_at(view.neuron_centre(2, 9)).startswith("y<sub>10</sub>")


#: the network dock's size in the main window at 1920×1080, 1600×900 and
#: 1280×800, at scale 1 and 1.5 (measured with ``nnviz shot``)
DOCK_SIZES = {1.0: [(917, 577), (693, 447), (535, 369)], 1.5: [(917, 601), (602, 485), (365, 400)]}


@pytest.mark.parametrize("lesson", ["circles", "batch-size", "digits", "spiral", "mlp-xor", "overfitting"])
def test_no_two_neurons_of_a_column_overlap_on_common_screens(qtbot, lesson):
    net = load_lesson(lesson).network
    model, view = make_view(qtbot, net)
    x = np.linspace(0.0, 1.0, net.layers[0])
    for scale, sizes in DOCK_SIZES.items():
        view.set_scale(scale)
        for size in sizes:
            for sample in (False, True):
                model.show_sample(x) if sample else model.set_activations([])
                view.resize(*size)
                view.flush()
                lay = view._layout_for(view.width(), view.height())[0]
                for li, pos in enumerate(lay.positions):
                    r = float(lay.radii[li])
                    if r == 0 or len(pos) < 2:
                        continue
                    d = np.hypot(*(pos[:, None, :] - pos[None, :, :]).transpose(2, 0, 1))
                    np.fill_diagonal(d, np.inf)
                    air = 6 * scale if r >= 5 * scale else 0.0  # dots of a dense column: apart
                    assert d.min() >= 2 * r + air - 1e-6, (lesson, scale, size, li)
                    if li == 0 or r < 5 * scale:
                        continue
                    # no bias square sits on another neuron of the column
                    for k, (bx, by) in enumerate(pos):
                        box = view.bias_rect(li, k, bx, by, r)
                        others = np.delete(pos, k, axis=0)
                        nx = np.clip(others[:, 0], box.left(), box.right())
                        ny = np.clip(others[:, 1], box.top(), box.bottom())
                        assert np.hypot(nx - others[:, 0], ny - others[:, 1]).min() > r, (lesson, size, li, k)
                # what is drawn: every symbol at least SYMBOL_MIN_PX, or none
                for li in range(len(net.layers)):
                    r = float(lay.radii[li])
                    for i in range(net.layers[li]):
                        fit = view.symbol_fonts(neuron_symbol(net.layers, li, i), r)
                        assert fit is None or (fit[0] >= SYMBOL_MIN_PX and fit[2] <= 1.7 * r)


def test_neurons_too_small_to_read_their_symbol_leave_it_out(qtbot):
    # batch-size at 1920×1080: sixteen hidden neurons, about 8 px of radius
    net = load_lesson("batch-size").network
    model, view = make_view(qtbot, net, size=(917, 577))
    img = grab(view)
    lay = view._layout
    r = lay.radii[1]
    assert r < 12
    fill = view._colours.empty_fill.getRgb()[:3]
    for (x, y) in lay.positions[1]:
        inside = [pixel(img, QPointF(x + dx, y + dy)) for dx in np.linspace(-0.5 * r, 0.5 * r, 7)
                  for dy in np.linspace(-0.5 * r, 0.3 * r, 5)]
        assert all(px == fill for px in inside)  # no smudge of an h₁₆ in there
    # the big input and output neurons keep theirs: dark text pixels inside x₁
    x, y = lay.positions[0][0]
    ink = [sum(pixel(img, QPointF(x + dx, y + dy))) for dx in range(-8, 9, 2) for dy in range(-8, 9, 2)]
    assert min(ink) < 200


def test_presentation_scale_never_shrinks_the_text_below_scale_one(qtbot):
    # spiral in the 365×400 dock of a 1280×800 screen at scale 1.5
    net = load_lesson("spiral").network
    model, view = make_view(qtbot, net, size=(365, 400))
    model.show_sample(np.array([0.3, -0.2]))
    view.set_scale(1.5)
    w, h = view.width(), view.height()
    ls = view.legend_scale(w, h)
    assert ls >= 1.0
    assert view._legend.legend_font(view.font(), ls).pixelSize() >= 13  # its size at scale 1
    title, title_h, note, note_h, notes = view.caption_fonts(w, h)
    assert title.pixelSize() >= 18 and note.pixelSize() >= 13
    # the captions wrap inside their column instead: every line fits it
    lay = view._layout_for(w, h)[0]
    gap = lay.columns[1] - lay.columns[0]
    fm = QFontMetricsF(title)
    for text in (view._texts["input"], view._texts["output_layer"]):
        assert max(fm.horizontalAdvance(word) for word in text.split()) <= 0.94 * gap
        assert fm.boundingRect(QRectF(0, 0, 0.94 * gap, 1e4), WRAP, text).width() <= 0.94 * gap
    assert title_h >= 2 * fm.lineSpacing() - 1  # "Input / layer": two lines
    # ... and the graph below them still has room: a real column of neurons
    ys = np.concatenate([pos[:, 1] for pos in lay.positions])
    assert ys.max() - ys.min() >= 0.25 * h
    assert lay.positions[0][0][1] > title_h + note_h  # under the captions
    # at scale 1 in a wide view nothing changes: full size
    view.set_scale(1.0)
    view.resize(1000, 640)
    assert view.legend_scale(1000, 640) == 1.0 and view.caption_fonts(1000, 640)[0].pixelSize() == 18


def test_the_image_caption_stays_inside_the_view(qtbot):
    # digits at 1280×800, scale 1.5, high contrast: was cut on the left
    net = load_lesson("digits").network
    model, view = make_view(qtbot, net, size=(535, 392))
    view.set_scale(1.5)
    lay = view._layout_for(view.width(), view.height())[0]
    rect = view.grid_note_rect(view.width(), lay)
    font = QFont(view.font())
    font.setPixelSize(round(13 * 1.5))
    box = QFontMetricsF(font).boundingRect(rect, WRAP, view.grid_image()[1])
    assert box.left() >= 0 and box.right() <= view.width()
    # it is under the image and above the legend
    x0, y0, w, h = lay.image_rect
    assert box.top() >= y0 + h and box.bottom() <= view.height() - view._legend_height(view.width(), view.height())


def test_digit_outputs_say_which_class_they_stand_for(qtbot):
    net = load_lesson("digits").network
    model, view = make_view(qtbot, net, size=(692, 447))
    model.show_sample(np.linspace(0.0, 1.0, 64))
    assert view.class_names() == [str(k) for k in range(10)]
    img = grab(view)
    lay = view._layout
    r = lay.radii[2]
    for k in range(10):
        x, y = lay.positions[2][k]
        box = view.class_tag_rect(x, y, r, str(k), int(lay.label_sides[2][k]))
        # beside its neuron, clear of it, with ink (the digit) in the box
        assert abs(box.center().y() - y) < 1 and min(abs(box.left() - x), abs(box.right() - x)) > r
        ink = [sum(pixel(img, QPointF(box.center().x() + dx, box.center().y() + dy)))
               for dx in range(-3, 4) for dy in range(-4, 5)]
        assert min(ink) < 250, k
    # y₃ is the digit 2: its tooltip says so
    assert "stands for class 2" in view.tooltip_at(view.neuron_centre(2, 2))
    # a data set with its own class names is shown as named
    names = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
    with qtbot.waitSignal(model.outputNamesChanged):
        model.set_output_names(names)
    assert view.class_names() == names
    assert "stands for class dos" in view.tooltip_at(view.neuron_centre(2, 2))
    # a lone sigmoid output stands for no class: no tag
    xor = NetworkModel(load_lesson("mlp-xor").network)
    other = NetworkView(xor)
    qtbot.addWidget(other)
    assert other.class_names() == []


def test_the_input_image_is_black_ink_on_white(qtbot):
    net = load_lesson("digits").network
    model, view = make_view(qtbot, net, size=(692, 447))
    x = np.zeros(64)
    x[8 * 3 + 4] = 0.8  # the darkest pixel of this sample: full ink
    x[8 * 5 + 2] = 0.4  # half as dark: mid grey; the rest is blank paper
    model.show_sample(x)
    img = grab(view)
    x0, y0, w, h = view._layout.image_rect
    cell = w / 8

    def at(row: int, col: int) -> tuple[int, int, int]:
        return pixel(img, QPointF(x0 + (col + 0.5) * cell, y0 + (row + 0.5) * cell))

    assert at(3, 4) == (0, 0, 0)
    assert at(0, 0) == (255, 255, 255)
    assert abs(at(5, 2)[0] - 128) <= 1
    # the same on a dark theme: a digit is drawn as on paper
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0))
    dark.setColor(QPalette.ColorRole.Text, QColor(255, 255, 255))
    view.setPalette(dark)
    img = grab(view)
    assert at(3, 4) == (0, 0, 0) and at(0, 0) == (255, 255, 255)
