"""How the network graph follows its ``NetworkModel`` (a mixin of
``NetworkView``): the model's signals and what each one recomputes. A new
architecture means new geometry (and no highlight, no open editor); new
weights, a dropout mask or a new scale setting mean new colour bins and a new
draw order for the edges (throttled to one per ``THROTTLE_MS`` while updates
flood in); new outputs or a new selection only a repaint (new outputs alone:
one per ``OUTPUTS_THROTTLE_MS`` or more, over the edges kept as an image, so
that the graph follows a digit being drawn). The per-edge state
those bins make (``_values``, ``_vmax``, ``_shown``, ``_bins`` (of the shown
edges, in their order), ``_order``)
lives on the view; the queries below read the model for the painting.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtGui import QCloseEvent

from nnviz.core.model import graph_layout as gl
from nnviz.gui.network.legend import N_BINS
from nnviz.gui.network.model import NetworkModel

#: at most one recolour per this many milliseconds while updates flood in
THROTTLE_MS = 33
#: new outputs alone (a digit being drawn) repaint sooner: no re-binning, and the
#: edges come from the kept image, so a frame costs about half of a recolour
OUTPUTS_THROTTLE_MS = 16
#: ... and spaced by this many times a repaint's cost (the GUI thread keeps a
#: fifth of its time for the pen and the rest of the window)
OUTPUTS_PAINT_SHARE = 1.25


class ModelFollowing:
    """NetworkView's following of its model (a mixin: reads and sets the view's state)."""

    def _follow(self, model: NetworkModel) -> None:
        """Listen to ``model``'s signals (kept in ``_connections``)."""
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

    def disconnect_model(self) -> None:
        """Stop following the model (the view is going away)."""
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._connections = []
        self._timer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.disconnect_model()
        super().closeEvent(event)

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
            # outputs alone: sooner, but leaving the GUI thread some time between repaints
            if self._weights_dirty:
                period = THROTTLE_MS
            else:
                period = max(OUTPUTS_THROTTLE_MS, 1000 * OUTPUTS_PAINT_SHARE * self._paint_cost)
            wait = period - (time.perf_counter() - self._last_refresh) * 1000
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
            self._update_outputs()
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
        self._shown = gl.shown_edges(
            self._values, net.layers, threshold=self._threshold, full=self._full, cap=self._cap
        )
        # the bins of the shown edges only (by their place in _shown): a 4096×4096
        # layer has 16.8 M edges, of which a few thousand are drawn
        self._bins = gl.color_bins(self._values[self._shown], self._vmax, N_BINS)
        place = np.arange(len(self._shown))
        dropped = self._dropped_edges()
        if dropped is None:
            order, self._ends = gl.group_by_bin(self._bins, place, N_BINS)
            self._order = self._shown[order]
            self._n_drop, self._drop_ends = 0, np.zeros(N_BINS, np.int64)
        else:
            # edges of neurons switched off by dropout: drawn first, faded
            hit = dropped[self._shown]
            drop_order, self._drop_ends = gl.group_by_bin(self._bins, place[hit], N_BINS)
            keep_order, self._ends = gl.group_by_bin(self._bins, place[~hit], N_BINS)
            self._order = self._shown[np.concatenate([drop_order, keep_order])]
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
