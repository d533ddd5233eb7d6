"""Numbers inside the slides' formulas: formatting and finding them in LaTeX.

Pure string work shared by the formula panel and anything that prints a
formula with its numbers. Two conventions from matplotlib's mathtext (see
FACTS.md): a negative number goes in parentheses, ``(-0{,}5)``, and the
Spanish decimal comma is written ``0{,}5`` so that it gets no space after it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: characters that make a piece start or end with an operator whose spacing
#: mathtext loses when the formula is cut into pieces (``{}\cdot{}``)
_BINARY = ("+", "-", "=", "<", ">", "\\cdot", "\\leftarrow", "\\approx", "\\times", "\\geq", "\\leq")


def decimal_mark(lang: str) -> str:
    """The decimal separator of ``lang`` as mathtext needs it."""
    return "{,}" if lang.lower().startswith("es") else "."


def format_number(value: float, lang: str = "es", digits: int = 4) -> str:
    """``value`` as LaTeX for a formula: ``digits`` significant digits, no
    trailing zeros, the language's decimal mark, negatives in parentheses, and
    ``1{,}2\\cdot 10^{-5}`` for very small or very large magnitudes."""
    v = float(value)
    if math.isnan(v):
        return r"\mathrm{NaN}"
    if math.isinf(v):
        return r"(-\infty)" if v < 0 else r"\infty"
    if v == 0.0:
        return "0"
    mag = math.floor(math.log10(abs(v)))
    if -4 <= mag < 6:
        decimals = max(0, digits - 1 - mag)
        text = f"{abs(v):.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text in ("0", ""):
            text = f"{abs(v):.{digits - 1}e}"
            return _with_sign(_scientific(text, lang), v)
        return _with_sign(text.replace(".", decimal_mark(lang)), v)
    return _with_sign(_scientific(f"{abs(v):.{digits - 1}e}", lang), v)


def format_plain(value: float, lang: str = "es", digits: int = 4) -> str:
    """``value`` for a plain-text label (no LaTeX): ``0,5`` or ``-1,2e-05``."""
    v = float(value)
    if v == 0.0 or not math.isfinite(v):
        return str(v) if not math.isfinite(v) else "0"
    mag = math.floor(math.log10(abs(v)))
    if -4 <= mag < 6:
        decimals = max(0, digits - 1 - mag)
        text = f"{v:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{v:.{digits - 1}e}"
    return text.replace(".", ",") if lang.lower().startswith("es") else text


def _scientific(text: str, lang: str) -> str:
    mant, exp = text.split("e")
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return mant.replace(".", decimal_mark(lang)) + r"\cdot 10^{" + str(int(exp)) + "}"


def _with_sign(text: str, v: float) -> str:
    return f"(-{text})" if v < 0 else text


_DOT_BETWEEN_DIGITS = re.compile(r"(?<=\d)\.(?=\d)")


def localize(latex: str, lang: str) -> str:
    """Turn the decimal points of ``latex`` into ``{,}`` for Spanish."""
    if lang.lower().startswith("es"):
        return _DOT_BETWEEN_DIGITS.sub("{,}", latex)
    return latex


# ---------------------------------------------------------------- pieces
@dataclass(frozen=True)
class Piece:
    """A run of a formula drawn with one pen: ``number`` marks a substituted value."""

    latex: str
    number: bool = False


_NUMBER = re.compile(
    r"\(\s*-\s*\d+(?:(?:\{,\}|\.)\d+)?(?:\s*\\cdot\s*10\^\{-?\d+\})?\s*\)"
    r"|\d+(?:(?:\{,\}|\.)\d+)?(?:\s*\\cdot\s*10\^\{-?\d+\})?"
)
_INTEGER = re.compile(r"\d+")


def _structure(latex: str) -> tuple[list[bool], list[int]]:
    """One scan of ``latex``: for each character, is it a top-level character
    (outside every brace group, ``\\left...\\right`` pair and sub/superscript,
    and not part of a command), and the group depth where it stands?"""
    n = len(latex)
    mask = [False] * n
    depths = [0] * n
    depth = 0
    i = 0
    while i < n:
        c = latex[i]
        depths[i] = depth
        if latex.startswith("\\left", i) and not latex[i + 5 : i + 6].isalpha():
            depth += 1
            i += 5
            continue
        if latex.startswith("\\right", i) and not latex[i + 6 : i + 7].isalpha():
            depth -= 1
            i += 6
            continue
        if c == "\\":
            # a command name or an escaped character: never part of a number
            j = i + 1
            while j < n and latex[j].isalpha():
                j += 1
            j = max(j, i + 2)
            depths[i:j] = [depth] * (min(j, n) - i)
            i = j
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c in "_^":
            # a one-character script (x_1) belongs to its nucleus
            if i + 1 < n and latex[i + 1] != "{":
                depths[i + 1] = depth
                i += 2
                continue
        else:
            mask[i] = depth == 0
        i += 1
    return mask, depths


def _top_level_mask(latex: str) -> list[bool]:
    return _structure(latex)[0]


def top_level_numbers(latex: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the numbers in ``latex`` that can be drawn as
    pieces of their own (not inside a group, fraction or script)."""
    mask = _top_level_mask(latex)
    spans = []
    for m in _NUMBER.finditer(latex):
        s, e = m.span()
        # the number's own "{,}" braces are inside it; test its first character
        if not mask[s]:
            continue
        if s > 0 and latex[s - 1].isalpha():
            if latex[s] == "(":
                # f(-0{,}7): the parentheses are the function's, the number is inside
                spans.append((s + 1, e - 1))
            continue
        spans.append((s, e))
    return spans


def _symbolic_integers(symbolic: str) -> set[str]:
    mask = _top_level_mask(symbolic)
    return {m.group() for m in _INTEGER.finditer(symbolic) if mask[m.start()]}


_DELIM = r"(\\\||\\\{|\\\}|\\langle|\\rangle|[()\[\]|.])"
_INNERMOST = re.compile(r"\\left" + _DELIM + r"((?:(?!\\left(?![a-z])|\\right(?![a-z])).)*?)\\right" + _DELIM)
_TALL = ("\\dfrac", "\\frac", "\\genfrac", "\\sum", "\\prod", "\\int", "\\sqrt", "\ue000")


def flatten_delimiters(latex: str) -> str:
    """``\\left( ... \\right)`` around one line of plain text becomes ``( ... )``:
    it looks the same, and the numbers inside can then be drawn as pieces.
    Delimiters around fractions, sums or matrices stay as they are."""
    kept: list[str] = []

    def one(m: re.Match) -> str:
        inner = m.group(2)
        if any(t in inner for t in _TALL):
            kept.append(m.group(0))
            return "\ue000" + str(len(kept) - 1) + "\ue001"
        return m.group(1) + inner + m.group(3).replace(".", "")

    prev = None
    while prev != latex:
        prev = latex
        latex = _INNERMOST.sub(one, latex)
    while "\ue000" in latex:
        latex = re.sub("\ue000(\\d+)\ue001", lambda m: kept[int(m.group(1))], latex)
    return latex


def split_numbers(latex: str, symbolic: str = "") -> list[Piece]:
    """Cut a formula with numbers into pieces, the substituted numbers apart.

    Integers that the symbolic form also writes (the 1 of ``1 - y``, the 2 of
    ``\\frac{1}{2}``) are constants, not substituted values, and stay in the
    surrounding text. Each text piece is made safe to parse on its own: an
    operator at either end gets an empty group so that mathtext keeps its
    spacing.
    """
    constants = _symbolic_integers(symbolic) if symbolic else set()
    latex = flatten_delimiters(latex)
    pieces: list[Piece] = []
    pos = 0
    for s, e in top_level_numbers(latex):
        token = latex[s:e]
        if token in constants or latex[e : e + 1] in ("^", "_"):
            # a constant of the slide, or a number carrying a script (0{,}5^2):
            # the script needs its nucleus in the same piece
            continue
        if s > pos:
            pieces.append(Piece(_guard(latex[pos:s])))
        pieces.append(Piece(token, True))
        pos = e
    if pos < len(latex):
        pieces.append(Piece(_guard(latex[pos:])))
    return [p for p in pieces if p.latex.strip()]


def _guard(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return text
    if stripped.startswith(_BINARY):
        text = "{}" + text
    if stripped.endswith(_BINARY):
        text = text + "{}"
    return text


_RELATIONS = ("=", "\\leftarrow")


def _top_level_relations(latex: str) -> list[tuple[int, int]]:
    mask, depths = _structure(latex)
    found = []
    i = 0
    while i < len(latex):
        if latex.startswith("\\leftarrow", i) and depths[i] == 0:
            found.append((i, i + len("\\leftarrow")))
            i += len("\\leftarrow")
            continue
        if latex[i] == "=" and mask[i]:
            found.append((i, i + 1))
        i += 1
    return found


def split_result(latex: str) -> tuple[str, str]:
    """``lhs = expression = value`` → (``lhs = expression``, ``lhs = value``).

    The relation of the result is the formula's first one (``=`` or
    ``\\leftarrow``). With a single relation the whole formula is its result
    and the first part is empty.
    """
    rels = _top_level_relations(latex)
    if not rels:
        return "", latex
    lhs = latex[: rels[0][0]].rstrip()
    rel = latex[rels[0][0] : rels[0][1]]
    value = latex[rels[-1][1] :].strip()
    if len(rels) == 1:
        return "", latex
    return latex[: rels[-1][0]].rstrip(), f"{lhs} {rel} {value}"
