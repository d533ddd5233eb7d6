"""Debiased EMA against TensorBoard's own algorithm and hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnviz.core.smoothing import EmaSmoother, debiased_ema


def tensorboard_reference(values, w):
    """TensorBoard's vz_line_chart2 resmoothDataset, transcribed line by line."""
    last, num_accum, out = 0.0, 0, []
    constant = all(v == values[0] for v in values)
    for v in values:
        if constant or not math.isfinite(v):
            out.append(v)
        else:
            last = last * w + (1 - w) * v
            num_accum += 1
            debias = 1.0 - w**num_accum if w != 1 else 1.0
            out.append(last / debias)
    return out


def test_known_values():
    # w = 0.5 on [1, 3]: last = 0.5, 1.75; debias 0.5, 0.75 -> 1, 7/3
    np.testing.assert_allclose(debiased_ema([1.0, 3.0], 0.5), [1.0, 7.0 / 3.0])
    # the first smoothed value is always the first value (debiased)
    assert debiased_ema([4.2, 0.0, 9.0], 0.9)[0] == pytest.approx(4.2)


@pytest.mark.parametrize("w", [0.0, 0.3, 0.6, 0.9, 0.99, 0.999])
def test_matches_tensorboard_on_a_long_noisy_series(w):
    rng = np.random.default_rng(1)
    y = np.exp(-np.arange(3000) / 500) + 0.1 * rng.standard_normal(3000)
    np.testing.assert_allclose(debiased_ema(y, w), tensorboard_reference(list(y), w), rtol=1e-9, atol=1e-12)


def test_non_finite_values_pass_through_and_do_not_count():
    y = [1.0, float("nan"), 2.0, float("inf"), 4.0]
    got = debiased_ema(y, 0.7)
    ref = tensorboard_reference(y, 0.7)
    assert math.isnan(got[1]) and math.isinf(got[3])
    np.testing.assert_allclose(got[[0, 2, 4]], np.array(ref)[[0, 2, 4]])


def test_constant_series_is_unchanged():
    np.testing.assert_array_equal(debiased_ema([0.5] * 10, 0.9), [0.5] * 10)


def test_incremental_equals_whole_series():
    rng = np.random.default_rng(2)
    y = rng.random(1000)
    s = EmaSmoother(0.95)
    parts = [s.extend(y[a:b]) for a, b in [(0, 1), (1, 7), (7, 300), (300, 301), (301, 1000)]]
    np.testing.assert_allclose(np.concatenate(parts), debiased_ema(y, 0.95), rtol=1e-12)


def test_weight_out_of_range():
    with pytest.raises(ValueError):
        EmaSmoother(1.0)
