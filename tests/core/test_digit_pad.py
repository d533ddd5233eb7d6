"""A drawn digit becomes an input as MNIST's and the UCI digits' preprocessing made theirs."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.data import digit_pad as dp
from nnviz.core.data.digits import load_digits


def _pad() -> np.ndarray:
    return np.zeros((dp.PAD_SIDE, dp.PAD_SIDE))


def _ink_extent(image: np.ndarray) -> tuple[int, int]:
    top, bottom, left, right = dp.ink_bounds(image, 1e-9)
    return bottom - top, right - left


# ------------------------------------------------------------------ MNIST path
def test_a_centred_square_fills_the_20_pixel_box_at_the_centre():
    bitmap = _pad()
    bitmap[90:190, 90:190] = 1.0  # 100x100: scaled by 20/100
    image = dp.mnist_image(bitmap)
    assert image.shape == (28, 28)
    cy, cx = dp.centre_of_mass(image)
    assert cy == pytest.approx(14.0, abs=0.5) and cx == pytest.approx(14.0, abs=0.5)
    assert _ink_extent(image) == (20, 20)
    # a whole pad pixel block per output pixel: exactly 1 inside, 0 outside
    np.testing.assert_allclose(image[4:24, 4:24], 1.0)
    assert image.sum() == pytest.approx(400.0)
    assert image.min() >= 0.0 and image.max() <= 1.0


def test_an_off_centre_shape_is_moved_to_the_centre_by_its_centre_of_mass():
    bitmap = _pad()
    bitmap[10:60, 200:270] = 1.0  # a 50x70 block in the top right corner
    bitmap[10:20, 200:210] = 0.0  # not symmetric: the centre of mass is not the box's centre
    image = dp.mnist_image(bitmap)
    cy, cx = dp.centre_of_mass(image)
    assert cy == pytest.approx(14.0, abs=0.1) and cx == pytest.approx(14.0, abs=0.1)
    # the longer side (70) fits the 20-pixel box, the aspect ratio is kept: 50 * 20/70 ≈ 14.3
    height, width = _ink_extent(image)
    assert width in (20, 21) and height in (15, 16)
    # mass scales with the area: (20/70)² of the drawn ink
    assert image.sum() == pytest.approx(bitmap.sum() * (20 / 70) ** 2, rel=1e-9)


def test_area_averaging_gives_the_covered_share_of_each_pixel():
    # a 2x2 source scaled by 1/2 lands in one output pixel as its mean
    src = np.array([[1.0, 0.0], [1.0, 1.0]])
    out = dp.resample_area(src, 0.5, (1.0, 1.0), (3, 3))
    expected = np.zeros((3, 3))
    expected[1, 1] = 0.75
    np.testing.assert_allclose(out, expected)
    # a shift of half a pixel spreads one source pixel over two output pixels
    out = dp.resample_area(np.ones((1, 1)), 1.0, (0.0, 0.5), (1, 3))
    np.testing.assert_allclose(out, [[0.5, 0.5, 0.0]])


def test_grey_levels_are_anti_aliased_between_0_and_1():
    bitmap = _pad()
    yy, xx = np.mgrid[0:280, 0:280]
    ring = np.abs(np.hypot(yy - 140, xx - 140) - 80) < 10  # a 0 of stroke 20
    bitmap[ring] = 1.0
    image = dp.mnist_image(bitmap)
    assert image.max() == pytest.approx(1.0) and image.min() == 0.0
    grey = (image > 0.05) & (image < 0.95)
    assert grey.sum() >= 20  # the ring's edges are grey, not cut to black and white
    assert _ink_extent(image) == (20, 20)


def test_a_blank_pad_is_a_blank_image():
    assert not dp.mnist_input(_pad()).any()
    assert dp.mnist_input(_pad()).shape == (784,)
    assert not dp.digits_input(_pad()).any()


# ------------------------------------------------------------------ UCI path
def test_block_counts_of_a_hand_made_bitmap():
    b = np.zeros((32, 32), dtype=bool)
    b[0:4, 4:8] = True  # block (0, 1) full: 16
    b[5, 5] = b[6, 6] = b[7, 4] = True  # block (1, 1): 3
    b[31, 31] = True  # block (7, 7): 1
    b[28:30, 0:4] = True  # block (7, 0): 8
    counts = dp.uci_block_counts(b)
    expected = np.zeros((8, 8), dtype=int)
    expected[0, 1], expected[1, 1], expected[7, 7], expected[7, 0] = 16, 3, 1, 8
    np.testing.assert_array_equal(counts, expected)


def test_the_8x8_path_of_a_small_drawing_by_hand():
    # A 64x32 pad: an L of two bars. The box is the whole pad (64 rows, 32 columns),
    # scaled by 32/64 = 1/2 into a 32x16 picture, centred: columns 8..24 of 32.
    bitmap = np.zeros((64, 32))
    bitmap[:, 0:8] = 1.0  # the upright: 8 pad columns -> 4 bitmap columns (8..12)
    bitmap[56:64, :] = 1.0  # the foot: 8 pad rows -> 4 bitmap rows (28..32)
    on = dp.uci_bitmap(bitmap)
    expected_on = np.zeros((32, 32), dtype=bool)
    expected_on[:, 8:12] = True
    expected_on[28:32, 8:24] = True
    np.testing.assert_array_equal(on, expected_on)
    # blocks: column 2 of blocks (bitmap columns 8..12) is full in every row; the
    # foot fills row 7 of blocks from block column 2 to 5
    expected = np.zeros((8, 8))
    expected[:, 2] = 16
    expected[7, 2:6] = 16
    np.testing.assert_allclose(dp.digits_input(bitmap), expected.ravel() / 16.0)


def test_a_half_covered_pixel_is_on_and_less_is_off():
    # the box is 64x64 pad pixels -> scale 1/2; a 1-pixel-wide line covers half a bitmap pixel
    bitmap = np.zeros((64, 64))
    bitmap[0, :] = bitmap[:, 0] = 1.0  # frame corner: sets the box
    bitmap[63, 63] = 1.0
    bitmap[:, 31] = 1.0  # half of bitmap column 15
    on = dp.uci_bitmap(bitmap)
    assert on[:, 15].all() and not on[1:31, 16].any()
    assert not on[5, 20]


def test_8x8_inputs_have_the_digits_loaders_range():
    bitmap = _pad()
    bitmap[40:240, 100:130] = 1.0
    x = dp.digits_input(bitmap)
    levels = x * 16
    assert x.shape == (64,) and x.min() >= 0.0 and x.max() <= 1.0
    np.testing.assert_allclose(levels, np.round(levels))
    digits = load_digits()
    assert digits.x.min() == 0.0 and digits.x.max() == 1.0  # the same scale: counts / 16
    # a tall bar fills all eight rows, as every bundled digit has ink in all its rows
    assert (x.reshape(8, 8).sum(axis=1) > 0).all()


# ------------------------------------------------------------------ choosing
def test_pad_input_picks_the_path_by_the_input_count():
    bitmap = _pad()
    bitmap[60:220, 130:150] = 1.0
    np.testing.assert_array_equal(dp.pad_input(bitmap, 784), dp.mnist_input(bitmap))
    np.testing.assert_array_equal(dp.pad_input(bitmap, 64), dp.digits_input(bitmap))
    assert dp.supports(784) and dp.supports(64) and not dp.supports(2)
    with pytest.raises(ValueError):
        dp.pad_input(bitmap, 100)


def test_the_pen_is_two_mnist_pixels_wide():
    assert dp.pen_width(784) == pytest.approx(20.0)  # 2 px of 28 on a 280-pixel pad
    assert dp.pen_width(784, side=560) == pytest.approx(40.0)
    assert dp.pen_width(64) > dp.pen_width(784)
