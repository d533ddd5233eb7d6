"""The error the stepper minimises, by the network's output layer.

The slides' squared error E = ½‖d − y‖² for every output except softmax,
which goes with the cross-entropy E = −Σ d_k log y_k (the digits lesson, the
2-3-3 toy). With that pair the output delta is δ_k = d_k − y_k: the same sign
convention as everywhere else in the stepper, δ_k = −∂E/∂net_k and
Δω = +η δ h (the issue's δ_k = y_k − d_k is ∂E/∂net_k itself).
"""

from __future__ import annotations

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.model.activations import log_softmax
from nnviz.core.model.network import Network


def loss_for(network: Network) -> str:
    """"cross_entropy" for a softmax output, else "squared"."""
    return "cross_entropy" if network.activations[-1] == "softmax" else "squared"


def error_value(loss: str, d: np.ndarray, y: np.ndarray, net: np.ndarray) -> float:
    """E for one sample (``net``: the output layer's net inputs, for the log)."""
    if loss == "cross_entropy":
        return float(-np.sum(d * log_softmax(net)))
    return float(0.5 * np.sum((d - y) ** 2))


def mean_error(network: Network, xs: np.ndarray, ds: np.ndarray) -> float:
    """Mean E over the rows of ``xs`` with targets ``ds``."""
    nets, outs = network.forward_with_nets(xs)
    y = outs[-1]
    if loss_for(network) == "cross_entropy":
        return float(np.mean(-np.sum(ds * log_softmax(nets[-1]), axis=-1)))
    return float(np.mean(0.5 * np.sum((ds - y) ** 2, axis=-1)))


def check_target(network: Network, d: np.ndarray) -> None:
    """A softmax output's target must be probabilities that add up to 1."""
    if loss_for(network) != "cross_entropy":
        return
    if np.any(d < 0) or abs(float(np.sum(d)) - 1.0) > 1e-9:
        raise UserError(
            "With a softmax output the target must be probabilities that add up to 1 "
            "(one class is a 1 among 0s, such as 0 1 0)."
        )
