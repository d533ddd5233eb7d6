"""How the network graph paints a frame (a mixin of ``NetworkView``; its
neurons are in ``neuron_painter``, the state lives in the view): the layer
captions, the edges, the weights written on lit edges, the input image grid,
the legend; and the export of the same picture as PNG or SVG.

Every edge is drawn, binned by colour: one ``QPainter.drawLines`` per bin
reads the bin's slice of a numpy array of segments directly (no QLineF
objects), with a clip rectangle set, which FACTS.md measured as the fastest
way through Qt's raster engine. The same code paints the widget, a PNG and
an SVG, so the exported picture is what the user saw. A frame is two parts:
``_paint_static`` (background, captions, edges; the edges of neurons dropped
in a training batch left out), which the widget keeps as an
image while only the neuron outputs change, and ``_paint_dynamic`` (the
input image, the neurons, the legend).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from nnviz.core.model.graph_layout import (
    GraphLayout,
    bin_draw_order,
    bin_widths,
    color_bins,
    group_by_bin,
    thickest_width,
)
from nnviz.gui.network.legend import N_BINS, fmt, fmt_scale

#: up to this many drawn edges the lines are antialiased (it doubles the cost)
AA_LIMIT = 600
_DRAW_ORDER = bin_draw_order(N_BINS)


def draw_segments(p: QPainter, seg: np.ndarray) -> None:
    """One drawLines call over a C-contiguous (n, 4) float64 array."""
    if len(seg):
        p.drawLines(shiboken6.wrapInstance(seg.ctypes.data, QLineF), len(seg))


class GraphPainting:
    """Frame, edge and export painting of NetworkView (a mixin: reads the view's state)."""

    # ------------------------------------------------------------- frame
    def paint_to(self, p: QPainter, width: int, height: int) -> None:
        lay, seg = self._layout_for(width, height)
        self._paint_static(p, lay, seg, width, height)
        self._paint_dynamic(p, lay, width, height)

    def _paint_static(self, p: QPainter, lay: GraphLayout, seg: np.ndarray, width: int, height: int) -> None:
        """What a new sample's outputs leave as it was: background, captions, edges
        (the widget keeps it as an image while only the outputs change)."""
        p.fillRect(QRectF(0, 0, width, height), self._colours.background)
        p.setFont(self.font())
        self._paint_captions(p, lay, width, height)
        self._paint_edges(p, lay, seg, width, height)

    def _paint_dynamic(self, p: QPainter, lay: GraphLayout, width: int, height: int) -> None:
        """What follows the sample on show: the input image, the neurons, the legend."""
        p.setFont(self.font())
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
        # a dropout mask with its p (a training batch's, or the stepper's update, a
        # batch of one): the slide's thinned network, the dropped neurons' edges
        # gone; a mask without its p: those edges faint
        if n_drop and self._model.mask_p is None:
            self._draw_bins(p, seg[:n_drop], self._drop_ends, c.dim[0.15], widths)
        self._draw_bins(p, seg[n_drop:], self._ends, c.bins if lit is None else c.dim[level], widths)
        if lit is not None and len(lit):
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            lit = np.asarray(lit, dtype=np.int64)
            lit_bins = color_bins(self._values[lit], self._vmax, N_BINS)  # (_bins: the shown edges')
            place, lit_ends = group_by_bin(lit_bins, np.arange(len(lit)), N_BINS)
            order = lit[place]
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
            p.setPen(QPen(c.bins[int(color_bins(self._values[[e]], self._vmax, N_BINS)[0])], 1.5 * s))
            p.setBrush(c.background)
            p.drawRoundedRect(r, 4 * s, 4 * s)
            p.setPen(c.text)
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
        p.setFont(self.grid_note_font(self.height()))
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
