"""The classic perceptron rule with the slides' step activation.

f(a) = 1 if a > 0 and -1 if a < 0; at a = 0 we choose f(0) = 1 (see
:mod:`nnviz.core.model.activations`), so that a point exactly on the decision line
0 = w·x + b counts as the positive class. The rule, for each sample:

    y = f(Σ_i w_i x_i + b),  w_i ← w_i + η (d − y) x_i,  b ← b + η (d − y).

It only changes the weights when the sample is misclassified (d − y = ±2).
:func:`perceptron_update` writes one update as steps (the same
:class:`~nnviz.core.lecture.backprop.UpdateTrace` the backprop stepper reads);
:func:`train_perceptron` loops over epochs until an epoch without mistakes
(convergence: the data are linearly separable) or ``max_epochs``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.lecture.backprop import UpdateTrace, as_vector, check_eta
from nnviz.core.lecture.formulas import call, num
from nnviz.core.lecture.steps import Step
from nnviz.core.model.activations import get
from nnviz.core.model.network import Network

PERCEPTRON_ACTIVATIONS = ("step", "sign")


def check_perceptron_network(network: Network) -> None:
    """Refuse a network the perceptron rule does not apply to."""
    if network.n_weight_layers != 1:
        raise UserError(
            "The perceptron rule needs a network without hidden layers "
            "(layers [inputs, outputs]), not {0}.",
            network.layers,
        )
    if network.activations[0] not in PERCEPTRON_ACTIVATIONS:
        raise UserError(
            "The perceptron rule uses the step (or sign) activation, not {0}.", network.activations[0]
        )


def _check_targets(d: np.ndarray) -> None:
    if not np.all(np.isin(d, (-1.0, 1.0))):
        raise UserError("The perceptron's targets must be 1 or -1, the values of the step function.")


def perceptron_update(
    network: Network,
    x: Sequence[float] | np.ndarray,
    d: Sequence[float] | np.ndarray,
    eta: float,
    freeze_biases: bool = False,
    lang: str = "es",
) -> UpdateTrace:
    """One application of the perceptron rule to the sample (x, d), as steps.

    Per output neuron k: the net input a_k (forward), the output y_k = f(a_k)
    (forward), d_k − y_k (error; it sets ``("delta", 1, k)``), then each
    w_ik ← w_ik + η (d_k − y_k) x_i and b_k ← b_k + η (d_k − y_k) (update).
    ``slide_step`` is None: this rule is not part of the backprop summary.
    """
    check_perceptron_network(network)
    xv = as_vector(x, network.layers[0], "input")
    dv = as_vector(d, network.layers[-1], "target")
    _check_targets(dv)
    eta = check_eta(eta)
    if lang not in ("es", "en"):
        raise UserError("The language must be 'es' or 'en', not {0!r}.", lang)
    before = network.copy()
    w, b = before.weights[0], before.biases[0]
    a = xv @ w + b
    y = get(before.activations[0]).f(a)
    err = dv - y
    dw = eta * np.outer(xv, err)
    db = np.zeros_like(b) if freeze_biases else eta * err
    new_w, new_b = w + dw, b + db
    after = Network(list(before.layers), list(before.activations), [new_w], [new_b], before.seed, dict(before.extra))
    data = _PerceptronData(before, xv, dv, eta, a, y, err, new_w, new_b)
    renderer = PerceptronRenderer(data)
    steps: list[Step] = []

    def add(phase: str, fid: str, idx: tuple[int, ...], sets: tuple, value: float) -> None:
        steps.append(Step(len(steps), phase, None, fid, 1, idx, sets, value, "scalar", lang, renderer))

    for k in range(before.layers[1]):
        add("forward", "perceptron_net", (k,), ("net", 1, k), float(a[k]))
        add("forward", "perceptron_out", (k,), ("out", 1, k), float(y[k]))
        add("error", "perceptron_error", (k,), ("delta", 1, k), float(err[k]))
        for i in range(before.layers[0]):
            add("update", "perceptron_w", (i, k), ("w", 0, i, k), float(new_w[i, k]))
        if not freeze_biases:
            add("update", "perceptron_b", (k,), ("b", 0, k), float(new_b[k]))
    nan_in = np.full(xv.shape, math.nan)
    return UpdateTrace(
        network_before=before, network_after=after, x=xv, d=dv, eta=eta,
        freeze_biases=freeze_biases, granularity="scalar", lang=lang, steps=tuple(steps),
        net_inputs=(nan_in, a), outputs=(xv, y), deltas=(nan_in, err),
        weight_increments=(dw,), bias_increments=(db,), error=float(0.5 * np.sum(err**2)),
    )


@dataclass(frozen=True, eq=False)
class _PerceptronData:
    network: Network
    x: np.ndarray
    d: np.ndarray
    eta: float
    a: np.ndarray
    y: np.ndarray
    err: np.ndarray
    new_w: np.ndarray
    new_b: np.ndarray


_CAPTIONS = {
    "perceptron_net": {"es": "Entrada neta{of}: cada entrada por su peso, sumadas, más el sesgo.",
                       "en": "Net input{of}: each input times its weight, summed, plus the bias."},
    "perceptron_out": {"es": "Salida{of}: la función escalón, 1 si a ≥ 0 y −1 si a < 0.",
                       "en": "Output{of}: the step function, 1 if a ≥ 0 and −1 if a < 0."},
    "perceptron_error": {"es": "Error{of}: d − y es 0 si acierta y ±2 si se equivoca.",
                         "en": "Error{of}: d − y is 0 when right and ±2 when wrong."},
    "perceptron_w": {"es": "Regla del perceptrón: el peso solo cambia si la neurona se ha equivocado.",
                     "en": "Perceptron rule: the weight only changes when the neuron was wrong."},
    "perceptron_b": {"es": "Regla del perceptrón para el sesgo: b cambia en η (d − y).",
                     "en": "Perceptron rule for the bias: b changes by η (d − y)."},
}


class PerceptronRenderer:
    """Writes the perceptron rule's steps (see :class:`nnviz.core.lecture.steps.StepRenderer`)."""

    def __init__(self, data: _PerceptronData) -> None:
        self.t = data
        self.m = data.network.layers[1]

    def _k(self, k: int) -> str:
        return "" if self.m == 1 else str(k + 1)

    def _sym(self, name: str, k: int) -> str:
        kk = self._k(k)
        return f"{name}_{{{kk}}}" if kk else name

    def _w(self, i: object, k: int) -> str:
        kk = self._k(k)
        if not kk:
            return f"w_{{{i}}}"
        sep = "," if len(str(i)) > 1 or len(kk) > 1 else ""
        return f"w_{{{i}{sep}{kk}}}"

    def latex(self, step: Step) -> str:
        f, k = step.formula_id, step.index_in_layer[-1]
        a, y, d, b = (self._sym(s, k) for s in ("a", "y", "d", "b"))
        if f == "perceptron_net":
            n = self.t.network.layers[0]
            return rf"{a} = \sum_{{i=1}}^{{{n}}}{self._w('i', k)}\,x_{{i}} + {b}"
        if f == "perceptron_out":
            return rf"{y} = f({a})"
        if f == "perceptron_error":
            return f"{d}-{y}"
        if f == "perceptron_w":
            i = step.index_in_layer[0] + 1
            w = self._w(i, k)
            return rf"{w} \leftarrow {w} + \eta\,({d}-{y})\,x_{{{i}}}"
        return rf"{b} \leftarrow {b} + \eta\,({d}-{y})"

    def latex_numbers(self, step: Step, lang: str, digits: int) -> str:
        t, f, k = self.t, step.formula_id, step.index_in_layer[-1]

        def q(v: float) -> str:
            return num(v, lang, digits)

        a, y, d, b = (self._sym(s, k) for s in ("a", "y", "d", "b"))
        if f == "perceptron_net":
            terms = [rf"{q(w)}\cdot {q(x)}" for w, x in zip(t.network.weights[0][:, k], t.x, strict=True)]
            return rf"{a} = {' + '.join(terms)} + {q(t.network.biases[0][k])} = {q(step.value)}"
        if f == "perceptron_out":
            return rf"{y} = {call('f', q(t.a[k]))} = {q(step.value)}"
        if f == "perceptron_error":
            return rf"{d}-{y} = {q(t.d[k])}-{q(t.y[k])} = {q(step.value)}"
        if f == "perceptron_w":
            i = step.index_in_layer[0]
            old = t.network.weights[0][i, k]
            return (rf"{self._w(i + 1, k)} \leftarrow {q(old)} + {q(t.eta)}\cdot {q(t.err[k])}\cdot {q(t.x[i])}"
                    rf" = {q(step.value)}")
        return rf"{b} \leftarrow {q(t.network.biases[0][k])} + {q(t.eta)}\cdot {q(t.err[k])} = {q(step.value)}"

    def caption(self, step: Step, lang: str) -> str:
        k = step.index_in_layer[-1]
        of = "" if self.m == 1 else {"es": f" de la neurona {k + 1}", "en": f" of neuron {k + 1}"}[lang]
        return _CAPTIONS[step.formula_id][lang].format(of=of)

    def neurons(self, step: Step) -> tuple[tuple[int, int], ...]:
        k = step.index_in_layer[-1]
        if step.formula_id == "perceptron_net":
            return (*((0, i) for i in range(self.t.network.layers[0])), (1, k))
        if step.formula_id == "perceptron_w":
            return ((0, step.index_in_layer[0]), (1, k))
        return ((1, k),)

    def edges(self, step: Step) -> tuple[tuple[int, int, int], ...]:
        k = step.index_in_layer[-1]
        if step.formula_id == "perceptron_net":
            return tuple((0, i, k) for i in range(self.t.network.layers[0]))
        if step.formula_id == "perceptron_w":
            return ((0, step.index_in_layer[0], k),)
        return ()


# ---------------------------------------------------------------- training
@dataclass(frozen=True)
class PerceptronRun:
    """The result of :func:`train_perceptron`.

    ``mistakes[e]`` is the number of misclassified samples seen in epoch e
    (each one caused an update); ``history[e]`` the (weights, biases) after it.
    """

    network: Network
    converged: bool
    epochs: int
    max_epochs: int
    mistakes: list[int]
    history: list[tuple[np.ndarray, np.ndarray]]

    def message(self, lang: str = "es") -> str:
        """One sentence for the user: converged, or not within max_epochs."""
        if self.converged:
            return {
                "es": f"El perceptrón converge en {self.epochs} épocas: una época entera sin errores.",
                "en": f"The perceptron converges in {self.epochs} epochs: a whole epoch without mistakes.",
            }[lang]
        return {
            "es": f"El perceptrón no converge en {self.max_epochs} épocas: todavía falla en "
                  f"{self.mistakes[-1]} muestras; ¿son las clases linealmente separables?",
            "en": f"The perceptron does not converge in {self.max_epochs} epochs: it still gets "
                  f"{self.mistakes[-1]} samples wrong; are the classes linearly separable?",
        }[lang]


def train_perceptron(
    network: Network,
    x: np.ndarray,
    d: np.ndarray,
    eta: float = 0.1,
    max_epochs: int = 100,
    freeze_biases: bool = False,
    callback: Callable[[int, int], bool | None] | None = None,
) -> PerceptronRun:
    """Apply the perceptron rule sample by sample, epoch after epoch.

    Stops after the first epoch without mistakes (converged) or after
    ``max_epochs``. ``callback(epoch, mistakes)`` is called after each epoch;
    returning False stops early (not converged). ``network`` is not modified.
    """
    check_perceptron_network(network)
    eta = check_eta(eta)
    if isinstance(max_epochs, bool) or not isinstance(max_epochs, int) or max_epochs < 1:
        raise UserError(
            "The number of epochs must be a whole number of at least 1, not {0!r}.", max_epochs
        )
    xs = np.asarray(x, dtype=np.float64)
    ds = np.asarray(d, dtype=np.float64)
    if ds.ndim == 1:
        ds = ds[:, None]
    if xs.ndim != 2 or xs.shape[1] != network.layers[0] or ds.shape != (xs.shape[0], network.layers[1]):
        raise UserError(
            "The data must have {0} inputs and {1} target(s) per sample.",
            network.layers[0], network.layers[1],
        )
    if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ds))):
        raise UserError("The data contain a number that is not finite.")
    _check_targets(ds)
    f = get(network.activations[0]).f
    w, b = network.weights[0].copy(), network.biases[0].copy()
    mistakes: list[int] = []
    history: list[tuple[np.ndarray, np.ndarray]] = []
    converged = False
    for epoch in range(1, max_epochs + 1):
        wrong = 0
        for xi, di in zip(xs, ds, strict=True):
            err = di - f(xi @ w + b)
            if np.any(err != 0):
                wrong += 1
                w = w + eta * np.outer(xi, err)
                if not freeze_biases:
                    b = b + eta * err
        mistakes.append(wrong)
        history.append((w.copy(), b.copy()))
        if wrong == 0:
            converged = True
            break
        if callback is not None and callback(epoch, wrong) is False:
            break
    net = network.copy()
    net.weights, net.biases = [w], [b]
    return PerceptronRun(net, converged, len(mistakes), max_epochs, mistakes, history)


def decision_line(w: np.ndarray, b: float, lang: str = "es", digits: int = 4) -> str:
    """The decision line 0 = w·x + b of a 2-input neuron, as LaTeX with numbers."""
    terms = [rf"{num(wi, lang, digits)}\,x_{{{i + 1}}}" for i, wi in enumerate(np.ravel(w))]
    return "0 = " + " + ".join(terms) + f" + {num(b, lang, digits)}"
