"""One chunk of a CSV table's lines made into numbers (used by :mod:`nnviz.core.data.table`).

:class:`ChunkParser` knows the table's columns (how many fields a row has,
their names, the label and the feature columns) and turns a block of lines
into a feature block and its labels. Two passes, the second only when the
first refuses:

- **fast**: :func:`numpy.loadtxt` (numpy's C parser) reads the chunk's numbers
  at once; a field count per line (``str.count`` of the delimiter, or the
  ``csv`` module's row length for lines with quotes) catches rows with too
  many or too few fields, which ``usecols`` alone would let through;
- **exact**: the ``csv`` module and :func:`float`, row by row, field by field,
  in the file's order: the first problem becomes one :class:`UserError`
  sentence naming the file, the row (the line number in the file, counted
  from 1; the header is row 1) and the column (its name).

Both passes agree on what a table may hold: blank lines are skipped; a
feature is a finite number, with spaces around it allowed and the table's
decimal mark ("1e3", "-0,5", "  3 "); a label is a number, or in text-label
mode any text; an empty cell and the usual missing-value marks ("NA", "NaN",
"null", "?") are missing values.
"""

from __future__ import annotations

import csv
import math
from itertools import repeat
from typing import Any

import numpy as np

from nnviz.core.errors import UserError

#: cells that mean "no value" (compared case-insensitively, spaces stripped)
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "?"})
#: longest cell text quoted in an error sentence
SHOWN_CHARS = 30


class Slow(Exception):
    """The fast pass cannot take this chunk: run the exact one."""


class TextLabels(Exception):
    """A label is text while the table was being read with numeric labels."""


def shown(cell: str) -> str:
    """A cell as an error sentence quotes it: at most :data:`SHOWN_CHARS` characters."""
    cell = cell.strip()
    return cell if len(cell) <= SHOWN_CHARS else cell[: SHOWN_CHARS - 1] + "…"


def number(cell: str, decimal: str) -> float | None:
    """``cell`` as a number with decimal mark ``decimal``, or None when it is not one.

    Python's own :func:`float` reading (spaces, "1e3", "+.5", "inf", "nan"),
    less its digit separators ("1_000"), which numpy's parser does not take.
    """
    s = cell.strip()
    if decimal == ",":
        s = s.replace(",", ".")
    if not s or "_" in s:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def split_line(line: str, delimiter: str, quotechar: str) -> list[str]:
    """The fields of one line: csv rules for a delimiter; runs of spaces for " "."""
    if delimiter == " ":
        if quotechar not in line:
            return line.split()
        line = line.strip()
        dialect: dict[str, Any] = {"skipinitialspace": True}
    else:
        dialect = {}
    # not strict: a stray quote inside a field is kept as text, and a quote
    # left open ends with its line (the field count then tells)
    return next(csv.reader([line], delimiter=delimiter, quotechar=quotechar, **dialect), [])


class ChunkParser:
    """Numbers out of blocks of lines of one table (see the module docstring)."""

    def __init__(
        self,
        name: str,
        delimiter: str,
        decimal: str,
        quotechar: str,
        columns: list[str],
        label: int,
        features: list[int],
        text_labels: bool,
        dtype: Any,
    ) -> None:
        self.name = name
        self.delimiter = delimiter
        self.decimal = decimal
        self.quotechar = quotechar
        self.columns = columns
        self.n_fields = len(columns)
        self.label = label
        self.features = features
        self.text_labels = text_labels
        self.dtype = dtype
        cols = features if text_labels else [*features, label]
        if sorted(cols) == list(range(self.n_fields)):
            # every column is read: numpy checks the field count of each row
            self._usecols: list[int] | None = None
            self._order = None if cols == sorted(cols) else np.array(cols)
        else:
            self._usecols, self._order = cols, None
        self._count_fields = text_labels or self._usecols is not None or delimiter == " "

    # ------------------------------------------------------------ parse
    def parse(self, first_row: int, text: str, lines: list[str]) -> tuple[np.ndarray, Any]:
        """(features (m, d), labels) of the data rows in ``lines`` (``text`` joined by
        newlines; ``first_row``: the file's line number of ``lines[0]``).

        Labels: a float64 array, or a list of stripped strings in text-label mode.
        Raises :class:`UserError` for a bad row, :class:`TextLabels` when a
        label is text in numeric-label mode.
        """
        try:
            return self._fast(text, lines)
        except Slow:
            return self._exact(first_row, lines)

    def _fast(self, text: str, lines: list[str]) -> tuple[np.ndarray, Any]:
        q, d = self.quotechar, self.delimiter
        if "" in lines:  # blank lines (loadtxt skips them, but not the fields counted here)
            keep = [i for i, line in enumerate(lines) if line]
            lines = [lines[i] for i in keep]
            text = "\n".join(lines)
        if not lines:
            return np.zeros((0, len(self.features)), dtype=self.dtype), [] if self.text_labels else np.zeros(0)
        quoted = q in text
        rows: list[list[str]] | None = None
        if self._count_fields:
            if quoted or d == " " or self.text_labels:
                rows = self._rows(lines, quoted)
                if len(rows) != len(lines):  # a quote left open swallowed a line break
                    raise Slow
                counts = set(map(len, rows))
            else:
                counts = set(map(str.count, lines, repeat(d)))
                counts = {c + 1 for c in counts}
            if counts - {self.n_fields}:
                raise Slow
        numeric = text.replace(",", ".").split("\n") if self.decimal == "," else lines
        try:
            block = np.loadtxt(
                numeric,
                dtype=self.dtype,
                delimiter=None if d == " " else d,
                quotechar=q,
                comments=None,
                usecols=self._usecols,
                ndmin=2,
            )
        except ValueError:
            raise Slow from None
        if len(block) != len(lines) or (len(block) and block.shape[1] != len(self._cols())):
            raise Slow
        if self._order is not None:
            block = block[:, self._order]
        if not np.isfinite(block).all():
            raise Slow
        if not self.text_labels:
            return block[:, :-1], block[:, -1].astype(np.float64)
        assert rows is not None
        labels = [r[self.label].strip() for r in rows]
        if any(s.casefold() in MISSING for s in set(labels)):
            raise Slow
        return block, labels

    def _cols(self) -> list[int]:
        return self.features if self.text_labels else [*self.features, self.label]

    def _rows(self, lines: list[str], quoted: bool) -> list[list[str]]:
        d, q = self.delimiter, self.quotechar
        if d == " ":
            if quoted:
                return [split_line(line, d, q) for line in lines]
            return [line.split() for line in lines]
        if quoted:
            # one reader per line would be exact but slow; a quote left open at a
            # line's end makes the reader swallow the next line: the counts differ
            # and the exact pass says where
            return list(csv.reader(lines, delimiter=d, quotechar=q))
        return [line.split(d) for line in lines]

    # ------------------------------------------------------------ exact
    def _exact(self, first_row: int, lines: list[str]) -> tuple[np.ndarray, Any]:
        xs: list[list[float]] = []
        labels: list[Any] = []
        for i, line in enumerate(lines):
            row = first_row + i
            if not line.strip():
                continue
            try:
                cells = split_line(line, self.delimiter, self.quotechar)
            except csv.Error as exc:  # a field over the csv module's size limit
                raise UserError("'{0}', row {1} cannot be split into fields: {2}.", self.name, row, exc) from None
            self._check_count(row, len(cells))
            xs.append([self._feature(row, j, cells[j]) for j in self.features])
            labels.append(self._label(row, cells[self.label]))
        x = np.array(xs, dtype=self.dtype).reshape(len(xs), len(self.features))
        if self.text_labels:
            return x, labels
        return x, np.array(labels, dtype=np.float64)

    def _check_count(self, row: int, count: int) -> None:
        if count < self.n_fields:
            raise UserError(
                "'{0}', row {1} has {2} fields where the first row has {3}: column '{4}' is missing.",
                self.name, row, count, self.n_fields, self.columns[count],
            )
        if count > self.n_fields:
            raise UserError(
                "'{0}', row {1} has {2} fields where the first row has {3}: "
                "there is an extra field after column '{4}'.",
                self.name, row, count, self.n_fields, self.columns[-1],
            )

    def _feature(self, row: int, j: int, cell: str) -> float:
        value = number(cell, self.decimal)
        if value is None or math.isnan(value):
            if cell.strip().casefold() in MISSING:
                raise UserError(
                    "'{0}', row {1}, column '{2}': a value is missing; every feature needs a number.",
                    self.name, row, self.columns[j],
                )
            raise UserError(
                "'{0}', row {1}, column '{2}': '{3}' is not a number.",
                self.name, row, self.columns[j], shown(cell),
            )
        if not math.isfinite(value):
            raise UserError(
                "'{0}', row {1}, column '{2}': '{3}' is not a finite number.",
                self.name, row, self.columns[j], shown(cell),
            )
        return value

    def _label(self, row: int, cell: str) -> Any:
        if cell.strip().casefold() in MISSING:
            raise UserError(
                "'{0}', row {1}, column '{2}': the label is missing; every row needs one.",
                self.name, row, self.columns[self.label],
            )
        if self.text_labels:
            return cell.strip()
        value = number(cell, self.decimal)
        if value is None:
            raise TextLabels
        if not math.isfinite(value):
            raise UserError(
                "'{0}', row {1}, column '{2}': '{3}' is not a finite number.",
                self.name, row, self.columns[self.label], shown(cell),
            )
        return value
