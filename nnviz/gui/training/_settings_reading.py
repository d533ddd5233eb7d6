"""What the training form says, read back and checked (a mixin of ``SettingsForm``).

The fields become a data set spec and a :class:`~nnviz.core.data.dataset.Dataset`,
a :class:`~nnviz.core.model.network.Network` and a
:class:`~nnviz.core.training.config.TrainingConfig`. What cannot be trained
(a layer of no neurons, an unknown activation, a dropout list of the wrong
length) is refused with a :class:`~nnviz.core.errors.UserError` whose sentence
the panel shows.
"""

from __future__ import annotations

from typing import Any

from nnviz.core.data import datasets
from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.gui.training.number_field import parse_numbers, parse_probabilities

HIDDEN_ACTIVATIONS = ("relu", "tanh", "sigmoid", "identity")
#: neurons a hidden layer may have: the decision-region maps run every layer of
#: the network on a 200×200 grid in the window, and a wider layer takes seconds and GBs
MAX_HIDDEN_NEURONS = 4096


class SettingsReading:
    """Reads SettingsForm's fields into a data set, a network and a training config."""

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
