"""A training problem (a network, a data set, the settings) made ready for an engine.

:func:`check_problem` refuses, in one sentence, a network that cannot learn
the data that way (an activation without a derivative, the wrong number of
inputs or outputs, cross-entropy without a softmax or sigmoid output, or
for a regression: a softmax output or cross-entropy);
:func:`prepare_data` gathers the training and validation rows and their
targets into the :class:`~nnviz.core.training.engine.EngineData` an engine
trains on: for classes, :func:`~nnviz.core.data.dataset.targets_for` of the
labels; for a regression (``dataset.values``), the target numbers themselves
(the labels are then zeros, and the engines' accuracy means nothing: the
trainer reports NaN).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnviz.core.data.dataset import Dataset, targets_for
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import TRAINABLE_ACTIVATIONS, TrainingConfig
from nnviz.core.training.engine import EngineData


def check_problem(network: Network, dataset: Dataset, config: TrainingConfig) -> None:
    """Raise :class:`UserError` when ``network`` cannot learn ``dataset`` this way."""
    config.validate()
    for i, act in enumerate(network.activations):
        if act not in TRAINABLE_ACTIVATIONS:
            raise UserError(
                "Layer {0} uses the '{1}' activation, which has no useful derivative; "
                "training needs identity, sigmoid, tanh, relu or softmax.",
                i + 1,
                act,
            )
    out_act, n_out = network.activations[-1], network.layers[-1]
    if out_act == "softmax" and n_out < 2:
        raise UserError("A softmax output layer needs at least two neurons.")
    if config.loss == "cross_entropy" and out_act not in ("softmax", "sigmoid"):
        raise UserError(
            "Cross-entropy needs a softmax or sigmoid output layer, not '{0}'; "
            "use the MSE loss or change the output activation.",
            out_act,
        )
    if network.layers[0] != dataset.n_features:
        raise UserError(
            "The network has {0} inputs but the data has {1} features per sample.",
            network.layers[0],
            dataset.n_features,
        )
    if dataset.is_regression:
        _check_regression(network, dataset, config)
        config.dropout_for(len(network.layers) - 2)
        return
    if n_out == 1 and dataset.n_classes > 2:
        raise UserError(
            "One output neuron can tell two classes apart, but the data has {0}; "
            "give the output layer {0} neurons.",
            dataset.n_classes,
        )
    if n_out > 1 and n_out < dataset.n_classes:
        raise UserError(
            "The output layer has {0} neurons but the data has {1} classes.", n_out, dataset.n_classes
        )
    config.dropout_for(len(network.layers) - 2)


def _check_regression(network: Network, dataset: Dataset, config: TrainingConfig) -> None:
    """A regression: one output neuron per target, not softmax, and the MSE loss."""
    assert dataset.values is not None
    out_act, n_out = network.activations[-1], network.layers[-1]
    k = dataset.values.shape[1]
    if n_out != k and k == 1:
        raise UserError(
            "A regression predicts one number per sample, so the output layer needs one neuron, not {0}.",
            n_out,
        )
    if n_out != k:
        raise UserError(
            "A regression predicts {1} numbers per sample here, so the output layer needs {1} "
            "neurons, not {0}.",
            n_out,
            k,
        )
    if out_act == "softmax":
        raise UserError(
            "A softmax output's values add up to 1 across the classes; a regression needs "
            "the identity output to predict any number."
        )
    if config.loss == "cross_entropy":
        raise UserError(
            "Cross-entropy measures classes, but these labels are numbers to predict "
            "(a regression); use the MSE loss."
        )


def prepare_data(network: Network, dataset: Dataset, dtype: Any = np.float64) -> EngineData:
    """The training and validation rows of ``dataset`` with their targets, in ``dtype``.

    Rows are gathered in blocks straight into the result, so a big data set
    (60,000 × 784) is read once and written once, in the engine's precision,
    instead of copied in float64 and then converted again.
    """
    out_act, n_out = network.activations[-1], network.layers[-1]
    pm1 = out_act in ("tanh", "sign", "step")

    def part(idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = np.empty((len(idx), dataset.x.shape[1]), dtype=dtype)
        for start in range(0, len(idx), _GATHER_ROWS):
            block = idx[start : start + _GATHER_ROWS]
            x[start : start + len(block)] = dataset.x[block]
        y = np.ascontiguousarray(dataset.y[idx], dtype=np.int64)
        if dataset.values is not None:  # regression: the numbers themselves (y: zeros)
            t = np.ascontiguousarray(dataset.values[idx], dtype=dtype)
        else:
            t = np.ascontiguousarray(targets_for(y, n_out, out_act), dtype=dtype)
        return x, t, y

    xt, tt, yt = part(dataset.train_idx)
    xv, tv, yv = part(dataset.val_idx)
    return EngineData(xt, tt, yt, xv, tv, yv, threshold=0.0 if pm1 else 0.5)


#: rows gathered at a time by prepare_data (a block stays in the CPU's cache)
_GATHER_ROWS = 4096
