"""How the network graph answers the mouse and the keyboard (a mixin of
``NetworkView``): hit tests, tooltips in the slides' notation, in-place
editing of a weight or a bias, selection, undo/redo keys, the context menu.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QToolTip

from nnviz.core.model import graph_layout as gl
from nnviz.gui.network.editor import ValueEditor
from nnviz.gui.network.legend import fmt, fmt_scale


def weight_html(layers: list[int], layer: int, j: int, k: int) -> str:
    """The weight from neuron j of ``layer`` to neuron k of the next, as the
    steppers write it: ω⁽ˡ⁾_jk with the layer it leads into as a superscript
    (``formulas.Notation.weight``); in a perceptron, without hidden layers,
    w_i or w_ik (``perceptron.PerceptronSteps``)."""
    if len(layers) == 2:
        sub = str(j + 1) if layers[1] == 1 else gl.pair_subscript(j, k)
        return f"w<sub>{sub}</sub>"
    return f"ω<sup>({layer + 1})</sup><sub>{gl.pair_subscript(j, k)}</sub>"


def bias_html(layers: list[int], layer: int, k: int) -> str:
    """The bias of neuron k of ``layer`` (>= 1): b⁽ˡ⁾_k (``Notation.bias``),
    in a perceptron b or b_k."""
    if len(layers) == 2:
        return "b" if layers[1] == 1 else f"b<sub>{k + 1}</sub>"
    return f"b<sup>({layer})</sup><sub>{k + 1}</sub>"


class GraphInteraction:
    """Mouse and keyboard handling of NetworkView (reads the view's state)."""

    def hit(self, pos: QPointF) -> tuple:
        """What is under ``pos``: ('bias', layer, k), ('neuron', layer, i),
        ('pixel', i), ('edge', index) or ('none',)."""
        lay, _ = self._layout_for(self.width(), self.height())
        x, y = pos.x(), pos.y()
        s = self._scale
        for li in range(1, len(lay.positions)):
            r = float(lay.radii[li])
            if r < 5 * s:
                continue
            for k, (nx, ny) in enumerate(lay.positions[li]):
                if abs(nx - x) < 2 * r and abs(ny - y) < 2 * r:
                    if self.bias_rect(li, k, nx, ny, r).adjusted(-2, -2, 2, 2).contains(pos):
                        return ("bias", li, k)
        if lay.image_rect is not None:
            x0, y0, w, h = lay.image_rect
            if x0 <= x < x0 + w and y0 <= y < y0 + h:
                rows, cols = self._image_shape
                c, r = int((x - x0) / w * cols), int((y - y0) / h * rows)
                return ("pixel", r * cols + c)
        positions = lay.positions[1:] if lay.image_rect is not None else lay.positions
        first = 1 if lay.image_rect is not None else 0
        li, i, dist = gl.nearest_neuron(positions, x, y)
        if li >= 0 and dist <= max(float(lay.radii[li + first]), 4 * s) + 2 * s:
            return ("neuron", li + first, i)
        lit, _ = self._emphasis()
        cand = self._shown if lit is None else np.union1d(self._shown, lit)
        e, dist = gl.nearest_segment(lay.segments, cand, x, y)
        if e >= 0 and dist <= 5 * s:
            return ("edge", e)
        return ("none",)

    def tooltip_at(self, pos: QPointF) -> str:
        """The tooltip text (rich text) for what is under ``pos``, or ''."""
        what = self.hit(pos)
        net = self._model.network
        t = self._texts
        if what[0] == "edge":
            layer, j, k = self.edge_of(what[1])
            w = weight_html(net.layers, layer, j, k)
            src = gl.neuron_symbol(net.layers, layer, j).html()
            dst = gl.neuron_symbol(net.layers, layer + 1, k).html()
            return t["tip_weight"].format(w, fmt(net.weights[layer][j, k]), src, dst)
        if what[0] == "bias":
            _, layer, k = what
            b = bias_html(net.layers, layer, k)
            sym = gl.neuron_symbol(net.layers, layer, k).html()
            return t["tip_bias"].format(b, fmt(net.biases[layer - 1][k]), sym)
        if what[0] in ("neuron", "pixel"):
            layer, i = (0, what[1]) if what[0] == "pixel" else what[1:]
            sym = gl.neuron_symbol(net.layers, layer, i).html()
            value = self._activation(layer, i)
            lines = [t["tip_neuron"].format(sym, fmt(value)) if value is not None
                     else t["tip_no_sample"].format(sym)]
            if layer > 0:
                lines.append(f"{bias_html(net.layers, layer, i)} = {fmt(net.biases[layer - 1][i])}")
                lines.append(net.activations[layer - 1])
                classes = self.class_names() if layer == len(net.layers) - 1 else []
                if classes:
                    lines.append(t["tip_class"].format(classes[i]))
            if what[0] == "pixel":
                r, c = divmod(i, self._image_shape[1])
                lines.append(t["tip_pixel"].format(r + 1, c + 1))
                j = self._rf_neuron()
                if j >= 0:
                    w = weight_html(net.layers, 0, i, j)
                    lines.append(f"{w} = {fmt(net.weights[0][i, j])}")
            dropped = self._dropped(layer)
            if dropped is not None and dropped[i]:
                lines.append(self.dropped_tip())
            return "<br>".join(lines)
        return ""

    # --------------------------------------------------------- events
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event
            text = self.tooltip_at(QPointF(help_event.pos()))
            if text:
                QToolTip.showText(help_event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() == QEvent.Type.ShortcutOverride and self._undo_redo_key(event):
            event.accept()  # ours, not an ambiguous window shortcut
            return True
        return super().event(event)

    @staticmethod
    def _undo_redo_key(event: QKeyEvent) -> str:
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if ctrl and event.key() == Qt.Key.Key_Z:
            return "redo" if shift else "undo"
        if ctrl and event.key() == Qt.Key.Key_Y:
            return "redo"
        return ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._undo_redo_key(event)
        if action == "undo":
            self._model.undo_stack.undo()
        elif action == "redo":
            self._model.undo_stack.redo()
        elif event.key() == Qt.Key.Key_Escape:
            self._model.select(-1, -1)
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        what = self.hit(event.position())
        if self._image_shape is not None:
            j = what[2] if what[0] == "neuron" and what[1] == 1 else -1
            if j != self._hover_rf:
                self._hover_rf = j
                self.update()
        self._set_hover_neuron(tuple(what[1:]) if what[0] == "neuron" else (-1, -1))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover_rf >= 0:
            self._hover_rf = -1
            self.update()
        self._set_hover_neuron((-1, -1))
        super().leaveEvent(event)

    def _set_hover_neuron(self, neuron: tuple[int, int]) -> None:
        """``neuronHovered`` once per neuron the mouse moves onto or off (the activation gallery)."""
        if neuron != self._hover_neuron:
            self._hover_neuron = neuron
            self.neuronHovered.emit(*neuron)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus()
        what = self.hit(event.position())
        net = self._model.network
        if what[0] == "edge":
            layer, j, k = self.edge_of(what[1])
            self._edit_target = ("weight", (layer, j, k))
            self._editor.start(event.position(), float(net.weights[layer][j, k]))
            self.edgeClicked.emit(layer, j, k)
        elif what[0] == "bias":
            _, layer, k = what
            self._edit_target = ("bias", (layer - 1, k))
            self._editor.start(event.position(), float(net.biases[layer - 1][k]))
        elif what[0] in ("neuron", "pixel"):
            layer, i = (0, what[1]) if what[0] == "pixel" else what[1:]
            same = self._model.selection == (layer, i)
            self._model.select(-1, -1) if same else self._model.select(layer, i)
        else:
            self._model.select(-1, -1)

    def _commit_edit(self, value: float) -> None:
        target, self._edit_target = self._edit_target, None
        self._end_edit()
        if target is None:
            return
        kind, where = target
        if kind == "weight":
            self._model.edit_weight(*where, value)
        else:
            self._model.edit_bias(*where, value)
        self.flush()

    def _end_edit(self) -> None:
        self._edit_target = None

    def is_editing(self) -> bool:
        return self._editor.isVisible()

    def editor(self) -> ValueEditor:
        return self._editor

    # ------------------------------------------------------ context menu
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        t = self._texts
        menu = QMenu(self)
        menu.addAction(t["export"], self._export_dialog)
        menu.addSeparator()
        follow = menu.addAction(t["follow"], lambda: self.set_weight_scale(None))
        follow.setCheckable(True)
        follow.setChecked(self._vmax_fixed is None)
        vmax = self._vmax
        menu.addAction(t["fix"].format(fmt_scale(vmax)), lambda: self.set_weight_scale(vmax))
        sub = menu.addMenu(t["threshold_menu"])
        sub.addAction(t["threshold_off"], lambda: self.set_threshold(0.0))
        for pct in (5, 10, 25, 50):
            sub.addAction(t["threshold_at"].format(pct),
                          lambda pct=pct: self.set_threshold(vmax * pct / 100))
        menu.exec(event.globalPos())

    def _export_dialog(self) -> None:
        t = self._texts
        path, _ = QFileDialog.getSaveFileName(self, t["export_title"], "network.png", t["export_filter"])
        if path:
            try:
                self.export_image(path)
            except OSError as exc:
                QToolTip.showText(self.mapToGlobal(QPoint(10, 10)), str(exc), self)
