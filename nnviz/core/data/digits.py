"""Image data: the bundled 8×8 digits and MNIST-style IDX files.

The digits (UCI "Optical Recognition of Handwritten Digits", CC BY 4.0) are
in ``nnviz/resources/data/digits.csv.gz``; see the README there. MNIST and
Fashion-MNIST come as IDX files (optionally gzipped; fetched by
:mod:`nnviz.core.data.download` or copied by hand): :func:`read_idx` reads one
with numpy alone, :func:`load_mnist` a part of a set as float32 pixels in
[0, 1], :func:`write_idx` writes one (tests, generated sets).
"""

from __future__ import annotations

import gzip
import os
import zlib
from importlib import resources
from pathlib import Path

import numpy as np

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError

DIGITS_FILE = "digits.csv.gz"
DIGITS_SHAPE = (8, 8)


def digits_path() -> Path:
    return Path(str(resources.files("nnviz") / "resources" / "data" / DIGITS_FILE))


def load_digits(n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """The 1,797 digit images, pixels scaled to [0, 1], labels 0–9.

    ``n`` keeps a random subset of that many images (chosen with ``seed``);
    ``noise`` adds Gaussian noise of that standard deviation to the pixels
    (clipped to [0, 1]), for experiments with harder data.
    """
    with gzip.open(digits_path(), "rt", encoding="ascii") as fh:
        table = np.loadtxt(fh, delimiter=",", dtype=np.int64)
    x = table[:, :-1].astype(np.float64) / 16.0
    y = table[:, -1]
    rng = np.random.default_rng(seed)
    if n is not None:
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(x):
            raise UserError("Digits: 'n' must be a whole number from 1 to {0}, not {1!r}.", len(x), n)
        keep = np.sort(rng.choice(len(x), size=n, replace=False))
        x, y = x[keep], y[keep]
    if noise:
        if noise < 0:
            raise UserError("Digits: 'noise' must be zero or positive, not {0!r}.", noise)
        x = np.clip(x + rng.normal(0.0, noise, size=x.shape), 0.0, 1.0)
    return Dataset(x, y, n_classes=10, name="digits", image_shape=DIGITS_SHAPE)


# ------------------------------------------------------------------ IDX files
_IDX_TYPES = {
    0x08: np.uint8,
    0x09: np.int8,
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def _idx_array(path: str | os.PathLike[str]) -> np.ndarray:
    """The values of an IDX file as a read-only view of its (decompressed) bytes."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise UserError("Cannot open '{0}': no such file.", p) from None
    except OSError as exc:
        raise UserError("Cannot read '{0}': {1}.", p, exc.strerror) from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            raise UserError("'{0}' is a damaged gzip file.", p.name) from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_TYPES:
        raise UserError("'{0}' is not an IDX file.", p.name)
    dtype = np.dtype(_IDX_TYPES[raw[2]])
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise UserError("'{0}' is cut short.", p.name)
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    count = int(np.prod(shape)) if shape else 0
    if len(raw) - header != count * dtype.itemsize:
        raise UserError(
            "'{0}' should hold {1} values of {2} bytes after its header, but has {3} bytes.",
            p.name, count, dtype.itemsize, len(raw) - header,
        )
    return np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)


def read_idx(path: str | os.PathLike[str]) -> np.ndarray:
    """An IDX file (``*-ubyte`` or ``*-ubyte.gz``) as a numpy array."""
    return _idx_array(path).copy()


_IDX_CODES = {np.dtype(v).str: k for k, v in _IDX_TYPES.items()}
_IDX_CODES[np.dtype(np.uint8).str] = 0x08


def write_idx(path: str | os.PathLike[str], array: np.ndarray, compresslevel: int | None = None) -> None:
    """``array`` as an IDX file; gzipped (with a fixed time stamp) when ``compresslevel`` is given."""
    a = np.asarray(array)
    big = a.astype(a.dtype.newbyteorder(">")) if a.dtype.itemsize > 1 else a
    code = _IDX_CODES.get(big.dtype.str)
    if code is None:
        raise ValueError(f"IDX files cannot hold {a.dtype}")
    header = bytes([0, 0, code, a.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in a.shape)
    data = header + np.ascontiguousarray(big).tobytes()
    if compresslevel is not None:
        data = gzip.compress(data, compresslevel=compresslevel, mtime=0)
    Path(path).write_bytes(data)


def pixels_as_float32(images: np.ndarray) -> np.ndarray:
    """(n, h, w) uint8 images as (n, h·w) float32 in [0, 1], v / 255 exactly (one pass, no float64)."""
    flat = images.reshape(len(images), -1)
    return np.divide(flat, np.float32(255.0), dtype=np.float32)


def _find(folder: Path, stem: str) -> Path:
    for name in (stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"):
        if (folder / name).is_file():
            return folder / name
    raise UserError("There is no '{0}' (or '{0}.gz') in '{1}'.", stem, folder)


def read_mnist_part(folder: Path, part: str) -> tuple[np.ndarray, np.ndarray]:
    """The uint8 images (n, h, w) and labels (n,) of the ``part`` ("train" or "test") in ``folder``."""
    prefix = "train" if part == "train" else "t10k"
    images = _idx_array(_find(folder, f"{prefix}-images-idx3-ubyte"))
    labels = _idx_array(_find(folder, f"{prefix}-labels-idx1-ubyte"))
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise UserError("MNIST: the image and label files in '{0}' do not match.", folder)
    if images.dtype != np.uint8 or labels.dtype != np.uint8:
        raise UserError("MNIST: the files in '{0}' do not hold bytes (0-255) as MNIST's do.", folder)
    return images, labels


def load_mnist(
    path: str, part: str = "train", n: int | None = None, seed: int = 0, noise: float = 0.0
) -> Dataset:
    """MNIST or Fashion-MNIST from a folder with the four standard IDX files.

    ``part`` is "train" (60,000 images) or "test" (10,000); pixels are scaled
    to [0, 1] in float32 (the precision torch trains in; half the memory of
    float64); ``n`` keeps a random subset. ``noise`` is accepted for symmetry
    with the generators and must be 0.
    """
    if part not in ("train", "test"):
        raise UserError("MNIST: 'part' must be train or test, not {0!r}.", part)
    if noise:
        raise UserError("MNIST: 'noise' is not supported.")
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise UserError("MNIST: '{0}' is not a folder.", folder)
    images, labels = read_mnist_part(folder, part)
    if n is not None:
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(images):
            raise UserError("MNIST: 'n' must be a whole number from 1 to {0}, not {1!r}.", len(images), n)
        keep = np.sort(np.random.default_rng(seed).choice(len(images), size=n, replace=False))
        images, labels = images[keep], labels[keep]
    x = pixels_as_float32(images)
    y = labels.astype(np.int64)
    return Dataset(
        x, y, n_classes=int(y.max()) + 1 if len(y) else 0, name="mnist",
        image_shape=tuple(images.shape[1:]),
    )
