"""A table becomes a training :class:`~nnviz.core.data.dataset.Dataset`.

:func:`table_dataset` turns a :class:`~nnviz.core.data.table.Table` into
classes or a regression, splits it, and standardises it:

- **Classes.** Labels that are text are class names; numeric labels that are
  whole numbers with at most :data:`MAX_AUTO_CLASSES` different values are
  classes too, named by the numbers as text ("0", "1", "7"). Class indices
  follow the *sorted* names (text: case-insensitively, then by code point;
  numbers: by value), not the order of appearance, so that the same table
  shuffled gives the same classes, and a rebuilt data set the same indices.
  ``Dataset.class_names[k]`` is the name of class k.
- **Regression** (``task="auto"`` with non-whole numbers or more than
  :data:`MAX_AUTO_CLASSES` values, or ``task="regression"``):
  ``Dataset.values`` (n, 1) holds the targets, ``n_classes`` is 0 and ``y``
  is all zeros. The targets are standardised too, with the training rows'
  mean and std (``scaling.target_mean``, ``scaling.target_std``;
  :meth:`~nnviz.core.data.scaling.Standardisation.unscale_target` turns a
  prediction back into the file's units): then a learning rate that suits
  one table suits another, and the MSE reads in units of the target's
  spread (1.0: no better than predicting the mean).
- **Split, then standardise.** The rows are split first
  (:func:`~nnviz.core.data.dataset.split` with ``val_fraction`` and
  ``seed``), and each feature is standardised, ``x' = (x − mean) / std``,
  with the mean and std of the *training* rows only
  (:class:`~nnviz.core.data.scaling.Standardisation`, kept as
  ``Dataset.scaling``). With ``val_fraction=0`` every row trains and the
  scaling sees them all: a trainer that then holds out its own validation
  part validates on rows the scaling saw, so pass the training's
  validation share here instead.

The data set's ``source`` says how to build it again
(:class:`~nnviz.core.data.origin.DataSource`, kind "csv").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from nnviz.core.data.dataset import Dataset, split
from nnviz.core.data.origin import TASKS, DataSource
from nnviz.core.data.scaling import Standardisation
from nnviz.core.data.table import Cancelled, Table
from nnviz.core.errors import UserError

#: "auto" takes whole-number labels with at most this many values as classes
MAX_AUTO_CLASSES = 20
#: the most classes a table may have
MAX_CLASSES = 100


def table_dataset(
    table: Table,
    task: str = "auto",
    val_fraction: float = 0.2,
    seed: int = 0,
    *,
    copy: bool = True,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Dataset:
    """The training data set of ``table`` (see the module docstring).

    ``copy=False`` standardises ``table.x`` in place instead of a copy (a big
    table then needs its memory once, not twice). ``progress(fraction)`` and
    ``cancelled()`` are called between blocks of rows
    (:class:`~nnviz.core.data.table.Cancelled` when it says True).
    """
    if task not in TASKS:
        raise UserError("The task must be one of {0}, not {1!r}.", ", ".join(TASKS), task)
    y, n_classes, class_names, values = _targets(table, task)
    x = table.x.copy() if copy else table.x
    ds = Dataset(
        x, y, n_classes, name=Path(table.path).name or "table", class_names=class_names,
        values=values, feature_names=list(table.names),
    )
    split(ds, val_fraction, seed)
    if ds.train_idx.size == 0:
        raise UserError("'{0}' has too few rows: none is left for training once the validation part is held out.", ds.name)
    ticks = [0]
    # blocks of the two measuring passes and the scaling pass, for the progress
    total = 3 * max(1, -(-table.n_rows * max(x.shape[1], 1) // 4_000_000)) + 2

    def tick() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled
        ticks[0] += 1
        if progress is not None:
            progress(min(ticks[0] / total, 1.0))

    scaling = Standardisation.measure(ds.x, ds.train_idx, table.names, values, tick)
    scaling.apply_in_place(ds.x, tick)
    if values is not None:
        ds.values = scaling.scale_target(values)
    ds.scaling = scaling
    if table.path and table.features:  # a table read from a file (not one made in memory)
        ds.source = DataSource.csv(
            table.path, table.format, table.label, table.features, task=task,
            val_fraction=val_fraction, seed=seed, label_name=table.label_name, feature_names=table.names,
        )
    if progress is not None:
        progress(1.0)
    return ds


def _targets(table: Table, task: str) -> tuple[np.ndarray, int, list[str] | None, np.ndarray | None]:
    """(y, n_classes, class names, regression values) of the label column."""
    labels, name = table.labels, table.label_name
    if table.text_labels:
        if task == "regression":
            raise UserError(
                "The label column '{0}' holds names such as '{1}', not numbers; "
                "it cannot be trained as a regression.",
                name, str(labels[0]),
            )
        uniq, inverse = np.unique(labels, return_inverse=True)
        order = sorted(range(len(uniq)), key=lambda i: (str(uniq[i]).casefold(), str(uniq[i])))
        names = [str(uniq[i]) for i in order]
        rank = np.empty(len(uniq), dtype=np.int64)
        rank[order] = np.arange(len(uniq))
        _check_classes(name, names, numeric=False)
        return rank[inverse.reshape(-1)], len(names), names, None
    values = np.asarray(labels, dtype=np.float64)
    uniq, inverse = np.unique(values, return_inverse=True)
    whole = bool(np.all(uniq == np.round(uniq)))
    if len(uniq) < 2:
        _check_classes(name, [_number_name(v) for v in uniq], numeric=True)
    if task == "regression" or (task == "auto" and (not whole or len(uniq) > MAX_AUTO_CLASSES)):
        return np.zeros(len(values), dtype=np.int64), 0, None, values[:, None]
    names = [_number_name(v) for v in uniq]
    _check_classes(name, names, numeric=True)
    return inverse.reshape(-1).astype(np.int64), len(names), names, None


def _check_classes(column: str, names: list[str], numeric: bool) -> None:
    if len(names) < 2:
        raise UserError(
            "The label column '{0}' has one class only ('{1}'); training needs at least two.",
            column, names[0] if names else "",
        )
    if len(names) > MAX_CLASSES:
        if numeric:
            raise UserError(
                "The label column '{0}' has {1} different values: too many classes (at most {2}); "
                "train it as a regression.",
                column, len(names), MAX_CLASSES,
            )
        raise UserError(
            "The label column '{0}' has {1} different names: too many classes (at most {2}).",
            column, len(names), MAX_CLASSES,
        )


def _number_name(v: float) -> str:
    """A numeric label as a class name: "7" for 7.0, "0.5" for 0.5."""
    v = float(v)
    return str(int(v)) if v == round(v) and abs(v) < 1e15 else repr(v)
