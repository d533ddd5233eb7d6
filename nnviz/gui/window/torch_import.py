"""The import dialog of PyTorch weights: the Linear layers found, one activation each.

:class:`TorchImportDialog` lists the Linear layers that
:func:`nnviz.core.model.torch_io.linear_layers` found in a state_dict or
safetensors file (name, inputs → outputs, parameters) and asks the activation
of each in a combo box in its row: sigmoid, tanh, ReLU or identity, and for
the last layer softmax too. Hidden layers start on ReLU, the last on sigmoid
when it has one output, else softmax. A line under the table says what the
network will be ("2-16-16-3"). The dialog only collects the choice; the
window builds the network (:mod:`nnviz.gui.window._torch_files`).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.model.torch_io import LinearLayer, layer_sizes
from nnviz.gui.wheel_guard import guard_wheel

#: the activations offered for a hidden layer, in the order shown
HIDDEN_CHOICES = ("relu", "sigmoid", "tanh", "identity")
#: the output layer may also be softmax
OUTPUT_CHOICES = ("sigmoid", "softmax", "relu", "tanh", "identity")
#: the columns of the layer table; the activation's combo box is the last
COLUMNS = 4


def default_activations(layers: list[LinearLayer]) -> list[str]:
    """ReLU for hidden layers; the last: sigmoid for one output, else softmax."""
    last = "sigmoid" if layers[-1].n_out == 1 else "softmax"
    return ["relu"] * (len(layers) - 1) + [last]


class TorchImportDialog(QDialog):
    """The Linear layers of a weights file, and an activation for each."""

    def __init__(self, path: str, layers: list[LinearLayer], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("torchImportDialog")
        self._path = path
        self._layers = list(layers)

        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.table = QTableWidget(len(layers), COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(160)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from combo box to combo box
        self._combos: list[QComboBox] = []
        defaults = default_activations(self._layers)
        for row, layer in enumerate(self._layers):
            last = row == len(self._layers) - 1
            for col, text in enumerate((layer.label, f"{layer.n_in} → {layer.n_out}", QLocale().toString(layer.n_parameters))):
                self.table.setItem(row, col, QTableWidgetItem(text))
            combo = QComboBox()
            combo.setObjectName(f"activation{row}")
            for name in OUTPUT_CHOICES if last else HIDDEN_CHOICES:
                combo.addItem(name, name)
            combo.setCurrentIndex(combo.findData(defaults[row]))
            combo.currentIndexChanged.connect(self._describe)
            self.table.setCellWidget(row, COLUMNS - 1, combo)
            self._combos.append(combo)
        self.summary = QLabel()
        self.summary.setObjectName("torchSummary")
        self.summary.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(self.file_label)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)
        lay.addWidget(self.buttons)
        self.retranslate()
        guard_wheel(self)  # the wheel scrolls the table, not an unfocused combo box
        self.resize(560, 380)

    # ------------------------------------------------------------ choice
    def activations(self) -> list[str]:
        """The activation chosen for each layer, nnviz's names, first layer first."""
        return [str(combo.currentData()) for combo in self._combos]

    def set_activations(self, names: list[str]) -> None:
        """Choose ``names`` (one per layer) as a user would in the combo boxes."""
        for combo, name in zip(self._combos, names, strict=True):
            index = combo.findData(name)
            if index < 0:
                raise ValueError(f"{name!r} is not offered for this layer")
            combo.setCurrentIndex(index)

    def combo(self, row: int) -> QComboBox:
        return self._combos[row]

    def layers(self) -> list[LinearLayer]:
        return list(self._layers)

    # ------------------------------------------------------------- texts
    def _names(self) -> dict[str, str]:
        return {
            "relu": self.tr("ReLU"),
            "sigmoid": self.tr("sigmoid"),
            "tanh": self.tr("tanh"),
            "identity": self.tr("identity"),
            "softmax": self.tr("softmax"),
        }

    def _describe(self, *args: object) -> None:
        names = self._names()
        sizes = "-".join(map(str, layer_sizes(self._layers)))
        total = sum(layer.n_parameters for layer in self._layers)
        acts = ", ".join(names[a] for a in self.activations())
        self.summary.setText(
            self.tr("The network will be %1 (activations %2), with %3 weights and biases.")
            .replace("%1", sizes)
            .replace("%2", acts)
            .replace("%3", QLocale().toString(total))
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import PyTorch weights"))
        self.file_label.setText(
            self.tr("%1: nnviz found these Linear layers. Choose the activation of each one.")
            .replace("%1", os.path.basename(self._path))
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Layer"), self.tr("Inputs → outputs"), self.tr("Parameters"), self.tr("Activation")]
        )
        names = self._names()
        for combo in self._combos:
            for i in range(combo.count()):
                combo.setItemText(i, names[str(combo.itemData(i))])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self._describe()
