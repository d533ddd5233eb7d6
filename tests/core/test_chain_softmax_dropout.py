"""The chain rule as a step, softmax with cross-entropy, and dropout in one
stepped update: every number against torch autograd (float64) to 1e-12."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from nnviz.cli import main
from nnviz.core.errors import UserError
from nnviz.core.lecture.backprop import backprop_update, error_of
from nnviz.core.lecture.dropout import dropout_masks
from nnviz.core.lecture.lecture_renderer import chain_factors
from nnviz.core.lecture.stepping import BackpropWalk, slide_line
from nnviz.core.lecture.steps import PHASES
from nnviz.core.lecture.torch_check import compare_with_trace, torch_update
from nnviz.core.model.network import Network

TOL = 1e-12
_TORCH_ACT = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "identity": lambda a: a}


def _autograd(net: Network, x, d, masks=None):
    """∂E/∂y, ∂E/∂net and ∂E/∂W of the output layer, and every layer's
    ∂E/∂net, by torch autograd (float64); ``masks``: the fixed dropout masks."""
    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    h = torch.tensor(np.asarray(x, dtype=np.float64))
    dv = torch.tensor(np.asarray(d, dtype=np.float64))
    nets = []
    for li, (w, b, act) in enumerate(zip(ws, bs, net.activations, strict=True)):
        a = h @ w + b
        a.retain_grad()
        nets.append(a)
        if act == "softmax":
            y = torch.softmax(a, 0)
        else:
            y = _TORCH_ACT[act](a)
        if masks is not None and masks.masks[li + 1] is not None:
            y = y * torch.tensor(masks.masks[li + 1]) / (1.0 - masks.p)
        y.retain_grad()
        h = y
    loss = -(dv * torch.log(h)).sum() if net.activations[-1] == "softmax" else 0.5 * ((dv - h) ** 2).sum()
    loss.backward()
    return {
        "E": float(loss.detach()),
        "dE_dy": h.grad.numpy().copy(),
        "dE_dnet": [a.grad.numpy().copy() for a in nets],
        "dE_dW": ws[-1].grad.numpy().copy(),
        "y": h.detach().numpy().copy(),
    }


NETS = [
    ([2, 2, 2], ["sigmoid", "sigmoid"]),
    ([3, 4, 2], ["tanh", "tanh"]),
    ([2, 3, 2], ["relu", "identity"]),
    ([2, 3, 3], ["tanh", "softmax"]),
    ([2, 4, 3, 3], ["sigmoid", "relu", "softmax"]),
]


def _sample(layers, softmax, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, layers[0])
    if softmax:
        d = np.zeros(layers[-1])
        d[seed % layers[-1]] = 1.0
    else:
        d = rng.uniform(0, 1, layers[-1])
    return x, d


@pytest.mark.parametrize("layers, acts", NETS)
@pytest.mark.parametrize("granularity", ["scalar", "layer"])
def test_chain_rule_factors_and_product_equal_autograd(layers, acts, granularity):
    net = Network.initialised(layers, acts, seed=2)
    softmax = acts[-1] == "softmax"
    x, d = _sample(layers, softmax, seed=1)
    trace = backprop_update(net, x, d, 0.5, granularity=granularity, lang="en")
    ref = _autograd(net, x, d)
    chain = [s for s in trace.steps if s.formula_id == "chain_rule"]
    first_delta = next(s.index for s in trace.steps if s.formula_id == "delta_out")
    # the chain rule comes before the output δ appears, in the backward phase
    assert chain and all(s.index < first_delta for s in chain) and all(s.phase == "backward" for s in chain)
    h = trace.outputs[-2]
    for k in range(layers[-1]):
        fac = chain_factors(trace.data, k, 0)
        assert abs(fac["dE_dy"] - ref["dE_dy"][k]) < TOL
        assert abs(fac["dE_dnet"] - ref["dE_dnet"][-1][k]) < TOL
        if not softmax:  # the middle factor is f'(net_k): ∂E/∂net_k = ∂E/∂y_k · ∂y_k/∂net_k
            assert abs(fac["dE_dy"] * fac["dy_dnet"] - ref["dE_dnet"][-1][k]) < TOL
        assert abs(fac["dnet_dw"] - h[0]) < TOL
        assert abs(fac["dE_dw"] - ref["dE_dW"][0, k]) < TOL
        # δ_k is minus the product of the first two factors
        assert abs(trace.deltas[-1][k] + ref["dE_dnet"][-1][k]) < TOL
    if granularity == "scalar":
        assert len(chain) == layers[-1]
        for s in chain:
            (k,) = s.index_in_layer
            assert abs(s.value - ref["dE_dW"][0, k]) < TOL
    else:
        (step,) = chain
        np.testing.assert_allclose(step.value, ref["dE_dW"], rtol=0, atol=TOL)


def test_chain_rule_text_shows_each_factor_and_names_delta():
    net = Network([2, 2, 2], ["sigmoid", "sigmoid"], [np.array([[0.15, 0.25], [0.2, 0.3]]),
                                                      np.array([[0.4, 0.5], [0.45, 0.55]])],
                  [np.array([0.35, 0.35]), np.array([0.6, 0.6])])
    trace = backprop_update(net, [0.05, 0.1], [0.01, 0.99], 0.5, lang="en")
    step = next(s for s in trace.steps if s.formula_id == "chain_rule")
    fac = chain_factors(trace.data, 0, 0)
    text = step.numbers_in("en")
    for value in (fac["dE_dy"], fac["dy_dnet"], fac["dnet_dw"], fac["dE_dw"]):
        assert f"{value:.4g}" in text.replace("(-", "-").replace(")", ""), (value, text)
    assert r"\partial" in step.latex and r"-\delta_{y_{1}}\,h_{1}" in step.latex
    assert "δ = −∂E/∂net" in step.caption_in("en")
    assert step.sets[0] == "chain" and trace.state_after(step.index).is_known(step.sets)


@pytest.mark.parametrize("layers, acts", [n for n in NETS if n[1][-1] == "softmax"])
@pytest.mark.parametrize("granularity", ["scalar", "layer"])
def test_softmax_steps_equal_autograd(layers, acts, granularity):
    net = Network.initialised(layers, acts, seed=5)
    x, d = _sample(layers, True, seed=2)
    trace = backprop_update(net, x, d, 0.3, granularity=granularity)
    ref = _autograd(net, x, d)
    assert trace.loss == "cross_entropy"
    assert abs(trace.error - ref["E"]) < TOL
    np.testing.assert_allclose(trace.outputs[-1], ref["y"], rtol=0, atol=TOL)
    # δ = −∂E/∂net in every layer
    for li in range(1, len(layers)):
        np.testing.assert_allclose(trace.deltas[li], -ref["dE_dnet"][li - 1], rtol=0, atol=TOL)
    assert compare_with_trace(trace) < TOL
    assert all(s.phase in PHASES for s in trace.steps)
    # the error after: the same cross-entropy, with the updated network
    after = _autograd(trace.network_after, x, d)["E"]
    assert abs(trace.error_after() - after) < TOL
    assert abs(error_of(net, x, d) - ref["E"]) < TOL
    # each step's value
    by_id = {s.formula_id: s for s in trace.steps}
    assert by_id["error"].value == trace.error
    assert r"\log" in by_id["error"].latex and r"\exp(" in by_id["out"].numbers_in("en")


def test_softmax_scalar_steps_are_honest_about_every_net():
    """With softmax every y_k depends on every net: all nets of the output layer
    come before its first y, and the formula of each y shows every net."""
    net = Network.initialised([2, 3, 3], ["tanh", "softmax"], seed=1)
    trace = backprop_update(net, [0.2, -0.4], [0, 0, 1], 0.5, lang="en")
    out_layer = [s for s in trace.steps if s.layer == 2 and s.phase == "forward"]
    assert [s.formula_id for s in out_layer] == ["net"] * 3 + ["out"] * 3
    for s in out_layer[3:]:
        assert s.numbers_in("en").count(r"\exp(") == 4  # its own exp(net) over the sum of all three
        assert len(s.neurons) == 3  # the whole layer lights
    delta = next(s for s in trace.steps if s.formula_id == "delta_out")
    assert delta.latex == r"\delta_{y_{1}} = d_{1}-y_{1}"
    form, note = slide_line(delta, net.activations, "en")
    assert form == r"\delta_k = d_k-y_k" and "y" in note and "∂E/∂net" in note


def test_softmax_target_must_be_probabilities():
    net = Network.initialised([2, 3, 3], ["tanh", "softmax"], seed=1)
    with pytest.raises(UserError, match="probabilities that add up to 1"):
        backprop_update(net, [0.2, -0.4], [0, 1, 1], 0.5)
    with pytest.raises(UserError, match="softmax"):  # softmax in a hidden layer still cannot be stepped
        backprop_update(Network.initialised([2, 3, 3], ["softmax", "softmax"], seed=1), [0, 0], [0, 0, 1], 0.5)


def test_small_softmax_networks_open_in_the_stepper_and_big_ones_train():
    from nnviz.core.lessons import lesson_for_network

    assert lesson_for_network(Network.initialised([2, 3, 3], ["tanh", "softmax"]), "toy").mode == "mlp"
    digits = lesson_for_network(Network.initialised([64, 32, 10], ["relu", "softmax"]), "digits")
    assert digits.mode == "train" and digits.dataset().x.shape[1] == 64


def test_the_digits_network_can_be_stepped():
    net = Network.initialised([64, 32, 10], ["relu", "softmax"], seed=0)
    x, d = _sample([64, 32, 10], True, seed=3)
    trace = backprop_update(net, x, d, 0.1, granularity="layer")
    assert compare_with_trace(trace) < TOL


# ------------------------------------------------------------------ dropout
def test_same_seed_same_mask():
    a = dropout_masks([2, 6, 5, 1], 0.5, seed=7, update=3)
    b = dropout_masks([2, 6, 5, 1], 0.5, seed=7, update=3)
    assert a.masks[0] is None and a.masks[-1] is None
    for m, n in zip(a.masks[1:-1], b.masks[1:-1], strict=True):
        np.testing.assert_array_equal(m, n)
    others = [dropout_masks([2, 6, 5, 1], 0.5, seed=7, update=u) for u in range(4, 10)]
    assert any(not np.array_equal(o.masks[1], a.masks[1]) for o in others)
    assert [m.shape for m in a.as_bool([2, 6, 5, 1])] == [(2,), (6,), (5,), (1,)]
    with pytest.raises(UserError, match="less than 1"):
        dropout_masks([2, 3, 1], 1.0, 0)


@pytest.mark.parametrize("layers, acts", NETS)
@pytest.mark.parametrize("granularity", ["scalar", "layer"])
def test_dropout_update_equals_autograd_with_the_same_mask(layers, acts, granularity):
    net = Network.initialised(layers, acts, seed=4)
    softmax = acts[-1] == "softmax"
    x, d = _sample(layers, softmax, seed=4)
    masks = dropout_masks(layers, 0.5, seed=1, update=2)
    trace = backprop_update(net, x, d, 0.5, granularity=granularity, dropout=masks)
    ref = _autograd(net, x, d, masks)
    assert abs(trace.error - ref["E"]) < TOL
    for li in range(1, len(layers)):
        np.testing.assert_allclose(trace.deltas[li], -ref["dE_dnet"][li - 1], rtol=0, atol=TOL)
    theirs = torch_update(net, x, d, 0.5, dropout=masks)
    for a, b in zip(trace.network_after.weights + trace.network_after.biases,
                    theirs.network.weights + theirs.network.biases, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=TOL)
    for li in range(1, len(layers) - 1):
        dropped = masks.dropped(li)
        # h̃ = m h / (1 − p); dropped: delta 0, no increment into or out of it
        np.testing.assert_array_equal(trace.outputs[li], trace.data.raw(li) * masks.masks[li] / 0.5)
        assert all(trace.deltas[li][j] == 0 for j in dropped)
        assert np.all(trace.weight_increments[li][dropped, :] == 0)
        assert np.all(trace.weight_increments[li - 1][:, dropped] == 0)
    drop_steps = [s for s in trace.steps if s.formula_id == "dropout"]
    hidden = sum(layers[1:-1])
    assert len(drop_steps) == (hidden if granularity == "scalar" else len(layers) - 2)
    assert all(s.phase == "forward" for s in drop_steps)
    text = drop_steps[0].numbers_in("en")
    assert r"\tilde{" in drop_steps[0].latex and "1-0.5" in text


def test_walk_draws_one_mask_per_update_reproducibly():
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=0)
    xs, ds = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[1.0], [0.0]])
    a = BackpropWalk(net, xs, ds, 0.5, dropout=0.5, dropout_seed=3)
    b = BackpropWalk(net, xs, ds, 0.5, dropout=0.5, dropout_seed=3)
    for _ in range(4):
        np.testing.assert_array_equal(a.dropout_masks().masks[1], b.dropout_masks().masks[1])
        a.next_sample()
        b.next_sample()
    np.testing.assert_array_equal(a.network().weights[0], b.network().weights[0])
    # switched off: no masks, and the update in progress begins again
    a.forward()
    a.set_dropout(None)
    assert a.pos == -1 and a.dropout_masks() is None and a.dropout is None
    assert not any(s.formula_id == "dropout" for s in a.trace.steps)


# ------------------------------------------------------------ nnviz trace
SOFTMAX_NET = {
    "format": "nnviz-network", "version": 1, "layers": [2, 3, 3], "activations": ["sigmoid", "softmax"],
    "weights": [[[0.1, 0.2, -0.3], [0.4, -0.5, 0.6]], [[0.2, -0.1, 0.3], [0.5, 0.1, -0.2], [-0.4, 0.3, 0.2]]],
    "biases": [[0.1, 0.0, -0.1], [0.0, 0.1, -0.1]],
}


@pytest.mark.parametrize("fmt", ["json", "markdown", "latex"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_trace_steps_a_softmax_network_in_every_format(capsys, tmp_path, fmt, lang):
    path = tmp_path / "toy.nnviz.json"
    path.write_text(json.dumps(SOFTMAX_NET), encoding="utf-8")
    code = main(["trace", str(path), "--input", "0.5", "1", "--target", "0", "1", "0", "--format", fmt,
                 "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    net = Network([2, 3, 3], ["sigmoid", "softmax"], [np.array(w) for w in SOFTMAX_NET["weights"]],
                  [np.array(b) for b in SOFTMAX_NET["biases"]])
    ref = _autograd(net, [0.5, 1.0], [0.0, 1.0, 0.0])
    if fmt == "json":
        obj = json.loads(out)
        assert abs(obj["error_before"] - ref["E"]) < TOL
        ids = [s["formula_id"] for s in obj["steps"]]
        assert ids.index("chain_rule") < ids.index("delta_out")
        chain = [s for s in obj["steps"] if s["formula_id"] == "chain_rule"]
        assert [abs(c["value"] - ref["dE_dW"][0, k]) < TOL for k, c in enumerate(chain)] == [True] * 3
        return
    e = f"{ref['E']:.4g}"
    e = e.replace(".", "{,}") if lang == "es" else e
    assert f"= {e}" in out  # the cross-entropy with its number
    assert r"\log y_k" in out and r"\dfrac{\partial E}{\partial \omega^{(2)}_{11}}" in out
    assert "log_softmax" in out  # PyTorch's loss line for softmax
    if fmt == "latex":
        assert out.startswith(r"\documentclass") and "$$" not in out


def test_trace_with_dropout_shows_the_mask_and_agrees_with_torch(capsys, tmp_path):
    path = tmp_path / "toy.nnviz.json"
    path.write_text(json.dumps(SOFTMAX_NET), encoding="utf-8")
    args = ["trace", str(path), "--input", "0.5", "1", "--target", "0", "1", "0", "--format", "json",
            "--dropout", "0.5", "--dropout-seed", "1"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(args) == 0
    again = json.loads(capsys.readouterr().out)
    assert first["dropout"] == again["dropout"]  # the same seed, the same mask
    (mask,) = first["dropout"]["masks"]
    net = Network([2, 3, 3], ["sigmoid", "softmax"], [np.array(w) for w in SOFTMAX_NET["weights"]],
                  [np.array(b) for b in SOFTMAX_NET["biases"]])
    masks = dropout_masks(net.layers, 0.5, 1, 1)
    assert mask == masks.masks[1].tolist()
    theirs = torch_update(net, [0.5, 1.0], [0.0, 1.0, 0.0], 0.5, dropout=masks).network
    after = Network([2, 3, 3], ["sigmoid", "softmax"], [np.array(w) for w in first["network"]["weights"]],
                    [np.array(b) for b in first["network"]["biases"]])
    for a, b in zip(after.weights + after.biases, theirs.weights + theirs.biases, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=TOL)
    assert sum(s["formula_id"] == "dropout" for s in first["steps"]) == 3
    assert main([*args[:-4], "--dropout", "0.5", "--repeat", "2"]) == 2
    assert "--repeat" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["half", 1.0, -0.1, True, float("nan")])
def test_a_lesson_with_a_bad_dropout_is_refused_with_one_sentence(bad):
    from nnviz.core.lessons import parse_lesson

    obj = json.loads(json.dumps({"format": "nnviz-lesson", "version": 1, "mode": "mlp",
                                 "title": {"en": "t"}, "text": {"en": "t"},
                                 "network": {"layers": [2, 2, 1], "activations": ["tanh", "sigmoid"]},
                                 "data": {"kind": "points", "x": [[0, 0]], "y": [0]}, "stepper": {}}))
    obj["stepper"]["dropout"] = bad
    with pytest.raises(UserError, match="stepper.dropout") as info:
        parse_lesson(obj, "bad")
    assert "\n" not in str(info.value)
    obj["stepper"]["dropout"] = 0.25
    assert parse_lesson(obj, "good").stepper["dropout"] == 0.25


def test_switching_granularity_keeps_the_chain_rule_on_show():
    net = Network.initialised([2, 3, 2], ["sigmoid", "sigmoid"], seed=0)
    walk = BackpropWalk(net, np.array([[0.1, 0.2]]), np.array([[0.0, 1.0]]), 0.5)
    while walk.step() is None or walk.step().formula_id != "chain_rule":
        walk.forward()
    walk.set_granularity("layer")
    assert walk.step().formula_id == "chain_rule" and not walk.step().is_scalar
    walk.set_granularity("scalar")
    assert walk.step().formula_id == "chain_rule" and walk.step().index_in_layer == (1,)


def test_a_one_output_softmax_network_opens_in_training_mode():
    from nnviz.core.lessons import lesson_for_network
    from nnviz.core.model.network import Network

    # one softmax output is always 1: no class gives it a target the stepper could use
    net = Network.initialised([2, 2, 1], ["sigmoid", "softmax"], seed=0)
    lesson = lesson_for_network(net, "one.nnviz.json")
    assert lesson.mode == "train"
    lesson.dataset()  # and its data builds
    two = lesson_for_network(Network.initialised([2, 3, 3], ["sigmoid", "softmax"], seed=0), "three.nnviz.json")
    assert two.mode == "mlp"
