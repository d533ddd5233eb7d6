"""Debiased exponential moving average, as TensorBoard smooths its curves.

With weight ``w`` in [0, 1)::

    last_n     = w · last_{n-1} + (1 - w) · y_n,   last_0 = 0
    smoothed_n = last_n / (1 - w^n)

``n`` counts the finite values so far; a NaN or infinite value is passed
through unsmoothed and does not count. The division removes the pull towards
the starting 0 (TensorBoard's "debias"). A constant series is returned as it is.

:func:`debiased_ema` smooths a whole series; :class:`EmaSmoother` smooths a
growing one incrementally (each new point costs O(1)), for live curves.
"""

from __future__ import annotations

import numpy as np

_BLOCK = 256


def _ema_block(y: np.ndarray, w: float, last: float) -> np.ndarray:
    """``last_n`` for the finite values ``y`` (1-D), starting from ``last``.

    Vectorized in blocks: inside a block of length B,
    last_{t} = w^{t+1}·last_{-1} + (1-w)·Σ_{i≤t} w^{t-i}·y_i, with the powers of
    ``w`` from a B×B lower-triangular matrix (only w^0..w^{B-1} appear, so no
    overflow or cancellation however long the series).
    """
    out = np.empty_like(y)
    if y.size == 0:
        return out
    k = np.arange(_BLOCK)
    diff = k[:, None] - k[None, :]
    with np.errstate(under="ignore"):
        powers = np.where(diff >= 0, w ** np.maximum(diff, 0), 0.0)
        carry = w ** (k + 1.0)
    for s in range(0, y.size, _BLOCK):
        chunk = y[s : s + _BLOCK]
        m = chunk.size
        vals = (1.0 - w) * (powers[:m, :m] @ chunk) + carry[:m] * last
        out[s : s + m] = vals
        last = float(vals[-1])
    return out


class EmaSmoother:
    """Debiased EMA of a series that grows: feed new values with :meth:`extend`."""

    def __init__(self, weight: float) -> None:
        if not 0.0 <= weight < 1.0:
            raise ValueError("smoothing weight must be in [0, 1)")
        self.weight = float(weight)
        self._last = 0.0
        self._count = 0

    def extend(self, values: np.ndarray) -> np.ndarray:
        """Smoothed values for ``values``, continuing from everything fed before."""
        y = np.asarray(values, dtype=np.float64).ravel()
        out = y.copy()
        w = self.weight
        if w == 0.0 or y.size == 0:
            return out
        finite = np.isfinite(y)
        fy = y[finite]
        if fy.size == 0:
            return out
        last = _ema_block(fy, w, self._last)
        n = self._count + np.arange(1, fy.size + 1)
        with np.errstate(under="ignore"):
            debias = 1.0 - w ** n.astype(np.float64)
        out[finite] = last / debias
        self._last = float(last[-1])
        self._count += int(fy.size)
        return out


def debiased_ema(values: np.ndarray, weight: float) -> np.ndarray:
    """TensorBoard's smoothing of a whole series (see the module docstring)."""
    y = np.asarray(values, dtype=np.float64).ravel()
    if y.size and np.all(y == y[0]):
        return y.copy()
    return EmaSmoother(weight).extend(y)
