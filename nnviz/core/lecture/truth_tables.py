"""Truth tables for the perceptron and XOR lessons: AND, OR, NAND, NOR, XOR, or typed.

A :class:`TruthTable` is rows of 0/1 inputs (2 or 3 of them) with a 0/1
output. :func:`named_table` gives the five classic ones (3-input XOR is odd
parity: 1 when an odd number of inputs is 1); :func:`parse_table` checks a
table the user typed and names the first row that is wrong.

:func:`lesson_with_table` turns a table into the lesson to show, for the
lesson's own mode: the table's output is the class (0 or 1) and the
network's output activation says which d it learns, as the slides write it:
d = −1 / +1 for the step perceptron, 0 / 1 for a sigmoid network
(:func:`nnviz.core.data.dataset.targets_for`). The inputs are 0 and 1, as
the slides write them. With the lesson's own number of inputs the lesson's
weights stay, so the slides' numbers stay; with another number the input
layer changes (3 -> 1 for the perceptron, 3-2-1 for the 2-2-1 MLP: the
hidden layers stay) and the weights are fresh, seeded, rounded to two
decimals so that the formulas stay readable.

Lessons are read duck-typed (``mode``, ``network``, ``data``, ``stepper``,
``title``, ``text``, ``name``: :class:`nnviz.core.lessons.Lesson`), because
this room sits below ``lessons``. A lesson made here carries its table in
``data["truth_table"]`` (``{"name": "OR", "inputs": 2}``) beside the points,
so that a view can tell it from the lesson it was made from.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnviz.core.data.dataset import targets_for
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network

#: the named tables, in menu order
NAMES = ("AND", "OR", "NAND", "NOR", "XOR")
#: the name of a table the user typed (one that is none of :data:`NAMES`)
CUSTOM = "custom"
#: how many inputs a table may have
INPUT_COUNTS = (2, 3)
#: the key of a lesson's ``data`` that says which table made it
DATA_KEY = "truth_table"
#: seed of the fresh weights when the number of inputs changes
SEED = 0
#: a table lesson lets the perceptron run at least this many epochs: every
#: linearly separable table (also a partial one) converges within it from the
#: lesson's weights (2 inputs) or the fresh ones (3 inputs), so "never
#: settles" means "not linearly separable" (tests/core/test_truth_tables.py)
MIN_EPOCHS = {2: 10, 3: 30}


@dataclass(frozen=True)
class TruthTable:
    """Rows of 0/1 inputs, each with a 0/1 output; ``name`` is one of
    :data:`NAMES` when the rows are that table, else :data:`CUSTOM`."""

    name: str
    rows: tuple[tuple[int, ...], ...]
    outputs: tuple[int, ...]

    @property
    def n_inputs(self) -> int:
        return len(self.rows[0])

    def x(self) -> np.ndarray:
        """The inputs, one row per sample (float64)."""
        return np.array(self.rows, dtype=np.float64)

    def y(self) -> np.ndarray:
        """The outputs as class labels 0 and 1."""
        return np.array(self.outputs, dtype=np.int64)

    def targets(self, activation: str) -> np.ndarray:
        """The desired output d of each row for a one-output network ending in
        ``activation``: ±1 for step, sign and tanh, 0/1 for a sigmoid."""
        return targets_for(self.y(), 1, activation)[:, 0]

    def pairs(self) -> frozenset[tuple[tuple[int, ...], int]]:
        """The rows with their outputs, order aside."""
        return frozenset(zip(self.rows, self.outputs, strict=True))

    def same_as(self, other: TruthTable | None) -> bool:
        """The same rows with the same outputs, in any order."""
        return other is not None and self.pairs() == other.pairs()


def all_inputs(n_inputs: int) -> list[tuple[int, ...]]:
    """Every input combination in the slides' order: (0, 0), (0, 1), (1, 0), (1, 1)."""
    _check_count(n_inputs)
    return list(itertools.product((0, 1), repeat=n_inputs))


_RULES = {
    "AND": lambda r: all(r),
    "OR": lambda r: any(r),
    "NAND": lambda r: not all(r),
    "NOR": lambda r: not any(r),
    "XOR": lambda r: sum(r) % 2 == 1,  # odd parity with 3 inputs
}


def named_table(name: str, n_inputs: int = 2) -> TruthTable:
    """AND, OR, NAND, NOR or XOR on ``n_inputs`` inputs, every combination once."""
    key = str(name).upper()
    if key not in _RULES:
        raise UserError("There is no truth table called '{0}' (known: {1}).", name, ", ".join(NAMES))
    rows = all_inputs(n_inputs)
    return TruthTable(key, tuple(rows), tuple(int(_RULES[key](r)) for r in rows))


def recognised(rows: Sequence[tuple[int, ...]], outputs: Sequence[int]) -> TruthTable:
    """The table of these rows, named when it is one of the named tables."""
    table = TruthTable(CUSTOM, tuple(tuple(r) for r in rows), tuple(int(o) for o in outputs))
    for name in NAMES:
        if table.same_as(named_table(name, table.n_inputs)):
            return dataclasses.replace(table, name=name)
    return table


def parse_table(rows: Sequence[Sequence[Any]], n_inputs: int) -> TruthTable:
    """A typed table: each row is its inputs then its output, as numbers or text.

    Every input and output must be 0 or 1, every input combination may appear
    at most once, and both outputs must appear. The error names the first
    row (counted from 1) that is wrong.
    """
    _check_count(n_inputs)
    seen: dict[tuple[int, ...], int] = {}
    inputs: list[tuple[int, ...]] = []
    outputs: list[int] = []
    for number, row in enumerate(rows, start=1):
        cells = list(row)
        if len(cells) != n_inputs + 1:
            raise UserError(
                "Row {0} has {1} cells; a table with {2} inputs needs {3}: the inputs, then the output.",
                number, len(cells), n_inputs, n_inputs + 1,
            )
        bits = []
        for column, cell in enumerate(cells[:-1], start=1):
            bit = _bit(cell)
            if bit is None:
                raise UserError("Row {0}: input x{1} must be 0 or 1, not '{2}'.", number, column, _shown(cell))
            bits.append(bit)
        out = _bit(cells[-1])
        if out is None:
            raise UserError("Row {0}: the output must be 0 or 1, not '{1}'.", number, _shown(cells[-1]))
        key = tuple(bits)
        if key in seen:
            raise UserError(
                "Row {0} repeats the inputs of row {1}: each combination may appear only once.",
                number, seen[key],
            )
        seen[key] = number
        inputs.append(key)
        outputs.append(out)
    if not inputs or len(set(outputs)) < 2:
        raise UserError("The table needs at least one row with output 0 and one with output 1.")
    return recognised(inputs, outputs)


def _check_count(n_inputs: Any) -> None:
    if isinstance(n_inputs, bool) or n_inputs not in INPUT_COUNTS:
        raise UserError("A truth table has 2 or 3 inputs, not {0!r}.", n_inputs)


def _bit(cell: Any) -> int | None:
    """0 or 1 from a number or a text ("1", " 0 ", "1.0"), else None."""
    if isinstance(cell, bool):
        return int(cell)
    if isinstance(cell, str):
        cell = cell.strip().replace(",", ".")
        try:
            cell = float(cell)
        except ValueError:
            return None
    if isinstance(cell, (int, float, np.integer, np.floating)) and cell in (0, 1):
        return int(cell)
    return None


def _shown(cell: Any) -> str:
    text = str(cell).strip()
    return text if len(text) <= 12 else text[:11] + "…"


# --------------------------------------------------------------- lessons
def table_of(lesson: Any) -> TruthTable | None:
    """The truth table a lesson's points are (named if they are a named one),
    or None when they are not one: 2 or 3 inputs of 0/1, each combination at
    most once, classes 0 and 1 both present."""
    data = getattr(lesson, "data", None)
    if not isinstance(data, dict) or data.get("kind") != "points":
        return None
    try:
        x = np.asarray(data.get("x"), dtype=np.float64)
        y = np.asarray(data.get("y"), dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if x.ndim != 2 or x.shape[1] not in INPUT_COUNTS or y.shape != (len(x),):
        return None
    if not (np.all(np.isin(x, (0.0, 1.0))) and np.all(np.isin(y, (0.0, 1.0)))):
        return None
    rows = [tuple(int(v) for v in r) for r in x]
    if len(set(rows)) != len(rows) or len(set(y.tolist())) < 2:
        return None
    return recognised(rows, [int(v) for v in y])


def supports_tables(lesson: Any) -> bool:
    """Whether a lesson can take a truth table: a perceptron or MLP stepper
    lesson with one output neuron that learns classes (no ``stepper.targets``)
    and whose points are a truth table."""
    if lesson is None or getattr(lesson, "mode", None) not in ("perceptron", "mlp"):
        return False
    if getattr(lesson, "given_data", None) is not None or "targets" in lesson.stepper:
        return False
    return lesson.network.layers[-1] == 1 and table_of(lesson) is not None


def is_table_lesson(lesson: Any) -> bool:
    """Whether ``lesson`` was made by :func:`lesson_with_table` (not a lesson file)."""
    data = getattr(lesson, "data", None)
    return isinstance(data, dict) and DATA_KEY in data


def lesson_with_table(base: Any, table: TruthTable) -> Any:
    """The lesson ``base`` (a lesson file's, not one made here) on ``table``.

    The lesson's own table gives ``base`` back unchanged. Otherwise a copy of
    the lesson with the table's points, its class 0/1 per row (the network's
    output activation turns them into d), a title and slide text that name
    the table, the same name and stepper settings (the sample on show within
    the rows; the perceptron's epochs at least :data:`MIN_EPOCHS`), and the
    lesson's weights when the number of inputs is the lesson's, else fresh
    seeded ones for the new input layer.
    """
    if not supports_tables(base):
        raise UserError(
            "Lesson '{0}' does not take a truth table: that needs a perceptron or MLP lesson "
            "with one output neuron.",
            getattr(base, "name", "?"),
        )
    if table.same_as(table_of(base)):
        return base
    n = table.n_inputs
    net = base.network.copy() if base.network.layers[0] == n else fresh_network(base.network, n)
    stepper = dict(base.stepper)
    stepper["sample"] = min(int(stepper.get("sample", 0)), len(table.rows) - 1)
    if base.mode == "perceptron":
        stepper["max_epochs"] = max(int(stepper.get("max_epochs", 20)), MIN_EPOCHS[n])
    data = {
        "kind": "points",
        "x": [list(r) for r in table.rows],
        "y": list(table.outputs),
        DATA_KEY: {"name": table.name, "inputs": n},
    }
    title, text = _describe(base.mode, net, table)
    return dataclasses.replace(base, network=net, data=data, stepper=stepper, title=title, text=text)


def fresh_network(network: Network, n_inputs: int, seed: int = SEED) -> Network:
    """``network`` with ``n_inputs`` inputs and fresh seeded weights (Glorot,
    rounded to two decimals), the same hidden layers and activations."""
    layers = [int(n_inputs), *network.layers[1:]]
    net = Network.initialised(layers, list(network.activations), seed=seed)
    net.weights = [np.round(w, 2) for w in net.weights]
    net.biases = [np.round(b, 2) for b in net.biases]
    return net


# --------------------------------------------------------------- words
_TABLE_NAME = {
    "es": "la tabla {0} de {1} entradas",
    "en": "the {1}-input {0} table",
}
_CUSTOM_NAME = {
    "es": "una tabla propia de {1} entradas",
    "en": "a {1}-input table of your own",
}
_TITLE = {
    "perceptron": {"es": "El perceptrón con {table}", "en": "The perceptron on {table}"},
    "mlp": {"es": "Perceptrón multicapa {shape} con {table}", "en": "A {shape} multilayer perceptron on {table}"},
}
_ROWS = {"es": "d = {hi} en {ones}; d = {lo} en {zeros}.", "en": "d = {hi} for {ones}; d = {lo} for {zeros}."}
_BODY = {
    "perceptron": {
        "es": "La misma neurona con la función escalón y la misma regla del perceptrón, "
              "w ← w + η (d − y) x y b ← b + η (d − y), ahora con {table}: {rows} "
              "Si {sep} deja cada clase a un lado, la regla converge en pocas épocas; "
              "si no (como con la XOR), nunca se estabiliza.",
        "en": "The same neuron with the step function and the same perceptron rule, "
              "w ← w + η (d − y) x and b ← b + η (d − y), now on {table}: {rows} "
              "If {sep} leaves each class on its own side, the rule converges in a few epochs; "
              "if not (as with XOR), it never settles.",
    },
    "mlp": {
        "es": "La red {shape} aprende con backpropagation, siguiendo los siete pasos del resumen, "
              "una muestra cada vez, ahora con {table}: {rows}",
        "en": "The {shape} network learns by backpropagation, following the seven steps of the "
              "summary, one sample at a time, now on {table}: {rows}",
    },
}
_SEPARATOR = {2: {"es": "una recta", "en": "a straight line"}, 3: {"es": "un plano", "en": "a plane"}}
_FRESH = {
    "es": " Con {n} entradas la capa de entrada tiene {n} neuronas, con pesos nuevos; "
          "los puntos de {n} dimensiones no se dibujan en el plano de datos.",
    "en": " With {n} inputs the input layer has {n} neurons, with fresh weights; "
          "points in {n} dimensions are not drawn on the data plane.",
}
_AND = {"es": " y ", "en": " and "}


def _describe(mode: str, net: Network, table: TruthTable) -> tuple[dict[str, str], dict[str, str]]:
    """The title and slide text of a table lesson, in Spanish and English."""
    n = table.n_inputs
    lo, hi = d_texts(net.activations[-1])
    shape = "-".join(map(str, net.layers))
    title, text = {}, {}
    for lang in ("es", "en"):
        names = _TABLE_NAME if table.name != CUSTOM else _CUSTOM_NAME
        name = names[lang].format(table.name, n)
        title[lang] = _TITLE[mode][lang].format(table=name, shape=shape)
        ones = [r for r, o in zip(table.rows, table.outputs, strict=True) if o == 1]
        zeros = [r for r, o in zip(table.rows, table.outputs, strict=True) if o == 0]
        rows = _ROWS[lang].format(hi=hi, lo=lo, ones=_points(ones, lang), zeros=_points(zeros, lang))
        body = _BODY[mode][lang].format(table=name, rows=rows, sep=_SEPARATOR[n][lang], shape=shape)
        if n != 2:
            body += _FRESH[lang].format(n=n)
        text[lang] = body
    return title, text


def _points(rows: list[tuple[int, ...]], lang: str) -> str:
    shown = ["(" + ", ".join(map(str, r)) + ")" for r in rows]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + _AND[lang] + shown[-1]


def d_texts(activation: str) -> tuple[str, str]:
    """How the slides write the d of output 0 and output 1 for a one-output
    network ending in ``activation``: ("−1", "+1") for the step perceptron,
    ("0", "1") for a sigmoid."""
    lo, hi = (float(v) for v in targets_for(np.array([0, 1]), 1, activation)[:, 0])
    if lo < 0:
        return "\u2212" + _whole(-lo), "+" + _whole(hi)
    return _whole(lo), _whole(hi)


def _whole(v: float) -> str:
    return str(int(v)) if v == int(v) else str(v)
