"""Activation functions of the slides, each with its derivative (numpy, float64).

``f(net)`` gives the activation; ``df(net, out)`` its derivative, given both the
net input and the output so that the sigmoid can use the slides' y(1 - y).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

ArrayFn = Callable[[np.ndarray], np.ndarray]


def _sigmoid(a: np.ndarray) -> np.ndarray:
    # Split by sign so that large |a| never overflows exp().
    a = np.asarray(a, dtype=np.float64)
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-a[pos]))
    ea = np.exp(a[~pos])
    out[~pos] = ea / (1.0 + ea)
    return out


def _step(a: np.ndarray) -> np.ndarray:
    # The slides: f(a) = 1 if a > 0, -1 if a < 0. We choose f(0) = 1 so that a
    # point exactly on the decision line counts as the positive class.
    return np.where(np.asarray(a) >= 0, 1.0, -1.0)


def _sign(a: np.ndarray) -> np.ndarray:
    return np.sign(np.asarray(a, dtype=np.float64))


def log_softmax(a: np.ndarray) -> np.ndarray:
    """log y for y = softmax(a) over the last axis, without overflow or log(0)
    (the cross-entropy's log, taken from the net input, never from a rounded y)."""
    a = np.asarray(a, dtype=np.float64)
    z = a - np.max(a, axis=-1, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))


def _softmax(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    z = a - a.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class Activation:
    name: str
    f: ArrayFn
    #: derivative as a function of (net, out); None when not differentiable
    df: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    #: LaTeX of f(a) as the slides would write it
    latex: str
    #: LaTeX of f'(a), in terms of the output where the slides do so
    dlatex: str

    @property
    def differentiable(self) -> bool:
        return self.df is not None


ACTIVATIONS: dict[str, Activation] = {
    "identity": Activation(
        "identity", lambda a: np.asarray(a, dtype=np.float64), lambda a, y: np.ones_like(y), r"f(a)=a", r"f'=1"
    ),
    "step": Activation(
        "step",
        _step,
        None,
        r"f(a)=\left\{\genfrac{}{}{0}{0}{\phantom{-}1\quad a\geq 0}{-1\quad a<0}\right.",
        "",
    ),
    "sign": Activation("sign", _sign, None, r"f(a)=\mathrm{sign}(a)", ""),
    "sigmoid": Activation(
        "sigmoid", _sigmoid, lambda a, y: y * (1.0 - y), r"f(a)=\dfrac{1}{1+e^{-a}}", r"f'=y\,(1-y)"
    ),
    "tanh": Activation("tanh", np.tanh, lambda a, y: 1.0 - y * y, r"f(a)=\tanh(a)", r"f'=1-y^2"),
    # ReLU's derivative at exactly 0 is taken as 0, as torch does.
    "relu": Activation(
        "relu",
        lambda a: np.maximum(np.asarray(a, dtype=np.float64), 0.0),
        lambda a, y: (np.asarray(a) > 0).astype(np.float64),
        r"f(a)=\max(0,a)",
        r"f'=\left\{\genfrac{}{}{0}{0}{1\quad a>0}{0\quad a\leq 0}\right.",
    ),
    # Softmax is only used as an output with cross-entropy; its Jacobian is not
    # diagonal, so the per-neuron backprop of the slides does not apply.
    "softmax": Activation(
        "softmax", _softmax, None, r"f(a)_k=\dfrac{e^{a_k}}{\sum_j e^{a_j}}", ""
    ),
}

NAMES: tuple[str, ...] = tuple(ACTIVATIONS)


def get(name: str) -> Activation:
    """The activation called ``name``; ``KeyError`` when unknown."""
    return ACTIVATIONS[name]
