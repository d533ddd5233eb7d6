"""The data seam: :class:`DataSource` (where data came from) and :func:`build` (make it again).

A data set the user brought (an imported table, points drawn with the mouse)
is stored, in a session file say, as its :class:`DataSource`
(``dataset.source.to_dict()``), never as its arrays; :func:`build` makes the
same :class:`~nnviz.core.data.dataset.Dataset` from it again: for a table it
reads the file again (the same rows, split and standardisation, given the
same file), checking first that the chosen columns still carry the names
they had.

:class:`DataSource` itself is defined in :mod:`nnviz.core.data.origin` (so
that the data set and the table code can name it without an import circle)
and is meant to be imported from here.
"""

from __future__ import annotations

from collections.abc import Callable

from nnviz.core.data import datasets
from nnviz.core.data.dataset import Dataset
from nnviz.core.data.origin import DataSource
from nnviz.core.data.table import Cancelled, read_table, table_columns
from nnviz.core.data.tabular import table_dataset
from nnviz.core.errors import UserError

__all__ = ["DataSource", "build"]

#: the share of the progress bar that reading a table takes (standardising: the rest)
READING_SHARE = 0.9


def build(
    source: DataSource,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Dataset:
    """The data set ``source`` describes, with ``dataset.source`` set.

    ``progress(fraction)`` and ``cancelled()`` are called as the work goes
    (:class:`~nnviz.core.data.table.Cancelled` when it says True); bad input
    raises :class:`~nnviz.core.errors.UserError`.
    """
    if not isinstance(source, DataSource):
        raise TypeError(f"build() needs a DataSource, not {type(source).__name__}")
    if source.kind == "spec":
        if cancelled is not None and cancelled():
            raise Cancelled
        ds = datasets.make(dict(source.spec or {}))
        ds.source = source
        if progress is not None:
            progress(1.0)
        return ds
    fmt = source.format
    assert fmt is not None
    _check_names(source)

    def reading(fraction: float) -> None:
        if progress is not None:
            progress(READING_SHARE * fraction)

    def scaling(fraction: float) -> None:
        if progress is not None:
            progress(READING_SHARE + (1.0 - READING_SHARE) * fraction)

    table = read_table(source.path, fmt, source.label, list(source.features), reading, cancelled)
    return table_dataset(
        table, source.task, source.val_fraction, source.seed, copy=False, progress=scaling,
        cancelled=cancelled,
    )


def _check_names(source: DataSource) -> None:
    """Refuse a file whose chosen columns no longer have the names they had."""
    if not (source.format and source.format.header and (source.label_name or source.feature_names)):
        return
    columns = table_columns(source.path, source.format)
    wanted = [(source.label, source.label_name)]
    wanted += list(zip(source.features, source.feature_names))
    for j, name in wanted:
        if not name:
            continue
        if j >= len(columns):
            raise UserError(
                "'{0}' has changed since it was imported: it has no column {1} ('{2}') any more.",
                source.path, j + 1, name,
            )
        if columns[j] != name:
            raise UserError(
                "'{0}' has changed since it was imported: column {1} is now '{2}', not '{3}'.",
                source.path, j + 1, columns[j], name,
            )
