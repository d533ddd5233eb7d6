"""The lecture walk: forward, back (bit for bit), jumps, granularities, epochs."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.lecture.perceptron_walk import perceptron_walk_for_lesson
from nnviz.core.lecture.stepping import BackpropWalk, walk_for_lesson
from nnviz.core.lessons import load_lesson
from nnviz.core.model.regions import predicted_classes


def _snapshot(walk: BackpropWalk):
    s = walk.state()
    return (
        [w.copy() for w in s.network.weights],
        [b.copy() for b in s.network.biases],
        [o.copy() for o in s.outputs],
        [d.copy() for d in s.deltas],
        s.error,
    )


def _same(a, b) -> bool:
    for xs, ys in zip(a[:4], b[:4], strict=True):
        for x, y in zip(xs, ys, strict=True):
            if not np.array_equal(x, y, equal_nan=True):
                return False
    return (np.isnan(a[4]) and np.isnan(b[4])) or a[4] == b[4]


def test_one_update_of_the_2_2_2_example_matches_the_published_numbers():
    # Matt Mazur, "A Step by Step Backpropagation Example": biases fixed, η = 0.5
    walk = walk_for_lesson(load_lesson("backprop-2-2-2"))
    while not walk.at_end():
        walk.forward()
    w = walk.network().weights
    assert walk.trace.error == pytest.approx(0.298371109, abs=1e-9)
    assert w[1][0, 0] == pytest.approx(0.35891648, abs=1e-8)
    assert w[1][1, 0] == pytest.approx(0.408666186, abs=1e-8)
    assert w[1][0, 1] == pytest.approx(0.511301270, abs=1e-8)
    assert w[1][1, 1] == pytest.approx(0.561370121, abs=1e-8)
    assert w[0][0, 0] == pytest.approx(0.149780716, abs=1e-8)
    assert w[0][1, 0] == pytest.approx(0.19956143, abs=1e-8)
    assert w[0][0, 1] == pytest.approx(0.24975114, abs=1e-8)
    assert w[0][1, 1] == pytest.approx(0.29950229, abs=1e-8)


@pytest.mark.parametrize("granularity", ["scalar", "layer", "update"])
def test_back_restores_every_earlier_state_bit_for_bit(granularity):
    walk = walk_for_lesson(load_lesson("mlp-xor"), granularity=granularity)
    seen = [_snapshot(walk)]
    for _ in range(3 * len(walk.trace) if granularity != "update" else 4):
        walk.forward()
        seen.append(_snapshot(walk))
    assert walk.update_number > 1  # crossed into later updates
    for earlier in reversed(seen[:-1]):
        assert walk.back()
        assert _same(_snapshot(walk), earlier)
    assert not walk.back()
    assert not walk.can_go_back()


def test_values_appear_exactly_when_their_formula_applies():
    walk = walk_for_lesson(load_lesson("backprop-2-2-2"))
    assert np.all(np.isnan(walk.state().outputs[1]))
    walk.forward()  # net of h1
    assert np.all(np.isnan(walk.state().outputs[1]))
    walk.forward()  # h1 = f(net)
    out = walk.state().outputs[1]
    assert out[0] == pytest.approx(0.593269992, abs=1e-9) and np.isnan(out[1])
    # weights change only at their update steps
    before = walk.network().weights[1].copy()
    while walk.step().formula_id != "w_update":
        walk.forward()
        if walk.step().formula_id != "w_update":
            assert np.array_equal(walk.network().weights[1], before)
    assert not np.array_equal(walk.network().weights[1], before)


def test_granularities_give_the_same_update_and_switching_keeps_the_place():
    ends = []
    for g in ("scalar", "layer", "update"):
        walk = walk_for_lesson(load_lesson("backprop-2-2-2"), granularity=g)
        walk.finish()
        ends.append(walk.network())
    for net in ends[1:]:
        for a, b in zip(net.weights, ends[0].weights, strict=True):
            assert np.array_equal(a, b)
    walk = walk_for_lesson(load_lesson("backprop-2-2-2"))
    walk.jump_to_slide_step(4)
    walk.set_granularity("layer")
    assert walk.slide_step() == 4 and walk.step().formula_id == "dw"
    walk.set_granularity("scalar")
    assert walk.slide_step() == 4


def test_update_granularity_moves_a_whole_update_per_step():
    walk = walk_for_lesson(load_lesson("backprop-2-2-2"), granularity="update")
    walk.forward()
    assert walk.at_end() and walk.update_number == 1
    walk.forward()
    assert walk.at_end() and walk.update_number == 2
    assert [f.number for f in walk.finished()] == [1, 2]
    assert walk.finished()[1].error < walk.finished()[0].error


def test_jump_to_each_slide_step():
    walk = walk_for_lesson(load_lesson("mlp-xor"))
    for n in range(1, 8):
        assert walk.jump_to_slide_step(n)
        assert walk.slide_step() == n
        assert walk.trace.steps[walk.pos - 1].slide_step != n or walk.pos == 0


def test_the_mlp_solves_xor_after_its_lesson_epochs():
    lesson = load_lesson("mlp-xor")
    walk = walk_for_lesson(lesson)
    walk.train_epochs(int(lesson.stepper["train_epochs"]))
    ds = lesson.dataset()
    assert np.array_equal(predicted_classes(walk.network(), ds.x), ds.y)
    assert walk.finished()[-1].mean_error_after < walk.finished()[0].mean_error_after / 2


def test_the_perceptron_learns_and_but_never_settles_on_xor():
    walk = perceptron_walk_for_lesson(load_lesson("perceptron-and"))
    rep = walk.run_epochs()
    assert rep.converged and rep.mistakes[-1] == 0
    ds = load_lesson("perceptron-and").dataset()
    w1, w2, b = walk.line()
    assert np.array_equal(ds.x @ np.array([w1, w2]) + b >= 0, ds.y == 1)

    walk = perceptron_walk_for_lesson(load_lesson("perceptron-xor"))
    rep = walk.run_epochs()
    assert not rep.converged and rep.gave_up
    assert rep.epochs == walk.max_epochs and min(rep.mistakes) > 0
    assert rep.cycle_from is not None


def test_perceptron_update_granularity_stops_at_each_correction():
    walk = perceptron_walk_for_lesson(load_lesson("perceptron-xor"))
    walk.set_granularity("update")
    lines = {walk.line()}
    for _ in range(5):
        walk.forward()
        assert walk.at_end() and walk.caused_update()
        assert walk.line() not in lines
        lines.add(walk.line())
