"""The training form's fields and the boxes they sit in (a mixin of ``SettingsForm``).

:meth:`SettingsSections._build_sections` makes every field with its range and
starting value and lays them out in group boxes, as the slides introduce them:
data, network, learning, regularization (with early stopping in a box of its
own) and hardware. Labels are left empty here: ``SettingsForm.retranslate``
writes them, and the form connects the fields to what they change.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.training.config import MAX_LR
from nnviz.gui.training.number_field import NumberSpin

DATA_KINDS = ("points", "blobs", "xor", "circles", "moons", "spiral", "gaussian", "digits", "custom")
OUTPUTS = ("sigmoid", "softmax", "tanh", "identity")


def _spin(lo: int, hi: int, value: int) -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setValue(value)
    s.setKeyboardTracking(False)
    return s


class SettingsSections:
    """Builds the fields of SettingsForm and its group boxes (``_groups``, ``_labels``)."""

    def _build_sections(self) -> None:
        # ---- data
        self.data_kind = QComboBox()
        for k in DATA_KINDS:
            self.data_kind.addItem(k, k)
        self.n = _spin(4, 100000, 400)
        self.data_kind.setCurrentIndex(self.data_kind.findData("spiral"))
        self.data_kind.model().item(0).setEnabled(False)  # until a lesson brings its own points
        self.data_kind.model().item(DATA_KINDS.index("custom")).setEnabled(False)  # until given one
        self.noise = NumberSpin(0.0, 2.0, 0.05, 0.01)
        self.data_seed = _spin(0, 2**31 - 1, 0)
        self.val_fraction = NumberSpin(0.0, 0.9, 0.2, 0.05)
        # ---- network
        self.hidden = QLineEdit("8, 8")
        self.activations = QLineEdit("tanh")
        self.output = QComboBox()
        for o in OUTPUTS:
            self.output.addItem(o, o)
        self.loss = QComboBox()
        self.loss.addItem("", "mse")
        self.loss.addItem("", "cross_entropy")
        self.loss.setCurrentIndex(1)
        self.init_seed = _spin(0, 2**31 - 1, 0)
        # ---- optimizer
        self.optimizer = QComboBox()
        self.optimizer.addItem("SGD", "sgd")
        self.optimizer.addItem("Adam", "adam")
        self.optimizer.setCurrentIndex(1)
        self.lr = NumberSpin(1e-6, MAX_LR, 0.01)  # as high as `nnviz train` takes: divergence is a lesson too
        self.momentum = NumberSpin(0.0, 0.99, 0.0, 0.05)
        self.batch_size = _spin(0, 100000, 16)
        self.epochs = _spin(1, 1000000, 200)
        # ---- regularization
        self.l2 = NumberSpin(0.0, 10.0, 0.0, smallest=1e-5)
        self.l1 = NumberSpin(0.0, 10.0, 0.0, smallest=1e-5)
        self.dropout = QLineEdit("0")
        self.early = QGroupBox()
        self.early.setCheckable(True)
        self.early.setChecked(False)
        self.patience = _spin(1, 100000, 20)
        self.min_delta = NumberSpin(0.0, 10.0, 0.0, smallest=1e-5)
        self.restore_best = QCheckBox()
        self.restore_best.setChecked(True)
        # ---- hardware
        self.device = QComboBox()
        for d in ("auto", "cpu", "cuda", "mps"):
            self.device.addItem(d, d)
        # which devices exist needs torch (2 s to import): asked when the list is opened
        self.device.installEventFilter(self)
        self.engine = QComboBox()
        for e in ("auto", "compiled", "torch"):
            self.engine.addItem(e, e)

        self._groups: dict[str, QGroupBox] = {}
        self._labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._add_group(layout, "data", [("kind", self.data_kind), ("n", self.n), ("noise", self.noise),
                                         ("data_seed", self.data_seed), ("val", self.val_fraction)])
        self._add_group(layout, "network", [("hidden", self.hidden), ("acts", self.activations),
                                            ("output", self.output), ("loss", self.loss),
                                            ("init_seed", self.init_seed)])
        self._add_group(layout, "optimizer", [("optimizer", self.optimizer), ("lr", self.lr),
                                              ("momentum", self.momentum), ("batch", self.batch_size),
                                              ("epochs", self.epochs)])
        self._add_group(layout, "regularization", [("l2", self.l2), ("l1", self.l1),
                                                   ("dropout", self.dropout)])
        early_form = QFormLayout(self.early)
        for key, w in (("patience", self.patience), ("min_delta", self.min_delta), ("restore", self.restore_best)):
            label = QLabel()
            self._labels[key] = label
            early_form.addRow(label, w)
        layout.addWidget(self.early)
        self._add_group(layout, "hardware", [("device", self.device), ("engine", self.engine)])
        layout.addStretch(1)

    def _add_group(self, layout: QVBoxLayout, key: str, rows: list[tuple[str, QWidget]]) -> None:
        box = QGroupBox()
        form = QFormLayout(box)
        for name, w in rows:
            label = QLabel()
            self._labels[name] = label
            form.addRow(label, w)
        self._groups[key] = box
        layout.addWidget(box)
