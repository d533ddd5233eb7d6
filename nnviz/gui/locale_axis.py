"""Plot axes that write numbers the way the interface language does (0,5 in Spanish)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLocale


def localized(labels: list[str]) -> list[str]:
    """Tick labels with the locale's decimal separator and minus sign."""
    point = QLocale().decimalPoint()
    if point == ".":
        return labels
    return [s.replace(".", point) for s in labels]


class LocaleAxis(pg.AxisItem):
    """A pyqtgraph axis whose tick labels follow the interface language."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802, ANN001, ANN201
        return localized(super().tickStrings(values, scale, spacing))


def locale_axes() -> dict[str, LocaleAxis]:
    """``axisItems`` for a PlotWidget with both axes localized."""
    return {"bottom": LocaleAxis("bottom"), "left": LocaleAxis("left")}
