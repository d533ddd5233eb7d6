"""The numbers of one computed backprop update, before they become steps.

:func:`nnviz.core.lecture.backprop.backprop_update` fills a :class:`TraceArrays`;
the steps and their renderer (:class:`nnviz.core.lecture.formulas.BackpropRenderer`)
read it. It lives apart from both so that neither imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.lecture.dropout import DropoutMasks
from nnviz.core.model.network import Network


@dataclass(frozen=True, eq=False)
class TraceArrays:
    """The computed update, shared by all steps and their renderer."""

    network: Network  # before the update
    x: np.ndarray
    d: np.ndarray
    eta: float
    freeze_biases: bool
    nets: list[np.ndarray]
    outs: list[np.ndarray]
    deltas: list[np.ndarray]
    dws: list[np.ndarray]
    dbs: list[np.ndarray]
    new_w: list[np.ndarray]
    new_b: list[np.ndarray]
    error: float
    #: "squared" or "cross_entropy" (see :mod:`nnviz.core.lecture.losses`)
    loss: str = "squared"
    #: the activations f(net) before dropout (``outs`` holds h̃ = m h / (1 − p)
    #: for a hidden layer with dropout); None: the same as ``outs``
    raw_outs: list[np.ndarray] | None = None
    #: the update's dropout masks, None without dropout
    dropout: DropoutMasks | None = None

    def raw(self, layer: int) -> np.ndarray:
        """f(net) of ``layer``, before any dropout."""
        return (self.raw_outs or self.outs)[layer]

    def mask(self, layer: int) -> np.ndarray | None:
        """The 0/1 dropout mask of ``layer``, None when it has none."""
        return None if self.dropout is None else self.dropout.masks[layer]
