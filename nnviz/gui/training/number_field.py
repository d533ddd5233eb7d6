"""Numbers as people write them, in the training form's fields.

Shown as 0,05 rather than 0,050000 (:func:`format_number`, with the decimal
mark of the interface language), read back with a decimal comma or point and
e-notation (:func:`read_number`), stepped along 1-2-5 (:func:`ladder_step`)
for η and λ that span several powers of ten. :class:`NumberSpin` is the field
that does all three and refuses text that is not a number in range aloud;
:func:`parse_numbers` and :func:`parse_probabilities` read the lists typed
into a line (layer sizes, dropout), :func:`format_probabilities` writes the
dropout list back.

Refusal sentences keep the context ``SettingsForm``: they are the form's words.
"""

from __future__ import annotations

import math
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTimer, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox

from nnviz.core.errors import UserError


def format_number(value: float, point: str = ".") -> str:
    """A number as a person writes it: 0,05; 0,001; 5e-4; 2 (``point`` is the decimal mark).

    Up to six significant digits, no trailing zeros; below 0.001 in e-notation,
    which is how learning rates and λ are written in papers and PyTorch scripts.
    """
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    if abs(value) < 1e-3:
        mantissa, exponent = f"{value:.5e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}e{int(exponent)}"
    else:
        text = f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
        if "e" in text:  # .6g switches to e-notation for large values
            text = f"{value:.0f}"
        elif "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(".", point)


def read_number(text: str) -> float | None:
    """What a person typed, with a decimal comma or point and e-notation; None if not a number."""
    t = text.strip().replace(" ", "").replace("\u2212", "-").replace(",", ".").replace("E", "e")
    if not t or not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?", t):
        return None
    return float(t)


def ladder_step(value: float, steps: int, smallest: float) -> float:
    """``steps`` rungs up (or down) the 1-2-5 ladder (…, 0.01, 0.02, 0.05, 0.1, …).

    A value between rungs goes to the next rung in the direction of the step;
    below ``smallest`` the ladder ends at 0.
    """
    up = steps > 0
    for _ in range(abs(steps)):
        if up and value < smallest:
            value = smallest
        elif not up and value <= smallest * (1 + 1e-9):
            value = 0.0
        else:
            e = math.floor(math.log10(value)) - 1
            rungs = [m * 10.0**k for k in (e, e + 1, e + 2) for m in (1, 2, 5)]
            if up:
                value = min(r for r in rungs if r > value * (1 + 1e-9))
            else:
                value = max(r for r in rungs if r < value * (1 - 1e-9))
    return float(f"{value:.6g}")


class NumberSpin(QDoubleSpinBox):
    """A number field that writes numbers as people do and refuses bad input aloud.

    Shows 0,05 rather than 0,050000 (the decimal mark of the interface language),
    reads 0,05 / 0.05 / 5e-4, and steps with the arrows either linearly
    (``step``) or along the 1-2-5 ladder (``step=None``: 0,01 → 0,02 → 0,05 → 0,1),
    which suits η and λ that span several powers of ten. Text that is not a
    number in range is refused: the field goes back to its last value and
    ``refused`` carries a sentence saying why.
    """

    #: the typed text was not accepted: a sentence for the user
    refused = Signal(str)

    def __init__(self, lo: float, hi: float, value: float, step: float | None = None,
                 smallest: float | None = None) -> None:
        super().__init__()
        self._ladder = step is None
        self._smallest = smallest if smallest is not None else max(lo, 1e-6)
        self.setDecimals(12)  # exact values: the text, not decimals(), decides what shows
        self.setRange(lo, hi)
        if step is not None:
            self.setSingleStep(step)
        self.setValue(value)
        self.setKeyboardTracking(False)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.what = ""
        self.what_tip = ""
        self._refusing = False

    def _point(self) -> str:
        return QLocale().decimalPoint()

    def textFromValue(self, value: float) -> str:
        return format_number(value, self._point())

    def valueFromText(self, text: str) -> float:
        v = read_number(text)
        return self.value() if v is None else v

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        v = read_number(text)
        if v is not None and self.minimum() - 1e-15 <= v <= self.maximum() + 1e-15:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        # called when editing ends on text validate() did not accept; Return
        # calls it twice (the line edit's validator, then the spin box): say it once
        if self._refusing:
            return text
        self._refusing = True
        QTimer.singleShot(0, self._refused_done)
        lo, hi = (format_number(b, self._point()) for b in (self.minimum(), self.maximum()))
        example = format_number(self.value(), self._point())
        self.refused.emit(
            QCoreApplication.translate(
                "SettingsForm", "{0}: '{1}' is not a number from {2} to {3}; write one like {4}."
            ).format(self.what, text.strip(), lo, hi, example)
        )
        return text

    def _refused_done(self) -> None:
        self._refusing = False

    def stepBy(self, steps: int) -> None:
        if not self._ladder:
            super().stepBy(steps)
            return
        self.setValue(min(max(ladder_step(self.value(), steps, self._smallest), self.minimum()), self.maximum()))
        self.selectAll()

    def refresh_text(self) -> None:
        """Write the value again (after the interface language changed its decimal mark)."""
        self.lineEdit().setText(self.textFromValue(self.value()))


def parse_probabilities(text: str, what: str) -> list[float]:
    """"0,5; 0,2" or "0.5, 0.2" -> [0.5, 0.2]: a decimal comma or point, values
    separated by ";", spaces or ", " (a comma between digits is a decimal comma)."""
    tokens = [t for t in re.split(r"[;\s]+|,(?=\s)", text) if t]
    if len(tokens) == 1 and "." in tokens[0]:
        tokens = [t for t in tokens[0].split(",") if t]  # "0.5,0.2"
    values = [read_number(t) for t in tokens]
    if any(v is None for v in values):
        raise UserError(
            QCoreApplication.translate(
                "SettingsForm", "{0}: write numbers separated by semicolons, like '0.5; 0.2'."
            ).format(what)
        )
    return [float(v) for v in values if v is not None]


def format_probabilities(values: list[float], point: str) -> str:
    """The dropout list as :func:`parse_probabilities` reads it back."""
    return ("; " if point == "," else ", ").join(format_number(p, point) for p in values) or "0"


def parse_numbers(text: str, kind: type, what: str) -> list[Any]:
    """"8, 8" -> [8, 8]; a clear error naming ``what`` otherwise."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        return [kind(p) for p in parts]
    except ValueError:
        raise UserError(
            QCoreApplication.translate("SettingsForm", "{0}: write numbers separated by commas, like '8, 8'.")
            .format(what)
        ) from None
