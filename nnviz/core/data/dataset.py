"""The data set: inputs and class labels with a train/validation split.

A :class:`Dataset` holds inputs ``x`` (n, d) float64 and integer class labels
``y`` (n,). How labels become targets depends on the network's output layer:
see :func:`targets_for`. Where data sets come from is in
:mod:`nnviz.core.data.datasets` (generators, lesson data),
:mod:`nnviz.core.data.digits` (images) and :mod:`nnviz.core.data.tabular`
(the user's own tables).

Optional parts, all None unless the data has them: ``class_names`` (a name
per class, e.g. from a table's label column), ``values`` (regression
targets: the data set is then a regression, :attr:`Dataset.is_regression`,
with ``n_classes`` 0), ``scaling`` (the standardisation applied to ``x``),
``feature_names``, ``source`` (how to build it again) and ``test`` (a test
part kept apart from training and validation, as MNIST's test images). ``x`` stays float32
when it is given as float32 (a big table: see :mod:`nnviz.core.data.table`);
anything else becomes float64.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from nnviz.core.data.origin import DataSource
from nnviz.core.data.scaling import Standardisation
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
    #: a name per class (index = class), or None: the classes are 0, 1, …
    class_names: list[str] | None = None
    #: (n, k) float64 regression targets, or None for class labels
    values: np.ndarray | None = None
    #: the standardisation already applied to ``x`` (to show it, and to undo it)
    scaling: Standardisation | None = None
    #: a name per feature (column of ``x``), or None
    feature_names: list[str] | None = None
    #: where the data came from and how to build it again
    source: DataSource | None = None
    #: the test part, kept apart: never trained on, never used to choose a
    #: setting, evaluated on its own (MNIST's 10,000 test images); or None
    test: Dataset | None = None

    def __post_init__(self) -> None:
        if not (isinstance(self.x, np.ndarray) and self.x.dtype == np.float32):
            self.x = np.asarray(self.x, dtype=np.float64)
        self.y = np.asarray(self.y, dtype=np.int64)
        if self.train_idx.size == 0 and self.val_idx.size == 0:
            self.train_idx = np.arange(len(self.x))
        if self.values is not None:
            v = np.asarray(self.values, dtype=np.float64)
            self.values = v.reshape(len(v), -1) if v.ndim == 1 else v
            if len(self.values) != len(self.x):
                raise ValueError("one regression target row per sample")
        if self.class_names is not None and len(self.class_names) != self.n_classes:
            raise ValueError("one class name per class")

    @property
    def is_regression(self) -> bool:
        """True when the targets are numbers to predict (``values``), not classes."""
        return self.values is not None

    def class_name(self, k: int) -> str:
        """The name of class ``k``: its ``class_names`` entry, else the number."""
        if self.class_names is not None and 0 <= k < len(self.class_names):
            return self.class_names[k]
        return str(k)

    def without_split(self) -> Dataset:
        """The same data (the same arrays, names, scaling and source) with no
        train/validation split yet: every sample trains."""
        return replace(
            self, train_idx=np.zeros(0, dtype=np.int64), val_idx=np.zeros(0, dtype=np.int64)
        )

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
    if isinstance(x, (str, bytes)) or isinstance(y, (str, bytes)):
        raise UserError("Field 'data.x' must be a non-empty list of points.")
    try:
        xa = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError, OverflowError, RecursionError):  # ragged rows, words
        raise UserError("Field 'data.x' must be a list of points, each a list of the same count of numbers.") from None
    try:
        ya = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError, OverflowError, RecursionError):
        raise UserError("Field 'data.y' must hold whole class numbers 0, 1, ...") from None
    if xa.ndim != 2 or len(xa) == 0 or xa.shape[1] == 0:
        raise UserError("Field 'data.x' must be a non-empty list of points.")
    if ya.shape != (len(xa),):
        raise UserError("Field 'data.y' must hold one label for each point in 'data.x'.")
    if not np.all(np.isfinite(xa)):
        raise UserError("Field 'data.x' contains a number that is not finite.")
    if not np.all(np.isfinite(ya)) or not np.all(ya == np.round(ya)) or ya.min() < 0 or ya.max() > 1e6:
        raise UserError("Field 'data.y' must hold whole class numbers 0, 1, ...")
    ya = ya.astype(np.int64)
    return Dataset(xa, ya, n_classes=int(ya.max()) + 1, name=name)
