"""What a training run reports: the figures of an epoch, the snapshots a live
view draws, and how a run ended (with :class:`Diverged`, the error that ends it
when the loss blows up).

Plain data, written by :class:`nnviz.core.training.trainer.Trainer`; the
meaning of each figure is stated in :mod:`nnviz.core.training.engine`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnviz.core.errors import UserError


@dataclass
class EpochMetrics:
    """The figures of one finished epoch (defined in :mod:`nnviz.core.training.engine`)."""

    epoch: int
    #: optimizer updates since the trainer was built
    updates: int
    train_loss: float
    val_loss: float  # NaN without a validation set
    train_acc: float
    val_acc: float  # NaN without a validation set
    #: the penalty Ψ = l2·½Σω² + l1·Σ|ω| at the end of the epoch
    penalty: float
    lr: float
    batch_size: int
    #: seconds of training since the trainer was built (pauses excluded)
    elapsed: float


@dataclass
class DropoutMask:
    """Which hidden neurons dropout switched off in one training batch, as the
    slide's figure shows them (the full network vs the thinned one).

    Dropout is inverted and drawn per sample: every sample b of the batch has
    its own mask m_b (h · m_b / (1 − p)). The figure shows one network, so this
    is the mask of the batch's *first* sample; ``dropped[l]`` is True where
    m = 0 in hidden layer l + 1 (one bool array per hidden layer).
    """

    #: per hidden layer (the first hidden layer first): True = dropped (m = 0)
    dropped: list[np.ndarray]
    #: the dropout probability p of each hidden layer
    p: list[float]
    #: the update the batch made (counted from 1 since the trainer was built)
    update: int

    @property
    def count(self) -> int:
        """Neurons dropped in this batch's first sample: the zeros of its mask."""
        return int(sum(int(np.count_nonzero(d)) for d in self.dropped))


@dataclass
class Snapshot:
    """What a live view needs, as CPU copies that nobody else writes to.

    ``history`` holds every epoch finished since the previous snapshot (so a
    plot gets all epochs even when snapshots are throttled); ``metrics`` is the
    latest of them (None before the first epoch ends).
    """

    epoch: int
    updates: int
    metrics: EpochMetrics | None
    history: list[EpochMetrics]
    #: numpy float64 copies in the Network's layout: weights[l][j, k], biases[l][k]
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    #: outputs of every layer (input first) for the probe sample
    probe: list[np.ndarray]
    #: row of the probe sample in ``dataset.x``
    probe_index: int
    best_epoch: int  # 0 before the first epoch
    best_loss: float
    stopped_early: bool
    engine: str
    engine_reason: str
    device: str
    #: True on the last snapshot of a run; ``status`` then says why it ended
    final: bool = False
    status: str = "running"
    #: counts m[i, j] of samples of class i predicted as class j, over the
    #: validation part (the training part without one) at the end of the last
    #: epoch; None before it, for regression data, or from an engine that does
    #: not keep its predictions (the views then compute it themselves)
    confusion: np.ndarray | None = None
    #: "val" or "train": the part ``confusion`` counts
    confusion_part: str = "val"
    #: samples in the training and validation parts of the data trained on now
    #: (they change when new data arrives: Trainer.set_dataset)
    n_train: int = 0
    n_val: int = 0
    #: after early stopping put the best epoch's weights back (``weights``,
    #: ``biases``): the last epoch's, in the same layout, so that a view can show
    #: the memorised boundary too; None otherwise
    last_weights: list[np.ndarray] | None = None
    last_biases: list[np.ndarray] | None = None
    #: the dropout mask of the latest training batch, only while someone asked
    #: for it (:meth:`nnviz.core.training.trainer.Trainer.set_dropout_reporting`)
    #: and dropout is on; None otherwise
    dropout: DropoutMask | None = None

    @property
    def train_loss(self) -> float:
        return self.metrics.train_loss if self.metrics else math.nan

    @property
    def val_loss(self) -> float:
        return self.metrics.val_loss if self.metrics else math.nan

    @property
    def train_acc(self) -> float:
        return self.metrics.train_acc if self.metrics else math.nan

    @property
    def val_acc(self) -> float:
        return self.metrics.val_acc if self.metrics else math.nan


#: why a run ended
STATUSES = ("completed", "early_stopping", "stopped", "diverged")


@dataclass
class TrainingResult:
    """How :meth:`nnviz.core.training.trainer.Trainer.run` ended: ``status`` is one of :data:`STATUSES`."""

    status: str
    message: str
    snapshot: Snapshot
    seconds: float
    #: the divergence, so that a window can say ``message`` in its own language
    error: UserError | None = None
    #: the optimizer's memory at the end (an
    #: :class:`~nnviz.core.training.optimizer_state.OptimizerState`), for a run
    #: that goes on from these weights; None after a divergence
    optimizer_state: object | None = None

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"


class Diverged(UserError):
    """The loss became NaN or infinite; the last finite weights were kept."""

    exit_code = 3
