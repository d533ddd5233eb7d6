"""What the trainer shows of itself (a mixin of
:class:`nnviz.core.training.trainer.Trainer`): the current weights, the
trained network, and the :class:`~nnviz.core.training.records.Snapshot` a
live view draws, with the probe sample's activations, the confusion
matrix of the last evaluation, after early stopping restored the best
weights, the last epoch's weights, and, when asked for, the dropout mask of the
latest batch.
"""

from __future__ import annotations

import time

import numpy as np

from nnviz.core.data.dataset import Dataset
from nnviz.core.model import regions
from nnviz.core.model.activations import get
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import Engine, EngineData
from nnviz.core.training.records import DropoutMask, EpochMetrics, Snapshot


class SnapshotMaking:
    """Reports of the Trainer's state, as copies that nobody else writes to."""

    # set by the Trainer
    config: TrainingConfig
    dataset: Dataset
    data: EngineData
    engine: Engine
    engine_name: str
    engine_reason: str
    device: str
    epoch: int
    updates: int
    history: list[EpochMetrics]
    best_epoch: int
    best_loss: float
    stopped_early: bool
    last_params: tuple[list[np.ndarray], list[np.ndarray]] | None
    probe_index: int
    _report_dropout: bool
    #: the network's structure, without the trained weights
    _template: Network

    def parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of the current weights and biases."""
        w, b = self.engine.get_parameters()
        return w, b

    def network(self) -> Network:
        """The network with the current weights (a new object)."""
        net = self._template.copy()
        net.weights, net.biases = self.parameters()
        return net

    def snapshot(
        self, history: list[EpochMetrics] | None = None, *, final: bool = False, status: str = "running"
    ) -> Snapshot:
        """The state now; ``history`` holds the epochs it reports (see :class:`Snapshot`)."""
        t0 = time.perf_counter()
        weights, biases = self.engine.get_parameters()
        # the probe's way through the network, on the engine's copies (a Network
        # would copy a 2-4096-4096-1 network's 134 MB twice more)
        h = np.asarray(self.dataset.x[self.probe_index : self.probe_index + 1], dtype=np.float64)
        probe = [h[0].copy()]
        for w, b, act in zip(weights, biases, self._template.activations, strict=True):
            h = get(act).f(h @ w + b)
            probe.append(h[0].copy())
        #: seconds the last snapshot took: the run makes them rarer when they are dear
        self.snapshot_cost = time.perf_counter() - t0
        return Snapshot(
            epoch=self.epoch,
            updates=self.updates,
            metrics=self.history[-1] if self.history else None,
            history=list(history or []),
            weights=weights,
            biases=biases,
            probe=probe,
            probe_index=self.probe_index,
            best_epoch=self.best_epoch,
            best_loss=self.best_loss,
            stopped_early=self.stopped_early,
            engine=self.engine_name,
            engine_reason=self.engine_reason,
            device=self.device,
            final=final,
            status=status,
            confusion=self._confusion_matrix(),
            confusion_part="val" if len(self.data.x_val) else "train",
            n_train=len(self.data.x_train),
            n_val=len(self.data.x_val),
            last_weights=[w.copy() for w in self.last_params[0]] if self.last_params else None,
            last_biases=[b.copy() for b in self.last_params[1]] if self.last_params else None,
            dropout=self.dropout_mask() if self._report_dropout else None,
        )

    def dropout_mask(self) -> DropoutMask | None:
        """The dropout mask of the latest training batch's first sample, while
        masks are reported (``set_dropout_reporting``) and dropout is on; None otherwise."""
        masks_of = getattr(self.engine, "dropout_masks", None)
        if masks_of is None or not getattr(self.engine, "record_dropout", False):
            return None
        masks = masks_of(1)
        if masks is None:
            return None
        p = self.config.dropout_for(len(self._template.layers) - 2)
        return DropoutMask(dropped=[~m[0] for m in masks], p=p, update=self.updates)

    def _confusion_matrix(self) -> np.ndarray | None:
        """The confusion matrix of the last epoch's evaluation, from the engine's
        predictions (counted for a snapshot only: epochs can be far more frequent)."""
        part = "val" if len(self.data.x_val) else "train"
        if not self.history or self.dataset.n_classes < 2:
            return None
        if part == "train" and not self.config.eval_train:
            return None
        pred = self.engine.predictions(part)
        if pred is None:
            return None
        labels = self.data.y_val if part == "val" else self.data.y_train
        n = max(self.dataset.n_classes, int(pred.max()) + 1 if pred.size else 0)
        return regions.confusion_matrix(labels, pred, n)
