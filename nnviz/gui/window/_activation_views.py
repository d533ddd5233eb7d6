"""View → Activation functions: the gallery's dock and what it follows (a mixin of ``MainWindow``).

:meth:`WindowActivationViews._build_activation_views` adds the
:class:`~nnviz.gui.lecture.activation_gallery.ActivationGallery` as the dock
"activations" (a tab beside the Data dock, hidden until the View menu or a
lesson's ``"views": ["activations"]`` shows it) and marks one neuron on its
curves, the first of these that applies:

1. the neuron under the mouse in the network graph (``NetworkView.neuronHovered``),
   its net input and output from a forward pass of the model's network for the
   sample on show (the model's input activations);
2. the neuron of the stepper's current step (the neuron a net, output or δ
   step computes; for a weight or bias step the neuron it leads into), its
   values from the stepper's state after that step, so a value not computed
   yet is not shown;
3. the neuron selected in the graph (``NetworkModel.selectionChanged``), by a
   forward pass as in 1.

It reads ``model``, ``network_view`` and ``stepper`` of the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from nnviz.core.model import activation_curves as ac
from nnviz.core.model import graph_layout as gl
from nnviz.gui.lecture.activation_gallery import ActivationGallery


def step_neuron(step) -> tuple[int, int] | None:  # noqa: ANN001 - a core Step
    """The neuron (layer, i) the stepper's ``step`` is about, or None (the error E).

    A net, output or δ step: its neuron (a whole layer: its first neuron); a
    weight or bias step of weight layer l: the neuron k of layer l + 1 it leads into.
    """
    key = step.sets
    kind = key[0]
    if kind in ("net", "out", "delta"):
        return (int(key[1]), int(key[2]) if len(key) > 2 else 0)
    if kind in ("dw", "w"):
        return (int(key[1]) + 1, int(key[3]) if len(key) > 3 else 0)
    if kind in ("db", "b"):
        return (int(key[1]) + 1, int(key[2]) if len(key) > 2 else 0)
    return None


class WindowActivationViews:
    """The activation functions' gallery dock, following the stepper and the mouse."""

    def _build_activation_views(self) -> None:
        self.activation_gallery = ActivationGallery()
        self._gallery_hover = (-1, -1)
        #: the neuron the stepper's last step was about (kept across the error step)
        self._gallery_step_neuron: tuple[int, int] | None = None
        # in a scroll area: below the formulas of a short projector its texts scroll, never clip
        self._add_dock("activations", self.activation_gallery, Qt.DockWidgetArea.RightDockWidgetArea, scroll=True)
        self.tabifyDockWidget(self._docks["data"], self._docks["activations"])
        self._docks["activations"].hide()
        # with the other panels' entries, above the View menu's first separator
        seps = [a for a in self.menu_view.actions() if a.isSeparator()]
        self.menu_view.insertAction(seps[0] if seps else None, self._docks["activations"].toggleViewAction())
        self.network_view.neuronHovered.connect(self._gallery_hovered)
        self.stepper.stateChanged.connect(self._gallery_follow)
        self.model.selectionChanged.connect(lambda *_: self._gallery_follow())
        self.model.architectureChanged.connect(self._gallery_forget)
        self._gallery_follow()

    def _gallery_hovered(self, layer: int, i: int) -> None:
        self._gallery_hover = (layer, i)
        self._gallery_follow()

    def _gallery_forget(self) -> None:
        self._gallery_hover = (-1, -1)
        self._gallery_step_neuron = None
        self._gallery_follow()

    def _gallery_follow(self) -> None:
        """Mark the neuron of the module doc's order on the gallery's curves."""
        net = self.model.network
        point, where = None, None
        if self._gallery_hover[0] >= 1:
            where = self._gallery_hover
            point = self._gallery_forward_point(*where)
        if point is None:
            where, point = self._gallery_stepper_point()
        if point is None and self.model.selection[0] >= 1:
            where = self.model.selection
            point = self._gallery_forward_point(*where)
        label = gl.neuron_symbol(net.layers, *where).html() if point is not None else ""
        self.activation_gallery.set_point(point, label)

    def _gallery_forward_point(self, layer: int, i: int) -> ac.CurvePoint | None:
        """Neuron (layer, i) for the sample on show, by a forward pass (None: no sample)."""
        shown = self.model.activations
        net = self.model.network
        if not shown or shown[0].size != net.layers[0]:
            return None
        nets, outs = ac.forward_layers(net, shown[0])
        return ac.neuron_point(net.activations, nets, outs, layer, i)

    def _gallery_stepper_point(self) -> tuple[tuple[int, int] | None, ac.CurvePoint | None]:
        walk = self.stepper.walk() if self.stepper.mode() == "mlp" else None
        if walk is None or self.stepper.lesson() is None:
            return None, None
        step = walk.step()
        if step is None:
            self._gallery_step_neuron = None
            return None, None
        where = step_neuron(step) or self._gallery_step_neuron
        if where is None or where[0] < 1:
            return None, None
        self._gallery_step_neuron = where
        state = walk.state()
        point = ac.neuron_point(state.network.activations, state.net_inputs, state.outputs, *where)
        return where, point
