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

A pure function of the history: the trainer, ``nnviz train`` and the window
all ask it; the sentence is a :class:`~nnviz.core.errors.UserError` template so
each says it in its own language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from nnviz.core.errors import UserError
from nnviz.core.training.records import EpochMetrics

#: epochs in a row a sign must hold before it is reported
STRETCH = 20
#: how far above 1/classes an accuracy still counts as chance
CHANCE_MARGIN = 0.05


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
    recent = history[-stretch:]
    start = history[0].train_loss
    losses = [m.train_loss for m in recent]
    if math.isfinite(start) and all(loss > start for loss in losses):
        return GrowingError(
            "The error is growing: it has stayed above its starting value ({0:.3g}) for {1} epochs; "
            "the learning rate η = {2:g} may be too large.",
            start, stretch, recent[-1].lr,
        )
    if n_classes >= 2:
        chance = 1.0 / n_classes
        accs = [m.train_acc if math.isfinite(m.train_acc) else m.val_acc for m in recent]
        earlier = [m.train_loss for m in history[:-stretch] if math.isfinite(m.train_loss)]
        stuck = all(math.isfinite(a) and a <= chance + CHANCE_MARGIN for a in accs)
        no_better = bool(earlier) and min(losses) >= min(earlier)
        if stuck and no_better:
            return GrowingError(
                "The network is not learning: its accuracy has stayed at chance ({0:.0f}%) for {1} epochs "
                "while the error does not fall; the learning rate η = {2:g} may be too large.",
                100 * chance, stretch, recent[-1].lr,
            )
    return None


class GrowthWatch:
    """Follows one run epoch by epoch (the epochs of each snapshot) and gives
    :func:`growing_error`'s warning the first time it appears, once per run."""

    def __init__(self, n_classes: int = 0) -> None:
        self.n_classes = n_classes
        self.history: list[EpochMetrics] = []
        #: the warning given, None while the run looks fine
        self.warning: GrowingError | None = None

    def add(self, epochs: Sequence[EpochMetrics]) -> GrowingError | None:
        """Note ``epochs``; the warning if it appeared just now, else None."""
        self.history.extend(epochs)
        if self.warning is not None or not epochs:
            return None
        self.warning = growing_error(self.history, self.n_classes)
        return self.warning
