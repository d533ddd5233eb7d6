"""Colours of the network graph and the legends that explain them.

Weights (edges and bias markers) take a diverging, colour-blind-safe colour
map (pyqtgraph's ``CET-CBD1``, reversed so that positive is blue and negative
is gold as in TensorFlow Playground), cut into ``N_BINS`` bins. Each bin's
colour is blended towards the background as |ω| goes to zero, so weak edges
fade on any theme and zero is neutral. Neuron outputs take a grey ramp from
the background to the text colour (their own legend), so that they can never
be mistaken for weights. The legend bars are painted from the very same bin
colours as the edges.
"""

from __future__ import annotations

import copy

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette, QPen

from nnviz.core.model.graph_layout import bin_centres, color_bins

N_BINS = 32
#: how much of the colour a weight of zero keeps (the rest is background)
ZERO_STRENGTH = 0.22


def _mix(a: np.ndarray, b: np.ndarray, t: np.ndarray | float) -> np.ndarray:
    """Per row: a + (b - a) * t, for RGB rows in 0..255."""
    t = np.asarray(t, dtype=np.float64)
    if t.ndim == 1:
        t = t[:, None]
    return a + (b - a) * t


def _rgb(c: QColor) -> np.ndarray:
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float64)


class GraphColours:
    """Every colour the graph uses, recomputed when the palette changes."""

    def __init__(self, palette: QPalette) -> None:
        # pyqtgraph caches the maps it loads: reverse a copy, or every new
        # GraphColours (a palette change) would flip the shared one back.
        self.weight_map = copy.deepcopy(pg.colormap.get("CET-CBD1"))
        self.weight_map.reverse()
        self.set_palette(palette)

    def set_palette(self, palette: QPalette) -> None:
        self.background = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.accent = palette.color(QPalette.ColorRole.Highlight)
        self.muted = palette.color(QPalette.ColorRole.PlaceholderText)
        bg, fg = _rgb(self.background), _rgb(self.text)
        centres = bin_centres(N_BINS)
        # sqrt: middling weights get clearly coloured, not washed out
        stretched = np.sign(centres) * np.sqrt(np.abs(centres))
        raw = self.weight_map.map((stretched + 1.0) / 2.0, mode="float")[:, :3] * 255.0
        strength = ZERO_STRENGTH + (1.0 - ZERO_STRENGTH) * np.abs(stretched)
        full = _mix(np.tile(bg, (N_BINS, 1)), raw, strength)
        self.bin_rgb = np.clip(np.rint(full), 0, 255).astype(np.uint8)
        self.bins = [QColor(*map(int, c)) for c in self.bin_rgb]
        # on a dark background (high contrast) dimmed edges keep more of their
        # colour: 40 % of a dark olive on black is lost on a projector
        boost = 1.6 if float(np.dot(bg, (0.299, 0.587, 0.114))) < 100 else 1.0
        self.dim = {
            level: [QColor(*map(int, np.rint(_mix(bg[None], c[None], min(1.0, level * boost))[0]))) for c in full]
            for level in (0.15, 0.4, 0.6)
        }
        self.grey_lo, self.grey_hi = bg, fg
        self.outline = QColor(*map(int, np.rint(_mix(bg[None], fg[None], 0.75)[0])))
        self.dim_outline = QColor(*map(int, np.rint(_mix(bg[None], fg[None], 0.25)[0])))
        self.dropped = QColor(*map(int, np.rint(_mix(bg[None], fg[None], 0.12)[0])))
        self.empty_fill = QColor(*map(int, np.rint(_mix(bg[None], fg[None], 0.04)[0])))

    def faded(self, colour: QColor, keep: float = 0.3) -> QColor:
        """``colour`` blended towards the background (dimmed neurons)."""
        mixed = _mix(_rgb(self.background)[None], _rgb(colour)[None], keep)[0]
        return QColor(*map(int, np.rint(mixed)))

    # ------------------------------------------------------------ weights
    def weight_colour(self, value: float, vmax: float) -> QColor:
        return self.bins[int(color_bins(np.array([value]), vmax, N_BINS)[0])]

    def weight_rgba(self, values: np.ndarray, vmax: float) -> np.ndarray:
        """(n, 4) uint8 RGBA rows of the weight colours of ``values``."""
        rgb = self.bin_rgb[color_bins(values, vmax, N_BINS)]
        return np.column_stack([rgb, np.full(len(rgb), 255, np.uint8)])

    # -------------------------------------------------------- activations
    def activation_rgb(self, values: np.ndarray, lo: float, hi: float) -> np.ndarray:
        """(n, 3) float RGB of neuron outputs on the grey ramp lo..hi."""
        t = np.clip((np.asarray(values, dtype=np.float64) - lo) / max(hi - lo, 1e-12), 0, 1)
        t = np.nan_to_num(t, nan=0.0)
        return _mix(np.tile(self.grey_lo, (len(t), 1)), np.tile(self.grey_hi, (len(t), 1)), t)

    def activation_colour(self, value: float, lo: float, hi: float) -> QColor:
        return QColor(*map(int, np.rint(self.activation_rgb(np.array([value]), lo, hi)[0])))


def ink_image(x: np.ndarray, shape: tuple[int, int]) -> QImage:
    """An input image as black ink on white paper over the full grey range:
    the sample's smallest value (or 0, if smaller) is white, its largest black."""
    v = np.nan_to_num(np.asarray(x, dtype=np.float64).ravel())
    lo = min(0.0, float(v.min())) if v.size else 0.0
    hi = float(v.max()) if v.size else 1.0
    t = (v - lo) / (hi - lo) if hi > lo else np.zeros_like(v)
    grey = np.rint(255.0 * (1.0 - t)).astype(np.uint8)
    return rgba_image(np.column_stack([grey, grey, grey, np.full(len(grey), 255, np.uint8)]), shape)


def rgba_image(rgba: np.ndarray, shape: tuple[int, int]) -> QImage:
    """A QImage (owning its pixels) from (rows*cols, 4) uint8 RGBA rows."""
    rows, cols = shape
    data = np.ascontiguousarray(rgba.reshape(rows, cols, 4))
    img = QImage(data.data, cols, rows, cols * 4, QImage.Format.Format_RGBA8888)
    return img.copy()


def fmt(value: float, digits: int = 4) -> str:
    """A number for a label in the user's locale (decimal comma in Spanish), with
    a real minus sign (−0,5: a hyphen reads as a dash on a projector)."""
    return QLocale().toString(float(value), "f", digits).replace("-", "\u2212")


def fmt_scale(value: float) -> str:
    return QLocale().toString(float(value), "g", 3).replace("-", "\u2212")


# --------------------------------------------------------------- legend
#: narrowest the note about the shown edges may be beside the output bar (× scale)
_NOTE_MIN = 95.0

class LegendPainter:
    """Paints the band at the bottom of the graph: the weight colour bar with
    its numeric scale, the neuron-output bar, and a line about what is shown."""

    def __init__(self, colours: GraphColours) -> None:
        self.colours = colours
        #: bar rectangle of the last paint, to map a weight to its legend pixel
        self.weight_bar = QRectF()

    def weight_point(self, value: float, vmax: float) -> QPointF:
        """Centre of the legend cell that shows ``value``'s colour."""
        b = int(color_bins(np.array([value]), vmax, N_BINS)[0])
        r = self.weight_bar
        w = r.width() / N_BINS
        return QPointF(r.left() + (b + 0.5) * w, r.center().y())

    @staticmethod
    def legend_font(base: QFont, s: float) -> QFont:
        font = QFont(base)
        font.setPixelSize(max(8, round(13 * s)))
        return font

    @staticmethod
    def row_height(s: float) -> float:
        return 58 * s

    def height(self, rows: int, s: float) -> float:
        """Height of a legend of ``rows`` rows; a third holds only the note (two lines)."""
        return self.row_height(s) * min(rows, 2) + (36 * s if rows > 2 else 0.0) + 6 * s

    def rows_needed(
        self, width: float, s: float, base: QFont, scale_note: str, act_title: str,
        has_bar: bool = True,
    ) -> int:
        """1 when the weight bar, the output bar and a line of notes fit side
        by side in ``width``, else 2 (a narrow view at a large scale), or 3
        when even then the note about the shown edges would be a sliver
        beside the output bar (without a bar it goes under its title)."""
        fm = QFontMetricsF(self.legend_font(base, s))
        weight = 28 * s + min(260 * s, width * 0.26) + 12 * s + fm.horizontalAdvance(scale_note)
        act = max(fm.horizontalAdvance(act_title), 10 * s + min(170 * s, width * 0.16))
        if weight + 36 * s + act + 36 * s + 180 * s <= width:
            return 1
        # the note about what is shown needs a row of its own when it would
        # be squeezed into a sliver beside the output bar
        return 2 if not has_bar or 28 * s + act + 36 * s + _NOTE_MIN * s <= width else 3

    def paint(
        self,
        p: QPainter,
        rect: QRectF,
        s: float,
        *,
        vmax: float,
        weight_title: str,
        scale_note: str,
        act_range: tuple[float, float] | None,
        act_title: str,
        shown_note: str,
        rows: int = 1,
    ) -> None:
        c = self.colours
        font = self.legend_font(p.font(), s)
        p.setFont(font)
        fm = QFontMetricsF(font)
        line = fm.height()
        bar_h = 14 * s
        top = rect.top() + 4 * s
        bar_top = top + line + 2 * s
        # weight bar, its scale and what the scale follows
        x = rect.left() + 28 * s
        bar_w = min(260 * s, rect.width() * 0.26)
        p.setPen(c.text)
        p.drawText(QPointF(x, top + fm.ascent()), weight_title)
        bar = QRectF(x, bar_top, bar_w, bar_h)
        self.weight_bar = bar
        cell = bar_w / N_BINS
        for i, col in enumerate(c.bins):
            p.fillRect(QRectF(bar.left() + i * cell, bar.top(), cell + 0.6, bar_h), col)
        p.setPen(QPen(c.outline, max(1.0, s)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(bar)
        self._ticks(p, bar, [-vmax, 0.0, vmax], -vmax, vmax, s)
        note_x = bar.right() + 12 * s
        p.setPen(c.text)
        p.drawText(QPointF(note_x, bar.center().y() + fm.ascent() / 2 - fm.descent() / 2), scale_note)
        x = max(note_x + fm.horizontalAdvance(scale_note), x + fm.horizontalAdvance(weight_title))
        x += 36 * s
        if rows > 1:
            x = rect.left() + 28 * s
            top += self.row_height(s)
            bar_top += self.row_height(s)
        # neuron-output bar
        aw = min(170 * s, rect.width() * 0.16)
        p.drawText(QPointF(x, top + fm.ascent()), act_title)
        if act_range is not None:
            abar = QRectF(x + 10 * s, bar_top, aw, bar_h)
            lo, hi = act_range
            n = 48
            vals = lo + (hi - lo) * (np.arange(n) + 0.5) / n
            rgb = np.rint(c.activation_rgb(vals, lo, hi)).astype(int)
            for i in range(n):
                p.fillRect(
                    QRectF(abar.left() + i * aw / n, abar.top(), aw / n + 0.6, bar_h),
                    QColor(*rgb[i]),
                )
            p.setPen(QPen(c.outline, max(1.0, s)))
            p.drawRect(abar)
            self._ticks(p, abar, [lo, 0.0, hi] if lo < 0 < hi else [lo, hi], lo, hi, s)
            x = max(abar.right(), x + fm.horizontalAdvance(act_title)) + 36 * s
        else:
            x += fm.horizontalAdvance(act_title) + 36 * s
        if rows > 2:
            x = rect.left() + 28 * s
            top += self.row_height(s)
        elif rows == 2 and act_range is None and rect.right() - x < _NOTE_MIN * s:
            x = rect.left() + 28 * s  # under the output title, in the bar's place
            top += line + 4 * s
        # what is shown
        p.setPen(c.text)
        p.drawText(
            QRectF(x, top, max(rect.right() - x - 10 * s, 40 * s), rect.height() - 6 * s),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            shown_note,
        )

    def _ticks(
        self, p: QPainter, bar: QRectF, ticks: list[float], lo: float, hi: float, s: float
    ) -> None:
        p.setPen(QPen(self.colours.text, max(1.0, s)))
        metrics = p.fontMetrics()
        placed: list[tuple[float, float]] = []
        # the ends first: a middle label that would touch one is left out
        # (−1 and 0 run together as "−10" on a projector)
        order = sorted(range(len(ticks)), key=lambda i: ticks[i] not in (lo, hi))
        for i in order:
            v = ticks[i]
            x = bar.left() + (v - lo) / (hi - lo) * bar.width()
            label = fmt_scale(v)
            half = metrics.horizontalAdvance(label) / 2 + 3 * s
            if any(x - half < right and left < x + half for left, right in placed):
                continue
            placed.append((x - half, x + half))
            p.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 4 * s))
            p.drawText(
                QRectF(x - 40 * s, bar.bottom() + 4 * s, 80 * s, 16 * s),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
