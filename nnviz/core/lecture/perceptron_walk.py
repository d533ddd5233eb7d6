"""Walking through the perceptron rule sample by sample, epoch by epoch.

:class:`PerceptronWalk` is :class:`~nnviz.core.lecture.stepping.BackpropWalk` with the
perceptron rule as its update (:func:`nnviz.core.lecture.perceptron.perceptron_update`)
and epochs on top: after each finished epoch it knows whether the neuron has
converged (an epoch without mistakes) or, after ``max_epochs``, that it never
settles because the classes are not linearly separable. It also notices when
the weights come back to where they were at the end of an earlier epoch: from
then on the rule repeats itself for ever.

Granularities: "scalar" moves one formula; "layer" one whole sample; "update"
on to the end of the next sample that changes the weights (a correction).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from nnviz.core.lecture.backprop import UpdateTrace
from nnviz.core.lecture.perceptron import check_perceptron_network, perceptron_update
from nnviz.core.lecture.stepping import BackpropWalk, lesson_targets
from nnviz.core.model.network import Network


@dataclass(frozen=True)
class EpochReport:
    """Where the walk stands in epochs."""

    #: epochs walked to their end
    epochs: int
    #: misclassified samples (each caused a correction) in each finished epoch
    mistakes: list[int]
    #: mistakes so far in the epoch in progress
    mistakes_now: int
    #: an epoch without mistakes has been seen
    converged: bool
    #: max_epochs finished without converging
    gave_up: bool
    #: an epoch ended with the weights of an earlier epoch's end (1-based), or None
    cycle_from: int | None


class PerceptronWalk(BackpropWalk):
    """The perceptron rule, one formula (or sample, or correction) at a time."""

    def __init__(self, *args: Any, max_epochs: int = 20, **kwargs: Any) -> None:
        self.max_epochs = int(max_epochs)
        super().__init__(*args, **kwargs)

    def _check_network(self, network: Network) -> None:
        check_perceptron_network(network)

    def _engine_granularity(self) -> str:
        return "scalar"

    def _whole(self) -> bool:
        return self._granularity in ("layer", "update")

    def _make_trace(self, network: Network, sample: int) -> UpdateTrace:
        return perceptron_update(
            network, self._xs[sample], self._ds[sample], self._eta, self._freeze, self._lang
        )

    # ------------------------------------------------------------- moving
    def forward(self) -> bool:
        """As the base walk; with "update", on to the end of the next correction
        (or of a whole epoch without one: then the neuron has converged)."""
        if self._granularity != "update":
            return super().forward()
        for _ in range(self.n_samples):
            super().forward()
            if self.caused_update() or self.report().converged:
                break
        return True

    def run_epochs(self, limit: int | None = None) -> EpochReport:
        """Walk whole samples until the neuron converges or ``limit`` epochs
        (default ``max_epochs``) have been finished."""
        limit = self.max_epochs if limit is None else limit
        self.finish()
        while True:
            rep = self.report()
            if rep.converged or rep.epochs >= limit:
                return rep
            self._begin_next(self._next_sample())
            self.finish()

    # ------------------------------------------------------------ reading
    def traces(self) -> list[UpdateTrace]:
        """The finished samples' traces, oldest first (the current one if at its end)."""
        done = [t for t, _ in self._history]
        if self.at_end():
            done.append(self._trace)
        return done

    def caused_update(self) -> bool:
        """Whether the sample on show is misclassified (its rule changes the weights)."""
        return bool(np.any(self._trace.deltas[1] != 0))

    def line(self) -> tuple[float, float, float]:
        """The decision line 0 = w1 x1 + w2 x2 + b of the first output neuron, now."""
        net = self.network()
        w, b = net.weights[0][:, 0], net.biases[0][0]
        return float(w[0]), float(w[1]) if len(w) > 1 else 0.0, float(b)

    def epoch(self) -> int:
        """1-based epoch of the sample in progress."""
        return (self.update_number - 1) // self.n_samples + 1

    def report(self) -> EpochReport:
        n = self.n_samples
        wrong = [bool(np.any(t.deltas[1] != 0)) for t in self.traces()]
        offset = self._done_before
        full = (offset + len(wrong)) // n
        mistakes = []
        ends: list[tuple[np.ndarray, np.ndarray]] = []
        for e in range(full):
            lo, hi = e * n - offset, (e + 1) * n - offset
            if lo < 0:
                continue
            mistakes.append(sum(wrong[lo:hi]))
            net = self.traces()[hi - 1].network_after
            ends.append((net.weights[0], net.biases[0]))
        now = sum(wrong[full * n - offset :]) if full * n - offset < len(wrong) else 0
        converged = 0 in mistakes
        cycle = None
        if ends:
            w_last, b_last = ends[-1]
            for e, (w, b) in enumerate(ends[:-1]):
                if np.array_equal(w, w_last) and np.array_equal(b, b_last) and mistakes[-1] > 0:
                    cycle = e + 1
                    break
        gave_up = not converged and full >= self.max_epochs
        return EpochReport(full, mistakes, now, converged, gave_up, cycle)


def perceptron_walk_for_lesson(lesson: Any, lang: str = "es") -> PerceptronWalk:
    """A perceptron walk on a lesson's network, data and ``stepper`` settings."""
    ds = lesson.dataset()
    st: dict[str, Any] = lesson.stepper
    targets = lesson_targets(lesson.network, ds.y, st.get("targets"))
    return PerceptronWalk(
        lesson.network,
        ds.x,
        targets,
        float(st.get("eta", 0.1)),
        bool(st.get("freeze_biases", False)),
        str(st.get("granularity", "scalar")),
        int(st.get("sample", 0)),
        lang,
        max_epochs=int(st.get("max_epochs", 20)),
    )
