"""The network graph: every weight an edge colour, live, from 2-2-1 to MNIST.

``NetworkView(model)`` follows a ``NetworkModel``. Layers are columns (input,
hidden, output) named in the slides' notation (x_i, h_j or h^(l)_j, y_k);
edges take a diverging colour-blind-safe colour and a width growing with
|ω|; neurons are filled by their output for the sample on show; each neuron's
bias is a small square beside it. Hover for a tooltip, click an edge or a bias
to edit it in place (Enter applies, Esc cancels; Ctrl+Z / Ctrl+Shift+Z undo
and redo through the model's undo stack), click a neuron to select it.

Public API::

    view = NetworkView(model)
    view.set_scale(f)                   # 1.0 laptop .. 3.0 projector
    view.set_weight_scale(v | None)     # colour scale ±v, or None: follow max |ω|
    view.set_threshold(t)               # hide edges with |ω| < t (0: show all)
    view.set_highlight(neurons, edges)  # [(layer, i)], [(weight_layer, j, k)]
    view.clear_highlight()
    view.export_image(path)             # .png or .svg
    view.flush()                        # apply pending (throttled) updates now

Above ``MAX_FULL_EDGES`` edges only the strongest ``COMPACT_EDGES`` are
drawn (the legend says how many); a square image input (8x8, 28x28) is drawn
as a pixel grid, and hovering or selecting a first-layer hidden neuron shows
its weights in that grid (its receptive field). Neurons that a dropout mask
switches off are greyed and their edges faded.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

import numpy as np
from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from nnviz.core.model import graph_layout as gl
from nnviz.gui.core_strings import activation_name
from nnviz.gui.network._interaction import GraphInteraction
from nnviz.gui.network.editor import ValueEditor
from nnviz.gui.network.legend import N_BINS, GraphColours, LegendPainter, fmt, fmt_scale, ink_image
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.painter import GraphPainting
from nnviz.gui.network.receptive_field import receptive_field_image

#: at most one recolour per this many milliseconds while updates flood in
THROTTLE_MS = 33
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


class NetworkView(GraphInteraction, GraphPainting, QWidget):
    """The live network graph (see the module docstring)."""

    #: an edge was clicked and its editor opened: (weight layer, j, k)
    edgeClicked = Signal(int, int, int)

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._scale = 1.0
        self._vmax_fixed: float | None = None
        self._threshold = 0.0
        self._full = gl.MAX_FULL_EDGES
        self._cap = gl.COMPACT_EDGES
        self._colours = GraphColours(self.palette())
        self._legend = LegendPainter(self._colours)
        self._highlight: tuple[set[tuple[int, int]], np.ndarray] | None = None
        #: edge index -> value written on it while lit (set_highlight's labels)
        self._edge_labels: dict[int, float] = {}
        self._hover_rf = -1
        self._layout_key: tuple | None = None
        self._layout: gl.GraphLayout | None = None
        self._sorted_seg = np.zeros((0, 4))
        self._act_range = (0.0, 1.0)
        self._dirty = self._weights_dirty = False
        self._last_refresh = 0.0
        self._timer = QTimer(self, singleShot=True, timeout=self._refresh)
        self._editor = ValueEditor(self)
        self._editor.committed.connect(self._commit_edit)
        self._editor.cancelled.connect(self._end_edit)
        self._edit_target: tuple[str, tuple[int, ...]] | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 240)
        self._connections = [
            (model.architectureChanged, self._rebuild),
            (model.weightsChanged, self._weights_changed),
            (model.activationsChanged, self._schedule),
            (model.maskChanged, self._weights_changed),
            (model.selectionChanged, self._on_selection),
            (model.outputNamesChanged, self._on_output_names),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self.retranslate()
        self._rebuild()

    # ------------------------------------------------------------ texts
    def retranslate(self) -> None:
        self._texts = {
            "input": self.tr("Input layer"),
            "hidden1": self.tr("Hidden layer"),
            "hidden": self.tr("Hidden layers"),
            "output_layer": self.tr("Output layer"),
            "weight": self.tr("Weight ω (colour and width)"),
            "output": self.tr("Neuron output (fill)"),
            "no_sample": self.tr("Neuron output: no sample shown"),
            "scale_auto": self.tr("±{0}: follows max |ω|"),
            "scale_fixed": self.tr("±{0}: fixed"),
            "all_shown": self.tr("All {0} edges shown."),
            "some_shown": self.tr("Showing the strongest {0} of {1} edges."),
            "hidden_weak": self.tr("Edges with |ω| < {0} hidden."),
            "neurons": self.tr("{0} neurons"),
            "image": self.tr("{0}×{1} image"),
            "grid_input": self.tr("Input image x (grid of {0}×{1} neurons)"),
            "grid_rf": self.tr("Weights into {0}, scale ±{1} (receptive field)"),
            "selected": self.tr("Selected {0}: output {1}, bias {2}."),
            "selected_input": self.tr("Selected {0}: value {1}."),
            "tip_weight": self.tr("{0} = {1}<br>from {2} to {3}<br><i>Click to edit</i>"),
            "tip_bias": self.tr("{0} = {1}<br>bias of {2}<br><i>Click to edit</i>"),
            "tip_neuron": self.tr("{0} = {1}"),
            "tip_no_sample": self.tr("{0}: no value yet"),
            "tip_dropped": self.tr("switched off by dropout"),
            "tip_pixel": self.tr("row {0}, column {1}"),
            "tip_class": self.tr("stands for class {0}"),
            "export": self.tr("Export image…"),
            "export_title": self.tr("Export the network graph"),
            "export_filter": self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
            "follow": self.tr("Colour scale follows max |ω|"),
            "fix": self.tr("Fix colour scale at ±{0}"),
            "threshold_menu": self.tr("Hide weak edges"),
            "threshold_off": self.tr("Show all edges"),
            "threshold_at": self.tr("|ω| below {0}% of the scale"),
        }
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._colours.set_palette(self.palette())
            self.update()
        super().changeEvent(event)

    def column_note(self, layer: int) -> str:
        net = self._model.network
        n = net.layers[layer]
        if layer == 0:
            if self._image_shape is not None:
                return self._texts["image"].format(*self._image_shape)
            return self._texts["neurons"].format(n) if n > 12 else ""
        act = activation_name(net.activations[layer - 1])
        return f"{self._texts['neurons'].format(n)} · {act}" if n > 12 else act

    def shown_note(self) -> str:
        loc = QLocale()
        total, shown = self._model.network.n_edges, len(self._shown)
        if shown == total:
            parts = [self._texts["all_shown"].format(loc.toString(total))]
        else:
            parts = [self._texts["some_shown"].format(loc.toString(shown), loc.toString(total))]
        if self._threshold > 0:
            parts.append(self._texts["hidden_weak"].format(fmt_scale(self._threshold)))
        layer, i = self._model.selection
        layers = self._model.network.layers
        if 0 <= layer < len(layers) and 0 <= i < layers[layer]:
            sym = gl.neuron_symbol(self._model.network.layers, layer, i).unicode()
            value = self._activation(layer, i)
            v = fmt(value) if value is not None else "–"
            if layer == 0:
                parts.append(self._texts["selected_input"].format(sym, v))
            else:
                b = fmt(self._model.network.biases[layer - 1][i])
                parts.append(self._texts["selected"].format(sym, v, b))
        return " ".join(parts)

    # ------------------------------------------------------------ settings
    def set_scale(self, factor: float) -> None:
        """Presentation scale, 1.0 to 3.0: fonts, neuron radii and line widths."""
        self._scale = float(np.clip(factor, 1.0, 3.0))
        self._layout_key = None
        self._editor.set_scale(self._scale)
        self.update()

    def scale(self) -> float:
        return self._scale

    def set_weight_scale(self, vmax: float | None) -> None:
        """Fix the colour scale at ±vmax, or follow max |ω| with None."""
        self._vmax_fixed = None if vmax is None or vmax <= 0 else float(vmax)
        self._recolour()

    def weight_scale(self) -> float:
        """The end of the colour scale in use (±this)."""
        return self._vmax

    def set_threshold(self, threshold: float) -> None:
        """Hide edges whose |ω| is below ``threshold`` (0 shows every edge)."""
        self._threshold = max(0.0, float(threshold))
        self._recolour()

    def threshold(self) -> float:
        return self._threshold

    def set_edge_limits(self, full: int, cap: int) -> None:
        """Draw every edge up to ``full`` edges (MAX_FULL_EDGES), else the
        strongest ``cap`` (COMPACT_EDGES)."""
        self._full, self._cap = max(1, int(full)), max(1, int(cap))
        self._recolour()

    def shown_edge_count(self) -> int:
        return len(self._shown)

    def is_compact(self) -> bool:
        """True when not every edge is drawn (too many for the cap)."""
        return len(self._shown) < self._model.network.n_edges and self._threshold == 0

    def image_shape(self) -> tuple[int, int] | None:
        return self._image_shape

    # ---------------------------------------------------------- highlight
    def set_highlight(
        self,
        neurons: Iterable[tuple[int, int]],
        edges: Iterable[tuple[int, int, int]],
        labels: Mapping[tuple[int, int, int], float] | None = None,
    ) -> None:
        """Light these neurons (layer, i) and edges (weight layer, j, k); dim the rest.

        ``labels``: the value to write on a lit edge instead of its current
        weight (the stepper writes the weight a formula uses: the one from
        before the update, while the graph already shows the new one)."""
        layers = self._model.network.layers

        def fits(wl: int, j: int, k: int) -> bool:
            return 0 <= wl < len(layers) - 1 and 0 <= j < layers[wl] and 0 <= k < layers[wl + 1]

        idx = [gl.edge_index(layers, wl, j, k) for wl, j, k in edges if fits(wl, j, k)]
        self._highlight = ({(int(a), int(b)) for a, b in neurons}, np.array(sorted(idx), np.int64))
        self._edge_labels = {
            gl.edge_index(layers, *e): float(v) for e, v in (labels or {}).items() if fits(*e)
        }
        self.update()

    def clear_highlight(self) -> None:
        self._highlight = None
        self._edge_labels = {}
        self.update()

    def edge_label(self, layer: int, j: int, k: int) -> str | None:
        """The number written on edge ω_jk of weight layer ``layer`` while it is
        lit, or None when it carries no label."""
        lit, _ = self._emphasis()
        e = gl.edge_index(self._model.network.layers, layer, j, k)
        if lit is None or not 0 < len(lit) <= 12 or e not in set(lit.tolist()):
            return None
        return fmt(self._edge_labels.get(e, self._values[e]), 2)

    def highlighted(self) -> tuple[set[tuple[int, int]], set[tuple[int, int, int]]]:
        """What is lit now: (neurons, edges), both empty when nothing is."""
        if self._highlight is None:
            return set(), set()
        return set(self._highlight[0]), {self.edge_of(int(e)) for e in self._highlight[1]}

    def _emphasis(self) -> tuple[np.ndarray | None, float]:
        """(edges drawn on top, dim level of the others), or (None, 0)."""
        if self._highlight is not None:
            # the other weights stay readable: a lecturer still points at them
            return self._highlight[1], 0.4
        layer, i = self._model.selection
        layers = self._model.network.layers
        if 0 <= layer < len(layers) and 0 <= i < layers[layer]:
            return gl.neuron_edges(layers, layer, i), 0.6
        return None, 0.0

    # ------------------------------------------------------------ updates
    def _rebuild(self) -> None:
        """The architecture changed: new geometry, no highlight, no editor."""
        net = self._model.network
        self._image_shape = gl.image_shape_for(net.layers[0]) if len(net.layers) > 2 else None
        self._offsets = gl.edge_offsets(net.layers)
        self._highlight = None
        self._edge_labels = {}
        self._hover_rf = -1
        self._layout_key = None
        self._layout = None
        self._editor.cancel()
        self._recolour()

    def _weights_changed(self) -> None:
        self._schedule(weights=True)

    def _schedule(self, weights: bool = False) -> None:
        """Throttle: recolour at most once per THROTTLE_MS, never stalling the GUI.
        Outputs or masks alone only need a repaint, not new colour bins."""
        self._dirty = True
        self._weights_dirty = self._weights_dirty or weights
        if not self._timer.isActive():
            wait = THROTTLE_MS - (time.perf_counter() - self._last_refresh) * 1000
            self._timer.start(max(0, int(wait)))

    def flush(self) -> None:
        """Apply a pending update now (tests, benchmarks, export)."""
        if self._timer.isActive() or self._dirty:
            self._timer.stop()
            self._refresh()

    def _refresh(self) -> None:
        self._last_refresh = time.perf_counter()
        if self._weights_dirty:
            self._recolour()
        else:
            self._act_range = gl.activation_range(self._model.activations)
            self.update()
        self._dirty = self._weights_dirty = False

    def _recolour(self) -> None:
        """New weights or settings: re-bin the edges, keep the geometry."""
        net = self._model.network
        self._values = gl.flat_weights(net.weights)
        if self._vmax_fixed is not None:
            self._vmax = self._vmax_fixed
        else:
            biggest = float(np.max(np.abs(self._values))) if self._values.size else 1.0
            self._vmax = gl.round_up(biggest)
        self._bins = gl.color_bins(self._values, self._vmax, N_BINS)
        self._shown = gl.shown_edges(
            self._values, net.layers, threshold=self._threshold, full=self._full, cap=self._cap
        )
        dropped = self._dropped_edges()
        if dropped is None:
            self._order, self._ends = gl.group_by_bin(self._bins, self._shown, N_BINS)
            self._n_drop, self._drop_ends = 0, np.zeros(N_BINS, np.int64)
        else:
            # edges of neurons switched off by dropout: drawn first, faded
            hit = dropped[self._shown]
            drop_order, self._drop_ends = gl.group_by_bin(self._bins, self._shown[hit], N_BINS)
            keep_order, self._ends = gl.group_by_bin(self._bins, self._shown[~hit], N_BINS)
            self._order = np.concatenate([drop_order, keep_order])
            self._n_drop = len(drop_order)
        self._act_range = gl.activation_range(self._model.activations)
        if self._layout is not None:
            self._sorted_seg = np.ascontiguousarray(self._layout.segments[self._order])
        self.update()

    def _on_output_names(self) -> None:
        self._layout_key = None  # the class tags take room beside the outputs
        self.update()

    def _on_selection(self, layer: int, index: int) -> None:
        self._hover_rf = -1
        self.update()

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

    def _grid_note_height(self, width: float) -> float:
        """Height of the wrapped caption under the input image (the longest of its two texts)."""
        s = self._scale
        font = QFont(self.font())
        font.setPixelSize(round(13 * s))
        fm = QFontMetricsF(font)
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
            note = self._grid_note_height(width) + 8 * s if self._image_shape else 0.0
            bottom = self._legend_height(width, height) + 14 * cs
            self._layout = gl.layout_network(
                self._model.network.layers,
                margin,
                top,
                max(width - 2 * margin, 10),
                max(height - top - bottom, 10),
                max_spacing=170 * s,
                max_radius=30 * s,
                label_room=(20 if self._model.activations else 4) * s,
                image_shape=self._image_shape,
                min_gap=gl.MIN_GAP * s,
                output_tag=self.class_tag_width(self.class_names()),
                image_note=note,
            )
            self._layout_key = key
            self._sorted_seg = np.ascontiguousarray(self._layout.segments[self._order])
        return self._layout, self._sorted_seg

    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        self.paint_to(p, self.width(), self.height())
        p.end()

    # ----------------------------------------------------------- queries
    def edge_of(self, index: int) -> tuple[int, int, int]:
        layer = int(np.searchsorted(self._offsets, index, side="right") - 1)
        j, k = divmod(int(index - self._offsets[layer]), self._model.network.layers[layer + 1])
        return layer, j, k

    def _activation(self, layer: int, i: int) -> float | None:
        acts = self._model.activations
        if layer < len(acts) and i < len(acts[layer]) and np.isfinite(acts[layer][i]):
            return float(acts[layer][i])
        return None

    def _dropped(self, layer: int) -> np.ndarray | None:
        """The dropout mask of ``layer`` (True = dropped), or None. Masks come
        per layer (input first), or one per hidden layer."""
        masks, n = self._model.masks, len(self._model.network.layers)
        if len(masks) == n:
            m = masks[layer]
        elif len(masks) == n - 2 and 0 < layer < n - 1:
            m = masks[layer - 1]
        else:
            return None
        return m if len(m) == self._model.network.layers[layer] else None

    def _dropped_edges(self) -> np.ndarray | None:
        """Per flat edge: True when it touches a neuron dropout switched off."""
        layers = self._model.network.layers
        masks = [self._dropped(li) for li in range(len(layers))]
        if all(m is None or not m.any() for m in masks):
            return None
        parts = []
        for li in range(len(layers) - 1):
            a = masks[li] if masks[li] is not None else np.zeros(layers[li], bool)
            b = masks[li + 1] if masks[li + 1] is not None else np.zeros(layers[li + 1], bool)
            parts.append(np.logical_or.outer(a, b).ravel())
        return np.concatenate(parts)

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

    # --------------------------------------------------- receptive field
    def _rf_neuron(self) -> int:
        """The first-layer hidden neuron whose weights the grid shows, or -1."""
        if self._image_shape is None:
            return -1
        if self._hover_rf >= 0:
            return self._hover_rf
        layer, i = self._model.selection
        return i if layer == 1 else -1

    def grid_image(self) -> tuple[QImage | None, str]:
        """The picture in the input grid (a receptive field or the sample) and its caption."""
        shape = self._image_shape
        j = self._rf_neuron()
        if j >= 0:
            img, vmax = receptive_field_image(self._colours, self._model.network.weights[0], j, shape)
            sym = gl.neuron_symbol(self._model.network.layers, 1, j).unicode()
            return img, self._texts["grid_rf"].format(sym, fmt_scale(vmax))
        note = self._texts["grid_input"].format(*shape)
        acts = self._model.activations
        if acts and len(acts[0]) == shape[0] * shape[1]:
            # black ink on white paper over the sample's own range, as the
            # digits are drawn: the graph's grey ramp (up to the largest hidden
            # output) left an 8×8 digit a faint grey on a projector
            return ink_image(acts[0], shape), note
        return None, note


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

    # ------------------------------------------------------------- close
    def closeEvent(self, event: QCloseEvent) -> None:
        self.disconnect_model()
        super().closeEvent(event)

    def disconnect_model(self) -> None:
        """Stop following the model (the view is going away)."""
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._connections = []
        self._timer.stop()


def _preview_network(name: str):
    from nnviz.core.lessons import load_lesson
    from nnviz.core.model.network import Network

    if name == "xor":
        return load_lesson("mlp-xor").network, np.array([1.0, 0.0])
    if name == "mnist":
        net = Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=3)
        yy, xx = np.mgrid[0:28, 0:28]
        digit = np.clip(1.2 - np.abs(np.hypot(yy - 14, xx - 14) - 8) / 2.5, 0, 1)
        return net, digit.ravel()
    layers = [int(n) for n in name.split("-")]
    net = Network.initialised(layers, "tanh", seed=2)
    return net, np.linspace(-1, 1, layers[0])


if __name__ == "__main__":
    import argparse

    from PySide6.QtWidgets import QApplication

    parser = argparse.ArgumentParser(description="Preview the network graph.")
    parser.add_argument("network", nargs="?", default="xor", help="xor, mnist or sizes like 2-8-8-1")
    parser.add_argument("--grab", help="save a PNG of the view here and quit")
    parser.add_argument("--size", default="1280x760")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--select", help="layer,index of a neuron to select")
    parser.add_argument("--highlight", action="store_true", help="light the first output's inputs")
    parser.add_argument("--lang", choices=("es", "en"), default="en")
    parser.add_argument("--contrast", action="store_true", help="the high-contrast palette")
    args = parser.parse_args()
    app = QApplication([])
    from nnviz.gui.i18n import set_language

    set_language(args.lang)
    if args.contrast:
        from nnviz.gui.theme import high_contrast_palette

        app.setPalette(high_contrast_palette())
    net, x = _preview_network(args.network)
    model = NetworkModel(net)
    model.show_sample(x)
    view = NetworkView(model)
    view.set_scale(args.scale)
    w, h = (int(v) for v in args.size.split("x"))
    view.resize(w, h)
    if args.select:
        model.select(*(int(v) for v in args.select.split(",")))
    if args.highlight:
        last = len(net.layers) - 1
        view.set_highlight(
            [(last, 0)] + [(last - 1, j) for j in range(net.layers[last - 1])],
            [(last - 1, j, 0) for j in range(net.layers[last - 1])],
        )
    view.show()
    if args.grab:
        view.flush()
        view.grab().save(args.grab)
    else:
        app.exec()
