"""The live network that every view follows, with undo of weight edits.

Views connect to the signals in their ``__init__`` and never keep their own
copy of the weights: they read ``model.network`` when told it changed.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from nnviz.core.model.network import Network


class NetworkModel(QObject):
    #: the layer sizes or activations changed: rebuild geometry
    architectureChanged = Signal()
    #: weights and/or biases changed (same architecture): recolour
    weightsChanged = Signal()
    #: neuron outputs for the current sample changed (list per layer, or empty)
    activationsChanged = Signal()
    #: the selected neuron changed: (layer, index) or (-1, -1)
    selectionChanged = Signal(int, int)
    #: dropout masks changed (list per layer of bool arrays, True = dropped)
    maskChanged = Signal()
    #: the names of the classes the output neurons stand for changed
    outputNamesChanged = Signal()

    def __init__(self, network: Network, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._network = network.copy()
        self._activations: list[np.ndarray] = []
        self._masks: list[np.ndarray] = []
        self._mask_p: list[float] | None = None
        self._selection = (-1, -1)
        self._output_names: list[str] | None = None
        self.undo_stack = QUndoStack(self)

    # --------------------------------------------------------------- access
    @property
    def network(self) -> Network:
        return self._network

    @property
    def activations(self) -> list[np.ndarray]:
        return self._activations

    @property
    def masks(self) -> list[np.ndarray]:
        return self._masks

    @property
    def mask_p(self) -> list[float] | None:
        """The dropout probability p per hidden layer the masks were drawn with,
        when the one who set them said it (the legend names it), else None."""
        return self._mask_p

    @property
    def selection(self) -> tuple[int, int]:
        return self._selection

    @property
    def output_names(self) -> list[str] | None:
        """The class each output neuron stands for (set by whoever knows the
        data set), or None: the views then guess (a softmax output k is class k)."""
        return self._output_names

    # -------------------------------------------------------------- changes
    def set_network(self, network: Network) -> None:
        """Replace the whole network (new lesson, file opened): clears undo."""
        arch = not network.same_architecture(self._network)
        self._network = network.copy()
        self._activations = []
        self._masks = []
        self.undo_stack.clear()
        if arch:
            self._selection = (-1, -1)
            if self._output_names is not None and len(self._output_names) != network.layers[-1]:
                self._output_names = None
            self.architectureChanged.emit()
        self.weightsChanged.emit()
        self.activationsChanged.emit()

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        """New weights of the same shapes (training snapshot, stepper)."""
        self._check_shapes(weights, biases)
        self._network.weights = [np.array(w, dtype=np.float64) for w in weights]
        self._network.biases = [np.array(b, dtype=np.float64) for b in biases]
        self.weightsChanged.emit()

    def set_activations(self, activations: list[np.ndarray]) -> None:
        """Neuron outputs per layer (input first) for the sample on show."""
        self._activations = [np.asarray(a, dtype=np.float64).ravel() for a in activations]
        self.activationsChanged.emit()

    def show_sample(self, x: np.ndarray) -> None:
        """Run ``x`` forward through the current network and show its activations."""
        self.set_activations(self._network.forward(np.asarray(x, dtype=np.float64)))

    def set_output_names(self, names: list[str] | None) -> None:
        """Name the class of each output neuron (``["0", …, "9"]`` for the
        digits, a data set's class names), or None to let the views guess."""
        names = None if names is None else [str(n) for n in names]
        if names != self._output_names:
            self._output_names = names
            self.outputNamesChanged.emit()

    def set_masks(self, masks: list[np.ndarray], p: list[float] | None = None) -> None:
        """Dropout masks (True = dropped) and, when known, the p of each hidden layer."""
        self._masks = [np.asarray(m, dtype=bool) for m in masks]
        self._mask_p = [float(v) for v in p] if p is not None and self._masks else None
        self.maskChanged.emit()

    def select(self, layer: int, index: int) -> None:
        if (layer, index) != self._selection:
            self._selection = (layer, index)
            self.selectionChanged.emit(layer, index)

    # ---------------------------------------------------- undoable editing
    def edit_weight(self, layer: int, j: int, k: int, value: float) -> None:
        """Set ω_jk of weight layer ``layer`` as an undoable edit."""
        old = float(self._network.weights[layer][j, k])
        if old != value:
            self.undo_stack.push(_EditParameter(self, "weight", (layer, j, k), old, float(value)))

    def edit_bias(self, layer: int, k: int, value: float) -> None:
        """Set the bias of neuron k of layer ``layer + 1`` as an undoable edit."""
        old = float(self._network.biases[layer][k])
        if old != value:
            self.undo_stack.push(_EditParameter(self, "bias", (layer, k), old, float(value)))

    def replace_parameters_undoably(
        self, weights: list[np.ndarray], biases: list[np.ndarray], text: str
    ) -> None:
        """Set all weights and biases as one undoable step named ``text``.

        For actions that throw work away (reset after training, …): Edit → Undo
        gives the previous weights back. Nothing is pushed when nothing changes.
        """
        self._check_shapes(weights, biases)
        old = ([w.copy() for w in self._network.weights], [b.copy() for b in self._network.biases])
        new = (
            [np.array(w, dtype=np.float64) for w in weights],
            [np.array(b, dtype=np.float64) for b in biases],
        )
        same = all(np.array_equal(a, b) for a, b in zip(old[0] + old[1], new[0] + new[1]))
        if not same:
            self.undo_stack.push(_ReplaceParameters(self, old, new, text))

    def _check_shapes(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        if len(weights) != len(self._network.weights) or len(biases) != len(self._network.biases):
            raise ValueError("parameters: layer count differs from the architecture")
        pairs = zip(self._network.weights + self._network.biases, list(weights) + list(biases))
        if any(old.shape != np.shape(new) for old, new in pairs):
            raise ValueError("parameters: shapes differ from the architecture")

    def _apply(self, kind: str, where: tuple[int, ...], value: float) -> None:
        if kind == "weight":
            layer, j, k = where
            self._network.weights[layer][j, k] = value
        else:
            layer, k = where
            self._network.biases[layer][k] = value
        self.weightsChanged.emit()


class _EditParameter(QUndoCommand):
    def __init__(
        self, model: NetworkModel, kind: str, where: tuple[int, ...], old: float, new: float
    ) -> None:
        super().__init__()
        self._model, self._kind, self._where = model, kind, where
        self._old, self._new = old, new
        if kind == "weight":
            text = QCoreApplication.translate("NetworkModel", "Edit weight ω")
        else:
            text = QCoreApplication.translate("NetworkModel", "Edit bias b")
        self.setText(text)

    def redo(self) -> None:
        self._model._apply(self._kind, self._where, self._new)

    def undo(self) -> None:
        self._model._apply(self._kind, self._where, self._old)


class _ReplaceParameters(QUndoCommand):
    """All weights and biases at once: ``(weights, biases)`` before and after."""

    def __init__(
        self,
        model: NetworkModel,
        old: tuple[list[np.ndarray], list[np.ndarray]],
        new: tuple[list[np.ndarray], list[np.ndarray]],
        text: str,
    ) -> None:
        super().__init__(text)
        self._model, self._old, self._new = model, old, new

    def redo(self) -> None:
        self._model.set_parameters(*self._new)

    def undo(self) -> None:
        self._model.set_parameters(*self._old)
