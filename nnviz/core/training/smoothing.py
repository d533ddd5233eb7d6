"""Debiased exponential moving average, as TensorBoard smooths its curves.

With weight ``w`` in [0, 1)::

    last_n     = w · last_{n-1} + (1 - w) · y_n,   last_0 = 0
    smoothed_n = last_n / (1 - w^n)

``n`` counts the finite values so far; a NaN or infinite value is passed
through unsmoothed and does not count. The division removes the pull towards
the starting 0 (TensorBoard's "debias"). A constant series is returned as it is.

:func:`debiased_ema` smooths a whole series; :class:`EmaSmoother` smooths a
growing one incrementally (each new point costs O(1)), for live curves.

For drawing long series: :func:`decimation_stride`, :func:`peak_envelope`
(minimum and maximum per bin) and :func:`bin_means` bound the points a plot
draws, however many epochs a run has.
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


# ------------------------------------------------------------------ decimation
# Live curves of a fast run hold tens of thousands of epochs; a plot a few
# hundred pixels wide shows at most a couple of points per pixel. The display
# gets a bounded number of points; the full history stays for export.


def decimation_stride(n: int, max_points: int) -> int:
    """Samples per bin so that ``n`` samples give at most ``max_points`` envelope points.

    1 when ``n <= max_points`` (nothing to decimate); otherwise the smallest
    power of two ``s`` with ``2·ceil(n / s) <= max_points`` (each bin gives two
    points, its minimum and maximum). Powers of two keep the bins aligned while
    the series grows, so the drawn curve does not shimmer.
    """
    if max_points < 2:
        raise ValueError("max_points must be at least 2")
    if n <= max_points:
        return 1
    s = 1
    while 2 * -(-n // s) > max_points:
        s *= 2
    return s


def _bins(y: np.ndarray, stride: int) -> np.ndarray:
    """``y`` as rows of ``stride`` samples, the last row padded with NaN."""
    m = -(-y.size // stride)
    padded = np.full(m * stride, np.nan)
    padded[: y.size] = y
    return padded.reshape(m, stride)


def peak_envelope(x: np.ndarray, y: np.ndarray, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """The minimum and maximum of each bin of ``stride`` samples, at the bin's first ``x``.

    Returns ``(xs, ys)`` with two points per bin (minimum, then maximum), as
    pyqtgraph's "peak" downsampling draws a band; NaN and infinite values are
    ignored and bins without a finite value are left out. With ``stride`` 1 the
    finite points are returned as they are.
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    if stride <= 1:
        ok = np.isfinite(y)
        return x[ok], y[ok]
    rows = _bins(np.where(np.isfinite(y), y, np.nan), stride)
    lo = np.fmin.reduce(rows, axis=1)
    hi = np.fmax.reduce(rows, axis=1)
    ok = np.isfinite(lo)
    xb = x[::stride][ok]
    return np.repeat(xb, 2), np.column_stack([lo[ok], hi[ok]]).ravel()


def bin_means(x: np.ndarray, y: np.ndarray, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """The mean of the finite values of each bin of ``stride`` samples, at the bin's first ``x``.

    A bin without a finite value gives NaN (so two series binned alike stay
    aligned). With ``stride`` 1: ``x`` and ``y`` as they are (non-finite → NaN).
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    finite = np.isfinite(y)
    if stride <= 1:
        return x.copy(), np.where(finite, y, np.nan)
    rows = _bins(np.where(finite, y, 0.0), stride)
    counts = _bins(finite.astype(np.float64), stride)
    sums = np.nansum(rows, axis=1)
    n = np.nansum(counts, axis=1)
    means = np.divide(sums, n, out=np.full(sums.shape, np.nan), where=n > 0)
    return x[::stride].copy(), means


_NICE_STEPS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 5, 7.5 times a power of ten that is ≥ ``value`` (> 0).

    A growing axis that ends at ``nice_ceiling(last x)`` changes its range (and
    redraws its ticks) a few times per decade instead of on every new point,
    and the data always fills at least three fifths of it. Values ≤ 0 give 1.
    """
    if not value > 0 or not np.isfinite(value):
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    for step in _NICE_STEPS:
        # a relative tolerance: 300 must stay 300, not become 500 by rounding
        if step * power >= value * (1.0 - 1e-12):
            return float(step * power)
    return float(10.0 * power)
