"""The same update computed by PyTorch: "PyTorch hace todo esto con sólo una orden".

:func:`torch_update` builds the network in torch (float64), computes
E = ½‖d − y‖² (for a softmax output the cross-entropy −Σ d log y, from
``log_softmax``), multiplies each hidden layer by the update's fixed dropout
mask / (1 − p) when there is one, calls ``loss.backward()`` and ``optimizer.step()`` with
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
from nnviz.core.lecture.dropout import DropoutMasks
from nnviz.core.lecture.losses import check_target, loss_for
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


#: the loss line for a softmax output (the network's last layer gives the net
#: inputs; CrossEntropyLoss applies the softmax itself)
CROSS_ENTROPY_LINE = "loss = -(d * torch.log_softmax(y, 0)).sum()  # y: net inputs; E = -sum d log softmax\n"


def torch_snippet(lang: str = "es", loss: str = "squared") -> str:
    """:data:`TORCH_SNIPPET` with its comments in ``lang``; ``loss`` =
    "cross_entropy" writes the softmax output's loss line."""
    text = TORCH_SNIPPET
    if loss == "cross_entropy":
        text = "\n".join(CROSS_ENTROPY_LINE.rstrip("\n") if line.startswith("loss =") else line
                         for line in text.split("\n"))
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
    dropout: DropoutMasks | None = None,
) -> TorchUpdate:
    """One ``loss.backward()`` + ``optimizer.step()`` in torch float64; with
    ``dropout``, each hidden layer's output is multiplied by its fixed mask and
    divided by 1 − p (what ``nn.Dropout`` does with that mask)."""
    import torch

    check_backprop_network(network)
    xv = torch.tensor(as_vector(x, network.layers[0], "input"), dtype=torch.float64)
    d_np = as_vector(d, network.layers[-1], "target")
    check_target(network, d_np)
    dv = torch.tensor(d_np, dtype=torch.float64)
    eta = check_eta(eta)
    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in network.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=not freeze_biases) for b in network.biases]
    params = ws + ([] if freeze_biases else bs)
    optimizer = torch.optim.SGD(params, lr=eta)
    optimizer.zero_grad()
    h = xv
    n_w = len(ws)
    for li, (w, b, act) in enumerate(zip(ws, bs, network.activations, strict=True)):
        a = h @ w + b
        if li == n_w - 1 and loss_for(network) == "cross_entropy":
            loss = -(dv * torch.log_softmax(a, 0)).sum()
            break
        h = _torch_activation(act)(a)
        mask = dropout.masks[li + 1] if dropout is not None else None
        if mask is not None:
            h = h * torch.tensor(mask, dtype=torch.float64) / (1.0 - dropout.p)
    else:
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
    result = torch_update(trace.network_before, trace.x, trace.d, trace.eta, trace.freeze_biases, trace.dropout)
    return max_abs_difference(trace.network_after, result.network)
