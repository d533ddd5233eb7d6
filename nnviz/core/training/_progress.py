"""How the trainer judges each finished epoch (a mixin of
:class:`nnviz.core.training.trainer.Trainer`): the best epoch so far, early
stopping with its patience and the restoring of the best weights, and
divergence, which puts the last finite weights back and ends the run with
:class:`~nnviz.core.training.records.Diverged`.
"""

from __future__ import annotations

import math

import numpy as np

from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import Engine, EngineData
from nnviz.core.training.records import Diverged, EpochMetrics

Parameters = tuple[list[np.ndarray], list[np.ndarray]]


class TrainingProgress:
    """Best epoch, early stopping and divergence of the Trainer."""

    # set by the Trainer
    config: TrainingConfig
    data: EngineData
    engine: Engine
    epoch: int

    def _init_progress(self, params: Parameters) -> None:
        """Nothing judged yet; ``params`` are the starting weights and biases."""
        self.best_epoch = 0
        self.best_loss = math.inf
        self._best_params: Parameters | None = None
        #: epochs since the monitored loss last improved
        self._wait = 0
        self.stopped_early = False
        self._last_finite = params
        #: the last epoch's weights and biases, kept when early stopping put the
        #: best epoch's back (None otherwise): the memorised boundary, to show
        self.last_params: Parameters | None = None

    def _new_run(self) -> None:
        """A run begins: patience starts afresh (the best epoch and loss stay)."""
        self._wait = 0
        self.stopped_early = False
        self.last_params = None

    def _mark_finite(self, params: Parameters) -> None:
        """``params`` are the weights a later divergence goes back to."""
        self._last_finite = params

    def _judge(self, metrics: EpochMetrics, params: Parameters | None) -> None:
        """Note the epoch that just ended (``self.epoch``): a new best, or one more
        epoch of patience used up. ``params`` are its weights and biases, kept
        as the best ones for early stopping with ``restore_best`` (None only
        where early stopping is off)."""
        c = self.config
        monitored = metrics.val_loss if len(self.data.x_val) else metrics.train_loss
        if monitored < self.best_loss - c.min_delta:
            self.best_loss, self.best_epoch, self._wait = monitored, self.epoch, 0
            if c.early_stopping and c.restore_best:
                weights, biases = params  # type: ignore[misc]
                self._best_params = ([w.copy() for w in weights], [b.copy() for b in biases])
        else:
            self._wait += 1
            if c.early_stopping and self._wait >= c.patience:
                self.stopped_early = True
                if c.restore_best and self._best_params is not None:
                    weights, biases = params  # type: ignore[misc]
                    self.last_params = ([w.copy() for w in weights], [b.copy() for b in biases])
                    self.engine.set_parameters(*self._best_params)

    def _check_finite(
        self, train_loss: float, weights: list[np.ndarray], biases: list[np.ndarray]
    ) -> None:
        """Keep the epoch's weights, or, when the loss or a weight is no longer
        finite, undo the epoch (back to the last finite weights, a fresh
        optimizer) and raise :class:`Diverged`."""
        finite = math.isfinite(train_loss) and all(
            np.all(np.isfinite(a)) for a in (*weights, *biases)
        )
        if not finite:
            self.epoch -= 1
            self.engine.set_parameters(*self._last_finite)
            self.engine.reset_optimizer()
            raise Diverged(
                "Training diverged in epoch {0}: the loss became infinite; try a smaller learning "
                "rate than {1:g}. The last finite weights were kept."
                if math.isinf(train_loss)
                else "Training diverged in epoch {0}: the loss became NaN; try a smaller learning "
                "rate than {1:g}. The last finite weights were kept.",
                self.epoch + 1,
                self.config.lr,
            )
        self._mark_finite((weights, biases))

    def _diverged_in_chunk(self) -> Diverged:
        """The error to raise when an engine call of several epochs diverged after
        epoch ``self.epoch`` (the engine kept that epoch's finite weights);
        the optimizer starts afresh."""
        self.engine.reset_optimizer()
        return Diverged(
            "Training diverged in epoch {0}: the loss became infinite or NaN; "
            "try a smaller learning rate than {1:g}. The last finite weights were kept.",
            self.epoch + 1,
            self.config.lr,
        )
