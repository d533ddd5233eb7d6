"""A lesson's settings written into the training form (a mixin of ``SettingsForm``).

:meth:`SettingsLoading.load` shows a lesson's data, network and training
settings; what the lesson leaves out takes the data generator's defaults, as
:func:`nnviz.core.data.datasets.make` does. Nothing is emitted while loading
(``_loading``): a lesson is not an edit.
"""

from __future__ import annotations

import inspect
from typing import Any

from PySide6.QtCore import QLocale

from nnviz.core.data import datasets
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.gui.training._settings_sections import DATA_KINDS
from nnviz.gui.training.number_field import format_probabilities


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


class SettingsLoading:
    """Writes a lesson (or a network) into SettingsForm's fields, silently."""

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

    def show_given_data(self, val_fraction: float) -> None:
        """Data given to the panel (points drawn on the plot): the "custom" kind with
        the validation share it has, the other settings as they are (no signals)."""
        was = self._loading
        self._loading = True
        try:
            custom = DATA_KINDS.index("custom")
            self.data_kind.model().item(custom).setEnabled(True)
            self.data_kind.setCurrentIndex(custom)
            self.val_fraction.setValue(float(val_fraction))
        finally:
            self._loading = was
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
