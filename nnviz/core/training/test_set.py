"""The test set: data kept apart from training and validation, measured on its own.

Why apart: the validation part helps choose (the epochs, η, when to stop), so
its error flatters the network a little; the test images are looked at only
to report, once a run is over, how the network does on data nothing was
chosen for. :func:`evaluate` measures a network on it with the same
definitions as every engine (:mod:`nnviz.core.training.engine`: mean error E
without penalty, cross-entropy from the net input, accuracy by argmax), in
float64 NumPy, in blocks, with the predicted class of every sample (for a
gallery of mistakes) and the confusion counts. :func:`test_csv` is the file
``nnviz train`` writes beside ``metrics.csv``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnviz.core.data.dataset import Dataset, targets_for
from nnviz.core.model.activations import get, log_softmax
from nnviz.core.model.network import Network

#: rows evaluated at a time (bounds the memory of 10,000 × 784 in float64)
_ROWS = 2048
#: columns of ``test.csv``
TEST_COLUMNS = ("epoch", "test_loss", "test_acc", "n_test")


@dataclass(frozen=True)
class TestResult:
    """How a network did on a test set (``epoch``: the epochs its weights were trained for)."""

    __test__ = False  # not a pytest test class despite its name

    loss: float
    accuracy: float
    n: int
    epoch: int
    #: the predicted class of every test sample, (n,) int64
    predicted: np.ndarray
    #: the true class of every test sample, (n,) int64
    labels: np.ndarray
    #: counts m[i, j] of samples of class i predicted as j
    confusion: np.ndarray

    @property
    def wrong(self) -> np.ndarray:
        """Indices of the misclassified test samples."""
        return np.flatnonzero(self.predicted != self.labels)


def evaluate(network: Network, test: Dataset, loss: str = "cross_entropy", epoch: int = 0) -> TestResult:
    """Mean error and accuracy of ``network`` on every sample of ``test``."""
    out_act, n_out = network.activations[-1], network.layers[-1]
    n = len(test.x)
    total = 0.0
    predicted = np.empty(n, dtype=np.int64)
    for start in range(0, n, _ROWS):
        x = np.asarray(test.x[start : start + _ROWS], dtype=np.float64)
        labels = test.y[start : start + _ROWS]
        h = x
        for w, b, act in zip(network.weights[:-1], network.biases[:-1], network.activations[:-1]):
            h = get(act).f(h @ w + b)
        a = h @ network.weights[-1] + network.biases[-1]  # the output layer's net input
        y = get(out_act).f(a)
        d = targets_for(labels, n_out, out_act)
        total += float(np.sum(_errors(a, y, d, labels, out_act, loss)))
        if n_out == 1:
            threshold = 0.0 if out_act in ("tanh", "sign", "step") else 0.5
            predicted[start : start + len(x)] = (y[:, 0] > threshold).astype(np.int64)
        else:
            predicted[start : start + len(x)] = np.argmax(y, axis=1)
    k = max(test.n_classes, n_out, 2)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (test.y, predicted), 1)
    accuracy = float(np.mean(predicted == test.y)) if n else math.nan
    return TestResult(
        loss=total / n if n else math.nan, accuracy=accuracy, n=n, epoch=int(epoch),
        predicted=predicted, labels=test.y.copy(), confusion=confusion,
    )


def _errors(a: np.ndarray, y: np.ndarray, d: np.ndarray, labels: np.ndarray, act: str, loss: str) -> np.ndarray:
    """The error E of each sample (the engines' definitions)."""
    if loss == "cross_entropy" and act == "softmax":
        return -log_softmax(a)[np.arange(len(a)), labels]
    if loss == "cross_entropy" and act == "sigmoid":
        # log σ(a) = −softplus(−a), log(1 − σ(a)) = −softplus(a)
        return np.sum(d * np.logaddexp(0.0, -a) + (1.0 - d) * np.logaddexp(0.0, a), axis=1)
    return 0.5 * np.sum((d - y) ** 2, axis=1)


def test_csv(result: TestResult) -> str:
    """``test.csv``: a header and one line, the test set's figures after ``result.epoch`` epochs."""
    return (
        ",".join(TEST_COLUMNS) + "\n"
        + f"{result.epoch},{result.loss:.6g},{result.accuracy:.6f},{result.n}\n"
    )


test_csv.__test__ = False  # type: ignore[attr-defined]  # not a pytest test function
