"""A data set in a session file: its arrays as tensors, its words in the manifest.

:func:`dataset_parts` splits a :class:`~nnviz.core.data.dataset.Dataset` (the
points a user drew, a table they imported: data no spec can make again) into
tensors (``data.x``, ``data.y``, the split, regression values, the
standardisation, the test part) and a JSON-safe ``meta`` object;
:func:`dataset_from_parts` checks both and builds the same data set again
(the same rows, split, names and scaling, so the same curves continue).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnviz.core.data.dataset import Dataset
from nnviz.core.data.origin import DataSource
from nnviz.core.data.scaling import Standardisation
from nnviz.core.errors import UserError

#: data stored as arrays up to this size (bytes of x); bigger data is read
#: again from where it came from
MAX_STORED_BYTES = 64 * 1024 * 1024


def storable(ds: Dataset) -> bool:
    """Whether ``ds`` is small enough to go into a session file as arrays."""
    total = ds.x.nbytes + (ds.test.x.nbytes if ds.test is not None else 0)
    return total <= MAX_STORED_BYTES


def dataset_parts(ds: Dataset, prefix: str = "data") -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """(tensors, meta) of ``ds`` under ``prefix`` (see the module docstring)."""
    tensors = {
        f"{prefix}.x": np.asarray(ds.x),
        f"{prefix}.y": np.asarray(ds.y, dtype=np.int64),
        f"{prefix}.train_idx": np.asarray(ds.train_idx, dtype=np.int64),
        f"{prefix}.val_idx": np.asarray(ds.val_idx, dtype=np.int64),
    }
    meta: dict[str, Any] = {
        "name": ds.name,
        "n_classes": int(ds.n_classes),
        "image_shape": list(ds.image_shape) if ds.image_shape else None,
        "class_names": list(ds.class_names) if ds.class_names is not None else None,
        "feature_names": list(ds.feature_names) if ds.feature_names is not None else None,
        "source": ds.source.to_dict() if ds.source is not None else None,
        "scaling": None,
        "test": None,
    }
    if ds.values is not None:
        tensors[f"{prefix}.values"] = np.asarray(ds.values, dtype=np.float64)
    if ds.scaling is not None:
        sc = ds.scaling
        tensors[f"{prefix}.scaling.mean"] = np.asarray(sc.mean, dtype=np.float64)
        tensors[f"{prefix}.scaling.std"] = np.asarray(sc.std, dtype=np.float64)
        meta["scaling"] = {"names": list(sc.names), "target_mean": sc.target_mean, "target_std": sc.target_std}
    if ds.test is not None:
        t_tensors, t_meta = dataset_parts(ds.test, f"{prefix}.test")
        tensors.update(t_tensors)
        meta["test"] = t_meta
    return tensors, meta


def dataset_from_parts(tensors: dict[str, np.ndarray], meta: Any, prefix: str = "data") -> Dataset:
    """The data set :func:`dataset_parts` stored; :class:`UserError` naming what is wrong."""
    if not isinstance(meta, dict):
        raise UserError("Session: field '{0}' must be an object.", prefix)
    x = _tensor(tensors, f"{prefix}.x", 2)
    if x.dtype.kind != "f" or len(x) == 0:
        raise UserError("Session: '{0}.x' must hold at least one row of numbers.", prefix)
    if not np.all(np.isfinite(x)):
        raise UserError("Session: '{0}.x' contains a number that is not finite.", prefix)
    n = len(x)
    y = _tensor(tensors, f"{prefix}.y", 1)
    if y.dtype.kind not in "iu" or len(y) != n:
        raise UserError("Session: '{0}.y' must hold one whole-number label per row of '{0}.x'.", prefix)
    n_classes = meta.get("n_classes")
    if isinstance(n_classes, bool) or not isinstance(n_classes, int) or n_classes < 0:
        raise UserError("Session: field '{0}.n_classes' must be a whole number from 0.", prefix)
    values = tensors.get(f"{prefix}.values")
    if values is not None:
        if values.ndim not in (1, 2) or len(values) != n or not np.all(np.isfinite(values)):
            raise UserError("Session: '{0}.values' must hold finite numbers, one row per sample.", prefix)
    elif len(y) and (y.min() < 0 or y.max() >= max(n_classes, 1)):
        raise UserError("Session: '{0}.y' holds a label outside the {1} classes.", prefix, n_classes)
    split = []
    for part in ("train_idx", "val_idx"):
        idx = _tensor(tensors, f"{prefix}.{part}", 1)
        if idx.dtype.kind not in "iu" or (len(idx) and (idx.min() < 0 or idx.max() >= n)):
            raise UserError("Session: '{0}.{1}' must hold row numbers of the data.", prefix, part)
        split.append(idx.astype(np.int64))
    if len(np.intersect1d(split[0], split[1])):
        raise UserError("Session: a row of '{0}' is both in training and in validation.", prefix)
    names = _names(meta.get("class_names"), f"{prefix}.class_names")
    if names is not None and len(names) != n_classes:
        raise UserError("Session: field '{0}.class_names' must hold one name per class.", prefix)
    features = _names(meta.get("feature_names"), f"{prefix}.feature_names")
    if features is not None and len(features) != x.shape[1]:
        raise UserError("Session: field '{0}.feature_names' must hold one name per column of x.", prefix)
    shape = meta.get("image_shape")
    if shape is not None:
        if (not isinstance(shape, list) or len(shape) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in shape)
                or shape[0] * shape[1] != x.shape[1]):
            raise UserError("Session: field '{0}.image_shape' must be rows and columns of the images.", prefix)
        shape = (shape[0], shape[1])
    source = DataSource.from_dict(meta["source"]) if meta.get("source") is not None else None
    name = meta.get("name", "data")
    ds = Dataset(
        x=x, y=y.astype(np.int64), n_classes=n_classes, name=name if isinstance(name, str) else "data",
        image_shape=shape, train_idx=split[0], val_idx=split[1], class_names=names, values=values,
        scaling=_scaling(tensors, meta.get("scaling"), prefix, x.shape[1]), feature_names=features,
        source=source,
    )
    if meta.get("test") is not None:
        ds.test = dataset_from_parts(tensors, meta["test"], f"{prefix}.test")
        if ds.test.n_features != ds.n_features:
            raise UserError("Session: the test part has {0} columns, the data {1}.",
                            ds.test.n_features, ds.n_features)
    return ds


def _tensor(tensors: dict[str, np.ndarray], key: str, ndim: int) -> np.ndarray:
    a = tensors.get(key)
    if a is None:
        raise UserError("Session: the tensor '{0}' is missing.", key)
    if a.ndim != ndim:
        raise UserError("Session: the tensor '{0}' must have {1} dimensions, not {2}.", key, ndim, a.ndim)
    return a


def _names(value: Any, where: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError("Session: field '{0}' must be a list of names.", where)
    return list(value)


def _scaling(tensors: dict[str, np.ndarray], meta: Any, prefix: str, d: int) -> Standardisation | None:
    if meta is None:
        return None
    if not isinstance(meta, dict):
        raise UserError("Session: field '{0}.scaling' must be an object.", prefix)
    mean = _tensor(tensors, f"{prefix}.scaling.mean", 1)
    std = _tensor(tensors, f"{prefix}.scaling.std", 1)
    if mean.shape != (d,) or std.shape != (d,) or not (np.all(np.isfinite(mean)) and np.all(std > 0)):
        raise UserError("Session: the standardisation of '{0}' must hold a mean and a positive std per column.", prefix)
    names = _names(meta.get("names", []), f"{prefix}.scaling.names") or []
    numbers = []
    for key in ("target_mean", "target_std"):
        v = meta.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v)):
            raise UserError("Session: field '{0}.scaling.{1}' must be a number.", prefix, key)
        numbers.append(None if v is None else float(v))
    return Standardisation(mean.astype(np.float64), std.astype(np.float64), names, *numbers)
