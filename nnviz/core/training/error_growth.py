"""Is the run learning at all? A warning for a learning rate that makes the error grow.

η = 1000 on the spiral trains without a NaN: the loss jumps about in the
hundreds and the accuracy stays at chance, and the run ends as if nothing were
wrong. :func:`growing_error` looks at the history so far and says so while it
happens, without stopping the run (a lecturer may want to show it). Two signs,
each held for :data:`STRETCH` epochs in a row:

* the training error stays above its starting value (the first epoch's), or
* the accuracy stays at chance (within :data:`CHANCE_MARGIN` of 1/classes)
  and no epoch of the stretch beats the best error seen before it, which keeps
  a slow start on a plateau (XOR) from being taken for a failure.

With sigmoid or softmax outputs, or Adam, a far too large η can also drive the
weights to 1e20 while the error stays bounded (the outputs saturate) and the
accuracy sits at chance: :func:`huge_weights` says so once a weight passes
:data:`HUGE_WEIGHT` with the accuracy at chance.

Pure functions of the history (and the weights): the trainer, ``nnviz train`` and the window
all ask it; the sentence is a :class:`~nnviz.core.errors.UserError` template so
each says it in its own language.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.training.records import EpochMetrics

#: epochs in a row a sign must hold before it is reported
STRETCH = 20
#: how far above 1/classes an accuracy still counts as chance
CHANCE_MARGIN = 0.05
#: a weight larger than this in size has run away (a trained net's are a few units, rarely hundreds)
HUGE_WEIGHT = 1e6


class GrowingError(UserError):
    """The warning (not raised: returned, and shown beside a run that goes on)."""


def growing_error(
    history: Sequence[EpochMetrics], n_classes: int = 0, stretch: int = STRETCH
) -> GrowingError | None:
    """The warning when the last ``stretch`` epochs of ``history`` show a run that
    does not learn (see the module docstring), else None. ``n_classes`` is the
    number of classes (0 or 1 for a regression: only the error is judged)."""
    if stretch < 1 or len(history) <= stretch:
        return None  # the first epoch is the reference: a stretch must come after it
    finite = [m.train_loss for m in history[:-stretch] if math.isfinite(m.train_loss)]
    return _judge(history[0].train_loss, min(finite, default=math.inf), history[-stretch:], n_classes)


def _judge(
    start: float, best_before: float, recent: Sequence[EpochMetrics], n_classes: int
) -> GrowingError | None:
    """:func:`growing_error` from its parts: the first epoch's error ``start``, the
    lowest finite error of the epochs before the stretch (inf: none) and the stretch."""
    stretch = len(recent)
    losses = [m.train_loss for m in recent]
    if math.isfinite(start) and all(loss > start for loss in losses):
        return GrowingError(
            "The error is growing: it has stayed above its starting value ({0:.3g}) for {1} epochs; "
            "the learning rate η = {2:g} may be too large.",
            start, stretch, recent[-1].lr,
        )
    if n_classes >= 2:
        chance = 1.0 / n_classes
        stuck = all(_at_chance(m, n_classes) for m in recent)
        no_better = math.isfinite(best_before) and min(losses) >= best_before
        if stuck and no_better:
            return GrowingError(
                "The network is not learning: its accuracy has stayed at chance ({0:.0f}%) for {1} epochs "
                "while the error does not fall; the learning rate η = {2:g} may be too large.",
                100 * chance, stretch, recent[-1].lr,
            )
    return None


def _at_chance(m: EpochMetrics, n_classes: int) -> bool:
    """The epoch's accuracy (training, else validation) is no better than guessing."""
    acc = m.train_acc if math.isfinite(m.train_acc) else m.val_acc
    return math.isfinite(acc) and acc <= 1.0 / n_classes + CHANCE_MARGIN


def huge_weights(
    weights: Sequence[np.ndarray], last: EpochMetrics, n_classes: int, limit: float = HUGE_WEIGHT
) -> GrowingError | None:
    """The warning when a weight has grown beyond ``limit`` in size while the
    accuracy of the epoch ``last`` is at chance, else None (also for a
    regression, which has no accuracy to judge)."""
    if n_classes < 2 or not weights or not _at_chance(last, n_classes):
        return None
    largest = max((float(np.max(np.abs(w))) for w in weights if np.size(w)), default=0.0)
    if not largest > limit:  # NaN too: a diverged run is said by its own error
        return None
    return GrowingError(
        "The weights have grown huge (the largest |ω| is {0:.3g}) while the accuracy stays at chance "
        "({1:.0f}%): the network has stopped learning; the learning rate η = {2:g} may be too large.",
        largest, 100.0 / n_classes, last.lr,
    )


class GrowthWatch:
    """Follows one run epoch by epoch (the epochs of each snapshot) and gives
    :func:`growing_error`'s warning, and :func:`huge_weights`'s, the first time
    each appears: each once per run.

    Keeps what the judgement needs and no more (the first epoch's error, the
    lowest error before the stretch, the last :data:`STRETCH` epochs), so a run
    of a million epochs costs it no memory."""

    def __init__(self, n_classes: int = 0, stretch: int = STRETCH) -> None:
        self.n_classes = n_classes
        self.stretch = stretch
        #: epochs seen
        self.count = 0
        self._start = math.nan
        self._best_before = math.inf
        self._recent: deque[EpochMetrics] = deque(maxlen=stretch)
        self._grew = False
        self._huge = False
        #: the last warning given, None while the run looks fine
        self.warning: GrowingError | None = None

    def add(self, epochs: Sequence[EpochMetrics], weights: Sequence[np.ndarray] | None = None) -> GrowingError | None:
        """Note ``epochs`` and the weights at the end of the last one; the warning if
        one appeared just now, else None."""
        for m in epochs:
            if self.count == 0:
                self._start = m.train_loss
            if len(self._recent) == self._recent.maxlen:
                gone = self._recent[0].train_loss
                if math.isfinite(gone):
                    self._best_before = min(self._best_before, gone)
            self._recent.append(m)
            self.count += 1
        if not epochs:
            return None
        found = None
        if not self._grew and self.count > self.stretch:
            found = _judge(self._start, self._best_before, list(self._recent), self.n_classes)
            self._grew = found is not None
        if found is None and not self._huge and weights is not None:
            found = huge_weights(weights, epochs[-1], self.n_classes, HUGE_WEIGHT)
            self._huge = found is not None
        if found is not None:
            self.warning = found
        return found
