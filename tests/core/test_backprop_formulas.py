"""Every formula a step shows parses in matplotlib's mathtext, in both languages."""

from __future__ import annotations

import re

import numpy as np
import pytest

from nnviz.core.lecture.backprop import backprop_update
from nnviz.core.lecture.formulas import DELTA_OUT_BY_ACTIVATION, FORMULAS, STEP6_CONSISTENT, power
from nnviz.core.lecture.perceptron import perceptron_update
from nnviz.core.model.network import Network


@pytest.fixture(scope="module")
def parse():
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")

    def check(latex: str) -> None:
        assert r"\begin" not in latex and r"\tfrac" not in latex and r"\color" not in latex
        parser.parse(f"${latex}$")

    return check


def _traces():
    rng = np.random.default_rng(3)
    nets = [
        Network.initialised([2, 2, 2], ["sigmoid", "sigmoid"], seed=1),
        Network.initialised([3, 4, 3, 2], ["tanh", "relu", "identity"], seed=2),
        Network.initialised([10, 3, 1], ["relu", "sigmoid"], seed=3),  # two-digit indices, long sums
        Network.initialised([2, 1], ["identity"], seed=4),  # no hidden layer
    ]
    for net in nets:
        net.biases = [rng.normal(0, 1, b.shape) for b in net.biases]
        x = rng.normal(0, 1, net.layers[0])
        d = rng.normal(0, 1, net.layers[-1])
        for g in ("scalar", "layer"):
            yield backprop_update(net, x, d, 0.5, granularity=g)
    yield perceptron_update(Network([2, 1], ["step"], [[[0.5], [-0.3]]], [[0.1]]), [1.0, 2.0], [-1.0], 0.5)


def test_every_step_parses_in_mathtext(parse):
    for trace in _traces():
        for step in trace.steps:
            parse(step.latex)
            for lang in ("es", "en"):
                parse(step.numbers_in(lang))
                assert step.caption_in(lang).strip()


#: a superscript (or subscript) group followed by a second one on the same base
_DOUBLE_SCRIPT = re.compile(r"\^(?:\{[^{}]*\}|\\?\w+)(?:_(?:\{[^{}]*\}|\w))?\^|_(?:\{[^{}]*\}|\w)_")


def _deep_networks():
    """Random networks with 1 to 4 hidden layers of 1 to 3 neurons; the
    activations cycle so that each differentiable one appears."""
    rng = np.random.default_rng(11)
    acts = ["identity", "sigmoid", "tanh", "relu"]
    for depth in (1, 2, 3, 4):
        layers = [int(n) for n in rng.integers(1, 4, size=depth + 2)]
        names = [acts[(depth + i) % 4] for i in range(depth + 1)]
        net = Network.initialised(layers, names, seed=depth)
        net.biases = [rng.normal(0, 1, b.shape) for b in net.biases]
        yield net, rng.normal(0, 1, layers[0]), rng.normal(0, 1, layers[-1])


@pytest.mark.parametrize("granularity", ["scalar", "layer"])
def test_deep_networks_have_no_double_superscript(parse, granularity):
    seen = set()
    for net, x, d in _deep_networks():
        es, en = (backprop_update(net, x, d, 0.3, granularity=granularity, lang=lang) for lang in ("es", "en"))
        for a, b in zip(es.steps, en.steps, strict=True):
            seen.add(a.formula_id)
            assert a.latex == b.latex
            for text in (a.latex, a.latex_numbers, b.latex_numbers):
                assert not _DOUBLE_SCRIPT.search(text), text
                parse(text)
    assert seen == {"net", "out", "error", "chain_rule", "delta_out", "delta_hidden", "dw", "db", "w_update",
                    "b_update"}


def test_a_base_with_a_superscript_is_grouped_before_another():
    assert power("h^{(2)}_{1}", "2") == "{h^{(2)}_{1}}^{2}"
    assert power(r"\mathbf{h}^{(2)}", r"\top") == r"{\mathbf{h}^{(2)}}^{\top}"
    assert power("h_{1}", "2") == "h_{1}^{2}"
    assert power(r"\mathbf{x}", r"\top") == r"\mathbf{x}^{\top}"
    # a superscript inside braces belongs to an inner symbol
    assert power(r"\mathrm{net}_{h^{(2)}_{1}}", "2") == r"\mathrm{net}_{h^{(2)}_{1}}^{2}"


def test_two_hidden_layers_square_and_transpose_as_latex_allows(parse):
    net = Network.initialised([2, 3, 3, 2], ["tanh", "tanh", "sigmoid"], seed=0)
    scalar = backprop_update(net, [0.5, -0.3], [0.1, 0.9], 0.5)
    hidden = [s for s in scalar.steps if s.formula_id == "delta_hidden"]
    assert hidden[0].latex == (r"\delta_{h^{(2)}_{1}} = (1-{h^{(2)}_{1}}^{2})\,"
                               r"\sum_{k=1}^{2}\delta_{y_{k}}\,\omega^{(3)}_{1k}")
    assert hidden[-1].latex.startswith(r"\delta_{h^{(1)}_{3}} = (1-{h^{(1)}_{3}}^{2})\,")
    layer = backprop_update(net, [0.5, -0.3], [0.1, 0.9], 0.5, granularity="layer")
    dws = [s.latex for s in layer.steps if s.formula_id == "dw"]
    assert dws == [
        r"\Delta\mathbf{W}^{(3)} = \eta\,{\mathbf{h}^{(2)}}^{\top}\,\delta_{\mathbf{y}}",
        r"\Delta\mathbf{W}^{(2)} = \eta\,{\mathbf{h}^{(1)}}^{\top}\,\delta_{\mathbf{h}^{(2)}}",
        r"\Delta\mathbf{W}^{(1)} = \eta\,\mathbf{x}^{\top}\,\delta_{\mathbf{h}^{(1)}}",
    ]
    deltas = [s.latex for s in layer.steps if s.formula_id == "delta_hidden"]
    assert r"(1-{\mathbf{h}^{(1)}}^{2})" in deltas[-1]
    for text in (*dws, *deltas):
        parse(text)


def test_general_formulas_parse(parse):
    for formula in FORMULAS.values():
        parse(formula.latex)
        assert formula.title["es"] and formula.title["en"]
    for latex in DELTA_OUT_BY_ACTIVATION.values():
        parse(latex)
    parse(STEP6_CONSISTENT)


def test_spanish_uses_the_decimal_comma_and_negatives_in_parentheses():
    net = Network([1, 1], ["identity"], [[[0.5]]], [[-0.25]])
    trace = backprop_update(net, [1.5], [2.0], 0.1, lang="es")
    net_step = trace.steps[0]
    assert net_step.latex_numbers == r"\mathrm{net}_{y_{1}} = 0{,}5\cdot 1{,}5 + (-0{,}25) = 0{,}5"
    assert net_step.numbers_in("en") == r"\mathrm{net}_{y_{1}} = 0.5\cdot 1.5 + (-0.25) = 0.5"
    # a decimal point never appears between digits in Spanish
    for step in trace.steps:
        assert not re.search(r"\d\.\d", step.numbers_in("es"))
    layer = backprop_update(net, [1.5], [2.0], 0.1, granularity="layer", lang="es")
    assert r"\left(1{,}5\right)" in layer.steps[0].latex_numbers


def test_the_sigmoid_delta_is_written_as_on_the_slides():
    net = Network.initialised([2, 2, 1], "sigmoid", seed=0)
    trace = backprop_update(net, [0.1, 0.2], [1.0], 0.5, lang="en")
    step = next(s for s in trace.steps if s.formula_id == "delta_out")
    assert step.latex == r"\delta_{y_{1}} = (d_{1}-y_{1})\,y_{1}(1-y_{1})"
    hidden = next(s for s in trace.steps if s.formula_id == "delta_hidden")
    assert hidden.latex == r"\delta_{h_{1}} = h_{1}(1-h_{1})\,\sum_{k=1}^{1}\delta_{y_{k}}\,\omega^{(2)}_{1k}"
    assert "f′ = h₁(1 − h₁)" in hidden.caption_in("en")


def test_highlights_name_existing_neurons_and_edges():
    for trace in _traces():
        layers = trace.network_before.layers
        for step in trace.steps:
            for layer, i in step.neurons:
                assert 0 <= i < layers[layer]
            for wl, j, k in step.edges:
                assert 0 <= j < layers[wl] and 0 <= k < layers[wl + 1]
            if step.formula_id in ("dw", "w_update", "perceptron_w") and step.is_scalar:
                assert step.edges == ((step.sets[1], step.sets[2], step.sets[3]),)


def test_long_sums_are_shortened():
    net = Network.initialised([40, 2], "sigmoid", seed=0)
    trace = backprop_update(net, np.linspace(0, 1, 40), [0, 1], 0.5)
    assert r"\cdots" in trace.steps[0].latex_numbers
    assert trace.steps[0].latex_numbers.count(r"\cdot ") == 3  # two terms, ..., the last
    layer = backprop_update(net, np.linspace(0, 1, 40), [0, 1], 0.5, granularity="layer")
    assert len(layer.steps[0].latex_numbers) < 600


def test_to_dict_is_json_ready():
    import json

    trace = backprop_update(Network.initialised([2, 2, 1], "tanh", seed=0), [1, 0], [1], 0.5, granularity="layer")
    text = json.dumps([s.to_dict("en") for s in trace.steps])
    assert '"phase": "forward"' in text and '"slide_step": 7' in text
