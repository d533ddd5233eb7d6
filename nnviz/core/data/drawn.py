"""Points drawn with the mouse: a small data set the user edits, with its own undo.

:class:`DrawnPoints` holds points in the data plot's own coordinates (x₁, x₂)
and a class per point (0 … 8). A click adds one point; a drag adds a *stroke*
(:meth:`DrawnPoints.begin_stroke`, :meth:`~DrawnPoints.extend_stroke`,
:meth:`~DrawnPoints.end_stroke`); :meth:`~DrawnPoints.remove_nearest` takes
away the point nearest a place; :meth:`~DrawnPoints.clear` empties the set.
Each of these is one undo step (:meth:`~DrawnPoints.undo`): a whole stroke
goes back at once.

Stroke spacing: along the pointer's path a new point is placed every
``spacing`` data units (default :data:`STROKE_SPACING`, 0.05: 1/40 of the
[-1, 1] square the generated sets fill; the data view passes 1/40 of the width
on show, so a stroke across the plot gives about 40 points at any zoom), and a
point is left out when another point of the same stroke lies closer than half
of that. A fast drag gets evenly spaced points, not gaps; scribbling over one
spot does not pile up hundreds of points there.

The points become a :class:`~nnviz.core.data.dataset.Dataset`
(:meth:`~DrawnPoints.to_dataset`). The validation share is held out only when
every class drawn has at least :data:`MIN_PER_CLASS_FOR_VALIDATION` points
(four XOR points cannot spare one); then each class gives the same share,
chosen by a random key that each point gets when it is drawn, so drawing more
points seldom moves an older one between the parts. The set is also a lesson's
``{"kind": "points", "x": [...], "y": [...]}`` (:meth:`~DrawnPoints.spec`) and
a CSV table ``x1,x2,label`` (:meth:`~DrawnPoints.csv_text`,
:meth:`~DrawnPoints.save_csv`, written atomically). The data set's ``source``
is that spec as a :class:`~nnviz.core.data.source.DataSource` (with the
validation share when one is held out): rebuilt from it
(:func:`nnviz.core.data.source.build`), the data set has the same points and
holds out the same share, but chosen by :func:`~nnviz.core.data.datasets.make`'s
own shuffle, so which points validate may differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core.data.dataset import Dataset, from_points
from nnviz.core.data.source import DataSource
from nnviz.core.errors import UserError
from nnviz.core.model.network import atomic_write_text

#: classes a drawing may use (keys 1-9)
MAX_CLASSES = 9
#: the default distance between a stroke's points, in data units (see the module docstring)
STROKE_SPACING = 0.05
#: a validation part is held out only when every class drawn has this many points
MIN_PER_CLASS_FOR_VALIDATION = 10
#: undo steps kept (the oldest are forgotten)
UNDO_LIMIT = 200
#: the CSV header
CSV_HEADER = "x1,x2,label"


@dataclass(frozen=True)
class _State:
    """The points at one moment (what an undo step puts back)."""

    x: np.ndarray  # (n, 2)
    y: np.ndarray  # (n,) int64
    keys: np.ndarray  # (n,) float64 in [0, 1): the order in which a class gives validation points


class DrawnPoints:
    """An editable set of 2-D points with classes, and its undo history."""

    def __init__(self, seed: int = 0) -> None:
        self._state = _State(np.zeros((0, 2)), np.zeros(0, dtype=np.int64), np.zeros(0))
        self._rng = np.random.default_rng(seed)
        self._history: list[_State] = []
        #: the stroke being drawn: (class, spacing, last place on the path)
        self._stroke: tuple[int, float, np.ndarray] | None = None
        self._stroke_start = 0

    # ------------------------------------------------------------ reading
    @property
    def x(self) -> np.ndarray:
        """The points, (n, 2) float64 (a copy)."""
        return self._state.x.copy()

    @property
    def y(self) -> np.ndarray:
        """The class of each point, (n,) int64 (a copy)."""
        return self._state.y.copy()

    def __len__(self) -> int:
        return len(self._state.y)

    def class_counts(self) -> dict[int, int]:
        """Points per class drawn, e.g. {0: 2, 1: 2}."""
        labels, counts = np.unique(self._state.y, return_counts=True)
        return {int(c): int(k) for c, k in zip(labels, counts, strict=True)}

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    def same_points(self, x: Any, y: Any) -> bool:
        """True when ``x``, ``y`` are exactly these points and classes, in this order."""
        xa, ya = np.asarray(x, dtype=np.float64), np.asarray(y)
        return (
            xa.shape == self._state.x.shape
            and np.array_equal(xa, self._state.x)
            and np.array_equal(ya, self._state.y)
        )

    # ------------------------------------------------------------ editing
    def load(self, x: Any, y: Any) -> None:
        """Start from these points (a data set on show); forgets the undo history."""
        xa = np.asarray(x, dtype=np.float64).reshape(-1, 2)
        ya = np.asarray(y, dtype=np.int64).reshape(-1)
        if len(xa) != len(ya):
            raise ValueError("one class per point")
        for label in ya:
            _check_label(int(label))
        self._state = _State(xa.copy(), ya.copy(), self._rng.random(len(xa)))
        self._history = []
        self._stroke = None

    def add(self, x1: float, x2: float, label: int) -> None:
        """One point of class ``label`` at (x1, x2): one undo step."""
        self.begin_stroke(x1, x2, label)
        self.end_stroke()

    def begin_stroke(
        self, x1: float, x2: float, label: int, spacing: float = STROKE_SPACING
    ) -> None:
        """Start a stroke of class ``label`` with a point at (x1, x2) (one undo step with
        the points :meth:`extend_stroke` adds until :meth:`end_stroke`)."""
        _check_label(label)
        if not spacing > 0 or not math.isfinite(spacing):
            raise ValueError("the spacing must be a positive number")
        p = _place(x1, x2)
        self.end_stroke()
        self._push()
        self._stroke_start = len(self)
        self._stroke = (int(label), float(spacing), p)
        self._append(p[None, :], label)

    def extend_stroke(self, x1: float, x2: float) -> int:
        """The pointer moved to (x1, x2): new points along the way; how many."""
        if self._stroke is None:
            return 0
        label, spacing, last = self._stroke
        target = _place(x1, x2)
        step = target - last
        length = float(np.hypot(*step))
        # a hair of tolerance: 0.6 / 0.1 is 5.999… in floating point
        n = int(length / spacing + 1e-9)
        if n == 0:
            return 0
        places = last + np.outer(np.arange(1, n + 1) * (spacing / length), step)
        self._stroke = (label, spacing, places[-1])
        kept = []
        stroke = self._state.x[self._stroke_start :]
        for p in places:
            near = np.hypot(*(stroke - p).T) if len(stroke) else np.zeros(0)
            if kept:
                near = np.concatenate([near, np.hypot(*(np.array(kept) - p).T)])
            if near.size == 0 or near.min() >= 0.5 * spacing:
                kept.append(p)
        if kept:
            self._append(np.array(kept), label)
        return len(kept)

    def end_stroke(self) -> None:
        self._stroke = None

    def add_stroke(
        self, path: Iterable[tuple[float, float]], label: int, spacing: float = STROKE_SPACING
    ) -> int:
        """A whole stroke along ``path`` (places the pointer passed); points added."""
        places = [tuple(p) for p in path]
        if not places:
            return 0
        before = len(self)
        self.begin_stroke(places[0][0], places[0][1], label, spacing)
        for x1, x2 in places[1:]:
            self.extend_stroke(x1, x2)
        self.end_stroke()
        return len(self) - before

    def remove_nearest(self, x1: float, x2: float, radius: float) -> int | None:
        """Remove the point nearest (x1, x2) if it lies within ``radius``: one undo
        step. Its index before the removal, or None when no point is that near."""
        if not len(self):
            return None
        d = np.hypot(*(self._state.x - _place(x1, x2)).T)
        i = int(np.argmin(d))
        if d[i] > radius:
            return None
        self.end_stroke()
        self._push()
        s = self._state
        keep = np.arange(len(s.y)) != i
        self._state = _State(s.x[keep], s.y[keep], s.keys[keep])
        return i

    def clear(self) -> bool:
        """Remove every point (one undo step); False when there was none."""
        if not len(self):
            return False
        self.end_stroke()
        self._push()
        self._state = _State(np.zeros((0, 2)), np.zeros(0, dtype=np.int64), np.zeros(0))
        return True

    def undo(self) -> bool:
        """Put back the points as they were before the last step; False when there is none."""
        if not self._history:
            return False
        self._stroke = None
        self._state = self._history.pop()
        return True

    def _push(self) -> None:
        self._history.append(self._state)
        del self._history[:-UNDO_LIMIT]

    def _append(self, places: np.ndarray, label: int) -> None:
        s = self._state
        self._state = _State(
            np.concatenate([s.x, places]),
            np.concatenate([s.y, np.full(len(places), label, dtype=np.int64)]),
            np.concatenate([s.keys, self._rng.random(len(places))]),
        )

    # ------------------------------------------------------------ results
    def uses_validation(self, val_fraction: float) -> bool:
        """Whether :meth:`to_dataset` holds out ``val_fraction``: only when every class
        drawn has at least :data:`MIN_PER_CLASS_FOR_VALIDATION` points."""
        counts = self.class_counts()
        return (
            val_fraction > 0
            and bool(counts)
            and min(counts.values()) >= MIN_PER_CLASS_FOR_VALIDATION
        )

    def to_dataset(self, val_fraction: float = 0.0, name: str = "drawn points") -> Dataset:
        """The points as a data set. Each class holds out round(``val_fraction`` × its
        points) for validation (those with the smallest keys) when
        :meth:`uses_validation` says so; otherwise every point trains."""
        if not 0.0 <= val_fraction < 1.0:
            raise UserError("The validation fraction must be in [0, 1), not {0}.", val_fraction)
        if not len(self):
            raise UserError("There are no points to train on: draw some points first.")
        s = self._state
        ds = from_points(s.x, s.y, name=name)
        if self.uses_validation(val_fraction):
            val: list[np.ndarray] = []
            for label in np.unique(s.y):
                members = np.flatnonzero(s.y == label)
                k = int(round(val_fraction * len(members)))
                val.append(members[np.argsort(s.keys[members], kind="stable")[:k]])
            val_idx = np.sort(np.concatenate(val))
            ds.val_idx = val_idx
            ds.train_idx = np.setdiff1d(np.arange(len(s.y)), val_idx)
        spec = self.spec()
        if ds.val_idx.size:
            # a rebuild holds out the same share, drawn by datasets.make's own split
            spec.update(val_fraction=float(val_fraction), split_seed=0)
        ds.source = DataSource.from_spec(spec)
        return ds

    def spec(self) -> dict[str, Any]:
        """The points as a lesson's data: ``{"kind": "points", "x": [[x1, x2], …], "y": […]}``."""
        s = self._state
        return {
            "kind": "points",
            "x": [[float(a), float(b)] for a, b in s.x],
            "y": [int(c) for c in s.y],
        }

    def csv_text(self) -> str:
        """``x1,x2,label`` and a row per point; numbers written so they read back exactly."""
        rows = [CSV_HEADER]
        rows += [
            f"{float(a)!r},{float(b)!r},{int(c)}"
            for (a, b), c in zip(self._state.x, self._state.y, strict=True)
        ]
        return "\n".join(rows) + "\n"

    def save_csv(self, path: str | Path) -> None:
        """Write :meth:`csv_text` to ``path`` atomically; :class:`UserError` when it cannot."""
        try:
            atomic_write_text(path, self.csv_text())
        except OSError as exc:
            raise UserError(
                "Cannot save the points to '{0}': {1}.", str(path), exc.strerror or str(exc)
            ) from None


def _check_label(label: int) -> None:
    if not 0 <= int(label) < MAX_CLASSES:
        raise UserError(
            "A drawn point's class must be from 0 to {0}, not {1}.", MAX_CLASSES - 1, int(label)
        )


def _place(x1: float, x2: float) -> np.ndarray:
    p = np.array([float(x1), float(x2)])
    if not np.all(np.isfinite(p)):
        raise ValueError("a drawn point needs finite coordinates")
    return p
