"""How the network graph is painted; the state lives in ``NetworkView``.

Every edge is drawn, binned by colour: one ``QPainter.drawLines`` per bin
reads the bin's slice of a numpy array of segments directly (no QLineF
objects), with a clip rectangle set, which FACTS.md measured as the fastest
way through Qt's raster engine. The same code paints the widget, a PNG and
an SVG, so the exported picture is what the user saw.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from nnviz.core.model.graph_layout import (
    UNIFORM_UP_TO,
    GraphLayout,
    Symbol,
    bin_draw_order,
    bin_widths,
    group_by_bin,
    neuron_symbol,
    thickest_width,
)
from nnviz.gui.network.legend import N_BINS, fmt, fmt_scale

#: up to this many drawn edges the lines are antialiased (it doubles the cost)
AA_LIMIT = 600
#: a neuron's symbol is drawn only this big (pixels of the letter) or bigger:
#: smaller, h₁₆ is a smudge on a projector (the tooltip still names it) ...
SYMBOL_MIN_PX = 12.0
#: ... and its subscript never smaller than this
SUBSCRIPT_MIN_PX = 9.0
_DRAW_ORDER = bin_draw_order(N_BINS)


def draw_segments(p: QPainter, seg: np.ndarray) -> None:
    """One drawLines call over a C-contiguous (n, 4) float64 array."""
    if len(seg):
        p.drawLines(shiboken6.wrapInstance(seg.ctypes.data, QLineF), len(seg))


#: (font key, pixel size, italic) -> the derived font and its metrics: a frame
#: labels every neuron, and building a QFont and its metrics per label cost
#: more than drawing it
_FONTS: dict[tuple[str, int, bool], tuple[QFont, QFontMetricsF]] = {}


def derived_font(font: QFont, pixel_size: int, italic: bool) -> tuple[QFont, QFontMetricsF]:
    """``font`` with another pixel size and slant, and its metrics (cached)."""
    key = (font.key(), pixel_size, italic)
    hit = _FONTS.get(key)
    if hit is None:
        f = QFont(font)
        f.setItalic(italic)
        f.setPixelSize(pixel_size)
        if len(_FONTS) >= 256:
            _FONTS.clear()
        hit = _FONTS[key] = (f, QFontMetricsF(f))
    return hit


def label_colour(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    lum = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return QColor(0, 0, 0) if lum > 140 else QColor(255, 255, 255)


class GraphPainting:
    """Painting methods of NetworkView (a mixin: reads the view's state)."""

    # ------------------------------------------------------------- frame
    def paint_to(self, p: QPainter, width: int, height: int) -> None:
        c = self._colours
        p.fillRect(QRectF(0, 0, width, height), c.background)
        lay, seg = self._layout_for(width, height)
        p.setFont(self.font())
        self._paint_captions(p, lay, width, height)
        self._paint_edges(p, lay, seg, width, height)
        self._paint_image_grid(p, lay, width)
        self._paint_neurons(p, lay)
        self._paint_edge_labels(p, lay)
        p.setFont(self.font())
        legend_h = self._legend_height(width, height)
        legend = QRectF(0, height - legend_h, width, legend_h)
        self._legend.paint(
            p,
            legend,
            self.legend_scale(width, height),
            vmax=self._vmax,
            weight_title=self._texts["weight"],
            scale_note=self._scale_note(),
            act_range=self._act_range if self._model.activations else None,
            act_title=self._texts["output"] if self._model.activations else self._texts["no_sample"],
            shown_note=self.shown_note(),
            rows=self._legend_rows(width, height),
        )

    # ---------------------------------------------------------- captions
    def _paint_captions(self, p: QPainter, lay: GraphLayout, width: int, height: int) -> None:
        """The layer captions over the columns and a note under each; in a
        narrow column they wrap onto two lines rather than shrink unreadably."""
        c = self._colours
        net = self._model.network
        n = len(net.layers)
        gap = lay.columns[1] - lay.columns[0] if n > 1 else width
        hidden = self._texts["hidden1"] if n == 3 else self._texts["hidden"]
        title_font, title_h, note_font, note_h, notes = self.caption_fonts(width, height)
        p.setFont(title_font)
        p.setPen(c.text)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap

        top = 6 * self.caption_scale(height)

        def caption(x0: float, x1: float, text: str) -> None:
            p.drawText(QRectF(x0, top, x1 - x0, title_h), flags, text)

        inset = 0.03 * gap  # the same 0.94 of the column the fonts were fitted to
        caption(lay.columns[0] - gap / 2 + inset, lay.columns[0] + gap / 2 - inset, self._texts["input"])
        if n > 2:
            caption(lay.columns[1] - gap / 2 + inset, lay.columns[-2] + gap / 2 - inset, hidden)
        caption(lay.columns[-1] - gap / 2 + inset, lay.columns[-1] + gap / 2 - inset,
                self._texts["output_layer"])
        p.setFont(note_font)
        p.setPen(c.muted)
        for li, x in enumerate(lay.columns):
            p.drawText(QRectF(x - gap / 2 + inset, top + title_h, gap - 2 * inset, note_h), flags, notes[li])

    # ------------------------------------------------------------- edges
    def _paint_edges(
        self, p: QPainter, lay: GraphLayout, seg: np.ndarray, width: int, height: int
    ) -> None:
        s, c = self._scale, self._colours
        p.save()
        p.setClipRect(QRectF(0, 0, width, height))
        aa = len(self._shown) <= AA_LIMIT
        p.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
        widths = self._bin_widths(aa)
        lit, level = self._emphasis()
        n_drop = self._n_drop
        if n_drop:
            self._draw_bins(p, seg[:n_drop], self._drop_ends, c.dim[0.15], widths)
        self._draw_bins(p, seg[n_drop:], self._ends, c.bins if lit is None else c.dim[level], widths)
        if lit is not None and len(lit):
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            order, lit_ends = group_by_bin(self._bins, lit, N_BINS)
            lit_seg = np.ascontiguousarray(lay.segments[order])
            if self._highlight is not None:
                # a casing in the text colour: lit edges stand out on any theme
                # and are never mistaken for a thicker weight of the same hue
                pen = QPen(c.text, float(widths.max() + 4 * s))
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                p.setPen(pen)
                draw_segments(p, lit_seg)
            for b in _DRAW_ORDER:
                a, e = (lit_ends[b - 1] if b else 0), lit_ends[b]
                if e > a:
                    pen = QPen(c.bins[b], float(max(widths[b], 1.5 * s) + 1.0 * s))
                    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                    p.setPen(pen)
                    draw_segments(p, lit_seg[a:e])
        p.restore()

    @staticmethod
    def _draw_bins(
        p: QPainter, seg: np.ndarray, ends: np.ndarray, colours: list[QColor], widths: np.ndarray
    ) -> None:
        """One drawLines per colour bin, weakest first: strong edges on top."""
        for b in _DRAW_ORDER:
            a, e = (ends[b - 1] if b else 0), ends[b]
            if e > a:
                pen = QPen(colours[b], float(widths[b]))
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                p.setPen(pen)
                draw_segments(p, seg[a:e])

    def _bin_widths(self, aa: bool) -> np.ndarray:
        layers = self._model.network.layers
        counts = np.bincount(np.searchsorted(self._offsets, self._shown, side="right") - 1,
                             minlength=len(layers) - 1)
        thick = thickest_width(int(counts.max()) if counts.size else 1) * self._scale
        thin = (0.7 if aa else 1.0) * self._scale
        return bin_widths(N_BINS, min(thin, thick), thick)

    def _paint_edge_labels(self, p: QPainter, lay: GraphLayout) -> None:
        """Weight values on the lit or selected edges, when there are few."""
        lit, _ = self._emphasis()
        if lit is None or not 0 < len(lit) <= 12:
            return
        s, c = self._scale, self._colours
        font = QFont(self.font())
        font.setPixelSize(round(13 * s))
        p.setFont(font)
        fm = QFontMetricsF(font)
        sel_layer, sel_index = self._model.selection
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for e in lit:
            layer, j, k = self.edge_of(int(e))
            t = 0.7 if self._highlight is None and (layer, j) == (sel_layer, sel_index) else 0.3
            x1, y1, x2, y2 = lay.segments[e]
            pt = QPointF(x1 + t * (x2 - x1), y1 + t * (y2 - y1))
            text = fmt(self._edge_labels.get(int(e), self._values[e]), 2)
            r = fm.boundingRect(text).adjusted(-4 * s, -1 * s, 4 * s, 1 * s)
            r.moveCenter(pt)
            p.setPen(QPen(c.bins[int(self._bins[e])], 1.5 * s))
            p.setBrush(c.background)
            p.drawRoundedRect(r, 4 * s, 4 * s)
            p.setPen(c.text)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)

    # ------------------------------------------------------------ neurons
    def _paint_neurons(self, p: QPainter, lay: GraphLayout) -> None:
        s, c = self._scale, self._colours
        net = self._model.network
        acts = self._model.activations
        lo, hi = self._act_range
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        sel = self._model.selection
        for li, pos in enumerate(lay.positions):
            if li == 0 and lay.image_rect is not None:
                continue
            r = float(lay.radii[li])
            has_act = li < len(acts) and len(acts[li]) == len(pos)
            fills = c.activation_rgb(acts[li], lo, hi) if has_act else None
            dropped = self._dropped(li)
            # the symbol shrinks with the neuron, readable down to SYMBOL_MIN_PX
            labelled = r * 0.9 >= SYMBOL_MIN_PX
            classes = self.class_names() if li == len(lay.positions) - 1 else []
            gap = pos[1, 1] - pos[0, 1] if len(pos) > 1 else np.inf
            sides = lay.label_sides[li].tolist() if li < len(lay.label_sides) else [0] * len(pos)
            beside = any(sides)  # a staggered column writes its values beside the neurons
            values_fit = len(pos) <= UNIFORM_UP_TO and (gap >= 15 * s if beside else gap - 2 * r >= 15 * s)
            values_fit = values_fit and (li >= len(lay.value_labels) or lay.value_labels[li])
            outline_w = max(1.0, (1.6 if labelled else 1.0) * s)
            # per layer, not per neuron: the colours, finiteness and pens
            finite = np.isfinite(acts[li]).tolist() if has_act else None
            rgb = None
            if fills is not None:  # (rows of NaN activations are not used)
                rgb = np.rint(np.where(np.isfinite(fills), fills, 0.0)).astype(int).tolist()
            pens = {lit: QPen(c.outline if lit else c.dim_outline, outline_w) for lit in (True, False)}
            for i, (x, y) in enumerate(pos.tolist()):
                centre = QPointF(x, y)
                lit = self._highlight is None or (li, i) in self._highlight[0]
                if dropped is not None and dropped[i]:
                    fill = c.dropped
                elif rgb is not None and finite[i]:
                    fill = QColor(*rgb[i])
                else:
                    fill = c.empty_fill
                if not lit:
                    fill = c.faded(fill)
                if dropped is not None and dropped[i]:
                    pen = QPen(c.outline if lit else c.dim_outline, outline_w)
                    pen.setStyle(Qt.PenStyle.DashLine)
                else:
                    pen = pens[lit]
                p.setPen(pen)
                p.setBrush(QBrush(fill))
                p.drawEllipse(centre, r, r)
                if dropped is not None and dropped[i] and r >= 4:
                    p.setPen(QPen(c.muted, max(1.0, 1.5 * s)))
                    d = r * 0.55
                    p.drawLine(QPointF(x - d, y - d), QPointF(x + d, y + d))
                    p.drawLine(QPointF(x - d, y + d), QPointF(x + d, y - d))
                if self._highlight is not None and lit:
                    p.setPen(QPen(c.accent, 4 * s))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawEllipse(centre, r + 3 * s, r + 3 * s)
                if (li, i) == sel:
                    p.setPen(QPen(c.accent, 3.5 * s))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawEllipse(centre, r + 2.5 * s, r + 2.5 * s)
                    p.setPen(QPen(c.text, 1.2 * s))
                    p.drawEllipse(centre, r + 5 * s, r + 5 * s)
                if li > 0 and r >= 5 * s:
                    self._paint_bias(p, li, i, x, y, r, lit)
                if labelled:
                    self._paint_symbol(p, centre, neuron_symbol(net.layers, li, i), r, fill)
                tag = self._paint_class(p, x, y, r, classes[i], lit, sides[i]) if classes else 0.0
                # NaN: a value not computed yet (the stepper before the output)
                if labelled and has_act and values_fit and finite[i]:
                    self._paint_value(p, x, y, r, fmt(acts[li][i], 2), lit, sides[i] or (1 if tag else 0), tag)

    def bias_rect(self, layer: int, i: int, x: float, y: float, r: float) -> QRectF:
        """The bias square at the neuron's lower left, or lower right for the
        right half of a staggered column: always outwards, never on the
        neighbour in the other half."""
        side = max(0.42 * r, 5 * self._scale)
        lay = self._layout
        right = (lay is not None and layer < len(lay.label_sides) and i < len(lay.label_sides[layer])
                 and lay.label_sides[layer][i] > 0)
        cx = x + r * 0.95 if right else x - r * 0.95
        return QRectF(cx - side / 2, y + r * 0.62 - side / 2, side, side)

    def _paint_bias(self, p: QPainter, li: int, i: int, x: float, y: float, r: float, lit: bool) -> None:
        c = self._colours
        b = float(self._model.network.biases[li - 1][i])
        p.setPen(QPen(c.outline if lit else c.dim_outline, max(1.0, self._scale)))
        colour = c.weight_colour(b, self._vmax)
        p.setBrush(colour if lit else c.empty_fill)
        p.drawRect(self.bias_rect(li, i, x, y, r))

    def symbol_fonts(self, sym: Symbol, r: float) -> tuple[float, float, float] | None:
        """(letter px, subscript px, width) of ``sym`` inside a neuron of radius
        ``r``: as big as the neuron allows, narrower than it; None when that is
        below SYMBOL_MIN_PX (the symbol is then not drawn)."""
        px = min(r * 0.9, 24 * self._scale)
        for _ in range(2):  # once more after narrowing a wide h⁽²⁾₁₆
            if px < SYMBOL_MIN_PX:
                return None
            sub_px = max(px * 0.62, SUBSCRIPT_MIN_PX)
            _, fb = derived_font(self.font(), round(px), True)
            _, fs = derived_font(self.font(), round(sub_px), False)
            sub = max(fs.horizontalAdvance(sym.sub), fs.horizontalAdvance(f"({sym.sup})") if sym.sup else 0)
            width = fb.horizontalAdvance(sym.base) + px * 0.04 + sub
            if width <= 1.7 * r:
                return px, sub_px, width
            px *= 1.7 * r / width
        return None

    def _paint_symbol(self, p: QPainter, centre: QPointF, sym: Symbol, r: float, fill: QColor) -> None:
        fit = self.symbol_fonts(sym, r)
        if fit is None:
            return
        px, sub_px, width = fit
        base, fb = derived_font(self.font(), round(px), True)
        small, _ = derived_font(self.font(), round(sub_px), False)
        wb = fb.horizontalAdvance(sym.base)
        x0 = centre.x() - width / 2
        baseline = centre.y() + px * 0.3
        p.setPen(label_colour(fill))
        p.setFont(base)
        p.drawText(QPointF(x0, baseline), sym.base)
        p.setFont(small)
        p.drawText(QPointF(x0 + wb + px * 0.04, baseline + px * 0.28), sym.sub)
        if sym.sup:
            p.drawText(QPointF(x0 + wb + px * 0.04, baseline - px * 0.5), f"({sym.sup})")

    def class_tag_rect(self, x: float, y: float, radius: float, name: str, side: int) -> QRectF:
        """The box of an output neuron's class tag: beside the neuron,
        outwards (right of a straight column)."""
        s = self._scale
        _, fm = self.class_tag_font()
        w = max(fm.horizontalAdvance(name) + 10 * s, fm.height())
        h = fm.height() + 2 * s
        side = side or 1
        near = 1.25 * radius + 3 * s
        cx = x + side * (near + w / 2)
        return QRectF(cx - w / 2, y - h / 2, w, h)

    def _paint_class(self, p: QPainter, x: float, y: float, radius: float, name: str,
                     lit: bool, side: int) -> float:
        """The class an output neuron stands for (a boxed 2) beside it; returns the
        room it took (the value label goes beyond it)."""
        s, c = self._scale, self._colours
        font, _ = self.class_tag_font()
        r = self.class_tag_rect(x, y, radius, name, side)
        p.setFont(font)
        p.setPen(QPen(c.outline if lit else c.dim_outline, max(1.0, s)))
        p.setBrush(c.background)
        p.drawRoundedRect(r, 4 * s, 4 * s)
        p.setPen(c.text if lit else c.muted)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, name)
        return r.width() + 3 * s

    def _paint_value(
        self, p: QPainter, x: float, y: float, radius: float, text: str, lit: bool,
        side: int = 0, past: float = 0.0,
    ) -> None:
        """A neuron's value under it (``side`` 0), or beside it: left (-1) or
        right (+1), ``past`` pixels further out (beyond a class tag)."""
        s, c = self._scale, self._colours
        font, fm = derived_font(self.font(), round(12 * s), False)
        p.setFont(font)
        r = fm.boundingRect(text).adjusted(-3 * s, 0, 3 * s, 0)
        if side == 0:
            r.moveCenter(QPointF(x, y + radius + 2 * s + r.height() / 2))
        else:
            # clear of the bias square at the neuron's lower left (bias_rect)
            reach = 1.25 * radius + 3 * s + past + r.width() / 2
            r.moveCenter(QPointF(x + side * reach, y))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c.background)
        p.drawRoundedRect(r, 3 * s, 3 * s)
        p.setPen(c.text if lit else c.muted)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)

    # -------------------------------------------------------- image grid
    def _paint_image_grid(self, p: QPainter, lay: GraphLayout, width: int) -> None:
        if lay.image_rect is None:
            return
        s, c = self._scale, self._colours
        x0, y0, w, h = lay.image_rect
        rect = QRectF(x0, y0, w, h)
        img, note = self.grid_image()
        if img is not None:
            p.drawImage(rect, img)
        else:
            p.fillRect(rect, c.empty_fill)
        p.setPen(QPen(c.outline, max(1.0, 1.5 * s)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)
        sel = self._model.selection
        if sel[0] == 0:
            cell = w / self._image_shape[1]
            r, col = divmod(sel[1], self._image_shape[1])
            p.setPen(QPen(c.accent, 2.5 * s))
            p.drawRect(QRectF(x0 + col * cell, y0 + r * cell, cell, cell))
        font = QFont(self.font())
        font.setPixelSize(round(13 * s))
        p.setFont(font)
        p.setPen(c.text)
        p.drawText(self.grid_note_rect(width, lay),
                   Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                   | Qt.TextFlag.TextWordWrap, note)

    def _scale_note(self) -> str:
        if self._vmax_fixed is None:
            return self._texts["scale_auto"].format(fmt_scale(self._vmax))
        return self._texts["scale_fixed"].format(fmt_scale(self._vmax))

    # ------------------------------------------------------------ export
    def render_image(self, width: int | None = None, height: int | None = None,
                     ratio: float = 2.0) -> QImage:
        """The graph as an image of the given logical size (the widget's by
        default) at ``ratio`` pixels per unit, for a sharp slide."""
        self.flush()
        w, h = width or self.width(), height or self.height()
        img = QImage(round(w * ratio), round(h * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(ratio)
        p = QPainter(img)
        self.paint_to(p, w, h)
        p.end()
        return img

    def export_image(self, path: str | Path) -> None:
        """Write the graph as PNG or, for a ``.svg`` name, as SVG. Raises
        OSError when the file cannot be written."""
        path = Path(path)
        self.flush()
        if path.suffix.lower() == ".svg":
            from PySide6.QtSvg import QSvgGenerator

            gen = QSvgGenerator()
            gen.setFileName(str(path))
            gen.setSize(self.size())
            gen.setResolution(90)  # so that the SVG says width = the widget width in px
            gen.setViewBox(QRectF(0, 0, self.width(), self.height()))
            gen.setTitle(self.tr("Neural network"))
            p = QPainter()
            if not p.begin(gen):
                raise OSError(f"cannot write {path}")
            self.paint_to(p, self.width(), self.height())
            p.end()
            if not path.exists() or path.stat().st_size == 0:
                raise OSError(f"cannot write {path}")
        elif not self.render_image().save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
