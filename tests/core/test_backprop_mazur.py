"""A published worked example reproduced to its printed digits.

Matt Mazur, "A Step by Step Backpropagation Example" (2015,
mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/): 2-2-2,
sigmoid, inputs 0.05 and 0.10, targets 0.01 and 0.99, η = 0.5, biases not
updated. It is the network of DESIGN.md's file example. His w1..w8 are
w1 = ω⁽¹⁾₁₁, w2 = ω⁽¹⁾₂₁, w3 = ω⁽¹⁾₁₂, w4 = ω⁽¹⁾₂₂ (i → h) and
w5 = ω⁽²⁾₁₁, w6 = ω⁽²⁾₂₁, w7 = ω⁽²⁾₁₂, w8 = ω⁽²⁾₂₂ (h → o).

Two of his printed figures come from his Python program rather than from the
hand computation, and that program computes the hidden deltas with the output
weights *already updated*: "after the first round of backpropagation the
total error is 0.291027924" and the outputs 0.015912196 / 0.984065734 after
10,000 rounds. The slides' update (and torch, and the post's own hand
computation, which says to use the original weights) gives 0.291027774; the
last test shows that the program's order explains his digits exactly.
"""

from __future__ import annotations

import numpy as np

from nnviz.core.lecture.backprop import backprop_update, error_of, repeat_updates
from nnviz.core.lecture.torch_check import compare_with_trace
from nnviz.core.model.network import Network, parse_network

MAZUR = {
    "format": "nnviz-network",
    "version": 1,
    "layers": [2, 2, 2],
    "activations": ["sigmoid", "sigmoid"],
    "weights": [[[0.15, 0.25], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]],
    "biases": [[0.35, 0.35], [0.60, 0.60]],
}
X, D, ETA = np.array([0.05, 0.10]), np.array([0.01, 0.99]), 0.5


def _net() -> Network:
    return parse_network(MAZUR)


def _printed(value: float, digits: int) -> float:
    return round(value, digits)


def test_forward_pass_and_total_error():
    trace = backprop_update(_net(), X, D, ETA, freeze_biases=True)
    assert _printed(trace.net_inputs[1][0], 4) == 0.3775
    assert _printed(trace.outputs[1][0], 9) == 0.593269992
    assert _printed(trace.outputs[1][1], 9) == 0.596884378
    assert _printed(trace.net_inputs[2][0], 9) == 1.105905967
    assert _printed(trace.outputs[2][0], 8) == 0.75136507
    assert _printed(trace.outputs[2][1], 9) == 0.772928465
    assert _printed(trace.error, 9) == 0.298371109
    error_step = trace.steps_of_slide(3)[0]
    assert error_step.formula_id == "error" and error_step.value == trace.error


def test_updated_weights():
    after = backprop_update(_net(), X, D, ETA, freeze_biases=True).network_after
    w1, w2 = after.weights
    assert _printed(w2[0, 0], 8) == 0.35891648  # w5
    assert _printed(w2[1, 0], 9) == 0.408666186  # w6
    assert _printed(w2[0, 1], 8) == 0.51130127  # w7 (printed 0.511301270)
    assert _printed(w2[1, 1], 9) == 0.561370121  # w8
    assert _printed(w1[0, 0], 9) == 0.149780716  # w1
    assert _printed(w1[1, 0], 8) == 0.19956143  # w2
    assert _printed(w1[0, 1], 8) == 0.24975114  # w3
    assert _printed(w1[1, 1], 8) == 0.29950229  # w4
    np.testing.assert_array_equal(after.biases[0], [0.35, 0.35])
    np.testing.assert_array_equal(after.biases[1], [0.60, 0.60])


def test_intermediate_derivatives():
    trace = backprop_update(_net(), X, D, ETA, freeze_biases=True)
    # ∂E/∂w5 = 0.082167041 = -Δw5/η
    assert _printed(-trace.weight_increments[1][0, 0] / ETA, 9) == 0.082167041
    # ∂E/∂w1 = 0.000438568
    assert _printed(-trace.weight_increments[0][0, 0] / ETA, 9) == 0.000438568
    assert compare_with_trace(trace) < 1e-15


def test_error_after_ten_thousand_rounds():
    # "repeating this process 10,000 times ... the error plummets to
    # 0.0000351085": the error measured in the 10,000th round, i.e. before
    # its update (after 9,999 updates)
    net = repeat_updates(_net(), X, D, ETA, 9999, freeze_biases=True)
    assert _printed(error_of(net, X, D), 10) == 0.0000351085


def test_the_posts_program_order_explains_its_other_digits():
    """Hidden deltas computed with the updated output weights (not the slides' rule)."""

    def sig(a):
        return 1.0 / (1.0 + np.exp(-a))

    w1, w2 = (np.array(w) for w in MAZUR["weights"])
    b1, b2 = (np.array(b) for b in MAZUR["biases"])
    errors = []
    for _ in range(10000):
        h = sig(X @ w1 + b1)
        y = sig(h @ w2 + b2)
        errors.append(0.5 * np.sum((D - y) ** 2))
        dy = (D - y) * y * (1 - y)
        w2 = w2 + ETA * np.outer(h, dy)
        dh = h * (1 - h) * (w2 @ dy)  # w2 already updated
        w1 = w1 + ETA * np.outer(X, dh)
    y = sig(sig(X @ w1 + b1) @ w2 + b2)
    assert _printed(errors[1], 9) == 0.291027924
    assert _printed(y[0], 9) == 0.015912196 and _printed(y[1], 9) == 0.984065734
    # while the slides' update gives
    first = backprop_update(_net(), X, D, ETA, freeze_biases=True)
    assert _printed(first.error_after(), 9) == 0.291027774
