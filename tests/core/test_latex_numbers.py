"""Numbers in formulas: formatting, locating them, splitting off the result."""

from __future__ import annotations

import pytest

from nnviz.core.lecture.latex_numbers import (
    Piece,
    format_number,
    format_plain,
    localize,
    split_numbers,
    split_result,
    top_level_numbers,
)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (0.5, "es", "0{,}5"),
        (0.5, "en", "0.5"),
        (-0.5, "es", "(-0{,}5)"),
        (0.593269992, "es", "0{,}5933"),
        (0.3775, "en", "0.3775"),
        (1.0, "es", "1"),
        (-2.0, "en", "(-2)"),
        (0.0, "es", "0"),
        (123.456, "en", "123.5"),
        (0.00012346, "es", "0{,}0001235"),
        (-1.2346e-5, "es", r"(-1{,}235\cdot 10^{-5})"),
        (2.5e7, "en", r"2.5\cdot 10^{7}"),
    ],
)
def test_format_number(value, lang, expected):
    assert format_number(value, lang) == expected


def test_format_plain_uses_the_decimal_comma_in_spanish():
    assert format_plain(0.25, "es") == "0,25"
    assert format_plain(0.25, "en") == "0.25"
    assert format_plain(-3.0, "es") == "-3"


def test_localize_only_touches_decimal_points():
    assert localize(r"h_1 = 0.59 + x_{1.}", "es") == r"h_1 = 0{,}59 + x_{1.}"
    assert localize("0.59", "en") == "0.59"


def test_numbers_in_scripts_groups_and_fractions_are_not_cut_out():
    latex = r"\omega_{12} x_1 + \dfrac{1}{2} 0{,}5 + e^{-0{,}3}"
    spans = [latex[s:e] for s, e in top_level_numbers(latex)]
    assert spans == ["0{,}5"]


def test_split_numbers_marks_the_substituted_values_and_keeps_constants():
    pieces = split_numbers(
        r"\delta_1 = (0{,}01-0{,}75)\cdot 0{,}75\cdot(1-0{,}75)",
        r"\delta_1 = (d_1-y_1)\,y_1(1-y_1)",
    )
    numbers = [p.latex for p in pieces if p.number]
    assert numbers == ["0{,}01", "0{,}75", "0{,}75", "0{,}75"]
    # the 1 of (1 - y) is the slide's constant, not a substituted value
    assert any("(1-" in p.latex for p in pieces if not p.number)
    # operators at the cut keep their spacing
    assert Piece(r"{}\cdot {}", False) in pieces or any(
        p.latex.endswith(r"\cdot {}") for p in pieces if not p.number
    )
    assert Piece("{}-{}", False) in pieces


def test_a_negative_number_inside_a_function_call_is_one_piece():
    pieces = split_numbers("y = f(-0{,}7)", "y = f(a)")
    assert [p.latex for p in pieces] == ["y = f(", "-0{,}7", ")"]
    assert [p.number for p in pieces] == [False, True, False]


def test_split_result_keeps_the_left_side_and_the_final_value():
    numeric, result = split_result(r"h_{1} = \dfrac{1}{1+e^{-0{,}3775}} = 0{,}5933")
    assert numeric == r"h_{1} = \dfrac{1}{1+e^{-0{,}3775}}"
    assert result == "h_{1} = 0{,}5933"
    numeric, result = split_result(r"\omega_{11} \leftarrow 0{,}4 + (-0{,}04) = 0{,}36")
    assert result == r"\omega_{11} \leftarrow 0{,}36"
    assert split_result("y_1 = 0{,}5") == ("", "y_1 = 0{,}5")


def test_every_piece_parses_in_mathtext():
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    latex = r"\mathrm{net}_{h_{1}} = 0{,}15\cdot 0{,}05 + (-0{,}2)\cdot 0{,}1 + 0{,}35 = 0{,}3775"
    numeric, result = split_result(latex)
    for text in (numeric, result):
        for piece in split_numbers(text, r"\mathrm{net}_{h_{1}} = \sum_i \omega x + b"):
            parser.parse(f"${piece.latex}$", 72, FontProperties(size=12))


def test_plain_sized_delimiters_are_flattened_so_their_numbers_can_be_coloured():
    from nnviz.core.lecture.latex_numbers import flatten_delimiters

    latex = r"E = \dfrac{1}{2}\left[(0{,}01-0{,}75)^2 + (0{,}99-0{,}77)^2\right]"
    assert flatten_delimiters(latex) == r"E = \dfrac{1}{2}[(0{,}01-0{,}75)^2 + (0{,}99-0{,}77)^2]"
    numbers = [p.latex for p in split_numbers(latex, r"E = \dfrac{1}{2}\sum_k(d_k-y_k)^2") if p.number]
    assert numbers == ["0{,}01", "0{,}75", "0{,}99", "0{,}77"]
    # around a fraction or a matrix the tall delimiters stay
    tall = r"\left[\genfrac{}{}{0}{0}{1}{2}\right] + f\left(\dfrac{1}{2}\right)"
    assert flatten_delimiters(tall) == tall


def test_a_number_with_a_script_stays_with_it():
    pieces = split_numbers(r"\delta = (1-0{,}5^2)\cdot 0{,}3", r"\delta = (1-y^2)")
    assert [p.latex for p in pieces if p.number] == ["0{,}3"]
    assert "0{,}5^2" in pieces[0].latex
