"""The numbers of one computed backprop update, before they become steps.

:func:`nnviz.core.lecture.backprop.backprop_update` fills a :class:`TraceArrays`;
the steps and their renderer (:class:`nnviz.core.lecture.formulas.BackpropRenderer`)
read it. It lives apart from both so that neither imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
