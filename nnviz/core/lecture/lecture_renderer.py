"""The steps the slides' summary leaves implicit: the chain rule, softmax with
cross-entropy, and dropout, written like every other step.

:class:`LectureRenderer` extends
:class:`~nnviz.core.lecture.formulas.BackpropRenderer` with:

- ``chain_rule``: ∂E/∂ω_jk = ∂E/∂y_k · ∂y_k/∂net_k · ∂net_k/∂ω_jk
  = −(d_k − y_k) f′(net_k) h_j = −δ_k h_j, with the live numbers, shown just
  before the output delta it names (δ_k = −∂E/∂net_k, so Δω = −η ∂E/∂ω = η δ h);
- a softmax output: y_k = e^{net_k} / Σ_i e^{net_i} (every y depends on every
  net), E = −Σ d_k log y_k and δ_k = d_k − y_k (with softmax the chain rule's
  middle factor is a sum over every output: Σ_i ∂E/∂y_i ∂y_i/∂net_k = y_k − d_k);
- dropout: h̃_j = m_j h_j / (1 − p), the factor m_j / (1 − p) in δ_j, and h̃ in
  the formulas that use a dropped-out layer's outputs.

:func:`chain_factors` gives the chain rule's factors as numbers (the tests
check them against torch autograd).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nnviz.core.lecture.formulas import (
    BackpropRenderer,
    call,
    derivative_numbers,
    derivative_symbol,
    mat,
    num,
    power,
    sum_terms,
    vec,
)
from nnviz.core.model.activations import get

if TYPE_CHECKING:
    from nnviz.core.lecture._trace_arrays import TraceArrays
    from nnviz.core.lecture.steps import Step

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

#: ∂ fractions: the chain rule's factors
_D = r"\dfrac{{\partial {0}}}{{\partial {1}}}"

_CAPTIONS: dict[str, dict[str, str]] = {
    "chain_rule": {
        "es": "Regla de la cadena para el peso {w}, de {a} a {b}: cómo cambia E con él, factor a factor. "
              "El producto de los dos primeros factores, cambiado de signo, es el delta, δ = −∂E/∂net; "
              "así ∂E/∂ω = −δ·{a} y Δω = −η ∂E/∂ω = η δ {a}.",
        "en": "Chain rule for the weight {w}, from {a} to {b}: how E changes with it, factor by factor. "
              "The product of the first two factors, with its sign changed, is the delta, δ = −∂E/∂net; "
              "so ∂E/∂ω = −δ·{a} and Δω = −η ∂E/∂ω = η δ {a}.",
    },
    "chain_rule_softmax": {
        "es": "Regla de la cadena para el peso {w}, de {a} a {b}. Con softmax cada salida depende de todas "
              "las entradas netas, así que ∂E/∂net es una suma sobre todas las salidas: "
              "Σᵢ ∂E/∂yᵢ · ∂yᵢ/∂net = {b} − {d}. Cambiada de signo es el delta: ∂E/∂ω = −δ·{a}.",
        "en": "Chain rule for the weight {w}, from {a} to {b}. With softmax every output depends on every "
              "net input, so ∂E/∂net is a sum over all the outputs: Σᵢ ∂E/∂yᵢ · ∂yᵢ/∂net = {b} − {d}. "
              "With its sign changed it is the delta: ∂E/∂ω = −δ·{a}.",
    },
    "chain_rule_layer": {
        "es": "Regla de la cadena para todos los pesos que llegan a la capa de salida. El factor entre "
              "corchetes, cambiado de signo, es el vector de deltas δ = −∂E/∂net; así ∂E/∂W = −hᵀδ y "
              "ΔW = η hᵀδ.",
        "en": "Chain rule for all the weights into the output layer. The factor in brackets, with its sign "
              "changed, is the vector of deltas δ = −∂E/∂net; so ∂E/∂W = −hᵀδ and ΔW = η hᵀδ.",
    },
    "out_softmax": {
        "es": "Salida de {n} con softmax: e elevado a su entrada neta, dividido por la suma sobre todas las "
              "salidas. Cada salida depende de todas las entradas netas, y suman 1.",
        "en": "Output of {n} by softmax: e to its net input, divided by the sum over all the outputs. "
              "Every output depends on every net input, and they add up to 1.",
    },
    "out_softmax_layer": {
        "es": "Salidas de la capa de salida con softmax: probabilidades que suman 1.",
        "en": "Outputs of the output layer by softmax: probabilities that add up to 1.",
    },
    "error_ce": {
        "es": "Error de entropía cruzada en esta muestra: menos la suma de d por el logaritmo de y.",
        "en": "Cross-entropy error on this sample: minus the sum of d times the log of y.",
    },
    "delta_out_ce": {
        "es": "Delta de la neurona de salida {n}: con softmax y entropía cruzada, δ = d − y "
              "(= −∂E/∂net, el convenio de signo de todo el stepper; ∂E/∂net = y − d).",
        "en": "Delta of the output neuron {n}: with softmax and cross-entropy, δ = d − y "
              "(= −∂E/∂net, the sign convention of the whole stepper; ∂E/∂net = y − d).",
    },
    "delta_out_ce_layer": {
        "es": "Deltas de la capa de salida: con softmax y entropía cruzada, δ = d − y (= −∂E/∂net).",
        "en": "Deltas of the output layer: with softmax and cross-entropy, δ = d − y (= −∂E/∂net).",
    },
    "dropout": {
        "es": "Dropout en {n}: máscara m = {m} (p = {p}); la siguiente capa recibe m·{n}/(1 − p).",
        "en": "Dropout on {n}: mask m = {m} (p = {p}); the next layer gets m·{n}/(1 − p).",
    },
    "dropout_layer": {
        "es": "Dropout en {layer}: se apagan {k} de {total} neuronas (p = {p}); las demás se escalan por "
              "1/(1 − p).",
        "en": "Dropout on {layer}: {k} of {total} neurons are dropped (p = {p}); the others are scaled by "
              "1/(1 − p).",
    },
    "delta_dropout": {
        "es": " Con dropout se multiplica por m/(1 − p): una neurona apagada tiene delta 0.",
        "en": " With dropout it is multiplied by m/(1 − p): a dropped neuron's delta is 0.",
    },
}


def chain_factors(t: TraceArrays, k: int, j: int = 0) -> dict[str, float]:
    """The chain rule for ω_jk of the last weight layer, as numbers.

    ``dE_dy`` = ∂E/∂y_k, ``dy_dnet`` = ∂y_k/∂net_k (for softmax the diagonal
    y_k(1 − y_k) only), ``dE_dnet`` = ∂E/∂net_k (= −δ_k; for softmax the sum
    over every output), ``dnet_dw`` = h_j and ``dE_dw`` = ∂E/∂ω_jk.
    """
    y, d = t.outs[-1], t.d
    if t.loss == "cross_entropy":
        de_dy = -d[k] / y[k]
        dy_dnet = y[k] * (1.0 - y[k])
    else:
        de_dy = -(d[k] - y[k])
        act = t.network.activations[-1]
        dy_dnet = float(get(act).df(np.array([t.nets[-1][k]]), np.array([y[k]]))[0])
    de_dnet = -float(t.deltas[-1][k])
    h = float(t.outs[-2][j])
    return {"dE_dy": float(de_dy), "dy_dnet": float(dy_dnet), "dE_dnet": de_dnet, "dnet_dw": h,
            "dE_dw": de_dnet * h}


class LectureRenderer(BackpropRenderer):
    """BackpropRenderer plus the chain rule, softmax/cross-entropy and dropout."""

    def __init__(self, data: TraceArrays) -> None:
        super().__init__(data)
        self.softmax = data.loss == "cross_entropy"

    # ------------------------------------------------------------- helpers
    def _special(self, step: Step) -> bool:
        f = step.formula_id
        if f in ("chain_rule", "dropout"):
            return True
        if self.softmax and f in ("out", "delta_out") and step.layer == self.n.n_w:
            return True
        return f == "delta_hidden" and self.t.mask(step.layer) is not None

    def _tilde_source(self, step: Step) -> int | None:
        """The layer whose outputs ``step`` uses as h̃ (dropout), or None."""
        if step.formula_id in ("net", "dw") and self.t.mask(step.layer - 1) is not None:
            return step.layer - 1
        return None

    def _tilde(self, latex: str, layer: int) -> str:
        base, sup = self.n.symbol_parts(layer)
        latex = latex.replace(self.n.vector(layer), rf"\tilde{{\mathbf{{{base}}}}}{sup}")
        return latex.replace(f"{base}{sup}_{{", rf"\tilde{{{base}}}{sup}_{{")

    # ------------------------------------------------------------- symbols
    def latex(self, step: Step) -> str:
        if step.formula_id == "error" and self.softmax:
            if step.is_scalar:
                return rf"E = -\sum_{{k=1}}^{{{self.n.layers[-1]}}} d_k\,\log y_k"
            return r"E = -\mathbf{d}\cdot\log\mathbf{y}"
        if not self._special(step):
            text = super().latex(step)
            src = self._tilde_source(step)
            return text if src is None else self._tilde(text, src)
        return self._special_latex(step, numbers=False, lang="en", digits=4)

    def latex_numbers(self, step: Step, lang: str, digits: int) -> str:
        t = self.t
        if step.formula_id == "error" and self.softmax:
            def term(i: int) -> str:
                return rf"{num(t.d[i], lang, digits)}\cdot\log {num(t.outs[-1][i], lang, digits)}"

            if step.is_scalar:
                return rf"E = -\left[{sum_terms(t.d.size, term)}\right] = {num(t.error, lang, digits)}"
            return (rf"E = -{vec(t.d, lang, digits)}\cdot\log {vec(t.outs[-1], lang, digits)}"
                    rf" = {num(t.error, lang, digits)}")
        if not self._special(step):
            return super().latex_numbers(step, lang, digits)  # the numbers are h̃ already
        return self._special_latex(step, numbers=True, lang=lang, digits=digits)

    def _special_latex(self, step: Step, numbers: bool, lang: str, digits: int) -> str:
        f = step.formula_id
        if f == "chain_rule":
            return self._chain(step, numbers, lang, digits)
        if f == "dropout":
            return self._dropout(step, numbers, lang, digits)
        if f == "out":
            return self._softmax_out(step, numbers, lang, digits)
        if f == "delta_out":
            return self._softmax_delta(step, numbers, lang, digits)
        return self._masked_delta(step, numbers, lang, digits)

    # ---------------------------------------------------------- chain rule
    def _chain(self, step: Step, numbers: bool, lang: str, digits: int) -> str:
        t, n, layer = self.t, self.n, step.layer

        def q(v: float) -> str:
            return num(v, lang, digits)

        if not step.is_scalar:
            return self._chain_layer(step, numbers, lang, digits)
        (k,) = step.index_in_layer
        y, net, w = n.neuron(layer, k + 1), n.net(layer, k + 1), n.weight(layer - 1, 1, k + 1)
        h = n.neuron(layer - 1, 1)
        if t.mask(layer - 1) is not None:
            h = self._tilde(h, layer - 1)
        lhs = _D.format("E", w)
        if self.softmax:
            middle = rf"\sum_{{i}}{_D.format('E', 'y_i')}{_D.format('y_i', net)}"
            symbolic = (rf"{lhs} = {middle}\cdot{_D.format(net, w)} = -(d_{{{k + 1}}}-{y})\,{h}"
                        rf" = -{n.delta(layer, k + 1)}\,{h}")
            if not numbers:
                return symbolic
            fac = chain_factors(t, k, 0)
            return (rf"{lhs} = -({q(t.d[k])}-{q(t.outs[-1][k])})\cdot {q(fac['dnet_dw'])}"
                    rf" = {q(fac['dE_dnet'])}\cdot {q(fac['dnet_dw'])} = {q(fac['dE_dw'])}")
        act = self._act(layer)
        fprime = derivative_symbol(act, y, net)
        fac_sym = "" if fprime == "1" else rf"\,{fprime}"
        if not numbers:
            return (rf"{lhs} = {_D.format('E', y)}\cdot{_D.format(y, net)}\cdot{_D.format(net, w)}"
                    rf" = -(d_{{{k + 1}}}-{y}){fac_sym}\,{h} = -{n.delta(layer, k + 1)}\,{h}")
        fac = chain_factors(t, k, 0)
        out = t.outs[-1][k]
        # f'(net) as its value: the symbolic line above says how it is written
        subst = rf"-({q(t.d[k])}-{q(out)})\cdot {q(fac['dy_dnet'])}\cdot {q(fac['dnet_dw'])}"
        factors = rf"{q(fac['dE_dy'])}\cdot {q(fac['dy_dnet'])}\cdot {q(fac['dnet_dw'])}"
        return rf"{lhs} = {subst} = {factors} = {q(fac['dE_dw'])}"

    def _chain_layer(self, step: Step, numbers: bool, lang: str, digits: int) -> str:
        t, n, layer = self.t, self.n, step.layer
        v = n.vector(layer)
        W = rf"\mathbf{{W}}^{{({layer})}}"
        netv = rf"\mathbf{{net}}_{{{v}}}"
        hT = power(n.vector(layer - 1), r"\top")
        if t.mask(layer - 1) is not None:
            hT = self._tilde(hT, layer - 1)
        lhs = _D.format("E", W)
        if not numbers:
            inner = (rf"{_D.format('E', netv)}" if self.softmax
                     else rf"{_D.format('E', v)}\odot{_D.format(v, netv)}")
            return rf"{lhs} = {hT}\left[{inner}\right] = -{hT}\,\delta_{{{v}}}"
        de_dnet = -t.deltas[-1]
        h = vec(t.outs[layer - 1], lang, digits)
        if self.softmax:  # ∂E/∂net is one vector: no brackets around it
            inner = vec(de_dnet, lang, digits)
        else:
            act = self._act(layer)
            fprime = get(act).df(t.nets[layer], t.outs[layer])
            inner = rf"\left[{vec(-(t.d - t.outs[layer]), lang, digits)}\odot {vec(fprime, lang, digits)}\right]"
        return rf"{lhs} = {h}^{{\top}}\,{inner} = {mat(np.asarray(step.value), lang, digits)}"

    # ------------------------------------------------------------- softmax
    def _softmax_out(self, step: Step, numbers: bool, lang: str, digits: int) -> str:
        t, n, layer = self.t, self.n, step.layer
        size = n.layers[layer]
        if not step.is_scalar:
            v = n.vector(layer)
            netv = rf"\mathbf{{net}}_{{{v}}}"
            if not numbers:
                return rf"{v} = \mathrm{{softmax}}({netv}) = \dfrac{{\exp({netv})}}{{\sum_{{i}} \exp(\mathrm{{net}}_i)}}"
            exps = [call(r"\exp", num(a, lang, digits)) for a in t.nets[layer]]
            top = vec(np.array(exps, dtype=object), lang, digits)
            bottom = sum_terms(size, lambda i: exps[i])
            return rf"{v} = \dfrac{{{top}}}{{{bottom}}} = {vec(np.asarray(step.value), lang, digits)}"
        (k,) = step.index_in_layer
        y = n.neuron(layer, k + 1)
        if not numbers:
            # exp(): a net input as an exponent would be a script of a script
            return (rf"{y} = \dfrac{{\exp({n.net(layer, k + 1)})}}"
                    rf"{{\sum_{{i=1}}^{{{size}}} \exp({n.net(layer, 'i')})}}")

        def e(i: int) -> str:  # exp(0,5): larger on a projector than e to a small superscript
            return call(r"\exp", num(t.nets[layer][i], lang, digits))

        return rf"{y} = \dfrac{{{e(k)}}}{{{sum_terms(size, e)}}} = {num(step.value, lang, digits)}"

    def _softmax_delta(self, step: Step, numbers: bool, lang: str, digits: int) -> str:
        t, n, layer = self.t, self.n, step.layer
        if not step.is_scalar:
            v = n.vector(layer)
            if not numbers:
                return rf"\delta_{{{v}}} = \mathbf{{d}}-{v}"
            return (rf"\delta_{{{v}}} = {vec(t.d, lang, digits)}-{vec(t.outs[layer], lang, digits)}"
                    rf" = {vec(np.asarray(step.value), lang, digits)}")
        (k,) = step.index_in_layer
        y = n.neuron(layer, k + 1)
        if not numbers:
            return rf"{n.delta(layer, k + 1)} = d_{{{k + 1}}}-{y}"
        return (rf"{n.delta(layer, k + 1)} = {num(t.d[k], lang, digits)}-{num(t.outs[layer][k], lang, digits)}"
                rf" = {num(step.value, lang, digits)}")

    # ------------------------------------------------------------- dropout
    def _dropout(self, step: Step, numbers: bool, lang: str, digits: int) -> str:
        t, n, layer = self.t, self.n, step.layer
        p = t.dropout.p if t.dropout is not None else 0.0
        m = t.mask(layer)
        assert m is not None
        if not step.is_scalar:
            v = n.vector(layer)
            tv = self._tilde(v, layer)
            if not numbers:
                return rf"{tv} = \dfrac{{\mathbf{{m}}\odot {v}}}{{1-p}}"
            return (rf"{tv} = \dfrac{{{vec(m, lang, digits)}\odot {vec(t.raw(layer), lang, digits)}}}"
                    rf"{{1-{num(p, lang, digits)}}} = {vec(np.asarray(step.value), lang, digits)}")
        (j,) = step.index_in_layer
        h = n.neuron(layer, j + 1)
        th = self._tilde(h, layer)
        if not numbers:
            return rf"{th} = \dfrac{{m_{{{j + 1}}}\,{h}}}{{1-p}}"
        return (rf"{th} = \dfrac{{{num(m[j], lang, digits)}\cdot {num(t.raw(layer)[j], lang, digits)}}}"
                rf"{{1-{num(p, lang, digits)}}} = {num(step.value, lang, digits)}")

    def _masked_delta(self, step: Step, numbers: bool, lang: str, digits: int) -> str:
        t, n, layer = self.t, self.n, step.layer
        act = self._act(layer)
        m = t.mask(layer)
        assert m is not None and t.dropout is not None
        p = t.dropout.p
        if not step.is_scalar:
            v = n.vector(layer)
            netv = rf"\mathbf{{net}}_{{{v}}}"
            Wn = rf"\mathbf{{W}}^{{({layer + 1})}}"
            if not numbers:
                fac = derivative_symbol(act, v, netv) if act != "sigmoid" else rf"{v}\odot(1-{v})"
                return (rf"\delta_{{{v}}} = \dfrac{{\mathbf{{m}}}}{{1-p}}\odot {fac}\odot"
                        rf"({Wn}\,\delta_{{{n.vector(layer + 1)}}})")
            fprime = get(act).df(t.nets[layer], t.raw(layer))
            prod = rf"{mat(t.network.weights[layer], lang, digits)}\,{vec(t.deltas[layer + 1], lang, digits)}"
            return (rf"\delta_{{{v}}} = \dfrac{{{vec(m, lang, digits)}}}{{1-{num(p, lang, digits)}}}\odot "
                    rf"{vec(fprime, lang, digits)}\odot\left({prod}\right)"
                    rf" = {vec(np.asarray(step.value), lang, digits)}")
        (j,) = step.index_in_layer
        h = n.neuron(layer, j + 1)
        fac = derivative_symbol(act, h, n.net(layer, j + 1))
        if not numbers:
            return (rf"{n.delta(layer, j + 1)} = \dfrac{{m_{{{j + 1}}}}}{{1-p}}\,{fac}\sum_{{k=1}}^{{{n.layers[layer + 1]}}}"
                    rf"{n.delta(layer + 1, 'k')}\,{n.weight(layer, j + 1, 'k')}")
        out, net = t.raw(layer)[j], t.nets[layer][j]
        dval = get(act).df(np.array([net]), np.array([out]))[0]
        w = t.network.weights[layer][j]
        dn = t.deltas[layer + 1]
        terms = sum_terms(w.size, lambda i: rf"{num(dn[i], lang, digits)}\cdot {num(w[i], lang, digits)}")
        return (rf"{n.delta(layer, j + 1)} = \dfrac{{{num(m[j], lang, digits)}}}{{1-{num(p, lang, digits)}}}"
                rf"\cdot {derivative_numbers(act, out, dval, lang, digits)}\cdot\left[{terms}\right]"
                rf" = {num(step.value, lang, digits)}")

    # ------------------------------------------------------------- captions
    def caption(self, step: Step, lang: str) -> str:
        f, n, layer = step.formula_id, self.n, step.layer
        if f == "chain_rule":
            if not step.is_scalar:
                return _CAPTIONS["chain_rule_layer"][lang]
            (k,) = step.index_in_layer
            key = "chain_rule_softmax" if self.softmax else "chain_rule"
            return _CAPTIONS[key][lang].format(w=n.plain_weight(layer - 1, 1, k + 1), a=n.plain(layer - 1, 1),
                                               b=n.plain(layer, k + 1), d=f"d{str(k + 1).translate(_SUB)}")
        if f == "error" and self.softmax:
            return _CAPTIONS["error_ce"][lang]
        if self.softmax and f in ("out", "delta_out") and layer == n.n_w:
            key = ("out_softmax" if f == "out" else "delta_out_ce") + ("" if step.is_scalar else "_layer")
            k = step.index_in_layer[0] if step.is_scalar else 0
            return _CAPTIONS[key][lang].format(n=n.plain(layer, k + 1))
        if f == "dropout":
            p = self.t.dropout.p if self.t.dropout is not None else 0.0
            m = self.t.mask(layer)
            assert m is not None
            if step.is_scalar:
                (j,) = step.index_in_layer
                return _CAPTIONS["dropout"][lang].format(n=n.plain(layer, j + 1), m=f"{m[j]:.0f}",
                                                         p=num(p, lang, 4).replace("{,}", ","))
            return _CAPTIONS["dropout_layer"][lang].format(
                layer=n.layer_name(layer, lang), k=int(np.sum(m == 0)), total=m.size,
                p=num(p, lang, 4).replace("{,}", ","))
        text = super().caption(step, lang)
        if f == "delta_hidden" and self.t.mask(layer) is not None:
            text += _CAPTIONS["delta_dropout"][lang]
        return text

    # ------------------------------------------------------------- highlight
    def neurons(self, step: Step) -> tuple[tuple[int, int], ...]:
        f, layer, sizes = step.formula_id, step.layer, self.n.layers
        if f == "chain_rule":
            if step.is_scalar:
                return ((layer - 1, 0), (layer, step.index_in_layer[0]))
            return (*((layer - 1, j) for j in range(sizes[layer - 1])), *((layer, k) for k in range(sizes[layer])))
        if f == "out" and self.softmax and layer == self.n.n_w and step.is_scalar:
            return tuple((layer, k) for k in range(sizes[layer]))
        return super().neurons(step)

    def edges(self, step: Step) -> tuple[tuple[int, int, int], ...]:
        f, layer, sizes = step.formula_id, step.layer, self.n.layers
        if f == "dropout":
            return ()
        if f == "chain_rule":
            if step.is_scalar:
                return ((layer - 1, 0, step.index_in_layer[0]),)
            return tuple((layer - 1, j, k) for j in range(sizes[layer - 1]) for k in range(sizes[layer]))
        return super().edges(step)


__all__ = ["LectureRenderer", "chain_factors"]
