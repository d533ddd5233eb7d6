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
    view.crossed_out()                  # {(layer, i)} dropped by the mask on show

Above ``MAX_FULL_EDGES`` edges only the strongest ``COMPACT_EDGES`` are
drawn (the legend says how many); a square image input (8x8, 28x28) is drawn
as a pixel grid, and hovering or selecting a first-layer hidden neuron shows
its weights in that grid (its receptive field). Neurons that a dropout mask
switches off are greyed and crossed out in red (:meth:`NetworkView.crossed_out`
lists them) and their edges drawn faint; when the mask comes with its p
(training in slow motion sets each batch's mask: its first sample's) their
edges are left out, the slide's thinned network, and the legend and the
tooltip say "dropped this batch (dropout p = …)".

The class is assembled from mixins, one idea each: its following of the
model (``_following``), its geometry and sizes (``_geometry``), what it
lights up (``_highlight``), its painting (``painter``, ``neuron_painter``)
and its mouse and keys (``_interaction``). Here: its state, texts and settings.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from nnviz.core.model import graph_layout as gl
from nnviz.gui.core_strings import activation_name
from nnviz.gui.network._following import ModelFollowing
from nnviz.gui.network._geometry import GraphGeometry
from nnviz.gui.network._highlight import GraphHighlight
from nnviz.gui.network._interaction import GraphInteraction
from nnviz.gui.network.editor import ValueEditor
from nnviz.gui.network.legend import GraphColours, LegendPainter, fmt, fmt_scale
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.neuron_painter import NeuronPainting
from nnviz.gui.network.painter import GraphPainting


class NetworkView(
    GraphInteraction, GraphPainting, NeuronPainting, GraphHighlight, ModelFollowing, GraphGeometry,
    QWidget,
):
    """The live network graph (see the module docstring)."""

    #: an edge was clicked and its editor opened: (weight layer, j, k)
    edgeClicked = Signal(int, int, int)
    #: the mouse moved onto neuron (layer, i) of the graph; (-1, -1): off every neuron
    neuronHovered = Signal(int, int)

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
        self._hover_neuron = (-1, -1)
        self._layout_key: tuple | None = None
        self._layout: gl.GraphLayout | None = None
        self._sorted_seg = np.zeros((0, 4))
        self._act_range = (0.0, 1.0)
        self._dirty = self._weights_dirty = False
        self._last_refresh = 0.0
        self._timer = QTimer(self, singleShot=True, timeout=self._refresh)
        #: background, captions and edges as last painted, and what they were painted for
        self._static_image: QImage | None = None
        self._static_key: tuple | None = None
        #: the next repaint is for new neuron outputs only (see _update_outputs)
        self._outputs_only = False
        #: seconds a repaint takes (a running mean): outputs-only repaints are spaced by it
        self._paint_cost = 0.0
        self._editor = ValueEditor(self)
        self._editor.committed.connect(self._commit_edit)
        self._editor.cancelled.connect(self._end_edit)
        self._edit_target: tuple[str, tuple[int, ...]] | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 240)
        self._follow(model)
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
            "dropped_edges": self.tr("{0} of {1} edges: a dropped neuron's are left out."),
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
            "tip_dropped_batch": self.tr("dropped this batch (dropout p = {0})"),
            "dropped_note": self.tr(
                "✕ {0} neurons dropped this batch (dropout p = {1}; its first sample's mask)."
            ),
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
        parts = []
        if self._model.masks and self._model.mask_p is not None:
            # first: the legend's last line may be cut in a short view
            n = len(self.crossed_out())
            parts.append(self._texts["dropped_note"].format(loc.toString(n), self.dropout_p_text()))
        if self._n_drop and self._model.mask_p is not None:  # left out (painter)
            drawn = loc.toString(shown - self._n_drop)
            parts.append(self._texts["dropped_edges"].format(drawn, loc.toString(total)))
        elif shown == total:
            parts.append(self._texts["all_shown"].format(loc.toString(total)))
        else:
            parts.append(self._texts["some_shown"].format(loc.toString(shown), loc.toString(total)))
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

    def crossed_out(self) -> set[tuple[int, int]]:
        """The neurons (layer, i) drawn crossed out: dropped by the dropout mask on show."""
        if not self._model.masks:
            return set()
        out: set[tuple[int, int]] = set()
        for layer in range(len(self._model.network.layers)):
            dropped = self._dropped(layer)
            if dropped is not None:
                out.update((layer, int(i)) for i in np.flatnonzero(dropped))
        return out

    def dropout_p_text(self) -> str:
        """The mask's p in the user's locale ("0,5"; "0,5 / 0,2" when the hidden
        layers differ), or "" when not known."""
        ps = self._model.mask_p
        if not ps:
            return ""
        unique = list(dict.fromkeys(ps))
        return " / ".join(fmt_scale(v) for v in (unique if len(unique) == 1 else ps))

    def dropped_tip(self) -> str:
        """The tooltip line of a dropped neuron."""
        if self._model.mask_p is None:
            return self._texts["tip_dropped"]
        return self._texts["tip_dropped_batch"].format(self.dropout_p_text())

    # -------------------------------------------------------------- widget
    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    def update(self, *args) -> None:
        """Schedule a repaint of everything (use :meth:`_update_outputs` when
        only the neuron outputs changed)."""
        self._static_key = None
        super().update(*args)

    def _update_outputs(self) -> None:
        """Schedule a repaint for new neuron outputs alone: the edges and captions
        come from an image kept for it (a drawn digit repaints the graph at every
        stroke; the edges were a third of such a frame)."""
        self._outputs_only = True
        QWidget.update(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        t0 = time.perf_counter()
        w, h = self.width(), self.height()
        lay, seg = self._layout_for(w, h)
        ratio = self.devicePixelRatioF()
        key = (w, h, ratio, self._layout_key)
        outputs_only, self._outputs_only = self._outputs_only, False
        p = QPainter(self)
        if self._static_key == key and self._static_image is not None:
            # CompositionMode_Source: the kept image is opaque, a plain copy
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            p.drawImage(0, 0, self._static_image)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        elif outputs_only:  # outputs are changing: keep the rest for the next frames
            img = self._static_image
            size = (round(w * ratio), round(h * ratio))
            if img is None or (img.width(), img.height()) != size or img.devicePixelRatio() != ratio:
                img = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
                img.setDevicePixelRatio(ratio)
            ip = QPainter(img)
            self._paint_static(ip, lay, seg, w, h)
            ip.end()
            self._static_image, self._static_key = img, key
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            p.drawImage(0, 0, img)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        else:  # new weights (training): painted straight, as no image would be reused
            self._paint_static(p, lay, seg, w, h)
        self._paint_dynamic(p, lay, w, h)
        p.end()
        cost = time.perf_counter() - t0
        self._paint_cost = cost if not self._paint_cost else 0.7 * self._paint_cost + 0.3 * cost

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._colours.set_palette(self.palette())
            self.update()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.update()  # captions in the new font: the kept edges image goes
        super().changeEvent(event)


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
