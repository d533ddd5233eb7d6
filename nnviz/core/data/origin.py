"""Where a data set came from: :class:`DataSource`, one frozen, JSON-safe description.

A :class:`DataSource` says how to make a data set again (the session file
stores it; :func:`nnviz.core.data.source.build` rebuilds from it):

- ``kind="spec"``: a lesson's ``data`` object for
  :func:`nnviz.core.data.datasets.make`: a generator (``{"kind": "spiral",
  "n": 400, ...}``) or explicit points (``{"kind": "points", "x": [[x1, x2],
  ...], "y": [0, 1, ...]}``: points drawn with the mouse);
- ``kind="csv"``: a table file: its path, its :class:`CsvFormat`, the label
  column and the feature columns (indices from 0; with their names when
  known, which a rebuild checks against the file), the task ("auto",
  "classification" or "regression"), the validation share and the split's
  seed.

:meth:`DataSource.to_dict` and :meth:`DataSource.from_dict` go to and from
plain JSON; ``from_dict`` refuses a bad dictionary with one
:class:`~nnviz.core.errors.UserError` sentence naming the field, and so does
building a :class:`DataSource` with impossible values.

This module only describes; it lives apart from
:mod:`nnviz.core.data.source` (which also builds) so that
:class:`~nnviz.core.data.dataset.Dataset` and
:mod:`nnviz.core.data.tabular` can name it without an import circle.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nnviz.core.data.table import CsvFormat
from nnviz.core.errors import UserError

KINDS = ("spec", "csv")
#: what a table's label is trained as
TASKS = ("auto", "classification", "regression")

_CSV_KEYS = ("kind", "path", "format", "label", "features", "task", "val_fraction", "seed",
             "label_name", "feature_names")
_FORMAT_KEYS = ("encoding", "delimiter", "decimal", "quotechar", "header")


@dataclass(frozen=True)
class DataSource:
    """Where a data set came from and how to make it again (see the module docstring).

    Build one with :meth:`from_spec` or :meth:`csv`; its fields are checked
    when it is made. ``spec`` is a private copy: do not change it.
    """

    kind: str
    spec: dict[str, Any] | None = field(default=None, hash=False, compare=True)
    path: str = ""
    format: CsvFormat | None = None
    label: int = 0
    features: tuple[int, ...] = ()
    task: str = "auto"
    val_fraction: float = 0.2
    seed: int = 0
    #: the column names read at import ("" and () when not known yet)
    label_name: str = ""
    feature_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise UserError("Data source: field 'kind' must be 'spec' or 'csv', not {0!r}.", self.kind)
        if self.kind == "spec":
            object.__setattr__(self, "spec", _json_copy(self.spec))
            return
        if not isinstance(self.path, str) or not self.path:
            raise UserError("Data source: field 'path' must name a file, not {0!r}.", self.path)
        if not isinstance(self.format, CsvFormat):
            raise UserError("Data source: field 'format' must describe the CSV format.")
        self.format.validate()
        _whole(self.label, "label")
        features = tuple(self.features) if isinstance(self.features, (list, tuple)) else None
        if not features:
            raise UserError("Data source: field 'features' must list at least one column number.")
        for j in features:
            _whole(j, "features")
        if self.label in features or len(set(features)) != len(features):
            raise UserError("Data source: the label and feature columns must all be different.")
        object.__setattr__(self, "features", tuple(int(j) for j in features))
        object.__setattr__(self, "label", int(self.label))
        if self.task not in TASKS:
            raise UserError(
                "Data source: field 'task' must be one of {0}, not {1!r}.", ", ".join(TASKS), self.task
            )
        v = self.val_fraction
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= v < 1.0:
            raise UserError("Data source: field 'val_fraction' must be a number in [0, 1), not {0!r}.", v)
        object.__setattr__(self, "val_fraction", float(v))
        _whole(self.seed, "seed")
        object.__setattr__(self, "seed", int(self.seed))
        if not isinstance(self.label_name, str):
            raise UserError("Data source: field 'label_name' must be text, not {0!r}.", self.label_name)
        names = self.feature_names
        if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names) or (
            names and len(names) != len(features)
        ):
            raise UserError("Data source: field 'feature_names' must hold one name per feature column.")
        object.__setattr__(self, "feature_names", tuple(names))

    # ------------------------------------------------------------ making
    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> DataSource:
        """A generated or explicit data set: ``spec`` as :func:`nnviz.core.data.datasets.make` takes it."""
        return cls("spec", spec=spec)

    @classmethod
    def csv(
        cls,
        path: str | Path,
        fmt: CsvFormat,
        label: int,
        features: list[int] | tuple[int, ...],
        task: str = "auto",
        val_fraction: float = 0.2,
        seed: int = 0,
        label_name: str = "",
        feature_names: list[str] | tuple[str, ...] = (),
    ) -> DataSource:
        """A table file read with ``fmt``: column ``label`` predicted from ``features``."""
        return cls(
            "csv", path=str(path), format=fmt, label=label, features=tuple(features), task=task,
            val_fraction=val_fraction, seed=seed, label_name=label_name, feature_names=tuple(feature_names),
        )

    # ------------------------------------------------------------ JSON
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON (a fresh dictionary each call)."""
        if self.kind == "spec":
            return {"kind": "spec", "spec": _json_copy(self.spec)}
        fmt = self.format
        assert fmt is not None
        return {
            "kind": "csv",
            "path": self.path,
            "format": {k: getattr(fmt, k) for k in _FORMAT_KEYS},
            "label": self.label,
            "features": list(self.features),
            "task": self.task,
            "val_fraction": self.val_fraction,
            "seed": self.seed,
            "label_name": self.label_name,
            "feature_names": list(self.feature_names),
        }

    @classmethod
    def from_dict(cls, d: Any) -> DataSource:
        """The source :meth:`to_dict` wrote; :class:`UserError` for anything else."""
        if not isinstance(d, dict):
            raise UserError("Data source: expected an object with a 'kind', not {0}.", type(d).__name__)
        kind = d.get("kind")
        if kind == "spec":
            _known(d, ("kind", "spec"))
            if "spec" not in d:
                raise UserError("Data source: field 'spec' is missing.")
            return cls.from_spec(d["spec"])
        if kind != "csv":
            raise UserError("Data source: field 'kind' must be 'spec' or 'csv', not {0!r}.", kind)
        _known(d, _CSV_KEYS)
        for key in ("path", "format", "label", "features"):
            if key not in d:
                raise UserError("Data source: field '{0}' is missing.", key)
        fd = d["format"]
        if not isinstance(fd, dict):
            raise UserError("Data source: field 'format' must be an object.")
        _known(fd, _FORMAT_KEYS, "format.")
        fmt = CsvFormat(**{k: fd[k] for k in _FORMAT_KEYS if k in fd})
        if not isinstance(d["features"], list):
            raise UserError("Data source: field 'features' must list at least one column number.")
        names = d.get("feature_names", [])
        if not isinstance(names, list):
            raise UserError("Data source: field 'feature_names' must hold one name per feature column.")
        return cls.csv(
            d["path"], fmt, d["label"], tuple(d["features"]), task=d.get("task", "auto"),
            val_fraction=d.get("val_fraction", 0.2), seed=d.get("seed", 0),
            label_name=d.get("label_name", ""), feature_names=tuple(names),
        )

    # ------------------------------------------------------------ words
    def describe(self) -> str:
        """A short English line for logs: what the data is and where it lives."""
        if self.kind == "spec":
            spec = self.spec or {}
            if spec.get("kind") == "points":
                n = len(spec.get("y") or [])
                return f"{n} points given one by one"
            settings = ", ".join(f"{k}={v}" for k, v in spec.items() if k != "kind")
            return f"generated '{spec.get('kind')}'" + (f" ({settings})" if settings else "")
        label = self.label_name or f"column {self.label + 1}"
        what = f"{len(self.features)} feature" + ("s" if len(self.features) != 1 else "")
        task = {"auto": "", "classification": ", classes", "regression": ", regression"}[self.task]
        return (
            f"CSV table '{Path(self.path).name}': label '{label}', {what}{task}, "
            f"{round(100 * self.val_fraction)}% held out (seed {self.seed})"
        )


def _whole(value: Any, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UserError("Data source: field '{0}' must hold whole numbers from 0, not {1!r}.", name, value)


def _known(d: dict[str, Any], keys: tuple[str, ...], prefix: str = "") -> None:
    for key in d:
        if key not in keys:
            raise UserError("Data source: unknown field '{0}{1}'.", prefix, key)


def _json_copy(spec: Any) -> dict[str, Any]:
    """A detached copy of a ``datasets.make`` spec, refused unless it is plain JSON."""
    if not isinstance(spec, dict) or not isinstance(spec.get("kind"), str):
        raise UserError("Data source: field 'spec' must be an object with a 'kind'.")
    try:
        copy = json.loads(json.dumps(spec, allow_nan=False))
    except (TypeError, ValueError):
        raise UserError("Data source: field 'spec' must hold plain numbers, text and lists.") from None
    if copy != spec and not _same_numbers(copy, spec):
        raise UserError("Data source: field 'spec' must hold plain numbers, text and lists.")
    return copy


def _same_numbers(a: Any, b: Any) -> bool:
    """JSON turns tuples into lists; everything else must come back equal."""
    if isinstance(b, (list, tuple)):
        return isinstance(a, list) and len(a) == len(b) and all(map(_same_numbers, a, b))
    if isinstance(b, dict):
        return isinstance(a, dict) and a.keys() == b.keys() and all(_same_numbers(a[k], b[k]) for k in b)
    if isinstance(b, float) and isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b
