"""A lesson's data carries the desired outputs d that its views write."""

import numpy as np
import pytest

from nnviz.core.errors import UserError
from nnviz.core.lecture.stepping import lesson_targets
from nnviz.core.lessons import load_lesson, parse_lesson


def test_regression_lesson_carries_its_targets():
    lesson = load_lesson("backprop-2-2-2")
    ds = lesson.dataset()
    assert np.array_equal(ds.targets, [[0.01, 0.99]]) and ds.class_targets is None
    # the same d the stepper walks with
    assert np.array_equal(ds.targets, lesson_targets(lesson.network, ds.y, lesson.stepper["targets"]))


@pytest.mark.parametrize(("name", "per_class"), [
    ("perceptron-and", [-1.0, 1.0]), ("perceptron-xor", [-1.0, 1.0]), ("mlp-xor", [0.0, 1.0]),
])
def test_one_output_lessons_give_the_d_of_each_class(name, per_class):
    lesson = load_lesson(name)
    ds = lesson.dataset()
    assert ds.targets is None and np.array_equal(ds.class_targets, per_class)
    d = lesson_targets(lesson.network, ds.y)[:, 0]
    assert np.array_equal(d, np.asarray(per_class)[ds.y])


def test_several_outputs_have_no_single_d_per_class():
    assert load_lesson("digits").dataset().class_targets is None


def test_targets_of_the_wrong_shape_are_refused():
    obj = {
        "format": "nnviz-lesson", "mode": "mlp",
        "network": {"format": "nnviz-network", "version": 1, "layers": [2, 2], "activations": ["sigmoid"],
                    "weights": [[[0.1, 0.2], [0.3, 0.4]]], "biases": [[0.0, 0.0]]},
        "data": {"kind": "points", "x": [[0, 1]], "y": [0]},
        "stepper": {"targets": [[0.5]]},
    }
    with pytest.raises(UserError, match="stepper.targets"):
        parse_lesson(obj, "bad").dataset()
    obj["stepper"]["targets"] = [[0.5, "x"], [1]]
    with pytest.raises(UserError, match="stepper.targets"):
        parse_lesson(obj, "bad").dataset()


def test_training_lessons_may_start_in_slow_motion():
    assert load_lesson("spiral").pace == 30.0 and load_lesson("circles").pace == 30.0
    assert load_lesson("digits").pace == 10.0
    assert load_lesson("overfitting").pace == 30.0 and load_lesson("batch-size").pace == 10.0
    assert load_lesson("mnist").pace == 0.0  # full speed
    obj = {
        "format": "nnviz-lesson", "mode": "train",
        "network": {"format": "nnviz-network", "version": 1, "layers": [2, 1], "activations": ["sigmoid"],
                    "weights": [[[0.1], [0.3]]], "biases": [[0.0]]},
        "data": {"kind": "xor", "n": 40},
    }
    assert parse_lesson(obj | {"pace": 3}, "ok").pace == 3.0
    assert parse_lesson(obj, "ok").pace == 0.0  # absent: full speed
    for bad in (-1, "fast", True, float("nan"), float("inf")):
        with pytest.raises(UserError, match="field 'pace' must be a number of epochs a second"):
            parse_lesson(obj | {"pace": bad}, "bad")
