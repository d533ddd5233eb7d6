"""What the network graph lights up (a mixin of ``NetworkView``): the
neurons and edges the stepper highlights, with the values written on its lit
edges, or else the edges of the selected neuron; and what the input image
grid shows over the sample: the receptive field of the first-layer neuron
hovered or selected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from PySide6.QtGui import QImage

from nnviz.core.model import graph_layout as gl
from nnviz.gui.network.legend import fmt, fmt_scale, ink_image
from nnviz.gui.network.receptive_field import receptive_field_image


class GraphHighlight:
    """Highlights and overlays of NetworkView (a mixin: reads the view's state)."""

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
