"""The activation functions' gallery in numbers: sampled curves f and f′, and a neuron's point on them.

The gallery (View → Activation functions) plots, for each activation of the
slides, f(net) and its derivative f′(net) over an interval, with their
formulas; while stepping or hovering a neuron it marks that neuron's net input
and output on f, and on f′ the slope f′(net) its δ uses. Everything it draws
comes from here:

- :func:`sample_curve`: f and f′ sampled on a grid. The step has f′ = 0
  wherever it is defined (it is not at 0, where it jumps), which is why no
  gradient can train it; the sigmoid's f′ = y(1 − y) is at most 1/4 and tends
  to 0 for large |net| (saturation). Softmax is a function of all the outputs'
  net inputs at once: its curve is one output y_k against its own net_k with
  the others fixed (``others``), and its "derivative" is ∂y_k/∂net_k = y_k(1 − y_k).
- :func:`curve_point`: the point (net, y, f′(net)) of one neuron.
- :func:`neuron_point`: the same from a network's layers (the stepper's state
  after a step, with NaN for what is not computed yet) or from a forward pass
  of a sample (:func:`forward_layers`).
- :data:`FORMULAS`: f and f′ in LaTeX (matplotlib mathtext), as the slides write them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnviz.core.model.activations import get
from nnviz.core.model.network import Network

#: the gallery's functions, in the order it shows them
GALLERY: tuple[str, ...] = ("step", "sigmoid", "tanh", "relu", "identity", "softmax")
#: the interval of net inputs the gallery plots by default
NET_RANGE: tuple[float, float] = (-6.0, 6.0)
#: softmax's other net inputs when no neuron fixes them: two more outputs at 0
SOFTMAX_OTHERS: tuple[float, ...] = (0.0, 0.0)

#: f and f′ of each gallery function (mathtext; ``\genfrac`` for cases, see FACTS.md)
FORMULAS: dict[str, tuple[str, str]] = {
    "step": (
        r"f(\mathrm{net})=\left\{\genfrac{}{}{0}{0}{\phantom{-}1\quad \mathrm{net}\geq 0}"
        r"{-1\quad \mathrm{net}<0}\right.",
        r"f'(\mathrm{net})=0\quad(\mathrm{net}\neq 0)",
    ),
    "sigmoid": (
        r"f(\mathrm{net})=\dfrac{1}{1+e^{-\mathrm{net}}}",
        r"f'(\mathrm{net})=y\,(1-y)\leq\dfrac{1}{4}",
    ),
    "tanh": (
        r"f(\mathrm{net})=\tanh(\mathrm{net})=\dfrac{e^{\mathrm{net}}-e^{-\mathrm{net}}}"
        r"{e^{\mathrm{net}}+e^{-\mathrm{net}}}",
        r"f'(\mathrm{net})=1-y^2",
    ),
    "relu": (
        r"f(\mathrm{net})=\max(0,\mathrm{net})",
        r"f'(\mathrm{net})=\left\{\genfrac{}{}{0}{0}{1\quad \mathrm{net}>0}{0\quad \mathrm{net}\leq 0}\right.",
    ),
    "identity": (r"f(\mathrm{net})=\mathrm{net}", r"f'(\mathrm{net})=1"),
    "softmax": (
        r"y_k=\dfrac{e^{\mathrm{net}_k}}{\sum_j e^{\mathrm{net}_j}}",
        r"\dfrac{\partial y_k}{\partial \mathrm{net}_k}=y_k\,(1-y_k)",
    ),
}


@dataclass(frozen=True)
class Curve:
    """f and f′ of ``name`` sampled at ``net`` (float64 arrays of one length).

    ``others``: softmax's fixed net inputs of the other outputs (empty otherwise).
    """

    name: str
    net: np.ndarray
    f: np.ndarray
    df: np.ndarray
    others: tuple[float, ...] = ()


@dataclass(frozen=True)
class CurvePoint:
    """One neuron on its activation's curves: net input, output y = f(net), slope f′(net)."""

    name: str
    net: float
    out: float
    slope: float
    #: softmax: the other outputs' net inputs, which fix its curve
    others: tuple[float, ...] = ()


def _softmax_own(net: np.ndarray, others: tuple[float, ...]) -> np.ndarray:
    """y_k as a function of its own net_k, the others fixed (overflow-safe)."""
    net = np.asarray(net, dtype=np.float64)
    o = np.asarray(others, dtype=np.float64)
    top = np.maximum(net, o.max()) if o.size else net
    num = np.exp(net - top)
    rest = np.exp(o[None, :] - top[..., None]).sum(axis=-1) if o.size else 0.0
    return num / (num + rest)


def _slope(name: str, net: np.ndarray, out: np.ndarray) -> np.ndarray:
    """f′(net) given f(net); 0 for the step and the sign (their derivative wherever it exists)."""
    if name == "softmax":
        return out * (1.0 - out)
    act = get(name)
    if act.df is None:
        return np.zeros_like(np.asarray(net, dtype=np.float64))
    return np.asarray(act.df(net, out), dtype=np.float64)


def sample_curve(
    name: str, lo: float = NET_RANGE[0], hi: float = NET_RANGE[1], n: int = 481,
    others: tuple[float, ...] | None = None,
) -> Curve:
    """f and f′ of the activation ``name`` at ``n`` net inputs from ``lo`` to ``hi``.

    Softmax: y_k against net_k with the other outputs' net inputs fixed at
    ``others`` (default :data:`SOFTMAX_OTHERS`), and ∂y_k/∂net_k. ``KeyError``
    for an unknown name.
    """
    net = np.linspace(float(lo), float(hi), int(n))
    if name == "softmax":
        fixed = tuple(float(v) for v in (SOFTMAX_OTHERS if others is None else others))
        out = _softmax_own(net, fixed)
        return Curve(name, net, out, _slope(name, net, out), fixed)
    out = np.asarray(get(name).f(net), dtype=np.float64)
    return Curve(name, net, out, _slope(name, net, out))


def curve_point(name: str, net: float, out: float | None = None, others: tuple[float, ...] = ()) -> CurvePoint:
    """The point of a neuron with net input ``net`` (``out``: its output when known,
    else f(net); softmax needs ``others``, the other outputs' net inputs)."""
    a = np.array([float(net)])
    if out is None:
        y = _softmax_own(a, others) if name == "softmax" else np.asarray(get(name).f(a), dtype=np.float64)
    else:
        y = np.array([float(out)])
    # an output not computed yet (NaN) leaves the slope unknown too
    slope = float(_slope(name, a, y)[0]) if math.isfinite(y[0]) else math.nan
    return CurvePoint(name, float(net), float(y[0]), slope, tuple(others))


def forward_layers(network: Network, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(net inputs, outputs) of every layer for one sample ``x``; layer 0's net input is x itself."""
    nets, outs = network.forward_with_nets(np.asarray(x, dtype=np.float64).ravel())
    return [outs[0], *nets], outs


def neuron_point(
    activations: list[str], net_inputs: list[np.ndarray], outputs: list[np.ndarray], layer: int, i: int
) -> CurvePoint | None:
    """Neuron ``i`` of ``layer`` (>= 1) on its activation's curves, from per-layer arrays
    (a stepper's state or :func:`forward_layers`); None for an input neuron, one out of
    range, or one whose net input is not computed yet (NaN). An output not computed
    yet (the stepper between net and f(net)) stays NaN, and so does the slope.
    A known output is taken as f(net), before any dropout mask."""
    if layer < 1 or layer >= len(net_inputs) or layer > len(activations):
        return None
    nets = np.asarray(net_inputs[layer], dtype=np.float64).ravel()
    if not 0 <= i < nets.size or not math.isfinite(nets[i]):
        return None
    name = activations[layer - 1]
    outs = np.asarray(outputs[layer], dtype=np.float64).ravel() if layer < len(outputs) else np.array([])
    # once the output is known, the point is f(net) itself: under dropout the
    # stepper's output is the scaled m·f(net)/(1 − p), off the curve, while
    # f′(net) (the δ's factor) is taken at f(net)
    out = None if i < outs.size and math.isfinite(outs[i]) else math.nan
    others: tuple[float, ...] = ()
    if name == "softmax":
        rest = np.delete(nets, i)
        if not np.all(np.isfinite(rest)):
            return None
        others = tuple(float(v) for v in rest)
    return curve_point(name, float(nets[i]), out, others)
