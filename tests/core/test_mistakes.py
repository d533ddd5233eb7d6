"""The misclassified samples, most confident first, checked against a hand-built network."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.model.mistakes import class_probabilities_of, find_mistakes
from nnviz.core.model.network import Network


def _identity_softmax(n: int = 3) -> Network:
    """A network whose softmax output is softmax(x): its prediction is argmax x."""
    net = Network.initialised([n, n], ["softmax"], seed=0)
    net.weights = [np.eye(n)]
    net.biases = [np.zeros(n)]
    return net


def test_wrong_answers_most_confident_first():
    net = _identity_softmax()
    x = np.array([
        [5.0, 0.0, 0.0],  # says 0, is 0: right
        [0.0, 1.0, 0.0],  # says 1, is 2: wrong, p = e/(e+2)
        [0.0, 0.0, 9.0],  # says 2, is 0: wrong, very sure
        [2.0, 0.0, 0.0],  # says 0, is 1: wrong, p = e²/(e²+2)
        [0.0, 3.0, 0.0],  # says 1, is 1: right
    ])
    y = np.array([0, 2, 0, 1, 1])
    m = find_mistakes(net, x, y)
    np.testing.assert_array_equal(m.rows, [2, 3, 1])
    np.testing.assert_array_equal(m.true, [0, 1, 2])
    np.testing.assert_array_equal(m.predicted, [2, 0, 1])
    e = np.e
    np.testing.assert_allclose(m.confidence, [e**9 / (e**9 + 2), e**2 / (e**2 + 2), e / (e + 2)])
    assert (m.count, m.total, len(m)) == (3, 5, 3)


def test_a_limit_keeps_the_most_confident_and_the_count_of_all():
    net = _identity_softmax()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(500, 3))
    y = rng.integers(0, 3, 500)
    every = find_mistakes(net, x, y)
    some = find_mistakes(net, x, y, limit=10)
    assert some.count == every.count == int((x.argmax(axis=1) != y).sum())
    np.testing.assert_array_equal(some.rows, every.rows[:10])
    assert np.all(np.diff(every.confidence) <= 0)


def test_probabilities_come_in_blocks_and_match_one_pass():
    net = Network.initialised([784, 16, 10], ["relu", "softmax"], seed=1)
    x = np.random.default_rng(2).random((5000, 784)).astype(np.float32)
    probs = class_probabilities_of(net, x)
    np.testing.assert_allclose(probs, net.forward(x.astype(np.float64))[-1], rtol=1e-12)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)


def test_no_samples_no_mistakes():
    m = find_mistakes(_identity_softmax(), np.zeros((0, 3)), np.zeros(0))
    assert (len(m), m.count, m.total) == (0, 0, 0)


def test_labels_must_match_the_samples():
    with pytest.raises(ValueError):
        find_mistakes(_identity_softmax(), np.zeros((4, 3)), np.zeros(3))
