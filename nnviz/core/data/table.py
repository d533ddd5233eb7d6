"""Reading a table the user wrote by hand or exported: CSV and its cousins.

- :func:`sniff` guesses a file's :class:`CsvFormat` from its first 64 KB:
  the encoding (UTF-8 with or without BOM, UTF-16 with a BOM, else
  Windows-1252 or Latin-1), the delimiter (``,`` ``;`` tab ``|`` space), the
  decimal mark (Spanish files use ``;`` and ``0,5``), the quote character and
  whether the first row is a header. A binary file is refused.
- :func:`preview` gives the first rows as text, the column names, which
  columns look numeric and which one looks like the label.
- :func:`read_table` reads the label and feature columns the user chose into
  a :class:`Table`, in chunks, with ``progress`` and ``cancelled`` callbacks
  (:class:`Cancelled` when it stops), and refuses a bad file with one
  :class:`~nnviz.core.errors.UserError` sentence naming the row (the line
  number in the file, the header being row 1) and the column (its name).

Column names: the header's, or without a header the column numbers counted
from 1 as text ("1", "2", …), which read the same in every language; a front
end may show them as "column 3" in its own (``format.header`` tells which).

Which parser, and why
---------------------
Numbers go through :func:`numpy.loadtxt`, whose C parser (numpy ≥ 1.23)
takes a delimiter, a quote character, ``usecols`` and a dtype, fed in chunks
of :data:`BLOCK_BYTES` of whole lines (decimal commas turned into points
first when the delimiter is not a comma). Each chunk parses in a few
milliseconds, so another thread (the GUI's) gets the interpreter between
chunks, and ``progress`` and ``cancelled`` are called between them.
Measured on this project's 2-core machine, 1,000,000 rows × 10 numbers and
a label (97 MB): 1.0–1.7 s, within about 10 % of one ``loadtxt`` call on the
whole file, where :func:`numpy.genfromtxt` takes 5–8.5 s (Python per field)
and the ``csv`` module with :func:`float` per cell about 6.7 s
(``benchmarks/bench_data.py``). pandas 3.1's ``read_csv`` is about 4× faster
(0.23 s best), but it is a 60 MB dependency with a 0.7 s import for this one
dialog, and not installed here, so it is not used. The standard ``csv``
module reads the sample (sniffing, the preview), counts the fields of lines
with quotes, and is the exact second pass over a chunk that numpy refuses:
it finds the first bad row and column for the sentence (see
:mod:`nnviz.core.data._table_chunks`; the guessing of the format is in
:mod:`nnviz.core.data._table_sniff`). ``csv.Sniffer`` was tried for the
delimiter and takes ``,`` for a Spanish file whose every number has a
decimal comma (``0,5;1,25;A``), so :func:`sniff` scores the candidates
itself: the same field count on every line, then the share of cells that read
as numbers.

Limits: a quoted field may not hold a line break (each line is one row). Up
to :data:`MAX_VALUES` numbers (rows × features: 1,000,000 × 1,000 with a
quarter to spare); a table of more than :data:`FLOAT32_ABOVE` numbers (400 MB
as float64) is read as float32 (7 significant digits, plenty for inputs that
get standardised; its numeric labels too), halving the memory: 1,000,000 ×
1,000 takes 4 GB.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core.data._table_chunks import MISSING, ChunkParser, TextLabels, number, split_line
from nnviz.core.data._table_sniff import (
    CANDIDATES,
    decoded_lines,
    encoding_of,
    guess_decimal,
    guess_delimiter,
    guess_header,
    guess_quotechar,
    newlines,
)
from nnviz.core.errors import UserError

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
DELIMITERS = CANDIDATES
DECIMALS = (".", ",")
QUOTECHARS = ('"', "'")
#: bytes :func:`sniff` looks at
SNIFF_BYTES = 65536
#: bytes read per chunk: about 2,600 rows of 10 numbers, a few ms of parsing
BLOCK_BYTES = 1 << 18
#: more numbers than this (rows × features) are read as float32
FLOAT32_ABOVE = 50_000_000
#: the most numbers (rows × features) a table may give
MAX_VALUES = 1_250_000_000
#: header names that suggest the label column (compared case-insensitively)
LABEL_NAMES = ("label", "labels", "class", "clase", "target", "y", "etiqueta", "objetivo", "salida",
               "output", "species", "especie", "category", "categoria", "categoría")


class Cancelled(Exception):
    """``cancelled()`` turned True: reading stopped and nothing was returned."""


@dataclass(frozen=True)
class CsvFormat:
    """How a table file is written; :func:`sniff` guesses it."""

    encoding: str = "utf-8"
    delimiter: str = ","
    decimal: str = "."
    quotechar: str = '"'
    header: bool = True

    def validate(self) -> CsvFormat:
        """Raise :class:`UserError` naming the first impossible field."""
        for field, value, allowed in (
            ("encoding", self.encoding, ENCODINGS),
            ("delimiter", self.delimiter, DELIMITERS),
            ("decimal", self.decimal, DECIMALS),
            ("quotechar", self.quotechar, QUOTECHARS),
        ):
            if value not in allowed:
                raise UserError(
                    "CSV setting '{0}' must be one of {1}, not {2!r}.",
                    field, ", ".join(map(repr, allowed)), value,
                )
        if not isinstance(self.header, bool):
            raise UserError("CSV setting 'header' must be true or false, not {0!r}.", self.header)
        if self.decimal == "," and self.delimiter == ",":
            raise UserError("A table cannot use the comma both between fields and as its decimal mark.")
        return self


@dataclass
class Preview:
    """The first rows of a table, for the user to choose columns."""

    format: CsvFormat
    #: one name per column (see the module docstring)
    names: list[str]
    #: the first data rows, cells as text (spaces stripped), padded or cut to ``len(names)``
    rows: list[list[str]]
    #: per column: every non-missing cell of the preview rows is a number
    numeric: list[bool]
    #: the column that looks like the label: one named like :data:`LABEL_NAMES`, else the last
    suggested_label: int


@dataclass
class Table:
    """The chosen columns of a table file."""

    #: the feature columns' names, in the order of ``x``'s columns
    names: list[str]
    #: (n_rows, len(features)) float64, or float32 above :data:`FLOAT32_ABOVE` numbers
    x: np.ndarray
    #: (n_rows,) float64 when every label is a number, else the labels as text (a str array)
    labels: np.ndarray
    label_name: str
    format: CsvFormat
    n_rows: int
    path: str = ""
    #: the label's and the features' column indices in the file
    label: int = 0
    features: list[int] | None = None
    #: every column's name
    columns: list[str] | None = None

    @property
    def text_labels(self) -> bool:
        return self.labels.dtype.kind == "U"


# ------------------------------------------------------------------ sniffing
def sniff(path: str | os.PathLike[str]) -> CsvFormat:
    """The format of the table in ``path``, guessed from its first 64 KB."""
    return _sniff(path)[0]


def _sniff(path: str | os.PathLike[str]) -> tuple[CsvFormat, list[str]]:
    """(format, the sample's non-blank lines)."""
    name = Path(path).name
    raw = _read_head(path, SNIFF_BYTES)
    encoding = encoding_of(raw, name)
    lines = decoded_lines(raw, encoding, truncated=len(raw) == SNIFF_BYTES)
    if not lines:
        raise UserError("'{0}' is empty.", name)
    quotechar = guess_quotechar(lines)
    delimiter = guess_delimiter(lines, quotechar)
    rows = [split_line(line, delimiter, quotechar) for line in lines]
    decimal = guess_decimal(rows) if delimiter != "," else "."
    header = guess_header(rows, decimal)
    return CsvFormat(encoding, delimiter, decimal, quotechar, header), lines


def _read_head(path: str | os.PathLike[str], size: int) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise UserError("Cannot read '{0}': {1}.", str(path), exc.strerror or str(exc)) from None


def _head_lines(path: str | os.PathLike[str], encoding: str, limit: int) -> list[str]:
    """The first ``limit`` non-blank lines of ``path``, from its first 4 MB."""
    size = 64 * SNIFF_BYTES
    raw = _read_head(path, size)
    return decoded_lines(raw, encoding, truncated=len(raw) == size, limit=limit)


# ------------------------------------------------------------------ preview
def preview(path: str | os.PathLike[str], rows: int = 20, fmt: CsvFormat | None = None) -> Preview:
    """The format, column names and first ``rows`` data rows of ``path``.

    ``fmt`` (the user's correction of the guessed separator, decimal mark or
    header) is used instead of the guess; its encoding is the guessed one.
    """
    name = Path(path).name
    guessed, lines = _sniff(path)
    if fmt is None:
        fmt = guessed
    else:
        fmt = replace(fmt, encoding=guessed.encoding).validate()
    if len(lines) < rows + 1:  # wide rows, or more rows than the sniffer looked at
        lines = _head_lines(path, fmt.encoding, rows + 1)
    table = [split_line(line, fmt.delimiter, fmt.quotechar) for line in lines[: rows + 1]]
    names = column_names(table[0], fmt.header)
    data = table[1:] if fmt.header else table
    if not data:
        raise UserError("'{0}' has a header row but no data rows.", name)
    width = len(names)
    cells = [[c.strip() for c in r[:width]] + [""] * (width - len(r)) for r in data]
    numeric = []
    for j in range(width):
        present = [r[j] for r in cells if r[j].casefold() not in MISSING]
        numeric.append(bool(present) and all(number(c, fmt.decimal) is not None for c in present))
    return Preview(fmt, names, cells, numeric, suggest_label(names))


def column_names(first_row: list[str], header: bool) -> list[str]:
    """The header's names (an empty one becomes its column number), or the column numbers."""
    if not header:
        return [str(j + 1) for j in range(len(first_row))]
    names = [c.strip().lstrip("\ufeff").strip() for c in first_row]
    return [n or str(j + 1) for j, n in enumerate(names)]


def suggest_label(names: list[str]) -> int:
    """The last column named like :data:`LABEL_NAMES`, else the last column."""
    for j in range(len(names) - 1, -1, -1):
        if names[j].casefold() in LABEL_NAMES:
            return j
    return max(len(names) - 1, 0)


# ------------------------------------------------------------------ reading
Progress = Callable[[float], None]


def read_table(
    path: str | os.PathLike[str],
    fmt: CsvFormat,
    label: int,
    features: list[int],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Table:
    """The ``label`` column and the ``features`` columns (indices from 0) of ``path``.

    ``progress(fraction)`` is called between chunks (at most every 1 % and at
    the end); ``cancelled()`` is asked between chunks and :class:`Cancelled`
    raised when it says True. Bad input raises :class:`UserError` (see the
    module docstring). Labels are read as numbers until one is text; then the
    file is read again with text labels. A file that looked ASCII but is not
    UTF-8 further on is read again as Windows-1252 (then Latin-1).
    """
    fmt.validate()
    features = [int(j) if isinstance(j, np.integer) else j for j in features]
    label = int(label) if isinstance(label, np.integer) else label
    text_labels = False
    for _ in range(4):
        try:
            return _Reading(path, fmt, label, features, text_labels, progress, cancelled).run()
        except TextLabels:
            text_labels = True
        except _Reencode as again:
            fmt = replace(fmt, encoding=again.encoding)
    raise AssertionError("read_table restarted too often")  # pragma: no cover


class _Reencode(Exception):
    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.encoding = encoding


class _Reading:
    """One pass over the file: blocks of bytes -> lines -> numbers, grown into arrays."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        fmt: CsvFormat,
        label: int,
        features: list[int],
        text_labels: bool,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.path, self.fmt, self.name = str(path), fmt, Path(path).name
        self.label, self.features, self.text_labels = label, features, text_labels
        self.progress, self.cancelled = progress, cancelled
        self.parser: ChunkParser | None = None
        self.columns: list[str] = []
        self.x = np.zeros((0, 0))
        self.n = 0
        self.num_labels = np.zeros(0)
        self.str_labels: list[str] = []
        self.ascii = True

    def run(self) -> Table:
        try:
            size = os.path.getsize(self.path)
            with open(self.path, "rb") as fh:
                for first_row, text, lines in self._blocks(fh, size):
                    self._take(first_row, text, lines, size)
        except OSError as exc:
            raise UserError("Cannot read '{0}': {1}.", self.path, exc.strerror or str(exc)) from None
        if self.parser is None:
            raise UserError("'{0}' is empty.", self.name)
        if self.n == 0:
            if self.fmt.header:
                raise UserError("'{0}' has a header row but no data rows.", self.name)
            raise UserError("'{0}' is empty.", self.name)  # pragma: no cover - a first row is data
        self.x.resize((self.n, len(self.features)), refcheck=False)
        if self.text_labels:
            labels = np.array(self.str_labels)
        else:
            self.num_labels.resize(self.n, refcheck=False)
            labels = self.num_labels
        return Table(
            names=[self.columns[j] for j in self.features], x=self.x, labels=labels,
            label_name=self.columns[self.label], format=self.fmt, n_rows=self.n, path=self.path,
            label=self.label, features=list(self.features), columns=list(self.columns),
        )

    def _blocks(self, fh: Any, size: int) -> Any:
        """(file line number of the first line, the lines joined, the lines) per block."""
        decoder = codecs.getincrementaldecoder(self.fmt.encoding)()
        carry, row, cr_only, shown = "", 1, None, -1.0
        while True:
            if self.cancelled is not None and self.cancelled():
                raise Cancelled
            raw = fh.read(BLOCK_BYTES)
            final = not raw
            try:
                text = carry + decoder.decode(raw, final)
            except UnicodeDecodeError as exc:
                self._bad_bytes(exc, raw, row + carry.count("\n"))
            self.ascii = self.ascii and text.isascii()
            if cr_only is None and "\r" in text:
                cr_only = "\n" not in text
            if "\r" in text:
                text = newlines(text, bool(cr_only))
            if final:
                body, carry = text, ""
            else:
                cut = text.rfind("\n")
                if cut < 0:  # one line longer than a block: read on
                    carry = text
                    continue
                body, carry = text[:cut], text[cut + 1 :]
            if body or not final:
                lines = body.split("\n")
                yield row, body, lines
                row += len(lines)
            done = fh.tell() / size if size else 1.0
            if self.progress is not None and (final or done - shown >= 0.01):
                shown = 1.0 if final else done
                self.progress(shown)
            if final:
                return

    def _bad_bytes(self, exc: UnicodeDecodeError, raw: bytes, row: int) -> None:
        enc = self.fmt.encoding
        if enc in ("utf-8", "utf-8-sig") and self.ascii:
            raise _Reencode("cp1252")
        if enc == "cp1252":
            raise _Reencode("latin-1")
        row += raw[: max(exc.start, 0)].count(b"\n")
        raise UserError(
            "'{0}', row {1}: the file is not {2} text there; save it as UTF-8.", self.name, row, enc
        )

    def _take(self, first_row: int, text: str, lines: list[str], size: int) -> None:
        if self.parser is None:
            for i, line in enumerate(lines):
                if line.strip():
                    self._start(split_line(line, self.fmt.delimiter, self.fmt.quotechar), size, text)
                    if self.fmt.header:
                        i += 1
                    first_row, lines = first_row + i, lines[i:]
                    text = "\n".join(lines)
                    break
            else:
                return
        assert self.parser is not None
        x, labels = self.parser.parse(first_row, text, lines)
        self._append(x, labels)

    def _start(self, first: list[str], size: int, text: str) -> None:
        """The first row is known: the columns, the choice checked, the arrays sized."""
        self.columns = column_names(first, self.fmt.header)
        check_columns(self.columns, self.label, self.features)
        d = len(self.features)
        per_line = max(len(text.encode(self.fmt.encoding, "replace")) / max(text.count("\n") + 1, 1), 1.0)
        estimate = int(size / per_line * 1.05) + 16
        dtype = np.float32 if estimate * d > FLOAT32_ABOVE else np.float64
        self.parser = ChunkParser(
            self.name, self.fmt.delimiter, self.fmt.decimal, self.fmt.quotechar, self.columns,
            self.label, self.features, self.text_labels, dtype,
        )
        self._allocate(min(estimate, MAX_VALUES // d + 1), dtype)

    def _allocate(self, rows: int, dtype: Any) -> None:
        d = len(self.features)
        try:
            if self.n == 0:
                self.x = np.empty((rows, d), dtype=dtype)
                self.num_labels = np.empty(0 if self.text_labels else rows)
            else:
                self.x.resize((rows, d), refcheck=False)
                if not self.text_labels:
                    self.num_labels.resize(rows, refcheck=False)
        except MemoryError:
            raise UserError(
                "There is not enough memory for '{0}': {1} rows of {2} features.", self.name, rows, d
            ) from None

    def _append(self, x: np.ndarray, labels: Any) -> None:
        m = len(x)
        if not m:
            return
        need = self.n + m
        if need * len(self.features) > MAX_VALUES:
            raise UserError(
                "'{0}' is too big: more than {1} numbers (rows × features); "
                "choose fewer feature columns or fewer rows.",
                self.name, MAX_VALUES,
            )
        if need > len(self.x):
            self._allocate(max(need, len(self.x) * 3 // 2), self.x.dtype)
        self.x[self.n : need] = x
        if self.text_labels:
            self.str_labels.extend(labels)
        else:
            self.num_labels[self.n : need] = labels
        self.n = need


def check_columns(columns: list[str], label: int, features: list[int]) -> None:
    """Raise :class:`UserError` unless ``label`` and ``features`` are distinct columns."""
    n = len(columns)
    for j in [label, *features]:
        if isinstance(j, bool) or not isinstance(j, (int, np.integer)):
            raise TypeError(f"column numbers are whole numbers, not {j!r}")
        if not 0 <= j < n:  # said counted from 1, as a user counts columns
            raise UserError("The table has {0} columns; there is no column {1}.", n, int(j) + 1)
    if not features:
        raise UserError("Choose at least one feature column: the network's inputs.")
    if label in features:
        raise UserError("Column '{0}' cannot be both the label and a feature.", columns[label])
    if len(set(features)) != len(features):
        twice = next(j for j in features if features.count(j) > 1)
        raise UserError("Column '{0}' is chosen twice as a feature.", columns[twice])


def table_columns(path: str | os.PathLike[str], fmt: CsvFormat) -> list[str]:
    """The column names of ``path`` read with ``fmt`` (its first non-blank line)."""
    lines = _head_lines(path, fmt.encoding, 1)
    if not lines:
        raise UserError("'{0}' is empty.", Path(path).name)
    return column_names(split_line(lines[0], fmt.delimiter, fmt.quotechar), fmt.header)

