"""MNIST-shaped IDX files made up here, for tests, benchmarks and trying the lessons offline.

:func:`write_synthetic_set` writes the four files of MNIST (same names, same
IDX format, gzipped or not) holding ``n_train`` and ``n_test`` 28×28 images of
ten made-up classes: each class is a few blurred strokes, each image one of
them shifted by up to two pixels, with its own contrast and noise on the ink,
with a fainter stroke pattern of another class over it, on a black
background, so that the files compress about as MNIST's do and a
network can learn them. The images mean nothing; they let the whole path
(reading, training, the test set) run at the real size without the internet.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np

from nnviz.core.data.digits import write_idx

SIDE = 28
#: images made at a time (bounds the memory of a 60,000-image set)
_BLOCK = 8192


def _prototypes(rng: np.random.Generator, classes: int) -> np.ndarray:
    """(classes, 28, 28) float in [0, 1]: three blurred strokes each, inside the middle 20×20."""
    yy, xx = np.mgrid[0:SIDE, 0:SIDE].astype(np.float64)
    out = np.zeros((classes, SIDE, SIDE))
    for c in range(classes):
        for _ in range(3):
            (y0, x0), (y1, x1) = rng.uniform(6, 22, size=(2, 2))
            for t in np.linspace(0.0, 1.0, 12):
                cy, cx = y0 + t * (y1 - y0), x0 + t * (x1 - x0)
                out[c] = np.maximum(out[c], np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 2.0))
    return out


def synthetic_images(n: int, seed: int = 0, classes: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """``n`` images (n, 28, 28) uint8 and their labels (n,) uint8, reproducible by ``seed``."""
    rng = np.random.default_rng(seed)
    protos = _prototypes(np.random.default_rng(12345), classes)  # the same classes in every file
    shifts = [(dy, dx) for dy in range(-2, 3) for dx in range(-2, 3)]
    shifted = np.stack([np.roll(protos, s, axis=(1, 2)) for s in shifts], axis=1)  # (c, 25, 28, 28)
    labels = rng.integers(0, classes, size=n).astype(np.uint8)
    images = np.empty((n, SIDE, SIDE), dtype=np.uint8)
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        m = stop - start
        ink = shifted[labels[start:stop], rng.integers(0, len(shifts), size=m)]
        # a faint stroke pattern of another class over it: some images are hard to tell
        other = shifted[rng.integers(0, classes, size=m), rng.integers(0, len(shifts), size=m)]
        ink = np.maximum(ink * rng.uniform(0.5, 1.0, size=(m, 1, 1)), other * rng.uniform(0.0, 0.75, size=(m, 1, 1)))
        ink = ink + rng.normal(0.0, 0.15, size=ink.shape) * (ink > 0.1)
        ink = np.where(ink < 0.12, 0.0, ink)  # a black background, as MNIST's
        images[start:stop] = np.clip(np.rint(255.0 * ink), 0, 255).astype(np.uint8)
    return images, labels


def write_synthetic_set(
    folder: str | os.PathLike[str],
    n_train: int = 60000,
    n_test: int = 10000,
    seed: int = 0,
    gz: bool = True,
    compresslevel: int = 6,
) -> list[Path]:
    """The four MNIST files in ``folder`` (created); their paths, train images first."""
    where = Path(folder)
    where.mkdir(parents=True, exist_ok=True)
    paths = []
    for prefix, n, s in (("train", n_train, seed), ("t10k", n_test, seed + 1)):
        images, labels = synthetic_images(n, s)
        for stem, array in ((f"{prefix}-images-idx3-ubyte", images), (f"{prefix}-labels-idx1-ubyte", labels)):
            path = where / (stem + (".gz" if gz else ""))
            write_idx(path, array, compresslevel=compresslevel if gz else None)
            paths.append(path)
    return paths


def gzip_bytes(data: bytes, compresslevel: int = 6) -> bytes:
    """``data`` gzipped with a fixed time stamp (the same bytes every time)."""
    return gzip.compress(data, compresslevel=compresslevel, mtime=0)
