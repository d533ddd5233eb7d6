"""Which samples a network gets wrong, the most confident mistakes first.

:func:`find_mistakes` runs a set of samples (the validation or test images)
through a :class:`~nnviz.core.model.network.Network` and returns the wrong
ones: what each is, what the network said and how sure it was. The most
confident mistakes come first: a 3 called an 8 with 99 % is the one worth
a look, a coin toss between two classes much less.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.model.network import Network
from nnviz.core.model.regions import class_probabilities

#: rows put through the network at a time: a 12,000-image validation set of
#: 784 inputs would otherwise take a 75 MB float64 copy in one go
_BLOCK_ROWS = 2048


@dataclass(frozen=True)
class Mistakes:
    """The misclassified samples of a set, most confident first.

    ``rows`` index the samples as given to :func:`find_mistakes`; ``true``,
    ``predicted`` and ``confidence`` (the probability the network gave its
    wrong answer) go with them. ``count`` is how many were wrong in all and
    ``total`` how many were checked (``rows`` may be cut to a limit)."""

    rows: np.ndarray
    true: np.ndarray
    predicted: np.ndarray
    confidence: np.ndarray
    count: int
    total: int

    def __len__(self) -> int:
        return int(self.rows.size)


def class_probabilities_of(net: Network, x: np.ndarray) -> np.ndarray:
    """Class probabilities (n, C) of ``net`` for the rows of ``x``, a block of rows at a time."""
    x = np.asarray(x).reshape(-1, net.layers[0])
    parts = [
        class_probabilities(net.forward(x[start : start + _BLOCK_ROWS])[-1], net.activations[-1])
        for start in range(0, len(x), _BLOCK_ROWS)
    ]
    if not parts:
        return np.zeros((0, max(net.layers[-1], 2)))
    return np.concatenate(parts)


def find_mistakes(net: Network, x: np.ndarray, y: np.ndarray, limit: int | None = None) -> Mistakes:
    """The samples of ``x`` whose predicted class is not their label ``y``.

    Sorted by the probability of the wrong answer, highest first (ties by
    position); at most ``limit`` of them when given."""
    y = np.asarray(y, dtype=np.int64).ravel()
    probs = class_probabilities_of(net, x)
    if len(probs) != len(y):
        raise ValueError("one label per sample")
    predicted = probs.argmax(axis=1) if len(probs) else np.zeros(0, dtype=np.int64)
    wrong = np.flatnonzero(predicted != y)
    confidence = probs[wrong, predicted[wrong]]
    order = wrong[np.lexsort((wrong, -confidence))]  # stable: equal confidence keeps the order
    count = int(order.size)
    if limit is not None:
        order = order[: max(int(limit), 0)]
    return Mistakes(
        rows=order,
        true=y[order],
        predicted=predicted[order].astype(np.int64),
        confidence=probs[order, predicted[order]],
        count=count,
        total=int(len(y)),
    )
