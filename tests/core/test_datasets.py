"""Data sets: the 2-D generators, the bundled digits, IDX files, lessons' data."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from nnviz.core.data import datasets
from nnviz.core.data.digits import digits_path, load_digits, load_mnist, read_idx
from nnviz.core.errors import UserError
from nnviz.core.lessons import load_lesson

POINTS = datasets.POINT_GENERATORS


@pytest.mark.parametrize("kind", POINTS)
def test_generators_give_the_size_classes_and_balance_asked_for(kind):
    ds = datasets.GENERATORS[kind](n=101, noise=0.1, seed=4)
    assert ds.x.shape == (101, 2) and ds.y.shape == (101,)
    assert ds.x.dtype == np.float64 and ds.y.dtype == np.int64
    counts = np.bincount(ds.y, minlength=ds.n_classes)
    assert len(counts) == ds.n_classes >= 2
    assert counts.max() - counts.min() <= 1
    assert np.all(np.abs(ds.x) < 2.0)
    assert ds.name == kind and ds.image_shape is None
    assert ds.train_idx.size == 101 and ds.val_idx.size == 0


@pytest.mark.parametrize("kind", POINTS)
def test_generators_are_reproducible_by_seed(kind):
    gen = datasets.GENERATORS[kind]
    a, b, c = gen(n=50, seed=1), gen(n=50, seed=1), gen(n=50, seed=2)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.x, c.x)


def test_noise_free_shapes_are_exact():
    circ = datasets.circles(n=200, noise=0.0, seed=0, factor=0.4)
    r = np.hypot(*circ.x.T)
    np.testing.assert_allclose(r[circ.y == 0], 1.0)
    np.testing.assert_allclose(r[circ.y == 1], 0.4)

    xor = datasets.xor(n=200, noise=0.0, seed=0)
    assert set(map(tuple, np.abs(xor.x))) == {(0.5, 0.5)}
    assert np.array_equal(xor.y, (np.sign(xor.x[:, 0]) != np.sign(xor.x[:, 1])).astype(int))

    blobs = datasets.blobs(n=10, noise=0.0, seed=0)
    assert np.array_equal(blobs.y, (blobs.x[:, 0] > 0).astype(int))

    spiral = datasets.spiral(n=300, noise=0.0, seed=0, classes=3, turns=1.0)
    r = np.hypot(*spiral.x.T)
    assert r.max() <= 1.0 and spiral.n_classes == 3
    # on arm c, the angle (from the y axis, clockwise) is 2π(s + c/3) with s = r
    ang = np.arctan2(spiral.x[:, 0], spiral.x[:, 1])
    expected = 2 * np.pi * (r + spiral.y / 3)
    assert np.allclose(np.cos(ang), np.cos(expected)) and np.allclose(np.sin(ang), np.sin(expected))

    moons = datasets.moons(n=100, noise=0.0, seed=0)
    upper = moons.x[moons.y == 0] * 1.5 + [0.5, 0.25]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)

    gauss = datasets.gaussian(n=40, noise=0.0, classes=4)
    assert len({tuple(p) for p in np.round(gauss.x, 12)}) == 4
    np.testing.assert_allclose(np.hypot(*gauss.x.T), 0.6)


@pytest.mark.parametrize(
    "spec,message",
    [
        ({"kind": "spiral", "n": 0}, "'n' must be"),
        ({"kind": "circles", "noise": -1}, "'noise' must be"),
        ({"kind": "moons", "seed": -3}, "'seed' must be"),
        ({"kind": "spiral", "classes": 1}, "'classes'"),
        ({"kind": "circles", "factor": 2}, "'factor'"),
        ({"kind": "xor", "colour": "red"}, "does not take"),
        ({"kind": "banana"}, "Unknown data set"),
        ({"kind": "mnist"}, "is not on this computer yet"),  # the download folder is empty
    ],
)
def test_bad_data_specs_give_one_sentence(spec, message):
    with pytest.raises(UserError, match=message):
        datasets.make(spec)


def test_make_splits_as_the_spec_asks():
    ds = datasets.make({"kind": "moons", "n": 100, "val_fraction": 0.3, "split_seed": 2})
    assert ds.val_idx.size == 30 and ds.train_idx.size == 70
    assert not set(ds.val_idx) & set(ds.train_idx)
    again = datasets.make({"kind": "moons", "n": 100, "val_fraction": 0.3, "split_seed": 2})
    assert np.array_equal(ds.val_idx, again.val_idx)


# --------------------------------------------------------------------- digits
def test_digits_are_the_uci_set():
    ds = load_digits()
    assert ds.x.shape == (1797, 64) and ds.n_classes == 10
    assert ds.image_shape == (8, 8) and ds.name == "digits"
    assert ds.x.min() == 0.0 and ds.x.max() == 1.0
    assert np.array_equal(np.unique(ds.y), np.arange(10))
    assert np.bincount(ds.y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    # the first image is a zero; its first row of pixels, out of 16
    assert ds.y[0] == 0
    assert (ds.x[0, :8] * 16).tolist() == [0, 0, 5, 13, 9, 1, 0, 0]
    assert np.all(ds.x * 16 == np.round(ds.x * 16))


def test_digits_ship_with_their_attribution():
    readme = digits_path().with_name("README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "Optical Recognition of Handwritten" in readme
    assert "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22" in readme
    import hashlib

    digest = hashlib.sha256(digits_path().read_bytes()).hexdigest()
    assert digest == "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"


def test_digits_subset_and_noise():
    sub = datasets.make({"kind": "digits", "n": 100, "seed": 3})
    assert sub.x.shape == (100, 64) and sub.image_shape == (8, 8)
    noisy = load_digits(noise=0.2, seed=1)
    assert noisy.x.min() >= 0.0 and noisy.x.max() <= 1.0
    assert not np.array_equal(noisy.x, load_digits().x)
    with pytest.raises(UserError, match="from 1 to 1797"):
        load_digits(n=5000)


# ------------------------------------------------------------------ IDX files
def _idx(path, array: np.ndarray, gz: bool) -> None:
    codes = {np.dtype(np.uint8): 0x08}
    header = bytes([0, 0, codes[array.dtype], array.ndim]) + b"".join(
        struct.pack(">I", n) for n in array.shape
    )
    data = header + array.tobytes()
    path.write_bytes(gzip.compress(data) if gz else data)


@pytest.mark.parametrize("gz", [False, True])
def test_idx_files_read_back(tmp_path, gz):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(7, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, size=7, dtype=np.uint8)
    labels[0] = 9
    suffix = ".gz" if gz else ""
    _idx(tmp_path / f"train-images-idx3-ubyte{suffix}", images, gz)
    _idx(tmp_path / f"train-labels-idx1-ubyte{suffix}", labels, gz)
    assert np.array_equal(read_idx(tmp_path / f"train-images-idx3-ubyte{suffix}"), images)
    ds = load_mnist(str(tmp_path))
    assert ds.x.shape == (7, 784) and ds.image_shape == (28, 28) and ds.n_classes == 10
    np.testing.assert_allclose(ds.x[3], images[3].ravel() / 255.0)
    assert np.array_equal(ds.y, labels)
    via_make = datasets.make({"kind": "mnist", "path": str(tmp_path), "n": 4})
    assert via_make.x.shape == (4, 784)


def test_bad_idx_files_are_refused(tmp_path):
    (tmp_path / "junk").write_bytes(b"hello world")
    with pytest.raises(UserError, match="not an IDX file"):
        read_idx(tmp_path / "junk")
    cut = tmp_path / "cut"
    _idx(cut, np.zeros((3, 2, 2), dtype=np.uint8), gz=False)
    cut.write_bytes(cut.read_bytes()[:-1])
    with pytest.raises(UserError, match="should hold 12 values"):
        read_idx(cut)
    with pytest.raises(UserError, match="no such file"):
        read_idx(tmp_path / "missing")
    with pytest.raises(UserError, match="There is no 'train-images"):
        load_mnist(str(tmp_path))


# -------------------------------------------------------------------- lessons
@pytest.mark.parametrize(
    "name,n,classes,n_val",
    [("spiral", 500, 2, 100), ("digits", 1797, 10, 359), ("circles", 300, 2, 60),
     ("overfitting", 80, 2, 40), ("batch-size", 300, 2, 60)],
)
def test_training_lessons_load_with_their_data(name, n, classes, n_val):
    from nnviz.core.training.config import TrainingConfig
    from nnviz.core.training.problem import check_problem

    lesson = load_lesson(name)
    ds = lesson.dataset()
    assert lesson.mode == "train"
    assert len(ds.x) == n and ds.n_classes == classes and ds.val_idx.size == n_val
    assert lesson.title_in("es") != lesson.title_in("en")
    assert lesson.text_in("es") and lesson.text_in("en")
    check_problem(lesson.network, ds, TrainingConfig.from_dict(lesson.training))
