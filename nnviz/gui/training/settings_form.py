"""The form of training settings, with tooltips in the slides' words.

``SettingsForm`` turns what is on screen into a data set
(:meth:`SettingsForm.dataset`), a network (:meth:`SettingsForm.network`) and a
:class:`~nnviz.core.training.config.TrainingConfig` (:meth:`SettingsForm.config`).
Settings the trainer can take mid-run (η, batch size, momentum, λ) emit
``liveChanged(name, value)``; settings that need a new network or data set
emit ``structureChanged`` and are locked while training.

Number fields (:class:`~nnviz.gui.training.number_field.NumberSpin`) write
numbers as people do (η = 0,05 and λ = 1e-4, not 0,050000), step η and λ along
1-2-5, and refuse text that is not a number in range: the field keeps its
value, is outlined in red, and the form emits ``inputRefused(sentence)`` for
the panel's error message.

This module holds the form as a whole: its signals, how the fields react to
each other, the lock while training, the red marks, the devices this machine
has, and every label and tooltip. Its parts are mixins: the fields and their
boxes (``_settings_sections``), reading them back (``_settings_reading``) and
loading a lesson into them (``_settings_loading``).
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from nnviz.core.errors import UserError
from nnviz.gui.core_strings import activation_name
from nnviz.gui.training._settings_loading import SettingsLoading
from nnviz.gui.training._settings_reading import SettingsReading
from nnviz.gui.training._settings_sections import SettingsSections
from nnviz.gui.training.number_field import NumberSpin, format_probabilities, parse_probabilities
from nnviz.gui.wheel_guard import guard_wheel

_ERROR_BORDER = "QDoubleSpinBox { border: 2px solid #b3261e; }"


class SettingsForm(SettingsSections, SettingsReading, SettingsLoading, QWidget):
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

        self._build_sections()

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
        guard_wheel(self)  # the wheel scrolls the panel, not an unfocused field
        self._on_optimizer()
        self._on_kind()

    # ------------------------------------------------------ lock and marks
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
            "custom": self.tr("your data (imported or drawn)"),
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
