"""One update of the weights as an ordered list of steps, and the state after each.

The slides' summary ("Algoritmo backpropagation. Resumen") numbers seven steps:

1. with the input x, the outputs h_j of the (first) hidden layer;
2. propagate up to the output y_k (every later layer, the output included);
3. the error: E = ½‖d − y‖² and the output deltas δ_k;
4. the increments of the last weight layer, Δω_jk = η δ_k h_j (and Δb_k);
5. update that layer, ω_jk ← ω_jk + Δω_jk (and b_k);
6. for each hidden layer, from the last back: δ_j = f′(net_j) Σ_k δ_k ω_jk
   with the weights from *before* this update, then Δω_ij = η δ_j x_i;
7. update that layer, ω_ij ← ω_ij + Δω_ij.

With more than one hidden layer, steps 6 and 7 repeat once per hidden layer,
going back. The error E belongs to step 3 ("Calculamos el error").

Indices (0-based, as in :class:`~nnviz.core.model.network.Network`): layer 0 is the
input, layer L the output; ``weights[l][j, k]`` is ω_jk from neuron j of layer
l to neuron k of layer l+1 ("weight layer" l). The LaTeX shows them 1-based,
as the slides do.

A :class:`Step` is plain data. Its LaTeX, numbers, captions, neurons and edges
are built on first access only (a 784-128-64-10 update costs about what its
matrix products cost); they never change afterwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import numpy as np

from nnviz.core.model.network import Network

#: phases in the order they happen
PHASES: tuple[str, ...] = ("forward", "error", "backward", "update")

#: what a step can set; the key's first element (see :attr:`Step.sets`);
#: "chain" (the chain rule's ∂E/∂ω, a derivation) sets nothing in the state
SET_KINDS: tuple[str, ...] = ("net", "out", "error", "delta", "dw", "db", "w", "b", "chain")

#: the slides' titles of the seven steps of the summary
SLIDE_STEP_TITLES: dict[int, dict[str, str]] = {
    1: {"es": "Con la entrada x, calculamos las salidas de la capa oculta",
        "en": "With the input x, compute the outputs of the hidden layer"},
    2: {"es": "Propagamos hasta la salida", "en": "Propagate up to the output"},
    3: {"es": "Calculamos el error", "en": "Compute the error"},
    4: {"es": "El incremento de los pesos (capa jk)", "en": "The weight increments (layer jk)"},
    5: {"es": "Actualizamos los pesos (capa jk)", "en": "Update the weights (layer jk)"},
    6: {"es": "El incremento de los pesos (ij)", "en": "The weight increments (ij)"},
    7: {"es": "Actualizamos los pesos (ij)", "en": "Update the weights (ij)"},
}


class StepRenderer(Protocol):
    """What builds a step's text; the engine that made the step provides it."""

    def latex(self, step: Step) -> str: ...

    def latex_numbers(self, step: Step, lang: str, digits: int) -> str: ...

    def caption(self, step: Step, lang: str) -> str: ...

    def neurons(self, step: Step) -> tuple[tuple[int, int], ...]: ...

    def edges(self, step: Step) -> tuple[tuple[int, int, int], ...]: ...


@dataclass(frozen=True, eq=False)
class Step:
    """One formula applied once: one scalar (granularity "scalar") or one layer
    in vector form (granularity "layer").

    Fields:

    - ``index``: position in the trace (0-based).
    - ``phase``: "forward" (net inputs, activations), "error" (E), "backward"
      (deltas δ and increments Δω, Δb) or "update" (ω ← ω + Δω, b ← b + Δb).
    - ``slide_step``: 1..7 of the slides' summary (see the module doc); the
      error E is step 3. ``None`` for the perceptron rule, which is not part of
      that summary.
    - ``formula_id``: which formula: a key of
      :data:`nnviz.core.lecture.formulas.FORMULAS` ("net", "out", "error",
      "delta_out", "delta_hidden", "dw", "db", "w_update", "b_update";
      "perceptron_*" for the perceptron rule), or one the steps added with
      the chain rule, softmax and dropout write themselves
      (:mod:`nnviz.core.lecture.lecture_renderer`: "chain_rule", "dropout",
      h̃ = m h / (1 − p)).
    - ``layer``: the network layer (0 = input) whose neurons the value belongs
      to; for weights and biases of weight layer l, the receiving layer l+1.
    - ``index_in_layer``: ``(k,)`` for a neuron value, ``(j, k)`` for a weight,
      ``()`` for a whole layer or for E.
    - ``sets``: what the step computes, a key of the :class:`StepState`:
      ``("net", layer, k)``, ``("out", layer, k)``, ``("error",)``,
      ``("delta", layer, k)``, ``("dw", l, j, k)``, ``("db", l, k)``,
      ``("w", l, j, k)``, ``("b", l, k)``; per layer the same without the
      neuron indices (``("w", l)`` sets the whole matrix). ``("chain", l, j, k)``
      / ``("chain", l)``: the chain rule's ∂E/∂ω of weight layer l, shown but
      kept nowhere.
    - ``value``: a float for a scalar step, a read-only numpy array (vector or
      ``[j, k]`` matrix) for a layer step.

    Built on first access: ``latex`` (symbolic, as on the slide, with the
    concrete indices), ``latex_numbers`` (the same with the numbers substituted
    and the result, in the trace's language: decimal comma ``0{,}5`` in Spanish,
    negatives in parentheses), ``caption`` (a sentence in the trace's
    language), ``neurons`` ((layer, i) pairs to light) and ``edges``
    ((weight_layer, j, k) triples to light). ``numbers_in(lang)`` and
    ``caption_in(lang)`` give the other language without recomputing anything.
    """

    index: int
    phase: str
    slide_step: int | None
    formula_id: str
    layer: int
    index_in_layer: tuple[int, ...]
    sets: tuple[Any, ...]
    value: Any
    granularity: str
    lang: str
    _renderer: StepRenderer = field(repr=False)

    @property
    def is_scalar(self) -> bool:
        return self.granularity == "scalar"

    @cached_property
    def latex(self) -> str:
        return self._renderer.latex(self)

    @cached_property
    def latex_numbers(self) -> str:
        return self.numbers_in(self.lang)

    @cached_property
    def caption(self) -> str:
        return self.caption_in(self.lang)

    @cached_property
    def neurons(self) -> tuple[tuple[int, int], ...]:
        return self._renderer.neurons(self)

    @cached_property
    def edges(self) -> tuple[tuple[int, int, int], ...]:
        return self._renderer.edges(self)

    def numbers_in(self, lang: str, digits: int = 4) -> str:
        """The formula with numbers substituted, in ``lang`` ("es" or "en")."""
        return self._renderer.latex_numbers(self, lang, digits)

    def caption_in(self, lang: str) -> str:
        """The step's caption in ``lang`` ("es" or "en")."""
        return self._renderer.caption(self, lang)

    def value_as_python(self) -> float | list[Any]:
        """``value`` as a float or (nested) list, for JSON."""
        if isinstance(self.value, np.ndarray):
            return self.value.tolist()
        return float(self.value)

    def to_dict(self, lang: str | None = None, digits: int = 4) -> dict[str, Any]:
        """The step as JSON-ready data, texts in ``lang`` (default: the trace's)."""
        lang = lang or self.lang
        return {
            "index": self.index,
            "phase": self.phase,
            "slide_step": self.slide_step,
            "formula_id": self.formula_id,
            "granularity": self.granularity,
            "layer": self.layer,
            "index_in_layer": list(self.index_in_layer),
            "sets": list(self.sets),
            "caption": self.caption_in(lang),
            "latex": self.latex,
            "latex_numbers": self.numbers_in(lang, digits),
            "value": self.value_as_python(),
            "neurons": [list(n) for n in self.neurons],
            "edges": [list(e) for e in self.edges],
        }


@dataclass(frozen=True)
class StepState:
    """Everything known after a step: what a stepper shows at that moment.

    Lists are per network layer (index 0 = input); entries not computed yet
    are NaN. ``outputs[0]`` is the input x, known from the start.
    ``weight_increments[l]`` / ``bias_increments[l]`` are per weight layer.
    ``network`` holds the weights and biases as updated so far (a copy: edit it
    freely). ``index`` is the step just applied (-1: before the first).
    """

    index: int
    network: Network
    net_inputs: list[np.ndarray]
    outputs: list[np.ndarray]
    error: float
    deltas: list[np.ndarray]
    weight_increments: list[np.ndarray]
    bias_increments: list[np.ndarray]

    def is_known(self, key: tuple[Any, ...]) -> bool:
        """Whether the quantity ``key`` (a :attr:`Step.sets` key) has been computed."""
        value = _lookup(self, key)
        return bool(np.all(np.isfinite(value)))


def _lookup(state: StepState, key: tuple[Any, ...]) -> Any:
    kind = key[0]
    if kind == "chain":
        return 0.0  # a derivation: nothing to wait for
    if kind == "error":
        return state.error
    table = {
        "net": state.net_inputs,
        "out": state.outputs,
        "delta": state.deltas,
        "dw": state.weight_increments,
        "db": state.bias_increments,
        "w": state.network.weights,
        "b": state.network.biases,
    }[kind]
    arr = table[key[1]]
    return arr[tuple(key[2:])] if len(key) > 2 else arr


def apply_step(arrays: dict[str, Any], step: Step) -> None:
    """Write ``step.value`` into ``arrays`` (the mutable parts of a state)."""
    key = step.sets
    kind = key[0]
    if kind == "chain":
        return
    if kind == "error":
        arrays["error"] = float(step.value)
        return
    target = arrays[kind][key[1]]
    if len(key) > 2:
        target[tuple(key[2:])] = step.value
    else:
        target[...] = step.value


def nan_like(arrs: list[np.ndarray]) -> list[np.ndarray]:
    return [np.full(a.shape, math.nan) for a in arrs]
