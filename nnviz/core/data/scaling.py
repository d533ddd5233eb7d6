"""Standardisation (z-score): measured on the training rows, kept to be shown and undone.

:class:`Standardisation` holds each feature's mean and standard deviation
(population, ``ddof=0``, as scikit-learn's ``StandardScaler``), measured with
:meth:`Standardisation.measure` on the training rows only, so that the
validation rows stay unseen. ``x' = (x − mean) / std``; a constant column gets
std 1 and its own value as the mean (it becomes 0 everywhere). For a
regression the target gets the same treatment (``target_mean``,
``target_std``), so that the loss reads in units of the target's spread
whatever its scale.

Big tables are worked through in blocks of rows (a few million numbers at a
time, in float64), so that a float32 table of 1,000,000 × 1,000 is measured
and scaled in place without a float64 copy of it all; ``progress`` and
``cancelled`` are called between blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

#: numbers per block of rows
BLOCK_NUMBERS = 4_000_000


# eq=False: arrays do not compare to one truth value
@dataclass(frozen=True, eq=False)
class Standardisation:
    """``x' = (x − mean) / std`` per feature (and per target, for a regression)."""

    mean: np.ndarray  # (d,) float64
    std: np.ndarray  # (d,) float64, 1 for a constant column
    names: list[str]
    #: a regression target's mean and std (None for classes)
    target_mean: float | None = None
    target_std: float | None = None

    @classmethod
    def measure(
        cls,
        x: np.ndarray,
        rows: np.ndarray,
        names: list[str],
        targets: np.ndarray | None = None,
        tick: Callable[[], None] | None = None,
    ) -> Standardisation:
        """The mean and std of ``x[rows]`` per column (and of ``targets[rows]``);
        ``tick()`` is called between blocks."""
        mean, std = _mean_std(x, rows, tick)
        t_mean = t_std = None
        if targets is not None:
            tm, ts = _mean_std(np.asarray(targets, dtype=np.float64).reshape(len(targets), -1), rows, tick)
            t_mean, t_std = float(tm[0]), float(ts[0])
        return cls(mean, std, list(names), t_mean, t_std)

    def apply(self, x: np.ndarray) -> np.ndarray:
        """``(x − mean) / std`` (a new float64 array)."""
        return (np.asarray(x, dtype=np.float64) - self.mean) / self.std

    def apply_in_place(self, x: np.ndarray, tick: Callable[[], None] | None = None) -> None:
        """Standardise ``x`` in place, a block of rows at a time (float32 stays float32)."""
        for start, stop in _blocks(len(x), x.shape[1]):
            block = x[start:stop]
            block -= self.mean.astype(x.dtype)
            block /= self.std.astype(x.dtype)
            if tick is not None:
                tick()

    def invert(self, z: np.ndarray) -> np.ndarray:
        """Back from standardised to the file's units: ``z · std + mean``."""
        return np.asarray(z, dtype=np.float64) * self.std + self.mean

    def scale_target(self, values: Any) -> np.ndarray:
        """A regression target in standardised units (unchanged without a target scaling)."""
        v = np.asarray(values, dtype=np.float64)
        if self.target_mean is None or self.target_std is None:
            return v
        return (v - self.target_mean) / self.target_std

    def unscale_target(self, values: Any) -> np.ndarray:
        """A standardised target (a prediction) back in the file's units."""
        v = np.asarray(values, dtype=np.float64)
        if self.target_mean is None or self.target_std is None:
            return v
        return v * self.target_std + self.target_mean


def _blocks(n: int, width: int) -> list[tuple[int, int]]:
    step = max(1, BLOCK_NUMBERS // max(width, 1))
    return [(a, min(a + step, n)) for a in range(0, n, step)]


def _mean_std(
    x: np.ndarray, rows: np.ndarray, tick: Callable[[], None] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Two passes in float64 (sum, then squared deviations): exact enough for any scale."""
    d = x.shape[1]
    n = len(rows)
    if n == 0:
        return np.zeros(d), np.ones(d)
    total = np.zeros(d)
    lo = np.full(d, np.inf)
    hi = np.full(d, -np.inf)
    spans = _blocks(n, d)
    for a, b in spans:
        part = np.asarray(x[rows[a:b]], dtype=np.float64)
        total += part.sum(axis=0)
        np.minimum(lo, part.min(axis=0), out=lo)
        np.maximum(hi, part.max(axis=0), out=hi)
        if tick is not None:
            tick()
    mean = total / n
    squares = np.zeros(d)
    for a, b in spans:
        part = np.asarray(x[rows[a:b]], dtype=np.float64) - mean
        squares += np.einsum("ij,ij->j", part, part)
        if tick is not None:
            tick()
    std = np.sqrt(squares / n)
    constant = (hi == lo) | ~(std > 0)
    # a constant column: its value as the mean (so it becomes exactly 0), std 1
    mean = np.where(constant, lo, mean)
    std = np.where(constant, 1.0, std)
    return mean, std
