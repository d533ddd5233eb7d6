"""The slides' formulas as LaTeX (matplotlib mathtext) with captions in es/en.

:data:`FORMULAS` holds each formula of the backprop summary and of the
perceptron rule in the slides' general notation. :class:`BackpropRenderer`
writes one step of :mod:`nnviz.core.lecture.backprop` with its concrete indices, and
with its numbers substituted.

The LaTeX parses in mathtext (no ``cases``, ``\\color``, ``\\tfrac``; see
FACTS.md) and compiles in LaTeX with amsmath. Numbers follow
:func:`nnviz.core.lecture.latex_numbers.format_number`: negatives in parentheses, the
decimal comma ``0{,}5`` in Spanish, where list items are separated by ``;``.

Concrete notation: neurons are x_i (input), h_j (hidden; h^{(l)}_j when there
are several hidden layers) and y_k (output), 1-based; the weights and biases
into layer l carry a superscript, ω^{(l)}_{jk}, b^{(l)}_k, because ω_{11}
alone would not say which layer it belongs to. net_{h_1} is the net input
(weighted sum plus bias) of neuron h_1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from nnviz.core.lecture.latex_numbers import format_number
from nnviz.core.model.activations import get

if TYPE_CHECKING:
    from nnviz.core.lecture._trace_arrays import TraceArrays
    from nnviz.core.lecture.steps import Step

#: activation names for captions
ACTIVATION_NAMES: dict[str, dict[str, str]] = {
    "identity": {"es": "identidad", "en": "identity"},
    "sigmoid": {"es": "sigmoide", "en": "sigmoid"},
    "tanh": {"es": "tangente hiperbólica", "en": "hyperbolic tangent"},
    "relu": {"es": "ReLU", "en": "ReLU"},
    "step": {"es": "escalón", "en": "step"},
    "sign": {"es": "signo", "en": "sign"},
    "softmax": {"es": "softmax", "en": "softmax"},
}


@dataclass(frozen=True)
class Formula:
    """A formula of the slides in their general notation."""

    id: str
    latex: str
    title: dict[str, str]


FORMULAS: dict[str, Formula] = {
    f.id: f
    for f in (
        Formula("net", r"\mathrm{net}_j = \sum_{i=1}^{n}\omega_{ij}\,x_i + b_j",
                {"es": "Entrada neta: suma ponderada más el sesgo", "en": "Net input: weighted sum plus bias"}),
        Formula("out", r"h_j = f(\mathrm{net}_j)",
                {"es": "Salida de la neurona", "en": "Output of the neuron"}),
        Formula("error", r"E = \dfrac{1}{2}\sum_{k=1}^{m}(d_k-y_k)^2",
                {"es": "Error cuadrático", "en": "Squared error"}),
        Formula("delta_out", r"\delta_k = (d_k-y_k)\,f'(\mathrm{net}_k)",
                {"es": "Delta de una neurona de salida", "en": "Delta of an output neuron"}),
        Formula("delta_hidden", r"\delta_j = f'(\mathrm{net}_j)\sum_{k=1}^{m}\delta_k\,\omega_{jk}",
                {"es": "Delta de una neurona oculta", "en": "Delta of a hidden neuron"}),
        Formula("dw", r"\Delta\omega_{jk} = \eta\,\delta_k\,h_j",
                {"es": "Incremento de un peso", "en": "Increment of a weight"}),
        Formula("db", r"\Delta b_k = \eta\,\delta_k",
                {"es": "Incremento de un sesgo", "en": "Increment of a bias"}),
        Formula("w_update", r"\omega_{jk} \leftarrow \omega_{jk} + \Delta\omega_{jk}",
                {"es": "Actualización de un peso", "en": "Update of a weight"}),
        Formula("b_update", r"b_k \leftarrow b_k + \Delta b_k",
                {"es": "Actualización de un sesgo", "en": "Update of a bias"}),
        Formula("perceptron_net", r"a = \sum_{i=1}^{n} w_i\,x_i + b",
                {"es": "Entrada neta del perceptrón", "en": "Net input of the perceptron"}),
        Formula("perceptron_out", r"y = f(a)",
                {"es": "Salida con la función escalón", "en": "Output with the step function"}),
        Formula("perceptron_error", r"d - y",
                {"es": "Error de la neurona", "en": "Error of the neuron"}),
        Formula("perceptron_w", r"w_i \leftarrow w_i + \eta\,(d-y)\,x_i",
                {"es": "Regla del perceptrón: pesos", "en": "Perceptron rule: weights"}),
        Formula("perceptron_b", r"b \leftarrow b + \eta\,(d-y)",
                {"es": "Regla del perceptrón: sesgo", "en": "Perceptron rule: bias"}),
    )
}

#: the output delta as the slides write it for each activation
DELTA_OUT_BY_ACTIVATION: dict[str, str] = {
    "identity": r"\delta_k = d_k-y_k",
    "sigmoid": r"\delta_k = (d_k-y_k)\,y_k(1-y_k)",
    "tanh": r"\delta_k = (d_k-y_k)\,(1-y_k^2)",
    "relu": r"\delta_k = (d_k-y_k)\,f'(\mathrm{net}_k)",
}

#: the slides' step 6 in their own index convention (ω_jk from j to k)
STEP6_CONSISTENT = r"\Delta\omega_{ij} = \eta\,h_j(1-h_j)\,x_i\sum_{k=1}^{m}\delta_k\,\omega_{jk}"


# ----------------------------------------------------------- number helpers
def num(value: float, lang: str, digits: int) -> str:
    return format_number(float(value), lang, digits)


def list_sep(lang: str) -> str:
    """Separator of list items: ``;`` in Spanish, where ``,`` is the decimal mark."""
    return r";\ " if lang == "es" else r",\ "


def vec(values: np.ndarray, lang: str, digits: int, max_items: int = 6) -> str:
    items = [v if isinstance(v, str) else num(v, lang, digits)
             for v in _cut(list(values), max_items, r"\ldots")]
    return r"\left(" + list_sep(lang).join(items) + r"\right)"


def mat(values: np.ndarray, lang: str, digits: int, max_rows: int = 4, max_cols: int = 4) -> str:
    rows = [
        r"\ \ ".join(num(v, lang, digits) if not isinstance(v, str) else v
                     for v in _cut(list(row), max_cols, r"\cdots"))
        for row in values[: max_rows if values.shape[0] <= max_rows else 3]
    ]
    if values.shape[0] > max_rows:
        rows.append(r"\vdots")
    body = rows[-1]
    for row in reversed(rows[:-1]):
        body = r"\genfrac{}{}{0}{0}{" + row + "}{" + body + "}"
    return r"\left[" + body + r"\right]"


def _cut(items: list, limit: int, ellipsis: str) -> list:
    if len(items) <= limit:
        return items
    return [*items[:3], ellipsis, items[-1]]


def sum_terms(n: int, term: Callable[[int], str], max_terms: int = 5) -> str:
    """``term(0) + term(1) + ...``; a long sum keeps its first two terms and the
    last, and only the shown terms are formatted."""
    if n > max_terms:
        return " + ".join([term(0), term(1), r"\cdots", term(n - 1)])
    return " + ".join(term(i) for i in range(n))


def power(base: str, exponent: str) -> str:
    """``base^{exponent}``, the base grouped when it already carries a superscript.

    ``h^{(2)}_{1}`` squared is ``{h^{(2)}_{1}}^{2}`` and ``\\mathbf{h}^{(2)}``
    transposed is ``{\\mathbf{h}^{(2)}}^{\\top}``: a second superscript on the
    same base (``h^{(2)}_{1}^2``) is an error in mathtext and in LaTeX. A base
    without one keeps its scripts stacked: ``h_{1}^{2}``.
    """
    return f"{{{base}}}^{{{exponent}}}" if has_superscript(base) else f"{base}^{{{exponent}}}"


def has_superscript(latex: str) -> bool:
    """Whether ``latex`` (one symbol) has a superscript at its top level,
    outside braces: one more ``^`` on it would be a double superscript."""
    depth = 0
    for c in latex:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "^" and depth == 0:
            return True
    return False


def sub(*indices: object) -> str:
    """Subscript of several indices: ``12`` or, with a two-digit one, ``1,12``."""
    parts = [str(i) for i in indices]
    return ("," if any(len(p) > 1 for p in parts) else "").join(parts)


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


class Notation:
    """Symbols of a network's neurons, weights and biases (see the module doc)."""

    def __init__(self, layers: Sequence[int]) -> None:
        self.layers = list(layers)
        self.n_w = len(self.layers) - 1

    def letter(self, layer: int) -> str:
        return "i" if layer == 0 else "k" if layer == self.n_w else "j"

    def _base(self, layer: int) -> tuple[str, str]:
        if layer == 0:
            return "x", ""
        if layer == self.n_w:
            return "y", ""
        return "h", (f"^{{({layer})}}" if self.n_w > 2 else "")

    def symbol_parts(self, layer: int) -> tuple[str, str]:
        """The letter of ``layer``'s neurons and its superscript: ("h", "^{(2)}")."""
        return self._base(layer)

    def neuron(self, layer: int, idx: object) -> str:
        """``x_{1}``, ``h_{2}``, ``h^{(2)}_{1}``, ``y_{k}``; ``idx`` is shown as given."""
        base, sup = self._base(layer)
        return f"{base}{sup}_{{{idx}}}"

    def vector(self, layer: int) -> str:
        base, sup = self._base(layer)
        return rf"\mathbf{{{base}}}{sup}"

    def weight(self, wl: int, j: object, k: object) -> str:
        """ω^{(l+1)}_{jk}: weight layer ``wl`` = l (0-based), shown 1-based as its target layer."""
        return rf"\omega^{{({wl + 1})}}_{{{sub(j, k)}}}"

    def bias(self, wl: int, k: object) -> str:
        return rf"b^{{({wl + 1})}}_{{{k}}}"

    def net(self, layer: int, idx: object) -> str:
        return rf"\mathrm{{net}}_{{{self.neuron(layer, idx)}}}"

    def delta(self, layer: int, idx: object) -> str:
        return rf"\delta_{{{self.neuron(layer, idx)}}}"

    def plain(self, layer: int, idx: int) -> str:
        """The neuron's name as plain text for captions: ``h₁``, ``h⁽²⁾₁``."""
        base, sup = self._base(layer)
        sup_txt = f"({layer})".translate(_SUP) if sup else ""
        return f"{base}{sup_txt}{str(idx).translate(_SUB)}"

    def vector_plain(self, layer: int) -> str:
        base, sup = self._base(layer)
        return base + (f"({layer})".translate(_SUP) if sup else "")

    def plain_weight(self, wl: int, j: int, k: int) -> str:
        return f"ω{f'({wl + 1})'.translate(_SUP)}{sub(j, k).translate(_SUB)}"

    def layer_name(self, layer: int, lang: str) -> str:
        """The layer as a noun phrase: "la capa de salida", "hidden layer 2"."""
        if layer == 0:
            return {"es": "la capa de entrada", "en": "the input layer"}[lang]
        if layer == self.n_w:
            return {"es": "la capa de salida", "en": "the output layer"}[lang]
        if self.n_w > 2:
            return {"es": f"la capa oculta {layer}", "en": f"hidden layer {layer}"}[lang]
        return {"es": "la capa oculta", "en": "the hidden layer"}[lang]


# --------------------------------------------------- activations in formulas
def derivative_symbol(act: str, out: str, net: str) -> str:
    """f′ written as the slides do, from the output where they do."""
    return {
        "identity": "1",
        "sigmoid": f"{out}(1-{out})",
        "tanh": f"(1-{power(out, '2')})",
    }.get(act, f"f'({net})")


def derivative_numbers(act: str, out: float, dval: float, lang: str, digits: int) -> str:
    o = num(out, lang, digits)
    return {
        "identity": "1",
        "sigmoid": rf"{o}\cdot(1-{o})",
        "tanh": f"(1-{o}^2)",
    }.get(act, num(dval, lang, digits))


def activation_numbers(act: str, net: float, lang: str, digits: int) -> str:
    """f(net) with the number: the sigmoid as its fraction, tanh, max, ..."""
    n = num(net, lang, digits)
    if act == "sigmoid":
        exponent = "-" + n if net > 0 else num(-net, lang, digits)
        return rf"\dfrac{{1}}{{1+e^{{{exponent}}}}}"
    if act == "tanh":
        return call(r"\tanh", n)
    if act == "relu":
        return rf"\max(0{list_sep(lang)}{n})"
    return call("f", n)


def call(fn: str, arg: str) -> str:
    """``f(0{,}5)``; a negative number already in parentheses gets no second pair."""
    if arg.startswith("(") and arg.endswith(")") and arg.count("(") == 1:
        return f"{fn}{arg}"
    return f"{fn}({arg})"


# ------------------------------------------------------------- the renderer
_CAPTIONS: dict[str, dict[str, str]] = {
    "net": {
        "es": "Entrada neta de {n}: la suma de {prev} por sus pesos, más el sesgo.",
        "en": "Net input of {n}: the sum of {prev} times their weights, plus the bias.",
    },
    "out": {
        "es": "Salida de {n}: la función de activación ({act}) aplicada a su entrada neta.",
        "en": "Output of {n}: the activation function ({act}) applied to its net input.",
    },
    "error": {
        "es": "Error de la red en esta muestra: la mitad de la suma de (d − y)² en las salidas.",
        "en": "Error of the network on this sample: half the sum of (d − y)² over the outputs.",
    },
    "delta_out": {
        "es": "Delta de la neurona de salida {n}: su error ({d} − {n}) por la derivada de la {act}, {fp}.",
        "en": "Delta of the output neuron {n}: its error ({d} − {n}) times the derivative of the {act}, {fp}.",
    },
    "delta_hidden": {
        "es": "Delta de la neurona oculta {n}: la derivada de la {act}, {fp}, por la suma de los deltas "
              "de la capa siguiente, cada uno por el peso que los une (el de antes de esta actualización).",
        "en": "Delta of the hidden neuron {n}: the derivative of the {act}, {fp}, times the sum of the "
              "next layer's deltas, each times the weight between them (its value before this update).",
    },
    "dw": {
        "es": "Incremento del peso {w}, de {a} a {b}: η por el delta de {b} por el valor de {a}.",
        "en": "Increment of the weight {w}, from {a} to {b}: η times the delta of {b} times the value of {a}.",
    },
    "db": {
        "es": "Incremento del sesgo de {n}: η por el delta de {n}.",
        "en": "Increment of the bias of {n}: η times the delta of {n}.",
    },
    "w_update": {
        "es": "Nuevo valor del peso {w}, de {a} a {b}: el anterior más su incremento.",
        "en": "New value of the weight {w}, from {a} to {b}: the old one plus its increment.",
    },
    "b_update": {
        "es": "Nuevo valor del sesgo de {n}: el anterior más su incremento.",
        "en": "New value of the bias of {n}: the old one plus its increment.",
    },
}

_LAYER_CAPTIONS: dict[str, dict[str, str]] = {
    "net": {"es": "Entradas netas de {layer}, en forma vectorial.",
            "en": "Net inputs of {layer}, in vector form."},
    "out": {"es": "Salidas de {layer}: la {act} aplicada a cada entrada neta.",
            "en": "Outputs of {layer}: the {act} applied to each net input."},
    "delta_out": {"es": "Deltas de la capa de salida: el error (d − y) por la derivada de la {act}, {fp}, "
                        "elemento a elemento (⊙).",
                  "en": "Deltas of the output layer: the error (d − y) times the derivative of the {act}, {fp}, "
                        "element by element (⊙)."},
    "delta_hidden": {"es": "Deltas de {layer}: la derivada de la {act}, {fp}, por los deltas de la capa "
                           "siguiente a través de los pesos de antes de esta actualización.",
                     "en": "Deltas of {layer}: the derivative of the {act}, {fp}, times the next "
                           "layer's deltas through the weights from before this update."},
    "dw": {"es": "Incrementos de todos los pesos que llegan a {layer}: η por el producto exterior de salidas y deltas.",
           "en": "Increments of all weights into {layer}: η times the outer product of outputs and deltas."},
    "db": {"es": "Incrementos de los sesgos de {layer}.",
           "en": "Increments of the biases of {layer}."},
    "w_update": {"es": "Nuevos pesos que llegan a {layer}: los anteriores más sus incrementos.",
                 "en": "New weights into {layer}: the old ones plus their increments."},
    "b_update": {"es": "Nuevos sesgos de {layer}.", "en": "New biases of {layer}."},
}

_PREV = {"es": ("las entradas", "las salidas de la capa anterior"),
         "en": ("the inputs", "the outputs of the previous layer")}

_FPRIME_NOTE = {"sigmoid": {"es": "f′ = {s}(1 − {s})", "en": "f′ = {s}(1 − {s})"},
                "tanh": {"es": "f′ = 1 − {sq}", "en": "f′ = 1 − {sq}"},
                "identity": {"es": "f′ = 1", "en": "f′ = 1"},
                "relu": {"es": "f′ = 1 si net > 0 y 0 si no", "en": "f′ = 1 if net > 0, else 0"}}


def _fprime_note(act: str, lang: str, s: str) -> str:
    """``f′ = y₁(1 − y₁)`` and the like, for captions; ``(h⁽¹⁾)²`` keeps its square apart."""
    sq = f"({s})²" if any(c in s for c in "⁽⁾") and s[-1] in "⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹" else f"{s}²"
    return _FPRIME_NOTE.get(act, {}).get(lang, "").format(s=s, sq=sq)


class BackpropRenderer:
    """Writes the steps of one backprop update (see :class:`nnviz.core.lecture.steps.StepRenderer`)."""

    def __init__(self, data: TraceArrays) -> None:
        self.t = data
        self.n = Notation(data.network.layers)

    # ------------------------------------------------------------- helpers
    def _act(self, layer: int) -> str:
        return self.t.network.activations[layer - 1]

    # ------------------------------------------------------------- symbols
    def latex(self, step: Step) -> str:
        f, n, layer = step.formula_id, self.n, step.layer
        if f == "error":
            if step.is_scalar:
                return rf"E = \dfrac{{1}}{{2}}\sum_{{k=1}}^{{{n.layers[-1]}}}(d_k-y_k)^2"
            return r"E = \dfrac{1}{2}\left\|\mathbf{d}-\mathbf{y}\right\|^2"
        if not step.is_scalar:
            return self._vector_latex(step)
        act = self._act(layer)
        if f == "net":
            (k,) = step.index_in_layer
            p, let = layer - 1, n.letter(layer - 1)
            return (rf"{n.net(layer, k + 1)} = \sum_{{{let}=1}}^{{{n.layers[p]}}}"
                    rf"{n.weight(p, let, k + 1)}\,{n.neuron(p, let)} + {n.bias(p, k + 1)}")
        if f == "out":
            (k,) = step.index_in_layer
            return rf"{n.neuron(layer, k + 1)} = f({n.net(layer, k + 1)})"
        if f == "delta_out":
            (k,) = step.index_in_layer
            y = n.neuron(layer, k + 1)
            fac = derivative_symbol(act, y, n.net(layer, k + 1))
            err = f"d_{{{k + 1}}}-{y}"
            rhs = err if fac == "1" else rf"({err})\,{fac}"
            return rf"{n.delta(layer, k + 1)} = {rhs}"
        if f == "delta_hidden":
            (j,) = step.index_in_layer
            h = n.neuron(layer, j + 1)
            fac = derivative_symbol(act, h, n.net(layer, j + 1))
            lead = "" if fac == "1" else fac + r"\,"
            return (rf"{n.delta(layer, j + 1)} = {lead}\sum_{{k=1}}^{{{n.layers[layer + 1]}}}"
                    rf"{n.delta(layer + 1, 'k')}\,{n.weight(layer, j + 1, 'k')}")
        if f in ("dw", "w_update"):
            j, k = step.index_in_layer
            w = n.weight(layer - 1, j + 1, k + 1)
            if f == "dw":
                return rf"\Delta{w} = \eta\,{n.delta(layer, k + 1)}\,{n.neuron(layer - 1, j + 1)}"
            return rf"{w} \leftarrow {w} + \Delta{w}"
        (k,) = step.index_in_layer
        b = n.bias(layer - 1, k + 1)
        if f == "db":
            return rf"\Delta {b} = \eta\,{n.delta(layer, k + 1)}"
        return rf"{b} \leftarrow {b} + \Delta {b}"

    def _vector_latex(self, step: Step) -> str:
        f, n, layer = step.formula_id, self.n, step.layer
        v, act = n.vector(layer), self._act(layer)
        W = rf"\mathbf{{W}}^{{({layer})}}"
        B = rf"\mathbf{{b}}^{{({layer})}}"
        netv = rf"\mathbf{{net}}_{{{v}}}"
        if f == "net":
            return rf"{netv} = {n.vector(layer - 1)}\,{W} + {B}"
        if f == "out":
            return rf"{v} = f({netv})"
        if f == "delta_out":
            fac = _vector_derivative_symbol(act, v, netv)
            return rf"\delta_{{{v}}} = (\mathbf{{d}}-{v})" + ("" if fac == "" else rf"\odot {fac}")
        if f == "delta_hidden":
            fac = _vector_derivative_symbol(act, v, netv)
            Wn = rf"\mathbf{{W}}^{{({layer + 1})}}"
            lead = "" if fac == "" else rf"{fac}\odot "
            return rf"\delta_{{{v}}} = {lead}({Wn}\,\delta_{{{n.vector(layer + 1)}}})"
        if f == "dw":
            prev_t = power(n.vector(layer - 1), r"\top")
            return rf"\Delta{W} = \eta\,{prev_t}\,\delta_{{{v}}}"
        if f == "db":
            return rf"\Delta{B} = \eta\,\delta_{{{v}}}"
        if f == "w_update":
            return rf"{W} \leftarrow {W} + \Delta{W}"
        return rf"{B} \leftarrow {B} + \Delta{B}"

    # ------------------------------------------------------------- numbers
    def latex_numbers(self, step: Step, lang: str, digits: int) -> str:
        t, n, f, layer = self.t, self.n, step.formula_id, step.layer

        def q(v: float) -> str:
            return num(v, lang, digits)

        if f == "error":
            if step.is_scalar:
                terms = sum_terms(t.d.size, lambda i: rf"({q(t.d[i])}-{q(t.outs[-1][i])})^2")
                return rf"E = \dfrac{{1}}{{2}}\left[{terms}\right] = {q(t.error)}"
            return (rf"E = \dfrac{{1}}{{2}}\left\|{vec(t.d, lang, digits)}-{vec(t.outs[-1], lang, digits)}"
                    rf"\right\|^2 = {q(t.error)}")
        if not step.is_scalar:
            return self._vector_numbers(step, lang, digits)
        act = self._act(layer)
        if f == "net":
            (k,) = step.index_in_layer
            p = layer - 1
            w = t.network.weights[p][:, k]
            h = t.outs[p]
            terms = sum_terms(w.size, lambda j: rf"{q(w[j])}\cdot {q(h[j])}")
            return (rf"{n.net(layer, k + 1)} = {terms} + {q(t.network.biases[p][k])}"
                    rf" = {q(step.value)}")
        if f == "out":
            (k,) = step.index_in_layer
            lhs = n.neuron(layer, k + 1)
            if act == "identity":
                return rf"{lhs} = {q(step.value)}"
            return rf"{lhs} = {activation_numbers(act, t.nets[layer][k], lang, digits)} = {q(step.value)}"
        if f in ("delta_out", "delta_hidden"):
            (k,) = step.index_in_layer
            out, net = t.outs[layer][k], t.nets[layer][k]
            dval = get(act).df(np.array([net]), np.array([out]))[0]
            fac = derivative_numbers(act, out, dval, lang, digits)
            if f == "delta_out":
                err = rf"{q(t.d[k])}-{q(out)}"
                rhs = err if act == "identity" else rf"({err})\cdot {fac}"
            else:
                w = t.network.weights[layer][k]
                dn = t.deltas[layer + 1]
                terms = sum_terms(w.size, lambda i: rf"{q(dn[i])}\cdot {q(w[i])}")
                rhs = terms if act == "identity" else rf"{fac}\cdot\left[{terms}\right]"
            return rf"{n.delta(layer, k + 1)} = {rhs} = {q(step.value)}"
        if f in ("dw", "w_update"):
            j, k = step.index_in_layer
            w = n.weight(layer - 1, j + 1, k + 1)
            if f == "dw":
                return (rf"\Delta{w} = {q(t.eta)}\cdot {q(t.deltas[layer][k])}\cdot {q(t.outs[layer - 1][j])}"
                        rf" = {q(step.value)}")
            old = t.network.weights[layer - 1][j, k]
            return rf"{w} \leftarrow {q(old)} + {q(t.dws[layer - 1][j, k])} = {q(step.value)}"
        (k,) = step.index_in_layer
        b = n.bias(layer - 1, k + 1)
        if f == "db":
            return rf"\Delta {b} = {q(t.eta)}\cdot {q(t.deltas[layer][k])} = {q(step.value)}"
        old = t.network.biases[layer - 1][k]
        return rf"{b} \leftarrow {q(old)} + {q(t.dbs[layer - 1][k])} = {q(step.value)}"

    def _vector_numbers(self, step: Step, lang: str, digits: int) -> str:
        t, n, f, layer = self.t, self.n, step.formula_id, step.layer
        act = self._act(layer)

        def V(a: np.ndarray) -> str:
            return vec(a, lang, digits)

        def M(a: np.ndarray) -> str:
            return mat(a, lang, digits)

        v = n.vector(layer)
        if f == "net":
            return (rf"\mathbf{{net}}_{{{v}}} = {V(t.outs[layer - 1])}\,{M(t.network.weights[layer - 1])}"
                    rf" + {V(t.network.biases[layer - 1])} = {V(step.value)}")
        if f == "out":
            return rf"{v} = f\left({V(t.nets[layer])}\right) = {V(step.value)}"
        if f in ("delta_out", "delta_hidden"):
            out, net = t.outs[layer], t.nets[layer]
            fac = {
                "identity": "",
                "sigmoid": rf"{V(out)}\odot\left[1-{V(out)}\right]",
                "tanh": rf"\left[1-{V(out)}^2\right]",
            }.get(act, V(get(act).df(net, out)))
            if f == "delta_out":
                rhs = rf"\left[{V(t.d)}-{V(out)}\right]" + ("" if fac == "" else rf"\odot {fac}")
            else:
                prod = rf"{M(t.network.weights[layer])}\,{V(t.deltas[layer + 1])}"
                rhs = prod if fac == "" else rf"{fac}\odot\left({prod}\right)"
            return rf"\delta_{{{v}}} = {rhs} = {V(step.value)}"
        W = rf"\mathbf{{W}}^{{({layer})}}"
        B = rf"\mathbf{{b}}^{{({layer})}}"
        if f == "dw":
            return (rf"\Delta{W} = {num(t.eta, lang, digits)}\cdot {V(t.outs[layer - 1])}^{{\top}}"
                    rf"\,{V(t.deltas[layer])} = {M(step.value)}")
        if f == "db":
            return rf"\Delta{B} = {num(t.eta, lang, digits)}\cdot {V(t.deltas[layer])} = {V(step.value)}"
        if f == "w_update":
            return (rf"{W} \leftarrow {M(t.network.weights[layer - 1])} + {M(t.dws[layer - 1])}"
                    rf" = {M(step.value)}")
        return rf"{B} \leftarrow {V(t.network.biases[layer - 1])} + {V(t.dbs[layer - 1])} = {V(step.value)}"

    # ------------------------------------------------------------- captions
    def caption(self, step: Step, lang: str) -> str:
        f, n, layer = step.formula_id, self.n, step.layer
        act = self._act(layer) if layer > 0 else "identity"
        fields = {
            "act": ACTIVATION_NAMES[act][lang],
            "fp": _fprime_note(act, lang, n.plain(layer, step.index_in_layer[0] + 1)
                               if len(step.index_in_layer) == 1 else n.vector_plain(layer)),
            "layer": n.layer_name(layer, lang),
            "n": "", "w": "", "a": "", "b": "", "d": "", "prev": "",
        }
        if f == "error" or not step.is_scalar:
            table = _CAPTIONS if f == "error" else _LAYER_CAPTIONS
            text = table[f][lang]
        else:
            text = _CAPTIONS[f][lang]
            if len(step.index_in_layer) == 2:
                j, k = step.index_in_layer
                fields["w"] = n.plain_weight(layer - 1, j + 1, k + 1)
                fields["a"] = n.plain(layer - 1, j + 1)
                fields["b"] = n.plain(layer, k + 1)
            else:
                k = step.index_in_layer[0]
                fields["n"] = n.plain(layer, k + 1)
                fields["d"] = f"d{str(k + 1).translate(_SUB)}"
                fields["prev"] = _PREV[lang][0 if layer == 1 else 1]
        return text.format(**fields)

    # ------------------------------------------------------------- highlight
    def neurons(self, step: Step) -> tuple[tuple[int, int], ...]:
        f, layer, sizes = step.formula_id, step.layer, self.n.layers
        if step.is_scalar and f != "error":
            idx = step.index_in_layer
            if f == "net":
                return (*((layer - 1, j) for j in range(sizes[layer - 1])), (layer, idx[0]))
            if f == "delta_hidden":
                return ((layer, idx[0]), *((layer + 1, k) for k in range(sizes[layer + 1])))
            if len(idx) == 2:
                return ((layer - 1, idx[0]), (layer, idx[1]))
            return ((layer, idx[0]),)
        own = tuple((layer, k) for k in range(sizes[layer]))
        if f in ("net", "dw", "w_update"):
            return (*((layer - 1, j) for j in range(sizes[layer - 1])), *own)
        if f == "delta_hidden":
            return (*own, *((layer + 1, k) for k in range(sizes[layer + 1])))
        return own

    def edges(self, step: Step) -> tuple[tuple[int, int, int], ...]:
        f, layer, sizes = step.formula_id, step.layer, self.n.layers
        if f in ("out", "error", "delta_out", "db", "b_update"):
            return ()
        if step.is_scalar:
            idx = step.index_in_layer
            if f == "net":
                return tuple((layer - 1, j, idx[0]) for j in range(sizes[layer - 1]))
            if f == "delta_hidden":
                return tuple((layer, idx[0], k) for k in range(sizes[layer + 1]))
            return ((layer - 1, idx[0], idx[1]),)
        wl = layer if f == "delta_hidden" else layer - 1
        return tuple((wl, j, k) for j in range(sizes[wl]) for k in range(sizes[wl + 1]))


def _vector_derivative_symbol(act: str, v: str, netv: str) -> str:
    return {
        "identity": "",
        "sigmoid": rf"{v}\odot(1-{v})",
        "tanh": f"(1-{power(v, '2')})",
    }.get(act, rf"f'({netv})")
