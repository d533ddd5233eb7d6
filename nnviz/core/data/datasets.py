"""Data sets by name: the 2-D generators, the image sets and a lesson's ``data``.

:data:`GENERATORS` holds the 2-D generators (blobs, xor, circles, moons,
spiral, gaussian: each ``fn(n, noise, seed, ...)``, points roughly inside
[-1, 1]², classes balanced, reproducible by seed) and the image sets
(``digits``: the bundled 8×8 digits, see :mod:`nnviz.core.data.digits`;
``mnist`` and ``fashion-mnist``: IDX files downloaded or copied by the user,
with their test images kept apart, see :mod:`nnviz.core.data.image_sets`). :func:`make` builds a lesson's ``data`` object.
Each returns a :class:`~nnviz.core.data.dataset.Dataset`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from nnviz.core.data.dataset import Dataset, from_points, split
from nnviz.core.data.digits import load_digits, load_mnist
from nnviz.core.data.image_sets import class_names, folder_of, load_image_set
from nnviz.core.errors import UserError

#: generators by name: ``fn(n=..., noise=..., seed=..., **extra) -> Dataset``
GENERATORS: dict[str, Any] = {}


def _register(name: str) -> Any:
    def deco(fn: Any) -> Any:
        GENERATORS[name] = fn
        return fn

    return deco


def _check(n: Any, noise: Any, seed: Any, kind: str, min_n: int = 2) -> np.random.Generator:
    if isinstance(n, bool) or not isinstance(n, int) or not min_n <= n <= 1_000_000:
        raise UserError(
            "Data set '{0}': 'n' must be a whole number from {1} to 1000000, not {2!r}.", kind, min_n, n
        )
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or not 0 <= noise <= 10:
        raise UserError("Data set '{0}': 'noise' must be a number from 0 to 10, not {1!r}.", kind, noise)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise UserError(
            "Data set '{0}': 'seed' must be a whole number of at least 0, not {1!r}.", kind, seed
        )
    return np.random.default_rng(seed)


def _counts(n: int, k: int) -> list[int]:
    """``n`` split into ``k`` near-equal class sizes."""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def _labelled(parts: list[np.ndarray], name: str, rng: np.random.Generator) -> Dataset:
    x = np.concatenate(parts)
    y = np.concatenate([np.full(len(p), c, dtype=np.int64) for c, p in enumerate(parts)])
    order = rng.permutation(len(x))
    return Dataset(x[order], y[order], n_classes=len(parts), name=name)


# The 2-D generators keep their points roughly inside [-1, 1]²: a good range
# for tanh and sigmoid units, and the frame the decision-region plots use.
@_register("blobs")
def blobs(n: int = 200, noise: float = 0.2, seed: int = 0) -> Dataset:
    """Two linearly separable Gaussian clouds around (−0.5, −0.5) and (0.5, 0.5).

    ``noise`` is each cloud's standard deviation.
    """
    rng = _check(n, noise, seed, "blobs")
    centres = np.array([[-0.5, -0.5], [0.5, 0.5]])
    parts = [c + rng.normal(0.0, noise, size=(m, 2)) for c, m in zip(centres, _counts(n, 2), strict=True)]
    return _labelled(parts, "blobs", rng)


@_register("xor")
def xor(n: int = 200, noise: float = 0.15, seed: int = 0) -> Dataset:
    """Four noisy clouds at (±0.5, ±0.5); class 1 where the signs of x₁ and x₂ differ."""
    rng = _check(n, noise, seed, "xor", min_n=4)
    sizes = _counts(n, 4)
    corners = [(-0.5, -0.5), (0.5, 0.5), (-0.5, 0.5), (0.5, -0.5)]
    clouds = [np.array(c) + rng.normal(0.0, noise, size=(m, 2)) for c, m in zip(corners, sizes, strict=True)]
    return _labelled([np.concatenate(clouds[:2]), np.concatenate(clouds[2:])], "xor", rng)


@_register("circles")
def circles(n: int = 200, noise: float = 0.08, seed: int = 0, factor: float = 0.5) -> Dataset:
    """Class 0 on the unit circle, class 1 on a circle of radius ``factor`` inside it.

    ``noise`` is the standard deviation of Gaussian noise added to each point.
    """
    rng = _check(n, noise, seed, "circles")
    if not isinstance(factor, (int, float)) or not 0 < factor < 1:
        raise UserError("Data set 'circles': 'factor' must be between 0 and 1, not {0!r}.", factor)
    parts = []
    for radius, m in zip((1.0, float(factor)), _counts(n, 2), strict=True):
        t = rng.uniform(0.0, 2.0 * np.pi, size=m)
        pts = radius * np.column_stack([np.cos(t), np.sin(t)])
        parts.append(pts + rng.normal(0.0, noise, size=(m, 2)))
    return _labelled(parts, "circles", rng)


@_register("moons")
def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaving half circles (as scikit-learn's ``make_moons``), centred."""
    rng = _check(n, noise, seed, "moons")
    m0, m1 = _counts(n, 2)
    t0 = rng.uniform(0.0, np.pi, size=m0)
    t1 = rng.uniform(0.0, np.pi, size=m1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    # centre the pair on the origin and fit it in [-1, 1]²
    parts = [(p - [0.5, 0.25]) / 1.5 for p in (upper, lower)]
    parts = [p + rng.normal(0.0, noise, size=p.shape) for p in parts]
    return _labelled(parts, "moons", rng)


@_register("spiral")
def spiral(
    n: int = 400, noise: float = 0.05, seed: int = 0, classes: int = 2, turns: float = 1.75
) -> Dataset:
    """``classes`` interleaved spiral arms, as TensorFlow Playground's spiral.

    Along arm c a point at fraction s ∈ [0, 1) of the way out sits at radius
    s and angle 2π·(turns·s + c/classes); ``noise`` is the standard deviation
    of Gaussian noise added to each point.
    """
    rng = _check(n, noise, seed, "spiral")
    if isinstance(classes, bool) or not isinstance(classes, int) or not 2 <= classes <= 10:
        raise UserError(
            "Data set 'spiral': 'classes' must be a whole number from 2 to 10, not {0!r}.", classes
        )
    if not isinstance(turns, (int, float)) or not 0 < turns <= 5:
        raise UserError("Data set 'spiral': 'turns' must be a number in (0, 5], not {0!r}.", turns)
    parts = []
    for c, m in enumerate(_counts(n, classes)):
        s = rng.uniform(0.0, 1.0, size=m)
        angle = 2.0 * np.pi * (turns * s + c / classes)
        pts = s[:, None] * np.column_stack([np.sin(angle), np.cos(angle)])
        parts.append(pts + rng.normal(0.0, noise, size=(m, 2)))
    return _labelled(parts, "spiral", rng)


@_register("gaussian")
def gaussian(n: int = 300, noise: float = 0.15, seed: int = 0, classes: int = 3) -> Dataset:
    """``classes`` Gaussian clusters with centres evenly spaced on a circle of radius 0.6.

    ``noise`` is each cluster's standard deviation.
    """
    rng = _check(n, noise, seed, "gaussian")
    if isinstance(classes, bool) or not isinstance(classes, int) or not 2 <= classes <= 10:
        raise UserError(
            "Data set 'gaussian': 'classes' must be a whole number from 2 to 10, not {0!r}.", classes
        )
    angles = 2.0 * np.pi * np.arange(classes) / classes + np.pi / 4
    centres = 0.6 * np.column_stack([np.cos(angles), np.sin(angles)])
    parts = [c + rng.normal(0.0, noise, size=(m, 2)) for c, m in zip(centres, _counts(n, classes), strict=True)]
    return _labelled(parts, "gaussian", rng)


@_register("digits")
def digits(n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """The bundled 8×8 handwritten digits (1,797 images, 10 classes); see :mod:`nnviz.core.data.digits`."""
    return load_digits(n=n, noise=noise, seed=seed)


@_register("mnist")
def mnist(
    path: str = "", n: int | None = None, noise: float = 0.0, seed: int = 0, part: str = "train"
) -> Dataset:
    """MNIST's IDX files in the folder ``path`` (empty: the download folder).

    ``part`` "train": the 60,000 training images with the 10,000 test images
    kept apart in ``.test`` (:func:`nnviz.core.data.image_sets.load_image_set`);
    "test": the test images alone.
    """
    return _image_set("mnist", path, n, noise, seed, part)


@_register("fashion-mnist")
def fashion_mnist(
    path: str = "", n: int | None = None, noise: float = 0.0, seed: int = 0, part: str = "train"
) -> Dataset:
    """Fashion-MNIST (Zalando's clothes, same format and sizes as MNIST); as :func:`mnist`."""
    return _image_set("fashion-mnist", path, n, noise, seed, part)


def _image_set(key: str, path: str, n: int | None, noise: float, seed: int, part: str) -> Dataset:
    if noise:
        raise UserError("Data set '{0}': 'noise' is not supported.", key)
    if part == "test":
        ds = load_mnist(str(folder_of(key, path)), "test", n, seed)
        return replace(ds, n_classes=10, name=f"{key}-test", class_names=class_names(key))
    if part != "train":
        raise UserError("Data set '{0}': 'part' must be train or test, not {1!r}.", key, part)
    return load_image_set(key, path, n=n, seed=seed)


#: the 2-D point generators (the others are image sets)
POINT_GENERATORS: tuple[str, ...] = ("blobs", "xor", "circles", "moons", "spiral", "gaussian")


def make(spec: dict[str, Any]) -> Dataset:
    """Build the data set a lesson's ``data`` object describes."""
    if not isinstance(spec, dict) or not isinstance(spec.get("kind"), str):
        raise UserError("Field 'data' must be an object with a 'kind'.")
    kind = spec["kind"]
    params = {k: v for k, v in spec.items() if k not in ("kind", "val_fraction", "split_seed")}
    if kind == "points":
        ds = from_points(params.get("x"), params.get("y"))
    elif kind in GENERATORS:
        try:
            ds = GENERATORS[kind](**params)
        except TypeError as exc:
            raise UserError("Data set '{0}' does not take those settings ({1}).", kind, exc) from None
    else:
        known = ", ".join(["points", *GENERATORS])
        raise UserError("Unknown data set {0!r} (known: {1}).", kind, known)
    val = spec.get("val_fraction", 0.0)
    if isinstance(val, bool) or not isinstance(val, (int, float)):
        raise UserError("Field 'data.val_fraction' must be a number in [0, 1), not {0!r}.", val)
    seed = spec.get("split_seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise UserError("Field 'data.split_seed' must be a whole number from 0, not {0!r}.", seed)
    if val:
        split(ds, float(val), seed)
    return ds
