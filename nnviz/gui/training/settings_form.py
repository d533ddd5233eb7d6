"""The form of training settings, with tooltips in the slides' words.

``SettingsForm`` turns what is on screen into a data set
(:meth:`SettingsForm.dataset`), a network (:meth:`SettingsForm.network`) and a
:class:`~nnviz.core.training.trainer.TrainingConfig` (:meth:`SettingsForm.config`).
Settings the trainer can take mid-run (η, batch size, momentum, λ) emit
``liveChanged(name, value)``; settings that need a new network or data set
emit ``structureChanged`` and are locked while training.

Number fields (:class:`NumberSpin`) write numbers as people do (η = 0,05 and
λ = 1e-4, not 0,050000), step η and λ along 1-2-5, and refuse text that is not
a number in range: the field keeps its value, is outlined in red, and the form
emits ``inputRefused(sentence)`` for the panel's error message.
"""

from __future__ import annotations

import inspect
import math
import re
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.data import datasets
from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import MAX_LR
from nnviz.core.training.trainer import TrainingConfig
from nnviz.gui.core_strings import activation_name

_ERROR_BORDER = "QDoubleSpinBox { border: 2px solid #b3261e; }"
DATA_KINDS = ("points", "blobs", "xor", "circles", "moons", "spiral", "gaussian", "digits", "custom")
HIDDEN_ACTIVATIONS = ("relu", "tanh", "sigmoid", "identity")
#: neurons a hidden layer may have: the decision-region maps run every layer of
#: the network on a 200×200 grid in the window, and a wider layer takes seconds and GBs
MAX_HIDDEN_NEURONS = 4096
OUTPUTS = ("sigmoid", "softmax", "tanh", "identity")


def format_number(value: float, point: str = ".") -> str:
    """A number as a person writes it: 0,05; 0,001; 5e-4; 2 (``point`` is the decimal mark).

    Up to six significant digits, no trailing zeros; below 0.001 in e-notation,
    which is how learning rates and λ are written in papers and PyTorch scripts.
    """
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    if abs(value) < 1e-3:
        mantissa, exponent = f"{value:.5e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}e{int(exponent)}"
    else:
        text = f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
        if "e" in text:  # .6g switches to e-notation for large values
            text = f"{value:.0f}"
        elif "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(".", point)


def read_number(text: str) -> float | None:
    """What a person typed, with a decimal comma or point and e-notation; None if not a number."""
    t = text.strip().replace(" ", "").replace("\u2212", "-").replace(",", ".").replace("E", "e")
    if not t or not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?", t):
        return None
    return float(t)


def ladder_step(value: float, steps: int, smallest: float) -> float:
    """``steps`` rungs up (or down) the 1-2-5 ladder (…, 0.01, 0.02, 0.05, 0.1, …).

    A value between rungs goes to the next rung in the direction of the step;
    below ``smallest`` the ladder ends at 0.
    """
    up = steps > 0
    for _ in range(abs(steps)):
        if up and value < smallest:
            value = smallest
        elif not up and value <= smallest * (1 + 1e-9):
            value = 0.0
        else:
            e = math.floor(math.log10(value)) - 1
            rungs = [m * 10.0**k for k in (e, e + 1, e + 2) for m in (1, 2, 5)]
            if up:
                value = min(r for r in rungs if r > value * (1 + 1e-9))
            else:
                value = max(r for r in rungs if r < value * (1 - 1e-9))
    return float(f"{value:.6g}")


class NumberSpin(QDoubleSpinBox):
    """A number field that writes numbers as people do and refuses bad input aloud.

    Shows 0,05 rather than 0,050000 (the decimal mark of the interface language),
    reads 0,05 / 0.05 / 5e-4, and steps with the arrows either linearly
    (``step``) or along the 1-2-5 ladder (``step=None``: 0,01 → 0,02 → 0,05 → 0,1),
    which suits η and λ that span several powers of ten. Text that is not a
    number in range is refused: the field goes back to its last value and
    ``refused`` carries a sentence saying why.
    """

    #: the typed text was not accepted: a sentence for the user
    refused = Signal(str)

    def __init__(self, lo: float, hi: float, value: float, step: float | None = None,
                 smallest: float | None = None) -> None:
        super().__init__()
        self._ladder = step is None
        self._smallest = smallest if smallest is not None else max(lo, 1e-6)
        self.setDecimals(12)  # exact values: the text, not decimals(), decides what shows
        self.setRange(lo, hi)
        if step is not None:
            self.setSingleStep(step)
        self.setValue(value)
        self.setKeyboardTracking(False)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.what = ""
        self.what_tip = ""
        self._refusing = False

    def _point(self) -> str:
        return QLocale().decimalPoint()

    def textFromValue(self, value: float) -> str:
        return format_number(value, self._point())

    def valueFromText(self, text: str) -> float:
        v = read_number(text)
        return self.value() if v is None else v

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        v = read_number(text)
        if v is not None and self.minimum() - 1e-15 <= v <= self.maximum() + 1e-15:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        # called when editing ends on text validate() did not accept; Return
        # calls it twice (the line edit's validator, then the spin box): say it once
        if self._refusing:
            return text
        self._refusing = True
        QTimer.singleShot(0, self._refused_done)
        lo, hi = (format_number(b, self._point()) for b in (self.minimum(), self.maximum()))
        example = format_number(self.value(), self._point())
        self.refused.emit(
            QCoreApplication.translate(
                "SettingsForm", "{0}: '{1}' is not a number from {2} to {3}; write one like {4}."
            ).format(self.what, text.strip(), lo, hi, example)
        )
        return text

    def _refused_done(self) -> None:
        self._refusing = False

    def stepBy(self, steps: int) -> None:
        if not self._ladder:
            super().stepBy(steps)
            return
        self.setValue(min(max(ladder_step(self.value(), steps, self._smallest), self.minimum()), self.maximum()))
        self.selectAll()

    def refresh_text(self) -> None:
        """Write the value again (after the interface language changed its decimal mark)."""
        self.lineEdit().setText(self.textFromValue(self.value()))


def _spin(lo: int, hi: int, value: int) -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setValue(value)
    s.setKeyboardTracking(False)
    return s


def generator_defaults(kind: str) -> dict[str, Any]:
    """The default arguments of the data set generator ``kind`` (empty if none)."""
    fn = datasets.GENERATORS.get(kind)
    if fn is None:
        return {}
    return {
        name: p.default
        for name, p in inspect.signature(fn).parameters.items()
        if p.default is not inspect.Parameter.empty
    }


def parse_probabilities(text: str, what: str) -> list[float]:
    """"0,5; 0,2" or "0.5, 0.2" -> [0.5, 0.2]: a decimal comma or point, values
    separated by ";", spaces or ", " (a comma between digits is a decimal comma)."""
    tokens = [t for t in re.split(r"[;\s]+|,(?=\s)", text) if t]
    if len(tokens) == 1 and "." in tokens[0]:
        tokens = [t for t in tokens[0].split(",") if t]  # "0.5,0.2"
    values = [read_number(t) for t in tokens]
    if any(v is None for v in values):
        raise UserError(
            QCoreApplication.translate(
                "SettingsForm", "{0}: write numbers separated by semicolons, like '0.5; 0.2'."
            ).format(what)
        )
    return [float(v) for v in values if v is not None]


def format_probabilities(values: list[float], point: str) -> str:
    """The dropout list as :func:`parse_probabilities` reads it back."""
    return ("; " if point == "," else ", ").join(format_number(p, point) for p in values) or "0"


def parse_numbers(text: str, kind: type, what: str) -> list[Any]:
    """"8, 8" -> [8, 8]; a clear error naming ``what`` otherwise."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        return [kind(p) for p in parts]
    except ValueError:
        raise UserError(
            QCoreApplication.translate("SettingsForm", "{0}: write numbers separated by commas, like '8, 8'.")
            .format(what)
        ) from None


class SettingsForm(QWidget):
    """Every training setting, grouped as the slides introduce them."""

    #: a setting the trainer applies at the next batch: (name, value)
    liveChanged = Signal(str, object)
    #: the data or the layers changed: a new data set and network are needed
    structureChanged = Signal()
    #: a number field refused what was typed: the sentence to show as an error
    inputRefused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._lesson_points: dict[str, Any] | None = None
        self._devices_probed = False

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

        self.data_kind.currentIndexChanged.connect(self._on_kind)
        # structure: rebuild data and network
        for w in (self.data_kind, self.output):
            w.currentIndexChanged.connect(self._structure)
        for w in (self.n, self.data_seed, self.init_seed):
            w.valueChanged.connect(self._structure)
        for w in (self.noise, self.val_fraction):
            w.valueChanged.connect(self._structure)
        for w in (self.hidden, self.activations):
            w.editingFinished.connect(self._structure)
        self.output.currentIndexChanged.connect(self._suggest_loss)
        # live: the trainer applies these at the next batch
        self.lr.valueChanged.connect(lambda v: self._live("lr", float(v)))
        self.lr.valueChanged.connect(lambda _v: self.clear_error())
        self.momentum.valueChanged.connect(lambda v: self._live("momentum", float(v)))
        self.batch_size.valueChanged.connect(lambda v: self._live("batch_size", int(v)))
        self.l2.valueChanged.connect(lambda v: self._live("l2", float(v)))
        self.l1.valueChanged.connect(lambda v: self._live("l1", float(v)))
        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        for spin in self._number_fields():
            spin.refused.connect(lambda message, spin=spin: self._refuse(spin, message))
            spin.valueChanged.connect(lambda _v, spin=spin: self._unmark(spin))
        self.retranslate()
        self._on_optimizer()
        self._on_kind()

    def _add_group(self, layout: QVBoxLayout, key: str, rows: list[tuple[str, QWidget]]) -> None:
        box = QGroupBox()
        form = QFormLayout(box)
        for name, w in rows:
            label = QLabel()
            self._labels[name] = label
            form.addRow(label, w)
        self._groups[key] = box
        layout.addWidget(box)

    # ---------------------------------------------------------------- read
    def data_spec(self) -> dict[str, Any]:
        kind = self.data_kind.currentData()
        if kind == "points":
            spec = dict(self._lesson_points or {"kind": "points", "x": [[0, 0]], "y": [0]})
        else:
            spec = {"kind": kind, "noise": self.noise.value(), "seed": self.data_seed.value()}
            if kind != "digits":
                spec["n"] = self.n.value()
            elif self.n.value() < 1797:
                spec["n"] = self.n.value()
        spec["val_fraction"] = self.val_fraction.value()
        spec["split_seed"] = self.data_seed.value()
        return spec

    def dataset(self) -> Dataset:
        """The data set the form describes (not for "custom": the panel keeps that one)."""
        return datasets.make(self.data_spec())

    def hidden_layers(self) -> list[int]:
        sizes = parse_numbers(self.hidden.text(), int, self.tr("Hidden layers"))
        if any(s < 1 for s in sizes):
            raise UserError(self.tr("Hidden layers: every layer needs at least one neuron."))
        if any(s > MAX_HIDDEN_NEURONS for s in sizes):
            raise UserError(
                self.tr(
                    "Hidden layers: at most {0} neurons per layer (the live views of a wider "
                    "layer would not fit in memory)."
                ).format(MAX_HIDDEN_NEURONS)
            )
        return sizes

    def hidden_activations(self, n_hidden: int) -> list[str]:
        names = [a.strip().lower() for a in self.activations.text().replace(";", ",").split(",") if a.strip()]
        if not names:
            names = ["tanh"]
        for a in names:
            if a not in HIDDEN_ACTIVATIONS:
                raise UserError(
                    self.tr("Activation '{0}' is not one training can use in a hidden layer (use {1}).")
                    .format(a, ", ".join(HIDDEN_ACTIVATIONS))
                )
        if len(names) == 1:
            return names * n_hidden
        if len(names) != n_hidden:
            raise UserError(
                self.tr("Give one activation for all hidden layers or one per hidden layer ({0}), not {1}.")
                .format(n_hidden, len(names))
            )
        return names

    def network(self, ds: Dataset, current: Network | None = None) -> Network:
        """The network the form describes for ``ds``; ``current`` is kept when it matches."""
        hidden = self.hidden_layers()
        out = self.output.currentData()
        n_out = 1 if ds.n_classes <= 2 and out != "softmax" else max(ds.n_classes, 2)
        layers = [ds.n_features, *hidden, n_out]
        acts = [*self.hidden_activations(len(hidden)), out]
        if current is not None and current.layers == layers and current.activations == acts:
            return current.copy()
        return Network.initialised(layers, acts, seed=self.init_seed.value())

    def config(self) -> TrainingConfig:
        hidden = self.hidden_layers()
        drop = parse_probabilities(self.dropout.text() or "0", self.tr("Dropout"))
        if len(drop) > 1 and len(drop) != len(hidden):
            raise UserError(
                self.tr(
                    "Dropout: give one probability for all hidden layers or one per hidden layer ({0})."
                ).format(len(hidden))
            )
        if all(p == 0 for p in drop):
            drop = []
        cfg = TrainingConfig(
            loss=self.loss.currentData(),
            optimizer=self.optimizer.currentData(),
            lr=self.lr.value(),
            momentum=self.momentum.value(),
            batch_size=self.batch_size.value(),
            epochs=self.epochs.value(),
            l2=self.l2.value(),
            l1=self.l1.value(),
            dropout=drop,
            early_stopping=self.early.isChecked(),
            patience=self.patience.value(),
            min_delta=self.min_delta.value(),
            restore_best=self.restore_best.isChecked(),
            seed=self.init_seed.value(),
            val_fraction=self.val_fraction.value(),
            device=self.device.currentData(),
            engine=self.engine.currentData(),
        )
        return TrainingConfig.from_dict(cfg.to_dict())

    # --------------------------------------------------------------- write
    def load(self, network: Network, data: dict[str, Any], training: dict[str, Any]) -> None:
        """Show a lesson's settings (no signals while loading)."""
        self._loading = True
        try:
            cfg = TrainingConfig.from_dict(training or {})
            kind = data.get("kind", "points")
            self._lesson_points = dict(data) if kind == "points" else None
            self.data_kind.model().item(0).setEnabled(self._lesson_points is not None)
            self.data_kind.model().item(DATA_KINDS.index("custom")).setEnabled(kind == "custom")
            self.data_kind.setCurrentIndex(max(0, self.data_kind.findData(kind)))
            # settings the lesson leaves out take the generator's defaults, as make() does
            defaults = generator_defaults(kind)
            n = data.get("n", defaults.get("n"))
            self.n.setValue(int(n) if n is not None else 1797 if kind == "digits" else self.n.value())
            self.noise.setValue(float(data.get("noise", defaults.get("noise", 0.0))))
            self.data_seed.setValue(int(data.get("seed", defaults.get("seed", 0))))
            self.val_fraction.setValue(float(data.get("val_fraction", cfg.val_fraction)))
            self.show_network(network)
            self.init_seed.setValue(int(network.seed or 0))
            self.loss.setCurrentIndex(max(0, self.loss.findData(cfg.loss)))
            self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(cfg.optimizer)))
            self.lr.setValue(cfg.lr)
            self.momentum.setValue(cfg.momentum)
            self.batch_size.setValue(cfg.batch_size)
            self.epochs.setValue(cfg.epochs)
            self.l2.setValue(cfg.l2)
            self.l1.setValue(cfg.l1)
            self.dropout.setText(format_probabilities(list(cfg.dropout), QLocale().decimalPoint()))
            self.early.setChecked(cfg.early_stopping)
            self.patience.setValue(cfg.patience)
            self.min_delta.setValue(cfg.min_delta)
            self.restore_best.setChecked(cfg.restore_best)
            self.device.setCurrentIndex(max(0, self.device.findData(cfg.device)))
            self.engine.setCurrentIndex(max(0, self.engine.findData(cfg.engine)))
        finally:
            self._loading = False
        self._on_optimizer()
        self._on_kind()

    def show_network(self, network: Network) -> None:
        """Fill the layer fields from ``network`` without asking for a rebuild."""
        was = self._loading
        self._loading = True
        try:
            self.hidden.setText(", ".join(str(n) for n in network.layers[1:-1]))
            hidden_acts = network.activations[:-1]
            if hidden_acts and all(a == hidden_acts[0] for a in hidden_acts):
                self.activations.setText(hidden_acts[0])
            else:
                self.activations.setText(", ".join(hidden_acts))
            i = self.output.findData(network.activations[-1])
            if i >= 0:
                self.output.setCurrentIndex(i)
        finally:
            self._loading = was

    def set_training(self, training: bool) -> None:
        """Lock what needs a new network or data set while a run goes on."""
        for key in ("data", "network"):
            self._groups[key].setEnabled(not training)
        for w in (self.optimizer, self.epochs, self.dropout, self.early, self.device, self.engine):
            w.setEnabled(not training)

    def mark_lr_error(self) -> None:
        self.lr.setStyleSheet(_ERROR_BORDER)

    def clear_error(self) -> None:
        for spin in self._number_fields():
            self._unmark(spin)

    def _number_fields(self) -> tuple[NumberSpin, ...]:
        return (self.noise, self.val_fraction, self.lr, self.momentum, self.l2, self.l1, self.min_delta)

    def _refuse(self, spin: NumberSpin, message: str) -> None:
        spin.setStyleSheet(_ERROR_BORDER)
        spin.setToolTip(message)
        self.inputRefused.emit(message)

    def _unmark(self, spin: NumberSpin) -> None:
        if spin.styleSheet():
            spin.setStyleSheet("")
            spin.setToolTip(spin.what_tip)

    # ------------------------------------------------------------ internal
    def _structure(self, *args: object) -> None:
        if not self._loading:
            self.structureChanged.emit()

    def _on_kind(self) -> None:
        generated = self.data_kind.currentData() not in ("points", "custom")
        for w in (self.n, self.noise, self.data_seed):
            w.setEnabled(generated)
        self.val_fraction.setEnabled(self.data_kind.currentData() != "custom")

    def _live(self, name: str, value: object) -> None:
        if not self._loading:
            self.liveChanged.emit(name, value)

    def _suggest_loss(self) -> None:
        if not self._loading:
            loss = "cross_entropy" if self.output.currentData() in ("softmax", "sigmoid") else "mse"
            if self.output.currentData() != "sigmoid":
                self.loss.setCurrentIndex(self.loss.findData(loss))

    def _on_optimizer(self) -> None:
        self.momentum.setEnabled(self.optimizer.currentData() == "sgd" and self.optimizer.isEnabled())

    def probe_devices(self) -> None:
        """Disable the devices this machine lacks (imports torch: done when first shown)."""
        if self._devices_probed:
            return
        self._devices_probed = True
        import torch

        have = {
            "cuda": torch.cuda.is_available(),
            "mps": bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()),
        }
        model = self.device.model()
        for i in range(self.device.count()):
            name = self.device.itemData(i)
            if name in have and not have[name]:
                model.item(i).setEnabled(False)
                model.item(i).setToolTip(self.tr("Not available on this machine"))
        if self.device.currentData() in have and not have[self.device.currentData()]:
            self.device.setCurrentIndex(0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.device and event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            self.probe_devices()
        return super().eventFilter(obj, event)

    def showEvent(self, event: QShowEvent) -> None:
        if "torch" in sys.modules:
            self.probe_devices()
        super().showEvent(event)

    # --------------------------------------------------------- translation
    def retranslate(self) -> None:
        titles = {"data": self.tr("Data"), "network": self.tr("Network"), "optimizer": self.tr("Learning"),
                  "regularization": self.tr("Regularization (loss = error + λΨ)"), "hardware": self.tr("Hardware")}
        for key, box in self._groups.items():
            box.setTitle(titles[key])
        self.early.setTitle(self.tr("Early stopping"))
        texts = {
            "kind": (self.tr("data set"), self.tr("Which points to learn: the lesson's own, or a generated set")),
            "n": (self.tr("points n"), self.tr("How many samples to generate")),
            "noise": (self.tr("noise"), self.tr("Standard deviation of the noise added to each point")),
            "data_seed": (self.tr("data seed"), self.tr("Seed of the generator and of the train/validation split")),
            "val": (self.tr("validation fraction"),
                    self.tr("Share of the samples held out to measure generalization (never trained on)")),
            "hidden": (self.tr("hidden layers"), self.tr("Neurons per hidden layer, e.g. '8, 8' for two layers of 8")),
            "acts": (self.tr("hidden activations"),
                     self.tr("One activation for all hidden layers or one per layer: relu, tanh, sigmoid, identity")),
            "output": (self.tr("output"), self.tr("Activation of the output layer: sigmoid (two classes), softmax (several)")),
            "loss": (self.tr("loss"), self.tr("MSE is the slides' E(ω) = ½‖d − y‖²; cross-entropy suits sigmoid/softmax")),
            "init_seed": (self.tr("weight seed"), self.tr("Seed of the initial weights ω and of the batch order")),
            "optimizer": (self.tr("optimizer"), self.tr("SGD: ω ← ω − η ∂E/∂ω (with momentum); Adam adapts η per weight")),
            "lr": (self.tr("learning rate η"),
                   self.tr("Size of each step down the error; too large diverges, too small crawls. Changes apply at the next batch")),
            "momentum": (self.tr("momentum"), self.tr("SGD only: keeps part of the previous step (0 = plain SGD)")),
            "batch": (self.tr("batch size"),
                      self.tr("Samples per weight update: 1 = one sample at a time, 'full' = the whole training set")),
            "epochs": (self.tr("epochs"), self.tr("Passes over the training set for one press of Train")),
            "l2": (self.tr("L2 λ"), self.tr("Weight of the penalty λ·½Σω²: pulls weights towards zero against overfitting")),
            "l1": (self.tr("L1 λ"), self.tr("Weight of the penalty λ·Σ|ω|: drives useless weights to exactly zero")),
            "dropout": (self.tr("dropout p"),
                        self.tr("Probability of switching off each hidden neuron during training; one value or one per hidden layer")),
            "patience": (self.tr("patience"), self.tr("Epochs without improvement of the validation error before stopping")),
            "min_delta": (self.tr("min. improvement"), self.tr("An epoch only counts as better if it improves by more than this")),
            "restore": (self.tr("restore best weights"), self.tr("After stopping, go back to the weights of the best epoch")),
            "device": (self.tr("device"), self.tr("Where PyTorch computes: auto picks a GPU when there is one")),
            "engine": (self.tr("engine"),
                       self.tr("auto: the compiled engine for small networks on the CPU, PyTorch otherwise")),
        }
        widgets = {
            "kind": self.data_kind, "n": self.n, "noise": self.noise, "data_seed": self.data_seed,
            "val": self.val_fraction, "hidden": self.hidden, "acts": self.activations, "output": self.output,
            "loss": self.loss, "init_seed": self.init_seed, "optimizer": self.optimizer, "lr": self.lr,
            "momentum": self.momentum, "batch": self.batch_size, "epochs": self.epochs, "l2": self.l2,
            "l1": self.l1, "dropout": self.dropout, "patience": self.patience, "min_delta": self.min_delta,
            "restore": self.restore_best, "device": self.device, "engine": self.engine,
        }
        for key, (label, tip) in texts.items():
            self._labels[key].setText(label)
            self._labels[key].setToolTip(tip)
            widgets[key].setToolTip(tip)
            if isinstance(widgets[key], NumberSpin):
                widgets[key].what, widgets[key].what_tip = label, tip
                widgets[key].refresh_text()  # the decimal mark follows the language
        point = QLocale().decimalPoint()
        try:
            drop = parse_probabilities(self.dropout.text() or "0", "")
            self.dropout.setText(format_probabilities(drop, point))
        except UserError:
            pass  # leave what the user is typing; Train reports it
        self.early.setToolTip(self.tr("Stop when the validation error has not improved for 'patience' epochs"))
        kind_names = {
            "points": self.tr("lesson's points"), "blobs": self.tr("blobs (linearly separable)"), "xor": self.tr("XOR"),
            "circles": self.tr("circles"), "moons": self.tr("moons"), "spiral": self.tr("spiral"),
            "gaussian": self.tr("Gaussian clusters"), "digits": self.tr("handwritten digits 8×8"),
            "custom": self.tr("data given to the panel"),
        }
        for i in range(self.data_kind.count()):
            self.data_kind.setItemText(i, kind_names[self.data_kind.itemData(i)])
        for combo in (self.device, self.engine):
            combo.setItemText(0, self.tr("auto"))
        self.engine.setItemText(1, self.tr("compiled"))
        self.loss.setItemText(0, self.tr("MSE ½‖d − y‖²"))
        self.loss.setItemText(1, self.tr("cross-entropy"))
        for i in range(self.output.count()):
            self.output.setItemText(i, activation_name(self.output.itemData(i)))
        self.batch_size.setSpecialValueText(self.tr("full"))
        self.restore_best.setText("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    form = SettingsForm()
    form.liveChanged.connect(lambda name, value: print("live:", name, value))
    form.structureChanged.connect(lambda: print("structure changed:", form.data_spec()))
    form.show()
    sys.exit(app.exec())
