"""The activation gallery's numbers (:mod:`nnviz.core.model.activation_curves`) against
independent formulas: the curves, the slopes, softmax with the others fixed, a neuron's point."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnviz.core.lessons import load_lesson
from nnviz.core.model import activation_curves as ac
from nnviz.core.model.network import Network


def test_every_gallery_function_has_curves_and_formulas():
    for name in ac.GALLERY:
        c = ac.sample_curve(name, -3, 3, 61)
        assert c.net.shape == c.f.shape == c.df.shape == (61,)
        assert np.all(np.isfinite(c.f)) and np.all(np.isfinite(c.df))
        f_tex, df_tex = ac.FORMULAS[name]
        assert f_tex and df_tex


def test_sigmoid_tanh_relu_identity_against_their_formulas():
    net = np.linspace(-8, 8, 33)
    s = 1 / (1 + np.exp(-net))
    c = ac.sample_curve("sigmoid", -8, 8, 33)
    assert np.allclose(c.f, s) and np.allclose(c.df, s * (1 - s))
    # the sigmoid saturates: f' <= 1/4, at most at 0, nearly 0 far out
    assert c.df.max() == pytest.approx(0.25) and c.df[0] < 1e-3 and c.df[-1] < 1e-3
    c = ac.sample_curve("tanh", -8, 8, 33)
    assert np.allclose(c.f, np.tanh(net)) and np.allclose(c.df, 1 / np.cosh(net) ** 2)
    c = ac.sample_curve("relu", -8, 8, 33)
    assert np.array_equal(c.f, np.where(net > 0, net, 0.0)) and np.array_equal(c.df, (net > 0) * 1.0)
    c = ac.sample_curve("identity", -8, 8, 33)
    assert np.array_equal(c.f, net) and np.all(c.df == 1.0)


def test_the_step_has_zero_slope_everywhere_it_is_defined():
    c = ac.sample_curve("step", -2, 2, 41)
    assert set(np.unique(c.f)) == {-1.0, 1.0}
    assert np.all(c.df == 0.0)


def test_softmax_one_output_against_its_own_net_with_the_others_fixed():
    others = (0.5, -1.0)
    c = ac.sample_curve("softmax", -4, 4, 17, others=others)
    expected = np.exp(c.net) / (np.exp(c.net) + np.exp(0.5) + np.exp(-1.0))
    assert np.allclose(c.f, expected) and c.others == others
    # the slope against a finite difference of the curve
    h = 1e-6
    up = ac.sample_curve("softmax", -4 + h, 4 + h, 17, others=others).f
    down = ac.sample_curve("softmax", -4 - h, 4 - h, 17, others=others).f
    assert np.allclose(c.df, (up - down) / (2 * h), atol=1e-8)
    # huge net inputs do not overflow
    big = ac.sample_curve("softmax", 500, 1000, 3, others=(800.0,))
    assert np.all(np.isfinite(big.f)) and big.f[0] == pytest.approx(0.0) and big.f[-1] == pytest.approx(1.0)


def test_a_neurons_point_from_a_forward_pass():
    net = Network([2, 2, 1], ["tanh", "sigmoid"],
                  [np.array([[0.5, -1.0], [0.25, 2.0]]), np.array([[1.5], [-0.5]])],
                  [np.array([0.1, -0.2]), np.array([0.3])])
    x = np.array([1.0, -1.0])
    nets, outs = ac.forward_layers(net, x)
    hidden = x @ net.weights[0] + net.biases[0]
    p = ac.neuron_point(net.activations, nets, outs, 1, 1)
    assert p.name == "tanh" and p.net == pytest.approx(hidden[1])
    assert p.out == pytest.approx(math.tanh(hidden[1])) and p.slope == pytest.approx(1 - math.tanh(hidden[1]) ** 2)
    a = float(np.tanh(hidden) @ net.weights[1][:, 0] + net.biases[1][0])
    p = ac.neuron_point(net.activations, nets, outs, 2, 0)
    y = 1 / (1 + math.exp(-a))
    assert p.name == "sigmoid" and p.net == pytest.approx(a) and p.slope == pytest.approx(y * (1 - y))
    assert ac.neuron_point(net.activations, nets, outs, 0, 0) is None  # an input has no activation
    assert ac.neuron_point(net.activations, nets, outs, 2, 5) is None


def test_a_point_not_computed_yet_from_the_steppers_state():
    nets = [np.array([1.0, 0.0]), np.array([0.4, math.nan]), np.array([math.nan])]
    outs = [np.array([1.0, 0.0]), np.array([math.nan, math.nan]), np.array([math.nan])]
    p = ac.neuron_point(["sigmoid", "sigmoid"], nets, outs, 1, 0)
    assert p.net == 0.4 and math.isnan(p.out) and math.isnan(p.slope)  # net known, f(net) not yet
    assert ac.neuron_point(["sigmoid", "sigmoid"], nets, outs, 1, 1) is None


def test_a_softmax_output_carries_the_others_net_inputs():
    nets = [np.zeros(2), np.array([1.0, 2.0, -1.0])]
    e = np.exp(nets[1])
    outs = [np.zeros(2), e / e.sum()]
    p = ac.neuron_point(["softmax"], nets, outs, 1, 1)
    y = e[1] / e.sum()
    assert p.others == (1.0, -1.0) and p.out == pytest.approx(y) and p.slope == pytest.approx(y * (1 - y))


def test_the_activations_lesson_opens_the_gallery():
    lesson = load_lesson("activations")
    assert lesson.views == ["activations"] and lesson.mode == "mlp"
    assert lesson.title_in("es") and lesson.title_in("en") and lesson.text_in("es") != lesson.text_in("en")


def test_under_dropout_the_point_is_f_of_net_not_the_scaled_output():
    from nnviz.core.model.activation_curves import neuron_point

    nets = [np.array([0.0, 0.0]), np.array([-1.21, 0.4])]
    # the stepper's outputs after a dropout step: neuron 0 dropped, neuron 1 scaled by 1/(1 − p)
    sig = 1.0 / (1.0 + np.exp(-nets[1]))
    outs = [nets[0], np.array([0.0, sig[1] / 0.5])]
    for i in (0, 1):
        point = neuron_point(["sigmoid", "sigmoid"], nets, outs, 1, i)
        assert point.out == pytest.approx(sig[i], abs=1e-15)
        assert point.slope == pytest.approx(sig[i] * (1 - sig[i]), abs=1e-15)
