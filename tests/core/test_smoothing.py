"""Debiased EMA against TensorBoard's own algorithm and hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnviz.core.training.smoothing import (
    EmaSmoother,
    bin_means,
    debiased_ema,
    decimation_stride,
    nice_ceiling,
    peak_envelope,
)


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


def test_decimation_stride_is_the_smallest_power_of_two_that_fits():
    assert decimation_stride(10, 2000) == 1
    assert decimation_stride(2000, 2000) == 1
    # 2·ceil(2001/2) = 2002 > 2000, 2·ceil(2001/4) = 1002
    assert decimation_stride(2001, 2000) == 4
    assert decimation_stride(9, 4) == 8  # 2·ceil(9/4) = 6 > 4, 2·ceil(9/8) = 4
    for n in (1, 7, 999, 12_345, 1_000_000):
        s = decimation_stride(n, 1000)
        assert 2 * math.ceil(n / s) <= 1000 or s == 1
    with pytest.raises(ValueError):
        decimation_stride(5, 1)


def test_peak_envelope_keeps_each_bins_minimum_and_maximum():
    x = np.arange(1.0, 11.0)  # epochs 1..10
    y = np.array([5.0, 1.0, 2.0, 9.0, np.nan, 3.0, 4.0, -2.0, np.nan, np.nan])
    xs, ys = peak_envelope(x, y, 4)
    # bins: [5,1,2,9] at x=1, [nan,3,4,-2] at x=5, [nan,nan] at x=9 (dropped)
    np.testing.assert_array_equal(xs, [1, 1, 5, 5])
    np.testing.assert_array_equal(ys, [1, 9, -2, 4])
    # stride 1: the finite points unchanged
    xs, ys = peak_envelope(x, y, 1)
    np.testing.assert_array_equal(xs, [1, 2, 3, 4, 6, 7, 8])
    np.testing.assert_array_equal(ys, [5, 1, 2, 9, 3, 4, -2])


def test_peak_envelope_bounds_a_long_series_and_keeps_its_extremes():
    n = 50_000
    x = np.arange(1.0, n + 1)
    y = np.exp(-x / 5000.0) + 0.01 * np.sin(x)
    y[31_337] = 7.0  # a spike must survive the decimation
    s = decimation_stride(n, 2000)
    xs, ys = peak_envelope(x, y, s)
    assert len(xs) <= 2000
    assert ys.max() == 7.0 and ys.min() == y.min()
    assert np.all(np.diff(xs) >= 0)


def test_bin_means_average_the_finite_values_of_each_bin():
    x = np.arange(10.0)
    y = np.array([1.0, 3.0, np.nan, 5.0, np.inf, 2.0, 4.0, 6.0, np.nan, np.nan])
    xs, ms = bin_means(x, y, 4)
    np.testing.assert_array_equal(xs, [0, 4, 8])
    np.testing.assert_allclose(ms[:2], [3.0, 4.0])  # (1+3+5)/3, (2+4+6)/3
    assert np.isnan(ms[2])
    xs, ms = bin_means(x[:3], [1.0, np.nan, 2.0], 1)
    np.testing.assert_array_equal(xs, [0, 1, 2])
    np.testing.assert_array_equal(ms, [1.0, np.nan, 2.0])


def test_nice_ceiling_rounds_up_to_1_1p5_2_3_5_7p5_times_a_power_of_ten():
    cases = {1: 1, 1.2: 1.5, 2: 2, 2.01: 3, 4: 5, 6: 7.5, 8: 10, 300: 300, 301: 500,
             0.07: 0.075, 12_345: 15_000, 99_999: 100_000}
    for value, want in cases.items():
        assert nice_ceiling(value) == pytest.approx(want), value
    assert nice_ceiling(0) == 1.0 and nice_ceiling(-3) == 1.0 and nice_ceiling(float("nan")) == 1.0
    # never more than 5/3 of the value: the data fills at least three fifths
    for v in np.geomspace(0.01, 1e6, 200):
        assert v <= nice_ceiling(v) <= 5 / 3 * v * (1 + 1e-9)
