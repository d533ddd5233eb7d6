"""Where the network graph's parts go and how big they are (a mixin of
``NetworkView``): the cached layout (rebuilt when the size, the scale, the
network, the legend's rows or the class tags change), the room the legend and
the layer captions take in a view of a given size, the class tags' and the
input grid caption's sizes, and the points a lecture points at (a neuron's
centre, a point along an edge, a bias marker, a colour on the legend).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from nnviz.core.model import graph_layout as gl
from nnviz.gui.network.legend import fmt, fmt_scale

#: factors tried, in order, on the legend's scale in a short view (legend_scale)
_LEGEND_SHRINK = (1.0, 0.85, 0.7, 0.55, 0.45)
#: view height (px) below which the layer captions shrink with it (caption_scale)
_CAPTION_ROOM = 360.0
#: pixel size of the layer captions and of the notes under them at scale 1;
#: a narrow column shrinks them down to the second number times the
#: presentation scale, but never below the first (their size at scale 1),
#: then wraps them onto two lines
_CAPTION_PX = (18.0, 12.0)
_NOTE_PX = (13.0, 11.0)
_WRAP = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


class GraphGeometry:
    """Layout and sizes of NetworkView (a mixin: reads the view's state)."""

    # ------------------------------------------------------------- layout
    def _legend_rows(self, width: float, height: float) -> int:
        return self._rows_at(width, self.legend_scale(width, height))

    def _rows_at(self, width: float, scale: float) -> int:
        return self._legend.rows_needed(
            width, scale, self.font(), self._scale_note(), self._texts["output"],
            bool(self._model.activations),
        )

    def legend_scale(self, width: float, height: float) -> float:
        """The legend's own scale: the presentation scale while the legend takes
        at most a third of the view, smaller in a short view (at scale 2 on a
        900-pixel screen the legend would leave the graph a strip), but never
        smaller than at scale 1: its text must still read on a projector."""
        floor = min(1.0, self._scale)
        ls = self._scale
        for factor in _LEGEND_SHRINK:
            ls = max(floor, self._scale * factor)
            rows = self._rows_at(width, ls)
            if self._legend.height(rows, ls) <= height / 3 or ls == floor:
                break
        return ls

    def _legend_height(self, width: float, height: float) -> float:
        ls = self.legend_scale(width, height)
        return self._legend.height(self._rows_at(width, ls), ls)

    def caption_scale(self, height: float) -> float:
        """The layer captions' scale: smaller in a short view, never below scale 1."""
        return min(self._scale, max(1.0, height / _CAPTION_ROOM))

    def caption_fonts(self, width: float, height: float) -> tuple[QFont, float, QFont, float, list[str]]:
        """(caption font, caption block height, note font, note block height,
        notes) of the column captions in a view of this size. A caption too
        wide for its column shrinks down to ``_CAPTION_PX[1]`` × scale, then
        wraps onto two lines; the notes alike."""
        cs, s = self.caption_scale(height), self._scale
        n = len(self._model.network.layers)
        gap = max(width - 24 * s, 10) / n
        hidden = self._texts["hidden1"] if n == 3 else self._texts["hidden"]
        titles = [self._texts["input"], self._texts["output_layer"]] + ([hidden] if n == 3 else [])
        notes = [self.column_note(li) for li in range(n)]
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font, title_h = _fitted(title_font, _CAPTION_PX, cs, s, titles, 0.94 * gap)
        note_font, note_h = _fitted(QFont(self.font()), _NOTE_PX, cs, s, notes, 0.94 * gap)
        return title_font, max(title_h, 24 * cs), note_font, max(note_h, 18 * cs), notes

    def _caption_height(self, width: float, height: float) -> float:
        _, title_h, _, note_h, _ = self.caption_fonts(width, height)
        return 12 * self.caption_scale(height) + title_h + note_h

    def class_names(self) -> list[str]:
        """What each output neuron stands for (class labels), or []."""
        net = self._model.network
        return gl.output_classes(net.layers[-1], net.activations[-1], self._model.output_names)

    def class_tag_font(self) -> tuple[QFont, QFontMetricsF]:
        """The bold font of the class tags beside the output neurons."""
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(round(13 * self._scale))
        return font, QFontMetricsF(font)

    def _tags_overflow(self, lay: gl.GraphLayout, width: float) -> float:
        """How far the class tags (and the values after them) of a straight output
        column reach past the view's right edge; 0 or less when they fit."""
        names = self.class_names()
        last = len(lay.positions) - 1
        if not names or last < 1 or (last < len(lay.label_sides) and lay.label_sides[last].any()):
            return 0.0  # no tags, or a staggered column that placed them itself
        s = self._scale
        value = 0.0
        if self._model.activations:
            font = QFont(self.font())
            font.setPixelSize(round(12 * s))  # the values' font (neuron_painter._paint_value)
            value = QFontMetricsF(font).horizontalAdvance(fmt(0.0, 2)) + 6 * s
        right = lay.columns[last] + 1.25 * lay.radii[last] + 3 * s + self.class_tag_width(names) + value
        return float(right - (width - 4 * s))

    def class_tag_width(self, names: list[str]) -> float:
        """Room a class tag takes beside an output neuron, its spacing included."""
        if not names:
            return 0.0
        _, fm = self.class_tag_font()
        s = self._scale
        return max(max(fm.horizontalAdvance(n) + 10 * s, fm.height()) for n in names) + 3 * s

    def grid_note_rect(self, width: float, lay: gl.GraphLayout) -> QRectF:
        """Where the caption under the input image goes: centred under it as
        far as the view lets it, never cut at the view's edges."""
        s = self._scale
        x0, y0, w, h = lay.image_rect
        gap = lay.columns[1] - lay.columns[0] if len(lay.columns) > 1 else width
        want = min(width - 8 * s, max(w + 120 * s, 1.6 * gap))
        left = min(max(4 * s, x0 + w / 2 - want / 2), width - 4 * s - want)
        return QRectF(max(left, 4 * s), y0 + h + 4 * s, want, 80 * s)

    def grid_note_font(self, height: float) -> QFont:
        """The caption under the input image: as the layer captions, smaller in
        a short view (at scale 2 a training lesson's graph is about 330 px
        tall, and the caption at full size took the image's room)."""
        font = QFont(self.font())
        font.setPixelSize(round(13 * self.caption_scale(height)))
        return font

    def _grid_note_height(self, width: float, height: float) -> float:
        """Height of the wrapped caption under the input image (the longest of its two texts)."""
        s = self._scale
        fm = QFontMetricsF(self.grid_note_font(height))
        rows, cols = self._image_shape
        n = len(self._model.network.layers)
        gap = max(width - 24 * s, 10) / n
        want = min(width - 8 * s, max(0.8 * gap + 120 * s, 1.6 * gap))
        texts = [self._texts["grid_input"].format(rows, cols),
                 self._texts["grid_rf"].format("h₃₂", fmt_scale(-0.888))]
        return max(fm.boundingRect(QRectF(0, 0, want, 1e4), _WRAP, t).height() for t in texts)

    def _layout_for(self, width: int, height: int) -> tuple[gl.GraphLayout, np.ndarray]:
        key = (width, height, self._scale, tuple(self._model.network.layers),
               self._legend_rows(width, height), bool(self._model.activations),
               tuple(self.class_names()), self._texts["input"])
        if key != self._layout_key or self._layout is None:
            s = self._scale
            margin = 12 * s
            # margins follow the text around them: a short view keeps its room
            cs = self.caption_scale(height)
            top = self._caption_height(width, height) + 10 * cs
            note = self._grid_note_height(width, height) + 8 * s if self._image_shape else 0.0
            bottom = self._legend_height(width, height) + 14 * cs
            def layout(room: float) -> gl.GraphLayout:
                return gl.layout_network(
                    self._model.network.layers,
                    margin,
                    top,
                    max(room, 10),
                    max(height - top - bottom, 10),
                    max_spacing=170 * s,
                    max_radius=30 * s,
                    label_room=(20 if self._model.activations else 4) * s,
                    image_shape=self._image_shape,
                    min_gap=gl.MIN_GAP * s,
                    output_tag=self.class_tag_width(self.class_names()),
                    image_note=note,
                )

            self._layout = layout(width - 2 * margin)
            over = self._tags_overflow(self._layout, width)
            if over > 0:
                # long class names ("Ankle boot") beside a straight output column: the
                # columns move left until the tags and values fit (the right margin
                # grows by what the last half-column loses)
                n = len(self._model.network.layers)
                self._layout = layout(width - 2 * margin - over / (1 - 1 / (2 * n)))
            self._layout_key = key
            self._sorted_seg = np.ascontiguousarray(self._layout.segments[self._order])
        return self._layout, self._sorted_seg

    # ------------------------------------------------------------ points
    def neuron_centre(self, layer: int, i: int) -> QPointF:
        lay, _ = self._layout_for(self.width(), self.height())
        x, y = lay.positions[layer][i]
        return QPointF(x, y)

    def edge_point(self, layer: int, j: int, k: int, t: float = 0.5) -> QPointF:
        """A point at fraction ``t`` along edge ω_jk of weight layer ``layer``."""
        lay, _ = self._layout_for(self.width(), self.height())
        x1, y1, x2, y2 = lay.segments[gl.edge_index(self._model.network.layers, layer, j, k)]
        return QPointF(x1 + t * (x2 - x1), y1 + t * (y2 - y1))

    def bias_point(self, layer: int, k: int) -> QPointF:
        """Centre of the bias marker of neuron k of layer ``layer`` (>= 1)."""
        lay, _ = self._layout_for(self.width(), self.height())
        x, y = lay.positions[layer][k]
        return self.bias_rect(layer, k, x, y, float(lay.radii[layer])).center()

    def legend_point(self, value: float) -> QPointF:
        """Where the legend's colour bar shows the colour of weight ``value``."""
        return self._legend.weight_point(value, self._vmax)


def _fitted(
    font: QFont, px: tuple[float, float], cs: float, s: float, texts: list[str], width: float
) -> tuple[QFont, float]:
    """``font`` at ``px[0] * cs`` pixels, shrunk so that the widest of
    ``texts`` fits ``width``, but not below ``px[1] * s`` nor below ``px[0]``
    (the size at scale 1) once the scale passes 1: below that the texts wrap.
    Returns the font and the height of the tallest wrapped text."""
    f = QFont(font)
    f.setPixelSize(round(px[0] * cs))
    fm = QFontMetricsF(f)
    widest = max((fm.horizontalAdvance(t) for t in texts), default=0.0)
    if widest > width:
        floor = min(px[1] * s, px[0]) if s > 1 else px[1]
        f.setPixelSize(round(max(floor, min(px[0] * cs * width / widest, px[0] * cs))))
        fm = QFontMetricsF(f)
    box = QRectF(0, 0, max(width, 1.0), 1e4)
    high = max((fm.boundingRect(box, _WRAP, t).height() for t in texts if t), default=fm.height())
    return f, high
