"""Truth tables for the perceptron and XOR lessons: the named tables, typed
tables and their refusals, and the lessons they make (known values, and an
independent check that the perceptron converges exactly on the linearly
separable tables)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnviz.core.errors import UserError
from nnviz.core.lecture import truth_tables as tt
from nnviz.core.lecture.perceptron import train_perceptron
from nnviz.core.lecture.perceptron_walk import perceptron_walk_for_lesson
from nnviz.core.lecture.stepping import lesson_targets, walk_for_lesson
from nnviz.core.lessons import load_lesson

TWO = [(0, 0), (0, 1), (1, 0), (1, 1)]
THREE = [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]


def test_the_named_two_input_tables():
    expected = {"AND": (0, 0, 0, 1), "OR": (0, 1, 1, 1), "NAND": (1, 1, 1, 0), "NOR": (1, 0, 0, 0), "XOR": (0, 1, 1, 0)}
    for name, outputs in expected.items():
        table = tt.named_table(name, 2)
        assert table.name == name and list(table.rows) == TWO and table.outputs == outputs
    assert tt.named_table("or").name == "OR"  # any case


def test_the_named_three_input_tables_and_xor_is_odd_parity():
    expected = {
        "AND": (0, 0, 0, 0, 0, 0, 0, 1),
        "OR": (0, 1, 1, 1, 1, 1, 1, 1),
        "NAND": (1, 1, 1, 1, 1, 1, 1, 0),
        "NOR": (1, 0, 0, 0, 0, 0, 0, 0),
        "XOR": (0, 1, 1, 0, 1, 0, 0, 1),  # 1 when an odd number of inputs is 1
    }
    for name, outputs in expected.items():
        table = tt.named_table(name, 3)
        assert list(table.rows) == THREE and table.outputs == outputs and table.n_inputs == 3
    np.testing.assert_array_equal(tt.named_table("XOR", 3).x(), np.array(THREE, dtype=float))


def test_unknown_names_and_counts_are_refused():
    with pytest.raises(UserError, match="no truth table called 'IMPLIES'"):
        tt.named_table("IMPLIES")
    with pytest.raises(UserError, match="2 or 3 inputs, not 4"):
        tt.named_table("AND", 4)


def test_targets_as_the_slides_write_them():
    table = tt.named_table("OR", 2)
    np.testing.assert_array_equal(table.targets("step"), [-1, 1, 1, 1])
    np.testing.assert_array_equal(table.targets("sigmoid"), [0, 1, 1, 1])
    assert tt.d_texts("step") == ("\u22121", "+1")
    assert tt.d_texts("sigmoid") == ("0", "1")


def test_a_typed_table_is_read_and_named_when_it_is_a_named_one():
    typed = tt.parse_table([["0", "0", "0"], [" 0", "1 ", "1"], ["1", "0", "1"], [1, 1, 1]], 2)
    assert typed.name == "OR" and typed.same_as(tt.named_table("OR"))
    partial = tt.parse_table([[1, 1, 0, 1], [0, 0, 0, 0], [1, 0, 1, 1]], 3)
    assert partial.name == tt.CUSTOM
    assert partial.rows == ((1, 1, 0), (0, 0, 0), (1, 0, 1)) and partial.outputs == (1, 0, 1)


@pytest.mark.parametrize(
    ("rows", "n", "sentence"),
    [
        ([[0, 0, 0], [0, 1, 1], [1, "2", 1]], 2, "Row 3: input x2 must be 0 or 1, not '2'."),
        ([[0, 0, 0], ["", 1, 1]], 2, "Row 2: input x1 must be 0 or 1, not ''."),
        ([[0, 0, 0], [0, 1, "yes"]], 2, "Row 2: the output must be 0 or 1, not 'yes'."),
        ([[0, 0, 0], [0, 1, 1], [0, 0, 1]], 2, "Row 3 repeats the inputs of row 1"),
        ([[0, 0, 1], [0, 1, 1]], 2, "at least one row with output 0 and one with output 1"),
        ([], 3, "at least one row with output 0 and one with output 1"),
        ([[0, 0, 0, 0], [0, 1, 1]], 3, "Row 2 has 3 cells; a table with 3 inputs needs 4"),
        ([[0, 0, 0], [0, 1, 1]], 4, "2 or 3 inputs, not 4"),
    ],
)
def test_a_bad_typed_table_is_refused_naming_the_row(rows, n, sentence):
    with pytest.raises(UserError) as err:
        tt.parse_table(rows, n)
    assert sentence in str(err.value)
    assert str(err.value).count(".") <= 2  # one sentence (the quoted cell may hold a dot)


def test_the_bundled_lessons_tables():
    assert tt.table_of(load_lesson("perceptron-and")).name == "AND"
    assert tt.table_of(load_lesson("perceptron-xor")).name == "XOR"
    assert tt.table_of(load_lesson("mlp-xor")).name == "XOR"
    for name in ("perceptron-and", "perceptron-xor", "mlp-xor"):
        assert tt.supports_tables(load_lesson(name))
    # two outputs with numeric targets, a training lesson: no truth table
    assert not tt.supports_tables(load_lesson("backprop-2-2-2"))
    assert not tt.supports_tables(load_lesson("spiral"))
    with pytest.raises(UserError, match="does not take a truth table"):
        tt.lesson_with_table(load_lesson("backprop-2-2-2"), tt.named_table("OR"))


def test_or_on_the_perceptron_keeps_the_slides_weights_and_targets_are_plus_minus_one():
    base = load_lesson("perceptron-and")
    lesson = tt.lesson_with_table(base, tt.named_table("OR"))
    assert lesson.name == base.name and lesson.mode == "perceptron" and tt.is_table_lesson(lesson)
    assert not tt.is_table_lesson(base)
    assert lesson.network.layers == [2, 1]
    np.testing.assert_array_equal(lesson.network.weights[0], base.network.weights[0])
    np.testing.assert_array_equal(lesson.network.biases[0], base.network.biases[0])
    ds = lesson.dataset()
    np.testing.assert_array_equal(ds.x, np.array(TWO, dtype=float))
    np.testing.assert_array_equal(ds.y, [0, 1, 1, 1])
    np.testing.assert_array_equal(ds.class_targets, [-1, 1])
    np.testing.assert_array_equal(lesson_targets(lesson.network, ds.y)[:, 0], [-1, 1, 1, 1])
    assert "OR" in lesson.title["en"] and "OR" in lesson.title["es"]
    assert "d = +1 for (0, 1), (1, 0) and (1, 1); d = \u22121 for (0, 0)." in lesson.text["en"]
    assert "d = +1 en (0, 1), (1, 0) y (1, 1); d = \u22121 en (0, 0)." in lesson.text["es"]
    # the lesson's own table gives the lesson back as it is
    assert tt.lesson_with_table(base, tt.named_table("AND")) is base


def test_or_converges_with_the_perceptron_rule_in_four_epochs():
    """By hand, w = (0,5; −0,4), b = 0,2, η = 0,25: epoch 1 fixes (0, 0) (b = −0,3)
    and (0, 1) (w2 = 0,1, b = 0,2); epoch 2 the same two (w2 = 0,6, b = 0,2);
    epoch 3 only (0, 0) (b = −0,3); epoch 4 has no mistakes."""
    lesson = tt.lesson_with_table(load_lesson("perceptron-xor"), tt.named_table("OR"))
    walk = perceptron_walk_for_lesson(lesson, "en")
    report = walk.run_epochs()
    assert report.converged and not report.gave_up
    assert report.mistakes == [2, 2, 1, 0]
    np.testing.assert_allclose(walk.network().weights[0][:, 0], [0.5, 0.6])
    assert walk.network().biases[0][0] == pytest.approx(-0.3)


def test_xor_never_settles():
    lesson = tt.lesson_with_table(load_lesson("perceptron-and"), tt.named_table("XOR"))
    report = perceptron_walk_for_lesson(lesson, "en").run_epochs()
    assert not report.converged and report.gave_up and report.epochs == 20
    assert report.cycle_from is not None  # the rule goes round in a circle


def test_three_inputs_change_the_input_layer_with_fresh_seeded_weights():
    lesson = tt.lesson_with_table(load_lesson("perceptron-and"), tt.named_table("AND", 3))
    assert lesson.network.layers == [3, 1] and lesson.network.activations == ["step"]
    again = tt.lesson_with_table(load_lesson("perceptron-and"), tt.named_table("AND", 3))
    np.testing.assert_array_equal(lesson.network.weights[0], again.network.weights[0])  # seeded
    w = lesson.network.weights[0]
    np.testing.assert_array_equal(w, np.round(w, 2))  # readable numbers on the formulas
    assert lesson.stepper["max_epochs"] == tt.MIN_EPOCHS[3]
    assert perceptron_walk_for_lesson(lesson, "en").run_epochs().converged
    mlp = tt.lesson_with_table(load_lesson("mlp-xor"), tt.named_table("XOR", 3))
    assert mlp.network.layers == [3, 2, 1] and mlp.network.activations == ["sigmoid", "sigmoid"]
    assert mlp.stepper["sample"] == 1 and mlp.stepper["eta"] == 1.0  # the lesson's settings
    ds = mlp.dataset()
    np.testing.assert_array_equal(ds.class_targets, [0, 1])
    walk = walk_for_lesson(mlp, lang="en")
    np.testing.assert_array_equal(walk.x, THREE[1])
    assert walk.d[0] == 1.0  # (0, 0, 1) has one input on: odd
    # back to 2 inputs: the lesson's own weights, the slides' numbers
    two = tt.lesson_with_table(load_lesson("mlp-xor"), tt.named_table("OR", 2))
    np.testing.assert_array_equal(two.network.weights[0], load_lesson("mlp-xor").network.weights[0])


def test_a_partial_table_keeps_the_sample_on_show_inside_it():
    table = tt.parse_table([[0, 0, 0], [1, 1, 1]], 2)
    lesson = tt.lesson_with_table(load_lesson("mlp-xor"), table)  # the lesson shows sample 1 of 4
    assert lesson.stepper["sample"] == 1 and len(lesson.dataset().x) == 2
    three = tt.lesson_with_table(load_lesson("mlp-xor"), tt.parse_table([[0, 0, 0, 0], [1, 1, 1, 1]], 3))
    assert three.stepper["sample"] == 1
    one_short = tt.lesson_with_table(load_lesson("perceptron-and"), tt.parse_table([[1, 1, 1], [0, 0, 0]], 2))
    assert one_short.stepper["sample"] == 0


def _separable(points: np.ndarray, outputs: np.ndarray, signs: np.ndarray) -> bool:
    """Whether some integer weights w and bias b put w·x + b > 0 exactly on the rows with
    output 1 (``signs``: that test for every candidate, on every point)."""
    return bool(np.any(np.all(signs == (outputs == 1), axis=1)))


@pytest.mark.parametrize("base_name", ["perceptron-and", "perceptron-xor"])
@pytest.mark.parametrize("n", [2, 3])
def test_the_verdict_is_right_for_every_table(base_name, n):
    """Every table of 2 or 3 inputs (all rows, or some of them), against an
    independent check: the perceptron converges within the lesson's epochs
    exactly when integer weights |w| ≤ 4 separate the classes (every linearly
    separable function of 3 or fewer inputs has such weights)."""
    base = load_lesson(base_name)
    rows = np.array(list(itertools.product((0, 1), repeat=n)), dtype=float)
    candidates = np.array(list(itertools.product(range(-4, 5), repeat=n + 1)), dtype=float)
    # integer sums: > 0.5 means ≥ 1, a strict side of the plane w·x + b = 0.5
    above = rows @ candidates[:, :n].T + candidates[:, n] > 0.5  # (points, candidates)
    checked = 0
    for choice in itertools.product((None, 0, 1), repeat=len(rows)):
        idx = [i for i, c in enumerate(choice) if c is not None]
        outputs = np.array([choice[i] for i in idx])
        if n == 3 and len(idx) < len(rows) and sum(choice[i] or 0 for i in idx) % 3:
            continue  # 1,736 of the 5,796 partial 3-input tables keep this test quick
        if not (np.any(outputs == 0) and np.any(outputs == 1)):
            continue
        table = tt.parse_table([[*rows[i].astype(int), o] for i, o in zip(idx, outputs)], n)
        lesson = tt.lesson_with_table(base, table)
        d = table.targets(lesson.network.activations[-1])
        run = train_perceptron(
            lesson.network, table.x(), d, eta=lesson.stepper["eta"], max_epochs=lesson.stepper["max_epochs"]
        )
        assert run.converged == _separable(rows[idx], outputs, above[idx].T), table
        checked += 1
    assert checked == (50 if n == 2 else 1990)  # every 2-input table; 3 inputs: all 254 full ones
