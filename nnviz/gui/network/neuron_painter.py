"""How the network graph paints its neurons (a mixin of ``NetworkView``,
beside ``painter``'s frame and edges): each neuron filled by its output for
the sample on show, greyed and crossed out in red when dropout switched it off,
ringed when lit or selected; its bias square, its symbol in the slides'
notation (h⁽²⁾₁₆) when the neuron is big enough to read it, an output
neuron's class tag and each neuron's value under or beside it. Small discs
(MNIST's columns of 128 and 64 dots) are stamped from cached images
(``DiscStamp``): a drawn digit repaints every neuron at each stroke.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPaintEngine, QPainter, QPen

from nnviz.core.model.graph_layout import UNIFORM_UP_TO, GraphLayout, Symbol, neuron_symbol
from nnviz.gui.network.legend import fmt

#: a neuron's symbol is drawn only this big (pixels of the letter) or bigger:
#: smaller, h₁₆ is a smudge on a projector (the tooltip still names it) ...
SYMBOL_MIN_PX = 12.0
#: ... and its subscript never smaller than this
SUBSCRIPT_MIN_PX = 9.0


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


#: neurons up to this radius (device pixels) are stamped from a small image of
#: the same antialiased disc: 200 tiny ellipses cost a quarter of a frame of
#: the MNIST graph, the stamps a tenth of that (a drawn digit repaints it live)
SPRITE_MAX_R = 8.0


def stamp_ratio(p: QPainter) -> float:
    """The device pixel ratio to stamp discs at on ``p``'s device, or 0 where
    they must be drawn (a vector device: an SVG keeps real circles)."""
    engine, device = p.paintEngine(), p.device()
    if engine is None or device is None or engine.type() != QPaintEngine.Type.Raster:
        return 0.0
    return device.devicePixelRatioF()


class DiscStamp:
    """Neuron discs of one radius and outline, stamped from cached images.

    Small discs on a raster device (``ratio`` from :func:`stamp_ratio`) are
    copied from an image of the same antialiased disc, one per fill colour,
    centred on the nearest device pixel (at most half a pixel from the
    centre asked for); big ones, dashed outlines and any disc on a vector
    device are drawn as ellipses."""

    #: (outline rgba, outline width, radius, ratio) -> {fill rgba: image}
    _CACHE: dict[tuple[int, float, float, float], dict[int, QImage]] = {}

    def __init__(self, r: float, pen: QPen, ratio: float) -> None:
        self.r, self.pen, self.ratio = r, pen, ratio
        self.stamped = bool(ratio) and r * ratio <= SPRITE_MAX_R and pen.style() == Qt.PenStyle.SolidLine
        #: device pixels from the centre to the image's edge
        self.half = math.ceil((r + pen.widthF() / 2) * ratio + 1) if self.stamped else 0
        key = (pen.color().rgba(), round(pen.widthF(), 3), round(r, 3), ratio)
        if len(self._CACHE) >= 64:
            self._CACHE.clear()
        self._images = self._CACHE.setdefault(key, {})

    def draw(self, p: QPainter, x: float, y: float, fill: QColor) -> None:
        if not self.stamped:
            p.setPen(self.pen)
            p.setBrush(QBrush(fill))
            p.drawEllipse(QPointF(x, y), self.r, self.r)
            return
        rgba = fill.rgba()
        image = self._images.get(rgba)
        if image is None:
            image = self._images[rgba] = self._image(fill)
        ratio, half = self.ratio, self.half
        p.drawImage(QPointF((round(x * ratio) - half) / ratio, (round(y * ratio) - half) / ratio), image)

    def _image(self, fill: QColor) -> QImage:
        if len(self._images) >= 1024:
            self._images.clear()
        side = 2 * self.half
        image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(self.ratio)
        image.fill(0)
        sp = QPainter(image)
        sp.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        sp.setPen(self.pen)
        sp.setBrush(QBrush(fill))
        centre = self.half / self.ratio
        sp.drawEllipse(QPointF(centre, centre), self.r, self.r)
        sp.end()
        return image


def cross_colour(background: QColor) -> QColor:
    """The red of a dropped neuron's X: dark red on a light theme, a light one on a dark theme."""
    lum = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor(0xB3, 0x26, 0x1E) if lum > 128 else QColor(0xFF, 0x6B, 0x5E)


def label_colour(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    lum = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return QColor(0, 0, 0) if lum > 140 else QColor(255, 255, 255)


class NeuronPainting:
    """Neuron painting methods of NetworkView (a mixin: reads the view's state)."""

    # ------------------------------------------------------------ neurons
    def _paint_neurons(self, p: QPainter, lay: GraphLayout) -> None:
        s, c = self._scale, self._colours
        net = self._model.network
        acts = self._model.activations
        lo, hi = self._act_range
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        ratio = stamp_ratio(p)
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
            stamps = {lit: DiscStamp(r, pens[lit], ratio) for lit in (True, False)}
            if (dropped is None and self._highlight is None and sel[0] != li and not labelled
                    and not classes and not (li > 0 and r >= 5 * s)):
                # a column of plain dots (MNIST's 128 and 64): nothing but their fills
                # to draw, and a drawn digit redraws them at every stroke
                stamp = stamps[True]
                for i, (x, y) in enumerate(pos.tolist()):
                    stamp.draw(p, x, y, QColor(*rgb[i]) if rgb is not None and finite[i] else c.empty_fill)
                continue
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
                if pen.style() == Qt.PenStyle.SolidLine:
                    stamps[lit].draw(p, x, y, fill)
                else:
                    DiscStamp(r, pen, 0.0).draw(p, x, y, fill)
                if dropped is not None and dropped[i]:
                    self._paint_cross(p, x, y, r, gap)
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

    def _paint_cross(self, p: QPainter, x: float, y: float, r: float, gap: float) -> None:
        """A dropped neuron's X in red, across the disc; a tiny disc (a column of 64)
        gets an X a little wider than itself, short of its neighbours."""
        s = self._scale
        if r >= 4:
            d, width = r * 0.7, max(1.5, 2.0 * s)
        else:
            d, width = min(max(r + 1.0 * s, 2.5 * s), 0.45 * gap), max(1.0, 1.2 * s)
        p.setPen(QPen(cross_colour(self._colours.background), width))
        p.drawLine(QPointF(x - d, y - d), QPointF(x + d, y + d))
        p.drawLine(QPointF(x - d, y + d), QPointF(x + d, y - d))

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
