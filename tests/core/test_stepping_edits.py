"""A hand edit halfway through an update: the update begins again from the
weights it started from, with the edit; its start can be gone back to exactly."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.errors import UserError
from nnviz.core.lecture.perceptron_walk import perceptron_walk_for_lesson
from nnviz.core.lecture.stepping import walk_for_lesson
from nnviz.core.lessons import load_lesson


def _same_net(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases, strict=True))


def test_an_edit_at_formula_20_restarts_update_1_from_the_lesson_weights_with_it():
    lesson = load_lesson("backprop-2-2-2")
    walk = walk_for_lesson(lesson)
    for _ in range(20):
        walk.forward()
    shown = walk.network().copy()
    assert shown.weights[1][0, 0] == pytest.approx(0.35891648, abs=1e-8)  # half-updated
    shown.weights[0][0, 0] = 99.0
    before, after = walk.apply_edit(shown)
    expected = lesson.network.copy()
    expected.weights[0][0, 0] = 99.0
    assert walk.pos == -1 and walk.update_number == 1 and walk.sample == 0
    assert _same_net(walk.network(), expected) and _same_net(after.network, expected)
    assert _same_net(before.network, lesson.network)
    # the update from there is the plain update of the edited network
    walk.finish()
    fresh = walk_for_lesson(lesson)
    fresh.begin_at(after)
    fresh.finish()
    assert _same_net(walk.network(), fresh.network())
    # and the start before the edit is the lecture's example, numbers and all
    walk.begin_at(before)
    while walk.step() is None or walk.step().sets != ("out", 2, 0):
        walk.forward()
    assert walk.state().outputs[2][0] == pytest.approx(0.75136507, abs=1e-8)


def test_an_edit_at_the_end_of_an_update_is_where_the_next_one_starts():
    walk = walk_for_lesson(load_lesson("mlp-xor"))
    walk.finish()
    updated = walk.network().copy()
    shown = updated.copy()
    shown.biases[1][0] = 2.0
    before, after = walk.apply_edit(shown)
    assert walk.update_number == 2 and walk.pos == -1
    assert _same_net(before.network, updated) and _same_net(walk.network(), shown)
    assert len(walk.finished()) == 1 and before.finished == after.finished == tuple(walk.finished())


def test_the_count_goes_on_after_an_edit_and_begin_at_drops_later_updates():
    walk = walk_for_lesson(load_lesson("mlp-xor"))
    for _ in range(3):
        walk.next_sample()
    assert walk.update_number == 4
    walk.forward()
    shown = walk.network().copy()
    shown.weights[0][1, 1] += 1.0
    before, _after = walk.apply_edit(shown)
    assert walk.update_number == 4 and len(walk.finished()) == 3
    assert walk.pos == -1 and not walk.can_go_back()  # earlier updates cannot be stepped into
    for _ in range(5):
        walk.next_sample()
    walk.begin_at(before)
    assert walk.update_number == 4 and len(walk.finished()) == 3


def test_a_perceptron_edit_counts_epochs_from_one_again():
    walk = perceptron_walk_for_lesson(load_lesson("perceptron-and"))
    for _ in range(4):
        walk.next_sample()
    for _ in range(2):
        walk.forward()
    shown = walk.network().copy()
    shown.weights[0][0, 0] = 7.0
    before, after = walk.apply_edit(shown, keep_count=False)
    assert walk.update_number == 1 and walk.epoch() == 1 and after.finished == ()
    assert walk.report().mistakes == [] and before.number == 1
    with pytest.raises(UserError):
        walk.apply_edit(load_lesson("mlp-xor").network)
