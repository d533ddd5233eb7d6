"""A digit drawn on a pad, turned into a network input as the training images were made.

The pad gives a grey bitmap (ink 1, paper 0), usually 280x280. Networks see
something else, and a drawing only makes sense to them after the same
preprocessing their training images went through:

- **MNIST** (784 inputs, :func:`mnist_input`): LeCun, Cortes and Burges
  scaled each NIST digit's bounding box to fit a 20x20 box, keeping its
  aspect ratio, with anti-aliasing (grey levels), and placed it in a 28x28
  image so that its centre of mass is the image's centre. Here the scaling
  is area averaging (each output pixel is the mean of the pad pixels it
  covers), done once with the shift that puts the centre of mass at the
  centre (14, 14), in coordinates where pixel ``i`` covers ``[i, i + 1)``.
- **UCI digits** (64 inputs, :func:`digits_input`): the NIST programs made a
  32x32 black-and-white bitmap of the digit (its box scaled to fill the
  frame, keeping the aspect ratio: every bundled digit has ink in all eight
  rows), and each 4x4 block's "on" pixels were counted, 0..16. The bundled
  digits loader (:func:`nnviz.core.data.digits.load_digits`) divides the
  counts by 16, and so does :func:`digits_input`.

:func:`pad_input` picks the path from the input count; :func:`pen_width`
gives the stroke thickness of the pad for each.
"""

from __future__ import annotations

import numpy as np

#: side of the drawing pad's bitmap, in pixels: ten pad pixels per MNIST pixel
PAD_SIDE = 280
#: MNIST images: side of the image and of the box the digit is scaled into
MNIST_SIDE = 28
MNIST_BOX = 20
#: UCI digits: side of the black-and-white bitmap, of a counted block, and the
#: loader's divisor (a full block counts 16)
UCI_SIDE = 32
UCI_BLOCK = 4
UCI_LEVELS = 16
#: the input counts a pad can feed
SUPPORTED_INPUTS = (MNIST_SIDE * MNIST_SIDE, (UCI_SIDE // UCI_BLOCK) ** 2)


def supports(n_inputs: int) -> bool:
    """True when a drawn digit can be fed to a network with ``n_inputs`` inputs."""
    return n_inputs in SUPPORTED_INPUTS


def image_side(n_inputs: int) -> int:
    """The side of the square image a network of ``n_inputs`` inputs sees (28 or 8)."""
    if not supports(n_inputs):
        raise ValueError(f"a drawn digit feeds 784 or 64 inputs, not {n_inputs}")
    return MNIST_SIDE if n_inputs == MNIST_SIDE * MNIST_SIDE else UCI_SIDE // UCI_BLOCK


def pen_width(n_inputs: int, side: int = PAD_SIDE) -> float:
    """Stroke thickness in pad pixels on a pad of ``side`` pixels.

    MNIST's strokes are about 2 pixels wide in the 28x28 image of a digit
    that fills the 20-pixel box, so the pen is 2 of 28 parts of the pad (20
    pixels at 280). The UCI bitmaps have thicker strokes (a whole 4x4 block
    is often on, 16 counts), about 4 of their 32 pixels for a digit filling
    the frame: the pen is 3 of 28 parts, wider on the pad.
    """
    parts = 2.0 if image_side(n_inputs) == MNIST_SIDE else 3.0
    return side * parts / MNIST_SIDE


def ink_bounds(bitmap: np.ndarray, threshold: float = 0.0) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right), half-open, of the pixels above ``threshold``; None when blank."""
    ink = np.asarray(bitmap) > threshold
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the grey-level centre of mass, pixel ``i`` covering ``[i, i + 1)``.

    A blank image has its centre at the middle of the frame."""
    v = np.asarray(image, dtype=np.float64)
    total = v.sum()
    if total <= 0:
        return v.shape[0] / 2.0, v.shape[1] / 2.0
    rows = v.sum(axis=1) @ (np.arange(v.shape[0]) + 0.5) / total
    cols = v.sum(axis=0) @ (np.arange(v.shape[1]) + 0.5) / total
    return float(rows), float(cols)


def _overlap(n_src: int, n_out: int, scale: float, origin: float) -> np.ndarray:
    """(n_out, n_src) weights of the area-averaging resampler along one axis.

    Source pixel ``j`` covers ``[j, j + 1)``; it lands on ``origin + scale *
    [j, j + 1)`` in output coordinates. Output pixel ``i`` is the mean of the
    source over what it covers, so its weight for ``j`` is the overlap of the
    two intervals, measured in output pixels."""
    lo = (np.arange(n_out)[:, None] - origin) / scale  # output pixel edges, in source units
    hi = lo + 1.0 / scale
    j = np.arange(n_src)[None, :]
    return np.clip(np.minimum(hi, j + 1.0) - np.maximum(lo, j), 0.0, None) * scale


def resample_area(
    src: np.ndarray, scale: float, origin: tuple[float, float], shape: tuple[int, int]
) -> np.ndarray:
    """``src`` scaled by ``scale`` and shifted so that its corner lands at ``origin``
    (row, column) of an image of ``shape``, by area averaging (anti-aliased
    grey levels; what falls outside the frame is lost)."""
    s = np.asarray(src, dtype=np.float64)
    ry = _overlap(s.shape[0], shape[0], scale, origin[0])
    rx = _overlap(s.shape[1], shape[1], scale, origin[1])
    return ry @ s @ rx.T


def mnist_image(bitmap: np.ndarray) -> np.ndarray:
    """The 28x28 image (grey levels in [0, 1]) MNIST's preprocessing makes of ``bitmap``."""
    box = ink_bounds(bitmap)
    out_shape = (MNIST_SIDE, MNIST_SIDE)
    if box is None:
        return np.zeros(out_shape)
    top, bottom, left, right = box
    crop = np.clip(np.asarray(bitmap, dtype=np.float64)[top:bottom, left:right], 0.0, 1.0)
    scale = MNIST_BOX / max(crop.shape)
    cy, cx = centre_of_mass(crop)
    # area averaging moves the centre of mass by a fraction of a pixel (each
    # source pixel's mass lands in whole output pixels): one correction step
    # puts it at the centre within a few hundredths
    centre = MNIST_SIDE / 2.0
    oy, ox = centre - scale * cy, centre - scale * cx
    for _ in range(2):
        image = resample_area(crop, scale, (oy, ox), out_shape)
        my, mx = centre_of_mass(image)
        oy, ox = oy + centre - my, ox + centre - mx
    return np.clip(image, 0.0, 1.0)


def mnist_input(bitmap: np.ndarray) -> np.ndarray:
    """:func:`mnist_image` as the 784 inputs of an MNIST network (row by row)."""
    return mnist_image(bitmap).ravel()


def uci_bitmap(bitmap: np.ndarray) -> np.ndarray:
    """The 32x32 black-and-white bitmap (bool) the UCI digits were counted from:
    the ink's box scaled to fill the frame keeping its aspect ratio, centred;
    a pixel is on when ink covers at least half of it."""
    box = ink_bounds(bitmap)
    out_shape = (UCI_SIDE, UCI_SIDE)
    if box is None:
        return np.zeros(out_shape, dtype=bool)
    top, bottom, left, right = box
    crop = np.clip(np.asarray(bitmap, dtype=np.float64)[top:bottom, left:right], 0.0, 1.0)
    scale = UCI_SIDE / max(crop.shape)
    origin = ((UCI_SIDE - scale * crop.shape[0]) / 2.0, (UCI_SIDE - scale * crop.shape[1]) / 2.0)
    # 1e-9: a pixel exactly half covered is on, whatever the rounding of the sums
    return resample_area(crop, scale, origin, out_shape) >= 0.5 - 1e-9


def uci_block_counts(bitmap32: np.ndarray) -> np.ndarray:
    """(8, 8) counts, 0..16, of the on pixels in each 4x4 block of a 32x32 bitmap."""
    b = np.asarray(bitmap32, dtype=bool)
    if b.shape != (UCI_SIDE, UCI_SIDE):
        raise ValueError(f"a UCI bitmap is {UCI_SIDE}x{UCI_SIDE}, not {b.shape}")
    n = UCI_SIDE // UCI_BLOCK
    return b.reshape(n, UCI_BLOCK, n, UCI_BLOCK).sum(axis=(1, 3)).astype(np.int64)


def digits_input(bitmap: np.ndarray) -> np.ndarray:
    """The 64 inputs of a network trained on the bundled digits: block counts / 16."""
    return uci_block_counts(uci_bitmap(bitmap)).ravel() / float(UCI_LEVELS)


def pad_input(bitmap: np.ndarray, n_inputs: int) -> np.ndarray:
    """The input a network with ``n_inputs`` inputs (784 or 64) gets for a drawing."""
    if image_side(n_inputs) == MNIST_SIDE:
        return mnist_input(bitmap)
    return digits_input(bitmap)
