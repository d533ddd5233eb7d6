"""Data a script hands over as arrays (numpy, torch tensors, lists), checked against a network.

:func:`dataset_for_network` turns ``X`` (samples × features) and ``y`` into a
:class:`~nnviz.core.data.dataset.Dataset` that ``net`` can train on, or
refuses with one sentence naming the row (``X[3, 1]``, ``y[7]``) or the shape
that does not fit. This is how ``nnviz.show(model, X, y)`` reads a student's
data (see :mod:`nnviz.api`).

What ``y`` means:

- **Class labels**: whole numbers 0, 1, 2, … given as integers (or booleans).
  With a softmax output (or any output of several neurons) label k is output
  neuron k, so every label must be below the number of outputs; with one
  output neuron the labels are 0 and 1.
- **Numbers to predict** (a regression): floats. Floats that are all whole
  numbers are read as class labels instead when the output layer is softmax or
  sigmoid (``np.array([0., 1., 1., 0.])`` for a classifier), since those
  outputs are made for classes. ``y`` of shape (n, k) predicts k numbers.

The numbers are kept as they are, not standardised: the network trained in
the window must go on working on the script's own ``X``. A tenth of ten rows
or more is held out for validation (:data:`VAL_FRACTION`); fewer rows all train.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnviz.core.data.dataset import Dataset, split
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network

#: the share of the rows held out for validation
VAL_FRACTION = 0.2
#: fewer rows than this all train (a held-out XOR point cannot be learnt)
MIN_ROWS_TO_VALIDATE = 10
#: output activations made for classes: whole-number floats are labels for them
CLASS_OUTPUTS = ("softmax", "sigmoid")


def as_array(value: Any) -> np.ndarray:
    """``value`` as a numpy array: a torch tensor is detached and copied to the CPU
    (without importing torch), a list or a pandas object goes through ``np.asarray``."""
    if hasattr(value, "detach") and hasattr(value, "cpu") and hasattr(value, "numpy"):
        value = value.detach().cpu().numpy()
    try:
        return np.asarray(value)
    except (TypeError, ValueError):  # ragged lists
        return np.asarray(value, dtype=object)


def dataset_for_network(x: Any, y: Any, net: Network, name: str = "data") -> Dataset:
    """``x`` and ``y`` as a data set ``net`` trains on (see the module docstring).

    Raises :class:`UserError` with one sentence for each thing that does not fit.
    """
    xa = _features(x, net.layers[0])
    ya = as_array(y)
    if ya.ndim == 0 or len(ya) != len(xa):
        n_y = 1 if ya.ndim == 0 else len(ya)
        raise UserError("X has {0} rows but y has {1}; give y one label per row of X.", len(xa), n_y)
    if ya.dtype.kind not in "biuf":
        raise UserError(
            "y must hold numbers (class labels 0, 1, 2, … or values to predict), not {0!r}.",
            ya.reshape(-1)[0].item() if ya.size else ya.dtype.name,
        )
    if ya.ndim == 2 and ya.shape[1] == 1 and not _is_regression(ya, net):
        ya = ya[:, 0]
    if ya.ndim not in (1, 2) or (ya.ndim == 2 and not _is_regression(ya, net)):
        raise UserError(
            "y has shape {0}; give one class label per row, shape ({1},).", list(ya.shape), len(xa)
        )
    _check_finite(ya, "y")
    if _is_regression(ya, net):
        ds = _regression(xa, ya, net, name)
    else:
        ds = _classes(xa, ya, net, name)
    fraction = VAL_FRACTION if len(xa) >= MIN_ROWS_TO_VALIDATE else 0.0
    return split(ds, fraction, seed=0)


def _features(x: Any, n_inputs: int) -> np.ndarray:
    xa = as_array(x)
    if xa.dtype.kind not in "biuf":
        raise UserError("X must hold numbers, one row per sample and one column per feature.")
    if xa.ndim == 1 and n_inputs == 1:
        xa = xa[:, None]  # one feature given as a flat list
    if xa.ndim != 2:
        raise UserError(
            "X has shape {0}; give a table of shape (samples, features), one row per sample.",
            list(xa.shape),
        )
    if len(xa) == 0:
        raise UserError("X has no rows; give at least one sample.")
    if xa.shape[1] != n_inputs:
        raise UserError(
            "X has shape {0}, but the network's input layer needs the shape (samples, {1}): one column per input.",
            list(xa.shape), n_inputs,
        )
    xa = xa.astype(np.float64)
    _check_finite(xa, "X")
    return xa


def _check_finite(a: np.ndarray, what: str) -> None:
    bad = np.argwhere(~np.isfinite(a.astype(np.float64)))
    if len(bad):
        where = ", ".join(str(int(i)) for i in bad[0])
        raise UserError("{0}[{1}] is {2}; every value must be a finite number.", what, where, float(a[tuple(bad[0])]))


def _is_regression(ya: np.ndarray, net: Network) -> bool:
    if ya.dtype.kind != "f":
        return False
    whole = bool(np.all(ya == np.round(ya))) if np.all(np.isfinite(ya)) else False
    return not (whole and net.activations[-1] in CLASS_OUTPUTS)


def _regression(xa: np.ndarray, ya: np.ndarray, net: Network, name: str) -> Dataset:
    values = ya.astype(np.float64).reshape(len(ya), -1)
    out_act, n_out = net.activations[-1], net.layers[-1]
    if out_act == "softmax":
        raise UserError(
            "y holds numbers to predict such as {0}, but a softmax output gives classes; "
            "give y as whole class numbers (integers) 0, 1, 2, ….",
            float(values[values != np.round(values)][0]),  # whole floats are classes for softmax
        )
    if values.shape[1] != n_out:
        raise UserError(
            "y has shape {0}, but the network's output layer predicts the shape (samples, {1}).",
            list(ya.shape), n_out,
        )
    return Dataset(xa, np.zeros(len(xa), dtype=np.int64), 0, name=name, values=values)


def _classes(xa: np.ndarray, ya: np.ndarray, net: Network, name: str) -> Dataset:
    n_out = net.layers[-1]
    labels = ya.astype(np.float64)
    wrong = np.flatnonzero((labels != np.round(labels)) | (labels < 0))
    if len(wrong):
        i = int(wrong[0])
        raise UserError("y[{0}] is {1}; class labels are whole numbers 0, 1, 2, ….", i, ya[i].item())
    top = 1 if n_out == 1 else n_out - 1
    over = np.flatnonzero(labels > top)
    if len(over):
        i = int(over[0])
        if n_out == 1:
            raise UserError(
                "y[{0}] is class {1}, but one output neuron tells two classes apart, 0 and 1; "
                "give the network one output per class.",
                i, int(labels[i]),
            )
        raise UserError(
            "y[{0}] is class {1}, but the network's {2} outputs stand for the classes 0 to {3}.",
            i, int(labels[i]), n_out, top,
        )
    return Dataset(xa, labels.astype(np.int64), 2 if n_out == 1 else n_out, name=name)
