"""View → Activation functions: the gallery of f and f′, the lesson that opens it, and the neuron
being stepped or hovered marked on its curves with the stepper's numbers or a forward pass's."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnviz.core.model import activation_curves as ac
from nnviz.gui.lecture.activation_gallery import ActivationGallery


def _neuron_point(view, layer, i):
    lay, _ = view._layout_for(view.width(), view.height())
    x, y = lay.positions[layer][i]
    return QPointF(float(x), float(y)).toPoint()


def test_every_function_shows_its_curves_formulas_and_text(qtbot):
    gallery = ActivationGallery()
    qtbot.addWidget(gallery)
    gallery.show()
    texts = set()
    for index, name in enumerate(ac.GALLERY):
        gallery.tabs.setCurrentIndex(index)  # as a click on its tab does
        assert gallery.current() == name
        x, f = gallery.f_curve.getData()
        _, df = gallery.df_curve.getData()
        expected = ac.sample_curve(name, x[0], x[-1], len(x))
        assert np.allclose(f, expected.f) and np.allclose(df, expected.df)
        assert gallery.f_formula.latex() == ac.FORMULAS[name][0]
        assert gallery.df_formula.latex() == ac.FORMULAS[name][1]
        texts.add(gallery.explanation.text())
    assert len(texts) == len(ac.GALLERY)
    gallery.tabs.setCurrentIndex(ac.GALLERY.index("step"))
    assert "cannot be trained by gradient" in gallery.explanation.text()
    gallery.tabs.setCurrentIndex(ac.GALLERY.index("sigmoid"))
    assert "1/4" in gallery.explanation.text() and "saturates" in gallery.explanation.text()
    gallery.tabs.setCurrentIndex(ac.GALLERY.index("softmax"))
    assert "fixed at" in gallery.caption.text()


def test_a_softmax_neuron_redraws_the_curve_with_its_others(qtbot):
    gallery = ActivationGallery()
    qtbot.addWidget(gallery)
    point = ac.curve_point("softmax", 1.0, others=(2.0, -1.0))
    gallery.set_point(point, "y<sub>2</sub>")
    assert gallery.current() == "softmax"
    x, f = gallery.f_curve.getData()
    assert np.allclose(f, np.exp(x) / (np.exp(x) + math.exp(2.0) + math.exp(-1.0)))
    (nx, ny), (sx, sy) = gallery.marks()
    y = math.exp(1.0) / (math.exp(1.0) + math.exp(2.0) + math.exp(-1.0))
    assert (nx, ny) == pytest.approx((1.0, y)) and (sx, sy) == pytest.approx((1.0, y * (1 - y)))
    assert "2.00" in gallery.caption.text() and "-1.00" in gallery.caption.text()


def test_the_lesson_opens_the_gallery_and_stepping_marks_each_neuron(window, qtbot):
    assert window.load_lesson("activations")
    dock = window._docks["activations"]
    assert dock.isVisible()
    gallery = window.activation_gallery
    walk = window.stepper.walk()
    step = window.stepper.action("step")
    checked = set()
    while not walk.at_end():
        step.trigger()
        s = walk.step()
        if s.sets[0] not in ("net", "out"):
            continue
        layer, k = s.sets[1], s.sets[2]
        state = walk.state()
        net = float(state.net_inputs[layer][k])
        name = walk.network().activations[layer - 1]
        assert gallery.current() == name
        assert gallery.f_net_line.isVisible() and gallery.f_net_line.value() == pytest.approx(net)
        on_f, on_df = gallery.marks()
        if s.sets[0] == "net":
            assert on_f is None and on_df is None  # f(net) not computed yet
        else:
            y = float(state.outputs[layer][k])
            slope = 1 - y * y if name == "tanh" else y * (1 - y)
            assert on_f == pytest.approx((net, y)) and on_df == pytest.approx((net, slope))
            checked.add((layer, k))
    assert checked == {(1, 0), (1, 1), (2, 0)}


def test_hovering_a_neuron_marks_it_from_a_forward_pass(window, qtbot):
    assert window.load_lesson("activations")
    window.stepper.action("step").trigger()  # the sample is on show
    view = window.network_view
    view.flush()
    gallery = window.activation_gallery
    x = window.model.activations[0]
    net = window.model.network
    hidden = x @ net.weights[0] + net.biases[0]
    a = float(np.tanh(hidden) @ net.weights[1][:, 0] + net.biases[1][0])
    with qtbot.waitSignal(view.neuronHovered, timeout=2000) as hovered:
        qtbot.mouseMove(view, _neuron_point(view, 2, 0))
    assert hovered.args == [2, 0]
    assert gallery.current() == "sigmoid"
    y = 1 / (1 + math.exp(-a))
    assert gallery.marks() == (pytest.approx((a, y)), pytest.approx((a, y * (1 - y))))
    assert "y<sub>1</sub>" in gallery.readout.text()
    qtbot.mouseMove(view, _neuron_point(view, 1, 1))
    assert gallery.current() == "tanh"
    assert gallery.marks()[0] == pytest.approx((hidden[1], math.tanh(hidden[1])))


def test_the_view_menu_shows_the_gallery(window, qtbot):
    act = window._docks["activations"].toggleViewAction()
    assert act in window.menu_view.actions() and act.text() == "Activation functions"
    assert not window._docks["activations"].isVisible()
    act.trigger()
    assert window._docks["activations"].isVisible()
    gallery = window.activation_gallery
    qtbot.mouseClick(gallery.tabs, Qt.MouseButton.LeftButton, pos=gallery.tabs.tabRect(3).center())
    assert gallery.current() == "relu"
