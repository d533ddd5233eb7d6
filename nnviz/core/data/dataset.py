"""The data set: inputs and class labels with a train/validation split.

A :class:`Dataset` holds inputs ``x`` (n, d) float64 and integer class labels
``y`` (n,). How labels become targets depends on the network's output layer:
see :func:`targets_for`. Where data sets come from is in
:mod:`nnviz.core.data.datasets` (generators, lesson data) and
:mod:`nnviz.core.data.digits` (images).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnviz.core.errors import UserError


@dataclass
class Dataset:
    x: np.ndarray
    y: np.ndarray
    n_classes: int
    name: str = "points"
    #: (rows, cols) when each input is an image, for drawing it
    image_shape: tuple[int, int] | None = None
    #: indices of the training and validation samples
    train_idx: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    val_idx: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        self.x = np.asarray(self.x, dtype=np.float64)
        self.y = np.asarray(self.y, dtype=np.int64)
        if self.train_idx.size == 0 and self.val_idx.size == 0:
            self.train_idx = np.arange(len(self.x))

    @property
    def n_features(self) -> int:
        return int(self.x.shape[1])

    @property
    def x_train(self) -> np.ndarray:
        return self.x[self.train_idx]

    @property
    def y_train(self) -> np.ndarray:
        return self.y[self.train_idx]

    @property
    def x_val(self) -> np.ndarray:
        return self.x[self.val_idx]

    @property
    def y_val(self) -> np.ndarray:
        return self.y[self.val_idx]


def split(ds: Dataset, val_fraction: float, seed: int = 0) -> Dataset:
    """Shuffle and split ``ds`` in place into training and validation parts."""
    if not 0.0 <= val_fraction < 1.0:
        raise UserError("The validation fraction must be in [0, 1), not {0}.", val_fraction)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(ds.x))
    n_val = int(round(val_fraction * len(order)))
    ds.val_idx = np.sort(order[:n_val])
    ds.train_idx = np.sort(order[n_val:])
    return ds


def targets_for(labels: np.ndarray, n_outputs: int, activation: str) -> np.ndarray:
    """Targets d for class ``labels`` given the output layer.

    One output: 0/1 for a sigmoid, -1/1 for tanh, sign and step (the slides'
    perceptron), the label itself otherwise. Several outputs: one-hot.
    """
    labels = np.asarray(labels, dtype=np.int64)
    if n_outputs == 1:
        t = labels.astype(np.float64)
        if activation in ("tanh", "sign", "step"):
            t = 2.0 * t - 1.0
        return t[:, None]
    onehot = np.zeros((len(labels), n_outputs))
    onehot[np.arange(len(labels)), labels] = 1.0
    if activation in ("tanh", "sign", "step"):
        onehot = 2.0 * onehot - 1.0
    return onehot


def from_points(x: Any, y: Any, name: str = "points") -> Dataset:
    """A data set from explicit points and labels, as a lesson file gives them."""
    xa = np.asarray(x, dtype=np.float64)
    ya = np.asarray(y)
    if xa.ndim != 2 or len(xa) == 0:
        raise UserError("Field 'data.x' must be a non-empty list of points.")
    if ya.shape != (len(xa),):
        raise UserError("Field 'data.y' must hold one label for each point in 'data.x'.")
    if not np.all(np.isfinite(xa)):
        raise UserError("Field 'data.x' contains a number that is not finite.")
    if not np.all(ya == np.round(ya)) or ya.min() < 0:
        raise UserError("Field 'data.y' must hold whole class numbers 0, 1, ...")
    ya = ya.astype(np.int64)
    return Dataset(xa, ya, n_classes=int(ya.max()) + 1, name=name)
