"""The same update computed by PyTorch: "PyTorch hace todo esto con sólo una orden".

:func:`torch_update` builds the network in torch (float64), computes
E = ½‖d − y‖², calls ``loss.backward()`` and ``optimizer.step()`` with
``torch.optim.SGD(lr=η)``, and returns the updated network and the gradients.
:func:`compare_with_trace` gives the largest difference from the slides'
engine (:func:`nnviz.core.lecture.backprop.backprop_update`): about 1e-17 in
practice. torch is imported on first use only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.core.lecture.backprop import UpdateTrace, as_vector, check_backprop_network, check_eta
from nnviz.core.model.network import Network

#: the few lines of PyTorch that do the whole update (the slides' "una orden"
#: is ``loss.backward()``); shown beside the manual steps
TORCH_SNIPPET = """\
optimizer = torch.optim.SGD(model.parameters(), lr=eta)
optimizer.zero_grad()               # poner a cero los gradientes
y = model(x)                        # feed forward
loss = 0.5 * ((d - y) ** 2).sum()   # E = 1/2 ||d - y||^2
loss.backward()                     # backpropagation: todos los deltas
optimizer.step()                    # w <- w - eta * dE/dw
"""

TORCH_SNIPPET_COMMENTS: dict[str, dict[str, str]] = {
    "es": {},
    "en": {
        "poner a cero los gradientes": "set the gradients to zero",
        "backpropagation: todos los deltas": "backpropagation: every delta",
    },
}


def torch_snippet(lang: str = "es") -> str:
    """:data:`TORCH_SNIPPET` with its comments in ``lang``."""
    text = TORCH_SNIPPET
    for es, other in TORCH_SNIPPET_COMMENTS.get(lang, {}).items():
        text = text.replace(es, other)
    return text


@dataclass(frozen=True)
class TorchUpdate:
    """The result of one torch update: the network after it, E before it, and
    ∂E/∂ω, ∂E/∂b per weight layer (the bias gradients are None when frozen)."""

    network: Network
    error: float
    weight_grads: list[np.ndarray]
    bias_grads: list[np.ndarray | None]


def _torch_activation(name: str):  # noqa: ANN202 - returns a torch callable
    import torch

    return {
        "identity": lambda a: a,
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
    }[name]


def torch_update(
    network: Network,
    x: Sequence[float] | np.ndarray,
    d: Sequence[float] | np.ndarray,
    eta: float,
    freeze_biases: bool = False,
) -> TorchUpdate:
    """One ``loss.backward()`` + ``optimizer.step()`` in torch float64."""
    import torch

    check_backprop_network(network)
    xv = torch.tensor(as_vector(x, network.layers[0], "input"), dtype=torch.float64)
    dv = torch.tensor(as_vector(d, network.layers[-1], "target"), dtype=torch.float64)
    eta = check_eta(eta)
    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in network.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=not freeze_biases) for b in network.biases]
    params = ws + ([] if freeze_biases else bs)
    optimizer = torch.optim.SGD(params, lr=eta)
    optimizer.zero_grad()
    h = xv
    for w, b, act in zip(ws, bs, network.activations, strict=True):
        h = _torch_activation(act)(h @ w + b)
    loss = 0.5 * ((dv - h) ** 2).sum()
    loss.backward()
    weight_grads = [w.grad.detach().numpy().copy() for w in ws]
    bias_grads = [None if freeze_biases else b.grad.detach().numpy().copy() for b in bs]
    optimizer.step()
    after = network.copy()
    after.weights = [w.detach().numpy().copy() for w in ws]
    after.biases = [b.detach().numpy().copy() for b in bs]
    return TorchUpdate(after, float(loss.item()), weight_grads, bias_grads)


def max_abs_difference(a: Network, b: Network) -> float:
    """The largest |difference| between two networks' weights and biases."""
    diffs = [np.max(np.abs(p - q)) for p, q in zip(a.weights + a.biases, b.weights + b.biases, strict=True)]
    return float(max(diffs))


def compare_with_trace(trace: UpdateTrace) -> float:
    """Largest |difference| between the engine's updated network and torch's."""
    result = torch_update(trace.network_before, trace.x, trace.d, trace.eta, trace.freeze_biases)
    return max_abs_difference(trace.network_after, result.network)
