"""How the training plots look: their colours in either theme, and an axis of whole epochs.

- :func:`plot_colors` and :func:`apply_plot_theme` draw any pyqtgraph plot in a
  palette's colours (white or, in the high-contrast theme, black);
- :func:`curve_color` gives the training and validation hues, lighter on a
  dark background; the other colours of the marks are constants here;
- :class:`WholeNumberAxis` ticks epochs and updates at whole numbers only.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette

from nnviz.core.model.regions import class_color
from nnviz.gui.locale_axis import LocaleAxis

TRAIN_COLOR = class_color(0)  # blue
VAL_COLOR = class_color(3)  # vermilion
#: the same two hues, lighter, for a dark (high-contrast) background
TRAIN_COLOR_DARK = (86, 180, 233)  # Okabe-Ito sky blue
VAL_COLOR_DARK = (255, 122, 40)
#: the best epoch's line
BEST_COLOR = (0, 158, 115)
#: the generalization gap's shading
GAP_RGB = (213, 94, 0)


def curve_color(part: str, dark: bool) -> tuple[int, int, int]:
    """The colour of the training (``part`` starts with "train") or validation
    curves, on a dark background when ``dark``."""
    if part.startswith("train"):
        return TRAIN_COLOR_DARK if dark else TRAIN_COLOR
    return VAL_COLOR_DARK if dark else VAL_COLOR


def plot_colors(palette: QPalette) -> tuple[QColor, QColor, QColor, bool]:
    """Background, text, grid colours of a plot in ``palette``, and whether it is dark.

    The plot's background is the palette's Base (white, or black in the
    high-contrast theme), its axes and text the palette's Text, its grid a
    shade between the two.
    """
    bg = palette.color(QPalette.ColorRole.Base)
    fg = palette.color(QPalette.ColorRole.Text)
    dark = bg.lightness() < 128
    mix = 0.28 if dark else 0.12
    grid = QColor(
        round(bg.red() + mix * (fg.red() - bg.red())),
        round(bg.green() + mix * (fg.green() - bg.green())),
        round(bg.blue() + mix * (fg.blue() - bg.blue())),
    )
    return bg, fg, grid, dark


def apply_plot_theme(plot: pg.PlotWidget, palette: QPalette) -> bool:
    """Draw ``plot``'s background, axes, labels and (opaque) grid in ``palette``'s
    colours; call it again on ``QEvent.PaletteChange``. Returns whether it is dark."""
    bg, fg, grid, dark = plot_colors(palette)
    plot.setBackground(bg)
    item = plot.getPlotItem()
    for name in ("left", "bottom", "right", "top"):
        if not item.getAxis(name).isVisible():
            continue
        ax = item.getAxis(name)
        ax.setPen(pg.mkPen(fg))
        ax.setTextPen(pg.mkPen(fg))
        if ax.grid is not False:
            ax.setTickPen(pg.mkPen(grid))
        ax.labelStyle = {**ax.labelStyle, "color": fg.name()}
        if ax.labelText:  # re-lay the label out in the new colour
            ax.setLabel(ax.labelText, ax.labelUnits)
    return dark


class WholeNumberAxis(LocaleAxis):
    """An axis of epochs or updates: ticks only at whole numbers (no "epoch 2.5");
    with ``whole_numbers`` False (seconds) the usual ticks."""

    whole_numbers = True

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802, N803
        if not self.whole_numbers:
            return super().tickValues(minVal, maxVal, size)
        levels = []
        for spacing, values in super().tickValues(minVal, maxVal, size):
            if spacing >= 1:
                levels.append((spacing, [v for v in values if float(v).is_integer()]))
        if not levels:
            lo, hi = math.ceil(minVal), math.floor(maxVal)
            levels = [(1.0, [float(v) for v in range(lo, hi + 1)])] if hi - lo < 50 else []
        return levels
