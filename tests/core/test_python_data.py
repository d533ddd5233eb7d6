"""Data a script hands to ``nnviz.show``: arrays, tensors and lists checked against
the network (``nnviz.core.data.arrays``), the lesson built from them
(``nnviz.api.lesson_for_model``), and a light ``import nnviz``. No Qt here."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import torch
from torch import nn

from nnviz.api import as_network, lesson_for_model
from nnviz.core.data.arrays import dataset_for_network
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network

SOFTMAX_3 = Network.initialised([2, 4, 3], ["relu", "softmax"], seed=0)
SIGMOID_1 = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=0)
IDENTITY_2 = Network.initialised([3, 4, 2], ["tanh", "identity"], seed=0)


def test_a_torch_sequential_arrives_with_its_weights_transposed_and_its_activations():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2), nn.Softmax(dim=1))
    net = as_network(model)
    assert net.layers == [2, 8, 2] and net.activations == ["relu", "softmax"]
    assert np.array_equal(net.weights[0], model[0].weight.detach().numpy().T.astype(np.float64))
    assert np.array_equal(net.biases[1], model[2].bias.detach().numpy().astype(np.float64))
    x = np.random.default_rng(0).normal(size=(5, 2))
    with torch.no_grad():
        expected = model(torch.tensor(x, dtype=torch.float32)).numpy()
    assert np.allclose(net.predict(x), expected, atol=1e-6)


def test_an_nnviz_network_is_copied_and_anything_else_refused():
    net = as_network(SIGMOID_1)
    assert net is not SIGMOID_1 and np.array_equal(net.weights[0], SIGMOID_1.weights[0])
    with pytest.raises(UserError, match=r"^nnviz.show needs a PyTorch model .* not list\.$"):
        as_network([[1, 2]])


def test_class_labels_from_numpy_torch_and_lists_give_the_same_data():
    x = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    y = [0, 1, 2, 1]
    for xs, ys in ((x, y), (np.array(x), np.array(y)), (torch.tensor(x), torch.tensor(y))):
        ds = dataset_for_network(xs, ys, SOFTMAX_3)
        assert np.array_equal(ds.x, np.array(x)) and ds.x.dtype == np.float64
        assert np.array_equal(ds.y, y) and ds.n_classes == 3 and not ds.is_regression
        # four rows are too few to hold one out: all train
        assert list(ds.train_idx) == [0, 1, 2, 3] and len(ds.val_idx) == 0


def test_a_fifth_of_ten_rows_or_more_is_held_out():
    x = np.arange(40.0).reshape(20, 2)
    ds = dataset_for_network(x, np.arange(20) % 3, SOFTMAX_3)
    assert len(ds.val_idx) == 4 and len(ds.train_idx) == 16
    assert sorted([*ds.train_idx, *ds.val_idx]) == list(range(20))
    assert np.array_equal(ds.x, x)  # not standardised: the script's X works with the trained network


def test_floats_are_numbers_to_predict_unless_whole_for_a_class_output():
    x = np.zeros((4, 2))
    whole = np.array([0.0, 1.0, 1.0, 0.0])
    assert not dataset_for_network(x, whole, SIGMOID_1).is_regression  # sigmoid: classes
    assert dataset_for_network(x, whole, SIGMOID_1).n_classes == 2
    ds = dataset_for_network(np.zeros((4, 3)), np.arange(8.0).reshape(4, 2) / 3, IDENTITY_2)
    assert ds.is_regression and ds.values.shape == (4, 2) and ds.n_classes == 0
    half = dataset_for_network(x, [0.5, 0.25, 1.0, 0.0], SIGMOID_1)
    assert half.is_regression and np.array_equal(half.values[:, 0], [0.5, 0.25, 1.0, 0.0])


@pytest.mark.parametrize(
    ("net", "x", "y", "sentence"),
    [
        (SOFTMAX_3, np.zeros((5, 3)), np.zeros(5, dtype=int),
         "X has shape [5, 3], but the network's input layer needs the shape (samples, 2): one column per input."),
        (SOFTMAX_3, np.zeros(5), np.zeros(5, dtype=int),
         "X has shape [5]; give a table of shape (samples, features), one row per sample."),
        (SOFTMAX_3, np.zeros((5, 2)), np.zeros(4, dtype=int), "X has 5 rows but y has 4; give y one label per row of X."),
        (SOFTMAX_3, np.zeros((1, 2)), 3, "X has 1 rows but y has 1; give y one label per row of X."),
        (SOFTMAX_3, np.zeros((0, 2)), [], "X has no rows; give at least one sample."),
        (SOFTMAX_3, [["a", "b"]], [0], "X must hold numbers, one row per sample and one column per feature."),
        (SOFTMAX_3, [[0, 1], [2, np.nan]], [0, 1], "X[1, 1] is nan; every value must be a finite number."),
        (SOFTMAX_3, np.zeros((2, 2)), ["cat", "dog"],
         "y must hold numbers (class labels 0, 1, 2, … or values to predict), not 'cat'."),
        (SOFTMAX_3, np.zeros((3, 2)), [0, -1, 2], "y[1] is -1; class labels are whole numbers 0, 1, 2, …."),
        (SOFTMAX_3, np.zeros((3, 2)), [0, 1, 3],
         "y[2] is class 3, but the network's 3 outputs stand for the classes 0 to 2."),
        (SOFTMAX_3, np.zeros((3, 2)), [0.0, 0.5, 1.0],
         "y holds numbers to predict such as 0.5, but a softmax output gives classes; "
         "give y as whole class numbers (integers) 0, 1, 2, …."),
        (SOFTMAX_3, np.zeros((2, 2)), np.zeros((2, 2), dtype=int), "y has shape [2, 2]; give one class label per row, shape (2,)."),
        (SIGMOID_1, np.zeros((3, 2)), [0, 1, 2],
         "y[2] is class 2, but one output neuron tells two classes apart, 0 and 1; give the network one output per class."),
        (IDENTITY_2, np.zeros((3, 3)), [0.5, 1.5, 2.5],
         "y has shape [3], but the network's output layer predicts the shape (samples, 2)."),
        (IDENTITY_2, np.zeros((2, 3)), [[0.5, np.inf], [0.0, 1.0]], "y[0, 1] is inf; every value must be a finite number."),
    ],
)
def test_each_misfit_is_one_sentence(net, x, y, sentence):
    with pytest.raises(UserError) as caught:
        dataset_for_network(x, y, net)
    assert str(caught.value) == sentence


def test_a_training_lesson_on_the_students_data_and_network():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 2))
    y = (x[:, 0] > 0).astype(int)
    lesson = lesson_for_model(SOFTMAX_3, x, y, title="Iris")
    assert lesson.mode == "train" and lesson.name == "python:Iris"
    assert lesson.title == {"en": "Iris", "es": "Iris"}
    assert lesson.network is SOFTMAX_3  # show() hands over a copy already
    assert lesson.dataset() is lesson.given_data and len(lesson.given_data.x) == 50
    assert lesson.data == {"kind": "custom", "val_fraction": 0.2}
    assert lesson.training["loss"] == "cross_entropy" and lesson.training["val_fraction"] == 0.2
    assert "50 rows of 2 features, 3 classes, 10 of them held out" in lesson.text["en"]
    assert "50 filas de 2 variables, 3 clases" in lesson.text["es"]
    regression = lesson_for_model(IDENTITY_2, np.zeros((4, 3)), np.ones((4, 2)))
    assert regression.training["loss"] == "mse" and regression.title["en"] == "Your network 3-4-2"
    assert "all of them to train on" in regression.text["en"]


def test_without_data_a_stepper_lesson_and_with_half_the_data_a_sentence():
    lesson = lesson_for_model(SIGMOID_1)
    assert lesson.mode == "mlp" and lesson.title == {"en": "Your network 2-4-1", "es": "Tu red 2-4-1"}
    assert len(lesson.dataset().x) == 4  # the XOR points
    with pytest.raises(UserError, match=r"^Give both X and y \(the samples and their labels\), or neither\.$"):
        lesson_for_model(SIGMOID_1, X=np.zeros((4, 2)))


def test_a_network_training_cannot_use_is_refused_before_any_window():
    step = Network.initialised([2, 1], ["step"], seed=0)
    with pytest.raises(UserError, match="no useful derivative"):
        lesson_for_model(step, np.zeros((4, 2)), [0, 1, 1, 0])


def test_import_nnviz_loads_neither_torch_nor_qt_until_asked():
    code = (
        "import sys, nnviz\n"
        "assert 'torch' not in sys.modules and 'PySide6' not in sys.modules, sorted(sys.modules)\n"
        "assert {'show', 'Network', '__version__'} <= set(dir(nnviz))\n"
        "from nnviz import Network\n"
        "assert Network.__module__ == 'nnviz.core.model.network'\n"
        "assert nnviz.show.__module__ == 'nnviz.api'\n"
        "assert 'PySide6' not in sys.modules and 'torch' not in sys.modules\n"
        "try:\n    nnviz.nothing\nexcept AttributeError as e:\n    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "module 'nnviz' has no attribute 'nothing'"
