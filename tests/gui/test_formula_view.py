"""The formula panel: every formula the engine writes is drawn, numbers in colour."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from nnviz.core.lecture.backprop import backprop_update
from nnviz.core.lecture.formulas import DELTA_OUT_BY_ACTIVATION, FORMULAS, STEP6_CONSISTENT
from nnviz.core.lecture.latex_numbers import split_result
from nnviz.core.lecture.perceptron_walk import perceptron_walk_for_lesson
from nnviz.core.lecture.stepping import SLIDE_FORMS
from nnviz.core.lessons import lesson_names, load_lesson
from nnviz.core.model.activations import ACTIVATIONS
from nnviz.core.model.network import Network
from nnviz.gui.lecture.formula_view import FormulaView, math_path


def _count_colour(img: QImage, colour: QColor, tol: int = 40) -> int:
    """Pixels close to ``colour`` (antialiased edges excluded by the tolerance)."""
    img = img.convertToFormat(QImage.Format.Format_RGB32)
    ptr = img.constBits()
    arr = np.frombuffer(ptr, dtype=np.uint8, count=img.sizeInBytes()).reshape(
        img.height(), img.bytesPerLine() // 4, 4
    )[:, : img.width(), :3]
    target = np.array([colour.blue(), colour.green(), colour.red()])
    return int(np.sum(np.all(np.abs(arr.astype(int) - target) < tol, axis=-1)))


@pytest.fixture
def view(qtbot):
    v = FormulaView(lang="es")
    qtbot.addWidget(v)
    v.resize(900, 300)
    return v


def _all_steps():
    """Every step the engine writes: each lesson, both granularities, several activations."""
    for name in lesson_names():
        lesson = load_lesson(name)
        if lesson.mode == "perceptron":
            walk = perceptron_walk_for_lesson(lesson)
            yield from walk.trace.steps
        elif lesson.mode == "mlp":
            x = lesson.dataset().x[0]
            n_out = lesson.network.layers[-1]
            # a softmax output's target is probabilities that add up to 1
            d = np.full(n_out, 1.0 / n_out if lesson.network.activations[-1] == "softmax" else 0.3)
            for g in ("scalar", "layer"):
                yield from backprop_update(lesson.network, x, d, 0.5, False, g).steps
    for act in ("identity", "tanh", "relu"):
        net = Network.initialised([2, 2, 2, 1], act, seed=1)
        for g in ("scalar", "layer"):
            yield from backprop_update(net, [0.2, -0.7], [0.1], 0.1, False, g).steps


def test_every_formula_the_engine_writes_is_drawn_in_both_languages(view):
    ids = set()
    for step in _all_steps():
        ids.add(step.formula_id)
        for lang in ("es", "en"):
            view.set_lang(lang)
            numeric, result = split_result(step.numbers_in(lang))
            view.show_formula(step.caption_in(lang), step.latex, numeric, result)
            assert view.errors == [], (step.formula_id, view.errors)
    assert {"net", "out", "error", "chain_rule", "delta_out", "delta_hidden", "dw", "db", "w_update",
            "b_update"} <= ids
    assert {"perceptron_net", "perceptron_out", "perceptron_error", "perceptron_w"} <= ids


def test_the_slides_general_formulas_are_drawn():
    for latex in [f.latex for f in FORMULAS.values()] + list(DELTA_OUT_BY_ACTIVATION.values()) + [
        STEP6_CONSISTENT,
        *(a.latex for a in ACTIVATIONS.values()),
        *SLIDE_FORMS.values(),
    ]:
        assert not math_path(latex, 22.0).path.isEmpty()


def test_three_lines_with_numbers_in_the_highlight_colour(view, qtbot):
    view.show_formula(
        "1. Entrada neta",
        r"\mathrm{net}_{h_1} = \sum_i \omega_{i1} x_i + b_1",
        r"\mathrm{net}_{h_1} = 0.15\cdot 0.05 + 0.2\cdot 0.1 + 0.35",
        r"\mathrm{net}_{h_1} = 0.3775",
    )
    lines = view.lines_latex()
    assert len(lines) == 3
    assert "0{,}15" in lines[1] and "0{,}3775" in lines[2]  # Spanish decimal comma
    numbers = [latex for latex, role in view.pieces(1) if role == "number"]
    assert numbers == ["0{,}15", "0{,}05", "0{,}2", "0{,}1", "0{,}35"]
    assert [role for _, role in view.pieces(2)] == ["text", "result"]
    view.show()
    qtbot.waitExposed(view)
    img = view.grab().toImage()
    assert _count_colour(img, view.color("number")) > 50
    assert _count_colour(img, view.color("result")) > 20
    view.set_lang("en")
    assert "0.15" in view.lines_latex()[1]


def test_the_font_follows_the_presentation_scale(view):
    view.show_formula("caption", r"\delta_k = (d_k-y_k)\,y_k(1-y_k)", "", r"\delta_1 = 0.5")
    small = view.sizeHint()
    view.set_scale(2.5)
    big = view.sizeHint()
    assert big.width() > 2 * small.width() - 40 and big.height() > 2 * small.height() - 40
    view.set_scale(10)
    assert view.scale() == 3.0


def test_parsed_formulas_are_cached():
    a = math_path(r"\Delta\omega_{jk} = \eta\,\delta_k\,h_j", 22.0)
    b = math_path(r"\Delta\omega_{jk} = \eta\,\delta_k\,h_j", 22.0)
    assert a is b


def test_a_formula_mathtext_refuses_is_reported_and_shown_as_text(view, qtbot):
    view.show_formula("caption", r"\begin{cases} a \end{cases}")
    assert view.errors
    view.show()
    qtbot.waitExposed(view)
    assert not view.grab().isNull()


def test_the_panel_opens_without_matplotlib_until_a_formula_is_drawn():
    code = (
        "import sys; import nnviz.gui.lecture.formula_view, nnviz.gui.lecture.stepper; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
