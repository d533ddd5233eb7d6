"""The perceptron rule with the slides' step activation."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.errors import UserError
from nnviz.core.lecture.perceptron import decision_line, perceptron_update, train_perceptron
from nnviz.core.model.network import Network

CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def _neuron(w=(0.2, -0.4), b=0.1, act="step") -> Network:
    return Network([2, 1], [act], [[[w[0]], [w[1]]]], [[b]])


def test_one_update_is_the_rule_w_plus_eta_d_minus_y_x():
    # a = 0.2·1 - 0.4·1 + 0.1 = -0.1 < 0, so y = -1 while d = 1: d - y = 2
    trace = perceptron_update(_neuron(), [1.0, 1.0], [1.0], 0.5, lang="en")
    assert [s.formula_id for s in trace.steps] == [
        "perceptron_net", "perceptron_out", "perceptron_error", "perceptron_w", "perceptron_w", "perceptron_b"]
    assert [s.phase for s in trace.steps] == ["forward", "forward", "error", "update", "update", "update"]
    assert all(s.slide_step is None for s in trace.steps)
    assert [s.value for s in trace.steps] == pytest.approx([-0.1, -1.0, 2.0, 1.2, 0.6, 1.1])
    np.testing.assert_allclose(trace.network_after.weights[0][:, 0], [1.2, 0.6])
    assert trace.network_after.biases[0][0] == pytest.approx(1.1)
    assert trace.steps[3].latex == r"w_{1} \leftarrow w_{1} + \eta\,(d-y)\,x_{1}"
    assert trace.steps[3].latex_numbers == r"w_{1} \leftarrow 0.2 + 0.5\cdot 2\cdot 1 = 1.2"
    assert trace.steps[1].numbers_in("es") == r"y = f(-0{,}1) = (-1)"
    # the stepper can walk it like a backprop trace
    end = trace.state_after(len(trace) - 1)
    np.testing.assert_allclose(end.network.weights[0][:, 0], [1.2, 0.6])


def test_a_correct_answer_changes_nothing_and_a_equal_zero_counts_as_positive():
    # a = 0 exactly: f(0) = 1 (our choice), d = 1: no change
    trace = perceptron_update(_neuron((1.0, -1.0), 0.0), [1.0, 1.0], [1.0], 0.5)
    assert trace.steps[0].value == 0.0 and trace.steps[1].value == 1.0 and trace.steps[2].value == 0.0
    np.testing.assert_array_equal(trace.network_after.weights[0], trace.network_before.weights[0])


def test_converges_on_linearly_separable_data():
    run = train_perceptron(_neuron(), CORNERS, [-1, -1, -1, 1], eta=0.5, max_epochs=100)  # AND
    assert run.converged and run.mistakes[-1] == 0 and run.epochs == len(run.history) < 100
    y = np.where(CORNERS @ run.network.weights[0] + run.network.biases[0] >= 0, 1, -1).ravel()
    np.testing.assert_array_equal(y, [-1, -1, -1, 1])
    assert "converge en" in run.message("es") and "converges" in run.message("en")


def test_converges_on_a_generated_separable_cloud():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (200, 2))
    d = np.where(x[:, 0] + 2 * x[:, 1] - 0.3 > 0, 1.0, -1.0)
    keep = np.abs(x[:, 0] + 2 * x[:, 1] - 0.3) > 0.05  # a margin
    run = train_perceptron(_neuron(), x[keep], d[keep], eta=0.1, max_epochs=500)
    assert run.converged


def test_never_converges_on_xor():
    run = train_perceptron(_neuron(), CORNERS, [-1, 1, 1, -1], eta=0.5, max_epochs=300)
    assert not run.converged and run.epochs == 300
    assert min(run.mistakes) >= 1  # no line separates XOR: every epoch has a mistake
    assert "no converge en 300 épocas" in run.message("es")
    assert "does not converge in 300 epochs" in run.message("en")


def test_callback_can_stop_training():
    seen = []
    run = train_perceptron(_neuron(), CORNERS, [-1, 1, 1, -1], 0.5, 100,
                           callback=lambda e, m: seen.append((e, m)) or e < 3)
    assert run.epochs == 3 and len(seen) == 3 and not run.converged


def test_sign_activation_works_too_and_others_are_refused():
    trace = perceptron_update(_neuron(act="sign"), [1.0, 0.0], [1.0], 0.1)
    assert trace.steps[1].value == 1.0
    with pytest.raises(UserError, match="step"):
        perceptron_update(_neuron(act="sigmoid"), [1.0, 0.0], [1.0], 0.1)
    with pytest.raises(UserError, match="hidden"):
        perceptron_update(Network.initialised([2, 2, 1], "step"), [1.0, 0.0], [1.0], 0.1)
    with pytest.raises(UserError, match="1 or -1"):
        perceptron_update(_neuron(), [1.0, 0.0], [0.5], 0.1)
    with pytest.raises(UserError, match="positive finite"):
        perceptron_update(_neuron(), [1.0, 0.0], [1.0], 0.0)
    with pytest.raises(UserError, match="2 inputs"):
        train_perceptron(_neuron(), np.zeros((4, 3)), [1, 1, 1, 1])
    with pytest.raises(UserError, match="at least 1"):
        train_perceptron(_neuron(), CORNERS, [1, 1, 1, 1], max_epochs=0)


def test_decision_line_formula():
    assert decision_line(np.array([2.0, -1.5]), 0.5, "es") == r"0 = 2\,x_{1} + (-1{,}5)\,x_{2} + 0{,}5"
