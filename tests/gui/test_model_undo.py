"""The model's undo stack: a whole-network replacement can be taken back."""

import numpy as np
import pytest

from nnviz.core.model.network import Network
from nnviz.gui.network.model import NetworkModel


@pytest.fixture
def model(qtbot):
    return NetworkModel(Network.initialised([2, 3, 1], ["sigmoid", "sigmoid"], seed=4))


def params(model):
    net = model.network
    return [w.copy() for w in net.weights], [b.copy() for b in net.biases]


def test_replace_parameters_undoably_undo_and_redo(model, qtbot):
    trained_w, trained_b = params(model)
    fresh = Network.initialised([2, 3, 1], ["sigmoid", "sigmoid"], seed=99)
    stack = model.undo_stack
    assert not stack.canUndo()
    with qtbot.waitSignal(model.weightsChanged):
        model.replace_parameters_undoably(fresh.weights, fresh.biases, "Reset weights")
    for a, b in zip(model.network.weights + model.network.biases, fresh.weights + fresh.biases):
        np.testing.assert_array_equal(a, b)
    assert stack.canUndo() and stack.undoText() == "Reset weights"
    with qtbot.waitSignal(model.weightsChanged):
        stack.undo()
    for a, b in zip(model.network.weights + model.network.biases, trained_w + trained_b):
        np.testing.assert_array_equal(a, b)
    assert stack.canRedo() and stack.redoText() == "Reset weights"
    stack.redo()
    for a, b in zip(model.network.weights + model.network.biases, fresh.weights + fresh.biases):
        np.testing.assert_array_equal(a, b)


def test_replacement_keeps_its_own_copies(model):
    before_w, _ = params(model)
    new_w = [w + 1.0 for w in before_w]
    model.replace_parameters_undoably(new_w, model.network.biases, "x")
    new_w[0][0, 0] = 1234.0  # the caller's array changing later changes nothing
    model.edit_weight(0, 0, 1, 7.0)  # a later edit does not leak into the saved state
    model.undo_stack.undo()
    model.undo_stack.undo()
    np.testing.assert_array_equal(model.network.weights[0], before_w[0])


def test_no_op_replacement_pushes_nothing_and_shapes_are_checked(model):
    w, b = params(model)
    model.replace_parameters_undoably(w, b, "same")
    assert model.undo_stack.count() == 0
    with pytest.raises(ValueError):
        model.replace_parameters_undoably([w[0]], b, "bad")
    with pytest.raises(ValueError):
        model.replace_parameters_undoably([w[0].T, w[1]], b, "bad")
