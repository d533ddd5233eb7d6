"""The slides' backprop engine against torch autograd, and its steps as a stepper reads them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnviz.core.errors import UserError
from nnviz.core.lecture.backprop import backprop_update, error_of, repeat_updates
from nnviz.core.lecture.torch_check import TORCH_SNIPPET, compare_with_trace, torch_update
from nnviz.core.model.network import Network

ACTS = ("identity", "sigmoid", "tanh", "relu")


def _random_net(rng: np.random.Generator, layers: list[int]) -> Network:
    acts = [str(rng.choice(ACTS)) for _ in layers[1:]]
    net = Network.initialised(layers, acts, seed=int(rng.integers(1 << 30)))
    # non-zero biases, so that frozen and free biases differ
    net.biases = [rng.normal(0, 0.5, b.shape) for b in net.biases]
    return net


ARCHITECTURES = [[1, 1], [3, 2], [2, 2, 2], [4, 5, 3], [2, 8, 8, 1], [3, 4, 5, 4, 2], [5, 3, 3, 3, 3, 2]]


@pytest.mark.parametrize("layers", ARCHITECTURES)
@pytest.mark.parametrize("freeze", [False, True])
def test_engine_equals_torch_autograd_and_sgd(layers, freeze):
    rng = np.random.default_rng(len(layers) * 100 + sum(layers) + freeze)
    for _ in range(4):
        net = _random_net(rng, layers)
        x = rng.normal(0, 1, layers[0])
        d = rng.normal(0, 1, layers[-1])
        eta = float(rng.uniform(0.01, 1.0))
        trace = backprop_update(net, x, d, eta, freeze_biases=freeze)
        ref = torch_update(net, x, d, eta, freeze_biases=freeze)
        assert math.isclose(trace.error, ref.error, rel_tol=0, abs_tol=1e-12)
        for ours, theirs in zip(trace.network_after.weights, ref.network.weights, strict=True):
            np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)
        for ours, theirs in zip(trace.network_after.biases, ref.network.biases, strict=True):
            np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)
        # Δω = -η ∂E/∂ω, and the deltas are -∂E/∂b
        for dw, grad in zip(trace.weight_increments, ref.weight_grads, strict=True):
            np.testing.assert_allclose(dw, -eta * grad, rtol=0, atol=1e-12)
        if not freeze:
            for li, grad in enumerate(ref.bias_grads):
                np.testing.assert_allclose(trace.deltas[li + 1], -grad, rtol=0, atol=1e-12)
        else:
            for b0, b1 in zip(net.biases, trace.network_after.biases, strict=True):
                np.testing.assert_array_equal(b0, b1)
        assert compare_with_trace(trace) < 1e-12


def test_every_activation_in_every_position_matches_torch():
    rng = np.random.default_rng(7)
    for a1 in ACTS:
        for a2 in ACTS:
            net = Network.initialised([3, 4, 2], [a1, a2], seed=3)
            net.biases = [rng.normal(0, 0.3, b.shape) for b in net.biases]
            x, d = rng.normal(0, 1, 3), rng.normal(0, 1, 2)
            assert compare_with_trace(backprop_update(net, x, d, 0.3)) < 1e-12


def test_relu_derivative_at_zero_is_zero_like_torch():
    # net input exactly 0 at the hidden neuron: both sides take f'(0) = 0
    net = Network([1, 1, 1], ["relu", "identity"], [[[1.0]], [[2.0]]], [[0.0], [0.5]])
    trace = backprop_update(net, [0.0], [3.0], 0.1)
    assert trace.net_inputs[1][0] == 0.0
    assert trace.deltas[1][0] == 0.0
    assert compare_with_trace(trace) < 1e-15


def test_both_granularities_give_identical_numbers():
    rng = np.random.default_rng(11)
    net = _random_net(rng, [3, 5, 4, 2])
    x, d = rng.normal(0, 1, 3), rng.normal(0, 1, 2)
    scalar = backprop_update(net, x, d, 0.5, granularity="scalar")
    layer = backprop_update(net, x, d, 0.5, granularity="layer")
    assert scalar.with_granularity("layer").steps[3].formula_id == layer.steps[3].formula_id
    # the same state at the end, bit for bit
    s_end, l_end = scalar.state_after(len(scalar) - 1), layer.state_after(len(layer) - 1)
    for a, b in zip(s_end.network.weights + s_end.network.biases,
                    l_end.network.weights + l_end.network.biases, strict=True):
        np.testing.assert_array_equal(a, b)
    for name in ("net_inputs", "outputs", "deltas", "weight_increments", "bias_increments"):
        for a, b in zip(getattr(s_end, name), getattr(l_end, name), strict=True):
            np.testing.assert_array_equal(a, b)
    assert s_end.error == l_end.error == scalar.error
    # each layer step's value is exactly its scalar steps' values
    for lstep in layer.steps:
        parts = [s for s in scalar.steps if s.sets[:2] == lstep.sets[:2] and s.formula_id == lstep.formula_id]
        if lstep.formula_id == "error":
            assert [s.value for s in parts] == [lstep.value]
            continue
        for s in parts:
            assert s.value == lstep.value[s.sets[2:]]
        if lstep.formula_id != "chain_rule":  # scalar: the derivation for ω_1k only
            assert len(parts) == np.size(lstep.value)
    # the phases and slide steps come in the same order
    order = [(s.slide_step, s.formula_id) for s in layer.steps]
    compact = [k for i, k in enumerate((s.slide_step, s.formula_id) for s in scalar.steps)
               if i == 0 or (scalar.steps[i - 1].slide_step, scalar.steps[i - 1].formula_id) != k]
    assert [k for k in compact if k[1] not in ("net", "out", "dw", "db", "w_update", "b_update")] == \
        [k for k in order if k[1] not in ("net", "out", "dw", "db", "w_update", "b_update")]


def test_steps_follow_the_slides_summary_in_order():
    net = Network.initialised([2, 3, 3, 2], "sigmoid", seed=1)
    trace = backprop_update(net, [0.5, -1.0], [0.0, 1.0], 0.5)
    slides = [s.slide_step for s in trace.steps]
    # forward (1, 2), error and output deltas (3), last layer (4, 5), then (6, 7) per hidden layer going back
    runs = [k for i, k in enumerate(slides) if i == 0 or slides[i - 1] != k]
    assert runs == [1, 2, 3, 4, 5, 6, 7, 6, 7]
    assert [s.phase for s in trace.steps if s.slide_step == 3][0] == "error"
    assert trace.steps_of_slide(3)[0].formula_id == "error"
    phases = {s.formula_id: s.phase for s in trace.steps}
    assert phases == {"net": "forward", "out": "forward", "error": "error", "chain_rule": "backward",
                      "delta_out": "backward",
                      "delta_hidden": "backward", "dw": "backward", "db": "backward",
                      "w_update": "update", "b_update": "update"}
    # frozen biases: no bias steps at all
    frozen = backprop_update(net, [0.5, -1.0], [0.0, 1.0], 0.5, freeze_biases=True)
    assert not [s for s in frozen.steps if s.formula_id in ("db", "b_update")]


def test_state_changes_exactly_when_its_formula_applies():
    rng = np.random.default_rng(5)
    net = _random_net(rng, [2, 3, 2])
    trace = backprop_update(net, [0.3, -0.7], [0.2, 0.9], 0.4)
    prev = trace.state_after(-1)
    assert np.array_equal(prev.outputs[0], trace.x)
    assert all(np.isnan(a).all() for a in prev.outputs[1:]) and math.isnan(prev.error)
    for i, step in enumerate(trace.steps):
        state = trace.state_after(i)
        assert state.is_known(step.sets) and not prev.is_known(step.sets) or step.sets[0] in ("w", "b", "chain")
        # everything but the step's own target is unchanged
        changed = _differences(prev, state)
        assert changed <= {step.sets}, (i, step.formula_id, changed)
        if not changed:  # an update by exactly zero (a ReLU neuron that is off), or the chain rule
            assert step.formula_id in ("w_update", "b_update", "chain_rule")
        prev = state
    # the end state is the update
    for a, b in zip(prev.network.weights, trace.network_after.weights, strict=True):
        np.testing.assert_array_equal(a, b)
    # stepping back rebuilds an earlier state bit for bit
    again = trace.state_after(3)
    np.testing.assert_array_equal(again.outputs[1], trace.state_after(3).outputs[1])
    with pytest.raises(IndexError):
        trace.state_after(len(trace))


def _differences(a, b) -> set:
    keys = set()
    pairs = {"net": (a.net_inputs, b.net_inputs), "out": (a.outputs, b.outputs), "delta": (a.deltas, b.deltas),
             "dw": (a.weight_increments, b.weight_increments), "db": (a.bias_increments, b.bias_increments),
             "w": (a.network.weights, b.network.weights), "b": (a.network.biases, b.network.biases)}
    for kind, (xs, ys) in pairs.items():
        for li, (x, y) in enumerate(zip(xs, ys, strict=True)):
            for idx in zip(*np.nonzero(~((x == y) | (np.isnan(x) & np.isnan(y)))), strict=True):
                keys.add((kind, li, *map(int, idx)))
    if not (a.error == b.error or (math.isnan(a.error) and math.isnan(b.error))):
        keys.add(("error",))
    return keys


def test_each_scalar_step_is_its_formula_on_the_values_known_before_it():
    """Recompute every value from the state before its step, as a student would by hand."""
    rng = np.random.default_rng(9)
    net = _random_net(rng, [3, 4, 3, 2])
    eta = 0.25
    trace = backprop_update(net, rng.normal(0, 1, 3), rng.normal(0, 1, 2), eta)
    w0 = trace.network_before.weights
    from nnviz.core.model.activations import get

    for i, step in enumerate(trace.steps):
        s = trace.state_after(i - 1)
        f, layer = step.formula_id, step.layer
        act = get(net.activations[layer - 1]) if layer > 0 else None
        if f == "net":
            (k,) = step.index_in_layer
            expect = sum(s.network.weights[layer - 1][j, k] * s.outputs[layer - 1][j]
                         for j in range(net.layers[layer - 1])) + s.network.biases[layer - 1][k]
        elif f == "out":
            (k,) = step.index_in_layer
            expect = act.f(np.array([s.net_inputs[layer][k]]))[0]
        elif f == "error":
            expect = 0.5 * sum((trace.d[k] - s.outputs[-1][k]) ** 2 for k in range(net.layers[-1]))
        elif f == "delta_out":
            (k,) = step.index_in_layer
            y = s.outputs[layer][k]
            expect = (trace.d[k] - y) * act.df(np.array([s.net_inputs[layer][k]]), np.array([y]))[0]
        elif f == "chain_rule":
            (k,) = step.index_in_layer
            y = s.outputs[layer][k]
            fprime = act.df(np.array([s.net_inputs[layer][k]]), np.array([y]))[0]
            expect = -(trace.d[k] - y) * fprime * s.outputs[layer - 1][0]
        elif f == "delta_hidden":
            (j,) = step.index_in_layer
            h = s.outputs[layer][j]
            total = sum(s.deltas[layer + 1][k] * w0[layer][j, k] for k in range(net.layers[layer + 1]))
            expect = act.df(np.array([s.net_inputs[layer][j]]), np.array([h]))[0] * total
            # the slides' point: the weights from before the update, which the state may have changed
        elif f == "dw":
            j, k = step.index_in_layer
            expect = eta * s.deltas[layer][k] * s.outputs[layer - 1][j]
        elif f == "db":
            (k,) = step.index_in_layer
            expect = eta * s.deltas[layer][k]
        elif f == "w_update":
            j, k = step.index_in_layer
            expect = s.network.weights[layer - 1][j, k] + s.weight_increments[layer - 1][j, k]
        else:
            (k,) = step.index_in_layer
            expect = s.network.biases[layer - 1][k] + s.bias_increments[layer - 1][k]
        assert math.isclose(step.value, expect, rel_tol=1e-13, abs_tol=1e-15), (i, f)


def test_hidden_deltas_use_the_weights_from_before_the_update():
    net = Network([1, 1, 1], ["identity", "identity"], [[[1.0]], [[2.0]]], [[0.0], [0.0]])
    trace = backprop_update(net, [1.0], [0.0], 0.5, freeze_biases=True)
    # y = 2, δ_y = -2; ω⁽²⁾ becomes 2 + 0.5·(-2)·1 = 1, but δ_h uses the old 2: -4
    assert trace.network_after.weights[1][0, 0] == 1.0
    assert trace.deltas[1][0] == -4.0
    step = next(s for s in trace.steps if s.formula_id == "delta_hidden")
    assert step.latex_numbers == r"\delta_{h_{1}} = (-2)\cdot 2 = (-4)"


def test_repeat_updates_equals_repeated_traces():
    rng = np.random.default_rng(2)
    net = _random_net(rng, [2, 3, 1])
    x, d = [0.2, 0.4], [0.7]
    stepwise = net
    for _ in range(5):
        stepwise = backprop_update(stepwise, x, d, 0.3).network_after
    fast = repeat_updates(net, x, d, 0.3, 5)
    for a, b in zip(stepwise.weights + stepwise.biases, fast.weights + fast.biases, strict=True):
        np.testing.assert_array_equal(a, b)
    assert error_of(fast, np.array(x), np.array(d)) < error_of(net, np.array(x), np.array(d))


def test_the_input_network_is_left_untouched():
    net = Network.initialised([2, 2, 1], "tanh", seed=4)
    before = [w.copy() for w in net.weights]
    backprop_update(net, [1, 2], [0.5], 0.5)
    for a, b in zip(before, net.weights, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(acts=["step", "sigmoid"]), "not differentiable"),
        (dict(acts=["sigmoid", "sign"]), "not differentiable"),
        (dict(acts=["softmax", "sigmoid"]), "softmax"),
        (dict(x=[1.0]), "input has 1 number but the network needs 2"),
        (dict(d=[1.0, 2.0, 3.0]), "target has 3 numbers but the network needs 2"),
        (dict(x=[1.0, float("nan")]), "not finite"),
        (dict(d=[float("inf"), 0.0]), "not finite"),
        (dict(eta=0.0), "positive finite"),
        (dict(eta=-0.1), "positive finite"),
        (dict(eta=float("inf")), "positive finite"),
        (dict(eta="fast"), "must be a number"),
        (dict(granularity="neuron"), "granularity"),
        (dict(lang="fr"), "language"),
    ],
)
def test_bad_input_is_refused_with_one_sentence(change, message):
    acts = change.pop("acts", ["sigmoid", "sigmoid"])
    net = Network.initialised([2, 3, 2], acts, seed=0)
    args = dict(x=[0.1, 0.2], d=[0.0, 1.0], eta=0.5, granularity="scalar", lang="es") | change
    with pytest.raises(UserError, match=message) as info:
        backprop_update(net, args["x"], args["d"], args["eta"], granularity=args["granularity"], lang=args["lang"])
    assert "\n" not in str(info.value)


def test_non_finite_weights_are_refused():
    net = Network.initialised([2, 2], "sigmoid", seed=0)
    net.weights[0][0, 0] = math.nan
    with pytest.raises(UserError, match="not finite"):
        backprop_update(net, [0, 0], [0, 0], 0.5)


def test_torch_snippet_is_the_slides_structure():
    for line in ("optimizer.zero_grad()", "loss.backward()", "optimizer.step()", "torch.optim.SGD"):
        assert line in TORCH_SNIPPET
