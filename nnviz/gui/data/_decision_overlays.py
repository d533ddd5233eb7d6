"""What a model draws over the data (a mixin of ``DataView``): the decision
regions as an image under the points and the decision lines over them.

The region is one ``ImageItem`` (RGBA, or probabilities coloured by
:func:`nnviz.core.model.regions.probabilities_to_rgba`) stretched over a frame
of the plane. Each line w1·x1 + w2·x2 + b = 0 is a curve and a label, made
when first needed and clipped again to the frame on show whenever the view
pans or zooms (:func:`nnviz.core.model.regions.clip_line`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont

from nnviz.core.model import regions

#: one line as the API takes it: (w1, w2, b, label)
Line = tuple[float, float, float, str]

# lines of hidden neurons: dark and distinct from the class colours
_LINE_COLORS = ["#111111", "#5a2d82", "#7a4a00", "#004d40", "#8c1c3c", "#1a3d7c", "#555555"]


class DecisionOverlays:
    """The region image and the decision lines of DataView (uses its ``plot_item``,
    ``_scale`` and ``bounds()``)."""

    def _init_overlays(self) -> None:
        """Make the (hidden) region image and follow the view's frame with the lines."""
        self._region = pg.ImageItem(axisOrder="row-major")
        self._region.setZValue(-10)
        self._region.setVisible(False)
        self.plot_item.addItem(self._region)

        self._lines: list[Line] = []
        self._line_items: list[pg.PlotCurveItem] = []
        self._label_items: list[pg.TextItem] = []

        self.plot_item.vb.sigRangeChanged.connect(self._reclip_lines)

    def set_region(self, image: np.ndarray | None, bounds: Sequence[float] | None = None) -> None:
        """Show a decision-region image under the points (None hides it)."""
        if image is None:
            self._region.setVisible(False)
            return
        img = np.asarray(image)
        if img.dtype != np.uint8:
            p = img.astype(np.float64)
            if p.ndim == 2:
                p = np.stack([1.0 - p, p], axis=-1)
            img = regions.probabilities_to_rgba(p)
        if img.ndim != 3 or img.shape[2] not in (3, 4):
            raise ValueError("set_region needs (H, W, 4) RGBA or probabilities")
        x0, x1, y0, y1 = tuple(bounds) if bounds is not None else self.bounds()
        self._region.setImage(img, autoLevels=False)
        self._region.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self._region.setVisible(True)

    def region_image(self) -> np.ndarray | None:
        """The RGBA image on show, or None."""
        return self._region.image if self._region.isVisible() else None

    def set_lines(self, lines: Sequence[Line]) -> None:
        """Draw each ``(w1, w2, b, label)`` as the line w1·x1 + w2·x2 + b = 0."""
        restyle = len(lines) != len(self._lines)
        self._lines = [(float(a), float(b), float(c), str(t)) for a, b, c, t in lines]
        while len(self._line_items) < len(self._lines):
            restyle = True
            curve = pg.PlotCurveItem()
            curve.setZValue(4)
            label = pg.TextItem(anchor=(0.5, 1.0))
            label.setZValue(9)
            self.plot_item.addItem(curve)
            self.plot_item.addItem(label)
            self._line_items.append(curve)
            self._label_items.append(label)
        if restyle:
            self._style_lines()
        self._reclip_lines()

    def lines(self) -> list[Line]:
        return list(self._lines)

    def _style_lines(self) -> None:
        font = QFont()
        font.setPointSizeF(10.0 * self._scale)
        font.setBold(True)
        for i, (curve, label) in enumerate(zip(self._line_items, self._label_items, strict=True)):
            color = _LINE_COLORS[i % len(_LINE_COLORS)]
            style = Qt.PenStyle.SolidLine if i == 0 or len(self._lines) == 1 else Qt.PenStyle.DashLine
            curve.setPen(pg.mkPen(color, width=2.6 * self._scale, style=style))
            label.setColor(QColor(color))
            label.setFont(font)
            label.fill = pg.mkBrush(255, 255, 255, 200)

    def _reclip_lines(self, *args: object) -> None:
        (x0, x1), (y0, y1) = self.plot_item.vb.viewRange()
        for i, (curve, label) in enumerate(zip(self._line_items, self._label_items, strict=True)):
            seg = None
            if i < len(self._lines):
                w1, w2, b, text = self._lines[i]
                seg = regions.clip_line(w1, w2, b, (x0, x1, y0, y1))
            if seg is None:
                curve.setVisible(False)
                label.setVisible(False)
                continue
            xs, ys = seg
            curve.setData(xs, ys)
            curve.setVisible(True)
            # spread the labels along their lines so that crossing lines stay readable
            t = 0.25 + 0.5 * ((i * 0.37) % 1.0)
            label.setText(text)
            label.setPos(xs[0] + t * (xs[1] - xs[0]), ys[0] + t * (ys[1] - ys[0]))
            label.setVisible(bool(text))
