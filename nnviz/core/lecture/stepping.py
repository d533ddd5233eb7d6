"""Walking through backprop updates one formula at a time, forward and back.

:class:`BackpropWalk` is the lecture stepper without a window: it holds the
update in progress (an :class:`~nnviz.core.lecture.backprop.UpdateTrace`), the
position in it, and the finished updates before it, so that stepping back
restores the exact earlier state (weights bit for bit) from the engine's own
``state_after``, never by undoing arithmetic. The GUI stepper and the tests
drive it; ``nnviz shot --steps N`` can too.

Positions: ``pos == -1`` is the start of an update (the sample is presented,
nothing computed yet); ``pos == len(trace) - 1`` is the end (weights updated).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from nnviz.core.data import dataset
from nnviz.core.errors import UserError
from nnviz.core.lecture.backprop import UpdateTrace, backprop_update, check_backprop_network
from nnviz.core.lecture.dropout import DropoutMasks, check_p, dropout_masks
from nnviz.core.lecture.losses import mean_error
from nnviz.core.lecture.slide_forms import SLIDE_FORMS, slide_formula, slide_line  # noqa: F401 - re-exported
from nnviz.core.lecture.steps import Step, StepState
from nnviz.core.model.network import Network

#: how an action moves: one scalar formula, one layer formula, or a whole update
GRANULARITIES: tuple[str, ...] = ("scalar", "layer", "update")


def lesson_targets(network: Network, labels: np.ndarray, targets: Any = None) -> np.ndarray:
    """The desired outputs d for each sample: the lesson's own ``targets`` when
    given, else the labels encoded for the output activation."""
    n_out = network.layers[-1]
    if targets is not None:
        d = np.array(targets, dtype=np.float64)
        if d.ndim == 1:
            d = d[:, None]
        if d.shape != (len(labels), n_out) or not np.all(np.isfinite(d)):
            raise UserError(
                "Field 'stepper.targets' must hold {0} lists of {1} finite numbers.", len(labels), n_out
            )
        return d
    return dataset.targets_for(labels, n_out, network.activations[-1])


@dataclass(frozen=True)
class FinishedUpdate:
    """One update walked to its end: the error plot's point."""

    number: int
    sample: int
    #: E on the sample before the update (the slides' step 3)
    error: float
    #: mean E over every sample, after the update
    mean_error_after: float


@dataclass(frozen=True)
class UpdateStart:
    """Where an update begins: enough to begin it again exactly (the undo of a
    hand edit goes back to one of these)."""

    #: the weights and biases the update starts from
    network: Network
    sample: int
    #: 1-based number of the update
    number: int
    #: the updates finished before it (the error plot's points)
    finished: tuple[FinishedUpdate, ...]


class BackpropWalk:
    """The stepper's state: updates on the samples in turn, one step at a time."""

    def __init__(
        self,
        network: Network,
        xs: np.ndarray,
        ds: np.ndarray,
        eta: float,
        freeze_biases: bool = False,
        granularity: str = "scalar",
        sample: int = 0,
        lang: str = "es",
        max_history: int = 1000,
        dropout: float | None = None,
        dropout_seed: int = 0,
    ) -> None:
        self._check_network(network)
        #: dropout p of the hidden neurons, None: off (see :meth:`set_dropout`)
        self._dropout = None if dropout is None else check_p(dropout)
        self._dropout_seed = int(dropout_seed)
        self._xs = np.asarray(xs, dtype=np.float64)
        self._ds = np.asarray(ds, dtype=np.float64)
        if self._xs.ndim != 2 or len(self._xs) == 0 or len(self._ds) != len(self._xs):
            raise UserError("The stepper needs at least one sample with its target.")
        self._initial = network.copy()
        self._eta = float(eta)
        self._freeze = bool(freeze_biases)
        self._lang = lang
        self._max_history = max_history
        if granularity not in GRANULARITIES:
            raise UserError("The granularity must be one of {0}.", ", ".join(GRANULARITIES))
        self._granularity = granularity
        self._first_sample = int(sample) % len(self._xs)
        self._mean_cache: dict[int, tuple[UpdateTrace, float]] = {}
        self.reset()

    # ------------------------------------------------------------ reading
    @property
    def trace(self) -> UpdateTrace:
        return self._trace

    @property
    def pos(self) -> int:
        return self._pos

    @property
    def sample(self) -> int:
        return self._sample

    @property
    def granularity(self) -> str:
        return self._granularity

    @property
    def eta(self) -> float:
        return self._eta

    @property
    def freeze_biases(self) -> bool:
        return self._freeze

    @property
    def dropout(self) -> float | None:
        """Dropout p of the hidden neurons, None when dropout is off."""
        return self._dropout

    @property
    def dropout_seed(self) -> int:
        return self._dropout_seed

    def dropout_masks(self) -> DropoutMasks | None:
        """The masks of the update in progress, None without dropout."""
        return self._trace.dropout

    @property
    def update_number(self) -> int:
        """1-based number of the update in progress."""
        return self._done_before + len(self._history) + 1

    @property
    def x(self) -> np.ndarray:
        return self._xs[self._sample]

    @property
    def d(self) -> np.ndarray:
        return self._ds[self._sample]

    @property
    def n_samples(self) -> int:
        return len(self._xs)

    def step(self) -> Step | None:
        """The step just applied, ``None`` at the start of an update."""
        return self._trace.steps[self._pos] if self._pos >= 0 else None

    def at_end(self) -> bool:
        return self._pos == len(self._trace) - 1

    def can_go_back(self) -> bool:
        return self._pos > -1 or bool(self._history)

    def state(self) -> StepState:
        """Everything known now (the engine's state after the current step)."""
        if self._state is None:
            self._state = self._trace.state_after(self._pos)
        return self._state

    def network(self) -> Network:
        """The weights and biases as updated so far."""
        return self.state().network

    def slide_step(self) -> int | None:
        step = self.step()
        return step.slide_step if step is not None else None

    def finished(self) -> list[FinishedUpdate]:
        """One entry per update walked to its end, oldest first."""
        out = list(self._bulk)
        for i, (trace, sample) in enumerate(self._history):
            out.append(self._finished(self._done_before + i + 1, trace, sample))
        if self.at_end():
            out.append(self._finished(self.update_number, self._trace, self._sample))
        return out

    def mean_error(self, network: Network) -> float:
        return mean_error(network, self._xs, self._ds)

    # ------------------------------------------------------------- moving
    def _whole(self) -> bool:
        """Whether one move covers a whole update."""
        return self._granularity == "update"

    def forward(self) -> bool:
        """One step on (by the granularity); past the end, the next update begins."""
        if self.at_end():
            self._begin_next(self._next_sample())
            if self._whole():
                self._go(len(self._trace) - 1)
            return True
        if self._whole():
            self._go(len(self._trace) - 1)
        else:
            self._go(self._pos + 1)
        return True

    def back(self) -> bool:
        """One step back; before the start of an update, into the previous one."""
        if self._pos == -1 or (self._whole() and self.at_end() and self._history):
            if not self._history:
                return False
            trace, sample = self._history.pop()
            self._trace, self._sample = trace, sample
            self._pos = len(trace) - 1
            self._state = None
            return True
        if self._whole():
            self._go(-1)
        else:
            self._go(self._pos - 1)
        return True

    def jump(self, pos: int) -> None:
        """To the state after step ``pos`` of this update (-1: its start)."""
        if not -1 <= pos < len(self._trace):
            raise IndexError(f"step {pos} is outside -1..{len(self._trace) - 1}")
        self._go(pos)

    def jump_to_slide_step(self, slide_step: int) -> bool:
        """To the first formula of one of the slides' seven steps in this update."""
        for step in self._trace.steps:
            if step.slide_step == slide_step:
                self._go(step.index)
                return True
        return False

    def finish(self) -> None:
        """To the end of this update (weights updated)."""
        self._go(len(self._trace) - 1)

    def next_sample(self) -> None:
        """Finish this update and begin one on the next sample."""
        self.finish()
        self._begin_next(self._next_sample())

    def reset(self) -> None:
        """Back to the lesson's network, its first sample, no updates done."""
        self._history: list[tuple[UpdateTrace, int]] = []
        self._bulk: list[FinishedUpdate] = []
        self._mean_cache.clear()
        self._done_before = 0
        self._sample = self._first_sample
        self._trace = self._make_trace(self._initial, self._sample)
        self._pos = -1
        self._state: StepState | None = None

    def update_start(self) -> UpdateStart:
        """The beginning of the update in progress (weights, sample, number)."""
        done = self.finished()
        if self.at_end():
            done = done[:-1]
        return UpdateStart(self._trace.network_before.copy(), self._sample, self.update_number, tuple(done))

    def begin_at(self, start: UpdateStart) -> None:
        """Begin the update ``start`` describes, at its start (pos -1). The
        finished updates are counted (error plot) but cannot be stepped into."""
        self._check_network(start.network)
        self._bulk = list(start.finished)
        self._history = []
        self._mean_cache.clear()
        self._done_before = start.number - 1
        self._sample = int(start.sample) % len(self._xs)
        self._trace = self._make_trace(start.network.copy(), self._sample)
        self._pos = -1
        self._state = None

    def apply_edit(self, shown: Network, keep_count: bool = True) -> tuple[UpdateStart, UpdateStart]:
        """The weights on show (:meth:`network`) were edited by hand into ``shown``.

        Every weight and bias of ``shown`` that differs from the walk's is set
        in the weights the update in progress started from, and the update
        begins again from them: halfway through an update, the weights on show
        are partly updated, and going on from them would mix two updates. At
        the end of an update the edit applies to the updated weights, where the
        next update (on the next sample) begins. ``keep_count=False`` counts
        updates from 1 again. Returns the update's start before and after the
        edit (for undo and redo).
        """
        if shown.layers != self._initial.layers:
            raise UserError("The stepper needs the lesson's layer sizes.")
        now = self.network()
        if self.at_end():
            self._begin_next(self._next_sample())
        before = self.update_start()
        if not keep_count:
            before = UpdateStart(before.network, before.sample, 1, ())
        base = before.network.copy()
        for mine, theirs, was in zip(
            base.weights + base.biases, shown.weights + shown.biases, now.weights + now.biases, strict=True
        ):
            changed = np.asarray(theirs) != was
            mine[changed] = np.asarray(theirs, dtype=np.float64)[changed]
        after = UpdateStart(base, before.sample, before.number, before.finished)
        self.begin_at(after)
        return before, after

    def layers(self) -> list[int]:
        return list(self._initial.layers)

    def set_granularity(self, granularity: str) -> None:
        """Change the granularity; the walk stays at the same formula."""
        if granularity not in GRANULARITIES:
            raise UserError("The granularity must be one of {0}.", ", ".join(GRANULARITIES))
        if granularity == self._granularity:
            return
        old_trace, old_pos = self._trace, self._pos
        self._granularity = granularity
        engine = self._engine_granularity()
        if engine != old_trace.granularity:
            self._trace = old_trace.with_granularity(engine)
            self._pos = _map_position(old_trace, old_pos, self._trace)
        if self._whole() and 0 <= self._pos < len(self._trace) - 1:
            self._pos = len(self._trace) - 1
        self._state = None

    def set_dropout(self, p: float | None, seed: int | None = None) -> None:
        """Dropout on with probability ``p`` (None: off). The update in progress
        begins again from its start with the new setting; each update draws its
        mask from (seed, update number), so the same seed gives the same masks."""
        p = None if p is None else check_p(p)
        seed = self._dropout_seed if seed is None else int(seed)
        if p == self._dropout and seed == self._dropout_seed:
            return
        self._dropout, self._dropout_seed = p, seed
        self._trace = self._make_trace(self._trace.network_before, self._sample)
        self._pos = -1
        self._state = None

    def set_lang(self, lang: str) -> None:
        """Language of the traces made from now on (the GUI asks each step for
        its texts in a given language, so nothing is recomputed)."""
        self._lang = lang

    def train_epochs(self, epochs: int, finish_current: bool = True) -> None:
        """Run ``epochs`` passes over every sample without steps (plain SGD on
        one sample at a time, as the stepper does); the walk then starts a new
        update. Earlier updates can no longer be stepped back into.

        The update in progress is finished first; with ``finish_current``
        False, an update not yet begun (right after this method) is left out
        instead, so that training in several calls (the stepper's paced
        Train, a few epochs a frame) gives exactly the updates of one call.
        """
        if finish_current or self._pos > -1:
            self.finish()
            net = self._trace.network_after
            number = self.update_number
        else:
            net = self._trace.network_before
            number = self.update_number - 1
        bulk = self.finished()
        for _ in range(int(epochs)):
            for i in range(len(self._xs)):
                trace = backprop_update(
                    net, self._xs[i], self._ds[i], self._eta, self._freeze, "layer", self._lang,
                    self._masks_for(number + 1),
                )
                net = trace.network_after
                number += 1
                bulk.append(FinishedUpdate(number, i, trace.error, self.mean_error(net)))
        self._bulk = bulk
        self._done_before = number
        self._history = []
        self._sample = self._first_sample
        self._trace = self._make_trace(net, self._sample)
        self._pos = -1
        self._state = None

    # ------------------------------------------------------------ helpers
    def _go(self, pos: int) -> None:
        if pos != self._pos:
            self._pos = pos
            self._state = None

    def _next_sample(self) -> int:
        return (self._sample + 1) % len(self._xs)

    def _begin_next(self, sample: int) -> None:
        self._history.append((self._trace, self._sample))
        if len(self._history) > self._max_history:
            old, old_sample = self._history.pop(0)
            self._bulk.append(self._finished(self._done_before + 1, old, old_sample))
            self._mean_cache.pop(id(old), None)
            self._done_before += 1
        self._trace = self._make_trace(self._trace.network_after, sample)
        self._sample = sample
        self._pos = -1
        self._state = None

    def _check_network(self, network: Network) -> None:
        check_backprop_network(network)

    def _engine_granularity(self) -> str:
        return "layer" if self._granularity == "layer" else "scalar"

    def _masks_for(self, number: int) -> DropoutMasks | None:
        if self._dropout is None:
            return None
        return dropout_masks(self._initial.layers, self._dropout, self._dropout_seed, number)

    def _make_trace(self, network: Network, sample: int) -> UpdateTrace:
        engine = self._engine_granularity()
        return backprop_update(
            network, self._xs[sample], self._ds[sample], self._eta, self._freeze, engine, self._lang,
            self._masks_for(self.update_number),
        )

    def _finished(self, number: int, trace: UpdateTrace, sample: int) -> FinishedUpdate:
        # the cache holds the trace itself, so an id is never reused for another
        cached = self._mean_cache.get(id(trace))
        if cached is None or cached[0] is not trace:
            cached = (trace, self.mean_error(trace.network_after))
            self._mean_cache[id(trace)] = cached
        return FinishedUpdate(number, sample, trace.error, cached[1])


def _group(step: Step) -> tuple[str, int]:
    """A scalar step and the layer step holding it share (formula, layer)."""
    return step.formula_id, step.sets[1] if len(step.sets) > 1 else -1


def _map_position(old: UpdateTrace, pos: int, new: UpdateTrace) -> int:
    if pos < 0:
        return -1
    if pos == len(old) - 1:
        return len(new) - 1
    target = _group(old.steps[pos])
    matches = [s.index for s in new.steps if _group(s) == target]
    if not matches:
        return -1
    # into layers: the layer step that holds it; into scalars: the group's last
    return matches[0] if new.granularity == "layer" else matches[-1]


def walk_for_lesson(lesson: Any, granularity: str | None = None, lang: str = "es") -> BackpropWalk:
    """A walk on a lesson's network, data and ``stepper`` settings."""
    ds = lesson.dataset()
    st: dict[str, Any] = lesson.stepper
    targets = lesson_targets(lesson.network, ds.y, st.get("targets"))
    return BackpropWalk(
        lesson.network,
        ds.x,
        targets,
        float(st.get("eta", 0.5)),
        bool(st.get("freeze_biases", False)),
        granularity or str(st.get("granularity", "scalar")),
        int(st.get("sample", 0)),
        lang,
        dropout=st.get("dropout"),
        dropout_seed=int(st.get("dropout_seed", 0)),
    )



def output_probabilities(net: Network, bounds: Any, n: int = 100) -> np.ndarray:
    """Class probabilities of ``net`` on an n×n grid over ``bounds`` (row 0 at
    the bottom): the output's decision regions under the data."""
    from nnviz.core.model import regions

    out = net.forward(regions.grid_points(bounds, n))[-1]
    return regions.class_probabilities(out, net.activations[-1]).reshape(n, n, -1)
